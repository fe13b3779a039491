"""The units' workbooks (issue 20 items 1 and 2): ``units sheet`` writes them, a unit fills its own
through Excel (openpyxl here), ``units collect`` reads them back into the scores table.

Everything runs through the command line on a fresh temporary folder, on the SYNTHETIC province
of ``tests/fixtures/units`` (made up; no unit or score is real).
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from fill_sheets import fill
from typer.testing import CliRunner

from parplan.cli.main import app

runner = CliRunner()
SHEET = "Tự chấm"


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARPLAN_LANG", "en")


def _run(*args: str) -> Any:
    return runner.invoke(app, list(args))


def _sheets(folder: Path) -> Path:
    result = _run("units", "sheet", "--all", "--to", str(folder / "sheets"))
    assert result.exit_code == 0, result.stderr
    return folder / "sheets"


def _filled(folder: Path) -> Path:
    """Every unit's workbook, filled in with the CSV route's scores as each unit would in Excel."""
    sheets = _sheets(folder)
    fill(folder / "scores_2025.csv", sheets)
    return sheets


def _edit(path: Path, **cells: Any) -> None:
    book = openpyxl.load_workbook(path)
    for where, value in cells.items():
        book[SHEET][where] = value
    book.save(path)


def test_the_workbook_route_ranks_as_the_csv_route(units_province: Path) -> None:
    sheets = _filled(units_province)
    files = sorted(str(p) for p in sheets.glob("*.xlsx"))
    result = _run("units", "collect", *files, "-o", "collected_2025.csv", "--appraised")
    assert result.exit_code == 0, result.stderr
    assert "PP451" not in result.stderr  # every score has its evidence
    by_csv = _run("units", "rank", "--scores", "scores_2025.csv", "-f", "json")
    by_workbooks = _run("units", "rank", "--scores", "collected_2025.csv", "-f", "json")
    assert by_csv.exit_code == by_workbooks.exit_code == 0
    assert json.loads(by_workbooks.stdout) == json.loads(by_csv.stdout)
    assert by_workbooks.stdout == by_csv.stdout
    twin = _run("units", "collect", *files, "-o", "collected_2025.yaml", "--appraised")
    assert twin.exit_code == 0, twin.stderr
    by_yaml = _run("units", "rank", "--scores", "collected_2025.yaml", "-f", "json")
    assert by_yaml.stdout == by_csv.stdout


def test_a_bad_cell_is_refused_with_its_file_and_cell_and_nothing_is_written(units_province: Path) -> None:
    sheets = _filled(units_province)
    _edit(sheets / "so-tu-phap.xlsx", D5="một")
    files = sorted(str(p) for p in sheets.glob("*.xlsx"))
    result = _run("units", "collect", *files, "-o", "out_2025.csv")
    assert result.exit_code == 2
    assert (
        f"{sheets / 'so-tu-phap.xlsx'}:{SHEET}!D5: PP220 error: self: expected a number, got 'một'"
        in result.stderr
    )
    assert not (units_province / "out_2025.csv").exists()


def test_every_refusal_is_placed_and_reported_at_once(units_province: Path) -> None:
    sheets = _filled(units_province)
    path = sheets / "so-tu-phap.xlsx"
    book = openpyxl.load_workbook(path)
    sheet = book[SHEET]
    sheet["D3"] = 99  # above the max of 4
    sheet["D4"] = "=1+1"  # a formula
    sheet["D5"] = 0.5
    sheet["D5"].number_format = "0%"  # a percent cell
    sheet["B6"] = "Renamed"  # a renamed row
    sheet["A20"] = "9.9"  # a row added
    sheet["E7"] = "maybe"  # not có/không
    book.save(path)
    shutil.copy(sheets / "xa-c.xlsx", sheets / "xa-c-again.xlsx")  # a second workbook for xa-c
    other = sheets / "so-noi-vu.xlsx"
    book = openpyxl.load_workbook(other)
    book[SHEET]["B1"] = "so-khong-co"  # an unknown unit
    book.save(other)
    files = sorted(str(p) for p in sheets.glob("*.xlsx"))
    result = _run("units", "collect", *files, "-o", "out_2025.csv")
    assert result.exit_code == 2
    where = f"{path}:{SHEET}!"
    for expected in (
        f"{where}D3: PP501 error: the score 99 is above the maximum 4 of criterion '1.1'",
        f"{where}D4: PP221 error: self: the cell holds the formula '=1+1'",
        f"{where}D5: PP225 error: self: the cell is formatted as a percent (50%)",
        f"{where}B6: PP541 error: the row of criterion",
        f"{where}A20: PP541 error: the row '9.9' is not one of this unit's criteria",
        f"{where}E7: PP513 error:",
        f"{sheets / 'xa-c.xlsx'}:{SHEET}!B1: PP540 error: unit 'xa-c' has a workbook already, at "
        f"{sheets / 'xa-c-again.xlsx'}:{SHEET}!B1",
        f"{other}:{SHEET}!B1: PP503 error: unit 'so-khong-co' is not in units.yaml",
    ):
        assert expected in result.stderr, expected
    assert not (units_province / "out_2025.csv").exists()


def test_a_deleted_row_is_refused(units_province: Path) -> None:
    sheets = _sheets(units_province)
    path = sheets / "xa-d.xlsx"
    book = openpyxl.load_workbook(path)
    book[SHEET].delete_rows(4)
    book.save(path)
    result = _run("units", "collect", str(path), "-o", "out_2025.csv")
    assert result.exit_code == 2
    assert f"{path}:{SHEET}!A2: PP541 error: the row of criterion" in result.stderr
    assert "is missing: rows may not be deleted" in result.stderr


def test_the_warnings_name_the_units_missing_and_the_scores_without_evidence(units_province: Path) -> None:
    sheets = _sheets(units_province)
    _edit(sheets / "xa-e.xlsx", D3=2)
    result = _run("units", "collect", str(sheets / "xa-e.xlsx"), "-o", "out_2025.csv")
    assert result.exit_code == 0, result.stderr
    assert (
        f"{sheets / 'xa-e.xlsx'}:{SHEET}!D3: PP451 warning: a self score of 2 with no evidence"
        in result.stderr
    )
    assert "PP450 warning: unit so-noi-vu (Sở Nội vụ (giả định)) has no scores" in result.stderr
    assert (units_province / "out_2025.csv").read_text(encoding="utf-8").splitlines()[1] == "xa-e,1.1,2,,,"


def test_the_council_workbook_gives_the_appraised_scores(units_province: Path) -> None:
    sheets = _sheets(units_province)
    _edit(sheets / "xa-e.xlsx", D3=3, F3="Báo cáo số 1/BC (giả định)")
    council = units_province / "council.xlsx"
    assert _run("units", "sheet", "--appraisal", "-o", str(council)).exit_code == 0
    book = openpyxl.load_workbook(council)
    assert [t for t in book.sheetnames if t != "Hướng dẫn"][:2] == ["so-noi-vu", "so-tu-phap"]
    book["xa-e"]["G3"] = 2.5
    book.save(council)
    result = _run("units", "collect", str(sheets / "xa-e.xlsx"), str(council), "-o", "out_2025.csv")
    assert result.exit_code == 0, result.stderr
    lines = (units_province / "out_2025.csv").read_text(encoding="utf-8").splitlines()
    assert lines[1] == "xa-e,1.1,3,2.5,,Báo cáo số 1/BC (giả định)"


def test_the_sheet_holds_the_units_criteria_headers_validation_and_protection(units_province: Path) -> None:
    path = units_province / "so-tu-phap.xlsx"
    result = _run("units", "sheet", "--unit", "so-tu-phap", "-o", str(path))
    assert result.exit_code == 0, result.stderr
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [SHEET, "Hướng dẫn"]
    sheet = book[SHEET]
    assert [sheet["A1"].value, sheet["B1"].value] == ["Đơn vị (unit)", "so-tu-phap"]
    assert [c.value for c in sheet[2]] == [
        "Mã tiêu chí (criterion)",
        "Tên tiêu chí (name)",
        "Điểm tối đa (max)",
        "Tự chấm (self)",
        "Áp dụng (applicable)",
        "Tài liệu kiểm chứng (evidence)",
        "Thẩm định (appraised)",
    ]
    ids = [sheet.cell(row=r, column=1).value for r in range(3, sheet.max_row + 1)]
    assert ids == ["1.1", "1.3.1", "1.3.2", "2.1", "2.2", "3.1", "3.2", *ids[7:-2], "bonus", "penalty"]
    assert "1.2" not in ids  # a communes' criterion: not a department's row
    assert sheet.protection.sheet
    assert sheet["A3"].protection.locked
    assert sheet["C3"].protection.locked
    assert not any(sheet[f"{col}3"].protection.locked for col in "DEFG")
    rules = {str(rule.sqref): rule for rule in sheet.data_validations.dataValidation}
    assert (rules["D3"].type, rules["D3"].formula1, rules["D3"].formula2) == ("decimal", "0", "4")
    assert any(rule.type == "list" and "có,không" in str(rule.formula1) for rule in rules.values())
    assert "Tự chấm" in book["Hướng dẫn"]["A2"].value


def test_sheet_never_overwrites_and_wants_one_choice(units_province: Path) -> None:
    assert _run("units", "sheet", "--unit", "xa-c", "-o", "x.xlsx").exit_code == 0
    again = _run("units", "sheet", "--unit", "xa-c", "-o", "x.xlsx")
    assert again.exit_code == 2
    assert "x.xlsx: PP144 error:" in again.stderr
    assert _run("units", "sheet", "--all").exit_code == 2
    assert _run("units", "sheet", "--unit", "xa-c", "--all", "--to", "d").exit_code == 2
    unknown = _run("units", "sheet", "--unit", "nobody", "-o", "n.xlsx")
    assert unknown.exit_code == 2
    assert "PP503 error: unit 'nobody' is not in units.yaml" in unknown.stderr
    assert not (units_province / "n.xlsx").exists()


def _with_saved_value(path: Path, cell: str, value: str) -> None:
    """Write into the workbook's XML the value Excel saves with a formula (openpyxl saves none)."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheets = [name for name in parts if name.startswith("xl/worksheets/sheet")]
    done = 0
    for name in sheets:
        xml = parts[name].decode("utf-8")
        start = xml.find(f'<c r="{cell}"')
        if start < 0:
            continue
        end = xml.find("</c>", start)
        part = xml[start:end]
        if "<f>" in part:
            xml = (
                xml[:start]
                + part.replace("<v></v>", f"<v>{value}</v>").replace("<v />", f"<v>{value}</v>")
                + xml[end:]
            )
            parts[name] = xml.encode("utf-8")
            done += 1
    assert done == 1
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_a_formula_with_a_saved_value_gives_that_value_one_without_is_refused(units_province: Path) -> None:
    sheets = _filled(units_province)
    path = sheets / "so-tu-phap.xlsx"
    book = openpyxl.load_workbook(path)
    sheet = book[SHEET]
    line = next(cell.row for cell in sheet["A"] if cell.value == "2.1")
    typed = sheet[f"D{line}"].value  # so-tu-phap's own 4.5 for 2.1
    sheet[f"D{line}"] = "=9/2"  # the same, as a formula Excel computed and saved
    sheet[f"G{line}"] = "=3+1.5"  # the appraised 4.5, as a formula with no saved value
    book.save(path)
    _with_saved_value(path, f"D{line}", "4.5")
    files = sorted(str(p) for p in sheets.glob("*.xlsx"))
    refused = _run("units", "collect", *files, "--appraised", "-o", "out_2025.csv")
    assert refused.exit_code == 2
    assert (
        f"{path}:{SHEET}!G{line}: PP221 error: appraised: the cell holds the formula '=3+1.5'"
        in refused.stderr
    )
    assert f"!D{line}:" not in refused.stderr  # the saved value is taken
    assert not (units_province / "out_2025.csv").exists()
    _with_saved_value(path, f"G{line}", "4.5")
    taken = _run("units", "collect", *files, "--appraised", "-o", "out_2025.csv")
    assert taken.exit_code == 0, taken.stderr
    with (units_province / "out_2025.csv").open(encoding="utf-8") as stream:
        row = next(r for r in csv.DictReader(stream) if r["unit"] == "so-tu-phap" and r["criterion"] == "2.1")
    assert (typed, row["self"], row["appraised"]) == (4.5, "4.5", "4.5")
