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

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, TypeVar, get_args

import yaml
from pydantic import BaseModel, ValidationError

from parplan.models import BODY_ID_PATTERN, ID_PATTERN, RANK_PATTERN, Baseline, Targets

Role = Literal["baseline", "targets", "results"]
Key = str | int
"""A step of a path into the data: a mapping key or a list position."""
Mark = tuple[int, int]
"""(line, column), both 1-based."""

MAX_BYTES = 64 * 1024 * 1024
"""Far above any real plan (100,000 criteria is about 15 MB); refuses a runaway file."""
MAX_DEPTH = 32
"""The deepest real structure is 7 levels; deep nesting is refused before it costs."""
MAX_VALUES = 4_000_000
"""A plan of 100,000 criteria written like the bundled one has about 1,900,000 values; a file
of tens of millions of tiny values (``[1,1,1,...]``) would take gigabytes for its positions."""
MAX_SCALAR = 1_000_000
"""Characters in one value; no name or note comes near it."""

_PARSER: Any = getattr(yaml, "CSafeLoader", None)
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
    marks: dict[int, dict[Any, Mark]] = field(default_factory=dict)
    """For each container (by ``id``): where each of its values starts."""
    key_marks: dict[int, dict[Any, Mark]] = field(default_factory=dict)
    """For each mapping (by ``id``): where each of its keys starts (for unknown keys)."""
    root_mark: Mark = (1, 1)
    text: str | None = field(default=None, repr=False)
    """Set when the position map was skipped, to build it on demand (see :func:`parse_yaml`)."""
    pure: bool = False
    located: Any = field(default=None, repr=False)
    """The data the marks refer to: ``data`` itself, or an equal copy parsed again."""

    def locate(self, path: Sequence[Any], *, key: bool = False) -> tuple[Mark, str | None]:
        """The (line, column) of the value at ``path`` and the nearest enclosing ``id``.

        A path that leaves the data (a missing key) stops at the deepest value that exists,
        which is where the key should have been written. With ``key``, the last step points
        at the key itself rather than its value: a misspelt key is where the typo is.
        """
        if self.text is not None:  # positions were skipped: read them now, once
            again = parse_yaml(self.text, self.file, pure=self.pure)
            self.located, self.marks, self.key_marks = again.data, again.marks, again.key_marks
            self.root_mark, self.text = again.root_mark, None
        node: Any = self.data if self.located is None else self.located
        mark = self.root_mark
        ident = _ident(node)
        for step, part in enumerate(path):
            marks = self.marks.get(id(node))
            if marks is None:
                break
            found = _find_key(marks, part)
            if found is _MISSING:
                break
            if key and step == len(path) - 1:
                mark = self.key_marks.get(id(node), {}).get(found, marks[found])
                break
            mark = marks[found]
            node = node[found]
            ident = _ident(node) or ident
        return mark, ident

    def problem(
        self,
        path: Sequence[Any],
        message: str,
        severity: Literal["error", "warning"] = "error",
        *,
        key: bool = False,
    ) -> Problem:
        (line, column), ident = self.locate(path, key=key)
        return Problem(self.file, line, column, ident, severity, message)


_MISSING = object()


def _find_key(marks: dict[Any, Mark], part: Any) -> Any:
    """The key of ``marks`` that ``part`` names; pydantic reports a ``None`` key as "None"."""
    if part in marks:
        return part
    if isinstance(part, str):
        for candidate in marks:
            if not isinstance(candidate, str) and str(candidate) == part:
                return candidate
    return _MISSING


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


class _Refused(ValueError):
    """Input refused on purpose (unsafe or too big), with the place where it was noticed."""

    def __init__(self, message: str, mark: Mark | None = None) -> None:
        super().__init__(message)
        self.mark = mark


_FLOAT_TEXT = re.compile(r"^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$")
_KINDS = {_Y + "int": "an integer", _Y + "timestamp": "a date", _Y + "float": "a number"}


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
    if len(value) > MAX_SCALAR:
        raise ValueError(f"a value longer than {MAX_SCALAR:,} characters is refused")
    tag = event.tag
    if tag in (None, "!"):
        tag = _resolve(value, event.implicit)
    if tag == _STR:
        if _SURROGATE.search(value):
            # Only the pure-Python parser lets "\ud800" through; it cannot be written as UTF-8.
            raise ValueError("the text contains a lone surrogate escape, which is not a character")
        return value
    try:
        return _construct(tag, value)
    except (ValueError, OverflowError) as error:
        # Python's own words ("invalid literal for int() with base 16") mean nothing to an analyst.
        kind = _KINDS.get(tag, tag.removeprefix(_Y))
        shown = value if len(value) <= 40 else value[:40] + "…"
        raise ValueError(f"{shown!r} cannot be read as {kind} ({error})") from None


_SURROGATE = re.compile("[\ud800-\udfff]")


def _construct(tag: str, value: str) -> Any:
    if tag == _Y + "float":
        text = value.replace("_", "")
        if _FLOAT_TEXT.match(text):
            return Decimal(text)
        number = _CONSTRUCTOR.construct_yaml_float(yaml.ScalarNode(tag, value))
        # Infinity and NaN reach the models, which say why they are refused.
        is_nan = number != number  # noqa: PLR0124  # the NaN test itself
        return Decimal("NaN") if is_nan else Decimal(repr(number))
    node = yaml.ScalarNode(tag, value)
    if tag == _Y + "int":
        if len(value) > 100:
            raise ValueError("more than 100 digits")
        return _CONSTRUCTOR.construct_yaml_int(node)
    if tag == _Y + "bool":
        return _CONSTRUCTOR.construct_yaml_bool(node)
    if tag == _Y + "null":
        return None
    if tag == _Y + "timestamp":
        return _CONSTRUCTOR.construct_yaml_timestamp(node)
    raise ValueError(f"the tag {tag!r} is not allowed")  # pragma: no cover - resolver tags


class _PureParser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
    """Reader, scanner and parser only (nothing here can construct a Python object), with
    deep flow nesting (``[[[[...``) refused as soon as the scanner meets it.

    Without the cap, the scanner looks ahead over every ``[`` of a long line, keeping each as
    a possible simple key, which costs time quadratic in the line before the first event.
    """

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)

    def fetch_flow_collection_start(self, TokenClass: Any) -> None:
        if self.flow_level >= MAX_DEPTH:
            mark = self.get_mark()
            raise _Refused(
                f"nesting deeper than {MAX_DEPTH} levels is refused", (mark.line + 1, mark.column + 1)
            )
        super().fetch_flow_collection_start(TokenClass)


def _reader_problem(file: str, text: str, error: yaml.reader.ReaderError) -> InputError:
    position = error.position
    before = text[:position]
    mark = (before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1)
    character = error.character
    code = f"U+{character:04X}" if isinstance(character, int) else repr(character)
    return _file_problem(file, f"is not valid YAML: the control character {code} is not allowed", mark)


def _syntax_problem(error: yaml.MarkedYAMLError) -> tuple[str, Mark | None]:
    """The place where the parser gave up, and where the construct it was reading began:
    an unclosed ``[`` is reported at the end of the file, so the start is the useful half."""
    problem_mark = error.problem_mark or error.context_mark
    mark = (problem_mark.line + 1, problem_mark.column + 1) if problem_mark else None
    message = f"is not valid YAML: {error.problem or error.context}"
    start = error.context_mark
    if error.problem and error.context and start is not None and start is not problem_mark:
        message += f" ({error.context} from line {start.line + 1}, column {start.column + 1})"
    return message, mark


def parse_yaml(  # noqa: PLR0915 - one loop over the events, kept flat: it is the hot path
    text: str, file: str, *, pure: bool = False, positions: bool = True
) -> Document:
    """Parse one YAML document into plain data with positions; refuse what is unsafe.

    ``pure`` uses the pure-Python parser even when libyaml is there (tests check both). With
    ``positions=False`` the position map is not built (a sixth of the parse): the document
    keeps the text and builds the map by parsing again on its first :meth:`Document.locate`,
    that is only when there is a problem to place.
    """
    doc = Document(file=file, data=None)
    # The open containers, outermost first, each as (container, is_mapping, pending key,
    # marks, key marks); the innermost one is kept in locals because every event touches it.
    stack: list[tuple[Any, bool, Any, dict[Any, Mark] | None, dict[Any, Mark] | None]] = []
    container: Any = None
    is_mapping = False
    pending: Any = _UNSET  # a mapping's key, read and waiting for its value
    marks: dict[Any, Mark] | None = None
    key_marks: dict[Any, Mark] | None = None
    documents = 0
    values = 0
    root: Any = _UNSET
    # Plain scalars by their text: keys and repeated values are resolved and built once. The
    # values (str, int, Decimal, None, bool, dates) are immutable, so sharing them is safe.
    plain: dict[str, Any] = {}
    scalar_event, mapping_start, sequence_start = (
        yaml.ScalarEvent,
        yaml.MappingStartEvent,
        yaml.SequenceStartEvent,
    )
    event: Any = None
    loader: Any = None
    try:
        # The C parser (libyaml) caps flow nesting itself, at 1000 levels, quickly. Events are
        # pulled in this loop, not through a generator: one resume less per event.
        loader = _PureParser(text) if pure or _PARSER is None else _PARSER(text)
        get_event = loader.get_event  # one call per event, not check_event + get_event
        while (event := get_event()) is not None:
            kind = event.__class__
            if kind is scalar_event:  # most events: the cheapest test first
                values += 1
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
                    if key_marks is not None:
                        key_marks[value] = _mark(event)
                else:
                    if marks is not None:
                        marks[pending] = _mark(event)
                    container[pending] = value
                    pending = _UNSET
            elif kind is mapping_start or kind is sequence_start:
                values += 1
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
                stack.append((container, is_mapping, pending, marks, key_marks))
                container, is_mapping, pending = new, kind is mapping_start, _UNSET
                if positions:
                    marks = doc.marks[id(new)] = {}
                    if is_mapping:
                        key_marks = doc.key_marks[id(new)] = {}
                    else:
                        key_marks = None
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                container, is_mapping, pending, marks, key_marks = stack.pop()
                if values > MAX_VALUES:  # checked per container: the cost stays off the scalars
                    raise ValueError(f"more than {MAX_VALUES:,} values is refused: far more than any plan")
            elif kind is yaml.AliasEvent:
                raise ValueError(
                    f"aliases (*{event.anchor}) are refused: they can expand without bound ('billion laughs')"
                )
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise ValueError("expected one YAML document, found several")
    except _Refused as error:
        raise _file_problem(file, str(error), error.mark) from None
    except yaml.MarkedYAMLError as error:
        raise _file_problem(file, *_syntax_problem(error)) from None
    except yaml.reader.ReaderError as error:
        raise _reader_problem(file, text, error) from None
    except yaml.YAMLError as error:  # pragma: no cover - every PyYAML error is one of the above
        raise _file_problem(file, f"is not valid YAML: {error}") from None
    except ValueError as error:
        raise _file_problem(file, str(error), _mark(event) if event is not None else None) from None
    except RecursionError:  # pragma: no cover - depth is capped above
        raise _file_problem(file, f"is nested too deeply: more than {MAX_DEPTH} levels is refused") from None
    finally:
        if loader is not None:
            loader.dispose()
    if values > MAX_VALUES:
        raise _file_problem(file, f"more than {MAX_VALUES:,} values is refused: far more than any plan")
    if root is _UNSET or root is None:
        raise _file_problem(file, "is empty: expected a mapping of keys")
    if not isinstance(root, dict):
        kind_text = "a list" if isinstance(root, list) else "a single value"
        raise _file_problem(file, f"must be a mapping of keys, not {kind_text}", doc.root_mark)
    doc.data = root
    if not positions:
        doc.text, doc.pure = text, pure
    return doc


M = TypeVar("M", bound=BaseModel)


def _model_at(model: type[BaseModel], path: Sequence[Any]) -> type[BaseModel] | None:
    """The model that validates the mapping at ``path`` (list positions are skipped)."""
    current: type[BaseModel] | None = model
    for part in path:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if current is not None else None
        if field is None:
            return None
        current = _inner_model(field.annotation)
    return current


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    """``Criterion`` from ``tuple[Criterion, ...]``, ``Criterion | None`` and the like."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in get_args(annotation):
        found = _inner_model(argument)
        if found is not None:
            return found
    return None


def _describe(error: Any, model: type[BaseModel]) -> str:
    kind = error["type"]
    loc = error["loc"]
    key = loc[-1] if loc else None
    if kind == "extra_forbidden":
        owner = _model_at(model, loc[:-1])
        known = list(owner.model_fields) if owner is not None else []
        close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        return f"unknown key {key!r}{hint}"
    if kind == "invalid_key":
        return f"the key {key!r} must be text"
    if kind == "missing":
        return f"missing key {key!r}"
    message = _plain(kind, error)
    where = f"{key}: " if isinstance(key, str) else ""
    return where + message


_EXPECTED = {
    "string_type": "expected text",
    "tuple_type": "expected a list",
    "list_type": "expected a list",
    "model_type": "expected a mapping of keys",
    "dict_type": "expected a mapping of keys",
    "int_type": "expected a whole number",
    "int_parsing": "expected a whole number",
    "int_from_float": "expected a whole number",
    "date_type": "expected a date (YYYY-MM-DD)",
    "date_from_datetime_parsing": "expected a date (YYYY-MM-DD)",
    "date_from_datetime_inexact": "expected a date (YYYY-MM-DD) without a time",
}
_PATTERNS = {
    RANK_PATTERN: "expected a rank k/N such as 39/63",
    ID_PATTERN: "expected an id such as par.2.impl (lower-case letters, digits, _ and dots)",
    BODY_ID_PATTERN: "expected a body id such as so-noi-vu (lower-case letters, digits and -)",
}


def _shown(value: Any) -> str:
    """A value as the analyst wrote it, cut short: the message must stay one short line."""
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    if value is None:
        return "null"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:40] + "…"


def _plain(kind: str, error: Any) -> str:
    """pydantic's wording ("instance of Index", "Tuple should have…") in the analyst's terms."""
    if kind in _EXPECTED:
        return f"{_EXPECTED[kind]}, got {_shown(error.get('input'))}"
    context = error.get("ctx") or {}
    if kind == "string_pattern_mismatch" and context.get("pattern") in _PATTERNS:
        return f"{_PATTERNS[context['pattern']]}, got {_shown(error.get('input'))}"
    if kind == "too_short" and "min_length" in context:
        count = context["min_length"]
        return f"expected at least {count} item{'s' if count != 1 else ''}"
    return str(error["msg"]).removeprefix("Value error, ")


def _cascade(loc: tuple[Any, ...], kind: str, others: Sequence[tuple[Any, ...]]) -> bool:
    """pydantic adds "at least 1 item" to a list whose only items are invalid: noise."""
    return kind == "too_short" and any(len(other) > len(loc) and other[: len(loc)] == loc for other in others)


def validate(doc: Document, model: type[M]) -> M:
    """Validate plain data against a model; every pydantic error gets its YAML place.

    Every error is reported (not only the first), in the order of the file.
    """
    try:
        return model.model_validate(doc.data)
    except ValidationError as error:
        items = error.errors(include_url=False)
        locs = [tuple(item["loc"]) for item in items]
        problems = []
        for item, full in zip(items, locs, strict=True):
            if _cascade(full, item["type"], locs):
                continue
            loc = [part for part in full if isinstance(part, (str, int))]
            message = _describe(item, model)
            if item["type"] == "missing":
                # The place of a missing key is its mapping; its id names the criterion.
                problems.append(doc.problem(loc[:-1], message))
            else:
                key = item["type"] in ("extra_forbidden", "invalid_key")
                problems.append(doc.problem(loc, message, key=key))
        problems.sort(key=lambda p: (p.line or 0, p.column or 0))
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
