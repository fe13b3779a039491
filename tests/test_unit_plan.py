"""A unit's own plan (issue 20 item 4): ``units plan`` writes a baseline and targets that ``validate``
and ``gap`` read as they read the province's, on the SYNTHETIC province of tests/fixtures/units."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from parplan.cli.main import app

runner = CliRunner()
FIXTURES = Path(__file__).parent / "fixtures" / "units"


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARPLAN_LANG", "en")


@pytest.fixture
def province(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("units.yaml", "scores_2025.csv"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_units_plan_passes_validate_and_gap_runs_on_it(province: Path) -> None:
    result = runner.invoke(
        app, ["units", "plan", "--unit", "so-tu-phap", "--to", "plan", "--scores", "scores_2025.csv"]
    )
    assert result.exit_code == 0, result.stderr
    baseline, targets = province / "plan" / "baseline_2025.yaml", province / "plan" / "targets_2026.yaml"
    files = ["--baseline", str(baseline), "--targets", str(targets)]
    checked = runner.invoke(app, ["validate", *files])
    assert checked.exit_code == 0, checked.stderr
    gap = runner.invoke(app, ["gap", *files, "-f", "csv"])
    assert gap.exit_code == 0, gap.stderr
    assert "cchc.1" in gap.stdout
    data = yaml.safe_load(baseline.read_text(encoding="utf-8"))
    index = data["indices"][0]
    assert data["province"] == "Sở Tư pháp (giả định)"
    assert index["rank"].endswith("/4")  # four departments in the block
    assert [c["id"] for c in index["criteria"]][:2] == ["cchc.1", "cchc.2"]
    league = {table["id"]: table["scores"] for table in data["league"]}
    assert set(league["cchc"]) == {
        "Sở Nội vụ (giả định)",
        "Sở Tư pháp (giả định)",
        "Sở Tài chính (giả định)",
        "Sở Xây dựng (giả định)",
    }


def test_a_units_plan_is_written_whole_or_not_at_all(province: Path) -> None:
    (province / "plan").mkdir()
    (province / "plan" / "targets_2026.yaml").write_text("kept\n", encoding="utf-8")
    result = runner.invoke(
        app, ["units", "plan", "--unit", "xa-c", "--to", "plan", "--scores", "scores_2025.csv"]
    )
    assert result.exit_code == 2
    assert "targets_2026.yaml: PP144 error:" in result.stderr
    assert not (province / "plan" / "baseline_2025.yaml").exists()
    assert (province / "plan" / "targets_2026.yaml").read_text(encoding="utf-8") == "kept\n"
    unknown = runner.invoke(
        app, ["units", "plan", "--unit", "nobody", "--to", "p2", "--scores", "scores_2025.csv"]
    )
    assert unknown.exit_code == 2
    assert "PP503 error: unit 'nobody'" in unknown.stderr
    assert not (province / "p2").exists()
