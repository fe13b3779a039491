"""Validating parsed YAML against a pydantic model, each error as a placed problem in plain words.

pydantic's errors say "Tuple should have at least 1 item after validation" and "Input should be
an instance of Index"; an analyst reads "expected a list, got 'par'" at a line and column, with
a stable ``PP2xx`` code. Our own validators (:mod:`parplan.models.plan`) raise errors whose type is
already the code and whose context carries the catalogue message.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar, get_args

from pydantic import BaseModel, ValidationError

from parplan.models.plan import BODY_ID_PATTERN, ID_PATTERN, RANK_PATTERN
from parplan.reading.yamlread import Key, Parsed
from parplan.vocab import rules
from parplan.vocab.problems import (
    MAX_PROBLEMS,
    NOTHING,
    RULES,
    InputError,
    Msg,
    Problem,
    clip,
    file_problem,
    msg,
    quoted,
)

M = TypeVar("M", bound=BaseModel)


def _model_at(model: type[BaseModel], path: Sequence[Any]) -> type[BaseModel] | None:
    """The model that validates the mapping at ``path`` (list positions are skipped)."""
    current: type[BaseModel] | None = model
    for part in path:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if current is not None else None
        if field is None:
            return None
        current = _inner_model(field.annotation)
    return current


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    """``Criterion`` from ``tuple[Criterion, ...]``, ``Criterion | None`` and the like."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in get_args(annotation):
        found = _inner_model(argument)
        if found is not None:
            return found
    return None


_KEY_LIKE = re.compile(r"^[a-z_][a-z0-9_]*$")


def _comma_hint(data: Any, loc: Sequence[Any], error: Any) -> Msg:
    """``{name: Sở Nội vụ, Thanh tra}``: YAML read ``Thanh tra`` as a key without a value.

    A null "key" that looks like no key (spaces, capitals, diacritics) right after a text
    value is that value's tail: suggest the quotes, with the value written whole.
    """
    key = loc[-1] if loc else None
    if error.get("input") is not None or not isinstance(key, str) or _KEY_LIKE.match(key):
        return NOTHING
    mapping: Any = data
    for part in loc[:-1]:
        try:
            mapping = mapping[part]
        except (KeyError, IndexError, TypeError):
            return NOTHING
    if not isinstance(mapping, dict):
        return NOTHING
    keys = list(mapping)
    before = keys[keys.index(key) - 1] if key in keys and keys.index(key) > 0 else None
    if before is None or not isinstance(mapping[before], str):
        return NOTHING
    return msg("comma-hint", fix=f'{before}: "{mapping[before]}, {key}"')


def _describe(error: Any, model: type[BaseModel], data: Any = None) -> tuple[str, Msg]:
    """The rule code and message of one pydantic error."""
    kind = error["type"]
    loc = error["loc"]
    key = loc[-1] if loc else None
    if kind == "extra_forbidden":
        owner = _model_at(model, loc[:-1])
        known = list(owner.model_fields) if owner is not None else []
        close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
        hint = msg("did-you-mean", close=quoted(close[0])) if close else _comma_hint(data, loc, error)
        return rules.UNKNOWN_KEY, Msg("unknown-key", {"key": quoted(key), "hint": hint})
    if kind == "invalid_key":
        return rules.KEY_NOT_TEXT, Msg("key-text", {"key": _key_as_written(key)})
    if kind == "missing":
        return rules.MISSING_KEY, Msg("missing-key", {"key": quoted(key)})
    code, message = _plain(kind, error)
    if isinstance(key, str):
        return code, Msg("at-key", {"key": key, "message": message})
    return code, message


_EXPECTED: Mapping[str, Msg] = {
    "string_type": msg("expected-text"),
    "tuple_type": msg("expected-list"),
    "list_type": msg("expected-list"),
    "model_type": msg("expected-mapping"),
    "dict_type": msg("expected-mapping"),
    "int_type": msg("expected-whole"),
    "int_parsing": msg("expected-whole"),
    "int_from_float": msg("expected-whole"),
    "date_type": msg("expected-date"),
    "date_from_datetime_parsing": msg("expected-date"),
    "date_from_datetime_inexact": msg("expected-date-only"),
}
"""pydantic's type errors (PP204) by the kind of value they expected."""
_PATTERNS: Mapping[str, tuple[str, Msg]] = {
    RANK_PATTERN: (rules.INVALID_RANK, msg("expected-rank-pattern")),
    ID_PATTERN: (rules.INVALID_ID, msg("expected-id")),
    BODY_ID_PATTERN: (rules.INVALID_ID, msg("expected-body-id")),
}


def _key_as_written(key: Any) -> str:
    """A key that is not text, as the file has it: pydantic names ``1.5:`` ``Decimal('1.5')``."""
    text = str(key)
    if text.startswith("Decimal('") and text.endswith("')"):
        return text[len("Decimal('") : -2]
    return text if not isinstance(key, str) or text != key else quoted(key)


def lookalike_letters(value: Any) -> str:
    """The letters of another script in an id, named, to follow the quoted id in a message:
    ``" (U+0430 CYRILLIC SMALL LETTER A)"`` for ``pаr.1``, which looks like ``par.1`` and so
    makes "not found" alone a puzzle; ``""`` when there are none (or ``value`` is no string).

    Vietnamese letters (Latin with marks) are not named: ``'Sở'`` already reads as what it is.
    At most three letters are named, so the message stays one line. Public because every
    reader that quotes an id (the plan's, the units') names them the same way.
    """
    if not isinstance(value, str) or value.isascii():
        return ""
    odd = dict.fromkeys(
        ch for ch in value if not ch.isascii() and not unicodedata.name(ch, "").startswith("LATIN")
    )
    if not odd:
        return ""
    names = ", ".join(f"U+{ord(ch):04X} {unicodedata.name(ch, '?')}" for ch in list(odd)[:3])
    return f" ({names})"


def _shown(value: Any) -> str | Msg:
    """A value as the analyst wrote it, cut short: the message must stay one short line."""
    if isinstance(value, (dict, list)):
        return msg("a-mapping") if isinstance(value, dict) else msg("a-list")
    if value is None:
        return msg("null")
    text = quoted(value) if isinstance(value, str) else str(value)
    return clip(text)


def _plain(kind: str, error: Any) -> tuple[str, Msg]:
    """pydantic's wording ("instance of Index", "Tuple should have…") in the analyst's terms."""
    context = error.get("ctx") or {}
    if kind in RULES and "key" in context:  # ours (parplan.models.plan): the code and the message
        return kind, Msg(context["key"], context.get("args", {}))
    if kind in _EXPECTED:
        return rules.WRONG_TYPE, msg("expected-got", expected=_EXPECTED[kind], got=_shown(error.get("input")))
    if kind == "string_pattern_mismatch" and context.get("pattern") in _PATTERNS:
        code, expected = _PATTERNS[context["pattern"]]
        value = error.get("input")
        shown = _shown(value)
        got = shown + lookalike_letters(value) if isinstance(shown, str) else shown
        return code, msg("expected-got", expected=expected, got=got)
    if kind == "too_short" and "min_length" in context:
        count = context["min_length"]
        return rules.EMPTY_LIST, msg("at-least", count=count, plural="s" if count != 1 else "")
    return rules.VALUE_NOT_ALLOWED, _out_of_bounds(kind, context, _shown(error.get("input")))


_BOUNDS: Mapping[str, tuple[str, str]] = {
    "greater_than_equal": ("ge", "value-at-least"),
    "greater_than": ("gt", "value-above"),
    "less_than_equal": ("le", "value-at-most"),
    "less_than": ("lt", "value-below"),
}


def _out_of_bounds(kind: str, context: Mapping[str, Any], got: str | Msg) -> Msg:
    """Any other pydantic error in our words, never pydantic's English: a bound, a choice, or
    a value not allowed there."""
    if kind in _BOUNDS:
        bound, key = _BOUNDS[kind]
        return msg(key, bound=str(context.get(bound)), got=got)
    if kind in ("literal_error", "enum") and "expected" in context:
        # pydantic joins the choices in English ("'a', 'b' or 'c'"): the choices, with commas
        choices = ", ".join(re.findall(r"'[^']*'|\S+(?= or |, |$)", str(context["expected"])))
        return msg("value-one-of", choices=choices, got=got)
    return msg("value-not-allowed", got=got)


LARGE = 200_000
"""Values above which a file is first checked on a sample: a flood of bad items must not cost
minutes and gigabytes (pydantic builds every error before any is read)."""
SAMPLE_ITEMS = 1_000
"""Items of each list in that sample."""


def _sample(data: Any) -> Any:
    """The data with every list cut to its first :data:`SAMPLE_ITEMS` items (positions kept)."""
    if isinstance(data, dict):
        return {key: _sample(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_sample(value) for value in data[:SAMPLE_ITEMS]]
    return data


def _problems(parsed: Parsed, model: type[BaseModel], error: ValidationError) -> tuple[list[Problem], int]:
    """The first :data:`MAX_PROBLEMS` errors placed, in file order, and how many more there were."""
    items = error.errors(include_url=False)
    locs = [tuple(item["loc"]) for item in items]
    # Every proper prefix of a place with an error, for the cascade test: one pass, not a
    # scan of all places for each (quadratic in a file of 300,000 bad items).
    parents = {full[:k] for full in locs for k in range(len(full))} if len(items) > 1 else set()
    placed: list[tuple[list[Key], str, Msg, bool]] = []
    more = 0
    for item, full in zip(items, locs, strict=True):
        if item["type"] == "too_short" and full in parents:
            continue  # pydantic adds "at least 1 item" to a list whose only items are invalid
        if len(placed) >= MAX_PROBLEMS:
            more += 1  # counted, not placed: placing costs, and nobody reads the 300,000th
            continue
        loc: list[Key] = [part for part in full if isinstance(part, (str, int))]
        code, message = _describe(item, model, parsed.data)
        if item["type"] == "missing":
            # The place of a missing key is its mapping; its id names the criterion.
            placed.append((loc[:-1], code, message, False))
        else:
            placed.append((loc, code, message, item["type"] in ("extra_forbidden", "invalid_key")))
    # All places at once: the positions are read only as far into the file as they need.
    parsed.prepare([where for where, _code, _message, _key in placed])
    problems = [parsed.problem(where, code, message, key=key) for where, code, message, key in placed]
    problems.sort(key=lambda p: (p.line or 0, p.column or 0))
    return problems, more


def validate(parsed: Parsed, model: type[M]) -> M:
    """Validate plain data against a model; every pydantic error gets its code and YAML place.

    Every error is reported (not only the first), in the order of the file, up to
    :data:`MAX_PROBLEMS`; past that they are counted. A large file is first validated on a
    sample: if the sample alone has that many errors, those are the answer.
    """
    if parsed.values > LARGE:
        try:
            model.model_validate(_sample(parsed.data))
        except ValidationError as error:
            problems, more = _problems(parsed, model, error)
            if len(problems) >= MAX_PROBLEMS:
                note = msg("more-unchecked", items=f"{SAMPLE_ITEMS:,}")
                raise InputError([*problems, file_problem(parsed.file, rules.MORE_PROBLEMS, note)]) from None
    try:
        return model.model_validate(parsed.data)
    except ValidationError as error:
        problems, more = _problems(parsed, model, error)
        if more:
            problems.append(
                file_problem(parsed.file, rules.MORE_PROBLEMS, msg("more-problems", count=f"{more:,}"))
            )
        raise InputError(problems) from None


__all__ = ["lookalike_letters", "validate"]
