"""A group's ``--lang`` reaches its commands: ``parplan --lang en units rank`` and
``parplan units --lang en rank`` answer in English, as ``parplan --lang en gap`` does."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from parplan.cli.main import app

runner = CliRunner()

MISSING = ["--scores", "missing.csv", "--units", "missing.yaml"]


@pytest.fixture(autouse=True)
def _no_language_in_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("PARPLAN_LANG", raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.mark.parametrize(
    "argv",
    [
        ["--lang", "en", "units", "rank", *MISSING],
        ["units", "--lang", "en", "rank", *MISSING],
        ["units", "rank", "--lang", "en", *MISSING],
    ],
)
def test_english_wherever_lang_en_is_given(argv: list[str]) -> None:
    result = runner.invoke(app, argv)
    assert result.exit_code == 2
    assert "missing.yaml: PP101 error: no such file" in result.stderr


@pytest.mark.parametrize(
    "argv",
    [
        ["units", "rank", *MISSING],
        ["--lang", "en", "units", "rank", "--lang", "vi", *MISSING],
        ["units", "--lang", "en", "rank", "--lang", "vi", *MISSING],
    ],
)
def test_vietnamese_by_default_and_where_the_command_says_so(argv: list[str]) -> None:
    result = runner.invoke(app, argv)
    assert result.exit_code == 2
    assert "missing.yaml: PP101 lỗi: không có tệp này" in result.stderr
