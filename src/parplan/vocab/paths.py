"""A file's name as parplan prints it: one printable line, whatever bytes the name holds.

A file name may hold ESC, BEL, a line break or a bidirectional mark: printed raw, it would
reach the terminal as an escape sequence, or forge whole lines of messages
(``x\\nbaseline.yaml:1:1: PP999 error: …``). Every place that prints a path (a problem's
place, "wrote" lines, GitHub annotations, the validate table) prints :func:`shown_path`,
as names read from YAML are refused when they hold such characters.
"""

from __future__ import annotations

import os


def _escape(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a name that is not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def shown_path(path: str | os.PathLike[str]) -> str:
    """``path`` with every character that is not printable written as its escape (``\\x1b``,
    ``\\n``'s ``\\x0a``, ``\\u202e``): one line, no control, no bidi, valid UTF-8."""
    text = os.fspath(path)
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else _escape(char) for char in text)


__all__ = ["shown_path"]
