"""The plan workbook's results sheet (issue 20, item 5): ``export --results`` writes it, ``import``
reads it into ``results_YEAR.yaml`` (the short form) with the plan's files, all or nothing."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from parplan.cli.main import app
from parplan.core.api import Plan, load_plan
from parplan.models.plan import Criterion
from parplan.reading.workbook import RESULTS_SHEET
from parplan.vocab import rules

runner = CliRunner()
FIXTURES = Path(__file__).parent / "fixtures"
SYNTHETIC = FIXTURES / "synthetic"


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARPLAN_LANG", "en")


def _ok(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def _bundled_results(tmp_path: Path) -> Path:
    """results_2025.yaml (synthetic) without PAPI's given total: the bundled baseline sums PAPI,
    so a short results file cannot carry that score (expand refuses it, PP350), and export
    writes an index's score only where the baseline's total is given."""
    text = (FIXTURES / "results_2025.yaml").read_text(encoding="utf-8")
    cut = text.replace("    total: given\n    score: 42.05\n", "")
    assert cut != text
    path = tmp_path / "results_2025.yaml"
    path.write_text(cut, encoding="utf-8")
    return path


def _plans(tmp_path: Path) -> list[tuple[list[str], Path]]:
    synthetic = ["--baseline", str(SYNTHETIC / "baseline.yaml"), "--targets", str(SYNTHETIC / "targets.yaml")]
    return [([], _bundled_results(tmp_path)), (synthetic, SYNTHETIC / "results.yaml")]


@pytest.mark.parametrize("which", [0, 1])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_export_results_then_import_round_trips(tmp_path: Path, which: int, lang: str) -> None:
    files, results = _plans(tmp_path)[which]
    book, out = tmp_path / "plan.xlsx", tmp_path / "out"
    _ok("export", "-o", str(book), *files, "--results", str(results), "--lang", lang)
    assert RESULTS_SHEET in openpyxl.load_workbook(book).sheetnames
    _ok("import", str(book), "--to", str(out))
    yamls: list[Path | None] = [Path(name) for name in files[1::2]] or [None, None]
    original = load_plan(yamls[0], yamls[1], results)
    (written,) = sorted(out.glob("results_*.yaml"))
    assert written.name == f"results_{original.results.year}.yaml"  # type: ignore[union-attr]
    lines = written.read_text(encoding="utf-8").splitlines()
    assert "results:" in lines
    assert "indices:" not in lines
    baseline, targets = (sorted(out.glob(f"{kind}_*.yaml"))[0] for kind in ("baseline", "targets"))
    imported = load_plan(baseline, targets, written)
    assert _known(imported) == _known(original)
    assert _known(original)  # the fixtures have results to lose
    imported_files = ["--baseline", str(baseline), "--targets", str(targets), "--results", str(written)]
    for fmt in ("json", "text", "markdown"):
        before = _ok("check", *files, "--results", str(results), "--format", fmt)
        after = _ok("check", *imported_files, "--format", fmt)
        assert after == before, fmt


def _walk(criteria: Sequence[Criterion]) -> Iterator[Criterion]:
    for criterion in criteria:
        yield criterion
        yield from _walk(criterion.parts)


def _known(plan: Plan) -> dict[str, tuple[object, object, object]]:
    """Each result known (a score, rank or note) by id: the rest are unknown either way."""
    assert plan.results is not None
    found: dict[str, tuple[object, object, object]] = {
        index.id: (index.score, index.rank, None) for index in plan.results.indices
    }
    criteria = [c for index in plan.results.indices for c in _walk(index.criteria)]
    criteria += list(_walk(plan.results.indicators))
    found |= {c.id: (c.score, c.rank, c.note) for c in criteria}
    return {ident: value for ident, value in found.items() if value != (None, None, None)}


def _row(sheet: object, ident: str) -> int:
    """The row of ``ident`` on the results sheet."""
    for cell in sheet["A"]:  # type: ignore[index]
        if cell.value == ident:
            return int(cell.row)
    raise AssertionError(ident)


def test_export_without_results_writes_an_empty_sheet_that_import_skips(plan_xlsx: Path) -> None:
    sheet = openpyxl.load_workbook(plan_xlsx)[RESULTS_SHEET]
    assert [c.value for c in sheet[1]] == [
        "Id (id)",
        "Name (name)",
        "Maximum (max)",
        "Score (score)",
        "Rank (rank)",
        "Note (note)",
    ]
    row = _row(sheet, "par.1")
    assert sheet.cell(row, 3).value == 9.5
    assert sheet.cell(row, 4).value is None
    out = plan_xlsx.parent / "out"
    _ok("import", str(plan_xlsx), "--to", str(out))
    assert sorted(p.name for p in out.iterdir()) == ["baseline_2024.yaml", "schemas", "targets_2025.yaml"]
    # the schemas the two files' $schema lines name, and nothing else
    assert sorted(p.name for p in (out / "schemas").iterdir()) == [
        "baseline.schema.json",
        "targets.schema.json",
    ]


def test_scores_typed_into_the_sheet_become_a_short_results_file(plan_xlsx: Path, tmp_path: Path) -> None:
    workbook = openpyxl.load_workbook(plan_xlsx)
    sheet = workbook[RESULTS_SHEET]
    sheet.cell(_row(sheet, "par.1"), 4).value = 9.25
    sheet.cell(_row(sheet, "par.1"), 5).value = "7/34"
    sheet.cell(_row(sheet, "par"), 5).value = "12/34"
    sheet.cell(_row(sheet, "par.2"), 6).value = "công bố 2026"
    workbook["plan"]["B10"].value = 2025
    workbook.save(plan_xlsx)
    out = tmp_path / "out"
    _ok("import", str(plan_xlsx), "--to", str(out))
    assert (out / "results_2025.yaml").read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=schemas/results.schema.json\n"
        "province: Cao Bằng\nyear: 2025\nresults:\n"
        "- id: par\n  rank: 12/34\n"
        "- id: par.1\n  score: 9.25\n  rank: 7/34\n"
        "- id: par.2\n  note: công bố 2026\n"
    )


def _bad(book: Path, ident: str, column: int, value: object, number_format: str | None = None) -> str:
    """``value`` typed into the cell of ``ident`` and ``column`` of the exported ``book``: import's
    refusal, having written nothing."""
    workbook = openpyxl.load_workbook(book)
    sheet = workbook[RESULTS_SHEET]
    row = _row(sheet, ident)
    sheet.cell(_row(sheet, "par.3"), 4).value = 12  # a good cell beside the bad one
    cell = sheet.cell(row, column)
    cell.value = value
    if number_format is not None:
        cell.number_format = number_format
    workbook.save(book)
    out = book.parent / "out"
    result = runner.invoke(app, ["import", str(book), "--to", str(out)])
    assert result.exit_code == 2, result.output
    assert not out.exists()  # all or nothing: not even the baseline
    return result.stderr


def test_text_in_a_score_cell_is_refused_at_its_cell(plan_xlsx: Path) -> None:
    said = _bad(plan_xlsx, "par.1", 4, "chín")
    assert f"plan.xlsx:{RESULTS_SHEET}!D" in said
    assert f"{rules.CELL_NOT_A_NUMBER} error" in said
    assert "'chín'" in said


def test_a_percent_cell_is_refused(plan_xlsx: Path) -> None:
    said = _bad(plan_xlsx, "kpi.dossiers_on_time", 4, 0.98, "0%")
    assert f"{RESULTS_SHEET}!D" in said
    assert "percent" in said


def test_a_formula_is_refused(plan_xlsx: Path) -> None:
    said = _bad(plan_xlsx, "par.1", 4, "=1+2")
    assert f"{RESULTS_SHEET}!D" in said
    assert "formula" in said


def test_an_unknown_id_is_refused_at_its_cell(plan_xlsx: Path, tmp_path: Path) -> None:
    workbook = openpyxl.load_workbook(plan_xlsx)
    sheet = workbook[RESULTS_SHEET]
    row = sheet.max_row + 1
    sheet.cell(row, 1).value = "par.99"
    sheet.cell(row, 4).value = 3
    workbook.save(plan_xlsx)
    result = runner.invoke(app, ["import", str(plan_xlsx), "--to", str(tmp_path / "out")])
    assert result.exit_code == 2, result.output
    where = f"plan.xlsx:{RESULTS_SHEET}!A{row}: par.99: {rules.RESULT_FOR_UNKNOWN_CRITERION} error"
    assert where in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_score_above_its_max_is_refused_at_its_cell(plan_xlsx: Path) -> None:
    said = _bad(plan_xlsx, "par.1", 4, 12)
    assert f"{RESULTS_SHEET}!D" in said
    assert "error" in said


def test_a_note_on_an_index_row_is_refused_not_dropped(plan_xlsx: Path) -> None:
    """An index keeps no note in a results file: a typed one is refused at its cell, not lost."""
    said = _bad(plan_xlsx, "par", 6, "tạm tính")
    assert f"{RESULTS_SHEET}!F2: {rules.UNKNOWN_KEY} error: unknown key 'note'" in said


def test_export_says_which_index_score_the_sheet_leaves_out(tmp_path: Path) -> None:
    """results_2025.yaml gives PAPI's total; the bundled baseline sums PAPI: export says so."""
    book = tmp_path / "plan.xlsx"
    result = runner.invoke(app, ["export", "-o", str(book), "--results", str(FIXTURES / "results_2025.yaml")])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("note: papi: the results give this index's score")
    sheet = openpyxl.load_workbook(book)[RESULTS_SHEET]
    assert sheet.cell(_row(sheet, "papi"), 4).value is None
    assert sheet.cell(_row(sheet, "papi"), 5).value == "55/61"
