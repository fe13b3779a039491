"""The options several commands share, each declared once, and the language of their help.

typer reads a command's options from its function's signature. The plan's files, the rows
chosen (``--index``, ``--owner``, ``--level``) and how an answer is written (``--columns``,
``--format``, ``--output``, ``--lang``, ``--decimal-comma``, ``--bom``) are the same options in
many commands, so a command that takes them is declared with :func:`takes_shared`: its function
lists only its own options, the shared ones it names are added to the signature typer reads,
and they reach it together as one :class:`Shared`.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Literal

import typer

from parplan.core.output import Destination, format_names
from parplan.vocab.i18n import NC_, Lang, chosen_language, tr
from parplan.vocab.problems import Msg

HELP_LANG: Lang = chosen_language(sys.argv[1:])
"""The language of option and command help, fixed when typer builds them."""


META_FILE = tr(HELP_LANG, NC_("metavar", "FILE"))
META_XLSX = tr(HELP_LANG, NC_("metavar", "FILE.xlsx"))
META_FILES = tr(HELP_LANG, NC_("metavar", "FILES…"))
META_DIR = tr(HELP_LANG, NC_("metavar", "DIR"))
META_ID = tr(HELP_LANG, NC_("metavar", "ID"))
META_YEAR = tr(HELP_LANG, NC_("metavar", "YEAR"))
"""Metavars in the help's language: the Vietnamese help's descriptions say TỆP, THƯ-MỤC, MÃ and
NĂM, so its option lines and usage do too (a context keeps "ID" apart from the column "Mã")."""


def help_text(key: str) -> str:
    """A help text from the message catalogue, in the help's language."""
    return Msg(key).text(HELP_LANG)


def new_app(name: str, help_key: str, **settings: Any) -> typer.Typer:
    """A typer app as parplan's are: help without rich markup, no pretty tracebacks (a
    traceback is never shown), help when no command is given."""
    return typer.Typer(
        name=name,
        help=help_text(help_key),
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        **settings,
    )


class LangChoice(StrEnum):
    vi = "vi"
    en = "en"


def lang_for_commands(ctx: typer.Context, lang: LangChoice) -> None:
    """A group's ``--lang`` (``parplan --lang en gap``, ``parplan units --lang en rank``) is the
    default of its commands' own ``--lang``; one given to the command itself still wins."""
    names = getattr(ctx.command, "commands", {})
    ctx.default_map = {**(ctx.default_map or {}), **{name: {"lang": lang.value} for name in names}}


class LevelChoice(StrEnum):
    fields = "fields"
    all = "all"


def format_option(command: str) -> Any:
    """``--format``, listing and completing the formats ``command`` writes."""
    names = format_names(command)
    return typer.Option(
        "--format",
        "-f",
        metavar="|".join(names),
        autocompletion=lambda incomplete: [n for n in names if n.startswith(incomplete)],
        help=help_text("help-format"),
    )


def _complete_index(incomplete: str) -> list[str]:
    """Index ids of the bundled plan: ids are data, so completion reads them from the plan."""
    from parplan.core.api import load_plan
    from parplan.vocab.problems import InputError

    try:
        ids = load_plan().index_ids
    except InputError:  # pragma: no cover - the bundled plan loads
        return []
    return [i for i in ids if i.startswith(incomplete)]


BaselineOpt = Annotated[
    Path | None, typer.Option("--baseline", metavar=META_FILE, help=help_text("help-baseline"))
]
TargetsOpt = Annotated[
    Path | None, typer.Option("--targets", metavar=META_FILE, help=help_text("help-targets"))
]
ResultsOpt = Annotated[
    Path | None, typer.Option("--results", metavar=META_FILE, help=help_text("help-results"))
]
IndexOpt = Annotated[
    list[str] | None,
    typer.Option("--index", metavar=META_ID, autocompletion=_complete_index, help=help_text("help-index")),
]
OwnerOpt = Annotated[str | None, typer.Option("--owner", metavar="TEXT", help=help_text("help-owner"))]
LevelOpt = Annotated[LevelChoice, typer.Option("--level", help=help_text("help-level"))]
ColumnsOpt = Annotated[str | None, typer.Option("--columns", metavar="KEYS", help=help_text("help-columns"))]
OutputOpt = Annotated[str, typer.Option("--output", "-o", metavar=META_FILE, help=help_text("help-output"))]
LangOpt = Annotated[LangChoice, typer.Option("--lang", envvar="PARPLAN_LANG", help=help_text("help-lang"))]
CommaOpt = Annotated[bool, typer.Option("--decimal-comma", help=help_text("help-comma"))]
BomOpt = Annotated[bool, typer.Option("--bom", help=help_text("help-bom"))]


def _declared(command: str) -> dict[str, tuple[object, object]]:
    """Every shared option as ``command`` declares it, with its default, in help's order."""
    return {
        "baseline": (BaselineOpt, None),
        "targets": (TargetsOpt, None),
        "results": (ResultsOpt, None),
        "index": (IndexOpt, None),
        "owner": (OwnerOpt, None),
        "level": (LevelOpt, LevelChoice.all),
        "columns": (ColumnsOpt, None),
        "output_format": (Annotated[str | None, format_option(command)], None),
        "output": (OutputOpt, "-"),
        "lang": (LangOpt, LangChoice.vi),
        "decimal_comma": (CommaOpt, False),
        "bom": (BomOpt, False),
    }


FILES = ("baseline", "targets", "results")
"""The plan's files: help lists them after a command's required options, before its others."""
ROWS = ("index", "owner", "level")
"""Which criteria a table shows."""
WRITE = ("output_format", "output", "lang", "decimal_comma", "bom")
"""How an answer is written (``--columns`` aside): help lists these last."""


@dataclass(frozen=True)
class Shared:
    """The shared options a command takes, as the user gave them (the others at their defaults)."""

    command: str
    baseline: Path | None = None
    targets: Path | None = None
    results: Path | None = None
    index: tuple[str, ...] = ()
    owner: str | None = None
    level: Literal["fields", "all"] = "all"
    columns: str | None = None
    output_format: str | None = None
    output: str = "-"
    lang: Lang = "vi"
    decimal_comma: bool = False
    bom: bool = False

    @property
    def files(self) -> tuple[Path | None, Path | None, Path | None]:
        """Baseline, targets and results (None: the bundled file, or no results)."""
        return self.baseline, self.targets, self.results

    def destination(self, inputs: Sequence[Path]) -> Destination:
        """The checked destination (format, output, options); ``inputs`` may not be the output."""
        return Destination(
            self.command,
            self.output_format,
            self.output,
            self.lang,
            self.decimal_comma,
            self.bom,
            inputs=inputs,
        )


def _value(name: str, given: Any) -> Any:
    """An option's value as :class:`Shared` holds it: a choice as its text, no index as ()."""
    if name == "index":
        return tuple(given or ())
    return given.value if isinstance(given, StrEnum) else given


def _signature(body: Callable[..., None], command: str, take: Sequence[str]) -> inspect.Signature:
    """The signature typer reads: the command's required options, the plan's files, its other
    options, then the rows and the writing (the order of its ``--help``)."""
    declared = _declared(command)
    keyword = inspect.Parameter.KEYWORD_ONLY
    shared = {
        name: inspect.Parameter(name, keyword, annotation=annotation, default=default)
        for name, (annotation, default) in declared.items()
        if name in take
    }
    own = [p for p in inspect.signature(body, eval_str=True).parameters.values() if p.name != "shared"]
    required = [p for p in own if p.default is p.empty]
    optional = [p for p in own if p.default is not p.empty]
    files = [shared.pop(name) for name in FILES if name in shared]
    parameters = [*required, *files, *optional, *shared.values()]
    return inspect.Signature([p.replace(kind=keyword) for p in parameters])


def takes_shared(command: str, take: Sequence[str]) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Declare a command with shared options: ``body(own…, *, shared)`` becomes the function
    typer reads, whose options are the body's own and the shared ones it ``take``s; those reach
    the body as one :class:`Shared`."""
    names = [name for name in _declared(command) if name in take]

    def declare(body: Callable[..., None]) -> Callable[..., None]:
        def command_line(**values: Any) -> None:
            given = {name: _value(name, values.pop(name)) for name in names}
            body(**values, shared=Shared(command, **given))

        command_line.__name__ = body.__name__
        command_line.__doc__ = body.__doc__
        command_line.__signature__ = _signature(body, command, take)  # type: ignore[attr-defined]
        return command_line

    return declare


__all__ = [
    "FILES",
    "HELP_LANG",
    "META_DIR",
    "META_FILE",
    "META_FILES",
    "META_ID",
    "META_XLSX",
    "META_YEAR",
    "ROWS",
    "WRITE",
    "BaselineOpt",
    "IndexOpt",
    "LangChoice",
    "LangOpt",
    "LevelChoice",
    "OutputOpt",
    "ResultsOpt",
    "Shared",
    "TargetsOpt",
    "format_option",
    "help_text",
    "lang_for_commands",
    "new_app",
    "takes_shared",
]
