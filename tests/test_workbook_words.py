"""The plan workbook's words come from the one catalogue (issue 17 item 5), and say what they said.

The headers, the sheet of instructions and the plan sheet's labels were vi/en pairs in the code;
they are English msgids now, Vietnamese in the .po. What a workbook shows must not move (import
of an older workbook, and every habit of the analysts who fill it in, rely on it), so the
headers are pinned here word for word, in both languages, as earlier versions wrote them.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from english import english_runs
from parplan.core.api import load_plan
from parplan.core.workbook import workbook_bytes
from parplan.reading.workbook import INDEX_COLUMNS, LIST_COLUMNS, RESULTS_COLUMNS, read_workbook
from parplan.vocab.i18n import Lang

SRC = Path(__file__).resolve().parent.parent / "src" / "parplan"

VI_INDEX_HEADERS = [
    "Mã (id)",
    "Tên (name)",
    "Tên tiếng Anh (name_en)",
    "Điểm số (score)",
    "Thứ hạng (rank)",
    "Điểm tối đa (max)",
    "Dự kiến tăng (increase)",
    "So sánh (comparison)",
    "Mục tiêu (target)",
    "Cơ quan chịu trách nhiệm (owners)",
    "Đơn vị (unit)",
    "Thuộc (part_of)",
    "Ghi chú (note)",
    "Ghi chú mục tiêu (target_note)",
    "Tên viết tắt (short_name)",
    "Cách tính tổng (total)",
    "Nhóm xếp loại của chỉ số (group)",
    "Thứ hạng mục tiêu, trong top (rank_target)",
    "Số tỉnh, thành phố được xếp hạng (rank_base)",
    "Nhóm mục tiêu hoặc cao hơn (group_target)",
    "Cải thiện so với năm gốc (improve)",
    "Năm của mục tiêu (target_year)",
    "Thứ tự mục tiêu (target_order)",
    "Số thứ tự trong kế hoạch (number)",
]
EN_LIST_HEADERS = {
    "bodies": [
        "Body id (id)",
        "Name (name)",
        "English name (name_en)",
        "Duties (duties)",
        "Duties in English (duties_en)",
    ],
    "deadlines": ["Date (date)", "Task (task)", "Task in English (task_en)", "Owners (owners)"],
    "history": ["Id (id)", "Year (year)", "Score (score)", "Rank (rank)", "Group (group)"],
    "references": [
        "Id (id)",
        "Kind (kind)",
        "Value (value)",
        "Unit (unit)",
        "Province (province)",
        "Note (note)",
        "Source (source)",
        "Note in English (note_en)",
        "Source in English (source_en)",
    ],
    "facts": [
        "Id (id)",
        "Text (text)",
        "Source (source)",
        "Text in English (text_en)",
        "Source in English (source_en)",
    ],
    "groups": ["Index id (index)", "Group name (name)", "Lowest score of the group (min)"],
    "league": [
        "Index id (id)",
        "Year (year)",
        "Source (source)",
        "Synthetic test data (synthetic)",
        "Province (province)",
        "Score (score)",
        "Published rank (rank)",
        "Partial table (partial)",
        "Source in English (source_en)",
    ],
}
VI_LIST_HEADERS = {
    "references": [
        *("Mã", "Loại", "Giá trị", "Đơn vị", "Tỉnh", "Ghi chú", "Nguồn"),
        *("Ghi chú (tiếng Anh)", "Nguồn (tiếng Anh)"),
    ],
    "league": [
        *("Mã chỉ số", "Năm", "Nguồn", "Dữ liệu giả định để thử nghiệm", "Tỉnh, thành phố", "Điểm số"),
        *("Thứ hạng đã công bố", "Bảng chưa đầy đủ", "Nguồn (tiếng Anh)"),
    ],
    "deadlines": ["Thời hạn", "Nhiệm vụ", "Nhiệm vụ (tiếng Anh)", "Cơ quan chịu trách nhiệm"],
}
VI_PLAN_LABELS = [
    "Tỉnh, thành phố",
    "Năm của số liệu gốc",
    "Nguồn số liệu",
    "Tỉnh, thành phố của kế hoạch",
    "Năm kế hoạch",
    "Năm gốc của kế hoạch",
    "Tên kế hoạch",
    "Mục tiêu chung",
    "Mục tiêu chung (tiếng Anh)",
    "Năm của kết quả (trang Kết quả)",
    "Nguồn của kết quả",
]


def _book(lang: Lang) -> Any:
    plan = load_plan()
    return openpyxl.load_workbook(io.BytesIO(workbook_bytes(plan.baseline, plan.targets, lang)))


def _row(sheet: Any, row: int = 1, column: int | None = None) -> list[str]:
    if column is not None:
        return [str(r[0].value) for r in sheet.iter_rows(min_col=column, max_col=column) if r[0].value]
    return [str(cell.value) for cell in sheet[row] if cell.value is not None]


def test_the_headers_are_word_for_word_what_earlier_versions_wrote() -> None:
    vi, en = _book("vi"), _book("en")
    assert _row(vi["PAR"]) == VI_INDEX_HEADERS
    assert _row(en["PAR"])[:6] == [
        "Id (id)",
        "Name (name)",
        "English name (name_en)",
        "Score (score)",
        "Rank (rank)",
        "Maximum (max)",
    ]
    for name, headers in EN_LIST_HEADERS.items():
        assert _row(en[name]) == headers
    for name, words in VI_LIST_HEADERS.items():
        keys = [column.key for column in LIST_COLUMNS[name]]
        assert _row(vi[name]) == [f"{word} ({key})" for word, key in zip(words, keys, strict=True)]
    assert _row(vi["plan"], column=3) == VI_PLAN_LABELS
    assert _row(en["plan"], column=3)[:2] == ["Province", "Year of the baseline"]
    assert _row(vi["Kết quả (results)"]) == [
        "Mã (id)",
        "Tên (name)",
        "Điểm tối đa (max)",
        "Điểm số (score)",
        "Thứ hạng (rank)",
        "Ghi chú (note)",
    ]
    assert (vi.sheetnames[0], en.sheetnames[0]) == ("Hướng dẫn", "How to fill in")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_header_differs_by_language_and_ends_in_its_key(lang: Lang) -> None:
    other: Lang = "en" if lang == "vi" else "vi"
    for column in (*INDEX_COLUMNS, *RESULTS_COLUMNS, *(c for cs in LIST_COLUMNS.values() for c in cs)):
        assert column.header(lang).endswith(f" ({column.key})")
        assert column.header(lang) != column.header(other)


def test_the_vietnamese_instructions_hold_no_english_sentence() -> None:
    """The example problem is the message a Vietnamese reader gets, not the English one; the
    workbook's keys and sheet names are its own words, the same in both languages."""
    book = _book("vi")
    keys = {c.key for cs in (INDEX_COLUMNS, RESULTS_COLUMNS, *LIST_COLUMNS.values()) for c in cs}
    names = frozenset({*keys, *book.sheetnames, "par", "papi", "sipas", "kpi"})
    lines = _row(book.worksheets[0], column=1)
    assert len(lines) == 17
    assert [line for line in lines if english_runs(line, names=names)] == []
    assert (
        lines[-1]
        == "Lỗi được báo kèm vị trí ô, ví dụ plan.xlsx:PAR!D7: score: cần một số, nhận được 'mười hai'."
    )
    assert "increase, comparison, target, owners, target_note, rank_target" in lines[5]


def test_the_english_instructions_name_the_keys_the_layout_has() -> None:
    lines = _row(_book("en").worksheets[0], column=1)
    assert "rows with the same id, year and source are one table" in lines[12]
    assert "The plan sheet" in lines[10]
    assert "bodies, deadlines, history, references, facts:" in lines[10]
    assert "type score, rank, note (id, name, max are the baseline's)" in lines[15]
    assert "improve (score, rank: better than the baseline year)" in lines[6]
    assert (
        lines[-1]
        == "Problems name their cell, e.g. plan.xlsx:PAR!D7: score: expected a number, got 'mười hai'."
    )


def test_a_workbook_reads_back_whatever_its_headers_and_instructions_title_say(tmp_path: Path) -> None:
    """Import finds a column by the key in brackets, and skips the instructions in either
    language: a Vietnamese workbook whose headers an analyst retitled, with an English
    instructions sheet, reads as the plan."""
    plan = load_plan()
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(plan.baseline, plan.targets, "vi")))
    book.worksheets[0].title = "How to fill in"
    for cell in book["PAR"][1]:
        key = re.search(r"\(([a-z_]+)\)$", str(cell.value))
        assert key is not None
        cell.value = f"Cột tự đặt tên ({key.group(1)})"
    path = tmp_path / "plan.xlsx"
    book.save(path)
    baseline, targets, _, _ = read_workbook(path)
    assert (baseline, targets) == (plan.baseline, plan.targets)


LANGUAGE_CHOICE = re.compile(r"==\s*[\"'](?:vi|en)[\"']|\bpick\(")
STILL_CHOOSING = {"core/units.py", "core/unit_plan.py", "core/api.py", "cli/units.py", "report/form.py"}
"""Modules that still choose a language inline (issue 17 item 5 is open for them; form.py
writes dates as each language's documents do); the list may only shrink."""


def test_no_inline_choice_of_language_outside_the_catalogue_module() -> None:
    found = {
        str(path.relative_to(SRC))
        for path in sorted(SRC.rglob("*.py"))
        if path.relative_to(SRC).as_posix() != "vocab/i18n.py"
        if LANGUAGE_CHOICE.search(path.read_text(encoding="utf-8"))
    }
    assert found <= STILL_CHOOSING, sorted(found - STILL_CHOOSING)


@pytest.mark.parametrize(("lang", "word"), [("vi", "số nguyên"), ("en", "whole number")])
def test_excels_refusal_of_a_whole_number_column_speaks_one_language(lang: Lang, word: str) -> None:
    errors = {rule.error for rule in _book(lang)["PAR"].data_validations.dataValidation}
    assert "≥ 1 (" + word + ")" in errors
    assert "1900 ≤ … ≤ 2200 (" + word + ")" in errors
    assert not any("/" in error for error in errors)


@pytest.mark.parametrize(
    ("lang", "reason"),
    [
        ("vi", "tệp không phải là tệp nén zip (mọi tệp .xlsx đều là tệp zip)"),
        ("en", "File is not a zip file"),
    ],
)
def test_a_file_that_is_no_zip_says_so_in_the_language(tmp_path: Path, lang: Lang, reason: str) -> None:
    """A CSV or an old .xls renamed .xlsx: the zip module's English is not shown under vi."""
    from parplan.vocab.problems import InputError

    path = tmp_path / "plan.xlsx"
    path.write_text("id,score\npar.1,9.2\n", encoding="utf-8")
    with pytest.raises(InputError) as refused:
        read_workbook(path, "plan.xlsx")
    [problem] = refused.value.problems
    assert problem.format(lang).endswith(": " + reason)
    assert problem.code == "PP142"
