"""The report's opening summary, in sentences, from the numbers its tables show.

A Báo cáo states its results before its tables: each index's score, its distance from the
national average, its rank and the change since the year before, then the targets met and
missed. Every number here is a cell of the report's own tables (section 1's totals and the
results' counts), so the sentences never say what the tables do not.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from parplan.analysis.gaps import Row, Status
from parplan.models.plan import Baseline, Rank
from parplan.vocab.document import Options
from parplan.vocab.i18n import tr


def _distance(row: Row, options: Options) -> str:
    """How far the score is from the national average, in words; empty when unknown."""
    if row.vs_average is None or row.national_average is None:
        return ""
    average = options.number(row.national_average)
    lang = options.lang
    if row.vs_average < 0:
        words = tr(lang, "{gap} points below the national average ({average})")
    elif row.vs_average > 0:
        words = tr(lang, "{gap} points above the national average ({average})")
    else:
        words = tr(lang, "equal to the national average ({average})")
    return words.format(gap=options.number(abs(row.vs_average)), average=average)


def _change(rank: Rank | None, prior: Rank | None, year: int | None, options: Options) -> str:
    """The rank's move since the year before: ``up 3 places from 2023``; empty when unknown
    or when the two ranks are out of different numbers of provinces (no places to count)."""
    if rank is None or prior is None or year is None or rank.base != prior.base:
        return ""
    now, before = rank.position, prior.position
    lang = options.lang
    if now < before:
        return tr(lang, "up {places} places from {year} ({prior})").format(
            places=before - now, year=year, prior=prior
        )
    if now > before:
        return tr(lang, "down {places} places from {year} ({prior})").format(
            places=now - before, year=year, prior=prior
        )
    return tr(lang, "the same rank as in {year}").format(year=year)


def _index_sentence(name: str, row: Row, prior: tuple[int | None, Rank | None], options: Options) -> str:
    lang = options.lang
    if row.score is None:
        parts = [tr(lang, "{index} has no published score").format(index=name)]
    else:
        score = options.number(row.score)
        parts = [tr(lang, "{index} scored {score} points").format(index=name, score=score)]
    distance = _distance(row, options)
    if distance:
        parts.append(distance)
    if row.rank:
        rank = tr(lang, "ranked {rank}").format(rank=row.rank)
        change = _change(row.rank, prior[1], prior[0], options)
        parts.append(f"{rank}, {change}" if change else rank)
    return "; ".join(parts) + "."


def index_sentences(
    baseline: Baseline, rows: Sequence[Row], names: Mapping[str, str], options: Options
) -> list[str]:
    """One sentence per index, in the plan's order of indices."""
    by_id = {r.id: r for r in rows if r.level == "index"}
    sentences = []
    for index in baseline.indices:
        row = by_id.get(index.id)
        if row is None:
            continue
        history = sorted((h for h in baseline.history if h.id == index.id and h.rank), key=lambda h: h.year)
        prior: tuple[int | None, Rank | None] = (
            (history[-1].year, history[-1].rank) if history else (None, None)
        )
        sentence = _index_sentence(names.get(index.id, index.id), row, prior, options)
        sentences.append(
            tr(options.lang, "In {year}, {sentence}").format(year=baseline.year, sentence=sentence)
        )
    return sentences


def targets_sentence(
    targets: int, year: int, counts: Mapping[Status, int] | None, results_year: int | None, options: Options
) -> str:
    """The targets met and missed, or, before the results, how many the plan sets."""
    lang = options.lang
    if counts is None or results_year is None:
        return tr(lang, "The plan sets {count} targets for {year}; no results have been given yet.").format(
            count=targets, year=year
        )
    return tr(
        lang, "Results {year}: {met} targets met, {missed} missed, {unknown} without data (of {total})."
    ).format(
        year=results_year,
        met=counts.get("met", 0),
        missed=counts.get("missed", 0),
        unknown=counts.get("no-data", 0),
        total=sum(counts.values()),
    )
