"""A unit's own plan (issue 20 item 4): ``units plan`` writes a baseline and targets that ``validate``
and ``gap`` read as they read the province's, on the SYNTHETIC province of tests/fixtures/units."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from parplan.cli.main import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARPLAN_LANG", "en")


def test_a_units_plan_passes_validate_and_gap_runs_on_it(units_province: Path) -> None:
    result = runner.invoke(
        app, ["units", "plan", "--unit", "so-tu-phap", "--to", "plan", "--scores", "scores_2025.csv"]
    )
    assert result.exit_code == 0, result.stderr
    plan = units_province / "plan"
    baseline, targets = plan / "baseline_2025.yaml", plan / "targets_2026.yaml"
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


def test_a_units_plan_is_written_whole_or_not_at_all(units_province: Path) -> None:
    (units_province / "plan").mkdir()
    (units_province / "plan" / "targets_2026.yaml").write_text("kept\n", encoding="utf-8")
    result = runner.invoke(
        app, ["units", "plan", "--unit", "xa-c", "--to", "plan", "--scores", "scores_2025.csv"]
    )
    assert result.exit_code == 2
    assert "targets_2026.yaml: PP144 error:" in result.stderr
    assert not (units_province / "plan" / "baseline_2025.yaml").exists()
    assert (units_province / "plan" / "targets_2026.yaml").read_text(encoding="utf-8") == "kept\n"
    unknown = runner.invoke(
        app, ["units", "plan", "--unit", "nobody", "--to", "p2", "--scores", "scores_2025.csv"]
    )
    assert unknown.exit_code == 2
    assert "PP503 error: unit 'nobody'" in unknown.stderr
    assert not (units_province / "p2").exists()


def _plan(unit: str, folder: str) -> tuple[dict[str, Any], str]:
    result = runner.invoke(
        app, ["units", "plan", "--unit", unit, "--to", folder, "--scores", "scores_2025.csv"]
    )
    assert result.exit_code == 0, result.stderr
    baseline = yaml.safe_load((Path(folder) / "baseline_2025.yaml").read_text(encoding="utf-8"))
    return baseline, (Path(folder) / "targets_2026.yaml").read_text(encoding="utf-8")


def _references(baseline: dict[str, Any], kind: str) -> dict[str, Any]:
    return {ref["id"]: ref for ref in baseline["references"] if ref["kind"] == kind}


@pytest.mark.parametrize(
    ("unit", "block", "count", "expected"),
    [
        # Block `so`, four departments (appraised, worked out by hand from scores_2025.csv), an
        # even count, the mean of the two middle values: totals 21, 18.5, 17.6, 12.0 ->
        # (18.5 + 17.6) / 2 = 18.05; field 1: 6, 5.0, 6, 3.0 -> 5.5; field 2: 8, 7.0, 6, 5 -> 6.5;
        # field 3: 7, 6.5, 5.6, 4 -> (5.6 + 6.5) / 2 = 6.05.
        ("so-tu-phap", "Sở, ban, ngành", 4, ("18.05", "5.5", "6.5", "6.05")),
        # Block `xa`, three communes, an odd count, the middle value: totals 18, 16.2, 12.0 ->
        # 16.2; field 1: 8, 5.7, 5.5 -> 5.7; field 2: 7, 7.5, 4.5 -> 7; field 3: 3, 3, 2 -> 3.
        ("xa-e", "UBND xã", 3, ("16.2", "5.7", "7", "3")),
    ],
)
def test_the_block_median_is_exact_for_even_and_odd_blocks(
    units_province: Path, unit: str, block: str, count: int, expected: tuple[str, ...]
) -> None:
    baseline, _targets = _plan(unit, "plan")
    medians = _references(baseline, "median")
    assert {ident: str(ref["value"]) for ident, ref in medians.items()} == dict(
        zip(("cchc", "cchc.1", "cchc.2", "cchc.3"), expected, strict=True)
    )
    for ref in medians.values():
        assert (ref["province"], ref["note"], ref["unit"]) == (
            block,
            f"the median of the block's {count} units",
            "points",
        )


def test_the_block_best_names_its_unit(units_province: Path) -> None:
    best = _references(_plan("so-tu-phap", "plan")[0], "best_province")
    assert (best["cchc"]["value"], best["cchc"]["province"]) == (21, "Sở Nội vụ (giả định)")


def test_the_targets_file_offers_one_entry_to_fill_per_field_and_the_total(units_province: Path) -> None:
    _baseline, text = _plan("so-tu-phap", "plan")
    data = yaml.safe_load(text)
    assert [(t["id"], t["increase"], t["owners"]) for t in data["targets"]] == [
        ("cchc", None, ["so-tu-phap"]),
        ("cchc.1", None, ["so-tu-phap"]),
        ("cchc.2", None, ["so-tu-phap"]),
        ("cchc.3", None, ["so-tu-phap"]),
    ]
    assert "# Cải cách thủ tục hành chính: 6.5 of 8 points; block median 6.05, best 7\n- id: cchc.3\n" in text
    files = ["--baseline", "plan/baseline_2025.yaml", "--targets", "plan/targets_2026.yaml"]
    checked = runner.invoke(app, ["validate", *files])
    assert (checked.exit_code, checked.stdout) == (0, "valid: 0 errors, 0 warnings\n")
    # Filled in as a unit would, it is a plan like the province's.
    filled = text.replace("- id: cchc.3\n  increase: null", "- id: cchc.3\n  increase: 0.5")
    Path("plan/targets_2026.yaml").write_text(filled, encoding="utf-8")
    gap = runner.invoke(app, ["gap", *files, "-f", "csv"])
    assert gap.exit_code == 0, gap.stderr
    row = next(r for r in csv.DictReader(io.StringIO(gap.stdout)) if r["id"] == "cchc.3")
    shown = {key: row[key] for key in ("score", "max", "increase", "projected", "best", "best_province")}
    assert shown == {
        "score": "6.5",
        "max": "8",
        "increase": "0.5",
        "projected": "7",
        "best": "7",
        "best_province": "Sở Nội vụ (giả định)",
    }


def test_the_targets_comments_are_vietnamese_with_the_decimal_comma(
    units_province: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARPLAN_LANG", "vi")
    baseline, text = _plan("so-tu-phap", "plan")
    assert "# Cải cách thủ tục hành chính: 6,5 trên 8 điểm; trung vị của khối 6,05, cao nhất 7\n" in text
    assert _references(baseline, "median")["cchc"]["note"] == "trung vị của 4 đơn vị trong khối"


def test_a_units_plan_writes_the_schemas_its_files_name(units_province: Path) -> None:
    from parplan.reading.schema import Kind, schema_text

    args = ["units", "plan", "--unit", "xa-c", "--scores", "scores_2025.csv", "--to"]
    result = runner.invoke(app, [*args, "plan"])
    assert result.exit_code == 0, result.stderr
    plan = units_province / "plan"
    kinds: list[tuple[str, Kind]] = [("baseline_2025.yaml", "baseline"), ("targets_2026.yaml", "targets")]
    for name, kind in kinds:
        first = (plan / name).read_text(encoding="utf-8").partition("\n")[0]
        assert first == f"# yaml-language-server: $schema=schemas/{kind}.schema.json"
        assert (plan / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8") == schema_text(kind)
    assert "schemas/baseline.schema.json" in result.stderr  # said like every file written
    # A folder that holds the same schemas already (last year's plan): they are left as they are.
    shutil.copytree(plan / "schemas", units_province / "p2" / "schemas")
    other = runner.invoke(app, [*args[:2], "--unit", "so-tu-phap", *args[4:], "p2"])
    assert other.exit_code == 0, other.stderr
    assert "schemas" not in other.stderr
    # A different schema in the way is refused with the plan's files: nothing is written.
    (units_province / "p3" / "schemas").mkdir(parents=True)
    (units_province / "p3" / "schemas" / "targets.schema.json").write_text("{}\n", encoding="utf-8")
    refused = runner.invoke(app, [*args, "p3"])
    assert refused.exit_code == 2
    assert "targets.schema.json: PP144 error:" in refused.stderr
    assert not (units_province / "p3" / "baseline_2025.yaml").exists()
