"""Output formats: one enum, one dispatcher, one function per format.

Commands build a :class:`Report` (sheets of plain cells); this module only turns it into
text or bytes. Nothing here computes, reads files or knows about typer.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Literal, assert_never, overload

from parplan.compute import fmt

if TYPE_CHECKING:  # rich is imported lazily: CSV and JSON runs never load it
    from rich.console import Console
    from rich.table import Table

Lang = Literal["vi", "en"]
Cell = str | Decimal | int | bool | None
Record = Mapping[str, Cell]
UNKNOWN = "—"
"""How an unknown value (null) shows in tables: never 0, never blank."""


class OutputFormat(StrEnum):
    """Every output format. The CLI's ``--format`` choices come from this enum."""

    TABLE = "table"
    TEXT = "text"
    MARKDOWN = "markdown"
    CSV = "csv"
    JSON = "json"
    XLSX = "xlsx"
    GITHUB = "github"


BINARY = frozenset({OutputFormat.XLSX})
"""Formats that are bytes, not text: never written to a terminal."""

TextFormat = Literal[
    OutputFormat.TABLE,
    OutputFormat.TEXT,
    OutputFormat.MARKDOWN,
    OutputFormat.CSV,
    OutputFormat.JSON,
    OutputFormat.GITHUB,
]

EXTENSIONS: dict[str, OutputFormat] = {
    ".md": OutputFormat.MARKDOWN,
    ".markdown": OutputFormat.MARKDOWN,
    ".csv": OutputFormat.CSV,
    ".json": OutputFormat.JSON,
    ".txt": OutputFormat.TEXT,
    ".xlsx": OutputFormat.XLSX,
}


class UnsupportedFormat(ValueError):
    """A report that cannot be shown in a format (github lines for a report without findings)."""


@dataclass(frozen=True)
class Options:
    """How to present numbers and labels; the same for every format that shows text."""

    lang: Lang = "vi"
    decimal_comma: bool = False
    color: bool = False
    width: int = 100
    bom: bool = False

    def number(self, value: Decimal | int) -> str:
        text = fmt(value) if isinstance(value, Decimal) else str(value)
        return text.replace(".", ",") if self.decimal_comma else text


@dataclass(frozen=True)
class Column:
    """A column: its stable key (JSON/CSV), its headers, and how its cell shows as text."""

    key: str
    vi: str
    en: str
    numeric: bool = False
    show: Callable[[Record, Options], str] | None = None

    def header(self, lang: Lang) -> str:
        return self.vi if lang == "vi" else self.en


@dataclass(frozen=True)
class Sheet:
    """One table of a report (one per index for ``gap``)."""

    key: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[Record, ...]


AnnotationLevel = Literal["error", "warning", "notice"]


@dataclass(frozen=True)
class Annotation:
    """A finding with its place in a file, for CI (``--format github``)."""

    level: AnnotationLevel
    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None


@dataclass(frozen=True)
class Report:
    """What a command outputs: tables, an optional summary line, and metadata for JSON."""

    command: str
    sheets: tuple[Sheet, ...]
    summary: str | None = None
    meta: Mapping[str, object] = field(default_factory=dict)
    text: str | None = None
    """A whole document already in Markdown (``report``), used as is."""
    lines: tuple[str, ...] | None = None
    """Plain lines instead of tables (``validate``: ``FILE:LINE:COL: ID: message``)."""
    json: object | None = None
    """A JSON document of its own shape, instead of ``{"rows": [...]}``."""
    annotations: tuple[Annotation, ...] | None = None
    """Findings placed in files (``validate``, ``check``); None: the command has none."""


def cell_text(value: Cell, options: Options) -> str:
    """A cell as text; unknown shows as an em dash."""
    if value is None:
        return UNKNOWN
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if isinstance(value, (Decimal, int)):
        return options.number(value)
    return value


def _text(column: Column, record: Record, options: Options) -> str:
    if column.show is not None:
        return column.show(record, options)
    return cell_text(record.get(column.key), options)


# --- JSON -------------------------------------------------------------------------------


def to_json(value: object, indent: int = 2, _level: int = 0) -> str:
    """JSON with Decimals as exact JSON numbers (``9.4``, never ``9.4000000001``)."""
    pad = " " * (indent * (_level + 1))
    end = " " * (indent * _level)
    if isinstance(value, Decimal):
        return fmt(value)
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        items = (
            f"{pad}{json.dumps(str(k), ensure_ascii=False)}: {to_json(v, indent, _level + 1)}"
            for k, v in value.items()
        )
        return "{\n" + ",\n".join(items) + "\n" + end + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        items = (pad + to_json(v, indent, _level + 1) for v in value)
        return "[\n" + ",\n".join(items) + "\n" + end + "]"
    return json.dumps(value, ensure_ascii=False, default=str)


def render_json(report: Report, options: Options) -> str:
    if report.json is not None:
        return to_json(report.json) + "\n"
    rows = [
        {column.key: record.get(column.key) for column in sheet.columns}
        for sheet in report.sheets
        for record in sheet.rows
    ]
    document: dict[str, object] = {"command": report.command, **report.meta, "rows": rows}
    return to_json(document) + "\n"


# --- CSV --------------------------------------------------------------------------------


def render_csv(report: Report, options: Options) -> str:
    """One CSV for all sheets; with a decimal comma the separator is ``;`` as Excel expects."""
    delimiter = ";" if options.decimal_comma else ","
    columns = report.sheets[0].columns if report.sheets else ()
    lines = [_csv_row([column.key for column in columns], delimiter)]
    for sheet in report.sheets:
        for record in sheet.rows:
            cells = [_csv_cell(record.get(column.key), options) for column in columns]
            lines.append(_csv_row(cells, delimiter))
    return ("\ufeff" if options.bom else "") + "".join(lines)


def _csv_row(cells: list[str], delimiter: str) -> str:
    """One row ending in "\n". Python 3.11 leaves a lone "\r" unquoted when rows end in "\n",
    and a reader then splits the row there; the "\r\n" rule quotes it."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerow(cells)
    return buffer.getvalue()[:-2] + "\n"


def _csv_cell(value: Cell, options: Options) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (Decimal, int)):
        return options.number(value)
    if value.startswith(FORMULA_STARTS):
        # Excel runs a cell starting with "=" as a formula: text from a plan file never is one.
        return "'" + value
    return value


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


# --- Markdown ---------------------------------------------------------------------------


def md_escape(text: str) -> str:
    """Escape what would break a GitHub pipe table cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def markdown_table(columns: Sequence[Column], rows: Iterable[Record], options: Options) -> str:
    header = "| " + " | ".join(md_escape(c.header(options.lang)) for c in columns) + " |"
    rule = "| " + " | ".join("---:" if c.numeric else "---" for c in columns) + " |"
    lines = [header, rule]
    for record in rows:
        lines.append("| " + " | ".join(md_escape(_text(c, record, options)) for c in columns) + " |")
    return "\n".join(lines)


def render_markdown(report: Report, options: Options) -> str:
    if report.text is not None:
        return report.text
    parts = []
    for sheet in report.sheets:
        parts.append(f"## {md_escape(sheet.title)}\n\n" + markdown_table(sheet.columns, sheet.rows, options))
    if report.summary:
        parts.append(report.summary)
    return "\n\n".join(parts) + "\n"


# --- rich table -------------------------------------------------------------------------


MIN_WIDE = 12
"""Narrowest a name column gets before the table grows wider than the terminal."""
WIDE_COLUMNS = frozenset({"name", "owners", "message", "best_province", "rank_note"})


def render_lines(report: Report) -> str:
    lines = list(report.lines or ())
    if report.summary:
        lines.append(report.summary)
    return "".join(line + "\n" for line in lines)


def _measure(console: Console, table: Table) -> int:
    width = console.width
    console.width = 10_000
    needed = console.measure(table).minimum
    console.width = width
    return needed


def _rich_table(sheet: Sheet, options: Options) -> Table:
    """A rich table laid out by :func:`_fit`, like the plain one: long texts end in "…" on
    one line, since a name folded over ten lines makes the numbers unreadable."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    headers = [c.header(options.lang) for c in sheet.columns]
    texts = [[_text(c, record, options) for c in sheet.columns] for record in sheet.rows]
    widths = _fit(
        sheet.columns,
        [_cells(h) for h in headers],
        [[_cells(text) for text in row] for row in texts],
        options.width,
    )
    table = Table(
        # Plan text is data, never rich markup: a name with "[/b]" in it prints as written.
        title=Text(sheet.title),
        title_justify="left",
        header_style="bold" if options.color else "",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    for column, header, width in zip(sheet.columns, headers, widths, strict=True):
        wide = column.key in WIDE_COLUMNS
        table.add_column(
            Text(header),
            justify="right" if column.numeric else "left",
            overflow="ellipsis" if wide else "fold",
            no_wrap=True,
            min_width=width,
            max_width=width if wide else None,
        )
    for row in texts:
        table.add_row(*(Text(cell) for cell in row))
    return table


def render_table(report: Report, options: Options) -> str:
    """Rich tables; plain (no colour codes) unless ``options.color``."""
    if report.lines is not None:
        return render_lines(report)
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=options.width,
        force_terminal=options.color,
        no_color=not options.color,
        color_system="standard" if options.color else None,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )
    if report.text is not None:
        from rich.markdown import Markdown

        console.print(Markdown(report.text))
    for sheet in report.sheets:
        table = _rich_table(sheet, options)
        # Numbers are never cut to fit: a table wider than the terminal is better than a
        # wrong number, so the width grows when even the shortest names do not fit.
        console.width = max(options.width, _measure(console, table))
        console.print(table)
        console.width = options.width
    if report.summary:
        console.print(report.summary, markup=False)
    return buffer.getvalue()


# --- plain text table -------------------------------------------------------------------


GUTTER = "   "
"""Between two columns, as rich's ``SIMPLE_HEAD`` box with one cell of padding each side."""


NARROW = re.compile(
    "[\x00-\u02ff\u0400-\u0482\u1e00-\u1eff\u2010-\u2027\u2030-\u205e\u2190-\u21ff\u2500-\u257f\u2713\u2717]*"
)
"""Characters of one cell each: Latin with Vietnamese, Cyrillic, dashes, quotes, arrows, box
lines, ✓ ✗. A text of only these is measured by ``len``; a table at 10,000 criteria has
hundreds of thousands of characters to measure."""


def _cells(text: str) -> int:
    """Terminal cells a text takes: wide East Asian characters take two, combining marks none."""
    if text.isascii() or NARROW.fullmatch(text):
        return len(text)
    return sum(
        0 if unicodedata.combining(char) else 2 if unicodedata.east_asian_width(char) in "WF" else 1
        for char in text
    )


def _cut(text: str, width: int) -> str:
    """The text in at most ``width`` cells, ending in "…" when it had to be cut."""
    if text.isascii() or NARROW.fullmatch(text):
        return text if len(text) <= width else text[: width - 1] + "…"
    if _cells(text) <= width:
        return text
    kept, used = [], 0
    for char in text:
        size = _cells(char)
        if used + size > width - 1:
            break
        kept.append(char)
        used += size
    return "".join(kept) + "…"


def _fit(
    columns: Sequence[Column], header_sizes: Sequence[int], sizes: Sequence[Sequence[int]], width: int
) -> list[int]:
    """Column widths in cells for a table of at most ``width`` cells, if it can be had.

    Numbers and short texts keep their full width; long texts (names, owners) share what is
    left, cut with "…", but never below :data:`MIN_WIDE` cells: a narrow terminal gets a
    wider table, never a cut number. The rich and the plain table are laid out alike by it.
    """
    widths = [max([header_sizes[n], *(row[n] for row in sizes)]) for n in range(len(columns))]
    wide = [c.key in WIDE_COLUMNS for c in columns]
    fixed = (
        2
        + len(GUTTER) * (len(columns) - 1)
        + sum(w for w, is_wide in zip(widths, wide, strict=True) if not is_wide)
    )
    wide_widths = [w for w, is_wide in zip(widths, wide, strict=True) if is_wide]
    share = max([0, *wide_widths])
    while share > MIN_WIDE and fixed + sum(min(w, share) for w in wide_widths) > width:
        share -= 1
    return [min(w, share) if is_wide else w for w, is_wide in zip(widths, wide, strict=True)]


def text_table(sheet: Sheet, options: Options) -> list[str]:
    """One sheet as plain lines: title, blank line, header, rule, one line per row.

    The look of the rich table on a terminal, laid out by the same :func:`_fit`, without
    its cost (rich's measuring was most of ``gap``'s start-up).
    """
    columns = sheet.columns
    headers = [c.header(options.lang) for c in columns]
    texts = [[_text(c, record, options) for c in columns] for record in sheet.rows]
    # Each cell is measured once: a table at 10,000 criteria has about 100,000 cells.
    header_sizes = [_cells(h) for h in headers]
    sizes = [[_cells(text) for text in row] for row in texts]
    widths = _fit(columns, header_sizes, sizes, options.width)
    layout = [(width, column.numeric) for width, column in zip(widths, columns, strict=True)]

    def line(cells: Sequence[str], cell_sizes: Sequence[int]) -> str:
        shown = []
        for cell, size, (width, right) in zip(cells, cell_sizes, layout, strict=True):
            # Only a wide column is narrower than its texts.
            text = _cut(cell, width) if size > width else cell
            room = " " * (width - (_cells(text) if size > width else size))
            shown.append(room + text if right else text + room)
        return (" " + GUTTER.join(shown)).rstrip()

    rule = " " + "─" * (sum(widths) + len(GUTTER) * (len(columns) - 1))
    body = [line(row, row_sizes) for row, row_sizes in zip(texts, sizes, strict=True)]
    return [sheet.title, "", line(headers, header_sizes), rule, *body]


def render_text(report: Report, options: Options) -> str:
    """Plain text for pipes and files: no colour, no rich (and none of its start-up cost)."""
    if report.lines is not None:
        return render_lines(report)
    if report.text is not None:
        # A Markdown document (``report``) is laid out by rich's Markdown renderer.
        return render_table(report, replace(options, color=False))
    lines: list[str] = []
    for sheet in report.sheets:
        if lines:
            lines.append("")
        lines.extend(text_table(sheet, options))
    if report.summary:
        lines.extend(("", report.summary) if lines else (report.summary,))
    return "".join(line + "\n" for line in lines)


# --- GitHub Actions workflow commands ---------------------------------------------------


def github_data(text: str) -> str:
    """Escape a workflow command's message as GitHub's toolkit does (``escapeData``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """Escape a property value (``escapeProperty``): ``:`` and ``,`` separate properties."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(annotation: Annotation) -> str:
    """``::error file=F,line=L,col=C::message``: GitHub shows it on that line of a pull request."""
    properties = []
    if annotation.file is not None:
        properties.append(f"file={github_property(annotation.file)}")
        if annotation.line is not None:
            properties.append(f"line={annotation.line}")
            if annotation.column is not None:
                properties.append(f"col={annotation.column}")
    head = f"::{annotation.level}"
    if properties:
        head += " " + ",".join(properties)
    return f"{head}::{github_data(annotation.message)}"


def render_github(report: Report) -> str:
    if report.annotations is None:
        raise UnsupportedFormat(
            f"{report.command} has no findings to annotate; --format github is for validate and check"
        )
    lines = [github_line(a) for a in report.annotations]
    if report.summary:
        lines.append(github_line(Annotation("notice", f"parplan {report.command}: {report.summary}")))
    return "".join(line + "\n" for line in lines)


# --- dispatch ---------------------------------------------------------------------------


@overload
def render(report: Report, output_format: TextFormat, options: Options) -> str: ...
@overload
def render(report: Report, output_format: Literal[OutputFormat.XLSX], options: Options) -> bytes: ...
@overload
def render(report: Report, output_format: OutputFormat, options: Options) -> str | bytes: ...


def render(report: Report, output_format: OutputFormat, options: Options) -> str | bytes:
    """Render a report in a format; every member of the enum is handled (checked by mypy).

    Text formats give ``str``; binary ones (:data:`BINARY`) give ``bytes``. A format that
    does not suit the report raises :class:`UnsupportedFormat`.
    """
    if output_format is OutputFormat.TABLE:
        return render_table(report, options)
    if output_format is OutputFormat.TEXT:
        return render_text(report, options)
    if output_format is OutputFormat.MARKDOWN:
        return render_markdown(report, options)
    if output_format is OutputFormat.CSV:
        return render_csv(report, options)
    if output_format is OutputFormat.JSON:
        return render_json(report, options)
    if output_format is OutputFormat.XLSX:
        from parplan.xlsx import render_xlsx

        return render_xlsx(report, options)
    if output_format is OutputFormat.GITHUB:
        return render_github(report)
    assert_never(output_format)
