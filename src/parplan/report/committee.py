"""The report for the People's Committee, built once as a document from the plan's analysis.

Built from the same rows, rankings and findings as the other commands, so the report never
says something `gap`, `rank` or `validate` would not. It computes nothing: the plan object
hands it the analysis; Markdown, Word and HTML are renderers of the one
:class:`~parplan.vocab.document.Document` made here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from parplan.analysis.gaps import KPI, Check, Ranked, Row, Status, percent
from parplan.analysis.headline import Takes, share
from parplan.models.plan import Baseline, Targets, rank_text
from parplan.report.figures import index_bars
from parplan.report.form import short_date, state_form
from parplan.report.summary import index_sentences, targets_sentence
from parplan.report.views import (
    CHECK_COLUMNS,
    GAP_COLUMNS,
    MEDIAN_KEYS,
    check_record,
    gap_record,
    goal_text,
    index_titles,
    owner_names,
    partial_notes,
    rank_notes,
    summary_line,
    takes_text,
)
from parplan.vocab.document import (
    Block,
    Bullets,
    Cell,
    Column,
    Document,
    Figure,
    Heading,
    Inline,
    Lang,
    Options,
    Paragraph,
    Record,
    Span,
    Table,
    cell_text,
    name_in,
    plain,
    titled,
)
from parplan.vocab.i18n import N_, NC_, tr
from parplan.vocab.problems import Problem, severity_word

TOP = 5
"""Criteria per index in the report's ranking: the few that decide the next rank."""


@dataclass(frozen=True)
class ReportInput:
    """Everything the report shows, already computed by the plan object."""

    baseline: Baseline
    targets: Targets
    rows: Sequence[Row]
    ranked: Sequence[Ranked]
    """The criteria that lose the most points, :data:`TOP` per index."""
    problems: Sequence[Problem]
    checks: Sequence[Check] | None = None
    counts: Mapping[Status, int] | None = None
    results: Baseline | None = None
    takes: Mapping[str, Takes] = field(default_factory=dict)
    totals_after: Mapping[str, Decimal | None] = field(default_factory=dict)
    """Each index's total in the results, by the rule ``check`` judges it (never a partial sum)."""
    """What each index's rank or group target would have taken (``analysis.headline.what_it_takes``)."""


CRITERION = titled("criterion", NC_("report", "Criterion"))
"""A criterion as the People's Committee reads it: the plan's number and name, never its id."""


def criterion_label(ident: str, rows: Mapping[str, Row], lang: Lang) -> str:
    """``5 Cải cách chế độ công vụ``: the plan's number (where it gives one) and the name; a part
    without a number of its own is named under its field (``5 Cải cách chế độ công vụ:
    Điểm thực hiện``), since "Điểm thực hiện" alone names eight parts."""
    row = rows.get(ident)
    if row is None:
        return ident
    name = name_in(lang, row.name, row.name_en)
    if row.number:
        return f"{row.number} {name}"
    if row.level == "part" and row.parent is not None and row.parent in rows:
        return f"{criterion_label(row.parent, rows, lang)}: {name}"
    return name


def _rank_with_share(key: str) -> Callable[[Record, Options], str]:
    """``51/63 (0.8095)``: a rank always with its base, and its share of the field, the share
    printed as the document prints numbers (``0,8095`` with the decimal comma). The record
    carries the share beside the rank (``rank_before_share``), computed from the rank's value."""

    def show(record: Record, options: Options) -> str:
        rank = record.get(key)
        value = record.get(f"{key}_share")
        if not isinstance(value, Decimal):
            return cell_text(rank, options)
        shown = f"{value:f}"  # four places always: 1.0000 is the bottom of the field, not "1"
        return f"{rank} ({shown.replace('.', ',') if options.decimal_comma else shown})"

    return show


def _headline_totals(data: ReportInput) -> Table:
    """Each index's score and rank before and after (after only with results)."""
    before, after = data.baseline.year, data.results.year if data.results else None
    columns: list[Column] = [
        titled("index", N_("Index")),
        titled("score_before", N_("Score {year}"), numeric=True, values={"year": before}),
        titled(
            "rank_before", N_("Rank {year}"), True, _rank_with_share("rank_before"), values={"year": before}
        ),
    ]
    if after is not None:
        columns += [
            titled("score", N_("Score {year}"), numeric=True, values={"year": after}),
            titled("rank", N_("Rank {year}"), True, _rank_with_share("rank"), values={"year": after}),
        ]
    rows = {r.id: r for r in data.rows if r.level == "index"}
    later = {i.id: i for i in data.results.indices} if data.results else {}
    records: list[Record] = []
    for index in data.baseline.indices:
        row = rows.get(index.id)
        if row is None:
            continue
        record: dict[str, Cell] = {
            "index": index.short_name or index.id,
            "score_before": row.score,
            "rank_before": rank_text(row.rank),
            "rank_before_share": share(row.rank),
        }
        now = later.get(index.id)
        if after is not None:
            record["score"] = data.totals_after.get(index.id)
            record["rank"] = rank_text(now.rank if now else None)
            record["rank_share"] = share(now.rank if now else None)
        records.append(record)
    return Table(tuple(columns), tuple(records))


def _headline_targets(data: ReportInput, options: Options) -> list[Block]:
    """Each headline target (an index's score, rank, group or improvement), met or missed;
    without results, what each would have taken."""
    lang = options.lang
    indices = {i.id: i.short_name or i.id for i in data.baseline.indices}
    bodies = data.targets.bodies_by_id
    columns: tuple[Column, ...] = (
        titled("index", N_("Index")),
        CHECK_COLUMNS["target"],
        GAP_COLUMNS["takes"],
    )
    records: tuple[Record, ...]
    if data.checks is not None:
        columns = (*columns, CHECK_COLUMNS["status"], CHECK_COLUMNS["progress"], CHECK_COLUMNS["rank_change"])
        records = tuple(
            {
                **check_record(c, bodies, lang, data.baseline.year),
                "index": indices[c.id],
                "takes": _takes(data, c.id, c.kind, lang, c.aspect),
            }
            for c in data.checks
            if c.id in indices
        )
    else:
        records = tuple(_planned(data, lang, indices))
    if not records:
        return [Paragraph(plain(tr(lang, "The plan sets no index-level target.")))]
    shown = any(r.get("takes") for r in records)
    headline = [what for what in data.takes.values() if what.id in indices]
    notes = [Paragraph(plain(note)) for note in partial_notes(headline, indices, lang) if shown]
    return [Table(columns, records), *_notes(records, options, "index"), *notes]


def _notes(records: Sequence[Record], options: Options, key: str = "id") -> list[Block]:
    """The rank notes a table's short ``± rank`` cells point to, as a list under it."""
    notes = rank_notes(records, options.lang, key, comma=options.decimal_comma)
    return [Bullets(tuple(plain(note) for note in notes))] if notes else []


def _takes(data: ReportInput, ident: str, kind: str, lang: Lang, aspect: str | None = None) -> str | None:
    """A rank or group row's "what it takes"; an improve-rank row's is the rank one place up."""
    what = data.takes.get(ident)
    if what is None:
        return None
    if kind == "improve" and aspect == "rank" and what.rank_target is None:
        return takes_text(what, lang, only="rank")
    return takes_text(what, lang) if kind in ("rank", "group") else None


def _planned(data: ReportInput, lang: Lang, indices: Mapping[str, str]) -> list[Record]:
    """The headline targets as planned, when there are no results to judge them."""
    found: list[Record] = []
    for t in data.targets.targets:
        if t.id not in indices:
            continue
        kinds: list[tuple[str, str | None]] = []
        if t.target is not None:
            kinds.append(("score", None))
        kinds += [("rank", None)] if t.rank_target is not None else []
        kinds += [("group", None)] if t.group is not None else []
        kinds += [("improve", aspect) for aspect in dict.fromkeys(t.improve)]
        for kind, aspect in kinds:
            found.append(
                {
                    "index": indices[t.id],
                    "target": t.target,
                    "comparison": t.comparison,
                    "goal": goal_text(
                        kind,
                        aspect,
                        data.baseline.year,
                        lang,
                        rank_target=t.rank_target,
                        rank_base=t.rank_base,
                        group=t.group,
                    ),
                    "takes": _takes(data, t.id, kind, lang, aspect),
                }
            )
    return found


def _history_rank(baseline: Baseline, ident: str) -> str | None:
    years = sorted((h for h in baseline.history if h.id == ident and h.rank), key=lambda h: h.year)
    return rank_text(years[-1].rank) if years else None


def _best_text(record: Record, options: Options) -> str:
    """The best province's score with its name: ``96.17 (Hải Phòng)``."""
    best = record.get("best")
    province = record.get("best_province")
    text = cell_text(best, options)
    return f"{text} ({province})" if best is not None and province else text


def _totals(data: ReportInput) -> Table:
    prior = max((h.year for h in data.baseline.history), default=None)
    # The gap columns where the meaning is the same (vs_average keeps gap's sign); the index
    # shows its short name, and the best province its name beside the score.
    totals = [row for row in data.rows if row.level == "index"]
    medians = tuple(GAP_COLUMNS[k] for k in MEDIAN_KEYS) if any(r.median is not None for r in totals) else ()
    columns = (
        titled("index", N_("Index")),
        GAP_COLUMNS["score"],
        GAP_COLUMNS["max"],
        titled("share", N_("% of max"), numeric=True),
        GAP_COLUMNS["national_average"],
        GAP_COLUMNS["vs_average"],
        *medians,
        titled("best", N_("Best"), numeric=True, show=_best_text),
        titled("rank", N_("Rank {year}"), numeric=True, values={"year": data.baseline.year}),
        titled("prior", N_("Rank {year}"), numeric=True, values={"year": prior})
        if prior
        else titled("prior", N_("Rank before"), numeric=True),
    )
    short = {i.id: i.short_name or i.id for i in data.baseline.indices}
    records: list[Record] = [
        {
            "index": short.get(row.id, row.id),
            "score": row.score,
            "max": row.max,
            "share": percent(row.score, row.max) if row.score is not None and row.max else None,
            "national_average": row.national_average,
            "vs_average": row.vs_average,
            "median": row.median,
            "vs_median": row.vs_median,
            "best": row.best,
            "best_province": row.best_province,
            "rank": rank_text(row.rank),
            "prior": _history_rank(data.baseline, row.id),
        }
        for row in totals
    ]
    return Table(columns, tuple(records))


def _ranking(data: ReportInput, lang: Lang) -> list[Block]:
    titles = index_titles(data.baseline, lang)
    bodies = data.targets.bodies_by_id
    ranked = data.ranked
    median = ("median",) if any(r.row.median is not None for r in ranked) else ()
    keys = ("score", *median, "max", "headroom", "increase", "target", "owners")
    columns = (titled("position", N_("#"), numeric=True), CRITERION, *(GAP_COLUMNS[k] for k in keys))
    rows = {r.id: r for r in data.rows}
    blocks: list[Block] = []
    for index in dict.fromkeys(r.row.index for r in ranked if r.row.index != KPI and r.value is not None):
        records = tuple(
            {
                "position": r.position,
                **gap_record(r.row, bodies, lang),
                "criterion": criterion_label(r.row.id, rows, lang),
            }
            for r in ranked
            if r.row.index == index and r.value is not None
        )
        blocks.extend((Heading(3, titles[index]), Table(columns, records)))
        figure = _figure(data, index, titles[index], lang)
        if figure is not None:
            blocks.append(figure)
    return blocks


def _figure(data: ReportInput, index: str, title: str, lang: Lang) -> Figure | None:
    """The index's fields as a chart: score, target and maximum, for Word and HTML to draw."""
    caption = tr(lang, "{title}: score, target and maximum by field").format(title=title)
    return index_bars(data.rows, index, caption, lang)


def _findings(data: ReportInput, lang: Lang, comma: bool) -> list[Block]:
    """The plan's contradictions for the People's Committee: each by its criterion's name, the
    message, no file or line (those are in the appendix, :func:`_findings_appendix`)."""
    if not data.problems:
        return [Paragraph(plain(tr(lang, "The plan has no internal contradictions.")))]
    rows = {r.id: r for r in data.rows}
    names = {r.id: criterion_label(r.id, rows, lang) for r in data.rows}
    items: list[Inline] = []
    for p in data.problems:
        name = names.get(p.id or "", p.id or "")
        items.append((Span(name, "strong"), Span(": " + p.text(lang, comma=comma))))
    lead = tr(lang, "Where each one is in the plan's files: the appendix.")
    return [Bullets(tuple(items)), Paragraph(plain(lead))]


def _findings_appendix(data: ReportInput, lang: Lang, comma: bool) -> list[Block]:
    """The same problems for whoever fixes the files: id, severity, file and line."""
    if not data.problems:
        return []
    items: list[Inline] = []
    for p in data.problems:
        file = p.file.replace("\\", "/").rsplit("/", 1)[-1]
        place = f"{file}:{p.line}" if p.line is not None else file
        items.append(
            (
                Span(p.id or "", "strong"),
                Span(f" ({severity_word(p.severity, lang)}, "),
                Span(place, "code"),
                Span("): " + p.text(lang, comma=comma)),
            )
        )
    return [Heading(2, tr(lang, "Appendix: the plan's problems and where they are")), Bullets(tuple(items))]


def _by_body(data: ReportInput, lang: Lang) -> list[Block]:
    rows = {r.id: r for r in data.rows}
    columns = (CRITERION, *(GAP_COLUMNS[k] for k in ("score", "increase", "target")))
    bodies = data.targets.bodies_by_id
    blocks: list[Block] = []
    for body in data.targets.bodies:
        owned = tuple(
            {**gap_record(rows[t.id], bodies, lang), "criterion": criterion_label(t.id, rows, lang)}
            for t in data.targets.targets
            if body.id in t.owners and t.id in rows and (t.target is not None or t.increase is not None)
        )
        if owned:
            blocks.extend((Heading(3, name_in(lang, body.name, body.name_en)), Table(columns, owned)))
    return blocks


def _deadlines(data: ReportInput, lang: Lang) -> Block:
    bodies = data.targets.bodies_by_id
    if not data.targets.deadlines:
        return Paragraph(plain(tr(lang, "The plan sets no deadlines.")))
    columns = (
        titled("date", N_("Deadline")),
        titled("task", N_("Task")),
        titled("owners", NC_("deadlines", "Responsible")),
    )
    records = tuple(
        {
            "date": short_date(d.date, lang),
            "task": name_in(lang, d.task, d.task_en),
            "owners": owner_names(d.owners, bodies, lang) or None,
        }
        for d in sorted(data.targets.deadlines, key=lambda d: d.date)
    )
    return Table(columns, records)


def _results(data: ReportInput, options: Options) -> list[Block]:
    lang = options.lang
    assert data.checks is not None
    assert data.counts is not None
    bodies = data.targets.bodies_by_id
    keys = ("target", "score", "status", "shortfall", "rank_before", "rank", "rank_change")
    columns: tuple[Column, ...] = (CRITERION, *(CHECK_COLUMNS[k] for k in keys))
    rows = {r.id: r for r in data.rows}
    records = tuple(
        {**check_record(c, bodies, lang, data.baseline.year), "criterion": criterion_label(c.id, rows, lang)}
        for c in data.checks
    )
    return [
        Table(columns, records),
        *_notes(records, options, "criterion"),
        Paragraph(plain(summary_line(data.counts, lang))),
    ]


REFERENCE_KINDS = {
    "national_average": N_("national average"),
    "best_province": N_("best province"),
    "median": N_("median"),
}


def _references(data: ReportInput, options: Options) -> list[Inline]:
    """Each figure by the criterion it is of (its number and name, or the index's short name)."""
    rows = {r.id: r for r in data.rows}
    short = {i.id: i.short_name for i in data.baseline.indices if i.short_name}
    items: list[Inline] = []

    def named(ident: str) -> Span:
        return Span(short.get(ident) or criterion_label(ident, rows, options.lang), "strong")

    for ref in data.baseline.references:
        value = options.number(ref.value) + ("%" if ref.unit == "percent" else "")
        who = f", {ref.province}" if ref.province else ""
        kind = tr(options.lang, REFERENCE_KINDS[ref.kind])
        source = name_in(options.lang, ref.source, ref.source_en)
        items.append((named(ref.id), Span(f" — {kind}{who}: {value} — {source}")))
    for fact in data.baseline.facts:
        text = name_in(options.lang, fact.text, fact.text_en)
        source = name_in(options.lang, fact.source, fact.source_en)
        items.append((named(fact.id), Span(f": {text} — {source}")))
    return items


def _heading(lang: Lang, msgid: str, **values: object) -> Heading:
    return Heading(2, tr(lang, msgid).format(**values))


def _summary(data: ReportInput, options: Options) -> Paragraph:
    """The results in sentences, before the tables, as a Báo cáo opens."""
    names = {i.id: i.short_name or i.id for i in data.baseline.indices}
    sentences = index_sentences(data.baseline, data.rows, names, options)
    results_year = data.results.year if data.results is not None else None
    count = sum(
        1
        for t in data.targets.targets
        if t.target is not None or t.increase is not None or t.rank_target is not None or t.improve or t.group
    )
    sentences.append(targets_sentence(count, data.targets.year, data.counts, results_year, options))
    lead = Span(tr(options.lang, "Summary:"), "strong")
    return Paragraph((lead, Span(" " + " ".join(sentences))))


def build_report(data: ReportInput, lang: Lang, *, decimal_comma: bool = False) -> Document:
    """The whole report as a document: title, goal, then its numbered sections."""
    options = Options(lang=lang, decimal_comma=decimal_comma)
    base, plan = data.baseline, data.targets
    title = tr(lang, "Index gap analysis — {province}, {year} plan").format(
        province=base.province, year=plan.year
    )
    blocks: list[Block] = [Heading(1, title)]
    if plan.title:
        blocks.append(Paragraph((Span(plan.title, "emphasis"),)))
    goal = name_in(lang, plan.goal, plan.goal_en) if plan.goal else None
    if goal:
        blocks.append(Paragraph((Span(tr(lang, "General goal:"), "strong"), Span(" " + goal))))
    blocks.append(_summary(data, options))
    blocks.append(_heading(lang, N_("Headline: the indices and their targets")))
    blocks.append(_headline_totals(data))
    blocks.extend(_headline_targets(data, options))
    blocks.append(_heading(lang, N_("1. Index totals in {year}"), year=base.year))
    blocks.append(_totals(data))
    blocks.append(_heading(lang, N_("2. Where the most points are lost (top {top} per index)"), top=TOP))
    blocks.extend(_ranking(data, lang))
    blocks.append(_heading(lang, N_("3. Inconsistencies in the plan")))
    blocks.extend(_findings(data, lang, decimal_comma))
    blocks.append(_heading(lang, N_("4. Targets by responsible body")))
    blocks.extend(_by_body(data, lang))
    blocks.append(_heading(lang, N_("5. Deadlines")))
    blocks.append(_deadlines(data, lang))
    number = 6
    if data.checks is not None and data.results is not None:
        year = data.results.year
        blocks.append(_heading(lang, N_("{number}. Results {year}"), number=number, year=year))
        blocks.extend(_results(data, options))
        number += 1
    refs = _references(data, options)
    if refs:
        blocks.append(_heading(lang, N_("{number}. Public reference figures"), number=number))
        blocks.append(Paragraph(plain(tr(lang, "Not the plan's own numbers."))))
        blocks.append(Bullets(tuple(refs)))
    meta = {"province": base.province, "baseline_year": base.year, "target_year": plan.year}
    form = state_form(plan.document, base.province, title, lang)
    appendix = tuple(_findings_appendix(data, lang, decimal_comma))
    return Document("report", title, tuple(blocks), meta=meta, lang=lang, form=form, appendix=appendix)
