"""The report names a criterion by the plan's own number and name (issue 21 item 3), never by
its id; machine formats keep the id."""

from __future__ import annotations

from builders import crit, index, make_baseline, make_targets, target
from parplan.core.api import Plan, load_plan


def _plan() -> Plan:
    field = crit(
        "par.2", "10", "6", number="2", name="Cải cách thể chế", parts=[crit("par.2.impl", "10", "6")]
    )
    field["parts"][0]["name"] = "Điểm thực hiện"
    kpi = crit("kpi.tasks", None, None, number="II.2", name="Tỷ lệ nhiệm vụ hoàn thành", unit="percent")
    baseline = make_baseline(index("par", field), indicators=[kpi])
    owners = ["so-noi-vu"]
    targets = make_targets(
        target("par.2", "1", value="7", owners=owners),
        target("par.2.impl", "1", owners=owners),
        target("kpi.tasks", value="100", owners=owners),
    )
    return Plan(baseline, targets)


def test_the_report_names_criteria_by_number_and_name() -> None:
    text = str(_plan().report().render("markdown"))
    assert "| 2 Cải cách thể chế |" in text
    assert "| 2 Cải cách thể chế: Điểm thực hiện |" in text  # a part without a number, under its field
    assert "| II.2 Tỷ lệ nhiệm vụ hoàn thành |" in text
    assert "par.2" not in text
    assert "kpi.tasks" not in text


def test_machine_formats_keep_the_id() -> None:
    rows = _plan().gaps().to_records()
    assert [r["id"] for r in rows] == ["par", "par.2", "par.2.impl", "kpi.tasks"]


def test_the_bundled_report_prose_and_tables_hold_no_yaml_id() -> None:
    # The appendix (after the signature) keeps each problem's id and place, for whoever fixes the files.
    for lang in ("vi", "en"):
        text = str(load_plan().report(lang=lang).render("markdown"))
        body = text.split("\n## ", 1)[1]
        for heading in ("Appendix", "Phụ lục"):
            body = body.split(heading, 1)[0]
        for ident in ("par.1", "papi.8", "kpi.commune_disclosure", "par.8.socioeconomic"):
            assert ident not in body, (lang, ident)
