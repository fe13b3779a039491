"""Writes the plan workbook: a baseline and its targets as an editable Excel file.

The layout (sheets, columns, their keys and headers) is :mod:`parplan.reading.workbook`'s, which
reads the file back: the two sides share one description of the workbook, so they cannot drift.
Numbers are written as numbers with their decimal places shown, text never as a formula, and
the score-like cells get Excel's data validation from their row's maximum. openpyxl is imported
inside the functions: only ``export`` and ``init --xlsx`` pay for it.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any, get_args

from parplan.models.plan import Baseline, Criterion, Index, Rank, Target, Targets
from parplan.reading.cells import EXCEL_DIGITS, places
from parplan.reading.workbook import (
    CRITERION_KEYS,
    GROUPS_SHEET,
    HELP_TITLE,
    INDEX_COLUMNS,
    INDEX_KEYS,
    KPI_SHEET,
    LAST_ROW,
    LEAGUE_SHEET,
    LIST_COLUMNS,
    LIST_OWNER,
    LIST_SHEETS,
    PLAN_KEYS,
    PLAN_SHEET,
    RESULT_KEYS,
    RESULTS_COLUMNS,
    RESULTS_SHEET,
    TARGET_KEYS,
    TARGET_ORDER,
    Column,
)
from parplan.vocab.i18n import N_, tr
from parplan.vocab.problems import Lang, msg, quoted

HELP = (
    N_("parplan's plan workbook: fill it in, then run `parplan import FILE.xlsx --to FOLDER`."),
    N_(
        "Each sheet PAR, PAPI, SIPAS (and KPI) is an index; row 2 is the index, each row below a"
        " criterion; the part_of column gives the id of the field a part belongs to."
    ),
    N_("An empty cell is unknown (null). Never type 0 for an empty cell: 0 points is a result."),
    N_("Numbers: type them as numbers, not as text, and not as formulas."),
    N_("Ranks: k/N such as 12/34, in a cell formatted as Text (Excel may turn 12/3 into a date)."),
    N_(
        "{comparison}: > (more than) or >= (at least). A row has a target when any of {columns} is filled in."
    ),
    N_(
        "Headline targets: rank_target (this rank or better, a whole number: 10 is the top 10),"
        " rank_base (the number of provinces the plan assumed, e.g. 34), group_target (this group or"
        " a higher one), {improve} ({improvable}: better than the baseline year), target_year (the"
        " target's year; empty: the plan's year)."
    ),
    N_(
        "target_order: the target's place in the YAML file (1, 2, 3…). On import, targets with an"
        " order come first, in that order; new targets with this column empty follow, in the order"
        " of the rows on the sheets."
    ),
    N_(
        "Row 2 of each index sheet: total (sum: the sum of the criteria; given: the published total,"
        " in the score column; none: no total) and group (the group published for that year)."
    ),
    N_("owners: ids of bodies from the bodies sheet, separated by commas: so-noi-vu, so-tu-phap."),
    N_(
        "The {plan} sheet: province, years and title. The sheets {lists}: one entry per row; the"
        " column names are the YAML keys (see docs/writing-a-plan.en.md)."
    ),
    N_(
        "The groups sheet: one row per group of an index: the index's id (index), the group's name"
        " (name) and its lowest score (min), in the published order."
    ),
    N_(
        "The league sheet: other provinces' scores, one province per row; rows with the same {id},"
        " {year} and {source} are one table; synthetic TRUE (on any of its rows) marks made-up test"
        " data, never published figures."
    ),
    N_("A cell that cannot be read in the source: leave it empty and say why in note."),
    N_("A source that contradicts itself: type what it says, add a note; `parplan validate` warns."),
    N_(
        "The Kết quả (results) sheet: a year's published results, one row per index or criterion;"
        " type {typed} ({given} are the baseline's); the year and source are on the plan sheet"
        " (results.year, results.source). When filled, import also writes results_YEAR.yaml."
    ),
    N_("Problems name their cell, e.g. {example}."),
)
"""The instructions sheet, a line a row. The keys, sheet names and the example problem are
filled in from the layout (they are the workbook's own words, the same in every language)."""


def _help_lines(lang: Lang) -> Iterator[str]:
    """The instructions in ``lang``, their placeholders filled from the layout."""
    example = msg("at-key", key="score", message=msg("cell-number", got=quoted("mười hai")))
    values = {
        "comparison": "comparison",
        "columns": ", ".join(TARGET_KEYS),
        "improve": "improve",
        "improvable": ", ".join(get_args(get_args(Target.model_fields["improve"].annotation)[0])),
        "plan": PLAN_SHEET,
        "lists": ", ".join(name for name in LIST_SHEETS if name not in (GROUPS_SHEET, LEAGUE_SHEET)),
        **{key: key for key in ("id", "year", "source")},
        "typed": ", ".join(RESULT_KEYS),
        "given": ", ".join(column.key for column in RESULTS_COLUMNS if column.key not in RESULT_KEYS),
        "example": f"plan.xlsx:PAR!D7: {example.text(lang)}",
    }
    for line in HELP:
        yield tr(lang, line).format(**values)


def _sheet_name(index: Index) -> str:
    """``PAR`` for ``par``: short, legal, and the same in both languages, so import finds it."""
    return index.id.upper()[:31]


def _targets_by_id(targets: Targets) -> dict[str, tuple[int, Target]]:
    """Each target with its place in the file (from 1), which ``target_order`` keeps."""
    return {target.id: (n, target) for n, target in enumerate(targets.targets, start=1)}


def _criterion_row(
    criterion: Criterion, parent: str | None, target: tuple[int, Target] | None
) -> dict[str, Any]:
    row: dict[str, Any] = {key: getattr(criterion, key) for key in CRITERION_KEYS}
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
    cells = {column: _cell_value(getattr(target, key)) for column, key in TARGET_KEYS.items()}
    cells[TARGET_ORDER] = order
    return cells


def _criterion_rows(
    criteria: Sequence[Criterion], parent: str | None, targets: Mapping[str, tuple[int, Target]]
) -> Iterator[dict[str, Any]]:
    for criterion in criteria:
        yield _criterion_row(criterion, parent, targets.get(criterion.id))
        yield from _criterion_rows(criterion.parts, criterion.id, targets)


def _index_rows(index: Index, targets: Mapping[str, tuple[int, Target]]) -> Iterator[dict[str, Any]]:
    head: dict[str, Any] = {key: getattr(index, key) for key in INDEX_KEYS}
    yield head | _target_cells(targets.get(index.id))
    yield from _criterion_rows(index.criteria, None, targets)


def put_cell(sheet: Any, row: int, column: int, value: Any) -> Any:
    """One cell: numbers as numbers with their decimal places shown, text never a formula."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, Rank):
        value = str(value)  # as the files spell it, 39/63
    if isinstance(value, Decimal):
        digits = len(value.as_tuple().digits)
        if digits > EXCEL_DIGITS:  # a double cannot hold it: keep the exact text
            cell.value, cell.data_type = format(value, "f"), "s"
            return cell
        shown = places(value)
        cell.value = int(value) if shown == 0 else float(value)
        cell.number_format = "0" if shown == 0 else "0." + "0" * shown
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


def _column_validation(sheet: Any, letter: str, column: Column, lang: Lang) -> None:
    """A whole column's own limits (a year between the models' first and last, a rank target from 1)."""
    from openpyxl.worksheet.datavalidation import DataValidation

    assert column.bounds is not None
    low, high = column.bounds
    kind = "whole" if column.kind == "whole" else "decimal"
    if high is None:
        rule = DataValidation(type=kind, operator="greaterThanOrEqual", formula1=str(low))
    else:
        rule = DataValidation(type=kind, operator="between", formula1=str(low), formula2=str(high))
    whole = " (" + tr(lang, N_("whole number")) + ")" if kind == "whole" else ""
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
        put_cell(sheet, 1, n, column.header(lang))
        sheet.column_dimensions[get_column_letter(n)].width = 40 if column.key in ("name", "note") else 14
        if column.bounds is not None:
            _column_validation(sheet, get_column_letter(n), column, lang)
    sheet.freeze_panes = "A2"
    for r, row in enumerate(rows, start=2):
        for n, column in enumerate(columns, start=1):
            cell = put_cell(sheet, r, n, row.get(column.key))
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
            | {"source_en": table.source_en, "partial": table.partial or None}
            | {"province": province, "score": table.scores.get(province), "rank": table.ranks.get(province)}
            for table in baseline.league
            for province in {**table.scores, **table.ranks}
        ]
    owner = targets if LIST_OWNER[name] == "targets" else baseline
    return [_record(item, LIST_COLUMNS[name]) for item in getattr(owner, name)]


def _plan_value(role: str, key: str, baseline: Baseline, targets: Targets, results: Baseline | None) -> Any:
    """A plan-sheet value; the results' year is the plan's year until results are given (the
    year whose results ``check`` judges the targets on)."""
    if role == "results":
        if results is not None:
            return getattr(results, key)
        return targets.year if key == "year" else None
    return getattr(baseline if role == "baseline" else targets, key)


def _walk(criteria: Sequence[Criterion]) -> Iterator[Criterion]:
    for criterion in criteria:
        yield criterion
        yield from _walk(criterion.parts)


def _result_values(baseline: Baseline, results: Baseline | None) -> dict[str, dict[str, Any]]:
    """The results' score, rank and note by id. An index's score only where the baseline's total
    is given (SIPAS's overall %): the short results file that import writes carries no other,
    as the scores of the criteria make it (:func:`parplan.reading.shortresults.expand`)."""
    if results is None:
        return {}
    given = {index.id for index in baseline.indices if index.total == "given"}
    found: dict[str, dict[str, Any]] = {}
    for index in results.indices:
        score = index.score if index.id in given else None
        found[index.id] = {"score": score, "rank": index.rank}
        found |= {c.id: {k: getattr(c, k) for k in RESULT_KEYS} for c in _walk(index.criteria)}
    found |= {c.id: {k: getattr(c, k) for k in RESULT_KEYS} for c in _walk(results.indicators)}
    return found


def left_out_scores(baseline: Baseline, results: Baseline | None) -> list[str]:
    """The indices whose score the results give but the results sheet leaves out, since the
    baseline does not give their total (``export`` says so: nothing dropped without a word)."""
    if results is None:
        return []
    given = {index.id for index in baseline.indices if index.total == "given"}
    return [index.id for index in results.indices if index.score is not None and index.id not in given]


def _result_rows(baseline: Baseline, results: Baseline | None) -> list[dict[str, Any]]:
    """One row per index, criterion and indicator of the baseline, in its order, with its name and
    maximum; the results' values where given, else empty cells to type into."""
    given = _result_values(baseline, results)
    rows: list[dict[str, Any]] = []
    for index in baseline.indices:
        rows.append({"id": index.id, "name": index.name} | given.get(index.id, {}))
        rows.extend(_criterion_result(c, given) for c in _walk(index.criteria))
    rows.extend(_criterion_result(c, given) for c in _walk(baseline.indicators))
    return rows


def _criterion_result(criterion: Criterion, given: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    return {"id": criterion.id, "name": criterion.name, "max": criterion.max} | dict(
        given.get(criterion.id, {})
    )


def _write_results(sheet: Any, baseline: Baseline, results: Baseline | None, lang: Lang) -> None:
    """The results sheet: id, name and maximum locked in by the baseline, score, rank and note
    to type (or the given results' values), with the index sheets' validation from the maximum."""
    _write_table(sheet, RESULTS_COLUMNS, _result_rows(baseline, results), lang)
    sheet.column_dimensions["B"].width = 60


def workbook_bytes(
    baseline: Baseline, targets: Targets, lang: Lang = "vi", results: Baseline | None = None
) -> bytes:
    """The plan as an ``.xlsx`` workbook that :func:`read_workbook` reads back to equal models.

    The results sheet is always written: with ``results``, their values; without, empty score,
    rank and note cells, so the year's published results can be typed into the same workbook.
    """
    from openpyxl import Workbook

    book = Workbook()
    help_sheet = book.active
    help_sheet.title = tr(lang, HELP_TITLE)
    help_sheet.column_dimensions["A"].width = 120
    for n, line in enumerate(_help_lines(lang), start=1):
        put_cell(help_sheet, n, 1, line)
    plan = book.create_sheet(PLAN_SHEET)
    for n, (role, key, _kind, title) in enumerate(PLAN_KEYS, start=1):
        put_cell(plan, n, 1, f"{role}.{key}")
        put_cell(plan, n, 2, _plan_value(role, key, baseline, targets, results))
        put_cell(plan, n, 3, tr(lang, title))
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
    _write_results(book.create_sheet(RESULTS_SHEET), baseline, results, lang)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


__all__ = ["HELP", "left_out_scores", "put_cell", "workbook_bytes"]
