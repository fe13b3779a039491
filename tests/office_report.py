"""Reports built by hand for the Word and HTML renderer tests: every kind of block, Vietnamese text,
exact decimals, an unknown value and a name that looks like markup."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from parplan.vocab.document import (
    Bullets,
    Column,
    Document,
    Figure,
    Heading,
    Paragraph,
    Record,
    Sheet,
    Span,
    Table,
    Tables,
    plain,
)

PROVINCE = "Tỉnh Hà Giang"
TITLE = "Báo cáo phân tích khoảng cách các chỉ số — Tỉnh Hà Giang, kế hoạch năm 2025"
SCRIPT = "<script>alert(1)</script>"
LONG_NAME = "Công tác chỉ đạo, điều hành cải cách hành chính"

COLUMNS = (
    Column("id", "Mã", "Id"),
    Column("name", "Tên", "Name"),
    Column("score", "Điểm 2024", "Score 2024", numeric=True),
    Column("target", "Mục tiêu 2025", "Target 2025", numeric=True),
    Column("max", "Tối đa", "Maximum", numeric=True),
)
ROWS: tuple[Record, ...] = (
    {
        "id": "par.1",
        "name": LONG_NAME,
        "score": Decimal("9.2779"),
        "target": Decimal("9.5"),
        "max": Decimal(10),
    },
    {"id": "par.2", "name": SCRIPT, "score": None, "target": Decimal("4"), "max": Decimal("6.5")},
    {
        "id": "par.3",
        "name": "Cải cách thủ tục hành chính",
        "score": Decimal("11.0453"),
        "target": None,
        "max": 14,
    },
)
FIGURE_ROWS: tuple[Record, ...] = (
    {"label": f"par.1 {LONG_NAME}", "score": Decimal("9.2779"), "target": Decimal("9.5"), "max": Decimal(10)},
    {"label": f"par.2 {SCRIPT}", "score": None, "target": Decimal(4), "max": Decimal("6.5")},
    {
        "label": "par.3 Cải cách thủ tục hành chính",
        "score": Decimal("11.0453"),
        "target": None,
        "max": Decimal(14),
    },
)
FIGURE_CAPTION = "Điểm PAR INDEX theo tiêu chí"


def document() -> Document:
    return Document(
        command="report",
        title=TITLE,
        meta={"province": PROVINCE, "year": 2025},
        blocks=(
            Heading(1, TITLE),
            Heading(2, "1. Tổng quan"),
            Paragraph(
                (
                    Span("Năm 2024, tỉnh đạt "),
                    Span("82,9547 điểm", "strong"),
                    Span(" chỉ số PAR INDEX, "),
                    Span("xếp hạng 39/63", "emphasis"),
                    Span("; tiêu chí "),
                    Span("par.1", "code"),
                    Span(" còn thiếu nhiều điểm nhất."),
                )
            ),
            Bullets(
                (plain("Nâng cao chất lượng giải quyết thủ tục hành chính"), plain(f"Tiêu chí {SCRIPT}"))
            ),
            Heading(3, f"1.1. Chi tiết theo tiêu chí {SCRIPT}"),
            Table(COLUMNS, ROWS),
            Figure("par", FIGURE_CAPTION, FIGURE_ROWS),
        ),
    )


def untitled_document() -> Document:
    """A document whose blocks do not open with its title: the renderer adds it."""
    return Document(command="report", title=TITLE, blocks=(Paragraph(plain("Một đoạn văn.")),))


def tables(sheets: int = 2) -> Tables:
    made = tuple(
        Sheet(key=f"s{n}", title=f"PAR INDEX — bảng {n}", columns=COLUMNS, rows=ROWS)
        for n in range(1, sheets + 1)
    )
    return Tables(
        command="gap", sheets=made, summary="3 tiêu chí, 1 chưa có số liệu.", meta={"province": PROVINCE}
    )


def assert_decree_page(section: Any) -> None:
    """A4 portrait with Decree 30/2020/NĐ-CP's margins: top and bottom 20-25 mm, left 30-35 mm,
    right 15-20 mm (a tenth of a millimetre for Word's rounding to twips)."""
    assert section.page_width is not None
    assert section.page_height is not None
    assert abs(section.page_width.mm - 210) <= 0.5
    assert abs(section.page_height.mm - 297) <= 0.5
    bounds = {"top": (20, 25), "bottom": (20, 25), "left": (30, 35), "right": (15, 20)}
    margins = {
        "top": section.top_margin,
        "bottom": section.bottom_margin,
        "left": section.left_margin,
        "right": section.right_margin,
    }
    for side, margin in margins.items():
        assert margin is not None, side
        low, high = bounds[side]
        assert low - 0.1 <= margin.mm <= high + 0.1, side
