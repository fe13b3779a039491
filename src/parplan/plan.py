"""A plan's files loaded together and cross-checked: what every command (and the API) starts from.

Loading gathers the problems of every file before giving up, so one run names them all; the
findings of the rules are placed (file, line, column) here, once, for every output.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from parplan.compute import Finding, plan_findings
from parplan.loading import (
    DEFAULT_BASELINE,
    DEFAULT_TARGETS,
    Document,
    InputError,
    Problem,
    bundled,
    load,
)
from parplan.models import Baseline, Targets


@dataclass(frozen=True)
class Plan:
    """The loaded files of a plan, with their documents to place findings in."""

    baseline: Baseline
    targets: Targets
    results: Baseline | None
    documents: dict[str, Document]
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "warning")


def _located(finding: Finding, document: Document) -> Problem:
    problem = document.problem(finding.path, finding.message, finding.severity)
    if finding.id is not None and problem.id != finding.id:
        return Problem(
            problem.file, problem.line, problem.column, finding.id, problem.severity, problem.message
        )
    return problem


def bundled_display(name: str) -> str:
    """A bundled file as messages show it: relative to the working directory when inside it
    (``src/parplan/data/targets_2025.yaml`` in a checkout), else its full path."""
    path = bundled(name)
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def load_plan(baseline: Path | None, targets: Path | None, results: Path | None = None) -> Plan:
    """Load and cross-check the plan's files; problems of every file are gathered first."""
    sources: list[tuple[str, Path, str, type[Baseline] | type[Targets]]] = [
        (
            "baseline",
            baseline or bundled(DEFAULT_BASELINE),
            str(baseline or bundled_display(DEFAULT_BASELINE)),
            Baseline,
        ),
        (
            "targets",
            targets or bundled(DEFAULT_TARGETS),
            str(targets or bundled_display(DEFAULT_TARGETS)),
            Targets,
        ),
    ]
    if results is not None:
        sources.append(("results", results, str(results), Baseline))
    models: dict[str, Baseline | Targets] = {}
    documents: dict[str, Document] = {}
    problems: list[Problem] = []
    for role, path, display, model in sources:
        try:
            models[role], documents[role] = load(path, model, display=display)
        except InputError as error:
            problems.extend(error.problems)
    if problems:
        raise InputError(problems)
    base = models["baseline"]
    plan_targets = models["targets"]
    later = models.get("results")
    assert isinstance(base, Baseline)
    assert isinstance(plan_targets, Targets)
    assert later is None or isinstance(later, Baseline)
    findings = plan_findings(base, plan_targets, later)
    order = {source[0]: n for n, source in enumerate(sources)}
    located = [(order[f.role], _located(f, documents[f.role])) for f in findings]
    # In the order of the files, then of the lines, as a compiler lists them.
    located.sort(key=lambda item: (item[0], item[1].line or 0, item[1].column or 0))
    return Plan(base, plan_targets, later, documents, tuple(p for _, p in located))
