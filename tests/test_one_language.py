"""One language at a time: what the command prints in Vietnamese holds no English sentence.

The help of every command, the usage errors typer writes, pydantic's refusals and parplan's own
messages are read through a small heuristic: once codes, option names, quoted values, file names
and format names are set aside, no English function word may remain. And ``--lang en`` is
accepted wherever help is asked for (the root command and every subcommand).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

ENGLISH = re.compile(
    r"\b(the|and|of|to|is|are|for|with|from|this|that|not|be|by|should|must|cannot|unknown|invalid"
    r"|missing|such|usage|options|error|value|default|required|show|try|help|message|exit|input"
    r"|got|expected|range|integer|command|commands|arguments?|choose)\b",
    re.IGNORECASE,
)
"""English words that no Vietnamese sentence of parplan's has."""
NOT_WORDS = re.compile(
    r"--?[\w-]+|'[^']*'|\"[^\"]*\"|<[^>]*>|\{[^}]*\}|\b[A-Z][A-Z0-9_]+\b|\bPP\d{3}\b"
    r"|\S+\.(?:yaml|xlsx|json|md|csv|docx|html|png|svg)\b|pip install \S+|https?://\S+"
    r"|\b(?:table|text|markdown|csv|json|xlsx|docx|html|github)\b"
)
"""What is not prose: option names, quoted values, metavars, codes, files, format names."""

COMMANDS = (
    "validate",
    "gap",
    "rank",
    "check",
    "trend",
    "report",
    "schema",
    "chart",
    "init",
    "export",
    "import",
    "units",
    "units init",
    "units rank",
    "units gap",
    "units appraisal",
    "units chart",
    "units report",
)
USAGE_ERRORS = (
    ("gap", "--nope"),
    ("check",),
    ("gap", "--level", "nope"),
    ("rank", "--top", "abc"),
    ("rank", "--top", "0"),
    ("rank", "--top"),
    ("gap", "a", "b"),
    ("nope",),
    ("gap", "--lang", "xx"),
    ("schema", "nope"),
    ("init",),
    ("gap", "--format", "nope"),
    ("gap", "--columns", "foo"),
    ("validate", "--ignore", "PP304"),
    ("validate", "--ignore", "PP999"),
    ("gap", "--baseline", "no-such-file.yaml"),
)


def english_lines(text: str) -> list[str]:
    """The lines of ``text`` that hold an English word once the non-prose is set aside."""
    return [line for line in text.splitlines() if ENGLISH.search(NOT_WORDS.sub(" ", line))]


def _run(*args: str, lang: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PARPLAN_LANG"}
    if lang is not None:
        env["PARPLAN_LANG"] = lang
    return subprocess.run(
        [sys.executable, "-m", "parplan", *args], capture_output=True, text=True, env=env, check=False
    )


def test_the_heuristic_finds_english() -> None:
    assert english_lines("Error: No such option: --nope") == ["Error: No such option: --nope"]
    assert english_lines("Lỗi: Giá trị không hợp lệ cho '--top': cần một số nguyên") == []
    assert english_lines("  -f, --format table|text|csv   Định dạng đầu ra") == []


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_the_vietnamese_help_of_every_command_is_vietnamese(command: str) -> None:
    result = _run(*command.split(), "--help")
    assert result.returncode == 0, result.stderr
    assert english_lines(result.stdout) == []


@pytest.mark.parametrize("args", list(USAGE_ERRORS), ids=" ".join)
def test_usage_errors_and_messages_in_vietnamese_are_vietnamese(args: tuple[str, ...]) -> None:
    result = _run(*args)
    assert result.returncode == 2
    assert result.stderr.strip()
    assert english_lines(result.stdout + result.stderr) == []


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_lang_is_accepted_wherever_help_is_asked(command: str) -> None:
    result = _run(*command.split(), "--help", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Usage: parplan {command}".rstrip())
    assert "Options:" in result.stdout


def test_the_root_lang_reaches_the_command() -> None:
    result = _run("--lang", "en", "rank", "--top", "0")
    assert "Invalid value for '--top': Input should be greater than or equal to 1" in result.stderr
    vietnamese = _run("rank", "--top", "0", lang=None)
    assert "Giá trị không hợp lệ cho '--top': cần lớn hơn hoặc bằng 1" in vietnamese.stderr


def test_english_stays_english() -> None:
    result = _run("gap", "--nope", lang="en")
    assert "Error: No such option: --nope" in result.stderr
    assert "Try 'parplan gap --help' for help." in result.stderr


def test_no_inline_choice_of_language_in_the_report_and_the_renderers() -> None:
    """A word's language is the catalogue's business (tr, titled), not an if in a view."""
    from pathlib import Path

    source = Path(__file__).resolve().parent.parent / "src" / "parplan"
    choice = re.compile(r"\bpick\(|\blang\s*[!=]=\s*[\"'](?:vi|en)[\"']")
    found = [
        f"{path.relative_to(source)}:{n}"
        for folder in ("report", "render")
        for path in sorted((source / folder).rglob("*.py"))
        if path.name != "form.py"  # dates as each language's documents write them, not words
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if choice.search(line)
    ]
    assert found == []
