"""Writes the units' score workbooks (``units sheet``) and turns the returned ones into a year's
scores (``units collect``), all or nothing.

A unit's workbook holds the criteria that apply to it, in order, then bonus and penalty, with
one column each for its own score, applicable (``có``/``không``), evidence and the council's
score. Those four are the only cells it can type in: the sheet is protected (without a password:
the protection keeps a max or an id from being changed by accident, it is no lock), and the
score cells take a number from 0 to the row's max (Excel's data validation). The layout is
:mod:`parplan.reading.unit_sheets`', which reads the workbooks back.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from parplan.core.output import write_files
from parplan.core.workbook import put_cell
from parplan.models.units import Unit, UnitsFile
from parplan.reading.unit_sheets import (
    APPRAISAL_LABEL,
    COLUMNS,
    FIRST_ROW,
    HEADER_ROW,
    HELP_SHEET,
    INPUTS,
    NO,
    SHEET,
    UNIT_LABEL,
    YES,
    CellTable,
    collect,
    header,
    letter,
    sheet_rows,
)
from parplan.reading.units import load_units, scores_csv, shown_id
from parplan.vocab import rules
from parplan.vocab.problems import InputError, Msg, Problem, errors, msg

HELP = (
    "Bảng tự chấm điểm chỉ số cải cách hành chính của đơn vị, do parplan tạo (`parplan units sheet`).",
    "Chỉ nhập vào các cột Tự chấm (self), Áp dụng (applicable), Tài liệu kiểm chứng (evidence);"
    " cột Thẩm định (appraised) do Hội đồng thẩm định nhập.",
    "Không thêm, xóa, đổi tên hoặc đổi thứ tự dòng; không sửa mã tiêu chí, tên tiêu chí và điểm tối đa.",
    "Tự chấm: một số từ 0 đến điểm tối đa của dòng, nhập dạng số (1,25 hoặc 1.25 tùy máy), không dùng"
    " công thức, không định dạng phần trăm.",
    "Áp dụng: để trống hoặc chọn 'có' khi tiêu chí áp dụng cho đơn vị; chọn 'không' khi không áp dụng"
    " (điểm tối đa của đơn vị khi đó không tính tiêu chí này).",
    "Tài liệu kiểm chứng: số và ngày của văn bản, hoặc giải trình; mỗi điểm tự chấm lớn hơn 0 cần có tài"
    " liệu kiểm chứng.",
    "Dòng bonus là điểm thưởng, dòng penalty là điểm trừ (nhập số dương), trong giới hạn điểm tối đa.",
    "Ô B1 là mã đơn vị: không sửa. Gửi lại tệp cho Sở Nội vụ; Sở Nội vụ tổng hợp bằng"
    " `parplan units collect`, mọi lỗi được báo kèm vị trí ô, ví dụ so-tu-phap.xlsx:Tự chấm!D12.",
)
"""The instructions sheet, in Vietnamese: the workbook goes to the province's own units."""


def _sheet(book: Any, title: str, units: UnitsFile, unit: Unit, *, appraisal: bool) -> None:
    from openpyxl.styles import Font, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    sheet = book.create_sheet(title)
    for column, value in zip(
        "ABC", (APPRAISAL_LABEL if appraisal else UNIT_LABEL, unit.id, unit.name), strict=True
    ):
        put_cell(sheet, 1, "ABC".index(column) + 1, value)
    for n, (key, _vi) in enumerate(COLUMNS, start=1):
        put_cell(sheet, HEADER_ROW, n, header(key)).font = Font(bold=True)
    rows = sheet_rows(units, unit)
    choice = DataValidation(type="list", formula1=f'"{YES},{NO}"', allow_blank=True)
    sheet.add_data_validation(choice)
    for r, row in enumerate(rows, start=FIRST_ROW):
        for n, given in enumerate((row.criterion, row.name, row.max), start=1):
            put_cell(sheet, r, n, given)
        for key in INPUTS:
            sheet[f"{letter(key)}{r}"].protection = Protection(locked=False)
        for key in ("self", "appraised"):
            top = row.max if row.max is not None else 0
            rule = DataValidation(type="decimal", operator="between", formula1="0", formula2=str(top))
            rule.error = f"0 ≤ … ≤ {top}"
            rule.showErrorMessage = True
            sheet.add_data_validation(rule)
            rule.add(f"{letter(key)}{r}")
        choice.add(f"{letter('applicable')}{r}")
    for key, width in (("criterion", 14), ("name", 60), ("evidence", 40)):
        sheet.column_dimensions[letter(key)].width = width
    sheet.freeze_panes = f"A{FIRST_ROW}"
    sheet.protection.sheet = True  # no password: it keeps ids and maxima from accidents only


def _book(units: UnitsFile, chosen: Sequence[Unit], *, appraisal: bool) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    titles: set[str] = set()
    for unit in chosen:
        title = SHEET if not appraisal else _title(unit.id, titles)
        _sheet(book, title, units, unit, appraisal=appraisal)
    help_sheet = book.create_sheet(HELP_SHEET)
    help_sheet.column_dimensions["A"].width = 120
    for n, line in enumerate(HELP, start=1):
        put_cell(help_sheet, n, 1, line)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _title(ident: str, taken: set[str]) -> str:
    """A sheet title for a unit: its id, cut to Excel's 31 characters, made unique."""
    title, n = ident[:31], 1
    while title in taken:
        n += 1
        title = f"{ident[: 31 - len(str(n)) - 1]}~{n}"
    taken.add(title)
    return title


def sheet_files(
    units_path: Path, *, unit: str | None, folder: Path | None, output: Path | None, appraisal: bool
) -> dict[Path, bytes]:
    """The workbooks ``units sheet`` writes: one unit's, every unit's (one file each), or the council's."""
    units, _ = load_units(units_path)
    if unit is not None:
        found = units.unit(unit)
        if found is None:
            raise InputError([Problem(str(units_path), None, None, None, rules.UNKNOWN_UNIT, _unknown(unit))])
        assert output is not None
        return {output: _book(units, [found], appraisal=False)}
    if appraisal:
        assert output is not None
        return {output: _book(units, units.units, appraisal=True)}
    assert folder is not None
    return {folder / f"{u.id}.xlsx": _book(units, [u], appraisal=False) for u in units.units}


def _unknown(unit: str) -> Msg:
    return msg("u-unknown-unit", unit=shown_id(unit), hint=Msg("blank"))


def write_sheets(files: dict[Path, bytes]) -> list[Path]:
    """All the workbooks or none: every file in the way is named before anything is written."""
    write_files(files, overwrite=False, make_folders=True)
    return list(files)


def collected(
    units_path: Path, workbooks: Sequence[Path], output: Path, *, appraised: bool
) -> tuple[bytes, list[Problem]]:
    """The year's scores from the returned workbooks, as ``output``'s format (CSV or its YAML twin),
    with the warnings; any error raises them all (nothing is written)."""
    from parplan.reading.units import year_of

    units, _ = load_units(units_path)
    files = [(path, str(path)) for path in workbooks]
    table, found = collect(units, files, appraised=appraised, display=str(units_path), year=year_of(output))
    if errors(found):
        raise InputError(errors(found))
    data = _yaml(table) if output.suffix.lower() in (".yaml", ".yml") else scores_csv(table.rows)
    return data.encode("utf-8"), [p for p in found if p.severity == "warning"]


def _yaml(table: CellTable) -> str:
    """The YAML twin of ``scores_YEAR.csv``: ``year`` and ``scores:`` rows with the CSV's keys,
    each number as the CSV writes it (plain, exact: ``4``, ``0.7``)."""
    from parplan.core.dumping import dump_data

    rows = []
    for row in table.rows:
        entry: dict[str, Any] = {"unit": row.unit, "criterion": row.criterion}
        if row.self is not None:
            entry["self"] = row.self
        if row.appraised is not None:
            entry["appraised"] = row.appraised
        if not row.applicable:
            entry["applicable"] = "no"
        if row.note is not None:
            entry["note"] = row.note
        rows.append(entry)
    head: dict[str, Any] = {"year": table.year} if table.year is not None else {}
    return dump_data(head | {"scores": rows})


__all__ = ["collected", "sheet_files", "write_sheets"]
