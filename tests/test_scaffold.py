"""The scaffold of a new plan: criteria sets, the three files `parplan init` writes, refusal.

The expectations are the bundled Cao Bằng plan's structure (its ids and maxima), read from
the bundled baseline: the criteria sets must describe the same national structure.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

import pytest
import yaml

from parplan.core.api import load_plan
from parplan.core.scaffold import (
    CRITERIA_DIR,
    CriteriaSetError,
    ScaffoldExistsError,
    SetCriterion,
    criteria_in_force,
    criteria_sets,
    scaffold_names,
    scaffold_texts,
    write_scaffold,
)
from parplan.models.plan import Baseline, Criterion
from parplan.reading.loading import DEFAULT_BASELINE, bundled, load_baseline
from parplan.reading.schema import schema_path, schema_text
from parplan.reading.yamlread import parse_yaml

LANGS: tuple[Literal["vi", "en"], ...] = ("vi", "en")
TRICKY = "Tỉnh Thử: nghiệm # 'một' \"hai\""
"""A province name with every character that breaks naive YAML: colon-space, hash, quotes."""
NUMBER_KEYS = {"score", "rank", "increase", "target", "value"}
"""The keys a province fills in: all must be written null by the scaffold."""
VIETNAMESE = re.compile(r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]")


@pytest.fixture(scope="module")
def bundled_baseline() -> Baseline:
    return load_baseline(bundled(DEFAULT_BASELINE))[0]


def _walk(criteria: tuple[Any, ...]) -> list[Any]:
    found: list[Any] = []
    for criterion in criteria:
        found.append(criterion)
        found.extend(_walk(criterion.parts))
    return found


def _plain(path: Path) -> Any:
    return parse_yaml(path.read_text(encoding="utf-8"), str(path)).data


def _values(data: Any, key: str | None = None) -> list[tuple[str | None, Any]]:
    """Every (key, scalar) pair in the data, at any depth."""
    if isinstance(data, dict):
        return [pair for k, v in data.items() for pair in _values(v, k)]
    if isinstance(data, list):
        return [pair for item in data for pair in _values(item, key)]
    return [(key, data)]


def _comments(text: str) -> str:
    """The comment text of a file, without the schema line (a URL-like path in both languages)."""
    lines = [line.split("#", 1)[1] for line in text.splitlines() if "#" in line and "$schema" not in line]
    return "\n".join(lines)


@pytest.mark.parametrize("lang", LANGS)
def test_the_three_files_validate_without_problems(tmp_path: Path, lang: Literal["vi", "en"]) -> None:
    paths = write_scaffold(tmp_path / "plan", "Tuyên Quang", 2026, lang)[:3]
    assert [p.name for p in paths] == ["baseline_2025.yaml", "targets_2026.yaml", "results_2026.yaml"]
    plan = load_plan(*paths)
    assert plan.problems == ()
    assert plan.baseline.year == 2025
    assert plan.targets.baseline_year == 2025
    assert plan.results is not None
    assert plan.results.year == 2026


@pytest.mark.parametrize("lang", LANGS)
def test_every_file_starts_with_its_schema_line(lang: Literal["vi", "en"]) -> None:
    texts = scaffold_texts("Huế", 2026, lang)
    for name, text in texts.items():
        kind = name.split("_")[0]
        assert text.splitlines()[0] == f"# yaml-language-server: $schema=schemas/{kind}.schema.json"
        assert unicodedata.normalize("NFC", text) == text


SCHEMA_LINE = re.compile(r"# yaml-language-server: \$schema=(\S+)")


def _named_schemas(folder: Path) -> dict[Path, str]:
    """Each schema a YAML file of ``folder`` names on its first line, by path, with its kind."""
    named = {}
    for path in sorted(folder.glob("*.yaml")):
        found = SCHEMA_LINE.fullmatch(path.read_text(encoding="utf-8").splitlines()[0])
        assert found is not None, path
        named[folder / found.group(1)] = found.group(1).removeprefix("schemas/").split(".")[0]
    return named


@pytest.mark.parametrize("lang", LANGS)
def test_init_writes_every_schema_its_files_name(tmp_path: Path, lang: Literal["vi", "en"]) -> None:
    """issue 21 item 6: a ``$schema`` line names a file that is there, the packaged schema."""
    folder = tmp_path / "plan"
    written = write_scaffold(folder, "Huế", 2026, lang)
    named = _named_schemas(folder)
    assert set(named.values()) == {"baseline", "targets", "results"}
    for path, kind in named.items():
        assert path.read_text(encoding="utf-8") == schema_text(kind)  # type: ignore[arg-type]
        assert path.read_bytes() == schema_path(kind).read_bytes()  # type: ignore[arg-type]
    assert sorted(written) == sorted([*folder.glob("*.yaml"), *named])


def test_next_years_init_beside_last_years_keeps_the_same_schemas(tmp_path: Path) -> None:
    """A folder holding last year's plan and its schemas takes next year's: the same schemas are
    left as they are, not refused as existing."""
    first = write_scaffold(tmp_path, "Huế", 2026)
    second = write_scaffold(tmp_path, "Huế", 2027)
    assert len(first) == 6
    assert [path.name for path in second] == ["baseline_2026.yaml", "targets_2027.yaml", "results_2027.yaml"]


def test_a_different_schema_in_the_way_refuses_the_whole_init(tmp_path: Path) -> None:
    """Never overwritten, and nothing written: the other files wait with it."""
    (tmp_path / "schemas").mkdir()
    own = tmp_path / "schemas" / "targets.schema.json"
    own.write_text("{}\n", encoding="utf-8")
    with pytest.raises(ScaffoldExistsError) as refused:
        write_scaffold(tmp_path, "Huế", 2026)
    assert refused.value.paths == (own,)
    assert own.read_text(encoding="utf-8") == "{}\n"
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["schemas", "targets.schema.json"]


def test_the_command_writes_the_schemas_too(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from parplan.cli.main import app

    folder = tmp_path / "plan"
    result = CliRunner().invoke(app, ["init", str(folder), "--province", "Huế", "--year", "2026"])
    assert result.exit_code == 0, result.output
    for path, kind in _named_schemas(folder).items():
        assert path.read_text(encoding="utf-8") == schema_text(kind)  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", LANGS)
def test_every_number_the_province_fills_in_is_null(tmp_path: Path, lang: Literal["vi", "en"]) -> None:
    paths = write_scaffold(tmp_path, "Lào Cai", 2026, lang)[:3]
    for path in paths:
        pairs = _values(_plain(path))
        assert all(value is None for key, value in pairs if key in NUMBER_KEYS), path.name
        # No number but the years and the criteria set's maxima; never a 0 standing for unknown.
        numbers = [(k, v) for k, v in pairs if isinstance(v, (int, Decimal)) and not isinstance(v, bool)]
        assert {k for k, _ in numbers} <= {"year", "baseline_year", "max"}
        assert all(v != 0 for _, v in numbers)


def test_maxima_are_the_criteria_sets(tmp_path: Path, bundled_baseline: Baseline) -> None:
    """The structure is national: the maxima are the bundled plan's, whatever the province."""
    baseline = load_baseline(write_scaffold(tmp_path, "Đắk Lắk", 2026)[0])[0]
    ours = {c.id: c.max for index in baseline.indices for c in _walk(index.criteria)}
    theirs = {c.id: c.max for index in bundled_baseline.indices for c in _walk(index.criteria)}
    assert ours == theirs
    assert all(c.score is None and c.rank is None for i in baseline.indices for c in _walk(i.criteria))
    assert all(index.rank is None for index in baseline.indices)


def test_comments_are_vietnamese_under_vi_and_english_under_en() -> None:
    for text in scaffold_texts("Huế", 2026, "vi").values():
        comments = _comments(text)
        assert "chưa biết" in comments
        assert "tiêu chí" in comments
        assert "Không ghi 0 thay cho null" in comments
    for text in scaffold_texts("Huế", 2026, "en").values():
        comments = _comments(text)
        assert "unknown" in comments
        assert "Never write 0 for null" in comments
        for word in ("chưa biết", "thứ hạng", "Cách ghi", "Ví dụ"):
            assert word not in comments
        # Vietnamese in English comments only where it is a quoted name (a source, an example).
        explained = [line for line in comments.splitlines() if re.match(r"\s*[a-z_, ]+= ", line)]
        assert explained
        assert not any(VIETNAMESE.search(line) for line in explained)


@pytest.mark.parametrize(
    "key", ["score", "max", "rank", "increase", "comparison", "target", "owners", "bodies", "null"]
)
@pytest.mark.parametrize("lang", LANGS)
def test_each_key_is_explained(key: str, lang: Literal["vi", "en"]) -> None:
    texts = scaffold_texts("Huế", 2026, lang)
    kind = "targets" if key in {"increase", "comparison", "target", "owners", "bodies"} else "baseline"
    comments = _comments(next(t for n, t in texts.items() if n.startswith(kind)))
    assert re.search(rf"^\s*{key}\s+= ", comments, re.MULTILINE), key


@pytest.mark.parametrize("lang", LANGS)
def test_the_rank_comment_names_34_provinces(lang: Literal["vi", "en"]) -> None:
    comments = _comments(scaffold_texts("Huế", 2026, lang)["baseline_2025.yaml"])
    assert "k/N" in comments
    assert "34" in comments


@pytest.mark.parametrize(
    "province",
    [
        TRICKY,
        "- list?",
        "null",
        "2026",
        "[x]",
        "  Cà Mau  ",
        "Yes",
        "1e3",
        "~",
    ],
)
def test_a_province_name_survives_the_round_trip(tmp_path: Path, province: str) -> None:
    paths = write_scaffold(tmp_path, province, 2026)[:3]
    plan = load_plan(*paths)
    assert plan.problems == ()
    expected = unicodedata.normalize("NFC", province.strip())
    assert plan.baseline.province == expected
    assert plan.targets.province == expected
    assert plan.results is not None
    assert plan.results.province == expected


@pytest.mark.parametrize(
    ("province", "char"),
    [
        ("a\nb", "U+000A"),
        ("a\x85b", "U+0085"),
        ("a\u2028b", "U+2028 (LINE SEPARATOR)"),
        ("a\tb", "U+0009"),
    ],
)
@pytest.mark.parametrize("lang", LANGS)
def test_a_province_name_with_a_control_character_is_refused_before_writing(
    tmp_path: Path, province: str, char: str, lang: Literal["vi", "en"]
) -> None:
    """The models refuse it (PP212): init would otherwise write three files that do not load."""
    folder = tmp_path / "plan"
    with pytest.raises(ValueError, match=re.escape(char)) as raised:
        write_scaffold(folder, province, 2026, lang)
    assert str(raised.value).startswith("province: ")
    assert ("ký tự điều khiển" in str(raised.value)) == (lang == "vi")
    assert "position 2" in str(raised.value) or "vị trí 2" in str(raised.value)
    assert not folder.exists()


def test_a_decomposed_name_is_written_composed() -> None:
    texts = scaffold_texts(unicodedata.normalize("NFD", "Quảng Ninh"), 2026)
    assert all("province: Quảng Ninh\n" in text for text in texts.values())


@pytest.mark.parametrize(("lang", "words"), [("en", "the province name is empty"), ("vi", "đang để trống")])
def test_an_empty_province_is_refused_in_the_language(lang: Literal["vi", "en"], words: str) -> None:
    with pytest.raises(ValueError, match=words):
        scaffold_texts("   ", 2026, lang)


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", "year 1800 is outside 1901-2200"), ("vi", "năm 1800 nằm ngoài khoảng 1901-2200")],
)
def test_a_year_out_of_range_is_refused_in_the_language(lang: Literal["vi", "en"], words: str) -> None:
    with pytest.raises(ValueError, match=words):
        scaffold_texts("Huế", 1800, lang)


def test_refusal_to_overwrite_leaves_existing_files_byte_identical(tmp_path: Path) -> None:
    existing = {
        tmp_path / "targets_2026.yaml": b"province: mine\r\n# half typed \xe1\xba\xa1\n",
        tmp_path / "results_2026.yaml": b"",
    }
    for path, data in existing.items():
        path.write_bytes(data)
    with pytest.raises(FileExistsError) as raised:
        write_scaffold(tmp_path, "Huế", 2026)
    assert isinstance(raised.value, ScaffoldExistsError)
    assert set(raised.value.paths) == set(existing)
    for path in existing:
        assert str(path) in str(raised.value)
    for path, data in existing.items():
        assert path.read_bytes() == data
    assert not (tmp_path / "baseline_2025.yaml").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in existing)


def test_the_folder_is_created(tmp_path: Path) -> None:
    folder = tmp_path / "a" / "b"
    paths = write_scaffold(folder, "Huế", 2026, "en")
    assert all(path.parent == folder and path.is_file() for path in paths[:3])
    texts = scaffold_texts("Huế", 2026, "en")
    assert [path.read_text(encoding="utf-8") for path in paths[:3]] == list(texts.values())


def test_file_names_follow_the_year() -> None:
    assert scaffold_names(2030) == ("baseline_2029.yaml", "targets_2030.yaml", "results_2030.yaml")
    assert list(scaffold_texts("Huế", 2030)) == list(scaffold_names(2030))


def test_a_year_before_any_criteria_set_is_a_clear_error() -> None:
    with pytest.raises(CriteriaSetError, match=r"no criteria set in force in 2023 for: par"):
        scaffold_texts("Huế", 2024, "en")
    with pytest.raises(
        CriteriaSetError, match=r"không có Bộ tiêu chí nào áp dụng trong năm 2023 cho: par \(Bộ"
    ):
        scaffold_texts("Huế", 2024, "vi")


def test_the_latest_set_in_force_is_chosen() -> None:
    assert [s.index for s in criteria_in_force(2024)] == ["par", "papi", "sipas"]
    assert all(s.in_force_from == 2024 for s in criteria_in_force(2031))


def test_par_field_maxima_sum_to_100_and_parts_to_their_field() -> None:
    par = next(s for s in criteria_sets() if s.index == "par")
    assert [c.max for c in par.criteria] == [
        Decimal(v) for v in ("9.5", "10", "13", "10.5", "15", "12", "13.5", "16.5")
    ]
    assert sum(c.max for c in par.criteria if c.max is not None) == 100
    for field in par.criteria:
        if field.parts:
            assert sum(p.max for p in field.parts if p.max is not None) == field.max


def test_papi_is_eight_dimensions_of_ten_and_sipas_is_in_percent() -> None:
    papi = next(s for s in criteria_sets() if s.index == "papi")
    assert [c.id for c in papi.criteria] == [f"papi.{n}" for n in range(1, 9)]
    assert all(c.max == 10 and not c.parts for c in papi.criteria)
    sipas = next(s for s in criteria_sets() if s.index == "sipas")
    assert sipas.unit == "percent"
    assert sipas.total == "none"
    assert all(c.unit == "percent" and c.max is None for c in sipas.criteria)


def test_each_sets_ids_and_names_match_the_bundled_baseline(bundled_baseline: Baseline) -> None:
    indices = {index.id: index for index in bundled_baseline.indices}
    for criteria_set in criteria_sets():
        index = indices[criteria_set.index]
        assert (criteria_set.name, criteria_set.name_en, criteria_set.short_name) == (
            index.name,
            index.name_en,
            index.short_name,
        )
        assert (criteria_set.unit, criteria_set.total) == (index.unit, index.total)
        ours: list[SetCriterion] = _walk(criteria_set.criteria)
        theirs: list[Criterion] = _walk(index.criteria)
        assert [c.id for c in ours] == [c.id for c in theirs]
        assert [(c.name, c.name_en, c.unit) for c in ours] == [(c.name, c.name_en, c.unit) for c in theirs]
    assert {s.index for s in criteria_sets()} == set(indices)


def test_criteria_files_are_named_by_index_and_year_and_cite_public_sources() -> None:
    for path in sorted(CRITERIA_DIR.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert unicodedata.normalize("NFC", text) == text
        data = yaml.safe_load(text)
        assert path.stem == f"{data['index']}_{data['in_force_from']}"
        assert "READING" not in data["source"]
        assert "shared/" not in data["source"]
        assert "seed" not in data["source"]
    assert len(criteria_sets()) == 3


DOCS = Path(__file__).resolve().parent.parent / "docs"


@pytest.mark.parametrize("doc", ["writing-a-plan.md", "writing-a-plan.en.md"])
def test_the_docs_worked_example_gives_the_warning_it_shows(tmp_path: Path, doc: str) -> None:
    """The example is copied by officials: it must load, and `validate` must say what the page says."""
    text = (DOCS / doc).read_text(encoding="utf-8")
    assert unicodedata.normalize("NFC", text) == text
    blocks = dict(re.findall(r"`(baseline_2025|targets_2026)\.yaml`:\n\n```yaml\n(.*?)```", text, re.DOTALL))
    for name, body in blocks.items():
        (tmp_path / f"{name}.yaml").write_text(body, encoding="utf-8")
    plan = load_plan(tmp_path / "baseline_2025.yaml", tmp_path / "targets_2026.yaml")
    shown = re.search(r"targets_2026\.yaml:(\d+):(\d+): par\.2: (PP\d+) warning: (.*)\n", text)
    assert shown is not None
    [problem] = plan.problems
    assert (problem.line, problem.column, problem.id, problem.severity) == (
        int(shown[1]),
        int(shown[2]),
        "par.2",
        "warning",
    )
    assert problem.code == shown[3]
    assert problem.text() == shown[4]
    assert "parplan init" in text


def test_keys_only_the_old_model_forced_are_not_written() -> None:
    """Parts have no published rank and a percentage has no maximum: no blank is written for them."""
    text = scaffold_texts("Tuyên Quang", 2026)["baseline_2025.yaml"]
    data = yaml.safe_load(text)
    par = next(index for index in data["indices"] if index["id"] == "par")
    parts = [part for field in par["criteria"] for part in field.get("parts", [])]
    assert parts
    assert all("rank" not in part and part["score"] is None for part in parts)
    assert all("rank" in field for field in par["criteria"])
    sipas = next(index for index in data["indices"] if index["id"] == "sipas")
    assert all("max" not in criterion for criterion in sipas["criteria"])
