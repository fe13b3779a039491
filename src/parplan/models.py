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
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from parplan.problems import Msg, msg, quoted

ID_PATTERN = r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$"
BODY_ID_PATTERN = r"^[a-z][a-z0-9-]*$"
RANK_PATTERN = r"^[1-9][0-9]*/[1-9][0-9]*$"
_RANK = re.compile(RANK_PATTERN)
_DECIMAL_COMMA = re.compile(r"^[-+]?[0-9]+,[0-9]+$")


MAX_PLACES = 12
"""Decimal places a number may have; with :data:`MAX_DIGITS_BEFORE_POINT`, sums stay exact in the
28 digits of Python's default decimal context (no silent rounding)."""
MAX_DIGITS_BEFORE_POINT = 12
_INT_LIMIT = 10**MAX_DIGITS_BEFORE_POINT


def _refused(code: str, message: Msg) -> PydanticCustomError:
    """A validation error whose type is our rule code and whose context carries the message.

    :mod:`parplan.validation` turns it back into the code and the :class:`~parplan.problems.Msg`
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
        raise _refused("PP205", msg("number-bool"))
    if isinstance(value, float):
        if not math.isfinite(value):
            raise _refused("PP206", msg("not-finite"))
        value = Decimal(repr(value))
    if isinstance(value, int):
        value = Decimal(value)
    if isinstance(value, Decimal):
        return _within_limits(value)
    raise _not_a_number(value)


def _within_limits(value: Decimal) -> Decimal:
    if not value.is_finite():
        raise _refused("PP206", msg("not-finite"))
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)  # finite, so not "n"/"N"/"F"
    shown = str(value) if len(str(value)) <= 40 else f"{value:.3E}"
    # adjusted() is the power of ten of the first digit; abs() could overflow the context.
    if value and value.adjusted() >= MAX_DIGITS_BEFORE_POINT:
        raise _refused("PP207", msg("too-large", value=shown))
    if -exponent > MAX_PLACES:
        raise _refused("PP207", msg("too-precise", value=shown, places=MAX_PLACES))
    return value


def _not_a_number(value: Any) -> PydanticCustomError:
    """Why a value that is no number was refused; a decimal comma gets the fix."""
    if isinstance(value, str):
        if _DECIMAL_COMMA.match(value.strip()):
            point = value.strip().replace(",", ".")
            return _refused("PP205", msg("number-comma", text=quoted(value), point=point))
        return _refused("PP205", msg("number-text", text=quoted(value[:40])))
    if isinstance(value, (dict, list)):
        kind = msg("a-mapping") if isinstance(value, dict) else msg("a-list")
        return _refused("PP205", msg("number-container", kind=kind))
    return _refused("PP205", msg("number-other", kind=type(value).__name__, value=str(value)[:40]))


def _nfc(value: str) -> str:
    """Vietnamese typed on macOS or copied from PDFs often arrives decomposed (NFD)."""
    return unicodedata.normalize("NFC", value)


def rank_parts(rank: str) -> tuple[int, int]:
    """``"39/63"`` -> ``(39, 63)``: the one reading of a rank, for the checks and the analyses."""
    k, n = rank.split("/")
    return int(k), int(n)


def _check_rank(value: Any) -> Any:
    """One check, one message for every bad rank: ``0/63``, ``64/63``, ``39 / 63``, a bare ``39``."""
    if value is None:
        return value
    if isinstance(value, str) and len(value) > 13:
        # No ranking has a million entries; and int() of 4,300 digits fails in Python's words.
        raise _refused("PP208", msg("rank-long", value=quoted(value[:20])))
    if isinstance(value, str) and _RANK.match(value):
        k, n = rank_parts(value)
        if k <= n:
            return value
    raise _refused("PP208", msg("rank", value=quoted(value)))


def _non_empty(value: tuple[Any, ...]) -> tuple[Any, ...]:
    """Checked after the items, unlike ``min_length``: pydantic counts only the valid items
    against ``min_length``, so one bad criterion also reported a bogus "at least 1 item"."""
    if not value:
        raise _refused("PP210", msg("non-empty"))
    return value


Number = Annotated[
    Decimal,
    BeforeValidator(_to_decimal),
    WithJsonSchema({"type": "number"}),
]
"""An exact decimal number; YAML floats are read as Decimal, never as binary floats."""

Text = Annotated[str, Field(min_length=1), AfterValidator(_nfc)]
Rank = Annotated[
    str,
    BeforeValidator(_check_rank),
    WithJsonSchema({"type": "string", "pattern": RANK_PATTERN, "examples": ["39/63"]}),
]
"""A rank as the documents print it, ``k/N``: N matters, since 2025 ranks are out of 34."""

Year = Annotated[int, Field(ge=1900, le=2200, strict=True)]
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
    name: Text = Field(description="Vietnamese name as the plan prints it (NFC).")
    name_en: Text | None = Field(default=None, description="English name.")
    unit: Unit = Field(default="points", description="`points`, or `percent` (0-100).")
    max: Number | None = Field(
        default=None, description="Maximum under the criteria set; null where the plan gives none."
    )
    score: Number | None = Field(default=None, description="Score measured this year; null if unknown.")
    rank: Rank | None = Field(default=None, description="Rank `k/N`; null where unknown or unreadable.")
    note: Text | None = Field(default=None, description="How the value was read.")
    parts: tuple[Criterion, ...] = Field(
        default=(),
        description="Parts that sum to this criterion (score, max and increase).",
    )


class Index(_Model):
    """An index (PAR INDEX, PAPI, SIPAS): its total is derived from its criteria."""

    id: CriterionId = Field(description="`par`, `papi`, `sipas`.")
    name: Text
    name_en: Text | None = None
    short_name: Text | None = Field(default=None, description="e.g. `PAR INDEX`.")
    unit: Unit = "points"
    total: Literal["sum", "none"] = Field(
        default="sum",
        description="`sum`: the total is the sum of the criteria; `none`: no total.",
    )
    rank: Rank | None = Field(default=None, description="Rank of the index total; null if unknown.")
    criteria: Annotated[tuple[Criterion, ...], AfterValidator(_non_empty)] = Field(
        json_schema_extra={"minItems": 1}
    )


class Indicator(Criterion):
    """A measurable commitment outside the three indices (``kpi.*``)."""


class HistoryEntry(_Model):
    """A value from an earlier year, as the plan reports it (e.g. 2023 ranks)."""

    id: CriterionId
    year: Year
    score: Number | None = None
    rank: Rank | None = None


class Reference(_Model):
    """A public reference figure (national average, best province), kept apart from the plan."""

    id: CriterionId = Field(description="The criterion or index it is compared with.")
    kind: Literal["national_average", "best_province"]
    value: Number
    unit: Unit = Field(description="`percent` values are scaled to the criterion's max.")
    province: Text | None = None
    note: Text | None = None
    source: Text = Field(description="Where the figure was published.")


class Fact(_Model):
    """A published fact that is not a number parplan computes with."""

    id: CriterionId
    text: Text
    source: Text


class Baseline(_Model):
    """What was measured in one year. A results file is next year's baseline."""

    province: Text
    year: Year
    source: Text | None = None
    indices: Annotated[tuple[Index, ...], AfterValidator(_non_empty)] = Field(
        json_schema_extra={"minItems": 1}
    )
    indicators: tuple[Indicator, ...] = ()
    history: tuple[HistoryEntry, ...] = ()
    references: tuple[Reference, ...] = ()
    facts: tuple[Fact, ...] = ()


class Body(_Model):
    """A responsible body (section IV of the plan)."""

    id: BodyId
    name: Text
    name_en: Text | None = None
    duties: Text | None = None


class Target(_Model):
    """What the plan commits to for one criterion."""

    id: CriterionId
    increase: Number | None = Field(default=None, description="Planned increase.")
    comparison: Comparison = Field(default=">=", description="`>` is strict.")
    target: Number | None = Field(default=None, description="Target value.")
    owners: tuple[BodyId, ...] = Field(default=(), description="Responsible bodies.")
    note: Text | None = None


class Deadline(_Model):
    """A dated commitment of the plan."""

    date: dt.date
    task: Text
    task_en: Text | None = None
    owners: tuple[BodyId, ...] = ()


class Targets(_Model):
    """What the plan commits to for one year."""

    province: Text
    year: Year
    baseline_year: Year
    title: Text | None = None
    goal: Text | None = None
    goal_en: Text | None = None
    bodies: tuple[Body, ...] = ()
    targets: tuple[Target, ...] = ()
    deadlines: tuple[Deadline, ...] = ()

    @property
    def bodies_by_id(self) -> dict[str, Body]:
        """The responsible bodies by id, as owners and deadlines name them."""
        return {body.id: body for body in self.bodies}


Results = Baseline
"""A results file has the same schema as a baseline: it is next year's baseline."""
