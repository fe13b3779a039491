"""The state document form around a report (Decree 30/2020/NĐ-CP, Appendix I), in words.

The parts come from the plan's optional ``document:`` mapping; a part it does not give is a
blank the office fills in by hand (``Số:     /BC-UBND``, ``ngày … tháng … năm …``), never a
name parplan invents. The place defaults to the province, the name the Decree gives a
provincial body's place. Dates are written as Vietnamese documents write them: the day
before 10 and the months January and February with a leading zero (``ngày 05 tháng 02 năm
2025``, ``ngày 20 tháng 7 năm 2025``).
"""

from __future__ import annotations

import datetime as dt

from parplan.models.plan import DocumentInfo
from parplan.vocab.document import StateForm
from parplan.vocab.i18n import NC_, Lang, tr

BLANK = "…"
"""One blank for the office to fill."""
BLANK_LINE = "……………………"
"""A blank name: the office writes the agency, the title or the signer."""
NUMBER_BLANK = "    "
"""Where the office writes the number before ``/BC-UBND``."""
SYMBOL = "/BC-UBND"
"""A report (BC) of the People's Committee (UBND), the symbol Decree 30's Appendix III gives."""
COMMITTEE = "ủy ban nhân dân"
MONTHS = NC_(
    "the months in a date, in order, separated by |",
    "January|February|March|April|May|June|July|August|September|October|November|December",
)
"""The months as a date writes them: ``July`` in English; the Vietnamese is each month's number,
with the leading zero the Decree gives January and February only (``01|02|3|…|12``). One msgid:
a translator sees the twelve together, in order."""
SHORT_MONTHS = NC_(
    "the months in a table's date, in order, separated by |",
    "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec",
)
"""The months as a table's date writes them: ``Jul``; the Vietnamese as in :data:`MONTHS`."""


def _month(lang: Lang, months: str, month: int) -> str:
    return tr(lang, months).split("|")[month - 1]


LONG_DATE = NC_("date", "{day} {month} {year}")
"""``20 July 2025``; the Vietnamese ``ngày {day:02d} tháng {month} năm {year}``."""
BLANK_DATE = NC_("blank date", "{blank} {blank} {blank}")
"""A date the office fills in by hand: ``… … …``, ``ngày … tháng … năm …``."""
SHORT_DATE = NC_("table date", "{day} {month} {year}")
"""``20 Jul 2025``; the Vietnamese ``{day:02d}/{month}/{year}``."""


def long_date(date: dt.date | None, lang: Lang) -> str:
    """A date as a document writes it: ``ngày 20 tháng 7 năm 2025`` / ``20 July 2025``;
    without a date, the blanks (``ngày … tháng … năm …``). The catalogue holds each
    language's pattern and month words."""
    if date is None:
        return tr(lang, BLANK_DATE).format(blank=BLANK)
    month = _month(lang, MONTHS, date.month)
    return tr(lang, LONG_DATE).format(day=date.day, month=month, year=date.year)


def short_date(date: dt.date, lang: Lang) -> str:
    """A date in a table: ``20/7/2025``, ``05/02/2025`` (the Decree's leading zeros, as in
    :func:`long_date`) or ``20 Jul 2025``."""
    month = _month(lang, SHORT_MONTHS, date.month)
    return tr(lang, SHORT_DATE).format(day=date.day, month=month, year=date.year)


def _signature(info: DocumentInfo, lang: Lang) -> tuple[str, ...]:
    """The authority and title lines: as given over several lines; one title alone under the
    collegial ``TM.`` line when the issuing body is a People's Committee."""
    if not info.signer_title:
        return (BLANK_LINE,)
    lines = tuple(line.strip().upper() for line in info.signer_title.splitlines() if line.strip())
    if len(lines) > 1 or not (info.agency or "").lower().startswith(COMMITTEE):
        return lines
    return (tr(lang, "ON BEHALF OF THE PEOPLE'S COMMITTEE"), *lines)


def _recipients(info: DocumentInfo, lang: Lang) -> tuple[str, ...]:
    """``- Bộ Nội vụ;`` … and the archive copy, ``- Lưu: VT.``, last, as the Decree lists them."""
    names = info.recipients or (BLANK_LINE,)
    archive = tr(lang, "Archived: clerical office")
    return (*(f"- {name};" for name in names), f"- {archive}.")


def state_form(info: DocumentInfo | None, province: str, summary: str, lang: Lang) -> StateForm:
    """The form of a report from the plan's ``document:`` mapping (or none: a draft)."""
    info = info or DocumentInfo()
    number = info.number or NUMBER_BLANK + SYMBOL
    number_word = tr(lang, "No.:")
    place = info.place or province
    return StateForm(
        motto=tr(lang, "SOCIALIST REPUBLIC OF VIET NAM"),
        slogan=tr(lang, "Independence - Freedom - Happiness"),
        parent_agency=(info.parent_agency or "").upper(),
        agency=(info.agency or BLANK_LINE).upper(),
        number=f"{number_word} {number}",
        place_date=f"{place}, {long_date(info.date, lang)}",
        doc_type=tr(lang, "REPORT"),
        summary=info.summary or summary,
        signature=_signature(info, lang),
        signer=info.signer or BLANK_LINE,
        recipients_label=tr(lang, "Recipients:"),
        recipients=_recipients(info, lang),
        draft=info.date is None or not info.number or not info.signer,
    )
