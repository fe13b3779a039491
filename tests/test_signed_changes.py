"""A rise is printed with its sign in every table a person reads; the data formats keep the number.

``trend`` printed a SIPAS rank that rose four places as ``4`` while ``check`` and ``units rank``
print ``+14``/``+4``: one signed-change format (``views.signed``) now serves all three.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from typer.testing import CliRunner

from parplan.cli.main import app
from parplan.report.views import signed
from parplan.vocab.document import Options

runner = CliRunner()


def _sipas_2024(table: str) -> str:
    return next(line for line in table.splitlines() if line.startswith("| sipas") and "2024" in line)


def test_trend_prints_a_rank_that_rose_with_its_sign() -> None:
    result = runner.invoke(app, ["trend", "--format", "markdown", "--lang", "en"])
    assert result.exit_code == 0, result.stderr
    cells = [cell.strip() for cell in _sipas_2024(result.stdout).split("|")]
    assert "+4" in cells  # 61/63 → 57/63
    par = next(line for line in result.stdout.splitlines() if line.startswith("| par ") and "2024" in line)
    assert "-3" in [cell.strip() for cell in par.split("|")]


def test_trend_csv_keeps_the_plain_number() -> None:
    result = runner.invoke(app, ["trend", "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    rows = [row for row in csv.DictReader(io.StringIO(result.stdout)) if row["id"] == "sipas"]
    assert rows[-1]["rank_change"] == "4"


@pytest.mark.parametrize(
    ("value", "shown"),
    [(4, "+4"), (-3, "-3"), (0, "0"), (None, "—"), (True, "✓")],
)
def test_signed_marks_only_a_rise(value: object, shown: str) -> None:
    assert signed("x")({"x": value}, Options(lang="en")) == shown  # type: ignore[dict-item]


def test_signed_decimal_uses_the_documents_comma() -> None:
    assert signed("x")({"x": Decimal("0.30")}, Options(lang="vi", decimal_comma=True)) == "+0,3"
