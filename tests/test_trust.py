"""No silent wrong number: the classes of hostile input that once passed, each refused or said.

Each test is a class from the trust issue; the cases are examples of it, through the real
command line (``CliRunner``) so that the place, the code and the exit code are all checked.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parplan.analysis.gaps import sum_known
from parplan.cli.main import app
from parplan.reading.loading import DEFAULT_BASELINE, DEFAULT_TARGETS, bundled

runner = CliRunner()
BASELINE = bundled(DEFAULT_BASELINE).read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARPLAN_LANG", "en")


def validate(tmp_path: Path, baseline: str, *args: str) -> tuple[int, str]:
    path = tmp_path / "b.yaml"
    path.write_text(baseline, encoding="utf-8")
    result = runner.invoke(app, ["validate", "--baseline", str(path), *args])
    return result.exit_code, result.stdout


@pytest.mark.parametrize(
    ("written", "read"),
    [("012", "10"), ("17:52", "1072"), ("0xD", "13"), ("1_000", "1000"), ("1.5e+1", "15"), (".5", "0.5")],
)
def test_yaml_1_1_numbers_are_refused_with_what_they_would_have_been(
    tmp_path: Path, written: str, read: str
) -> None:
    code, out = validate(tmp_path, BASELINE.replace("score: 9.2779", f"score: {written}", 1))
    assert code == 2
    expected = f"b.yaml:23:16: par.1: PP132 error: '{written}' is not written in plain decimals"
    assert f"{expected} (YAML 1.1 would read it as {read})" in out


def test_a_year_in_hex_is_refused(tmp_path: Path) -> None:
    code, out = validate(tmp_path, BASELINE.replace("year: 2024", "year: 0x7E8", 1))
    assert code == 2
    assert "b.yaml:7:7: PP132 error: '0x7E8'" in out


@pytest.mark.parametrize("char", ["\x85", "\u2028", "\u2029"])
def test_a_line_break_editors_do_not_show_is_refused_where_the_editor_shows_it(
    tmp_path: Path, char: str
) -> None:
    # In a comment: YAML would make the rest of the line data.
    code, out = validate(
        tmp_path, BASELINE.replace("province: Cao Bằng", f"province: Cao Bằng # x{char}year: 1999", 1)
    )
    assert code == 2
    assert f"b.yaml:6:23: PP111 error: the character U+{ord(char):04X}" in out


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\x1b[31mred", "U+001B"),
        ("a\x7fb", "U+007F"),
        ("a\u202eb", "U+202E"),
        ("a\tb", "U+0009"),
        ("a\x9bb", "U+009B"),
    ],
)
def test_control_and_bidi_characters_in_a_name_are_refused_with_their_place(
    tmp_path: Path, text: str, shown: str
) -> None:
    quoted = json.dumps(text)  # a YAML double-quoted scalar with escapes
    code, out = validate(
        tmp_path,
        BASELINE.replace("name: Công tác chỉ đạo, điều hành cải cách hành chính", f"name: {quoted}", 1),
    )
    assert code == 2
    assert "PP212 error: name: the text contains the control character " + shown in out
    assert "\x1b" not in out  # never reaches the terminal raw


def test_a_rank_with_a_trailing_line_break_is_refused(tmp_path: Path) -> None:
    code, out = validate(tmp_path, BASELINE.replace("rank: 39/63", 'rank: "39/63\\n"', 1))
    assert code == 2
    assert "PP208 error: rank: expected a rank k/N" in out


def test_sums_stay_exact_at_the_largest_numbers_the_models_accept() -> None:
    value = Decimal("999999999.999999999999")  # 9 digits before the point, 12 after
    total = sum_known([value] * 10_001)
    assert total == value * 10_001
    assert str(total) == "10000999999999.999999989999"


def test_a_results_file_that_changes_a_maximum_is_said_by_check(tmp_path: Path) -> None:
    results = tmp_path / "r.yaml"
    results.write_text(
        BASELINE.replace("year: 2024", "year: 2025", 1).replace(
            "max: 9.5\n        score: 9.2779", "max: 10\n        score: 9.6", 1
        ),
        encoding="utf-8",
    )
    assert "max: 10\n        score: 9.6" in results.read_text(encoding="utf-8")
    result = runner.invoke(app, ["check", "--results", str(results)])
    assert "PP462 warning: max 10 differs from the baseline's 9.5" in result.stderr


# --- validate --ignore ------------------------------------------------------------------------


def test_ignore_leaves_a_warning_code_out_also_under_strict() -> None:
    strict = runner.invoke(app, ["validate", "--strict"])
    assert strict.exit_code == 1
    ignored = runner.invoke(app, ["validate", "--strict", "--ignore", "PP404"])
    assert ignored.exit_code == 0, ignored.output
    assert ignored.stdout == "valid: 0 errors, 0 warnings\n"
    lower = runner.invoke(app, ["validate", "--strict", "--ignore", "pp404", "--format", "json"])
    assert json.loads(lower.stdout) == {"valid": True, "problems": []}


def test_ignore_refuses_an_error_code_and_an_unknown_one() -> None:
    graver = runner.invoke(app, ["validate", "--ignore", "PP304"])
    assert graver.exit_code == 2
    assert "PP304 is an error: only warnings can be ignored" in graver.stderr
    unknown = runner.invoke(app, ["validate", "--ignore", "PP999"])
    assert unknown.exit_code == 2
    assert "no rule PP999; docs/errors.md lists the codes" in unknown.stderr


def test_json_problems_carry_their_code() -> None:
    result = runner.invoke(app, ["validate", "--format", "json"])
    codes = [problem["code"] for problem in json.loads(result.stdout)["problems"]]
    assert codes == ["PP404", "PP404", "PP404"]


def test_the_bundled_targets_are_untouched_by_all_this() -> None:
    assert "improve" in bundled(DEFAULT_TARGETS).read_text(encoding="utf-8")


def test_the_parsers_own_words_are_vietnamese_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PARPLAN_LANG")
    path = tmp_path / "b.yaml"
    path.write_text("province: X\nyear: 2024\nindices: [{id: par, name: P\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", "--baseline", str(path)])
    assert result.exit_code == 2
    assert (
        "b.yaml:4:1: PP110 lỗi: không phải YAML hợp lệ: không thấy dấu ',' hoặc '}' như mong đợi "
        "(khi đọc ánh xạ { } từ dòng 3, cột 11)"
    ) in result.stdout
