"""Fuzz the workbook reader: any .xlsx gives a plan or an InputError, never another exception.

The seeds are parplan's own export of the bundled plan (what an analyst edits). Each input edits
the XML parts a reader parses (the sheets, the shared strings, the styles that carry number
formats) with tokens that mean something to Excel: cell types, formulas, errors, huge and odd
numbers, percent and date formats, bad cell references, broken markup. Raw bytes are tried too.
Each input is read as ``parplan import`` reads it (:func:`parplan.reading.workbook.read_workbook`).

Run it (from the repository root):

    python fuzz/fuzz_workbook.py                   # 300 hypothesis examples
    python fuzz/fuzz_workbook.py --examples 5000   # longer

``tests/test_fuzz.py`` runs a short round of it with the test suite.
"""

from __future__ import annotations

import argparse
import io
import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parplan.core.api import export_workbook, load_plan
from parplan.reading.workbook import read_workbook
from parplan.vocab.problems import InputError

SEED = export_workbook(load_plan(), "en")
with zipfile.ZipFile(io.BytesIO(SEED)) as _archive:
    PARTS = {name: _archive.read(name) for name in _archive.namelist()}
TARGETS = sorted(
    n for n in PARTS if n.startswith("xl/worksheets/") or n.endswith(("sharedStrings.xml", "styles.xml"))
)
TOKENS = [
    b' t="e"', b' t="s"', b' t="b"', b' t="str"', b' t="n"', b' t="inlineStr"', b" s=\"1\"", b" s=\"999\"",
    b"<v>1e308</v>", b"<v>-1e308</v>", b"<v>1e999</v>", b"<v>NaN</v>", b"<v>inf</v>", b"<v>abc</v>",
    b"<v>0.98</v>", b"<v>99999999999999999999</v>", b"<v>#DIV/0!</v>", b"<v></v>", b"<v>-0</v>",
    b"<f>1+2</f>", b"<f>SUM(A1:A2)</f>", b'<c r="XFD1048576"><v>1</v></c>', b'<c r="A0"><v>1</v></c>',
    b'<c r="ZZZZ1"><v>1</v></c>', b'<row r="0">', b'<row r="99999999">', b"</row>", b"<row>",
    b'formatCode="0%"', b'formatCode="0.00%"', b'formatCode="yyyy-mm-dd"', b'formatCode="@"',
    b'numFmtId="9"', b'numFmtId="10"', b'numFmtId="14"', b'numFmtId="49"', b"<t>=1+2</t>",
    b"<t>98%</t>", b"<t>12/34</t>", b"<t>\xef\xbf\xbe</t>", b"&#0;", b"&#x1b;", b"\x00", b"\xff",
    b'<dimension ref="A1:B2"/>', b"<sheetData/>", b"<", b">", b'"', b"&amp;", b"&bogus;",
]  # fmt: skip


def check_bytes(data: bytes, folder: Path) -> None:
    """Read ``data`` as ``import`` does; only :class:`InputError` may come out, and it says why."""
    path = folder / "fuzzed.xlsx"
    path.write_bytes(data)
    try:
        read_workbook(path, "fuzzed.xlsx")
    except InputError as error:
        if not error.problems:
            raise AssertionError("an InputError must say what is wrong") from error
        for problem in error.problems:
            problem.format()


def _zipped(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """The exported workbook with a few edits in the XML of its sheets, strings or styles."""
    parts = dict(PARTS)
    for _ in range(draw(st.integers(1, 5))):
        name = draw(st.sampled_from(TARGETS))
        data = bytearray(parts[name])
        start = draw(st.integers(0, len(data)))
        end = min(len(data), start + draw(st.integers(0, 30)))
        piece = draw(st.sampled_from(TOKENS) | st.binary(max_size=8))
        action = draw(st.sampled_from(["replace", "insert", "delete"]))
        if action == "replace":
            data[start:end] = piece
        elif action == "insert":
            data[start:start] = piece
        else:
            del data[start:end]
        parts[name] = bytes(data)
    return _zipped(parts)


def fuzz(examples: int, seed: int | None = None) -> None:
    """Run ``examples`` hypothesis inputs; a failure raises with the smallest input found."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)

        @settings(
            max_examples=examples,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
            derandomize=seed is not None,
        )
        @given(mutated() | st.binary(max_size=2000))
        def one(data: bytes) -> None:
            check_bytes(data, folder)

        one()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--examples", type=int, default=300, help="hypothesis examples to run")
    known = parser.parse_args()
    fuzz(known.examples)
    print(f"{known.examples} inputs: no unhandled exception")


if __name__ == "__main__":
    main()
