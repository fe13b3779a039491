"""One core: the Python API gives the command's bytes, its verdict and its refusals.

Each test runs a command and the Python calls the README shows, and compares them byte for
byte (stdout against ``render``), exit code against ``failed``, stderr against ``notes``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import parplan
from parplan.cli.main import app
from parplan.core.api import UnknownColumns, ignored_codes, import_workbook
from parplan.core.commands import plan_texts
from parplan.core.output import UsageProblem
from parplan.reading.loading import DEFAULT_BASELINE, bundled
from small_plan import write_plan

runner = CliRunner()


def command(*args: str) -> tuple[int, bytes, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout_bytes, result.stderr


def as_bytes(rendered: str | bytes) -> bytes:
    return rendered.encode("utf-8") if isinstance(rendered, str) else rendered


@pytest.mark.parametrize("fmt", ["text", "markdown", "csv", "json", "html"])
def test_gap_from_python_is_the_command_byte_for_byte(fmt: str) -> None:
    code, out, _ = command("gap", "--index", "papi", "--format", fmt)
    assert code == 0
    assert as_bytes(parplan.load_plan().gaps(index=["papi"]).render(fmt)) == out


def test_default_columns_are_compact_for_people_and_all_for_programs() -> None:
    table = parplan.load_plan().gaps(index=["par"])
    assert len(table.columns) == 26  # the JSON output's: every column
    text = as_bytes(table.render("text")).decode("utf-8")
    assert "best" not in text.splitlines()[2]
    _, out, _ = command("gap", "--index", "par", "--columns", "id,score", "--format", "csv")
    assert as_bytes(parplan.load_plan().gaps(index=["par"], columns="id,score").render("csv")) == out
    assert out.decode("utf-8").splitlines()[0] == "id,score"


def test_rank_and_trend_from_python_are_the_commands() -> None:
    plan = parplan.load_plan()
    _, out, _ = command("rank", "--by", "increase", "--top", "2", "--format", "markdown", "--lang", "en")
    assert as_bytes(plan.rank("increase", top=2, lang="en").render("markdown")) == out
    _, out, _ = command("trend", "--index", "papi", "--format", "csv", "--decimal-comma")
    assert as_bytes(plan.trend(index=["papi"]).render("csv", decimal_comma=True)) == out


@pytest.mark.parametrize("require_all", [False, True])
@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_check_from_python_is_the_command_exit_rule_included(
    tmp_path: Path, fmt: str, require_all: bool
) -> None:
    baseline, targets, results = write_plan(tmp_path)
    args = ["check", "--baseline", str(baseline), "--targets", str(targets), "--results", str(results)]
    code, out, _ = command(*args, "--format", fmt, *(["--require-all"] if require_all else []))
    table = parplan.load_plan(baseline, targets, results).check(require_all=require_all)
    assert as_bytes(table.render(fmt)) == out
    assert table.failed is True  # the small plan misses one target
    assert code == 1


@pytest.mark.parametrize(
    ("index", "require_all", "failed"),
    [("par", False, True), ("kpi", False, False), ("kpi", True, True)],
)
def test_checks_verdict_is_the_commands_exit_code(
    tmp_path: Path, index: str, require_all: bool, failed: bool
) -> None:
    """par misses a target; kpi has no data: a failure only under --require-all."""
    baseline, targets, results = write_plan(tmp_path)
    table = parplan.load_plan(baseline, targets, results).check(index=[index], require_all=require_all)
    args = ["check", "--baseline", str(baseline), "--targets", str(targets), "--results", str(results)]
    code, out, _ = command(*args, "--index", index, *(["--require-all"] if require_all else []))
    assert table.failed is failed
    assert code == (1 if failed else 0)
    assert as_bytes(table.render("text")) == out


def test_check_says_a_changed_criteria_set_in_both_faces(tmp_path: Path) -> None:
    text = bundled(DEFAULT_BASELINE).read_text(encoding="utf-8")
    results = tmp_path / "r.yaml"
    results.write_text(
        text.replace("year: 2024", "year: 2025", 1).replace(
            "max: 9.5\n        score: 9.2779", "max: 10\n        score: 9.6", 1
        ),
        encoding="utf-8",
    )
    _, _, err = command("check", "--results", str(results), "--lang", "en")
    table = parplan.load_plan(results=results).check(lang="en")
    assert [note.code for note in table.notes] == ["PP462"]
    assert table.notes[0].format("en") in err


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_report_from_python_is_the_command_decimal_comma_included(fmt: str) -> None:
    _, out, _ = command("report", "--format", fmt)
    rendered = as_bytes(parplan.load_plan().report().render(fmt))
    assert rendered == out
    if fmt == "html":  # Vietnamese HTML prints the decimal comma, in the report's own text too
        assert "0,8095" in rendered.decode("utf-8")


def test_report_in_word_from_python_is_the_command(tmp_path: Path) -> None:
    pytest.importorskip("docx")
    output = tmp_path / "r.docx"
    assert command("report", "-o", str(output))[0] == 0
    assert parplan.load_plan().report().render("docx") == output.read_bytes()


def test_ignore_is_refused_the_same_in_python_and_on_the_command_line(tmp_path: Path) -> None:
    for code, words in (("PP304", "is an error"), ("PP999", "no rule PP999")):
        status, _, err = command("validate", "--ignore", code, "--lang", "en")
        assert status == 2
        assert words in err
        with pytest.raises(UsageProblem) as caught:
            parplan.load_plan(ignore=[code])
        assert caught.value.option == "--ignore"
        assert caught.value.message.text("en") in err
    assert ignored_codes(["pp404"]) == {"PP404"}
    assert parplan.load_plan(ignore=["pp404"]).warnings == ()


def test_unknown_columns_are_refused_by_both() -> None:
    code, _, err = command("gap", "--columns", "scroe", "--lang", "en")
    assert code == 2
    with pytest.raises(UnknownColumns) as caught:
        parplan.load_plan().gaps(columns=["scroe"])
    assert str(caught.value) in " ".join(err.split())


def test_import_writes_the_files_the_core_makes(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    workbook = tmp_path / "plan.xlsx"
    assert command("export", "-o", str(workbook))[0] == 0
    assert command("import", str(workbook), "--to", str(tmp_path / "out"))[0] == 0
    plan = import_workbook(workbook, display=str(workbook))
    for path, text in plan_texts(plan, tmp_path / "out").items():
        assert path.read_text(encoding="utf-8") == text


@pytest.mark.parametrize(("kind", "suffix"), [("bars", "svg"), ("radar", "png")])
def test_a_chart_from_python_is_the_commands(tmp_path: Path, kind: str, suffix: str) -> None:
    pytest.importorskip("matplotlib")
    output = tmp_path / f"chart.{suffix}"
    assert command("chart", "-o", str(output), "--kind", kind, "--index", "papi")[0] == 0
    drawn = parplan.load_plan().chart(kind, index=["papi"], image_format=suffix)  # type: ignore[arg-type]
    assert drawn == output.read_bytes()


@pytest.mark.parametrize("strict", [False, True])
def test_validates_verdict_is_the_commands_exit_code(strict: bool) -> None:
    """The bundled plan has warnings and no errors: a failure only under --strict."""
    from parplan.core.api import validate

    found = validate(lang="en")
    code, out, _ = command("validate", "--lang", "en", *(["--strict"] if strict else []))
    assert found.valid
    assert found.failed(strict) is strict
    assert code == (1 if strict else 0)
    assert as_bytes(found.table.render("text")) == out
