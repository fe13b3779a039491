"""Writing output files all at once: a failed or interrupted run leaves nothing behind."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from parplan.loading import InputError, Problem


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename it over ``path``.

    The rename is atomic on one file system, so readers see the old file or the new one,
    never half of it; on any failure (or Ctrl-C) the temporary file is removed and an
    existing file is untouched.
    """
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise InputError(
            [Problem(str(path), None, None, None, "error", f"cannot be written: {error.strerror}")]
        ) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if path.exists():
            # Keep the permissions of the file being replaced; mkstemp makes it private.
            os.chmod(temporary, path.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise InputError(
                [Problem(str(path), None, None, None, "error", f"cannot be written: {error.strerror}")]
            ) from None
        raise
