"""Index-level judgement: this module owns the judgement of the headline targets, and each
index's total, rank and group year by year that they are judged on, and what a rank or a
group would have taken.

Pure, like :mod:`parplan.analysis.gaps`: models and flattened entries in, data out. The
arithmetic of ranks across bases, groups, progress and "what it takes" is
:mod:`parplan.analysis.progress`'s; this module decides which numbers it is given: a results file's
total is known only when every criterion of the baseline's index is (never a partial sum),
a group stated in a file wins over the group its score falls in, and a rank is judged in the
base of the result's own rank.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from parplan.analysis.gaps import Check, Entry, Status, entry_check, flatten, places_gained, score_check
from parplan.analysis.progress import (
    compare_ranks,
    next_group,
    progress_status,
    rank_bounds,
    rank_share,
    score_for_rank,
)
from parplan.models.plan import Baseline, Index, League, Rank, Target, Targets

SHARE_PLACES = Decimal("0.0001")
"""A rank's share of its field is shown to four places: 51/63 is 0.8095."""


def share(rank: Rank | None) -> Decimal | None:
    """k/N as a share of the field (1/N the top, N/N the bottom), to four places for display."""
    if rank is None:
        return None
    return rank_share(rank.position, rank.base).quantize(SHARE_PLACES, rounding=ROUND_HALF_UP)


def _group_pairs(index: Index | None) -> list[tuple[str, Decimal]]:
    return [(g.name, g.min) for g in index.groups] if index is not None else []


def groups_in_force(baseline_index: Index | None, results_index: Index | None) -> list[tuple[str, Decimal]]:
    """A results file's own cut-offs (PAPI publishes them each year), else the baseline's."""
    own = _group_pairs(results_index)
    return own or _group_pairs(baseline_index)


def group_of_value(
    stated: str | None, score: Decimal | None, groups: Sequence[tuple[str, Decimal]]
) -> str | None:
    """The group a file states wins; else the one the score falls in; else unknown."""
    if stated is not None:
        return stated
    if score is None or not groups:
        return None
    best = [name for name, minimum in sorted(groups, key=lambda g: g[1], reverse=True) if minimum <= score]
    return best[0] if best else None


def _group_min(name: str | None, groups: Sequence[tuple[str, Decimal]]) -> Decimal | None:
    return next((minimum for group, minimum in groups if group == name), None)


def result_total(before: Entry, after: Entry | None, index: Index | None) -> Decimal | None:
    """An index's total in a results file: given, or the sum when every criterion the baseline's
    index has is in the results (a file listing two of eight PAPI dimensions has no PAPI total)."""
    if after is None:
        return None
    if after.level != "index" or index is None or index.total != "sum":
        return after.score
    if not set(before.children) <= set(after.children):
        return None
    return after.score


def result_totals(
    baseline: Baseline, results: Baseline, entries: Sequence[Entry], result_entries: Sequence[Entry]
) -> dict[str, Decimal | None]:
    """Each baseline index's total in the results, by :func:`result_total`."""
    before = {e.id: e for e in entries}
    after = {e.id: e for e in result_entries}
    later = {i.id: i for i in results.indices}
    return {
        i.id: result_total(before[i.id], after.get(i.id), later.get(i.id))
        for i in baseline.indices
        if i.id in before
    }


@dataclass(frozen=True)
class Context:
    """The plan's files and their entries, as every judgement of one target needs them."""

    baseline: Baseline
    targets: Targets
    results: Baseline
    before: Mapping[str, Entry]
    after: Mapping[str, Entry]

    def index(self, ident: str, results: bool = False) -> Index | None:
        source = self.results if results else self.baseline
        return next((i for i in source.indices if i.id == ident), None)

    def actual(self, ident: str) -> Decimal | None:
        return result_total(self.before[ident], self.after.get(ident), self.index(ident, results=True))


def _base(check: Check, target: Target) -> Check:
    return replace(check, year=target.year, rank_base=target.rank_base)


def _score_row(ctx: Context, target: Target) -> Check:
    assert target.target is not None
    entry = ctx.before[target.id]
    now = ctx.after.get(target.id)
    actual = ctx.actual(target.id)
    check = score_check(target.id, target.comparison, target.target, target.owners, entry, now, actual)
    year = target.year or ctx.targets.year
    progress = progress_status(
        entry.score, ctx.baseline.year, actual, ctx.results.year, target.target, year, target.comparison
    )
    return replace(_base(check, target), progress=progress.status if progress is not None else None)


def _shell(ctx: Context, target: Target, kind: Literal["rank", "group", "improve"]) -> Check:
    """A row of an index-level kind, before its verdict: the ranks and shares either side."""
    entry = ctx.before[target.id]
    now = ctx.after.get(target.id)
    check = entry_check(target.id, entry, now, ctx.actual(target.id), target.owners)
    before, after = check.rank_before, check.rank_after
    return replace(
        check,
        kind=kind,
        year=target.year,
        rank_base=target.rank_base,
        share_before=share(before),
        share_after=share(after),
        base_changed=before is not None and after is not None and before.base != after.base,
    )


def _places(before: Rank | None, after: Rank | None) -> int | None:
    """Places gained, only within one base."""
    return places_gained(before, after)[0]


def _rank_row(ctx: Context, target: Target) -> Check:
    assert target.rank_target is not None
    row = replace(_shell(ctx, target, "rank"), rank_target=target.rank_target, actual=None)
    row = replace(row, rank_change=_places(row.rank_before, row.rank_after))
    if row.rank_after is None:
        return row
    k = row.rank_after.position
    met = k <= target.rank_target
    return replace(
        row, status="met" if met else "missed", shortfall=None if met else Decimal(k - target.rank_target)
    )


def _group_row(ctx: Context, target: Target) -> Check:
    groups = groups_in_force(ctx.index(target.id), ctx.index(target.id, results=True))
    before_index = ctx.index(target.id)
    after_index = ctx.index(target.id, results=True)
    before_group = group_of_value(
        before_index.group if before_index else None, ctx.before[target.id].score, _group_pairs(before_index)
    )
    row = replace(_shell(ctx, target, "group"), group_target=target.group, group_before=before_group)
    after_group = group_of_value(after_index.group if after_index else None, row.actual, groups)
    row = replace(row, group_after=after_group)
    have, want = _group_min(after_group, groups), _group_min(target.group, groups)
    if have is None or want is None:
        return row
    status: Status = "met" if have >= want else "missed"
    return replace(row, status=status)


def _improve_rows(ctx: Context, target: Target) -> list[Check]:
    rows = []
    for aspect in dict.fromkeys(target.improve):
        row = replace(_shell(ctx, target, "improve"), aspect=aspect)
        if aspect == "score":
            row = replace(row, comparison=">", target=row.baseline)
            if row.baseline is not None and row.actual is not None:
                met = row.actual > row.baseline
                row = replace(
                    row,
                    status="met" if met else "missed",
                    shortfall=None if met else row.baseline - row.actual,
                )
        else:
            # A rank row shows ranks; the index's score is on its score row.
            row = replace(row, actual=None, rank_change=_places(row.rank_before, row.rank_after))
            if row.rank_before is not None and row.rank_after is not None:
                moved = compare_ranks(row.rank_before, row.rank_after)
                row = replace(row, status="met" if moved.improved else "missed")
        rows.append(row)
    return rows


def judge_targets(
    baseline: Baseline,
    targets: Targets,
    results: Baseline,
    entries: Sequence[Entry] | None = None,
    result_entries: Sequence[Entry] | None = None,
) -> list[Check]:
    """Every target judged, in the targets file's order: for each, its score row (``target``),
    then ``rank_target``, ``group`` and one row per ``improve`` aspect."""
    before = {e.id: e for e in (flatten(baseline) if entries is None else entries)}
    after = {e.id: e for e in (flatten(results) if result_entries is None else result_entries)}
    ctx = Context(baseline, targets, results, before, after)
    checks: list[Check] = []
    for target in targets.targets:
        if target.id not in before:
            continue
        if target.target is not None:
            checks.append(_score_row(ctx, target))
        if target.rank_target is not None:
            checks.append(_rank_row(ctx, target))
        if target.group is not None:
            checks.append(_group_row(ctx, target))
        checks.extend(_improve_rows(ctx, target))
    return checks


# --- what it takes --------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Takes:
    """What an index's headline targets would have needed in the baseline year.

    ``rank_wanted`` is the rank it is worked out for: the plan's ``rank_target``, else, for a
    target to ``improve`` the rank, one place better than the baseline's. ``rank_score`` is the
    score that would have reached it by the reference table (``league``); None with ``league``
    None means no table, so it is not known. From a partial table, ``rank_low`` and
    ``rank_high`` are the bounds its published provinces set (either None: not published on
    that side), and ``rank_score`` is known only where they meet.
    ``group_min`` is the minimum of the target group, else of the next group up.
    """

    id: str
    """The index's (or criterion's) id (``par``)."""
    league: League | None
    # what the rank target takes
    rank_target: int | None
    rank_wanted: int | None = None
    rank_score: Decimal | None
    rank_low: Decimal | None = None
    rank_high: Decimal | None = None
    # what the group target takes
    group: str | None
    """The group the baseline's score is in (or the one published)."""
    group_target: str | None
    group_min: Decimal | None


def _league(baseline: Baseline, ident: str) -> League | None:
    tables = [t for t in baseline.league if t.id == ident and t.year == baseline.year]
    return tables[0] if tables else None


def _rank_wanted(target: Target | None, rank: Rank | None, league: League | None) -> int | None:
    """The plan's rank target, else one place up on the baseline for ``improve: [rank]`` where a
    table of other provinces can say what that took (without one, nothing is said of it)."""
    if target is None:
        return None
    if target.rank_target is not None:
        return target.rank_target
    if league is not None and "rank" in target.improve and rank is not None and rank.position > 1:
        return rank.position - 1
    return None


def _rank_takes(
    league: League | None, province: str, wanted: int | None, own: Rank | None
) -> dict[str, Decimal | None]:
    """The score a rank took: exact from a full table, bounds from a partial one."""
    if league is None or wanted is None:
        return {"rank_score": None}
    if not league.partial:
        return {"rank_score": score_for_rank(league.scores, province, wanted)}
    position = own.position if own is not None else None
    low, high = rank_bounds(league.scores, league.ranks, province, wanted, position)
    exact = low if low is not None and low == high else None
    return {"rank_score": exact, "rank_low": low, "rank_high": high}


def _group_takes(
    index: Index, group_target: str | None, score: Decimal | None
) -> tuple[str | None, Decimal | None]:
    """The group aimed at and its minimum: the target's group, else the next one up."""
    groups = _group_pairs(index)
    if group_target is not None:
        return group_target, _group_min(group_target, groups)
    following = next_group(score, groups) if score is not None and groups else None
    return (following[0], following[1]) if following else (None, None)


def what_it_takes(baseline: Baseline, targets: Targets, entries: Sequence[Entry]) -> dict[str, Takes]:
    """Per index with a rank, improve-rank or group target, or declared groups, and per criterion
    with a rank target (a field's rank is published too): the scores they take."""
    by_target = {t.id: t for t in targets.targets}
    scores = {e.id: e.score for e in entries}
    found: dict[str, Takes] = {}
    for index in baseline.indices:
        takes = _index_takes(baseline, index, by_target.get(index.id), scores.get(index.id))
        if takes is not None:
            found[index.id] = takes
    for entry in entries:
        target = by_target.get(entry.id)
        league = _league(baseline, entry.id)
        wanted = _rank_wanted(target, entry.rank, league)
        if entry.level == "index" or target is None or wanted is None:
            continue
        found[entry.id] = Takes(
            id=entry.id,
            group=None,
            rank_target=target.rank_target,
            league=league,
            group_target=None,
            group_min=None,
            rank_wanted=wanted,
            **_rank_takes(league, baseline.province, wanted, entry.rank),
        )
    return found


def _index_takes(
    baseline: Baseline, index: Index, target: Target | None, score: Decimal | None
) -> Takes | None:
    league = _league(baseline, index.id)
    wanted = _rank_wanted(target, index.rank, league)
    group_target = target.group if target is not None else None
    if wanted is None and group_target is None and not index.groups:
        return None
    aimed, group_min = _group_takes(index, group_target, score)
    return Takes(
        id=index.id,
        group=group_of_value(index.group, score, _group_pairs(index)),
        rank_target=target.rank_target if target is not None else None,
        league=league if wanted is not None else None,
        group_target=aimed,
        group_min=group_min,
        rank_wanted=wanted,
        **_rank_takes(league, baseline.province, wanted, index.rank),
    )


# --- years ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Point:
    """One id in one year, with the change from its previous known year."""

    id: str
    index: str
    name: str
    name_en: str | None
    year: int
    score: Decimal | None
    rank: Rank | None
    share: Decimal | None
    """The rank as a share of its base (``1/63`` → 0.0159): a rank out of 63 and one out of 34 compare."""
    group: str | None
    score_change: Decimal | None = None
    rank_change: int | None = None
    """Places gained since the previous known rank (positive: better); None across a change of base."""
    moved: Literal["up", "down", "same"] | None = None
    base_changed: bool = False


def _year_values(
    source: Baseline, entries: Sequence[Entry], baseline: Baseline, complete: Mapping[str, Entry] | None
) -> dict[str, tuple[Decimal | None, Rank | None, str | None]]:
    """(score, rank, group) of every entry of one file; a results total only when complete."""
    values = {}
    for entry in entries:
        score = entry.score
        group = None
        if entry.level == "index":
            own = next((i for i in source.indices if i.id == entry.id), None)
            base = next((i for i in baseline.indices if i.id == entry.id), None)
            if complete is not None and entry.id in complete:
                score = result_total(complete[entry.id], entry, own)
            group = group_of_value(own.group if own else None, score, groups_in_force(base, own))
        values[entry.id] = (score, entry.rank, group)
    return values


def _changed(point: Point, previous: Point | None) -> Point:
    if previous is None:
        return point
    score_change = (
        point.score - previous.score if point.score is not None and previous.score is not None else None
    )
    if point.rank is None or previous.rank is None:
        return replace(point, score_change=score_change)
    moved = compare_ranks(previous.rank, point.rank)
    word: Literal["up", "down", "same"] = (
        "same" if moved.improved is None else "up" if moved.improved else "down"
    )
    return replace(
        point,
        score_change=score_change,
        rank_change=moved.places,
        moved=word,
        base_changed=moved.base_changed,
    )


def trend_points(
    baseline: Baseline,
    entries: Sequence[Entry],
    results: Baseline | None = None,
    result_entries: Sequence[Entry] = (),
) -> list[Point]:
    """Every index, and every criterion with a value in another year (history or results),
    year by year in document order, each with the change from the year before it."""
    by_id = {e.id: e for e in entries}
    years: dict[str, dict[int, tuple[Decimal | None, Rank | None, str | None]]] = {}
    for item in baseline.history:
        years.setdefault(item.id, {})[item.year] = (item.score, item.rank, item.group)
    for ident, value in _year_values(baseline, entries, baseline, None).items():
        years.setdefault(ident, {})[baseline.year] = value
    if results is not None:
        for ident, value in _year_values(results, result_entries, baseline, by_id).items():
            if ident in by_id:
                years.setdefault(ident, {})[results.year] = value
    points: list[Point] = []
    for entry in entries:
        series = years.get(entry.id, {})
        if entry.level != "index" and len(series) < 2:
            continue
        previous = None
        for year in sorted(series):
            score, rank, group = series[year]
            point = Point(
                entry.id, entry.index, entry.name, entry.name_en, year, score, rank, share(rank), group
            )
            point = _changed(point, previous)
            points.append(point)
            previous = point
    return points
