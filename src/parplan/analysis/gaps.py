"""Pure analysis of a plan: its criteria flattened, the gaps, the rankings, the targets judged.

No I/O, no typer, rich or pandas, no hidden state: everything here takes models (or their
flattened entries) and returns data. The consistency rules are in :mod:`parplan.analysis.rules`; the
plan object (:mod:`parplan.plan`) flattens each file once and hands the entries to both.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, localcontext
from typing import Literal, NamedTuple

from parplan.models.plan import Baseline, Body, Criterion, Index, Rank, Targets, Unit
from parplan.vocab.problems import Path

Level = Literal["index", "field", "part", "indicator"]
KPI = "kpi"
"""The pseudo-index of the plan's other measurable commitments."""

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


class Entry(NamedTuple):
    """One criterion of a baseline (or results) file, flattened, with its place.

    A named tuple, not a frozen dataclass: a large plan has tens of thousands, and a frozen
    dataclass pays one ``object.__setattr__`` per field to build each (about twice the cost).
    """

    id: str
    index: str  # type: ignore[assignment]  # shadows tuple.index(), which nothing calls on an entry
    level: Level
    parent: str | None
    name: str
    name_en: str | None
    unit: Unit
    max: Decimal | None
    score: Decimal | None
    rank: Rank | None
    path: Path
    children: tuple[str, ...] = ()
    number: str | None = None
    """The plan's own number for the criterion (``1``, ``2a``), where it gives one."""


def sum_known(values: Iterable[Decimal | None]) -> Decimal | None:
    """Sum, or unknown if any term is unknown: a total of partly unknown values is unknown."""
    total = Decimal(0)
    for value in values:
        if value is None:
            return None
        total += value
    return total


def _flatten_criterion(
    criterion: Criterion, index: str, level: Level, parent: str | None, path: Path, into: list[Entry]
) -> None:
    """Append the criterion, then each part (depth first); a list, not nested generators,
    since a large plan has tens of thousands of criteria."""
    parts = criterion.parts
    into.append(
        Entry(
            criterion.id,
            index,
            level,
            parent,
            criterion.name,
            criterion.name_en,
            criterion.unit,
            criterion.max,
            criterion.score,
            criterion.rank,
            path,
            tuple(part.id for part in parts) if parts else (),
            criterion.number,
        )
    )
    for k, part in enumerate(parts):
        _flatten_criterion(part, index, "part", criterion.id, (*path, "parts", k), into)


def _index_entry(index: Index, i: int) -> Entry:
    """The index's own row: its total summed, given (``total: given``: the published value), or none."""
    derive = index.total == "sum"
    if derive:
        score = sum_known(c.score for c in index.criteria)
    else:
        score = index.score if index.total == "given" else None
    return Entry(
        id=index.id,
        index=index.id,
        level="index",
        parent=None,
        name=index.name,
        name_en=index.name_en,
        unit=index.unit,
        max=sum_known(c.max for c in index.criteria) if derive else None,
        score=score,
        rank=index.rank,
        path=("indices", i),
        children=tuple(c.id for c in index.criteria),
    )


def flatten(baseline: Baseline) -> list[Entry]:
    """Every criterion in document order: index total, then each field and its parts."""
    entries: list[Entry] = []
    for i, index in enumerate(baseline.indices):
        entries.append(_index_entry(index, i))
        for j, criterion in enumerate(index.criteria):
            path: Path = ("indices", i, "criteria", j)
            _flatten_criterion(criterion, index.id, "field", index.id, path, entries)
    for k, indicator in enumerate(baseline.indicators):
        _flatten_criterion(indicator, KPI, "indicator", None, ("indicators", k), entries)
    return entries


def cut2(value: Decimal) -> Decimal:
    """Cut (not round) to two decimals, as the plan writes its targets: 9.4079 -> 9.40."""
    return value.quantize(CENT, rounding=ROUND_DOWN)


def percent(part: Decimal, whole: Decimal) -> Decimal:
    """part / whole as a percentage with two decimals (derived values have no source precision).

    Worked out wider than the default 28 digits, so a sum of many values times 100 is not
    rounded before the one rounding that counts, to two decimals.
    """
    with localcontext(prec=60):
        return (part * HUNDRED / whole).quantize(CENT, rounding=ROUND_HALF_UP)


def bound(entry: Entry) -> Decimal | None:
    """The largest value a criterion can take: its max, or 100 for a percentage."""
    if entry.max is not None:
        return entry.max
    return HUNDRED if entry.unit == "percent" else None


# --- gaps ------------------------------------------------------------------------------


class Row(NamedTuple):
    """One line of the gap analysis: a criterion joined with its target and references.

    A named tuple for the same reason as :class:`Entry`: one per criterion.
    """

    id: str
    index: str  # type: ignore[assignment]  # shadows tuple.index(), which nothing calls on a row
    level: Level
    parent: str | None
    name: str
    name_en: str | None
    unit: Unit
    rank: Rank | None
    score: Decimal | None
    max: Decimal | None
    headroom: Decimal | None
    headroom_pct: Decimal | None
    increase: Decimal | None
    comparison: str | None
    target: Decimal | None
    projected: Decimal | None
    ambition: Decimal | None
    owners: tuple[str, ...]
    national_average: Decimal | None = None
    best: Decimal | None = None
    best_province: str | None = None
    """The province that scored ``best``, as the reference names it."""
    median: Decimal | None = None
    """The peers' middle value (a ``median`` reference: a unit's block), where the plan has one."""
    number: str | None = None
    """The plan's own number (``1``, ``2a``): the report names a criterion by it and its name."""

    # The differences to the references are derived, never stored beside what they derive from.
    @property
    def vs_average(self) -> Decimal | None:
        """The score minus the national average: below zero, behind the country."""
        return _minus(self.score, self.national_average)

    @property
    def vs_best(self) -> Decimal | None:
        """The score minus the best province's."""
        return _minus(self.score, self.best)

    @property
    def vs_median(self) -> Decimal | None:
        """The score minus the peers' median."""
        return _minus(self.score, self.median)


def _reference_value(value: Decimal, unit: Unit, entry: Entry) -> Decimal | None:
    """A reference in the criterion's own scale: a percentage of a points max is scaled."""
    if unit == entry.unit:
        return value
    if unit == "percent" and entry.max is not None:
        return value * entry.max / HUNDRED
    return None


References = dict[str, dict[str, tuple[Decimal, str | None]]]
"""Reference kind -> criterion id -> (value in the criterion's scale, province)."""


def _references(baseline: Baseline, by_entry: Mapping[str, Entry]) -> References:
    """The public figures beside each criterion, by kind: the national average, the best
    province, the peers' median."""
    found: References = {"national_average": {}, "best_province": {}, "median": {}}
    for ref in baseline.references:
        entry = by_entry.get(ref.id)
        value = _reference_value(ref.value, ref.unit, entry) if entry is not None else None
        if value is not None:
            found[ref.kind][ref.id] = (value, ref.province)
    return found


def _minus(score: Decimal | None, reference: Decimal | None) -> Decimal | None:
    return score - reference if score is not None and reference is not None else None


def gap_rows(baseline: Baseline, targets: Targets, entries: Sequence[Entry] | None = None) -> list[Row]:
    """The gap analysis: one row per criterion and per index total, in document order.

    ``entries`` is ``flatten(baseline)`` when the caller has it already (the plan object).
    """
    if entries is None:
        entries = flatten(baseline)
    by_target = {t.id: t for t in targets.targets}
    by_entry = {e.id: e for e in entries}
    references = _references(baseline, by_entry)
    averages, bests, medians = (references[k] for k in ("national_average", "best_province", "median"))
    summed = {index.id for index in baseline.indices if index.total == "sum"}

    def increase_of(entry: Entry) -> Decimal | None:
        target = by_target.get(entry.id)
        if target is not None and target.increase is not None:
            return target.increase
        if entry.level == "index" and entry.id in summed:
            # A given total (SIPAS's overall %) is published, not added up: its increase is
            # its own target's, never the sum of its components'.
            return sum_known(increase_of(by_entry[c]) for c in entry.children if c in by_entry)
        return None

    def owners_of(entry: Entry) -> tuple[str, ...]:
        target = by_target.get(entry.id)
        if target is not None and target.owners:
            return target.owners
        if entry.parent is not None and entry.level == "part":
            return owners_of(by_entry[entry.parent])
        return ()

    rows = []
    for entry in entries:
        target = by_target.get(entry.id)
        headroom = entry.max - entry.score if entry.max is not None and entry.score is not None else None
        increase = increase_of(entry)
        projected = entry.score + increase if entry.score is not None and increase is not None else None
        average = averages.get(entry.id, (None, None))[0]
        best, best_province = bests.get(entry.id, (None, None))
        median = medians.get(entry.id, (None, None))[0]
        rows.append(
            Row(
                id=entry.id,
                index=entry.index,
                level=entry.level,
                parent=entry.parent,
                name=entry.name,
                name_en=entry.name_en,
                unit=entry.unit,
                rank=entry.rank,
                score=entry.score,
                max=entry.max,
                headroom=headroom,
                headroom_pct=percent(headroom, entry.max) if headroom is not None and entry.max else None,
                increase=increase,
                comparison=target.comparison if target is not None and target.target is not None else None,
                target=target.target if target is not None else None,
                projected=projected,
                ambition=percent(increase, headroom) if increase is not None and headroom else None,
                owners=owners_of(entry),
                national_average=average,
                best=best,
                best_province=best_province,
                median=median,
                number=entry.number,
            )
        )
    return rows


def _fold(text: str) -> str:
    """Case- and diacritic-insensitive form: "Sở Nội vụ" and "so noi vu" match."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def owner_matches(query: str, body: Body) -> bool:
    """Whether a body matches an ``--owner`` query (id, Vietnamese or English name)."""
    needle = _fold(query.strip())
    return any(needle in _fold(text) for text in (body.id, body.name, body.name_en or ""))


def filter_rows(
    rows: Sequence[Row],
    *,
    indices: Sequence[str] = (),
    owner: str | None = None,
    bodies: Mapping[str, Body] | None = None,
    level: Literal["fields", "all"] = "all",
) -> list[Row]:
    """Rows of the chosen indices, owned by a body matching ``owner``, down to ``level``."""
    chosen = []
    for row in rows:
        if indices and row.index not in indices:
            continue
        if level == "fields" and row.level == "part":
            continue
        if owner is not None:
            known = bodies or {}
            if not any(o in known and owner_matches(owner, known[o]) for o in row.owners):
                continue
        chosen.append(row)
    return chosen


# --- ranking ---------------------------------------------------------------------------

RankKey = Literal["headroom", "headroom-pct", "increase", "rank", "ambition"]


def rank_position(rank: Rank | None) -> Decimal | None:
    """A rank as a fraction of the field, so 20/34 and 40/63 can be ordered together."""
    if rank is None:
        return None
    return Decimal(rank.position) / Decimal(rank.base)


def _rank_value(row: Row, by: RankKey) -> Decimal | None:
    if by == "headroom":
        return row.headroom
    if by == "headroom-pct":
        return row.headroom_pct
    if by == "increase":
        return row.increase
    if by == "ambition":
        return row.ambition
    return rank_position(row.rank)


@dataclass(frozen=True)
class Ranked:
    """A row with its position in the ranking (1 = matters most)."""

    position: int
    value: Decimal | None
    row: Row


def rank_rows(
    rows: Sequence[Row],
    by: RankKey = "headroom",
    *,
    ascending: bool = False,
    across: bool = False,
    top: int | None = None,
) -> list[Ranked]:
    """Rank criteria (not index totals) by a key; within each index unless ``across``.

    Rows whose value is unknown are left out: "—" must never rank as if it were zero.
    Index totals are not ranked: they would always top a headroom ranking. The sort is
    stable, so ties keep document order.
    """
    groups: dict[str, list[Row]] = {}
    for row in rows:
        if row.level == "index":
            continue
        groups.setdefault("*" if across else row.index, []).append(row)
    ranked: list[Ranked] = []
    for group in groups.values():
        known = [r for r in group if _rank_value(r, by) is not None]
        known.sort(key=lambda r: _rank_value(r, by) or Decimal(0), reverse=not ascending)
        ordered = known[:top] if top is not None else known
        ranked.extend(Ranked(n, _rank_value(r, by), r) for n, r in enumerate(ordered, start=1))
    return ranked


# --- checking results --------------------------------------------------------------------

Status = Literal["met", "missed", "no-data"]
CheckKind = Literal["score", "rank", "group", "improve"]


@dataclass(frozen=True, kw_only=True)
class Check:
    """One target (or one aspect of an ``improve`` target) judged against a results file.

    ``kind`` says what was judged; the fields after ``owners`` exist for the index-level
    kinds (:mod:`parplan.analysis.headline`) and stay None on a criterion's score row, whose columns
    are today's.
    """

    id: str
    index: str
    name: str
    name_en: str | None
    comparison: str
    target: Decimal | None
    baseline: Decimal | None
    actual: Decimal | None
    status: Status
    shortfall: Decimal | None
    progress: str | None = None
    """Open SDG progress status, for a result before the target's year."""
    rank_before: Rank | None
    rank_after: Rank | None
    rank_change: int | None
    rank_note: str | None
    owners: tuple[str, ...] = field(default=())
    kind: CheckKind = "score"
    aspect: Literal["score", "rank"] | None = None
    year: int | None = None
    """The year the target is for; None when it is the targets file's year."""
    rank_target: int | None = None
    """The rank the plan commits to (``rank`` and ``improve`` kinds)."""
    rank_base: int | None = None
    """The base the plan assumed for ``rank_target``, when it gave one."""
    group_target: str | None = None
    """The group the plan commits to (``group`` kind); the two below are the published ones."""
    group_before: str | None = None
    group_after: str | None = None
    share_before: Decimal | None = None
    share_after: Decimal | None = None
    base_changed: bool = False


def places_gained(before: Rank | None, after: Rank | None) -> tuple[int | None, str | None]:
    """Places gained (positive = better), and why not when ranks out of different totals
    are not compared: 2025 ranks are out of 34 provinces, 2024 ranks out of 63, and 20/34 is
    not "43 places up"."""
    if before is None or after is None:
        return None, None
    if before.base != after.base:
        return None, f"/{after.base} ≠ /{before.base}"
    return before.position - after.position, None


def entry_check(
    ident: str,
    entry: Entry,
    now: Entry | None,
    actual: Decimal | None,
    owners: tuple[str, ...],
    comparison: str = ">=",
    target: Decimal | None = None,
) -> Check:
    """A target's check before its verdict (no data yet): what every kind of check shows of
    its entry, the baseline, the value it is judged on, and the ranks either side.

    The one builder of a :class:`Check`: a score row (:func:`score_check`) and the index-level
    rows of :mod:`parplan.analysis.headline` add their verdict and fields to it.
    """
    return Check(
        id=ident,
        index=entry.index,
        name=entry.name,
        name_en=entry.name_en,
        comparison=comparison,
        target=target,
        baseline=entry.score,
        actual=actual,
        status="no-data",
        shortfall=None,
        rank_before=entry.rank,
        rank_after=now.rank if now is not None else None,
        rank_change=None,
        rank_note=None,
        owners=owners,
    )


def score_check(
    ident: str,
    comparison: str,
    wanted: Decimal,
    owners: tuple[str, ...],
    entry: Entry,
    now: Entry | None,
    actual: Decimal | None,
) -> Check:
    """A score target judged on ``actual`` (given apart from ``now``: an index's total in a
    results file is known only when every criterion is, which :mod:`parplan.analysis.headline` decides)."""
    check = entry_check(ident, entry, now, actual, owners, comparison, wanted)
    change, note = places_gained(check.rank_before, check.rank_after)
    check = replace(check, rank_change=change, rank_note=note)
    if actual is None:
        return check
    met = actual > wanted if comparison == ">" else actual >= wanted
    return replace(check, status="met" if met else "missed", shortfall=None if met else wanted - actual)


def check_summary(checks: Sequence[Check]) -> dict[Status, int]:
    counts: dict[Status, int] = {"met": 0, "missed": 0, "no-data": 0}
    for check in checks:
        counts[check.status] += 1
    return counts
