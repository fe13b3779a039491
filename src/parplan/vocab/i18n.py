"""The languages parplan speaks, and the one catalogue every word a user reads goes through.

English is the msgid; the Vietnamese is in ``parplan/locale/vi/LC_MESSAGES/parplan.po``, a
gettext catalogue a translator edits with Poedit or Weblate, compiled to the ``.mo`` beside it
and shipped in the wheel. Only the standard library's :mod:`gettext` runs here, so start-up
stays light; Babel extracts and compiles the catalogue at development time
(``python tools/catalogue.py``). A word is marked for extraction with :func:`N_` where it is
defined, and translated with :func:`tr` where it is shown, in the language the user chose.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Literal

Lang = Literal["vi", "en"]
"""A language parplan speaks: Vietnamese (the default) or English."""
LANGS: tuple[Lang, ...] = ("vi", "en")
DOMAIN = "parplan"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
"""Where the compiled catalogues live inside the installed package."""


def N_(msgid: str) -> str:
    """Mark an English msgid for extraction where it is defined; it is translated when shown."""
    return msgid


@cache
def catalogue(lang: Lang) -> gettext.NullTranslations:
    """The translations of ``lang``, read once. English is the msgid itself; a Vietnamese
    catalogue missing from the package is a packaging bug, so it raises rather than fall back
    to English unseen."""
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang])


CONTEXT = "\x04"
"""gettext's separator of a msgctxt and its msgid, as the compiled catalogue keys them."""


def NC_(context: str, msgid: str) -> str:
    """Mark a msgid that one place translates otherwise than the others (``NC_("deadlines",
    "Responsible")``): the context travels with it, as the .mo keys it, until :func:`tr`."""
    return f"{context}{CONTEXT}{msgid}"


def tr(lang: Lang, msgid: str) -> str:
    """``msgid`` (English, maybe with its context from :func:`NC_`) in ``lang``."""
    if not msgid:
        return msgid  # gettext maps "" to the catalogue's header
    return catalogue(lang).gettext(msgid).rpartition(CONTEXT)[2]


def name_in(lang: Lang, name: str, name_en: str | None) -> str:
    """A plan's name in a language: the English name when there is one, else the Vietnamese.
    The plan's own words, not the catalogue's: the file gives both."""
    return name_en if lang == "en" and name_en else name


def writes_decimal_comma(lang: Lang) -> bool:
    """Whether a document in ``lang`` writes ``9,2779``: Vietnamese documents do, English don't."""
    return lang == "vi"


def chosen_language(argv: Sequence[str]) -> Lang:
    """The language a command line asks for before typer has parsed it (help is built, and a
    Ctrl-C answered, before that): ``--lang en``, else ``PARPLAN_LANG``, else Vietnamese."""
    for n, word in enumerate(argv):
        if word == "--lang" and n + 1 < len(argv):
            return "en" if argv[n + 1] == "en" else "vi"
        if word.startswith("--lang="):
            return "en" if word == "--lang=en" else "vi"
    return "en" if os.environ.get("PARPLAN_LANG") == "en" else "vi"
