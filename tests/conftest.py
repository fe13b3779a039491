"""Checks that hold over every test: each problem the suite's sample runs produce speaks its rule."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from builders import speaks_its_rule
from parplan.vocab.problems import Finding, Problem


def _checked(init: Callable[..., None]) -> Callable[..., None]:
    def checked(self: Problem | Finding, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        assert speaks_its_rule(self.code, self.message), (
            f"{self.code} says {self.message.key!r}, a message another rule owns: "
            "move it to src/parplan/vocab/problems.py's SHARED, or use the rule's own"
        )

    return checked


@pytest.fixture(autouse=True, scope="session")
def _problems_speak_their_rules() -> Iterator[None]:
    """Every Problem and Finding made in the suite (in this process) uses a message key its rule
    owns or a shared phrase: a rule's messages are its own (issue 17)."""
    originals = {cls: cls.__init__ for cls in (Problem, Finding)}
    for cls, init in originals.items():
        cls.__init__ = _checked(init)  # type: ignore[method-assign]
    yield
    for cls, init in originals.items():
        cls.__init__ = init  # type: ignore[method-assign]
