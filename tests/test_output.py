"""Atomic output: a file appears whole or not at all; a failure never harms an existing file."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from parplan.cli import main as cli
from parplan.core.output import write_atomic
from parplan.render import render
from parplan.vocab.problems import OutputError


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read parplan's messages in English (``--lang en``); Vietnamese is the default."""
    monkeypatch.setenv("PARPLAN_LANG", "en")


def leftovers(folder: Path) -> list[str]:
    """Temporary files a failed write would leave behind."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_new_file(tmp_path: Path) -> None:
    path = tmp_path / "report.csv"
    write_atomic(path, b"id,score\npar.1,9.2779\n")
    assert path.read_bytes() == b"id,score\npar.1,9.2779\n"
    assert leftovers(tmp_path) == []


def test_new_file_gets_the_umask_permissions_not_private_ones(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        write_atomic(tmp_path / "report.csv", b"x")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "report.csv").stat().st_mode) == 0o644


def test_replaces_an_existing_file_keeping_its_permissions(tmp_path: Path) -> None:
    path = tmp_path / "report.csv"
    path.write_bytes(b"old")
    path.chmod(0o640)
    write_atomic(path, b"new")
    assert path.read_bytes() == b"new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_a_symlink_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_bytes(b"old")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    write_atomic(link, b"new")
    assert link.is_symlink()
    assert real.read_bytes() == b"new"


@pytest.mark.parametrize("existing", [False, True])
@pytest.mark.parametrize(
    "failure",
    [
        pytest.param(OSError(errno.ENOSPC, "No space left on device"), id="disk-full"),
        pytest.param(KeyboardInterrupt(), id="ctrl-c"),
    ],
)
def test_failure_mid_write_leaves_nothing_and_the_old_file_untouched(
    failure: BaseException, existing: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "report.csv"
    if existing:
        path.write_bytes(b"old report\n")

    def fail(fd: int) -> None:
        # Half the data is already in the temporary file when the failure strikes.
        raise failure

    monkeypatch.setattr(os, "fsync", fail)
    if isinstance(failure, OSError):
        with pytest.raises(OutputError) as caught:
            write_atomic(path, b"new report\n" * 1000)
        assert (
            caught.value.problem.format()
            == f"{path}: PP901 error: cannot be written: No space left on device"
        )
    else:
        with pytest.raises(KeyboardInterrupt):
            write_atomic(path, b"new report\n" * 1000)
    assert leftovers(tmp_path) == []
    if existing:
        assert path.read_bytes() == b"old report\n"
    else:
        assert not path.exists()


def test_failure_at_the_rename(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "report.csv"
    path.write_bytes(b"old")

    def fail(source: Any, destination: Any) -> None:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OutputError):
        write_atomic(path, b"new")
    assert path.read_bytes() == b"old"
    assert leftovers(tmp_path) == []


def test_missing_folder_and_directory_target(tmp_path: Path) -> None:
    with pytest.raises(OutputError) as caught:
        write_atomic(tmp_path / "nowhere" / "report.csv", b"x")
    assert caught.value.problem.text() == "cannot be written: No such file or directory"
    with pytest.raises(OutputError) as caught:
        write_atomic(tmp_path, b"x")
    assert caught.value.problem.text() == "is a directory, not a file"


def test_relative_path_in_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_atomic(Path("report.md"), b"# x\n")
    assert (tmp_path / "report.md").read_bytes() == b"# x\n"


# --- through the command line -------------------------------------------------------------


@pytest.mark.parametrize("command", ["gap", "rank"])
def test_failure_mid_render_leaves_an_existing_report_untouched(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:

    out = tmp_path / "report.md"
    out.write_bytes(b"old report\n")
    calls = []

    def render_then_fail(*args: Any, **kwargs: Any) -> str:
        calls.append(render(*args, **kwargs))  # the report was being built...
        raise KeyboardInterrupt  # ...when Ctrl-C came

    monkeypatch.setattr("parplan.core.api.render", render_then_fail)
    result = CliRunner().invoke(cli.app, [command, "-o", str(out)])
    assert calls, "the failure must come during rendering"
    assert result.exit_code == 130
    assert result.stderr.endswith("\ninterrupted\n")
    assert out.read_bytes() == b"old report\n"
    assert leftovers(tmp_path) == []


def test_disk_full_through_the_cli_is_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "report.json"
    out.write_bytes(b"old report\n")

    def fail(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", fail)
    result = CliRunner().invoke(cli.app, ["gap", "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr.endswith(f"{out}: PP901 error: cannot be written: No space left on device\n")
    assert out.read_bytes() == b"old report\n"
    assert leftovers(tmp_path) == []


def test_success_through_the_cli_replaces_the_report(tmp_path: Path) -> None:
    out = tmp_path / "report.csv"
    out.write_bytes(b"old report\n")
    result = CliRunner().invoke(cli.app, ["gap", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("id,index,level,name,")
    assert leftovers(tmp_path) == []
