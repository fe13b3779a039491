"""JSON Schema: generated from the models, committed for editors, and true to the bundled plan."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from parplan.cli.main import app
from parplan.reading.loading import DEFAULT_BASELINE, DEFAULT_TARGETS, bundled
from parplan.reading.schema import KINDS, Kind, json_schema, schema_path, schema_text


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read parplan's messages in English (``--lang en``); Vietnamese is the default."""
    monkeypatch.setenv("PARPLAN_LANG", "en")


runner = CliRunner()
BUNDLED: list[tuple[Kind, str]] = [("baseline", DEFAULT_BASELINE), ("targets", DEFAULT_TARGETS)]


def _as_an_editor_reads(path: Path) -> Any:
    """The YAML as plain JSON values: an editor's YAML 1.2 reads ``2025-06-30`` as a string."""

    def plain(value: Any) -> Any:
        if isinstance(value, dict):
            return {key: plain(item) for key, item in value.items()}
        if isinstance(value, list):
            return [plain(item) for item in value]
        if isinstance(value, dt.date):
            return value.isoformat()
        return value

    return plain(yaml.safe_load(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("kind", list(KINDS))
def test_committed_schema_equals_the_generated_one(kind: Kind) -> None:
    # If this fails after a model change, run `python -m parplan.reading.schema` and commit the files.
    assert schema_path(kind).read_text(encoding="utf-8") == schema_text(kind)


@pytest.mark.parametrize("kind", list(KINDS))
def test_schema_is_valid_json_schema_2020_12(kind: Kind) -> None:
    schema = json_schema(kind)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize(("kind", "name"), BUNDLED)
def test_bundled_yaml_validates_against_its_committed_schema(kind: Kind, name: str) -> None:
    schema = json.loads(schema_path(kind).read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = [error.message for error in validator.iter_errors(_as_an_editor_reads(bundled(name)))]
    assert errors == []


@pytest.mark.parametrize(("kind", "name"), BUNDLED)
def test_bundled_yaml_points_editors_at_the_schema(kind: Kind, name: str) -> None:
    path = bundled(name)
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../schemas/{kind}.schema.json"
    assert (path.parent / "../schemas" / f"{kind}.schema.json").resolve() == schema_path(kind).resolve()


def test_results_use_the_baseline_shape() -> None:
    baseline, results = json_schema("baseline"), json_schema("results")
    assert results["properties"] == baseline["properties"]
    assert results["title"] == "parplan results file"


def test_schema_catches_what_the_models_catch() -> None:
    data = _as_an_editor_reads(bundled(DEFAULT_BASELINE))
    criterion = data["indices"][0]["criteria"][0]
    criterion["scroe"] = criterion.pop("score")
    data["indices"][0]["rank"] = "63 of 63"
    data["year"] = "2024"
    validator = jsonschema.Draft202012Validator(json_schema("baseline"))
    messages = sorted(error.message for error in validator.iter_errors(data))
    assert messages == [
        "'2024' is not of type 'integer'",
        "'63 of 63' is not valid under any of the given schemas",
        "Additional properties are not allowed ('scroe' was unexpected)",
    ]


def test_numbers_are_json_numbers_not_strings() -> None:
    criterion = json_schema("baseline")["$defs"]["Criterion"]["properties"]
    assert criterion["score"]["anyOf"] == [{"type": "number"}, {"type": "null"}]


@pytest.mark.parametrize("kind", list(KINDS))
def test_cli_prints_the_schema(kind: Kind) -> None:
    result = runner.invoke(app, ["schema", kind])
    assert result.exit_code == 0
    assert result.stdout == schema_text(kind)


def test_cli_writes_the_schema_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "targets.schema.json"
    result = runner.invoke(app, ["schema", "targets", "-o", str(out)])
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8") == schema_text("targets")


def test_cli_refuses_an_unknown_kind() -> None:
    result = runner.invoke(app, ["schema", "plan"])
    assert result.exit_code == 2
    assert "'plan' is not one of 'baseline', 'targets', 'results'" in result.stderr
