"""Owns the plan workbook: a baseline and its targets as an editable Excel file, and back.

Analysts keep these numbers in Excel; YAML is how parplan keeps them. The workbook has one
sheet per index (one row per criterion: score, rank, maximum, increase, comparison, target,
owners, then the headline targets' columns and ``target_order``, which keeps the order of the
targets file), a sheet of the plan's keys, one per list (bodies, deadlines, history, references,
facts, the indices' groups, league tables one province per row) and a sheet explaining how to
fill it in. Every key of the models has its cell, so nothing typed is lost on the way back.

Reading it back gives the same models, value for value: Excel stores binary floats, so a
number is read back through its 15 significant digits (``9.2779``, never
``9.277900000000001``) and its number format (``12.50`` stays ``12.50``). Every bad cell is a
problem placed ``plan.xlsx:PAR!D7``, all at once. openpyxl is imported inside the two entry
points: only ``export`` and ``import`` pay for it.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal

from parplan.models.plan import FIRST_YEAR, LAST_YEAR, Baseline, Criterion, Index, Rank, Target, Targets
from parplan.reading.validation import validate
from parplan.reading.yamlread import Key, Parsed
from parplan.vocab.problems import InputError, Lang, Msg, Problem, clip, msg, quoted

Kind = Literal["text", "number", "rank", "whole", "ids", "date", "choice", "bool"]
EXCEL_DIGITS = 15
"""Significant digits a double holds exactly: a cell's float is read back through them."""
HELP_SHEETS = ("Hướng dẫn", "How to fill in")
PLAN_SHEET = "plan"
LIST_SHEETS = ("bodies", "deadlines", "history", "references", "facts", "groups", "league")
GROUPS_SHEET = "groups"
"""One row per group of an index: the index's id, the group's name and its minimum."""
LEAGUE_SHEET = "league"
"""One row per province of a league table: the table's id, year, source, synthetic, then the
province and its score. Rows that agree on id, year and source are one table."""
KPI_SHEET = "KPI"
TARGET_ORDER = "target_order"
"""The column that keeps the order of the targets file: a sheet lists targets by criterion,
the file in the plan's own order (the three index totals last, say)."""
LAST_ROW = 1048576
"""Excel's last row: whole-number validation covers the rows an analyst adds, too."""
_PLAIN_DECIMAL = re.compile(r"^[-+]?[0-9]+(\.[0-9]+)?$")
_DECIMAL_COMMA = re.compile(r"^[-+]?[0-9]+,[0-9]+$")
_HEADER_KEY = re.compile(r"\(([a-z_]+)\)\s*$")
_FORMAT_PLACES = re.compile(r"^0(?:\.(0+))?$")


@dataclass(frozen=True)
class Column:
    """A column of a sheet: the key it holds, how its cells are read, its header in both languages.

    ``bounds`` (lowest, highest or ``None``) gives the column Excel's data validation, for the
    columns whose limits do not depend on the row (a rank target, a year); the score-like
    columns of an index sheet take theirs from each row's maximum instead.
    """

    key: str
    kind: Kind
    vi: str
    en: str
    bounds: tuple[Decimal, Decimal | None] | None = None

    def header(self, lang: Lang) -> str:
        return f"{self.vi if lang == 'vi' else self.en} ({self.key})"


C = Column
YEARS = (Decimal(FIRST_YEAR), Decimal(LAST_YEAR))
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
    C("group", "text", "Nhóm xếp loại của chỉ số", "Group of the index"),
    C("rank_target", "whole", "Thứ hạng mục tiêu, trong top", "Rank target, top N", (Decimal(1), None)),
    C("rank_base", "whole", "Số tỉnh, thành phố được xếp hạng", "Provinces ranked", (Decimal(1), None)),
    C("group_target", "text", "Nhóm mục tiêu hoặc cao hơn", "Target group or higher"),
    C("improve", "ids", "Cải thiện so với năm gốc", "Improve on the baseline year"),
    C("target_year", "whole", "Năm của mục tiêu", "Year of the target", YEARS),
    C(TARGET_ORDER, "whole", "Thứ tự mục tiêu", "Order of the target", (Decimal(1), None)),
)
"""The index sheets' columns; ``D`` is the score, as the messages' example ``PAR!D7`` says."""
_CRITERION_KEYS = ("id", "name", "name_en", "unit", "max", "score", "rank", "note")
_INDEX_KEYS = ("id", "name", "name_en", "short_name", "unit", "total", "score", "rank", "group")
_TARGET_KEYS = {"increase": "increase", "comparison": "comparison", "target": "target"}
_TARGET_KEYS |= {"owners": "owners", "target_note": "note", "rank_target": "rank_target"}
_TARGET_KEYS |= {"rank_base": "rank_base", "group_target": "group", "improve": "improve"}
_TARGET_KEYS |= {"target_year": "year"}
"""Target columns by the key of :class:`~parplan.models.plan.Target` they hold; any of them filled
makes a target (``target_order`` alone does not: it only places one)."""
_NOT_CRITERION = {*_TARGET_KEYS, TARGET_ORDER}
"""Columns that are not the criterion's (or the index's) own: each other filled cell is."""
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
        C("year", "whole", "Năm", "Year", YEARS),
        C("score", "number", "Điểm số", "Score"),
        C("rank", "rank", "Thứ hạng", "Rank"),
        C("group", "text", "Nhóm xếp loại", "Group"),
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
    GROUPS_SHEET: (
        C("index", "text", "Mã chỉ số", "Index id"),
        C("name", "text", "Tên nhóm", "Group name"),
        C("min", "number", "Điểm thấp nhất của nhóm", "Lowest score of the group", (Decimal(0), None)),
    ),
    LEAGUE_SHEET: (
        C("id", "text", "Mã chỉ số", "Index id"),
        C("year", "whole", "Năm", "Year", YEARS),
        C("source", "text", "Nguồn", "Source"),
        C("synthetic", "bool", "Dữ liệu giả định để thử nghiệm", "Synthetic test data"),
        C("province", "text", "Tỉnh, thành phố", "Province"),
        C("score", "number", "Điểm số", "Score", (Decimal(0), None)),
    ),
}
LIST_OWNER: Mapping[str, Literal["baseline", "targets"]] = {
    "bodies": "targets",
    "deadlines": "targets",
    "history": "baseline",
    "references": "baseline",
    "facts": "baseline",
    GROUPS_SHEET: "baseline",
    LEAGUE_SHEET: "baseline",
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
        " increase, comparison, target, owners, target_note, rank_target, rank_base, group_target,"
        " improve, target_year có giá trị.",
        "Mục tiêu của chỉ số: rank_target (thứ hạng này hoặc cao hơn, số nguyên, ví dụ 10 là top 10),"
        " rank_base (số tỉnh, thành phố mà kế hoạch giả định, ví dụ 34), group_target (đạt nhóm này"
        " hoặc nhóm cao hơn), improve (score, rank: cao hơn năm gốc), target_year (năm của mục tiêu,"
        " để trống là năm kế hoạch).",
        "target_order: thứ tự của mục tiêu trong tệp YAML (1, 2, 3…). Khi nhập lại, các mục tiêu có"
        " thứ tự đứng trước, theo thứ tự đó; mục tiêu mới để trống cột này thì đứng sau, theo thứ tự"
        " dòng trên các trang.",
        "Dòng 2 của mỗi trang chỉ số: total (sum: tổng các tiêu chí; given: tổng điểm được công bố,"
        " ghi ở cột score; none: không có tổng) và group (nhóm xếp loại được công bố của năm đó).",
        "owners: mã các cơ quan ở trang bodies, cách nhau bằng dấu phẩy: so-noi-vu, so-tu-phap.",
        "Trang plan: tỉnh, năm và tên kế hoạch. Trang bodies, deadlines, history, references,"
        " facts: mỗi dòng một mục, tên cột là khóa trong tệp YAML (xem docs/writing-a-plan.md).",
        "Trang groups: mỗi dòng một nhóm xếp loại của một chỉ số: mã chỉ số (index), tên nhóm"
        " (name), điểm thấp nhất của nhóm (min), theo thứ tự công bố.",
        "Trang league: bảng điểm của các tỉnh, thành phố khác, mỗi dòng một tỉnh; các dòng cùng id,"
        " year, source là một bảng; synthetic TRUE (ở bất kỳ dòng nào) là dữ liệu giả định để thử"
        " nghiệm, không phải số liệu công bố.",
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
        " comparison, target, owners, target_note, rank_target, rank_base, group_target, improve,"
        " target_year is filled in.",
        "Headline targets: rank_target (this rank or better, a whole number: 10 is the top 10),"
        " rank_base (the number of provinces the plan assumed, e.g. 34), group_target (this group or"
        " a higher one), improve (score, rank: better than the baseline year), target_year (the"
        " target's year; empty: the plan's year).",
        "target_order: the target's place in the YAML file (1, 2, 3…). On import, targets with an"
        " order come first, in that order; new targets with this column empty follow, in the order"
        " of the rows on the sheets.",
        "Row 2 of each index sheet: total (sum: the sum of the criteria; given: the published total,"
        " in the score column; none: no total) and group (the group published for that year).",
        "owners: ids of bodies from the bodies sheet, separated by commas: so-noi-vu, so-tu-phap.",
        "The plan sheet: province, years and title. The sheets bodies, deadlines, history,"
        " references, facts: one entry per row; the column names are the YAML keys"
        " (see docs/writing-a-plan.en.md).",
        "The groups sheet: one row per group of an index: the index's id (index), the group's name"
        " (name) and its lowest score (min), in the published order.",
        "The league sheet: other provinces' scores, one province per row; rows with the same id,"
        " year and source are one table; synthetic TRUE (on any of its rows) marks made-up test"
        " data, never published figures.",
        "A cell that cannot be read in the source: leave it empty and say why in note.",
        "A source that contradicts itself: type what it says, add a note; `parplan validate` warns.",
        "Problems name their cell, e.g. plan.xlsx:PAR!D7: score: expected a number, got 'mười hai'.",
    ),
}


# --- writing ------------------------------------------------------------------------------


def _sheet_name(index: Index) -> str:
    """``PAR`` for ``par``: short, legal, and the same in both languages, so import finds it."""
    return index.id.upper()[:31]


def _targets_by_id(targets: Targets) -> dict[str, tuple[int, Target]]:
    """Each target with its place in the file (from 1), which ``target_order`` keeps."""
    return {target.id: (n, target) for n, target in enumerate(targets.targets, start=1)}


def _criterion_row(
    criterion: Criterion, parent: str | None, target: tuple[int, Target] | None
) -> dict[str, Any]:
    row: dict[str, Any] = {key: getattr(criterion, key) for key in _CRITERION_KEYS}
    row["part_of"] = parent
    return row | _target_cells(target)


def _cell_value(value: Any) -> Any:
    """A list (owners, improve) as one cell, ``a, b``; an empty one as an empty cell."""
    if isinstance(value, tuple) and not isinstance(value, Rank):
        return ", ".join(value) or None
    return value


def _target_cells(found: tuple[int, Target] | None) -> dict[str, Any]:
    if found is None:
        return {}
    order, target = found
    cells = {column: _cell_value(getattr(target, key)) for column, key in _TARGET_KEYS.items()}
    cells[TARGET_ORDER] = order
    return cells


def _criterion_rows(
    criteria: Sequence[Criterion], parent: str | None, targets: Mapping[str, tuple[int, Target]]
) -> Iterator[dict[str, Any]]:
    for criterion in criteria:
        yield _criterion_row(criterion, parent, targets.get(criterion.id))
        yield from _criterion_rows(criterion.parts, criterion.id, targets)


def _index_rows(index: Index, targets: Mapping[str, tuple[int, Target]]) -> Iterator[dict[str, Any]]:
    head: dict[str, Any] = {key: getattr(index, key) for key in _INDEX_KEYS}
    yield head | _target_cells(targets.get(index.id))
    yield from _criterion_rows(index.criteria, None, targets)


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _put(sheet: Any, row: int, column: int, value: Any) -> Any:
    """One cell: numbers as numbers with their decimal places shown, text never a formula."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, Rank):
        value = str(value)  # as the files spell it, 39/63
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


def _column_validation(sheet: Any, letter: str, column: Column) -> None:
    """A whole column's own limits (a year between the models' first and last, a rank target from 1)."""
    from openpyxl.worksheet.datavalidation import DataValidation

    assert column.bounds is not None
    low, high = column.bounds
    kind = "whole" if column.kind == "whole" else "decimal"
    if high is None:
        rule = DataValidation(type=kind, operator="greaterThanOrEqual", formula1=str(low))
    else:
        rule = DataValidation(type=kind, operator="between", formula1=str(low), formula2=str(high))
    whole = " (số nguyên / whole number)" if kind == "whole" else ""
    rule.error = (f"{low} ≤ … ≤ {high}" if high is not None else f"≥ {low}") + whole
    rule.showErrorMessage = True
    sheet.add_data_validation(rule)
    rule.add(f"{letter}2:{letter}{LAST_ROW}")


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
        if column.bounds is not None:
            _column_validation(sheet, get_column_letter(n), column)
    sheet.freeze_panes = "A2"
    for r, row in enumerate(rows, start=2):
        for n, column in enumerate(columns, start=1):
            cell = _put(sheet, r, n, row.get(column.key))
            if column.kind == "rank":
                cell.number_format = "@"
            if column.kind == "number" and column.bounds is None and sheet.title not in LIST_SHEETS:
                ceiling = _ceiling(row)
                low = -ceiling if column.key == "increase" and ceiling is not None else Decimal(0)
                _validation(sheet, get_column_letter(n), r, low, ceiling)


def _record(model: Any, columns: Sequence[Column]) -> dict[str, Any]:
    return {column.key: _cell_value(getattr(model, column.key)) for column in columns}


def _list_rows(name: str, baseline: Baseline, targets: Targets) -> list[dict[str, Any]]:
    """A list sheet's rows: a model per row, but one row per group of each index (``groups``)
    and one per province of each league table (``league``), since a cell holds one value."""
    if name == GROUPS_SHEET:
        return [
            {"index": index.id, "name": group.name, "min": group.min}
            for index in baseline.indices
            for group in index.groups
        ]
    if name == LEAGUE_SHEET:
        return [
            {"id": table.id, "year": table.year, "source": table.source, "synthetic": table.synthetic}
            | {"province": province, "score": score}
            for table in baseline.league
            for province, score in table.scores.items()
        ]
    owner = targets if LIST_OWNER[name] == "targets" else baseline
    return [_record(item, LIST_COLUMNS[name]) for item in getattr(owner, name)]


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
        _write_table(book.create_sheet(name), columns, _list_rows(name, baseline, targets), lang)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- reading ------------------------------------------------------------------------------


@dataclass
class CellParsed(Parsed):
    """Workbook data with the cell of each value: problems are placed ``plan.xlsx:PAR!D7``.

    It stands where a parsed YAML file stands, so :func:`parplan.reading.validation.validate` and the
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
        self.pending: list[_PendingTarget] = []

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
                msg("at-key", key=column.key, message=msg("cell-formula", formula=quoted(clip(str(raw))))),
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
            return None, ("PP220", msg("cell-comma", got=quoted(clip(raw)), point=point))
        return None, ("PP220", msg("cell-number", got=quoted(clip(raw))))
    return None, ("PP220", msg("cell-number", got=quoted(clip(str(raw)))))


def _whole(raw: Any) -> tuple[Any, tuple[str, Msg] | None]:
    if isinstance(raw, float) and raw.is_integer():
        return int(raw), None
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw, None
    if isinstance(raw, str) and raw.strip().isdecimal() and len(raw.strip()) < 6:
        return int(raw.strip()), None
    return None, ("PP220", msg("cell-whole", got=quoted(clip(str(raw)))))


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
    if kind == "bool":
        text = raw.strip().casefold() if isinstance(raw, str) else None
        return ({"true": True, "false": False}.get(text, raw) if text is not None else raw), None
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


_TARGET_PLACES = {**_TARGET_KEYS, "id": "id"}


@dataclass(frozen=True)
class _PendingTarget:
    """A target read from a row, placed in the targets file once all sheets give the order."""

    order: int | None
    data: dict[str, Any]
    where: Mapping[str, str]
    row: str


def _target(values: Mapping[str, Any]) -> dict[str, Any] | None:
    picked = {key: values[column] for column, key in _TARGET_KEYS.items() if column in values}
    if not picked:
        return None
    return {"id": values.get("id")} | picked


def _own(values: Mapping[str, Any], skip: set[str]) -> dict[str, Any]:
    """The row's values for the index or criterion itself: every filled column but ``skip``.

    A value in a column that the row's model has no key for (a maximum on the index row, a
    group on a criterion) is passed on, so the model refuses it at its cell: a typed value is
    never dropped without a word.
    """
    return {key: value for key, value in values.items() if key not in skip}


def _read_index_sheet(reader: _Reader, sheet: Any, *, kpi: bool) -> Any:
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
            reader.pending.append(_PendingTarget(values.get(TARGET_ORDER), target, where, row_place))
        if index is None and not kpi:
            index = _own(values, _NOT_CRITERION) | {"criteria": found}
            _place_all(
                reader.baseline, base, where, {k: k for k in where if k not in _NOT_CRITERION}, row_place
            )
            continue
        criterion = _own(values, {*_NOT_CRITERION, "part_of"})
        parent_id = values.get("part_of")
        path: tuple[Key, ...]
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
        _place_all(reader.baseline, path, where, {k: k for k in criterion}, row_place)
    return found if kpi else index


def _ordered_targets(reader: _Reader) -> list[dict[str, Any]]:
    """The targets in the file's order: those with a ``target_order`` first, by it (ties in
    sheet order), then new rows without one, in sheet order; each placed in its cells."""
    pending = sorted(
        enumerate(reader.pending),
        key=lambda item: (item[1].order is None, item[1].order or 0, item[0]),
    )
    targets: list[dict[str, Any]] = []
    for _seq, target in pending:
        _place_all(reader.targets, ("targets", len(targets)), target.where, _TARGET_PLACES, target.row)
        targets.append(target.data)
    return targets


def _read_groups_sheet(reader: _Reader, sheet: Any, indices: list[dict[str, Any]]) -> None:
    """Each group row added to its index's ``groups``, in row order; the index must have a sheet."""
    columns = _header(reader, sheet, LIST_COLUMNS[GROUPS_SHEET])
    positions = {index.get("id"): n for n, index in enumerate(indices) if isinstance(index.get("id"), str)}
    for number, values, where in _rows(reader, sheet, columns):
        row_place = f"{sheet.title}!A{number}"
        ident = values.get("index")
        if ident is None:
            reader.refuse(row_place, "PP202", msg("missing-key", key=quoted("index")))
            continue
        if ident not in positions:
            message = msg("at-key", key="index", message=msg("not-in-file", id=quoted(str(ident))))
            reader.refuse(where.get("index", row_place), "PP224", message)
            continue
        groups = indices[positions[ident]].setdefault("groups", [])
        path: tuple[Key, ...] = ("indices", positions[ident], "groups", len(groups))
        group = _own(values, {"index"})
        _place_all(reader.baseline, path, where, {k: k for k in where if k != "index"}, row_place)
        groups.append(group)


@dataclass
class _Table:
    """A league table being read: its keys, its scores by province and its synthetic cells."""

    path: tuple[Key, ...]
    data: dict[str, Any]
    synthetic: list[tuple[Any, str]] = field(default_factory=list)


def _read_league_sheet(reader: _Reader, sheet: Any) -> list[dict[str, Any]]:
    """One row per province; rows that agree on id, year and source are one table, in the order
    of their first row. A province twice in a table is refused at the second (PP126)."""
    columns = _header(reader, sheet, LIST_COLUMNS[LEAGUE_SHEET])
    tables: dict[tuple[Any, ...], _Table] = {}
    for number, values, where in _rows(reader, sheet, columns):
        row_place = f"{sheet.title}!A{number}"
        key = (values.get("id"), values.get("year"), values.get("source"))
        table = tables.get(key)
        if table is None:
            table = tables[key] = _Table(
                ("league", len(tables)), {k: values[k] for k in ("id", "year", "source") if k in values}
            )
            table.data["scores"] = {}
            _place_all(
                reader.baseline, table.path, where, {k: k for k in ("id", "year", "source")}, row_place
            )
            reader.baseline.place((*table.path, "scores"), where.get("province", row_place))
        if "synthetic" in values:
            table.synthetic.append((values["synthetic"], where["synthetic"]))
        _league_score(reader, table, values, where, row_place)
    for table in tables.values():
        _league_synthetic(reader, table)
    return [table.data for table in tables.values()]


def _league_score(
    reader: _Reader, table: _Table, values: Mapping[str, Any], where: Mapping[str, str], row: str
) -> None:
    province = values.get("province")
    if province is None:
        if "province" not in where:
            reader.refuse(row, "PP202", msg("missing-key", key=quoted("province")))
        return
    name = unicodedata.normalize("NFC", province) if isinstance(province, str) else province
    scores = table.data["scores"]
    if name in scores:
        reader.refuse(
            where["province"],
            "PP126",
            msg("at-key", key="province", message=msg("duplicate-key", key=quoted(str(name)))),
        )
        return
    if "score" not in values:
        if "score" not in where:  # else the cell's own problem says it
            reader.refuse(where["province"], "PP202", msg("missing-key", key=quoted("score")))
        return
    scores[name] = values["score"]
    reader.baseline.place((*table.path, "scores", name), where["score"])


def _league_synthetic(reader: _Reader, table: _Table) -> None:
    """A table is synthetic when any of its rows says so: the flag warns, so it errs towards
    warning; a cell that is no TRUE or FALSE goes to the model, to be refused at its place."""
    if not table.synthetic:
        return
    odd = [(value, where) for value, where in table.synthetic if not isinstance(value, bool)]
    marked = [(value, where) for value, where in table.synthetic if value is True]
    value, where = (odd or marked or table.synthetic)[0]
    table.data["synthetic"] = value
    reader.baseline.place((*table.path, "synthetic"), where)


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
        if title == GROUPS_SHEET:
            continue  # once every index is read: the sheet may stand before them
        if title == LEAGUE_SHEET:
            reader.baseline.data["league"] = _read_league_sheet(reader, sheet)
        elif title in LIST_SHEETS:
            owner = reader.targets if LIST_OWNER[title] == "targets" else reader.baseline
            owner.data[title] = _read_list_sheet(reader, sheet, title)
        elif title == KPI_SHEET:
            reader.baseline.data["indicators"] = _read_index_sheet(reader, sheet, kpi=True)
        else:
            index = _read_index_sheet(reader, sheet, kpi=False)
            if index is not None:
                indices.append(index)
    if not indices:
        reader.problems.append(Problem(name, None, None, None, "PP143", msg("no-index-sheet")))
    if GROUPS_SHEET in book.sheetnames:
        _read_groups_sheet(reader, book[GROUPS_SHEET], indices)
    reader.targets.data["targets"] = _ordered_targets(reader)
    problems = list(reader.problems)
    models: list[Any] = []
    said = _refused_cells(reader.problems)
    for parsed, model in ((reader.baseline, Baseline), (reader.targets, Targets)):
        try:
            models.append(validate(parsed, model))
        except InputError as error:
            problems.extend(p for p in error.problems if not _said_already(p, said))
    if problems:
        sheets = list(book.sheetnames)
        problems.sort(key=lambda p: _rank_place(p, name, sheets))
        raise InputError(problems)
    return models[0], models[1], reader.baseline, reader.targets


def _row_of(file: str) -> str:
    """``plan.xlsx:PAR!D7`` -> ``plan.xlsx:PAR!A7``: where a row's problems are placed."""
    sheet, mark, cell = file.rpartition("!")
    found = re.fullmatch(r"[A-Z]{1,3}([0-9]+)", cell)
    return f"{sheet}{mark}A{found.group(1)}" if mark and found else file


def _refused_cells(problems: Sequence[Problem]) -> set[tuple[str, str]]:
    """The (row, quoted key) of each cell refused while reading: see :func:`_said_already`."""
    return {
        (_row_of(p.file), quoted(str(p.message.args["key"])))
        for p in problems
        if p.message.key == "at-key" and "key" in p.message.args
    }


def _said_already(problem: Problem, refused: set[tuple[str, str]]) -> bool:
    """A required key "missing" only because its cell was refused: one mistake, one problem."""
    if problem.code != "PP202" or problem.message.key != "missing-key":
        return False
    return (problem.file, str(problem.message.args.get("key"))) in refused


def _rank_place(problem: Problem, name: str, sheets: Sequence[str]) -> tuple[int, int, int]:
    """Problems in the order of the sheets, then rows, then columns; the workbook's own first."""
    from openpyxl.utils.cell import column_index_from_string

    where = problem.file[len(name) + 1 :] if problem.file.startswith(name + ":") else ""
    sheet, _, cell = where.rpartition("!")
    match = re.fullmatch(r"([A-Z]{1,3})([0-9]+)", cell)
    if not match or sheet not in sheets:
        return (-1, 0, 0)
    return (sheets.index(sheet), int(match.group(2)), column_index_from_string(match.group(1)))


__all__ = [
    "GROUPS_SHEET",
    "HELP",
    "INDEX_COLUMNS",
    "LEAGUE_SHEET",
    "LIST_COLUMNS",
    "TARGET_ORDER",
    "CellParsed",
    "Column",
    "read_workbook",
    "workbook_bytes",
]
