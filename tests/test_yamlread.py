"""Reading YAML: every unusable file is an InputError with its code and place, quickly, and
nothing in it runs; what is read is plain data, exact, with the position of every value."""

from __future__ import annotations

import os
import time
import tracemalloc
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from builders import SMALL_BASELINE, problems_of
from parplan.reading import yamlread
from parplan.reading.yamlread import Parsed, parse_yaml, read_text
from parplan.vocab.problems import Msg, Problem

# Both parsers where libyaml exists: the pure-Python one is the fallback and must be as safe.
PARSERS = [pytest.param(False, id="libyaml"), pytest.param(True, id="pure")]

BASELINE = SMALL_BASELINE


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
    assert problem.format() == "nope.yaml: PP101 error: no such file"


def test_directory(tmp_path: Path) -> None:
    problem = one_problem(lambda: read_text(tmp_path, "plans"))
    assert problem.format() == "plans: PP104 error: is a directory, not a YAML file"


def test_permission_denied_through_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Root reads a chmod-000 file, so the refusal is simulated where the file is opened."""
    path = tmp_path / "plan.yaml"
    path.write_text(BASELINE, encoding="utf-8")

    def refuse(self: Path, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)
    problem = one_problem(lambda: read_text(path, "plan.yaml"))
    assert problem.format() == "plan.yaml: PP102 error: permission denied"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads a chmod-000 file anyway")
def test_permission_denied_for_real(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(BASELINE, encoding="utf-8")
    path.chmod(0)
    try:
        problem = one_problem(lambda: read_text(path, "plan.yaml"))
    finally:
        path.chmod(0o600)
    assert problem.code == "PP102"
    assert problem.text() == "permission denied"


def test_other_os_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: Path, *args: Any, **kwargs: Any) -> Any:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(Path, "open", broken)
    problem = one_problem(lambda: read_text(tmp_path / "plan.yaml", "plan.yaml"))
    assert problem.format() == "plan.yaml: PP103 error: cannot be read: Input/output error"


def test_invalid_utf8_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(b"province: Cao B\xe1ng\nyear: 2024\n")  # Latin-1, not UTF-8
    problem = one_problem(lambda: read_text(path, "plan.yaml"))
    assert problem.format() == "plan.yaml:1:16: PP106 error: is not valid UTF-8 (byte 0xe1)"


def test_invalid_utf8_on_a_later_line(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(b"a: 1\nb: \xff\n")
    assert place(one_problem(lambda: read_text(path, "plan.yaml"))) == (2, 4)


def test_too_large_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlread, "MAX_BYTES", 1024 * 1024)
    path = tmp_path / "plan.yaml"
    path.write_bytes(b"a: 1\n" * 300_000)
    problem = one_problem(lambda: read_text(path, "plan.yaml"))
    assert problem.format() == "plan.yaml: PP105 error: is larger than 1 MiB"


# --- parsing: what is not a plan ----------------------------------------------------------


@pytest.mark.parametrize("pure", PARSERS)
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "plan.yaml: PP130 error: is empty: expected a mapping of keys"),
        ("# only a comment\n", "plan.yaml: PP130 error: is empty: expected a mapping of keys"),
        ("~\n", "plan.yaml: PP130 error: is empty: expected a mapping of keys"),
        ("- par\n- papi\n", "plan.yaml:1:1: PP131 error: must be a mapping of keys, not a list"),
        ("just text\n", "plan.yaml:1:1: PP131 error: must be a mapping of keys, not a single value"),
        ("a: 1\n---\nb: 2\n", "plan.yaml:2:1: PP125 error: expected one YAML document, found several"),
        ("a: 1\nb: 2\na: 3\n", "plan.yaml:3:1: PP126 error: duplicate key 'a'"),
        ("? [a]\n: 1\n", "plan.yaml:1:3: PP127 error: a mapping or list cannot be used as a key"),
    ],
)
def test_not_a_plan(text: str, expected: str, pure: bool) -> None:
    problem = parse_problem(text, pure)
    assert problem.format() == expected
    assert f": {problem.code} error: " in expected  # the code is the problem's own, not only printed


@pytest.mark.parametrize("pure", PARSERS)
def test_not_yaml_names_the_place(pure: bool) -> None:
    problem = parse_problem("province: x\nindices: [a, b\nyear: 2024\n", pure)
    assert problem.file == "plan.yaml"
    assert problem.code == "PP110"
    assert problem.text().startswith("is not valid YAML: ")
    # Where the parser gave up, and where the unclosed list began.
    assert problem.text().endswith("(while parsing a flow sequence from line 2, column 10)")
    assert problem.line == 3


@pytest.mark.parametrize("pure", PARSERS)
def test_control_character(pure: bool) -> None:
    problem = parse_problem("a: 1\nb: x\x00y\n", pure)
    assert problem.code == "PP111"
    assert (
        problem.format()
        == "plan.yaml:2:5: PP111 error: is not valid YAML: the control character U+0000 is not allowed"
    )


def test_lone_surrogate_escape_is_refused_by_the_pure_parser_too() -> None:
    # libyaml refuses "\ud800" itself; the pure parser would hand it on, unwritable as UTF-8.
    problem = parse_problem('name: "\\ud800"\n', pure=True)
    assert problem.format() == (
        "plan.yaml:1:7: PP128 error: the text contains a lone surrogate escape, which is not a character"
    )
    assert parse_problem('name: "\\ud800"\n', pure=False).line == 1


@pytest.mark.parametrize("pure", PARSERS)
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: !!int 0x_\n", "plan.yaml:1:4: PP129 error: '0x_' cannot be read as an integer"),
        ("a: 0x_\n", "plan.yaml:1:4: PP132 error: '0x_' is not written in plain decimals: write digits"),
        (
            "a: " + "9" * 5000 + "\n",
            "plan.yaml:1:4: PP129 error: '" + "9" * 40 + "…' cannot be read as an integer",
        ),
        ("a: 2024-13-45\n", "plan.yaml:1:4: PP129 error: '2024-13-45' cannot be read as a date"),
    ],
)
def test_unreadable_values(text: str, expected: str, pure: bool) -> None:
    problem = parse_problem(text, pure)
    assert problem.code == expected.split(": ")[1].split(maxsplit=1)[0]
    assert problem.format().startswith(expected)


@pytest.mark.parametrize("pure", PARSERS)
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: !!bool maybe\n", "plan.yaml:1:4: PP129 error: 'maybe' cannot be read as bool (not yes/no, "),
        ("a: !!timestamp soon\n", "plan.yaml:1:4: PP129 error: 'soon' cannot be read as a date (not of "),
        ("a: !!int x1\n", "plan.yaml:1:4: PP129 error: 'x1' cannot be read as an integer (invalid literal"),
    ],
)
def test_explicit_tags_on_text_they_cannot_read(text: str, expected: str, pure: bool) -> None:
    """PyYAML's own constructors fail on these with a KeyError or an AttributeError."""
    assert parse_problem(text, pure).format().startswith(expected)


@pytest.mark.parametrize("pure", PARSERS)
@pytest.mark.parametrize(
    ("text", "expected"), [("a:\n  <<: {x: 2}\n", {"a": {"<<": {"x": 2}}}), ("a: =\n", {"a": "="})]
)
def test_plain_value_and_merge_keys_are_text(text: str, expected: object, pure: bool) -> None:
    """YAML 1.1 gives ``=`` and ``<<`` tags of their own; in a plan they are only what was written."""
    assert parse_yaml(text, "plan.yaml", pure=pure).data == expected


@pytest.mark.parametrize("pure", PARSERS)
def test_numbers_are_exact_decimals(pure: bool) -> None:
    doc = parse_yaml("a: 9.2779\nb: 12.50\nc: 10\nd: -0.5\nf: 0.1\n", "plan.yaml", pure=pure)
    assert doc.data == {
        "a": Decimal("9.2779"),
        "b": Decimal("12.50"),
        "c": 10,
        "d": Decimal("-0.5"),
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
    assert problem.code == "PP120"
    assert problem.line == 1
    assert problem.column == 11
    assert "is not allowed" in problem.text()
    assert "python" in problem.text()
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
    ],
)
def test_other_tags_are_refused(text: str, pure: bool) -> None:
    problem = parse_problem(text, pure)
    assert problem.code == "PP120"
    assert "is not allowed" in problem.text()
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
    assert problem.code == "PP121"
    assert problem.format() == (
        "plan.yaml:2:14: PP121 error: "
        "aliases (*lol0) are refused: they can expand without bound ('billion laughs')"
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
    assert problem.code == "PP122"
    assert "nesting" in problem.text()
    assert problem.line is not None
    assert elapsed < 0.5
    assert peak < 20_000_000


@pytest.mark.parametrize("pure", PARSERS)
def test_nesting_up_to_the_cap_is_fine(pure: bool) -> None:
    depth = yamlread.MAX_DEPTH - 1  # the root mapping is one level
    doc = parse_yaml("a: " + "[" * depth + "]" * depth + "\n", "plan.yaml", pure=pure)
    assert isinstance(doc.data["a"], list)
    problem = parse_problem("a: " + "[" * (depth + 1) + "]" * (depth + 1) + "\n", pure)
    assert problem.code == "PP122"
    assert problem.text() == f"nesting deeper than {yamlread.MAX_DEPTH} levels is refused"


@pytest.mark.parametrize("pure", PARSERS)
def test_too_many_values_are_refused(pure: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlread, "MAX_VALUES", 1000)
    problem = parse_problem("a: [" + "1, " * 2000 + "]\n", pure)
    assert problem.code == "PP123"
    assert problem.text() == "more than 1,000 values is refused: far more than any plan"


@pytest.mark.parametrize("pure", PARSERS)
def test_too_long_value_is_refused(pure: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlread, "MAX_SCALAR", 100)
    problem = parse_problem("note: " + "x" * 101 + "\n", pure)
    assert problem.format() == "plan.yaml:1:7: PP124 error: a value longer than 100 characters is refused"


def test_locate_stops_where_the_data_ends() -> None:
    doc = parse_yaml(BASELINE, "plan.yaml")
    assert isinstance(doc, Parsed)
    assert doc.locate(["indices", 0, "criteria", 1, "score"]) == ((16, 16), "par.2")
    assert doc.locate(["indices", 0, "criteria", 1, "nothing"]) == ((13, 9), "par.2")
    assert doc.locate(["indices", 0, "criteria", 1, "score"], key=True) == ((16, 9), "par.2")
    assert doc.locate(["elsewhere"]) == ((1, 1), None)


def test_reading_keeps_the_text_and_drops_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + BASELINE.replace("\n", "\r\n").encode("utf-8"))
    text = read_text(path, "plan.yaml")
    assert text.startswith("province: Cao Bằng\r\n")
    doc = parse_yaml(text, "plan.yaml")
    assert doc.locate(["indices", 0, "criteria", 1, "score"]) == ((16, 16), "par.2")


def test_a_problem_is_placed_by_its_path_with_its_code() -> None:
    doc = parse_yaml(BASELINE, "plan.yaml", positions=False)
    problem = doc.problem(["indices", 0, "criteria", 0, "rank"], "PP208", Msg("rank", {"value": "'70/63'"}))
    assert problem.format() == (
        "plan.yaml:12:15: par.1: PP208 error: expected a rank k/N such as 39/63 (1 <= k <= N), got '70/63'"
    )
    on_key = doc.problem(
        ["indices", 0, "criteria", 0, "rank"],
        "PP201",
        Msg("unknown-key", {"key": "'rank'", "hint": Msg("blank")}),
        key=True,
    )
    assert place(on_key) == (12, 9)


def test_problems_read_in_vietnamese_too() -> None:
    problem = parse_problem("a: 1\nb: 2\na: 3\n", pure=False)
    assert problem.format("vi") == "plan.yaml:3:1: PP126 lỗi: khóa 'a' bị trùng"
    empty = parse_problem("", pure=False)
    assert empty.text("vi") == "rỗng: cần một ánh xạ các khóa"


def test_the_default_parser_is_named() -> None:
    expected = "libyaml" if hasattr(yaml, "CSafeLoader") else "pure Python"
    assert expected == yamlread.PARSER_NAME


# --- positions read only as far as the problems need ---------------------------------------------


def _flood(items: int) -> str:
    return "head: 1\nitems:\n" + "".join(f"  - x{n}\n" for n in range(items)) + "tail: last\n"


def test_prepared_positions_stop_once_the_paths_are_read() -> None:
    parsed = parse_yaml(_flood(100_000), "f.yaml", positions=False)
    parsed.prepare([("items", 3), ("items", 7)])
    assert parsed.locate(["items", 3])[0] == (6, 5)
    assert parsed.locate(["items", 7])[0] == (10, 5)
    # The positions parse stopped early: far fewer than the 100,000 items were read again.
    assert len(parsed.located["items"]) < 50_000


def test_a_prepared_path_after_a_large_list_is_still_found() -> None:
    parsed = parse_yaml(_flood(60_000), "f.yaml", positions=False)
    parsed.prepare([("items", 0), ("tail",)])
    assert parsed.locate(["tail"])[0] == (60_003, 7)
    assert parsed.locate(["items", 0])[0] == (3, 5)


def test_without_prepare_the_whole_file_is_read_for_positions() -> None:
    parsed = parse_yaml(_flood(30_000), "f.yaml", positions=False)
    assert parsed.locate(["items", 29_999])[0] == (30_002, 5)
    assert len(parsed.located["items"]) == 30_000


def test_a_path_beyond_a_stopped_read_reads_the_whole_file() -> None:
    parsed = parse_yaml(_flood(100_000), "f.yaml", positions=False)
    parsed.prepare([("items", 1)])
    assert parsed.locate(["items", 1])[0] == (4, 5)
    assert parsed.text is not None  # stopped early: the text is kept for what was not read
    assert parsed.locate(["tail"])[0] == (100_003, 7)  # not announced: the whole file is read
    assert parsed.text is None
