"""Texts of the data in Vietnamese with ``_en`` twins (issue 21 item 3): the report shows the
one of the reader's language, the Vietnamese where no twin is given."""

from __future__ import annotations

from decimal import Decimal as D

from builders import crit, index, make_baseline, make_targets
from parplan.core.api import Plan
from parplan.models.plan import Body


def _plan(**twins: str) -> Plan:
    reference = {
        "id": "par",
        "kind": "national_average",
        "value": D("88.37"),
        "unit": "points",
        "source": "báo cáo của vietnamplus.vn",
        **{k: v for k, v in twins.items() if k.startswith("source")},
    }
    fact = {"id": "par", "text": "8 lĩnh vực, 38 tiêu chí", "source": "báo baomoi"}
    fact.update({k[5:]: v for k, v in twins.items() if k.startswith("fact_")})
    baseline = make_baseline(
        index("par", crit("par.1", "100", "80"), short_name="PAR INDEX"), references=[reference], facts=[fact]
    )
    return Plan(baseline, make_targets())


def test_the_report_shows_the_text_of_its_language() -> None:
    plan = _plan(
        source_en="vietnamplus.vn report", fact_text_en="8 fields, 38 criteria", fact_source_en="baomoi"
    )
    vi = str(plan.report().render("markdown"))
    en = str(plan.report(lang="en").render("markdown"))
    assert "báo cáo của vietnamplus.vn" in vi
    assert "8 lĩnh vực, 38 tiêu chí — báo baomoi" in vi
    assert "vietnamplus.vn report" not in vi
    assert "vietnamplus.vn report" in en
    assert "8 fields, 38 criteria — baomoi" in en


def test_without_a_twin_the_vietnamese_text_is_shown_in_english_too() -> None:
    en = str(_plan().report(lang="en").render("markdown"))
    assert "báo cáo của vietnamplus.vn" in en
    assert "8 lĩnh vực, 38 tiêu chí" in en


def test_a_body_has_duties_in_both_languages() -> None:
    body = Body(id="so-noi-vu", name="Sở Nội vụ", duties="Cơ quan thường trực", duties_en="Standing body")
    assert (body.duties, body.duties_en) == ("Cơ quan thường trực", "Standing body")
