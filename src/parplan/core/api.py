"""The one core under both faces: a plan loaded from its files, and its analyses as tables.

>>> import parplan
>>> plan = parplan.load_plan()            # the bundled Cao Bằng plan
>>> plan.gaps().to_frame()                # the columns of `parplan gap --format json`

Every CLI command calls the methods a notebook user calls (as sqlite-utils' CLI sits on its
Python library): :func:`load_plan`, then :meth:`Plan.gaps`, :meth:`Plan.rank`,
:meth:`Plan.check`, :meth:`Plan.trend`, :meth:`Plan.report`; :func:`validate` for
``parplan validate``. Each answers with an :class:`Answer` (a :class:`Table` for the tables)
that makes its report for the format it is written in: ``render("markdown")`` is the
command's output byte for byte, and the CLI's JSON and a DataFrame cannot drift apart. The
policies the command follows live here, not in the CLI: the columns for people and for
programs, the decimal comma of Vietnamese documents, ``--ignore``'s refusals, ``check``'s
verdict (:attr:`Table.failed`). pandas is imported only by :meth:`Table.to_frame`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypedDict, TypeVar, Unpack

from parplan.analysis.gaps import (
    KPI,
    Check,
    Entry,
    Ranked,
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
from parplan.core.output import UsageProblem, is_machine_format, make_options
from parplan.models.plan import Baseline, Targets
from parplan.reading.loading import plan_sources, read_plan
from parplan.reading.yamlread import Parsed
from parplan.render import render
from parplan.report.annotate import check_annotations
from parplan.report.views import (
    CHECK_COLUMNS,
    CHECK_DEFAULT,
    GAP_ALL,
    GAP_COLUMNS,
    GAP_DEFAULT,
    TREND_COLUMNS,
    TREND_DEFAULT,
    check_report,
    gap_report,
    rank_report,
    trend_report,
    validation_report,
)
from parplan.vocab import rules
from parplan.vocab.document import (
    Cell,
    Column,
    Findings,
    Lang,
    Options,
    OutputFormat,
    Report,
    Tables,
    sheet_rows,
    sheets_of,
)
from parplan.vocab.i18n import writes_decimal_comma
from parplan.vocab.problems import (
    MAX_PROBLEMS,
    Finding,
    InputError,
    Problem,
    errors,
    file_problem,
    msg,
    refused_ignores,
    warnings,
)

if TYPE_CHECKING:
    import pandas as pd

PathLike = str | os.PathLike[str]
LevelChoice = Literal["fields", "all"]
R = TypeVar("R")


class Chosen(TypedDict, total=False):
    """The keywords :meth:`Plan.gaps` and :meth:`Plan.rank` share, as ``parplan gap`` and
    ``parplan rank`` share their options: ``index`` (index ids, all by default), ``owner`` (a
    body's id or part of its name), ``level`` (``"all"``, or ``"fields"`` alone), ``lang``
    (``"vi"`` or ``"en"``), ``columns`` (keys, or ``"id,name"`` as ``--columns`` takes them;
    by default the format's own set)."""

    index: Sequence[str]
    owner: str | None
    level: LevelChoice
    lang: Lang
    columns: str | Sequence[str] | None


class UnknownIndex(ValueError):
    """An index id the plan does not have (``--index xyz``)."""

    def __init__(self, unknown: Sequence[str], known: Sequence[str]) -> None:
        super().__init__(f"unknown index {', '.join(unknown)}; the plan has {', '.join(known)}")
        self.unknown = tuple(unknown)
        self.known = tuple(known)


Build = Callable[[OutputFormat, bool], Report]
"""How an answer makes its report for a format, with or without the decimal comma."""


class Answer:
    """A command's answer before it is written: its report for each format, and its notes.

    The report is made for the format it is written in, so the Python API and the command
    write the same bytes: people's formats get the compact columns and programs' formats
    every column (unless columns were asked for), ``--format github`` gets its annotations,
    and Vietnamese Word and HTML get the decimal comma (see :func:`document_comma`).
    """

    def __init__(self, build: Build, lang: Lang = "vi", *, notes: Sequence[Problem] = ()) -> None:
        self._build = build
        self._made: dict[tuple[OutputFormat, bool], Report] = {}
        self.lang: Lang = lang
        self.notes: tuple[Problem, ...] = tuple(notes)
        """What the command says on stderr beside its answer (a changed criteria set, PP462)."""

    @classmethod
    def of(cls, report: Report, lang: Lang = "vi") -> Answer:
        """An answer whose report is the same in every format."""
        return cls(lambda _format, _comma: report, lang)

    def report_for(self, chosen: OutputFormat | str, *, decimal_comma: bool = False) -> Report:
        """The report as it is written in ``chosen``."""
        key = (_output_format(chosen), decimal_comma)
        if key not in self._made:
            self._made[key] = self._build(*key)
        return self._made[key]

    def render(
        self, chosen: OutputFormat | str = "text", *, decimal_comma: bool = False, bom: bool = False
    ) -> str | bytes:
        """The answer as the command writes it to a file or a pipe: text, or bytes (xlsx, docx)."""
        return self.render_with(
            _output_format(chosen), make_options(self.lang, decimal_comma, bom, to_terminal=False)
        )

    def render_with(self, chosen: OutputFormat, options: Options) -> str | bytes:
        """The answer in ``chosen`` with the writing options a command chose (a terminal's width)."""
        return render(self.report_for(chosen, decimal_comma=options.decimal_comma), chosen, options)


def _output_format(chosen: OutputFormat | str) -> OutputFormat:
    if isinstance(chosen, OutputFormat):
        return chosen
    try:
        return OutputFormat(chosen.lower())
    except ValueError:
        raise ValueError(
            f"no format {chosen!r}; choose from {', '.join(f.value for f in OutputFormat)}"
        ) from None


def document_comma(chosen: OutputFormat, lang: Lang, decimal_comma: bool) -> bool:
    """Whether a report's own text prints the decimal comma: asked for, or a Vietnamese Word
    or HTML document (state documents write ``9,2779``; their renderers do the same for cells)."""
    return decimal_comma or (writes_decimal_comma(lang) and chosen in (OutputFormat.DOCX, OutputFormat.HTML))


class UnknownColumns(ValueError):
    """Column keys a command does not have (``--columns scroe``)."""

    def __init__(self, unknown: Sequence[str], known: Sequence[str]) -> None:
        super().__init__(
            msg("unknown-columns", columns=", ".join(unknown), known=", ".join(known)).text("en")
        )
        self.unknown = tuple(unknown)
        self.known = tuple(known)


ColumnSet = tuple[Mapping[str, Column], tuple[str, ...], tuple[str, ...]]
COLUMN_SETS: Mapping[str, ColumnSet] = {
    "gap": (GAP_COLUMNS, GAP_DEFAULT, GAP_ALL),
    "rank": (GAP_COLUMNS, GAP_DEFAULT, GAP_ALL),
    "check": (CHECK_COLUMNS, CHECK_DEFAULT, tuple(CHECK_COLUMNS)),
    "trend": (TREND_COLUMNS, TREND_DEFAULT, tuple(TREND_COLUMNS)),
}
"""Each table command's columns: all of them, the compact set for people, every one for programs."""


def asked_columns(command: str, asked: str | Sequence[str] | None) -> tuple[str, ...] | None:
    """The columns asked for (a list, or ``"id,name"`` as ``--columns`` takes it), checked;
    None when none were asked for, so that the format chooses."""
    if isinstance(asked, str):
        asked = [key.strip() for key in asked.split(",") if key.strip()]
    if not asked:
        return None
    registry = COLUMN_SETS[command][0]
    unknown = [key for key in asked if key not in registry]
    if unknown:
        raise UnknownColumns(unknown, tuple(registry))
    return tuple(asked)


def columns_for(command: str, asked: tuple[str, ...] | None, chosen: OutputFormat) -> tuple[Column, ...]:
    """The columns asked for; else all of them for programs (CSV, JSON, Excel), the compact set for people."""
    registry, people, machines = COLUMN_SETS[command]
    keys = asked if asked is not None else machines if is_machine_format(chosen) else people
    return tuple(registry[key] for key in keys)


class Table(Answer):
    """One analysis as the report the renderers write, and as rows keyed like the JSON output.

    ``report``, ``records`` and :meth:`to_frame` are the JSON output's (every column unless
    columns were asked for); :meth:`render` writes any format as the command does.
    """

    def __init__(
        self,
        build: Build,
        lang: Lang = "vi",
        *,
        notes: Sequence[Problem] = (),
        counts: Mapping[Status, int] | None = None,
        require_all: bool = False,
    ) -> None:
        super().__init__(build, lang, notes=notes)
        self.counts = counts
        """For ``check``: how many targets were met, missed, without data."""
        self.require_all = require_all

    @classmethod
    def of(cls, report: Report, lang: Lang = "vi") -> Table:
        return cls(lambda _format, _comma: report, lang)

    @property
    def report(self) -> Tables | Findings:
        made = self.report_for(OutputFormat.JSON)
        assert made.kind != "document"  # a table's build makes tables or findings
        return made

    @property
    def failed(self) -> bool:
        """``check``'s verdict, its exit 1: a target missed, or one without data under ``require_all``."""
        counts = self.counts or {}
        return bool(counts.get("missed") or (self.require_all and counts.get("no-data")))

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
        return Table.of(validation_report(self.problems, "vi"))

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

    def gaps(self, **chosen: Unpack[Chosen]) -> Table:
        """Headroom, increase and target per criterion: ``parplan gap``; the keywords are
        :class:`Chosen`'s."""

        def report(rows: list[Row], picked: tuple[Column, ...], lang: Lang) -> Report:
            return gap_report(rows, self.baseline, self.targets, picked, lang, self.takes)

        return self._rows_table("gap", chosen, list, report)

    def _rows_table(
        self,
        command: Literal["gap", "rank"],
        chosen: Chosen,
        order: Callable[[list[Row]], list[R]],
        report: Callable[[list[R], tuple[Column, ...], Lang], Report],
    ) -> Table:
        """The chosen rows (refused at once: unknown keywords, columns, index), in ``order``,
        as a table whose report is made for the format it is written in."""
        unknown = sorted(set(chosen) - Chosen.__optional_keys__)
        if unknown:
            method = "gaps" if command == "gap" else command
            raise TypeError(f"Plan.{method}() got an unexpected keyword argument {unknown[0]!r}")
        asked = asked_columns(command, chosen.get("columns"))
        rows = order(self.select(chosen.get("index", ()), chosen.get("owner"), chosen.get("level", "all")))
        lang = chosen.get("lang", "vi")

        def build(written: OutputFormat, _comma: bool) -> Report:
            return report(rows, columns_for(command, asked, written), lang)

        return Table(build, lang)

    @cached_property
    def takes(self) -> dict[str, Takes]:
        """What each index's rank or group target would have taken in the baseline year."""
        self.require_valid()
        return what_it_takes(self.baseline, self.targets, self.entries)

    def trend(
        self, *, index: Sequence[str] = (), lang: Lang = "vi", columns: str | Sequence[str] | None = None
    ) -> Table:
        """Every index (and criterion with another year) year by year: ``parplan trend``.

        The baseline's ``history``, its own year, and the results' year when loaded with results.
        """
        asked = asked_columns("trend", columns)
        self.require_valid()
        wanted = set(self._indices(index))
        points = trend_points(self.baseline, self.entries, self.results, self.result_entries)
        kept = [p for p in points if p.index in wanted] if wanted else points

        def build(chosen: OutputFormat, _comma: bool) -> Report:
            picked = columns_for("trend", asked, chosen)
            return trend_report(kept, self.baseline, self.targets, picked, lang, self.results)

        return Table(build, lang)

    def rank(
        self,
        by: RankKey = "headroom",
        *,
        ascending: bool = False,
        across: bool = False,
        top: int | None = None,
        **chosen: Unpack[Chosen],
    ) -> Table:
        """Criteria ranked within each index (or ``across``): ``parplan rank``; the other
        keywords are :class:`Chosen`'s."""

        def order(rows: list[Row]) -> list[Ranked]:
            return rank_rows(rows, by, ascending=ascending, across=across, top=top)

        def report(rows: list[Ranked], picked: tuple[Column, ...], lang: Lang) -> Report:
            return rank_report(rows, self.baseline, self.targets, picked, lang, by, across)

        return self._rows_table("rank", chosen, order, report)

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
        columns: str | Sequence[str] | None = None,
        require_all: bool = False,
    ) -> Table:
        """Targets judged against the results: ``parplan check``; ``.failed`` is its exit 1.

        Written as ``github``, each finding is placed in the files: that needs a second parse
        for positions, so only that format (CI) pays for it. Its notes carry the warning that
        the criteria set changed between the years (what a gap means changed with it).
        """
        asked = asked_columns("check", columns)
        checks = self.checks(index)
        results = self.results
        assert results is not None  # checks() refuses a plan without results

        def build(chosen: OutputFormat, comma: bool) -> Report:
            picked = columns_for("check", asked, chosen)
            report = check_report(
                checks,
                self.baseline,
                self.targets,
                results,
                picked,
                lang,
                decimal_comma=document_comma(chosen, lang, comma),
            )
            if chosen is not OutputFormat.GITHUB:
                return report
            placed = check_annotations(
                checks, self.targets, self.result_entries, self.sources, require_all=require_all, lang=lang
            )
            return replace(report, annotations=placed)

        changed = [problem for problem in self.warnings if problem.code == CRITERIA_CHANGED]
        return Table(build, lang, notes=changed, counts=check_summary(checks), require_all=require_all)

    def report(self, lang: Lang = "vi") -> Answer:
        """The report for the People's Committee: ``parplan report``; ``.render("docx")`` writes it."""
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

        def build(chosen: OutputFormat, comma: bool) -> Report:
            return build_report(data, lang, decimal_comma=document_comma(chosen, lang, comma))

        return Answer(build, lang)

    def chart(
        self,
        kind: Literal["bars", "radar"] = "bars",
        *,
        index: Sequence[str] = (),
        lang: Lang = "vi",
        image_format: Literal["png", "svg"] = "png",
    ) -> bytes:
        """The plan drawn, as ``parplan chart`` draws it (needs ``parplan[charts]``): bars per
        criterion sorted by headroom, or an index's radar (``papi`` unless ``index`` names one).

        A Vietnamese chart prints the decimal comma, as a Vietnamese document does. Nothing
        to draw raises :class:`parplan.report.figures.NothingToChart`.
        """
        from parplan.render.chart import draw
        from parplan.report.figures import headroom_bars, radar
        from parplan.report.views import index_titles

        self.select(index)  # an unknown index is refused here, as by every command
        titles = index_titles(self.baseline, lang)
        years = (self.baseline.year, self.targets.year)
        heading = f"{self.baseline.province} {self.baseline.year}"
        if kind == "bars":
            figure = headroom_bars(
                self.rows, titles, lang=lang, years=years, indices=list(index), heading=heading
            )
        else:
            chosen = index[0] if index else "papi"
            figure = radar(self.rows, titles, lang=lang, years=years, index=chosen, heading=heading)
        return draw(figure, image_format, lang=lang, comma=writes_decimal_comma(lang))


CRITERIA_CHANGED = rules.RESULTS_WITH_OTHER_MAXIMUM
"""The warning ``check`` repeats beside its table: the criteria set changed between the years."""


def _located(finding: Finding, source: Parsed) -> Problem:
    problem = source.problem(finding.path, finding.code, finding.message)
    if finding.id is not None and problem.id != finding.id:
        return replace(problem, id=finding.id)
    return problem


def input_files(
    baseline: PathLike | None = None, targets: PathLike | None = None, results: PathLike | None = None
) -> list[Path]:
    """The files a command reads (the bundled ones where none is given): never its output."""
    return [source.path for source in plan_sources(baseline, targets, results)]


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
    whose code is in ``ignore`` are left out; an error's code or a code that names no rule
    is refused (:func:`ignored_codes`), as ``--ignore`` refuses it.
    """
    skip = ignored_codes(ignore)
    read = read_plan(baseline, targets, results)
    plan = Plan(read.baseline, read.targets, read.results, read.sources)
    return _checked(plan, read.roles, skip, read.extra)


def ignored_codes(ignore: Sequence[str]) -> set[str]:
    """The codes of ``ignore`` (``--ignore``), upper-cased; a code that names no rule, or an
    error's code, is refused (:class:`~parplan.core.output.UsageProblem`): an error means the
    numbers would mislead, and a typo would silently ignore nothing."""
    codes = [code.upper() for code in ignore]
    refused = refused_ignores(codes)
    if refused is not None:
        raise UsageProblem(refused, "--ignore")
    return set(codes)


def _checked(plan: Plan, roles: Sequence[str], skip: set[str], extra: Sequence[Finding] = ()) -> Plan:
    """The plan with its findings placed in its files, in the order of the files and lines."""
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
        file_problem(plan.sources[role].file, rules.MORE_PROBLEMS, msg("more-problems", count=f"{count:,}"))
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
        """No errors: the plan can be analysed (else ``validate`` exits 2)."""
        return not errors(self.problems)

    def failed(self, strict: bool = False) -> bool:
        """``validate``'s exit 1: a valid plan with warnings, under ``strict``."""
        return strict and self.valid and bool(self.problems)


def validate(
    baseline: PathLike | None = None,
    targets: PathLike | None = None,
    results: PathLike | None = None,
    *,
    ignore: Sequence[str] = (),
    lang: Lang = "vi",
) -> Validation:
    """Every problem of a plan's files, unusable or not: ``parplan validate``.

    Never raises for bad input: an unreadable file is a problem like any other. An ``ignore``
    code that names no rule, or an error's, is refused as ``--ignore`` refuses it.
    """
    try:
        problems = load_plan(baseline, targets, results, ignore=ignore).problems
    except InputError as error:
        problems = error.problems
    return Validation(problems, Table.of(validation_report(problems, lang), lang))


def export_workbook(plan: Plan, lang: Lang = "vi") -> bytes:
    """The plan as an editable workbook (``parplan export``); :func:`import_workbook` reads it back."""
    from parplan.core.workbook import workbook_bytes

    return workbook_bytes(plan.baseline, plan.targets, lang, plan.results)


def import_workbook(path: PathLike, *, display: str | None = None, ignore: Sequence[str] = ()) -> Plan:
    """A plan read from a workbook, cross-checked like :func:`load_plan`, problems placed in cells.

    Unusable cells raise :class:`~parplan.vocab.problems.InputError` with every problem at once;
    a plan whose rules find errors loads and lists them in ``problems``, as a YAML plan does.
    """
    from parplan.reading.shortresults import expand
    from parplan.reading.workbook import read_plan_workbook, results_cells

    skip = ignored_codes(ignore)
    read = read_plan_workbook(Path(path), display)
    sources: dict[str, Parsed] = {"baseline": read.baseline_cells, "targets": read.targets_cells}
    results: Baseline | None = None
    findings: list[Finding] = []
    if read.results is not None:  # the results sheet, checked as a results file is
        results, findings = expand(read.results, read.baseline)
        sources["results"] = results_cells(read.results_cells, read.results, results)
    plan = Plan(read.baseline, read.targets, results, sources)
    return _checked(plan, list(sources), skip, findings)
