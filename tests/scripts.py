"""The repository's scripts outside the package (benchmarks, fuzzers) loaded as modules, so that a
test calls their functions: they are run by hand as files, and no import path reaches them."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
FUZZ = ROOT / "fuzz"


def load_script(path: Path, name: str) -> ModuleType:
    """The script at ``path`` run as the module ``name``; registered in sys.modules first, because
    dataclasses look their module up there while a class is made."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def bench(name: str) -> ModuleType:
    """bench/``name``.py, as the module bench_``name``."""
    return load_script(BENCH / f"{name}.py", f"bench_{name}")
