"""The ``median`` reference (a unit's block): beside the score in ``gap`` and the report, only where
a plan has one, so that every other plan's tables keep their columns."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal as D
from typing import Any

from builders import crit, index, make_baseline, make_targets, target
from parplan.analysis.gaps import gap_rows
from parplan.core.api import Plan
from parplan.models.plan import Baseline
from parplan.report.views import GAP_ALL, GAP_DEFAULT

SOURCE = "synthetic: a block of three communes"


def _reference(ident: str, kind: str, value: str, province: str | None = None) -> dict[str, Any]:
    found = {"id": ident, "kind": kind, "value": D(value), "unit": "points", "province": province}
    return {**found, "source": SOURCE}


def _baseline(*references: dict[str, Any]) -> Baseline:
    return make_baseline(
        index("cchc", crit("cchc.1", "10", "6.5"), crit("cchc.2", "20", "12")),
        references=list(references),
    )


MEDIANS = (
    _reference("cchc", "median", "20.25"),
    _reference("cchc.1", "median", "7"),
    _reference("cchc.2", "best_province", "15", "Xã B"),
)


def _plan(*references: dict[str, Any]) -> Plan:
    return Plan(_baseline(*references), make_targets(target("cchc.1", "0.5")))


def test_a_row_holds_the_median_and_the_score_against_it() -> None:
    baseline = _baseline(*MEDIANS)
    rows = {r.id: r for r in gap_rows(baseline, make_targets())}
    assert (rows["cchc"].median, rows["cchc"].vs_median) == (D("20.25"), D("-1.75"))  # 18.5 - 20.25
    assert (rows["cchc.1"].median, rows["cchc.1"].vs_median) == (D("7"), D("-0.5"))
    assert (rows["cchc.2"].median, rows["cchc.2"].vs_median) == (None, None)
    assert rows["cchc.2"].best == D("15")


def test_a_median_in_percent_is_scaled_to_the_criterion() -> None:
    pct = {**_reference("cchc.2", "median", "70"), "unit": "percent"}
    rows = {r.id: r for r in gap_rows(_baseline(pct), make_targets())}
    assert rows["cchc.2"].median == D("14")  # 70 % of 20


def test_gap_json_and_csv_add_the_median_columns_after_the_references() -> None:
    table = _plan(*MEDIANS).gaps()
    keys = list(GAP_ALL)
    at = keys.index("vs_best") + 1
    assert table.columns == (*keys[:at], "median", "vs_median", *keys[at:])
    rows = json.loads(table.render("json"))["rows"]
    first = next(r for r in rows if r["id"] == "cchc.1")
    assert (first["median"], first["vs_median"]) == (7, -0.5)
    read = list(csv.DictReader(io.StringIO(str(table.render("csv")))))
    assert [(r["id"], r["median"], r["vs_median"]) for r in read] == [
        ("cchc", "20.25", "-1.75"),
        ("cchc.1", "7", "-0.5"),
        ("cchc.2", "", ""),
    ]


def test_gap_for_people_shows_the_median_beside_the_score() -> None:
    text = str(_plan(*MEDIANS).gaps(lang="en").render("markdown"))
    header = next(line for line in text.splitlines() if line.startswith("| ID"))
    cells = [c.strip() for c in header.strip("|").split("|")]
    at = cells.index("Score")
    assert cells[at + 1 : at + 3] == ["Median", "vs median"]
    assert "| cchc.1 | CCHC.1 | — | 6.5 | 7 | -0.5 | 3.5 |" in text
    vi = str(_plan(*MEDIANS).gaps().render("markdown"))
    assert "| Điểm | Trung vị | So với trung vị |" in vi


def test_without_a_median_the_columns_are_as_before() -> None:
    plan = _plan(_reference("cchc", "best_province", "30", "Xã B"))
    assert plan.gaps().columns == GAP_ALL
    assert "Median" not in str(plan.gaps(lang="en").render("markdown"))
    assert "Median" not in str(plan.report(lang="en").render("markdown"))


def test_columns_asked_by_name_are_kept_as_asked() -> None:
    plan = _plan(*MEDIANS)
    assert plan.gaps(columns="id,score").columns == ("id", "score")
    assert plan.gaps(columns="id,median,vs_median").columns == ("id", "median", "vs_median")
    assert plan.gaps(columns=",".join(GAP_DEFAULT)).columns[4:6] == ("median", "vs_median")


def test_the_report_shows_the_median_in_the_totals_and_the_ranking() -> None:
    text = str(_plan(*MEDIANS).report(lang="en").render("markdown"))
    assert "| Median | vs median |" in text
    assert "| cchc | 18.5 | 30 | 61.67 | — | — | 20.25 | -1.75 |" in text
    ranking = text.split("## 2.")[1].split("## 3.", maxsplit=1)[0]
    assert "| Score | Median |" in ranking
    assert "median: 20.25 —" in text  # the reference listed by its kind, not a KeyError


def test_the_vietnamese_report_names_the_median_in_vietnamese() -> None:
    text = str(_plan(*MEDIANS).report().render("markdown"))
    assert "| Trung vị | So với trung vị |" in text
    assert "**CCHC** — trung vị: 20.25 —" in text
    html = str(_plan(*MEDIANS).report().render("html"))
    assert "20,25" in html  # the decimal comma of a Vietnamese document
