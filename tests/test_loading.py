"""The loader: every unusable file is an InputError with its place, quickly, and nothing runs."""

from __future__ import annotations

import os
import time
import tracemalloc
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from parplan import loading
from parplan.loading import (
    Document,
    InputError,
    Problem,
    bundled,
    load,
    load_baseline,
    parse_yaml,
    read_text,
    validate,
)
from parplan.models import Baseline, Criterion, Targets

# Both parsers where libyaml exists: the pure-Python one is the fallback and must be as safe.
PARSERS = [pytest.param(False, id="libyaml"), pytest.param(True, id="pure")]

BASELINE = """\
province: Cao Bằng
year: 2024
indices:
  - id: par
    name: Chỉ số cải cách hành chính
    rank: 63/63
    criteria:
      - id: par.1
        name: Công tác chỉ đạo
        max: 9.5
        score: 9.2779
        rank: 39/63
      - id: par.2
        name: Cải cách thể chế
        max: 10
        score: 8.8974
        rank: 49/63
"""


def problems_of(action: Callable[[], object]) -> list[Problem]:
    with pytest.raises(InputError) as caught:
        action()
    return list(caught.value.problems)


def one_problem(action: Callable[[], object]) -> Problem:
    problems = problems_of(action)
    assert len(problems) == 1, problems
    return problems[0]


def parse_problem(text: str, pure: bool) -> Problem:
    return one_problem(lambda: parse_yaml(text, "plan.yaml", pure=pure))


def place(problem: Problem) -> tuple[int | None, int | None]:
    return problem.line, problem.column


# --- reading the file --------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    problem = one_problem(lambda: read_text(tmp_path / "nope.yaml", "nope.yaml"))
    assert problem.format() == "nope.yaml: error: no such file"


def test_directory(tmp_path: Path) -> None:
    problem = one_problem(lambda: read_text(tmp_path, "plans"))
    assert problem.format() == "plans: error: is a directory, not a YAML file"


def test_permission_denied_through_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Root reads a chmod-000 file, so the refusal is simulated where the file is opened."""
    path = tmp_path / "plan.yaml"
    path.write_text(BASELINE, encoding="utf-8")

    def refuse(self: Path, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)
    problem = one_problem(lambda: read_text(path, "plan.yaml"))
    assert problem.format() == "plan.yaml: error: permission denied"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads a chmod-000 file anyway")
def test_permission_denied_for_real(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(BASELINE, encoding="utf-8")
    path.chmod(0)
    try:
        problem = one_problem(lambda: read_text(path, "plan.yaml"))
    finally:
        path.chmod(0o600)
    assert problem.message == "permission denied"


def test_other_os_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: Path, *args: Any, **kwargs: Any) -> Any:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(Path, "open", broken)
    problem = one_problem(lambda: read_text(tmp_path / "plan.yaml", "plan.yaml"))
    assert problem.format() == "plan.yaml: error: cannot be read: Input/output error"


def test_invalid_utf8_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(b"province: Cao B\xe1ng\nyear: 2024\n")  # Latin-1, not UTF-8
    problem = one_problem(lambda: read_text(path, "plan.yaml"))
    assert problem.format() == "plan.yaml:1:16: error: is not valid UTF-8 (byte 0xe1)"


def test_invalid_utf8_on_a_later_line(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(b"a: 1\nb: \xff\n")
    assert place(one_problem(lambda: read_text(path, "plan.yaml"))) == (2, 4)


def test_too_large_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loading, "MAX_BYTES", 1024 * 1024)
    path = tmp_path / "plan.yaml"
    path.write_bytes(b"a: 1\n" * 300_000)
    problem = one_problem(lambda: read_text(path, "plan.yaml"))
    assert problem.format() == "plan.yaml: error: is larger than 1 MiB"


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + BASELINE.replace("\n", "\r\n").encode("utf-8"))
    baseline, doc = load_baseline(path)
    assert baseline.province == "Cao Bằng"
    assert baseline.indices[0].criteria[0].score == Decimal("9.2779")
    # Positions still count lines and columns as an editor shows them.
    assert doc.locate(["indices", 0, "criteria", 1, "score"]) == ((16, 16), "par.2")


def test_nfd_text_is_normalised_to_nfc(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    decomposed = unicodedata.normalize("NFD", BASELINE)
    assert decomposed != BASELINE
    path.write_text(decomposed, encoding="utf-8")
    baseline, _ = load_baseline(path)
    assert baseline.province == "Cao Bằng"
    assert unicodedata.is_normalized("NFC", baseline.indices[0].name)
    assert baseline.indices[0].criteria[1].name == "Cải cách thể chế"


# --- parsing: what is not a plan ----------------------------------------------------------


@pytest.mark.parametrize("pure", PARSERS)
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "plan.yaml: error: is empty: expected a mapping of keys"),
        ("# only a comment\n", "plan.yaml: error: is empty: expected a mapping of keys"),
        ("~\n", "plan.yaml: error: is empty: expected a mapping of keys"),
        ("- par\n- papi\n", "plan.yaml:1:1: error: must be a mapping of keys, not a list"),
        ("just text\n", "plan.yaml:1:1: error: must be a mapping of keys, not a single value"),
        ("a: 1\n---\nb: 2\n", "plan.yaml:2:1: error: expected one YAML document, found several"),
        ("a: 1\nb: 2\na: 3\n", "plan.yaml:3:1: error: duplicate key 'a'"),
        ("? [a]\n: 1\n", "plan.yaml:1:3: error: a mapping or list cannot be used as a key"),
    ],
)
def test_not_a_plan(text: str, expected: str, pure: bool) -> None:
    assert parse_problem(text, pure).format() == expected


@pytest.mark.parametrize("pure", PARSERS)
def test_not_yaml_names_the_place(pure: bool) -> None:
    problem = parse_problem("province: x\nindices: [a, b\nyear: 2024\n", pure)
    assert problem.file == "plan.yaml"
    assert problem.message.startswith("is not valid YAML: ")
    # Where the parser gave up, and where the unclosed list began.
    assert problem.message.endswith("(while parsing a flow sequence from line 2, column 10)")
    assert problem.line == 3


@pytest.mark.parametrize("pure", PARSERS)
def test_control_character(pure: bool) -> None:
    problem = parse_problem("a: 1\nb: x\x00y\n", pure)
    assert (
        problem.format()
        == "plan.yaml:2:5: error: is not valid YAML: the control character U+0000 is not allowed"
    )


def test_lone_surrogate_escape_is_refused_by_the_pure_parser_too() -> None:
    # libyaml refuses "\ud800" itself; the pure parser would hand it on, unwritable as UTF-8.
    problem = parse_problem('name: "\\ud800"\n', pure=True)
    assert problem.format() == (
        "plan.yaml:1:7: error: the text contains a lone surrogate escape, which is not a character"
    )
    assert parse_problem('name: "\\ud800"\n', pure=False).line == 1


@pytest.mark.parametrize("pure", PARSERS)
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 0x_\n", "plan.yaml:1:4: error: '0x_' cannot be read as an integer"),
        ("a: " + "9" * 5000 + "\n", "plan.yaml:1:4: error: '" + "9" * 40 + "…' cannot be read as an integer"),
        ("a: 2024-13-45\n", "plan.yaml:1:4: error: '2024-13-45' cannot be read as a date"),
    ],
)
def test_unreadable_values(text: str, expected: str, pure: bool) -> None:
    assert parse_problem(text, pure).format().startswith(expected)


@pytest.mark.parametrize("pure", PARSERS)
def test_numbers_are_exact_decimals(pure: bool) -> None:
    doc = parse_yaml("a: 9.2779\nb: 12.50\nc: 10\nd: 1_000.5\ne: .5\nf: 0.1\n", "plan.yaml", pure=pure)
    assert doc.data == {
        "a": Decimal("9.2779"),
        "b": Decimal("12.50"),
        "c": 10,
        "d": Decimal("1000.5"),
        "e": Decimal(".5"),
        "f": Decimal("0.1"),
    }
    assert str(doc.data["b"]) == "12.50"  # source precision, not 12.5


# --- hostile YAML ----------------------------------------------------------------------------


@pytest.mark.parametrize("pure", PARSERS)
@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system",
        "!!python/object/new:os.system",
        "!!python/name:os.system",
        "!!python/module:os",
    ],
)
def test_python_tags_never_construct_or_run(tag: str, pure: bool, tmp_path: Path) -> None:
    witness = tmp_path / "ran"
    text = f"province: {tag} [touch {witness}]\n"
    problem = parse_problem(text, pure)
    assert problem.line == 1
    assert problem.column == 11
    assert "is not allowed" in problem.message
    assert "python" in problem.message
    assert not witness.exists()
    # The same file through PyYAML's full loader would have run the command: the test means something.
    if tag.startswith("!!python/object/apply"):
        yaml.unsafe_load(text)
        assert witness.exists()


@pytest.mark.parametrize("pure", PARSERS)
@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/tuple [1, 2]\n",
        "a: !!binary aGVsbG8=\n",
        "a: !!set {x}\n",
        "a: !custom 1\n",
        "a: !!omap [{b: 1}]\n",
        "base: &b {x: 1}\nc:\n  <<: {x: 2}\n",
    ],
)
def test_other_tags_are_refused(text: str, pure: bool) -> None:
    problem = parse_problem(text, pure)
    assert "is not allowed" in problem.message
    assert problem.line is not None


def billion_laughs(levels: int = 9) -> str:
    lines = ['lol0: &lol0 "lol"']
    for n in range(1, levels + 1):
        lines.append(f"lol{n}: &lol{n} [" + ", ".join([f"*lol{n - 1}"] * 10) + "]")
    return "\n".join(lines) + "\n"


def refused_quickly(text: str, pure: bool) -> tuple[Problem, float, int]:
    tracemalloc.start()
    started = time.perf_counter()
    try:
        problem = parse_problem(text, pure)
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return problem, elapsed, peak


@pytest.mark.parametrize("pure", PARSERS)
def test_billion_laughs_is_refused_quickly_in_little_memory(pure: bool) -> None:
    problem, elapsed, peak = refused_quickly(billion_laughs(), pure)
    assert problem.format() == (
        "plan.yaml:2:14: error: aliases (*lol0) are refused: they can expand without bound ('billion laughs')"
    )
    assert elapsed < 0.5
    assert peak < 5_000_000


@pytest.mark.parametrize("pure", PARSERS)
@pytest.mark.parametrize(
    "text",
    [
        pytest.param("a: " + "[" * 100_000 + "]" * 100_000 + "\n", id="flow-list"),
        pytest.param("a: " + "[" * 100_000 + "\n", id="flow-unclosed"),
        pytest.param("a: " + "{b: " * 100_000 + "}" * 100_000 + "\n", id="flow-map"),
        pytest.param("a: " + "[{b: " * 50_000 + "\n", id="flow-mixed"),
        pytest.param("a:\n" + "- " * 100_000 + "x\n", id="block-list"),
        pytest.param(
            "".join("  " * n + f"k{n}:\n" for n in range(1000)) + "  " * 1000 + "x\n", id="block-map"
        ),
    ],
)
def test_deep_nesting_is_refused_quickly_in_little_memory(text: str, pure: bool) -> None:
    problem, elapsed, peak = refused_quickly(text, pure)
    assert "nesting" in problem.message
    assert problem.line is not None
    assert elapsed < 0.5
    assert peak < 20_000_000


@pytest.mark.parametrize("pure", PARSERS)
def test_nesting_up_to_the_cap_is_fine(pure: bool) -> None:
    depth = loading.MAX_DEPTH - 1  # the root mapping is one level
    doc = parse_yaml("a: " + "[" * depth + "]" * depth + "\n", "plan.yaml", pure=pure)
    assert isinstance(doc.data["a"], list)
    problem = parse_problem("a: " + "[" * (depth + 1) + "]" * (depth + 1) + "\n", pure)
    assert problem.message == f"nesting deeper than {loading.MAX_DEPTH} levels is refused"


@pytest.mark.parametrize("pure", PARSERS)
def test_too_many_values_are_refused(pure: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loading, "MAX_VALUES", 1000)
    problem = parse_problem("a: [" + "1, " * 2000 + "]\n", pure)
    assert problem.message == "more than 1,000 values is refused: far more than any plan"


@pytest.mark.parametrize("pure", PARSERS)
def test_too_long_value_is_refused(pure: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loading, "MAX_SCALAR", 100)
    problem = parse_problem("note: " + "x" * 101 + "\n", pure)
    assert problem.format() == "plan.yaml:1:7: error: a value longer than 100 characters is refused"


# --- validating: every error, at its place, in plain words -------------------------------------


def validate_text(text: str, model: type[Baseline] | type[Targets] | type[Criterion] = Baseline) -> list[str]:
    doc = parse_yaml(text, "plan.yaml")
    return [p.format() for p in problems_of(lambda: validate(doc, model))]


def edit(old: str, new: str, text: str = BASELINE) -> str:
    assert old in text
    return text.replace(old, new, 1)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "score: 9.2779",
            'score: "mười hai"',
            "plan.yaml:11:16: par.1: error: score: expected a number, got the text 'mười hai'",
        ),
        (
            "score: 9.2779",
            "score: 9,2779",
            "plan.yaml:11:16: par.1: error: score: expected a number, got the text '9,2779': "
            "write 9.2779 (point, no quotes)",
        ),
        (
            "score: 9.2779",
            "score: .nan",
            "plan.yaml:11:16: par.1: error: score: expected a finite number, got NaN or infinity",
        ),
        (
            "score: 9.2779",
            "score: -.inf",
            "plan.yaml:11:16: par.1: error: score: expected a finite number, got NaN or infinity",
        ),
        (
            "score: 9.2779",
            "score: true",
            "plan.yaml:11:16: par.1: error: score: expected a number, got a boolean",
        ),
        (
            "score: 9.2779",
            "score: 1.0e+999999999",
            "plan.yaml:11:16: par.1: error: score: the number 1.0E+999999999 is too large "
            "(at most 12 digits before the point)",
        ),
        (
            "score: 9.2779",
            "score: 0.1234567890123",
            "plan.yaml:11:16: par.1: error: score: "
            "the number 0.1234567890123 has more than 12 decimal places",
        ),
        (
            "rank: 39/63",
            "rank: 70/63",
            "plan.yaml:12:15: par.1: error: rank: "
            "expected a rank k/N such as 39/63 (1 <= k <= N), got '70/63'",
        ),
        (
            "rank: 39/63",
            "rank: 1/" + "9" * 5000,
            "plan.yaml:12:15: par.1: error: rank: rank '1/999999999999999999'… is too long to be k/N",
        ),
        (
            "rank: 39/63",
            "rank: 39 of 63",
            "plan.yaml:12:15: par.1: error: rank: "
            "expected a rank k/N such as 39/63 (1 <= k <= N), got '39 of 63'",
        ),
        (
            "name: Công tác chỉ đạo",
            "name: 12",
            "plan.yaml:9:15: par.1: error: name: expected text, got 12",
        ),
        (
            "        score: 9.2779",
            "        scroe: 9.2779",
            "plan.yaml:8:9: par.1: error: missing key 'score'",
        ),
        (
            "id: par.1",
            "id: Par 1",
            "plan.yaml:8:13: Par 1: error: id: expected an id such as par.2.impl "
            "(lower-case letters, digits, _ and dots), got 'Par 1'",
        ),
        (
            "year: 2024",
            "year: 2024.5",
            "plan.yaml:2:7: error: year: expected a whole number, got 2024.5",
        ),
        (
            "  - id: par\n",
            "  - id: par\n    unit: points!\n",
            "plan.yaml:5:11: par: error: unit: Input should be 'points' or 'percent'",
        ),
    ],
)
def test_one_mistake_one_message(old: str, new: str, expected: str) -> None:
    messages = validate_text(edit(old, new))
    assert expected in messages
    assert len(messages) <= 2  # a misspelt key is also an unknown key, nothing else


def test_unknown_key_points_at_the_key_and_suggests_the_right_one() -> None:
    messages = validate_text(edit("        score: 9.2779", "        scroe: 9.2779"))
    assert messages == [
        "plan.yaml:8:9: par.1: error: missing key 'score'",
        "plan.yaml:11:9: par.1: error: unknown key 'scroe' (did you mean 'score'?)",
    ]


def test_unknown_top_level_key_without_a_near_name() -> None:
    assert validate_text(BASELINE + "colour: blue\n") == ["plan.yaml:18:1: error: unknown key 'colour'"]


def test_several_errors_are_all_reported_in_file_order() -> None:
    text = BASELINE
    text = edit("score: 8.8974", "score: -.inf", text)
    text = edit("score: 9.2779", 'score: "mười hai"', text)
    text = edit("rank: 39/63", "rank: 70/63", text)
    text = edit("max: 10", "maxi: 10", text)
    assert validate_text(text) == [
        "plan.yaml:11:16: par.1: error: score: expected a number, got the text 'mười hai'",
        "plan.yaml:12:15: par.1: error: rank: expected a rank k/N such as 39/63 (1 <= k <= N), got '70/63'",
        "plan.yaml:13:9: par.2: error: missing key 'max'",
        "plan.yaml:15:9: par.2: error: unknown key 'maxi' (did you mean 'max'?)",
        "plan.yaml:16:16: par.2: error: score: expected a finite number, got NaN or infinity",
    ]


def test_no_cascade_of_empty_list_errors() -> None:
    # pydantic adds "at least 1 item" for each list whose items all failed: that is noise.
    messages = validate_text(edit("score: 9.2779", "score: x", edit("score: 8.8974", "score: y")))
    assert not any("at least" in m for m in messages)
    assert len(messages) == 2


def test_an_empty_list_where_one_item_is_needed() -> None:
    text = "province: Cao Bằng\nyear: 2024\nindices: []\n"
    assert validate_text(text) == ["plan.yaml:3:10: error: indices: must list at least one item"]


def test_list_or_scalar_where_a_mapping_belongs() -> None:
    text = "province: Cao Bằng\nyear: 2024\nindices:\n  - par\n  - [a]\n"
    assert validate_text(text) == [
        "plan.yaml:4:5: error: expected a mapping of keys, got 'par'",
        "plan.yaml:5:5: error: expected a mapping of keys, got a list",
    ]
    text = "province: Cao Bằng\nyear: 2024\nindices: {par: 1}\n"
    assert validate_text(text) == ["plan.yaml:3:10: error: indices: expected a list, got a mapping"]


def test_a_key_that_is_not_text() -> None:
    assert validate_text(BASELINE + "1: x\n") == ["plan.yaml:18:1: error: the key 1 must be text"]


def test_targets_errors_name_the_target_id() -> None:
    text = (
        "province: Cao Bằng\nyear: 2025\nbaseline_year: 2024\n"
        "targets:\n  - {id: par.1, increase: lots, target: 9.4}\n  - {id: par.2, comparison: '=>'}\n"
    )
    assert validate_text(text, Targets) == [
        "plan.yaml:5:27: par.1: error: increase: expected a number, got the text 'lots'",
        "plan.yaml:6:29: par.2: error: comparison: Input should be '>' or '>='",
    ]


def test_bundled_files_load() -> None:
    baseline, _ = load(bundled("baseline_2024.yaml"), Baseline)
    targets, _ = load(bundled("targets_2025.yaml"), Targets)
    assert baseline.province == targets.province == "Cao Bằng"


def test_locate_stops_where_the_data_ends() -> None:
    doc = parse_yaml(BASELINE, "plan.yaml")
    assert isinstance(doc, Document)
    assert doc.locate(["indices", 0, "criteria", 1, "score"]) == ((16, 16), "par.2")
    assert doc.locate(["indices", 0, "criteria", 1, "nothing"]) == ((13, 9), "par.2")
    assert doc.locate(["indices", 0, "criteria", 1, "score"], key=True) == ((16, 9), "par.2")
    assert doc.locate(["elsewhere"]) == ((1, 1), None)
