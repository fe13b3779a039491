"""Writing files all or nothing: one file atomically, several as one transaction.

A plan is several files that must agree (a baseline and its targets), so writing them one after
the other could leave the first replaced and the second not (a folder in its place, an
immutable file, a full disk). :func:`write_files` works in three steps, so a failure anywhere
leaves every destination as it was:

1. *check* every destination (not a folder, a name the file system takes, a folder that can be
   created, and with ``overwrite=False`` no existing file);
2. *prepare* every file: write it in full to a temporary file beside its destination, and keep
   a copy (a hard link where the file system has them) of each file it replaces;
3. *rename* each temporary file over its destination; when one rename fails, the renames
   already made are undone from the copies, and the folders made for it are removed.

Ctrl-C is held back during step 3, so an interrupt cannot stop it half-way; it takes effect
once the files are all written or all restored. Every failure is an
:class:`~parplan.vocab.problems.OutputError` (exit 2) placed at the destination it concerns.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from parplan.vocab import rules
from parplan.vocab.problems import InputError, Msg, OutputError, Problem, msg, os_reason


class FilesExist(InputError):
    """Files that exist already, where the caller asked never to overwrite (``init``): each
    one a PP144 problem; nothing was written."""

    def __init__(self, paths: list[Path], hint: Msg | None = None) -> None:
        exists = Msg("exists", {"hint": hint or Msg("blank")})
        super().__init__([_problem(path, rules.FILE_EXISTS, exists) for path in paths])
        self.paths = paths


def _problem(path: Path, code: str, message: Msg) -> Problem:
    return Problem(str(path), None, None, None, code, message)


def cannot_write(path: Path, error: OSError) -> OutputError:
    """A destination that cannot be written, with the system's reason (PP901)."""
    if error.errno == errno.EISDIR:
        return OutputError(_problem(path, rules.UNWRITABLE_OUTPUT, msg("output-folder")))
    if error.errno in (errno.ENOTDIR, errno.ELOOP):  # name the part that is wrong, not the file
        path = _culprit(path, error.errno)
    return OutputError(_problem(path, rules.UNWRITABLE_OUTPUT, msg("cannot-write", reason=os_reason(error))))


@dataclass
class _Entry:
    """One destination of a transaction, as it moves through the steps."""

    shown: Path
    target: Path
    data: bytes
    existed: bool = False
    mode: int | None = None
    temporary: str | None = None
    backup: str | None = None
    renamed: bool = False


def _target(path: Path) -> Path:
    """The file a write replaces: a link is followed, so the link stays a link."""
    try:
        return Path(os.path.realpath(path, strict=False)) if path.is_symlink() else path
    except OSError as error:  # a link loop, a name too long
        raise cannot_write(path, error) from None


def _folder(target: Path) -> Path:
    return target.parent if str(target.parent) else Path(".")


def _make_folder(folder: Path, shown: Path, made: list[Path]) -> None:
    """Create ``folder`` and its missing parents, remembering each one made for the rollback."""
    missing: list[Path] = []
    probe = folder
    while not os.path.lexists(probe) and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    for each in reversed(missing):
        try:
            os.mkdir(each)
        except FileExistsError:
            continue
        except OSError as error:
            raise cannot_write(each if each != folder else shown, error) from None
        made.append(each)
    if not folder.is_dir():
        raise cannot_write(shown, OSError(errno.ENOTDIR, os.strerror(errno.ENOTDIR)))


def _check(entry: _Entry, *, overwrite: bool) -> None:
    """Step 1: the destination is a file or nothing, under a name the file system takes."""
    try:
        info = os.stat(entry.target)
    except FileNotFoundError:
        return
    except OSError as error:  # a name too long, a link loop, a file where a folder should be
        raise cannot_write(entry.shown, error) from None
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(_problem(entry.shown, rules.UNWRITABLE_OUTPUT, msg("output-folder")))
    if not overwrite:
        raise FilesExist([entry.shown])
    entry.existed = True
    entry.mode = info.st_mode & 0o7777


def _culprit(path: Path, code: int) -> Path:
    """The first part of ``path`` that is not a folder (``init notes.txt``), or that is a loop
    of links (``ENOTDIR``, ``ELOOP``); ``path`` itself if none is."""
    for part in reversed(path.parents):
        try:
            info = os.stat(part)
        except OSError as error:
            if error.errno == code == errno.ELOOP:
                return part
            continue
        if code == errno.ENOTDIR and not stat.S_ISDIR(info.st_mode):
            return part
    return path


def _new_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _prepare(entry: _Entry, *, keep_copy: bool) -> None:
    """Step 2: the new content in a temporary file beside the destination, and a copy of the
    old file to restore it from."""
    folder = _folder(entry.target)
    try:
        handle, entry.temporary = tempfile.mkstemp(prefix=".parplan-", suffix=".tmp", dir=folder)
        with os.fdopen(handle, "wb") as stream:
            stream.write(entry.data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(entry.temporary, entry.mode if entry.mode is not None else _new_mode())
        if keep_copy and entry.existed:
            entry.backup = _keep_copy(entry.target, folder)
    except OSError as error:
        raise cannot_write(entry.shown, error) from None


def _keep_copy(target: Path, folder: Path) -> str:
    """A hard link to the old file (no space, no time); a full copy where links are refused."""
    import shutil

    handle, name = tempfile.mkstemp(prefix=".parplan-", suffix=".old", dir=folder)
    os.close(handle)
    os.unlink(name)
    try:
        os.link(target, name)
    except OSError:
        shutil.copy2(target, name)
    return name


def _rename(entry: _Entry, *, overwrite: bool) -> None:
    """Step 3 for one file: atomic; without ``overwrite``, a file appearing meanwhile is kept."""
    assert entry.temporary is not None
    try:
        if overwrite:
            os.replace(entry.temporary, entry.target)
        else:
            _create(entry.temporary, entry.target)
    except FileExistsError:
        raise FilesExist([entry.shown]) from None
    except OSError as error:
        raise cannot_write(entry.shown, error) from None
    entry.renamed = True


def _create(temporary: str, target: Path) -> None:
    """Rename without replacing: a hard link fails if the name exists (atomically)."""
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise
    except OSError:  # no hard links here: check, then rename (a narrow race, as before links)
        if os.path.lexists(target):
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(target)) from None
        os.rename(temporary, target)
        return
    os.unlink(temporary)


def _undo(entries: list[_Entry], made: list[Path]) -> None:
    """Put back every destination renamed so far, remove temporary files and made folders."""
    for entry in reversed(entries):
        with contextlib.suppress(OSError):
            if entry.renamed and entry.backup is not None:
                os.replace(entry.backup, entry.target)
                entry.backup = None
            elif entry.renamed and not entry.existed:
                os.unlink(entry.target)
            entry.renamed = False
        _clean(entry)
    for folder in reversed(made):
        with contextlib.suppress(OSError):
            os.rmdir(folder)


def _clean(entry: _Entry) -> None:
    for name in (entry.temporary, entry.backup):
        if name is not None:
            with contextlib.suppress(OSError):
                os.unlink(name)
    entry.temporary = entry.backup = None


@contextlib.contextmanager
def _uninterrupted() -> Iterator[None]:
    """Hold Ctrl-C back (on the main thread) while files are renamed; it is delivered after."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def write_files(
    files: Mapping[Path, bytes],
    *,
    overwrite: bool = True,
    make_folders: bool = False,
    exists_hint: Msg | None = None,
) -> list[Path]:
    """Write every file or none: check, prepare, then rename with a rollback (see the module).

    ``files`` maps each destination to its content; with ``make_folders``, missing folders are
    created (and removed again on failure). With ``overwrite=False`` an existing destination
    is refused before anything is written (:class:`FilesExist`, naming every one, with
    ``exists_hint``). Returns the destinations.
    """
    entries = [_Entry(path, _target(path), data) for path, data in files.items()]
    existing: list[Path] = []
    for entry in entries:
        try:
            _check(entry, overwrite=overwrite)
        except FilesExist:
            existing.append(entry.shown)
    if existing:
        raise FilesExist(existing, exists_hint)
    made: list[Path] = []
    try:
        for entry in entries:
            if make_folders:
                _make_folder(_folder(entry.target), entry.shown, made)
        for entry in entries:
            _prepare(entry, keep_copy=len(entries) > 1)
        with _uninterrupted():
            try:
                for entry in entries:
                    _rename(entry, overwrite=overwrite)
            except BaseException:
                _undo(entries, made)
                raise
    except BaseException:
        _undo(entries, made)
        raise
    for entry in entries:
        _clean(entry)
    return list(files)


def write_file_atomic(path: Path, data: bytes) -> None:
    """One regular file, replaced all at once: readers see the old file or the new one."""
    write_files({path: data})


__all__ = ["FilesExist", "cannot_write", "write_file_atomic", "write_files"]
