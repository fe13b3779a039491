"""typer's usage errors and help say what is true, in the user's language: a missing option with
two names ('--output' / '-o'), a bad --tolerance named, --lang's env var named only when the
value came from it, and the -o help and metavars of the commands that write files."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parplan.cli.main import app
from parplan.vocab.i18n import tr

runner = CliRunner()
SRC = str(Path(__file__).resolve().parents[1] / "src")


@pytest.fixture(autouse=True)
def _no_language_in_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("PARPLAN_LANG", raising=False)
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.chdir(tmp_path)


def _run(monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str]:
    """The command as the console script runs it: typer's words follow sys.argv's --lang."""
    monkeypatch.setattr(sys, "argv", ["parplan", *args])
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stderr


MISSING_OUTPUT = [
    ["export"],
    ["chart"],
    ["units", "chart", "--scores", "scores_2025.csv"],
    ["units", "collect", "sheets/xa-c.xlsx"],
]


@pytest.mark.parametrize("argv", MISSING_OUTPUT, ids=" ".join)
def test_a_missing_option_with_two_names_is_said_in_vietnamese(
    monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    code, stderr = _run(monkeypatch, *argv)
    assert code == 2
    assert stderr.splitlines()[-1] == "Lỗi: Thiếu tùy chọn '--output' / '-o'."


@pytest.mark.parametrize("argv", MISSING_OUTPUT, ids=" ".join)
def test_a_missing_option_with_two_names_stays_english_in_english(
    monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    code, stderr = _run(monkeypatch, "--lang", "en", *argv)
    assert code == 2
    assert stderr.splitlines()[-1] == "Error: Missing option '--output' / '-o'."


def test_a_missing_option_with_one_name_is_still_translated(monkeypatch: pytest.MonkeyPatch) -> None:
    code, stderr = _run(monkeypatch, "units", "rank")
    assert code == 2
    assert stderr.splitlines()[-1] == "Lỗi: Thiếu tùy chọn '--scores'."


def test_a_bad_value_of_a_two_name_option_is_translated(monkeypatch: pytest.MonkeyPatch) -> None:
    code, stderr = _run(monkeypatch, "export", "-o", "plan.txt")
    assert code == 2
    assert stderr.splitlines()[-1] == (
        "Lỗi: Giá trị không hợp lệ cho --output: bảng tính được ghi ra tệp .xlsx, không phải 'plan.txt'"
    )


def test_a_bad_tolerance_names_its_option(monkeypatch: pytest.MonkeyPatch) -> None:
    code, stderr = _run(monkeypatch, "units", "appraisal", "--scores", "s.csv", "--tolerance", "-1")
    assert code == 2
    assert stderr.splitlines()[-1] == (
        "Lỗi: Giá trị không hợp lệ cho --tolerance: '-1' không phải số thập phân không âm"
    )


def test_a_bad_tolerance_names_its_option_in_english(monkeypatch: pytest.MonkeyPatch) -> None:
    code, stderr = _run(
        monkeypatch, "--lang", "en", "units", "appraisal", "--scores", "s.csv", "--tolerance", "x"
    )
    assert code == 2
    assert (
        stderr.splitlines()[-1]
        == "Error: Invalid value for --tolerance: 'x' is not a decimal number of 0 or more"
    )


def test_a_bad_lang_on_the_command_line_is_not_blamed_on_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code, stderr = _run(monkeypatch, "--lang", "xx", "gap")
    assert code == 2
    assert (
        stderr.splitlines()[-1]
        == "Lỗi: Giá trị không hợp lệ cho '--lang': 'xx' không thuộc các giá trị 'vi', 'en'."
    )
    code, stderr = _run(monkeypatch, "gap", "--lang", "xx")
    assert code == 2
    assert "PARPLAN_LANG" not in stderr


def test_a_bad_lang_from_the_environment_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARPLAN_LANG", "xx")
    code, stderr = _run(monkeypatch, "gap")
    assert code == 2
    assert stderr.splitlines()[-1] == (
        "Lỗi: Giá trị không hợp lệ cho '--lang' (biến môi trường: 'PARPLAN_LANG'): "
        "'xx' không thuộc các giá trị 'vi', 'en'."
    )


def _help(command: str) -> str:
    result = runner.invoke(app, [*command.split(), "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_units_sheet_help_does_not_promise_stdout() -> None:
    line = next(line for line in _help("units sheet").splitlines() if "--output" in line)
    assert "đầu ra chuẩn" in line  # says it is never stdout …
    assert "không ghi ra đầu ra chuẩn" in line  # … not that '-' is stdout
    assert "- là đầu ra chuẩn" not in line


@pytest.mark.parametrize("command", ["chart", "export", "units chart", "units collect", "units sheet"])
def test_no_command_that_refuses_dash_says_dash_is_stdout(command: str) -> None:
    assert "- là đầu ra chuẩn" not in _help(command)


@pytest.mark.parametrize(
    "command",
    [
        "gap",
        "rank",
        "check",
        "trend",
        "report",
        "schema",
        "validate",
        "chart",
        "export",
        "units rank",
        "units chart",
        "units collect",
    ],
)
def test_every_output_option_shows_a_file_metavar(command: str) -> None:
    line = next(line for line in _help(command).splitlines() if "-o, --output" in line)
    assert line.split()[2] == "TỆP", line


def test_the_vietnamese_help_names_its_metavars_as_its_descriptions_do() -> None:
    text = _help("units sheet")
    assert "  --unit MÃ " in text
    assert "  --to THƯ-MỤC " in text
    assert "  -o, --output TỆP.xlsx " in text
    assert "  --units TỆP " in text
    assert "  --year NĂM " in _help("init")
    assert not re.search(r"\b(FILE|DIR|ID|YEAR)\b", text + _help("init") + _help("units collect"))


def test_a_missing_argument_is_named_by_its_vietnamese_metavar(monkeypatch: pytest.MonkeyPatch) -> None:
    code, stderr = _run(monkeypatch, "units", "collect", "-o", "scores_2025.csv")
    assert code == 2
    assert stderr.splitlines()[-1] == "Lỗi: Thiếu tham số 'TỆP…'."


def test_the_column_id_keeps_its_own_word() -> None:
    assert tr("vi", "ID") == "Mã"  # the metavar MÃ has a context of its own


def test_the_english_help_keeps_english_metavars() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "parplan", "--lang", "en", "units", "sheet", "--help"],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200", "PYTHONPATH": SRC},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "  --unit ID " in result.stdout
    assert "  --to DIR " in result.stdout
    assert "  -o, --output FILE.xlsx " in result.stdout
