"""Word output: a real .docx read back with python-docx, checked against Decree 30/2020/NĐ-CP's layout."""

from __future__ import annotations

import io
import sys
import zipfile

import docx
import pytest
from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.styles.style import ParagraphStyle

from office_report import (
    FIGURE_CAPTION,
    LONG_NAME,
    PROVINCE,
    SCRIPT,
    TITLE,
    assert_decree_page,
    document,
    tables,
    untitled_document,
)
from parplan.render.docx import render_docx
from parplan.vocab.document import Options

TNR = "Times New Roman"


def read(data: bytes) -> WordDocument:
    return docx.Document(io.BytesIO(data))


@pytest.fixture(scope="module")
def vi() -> WordDocument:
    return read(render_docx(document(), Options(lang="vi")))


@pytest.fixture(scope="module")
def en() -> WordDocument:
    return read(render_docx(document(), Options(lang="en")))


def paragraph_style(word: WordDocument, name: str) -> ParagraphStyle:
    style = word.styles[name]
    assert isinstance(style, ParagraphStyle)
    return style


def test_a4_portrait_with_the_decree_margins(vi: WordDocument) -> None:
    assert len(vi.sections) == 1
    assert_decree_page(vi.sections[0])


def test_page_numbers_from_the_second_page(vi: WordDocument) -> None:
    section = vi.sections[0]
    assert section.different_first_page_header_footer
    fields = section.header._element.findall(f".//{qn('w:fldSimple')}")
    assert [field.get(qn("w:instr")) for field in fields] == ["PAGE"]
    assert not section.first_page_header._element.findall(f".//{qn('w:fldSimple')}")


def test_times_new_roman_13_pt_for_every_script(vi: WordDocument) -> None:
    normal = paragraph_style(vi, "Normal")
    assert normal.font.name == TNR
    assert normal.font.size is not None
    assert 13 <= normal.font.size.pt <= 14
    for rpr in (
        normal.element.rPr,
        vi.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}"),
    ):
        assert rpr is not None
        fonts = rpr.find(qn("w:rFonts"))
        assert fonts is not None
        for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            assert fonts.get(qn(script)) == TNR, script
        assert not [name for name in fonts.attrib if "Theme" in name or "theme" in name]
    body = [p for p in vi.paragraphs if p.style is not None and p.style.name == "Normal" and p.text]
    assert body
    for paragraph in body:
        for run in paragraph.runs:
            assert run.font.size is None or 13 <= run.font.size.pt <= 14
            assert run.font.name in (None, TNR, "Courier New")


def test_the_language_is_set_for_proofing(vi: WordDocument, en: WordDocument) -> None:
    for word, tag in ((vi, "vi-VN"), (en, "en-US")):
        rpr = word.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
        assert rpr is not None
        lang = rpr.find(qn("w:lang"))
        assert lang is not None
        assert lang.get(qn("w:val")) == tag


def test_headings_are_word_heading_styles_in_black_times_new_roman(vi: WordDocument) -> None:
    headings = [
        (p.style.name, p.text) for p in vi.paragraphs if p.style is not None and "Heading" in p.style.name
    ]
    assert headings == [
        ("Heading 1", TITLE),
        ("Heading 2", "1. Tổng quan"),
        ("Heading 3", f"1.1. Chi tiết theo tiêu chí {SCRIPT}"),
    ]
    for level in (1, 2, 3):
        style = paragraph_style(vi, f"Heading {level}")
        assert style.font.name == TNR
        assert style.font.color.rgb == docx.shared.RGBColor(0, 0, 0)
        assert style.font.color.theme_color is None
        assert style.font.size is not None
        assert 13 <= style.font.size.pt <= 14
        # The outline level is what the navigation pane and a table of contents read.
        assert style.element.pPr is not None
        outline = style.element.pPr.find(qn("w:outlineLvl"))
        assert outline is not None
        assert outline.get(qn("w:val")) == str(level - 1)


def test_a_title_is_added_when_the_blocks_do_not_open_with_it() -> None:
    word = read(render_docx(untitled_document(), Options(lang="vi")))
    first = word.paragraphs[0]
    assert first.style is not None
    assert (first.style.name, first.text) == ("Heading 1", TITLE)


def test_spans_keep_their_styles_and_bullets_are_a_list(vi: WordDocument) -> None:
    runs = [run for p in vi.paragraphs for run in p.runs]
    assert any(run.text == "82,9547 điểm" and run.bold for run in runs)
    assert any(run.text == "xếp hạng 39/63" and run.italic for run in runs)
    assert any(run.text == "par.1" and run.font.name == "Courier New" for run in runs)
    body = next(p for p in vi.paragraphs if p.text.startswith("Năm 2024"))
    assert body.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert body.paragraph_format.first_line_indent is not None
    assert 10 <= body.paragraph_format.first_line_indent.mm <= 12.7 + 0.1
    bullets = [p.text for p in vi.paragraphs if p.style is not None and p.style.name == "List Bullet"]
    assert bullets == ["Nâng cao chất lượng giải quyết thủ tục hành chính", f"Tiêu chí {SCRIPT}"]


def test_tables_are_real_with_a_repeated_header_a_grid_and_numbers_right(vi: WordDocument) -> None:
    assert len(vi.tables) == 1
    table = vi.tables[0]
    assert table.style is not None
    assert table.style.name == "Table Grid"
    assert table.style.element.find(f".//{qn('w:tblBorders')}") is not None
    rows = table.rows
    header = rows[0]._tr.trPr
    assert header is not None
    assert header.find(qn("w:tblHeader")) is not None
    for row in rows[1:]:
        assert row._tr.trPr is None or row._tr.trPr.find(qn("w:tblHeader")) is None
    assert [cell.text for cell in rows[0].cells] == ["Mã", "Tên", "Điểm 2024", "Mục tiêu 2025", "Tối đa"]
    assert all(run.bold for cell in rows[0].cells for run in cell.paragraphs[0].runs)
    assert [cell.text for cell in rows[1].cells] == ["par.1", LONG_NAME, "9,2779", "9,5", "10"]
    assert [cell.text for cell in rows[2].cells] == ["par.2", SCRIPT, "—", "4", "6,5"]
    for row in rows[1:]:
        alignments = [cell.paragraphs[0].alignment for cell in row.cells]
        assert alignments[:2] == [None, None]  # text stays left
        assert alignments[2:] == [WD_ALIGN_PARAGRAPH.RIGHT] * 3


def test_column_widths_fill_the_text_width_the_name_widest(vi: WordDocument) -> None:
    table = vi.tables[0]
    widths = [column.width for column in table.columns]
    assert all(width is not None for width in widths)
    mm = [width.mm for width in widths if width is not None]
    assert sum(mm) == pytest.approx(210 - 30 - 15, abs=0.5)
    assert max(mm) == mm[1]


def test_english_keeps_the_decimal_point(en: WordDocument) -> None:
    rows = en.tables[0].rows
    assert [cell.text for cell in rows[0].cells] == ["Id", "Name", "Score 2024", "Target 2025", "Maximum"]
    assert [cell.text for cell in rows[1].cells][2:] == ["9.2779", "9.5", "10"]
    assert rows[3].cells[2].text == "11.0453"


def test_vietnamese_forces_the_decimal_comma_even_when_not_asked() -> None:
    word = read(render_docx(document(), Options(lang="vi", decimal_comma=False)))
    assert word.tables[0].rows[3].cells[2].text == "11,0453"


def test_core_properties_carry_title_province_and_language(vi: WordDocument, en: WordDocument) -> None:
    properties = vi.core_properties
    assert properties.title == TITLE
    assert properties.subject == PROVINCE
    assert PROVINCE in properties.keywords
    assert properties.language == "vi-VN"
    assert en.core_properties.language == "en-US"
    # No dates: the same report gives the same file.
    assert properties.created is None
    assert properties.modified is None


def test_the_same_report_gives_the_same_bytes() -> None:
    first = render_docx(document(), Options(lang="vi"))
    assert render_docx(document(), Options(lang="vi")) == first
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        assert package.testzip() is None
        assert {item.date_time for item in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert package.namelist()[0] == "[Content_Types].xml"


def test_a_figure_is_an_embedded_chart_with_its_caption(vi: WordDocument, en: WordDocument) -> None:
    pytest.importorskip("matplotlib")
    assert len(vi.inline_shapes) == 1
    images = [part for part in vi.part.package.parts if part.content_type == "image/png"]
    assert len(images) == 1
    assert images[0].blob.startswith(b"\x89PNG\r\n\x1a\n")
    captions = [p.text for p in vi.paragraphs if p.style is not None and p.style.name == "Caption"]
    assert captions == [f"Hình 1. {FIGURE_CAPTION}"]
    assert [p.text for p in en.paragraphs if p.style is not None and p.style.name == "Caption"] == [
        f"Figure 1. {FIGURE_CAPTION}"
    ]


def test_without_matplotlib_a_figure_is_its_caption_and_a_note(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [name for name in sys.modules if name == "matplotlib" or name.startswith("matplotlib.")]:
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    word = read(render_docx(document(), Options(lang="vi")))
    assert len(word.inline_shapes) == 0
    captions = [p.text for p in word.paragraphs if p.style is not None and p.style.name == "Caption"]
    assert captions[0] == f"Hình 1. {FIGURE_CAPTION}"
    assert "charts" in captions[1]
    assert "Biểu đồ" in captions[1]
    english = read(render_docx(document(), Options(lang="en")))
    assert any("Charts need the charts extra" in p.text for p in english.paragraphs)


def test_a_tables_report_has_a_heading_and_a_table_per_sheet_and_its_summary() -> None:
    word = read(render_docx(tables(2), Options(lang="vi")))
    headings = [
        (p.style.name, p.text) for p in word.paragraphs if p.style is not None and "Heading" in p.style.name
    ]
    assert headings == [
        ("Heading 1", "parplan gap"),
        ("Heading 2", "PAR INDEX — bảng 1"),
        ("Heading 2", "PAR INDEX — bảng 2"),
    ]
    assert len(word.tables) == 2
    assert word.tables[1].rows[1].cells[2].text == "9,2779"
    assert word.paragraphs[-1].text == "3 tiêu chí, 1 chưa có số liệu."
    assert word.core_properties.subject == PROVINCE
    single = read(render_docx(tables(1), Options(lang="en")))
    assert [p.text for p in single.paragraphs if p.style is not None and p.style.name == "Heading 1"] == [
        "PAR INDEX — bảng 1"
    ]
    assert single.core_properties.title == "PAR INDEX — bảng 1"
