"""Issue 14: a new province's plan with `init`, short results, and the hints a new user needs."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from parplan.cli.main import app
from parplan.core.api import load_plan
from parplan.reading.loading import DEFAULT_BASELINE, DEFAULT_TARGETS, bundled


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read parplan's messages in English (``--lang en``); Vietnamese is the default."""
    monkeypatch.setenv("PARPLAN_LANG", "en")


runner = CliRunner()
BASELINE = str(bundled(DEFAULT_BASELINE))
TARGETS = str(bundled(DEFAULT_TARGETS))


def _init(folder: Path, *extra: str) -> None:
    result = runner.invoke(app, ["init", str(folder), "--province", "Tuyên Quang", "--year", "2026", *extra])
    assert result.exit_code == 0, result.output


def test_init_writes_files_that_validate(tmp_path: Path) -> None:
    _init(tmp_path / "p")
    names = ["baseline_2025.yaml", "targets_2026.yaml", "results_2026.yaml"]
    assert sorted(p.name for p in (tmp_path / "p").iterdir()) == sorted([*names, "schemas"])
    files = [str(tmp_path / "p" / name) for name in names]
    result = runner.invoke(
        app, ["validate", "--baseline", files[0], "--targets", files[1], "--results", files[2]]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == "valid: 0 errors, 0 warnings\n"


def test_init_refuses_to_overwrite_naming_each_file(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "targets_2026.yaml").write_text("mine\n", encoding="utf-8")
    result = runner.invoke(app, ["init", str(folder), "--province", "X", "--year", "2026", "--xlsx"])
    assert result.exit_code == 2
    assert result.stderr == f"{folder / 'targets_2026.yaml'}: PP144 error: exists already; not overwritten\n"
    assert sorted(p.name for p in folder.iterdir()) == ["targets_2026.yaml"]


def test_init_xlsx_writes_an_empty_workbook_that_imports(tmp_path: Path) -> None:
    _init(tmp_path / "p", "--xlsx", "--lang", "en")
    book = tmp_path / "p" / "plan_2026.xlsx"
    sheet = openpyxl.load_workbook(book)["PAR"]
    assert sheet["A3"].value == "par.1"
    assert sheet["D3"].value is None  # unknown, never 0
    result = runner.invoke(app, ["import", str(book), "--to", str(tmp_path / "back")])
    assert result.exit_code == 0, result.output
    again = load_plan(tmp_path / "back" / "baseline_2025.yaml", tmp_path / "back" / "targets_2026.yaml")
    original = load_plan(tmp_path / "p" / "baseline_2025.yaml", tmp_path / "p" / "targets_2026.yaml")
    assert (again.baseline, again.targets) == (original.baseline, original.targets)


def test_init_xlsx_has_the_headline_columns_and_sheets(tmp_path: Path) -> None:
    """A new plan's workbook takes headline targets, groups and league tables from the start."""
    _init(tmp_path / "p", "--xlsx")
    book = openpyxl.load_workbook(tmp_path / "p" / "plan_2026.xlsx")
    headers = [str(cell.value) for cell in book["PAR"][1]]
    assert headers[3].endswith("(score)")
    for key in (
        "group",
        "rank_target",
        "rank_base",
        "group_target",
        "improve",
        "target_year",
        "target_order",
    ):
        assert any(header.endswith(f"({key})") for header in headers), key
    assert {"groups", "league"} <= set(book.sheetnames)


def test_init_refuses_a_province_with_a_line_break_and_writes_nothing(tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", str(tmp_path / "p"), "--province", "Tuyên\nQuang", "--year", "2026"])
    assert result.exit_code == 2
    assert "U+000A" in result.output
    assert not (tmp_path / "p").exists()


def test_init_with_a_year_before_any_criteria_set_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", str(tmp_path / "p"), "--province", "X", "--year", "2000"])
    assert result.exit_code == 2
    assert "no criteria set in force" in result.output
    assert not (tmp_path / "p").exists()


# --- short results ------------------------------------------------------------------------

SHORT = """\
province: Cao Bằng
year: 2025
results:
  - {id: par, rank: 30/34}
  - {id: par.1, score: 9.45, rank: 12/34}
  - {id: par.2.impl, score: 5.5}
"""


def test_short_results_take_names_and_maxima_from_the_baseline(tmp_path: Path) -> None:
    path = tmp_path / "results_2025.yaml"
    path.write_text(SHORT, encoding="utf-8")
    plan = load_plan(results=path)
    assert plan.results is not None
    par = plan.results.indices[0]
    assert str(par.rank) == "30/34"
    assert (par.criteria[0].name, str(par.criteria[0].max), str(par.criteria[0].score)) == (
        plan.baseline.indices[0].criteria[0].name,
        "9.5",
        "9.45",
    )
    assert par.criteria[1].score is None
    assert str(par.criteria[1].parts[0].score) == "5.5"
    assert plan.errors == ()
    result = runner.invoke(app, ["check", "--results", str(path), "--format", "json"])
    assert result.exit_code in (0, 1), result.output  # met or missed, not unusable
    assert '"par.1"' in result.stdout


def test_a_short_result_for_an_unknown_id_is_placed(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    text = SHORT.replace("{id: par, rank", "{id: par, score: 80, rank") + "  - {id: par.9, score: 1}\n"
    path.write_text(text + "  - {id: par.1, score: 9}\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", "--results", str(path)])
    assert result.exit_code == 2
    errors = [line.removeprefix(f"{path}:") for line in result.stdout.splitlines() if " error: " in line]
    assert errors == [
        "4:22: par: PP350 error: 'par' is an index: its score is the sum of its criteria; give only its rank",
        "7:10: par.9: PP318 error: 'par.9' is not in the baseline: is this a results file for another plan?",
        "8:10: par.1: PP351 error: duplicate result for 'par.1'",
    ]


def test_a_short_result_above_its_maximum_is_placed_on_its_line(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(SHORT.replace("score: 9.45", "score: 19.45"), encoding="utf-8")
    problems = load_plan(results=path).errors
    assert [(p.line, p.column, p.id, p.code) for p in problems] == [(5, 24, "par.1", "PP304")]


def test_the_long_form_of_results_keeps_working() -> None:
    fixture = Path(__file__).parent / "fixtures" / "results_2025.yaml"
    assert load_plan(results=fixture).results is not None


# --- hints --------------------------------------------------------------------------------


def test_a_comma_in_a_flow_value_suggests_quotes(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(
        "province: Cao Bằng\nyear: 2025\nbaseline_year: 2024\nbodies:\n"
        "  - {id: so-noi-vu, name: Sở Nội vụ, Thanh tra}\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["validate", "--targets", str(path)])
    assert result.exit_code == 2
    assert result.stdout.splitlines()[0] == (
        f"{path}:5:38: so-noi-vu: PP201 error: unknown key 'Thanh tra' (a comma in an unquoted value"
        ' split it into a key; write name: "Sở Nội vụ, Thanh tra")'
    )


def test_swapped_files_are_one_message() -> None:
    result = runner.invoke(app, ["validate", "--baseline", TARGETS, "--targets", BASELINE])
    assert result.exit_code == 2
    assert result.stdout.splitlines() == [
        f"{TARGETS}: PP140 error: the files look swapped: {TARGETS} is a targets file and {BASELINE}"
        " a baseline; swap --baseline and --targets",
        "invalid: 1 error, 0 warnings",
    ]


def test_a_targets_file_as_the_baseline_says_so() -> None:
    result = runner.invoke(app, ["validate", "--baseline", TARGETS])
    assert result.stdout.splitlines() == [
        f"{TARGETS}: PP140 error: this looks like a targets file, not a baseline file",
        "invalid: 1 error, 0 warnings",
    ]


def test_another_provinces_baseline_alone_asks_for_its_targets(tmp_path: Path) -> None:
    _init(tmp_path / "p")
    baseline = tmp_path / "p" / "baseline_2025.yaml"
    result = runner.invoke(app, ["validate", "--baseline", str(baseline)])
    assert result.exit_code == 2
    [line, summary] = result.stdout.splitlines()
    assert "PP141 error: the baseline is for 'Tuyên Quang' but the bundled targets are for 'Cao Bằng'" in line
    assert line.endswith("give the province's targets with --targets")
    assert summary == "invalid: 1 error, 0 warnings"
