"""The letters of another script in an id are named by one public function of the reading layer.

``reading/units.py`` quoted a unit's id through ``validation._lookalikes``, a private name of
another module; it is now :func:`parplan.reading.validation.lookalike_letters`, used by both.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from parplan.reading import units, validation
from parplan.reading.validation import lookalike_letters

SOURCE = Path(__file__).parent.parent / "src" / "parplan"


@pytest.mark.parametrize(
    ("value", "named"),
    [
        ("p\u0430r.1", " (U+0430 CYRILLIC SMALL LETTER A)"),
        ("par.1", ""),
        ("Sở Nội vụ", ""),  # Vietnamese letters are Latin with marks: not named
        (12, ""),
        (
            "\u03b1\u03b2\u03b3\u03b4",
            " (U+03B1 GREEK SMALL LETTER ALPHA, U+03B2 GREEK SMALL LETTER BETA, "
            "U+03B3 GREEK SMALL LETTER GAMMA)",
        ),  # three at most
        ("\u0430\u0430", " (U+0430 CYRILLIC SMALL LETTER A)"),  # each letter once
    ],
)
def test_lookalike_letters_names_letters_of_another_script(value: object, named: str) -> None:
    assert lookalike_letters(value) == named


def test_the_units_reader_quotes_ids_through_the_public_function() -> None:
    assert "lookalike_letters" in validation.__all__
    assert units.shown_id("so-n\u043ei-vu") == "'so-n\u043ei-vu' (U+043E CYRILLIC SMALL LETTER O)"
    private = re.compile(r"from parplan\.reading\.validation import [^\n]*\b_\w")
    assert [p.name for p in SOURCE.rglob("*.py") if private.search(p.read_text(encoding="utf-8"))] == []
