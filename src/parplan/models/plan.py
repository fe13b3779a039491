"""Pydantic models of the three file kinds: baseline, targets and results.

The models check what a single file can check on its own (types, ranges, rank syntax,
unknown keys); each refusal of ours carries its rule code (``PP2xx``) and catalogue message.
Rules that need two files, or that are *findings* rather than hard errors (a target that does
not match score + increase), live in :mod:`parplan.compute` so that they can be reported as
data, all at once, with their place in the YAML.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from decimal import Decimal
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    WithJsonSchema,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from parplan.vocab import rules
from parplan.vocab.problems import SHOWN, Msg, clip, msg, quoted

ID_PATTERN = r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$"
BODY_ID_PATTERN = r"^[a-z][a-z0-9-]*$"
RANK_PATTERN = r"^[1-9][0-9]*/[1-9][0-9]*$"
_RANK = re.compile(RANK_PATTERN)
_DECIMAL_COMMA = re.compile(r"^[-+]?[0-9]+,[0-9]+$")


MAX_PLACES = 12
"""Decimal places a number may have; with :data:`MAX_DIGITS_BEFORE_POINT`, sums stay exact in the
28 digits of Python's default decimal context (no silent rounding)."""
MAX_DIGITS_BEFORE_POINT = 9
"""Digits before the point. A sum of as many values as a file may hold (4,000,000, seven more
digits), and the sum of two such sums, keeps 9 + 7 + 12 = 28 digits: exact in the default
context. No index score comes near 999,999,999."""
_INT_LIMIT = 10**MAX_DIGITS_BEFORE_POINT


def _refused(code: str, message: Msg) -> PydanticCustomError:
    """A validation error whose type is our rule code and whose context carries the message.

    :mod:`parplan.reading.validation` turns it back into the code and the :class:`~parplan.vocab.problems.Msg`
    (``key`` and ``args``); ``text`` is the English wording, for pydantic's own ``msg``.
    """
    context = {"key": message.key, "args": dict(message.args), "text": message.text("en")}
    # "text" last: pydantic fills the template from the context in order, so a brace in the
    # plan's own text is never taken for another placeholder.
    return PydanticCustomError(code, "{text}", context)


def _to_decimal(value: Any) -> Any:
    """Accept YAML numbers only: a quoted "12" or "mười hai" is a type error, not a number.

    The loader already gives :class:`~decimal.Decimal` for YAML floats (exact, no binary
    float on the way); ints and floats from Python callers are converted through ``str`` so
    ``0.1`` stays ``0.1``. Absurd sizes (``1e+999999``) are refused here: printing one in
    full would take gigabytes, and arithmetic on it would round.
    """
    # Fast path for what the loader gives (tens of thousands of numbers in a large plan):
    # an exact Decimal or int that plainly fits. str() shows every decimal place unless it
    # switches to an exponent; anything unusual takes the full checks of _checked_decimal.
    kind = type(value)
    if kind is Decimal:
        if value.is_finite() and (not value or value.adjusted() < MAX_DIGITS_BEFORE_POINT):
            shown = str(value)
            dot = shown.find(".")
            if "E" not in shown and (dot < 0 or len(shown) - dot - 1 <= MAX_PLACES):
                return value
    elif kind is int and -_INT_LIMIT < value < _INT_LIMIT:
        return Decimal(value)
    return _checked_decimal(value)


def _checked_decimal(value: Any) -> Decimal:
    """Any value off the fast path: a number within the limits, or the reason it is not one."""
    if isinstance(value, bool):
        raise _refused(rules.NOT_A_NUMBER, msg("number-bool"))
    if isinstance(value, float):
        if not math.isfinite(value):
            raise _refused(rules.NOT_FINITE, msg("not-finite"))
        value = Decimal(repr(value))
    if isinstance(value, int):
        value = Decimal(value)
    if isinstance(value, Decimal):
        return _within_limits(value)
    raise _not_a_number(value)


def _within_limits(value: Decimal) -> Decimal:
    if not value.is_finite():
        raise _refused(rules.NOT_FINITE, msg("not-finite"))
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)  # finite, so not "n"/"N"/"F"
    shown = str(value) if len(str(value)) <= SHOWN else f"{value:.3E}"
    # adjusted() is the power of ten of the first digit; abs() could overflow the context.
    if value and value.adjusted() >= MAX_DIGITS_BEFORE_POINT:
        raise _refused(
            rules.NUMBER_TOO_PRECISE, msg("too-large", value=shown, digits=MAX_DIGITS_BEFORE_POINT)
        )
    if -exponent > MAX_PLACES:
        raise _refused(rules.NUMBER_TOO_PRECISE, msg("too-precise", value=shown, places=MAX_PLACES))
    return value


def _not_a_number(value: Any) -> PydanticCustomError:
    """Why a value that is no number was refused; a decimal comma gets the fix."""
    if isinstance(value, str):
        if _DECIMAL_COMMA.match(value.strip()):
            point = value.strip().replace(",", ".")
            return _refused(rules.NOT_A_NUMBER, msg("number-comma", text=quoted(value), point=point))
        return _refused(rules.NOT_A_NUMBER, msg("number-text", text=quoted(clip(value))))
    if isinstance(value, (dict, list)):
        kind = msg("a-mapping") if isinstance(value, dict) else msg("a-list")
        return _refused(rules.NOT_A_NUMBER, msg("number-container", kind=kind))
    return _refused(
        rules.NOT_A_NUMBER, msg("number-other", kind=type(value).__name__, value=clip(str(value)))
    )


class Rank(NamedTuple):
    """A rank as a value: ``position`` in a field of ``base`` (``39/63``: 39th of 63).

    Files and outputs spell it ``k/N`` (``str(rank)``); it is read once, where the models
    read it, and the analyses use its parts. The base matters: 2025 ranks are out of 34
    provinces, 2024 ranks out of 63. A tuple ``(position, base)``, so the progress
    arithmetic takes it as it is; compare two ranks with
    :func:`parplan.analysis.progress.compare_ranks`, never with ``<``.
    """

    position: int
    base: int

    def __str__(self) -> str:
        return f"{self.position}/{self.base}"

    @classmethod
    def read(cls, value: Any) -> Rank:
        """One check, one message for every bad rank: ``0/63``, ``64/63``, ``39 / 63``, a bare ``39``."""
        if isinstance(value, Rank):
            return value
        if isinstance(value, str) and len(value) > 13:
            # No ranking has a million entries; and int() of 4,300 digits fails in Python's words.
            raise _refused(rules.INVALID_RANK, msg("rank-long", value=quoted(value[:20])))
        if isinstance(value, str) and _RANK.fullmatch(value):
            k, n = value.split("/")
            if int(k) <= int(n):
                return cls(int(k), int(n))
        raise _refused(rules.INVALID_RANK, msg("rank", value=quoted(value)))

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls.read, serialization=core_schema.plain_serializer_function_ser_schema(str)
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"type": "string", "pattern": RANK_PATTERN, "examples": ["39/63"]}


def rank_text(rank: Rank | None) -> str | None:
    """A rank as files and outputs spell it (``39/63``), or None."""
    return None if rank is None else str(rank)


def _non_empty(value: tuple[Any, ...]) -> tuple[Any, ...]:
    """Checked after the items, unlike ``min_length``: pydantic counts only the valid items
    against ``min_length``, so one bad criterion also reported a bogus "at least 1 item"."""
    if not value:
        raise _refused(rules.EMPTY_LIST, msg("non-empty"))
    return value


Number = Annotated[
    Decimal,
    BeforeValidator(_to_decimal),
    WithJsonSchema({"type": "number"}),
]
"""An exact decimal number; YAML floats are read as Decimal, never as binary floats."""

_CONTROLS = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)
"""C0 and C1 controls (ESC, DEL, tab, line breaks, NEL), the Unicode line and paragraph
separators, and bidirectional marks, overrides and
isolates: in a name they would reach a terminal or a document raw (escape-sequence injection)
or make two different ids look alike. With them, the code points XML 1.0 cannot hold (lone
surrogates, U+FFFE, U+FFFF; the C0 controls are above): a Word or Excel file could not be
written with them."""
_CONTROLS_BUT_LINES = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff\ufffe\uffff]"
)
"""The same, with the line feed allowed: a note or a source may run over several lines."""


def _control_name(char: str) -> str:
    return f"U+{ord(char):04X}" + (f" ({unicodedata.name(char)})" if unicodedata.name(char, "") else "")


def _control_message(pattern: re.Pattern[str], value: str) -> Msg | None:
    found = pattern.search(value)
    if found is None:
        return None
    char = found.group()
    key = "office-char-in-text" if _NOT_XML.match(char) else "control-in-text"
    return msg(key, char=_control_name(char), position=found.start() + 1)


_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")
"""What is no control character, yet no XML 1.0 character either: said so in the message."""


def control_in_text(value: str) -> Msg | None:
    """Why :data:`Text` would refuse ``value`` (its first control character, PP212), or ``None``.

    Public so that code writing a name into a file (``parplan init``) refuses it up front, in
    the models' words, instead of writing files that the models then refuse to load.
    """
    return _control_message(_CONTROLS, value)


def control_in_prose(value: str) -> Msg | None:
    """Why :data:`Prose` would refuse ``value`` (a note may run over lines), or ``None``: for
    text read outside the models (a scores table's note, a workbook's evidence cell)."""
    return _control_message(_CONTROLS_BUT_LINES, value)


def _refuse_controls(pattern: re.Pattern[str]) -> Any:
    def check(value: str) -> str:
        # Printable text has none of these (controls, separators and bidi marks are not
        # printable): one C-level test for nearly every name, the pattern only for the rest.
        if value.isprintable():
            return unicodedata.normalize("NFC", value)
        message = _control_message(pattern, value)
        if message is not None:
            raise _refused(rules.CONTROL_CHARACTER_IN_TEXT, message)
        return unicodedata.normalize("NFC", value)

    return check


Text = Annotated[str, Field(min_length=1), AfterValidator(_refuse_controls(_CONTROLS))]
"""One line of text (a name, a province), NFC; no control or bidirectional characters."""
Prose = Annotated[str, Field(min_length=1), AfterValidator(_refuse_controls(_CONTROLS_BUT_LINES))]
"""Text that may run over lines (a note, a source, a duty, a goal); otherwise as :data:`Text`."""
FIRST_YEAR = 1900
LAST_YEAR = 2200
"""The years a plan's files may name: every check of a year (models, workbook, ``init``) uses these."""
Year = Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR, strict=True)]
"""A YAML integer: strict, so a quoted ``"2024"`` or a ``true`` is a type error, not a year."""

CriterionId = Annotated[str, Field(pattern=ID_PATTERN, examples=["par.2.impl"])]
BodyId = Annotated[str, Field(pattern=BODY_ID_PATTERN, examples=["so-noi-vu"])]
Unit = Literal["points", "percent"]
Comparison = Literal[">", ">="]


class _Model(BaseModel):
    """Frozen and strict about keys: a misspelt ``scroe`` is an error, never ignored."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Criterion(_Model):
    """One scored criterion: a PAR field or part, a PAPI dimension, a SIPAS component."""

    id: CriterionId = Field(description="Stable id, e.g. `par.2` or `par.2.impl`.")
    number: Text | None = Field(
        default=None,
        description=(
            "The plan's own number for it (`1`, `2a`, `II.3`), as printed; the report names the"
            " criterion by number and name, never by its id. Left out where the plan gives none."
        ),
    )
    name: Text = Field(description="Vietnamese name as the plan prints it (NFC).")
    name_en: Text | None = Field(default=None, description="English name.")
    unit: Unit = Field(default="points", description="`points`, or `percent` (0-100).")
    max: Number | None = Field(
        default=None, description="Maximum under the criteria set; null where the plan gives none."
    )
    score: Number | None = Field(default=None, description="Score measured this year; null if unknown.")
    rank: Rank | None = Field(default=None, description="Rank `k/N`; null where unknown or unreadable.")
    note: Prose | None = Field(default=None, description="How the value was read.")
    parts: tuple[Criterion, ...] = Field(
        default=(),
        description="Parts that sum to this criterion (score, max and increase).",
    )


class Group(_Model):
    """A published group of an index (PAR INDEX 2024: A at 90 % and above), as data."""

    name: Text = Field(description="The group's name as published, e.g. `A`, or `highest`.")
    min: Number = Field(
        description="The lowest score in the group, inclusive, in the index's unit (`A` is `min: 90`)."
    )


class Index(_Model):
    """An index (PAR INDEX, PAPI, SIPAS): its total is the sum of its criteria, given, or none."""

    id: CriterionId = Field(description="`par`, `papi`, `sipas`.")
    name: Text
    name_en: Text | None = None
    short_name: Text | None = Field(default=None, description="e.g. `PAR INDEX`.")
    unit: Unit = "points"
    total: Literal["sum", "given", "none"] = Field(
        default="sum",
        description=(
            "How the index's total is formed. `sum`: the sum of the criteria (unknown when any is"
            " unknown); `given`: the value in `score`, as published (SIPAS's overall %); `none`: no"
            " total. A given total that differs from a known sum of the criteria is a finding (PP430)."
        ),
    )
    score: Number | None = Field(
        default=None,
        description="The published total, with `total: given` only (e.g. SIPAS 84.5 %); null if unknown.",
    )
    rank: Rank | None = Field(default=None, description="Rank of the index total; null if unknown.")
    groups: tuple[Group, ...] = Field(
        default=(),
        description=(
            "The index's published groups by total score, e.g. `[{name: A, min: 90}, {name: B, min: 80}]`;"
            " a results file may declare that year's own cut-offs."
        ),
    )
    group: Text | None = Field(
        default=None,
        description="The group as published for this year; it wins over the group the score falls in.",
    )
    criteria: Annotated[tuple[Criterion, ...], AfterValidator(_non_empty)] = Field(
        json_schema_extra={"minItems": 1}
    )


class Indicator(Criterion):
    """A measurable commitment outside the three indices (``kpi.*``)."""


class HistoryEntry(_Model):
    """A value from an earlier year, as the plan reports it (e.g. 2023 ranks)."""

    id: CriterionId = Field(description="The criterion or index the value is for, e.g. `par`.")
    year: Year = Field(description="The year the value is for.")
    score: Number | None = Field(default=None, description="The score that year; null: not known.")
    rank: Rank | None = Field(default=None, description="The rank that year, `k/N`; null: not known.")
    group: Text | None = Field(default=None, description="The index's group that year, as published.")


class League(_Model):
    """Other provinces' values of one index in one year: the reference table for "what it takes"."""

    id: CriterionId = Field(description="The index (or criterion) the values are of.")
    year: Year = Field(description="The year the values were measured.")
    source: Text = Field(description="Where the table was published (in Vietnamese in the bundled plan).")
    source_en: Text | None = Field(default=None, description="The same in English.")
    synthetic: bool = Field(
        default=False,
        description="`true` for made-up test data: never to be read as published figures.",
    )
    scores: dict[Text, Number] = Field(
        description="Province -> score, in the index's unit; the province itself may be listed.",
        min_length=1,
    )
    partial: bool = Field(
        default=False,
        description=(
            "`true` when the table lists only some provinces (those news reports name): `gap` and"
            " `report` then give the bounds its published neighbours set, never a number no source gives."
        ),
    )
    ranks: dict[Text, Annotated[int, Field(ge=1, strict=True)]] = Field(
        default_factory=dict,
        description=(
            "Province -> its published rank, for a partial table, whose positions the order of its"
            " scores does not give. A province may have a rank without a score; a partial table's"
            " province without a rank bounds nothing."
        ),
    )


class Reference(_Model):
    """A public reference figure (national average, best province, a peer group's median), kept
    apart from the plan. ``median`` serves a unit's own plan, whose peers are its block."""

    id: CriterionId = Field(description="The criterion or index it is compared with.")
    kind: Literal["national_average", "best_province", "median"] = Field(
        description=(
            "`national_average`, `best_province`, or `median`: the middle value of the peers"
            " (a unit's block, in the plan `units plan` writes)."
        )
    )
    value: Number
    unit: Unit = Field(description="`percent` values are scaled to the criterion's max.")
    province: Text | None = None
    note: Prose | None = None
    note_en: Prose | None = Field(default=None, description="The note in English.")
    source: Prose = Field(description="Where the figure was published (in Vietnamese in the bundled plan).")
    source_en: Prose | None = Field(default=None, description="The source in English.")


class Fact(_Model):
    """A published fact that is not a number parplan computes with."""

    id: CriterionId
    text: Prose = Field(description="The fact, in Vietnamese; `text_en` its English twin.")
    text_en: Prose | None = None
    source: Prose
    source_en: Prose | None = None


class Baseline(_Model):
    """What was measured in one year. A results file is next year's baseline."""

    province: Text
    year: Year
    source: Prose | None = None
    indices: Annotated[tuple[Index, ...], AfterValidator(_non_empty)] = Field(
        json_schema_extra={"minItems": 1}
    )
    indicators: tuple[Indicator, ...] = ()
    history: tuple[HistoryEntry, ...] = ()
    references: tuple[Reference, ...] = ()
    league: tuple[League, ...] = Field(
        default=(),
        description=(
            "Reference tables of other provinces' values of an index for a year (province -> score,"
            " with its source); `gap` and `report` read the score a rank target would have needed."
        ),
    )
    facts: tuple[Fact, ...] = ()


class Body(_Model):
    """A responsible body (section IV of the plan)."""

    id: BodyId = Field(description="Short id that targets name in their `owners`, e.g. `so-noi-vu`.")
    name: Text = Field(description="The body's name as the plan writes it, e.g. Sở Nội vụ.")
    name_en: Text | None = Field(
        default=None, description="The name in English.", examples=["Department of Home Affairs"]
    )
    duties: Prose | None = Field(default=None, description="What the plan assigns to the body.")
    duties_en: Prose | None = Field(default=None, description="The duties in English.")


class Target(_Model):
    """What the plan commits to for one criterion."""

    id: CriterionId
    increase: Number | None = Field(default=None, description="Planned increase.")
    comparison: Comparison = Field(default=">=", description="`>` is strict.")
    target: Number | None = Field(default=None, description="Target value.")
    owners: tuple[BodyId, ...] = Field(default=(), description="Responsible bodies.")
    note: Prose | None = None
    rank_target: Annotated[int, Field(ge=1, strict=True)] | None = Field(
        default=None,
        description=("Rank this or better (`10`: the top 10), judged in the base of the result's rank."),
    )
    rank_base: Annotated[int, Field(ge=1, strict=True)] | None = Field(
        default=None,
        description=(
            "The number of provinces the plan assumed for `rank_target` (e.g. 34);"
            " the output says so when the result's base differs."
        ),
    )
    group: Text | None = Field(
        default=None,
        description="In this group or a higher one; the index's `groups` in the baseline name them.",
    )
    improve: tuple[Literal["score", "rank"], ...] = Field(
        default=(),
        description="Better than the baseline year in each aspect named: `[score, rank]`.",
    )
    year: Year | None = Field(
        default=None,
        description=(
            "The year the target is for (default: the targets file's `year`);"
            " a result of an earlier year gets a progress status."
        ),
    )


class Deadline(_Model):
    """A dated commitment of the plan."""

    date: dt.date
    task: Prose
    task_en: Prose | None = None
    owners: tuple[BodyId, ...] = ()


class DocumentInfo(_Model):
    """The state document's own parts (Decree 30/2020/NĐ-CP, Appendix I), as the office fills
    them: the issuing body and its parent, the number, place and date, the signer, the
    recipients and the summary. Every key is optional: a part not given is left blank in the
    report for the office to fill, never invented."""

    agency: Text | None = None
    parent_agency: Text | None = None
    number: Text | None = None
    """The number and symbol as issued, for example ``125/BC-UBND``."""
    place: Text | None = None
    date: dt.date | None = None
    signer: Text | None = None
    signer_title: Prose | None = None
    """The authority and title lines above the name, one per line (``KT. CHỦ TỊCH`` then
    ``PHÓ CHỦ TỊCH``); one line alone is the title under the body's ``TM.`` line."""
    recipients: tuple[Text, ...] = ()
    summary: Prose | None = None


class Targets(_Model):
    """What the plan commits to for one year."""

    province: Text
    year: Year
    baseline_year: Year
    title: Prose | None = None
    goal: Prose | None = None
    goal_en: Prose | None = None
    bodies: tuple[Body, ...] = ()
    targets: tuple[Target, ...] = ()
    deadlines: tuple[Deadline, ...] = ()
    document: DocumentInfo | None = None

    @property
    def bodies_by_id(self) -> dict[str, Body]:
        """The responsible bodies by id, as owners and deadlines name them."""
        return {body.id: body for body in self.bodies}


Results = Baseline
"""A results file has the same schema as a baseline: it is next year's baseline."""
