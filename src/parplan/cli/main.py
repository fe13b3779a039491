"""The ``parplan`` command line: it parses options, calls the core, prints, and exits.

Every policy (which columns, which format, the decimal comma, ``--ignore``, ``check``'s
verdict, what is said beside an answer, the files ``import`` writes) is the core's
(:mod:`parplan.core`), so the Python API answers as the command does. A command here builds
a :class:`~parplan.core.output.Destination` from its options, calls
:func:`parplan.core.commands.answer` with the method of the plan a notebook user calls, and
maps the answer to an exit code: 0 fine, 1 a check failed, 2 unusable input, usage or
output. Bad input never shows a traceback: an :class:`~parplan.vocab.problems.InputError`
becomes one line per problem on stderr. What stays here is the command line's own: typer's
options and help, the language of the help, the spinner, and the exit codes.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
import threading
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from typer import BadParameter, Exit

from parplan.cli.group import lazy_group
from parplan.cli.options import (
    FILES,
    META_DIR,
    META_FILE,
    META_XLSX,
    META_YEAR,
    ROWS,
    WRITE,
    BaselineOpt,
    IndexOpt,
    LangChoice,
    LangOpt,
    OutputOpt,
    ResultsOpt,
    Shared,
    TargetsOpt,
    lang_for_commands,
    new_app,
    takes_shared,
)
from parplan.cli.options import help_text as _h
from parplan.cli.words import install as install_words
from parplan.core.api import (
    Answer,
    Plan,
    UnknownColumns,
    UnknownIndex,
    asked_columns,
    export_workbook,
    ignored_codes,
    import_workbook,
    input_files,
    load_plan,
)
from parplan.core.api import validate as validate_files
from parplan.core.commands import analysed, answer, existing_files, write_plan
from parplan.core.output import COMMAND_FORMATS, UsageProblem, write_file, write_stdout
from parplan.entry import interruptible
from parplan.vocab.document import LANGS, Lang, OutputFormat
from parplan.vocab.i18n import chosen_language
from parplan.vocab.paths import shown_path
from parplan.vocab.problems import InputError, Msg, OutputError, Problem, msg

OK, FAILED, UNUSABLE = 0, 1, 2
A = TypeVar("A", bound=Answer)


install_words(lambda: chosen_language(sys.argv[1:]))

commands = new_app("parplan", "help-app")
"""The commands, declared here; the root group builds each one when it is asked for."""
app = new_app("parplan", "help-app", cls=lazy_group(commands, {"units": "parplan.cli.units"}))


class RankBy(StrEnum):
    headroom = "headroom"
    headroom_pct = "headroom-pct"
    increase = "increase"
    rank = "rank"
    ambition = "ambition"


def _version(value: bool) -> None:
    if value:
        from parplan import __version__

        typer.echo(f"parplan {__version__}")
        raise Exit(OK)


@app.callback()
def main(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help=_h("help-version")),
    ] = False,
    lang: Annotated[
        LangChoice | None, typer.Option("--lang", envvar="PARPLAN_LANG", help=_h("help-lang"))
    ] = None,
) -> None:
    """Gap analysis of a province's PAR INDEX, SIPAS and PAPI plan."""
    if lang is not None:
        lang_for_commands(ctx, lang)


# --- assembling -------------------------------------------------------------------------


def to_stderr(text: str) -> None:
    """A message on stderr, as UTF-8 whatever the locale; a closed or broken stderr is let be
    (the exit code still says what happened)."""
    line = (text if text.endswith("\n") else text + "\n").encode("utf-8")
    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stderr.flush()
        sys.stderr.buffer.write(line)
        sys.stderr.buffer.flush()


def report_problems(problems: Sequence[Problem], lang: Lang = "vi") -> int:
    for problem in problems:
        to_stderr(problem.format(lang))
    return UNUSABLE


def _stderr_is_tty() -> bool:
    try:
        return sys.stderr.isatty()
    except (ValueError, AttributeError):
        return False


@contextlib.contextmanager
def working(lang: Lang, delay: float = 1.0) -> Iterator[None]:
    """A spinner on stderr for a command that takes over ``delay`` seconds, on a terminal only.

    Never in a pipe, a file or CI (``CI`` set): there it would be noise in a log. rich is
    imported only once the delay has passed, so a quick command never pays for it.
    """
    if not _stderr_is_tty() or os.environ.get("CI"):
        yield
        return
    lock = threading.Lock()
    shown: list[Any] = []
    done = False

    def start() -> None:
        with lock:
            if done:
                return
            from rich.console import Console

            status = Console(stderr=True).status(msg("working").text(lang))
            status.start()
            shown.append(status)

    timer = threading.Timer(delay, start)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        with lock:
            done = True
            for status in shown:
                status.stop()


def guarded(run: Callable[[], int], lang: Lang = "vi") -> None:
    """Run a command body and exit with its code; unusable input is exit 2, never a traceback."""
    # A command builds large acyclic data (parsed YAML, models, rows) and exits: the cyclic
    # collector would rescan it all as it grows (a fifth to a quarter of the time at 10,000
    # criteria) and find nothing, since reference counting frees all of it. Back on after.
    collecting = gc.isenabled()
    gc.disable()
    try:
        with interruptible(), working(lang), warnings.catch_warnings():
            # A library's own warning (openpyxl on a date cell out of range) is English and
            # says nothing parplan's placed problem does not: the reader sees parplan's words.
            warnings.simplefilter("ignore")
            code = run()
    except InputError as error:
        code = report_problems(error.problems, lang)
    except OutputError as error:
        code = report_problems((error.problem,), lang)
    except UsageProblem as error:
        raise BadParameter(error.message.text(lang), param_hint=error.option) from None
    except UnknownColumns as error:
        message = msg("unknown-columns", columns=", ".join(error.unknown), known=", ".join(error.known))
        raise BadParameter(message.text(lang), param_hint="--columns") from None
    except UnknownIndex as error:
        message = msg("unknown-index", unknown=", ".join(error.unknown), known=", ".join(error.known))
        raise BadParameter(message.text(lang), param_hint="--index") from None
    except KeyboardInterrupt:
        to_stderr(msg("interrupted").text(lang))
        code = 130
    finally:
        if collecting:
            gc.enable()
    raise Exit(code)


# --- commands ---------------------------------------------------------------------------


@commands.command(help=_h("help-validate"))
@takes_shared("validate", (*FILES, "output_format", "output", "lang"))
def validate(
    strict: Annotated[bool, typer.Option("--strict", help=_h("help-strict"))] = False,
    ignore: Annotated[
        list[str] | None, typer.Option("--ignore", metavar="CODE", help=_h("help-ignore"))
    ] = None,
    *,
    shared: Shared,
) -> None:
    """Check the plan's files and their consistency: exit 0 valid, 1 warnings under --strict, 2 errors."""

    def run() -> int:
        skipped = sorted(ignored_codes(ignore or ()))
        where = shared.destination(input_files(*shared.files))
        found = validate_files(*shared.files, ignore=skipped, lang=shared.lang)
        where.emit(found.table.report)
        if not found.valid:
            if shared.output != "-" or where.format not in (OutputFormat.TEXT, OutputFormat.TABLE):
                # The report went to a file or a machine format: say why on stderr too.
                report_problems([p for p in found.problems if p.severity == "error"], shared.lang)
            return UNUSABLE
        if found.failed(strict):
            return FAILED
        return OK

    guarded(run, shared.lang)


def _fine(_answer: Answer) -> int:
    return OK


def _answer(
    shared: Shared, ask: Callable[[Plan, tuple[str, ...] | None], A], verdict: Callable[[A], int] = _fine
) -> None:
    """The path gap, rank, check, trend and report share: the destination checked, the columns
    checked, then the core's :func:`~parplan.core.commands.answer`; ``verdict`` is the exit code."""

    def run() -> int:
        where = shared.destination(input_files(*shared.files))
        chosen = asked_columns(shared.command, shared.columns)
        return verdict(answer(where, shared.files, lambda plan: ask(plan, chosen), to_stderr))

    guarded(run, shared.lang)


TABLE = ("columns", *WRITE)
"""A table's writing: ``--columns`` and the rest."""


@commands.command(help=_h("help-gap"))
@takes_shared("gap", (*FILES[:2], *ROWS, *TABLE))
def gap(*, shared: Shared) -> None:
    """Where the points are lost: headroom to the maximum, planned increase, target."""
    _answer(
        shared,
        lambda plan, columns: plan.gaps(
            index=shared.index, owner=shared.owner, level=shared.level, lang=shared.lang, columns=columns
        ),
    )


@commands.command(help=_h("help-rank"))
@takes_shared("rank", (*FILES[:2], *ROWS, *TABLE))
def rank(
    by: Annotated[RankBy, typer.Option("--by", help=_h("help-by"))] = RankBy.headroom,
    top: Annotated[int | None, typer.Option("--top", min=1, help=_h("help-top"))] = None,
    ascending: Annotated[bool, typer.Option("--ascending", help=_h("help-ascending"))] = False,
    across: Annotated[bool, typer.Option("--across", help=_h("help-across"))] = False,
    *,
    shared: Shared,
) -> None:
    """Which criteria matter most: ranked within each index (or --across all)."""
    _answer(
        shared,
        lambda plan, columns: plan.rank(
            by.value,
            ascending=ascending,
            across=across,
            top=top,
            index=shared.index,
            owner=shared.owner,
            level=shared.level,
            lang=shared.lang,
            columns=columns,
        ),
    )


@commands.command(help=_h("help-check"))
@takes_shared("check", (*FILES[:2], "index", *TABLE))
def check(
    results: Annotated[Path, typer.Option("--results", metavar=META_FILE, help=_h("help-results"))],
    require_all: Annotated[bool, typer.Option("--require-all", help=_h("help-require-all"))] = False,
    *,
    shared: Shared,
) -> None:
    """Which targets were met: exit 0 none missed, 1 a target missed, 2 unusable input."""
    _answer(
        replace(shared, results=results),
        lambda plan, columns: plan.check(
            index=shared.index, lang=shared.lang, columns=columns, require_all=require_all
        ),
        lambda table: FAILED if table.failed else OK,
    )


@commands.command(help=_h("help-trend"))
@takes_shared("trend", (*FILES, "index", *TABLE))
def trend(*, shared: Shared) -> None:
    """Each index (and criterion where known) year by year, with the change; --results adds that year."""
    _answer(shared, lambda plan, columns: plan.trend(index=shared.index, lang=shared.lang, columns=columns))


@commands.command(help=_h("help-report"))
@takes_shared("report", (*FILES, *WRITE[:-1]))
def report(*, shared: Shared) -> None:
    """The report for the People's Committee: totals, rankings, problems, owners, deadlines."""
    _answer(shared, lambda plan, _columns: plan.report(shared.lang))


class SchemaKind(StrEnum):
    baseline = "baseline"
    targets = "targets"
    results = "results"


@commands.command(help=_h("help-schema"))
def schema(
    kind: Annotated[SchemaKind, typer.Argument(help=_h("help-schema-kind"))],
    output: OutputOpt = "-",
    lang: LangOpt = LangChoice.vi,
) -> None:
    """Print the JSON Schema of a file kind, for editors (yaml-language-server) and other tools."""
    from parplan.reading.schema import Kind, schema_text

    chosen: Kind = kind.value
    if output != "-" and Path(output).suffix.lower() != ".json":
        raise BadParameter(msg("schema-json", output=repr(output)).text(lang.value), param_hint="--output")

    def run() -> int:
        text = schema_text(chosen)
        if output == "-":
            write_stdout(text.encode("utf-8"))
        else:
            write_file(Path(output), text.encode("utf-8"))
        return OK

    guarded(run, lang.value)


class ChartKindChoice(StrEnum):
    bars = "bars"
    radar = "radar"


CHART_SUFFIXES = {".png": "png", ".svg": "svg"}


@commands.command(help=_h("help-chart"))
def chart(
    output: Annotated[str, typer.Option("--output", "-o", metavar=META_FILE, help=_h("help-chart-output"))],
    baseline: BaselineOpt = None,
    targets: TargetsOpt = None,
    kind: Annotated[
        ChartKindChoice,
        typer.Option("--kind", help=_h("help-chart-kind")),
    ] = ChartKindChoice.bars,
    index: IndexOpt = None,
    lang: LangOpt = LangChoice.vi,
) -> None:
    """Draw the plan: bars per criterion sorted by headroom, or the PAPI radar (needs parplan[charts])."""
    image_format = CHART_SUFFIXES.get(Path(output).suffix.lower())
    if image_format is None:
        raise BadParameter(msg("chart-file", output=repr(output)).text(lang.value), param_hint="--output")
    if kind is ChartKindChoice.radar and index is not None and len(index) > 1:
        raise BadParameter(msg("radar-one").text(lang.value), param_hint="--index")

    def run() -> int:
        try:  # matplotlib first: without it, say so before reading anything
            import parplan.render.chart  # noqa: F401
        except ModuleNotFoundError as error:
            if (error.name or "").split(".")[0] != "matplotlib":
                raise
            to_stderr(msg("no-matplotlib").text(lang.value))
            return UNUSABLE
        from parplan.report.figures import NothingToChart

        plan = analysed((baseline, targets, None), to_stderr, lang.value)
        try:
            data = plan.chart(
                kind.value,
                index=index or (),
                lang=lang.value,
                image_format="png" if image_format == "png" else "svg",
            )
        except NothingToChart as error:
            to_stderr(error.message.text(lang.value))
            return UNUSABLE
        write_file(Path(output), data)
        return OK

    guarded(run, lang.value)


# --- a new plan, and the plan as a workbook (issue 14) ----------------------------------


def tell_written(paths: Sequence[Path], lang: Lang) -> None:
    """One line on stderr per file written: stdout stays for data."""
    for path in paths:
        to_stderr(Msg("wrote", {"path": shown_path(path)}).text(lang))


@commands.command(help=_h("help-init"))
def init(
    folder: Annotated[Path, typer.Argument(metavar=META_DIR, help=_h("help-init-dir"))],
    province: Annotated[str, typer.Option("--province", metavar="NAME", help=_h("help-province"))],
    year: Annotated[int, typer.Option("--year", metavar=META_YEAR, help=_h("help-year"))],
    lang: LangOpt = LangChoice.vi,
    xlsx: Annotated[bool, typer.Option("--xlsx", help=_h("help-xlsx"))] = False,
) -> None:
    """Write the files of a new plan: baseline, targets, results (every number null); never overwrites."""
    from parplan.core.files import FilesExist, write_files
    from parplan.core.scaffold import CriteriaSetError, scaffold_files, scaffold_texts

    def run() -> int:
        try:
            texts = scaffold_texts(province, year, lang.value)
        except (CriteriaSetError, ValueError) as error:
            raise BadParameter(str(error), param_hint="--year/--province") from None
        files = scaffold_files(folder, texts)
        if xlsx:
            files[folder / f"plan_{year}.xlsx"] = _scaffold_workbook(texts, lang.value)
        try:
            paths = write_files(files, overwrite=False, make_folders=True)
        except FilesExist as error:
            return report_problems(existing_files(error.paths), lang.value)
        tell_written(paths, lang.value)
        return OK

    guarded(run, lang.value)


def _scaffold_workbook(texts: dict[str, str], lang: Lang) -> bytes:
    """The empty plan as a workbook, made from the scaffold's own files (read from a private
    folder), so it is written in the same transaction as they are."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="parplan-") as private:
        paths = [Path(private) / name for name in texts]
        for path, text in zip(paths, texts.values(), strict=True):
            path.write_text(text, encoding="utf-8")
        return export_workbook(load_plan(paths[0], paths[1]), lang)


@commands.command(help=_h("help-export"))
def export(
    output: Annotated[str, typer.Option("--output", "-o", metavar=META_FILE, help=_h("help-export-output"))],
    baseline: BaselineOpt = None,
    targets: TargetsOpt = None,
    results: ResultsOpt = None,
    lang: LangOpt = LangChoice.vi,
) -> None:
    """Write the plan as an editable workbook: a sheet per index, bodies, lists, the results sheet
    (with --results, filled in) and how to fill it in."""
    if Path(output).suffix.lower() != ".xlsx":
        raise BadParameter(msg("workbook-file", output=repr(output)).text(lang.value), param_hint="--output")

    def run() -> int:
        plan = load_plan(baseline, targets, results)
        plan.require_valid()
        write_file(Path(output), export_workbook(plan, lang.value))
        from parplan.core.workbook import left_out_scores

        for ident in left_out_scores(plan.baseline, plan.results):
            to_stderr(Msg("export-index-score", {"id": ident}).text(lang.value))
        return OK

    guarded(run, lang.value)


@commands.command("import", help=_h("help-import"))
def import_(
    workbook: Annotated[Path, typer.Argument(metavar=META_XLSX, help=_h("help-import-file"))],
    to: Annotated[Path, typer.Option("--to", metavar=META_DIR, help=_h("help-to"))],
    force: Annotated[bool, typer.Option("--force", help=_h("help-force"))] = False,
    lang: LangOpt = LangChoice.vi,
) -> None:
    """Read a plan workbook back into baseline_YEAR.yaml and targets_YEAR.yaml; all or nothing."""

    def run() -> int:
        plan = import_workbook(workbook, display=shown_path(workbook))
        tell_written(write_plan(plan, to, force=force), lang.value)
        if plan.warnings:
            to_stderr(Msg("import-warnings", {"count": len(plan.warnings)}).text(lang.value))
        return OK

    guarded(run, lang.value)


__all__ = ["COMMAND_FORMATS", "LANGS", "app", "guarded", "tell_written", "to_stderr"]
