"""The README's list of gap's columns is the real output's, and docs/targets.md documents every
key of a league table.

The README once listed gap's CSV/JSON columns only up to ``vs_best``, while the output went on
(group, rank_target, …, takes): a reader of the list could not know what those were.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import yaml
from typer.testing import CliRunner

from parplan.cli.main import app
from parplan.models.plan import League

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "src" / "parplan" / "data"
runner = CliRunner()


def _readme_gap_columns() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("### `parplan gap`") : text.index("### `parplan validate`")]
    return re.findall(r"^\| `([a-z_]+)` \| .+ \|$", section, re.M)


def _with_a_median(tmp_path: Path) -> Path:
    """The bundled baseline with one ``median`` reference: the output then has every column."""
    text = (BUNDLED / "baseline_2024.yaml").read_text(encoding="utf-8")
    median = "references:\n  - {id: par.1, kind: median, value: 9, unit: points, source: test}\n"
    path = tmp_path / "baseline_2024.yaml"
    path.write_text(text.replace("references:\n", median, 1), encoding="utf-8")
    return path


def _gap(*args: str) -> str:
    result = runner.invoke(app, ["gap", *args], env={"PARPLAN_LANG": ""})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_readme_lists_gaps_columns_as_the_output_has_them(tmp_path: Path) -> None:
    files = ("--baseline", str(_with_a_median(tmp_path)), "--targets", str(BUNDLED / "targets_2025.yaml"))
    header = next(csv.reader(io.StringIO(_gap(*files, "--format", "csv"))))
    keys = list(json.loads(_gap(*files, "--format", "json"))["rows"][0])
    assert header == keys
    assert _readme_gap_columns() == header
    without = next(csv.reader(io.StringIO(_gap("--format", "csv"))))
    assert without == [key for key in header if key not in ("median", "vs_median")]


def test_targets_doc_names_every_key_of_a_league_table() -> None:
    text = (ROOT / "docs" / "targets.md").read_text(encoding="utf-8")
    section = text[text.index("**What it takes.**") :]
    listed = re.search(r"`league:` in a baseline holds .*?:\s+`\{(.*?)\}`\.", section, re.S)
    assert listed is not None
    keys = [re.sub(r":.*", "", key).strip() for key in re.split(r",\s*(?![^{]*\})", listed.group(1))]
    assert keys == list(League.model_fields)
    assert "`partial: true`" in section
    assert "`ranks: {province: rank}`" in section


def test_targets_docs_league_example_is_a_valid_partial_table() -> None:
    text = (ROOT / "docs" / "targets.md").read_text(encoding="utf-8")
    [example] = re.findall(r"```yaml\n(league:.*?)```", text, re.S)
    [table] = yaml.safe_load(example)["league"]
    league = League.model_validate(table)
    assert league.partial
    assert set(league.ranks) == set(league.scores)
