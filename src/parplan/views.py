"""Analysis results -> reports of tables: which columns, which labels, which order.

Kept apart from :mod:`parplan.render` (which only formats) and :mod:`parplan.analysis`
(which only computes), so that a new command is a new view and nothing else. Every view
returns a :data:`~parplan.document.Report`; the JSON rows, CSV, Excel and the notebook API's
tables are all read from it, so they cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal

from parplan.analysis import KPI, Check, Ranked, Row, Status, check_summary
from parplan.annotate import problem_annotations
from parplan.document import (
    Cell,
    Column,
    Findings,
    Lang,
    Options,
    Record,
    Sheet,
    Tables,
    cell_text,
    name_in,
    pick,
)
from parplan.models import Baseline, Body, Targets
from parplan.problems import Problem


def _target_text(record: Record, options: Options) -> str:
    target = record.get("target")
    if target is None:
        return cell_text(None, options)
    comparison = record.get("comparison") or ">="
    return f"{comparison} {cell_text(target, options)}"


def _signed(key: str) -> Callable[[Record, Options], str]:
    """Show a change with its sign: +0.3 reads as an increase, not a score."""

    def show(record: Record, options: Options) -> str:
        value = record.get(key)
        if isinstance(value, Decimal) and value > 0:
            return "+" + cell_text(value, options)
        return cell_text(value, options)

    return show


GAP_COLUMNS: dict[str, Column] = {
    c.key: c
    for c in (
        Column("id", "Mã", "ID"),
        Column("index", "Chỉ số", "Index"),
        Column("level", "Cấp", "Level"),
        Column("name", "Tên", "Name"),
        Column("rank", "Hạng", "Rank", numeric=True),
        Column("score", "Điểm", "Score", numeric=True),
        Column("max", "Tối đa", "Max", numeric=True),
        Column("headroom", "Còn thiếu", "Headroom", numeric=True),
        Column("headroom_pct", "Thiếu %", "Headroom %", numeric=True),
        Column("increase", "Tăng", "Increase", numeric=True, show=_signed("increase")),
        Column("comparison", "So sánh", "Comparison"),
        Column("target", "Mục tiêu", "Target", numeric=True, show=_target_text),
        Column("projected", "Dự kiến", "Projected", numeric=True),
        Column("ambition", "Tham vọng %", "Ambition %", numeric=True),
        Column("owners", "Cơ quan chủ trì", "Responsible"),
        Column("national_average", "TB cả nước", "National avg", numeric=True),
        Column("vs_average", "So với TB", "vs avg", numeric=True, show=_signed("vs_average")),
        Column("best", "Cao nhất", "Best", numeric=True),
        Column("best_province", "Tỉnh cao nhất", "Best province"),
        Column("vs_best", "So với cao nhất", "vs best", numeric=True, show=_signed("vs_best")),
    )
}
GAP_DEFAULT = ("id", "name", "rank", "score", "headroom", "increase", "target", "projected")
GAP_ALL = tuple(GAP_COLUMNS)

INDEX_TITLES: dict[str, tuple[str, str]] = {
    KPI: ("Chỉ tiêu khác của kế hoạch", "Other commitments of the plan"),
}


NOTHING: dict[Lang, str] = {
    "vi": "Không có tiêu chí nào phù hợp.",
    "en": "No criteria match.",
}
"""Said instead of printing nothing when filters (or unknown values) leave no row."""


def owner_names(owners: Sequence[str], bodies: Mapping[str, Body], lang: Lang) -> str:
    names = []
    for owner in owners:
        body = bodies.get(owner)
        names.append(name_in(lang, body.name, body.name_en) if body else owner)
    return "; ".join(names)


def gap_record(row: Row, bodies: Mapping[str, Body], lang: Lang) -> dict[str, Cell]:
    return {
        "id": row.id,
        "index": row.index,
        "level": row.level,
        "name": name_in(lang, row.name, row.name_en),
        "rank": row.rank,
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
    }


def index_titles(baseline: Baseline, lang: Lang) -> dict[str, str]:
    titles = {}
    for index in baseline.indices:
        name = name_in(lang, index.name, index.name_en)
        titles[index.id] = f"{index.short_name} — {name}" if index.short_name else name
    titles[KPI] = pick(lang, *INDEX_TITLES[KPI])
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


def plan_meta(baseline: Baseline, targets: Targets) -> dict[str, object]:
    return {"province": baseline.province, "baseline_year": baseline.year, "target_year": targets.year}


def gap_report(
    rows: Sequence[Row],
    baseline: Baseline,
    targets: Targets,
    columns: tuple[Column, ...],
    lang: Lang,
) -> Tables:
    bodies = targets.bodies_by_id
    titles = index_titles(baseline, lang)
    records = [(row.index, gap_record(row, bodies, lang)) for row in rows]
    return Tables(
        "gap",
        _sheets(records, columns, titles),
        summary=None if records else NOTHING[lang],
        meta=plan_meta(baseline, targets),
    )


BY_LABELS = {
    "headroom": ("điểm còn thiếu", "headroom"),
    "headroom-pct": ("% điểm còn thiếu", "headroom %"),
    "increase": ("mức tăng dự kiến", "planned increase"),
    "rank": ("thứ hạng", "rank"),
    "ambition": ("mức tham vọng", "ambition"),
}

RANK_EXTRA = {
    "position": Column("position", "#", "#", numeric=True),
    "value": Column("value", "Giá trị", "Value", numeric=True),
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
    label = pick(lang, "xếp theo", "ranked by")
    by_label = pick(lang, *BY_LABELS.get(by, (by, by)))
    records = []
    for item in ranked:
        record = {"position": item.position, **gap_record(item.row, bodies, lang)}
        group = "*" if across else item.row.index
        records.append((group, record))
    all_titles = {k: f"{v} ({label} {by_label})" for k, v in titles.items()}
    all_titles["*"] = pick(lang, "Tất cả chỉ số", "All indices") + f" ({label} {by_label})"
    sheets = _sheets(records, (RANK_EXTRA["position"], *columns), all_titles)
    return Tables(
        "rank",
        sheets,
        summary=None if records else NOTHING[lang],
        meta={**plan_meta(baseline, targets), "by": by, "across": across},
    )


# --- check ------------------------------------------------------------------------------

STATUS_TEXT: dict[str, tuple[str, str]] = {
    "met": ("đạt", "met"),
    "missed": ("không đạt", "missed"),
    "no-data": ("thiếu số liệu", "no data"),
}


def _status_text(record: Record, options: Options) -> str:
    status = str(record.get("status"))
    return pick(options.lang, *STATUS_TEXT.get(status, (status, status)))


def _rank_change_text(record: Record, options: Options) -> str:
    note = record.get("rank_note")
    if isinstance(note, str):
        return note
    change = record.get("rank_change")
    if isinstance(change, int) and change > 0:
        return f"+{change}"
    return cell_text(change, options)


CHECK_COLUMNS: dict[str, Column] = {
    c.key: c
    for c in (
        Column("id", "Mã", "ID"),
        Column("index", "Chỉ số", "Index"),
        Column("name", "Tên", "Name"),
        Column("baseline", "Điểm năm trước", "Baseline", numeric=True),
        Column("comparison", "So sánh", "Comparison"),
        Column("target", "Mục tiêu", "Target", numeric=True, show=_target_text),
        Column("score", "Kết quả", "Result", numeric=True),
        Column("status", "Đánh giá", "Status", show=_status_text),
        Column("shortfall", "Còn thiếu", "Shortfall", numeric=True),
        Column("rank_before", "Hạng trước", "Rank before", numeric=True),
        Column("rank", "Hạng sau", "Rank after", numeric=True),
        Column("rank_change", "± hạng", "± rank", numeric=True, show=_rank_change_text),
        Column("rank_note", "Ghi chú hạng", "Rank note"),
        Column("owners", "Cơ quan chủ trì", "Responsible"),
    )
}
CHECK_DEFAULT = ("id", "name", "target", "score", "status", "shortfall", "rank_before", "rank", "rank_change")


def check_record(check: Check, bodies: Mapping[str, Body], lang: Lang) -> dict[str, Cell]:
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
        "rank_before": check.rank_before,
        "rank": check.rank_after,
        "rank_change": check.rank_change,
        "rank_note": check.rank_note,
        "owners": owner_names(check.owners, bodies, lang) or None,
    }


def summary_line(counts: Mapping[Status, int]) -> str:
    return f"{counts['met']} met, {counts['missed']} missed, {counts['no-data']} no-data"


def check_report(
    checks: Sequence[Check],
    baseline: Baseline,
    targets: Targets,
    results: Baseline,
    columns: tuple[Column, ...],
    lang: Lang,
) -> Tables:
    bodies = targets.bodies_by_id
    titles = index_titles(baseline, lang)
    records = [(c.index, check_record(c, bodies, lang)) for c in checks]
    counts = check_summary(checks)
    meta = {**plan_meta(baseline, targets), "results_year": results.year, "summary": dict(counts)}
    return Tables("check", _sheets(records, columns, titles), summary=summary_line(counts), meta=meta)


# --- validate ---------------------------------------------------------------------------


def validation_report(plan_problems: Sequence[Problem], lang: Lang = "en") -> Findings:
    """The problems of a plan's files, each at its place with its rule code, and the verdict."""
    errors = sum(p.severity == "error" for p in plan_problems)
    warnings = len(plan_problems) - errors
    valid = errors == 0
    summary = (
        f"{'valid' if valid else 'invalid'}: {errors} error{'s' if errors != 1 else ''}, "
        f"{warnings} warning{'s' if warnings != 1 else ''}"
    )
    rows = tuple(
        {
            "file": p.file,
            "line": p.line,
            "column": p.column,
            "id": p.id,
            "code": p.code,
            "severity": p.severity,
            "message": p.text(lang),
        }
        for p in plan_problems
    )
    columns = tuple(Column(key, key, key, numeric=key in ("line", "column")) for key in PROBLEM_KEYS)
    return Findings(
        "validate",
        Sheet("problems", "Problems", columns, rows),
        lines=tuple(p.format(lang) for p in plan_problems),
        valid=valid,
        summary=summary,
        annotations=problem_annotations(plan_problems, lang),
    )


PROBLEM_KEYS = ("file", "line", "column", "id", "code", "severity", "message")
"""The fields of a problem in JSON, CSV and the API's ``findings`` table."""
