"""The ``parplan`` command line: parse options, assemble the pieces, emit, map exit codes.

Every command follows one shape (as in check-jsonschema): options -> :func:`load_plan`
-> compute -> a view -> :func:`emit`, returning an exit code. Bad input never shows a
traceback: :class:`~parplan.loading.InputError` becomes messages on stderr and exit 2.
"""

from __future__ import annotations

import gc
import os
import shutil
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from typer import BadParameter, Exit

from parplan.annotate import check_annotations, problem_annotations
from parplan.compute import (
    RankKey,
    Row,
    check_summary,
    check_targets,
    filter_rows,
    gap_rows,
    rank_rows,
)
from parplan.loading import (
    InputError,
    Problem,
)
from parplan.output import write_atomic
from parplan.plan import Plan, load_plan
from parplan.render import (
    BINARY,
    EXTENSIONS,
    Column,
    Lang,
    Options,
    OutputFormat,
    Report,
    UnsupportedFormat,
    render,
)
from parplan.views import (
    CHECK_COLUMNS,
    CHECK_DEFAULT,
    GAP_ALL,
    GAP_COLUMNS,
    GAP_DEFAULT,
    check_report,
    choose_columns,
    gap_report,
    index_titles,
    rank_report,
    validation_report,
)

OK, FAILED, UNUSABLE = 0, 1, 2

app = typer.Typer(
    name="parplan",
    help="Gap analysis of a province's PAR INDEX, SIPAS and PAPI plan.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class LangChoice(StrEnum):
    vi = "vi"
    en = "en"


class IndexChoice(StrEnum):
    par = "par"
    papi = "papi"
    sipas = "sipas"
    kpi = "kpi"


class LevelChoice(StrEnum):
    fields = "fields"
    all = "all"


class RankBy(StrEnum):
    headroom = "headroom"
    headroom_pct = "headroom-pct"
    increase = "increase"
    rank = "rank"
    ambition = "ambition"


BaselineOpt = Annotated[
    Path | None,
    typer.Option(
        "--baseline", metavar="FILE", help="Baseline YAML (default: the bundled Cao Bằng 2024 plan)."
    ),
]
TargetsOpt = Annotated[
    Path | None,
    typer.Option("--targets", metavar="FILE", help="Targets YAML (default: the bundled 2025 targets)."),
]
ResultsOpt = Annotated[
    Path | None,
    typer.Option("--results", metavar="FILE", help="Results YAML: the baseline schema, a later year."),
]
FormatOpt = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="Output format (default: from --output's extension, else table on a terminal, text elsewhere).",
    ),
]
OutputOpt = Annotated[
    str,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write to this file (all at once, only on success); - is stdout.",
    ),
]
LangOpt = Annotated[LangChoice, typer.Option("--lang", help="Language of labels and names.")]
CommaOpt = Annotated[bool, typer.Option("--decimal-comma", help="Print 9,2779 as the documents do.")]
BomOpt = Annotated[bool, typer.Option("--bom", help="Start CSV with a byte-order mark, for Excel.")]
ColumnsOpt = Annotated[
    str | None,
    typer.Option("--columns", metavar="KEYS", help="Comma-separated column keys to show, in order."),
]
IndexOpt = Annotated[
    list[IndexChoice] | None,
    typer.Option("--index", metavar="par|papi|sipas|kpi", help="Only this index (repeatable)."),
]
OwnerOpt = Annotated[
    str | None,
    typer.Option("--owner", metavar="TEXT", help='Only criteria owned by a body, e.g. "so noi vu".'),
]
LevelOpt = Annotated[LevelChoice, typer.Option("--level", help="fields: leave out the parts.")]


def _version(value: bool) -> None:
    if value:
        from parplan import __version__

        typer.echo(f"parplan {__version__}")
        raise Exit(OK)


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    """Gap analysis of a province's PAR INDEX, SIPAS and PAPI plan."""


# --- assembling -------------------------------------------------------------------------


def _stderr(text: str) -> None:
    sys.stderr.write(text if text.endswith("\n") else text + "\n")


def report_input_error(error: InputError) -> int:
    for problem in error.problems:
        _stderr(problem.format())
    return UNUSABLE


def _require_valid(plan: Plan) -> None:
    """Analysis commands refuse a plan with errors; warnings are mentioned once, briefly."""
    if plan.errors:
        raise InputError(plan.errors)
    if plan.warnings:
        count = len(plan.warnings)
        _stderr(
            f"note: the plan has {count} warning{'s' if count != 1 else ''}; `parplan validate` lists them"
        )


# --- output -----------------------------------------------------------------------------


def choose_format(requested: OutputFormat | None, output: str, *, tty: bool) -> OutputFormat:
    """--format wins; else the output file's extension; else table on a terminal, text elsewhere."""
    if requested is not None:
        return requested
    if output != "-":
        suffix = Path(output).suffix.lower()
        if suffix in EXTENSIONS:
            return EXTENSIONS[suffix]
        raise BadParameter(
            f"cannot tell the format from {output!r}; use --format or one of {', '.join(sorted(EXTENSIONS))}",
            param_hint="--output",
        )
    return OutputFormat.TABLE if tty else OutputFormat.TEXT


def _stdout_is_tty() -> bool:
    return sys.stdout.isatty()


def _columns_from_environment() -> int:
    """COLUMNS as a width; a value that is not a number (COLUMNS=wide) is ignored, not a crash."""
    text = os.environ.get("COLUMNS", "").strip()
    return int(text) if text.isdecimal() and len(text) < 6 else 100


def make_options(lang: LangChoice, decimal_comma: bool, bom: bool, *, to_terminal: bool) -> Options:
    color = to_terminal and "NO_COLOR" not in os.environ
    width = shutil.get_terminal_size((100, 24)).columns if to_terminal else _columns_from_environment()
    return Options(lang=lang.value, decimal_comma=decimal_comma, color=color, width=max(width, 40), bom=bom)


def emit(
    build: Callable[[Lang], Report],
    output_format: OutputFormat | None,
    output: str,
    lang: LangChoice,
    decimal_comma: bool = False,
    bom: bool = False,
) -> None:
    """Render and write: to stdout, or to a file that appears only once all is rendered."""
    tty = output == "-" and _stdout_is_tty()
    chosen = choose_format(output_format, output, tty=tty)
    if tty and chosen in BINARY:
        raise BadParameter(
            f"{chosen.value} is a binary file and stdout is a terminal; write it with -o FILE.{chosen.value}",
            param_hint="--format",
        )
    options = make_options(lang, decimal_comma, bom, to_terminal=tty and chosen is OutputFormat.TABLE)
    try:
        rendered = render(build(options.lang), chosen, options)
    except UnsupportedFormat as error:
        raise BadParameter(str(error), param_hint="--format") from None
    if output != "-":
        write_atomic(Path(output), rendered.encode("utf-8") if isinstance(rendered, str) else rendered)
    elif isinstance(rendered, str):
        sys.stdout.write(rendered)
        sys.stdout.flush()
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(rendered)
        sys.stdout.buffer.flush()


def _columns(registry: dict[str, Column], spec: str | None, default: Sequence[str]) -> tuple[Column, ...]:
    keys = [k.strip() for k in spec.split(",") if k.strip()] if spec else list(default)
    try:
        return choose_columns(registry, keys)
    except KeyError as error:
        raise BadParameter(
            f"unknown column(s) {error.args[0]}; choose from {', '.join(registry)}", param_hint="--columns"
        ) from None


def _defaults(
    output_format: OutputFormat | None, output: str, compact: Sequence[str], full: Sequence[str]
) -> Sequence[str]:
    """Tables for people get the compact set; CSV and JSON, made for programs, get all columns."""
    machine = output_format in (OutputFormat.CSV, OutputFormat.JSON, OutputFormat.XLSX) or (
        output_format is None and Path(output).suffix.lower() in (".csv", ".json", ".xlsx")
    )
    return full if machine else compact


def guarded(run: Callable[[], int]) -> None:
    """Run a command body and exit with its code; unusable input is exit 2, never a traceback."""
    # A command builds large acyclic data (parsed YAML, models, rows) and exits: the cyclic
    # collector would rescan it all as it grows (a fifth to a quarter of the time at 10,000
    # criteria) and find nothing, since reference counting frees all of it. Back on after.
    collecting = gc.isenabled()
    gc.disable()
    try:
        code = run()
    except InputError as error:
        code = report_input_error(error)
    except KeyboardInterrupt:
        _stderr("interrupted")
        code = 130
    finally:
        if collecting:
            gc.enable()
    raise Exit(code)


# --- commands ---------------------------------------------------------------------------


@app.command()
def validate(
    baseline: BaselineOpt = None,
    targets: TargetsOpt = None,
    results: ResultsOpt = None,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit 1).")] = False,
    output_format: FormatOpt = None,
    output: OutputOpt = "-",
) -> None:
    """Check the plan's files and their consistency: exit 0 valid, 1 warnings under --strict, 2 errors."""

    def run() -> int:
        try:
            plan = load_plan(baseline, targets, results)
            problems: Sequence[Problem] = plan.problems
        except InputError as error:
            problems = error.problems
        emit(lambda lang: validation_report(problems), output_format, output, LangChoice.en)
        errors = [p for p in problems if p.severity == "error"]
        if errors:
            if output != "-" or output_format not in (None, OutputFormat.TEXT, OutputFormat.TABLE):
                # The report went to a file or a machine format: say why on stderr too.
                report_input_error(InputError(errors))
            return UNUSABLE
        if strict and problems:
            return FAILED
        return OK

    guarded(run)


def _selected_rows(
    baseline: Path | None,
    targets: Path | None,
    index: list[IndexChoice] | None,
    owner: str | None,
    level: LevelChoice,
) -> tuple[Plan, list[Row]]:
    """The gap rows that ``gap`` shows and ``rank`` orders, after the common filters."""
    plan = load_plan(baseline, targets)
    _require_valid(plan)
    rows = filter_rows(
        gap_rows(plan.baseline, plan.targets),
        indices=[i.value for i in index or ()],
        owner=owner,
        bodies=plan.targets.bodies_by_id,
        level=level.value,
    )
    return plan, rows


@app.command()
def gap(
    baseline: BaselineOpt = None,
    targets: TargetsOpt = None,
    index: IndexOpt = None,
    owner: OwnerOpt = None,
    level: LevelOpt = LevelChoice.all,
    columns: ColumnsOpt = None,
    output_format: FormatOpt = None,
    output: OutputOpt = "-",
    lang: LangOpt = LangChoice.vi,
    decimal_comma: CommaOpt = False,
    bom: BomOpt = False,
) -> None:
    """Where the points are lost: headroom to the maximum, planned increase, target."""
    chosen = _columns(GAP_COLUMNS, columns, _defaults(output_format, output, GAP_DEFAULT, GAP_ALL))

    def run() -> int:
        plan, rows = _selected_rows(baseline, targets, index, owner, level)
        emit(
            lambda lang_: gap_report(rows, plan.baseline, plan.targets, chosen, lang_),
            output_format,
            output,
            lang,
            decimal_comma,
            bom,
        )
        return OK

    guarded(run)


@app.command()
def rank(
    baseline: BaselineOpt = None,
    targets: TargetsOpt = None,
    by: Annotated[RankBy, typer.Option("--by", help="What to rank by.")] = RankBy.headroom,
    top: Annotated[int | None, typer.Option("--top", min=1, help="Only the first N of each group.")] = None,
    ascending: Annotated[bool, typer.Option("--ascending", help="Smallest first.")] = False,
    across: Annotated[bool, typer.Option("--across", help="One ranking across all indices.")] = False,
    index: IndexOpt = None,
    owner: OwnerOpt = None,
    level: LevelOpt = LevelChoice.all,
    columns: ColumnsOpt = None,
    output_format: FormatOpt = None,
    output: OutputOpt = "-",
    lang: LangOpt = LangChoice.vi,
    decimal_comma: CommaOpt = False,
    bom: BomOpt = False,
) -> None:
    """Which criteria matter most: ranked within each index (or --across all)."""
    chosen = _columns(GAP_COLUMNS, columns, _defaults(output_format, output, GAP_DEFAULT, GAP_ALL))
    key: RankKey = by.value

    def run() -> int:
        plan, rows = _selected_rows(baseline, targets, index, owner, level)
        ranked = rank_rows(rows, key, ascending=ascending, across=across, top=top)
        emit(
            lambda lang_: rank_report(ranked, plan.baseline, plan.targets, chosen, lang_, by.value, across),
            output_format,
            output,
            lang,
            decimal_comma,
            bom,
        )
        return OK

    guarded(run)


@app.command()
def check(
    results: Annotated[
        Path,
        typer.Option("--results", metavar="FILE", help="Results YAML (the baseline schema, a later year)."),
    ],
    baseline: BaselineOpt = None,
    targets: TargetsOpt = None,
    require_all: Annotated[
        bool, typer.Option("--require-all", help="A target without data fails too.")
    ] = False,
    index: IndexOpt = None,
    columns: ColumnsOpt = None,
    output_format: FormatOpt = None,
    output: OutputOpt = "-",
    lang: LangOpt = LangChoice.vi,
    decimal_comma: CommaOpt = False,
    bom: BomOpt = False,
) -> None:
    """Which targets were met: exit 0 none missed, 1 a target missed, 2 unusable input."""
    chosen = _columns(
        CHECK_COLUMNS, columns, _defaults(output_format, output, CHECK_DEFAULT, tuple(CHECK_COLUMNS))
    )

    def run() -> int:
        try:
            plan = load_plan(baseline, targets, results)
            _require_valid(plan)
        except InputError as error:
            if output_format is OutputFormat.GITHUB:
                # In CI a broken file is annotated on its line too; stderr still says why.
                notes = problem_annotations(error.problems)
                emit(lambda _: Report("check", (), annotations=notes), output_format, output, lang)
            raise
        assert plan.results is not None
        checks = check_targets(plan.baseline, plan.targets, plan.results)
        wanted = {i.value for i in index or ()}
        if wanted:
            checks = [c for c in checks if c.index in wanted]
        later = plan.results

        def build(lang_: Lang) -> Report:
            built = check_report(checks, plan.baseline, plan.targets, later, chosen, lang_)
            if output_format is not OutputFormat.GITHUB:
                return built
            # Placing a finding builds a file's position map (a second parse): CI only.
            placed = check_annotations(checks, plan.targets, later, plan.documents, require_all=require_all)
            return replace(built, annotations=placed)

        emit(
            build,
            output_format,
            output,
            lang,
            decimal_comma,
            bom,
        )
        counts = check_summary(checks)
        if counts["missed"] or (require_all and counts["no-data"]):
            return FAILED
        return OK

    guarded(run)


@app.command()
def report(
    baseline: BaselineOpt = None,
    targets: TargetsOpt = None,
    results: ResultsOpt = None,
    output_format: FormatOpt = None,
    output: OutputOpt = "-",
    lang: LangOpt = LangChoice.vi,
    decimal_comma: CommaOpt = False,
) -> None:
    """One Markdown document for the People's Committee: totals, rankings, problems, owners, deadlines."""
    if output_format not in (None, OutputFormat.MARKDOWN, OutputFormat.TABLE, OutputFormat.TEXT):
        raise BadParameter(
            "the report is a Markdown document: use markdown (or table/text)", param_hint="--format"
        )

    def run() -> int:
        from parplan.report import ReportInput, report_markdown

        plan = load_plan(baseline, targets, results)
        _require_valid(plan)
        checks = check_targets(plan.baseline, plan.targets, plan.results) if plan.results else None
        data = ReportInput(
            plan.baseline,
            plan.targets,
            gap_rows(plan.baseline, plan.targets),
            plan.warnings,
            checks,
            plan.results,
        )

        def build(lang_: Lang) -> Report:
            options = Options(lang=lang_, decimal_comma=decimal_comma)
            return Report("report", (), text=report_markdown(data, options))

        emit(
            build,
            output_format or (OutputFormat.MARKDOWN if output == "-" and not _stdout_is_tty() else None),
            output,
            lang,
            decimal_comma,
        )
        return OK

    guarded(run)


class SchemaKind(StrEnum):
    baseline = "baseline"
    targets = "targets"
    results = "results"


@app.command()
def schema(
    kind: Annotated[SchemaKind, typer.Argument(help="Which file kind.")],
    output: OutputOpt = "-",
) -> None:
    """Print the JSON Schema of a file kind, for editors (yaml-language-server) and other tools."""
    from parplan.schema import Kind, schema_text

    chosen: Kind = kind.value

    def run() -> int:
        text = schema_text(chosen)
        if output == "-":
            sys.stdout.write(text)
        else:
            write_atomic(Path(output), text.encode("utf-8"))
        return OK

    guarded(run)


class ChartKindChoice(StrEnum):
    bars = "bars"
    radar = "radar"


CHART_SUFFIXES = {".png": "png", ".svg": "svg"}
MISSING_MATPLOTLIB = "charts need matplotlib, an optional extra: pip install 'parplan[charts]'"


@app.command()
def chart(
    output: Annotated[str, typer.Option("--output", "-o", help="The image to write: FILE.png or FILE.svg.")],
    baseline: BaselineOpt = None,
    targets: TargetsOpt = None,
    kind: Annotated[
        ChartKindChoice,
        typer.Option(
            "--kind", help="bars: score, target and maximum per criterion; radar: the PAPI dimensions."
        ),
    ] = ChartKindChoice.bars,
    index: IndexOpt = None,
    lang: LangOpt = LangChoice.vi,
) -> None:
    """Draw the plan: bars per criterion sorted by headroom, or the PAPI radar (needs parplan[charts])."""
    image_format = CHART_SUFFIXES.get(Path(output).suffix.lower())
    if image_format is None:
        raise BadParameter(f"write the chart to a .png or .svg file, not {output!r}", param_hint="--output")
    if kind is ChartKindChoice.radar and index is not None and len(index) > 1:
        raise BadParameter("a radar draws one index; give --index once", param_hint="--index")

    def run() -> int:
        try:
            from parplan.chart import NothingToChart, draw
        except ModuleNotFoundError as error:
            if (error.name or "").split(".")[0] != "matplotlib":
                raise
            _stderr(MISSING_MATPLOTLIB)
            return UNUSABLE
        plan = load_plan(baseline, targets)
        _require_valid(plan)
        rows = gap_rows(plan.baseline, plan.targets)
        titles = index_titles(plan.baseline, lang.value)
        try:
            data = draw(
                kind.value,
                rows,
                titles,
                image_format="png" if image_format == "png" else "svg",
                lang=lang.value,
                years=(plan.baseline.year, plan.targets.year),
                indices=[i.value for i in index or ()],
                heading=f"{plan.baseline.province} {plan.baseline.year}",
            )
        except NothingToChart as error:
            _stderr(f"error: {error}")
            return UNUSABLE
        write_atomic(Path(output), data)
        return OK

    guarded(run)
