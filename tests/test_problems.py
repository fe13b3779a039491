"""The problems vocabulary: every rule and message exists in both languages, and reads as written."""

from __future__ import annotations

import importlib.util
import pickle
import re
import string
import tokenize
import unicodedata
from pathlib import Path
from types import ModuleType

import pytest

from parplan.vocab import rules
from parplan.vocab.i18n import tr
from parplan.vocab.problems import (
    MESSAGES,
    RULES,
    InputError,
    Msg,
    Problem,
    ignorable,
    msg,
    refused_ignores,
    severity_word,
)

ROOT = Path(__file__).resolve().parent.parent


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _both(msgid: str) -> tuple[str, str]:
    return tr("vi", msgid), tr("en", msgid)


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_has_both_languages_with_the_same_arguments(key: str) -> None:
    vi, en = _both(MESSAGES[key])
    # English alone inflects ("1 warning", "2 warnings"; "is an error", "are errors").
    assert _fields(vi) <= _fields(en)
    assert _fields(en) - _fields(vi) <= ENGLISH_ONLY
    if key != "blank":
        assert vi.strip()
        assert en.strip()
    assert unicodedata.is_normalized("NFC", vi)


ENGLISH_ONLY = {"plural", "eplural", "wplural", "verb"}


def test_the_plural_argument_is_english_only() -> None:
    vi, en = _both(MESSAGES["at-least"])
    assert _fields(en) - _fields(vi) == {"plural"}


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_rule_has_a_stable_code_and_both_names(code: str) -> None:
    rule = RULES[code]
    assert re.fullmatch(r"PP[1-9][0-9]{2}", code)
    assert rule.code == code
    assert rule.severity in ("error", "warning")
    vi, en = _both(rule.summary)
    assert en.strip()
    assert vi != en
    assert unicodedata.is_normalized("NFC", vi)


def test_warnings_are_the_pp4_rules_and_only_they_can_be_ignored() -> None:
    assert {c for c, r in RULES.items() if r.severity == "warning"} == {
        c for c in RULES if c.startswith("PP4")
    }
    assert ignorable("PP404")
    assert ignorable("pp404")
    assert not ignorable("PP304")
    assert not ignorable("PP999")


def test_a_message_renders_nested_parts_in_its_language() -> None:
    message = msg("unknown-key", key="'scroe'", hint=msg("did-you-mean", close="'score'"))
    assert message.text("en") == "unknown key 'scroe' (did you mean 'score'?)"
    assert message.text("vi") == "khóa không xác định 'scroe' (có phải là 'score'?)"


def test_a_problem_prints_place_id_code_severity_and_message() -> None:
    problem = Problem("b.yaml", 22, 16, "par.1", "PP304", msg("score-above", score="11", max="10"))
    assert problem.severity == "error"
    assert problem.format() == "b.yaml:22:16: par.1: PP304 error: score 11 is above the maximum 10"
    assert problem.format("vi") == "b.yaml:22:16: par.1: PP304 lỗi: điểm 11 vượt điểm tối đa 10"
    whole_file = Problem("b.yaml", None, None, None, "PP101", Msg("no-file"))
    assert whole_file.format() == "b.yaml: PP101 error: no such file"


def test_an_input_error_carries_every_problem() -> None:
    problems = [
        Problem("a", 1, 1, None, "PP101", Msg("no-file")),
        Problem("b", 2, 2, None, "PP130", Msg("empty")),
    ]
    error = InputError(problems)
    assert error.problems == tuple(problems)
    assert (
        str(error)
        == "a:1:1: PP101 error: no such file\nb:2:2: PP130 error: is empty: expected a mapping of keys"
    )


def test_severity_words() -> None:
    assert severity_word("warning", "vi") == "cảnh báo"
    assert severity_word("error", "en") == "error"


def test_the_error_docs_list_every_code_with_an_example_and_a_fix() -> None:
    text = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    listed = dict(re.findall(r"^\| `(PP\d{3})` \| (error|warning) \|", text, flags=re.MULTILINE))
    assert listed == {code: rule.severity for code, rule in RULES.items()}


def _tool(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_error_docs_table_is_written_from_the_rule_definitions() -> None:
    doc = _tool("errors_doc")
    text = doc.DOC.read_text(encoding="utf-8")
    assert doc.written(text) == text, "docs/errors.md is stale: run python tools/errors_doc.py"
    stale = text.replace(rules.SCORE_ABOVE_MAXIMUM.fix, "something else")
    assert doc.written(stale) == text


def test_each_rule_owns_its_docs_entry_and_its_example_shows_its_code() -> None:
    for rule in RULES.values():
        assert rule.when.strip()
        assert rule.fix.strip()
        assert f"{rule.code} {rule.severity}" in rule.example, rule.code


def _code_literals(path: Path) -> list[str]:
    """Every string literal in a module that is a rule code and nothing else ("PP304")."""
    found = []
    with path.open("rb") as file:
        for token in tokenize.tokenize(file.readline):
            if token.type == tokenize.STRING and re.fullmatch(r"[rbuf]*(['\"])PP\d{3}\1", token.string):
                found.append(f"{path.name}:{token.start[0]}: {token.string}")
    return found


def test_no_rule_code_is_written_outside_the_rule_definitions() -> None:
    source = ROOT / "src" / "parplan"
    found = [
        hit
        for path in sorted(source.rglob("*.py"))
        if path != source / "vocab" / "rules.py"
        for hit in _code_literals(path)
    ]
    assert found == [], "refer to a rule by name (rules.DUPLICATE_ID), not by its code"


def test_the_code_literal_check_can_fail(tmp_path: Path) -> None:
    planted = tmp_path / "planted.py"
    planted.write_text('CODE = "PP304"\nTEXT = "PP304 is a code"\n', encoding="utf-8")
    assert _code_literals(planted) == ['planted.py:1: "PP304"']


def test_a_rule_is_its_code() -> None:
    assert rules.DUPLICATE_ID == "PP301"
    assert rules.DUPLICATE_ID.code == "PP301"
    assert f"{rules.DUPLICATE_ID}" == "PP301"
    assert pickle.loads(pickle.dumps(rules.DUPLICATE_ID)) is rules.DUPLICATE_ID
    assert RULES["PP301"] is rules.DUPLICATE_ID


def test_the_ignore_list_is_judged_in_one_place() -> None:
    assert rules.unknown_codes(["PP404", "pp999", "X"]) == ["pp999", "X"]
    assert rules.unignorable_codes(["pp304", "PP404", "PP999"]) == ["pp304"]
    assert refused_ignores(["PP404", "pp404"]) is None
    unknown = refused_ignores(["PP404", "PP999"])
    assert unknown is not None
    assert unknown.text("en") == "no rule PP999; docs/errors.md lists the codes"
    graver = refused_ignores(["PP301", "PP304"])
    assert graver is not None
    assert "PP301, PP304" in graver.text("en")
