"""Dates in a report are the catalogue's words: each language's pattern and month names.

The Vietnamese pattern pads the day and gives January and February a leading zero, as Decree 30
writes dates; a translator edits those in the .po, so a list with a month missing must be caught
here rather than as an IndexError in a report.
"""

from __future__ import annotations

import datetime as dt

import pytest

from parplan.report.form import MONTHS, SHORT_MONTHS, long_date, short_date
from parplan.vocab.i18n import LANGS, Lang, tr


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("months", [MONTHS, SHORT_MONTHS])
def test_each_language_names_twelve_months(lang: Lang, months: str) -> None:
    names = tr(lang, months).split("|")
    assert len(names) == 12
    assert all(name.strip() == name and name for name in names)


@pytest.mark.parametrize(
    ("date", "vi", "en"),
    [
        (dt.date(2025, 7, 20), "20/7/2025", "20 Jul 2025"),
        (dt.date(2025, 2, 5), "05/02/2025", "5 Feb 2025"),
        (dt.date(2026, 1, 31), "31/01/2026", "31 Jan 2026"),
        (dt.date(2025, 12, 1), "01/12/2025", "1 Dec 2025"),
    ],
)
def test_table_dates(date: dt.date, vi: str, en: str) -> None:
    assert short_date(date, "vi") == vi
    assert short_date(date, "en") == en


def test_long_dates_in_english_and_blank() -> None:
    assert long_date(dt.date(2025, 3, 9), "en") == "9 March 2025"
    assert long_date(dt.date(2025, 3, 9), "vi") == "ngày 09 tháng 3 năm 2025"
    assert long_date(None, "en") == "… … …"
    assert long_date(None, "vi") == "ngày … tháng … năm …"
