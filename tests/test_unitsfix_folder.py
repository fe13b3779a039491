"""A directory named where a scores file or a workbook is expected is refused naming the kind
of file expected, not "not a YAML file", in both languages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from parplan.cli.main import app

runner = CliRunner()

CASES = [
    (
        ("units", "rank", "--scores", "adir"),
        "is a directory, not a scores file (CSV or YAML)",
        "là thư mục, không phải tệp điểm (CSV hoặc YAML)",
    ),
    (
        ("units", "collect", "adir", "-o", "x_2025.csv"),
        "is a directory, not an Excel workbook (.xlsx)",
        "là thư mục, không phải bảng tính Excel (.xlsx)",
    ),
    (
        ("import", "adir", "--to", "out"),
        "is a directory, not an Excel workbook (.xlsx)",
        "là thư mục, không phải bảng tính Excel (.xlsx)",
    ),
]


def _run(*args: str) -> Any:
    return runner.invoke(app, list(args))


@pytest.mark.parametrize(("args", "english", "vietnamese"), CASES)
def test_a_folder_is_refused_naming_the_kind_expected(
    units_province: Path, args: tuple[str, ...], english: str, vietnamese: str
) -> None:
    (units_province / "adir").mkdir()
    said = _run("--lang", "en", *args)
    assert said.exit_code == 2
    assert said.stderr.splitlines()[0] == f"adir: PP104 error: {english}"
    said = _run("--lang", "vi", *args)
    assert said.exit_code == 2
    assert said.stderr.splitlines()[0] == f"adir: PP104 lỗi: {vietnamese}"
