"""The fast loading path changes nothing but time: libyaml and pure-Python parsing, with the
position map built at once or on demand, give the same data, models and positions."""

from __future__ import annotations

import datetime as dt
import math
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from parplan.models.plan import Baseline, Targets
from parplan.reading.loading import DEFAULT_BASELINE, DEFAULT_TARGETS, bundled, load
from parplan.reading.validation import validate
from parplan.reading.yamlread import Key, Mark, Parsed, parse_yaml
from parplan.vocab.problems import InputError
from scripts import BENCH, load_script

needs_libyaml = pytest.mark.skipif(
    not hasattr(yaml, "CSafeLoader"), reason="PyYAML was built without libyaml: there is one loader only"
)


def _generated(tmp_path: Path) -> tuple[Path, Path, Path]:
    module = load_script(BENCH / "generate.py", "bench_generate_for_loading")
    paths: tuple[Path, Path, Path] = module.write_plan(60, tmp_path, seed=3)
    return paths


def _positions(doc: Parsed) -> Iterator[tuple[tuple[Key, ...], Mark]]:
    """Every value's path and (line, column), in document order."""

    def walk(node: Any, path: tuple[Key, ...]) -> Iterator[tuple[tuple[Key, ...], Mark]]:
        marks = doc.marks.get(id(node), {})
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, value in items:
            yield (*path, key), marks[key]
            yield from walk(value, (*path, key))

    yield (), doc.root_mark
    yield from walk(doc.data, ())


def _files(tmp_path: Path) -> list[tuple[Path, type[Baseline] | type[Targets]]]:
    baseline, targets, results = _generated(tmp_path)
    return [
        (bundled(DEFAULT_BASELINE), Baseline),
        (bundled(DEFAULT_TARGETS), Targets),
        (baseline, Baseline),
        (targets, Targets),
        (results, Baseline),
    ]


@needs_libyaml
def test_libyaml_and_pure_python_give_identical_models_and_positions(tmp_path: Path) -> None:
    for path, model in _files(tmp_path):
        text = path.read_text(encoding="utf-8")
        fast, slow = parse_yaml(text, "f"), parse_yaml(text, "f", pure=True)
        assert fast.data == slow.data
        assert list(_positions(fast)) == list(_positions(slow))
        assert len(list(_positions(fast))) > 100
        assert validate(fast, model) == validate(slow, model)
        fast_model, _ = load(path, model)
        slow_model, _ = load(path, model, pure=True)
        assert fast_model == slow_model


def test_positions_built_on_demand_are_those_built_at_once(tmp_path: Path) -> None:
    for path, _model in _files(tmp_path)[:3]:
        text = path.read_text(encoding="utf-8")
        eager = parse_yaml(text, "f")
        lazy = parse_yaml(text, "f", positions=False)
        assert lazy.data == eager.data
        assert lazy.marks == {}  # nothing built while parsing
        for where, mark in _positions(eager):
            assert lazy.locate(where) == eager.locate(where)
            assert lazy.locate(where)[0] == mark
        assert lazy.text is None  # built once, then the text is let go


def test_a_missing_key_is_placed_at_its_mapping_on_demand(tmp_path: Path) -> None:
    path = tmp_path / "b.yaml"
    path.write_text(
        "province: X\nyear: 2024\nindices:\n  - id: par\n    name: P\n    rank: null\n    criteria:\n"
        "      - {id: par.1, max: 5, score: 3}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        load(path, Baseline)
    (problem,) = caught.value.problems
    assert problem.code == "PP202"
    assert problem.format() == f"{path}:8:9: par.1: PP202 error: missing key 'name'"


TRICKY = [
    "yes", "No", "on", "OFF", "y", "n", "~", "null", "Null", "", "true", "False",
    "0", "012", "0o17", "0x1F", "0b101", "1_000", "-7", "+3", "1:30", "190:20:30",
    "1.5", "-0.25", "1e3", "1.0e+3", ".5", "1_0.5", "6.8523015e+5", ".inf", "-.Inf", ".NaN",
    "2024-05-01", "2001-12-14t21:59:43.10-05:00", "=", "<<", "39/63", "par.2.impl",
    "Ngày", "Đạt", "nam", "oai", "tên", "_x", "-a", ".x", "0.", "1.2.3",
]  # fmt: skip


def _pyyaml(text: str, loader: Any) -> Any:
    return yaml.load(f"k: {text}\n" if text else "k:\n", Loader=loader)["k"]


REFUSED_NUMBERS = {
    "012",
    "0x1F",
    "0b101",
    "1_000",
    "1:30",
    "190:20:30",
    "1.0e+3",
    ".5",
    "1_0.5",
    "6.8523015e+5",
    "0.",
    "0o17",
    "1e3",
}
"""What YAML 1.1 reads as a number but a plan must write in plain decimals (``012`` is octal 10),
and what YAML 1.2 reads as a number and YAML 1.1 as text (``1e3``, ``0o17``: issue 18)."""
TEXT_NOT_BOOL = {"yes", "No", "on", "OFF", "=", "<<"}
"""YAML 1.1 booleans (and value/merge keys) that plan files read as the text written (YAML 1.2)."""


@pytest.mark.parametrize("pure", [False, True])
@pytest.mark.parametrize("text", TRICKY)
def test_plain_scalars_resolve_as_yaml_1_2_with_plain_decimal_numbers(text: str, pure: bool) -> None:
    """PyYAML's resolution (YAML 1.1), except where 1.1 silently changes what was written."""
    loader = yaml.SafeLoader if pure else getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    source = f"k: {text}\n" if text else "k:\n"
    if text in REFUSED_NUMBERS:
        with pytest.raises(InputError) as caught:
            parse_yaml(source, "f", pure=pure)
        assert caught.value.problems[0].code == "PP132"
        assert caught.value.problems[0].text().startswith(f"'{text}' is not written in plain decimals")
        return
    value = parse_yaml(source, "f", pure=pure).data["k"]
    if text in TEXT_NOT_BOOL:
        assert value == text
        return
    expected = _pyyaml(text, loader)
    if isinstance(expected, float):
        assert isinstance(value, Decimal)
        if math.isnan(expected):
            assert value.is_nan()
        elif expected in (float("inf"), float("-inf")):
            assert value == Decimal(expected)
        else:
            assert float(value) == expected
    else:
        assert type(value) is type(expected)
        assert value == expected
    assert not isinstance(value, dt.datetime) or value == expected


def test_octal_base_60_and_hex_say_what_yaml_1_1_would_have_read() -> None:
    with pytest.raises(InputError) as caught:
        parse_yaml("province: X\nyear: 0x7E8\nrank: 17:52\n", "f")
    (problem,) = caught.value.problems  # the first refusal stops the parse
    assert problem.format() == (
        "f:2:7: PP132 error: '0x7E8' is not written in plain decimals (YAML 1.1 would read it as 2024): "
        "write digits and a decimal point only, such as 12 or 9.2779, or put it in quotes if it is text"
    )


def test_repeated_texts_give_equal_values_in_every_place() -> None:
    doc = parse_yaml("a: [1.50, 1.50, true, true, x]\nb: {c: 1.50, d: true}\n", "f")
    assert doc.data == {
        "a": [Decimal("1.50"), Decimal("1.50"), True, True, "x"],
        "b": {"c": Decimal("1.50"), "d": True},
    }
    assert str(doc.data["b"]["c"]) == "1.50"  # exact text kept, shared or not


def test_quoted_and_tagged_scalars_skip_resolution() -> None:
    doc = parse_yaml("a: 'yes'\nb: \"12\"\nc: !!str 1.5\nd: !!int '7'\n", "f")
    assert doc.data == {"a": "yes", "b": "12", "c": "1.5", "d": 7}


FALLBACK = """
import sys, yaml
if sys.argv[1] == "without-libyaml":
    del yaml.CSafeLoader  # as on a PyYAML built without libyaml
from parplan.reading import yamlread
print(yamlread.PARSER_NAME)
from parplan.cli.main import app
sys.argv = ["parplan", "validate", "--format", "json"]
app()
"""


def test_without_libyaml_the_pure_python_loader_gives_the_same_output() -> None:
    outputs = []
    for mode in ("as-installed", "without-libyaml"):
        done = subprocess.run(
            [sys.executable, "-c", FALLBACK, mode], capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout.split("\n", 1))
    (first_loader, first), (second_loader, second) = outputs
    assert second_loader == "pure Python"
    assert first_loader == ("libyaml" if hasattr(yaml, "CSafeLoader") else "pure Python")
    assert first == second
    assert '"line": ' in first  # the bundled plan's warnings, placed the same way
