"""typer's own words ("Usage:", "Options:", "Error: Invalid value for …") in the user's language.

Why patterns and not typer's gettext marks. typer (0.29) writes help and usage errors with a
copy of click it carries (``typer._click``), from which click's gettext marks were taken out:
"Usage:", "Error:", "Try '…' for help.", "Invalid value for …", "No such option", "Missing
option", the ``[default: …]`` brackets and the metavars have no mark to bind. ``typer/core.py``
marks ten words of its own ("Options", "Commands", "default: {default}", "required", …), but
through ``gettext.gettext``, the process-wide function whose language is the environment's
(``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``) and whose catalogue is the process's one
``textdomain``: parplan could route them only by taking over the text domain of every library in
the process and writing the language into ``os.environ``, where ``--lang`` would have to change
it for each in-process run (tests, the API's callers) and it would leak to them.

So the command line installs :func:`install` before typer builds anything, and the help, the
usage line and each usage error pass through :func:`translate`, which finds typer's and click's
phrases by pattern (help is wrapped to the terminal's width) and writes each one as parplan's
gettext catalogue says: the English phrase is the msgid, its Vietnamese is in ``parplan.po``
beside every other word, and ``--lang en`` / ``PARPLAN_LANG=en`` leave typer's English as it is.
:data:`PHRASES` is a table (pattern → msgid), data rather than code.
"""

from __future__ import annotations

import importlib
import io
import re
from collections.abc import Callable
from functools import cache
from typing import Any

from parplan.vocab.i18n import N_, Lang, tr

PHRASES: tuple[tuple[str, str], ...] = (
    # A pattern, and the msgid that replaces what it matches: the msgid's {fields} are the
    # pattern's named groups; a group named "pre" (indentation, spacing) is kept as it is.
    (r"(?m)^Usage: ", N_("Usage: ")),
    (r"(?m)^(?P<pre>\s*)Options:$", N_("Options:")),
    (r"(?m)^(?P<pre>\s*)Commands:$", N_("Commands:")),
    (r"(?m)^(?P<pre>\s*)Arguments:$", N_("Arguments:")),
    (r"\[OPTIONS\]", N_("[OPTIONS]")),
    (r"COMMAND \[ARGS\]\.\.\.", N_("COMMAND [ARGS]...")),
    (r"<int range>", N_("<int range>")),
    (r"(?<=\s)INTEGER RANGE\b", N_("INTEGER RANGE")),
    (r"(?<=\s)INTEGER\b", N_("INTEGER")),
    (r"(?<=\s)TEXT\b", N_("TEXT")),
    (r"\bx>=(?P<min>\d+)", N_("x>={min}")),
    (r"Show\s+this\s+message\s+and\s+exit\.", N_("Show this message and exit.")),
    (
        r"Install\s+completion\s+for\s+the\s+current\s+shell\.",
        N_("Install completion for the current shell."),
    ),
    (
        r"Show\s+completion\s+for\s+the\s+current\s+shell,\s+to\s+copy\s+it\s+or\s+customize\s+the\s+installation\.",
        N_("Show completion for the current shell, to copy it or customize the installation."),
    ),
    (r"\[env\s+var:(?P<post>\s)", N_("[env var:")),
    (r"\(env var: (?P<var>'[^']+')\)", N_("(env var: {var})")),
    (r"\[default:(?P<post>\s)", N_("[default:")),
    (r"(?<=;)(?P<pre>\s+)default:(?P<post>\s)", N_("default:")),
    (r"\[required\]", N_("[required]")),
    (r"Try\s+'(?P<command>[^']+)'\s+for\s+help\.", N_("Try '{command}' for help.")),
    (r"(?m)^Error: ", N_("Error: ")),
    (r"Invalid value for (?P<param>[^:]+): ", N_("Invalid value for {param}: ")),
    (r"Invalid value: ", N_("Invalid value: ")),
    (r"No such option: (?P<option>\S+)", N_("No such option: {option}")),
    (r"No such command '(?P<command>[^']+)'\.", N_("No such command '{command}'.")),
    (r"\(Possible options: ", N_("(Possible options: ")),
    (r"Did you mean (?P<options>[^?]+)\?", N_("Did you mean {options}?")),
    # an option with two names is shown as '--output' / '-o': the names stay as they are
    (r"Missing option '(?P<option>[^']+(?:' / '[^']+)*)'\.", N_("Missing option '{option}'.")),
    (r"Missing argument '(?P<argument>[^']+)'\.", N_("Missing argument '{argument}'.")),
    (r"Missing command\.", N_("Missing command.")),
    (
        r"Got unexpected extra arguments?(?:\(s\))? \((?P<arguments>[^)]*)\)",
        N_("Got unexpected extra arguments ({arguments})"),
    ),
    # typer checks values with pydantic: its words for the errors an option's value can have
    (r"Value error, ", ""),
    (
        r"Input should be a valid integer, unable to parse string as an integer",
        N_("Input should be a valid integer, unable to parse string as an integer"),
    ),
    (r"Input should be a valid integer", N_("Input should be a valid integer")),
    (
        r"Input should be greater than or equal to (?P<min>\S+)",
        N_("Input should be greater than or equal to {min}"),
    ),
    (
        r"Input should be less than or equal to (?P<max>\S+)",
        N_("Input should be less than or equal to {max}"),
    ),
    (r"Option '(?P<option>[^']+)' requires an argument\.", N_("Option '{option}' requires an argument.")),
    (r"'(?P<value>[^']*)' is not one of (?P<choices>.+?)\.", N_("'{value}' is not one of {choices}.")),
    (r"'(?P<value>[^']*)' is not a valid integer( range)?\.", N_("'{value}' is not a valid integer.")),
    (r"(?P<value>\S+) is not in the range (?P<range>\S+)\.", N_("{value} is not in the range {range}.")),
    (r"(?m)^Aborted!$", N_("Aborted!")),
)
"""typer's phrases, each with the msgid of its words; their Vietnamese is in the catalogue."""


@cache
def _compiled() -> tuple[tuple[re.Pattern[str], str], ...]:
    """The phrases compiled when first needed: English, and every command that shows no help
    or usage error, never pays for it."""
    return tuple((re.compile(pattern), msgid) for pattern, msgid in PHRASES)


def _replacement(msgid: str, lang: Lang) -> Callable[[re.Match[str]], str]:
    def replace(match: re.Match[str]) -> str:
        fields = match.groupdict()
        pre, post = fields.pop("pre", None) or "", fields.pop("post", None) or ""
        words = tr(lang, msgid).format(**fields) if msgid else ""
        return pre + words + post

    return replace


def translate(text: str, lang: Lang = "vi") -> str:
    """The text with typer's English phrases in ``lang``; anything else is left as it is."""
    if tr(lang, "Usage: ") == "Usage: ":
        return text  # English: typer's own words are the msgids
    for pattern, msgid in _compiled():
        text = pattern.sub(_replacement(msgid, lang), text)
    return text


def _translated(method: Callable[..., str], lang: Callable[[], Lang]) -> Callable[..., str]:
    def wrapper(*args: Any, **kwargs: Any) -> str:
        return translate(method(*args, **kwargs), lang())

    return wrapper


def _shown_translated(show: Callable[..., None], lang: Callable[[], Lang]) -> Callable[..., None]:
    """An error's ``show`` writing to a buffer first, then the translation to the real file."""

    def wrapper(self: Any, file: Any = None) -> None:
        buffer = io.StringIO()
        show(self, file=buffer)
        text = translate(buffer.getvalue(), lang())
        if file is None:
            import sys

            file = sys.stderr
        file.write(text)

    return wrapper


def _hinted(format_message: Callable[[Any], str]) -> Callable[[Any], str]:
    """A bad value names the option as it was given: typer's hint for an option with an
    environment variable adds "(env var: 'PARPLAN_LANG')" wherever the value came from, which
    tells the user of ``--lang xx`` to look in the environment. The variable stays in the hint
    only when the value came from it (or came from nowhere: a missing option)."""

    def wrapper(self: Any) -> str:
        param, ctx = self.param, self.ctx
        if self.param_hint is None and getattr(param, "envvar", None) and ctx is not None and param.name:
            source = ctx.get_parameter_source(param.name)
            if source is not None and source.name == "COMMANDLINE":
                self.param_hint = " / ".join(f"'{name}'" for name in param.opts)
        return format_message(self)

    return wrapper


def install(lang: Callable[[], Lang]) -> None:
    """Put typer's words in the language ``lang()`` says when they are shown: Vietnamese, or
    left as they are for English (``--lang en``, ``PARPLAN_LANG=en``)."""
    try:
        core = importlib.import_module("typer._click.core")
        exceptions = importlib.import_module("typer._click.exceptions")
    except ImportError:  # a typer that uses click itself: its words stay English
        return
    if getattr(core.Command.get_help, "__parplan__", False):
        return  # already installed (a test imports the CLI twice)
    for owner, name in ((core.Command, "get_help"), (core.Command, "get_usage")):
        wrapped = _translated(getattr(owner, name), lang)
        wrapped.__parplan__ = True  # type: ignore[attr-defined]
        setattr(owner, name, wrapped)
    exceptions.UsageError.show = _shown_translated(exceptions.UsageError.show, lang)
    exceptions.BadParameter.format_message = _hinted(exceptions.BadParameter.format_message)
