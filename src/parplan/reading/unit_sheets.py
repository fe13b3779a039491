"""Reads the units' returned score workbooks (``units collect``): each cell placed, every problem at once.

A unit's workbook (``units sheet``) has one sheet, ``Tự chấm``: row 1 names the unit (``A1``
``Đơn vị (unit)``, ``B1`` its id), row 2 the headers, one row per criterion that applies to the
unit below, then the bonus and penalty rows. A council's workbook (``units sheet --appraisal``)
has one such sheet per unit, row 1 saying ``Đơn vị thẩm định (appraisal)``: from it only the
appraised column is taken. The layout is this module's, and :mod:`parplan.core.unit_sheets`
writes from it, so the two cannot drift. Cells come through :mod:`parplan.reading.cells`: the
caps, formulas, text in a number cell and percent-formatted cells are refused as in the plan
workbook. The rows become the long table of ``scores_YEAR.csv`` (:class:`ScoreRow`), checked by
the same rules as the CSV (:func:`parplan.reading.units.check_scores`), placed in their cells.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from parplan.models.plan import control_in_prose
from parplan.models.units import BONUS, PENALTY, ScoreRow, Unit, UnitsFile, applicable_value, applies
from parplan.reading.cells import Book, Cell, formula_or_error, number, open_book, text
from parplan.reading.units import ScoreTable, check_scores, shown_id
from parplan.vocab import rules
from parplan.vocab.problems import InputError, Msg, Problem, msg, quoted

SHEET = "Tự chấm"
"""The one sheet of a unit's workbook; ``so-tu-phap.xlsx:Tự chấm!D12`` places its problems."""
HELP_SHEET = "Hướng dẫn"
UNIT_LABEL = "Đơn vị (unit)"
APPRAISAL_LABEL = "Đơn vị thẩm định (appraisal)"
HEADER_ROW = 2
FIRST_ROW = 3
COLUMNS: tuple[tuple[str, str], ...] = (
    ("criterion", "Mã tiêu chí"),
    ("name", "Tên tiêu chí"),
    ("max", "Điểm tối đa"),
    ("self", "Tự chấm"),
    ("applicable", "Áp dụng"),
    ("evidence", "Tài liệu kiểm chứng"),
    ("appraised", "Thẩm định"),
)
"""Each column's key and Vietnamese header: the header is ``Tự chấm (self)``, the key in
parentheses, as the plan workbook's are. ``self`` is column D, as the issue's example says."""
INPUTS = ("self", "applicable", "evidence", "appraised")
"""The columns a unit (or the council) types in; every other cell is protected."""
YES, NO = "có", "không"
BONUS_NAME = "Điểm thưởng (bonus)"
PENALTY_NAME = "Điểm trừ (penalty)"


def header(key: str) -> str:
    return f"{dict(COLUMNS)[key]} ({key})"


def letter(key: str) -> str:
    """The column letter of ``key``: ``D`` for ``self``."""
    return "ABCDEFG"[[k for k, _ in COLUMNS].index(key)]


@dataclass(frozen=True)
class SheetRow:
    """A row the criteria set gives a unit's sheet: the criterion's id, name and maximum."""

    criterion: str
    name: str
    max: Decimal | None


def sheet_rows(units: UnitsFile, unit: Unit) -> list[SheetRow]:
    """The unit's rows, in order: its block's leaf criteria, then bonus and penalty if the set has them."""
    rows = [
        SheetRow(leaf.id, leaf.criterion.name, leaf.max)
        for leaf in units.leaves()
        if applies(leaf, unit.block)
    ]
    if units.bonus is not None:
        rows.append(SheetRow(BONUS, BONUS_NAME, units.bonus.max))
    if units.penalty is not None:
        rows.append(SheetRow(PENALTY, PENALTY_NAME, units.penalty.max))
    return rows


# --- reading ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CellTable(ScoreTable):
    """A year's scores collected from workbooks: each row's cells, so a rule's problem is placed
    ``so-tu-phap.xlsx:Tự chấm!D12`` as a CSV's is placed at its line and column."""

    cells: tuple[Mapping[str, str], ...] = ()

    def problem(self, n: int, column: str, code: str, message: Msg) -> Problem:
        places = self.cells[n]
        where = places.get(column) or places.get("criterion") or self.file
        return Problem(where, None, None, None, code, message)


@dataclass
class _Sheet:
    """One unit's sheet as read: whose it is, its rows and each row's cells."""

    file: str
    unit: str
    appraisal: bool
    where: str
    rows: list[ScoreRow] = field(default_factory=list)
    cells: list[dict[str, str]] = field(default_factory=list)


class _Collector:
    """Reads the workbooks' sheets, keeping every problem, to report them at once."""

    def __init__(self, units: UnitsFile, appraised: bool) -> None:
        self.units = units
        self.appraised = appraised
        self.problems: list[Problem] = []
        self.sheets: list[_Sheet] = []
        self._path: Path | None = None
        self._cached: dict[str, dict[tuple[int, int], tuple[Any, str]]] = {}

    def refuse(self, where: str, code: str, message: Msg) -> None:
        self.problems.append(Problem(where, None, None, None, code, message))

    def read(self, path: Path, name: str) -> None:
        self._path, self._cached = path, {}
        with open_book(path, name) as book:
            titles = [t for t in book.sheetnames if t != HELP_SHEET]
            if not titles:
                self.refuse(name, rules.MISSING_SHEET, msg("sheet-missing", sheet=quoted(SHEET)))
            for title in titles:
                self._sheet(book, name, title)

    def _sheet(self, book: Book, name: str, title: str) -> None:
        rows = book.rows(title)
        by_row: dict[int, dict[str, Cell]] = {}
        for number_, cells in rows:
            by_row[number_] = {c.coordinate.rstrip("0123456789"): c for c in cells}
        found = self._whose(name, title, by_row.get(1, {}))
        if found is None:
            return
        self._header(name, title, by_row.get(HEADER_ROW, {}))
        unit = self.units.unit(found.unit)
        assert unit is not None  # _whose refused an unknown unit
        expected = {row.criterion: row for row in sheet_rows(self.units, unit)}
        seen: set[str] = set()
        for number_ in sorted(n for n in by_row if n >= FIRST_ROW):
            self._row(found, expected, seen, number_, by_row[number_])
        for criterion in expected:
            if criterion not in seen:
                where = f"{name}:{title}!A{HEADER_ROW}"
                self.refuse(
                    where, rules.CRITERION_ROWS_CHANGED, msg("u-row-deleted", criterion=quoted(criterion))
                )
        self.sheets.append(found)

    def _whose(self, name: str, title: str, first: Mapping[str, Cell]) -> _Sheet | None:
        label = str(first["A"].value).strip() if "A" in first else ""
        ident = str(first["B"].value).strip() if "B" in first else ""
        place = f"{name}:{title}!B1"
        if label not in (UNIT_LABEL, APPRAISAL_LABEL) or not ident:
            self.refuse(f"{name}:{title}!A1", rules.NOT_A_SCORE_SHEET, msg("u-not-sheet", label=UNIT_LABEL))
            return None
        if self.units.unit(ident) is None:
            self.refuse(
                place, rules.UNKNOWN_UNIT, msg("u-unknown-unit", unit=shown_id(ident), hint=Msg("blank"))
            )
            return None
        return _Sheet(name, ident, label == APPRAISAL_LABEL, place)

    def _header(self, name: str, title: str, cells: Mapping[str, Cell]) -> None:
        for key, _vi in COLUMNS:
            cell = cells.get(letter(key))
            got = unicodedata.normalize("NFC", str(cell.value).strip()) if cell is not None else ""
            if got != header(key):
                where = f"{name}:{title}!{letter(key)}{HEADER_ROW}"
                message = msg("u-sheet-header", expected=quoted(header(key)), got=quoted(got))
                self.refuse(where, rules.UNKNOWN_COLUMN, message)
        self._added_columns(name, title, cells)

    def _added_columns(self, name: str, title: str, cells: Mapping[str, Cell]) -> None:
        """A header past the sheet's columns is a column added: a second ``Tự chấm (self)``
        would otherwise be ignored silently, so it is refused, naming the first."""
        firsts = {header(key): f"{name}:{title}!{letter(key)}{HEADER_ROW}" for key, _vi in COLUMNS}
        for column, cell in sorted(cells.items(), key=lambda item: (len(item[0]), item[0])):
            got = unicodedata.normalize("NFC", str(cell.value).strip())
            if column in "ABCDEFG" or not got:
                continue
            where = f"{name}:{title}!{column}{HEADER_ROW}"
            if got in firsts:
                self.refuse(
                    where, rules.COLUMN_TWICE, msg("column-twice", column=quoted(got), first=firsts[got])
                )
            else:
                known = ", ".join(firsts)
                self.refuse(
                    where, rules.UNKNOWN_COLUMN, msg("unknown-column", column=quoted(got), known=known)
                )

    def _row(
        self,
        found: _Sheet,
        expected: Mapping[str, SheetRow],
        seen: set[str],
        row: int,
        cells: Mapping[str, Cell],
    ) -> None:
        place = f"{found.file}:{cells[next(iter(cells))].sheet}!"
        ident = str(cells["A"].value).strip() if "A" in cells else ""
        if ident not in expected or ident in seen:
            self.refuse(
                f"{place}A{row}", rules.CRITERION_ROWS_CHANGED, msg("u-row-added", criterion=quoted(ident))
            )
            return
        seen.add(ident)
        if not self._unchanged(place, row, expected[ident], cells):
            return
        values = {key: self._value(place, key, cells.get(letter(key))) for key in INPUTS}
        if all(value is None for value in values.values()):
            return  # a row left empty is a row the CSV would not have
        places = {key: f"{place}{letter(key)}{row}" for key in (*INPUTS, "criterion")}
        places["unit"] = found.where
        places["note"] = places["evidence"]
        applicable = applicable_value(values["applicable"])
        if applicable is None:
            said = msg(
                "u-applicable-sheet", column=quoted(header("applicable")), value=quoted(values["applicable"])
            )
            self.refuse(places["applicable"], rules.UNREADABLE_SCORE_CELL, said)
            return
        own = values["self"] if isinstance(values["self"], Decimal) else None
        appraised = values["appraised"] if isinstance(values["appraised"], Decimal) else None
        if not (self.appraised or found.appraisal):
            appraised = None
        evidence = values["evidence"]
        note = evidence.strip() if isinstance(evidence, str) and evidence.strip() else None
        refused = control_in_prose(note) if note else None
        if refused is not None:
            self.refuse(places["evidence"], rules.CONTROL_CHARACTER_IN_TEXT, refused)
            return
        found.rows.append(ScoreRow(found.unit, ident, own, appraised, applicable, note))
        found.cells.append(places)

    def _unchanged(self, place: str, row: int, want: SheetRow, cells: Mapping[str, Cell]) -> bool:
        """The row's name and maximum as the criteria set gives them: a renamed row is refused."""
        name = str(cells["B"].value).strip() if "B" in cells else ""
        top = number(cells["C"])[0] if "C" in cells else None
        ok = True
        if unicodedata.normalize("NFC", name) != unicodedata.normalize("NFC", want.name):
            message = msg("u-row-renamed", criterion=quoted(want.criterion), got=quoted(name))
            self.refuse(f"{place}B{row}", rules.CRITERION_ROWS_CHANGED, message)
            ok = False
        if top != want.max:
            message = msg("u-row-renamed", criterion=quoted(want.criterion), got=quoted(str(top)))
            self.refuse(f"{place}C{row}", rules.CRITERION_ROWS_CHANGED, message)
            ok = False
        return ok

    def _value(self, place: str, key: str, cell: Cell | None) -> object:
        """An input cell's value: a number for the scores, text for the others; refused at its cell."""
        if cell is None or (isinstance(cell.value, str) and not cell.value.strip()):
            return None
        refused = formula_or_error(cell)
        if refused is not None and refused[0] == rules.CELL_WITH_FORMULA:
            cached = self._cached_cell(cell)  # the value Excel computed and saved, if it did
            if cached is not None:
                cell, refused = cached, formula_or_error(cached)
        if refused is None and key in ("self", "appraised"):
            value, refused = number(cell)
            if refused is None:
                return value
        if refused is not None:
            code, message = refused
            self.refuse(f"{place}{cell.coordinate}", code, msg("at-key", key=key, message=message))
            return None
        return text(cell.value)

    def _cached_cell(self, cell: Cell) -> Cell | None:
        """A formula cell as the value its workbook saved with it (Excel saves one; a workbook
        written by a library usually has none), with the cell's number format: None if none."""
        if self._path is None:
            return None
        if cell.sheet not in self._cached:
            self._cached[cell.sheet] = _saved_values(self._path, cell.sheet)
        found = self._cached[cell.sheet].get((cell.row, cell.column))
        if found is None:
            return None
        value, kind = found
        return Cell(cell.sheet, cell.row, cell.column, value, kind, cell.number_format)


def _saved_values(path: Path, sheet: str) -> dict[tuple[int, int], tuple[Any, str]]:
    """The values saved with a sheet's formulas, by (row, column): a second, read-only pass over a
    workbook that has a formula in an input cell, which is rare, so the common case pays nothing.
    The file passed the caps on its first reading; one openpyxl cannot read again has none."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # openpyxl raises what its parser raises: no saved values
        return {}
    try:
        ws = book[sheet]
        ws.reset_dimensions()
        return {
            (c.row, c.column): (c.value, c.data_type)
            for row in ws.iter_rows()
            for c in row
            if getattr(c, "value", None) is not None
        }
    except Exception:  # as above
        return {}
    finally:
        book.close()


def _merged(collector: _Collector) -> tuple[list[ScoreRow], list[dict[str, str]]]:
    """The units' own rows, with the council's appraised scores put in; a unit's second
    workbook (or a council's second sheet for one unit) is refused, naming the first."""
    own: dict[str, _Sheet] = {}
    council: dict[str, _Sheet] = {}
    for sheet in collector.sheets:
        kept = council if sheet.appraisal else own
        if sheet.unit in kept:
            message = msg("u-sheet-twice", unit=quoted(sheet.unit), first=kept[sheet.unit].where)
            collector.refuse(sheet.where, rules.SECOND_WORKBOOK, message)
            continue
        kept[sheet.unit] = sheet
    rows: list[ScoreRow] = []
    cells: list[dict[str, str]] = []
    for unit in collector.units.units:
        for row, place in _unit_rows(own.get(unit.id), council.get(unit.id)):
            rows.append(row)
            cells.append(place)
    return rows, cells


def _unit_rows(mine: _Sheet | None, theirs: _Sheet | None) -> list[tuple[ScoreRow, dict[str, str]]]:
    """A unit's rows: its own, with the council's appraised score where the council gave one;
    the council's alone (no self score) when the unit sent nothing."""
    if mine is None:
        if theirs is None:
            return []
        return [
            (ScoreRow(r.unit, r.criterion, None, r.appraised, r.applicable, None), c)
            for r, c in zip(theirs.rows, theirs.cells, strict=True)
        ]
    given = {r.criterion: (r, c) for r, c in zip(theirs.rows, theirs.cells, strict=True)} if theirs else {}
    found: list[tuple[ScoreRow, dict[str, str]]] = []
    for row, place in zip(mine.rows, mine.cells, strict=True):
        other = given.get(row.criterion)
        if other is None or other[0].appraised is None:
            found.append((row, place))
            continue
        merged = ScoreRow(row.unit, row.criterion, row.self, other[0].appraised, row.applicable, row.note)
        found.append((merged, {**place, "appraised": other[1]["appraised"]}))
    return found


def _no_evidence(table: CellTable) -> list[Problem]:
    """A self score above 0 with nothing in the evidence cell: a warning, since the score stands."""
    return [
        table.problem(n, "self", rules.NO_EVIDENCE, msg("u-no-evidence", score=str(row.self)))
        for n, row in enumerate(table.rows)
        if row.self and row.note is None
    ]


def collect(
    units: UnitsFile, files: Sequence[tuple[Path, str]], *, appraised: bool, display: str, year: int | None
) -> tuple[CellTable, list[Problem]]:
    """Every workbook read into one table of scores, and every problem (errors and warnings) found,
    the reading's and the rules' together, each once."""
    collector = _Collector(units, appraised)
    for path, name in files:
        try:
            collector.read(path, name)
        except InputError as error:  # a file that cannot be read at all: the others still are
            collector.problems.extend(error.problems)
    rows, cells = _merged(collector)
    table = CellTable(display, year, tuple(rows), tuple(range(len(rows))), cells=tuple(cells))
    found = [*collector.problems, *check_scores(units, table), *_no_evidence(table)]
    once: dict[str, Problem] = {}
    for problem in found:
        once.setdefault(problem.format(), problem)
    return table, list(once.values())


__all__ = [
    "APPRAISAL_LABEL",
    "COLUMNS",
    "FIRST_ROW",
    "HEADER_ROW",
    "HELP_SHEET",
    "INPUTS",
    "NO",
    "SHEET",
    "UNIT_LABEL",
    "YES",
    "CellTable",
    "SheetRow",
    "collect",
    "header",
    "letter",
    "sheet_rows",
]
