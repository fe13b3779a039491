"""Writing output files all at once: a failed or interrupted run leaves nothing behind."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from parplan.loading import InputError, Problem


def _cannot_write(path: Path, error: OSError) -> InputError:
    reason = error.strerror or str(error)
    return InputError([Problem(str(path), None, None, None, "error", f"cannot be written: {reason}")])


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename it over ``path``.

    The rename is atomic on one file system, so readers see the old file or the new one,
    never half of it; on any failure (or Ctrl-C) the temporary file is removed and an
    existing file is untouched. A symbolic link is followed, so the link stays a link.
    """
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    if target.is_dir():
        raise InputError([Problem(str(path), None, None, None, "error", "is a directory, not a file")])
    folder = target.parent if str(target.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise _cannot_write(path, error) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if target.exists():
            # Keep the permissions of the file being replaced; mkstemp makes it private.
            os.chmod(temporary, target.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise _cannot_write(path, error) from None
        raise
