"""``parplan validate`` end to end: places in the YAML, summary, JSON shape, exit codes.

The YAML files are written here, so the expected line and column of every finding can be
read off the text below (lines count from 1 at ``province:``).
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from parplan.cli.main import app


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read parplan's messages in English (``--lang en``); Vietnamese is the default."""
    monkeypatch.setenv("PARPLAN_LANG", "en")


BASELINE = """\
province: Cao Bằng
year: 2024
indices:
  - id: par
    name: Chỉ số cải cách hành chính
    rank: 63/63
    criteria:
      - id: par.1
        name: Công tác chỉ đạo, điều hành cải cách hành chính
        max: 9.5
        score: 9.2779
        rank: 39/63
      - id: par.5
        name: Cải cách chế độ công vụ
        max: 15
        score: 12.0317
        rank: 50/63
        parts:
          - {id: par.5.impl, name: Điểm thực hiện, max: 6, score: 4.9813, rank: null}
          - {id: par.5.survey, name: Điều tra xã hội học, max: 9, score: 7.0504, rank: null}
"""

TARGETS = """\
province: Cao Bằng
year: 2025
baseline_year: 2024
targets:
  - id: par.1
    increase: 0.13
    comparison: ">"
    target: 9.40
  - {id: par.5, increase: 1.5187, comparison: ">", target: 13.55}
"""

LOOSE_TARGETS = TARGETS.replace("target: 13.55}", "target: 13.50}")
"""par.5 as the plan prints it: "> 13,50", looser than 12.0317 + 1.5187 = 13.5504."""

LOOSE_MESSAGE = (
    "target > 13.5 is below score 12.0317 + increase 1.5187 = 13.5504 (13.55 cut to two decimals): "
    "looser than planned"
)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def validate(tmp_path: Path, baseline: str, targets: str, *args: str, results: str | None = None) -> Result:
    argv = [
        "validate",
        "--baseline",
        str(write(tmp_path, "baseline.yaml", baseline)),
        "--targets",
        str(write(tmp_path, "targets.yaml", targets)),
    ]
    if results is not None:
        argv += ["--results", str(write(tmp_path, "results.yaml", results))]
    return CliRunner().invoke(app, [*argv, *args])


def test_a_valid_plan_prints_only_the_summary_and_exits_0(tmp_path: Path) -> None:
    result = validate(tmp_path, BASELINE, TARGETS)
    assert result.exit_code == 0, result.output
    assert result.stdout == "valid: 0 errors, 0 warnings\n"


def test_a_warning_names_file_line_column_and_id(tmp_path: Path) -> None:
    result = validate(tmp_path, BASELINE, LOOSE_TARGETS)
    assert result.exit_code == 0, result.output
    targets = tmp_path / "targets.yaml"
    # Line 9, the flow mapping of par.5; column 60 is where "13.50" starts.
    assert LOOSE_TARGETS.splitlines()[8][59:] == "13.50}"
    assert (
        result.stdout
        == f"{targets}:9:60: par.5: PP404 warning: {LOOSE_MESSAGE}\nvalid: 0 errors, 1 warning\n"
    )


def test_strict_turns_warnings_into_exit_1(tmp_path: Path) -> None:
    result = validate(tmp_path, BASELINE, LOOSE_TARGETS, "--strict")
    assert result.exit_code == 1
    assert result.stdout.endswith("valid: 0 errors, 1 warning\n")


def test_strict_without_warnings_exits_0(tmp_path: Path) -> None:
    assert validate(tmp_path, BASELINE, TARGETS, "--strict").exit_code == 0


def test_errors_exit_2_and_point_at_the_offending_values(tmp_path: Path) -> None:
    baseline = BASELINE.replace("max: 15", "max: 16").replace("score: 4.9813", "score: 6.5")
    targets = LOOSE_TARGETS.replace("target: 9.40", "target: 9.5")
    result = validate(tmp_path, baseline, targets)
    assert result.exit_code == 2
    b, t = tmp_path / "baseline.yaml", tmp_path / "targets.yaml"
    # Column 67 of line 19 is the "6.5" inside the flow mapping of par.5.impl (characters,
    # not bytes: "Điểm thực hiện" comes before it).
    assert baseline.splitlines()[18][66:].startswith("6.5, rank")
    assert result.stdout.splitlines() == [
        f"{b}:15:14: par.5: PP305 error: the parts' maxima sum to 15, not to max 16",
        f"{b}:16:16: par.5: PP401 warning: score 12.0317 differs from the sum of its parts 13.5504",
        f"{b}:19:67: par.5.impl: PP304 error: score 6.5 is above the maximum 6",
        f"{t}:8:13: par.1: PP315 error: target > 9.5 is unreachable: the maximum is 9.5",
        f"{t}:8:13: par.1: PP403 warning: target > 9.5 is above score 9.2779 + increase 0.13 = 9.4079 "
        "(9.40 cut to two decimals): unreachable by the planned increase",
        f"{t}:9:60: par.5: PP404 warning: {LOOSE_MESSAGE}",
        "invalid: 3 errors, 3 warnings",
    ]


def test_strict_does_not_soften_errors(tmp_path: Path) -> None:
    targets = TARGETS + "  - {id: par.9, target: 5}\n"
    result = validate(tmp_path, BASELINE, targets, "--strict")
    assert result.exit_code == 2
    assert result.stdout.splitlines() == [
        f"{tmp_path / 'targets.yaml'}:10:10: par.9: PP312 error: 'par.9' is not in the baseline",
        "invalid: 1 error, 0 warnings",
    ]


def test_a_duplicate_id_points_at_the_second_id(tmp_path: Path) -> None:
    baseline = BASELINE.replace("- id: par.5\n", "- id: par.1\n").replace("{id: par.5.", "{id: par.1.")
    targets = "province: Cao Bằng\nyear: 2025\nbaseline_year: 2024\n"
    result = validate(tmp_path, baseline, targets)
    assert result.exit_code == 2
    assert result.stdout.splitlines() == [
        f"{tmp_path / 'baseline.yaml'}:13:13: par.1: PP301 error: duplicate id 'par.1'",
        "invalid: 1 error, 0 warnings",
    ]


def test_an_unknown_key_is_an_error_at_its_place(tmp_path: Path) -> None:
    baseline = BASELINE.replace("score: 9.2779", "scroe: 9.2779")
    result = validate(tmp_path, baseline, TARGETS)
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    b = tmp_path / "baseline.yaml"
    # The misspelt key is shown where it is written, with the key it was meant to be. A
    # score may be left out (unknown), so the misspelling is the one error, not two.
    assert lines[:2] == [
        f"{b}:11:9: par.1: PP201 error: unknown key 'scroe' (did you mean 'score'?)",
        "invalid: 1 error, 0 warnings",
    ]
    assert lines[-1].startswith("invalid: ")


def test_type_errors_in_the_yaml_point_at_their_values(tmp_path: Path) -> None:
    baseline = (
        BASELINE.replace("year: 2024", 'year: "2024"')
        .replace("max: 9.5", "max: .inf")
        .replace("score: 9.2779", "score: .nan")
        .replace("max: 15", 'max: "15"')
        .replace("rank: 50/63", "rank: 0/63")
    )
    result = validate(tmp_path, baseline, TARGETS)
    assert result.exit_code == 2
    b = tmp_path / "baseline.yaml"
    lines = result.stdout.splitlines()
    # The wording of a model error belongs to the loader; its place and key are checked here.
    assert [
        line.split(" error: ")[0] + ": " + line.split(" error: ")[1].split(":")[0] for line in lines[:-1]
    ] == [
        f"{b}:2:7: PP204: year",
        f"{b}:10:14: par.1: PP206: max",
        f"{b}:11:16: par.1: PP206: score",
        f"{b}:15:14: par.5: PP205: max",
        f"{b}:17:15: par.5: PP208: rank",
    ]
    assert "finite" in lines[1]
    assert "finite" in lines[2]
    assert lines[-1] == "invalid: 5 errors, 0 warnings"


def test_json_has_the_documented_shape(tmp_path: Path) -> None:
    result = validate(tmp_path, BASELINE, LOOSE_TARGETS, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {
        "valid": True,
        "problems": [
            {
                "file": str(tmp_path / "targets.yaml"),
                "line": 9,
                "column": 60,
                "id": "par.5",
                "code": "PP404",
                "severity": "warning",
                "message": LOOSE_MESSAGE,
            }
        ],
    }


def test_json_of_an_invalid_plan(tmp_path: Path) -> None:
    baseline = BASELINE.replace("score: 7.0504", "score: -0.5")
    result = validate(
        tmp_path, baseline, "province: Cao Bằng\nyear: 2025\nbaseline_year: 2024\n", "--format", "json"
    )
    assert result.exit_code == 2
    document = json.loads(result.stdout)
    assert baseline.splitlines()[19][73:].startswith("-0.5, rank")
    assert document["valid"] is False
    assert document["problems"] == [
        {
            "file": str(tmp_path / "baseline.yaml"),
            "line": 16,
            "column": 16,
            "id": "par.5",
            "code": "PP401",
            "severity": "warning",
            "message": "score 12.0317 differs from the sum of its parts 4.4813",
        },
        {
            "file": str(tmp_path / "baseline.yaml"),
            "line": 20,
            "column": 74,
            "id": "par.5.survey",
            "code": "PP303",
            "severity": "error",
            "message": "score -0.5 is below 0",
        },
    ]


def test_json_of_a_valid_plan_has_no_problems(tmp_path: Path) -> None:
    result = validate(tmp_path, BASELINE, TARGETS, "--format", "json")
    assert result.exit_code == 0
    assert result.stdout == '{\n  "valid": true,\n  "problems": []\n}\n'


def test_json_numbers_are_json_numbers_without_float_noise(tmp_path: Path) -> None:
    result = validate(tmp_path, BASELINE, LOOSE_TARGETS, "--format", "json")
    problem = json.loads(result.stdout, parse_float=Decimal)["problems"][0]
    assert isinstance(problem["line"], int)
    assert isinstance(problem["column"], int)
    assert '"line": 9,' in result.stdout
    # 12.0317 + 1.5187 in binary floats is 13.550400000000002.
    assert "13.5504 " in problem["message"]
    assert "0000" not in result.stdout


def test_results_are_validated_with_the_plan(tmp_path: Path) -> None:
    results = BASELINE.replace("year: 2024", "year: 2025").replace("score: 9.2779", "score: 9.45")
    result = validate(tmp_path, BASELINE, TARGETS, results=results)
    assert result.exit_code == 0, result.output
    assert result.stdout == "valid: 0 errors, 0 warnings\n"


def test_bad_results_are_errors_in_the_results_file(tmp_path: Path) -> None:
    results = BASELINE.replace("score: 9.2779", "score: 9.9")
    result = validate(tmp_path, BASELINE, TARGETS, "--format", "json", results=results)
    assert result.exit_code == 2
    r = str(tmp_path / "results.yaml")
    # Problems come in file order: the year (line 2) before the score (line 11).
    assert json.loads(result.stdout)["problems"] == [
        {
            "file": r,
            "line": 2,
            "column": 7,
            "id": None,
            "code": "PP317",
            "severity": "error",
            "message": "results for 2024, but the targets are for 2025",
        },
        {
            "file": r,
            "line": 11,
            "column": 16,
            "id": "par.1",
            "code": "PP304",
            "severity": "error",
            "message": "score 9.9 is above the maximum 9.5",
        },
    ]


# --- the bundled plan ---------------------------------------------------------------------------


def test_the_bundled_plan_is_valid_with_its_three_warnings() -> None:
    result = CliRunner().invoke(app, ["validate"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 4
    assert [line.split(": ", 1)[1] for line in lines[:3]] == [
        f"par.5: PP404 warning: {LOOSE_MESSAGE}",
        "par.8: PP404 warning: target > 12.12 is below score 9.8268 + increase 3 = 12.8268 "
        "(12.82 cut to two decimals): looser than planned",
        "papi.3: PP404 warning: target > 4.61 is below score 4.21 + increase 1.4 = 5.61: looser than planned",
    ]
    for line, place in zip(lines[:3], (":98:60", ":110:13", ":121:13"), strict=True):
        assert line.split(": ", 1)[0].endswith("targets_2025.yaml" + place)
    assert lines[3] == "valid: 0 errors, 3 warnings"


@pytest.mark.parametrize(("args", "code"), [([], 0), (["--strict"], 1)])
def test_the_bundled_plan_under_strict(args: list[str], code: int) -> None:
    assert CliRunner().invoke(app, ["validate", *args]).exit_code == code


def test_the_bundled_plan_as_json() -> None:
    result = CliRunner().invoke(app, ["validate", "--format", "json"])
    document = json.loads(result.stdout)
    assert document["valid"] is True
    assert [(p["id"], p["severity"], p["line"], p["column"]) for p in document["problems"]] == [
        ("par.5", "warning", 98, 60),
        ("par.8", "warning", 110, 13),
        ("papi.3", "warning", 121, 13),
    ]
    assert set(document["problems"][0]) == {"file", "line", "column", "id", "code", "severity", "message"}


def test_json_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "problems.json"
    result = validate(tmp_path, BASELINE, LOOSE_TARGETS, "--output", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert json.loads(out.read_text("utf-8"))["problems"][0]["message"] == LOOSE_MESSAGE
