"""The Vietnamese catalogue's upkeep: extract the English msgids, update the .po, compile the .mo.

    python tools/catalogue.py update   # after changing a word in the code: new msgids in the .po
    python tools/catalogue.py compile  # after translating in Poedit/Weblate: the .mo again
    python tools/catalogue.py check    # what tests/test_catalogue.py checks

A development tool (Babel), never imported by parplan itself: at run time the standard
library's gettext reads the compiled ``.mo`` (:mod:`parplan.vocab.i18n`). A msgid is every
string given to ``N_(…)`` or as the second argument of ``tr(lang, …)`` in ``src/parplan``,
plus click's own words that parplan shows (:data:`CLICK_WORDS`, marked in click's source).
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "parplan"
PO = SOURCE / "locale" / "vi" / "LC_MESSAGES" / "parplan.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"N_": None, "NC_": ((1, "c"), 2), "tr": (2,)}
"""``N_(msgid)`` marks a word where it is defined, ``NC_(context, msgid)`` one with a context;
``tr(lang, msgid)`` translates one in place."""


def template() -> Catalog:
    """Every msgid the code uses, with where it is used (the .pot a translator starts from)."""
    catalog = Catalog(project="parplan", domain="parplan", charset="utf-8", fuzzy=False)
    found = extract_from_dir(str(SOURCE), method_map=[("**.py", "python")], keywords=KEYWORDS)
    for filename, lineno, message, _comments, context in found:
        place = (str(Path("src/parplan") / filename), lineno)
        catalog.add(message, locations=[place], context=context)
    return catalog


def read_catalogue(path: Path | None = None) -> Catalog:
    with (path or PO).open("rb") as file:
        return read_po(file, locale="vi", domain="parplan")


def write_catalogue(catalog: Catalog, path: Path | None = None) -> None:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, include_previous=False, include_lineno=False)
    (path or PO).write_bytes(buffer.getvalue())


def compile_catalogue(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def update() -> None:
    """New msgids into the .po (untranslated, for the translator), vanished ones dropped."""
    catalog = read_catalogue()
    created = catalog.creation_date  # kept: a date that moves on every update only makes conflicts
    catalog.update(template(), no_fuzzy_matching=True, update_header_comment=False)
    catalog.creation_date = created
    catalog.obsolete.clear()
    write_catalogue(catalog)
    MO.write_bytes(compile_catalogue(catalog))


Key = tuple[str | None, str]
"""A message's context and msgid."""


def _key(message: Message) -> Key:
    return (message.context, str(message.id))


def _translated(catalog: Catalog) -> dict[Key, str]:
    return {_key(m): str(m.string) for m in catalog if m.id and m.string and not m.fuzzy}


def problems() -> Iterator[str]:
    """Why the catalogue is not ready to ship: an untranslated, fuzzy or unused msgid, or a
    stale .mo."""
    catalog = read_catalogue()
    used = {_key(message) for message in template() if message.id}
    for message in catalog:
        if not message.id:
            continue
        if message.fuzzy:
            yield f"fuzzy: {message.id!r}"
        elif not message.string:
            yield f"untranslated: {message.id!r}"
        if _key(message) not in used:
            yield f"no longer used in the code: {message.id!r}"
    for _, msgid in sorted(used - {_key(m) for m in catalog}, key=lambda key: key[1]):
        yield f"missing from the .po: {msgid!r} (run python tools/catalogue.py update)"
    with MO.open("rb") as file:
        compiled = {_key(m): str(m.string) for m in read_mo(file) if m.id}
    if compiled != _translated(catalog):
        yield f"{MO.name} is stale: run python tools/catalogue.py compile"


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "check"
    if command == "update":
        update()
    elif command == "compile":
        MO.write_bytes(compile_catalogue(read_catalogue()))
    elif command == "check":
        found = list(problems())
        print("\n".join(found) or "the catalogue is complete")
        return 1 if found else 0
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
