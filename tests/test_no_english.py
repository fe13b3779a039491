"""Vietnamese is Vietnamese (issue 21, "the reader's words"): no Vietnamese message of the
catalogue, and no Vietnamese report, holds an English sentence; the report holds no ISO date.

The judge is :func:`english.english_runs`; the first tests show it can fail, and what it lets
pass, so that a clean result below means something.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from english import english_runs
from parplan.cli.main import app
from test_catalogue import TOOL  # tools/catalogue.py, loaded once for both tests

UNITS = Path(__file__).parent / "fixtures" / "units"
INDEX_IDS = frozenset({"par", "papi", "sipas", "kpi"})
"""The bundled plan's index ids, which one message lists as examples of `--index`."""


@pytest.mark.parametrize(
    "text",
    [
        "Số liệu lấy từ vietnamplus.vn report of the PAR INDEX 2024 announcement.",
        "Quảng Ninh's PAPI 2024 score for dimension 7 was not reported.",
        "Điểm: Value error, 'score' is not a valid number",
        "unknown column(s) foo; choose from id, name",
    ],
)
def test_the_judge_finds_english_inside_vietnamese(text: str) -> None:
    assert english_runs(text)


@pytest.mark.parametrize(
    "text",
    [
        "Chỉ số PAR INDEX năm 2024 của tỉnh Cao Bằng đạt 84,37%, xếp hạng 29/63.",
        "Nguồn: báo cáo của Bộ Nội vụ, `targets_2025.yaml`, https://vietnamplus.vn/post1025084.",
        "Cao Bằng, ngày 20 tháng 7 năm 2025",
        "in ra tin cho ban to do an",  # unaccented syllables that look English one by one
        "Xuất bản bằng Word, HTML hoặc Markdown; chạy `parplan gap --lang en`.",
        "Lệnh parplan units plan tạo tệp so_noi_vu.yaml cho kpi.commune_disclosure.",
    ],
)
def test_the_judge_lets_vietnamese_pass(text: str) -> None:
    assert english_runs(text) == []


def test_no_vietnamese_message_holds_an_english_sentence() -> None:
    english = {
        str(message.id): runs
        for message in TOOL.read_catalogue()
        if message.id and (runs := english_runs(str(message.string), names=INDEX_IDS))
    }
    assert english == {}


def _codes() -> frozenset[str]:
    """Words that are codes a user types, listed by a message: formats, columns, index ids."""
    from parplan.analysis.gaps import Row
    from parplan.vocab.document import OutputFormat

    words = {part for name in Row._fields for part in name.split("_")}
    return INDEX_IDS | {f.value for f in OutputFormat} | words


COMMAND_LINES = [
    [],
    ["--help"],
    *([command, "--help"] for command in ("gap", "rank", "check", "trend", "report", "validate")),
    *([command, "--help"] for command in ("init", "import", "export", "schema")),
    *(["units", command, "--help"] for command in ("init", "rank", "gap", "appraisal", "chart")),
    *(["units", command, "--help"] for command in ("report", "sheet", "collect", "plan")),
    ["units", "--help"],
    ["gap", "--top", "x"],
    ["gap", "--top", "0"],
    ["gap", "--nope"],
    ["nope"],
    ["gap", "--format", "foo"],
    ["gap", "--columns", "foo"],
    ["check"],
    ["units", "rank"],
    ["units", "rank", "--units"],
    ["gap", "--baseline", "/nonexistent/baseline.yaml"],
    ["report", "-o", "/nonexistent/folder/report.docx"],  # the system's reason, PP901
    ["gap", "--baseline", "/"],  # a folder where a file belongs
]


@pytest.mark.parametrize("args", COMMAND_LINES, ids=" ".join)
def test_the_command_line_speaks_vietnamese_only(args: list[str]) -> None:
    """Help, usage errors and refusals under the default language: typer's words, pydantic's
    and the program's own, all through the one catalogue."""
    result = CliRunner().invoke(app, [*args, "--lang", "vi"], env={"COLUMNS": "100"})
    assert result.exit_code in (0, 1, 2), result.output
    assert english_runs(result.output, names=_codes()) == []


def _written(tmp_path: Path, name: str, args: list[str]) -> str:
    """The Vietnamese document a command writes, as text a reader sees (HTML without its tags)."""
    out = tmp_path / name
    result = CliRunner().invoke(app, [*args, "-o", str(out), "--lang", "vi"])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    if out.suffix == ".html":
        text = re.sub(r"<style.*?</style>|<script.*?</script>", " ", text, flags=re.S)
        text = re.sub(r"<[^>]+>", "\n", text)
    return text


UNITS_REPORT = [
    "units",
    "report",
    *("--units", str(UNITS / "units.yaml"), "--scores", str(UNITS / "scores_2025.csv")),
    *("--previous", str(UNITS / "scores_2024.csv")),
]
REPORTS = {"units.md": UNITS_REPORT, "units.html": UNITS_REPORT}


@pytest.mark.parametrize("name", REPORTS)
def test_the_vietnamese_report_holds_no_english_sentence_and_no_iso_date(tmp_path: Path, name: str) -> None:
    text = _written(tmp_path, name, REPORTS[name])
    assert english_runs(text) == []
    assert re.findall(r"\b\d{4}-\d{2}-\d{2}\b", text) == []


def test_a_report_with_english_inside_is_caught(tmp_path: Path) -> None:
    """The same check on the same report, with one English source planted: it must fail."""
    units = tmp_path / "units.yaml"
    text = (UNITS / "units.yaml").read_text(encoding="utf-8")
    units.write_text(re.sub(r"(?m)^source: .*$", "source: invented data, not the decision", text), "utf-8")
    args = [str(units) if arg.endswith("units.yaml") else arg for arg in UNITS_REPORT]
    assert english_runs(_written(tmp_path, "planted.md", args)) == ["invented data not the decision"]
