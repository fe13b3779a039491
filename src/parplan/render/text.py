"""Text output: the plain-text table for pipes and files, and the rich table for a terminal.

Both are laid out by one width fitting (:func:`_fit`): long texts are cut with "…", numbers
never. rich is imported lazily: piped output never loads it.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from parplan.vocab.document import Column, Findings, Options, Report, Sheet, column_text

if TYPE_CHECKING:  # rich is imported lazily: CSV and JSON runs never load it
    from rich.console import Console
    from rich.table import Table


PROSE_WIDTH = 100
"""Where a document's paragraphs wrap when it goes to a file or a pipe."""
TABLE_LIMIT = 10_000
"""A rich table without a terminal: as wide as its texts (rich needs a number)."""
MIN_WIDE = 12
"""Narrowest a name column gets before the table grows wider than the terminal."""
WIDE_COLUMNS = frozenset({"name", "owners", "message", "best_province", "rank_note"})


def render_lines(report: Findings) -> str:
    """Findings as a compiler lists them, one per line, then the verdict."""
    return "".join(line + "\n" for line in (*report.lines, report.summary))


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
    texts = [[column_text(c, record, options) for c in sheet.columns] for record in sheet.rows]
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
    if report.kind == "findings":
        return render_lines(report)
    from rich.console import Console

    buffer = io.StringIO()
    # Prose (a document) is wrapped for reading even in a file; tables take what they need.
    width = options.width or (PROSE_WIDTH if report.kind == "document" else TABLE_LIMIT)
    console = Console(
        file=buffer,
        width=width,
        force_terminal=options.color,
        no_color=not options.color,
        color_system="standard" if options.color else None,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )
    if report.kind == "document":
        from rich.markdown import Markdown

        from parplan.render.markdown import render_document

        console.print(Markdown(render_document(report, replace(options, color=False))))
        return buffer.getvalue()
    for sheet in report.sheets:
        table = _rich_table(sheet, options)
        # Numbers are never cut to fit: a table wider than the terminal is better than a
        # wrong number, so the width grows when even the shortest names do not fit.
        console.width = max(width, _measure(console, table))
        console.print(table)
        console.width = width
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
    columns: Sequence[Column], header_sizes: Sequence[int], sizes: Sequence[Sequence[int]], width: int | None
) -> list[int]:
    """Column widths in cells for a table of at most ``width`` cells, if it can be had.

    Numbers and short texts keep their full width; long texts (names, owners) share what is
    left, cut with "…", but never below :data:`MIN_WIDE` cells: a narrow terminal gets a
    wider table, never a cut number. The rich and the plain table are laid out alike by it.
    """
    widths = [max([header_sizes[n], *(row[n] for row in sizes)]) for n in range(len(columns))]
    if width is None:
        return widths
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
    texts = [[column_text(c, record, options) for c in columns] for record in sheet.rows]
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
    if report.kind == "findings":
        return render_lines(report)
    if report.kind == "document":
        # A document (``report``) is laid out by rich's Markdown renderer.
        return render_table(report, replace(options, color=False))
    lines: list[str] = []
    for sheet in report.sheets:
        if lines:
            lines.append("")
        lines.extend(text_table(sheet, options))
    if report.summary:
        lines.extend(("", report.summary) if lines else (report.summary,))
    return "".join(line + "\n" for line in lines)
