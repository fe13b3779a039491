"""Every units command that writes files answers a bad destination as the plan commands do.

A name too long, a file where a folder goes, a symbolic-link loop, a file that exists: one
placed line (PP901 or PP144), exit 2, nothing written, never a traceback. The units commands
write through the same transaction as ``init`` and ``import``, and these cases keep them there.
"""

from __future__ import annotations

from pathlib import Path

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
