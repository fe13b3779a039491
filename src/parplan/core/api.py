"""The one core under both faces: a plan loaded from its files, and its analyses as tables.

>>> import parplan
>>> plan = parplan.load_plan()            # the bundled Cao Bằng plan
>>> plan.gaps().to_frame()                # the columns of `parplan gap --format json`

Every CLI command calls the methods a notebook user calls (as sqlite-utils' CLI sits on its
Python library): :func:`load_plan`, then :meth:`Plan.gaps`, :meth:`Plan.rank`,
:meth:`Plan.check`, :meth:`Plan.report`; :func:`validate` for ``parplan validate``. A
:class:`Table` holds the report that the renderers write, so the CLI's JSON and a
DataFrame cannot drift apart. pandas is imported only by :meth:`Table.to_frame`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from parplan.analysis.gaps import (
    KPI,
    Check,
    Entry,
    RankKey,
    Row,
    Status,
    check_summary,
    filter_rows,
    flatten,
    gap_rows,
    rank_rows,
)
from parplan.analysis.headline import Takes, judge_targets, result_totals, trend_points, what_it_takes
from parplan.analysis.rules import plan_findings
from parplan.models.plan import Baseline, Targets
from parplan.reading.loading import DEFAULT_BASELINE, DEFAULT_TARGETS, bundled, file_kind, parse
from parplan.reading.shortresults import ShortResults, expand, is_short, short_parsed
from parplan.reading.validation import validate as validate_model
from parplan.reading.yamlread import Parsed
from parplan.report.annotate import check_annotations
from parplan.report.views import (
    CHECK_COLUMNS,
    GAP_ALL,
    GAP_COLUMNS,
    TREND_COLUMNS,
    check_report,
    choose_columns,
    gap_report,
    rank_report,
    trend_report,
    validation_report,
)
from parplan.vocab.document import Cell, Document, Findings, Lang, Tables, sheet_rows, sheets_of
from parplan.vocab.problems import (
    MAX_PROBLEMS,
    Finding,
    InputError,
    Problem,
    errors,
    file_problem,
    ignorable,
    msg,
    quoted,
    warnings,
)

if TYPE_CHECKING:
    import pandas as pd

PathLike = str | os.PathLike[str]
LevelChoice = Literal["fields", "all"]


class UnknownIndex(ValueError):
    """An index id the plan does not have (``--index xyz``)."""

    def __init__(self, unknown: Sequence[str], known: Sequence[str]) -> None:
        super().__init__(f"unknown index {', '.join(unknown)}; the plan has {', '.join(known)}")
        self.unknown = tuple(unknown)
        self.known = tuple(known)


@dataclass(frozen=True)
class Table:
    """One analysis as the report the renderers write, and as rows keyed like the JSON output."""

    report: Tables | Findings
    counts: Mapping[Status, int] | None = None
    """For ``check``: how many targets were met, missed, without data."""

    @property
    def kind(self) -> str:
        return self.report.command

    @property
    def columns(self) -> tuple[str, ...]:
        sheets = sheets_of(self.report)
        return tuple(column.key for column in sheets[0].columns) if sheets else ()

    @cached_property
    def records(self) -> tuple[dict[str, Cell], ...]:
        return tuple(sheet_rows(sheets_of(self.report)))

    def __len__(self) -> int:
        return len(self.records)

    def __iter__(self) -> Iterator[Mapping[str, Cell]]:
        return iter(self.records)

    def __repr__(self) -> str:
        return f"<parplan {self.kind} table: {len(self.records)} rows, {len(self.columns)} columns>"

    def to_records(self) -> list[dict[str, Cell]]:
        """Plain dicts, numbers as exact :class:`~decimal.Decimal`."""
        return [dict(record) for record in self.records]

    def to_frame(self, *, exact: bool = False) -> pd.DataFrame:
        """A DataFrame with the JSON output's columns, in its order.

        Numbers become ``float64`` (unknown is NaN), as ``pandas.read_json`` would give, so
        they plot and aggregate; ``exact=True`` keeps them as ``Decimal`` objects instead.
        Whole numbers (ranks gained, positions, lines) are nullable ``Int64``.
        """
        import pandas as pd

        frame = pd.DataFrame(index=pd.RangeIndex(len(self.records)))
        for column in self.columns:
            frame[column] = _series(pd, [record.get(column) for record in self.records], exact=exact)
        return frame

    def _repr_html_(self) -> str:
        """Jupyter shows a table as its DataFrame."""
        html: str = self.to_frame()._repr_html_()  # type: ignore[operator]  # pandas types it as optional
        return html


def _series(pd: Any, values: list[Cell], *, exact: bool) -> Any:
    known = [value for value in values if value is not None]
    if known and all(isinstance(value, Decimal) for value in known):
        if exact:
            return pd.Series(values, dtype=object)
        return pd.Series([float("nan") if v is None else float(v) for v in values], dtype="float64")
    if known and all(isinstance(value, int) and not isinstance(value, bool) for value in known):
        return pd.Series(values, dtype="Int64")
    if known and all(isinstance(value, bool) for value in known):
        return pd.Series(values, dtype="boolean")
    return pd.Series(values, dtype=object)


class Plan:
    """A loaded plan: its files as models, its findings, and its analyses as tables.

    Each file is flattened once, here, and handed to the rules and the analyses: the plan
    object owns its data and whatever is derived from it (no process-global cache).
    """

    def __init__(
        self,
        baseline: Baseline,
        targets: Targets,
        results: Baseline | None = None,
        sources: Mapping[str, Parsed] | None = None,
        problems: Sequence[Problem] = (),
    ) -> None:
        self.baseline = baseline
        self.targets = targets
        self.results = results
        self.sources: Mapping[str, Parsed] = sources or {}
        self.problems: tuple[Problem, ...] = tuple(problems)
        """Errors and warnings with file, line and column, as ``parplan validate`` lists them."""

    @cached_property
    def entries(self) -> list[Entry]:
        """The baseline's criteria, flattened once."""
        return flatten(self.baseline)

    @cached_property
    def result_entries(self) -> list[Entry]:
        """The results' criteria, flattened once; empty without results."""
        return flatten(self.results) if self.results is not None else []

    @property
    def errors(self) -> tuple[Problem, ...]:
        return errors(self.problems)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return warnings(self.problems)

    @property
    def index_ids(self) -> tuple[str, ...]:
        """The ids ``--index`` accepts: the baseline's indices, and ``kpi`` for its indicators."""
        ids = tuple(index.id for index in self.baseline.indices)
        return (*ids, KPI) if self.baseline.indicators else ids

    @property
    def findings(self) -> Table:
        """The problems as a table, with the columns of ``parplan validate --format json``."""
        return Table(validation_report(self.problems, "vi"))

    def __repr__(self) -> str:
        results = f", results {self.results.year}" if self.results is not None else ""
        return (
            f"<parplan plan: {self.baseline.province}, baseline {self.baseline.year},"
            f" targets {self.targets.year}{results}; {len(self.problems)} findings>"
        )

    def require_valid(self) -> None:
        """Analyses refuse a plan with errors: their numbers would mislead."""
        if self.errors:
            raise InputError(self.errors)

    @cached_property
    def rows(self) -> list[Row]:
        """The gap analysis of every criterion, computed once."""
        self.require_valid()
        return gap_rows(self.baseline, self.targets, self.entries)

    def _indices(self, index: Sequence[str]) -> list[str]:
        unknown = [i for i in index if i not in self.index_ids]
        if unknown:
            raise UnknownIndex(unknown, self.index_ids)
        return list(index)

    def select(
        self, index: Sequence[str] = (), owner: str | None = None, level: LevelChoice = "all"
    ) -> list[Row]:
        """Gap rows of the chosen indices, owned by a matching body, down to ``level``."""
        return filter_rows(
            self.rows,
            indices=self._indices(index),
            owner=owner,
            bodies=self.targets.bodies_by_id,
            level=level,
        )

    def gaps(
        self,
        *,
        index: Sequence[str] = (),
        owner: str | None = None,
        level: LevelChoice = "all",
        lang: Lang = "vi",
        columns: Sequence[str] = GAP_ALL,
    ) -> Table:
        """Headroom, increase and target per criterion: ``parplan gap --format json``."""
        chosen = choose_columns(GAP_COLUMNS, columns)
        rows = self.select(index, owner, level)
        return Table(gap_report(rows, self.baseline, self.targets, chosen, lang, self.takes))

    @cached_property
    def takes(self) -> dict[str, Takes]:
        """What each index's rank or group target would have taken in the baseline year."""
        self.require_valid()
        return what_it_takes(self.baseline, self.targets, self.entries)

    def trend(
        self, *, index: Sequence[str] = (), lang: Lang = "vi", columns: Sequence[str] = tuple(TREND_COLUMNS)
    ) -> Table:
        """Every index (and criterion with another year) year by year: ``parplan trend --format json``.

        The baseline's ``history``, its own year, and the results' year when loaded with results.
        """
        self.require_valid()
        wanted = set(self._indices(index))
        points = trend_points(self.baseline, self.entries, self.results, self.result_entries)
        chosen = choose_columns(TREND_COLUMNS, columns)
        kept = [p for p in points if p.index in wanted] if wanted else points
        return Table(trend_report(kept, self.baseline, self.targets, chosen, lang, self.results))

    def rank(
        self,
        by: RankKey = "headroom",
        *,
        ascending: bool = False,
        across: bool = False,
        top: int | None = None,
        index: Sequence[str] = (),
        owner: str | None = None,
        level: LevelChoice = "all",
        lang: Lang = "vi",
        columns: Sequence[str] = GAP_ALL,
    ) -> Table:
        """Criteria ranked within each index (or ``across``): ``parplan rank --format json``."""
        ranked = rank_rows(self.select(index, owner, level), by, ascending=ascending, across=across, top=top)
        chosen = choose_columns(GAP_COLUMNS, columns)
        return Table(rank_report(ranked, self.baseline, self.targets, chosen, lang, by, across))

    def checks(self, index: Sequence[str] = ()) -> list[Check]:
        """Every target with a value, judged against the results."""
        if self.results is None:
            raise ValueError("check needs a results file: load_plan(results=...)")
        self.require_valid()
        wanted = set(self._indices(index))
        checks = judge_targets(self.baseline, self.targets, self.results, self.entries, self.result_entries)
        return [c for c in checks if c.index in wanted] if wanted else checks

    def check(
        self,
        *,
        index: Sequence[str] = (),
        lang: Lang = "vi",
        columns: Sequence[str] = tuple(CHECK_COLUMNS),
        annotate: bool = False,
        require_all: bool = False,
    ) -> Table:
        """Targets judged against the results: ``parplan check --format json``.

        ``annotate`` places each finding in the files, for ``--format github``: that needs a
        second parse for positions, so only CI asks for it.
        """
        checks = self.checks(index)
        assert self.results is not None  # checks() refuses a plan without results
        chosen = choose_columns(CHECK_COLUMNS, columns)
        report = check_report(checks, self.baseline, self.targets, self.results, chosen, lang)
        if annotate:
            placed = check_annotations(
                checks, self.targets, self.result_entries, self.sources, require_all=require_all
            )
            report = replace(report, annotations=placed)
        return Table(report, counts=check_summary(checks))

    def report(self, lang: Lang = "vi", *, decimal_comma: bool = False) -> Document:
        """The report for the People's Committee, as a document any renderer writes."""
        from parplan.report.committee import TOP, ReportInput, build_report

        checks = self.checks() if self.results is not None else None
        data = ReportInput(
            self.baseline,
            self.targets,
            self.rows,
            rank_rows(self.rows, "headroom", top=TOP),
            self.warnings,
            checks,
            check_summary(checks) if checks is not None else None,
            self.results,
            self.takes,
            result_totals(self.baseline, self.results, self.entries, self.result_entries)
            if self.results
            else {},
        )
        return build_report(data, lang, decimal_comma=decimal_comma)


def _located(finding: Finding, source: Parsed) -> Problem:
    problem = source.problem(finding.path, finding.code, finding.message)
    if finding.id is not None and problem.id != finding.id:
        return replace(problem, id=finding.id)
    return problem


def bundled_display(name: str) -> str:
    """A bundled file as messages show it: relative to the working directory when inside it
    (``src/parplan/data/targets_2025.yaml`` in a checkout), else its full path."""
    path = bundled(name)
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


Role = Literal["baseline", "targets", "results"]


def input_files(
    baseline: PathLike | None = None, targets: PathLike | None = None, results: PathLike | None = None
) -> list[Path]:
    """The files a command reads (the bundled ones where none is given): never its output."""
    return [path for _role, path, _shown, _model in _sources(baseline, targets, results)]


def _sources(
    baseline: PathLike | None, targets: PathLike | None, results: PathLike | None
) -> list[tuple[Role, Path, str, type[Baseline] | type[Targets]]]:
    """Each file to read: its role, path, the name messages show, and its model."""

    def source(
        role: Role, given: PathLike | None, default: str, model: type[Baseline] | type[Targets]
    ) -> tuple[Role, Path, str, type[Baseline] | type[Targets]]:
        if given is not None:
            return role, Path(given), str(given), model
        return role, bundled(default), bundled_display(default), model

    sources = [
        source("baseline", baseline, DEFAULT_BASELINE, Baseline),
        source("targets", targets, DEFAULT_TARGETS, Targets),
    ]
    if results is not None:
        sources.append(("results", Path(results), str(results), Baseline))
    return sources


def load_plan(
    baseline: PathLike | None = None,
    targets: PathLike | None = None,
    results: PathLike | None = None,
    *,
    ignore: Sequence[str] = (),
) -> Plan:
    """Load a plan's files (the bundled Cao Bằng plan by default) and cross-check them.

    Unusable files raise :class:`~parplan.vocab.problems.InputError`, whose ``problems`` say where
    (every problem of every file, not only the first). A plan whose findings include errors
    loads, lists them in ``problems``, and refuses analyses until they are fixed. Warnings
    whose code is in ``ignore`` are left out (errors cannot be ignored).
    """
    sources = _sources(baseline, targets, results)
    read: dict[Role, Parsed] = {}
    problems: list[Problem] = []
    for role, path, display, _model in sources:
        try:
            read[role] = parse(path, display)
        except InputError as error:
            problems.extend(error.problems)
    problems.extend(_misplaced(read))
    if problems:
        raise InputError(problems)
    base, plan_targets, later, parsed, extra = _validated(sources, read)
    if targets is None and baseline is not None and base.province != plan_targets.province:
        # Checking another province against the bundled Cao Bằng targets gives one error per
        # target; the one thing to say is that its own targets are missing.
        message = msg("targets-needed", province=quoted(base.province), bundled=quoted(plan_targets.province))
        raise InputError([parsed["baseline"].problem(["province"], "PP141", message)])
    plan = Plan(base, plan_targets, later, parsed)
    return _checked(plan, [source[0] for source in sources], ignore, extra)


def _misplaced(read: Mapping[Role, Parsed]) -> list[Problem]:
    """A targets file given as the baseline, or the reverse: one problem, not a list of keys."""
    kinds = {role: file_kind(parsed.data) for role, parsed in read.items()}
    if kinds.get("baseline") == "targets" and kinds.get("targets") == "baseline":
        message = msg("looks-swapped", baseline=read["baseline"].file, targets=read["targets"].file)
        return [file_problem(read["baseline"].file, "PP140", message)]
    allowed: Mapping[Role, tuple[str, ...]] = {
        "baseline": ("baseline",),
        "targets": ("targets",),
        "results": ("baseline", "results"),
    }
    return [
        file_problem(
            read[role].file, "PP140", msg("looks-like", kind=msg(f"kind-{kind}"), role=msg(f"kind-{role}"))
        )
        for role, kind in kinds.items()
        if kind is not None and kind not in allowed[role]
    ]


def _validated(
    sources: Sequence[tuple[Role, Path, str, type[Baseline] | type[Targets]]], read: Mapping[Role, Parsed]
) -> tuple[Baseline, Targets, Baseline | None, dict[str, Parsed], list[Finding]]:
    """Each file against its model; a short results file expanded against the baseline."""
    models: dict[str, Any] = {}
    problems: list[Problem] = []
    for role, _path, _display, model in sources:
        chosen: type[Any] = ShortResults if role == "results" and is_short(read[role].data) else model
        try:
            models[role] = validate_model(read[role], chosen)
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
    return base, plan_targets, later, parsed, extra


def _checked(plan: Plan, roles: Sequence[str], ignore: Sequence[str], extra: Sequence[Finding] = ()) -> Plan:
    """The plan with its findings placed in its files, in the order of the files and lines."""
    skip = {code.upper() for code in ignore if ignorable(code)}
    findings = plan_findings(
        plan.baseline, plan.targets, plan.results, plan.entries, plan.result_entries or None
    )
    order = {role: n for n, role in enumerate(roles)}
    kept: list[Finding] = []
    per_role: dict[str, int] = {}
    more: dict[str, int] = {}
    for finding in (*extra, *findings):
        if finding.code in skip:
            continue
        per_role[finding.role] = per_role.get(finding.role, 0) + 1
        if per_role[finding.role] > MAX_PROBLEMS:
            more[finding.role] = more.get(finding.role, 0) + 1  # counted, not placed: placing costs
            continue
        kept.append(finding)
    for role, source in plan.sources.items():
        source.prepare([f.path for f in kept if f.role == role])
    located = [(order[f.role], _located(f, plan.sources[f.role])) for f in kept]
    # In the order of the files, then of the lines, as a compiler lists them.
    located.sort(key=lambda item: (item[0], item[1].line or 0, item[1].column or 0))
    plan.problems = tuple(p for _, p in located) + tuple(
        file_problem(plan.sources[role].file, "PP100", msg("more-problems", count=f"{count:,}"))
        for role, count in more.items()
    )
    return plan


@dataclass(frozen=True)
class Validation:
    """What ``parplan validate`` answers: the problems, and the report of them."""

    problems: tuple[Problem, ...]
    table: Table

    @property
    def valid(self) -> bool:
        return not errors(self.problems)


def validate(
    baseline: PathLike | None = None,
    targets: PathLike | None = None,
    results: PathLike | None = None,
    *,
    ignore: Sequence[str] = (),
    lang: Lang = "vi",
) -> Validation:
    """Every problem of a plan's files, unusable or not: ``parplan validate``.

    Never raises for bad input: an unreadable file is a problem like any other.
    """
    try:
        problems = load_plan(baseline, targets, results, ignore=ignore).problems
    except InputError as error:
        problems = error.problems
    return Validation(problems, Table(validation_report(problems, lang)))


def export_workbook(plan: Plan, lang: Lang = "vi") -> bytes:
    """The plan as an editable workbook (``parplan export``); :func:`import_workbook` reads it back."""
    from parplan.reading.workbook import workbook_bytes

    return workbook_bytes(plan.baseline, plan.targets, lang)


def import_workbook(path: PathLike, *, display: str | None = None, ignore: Sequence[str] = ()) -> Plan:
    """A plan read from a workbook, cross-checked like :func:`load_plan`, problems placed in cells.

    Unusable cells raise :class:`~parplan.vocab.problems.InputError` with every problem at once;
    a plan whose rules find errors loads and lists them in ``problems``, as a YAML plan does.
    """
    from parplan.reading.workbook import read_workbook

    baseline, targets, baseline_cells, targets_cells = read_workbook(Path(path), display)
    plan = Plan(baseline, targets, None, {"baseline": baseline_cells, "targets": targets_cells})
    return _checked(plan, ["baseline", "targets"], ignore)
