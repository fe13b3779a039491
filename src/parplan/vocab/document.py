"""The vocabulary of output: the neutral report every command builds and every renderer reads.

A leaf module: it imports nothing of ours. A command's answer is one :data:`Report`, a tagged
union of three kinds (``tables`` for gap, rank and check; ``findings`` for validate;
``document`` for the People's Committee report), made of plain cells, never of models. The
renderers (:mod:`parplan.render`) turn it into Markdown, text, CSV, JSON, Excel, Word or HTML
without computing anything. Exact number formatting and the choice of a label's language live
here too, so that every renderer prints ``17.0453`` and ``9,2779`` the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Literal

from parplan.vocab.i18n import LANGS as LANGS  # noqa: PLC0414 (re-exported: mypy --strict)
from parplan.vocab.i18n import Lang as Lang  # noqa: PLC0414 (re-exported: mypy --strict)
from parplan.vocab.i18n import name_in as name_in  # noqa: PLC0414 (re-exported: mypy --strict)
from parplan.vocab.i18n import tr

Cell = str | Decimal | int | bool | None
Record = Mapping[str, Cell]
UNKNOWN = "—"
"""How an unknown value (null) shows in tables: never 0, never blank."""


def fmt(value: Decimal) -> str:
    """Exact decimal text, no exponent, trailing zeros dropped: ``17.0453``, ``9.4``, ``100``."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


class OutputFormat(StrEnum):
    """Every output format. The CLI's ``--format`` choices come from this enum."""

    TABLE = "table"
    TEXT = "text"
    MARKDOWN = "markdown"
    CSV = "csv"
    JSON = "json"
    XLSX = "xlsx"
    DOCX = "docx"
    HTML = "html"
    GITHUB = "github"


BINARY = frozenset({OutputFormat.XLSX, OutputFormat.DOCX})
"""Formats that are bytes, not text: never written to a terminal."""

EXTENSIONS: Mapping[str, OutputFormat] = {
    ".md": OutputFormat.MARKDOWN,
    ".markdown": OutputFormat.MARKDOWN,
    ".csv": OutputFormat.CSV,
    ".json": OutputFormat.JSON,
    ".txt": OutputFormat.TEXT,
    ".xlsx": OutputFormat.XLSX,
    ".docx": OutputFormat.DOCX,
    ".html": OutputFormat.HTML,
    ".htm": OutputFormat.HTML,
}
"""A file's format from its extension."""


class UnsupportedFormat(ValueError):
    """A report that cannot be shown in a format (GitHub lines for a report without findings)."""


@dataclass(frozen=True)
class Options:
    """How to present numbers and labels; the same for every format that shows text."""

    lang: Lang = "vi"
    decimal_comma: bool = False
    color: bool = False
    width: int | None = 100
    """Cells a table may take; None: no limit (a file or a pipe keeps full names)."""
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
        """The header in ``lang``: the words were chosen in both languages when the column was
        made (:func:`titled` from the catalogue; a plan's own names as they are)."""
        return {"vi": self.vi, "en": self.en}[lang]


def titled(
    key: str,
    title: str,
    numeric: bool = False,
    show: Callable[[Record, Options], str] | None = None,
    *,
    values: Mapping[str, object] | None = None,
) -> Column:
    """A column whose header is the msgid ``title`` (its ``{fields}`` filled from ``values``),
    in each language from the catalogue."""
    vi, en = (tr(lang, title).format(**(values or {})) for lang in LANGS)
    return Column(key, vi, en, numeric, show)


def cell_text(value: Cell, options: Options) -> str:
    """A cell as text; unknown shows as an em dash."""
    if value is None:
        return UNKNOWN
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if isinstance(value, (Decimal, int)):
        return options.number(value)
    return value


def column_text(column: Column, record: Record, options: Options) -> str:
    """A cell as its column shows it (a sign, a comparison), else as :func:`cell_text`."""
    if column.show is not None:
        return column.show(record, options)
    return cell_text(record.get(column.key), options)


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
    title: str | None = None
    """Shown as the annotation's title: the rule code."""


@dataclass(frozen=True)
class Tables:
    """Tables of rows (``gap``, ``rank``, ``check``), an optional summary line, JSON metadata."""

    command: str
    sheets: tuple[Sheet, ...]
    summary: str | None = None
    meta: Mapping[str, object] = field(default_factory=dict)
    annotations: tuple[Annotation, ...] | None = None
    """Findings placed in files, for ``--format github``; None: the command has none."""
    kind: Literal["tables"] = "tables"


@dataclass(frozen=True, kw_only=True)
class Findings:
    """Problems of a plan's files (``validate``): a verdict, then one line each and a table.

    Keyword-only: four of its values are plain strings and tuples, named where one is made."""

    command: str
    """The command that found them (``validate``), named in a CI notice."""
    sheet: Sheet
    """The findings as a table: the rows of CSV, JSON and Markdown."""
    valid: bool
    """No error among the findings (warnings allowed): ``validate`` exits 0."""
    summary: str
    """The count of errors and warnings, in words, under the findings."""
    lines: tuple[str, ...]
    """``FILE:LINE:COL: ID: CODE severity: message``, as compilers print them."""
    annotations: tuple[Annotation, ...]
    """The same findings placed in their files, for ``--format github``."""
    kind: Literal["findings"] = "findings"


# --- the document: a report of sections, for people --------------------------------------


@dataclass(frozen=True)
class Span:
    """A run of text with one style."""

    text: str
    style: Literal["plain", "strong", "emphasis", "code"] = "plain"


Inline = tuple[Span, ...]


def plain(text: str) -> Inline:
    return (Span(text),)


@dataclass(frozen=True)
class Heading:
    level: int
    """1 for the title, 2 for a section, 3 for a subsection."""
    text: str
    kind: Literal["heading"] = "heading"


@dataclass(frozen=True)
class Paragraph:
    spans: Inline
    kind: Literal["paragraph"] = "paragraph"


@dataclass(frozen=True)
class Bullets:
    items: tuple[Inline, ...]
    kind: Literal["bullets"] = "bullets"


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[Record, ...]
    kind: Literal["table"] = "table"


FigureKind = Literal["bars", "radar", "heatmap"]
"""What a figure draws; :mod:`parplan.render.chart` draws every kind."""

FIGURE_SERIES = ("score", "target", "max", "best")
"""The series of a bar or radar figure: keys of its rows and of its ``legend``."""


@dataclass(frozen=True)
class Figure:
    """A chart of the document, as data; the report layer builds it, a renderer draws it.

    Its ``rows`` depend on its ``chart``, and are in reading order (the first row on top):

    - ``bars``: one bar group per criterion. Each row has ``label``, ``score``, ``target``
      and ``max`` (Decimals or None) and may have ``group``: rows of one group share a panel,
      titled by the group's text.
    - ``radar``: the criteria of one index around a circle, at least three. Rows as for bars,
      plus ``best`` (the best province's value, or None: a gap in its line, never a guess).
    - ``heatmap``: a grid of percentages. Each row has ``group`` (the block it belongs to,
      for example a kind of unit: departments, communes), ``label`` (the row's name) and
      one value per entry of :attr:`columns`, keyed by the column's key: a Decimal between
      0 and 100, or None (an empty, hatched cell). Rows of one group are drawn together
      under the group's name, in the order given.

    ``legend`` names the series (keys of :data:`FIGURE_SERIES`, and ``axis`` for the value
    axis) in the report's language; a renderer prints these words and chooses none.
    Word and HTML draw a figure (Word with the ``charts`` extra); the other formats leave it out.
    """

    key: str
    caption: str
    rows: tuple[Record, ...]
    chart: FigureKind = "bars"
    legend: Mapping[str, str] = field(default_factory=dict)
    columns: tuple[Column, ...] = ()
    """A heatmap's columns (their keys index the rows' values); empty for bars and radar."""
    title: str = ""
    """A heading drawn above the chart itself (the ``chart`` command's); empty in a report."""
    kind: Literal["figure"] = "figure"


def figure_number(value: object) -> float | None:
    """A figure's value as a float, None when it is not a number (unknown).

    Drawing is the one place where binary floats are fine: pixels are not exact anyway.
    """
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        return None
    return float(value)


def shorten(text: str, width: int) -> str:
    """Text cut to ``width`` characters with an ellipsis: a chart's label, never a table's."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


Block = Heading | Paragraph | Bullets | Table | Figure


@dataclass(frozen=True)
class StateForm:
    """The parts of a Vietnamese state document around its body (Decree 30/2020/NĐ-CP,
    Appendix I), already in the report's words; a part the office has not given is a blank.

    The Word and HTML renderers place them where the Decree's layout puts them: the national
    motto and slogan top right (cell 1), the issuing body under its parent top left (2), the
    number under the body (3), the place and date under the slogan (4), the document type and
    summary centred (5a); after the body, the signature right (7a–7c) and the recipients
    left (9a–9b). The other formats show the title only.
    """

    motto: str
    slogan: str
    parent_agency: str
    """Upper case; empty when the body has no parent to name."""
    agency: str
    number: str
    """``Số: 125/BC-UBND``, or ``Số:     /BC-UBND`` for the office to fill."""
    place_date: str
    """``Cao Bằng, ngày 20 tháng 7 năm 2025``; the date's parts blank in a draft."""
    doc_type: str
    """``BÁO CÁO``: the kind of document, upper case, above its summary."""
    summary: str
    signature: tuple[str, ...]
    """The authority and title lines above the signature, upper case."""
    signer: str
    """The signer's name; empty: left for the office."""
    recipients_label: str
    recipients: tuple[str, ...]
    """``- Bộ Nội vụ;`` … ``- Lưu: VT.``, each a line."""
    draft: bool = True
    """A part is still blank: the office completes the document before it is issued."""


@dataclass(frozen=True)
class Document:
    """A whole report (``report``): a title and blocks in reading order."""

    command: str
    title: str
    blocks: tuple[Block, ...]
    meta: Mapping[str, object] = field(default_factory=dict)
    lang: Lang = "vi"
    form: StateForm | None = None
    """The state document form, for Word and HTML; None: a plain document."""
    appendix: tuple[Block, ...] = ()
    """Blocks after the signature (an appendix follows the signed document); Markdown and text
    print them after the blocks."""
    kind: Literal["document"] = "document"


Report = Tables | Findings | Document
"""What a command outputs; renderers test its ``kind`` and end in ``assert_never``."""


def sheets_of(report: Tables | Findings) -> tuple[Sheet, ...]:
    """The tables of a report of rows: a findings report has one."""
    return report.sheets if report.kind == "tables" else (report.sheet,)


def sheet_rows(sheets: tuple[Sheet, ...]) -> list[dict[str, Cell]]:
    """Every row of every sheet, keyed by column: the JSON rows and the API's records."""
    return [
        {column.key: record.get(column.key) for column in sheet.columns}
        for sheet in sheets
        for record in sheet.rows
    ]
