"""Small inline plans for the analysis and rules tests: criteria, indices, targets, bodies."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal as D
from typing import Any

import pytest

from parplan.models.plan import Baseline, Targets
from parplan.vocab.problems import MESSAGES, RULES, SHARED, InputError, Msg, Problem


def crit(
    ident: str, max_: str | int | None, score: str | int | None, rank: str | None = None, **extra: Any
) -> dict[str, Any]:
    def num(value: str | int | None) -> D | None:
        return None if value is None else D(value)

    return {"id": ident, "name": ident.upper(), "max": num(max_), "score": num(score), "rank": rank, **extra}


def index(ident: str, *criteria: dict[str, Any], rank: str | None = None, **extra: Any) -> dict[str, Any]:
    return {"id": ident, "name": ident.upper(), "rank": rank, "criteria": list(criteria), **extra}


def make_baseline(*indices: dict[str, Any], year: int = 2024, **extra: Any) -> Baseline:
    return Baseline.model_validate({"province": "Cao Bằng", "year": year, "indices": list(indices), **extra})


def target(
    ident: str, increase: str | None = None, comparison: str = ">=", value: str | None = None, **extra: Any
) -> dict[str, Any]:
    data: dict[str, Any] = {"id": ident, "comparison": comparison, **extra}
    if increase is not None:
        data["increase"] = D(increase)
    if value is not None:
        data["target"] = D(value)
    return data


BODIES = [
    {"id": "so-noi-vu", "name": "Sở Nội vụ", "name_en": "Department of Home Affairs"},
    {"id": "so-tu-phap", "name": "Sở Tư pháp", "name_en": "Department of Justice"},
    {"id": "so-gddt", "name": "Sở Giáo dục và Đào tạo", "name_en": "Department of Education and Training"},
]


def make_targets(*targets: dict[str, Any], year: int = 2025, **extra: Any) -> Targets:
    data = {
        "province": "Cao Bằng",
        "year": year,
        "baseline_year": 2024,
        "bodies": BODIES,
        "targets": list(targets),
    }
    data.update(extra)
    return Targets.model_validate(data)


def one_field(max_: str, score: str, **extra: Any) -> Baseline:
    return make_baseline(index("par", crit("par.1", max_, score, "39/63", **extra)))


PAR1 = ("indices", 0, "criteria", 0)
"""Where par.1 is in :func:`one_field`'s baseline."""


Cells = tuple[str, str | None]
"""(max, score) of a criterion; a None score is unknown."""


def two_parts(parent: Cells, impl: Cells, survey: Cells) -> Baseline:
    parts = [crit("par.2.impl", *impl), crit("par.2.survey", *survey)]
    return make_baseline(index("par", crit("par.2", *parent, "49/63", parts=parts)))


SMALL_BASELINE = """\
province: Cao Bằng
year: 2024
indices:
  - id: par
    name: Chỉ số cải cách hành chính
    rank: 63/63
    criteria:
      - id: par.1
        name: Công tác chỉ đạo
        max: 9.5
        score: 9.2779
        rank: 39/63
      - id: par.2
        name: Cải cách thể chế
        max: 10
        score: 8.8974
        rank: 49/63
"""
"""A two-field baseline as a user writes it, for the reading tests to break one line at a time."""


def keys_of(message: Msg) -> list[str]:
    """The catalogue keys a message uses, its arguments' included."""
    nested = [key for value in message.args.values() if isinstance(value, Msg) for key in keys_of(value)]
    return [message.key, *nested]


def speaks_its_rule(code: str, message: Msg) -> bool:
    """A problem of rule ``code`` says one of that rule's own messages or a shared phrase, never
    a message another rule owns (issue 17: a rule owns its messages)."""
    return message.key in RULES[code].messages or message.key in SHARED


def problems_of(action: Callable[[], object]) -> list[Problem]:
    with pytest.raises(InputError) as caught:
        action()
    problems = list(caught.value.problems)
    for problem in problems:  # every problem speaks the catalogue, under a known rule
        assert problem.code in RULES, problem
        assert all(key in MESSAGES for key in keys_of(problem.message)), problem
        assert speaks_its_rule(problem.code, problem.message), problem
    return problems
