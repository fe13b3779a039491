"""Loading one file: read, parse and validate it into its model, or one InputError with every
problem placed and coded; and the rule codes and messages every reading module uses exist."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest

import parplan.models.plan
import parplan.reading.loading
import parplan.reading.validation
import parplan.reading.yamlread
from builders import SMALL_BASELINE
from parplan.models.plan import Baseline, Targets
from parplan.reading.loading import (
    DEFAULT_BASELINE,
    DEFAULT_TARGETS,
    bundled,
    load,
    load_baseline,
    load_targets,
)
from parplan.reading.yamlread import Parsed
from parplan.vocab import rules
from parplan.vocab.problems import MESSAGES, InputError

BASELINE = SMALL_BASELINE


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + BASELINE.replace("\n", "\r\n").encode("utf-8"))
    baseline, doc = load_baseline(path)
    assert baseline.province == "Cao Bằng"
    assert baseline.indices[0].criteria[0].score == Decimal("9.2779")
    # Positions still count lines and columns as an editor shows them.
    assert doc.locate(["indices", 0, "criteria", 1, "score"]) == ((16, 16), "par.2")


def test_nfd_text_is_normalised_to_nfc(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    decomposed = unicodedata.normalize("NFD", BASELINE)
    assert decomposed != BASELINE
    path.write_text(decomposed, encoding="utf-8")
    baseline, _ = load_baseline(path)
    assert baseline.province == "Cao Bằng"
    assert unicodedata.is_normalized("NFC", baseline.indices[0].name)
    assert baseline.indices[0].criteria[1].name == "Cải cách thể chế"


def test_bundled_files_load() -> None:
    baseline, _ = load(bundled("baseline_2024.yaml"), Baseline)
    targets, _ = load(bundled("targets_2025.yaml"), Targets)
    assert baseline.province == targets.province == "Cao Bằng"


def test_the_defaults_are_the_bundled_cao_bang_plan() -> None:
    baseline, parsed = load_baseline(bundled(DEFAULT_BASELINE))
    targets, _ = load_targets(bundled(DEFAULT_TARGETS), pure=True)
    assert isinstance(parsed, Parsed)
    assert (baseline.year, targets.year) == (2024, 2025)


def test_a_file_is_named_as_the_caller_shows_it(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(BASELINE.replace("score: 9.2779", "score: 9,2779"), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load(path, Baseline, display="kế-hoạch.yaml")
    (problem,) = caught.value.problems
    assert problem.code == "PP205"
    assert problem.format() == (
        "kế-hoạch.yaml:11:16: par.1: PP205 error: score: expected a number, got the text '9,2779': "
        "write 9.2779 (point, no quotes)"
    )


def test_a_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load(tmp_path / "nope.yaml", Targets, display="nope.yaml")
    assert [(p.code, p.format()) for p in caught.value.problems] == [
        ("PP101", "nope.yaml: PP101 error: no such file")
    ]


READERS = [parplan.reading.yamlread, parplan.reading.validation, parplan.models.plan, parplan.reading.loading]
CODE = re.compile(r"\brules\.([A-Z][A-Z0-9_]*)\b")
KEY = re.compile(r'\b(?:msg|Msg)\(\s*"([a-z0-9-]+)"')


@pytest.mark.parametrize("module", READERS, ids=lambda module: module.__name__)
def test_every_code_and_message_key_a_reading_module_uses_exists(module: object) -> None:
    """Read from the source: a code or key that only a rare refusal uses is checked too."""
    source = Path(str(getattr(module, "__file__", ""))).read_text(encoding="utf-8")
    codes, keys = set(CODE.findall(source)), set(KEY.findall(source))
    named = {name for name, value in vars(rules).items() if isinstance(value, rules.Rule)}
    assert codes <= named, codes - named
    assert keys <= set(MESSAGES), keys - set(MESSAGES)
    if module is not parplan.reading.loading:  # loading only joins the other two
        assert codes
        assert keys
