"""Word output: the report as a ``.docx`` laid out as a Vietnamese state document.

The presentation follows Decree 30/2020/NĐ-CP: A4 portrait, margins 20 mm top and bottom,
30 mm left, 15 mm right; Times New Roman 13 pt (named for the Latin, East Asian and complex
scripts alike, so Word never substitutes a font for the Vietnamese letters); paragraphs
justified with a 1.27 cm first-line indent; page numbers centred in the top margin from the
second page on. Headings use Word's own Heading 1–3 styles (restyled in black Times New Roman),
so the navigation pane and a table of contents work. Tables are real Word tables with a grid,
a header row repeated on every page and numbers right-aligned; in Vietnamese numbers take the
decimal comma (``9,2779``).

python-docx is imported at the top of this module, which the dispatcher imports only for a
Word file. A figure is drawn by :mod:`parplan.render.chart` (matplotlib, the ``charts`` extra),
imported lazily; without it the figure keeps its caption and a note.

The same report gives the same bytes: the package's dates are left out and every part of the
zip carries one fixed time stamp.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace
from typing import assert_never

from docx import Document as new_document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Row
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Emu, Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.table import _Cell
from docx.text.paragraph import Paragraph as WordParagraph

from parplan.render.metrics import text_width, widest_word
from parplan.vocab.document import (
    Block,
    Column,
    Document,
    Figure,
    Inline,
    Lang,
    Options,
    Record,
    StateForm,
    Tables,
    column_text,
)
from parplan.vocab.i18n import tr, writes_decimal_comma

FONT = "Times New Roman"
CODE_FONT = "Courier New"
BODY_SIZE = Pt(13)
CAPTION_SIZE = Pt(12)
HEADING_SIZES = {1: Pt(14), 2: Pt(13), 3: Pt(13)}
BLACK = RGBColor(0, 0, 0)
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Mm(20), Mm(20), Mm(30), Mm(15)
FIRST_LINE_INDENT = Cm(1.27)
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
TEXT_POINTS = Emu(TEXT_WIDTH).pt
CHART_WIDTH = Mm(160)
CHART_INCHES = 6.3
"""The chart is drawn at the page's width (160 mm), so its 8–9 pt labels print at that size."""
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
"""Every part of the package carries this time: the same report gives the same bytes."""
LANG_TAGS: dict[Lang, str] = {"vi": "vi-VN", "en": "en-US"}
THEME_FONT_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
"""Theme fonts win over named ones in Word: the template's must go for Times New Roman to hold."""


def _figure_word(lang: Lang) -> str:
    return tr(lang, "Figure")


def _charts_note(lang: Lang) -> str:
    return tr(lang, "Charts need the charts extra: pip install 'parplan[charts]'.")


# --- fonts and styles ----------------------------------------------------------------------


def _set_fonts(rpr: BaseOxmlElement, name: str) -> None:
    """Name one font for every script of a run properties element, theme fonts removed."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in THEME_FONT_ATTRIBUTES:
        fonts.attrib.pop(qn(attribute), None)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), name)


def _set_lang(rpr: BaseOxmlElement, tag: str) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), tag)


def _style_paragraphs(style: ParagraphStyle, size: Pt, *, bold: bool = False, italic: bool = False) -> None:
    style.font.size = size
    style.font.bold = bold
    style.font.italic = italic
    style.font.color.rgb = BLACK
    _set_fonts(style.element.get_or_add_rPr(), FONT)


def _set_up_styles(word: WordDocument, lang: Lang) -> None:
    """Times New Roman everywhere (defaults, Normal, headings, captions), black, in the report's language."""
    defaults = word.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}") if defaults is not None else None
    if rpr is not None:
        _set_fonts(rpr, FONT)
        _set_lang(rpr, LANG_TAGS[lang])
    normal = word.styles["Normal"]
    assert isinstance(normal, ParagraphStyle)
    _style_paragraphs(normal, BODY_SIZE)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for level, size in HEADING_SIZES.items():
        heading = word.styles[f"Heading {level}"]
        assert isinstance(heading, ParagraphStyle)
        _style_paragraphs(heading, size, bold=True, italic=level == 3)
        heading.paragraph_format.space_before = Pt(12)
        heading.paragraph_format.space_after = Pt(6)
        if level == 1:
            heading.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        linked = word.styles[f"Heading {level} Char"]
        linked.font.color.rgb = BLACK
        _set_fonts(linked.element.get_or_add_rPr(), FONT)
    caption = word.styles["Caption"]
    assert isinstance(caption, ParagraphStyle)
    _style_paragraphs(caption, CAPTION_SIZE, italic=True)
    caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER


# --- the page ------------------------------------------------------------------------------


def _page_number(paragraph: WordParagraph) -> None:
    """A PAGE field: Word fills in the number of each page."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _set_up_page(word: WordDocument) -> None:
    """A4 portrait with the decree's margins; the page number centred on top from page 2."""
    section = word.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.header_distance = section.footer_distance = Mm(10)
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_number(header)


def _set_properties(word: WordDocument, report: Document | Tables, title: str, lang: Lang) -> None:
    """Title, province and language in the core properties; no dates, so no bytes change by the clock."""
    properties = word.core_properties
    province = report.meta.get("province")
    properties.title = title
    properties.subject = str(province) if province else ""
    properties.keywords = "; ".join(str(word) for word in ("parplan", report.command, province) if word)
    properties.language = LANG_TAGS[lang]
    properties.author = properties.last_modified_by = "parplan"
    properties.comments = ""
    properties.revision = 1
    element = properties._element
    for child in list(element):
        if child.tag in (qn("dcterms:created"), qn("dcterms:modified"), qn("cp:lastPrinted")):
            element.remove(child)


# --- blocks --------------------------------------------------------------------------------


def _add_spans(paragraph: WordParagraph, spans: Inline) -> None:
    for span in spans:
        run = paragraph.add_run(span.text)
        if span.style == "strong":
            run.bold = True
        elif span.style == "emphasis":
            run.italic = True
        elif span.style == "code":
            _set_fonts(run._r.get_or_add_rPr(), CODE_FONT)
        elif span.style != "plain":
            assert_never(span.style)


def _repeat_header(row_element: CT_Row) -> None:
    """Mark a table row as the header Word repeats at the top of every page."""
    properties = row_element.get_or_add_trPr()
    properties.append(OxmlElement("w:tblHeader"))


def _keep_row_together(row_element: CT_Row) -> None:
    properties = row_element.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))


def _fill_cell(paragraph: WordParagraph, text: str, size: Pt, *, numeric: bool, bold: bool = False) -> None:
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.first_line_indent = Pt(0)
    if numeric:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = paragraph.add_run(text)
    run.font.size = size
    run.bold = bold or None


TABLE_SIZES = (12, 11, 10, 9, 8)
"""Points: a table takes the largest size at which every word of it fits the page's width."""
CELL_PADDING = 2 * 5.4
"""Points: Word's default cell margins, 0.19 cm left and right."""
SAFETY = 1.04
"""Measured widths are stretched a little: a renderer's kerning and hinting are not ours."""
_NUMBERISH = re.compile(r"^(?:[<>≥≤]=? )?[+\-−]?[0-9][0-9.,]*%?$|^[0-9]+/[0-9]+$|^—$")
"""A cell that is a number, a target (``≥ 9,4``), a rank (``39/63``) or unknown: one unbroken piece."""
NBSP = "\u00a0"
PROSE_MIN = Mm(28).pt
"""Points: a text column (a name, the bodies) gets this much, or its one line, before the table's
size is kept; else the table takes a smaller size, so a name is not a column of single words."""


def _unbroken(text: str) -> str:
    """A number-like cell with no-break spaces: ``≥ 9,4`` never splits between sign and number."""
    return text.replace(" ", NBSP) if _NUMBERISH.match(text) else text


def _needs(headers: list[str], texts: list[list[str]], size: int) -> tuple[list[float], list[float]]:
    """Per column, in points: the least width (its widest word, bold in the header) and the width
    that keeps every cell on one line."""
    least, natural = [], []
    for n, header in enumerate(headers):
        cells = [row[n] for row in texts]
        word = max(
            widest_word(header, size, bold=True),
            max((widest_word(cell, size) for cell in cells), default=0.0),
        )
        line = max((text_width(cell, size) for cell in cells), default=0.0)
        least.append(word * SAFETY + CELL_PADDING)
        natural.append(max(word, line) * SAFETY + CELL_PADDING)
    return least, natural


def _water_fill(least: list[float], natural: list[float], room: float) -> list[float]:
    """``room`` shared in proportion to each column's one-line width, none below its least
    width nor above its one-line width: a row's lines are then about even across its texts."""
    fixed: dict[int, float] = {}
    while True:
        free = [n for n in range(len(least)) if n not in fixed]
        weight = sum(natural[n] for n in free)
        left = room - sum(fixed.values())
        share = {n: left * natural[n] / weight if weight else 0.0 for n in free}
        clamped = {n: least[n] for n in free if share[n] < least[n]}
        clamped |= {n: natural[n] for n in free if share[n] > natural[n] and n not in clamped}
        if not clamped:
            return [fixed.get(n, share.get(n, 0.0)) for n in range(len(least))]
        fixed |= clamped


def _grow(least: list[float], natural: list[float], numeric: list[bool]) -> list[float]:
    """Widths that fill the text width: numbers on one line first, then the texts share the
    rest by :func:`_water_fill`; what is left after every cell is on one line goes to the texts
    too, so every table spans the text width, as a state document's tables do."""
    widths = list(least)
    room = TEXT_POINTS - sum(widths)
    for n in sorted((n for n in range(len(widths)) if numeric[n]), key=lambda n: natural[n] - least[n]):
        lack = natural[n] - widths[n]
        if lack <= room:
            widths[n] += lack
            room -= lack
    texts = [n for n in range(len(widths)) if not numeric[n]] or list(range(len(widths)))
    shared = _water_fill(
        [widths[n] for n in texts], [natural[n] for n in texts], room + sum(widths[n] for n in texts)
    )
    for n, width in zip(texts, shared, strict=True):
        widths[n] = width
    left = TEXT_POINTS - sum(widths)
    weight = sum(natural[n] for n in texts)
    for n in texts:
        widths[n] += max(left, 0.0) * natural[n] / weight
    return widths


def _layout(columns: tuple[Column, ...], headers: list[str], texts: list[list[str]]) -> tuple[int, list[int]]:
    """The table's font size and column widths (EMU), by the measured rule: no column is narrower
    than the widest word (or number, or code) of its header and cells at that size, so Word wraps
    at spaces only. The largest size of :data:`TABLE_SIZES` at which that fits the page wins."""
    page = TEXT_POINTS
    for size in TABLE_SIZES:
        least, natural = _needs(headers, texts, size)
        prose = sum(
            max(0.0, min(natural[n], PROSE_MIN) - least[n]) for n, c in enumerate(columns) if not c.numeric
        )
        if sum(least) + prose <= page:
            break
    widths = _grow(least, natural, [column.numeric for column in columns]) if sum(least) < page else least
    return size, [int(Pt(width)) for width in widths]


def _add_table(
    word: WordDocument, columns: tuple[Column, ...], rows: tuple[Record, ...], options: Options
) -> None:
    headers = [column.header(options.lang) for column in columns]
    texts = [[_unbroken(column_text(column, record, options)) for column in columns] for record in rows]
    points, widths = _layout(columns, headers, texts)
    size = Pt(points)
    table = word.add_table(rows=1, cols=len(columns))
    table.style = word.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Emu(width)
    header = table.rows[0]
    _repeat_header(header._tr)
    for cell, text, width in zip(header.cells, headers, widths, strict=True):
        cell.width = Emu(width)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        _fill_cell(cell.paragraphs[0], text, size, numeric=False, bold=True)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in texts:
        row = table.add_row()
        _keep_row_together(row._tr)
        for cell, column, text, width in zip(row.cells, columns, line, widths, strict=True):
            cell.width = Emu(width)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            _fill_cell(cell.paragraphs[0], text, size, numeric=column.numeric)
    word.add_paragraph()  # Word merges two tables that touch; a paragraph keeps them apart


def chart_png(figure: Figure, lang: Lang) -> bytes | None:
    """The figure drawn by :mod:`parplan.render.chart` at the page's width; None without matplotlib."""
    try:
        import matplotlib  # noqa: F401  # first: a module of ours imported before may outlive it

        from parplan.render.chart import draw
    except ModuleNotFoundError as error:
        if (error.name or "").split(".")[0] != "matplotlib":
            raise
        return None
    return draw(figure, "png", lang=lang, width=CHART_INCHES, dpi=200, comma=writes_decimal_comma(lang))


def _add_figure(word: WordDocument, figure: Figure, number: int, lang: Lang) -> None:
    picture = chart_png(figure, lang)
    if picture is not None:
        word.add_picture(io.BytesIO(picture), width=CHART_WIDTH)
        word.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        word.paragraphs[-1].paragraph_format.keep_with_next = True
    word.add_paragraph(f"{_figure_word(lang)} {number}. {figure.caption}", style="Caption")
    if picture is None:
        note = word.add_paragraph(style="Caption")
        note.add_run(_charts_note(lang)).italic = True


def _add_block(word: WordDocument, block: Block, options: Options, figures: list[Figure]) -> None:
    if block.kind == "heading":
        word.add_heading(block.text, level=min(max(block.level, 1), 3))
    elif block.kind == "paragraph":
        paragraph = word.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.first_line_indent = FIRST_LINE_INDENT
        _add_spans(paragraph, block.spans)
    elif block.kind == "bullets":
        for item in block.items:
            _add_spans(word.add_paragraph(style="List Bullet"), item)
    elif block.kind == "table":
        _add_table(word, block.columns, block.rows, options)
    elif block.kind == "figure":
        figures.append(block)
        _add_figure(word, block, len(figures), options.lang)
    else:
        assert_never(block)


# --- the state document form (Decree 30/2020/NĐ-CP, Appendix I) ----------------------------

AGENCY_WIDTH, MOTTO_WIDTH = Cm(6.5), Cm(10.0)
"""The form's two columns: the issuing body left, the national motto right (165 mm in all)."""
FORM_SIZE = Pt(13)
MOTTO_SIZE = Pt(12)
SLOGAN_SIZE = Pt(13)
TYPE_SIZE = Pt(14)
RECIPIENTS_LABEL_SIZE, RECIPIENTS_SIZE = Pt(12), Pt(11)
SIGNATURE_SPACE = 4
"""Empty lines between the title and the name: room for the signature and the seal."""


def _form_paragraph(
    paragraph: WordParagraph, text: str, size: Pt, *, bold: bool = False, italic: bool = False,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER,
) -> WordParagraph:  # fmt: skip
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.first_line_indent = Pt(0)
    paragraph.paragraph_format.line_spacing = 1.0
    if text:
        run = paragraph.add_run(text)
        run.font.size = size
        run.bold = bold or None
        run.italic = italic or None
    return paragraph


def _rule(paragraph: WordParagraph, length: float, room: float) -> None:
    """A solid line ``length`` points long, centred in ``room`` points: the paragraph's bottom
    border between indents (Word draws no line of its own under a centred text)."""
    _form_paragraph(paragraph, "", Pt(2))
    indent = max(room - length, 0.0) / 2
    paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = Pt(indent)
    paragraph.paragraph_format.line_spacing = Pt(2)
    properties = paragraph._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(name), value)
    border.append(bottom)
    properties.insert_element_before(border, "w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc")


class _CellLines:
    """Paragraphs added one after another in a cell, its empty first paragraph used first."""

    def __init__(self, cell: _Cell) -> None:
        self.cell = cell
        self.used = False

    def __call__(self, text: str, size: Pt, *, bold: bool = False, italic: bool = False) -> WordParagraph:
        paragraph = self.cell.add_paragraph() if self.used else self.cell.paragraphs[0]
        self.used = True
        return _form_paragraph(paragraph, text, size, bold=bold, italic=italic)


def _form_table(word: WordDocument) -> tuple[_Cell, _Cell, _Cell, _Cell]:
    """Two rows of two borderless cells: body and motto, then number and place-date."""
    table = word.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, (AGENCY_WIDTH, MOTTO_WIDTH), strict=True):
            cell.width = width
    for column, width in zip(table.columns, (AGENCY_WIDTH, MOTTO_WIDTH), strict=True):
        column.width = width
    return table.cell(0, 0), table.cell(0, 1), table.cell(1, 0), table.cell(1, 1)


def _add_form_head(word: WordDocument, form: StateForm) -> None:
    """Cells 1–5a of the Decree's layout: motto, body, number, place and date, type, summary."""
    body, motto, number, place = _form_table(word)
    add = _CellLines(body)
    if form.parent_agency:
        add(form.parent_agency, MOTTO_SIZE)
    add(form.agency, MOTTO_SIZE, bold=True)
    agency = max(text_width(line, MOTTO_SIZE.pt, bold=True) for line in (form.agency, form.parent_agency))
    _rule(body.add_paragraph(), min(agency, Emu(AGENCY_WIDTH).pt) * 0.4, Emu(AGENCY_WIDTH).pt)
    add = _CellLines(motto)
    add(form.motto, MOTTO_SIZE, bold=True)
    add(form.slogan, SLOGAN_SIZE, bold=True)
    _rule(motto.add_paragraph(), text_width(form.slogan, SLOGAN_SIZE.pt, bold=True), Emu(MOTTO_WIDTH).pt)
    _CellLines(number)(form.number, FORM_SIZE).paragraph_format.space_before = Pt(6)
    _CellLines(place)(form.place_date, FORM_SIZE, italic=True).paragraph_format.space_before = Pt(6)
    heading = _form_paragraph(word.add_paragraph(), form.doc_type, TYPE_SIZE, bold=True)
    heading.paragraph_format.space_before = Pt(18)
    heading.paragraph_format.keep_with_next = True
    # The summary is the document's title: Heading 1 (bold, 14 pt, centred), so Word's
    # navigation pane and a table of contents still start from it.
    summary = word.add_heading(form.summary, level=1)
    summary.paragraph_format.space_before = Pt(0)
    summary.paragraph_format.space_after = Pt(0)
    summary.paragraph_format.keep_with_next = True
    line = min(text_width(form.summary, TYPE_SIZE.pt, bold=True), TEXT_POINTS) * 0.4
    _rule(word.add_paragraph(), line, TEXT_POINTS)
    word.add_paragraph().paragraph_format.space_after = Pt(6)


def _add_form_foot(word: WordDocument, form: StateForm) -> None:
    """Cells 7 and 9 of the layout: the recipients left, the signature right, side by side."""
    word.add_paragraph()
    table = word.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _keep_row_together(table.rows[0]._tr)  # the signature never split from its title
    recipients, signature = table.rows[0].cells
    for cell, width in zip((recipients, signature), (AGENCY_WIDTH, MOTTO_WIDTH), strict=True):
        cell.width = width
    add = _CellLines(recipients)
    add(
        form.recipients_label, RECIPIENTS_LABEL_SIZE, bold=True, italic=True
    ).alignment = WD_ALIGN_PARAGRAPH.LEFT
    for line in form.recipients:
        add(line, RECIPIENTS_SIZE).alignment = WD_ALIGN_PARAGRAPH.LEFT
    add = _CellLines(signature)
    for line in form.signature:
        add(line, FORM_SIZE, bold=True)
    for _ in range(SIGNATURE_SPACE):
        add("", FORM_SIZE)
    add(form.signer, FORM_SIZE, bold=True)


# --- the whole ----------------------------------------------------------------------------


def _title(report: Document | Tables) -> str:
    if report.kind == "document":
        return report.title
    return report.sheets[0].title if len(report.sheets) == 1 else f"parplan {report.command}"


def _add_body(word: WordDocument, report: Document | Tables, options: Options) -> None:
    if report.kind == "document":
        first = report.blocks[0] if report.blocks else None
        titled = first is not None and first.kind == "heading" and first.level == 1
        blocks = report.blocks
        if report.form is not None:
            _add_form_head(word, report.form)
            blocks = blocks[1:] if titled else blocks  # the form's summary is the title
        elif not titled:
            word.add_heading(report.title, level=1)
        figures: list[Figure] = []
        for block in blocks:
            _add_block(word, block, options, figures)
        if report.form is not None:
            _add_form_foot(word, report.form)
        if report.appendix:
            # An appendix starts on its own page, after the signature.
            word.add_paragraph().paragraph_format.page_break_before = True
            for block in report.appendix:
                _add_block(word, block, options, figures)
        return
    if len(report.sheets) != 1:
        word.add_heading(_title(report), level=1)
    for sheet in report.sheets:
        word.add_heading(sheet.title, level=1 if len(report.sheets) == 1 else 2)
        _add_table(word, sheet.columns, sheet.rows, options)
    if report.summary:
        word.add_paragraph(report.summary)


def _fixed_times(package: bytes) -> bytes:
    """The same zip with one fixed time stamp on every part, in the same order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(item.filename))
    return out.getvalue()


def render_docx(report: Document | Tables, options: Options) -> bytes:
    """The report as a Word file (``.docx``) in the state document format; in Vietnamese, decimal commas."""
    if writes_decimal_comma(options.lang) and not options.decimal_comma:
        options = replace(options, decimal_comma=True)
    word = new_document()
    _set_up_styles(word, options.lang)
    _set_up_page(word)
    _set_properties(word, report, _title(report), options.lang)
    body = word.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):
        body.remove(paragraph)  # the template's empty first paragraph
    _add_body(word, report, options)
    buffer = io.BytesIO()
    word.save(buffer)
    return _fixed_times(buffer.getvalue())
