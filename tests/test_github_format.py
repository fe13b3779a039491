"""``--format github``: GitHub Actions workflow commands, escaped as GitHub's toolkit escapes them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from parplan.cli.main import app
from parplan.core import api
from parplan.render import render
from parplan.render.github import github_data, github_line, github_property, render_github
from parplan.report.annotate import check_annotations
from parplan.vocab.document import Annotation, Options, OutputFormat, Tables, UnsupportedFormat
from small_plan import write_plan


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read parplan's messages in English (``--lang en``); Vietnamese is the default."""
    monkeypatch.setenv("PARPLAN_LANG", "en")


runner = CliRunner()
PLAN = ["--baseline", "baseline.yaml", "--targets", "targets.yaml"]


def test_message_escapes_percent_and_line_breaks_only() -> None:
    assert github_data("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext: a, b"


def test_property_escapes_colon_and_comma_too() -> None:
    assert github_property("C:/plans,v2/50%.yaml\n") == "C%3A/plans%2Cv2/50%25.yaml%0A"


def test_percent_is_escaped_first_so_escapes_are_not_escaped_twice() -> None:
    assert github_data("%0A") == "%250A"


def test_line_with_file_line_and_column() -> None:
    annotation = Annotation("error", "par.1: bad", "plans/a.yaml", 12, 9)
    assert github_line(annotation) == "::error file=plans/a.yaml,line=12,col=9::par.1: bad"


def test_line_without_a_place_in_the_file() -> None:
    assert (
        github_line(Annotation("warning", "no such file", "a.yaml")) == "::warning file=a.yaml::no such file"
    )
    assert github_line(Annotation("notice", "3 met")) == "::notice::3 met"


def test_line_without_a_column() -> None:
    assert github_line(Annotation("error", "m", "a.yaml", 3)) == "::error file=a.yaml,line=3::m"


def test_report_without_annotations_is_refused() -> None:
    with pytest.raises(UnsupportedFormat, match="no findings to annotate"):
        render_github(Tables("gap", ()))


def test_render_dispatches_github_and_adds_the_summary_as_a_notice() -> None:
    report = Tables("check", (), summary="1 met", annotations=(Annotation("error", "x", "r.yaml", 1, 2),))
    text = render(report, OutputFormat.GITHUB, Options())
    assert text == "::error file=r.yaml,line=1,col=2::x\n::notice::parplan check: 1 met\n"


def test_validate_places_each_warning_on_its_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_plan(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["validate", *PLAN, "-f", "github"])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "::warning file=targets.yaml,line=5,col=57,title=PP403::par.1: target > 9.5 is above"
        " score 8.5 + increase 0.5 = 9: unreachable by the planned increase\n"
        "::warning file=targets.yaml,line=6,col=40,title=PP404::par.2: target >= 9.2 is below"
        " score 9 + increase 0.5 = 9.5: looser than planned\n"
        "::notice::parplan validate: valid: 0 errors, 2 warnings\n"
    )


def test_validate_errors_are_escaped_and_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "plans,2025:v2"
    _, targets, _ = write_plan(folder)
    targets.write_text(targets.read_text(encoding="utf-8") + "50%: x\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(
        app,
        [
            "validate",
            "--baseline",
            "plans,2025:v2/baseline.yaml",
            "--targets",
            "plans,2025:v2/targets.yaml",
            "-f",
            "github",
        ],
    )
    assert result.exit_code == 2, result.output
    assert result.stdout == (
        "::error file=plans%2C2025%3Av2/targets.yaml,line=8,col=1,title=PP201::unknown key '50%25'\n"
        "::notice::parplan validate: invalid: 1 error, 0 warnings\n"
    )


def test_validate_missing_file_has_no_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_plan(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(
        app, ["validate", "--baseline", "nowhere.yaml", "--targets", "targets.yaml", "-f", "github"]
    )
    assert result.exit_code == 2
    assert result.stdout.splitlines()[0] == "::error file=nowhere.yaml,title=PP101::no such file"


@pytest.mark.parametrize("output_format", ["text", "markdown", "json", "csv"])
def test_check_places_findings_in_files_only_for_github(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, output_format: str
) -> None:
    """Placing a finding parses a file again for its positions: other formats never pay it."""
    write_plan(tmp_path)
    monkeypatch.chdir(tmp_path)
    calls: list[object] = []

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return check_annotations(*args, **kwargs)

    monkeypatch.setattr(api, "check_annotations", counting)
    args = ["check", *PLAN, "--results", "results.yaml"]
    assert runner.invoke(app, [*args, "--format", output_format]).exit_code == 1
    assert calls == []
    assert runner.invoke(app, [*args, "--format", "github"]).exit_code == 1
    assert len(calls) == 1


def test_check_marks_the_missed_result_and_the_missing_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_plan(tmp_path)
    monkeypatch.chdir(tmp_path)
    args = ["check", "--baseline", "baseline.yaml", "--targets", "targets.yaml", "--results", "results.yaml"]
    result = runner.invoke(app, [*args, "--format", "github"])
    assert result.exit_code == 1, result.output
    assert result.stdout == (
        "::error file=results.yaml,line=17,col=16::par.2: target >= 9.2 missed: result 9.1\n"
        "::warning file=results.yaml,line=24,col=12::kpi.on_time: target >= 98 has no result to check\n"
        "::notice::parplan check: 1 met, 1 missed, 1 no-data\n"
    )
    strict = runner.invoke(app, [*args, "--format", "github", "--require-all"])
    assert strict.exit_code == 1
    assert strict.stdout.splitlines()[1] == (
        "::error file=results.yaml,line=24,col=12::kpi.on_time: target >= 98 has no result to check"
    )


def test_check_places_a_target_missing_from_the_results_in_the_targets_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:

    _, _, results = write_plan(tmp_path)
    text = results.read_text(encoding="utf-8")
    results.write_text(text[: text.index("indicators:")], encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    args = ["check", "--baseline", "baseline.yaml", "--targets", "targets.yaml", "--results", "results.yaml"]
    result = runner.invoke(app, [*args, "-f", "github"])
    assert result.stdout.splitlines()[1] == (
        "::warning file=targets.yaml,line=7,col=31::kpi.on_time: target >= 98 has no result to check"
    )


@pytest.mark.parametrize("command", ["gap", "rank"])
def test_commands_without_findings_refuse_github(command: str) -> None:
    result = runner.invoke(app, [command, "--format", "github"])
    assert result.exit_code == 2
    assert (
        f"{command} cannot write github; choose one of table, text, markdown, csv, json, xlsx"
        in result.stderr
    )
    assert result.stdout == ""


def test_check_annotates_a_broken_results_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, _, results = write_plan(tmp_path)
    results.write_text(
        results.read_text(encoding="utf-8").replace("score: 9.6", "score: 19.6"), encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    args = ["check", *PLAN, "--results", "results.yaml", "--format", "github"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert (
        result.stdout
        == "::error file=results.yaml,line=12,col=16,title=PP304::par.1: score 19.6 is above the maximum 10\n"
    )
    assert "results.yaml:12:16: par.1: PP304 error: score 19.6 is above the maximum 10" in result.stderr
