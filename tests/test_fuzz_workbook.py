"""A short round of the workbook fuzzer (fuzz/fuzz_workbook.py) with the suite; run it longer by hand."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from scripts import FUZZ, load_script


@pytest.fixture(scope="module")
def harness() -> ModuleType:
    return load_script(FUZZ / "fuzz_workbook.py", "fuzz_workbook")


def test_a_short_fuzzing_run_finds_no_unhandled_exception(harness: ModuleType) -> None:
    harness.fuzz(examples=40, seed=0)


def test_the_seed_reads_and_its_parts_are_mutated(harness: ModuleType, tmp_path: Path) -> None:
    harness.check_bytes(harness.SEED, tmp_path)  # the export itself imports
    assert any(name.startswith("xl/worksheets/") for name in harness.TARGETS)
    assert any(name.endswith("styles.xml") for name in harness.TARGETS)  # number formats


def test_the_harness_would_report_an_unhandled_exception(
    harness: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reader that crashes must fail the run: the harness is not vacuous."""

    def crash(*args: object, **kwargs: object) -> None:
        raise ValueError("boom")

    monkeypatch.setattr(harness, "read_workbook", crash)
    with pytest.raises(ValueError, match="boom"):
        harness.fuzz(examples=3, seed=0)
