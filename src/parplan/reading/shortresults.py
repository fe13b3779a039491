"""Owns the short form of a results file: ``province``, ``year`` and ``results: [{id, score, rank}]``.

A results file in the baseline's schema repeats every name and maximum; an analyst typing
the published results should only type the results. The names, maxima and structure come
from the baseline: :func:`expand` gives the long form (a :class:`~parplan.models.plan.Baseline`)
that every analysis reads, and :class:`ShortParsed` places the problems found in the long
form back on the line of the short file that gave the value.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Annotated, Any, TypeVar

from pydantic import AfterValidator, Field

from parplan.models.plan import (
    Baseline,
    Criterion,
    CriterionId,
    Index,
    Number,
    Rank,
    Text,
    Year,
    _Model,
    _non_empty,
)
from parplan.reading.yamlread import Key, Parsed
from parplan.vocab import rules
from parplan.vocab.problems import Finding, Msg, Problem, msg, quoted


class Result(_Model):
    """One published result: a criterion's (or an index's) score and rank."""

    id: CriterionId
    score: Number | None = None
    rank: Rank | None = None
    note: Text | None = None


_Listed = Annotated[tuple[Result, ...], AfterValidator(_non_empty), Field(json_schema_extra={"minItems": 1})]
"""At least one result, refused as an empty list of criteria is (the models' own check)."""


class ShortResults(_Model):
    """A results file that lists only the results; the structure is the baseline's."""

    province: Text
    year: Year
    source: Text | None = None
    results: _Listed


def is_short(data: Any) -> bool:
    """The short form has ``results`` and no ``indices``; anything else is read as the long form."""
    return isinstance(data, dict) and "results" in data and "indices" not in data


def _walk(criteria: Sequence[Criterion]) -> Iterator[Criterion]:
    for criterion in criteria:
        yield criterion
        yield from _walk(criterion.parts)


C = TypeVar("C", bound=Criterion)


def _filled(criterion: C, given: Mapping[str, Result]) -> C:
    result = given.get(criterion.id)
    parts = tuple(_filled(part, given) for part in criterion.parts)
    score = result.score if result else None
    rank = result.rank if result else None
    note = result.note if result and result.note else None
    return criterion.model_copy(update={"score": score, "rank": rank, "note": note, "parts": parts})


def _index(index: Index, given: Mapping[str, Result]) -> Index:
    """The index as the results give it: its rank, and its score only where its total is given
    (SIPAS's overall %); the baseline's own score is never carried over as a result."""
    result = given.get(index.id)
    criteria = tuple(_filled(criterion, given) for criterion in index.criteria)
    score = result.score if result is not None and index.total == "given" else None
    rank = result.rank if result else None
    return index.model_copy(update={"rank": rank, "score": score, "criteria": criteria})


def expand(short: ShortResults, baseline: Baseline) -> tuple[Baseline, list[Finding]]:
    """The long form of a short results file, and the findings of ids it cannot place.

    A criterion without a result is unknown (null), not 0; notes of the baseline are not
    carried over (they explained last year's values).
    """
    totals = {index.id: index.total for index in baseline.indices}
    index_ids = set(totals)
    known = index_ids | {c.id for i in baseline.indices for c in _walk(i.criteria)}
    known |= {c.id for c in _walk(baseline.indicators)}
    given: dict[str, Result] = {}
    findings: list[Finding] = []
    for n, result in enumerate(short.results):
        place = ("results", n, "id")
        if result.id in given:
            findings.append(
                Finding(
                    "results",
                    place,
                    result.id,
                    rules.DUPLICATE_RESULT,
                    msg("duplicate-result", id=quoted(result.id)),
                )
            )
        elif result.id not in known:
            findings.append(
                Finding(
                    "results",
                    place,
                    result.id,
                    rules.RESULT_FOR_UNKNOWN_CRITERION,
                    msg("results-unknown", id=quoted(result.id)),
                )
            )
        elif result.id in index_ids and result.score is not None and totals[result.id] != "given":
            # A given total (SIPAS's overall %) is a result of its own; a sum is not given.
            key = "index-score" if totals[result.id] == "sum" else "index-score-none"
            where = ("results", n, "score")
            findings.append(
                Finding(
                    "results",
                    where,
                    result.id,
                    rules.SCORE_FOR_INDEX,
                    msg(key, id=quoted(result.id)),
                )
            )
        given.setdefault(result.id, result)
    long = Baseline(
        province=short.province,
        year=short.year,
        source=short.source,
        indices=tuple(_index(index, given) for index in baseline.indices),
        indicators=tuple(_filled(indicator, given) for indicator in baseline.indicators),
    )
    return long, findings


def _result(criterion: Criterion | Index, score: Any, note: Any) -> Iterator[Result]:
    if score is not None or criterion.rank is not None or note is not None:
        yield Result(id=criterion.id, score=score, rank=criterion.rank, note=note)


def _shortened(criteria: Sequence[Criterion]) -> Iterator[Result]:
    for criterion in criteria:
        yield from _result(criterion, criterion.score, criterion.note)
        yield from _shortened(criterion.parts)


def shorten(results: Baseline) -> ShortResults:
    """The short form of results in the long form: what :func:`expand` reads back to them.

    An index gives its rank, and its score only where its total is given; a criterion without
    a score, rank or note is left out (unknown, as :func:`expand` reads a missing one).
    """
    found: list[Result] = []
    for index in results.indices:
        yield_score = index.score if index.total == "given" else None
        found.extend(_result(index, yield_score, None))
        found.extend(_shortened(index.criteria))
    found.extend(_shortened(results.indicators))
    return ShortResults(
        province=results.province, year=results.year, source=results.source, results=tuple(found)
    )


@dataclass
class ShortParsed(Parsed):
    """A short results file's positions, answering for paths of its long form.

    The rules speak of ``indices[0].criteria[2].score``; the analyst wrote ``results[5].score``.
    """

    positions: dict[str, int] = field(default_factory=dict)

    def problem(self, path: Sequence[Key], code: str, message: Msg, *, key: bool = False) -> Problem:
        steps: list[Key] = list(path)
        if steps and steps[0] in ("indices", "indicators"):
            node: Any = None
            ident = None
            for step in steps:
                node = self._long_step(node, step)
                ident = getattr(node, "id", ident)
            last = steps[-1]
            if ident in self.positions:
                steps = ["results", self.positions[ident]]
                steps += [last] if last in ("score", "rank", "id") else []
            else:
                steps = []
        return super().problem(steps, code, message, key=key)

    long: Baseline | None = None

    def _long_step(self, node: Any, step: Key) -> Any:
        current = self.long if node is None and self.long is not None else node
        if isinstance(step, str):
            return getattr(current, step, current) if current is not None else None
        if isinstance(current, tuple) and 0 <= step < len(current):
            return current[step]
        return current


def short_parsed(parsed: Parsed, short: ShortResults, long: Baseline) -> ShortParsed:
    """The parsed short file, ready to place the long form's problems."""
    positions: dict[str, int] = {}
    for n, result in enumerate(short.results):
        positions.setdefault(result.id, n)
    fields = {name: getattr(parsed, name) for name in Parsed.__dataclass_fields__}
    return ShortParsed(**fields, positions=positions, long=long)


__all__ = ["Result", "ShortParsed", "ShortResults", "expand", "is_short", "short_parsed", "shorten"]
