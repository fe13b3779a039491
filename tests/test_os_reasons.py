"""Why the system refused a read or a write, in the user's language (issue 21 item 4).

``OSError.strerror`` is the system's English whatever ``--lang`` says; PP103 and PP901 give the
reason from the error's number instead: the common ones from the catalogue, any other by its
symbol, which says something in Vietnamese too and can be looked up.
"""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from english import english_runs
from parplan.cli.main import app
from parplan.core.files import cannot_write
from parplan.reading.yamlread import read_text
from parplan.vocab.problems import InputError, os_reason

runner = CliRunner()

COMMON = {
    errno.ENOENT: ("No such file or directory", "không có tệp hoặc thư mục này"),
    errno.EACCES: ("Permission denied", "không có quyền truy cập"),
    errno.EISDIR: ("Is a directory", "là một thư mục"),
    errno.ENOTDIR: ("Not a directory", "không phải là thư mục"),
    errno.ENOSPC: ("No space left on device", "thiết bị lưu trữ đã hết chỗ trống"),
    errno.EROFS: ("Read-only file system", "hệ thống tệp chỉ cho phép đọc"),
    errno.EEXIST: ("File exists", "tệp đã tồn tại"),
    errno.ENAMETOOLONG: ("File name too long", "tên tệp quá dài"),
    errno.ELOOP: ("Too many levels of symbolic links", "liên kết tượng trưng lồng nhau quá nhiều cấp"),
    errno.EIO: ("Input/output error", "lỗi đọc/ghi của thiết bị"),
}


@pytest.mark.parametrize("number", sorted(COMMON))
def test_a_common_reason_is_in_each_language(number: int) -> None:
    english, vietnamese = COMMON[number]
    error = OSError(number, "the system's words, never shown")
    assert os_reason(error).text("en") == english
    assert os_reason(error).text("vi") == vietnamese


def test_the_english_msgid_is_the_systems_own_wording() -> None:
    """English users read what they read before: the msgids are glibc's strerror."""
    import os

    for number, (english, _vi) in COMMON.items():
        assert os.strerror(number) == english


def test_another_reason_is_named_by_its_symbol_in_either_language() -> None:
    error = OSError(errno.EHOSTDOWN, "Host is down")
    assert os_reason(error).text("vi") == "lỗi hệ thống EHOSTDOWN"
    assert os_reason(error).text("en") == "the system's error EHOSTDOWN"
    assert os_reason(OSError(99999, "?")).text("vi") == "lỗi hệ thống 99999"
    assert os_reason(OSError("no number")).text("en") == "the system's error OSError"
    assert os_reason(ValueError("I/O operation on closed file")).text("vi") == "lỗi hệ thống ValueError"


def test_the_vietnamese_reasons_hold_no_english() -> None:
    for number in (*COMMON, errno.EPIPE, errno.EBADF, errno.EPERM, errno.EDQUOT, errno.EXDEV):
        text = os_reason(OSError(number, "x")).text("vi")
        assert english_runs(text, least=2) == [], text


def test_a_write_refused_says_why_in_vietnamese(tmp_path: Path) -> None:
    problem = cannot_write(tmp_path / "out.md", OSError(errno.ENOSPC, "No space left on device")).problem
    assert problem.text("vi").endswith(": thiết bị lưu trữ đã hết chỗ trống")
    assert problem.text("en") == "cannot be written: No space left on device"


def test_a_read_refused_says_why_in_vietnamese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: Path, *args: Any, **kwargs: Any) -> Any:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(Path, "open", broken)
    with pytest.raises(InputError) as caught:
        read_text(tmp_path / "plan.yaml", "plan.yaml")
    [problem] = caught.value.problems
    assert problem.format("vi").endswith(": lỗi đọc/ghi của thiết bị")
    assert problem.format("en") == "plan.yaml: PP103 error: cannot be read: Input/output error"


@pytest.mark.parametrize(
    ("lang", "reason"), [("vi", "không có tệp hoặc thư mục này"), ("en", "No such file or directory")]
)
def test_the_command_line_says_the_reason_in_its_language(tmp_path: Path, lang: str, reason: str) -> None:
    nowhere = tmp_path / "no" / "such" / "out.md"
    result = runner.invoke(app, ["gap", "-o", str(nowhere), "--lang", lang])
    assert result.exit_code == 2, result.output
    assert f"{nowhere}: PP901 " in result.stderr
    assert result.stderr.rstrip("\n").endswith(f": {reason}")
    if lang == "vi":
        assert "No such file" not in result.stderr
