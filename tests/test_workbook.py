"""The plan workbook: export then import gives equal models; bad cells are placed, all at once."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from parplan.api import export_workbook, import_workbook, load_plan
from parplan.cli import app
from parplan.problems import InputError
from parplan.workbook import read_workbook


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read parplan's messages in English (``--lang en``); Vietnamese is the default."""
    monkeypatch.setenv("PARPLAN_LANG", "en")


runner = CliRunner()


@pytest.fixture
def exported(tmp_path: Path) -> Path:
    path = tmp_path / "plan.xlsx"
    result = runner.invoke(app, ["export", "-o", str(path)])
    assert result.exit_code == 0, result.output
    return path


def _problems(path: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        read_workbook(path, "plan.xlsx")
    return [p.format() for p in caught.value.problems]


def test_export_then_import_gives_equal_models(exported: Path) -> None:
    plan = load_plan()
    baseline, targets, _, _ = read_workbook(exported)
    assert baseline == plan.baseline
    assert targets == plan.targets


def test_decimals_keep_their_digits_and_places(exported: Path) -> None:
    """Excel holds 9.2779 as a double (openpyxl writes 9.277900000000001); it reads back exact."""
    baseline, _, _, _ = read_workbook(exported)
    par1 = baseline.indices[0].criteria[0]
    assert str(par1.score) == "9.2779"
    targets = import_workbook(exported).targets
    assert str(next(t for t in targets.targets if t.id == "par.1").target) == "9.40"


def test_cli_import_writes_yaml_that_loads_to_the_same_plan(exported: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["import", str(exported), "--to", str(out)])
    assert result.exit_code == 0, result.output
    again = load_plan(out / "baseline_2024.yaml", out / "targets_2025.yaml")
    plan = load_plan()
    assert (again.baseline, again.targets) == (plan.baseline, plan.targets)
    assert [p.code for p in again.problems] == [p.code for p in plan.problems]


def test_import_refuses_to_overwrite_unless_forced(exported: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "targets_2025.yaml").write_text("mine\n", encoding="utf-8")
    result = runner.invoke(app, ["import", str(exported), "--to", str(out)])
    assert result.exit_code == 2
    assert f"{out / 'targets_2025.yaml'}: PP144 error: exists already" in result.stderr
    assert not (out / "baseline_2024.yaml").exists()
    assert (out / "targets_2025.yaml").read_text(encoding="utf-8") == "mine\n"
    forced = runner.invoke(app, ["import", str(exported), "--to", str(out), "--force"])
    assert forced.exit_code == 0
    assert (out / "baseline_2024.yaml").exists()


def test_bad_cells_are_refused_with_their_place_all_at_once(exported: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(exported)
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


def test_a_missing_sheet_and_an_unknown_column(exported: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(exported)
    del book["plan"]
    book["PAPI"]["Z1"] = "colour"
    path = tmp_path / "plan.xlsx"
    book.save(path)
    lines = _problems(path)
    assert "plan.xlsx: PP143 error: the sheet 'plan' is missing" in lines
    assert any(line.startswith("plan.xlsx:PAPI!Z1: PP223 error: unknown column 'colour'") for line in lines)


def test_a_part_of_no_criterion_above(exported: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(exported)
    book["PAR"]["L4"] = "par.99"
    path = tmp_path / "plan.xlsx"
    book.save(path)
    assert (
        "plan.xlsx:PAR!L4: PP224 error: part_of 'par.99' is not a criterion on a row above in this sheet"
        in (_problems(path))
    )


def test_number_cells_carry_data_validation(exported: Path) -> None:
    sheet = openpyxl.load_workbook(exported)["PAR"]
    rules = {str(rule.sqref): rule for rule in sheet.data_validations.dataValidation}
    assert rules["D3"].type == "decimal"
    assert (rules["D3"].formula1, rules["D3"].formula2) == ("0", "9.5")


def test_rule_errors_are_placed_in_cells(exported: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(exported)
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
    from parplan.workbook import workbook_bytes

    path = tmp_path / "plan.xlsx"
    path.write_bytes(workbook_bytes(baseline, plan.targets))
    assert read_workbook(path)[0] == baseline
