"""Pure analysis: flatten a plan, find its inconsistencies, gaps, rankings, target checks.

No I/O, no typer, no rich: everything here takes models and returns data. A finding names
its place as (role, path) inside the file; :mod:`parplan.loading` turns that into a line
and column, so the rules can be tested without files.
"""

from __future__ import annotations

import unicodedata
import weakref
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Literal, NamedTuple

from parplan.models import (
    Baseline,
    Body,
    Criterion,
    Fact,
    HistoryEntry,
    Index,
    Reference,
    Targets,
    Unit,
    rank_parts,
)

Role = Literal["baseline", "targets", "results"]
Severity = Literal["error", "warning"]
Level = Literal["index", "field", "part", "indicator"]
Path = tuple[str | int, ...]
KPI = "kpi"
"""The pseudo-index of the plan's other measurable commitments."""

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Finding:
    """A problem recorded as data: where it is (role + path) and what it says."""

    role: Role
    path: Path
    id: str | None
    severity: Severity
    message: str


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
    rank: str | None
    path: Path
    children: tuple[str, ...] = ()


def _sum(values: Iterable[Decimal | None]) -> Decimal | None:
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
        )
    )
    for k, part in enumerate(parts):
        _flatten_criterion(part, index, "part", criterion.id, (*path, "parts", k), into)


def _index_entry(index: Index, i: int) -> Entry:
    derive = index.total == "sum"
    return Entry(
        id=index.id,
        index=index.id,
        level="index",
        parent=None,
        name=index.name,
        name_en=index.name_en,
        unit=index.unit,
        max=_sum(c.max for c in index.criteria) if derive else None,
        score=_sum(c.score for c in index.criteria) if derive else None,
        rank=index.rank,
        path=("indices", i),
        children=tuple(c.id for c in index.criteria),
    )


_FLAT: dict[int, list[Entry]] = {}
"""flatten() by model identity: validation, gaps and checks all walk the same frozen models.

Keyed by ``id`` (hashing a frozen model hashes its whole tree); a weakref finalizer drops the
entry when the model dies, before its id can be reused.
"""


def flatten(baseline: Baseline) -> list[Entry]:
    """Every criterion in document order: index total, then each field and its parts."""
    key = id(baseline)
    entries = _FLAT.get(key)
    if entries is None:
        entries = _FLAT[key] = _flatten(baseline)
        weakref.finalize(baseline, _FLAT.pop, key, None)
    return list(entries)


def _flatten(baseline: Baseline) -> list[Entry]:
    entries: list[Entry] = []
    for i, index in enumerate(baseline.indices):
        entries.append(_index_entry(index, i))
        for j, criterion in enumerate(index.criteria):
            path: Path = ("indices", i, "criteria", j)
            _flatten_criterion(criterion, index.id, "field", index.id, path, entries)
    for k, indicator in enumerate(baseline.indicators):
        _flatten_criterion(indicator, KPI, "indicator", None, ("indicators", k), entries)
    return entries


def fmt(value: Decimal) -> str:
    """Exact decimal text, no exponent, trailing zeros dropped: ``17.0453``, ``9.4``, ``100``."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def cut2(value: Decimal) -> Decimal:
    """Cut (not round) to two decimals, as the plan writes its targets: 9.4079 -> 9.40."""
    return value.quantize(CENT, rounding=ROUND_DOWN)


def percent(part: Decimal, whole: Decimal) -> Decimal:
    """part / whole as a percentage with two decimals (derived values have no source precision)."""
    return (part * HUNDRED / whole).quantize(CENT, rounding=ROUND_HALF_UP)


def _bound(entry: Entry) -> Decimal | None:
    """The largest value a criterion can take: its max, or 100 for a percentage."""
    if entry.max is not None:
        return entry.max
    return HUNDRED if entry.unit == "percent" else None


def _entry_findings(role: Role, entries: Sequence[Entry]) -> Iterator[Finding]:
    """Rules one baseline or results file can break on its own."""
    by_id: dict[str, Entry] = {}
    for entry in entries:
        if entry.id in by_id:
            yield Finding(role, (*entry.path, "id"), entry.id, "error", f"duplicate id {entry.id!r}")
            continue
        by_id[entry.id] = entry
    for entry in entries:
        if entry.level == "index":
            continue
        bound = _bound(entry)
        if entry.max is not None and entry.max <= 0:
            yield Finding(
                role, (*entry.path, "max"), entry.id, "error", f"max {fmt(entry.max)} must be above 0"
            )
        if entry.score is not None:
            if entry.score < 0:
                yield Finding(
                    role, (*entry.path, "score"), entry.id, "error", f"score {fmt(entry.score)} is below 0"
                )
            elif bound is not None and entry.score > bound:
                yield Finding(
                    role,
                    (*entry.path, "score"),
                    entry.id,
                    "error",
                    f"score {fmt(entry.score)} is above the maximum {fmt(bound)}",
                )
        if entry.children:
            parts = [by_id[c] for c in entry.children if c in by_id]
            total_max = _sum(p.max for p in parts)
            if entry.max is not None and total_max is not None and total_max != entry.max:
                yield Finding(
                    role,
                    (*entry.path, "max"),
                    entry.id,
                    "error",
                    f"the parts' maxima sum to {fmt(total_max)}, not to max {fmt(entry.max)}",
                )
            total_score = _sum(p.score for p in parts)
            if entry.score is not None and total_score is not None and total_score != entry.score:
                yield Finding(
                    role,
                    (*entry.path, "score"),
                    entry.id,
                    "warning",
                    f"score {fmt(entry.score)} differs from the sum of its parts {fmt(total_score)}",
                )


def baseline_findings(baseline: Baseline, role: Role = "baseline") -> list[Finding]:
    """Everything wrong inside one baseline/results file, errors and warnings."""
    entries = flatten(baseline)
    findings = list(_entry_findings(role, entries))
    known = {e.id for e in entries}
    named: tuple[tuple[str, Sequence[HistoryEntry | Reference | Fact]], ...] = (
        ("history", baseline.history),
        ("references", baseline.references),
        ("facts", baseline.facts),
    )
    for name, items in named:
        for k, item in enumerate(items):
            if item.id not in known:
                message = f"{item.id!r} is not a criterion of this file"
                findings.append(Finding(role, (name, k, "id"), item.id, "error", message))
    return findings


def _province_findings(role: Role, province: str, baseline: Baseline) -> Iterator[Finding]:
    """Files of one plan name one province: another name means a file of another plan."""
    if province != baseline.province:
        message = f"province {province!r} differs from the baseline's {baseline.province!r}"
        yield Finding(role, ("province",), None, "error", message)


def _header_findings(baseline: Baseline, targets: Targets) -> Iterator[Finding]:
    """Targets written for another province or another baseline year."""
    yield from _province_findings("targets", targets.province, baseline)
    if targets.baseline_year != baseline.year:
        yield Finding(
            "targets",
            ("baseline_year",),
            None,
            "error",
            f"baseline_year {targets.baseline_year} differs from the baseline's year {baseline.year}",
        )


def _body_findings(targets: Targets) -> Iterator[Finding]:
    """Duplicate bodies, and deadlines owned by a body that is not listed."""
    bodies: set[str] = set()
    for k, body in enumerate(targets.bodies):
        if body.id in bodies:
            yield Finding("targets", ("bodies", k, "id"), body.id, "error", f"duplicate body id {body.id!r}")
        bodies.add(body.id)
    for k, deadline in enumerate(targets.deadlines):
        for m, owner in enumerate(deadline.owners):
            if owner not in bodies:
                yield Finding(
                    "targets", ("deadlines", k, "owners", m), None, "error", f"unknown body {owner!r}"
                )


def _target_findings(baseline: Baseline, targets: Targets) -> Iterator[Finding]:
    entries: dict[str, Entry] = {}
    for flat in flatten(baseline):
        # A duplicate id is reported once, at the second one; targets refer to the first.
        entries.setdefault(flat.id, flat)
    yield from _header_findings(baseline, targets)
    yield from _body_findings(targets)
    bodies = {body.id for body in targets.bodies}
    seen: dict[str, int] = {}
    for k, target in enumerate(targets.targets):
        path: Path = ("targets", k)
        if target.id in seen:
            yield Finding("targets", (*path, "id"), target.id, "error", f"duplicate target for {target.id!r}")
            continue
        seen[target.id] = k
        for m, owner in enumerate(target.owners):
            if owner not in bodies:
                yield Finding("targets", (*path, "owners", m), target.id, "error", f"unknown body {owner!r}")
        entry = entries.get(target.id)
        if entry is None:
            yield Finding(
                "targets", (*path, "id"), target.id, "error", f"{target.id!r} is not in the baseline"
            )
            continue
        yield from _one_target_findings(entry, target.increase, target.comparison, target.target, path)
    # A parent's planned increase should be the sum of its parts' increases; an index's, the
    # sum of its criteria's (its total is derived, so its increase is too).
    increases = {tid: targets.targets[k].increase for tid, k in seen.items()}
    for target_id, k in seen.items():
        entry = entries.get(target_id)
        own = increases.get(target_id)
        if entry is None or not entry.children or own is None:
            continue
        total = _sum(increases.get(c) for c in entry.children)
        if total is not None and total != own:
            yield Finding(
                "targets",
                ("targets", k, "increase"),
                target_id,
                "warning",
                f"increase {fmt(own)} differs from the sum of its parts' increases {fmt(total)}",
            )


def _one_target_findings(
    entry: Entry,
    increase: Decimal | None,
    comparison: str,
    target: Decimal | None,
    path: Path,
) -> Iterator[Finding]:
    bound = _bound(entry)
    if target is not None:
        where = (*path, "target")
        if target < 0:
            yield Finding("targets", where, entry.id, "error", f"target {fmt(target)} is below 0")
        elif bound is not None and target > bound:
            yield Finding(
                "targets",
                where,
                entry.id,
                "error",
                f"target {fmt(target)} is above the maximum {fmt(bound)}",
            )
        elif bound is not None and comparison == ">" and target == bound:
            yield Finding(
                "targets",
                where,
                entry.id,
                "error",
                f"target > {fmt(target)} is unreachable: the maximum is {fmt(bound)}",
            )
    if (
        increase is not None
        and entry.score is not None
        and bound is not None
        and entry.score + increase > bound
    ):
        yield Finding(
            "targets",
            (*path, "increase"),
            entry.id,
            "error",
            f"score {fmt(entry.score)} + increase {fmt(increase)} is above the maximum {fmt(bound)}",
        )
    if target is None or increase is None or entry.score is None:
        return
    projected = entry.score + increase
    cut = cut2(projected)
    # The plan writes score + increase cut to two decimals (9.4079 -> "> 9,40"); a target
    # written in full (9.4079) says the same thing.
    if target in (projected, cut):
        return
    sums = f"score {fmt(entry.score)} + increase {fmt(increase)} = {fmt(projected)}"
    if cut != projected:
        sums += f" ({cut:f} cut to two decimals)"
    if target > projected:
        message = f"target {comparison} {fmt(target)} is above {sums}: unreachable by the planned increase"
    elif target < cut:
        message = f"target {comparison} {fmt(target)} is below {sums}: looser than planned"
    else:
        message = f"target {comparison} {fmt(target)} is not {sums}"
    yield Finding("targets", (*path, "target"), entry.id, "warning", message)


def plan_findings(baseline: Baseline, targets: Targets, results: Baseline | None = None) -> list[Finding]:
    """All findings of a plan: baseline, targets against baseline, results against both."""
    findings = baseline_findings(baseline)
    findings.extend(_target_findings(baseline, targets))
    if results is not None:
        findings.extend(baseline_findings(results, "results"))
        findings.extend(_results_findings(baseline, targets, results))
    return findings


def _results_findings(baseline: Baseline, targets: Targets, results: Baseline) -> Iterator[Finding]:
    known = {e.id for e in flatten(baseline)}
    yield from _province_findings("results", results.province, baseline)
    if results.year != targets.year:
        yield Finding(
            "results",
            ("year",),
            None,
            "error",
            f"results for {results.year}, but the targets are for {targets.year}",
        )
    for entry in flatten(results):
        if entry.id not in known:
            yield Finding(
                "results",
                (*entry.path, "id"),
                entry.id,
                "error",
                f"{entry.id!r} is not in the baseline: is this a results file for another plan?",
            )


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
    rank: str | None
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
    vs_average: Decimal | None = None
    vs_best: Decimal | None = None


def _reference_value(value: Decimal, unit: Unit, entry: Entry) -> Decimal | None:
    """A reference in the criterion's own scale: a percentage of a points max is scaled."""
    if unit == entry.unit:
        return value
    if unit == "percent" and entry.max is not None:
        return value * entry.max / HUNDRED
    return None


def gap_rows(baseline: Baseline, targets: Targets) -> list[Row]:
    """The gap analysis: one row per criterion and per index total, in document order."""
    entries = flatten(baseline)
    by_target = {t.id: t for t in targets.targets}
    by_entry = {e.id: e for e in entries}
    averages: dict[str, Decimal] = {}
    bests: dict[str, tuple[Decimal, str | None]] = {}
    for ref in baseline.references:
        entry = by_entry.get(ref.id)
        if entry is None:
            continue
        value = _reference_value(ref.value, ref.unit, entry)
        if value is None:
            continue
        if ref.kind == "national_average":
            averages[ref.id] = value
        else:
            bests[ref.id] = (value, ref.province)

    def increase_of(entry: Entry) -> Decimal | None:
        target = by_target.get(entry.id)
        if target is not None and target.increase is not None:
            return target.increase
        if entry.level == "index":
            return _sum(increase_of(by_entry[c]) for c in entry.children if c in by_entry)
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
        average = averages.get(entry.id)
        best, best_province = bests.get(entry.id, (None, None))
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
                vs_average=entry.score - average if entry.score is not None and average is not None else None,
                vs_best=entry.score - best if entry.score is not None and best is not None else None,
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


def rank_position(rank: str | None) -> Decimal | None:
    """A rank as a fraction of the field, so 20/34 and 40/63 can be ordered together."""
    if rank is None:
        return None
    k, n = rank_parts(rank)
    return Decimal(k) / Decimal(n)


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


@dataclass(frozen=True)
class Check:
    """One target judged against a results file."""

    id: str
    index: str
    name: str
    name_en: str | None
    comparison: str
    target: Decimal
    baseline: Decimal | None
    actual: Decimal | None
    status: Status
    shortfall: Decimal | None
    rank_before: str | None
    rank_after: str | None
    rank_change: int | None
    rank_note: str | None
    owners: tuple[str, ...] = field(default=())


def _rank_change(before: str | None, after: str | None) -> tuple[int | None, str | None]:
    """Places gained (positive = better); ranks out of different totals are not compared.

    2025 ranks are out of 34 provinces, 2024 ranks out of 63: 20/34 is not "43 places up".
    """
    if before is None or after is None:
        return None, None
    k0, n0 = rank_parts(before)
    k1, n1 = rank_parts(after)
    if n0 != n1:
        return None, f"/{n1} ≠ /{n0}"
    return k0 - k1, None


def check_targets(baseline: Baseline, targets: Targets, results: Baseline) -> list[Check]:
    """Judge every target that has a value against the results (``>`` is strict)."""
    before = {e.id: e for e in flatten(baseline)}
    after = {e.id: e for e in flatten(results)}
    checks = []
    for target in targets.targets:
        if target.target is None or target.id not in before:
            continue
        entry = before[target.id]
        now = after.get(target.id)
        actual = now.score if now is not None else None
        if actual is None:
            status: Status = "no-data"
            shortfall = None
        else:
            met = actual > target.target if target.comparison == ">" else actual >= target.target
            status = "met" if met else "missed"
            shortfall = None if met else target.target - actual
        change, note = _rank_change(entry.rank, now.rank if now is not None else None)
        checks.append(
            Check(
                id=target.id,
                index=entry.index,
                name=entry.name,
                name_en=entry.name_en,
                comparison=target.comparison,
                target=target.target,
                baseline=entry.score,
                actual=actual,
                status=status,
                shortfall=shortfall,
                rank_before=entry.rank,
                rank_after=now.rank if now is not None else None,
                rank_change=change,
                rank_note=note,
                owners=target.owners,
            )
        )
    return checks


def check_summary(checks: Sequence[Check]) -> dict[Status, int]:
    counts: dict[Status, int] = {"met": 0, "missed": 0, "no-data": 0}
    for check in checks:
        counts[check.status] += 1
    return counts
