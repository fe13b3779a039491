"""Reading a plan's files: each read and parsed (:mod:`parplan.reading.yamlread`), its kind
looked at, then validated (:mod:`parplan.reading.validation`) against its model, a short
results file expanded; and where the bundled files are.

The one loading pipeline: :func:`read_plan` reads a plan for the core
(:func:`parplan.core.api.load_plan`), :func:`load` one file by the same steps. Every unusable
file is an :class:`~parplan.vocab.problems.InputError` whose problems have their code and place
(every problem of every file, not only the first); nothing in a file is ever run.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import BaseModel

from parplan.models.plan import Baseline, Targets
from parplan.reading.shortresults import ShortResults, expand, is_short, short_parsed
from parplan.reading.validation import validate
from parplan.reading.yamlread import Parsed, parse_yaml, read_text
from parplan.vocab import rules
from parplan.vocab.paths import shown_path
from parplan.vocab.problems import Finding, InputError, Problem, file_problem, msg, quoted

M = TypeVar("M", bound=BaseModel)


def load(path: Path, model: type[M], *, display: str | None = None, pure: bool = False) -> tuple[M, Parsed]:
    """Read, parse and validate one file; ``display`` names it in problems (default: ``path``)."""
    parsed = parse(path, display if display is not None else shown_path(path), pure=pure)
    return validate(parsed, model), parsed


def parse(path: Path, display: str, *, pure: bool = False) -> Parsed:
    """Read and parse one file without validating it: its kind is looked at first.

    No position map yet: it is built only if a problem has to be placed in this file."""
    return parse_yaml(read_text(path, display), display, pure=pure, positions=False)


FileKind = Literal["baseline", "targets", "results"]


def file_kind(data: Any) -> FileKind | None:
    """What a file's top-level keys say it is, or None when they say nothing clear.

    Used only for the hint that files were given in each other's place: a targets file has
    ``baseline_year``, a baseline ``indices``, a short results file ``results``.
    """
    if not isinstance(data, dict):
        return None
    keys = set(data)
    if "indices" in keys and not keys & {"baseline_year", "targets", "bodies"}:
        return "baseline"
    if keys & {"baseline_year", "targets", "bodies", "deadlines"} and "indices" not in keys:
        return "targets"
    if is_short(data):
        return "results"
    return None


def bundled(name: str) -> Path:
    """A bundled data file: it ships inside the package so any directory works."""
    return Path(__file__).parents[1] / "data" / name


DEFAULT_BASELINE = "baseline_2024.yaml"
DEFAULT_TARGETS = "targets_2025.yaml"


PathLike = str | os.PathLike[str]
Role = Literal["baseline", "targets", "results"]


@dataclass(frozen=True)
class Source:
    """One file to read: its role in the plan, its path, the name messages show, its model."""

    role: Role
    path: Path
    display: str
    model: type[Baseline] | type[Targets]


def bundled_display(name: str) -> str:
    """A bundled file as messages show it: relative to the working directory when inside it
    (``src/parplan/data/targets_2025.yaml`` in a checkout), else its full path."""
    path = bundled(name)
    try:
        return shown_path(path.relative_to(Path.cwd()))
    except ValueError:
        return shown_path(path)


def plan_sources(
    baseline: PathLike | None = None, targets: PathLike | None = None, results: PathLike | None = None
) -> list[Source]:
    """The files of a plan, the bundled ones where none is given; results only when given."""

    def source(
        role: Role, given: PathLike | None, default: str, model: type[Baseline] | type[Targets]
    ) -> Source:
        if given is not None:
            return Source(role, Path(given), shown_path(given), model)
        return Source(role, bundled(default), bundled_display(default), model)

    sources = [
        source("baseline", baseline, DEFAULT_BASELINE, Baseline),
        source("targets", targets, DEFAULT_TARGETS, Targets),
    ]
    if results is not None:
        sources.append(Source("results", Path(results), shown_path(results), Baseline))
    return sources


@dataclass(frozen=True)
class ReadPlan:
    """A plan's files as models, each with its parsed source for placing problems, and the
    findings of expanding a short results file (for the core to place with the rules')."""

    baseline: Baseline
    targets: Targets
    results: Baseline | None
    sources: dict[str, Parsed]
    roles: tuple[Role, ...]
    extra: tuple[Finding, ...] = ()


def read_plan(
    baseline: PathLike | None = None, targets: PathLike | None = None, results: PathLike | None = None
) -> ReadPlan:
    """Read, parse and validate a plan's files; every problem of every file at once."""
    sources = plan_sources(baseline, targets, results)
    read: dict[Role, Parsed] = {}
    problems: list[Problem] = []
    for source in sources:
        try:
            read[source.role] = parse(source.path, source.display)
        except InputError as error:
            problems.extend(error.problems)
    problems.extend(_misplaced(read))
    if problems:
        raise InputError(problems)
    plan = _validated(sources, read)
    if targets is None and baseline is not None and plan.baseline.province != plan.targets.province:
        # Checking another province against the bundled Cao Bằng targets gives one error per
        # target; the one thing to say is that its own targets are missing.
        message = msg(
            "targets-needed", province=quoted(plan.baseline.province), bundled=quoted(plan.targets.province)
        )
        raise InputError([plan.sources["baseline"].problem(["province"], rules.TARGETS_NEEDED, message)])
    return plan


def _misplaced(read: Mapping[Role, Parsed]) -> list[Problem]:
    """A targets file given as the baseline, or the reverse: one problem, not a list of keys."""
    kinds = {role: file_kind(parsed.data) for role, parsed in read.items()}
    if kinds.get("baseline") == "targets" and kinds.get("targets") == "baseline":
        message = msg("looks-swapped", baseline=read["baseline"].file, targets=read["targets"].file)
        return [file_problem(read["baseline"].file, rules.FILE_IN_WRONG_PLACE, message)]
    allowed: Mapping[Role, tuple[str, ...]] = {
        "baseline": ("baseline",),
        "targets": ("targets",),
        "results": ("baseline", "results"),
    }
    return [
        file_problem(
            read[role].file,
            rules.FILE_IN_WRONG_PLACE,
            msg("looks-like", kind=msg(f"kind-{kind}"), role=msg(f"kind-{role}")),
        )
        for role, kind in kinds.items()
        if kind is not None and kind not in allowed[role]
    ]


def _validated(sources: Sequence[Source], read: Mapping[Role, Parsed]) -> ReadPlan:
    """Each file against its model; a short results file expanded against the baseline."""
    models: dict[str, Any] = {}
    problems: list[Problem] = []
    for source in sources:
        data = read[source.role].data
        chosen: type[Any] = ShortResults if source.role == "results" and is_short(data) else source.model
        try:
            models[source.role] = validate(read[source.role], chosen)
        except InputError as error:
            problems.extend(error.problems)
    if problems:
        raise InputError(problems)
    base, plan_targets, later = models["baseline"], models["targets"], models.get("results")
    assert isinstance(base, Baseline)
    assert isinstance(plan_targets, Targets)
    parsed: dict[str, Parsed] = dict(read.items())
    extra: list[Finding] = []
    if isinstance(later, ShortResults):
        short = later
        later, extra = expand(short, base)
        parsed["results"] = short_parsed(read["results"], short, later)
    assert later is None or isinstance(later, Baseline)
    roles = tuple(source.role for source in sources)
    return ReadPlan(base, plan_targets, later, parsed, roles, tuple(extra))


def load_baseline(path: Path, **kwargs: Any) -> tuple[Baseline, Parsed]:
    return load(path, Baseline, **kwargs)


def load_targets(path: Path, **kwargs: Any) -> tuple[Targets, Parsed]:
    return load(path, Targets, **kwargs)


__all__ = [
    "DEFAULT_BASELINE",
    "DEFAULT_TARGETS",
    "FileKind",
    "ReadPlan",
    "Source",
    "bundled",
    "bundled_display",
    "file_kind",
    "load",
    "load_baseline",
    "load_targets",
    "parse",
    "plan_sources",
    "read_plan",
]
