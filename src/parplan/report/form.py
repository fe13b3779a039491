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
from parplan.vocab.i18n import Lang, tr

BLANK = "…"
"""One blank for the office to fill."""
BLANK_LINE = "……………………"
"""A blank name: the office writes the agency, the title or the signer."""
NUMBER_BLANK = "    "
"""Where the office writes the number before ``/BC-UBND``."""
SYMBOL = "/BC-UBND"
"""A report (BC) of the People's Committee (UBND), the symbol Decree 30's Appendix III gives."""
COMMITTEE = "ủy ban nhân dân"
MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def long_date(date: dt.date | None, lang: Lang) -> str:
    """A date as a document writes it: ``ngày 20 tháng 7 năm 2025`` / ``20 July 2025``;
    without a date, the blanks (``ngày … tháng … năm …``)."""
    if lang == "en":
        if date is None:
            return f"{BLANK} {BLANK} {BLANK}"
        return f"{date.day} {MONTHS_EN[date.month - 1]} {date.year}"
    if date is None:
        return f"ngày {BLANK} tháng {BLANK} năm {BLANK}"
    month = f"{date.month:02d}" if date.month < 3 else str(date.month)
    return f"ngày {date.day:02d} tháng {month} năm {date.year}"


def short_date(date: dt.date, lang: Lang) -> str:
    """A date in a table: ``20/7/2025``, ``05/02/2025`` (the Decree's leading zeros, as in
    :func:`long_date`) or ``20 Jul 2025``."""
    if lang == "en":
        return f"{date.day} {MONTHS_EN[date.month - 1][:3]} {date.year}"
    month = f"{date.month:02d}" if date.month < 3 else str(date.month)
    return f"{date.day:02d}/{month}/{date.year}"


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
