"""The README's console examples are run against the real program (issue 21, item 7).

Every ```console block of README.md is a session: each ``$ command`` runs in ``bash`` on a
pseudo-terminal 100 columns wide (what a reader's terminal shows: rich tables, names cut to
fit), in a scratch directory that holds the repository's ``src`` and ``tests`` (so the paths
the examples name resolve), one directory per block (``cd`` and the files a command writes
carry over to the next command of the block). The lines under a command are its output
(stdout and stderr, as a terminal shows them); a line holding only ``…`` stands for any
number of lines. A block needing a state the README describes in words rather than commands
(files filled in by hand) is preceded by ``<!-- readme-test: skip (why) -->`` and listed here.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
BLOCK = re.compile(r"(<!-- readme-test: skip[^>]*-->\n)?```console\n(.*?)```", re.S)
WIDTH = 100
ELLIPSIS = "…"


@dataclass(frozen=True)
class Step:
    command: str
    expected: tuple[str, ...]


def sessions() -> list[tuple[int, list[Step], bool]]:
    """(line in README, the steps, skipped) of each console block."""
    text = README.read_text(encoding="utf-8")
    found = []
    for match in BLOCK.finditer(text):
        steps = sessions_of(match.group(2))
        line_number = text.count("\n", 0, match.start(2)) + 1
        found.append((line_number, steps, match.group(1) is not None))
    return found


def run_on_a_terminal(command: str, cwd: Path) -> tuple[str, int]:
    """The command's stdout and stderr as a 100-column terminal shows them, and its exit code.
    The checkout's own path is shown relative, as from the repository's root."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, WIDTH, 0, 0))
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("PARPLAN_")},
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "COLUMNS": str(WIDTH),
        "LINES": "50",
        "CI": "1",  # no spinner: its frames would depend on the machine's speed
        "NO_COLOR": "1",
        "TERM": "dumb",
        "EDITOR": "true",
    }
    process = subprocess.Popen(
        ["bash", "-c", command], stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=env, close_fds=True
    )
    os.close(slave)
    chunks = []
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            process.kill()
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the other end closed: the command is done
            break
        if not chunk:
            break
        chunks.append(chunk)
    code = process.wait(timeout=60)
    os.close(master)
    text = b"".join(chunks).decode("utf-8").replace("\r\n", "\n")
    return text.replace(f"{ROOT}{os.sep}", ""), code


def matches(expected: tuple[str, ...], actual: list[str]) -> bool:
    """Line by line, trailing spaces aside; ``…`` alone matches any number of lines."""
    if not expected:
        return not actual
    head, rest = expected[0].rstrip(), expected[1:]
    if head == ELLIPSIS:
        return any(matches(rest, actual[n:]) for n in range(len(actual) + 1))
    return bool(actual) and actual[0].rstrip() == head and matches(rest, actual[1:])


def run_session(steps: list[Step], tmp_path: Path) -> list[str]:
    """Each step's output, the steps run in order in one scratch directory."""
    for name in ("src", "tests"):
        (tmp_path / name).symlink_to(ROOT / name)
    cwd = tmp_path
    outputs = []
    code = 0
    for step in steps:
        if step.command == "echo $?":  # each command runs in its own shell: the last one's code
            outputs.append(f"{code}\n")
            continue
        output, code = run_on_a_terminal(step.command, cwd)
        outputs.append(output)
        cd = re.match(r"cd (\S+) &&", step.command)
        if cd:
            cwd = cwd / cd.group(1)
    return outputs


def update_readme(tmp_path: Path) -> None:
    """``PARPLAN_UPDATE_README=1``: write each run block's real output into the README."""
    text = README.read_text(encoding="utf-8")

    def rewrite(match: re.Match[str]) -> str:
        if match.group(1) is not None:
            return match.group(0)
        steps = sessions_of(match.group(2))
        folder = tmp_path / f"block{match.start()}"
        folder.mkdir()
        outputs = run_session(steps, folder)
        if all(matches(step.expected, out.splitlines()) for step, out in zip(steps, outputs, strict=True)):
            return match.group(0)  # it holds already, its elisions (…) kept
        body = "".join(
            f"$ {step.command}\n" + "".join(line.rstrip() + "\n" for line in output.splitlines())
            for step, output in zip(steps, outputs, strict=True)
        )
        return f"```console\n{body}```"

    README.write_text(BLOCK.sub(rewrite, text), encoding="utf-8")


def sessions_of(block: str) -> list[Step]:
    steps: list[Step] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            steps.append(Step(line[2:], ()))
        elif steps:
            steps[-1] = Step(steps[-1].command, (*steps[-1].expected, line))
    return steps


@pytest.mark.parametrize(
    ("line", "steps", "skipped"), sessions(), ids=lambda v: str(v) if isinstance(v, int) else ""
)
def test_readme_console_example(line: int, steps: list[Step], skipped: bool, tmp_path: Path) -> None:
    if skipped:
        pytest.skip(f"README.md:{line} needs files changed by hand first (the README says which)")
    outputs = run_session(steps, tmp_path)
    for step, output in zip(steps, outputs, strict=True):
        lines = output.splitlines()
        assert matches(step.expected, lines), (
            f"README.md:{line}: $ {step.command}\n--- expected\n"
            + "\n".join(step.expected)
            + "\n--- actual\n"
            + output
        )


def test_every_console_block_is_run_or_says_why_not(tmp_path: Path) -> None:
    if os.environ.get("PARPLAN_UPDATE_README"):
        update_readme(tmp_path)
    found = sessions()
    assert len(found) >= 8
    # init then an editor; the units' files filled in; two files spoilt on purpose.
    assert sum(skipped for _, _, skipped in found) <= 4
