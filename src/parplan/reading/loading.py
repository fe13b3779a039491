"""Loading one plan file: read and parse it (:mod:`parplan.reading.yamlread`), then validate it
(:mod:`parplan.reading.validation`) against its model; and where the bundled files are.

Every unusable file is an :class:`~parplan.vocab.problems.InputError` whose problems have their
code and place; nothing in a file is ever run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import BaseModel

from parplan.models.plan import Baseline, Targets
from parplan.reading.shortresults import is_short
from parplan.reading.validation import validate
from parplan.reading.yamlread import Parsed, parse_yaml, read_text

M = TypeVar("M", bound=BaseModel)


def load(path: Path, model: type[M], *, display: str | None = None, pure: bool = False) -> tuple[M, Parsed]:
    """Read, parse and validate one file; ``display`` names it in problems (default: ``path``)."""
    name = display if display is not None else str(path)
    # No position map yet: it is built only if a problem has to be placed in this file.
    parsed = parse_yaml(read_text(path, name), name, pure=pure, positions=False)
    return validate(parsed, model), parsed


def parse(path: Path, display: str) -> Parsed:
    """Read and parse one file without validating it: its kind is looked at first."""
    return parse_yaml(read_text(path, display), display, positions=False)


FileKind = Literal["baseline", "targets", "results"]


def file_kind(data: Any) -> FileKind | None:
    """What a file's top-level keys say it is, or None when they say nothing clear.

    Used only for the hint that files were given in each other's place: a targets file has
    ``baseline_year``, a baseline ``indices``, a short results file ``results``.
    """
    if not isinstance(data, dict):
        return None
    keys = set(data)
    if "indices" in keys and not keys & {"baseline_year", "targets", "bodies"}:
        return "baseline"
    if keys & {"baseline_year", "targets", "bodies", "deadlines"} and "indices" not in keys:
        return "targets"
    if is_short(data):
        return "results"
    return None


def bundled(name: str) -> Path:
    """A bundled data file: it ships inside the package so any directory works."""
    return Path(__file__).parents[1] / "data" / name


DEFAULT_BASELINE = "baseline_2024.yaml"
DEFAULT_TARGETS = "targets_2025.yaml"


def load_baseline(path: Path, **kwargs: Any) -> tuple[Baseline, Parsed]:
    return load(path, Baseline, **kwargs)


def load_targets(path: Path, **kwargs: Any) -> tuple[Targets, Parsed]:
    return load(path, Targets, **kwargs)


__all__ = [
    "DEFAULT_BASELINE",
    "DEFAULT_TARGETS",
    "FileKind",
    "bundled",
    "file_kind",
    "load",
    "load_baseline",
    "load_targets",
    "parse",
]
