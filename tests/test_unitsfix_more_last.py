"""The count of problems not listed (PP100, "fix the ones above first") comes after the ones it
counts, for a year's scores as for the plan's files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from parplan.cli.main import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARPLAN_LANG", "en")


def _run(*args: str) -> Any:
    return runner.invoke(app, list(args))


def _problem_lines(stderr: str, file: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(f"{file}:")]


def test_the_scores_count_of_more_problems_comes_last(units_province: Path) -> None:
    rows = ["year: 2025", "scores:"]
    for n in range(150):  # every number quoted: two problems a row, 300 in all
        rows.append(f"  - unit: so-noi-vu\n    criterion: '1.1'\n    self: '{n}'\n    appraised: '{n}'")
    (units_province / "s.yaml").write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = _run("units", "rank", "--scores", "s.yaml")
    assert result.exit_code == 2
    lines = _problem_lines(result.stderr, "s.yaml")
    assert len(lines) == 101
    assert all("PP100" not in line for line in lines[:-1])
    assert lines[-1] == "s.yaml: PP100 error: and 200 more problems in this file (fix the ones above first)"
    assert lines[0].startswith("s.yaml:5:11: PP205 error:")


def test_the_plans_count_of_more_problems_comes_last(tmp_path: Path) -> None:
    criteria = "\n".join(
        f"      - {{id: par.{n}, name: C{n}, max: '5', score: '4', rank: 30/63}}" for n in range(1, 80)
    )
    path = tmp_path / "b.yaml"
    path.write_text(
        f"province: Tỉnh Thử Nghiệm\nyear: 2024\nindices:\n  - id: par\n    name: Chỉ số\n"
        f"    rank: 40/63\n    criteria:\n{criteria}\n",
        encoding="utf-8",
    )
    result = _run("validate", "--baseline", str(path))
    assert result.exit_code == 2
    lines = _problem_lines(result.output, str(path))
    assert len(lines) == 101
    assert "PP100" in lines[-1]
    assert all("PP100" not in line for line in lines[:-1])
