"""bench/units.py's synthetic province is valid and as large as asked (benchmarks themselves run by hand)."""

from __future__ import annotations

from pathlib import Path

from parplan.core.units import load_run
from scripts import bench


def test_the_generated_province_loads_and_ranks_every_unit(tmp_path: Path) -> None:
    province = bench("units")
    units, now, before = province.write_province(tmp_path, 30, 40)
    assert "SYNTHETIC" in units.read_text(encoding="utf-8")
    run = load_run(units, now, before)
    assert len(run.units.units) == 30
    assert sum(1 for _ in run.units.leaves()) == 40
    assert len(run.league.results) == 30
    assert {r.block for r in run.league.results} == {"so", "phuong", "xa"}
    assert all(r.percent_before is not None for r in run.league.results)
    assert run.warnings == ()
