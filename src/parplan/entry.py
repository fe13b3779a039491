"""The ``parplan`` command's entry point: Ctrl-C is answered before anything heavy is imported.

Loading the command line (typer, click, pydantic, the catalogue) takes most of a second. A
Ctrl-C in that time used to print a ``KeyboardInterrupt`` traceback, and one while click parses
the options printed "Aborted!" with exit code 1. This module installs its own SIGINT handler
first: until a command's body runs, Ctrl-C prints one line and exits 130 at once (nothing is
being written then). While a body runs, :func:`parplan.cli.main.guarded` lets Python's own
handler raise ``KeyboardInterrupt``, so that a file being written is cleaned up first; the
transaction in :mod:`parplan.core.files` holds Ctrl-C back while it renames files.

Either handler runs only between bytecodes: a Ctrl-C that lands just before a blocking
``open()`` or ``read()`` is noted and nothing more, so the reader waits on a named pipe beside
the signal wake-up fd (:func:`parplan.reading.yamlread.read_text`) rather than in ``read()``.

Only the interpreter's own start-up, before this module runs, is out of its reach.
"""

from __future__ import annotations

import os
import signal
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # this module loads first: nothing more than it needs
    from types import FrameType, TracebackType

INTERRUPTED = 130


def interrupted_line() -> bytes:
    """The one line Ctrl-C prints, from the catalogue, in the user's language."""
    from parplan.vocab.i18n import chosen_language
    from parplan.vocab.problems import msg

    return (msg("interrupted").text(chosen_language(sys.argv[1:])) + "\n").encode("utf-8")


_catalogue = {"ready": False, "pending": False}
"""Whether the catalogue is loaded: a Ctrl-C that comes while it loads waits for it (a few
milliseconds), so that its line is in the user's language too."""


def exit_interrupted(signum: int = signal.SIGINT, frame: FrameType | None = None) -> None:
    """SIGINT outside a command's body: one line on stderr, exit 130, now."""
    if not _catalogue["ready"]:
        _catalogue["pending"] = True
        return
    try:  # noqa: SIM105  # contextlib is not loaded yet when this may run
        os.write(2, interrupted_line())
    except OSError:  # a closed stderr: the exit code still says it
        pass
    os._exit(INTERRUPTED)


class interruptible:  # used as a context manager, named like one
    """A command's body: Ctrl-C raises ``KeyboardInterrupt`` there, so that what is being
    written is cleaned up before the command answers 130; outside it, :func:`exit_interrupted`.

    Run other than as ``parplan`` (tests, the API), the handler is not ours: left alone.
    """

    def __enter__(self) -> None:
        self.ours = signal.getsignal(signal.SIGINT) is exit_interrupted
        if self.ours:
            signal.signal(signal.SIGINT, signal.default_int_handler)

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self.ours:
            signal.signal(signal.SIGINT, exit_interrupted)


def main() -> None:
    """``parplan``: the handler first, then the command line, then an exit that Ctrl-C cannot
    turn into a death by signal.

    Python puts the default SIGINT action back while it shuts down, so a Ctrl-C in the last
    milliseconds killed the process (a shell reads that as failure, whatever the command did).
    The command has written and flushed everything by then: parplan exits at once with its code.
    """
    signal.signal(signal.SIGINT, exit_interrupted)
    import parplan.vocab.problems  # noqa: F401  # the words of the one line, first

    _catalogue["ready"] = True
    if _catalogue["pending"]:
        exit_interrupted()
    from parplan.cli.main import app

    try:
        app(prog_name="parplan")
        code: object = 0
    except SystemExit as done:
        code = done.code
    _exit(code)


def _exit(code: object) -> None:
    """Exit with ``code`` as ``sys.exit`` would (``None`` 0, a text printed and 1), without the
    interpreter's shutdown; the standard streams are flushed first."""
    if isinstance(code, str):
        os.write(2, (code + "\n").encode("utf-8", "replace"))
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:  # noqa: SIM105  # as above: the fewest imports
            stream.flush()
        except (OSError, ValueError, AttributeError):  # closed or broken: nothing more to say there
            pass
    os._exit(code if isinstance(code, int) else 0 if code is None else 1)


if __name__ == "__main__":  # pragma: no cover - ``python -m parplan.entry``
    main()
