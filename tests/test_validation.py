"""Validation: every pydantic error becomes a problem with its rule code, its place in the YAML
and plain words, all of them at once, in the order of the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from builders import SMALL_BASELINE, problems_of
from parplan.models.plan import Baseline, Criterion, Targets
from parplan.reading.validation import validate
from parplan.reading.yamlread import parse_yaml
from parplan.vocab.problems import InputError, Msg, Problem

BASELINE = SMALL_BASELINE


# --- validating: every error, at its place, in plain words -------------------------------------


Model = type[Baseline] | type[Targets] | type[Criterion]


def validation_problems(text: str, model: Model = Baseline) -> list[Problem]:
    doc = parse_yaml(text, "plan.yaml")
    return problems_of(lambda: validate(doc, model))


def validate_text(text: str, model: Model = Baseline) -> list[str]:
    return [p.format() for p in validation_problems(text, model)]


def codes_of(text: str, model: Model = Baseline) -> list[str]:
    return [p.code for p in validation_problems(text, model)]


def edit(old: str, new: str, text: str = BASELINE) -> str:
    assert old in text
    return text.replace(old, new, 1)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "score: 9.2779",
            'score: "mười hai"',
            "plan.yaml:11:16: par.1: PP205 error: score: expected a number, got the text 'mười hai'",
        ),
        (
            "score: 9.2779",
            "score: 9,2779",
            "plan.yaml:11:16: par.1: PP205 error: score: expected a number, got the text '9,2779': "
            "write 9.2779 (point, no quotes)",
        ),
        (
            "score: 9.2779",
            "score: .nan",
            "plan.yaml:11:16: par.1: PP206 error: score: expected a finite number, got NaN or infinity",
        ),
        (
            "score: 9.2779",
            "score: -.inf",
            "plan.yaml:11:16: par.1: PP206 error: score: expected a finite number, got NaN or infinity",
        ),
        (
            "score: 9.2779",
            "score: true",
            "plan.yaml:11:16: par.1: PP205 error: score: expected a number, got a boolean",
        ),
        (
            "score: 9.2779",
            "score: 1000000000.5",
            "plan.yaml:11:16: par.1: PP207 error: score: the number 1000000000.5 is too large "
            "(at most 9 digits before the point)",
        ),
        (
            "score: 9.2779",
            "score: 0.1234567890123",
            "plan.yaml:11:16: par.1: PP207 error: score: "
            "the number 0.1234567890123 has more than 12 decimal places",
        ),
        (
            "rank: 39/63",
            "rank: 70/63",
            "plan.yaml:12:15: par.1: PP208 error: rank: "
            "expected a rank k/N such as 39/63 (1 <= k <= N), got '70/63'",
        ),
        (
            "rank: 39/63",
            "rank: 1/" + "9" * 5000,
            "plan.yaml:12:15: par.1: PP208 error: rank: rank '1/999999999999999999'… is too long to be k/N",
        ),
        (
            "rank: 39/63",
            "rank: 39 of 63",
            "plan.yaml:12:15: par.1: PP208 error: rank: "
            "expected a rank k/N such as 39/63 (1 <= k <= N), got '39 of 63'",
        ),
        (
            "name: Công tác chỉ đạo",
            "name: 12",
            "plan.yaml:9:15: par.1: PP204 error: name: expected text, got 12",
        ),
        (
            "        score: 9.2779",
            "        scroe: 9.2779",
            "plan.yaml:11:9: par.1: PP201 error: unknown key 'scroe' (did you mean 'score'?)",
        ),
        (
            "id: par.1",
            "id: Par 1",
            "plan.yaml:8:13: Par 1: PP209 error: id: expected an id such as par.2.impl "
            "(lower-case letters, digits, _ and dots), got 'Par 1'",
        ),
        (
            "year: 2024",
            "year: 2024.5",
            "plan.yaml:2:7: PP204 error: year: expected a whole number, got 2024.5",
        ),
        (
            "  - id: par\n",
            "  - id: par\n    unit: points!\n",
            "plan.yaml:5:11: par: PP211 error: unit: must be one of 'points', 'percent', got 'points!'",
        ),
    ],
)
def test_one_mistake_one_message(old: str, new: str, expected: str) -> None:
    problems = validation_problems(edit(old, new))
    messages = [p.format() for p in problems]
    assert expected in messages
    assert len(messages) <= 2  # a misspelt key is also an unknown key, nothing else
    code = next(p.code for p in problems if p.format() == expected)
    assert f" {code} error: " in expected


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        ("score: 9.2779", "score: 9,2779", "PP205"),
        ("score: 9.2779", "score: .nan", "PP206"),
        ("score: 9.2779", "score: 0.1234567890123", "PP207"),
        ("rank: 39/63", "rank: 70/63", "PP208"),
        ("id: par.1", "id: Par 1", "PP209"),
        ("name: Công tác chỉ đạo", "name: 12", "PP204"),
        ("year: 2024", "year: 1800", "PP211"),
        ("year: 2024", "year: '2024'", "PP204"),
    ],
)
def test_each_kind_of_mistake_has_its_code(old: str, new: str, code: str) -> None:
    assert codes_of(edit(old, new)) == [code]


def test_unknown_key_points_at_the_key_and_suggests_the_right_one() -> None:
    problems = validation_problems(edit("        score: 9.2779", "        scroe: 9.2779"))
    assert [p.code for p in problems] == ["PP201"]
    assert [p.format() for p in problems] == [
        "plan.yaml:11:9: par.1: PP201 error: unknown key 'scroe' (did you mean 'score'?)",
    ]


def test_unknown_top_level_key_without_a_near_name() -> None:
    assert validate_text(BASELINE + "colour: blue\n") == ["plan.yaml:18:1: PP201 error: unknown key 'colour'"]


def test_several_errors_are_all_reported_in_file_order() -> None:
    text = BASELINE
    text = edit("score: 8.8974", "score: -.inf", text)
    text = edit("score: 9.2779", 'score: "mười hai"', text)
    text = edit("rank: 39/63", "rank: 70/63", text)
    text = edit("max: 10", "maxi: 10", text)
    assert validate_text(text) == [
        "plan.yaml:11:16: par.1: PP205 error: score: expected a number, got the text 'mười hai'",
        "plan.yaml:12:15: par.1: PP208 error: rank: "
        "expected a rank k/N such as 39/63 (1 <= k <= N), got '70/63'",
        "plan.yaml:15:9: par.2: PP201 error: unknown key 'maxi' (did you mean 'max'?)",
        "plan.yaml:16:16: par.2: PP206 error: score: expected a finite number, got NaN or infinity",
    ]


def test_no_cascade_of_empty_list_errors() -> None:
    # pydantic adds "at least 1 item" for each list whose items all failed: that is noise.
    messages = validate_text(edit("score: 9.2779", "score: x", edit("score: 8.8974", "score: y")))
    assert not any("at least" in m for m in messages)
    assert len(messages) == 2


def test_an_empty_list_where_one_item_is_needed() -> None:
    text = "province: Cao Bằng\nyear: 2024\nindices: []\n"
    assert validate_text(text) == ["plan.yaml:3:10: PP210 error: indices: must list at least one item"]


def test_list_or_scalar_where_a_mapping_belongs() -> None:
    text = "province: Cao Bằng\nyear: 2024\nindices:\n  - par\n  - [a]\n"
    assert validate_text(text) == [
        "plan.yaml:4:5: PP204 error: expected a mapping of keys, got 'par'",
        "plan.yaml:5:5: PP204 error: expected a mapping of keys, got a list",
    ]
    text = "province: Cao Bằng\nyear: 2024\nindices: {par: 1}\n"
    assert validate_text(text) == ["plan.yaml:3:10: PP204 error: indices: expected a list, got a mapping"]


def test_a_key_that_is_not_text() -> None:
    assert validate_text(BASELINE + "1: x\n") == ["plan.yaml:18:1: PP203 error: the key 1 must be text"]


def test_targets_errors_name_the_target_id() -> None:
    text = (
        "province: Cao Bằng\nyear: 2025\nbaseline_year: 2024\n"
        "targets:\n  - {id: par.1, increase: lots, target: 9.4}\n  - {id: par.2, comparison: '=>'}\n"
    )
    assert validate_text(text, Targets) == [
        "plan.yaml:5:27: par.1: PP205 error: increase: expected a number, got the text 'lots'",
        "plan.yaml:6:29: par.2: PP211 error: comparison: must be one of '>', '>=', got '=>'",
    ]


def test_our_own_refusals_keep_their_arguments_for_either_language() -> None:
    (problem,) = validation_problems(edit("score: 9.2779", "score: 9,2779"))
    assert problem.code == "PP205"
    assert problem.message.key == "at-key"
    inner = problem.message.args["message"]
    assert isinstance(inner, Msg)
    assert inner == Msg("number-comma", {"text": "'9,2779'", "point": "9.2779"})
    assert problem.format("vi") == (
        "plan.yaml:11:16: par.1: PP205 lỗi: score: cần một số, nhận được văn bản '9,2779': "
        "hãy viết 9.2779 (dấu chấm, không có dấu nháy)"
    )


def test_pydantic_s_english_never_reaches_the_user() -> None:
    (problem,) = validation_problems(edit("year: 2024", "year: 1800"))
    assert problem.code == "PP211"
    assert problem.format() == "plan.yaml:2:7: PP211 error: year: must be at least 1900, got 1800"
    assert problem.format("vi") == "plan.yaml:2:7: PP211 lỗi: year: phải từ 1900 trở lên, nhận được 1800"


def test_bad_body_ids_and_dates_in_targets() -> None:
    text = (
        "province: Cao Bằng\nyear: 2025\nbaseline_year: 2024\n"
        "bodies:\n  - {id: Sở, name: S}\n"
        "deadlines:\n  - {date: 2025-06-30T10:00:00, task: x}\n  - {date: 2025-06-30, task: y, owners: []}\n"
    )
    problems = validation_problems(text, Targets)
    assert [(p.code, p.text()) for p in problems] == [
        (
            "PP209",
            "id: expected a body id such as so-noi-vu (lower-case letters, digits and -), got 'Sở'",
        ),
        ("PP204", "date: expected a date (YYYY-MM-DD) without a time, got 2025-06-30 10:00:00"),
    ]


# --- messages say what was written, as written (issue 11) --------------------------------------


def _problems(text: str) -> list[str]:
    from parplan.reading.loading import load

    path = _write_tmp(text)
    try:
        load(path, Baseline)
    except InputError as error:
        return [p.format() for p in error.problems]
    return []


def _write_tmp(text: str) -> Path:
    import tempfile

    folder = Path(tempfile.mkdtemp())
    path = folder / "b.yaml"
    path.write_text(text, encoding="utf-8")
    return path


HEAD = "province: X\nyear: 2024\n"


def test_a_key_that_is_a_number_is_shown_as_written_at_its_place() -> None:
    found = _problems(HEAD + "1.5: a\nindices: [{id: par, name: P, criteria: [{id: par.1, name: A}]}]\n")
    assert any(line.endswith("/b.yaml:3:1: PP203 error: the key 1.5 must be text") for line in found), found


def test_yes_and_no_are_the_words_written() -> None:
    found = _problems(
        HEAD + "yes: 1\nindices: [{id: par, name: P, name_en: No, criteria: [{id: par.1, name: A}]}]\n"
    )
    assert len(found) == 1
    assert found[0].endswith(":3:1: PP201 error: unknown key 'yes'")


def test_a_look_alike_letter_in_an_id_is_named() -> None:
    found = _problems(HEAD + "indices: [{id: p\u0430r, name: P, criteria: [{id: par.1, name: A}]}]\n")
    assert found[0].endswith("got 'p\u0430r' (U+0430 CYRILLIC SMALL LETTER A)")


def test_a_line_break_in_an_id_keeps_the_message_on_one_line() -> None:
    found = _problems(HEAD + 'indices: [{id: par, name: P, criteria: [{id: "a\\nb", name: A}]}]\n')
    assert len(found) == 1
    assert "\n" not in found[0]
    assert ": a\\nb: PP209 error: " in found[0]
