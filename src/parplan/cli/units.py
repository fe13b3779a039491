"""``parplan units …``: the province's own index of its departments and communes (issue 19).

Options and commands only, over :mod:`parplan.core.units`; the writing, the formats and the
exit codes are the main CLI's (:mod:`parplan.cli.main`), imported when a command runs, so
``parplan gap`` does not pay for this sub-app at start-up and neither module needs the other
to be imported first.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from typer import BadParameter

from parplan.cli.options import (
    META_DIR,
    META_FILE,
    META_FILES,
    META_ID,
    META_XLSX,
    META_YEAR,
    WRITE,
    LangChoice,
    LangOpt,
    Shared,
    lang_for_commands,
    new_app,
    takes_shared,
)
from parplan.cli.options import help_text as _h
from parplan.vocab.document import Lang
from parplan.vocab.problems import msg

if TYPE_CHECKING:
    from collections.abc import Callable

    from parplan.core.output import Destination
    from parplan.core.units import UnitsRun
    from parplan.vocab.document import Report


app = new_app("units", "help-units")

UnitsOpt = Annotated[Path, typer.Option("--units", metavar=META_FILE, help=_h("help-units-file"))]
ScoresOpt = Annotated[Path, typer.Option("--scores", metavar=META_FILE, help=_h("help-scores"))]
PreviousOpt = Annotated[Path | None, typer.Option("--previous", metavar=META_FILE, help=_h("help-previous"))]
DEFAULT_UNITS = Path("units.yaml")


def _inputs(*paths: Path | None) -> list[Path]:
    return [p for p in paths if p is not None]


def _load(units: Path, scores: Path, previous: Path | None, lang: Lang) -> UnitsRun:
    """Load everything (every problem at once, exit 2); the warnings are said on stderr."""
    from parplan.cli.main import to_stderr
    from parplan.core.units import load_run

    run = load_run(units, scores, previous)
    for problem in run.warnings:
        to_stderr(problem.format(lang))
    return run


def _emit(
    shared: Shared,
    files: tuple[Path, Path, Path | None],
    ask: Callable[[UnitsRun, Destination], Report],
) -> None:
    """The path rank, gap, appraisal and report share: the destination checked, the units and
    their scores loaded (``files``: units, scores, the previous year's), the answer written."""
    from parplan.cli.main import OK, guarded

    def run() -> int:
        where = shared.destination(_inputs(*files))
        where.emit(ask(_load(*files, shared.lang), where))
        return OK

    guarded(run, shared.lang)


@app.callback()
def units_group(ctx: typer.Context, lang: LangOpt = LangChoice.vi) -> None:
    """``--lang`` is accepted here too, so ``parplan units --help --lang en`` answers in English
    (the help's language is read from the command line before typer builds it), and
    ``parplan units --lang en rank`` (or ``parplan --lang en units rank``) in English too."""
    lang_for_commands(ctx, lang)


@app.command("init", help=_h("help-units-init"))
def init(
    folder: Annotated[Path, typer.Argument(metavar=META_DIR, help=_h("help-init-dir"))],
    province: Annotated[str, typer.Option("--province", metavar="NAME", help=_h("help-province"))],
    year: Annotated[int, typer.Option("--year", metavar=META_YEAR, help=_h("help-year"))],
    lang: LangOpt = LangChoice.vi,
) -> None:
    """Write units.yaml and scores_YEAR.csv's header; never overwrites."""
    from parplan.cli.main import OK, guarded, tell_written
    from parplan.core.units import init_texts, write_init

    chosen: Lang = lang.value

    def run() -> int:
        try:
            init_texts(province, year, chosen)
        except ValueError as error:
            raise BadParameter(str(error), param_hint="--year/--province") from None
        tell_written(write_init(folder, province, year, chosen), chosen)
        return OK

    guarded(run, chosen)


@app.command("rank", help=_h("help-units-rank"))
@takes_shared("units rank", WRITE)
def rank(
    scores: ScoresOpt,
    units: UnitsOpt = DEFAULT_UNITS,
    previous: PreviousOpt = None,
    block: Annotated[str | None, typer.Option("--block", metavar=META_ID, help=_h("help-block"))] = None,
    *,
    shared: Shared,
) -> None:
    """The league table per block; exit 0, or 2 on unusable input."""
    from parplan.core.output import is_machine_format

    def ask(loaded: UnitsRun, where: Destination) -> Report:
        known = [b.id for b in loaded.units.blocks]
        if block is not None and block not in known:
            message = msg("u-no-block", block=repr(block), known=", ".join(known))
            raise BadParameter(message.text(shared.lang), param_hint="--block")
        return loaded.rank(shared.lang, block=block, full=is_machine_format(where.format))

    _emit(shared, (units, scores, previous), ask)


@app.command("gap", help=_h("help-units-gap"))
@takes_shared("units gap", WRITE)
def gap(
    scores: ScoresOpt,
    units: UnitsOpt = DEFAULT_UNITS,
    unit: Annotated[str | None, typer.Option("--unit", metavar=META_ID, help=_h("help-unit"))] = None,
    *,
    shared: Shared,
) -> None:
    """Where a unit, or the province, loses its points."""
    _emit(shared, (units, scores, None), lambda loaded, _where: loaded.gap(shared.lang, unit=unit))


def _tolerance(value: str | None, lang: Lang) -> Decimal | None:
    if value is None:
        return None
    try:
        number = Decimal(value.strip())
    except InvalidOperation:
        number = Decimal(-1)
    if not number.is_finite() or number < 0:
        raise BadParameter(msg("u-not-decimal", value=repr(value)).text(lang), param_hint="--tolerance")
    return number


@app.command("appraisal", help=_h("help-units-appraisal"))
@takes_shared("units appraisal", WRITE)
def appraisal(
    scores: ScoresOpt,
    units: UnitsOpt = DEFAULT_UNITS,
    tolerance: Annotated[
        str | None, typer.Option("--tolerance", metavar="POINTS", help=_h("help-tolerance"))
    ] = None,
    *,
    shared: Shared,
) -> None:
    """The council's working list: self above appraised by more than the tolerance."""
    limit = _tolerance(tolerance, shared.lang)
    _emit(
        shared, (units, scores, None), lambda loaded, _where: loaded.appraisal(shared.lang, tolerance=limit)
    )


@app.command("chart", help=_h("help-units-chart"))
def chart(
    output: Annotated[str, typer.Option("--output", "-o", metavar=META_FILE, help=_h("help-chart-output"))],
    scores: ScoresOpt,
    units: UnitsOpt = DEFAULT_UNITS,
    lang: LangOpt = LangChoice.vi,
) -> None:
    """Draw the heatmap of units x fields as PNG or SVG (needs parplan[charts])."""
    from parplan.cli.main import CHART_SUFFIXES, OK, UNUSABLE, guarded, to_stderr
    from parplan.core.output import refuse_input_as_output, write_file

    chosen: Lang = lang.value
    image_format = CHART_SUFFIXES.get(Path(output).suffix.lower())
    if image_format is None:
        raise BadParameter(msg("chart-file", output=repr(output)).text(chosen), param_hint="--output")

    def run() -> int:
        refuse_input_as_output(Path(output), _inputs(units, scores))
        from parplan.vocab.i18n import writes_decimal_comma

        try:
            from parplan.render.chart import draw
        except ModuleNotFoundError as error:
            if (error.name or "").split(".")[0] != "matplotlib":
                raise
            to_stderr(msg("no-matplotlib").text(chosen))
            return UNUSABLE
        loaded = _load(units, scores, None, chosen)
        data = draw(
            loaded.heatmap(chosen),
            "png" if image_format == "png" else "svg",
            lang=chosen,
            comma=writes_decimal_comma(chosen),
        )
        write_file(Path(output), data)
        return OK

    guarded(run, chosen)


@app.command("report", help=_h("help-units-report"))
@takes_shared("units report", WRITE[:-1])
def report(
    scores: ScoresOpt,
    units: UnitsOpt = DEFAULT_UNITS,
    previous: PreviousOpt = None,
    *,
    shared: Shared,
) -> None:
    """The announcement of the year's results (Markdown, Word or HTML)."""
    from parplan.core.output import stdout_is_tty
    from parplan.vocab.document import OutputFormat
    from parplan.vocab.i18n import writes_decimal_comma

    piped = shared.output == "-" and shared.output_format is None and not stdout_is_tty()
    requested = OutputFormat.MARKDOWN.value if piped else shared.output_format
    suffix = Path(shared.output).suffix.lower()
    document = requested in (OutputFormat.DOCX.value, OutputFormat.HTML.value) or suffix in (
        ".docx",
        ".html",
        ".htm",
    )
    comma = shared.decimal_comma or (document and writes_decimal_comma(shared.lang))
    _emit(
        replace(shared, output_format=requested, decimal_comma=comma),
        (units, scores, previous),
        lambda loaded, where: loaded.report(shared.lang, decimal_comma=where.options.decimal_comma),
    )


@app.command("sheet", help=_h("help-units-sheet"))
def sheet(
    units: UnitsOpt = DEFAULT_UNITS,
    unit: Annotated[str | None, typer.Option("--unit", metavar=META_ID, help=_h("help-unit-id"))] = None,
    every: Annotated[bool, typer.Option("--all", help=_h("help-sheet-all"))] = False,
    folder: Annotated[Path | None, typer.Option("--to", metavar=META_DIR, help=_h("help-sheet-to"))] = None,
    appraisal: Annotated[bool, typer.Option("--appraisal", help=_h("help-sheet-appraisal"))] = False,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar=META_XLSX, help=_h("help-sheet-output"))
    ] = None,
    lang: LangOpt = LangChoice.vi,
) -> None:
    """Write the units' self-assessment workbooks; never over a file."""
    from parplan.cli.main import OK, guarded, tell_written
    from parplan.core.unit_sheets import sheet_files, write_sheets

    chosen: Lang = lang.value
    one = unit is not None and output is not None and not every and not appraisal and folder is None
    council = appraisal and output is not None and unit is None and not every and folder is None
    each = every and folder is not None and unit is None and not appraisal and output is None
    if not (one or council or each):
        raise BadParameter(msg("sheet-choice").text(chosen), param_hint="--unit/--all/--appraisal")
    if output is not None and output.suffix.lower() != ".xlsx":
        raise BadParameter(msg("workbook-file", output=repr(str(output))).text(chosen), param_hint="--output")

    def run() -> int:
        files = sheet_files(units, unit=unit, folder=folder, output=output, appraisal=appraisal)
        tell_written(write_sheets(files), chosen)
        return OK

    guarded(run, chosen)


@app.command("collect", help=_h("help-units-collect"))
def collect(
    workbooks: Annotated[list[Path], typer.Argument(metavar=META_FILES, help=_h("help-collect-files"))],
    output: Annotated[
        Path, typer.Option("--output", "-o", metavar=META_FILE, help=_h("help-collect-output"))
    ],
    units: UnitsOpt = DEFAULT_UNITS,
    appraised: Annotated[bool, typer.Option("--appraised", help=_h("help-appraised"))] = False,
    lang: LangOpt = LangChoice.vi,
) -> None:
    """Read the returned workbooks into scores_YEAR.csv (or .yaml): every problem placed in its cell."""
    from parplan.cli.main import OK, guarded, tell_written, to_stderr
    from parplan.core.output import refuse_input_as_output, write_file
    from parplan.core.unit_sheets import collected

    chosen: Lang = lang.value

    def run() -> int:
        refuse_input_as_output(output, [units, *workbooks])
        data, warnings = collected(units, workbooks, output, appraised=appraised)
        for problem in warnings:
            to_stderr(problem.format(chosen))
        write_file(output, data)
        tell_written([output], chosen)
        return OK

    guarded(run, chosen)


@app.command("plan", help=_h("help-units-plan"))
def plan(
    unit: Annotated[str, typer.Option("--unit", metavar=META_ID, help=_h("help-unit-id"))],
    folder: Annotated[Path, typer.Option("--to", metavar=META_DIR, help=_h("help-plan-to"))],
    scores: ScoresOpt,
    units: UnitsOpt = DEFAULT_UNITS,
    lang: LangOpt = LangChoice.vi,
) -> None:
    """Write the unit's baseline and targets files; never over a file."""
    from parplan.cli.main import OK, guarded, tell_written
    from parplan.core.unit_plan import plan_files, write_unit_plan

    chosen: Lang = lang.value

    def run() -> int:
        tell_written(write_unit_plan(plan_files(units, scores, unit, folder, chosen)), chosen)
        return OK

    guarded(run, chosen)


__all__ = ["app"]
