"""The rules one file can break on its own, checked by the pydantic models.

Each rule has a failing case and a passing case, on small inline dicts: a rule that only
ever rejects (or only ever accepts) would not show that the test can fail.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from parplan.models.plan import (
    Baseline,
    Body,
    Criterion,
    Index,
    Rank,
    Reference,
    Results,
    Target,
    Targets,
    rank_text,
)
from parplan.vocab.problems import RULES, Msg


def criterion(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "par.1",
        "name": "Cải cách thể chế",
        "max": 10,
        "score": Decimal("8.8974"),
        "rank": "49/63",
    }
    data.update(changes)
    return data


def baseline(*criteria: dict[str, Any], **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "province": "Cao Bằng",
        "year": 2024,
        "indices": [
            {
                "id": "par",
                "name": "Chỉ số cải cách hành chính",
                "rank": "63/63",
                "criteria": list(criteria) or [criterion()],
            }
        ],
    }
    data.update(changes)
    return data


def targets(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "province": "Cao Bằng",
        "year": 2025,
        "baseline_year": 2024,
        "targets": [{"id": "par.1"}],
    }
    data.update(changes)
    return data


def errors(model: type[BaseModel], data: dict[str, Any]) -> list[tuple[tuple[str | int, ...], str, str]]:
    """(loc, type, message) of every error; fails the test if the data is valid.

    The type of our own refusals is their rule code (``PP205``), the message the English text.
    """
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return [(tuple(e["loc"]), e["type"], e["msg"]) for e in caught.value.errors(include_url=False)]


# --- unknown keys -------------------------------------------------------------------------


def test_a_misspelt_key_is_an_error_not_ignored() -> None:
    data = criterion()
    data["scroe"] = data.pop("score")
    found = errors(Criterion, data)
    assert ((("scroe",), "extra_forbidden", "Extra inputs are not permitted")) in found
    assert found == [(("scroe",), "extra_forbidden", "Extra inputs are not permitted")]


def test_the_same_criterion_spelt_right_is_valid() -> None:
    assert Criterion.model_validate(criterion()).score == Decimal("8.8974")


@pytest.mark.parametrize(
    ("data", "loc"),
    [
        (baseline(colour="red"), ("colour",)),
        (baseline(criterion(weight=1)), ("indices", 0, "criteria", 0, "weight")),
        (targets(targets=[{"id": "par.1", "targte": 9}]), ("targets", 0, "targte")),
        (targets(bodies=[{"id": "so-noi-vu", "name": "Sở Nội vụ", "phone": "1"}]), ("bodies", 0, "phone")),
    ],
)
def test_unknown_keys_are_refused_at_every_level(data: dict[str, Any], loc: tuple[str | int, ...]) -> None:
    model = Targets if "baseline_year" in data else Baseline
    assert errors(model, data) == [(loc, "extra_forbidden", "Extra inputs are not permitted")]


def test_files_without_unknown_keys_are_valid() -> None:
    assert Baseline.model_validate(baseline()).province == "Cao Bằng"
    assert Targets.model_validate(targets()).targets[0].id == "par.1"


# --- types --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("score", "message"),
    [
        ("12", "expected a number, got the text '12'"),
        ("mười hai", "expected a number, got the text 'mười hai'"),
        (True, "expected a number, got a boolean"),
        ([1], "expected a number, got a list"),
        (dt.date(2024, 1, 1), "expected a number, got date 2024-01-01"),
    ],
)
def test_a_score_that_is_not_a_number_is_a_type_error(score: object, message: str) -> None:
    assert errors(Criterion, criterion(score=score)) == [(("score",), "PP205", message)]


def test_a_decimal_comma_gets_a_hint() -> None:
    # The plan prints "9,2779"; in YAML that is the text "9,2779".
    assert errors(Criterion, criterion(score="9,2779")) == [
        (
            ("score",),
            "PP205",
            "expected a number, got the text '9,2779': write 9.2779 (point, no quotes)",
        )
    ]


@pytest.mark.parametrize(
    ("score", "expected"),
    [(12, Decimal(12)), (Decimal("12.50"), Decimal("12.50")), (0.1, Decimal("0.1")), (None, None)],
)
def test_numbers_are_exact_decimals(score: object, expected: Decimal | None) -> None:
    value = Criterion.model_validate(criterion(score=score)).score
    assert value == expected
    # 0.1 must not become 0.1000000000000000055511151231257827...
    assert value is None or str(value) == str(expected)


@pytest.mark.parametrize(
    "score",
    [
        Decimal("999999999.5"),
        Decimal("-999999999"),
        Decimal("1.000000000000"),
        Decimal("0.000000000001"),
        Decimal("-0.0"),
        Decimal("1E+2"),
        Decimal("1.5E+8"),
        10**9 - 1,
        -(10**9) + 1,
    ],
)
def test_numbers_at_the_limits_are_accepted_as_they_are(score: Decimal | int) -> None:
    value = Criterion.model_validate(criterion(score=score)).score
    assert value == score
    assert isinstance(value, Decimal)
    assert value.as_tuple().exponent == (0 if isinstance(score, int) else score.as_tuple().exponent)


@pytest.mark.parametrize(
    ("score", "code", "message"),
    [
        (
            Decimal("1000000000"),
            "PP207",
            "the number 1000000000 is too large (at most 9 digits before the point)",
        ),
        (Decimal("-1E+9"), "PP207", "the number -1E+9 is too large (at most 9 digits before the point)"),
        (10**9, "PP207", "the number 1000000000 is too large (at most 9 digits before the point)"),
        (-(10**9), "PP207", "the number -1000000000 is too large (at most 9 digits before the point)"),
        (Decimal("1.0000000000000"), "PP207", "the number 1.0000000000000 has more than 12 decimal places"),
        (Decimal("0E-13"), "PP207", "the number 0E-13 has more than 12 decimal places"),
        (Decimal("1E-13"), "PP207", "the number 1E-13 has more than 12 decimal places"),
        (Decimal("Infinity"), "PP206", "expected a finite number, got NaN or infinity"),
        (Decimal("NaN"), "PP206", "expected a finite number, got NaN or infinity"),
        (True, "PP205", "expected a number, got a boolean"),
    ],
)
def test_numbers_past_the_limits_are_refused(score: object, code: str, message: str) -> None:
    """The fast path for plain Decimals and ints must leave every limit where it was."""
    assert errors(Criterion, criterion(score=score)) == [(("score",), code, message)]


@pytest.mark.parametrize("year", ["2024", True, Decimal("2024"), 2024.0])
def test_a_year_must_be_a_yaml_integer(year: object) -> None:
    assert errors(Baseline, baseline(year=year)) == [
        (("year",), "int_type", "Input should be a valid integer")
    ]


def test_an_integer_year_is_valid() -> None:
    assert Baseline.model_validate(baseline(year=2024)).year == 2024
    assert Targets.model_validate(targets(baseline_year=2024)).baseline_year == 2024


@pytest.mark.parametrize("name", [5, None, ""])
def test_a_name_must_be_non_empty_text(name: object) -> None:
    assert [loc for loc, _, _ in errors(Criterion, criterion(name=name))] == [("name",)]


def test_owners_must_be_a_list_of_body_ids() -> None:
    assert [loc for loc, _, _ in errors(Target, {"id": "par.1", "owners": "so-noi-vu"})] == [("owners",)]
    assert [loc for loc, _, _ in errors(Target, {"id": "par.1", "owners": ["Sở Nội vụ"]})] == [("owners", 0)]
    assert Target.model_validate({"id": "par.1", "owners": ["so-noi-vu"]}).owners == ("so-noi-vu",)


@pytest.mark.parametrize("comparison", ["<", "=", ">>", "≥"])
def test_a_comparison_is_strictly_greater_or_at_least(comparison: str) -> None:
    assert [loc for loc, _, _ in errors(Target, {"id": "par.1", "comparison": comparison})] == [
        ("comparison",)
    ]


def test_comparison_defaults_to_at_least_and_accepts_strict() -> None:
    assert Target.model_validate({"id": "par.1"}).comparison == ">="
    assert Target.model_validate({"id": "par.1", "comparison": ">"}).comparison == ">"


@pytest.mark.parametrize("ident", ["Par.1", "par..1", "1par", "par 1", "par.", ""])
def test_a_criterion_id_is_lowercase_dotted(ident: str) -> None:
    assert [loc for loc, _, _ in errors(Criterion, criterion(id=ident))] == [("id",)]


@pytest.mark.parametrize("ident", ["par", "par.2.impl", "kpi.tasks_completed", "sipas.access"])
def test_well_formed_ids_are_valid(ident: str) -> None:
    assert Criterion.model_validate(criterion(id=ident)).id == ident


def test_a_unit_is_points_or_percent() -> None:
    assert [loc for loc, _, _ in errors(Criterion, criterion(unit="%"))] == [("unit",)]
    assert Criterion.model_validate(criterion(unit="percent")).unit == "percent"
    assert Criterion.model_validate(criterion()).unit == "points"


# --- finite numbers -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity"), float("nan"), float("inf"), float("-inf")],
)
@pytest.mark.parametrize("key", ["max", "score"])
def test_nan_and_infinity_are_refused(key: str, value: object) -> None:
    assert errors(Criterion, criterion(**{key: value})) == [
        ((key,), "PP206", "expected a finite number, got NaN or infinity")
    ]


def test_nan_is_refused_in_targets_and_references_too() -> None:
    assert [loc for loc, _, _ in errors(Target, {"id": "par.1", "target": Decimal("NaN")})] == [("target",)]
    assert [loc for loc, _, _ in errors(Target, {"id": "par.1", "increase": float("inf")})] == [("increase",)]
    reference = {
        "id": "par",
        "kind": "national_average",
        "value": Decimal("Infinity"),
        "unit": "percent",
        "source": "x",
    }
    assert [loc for loc, _, _ in errors(Reference, reference)] == [("value",)]


def test_finite_numbers_are_valid() -> None:
    target = Target.model_validate({"id": "par.1", "target": Decimal("9.40"), "increase": Decimal("-0.5")})
    assert (target.target, target.increase) == (Decimal("9.40"), Decimal("-0.5"))


# --- ranks --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "rank",
    [
        "0/63",
        "64/63",
        "1/0",
        "0/0",
        "-1/63",
        "39 / 63",
        "39/",
        "/63",
        "39",
        "039/63",
        "39/63/1",
        "39:63",
        "thứ 39",
    ],
)
def test_a_rank_is_k_of_n_with_k_from_1_to_n(rank: str) -> None:
    assert errors(Criterion, criterion(rank=rank)) == [
        (
            ("rank",),
            "PP208",
            f"expected a rank k/N such as 39/63 (1 <= k <= N), got {rank!r}",
        )
    ]


def test_a_rank_written_as_a_yaml_number_is_refused() -> None:
    assert errors(Criterion, criterion(rank=39)) == [
        (("rank",), "PP208", "expected a rank k/N such as 39/63 (1 <= k <= N), got 39")
    ]


@pytest.mark.parametrize("rank", ["1/1", "39/63", "63/63", "20/34", None])
def test_ranks_from_first_to_last_and_unknown_are_valid(rank: str | None) -> None:
    assert rank_text(Criterion.model_validate(criterion(rank=rank)).rank) == rank


def test_index_and_history_ranks_are_checked_too() -> None:
    data = baseline()
    data["indices"][0]["rank"] = "64/63"
    assert [loc for loc, _, _ in errors(Baseline, data)] == [("indices", 0, "rank")]
    history = [{"id": "par", "year": 2023, "rank": "61/60"}]
    assert [loc for loc, _, _ in errors(Baseline, baseline(history=history))] == [("history", 0, "rank")]
    assert Baseline.model_validate(baseline(history=[{"id": "par", "year": 2023, "rank": "60/63"}])).history[
        0
    ].rank == Rank(60, 63)


# --- required keys ------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["id", "name"])
def test_every_criterion_mapping_carries_id_and_name(key: str) -> None:
    data = criterion()
    del data[key]
    assert errors(Criterion, data) == [((key,), "missing", "Field required")]


@pytest.mark.parametrize("key", ["max", "score", "rank"])
def test_a_criterion_may_leave_out_what_is_unknown(key: str) -> None:
    """Issue 14: a part has no published rank, a percentage no maximum; left out is null."""
    data = criterion()
    del data[key]
    assert getattr(Criterion.model_validate(data), key) is None


def test_unknown_is_written_null_not_left_out() -> None:
    valid = Criterion.model_validate(criterion(max=None, score=None, rank=None))
    assert (valid.max, valid.score, valid.rank) == (None, None, None)


def test_every_target_mapping_carries_an_id() -> None:
    assert errors(Target, {"target": 9}) == [(("id",), "missing", "Field required")]
    assert Target.model_validate({"id": "par.1"}).target is None


@pytest.mark.parametrize("key", ["id", "name", "criteria"])
def test_an_index_needs_its_id_name_and_criteria(key: str) -> None:
    data = baseline()["indices"][0]
    del data[key]
    assert errors(Index, data) == [((key,), "missing", "Field required")]


def test_an_index_may_leave_out_its_rank() -> None:
    data = baseline()["indices"][0]
    del data["rank"]
    assert Index.model_validate(data).rank is None


@pytest.mark.parametrize("key", ["province", "year", "indices"])
def test_a_baseline_needs_province_year_and_indices(key: str) -> None:
    data = baseline()
    del data[key]
    assert errors(Baseline, data) == [((key,), "missing", "Field required")]


@pytest.mark.parametrize("key", ["province", "year", "baseline_year"])
def test_a_targets_file_needs_province_year_and_baseline_year(key: str) -> None:
    data = targets()
    del data[key]
    assert errors(Targets, data) == [((key,), "missing", "Field required")]


def test_an_index_without_criteria_is_one_error() -> None:
    data = baseline()
    data["indices"][0]["criteria"] = []
    assert errors(Baseline, data) == [(("indices", 0, "criteria"), "PP210", "must list at least one item")]
    assert [loc for loc, _, _ in errors(Baseline, baseline(indices=[]))] == [("indices",)]


def test_one_bad_criterion_is_one_error_not_also_an_empty_index() -> None:
    # pydantic's min_length counts only the items that validated, so it used to add
    # "criteria: should have at least 1 item" and "indices: ..." to a single bad rank.
    found = errors(Baseline, baseline(criterion(rank="64/63")))
    assert [loc for loc, _, _ in found] == [("indices", 0, "criteria", 0, "rank")]


# --- Vietnamese text ----------------------------------------------------------------------


def test_decomposed_vietnamese_is_normalised_to_nfc() -> None:
    nfd = unicodedata.normalize("NFD", "Cải cách thủ tục hành chính")
    assert nfd != "Cải cách thủ tục hành chính"
    data = baseline(criterion(name=nfd, note=nfd), province=unicodedata.normalize("NFD", "Cao Bằng"))
    model = Baseline.model_validate(data)
    assert model.province == "Cao Bằng"
    assert model.indices[0].criteria[0].name == "Cải cách thủ tục hành chính"
    assert model.indices[0].criteria[0].note == "Cải cách thủ tục hành chính"
    body = Body.model_validate({"id": "so-noi-vu", "name": unicodedata.normalize("NFD", "Sở Nội vụ")})
    assert body.name == "Sở Nội vụ"
    assert unicodedata.is_normalized("NFC", body.name)


def test_nfc_text_is_kept_as_is() -> None:
    assert Criterion.model_validate(criterion(name="Cải cách thể chế")).name == "Cải cách thể chế"


# --- frozen -------------------------------------------------------------------------------


def test_models_are_frozen() -> None:
    model = Criterion.model_validate(criterion())
    with pytest.raises(ValidationError):
        model.score = Decimal(1)
    assert model.score == Decimal("8.8974")


def test_parts_nest_as_criteria() -> None:
    parent = Criterion.model_validate(
        criterion(
            parts=[
                criterion(id="par.1.impl", max=6, score=5, rank=None),
                criterion(id="par.1.survey", max=4, score=3, rank=None),
            ]
        )
    )
    assert [p.id for p in parent.parts] == ["par.1.impl", "par.1.survey"]
    assert [loc for loc, _, _ in errors(Criterion, criterion(parts=[criterion(scroe=1)]))] == [
        ("parts", 0, "scroe")
    ]


def test_an_index_maximum_is_derived_never_typed() -> None:
    data = baseline()
    data["indices"][0]["max"] = 100
    assert errors(Baseline, data) == [
        (("indices", 0, "max"), "extra_forbidden", "Extra inputs are not permitted")
    ]


def test_an_index_score_is_read_with_total_given() -> None:
    # issue 12: SIPAS's overall % is published, not summed; `score` is its place. A score
    # beside `total: sum` is a finding of the rules (PP330), not a schema error.
    data = baseline()
    data["indices"][0].update(total="given", score=84.5, group="B", groups=[{"name": "A", "min": 90}])
    index = Baseline.model_validate(data).indices[0]
    assert index.total == "given"
    assert (index.score, index.group, index.groups[0].min) == (Decimal("84.5"), "B", Decimal(90))


def test_a_results_file_has_the_baseline_schema() -> None:
    later = Results.model_validate(baseline(criterion(score=Decimal("9.41"), rank="20/34"), year=2025))
    assert (later.year, later.indices[0].criteria[0].rank) == (2025, Rank(20, 34))
    assert [loc for loc, _, _ in errors(Results, baseline(targets=[]))] == [("targets",)]


def test_our_refusals_carry_the_catalogue_message_in_their_context() -> None:
    with pytest.raises(ValidationError) as caught:
        Criterion.model_validate(criterion(score="9,2779"))
    (error,) = caught.value.errors(include_url=False)
    assert error["type"] == "PP205"
    assert error.get("ctx", {})["key"] == "number-comma"
    assert error.get("ctx", {})["args"] == {"text": "'9,2779'", "point": "9.2779"}
    assert Msg(error.get("ctx", {})["key"], error.get("ctx", {})["args"]).text("en") == error["msg"]
    assert error["type"] in RULES


def test_a_rank_too_long_to_read_is_refused_before_it_is_read() -> None:
    assert errors(Criterion, criterion(rank="1/" + "9" * 5000)) == [
        (("rank",), "PP208", "rank '1/999999999999999999'… is too long to be k/N")
    ]
