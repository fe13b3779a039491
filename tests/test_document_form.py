"""The state document form (Decree 30/2020/NĐ-CP, Appendix I) of the Word and HTML reports
(issue 21, item 1): the ``document:`` mapping of a targets file, and the form it fills."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from docx.table import _Cell
from typer.testing import CliRunner

from parplan.cli.main import app
from parplan.reading.loading import DEFAULT_TARGETS, bundled, load_targets
from parplan.report.form import long_date
from parplan.vocab.problems import InputError

runner = CliRunner()
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"

DOCUMENT = """
document:
  agency: Ủy ban nhân dân tỉnh Cao Bằng
  number: 125/BC-UBND
  place: Cao Bằng
  date: 2025-07-20
  signer: Nguyễn Văn A
  signer_title: |-
    KT. CHỦ TỊCH
    PHÓ CHỦ TỊCH
  recipients:
    - Bộ Nội vụ
    - Thường trực Tỉnh ủy
  summary: Kết quả thực hiện Kế hoạch cải thiện các chỉ số năm 2025
"""
"""Synthetic: the names and the number are made up for the tests."""


def with_document(tmp_path: Path, text: str = DOCUMENT) -> Path:
    path = tmp_path / "targets.yaml"
    path.write_text(bundled(DEFAULT_TARGETS).read_text(encoding="utf-8") + text, encoding="utf-8")
    return path


def test_the_document_mapping_is_read_every_key_optional(tmp_path: Path) -> None:
    targets, _ = load_targets(with_document(tmp_path))
    assert targets.document is not None
    assert targets.document.date == dt.date(2025, 7, 20)
    assert targets.document.recipients == ("Bộ Nội vụ", "Thường trực Tỉnh ủy")
    assert targets.document.parent_agency is None
    bundled_targets, _ = load_targets(bundled(DEFAULT_TARGETS))
    assert bundled_targets.document is None


def test_a_misspelt_document_key_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError) as raised:
        load_targets(with_document(tmp_path, "\ndocument:\n  signr: A\n"))
    assert ":3: PP201 error: unknown key 'signr' (did you mean 'signer'?)" in str(raised.value)


def run_report(tmp_path: Path, name: str, *args: str) -> Path:
    path = tmp_path / name
    result = runner.invoke(app, ["report", *args, "-o", str(path)], env={"PARPLAN_LANG": None})
    assert result.exit_code == 0, result.output
    return path


def cell_texts(cell: _Cell) -> list[str]:
    return [p.text for p in cell.paragraphs if p.text]


def test_long_dates_as_vietnamese_documents_write_them() -> None:
    assert long_date(dt.date(2025, 7, 20), "vi") == "ngày 20 tháng 7 năm 2025"
    assert long_date(dt.date(2025, 2, 5), "vi") == "ngày 05 tháng 02 năm 2025"
    assert long_date(dt.date(2025, 12, 1), "vi") == "ngày 01 tháng 12 năm 2025"
    assert long_date(None, "vi") == "ngày … tháng … năm …"
    assert long_date(dt.date(2025, 7, 20), "en") == "20 July 2025"


def test_word_form_from_the_document_mapping_in_the_decree_positions(tmp_path: Path) -> None:
    targets = with_document(tmp_path)
    word = docx.Document(str(run_report(tmp_path, "r.docx", "--targets", str(targets), "--lang", "vi")))
    head = word.tables[0]
    # Cells 2 and 3 left, cells 1 and 4 right (Appendix I, the layout of a document's parts).
    assert cell_texts(head.cell(0, 0)) == ["ỦY BAN NHÂN DÂN TỈNH CAO BẰNG"]
    assert cell_texts(head.cell(0, 1)) == [
        MOTTO,
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert cell_texts(head.cell(1, 0)) == ["Số: 125/BC-UBND"]
    assert cell_texts(head.cell(1, 1)) == ["Cao Bằng, ngày 20 tháng 7 năm 2025"]
    assert head.cell(1, 1).paragraphs[0].runs[0].italic
    texts = [p.text for p in word.paragraphs if p.text]
    assert texts[:2] == ["BÁO CÁO", "Kết quả thực hiện Kế hoạch cải thiện các chỉ số năm 2025"]
    foot = word.tables[-1]
    assert cell_texts(foot.cell(0, 0)) == [
        "Nơi nhận:",
        "- Bộ Nội vụ;",
        "- Thường trực Tỉnh ủy;",
        "- Lưu: VT.",
    ]
    assert cell_texts(foot.cell(0, 1)) == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn A"]
    headings = [p.text for p in word.paragraphs if p.style is not None and p.style.name == "Heading 1"]
    assert headings == [texts[1]]  # the summary is the title; no second title under it


def test_without_the_mapping_a_draft_with_blanks_never_a_name(tmp_path: Path) -> None:
    word = docx.Document(str(run_report(tmp_path, "r.docx", "--lang", "vi")))
    head, foot = word.tables[0], word.tables[-1]
    assert cell_texts(head.cell(0, 0)) == ["……………………"]
    assert cell_texts(head.cell(1, 0)) == ["Số:     /BC-UBND"]
    assert cell_texts(head.cell(1, 1)) == ["Cao Bằng, ngày … tháng … năm …"]
    assert cell_texts(foot.cell(0, 0)) == ["Nơi nhận:", "- ……………………;", "- Lưu: VT."]
    assert cell_texts(foot.cell(0, 1)) == ["……………………", "……………………"]
    texts = [p.text for p in word.paragraphs if p.text]
    assert texts[:2] == ["BÁO CÁO", "Phân tích khoảng cách các chỉ số — Cao Bằng, kế hoạch năm 2025"]


def test_one_title_under_a_peoples_committee_signs_on_its_behalf(tmp_path: Path) -> None:
    text = DOCUMENT.replace(
        "  signer_title: |-\n    KT. CHỦ TỊCH\n    PHÓ CHỦ TỊCH\n", "  signer_title: Chủ tịch\n"
    )
    targets = with_document(tmp_path, text)
    for lang, authority in (("vi", "TM. ỦY BAN NHÂN DÂN"), ("en", "ON BEHALF OF THE PEOPLE'S COMMITTEE")):
        word = docx.Document(
            str(run_report(tmp_path, f"{lang}.docx", "--targets", str(targets), "--lang", lang))
        )
        assert cell_texts(word.tables[-1].cell(0, 1)) == [authority, "CHỦ TỊCH", "Nguyễn Văn A"]


def test_english_form(tmp_path: Path) -> None:
    targets = with_document(tmp_path)
    word = docx.Document(str(run_report(tmp_path, "r.docx", "--targets", str(targets), "--lang", "en")))
    head = word.tables[0]
    assert cell_texts(head.cell(0, 1)) == [
        "SOCIALIST REPUBLIC OF VIET NAM",
        "Independence - Freedom - Happiness",
    ]
    assert cell_texts(head.cell(1, 0)) == ["No.: 125/BC-UBND"]
    assert cell_texts(head.cell(1, 1)) == ["Cao Bằng, 20 July 2025"]
    assert cell_texts(word.tables[-1].cell(0, 0))[0] == "Recipients:"


def test_html_form_holds_every_part(tmp_path: Path) -> None:
    targets = with_document(tmp_path)
    page = run_report(tmp_path, "r.html", "--targets", str(targets), "--lang", "vi").read_text(
        encoding="utf-8"
    )
    for part in (
        MOTTO,
        "Độc lập - Tự do - Hạnh phúc",
        "ỦY BAN NHÂN DÂN TỈNH CAO BẰNG",
        "Số: 125/BC-UBND",
        "Cao Bằng, ngày 20 tháng 7 năm 2025",
        "BÁO CÁO",
        '<h1 class="summary">Kết quả thực hiện Kế hoạch cải thiện các chỉ số năm 2025</h1>',
        "Nơi nhận:",
        "- Thường trực Tỉnh ủy;",
        "KT. CHỦ TỊCH",
        "Nguyễn Văn A",
    ):
        assert part in page
    assert page.count("<h1") == 1


def test_the_units_announcement_has_the_form_from_units_yaml(tmp_path: Path) -> None:
    fixture = Path(__file__).parent / "fixtures" / "units"
    units = tmp_path / "units.yaml"
    units.write_text((fixture / "units.yaml").read_text(encoding="utf-8") + DOCUMENT, encoding="utf-8")
    out = tmp_path / "cong-bo.docx"
    scores = str(fixture / "scores_2025.csv")
    args = ["units", "report", "--units", str(units), "--scores", scores, "-o", str(out)]
    result = runner.invoke(app, args, env={"PARPLAN_LANG": None})
    assert result.exit_code == 0, result.output
    word = docx.Document(str(out))
    assert cell_texts(word.tables[0].cell(1, 0)) == ["Số: 125/BC-UBND"]
    assert cell_texts(word.tables[-1].cell(0, 1)) == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn A"]
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        (fixture / "units.yaml").read_text(encoding="utf-8") + "document:\n  signr: A\n", encoding="utf-8"
    )
    refused = runner.invoke(app, [*args[:3], str(bad), *args[4:]], env={"PARPLAN_LANG": "en"})
    assert refused.exit_code == 2
    assert "unknown key 'signr'" in refused.stderr


def test_the_html_draft_keeps_the_blank_before_the_symbol(tmp_path: Path) -> None:
    page = run_report(tmp_path, "d.html", "--lang", "vi").read_text(encoding="utf-8")
    assert '<p class="number">Số:     /BC-UBND</p>' in page
    assert ".form .number { white-space: pre; }" in page  # a browser would fold the blank
    assert "Cao Bằng, ngày … tháng … năm …" in page
