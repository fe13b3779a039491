"""Owns the plan workbook: a baseline and its targets as an editable Excel file, and back.

Analysts keep these numbers in Excel; YAML is how parplan keeps them. The workbook has one
sheet per index (one row per criterion: score, rank, maximum, increase, comparison, target,
owners), a sheet of the plan's keys, one per list (bodies, deadlines, history, references,
facts) and a sheet explaining how to fill it in. Reading it back gives the same models, value
for value: Excel stores binary floats, so a number is read back through its 15 significant
digits (``9.2779``, never ``9.277900000000001``) and its number format (``12.50`` stays
``12.50``). Every bad cell is a problem placed ``plan.xlsx:PAR!D7``, all at once. openpyxl is
imported inside the two entry points: only ``export`` and ``import`` pay for it.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal

from parplan.models import Baseline, Criterion, Index, Targets
from parplan.problems import InputError, Lang, Msg, Problem, msg, quoted
from parplan.validation import validate
from parplan.yamlread import Key, Parsed

Kind = Literal["text", "number", "rank", "whole", "ids", "date", "choice"]
EXCEL_DIGITS = 15
"""Significant digits a double holds exactly: a cell's float is read back through them."""
HELP_SHEETS = ("Hướng dẫn", "How to fill in")
PLAN_SHEET = "plan"
LIST_SHEETS = ("bodies", "deadlines", "history", "references", "facts")
KPI_SHEET = "KPI"
_PLAIN_DECIMAL = re.compile(r"^[-+]?[0-9]+(\.[0-9]+)?$")
_DECIMAL_COMMA = re.compile(r"^[-+]?[0-9]+,[0-9]+$")
_HEADER_KEY = re.compile(r"\(([a-z_]+)\)\s*$")
_FORMAT_PLACES = re.compile(r"^0(?:\.(0+))?$")


@dataclass(frozen=True)
class Column:
    """A column of a sheet: the key it holds, how its cells are read, its header in both languages."""

    key: str
    kind: Kind
    vi: str
    en: str

    def header(self, lang: Lang) -> str:
        return f"{self.vi if lang == 'vi' else self.en} ({self.key})"


C = Column
INDEX_COLUMNS = (
    C("id", "text", "Mã", "Id"),
    C("name", "text", "Tên", "Name"),
    C("name_en", "text", "Tên tiếng Anh", "English name"),
    C("score", "number", "Điểm số", "Score"),
    C("rank", "rank", "Thứ hạng", "Rank"),
    C("max", "number", "Điểm tối đa", "Maximum"),
    C("increase", "number", "Dự kiến tăng", "Increase"),
    C("comparison", "choice", "So sánh", "Comparison"),
    C("target", "number", "Mục tiêu", "Target"),
    C("owners", "ids", "Cơ quan chịu trách nhiệm", "Owners"),
    C("unit", "choice", "Đơn vị", "Unit"),
    C("part_of", "text", "Thuộc", "Part of"),
    C("note", "text", "Ghi chú", "Note"),
    C("target_note", "text", "Ghi chú mục tiêu", "Target note"),
    C("short_name", "text", "Tên viết tắt", "Short name"),
    C("total", "choice", "Cách tính tổng", "Total"),
)
"""The index sheets' columns; ``D`` is the score, as the messages' example ``PAR!D7`` says."""
_CRITERION_KEYS = ("id", "name", "name_en", "unit", "max", "score", "rank", "note")
_INDEX_KEYS = ("id", "name", "name_en", "short_name", "unit", "total", "rank")
_TARGET_KEYS = {"increase": "increase", "comparison": "comparison", "target": "target"}
_TARGET_KEYS |= {"owners": "owners", "target_note": "note"}
LIST_COLUMNS: Mapping[str, tuple[Column, ...]] = {
    "bodies": (
        C("id", "text", "Mã cơ quan", "Body id"),
        C("name", "text", "Tên", "Name"),
        C("name_en", "text", "Tên tiếng Anh", "English name"),
        C("duties", "text", "Nhiệm vụ", "Duties"),
    ),
    "deadlines": (
        C("date", "date", "Thời hạn", "Date"),
        C("task", "text", "Nhiệm vụ", "Task"),
        C("task_en", "text", "Nhiệm vụ (tiếng Anh)", "Task in English"),
        C("owners", "ids", "Cơ quan chịu trách nhiệm", "Owners"),
    ),
    "history": (
        C("id", "text", "Mã", "Id"),
        C("year", "whole", "Năm", "Year"),
        C("score", "number", "Điểm số", "Score"),
        C("rank", "rank", "Thứ hạng", "Rank"),
    ),
    "references": (
        C("id", "text", "Mã", "Id"),
        C("kind", "choice", "Loại", "Kind"),
        C("value", "number", "Giá trị", "Value"),
        C("unit", "choice", "Đơn vị", "Unit"),
        C("province", "text", "Tỉnh", "Province"),
        C("note", "text", "Ghi chú", "Note"),
        C("source", "text", "Nguồn", "Source"),
    ),
    "facts": (
        C("id", "text", "Mã", "Id"),
        C("text", "text", "Nội dung", "Text"),
        C("source", "text", "Nguồn", "Source"),
    ),
}
LIST_OWNER: Mapping[str, Literal["baseline", "targets"]] = {
    "bodies": "targets",
    "deadlines": "targets",
    "history": "baseline",
    "references": "baseline",
    "facts": "baseline",
}
PLAN_KEYS: tuple[tuple[Literal["baseline", "targets"], str, Kind, str, str], ...] = (
    ("baseline", "province", "text", "Tỉnh, thành phố", "Province"),
    ("baseline", "year", "whole", "Năm của số liệu gốc", "Year of the baseline"),
    ("baseline", "source", "text", "Nguồn số liệu", "Source of the numbers"),
    ("targets", "province", "text", "Tỉnh, thành phố của kế hoạch", "Province of the plan"),
    ("targets", "year", "whole", "Năm kế hoạch", "Year of the plan"),
    ("targets", "baseline_year", "whole", "Năm gốc của kế hoạch", "Baseline year of the plan"),
    ("targets", "title", "text", "Tên kế hoạch", "Title of the plan"),
    ("targets", "goal", "text", "Mục tiêu chung", "General goal"),
    ("targets", "goal_en", "text", "Mục tiêu chung (tiếng Anh)", "General goal in English"),
)
"""The plan sheet: one row per file-level key, ``baseline.year`` and so on."""

HELP: Mapping[Lang, tuple[str, ...]] = {
    "vi": (
        "Bảng tính kế hoạch của parplan: điền số liệu rồi chạy `parplan import TỆP.xlsx --to THƯ-MỤC`.",
        "Mỗi trang PAR, PAPI, SIPAS (và KPI) là một chỉ số; dòng 2 là chỉ số, mỗi dòng sau là một"
        " tiêu chí; cột part_of ghi mã của lĩnh vực mà phần đó thuộc về.",
        "Ô để trống là chưa biết (null). Không nhập 0 thay cho ô trống: 0 điểm là một kết quả.",
        "Số: nhập dạng số (9,2779 hoặc 9.2779 tùy máy), không nhập dưới dạng văn bản, không dùng công thức.",
        "Thứ hạng: dạng k/N như 12/34 trong ô định dạng văn bản (Excel có thể đổi 12/3 thành ngày).",
        "Cột comparison: > (cao hơn) hoặc >= (đạt ít nhất). Có mục tiêu khi một trong các cột"
        " increase, comparison, target, owners, target_note có giá trị.",
        "owners: mã các cơ quan ở trang bodies, cách nhau bằng dấu phẩy: so-noi-vu, so-tu-phap.",
        "Trang plan: tỉnh, năm và tên kế hoạch. Trang bodies, deadlines, history, references,"
        " facts: mỗi dòng một mục, tên cột là khóa trong tệp YAML (xem docs/writing-a-plan.md).",
        "Ô không đọc được trong văn bản gốc: để trống và ghi lý do ở cột note.",
        "Văn bản gốc tự mâu thuẫn: nhập đúng như văn bản, ghi chú ở note; `parplan validate` sẽ cảnh báo.",
        "Lỗi được báo kèm vị trí ô, ví dụ plan.xlsx:PAR!D7: score: expected a number, got 'mười hai'.",
    ),
    "en": (
        "parplan's plan workbook: fill it in, then run `parplan import FILE.xlsx --to FOLDER`.",
        "Each sheet PAR, PAPI, SIPAS (and KPI) is an index; row 2 is the index, each row below a"
        " criterion; the part_of column gives the id of the field a part belongs to.",
        "An empty cell is unknown (null). Never type 0 for an empty cell: 0 points is a result.",
        "Numbers: type them as numbers, not as text, and not as formulas.",
        "Ranks: k/N such as 12/34, in a cell formatted as Text (Excel may turn 12/3 into a date).",
        "comparison: > (more than) or >= (at least). A row has a target when any of increase,"
        " comparison, target, owners, target_note is filled in.",
        "owners: ids of bodies from the bodies sheet, separated by commas: so-noi-vu, so-tu-phap.",
        "The plan sheet: province, years and title. The sheets bodies, deadlines, history,"
        " references, facts: one entry per row; the column names are the YAML keys"
        " (see docs/writing-a-plan.en.md).",
        "A cell that cannot be read in the source: leave it empty and say why in note.",
        "A source that contradicts itself: type what it says, add a note; `parplan validate` warns.",
        "Problems name their cell, e.g. plan.xlsx:PAR!D7: score: expected a number, got 'mười hai'.",
    ),
}


# --- writing ------------------------------------------------------------------------------


def _sheet_name(index: Index) -> str:
    """``PAR`` for ``par``: short, legal, and the same in both languages, so import finds it."""
    return index.id.upper()[:31]


def _targets_by_id(targets: Targets) -> dict[str, Any]:
    return {target.id: target for target in targets.targets}


def _criterion_row(criterion: Criterion, parent: str | None, target: Any) -> dict[str, Any]:
    row: dict[str, Any] = {key: getattr(criterion, key) for key in _CRITERION_KEYS}
    row["part_of"] = parent
    return row | _target_cells(target)


def _target_cells(target: Any) -> dict[str, Any]:
    if target is None:
        return {}
    cells = {column: getattr(target, key) for column, key in _TARGET_KEYS.items()}
    cells["owners"] = ", ".join(target.owners) or None
    return cells


def _criterion_rows(
    criteria: Sequence[Criterion], parent: str | None, targets: Mapping[str, Any]
) -> Iterator[dict[str, Any]]:
    for criterion in criteria:
        yield _criterion_row(criterion, parent, targets.get(criterion.id))
        yield from _criterion_rows(criterion.parts, criterion.id, targets)


def _index_rows(index: Index, targets: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    head: dict[str, Any] = {key: getattr(index, key) for key in _INDEX_KEYS}
    yield head | _target_cells(targets.get(index.id))
    yield from _criterion_rows(index.criteria, None, targets)


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _put(sheet: Any, row: int, column: int, value: Any) -> Any:
    """One cell: numbers as numbers with their decimal places shown, text never a formula."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, Decimal):
        digits = len(value.as_tuple().digits)
        if digits > EXCEL_DIGITS:  # a double cannot hold it: keep the exact text
            cell.value, cell.data_type = format(value, "f"), "s"
            return cell
        cell.value = int(value) if _places(value) == 0 else float(value)
        places = _places(value)
        cell.number_format = "0" if places == 0 else "0." + "0" * places
    elif isinstance(value, str):
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        cell.value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
        cell.data_type = "s"  # "=HYPERLINK(...)" in a name stays text
    elif value is not None:
        cell.value = value
    return cell


def _validation(sheet: Any, letter: str, row: int, low: Decimal, high: Decimal | None) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    if high is None:
        rule = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1=str(low))
    else:
        rule = DataValidation(type="decimal", operator="between", formula1=str(low), formula2=str(high))
    rule.error = f"{low} ≤ … ≤ {high}" if high is not None else f"≥ {low}"
    rule.showErrorMessage = True
    sheet.add_data_validation(rule)
    rule.add(f"{letter}{row}")


def _ceiling(row: Mapping[str, Any]) -> Decimal | None:
    if row.get("max") is not None:
        return Decimal(row["max"])
    return Decimal(100) if row.get("unit") == "percent" else None


def _write_table(
    sheet: Any, columns: Sequence[Column], rows: Sequence[Mapping[str, Any]], lang: Lang
) -> None:
    from openpyxl.utils import get_column_letter

    for n, column in enumerate(columns, start=1):
        _put(sheet, 1, n, column.header(lang))
        sheet.column_dimensions[get_column_letter(n)].width = 40 if column.key in ("name", "note") else 14
    sheet.freeze_panes = "A2"
    for r, row in enumerate(rows, start=2):
        for n, column in enumerate(columns, start=1):
            cell = _put(sheet, r, n, row.get(column.key))
            if column.kind == "rank":
                cell.number_format = "@"
            if column.kind == "number" and sheet.title not in LIST_SHEETS:
                ceiling = _ceiling(row)
                low = -ceiling if column.key == "increase" and ceiling is not None else Decimal(0)
                _validation(sheet, get_column_letter(n), r, low, ceiling)


def _record(model: Any, columns: Sequence[Column]) -> dict[str, Any]:
    row = {column.key: getattr(model, column.key) for column in columns}
    if "owners" in row:
        row["owners"] = ", ".join(row["owners"]) or None
    return row


def workbook_bytes(baseline: Baseline, targets: Targets, lang: Lang = "vi") -> bytes:
    """The plan as an ``.xlsx`` workbook that :func:`read_workbook` reads back to equal models."""
    from openpyxl import Workbook

    book = Workbook()
    help_sheet = book.active
    help_sheet.title = HELP_SHEETS[0] if lang == "vi" else HELP_SHEETS[1]
    help_sheet.column_dimensions["A"].width = 120
    for n, line in enumerate(HELP[lang], start=1):
        _put(help_sheet, n, 1, line)
    plan = book.create_sheet(PLAN_SHEET)
    for n, (role, key, _kind, vi, en) in enumerate(PLAN_KEYS, start=1):
        model = baseline if role == "baseline" else targets
        _put(plan, n, 1, f"{role}.{key}")
        _put(plan, n, 2, getattr(model, key))
        _put(plan, n, 3, vi if lang == "vi" else en)
    plan.column_dimensions["A"].width = 24
    plan.column_dimensions["B"].width = 60
    by_id = _targets_by_id(targets)
    for index in baseline.indices:
        _write_table(
            book.create_sheet(_sheet_name(index)), INDEX_COLUMNS, list(_index_rows(index, by_id)), lang
        )
    if baseline.indicators:
        rows = list(_criterion_rows(baseline.indicators, None, by_id))
        _write_table(book.create_sheet(KPI_SHEET), INDEX_COLUMNS, rows, lang)
    for name, columns in LIST_COLUMNS.items():
        owner = targets if LIST_OWNER[name] == "targets" else baseline
        records = [_record(item, columns) for item in getattr(owner, name)]
        _write_table(book.create_sheet(name), columns, records, lang)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- reading ------------------------------------------------------------------------------


@dataclass
class CellParsed(Parsed):
    """Workbook data with the cell of each value: problems are placed ``plan.xlsx:PAR!D7``.

    It stands where a parsed YAML file stands, so :func:`parplan.validation.validate` and the
    plan's rules place their problems in cells without knowing about workbooks.
    """

    places: dict[tuple[Key, ...], str] = field(default_factory=dict)
    order: dict[str, int] = field(default_factory=dict)

    def place(self, path: Sequence[Key], where: str) -> None:
        self.places[tuple(path)] = where
        self.order.setdefault(where, len(self.order))

    def problem(self, path: Sequence[Key], code: str, message: Msg, *, key: bool = False) -> Problem:
        """The problem at the nearest placed value: the cell, else its row, else the workbook."""
        steps = tuple(path)
        while steps and steps not in self.places:
            steps = steps[:-1]
        where = self.places.get(steps)
        file = f"{self.file}:{where}" if where else self.file
        return Problem(file, None, None, None, code, message)


class _Reader:
    """One workbook's cells read into the plain data of a baseline and a targets file."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []
        self.baseline = CellParsed(name, {})
        self.targets = CellParsed(name, {})

    def refuse(self, where: str, code: str, message: Msg) -> None:
        self.problems.append(Problem(f"{self.name}:{where}", None, None, None, code, message))

    def value(self, cell: Any, column: Column, where: str) -> Any:
        """A cell as the model expects it, or ``None`` with the problem noted."""
        raw = cell.value
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return None
        if cell.data_type == "f" or (isinstance(raw, str) and raw.startswith("=") and cell.data_type != "s"):
            self.refuse(
                where,
                "PP221",
                msg("at-key", key=column.key, message=msg("cell-formula", formula=quoted(str(raw)[:40]))),
            )
            return None
        if cell.data_type == "e":
            self.refuse(
                where, "PP222", msg("at-key", key=column.key, message=msg("cell-error", value=str(raw)))
            )
            return None
        found, problem = _convert(raw, column, cell.number_format)
        if problem is not None:
            code, message = problem
            self.refuse(where, code, msg("at-key", key=column.key, message=message))
            return None
        return found


def _number(raw: Any, number_format: str) -> tuple[Any, tuple[str, Msg] | None]:
    if isinstance(raw, bool):
        return None, ("PP220", msg("cell-bool", expected=msg("kind-float")))
    if isinstance(raw, int):
        return Decimal(raw), None
    if isinstance(raw, float):
        try:
            value = Decimal(format(raw, f".{EXCEL_DIGITS}g"))
        except InvalidOperation:  # pragma: no cover - format() of a float is always a number
            return None, ("PP220", msg("cell-number", got=quoted(str(raw))))
        shown = _FORMAT_PLACES.match(str(number_format or ""))
        places = len(shown.group(1) or "") if shown else 0
        if value.is_finite() and _places(value) < places:
            value = value.quantize(Decimal(1).scaleb(-places))
        return value, None
    if isinstance(raw, str):
        text = raw.strip()
        if _PLAIN_DECIMAL.match(text):
            return Decimal(text), None
        if _DECIMAL_COMMA.match(text):
            point = text.replace(",", ".")
            return None, ("PP220", msg("cell-comma", got=quoted(raw[:40]), point=point))
        return None, ("PP220", msg("cell-number", got=quoted(raw[:40])))
    return None, ("PP220", msg("cell-number", got=quoted(str(raw)[:40])))


def _whole(raw: Any) -> tuple[Any, tuple[str, Msg] | None]:
    if isinstance(raw, float) and raw.is_integer():
        return int(raw), None
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw, None
    if isinstance(raw, str) and raw.strip().isdecimal() and len(raw.strip()) < 6:
        return int(raw.strip()), None
    return None, ("PP220", msg("cell-whole", got=quoted(str(raw)[:40])))


def _text(raw: Any) -> Any:
    if isinstance(raw, bool):
        return raw  # the model says it is no text
    if isinstance(raw, float):
        return format(Decimal(format(raw, f".{EXCEL_DIGITS}g")), "f")
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat() if raw.time() == dt.time() else raw.isoformat()
    return str(raw) if isinstance(raw, (int, dt.date)) else raw


def _convert(raw: Any, column: Column, number_format: str) -> tuple[Any, tuple[str, Msg] | None]:
    """A cell's value as the model expects it for its column, or the problem with it."""
    kind = column.kind
    if kind == "number":
        return _number(raw, number_format)
    if kind == "whole":
        return _whole(raw)
    if kind == "rank":
        if isinstance(raw, (dt.date, dt.datetime)):
            return None, ("PP222", msg("cell-date"))
        return (raw.strip() if isinstance(raw, str) else raw), None
    if kind == "ids":
        return tuple(part.strip() for part in re.split(r"[,;]", str(raw)) if part.strip()), None
    if kind == "date":
        if isinstance(raw, dt.datetime):
            return raw.date(), None
        return (raw.strip() if isinstance(raw, str) else raw), None
    if kind == "choice":
        return (raw.strip() if isinstance(raw, str) else raw), None
    return _text(raw), None


def _header(reader: _Reader, sheet: Any, known: Sequence[Column]) -> dict[int, Column]:
    """Columns by position, found by the key in each header: columns may be moved."""
    by_key = {column.key: column for column in known}
    found: dict[int, Column] = {}
    for cell in next(sheet.iter_rows(min_row=1, max_row=1), ()):
        if cell.value is None:
            continue
        text = str(cell.value).strip()
        match = _HEADER_KEY.search(text)
        key = match.group(1) if match else text
        if key in by_key:
            found[cell.column] = by_key[key]
        else:
            names = ", ".join(by_key)
            reader.refuse(
                f"{sheet.title}!{cell.coordinate}",
                "PP223",
                msg("unknown-column", column=quoted(text), known=names),
            )
    return found


def _rows(
    reader: _Reader, sheet: Any, columns: Mapping[int, Column]
) -> Iterator[tuple[int, dict[str, Any], dict[str, str]]]:
    """Each non-empty row: its number, its values by key, and each key's cell."""
    for cells in sheet.iter_rows(min_row=2):
        values: dict[str, Any] = {}
        where: dict[str, str] = {}
        filled = False
        for cell in cells:
            column = columns.get(cell.column)
            if column is None or cell.value is None:
                continue
            filled = True
            place = f"{sheet.title}!{cell.coordinate}"
            where[column.key] = place
            value = reader.value(cell, column, place)
            if value is not None:
                values[column.key] = value
        if filled:
            yield cells[0].row, values, where


def _place_all(
    parsed: CellParsed, path: tuple[Key, ...], where: Mapping[str, str], keys: Mapping[str, str], row: str
) -> None:
    parsed.place(path, row)
    for column, key in keys.items():
        if column in where:
            parsed.place((*path, key), where[column])


_IDENTITY = {key: key for key in (*_CRITERION_KEYS, "short_name", "total")}


def _target(values: Mapping[str, Any]) -> dict[str, Any] | None:
    picked = {key: values[column] for column, key in _TARGET_KEYS.items() if column in values}
    if not picked:
        return None
    return {"id": values.get("id")} | picked


def _read_index_sheet(reader: _Reader, sheet: Any, targets: list[dict[str, Any]], *, kpi: bool) -> Any:
    """An index sheet: the index (row 2) and its criteria, parts nested by ``part_of``."""
    columns = _header(reader, sheet, INDEX_COLUMNS)
    index: dict[str, Any] | None = None
    found: list[dict[str, Any]] = []
    by_id: dict[str, tuple[dict[str, Any], tuple[Key, ...]]] = {}
    base: tuple[Key, ...] = (
        ("indicators",) if kpi else ("indices", len(reader.baseline.data.setdefault("indices", [])))
    )
    for number, values, where in _rows(reader, sheet, columns):
        row_place = f"{sheet.title}!A{number}"
        target = _target(values)
        if target is not None:
            path: tuple[Key, ...] = ("targets", len(targets))
            _place_all(
                reader.targets,
                path,
                where,
                {**dict(_TARGET_KEYS.items()), "id": "id"},
                row_place,
            )
            targets.append(target)
        if index is None and not kpi:
            index = {key: values[key] for key in _INDEX_KEYS if key in values}
            index["criteria"] = found
            _place_all(reader.baseline, base, where, {k: k for k in _INDEX_KEYS}, row_place)
            continue
        criterion = {key: values[key] for key in _CRITERION_KEYS if key in values}
        parent_id = values.get("part_of")
        if parent_id is None:
            path = (*base, len(found)) if kpi else (*base, "criteria", len(found))
            found.append(criterion)
        elif parent_id in by_id:
            parent, parent_path = by_id[parent_id]
            parts = parent.setdefault("parts", [])
            path = (*parent_path, "parts", len(parts))
            parts.append(criterion)
        else:
            reader.refuse(where.get("part_of", row_place), "PP224", msg("part-of", parent=quoted(parent_id)))
            continue
        if isinstance(criterion.get("id"), str):
            by_id[criterion["id"]] = (criterion, path)
        _place_all(reader.baseline, path, where, _IDENTITY, row_place)
    return found if kpi else index


def _read_list_sheet(reader: _Reader, sheet: Any, name: str) -> list[dict[str, Any]]:
    columns = _header(reader, sheet, LIST_COLUMNS[name])
    parsed = reader.targets if LIST_OWNER[name] == "targets" else reader.baseline
    items: list[dict[str, Any]] = []
    for number, values, where in _rows(reader, sheet, columns):
        _place_all(
            parsed,
            (name, len(items)),
            where,
            {c.key: c.key for c in LIST_COLUMNS[name]},
            f"{sheet.title}!A{number}",
        )
        items.append(values)
    return items


def _read_plan_sheet(reader: _Reader, sheet: Any) -> None:
    kinds = {f"{role}.{key}": (role, key, kind) for role, key, kind, _vi, _en in PLAN_KEYS}
    for cells in sheet.iter_rows(min_row=1, max_col=2):
        label = cells[0].value
        if label is None:
            continue
        where = f"{sheet.title}!B{cells[0].row}"
        if str(label).strip() not in kinds:
            known = ", ".join(kinds)
            reader.refuse(
                f"{sheet.title}!{cells[0].coordinate}",
                "PP223",
                msg("unknown-column", column=quoted(str(label)), known=known),
            )
            continue
        role, key, kind = kinds[str(label).strip()]
        parsed = reader.baseline if role == "baseline" else reader.targets
        parsed.place((key,), where)
        value = reader.value(cells[1], Column(key, kind, key, key), where) if len(cells) > 1 else None
        if value is not None:
            parsed.data[key] = value


def _open(path: Path, name: str) -> Any:
    """The workbook, or an :class:`InputError` saying why it is none (a corrupt file, a CSV)."""
    import zipfile

    from openpyxl import load_workbook

    def unreadable(reason: str) -> InputError:
        return InputError(
            [Problem(name, None, None, None, "PP142", msg("workbook-unreadable", reason=reason))]
        )

    if not path.exists():
        raise InputError([Problem(name, None, None, None, "PP101", msg("no-file"))])
    if path.is_dir():
        raise InputError([Problem(name, None, None, None, "PP104", msg("folder"))])
    try:
        return load_workbook(path, data_only=False, read_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, EOFError) as error:
        raise unreadable(str(error)[:120] or type(error).__name__) from None
    except Exception as error:  # openpyxl raises what its XML parser raises on a corrupt part
        raise unreadable(str(error)[:120] or type(error).__name__) from None


def read_workbook(path: Path, display: str | None = None) -> tuple[Baseline, Targets, CellParsed, CellParsed]:
    """A plan workbook read back into a baseline and targets, each value placed in its cell.

    Every problem (a bad cell, an unknown column, a missing sheet, what the models refuse) is
    reported at once, as an :class:`InputError`.
    """
    name = display if display is not None else str(path)
    book = _open(path, name)
    reader = _Reader(name)
    targets: list[dict[str, Any]] = []
    if PLAN_SHEET in book.sheetnames:
        _read_plan_sheet(reader, book[PLAN_SHEET])
    else:
        reader.problems.append(
            Problem(name, None, None, None, "PP143", msg("sheet-missing", sheet=quoted(PLAN_SHEET)))
        )
    indices = reader.baseline.data.setdefault("indices", [])
    for sheet in book.worksheets:
        title = sheet.title
        if title in HELP_SHEETS or title == PLAN_SHEET:
            continue
        if title in LIST_SHEETS:
            owner = reader.targets if LIST_OWNER[title] == "targets" else reader.baseline
            owner.data[title] = _read_list_sheet(reader, sheet, title)
        elif title == KPI_SHEET:
            reader.baseline.data["indicators"] = _read_index_sheet(reader, sheet, targets, kpi=True)
        else:
            index = _read_index_sheet(reader, sheet, targets, kpi=False)
            if index is not None:
                indices.append(index)
    if not indices:
        reader.problems.append(Problem(name, None, None, None, "PP143", msg("no-index-sheet")))
    reader.targets.data["targets"] = targets
    problems = list(reader.problems)
    models: list[Any] = []
    for parsed, model in ((reader.baseline, Baseline), (reader.targets, Targets)):
        try:
            models.append(validate(parsed, model))
        except InputError as error:
            problems.extend(error.problems)
    if problems:
        sheets = list(book.sheetnames)
        problems.sort(key=lambda p: _rank_place(p, name, sheets))
        raise InputError(problems)
    return models[0], models[1], reader.baseline, reader.targets


def _rank_place(problem: Problem, name: str, sheets: Sequence[str]) -> tuple[int, int, int]:
    """Problems in the order of the sheets, then rows, then columns; the workbook's own first."""
    from openpyxl.utils.cell import column_index_from_string

    where = problem.file[len(name) + 1 :] if problem.file.startswith(name + ":") else ""
    sheet, _, cell = where.rpartition("!")
    match = re.fullmatch(r"([A-Z]{1,3})([0-9]+)", cell)
    if not match or sheet not in sheets:
        return (-1, 0, 0)
    return (sheets.index(sheet), int(match.group(2)), column_index_from_string(match.group(1)))


__all__ = ["HELP", "INDEX_COLUMNS", "CellParsed", "Column", "read_workbook", "workbook_bytes"]
