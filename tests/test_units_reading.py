"""units.yaml and scores_YEAR.csv read with every problem placed (issue 19); the fixture is synthetic."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parplan.models.units import COLUMNS, ScoreRow, applies
from parplan.reading.units import load_scores, load_units, read_scores, scores_csv, year_of
from parplan.vocab.problems import RULES, InputError, Problem

FIXTURE = Path(__file__).parent / "fixtures" / "units"
UNITS_YAML = (FIXTURE / "units.yaml").read_text(encoding="utf-8")
HEADER = ",".join(COLUMNS) + "\n"
WANT = "unit,criterion,self,appraised,applicable,note"


def _units(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "units.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _formatted(error: pytest.ExceptionInfo[InputError]) -> list[str]:
    return [p.format() for p in error.value.problems]


def test_the_synthetic_province_loads_with_its_leaves_and_blocks() -> None:
    units, _parsed = load_units(FIXTURE / "units.yaml")
    assert "giả định" in units.province  # synthetic, and says so
    leaves = list(units.leaves())
    assert [leaf.id for leaf in leaves] == ["1.1", "1.2", "1.3.1", "1.3.2", "2.1", "2.2", "3.1", "3.2"]
    by_id = {leaf.id: leaf for leaf in leaves}
    assert applies(by_id["1.2"], "xa")
    assert not applies(by_id["1.2"], "so")
    assert applies(by_id["1.3.1"], "so")
    assert by_id["1.3.2"].field.id == "1"
    assert by_id["1.3.2"].path == (0, 2, 1)
    assert units.tolerance == D("0.25")
    assert units.bonus is not None
    assert units.bonus.max == D(2)


def test_a_blocks_limit_is_inherited_and_narrowed_by_groups(tmp_path: Path) -> None:
    text = UNITS_YAML.replace(
        '      - id: "1.3"\n        name: Kiểm tra cải cách hành chính\n',
        '      - id: "1.3"\n        name: Kiểm tra cải cách hành chính\n        blocks: [xa, so]\n',
    ).replace(
        '{id: "1.3.1", name: Ban hành kế hoạch kiểm tra, max: 1}',
        '{id: "1.3.1", name: Ban hành kế hoạch kiểm tra, max: 1, blocks: [xa, phuong]}',
    )
    units, _ = load_units(_units(tmp_path, text))
    by_id = {leaf.id: leaf for leaf in units.leaves()}
    assert by_id["1.3.1"].blocks == frozenset({"xa"})
    assert by_id["1.3.2"].blocks == frozenset({"xa", "so"})


def test_units_yaml_set_problems_are_all_placed_at_once(tmp_path: Path) -> None:
    text = (
        UNITS_YAML.replace("{name: Khá, min: 65}", "{name: Khá, min: 85}")
        .replace("block: xa}\n  - {id: xa-d", "block: thon}\n  - {id: xa-d")
        .replace("{id: xa-e, name: UBND xã E (giả định), block: xa}", "{id: xa-c, name: E, block: xa}")
        .replace("max: 2\n        criteria:", "max: 3\n        criteria:")
        .replace('{id: "2.2", name: Theo dõi thi hành pháp luật, max: 3}', '{id: "2.2", name: Theo dõi}')
        .replace("blocks: [so]}", "blocks: [sx]}")
    )
    with pytest.raises(InputError) as error:
        load_units(_units(tmp_path, text), "units.yaml")
    assert _formatted(error) == [
        "units.yaml:14:22: PP509 error: class 'Khá' (85) is not below the class before it (80): "
        "list the classes highest first",
        "units.yaml:26:14: 1.3: PP515 error: the maximum 3 is not the sum of its criteria's maxima, 2",
        "units.yaml:34:9: 2.2: PP514 error: criterion '2.2' has no maximum (max)",
        "units.yaml:38:82: 3.1: PP508 error: block 'sx' is not among the blocks",
        "units.yaml:49:51: xa-c: PP508 error: block 'thon' is not among the blocks",
        "units.yaml:51:10: xa-c: PP511 error: the id 'xa-c' is used above already",
    ]


SCORES = HEADER + "so-noi-vu,1.1,4,3.5,,evidence: QĐ 12/2025\nxa-c,1.2,,,no,\nxa-c,bonus,1,,,\n"


def test_scores_are_read_exactly_with_their_lines(tmp_path: Path) -> None:
    path = tmp_path / "scores_2025.csv"
    path.write_text(SCORES, encoding="utf-8")
    table = read_scores(path)
    assert table.year == 2025
    assert table.rows == (
        ScoreRow("so-noi-vu", "1.1", D(4), D("3.5"), True, "evidence: QĐ 12/2025"),
        ScoreRow("xa-c", "1.2", None, None, False, None),
        ScoreRow("xa-c", "bonus", D(1), None, True, None),
    )
    assert table.lines == (2, 3, 4)
    assert scores_csv(table.rows) == SCORES.replace(",,,\n", ",,,\n")


def test_the_yaml_twin_gives_the_same_rows(tmp_path: Path) -> None:
    path = tmp_path / "scores_2025.yaml"
    path.write_text(
        "# synthetic\nyear: 2025\nscores:\n"
        "  - {unit: so-noi-vu, criterion: '1.1', self: 4, appraised: 3.5, note: 'evidence: QĐ 12/2025'}\n"
        "  - {unit: xa-c, criterion: '1.2', applicable: no}\n"
        "  - {unit: xa-c, criterion: bonus, self: 1}\n",
        encoding="utf-8",
    )
    csv_path = tmp_path / "scores_2025.csv"
    csv_path.write_text(SCORES, encoding="utf-8")
    assert read_scores(path).rows == read_scores(csv_path).rows


def test_a_semicolon_csv_with_decimal_commas_is_read(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text(HEADER.replace(",", ";") + "so-noi-vu;1.1;4;3,5;;\n", encoding="utf-8")
    assert read_scores(path).rows[0].appraised == D("3.5")


BAD = HEADER + (
    "so-noi-vu,1.1,4,4.5,,\n"
    "so-noi-vu,1.1,4,4,,\n"
    "so-noi-vu,1.3,1,1,,\n"
    "so-noi-vu,9.9,1,1,,\n"
    "so-khong-co,1.1,1,1,,\n"
    "so-noi-vu,1.2,,,no,\n"
    "so-noi-vu,2.1,-1,,,\n"
    "so-noi-vu,bonus,,2.5,,\n"
    'xa-c,1.1,"4,5",,,\n'
    "xa-c,1.2,1,1,maybe,\n"
    "so-tu-phap,penalty,4,,,\n"
    "xa-c,3.1,1,1,,\n"
)


def test_every_bad_score_is_refused_at_once_with_its_line_and_column(tmp_path: Path) -> None:
    units, _ = load_units(FIXTURE / "units.yaml")
    path = tmp_path / "scores_2025.csv"
    path.write_text(BAD, encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_scores(units, path, "scores_2025.csv")
    assert _formatted(error) == [
        "scores_2025.csv:2:17: so-noi-vu: PP501 error: the score 4.5 is above the maximum 4 of "
        "criterion '1.1'",
        "scores_2025.csv:3:11: so-noi-vu: PP506 error: unit 'so-noi-vu' and criterion '1.1' are given "
        "already on line 2",
        "scores_2025.csv:4:11: so-noi-vu: PP505 error: criterion '1.3' has sub-criteria: "
        "score each of them instead",
        "scores_2025.csv:5:11: so-noi-vu: PP504 error: criterion '9.9' is not in the criteria set",
        "scores_2025.csv:6:1: so-khong-co: PP503 error: unit 'so-khong-co' is not in units.yaml",
        "scores_2025.csv:7:17: so-noi-vu: PP507 error: criterion '1.2' does not apply to block 'so' anyway: "
        "leave the row out",
        "scores_2025.csv:8:15: so-noi-vu: PP502 error: the score -1 is below 0",
        "scores_2025.csv:9:18: so-noi-vu: PP510 error: the bonus 2.5 is above its maximum 2",
        "scores_2025.csv:10:10: xa-c: PP513 error: column self: '4,5' is not a decimal number (e.g. 1.25)",
        "scores_2025.csv:11:14: xa-c: PP513 error: column applicable: 'maybe' is not allowed "
        "(blank, yes/có or no/không)",
        "scores_2025.csv:12:20: so-tu-phap: PP510 error: the penalty 4 is above its maximum 3",
        "scores_2025.csv:13:6: xa-c: PP507 error: criterion '3.1' does not apply to block 'xa' anyway: "
        "leave the row out",
    ]


def test_a_unit_with_no_rows_is_a_warning_that_names_it(tmp_path: Path) -> None:
    units, _ = load_units(FIXTURE / "units.yaml")
    path = tmp_path / "scores_2025.csv"
    rows = [
        line for line in (FIXTURE / "scores_2025.csv").read_text("utf-8").splitlines() if "xa-e" not in line
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    _table, warnings = load_scores(units, path, "scores_2025.csv")
    assert [w.format("vi") for w in warnings] == [
        "scores_2025.csv: xa-e: PP450 cảnh báo: đơn vị xa-e (UBND xã E (giả định)) không có dòng điểm nào "
        "nên không được xếp hạng"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "",
            f"s.csv:1:1: PP512 error: expected the columns {WANT}; the file has ''",
        ),
        (
            "unit,criterion,self\n",
            f"s.csv:1:1: PP512 error: expected the columns {WANT}; the file has unit,criterion,self",
        ),
    ],
)
def test_a_table_without_the_contract_columns_is_refused(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "s.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as error:
        read_scores(path, "s.csv")
    assert _formatted(error) == [expected]


def test_a_row_of_the_wrong_width_is_placed(tmp_path: Path) -> None:
    units, _ = load_units(FIXTURE / "units.yaml")
    path = tmp_path / "s.csv"
    path.write_text(HEADER + "so-noi-vu,1.1,4\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_scores(units, path, "s.csv")
    assert _formatted(error) == ["s.csv:2:1: so-noi-vu: PP512 error: the row has 3 columns, expected 6"]


def test_a_year_comes_from_the_file_name() -> None:
    assert year_of(Path("scores_2025.csv")) == 2025
    assert year_of(Path("scores.csv")) is None


def test_a_row_the_csv_module_cannot_read_is_placed_not_a_traceback(tmp_path: Path) -> None:
    units, _ = load_units(FIXTURE / "units.yaml")
    path = tmp_path / "s.csv"
    path.write_text(
        HEADER + "so-noi-vu,1.1,4,4,,\n" + 'so-noi-vu,1.2,1,1,,"' + "x" * 200_000 + '"\n', "utf-8"
    )
    with pytest.raises(InputError) as error:
        load_scores(units, path, "s.csv")
    assert _formatted(error) == [
        "s.csv:3:1: PP512 error: the table cannot be read from here on: "
        "a cell is longer than 131072 characters (a quote left open?)"
    ]


WORDS = ["so-noi-vu", "xa-c", "1.1", "1.2", "bonus", "penalty", "no", "", "4", "-1", "1,5", '"']


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(
        st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=12)), max_size=8),
        max_size=12,
    ),
    delimiter=st.sampled_from([",", ";"]),
)
def test_any_table_is_read_or_refused_with_placed_problems(
    tmp_path: Path, rows: list[list[str]], delimiter: str
) -> None:
    units, _ = load_units(FIXTURE / "units.yaml")
    path = tmp_path / "scores_2025.csv"
    lines = [delimiter.join(COLUMNS), *(delimiter.join(row) for row in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
    problems: tuple[Problem, ...] = ()
    try:
        _table, warnings = load_scores(units, path, "s.csv")
    except InputError as error:
        problems = error.problems
    else:
        assert all(w.severity == "warning" for w in warnings)
        return
    assert problems
    assert all(p.file == "s.csv" and p.code in RULES for p in problems)


@pytest.mark.parametrize(
    ("written", "named"),
    [
        ("so-n\u043ei-vu", "'so-n\u043ei-vu' (U+043E CYRILLIC SMALL LETTER O)"),
        ("so-noi-v\u03c5", "'so-noi-v\u03c5' (U+03C5 GREEK SMALL LETTER UPSILON)"),
    ],
)
def test_a_unit_id_with_a_look_alike_letter_names_the_letter(
    tmp_path: Path, written: str, named: str
) -> None:
    text = (FIXTURE / "units.yaml").read_text(encoding="utf-8")
    text = text.replace("{id: so-noi-vu, name", "{id: " + written + ", name")
    with pytest.raises(InputError) as error:
        load_units(_units(tmp_path, text))
    [problem] = _formatted(error)
    expected = "expected a body id such as so-noi-vu (lower-case letters, digits and -)"
    assert problem.endswith(f": PP209 error: id: {expected}, got {named}")
    assert ":43:10: " in problem  # placed at the id


def test_a_look_alike_letter_in_a_scores_row_is_named(tmp_path: Path) -> None:
    units, _parsed = load_units(FIXTURE / "units.yaml")
    scores = tmp_path / "scores_2025.csv"
    scores.write_text(HEADER + "so-n\u043ei-vu,1.1,4,4,,\nso-noi-vu,1.\u0399,1,1,,\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_scores(units, scores)
    unit, criterion = _formatted(error)
    assert unit.endswith(
        ":2:1: so-n\u043ei-vu: PP503 error: unit 'so-n\u043ei-vu' (U+043E CYRILLIC SMALL LETTER O)"
        " is not in units.yaml (did you mean 'so-noi-vu'?)"
    )
    assert "criterion '1.\u0399' (U+0399 GREEK CAPITAL LETTER IOTA) is not in the criteria set" in criterion
