"""The commands as the core runs them: one path from a plan's files to a written answer.

The CLI parses options, calls these, prints what they say (``say``) and maps their verdict to
an exit code; a notebook gets the same answer, byte for byte, from the same methods of
:class:`~parplan.core.api.Plan` (``plan.check(...).render("markdown")``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from parplan.core.api import Answer, PathLike, Plan, load_plan
from parplan.core.files import write_files
from parplan.core.output import Destination, write_output
from parplan.report.annotate import problem_annotations
from parplan.vocab import rules
from parplan.vocab.document import Lang, OutputFormat, Tables
from parplan.vocab.problems import InputError, Msg, Problem, msg

A = TypeVar("A", bound=Answer)
Say = Callable[[str], None]
"""How a command says something beside its answer: the CLI writes it on stderr."""


def answer(
    where: Destination,
    files: tuple[PathLike | None, PathLike | None, PathLike | None],
    ask: Callable[[Plan], A],
    say: Say,
) -> A:
    """Load the plan (baseline, targets, results), refuse it if it has errors, say how many
    warnings it has, ask it, say the answer's notes, and write the answer where it goes.

    gap, rank, check, trend and report all take this path.
    """
    try:
        plan = analysed(files, say, where.lang)
    except InputError as error:
        if where.format is OutputFormat.GITHUB:
            # In CI a broken file is annotated on its line too; stderr still says why.
            where.emit(Tables(where.command, (), annotations=problem_annotations(error.problems, where.lang)))
        raise
    result = ask(plan)
    for problem in result.notes:
        say(problem.format(where.lang))
    write_output(result.render_with(where.format, where.options), where.output)
    return result


def analysed(
    files: tuple[PathLike | None, PathLike | None, PathLike | None], say: Say, lang: Lang = "vi"
) -> Plan:
    """A plan loaded for an analysis: refused with errors (their numbers would mislead), its
    warnings counted in one line."""
    plan = load_plan(*files)
    plan.require_valid()
    note = warnings_note(plan)
    if note is not None:
        say(note.text(lang))
    return plan


def warnings_note(plan: Plan) -> Msg | None:
    """Analyses run on a plan with warnings; the warnings are mentioned once, briefly."""
    count = len(plan.warnings)
    return msg("plan-warnings", count=count, plural="s" if count != 1 else "") if count else None


def existing_files(paths: Sequence[Path], *, force_hint: bool = False) -> list[Problem]:
    """Each file that exists already, as a problem: a plan half typed in is never overwritten."""
    hint = Msg("force-hint") if force_hint else Msg("blank")
    return [
        Problem(str(path), None, None, None, rules.FILE_EXISTS, Msg("exists", {"hint": hint}))
        for path in paths
        if path.exists() or path.is_symlink()
    ]


def plan_texts(plan: Plan, folder: Path) -> dict[Path, str]:
    """The plan as the YAML files ``import`` writes: ``baseline_YEAR.yaml``, ``targets_YEAR.yaml``,
    and ``results_YEAR.yaml`` in the short form when the plan has results (the results sheet)."""
    from parplan.core.dumping import dump_yaml
    from parplan.reading.shortresults import shorten

    texts = {
        folder / f"baseline_{plan.baseline.year}.yaml": yaml_file_text("baseline", dump_yaml(plan.baseline)),
        folder / f"targets_{plan.targets.year}.yaml": yaml_file_text("targets", dump_yaml(plan.targets)),
    }
    if plan.results is not None:
        short = shorten(plan.results)
        texts[folder / f"results_{short.year}.yaml"] = yaml_file_text("results", dump_yaml(short))
    return texts


def yaml_file_text(kind: str, body: str) -> str:
    """A written plan file: its schema line (the scaffold's), then the YAML."""
    from parplan.core.scaffold import schema_line

    return f"{schema_line(kind)}\n{body}"


def write_plan(plan: Plan, folder: Path, *, force: bool = False) -> list[Path]:
    """Write a plan's YAML files into ``folder`` (``parplan import``), with the schemas their
    ``$schema`` lines name, as ``init`` writes them (:func:`parplan.core.scaffold.with_schemas`:
    an identical schema already there is left alone); the paths written.

    A plan with errors is refused, and so are existing files (a different schema among them)
    unless ``force``: both raise :class:`~parplan.vocab.problems.InputError` before anything is
    written.
    """
    from parplan.core.scaffold import with_schemas

    plan.require_valid()
    texts = plan_texts(plan, folder)
    # One transaction (parplan.core.files): the files and the schemas their first lines name,
    # as init writes them, or nothing; the folder made only then.
    files = with_schemas({path: text.encode("utf-8") for path, text in texts.items()})
    return write_files(files, overwrite=force, make_folders=True, exists_hint=Msg("force-hint"))


__all__ = [
    "Say",
    "analysed",
    "answer",
    "existing_files",
    "plan_texts",
    "warnings_note",
    "write_plan",
    "yaml_file_text",
]
