"""Reading YAML: a file's bytes to plain data with the position of every value, within safety caps.

The YAML is read from the parser's *events*, not through PyYAML's constructor, because that
gives, in one linear pass:

- exact numbers: a YAML float becomes a :class:`~decimal.Decimal` from its own text;
- the position of every value, so a problem found later points at a line and column;
- safety: aliases are refused outright (no "billion laughs" expansion), tags other than the
  plain YAML ones are refused before anything is built, nesting and size are capped.

``yaml.CSafeLoader`` (libyaml) is used when available; the pure-Python parser gives the
same events, only slower. Every refusal is an :class:`~parplan.vocab.problems.InputError` with a
``PP1xx`` code.
"""

from __future__ import annotations

import os
import re
import select
import signal
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from parplan.vocab import rules
from parplan.vocab.problems import MESSAGES, NOTHING, InputError, Msg, Problem, clip, msg, os_reason, quoted

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
PARSER_NAME = "libyaml" if _PARSER is not None else "pure Python"
"""Which parser reads files by default: ``libyaml``, or ``pure Python`` where PyYAML lacks it."""

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


class _Refused(Exception):
    """Input refused on purpose (unsafe, too big, unreadable), with its rule code and message.

    ``mark`` is set where the place is known when refusing (the pure parser's scanner);
    otherwise the event being read when it was raised gives the place.
    """

    def __init__(self, code: str, message: Msg, mark: Mark | None = None) -> None:
        super().__init__(code)
        self.code, self.message, self.mark = code, message, mark
        self.ident: str | None = None
        """The criterion being read (the nearest enclosing ``id``), once known."""


@dataclass
class Parsed:
    """A parsed YAML file: its plain data and where each value stands."""

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
    values: int = 0
    """How many values (scalars and containers) the file holds."""
    stopped: bool = False
    """Set on a positions parse that ended early, having read what :meth:`prepare` asked for."""
    needed: list[tuple[Key, ...]] = field(default_factory=list, repr=False)
    """The paths :meth:`prepare` announced: the positions parse stops once they are all read."""

    def locate(self, path: Sequence[Key], *, key: bool = False) -> tuple[Mark, str | None]:
        """The (line, column) of the value at ``path`` and the nearest enclosing ``id``.

        A path that leaves the data (a missing key) stops at the deepest value that exists,
        which is where the key should have been written. With ``key``, the last step points
        at the key itself rather than its value: a misspelt key is where the typo is.
        """
        if self.text is not None and (self.located is None or not self._covers(path)):
            # Positions were skipped: read them now, as far as the prepared paths need; a path
            # beyond what a stopped read holds reads the whole file, once.
            self._read_positions(whole=self.located is not None)
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

    def prepare(self, paths: Sequence[Sequence[Key]]) -> None:
        """Say which paths will be located, before the first :meth:`locate`.

        The positions are then read only as far into the file as those paths need: the first
        hundred problems of a flood of bad items sit in its first items, and the rest of a
        large file need not be parsed again to place them.
        """
        self.needed = [tuple(path) for path in paths]

    def _read_positions(self, *, whole: bool = False) -> None:
        assert self.text is not None
        stop = _enough(self.needed) if self.needed and not whole else None
        again = parse_yaml(self.text, self.file, pure=self.pure, stop=stop)
        self.located, self.marks, self.key_marks = again.data, again.marks, again.key_marks
        self.root_mark = again.root_mark
        if stop is None or not again.stopped:
            self.text = None  # all of it is read: the text is let go

    def _covers(self, path: Sequence[Key]) -> bool:
        """Whether the positions read so far reach ``path`` (a stopped read may not)."""
        return _read_past(self.located, self.marks, tuple(path))

    def problem(self, path: Sequence[Key], code: str, message: Msg, *, key: bool = False) -> Problem:
        """A problem at the value at ``path`` (or its key), named by the nearest ``id``."""
        (line, column), ident = self.locate(path, key=key)
        return Problem(self.file, line, column, ident, code, message)


_MISSING = object()

CHECK_EVERY = 20_000
"""Values between two looks, in a positions parse with a stop, at whether it has read enough."""


class _Enough(Exception):
    """Raised inside a positions parse when every needed path has been read."""


Stop = Callable[[list[Any], dict[int, dict[Any, Mark]]], bool]


def _enough(paths: Sequence[tuple[Key, ...]]) -> Stop:
    """Whether the data read so far holds every path, each followed to its end or to its last
    existing step and then past it (the next key or item of that container is read already)."""

    def done(top: list[Any], marks: dict[int, dict[Any, Mark]]) -> bool:
        if not top:
            return False
        return all(_read_past(top[0], marks, path) for path in paths)

    return done


def _read_past(node: Any, marks: dict[int, dict[Any, Mark]], path: tuple[Key, ...]) -> bool:
    for part in path:
        here = marks.get(id(node))
        if here is None:
            return True  # a scalar: the path ends inside it, which is read
        found = _find_key(here, part)
        if found is _MISSING:
            return False  # not read yet (or missing: then the whole mapping must be read)
        node = node[found]
    return True


def _find_key(marks: dict[Any, Mark], part: Any) -> Any:
    """The key of ``marks`` that ``part`` names; pydantic reports a ``None`` key as "None"."""
    if part in marks:
        return part
    if isinstance(part, str):
        for candidate in marks:
            # pydantic names a key that is no text by str() or repr(): None, Decimal('1.5')
            if not isinstance(candidate, str) and part in (str(candidate), repr(candidate)):
                return candidate
    return _MISSING


def _ident(node: Any) -> str | None:
    if isinstance(node, dict):
        value = node.get("id")
        if isinstance(value, str):
            return value
    return None


def _refuse(
    file: str, code: str, message: Msg, mark: Mark | None = None, ident: str | None = None
) -> InputError:
    line, column = mark if mark else (None, None)
    return InputError([Problem(file, line, column, ident, code, message)])


def read_text(path: Path, display: str, *, folder: str = "folder") -> str:
    """Read a file as UTF-8 (a BOM is allowed); every failure is an :class:`InputError`.
    ``folder`` is the key of the refusal of a directory, which names the kind of file expected
    (a YAML file unless the caller reads another kind, such as a scores CSV)."""
    try:
        if path.is_dir():
            raise _refuse(display, rules.FOLDER_NOT_FILE, msg(folder))
        raw = _read_bytes(path, MAX_BYTES + 1)
    except FileNotFoundError:
        raise _refuse(display, rules.MISSING_FILE, msg("no-file")) from None
    except PermissionError:
        raise _refuse(display, rules.PERMISSION_DENIED, msg("permission")) from None
    except OSError as error:
        raise _refuse(display, rules.UNREADABLE_FILE, msg("unreadable", reason=os_reason(error))) from None
    if len(raw) > MAX_BYTES:
        raise _refuse(display, rules.FILE_TOO_LARGE, msg("too-big", mib=MAX_BYTES // (1024 * 1024)))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        byte = f"{raw[error.start]:02x}"
        raise _refuse(display, rules.NOT_UTF8, msg("not-utf8", byte=byte), (line, column)) from None
    _refuse_hidden_breaks(text, display)
    return text


_WAITS = hasattr(select, "poll") and hasattr(os, "O_NONBLOCK") and hasattr(signal, "pthread_sigmask")
"""Where a named pipe can be waited on beside a wake-up pipe (POSIX); elsewhere it is read plainly."""


def _read_bytes(path: Path, limit: int) -> bytes:
    """Up to ``limit`` bytes of ``path``, read so that Ctrl-C always ends a wait on a named
    pipe, a terminal or a device.

    Python's C handler only notes a signal; its handler (which raises ``KeyboardInterrupt``)
    runs between bytecodes, or when a system call fails with EINTR. A Ctrl-C that lands after
    the last check but before a blocking ``open()`` or ``read()`` starts (or on another
    thread) interrupts nothing, and the read of a pipe nobody writes waited for ever. So such a
    file is opened without blocking and waited on with ``poll()`` beside the signal wake-up
    pipe, which the C handler writes to whenever it comes.
    """
    try:
        waits = _WAITS and not stat.S_ISREG(path.stat().st_mode)  # a disk file's read cannot wait
    except OSError:  # missing, refused: the open says why
        waits = False
    if not waits:
        with path.open("rb") as stream:
            return stream.read(limit)
    handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    with os.fdopen(handle, "rb"):  # closes it, whatever happens
        return _read_waiting(handle, limit)


def _read_waiting(handle: int, limit: int) -> bytes:
    """:func:`_read_bytes` of a non-blocking ``handle`` that may have nothing to read yet."""
    wake, woken = os.pipe()
    os.set_blocking(wake, False)
    os.set_blocking(woken, False)
    try:
        before = signal.set_wakeup_fd(woken, warn_on_full_buffer=False)
    except ValueError:  # not the main thread: no signal handler runs in this one
        before = None
    try:
        if before is not None and before != -1:  # someone else's (an event loop's): theirs
            signal.set_wakeup_fd(before)
            before = None
        poller = select.poll()
        poller.register(handle, select.POLLIN)
        if before is not None:
            poller.register(wake, select.POLLIN)
        # A handler whose signal came before the wake-up pipe was in place runs here (the call
        # runs pending handlers); one that comes later makes poll() return.
        signal.pthread_sigmask(signal.SIG_BLOCK, ())
        chunks: list[bytes] = []
        size = 0
        while size < limit:
            ready = {fd for fd, _events in poller.poll()}
            if wake in ready:
                os.read(wake, 512)
                signal.pthread_sigmask(signal.SIG_BLOCK, ())  # its handler now: Ctrl-C raises
            if handle in ready:
                try:
                    chunk = os.read(handle, min(limit - size, 1024 * 1024))
                except BlockingIOError:  # woken for nothing: wait again
                    continue
                if not chunk:  # the writer closed the pipe
                    break
                chunks.append(chunk)
                size += len(chunk)
        return b"".join(chunks)
    finally:
        if before is not None:
            signal.set_wakeup_fd(before)
        os.close(wake)
        os.close(woken)


_HIDDEN_BREAKS = re.compile("[\x85\u2028\u2029]")
"""NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR: line breaks for YAML 1.1, invisible in editors,
so the rest of a comment would silently become data."""
_BREAK_NAMES = {"\x85": "NEXT LINE (NEL)", "\u2028": "LINE SEPARATOR", "\u2029": "PARAGRAPH SEPARATOR"}


def _refuse_hidden_breaks(text: str, display: str) -> None:
    """Refuse a line break that YAML sees and an editor does not, at the place the editor shows."""
    found = _HIDDEN_BREAKS.search(text)
    if found is None:
        return
    before = text[: found.start()]
    mark = (before.count("\n") + 1, found.start() - (before.rfind("\n") + 1) + 1)
    char = found.group()
    shown = f"U+{ord(char):04X} {_BREAK_NAMES[char]}"
    raise _refuse(display, rules.CONTROL_CHARACTER, msg("hidden-break", char=shown), mark)


def _mark(event: Any) -> Mark:
    return (event.start_mark.line + 1, event.start_mark.column + 1)


# --- scalars: text to plain values, exactly as YAML 1.1 (PyYAML) resolves them ---------------

_FLOAT_TEXT = re.compile(r"^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$")
_KINDS = {
    _Y + "int": msg("kind-int"),
    _Y + "timestamp": msg("kind-date"),
    _Y + "float": msg("kind-float"),
    _Y + "bool": msg("kind-bool"),
}
_IMPLICIT = _RESOLVER.yaml_implicit_resolvers
"""Implicit tags by first character: a plain scalar whose first character has none is a string."""
assert None not in _IMPLICIT, "the shortcut below assumes no resolver for any first character"
assert not _RESOLVER.yaml_path_resolvers, "the shortcut below assumes no path resolvers"
_STR = _Y + "str"
_UNSET: Any = object()
_NOT_TEXT = re.compile("[\ud800-\udfff\ufffe\uffff]")
"""Code points no text file of ours can hold: lone surrogates (not UTF-8) and U+FFFE, U+FFFF
(not XML 1.0, so no Word or Excel file). A ``"\\uFFFE"`` escape would let them in."""


def _resolve(value: str, implicit: tuple[bool, bool]) -> str:
    """PyYAML's implicit resolution, with its answer for the commonest case given at once.

    A quoted scalar, or a plain one whose first character starts no implicit type (a name,
    most keys), is a string: PyYAML's resolver would try no pattern on it either.
    """
    if not implicit[0] or (value and value[0] not in _IMPLICIT):
        return _STR
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, value, implicit)  # type: ignore[no-untyped-call]  # PyYAML is untyped
    return tag


_PLAIN_NUMBER = re.compile(r"[-+]?(0|[1-9][0-9]*)(\.[0-9]+)?")
"""The only way a number may be written: decimal digits, an optional point and decimals."""
_SPECIAL_FLOATS = re.compile(r"[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")
"""Infinity and NaN pass here; the models refuse them with a message of their own."""
_BOOL_WORDS = frozenset({"true", "True", "TRUE", "false", "False", "FALSE"})
"""YAML 1.2's booleans: ``yes``, ``no``, ``on`` and ``off`` stay text (``name_en: No``)."""
_NUMBER_TAGS = frozenset({_Y + "int", _Y + "float"})


_YAML12_NUMBER = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+")
"""A number to YAML 1.2's core schema that YAML 1.1 reads as text (``1.5e3``, ``1e3``,
``0o17``): another tool would read a number where PyYAML reads text, so it is refused as
PP132, like the numbers YAML 1.1 reads differently."""
_NUMBER_START = frozenset("0123456789+-.")


def yaml12_number(value: str) -> bool:
    """Whether YAML 1.2 reads the plain text ``value`` as a number that YAML 1.1 reads as text:
    the loader refuses it (PP132), so a writer of YAML quotes it."""
    return value[:1] in _NUMBER_START and _YAML12_NUMBER.fullmatch(value) is not None


def _yaml12_notation(value: str) -> Msg:
    """``1.5e3`` -> "YAML 1.2 reads it as the number 1500"."""
    if value.startswith(("0o", "0x")):
        read = str(int(value[2:], 8 if value[1] == "o" else 16))
    else:
        number = Decimal(value)
        read = format(number, "f") if -40 < number.adjusted() < 40 else str(number)
    return msg("not-decimal-12", text=quoted(value), read=read)


def _plainly_written(value: str) -> bool:
    return _PLAIN_NUMBER.fullmatch(value) is not None or _SPECIAL_FLOATS.fullmatch(value) is not None


def _plain_tag(value: str, tag: str) -> str:
    """The tag of a scalar without an explicit one, as YAML 1.2 reads plan files, from the
    tag PyYAML resolved (``tag``).

    PyYAML resolves by YAML 1.1, where ``012`` is octal 10, ``17:52`` is 1072 (base 60),
    ``0xD`` is 13 and ``1_000`` is 1000: a number not written in plain decimals is refused,
    with the way to write it. ``yes``/``no``/``on``/``off``, ``=`` and ``<<`` are text.
    """
    if tag in _NUMBER_TAGS:
        if not _plainly_written(value):
            raise _Refused(rules.NOT_PLAIN_DECIMAL, _notation(value, tag))
    elif tag == _Y + "bool":
        return tag if value in _BOOL_WORDS else _STR
    elif tag in (_Y + "value", _Y + "merge"):
        return _STR
    return tag


def _notation(value: str, tag: str) -> Msg:
    """What YAML 1.1 would have made of a number, and how to write it plainly."""
    try:
        read = _construct(tag, value)
    except (ValueError, OverflowError, IndexError, KeyError, AttributeError, TypeError):
        return msg("not-decimal-unreadable", text=quoted(value))
    # Spelled out in full only when short: 1e+999999999 in full would be a billion digits.
    spelled = isinstance(read, Decimal) and read.is_finite() and -40 < read.adjusted() < 40
    plain = format(read, "f") if spelled else str(read)
    return msg("not-decimal", text=quoted(value), read=plain)


def _scalar(event: Any) -> Any:
    """Build a plain value from a scalar event: YAML 1.2 for plain scalars, PyYAML for tagged ones."""
    if event.tag not in _ALLOWED_TAGS:
        raise _Refused(rules.YAML_TAG, msg("tag", tag=quoted(event.tag)))
    value: str = event.value
    if len(value) > MAX_SCALAR:
        raise _Refused(rules.VALUE_TOO_LONG, msg("long-value", count=f"{MAX_SCALAR:,}"))
    tag = event.tag
    if tag in (None, "!"):
        tag = _resolve(value, event.implicit)
        if tag != _STR:  # most scalars are text: no second look at them
            tag = _plain_tag(value, tag)
        elif event.implicit[0] and yaml12_number(value):
            raise _Refused(rules.NOT_PLAIN_DECIMAL, _yaml12_notation(value))
    if tag == _STR:
        found = _NOT_TEXT.search(value)
        if found is not None:
            raise _Refused(rules.INVALID_CHARACTER, _not_text(found.group()))
        return value
    try:
        built = _construct(tag, value)
    except (ValueError, OverflowError, IndexError, KeyError, AttributeError, TypeError) as error:
        # Python's own words ("invalid literal for int() with base 16") mean nothing to an analyst.
        kind = _KINDS.get(tag, tag.removeprefix(_Y))
        shown = clip(value)
        if isinstance(error, _Unreadable):
            reason: str | Msg = error.reason
            code = error.code
        else:
            # PyYAML's constructors fail on text their tag does not expect (``!!int -``) with
            # an IndexError or a KeyError: no digits to read, in our words.
            reason, code = (
                (f"{error}" if isinstance(error, ValueError) else msg("not-number")),
                rules.UNREADABLE_VALUE,
            )
        message = msg("unreadable-value", value=quoted(shown), kind=kind, reason=reason)
        raise _Refused(code, message) from None
    if tag in _NUMBER_TAGS and event.tag not in (None, "!") and not _plainly_written(value.strip()):
        # An explicit ``!!int 012`` is read by the same rule as a plain one: plain decimals only.
        raise _Refused(rules.NOT_PLAIN_DECIMAL, _notation(value, tag))
    return built


def _not_text(char: str) -> Msg:
    if "\ud800" <= char <= "\udfff":
        # Only the pure-Python parser lets "\ud800" through; it cannot be written as UTF-8.
        return msg("surrogate")
    return msg("office-char", char=f"U+{ord(char):04X}")


class _Unreadable(ValueError):
    """A scalar its tag cannot read, in our words rather than PyYAML's or Python's."""

    def __init__(self, reason: Msg, code: str = rules.UNREADABLE_VALUE) -> None:
        super().__init__(reason.key)
        self.reason, self.code = reason, code


def _construct(tag: str, value: str) -> Any:
    if tag == _Y + "float":
        text = value.replace("_", "")
        if _FLOAT_TEXT.match(text):
            return Decimal(text)
        if not text.strip():
            raise _Unreadable(msg("not-number"))
        number = _CONSTRUCTOR.construct_yaml_float(yaml.ScalarNode(tag, value))
        # Infinity and NaN reach the models, which say why they are refused.
        is_nan = number != number  # noqa: PLR0124  # the NaN test itself
        return Decimal("NaN") if is_nan else Decimal(repr(number))
    node = yaml.ScalarNode(tag, value)
    if tag == _Y + "int":
        if not value.strip():
            raise _Unreadable(msg("not-number"))
        if len(value) > 100:
            # int() of thousands of digits is slow, then refused by Python in its own words.
            raise _Unreadable(msg("digits"))
        return _CONSTRUCTOR.construct_yaml_int(node)
    # An explicit tag (``!!bool maybe``) skips the resolver, and PyYAML's constructors then
    # fail with a KeyError or an AttributeError: the text is checked first.
    if tag == _Y + "bool":
        if value.lower() not in _CONSTRUCTOR.bool_values:
            raise _Unreadable(msg("not-bool"))
        return _CONSTRUCTOR.construct_yaml_bool(node)
    if tag == _Y + "null":
        return None
    if tag == _Y + "timestamp":
        if not _CONSTRUCTOR.timestamp_regexp.match(value):
            raise _Unreadable(msg("not-date"))
        return _CONSTRUCTOR.construct_yaml_timestamp(node)
    # What the resolver gives a plain "<<" or "=": tags with no plain value.
    raise _Unreadable(msg("tag-not-allowed", tag=quoted(tag)), rules.YAML_TAG)


# --- events to data -----------------------------------------------------------------------


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
                rules.NESTED_TOO_DEEPLY, msg("depth", depth=MAX_DEPTH), (mark.line + 1, mark.column + 1)
            )
        super().fetch_flow_collection_start(TokenClass)


_State = tuple[Any, bool, Any, "dict[Any, Mark] | None", "dict[Any, Mark] | None"]
"""An open container as the loop keeps it: (container, is_mapping, pending key, marks, key marks)."""


class _Builder:
    """The open containers, and what the events other than scalars do to them.

    Scalars are most events, so :func:`_build` handles them inline, on the innermost container
    held in its locals, and the ends of containers too; every other event comes here, one call
    each, and gets that container's state back changed.
    """

    def __init__(self, positions: bool) -> None:
        self.positions = positions
        self.stack: list[_State] = []
        self.collections = 0
        self.documents = 0
        self.marks: dict[int, dict[Any, Mark]] = {}
        self.key_marks: dict[int, dict[Any, Mark]] = {}

    def other(self, event: Any, state: _State) -> _State:
        """The state after an event that is neither a scalar nor the end of a container."""
        kind = event.__class__
        if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            return self.start(event, kind is yaml.MappingStartEvent, state)
        if kind is yaml.AliasEvent:
            raise _Refused(rules.YAML_ALIAS, msg("alias", anchor=event.anchor))
        if kind is yaml.DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                raise _Refused(rules.SEVERAL_DOCUMENTS, msg("documents"))
        return state

    def start(self, event: Any, mapping: bool, state: _State) -> _State:
        """Open a mapping or list as the next value of the container in ``state``."""
        self.collections += 1
        if event.tag not in _ALLOWED_TAGS:
            raise _Refused(rules.YAML_TAG, msg("tag-not-allowed", tag=quoted(event.tag)))
        if len(self.stack) >= MAX_DEPTH:
            raise _Refused(rules.NESTED_TOO_DEEPLY, msg("depth", depth=MAX_DEPTH))
        container, is_mapping, pending, marks, key_marks = state
        new: Any = {} if mapping else []
        if not is_mapping:
            if marks is not None:
                marks[len(container)] = _mark(event)
            container.append(new)
        elif pending is _UNSET:
            raise _Refused(rules.COMPLEX_KEY, msg("complex-key"))
        else:
            if marks is not None:
                marks[pending] = _mark(event)
            container[pending] = new
            pending = _UNSET
        self.stack.append((container, is_mapping, pending, marks, key_marks))
        if not self.positions:
            return new, mapping, _UNSET, None, None
        new_marks: dict[Any, Mark] = {}
        self.marks[id(new)] = new_marks
        if not mapping:
            return new, mapping, _UNSET, new_marks, None
        new_key_marks: dict[Any, Mark] = {}
        self.key_marks[id(new)] = new_key_marks
        return new, mapping, _UNSET, new_marks, new_key_marks


def _crossed(values: int, limit: int, stop: Stop | None, top: list[Any], builder: _Builder) -> int:
    """The next limit after ``values`` crossed ``limit``: the cap refuses the file; a positions
    parse with a stop ends if it has read enough, else looks again later."""
    if values > MAX_VALUES or stop is None:
        raise _Refused(rules.TOO_MANY_VALUES, msg("values", count=f"{MAX_VALUES:,}"))
    if stop(top, builder.marks):
        raise _Enough
    return min(MAX_VALUES, limit + CHECK_EVERY)


def _build(
    get_event: Any, builder: _Builder, top: list[Any], top_marks: dict[Any, Mark], stop: Stop | None = None
) -> int:
    """Pull every event and build the data into ``top``; the count of values (scalars and containers).

    The root value is appended to ``top``, a list that stands outside the file: so the root is
    placed like any other value, with no test of its own on the hot path. Events are pulled
    in this loop, not through a generator: one resume less per event.
    """
    container: Any = top
    is_mapping = False
    pending: Any = _UNSET  # a mapping's key, read and waiting for its value
    marks: dict[Any, Mark] | None = top_marks
    key_marks: dict[Any, Mark] | None = None
    values = 0
    # Plain scalars by their text: keys and repeated values are resolved and built once. The
    # values (str, int, Decimal, None, bool, dates) are immutable, so sharing them is safe.
    plain: dict[str, Any] = {}
    scalar_event, mapping_end, sequence_end = yaml.ScalarEvent, yaml.MappingEndEvent, yaml.SequenceEndEvent
    other, pop = builder.other, builder.stack.pop
    # The values cap and, in a positions parse with a stop, the next look at whether enough
    # is read: one comparison per scalar either way.
    limit = MAX_VALUES if stop is None else min(MAX_VALUES, CHECK_EVERY)
    event: Any = None
    try:
        while (event := get_event()) is not None:
            kind = event.__class__
            if kind is mapping_end or kind is sequence_end:  # as many as the starts: no call
                _cap(values + builder.collections)  # checked per container, not per scalar
                container, is_mapping, pending, marks, key_marks = pop()
                continue
            if kind is not scalar_event:
                state = (container, is_mapping, pending, marks, key_marks)
                container, is_mapping, pending, marks, key_marks = other(event, state)
                continue
            values += 1
            if values > limit:  # at once: a flat list of millions would fill memory first
                limit = _crossed(values, limit, stop, top, builder)
            if event.tag is None and event.implicit[0]:
                value = plain.get(event.value, _UNSET)
                if value is _UNSET:
                    value = plain[event.value] = _scalar(event)
            else:
                value = _scalar(event)
            if not is_mapping:
                if marks is not None:
                    marks[len(container)] = _mark(event)
                container.append(value)
            elif pending is _UNSET:
                pending = _key(value, container, key_marks, event)
            else:
                if marks is not None:
                    marks[pending] = _mark(event)
                container[pending] = value
                pending = _UNSET
    except _Refused as error:
        raise _placed(error, event, [container, *(state[0] for state in reversed(builder.stack))]) from None
    return values + builder.collections


def _cap(values: int) -> None:
    """More values than any plan has refuses the file (a billion laughs, a flood of small ones)."""
    if values > MAX_VALUES:
        raise _Refused(rules.TOO_MANY_VALUES, msg("values", count=f"{MAX_VALUES:,}"))


def _key(value: Any, mapping: dict[Any, Any], key_marks: dict[Any, Mark] | None, event: Any) -> Any:
    """A mapping's key, read and waiting for its value: a repeated key refuses the file."""
    if value in mapping:
        raise _Refused(rules.DUPLICATE_KEY, Msg("duplicate-key", {"key": quoted(value)}))
    if key_marks is not None:
        key_marks[value] = _mark(event)
    return value


def _placed(error: _Refused, event: Any, open_containers: list[Any]) -> _Refused:
    """A refusal with its place (its own, else where the event being read starts) and the
    criterion it is in: the nearest open mapping with an ``id``."""
    if error.mark is None and event is not None:
        error.mark = _mark(event)
    error.ident = next((i for c in open_containers if (i := _ident(c)) is not None), None)
    return error


def _reader_problem(file: str, text: str, error: yaml.reader.ReaderError) -> InputError:
    position = error.position
    before = text[:position]
    mark = (before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1)
    character = error.character
    code = f"U+{character:04X}" if isinstance(character, int) else repr(character)
    return _refuse(file, rules.CONTROL_CHARACTER, msg("control-char", char=code), mark)


def _syntax_problem(file: str, error: yaml.MarkedYAMLError) -> InputError:
    """The place where the parser gave up, and where the construct it was reading began:
    an unclosed ``[`` is reported at the end of the file, so the start is the useful half."""
    problem_mark = error.problem_mark or error.context_mark
    mark = (problem_mark.line + 1, problem_mark.column + 1) if problem_mark else None
    if error.problem == _LIBYAML_DEPTH:
        # libyaml caps flow nesting itself (at 1000 levels, before our cap sees an event): the
        # same rule as ours, said as ours.
        return _refuse(file, rules.NESTED_TOO_DEEPLY, msg("depth", depth=MAX_DEPTH), mark)
    start = error.context_mark
    context = NOTHING
    if error.problem and error.context and start is not None and start is not problem_mark:
        words = _parser_words(error.context, "yaml:while-reading")
        context = msg("yaml-context", context=words, line=start.line + 1, column=start.column + 1)
    message = msg("yaml-syntax", problem=_parser_words(f"{error.problem or error.context}"), context=context)
    return _refuse(file, rules.INVALID_YAML, message, mark)


_LIBYAML_DEPTH = "exceeded maximum nesting depth"


_FOUND_CHARACTER = re.compile(r"found character (.+) that cannot start any token")
_EXPECTED_FOUND = re.compile(r"expected (.+), but (?:found|got) (.+)")
_UNKNOWN_ESCAPE = re.compile(r"found unknown escape character .*")
_PUNCTUATION = re.compile(r"'[^\w\s<\\]{1,3}'|'[^\w\s<\\]' or '[^\w\s<\\]'")
"""Quoted punctuation (``','``, ``',' or ']'``), the same in every language."""
_TOKENS = {
    "<block end>": "yaml-token:block-end",
    "'<stream end>'": "yaml-token:stream-end",
    "'<block mapping start>'": "yaml-token:mapping",
    "'<block sequence start>'": "yaml-token:sequence",
    "'<scalar>'": "yaml-token:value",
    "the node content": "yaml-token:value",
    "'\\n'": "yaml-token:line-break",
    "'<alias>'": "yaml-token:alias",
    "'<anchor>'": "yaml-token:anchor",
    "'<tag>'": "yaml-token:tag",
}
"""What PyYAML names in "expected …, but found …", in words."""


def _parser_words(text: str, fallback: str = "yaml:broken") -> Msg:
    """The YAML parser's own words in the catalogue's (the common slips: an unclosed bracket, a
    missing colon, a tab, a character that starts no value). Words the catalogue does not know
    are ``fallback``'s phrase, never the parser's English: the position is given beside them."""
    key = "yaml:" + text
    if key in MESSAGES:
        return Msg(key)
    if _UNKNOWN_ESCAPE.fullmatch(text):
        return Msg("yaml:found unknown escape character")
    found = _FOUND_CHARACTER.fullmatch(text)
    if found:
        return msg("yaml:found-char", char=found.group(1))
    found = _EXPECTED_FOUND.fullmatch(text)
    if found:
        expected, got = _token_words(found.group(1)), _token_words(found.group(2))
        if expected is not None and got is not None:
            return msg("yaml:expected-found", expected=expected, found=got)
    return Msg(fallback)


def _token_words(token: str) -> str | Msg | None:
    """A part of PyYAML's "expected …, but found …" in words, punctuation as it is; None if unknown."""
    if token in _TOKENS:
        return Msg(_TOKENS[token])
    if token == "'<document start>'":
        return "'---'"
    return token if _PUNCTUATION.fullmatch(token) else None


def _events(
    text: str,
    file: str,
    pure: bool,
    builder: _Builder,
    top: list[Any],
    marks: dict[Any, Mark],
    stop: Stop | None = None,
) -> int:
    """Run the parser over ``text`` into ``top``; every way it can fail is an InputError."""
    loader: Any = None
    try:
        # The C parser (libyaml) caps flow nesting itself, at 1000 levels, quickly.
        loader = _PureParser(text) if pure or _PARSER is None else _PARSER(text)
        return _build(loader.get_event, builder, top, marks, stop)
    except _Enough:
        return -1  # a positions parse that has read what it was asked for
    except _Refused as error:
        raise _refuse(file, error.code, error.message, error.mark, error.ident) from None
    except yaml.MarkedYAMLError as error:
        raise _syntax_problem(file, error) from None
    except yaml.reader.ReaderError as error:
        raise _reader_problem(file, text, error) from None
    except yaml.YAMLError:  # pragma: no cover - every PyYAML error is one of the above
        raise _refuse(
            file, rules.INVALID_YAML, msg("yaml-syntax", problem=Msg("yaml:broken"), context=NOTHING)
        ) from None
    except RecursionError:  # pragma: no cover - depth is capped above
        raise _refuse(file, rules.NESTED_TOO_DEEPLY, msg("nested-deep", depth=MAX_DEPTH)) from None
    finally:
        if loader is not None:
            loader.dispose()


def parse_yaml(
    text: str, file: str, *, pure: bool = False, positions: bool = True, stop: Stop | None = None
) -> Parsed:
    """Parse one YAML document into plain data with positions; refuse what is unsafe.

    ``pure`` uses the pure-Python parser even when libyaml is there (tests check both). With
    ``positions=False`` the position map is not built (a sixth of the parse): the result
    keeps the text and builds the map by parsing again on its first :meth:`Parsed.locate`,
    that is only when there is a problem to place.
    """
    builder = _Builder(positions)
    top: list[Any] = []
    top_marks: dict[Any, Mark] = {}
    values = _events(text, file, pure, builder, top, top_marks, stop)
    if values > MAX_VALUES:
        raise _refuse(file, rules.TOO_MANY_VALUES, msg("values", count=f"{MAX_VALUES:,}"))
    root = top[0] if top else None
    root_mark = top_marks.get(0, (1, 1))
    if root is None:
        raise _refuse(file, rules.EMPTY_FILE, msg("empty"))
    if not isinstance(root, dict):
        kind = msg("a-list") if isinstance(root, list) else msg("a-value")
        raise _refuse(file, rules.NOT_A_MAPPING, msg("not-mapping", kind=kind), root_mark)
    parsed = Parsed(file, root, builder.marks, builder.key_marks, root_mark, values=max(values, 0))
    parsed.stopped = values < 0
    if not positions:
        parsed.text, parsed.pure = text, pure
    return parsed


__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_SCALAR",
    "MAX_VALUES",
    "PARSER_NAME",
    "Key",
    "Mark",
    "Parsed",
    "parse_yaml",
    "read_text",
    "yaml12_number",
]
