"""Output streams and output files under stress: a real process, real file descriptors.

Each case must end with a short message (where stderr can take one) and exit 2, never a
traceback and never 1 (which means "a target was missed").
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from parplan.reading.loading import DEFAULT_BASELINE, bundled


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read parplan's messages in English (``--lang en``); Vietnamese is the default."""
    monkeypatch.setenv("PARPLAN_LANG", "en")


PARPLAN = [sys.executable, "-m", "parplan"]


ENGLISH = {**os.environ, "PARPLAN_LANG": "en"}


def run(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    kwargs.setdefault("env", ENGLISH)
    return subprocess.run([*PARPLAN, *args], capture_output=True, check=False, timeout=60, **kwargs)  # type: ignore[call-overload, no-any-return]


def test_a_full_disk_on_stdout_is_exit_2_with_a_message() -> None:
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [*PARPLAN, "gap"], stdout=full, stderr=subprocess.PIPE, check=False, timeout=60, env=ENGLISH
        )
    assert done.returncode == 2
    assert b"stdout: PP901 error: cannot be written: No space left on device" in done.stderr
    assert b"Traceback" not in done.stderr


def test_a_closed_stdout_is_exit_2_with_a_message() -> None:
    done = subprocess.run(
        [*PARPLAN, "gap"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=False,
        timeout=60,
        env=ENGLISH,
        preexec_fn=lambda: os.close(1),
    )
    assert done.returncode == 2
    assert b"stdout: PP901 error: cannot be written" in done.stderr
    assert b"Traceback" not in done.stderr


def test_a_broken_pipe_is_exit_2_and_no_traceback() -> None:
    reader, writer = os.pipe()
    os.close(reader)  # nobody will read: the first write is a broken pipe
    try:
        done = subprocess.run(
            [*PARPLAN, "gap", "--format", "csv"],
            stdout=writer,
            stderr=subprocess.PIPE,
            check=False,
            timeout=60,
        )
    finally:
        os.close(writer)
    assert done.returncode == 2
    assert b"Broken pipe" in done.stderr
    assert b"Traceback" not in done.stderr
    assert b"Exception ignored" not in done.stderr


def test_a_closed_stderr_keeps_exit_2() -> None:
    done = subprocess.run(
        [*PARPLAN, "gap", "--baseline", "/nonexistent.yaml"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        check=False,
        timeout=60,
        preexec_fn=lambda: os.close(2),
    )
    assert done.returncode == 2


def test_an_ascii_locale_still_gets_utf8_vietnamese() -> None:
    done = run(
        ["gap", "--index", "papi", "--format", "csv", "--lang", "vi"],
        env={**os.environ, "PYTHONIOENCODING": "ascii", "LC_ALL": "C"},
    )
    assert done.returncode == 0, done.stderr
    assert "Tham gia của người dân ở cấp cơ sở".encode() in done.stdout
    problems = run(
        ["validate", "--baseline", "/nonexistent.yaml", "--lang", "vi"],
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
    )
    assert problems.returncode == 2
    assert b"Traceback" not in problems.stderr + problems.stdout


def test_output_to_a_named_pipe_is_written_in_place(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE) as reader:
        done = run(["gap", "--format", "csv", "-o", str(fifo)])
        out, _ = reader.communicate(timeout=60)
    assert done.returncode == 0, done.stderr
    assert out.startswith(b"id,index,level,name")
    assert fifo.is_fifo()  # still the pipe, not replaced by a regular file


def test_output_to_dev_stdout_on_a_pipe() -> None:
    done = run(["gap", "--format", "csv", "-o", "/dev/stdout"])
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"id,index,level,name")


def test_the_longest_legal_output_name_is_written(tmp_path: Path) -> None:
    out = tmp_path / ("a" * 251 + ".csv")  # 255 bytes: the file system's limit
    done = run(["gap", "-o", str(out)])
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"id,index")
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary file left


@pytest.mark.parametrize("link", [False, True])
def test_an_output_naming_an_input_is_refused_before_anything_is_written(tmp_path: Path, link: bool) -> None:
    plan = tmp_path / "s.yaml"
    original = bundled(DEFAULT_BASELINE).read_bytes()
    plan.write_bytes(original)
    target = plan
    if link:
        target = tmp_path / "link.yaml"
        target.symlink_to(plan)
    done = run(["gap", "--baseline", str(plan), "-o", str(target)])
    assert done.returncode == 2
    assert b"is an input of this command: write the output elsewhere" in done.stderr
    assert plan.read_bytes() == original


def test_validate_writes_its_report_even_when_the_plan_has_errors_and_gap_writes_nothing(
    tmp_path: Path,
) -> None:

    bad = tmp_path / "bad.yaml"
    bad.write_text("province: X\n", encoding="utf-8")
    report = tmp_path / "problems.json"
    done = run(["validate", "--baseline", str(bad), "-o", str(report)])
    assert done.returncode == 2
    assert b'"valid": false' in report.read_bytes()
    gaps = tmp_path / "gaps.csv"
    done = run(["gap", "--baseline", str(bad), "-o", str(gaps)])
    assert done.returncode == 2
    assert not gaps.exists()
