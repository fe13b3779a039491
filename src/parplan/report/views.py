"""Analysis results -> reports of tables: which columns, which labels, which order.

Kept apart from :mod:`parplan.render` (which only formats) and :mod:`parplan.analysis.gaps`
(which only computes), so that a new command is a new view and nothing else. Every view
returns a :data:`~parplan.vocab.document.Report`; the JSON rows, CSV, Excel and the notebook API's
tables are all read from it, so they cannot drift apart.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal

from parplan.analysis.gaps import KPI, Check, Ranked, Row, Status, check_summary
from parplan.analysis.headline import Point, Takes
from parplan.models.plan import Baseline, Body, Targets, rank_text
from parplan.report.annotate import problem_annotations
from parplan.vocab.document import (
    Cell,
    Column,
    Findings,
    Lang,
    Options,
    Record,
    Sheet,
    Tables,
    cell_text,
    fmt,
    name_in,
    titled,
)
from parplan.vocab.i18n import N_, tr
from parplan.vocab.paths import shown_path
from parplan.vocab.problems import Problem, msg, severity_word

SIGNS: Mapping[str, str] = {">=": "≥", "<=": "≤"}
"""A comparison as a reader writes it; the plan's files, CSV and JSON keep ``>=``."""


def _target_text(record: Record, options: Options) -> str:
    target = record.get("target")
    if target is None:
        return cell_text(None, options)
    comparison = record.get("comparison") or ">="
    return f"{SIGNS.get(str(comparison), comparison)} {cell_text(target, options)}"


SHARE_PLACES = Decimal("0.0001")


def fixed_places(key: str, rounded: Callable[[Decimal], Decimal]) -> Callable[[Record, Options], str]:
    """A number always to the places ``rounded`` keeps (``1,0000``; ``80.00``), comma or point as
    the document writes; the cell keeps the exact value."""

    def show(record: Record, options: Options) -> str:
        value = record.get(key)
        if not isinstance(value, Decimal):
            return cell_text(value, options)
        text = f"{rounded(value):f}"
        return text.replace(".", ",") if options.decimal_comma else text

    return show


def share_text(key: str) -> Callable[[Record, Options], str]:
    """A rank share always to four places (``1,0000``, ``0,5000``): one format in every command."""
    return fixed_places(key, lambda value: value.quantize(SHARE_PLACES))


def signed(key: str) -> Callable[[Record, Options], str]:
    """Show a change with its sign: +0.3 reads as an increase, not a score; +4 places, not rank 4."""

    def show(record: Record, options: Options) -> str:
        value = record.get(key)
        text = cell_text(value, options)
        rises = isinstance(value, (int, Decimal)) and not isinstance(value, bool) and value > 0
        return "+" + text if rises else text

    return show


_POINT = re.compile(r"(?<=\d)\.(?=\d)")


def _commas(text: str, comma: bool) -> str:
    return _POINT.sub(",", text) if comma else text


def comma_text(key: str) -> Callable[[Record, Options], str]:
    """A text holding numbers (``rank ≤ 62 took between 82.9547 and 90.02``) with the decimal
    comma where the document prints it; JSON and CSV keep the point."""

    def show(record: Record, options: Options) -> str:
        return _commas(cell_text(record.get(key), options), options.decimal_comma)

    return show


LEVEL_WORDS: Mapping[str, str] = {
    "index": N_("index"),
    "field": N_("field"),
    "part": N_("part"),
    "indicator": N_("indicator"),
}
"""The level of a criterion as a reader sees it; JSON and CSV keep the stable key."""
KIND_WORDS: Mapping[str, str] = {
    "score": N_("score"),
    "rank": N_("rank"),
    "group": N_("group"),
    "improve": N_("improve"),
}
ASPECT_WORDS: Mapping[str, str] = {"score": N_("score"), "rank": N_("rank")}


def _word_of(key: str, words: Mapping[str, str]) -> Callable[[Record, Options], str]:
    """A stable key (``field``, ``improve``) shown as the word of the reader's language."""

    def show(record: Record, options: Options) -> str:
        value = record.get(key)
        if isinstance(value, str) and value in words:
            return tr(options.lang, words[value])
        return cell_text(value, options)

    return show


_level_text = _word_of("level", LEVEL_WORDS)


def keyed(*columns: Column) -> dict[str, Column]:
    """A command's columns by key, in order: ``--columns`` names them, the default sets pick them."""
    return {column.key: column for column in columns}


# Columns that mean the same in gap, check and trend: each is defined once.
ID = titled("id", N_("ID"))
INDEX = titled("index", N_("Index"))
NAME = titled("name", N_("Name"))
OWNERS = titled("owners", N_("Responsible"))
COMPARISON = titled("comparison", N_("Comparison"))


GAP_COLUMNS = keyed(
    ID,
    INDEX,
    titled("level", N_("Level"), show=_level_text),
    NAME,
    titled("rank", N_("Rank"), numeric=True),
    titled("score", N_("Score"), numeric=True),
    titled("max", N_("Max"), numeric=True),
    titled("headroom", N_("Headroom"), numeric=True),
    titled("headroom_pct", N_("Headroom %"), numeric=True),
    titled("increase", N_("Increase"), numeric=True, show=signed("increase")),
    COMPARISON,
    titled("target", N_("Target"), numeric=True, show=_target_text),
    titled("projected", N_("Projected"), numeric=True),
    titled("ambition", N_("Ambition %"), numeric=True),
    OWNERS,
    titled("national_average", N_("National avg"), numeric=True),
    titled("vs_average", N_("vs avg"), numeric=True, show=signed("vs_average")),
    titled("best", N_("Best"), numeric=True),
    titled("best_province", N_("Best province")),
    titled("vs_best", N_("vs best"), numeric=True, show=signed("vs_best")),
    titled("median", N_("Median"), numeric=True),
    titled("vs_median", N_("vs median"), numeric=True, show=signed("vs_median")),
    titled("group", N_("Group")),
    titled("rank_target", N_("Rank target"), numeric=True),
    titled("rank_score", N_("Score for rank"), numeric=True),
    titled("group_target", N_("Group aimed at")),
    titled("group_min", N_("Score for group"), numeric=True),
    titled("takes", N_("What it takes"), show=comma_text("takes")),
)
GAP_DEFAULT = ("id", "name", "rank", "score", "headroom", "increase", "target", "projected")
MEDIAN_KEYS = ("median", "vs_median")
"""Shown only where a plan has ``median`` references (a unit's own plan): a plan without them
keeps its columns as they were."""
GAP_ALL = tuple(key for key in GAP_COLUMNS if key not in MEDIAN_KEYS)


def with_median(columns: tuple[Column, ...], rows: Sequence[Row]) -> tuple[Column, ...]:
    """The command's own column set with the median columns added where a row has a median:
    beside the score in the compact set, after the other references in the full one. Columns
    asked for by name are kept as asked."""
    keys = tuple(column.key for column in columns)
    if keys not in (GAP_DEFAULT, GAP_ALL) or not any(row.median is not None for row in rows):
        return columns
    after = keys.index("score" if keys == GAP_DEFAULT else "vs_best") + 1
    added = tuple(GAP_COLUMNS[key] for key in MEDIAN_KEYS)
    return (*columns[:after], *added, *columns[after:])


INDEX_TITLES: dict[str, str] = {
    KPI: N_("Other commitments of the plan"),
}


NOTHING = N_("No criteria match.")
"""Said instead of printing nothing when filters (or unknown values) leave no row."""


def owner_names(owners: Sequence[str], bodies: Mapping[str, Body], lang: Lang) -> str:
    names = []
    for owner in owners:
        body = bodies.get(owner)
        names.append(name_in(lang, body.name, body.name_en) if body else owner)
    return "; ".join(names)


def takes_text(takes: Takes, lang: Lang, *, only: str | None = None) -> str | None:
    """What a rank or group target would have taken, in words; "not known" without a table.
    ``only`` (``"rank"`` or ``"group"``) keeps the one part a row of that kind is about."""
    parts = []
    if takes.rank_wanted is not None and only in (None, "rank"):
        parts.append(_rank_takes_text(takes, takes.rank_wanted, lang))
    if takes.group_target is not None and takes.group_min is not None and only in (None, "group"):
        group = takes.group_target
        named, unnamed = tr(lang, "{group} takes ≥ {min}"), tr(lang, "group {group} takes ≥ {min}")
        words = named if _named_group(group) else unnamed
        parts.append(words.format(group=group, min=fmt(takes.group_min)))
    return "; ".join(parts) or None


def _rank_takes_text(takes: Takes, wanted: int, lang: Lang) -> str:
    top = tr(lang, "rank ≤ {rank}").format(rank=wanted)
    league = takes.league
    if league is None:
        return tr(lang, "{top}: score needed not known (no table of other provinces)").format(top=top)
    if league.partial:
        return _partial_text(takes, top, league.year, lang)
    if takes.rank_score is None:
        return tr(lang, "{top}: not known (the {year} table lists fewer than {wanted} others)").format(
            top=top, year=league.year, wanted=wanted
        )
    made_up = tr(lang, ", synthetic") if league.synthetic else ""
    return tr(lang, "{top} took {score} ({year} table{synthetic})").format(
        top=top, score=fmt(takes.rank_score), year=league.year, synthetic=made_up
    )


def _partial_text(takes: Takes, top: str, year: int, lang: Lang) -> str:
    """A partial table's bounds in words: never a number between them."""
    low, high = takes.rank_low, takes.rank_high
    if low is not None and high is not None and low == high:
        words = tr(lang, "{top} took {low} (partial {year} table)")
    elif low is not None and high is not None:
        words = tr(lang, "{top} took between {low} and {high} (partial {year} table)")
    elif high is not None:
        words = tr(lang, "{top} took at most {high}, lower bound not published (partial {year} table)")
    elif low is not None:
        words = tr(lang, "{top} took at least {low}, upper bound not published (partial {year} table)")
    else:
        words = tr(lang, "{top}: not published (partial {year} table)")
    shown = {"low": fmt(low) if low is not None else "", "high": fmt(high) if high is not None else ""}
    return words.format(top=top, year=year, **shown)


def partial_notes(takes: Iterable[Takes], names: Mapping[str, str], lang: Lang) -> list[str]:
    """One note per partial table a "What it takes" cell read: partial, and its sources."""
    notes = []
    for what in takes:
        league = what.league
        if league is None or not league.partial or what.rank_wanted is None:
            continue
        notes.append(
            tr(
                lang,
                "{index} {year}: a partial table (only the provinces news reports name, with their"
                " published ranks); the range is what its published neighbours bound. Sources: {source}",
            ).format(
                index=names.get(league.id, league.id),
                year=league.year,
                source=name_in(lang, league.source, league.source_en),
            )
        )
    return notes


def _named_group(group: str | None) -> bool:
    """A group whose name already says it is one (``Nhóm A``, ``Group 2``): not ``nhóm Nhóm A``."""
    return (group or "").split(" ", 1)[0].lower() in ("nhóm", "group")


def gap_record(
    row: Row, bodies: Mapping[str, Body], lang: Lang, takes: Mapping[str, Takes] | None = None
) -> dict[str, Cell]:
    what = (takes or {}).get(row.id)
    return {
        "id": row.id,
        "index": row.index,
        "level": row.level,
        "name": name_in(lang, row.name, row.name_en),
        "rank": rank_text(row.rank),
        "score": row.score,
        "max": row.max,
        "headroom": row.headroom,
        "headroom_pct": row.headroom_pct,
        "increase": row.increase,
        "comparison": row.comparison,
        "target": row.target,
        "projected": row.projected,
        "ambition": row.ambition,
        "owners": owner_names(row.owners, bodies, lang) or None,
        "national_average": row.national_average,
        "vs_average": row.vs_average,
        "best": row.best,
        "best_province": row.best_province,
        "vs_best": row.vs_best,
        "median": row.median,
        "vs_median": row.vs_median,
        "group": what.group if what else None,
        "rank_target": what.rank_target if what else None,
        "rank_score": what.rank_score if what else None,
        "group_target": what.group_target if what else None,
        "group_min": what.group_min if what else None,
        "takes": takes_text(what, lang) if what else None,
    }


def index_titles(baseline: Baseline, lang: Lang) -> dict[str, str]:
    titles = {}
    for index in baseline.indices:
        name = name_in(lang, index.name, index.name_en)
        titles[index.id] = f"{index.short_name} — {name}" if index.short_name else name
    titles[KPI] = tr(lang, INDEX_TITLES[KPI])
    return titles


def choose_columns(registry: Mapping[str, Column], wanted: Sequence[str]) -> tuple[Column, ...]:
    """Columns by key, in the order asked; unknown keys raise ``KeyError`` naming them."""
    unknown = [key for key in wanted if key not in registry]
    if unknown:
        raise KeyError(", ".join(unknown))
    return tuple(registry[key] for key in wanted)


def _sheets(
    records: Sequence[tuple[str, Record]], columns: tuple[Column, ...], titles: Mapping[str, str]
) -> tuple[Sheet, ...]:
    groups: dict[str, list[Record]] = {}
    for index, record in records:
        groups.setdefault(index, []).append(record)
    return tuple(
        Sheet(key=index, title=titles.get(index, index), columns=columns, rows=tuple(rows))
        for index, rows in groups.items()
    )


def plan_order(records: Sequence[tuple[str, Record]], baseline: Baseline) -> list[tuple[str, Record]]:
    """Records by the plan's order of indices (the baseline's, then its other commitments), as
    ``gap`` shows them; within an index they keep their own order."""
    order = {index.id: n for n, index in enumerate(baseline.indices)}
    return sorted(records, key=lambda item: order.get(item[0], len(order)))


def plan_meta(baseline: Baseline, targets: Targets) -> dict[str, object]:
    return {"province": baseline.province, "baseline_year": baseline.year, "target_year": targets.year}


def gap_report(
    rows: Sequence[Row],
    baseline: Baseline,
    targets: Targets,
    columns: tuple[Column, ...],
    lang: Lang,
    takes: Mapping[str, Takes] | None = None,
) -> Tables:
    bodies = targets.bodies_by_id
    titles = index_titles(baseline, lang)
    records = [(row.index, gap_record(row, bodies, lang, takes)) for row in rows]
    shown = [(takes or {})[r.id] for r in rows if r.id in (takes or {})]
    names = {r.id: name_in(lang, r.name, r.name_en) for r in rows}
    names.update((i.id, i.short_name) for i in baseline.indices if i.short_name)
    notes = partial_notes(shown, names, lang) if any(c.key == "takes" for c in columns) else []
    return Tables(
        "gap",
        _sheets(records, with_median(columns, rows), titles),
        summary="\n".join(notes) or None if records else tr(lang, NOTHING),
        meta=plan_meta(baseline, targets),
    )


BY_LABELS = {
    "headroom": N_("headroom"),
    "headroom-pct": N_("headroom %"),
    "increase": N_("planned increase"),
    "rank": N_("rank"),
    "ambition": N_("ambition"),
}

RANK_EXTRA = {
    "position": titled("position", N_("#"), numeric=True),
    "value": titled("value", N_("Value"), numeric=True),
}


def rank_report(
    ranked: Sequence[Ranked],
    baseline: Baseline,
    targets: Targets,
    columns: tuple[Column, ...],
    lang: Lang,
    by: str,
    across: bool,
) -> Tables:
    bodies = targets.bodies_by_id
    titles = index_titles(baseline, lang)
    label = tr(lang, "ranked by")
    by_label = tr(lang, BY_LABELS[by]) if by in BY_LABELS else by
    records = []
    for item in ranked:
        record = {"position": item.position, **gap_record(item.row, bodies, lang)}
        group = "*" if across else item.row.index
        records.append((group, record))
    all_titles = {k: f"{v} ({label} {by_label})" for k, v in titles.items()}
    all_titles["*"] = tr(lang, "All indices") + f" ({label} {by_label})"
    shown = with_median(columns, [item.row for item in ranked])
    sheets = _sheets(records, (RANK_EXTRA["position"], *shown), all_titles)
    return Tables(
        "rank",
        sheets,
        summary=None if records else tr(lang, NOTHING),
        meta={**plan_meta(baseline, targets), "by": by, "across": across},
    )


# --- check ------------------------------------------------------------------------------

STATUS_TEXT: dict[str, str] = {
    "met": N_("met"),
    "missed": N_("missed"),
    "no-data": N_("no data"),
}


PROGRESS_TEXT: dict[str, str] = {
    "achieved": N_("achieved"),
    "on-track": N_("on track"),
    "acceleration-needed": N_("acceleration needed"),
    "limited": N_("limited progress"),
    "deterioration": N_("deterioration"),
}
"""Open SDG's five verdicts (docs/progress.md), in both languages."""


def _check_target_text(record: Record, options: Options) -> str:
    """A score target as today (``> 9.4``); an index-level kind as its goal in words."""
    goal = record.get("goal")
    return goal if isinstance(goal, str) else _target_text(record, options)


NOTE_MARK = "(*)"
"""Marks a short cell whose explanation is in the notes under the table."""


def _rank_change_text(record: Record, options: Options) -> str:
    """A short cell, ``+14`` or ``—``; a rank with a note gets :data:`NOTE_MARK`, the note
    itself goes under the table (:func:`rank_notes`), so the column stays narrow."""
    change = record.get("rank_change")
    text = f"+{change}" if isinstance(change, int) and change > 0 else cell_text(change, options)
    return f"{text} {NOTE_MARK}" if isinstance(record.get("rank_note"), str) else text


def rank_notes(records: Sequence[Record], lang: Lang, key: str = "id", *, comma: bool = False) -> list[str]:
    """The notes the rank cells point to: ``(*) par.1 (rank): /34 ≠ /63``, one line each; the
    row named by its ``key`` column (the id, or an index's short name). With ``comma``, the
    note's numbers (rank shares) print with the decimal comma; the name is left as it is."""
    label = tr(lang, "rank")
    return [
        f"{NOTE_MARK} {record.get(key)} ({label}): {_commas(note, comma)}"
        for record in records
        if isinstance(note := record.get("rank_note"), str)
    ]


CHECK_COLUMNS = keyed(
    ID,
    INDEX,
    NAME,
    titled("baseline", N_("Baseline"), numeric=True),
    COMPARISON,
    titled("target", N_("Target"), numeric=True, show=_check_target_text),
    titled("score", N_("Result"), numeric=True),
    titled("status", N_("Status"), show=_word_of("status", STATUS_TEXT)),
    titled("progress", N_("Progress"), show=_word_of("progress", PROGRESS_TEXT)),
    titled("shortfall", N_("Shortfall"), numeric=True),
    titled("rank_before", N_("Rank before"), numeric=True),
    titled("rank", N_("Rank after"), numeric=True),
    titled("rank_change", N_("± rank"), numeric=True, show=_rank_change_text),
    titled("rank_note", N_("Rank note"), show=comma_text("rank_note")),
    OWNERS,
    titled("kind", N_("Kind"), show=_word_of("kind", KIND_WORDS)),
    titled("aspect", N_("Aspect"), show=_word_of("aspect", ASPECT_WORDS)),
    titled("goal", N_("Goal")),
    titled("year", N_("Target year"), numeric=True),
    titled("rank_target", N_("Rank target"), numeric=True),
    titled("rank_base", N_("Assumed base"), numeric=True),
    titled("share_before", N_("Share before"), numeric=True, show=share_text("share_before")),
    titled("share", N_("Share after"), numeric=True, show=share_text("share")),
    titled("group_target", N_("Group target")),
    titled("group_before", N_("Group before")),
    titled("group", N_("Group after")),
)
CHECK_DEFAULT = ("id", "name", "target", "score", "status", "shortfall", "rank_before", "rank", "rank_change")


def goal_text(
    kind: str,
    aspect: str | None,
    baseline_year: int,
    lang: Lang,
    *,
    rank_target: int | None = None,
    rank_base: int | None = None,
    group: str | None = None,
) -> str | None:
    """An index-level target in words: ``hạng ≤ 10``, ``nhóm A``, ``tăng điểm so với 2024``;
    None for a score target, which shows as today (``> 9.4``)."""
    if kind == "rank":
        base = f"/{rank_base}" if rank_base is not None else ""
        return tr(lang, "rank ≤ {rank}").format(rank=f"{rank_target}{base}")
    if kind == "group":
        named, unnamed = tr(lang, "{group} or higher"), tr(lang, "group {group} or higher")
        words = named if _named_group(group) else unnamed
        return words.format(group=group)
    if kind == "improve" and aspect == "score":
        return tr(lang, "score up on {year}").format(year=baseline_year)
    if kind == "improve":
        return tr(lang, "rank up on {year}").format(year=baseline_year)
    return None


def headline_rank_note(check: Check, lang: Lang) -> str | None:
    """Why a rank was judged the way it was: the plan's assumed base, a base that changed."""
    notes = []
    after = check.rank_after
    if check.kind == "rank" and check.rank_base is not None and after is not None:
        actual = after.base
        if actual != check.rank_base:
            notes.append(
                tr(lang, "the plan assumed /{base}; judged out of /{actual}").format(
                    base=check.rank_base, actual=actual
                )
            )
    ranked = check.kind == "rank" or check.aspect == "rank"
    if ranked and check.base_changed and check.share_before is not None and check.share_after is not None:
        # four places, as every share prints (1.0000, not 1); the comma is the document's
        shares = (check.share_before, check.share_after)
        before, now = (f"{share.quantize(SHARE_PLACES):f}" for share in shares)
        notes.append(
            tr(lang, "base changed: shares {before} → {now} compared").format(before=before, now=now)
        )
    return "; ".join(notes) or None


def check_record(
    check: Check, bodies: Mapping[str, Body], lang: Lang, baseline_year: int = 0
) -> dict[str, Cell]:
    headline = check.kind != "score"
    return {
        "id": check.id,
        "index": check.index,
        "name": name_in(lang, check.name, check.name_en),
        "baseline": check.baseline,
        "comparison": check.comparison,
        "target": check.target,
        "score": check.actual,
        "status": check.status,
        "shortfall": check.shortfall,
        "rank_before": rank_text(check.rank_before),
        "rank": rank_text(check.rank_after),
        "rank_change": check.rank_change,
        "rank_note": headline_rank_note(check, lang) if headline else check.rank_note,
        "owners": owner_names(check.owners, bodies, lang) or None,
        "progress": check.progress,
        "kind": check.kind,
        "aspect": check.aspect,
        "goal": goal_text(
            check.kind,
            check.aspect,
            baseline_year,
            lang,
            rank_target=check.rank_target,
            rank_base=check.rank_base,
            group=check.group_target,
        ),
        "year": check.year,
        "rank_target": check.rank_target,
        "rank_base": check.rank_base,
        "share_before": check.share_before,
        "share": check.share_after,
        "group_target": check.group_target,
        "group_before": check.group_before,
        "group": check.group_after,
    }


def summary_line(counts: Mapping[Status, int], lang: Lang = "vi") -> str:
    """``11 met, 7 missed, 3 no-data``: the verdict of ``check`` in a line."""
    return msg("check-summary", met=counts["met"], missed=counts["missed"], nodata=counts["no-data"]).text(
        lang
    )


def check_report(
    checks: Sequence[Check],
    baseline: Baseline,
    targets: Targets,
    results: Baseline,
    columns: tuple[Column, ...],
    lang: Lang,
    *,
    decimal_comma: bool = False,
) -> Tables:
    bodies = targets.bodies_by_id
    titles = index_titles(baseline, lang)
    records = plan_order([(c.index, check_record(c, bodies, lang, baseline.year)) for c in checks], baseline)
    counts = check_summary(checks)
    meta = {**plan_meta(baseline, targets), "results_year": results.year, "summary": dict(counts)}
    shown = {c.key for c in columns}
    notes = (
        rank_notes([r for _, r in records], lang, comma=decimal_comma)
        if "rank_change" in shown and "rank_note" not in shown
        else []
    )
    summary = "\n".join([summary_line(counts, lang), *notes])
    return Tables("check", _sheets(records, columns, titles), summary=summary, meta=meta)


# --- trend ------------------------------------------------------------------------------

MOVED_TEXT: dict[str, str] = {
    "up": N_("up"),
    "down": N_("down"),
    "same": N_("same"),
}


def _moved_text(record: Record, options: Options) -> str:
    text = _word_of("moved", MOVED_TEXT)(record, options)
    if record.get("base_changed"):
        text += tr(options.lang, " (base changed)")
    return text


TREND_COLUMNS = keyed(
    ID,
    INDEX,
    NAME,
    titled("year", N_("Year"), numeric=True),
    titled("score", N_("Score"), numeric=True),
    titled("score_change", N_("± score"), numeric=True, show=signed("score_change")),
    titled("rank", N_("Rank"), numeric=True),
    titled("share", N_("Rank share"), numeric=True, show=share_text("share")),
    titled("rank_change", N_("± rank"), numeric=True, show=signed("rank_change")),
    titled("moved", N_("Rank moved"), show=_moved_text),
    titled("base_changed", N_("Base changed")),
    titled("group", N_("Group")),
)
TREND_DEFAULT = (
    "id",
    "name",
    "year",
    "score",
    "score_change",
    "rank",
    "share",
    "rank_change",
    "moved",
    "group",
)


def trend_record(point: Point, lang: Lang) -> dict[str, Cell]:
    return {
        "id": point.id,
        "index": point.index,
        "name": name_in(lang, point.name, point.name_en),
        "year": point.year,
        "score": point.score,
        "score_change": point.score_change,
        "rank": rank_text(point.rank),
        "share": point.share,
        "rank_change": point.rank_change,
        "moved": point.moved,
        "base_changed": point.base_changed,
        "group": point.group,
    }


def trend_report(
    points: Sequence[Point],
    baseline: Baseline,
    targets: Targets,
    columns: tuple[Column, ...],
    lang: Lang,
    results: Baseline | None = None,
) -> Tables:
    """Every index (and criterion with another year) year by year: one row per id and year."""
    titles = index_titles(baseline, lang)
    records = [(p.index, trend_record(p, lang)) for p in points]
    meta = {**plan_meta(baseline, targets), "results_year": results.year if results else None}
    return Tables(
        "trend", _sheets(records, columns, titles), summary=None if records else tr(lang, NOTHING), meta=meta
    )


# --- validate ---------------------------------------------------------------------------


def validation_report(plan_problems: Sequence[Problem], lang: Lang = "vi") -> Findings:
    """The problems of a plan's files, each at its place with its rule code, and the verdict."""
    errors = sum(p.severity == "error" for p in plan_problems)
    warnings = len(plan_problems) - errors
    valid = errors == 0
    summary = msg(
        "valid-summary",
        verdict=msg("valid" if valid else "invalid"),
        errors=errors,
        warnings=warnings,
        eplural="s" if errors != 1 else "",
        wplural="s" if warnings != 1 else "",
    ).text(lang)
    rows = tuple(
        {
            "file": shown_path(p.file),
            "line": p.line,
            "column": p.column,
            "id": p.id,
            "code": p.code,
            "severity": p.severity,
            "message": p.text(lang),
        }
        for p in plan_problems
    )
    columns = tuple(
        titled(
            key,
            PROBLEM_HEADERS[key],
            numeric=key in ("line", "column"),
            show=_severity if key == "severity" else None,
        )
        for key in PROBLEM_KEYS
    )
    return Findings(
        command="validate",
        sheet=Sheet("problems", tr(lang, "Problems"), columns, rows),
        lines=tuple(p.format(lang) for p in plan_problems),
        valid=valid,
        summary=summary,
        annotations=problem_annotations(plan_problems, lang),
    )


def _severity(record: Record, options: Options) -> str:
    """A problem's severity as the reader's word ("cảnh báo"); JSON, CSV and Excel keep the key."""
    value = record.get("severity")
    if value == "error":
        return severity_word("error", options.lang)
    if value == "warning":
        return severity_word("warning", options.lang)
    return cell_text(value, options)


PROBLEM_KEYS = ("file", "line", "column", "id", "code", "severity", "message")
"""The fields of a problem in JSON, CSV and the API's ``findings`` table."""
PROBLEM_HEADERS: Mapping[str, str] = {
    "file": N_("File"),
    "line": N_("Line"),
    "column": N_("Column"),
    "id": N_("ID"),
    "code": N_("Code"),
    "severity": N_("Severity"),
    "message": N_("Message"),
}
"""Their headers for people (Markdown, text, Excel); JSON and CSV keep the keys."""
