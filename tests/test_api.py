"""The Python API: the same tables as the JSON output, as pandas DataFrames."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from typer.testing import CliRunner

import parplan
from parplan.cli.main import app
from parplan.core.api import Plan, Table
from parplan.vocab.problems import InputError
from small_plan import write_plan

runner = CliRunner()


def _json_rows(args: list[str], key: str = "rows", code: int = 0) -> list[dict[str, Any]]:
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == code, result.output
    rows: list[dict[str, Any]] = json.loads(result.stdout, parse_float=Decimal)[key]
    return rows


def _same(frame: pd.DataFrame, rows: list[dict[str, Any]]) -> None:
    """Frame and JSON rows agree column for column, value for value."""
    assert list(frame.columns) == list(rows[0])
    assert len(frame) == len(rows)
    for n, row in enumerate(rows):
        for key, value in row.items():
            cell = frame[key].iloc[n]
            if value is None:
                assert cell is None or cell is pd.NA or (isinstance(cell, float) and math.isnan(cell)), (
                    key,
                    cell,
                )
            elif isinstance(value, Decimal):
                assert cell == float(value), (key, n)
            else:
                assert cell == value, (key, n)


def test_import_parplan_loads_neither_the_api_nor_pandas() -> None:
    heavy = "('parplan.core.api', 'pandas', 'typer')"
    code = f"import sys, parplan; print(sorted(m for m in {heavy} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out == "[]\n"


def test_load_plan_is_exported_and_loads_the_bundled_plan() -> None:
    assert "load_plan" in parplan.__all__
    plan = parplan.load_plan()
    assert isinstance(plan, Plan)
    assert repr(plan) == "<parplan plan: Cao Bằng, baseline 2024, targets 2025; 3 findings>"
    assert plan.baseline.province == "Cao Bằng"
    assert plan.results is None


def test_unknown_attribute_is_still_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'lod_plan'"):
        _ = parplan.lod_plan


def test_gaps_frame_has_the_json_columns_and_values() -> None:
    frame = parplan.load_plan().gaps().to_frame()
    _same(frame, _json_rows(["gap"]))
    assert frame["score"].dtype == "float64"
    par1 = frame.set_index("id").loc["par.1"]
    assert par1["name"] == "Công tác chỉ đạo, điều hành cải cách hành chính"
    assert par1["headroom"] == pytest.approx(0.2221)


def test_gaps_in_english_for_one_index() -> None:
    frame = parplan.load_plan().gaps(index=["papi"], lang="en", level="fields").to_frame()
    _same(frame, _json_rows(["gap", "--index", "papi", "--lang", "en", "--level", "fields"]))
    assert frame["name"].iloc[1] == "Participation at local levels"


def test_rank_frame_has_the_json_columns_and_values() -> None:
    frame = parplan.load_plan().rank("headroom-pct", top=3).to_frame()
    _same(frame, _json_rows(["rank", "--by", "headroom-pct", "--top", "3"]))
    assert frame.columns[0] == "position"
    assert str(frame["position"].dtype) == "Int64"


def test_findings_frame_has_the_validate_json_columns() -> None:
    findings = parplan.load_plan().findings
    rows = _json_rows(["validate"], key="problems")
    _same(findings.to_frame(), rows)
    assert [row["severity"] for row in findings] == ["warning"] * 3


def test_check_frame_has_the_json_columns_and_values(tmp_path: Path) -> None:
    baseline, targets, results = write_plan(tmp_path)
    plan = parplan.load_plan(str(baseline), str(targets), results)
    frame = plan.check().to_frame()
    args = ["check", "--baseline", str(baseline), "--targets", str(targets), "--results", str(results)]
    _same(frame, _json_rows(args, code=1))  # a target was missed
    assert frame["status"].tolist() == ["met", "missed", "no-data"]
    assert str(frame["rank_change"].dtype) == "Int64"


def test_exact_frame_keeps_decimals() -> None:
    frame = parplan.load_plan().gaps().to_frame(exact=True)
    headroom = frame.set_index("id").loc["par", "headroom"]
    assert headroom == Decimal("17.0453")
    assert isinstance(headroom, Decimal)


def test_table_records_and_repr() -> None:
    table = parplan.load_plan().gaps(index=["par"], level="fields")
    assert isinstance(table, Table)
    assert len(table) == 9
    assert repr(table) == "<parplan gap table: 9 rows, 26 columns>"
    assert table.to_records()[1]["score"] == Decimal("9.2779")
    assert "<table" in table._repr_html_()


def test_check_needs_results() -> None:
    with pytest.raises(ValueError, match=r"check needs a results file: load_plan\(results=...\)"):
        parplan.load_plan().check()


def test_a_plan_with_errors_loads_but_refuses_analyses(tmp_path: Path) -> None:
    baseline, targets, _ = write_plan(tmp_path)
    targets.write_text(
        targets.read_text(encoding="utf-8").replace("target: 9.5", "target: 11"), encoding="utf-8"
    )
    plan = parplan.load_plan(baseline, targets)
    assert [row["message"] for row in plan.findings if row["severity"] == "error"] == [
        "mục tiêu 11 vượt điểm tối đa 10"  # Vietnamese by default, like the command line
    ]
    assert [p.text("en") for p in plan.errors] == ["target 11 is above the maximum 10"]
    with pytest.raises(InputError, match="target 11 is above the maximum 10"):
        plan.gaps()


def test_unusable_files_raise_with_their_places(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        parplan.load_plan(tmp_path / "missing.yaml")
    assert [(p.code, p.text()) for p in caught.value.problems] == [("PP101", "no such file")]
