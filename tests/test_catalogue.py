"""The Vietnamese catalogue is complete, current and shipped: every msgid the code uses has its
translation, none is fuzzy or empty, and the compiled .mo says what the .po says."""

from __future__ import annotations

import gettext
import importlib.util
import string
import sys
import unicodedata
from pathlib import Path
from types import ModuleType

import pytest

from parplan.vocab.document import titled
from parplan.vocab.i18n import LOCALE_DIR, NC_, catalogue, tr

ROOT = Path(__file__).resolve().parent.parent


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("catalogue", ROOT / "tools" / "catalogue.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["catalogue"] = module
    spec.loader.exec_module(module)
    return module


TOOL = _tool()


def test_every_msgid_in_the_code_is_translated_and_the_mo_is_current() -> None:
    assert list(TOOL.problems()) == []


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_each_translation_keeps_its_arguments_and_is_nfc() -> None:
    for message in TOOL.read_catalogue():
        if not message.id:
            continue
        vi, en = str(message.string), str(message.id)
        # English alone inflects ("1 warning", "2 warnings"; "is an error", "are errors").
        assert _fields(en) - _fields(vi) <= {"plural", "eplural", "wplural", "verb"}, en
        assert _fields(vi) <= _fields(en), en
        assert unicodedata.is_normalized("NFC", vi), en


def test_the_checks_catch_a_missing_a_fuzzy_and_a_stale_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    po, mo = tmp_path / "parplan.po", tmp_path / "parplan.mo"
    catalog = TOOL.read_catalogue()
    first = next(m for m in catalog if m.id)
    first.string = ""
    second = [m for m in catalog if m.id][1]
    second.flags.add("fuzzy")
    TOOL.write_catalogue(catalog, po)
    mo.write_bytes(TOOL.MO.read_bytes())
    monkeypatch.setattr(TOOL, "PO", po)
    monkeypatch.setattr(TOOL, "MO", mo)
    found = list(TOOL.problems())
    assert f"untranslated: {first.id!r}" in found
    assert f"fuzzy: {second.id!r}" in found
    assert "parplan.mo is stale: run python tools/catalogue.py compile" in found


def test_the_compiled_catalogue_is_in_the_package_and_english_is_the_msgid() -> None:
    assert (LOCALE_DIR / "vi" / "LC_MESSAGES" / "parplan.mo").is_file()
    assert isinstance(catalogue("vi"), gettext.GNUTranslations)
    assert tr("vi", "error") == "lỗi"
    assert tr("en", "error") == "error"
    assert tr("vi", "") == ""


def test_a_msgid_with_a_context_has_its_own_translation() -> None:
    assert tr("vi", NC_("deadlines", "Responsible")) == "Cơ quan"
    assert tr("vi", "Responsible") == "Cơ quan chủ trì"
    assert tr("en", NC_("deadlines", "Responsible")) == "Responsible"


def test_a_column_header_comes_from_the_catalogue_in_both_languages() -> None:
    column = titled("score", "Score {year}", numeric=True, values={"year": 2024})
    assert (column.header("vi"), column.header("en")) == ("Điểm 2024", "Score 2024")
