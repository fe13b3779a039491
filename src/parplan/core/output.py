"""Where a report goes: which format each command writes, the format chosen, and the writing.

Every command's formats come from one table (:data:`COMMAND_FORMATS`): its ``--format``
choices and the extensions its ``-o`` accepts. A file is written all at once (pip-audit opens
its output late; parplan renders everything first, then replaces the file atomically), so a
failed or interrupted run leaves nothing half-written.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from parplan.core.files import cannot_write
from parplan.core.files import write_files as write_files  # noqa: PLC0414  # the one multi-file write, re-exported
from parplan.render import render
from parplan.vocab import rules
from parplan.vocab.document import BINARY, EXTENSIONS, Lang, Options, OutputFormat, Report
from parplan.vocab.paths import shown_path
from parplan.vocab.problems import Msg, OutputError, Problem, msg, os_reason

F = OutputFormat
_ROWS = (F.TABLE, F.TEXT, F.MARKDOWN, F.CSV, F.JSON, F.XLSX)
_TABLES = (*_ROWS, F.DOCX, F.HTML)
COMMAND_FORMATS: Mapping[str, tuple[OutputFormat, ...]] = {
    "validate": (*_ROWS, F.GITHUB),
    "gap": _TABLES,
    "rank": _TABLES,
    "check": (*_TABLES, F.GITHUB),
    "trend": _TABLES,
    "report": (F.TABLE, F.TEXT, F.MARKDOWN, F.DOCX, F.HTML),
    # the province's own units (issue 19)
    "units rank": _TABLES,
    "units gap": _TABLES,
    "units appraisal": _TABLES,
    "units report": (F.TABLE, F.TEXT, F.MARKDOWN, F.DOCX, F.HTML),
}
"""The formats each command can write."""

PIPE_FORMATS: Mapping[str, OutputFormat] = {"report": F.MARKDOWN}
"""What a command writes to a pipe without ``--format``: ``text``, but the report is Markdown."""


class UsageProblem(ValueError):
    """A format or output the command cannot write: a usage error (exit 2), named by option.

    The message is a catalogue :class:`~parplan.vocab.problems.Msg`: the command line shows it in
    the user's language.
    """

    def __init__(self, message: Msg, option: str) -> None:
        super().__init__(message.text("en"))
        self.message = message
        self.option = option


def format_names(command: str) -> list[str]:
    """The ``--format`` choices of a command, for its help and its completion."""
    return [f.value for f in COMMAND_FORMATS[command]]


def stdout_is_tty() -> bool:
    try:
        return sys.stdout.isatty()
    except (ValueError, AttributeError):  # a closed or missing stdout is no terminal
        return False


def choose_format(command: str, requested: str | None, output: str, *, tty: bool) -> OutputFormat:
    """--format wins; else the output file's extension; else table on a terminal, and in a
    pipe text (Markdown for the report).

    A format or an extension the command cannot write is refused, whichever way it is given.
    """
    allowed = COMMAND_FORMATS[command]
    if requested is not None:
        chosen = next((f for f in OutputFormat if f.value == requested.lower()), None)
        if chosen is None or chosen not in allowed:
            choices = ", ".join(format_names(command))
            raise UsageProblem(
                msg("cannot-format", command=command, requested=requested, choices=choices), "--format"
            )
        return chosen
    if output != "-":
        suffix = Path(output).suffix.lower()
        known = [ext for ext, f in EXTENSIONS.items() if f in allowed]
        if suffix in known:
            return EXTENSIONS[suffix]
        shown = suffix or repr(output)
        choices = ", ".join(known)
        raise UsageProblem(msg("cannot-extension", command=command, shown=shown, choices=choices), "--output")
    return OutputFormat.TABLE if tty else PIPE_FORMATS.get(command, OutputFormat.TEXT)


def is_machine_format(chosen: OutputFormat) -> bool:
    """CSV, JSON and workbooks are read by programs: they get every column by default."""
    return chosen in (OutputFormat.CSV, OutputFormat.JSON, OutputFormat.XLSX)


def make_options(lang: Lang, decimal_comma: bool, bom: bool, *, to_terminal: bool) -> Options:
    """A terminal table fits the terminal, in colour unless NO_COLOR; a file or a pipe keeps
    full names (no width limit), since it is read in an editor or pasted into a document."""
    color = to_terminal and "NO_COLOR" not in os.environ
    width = max(shutil.get_terminal_size((100, 24)).columns, 40) if to_terminal else None
    return Options(lang=lang, decimal_comma=decimal_comma, color=color, width=width, bom=bom)


def emit(report: Report, chosen: OutputFormat, output: str, options: Options) -> None:
    """Render, then write: to stdout, or to a file that appears only once all is rendered."""
    write_output(render(report, chosen, options), output)


def write_output(rendered: str | bytes, output: str) -> None:
    """Text (as UTF-8) or bytes to stdout (``-``) or to a file, all at once."""
    data = rendered.encode("utf-8") if isinstance(rendered, str) else rendered
    if output == "-":
        write_stdout(data)
    else:
        write_file(Path(output), data)


def write_stdout(data: bytes) -> None:
    """Write to stdout as UTF-8, whatever the locale says (``PYTHONIOENCODING=ascii``).

    Tables and reports are Vietnamese: transliterating them would silently change names, so
    parplan always writes UTF-8. A closed stdout, a full disk or a closed pipe is an
    :class:`~parplan.vocab.problems.OutputError` (exit 2 with a message), never a traceback.
    """
    stream = sys.stdout
    try:
        if stream is None:
            raise OSError(errno.EBADF, "stdout is closed")
        stream.flush()
        buffer = getattr(stream, "buffer", None)
        if buffer is not None:
            buffer.write(data)
            buffer.flush()
        else:  # a stream without bytes underneath (rare: an embedding application)
            stream.write(data.decode("utf-8"))
            stream.flush()
    except (OSError, ValueError) as error:
        _silence_stdout()
        # a ValueError here is a closed stream ("I/O operation on closed file")
        reason = os_reason(error if isinstance(error, OSError) else OSError(errno.EBADF, "closed"))
        raise OutputError(
            Problem("stdout", None, None, None, rules.UNWRITABLE_OUTPUT, msg("cannot-write", reason=reason))
        ) from None


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush cannot fail again at exit
    ("Exception ignored … BrokenPipeError", exit 120)."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def same_file(output: Path, inputs: Sequence[Path]) -> Path | None:
    """The input that ``output`` names (through links too), if it names one."""
    try:
        if not output.exists():
            return None
    except OSError:  # a name too long, a link loop: the writing says so, placed
        return None
    for path in inputs:
        with contextlib.suppress(OSError):
            if path.exists() and os.path.samefile(output, path):
                return path
    return None


def refuse_input_as_output(output: Path, inputs: Sequence[Path]) -> None:
    """``-o`` naming a file the command reads (``--baseline s.yaml -o s.yaml``, or a link to
    it) would overwrite the plan: refused before anything is read or written."""
    clash = same_file(output, inputs)
    if clash is not None:
        shown, clashing = shown_path(output), shown_path(clash)
        which = shown if str(output) == str(clash) else f"{shown} ({clashing})"
        raise UsageProblem(msg("input-as-output", which=which), "--output")


class Destination:
    """Where and how a command writes: the chosen format and the options for it.

    Everything is refused here, before any file is read: a format or extension the command
    cannot write, bytes to a terminal, an output that is one of the inputs.
    """

    def __init__(
        self,
        command: str,
        requested: str | None,
        output: str,
        lang: Lang = "vi",
        decimal_comma: bool = False,
        bom: bool = False,
        *,
        inputs: Sequence[Path] = (),
    ) -> None:
        if output != "-":
            refuse_input_as_output(Path(output), inputs)
        tty = output == "-" and stdout_is_tty()
        self.command = command
        self.format = choose_format(command, requested, output, tty=tty)
        refuse_binary_on_terminal(self.format, output, tty=tty)
        self.output = output
        self.lang: Lang = lang
        self.options = make_options(
            lang, decimal_comma, bom, to_terminal=tty and self.format is OutputFormat.TABLE
        )

    def emit(self, report: Report) -> None:
        emit(report, self.format, self.output, self.options)


def refuse_binary_on_terminal(chosen: OutputFormat, output: str, *, tty: bool) -> None:
    if tty and output == "-" and chosen in BINARY:
        raise UsageProblem(msg("binary-terminal", format=chosen.value), "--format")


def write_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path``: atomically for a regular file, in place for anything else.

    A named pipe, a device (``/dev/stdout``, ``/dev/null``) or a terminal is written as it is:
    replacing it with a regular file would break whoever reads it (a reader of a pipe would wait
    forever). A regular file, or a new one, is replaced all at once by :func:`write_atomic`.
    """
    try:
        mode = os.stat(path).st_mode  # follows links: /dev/stdout is a link to a pipe or a tty
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise cannot_write(path, error) from None
    if mode is None or stat.S_ISREG(mode):
        write_atomic(path, data)
        return
    if stat.S_ISDIR(mode):
        raise OutputError(Problem(str(path), None, None, None, rules.UNWRITABLE_OUTPUT, msg("output-folder")))
    try:
        with open(path, "wb") as stream:
            stream.write(data)
    except OSError as error:
        raise cannot_write(path, error) from None


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename it over ``path``
    (:func:`parplan.core.files.write_files`, the one transaction every written file goes through).

    The rename is atomic on one file system, so readers see the old file or the new one,
    never half of it; on any failure (or Ctrl-C) the temporary file is removed and an
    existing file is untouched. A symbolic link is followed, so the link stays a link.
    """
    write_files({path: data})
