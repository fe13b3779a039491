"""Hand-computed cases for parplan.analysis.progress: ranks across bases, groups, Open SDG progress.

Each expected value is exact and its hand computation is written beside it, so a change in
the arithmetic (rounding, thresholds, tie rule) fails here.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal, localcontext

import pytest

from parplan.analysis.progress import (
    Progress,
    RankComparison,
    classify_ratio,
    compare_ranks,
    compound_growth,
    group_of,
    next_group,
    progress_status,
    rank_share,
    score_for_rank,
    target_met,
)

D = Decimal

# --- ranks across bases -------------------------------------------------------------------


def test_rank_share_is_k_over_n_to_34_digits() -> None:
    # 51/63 = 0.809523 809523 ... (period 6), 34 significant digits, last digit rounded half-even.
    assert rank_share(51, 63) == D("0.8095238095238095238095238095238095")
    # 20/34 = 10/17 = 0.5882352941176470 5882352941176470 58...
    assert rank_share(20, 34) == D("0.5882352941176470588235294117647059")
    assert rank_share(1, 61) == D("0.01639344262295081967213114754098361")  # 1/61, the top
    assert rank_share(34, 34) == 1  # N/N, the bottom


@pytest.mark.parametrize(("k", "n"), [(0, 63), (64, 63), (-1, 34), (1, 0)])
def test_rank_share_rejects_impossible_ranks(k: int, n: int) -> None:
    with pytest.raises(ValueError, match="1 ≤ k ≤ N"):
        rank_share(k, n)


def test_rank_up_across_the_2025_merger_compares_shares() -> None:
    # 51/63 = 0.8095… before, 20/34 = 0.5882… after: a smaller share, so improved.
    # Exactly: 20·63 = 1260 < 51·34 = 1734. The bases differ, so no count of places.
    assert compare_ranks((51, 63), (20, 34)) == RankComparison(
        improved=True,
        places=None,
        share_before=D("0.8095238095238095238095238095238095"),
        share_after=D("0.5882352941176470588235294117647059"),
        base_changed=True,
    )


def test_rank_down_across_bases() -> None:
    # 10/63 = 0.1587… to 6/34 = 0.1764…: 6·63 = 378 > 10·34 = 340, worse, though 10 → 6 "looks" up.
    result = compare_ranks((10, 63), (6, 34))
    assert result.improved is False
    assert result.places is None
    assert result.base_changed is True


def test_equal_bases_count_places() -> None:
    # 39/63 → 30/63: 39 − 30 = 9 places up; and back down is −9.
    up = compare_ranks((39, 63), (30, 63))
    assert (up.improved, up.places, up.base_changed) == (True, 9, False)
    down = compare_ranks((30, 63), (39, 63))
    assert (down.improved, down.places, down.base_changed) == (False, -9, False)


def test_equal_shares_are_neither_up_nor_down() -> None:
    # 17/34 and 1/2 are both 0.5: 1·34 = 17·2, so improved is None; bases differ, no places.
    across = compare_ranks((17, 34), (1, 2))
    assert (across.improved, across.places, across.base_changed) == (None, None, True)
    same = compare_ranks((5, 34), (5, 34))
    assert (same.improved, same.places, same.base_changed) == (None, 0, False)


def test_papi_61_against_par_63() -> None:
    # 30/61 = 0.4918… against 31/63 = 0.4920…: 30·63 = 1890 < 31·61 = 1891, so 30/61 is better
    # by a hair that a 4-digit rounding of the shares (0.4918 vs 0.4921) would also show,
    # but the exact rule does not depend on it.
    assert compare_ranks((31, 63), (30, 61)).improved is True


# --- groups -------------------------------------------------------------------------------

PAR_GROUPS = [("A", D(90)), ("B", D(80))]  # PAR INDEX 2024: A ≥ 90 %, B 80–90 %


@pytest.mark.parametrize("groups", [PAR_GROUPS, list(reversed(PAR_GROUPS))])
@pytest.mark.parametrize(
    ("score", "expected"),
    [
        (D(95), "A"),
        (D(90), "A"),  # the min is inclusive: 90 is "≥ 90"
        (D("89.99"), "B"),
        (D(80), "B"),
        (D("79.99"), None),  # below every group
    ],
)
def test_group_of_in_any_order(
    groups: list[tuple[str, Decimal]], score: Decimal, expected: str | None
) -> None:
    assert group_of(score, groups) == expected


@pytest.mark.parametrize("groups", [PAR_GROUPS, list(reversed(PAR_GROUPS))])
@pytest.mark.parametrize(
    ("score", "expected"),
    [
        (D("79.99"), ("B", D(80))),  # below every group: the lowest group is next
        (D(80), ("A", D(90))),
        (D("89.99"), ("A", D(90))),
        (D(90), None),  # in the top group: nothing higher
    ],
)
def test_next_group_in_any_order(
    groups: list[tuple[str, Decimal]], score: Decimal, expected: tuple[str, Decimal] | None
) -> None:
    assert next_group(score, groups) == expected


def test_three_groups_shuffled() -> None:
    groups = [("B", D(70)), ("C", D(50)), ("A", D(85))]
    assert group_of(D(72), groups) == "B"
    assert next_group(D(72), groups) == ("A", D(85))
    assert next_group(D(10), groups) == ("C", D(50))


def test_no_groups() -> None:
    assert group_of(D(99), []) is None
    assert next_group(D(99), []) is None


@pytest.mark.parametrize(
    ("groups", "message"),
    [
        ([("A", D(90)), ("A", D(80))], "names"),
        ([("A", D(90)), ("B", D("90.0"))], "minimums"),
    ],
)
def test_ambiguous_groups_are_refused(groups: list[tuple[str, Decimal]], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        group_of(D(85), groups)


# --- progress: the growth and the thresholds -----------------------------------------------


def test_compound_growth() -> None:
    # (84/80)^(1/2) − 1 = √1.05 − 1 = 0.024695076595959838322103868052105 (34 digits).
    assert compound_growth(D(80), D(84), 2) == D("0.024695076595959838322103868052105")
    # (121/100)^(1/2) − 1 = 1.1 − 1 = 0.1, exactly.
    assert compound_growth(D(100), D(121), 2) == D("0.1")


@pytest.mark.parametrize(
    ("start", "end", "years"), [(D(0), D(1), 1), (D(-1), D(1), 1), (D(1), D(-1), 1), (D(1), D(2), 0)]
)
def test_compound_growth_refuses_meaningless_input(start: Decimal, end: Decimal, years: int) -> None:
    with pytest.raises(ValueError, match="compound growth"):
        compound_growth(start, end, years)


@pytest.mark.parametrize(
    ("ratio", "expected"),
    [
        (D("1.5"), "on-track"),
        (D("0.95"), "on-track"),  # inclusive lower bound
        (D("0.9499999999999999999999999999999999"), "acceleration-needed"),
        (D("0.60"), "acceleration-needed"),  # inclusive
        (D("0.5999999999999999999999999999999999"), "limited"),
        (D(0), "limited"),  # inclusive: no growth is limited, not deterioration
        (D("-1E-30"), "deterioration"),
    ],
)
def test_classify_ratio_boundaries(ratio: Decimal, expected: str) -> None:
    assert classify_ratio(ratio) == expected


def test_brief_example_acceleration_needed() -> None:
    # y0 = 80 (2022), yi = 84 (2024), target 90 in 2026:
    # observed = (84/80)^(1/2) − 1 = 0.0246950765959598…  → 0.0247
    # required = (90/80)^(1/4) − 1 = 0.0298835719535588…  → 0.0299
    # ratio = 0.0246950766 / 0.0298835720 = 0.82637633…    → 0.8263 (rounded down)
    # 0.60 ≤ 0.826 < 0.95 → acceleration-needed.
    assert progress_status(D(80), 2022, D(84), 2024, D(90), 2026, ">=") == Progress(
        status="acceleration-needed", observed=D("0.0247"), required=D("0.0299"), ratio=D("0.8263")
    )


# y0 = 100 in 2020, target 121 in 2022: required = (121/100)^(1/2) − 1 = 0.1 exactly.
# yi in 2021: observed = yi/100 − 1 exactly, so ratio = (yi − 100) / 10.
@pytest.mark.parametrize(
    ("yi", "status", "observed", "ratio"),
    [
        ("109.5", "on-track", "0.0950", "0.9500"),  # 0.095 / 0.1 = 0.95 exactly
        ("109.49", "acceleration-needed", "0.0949", "0.9490"),  # 0.0949 / 0.1 = 0.949
        ("106", "acceleration-needed", "0.0600", "0.6000"),  # 0.06 / 0.1 = 0.60 exactly
        ("105.99", "limited", "0.0599", "0.5990"),  # 0.0599 / 0.1 = 0.599
        ("100", "limited", "0.0000", "0.0000"),  # no growth: ratio 0, limited
        ("99", "deterioration", "-0.0100", "-0.1000"),  # −0.01 / 0.1 = −0.1
        ("0", "deterioration", "-1.0000", "-10.0000"),  # (0/100) − 1 = −1; −1 / 0.1 = −10
    ],
)
def test_thresholds_hit_exactly(yi: str, status: str, observed: str, ratio: str) -> None:
    assert progress_status(D(100), 2020, D(yi), 2021, D(121), 2022, ">=") == Progress(
        status=status,  # type: ignore[arg-type]
        observed=D(observed),
        required=D("0.1000"),
        ratio=D(ratio),
    )


def test_ratio_is_rounded_down_so_it_never_crosses_a_threshold() -> None:
    # y0 = 100 (2020), yi = 109.4996 (2021), target 121 (2022): ratio = 0.09499 6 / 0.1 = 0.949996.
    # Half-up to 4 places would show 0.9500 beside "acceleration-needed"; rounded down it is 0.9499.
    result = progress_status(D(100), 2020, D("109.4996"), 2021, D(121), 2022, ">=")
    assert result is not None
    assert (result.status, result.ratio) == ("acceleration-needed", D("0.9499"))


def test_root_error_does_not_move_a_ratio() -> None:
    # y0 = 7 (2020), yi = 10 (2023), target 100/7 written to 28 digits (2026):
    # observed = (10/7)^(1/3) − 1; required = ((100/7)/7)^(1/6) − 1 = (10/7)^(1/3) − 1 on paper,
    # so the ratio is 1; at 34 digits it comes out 0.99999999999999999999999999955…, which
    # rounded down to 4 places would be 0.9999. Settled to 20 places first, it is 1.0000.
    # observed = 1.4285714…^(1/3) − 1 = 0.12624788…
    result = progress_status(D(7), 2020, D(10), 2023, D("14.28571428571428571428571429"), 2026, ">=")
    assert result == Progress(
        status="on-track", observed=D("0.1262"), required=D("0.1262"), ratio=D("1.0000")
    )


def test_the_callers_context_does_not_matter() -> None:
    # The same brief example under a 3-digit context: the module works in its own 34 digits.
    with localcontext() as ctx:
        ctx.prec = 3
        result = progress_status(D(80), 2022, D(84), 2024, D(90), 2026, ">=")
    assert result == Progress(
        status="acceleration-needed", observed=D("0.0247"), required=D("0.0299"), ratio=D("0.8263")
    )


def test_negative_growth_is_deterioration() -> None:
    # y0 = 80 (2022), yi = 78 (2024), target 90 (2026):
    # observed = (78/80)^(1/2) − 1 = √0.975 − 1 = −0.01257911…  → −0.0126
    # ratio = −0.01257911 / 0.02988357 = −0.42093…             → −0.4210 (rounded down)
    assert progress_status(D(80), 2022, D(78), 2024, D(90), 2026, ">=") == Progress(
        status="deterioration", observed=D("-0.0126"), required=D("0.0299"), ratio=D("-0.4210")
    )


# --- progress: achieved -------------------------------------------------------------------


def test_achieved_at_the_target_for_at_or_above() -> None:
    # yi = 90 = target, ">=": met. observed = (90/80)^(1/2) − 1 = 0.0606601…; required 0.0299;
    # ratio = 2.02988… → 2.0298; the status is achieved whatever the ratio.
    assert progress_status(D(80), 2022, D(90), 2024, D(90), 2026, ">=") == Progress(
        status="achieved", observed=D("0.0607"), required=D("0.0299"), ratio=D("2.0298")
    )


def test_not_achieved_at_the_target_for_strictly_above() -> None:
    # The same numbers with ">": 90 is not above 90, so the ratio decides: 2.03 ≥ 0.95, on-track.
    result = progress_status(D(80), 2022, D(90), 2024, D(90), 2026, ">")
    assert result is not None
    assert result.status == "on-track"


def test_achieved_above_the_target_for_strictly_above() -> None:
    result = progress_status(D(80), 2022, D("90.01"), 2024, D(90), 2026, ">")
    assert result is not None
    assert result.status == "achieved"


def test_target_met() -> None:
    assert target_met(D(90), D(90), ">=") is True
    assert target_met(D(90), D(90), ">") is False
    assert target_met(D("90.01"), D(90), ">") is True
    assert target_met(D("89.99"), D(90), ">=") is False


# --- progress: edge cases -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("y0", "t0", "yi", "ti", "target_year"),
    [
        (None, 2022, D(84), 2024, 2026),  # baseline unknown
        (D(80), 2022, None, 2024, 2026),  # latest unknown
        (D(0), 2022, D(84), 2024, 2026),  # zero baseline: no growth from nothing
        (D(80), 2022, D(84), 2026, 2026),  # result in the target year: met or missed, not progress
        (D(80), 2022, D(84), 2027, 2026),  # result after the target year
        (D(80), 2024, D(84), 2024, 2026),  # no observed period
        (D(80), 2025, D(84), 2024, 2026),  # baseline after the result
    ],
)
def test_no_status(y0: Decimal | None, t0: int, yi: Decimal | None, ti: int, target_year: int) -> None:
    assert progress_status(y0, t0, yi, ti, D(90), target_year, ">=") is None


def test_target_at_the_baseline() -> None:
    # target = y0 = 90: required growth is (90/90)^(1/5) − 1 = 0, the ratio is undefined (None).
    # ">=", yi = 88: not met and fell: observed = (88/90)^(1/2) − 1 = −0.011174… → deterioration.
    assert progress_status(D(90), 2020, D(88), 2022, D(90), 2025, ">=") == Progress(
        status="deterioration", observed=D("-0.0112"), required=D("0.0000"), ratio=None
    )
    # ">", yi = 90: on the line, not above it, did not move: limited.
    assert progress_status(D(90), 2020, D(90), 2022, D(90), 2025, ">") == Progress(
        status="limited", observed=D("0.0000"), required=D("0.0000"), ratio=None
    )
    # ">=", yi = 90: met.
    result = progress_status(D(90), 2020, D(90), 2022, D(90), 2025, ">=")
    assert result is not None
    assert (result.status, result.ratio) == ("achieved", None)


def test_target_below_the_baseline_missed_is_deterioration() -> None:
    # y0 = 90 (2020), target 88 (2025), yi = 85 (2022): the province fell through its own target.
    # observed = (85/90)^(1/2) − 1 = −0.0281746842…; required = (88/90)^(1/5) − 1 = −0.0044844857…
    # ratio = observed / |required| (Open SDG's magnitude) = −6.28271… → −6.2828 (rounded down).
    assert progress_status(D(90), 2020, D(85), 2022, D(88), 2025, ">=") == Progress(
        status="deterioration", observed=D("-0.0282"), required=D("-0.0045"), ratio=D("-6.2828")
    )


def test_target_below_the_baseline_met_is_achieved() -> None:
    # y0 = 90, target 88, yi = 89 ≥ 88: achieved (a fall, but still above the target).
    result = progress_status(D(90), 2020, D(89), 2022, D(88), 2025, ">=")
    assert result is not None
    assert result.status == "achieved"


def test_negative_scores_are_refused() -> None:
    with pytest.raises(ValueError, match="never negative"):
        progress_status(D(80), 2022, D(-1), 2024, D(90), 2026, ">=")


# --- what it takes ------------------------------------------------------------------------

HA_NOI = "Hà Nội"
OTHERS = {
    "Hải Phòng": D("91.50"),
    "Quảng Ninh": D("89.00"),
    "Đà Nẵng": D("89.00"),
    "Huế": D("85.25"),
    HA_NOI: D("99.00"),  # the province itself: dropped by name
}


@pytest.mark.parametrize(
    ("rank_target", "expected"),
    [
        # others without Hà Nội, best first: 91.50, 89.00, 89.00, 85.25.
        (1, D("91.50")),  # equal the best: tied first, rank 1
        (2, D("89.00")),  # 89.00: only 91.50 strictly above → rank 2
        (3, D("89.00")),  # 89.00 ties the 2nd and 3rd: 1 above → rank 2 ≤ 3; 88.99 would be rank 4
        (4, D("85.25")),  # 3 strictly above → rank 4
        (5, None),  # only 4 others: any score is rank ≤ 5, the list cannot give a lowest score
    ],
)
def test_score_for_rank_with_ties_and_own_province(rank_target: int, expected: Decimal | None) -> None:
    assert score_for_rank(OTHERS, HA_NOI, rank_target) == expected


def test_own_province_matched_in_any_spelling() -> None:
    # Decomposed (NFD, as PDFs give it), upper case, padded: still Hà Nội, still dropped.
    own = "  " + unicodedata.normalize("NFD", HA_NOI).upper() + " "
    assert score_for_rank(OTHERS, own, 1) == D("91.50")


def test_own_province_not_in_the_list() -> None:
    assert score_for_rank({"Huế": D(80), "Đà Nẵng": D(90)}, HA_NOI, 2) == D(80)


def test_empty_reference_list() -> None:
    assert score_for_rank({}, HA_NOI, 1) is None


def test_score_for_rank_refuses_bad_input() -> None:
    with pytest.raises(ValueError, match="rank target"):
        score_for_rank(OTHERS, HA_NOI, 0)
    with pytest.raises(ValueError, match="twice"):
        score_for_rank({"Huế": D(80), "HUẾ": D(81)}, HA_NOI, 1)
