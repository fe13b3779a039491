"""Shell completion (``parplan --install-completion``) knows the commands and their choices."""

from __future__ import annotations

import os
import subprocess
import sys


def _complete(words: str) -> list[str]:
    env = {
        **os.environ,
        "_PARPLAN_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
    }
    done = subprocess.run(
        [sys.executable, "-m", "parplan"], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.split()


def test_completes_command_names() -> None:
    assert _complete("parplan sch") == ["schema"]


def test_completes_format_choices() -> None:
    assert _complete("parplan gap --format ") == [
        "table",
        "text",
        "markdown",
        "csv",
        "json",
        "xlsx",
        "docx",
        "html",
    ]
    assert _complete("parplan check --format g") == ["github"]
    assert _complete("parplan report --format ") == ["table", "text", "markdown", "docx", "html"]


def test_completes_index_ids_from_the_plan() -> None:
    assert _complete("parplan gap --index pa") == ["par", "papi"]


def test_completes_chart_kinds() -> None:
    assert _complete("parplan chart --kind ") == ["bars", "radar"]


def test_show_completion_prints_a_bash_script() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "parplan", "--show-completion", "bash"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "complete -o default -F _parplan_completion parplan" in done.stdout
