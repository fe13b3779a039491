"""The consistency rules on small inline plans: every finding, its place, its words and its code.

Every finding is compared whole (role, path, id, severity, message): the path is what
becomes FILE:LINE:COL, so a finding in the right words at the wrong place is a bug too.
The codes are checked rule by rule at the end.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal as D
from typing import Any, NamedTuple, ParamSpec

import pytest

from builders import BODIES, PAR1, crit, index, make_baseline, make_targets, one_field, target, two_parts
from parplan.analysis import rules
from parplan.models.plan import Baseline
from parplan.reading.shortresults import Result, ShortResults, expand
from parplan.vocab.problems import RULES
from parplan.vocab.problems import Finding as RuleFinding


class Finding(NamedTuple):
    """A finding as a reader sees it: its place, its severity and its English words."""

    role: str
    path: tuple[str | int, ...]
    id: str | None
    severity: str
    message: str


P = ParamSpec("P")


def _seen(rule: Callable[P, list[RuleFinding]]) -> Callable[P, list[Finding]]:
    def run(*args: P.args, **kwargs: P.kwargs) -> list[Finding]:
        return [
            Finding(f.role, f.path, f.id, f.severity, f.message.text("en")) for f in rule(*args, **kwargs)
        ]

    return run


plan_findings = _seen(rules.plan_findings)
baseline_findings = _seen(rules.baseline_findings)


# --- errors in one baseline ---------------------------------------------------------------------


def test_a_score_above_the_maximum_is_an_error() -> None:
    assert baseline_findings(one_field("10", "10.5")) == [
        Finding("baseline", (*PAR1, "score"), "par.1", "error", "score 10.5 is above the maximum 10")
    ]


def test_a_score_below_zero_is_an_error() -> None:
    assert baseline_findings(one_field("10", "-0.0001")) == [
        Finding("baseline", (*PAR1, "score"), "par.1", "error", "score -0.0001 is below 0")
    ]


@pytest.mark.parametrize("score", ["0", "10", "10.000", "9.2779"])
def test_scores_from_zero_to_the_maximum_are_fine(score: str) -> None:
    assert baseline_findings(one_field("10", score)) == []


def test_a_percentage_without_a_maximum_is_bounded_by_100() -> None:
    def kpi(score: str) -> Baseline:
        indicators = [crit("kpi.tasks_completed", None, score, unit="percent")]
        return make_baseline(index("par", crit("par.1", "10", "5")), indicators=indicators)

    assert baseline_findings(kpi("100.01")) == [
        Finding(
            "baseline",
            ("indicators", 0, "score"),
            "kpi.tasks_completed",
            "error",
            "score 100.01 is above the maximum 100",
        )
    ]
    assert baseline_findings(kpi("100")) == []


def test_a_score_without_any_maximum_is_not_bounded() -> None:
    # The officials survey: 17.52 points, no maximum given.
    indicators = [crit("kpi.officials_survey", None, "1752.0", "62/63")]
    assert (
        baseline_findings(make_baseline(index("par", crit("par.1", "10", "5")), indicators=indicators)) == []
    )


def test_a_maximum_must_be_above_zero() -> None:
    assert baseline_findings(one_field("0", "0")) == [
        Finding("baseline", (*PAR1, "max"), "par.1", "error", "max 0 must be above 0")
    ]


def test_duplicate_ids_are_errors_at_the_second_one() -> None:
    plan = make_baseline(index("par", crit("par.1", "10", "5"), crit("par.1", "10", "6")))
    assert baseline_findings(plan) == [
        Finding("baseline", ("indices", 0, "criteria", 1, "id"), "par.1", "error", "duplicate id 'par.1'")
    ]


def test_duplicate_ids_across_indices_parts_and_indicators_are_errors() -> None:
    plan = make_baseline(
        index("par", crit("par.1", "10", "5", parts=[crit("par.1", "10", "5")])),
        index("papi", crit("par", "10", "5")),
        indicators=[crit("papi", None, None)],
    )
    assert baseline_findings(plan) == [
        Finding(
            "baseline",
            ("indices", 0, "criteria", 0, "parts", 0, "id"),
            "par.1",
            "error",
            "duplicate id 'par.1'",
        ),
        Finding("baseline", ("indices", 1, "criteria", 0, "id"), "par", "error", "duplicate id 'par'"),
        Finding("baseline", ("indicators", 0, "id"), "papi", "error", "duplicate id 'papi'"),
    ]


def test_distinct_ids_are_fine() -> None:
    plan = make_baseline(
        index("par", crit("par.1", "10", "5"), crit("par.2", "10", "6")),
        index("papi", crit("papi.1", "10", "5")),
    )
    assert baseline_findings(plan) == []


def test_parts_whose_maxima_do_not_sum_to_the_parent_are_an_error() -> None:
    assert baseline_findings(two_parts(("10", "8.8974"), ("6", "5.7125"), ("3.5", "3.1849"))) == [
        Finding(
            "baseline",
            ("indices", 0, "criteria", 0, "max"),
            "par.2",
            "error",
            "the parts' maxima sum to 9.5, not to max 10",
        )
    ]


def test_parts_whose_maxima_sum_to_the_parent_are_fine() -> None:
    # 5.7125 + 3.1849 = 8.8974 exactly, in Decimal (in floats it is 8.897400000000001).
    assert baseline_findings(two_parts(("10", "8.8974"), ("6", "5.7125"), ("4", "3.1849"))) == []


def test_a_parent_score_differing_from_its_parts_is_a_warning() -> None:
    assert baseline_findings(two_parts(("10", "8.9"), ("6", "5.7125"), ("4", "3.1849"))) == [
        Finding(
            "baseline",
            ("indices", 0, "criteria", 0, "score"),
            "par.2",
            "warning",
            "score 8.9 differs from the sum of its parts 8.8974",
        )
    ]


def test_an_unknown_part_score_is_not_a_difference() -> None:
    assert baseline_findings(two_parts(("10", "8.9"), ("6", None), ("4", "3.1849"))) == []


def test_history_references_and_facts_must_name_a_criterion_of_the_file() -> None:
    plan = make_baseline(
        index("par", crit("par.1", "10", "5")),
        history=[{"id": "par.9", "year": 2023, "rank": "1/63"}, {"id": "par", "year": 2023, "rank": "60/63"}],
        references=[
            {"id": "papi", "kind": "national_average", "value": D("41.43"), "unit": "points", "source": "x"}
        ],
        facts=[{"id": "par.1", "text": "t", "source": "s"}],
    )
    assert baseline_findings(plan) == [
        Finding(
            "baseline", ("history", 0, "id"), "par.9", "error", "'par.9' is not a criterion of this file"
        ),
        Finding(
            "baseline", ("references", 0, "id"), "papi", "error", "'papi' is not a criterion of this file"
        ),
    ]


# --- targets against the baseline -----------------------------------------------------------------


def target_findings(baseline: Baseline, *targets: dict[str, Any], **extra: Any) -> list[Finding]:
    return plan_findings(baseline, make_targets(*targets, **extra))


T0 = ("targets", 0)


def test_a_target_above_the_maximum_is_an_error() -> None:
    assert target_findings(one_field("10", "9"), target("par.1", value="10.01")) == [
        Finding("targets", (*T0, "target"), "par.1", "error", "target 10.01 is above the maximum 10")
    ]


def test_a_target_below_zero_is_an_error() -> None:
    assert target_findings(one_field("10", "9"), target("par.1", value="-1")) == [
        Finding("targets", (*T0, "target"), "par.1", "error", "target -1 is below 0")
    ]


def test_a_strict_target_equal_to_the_maximum_is_unreachable() -> None:
    assert target_findings(one_field("10", "9"), target("par.1", comparison=">", value="10")) == [
        Finding("targets", (*T0, "target"), "par.1", "error", "target > 10 is unreachable: the maximum is 10")
    ]


@pytest.mark.parametrize(("comparison", "value"), [(">=", "10"), (">", "9.99"), (">=", "9"), (">", "9")])
def test_targets_that_can_be_reached_are_fine(comparison: str, value: str) -> None:
    assert target_findings(one_field("10", "9"), target("par.1", comparison=comparison, value=value)) == []


@pytest.mark.parametrize("comparison", [">=", ">"])
def test_a_target_below_the_score_is_a_warning_not_an_error(comparison: str) -> None:
    assert target_findings(one_field("10", "9"), target("par.1", comparison=comparison, value="0")) == [
        Finding(
            "targets",
            (*T0, "target"),
            "par.1",
            "warning",
            f"target {comparison} 0 is below this year's score 9: the plan would accept a fall",
        )
    ]


def test_a_part_outside_its_parents_id_is_an_error() -> None:
    found = baseline_findings(
        make_baseline(index("par", crit("par.2", "10", None, parts=[crit("papi.1.impl", "10", None)])))
    )
    assert found == [
        Finding(
            "baseline",
            (*PAR1, "parts", 0, "id"),
            "papi.1.impl",
            "error",
            "the id 'papi.1.impl' does not start with its parent's id 'par.2': a part's id is 'par.2'.<name>",
        )
    ]


def test_a_negative_increase_is_a_warning() -> None:
    assert target_findings(one_field("10", "9"), target("par.1", "-0.5")) == [
        Finding(
            "targets",
            (*T0, "increase"),
            "par.1",
            "warning",
            "the planned increase -0.5 is negative: the plan expects a fall",
        )
    ]


def test_over_100_percent_is_unreachable_and_100_percent_is_fine() -> None:
    plan = make_baseline(
        index("par", crit("par.1", "10", "5")),
        indicators=[crit("kpi.feedback_on_time", None, None, unit="percent")],
    )
    assert target_findings(plan, target("kpi.feedback_on_time", comparison=">", value="100")) == [
        Finding(
            "targets",
            (*T0, "target"),
            "kpi.feedback_on_time",
            "error",
            "target > 100 is unreachable: the maximum is 100",
        )
    ]
    assert target_findings(plan, target("kpi.feedback_on_time", comparison=">=", value="100")) == []
    assert target_findings(plan, target("kpi.feedback_on_time", comparison=">", value="98")) == []


def test_a_planned_increase_beyond_the_maximum_is_an_error() -> None:
    assert target_findings(one_field("10", "9.5"), target("par.1", increase="0.6")) == [
        Finding(
            "targets", (*T0, "increase"), "par.1", "error", "score 9.5 + increase 0.6 is above the maximum 10"
        )
    ]
    assert target_findings(one_field("10", "9.5"), target("par.1", increase="0.5")) == []


def test_a_target_for_an_id_the_baseline_lacks_is_an_error() -> None:
    assert target_findings(one_field("10", "9"), target("par.1"), target("par.9", value="5")) == [
        Finding("targets", ("targets", 1, "id"), "par.9", "error", "'par.9' is not in the baseline")
    ]


def test_a_duplicate_target_is_an_error() -> None:
    assert target_findings(
        one_field("10", "9"), target("par.1", value="9.5"), target("par.1", value="9.6")
    ) == [Finding("targets", ("targets", 1, "id"), "par.1", "error", "duplicate target for 'par.1'")]


def test_targets_may_name_index_totals_parts_and_indicators() -> None:
    plan = make_baseline(
        index(
            "par",
            crit("par.2", "10", "8", parts=[crit("par.2.impl", "6", "5"), crit("par.2.survey", "4", "3")]),
        ),
        indicators=[crit("kpi.tasks_completed", None, None, unit="percent")],
    )
    found = target_findings(
        plan,
        target("par", value="9"),
        target("par.2.impl", increase="0.5"),
        target("kpi.tasks_completed", value="100"),
    )
    assert found == []


def test_owners_must_be_listed_bodies() -> None:
    found = target_findings(
        one_field("10", "9"),
        target("par.1", owners=["so-noi-vu", "so-ngoai-vu"]),
        deadlines=[{"date": "2025-07-20", "task": "t", "owners": ["so-noi-vu", "ubnd"]}],
    )
    assert found == [
        Finding("targets", ("deadlines", 0, "owners", 1), None, "error", "unknown body 'ubnd'"),
        Finding("targets", (*T0, "owners", 1), "par.1", "error", "unknown body 'so-ngoai-vu'"),
    ]


def test_a_duplicate_body_is_an_error() -> None:
    found = target_findings(one_field("10", "9"), target("par.1"), bodies=[*BODIES, BODIES[0]])
    assert found == [
        Finding("targets", ("bodies", 3, "id"), "so-noi-vu", "error", "duplicate body id 'so-noi-vu'")
    ]


def test_targets_for_another_province_or_baseline_year_are_errors() -> None:
    found = target_findings(one_field("10", "9"), target("par.1"), province="Hà Giang", baseline_year=2023)
    assert found == [
        Finding(
            "targets",
            ("province",),
            None,
            "error",
            "province 'Hà Giang' differs from the baseline's 'Cao Bằng'",
        ),
        Finding(
            "targets",
            ("baseline_year",),
            None,
            "error",
            "baseline_year 2023 differs from the baseline's year 2024",
        ),
    ]


# --- warnings: targets against score + increase -------------------------------------------------


def par1(comparison: str, value: str, increase: str | None = "0.13") -> list[Finding]:
    """par.1 of the plan: 9.2779 + 0.13 = 9.4079, printed "> 9,40"."""
    return target_findings(one_field("9.5", "9.2779"), target("par.1", increase, comparison, value))


@pytest.mark.parametrize("value", ["9.40", "9.4", "9.4079"])
def test_a_target_of_score_plus_increase_cut_to_two_decimals_is_fine(value: str) -> None:
    assert par1(">", value) == []


@pytest.mark.parametrize(
    ("comparison", "value", "said"),
    [
        pytest.param(
            ">",
            "9.41",
            "target > 9.41 is above score 9.2779 + increase 0.13 = 9.4079 (9.40 cut to two decimals): "
            "unreachable by the planned increase",
            id="above-is-unreachable-by-the-planned-increase",
        ),
        pytest.param(
            ">=",
            "9.39",
            "target >= 9.39 is below score 9.2779 + increase 0.13 = 9.4079 (9.40 cut to two decimals): "
            "looser than planned",
            id="below-the-cut-is-looser-than-planned",
        ),
        pytest.param(
            ">",
            "9.405",
            "target > 9.405 is not score 9.2779 + increase 0.13 = 9.4079 (9.40 cut to two decimals)",
            id="between-the-cut-and-the-full-value-is-reported",
        ),
    ],
)
def test_a_target_off_score_plus_increase_is_a_warning_saying_which_way(
    comparison: str, value: str, said: str
) -> None:
    assert par1(comparison, value) == [Finding("targets", (*T0, "target"), "par.1", "warning", said)]


def test_the_cut_value_is_not_repeated_when_nothing_is_cut() -> None:
    # PAPI dimension 3 as printed: 4.21 + 1.40 = 5.61, target "> 4,61".
    found = target_findings(
        make_baseline(index("papi", crit("papi.3", "10", "4.21", "49/63"))),
        target("papi.3", "1.40", ">", "4.61"),
    )
    assert found == [
        Finding(
            "targets",
            (*T0, "target"),
            "papi.3",
            "warning",
            "target > 4.61 is below score 4.21 + increase 1.4 = 5.61: looser than planned",
        )
    ]


def test_a_target_without_an_increase_or_a_score_is_not_compared() -> None:
    assert par1(">", "9.45", increase=None) == []
    plan = make_baseline(index("sipas", crit("sipas.procedures", None, None, unit="percent"), total="none"))
    assert target_findings(plan, target("sipas.procedures", "5", ">", "90")) == []


def test_an_increase_differing_from_its_parts_is_a_warning() -> None:
    plan = two_parts(("10", "8.8974"), ("6", "5.7125"), ("4", "3.1849"))
    found = target_findings(
        plan, target("par.2", "0.8"), target("par.2.impl", "0.2875"), target("par.2.survey", "0.50")
    )
    assert found == [
        Finding(
            "targets",
            (*T0, "increase"),
            "par.2",
            "warning",
            "increase 0.8 differs from the sum of its parts' increases 0.7875",
        )
    ]


def test_an_increase_equal_to_its_parts_is_fine() -> None:
    plan = two_parts(("10", "8.8974"), ("6", "5.7125"), ("4", "3.1849"))
    assert (
        target_findings(
            plan, target("par.2", "0.7875"), target("par.2.impl", "0.2875"), target("par.2.survey", "0.50")
        )
        == []
    )
    # A part without a planned increase leaves the sum unknown: nothing to compare.
    assert target_findings(plan, target("par.2", "0.8"), target("par.2.impl", "0.2875")) == []


def test_an_index_increase_differing_from_its_criteria_is_a_warning() -> None:
    plan = make_baseline(index("papi", crit("papi.1", "10", "4.64"), crit("papi.2", "10", "5.13")))
    found = target_findings(plan, target("papi", "1.5"), target("papi.1", "1"), target("papi.2", "0.30"))
    assert found == [
        Finding(
            "targets",
            (*T0, "increase"),
            "papi",
            "warning",
            "increase 1.5 differs from the sum of its parts' increases 1.3",
        )
    ]
    assert (
        target_findings(plan, target("papi", "1.30"), target("papi.1", "1"), target("papi.2", "0.30")) == []
    )


# --- results ---------------------------------------------------------------------------------------


def test_results_are_checked_like_a_baseline_and_against_it() -> None:
    base = one_field("10", "9")
    results = make_baseline(index("par", crit("par.1", "10", "10.5"), crit("par.9", "10", "1")), year=2026)
    found = plan_findings(base, make_targets(target("par.1")), results)
    assert found == [
        Finding("results", (*PAR1, "score"), "par.1", "error", "score 10.5 is above the maximum 10"),
        Finding("results", ("year",), None, "error", "results for 2026, but the targets are for 2025"),
        Finding(
            "results",
            ("indices", 0, "criteria", 1, "id"),
            "par.9",
            "error",
            "'par.9' is not in the baseline: is this a results file for another plan?",
        ),
    ]
    assert (
        plan_findings(
            base, make_targets(target("par.1")), one_field("10", "9.5").model_copy(update={"year": 2025})
        )
        == []
    )


# --- rule codes ------------------------------------------------------------------------------------


def _codes(found: list[RuleFinding]) -> set[str]:
    return {f.code for f in found}


BASE = one_field("9.5", "9.2779")
GROUPED = make_baseline(
    index("par", crit("par.1", 10, 9), groups=[{"name": "A", "min": 9}, {"name": "B", "min": 8}])
)
CODE_CASES: dict[str, Callable[[], list[RuleFinding]]] = {
    "PP301": lambda: rules.baseline_findings(
        make_baseline(index("par", crit("par.1", 1, 1), crit("par.1", 1, 1)))
    ),
    "PP302": lambda: rules.baseline_findings(one_field("0", "0")),
    "PP303": lambda: rules.baseline_findings(one_field("10", "-1")),
    "PP304": lambda: rules.baseline_findings(one_field("10", "11")),
    "PP305": lambda: rules.baseline_findings(two_parts(("10", None), ("4", None), ("5", None))),
    "PP306": lambda: rules.baseline_findings(
        make_baseline(index("par", crit("par.1", 1, 1)), history=[{"id": "par.9", "year": 2023}])
    ),
    "PP307": lambda: rules.plan_findings(BASE, make_targets(province="Hà Giang")),
    "PP308": lambda: rules.plan_findings(BASE, make_targets(baseline_year=2023)),
    "PP309": lambda: rules.plan_findings(BASE, make_targets(bodies=[*BODIES, BODIES[0]])),
    "PP310": lambda: rules.plan_findings(BASE, make_targets(target("par.1", owners=["ubnd"]))),
    "PP311": lambda: rules.plan_findings(BASE, make_targets(target("par.1"), target("par.1"))),
    "PP312": lambda: rules.plan_findings(BASE, make_targets(target("par.9"))),
    "PP313": lambda: rules.plan_findings(BASE, make_targets(target("par.1", value="-1"))),
    "PP314": lambda: rules.plan_findings(BASE, make_targets(target("par.1", value="10"))),
    "PP315": lambda: rules.plan_findings(BASE, make_targets(target("par.1", comparison=">", value="9.5"))),
    "PP316": lambda: rules.plan_findings(BASE, make_targets(target("par.1", increase="1"))),
    "PP317": lambda: rules.plan_findings(BASE, make_targets(), BASE.model_copy(update={"year": 2026})),
    "PP318": lambda: rules.plan_findings(
        BASE,
        make_targets(),
        make_baseline(index("par", crit("par.1", "9.5", 9), crit("par.7", 1, 1)), year=2025),
    ),
    "PP360": lambda: rules.baseline_findings(
        make_baseline(index("par", crit("par.2", "10", None, parts=[crit("papi.1.impl", "10", None)])))
    ),
    "PP460": lambda: rules.plan_findings(BASE, make_targets(target("par.1", value="9"))),
    "PP461": lambda: rules.plan_findings(BASE, make_targets(target("par.1", "-0.5"))),
    "PP462": lambda: rules.plan_findings(
        BASE, make_targets(), one_field("10", "9").model_copy(update={"year": 2025})
    ),
    "PP401": lambda: rules.baseline_findings(two_parts(("10", "5"), ("4", "1"), ("6", "1"))),
    "PP402": lambda: rules.plan_findings(
        two_parts(("10", "5"), ("4", "2"), ("6", "3")),
        make_targets(target("par.2", "1"), target("par.2.impl", "0.1"), target("par.2.survey", "0.1")),
    ),
    "PP403": lambda: rules.plan_findings(BASE, make_targets(target("par.1", "0.13", ">", "9.41"))),
    "PP404": lambda: rules.plan_findings(BASE, make_targets(target("par.1", "0.13", ">", "9.3"))),
    "PP405": lambda: rules.plan_findings(BASE, make_targets(target("par.1", "0.13", ">", "9.405"))),
    # issue 12: index totals, groups, rank targets, target years, league tables
    "PP330": lambda: rules.baseline_findings(make_baseline(index("par", crit("par.1", 10, 9), score=D(9)))),
    "PP331": lambda: rules.plan_findings(GROUPED, make_targets(target("par.1", group="A"))),
    "PP332": lambda: rules.plan_findings(GROUPED, make_targets(target("par", group="S"))),
    "PP333": lambda: rules.baseline_findings(
        make_baseline(
            index("par", crit("par.1", 10, 9), groups=[{"name": "A", "min": 9}, {"name": "B", "min": 9}])
        )
    ),
    "PP334": lambda: rules.plan_findings(BASE, make_targets(target("par", rank_target=40, rank_base=34))),
    "PP335": lambda: rules.plan_findings(BASE, make_targets(target("par", improve=["score"], year=2024))),
    "PP336": lambda: rules.baseline_findings(
        make_baseline(
            index("par", crit("par.1", 10, 9)),
            league=[{"id": "par", "year": 2024, "source": "test", "scores": {"Hà Nội": 9, " hà  nội": 8}}],
        )
    ),
    "PP430": lambda: rules.baseline_findings(
        make_baseline(index("par", crit("par.1", 10, 9), total="given", score=D("9.5")))
    ),
    "PP431": lambda: rules.baseline_findings(
        make_baseline(
            index("par", crit("par.1", 10, 9)),
            league=[{"id": "par", "year": 2024, "source": "test", "synthetic": True, "scores": {"X": 9}}],
        )
    ),
    "PP432": lambda: rules.baseline_findings(
        make_baseline(
            index("par", crit("par.1", 10, 9)),
            league=[{"id": "par", "year": 2024, "source": "test", "scores": {"X": 9}, "ranks": {"X": 3}}],
        )
    ),
    # A short results file (parplan.reading.shortresults): an index's score, a result given twice.
    "PP350": lambda: expand(
        ShortResults(province="X", year=2025, results=(Result(id="par", score=D(80)),)), BASE
    )[1],
    "PP351": lambda: expand(
        ShortResults(province="X", year=2025, results=(Result(id="par.1"), Result(id="par.1"))), BASE
    )[1],
}


@pytest.mark.parametrize("code", sorted(CODE_CASES))
def test_each_rule_reports_its_own_code(code: str) -> None:
    found = CODE_CASES[code]()
    assert code in _codes(found)
    for finding in found:
        # Each finding's severity is its rule's; the message renders in both languages.
        assert finding.severity == RULES[finding.code].severity
        assert finding.message.text("vi")
        assert finding.message.text("en")


def test_every_plan_rule_code_has_a_case() -> None:
    # PP450 and PP451 are the units' warnings (a unit with no scores, a self score with no
    # evidence), not plan rules: tested in tests/test_units_reading.py and tests/test_unit_sheets.py.
    units_codes = ("PP450", "PP451")
    plan_codes = {code for code in RULES if code.startswith(("PP3", "PP4")) and code not in units_codes}
    assert plan_codes == set(CODE_CASES)


def test_a_given_total_equal_to_the_sum_and_an_incomplete_results_file_are_not_findings() -> None:
    same = make_baseline(index("par", crit("par.1", 10, 9), total="given", score=D(9)))
    assert _codes(rules.baseline_findings(same)) == set()
    # A results file listing one of two criteria has no sum to compare a given total with.
    base = make_baseline(index("par", crit("par.1", 10, 9), crit("par.2", 10, 8)))
    later = make_baseline(index("par", crit("par.1", 10, 9), total="given", score=D(30)), year=2025)
    assert "PP430" not in _codes(rules.plan_findings(base, make_targets(), later))
    assert "PP430" in _codes(rules.baseline_findings(later))
