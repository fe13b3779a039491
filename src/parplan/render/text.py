"""Text output: the plain-text table for pipes and files, and the rich table for a terminal.

Both are laid out by one width fitting (:func:`_fit`): long texts are cut with "…", numbers
never. rich is imported lazily: piped output never loads it.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from parplan.vocab.document import Column, Findings, Options, Report, Sheet, column_text
from parplan.vocab.i18n import tr

if TYPE_CHECKING:  # rich is imported lazily: CSV and JSON runs never load it
    from rich.console import Console
    from rich.table import Table


PROSE_WIDTH = 100
"""Where a document's paragraphs wrap when it goes to a file or a pipe."""
TABLE_LIMIT = 10_000
"""A rich table without a terminal: as wide as its texts (rich needs a number)."""
MIN_WIDE = 8
"""Narrowest a name column gets before the table grows wider than the terminal."""
WIDE_COLUMNS = frozenset({"name", "owners", "message", "best_province", "rank_note"})
DROP_ORDER = (
    "rank_note", "best_province", "vs_best", "best", "national_average", "vs_median", "median",
    "ambition", "projected", "headroom_pct", "comparison", "level", "index", "progress", "owners",
    "baseline", "rank_before", "max", "increase", "headroom", "shortfall", "value", "rank_change",
    "rank", "name",
)  # fmt: skip
"""On a terminal too narrow for a table, these columns are left out first to last, until the
rest fits: references before the plan's own numbers, the plan's numbers before the verdict, the
rank and then the name last (the id still names the criterion). The id, score, target, result
and verdict are never left out. A note under the table
names what was left out; a file or a pipe keeps every column."""


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
        _floors(headers, texts),
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
            no_wrap=wide,
            min_width=width,
            max_width=width,
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
    for whole in report.sheets:
        sheet, dropped = kept_columns(whole, options)
        table = _rich_table(sheet, options)
        # Numbers are never cut to fit: a table wider than the terminal is better than a
        # wrong number, so the width grows when even the shortest names do not fit.
        console.width = max(width, _measure(console, table))
        console.print(table)
        console.width = width
        if dropped:
            console.print(dropped_note(dropped, options), markup=False)
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


def _least(columns: Sequence[Column], widths: Mapping[str, int], floors: Mapping[str, int]) -> int:
    """The narrowest a table of these columns gets: wide columns at :data:`MIN_WIDE`, the
    others wrapped at their longest word."""
    gutters = 2 + len(GUTTER) * (len(columns) - 1)
    return gutters + sum(
        min(widths[c.key], MIN_WIDE) if c.key in WIDE_COLUMNS else floors[c.key] for c in columns
    )


def kept_columns(sheet: Sheet, options: Options) -> tuple[Sheet, list[str]]:
    """The sheet with the columns a terminal of ``options.width`` can show, in
    :data:`DROP_ORDER`, and the headers of those left out; with no width, the sheet whole."""
    if options.width is None:
        return sheet, []
    columns = list(sheet.columns)
    headers = {c.key: c.header(options.lang) for c in columns}
    texts = {c.key: [column_text(c, record, options) for record in sheet.rows] for c in columns}
    widths = {c.key: max([_cells(headers[c.key]), *(_cells(t) for t in texts[c.key])]) for c in columns}
    floors = {
        c.key: max([_longest_word(headers[c.key]), *(_longest_word(t) for t in texts[c.key])])
        for c in columns
    }
    dropped: list[str] = []
    for key in DROP_ORDER:
        if _least(columns, widths, floors) <= options.width:
            break
        dropped.extend(headers[c.key] for c in columns if c.key == key)
        columns = [c for c in columns if c.key != key]
    return replace(sheet, columns=tuple(columns)), dropped


def dropped_note(dropped: Sequence[str], options: Options) -> str:
    names = ", ".join(dropped)
    return tr(
        options.lang, "Left out to fit {width} columns: {names}. A file or a pipe keeps every column."
    ).format(width=options.width, names=names)


def _longest_word(text: str) -> int:
    return max((_cells(word) for word in text.split(" ")), default=0)


def _fit(
    columns: Sequence[Column],
    header_sizes: Sequence[int],
    sizes: Sequence[Sequence[int]],
    width: int | None,
    floors: Sequence[int] | None = None,
) -> list[int]:
    """Column widths in cells for a table of at most ``width`` cells, if it can be had.

    Numbers and short texts keep their full width; long texts (names, owners) share what is
    left, cut with "…", but never below :data:`MIN_WIDE` cells. Then, if the table is still too
    wide, a text column (a goal, a verdict) narrows to its longest word (``floors``) and wraps
    at spaces. A narrow terminal gets a wider table, never a cut number. The rich and the plain
    table are laid out alike by it.
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
    fitted = [min(w, share) if is_wide else w for w, is_wide in zip(widths, wide, strict=True)]
    over = 2 + len(GUTTER) * (len(columns) - 1) + sum(fitted) - width
    for n in sorted(range(len(columns)), key=lambda n: -fitted[n]):
        if over <= 0 or floors is None or wide[n]:
            continue
        cut = min(over, fitted[n] - floors[n])
        if cut > 0:
            fitted[n] -= cut
            over -= cut
    return fitted


def _floors(headers: Sequence[str], texts: Sequence[Sequence[str]]) -> list[int]:
    """Per column, the narrowest it may wrap to: its longest word (a number is one word)."""
    return [
        max([_longest_word(header), *(_longest_word(row[n]) for row in texts)])
        for n, header in enumerate(headers)
    ]


def _wrap(text: str, width: int) -> list[str]:
    """A cell's lines at ``width`` cells, broken at spaces only."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and _cells(lines[-1]) + 1 + _cells(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


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
    widths = _fit(columns, header_sizes, sizes, options.width, _floors(headers, texts))
    wide = [column.key in WIDE_COLUMNS for column in columns]
    layout = [(width, column.numeric) for width, column in zip(widths, columns, strict=True)]

    def one(cells: Sequence[str], cell_sizes: Sequence[int]) -> str:
        shown = []
        for cell, size, (width, right) in zip(cells, cell_sizes, layout, strict=True):
            # Only a wide column is narrower than its texts (the others wrap before).
            text = _cut(cell, width) if size > width else cell
            room = " " * max(width - (_cells(text) if size > width else size), 0)
            shown.append(room + text if right else text + room)
        return (" " + GUTTER.join(shown)).rstrip()

    def line(cells: Sequence[str], cell_sizes: Sequence[int]) -> str:
        if all(
            size <= width or is_wide for size, width, is_wide in zip(cell_sizes, widths, wide, strict=True)
        ):
            return one(cells, cell_sizes)
        parts = [
            _wrap(cell, width) if size > width and not is_wide else [cell]
            for cell, size, width, is_wide in zip(cells, cell_sizes, widths, wide, strict=True)
        ]
        rows = []
        for k in range(max(len(p) for p in parts)):
            texts_k = [p[k] if k < len(p) else "" for p in parts]
            rows.append(one(texts_k, [_cells(t) for t in texts_k]))
        return "\n".join(rows)

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
    for whole in report.sheets:
        if lines:
            lines.append("")
        sheet, dropped = kept_columns(whole, options)
        lines.extend(text_table(sheet, options))
        if dropped:
            lines.append(dropped_note(dropped, options))
    if report.summary:
        lines.extend(("", report.summary) if lines else (report.summary,))
    return "".join(line + "\n" for line in lines)
