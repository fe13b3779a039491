"""Progress arithmetic: the exact numbers under the judgement of a province's headline targets.

It judges nothing itself: :mod:`parplan.analysis.headline` owns the judgement (which numbers
a target is judged on, and the verdict) and asks this module four questions, answered with
exact :class:`~decimal.Decimal` arithmetic and nothing else (no I/O, no global state, no
other parplan module):

* Did the rank go up, when the number of provinces changed (63 → 34 in 2025; PAPI 2024
  ranked 61)? :func:`rank_share`, :func:`compare_ranks`.
* Which group is a score in, and what does the next group need? :func:`group_of`,
  :func:`next_group`.
* Is the province on course for its target? :func:`progress_status`, by the compound-growth
  method of Statistics Canada that Open SDG's ``sdg-build`` implements.
* What score would have taken a given rank? :func:`score_for_rank`.

Every index here (PAR INDEX, SIPAS, PAPI) is higher-is-better, so there is no "lower is
better" direction. The rules and the edge-case decisions are written out in
``docs/progress.md``; the docstrings below say why each one was taken.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal, localcontext
from typing import Final, Literal

__all__ = [
    "ACCELERATION_NEEDED_MIN",
    "DISPLAY_PLACES",
    "LIMITED_MIN",
    "ON_TRACK_MIN",
    "PRECISION",
    "Comparison",
    "Progress",
    "ProgressStatus",
    "RankComparison",
    "classify_ratio",
    "compare_ranks",
    "compound_growth",
    "group_of",
    "next_group",
    "progress_status",
    "rank_share",
    "score_for_rank",
    "target_met",
]

PRECISION: Final = 34
"""Significant digits of the working context: Decimal128's, far beyond any published score."""

DISPLAY_PLACES: Final = 4
"""Decimal places of the growth rates and the ratio a :class:`Progress` carries."""

ON_TRACK_MIN: Final = Decimal("0.95")
"""Open SDG / Statistics Canada: a ratio of at least 95 % is "on track"."""

ACCELERATION_NEEDED_MIN: Final = Decimal("0.60")
"""At least 60 % (and under 95 %) is "progress made but acceleration needed"."""

LIMITED_MIN: Final = Decimal(0)
"""At least 0 % (and under 60 %) is "limited progress"; below 0 % is "deterioration"."""

_SETTLE: Final = Decimal("1E-20")
"""The ratio is classified after rounding to 20 places: an n-th root carries an error near
1e-32 at 34 digits, so a ratio that is 0.95 on paper lands on 0.95, not a hair under it."""

_DISPLAY: Final = Decimal(1).scaleb(-DISPLAY_PLACES)

ProgressStatus = Literal["achieved", "on-track", "acceleration-needed", "limited", "deterioration"]
"""The five verdicts; Open SDG's labels are target achieved, on track, progress made but
acceleration needed, limited progress, deterioration."""

Comparison = Literal[">", ">="]
"""How a target is met: strictly above it, or at or above it."""


# --- ranks across bases -------------------------------------------------------------------


@dataclass(frozen=True)
class RankComparison:
    """Two ranks compared by their share of the base, because the base itself changes.

    ``improved`` is None when both shares are equal (17/34 and 1/2 are the same standing).
    ``places`` (k0 − k1, positive when the province moved up) exists only when the bases are
    equal: "31 places up" from 51/63 to 20/34 would count provinces that no longer exist.
    """

    improved: bool | None
    places: int | None
    share_before: Decimal
    share_after: Decimal
    base_changed: bool


def rank_share(k: int, n: int) -> Decimal:
    """The share of a rank: k / N, so 1/N is the top and N/N the bottom; smaller is better.

    Why a share: a rank alone means nothing once the number of provinces changes (63 before
    the 2025 merger, 34 after, 61 in PAPI 2024). The share is given to 34 significant digits;
    :func:`compare_ranks` compares ranks by exact integer cross-multiplication, not by it.
    Raises ValueError unless 1 ≤ k ≤ N.
    """
    _check_rank(k, n)
    with localcontext() as ctx:
        ctx.prec = PRECISION
        return Decimal(k) / Decimal(n)


def compare_ranks(before: tuple[int, int], after: tuple[int, int]) -> RankComparison:
    """Whether the province moved up from ``before`` (k0, N0) to ``after`` (k1, N1).

    "Up" means a smaller share: 51/63 (0.8095…) to 20/34 (0.5882…) is an improvement even
    though 51 → 20 across different bases is no count of places. The comparison is exact
    (k1·N0 against k0·N1), so equal shares are equal, not separated by a rounding digit.
    """
    (k0, n0), (k1, n1) = before, after
    share_before, share_after = rank_share(k0, n0), rank_share(k1, n1)
    left, right = k1 * n0, k0 * n1
    improved = None if left == right else left < right
    return RankComparison(
        improved=improved,
        places=k0 - k1 if n0 == n1 else None,
        share_before=share_before,
        share_after=share_after,
        base_changed=n0 != n1,
    )


def _check_rank(k: int, n: int) -> None:
    """A rank is k-th of N with 1 ≤ k ≤ N; anything else is a caller's bug, not data."""
    if n < 1 or not 1 <= k <= n:
        raise ValueError(f"a rank is k/N with 1 ≤ k ≤ N, got {k}/{n}")


# --- groups -------------------------------------------------------------------------------


def group_of(score: Decimal, groups: Sequence[tuple[str, Decimal]]) -> str | None:
    """The group a score is in: the one with the highest min at or below the score.

    Groups are data, (name, min) in the index's unit, in any order, because each index
    publishes its own (PAR INDEX 2024: A ≥ 90 %, B 80–90 %). A min is inclusive, as "≥ 90 %"
    reads. None when the score is below every group (or there are no groups).
    """
    for name, minimum in _descending(groups):
        if minimum <= score:
            return name
    return None


def next_group(score: Decimal, groups: Sequence[tuple[str, Decimal]]) -> tuple[str, Decimal] | None:
    """The next group up from a score and the score it needs (its min, inclusive).

    A score below every group is told the lowest group; a score in the top group, or with no
    groups at all, gets None: there is nothing higher to aim for.
    """
    above = [(name, minimum) for name, minimum in _descending(groups) if minimum > score]
    return above[-1] if above else None


def _descending(groups: Sequence[tuple[str, Decimal]]) -> list[tuple[str, Decimal]]:
    """Groups highest min first; two groups with one name or one min make "which" ambiguous."""
    names = [name for name, _ in groups]
    minimums = [minimum for _, minimum in groups]
    if len(set(names)) != len(names):
        raise ValueError(f"group names must be distinct, got {names}")
    if len(set(minimums)) != len(minimums):
        raise ValueError(f"group minimums must be distinct, got {[str(m) for m in minimums]}")
    return sorted(groups, key=lambda group: group[1], reverse=True)


# --- progress (Open SDG / Statistics Canada) ----------------------------------------------


@dataclass(frozen=True)
class Progress:
    """A verdict on a target by the compound-growth method, with the numbers behind it.

    ``observed`` and ``required`` are annual growth rates (0.0247 = 2.47 % a year) rounded
    half-up to :data:`DISPLAY_PLACES`; ``ratio`` is rounded *down* to as many places so that
    the number shown never sits across a threshold from the status (0.94996 is shown 0.9499,
    "acceleration-needed", never 0.9500). The status is decided before any display rounding.
    ``ratio`` is None only when the target equals the baseline: required growth is zero.
    """

    status: ProgressStatus
    observed: Decimal
    required: Decimal
    ratio: Decimal | None


def target_met(value: Decimal, target: Decimal, comparison: Comparison) -> bool:
    """Whether a value meets a target: ``>`` strictly above, ``>=`` at or above.

    Public because the caller judges a result in or after the target year itself (met or
    missed, no longer progress), and a result without a usable baseline.
    """
    return value > target if comparison == ">" else value >= target


def compound_growth(start: Decimal, end: Decimal, years: int) -> Decimal:
    """Compound annual growth rate from ``start`` to ``end`` over ``years``: (end/start)^(1/years) − 1.

    The growth both sides of Open SDG's ratio use. Full working precision (34 digits), so a
    classification near a threshold is not decided by display rounding. Raises ValueError
    for start ≤ 0, end < 0 or years ≤ 0, where the formula has no meaning.
    """
    if start <= 0 or end < 0 or years <= 0:
        raise ValueError(f"compound growth needs start > 0, end ≥ 0, years > 0: {start}, {end}, {years}")
    with localcontext() as ctx:
        ctx.prec = PRECISION
        return (end / start) ** (Decimal(1) / Decimal(years)) - 1


def classify_ratio(ratio: Decimal) -> ProgressStatus:
    """The status of a ratio of observed to required growth, by Open SDG's thresholds.

    ≥ 0.95 on-track; 0.60 ≤ r < 0.95 acceleration-needed; 0 ≤ r < 0.60 limited; r < 0
    deterioration. Each lower bound is inclusive, as in Statistics Canada's table. Never
    "achieved": that is a fact about the value, not about the ratio.
    """
    if ratio >= ON_TRACK_MIN:
        return "on-track"
    if ratio >= ACCELERATION_NEEDED_MIN:
        return "acceleration-needed"
    if ratio >= LIMITED_MIN:
        return "limited"
    return "deterioration"


def progress_status(
    y0: Decimal | None,
    t0: int,
    yi: Decimal | None,
    ti: int,
    target: Decimal,
    target_year: int,
    comparison: Comparison,
) -> Progress | None:
    """Progress of a latest value ``yi`` (year ti) from a baseline ``y0`` (year t0) towards
    ``target`` in ``target_year``, by Open SDG's method (Statistics Canada's).

    observed = (yi/y0)^(1/(ti−t0)) − 1; required = (target/y0)^(1/(target_year−t0)) − 1;
    ratio = observed / |required| (Open SDG divides by the magnitude of the required growth).
    The status is ``achieved`` once the target is met, else :func:`classify_ratio` of the ratio.

    None, no status, when the method does not apply: y0 or yi unknown, y0 = 0 (no growth from
    nothing; sdg-build substitutes 0.001, we refuse to invent a baseline), t0 ≥ ti (no observed
    period), or ti ≥ target_year (the target is simply met or missed: see :func:`target_met`).
    A target at the baseline has zero required growth and no ratio: not met means the value
    fell (deterioration) or, for ``>``, stayed on the line (limited). A target below the
    baseline not met means the value fell through it: the ratio is negative, deterioration.
    Raises ValueError for a negative score, which no index here has.
    """
    if y0 is None or yi is None or y0 == 0 or not t0 < ti < target_year:
        return None
    if min(y0, yi, target) < 0:
        raise ValueError(f"scores of these indices are never negative: {y0}, {yi}, {target}")
    observed = compound_growth(y0, yi, ti - t0)
    required = compound_growth(y0, target, target_year - t0)
    ratio = None if target == y0 else _settle(_ratio(observed, required))
    if target_met(yi, target, comparison):
        status: ProgressStatus = "achieved"
    elif ratio is None:
        status = "deterioration" if observed < 0 else "limited"
    else:
        status = classify_ratio(ratio)
    return Progress(
        status=status,
        observed=_round(observed, ROUND_HALF_UP),
        required=_round(required, ROUND_HALF_UP),
        ratio=None if ratio is None else _round(ratio, ROUND_FLOOR),
    )


def _ratio(observed: Decimal, required: Decimal) -> Decimal:
    """observed / |required| in the working context, whatever the caller's context is
    (``abs`` and ``/`` both round to the context in force)."""
    with localcontext() as ctx:
        ctx.prec = PRECISION
        return observed / abs(required)


def _settle(value: Decimal) -> Decimal:
    """Round to 20 places, with the digits to hold even a huge ratio (a target a hair above
    the baseline), so quantize never overflows the context."""
    with localcontext() as ctx:
        ctx.prec = max(value.adjusted(), 0) + 1 + 20
        return value.quantize(_SETTLE, rounding=ROUND_HALF_UP)


def _round(value: Decimal, rounding: str) -> Decimal:
    """Round to :data:`DISPLAY_PLACES` places, with the digits the value needs."""
    with localcontext() as ctx:
        ctx.prec = max(value.adjusted(), 0) + 1 + DISPLAY_PLACES
        return value.quantize(_DISPLAY, rounding=rounding)


# --- what it takes ------------------------------------------------------------------------


def score_for_rank(others: Mapping[str, Decimal], own_province: str, rank_target: int) -> Decimal | None:
    """The lowest score that would have placed the province at rank ≤ ``rank_target`` that year.

    Ties share a rank (competition ranking, 1-2-2-4): a province's rank is 1 + the number of
    others strictly above it, so equalling the ``rank_target``-th best other score suffices,
    and that score is the answer. The province itself is dropped from ``others`` by name
    (NFC, case- and space-insensitive, so a decomposed "Hà Nội" is still Hà Nội); the answer
    is a score someone actually had, never an interpolation. None when fewer than
    ``rank_target`` others are listed: then any score would do, or the list is cut short,
    and the list cannot tell which. The list must hold every province scoring at or above
    the answer (the full table, or a published top-k). Raises ValueError for
    ``rank_target`` < 1, or two entries for one province (it would count twice).
    """
    if rank_target < 1:
        raise ValueError(f"a rank target is 1 or more, got {rank_target}")
    own = _name_key(own_province)
    keys = [_name_key(name) for name in others]
    if len(set(keys)) != len(keys):
        raise ValueError("a province appears twice in the reference list")
    scores = sorted(
        (score for name, score in others.items() if _name_key(name) != own),
        reverse=True,
    )
    return scores[rank_target - 1] if len(scores) >= rank_target else None


def rank_bounds(
    scores: Mapping[str, Decimal],
    ranks: Mapping[str, int],
    own_province: str,
    rank_target: int,
    own_rank: int | None = None,
) -> tuple[Decimal | None, Decimal | None]:
    """The bounds a partial table's published neighbours set on :func:`score_for_rank`'s answer:
    ``(low, high)``, either None where no published province bounds it on that side.

    The answer is the ``rank_target``-th best score among the others. An other published at
    rank ``p`` is the ``p``-th best of the others when it ranks above the province itself (one
    fewer when below it): at a position ≤ ``rank_target`` its score is at least the answer (a
    bound from above), else at most (from below). The province's own published rank ``p`` bounds
    it too: it reached rank ``p`` with its score, so for a target ≥ ``p`` the answer is at most
    that score, and for a better target at least. The other published at exactly the wanted
    place among the others gives the answer itself (both bounds). Only provinces with both a
    rank and a score count; nothing is interpolated. ``own_rank`` is the province's rank where
    the table does not list it (from its own file), so that the others below it are placed
    right. Bounds that cross (the published ranks and scores disagree)
    give ``(None, None)``: no range is better than an impossible one.
    """
    if rank_target < 1:
        raise ValueError(f"a rank target is 1 or more, got {rank_target}")
    own = _name_key(own_province)
    by_key = {_name_key(name): score for name, score in scores.items()}
    placed = {_name_key(name): position for name, position in ranks.items()}
    own_position = placed.get(own, own_rank)
    lows: list[Decimal] = []
    highs: list[Decimal] = []
    for key, position in placed.items():
        score = by_key.get(key)
        if score is None:
            continue
        if key == own:
            above = rank_target >= position
        else:
            below_own = own_position is not None and position > own_position
            among_others = position - (1 if below_own else 0)
            if among_others == rank_target:
                lows.append(score)  # the rank_target-th other itself: its score is the answer
            above = among_others <= rank_target
        (highs if above else lows).append(score)
    low, high = max(lows, default=None), min(highs, default=None)
    if low is not None and high is not None and low > high:
        return None, None
    return low, high


def _name_key(name: str) -> str:
    """One spelling per province: NFC (PDF copies arrive decomposed), casefolded, spaces collapsed.

    Diacritics are kept: stripping them would merge names that differ only by a tone mark.
    """
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())
