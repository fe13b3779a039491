"""Issue 18, class 1: every multi-file write is all or nothing (``parplan.core.files``).

Through the command line on a fresh folder: ``import --to --force`` whose second file cannot be
written, ``init`` into a folder where one file cannot go, a full disk (a small tmpfs, mounted
where the test may mount one) for ``-o``, ``import`` and ``init``; and the transaction's
rollback when a rename fails half-way.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parplan.cli.main import app
from parplan.core.files import FilesExist, write_files
from parplan.vocab.problems import OutputError

runner = CliRunner()


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARPLAN_LANG", "en")


def _snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden ones too: a temporary file left behind shows)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _imported(plan_xlsx: Path, folder: Path) -> None:
    result = runner.invoke(app, ["import", str(plan_xlsx), "--to", str(folder)])
    assert result.exit_code == 0, result.output


def test_import_force_keeps_the_first_file_when_the_second_cannot_be_written(
    plan_xlsx: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "plan"
    _imported(plan_xlsx, folder)
    baseline = folder / "baseline_2024.yaml"
    baseline.write_text("# typed by hand\n", encoding="utf-8")
    (folder / "targets_2025.yaml").unlink()
    (folder / "targets_2025.yaml").mkdir()  # a folder where the second file goes
    before = _snapshot(folder)
    result = runner.invoke(app, ["import", str(plan_xlsx), "--to", str(folder), "--force"])
    assert result.exit_code == 2
    assert result.stderr == f"{folder / 'targets_2025.yaml'}: PP901 error: is a directory, not a file\n"
    assert _snapshot(folder) == before


def test_init_writes_nothing_when_one_file_cannot_be_written(tmp_path: Path) -> None:
    folder = tmp_path / "new"
    folder.mkdir()
    (folder / "results_2026.yaml").mkdir()  # the third file's place is taken by a folder
    result = runner.invoke(app, ["init", str(folder), "--province", "Huế", "--year", "2026", "--xlsx"])
    assert result.exit_code == 2
    assert "PP144" in result.stderr or "PP901" in result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["results_2026.yaml"]


def test_init_removes_the_folders_it_made_when_it_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_rename = os.rename
    calls: list[str] = []

    def third_fails(source: str, target: object) -> None:
        calls.append(source)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real_rename(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "link", _no_links)  # init renames without replacing: os.rename
    monkeypatch.setattr(os, "rename", third_fails)
    result = runner.invoke(app, ["init", str(tmp_path / "a" / "b"), "--province", "Huế", "--year", "2026"])
    assert result.exit_code == 2
    assert result.stderr.endswith("PP901 error: cannot be written: No space left on device\n")
    assert list(tmp_path.iterdir()) == []


def _no_links(source: object, target: object) -> None:
    raise OSError(1, "Operation not permitted")


def test_a_failed_rename_puts_back_the_files_already_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = [tmp_path / f"f{n}.yaml" for n in range(3)]
    for n, path in enumerate(paths):
        path.write_bytes(b"old %d\n" % n)
    before = _snapshot(tmp_path)
    real = os.replace
    renames: list[object] = []

    def fails_on_the_third(source: str, target: object) -> None:
        renames.append(target)
        if str(target) == str(paths[2]):
            raise OSError(1, "Operation not permitted")
        real(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", fails_on_the_third)
    with pytest.raises(OutputError) as raised:
        write_files(dict.fromkeys(paths, b"new\n"))
    assert raised.value.problem.file == str(paths[2])
    assert _snapshot(tmp_path) == before  # the two replaced files are back, no temporary left


def test_an_interrupt_during_the_renames_leaves_all_or_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = [tmp_path / f"f{n}.yaml" for n in range(2)]
    for path in paths:
        path.write_bytes(b"old\n")
    before = _snapshot(tmp_path)
    real = os.replace

    def interrupted(source: str, target: object) -> None:
        if str(target) == str(paths[1]):
            raise KeyboardInterrupt
        real(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_files(dict.fromkeys(paths, b"new\n"))
    assert _snapshot(tmp_path) == before


def test_without_overwrite_every_existing_file_is_named_and_nothing_written(tmp_path: Path) -> None:
    (tmp_path / "b.yaml").write_bytes(b"mine")
    (tmp_path / "c.yaml").write_bytes(b"mine too")
    with pytest.raises(FilesExist) as raised:
        write_files({tmp_path / n: b"new" for n in ("a.yaml", "b.yaml", "c.yaml")}, overwrite=False)
    assert raised.value.paths == [tmp_path / "b.yaml", tmp_path / "c.yaml"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.yaml", "c.yaml"]


# --- a full disk ---------------------------------------------------------------------------


@contextlib.contextmanager
def _small_disk(where: Path, size: str = "512k") -> Iterator[Path]:
    """A small tmpfs at ``where``; skipped, saying why, where this process cannot mount one."""
    where.mkdir()
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("a full disk needs a small tmpfs, and mounting one needs root")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True, check=False
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode(errors='replace').strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def _fill(folder: Path) -> None:
    """Fill the disk: a file grows until the system says it is full."""
    handle = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        with contextlib.suppress(OSError):
            while True:
                os.write(handle, b"x" * 4096)
    finally:
        os.close(handle)


def test_a_full_disk_leaves_the_old_output_file(tmp_path: Path) -> None:
    with _small_disk(tmp_path / "disk") as disk:
        report = disk / "report.md"
        report.write_text("the old report\n", encoding="utf-8")
        _fill(disk)
        before = _snapshot(disk)
        result = runner.invoke(app, ["report", "-o", str(report)])
        assert result.exit_code == 2
        assert result.stderr.endswith(f"{report}: PP901 error: cannot be written: No space left on device\n")
        assert _snapshot(disk) == before


def test_a_full_disk_leaves_the_old_imported_files(plan_xlsx: Path, tmp_path: Path) -> None:
    with _small_disk(tmp_path / "disk") as disk:
        _imported(plan_xlsx, disk)
        for path in [path for path in disk.rglob("*") if path.is_file()]:  # the schemas too
            path.write_text(f"# {path.name}, typed by hand\n", encoding="utf-8")
        _fill(disk)
        before = _snapshot(disk)
        result = runner.invoke(app, ["import", str(plan_xlsx), "--to", str(disk), "--force"])
        assert result.exit_code == 2
        assert "PP901 error: cannot be written: No space left on device" in result.stderr
        assert _snapshot(disk) == before


@pytest.mark.parametrize("free_pages", [0, 2])
def test_a_full_disk_leaves_init_s_folder_as_it_was(tmp_path: Path, free_pages: int) -> None:
    """Full, and with room for a first file but not the rest: nothing of the plan is left."""
    with _small_disk(tmp_path / "disk") as disk:
        (disk / "notes.txt").write_text("the province's own notes\n", encoding="utf-8")
        spare = disk / "spare"
        spare.write_bytes(b"s" * 4096 * free_pages)
        _fill(disk)
        spare.unlink()
        before = _snapshot(disk)
        result = runner.invoke(app, ["init", str(disk), "--province", "Huế", "--year", "2026", "--xlsx"])
        assert result.exit_code == 2
        assert "PP901 error: cannot be written: No space left on device" in result.stderr
        assert _snapshot(disk) == before


def test_a_folder_that_cannot_be_written_is_refused_placed(plan_xlsx: Path, tmp_path: Path) -> None:
    """Root writes through permission bits, so the folder is a read-only mount."""
    with _small_disk(tmp_path / "disk") as disk:
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        for args in (
            ["init", str(disk / "plan"), "--province", "Huế", "--year", "2026"],
            ["import", str(plan_xlsx), "--to", str(disk)],
            ["gap", "-o", str(disk / "gap.md")],
        ):
            result = runner.invoke(app, args)
            assert result.exit_code == 2, args
            assert "PP901 error: cannot be written: Read-only file system" in result.stderr, args
            assert "Traceback" not in result.output
        assert list(disk.iterdir()) == []
