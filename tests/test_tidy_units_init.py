"""``units init``'s comments come from the one gettext catalogue, and keep their bytes.

The comments were once a private (Vietnamese, English) table chosen by ``lang == "vi"``: a
second translation system a translator never sees. Now each is an English msgid whose
Vietnamese is in ``parplan.po``; the goldens pin that the files written did not change.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parplan.cli.main import app
from parplan.core.units import init_texts
from parplan.vocab.i18n import Lang, catalogue

GOLDEN = Path(__file__).parent / "golden"
SOURCE = Path(__file__).parent.parent / "src" / "parplan"


def _comment_blocks(text: str) -> list[str]:
    """The runs of ``# …`` lines that are prose (not the commented-out ``# bonus:`` keys)."""
    blocks: list[list[str]] = []
    previous_was_comment = False
    for line in text.split("\n"):
        if line.startswith("#") and not re.match(r"# (bonus|penalty):", line):
            if not previous_was_comment:
                blocks.append([])
            blocks[-1].append(line[2:] if line.startswith("# ") else line[1:])
            previous_was_comment = True
        else:
            previous_was_comment = False
    return ["\n".join(block) for block in blocks]


def test_each_vietnamese_comment_is_the_catalogues_translation_of_the_english_one() -> None:
    english = _comment_blocks(init_texts("Cao Bằng", 2025, "en")["units.yaml"])
    vietnamese = _comment_blocks(init_texts("Cao Bằng", 2025, "vi")["units.yaml"])
    assert len(english) == len(vietnamese) == 7
    translations = catalogue("vi")
    for en, vi in zip(english, vietnamese, strict=True):
        # gettext returns the msgid itself when the catalogue lacks it
        assert translations.gettext(en) == vi != en


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_units_init_writes_the_same_bytes(tmp_path: Path, lang: Lang) -> None:
    result = CliRunner().invoke(
        app,
        ["units", "init", str(tmp_path), "--province", "Cao Bằng", "--year", "2025", "--lang", lang],
        env={"PARPLAN_LANG": ""},
    )
    assert result.exit_code == 0, result.stderr
    text = (tmp_path / "units.yaml").read_text(encoding="utf-8")
    golden = GOLDEN / ("units-init.yaml" if lang == "vi" else "units-init.en.yaml")
    if os.environ.get("PARPLAN_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_no_second_translation_system_in_the_package() -> None:
    found = [
        f"{path.relative_to(SOURCE)}:{n}"
        for path in sorted(SOURCE.rglob("*.py"))
        if path.relative_to(SOURCE).as_posix() != "vocab/i18n.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"""lang(\.value)?\s*[!=]=\s*["'](vi|en)["']|["'](vi|en)["']\s*[!=]=\s*lang""", line)
    ]
    assert found == []
