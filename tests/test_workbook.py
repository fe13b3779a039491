"""The plan workbook: export then import gives equal models; bad cells are placed, all at once."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

import openpyxl
import pytest
from typer.testing import CliRunner

from parplan.cli.main import app
from parplan.core.api import export_workbook, import_workbook, load_plan
from parplan.core.workbook import workbook_bytes
from parplan.reading.workbook import INDEX_COLUMNS, LIST_COLUMNS, read_workbook
from parplan.vocab.problems import InputError


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read parplan's messages in English (``--lang en``); Vietnamese is the default."""
    monkeypatch.setenv("PARPLAN_LANG", "en")


runner = CliRunner()
SYNTHETIC = Path(__file__).parent / "fixtures" / "synthetic"
WHOLE = "expected a whole number, got"


def _problems(path: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        read_workbook(path, "plan.xlsx")
    return [p.format() for p in caught.value.problems]


def test_export_then_import_gives_equal_models(plan_xlsx: Path) -> None:
    plan = load_plan()
    baseline, targets, _, _ = read_workbook(plan_xlsx)
    assert baseline == plan.baseline
    assert targets == plan.targets
    # the index totals' targets (improve: [score, rank]) end the file, as in the YAML
    assert [t.id for t in targets.targets] == [t.id for t in plan.targets.targets]
    assert [t.improve for t in targets.targets[-3:]] == [("score", "rank")] * 3


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_synthetic_plan_round_trips_equal(tmp_path: Path, lang: Literal["vi", "en"]) -> None:
    """Rank, group and multi-year targets, a given total, groups, a league table: all come back."""
    plan = load_plan(SYNTHETIC / "baseline.yaml", SYNTHETIC / "targets.yaml")
    assert plan.baseline.league  # the fixture has a league table
    assert plan.baseline.indices[0].groups
    path = tmp_path / "plan.xlsx"
    path.write_bytes(export_workbook(plan, lang))
    baseline, targets, _, _ = read_workbook(path)
    assert baseline == plan.baseline
    assert targets == plan.targets
    assert list(baseline.league[0].scores) == list(plan.baseline.league[0].scores)
    sipas = baseline.indices[1]
    assert (sipas.total, sipas.score) == ("given", Decimal(85))
    par = targets.targets[0]
    assert (par.rank_target, par.rank_base, par.group, par.year) == (3, 34, "A", 2027)


def test_a_plan_with_every_new_key_round_trips_through_yaml(tmp_path: Path) -> None:
    """`import` writes YAML that loads to the same plan: a stated group, history groups, two tables."""
    plan = load_plan(SYNTHETIC / "baseline.yaml", SYNTHETIC / "targets.yaml")
    par = plan.baseline.indices[0].model_copy(update={"group": "B"})
    league = plan.baseline.league[0]
    other = league.model_copy(
        update={"year": 2023, "synthetic": False, "scores": {"P9": Decimal("70.50"), "P1": Decimal(91)}}
    )
    history = plan.baseline.history[0].model_copy(update={"group": "B"})
    baseline = plan.baseline.model_copy(
        update={
            "indices": (par, *plan.baseline.indices[1:]),
            "league": (league, other),
            "history": (history,),
        }
    )
    workbook = tmp_path / "plan.xlsx"
    workbook.write_bytes(workbook_bytes(baseline, plan.targets))
    out = tmp_path / "out"
    result = runner.invoke(app, ["import", str(workbook), "--to", str(out)])
    assert result.exit_code == 0, result.output
    again = load_plan(out / "baseline_2024.yaml", out / "targets_2025.yaml")
    assert (again.baseline, again.targets) == (baseline, plan.targets)
    assert str(again.baseline.league[1].scores["P9"]) == "70.50"


def test_new_index_columns_come_after_the_old_ones() -> None:
    """Column D stays the score (messages say PAR!D7); every header is in both languages."""
    keys = [column.key for column in INDEX_COLUMNS]
    assert keys[3] == "score"
    assert keys[-8:] == [
        "group",
        "rank_target",
        "rank_base",
        "group_target",
        "improve",
        "target_year",
        "target_order",
        "number",
    ]
    for column in INDEX_COLUMNS:
        assert column.header("vi") != column.header("en")
    assert [c.key for c in LIST_COLUMNS["groups"]] == ["index", "name", "min"]
    assert [c.key for c in LIST_COLUMNS["league"]] == [
        "id",
        "year",
        "source",
        "synthetic",
        "province",
        "score",
        "rank",
        "partial",
        "source_en",
    ]


def _column(sheet: Any, key: str) -> str:
    """The letter of the column whose header ends in ``(key)``."""
    for cell in sheet[1]:
        if str(cell.value).endswith(f"({key})"):
            return str(cell.column_letter)
    raise AssertionError(key)


def _row(sheet: Any, ident: str) -> int:
    for cell in sheet["A"]:
        if cell.value == ident:
            return int(cell.row)
    raise AssertionError(ident)


def test_target_order_keeps_the_file_order_and_puts_new_rows_last(plan_xlsx: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(plan_xlsx)
    sheet = book["PAR"]
    order = _column(sheet, "target_order")
    assert sheet[f"{order}2"].value == [t.id for t in load_plan().targets.targets].index("par") + 1
    sheet[f"{order}{_row(sheet, 'par.1')}"] = None  # as if typed in by hand: no order
    sheet[f"{order}2"] = 1  # the PAR total first; ties keep the sheet order
    path = tmp_path / "plan.xlsx"
    book.save(path)
    ids = [t.id for t in read_workbook(path)[1].targets]
    before = [t.id for t in load_plan().targets.targets]
    assert ids[0] == "par"
    assert ids[-1] == "par.1"
    assert sorted(ids) == sorted(before)
    rest = [i for i in before if i not in ("par", "par.1")]
    assert [i for i in ids if i not in ("par", "par.1")] == rest


def test_headline_targets_are_written_in_their_columns(plan_xlsx: Path) -> None:
    sheet = openpyxl.load_workbook(plan_xlsx)["PAR"]
    assert sheet[f"{_column(sheet, 'improve')}2"].value == "score, rank"
    rules = {str(rule.sqref): rule for rule in sheet.data_validations.dataValidation}
    for key, low in (
        ("rank_target", "1"),
        ("rank_base", "1"),
        ("target_order", "1"),
        ("target_year", "1900"),
    ):
        rule = rules[f"{_column(sheet, key)}2:{_column(sheet, key)}1048576"]
        assert (rule.type, rule.formula1) == ("whole", low)


def _synthetic_workbook(tmp_path: Path) -> tuple[Path, Any]:
    """The SYNTHETIC plan (groups, a league table, headline targets) exported to plan.xlsx and
    opened, for a test to type bad cells into."""
    path = tmp_path / "plan.xlsx"
    path.write_bytes(export_workbook(load_plan(SYNTHETIC / "baseline.yaml", SYNTHETIC / "targets.yaml")))
    return path, openpyxl.load_workbook(path)


def test_bad_cells_in_the_new_columns_are_refused_with_their_place(tmp_path: Path) -> None:
    path, book = _synthetic_workbook(tmp_path)
    par = book["PAR"]
    par[f"{_column(par, 'rank_target')}2"] = "mười"
    par[f"{_column(par, 'rank_base')}2"] = 0
    par[f"{_column(par, 'target_year')}2"] = 2025.5
    par[f"{_column(par, 'improve')}2"] = "score, speed"
    par[f"{_column(par, 'group')}3"] = "A"  # a criterion has no group
    book["groups"]["C2"] = "chín mươi"
    book["groups"]["A3"] = "xyz"
    book["league"]["E3"] = "P1"
    book["league"]["B4"] = "năm"
    book["league"]["D5"] = "có lẽ"
    book.save(path)
    lines = _problems(path)
    letter = {
        key: _column(par, key) for key in ("rank_target", "rank_base", "target_year", "improve", "group")
    }
    expected = [
        f"plan.xlsx:PAR!{letter['rank_target']}2: PP220 error: rank_target: {WHOLE} 'mười'",
        f"plan.xlsx:PAR!{letter['target_year']}2: PP220 error: target_year: {WHOLE} '2025.5'",
        f"plan.xlsx:PAR!{letter['group']}3: PP201 error: unknown key 'group'",
        "plan.xlsx:groups!C2: PP220 error: min: expected a number, got 'chín mươi'",
        "plan.xlsx:groups!A3: PP224 error: index: 'xyz' is not a criterion of this file",
        "plan.xlsx:league!E3: PP126 error: province: duplicate key 'P1'",
        "plan.xlsx:league!B4: PP220 error: year: expected a whole number, got 'năm'",
    ]
    for line in expected:
        assert line in lines
    assert any(
        line.startswith(f"plan.xlsx:PAR!{letter['rank_base']}2: PP211 error: rank_base:") for line in lines
    )
    assert any(line.startswith(f"plan.xlsx:PAR!{letter['improve']}2: PP211 error:") for line in lines)
    assert any(line.startswith("plan.xlsx:league!D5: PP211 error: synthetic:") for line in lines)
    assert not any("missing key" in line for line in lines)  # a refused cell is one problem, not two


def test_a_synthetic_table_stays_flagged_when_one_row_says_so(tmp_path: Path) -> None:
    """The flag warns (PP431), so a table is synthetic when any of its rows says TRUE."""
    path, book = _synthetic_workbook(tmp_path)
    league = book["league"]
    for row in range(2, 6):
        league[f"D{row}"] = None
    league["E7"], league["F7"] = "P5", 70  # a new row, synthetic left empty
    league["A7"], league["B7"], league["C7"] = "par", 2024, "made up for tests"
    book.save(path)
    baseline = read_workbook(path)[0]
    [table] = baseline.league
    assert table.synthetic
    assert list(table.scores)[-1] == "P5"


def test_decimals_keep_their_digits_and_places(plan_xlsx: Path) -> None:
    """Excel holds 9.2779 as a double (openpyxl writes 9.277900000000001); it reads back exact."""
    baseline, _, _, _ = read_workbook(plan_xlsx)
    par1 = baseline.indices[0].criteria[0]
    assert str(par1.score) == "9.2779"
    targets = import_workbook(plan_xlsx).targets
    assert str(next(t for t in targets.targets if t.id == "par.1").target) == "9.40"


def test_cli_import_writes_yaml_that_loads_to_the_same_plan(plan_xlsx: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["import", str(plan_xlsx), "--to", str(out)])
    assert result.exit_code == 0, result.output
    again = load_plan(out / "baseline_2024.yaml", out / "targets_2025.yaml")
    plan = load_plan()
    assert (again.baseline, again.targets) == (plan.baseline, plan.targets)
    assert [p.code for p in again.problems] == [p.code for p in plan.problems]


def test_import_refuses_to_overwrite_unless_forced(plan_xlsx: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "targets_2025.yaml").write_text("mine\n", encoding="utf-8")
    result = runner.invoke(app, ["import", str(plan_xlsx), "--to", str(out)])
    assert result.exit_code == 2
    assert f"{out / 'targets_2025.yaml'}: PP144 error: exists already" in result.stderr
    assert not (out / "baseline_2024.yaml").exists()
    assert (out / "targets_2025.yaml").read_text(encoding="utf-8") == "mine\n"
    forced = runner.invoke(app, ["import", str(plan_xlsx), "--to", str(out), "--force"])
    assert forced.exit_code == 0
    assert (out / "baseline_2024.yaml").exists()


def test_bad_cells_are_refused_with_their_place_all_at_once(plan_xlsx: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(plan_xlsx)
    sheet = book["PAR"]
    assert sheet["A7"].value == "par.3"
    sheet["D7"] = "mười hai"
    sheet["D3"] = "=1+2"
    sheet["F5"] = 1e300
    sheet["I3"] = "9,40"
    book["PAPI"]["E3"] = 45000.0  # a rank Excel turned into a number
    bad = tmp_path / "plan.xlsx"
    book.save(bad)
    out = tmp_path / "out"
    result = runner.invoke(app, ["import", str(bad), "--to", str(out)])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert f"{bad}:PAR!D7: PP220 error: score: expected a number, got 'mười hai'" in lines
    assert (
        f"{bad}:PAR!D3: PP221 error: score: the cell holds the formula '=1+2': type the value, not a formula"
        in lines
    )
    assert (
        f"{bad}:PAR!I3: PP220 error: target: expected a number, got '9,40':"
        " type 9.40 or make the cell a number" in lines
    )
    assert any(
        line.startswith(f"{bad}:PAR!F5: PP207 error: max: the number 1E+300 is too large") for line in lines
    )
    assert any(line.startswith(f"{bad}:PAPI!E3: PP208 error: rank:") for line in lines)
    assert "Traceback" not in result.output
    assert not out.exists()


def test_the_message_shape_of_the_issue() -> None:
    """`plan.xlsx:PAR!D7: score: expected a number, got 'mười hai'`: place, then key and message."""
    assert _problem_text("mười hai") == ("plan.xlsx:PAR!D7", "score: expected a number, got 'mười hai'")


def _problem_text(value: str) -> tuple[str, str]:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.xlsx"
        path.write_bytes(export_workbook(load_plan()))
        book = openpyxl.load_workbook(path)
        book["PAR"]["D7"] = value
        book.save(path)
        with pytest.raises(InputError) as caught:
            read_workbook(path, "plan.xlsx")
    [problem] = caught.value.problems
    return problem.file, problem.text()


@pytest.mark.parametrize(
    ("content", "code"),
    [(b"not a zip at all", "PP142"), (b"PK\x03\x04 broken", "PP142"), (b"", "PP142")],
)
def test_a_corrupt_workbook_is_a_problem_not_a_traceback(tmp_path: Path, content: bytes, code: str) -> None:
    path = tmp_path / "plan.xlsx"
    path.write_bytes(content)
    result = runner.invoke(app, ["import", str(path), "--to", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert f"{path}: {code} error: is not a readable Excel workbook" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_an_empty_workbook_names_what_is_missing(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    openpyxl.Workbook().save(path)
    codes = [line.split(" ")[1] for line in _problems(path)]
    assert "PP143" in codes
    assert any("missing key 'province'" in line for line in _problems(path))


def test_a_missing_sheet_and_an_unknown_column(plan_xlsx: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(plan_xlsx)
    del book["plan"]
    book["PAPI"]["Z1"] = "colour"
    path = tmp_path / "plan.xlsx"
    book.save(path)
    lines = _problems(path)
    assert "plan.xlsx: PP143 error: the sheet 'plan' is missing" in lines
    assert any(line.startswith("plan.xlsx:PAPI!Z1: PP223 error: unknown column 'colour'") for line in lines)


def test_a_part_of_no_criterion_above(plan_xlsx: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(plan_xlsx)
    book["PAR"]["L4"] = "par.99"
    path = tmp_path / "plan.xlsx"
    book.save(path)
    assert (
        "plan.xlsx:PAR!L4: PP224 error: part_of 'par.99' is not a criterion on a row above in this sheet"
        in (_problems(path))
    )


def test_number_cells_carry_data_validation(plan_xlsx: Path) -> None:
    sheet = openpyxl.load_workbook(plan_xlsx)["PAR"]
    rules = {str(rule.sqref): rule for rule in sheet.data_validations.dataValidation}
    assert rules["D3"].type == "decimal"
    assert (rules["D3"].formula1, rules["D3"].formula2) == ("0", "9.5")


def test_rule_errors_are_placed_in_cells(plan_xlsx: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(plan_xlsx)
    book["PAR"]["D3"] = 12  # above par.1's maximum 9.5 (Excel's validation bypassed by a program)
    path = tmp_path / "plan.xlsx"
    book.save(path)
    plan = import_workbook(path, display="plan.xlsx")
    assert [(p.file, p.code) for p in plan.errors] == [
        ("plan.xlsx:PAR!D3", "PP304"),  # the score above the maximum
        ("plan.xlsx:PAR!G3", "PP316"),  # so the planned increase now passes it too
    ]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_help_sheet_is_in_the_language(tmp_path: Path, lang: str) -> None:
    path = tmp_path / "plan.xlsx"
    assert runner.invoke(app, ["export", "-o", str(path), "--lang", lang]).exit_code == 0
    book = openpyxl.load_workbook(path)
    first = book.worksheets[0]
    assert first.title == ("Hướng dẫn" if lang == "vi" else "How to fill in")
    assert ("Ô để trống" in str(first["A3"].value)) == (lang == "vi")
    assert str(book["PAR"]["D1"].value).endswith("(score)")


def test_export_wants_an_xlsx_name(tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "-o", str(tmp_path / "plan.csv")])
    assert result.exit_code == 2


def test_a_long_decimal_survives_as_text(tmp_path: Path) -> None:
    """More digits than a double holds: written as text, read back exact."""
    plan = load_plan()
    par1 = plan.baseline.indices[0].criteria[0]
    long = par1.model_copy(update={"note": None, "score": Decimal("9.123456789012")})
    index = plan.baseline.indices[0]
    baseline = plan.baseline.model_copy(
        update={
            "indices": (
                index.model_copy(update={"criteria": (long, *index.criteria[1:])}),
                *plan.baseline.indices[1:],
            )
        }
    )
    path = tmp_path / "plan.xlsx"
    path.write_bytes(workbook_bytes(baseline, plan.targets))
    assert read_workbook(path)[0] == baseline


def test_numbers_and_english_twins_round_trip(tmp_path: Path) -> None:
    """The plan's own numbering and the _en twins of the data's texts (issue 21) come back."""
    from parplan.models.plan import Baseline, Targets

    def lists(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: lists(v) for k, v in value.items()}
        return [lists(v) for v in value] if isinstance(value, tuple | list) else value

    plan = load_plan()
    data = lists(plan.baseline.model_dump(mode="python", exclude_defaults=True))
    data["indices"][0]["criteria"][0]["number"] = "1"
    data["indices"][0]["criteria"][1]["parts"][0]["number"] = "2a"
    data["references"][0] |= {"note_en": "An English note.", "source_en": "An English source."}
    data["facts"][0] |= {"text_en": "An English fact.", "source_en": "Its source."}
    goals = lists(plan.targets.model_dump(mode="python", exclude_defaults=True))
    goals["bodies"][0]["duties_en"] = "Standing body."
    baseline, targets = Baseline.model_validate(data), Targets.model_validate(goals)
    path = tmp_path / "plan.xlsx"
    path.write_bytes(workbook_bytes(baseline, targets, "vi"))
    read_baseline, read_targets, _, _ = read_workbook(path)
    assert read_baseline == baseline
    assert read_targets == targets
    assert read_baseline.indices[0].criteria[1].parts[0].number == "2a"
