"""Renderers, exact to the character: one small report through every format."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from decimal import Decimal

import pytest

from parplan.render import render
from parplan.render.jsonout import to_json
from parplan.render.markdown import md_escape
from parplan.render.text import NARROW, _cells
from parplan.vocab.document import Column, Findings, Options, OutputFormat, Sheet, Tables, UnsupportedFormat

COLUMNS = (
    Column("id", "Mã", "ID"),
    Column("name", "Tên", "Name"),
    Column("score", "Điểm", "Score", numeric=True),
)
REPORT = Tables(
    "gap",
    (
        Sheet(
            "par",
            "PAR | INDEX",
            COLUMNS,
            (
                {"id": "par.1", "name": "Công tác | chỉ đạo", "score": Decimal("9.2779")},
                {"id": "par.6", "name": "Tài chính", "score": None},
            ),
        ),
    ),
    meta={"province": "Cao Bằng"},
)


def test_markdown_is_a_pipe_table_with_escaped_pipes_and_em_dash_for_unknown() -> None:
    assert render(REPORT, OutputFormat.MARKDOWN, Options()) == (
        "## PAR \\| INDEX\n"
        "\n"
        "| Mã | Tên | Điểm |\n"
        "| --- | --- | ---: |\n"
        "| par.1 | Công tác \\| chỉ đạo | 9.2779 |\n"
        "| par.6 | Tài chính | — |\n"
    )


def test_markdown_in_english_with_decimal_comma() -> None:
    text = render(REPORT, OutputFormat.MARKDOWN, Options(lang="en", decimal_comma=True))
    assert "| ID | Name | Score |" in text
    assert "| par.1 | Công tác \\| chỉ đạo | 9,2779 |" in text


def test_csv_has_keys_as_header_and_empty_cells_for_unknown() -> None:
    assert render(REPORT, OutputFormat.CSV, Options()) == (
        "id,name,score\npar.1,Công tác | chỉ đạo,9.2779\npar.6,Tài chính,\n"
    )
    assert render(REPORT, OutputFormat.CSV, Options(decimal_comma=True, bom=True)) == (
        "\ufeffid;name;score\npar.1;Công tác | chỉ đạo;9,2779\npar.6;Tài chính;\n"
    )


def test_json_numbers_are_exact_and_unknown_is_null() -> None:
    assert render(REPORT, OutputFormat.JSON, Options()) == (
        "{\n"
        '  "command": "gap",\n'
        '  "province": "Cao Bằng",\n'
        '  "rows": [\n'
        "    {\n"
        '      "id": "par.1",\n'
        '      "name": "Công tác | chỉ đạo",\n'
        '      "score": 9.2779\n'
        "    },\n"
        "    {\n"
        '      "id": "par.6",\n'
        '      "name": "Tài chính",\n'
        '      "score": null\n'
        "    }\n"
        "  ]\n"
        "}\n"
    )


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("17.0453"), "17.0453"),
        (Decimal("9.40"), "9.4"),
        (Decimal("100"), "100"),
        (Decimal("1E+2"), "100"),
        (Decimal("0.1") + Decimal("0.2"), "0.3"),
        (Decimal("82.9547") - Decimal("100"), "-17.0453"),
        (Decimal("-0"), "0"),
    ],
)
def test_json_decimal_text(value: Decimal, text: str) -> None:
    assert to_json(value) == text


def test_text_table_has_no_colour_codes_and_keeps_numbers_whole() -> None:
    text = render(REPORT, OutputFormat.TEXT, Options(width=30))
    assert "\x1b[" not in text
    assert "9.2779" in text
    assert "—" in text
    assert text.splitlines()[0].startswith("PAR | INDEX")


def test_text_table_is_aligned_plain_text_with_a_title_header_and_rule() -> None:
    assert render(REPORT, OutputFormat.TEXT, Options()) == (
        "PAR | INDEX\n"
        "\n"
        " Mã      Tên                    Điểm\n"
        " ───────────────────────────────────\n"
        " par.1   Công tác | chỉ đạo   9.2779\n"
        " par.6   Tài chính                 —\n"
    )


def test_text_table_cuts_names_to_fit_but_never_numbers() -> None:
    report = replace(
        REPORT,
        sheets=(
            replace(
                REPORT.sheets[0], rows=({"id": "par.1", "name": "x" * 40, "score": Decimal("123456.789012")},)
            ),
        ),
        summary="1 row",
    )
    # 40 cells: the edge cell at each end, two gutters of 3, 5 + 13 for id and score.
    assert render(report, OutputFormat.TEXT, Options(width=40)) == (
        "PAR | INDEX\n"
        "\n"
        " Mã      Tên                       Điểm\n"
        " ──────────────────────────────────────\n"
        " par.1   xxxxxxxxxxxxx…   123456.789012\n"
        "\n"
        "1 row\n"
    )
    # Narrower than a cut name and the numbers allow: the name is left out (issue 21, the
    # documented order), and a note says so; the number is never cut.
    narrow = render(report, OutputFormat.TEXT, Options(width=20))
    assert " par.1   123456.789012\n" in narrow
    assert "Đã bỏ bớt cột để vừa 20 cột màn hình: Tên." in narrow


def test_text_table_counts_wide_characters_as_two_cells() -> None:
    report = replace(
        REPORT,
        sheets=(replace(REPORT.sheets[0], rows=({"id": "a", "name": "行政改革指数", "score": 1},)),),
    )
    lines = render(report, OutputFormat.TEXT, Options()).splitlines()
    assert lines[2:] == [
        " Mã   Tên            Điểm",
        " ────────────────────────",
        " a    行政改革指数      1",
    ]


def test_characters_measured_by_len_take_one_cell_each() -> None:
    """The fast class must agree with the slow rule, or tables would go out of line."""
    one_cell = [chr(code) for code in range(0x30000) if NARROW.fullmatch(chr(code))]
    assert len(one_cell) > 1000
    assert all(
        not unicodedata.combining(char) and unicodedata.east_asian_width(char) not in "WF"
        for char in one_cell
    )
    assert _cells("Điều tra xã hội học") == 19
    assert _cells("e\u0301") == 1  # a decomposed é: the accent takes no cell


def test_text_validation_lines_do_not_need_rich() -> None:
    report = Findings(
        command="validate",
        sheet=Sheet("problems", "", (), ()),
        lines=(),
        annotations=(),
        valid=True,
        summary="valid: 0 errors, 0 warnings",
    )
    assert render(report, OutputFormat.TEXT, Options()) == "valid: 0 errors, 0 warnings\n"


def test_table_with_colour_uses_ansi_codes() -> None:
    text = render(REPORT, OutputFormat.TABLE, Options(color=True))
    assert "\x1b[" in text


def test_every_format_renders_the_report_or_says_why_not() -> None:
    for member in OutputFormat:
        if member is OutputFormat.GITHUB:
            # A table has no findings to annotate: refused with a reason, not an empty run.
            with pytest.raises(UnsupportedFormat, match="validate and check"):
                render(REPORT, member, Options())
        else:
            assert render(REPORT, member, Options())


def test_md_escape() -> None:
    assert md_escape("a|b\\c\nd") == "a\\|b\\\\c d"


def test_csv_text_that_looks_like_a_formula_stays_text() -> None:
    report = Tables(
        "gap",
        (
            Sheet(
                "par", "PAR", COLUMNS, ({"id": "par.1", "name": '=HYPERLINK("x")', "score": Decimal("-1.5")},)
            ),
        ),
    )
    assert render(report, OutputFormat.CSV, Options()) == 'id,name,score\npar.1,"\'=HYPERLINK(""x"")",-1.5\n'


def test_plan_text_is_never_read_as_rich_markup() -> None:
    sheet = Sheet("par", "PAR [b]x", (Column("name", "Tên", "Name"),), ({"name": "a [/b] b"},))
    report = Tables("gap", (sheet,), summary="[red]1 met[/red]")
    for member in (OutputFormat.TABLE, OutputFormat.TEXT):
        text = render(report, member, Options(color=member is OutputFormat.TABLE))
        assert "a [/b] b" in text
        assert "PAR [b]x" in text
        assert "[red]1 met[/red]" in text
