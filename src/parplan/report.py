"""The Markdown report for the People's Committee: one document from the plan's analysis.

Built from the same rows, rankings and findings as the other commands, so the report
never says something `gap`, `rank` or `validate` would not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from parplan.compute import KPI, Check, Ranked, Row, check_summary, percent, rank_rows
from parplan.loading import Problem
from parplan.models import Baseline, Targets
from parplan.render import Column, Lang, Options, Record, markdown_table, md_escape
from parplan.views import (
    CHECK_COLUMNS,
    GAP_COLUMNS,
    check_record,
    gap_record,
    index_titles,
    owner_names,
    summary_line,
)

TOP = 5
"""Criteria per index in the report's ranking: the few that decide the next rank."""


def _t(lang: Lang, vi: str, en: str) -> str:
    return vi if lang == "vi" else en


@dataclass(frozen=True)
class ReportInput:
    """Everything the report shows, already computed."""

    baseline: Baseline
    targets: Targets
    rows: Sequence[Row]
    problems: Sequence[Problem]
    checks: Sequence[Check] | None = None
    results: Baseline | None = None


def _history_rank(baseline: Baseline, ident: str) -> str | None:
    years = sorted((h for h in baseline.history if h.id == ident and h.rank), key=lambda h: h.year)
    return years[-1].rank if years else None


def _totals(data: ReportInput, options: Options) -> str:
    prior = max((h.year for h in data.baseline.history), default=None)
    columns = (
        Column("index", "Chỉ số", "Index"),
        Column("score", "Điểm", "Score", numeric=True),
        Column("max", "Tối đa", "Max", numeric=True),
        Column("share", "% tối đa", "% of max", numeric=True),
        Column("national_average", "TB cả nước", "National avg", numeric=True),
        Column("vs_average", "So với TB", "vs avg", numeric=True),
        Column("best", "Cao nhất", "Best", numeric=True),
        Column("rank", f"Hạng {data.baseline.year}", f"Rank {data.baseline.year}", numeric=True),
        Column(
            "prior",
            f"Hạng {prior}" if prior else "Hạng trước",
            f"Rank {prior}" if prior else "Rank before",
            numeric=True,
        ),
    )
    short = {i.id: i.short_name or i.id for i in data.baseline.indices}
    records: list[Record] = []
    for row in data.rows:
        if row.level != "index":
            continue
        best = row.best
        records.append(
            {
                "index": short.get(row.id, row.id),
                "score": row.score,
                "max": row.max,
                "share": percent(row.score, row.max) if row.score is not None and row.max else None,
                "national_average": row.national_average,
                "vs_average": row.vs_average,
                "best": f"{options.number(best)} ({row.best_province})"
                if best is not None and row.best_province
                else best,
                "rank": row.rank,
                "prior": _history_rank(data.baseline, row.id),
            }
        )
    return markdown_table(columns, records, options)


def _ranking(data: ReportInput, options: Options) -> list[str]:
    lang = options.lang
    titles = index_titles(data.baseline, lang)
    bodies = data.targets.bodies_by_id
    keys = ("id", "name", "score", "max", "headroom", "increase", "target", "owners")
    columns = (Column("position", "#", "#", numeric=True), *(GAP_COLUMNS[k] for k in keys))
    ranked: list[Ranked] = rank_rows(data.rows, "headroom", top=TOP)
    parts = []
    for index in dict.fromkeys(r.row.index for r in ranked if r.row.index != KPI and r.value is not None):
        records = [
            {"position": r.position, **gap_record(r.row, bodies, lang)}
            for r in ranked
            if r.row.index == index and r.value is not None
        ]
        parts.append(f"### {md_escape(titles[index])}\n\n" + markdown_table(columns, records, options))
    return parts


def _findings(data: ReportInput, options: Options) -> str:
    lang = options.lang
    if not data.problems:
        return _t(lang, "Kế hoạch không có mâu thuẫn nội tại.", "The plan has no internal contradictions.")
    lines = []
    for p in data.problems:
        file = p.file.replace("\\", "/").rsplit("/", 1)[-1]
        place = f"{file}:{p.line}" if p.line is not None else file
        severity = _t(lang, "cảnh báo", "warning") if p.severity == "warning" else _t(lang, "lỗi", "error")
        lines.append(f"- **{md_escape(p.id or '')}** ({severity}, `{place}`): {md_escape(p.message)}")
    return "\n".join(lines)


def _by_body(data: ReportInput, options: Options) -> list[str]:
    lang = options.lang
    rows = {r.id: r for r in data.rows}
    columns = tuple(GAP_COLUMNS[k] for k in ("id", "name", "score", "increase", "target"))
    bodies = data.targets.bodies_by_id
    parts = []
    for body in data.targets.bodies:
        owned = [
            gap_record(rows[t.id], bodies, lang)
            for t in data.targets.targets
            if body.id in t.owners and t.id in rows and (t.target is not None or t.increase is not None)
        ]
        if not owned:
            continue
        name = body.name_en if lang == "en" and body.name_en else body.name
        parts.append(f"### {md_escape(name)}\n\n" + markdown_table(columns, owned, options))
    return parts


def _deadlines(data: ReportInput, options: Options) -> str:
    lang = options.lang
    bodies = data.targets.bodies_by_id
    if not data.targets.deadlines:
        return _t(lang, "Kế hoạch không nêu thời hạn.", "The plan sets no deadlines.")
    columns = (
        Column("date", "Thời hạn", "Deadline"),
        Column("task", "Nội dung", "Task"),
        Column("owners", "Cơ quan", "Responsible"),
    )
    records = [
        {
            "date": d.date.isoformat(),
            "task": d.task_en if lang == "en" and d.task_en else d.task,
            "owners": owner_names(d.owners, bodies, lang) or None,
        }
        for d in sorted(data.targets.deadlines, key=lambda d: d.date)
    ]
    return markdown_table(columns, records, options)


def _results(data: ReportInput, options: Options) -> str:
    assert data.checks is not None
    assert data.results is not None
    bodies = data.targets.bodies_by_id
    keys = ("id", "name", "target", "score", "status", "shortfall", "rank_before", "rank", "rank_change")
    columns: tuple[Column, ...] = tuple(CHECK_COLUMNS[k] for k in keys)
    records = [check_record(c, bodies, options.lang) for c in data.checks]
    return markdown_table(columns, records, options) + "\n\n" + summary_line(check_summary(data.checks))


REFERENCE_KINDS = {
    "national_average": ("trung bình cả nước", "national average"),
    "best_province": ("tỉnh cao nhất", "best province"),
}


def _references(data: ReportInput, options: Options) -> str:
    lines = []
    for ref in data.baseline.references:
        value = options.number(ref.value) + ("%" if ref.unit == "percent" else "")
        who = f", {ref.province}" if ref.province else ""
        kind = _t(options.lang, *REFERENCE_KINDS[ref.kind])
        lines.append(f"- `{ref.id}` {kind}{who}: {value} — {md_escape(ref.source)}")
    for fact in data.baseline.facts:
        lines.append(f"- `{fact.id}`: {md_escape(fact.text)} — {md_escape(fact.source)}")
    return "\n".join(lines)


def report_markdown(data: ReportInput, options: Options) -> str:
    """The whole report as GitHub-flavoured Markdown."""
    lang = options.lang
    base, plan = data.baseline, data.targets
    title = _t(
        lang,
        f"# Phân tích khoảng cách các chỉ số — {base.province}, kế hoạch năm {plan.year}",
        f"# Index gap analysis — {base.province}, {plan.year} plan",
    )
    sections = [title]
    if plan.title:
        sections.append(f"_{md_escape(plan.title)}_")
    goal = plan.goal_en if lang == "en" and plan.goal_en else plan.goal
    if goal:
        sections.append(_t(lang, "**Mục tiêu chung:** ", "**General goal:** ") + md_escape(goal))
    sections.append(
        _t(lang, f"## 1. Tổng điểm các chỉ số năm {base.year}", f"## 1. Index totals in {base.year}")
        + "\n\n"
        + _totals(data, options)
    )
    sections.append(
        _t(
            lang,
            f"## 2. Tiêu chí còn thiếu nhiều điểm nhất (tối đa {TOP} mỗi chỉ số)",
            f"## 2. Where the most points are lost (top {TOP} per index)",
        )
    )
    sections.extend(_ranking(data, options))
    sections.append(
        _t(lang, "## 3. Mâu thuẫn trong kế hoạch", "## 3. Inconsistencies in the plan")
        + "\n\n"
        + _findings(data, options)
    )
    sections.append(_t(lang, "## 4. Mục tiêu theo cơ quan chủ trì", "## 4. Targets by responsible body"))
    sections.extend(_by_body(data, options))
    sections.append(_t(lang, "## 5. Thời hạn", "## 5. Deadlines") + "\n\n" + _deadlines(data, options))
    number = 6
    if data.checks is not None and data.results is not None:
        sections.append(
            _t(
                lang,
                f"## {number}. Kết quả năm {data.results.year}",
                f"## {number}. Results {data.results.year}",
            )
            + "\n\n"
            + _results(data, options)
        )
        number += 1
    refs = _references(data, options)
    if refs:
        sections.append(
            _t(lang, f"## {number}. Số liệu tham chiếu công khai", f"## {number}. Public reference figures")
            + "\n\n"
            + _t(lang, "Không phải số liệu của kế hoạch.", "Not the plan's own numbers.")
            + "\n\n"
            + refs
        )
    return "\n\n".join(sections) + "\n"
