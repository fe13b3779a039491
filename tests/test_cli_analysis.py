"""gap, rank, check and report through the CLI, with the exact output pinned in tests/golden/.

Set PARPLAN_UPDATE_GOLDEN=1 to rewrite the golden files after an intended change, then read
the diff before committing it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from goldens import golden
from parplan.cli.main import app

FIXTURES = Path(__file__).parent / "fixtures"
runner = CliRunner()
RESULTS = str(FIXTURES / "results_2025.yaml")


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("gap.md", ["gap", "-f", "markdown"]),
        ("gap.en.md", ["gap", "-f", "markdown", "--lang", "en", "--level", "fields"]),
        ("gap.json", ["gap", "-f", "json"]),
        ("gap.csv", ["gap", "-f", "csv", "--index", "papi"]),
        ("gap.txt", ["gap", "-f", "text"]),
        ("rank.md", ["rank", "-f", "markdown", "--top", "3"]),
        (
            "rank-across.md",
            ["rank", "-f", "markdown", "--across", "--by", "ambition", "--top", "5", "--lang", "en"],
        ),
        ("check.md", ["check", "--results", RESULTS, "-f", "markdown", "--lang", "en"]),
        ("check.json", ["check", "--results", RESULTS, "-f", "json"]),
        ("report.md", ["report", "-f", "markdown"]),
        ("report-results.en.md", ["report", "-f", "markdown", "--lang", "en", "--results", RESULTS]),
    ],
)
def test_output_matches_golden(name: str, args: list[str]) -> None:
    code, out, _ = run(*args)
    assert code == (1 if args[0] == "check" else 0)
    golden(name, out)


def test_gap_json_numbers_are_exact_json_numbers() -> None:
    code, out, _ = run("gap", "-f", "json")
    assert code == 0
    document = json.loads(out, parse_float=str)
    rows = {row["id"]: row for row in document["rows"]}
    assert rows["par"]["score"] == "82.9547"
    assert rows["par"]["headroom"] == "17.0453"
    assert rows["par.1"]["target"] == "9.4"
    assert rows["par.1"]["comparison"] == ">"
    assert rows["par.6"]["rank"] is None
    assert rows["sipas"]["score"] is None
    assert {"id", "score", "max", "headroom", "increase", "target", "rank"} <= set(rows["par.1"])
    assert "0000000" not in out
    assert "9999999" not in out


def test_gap_warns_once_on_stderr_and_keeps_stdout_clean() -> None:
    code, out, err = run("gap", "-f", "json")
    assert code == 0
    assert err == "lưu ý: kế hoạch có 3 cảnh báo; `parplan validate` liệt kê các cảnh báo này\n"
    json.loads(out)


def test_gap_filters_by_owner_without_diacritics() -> None:
    code, out, _ = run("gap", "-f", "csv", "--owner", "so noi vu", "--columns", "id")
    assert code == 0
    assert out.split() == [
        "id",
        "par.1",
        "par.2.survey",
        "par.4",
        "par.4.impl",
        "par.4.survey",
        "par.5",
        "par.5.impl",
        "par.5.survey",
        "par.6.survey",
        "par.7.survey",
    ]


def test_gap_filters_by_index_and_level() -> None:
    code, out, _ = run("gap", "-f", "csv", "--index", "par", "--level", "fields", "--columns", "id")
    assert code == 0
    assert out.split() == ["id", "par", *(f"par.{n}" for n in range(1, 9))]


def test_unknown_column_is_a_usage_error() -> None:
    code, _, err = run("gap", "--columns", "id,scroe")
    assert code == 2
    assert "scroe" in err


def test_decimal_comma_and_csv_semicolon() -> None:
    code, out, _ = run("gap", "-f", "csv", "--decimal-comma", "--index", "par", "--columns", "id,score")
    assert code == 0
    assert out.splitlines()[:3] == ["id;score", "par;82,9547", "par.1;9,2779"]
    code, out, _ = run(
        "gap", "-f", "markdown", "--decimal-comma", "--index", "papi", "--columns", "id,target"
    )
    assert "| papi.1 | > 5,64 |" in out


def test_csv_bom_for_excel() -> None:
    code, out, _ = run("gap", "-f", "csv", "--bom", "--columns", "id")
    assert code == 0
    assert out.startswith("\ufeffid\n")


def test_output_file_format_from_extension(tmp_path: Path) -> None:
    for suffix, start in ((".md", "## PAR INDEX"), (".json", "{"), (".csv", "id,index,level")):
        target = tmp_path / f"gaps{suffix}"
        code, out, _ = run("gap", "-o", str(target))
        assert code == 0
        assert out == ""
        assert target.read_text(encoding="utf-8").startswith(start)


def test_output_file_unknown_extension_is_refused_and_nothing_written(tmp_path: Path) -> None:
    target = tmp_path / "gaps.pdf"
    code, _, err = run("gap", "-o", str(target), env={"PARPLAN_LANG": "en"})
    assert code == 2
    assert "gap cannot write .pdf files; use --format or one of .md, .markdown, .csv, .json, .txt" in err
    assert not target.exists()
    schema_file = tmp_path / "s.xlsx"
    code, _, err = run("schema", "baseline", "-o", str(schema_file), env={"PARPLAN_LANG": "en"})
    assert code == 2
    assert "a JSON Schema is written to a .json file" in err
    assert not schema_file.exists()


def test_failed_run_leaves_no_output_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("province: X\n", encoding="utf-8")
    target = tmp_path / "gaps.md"
    code, _out, err = run("gap", "--baseline", str(bad), "-o", str(target))
    assert code == 2
    assert not target.exists()
    assert "bad.yaml" in err


def test_rank_positions_and_order() -> None:
    code, out, _ = run("rank", "-f", "csv", "--index", "papi", "--columns", "id,headroom")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "position,id,headroom"
    assert lines[1:4] == ["1,papi.8,7.06", "2,papi.7,6.21", "3,papi.3,5.79"]
    code, out, _ = run("rank", "-f", "csv", "--index", "papi", "--columns", "id", "--ascending", "--top", "2")
    assert out.splitlines()[1:] == ["1,papi.6", "2,papi.5"]


def test_rank_by_rank_puts_worst_first_and_leaves_unknown_out() -> None:
    code, out, _ = run(
        "rank", "-f", "csv", "--by", "rank", "--index", "par", "--level", "fields", "--columns", "id,rank"
    )
    assert code == 0
    ids = [line.split(",")[1] for line in out.splitlines()[1:]]
    assert ids == ["par.8", "par.5", "par.2", "par.4", "par.1", "par.3"]


def test_check_exit_codes(tmp_path: Path) -> None:
    code, out, _ = run("check", "--results", RESULTS, "-f", "json")
    assert code == 1
    summary = json.loads(out)["summary"]
    # + the general goal: par rank met, par score no data (par.4 unknown); papi score met
    # and rank missed (55/61 is a lower share than 51/63); sipas neither known.
    assert summary == {"met": 5, "missed": 5, "no-data": 18}
    met = tmp_path / "met.yaml"
    met.write_text(
        "province: Cao Bằng\nyear: 2025\nindices:\n  - id: papi\n    name: PAPI\n    rank: 1/34\n"
        "    criteria:\n      - {id: papi.1, name: Tham gia, max: 10, score: 5.65, rank: 1/34}\n",
        encoding="utf-8",
    )
    code, out, _ = run("check", "--results", str(met), "-f", "json", "--index", "papi")
    assert code == 0
    # + papi's general goal: rank 1/34 is up (met); two of eight dimensions give no total (no data).
    assert json.loads(out)["summary"] == {"met": 2, "missed": 0, "no-data": 8}
    code, _, _ = run("check", "--results", str(met), "-f", "json", "--index", "papi", "--require-all")
    assert code == 1


def test_check_strict_target_exactly_met_is_missed() -> None:
    _code, out, _ = run("check", "--results", RESULTS, "-f", "json")
    rows = {row["id"]: row for row in json.loads(out, parse_float=str)["rows"]}
    assert rows["par.2"]["status"] == "missed"
    assert rows["par.2"]["shortfall"] == 0
    assert rows["par.1"]["status"] == "met"
    assert rows["par.3"]["shortfall"] == "0.3"
    assert rows["par.4"]["status"] == "no-data"
    assert rows["kpi.tasks_completed"]["status"] == "met"
    assert rows["kpi.dossiers_on_time"]["status"] == "missed"
    assert rows["par.1"]["rank_change"] is None
    assert rows["par.1"]["rank_note"] == "/34 ≠ /63"
    assert rows["papi.1"]["rank_change"] == 14
    assert rows["papi.8"]["rank_change"] == -2


def test_check_requires_results() -> None:
    code, _, err = run("check")
    assert code == 2
    assert "--results" in err


def test_report_refuses_csv() -> None:
    code, _, err = run("report", "-f", "csv", env={"PARPLAN_LANG": "en"})
    assert code == 2
    assert "report cannot write csv; choose one of table, text, markdown, docx, html" in err
    code, _, err = run("report", "-f", "csv")
    assert code == 2
    assert (
        "lệnh report không ghi được định dạng csv; hãy chọn một trong: table, text, markdown, docx, html"
        in err
    )


def test_table_on_terminal_colour_and_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    from parplan.core import output

    monkeypatch.setattr(output, "stdout_is_tty", lambda: True)
    code, out, _ = run("gap", "--index", "papi")
    assert code == 0
    assert "\x1b[" in out
    code, out, _ = run("gap", "--index", "papi", env={"NO_COLOR": "1"})
    assert "\x1b[" not in out
    assert "papi.8" in out


def test_default_output_off_terminal_is_plain_text() -> None:
    code, out, _ = run("gap", "--index", "papi")
    assert code == 0
    assert "\x1b[" not in out
    assert "papi.8" in out
    assert "41.33" in out


def test_filters_that_match_nothing_say_so() -> None:
    code, out, _ = run("gap", "--owner", "no such body", "--lang", "en")
    assert code == 0
    assert out == "No criteria match.\n"
    code, out, _ = run("rank", "--index", "sipas", "-f", "markdown")
    assert out == "Không có tiêu chí nào phù hợp.\n"
