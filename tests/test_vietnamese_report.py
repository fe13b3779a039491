"""The Vietnamese report holds no English sentence, no YAML id in prose and no ISO date (issue 21
item 3), judged by ``tests/english.py`` on its Markdown and its HTML text."""

from __future__ import annotations

import html
import re
from decimal import Decimal as D

import pytest

from builders import crit, index, make_baseline, make_targets, target
from english import english_runs
from parplan.core.api import Plan, load_plan

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
YAML_ID = re.compile(r"\b(?:par|papi|sipas|kpi|cchc)\.[a-z0-9_.]+\b")


def _texts(plan: Plan) -> dict[str, str]:
    """The Vietnamese report's text before its appendix (which keeps ids and places on purpose)."""
    markdown = str(plan.report().render("markdown"))
    page = str(plan.report().render("html"))
    page = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", page, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", "\n", page))
    return {
        kind: re.split(r"\n(?:## )?Phụ lục:", body, maxsplit=1)[0]
        for kind, body in (("markdown", markdown), ("html", text))
    }


def faults(text: str) -> list[str]:
    """What a Vietnamese report must not hold: English runs, ISO dates, YAML ids."""
    return english_runs(text) + ISO_DATE.findall(text) + YAML_ID.findall(text)


def _vietnamese_plan(fact: str = "Bộ chỉ số năm 2024 gồm 8 lĩnh vực, 38 tiêu chí.") -> Plan:
    reference = {
        "id": "par",
        "kind": "national_average",
        "value": D("88.37"),
        "unit": "points",
        "source": "Báo cáo công bố Chỉ số cải cách hành chính năm 2024",
    }
    baseline = make_baseline(
        index(
            "par", crit("par.1", "10", "8", number="1", name="Công tác chỉ đạo, điều hành"), short_name="PAR"
        ),
        references=[reference],
        facts=[{"id": "par", "text": fact, "source": "Bộ Nội vụ"}],
    )
    targets = make_targets(target("par.1", "0.5", ">", "8.4", owners=["so-noi-vu"]))
    return Plan(baseline, targets)


def test_a_vietnamese_plans_report_holds_no_english_no_iso_date_and_no_id() -> None:
    for kind, text in _texts(_vietnamese_plan()).items():
        assert faults(text) == [], kind


@pytest.mark.parametrize(
    ("planted", "caught"),
    [
        ("The score was not reported by the ministry.", "The score was not reported by the ministry"),
        ("Công bố ngày 2025-07-20.", "2025-07-20"),
        ("Xem tiêu chí kpi.commune_disclosure.", "kpi.commune_disclosure"),
    ],
)
def test_the_judge_catches_what_is_planted(planted: str, caught: str) -> None:
    found = {kind: faults(text) for kind, text in _texts(_vietnamese_plan(planted)).items()}
    assert all(any(caught in fault or fault in caught for fault in kinds) for kinds in found.values()), found


def test_the_bundled_vietnamese_report_holds_no_english() -> None:
    for kind, text in _texts(load_plan()).items():
        assert faults(text) == [], kind
