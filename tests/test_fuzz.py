"""A short round of the loader fuzzer (fuzz/fuzz_loader.py) with the suite; run it longer by hand."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from parplan.vocab.problems import InputError
from scripts import FUZZ, load_script


@pytest.fixture(scope="module")
def harness() -> ModuleType:
    return load_script(FUZZ / "fuzz_loader.py", "fuzz_loader")


def test_a_short_fuzzing_run_finds_no_unhandled_exception(harness: ModuleType) -> None:
    harness.fuzz(examples=150, seed=0)


def test_every_tag_with_every_odd_content_is_read_or_refused(harness: ModuleType, tmp_path: Path) -> None:
    cases = harness.tag_cases()
    assert len(cases) == 2 * len(harness.TAGS) * len(harness.ODD_VALUES)
    for data in cases:
        harness.check_bytes(data, tmp_path)


def test_the_harness_would_report_an_unhandled_exception(
    harness: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A loader that crashes must fail the run: the harness is not vacuous."""

    def crash(*args: object, **kwargs: object) -> None:
        raise RecursionError("boom")

    monkeypatch.setattr(harness, "load", crash)
    with pytest.raises(RecursionError):
        harness.fuzz(examples=5, seed=0)


def test_the_harness_accepts_input_errors(harness: ModuleType, tmp_path: Path) -> None:
    harness.check_bytes(b"- not a plan\n", tmp_path)
    harness.check_bytes(harness.SEEDS[0], tmp_path)  # the bundled baseline loads and is analysed
    with pytest.raises(InputError):
        harness.load(tmp_path / "fuzzed.yaml", harness.Targets)
