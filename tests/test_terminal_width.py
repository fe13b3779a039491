"""A table on a terminal fits its width (issue 21, item 5): at 60 columns, columns are left
out in the documented order and a note says which; rank changes are short cells with their
explanation in notes; pipes and files keep every column."""

from __future__ import annotations

from pathlib import Path

import pytest

from parplan.core.api import load_plan
from parplan.render import render
from parplan.render.text import DROP_ORDER, _cells
from parplan.vocab.document import Options, OutputFormat, Tables

RESULTS = Path(__file__).parent / "fixtures" / "results_2025.yaml"


def reports(lang: str) -> dict[str, Tables]:
    plan = load_plan(results=RESULTS)
    answers = {
        "gap-papi": plan.gaps(index=["papi"], lang=lang),  # type: ignore[arg-type]
        "gap": plan.gaps(lang=lang),  # type: ignore[arg-type]
        "check": plan.check(lang=lang),  # type: ignore[arg-type]
        "rank": plan.rank(lang=lang),  # type: ignore[arg-type]
    }
    made = {name: answer.report_for(OutputFormat.TABLE) for name, answer in answers.items()}
    return {name: report for name, report in made.items() if report.kind == "tables"}


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("output_format", [OutputFormat.TABLE, OutputFormat.TEXT])
def test_every_table_fits_sixty_columns(lang: str, output_format: OutputFormat) -> None:
    for name, report in reports(lang).items():
        text = render(report, output_format, Options(lang=lang, width=60))  # type: ignore[arg-type]
        assert isinstance(text, str)
        table_lines = [line for line in text.splitlines() if "  " in line.strip()]
        too_wide = [line for line in table_lines if _cells(line) > 60]
        assert too_wide == [], (name, too_wide[:2])


def test_what_was_left_out_is_named_and_a_pipe_keeps_it() -> None:
    report = reports("vi")["check"]
    narrow = render(report, OutputFormat.TEXT, Options(lang="vi", width=60))
    assert "Đã bỏ bớt cột để vừa 60 cột màn hình: " in narrow
    assert "Ghi ra tệp hoặc chuyển qua pipe thì giữ đủ các cột." in narrow
    piped = render(report, OutputFormat.TEXT, Options(lang="vi", width=None))
    assert "Đã bỏ bớt cột" not in piped
    assert "Cơ quan chủ trì" in piped or "Hạng trước" in piped


def test_rank_changes_are_short_cells_explained_in_notes() -> None:
    report = reports("vi")["check"]
    text = render(report, OutputFormat.TEXT, Options(lang="vi", width=None))
    assert "/34 ≠ /63" not in "".join(line for line in text.splitlines() if line.startswith(" par.1 "))
    assert "(*) par.1 (thứ hạng): /34 ≠ /63" in text


def test_the_drop_order_leaves_the_verdict() -> None:
    assert not {"id", "score", "target", "status"} & set(DROP_ORDER)
    assert DROP_ORDER[-2:] == ("rank", "name")
