"""Findings placed in the plan's files, for CI annotations (``--format github``).

``validate`` already has a place for every problem. ``check`` judges targets, so its findings
are placed where a pull request changes them: the result's line in the results file, or the
target's line in the targets file when the results say nothing about it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from parplan.analysis.gaps import Check, Entry
from parplan.models.plan import Targets
from parplan.reading.yamlread import Parsed
from parplan.vocab.document import Annotation, AnnotationLevel, Lang, fmt
from parplan.vocab.i18n import tr
from parplan.vocab.problems import Problem


def problem_annotations(problems: Sequence[Problem], lang: Lang = "en") -> tuple[Annotation, ...]:
    """One annotation per problem, at its file, line and column, titled by its rule code."""
    return tuple(
        Annotation(
            level=problem.severity,
            message=f"{problem.id}: {problem.text(lang)}" if problem.id else problem.text(lang),
            file=problem.file,
            line=problem.line,
            column=problem.column,
            title=problem.code,
        )
        for problem in problems
    )


def _wanted(check: Check, lang: Lang) -> str:
    """The target as CI shows it: ``> 9.4``, ``rank <= 10``, ``group A``, ``improve rank``."""
    if check.kind == "rank":
        return tr(lang, "rank <= {rank}").format(rank=check.rank_target)
    if check.kind == "group":
        return tr(lang, "group {group}").format(group=check.group_target)
    if check.kind == "improve" and check.aspect == "score":
        return tr(lang, "improve score")
    if check.kind == "improve":
        return tr(lang, "improve rank")
    assert check.target is not None  # a score row has its target
    return f"{check.comparison} {fmt(check.target)}"


def _result(check: Check) -> str:
    if check.kind == "rank" or (check.kind == "improve" and check.aspect == "rank"):
        return str(check.rank_after) if check.rank_after is not None else "—"
    if check.kind == "group":
        return check.group_after or "—"
    return fmt(check.actual) if check.actual is not None else "—"


def check_annotations(
    checks: Sequence[Check],
    targets: Targets,
    result_entries: Sequence[Entry],
    documents: Mapping[str, Parsed],
    *,
    require_all: bool = False,
    lang: Lang = "en",
) -> tuple[Annotation, ...]:
    """An error for each missed target; a warning for each without data (an error under
    ``--require-all``, where it fails the check too). Met targets need no annotation."""
    in_results = {entry.id: entry.path for entry in result_entries}
    target_at = {target.id: k for k, target in enumerate(targets.targets)}
    annotations = []
    for check in checks:
        if check.status == "met":
            continue
        if check.id in in_results and "results" in documents:
            document = documents["results"]
            path: tuple[str | int, ...] = (*in_results[check.id], "score")
        else:
            document = documents["targets"]
            path = ("targets", target_at[check.id], "target")
        (line, column), _ = document.locate(path)
        wanted = _wanted(check, lang)
        if check.status == "missed":
            level: AnnotationLevel = "error"
            missed = tr(lang, "{id}: target {wanted} missed: result {result}")
            message = missed.format(id=check.id, wanted=wanted, result=_result(check))
        else:
            level = "error" if require_all else "warning"
            message = tr(lang, "{id}: target {wanted} has no result to check").format(
                id=check.id, wanted=wanted
            )
        annotations.append(Annotation(level, message, document.file, line, column))
    return tuple(annotations)
