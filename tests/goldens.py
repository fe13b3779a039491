"""The exact outputs pinned in tests/golden/, compared in one way by every test that pins one.

Set PARPLAN_UPDATE_GOLDEN=1 to rewrite the golden files after an intended change, then read
the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"


def golden(name: str, text: str) -> None:
    """``text`` is tests/golden/``name`` to the character (or, when updating, becomes it)."""
    path = GOLDEN / name
    if os.environ.get("PARPLAN_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")
