"""``parplan units …``: the province's own index of its departments and communes (issue 19).

Options and commands only, over :mod:`parplan.core.units`; the writing, the formats and the
exit codes are the main CLI's (:mod:`parplan.cli.main`), imported when a command runs, so
``parplan gap`` does not pay for this sub-app at start-up and neither module needs the other
to be imported first.
"""

from __future__ import annotations

import sys
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from typer import BadParameter

from parplan.core.output import format_names
from parplan.vocab.document import Lang
from parplan.vocab.i18n import chosen_language
from parplan.vocab.problems import Msg, msg

if TYPE_CHECKING:
    from parplan.core.units import UnitsRun


_HELP: Lang = chosen_language(sys.argv[1:])


def _h(key: str) -> str:
    return Msg(key).text(_HELP)


app = typer.Typer(
    name="units",
    help=_h("help-units"),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class Language(StrEnum):
    vi = "vi"
    en = "en"


def _format(command: str) -> object:
    names = format_names(command)
    return typer.Option(
        "--format",
        "-f",
        metavar="|".join(names),
        autocompletion=lambda incomplete: [n for n in names if n.startswith(incomplete)],
        help=_h("help-format"),
    )


UnitsOpt = Annotated[Path, typer.Option("--units", metavar="FILE", help=_h("help-units-file"))]
ScoresOpt = Annotated[Path, typer.Option("--scores", metavar="FILE", help=_h("help-scores"))]
PreviousOpt = Annotated[Path | None, typer.Option("--previous", metavar="FILE", help=_h("help-previous"))]
OutputOpt = Annotated[str, typer.Option("--output", "-o", metavar="FILE", help=_h("help-output"))]
LangOpt = Annotated[Language, typer.Option("--lang", envvar="PARPLAN_LANG", help=_h("help-lang"))]
CommaOpt = Annotated[bool, typer.Option("--decimal-comma", help=_h("help-comma"))]
BomOpt = Annotated[bool, typer.Option("--bom", help=_h("help-bom"))]
DEFAULT_UNITS = Path("units.yaml")


def _inputs(*paths: Path | None) -> list[Path]:
    return [p for p in paths if p is not None]


def _load(units: Path, scores: Path, previous: Path | None, lang: Lang) -> UnitsRun:
    """Load everything (every problem at once, exit 2); the warnings are said on stderr."""
    from parplan.cli.main import _stderr
    from parplan.core.units import load_run

    run = load_run(units, scores, previous)
    for problem in run.warnings:
        _stderr(problem.format(lang))
    return run


@app.callback()
def units_group(_lang: LangOpt = Language.vi) -> None:
    """``--lang`` is accepted here too, so ``parplan units --help --lang en`` answers in English
    (the help's language is read from the command line before typer builds it)."""


@app.command("init", help=_h("help-units-init"))
def init(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help=_h("help-init-dir"))],
    province: Annotated[str, typer.Option("--province", metavar="NAME", help=_h("help-province"))],
    year: Annotated[int, typer.Option("--year", metavar="YEAR", help=_h("help-year"))],
    lang: LangOpt = Language.vi,
) -> None:
    """Write units.yaml and scores_YEAR.csv's header; never overwrites."""
    from parplan.cli.main import OK, _wrote, guarded
    from parplan.core.units import init_texts, write_init

    chosen: Lang = "en" if lang.value == "en" else "vi"

    def run() -> int:
        try:
            init_texts(province, year, chosen)
        except ValueError as error:
            raise BadParameter(str(error), param_hint="--year/--province") from None
        _wrote(write_init(folder, province, year, chosen), chosen)
        return OK

    guarded(run, chosen)


@app.command("rank", help=_h("help-units-rank"))
def rank(
    scores: ScoresOpt,
    units: UnitsOpt = DEFAULT_UNITS,
    previous: PreviousOpt = None,
    block: Annotated[str | None, typer.Option("--block", metavar="ID", help=_h("help-block"))] = None,
    output_format: Annotated[str | None, _format("units rank")] = None,
    output: OutputOpt = "-",
    lang: LangOpt = Language.vi,
    decimal_comma: CommaOpt = False,
    bom: BomOpt = False,
) -> None:
    """The league table per block; exit 0, or 2 on unusable input."""
    from parplan.cli.main import OK, guarded
    from parplan.core.output import Destination, is_machine_format

    chosen: Lang = "en" if lang.value == "en" else "vi"

    def run() -> int:
        where = Destination(
            "units rank",
            output_format,
            output,
            chosen,
            decimal_comma,
            bom,
            inputs=_inputs(units, scores, previous),
        )
        loaded = _load(units, scores, previous, chosen)
        known = [b.id for b in loaded.units.blocks]
        if block is not None and block not in known:
            message = msg("u-no-block", block=repr(block), known=", ".join(known))
            raise BadParameter(message.text(chosen), param_hint="--block")
        where.emit(loaded.rank(chosen, block=block, full=is_machine_format(where.format)))
        return OK

    guarded(run, chosen)


@app.command("gap", help=_h("help-units-gap"))
def gap(
    scores: ScoresOpt,
    units: UnitsOpt = DEFAULT_UNITS,
    unit: Annotated[str | None, typer.Option("--unit", metavar="ID", help=_h("help-unit"))] = None,
    output_format: Annotated[str | None, _format("units gap")] = None,
    output: OutputOpt = "-",
    lang: LangOpt = Language.vi,
    decimal_comma: CommaOpt = False,
    bom: BomOpt = False,
) -> None:
    """Where a unit, or the province, loses its points."""
    from parplan.cli.main import OK, guarded
    from parplan.core.output import Destination

    chosen: Lang = "en" if lang.value == "en" else "vi"

    def run() -> int:
        where = Destination(
            "units gap", output_format, output, chosen, decimal_comma, bom, inputs=_inputs(units, scores)
        )
        loaded = _load(units, scores, None, chosen)
        where.emit(loaded.gap(chosen, unit=unit))
        return OK

    guarded(run, chosen)


def _tolerance(value: str | None) -> Decimal | None:
    if value is None:
        return None
    try:
        number = Decimal(value.strip())
    except InvalidOperation:
        number = Decimal(-1)
    if not number.is_finite() or number < 0:
        raise BadParameter(msg("u-not-decimal", value=repr(value)).text(_HELP))
    return number


@app.command("appraisal", help=_h("help-units-appraisal"))
def appraisal(
    scores: ScoresOpt,
    units: UnitsOpt = DEFAULT_UNITS,
    tolerance: Annotated[
        str | None, typer.Option("--tolerance", metavar="POINTS", help=_h("help-tolerance"))
    ] = None,
    output_format: Annotated[str | None, _format("units appraisal")] = None,
    output: OutputOpt = "-",
    lang: LangOpt = Language.vi,
    decimal_comma: CommaOpt = False,
    bom: BomOpt = False,
) -> None:
    """The council's working list: self above appraised by more than the tolerance."""
    from parplan.cli.main import OK, guarded
    from parplan.core.output import Destination

    chosen: Lang = "en" if lang.value == "en" else "vi"
    limit = _tolerance(tolerance)

    def run() -> int:
        where = Destination(
            "units appraisal",
            output_format,
            output,
            chosen,
            decimal_comma,
            bom,
            inputs=_inputs(units, scores),
        )
        loaded = _load(units, scores, None, chosen)
        where.emit(loaded.appraisal(chosen, tolerance=limit))
        return OK

    guarded(run, chosen)


@app.command("chart", help=_h("help-units-chart"))
def chart(
    output: Annotated[str, typer.Option("--output", "-o", metavar="FILE", help=_h("help-chart-output"))],
    scores: ScoresOpt,
    units: UnitsOpt = DEFAULT_UNITS,
    lang: LangOpt = Language.vi,
) -> None:
    """Draw the heatmap of units x fields as PNG or SVG (needs parplan[charts])."""
    from parplan.cli.main import CHART_SUFFIXES, OK, UNUSABLE, _stderr, guarded
    from parplan.core.output import refuse_input_as_output, write_file

    chosen: Lang = "en" if lang.value == "en" else "vi"
    image_format = CHART_SUFFIXES.get(Path(output).suffix.lower())
    if image_format is None:
        raise BadParameter(msg("chart-file", output=repr(output)).text(chosen), param_hint="--output")

    def run() -> int:
        refuse_input_as_output(Path(output), _inputs(units, scores))
        try:
            from parplan.render.chart import draw
        except ModuleNotFoundError as error:
            if (error.name or "").split(".")[0] != "matplotlib":
                raise
            _stderr(msg("no-matplotlib").text(chosen))
            return UNUSABLE
        loaded = _load(units, scores, None, chosen)
        data = draw(
            loaded.heatmap(chosen),
            "png" if image_format == "png" else "svg",
            lang=chosen,
            comma=chosen == "vi",
        )
        write_file(Path(output), data)
        return OK

    guarded(run, chosen)


@app.command("report", help=_h("help-units-report"))
def report(
    scores: ScoresOpt,
    units: UnitsOpt = DEFAULT_UNITS,
    previous: PreviousOpt = None,
    output_format: Annotated[str | None, _format("units report")] = None,
    output: OutputOpt = "-",
    lang: LangOpt = Language.vi,
    decimal_comma: CommaOpt = False,
) -> None:
    """The announcement of the year's results (Markdown, Word or HTML)."""
    from parplan.cli.main import OK, guarded
    from parplan.core.output import Destination, stdout_is_tty
    from parplan.vocab.document import OutputFormat

    chosen: Lang = "en" if lang.value == "en" else "vi"

    def run() -> int:
        piped = output == "-" and output_format is None and not stdout_is_tty()
        requested = OutputFormat.MARKDOWN.value if piped else output_format
        document = requested in (OutputFormat.DOCX.value, OutputFormat.HTML.value) or Path(
            output
        ).suffix.lower() in (
            ".docx",
            ".html",
            ".htm",
        )
        where = Destination(
            "units report",
            requested,
            output,
            chosen,
            decimal_comma or (document and chosen == "vi"),
            inputs=_inputs(units, scores, previous),
        )
        loaded = _load(units, scores, previous, chosen)
        where.emit(loaded.report(chosen, decimal_comma=where.options.decimal_comma))
        return OK

    guarded(run, chosen)


@app.command("sheet", help=_h("help-units-sheet"))
def sheet(
    units: UnitsOpt = DEFAULT_UNITS,
    unit: Annotated[str | None, typer.Option("--unit", metavar="ID", help=_h("help-unit-id"))] = None,
    every: Annotated[bool, typer.Option("--all", help=_h("help-sheet-all"))] = False,
    folder: Annotated[Path | None, typer.Option("--to", metavar="DIR", help=_h("help-sheet-to"))] = None,
    appraisal: Annotated[bool, typer.Option("--appraisal", help=_h("help-sheet-appraisal"))] = False,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE.xlsx", help=_h("help-output"))
    ] = None,
    lang: LangOpt = Language.vi,
) -> None:
    """Write the units' self-assessment workbooks; never over a file."""
    from parplan.cli.main import OK, _wrote, guarded
    from parplan.core.unit_sheets import sheet_files, write_sheets

    chosen: Lang = "en" if lang.value == "en" else "vi"
    one = unit is not None and output is not None and not every and not appraisal and folder is None
    council = appraisal and output is not None and unit is None and not every and folder is None
    each = every and folder is not None and unit is None and not appraisal and output is None
    if not (one or council or each):
        raise BadParameter(msg("sheet-choice").text(chosen), param_hint="--unit/--all/--appraisal")
    if output is not None and output.suffix.lower() != ".xlsx":
        raise BadParameter(msg("workbook-file", output=repr(str(output))).text(chosen), param_hint="--output")

    def run() -> int:
        files = sheet_files(units, unit=unit, folder=folder, output=output, appraisal=appraisal)
        _wrote(write_sheets(files), chosen)
        return OK

    guarded(run, chosen)


@app.command("collect", help=_h("help-units-collect"))
def collect(
    workbooks: Annotated[list[Path], typer.Argument(metavar="FILES…", help=_h("help-collect-files"))],
    output: Annotated[Path, typer.Option("--output", "-o", metavar="FILE", help=_h("help-collect-output"))],
    units: UnitsOpt = DEFAULT_UNITS,
    appraised: Annotated[bool, typer.Option("--appraised", help=_h("help-appraised"))] = False,
    lang: LangOpt = Language.vi,
) -> None:
    """Read the returned workbooks into scores_YEAR.csv (or .yaml): every problem placed in its cell."""
    from parplan.cli.main import OK, _stderr, _wrote, guarded
    from parplan.core.output import refuse_input_as_output, write_file
    from parplan.core.unit_sheets import collected

    chosen: Lang = "en" if lang.value == "en" else "vi"

    def run() -> int:
        refuse_input_as_output(output, [units, *workbooks])
        data, warnings = collected(units, workbooks, output, appraised=appraised)
        for problem in warnings:
            _stderr(problem.format(chosen))
        write_file(output, data)
        _wrote([output], chosen)
        return OK

    guarded(run, chosen)


@app.command("plan", help=_h("help-units-plan"))
def plan(
    unit: Annotated[str, typer.Option("--unit", metavar="ID", help=_h("help-unit-id"))],
    folder: Annotated[Path, typer.Option("--to", metavar="DIR", help=_h("help-plan-to"))],
    scores: ScoresOpt,
    units: UnitsOpt = DEFAULT_UNITS,
    lang: LangOpt = Language.vi,
) -> None:
    """Write the unit's baseline and targets files; never over a file."""
    from parplan.cli.main import OK, _wrote, guarded
    from parplan.core.unit_plan import plan_files, write_unit_plan

    chosen: Lang = "en" if lang.value == "en" else "vi"

    def run() -> int:
        _wrote(write_unit_plan(plan_files(units, scores, unit, folder, chosen)), chosen)
        return OK

    guarded(run, chosen)


__all__ = ["app"]
