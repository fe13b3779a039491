"""Fuzz the loader: any bytes give a plan or an InputError, never another exception.

Two sources of input: raw bytes, and the bundled Cao Bằng files with random edits (YAML
tokens, anchors, tags, brackets, bad bytes spliced in), which get much deeper into the
loader and the models than noise does. Each input is read as a baseline and as targets,
through libyaml and the pure-Python parser; a baseline that loads is also analysed and
rendered, since a value the models accept must not break the arithmetic either.

Run it (from the repository root):

    python fuzz/fuzz_loader.py                  # 2,000 hypothesis examples
    python fuzz/fuzz_loader.py --examples 50000 # longer
    python fuzz/fuzz_loader.py --atheris -max_total_time=600   # coverage-guided; pip install atheris

``tests/test_fuzz.py`` runs a short round of it with the test suite.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parplan.analysis.gaps import gap_rows, rank_rows
from parplan.analysis.rules import plan_findings
from parplan.models.plan import Baseline, Targets
from parplan.reading.loading import DEFAULT_BASELINE, DEFAULT_TARGETS, bundled, load
from parplan.render import render
from parplan.report.views import GAP_ALL, GAP_COLUMNS, choose_columns, gap_report
from parplan.vocab.document import Options, OutputFormat
from parplan.vocab.problems import InputError

SEEDS = [bundled(DEFAULT_BASELINE).read_bytes(), bundled(DEFAULT_TARGETS).read_bytes()]
TOKENS = [
    b"[", b"]", b"{", b"}", b",", b": ", b"- ", b"? ", b"\n", b"\r\n", b"\t", b"  ", b"#", b"'", b'"',
    b"&a ", b"*a", b"!!python/object/apply:os.system ", b"!!binary ", b"!x ", b"<<: ", b"---\n",
    b"~", b"null", b".nan", b"-.inf", b"1e+999999", b"0x_", b"1:30", b"2024-13-45", b"12,5", b"-1",
    b"99999", b"70/63", b"\xef\xbb\xbf", b"\xff", b"\xc3", b"\x00", b"\\ud800", b"\x1b", b"\xe2\x80\xa8",
    b"score: ", b"id: par.1", b"parts:", b"criteria: []", b"[" * 40, b"{a: " * 40,
]  # fmt: skip

TAGS = [
    "!!str", "!!int", "!!float", "!!bool", "!!null", "!!timestamp", "!!map", "!!seq", "!!set",
    "!!omap", "!!pairs", "!!binary", "!!merge", "!!value", "!!yaml", "!<tag:yaml.org,2002:int>",
    "!", "!x", "!!python/tuple",
]  # fmt: skip
"""Every tag of YAML 1.1's vocabulary (and a few beyond): each must be read or refused, whatever it tags."""
ODD_VALUES = [
    '""', "''", "maybe", "yes", "No", "012", "0o7", "0x_", "17:52", "1_000", "1e3", ".5", "=", "<<",
    "2024-02-30", "soon", "[]", "{}", "[1, 2]", "{a: 1}", "~", "-", "9" * 200, "'\u202e'", '"\x85"',
]  # fmt: skip
"""Contents a tag does not expect: empty, another type's text, YAML 1.1's surprises."""
TOKENS += [f"{tag} {value}".encode() for tag in TAGS for value in ("", "maybe", '""', "012")]


def tag_cases() -> list[bytes]:
    """A baseline whose score (and a key) carries each tag with each odd content: what found the
    tracebacks of ``!!bool maybe`` and ``!!int ""``, tried every time, not by chance."""
    seed = SEEDS[0].decode("utf-8")
    cases = []
    for tag in TAGS:
        for value in ODD_VALUES:
            cases.append(seed.replace("score: 9.2779", f"score: {tag} {value}", 1).encode("utf-8"))
            cases.append(seed.replace("year: 2024", f"year: 2024\n{tag} {value}: 1", 1).encode("utf-8"))
    return cases


_TARGETS, _ = load(bundled(DEFAULT_TARGETS), Targets)


def check_bytes(data: bytes, folder: Path) -> None:
    """Load ``data`` every way the CLI can; only :class:`InputError` may come out."""
    path = folder / "fuzzed.yaml"
    path.write_bytes(data)
    for pure in (False, True):
        for model in (Baseline, Targets):
            try:
                loaded, _ = load(path, model, pure=pure)
            except InputError as error:
                if not error.problems:
                    raise AssertionError("an InputError must say what is wrong") from error
                for problem in error.problems:
                    problem.format()
                continue
            if isinstance(loaded, Baseline):
                analyse(loaded)


def analyse(baseline: Baseline) -> None:
    """What gap and rank do with a baseline the models accepted."""
    plan_findings(baseline, _TARGETS, baseline)
    rows = gap_rows(baseline, _TARGETS)
    rank_rows(rows, "ambition")
    report = gap_report(rows, baseline, _TARGETS, choose_columns(GAP_COLUMNS, GAP_ALL), "vi")
    for output_format in (OutputFormat.JSON, OutputFormat.CSV, OutputFormat.MARKDOWN):
        render(report, output_format, Options())


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A bundled file with a few random edits: replace, insert, delete or repeat a slice."""
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 6))):
        start = draw(st.integers(0, len(data)))
        end = min(len(data), start + draw(st.integers(0, 40)))
        piece = draw(st.sampled_from(TOKENS) | st.binary(max_size=12))
        action = draw(st.sampled_from(["replace", "insert", "delete", "repeat"]))
        if action == "replace":
            data[start:end] = piece
        elif action == "insert":
            data[start:start] = piece
        elif action == "delete":
            del data[start:end]
        else:
            data[start:start] = bytes(data[start:end]) * draw(st.integers(2, 50))
    return bytes(data)


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
        @given(st.binary(max_size=4000) | mutated())
        def one(data: bytes) -> None:
            check_bytes(data, folder)

        one()


def atheris_main(argv: list[str]) -> None:  # pragma: no cover - needs atheris and a clang build
    atheris = importlib.import_module("atheris")  # optional, not a dependency

    folder = Path(tempfile.mkdtemp())

    def one_input(data: bytes) -> None:
        check_bytes(data, folder)

    atheris.Setup([sys.argv[0], *argv], one_input)
    atheris.Fuzz()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--examples", type=int, default=2000, help="hypothesis examples to run")
    parser.add_argument("--atheris", action="store_true", help="coverage-guided fuzzing with atheris")
    known, rest = parser.parse_known_args()
    if known.atheris:
        atheris_main(rest)
    else:
        fuzz(known.examples)
        print(f"{known.examples} inputs: no unhandled exception")


if __name__ == "__main__":
    main()
