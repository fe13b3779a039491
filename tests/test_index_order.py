"""One order of indices, the plan's, in ``gap`` and ``check`` (issue 21 item 6):
a targets file that lists the indices in another order does not reorder the tables."""

from __future__ import annotations

from builders import crit, index, make_baseline, make_targets, target
from parplan.core.api import Plan


def _plan() -> Plan:
    baseline = make_baseline(
        index("par", crit("par.1", "10", "5")), index("papi", crit("papi.1", "10", "4")), indicators=[]
    )
    results = make_baseline(
        index("par", crit("par.1", "10", "6")), index("papi", crit("papi.1", "10", "5")), year=2025
    )
    # The targets name PAPI first, and a KPI-free index-level goal before the fields.
    targets = make_targets(
        target("papi.1", value="4.5"), {"id": "par", "improve": ["score"]}, target("par.1", value="5.5")
    )
    return Plan(baseline, targets, results)


def test_check_lists_the_indices_in_the_plans_order_like_gap() -> None:
    plan = _plan()
    gap = [r["index"] for r in plan.gaps().to_records()]
    check = [r["index"] for r in plan.check().to_records()]
    assert list(dict.fromkeys(gap)) == ["par", "papi"]
    assert list(dict.fromkeys(check)) == ["par", "papi"]
    # Within an index the targets keep the targets file's order.
    assert [r["id"] for r in plan.check().to_records()] == ["par", "par.1", "papi.1"]
