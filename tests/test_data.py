"""The bundled Cao Bằng plan against the careful reading of the source document.

Every expected value below is transcribed by hand from the reading of the plan (the
project's READING.md, sections 1-6), not read from it: a test that loaded its expectations
from the same place as the data could not catch a wrong number.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal as D
from typing import Any

import pytest

from parplan.analysis.gaps import Entry, flatten, gap_rows
from parplan.analysis.headline import judge_targets
from parplan.analysis.rules import plan_findings
from parplan.core.api import load_plan
from parplan.models.plan import Baseline, Target, Targets, rank_text
from parplan.reading.loading import (
    DEFAULT_BASELINE,
    DEFAULT_TARGETS,
    bundled,
    load_baseline,
    load_targets,
)
from parplan.reading.yamlread import parse_yaml


@pytest.fixture(scope="module")
def baseline() -> Baseline:
    return load_baseline(bundled(DEFAULT_BASELINE))[0]


@pytest.fixture(scope="module")
def targets() -> Targets:
    return load_targets(bundled(DEFAULT_TARGETS))[0]


@pytest.fixture(scope="module")
def entries(baseline: Baseline) -> dict[str, Entry]:
    return {e.id: e for e in flatten(baseline)}


@pytest.fixture(scope="module")
def by_target(targets: Targets) -> dict[str, Target]:
    return {t.id: t for t in targets.targets}


# --- section 2: PAR INDEX (section I.2.1 of the plan) -----------------------------------------

IMPL, SURVEY = "Điểm thực hiện", "Điều tra xã hội học"
FIELD_8 = (
    "Tác động của cải cách hành chính đến sự hài lòng của người dân, tổ chức và phát triển "
    "kinh tế - xã hội của tỉnh"
)
# id, name, rank 2024, score 2024, max, planned increase, plan 2025 ("> x"; None: no target printed)
PAR_TABLE: list[tuple[str, str, str | None, str, str, str, str | None]] = [
    ("par.1", "Công tác chỉ đạo, điều hành cải cách hành chính", "39/63", "9.2779", "9.5", "0.13", "9.40"),
    ("par.2", "Cải cách thể chế", "49/63", "8.8974", "10", "0.7875", "9.68"),
    ("par.2.impl", IMPL, None, "5.7125", "6", "0.2875", None),
    ("par.2.survey", SURVEY, None, "3.1849", "4", "0.50", None),
    ("par.3", "Cải cách thủ tục hành chính", "36/63", "12.50", "13", "0.30", "12.80"),
    ("par.4", "Cải cách tổ chức bộ máy hành chính", "43/63", "9.5893", "10.5", "0.30", "9.88"),
    ("par.4.impl", IMPL, None, "6.5", "6.5", "0", None),
    ("par.4.survey", SURVEY, None, "3.0893", "4", "0.30", None),
    ("par.5", "Cải cách chế độ công vụ", "50/63", "12.0317", "15", "1.5187", "13.50"),
    ("par.5.impl", IMPL, None, "4.9813", "6", "0.5187", None),
    ("par.5.survey", SURVEY, None, "7.0504", "9", "1", None),
    ("par.6", "Cải cách tài chính công", None, "10.2469", "12", "0.90", "11.14"),
    ("par.6.impl", IMPL, None, "7.3342", "8", "0.50", None),
    ("par.6.survey", SURVEY, None, "2.9127", "4", "0.40", None),
    (
        "par.7",
        "Xây dựng, phát triển chính quyền điện tử, chính quyền số",
        None,
        "10.5847",
        "13.5",
        "1.50",
        "12.08",
    ),
    ("par.7.impl", IMPL, None, "9.7973", "12.5", "1.40", None),
    ("par.7.survey", SURVEY, None, "0.7874", "1", "0.10", None),
    ("par.8", FIELD_8, "63/63", "9.8268", "16.5", "3", "12.12"),
    ("par.8.sipas", "Chỉ số SIPAS", None, "8.0768", "10", "0.50", None),
    ("par.8.socioeconomic", "Tác động đến phát triển kinh tế - xã hội", None, "1.75", "6.5", "2.5", None),
]

# --- section 3: PAPI (section I.2.2), every dimension out of 10 ---------------------------------

PAPI_TABLE: list[tuple[str, str, str, str, str, str]] = [
    ("papi.1", "Tham gia của người dân ở cấp cơ sở", "44/63", "4.64", "1", "5.64"),
    ("papi.2", "Công khai, minh bạch trong việc ra quyết định ở địa phương", "44/63", "5.13", "0.30", "5.43"),
    ("papi.3", "Trách nhiệm giải trình với người dân", "49/63", "4.21", "1.40", "4.61"),
    ("papi.4", "Kiểm soát tham nhũng trong khu vực công", "61/63", "6.23", "1", "7.23"),
    ("papi.5", "Thủ tục hành chính công", "60/63", "6.81", "0.50", "7.31"),
    ("papi.6", "Cung ứng dịch vụ công", "30/63", "7.58", "0.20", "7.78"),
    ("papi.7", "Quản trị môi trường", "23/63", "3.79", "0.20", "3.99"),
    ("papi.8", "Quản trị điện tử", "58/63", "2.94", "0.20", "3.14"),
]


ParRow = tuple[str, str, str | None, str, str, str, str | None]
PapiRow = tuple[str, str, str, str, str, str]


@pytest.mark.parametrize("row", PAR_TABLE, ids=[row[0] for row in PAR_TABLE])
def test_every_number_of_the_par_table(
    entries: dict[str, Entry], by_target: dict[str, Target], row: ParRow
) -> None:
    ident, name, rank, score, max_, increase, plan = row
    entry = entries[ident]
    assert (entry.index, entry.name, rank_text(entry.rank), entry.score, entry.max) == (
        "par",
        name,
        rank,
        D(score),
        D(max_),
    )
    target = by_target[ident]
    assert target.increase == D(increase)
    if plan is None:
        assert target.target is None
    else:
        assert (target.comparison, target.target) == (">", D(plan))


@pytest.mark.parametrize("row", PAPI_TABLE, ids=[row[0] for row in PAPI_TABLE])
def test_every_number_of_the_papi_table(
    entries: dict[str, Entry], by_target: dict[str, Target], row: PapiRow
) -> None:
    ident, name, rank, score, increase, plan = row
    entry = entries[ident]
    assert (entry.index, entry.name, rank_text(entry.rank), entry.score, entry.max) == (
        "papi",
        name,
        rank,
        D(score),
        D(10),
    )
    target = by_target[ident]
    assert (target.increase, target.comparison, target.target) == (D(increase), ">", D(plan))


def test_the_par_and_papi_tables_are_complete_and_in_order(entries: dict[str, Entry]) -> None:
    assert [e.id for e in entries.values() if e.index == "par" and e.level != "index"] == [
        row[0] for row in PAR_TABLE
    ]
    assert [e.id for e in entries.values() if e.index == "papi" and e.level != "index"] == [
        row[0] for row in PAPI_TABLE
    ]
    # Fields 1 and 3 are not split into parts.
    assert entries["par.1"].children == ()
    assert entries["par.3"].children == ()
    assert entries["par.8"].children == ("par.8.sipas", "par.8.socioeconomic")
    for n in (2, 4, 5, 6, 7):
        assert entries[f"par.{n}"].children == (f"par.{n}.impl", f"par.{n}.survey")


def test_the_ranks_of_fields_6_and_7_are_unknown_not_zero(entries: dict[str, Entry]) -> None:
    assert entries["par.6"].rank is None
    assert entries["par.7"].rank is None


def test_field_8_score_is_the_sum_of_its_parts_not_the_ocr_reading(entries: dict[str, Entry]) -> None:
    assert entries["par.8"].score == D("9.8268") != D("90.8268")


def test_index_totals_are_derived(baseline: Baseline, entries: dict[str, Entry]) -> None:
    assert (entries["par"].score, entries["par"].max) == (D("82.9547"), D(100))
    assert (entries["papi"].score, entries["papi"].max) == (D("41.33"), D(80))
    # Typed once: an index mapping has no score or max of its own.
    for index in parse_yaml(bundled(DEFAULT_BASELINE).read_text("utf-8"), "baseline").data["indices"]:
        assert "score" not in index
        assert "max" not in index
    rows = {row.id: row for row in gap_rows(baseline, load_targets(bundled(DEFAULT_TARGETS))[0])}
    assert (rows["par"].score, rows["par"].max, rows["par"].headroom) == (D("82.9547"), D(100), D("17.0453"))
    assert (rows["papi"].score, rows["papi"].max, rows["papi"].headroom) == (D("41.33"), D(80), D("38.67"))


def test_index_names_and_ranks(baseline: Baseline) -> None:
    assert [(i.id, i.name, i.short_name, rank_text(i.rank)) for i in baseline.indices] == [
        ("par", "Chỉ số cải cách hành chính", "PAR INDEX", "63/63"),
        ("papi", "Chỉ số Hiệu quả Quản trị và Hành chính công cấp tỉnh", "PAPI", "51/63"),
        (
            "sipas",
            "Chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước",
            "SIPAS",
            "57/63",
        ),
    ]
    assert (baseline.province, baseline.year) == ("Cao Bằng", 2024)


# --- section 1: 2023 and the officials survey ------------------------------------------------------


def test_2023_history(baseline: Baseline) -> None:
    assert sorted((h.id, h.year, h.score, rank_text(h.rank)) for h in baseline.history) == [
        ("kpi.officials_survey", 2023, D("16.56"), None),
        ("papi", 2023, None, "38/63"),
        ("par", 2023, None, "60/63"),
        ("sipas", 2023, None, "61/63"),
    ]


def test_officials_survey(entries: dict[str, Entry]) -> None:
    survey = entries["kpi.officials_survey"]
    assert (survey.name, survey.score, rank_text(survey.rank), survey.max, survey.unit) == (
        "Khảo sát ý kiến đội ngũ cán bộ, công chức lãnh đạo, quản lý",
        D("17.52"),
        "62/63",
        None,
        "points",
    )


# --- section 4: SIPAS components and the other numeric targets -------------------------------------

SIPAS = [
    ("sipas.access", "Mức độ hài lòng về tiếp cận dịch vụ"),
    ("sipas.procedures", "Mức độ hài lòng về thủ tục hành chính"),
    ("sipas.officials", "Mức độ hài lòng về công chức giải quyết TTHC"),
    ("sipas.results", "Mức độ hài lòng về kết quả giải quyết TTHC"),
    ("sipas.feedback", "Mức độ hài lòng về tiếp nhận, xử lý phản ánh, kiến nghị"),
]


def test_sipas_has_five_components_with_ranks_only(baseline: Baseline, entries: dict[str, Entry]) -> None:
    sipas = next(i for i in baseline.indices if i.id == "sipas")
    assert (sipas.total, sipas.unit, rank_text(sipas.rank)) == ("none", "percent", "57/63")
    assert [(c.id, c.name) for c in sipas.criteria] == SIPAS
    for ident, _ in SIPAS:
        # No 2024 baseline per component is given: unknown, not zero.
        assert (entries[ident].score, entries[ident].max, entries[ident].rank, entries[ident].unit) == (
            None,
            None,
            None,
            "percent",
        )
    assert (entries["sipas"].score, entries["sipas"].max) == (None, None)


def test_sipas_targets(by_target: dict[str, Target]) -> None:
    procedures = by_target["sipas.procedures"]
    assert (procedures.comparison, procedures.target, procedures.increase) == (">", D(90), None)
    for ident in ("sipas.access", "sipas.officials"):
        assert (by_target[ident].target, by_target[ident].increase) == (None, None)
    # Results and feedback are measured by the dossier and feedback indicators.
    assert by_target["sipas.results"].target is None
    assert "kpi.dossiers_on_time" in (by_target["sipas.results"].note or "")
    assert by_target["sipas.feedback"].target is None
    assert "kpi.feedback_on_time" in (by_target["sipas.feedback"].note or "")


@pytest.mark.parametrize(
    ("ident", "comparison", "value"),
    [
        ("kpi.tasks_completed", ">=", "100"),
        ("kpi.dossiers_on_time", ">", "98"),
        ("kpi.feedback_on_time", ">=", "100"),
        ("kpi.audit_recommendations", ">=", "100"),
        ("kpi.commune_disclosure", ">=", "100"),
    ],
)
def test_indicator_targets_and_comparisons(
    entries: dict[str, Entry], by_target: dict[str, Target], ident: str, comparison: str, value: str
) -> None:
    entry = entries[ident]
    assert (entry.level, entry.unit, entry.score, entry.max, entry.rank) == (
        "indicator",
        "percent",
        None,
        None,
        None,
    )
    target = by_target[ident]
    assert (target.comparison, target.target, target.increase) == (comparison, D(value), None)


def test_the_indicators_are_exactly_the_plans(baseline: Baseline) -> None:
    assert [i.id for i in baseline.indicators] == [
        "kpi.officials_survey",
        "kpi.tasks_completed",
        "kpi.dossiers_on_time",
        "kpi.feedback_on_time",
        "kpi.audit_recommendations",
        "kpi.commune_disclosure",
    ]


# --- section 5: bodies and deadlines ----------------------------------------------------------------

BODIES = [
    "Các sở, ban, ngành; UBND các xã, phường",
    "Sở Nội vụ",
    "Văn phòng UBND tỉnh",
    "Sở Tư pháp",
    "Sở Tài chính",
    "Sở Khoa học và Công nghệ",
    "Sở Nông nghiệp và Môi trường",
    "Thanh tra tỉnh",
    "Sở Y tế",
    "Sở Giáo dục và Đào tạo",
    "Sở Công Thương",
    "Sở Xây dựng",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Công an tỉnh",
    "Bưu điện tỉnh",
    "Bảo hiểm xã hội khu vực IX - tỉnh Cao Bằng",
    "Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội tỉnh",
]


def test_the_17_bodies_in_the_plans_order(targets: Targets) -> None:
    assert [b.name for b in targets.bodies] == BODIES
    assert len({b.id for b in targets.bodies}) == 17


@pytest.mark.parametrize(
    ("ident", "owner"),
    [
        ("par.1", "so-noi-vu"),
        ("par.2", "so-tu-phap"),
        ("par.3", "van-phong-ubnd"),
        ("par.4", "so-noi-vu"),
        ("par.5", "so-noi-vu"),
        ("par.6", "so-tai-chinh"),
        ("par.7", "so-khcn"),
        ("papi.2", "so-nnmt"),
        ("papi.2", "thanh-tra"),
        ("papi.3", "thanh-tra"),
        ("papi.4", "thanh-tra"),
        ("papi.6", "so-y-te"),
        ("papi.6", "so-gddt"),
        ("papi.6", "so-cong-thuong"),
        ("papi.6", "so-xay-dung"),
        ("papi.7", "so-nnmt"),
        ("papi.8", "so-khcn"),
    ],
)
def test_responsibilities_of_section_iv(by_target: dict[str, Target], ident: str, owner: str) -> None:
    assert owner in by_target[ident].owners


def test_the_two_deadlines(targets: Targets) -> None:
    assert [(d.date, d.owners) for d in targets.deadlines] == [
        (dt.date(2025, 7, 20), ("cac-so-nganh-ubnd-xa",)),
        (dt.date(2025, 11, 30), ("cac-so-nganh-ubnd-xa", "so-noi-vu")),
    ]


def test_the_targets_are_for_2025_against_2024(targets: Targets) -> None:
    assert (targets.province, targets.year, targets.baseline_year) == ("Cao Bằng", 2025, 2024)


# --- section 6: reference figures --------------------------------------------------------------------

PAR_SOURCE = "vietnamplus.vn report of the PAR INDEX 2024 announcement (post1025084); kinhtedothi.vn"
PAPI_SOURCE = "vnanet.vn and vietnam.vn reports of the PAPI 2024 launch"


def test_reference_figures_with_their_sources(baseline: Baseline) -> None:
    # the sources as published, in English (the `_en` twins); the Vietnamese is checked below
    assert [(r.id, r.kind, r.value, r.unit, r.province, r.source_en) for r in baseline.references] == [
        ("par", "national_average", D("88.37"), "percent", None, PAR_SOURCE),
        ("par", "best_province", D("96.17"), "percent", "Hải Phòng", PAR_SOURCE),
        ("papi", "national_average", D("41.43"), "points", None, PAPI_SOURCE),
        ("papi", "best_province", D("47.82"), "points", "Quảng Ninh", PAPI_SOURCE),
        ("papi.1", "best_province", D("5.43"), "points", "Quảng Ninh", PAPI_SOURCE),
        ("papi.2", "best_province", D("6.52"), "points", "Quảng Ninh", PAPI_SOURCE),
        ("papi.3", "best_province", D("5.09"), "points", "Quảng Ninh", PAPI_SOURCE),
        ("papi.4", "best_province", D("7.36"), "points", "Quảng Ninh", PAPI_SOURCE),
        ("papi.5", "best_province", D("7.66"), "points", "Quảng Ninh", PAPI_SOURCE),
        ("papi.6", "best_province", D("8.42"), "points", "Quảng Ninh", PAPI_SOURCE),
        ("papi.8", "best_province", D("4.08"), "points", "Quảng Ninh", PAPI_SOURCE),
        (
            "sipas",
            "national_average",
            D("83.94"),
            "percent",
            None,
            "vnanet.vn report of the SIPAS 2024 announcement",
        ),
    ]
    notes = {(r.id, r.kind): r.note_en for r in baseline.references}
    assert notes["par", "national_average"] == "Up 1.39 on 2023."
    assert notes["sipas", "national_average"] == "Up 1.28 on 2023."


def test_reference_facts(baseline: Baseline) -> None:
    facts = {(f.id, f.text_en) for f in baseline.facts}
    text = " ".join(f.text_en or "" for f in baseline.facts)
    assert "8 fields, 38 criteria, 88 sub-criteria; 68 points from appraisal, 32 points" in text
    assert "82.66% (range 75.03%-90.61%)" in text
    assert any(ident == "papi" and "out of 61" in str(fact) for ident, fact in facts)
    assert any(ident == "papi" and "dimension 7" in str(fact) and "not" in str(fact) for ident, fact in facts)
    sources = {f.source_en or f.source for f in baseline.facts}  # an address is the same in both
    assert "nvsk.vnanet.vn" in sources
    assert (
        'baomoi report "Chỉ số cải cách hành chính năm 2024: giá trị trung bình cao nhất từ trước đến nay"'
        in sources
    )


def test_references_on_the_criterions_scale(baseline: Baseline, targets: Targets) -> None:
    rows = {row.id: row for row in gap_rows(baseline, targets)}
    assert (rows["par"].national_average, rows["par"].best, rows["par"].best_province) == (
        D("88.37"),
        D("96.17"),
        "Hải Phòng",
    )
    assert rows["par"].vs_average == D("-5.4153")
    assert (rows["papi"].national_average, rows["papi"].vs_average) == (D("41.43"), D("-0.10"))
    assert rows["papi.7"].best is None  # not reported


# --- the file as written --------------------------------------------------------------------------


def _mappings(node: Any, key: str) -> list[dict[str, Any]]:
    """Every mapping listed under ``key`` anywhere in the document."""
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        for k, value in node.items():
            if k == key and isinstance(value, list):
                found.extend(v for v in value if isinstance(v, dict))
            found.extend(_mappings(value, key))
    elif isinstance(node, list):
        for value in node:
            found.extend(_mappings(value, key))
    return found


def test_every_criterion_mapping_carries_id_name_max_score_and_rank() -> None:
    data = parse_yaml(bundled(DEFAULT_BASELINE).read_text("utf-8"), "baseline").data
    mappings = _mappings(data, "criteria") + _mappings(data, "parts") + _mappings(data, "indicators")
    assert len(mappings) == 20 + 8 + 5 + 6
    for mapping in mappings:
        assert {"id", "name", "max", "score", "rank"} <= set(mapping), mapping.get("id")


def test_every_target_mapping_carries_an_id() -> None:
    data = parse_yaml(bundled(DEFAULT_TARGETS).read_text("utf-8"), "targets").data
    assert all("id" in mapping for mapping in data["targets"])
    assert len(data["targets"]) == 20 + 8 + 5 + 5 + 3  # + the general goal per index


@pytest.mark.parametrize("name", [DEFAULT_BASELINE, DEFAULT_TARGETS])
def test_all_text_is_nfc(name: str) -> None:
    text = bundled(name).read_text("utf-8")
    assert unicodedata.is_normalized("NFC", text)
    assert "Cao Bằng" in text


# --- validation of the bundled plan ------------------------------------------------------------------


def test_the_bundled_plan_has_exactly_its_three_warnings(baseline: Baseline, targets: Targets) -> None:
    found = [(f.role, f.path, f.id, f.code, f.message.text("en")) for f in plan_findings(baseline, targets)]
    assert found == [
        (
            "targets",
            ("targets", 8, "target"),
            "par.5",
            "PP404",
            "target > 13.5 is below score 12.0317 + increase 1.5187 = 13.5504 (13.55 cut to two decimals): "
            "looser than planned",
        ),
        (
            "targets",
            ("targets", 17, "target"),
            "par.8",
            "PP404",
            "target > 12.12 is below score 9.8268 + increase 3 = 12.8268 (12.82 cut to two decimals): "
            "looser than planned",
        ),
        (
            "targets",
            ("targets", 22, "target"),
            "papi.3",
            "PP404",
            "target > 4.61 is below score 4.21 + increase 1.4 = 5.61: looser than planned",
        ),
    ]


def test_the_bundled_plan_loads_with_its_warnings_placed() -> None:
    plan = load_plan(None, None)
    assert plan.errors == ()
    assert [(p.id, p.severity, p.file.endswith(DEFAULT_TARGETS)) for p in plan.problems] == [
        ("par.5", "warning", True),
        ("par.8", "warning", True),
        ("papi.3", "warning", True),
    ]
    lines = bundled(DEFAULT_TARGETS).read_text("utf-8").splitlines()
    for problem in plan.problems:
        assert problem.line is not None
        assert problem.column is not None
        # The place is the target value itself.
        assert lines[problem.line - 1][problem.column - 1 :].startswith(("13.50", "12.12", "4.61"))


def test_the_bundled_baseline_checks_as_its_own_results(baseline: Baseline, targets: Targets) -> None:
    # A plan judged against its own baseline: nothing is met (every target is above it) and
    # nothing raises. Ranks are out of the same 63, so they are compared (0 places).
    checks = {c.id: c for c in judge_targets(baseline, targets, baseline)}
    assert checks["par.1"].status == "missed"
    assert checks["par.1"].shortfall == D("9.40") - D("9.2779")
    assert checks["par.1"].rank_change == 0
    assert checks["sipas.procedures"].status == "no-data"
    assert "par.2.impl" not in checks


def test_the_shipped_data_cites_the_plan_and_public_reports_never_a_local_path() -> None:
    """A source must be findable by a reader of the report: never a file beside the repository."""
    folder = bundled(DEFAULT_BASELINE).parent
    for path in [*folder.glob("*.yaml"), *(folder.parent / "criteria").glob("*.yaml")]:
        text = path.read_text(encoding="utf-8")
        assert "shared/" not in text, path
        assert "READING" not in text, path


def test_the_data_texts_are_vietnamese_with_english_twins(baseline: Baseline) -> None:
    """Issue 21: the texts the report shows (references' sources and notes, facts) are given in
    Vietnamese, each with its English twin, so that one language is shown at a time."""
    from english import english_runs

    pairs = [(r.source, r.source_en) for r in baseline.references]
    pairs += [(r.note, r.note_en) for r in baseline.references if r.note is not None]
    pairs += [(f.text, f.text_en) for f in baseline.facts]
    pairs += [(f.source, f.source_en) for f in baseline.facts if f.source != "nvsk.vnanet.vn"]
    for vietnamese, english in pairs:
        assert english_runs(vietnamese) == [], vietnamese
        assert english is not None, vietnamese
        assert english != vietnamese
