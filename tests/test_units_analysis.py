"""A unit's result, case by case on the synthetic province (issue 19); docs/units.md works them by hand."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from parplan.analysis.units import (
    League,
    appraisal,
    class_counts,
    heatmap,
    league,
    losses,
    median,
    moves,
    two_places,
    unit_gap,
)
from parplan.models.units import ScoreRow
from parplan.reading.units import load_scores, load_units

FIXTURE = Path(__file__).parent / "fixtures" / "units"


@pytest.fixture(scope="module")
def table() -> League:
    units, _ = load_units(FIXTURE / "units.yaml")
    now, _ = load_scores(units, FIXTURE / "scores_2025.csv")
    before, _ = load_scores(units, FIXTURE / "scores_2024.csv")
    return league(units, now.rows, before.rows)


def _row(table: League, unit: str) -> tuple[object, ...]:
    r = table.result(unit)
    assert r is not None
    return (r.block, r.rank, r.points, r.max, two_places(r.percent), r.klass, r.provisional)


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        # 4+1+1+5+3+4+3 = 21, + bonus 0.5 = 21.5 of 22 (3.1 applies to departments, 1.2 not)
        ("so-noi-vu", ("so", 1, D("21.5"), D(22), D("97.73"), "Xuất sắc", False)),
        # 18.5 - penalty 0.9 = 17.6 of 22 = 80 % exactly: the class's min is reached
        ("so-tu-phap", ("so", 2, D("17.6"), D(22), D("80.00"), "Tốt", False)),
        ("so-tai-chinh", ("so", 2, D("17.6"), D(22), D("80.00"), "Tốt", False)),  # a tie: 1, 2, 2, 4
        ("so-xay-dung", ("so", 4, D(12), D(22), D("54.55"), "Trung bình", False)),
        ("phuong-a", ("phuong", 1, D(20), D(20), D("100.00"), "Xuất sắc", False)),  # 19 + bonus 1
        ("phuong-b", ("phuong", 2, D(13), D(20), D("65.00"), "Khá", False)),
        ("xa-c", ("xa", 1, D(18), D(20), D("90.00"), "Xuất sắc", False)),
        # 1.2 marked not applicable: 16.2 of 18 is 90 %, a tie with xa-c's 18 of 20
        ("xa-d", ("xa", 1, D("16.2"), D(18), D("90.00"), "Xuất sắc", False)),
        # 1.1 has only the unit's own 3: provisional
        ("xa-e", ("xa", 3, D(12), D(20), D("60.00"), "Trung bình", True)),
    ],
)
def test_each_unit_is_scored_ranked_and_classed(
    table: League, unit: str, expected: tuple[object, ...]
) -> None:
    assert _row(table, unit) == expected


def test_the_league_is_by_block_in_rank_order_ties_in_file_order(table: League) -> None:
    assert [(r.unit.id, r.rank) for r in table.results] == [
        ("so-noi-vu", 1),
        ("so-tu-phap", 2),
        ("so-tai-chinh", 2),
        ("so-xay-dung", 4),
        ("phuong-a", 1),
        ("phuong-b", 2),
        ("xa-c", 1),
        ("xa-d", 1),
        ("xa-e", 3),
    ]


def test_the_percent_is_exact_and_only_printed_to_two_places(table: League) -> None:
    r = table.result("so-noi-vu")
    assert r is not None
    assert r.percent == D("21.5") * 100 / 22
    assert str(r.percent).startswith("97.72727272727272727")


def test_self_points_and_the_previous_year(table: League) -> None:
    noi_vu = table.result("so-noi-vu")
    tai_chinh = table.result("so-tai-chinh")
    new = table.result("xa-e")
    assert noi_vu is not None
    assert tai_chinh is not None
    assert new is not None
    assert noi_vu.self_points - noi_vu.points == D("0.5")  # 3.5 claimed, 3 appraised on 3.2
    assert noi_vu.percent_before == D(20) * 100 / 22
    assert two_places(noi_vu.percent_change or D(0)) == D("6.82")
    assert (noi_vu.rank_before, noi_vu.rank_change) == (1, 0)
    assert (tai_chinh.rank_before, tai_chinh.rank_change) == (3, 1)  # rose from 3rd to a shared 2nd
    assert (new.percent_before, new.rank_before, new.rank_change) == (None, None, None)
    assert table.provisional == (new,)


def test_a_unit_gap_sorts_by_points_lost_beside_the_block(table: League) -> None:
    gap = unit_gap(table, "xa-e")
    assert gap is not None
    assert (gap.next_class, gap.needed) == ("Khá", D(1))  # 65 % of 20 is 13
    first = gap.criteria[0]
    assert (first.id, first.points, first.max, first.lost, first.median, first.best) == (
        "2.1",
        D(3),
        D(5),
        D(2),
        D(4),
        D("4.5"),
    )
    assert next(c for c in gap.criteria if c.id == "1.1").provisional
    assert [(f.id, f.lost) for f in gap.fields] == [("2", D("3.5")), ("1", D("2.5")), ("3", D(2))]
    assert unit_gap(table, "nobody") is None


def test_the_top_class_needs_nothing_more(table: League) -> None:
    gap = unit_gap(table, "phuong-a")
    assert gap is not None
    assert (gap.next_class, gap.needed) == (None, None)


def test_province_losses_rank_the_criteria(table: League) -> None:
    found = losses(table)
    first = found[0]
    assert (first.leaf.id, first.units, first.applicable, first.lost) == ("3.2", 9, 9, D("11.4"))
    only_so = next(loss for loss in found if loss.leaf.id == "3.1")
    assert only_so.applicable == 4


def test_appraisal_lists_self_above_appraised_beyond_the_tolerance(table: League) -> None:
    units = table.units
    rows = [
        ScoreRow("so-noi-vu", "3.2", D("3.5"), D(3), True, None),
        ScoreRow("so-noi-vu", "2.1", D("5"), D("4.75"), True, None),  # 0.25: within the tolerance
        ScoreRow("xa-c", "penalty", D("0"), D(1), True, None),  # took less penalty than appraised
    ]
    found = appraisal(units, rows, units.tolerance)
    assert [(d.unit.id, d.criterion, d.difference) for d in found] == [
        ("so-noi-vu", "3.2", D("0.5")),
        ("xa-c", "penalty", D(-1)),
    ]
    assert appraisal(units, rows, D(0))[0].criterion == "2.1"


def test_class_counts_moves_and_heatmap(table: League) -> None:
    counts = {(block, name): n for block, name, n in class_counts(table)}
    assert counts[("so", "Tốt")] == 2
    assert counts[("xa", "Xuất sắc")] == 2
    assert counts[("phuong", "Yếu")] == 0
    rises, falls = moves(table)
    assert [r.unit.id for r in rises] == ["so-noi-vu", "phuong-a", "xa-c"]
    assert [r.unit.id for r in falls] == ["so-xay-dung", "phuong-b", "so-tu-phap"]
    heat = heatmap(table)
    assert [ident for ident, _ in heat.fields] == ["1", "2", "3"]
    assert heat.rows[0].result.unit.id == "so-noi-vu"
    assert heat.rows[0].cells == (D(100), D(100), D("87.5"))  # field 3: 7 of 8


def test_median_of_an_even_count_is_the_mean_of_the_middle_two() -> None:
    assert median([D(1), D(4), D(2), D(3)]) == D("2.5")
    assert median([]) is None


def test_a_field_without_sub_criteria_is_listed_once_as_a_field(tmp_path: Path) -> None:
    # The SYNTHETIC province with a fourth field that is scored itself (no sub-criteria).
    text = (FIXTURE / "units.yaml").read_text(encoding="utf-8")
    field = '  - {id: "4", name: Cải cách tài chính công (giả định), max: 2}\n'
    text = text.replace("bonus: {max: 2}\n", field + "bonus: {max: 2}\n")
    (tmp_path / "units.yaml").write_text(text, encoding="utf-8")
    scores = (FIXTURE / "scores_2025.csv").read_text(encoding="utf-8")
    scores += "xa-c,4,2,1.5,,\nxa-d,4,1,1,,\nxa-e,4,2,,,\n"
    (tmp_path / "scores_2025.csv").write_text(scores, encoding="utf-8")
    units, _ = load_units(tmp_path / "units.yaml")
    now, _ = load_scores(units, tmp_path / "scores_2025.csv")
    gap = unit_gap(league(units, now.rows), "xa-e")
    assert gap is not None
    assert [line.id for line in gap.fields].count("4") == 1
    assert "4" not in [line.id for line in gap.criteria]
    four = next(line for line in gap.fields if line.id == "4")
    # xa-e's own 2 (not appraised: provisional) beside xa-c's 1.5 and xa-d's 1: median 1.5, best 2
    assert (four.points, four.max, four.lost, four.median, four.best, four.provisional) == (
        D(2),
        D(2),
        D(0),
        D("1.5"),
        D(2),
        True,
    )
    one = next(line for line in gap.fields if line.id == "1")
    assert one.provisional is False  # a field with sub-criteria: its leaves carry the flag
