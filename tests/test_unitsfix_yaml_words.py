"""PP110's words are the catalogue's, never the YAML parser's English in a Vietnamese message:
libyaml's and PyYAML's common problem texts are msgids, anything else a generic phrase (the
position is given beside it)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from parplan.cli.main import app
from parplan.reading.yamlread import parse_yaml
from parplan.vocab.problems import InputError, Problem

runner = CliRunner()

BROKEN = {
    "flow-open": "a: [\n",
    "flow-mapping-open": "a: {b: 1\n",
    "mapping-values": "a: b: c\n",
    "key": "a:\n  b: 1\n c: 2\n",
    "at-sign": "a: @x\n",
    "backtick": "a: `x`\n",
    "percent": "a: %x\n",
    "block-end": "a:\n  - 1\n  b: 2\n",
    "dash": "- a\nb: 1\n",
    "quote": "a: 'abc\n",
    "simple-key": "a\nb: 1\n",
    "anchor": "a: &\n",
    "indent": "a:\n  - b\n - c\n",
    "flow-colon": "[a, b: c: d]\n",
    "node-content": "a: [1, ,]\n",
    "question": "? a\n? b\n: c\n:d\n",
    "escape": 'a: "\\q"\n',
    "tag": "a: !<x\n",
    "block-scalar": "a: |x\n  b\n",
}
PARSER_ENGLISH = re.compile(
    r"did not|found|while |expected|mapping|could not|scanning|parsing|token|node|scalar|"
    r"indicator|alias|anchor|character|<|stream|block"
)
"""Words of libyaml's and PyYAML's messages that no Vietnamese phrase has."""


def _refusal(text: str, pure: bool) -> Problem:
    with pytest.raises(InputError) as error:
        parse_yaml(text, "u.yaml", pure=pure)
    (problem,) = error.value.problems
    return problem


@pytest.mark.parametrize("pure", [False, True], ids=["libyaml", "pyyaml"])
@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_yaml_file_is_refused_in_vietnamese_words(name: str, pure: bool) -> None:
    problem = _refusal(BROKEN[name], pure)
    assert problem.line is not None
    assert problem.column is not None
    vietnamese = problem.text("vi")
    assert vietnamese.startswith("không phải YAML hợp lệ: ")
    assert not PARSER_ENGLISH.search(vietnamese), vietnamese
    assert problem.text("en").startswith("is not valid YAML: ")


@pytest.mark.parametrize(
    ("text", "english", "vietnamese"),
    [
        (
            "a: [\n",
            "did not find expected node content (while parsing a flow node from line 2, column 1)",
            "không thấy giá trị như mong đợi (thiếu một giá trị, hoặc dấu ngoặc chưa đóng?) "
            "(khi đọc một giá trị trong dấu ngoặc từ dòng 2, cột 1)",
        ),
        (
            "a: b: c\n",
            "mapping values are not allowed in this context",
            "không được đặt giá trị ánh xạ ở đây (thiếu dấu cách sau dấu hai chấm, hoặc thụt lề sai?)",
        ),
        (
            "a:\n  - 1\n  b: 2\n",
            "did not find expected '-' indicator (while parsing a block collection from line 2, column 3)",
            "không thấy dấu '-' của mục danh sách như mong đợi (thụt lề sai?) "
            "(khi đọc danh sách từ dòng 2, cột 3)",
        ),
    ],
)
def test_libyaml_words_in_both_languages(text: str, english: str, vietnamese: str) -> None:
    problem = _refusal(text, pure=False)
    assert problem.text("en") == f"is not valid YAML: {english}"
    assert problem.text("vi") == f"không phải YAML hợp lệ: {vietnamese}"


def test_pyyaml_expected_but_found_is_said_in_words() -> None:
    problem = _refusal("a:\n  b: 1\n c: 2\n", pure=True)
    assert problem.text("en").startswith(
        "is not valid YAML: expected the end of the indented block, but found a new mapping"
    )
    assert problem.text("vi").startswith(
        "không phải YAML hợp lệ: cần kết thúc khối thụt lề nhưng gặp một ánh xạ mới"
    )
    at_sign = _refusal("a: @x\n", pure=True)
    assert at_sign.text("en").startswith(
        "is not valid YAML: found the character '@', which cannot start a value"
    )
    assert at_sign.text("vi").startswith(
        "không phải YAML hợp lệ: gặp ký tự '@', không thể bắt đầu một giá trị"
    )


def test_units_rank_says_a_broken_units_yaml_in_the_users_language(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "u5.yaml").write_text("a: [\n", encoding="utf-8")
    (tmp_path / "scores_2025.csv").write_text(
        "unit,criterion,self,appraised,applicable,note\n", encoding="utf-8"
    )
    said = runner.invoke(
        app, ["--lang", "vi", "units", "rank", "--units", "u5.yaml", "--scores", "scores_2025.csv"]
    )
    assert said.exit_code == 2
    assert said.stderr.startswith(
        "u5.yaml:2:1: PP110 lỗi: không phải YAML hợp lệ: không thấy giá trị như mong đợi"
    )
    assert "did not find" not in said.stderr
    assert "while parsing" not in said.stderr
