"""Excel output: a real workbook, re-read with openpyxl."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from parplan.cli.main import app
from parplan.core import output
from parplan.render import render
from parplan.render.xlsx import sheet_names
from parplan.report.views import GAP_ALL, GAP_COLUMNS
from parplan.vocab.document import (
    Column,
    Document,
    Heading,
    Options,
    OutputFormat,
    Sheet,
    Tables,
    UnsupportedFormat,
)
from small_plan import write_plan

runner = CliRunner()


def test_gap_workbook_has_a_sheet_per_index_frozen_headers_and_real_numbers(tmp_path: Path) -> None:
    out = tmp_path / "gaps.xlsx"
    result = runner.invoke(app, ["gap", "-o", str(out)])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["PAR INDEX", "PAPI", "SIPAS", "Chỉ tiêu khác của kế hoạch"]
    par = book["PAR INDEX"]
    assert par.freeze_panes == "A2"
    # Like CSV and JSON, a workbook gets every column, with the Vietnamese headers.
    assert [cell.value for cell in par[1]] == [GAP_COLUMNS[key].vi for key in GAP_ALL]
    rows = {row[0].value: row for row in par.iter_rows(min_row=2)}
    first = rows["par.1"]
    assert first[3].value == "Công tác chỉ đạo, điều hành cải cách hành chính"
    score = first[5]
    assert score.data_type == "n"
    assert score.value == pytest.approx(9.2779)
    assert score.number_format == "0.0000"
    assert first[4].value == "39/63"  # a rank stays text, never a date or a fraction
    assert first[4].data_type == "s"
    assert rows["par.2.impl"][4].value is None  # unknown is an empty cell, never 0
    total = rows["par"]
    assert total[5].value == pytest.approx(82.9547)


def test_column_widths_fit_the_text_within_bounds(tmp_path: Path) -> None:
    out = tmp_path / "gaps.xlsx"
    assert runner.invoke(app, ["gap", "-o", str(out)]).exit_code == 0
    par = openpyxl.load_workbook(out)["PAR INDEX"]
    widths = {cell.value: par.column_dimensions[cell.column_letter].width for cell in par[1]}
    assert widths["Mã"] == len("par.8.socioeconomic") + 2
    assert widths["Tối đa"] == len("100.0000") + 2
    assert widths["Tên"] == 60  # long names are capped, not a column across the screen


def test_english_headers_and_names(tmp_path: Path) -> None:
    out = tmp_path / "gaps.xlsx"
    assert runner.invoke(app, ["gap", "--lang", "en", "--format", "xlsx", "-o", str(out)]).exit_code == 0
    par = openpyxl.load_workbook(out)["PAR INDEX"]
    assert par["A1"].value == "ID"
    assert par["D2"].value == "Public Administration Reform Index"


def test_check_workbook_formats_integers_as_integers(tmp_path: Path) -> None:
    baseline, targets, results = write_plan(tmp_path)
    text = results.read_text(encoding="utf-8").replace("rank: 5/63", "rank: 3/63")
    results.write_text(text, encoding="utf-8")
    out = tmp_path / "check.xlsx"
    args = ["check", "--baseline", str(baseline), "--targets", str(targets), "--results", str(results)]
    result = runner.invoke(app, [*args, "-o", str(out)])
    assert result.exit_code == 1, result.output
    sheet = openpyxl.load_workbook(out)["PAR INDEX"]
    header = [cell.value for cell in sheet[1]]
    change = sheet.cell(row=2, column=header.index("± hạng") + 1)
    assert (change.value, change.number_format) == (2, "0")
    status = sheet.cell(row=2, column=header.index("Đánh giá") + 1)
    assert status.value == "đạt"  # the reader's word; JSON and CSV keep the key "met"


def test_validate_problems_as_a_workbook(tmp_path: Path) -> None:
    baseline, targets, _ = write_plan(tmp_path)
    out = tmp_path / "problems.xlsx"
    result = runner.invoke(
        app, ["validate", "--baseline", str(baseline), "--targets", str(targets), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(out)["Các vấn đề của kế hoạch"]
    assert [cell.value for cell in sheet[1]] == [
        "Tệp",
        "Dòng",
        "Cột",
        "Mã",
        "Mã quy tắc",
        "Mức độ",
        "Nội dung",
    ]
    assert [cell.value for cell in sheet[2]][1:6] == [5, 57, "par.1", "PP403", "cảnh báo"]
    assert sheet.max_row == 3


def test_a_workbook_is_not_written_to_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(output, "stdout_is_tty", lambda: True)
    monkeypatch.setenv("PARPLAN_LANG", "en")
    result = runner.invoke(app, ["gap", "--format", "xlsx"])
    assert result.exit_code == 2
    assert "xlsx is a binary file and stdout is a terminal; write it with -o FILE.xlsx" in result.stderr
    assert result.stdout == ""


def test_a_workbook_can_be_piped(tmp_path: Path) -> None:
    result = runner.invoke(app, ["gap", "--format", "xlsx"])
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(b"PK\x03\x04")  # a zip archive, as every .xlsx is
    (tmp_path / "piped.xlsx").write_bytes(result.stdout_bytes)
    assert openpyxl.load_workbook(tmp_path / "piped.xlsx").sheetnames[0] == "PAR INDEX"


def test_sheet_names_are_legal_short_and_distinct() -> None:
    columns = (Column("id", "Mã", "ID"),)
    sheets = tuple(
        Sheet(key, title, columns, ())
        for key, title in (
            ("a", "PAR INDEX — Chỉ số cải cách hành chính"),
            ("b", "PAR INDEX — again"),
            ("c", "Tỷ lệ: [hồ sơ] đúng hạn / trễ hạn? * rất dài, dài hơn 31 ký tự"),
            ("d", ""),
        )
    )
    assert sheet_names(sheets) == ["PAR INDEX", "PAR INDEX (2)", "Tỷ lệ- -hồ sơ- đúng hạn - trễ h", "d"]


def test_render_gives_bytes_and_keeps_decimals_exact() -> None:
    columns = (Column("id", "Mã", "ID"), Column("score", "Điểm", "Score", numeric=True))
    report = Tables("gap", (Sheet("par", "PAR", columns, ({"id": "x", "score": Decimal("17.0453")},)),))
    data = render(report, OutputFormat.XLSX, Options())
    assert isinstance(data, bytes)
    sheet_xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    assert b"<v>17.0453</v>" in sheet_xml


def test_a_report_without_tables_is_refused() -> None:
    with pytest.raises(UnsupportedFormat, match="a document for people"):
        render(Document("report", "x", (Heading(1, "x"),)), OutputFormat.XLSX, Options())


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    baseline, targets, _ = write_plan(tmp_path)
    text = baseline.read_text(encoding="utf-8").replace(
        "name: Cải cách thể chế", "name: '=HYPERLINK(\"http://x\")'"
    )
    baseline.write_text(text, encoding="utf-8")
    out = tmp_path / "gaps.xlsx"
    result = runner.invoke(
        app, ["gap", "--baseline", str(baseline), "--targets", str(targets), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    names = {row[0].value: row[3] for row in openpyxl.load_workbook(out)["PAR INDEX"].iter_rows(min_row=2)}
    assert names["par.2"].value == '=HYPERLINK("http://x")'
    assert names["par.2"].data_type == "s"
    sheet_xml = zipfile.ZipFile(out).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet_xml


def test_control_characters_in_text_do_not_lose_the_workbook() -> None:

    report = Tables("gap", (Sheet("par", "PAR", (Column("name", "Tên", "Name"),), ({"name": "a\x08b"},)),))
    data = render(report, OutputFormat.XLSX, Options())
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.active is not None
    assert book.active.cell(row=2, column=1).value == "a\ufffdb"


def test_no_rows_still_gives_a_workbook_that_says_so() -> None:
    report = Tables("gap", (), summary="No criteria match.")
    book = openpyxl.load_workbook(io.BytesIO(render(report, OutputFormat.XLSX, Options())))
    assert book.sheetnames == ["gap"]
    assert book["gap"].cell(row=1, column=1).value == "No criteria match."


def test_level_names_in_a_workbook_are_the_readers_words(tmp_path: Path) -> None:
    out = tmp_path / "gaps.xlsx"
    for lang, words in (("vi", ["chỉ số", "lĩnh vực", "phần"]), ("en", ["index", "field", "part"])):
        result = runner.invoke(app, ["gap", "--index", "par", "--lang", lang, "-o", str(out)])
        assert result.exit_code == 0, result.output
        sheet = openpyxl.load_workbook(out).worksheets[0]
        header = [cell.value for cell in sheet[1]]
        levels = [
            row[header.index("Cấp" if lang == "vi" else "Level")]
            for row in sheet.iter_rows(min_row=2, values_only=True)
        ]
        assert levels[:3] == [words[0], words[1], words[1]]
        assert words[2] in levels
