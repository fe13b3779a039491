"""Output formats: one enum, one dispatcher, one function per format.

Commands build a :class:`Report` (sheets of plain cells); this module only turns it into
text or bytes. Nothing here computes, reads files or knows about typer.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum
from typing import Literal, assert_never

from parplan.compute import fmt

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


EXTENSIONS: dict[str, OutputFormat] = {
    ".md": OutputFormat.MARKDOWN,
    ".markdown": OutputFormat.MARKDOWN,
    ".csv": OutputFormat.CSV,
    ".json": OutputFormat.JSON,
    ".txt": OutputFormat.TEXT,
}


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
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if options.decimal_comma else ",", lineterminator="\n")
    columns = report.sheets[0].columns if report.sheets else ()
    writer.writerow(column.key for column in columns)
    for sheet in report.sheets:
        for record in sheet.rows:
            writer.writerow(_csv_cell(record.get(column.key), options) for column in columns)
    return ("\ufeff" if options.bom else "") + buffer.getvalue()


def _csv_cell(value: Cell, options: Options) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (Decimal, int)):
        return options.number(value)
    return value


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


WIDE_COLUMNS = frozenset({"name", "owners", "message", "best_province", "rank_note"})


def render_lines(report: Report) -> str:
    lines = list(report.lines or ())
    if report.summary:
        lines.append(report.summary)
    return "".join(line + "\n" for line in lines)


def render_table(report: Report, options: Options) -> str:
    """Rich tables; plain (no colour codes) unless ``options.color``."""
    if report.lines is not None:
        return render_lines(report)
    from rich import box
    from rich.console import Console
    from rich.table import Table

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
        from rich.markdown import Markdown  # noqa: PLC0415 - ~70 ms of imports (markdown-it): only reports pay

        console.print(Markdown(report.text))
    for sheet in report.sheets:
        table = Table(
            title=sheet.title,
            title_justify="left",
            header_style="bold" if options.color else "",
            box=box.SIMPLE_HEAD,
            pad_edge=False,
        )
        texts = [[_text(c, record, options) for c in sheet.columns] for record in sheet.rows]
        widths = [
            max(len(c.header(options.lang)), *(len(row[n]) for row in texts)) if texts else len(c.header(options.lang))
            for n, c in enumerate(sheet.columns)
        ]
        # Long texts (names, owners) share the room the numbers leave and end in "…" on one
        # line: a name folded over ten lines makes the numbers unreadable.
        wide = [c.key in WIDE_COLUMNS for c in sheet.columns]
        fixed = sum(w + 2 for w, is_wide in zip(widths, wide, strict=True) if not is_wide)
        share = max(12, (options.width - fixed - 2) // max(1, sum(wide)) - 2)
        for column, width, is_wide in zip(sheet.columns, widths, wide, strict=True):
            table.add_column(
                column.header(options.lang),
                justify="right" if column.numeric else "left",
                overflow="ellipsis" if is_wide else "fold",
                no_wrap=True,
                min_width=min(width, share) if is_wide else width,
                max_width=share if is_wide else None,
            )
        for row in texts:
            table.add_row(*row)
        console.print(table)
    if report.summary:
        console.print(report.summary)
    return buffer.getvalue()


# --- dispatch ---------------------------------------------------------------------------


def render(report: Report, output_format: OutputFormat, options: Options) -> str:
    """Render a report in a format; every member of the enum is handled (checked by mypy)."""
    if output_format is OutputFormat.TABLE:
        return render_table(report, options)
    if output_format is OutputFormat.TEXT:
        return render_table(report, replace(options, color=False))
    if output_format is OutputFormat.MARKDOWN:
        return render_markdown(report, options)
    if output_format is OutputFormat.CSV:
        return render_csv(report, options)
    if output_format is OutputFormat.JSON:
        return render_json(report, options)
    assert_never(output_format)
