"""Reads the plan workbook back: its layout (sheets, columns, keys), and its cells into models.

Analysts keep these numbers in Excel; YAML is how parplan keeps them. The workbook has one
sheet per index (one row per criterion: score, rank, maximum, increase, comparison, target,
owners, then the headline targets' columns and ``target_order``, which keeps the order of the
targets file), a sheet of the plan's keys, one per list (bodies, deadlines, history, references,
facts, the indices' groups, league tables one province per row) and a sheet explaining how to
fill it in. Every key of the models has its cell, so nothing typed is lost on the way back.

Reading it back gives the same models, value for value: Excel stores binary floats, so a
number is read back through its 15 significant digits (``9.2779``, never
``9.277900000000001``) and its number format (``12.50`` stays ``12.50``). Every bad cell is a
problem placed ``plan.xlsx:PAR!D7``, all at once. The cells come from
:mod:`parplan.reading.cells` (caps, number formats); :mod:`parplan.core.workbook` writes the
workbook from this module's layout, so writing and reading share one description of it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from parplan.models.plan import FIRST_YEAR, LAST_YEAR, Baseline, Targets
from parplan.reading.cells import Book, Cell, Refusal, formula_or_error, number, open_book, text, whole
from parplan.reading.shortresults import ShortParsed, ShortResults
from parplan.reading.validation import validate
from parplan.reading.yamlread import Key, Parsed
from parplan.vocab import rules
from parplan.vocab.i18n import LANGS, NC_, tr
from parplan.vocab.problems import NOTHING, InputError, Lang, Msg, Problem, msg, quoted

Kind = Literal["text", "number", "rank", "whole", "ids", "date", "choice", "bool"]
HELP_TITLE = NC_("workbook", "How to fill in")
"""The instructions sheet's title (``Hướng dẫn`` in Vietnamese): import skips it in any language."""
PLAN_SHEET = "plan"
LIST_SHEETS = ("bodies", "deadlines", "history", "references", "facts", "groups", "league")
GROUPS_SHEET = "groups"
"""One row per group of an index: the index's id, the group's name and its minimum."""
LEAGUE_SHEET = "league"
"""One row per province of a league table: the table's id, year, source, synthetic, then the
province and its score. Rows that agree on id, year and source are one table."""
KPI_SHEET = "KPI"
RESULTS_SHEET = "Kết quả (results)"
"""The year's published results, one row per index and criterion (issue 20): the id, name and
maximum come from the baseline; the analyst types score, rank and note. The title is the same
in both languages, so import finds it whichever language wrote the workbook."""
TARGET_ORDER = "target_order"
"""The column that keeps the order of the targets file: a sheet lists targets by criterion,
the file in the plan's own order (the three index totals last, say)."""
LAST_ROW = 1048576
"""Excel's last row: whole-number validation covers the rows an analyst adds, too."""
_HEADER_KEY = re.compile(r"\(([a-z_]+)\)\s*$")


@dataclass(frozen=True)
class Column:
    """A column of a sheet: the key it holds, how its cells are read, the msgid of its header.

    The header is the title in the workbook's language with the key in brackets, ``Điểm số
    (score)``: import finds a column by that key alone, so a workbook reads back whichever
    language wrote it (and whatever a later catalogue calls the column). ``bounds`` (lowest,
    highest or ``None``) gives the column Excel's data validation, for the columns whose limits
    do not depend on the row (a rank target, a year); the score-like columns of an index sheet
    take theirs from each row's maximum instead.
    """

    key: str
    kind: Kind
    title: str
    bounds: tuple[Decimal, Decimal | None] | None = None

    def header(self, lang: Lang) -> str:
        return f"{tr(lang, self.title)} ({self.key})"


C = Column
YEARS = (Decimal(FIRST_YEAR), Decimal(LAST_YEAR))
FROM_ONE = (Decimal(1), None)
ID = C("id", "text", NC_("workbook", "Id"))
NAME = C("name", "text", NC_("workbook", "Name"))
NAME_EN = C("name_en", "text", NC_("workbook", "English name"))
SCORE = C("score", "number", NC_("workbook", "Score"))
RANK = C("rank", "rank", NC_("workbook", "Rank"))
MAX = C("max", "number", NC_("workbook", "Maximum"))
OWNERS = C("owners", "ids", NC_("workbook", "Owners"))
UNIT = C("unit", "choice", NC_("workbook", "Unit"))
NOTE = C("note", "text", NC_("workbook", "Note"))
YEAR = C("year", "whole", NC_("workbook", "Year"), YEARS)
SOURCE = C("source", "text", NC_("workbook", "Source"))
SOURCE_EN = C("source_en", "text", NC_("workbook", "Source in English"))
INDEX_ID = NC_("workbook", "Index id")
"""The columns several sheets share, each defined once."""
INDEX_COLUMNS = (
    *(ID, NAME, NAME_EN, SCORE, RANK, MAX),
    C("increase", "number", NC_("workbook", "Increase")),
    C("comparison", "choice", NC_("workbook", "Comparison")),
    C("target", "number", NC_("workbook", "Target")),
    *(OWNERS, UNIT),
    C("part_of", "text", NC_("workbook", "Part of")),
    NOTE,
    C("target_note", "text", NC_("workbook", "Target note")),
    C("short_name", "text", NC_("workbook", "Short name")),
    C("total", "choice", NC_("workbook", "Total")),
    C("group", "text", NC_("workbook", "Group of the index")),
    C("rank_target", "whole", NC_("workbook", "Rank target, top N"), FROM_ONE),
    C("rank_base", "whole", NC_("workbook", "Provinces ranked"), FROM_ONE),
    C("group_target", "text", NC_("workbook", "Target group or higher")),
    C("improve", "ids", NC_("workbook", "Improve on the baseline year")),
    C("target_year", "whole", NC_("workbook", "Year of the target"), YEARS),
    C(TARGET_ORDER, "whole", NC_("workbook", "Order of the target"), FROM_ONE),
    C("number", "text", NC_("workbook", "Number in the plan")),
)
"""The index sheets' columns; ``D`` is the score, as the messages' example ``PAR!D7`` says."""
CRITERION_KEYS = ("id", "number", "name", "name_en", "unit", "max", "score", "rank", "note")
INDEX_KEYS = ("id", "name", "name_en", "short_name", "unit", "total", "score", "rank", "group")
TARGET_KEYS = {"increase": "increase", "comparison": "comparison", "target": "target"}
TARGET_KEYS |= {"owners": "owners", "target_note": "note", "rank_target": "rank_target"}
TARGET_KEYS |= {"rank_base": "rank_base", "group_target": "group", "improve": "improve"}
TARGET_KEYS |= {"target_year": "year"}
"""Target columns by the key of :class:`~parplan.models.plan.Target` they hold; any of them filled
makes a target (``target_order`` alone does not: it only places one)."""
_NOT_CRITERION = {*TARGET_KEYS, TARGET_ORDER}
"""Columns that are not the criterion's (or the index's) own: each other filled cell is."""
LIST_COLUMNS: Mapping[str, tuple[Column, ...]] = {
    "bodies": (
        C("id", "text", NC_("workbook", "Body id")),
        NAME,
        NAME_EN,
        C("duties", "text", NC_("workbook", "Duties")),
        C("duties_en", "text", NC_("workbook", "Duties in English")),
    ),
    "deadlines": (
        C("date", "date", NC_("workbook", "Date")),
        C("task", "text", NC_("workbook", "Task")),
        C("task_en", "text", NC_("workbook", "Task in English")),
        OWNERS,
    ),
    "history": (ID, YEAR, SCORE, RANK, C("group", "text", NC_("workbook", "Group"))),
    "references": (
        ID,
        C("kind", "choice", NC_("workbook", "Kind")),
        C("value", "number", NC_("workbook", "Value")),
        UNIT,
        C("province", "text", NC_("workbook references", "Province")),
        NOTE,
        SOURCE,
        C("note_en", "text", NC_("workbook", "Note in English")),
        SOURCE_EN,
    ),
    "facts": (
        *(ID, C("text", "text", NC_("workbook", "Text")), SOURCE),
        *(C("text_en", "text", NC_("workbook", "Text in English")), SOURCE_EN),
    ),
    GROUPS_SHEET: (
        C("index", "text", INDEX_ID),
        C("name", "text", NC_("workbook", "Group name")),
        C("min", "number", NC_("workbook", "Lowest score of the group"), (Decimal(0), None)),
    ),
    LEAGUE_SHEET: (
        *(C("id", "text", INDEX_ID), YEAR, SOURCE),
        C("synthetic", "bool", NC_("workbook", "Synthetic test data")),
        C("province", "text", NC_("workbook", "Province")),
        C("score", "number", NC_("workbook", "Score"), (Decimal(0), None)),
        C("rank", "whole", NC_("workbook", "Published rank"), FROM_ONE),
        C("partial", "bool", NC_("workbook", "Partial table")),
        SOURCE_EN,
    ),
}
RESULTS_COLUMNS = (ID, NAME, MAX, SCORE, RANK, NOTE)
RESULT_KEYS = ("score", "rank", "note")
"""The results sheet's columns the analyst fills; a row with none of them is no result (its
name and maximum are the baseline's, shown to type against, and not read back)."""
LIST_OWNER: Mapping[str, Literal["baseline", "targets"]] = {
    "bodies": "targets",
    "deadlines": "targets",
    "history": "baseline",
    "references": "baseline",
    "facts": "baseline",
    GROUPS_SHEET: "baseline",
    LEAGUE_SHEET: "baseline",
}
Role = Literal["baseline", "targets", "results"]
PLAN_KEYS: tuple[tuple[Role, str, Kind, str], ...] = (
    ("baseline", "province", "text", NC_("workbook", "Province")),
    ("baseline", "year", "whole", NC_("workbook", "Year of the baseline")),
    ("baseline", "source", "text", NC_("workbook", "Source of the numbers")),
    ("targets", "province", "text", NC_("workbook", "Province of the plan")),
    ("targets", "year", "whole", NC_("workbook", "Year of the plan")),
    ("targets", "baseline_year", "whole", NC_("workbook", "Baseline year of the plan")),
    ("targets", "title", "text", NC_("workbook", "Title of the plan")),
    ("targets", "goal", "text", NC_("workbook", "General goal")),
    ("targets", "goal_en", "text", NC_("workbook", "General goal in English")),
    ("results", "year", "whole", NC_("workbook", "Year of the results (results sheet)")),
    ("results", "source", "text", NC_("workbook", "Source of the results")),
)
"""The plan sheet: one row per file-level key, ``baseline.year`` and so on."""


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
        self.results = CellParsed(name, {})
        self.pending: list[_PendingTarget] = []

    def refuse(self, where: str, code: str, message: Msg) -> None:
        self.problems.append(Problem(f"{self.name}:{where}", None, None, None, code, message))

    def value(self, cell: Cell, column: Column, *, percent: bool = False) -> Any:
        """A cell as the model expects it, or ``None`` with the problem noted at the cell.

        ``percent``: the row's values are percentages, so a cell shown as ``98%`` is 98.
        """
        raw = cell.value
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return None
        found, problem = _convert(cell, column, percent)
        if problem is not None:
            code, message = problem
            self.refuse(cell.place, code, msg("at-key", key=column.key, message=message))
            return None
        return found


def _convert(cell: Cell, column: Column, percent: bool) -> tuple[Any, Refusal | None]:
    """A cell's value as the model expects it for its column, or the problem with it."""
    refused = formula_or_error(cell)
    if refused is not None:
        return None, refused
    raw, kind = cell.value, column.kind
    if kind == "number":
        return number(cell, percent=percent)
    if kind == "whole":
        return whole(raw)
    if kind == "rank" and isinstance(raw, (dt.date, dt.datetime)):
        return None, (rules.UNREADABLE_CELL, msg("cell-date"))
    if kind == "ids":
        return tuple(part.strip() for part in re.split(r"[,;]", str(raw)) if part.strip()), None
    if kind == "date" and isinstance(raw, dt.datetime):
        return raw.date(), None
    if kind in ("rank", "date", "choice"):
        return (raw.strip() if isinstance(raw, str) else raw), None
    if kind == "bool":
        word = raw.strip().casefold() if isinstance(raw, str) else None
        return ({"true": True, "false": False}.get(word, raw) if word is not None else raw), None
    return text(raw), None


class _Sheet:
    """A sheet read once, top to bottom (openpyxl's read-only mode streams it): header, then rows."""

    def __init__(self, book: Book, title: str) -> None:
        self.title = title
        self._rows = book.rows(title)
        self._ahead: tuple[int, list[Cell]] | None = None

    def header(self) -> list[Cell]:
        """Row 1's cells; none when row 1 is empty (its rows are then the body's)."""
        first = next(self._rows, None)
        if first is not None and first[0] != 1:
            self._ahead, first = first, None
        return first[1] if first is not None else []

    def body(self) -> Iterator[tuple[int, list[Cell]]]:
        if self._ahead is not None:
            yield self._ahead
        yield from self._rows


def _header(reader: _Reader, sheet: _Sheet, known: Sequence[Column]) -> dict[int, Column]:
    """Columns by position, found by the key in each header: columns may be moved, not repeated.

    A key in two headers is refused at the second, naming the first: otherwise one column would
    silently win over the other.
    """
    by_key = {column.key: column for column in known}
    found: dict[int, Column] = {}
    first: dict[str, str] = {}
    for cell in sheet.header():
        label = str(cell.value).strip()
        match = _HEADER_KEY.search(label)
        key = match.group(1) if match else label
        if key in first:
            message = msg("column-twice", column=quoted(label), first=first[key])
            reader.refuse(cell.place, rules.COLUMN_TWICE, message)
        elif key in by_key:
            found[cell.column] = by_key[key]
            first[key] = cell.place
        else:
            names = ", ".join(by_key)
            reader.refuse(
                cell.place, rules.UNKNOWN_COLUMN, msg("unknown-column", column=quoted(label), known=names)
            )
    return found


def _rows(
    reader: _Reader, sheet: _Sheet, columns: Mapping[int, Column]
) -> Iterator[tuple[int, dict[str, Any], dict[str, str]]]:
    """Each row with a filled known column: its number, its values by key, and each key's cell.

    A row whose ``unit`` is ``percent`` reads a cell shown as ``98%`` as 98; any other row
    refuses a percent-formatted number (it would be 0.98 of what the analyst saw).
    """
    unit = next((n for n, column in columns.items() if column.key == "unit"), None)
    for row_number, cells in sheet.body():
        known = [(cell, columns[cell.column]) for cell in cells if cell.column in columns]
        if not known:
            continue
        percent = any(c.column == unit and str(c.value).strip() == "percent" for c in cells)
        values: dict[str, Any] = {}
        where: dict[str, str] = {}
        for cell, column in known:
            where[column.key] = cell.place
            value = reader.value(cell, column, percent=percent)
            if value is not None:
                values[column.key] = value
        yield row_number, values, where


def _place_all(
    parsed: CellParsed, path: tuple[Key, ...], where: Mapping[str, str], keys: Mapping[str, str], row: str
) -> None:
    parsed.place(path, row)
    for column, key in keys.items():
        if column in where:
            parsed.place((*path, key), where[column])


_TARGET_PLACES = {**TARGET_KEYS, "id": "id"}


@dataclass(frozen=True)
class _PendingTarget:
    """A target read from a row, placed in the targets file once all sheets give the order."""

    order: int | None
    data: dict[str, Any]
    where: Mapping[str, str]
    row: str


def _target(values: Mapping[str, Any]) -> dict[str, Any] | None:
    picked = {key: values[column] for column, key in TARGET_KEYS.items() if column in values}
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


def _read_index_sheet(reader: _Reader, sheet: _Sheet, *, kpi: bool) -> Any:
    """An index sheet: the index (row 2) and its criteria, parts nested by ``part_of``."""
    columns = _header(reader, sheet, INDEX_COLUMNS)
    index: dict[str, Any] | None = None
    found: list[dict[str, Any]] = []
    by_id: dict[str, tuple[dict[str, Any], tuple[Key, ...]]] = {}
    base: tuple[Key, ...] = (
        ("indicators",) if kpi else ("indices", len(reader.baseline.data.setdefault("indices", [])))
    )
    for row_number, values, where in _rows(reader, sheet, columns):
        row_place = f"{sheet.title}!A{row_number}"
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
            reader.refuse(
                where.get("part_of", row_place), rules.ORPHAN_ROW, msg("part-of", parent=quoted(parent_id))
            )
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


def _read_groups_sheet(reader: _Reader, sheet: _Sheet, indices: list[dict[str, Any]]) -> None:
    """Each group row added to its index's ``groups``, in row order; the index must have a sheet."""
    columns = _header(reader, sheet, LIST_COLUMNS[GROUPS_SHEET])
    positions = {index.get("id"): n for n, index in enumerate(indices) if isinstance(index.get("id"), str)}
    for row_number, values, where in _rows(reader, sheet, columns):
        row_place = f"{sheet.title}!A{row_number}"
        ident = values.get("index")
        if ident is None:
            reader.refuse(row_place, rules.MISSING_KEY, msg("missing-key", key=quoted("index")))
            continue
        if ident not in positions:
            message = msg("at-key", key="index", message=msg("not-in-file", id=quoted(str(ident))))
            reader.refuse(where.get("index", row_place), rules.ORPHAN_ROW, message)
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


_TABLE_KEYS = ("id", "year", "source", "source_en")
"""A league table's own keys, taken from its first row."""


def _read_league_sheet(reader: _Reader, sheet: _Sheet) -> list[dict[str, Any]]:
    """One row per province; rows that agree on id, year and source are one table, in the order
    of their first row. A province twice in a table is refused at the second (PP126)."""
    columns = _header(reader, sheet, LIST_COLUMNS[LEAGUE_SHEET])
    tables: dict[tuple[Any, ...], _Table] = {}
    for row_number, values, where in _rows(reader, sheet, columns):
        row_place = f"{sheet.title}!A{row_number}"
        key = (values.get("id"), values.get("year"), values.get("source"))
        table = tables.get(key)
        if table is None:
            table = tables[key] = _Table(
                ("league", len(tables)), {k: values[k] for k in _TABLE_KEYS if k in values}
            )
            table.data["scores"] = {}
            _place_all(reader.baseline, table.path, where, {k: k for k in _TABLE_KEYS}, row_place)
            reader.baseline.place((*table.path, "scores"), where.get("province", row_place))
        if values.get("partial") is True or ("partial" in values and "partial" not in table.data):
            table.data["partial"] = values["partial"]  # any row marking the table partial makes it so
            reader.baseline.place((*table.path, "partial"), where["partial"])
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
            reader.refuse(row, rules.MISSING_KEY, msg("missing-key", key=quoted("province")))
        return
    name = unicodedata.normalize("NFC", province) if isinstance(province, str) else province
    scores = table.data["scores"]
    if name in scores or name in table.data.get("ranks", {}):
        reader.refuse(
            where["province"],
            rules.DUPLICATE_KEY,
            msg("at-key", key="province", message=msg("duplicate-key", key=quoted(str(name)))),
        )
        return
    if "rank" in values:  # a partial table's published rank, with or without its score
        table.data.setdefault("ranks", {})[name] = values["rank"]
        reader.baseline.place((*table.path, "ranks", name), where["rank"])
    if "score" not in values:
        if "score" not in where and "rank" not in where:  # else the cell's own problem says it
            reader.refuse(where["province"], rules.MISSING_KEY, msg("missing-key", key=quoted("score")))
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


def _read_list_sheet(reader: _Reader, sheet: _Sheet, name: str) -> list[dict[str, Any]]:
    columns = _header(reader, sheet, LIST_COLUMNS[name])
    parsed = reader.targets if LIST_OWNER[name] == "targets" else reader.baseline
    items: list[dict[str, Any]] = []
    for row_number, values, where in _rows(reader, sheet, columns):
        _place_all(
            parsed,
            (name, len(items)),
            where,
            {c.key: c.key for c in LIST_COLUMNS[name]},
            f"{sheet.title}!A{row_number}",
        )
        items.append(values)
    return items


def _read_plan_sheet(reader: _Reader, sheet: _Sheet) -> None:
    """The plan's own keys: a label such as ``baseline.year`` in column A, its value in B."""
    kinds = {f"{role}.{key}": (role, key, kind) for role, key, kind, _title in PLAN_KEYS}
    for row_number, cells in sheet.body():
        by_column = {cell.column: cell for cell in cells}
        if 1 not in by_column:
            continue
        label = str(by_column[1].value).strip()
        if label not in kinds:
            known = ", ".join(kinds)
            message = msg("unknown-column", column=quoted(str(by_column[1].value)), known=known)
            reader.refuse(by_column[1].place, rules.UNKNOWN_COLUMN, message)
            continue
        role, key, kind = kinds[label]
        parsed = {"baseline": reader.baseline, "targets": reader.targets, "results": reader.results}[role]
        parsed.place((key,), f"{sheet.title}!B{row_number}")
        value = reader.value(by_column[2], Column(key, kind, key)) if 2 in by_column else None
        if value is not None:
            parsed.data[key] = value


def _read_sheets(reader: _Reader, book: Book) -> None:
    """Every sheet but the instructions, each once; groups last, when every index is read."""
    if PLAN_SHEET in book.sheetnames:
        _read_plan_sheet(reader, _Sheet(book, PLAN_SHEET))
    else:
        message = msg("sheet-missing", sheet=quoted(PLAN_SHEET))
        reader.problems.append(Problem(reader.name, None, None, None, rules.MISSING_SHEET, message))
    indices = reader.baseline.data.setdefault("indices", [])
    help_titles = {tr(lang, HELP_TITLE) for lang in LANGS}
    for title in book.sheetnames:
        if title in help_titles or title in (PLAN_SHEET, GROUPS_SHEET, RESULTS_SHEET):
            continue  # the groups sheet may stand before the indices it names
        sheet = _Sheet(book, title)
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
        reader.problems.append(
            Problem(reader.name, None, None, None, rules.MISSING_SHEET, msg("no-index-sheet"))
        )
    if GROUPS_SHEET in book.sheetnames:
        _read_groups_sheet(reader, _Sheet(book, GROUPS_SHEET), indices)
    if RESULTS_SHEET in book.sheetnames:
        _read_results_sheet(reader, _Sheet(book, RESULTS_SHEET))


def _read_results_sheet(reader: _Reader, sheet: _Sheet) -> None:
    """The rows with a score, rank or note typed (or refused) as the short results form's
    ``results``; the file's province is the plan's, its year and source the plan sheet's."""
    columns = _header(reader, sheet, RESULTS_COLUMNS)
    items: list[dict[str, Any]] = []
    indices = {index.get("id") for index in reader.baseline.data.get("indices", [])}
    for row_number, values, where in _rows(reader, sheet, columns):
        if not any(key in where for key in RESULT_KEYS):
            continue
        row_place = f"{sheet.title}!A{row_number}"
        if values.get("id") in indices and "note" in values:  # an index keeps no note: never drop one
            reader.refuse(
                where["note"], rules.UNKNOWN_KEY, Msg("unknown-key", {"key": quoted("note"), "hint": NOTHING})
            )
            continue
        if "id" not in values:
            if "id" not in where:  # else the cell's own problem says it
                reader.refuse(row_place, rules.MISSING_KEY, msg("missing-key", key=quoted("id")))
            continue
        keys = {key: key for key in ("id", *RESULT_KEYS)}
        _place_all(reader.results, ("results", len(items)), where, keys, row_place)
        items.append({key: values[key] for key in keys if key in values})
    if not items:
        return
    data = reader.results.data
    data["results"] = items
    data["province"] = reader.baseline.data.get("province")
    if ("province",) in reader.baseline.places:
        reader.results.place(("province",), reader.baseline.places[("province",)])


@dataclass
class ResultsCells(ShortParsed, CellParsed):
    """The results sheet as a short results file: the rules' long paths (``indices[0]
    .criteria[2].score``) go to the row of that id (ShortParsed), then to its cell (CellParsed)."""


@dataclass(frozen=True)
class WorkbookRead:
    """A plan workbook read: its models, and where each value stands for the rules' problems.

    ``results`` is ``None`` when the results sheet is absent or has no value typed in.
    """

    baseline: Baseline
    targets: Targets
    results: ShortResults | None
    baseline_cells: CellParsed
    targets_cells: CellParsed
    results_cells: CellParsed


def results_cells(cells: CellParsed, short: ShortResults, long: Baseline) -> ResultsCells:
    """The results sheet's places, answering for the paths of the results' long form."""
    positions: dict[str, int] = {}
    for n, result in enumerate(short.results):
        positions.setdefault(result.id, n)
    return ResultsCells(
        cells.file, cells.data, places=cells.places, order=cells.order, positions=positions, long=long
    )


def read_workbook(path: Path, display: str | None = None) -> tuple[Baseline, Targets, CellParsed, CellParsed]:
    """A plan workbook read back into a baseline and targets, each value placed in its cell."""
    read = read_plan_workbook(path, display)
    return read.baseline, read.targets, read.baseline_cells, read.targets_cells


def read_plan_workbook(path: Path, display: str | None = None) -> WorkbookRead:
    """A plan workbook read back into a baseline, targets and results, each value placed in its cell.

    Every problem (a bad cell, an unknown column, a missing sheet, what the models refuse) is
    reported at once, as an :class:`InputError`.
    """
    name = display if display is not None else str(path)
    reader = _Reader(name)
    with open_book(path, name) as book:
        _read_sheets(reader, book)
        sheets = list(book.sheetnames)
    reader.targets.data["targets"] = _ordered_targets(reader)
    problems = list(reader.problems)
    models: list[Any] = []
    said = _refused_cells(reader.problems)
    files: list[tuple[CellParsed, Any]] = [(reader.baseline, Baseline), (reader.targets, Targets)]
    if "results" in reader.results.data:
        files.append((reader.results, ShortResults))
    for parsed, model in files:
        own = said | _refused_top_keys(parsed, reader.problems)
        try:
            models.append(validate(parsed, model))
        except InputError as error:
            problems.extend(p for p in error.problems if not _said_already(p, own))
    if problems:
        problems.sort(key=lambda p: _rank_place(p, name, sheets))
        raise InputError(_once(problems))
    results = models[2] if len(models) > 2 else None
    return WorkbookRead(models[0], models[1], results, reader.baseline, reader.targets, reader.results)


def _once(problems: Sequence[Problem]) -> list[Problem]:
    """Each problem once: a cell read into both files (a criterion's id is its target's id too)
    is refused by both models with the same words, which say one thing."""
    seen: set[str] = set()
    kept = []
    for problem in problems:
        if problem.format() not in seen:
            seen.add(problem.format())
            kept.append(problem)
    return kept


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


def _refused_top_keys(parsed: CellParsed, problems: Sequence[Problem]) -> set[tuple[str, str]]:
    """The plan sheet's keys (``year``) whose cell was refused: a file's own key "missing"
    is placed at the whole workbook, so :func:`_said_already` matches it there."""
    refused = {p.file for p in problems}
    return {
        (parsed.file, quoted(str(path[0])))
        for path, where in parsed.places.items()
        if len(path) == 1 and f"{parsed.file}:{where}" in refused
    }


def _said_already(problem: Problem, refused: set[tuple[str, str]]) -> bool:
    """A required key "missing" only because its cell was refused, or a league table "empty" only
    because its one score cell was: one mistake, one problem."""
    if problem.code == rules.EMPTY_LIST:
        return any(row == _row_of(problem.file) for row, _key in refused)
    if problem.code != rules.MISSING_KEY or problem.message.key != "missing-key":
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
    "INDEX_COLUMNS",
    "LEAGUE_SHEET",
    "LIST_COLUMNS",
    "RESULTS_COLUMNS",
    "RESULTS_SHEET",
    "TARGET_ORDER",
    "CellParsed",
    "Column",
    "ResultsCells",
    "WorkbookRead",
    "read_plan_workbook",
    "read_workbook",
    "results_cells",
]
