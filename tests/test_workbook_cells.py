"""What a workbook cell means, and what a workbook may cost: issue 18's classes 2, 5 and 8.

Each case goes through ``parplan import`` on a fresh temporary folder: exit 2, every problem placed
``plan.xlsx:Sheet!A1`` with its rule code, and nothing written. The workbooks are parplan's own
export of the bundled plan, edited as an analyst (or an attacker) would.
"""

from __future__ import annotations

import re
import time
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from typer.testing import CliRunner

from parplan.cli.main import app
from parplan.core.api import export_workbook, load_plan
from parplan.reading import cells

runner = CliRunner()
ONCE = "each column is given once"


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARPLAN_LANG", "en")


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return export_workbook(load_plan(), "en")


def _edited(folder: Path, exported: bytes, edit: Callable[[Any], None]) -> Path:
    path = folder / "plan.xlsx"
    path.write_bytes(exported)
    book = openpyxl.load_workbook(path)
    edit(book)
    book.save(path)
    return path


def _import(path: Path) -> tuple[int, str, Path]:
    out = path.parent / "out"
    result = runner.invoke(app, ["import", str(path), "--to", str(out)])
    return result.exit_code, result.stderr, out


def _refused(path: Path) -> list[str]:
    """The problem lines of an import that must fail, having written nothing."""
    code, stderr, out = _import(path)
    assert code == 2, stderr
    assert not out.exists()
    return [line for line in stderr.splitlines() if re.search(r" PP\d{3} ", line)]


def _imported(path: Path) -> dict[str, Any]:
    code, stderr, out = _import(path)
    assert code == 0, stderr
    loaded: dict[str, Any] = yaml.safe_load((out / "baseline_2024.yaml").read_text(encoding="utf-8"))
    return loaded


def _criterion(baseline: dict[str, Any], ident: str) -> dict[str, Any]:
    for index in baseline["indices"]:
        for criterion in index["criteria"]:
            if criterion["id"] == ident:
                found: dict[str, Any] = criterion
                return found
    raise AssertionError(ident)


# --- class 2: a cell's number format is part of its value ---------------------------------------


@pytest.mark.parametrize(
    ("raw", "number_format", "expected"),
    [(0.98, "0%", "98"), (0.985, "0.0%", "98.5"), (0.9, "0.00%", "90.00"), (1, "0%", "100")],
)
def test_a_percent_cell_of_a_percent_criterion_is_read_as_shown(
    tmp_path: Path, exported: bytes, raw: float, number_format: str, expected: str
) -> None:
    """SIPAS's criteria are percentages: ``98%`` typed in Excel (0.98) is 98, not 0.98."""

    def edit(book: Any) -> None:
        book["SIPAS"]["D3"] = raw
        book["SIPAS"]["D3"].number_format = number_format

    baseline = _imported(_edited(tmp_path, exported, edit))
    assert Decimal(str(_criterion(baseline, "sipas.access")["score"])) == Decimal(expected)
    written = (tmp_path / "out" / "baseline_2024.yaml").read_text(encoding="utf-8")
    block = written[written.index("id: sipas.access") :]
    assert f"score: {expected}\n" in block[: block.index("- id:")]  # the places shown, exactly


@pytest.mark.parametrize(("sheet", "cell", "key"), [("PAR", "D3", "score"), ("league", "F2", "score")])
def test_a_percent_cell_where_no_percent_is_meant_is_refused_at_its_cell(
    tmp_path: Path, exported: bytes, sheet: str, cell: str, key: str
) -> None:
    def edit(book: Any) -> None:
        if sheet == "league":
            book[sheet].append(["par", 2024, "a source", True, "P1", 0.5])
        book[sheet][cell] = 0.5
        book[sheet][cell].number_format = "0.00%"

    lines = _refused(_edited(tmp_path, exported, edit))
    assert lines == [
        f"{tmp_path / 'plan.xlsx'}:{sheet}!{cell}: PP225 error: {key}: the cell is formatted as a"
        " percent (50%), but this value is no percent: type the number and remove the percent format"
    ]


def test_a_header_repeated_in_a_second_column_is_refused_naming_both_cells(
    tmp_path: Path, exported: bytes
) -> None:
    """Otherwise the later column wins silently: a score typed in one column, another read."""

    def edit(book: Any) -> None:
        book["PAR"]["X1"] = "Score (score)"
        book["PAR"]["X3"] = 1
        book["bodies"]["E1"] = "id"

    lines = _refused(_edited(tmp_path, exported, edit))
    path = tmp_path / "plan.xlsx"
    assert lines == [
        f"{path}:PAR!X1: PP226 error: the column 'Score (score)' is already at PAR!D1: {ONCE}",
        f"{path}:bodies!E1: PP226 error: the column 'id' is already at bodies!A1: {ONCE}",
    ]


# --- class 5: limits at every door -----------------------------------------------------------------


@pytest.mark.parametrize(("value", "number_format"), [(1e308, "0.00"), (-1e308, "General"), (10**20, "0")])
def test_a_huge_number_cell_is_a_placed_problem(
    tmp_path: Path, exported: bytes, value: float, number_format: str
) -> None:
    """1e308 in a cell shown with two places crashed with decimal.InvalidOperation."""

    def edit(book: Any) -> None:
        book["PAR"]["D3"] = value
        book["PAR"]["D3"].number_format = number_format

    [line] = _refused(_edited(tmp_path, exported, edit))
    assert line.startswith(f"{tmp_path / 'plan.xlsx'}:PAR!D3: PP207 error: score: the number ")
    assert line.endswith("is too large (at most 9 digits before the point)")


def _with_sheet_xml(source: bytes, folder: Path, member: str, write: Callable[[Any], None]) -> Path:
    """The exported workbook with one part replaced by what ``write`` streams into it."""
    original = folder / "original.xlsx"
    original.write_bytes(source)
    path = folder / "plan.xlsx"
    with zipfile.ZipFile(original) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename == member:
                with new.open(member, "w") as stream:
                    write(stream)
            else:
                new.writestr(info, old.read(info.filename))
    return path


def _sheet_member(source: bytes, title: str) -> str:
    """The zip part of the sheet called ``title``: openpyxl numbers them in the order of the sheets."""
    book = openpyxl.load_workbook(__import__("io").BytesIO(source), read_only=True)
    position = book.sheetnames.index(title) + 1
    book.close()
    return f"xl/worksheets/sheet{position}.xml"


SHEET_HEAD = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def _many_cells(count: int, width: int = 1000) -> Callable[[Any], None]:
    def write(stream: Any) -> None:
        stream.write(SHEET_HEAD + b'<dimension ref="A1"/><sheetData>')
        row = b"<row>" + b"<c><v>7</v></c>" * width + b"</row>"
        for _ in range(count // width):
            stream.write(row)
        stream.write(b"</sheetData></worksheet>")

    return write


def test_a_two_million_cell_sheet_is_refused_unread_with_its_place(tmp_path: Path, exported: bytes) -> None:
    member = _sheet_member(exported, "facts")
    path = _with_sheet_xml(exported, tmp_path, member, _many_cells(2_000_000))
    start = time.perf_counter()
    lines = _refused(path)
    assert time.perf_counter() - start < 60  # not a timing test: only that it is not read whole
    assert lines == [f"{path}: PP105 error: unpacks to more than 16 MiB: far more than any parplan workbook"]


def test_the_cell_cap_stops_a_sheet_within_the_unpacked_cap(
    tmp_path: Path, exported: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cells, "MAX_CELLS", 5_000)
    member = _sheet_member(exported, "facts")
    path = _with_sheet_xml(exported, tmp_path, member, _many_cells(10_000, width=100))
    assert _refused(path) == [
        f"{path}:facts!A1: PP123 error: more than 5,000 cells is refused: far more than any parplan workbook"
    ]


def test_a_sheet_parplan_does_not_read_is_not_read(
    tmp_path: Path, exported: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The instructions sheet's cells are never parsed: they do not count against the cap."""
    monkeypatch.setattr(cells, "MAX_CELLS", 5_000)
    member = _sheet_member(exported, "How to fill in")
    path = _with_sheet_xml(exported, tmp_path, member, _many_cells(10_000, width=100))
    assert _import(path)[0] == 0


def test_a_corrupt_sheet_that_is_read_is_a_placed_problem(tmp_path: Path, exported: bytes) -> None:
    """openpyxl raises ValueError on a number cell holding ``abc``: a placed PP142, no traceback."""
    member = _sheet_member(exported, "bodies")
    bad = (
        SHEET_HEAD
        + b'<dimension ref="A1"/><sheetData><row r="1"><c r="A1"><v>abc</v></c></row></sheetData></worksheet>'
    )
    path = _with_sheet_xml(exported, tmp_path, member, lambda stream: stream.write(bad))
    [line] = _refused(path)
    assert line.startswith(f"{path}:bodies!A1: PP142 error: is not a readable Excel workbook (.xlsx): ")


def test_a_large_workbook_file_is_refused_before_it_is_opened(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    with path.open("wb") as stream:
        stream.truncate(cells.MAX_BYTES + 1)
    assert _refused(path) == [f"{path}: PP105 error: is larger than 16 MiB"]


# --- class 8: one mistake, one message -----------------------------------------------------------


def test_a_numeric_id_is_refused_once(tmp_path: Path, exported: bytes) -> None:
    """par.1's id is both the criterion's and its target's: one cell, one PP209 line."""

    def edit(book: Any) -> None:
        book["PAR"]["A3"] = 12

    lines = _refused(_edited(tmp_path, exported, edit))
    assert lines == [
        f"{tmp_path / 'plan.xlsx'}:PAR!A3: PP209 error: id: expected an id such as par.2.impl"
        " (lower-case letters, digits, _ and dots), got '12'"
    ]
