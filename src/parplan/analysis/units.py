"""The province's own index of its units, computed: points, percent, class, rank, gaps (pure).

How a unit's result is formed (``docs/units.md`` works examples by hand):

- a leaf's points are ``appraised``, or ``self`` while there is no appraisal; then the unit's
  result is provisional;
- points = the sum over the applicable leaves + bonus - penalty (each already within its max:
  the reading refuses more);
- the applicable maximum = the sum of the maxima of the leaves that apply to the unit's block
  and are not marked ``applicable: no``;
- percent = points x 100 / applicable maximum, exact (one rounding, in 28 digits: the same
  fraction always gives the same Decimal, so equal percents tie whatever their maxima);
- the class is the first whose ``min`` the percent reaches; ranks are per block on the exact
  percent, ties sharing a rank (1, 2, 2, 4).

Nothing here reads a file or prints: the rows come in as :class:`~parplan.models.units.ScoreRow`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

from parplan.models.units import BONUS, PENALTY, Leaf, ScoreRow, Unit, UnitsFile

ZERO = Decimal(0)
HUNDRED = Decimal(100)
CENT = Decimal("0.01")


def two_places(value: Decimal) -> Decimal:
    """A percent as it is printed: two places, half up (81.3333… -> 81.33)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(slots=True)
class LeafResult:
    """A unit on one leaf: its points (None where the leaf does not apply to it)."""

    leaf: Leaf
    points: Decimal | None
    self: Decimal | None
    appraised: Decimal | None
    provisional: bool
    """Scored by ``self`` alone: no appraisal yet."""

    @property
    def applicable(self) -> bool:
        return self.points is not None

    @property
    def lost(self) -> Decimal:
        """Points below the leaf's maximum (0 where it does not apply)."""
        if self.points is None or self.leaf.max is None:
            return ZERO
        return self.leaf.max - self.points


@dataclass(frozen=True)
class UnitResult:
    """One unit's result for a year, before and after ranking."""

    unit: Unit
    points: Decimal
    max: Decimal
    percent: Decimal
    """Exact (to 28 digits); :func:`two_places` prints it."""
    klass: str | None
    provisional: bool
    self_points: Decimal
    """The points by the unit's own scores everywhere (its bonus and penalty too)."""
    bonus: Decimal
    penalty: Decimal
    leaves: Mapping[str, LeafResult]
    fields: Mapping[str, tuple[Decimal, Decimal]]
    """Field id -> (points, applicable max) of the leaves under it."""
    rank: int = 0
    percent_before: Decimal | None = None
    rank_before: int | None = None

    @property
    def block(self) -> str:
        return self.unit.block

    @property
    def percent_change(self) -> Decimal | None:
        return None if self.percent_before is None else self.percent - self.percent_before

    @property
    def rank_change(self) -> int | None:
        """Positive when the unit rose (it was ranked lower before), as ``check`` prints it."""
        return None if self.rank_before is None else self.rank_before - self.rank


@dataclass(frozen=True)
class League:
    """A year's results per block, each in rank order; units with no rows are left out."""

    units: UnitsFile
    results: tuple[UnitResult, ...]
    """Block by block (in the file's block order), each in rank order, ties in file order."""
    unscored: tuple[Unit, ...] = ()
    previous: bool = False

    def block(self, ident: str) -> tuple[UnitResult, ...]:
        return tuple(r for r in self.results if r.block == ident)

    def result(self, unit: str) -> UnitResult | None:
        return next((r for r in self.results if r.unit.id == unit), None)

    @property
    def provisional(self) -> tuple[UnitResult, ...]:
        return tuple(r for r in self.results if r.provisional)


def _rows_by_unit(rows: Iterable[ScoreRow]) -> dict[str, dict[str, ScoreRow]]:
    by_unit: dict[str, dict[str, ScoreRow]] = defaultdict(dict)
    for row in rows:
        by_unit[row.unit][row.criterion] = row
    return by_unit


Slot = tuple[Leaf, str, Decimal | None, str, frozenset[str] | None]
"""A leaf with what scoring reads of it for every unit (id, max, field id, blocks), looked up
once per year rather than through the leaf's properties 130 times."""


def _slots(leaves: Iterable[Leaf]) -> list[Slot]:
    return [(leaf, leaf.id, leaf.max, leaf.field.id, leaf.blocks) for leaf in leaves]


def _leaf(leaf: Leaf, in_block: bool, row: ScoreRow | None) -> LeafResult:
    """One leaf of a unit; ``in_block``: the criteria set applies it to the unit's block."""
    if not in_block or (row is not None and not row.applicable):
        return LeafResult(
            leaf, None, None if row is None else row.self, None if row is None else row.appraised, False
        )
    if row is None:
        return LeafResult(leaf, ZERO, None, None, False)  # no row: no points, nothing pending
    if row.appraised is not None:
        return LeafResult(leaf, row.appraised, row.self, row.appraised, False)
    if row.self is not None:
        return LeafResult(leaf, row.self, row.self, None, True)
    return LeafResult(leaf, ZERO, None, None, False)


def _limit(row: ScoreRow | None) -> tuple[Decimal, Decimal, bool]:
    """(points, self's points, provisional) of a bonus or penalty row."""
    if row is None:
        return ZERO, ZERO, False
    own = row.self or ZERO
    if row.appraised is not None:
        return row.appraised, own, False
    return own, own, row.self is not None


def klass(units: UnitsFile, percent: Decimal) -> str | None:
    """The first class whose ``min`` the percent reaches (classes are highest first)."""
    return next((c.name for c in units.classes if percent >= c.min), None)


def score_unit(
    units: UnitsFile, unit: Unit, rows: Mapping[str, ScoreRow], leaves: Sequence[Leaf]
) -> UnitResult | None:
    """A unit's result, unranked; None when nothing applies to it (no maximum to divide by)."""
    return _score(units, unit, rows, _slots(leaves))


def _score(
    units: UnitsFile, unit: Unit, rows: Mapping[str, ScoreRow], slots: Sequence[Slot]
) -> UnitResult | None:
    """:func:`score_unit` in one pass over the leaves: each leaf's result and the sums together."""
    results: dict[str, LeafResult] = {}
    fields: dict[str, tuple[Decimal, Decimal]] = {}
    points = top = own = ZERO
    pending = False
    block = unit.block
    for leaf, ident, most, field_id, blocks in slots:
        result = results[ident] = _leaf(leaf, blocks is None or block in blocks, rows.get(ident))
        got = result.points
        pending = pending or result.provisional
        if got is None or most is None:
            continue
        done, whole = fields.get(field_id, (ZERO, ZERO))
        fields[field_id] = (done + got, whole + most)
        points += got
        top += most
        own += result.self if result.self is not None else got
    if top == 0:
        return None
    bonus, bonus_self, bonus_provisional = _limit(rows.get(BONUS))
    penalty, penalty_self, penalty_provisional = _limit(rows.get(PENALTY))
    points += bonus - penalty
    percent = points * HUNDRED / top
    return UnitResult(
        unit=unit,
        points=points,
        max=top,
        percent=percent,
        klass=klass(units, percent),
        provisional=bonus_provisional or penalty_provisional or pending,
        self_points=own + bonus_self - penalty_self,
        bonus=bonus,
        penalty=penalty,
        leaves=results,
        fields=fields,
    )


def _percent(unit: Unit, rows: Mapping[str, ScoreRow], slots: Sequence[Slot]) -> Decimal | None:
    """The unit's exact percent alone, as :func:`_score` forms it (the same sums in the same
    order), without a result per leaf: all that last year's table is read for."""
    points = top = ZERO
    block = unit.block
    for _whole, ident, most, _field, blocks in slots:
        row = rows.get(ident)
        if most is None or (blocks is not None and block not in blocks):
            continue
        if row is not None:
            if not row.applicable:
                continue
            got = row.appraised if row.appraised is not None else row.self
            if got is not None:
                points += got
        # No row, or a row with neither score: 0 points of ``most``, as :func:`_leaf` gives.
        top += most
    if top == 0:
        return None
    points += _limit(rows.get(BONUS))[0] - _limit(rows.get(PENALTY))[0]
    return points * HUNDRED / top


def score_all(units: UnitsFile, rows: Iterable[ScoreRow]) -> tuple[list[UnitResult], list[Unit]]:
    """Every unit with rows scored (file order), and the units with none."""
    by_unit = _rows_by_unit(rows)
    slots = _slots(units.leaves())
    scored: list[UnitResult] = []
    unscored: list[Unit] = []
    for unit in units.units:
        result = _score(units, unit, by_unit[unit.id], slots) if unit.id in by_unit else None
        if result is None:
            unscored.append(unit)
        else:
            scored.append(result)
    return scored, unscored


def _tie_ranks(percents: Sequence[Decimal]) -> list[int]:
    """Ranks of percents sorted highest first: ties share a rank (1, 2, 2, 4)."""
    ranks: list[int] = []
    for n, percent in enumerate(percents):
        ranks.append(ranks[-1] if n > 0 and percent == percents[n - 1] else n + 1)
    return ranks


def ranked(results: Iterable[UnitResult], blocks: Sequence[str]) -> list[UnitResult]:
    """Ranks per block on the exact percent; ties share a rank (1, 2, 2, 4), in file order."""
    out: list[UnitResult] = []
    by_block: dict[str, list[UnitResult]] = defaultdict(list)
    for result in results:
        by_block[result.block].append(result)
    for block in blocks:
        members = sorted(by_block.get(block, []), key=lambda r: r.percent, reverse=True)
        ranks = _tie_ranks([r.percent for r in members])
        out += [replace(result, rank=rank) for result, rank in zip(members, ranks, strict=True)]
    return out


def _before_ranks(
    units: UnitsFile, rows: Iterable[ScoreRow], blocks: Sequence[str]
) -> dict[str, tuple[Decimal, int]]:
    """Last year's percent and rank of each unit ranked then, as :func:`ranked` would rank them."""
    by_unit = _rows_by_unit(rows)
    slots = _slots(units.leaves())
    by_block: dict[str, list[tuple[Decimal, str]]] = defaultdict(list)
    for unit in units.units:
        percent = _percent(unit, by_unit[unit.id], slots) if unit.id in by_unit else None
        if percent is not None:
            by_block[unit.block].append((percent, unit.id))
    out: dict[str, tuple[Decimal, int]] = {}
    for block in blocks:
        members = sorted(by_block.get(block, []), key=lambda member: member[0], reverse=True)
        ranks = _tie_ranks([percent for percent, _unit in members])
        out.update({unit: (percent, rank) for (percent, unit), rank in zip(members, ranks, strict=True)})
    return out


def league(units: UnitsFile, rows: Iterable[ScoreRow], previous: Iterable[ScoreRow] | None = None) -> League:
    """The year's league per block; with last year's rows, each unit's percent and rank before."""
    scored, unscored = score_all(units, rows)
    blocks = [b.id for b in units.blocks]
    results = ranked(scored, blocks)
    if previous is not None:
        before = _before_ranks(units, previous, blocks)
        results = [_before(r, before.get(r.unit.id)) for r in results]
    return League(units, tuple(results), tuple(unscored), previous is not None)


def _before(result: UnitResult, old: tuple[Decimal, int] | None) -> UnitResult:
    if old is None:
        return result
    return replace(result, percent_before=old[0], rank_before=old[1])


# --- where points are lost -----------------------------------------------------------------


def median(values: Sequence[Decimal]) -> Decimal | None:
    """The middle value (the mean of the two middle ones for an even count), exact."""
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


@dataclass(frozen=True)
class GapLine:
    """A field or a leaf of one unit beside its block: points, max, lost, median, best."""

    id: str
    name: str
    level: str
    """``field`` or ``criterion``."""
    points: Decimal | None
    max: Decimal | None
    lost: Decimal | None
    median: Decimal | None
    best: Decimal | None
    provisional: bool = False


@dataclass(frozen=True)
class UnitGap:
    """Where one unit loses its points, and what the next class takes."""

    result: UnitResult
    fields: tuple[GapLine, ...]
    criteria: tuple[GapLine, ...]
    """Applicable leaves by points lost, most first (ties in file order)."""
    next_class: str | None
    needed: Decimal | None
    """Points more to reach ``next_class``'s min (None at the top class)."""


def unit_gap(table: League, unit: str) -> UnitGap | None:
    """One unit's fields and leaves by points lost, beside its block's median and best."""
    result = table.result(unit)
    if result is None:
        return None
    peers = table.block(result.block)
    fields = [
        _field_line(table.units, ident, got, most, peers, result.leaves.get(ident))
        for ident, (got, most) in result.fields.items()
    ]
    # A field without sub-criteria is its own leaf: it is listed once, as a field.
    leaves = [
        _leaf_line(r, peers)
        for r in result.leaves.values()
        if r.applicable and r.leaf.criterion is not r.leaf.field
    ]
    fields.sort(key=lambda line: line.lost or ZERO, reverse=True)
    leaves.sort(key=lambda line: line.lost or ZERO, reverse=True)
    next_class, needed = _next_class(table.units, result)
    return UnitGap(result, tuple(fields), tuple(leaves), next_class, needed)


def _field_line(
    units: UnitsFile,
    ident: str,
    got: Decimal,
    most: Decimal,
    peers: Sequence[UnitResult],
    itself: LeafResult | None,
) -> GapLine:
    """A field's line; ``itself``: the field's own result where it is a leaf (its flag shown)."""
    field_name = next(f.name for f in units.fields if f.id == ident)
    others = [p.fields[ident][0] for p in peers if ident in p.fields]
    pending = itself is not None and itself.leaf.criterion is itself.leaf.field and itself.provisional
    return GapLine(
        ident, field_name, "field", got, most, most - got, median(others), max(others, default=None), pending
    )


def _leaf_line(result: LeafResult, peers: Sequence[UnitResult]) -> GapLine:
    ident = result.leaf.id
    others = [p for p in (peer.leaves.get(ident) for peer in peers) if p is not None and p.points is not None]
    values = [p.points for p in others if p.points is not None]
    return GapLine(
        ident,
        result.leaf.criterion.name,
        "criterion",
        result.points,
        result.leaf.max,
        result.lost,
        median(values),
        max(values, default=None),
        result.provisional,
    )


def _next_class(units: UnitsFile, result: UnitResult) -> tuple[str | None, Decimal | None]:
    """The class above the unit's, and the points it takes: min x max / 100 - points."""
    above = [c for c in units.classes if c.min > result.percent]
    if not above:
        return None, None
    target = above[-1]
    return target.name, target.min * result.max / HUNDRED - result.points


@dataclass(frozen=True)
class Loss:
    """A leaf across the province: how many units lose points there, and how many in total."""

    leaf: Leaf
    units: int
    """Units that lose points on it."""
    applicable: int
    """Units it applies to."""
    lost: Decimal


def losses(table: League) -> list[Loss]:
    """Each leaf by the points the province loses there, most first: where to act first."""
    found: list[Loss] = []
    for leaf in table.units.leaves():
        results = [r.leaves[leaf.id] for r in table.results if leaf.id in r.leaves]
        counted = [r for r in results if r.applicable]
        losing = [r for r in counted if r.lost > 0]
        found.append(Loss(leaf, len(losing), len(counted), sum((r.lost for r in counted), ZERO)))
    found.sort(key=lambda loss: loss.lost, reverse=True)
    return found


@dataclass(frozen=True)
class Disagreement:
    """A unit's own score above the council's by more than the tolerance."""

    unit: Unit
    criterion: str
    name: str
    self: Decimal
    appraised: Decimal

    @property
    def difference(self) -> Decimal:
        return self.self - self.appraised


def appraisal(units: UnitsFile, rows: Iterable[ScoreRow], tolerance: Decimal) -> list[Disagreement]:
    """Where ``self`` exceeds ``appraised`` by more than ``tolerance``: the council's working list.

    In file order of the units, then of the criteria (bonus and penalty last); a penalty is
    listed where the unit took less than the council did, since that is its favour.
    """
    names = {leaf.id: leaf.criterion.name for leaf in units.leaves()}
    order = {ident: n for n, ident in enumerate([*names, BONUS, PENALTY])}
    unit_order = {u.id: n for n, u in enumerate(units.units)}
    found: list[tuple[int, int, Disagreement]] = []
    for row in rows:
        unit = units.unit(row.unit)
        if unit is None or row.self is None or row.appraised is None:
            continue
        favour = row.appraised - row.self if row.criterion == PENALTY else row.self - row.appraised
        if favour > tolerance:
            own, council = (row.self, row.appraised)
            item = Disagreement(unit, row.criterion, names.get(row.criterion, row.criterion), own, council)
            found.append((unit_order[unit.id], order.get(row.criterion, len(order)), item))
    found.sort(key=lambda entry: (entry[0], entry[1]))
    return [item for _u, _c, item in found]


def class_counts(table: League) -> list[tuple[str, str | None, int]]:
    """(block, class, units) for every block and class, zeros included (a class with no unit)."""
    counts: list[tuple[str, str | None, int]] = []
    for block in table.units.blocks:
        members = table.block(block.id)
        for c in table.units.classes:
            counts.append((block.id, c.name, sum(1 for r in members if r.klass == c.name)))
        unclassed = sum(1 for r in members if r.klass is None)
        if unclassed:
            counts.append((block.id, None, unclassed))
    return counts


def moves(table: League, count: int = 5) -> tuple[list[UnitResult], list[UnitResult]]:
    """The largest rises and falls in percent since last year (units in both years only)."""
    changed = [r for r in table.results if r.percent_change is not None]
    rises = sorted(
        (r for r in changed if (r.percent_change or ZERO) > 0),
        key=lambda r: r.percent_change or ZERO,
        reverse=True,
    )
    falls = sorted(
        (r for r in changed if (r.percent_change or ZERO) < 0), key=lambda r: r.percent_change or ZERO
    )
    return rises[:count], falls[:count]


@dataclass(frozen=True)
class HeatRow:
    """A unit's row of the heatmap: each field's percent of its applicable max (None: none applies)."""

    result: UnitResult
    cells: tuple[Decimal | None, ...]


@dataclass(frozen=True)
class Heat:
    """Units (grouped by block, in rank order) x fields, as percent of each field's applicable max."""

    fields: tuple[tuple[str, str], ...]
    rows: tuple[HeatRow, ...] = field(default=())


def heatmap(table: League) -> Heat:
    fields = tuple((f.id, f.name) for f in table.units.fields)
    rows = []
    for result in table.results:
        cells = []
        for ident, _name in fields:
            got, most = result.fields.get(ident, (ZERO, ZERO))
            cells.append(got * HUNDRED / most if most else None)
        rows.append(HeatRow(result, tuple(cells)))
    return Heat(fields, tuple(rows))


__all__ = [
    "Disagreement",
    "GapLine",
    "Heat",
    "HeatRow",
    "LeafResult",
    "League",
    "Loss",
    "UnitGap",
    "UnitResult",
    "appraisal",
    "class_counts",
    "heatmap",
    "klass",
    "league",
    "losses",
    "median",
    "moves",
    "ranked",
    "score_all",
    "score_unit",
    "two_places",
    "unit_gap",
]
