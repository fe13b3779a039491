"""The report opens with its results in sentences (issue 21, item 8): each index's score, its
distance from the national average, its rank and change, then the targets met and missed;
from the same numbers as the tables, in both languages, on the bundled plan."""

from __future__ import annotations

import re
from pathlib import Path

import docx
from typer.testing import CliRunner

from parplan.cli.main import app

runner = CliRunner()
RESULTS = str(Path(__file__).parent / "fixtures" / "results_2025.yaml")
VI = (
    "**Tóm tắt:** Năm 2024, PAR INDEX đạt 82.9547 điểm; thấp hơn trung bình cả nước 5.4153 điểm "
    "(88.37); xếp hạng 63/63, giảm 3 bậc so với năm 2023 (60/63). Năm 2024, PAPI đạt 41.33 điểm; "
    "thấp hơn trung bình cả nước 0.1 điểm (41.43); xếp hạng 51/63, giảm 13 bậc so với năm 2023 "
    "(38/63). Năm 2024, SIPAS chưa có điểm số công bố; xếp hạng 57/63, tăng 4 bậc so với năm 2023 "
    "(61/63). Kế hoạch đặt 37 mục tiêu cho năm 2025; chưa có kết quả để đánh giá."
)
EN_RESULTS = "Results 2025: 5 targets met, 5 missed, 18 without data (of 28)."


def report(*args: str) -> str:
    result = runner.invoke(app, ["report", *args], env={"PARPLAN_LANG": None})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_vietnamese_summary_of_the_bundled_plan() -> None:
    text = report("--lang", "vi")
    assert VI in text
    assert text.index(VI) < text.index("## ")  # before the first section


def test_the_english_summary_counts_the_results_as_check_does() -> None:
    text = report("--lang", "en", "--results", RESULTS)
    summary = next(line for line in text.splitlines() if line.startswith("**Summary:**"))
    assert "In 2024, PAR INDEX scored 82.9547 points; 5.4153 points below the national average" in summary
    assert summary.endswith(EN_RESULTS)
    check = runner.invoke(app, ["check", "--results", RESULTS, "--lang", "en", "--format", "json"])
    statuses = re.findall(r'"status": "([a-z-]+)"', check.stdout)
    counts = {status: statuses.count(status) for status in ("met", "missed", "no-data")}
    assert counts == {"met": 5, "missed": 5, "no-data": 18}


def test_the_summary_numbers_are_the_totals_table_numbers(tmp_path: Path) -> None:
    path = tmp_path / "r.docx"
    assert runner.invoke(app, ["report", "--lang", "vi", "-o", str(path)]).exit_code == 0
    word = docx.Document(str(path))
    summary = next(p.text for p in word.paragraphs if p.text.startswith("Tóm tắt:"))
    totals = next(t for t in word.tables if t.rows[0].cells[0].text == "Chỉ số" and len(t.columns) > 6)
    par = next(row for row in totals.rows if row.cells[0].text == "PAR INDEX")
    score, average, vs_average = par.cells[1].text, par.cells[4].text, par.cells[5].text
    assert f"PAR INDEX đạt {score} điểm" in summary  # 82,9547, the decimal comma of the Word report
    assert f"thấp hơn trung bình cả nước {vs_average.lstrip('-')} điểm ({average})" in summary
