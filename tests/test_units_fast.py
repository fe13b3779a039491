"""The fast paths of reading, checking and ranking a year's scores (issue 19's speed goals) give
what the row-by-row way gives, on the SYNTHETIC province of tests/fixtures/units with hostile
rows mixed in: the same rows, the same problems in the same order, the same ranks before."""

from __future__ import annotations

from pathlib import Path

from parplan.analysis.units import league, ranked, score_all
from parplan.models.units import ScoreRow, UnitsFile
from parplan.reading import units as reading
from parplan.reading.units import ScoreTable, check_scores, load_units, read_scores

FIXTURES = Path(__file__).parent / "fixtures" / "units"

HOSTILE = """\
unit,criterion,self,appraised,applicable,note
so-noi-vu,1.1,9,4,,
so-noi-vu,1.1,4,4,,
so-noi-vu,2.1,1,1,,
so-noi-vu,2.1,1,1,,
nobody,1.1,1,1,,
nobody,1.1,1,1,,
so-tu-phap,1.2,1,1,,
so-tu-phap,1.3,1,1,,
so-tu-phap,9.9,1,1,,
so-tu-phap,3.1,-1,,,
so-tu-phap,3.1,1,1,,
xa-c,3.1,,,no,
xa-c,3.1,1,1,,
phuong-a,bonus,9,,,
phuong-a,bonus,1,1,,
 xa-d ,1.1, 2 ,2,,
xa-d,1.1,2,2,,
xa-e,2.1,1,1,no,
xa-e,2.1,1,1,,
so-xay-dung,1.1,1,1,,a note
so-xay-dung,1.1,1,1,,
"""
"""A bad row then its unit and criterion again (the second is "twice", pointing at the
first), a good row twice, an unknown unit twice, a group, a leaf of another block, an
unknown criterion, a negative score, ``no`` where the leaf never applies, a bonus above its
maximum, padded cells, a row marked ``no``, a note."""


def _units() -> UnitsFile:
    return load_units(FIXTURES / "units.yaml")[0]


def _hostile(tmp_path: Path) -> ScoreTable:
    path = tmp_path / "scores_2025.csv"
    path.write_text(HOSTILE, encoding="utf-8")
    return read_scores(path)


def _row_by_row(units: UnitsFile, table: ScoreTable) -> list[str]:
    """The problems as :func:`check_scores` found them before its fast pass: every row through
    ``_check_row``, in order."""
    leaves = {leaf.id: leaf for leaf in units.leaves()}
    groups = set(reading._all_ids(units.fields)) - set(leaves)
    blocks = {unit.id: unit.block for unit in units.units}
    seen: dict[tuple[str, str], int] = {}
    found = list(table.problems)
    for n, row in enumerate(table.rows):
        found += reading._check_row(units, table, n, row, leaves, groups, blocks, seen)
    return [problem.format("en") for problem in found]


def test_checking_finds_what_row_by_row_checking_finds(tmp_path: Path) -> None:
    units, table = _units(), _hostile(tmp_path)
    problems = [problem.format("en") for problem in check_scores(units, table)]
    expected = _row_by_row(units, table)
    assert problems[: len(expected)] == expected
    codes = [(p.split(":")[1], p.partition(": PP")[2][:3]) for p in problems]
    assert codes[:17] == [
        ("2", "501"),  # above its max
        ("3", "506"),  # ... and its unit and criterion again: "given already on line 2"
        ("5", "506"),  # a good row twice
        ("6", "503"),  # an unknown unit, twice: not "twice", unknown each time
        ("7", "503"),
        ("8", "507"),
        ("9", "505"),
        ("10", "504"),
        ("11", "502"),
        ("12", "506"),
        ("13", "507"),
        ("14", "506"),
        ("15", "510"),
        ("16", "506"),
        ("18", "506"),  # the padded row was read as the plain one
        ("20", "506"),
        ("22", "506"),
    ]
    assert "given already on line 2" in problems[1]
    assert "given already on line 17" in problems[14]


def test_padded_cells_read_as_unpadded_ones(tmp_path: Path) -> None:
    table = _hostile(tmp_path)
    padded, plain = (row for row in table.rows if row.unit == "xa-d" and row.criterion == "1.1")
    assert padded == plain
    assert str(padded.self) == "2"
    noted = [row for row in table.rows if row.unit == "so-xay-dung" and row.criterion == "1.1"]
    assert [row.note for row in noted] == ["a note", None]


def test_last_years_ranks_are_those_of_its_own_league() -> None:
    units = _units()
    now = read_scores(FIXTURES / "scores_2025.csv").rows
    before = read_scores(FIXTURES / "scores_2024.csv").rows
    # Mark a leaf `no` and leave one without an appraisal last year: the lean sums meet both.
    changed = [
        ScoreRow(
            r.unit, r.criterion, r.self, None if r.unit == "xa-d" else r.appraised, r.unit != "xa-e", r.note
        )
        if r.criterion == "2.1"
        else r
        for r in before
    ]
    for rows in (before, tuple(changed)):
        table = league(units, now, rows)
        own = {
            r.unit.id: (r.percent, r.rank)
            for r in ranked(score_all(units, rows)[0], [b.id for b in units.blocks])
        }
        assert {r.unit.id: (r.percent_before, r.rank_before) for r in table.results} == {
            r.unit.id: own.get(r.unit.id, (None, None)) for r in table.results
        }
