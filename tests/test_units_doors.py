"""Every units command that writes files answers a bad destination as the plan commands do.

A name too long, a file where a folder goes, a symbolic-link loop, a file that exists: one
placed line (PP901 or PP144), exit 2, nothing written, never a traceback. The units commands
write through the same transaction as ``init`` and ``import``, and these cases keep them there.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from parplan.cli.main import app

FIXTURES = Path(__file__).parent / "fixtures" / "units"
UNITS = str(FIXTURES / "units.yaml")
SCORES = str(FIXTURES / "scores_2025.csv")
LONG = "a" * 300

runner = CliRunner()


def _commands(folder: str) -> list[list[str]]:
    return [
        ["units", "init", folder, "--province", "X", "--year", "2025"],
        ["units", "sheet", "--units", UNITS, "--all", "--to", folder],
        ["units", "sheet", "--units", UNITS, "--unit", "xa-c", "-o", f"{folder}/x.xlsx"],
        ["units", "plan", "--units", UNITS, "--unit", "xa-c", "--to", folder, "--scores", SCORES],
    ]


def _in_the_way(tmp_path: Path, kind: str) -> str:
    if kind == "long":
        return str(tmp_path / LONG)
    if kind == "file":
        (tmp_path / "afile").write_text("x", encoding="utf-8")
        return str(tmp_path / "afile")
    (tmp_path / "loop1").symlink_to(tmp_path / "loop2")
    (tmp_path / "loop2").symlink_to(tmp_path / "loop1")
    return str(tmp_path / "loop1")


@pytest.mark.parametrize("which", range(4))
@pytest.mark.parametrize("kind", ["long", "file", "loop"])
def test_a_destination_that_cannot_be_written_is_one_placed_line(
    tmp_path: Path, kind: str, which: int
) -> None:
    folder = _in_the_way(tmp_path, kind)
    before = sorted(p.name for p in tmp_path.iterdir())
    result = runner.invoke(app, _commands(folder)[which])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert ": PP901 lỗi: " in lines[0], result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_units_init_never_overwrites_and_names_every_file(tmp_path: Path) -> None:
    folder = str(tmp_path / "tinh")
    assert runner.invoke(app, _commands(folder)[0]).exit_code == 0
    (tmp_path / "tinh" / "units.yaml").write_text("# typed by hand\n", encoding="utf-8")
    result = runner.invoke(app, _commands(folder)[0])
    assert result.exit_code == 2
    assert result.stderr.count("PP144") == 2, result.stderr
    assert (tmp_path / "tinh" / "units.yaml").read_text(encoding="utf-8") == "# typed by hand\n"


# A note is plan text: what the models refuse in a note is refused in a scores table's note
# and in a returned workbook's evidence cell, placed, before it can reach a file or a terminal.
HIDDEN = ["\x1b[31m", "\x07", "\u202e", "\x85", "\ufffe", "\u2028"]


@pytest.mark.parametrize("hidden", HIDDEN)
def test_a_hidden_character_in_a_note_is_refused_where_it_is_read(tmp_path: Path, hidden: str) -> None:
    lines = (FIXTURES / "scores_2025.csv").read_text(encoding="utf-8").splitlines()
    lines[1] = f"{lines[1]}x{hidden}y"
    scores = tmp_path / "scores_2025.csv"
    scores.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["units", "rank", "--units", UNITS, "--scores", str(scores)])
    assert result.exit_code == 2, result.output
    assert f"{scores}:2:" in result.stderr
    # a hidden line break (NEL, LS) is the text reader's PP111; other characters the note's PP212
    assert " PP212 lỗi: " in result.stderr or " PP111 lỗi: " in result.stderr
    assert hidden not in result.stderr + result.stdout


def _xa_c_book(path: Path) -> Any:
    """xa-c's workbook as ``units sheet`` writes it at ``path``, open for a test to type into."""
    import openpyxl

    made = runner.invoke(app, ["units", "sheet", "--units", UNITS, "--unit", "xa-c", "-o", str(path)])
    assert made.exit_code == 0, made.stderr
    return openpyxl.load_workbook(path)


def _collect_refused(book: Path, out: Path) -> str:
    """What ``units collect`` says refusing ``book`` (exit 2), having written nothing to ``out``."""
    result = runner.invoke(app, ["units", "collect", str(book), "--units", UNITS, "-o", str(out)])
    assert result.exit_code == 2, result.stderr
    assert not out.exists()
    return result.stderr


@pytest.mark.parametrize("hidden", ["\u202e", "\x85", "\u2066"])
def test_a_hidden_character_in_an_evidence_cell_is_refused_and_nothing_is_written(
    tmp_path: Path, hidden: str
) -> None:
    sheets = tmp_path / "sheets"
    book = _xa_c_book(sheets / "c.xlsx")
    book["Tự chấm"]["D3"] = 1
    book["Tự chấm"]["F3"] = f"Văn bản số 1{hidden} (giả định)"
    book.save(sheets / "c.xlsx")
    said = _collect_refused(sheets / "c.xlsx", tmp_path / "scores_2025.csv")
    assert f"{sheets / 'c.xlsx'}:Tự chấm!F3: PP212 lỗi: " in said


def test_a_librarys_english_warning_never_reaches_the_reader(tmp_path: Path) -> None:
    """openpyxl warns in English of a date cell out of range; the reader sees the placed problem."""
    book = _xa_c_book(tmp_path / "c.xlsx")
    book["Tự chấm"]["D3"] = 1e300
    book["Tự chấm"]["D3"].number_format = "yyyy-mm-dd"
    book.save(tmp_path / "c.xlsx")
    out = tmp_path / "scores_2025.csv"
    # The real process: pytest would catch the warning before a CliRunner's stderr saw it.
    command = [sys.executable, "-m", "parplan", "units", "collect", str(tmp_path / "c.xlsx")]
    result = subprocess.run(
        [*command, "--units", UNITS, "-o", str(out)], capture_output=True, text=True, check=False, timeout=120
    )
    assert result.returncode == 2, result.stderr
    assert "Tự chấm!D3: PP" in result.stderr
    assert "Warning" not in result.stderr
    assert "warn(" not in result.stderr


@pytest.mark.parametrize(("text", "code"), [("Tự chấm (self)", "PP226"), ("Ghi chú thêm", "PP223")])
def test_a_column_added_to_a_units_sheet_is_refused_naming_its_cell(
    tmp_path: Path, text: str, code: str
) -> None:
    book = _xa_c_book(tmp_path / "c.xlsx")
    book["Tự chấm"]["H2"] = text
    book["Tự chấm"]["H3"] = 0
    book.save(tmp_path / "c.xlsx")
    said = _collect_refused(tmp_path / "c.xlsx", tmp_path / "scores_2025.csv")
    assert f"c.xlsx:Tự chấm!H2: {code} lỗi: " in said
    if code == "PP226":
        assert "Tự chấm!D2" in said  # the first of the two is named
