"""``parplan units …`` end to end on the synthetic province (issue 19), golden where it is exact."""

from __future__ import annotations

import json
from decimal import Decimal as D
from pathlib import Path

import pytest
from typer.testing import CliRunner

from goldens import golden
from parplan.cli.main import app

FIXTURE = Path(__file__).parent / "fixtures" / "units"
UNITS = str(FIXTURE / "units.yaml")
NOW = str(FIXTURE / "scores_2025.csv")
BEFORE = str(FIXTURE / "scores_2024.csv")
runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["units", *args], env={"PARPLAN_LANG": ""})
    return result.exit_code, result.stdout, result.stderr


def test_rank_json_rows_carry_the_contract_fields() -> None:
    code, out, _err = run("rank", "--units", UNITS, "--scores", NOW, "--previous", BEFORE, "-f", "json")
    assert code == 0
    rows = json.loads(out)["rows"]
    assert list(rows[0]) == [
        "block",
        "rank",
        "unit",
        "name",
        "points",
        "max",
        "percent",
        "class",
        "provisional",
        "self_points",
        "self_minus_appraised",
        "percent_before",
        "percent_change",
        "rank_before",
        "rank_change",
    ]
    by_unit = {row["unit"]: row for row in rows}
    assert by_unit["so-noi-vu"]["percent"] == 97.73
    assert by_unit["so-noi-vu"]["self_minus_appraised"] == 0.5
    assert by_unit["so-tai-chinh"]["rank"] == 2
    assert by_unit["so-tai-chinh"]["rank_change"] == 1
    assert by_unit["xa-e"]["provisional"] is True
    assert by_unit["xa-e"]["percent_before"] is None


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("units-rank.md", ["rank", "--scores", NOW, "--previous", BEFORE, "-f", "markdown"]),
        ("units-rank.en.txt", ["rank", "--scores", NOW, "--block", "xa", "-f", "text", "--lang", "en"]),
        ("units-gap.md", ["gap", "--scores", NOW, "--unit", "xa-e", "-f", "markdown"]),
        ("units-losses.csv", ["gap", "--scores", NOW, "-f", "csv"]),
        ("units-appraisal.md", ["appraisal", "--scores", NOW, "-f", "markdown", "--tolerance", "0"]),
        ("units-report.md", ["report", "--scores", NOW, "--previous", BEFORE, "-f", "markdown"]),
    ],
)
def test_outputs_are_pinned(name: str, args: list[str]) -> None:
    code, out, err = run(*args, "--units", UNITS)
    assert code == 0, err
    golden(name, out)


def test_bad_scores_exit_2_with_every_problem_and_write_nothing(tmp_path: Path) -> None:
    scores = tmp_path / "scores_2025.csv"
    scores.write_text(
        "unit,criterion,self,appraised,applicable,note\nso-noi-vu,1.1,5,,,\nnobody,1.1,1,,,\n",
        encoding="utf-8",
    )
    out = tmp_path / "rank.json"
    code, stdout, err = run("rank", "--units", UNITS, "--scores", str(scores), "-o", str(out))
    assert code == 2
    assert stdout == ""
    assert not out.exists()
    lines = err.strip().splitlines()
    assert lines[0].endswith(
        "scores_2025.csv:2:15: so-noi-vu: PP501 lỗi: điểm 5 vượt điểm tối đa 4 của tiêu chí '1.1'"
    )
    assert "scores_2025.csv:3:1: nobody: PP503 lỗi" in lines[1]
    assert len(lines) == 2


def test_problems_of_both_years_come_at_once(tmp_path: Path) -> None:
    now = tmp_path / "scores_2025.csv"
    before = tmp_path / "scores_2024.csv"
    now.write_text("unit,criterion,self,appraised,applicable,note\nso-noi-vu,9,1,,,\n", encoding="utf-8")
    before.write_text(
        "unit,criterion,self,appraised,applicable,note\nso-noi-vu,1.1,-1,,,\n", encoding="utf-8"
    )
    code, _out, err = run(
        "rank", "--units", UNITS, "--scores", str(now), "--previous", str(before), "--lang", "en"
    )
    assert code == 2
    assert "PP504" in err
    assert "PP502" in err


def _without_xa_e(tmp_path: Path) -> Path:
    """The fixture's 2025 scores with every row of xa-e taken out: a unit in units.yaml with no rows."""
    scores = tmp_path / "scores_2025.csv"
    text = (FIXTURE / "scores_2025.csv").read_text(encoding="utf-8")
    scores.write_text("".join(line for line in text.splitlines(True) if not line.startswith("xa-e")), "utf-8")
    return scores


def test_a_unit_with_no_rows_is_named_on_stderr_and_left_out(tmp_path: Path) -> None:
    scores = _without_xa_e(tmp_path)
    code, out, err = run("rank", "--units", UNITS, "--scores", str(scores), "-f", "json", "--lang", "en")
    assert code == 0
    assert "PP450 warning: unit xa-e (UBND xã E (giả định)) has no scores" in err
    assert "xa-e" not in {row["unit"] for row in json.loads(out)["rows"]}


def test_gap_for_a_unit_with_no_rows_says_so_rather_than_unknown(tmp_path: Path) -> None:
    scores = _without_xa_e(tmp_path)
    code, _out, err = run("gap", "--units", UNITS, "--scores", str(scores), "--unit", "xa-e", "--lang", "en")
    assert code == 2
    assert f"unit xa-e (UBND xã E (giả định)) has no rows in {scores}: it has no result to analyse" in err
    assert "not in units.yaml" not in err
    code, _out, err = run("gap", "--units", UNITS, "--scores", str(scores), "--unit", "xa-e")
    assert "đơn vị xa-e (UBND xã E (giả định)) không có dòng nào trong" in err


def test_a_cell_over_the_csv_field_limit_is_said_in_the_users_language(tmp_path: Path) -> None:
    scores = tmp_path / "scores_2025.csv"
    text = (FIXTURE / "scores_2025.csv").read_text(encoding="utf-8")
    scores.write_text(text + 'xa-e,1.1,3,,,"an open quote' + "x" * 140_000 + "\n", encoding="utf-8")
    code, _out, err = run("rank", "--units", UNITS, "--scores", str(scores))
    assert code == 2
    assert "PP512" in err
    assert "một ô dài quá 131072 ký tự (có dấu ngoặc kép chưa đóng?)" in err
    assert "field larger" not in err
    code, _out, err = run("rank", "--units", UNITS, "--scores", str(scores), "--lang", "en")
    assert "a cell is longer than 131072 characters (a quote left open?)" in err


def test_an_unknown_block_or_unit_is_refused() -> None:
    code, _out, err = run("rank", "--units", UNITS, "--scores", NOW, "--block", "thon", "--lang", "en")
    assert code == 2
    assert "no block 'thon'; the blocks are: so, phuong, xa" in err
    code, _out, err = run("gap", "--units", UNITS, "--scores", NOW, "--unit", "nobody", "--lang", "en")
    assert code == 2
    assert "PP503" in err


def test_a_bad_tolerance_is_a_usage_error() -> None:
    code, _out, _err = run("appraisal", "--units", UNITS, "--scores", NOW, "--tolerance", "-1")
    assert code == 2


@pytest.mark.parametrize("suffix", [".docx", ".html", ".md"])
def test_the_report_is_written_as_a_document(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"r{suffix}"
    code, _out, err = run("report", "--units", UNITS, "--scores", NOW, "--previous", BEFORE, "-o", str(out))
    assert code == 0, err
    data = out.read_bytes()
    assert len(data) > 1000
    if suffix == ".html":
        text = data.decode("utf-8")
        assert "97,73" in text  # the decimal comma in a Vietnamese document
        assert "Sở Nội vụ (giả định)" in text


def test_init_writes_the_two_files_and_never_overwrites(tmp_path: Path) -> None:
    code, _out, err = run("init", str(tmp_path / "cb"), "--province", "Cao Bằng", "--year", "2025")
    assert code == 0, err
    text = (tmp_path / "cb" / "units.yaml").read_text(encoding="utf-8")
    assert 'province: "Cao Bằng"' in text
    assert text.count("max: null") == 8
    assert "Cải cách thủ tục hành chính" in text
    assert (tmp_path / "cb" / "scores_2025.csv").read_text(
        "utf-8"
    ) == "unit,criterion,self,appraised,applicable,note\n"
    code, _out, err = run("init", str(tmp_path / "cb"), "--province", "Cao Bằng", "--year", "2025")
    assert code == 2
    assert "PP144" in err
    # The maxima are left to fill in: until then every command says which.
    code, _out, err = run(
        "rank",
        "--units",
        str(tmp_path / "cb" / "units.yaml"),
        "--scores",
        str(tmp_path / "cb" / "scores_2025.csv"),
    )
    assert code == 2
    assert err.count("PP514") == 8


def test_init_then_fill_then_rank(tmp_path: Path) -> None:
    run("init", str(tmp_path), "--province", "Cao Bằng", "--year", "2025", "--lang", "en")
    path = tmp_path / "units.yaml"
    path.write_text(path.read_text("utf-8").replace("max: null", "max: 10"), "utf-8")
    scores = tmp_path / "scores_2025.csv"
    scores.write_text(scores.read_text("utf-8") + "so-noi-vu,1,8,7.5,,\n", "utf-8")
    code, out, err = run("rank", "--units", str(path), "--scores", str(scores), "-f", "csv")
    assert code == 0, err
    assert "so,1,so-noi-vu,Sở Nội vụ,7.5,80,9.38,Yếu,false,8,0.5,,,," in out


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_chart_draws_the_heatmap(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"heat{suffix}"
    code, _out, err = run("chart", "--units", UNITS, "--scores", NOW, "-o", str(out))
    assert code == 0, err
    data = out.read_bytes()
    assert data.startswith(b"\x89PNG") if suffix == ".png" else b"<svg" in data[:2000]


def test_chart_refuses_another_extension(tmp_path: Path) -> None:
    code, _out, _err = run("chart", "--units", UNITS, "--scores", NOW, "-o", str(tmp_path / "heat.pdf"))
    assert code == 2
    assert not (tmp_path / "heat.pdf").exists()


def test_the_heatmap_figure_groups_units_by_block_in_rank_order() -> None:
    from parplan.core.units import load_run

    figure = load_run(FIXTURE / "units.yaml", FIXTURE / "scores_2025.csv").heatmap("vi")
    assert figure.chart == "heatmap"
    assert [(row["group"], row["label"]) for row in figure.rows][:2] == [
        ("Sở, ban, ngành", "Sở Nội vụ (giả định)"),
        ("Sở, ban, ngành", "Sở Tư pháp (giả định)"),
    ]
    assert figure.rows[0]["f3"] == D("87.50")
    assert [c.key for c in figure.columns] == ["f1", "f2", "f3"]


def test_the_html_heatmap_is_plain_svg_grouped_with_unknown_cells_hatched() -> None:
    from parplan.render.heatmap import colour, heatmap_svg
    from parplan.vocab.document import Column, Figure, Record

    rows: tuple[Record, ...] = (  # synthetic
        {"group": "Sở", "label": "Sở A", "f1": D("87.5"), "f2": None},
        {"group": "Xã", "label": "Xã B <x>", "f1": D(100), "f2": D(0)},
    )
    figure = Figure("h", "c", rows, chart="heatmap", columns=(Column("f1", "1", "1"), Column("f2", "2", "2")))
    svg = heatmap_svg(figure, comma=True)
    assert svg.startswith("<svg")
    assert "87,5%" in svg
    assert svg.count('fill="url(#unknown)"') == 1  # None is hatched, never 0 %
    assert "0%" in svg  # a real 0 is a value
    assert "Xã B &lt;x&gt;" in svg  # plan text is text, never markup
    assert svg.index(">Sở<") < svg.index(">Xã<")
    assert colour(D(0)) == "#f7fbff"
    assert colour(D(100)) == "#1f4e79"


def test_gap_for_a_unit_id_with_a_look_alike_letter_names_it() -> None:
    from typer.testing import CliRunner

    from parplan.cli.main import app

    fixtures = Path(__file__).parent / "fixtures" / "units"
    result = CliRunner().invoke(
        app,
        [
            "units",
            "gap",
            "--units",
            str(fixtures / "units.yaml"),
            "--scores",
            str(fixtures / "scores_2025.csv"),
            "--unit",
            "so-n\u043ei-vu",
            "--lang",
            "en",
        ],
    )
    assert result.exit_code == 2
    assert "unit 'so-n\u043ei-vu' (U+043E CYRILLIC SMALL LETTER O) is not in units.yaml" in result.stderr
