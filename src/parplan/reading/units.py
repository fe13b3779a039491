"""Reading ``units.yaml`` and a year's scores (``scores_YEAR.csv`` or ``.yaml``), every problem placed.

``units.yaml`` is parsed by :mod:`parplan.reading.yamlread` (exact numbers, positions, safety
caps) and validated against :class:`~parplan.models.units.UnitsFile`; then what needs the whole
set is checked: duplicate ids, blocks nobody declared, classes out of order, a group's maximum
that is not the sum of its criteria, a leaf with no maximum.

The scores are read by the C ``csv`` module (31,000 rows in a few tens of milliseconds); the
column of a problem is found only when there is one to place, by reading that row again, so
``scores_2025.csv:14:9: so-noi-vu: PP501 error: …``. The checks that need the criteria set
(:func:`check_scores`) report every problem at once: an unknown unit or criterion, a row for a
group, a unit and criterion twice, a score above its maximum or below 0, ``applicable: no``
where the criterion never applies, a bonus or penalty above its maximum; a unit with no rows at
all is a warning that names it.

API: :func:`load_units` -> ``(UnitsFile, Parsed)``; :func:`read_scores` -> :class:`ScoreTable`;
:func:`check_scores` -> problems; :func:`load_scores` does both and raises on errors;
:func:`scores_csv` writes rows back as the CSV contract has them.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from parplan.models.plan import control_in_prose
from parplan.models.units import (
    BONUS,
    COLUMNS,
    PENALTY,
    Leaf,
    ScoreRow,
    ScoresFile,
    UnitCriterion,
    UnitsFile,
    applicable_value,
    applies,
)
from parplan.reading.validation import lookalike_letters, validate
from parplan.reading.yamlread import Key, Parsed, parse_yaml, read_text
from parplan.vocab import rules
from parplan.vocab.problems import (
    NOTHING,
    InputError,
    Msg,
    Num,
    Problem,
    clip,
    errors,
    file_order,
    msg,
    quoted,
)

_NUMBER = re.compile(r"^[-+]?[0-9]{1,9}(\.[0-9]{1,12})?$")
"""A plain decimal within the plan files' limits (9 digits before the point, 12 after)."""
_LINE_END = re.compile(r"\r\n|\r|\n")
_WIDTH = len(COLUMNS)
_ZERO = Decimal(0)
_COMMA_NUMBER = re.compile(r"^[-+]?[0-9]{1,9}(,[0-9]{1,12})?$")


# --- units.yaml -----------------------------------------------------------------------------


def load_units(path: Path, display: str | None = None) -> tuple[UnitsFile, Parsed]:
    """Read, parse and validate ``units.yaml``; every problem of it at once, as an InputError."""
    name = display if display is not None else str(path)
    parsed = parse_yaml(read_text(path, name), name, positions=False)
    units = validate(parsed, UnitsFile)
    found = units_problems(units, parsed)
    if errors(found):
        raise InputError(sorted(found, key=file_order))
    return units, parsed


def units_problems(units: UnitsFile, parsed: Parsed) -> list[Problem]:
    """What the model alone cannot see: ids, blocks, classes and maxima checked together."""
    places: list[tuple[list[Key], str, Msg]] = []
    places += _duplicates([(["blocks", n, "id"], b.id) for n, b in enumerate(units.blocks)])
    places += _duplicates([(["units", n, "id"], u.id) for n, u in enumerate(units.units)])
    places += _duplicates(list(_criterion_ids(units.fields, ["fields"])))
    known = {b.id for b in units.blocks}
    places += [
        (["units", n, "block"], rules.UNKNOWN_BLOCK, msg("u-unknown-block", block=quoted(u.block)))
        for n, u in enumerate(units.units)
        if u.block not in known
    ]
    places += _criteria_checks(units.fields, ["fields"], known)
    places += _class_order(units)
    parsed.prepare([where for where, _code, _message in places])
    return [parsed.problem(where, code, message) for where, code, message in places]


def _duplicates(ids: Sequence[tuple[list[Key], str]]) -> list[tuple[list[Key], str, Msg]]:
    seen: set[str] = set()
    found: list[tuple[list[Key], str, Msg]] = []
    for where, ident in ids:
        if ident in seen:
            found.append((where, rules.DUPLICATE_UNITS_ID, msg("u-duplicate-id", id=quoted(ident))))
        seen.add(ident)
    return found


def _criterion_ids(nodes: Iterable[UnitCriterion], path: list[Key]) -> Iterator[tuple[list[Key], str]]:
    for n, node in enumerate(nodes):
        yield [*path, n, "id"], node.id
        if node.criteria:
            yield from _criterion_ids(node.criteria, [*path, n, "criteria"])


def _criteria_checks(
    nodes: Iterable[UnitCriterion], path: list[Key], known: set[str]
) -> list[tuple[list[Key], str, Msg]]:
    """Reserved ids, unknown blocks, leaves without a maximum, groups whose maximum is not the sum."""
    found: list[tuple[list[Key], str, Msg]] = []
    for n, node in enumerate(nodes):
        here: list[Key] = [*path, n]
        if node.id in (BONUS, PENALTY):
            found.append(([*here, "id"], rules.DUPLICATE_UNITS_ID, msg("u-reserved-id", id=quoted(node.id))))
        for k, block in enumerate(node.blocks or ()):
            if block not in known:
                found.append(
                    ([*here, "blocks", k], rules.UNKNOWN_BLOCK, msg("u-unknown-block", block=quoted(block)))
                )
        if node.is_leaf and node.max is None:
            found.append((here, rules.CRITERION_WITHOUT_MAXIMUM, msg("u-no-max", criterion=quoted(node.id))))
        if node.criteria:
            found += _criteria_checks(node.criteria, [*here, "criteria"], known)
            total = leaf_sum(node)
            if node.max is not None and total is not None and node.max != total:
                found.append(
                    (
                        [*here, "max"],
                        rules.GROUP_MAXIMUM_NOT_SUM,
                        msg("u-group-max", max=Num(str(node.max)), sum=Num(str(total))),
                    )
                )
    return found


def leaf_sum(node: UnitCriterion) -> Decimal | None:
    """The sum of the maxima of a group's leaves, all blocks together; None if one is missing."""
    if node.is_leaf:
        return node.max
    total = Decimal(0)
    for child in node.criteria or ():
        part = leaf_sum(child)
        if part is None:
            return None
        total += part
    return total


def _class_order(units: UnitsFile) -> list[tuple[list[Key], str, Msg]]:
    found: list[tuple[list[Key], str, Msg]] = []
    for n in range(1, len(units.classes)):
        before, this = units.classes[n - 1], units.classes[n]
        if this.min >= before.min:
            message = msg(
                "u-classes-order", name=quoted(this.name), min=Num(str(this.min)), before=Num(str(before.min))
            )
            found.append((["classes", n, "min"], rules.CLASSES_OUT_OF_ORDER, message))
    return found


# --- scores ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScoreTable:
    """A year's score rows as read, with where each stands, to place a problem found later."""

    file: str
    year: int | None
    rows: tuple[ScoreRow, ...]
    lines: tuple[int, ...]
    """The line each row starts on (1-based; the header is line 1 of a CSV)."""
    text: str | None = field(default=None, repr=False)
    """A CSV's text, read again to find a problem's column; None for the YAML twin."""
    parsed: Parsed | None = field(default=None, repr=False)
    """The YAML twin's positions."""
    problems: tuple[Problem, ...] = ()
    """Rows that could not be read (left out of ``rows``): reported with the checks' problems."""

    def problem(self, n: int, column: str, code: str, message: Msg) -> Problem:
        """A problem of row ``n`` at its ``column`` (a key of :data:`COLUMNS`)."""
        row = self.rows[n]
        if self.parsed is not None:
            return self.parsed.problem(["scores", n, column], code, message)
        line = self.lines[n]
        col = _column_of(self.text or "", line, COLUMNS.index(column))
        return Problem(self.file, line, col, row.unit or None, code, message)


def shown_id(ident: str) -> str:
    """A unit's or criterion's id as a message quotes it, its letters of another script named:
    ``so-nоi-vu`` with a Cyrillic о reads as ``so-noi-vu``, so "not in units.yaml" alone puzzles."""
    return quoted(ident) + lookalike_letters(ident)


def year_of(path: Path) -> int | None:
    """``scores_2025.csv`` -> 2025: the year a scores file's name gives."""
    found = re.search(r"(19|20|21)[0-9]{2}", path.stem)
    return int(found.group()) if found else None


def read_scores(path: Path, display: str | None = None) -> ScoreTable:
    """Read a year's scores, CSV or its YAML twin. A file that cannot be read at all is an
    InputError; a row that cannot be read is left out and kept in ``problems``, so that
    :func:`check_scores` reports it with every other problem, at once."""
    name = display if display is not None else str(path)
    text = read_text(path, name, folder="folder-scores")
    if path.suffix.lower() in (".yaml", ".yml"):
        parsed = parse_yaml(text, name, positions=False)
        model = validate(parsed, ScoresFile)
        rows = tuple(entry.row() for entry in model.scores)
        return ScoreTable(name, model.year or year_of(path), rows, tuple(0 for _ in rows), None, parsed)
    return _read_csv(text, name, year_of(path))


def _read_csv(text: str, name: str, year: int | None) -> ScoreTable:
    lines = text.splitlines()
    header = lines[0] if lines else ""
    delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    problems: list[Problem] = []
    records = _records(reader, name, problems)
    head = [cell.strip().lower() for cell in next(records, [])]
    if tuple(head) != COLUMNS:
        got = ",".join(head)[:200] if head else quoted("")
        raise InputError(
            [
                Problem(
                    name,
                    1,
                    1,
                    None,
                    rules.SCORE_TABLE_COLUMNS,
                    msg("u-columns", expected=",".join(COLUMNS), got=got),
                )
            ]
        )
    rows: list[ScoreRow] = []
    starts: list[int] = []
    end = reader.line_num
    seen = _SEEN
    for record in records:
        start, end = end + 1, reader.line_num
        if len(record) == _WIDTH:  # the common row, fast: ids, numbers already seen, no flag, no note
            unit, criterion, own, council, applicable, note = record
            if not applicable and not note and own in seen and council in seen and _bare(unit, criterion):
                rows.append(ScoreRow(unit, criterion, seen[own], seen[council], True, None))
                starts.append(start)
                continue
        if not any(cell.strip() for cell in record):
            continue  # a blank line (Excel leaves them at the end)
        row, found = _row(record, delimiter)
        for column, code, message in found:
            col = _column_of(text, start, COLUMNS.index(column), delimiter) if column else 1
            problems.append(Problem(name, start, col, record[0].strip() or None, code, message))
        if row is not None:
            rows.append(row)
            starts.append(start)
    return ScoreTable(name, year, tuple(rows), tuple(starts), text, problems=tuple(problems))


def _csv_reason(error: csv.Error) -> Msg:
    """The csv module's reason in the user's language: its own words are English. With the
    reader parplan uses (not strict), a cell over the field limit is the one it raises in
    practice, and a quote left open is what makes one."""
    if str(error).startswith("field larger than field limit"):
        return msg("u-csv-long-cell", limit=str(csv.field_size_limit()))
    return msg("u-csv-unreadable")


def _records(reader: Iterator[list[str]], name: str, problems: list[Problem]) -> Iterator[list[str]]:
    """The rows, until one the csv module cannot read (a field over its limit, an unclosed
    quote in strict use): that is placed, and reading stops there, since what follows it
    cannot be told apart any more."""
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            line = getattr(reader, "line_num", 0)
            said = msg("u-csv-broken", reason=_csv_reason(error))
            problems.append(Problem(name, line, 1, None, rules.SCORE_TABLE_COLUMNS, said))
            return
        yield record


Found = list[tuple[str, str, Msg]]


def _row(record: list[str], delimiter: str) -> tuple[ScoreRow | None, Found]:
    if len(record) != len(COLUMNS):
        message = msg("u-row-width", got=len(record), expected=len(COLUMNS))
        return None, [("", rules.SCORE_TABLE_COLUMNS, message)]
    unit, criterion, own, council, applicable, note = (cell.strip() for cell in record)
    refused = control_in_prose(note) if note else None
    if refused is not None:  # a note is plan text: what the models refuse in a note, so here
        return None, [("note", rules.CONTROL_CHARACTER_IN_TEXT, refused)]
    if unit and criterion and not applicable and own in _SEEN and council in _SEEN:
        # A common row with a note: numbers already seen (a table repeats a few values), no flag.
        return ScoreRow(unit, criterion, _SEEN[own], _SEEN[council], True, note or None), []
    found: Found = []
    for column, value in (("unit", unit), ("criterion", criterion)):
        if not value:
            found.append((column, rules.UNREADABLE_SCORE_CELL, msg("u-blank", column=column)))
    numbers = [
        _number(value, column, delimiter, found) for column, value in (("self", own), ("appraised", council))
    ]
    flag = applicable_value(applicable)
    if flag is None:
        found.append(
            ("applicable", rules.UNREADABLE_SCORE_CELL, msg("u-applicable", value=clip(quoted(applicable))))
        )
    if found:
        return None, found
    return ScoreRow(unit, criterion, numbers[0], numbers[1], bool(flag), note or None), found


_SEEN: dict[str, Decimal | None] = {"": None}
"""Numbers as read before, by their text (the empty cell: None): a table repeats a few values.
Its keys are stripped texts, so a cell found in it as it stands has no space to strip."""


def _bare(unit: str, criterion: str) -> bool:
    """Both ids given, with nothing to strip: the row can be taken as it stands."""
    return bool(unit) and bool(criterion) and unit == unit.strip() and criterion == criterion.strip()


def _number(value: str, column: str, delimiter: str, found: Found) -> Decimal | None:
    if not value:
        return None
    if _NUMBER.match(value):
        number = Decimal(value)
        if len(_SEEN) < 10_000:
            _SEEN[value] = number
        return number
    if delimiter == ";" and _COMMA_NUMBER.match(value):
        return Decimal(value.replace(",", "."))  # a semicolon CSV is a decimal-comma locale's
    found.append(
        (column, rules.UNREADABLE_SCORE_CELL, msg("u-not-number", column=column, value=clip(quoted(value))))
    )
    return None


def _column_of(text: str, line: int, index: int, delimiter: str = ",") -> int:
    """The 1-based column where field ``index`` of the record starting on ``line`` begins.

    Only called to place a problem, so a plain walk over the characters is fine. Lines end as
    the csv module ends them (``\r\n``, ``\r`` or ``\n``); a line it cannot find is column 1.
    """
    offset = 0
    for _ in range(line - 1):
        found = _LINE_END.search(text, offset)
        if found is None:
            return 1
        offset = found.end()
    start, field_number, quoted_field, i = offset, 0, False, offset
    while i < len(text) and field_number < index:
        char = text[i]
        if char == '"':
            quoted_field = not quoted_field
        elif char == delimiter and not quoted_field:
            field_number += 1
            start = i + 1
        elif char in "\r\n" and not quoted_field:
            break
        i += 1
    return start - max(text.rfind("\n", 0, start), text.rfind("\r", 0, start))


def check_scores(units: UnitsFile, table: ScoreTable) -> list[Problem]:
    """Every problem of a year's scores against the criteria set: errors, then the warnings."""
    leaves = {leaf.id: leaf for leaf in units.leaves()}
    groups = set(_all_ids(units.fields)) - set(leaves)
    blocks = {unit.id: unit.block for unit in units.units}
    seen: dict[tuple[str, str], int] = {}
    found: list[Problem] = list(table.problems)
    fine = _fine_rows(units, table.rows, blocks, seen)
    for n, row in enumerate(table.rows):
        if n not in fine:
            found += _check_row(units, table, n, row, leaves, groups, blocks, seen)
    scored = {row.unit for row in table.rows}
    found += _nothing_applies(units, table, scored)
    found += [
        Problem(
            table.file,
            None,
            None,
            unit.id,
            rules.UNIT_WITHOUT_SCORES,
            msg("u-no-rows", unit=unit.id, name=unit.name),
        )
        for unit in units.units
        if unit.id not in scored
    ]
    return found


def _fine_rows(
    units: UnitsFile, rows: Sequence[ScoreRow], blocks: Mapping[str, str], seen: dict[tuple[str, str], int]
) -> set[int]:
    """The rows that :func:`_check_row` would pass, found in one lean pass: a known unit's row
    for a leaf of its block, marked applicable, each score within 0 and the leaf's maximum, its
    unit and criterion not met before. Each is put in ``seen`` as :func:`_check_row` would. A
    row after a doubtful one with the same unit and criterion is doubtful too, so that the
    doubtful rows, checked afterwards in order, meet in ``seen`` only the rows before them."""
    tops = {leaf.id: (leaf.max, leaf.blocks) for leaf in units.leaves()}
    fine: set[int] = set()
    doubtful: set[tuple[str, str]] = set()
    for n, row in enumerate(rows):
        key = (row.unit, row.criterion)
        if key in seen or key in doubtful or not _fine(row, blocks.get(row.unit), tops.get(row.criterion)):
            doubtful.add(key)
            continue
        seen[key] = n
        fine.add(n)
    return fine


def _fine(
    row: ScoreRow, block: str | None, leaf: tuple[Decimal | None, frozenset[str] | None] | None
) -> bool:
    if block is None or leaf is None or not row.applicable:
        return False
    top, limit = leaf
    if limit is not None and block not in limit:
        return False
    own, council = row.self, row.appraised
    if top is None:
        return (own is None or own >= _ZERO) and (council is None or council >= _ZERO)
    return (own is None or _ZERO <= own <= top) and (council is None or _ZERO <= council <= top)


def _nothing_applies(units: UnitsFile, table: ScoreTable, scored: set[str]) -> list[Problem]:
    """A scored unit whose applicable maximum is 0 (its block's leaves all marked ``no``): the
    block's maximum less the maxima of the leaves the unit marks ``no``."""
    leaves = list(units.leaves())
    in_use = {unit.block for unit in units.units}
    whole = {b: sum((leaf.max or _ZERO for leaf in leaves if applies(leaf, b)), _ZERO) for b in in_use}
    marked = {leaf.id: leaf for leaf in leaves}
    off: dict[str, set[str]] = {}
    for row in table.rows:
        if not row.applicable and row.criterion in marked:
            off.setdefault(row.unit, set()).add(row.criterion)
    found: list[Problem] = []
    for unit in units.units:
        if unit.id not in scored:
            continue
        taken = (marked[ident] for ident in off.get(unit.id, ()))
        top = whole[unit.block] - sum(
            (leaf.max or _ZERO for leaf in taken if applies(leaf, unit.block)), _ZERO
        )
        if top == 0:
            found.append(
                Problem(
                    table.file,
                    None,
                    None,
                    unit.id,
                    rules.NOTHING_APPLICABLE,
                    msg("u-zero-max", unit=quoted(unit.id)),
                )
            )
    return found


def _all_ids(nodes: Iterable[UnitCriterion]) -> Iterator[str]:
    for node in nodes:
        yield node.id
        yield from _all_ids(node.criteria or ())


def _check_row(
    units: UnitsFile,
    table: ScoreTable,
    n: int,
    row: ScoreRow,
    leaves: Mapping[str, Leaf],
    groups: set[str],
    blocks: Mapping[str, str],
    seen: dict[tuple[str, str], int],
) -> list[Problem]:
    block = blocks.get(row.unit)
    if block is None:
        hint = _close(row.unit, blocks)
        return [
            table.problem(
                n, "unit", rules.UNKNOWN_UNIT, msg("u-unknown-unit", unit=shown_id(row.unit), hint=hint)
            )
        ]
    key = (row.unit, row.criterion)
    if key in seen:
        line = table.lines[seen[key]] if table.parsed is None else seen[key] + 1
        message = msg("u-twice", unit=quoted(row.unit), criterion=quoted(row.criterion), line=line)
        return [table.problem(n, "criterion", rules.UNIT_CRITERION_TWICE, message)]
    seen[key] = n
    if row.criterion in (BONUS, PENALTY):
        return _check_limit(units, table, n, row)
    leaf = leaves.get(row.criterion)
    if leaf is None:
        if row.criterion in groups:
            return [
                table.problem(
                    n,
                    "criterion",
                    rules.SCORE_FOR_GROUP_CRITERION,
                    msg("u-group-row", criterion=quoted(row.criterion)),
                )
            ]
        hint = _close(row.criterion, leaves)
        message = msg("u-unknown-criterion", criterion=shown_id(row.criterion), hint=hint)
        return [table.problem(n, "criterion", rules.UNKNOWN_CRITERION, message)]
    if not applies(leaf, block):
        if not row.applicable:
            message = msg("u-never-applies", criterion=quoted(row.criterion), block=quoted(block))
            return [table.problem(n, "applicable", rules.NEVER_APPLIES, message)]
        message = msg("u-never-applies", criterion=quoted(row.criterion), block=quoted(block))
        return [table.problem(n, "criterion", rules.NEVER_APPLIES, message)]
    return _check_points(table, n, row, leaf.max)


def _check_points(table: ScoreTable, n: int, row: ScoreRow, top: Decimal | None) -> list[Problem]:
    def above(value: Decimal) -> tuple[str, Msg]:
        return rules.UNIT_SCORE_ABOVE_MAXIMUM, msg(
            "u-above-max", score=Num(str(value)), max=Num(str(top)), criterion=quoted(row.criterion)
        )

    return _within_limits(table, n, row, top, above)


def _check_limit(units: UnitsFile, table: ScoreTable, n: int, row: ScoreRow) -> list[Problem]:
    limit = units.bonus if row.criterion == BONUS else units.penalty
    which = Msg("u-bonus") if row.criterion == BONUS else Msg("u-penalty")
    if limit is None:
        return [table.problem(n, "criterion", rules.LIMIT_NOT_PROVIDED, msg("u-no-limit", which=which))]
    top = limit.max

    def above(value: Decimal) -> tuple[str, Msg]:
        return rules.LIMIT_ABOVE_MAXIMUM, msg(
            "u-limit-above", which=which, score=Num(str(value)), max=Num(str(top))
        )

    return _within_limits(table, n, row, top, above)


def _within_limits(
    table: ScoreTable, n: int, row: ScoreRow, top: Decimal | None, above: Callable[[Decimal], tuple[str, Msg]]
) -> list[Problem]:
    """A row's two scores against 0 and ``top`` (a leaf's max, or the bonus's or penalty's):
    ``above`` says what a score over ``top`` breaks."""
    found: list[Problem] = []
    for column, value in (("self", row.self), ("appraised", row.appraised)):
        if value is None:
            continue
        if value < 0:
            found.append(
                table.problem(
                    n, column, rules.UNIT_SCORE_BELOW_ZERO, msg("u-below-zero", score=Num(str(value)))
                )
            )
        elif top is not None and value > top:
            code, message = above(value)
            found.append(table.problem(n, column, code, message))
    return found


def _close(word: str, known: Iterable[str]) -> Msg:
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.75)
    return msg("did-you-mean", close=quoted(close[0])) if close else NOTHING


def load_scores(units: UnitsFile, path: Path, display: str | None = None) -> tuple[ScoreTable, list[Problem]]:
    """Read and check a year's scores; errors raise (all of them), warnings are returned."""
    table = read_scores(path, display)
    found = check_scores(units, table)
    if errors(found):
        raise InputError(sorted(errors(found), key=file_order))
    return table, [p for p in found if p.severity == "warning"]


def scores_csv(rows: Iterable[ScoreRow]) -> str:
    """Rows as ``scores_YEAR.csv`` holds them: the contract's columns, numbers as written."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(
            [
                row.unit,
                row.criterion,
                "" if row.self is None else str(row.self),
                "" if row.appraised is None else str(row.appraised),
                "" if row.applicable else "no",
                row.note or "",
            ]
        )
    return out.getvalue()


__all__ = [
    "ScoreTable",
    "check_scores",
    "leaf_sum",
    "load_scores",
    "load_units",
    "read_scores",
    "scores_csv",
    "shown_id",
    "units_problems",
    "year_of",
]
