"""Finds English sentences in text meant to be Vietnamese: the judge of issue 21's "no English
inside Vietnamese", shared by the tests of the catalogue and of the reports.

Vietnamese is written in syllables; with their diacritics taken off many are still English-looking
(``to``, ``the``, ``in``, ``do``), and Vietnamese prose keeps English names of things (PAR INDEX,
SIPAS, Word). So a single English-looking word proves nothing. What does is a *run* of words that
Vietnamese cannot spell: three or more in a row, each either shaped as no Vietnamese syllable can
be (``reported``, ``was``, ``of``, ``score``) or one of English's commonest small words
(``the``, ``not``, ``to``). Code, quoted values, placeholders, file names, addresses and acronyms
are taken out first: they are not prose.
"""

from __future__ import annotations

import re
import unicodedata

_INITIAL = "(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|g|h|k|l|m|n|p|r|s|t|v|x)?"
_NUCLEUS = (
    "(?:uye|uya|uyu|ieu|yeu|oai|oay|oeo|uoi|uou|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|oo|ua|ue|ui|uo|uu|uy|ye"
    "|a|e|i|o|u|y)"
)
_FINAL = "(?:ch|ng|nh|c|m|n|p|t|i|o|u|y)?"
_SYLLABLE = re.compile(f"{_INITIAL}{_NUCLEUS}{_FINAL}")
"""A Vietnamese syllable with its diacritics (and đ) taken off: initial, nucleus, final."""

SMALL_ENGLISH = frozenset(
    [
        "the",
        "to",
        "not",
        "on",
        "in",
        "an",
        "at",
        "by",
        "no",
        "so",
        "can",
        "than",
        "then",
        "that",
        "this",
        "them",
        "they",
        "their",
        "there",
        "these",
        "those",
        "into",
        "onto",
        "from",
        "with",
        "has",
        "have",
        "had",
        "was",
        "were",
        "been",
        "are",
        "is",
        "its",
        "of",
        "for",
        "and",
        "or",
        "but",
        "a",
    ]
)
"""English's commonest small words; some look like Vietnamese syllables, so they are named."""

_NOT_PROSE = (
    r"`[^`]*`",  # code
    r"\bparplan(?: [a-z][a-z-]*)*",  # a command line
    r"\{[^}]*\}",  # placeholders
    r"https?://\S+|\b[\w.-]+\.(?:vn|com|org|net|gov|int)\b\S*",  # addresses
    r"\b[\w.-]+\.(?:ya?ml|csv|json|xlsx|docx|html|md|png|svg|po|mo)\b",  # file names
    r"(?<!\w)--?[a-z][\w-]*",  # options
    r"'[^'\n]*'|\"[^\"\n]*\"|“[^”\n]*”",  # quoted values and titles
    r"\b[\w]+(?:[._][\w]+)+\b",  # ids: kpi.commune_disclosure, so_tu_phap
    r"\b[A-Z][A-Z0-9-]+\b",  # acronyms: PAR, SIPAS, UTF-8
)
_STRIP = re.compile("|".join(_NOT_PROSE))
_TOKEN = re.compile(r"[^\W\d_]+")


def _plain(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def _english(word: str, names: frozenset[str]) -> bool:
    if not word.isascii():
        return False  # a diacritic: Vietnamese (or a name), never English prose
    lower = word.lower()
    if lower in names:
        return False
    return lower in SMALL_ENGLISH or _SYLLABLE.fullmatch(_plain(lower)) is None


def english_runs(text: str, least: int = 3, names: frozenset[str] = frozenset()) -> list[str]:
    """The runs of ``least`` or more English words in a row in ``text`` (empty when none).

    ``names`` are lower-case words that are names in this text (the ids of indices, say)."""
    runs: list[str] = []
    for line in _STRIP.sub(" | ", text).splitlines():
        run: list[str] = []
        for token in re.findall(r"\S+", line):
            words = _TOKEN.findall(token)
            if len(words) == 1 and _english(words[0], names) and token.strip(".,;:!?()[]…—–-") == words[0]:
                run.append(words[0])
                continue
            if len(run) >= least:
                runs.append(" ".join(run))
            run = []
        if len(run) >= least:
            runs.append(" ".join(run))
    return runs
