"""The analysis on small inline plans: gaps, rankings, target checks, owners, exact helpers."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

import pytest

from builders import BODIES, crit, index, make_baseline, make_targets, one_field, target, two_parts
from parplan.analysis.gaps import (
    Row,
    check_summary,
    cut2,
    filter_rows,
    flatten,
    gap_rows,
    owner_matches,
    rank_position,
    rank_rows,
)
from parplan.analysis.headline import judge_targets
from parplan.models.plan import Baseline, Body, Rank, Targets
from parplan.vocab.document import fmt

# --- gap rows --------------------------------------------------------------------------------------


def gap_plan() -> tuple[Baseline, Targets]:
    baseline = make_baseline(
        index(
            "par",
            crit("par.1", "9.5", "9.2779", "39/63"),
            crit(
                "par.2",
                "10",
                "8.8974",
                "49/63",
                parts=[crit("par.2.impl", "6", "5.7125"), crit("par.2.survey", "4", "3.1849")],
            ),
            rank="63/63",
        ),
        index("papi", crit("papi.1", "10", "4.64", "44/63"), crit("papi.2", "10", None), rank="51/63"),
        index(
            "sipas",
            crit("sipas.procedures", None, None, unit="percent"),
            unit="percent",
            total="none",
            rank="57/63",
        ),
        references=[
            {"id": "par", "kind": "national_average", "value": D("88.37"), "unit": "percent", "source": "s"},
            {
                "id": "papi.1",
                "kind": "best_province",
                "value": D("5.43"),
                "unit": "points",
                "province": "Quảng Ninh",
                "source": "s",
            },
        ],
    )
    targets = make_targets(
        target("par.1", "0.13", ">", "9.40", owners=["so-noi-vu"]),
        target("par.2", "0.7875", ">", "9.68", owners=["so-tu-phap"]),
        target("par.2.impl", "0.2875"),
        target("par.2.survey", "0.50", owners=["so-tu-phap", "so-noi-vu"]),
        target("papi.1", "1", ">", "5.64", owners=["so-gddt"]),
        target("sipas.procedures", comparison=">", value="90"),
    )
    return baseline, targets


def rows_by_id() -> dict[str, Row]:
    return {row.id: row for row in gap_rows(*gap_plan())}


def test_gap_rows_come_in_document_order_with_index_totals() -> None:
    assert [(r.id, r.level, r.parent) for r in gap_rows(*gap_plan())] == [
        ("par", "index", None),
        ("par.1", "field", "par"),
        ("par.2", "field", "par"),
        ("par.2.impl", "part", "par.2"),
        ("par.2.survey", "part", "par.2"),
        ("papi", "index", None),
        ("papi.1", "field", "papi"),
        ("papi.2", "field", "papi"),
        ("sipas", "index", None),
        ("sipas.procedures", "field", "sipas"),
    ]


def test_gap_arithmetic_of_a_field_is_exact() -> None:
    row = rows_by_id()["par.1"]
    assert row.headroom == D("0.2221")  # 9.5 - 9.2779
    assert row.headroom_pct == D("2.34")  # 0.2221 / 9.5 = 2.3379 %
    assert row.projected == D("9.4079")
    assert row.ambition == D("58.53")  # 0.13 / 0.2221 = 58.532 %
    assert (row.comparison, row.target, row.increase, row.rank) == (">", D("9.40"), D("0.13"), Rank(39, 63))
    assert row.owners == ("so-noi-vu",)
    assert fmt(row.projected) == "9.4079"


def test_index_totals_are_derived_from_their_criteria() -> None:
    row = rows_by_id()["par"]
    assert row.max == D("19.5")
    assert row.score == D("18.1753")  # 9.2779 + 8.8974
    assert row.increase == D("0.9175")  # 0.13 + 0.7875: the fields' increases, not the parts' again
    assert row.projected == D("19.0928")
    assert row.headroom == D("1.3247")
    assert row.headroom_pct == D("6.79")
    assert row.ambition == D("69.26")
    assert row.rank == Rank(63, 63)
    assert (row.target, row.comparison, row.owners) == (None, None, ())


def test_unknown_stays_none_never_zero() -> None:
    rows = rows_by_id()
    papi2 = rows["papi.2"]
    assert (
        papi2.score,
        papi2.headroom,
        papi2.headroom_pct,
        papi2.increase,
        papi2.projected,
        papi2.ambition,
    ) == (
        None,
        None,
        None,
        None,
        None,
        None,
    )
    papi = rows["papi"]
    assert papi.max == D(20)
    assert (papi.score, papi.headroom, papi.projected) == (None, None, None)  # one unknown dimension
    assert papi.increase is None  # papi.2 has no planned increase
    sipas = rows["sipas"]
    assert (sipas.max, sipas.score, sipas.increase, sipas.rank) == (None, None, None, Rank(57, 63))
    procedures = rows["sipas.procedures"]
    assert (procedures.score, procedures.headroom, procedures.target, procedures.comparison) == (
        None,
        None,
        D(90),
        ">",
    )


def test_parts_inherit_their_parents_owners_unless_they_have_their_own() -> None:
    rows = rows_by_id()
    assert rows["par.2.impl"].owners == ("so-tu-phap",)
    assert rows["par.2.survey"].owners == ("so-tu-phap", "so-noi-vu")
    assert rows["par.2.impl"].comparison is None  # no target printed for a part


def test_references_are_put_on_the_criterions_scale() -> None:
    rows = rows_by_id()
    # 88.37 % of the two fields' maximum 19.5.
    assert rows["par"].national_average == D("17.232150")
    assert rows["par"].vs_average == D("18.1753") - D("17.232150")
    assert (rows["papi.1"].best, rows["papi.1"].best_province, rows["papi.1"].vs_best) == (
        D("5.43"),
        "Quảng Ninh",
        D("-0.79"),
    )
    assert rows["par.1"].national_average is None


def test_a_full_score_has_zero_headroom_and_no_ambition() -> None:
    baseline = make_baseline(index("par", crit("par.4", "6.5", "6.5")))
    (total, row) = gap_rows(baseline, make_targets(target("par.4", "0")))
    assert (row.headroom, row.headroom_pct, row.projected, row.ambition) == (D(0), D(0), D("6.5"), None)
    assert total.headroom == D(0)


# --- rank rows -------------------------------------------------------------------------------------


def ranking_rows() -> list[Row]:
    baseline = make_baseline(
        index(
            "par",
            crit("par.1", "9.5", "9.2779", "39/63"),  # headroom 0.2221
            crit("par.2", "10", "8.8974", "49/63"),  # 1.1026
            crit("par.3", "13", None, None),  # unknown
            crit("par.4", "10.5", "9.5893", "43/63"),  # 0.9107
        ),
        index(
            "papi",
            crit("papi.1", "10", None, "44/63"),  # unknown
            crit("papi.2", "10", "5.13", "44/63"),  # 4.87
            crit("papi.4", "10", "6.23", "61/63"),  # 3.77
        ),
    )
    return gap_rows(baseline, make_targets())


def ranking(rows: list[Row], **options: Any) -> list[tuple[int, str, str | None]]:
    return [
        (r.position, r.row.id, None if r.value is None else fmt(r.value)) for r in rank_rows(rows, **options)
    ]


def test_rank_within_each_index_largest_first_unknowns_left_out() -> None:
    assert ranking(ranking_rows()) == [
        (1, "par.2", "1.1026"),
        (2, "par.4", "0.9107"),
        (3, "par.1", "0.2221"),
        (1, "papi.2", "4.87"),
        (2, "papi.4", "3.77"),
    ]


def test_rank_ascending_leaves_unknowns_out() -> None:
    assert ranking(ranking_rows(), ascending=True) == [
        (1, "par.1", "0.2221"),
        (2, "par.4", "0.9107"),
        (3, "par.2", "1.1026"),
        (1, "papi.4", "3.77"),
        (2, "papi.2", "4.87"),
    ]


def test_rank_across_indices_is_one_ranking() -> None:
    assert ranking(ranking_rows(), across=True) == [
        (1, "papi.2", "4.87"),
        (2, "papi.4", "3.77"),
        (3, "par.2", "1.1026"),
        (4, "par.4", "0.9107"),
        (5, "par.1", "0.2221"),
    ]


def test_top_keeps_the_first_n_of_each_group() -> None:
    assert ranking(ranking_rows(), top=1) == [(1, "par.2", "1.1026"), (1, "papi.2", "4.87")]
    assert ranking(ranking_rows(), top=2, across=True) == [(1, "papi.2", "4.87"), (2, "papi.4", "3.77")]


def test_rank_by_rank_puts_the_worst_placed_first_across_different_totals() -> None:
    baseline = make_baseline(
        index(
            "par",
            crit("par.1", "10", "5", "39/63"),
            crit("par.2", "10", "5", "20/34"),
            crit("par.3", "10", "5", None),
        )
    )
    rows = gap_rows(baseline, make_targets())
    # As a share of the field, 39/63 (0.62) is further down than 20/34 (0.59).
    assert [(r.row.id, str(r.row.rank)) for r in rank_rows(rows, "rank")] == [
        ("par.1", "39/63"),
        ("par.2", "20/34"),
    ]
    assert rank_position(Rank(20, 34)) == D(20) / D(34)
    assert rank_position(None) is None


def test_ties_keep_document_order() -> None:
    baseline = make_baseline(
        index("papi", crit("papi.1", "10", "5"), crit("papi.2", "10", "5"), crit("papi.3", "10", "6"))
    )
    rows = gap_rows(baseline, make_targets())
    assert [r.row.id for r in rank_rows(rows)] == ["papi.1", "papi.2", "papi.3"]
    assert [r.row.id for r in rank_rows(rows, ascending=True)] == ["papi.3", "papi.1", "papi.2"]


# --- checking results ------------------------------------------------------------------------------


def check_plan() -> tuple[Baseline, Targets]:
    baseline = make_baseline(
        index(
            "par",
            crit("par.1", "9.5", "9.2779", "39/63"),
            crit("par.3", "13", "12.50", "36/63"),
            rank="63/63",
        ),
        index("papi", crit("papi.1", "10", "4.64", "44/63")),
        indicators=[
            crit("kpi.tasks_completed", None, None, unit="percent"),
            crit("kpi.dossiers_on_time", None, None, unit="percent"),
        ],
    )
    targets = make_targets(
        target("par.1", "0.13", ">", "9.40", owners=["so-noi-vu"]),
        target("par.3", "0.30", ">", "12.80"),
        target("papi.1", "1", ">", "5.64"),
        target("kpi.tasks_completed", comparison=">=", value="100"),
        target("kpi.dossiers_on_time", comparison=">", value="98"),
        target("par", value="90"),
    )
    return baseline, targets


def results(
    par1: str | None,
    par3: str | None,
    papi1: str | None,
    tasks: str | None,
    *,
    dossiers: str | None = None,
    par1_rank: str | None = "30/63",
) -> Baseline:
    indices = [
        index(
            "par", crit("par.1", "9.5", par1, par1_rank), crit("par.3", "13", par3, "30/34" if par3 else None)
        ),
        index("papi", crit("papi.1", "10", papi1, "44/63")),
    ]
    indicators = [crit("kpi.tasks_completed", None, tasks, unit="percent")]
    if dossiers is not None:
        indicators.append(crit("kpi.dossiers_on_time", None, dossiers, unit="percent"))
    return make_baseline(*indices, year=2025, indicators=indicators)


def test_check_targets_met_missed_and_no_data() -> None:
    checks = {c.id: c for c in judge_targets(*check_plan(), results("9.41", "12.80", "5.6", "100"))}
    assert list(checks) == ["par.1", "par.3", "papi.1", "kpi.tasks_completed", "kpi.dossiers_on_time", "par"]
    met = checks["par.1"]
    assert (met.status, met.shortfall, met.actual, met.baseline, met.target, met.comparison) == (
        "met",
        None,
        D("9.41"),
        D("9.2779"),
        D("9.40"),
        ">",
    )
    assert met.owners == ("so-noi-vu",)
    # Exactly on a strict target is not over it.
    on_strict = checks["par.3"]
    assert (on_strict.status, on_strict.shortfall) == ("missed", D(0))
    missed = checks["papi.1"]
    assert (missed.status, missed.shortfall) == ("missed", D("0.04"))
    # Exactly on ">= 100" is met.
    assert (checks["kpi.tasks_completed"].status, checks["kpi.tasks_completed"].shortfall) == ("met", None)
    # Not in the results file at all.
    assert (checks["kpi.dossiers_on_time"].status, checks["kpi.dossiers_on_time"].actual) == ("no-data", None)
    # An index total is judged on its derived score: 9.41 + 12.80 = 22.21 is far below 90.
    assert (checks["par"].actual, checks["par"].status, checks["par"].shortfall) == (
        D("22.21"),
        "missed",
        D("67.79"),
    )
    assert check_summary(list(checks.values())) == {"met": 2, "missed": 3, "no-data": 1}


def test_a_null_result_is_no_data_not_zero() -> None:
    checks = {
        c.id: c for c in judge_targets(*check_plan(), results(None, "13", "5.65", None, dossiers="98.5"))
    }
    assert (checks["par.1"].status, checks["par.1"].actual, checks["par.1"].shortfall) == (
        "no-data",
        None,
        None,
    )
    assert checks["kpi.tasks_completed"].status == "no-data"
    assert checks["kpi.dossiers_on_time"].status == "met"
    assert checks["par"].status == "no-data"  # its total is unknown with par.1 unknown
    assert checks["papi.1"].status == "met"


def test_targets_without_a_value_are_not_checked() -> None:
    baseline = one_field("10", "9")
    targets = make_targets(target("par.1", "0.5"))
    assert judge_targets(baseline, targets, one_field("10", "9.5")) == []


def test_rank_change_is_places_gained_within_the_same_total() -> None:
    checks = {
        c.id: c
        for c in judge_targets(*check_plan(), results("9.41", "12.90", "5.7", "100", par1_rank="40/63"))
    }
    assert (checks["par.1"].rank_before, checks["par.1"].rank_after, checks["par.1"].rank_change) == (
        Rank(39, 63),
        Rank(40, 63),
        -1,
    )
    assert checks["par.1"].rank_note is None
    up = {
        c.id: c
        for c in judge_targets(*check_plan(), results("9.41", "12.90", "5.7", "100", par1_rank="30/63"))
    }
    assert up["par.1"].rank_change == 9


def test_ranks_out_of_a_different_total_are_not_compared() -> None:
    # 2025 ranks are out of 34 provinces, 2024 ranks out of 63.
    checks = {
        c.id: c
        for c in judge_targets(*check_plan(), results("9.41", "12.90", "5.7", "100", par1_rank="20/34"))
    }
    par1 = checks["par.1"]
    assert (par1.rank_before, par1.rank_after, par1.rank_change) == (Rank(39, 63), Rank(20, 34), None)
    assert par1.rank_note == "/34 ≠ /63"
    assert (checks["par.3"].rank_after, checks["par.3"].rank_change) == (Rank(30, 34), None)


def test_an_unknown_rank_has_no_change() -> None:
    checks = {
        c.id: c for c in judge_targets(*check_plan(), results("9.41", "12.90", "5.7", "100", par1_rank=None))
    }
    assert (checks["par.1"].rank_change, checks["par.1"].rank_note) == (None, None)


# --- owners ----------------------------------------------------------------------------------------

BODY = {b["id"]: Body.model_validate(b) for b in BODIES}


@pytest.mark.parametrize(
    "query", ["so noi vu", "Sở Nội vụ", "SỞ NỘI VỤ", "noi vu", "  so noi vu ", "so-noi-vu", "home affairs"]
)
def test_an_owner_matches_without_diacritics_or_case(query: str) -> None:
    assert owner_matches(query, BODY["so-noi-vu"])


@pytest.mark.parametrize("query", ["so tu phap", "Sở Tư pháp", "noi vu x", "ngoai vu"])
def test_an_owner_does_not_match_another_body(query: str) -> None:
    assert not owner_matches(query, BODY["so-noi-vu"])


def test_d_with_stroke_folds_to_d() -> None:
    assert owner_matches("giao duc va dao tao", BODY["so-gddt"])
    assert owner_matches("ĐÀO TẠO", BODY["so-gddt"])
    assert not owner_matches("dao tao", BODY["so-noi-vu"])


def test_filter_rows_by_owner_index_and_level() -> None:
    rows = gap_rows(*gap_plan())
    assert [r.id for r in filter_rows(rows, owner="so noi vu", bodies=BODY)] == ["par.1", "par.2.survey"]
    assert [r.id for r in filter_rows(rows, owner="so tu phap", bodies=BODY, level="fields")] == ["par.2"]
    assert [r.id for r in filter_rows(rows, indices=["papi"])] == ["papi", "papi.1", "papi.2"]
    assert [r.id for r in filter_rows(rows, owner="so noi vu", bodies={})] == []


# --- helpers ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "cut", "text"),
    [
        ("9.4079", "9.40", "9.4"),
        ("13.5504", "13.55", "13.55"),
        ("12.8268", "12.82", "12.82"),
        ("5.61", "5.61", "5.61"),
        ("12", "12.00", "12"),
    ],
)
def test_cut_to_two_decimals_never_rounds_up(value: str, cut: str, text: str) -> None:
    assert str(cut2(D(value))) == cut
    assert fmt(cut2(D(value))) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("17.0453", "17.0453"),
        ("9.40", "9.4"),
        ("100", "100"),
        ("1E+2", "100"),
        ("-0.00", "0"),
        ("0.1", "0.1"),
    ],
)
def test_fmt_is_exact_without_exponent_or_trailing_zeros(value: str, text: str) -> None:
    assert fmt(D(value)) == text


def test_flatten_records_each_place() -> None:
    entries = flatten(two_parts(("10", "8.8974"), ("6", "5.7125"), ("4", "3.1849")))
    assert [(e.id, e.path) for e in entries] == [
        ("par", ("indices", 0)),
        ("par.2", ("indices", 0, "criteria", 0)),
        ("par.2.impl", ("indices", 0, "criteria", 0, "parts", 0)),
        ("par.2.survey", ("indices", 0, "criteria", 0, "parts", 1)),
    ]
    assert entries[1].children == ("par.2.impl", "par.2.survey")
