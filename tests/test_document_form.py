"""The state document form (Decree 30/2020/NĐ-CP, Appendix I) of the Word and HTML reports
(issue 21, item 1): the ``document:`` mapping of a targets file, and the form it fills."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from parplan.reading.loading import DEFAULT_TARGETS, bundled, load_targets
from parplan.vocab.problems import InputError

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
