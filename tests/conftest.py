"""Checks that hold over every test: each problem the suite's sample runs produce speaks its rule.
Also what several test files share: the SYNTHETIC units province in a fresh working folder, the
bundled plan's workbook."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from builders import speaks_its_rule
from parplan.vocab.problems import Finding, Problem

UNITS_FIXTURES = Path(__file__).parent / "fixtures" / "units"
# fill_sheets.py is the README's script for typing scores into the units' workbooks; the tests
# import its fill() rather than keep a copy of it, so the script the README runs is the one tested.
sys.path.insert(0, str(UNITS_FIXTURES))


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


@pytest.fixture
def units_province(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """units.yaml and the CSV route's scores of the SYNTHETIC province in a fresh folder, made the
    working directory: the units commands find units.yaml there, as a user's would."""
    for name in ("units.yaml", "scores_2025.csv"):
        shutil.copy(UNITS_FIXTURES / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def plan_xlsx(tmp_path: Path) -> Path:
    """The bundled plan's workbook as ``parplan export`` writes it (in the language the test set),
    at plan.xlsx in a fresh folder, for a test to edit, import or break."""
    from typer.testing import CliRunner

    from parplan.cli.main import app

    book = tmp_path / "plan.xlsx"
    result = CliRunner().invoke(app, ["export", "-o", str(book)])
    assert result.exit_code == 0, result.output
    return book
