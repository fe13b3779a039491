"""flatten() is computed once per model, and its cache neither leaks nor can be corrupted."""

from __future__ import annotations

import gc

import pytest

from parplan import compute
from parplan.compute import Entry, flatten, gap_rows, plan_findings
from parplan.loading import DEFAULT_BASELINE, DEFAULT_TARGETS, bundled, load_baseline, load_targets
from parplan.models import Baseline


def test_flatten_is_walked_once_per_model_and_returns_a_fresh_list(monkeypatch: pytest.MonkeyPatch) -> None:
    baseline, _ = load_baseline(bundled(DEFAULT_BASELINE))
    targets, _ = load_targets(bundled(DEFAULT_TARGETS))
    walks = []
    real = compute._flatten

    def counting(model: Baseline) -> list[Entry]:
        walks.append(model)
        return real(model)

    monkeypatch.setattr(compute, "_flatten", counting)
    first = flatten(baseline)
    plan_findings(baseline, targets)
    gap_rows(baseline, targets)
    first.clear()  # a caller's list is its own
    assert flatten(baseline) == real(baseline)
    assert walks == [baseline]


def test_the_cache_entry_goes_with_its_model() -> None:
    baseline, _ = load_baseline(bundled(DEFAULT_BASELINE))
    before = len(compute._FLAT)
    flatten(baseline)
    assert len(compute._FLAT) == before + 1
    del baseline
    gc.collect()
    assert len(compute._FLAT) == before


def test_equal_models_loaded_twice_are_flattened_apart() -> None:
    one, _ = load_baseline(bundled(DEFAULT_BASELINE))
    two, _ = load_baseline(bundled(DEFAULT_BASELINE))
    assert flatten(one) == flatten(two)
    assert id(one) in compute._FLAT
    assert id(two) in compute._FLAT
