"""dump_yaml: models back to YAML that loads into the same model, decimals to the digit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from pydantic import ValidationError

from parplan.core.dumping import dump_yaml
from parplan.models.plan import Baseline, Criterion, Deadline, Rank, Targets
from parplan.reading.loading import bundled, load
from parplan.reading.validation import validate
from parplan.reading.yamlread import parse_yaml


@pytest.mark.parametrize(
    ("name", "model"), [("baseline_2024.yaml", Baseline), ("targets_2025.yaml", Targets)]
)
@pytest.mark.parametrize("pure", [False, True])
def test_bundled_plan_round_trip(name: str, model: type[Baseline] | type[Targets], pure: bool) -> None:
    original, _ = load(bundled(name), model)
    text = dump_yaml(original)
    again = validate(parse_yaml(text, "dumped.yaml", pure=pure), model)
    assert again == original
    assert dump_yaml(again) == text


def test_decimals_keep_their_source_precision() -> None:
    criterion = Criterion(
        id="par.3", name="Cải cách TTHC", max=Decimal("13"), score=Decimal("12.50"), rank=Rank(36, 63)
    )
    assert dump_yaml(criterion) == ("id: par.3\nname: Cải cách TTHC\nmax: 13\nscore: 12.50\nrank: 36/63\n")
    again = validate(parse_yaml(dump_yaml(criterion), "c.yaml"), Criterion)
    assert str(again.score) == "12.50"


def test_unknown_values_are_left_out_known_ones_kept() -> None:
    """max, score and rank default to null (unknown), so a null one is left out like any default."""
    criterion = Criterion(id="papi.9", name="x", max=None, score=Decimal("1.50"), rank=None)
    assert dump_yaml(criterion) == "id: papi.9\nname: x\nscore: 1.50\n"


@pytest.mark.parametrize(
    "text",
    [
        "yes",
        "null",
        "1.0",
        "12",
        "39/63",
        "a: b",
        "- a",
        "#x",
        " lead",
        "~",
        "'q'",
        'Sở Nội vụ: "Tư pháp"',
    ],
)
def test_awkward_text_survives(text: str) -> None:
    criterion = Criterion(id="par.1", name=text, max=Decimal(1), score=Decimal(0), rank=None)
    again = validate(parse_yaml(dump_yaml(criterion), "c.yaml"), Criterion)
    assert again.name == text


@pytest.mark.parametrize("text", ["x\x85y", "\x85", "a\u2028b", "a\rb", "a\nb", "\x1b[31mred", "a\u202eb"])
def test_line_breaks_and_controls_in_a_name_are_refused_not_written(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Criterion(id="par.1", name=text, max=Decimal(1), score=Decimal(0), rank=None)
    assert caught.value.errors()[0]["type"] == "PP212"


def test_a_note_may_run_over_lines_and_survives() -> None:
    criterion = Criterion(id="par.1", name="x", max=Decimal(1), score=Decimal(0), rank=None, note="a\nb")
    again = validate(parse_yaml(dump_yaml(criterion), "c.yaml"), Criterion)
    assert again.note == "a\nb"


def test_dates_and_no_aliases() -> None:
    owners = ("so-noi-vu",)
    deadline = Deadline(date=dt.date(2025, 6, 30), task="Báo cáo", owners=owners)
    targets = Targets(province="Cao Bằng", year=2025, baseline_year=2024, deadlines=(deadline, deadline))
    text = dump_yaml(targets)
    assert "&" not in text
    assert "*" not in text  # the loader refuses aliases, so the dumper must not write them
    assert "date: 2025-06-30" in text
    assert validate(parse_yaml(text, "t.yaml"), Targets) == targets
