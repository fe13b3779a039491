"""What a rank took, from a partial league (issue 21 item 9): the bounds its published neighbours
set, worked out by hand here; never a number between them."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest
from typer.testing import CliRunner

from builders import crit, index, make_baseline, make_targets
from parplan.analysis.progress import rank_bounds
from parplan.cli.main import app
from parplan.core.api import Plan

DATA = Path(__file__).parents[1] / "data"

# PAR INDEX 2024 as READING.md section 8 lists it.
PAR_SCORES = {
    "Hải Phòng": D("96.17"),
    "Bà Rịa – Vũng Tàu": D("93.35"),
    "Hà Nội": D("92.57"),
    "Sơn La": D("90.02"),
    "Cao Bằng": D("82.9547"),
}
PAR_RANKS = {"Hải Phòng": 1, "Bà Rịa – Vũng Tàu": 2, "Hà Nội": 3, "Sơn La": 12, "Cao Bằng": 63}


@pytest.mark.parametrize(
    ("wanted", "expected"),
    [
        (1, (D("96.17"), D("96.17"))),  # equal the best other, Hải Phòng: tied first
        (2, (D("93.35"), D("93.35"))),  # each published place is its score exactly
        (3, (D("92.57"), D("92.57"))),
        (4, (D("90.02"), D("92.57"))),
        (10, (D("90.02"), D("92.57"))),  # the example: between the 12th and the 3rd
        (11, (D("90.02"), D("92.57"))),
        (12, (D("90.02"), D("90.02"))),  # Sơn La is the 12th other: its score is the answer
        (13, (D("82.9547"), D("90.02"))),
        (62, (D("82.9547"), D("90.02"))),  # Cao Bằng's own 63rd place bounds from below
        (63, (None, D("82.9547"))),  # Cao Bằng had rank 63 with its score
    ],
)
def test_bounds_of_the_par_index_2024(wanted: int, expected: tuple[D | None, D | None]) -> None:
    assert rank_bounds(PAR_SCORES, PAR_RANKS, "Cao Bằng", wanted) == expected


def test_an_other_below_the_province_is_one_place_higher_among_the_others() -> None:
    # The province 5th; X 7th overall is the 6th best of the others.
    scores = {"Me": D(80), "X": D(70), "Y": D(90)}
    ranks = {"Me": 5, "X": 7, "Y": 2}
    assert rank_bounds(scores, ranks, "Me", 6) == (D(70), D(70))  # X is the 6th other: exactly 70
    assert rank_bounds(scores, ranks, "Me", 7) == (None, D(70))
    assert rank_bounds(scores, ranks, "Me", 5) == (D(70), D(80))
    # The province's rank from its own file places the others the same when the table omits it.
    assert rank_bounds({"X": D(70), "Y": D(90)}, {"X": 7, "Y": 2}, "Me", 6, own_rank=5) == (D(70), D(70))
    assert rank_bounds({"X": D(70), "Y": D(90)}, {"X": 7, "Y": 2}, "Me", 6) == (D(70), D(90))


def test_a_rank_without_a_score_bounds_nothing_and_crossed_bounds_give_none() -> None:
    assert rank_bounds({"A": D(90)}, {"A": 3, "B": 1}, "Me", 2) == (D(90), None)
    # Published data that disagree (the 2nd above the 1st): no range rather than an impossible one.
    assert rank_bounds({"A": D(80), "B": D(90)}, {"A": 1, "B": 3}, "Me", 2) == (None, None)
    with pytest.raises(ValueError, match="rank target"):
        rank_bounds(PAR_SCORES, PAR_RANKS, "Cao Bằng", 0)


def _league_plan(**target: object) -> Plan:
    league = {
        "id": "par",
        "year": 2024,
        "partial": True,
        "source": "synthetic test table",
        "scores": {"A": D(95), "B": D(90), "Cao Bằng": D(40)},
        "ranks": {"A": 1, "B": 12, "Cao Bằng": 30},
    }
    baseline = make_baseline(index("par", crit("par.1", "100", "40"), rank="30/63"), league=[league])
    return Plan(baseline, make_targets({"id": "par", **target}))


def test_a_rank_target_shows_the_range_in_both_languages() -> None:
    plan = _league_plan(rank_target=10)
    par = next(r for r in plan.gaps(lang="en").to_records() if r["id"] == "par")
    assert par["takes"] == "rank ≤ 10 took between 90 and 95 (partial 2024 table)"
    assert par["rank_score"] is None  # never interpolated
    vi = next(r for r in plan.gaps().to_records() if r["id"] == "par")
    assert vi["takes"] == "hạng ≤ 10 cần từ 90 đến 95 điểm (bảng 2024 chưa đầy đủ)"


def test_an_exact_published_rank_is_the_score() -> None:
    plan = _league_plan(rank_target=12)  # B is the 12th other: its score is the answer
    par = next(r for r in plan.gaps(lang="en").to_records() if r["id"] == "par")
    assert par["rank_score"] == D(90)
    assert par["takes"] == "rank ≤ 12 took 90 (partial 2024 table)"


def test_no_published_neighbour_says_not_published() -> None:
    league = {"id": "par", "year": 2024, "partial": True, "source": "s", "scores": {"A": D(1)}, "ranks": {}}
    baseline = make_baseline(index("par", crit("par.1", "100", "40")), league=[league])
    plan = Plan(baseline, make_targets({"id": "par", "rank_target": 5}))
    par = next(r for r in plan.gaps(lang="en").to_records() if r["id"] == "par")
    assert par["takes"] == "rank ≤ 5: not published (partial 2024 table)"


def test_a_goal_to_improve_the_rank_asks_one_place_up() -> None:
    plan = _league_plan(improve=["rank"])  # the province is 30th: rank ≤ 29
    par = next(r for r in plan.gaps(lang="en").to_records() if r["id"] == "par")
    assert par["takes"] == "rank ≤ 29 took between 40 and 90 (partial 2024 table)"
    assert par["rank_target"] is None  # the plan's own rank target column stays the plan's


def test_without_a_table_an_improve_goal_says_nothing() -> None:
    baseline = make_baseline(index("par", crit("par.1", "100", "40"), rank="30/63"))
    plan = Plan(baseline, make_targets({"id": "par", "improve": ["rank"]}))
    assert next(r for r in plan.gaps().to_records() if r["id"] == "par")["takes"] is None


def test_the_report_prints_the_range_with_the_decimal_comma_and_the_sources() -> None:
    plan = _league_plan(improve=["rank"])
    html = str(plan.report().render("html"))
    assert "hạng ≤ 29 cần từ 40 đến 90 điểm (bảng 2024 chưa đầy đủ)" in html
    text = str(plan.report(lang="en").render("markdown"))
    assert "rank ≤ 29 took between 40 and 90 (partial 2024 table)" in text
    assert "par 2024: a partial table" in text
    assert "Sources: synthetic test table" in text
    gap = str(_league_plan(rank_target=4).gaps(lang="en", columns="id,takes").render("markdown"))
    assert "Sources: synthetic test table" in gap


def test_decimal_comma_in_a_vietnamese_document() -> None:
    league = {
        "id": "par",
        "year": 2024,
        "partial": True,
        "source": "synthetic",
        "scores": {"A": D("90.02"), "B": D("92.57")},
        "ranks": {"A": 12, "B": 3},
    }
    baseline = make_baseline(index("par", crit("par.1", "100", "40")), league=[league])
    plan = Plan(baseline, make_targets({"id": "par", "rank_target": 10}))
    html = str(plan.gaps(columns="id,takes").render("html"))
    assert "hạng ≤ 10 cần từ 90,02 đến 92,57 điểm (bảng 2024 chưa đầy đủ)" in html
    csv_text = str(plan.gaps(columns="id,takes").render("csv"))
    assert "từ 90.02 đến 92.57" in csv_text  # machine formats keep the point


def test_ranks_in_a_full_table_are_said_unread_at_their_place(tmp_path: Path) -> None:
    """A full table's order is its ranks, so "what it takes" never reads ``ranks`` there: a
    province that typed them and left out ``partial: true`` is told so (PP432), not left to
    believe they count. A partial table's ranks are read, and say nothing."""
    baseline = (DATA / "baseline_2024.yaml").read_text(encoding="utf-8")
    table = "  - id: par\n    year: 2024\n    partial: true\n"
    assert baseline.count(table) == 1
    full = baseline.replace(table, "  - id: par\n    year: 2024\n")
    path = tmp_path / "baseline_2024.yaml"
    path.write_text(full, encoding="utf-8")
    lines = full.splitlines()
    start = lines.index("  - id: par", lines.index("league:"))
    line = next(n for n in range(start, len(lines)) if lines[n].startswith("    ranks:")) + 1
    args = ["validate", "--baseline", str(path), "--targets", str(DATA / "targets_2025.yaml")]
    result = CliRunner().invoke(app, [*args, "--lang", "en"])
    assert result.exit_code == 0, result.stdout  # a warning: the plan is still valid
    assert (
        f"{path}:{line}:12: par: PP432 warning: the 'par' table of 2024 gives ranks but is not marked "
        "partial: true; its order gives the ranks, so these are not read"
    ) in result.stdout
    vietnamese = CliRunner().invoke(app, args).stdout
    assert (
        "PP432 cảnh báo: bảng điểm 'par' năm 2024 có thứ hạng (ranks) nhưng không ghi partial: true"
        in vietnamese
    )
    bundled = ["validate", "--baseline", str(DATA / "baseline_2024.yaml"), "--lang", "en"]
    assert "PP432" not in CliRunner().invoke(app, bundled).stdout  # partial tables: ranks read
