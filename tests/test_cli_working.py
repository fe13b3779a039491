"""The spinner for long work: on a terminal after a second, never in a pipe or in CI."""

from __future__ import annotations

import time

import pytest
import rich.console

from parplan.cli import main as cli


class FakeStatus:
    def __init__(self, text: str, calls: list[str]) -> None:
        self.text, self.calls = text, calls

    def start(self) -> None:
        self.calls.append(f"start {self.text}")

    def stop(self) -> None:
        self.calls.append("stop")


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    monkeypatch.setattr(rich.console.Console, "status", lambda self, text: FakeStatus(text, seen))
    monkeypatch.setattr(cli, "_stderr_is_tty", lambda: True)
    monkeypatch.delenv("CI", raising=False)
    return seen


def test_long_work_on_a_terminal_shows_a_spinner_then_removes_it(calls: list[str]) -> None:
    with cli.working("vi", delay=0.01):
        time.sleep(0.3)
    assert calls == ["start đang xử lý…", "stop"]


def test_quick_work_shows_nothing(calls: list[str]) -> None:
    with cli.working("en", delay=5):
        pass
    time.sleep(0.05)
    assert calls == []


def test_never_in_ci(calls: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with cli.working("en", delay=0.01):
        time.sleep(0.1)
    assert calls == []


def test_never_in_a_pipe(calls: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "_stderr_is_tty", lambda: False)
    with cli.working("en", delay=0.01):
        time.sleep(0.1)
    assert calls == []
