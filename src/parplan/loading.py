"""YAML files -> models, with the place (file, line, column, criterion id) of every problem.

The YAML is read from the parser's *events*, not through PyYAML's constructor, because that
gives, in one linear pass:

- exact numbers: a YAML float becomes a :class:`~decimal.Decimal` from its own text;
- the position of every value, so pydantic errors point at a line and column;
- safety: aliases are refused outright (no "billion laughs" expansion), tags other than the
  plain YAML ones are refused before anything is built, nesting and size are capped.

``yaml.CSafeLoader`` (libyaml) is used when available; the pure-Python parser gives the
same events, only slower.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from parplan.models import Baseline, Targets

Role = Literal["baseline", "targets", "results"]
Key = str | int
Mark = tuple[int, int]
"""(line, column), both 1-based."""

MAX_BYTES = 64 * 1024 * 1024
"""Far above any real plan (100,000 criteria is about 15 MB); refuses a runaway file."""
MAX_DEPTH = 32
"""The deepest real structure is 7 levels; deep nesting is refused before it costs."""

_PARSER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_Y = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {
    None,
    "!",
    _Y + "str",
    _Y + "int",
    _Y + "float",
    _Y + "bool",
    _Y + "null",
    _Y + "map",
    _Y + "seq",
    _Y + "timestamp",
}


@dataclass(frozen=True)
class Problem:
    """One finding with its place: ``FILE:LINE:COL: ID: message``."""

    file: str
    line: int | None
    column: int | None
    id: str | None
    severity: Literal["error", "warning"]
    message: str

    def format(self) -> str:
        place = self.file
        if self.line is not None:
            place += f":{self.line}:{self.column}"
        who = f" {self.id}:" if self.id else ""
        return f"{place}:{who} {self.severity}: {self.message}"


class InputError(Exception):
    """Unusable input; carries every problem found, not only the first."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("\n".join(p.format() for p in problems))
        self.problems = tuple(problems)


@dataclass
class Document:
    """A parsed YAML file: its plain data and where each value stands in the file."""

    file: str
    data: Any
    marks: dict[int, dict[Key, Mark]] = field(default_factory=dict)
    """By ``id`` of each mapping and list (of ``located``, else ``data``): key -> (line, column)."""
    root_mark: Mark = (1, 1)
    text: str | None = field(default=None, repr=False)
    """Set when the position map was skipped, to build it on demand (see :func:`parse_yaml`)."""
    pure: bool = False
    located: Any = field(default=None, repr=False)
    """The data the marks refer to: ``data`` itself, or an equal copy parsed again."""

    def locate(self, path: Sequence[Key]) -> tuple[Mark, str | None]:
        """The (line, column) of the value at ``path`` and the nearest enclosing ``id``.

        A path that leaves the data (a missing key) stops at the deepest value that exists,
        which is where the key should have been written.
        """
        if self.text is not None:  # positions were skipped: read them now, once
            again = parse_yaml(self.text, self.file, pure=self.pure)
            self.located, self.marks, self.root_mark = again.data, again.marks, again.root_mark
            self.text = None
        node: Any = self.data if self.located is None else self.located
        mark = self.root_mark
        ident = _ident(node)
        for key in path:
            marks = self.marks.get(id(node))
            if marks is None or key not in marks:
                break
            mark = marks[key]
            node = node[key]
            ident = _ident(node) or ident
        return mark, ident

    def problem(
        self, path: Sequence[Key], message: str, severity: Literal["error", "warning"] = "error"
    ) -> Problem:
        (line, column), ident = self.locate(path)
        return Problem(self.file, line, column, ident, severity, message)


def _ident(node: Any) -> str | None:
    if isinstance(node, dict):
        value = node.get("id")
        if isinstance(value, str):
            return value
    return None


def _file_problem(file: str, message: str, mark: Mark | None = None) -> InputError:
    line, column = mark if mark else (None, None)
    return InputError([Problem(file, line, column, None, "error", message)])


def read_text(path: Path, display: str) -> str:
    """Read a file as UTF-8 (a BOM is allowed); every failure is an :class:`InputError`."""
    try:
        if path.is_dir():
            raise _file_problem(display, "is a directory, not a YAML file")
        with path.open("rb") as stream:
            raw = stream.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise _file_problem(display, "no such file") from None
    except PermissionError:
        raise _file_problem(display, "permission denied") from None
    except OSError as error:
        raise _file_problem(display, f"cannot be read: {error.strerror}") from None
    if len(raw) > MAX_BYTES:
        raise _file_problem(display, f"is larger than {MAX_BYTES // (1024 * 1024)} MiB")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        raise _file_problem(
            display, f"is not valid UTF-8 (byte 0x{raw[error.start]:02x})", (line, column)
        ) from None


def _mark(event: Any) -> Mark:
    return (event.start_mark.line + 1, event.start_mark.column + 1)


_FLOAT_TEXT = re.compile(r"^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$")


_IMPLICIT = _RESOLVER.yaml_implicit_resolvers
"""Implicit tags by first character: a plain scalar whose first character has none is a string."""
assert None not in _IMPLICIT, "the shortcut below assumes no resolver for any first character"
assert not _RESOLVER.yaml_path_resolvers, "the shortcut below assumes no path resolvers"
_STR = _Y + "str"


_UNSET: Any = object()


def _resolve(value: str, implicit: tuple[bool, bool]) -> str:
    """PyYAML's implicit resolution, with its answer for the commonest case given at once.

    A quoted scalar, or a plain one whose first character starts no implicit type (a name,
    most keys), is a string: PyYAML's resolver would try no pattern on it either.
    """
    if not implicit[0] or (value and value[0] not in _IMPLICIT):
        return _STR
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, value, implicit)  # type: ignore[no-untyped-call]  # PyYAML is untyped
    return tag


def _scalar(event: Any) -> Any:
    """Build a plain value from a scalar event, exactly as YAML 1.1 (PyYAML) resolves it."""
    if event.tag not in _ALLOWED_TAGS:
        raise ValueError(f"the tag {event.tag!r} is not allowed (only plain YAML values)")
    value: str = event.value
    if event.tag in (None, "!"):
        tag = _resolve(value, event.implicit)
    else:
        tag = event.tag
    if tag == _STR:
        return value
    if tag == _Y + "float":
        text = value.replace("_", "")
        if _FLOAT_TEXT.match(text):
            try:
                return Decimal(text)
            except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
                pass
        node = yaml.ScalarNode(tag, value)
        number = _CONSTRUCTOR.construct_yaml_float(node)
        return Decimal(repr(number)) if number == number else Decimal("NaN")
    node = yaml.ScalarNode(tag, value)
    if tag == _Y + "int":
        return _CONSTRUCTOR.construct_yaml_int(node)
    if tag == _Y + "bool":
        return _CONSTRUCTOR.construct_yaml_bool(node)
    if tag == _Y + "null":
        return None
    if tag == _Y + "timestamp":
        return _CONSTRUCTOR.construct_yaml_timestamp(node)
    raise ValueError(f"the tag {tag!r} is not allowed")  # pragma: no cover - resolver tags


def _events(text: str, pure: bool) -> Iterator[Any]:
    loader = (yaml.SafeLoader if pure else _PARSER)(text)
    get_event = loader.get_event  # one call per event, not check_event + get_event
    try:
        while (event := get_event()) is not None:
            yield event
    finally:
        loader.dispose()


def parse_yaml(  # noqa: PLR0912, PLR0915 - one loop over the events, kept flat because it is the hot path
    text: str, file: str, *, pure: bool = False, positions: bool = True
) -> Document:
    """Parse one YAML document into plain data with positions; refuse what is unsafe.

    With ``positions=False`` the position map is not built (it is a sixth of the parse): the
    document keeps the text and builds the map by parsing again on its first
    :meth:`Document.locate`, that is only when there is a problem to place.
    """
    doc = Document(file=file, data=None)
    # The open containers, outermost first, each as (container, is_mapping, pending key,
    # marks); the innermost one is kept in locals because every event touches it.
    stack: list[tuple[Any, bool, Any, dict[Key, Mark] | None]] = []
    container: Any = None
    is_mapping = False
    pending: Any = _UNSET  # a mapping's key, read and waiting for its value
    marks: dict[Key, Mark] | None = None
    documents = 0
    root: Any = _UNSET
    # Plain scalars by their text: keys and repeated values are resolved and built once. The
    # values (str, int, Decimal, None, bool, dates) are immutable, so sharing them is safe.
    plain: dict[str, Any] = {}
    scalar_event, mapping_start = yaml.ScalarEvent, yaml.MappingStartEvent
    try:
        for event in _events(text, pure):
            kind = event.__class__
            if kind is scalar_event:  # most events: the cheapest test first
                if event.tag is None and event.implicit[0]:
                    value = plain.get(event.value, _UNSET)
                    if value is _UNSET:
                        value = plain[event.value] = _scalar(event)
                else:
                    value = _scalar(event)
                if container is None:
                    root = value
                    doc.root_mark = _mark(event)
                elif not is_mapping:
                    if marks is not None:
                        marks[len(container)] = _mark(event)
                    container.append(value)
                elif pending is _UNSET:
                    if value in container:
                        raise ValueError(f"duplicate key {value!r}")
                    pending = value
                else:
                    if marks is not None:
                        marks[pending] = _mark(event)
                    container[pending] = value
                    pending = _UNSET
            elif kind is mapping_start or kind is yaml.SequenceStartEvent:
                if event.tag not in _ALLOWED_TAGS:
                    raise ValueError(f"the tag {event.tag!r} is not allowed")
                if len(stack) >= MAX_DEPTH:
                    raise ValueError(f"nesting deeper than {MAX_DEPTH} levels is refused")
                new: Any = {} if kind is mapping_start else []
                if container is None:
                    root = new
                    doc.root_mark = _mark(event)
                elif is_mapping:
                    if pending is _UNSET:
                        raise ValueError("a mapping or list cannot be used as a key")
                    if marks is not None:
                        marks[pending] = _mark(event)
                    container[pending] = new
                    pending = _UNSET
                else:
                    if marks is not None:
                        marks[len(container)] = _mark(event)
                    container.append(new)
                stack.append((container, is_mapping, pending, marks))
                container, is_mapping, pending = new, kind is mapping_start, _UNSET
                if positions:
                    marks = doc.marks[id(new)] = {}
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                container, is_mapping, pending, marks = stack.pop()
            elif kind is yaml.AliasEvent:
                raise ValueError(
                    f"aliases (*{event.anchor}) are refused: they can expand without bound"
                )
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise ValueError("expected one YAML document, found several")
    except yaml.MarkedYAMLError as error:
        problem_mark = error.problem_mark or error.context_mark
        mark = (problem_mark.line + 1, problem_mark.column + 1) if problem_mark else None
        message = " ".join(str(part) for part in (error.context, error.problem) if part)
        raise _file_problem(file, f"is not valid YAML: {message}", mark) from None
    except yaml.YAMLError as error:
        raise _file_problem(file, f"is not valid YAML: {error}") from None
    except ValueError as error:
        mark = _mark(event) if "event" in locals() else None
        raise _file_problem(file, str(error), mark) from None
    except RecursionError:  # pragma: no cover - depth is capped above
        raise _file_problem(file, "is nested too deeply") from None
    if root is _UNSET or root is None:
        raise _file_problem(file, "is empty: expected a mapping of keys")
    if not isinstance(root, dict):
        kind = "a list" if isinstance(root, list) else "a single value"
        raise _file_problem(file, f"must be a mapping of keys, not {kind}", doc.root_mark)
    doc.data = root
    if not positions:
        doc.text, doc.pure = text, pure
    return doc


M = TypeVar("M", bound=BaseModel)


def _describe(error: Any) -> str:
    kind = error["type"]
    loc = error["loc"]
    key = loc[-1] if loc else None
    if kind == "extra_forbidden":
        return f"unknown key {key!r}"
    if kind == "missing":
        return f"missing key {key!r}"
    message = str(error["msg"])
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    where = f"{key}: " if isinstance(key, str) else ""
    return where + message


def validate(doc: Document, model: type[M]) -> M:
    """Validate plain data against a model; every pydantic error gets its YAML place."""
    try:
        return model.model_validate(doc.data)
    except ValidationError as error:
        problems = []
        for item in error.errors(include_url=False):
            loc = [part for part in item["loc"] if isinstance(part, (str, int))]
            if item["type"] == "missing":
                # The place of a missing key is its mapping; its id names the criterion.
                problems.append(doc.problem(loc[:-1], _describe(item)))
            else:
                problems.append(doc.problem(loc, _describe(item)))
        raise InputError(problems) from None


def load(path: Path, model: type[M], *, display: str | None = None, pure: bool = False) -> tuple[M, Document]:
    """Read, parse and validate one file."""
    name = display if display is not None else str(path)
    # No position map yet: it is built only if a problem has to be placed in this file.
    doc = parse_yaml(read_text(path, name), name, pure=pure, positions=False)
    return validate(doc, model), doc


def bundled(name: str) -> Path:
    """A bundled data file: it ships inside the package so any directory works."""
    return Path(__file__).parent / "data" / name


DEFAULT_BASELINE = "baseline_2024.yaml"
DEFAULT_TARGETS = "targets_2025.yaml"


def load_baseline(path: Path, **kwargs: Any) -> tuple[Baseline, Document]:
    return load(path, Baseline, **kwargs)


def load_targets(path: Path, **kwargs: Any) -> tuple[Targets, Document]:
    return load(path, Targets, **kwargs)


__all__ = [
    "DEFAULT_BASELINE",
    "DEFAULT_TARGETS",
    "Document",
    "InputError",
    "Problem",
    "bundled",
    "load",
    "load_baseline",
    "load_targets",
    "parse_yaml",
    "read_text",
    "validate",
]
