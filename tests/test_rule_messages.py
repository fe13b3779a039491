"""A rule owns its messages (issue 17): each message only one rule prints is in that rule's
definition; MESSAGES is the shared phrases and every rule's own, no key defined twice."""

from __future__ import annotations

from collections import Counter

import pytest

from builders import speaks_its_rule
from parplan.vocab import rules
from parplan.vocab.problems import MESSAGES, RULES, SHARED, Problem, msg


def _defined() -> Counter[str]:
    """How many times each key is defined: once in SHARED or in one rule."""
    return Counter([*SHARED, *(key for rule in RULES.values() for key in rule.messages)])


def test_no_message_key_is_defined_twice() -> None:
    twice = sorted(key for key, times in _defined().items() if times > 1)
    assert twice == []


def test_messages_is_the_shared_phrases_and_every_rules_own() -> None:
    assert len(MESSAGES) == sum(_defined().values())
    assert {**SHARED, **{k: v for rule in RULES.values() for k, v in rule.messages.items()}} == MESSAGES


def test_a_rules_messages_are_its_own_and_read_only() -> None:
    assert rules.SCORE_ABOVE_MAXIMUM.messages["score-above"] == MESSAGES["score-above"]
    assert "score-above" not in SHARED
    with pytest.raises(TypeError):
        rules.SCORE_ABOVE_MAXIMUM.messages["x"] = "y"  # type: ignore[index]


def test_most_rules_own_a_message() -> None:
    """Not every rule: some print only shared phrases (at-key, a kind of value)."""
    owning = [rule for rule in RULES.values() if rule.messages]
    assert len(owning) * 2 > len(RULES)


def test_a_problem_speaking_another_rules_message_is_caught() -> None:
    assert speaks_its_rule(rules.SCORE_ABOVE_MAXIMUM, msg("score-above", score="12", max="10"))
    assert speaks_its_rule(rules.SCORE_ABOVE_MAXIMUM, msg("at-key", key="a", message="b"))
    assert not speaks_its_rule(rules.SCORE_BELOW_ZERO, msg("score-above", score="12", max="10"))


def test_the_suite_refuses_a_problem_speaking_another_rules_message() -> None:
    """conftest.py checks every Problem and Finding the suite's runs make."""
    with pytest.raises(AssertionError, match="another rule owns"):
        Problem("b.yaml", 3, 5, "par.1", rules.SCORE_BELOW_ZERO, msg("score-above", score="12", max="10"))
    Problem("b.yaml", 3, 5, "par.1", rules.SCORE_ABOVE_MAXIMUM, msg("score-above", score="12", max="10"))
