"""A given percentage (SIPAS's overall %, ``unit: percent, total: given``) is a percentage.

Issue 18: "a percentage never exceeds 100". A given total is read, never computed, so the check
that its criteria get (PP303, PP304 against 100) applies to it too, in a baseline and in a short
results file. SYNTHETIC plans: the bundled baseline with SIPAS's total made a given figure.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from parplan.cli.main import app

DATA = Path(__file__).resolve().parents[1] / "src" / "parplan" / "data"
runner = CliRunner()


def _baseline(tmp_path: Path, score: str) -> Path:
    text = (DATA / "baseline_2024.yaml").read_text(encoding="utf-8")
    start = text.index("id: sipas")
    at = text.index("total: none", start)
    path = tmp_path / "baseline_2024.yaml"
    path.write_text(f"{text[:at]}total: given\n    score: {score}{text[at + len('total: none') :]}", "utf-8")
    return path


@pytest.mark.parametrize(("score", "code"), [("120", "PP304"), ("100.01", "PP304"), ("-1", "PP303")])
def test_a_given_percentage_outside_0_to_100_is_refused(tmp_path: Path, score: str, code: str) -> None:
    result = runner.invoke(app, ["validate", "--baseline", str(_baseline(tmp_path, score))])
    assert result.exit_code == 2, result.output
    assert f"baseline_2024.yaml:229:12: sipas: {code} " in result.stdout + result.stderr


def test_a_given_percentage_of_100_or_less_is_read(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", "--baseline", str(_baseline(tmp_path, "100"))])
    assert "sipas: PP30" not in result.stdout + result.stderr


def test_a_result_above_100_percent_is_refused_not_met(tmp_path: Path) -> None:
    results = tmp_path / "results_2025.yaml"
    results.write_text("province: Cao Bằng\nyear: 2025\nresults:\n  - {id: sipas, score: 101}\n", "utf-8")
    baseline = _baseline(tmp_path, "85.5")
    targets = str(DATA / "targets_2025.yaml")
    args = ["check", "--baseline", str(baseline), "--targets", targets, "--results", str(results)]
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert "results_2025.yaml:4:24: sipas: PP304 " in result.stderr
