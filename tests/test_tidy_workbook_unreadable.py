"""PP142 says what is wrong with a workbook in the user's language, never in the parser's English.

zipfile, openpyxl and the XML parser raise English ("File is not a zip file", "There is no item
named '[Content_Types].xml' in the archive", "Error -3 while decompressing data", "openpyxl does
not support the old .xls file format…"); a Vietnamese user read that after "không đọc được bảng
tính Excel (.xlsx):". Each hostile file here is a common way a workbook arrives broken.
"""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parplan.cli.main import app
from parplan.vocab.i18n import Lang

runner = CliRunner()
OLE = bytes.fromhex("D0CF11E0A1B11AE1")
LIBRARY_ENGLISH = re.compile(
    r"zip file|no item|archive|decompress|openpyxl|xlrd|token|line \d|column \d|workbook part|Error -?\d",
    re.IGNORECASE,
)
"""Words of zipfile's, openpyxl's and the XML parser's messages, none of them parplan's."""


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("good") / "plan.xlsx"
    result = runner.invoke(app, ["export", "-o", str(path)])
    assert result.exit_code == 0, result.output
    return path.read_bytes()


def _rezipped(good: bytes, change: Callable[[str, bytes], bytes | None]) -> bytes:
    """The good workbook with each part changed (None: left out)."""
    import io

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for name in old.namelist():
            data = change(name, old.read(name))
            if data is not None:
                new.writestr(name, data)
    return out.getvalue()


def _junk_zip() -> bytes:
    import io

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "junk")
        archive.writestr("data.bin", os.urandom(200))
    return out.getvalue()


HOSTILE: dict[str, tuple[Callable[[bytes], bytes], str, str]] = {
    "truncated": (
        lambda good: good[: len(good) // 2],
        "tệp bị cắt cụt hoặc bị hỏng (sao chép hay tải xuống bị gián đoạn?): hãy sao chép lại tệp",
        "the file is cut short or damaged (a copy or download interrupted?): copy it again",
    ),
    "truncated-tail": (
        lambda good: good[:-10],
        "tệp bị cắt cụt hoặc bị hỏng (sao chép hay tải xuống bị gián đoạn?): hãy sao chép lại tệp",
        "the file is cut short or damaged (a copy or download interrupted?): copy it again",
    ),
    "random-bytes": (
        lambda good: os.urandom(3000).replace(b"PK", b"pk").replace(OLE[:2], b"xx"),
        "tệp không phải là tệp nén zip (mọi tệp .xlsx đều là tệp zip)",
        "File is not a zip file",
    ),
    "zip-with-junk": (
        lambda good: _junk_zip(),
        "tệp nén zip nhưng không chứa bảng tính Excel (tệp Word, OpenDocument hay tệp khác bị đổi tên?)",
        "a zip file with no Excel workbook inside (a Word, OpenDocument or other file renamed?)",
    ),
    "xls-header": (
        lambda good: OLE + b"\0" * 4000,
        "đây là bảng tính Excel 97-2003 (.xls) hoặc bảng tính có mật khẩu: hãy mở bằng Excel và lưu"
        " lại dạng Sổ làm việc Excel (.xlsx), không đặt mật khẩu",
        "an Excel 97-2003 workbook (.xls) or one with a password: open it in Excel and save it as"
        " .xlsx (Excel Workbook), without a password",
    ),
    "empty": (lambda good: b"", "tệp rỗng (0 byte)", "the file is empty (0 bytes)"),
    "broken-workbook-xml": (
        lambda good: _rezipped(good, lambda name, data: b"<not xml" if name == "xl/workbook.xml" else data),
        "một phần của tệp bị hỏng hoặc không đúng định dạng Excel ghi: hãy mở bằng Excel rồi lưu lại",
        "a part of it is damaged or not as Excel writes it: open it in Excel and save it again",
    ),
    "no-content-types": (
        lambda good: _rezipped(good, lambda name, data: None if name == "[Content_Types].xml" else data),
        "tệp nén zip nhưng không chứa bảng tính Excel (tệp Word, OpenDocument hay tệp khác bị đổi tên?)",
        "a zip file with no Excel workbook inside (a Word, OpenDocument or other file renamed?)",
    ),
}


def _import(path: Path, lang: Lang) -> tuple[int, str]:
    result = runner.invoke(app, ["import", str(path), "--to", str(path.parent / "out"), "--lang", lang])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.stderr


@pytest.mark.parametrize("case", list(HOSTILE))
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_broken_workbook_is_said_in_the_language(
    tmp_path: Path, good: bytes, case: str, lang: Lang
) -> None:
    make, vi, en = HOSTILE[case]
    path = tmp_path / "plan.xlsx"
    path.write_bytes(make(good))
    code, err = _import(path, lang)
    assert code == 2
    head = (
        "PP142 lỗi: không đọc được bảng tính Excel (.xlsx)"
        if lang == "vi"
        else ("PP142 error: is not a readable Excel workbook (.xlsx)")
    )
    assert err == f"{path}: {head}: {vi if lang == 'vi' else en}\n"
    assert not (tmp_path / "out").exists()
    if lang == "vi":
        assert not LIBRARY_ENGLISH.search(err), err


def test_an_xlsx_named_otherwise_is_told_to_be_named_xlsx(tmp_path: Path, good: bytes) -> None:
    """openpyxl refuses a name not ending in .xlsx with its own English sentence."""
    path = tmp_path / "plan.xls"
    path.write_bytes(good)
    code, err = _import(path, "vi")
    assert code == 2
    assert err.endswith(": tên tệp không có đuôi .xlsx: hãy lưu lại từ Excel dạng .xlsx\n"), err
    assert not LIBRARY_ENGLISH.search(err), err


def test_a_damaged_sheet_read_later_is_placed_and_said_in_vietnamese(tmp_path: Path, good: bytes) -> None:
    """A sheet that is parsed only when it is read: the problem is placed at the sheet."""
    cut = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="1"><c r="A1"><v>abc</v></c></row></sheetData></worksheet>'
    )
    data = _rezipped(good, lambda name, data: cut if name == "xl/worksheets/sheet2.xml" else data)
    path = tmp_path / "plan.xlsx"
    path.write_bytes(data)
    code, err = _import(path, "vi")
    assert code == 2
    assert re.fullmatch(
        rf"{re.escape(str(path))}:[^!]+!A1: PP142 lỗi: không đọc được bảng tính Excel \(\.xlsx\): "
        r"một phần của tệp bị hỏng hoặc không đúng định dạng Excel ghi: hãy mở bằng Excel rồi lưu lại\n",
        err,
    ), err
