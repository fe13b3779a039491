"""``applicable`` typed decomposed (NFD), as macOS and some Vietnamese keyboards write ``không``,
is the same word as its composed form, in the CSV, its YAML twin and a unit's workbook; and a
word refused is refused naming what that place accepts, in both spellings and both languages."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from fill_sheets import fill
from typer.testing import CliRunner

from parplan.cli.main import app

runner = CliRunner()
SHEET = "Tự chấm"


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def _run(*args: str) -> Any:
    return runner.invoke(app, list(args))


def _with_applicable(folder: Path, word: str) -> Path:
    """The CSV with xa-d's row for 1.2 marked ``word`` instead of ``no``."""
    text = (folder / "scores_2025.csv").read_text("utf-8")
    assert "xa-d,1.2,,,no," in text
    path = folder / "kh_2025.csv"
    path.write_text(text.replace("xa-d,1.2,,,no,", f"xa-d,1.2,,,{word},"), encoding="utf-8")
    return path


@pytest.mark.parametrize("word", [_nfd("không"), _nfd(" KHÔNG "), "không", "khong", "no"])
def test_a_decomposed_word_in_the_csv_is_read_as_the_composed_one(units_province: Path, word: str) -> None:
    expected = _run("units", "rank", "--scores", "scores_2025.csv", "-f", "json")
    result = _run("units", "rank", "--scores", str(_with_applicable(units_province, word)), "-f", "json")
    assert result.exit_code == 0, result.output
    assert result.stdout == expected.stdout


def test_a_decomposed_word_in_the_yaml_twin_is_read_as_the_composed_one(units_province: Path) -> None:
    lines = ["year: 2025", "scores:"]
    for row in (units_province / "scores_2025.csv").read_text("utf-8").splitlines()[1:]:
        unit, criterion, own, appraised, applicable, _note = row.split(",")
        entry = f"  - unit: {unit}\n    criterion: '{criterion}'"
        entry += f"\n    self: {own}" if own else ""
        entry += f"\n    appraised: {appraised}" if appraised else ""
        entry += f"\n    applicable: {_nfd('không')}" if applicable else ""
        lines.append(entry)
    (units_province / "twin_2025.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected = _run("units", "rank", "--scores", "scores_2025.csv", "-f", "json")
    result = _run("units", "rank", "--scores", "twin_2025.yaml", "-f", "json")
    assert result.exit_code == 0, result.output
    assert result.stdout == expected.stdout


def test_a_refused_csv_word_names_both_spellings_in_both_languages(units_province: Path) -> None:
    path = str(_with_applicable(units_province, "maybe"))
    english = _run("--lang", "en", "units", "rank", "--scores", path)
    assert english.exit_code == 2
    said = "PP513 error: column applicable: 'maybe' is not allowed (blank, yes/có or no/không)"
    assert said in english.stderr
    vietnamese = _run("--lang", "vi", "units", "rank", "--scores", path)
    assert vietnamese.exit_code == 2
    said = "PP513 lỗi: cột applicable: 'maybe' không hợp lệ (để trống, yes/có hoặc no/không)"
    assert said in vietnamese.stderr


def _workbooks(folder: Path) -> Path:
    result = _run("units", "sheet", "--all", "--to", str(folder / "sheets"))
    assert result.exit_code == 0, result.output
    fill(folder / "scores_2025.csv", folder / "sheets")
    return folder / "sheets"


def _set_applicable(path: Path, criterion: str, value: str) -> str:
    """Column E of ``criterion``'s row set to ``value``; the cell's coordinate."""
    book = openpyxl.load_workbook(path)
    sheet = book[SHEET]
    row = next(r for r in range(1, sheet.max_row + 1) if sheet[f"A{r}"].value == criterion)
    sheet[f"E{row}"] = value
    book.save(path)
    return f"E{row}"


def test_a_decomposed_word_in_a_workbook_is_read_as_the_composed_one(units_province: Path) -> None:
    sheets = _workbooks(units_province)
    _set_applicable(sheets / "xa-d.xlsx", "1.2", _nfd(" Không "))
    files = sorted(str(p) for p in sheets.glob("*.xlsx"))
    collected = _run("units", "collect", *files, "-o", "got_2025.csv", "--appraised")
    assert collected.exit_code == 0, collected.output
    expected = _run("units", "rank", "--scores", "scores_2025.csv", "-f", "json")
    result = _run("units", "rank", "--scores", "got_2025.csv", "-f", "json")
    assert result.stdout == expected.stdout


def test_a_refused_workbook_word_names_the_column_and_both_spellings(units_province: Path) -> None:
    sheets = _workbooks(units_province)
    where = _set_applicable(sheets / "xa-d.xlsx", "1.2", "maybe")
    files = sorted(str(p) for p in sheets.glob("*.xlsx"))
    english = _run("--lang", "en", "units", "collect", *files, "-o", "got_2025.csv")
    assert english.exit_code == 2
    assert (
        f"!{where}: PP513 error: column 'Áp dụng (applicable)': 'maybe' is not allowed "
        "(blank, có/yes or không/no)" in english.stderr
    )
    vietnamese = _run("--lang", "vi", "units", "collect", *files, "-o", "got_2025.csv")
    assert (
        f"!{where}: PP513 lỗi: cột 'Áp dụng (applicable)': 'maybe' không hợp lệ "
        "(để trống, có/yes hoặc không/no)" in vietnamese.stderr
    )
