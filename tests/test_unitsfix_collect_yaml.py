"""``units collect -o scores_YEAR.yaml`` writes plain numbers, as the CSV has them (``self: 4``,
``0.7``; never ``!!float '4'``), and the YAML ranks as the CSV does."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from fill_sheets import fill
from typer.testing import CliRunner

from parplan.cli.main import app

runner = CliRunner()


def _run(*args: str) -> Any:
    return runner.invoke(app, list(args))


def test_dump_data_writes_decimals_plain_and_exact() -> None:
    from parplan.core.dumping import dump_data

    data = {
        "year": 2025,
        "scores": [{"self": Decimal(4), "appraised": Decimal("0.70"), "n": Decimal("12.5")}],
    }
    text = dump_data(data)
    assert "!!" not in text
    assert "self: 4\n" in text
    assert "appraised: 0.70\n" in text
    assert "n: 12.5\n" in text


def test_collected_yaml_has_the_csvs_numbers_untagged_and_ranks_the_same(units_province: Path) -> None:
    made = _run("units", "sheet", "--all", "--to", "sheets")
    assert made.exit_code == 0, made.output
    fill(units_province / "scores_2025.csv", units_province / "sheets")
    files = sorted(str(p) for p in (units_province / "sheets").glob("*.xlsx"))
    for name in ("coll_2025.csv", "coll_2025.yaml"):
        result = _run("units", "collect", *files, "-o", name, "--appraised")
        assert result.exit_code == 0, result.output
    text = (units_province / "coll_2025.yaml").read_text("utf-8")
    assert "!!" not in text
    assert "  self: 4\n" in text
    as_text = yaml.load(text, Loader=yaml.BaseLoader)["scores"]  # every scalar as written
    with (units_province / "coll_2025.csv").open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert len(as_text) == len(rows)
    for entry, row in zip(as_text, rows, strict=True):
        for key in ("self", "appraised"):
            assert entry.get(key, "") == row[key], (entry, row)
    by_csv = _run("units", "rank", "--scores", "coll_2025.csv", "-f", "json")
    by_yaml = _run("units", "rank", "--scores", "coll_2025.yaml", "-f", "json")
    assert by_csv.exit_code == by_yaml.exit_code == 0
    assert by_yaml.stdout == by_csv.stdout
