"""The rules: every kind of problem parplan reports, each one definition owning all that is its own.

A rule is its stable code (``PP304``; the code never changes meaning, a new rule gets a new
code), its name in the code (``rules.SCORE_ABOVE_MAXIMUM``: no ``"PP…"`` literal outside this
module), its severity, its summary and the messages only it prints (English msgids, Vietnamese in
the catalogue), and its entry in ``docs/errors.md`` (when it happens, an example, how to fix it),
which ``tools/errors_doc.py`` writes from these definitions. ruff's ``codes.rs`` and
frictionless' error classes are the models.

A :class:`Rule` *is* its code, a ``str``: a problem carries it where a code goes, prints it as
the code, and compares equal to the code's text in JSON and in tests.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Literal

from parplan.vocab.i18n import N_

Severity = Literal["error", "warning"]


class Rule(str):
    """A kind of problem: the code itself, with its severity, summary and documentation."""

    severity: Severity
    summary: str
    """What is wrong in a few words, an English msgid (``a score above the maximum``)."""
    when: str
    """docs/errors.md: when the rule fires (English, Markdown)."""
    example: str
    """docs/errors.md: a line parplan prints for it."""
    fix: str
    """docs/errors.md: what to do."""
    messages: Mapping[str, str]
    """The messages only this rule prints, by key, as English msgids (``score-above``: ``score
    {score} is above the maximum {max}``); the phrases several rules or the command line share
    are in :data:`parplan.vocab.problems.SHARED`."""

    def __new__(
        cls,
        code: str,
        severity: Severity,
        summary: str,
        *,
        when: str,
        example: str,
        fix: str,
        messages: Mapping[str, str] | None = None,
    ) -> Rule:
        rule = super().__new__(cls, code)
        rule.severity, rule.summary, rule.when, rule.example, rule.fix = severity, summary, when, example, fix
        rule.messages = MappingProxyType(dict(messages or {}))
        return rule

    @property
    def code(self) -> str:
        return str.__str__(self)

    def __reduce__(self) -> tuple[Callable[[str], Rule], tuple[str]]:
        """Pickled as its code, unpickled as the one definition (a copy would lose nothing, but
        there is one rule per code)."""
        return (_by_code, (self.code,))


# PP1xx: the file and its YAML

MISSING_FILE = Rule(
    "PP101",
    "error",
    N_("a missing file"),
    when="the file does not exist",
    example="`b.yaml: PP101 error: no such file`",
    fix="Check the path; the bundled plan is used only when no `--baseline`/`--targets` is given.",
    messages={
        "no-file": N_("no such file"),
    },
)

PERMISSION_DENIED = Rule(
    "PP102",
    "error",
    N_("a file that may not be read"),
    when="the file may not be read",
    example="`b.yaml: PP102 error: permission denied`",
    fix="Give yourself read permission (`chmod u+r`).",
    messages={
        "permission": N_("permission denied"),
    },
)

UNREADABLE_FILE = Rule(
    "PP103",
    "error",
    N_("the file cannot be read"),
    when="reading failed for another reason",
    example="`b.yaml: PP103 error: cannot be read: Input/output error`",
    fix="Copy the file somewhere readable; check the disk.",
    messages={
        "unreadable": N_("cannot be read: {reason}"),
    },
)

FOLDER_NOT_FILE = Rule(
    "PP104",
    "error",
    N_("a folder, not a file"),
    when="a folder was named",
    example="`plans/: PP104 error: is a directory, not a YAML file`",
    fix="Name the file inside it (the YAML file, the scores CSV or the workbook the command asks for).",
    messages={
        "folder": N_("is a directory, not a YAML file"),
        "folder-scores": N_("is a directory, not a scores file (CSV or YAML)"),
        "folder-workbook": N_("is a directory, not an Excel workbook (.xlsx)"),
    },
)

FILE_TOO_LARGE = Rule(
    "PP105",
    "error",
    N_("the file is too large"),
    when="the file is over 64 MiB (a workbook: over 16 MiB, or one of its parts unpacks to more)",
    example="`big.yaml: PP105 error: is larger than 64 MiB`",
    fix="No plan is that large: check it is the right file.",
    messages={
        "too-big": N_("is larger than {mib} MiB"),
        "unpacked-big": N_("unpacks to more than {mib} MiB: far more than any parplan workbook"),
    },
)

NOT_UTF8 = Rule(
    "PP106",
    "error",
    N_("not UTF-8"),
    when="not UTF-8 text",
    example="`b.yaml:3:10: PP106 error: is not valid UTF-8 (byte 0xe1)`",
    fix="Save the file as UTF-8 (in Excel or Notepad: *Save as… UTF-8*).",
    messages={
        "not-utf8": N_("is not valid UTF-8 (byte 0x{byte})"),
    },
)

INVALID_YAML = Rule(
    "PP110",
    "error",
    N_("not valid YAML"),
    when="the YAML does not parse",
    example="`t.yaml:90:82: PP110 error: is not valid YAML: did not find expected ',' or ']' (…)`",
    fix="Close the list or mapping that the message says began earlier; check indentation.",
    messages={
        # The YAML parser's own words (libyaml's, and PyYAML's where they differ), beside the
        # common ones in problems.SHARED; reading.yamlread shows anything else as "yaml:broken".
        "yaml:broken": N_("the YAML structure is broken here"),
        "yaml:while-reading": N_("while reading this part"),
        "yaml:found-char": N_(
            "found the character {char}, which cannot start a value (put the value in quotes)"
        ),
        "yaml:expected-found": N_("expected {expected}, but found {found}"),
        "yaml:did not find expected node content": N_("did not find expected node content"),
        "yaml:mapping values are not allowed in this context": N_(
            "mapping values are not allowed in this context"
        ),
        "yaml:block sequence entries are not allowed in this context": N_(
            "block sequence entries are not allowed in this context"
        ),
        "yaml:did not find expected '-' indicator": N_("did not find expected '-' indicator"),
        "yaml:did not find expected <document start>": N_("did not find expected <document start>"),
        "yaml:did not find expected alphabetic or numeric character": N_(
            "did not find expected alphabetic or numeric character"
        ),
        "yaml:did not find expected comment or line break": N_("did not find expected comment or line break"),
        "yaml:did not find expected whitespace or line break": N_(
            "did not find expected whitespace or line break"
        ),
        "yaml:did not find the expected '>'": N_("did not find the expected '>'"),
        "yaml:found unknown escape character": N_("found unknown escape character"),
        "yaml:found unknown directive name": N_("found unknown directive name"),
        "yaml:found unexpected ':'": N_("found unexpected ':'"),
        "yaml:found unexpected document indicator": N_("found unexpected document indicator"),
        "yaml:found undefined alias": N_("found undefined alias"),
        "yaml:found a tab character that violates indentation": N_(
            "found a tab character that violates indentation"
        ),
        "yaml:found a tab character where an indentation space is expected": N_(
            "found a tab character where an indentation space is expected"
        ),
        "yaml:while parsing a flow node": N_("while parsing a flow node"),
        "yaml:while parsing a block node": N_("while parsing a block node"),
        "yaml:while parsing a node": N_("while parsing a node"),
        "yaml:while parsing a quoted scalar": N_("while parsing a quoted scalar"),
        "yaml:while scanning a double-quoted scalar": N_("while scanning a double-quoted scalar"),
        "yaml:while scanning a plain scalar": N_("while scanning a plain scalar"),
        "yaml:while scanning a block scalar": N_("while scanning a block scalar"),
        "yaml:while scanning an anchor": N_("while scanning an anchor"),
        "yaml:while scanning an alias": N_("while scanning an alias"),
        "yaml:while scanning a tag": N_("while scanning a tag"),
        "yaml:while parsing a tag": N_("while parsing a tag"),
        "yaml:while scanning a directive": N_("while scanning a directive"),
        # the parts of PyYAML's "expected …, but found …"
        "yaml-token:block-end": N_("the end of the indented block"),
        "yaml-token:stream-end": N_("the end of the file"),
        "yaml-token:mapping": N_("a new mapping (a key at another indentation)"),
        "yaml-token:sequence": N_("a new list (an item '-' at another indentation)"),
        "yaml-token:value": N_("a value"),
        "yaml-token:line-break": N_("a line break"),
        "yaml-token:alias": N_("an alias (*)"),
        "yaml-token:anchor": N_("an anchor (&)"),
        "yaml-token:tag": N_("a tag (!)"),
    },
)

CONTROL_CHARACTER = Rule(
    "PP111",
    "error",
    N_("a control character in the YAML"),
    when="a control character",
    example="`b.yaml:4:9: PP111 error: is not valid YAML: the control character U+0008 is not allowed`",
    fix="Delete the invisible character (often pasted from a PDF).",
    messages={
        "control-char": N_("is not valid YAML: the control character {char} is not allowed"),
        "hidden-break": N_(
            "the character {char} is a line break for YAML but not for editors: remove it or replace it "
            "by a space"
        ),
    },
)

YAML_TAG = Rule(
    "PP120",
    "error",
    N_("a YAML tag that is not allowed"),
    when="an explicit tag beyond plain values",
    example="`b.yaml:5:8: PP120 error: the tag '!!python/object' is not allowed (only plain YAML values)`",
    fix="Remove the `!!…` tag: write the plain value.",
    messages={
        "tag": N_("the tag {tag} is not allowed (only plain YAML values)"),
    },
)

YAML_ALIAS = Rule(
    "PP121",
    "error",
    N_("a YAML alias"),
    when="an alias (`*name`)",
    example="`b.yaml:9:7: PP121 error: aliases (*a) are refused: …`",
    fix="Write the value out again instead of `*a`.",
    messages={
        "alias": N_("aliases (*{anchor}) are refused: they can expand without bound ('billion laughs')"),
    },
)

NESTED_TOO_DEEPLY = Rule(
    "PP122",
    "error",
    N_("nested too deeply"),
    when="nesting deeper than 32 levels",
    example="`b.yaml:1:33: PP122 error: nesting deeper than 32 levels is refused`",
    fix="A plan is at most 7 levels deep: check brackets.",
    messages={
        "depth": N_("nesting deeper than {depth} levels is refused"),
        "nested-deep": N_("is nested too deeply: more than {depth} levels is refused"),
    },
)

TOO_MANY_VALUES = Rule(
    "PP123",
    "error",
    N_("too many values"),
    when="more than 4,000,000 values (a workbook: more than 1,000,000 cells read)",
    example="`b.yaml:…: PP123 error: more than 4,000,000 values is refused: …`",
    fix="Check it is the right file.",
    messages={
        "values": N_("more than {count} values is refused: far more than any plan"),
        "cells": N_("more than {count} cells is refused: far more than any parplan workbook"),
    },
)

VALUE_TOO_LONG = Rule(
    "PP124",
    "error",
    N_("a value too long"),
    when="one value over 1,000,000 characters",
    example="`b.yaml:3:7: PP124 error: a value longer than 1,000,000 characters is refused`",
    fix="Shorten the text.",
    messages={
        "long-value": N_("a value longer than {count} characters is refused"),
    },
)

SEVERAL_DOCUMENTS = Rule(
    "PP125",
    "error",
    N_("several YAML documents in one file"),
    when="several YAML documents (`---`)",
    example="`b.yaml:30:1: PP125 error: expected one YAML document, found several`",
    fix="Keep one plan per file; remove the second `---`.",
    messages={
        "documents": N_("expected one YAML document, found several"),
    },
)

DUPLICATE_KEY = Rule(
    "PP126",
    "error",
    N_("a duplicate key"),
    when="a key written twice in one mapping",
    example="`b.yaml:12:5: PP126 error: duplicate key 'score'`",
    fix="Keep one; the second would silently win in other tools.",
)

COMPLEX_KEY = Rule(
    "PP127",
    "error",
    N_("a mapping or list used as a key"),
    when="a mapping or list used as a key",
    example="`b.yaml:3:1: PP127 error: a mapping or list cannot be used as a key`",
    fix="Keys are words such as `score:`.",
    messages={
        "complex-key": N_("a mapping or list cannot be used as a key"),
    },
)

INVALID_CHARACTER = Rule(
    "PP128",
    "error",
    N_("an invalid character"),
    when='a lone surrogate escape (`"\\ud800"`), or U+FFFE / U+FFFF (`"\\uFFFE"`), which no Word or Excel file can hold',
    example="`b.yaml:4:9: PP128 error: the text contains a lone surrogate escape, …`",
    fix="Write the character itself.",
    messages={
        "surrogate": N_("the text contains a lone surrogate escape, which is not a character"),
        "office-char": N_("the text contains {char}, which no Word or Excel file can hold: remove it"),
    },
)

UNREADABLE_VALUE = Rule(
    "PP129",
    "error",
    N_("a value that cannot be read"),
    when="a typed value that cannot be read",
    example="`b.yaml:7:9: PP129 error: '0x' cannot be read as an integer (…)`",
    fix="Write a plain decimal number or date.",
)

EMPTY_FILE = Rule(
    "PP130",
    "error",
    N_("an empty file"),
    when="an empty file",
    example="`b.yaml: PP130 error: is empty: expected a mapping of keys`",
    fix="Start from `parplan init` or the bundled files.",
    messages={
        "empty": N_("is empty: expected a mapping of keys"),
    },
)

NOT_A_MAPPING = Rule(
    "PP131",
    "error",
    N_("not a mapping of keys"),
    when="a list or a single value at the top",
    example="`b.yaml:1:1: PP131 error: must be a mapping of keys, not a list`",
    fix="The file starts with keys: `province:`, `year:`, …",
    messages={
        "not-mapping": N_("must be a mapping of keys, not {kind}"),
    },
)

NOT_PLAIN_DECIMAL = Rule(
    "PP132",
    "error",
    N_("a number not in plain decimals"),
    when="a number YAML 1.1 reads in another base or notation (`012` octal, `17:52` base 60, `0x7E8`, `1_000`, `.5`), or one YAML 1.2 reads as a number and YAML 1.1 as text (`1.5e3`, `1E3`, `0o17`)",
    example="`b.yaml:2:7: PP132 error: '0x7E8' is not written in plain decimals (YAML 1.1 would read it as 2024): …`",
    fix="Write digits and a decimal point only (`2024`, `9.2779`), or quote it if it is text.",
    messages={
        "not-decimal": N_(
            "{text} is not written in plain decimals (YAML 1.1 would read it as {read}): write digits "
            "and a decimal point only, such as 12 or 9.2779, or put it in quotes if it is text"
        ),
        "not-decimal-12": N_(
            "{text} is not written in plain decimals (YAML 1.2 reads it as the number {read}, YAML 1.1 as "
            "text): write digits and a decimal point only, such as 12 or 9.2779, or put it in quotes if it "
            "is text"
        ),
        "not-decimal-unreadable": N_(
            "{text} is not written in plain decimals: write digits and a decimal point only, such as 12 "
            "or 9.2779, or put it in quotes if it is text"
        ),
    },
)

MORE_PROBLEMS = Rule(
    "PP100",
    "error",
    N_("more problems than are listed"),
    when="more problems than are listed (100 per file are placed)",
    example="`b.yaml: PP100 error: and 299,900 more problems in this file (fix the ones above first)`",
    fix="Fix the listed ones; they are usually one mistake repeated.",
    messages={
        "more-problems": N_("and {count} more problems in this file (fix the ones above first)"),
    },
)

FILE_IN_WRONG_PLACE = Rule(
    "PP140",
    "error",
    N_("a file given in another file's place"),
    when="a file given in another file's place (a targets file as `--baseline`, or the two swapped)",
    example="`t.yaml: PP140 error: the files look swapped: t.yaml is a targets file and b.yaml a baseline; swap --baseline and --targets`",
    fix="Give each file to its own option.",
    messages={
        "looks-like": N_("this looks like a {kind} file, not a {role} file"),
        "looks-swapped": N_(
            "the files look swapped: {baseline} is a targets file and {targets} a baseline; swap "
            "--baseline and --targets"
        ),
    },
)

TARGETS_NEEDED = Rule(
    "PP141",
    "error",
    N_("the province's targets are needed"),
    when="only `--baseline` given, for another province than the bundled targets",
    example="`b.yaml:41:11: PP141 error: the baseline is for 'Tuyên Quang' but the bundled targets are for 'Cao Bằng': give the province's targets with --targets`",
    fix="Add `--targets` with the province's own targets file.",
    messages={
        "targets-needed": N_(
            "the baseline is for {province} but the bundled targets are for {bundled}: give the "
            "province's targets with --targets"
        ),
    },
)

UNREADABLE_WORKBOOK = Rule(
    "PP142",
    "error",
    N_("the workbook cannot be read"),
    when="a workbook that cannot be opened (not an .xlsx, an .xls or a password's, cut short, damaged)",
    example="`plan.xlsx: PP142 error: is not a readable Excel workbook (.xlsx): File is not a zip file`",
    fix="Save the file from Excel as .xlsx, or export it again.",
    messages={
        "workbook-unreadable": N_("is not a readable Excel workbook (.xlsx): {reason}"),
        "workbook-not-zip": N_("File is not a zip file"),
        "workbook-empty": N_("the file is empty (0 bytes)"),
        "workbook-old-or-locked": N_(
            "an Excel 97-2003 workbook (.xls) or one with a password: open it in Excel and save it "
            "as .xlsx (Excel Workbook), without a password"
        ),
        "workbook-cut-short": N_(
            "the file is cut short or damaged (a copy or download interrupted?): copy it again"
        ),
        "workbook-zip-not-xlsx": N_(
            "a zip file with no Excel workbook inside (a Word, OpenDocument or other file renamed?)"
        ),
        "workbook-name": N_("the file's name does not end in .xlsx: save it from Excel as .xlsx"),
        "workbook-damaged": N_(
            "a part of it is damaged or not as Excel writes it: open it in Excel and save it again"
        ),
    },
)

MISSING_SHEET = Rule(
    "PP143",
    "error",
    N_("a sheet missing from the workbook"),
    when="a workbook without its `plan` sheet or without an index sheet",
    example="`plan.xlsx: PP143 error: the sheet 'plan' is missing`",
    fix="Start from `parplan export` or `parplan init --xlsx`; keep the sheet names.",
    messages={
        "sheet-missing": N_("the sheet {sheet} is missing"),
        "no-index-sheet": N_("no index sheet (PAR, PAPI, SIPAS…)"),
    },
)

FILE_EXISTS = Rule(
    "PP144",
    "error",
    N_("a file that exists already"),
    when="`init` or `import` would overwrite a file",
    example="`p/targets_2026.yaml: PP144 error: exists already; not overwritten`",
    fix="Choose another folder; `import --force` overwrites.",
    messages={
        "exists": N_("exists already; not overwritten{hint}"),
    },
)

# PP2xx: keys and values against the file's schema

UNKNOWN_KEY = Rule(
    "PP201",
    "error",
    N_("an unknown key"),
    when="a key the file kind does not have",
    example="`b.yaml:26:9: par.2: PP201 error: unknown key 'name_eng' (did you mean 'name_en'?)`",
    fix="Fix the spelling; `parplan schema baseline` lists the keys.",
    messages={
        "unknown-key": N_("unknown key {key}{hint}"),
    },
)

MISSING_KEY = Rule(
    "PP202",
    "error",
    N_("a missing key"),
    when="a required key is missing",
    example="`b.yaml:20:5: par.1: PP202 error: missing key 'max'`",
    fix="Add it; write `null` when the value is unknown.",
    messages={
        "missing-key": N_("missing key {key}"),
    },
)

KEY_NOT_TEXT = Rule(
    "PP203",
    "error",
    N_("a key that is not text"),
    when="a key that is not text (`1:`, `yes:`)",
    example="`b.yaml:8:5: PP203 error: the key 1 must be text`",
    fix="Keys are words; quote it if it must be a number.",
    messages={
        "key-text": N_("the key {key} must be text"),
    },
)

WRONG_TYPE = Rule(
    "PP204",
    "error",
    N_("a value of the wrong type"),
    when="a value of the wrong kind",
    example="`t.yaml:12:9: PP204 error: owners: expected a list, got 'so-noi-vu'`",
    fix="Write it as the message says (a list: `[so-noi-vu]`).",
)

NOT_A_NUMBER = Rule(
    "PP205",
    "error",
    N_("not a number"),
    when="text where a number belongs",
    example="`b.yaml:22:16: par.1: PP205 error: score: expected a number, got the text '9,2779': write 9.2779 (point, no quotes)`",
    fix="Write the number with a decimal point and without quotes.",
    messages={
        "number-other": N_("expected a number, got {kind} {value}"),
    },
)

NOT_FINITE = Rule(
    "PP206",
    "error",
    N_("not a finite number"),
    when="NaN or infinity",
    example="`b.yaml:22:16: par.1: PP206 error: score: expected a finite number, got NaN or infinity`",
    fix="Write the number, or `null` when it is unknown.",
)

NUMBER_TOO_PRECISE = Rule(
    "PP207",
    "error",
    N_("a number too large or too precise"),
    when="a number too large or too precise",
    example="`b.yaml:22:16: par.1: PP207 error: score: the number 1e+20 is too large (…)`",
    fix="At most 12 digits before the point and 12 after.",
)

INVALID_RANK = Rule(
    "PP208",
    "error",
    N_("not a rank k/N"),
    when="a rank that is not k/N with 1 ≤ k ≤ N",
    example="`b.yaml:29:15: par.2: PP208 error: rank: expected a rank k/N such as 39/63 (1 <= k <= N), got '70/63'`",
    fix="Write `k/N` with N the number of provinces ranked (34 since 2025).",
)

INVALID_ID = Rule(
    "PP209",
    "error",
    N_("not a valid id"),
    when="an id of the wrong shape",
    example="`b.yaml:19:9: PP209 error: id: expected an id such as par.2.impl (…), got 'Par 2'`",
    fix="Lower-case letters, digits, `_` and dots (body ids: `-`).",
)

EMPTY_LIST = Rule(
    "PP210",
    "error",
    N_("an empty list"),
    when="a list that must not be empty",
    example="`b.yaml:5:3: PP210 error: criteria: must list at least one item`",
    fix="Add at least one criterion.",
)

VALUE_NOT_ALLOWED = Rule(
    "PP211",
    "error",
    N_("a value that is not allowed"),
    when="another value the schema refuses",
    example="`t.yaml:14:17: par.1: PP211 error: comparison: must be one of '>', '>=', got '=>'`",
    fix="Use one of the values the message names.",
)

CONTROL_CHARACTER_IN_TEXT = Rule(
    "PP212",
    "error",
    N_("a control character in text"),
    when="a control or bidirectional character in text (ESC, DEL, a tab or line break in a name, U+202E), or a character no Word or Excel file can hold (U+FFFE, U+FFFF)",
    example="`b.yaml:20:15: par.1: PP212 error: name: the text contains the control character U+001B (ESCAPE) at position 1: remove it`",
    fix="Retype the text; control characters come from copying out of PDFs or terminals. A note may run over lines.",
)

CELL_NOT_A_NUMBER = Rule(
    "PP220",
    "error",
    N_("a cell that is not a number"),
    when="a workbook cell that is not a number",
    example="`plan.xlsx:PAR!D7: PP220 error: score: expected a number, got 'mười hai'`",
    fix="Type the number in the cell (a number cell, not text).",
    messages={
        "cell-bool": N_("expected {expected}, got a boolean"),
    },
)

CELL_WITH_FORMULA = Rule(
    "PP221",
    "error",
    N_("a cell with a formula"),
    when="a workbook cell with a formula",
    example="`plan.xlsx:PAR!D3: PP221 error: score: the cell holds the formula '=1+2': type the value, not a formula`",
    fix="Type the value itself.",
)

UNREADABLE_CELL = Rule(
    "PP222",
    "error",
    N_("a cell that cannot be read"),
    when="a cell that cannot be read (an Excel error, a rank turned into a date)",
    example="`plan.xlsx:PAR!E4: PP222 error: rank: expected a rank k/N, got a date: format the cell as Text and type it again`",
    fix="Format rank cells as Text.",
    messages={
        "cell-error": N_("the cell holds Excel's error {value}"),
        "cell-date": N_("expected a rank k/N, got a date: format the cell as Text and type it again"),
    },
)

UNKNOWN_COLUMN = Rule(
    "PP223",
    "error",
    N_("an unknown column"),
    when="a column (or a `plan` row) the workbook does not have",
    example="`plan.xlsx:PAPI!Z1: PP223 error: unknown column 'colour'; the columns are: id, name, …`",
    fix="Delete the column, or name it as the message lists.",
    messages={
        "unknown-column": N_("unknown column {column}; the columns are: {known}"),
    },
)

ORPHAN_ROW = Rule(
    "PP224",
    "error",
    N_("a row that belongs to no criterion"),
    when="a `part_of` naming no criterion on a row above",
    example="`plan.xlsx:PAR!L4: PP224 error: part_of 'par.99' is not a criterion on a row above in this sheet`",
    fix="Give the id of the field the part belongs to, listed above it.",
    messages={
        "part-of": N_("part_of {parent} is not a criterion on a row above in this sheet"),
    },
)

UNINTENDED_PERCENT = Rule(
    "PP225",
    "error",
    N_("a percent cell where no percent is meant"),
    when="a cell formatted as a percent (`98%`, stored as 0.98) where the value is no percent",
    example="`plan.xlsx:PAR!D3: PP225 error: score: the cell is formatted as a percent (98%), but this value is no percent: type the number and remove the percent format`",
    fix="Type the number itself. In a row whose `unit` is `percent`, a percent cell is read as shown: `98%` is 98.",
)

COLUMN_TWICE = Rule(
    "PP226",
    "error",
    N_("a column given twice"),
    when="a column header given twice on a sheet (the later would win silently)",
    example="`plan.xlsx:PAR!X1: PP226 error: the column 'Score (score)' is already at PAR!D1: each column is given once`",
    fix="Delete one of the two columns.",
    messages={
        "column-twice": N_("the column {column} is already at {first}: each column is given once"),
    },
)

# PP3xx: what a plan's files say, checked together (errors)

DUPLICATE_ID = Rule(
    "PP301",
    "error",
    N_("a duplicate id"),
    when="two criteria with one id",
    example="`b.yaml:40:9: par.1: PP301 error: duplicate id 'par.1'`",
    fix="Ids are unique within a file.",
    messages={
        "duplicate-id": N_("duplicate id {id}"),
    },
)

MAXIMUM_NOT_POSITIVE = Rule(
    "PP302",
    "error",
    N_("a maximum not above 0"),
    when="a maximum of 0 or below",
    example="`b.yaml:21:14: par.1: PP302 error: max 0 must be above 0`",
    fix="Write the criteria set's maximum, or `null`.",
    messages={
        "max-positive": N_("max {max} must be above 0"),
    },
)

SCORE_BELOW_ZERO = Rule(
    "PP303",
    "error",
    N_("a score below 0"),
    when="a score below 0",
    example="`b.yaml:22:16: par.1: PP303 error: score -1 is below 0`",
    fix="Check the source figure.",
    messages={
        "score-negative": N_("score {score} is below 0"),
    },
)

SCORE_ABOVE_MAXIMUM = Rule(
    "PP304",
    "error",
    N_("a score above the maximum"),
    when="a score above the maximum",
    example="`b.yaml:22:16: par.1: PP304 error: score 10.5 is above the maximum 10`",
    fix="Check the score and the maximum of the criteria set in force.",
    messages={
        "score-above": N_("score {score} is above the maximum {max}"),
    },
)

PARTS_MAXIMA_MISMATCH = Rule(
    "PP305",
    "error",
    N_("parts' maxima that do not sum"),
    when="parts whose maxima do not sum to the parent's",
    example="`b.yaml:30:14: par.2: PP305 error: the parts' maxima sum to 9, not to max 10`",
    fix="Fix a part's maximum or the parent's.",
    messages={
        "parts-max": N_("the parts' maxima sum to {total}, not to max {max}"),
    },
)

UNKNOWN_ID = Rule(
    "PP306",
    "error",
    N_("an id not in the file"),
    when="history, references or facts naming an unknown id",
    example="`b.yaml:300:9: PP306 error: 'par.9' is not a criterion of this file`",
    fix="Use an id of the file's criteria.",
)

OTHER_PROVINCE = Rule(
    "PP307",
    "error",
    N_("another province"),
    when="files of different provinces",
    example="`t.yaml:2:11: PP307 error: province 'Hà Giang' differs from the baseline's 'Cao Bằng'`",
    fix="Give the files of one plan (`--targets` with `--baseline`).",
    messages={
        "province": N_("province {province} differs from the baseline's {baseline}"),
    },
)

OTHER_BASELINE_YEAR = Rule(
    "PP308",
    "error",
    N_("another baseline year"),
    when="targets for another baseline year",
    example="`t.yaml:4:16: PP308 error: baseline_year 2023 differs from the baseline's year 2024`",
    fix="Give the baseline of that year, or fix `baseline_year`.",
    messages={
        "baseline-year": N_("baseline_year {year} differs from the baseline's year {baseline}"),
    },
)

DUPLICATE_BODY = Rule(
    "PP309",
    "error",
    N_("a duplicate body id"),
    when="two bodies with one id",
    example="`t.yaml:30:9: so-noi-vu: PP309 error: duplicate body id 'so-noi-vu'`",
    fix="Body ids are unique.",
    messages={
        "duplicate-body": N_("duplicate body id {id}"),
    },
)

UNKNOWN_BODY = Rule(
    "PP310",
    "error",
    N_("an unknown body"),
    when="an owner that is not a listed body",
    example="`t.yaml:88:40: par.1: PP310 error: unknown body 'so-ngoai-vu'`",
    fix="Add the body under `bodies:` or fix the id.",
    messages={
        "unknown-body": N_("unknown body {id}"),
    },
)

DUPLICATE_TARGET = Rule(
    "PP311",
    "error",
    N_("a duplicate target"),
    when="two targets for one criterion",
    example="`t.yaml:95:9: par.1: PP311 error: duplicate target for 'par.1'`",
    fix="Keep one target per criterion.",
    messages={
        "duplicate-target": N_("duplicate target for {id}"),
    },
)

TARGET_FOR_UNKNOWN_CRITERION = Rule(
    "PP312",
    "error",
    N_("a target for an unknown criterion"),
    when="a target for a criterion the baseline lacks",
    example="`t.yaml:95:9: par.9: PP312 error: 'par.9' is not in the baseline`",
    fix="Fix the id, or give the right `--baseline`.",
    messages={
        "target-unknown": N_("{id} is not in the baseline"),
    },
)

TARGET_BELOW_ZERO = Rule(
    "PP313",
    "error",
    N_("a target below 0"),
    when="a target below 0",
    example="`t.yaml:96:13: par.1: PP313 error: target -1 is below 0`",
    fix="Check the target.",
    messages={
        "target-negative": N_("target {target} is below 0"),
    },
)

TARGET_ABOVE_MAXIMUM = Rule(
    "PP314",
    "error",
    N_("a target above the maximum"),
    when="a target above the maximum",
    example="`t.yaml:96:13: par.1: PP314 error: target 10.01 is above the maximum 10`",
    fix="Check the target and the maximum.",
    messages={
        "target-above": N_("target {target} is above the maximum {max}"),
    },
)

UNREACHABLE_TARGET = Rule(
    "PP315",
    "error",
    N_("an unreachable target"),
    when="a strict target equal to the maximum",
    example="`t.yaml:96:13: par.1: PP315 error: target > 10 is unreachable: the maximum is 10`",
    fix="Use `>=` or a lower target.",
    messages={
        "target-strict-max": N_("target > {target} is unreachable: the maximum is {max}"),
    },
)

INCREASE_PAST_MAXIMUM = Rule(
    "PP316",
    "error",
    N_("an increase past the maximum"),
    when="score + increase above the maximum",
    example="`t.yaml:96:15: par.1: PP316 error: score 9 + increase 2 is above the maximum 10`",
    fix="Lower the increase.",
    messages={
        "increase-above": N_("score {score} + increase {increase} is above the maximum {max}"),
    },
)

RESULTS_OF_OTHER_YEAR = Rule(
    "PP317",
    "error",
    N_("results of another year"),
    when="results of another year than the targets",
    example="`r.yaml:3:7: PP317 error: results for 2026, but the targets are for 2025`",
    fix="Give the results of the targets' year.",
    messages={
        "results-year": N_("results for {year}, but the targets are for {targets}"),
    },
)

RESULT_FOR_UNKNOWN_CRITERION = Rule(
    "PP318",
    "error",
    N_("a result for an unknown criterion"),
    when="a result for a criterion the baseline lacks",
    example="`r.yaml:40:9: par.9: PP318 error: 'par.9' is not in the baseline: is this a results file for another plan?`",
    fix="Give the results of this plan.",
    messages={
        "results-unknown": N_("{id} is not in the baseline: is this a results file for another plan?"),
    },
)

PART_ID_OUTSIDE_PARENT = Rule(
    "PP360",
    "error",
    N_("a part id outside its parent's id"),
    when="a part whose id does not extend its parent's",
    example="`b.yaml:30:9: papi.1.impl: PP360 error: the id 'papi.1.impl' does not start with its parent's id 'par.2': a part's id is 'par.2'.<name>`",
    fix="Give the part its parent's id and a name: `par.2.impl`.",
    messages={
        "part-outside": N_(
            "the id {id} does not start with its parent's id {parent}: a part's id is {parent}.<name>"
        ),
    },
)

GIVEN_TOTAL_UNDECLARED = Rule(
    "PP330",
    "error",
    N_("a given total without total: given"),
    when="a `score` on an index whose total is `sum` or `none`",
    example="`b.yaml:213:12: sipas: PP330 error: a total score 84.5 is read only with total: given (this index has total: none)`",
    fix="Write `total: given` when the total is published, or drop `score`.",
    messages={
        "score-not-given": N_(
            "a total score {score} is read only with total: given (this index has total: {total})"
        ),
    },
)

GROUP_TARGET_FOR_CRITERION = Rule(
    "PP331",
    "error",
    N_("a group target for a criterion"),
    when="a `group` target for a criterion, not an index",
    example="`t.yaml:70:9: par.1: PP331 error: 'par.1' is not an index: only an index is placed in a group`",
    fix="Put the group target on the index (`par`).",
    messages={
        "group-not-index": N_("{id} is not an index: only an index is placed in a group"),
    },
)

UNDECLARED_GROUP = Rule(
    "PP332",
    "error",
    N_("a group the index does not declare"),
    when="a group the index does not declare (in a target, a result or the history)",
    example="`t.yaml:70:30: par: PP332 error: group 'S' is not one of the groups of 'par' (A, B)`",
    fix="Declare the index's `groups:` in the baseline, or fix the name.",
    messages={
        "group-unknown": N_("group {group} is not one of the groups of {id} ({groups})"),
        "group-none": N_(
            "group {group} is not a group of {id}: it declares none; declare `groups:` in the baseline"
        ),
    },
)

AMBIGUOUS_GROUPS = Rule(
    "PP333",
    "error",
    N_("groups with one name or one minimum"),
    when="two groups of an index with one name or one minimum",
    example="`b.yaml:20:7: par: PP333 error: the groups of 'par' repeat a name or a minimum: A 90, B 90`",
    fix="Each group has its own name and its own minimum.",
    messages={
        "group-duplicate": N_("the groups of {id} repeat a name or a minimum: {groups}"),
    },
)

RANK_TARGET_BEYOND_BASE = Rule(
    "PP334",
    "error",
    N_("a rank target beyond its base"),
    when="a `rank_target` beyond its `rank_base`",
    example="`t.yaml:70:22: par: PP334 error: rank target 40 is beyond rank_base 34`",
    fix="A rank target is at most the number of provinces.",
    messages={
        "rank-target-base": N_("rank target {rank} is beyond rank_base {base}"),
    },
)

TARGET_YEAR_BEFORE_PLAN = Rule(
    "PP335",
    "error",
    N_("a target year before the plan's year"),
    when="a target `year` before the targets file's `year`",
    example="`t.yaml:70:40: par: PP335 error: target year 2024 is before the plan's year 2025`",
    fix="A target is for the plan's year or later.",
    messages={
        "target-year": N_("target year {year} is before the plan's year {plan}"),
    },
)

PROVINCE_TWICE_IN_LEAGUE = Rule(
    "PP336",
    "error",
    N_("a province twice in a league table"),
    when="a province listed twice in one `league` table",
    example="`b.yaml:300:9: papi: PP336 error: province 'Hà Nội' is listed twice in the 'papi' table of 2024`",
    fix="One score per province.",
    messages={
        "league-duplicate": N_("province {province} is listed twice in the {id} table of {year}"),
    },
)

SCORE_FOR_INDEX = Rule(
    "PP350",
    "error",
    N_("a score given for an index"),
    when="a score in a short results file for an index whose total is the sum of its criteria, or that has no total (`total: none`); an index with `total: given` (SIPAS's overall %) takes its score",
    example="`r.yaml:4:22: par: PP350 error: 'par' is an index: its score is the sum of its criteria; give only its rank`",
    fix="Give the index's rank only.",
    messages={
        "index-score": N_("{id} is an index: its score is the sum of its criteria; give only its rank"),
        "index-score-none": N_("{id} is an index without a total (total: none): give only its rank"),
    },
)

DUPLICATE_RESULT = Rule(
    "PP351",
    "error",
    N_("a duplicate result"),
    when="two results for one id in a short results file",
    example="`r.yaml:8:10: par.1: PP351 error: duplicate result for 'par.1'`",
    fix="Keep one.",
    messages={
        "duplicate-result": N_("duplicate result for {id}"),
    },
)

# PP4xx: what looks wrong but may be the plan's own choice (warnings)

SCORE_NOT_SUM_OF_PARTS = Rule(
    "PP401",
    "warning",
    N_("a score that is not the sum of its parts"),
    when="a parent's score is not the sum of its parts'",
    example="`b.yaml:22:16: par.2: PP401 warning: score 5 differs from the sum of its parts 4.9`",
    fix="Check which figure the source got wrong; note it in `note:`.",
    messages={
        "score-parts": N_("score {score} differs from the sum of its parts {total}"),
    },
)

INCREASE_NOT_SUM_OF_PARTS = Rule(
    "PP402",
    "warning",
    N_("an increase that is not the sum of its parts"),
    when="an increase is not the sum of its parts' increases",
    example="`t.yaml:97:15: par.2: PP402 warning: increase 1 differs from the sum of its parts' increases 0.2`",
    fix="Make the parts' increases add up, or accept the plan's figure.",
    messages={
        "increase-parts": N_("increase {increase} differs from the sum of its parts' increases {total}"),
    },
)

TARGET_ABOVE_PLANNED_INCREASE = Rule(
    "PP403",
    "warning",
    N_("a target above the planned increase"),
    when="a target above score + increase",
    example="`t.yaml:98:60: par.1: PP403 warning: target > 9.41 is above score 9.2779 + increase 0.13 = 9.4079: unreachable by the planned increase`",
    fix="Raise the increase or lower the target.",
    messages={
        "target-unreachable": N_(
            "target {comparison} {target} is above {sums}: unreachable by the planned increase"
        ),
    },
)

TARGET_BELOW_PLANNED_INCREASE = Rule(
    "PP404",
    "warning",
    N_("a target below the planned increase"),
    when="a target below score + increase (cut to two decimals)",
    example="`t.yaml:98:60: par.5: PP404 warning: target > 13.5 is below score 12.0317 + increase 1.5187 = 13.5504 (13.55 cut to two decimals): looser than planned`",
    fix="The plan's own rule is score + increase cut to two decimals; fix one of them.",
    messages={
        "target-looser": N_("target {comparison} {target} is below {sums}: looser than planned"),
    },
)

TARGET_NOT_SCORE_PLUS_INCREASE = Rule(
    "PP405",
    "warning",
    N_("a target that is not score + increase"),
    when="a target between the cut and the full score + increase",
    example="`t.yaml:98:60: par.1: PP405 warning: target > 9.405 is not score 9.2779 + increase 0.13 = 9.4079 (9.40 cut to two decimals)`",
    fix="Write the target cut to two decimals (9.40) or in full (9.4079).",
    messages={
        "target-not-sum": N_("target {comparison} {target} is not {sums}"),
    },
)

TARGET_BELOW_CURRENT_SCORE = Rule(
    "PP460",
    "warning",
    N_("a target below the current score"),
    when="a target below this year's score",
    example="`t.yaml:96:13: par.1: PP460 warning: target >= 9 is below this year's score 9.2779: the plan would accept a fall`",
    fix="Raise the target, or note why a fall is accepted.",
    messages={
        "target-below-score": N_(
            "target {comparison} {target} is below this year's score {score}: the plan would accept a fall"
        ),
    },
)

NEGATIVE_INCREASE = Rule(
    "PP461",
    "warning",
    N_("a negative planned increase"),
    when="a negative planned increase",
    example="`t.yaml:96:15: par.1: PP461 warning: the planned increase -0.5 is negative: the plan expects a fall`",
    fix="Check the sign.",
    messages={
        "negative-increase": N_("the planned increase {increase} is negative: the plan expects a fall"),
    },
)

RESULTS_WITH_OTHER_MAXIMUM = Rule(
    "PP462",
    "warning",
    N_("results with another maximum"),
    when="a results file with another maximum than the baseline's",
    example="`r.yaml:21:14: par.1: PP462 warning: max 10 differs from the baseline's 9.5: the criteria set changed, …`",
    fix="Gaps of the two years mean different things; `check` shows this note.",
    messages={
        "max-changed": N_(
            "max {max} differs from the baseline's {baseline}: the criteria set changed, so gaps of the "
            "two years are not alike"
        ),
    },
)

GIVEN_TOTAL_NOT_SUM = Rule(
    "PP430",
    "warning",
    N_("a given total that is not the sum"),
    when="a given total (`total: given`) of points that is not the known sum of the criteria (never for a percentage: SIPAS's overall % is no sum)",
    example="`b.yaml:213:12: papi: PP430 warning: the given total 42.05 differs from the sum of the criteria 41.33`",
    fix="Check which figure the source got wrong; the given total is used.",
    messages={
        "given-differs": N_("the given total {score} differs from the sum of the criteria {total}"),
    },
)

SYNTHETIC_LEAGUE = Rule(
    "PP431",
    "warning",
    N_("a synthetic league table"),
    when="a `league` table marked `synthetic: true`",
    example="`b.yaml:300:9: papi: PP431 warning: the 'papi' table of 2024 is synthetic (synthetic: true), not published figures`",
    fix="Test data only: replace it with the published table before reporting.",
    messages={
        "league-synthetic": N_(
            "the {id} table of {year} is synthetic (synthetic: true), not published figures"
        ),
    },
)

LEAGUE_RANKS_UNREAD = Rule(
    "PP432",
    "warning",
    N_("ranks in a full league table"),
    when="a `league` table with `ranks` that is not marked `partial: true` (a full table's order is its ranks)",
    example="`b.yaml:416:12: par: PP432 warning: the 'par' table of 2024 gives ranks but is not marked partial: true; its order gives the ranks, so these are not read`",
    fix="Mark the table `partial: true` if it lists only some provinces; otherwise delete `ranks`.",
    messages={
        "league-ranks-unread": N_(
            "the {id} table of {year} gives ranks but is not marked partial: true; its order gives "
            "the ranks, so these are not read"
        ),
    },
)

# PP5xx: the province's own units (units.yaml and scores_YEAR.csv, issue 19)

UNIT_SCORE_ABOVE_MAXIMUM = Rule(
    "PP501",
    "error",
    N_("a unit's score above the maximum"),
    when="a unit's score (`self` or `appraised`) above its criterion's maximum",
    example="`scores_2025.csv:2:17: so-noi-vu: PP501 error: the score 4.5 is above the maximum 4 of criterion '1.1'`",
    fix="Correct the score; the maximum is in `units.yaml`.",
    messages={
        "u-above-max": N_("the score {score} is above the maximum {max} of criterion {criterion}"),
    },
)

UNIT_SCORE_BELOW_ZERO = Rule(
    "PP502",
    "error",
    N_("a unit's score below 0"),
    when="a unit's score, bonus or penalty below 0",
    example="`scores_2025.csv:8:15: so-noi-vu: PP502 error: the score -1 is below 0`",
    fix="Write the points, not a loss; a penalty is a positive number.",
    messages={
        "u-below-zero": N_("the score {score} is below 0"),
    },
)

UNKNOWN_UNIT = Rule(
    "PP503",
    "error",
    N_("an unknown unit"),
    when="a score row for a unit `units.yaml` does not list",
    example="`scores_2025.csv:6:1: so-khong-co: PP503 error: unit 'so-khong-co' is not in units.yaml`",
    fix="Fix the unit id, or add the unit to `units:`.",
    messages={
        "u-unknown-unit": N_("unit {unit} is not in units.yaml{hint}"),
        "u-unit-no-rows": N_("unit {unit} ({name}) has no rows in {file}: it has no result to analyse"),
    },
)

UNKNOWN_CRITERION = Rule(
    "PP504",
    "error",
    N_("an unknown criterion"),
    when="a score row for a criterion not in the criteria set",
    example="`scores_2025.csv:5:11: so-noi-vu: PP504 error: criterion '9.9' is not in the criteria set`",
    fix="Fix the criterion id (`bonus` and `penalty` are the two words besides the ids).",
    messages={
        "u-unknown-criterion": N_("criterion {criterion} is not in the criteria set{hint}"),
    },
)

SCORE_FOR_GROUP_CRITERION = Rule(
    "PP505",
    "error",
    N_("a score for a criterion with sub-criteria"),
    when="a score row for a criterion that has sub-criteria",
    example="`scores_2025.csv:4:11: so-noi-vu: PP505 error: criterion '1.3' has sub-criteria: score each of them instead`",
    fix="Score each leaf; a group's points are their sum.",
    messages={
        "u-group-row": N_("criterion {criterion} has sub-criteria: score each of them instead"),
    },
)

UNIT_CRITERION_TWICE = Rule(
    "PP506",
    "error",
    N_("the same unit and criterion twice"),
    when="the same unit and criterion twice",
    example="`scores_2025.csv:3:11: so-noi-vu: PP506 error: unit 'so-noi-vu' and criterion '1.1' are given already on line 2`",
    fix="Keep one row.",
    messages={
        "u-twice": N_("unit {unit} and criterion {criterion} are given already on line {line}"),
    },
)

NEVER_APPLIES = Rule(
    "PP507",
    "error",
    N_("applicable: no where it never applies"),
    when="a row (or `applicable: no`) for a criterion that does not apply to the unit's block anyway",
    example="`scores_2025.csv:7:17: so-noi-vu: PP507 error: criterion '1.2' does not apply to block 'so' anyway: leave the row out`",
    fix="Leave the row out: the criteria set already excludes it.",
    messages={
        "u-never-applies": N_(
            "criterion {criterion} does not apply to block {block} anyway: leave the row out"
        ),
    },
)

UNKNOWN_BLOCK = Rule(
    "PP508",
    "error",
    N_("an unknown block"),
    when="a unit or a criterion's `blocks` naming a block not in `blocks:`",
    example="`units.yaml:49:51: xa-c: PP508 error: block 'thon' is not among the blocks`",
    fix="Fix the id, or declare the block.",
    messages={
        "u-unknown-block": N_("block {block} is not among the blocks"),
    },
)

CLASSES_OUT_OF_ORDER = Rule(
    "PP509",
    "error",
    N_("classes not in descending order"),
    when="classes not in descending order of `min`",
    example="`units.yaml:14:22: PP509 error: class 'Khá' (85) is not below the class before it (80): list the classes highest first`",
    fix="List the classes highest first.",
    messages={
        "u-classes-order": N_(
            "class {name} ({min}) is not below the class before it ({before}): list the classes highest first"
        ),
    },
)

LIMIT_ABOVE_MAXIMUM = Rule(
    "PP510",
    "error",
    N_("a bonus or penalty above its maximum"),
    when="a bonus or penalty above its maximum",
    example="`scores_2025.csv:9:18: so-noi-vu: PP510 error: the bonus 2.5 is above its maximum 2`",
    fix="Correct it; the maximum is `bonus: {max: …}` in `units.yaml`.",
    messages={
        "u-limit-above": N_("the {which} {score} is above its maximum {max}"),
    },
)

DUPLICATE_UNITS_ID = Rule(
    "PP511",
    "error",
    N_("a duplicate id in units.yaml"),
    when="an id used twice in `units.yaml` (a block, a unit, a criterion), or a criterion named `bonus`/`penalty`",
    example="`units.yaml:51:10: xa-c: PP511 error: the id 'xa-c' is used above already`",
    fix="Give each its own id.",
    messages={
        "u-duplicate-id": N_("the id {id} is used above already"),
        "u-reserved-id": N_("the id {id} is kept for the bonus and penalty rows"),
    },
)

SCORE_TABLE_COLUMNS = Rule(
    "PP512",
    "error",
    N_("the score table's columns"),
    when="a scores table without the contract's columns, or a row of another width",
    example="`s.csv:2:1: so-noi-vu: PP512 error: the row has 3 columns, expected 6`",
    fix="The header is `unit,criterion,self,appraised,applicable,note`.",
    messages={
        "u-columns": N_("expected the columns {expected}; the file has {got}"),
        "u-row-width": N_("the row has {got} columns, expected {expected}"),
        "u-csv-broken": N_("the table cannot be read from here on: {reason}"),
        "u-csv-long-cell": N_("a cell is longer than {limit} characters (a quote left open?)"),
        "u-csv-unreadable": N_("the csv module cannot split the row into cells"),
    },
)

UNREADABLE_SCORE_CELL = Rule(
    "PP513",
    "error",
    N_("a score table value that cannot be read"),
    when="a cell of the scores table that cannot be read (a number, `applicable`, a blank id)",
    example="`scores_2025.csv:10:10: xa-c: PP513 error: column self: '4,5' is not a decimal number (e.g. 1.25)`",
    fix=(
        "Write plain decimals with a point (a `;` table may use the comma); `applicable` is blank, "
        "`yes`/`có` or `no`/`không`."
    ),
    messages={
        "u-not-number": N_("column {column}: {value} is not a decimal number (e.g. 1.25)"),
        "u-applicable": N_("column applicable: {value} is not allowed (blank, yes/có or no/không)"),
        "u-applicable-sheet": N_("column {column}: {value} is not allowed (blank, có/yes or không/no)"),
        "u-blank": N_("column {column} is blank"),
    },
)

CRITERION_WITHOUT_MAXIMUM = Rule(
    "PP514",
    "error",
    N_("a criterion without a maximum"),
    when="a leaf criterion without a maximum",
    example="`units.yaml:34:9: 2.2: PP514 error: criterion '2.2' has no maximum (max)`",
    fix="Fill in `max` from the province's decision (`units init` leaves them null).",
    messages={
        "u-no-max": N_("criterion {criterion} has no maximum (max)"),
    },
)

GROUP_MAXIMUM_NOT_SUM = Rule(
    "PP515",
    "error",
    N_("a group maximum not the sum"),
    when="a group's `max` that is not the sum of its criteria's maxima",
    example="`units.yaml:26:14: 1.3: PP515 error: the maximum 3 is not the sum of its criteria's maxima, 2`",
    fix="Correct one of them, or leave the group's `max` out.",
    messages={
        "u-group-max": N_("the maximum {max} is not the sum of its criteria's maxima, {sum}"),
    },
)

LIMIT_NOT_PROVIDED = Rule(
    "PP516",
    "error",
    N_("a bonus or penalty not provided"),
    when="a `bonus` or `penalty` row where `units.yaml` has none",
    example="`scores_2025.csv:4:6: xa-c: PP516 error: the criteria set has no bonus`",
    fix="Add `bonus: {max: …}` to `units.yaml`, or leave the row out.",
    messages={
        "u-no-limit": N_("the criteria set has no {which}"),
    },
)

NOTHING_APPLICABLE = Rule(
    "PP517",
    "error",
    N_("a unit with nothing applicable"),
    when="a unit to which no criterion applies (nothing to divide by)",
    example="`scores_2025.csv: xa-c: PP517 error: unit 'xa-c' has no applicable criterion`",
    fix="Check its block and its `applicable: no` rows.",
    messages={
        "u-zero-max": N_("unit {unit} has no applicable criterion"),
    },
)

SECOND_WORKBOOK = Rule(
    "PP540",
    "error",
    N_("a second workbook for one unit"),
    when="a second workbook (or a second council sheet) for one unit",
    example="`xa-c.xlsx:Tự chấm!B1: PP540 error: unit 'xa-c' has a workbook already, at xa-c-cu.xlsx:Tự chấm!B1`",
    fix="Keep the unit's latest workbook only.",
    messages={
        "u-sheet-twice": N_("unit {unit} has a workbook already, at {first}"),
    },
)

CRITERION_ROWS_CHANGED = Rule(
    "PP541",
    "error",
    N_("a criterion row added, deleted or changed in a unit's workbook"),
    when="a criterion row added, deleted or changed (id, name, maximum) in a unit's workbook",
    example="`so-tu-phap.xlsx:Tự chấm!A20: PP541 error: the row '9.9' is not one of this unit's criteria: rows may not be added`",
    fix="Write the unit's workbook again (`units sheet --unit ID`) and copy the scores into it.",
    messages={
        "u-row-added": N_("the row {criterion} is not one of this unit's criteria: rows may not be added"),
        "u-row-deleted": N_("the row of criterion {criterion} is missing: rows may not be deleted"),
        "u-row-renamed": N_(
            "the row of criterion {criterion} was changed (here {got}): its id, name and maximum"
            " are the criteria set's"
        ),
    },
)

NOT_A_SCORE_SHEET = Rule(
    "PP543",
    "error",
    N_("not a unit's score sheet"),
    when="a sheet that is not a unit's score sheet (A1 `Đơn vị (unit)`, B1 the unit's id)",
    example="`ghi-chu.xlsx:Sheet1!A1: PP543 error: not a unit's score sheet: cell A1 must say Đơn vị (unit) and B1 the unit's id`",
    fix="Collect only the workbooks `units sheet` wrote.",
    messages={
        "u-not-sheet": N_("not a unit's score sheet: cell A1 must say {label} and B1 the unit's id"),
    },
)

UNIT_WITHOUT_SCORES = Rule(
    "PP450",
    "warning",
    N_("a unit with no scores"),
    when="a unit with no score rows at all: it is left out of the ranking",
    example="`scores_2025.csv: xa-e: PP450 warning: unit xa-e (UBND xã E) has no scores, so it is not ranked`",
    fix="Add its rows, or ignore it if it did not report this year.",
    messages={
        "u-no-rows": N_("unit {unit} ({name}) has no scores, so it is not ranked"),
    },
)

NO_EVIDENCE = Rule(
    "PP451",
    "warning",
    N_("a self score with no evidence"),
    when="a unit's self score above 0 with nothing in its evidence cell (`units collect`)",
    example="`so-tu-phap.xlsx:Tự chấm!D5: PP451 warning: a self score of 1 with no evidence: give the document's number and date, or an explanation`",
    fix="Ask the unit for the document's number and date, or its explanation.",
    messages={
        "u-no-evidence": N_(
            "a self score of {score} with no evidence: give the document's number and date, or an explanation"
        ),
    },
)

# PP9xx: where the output goes

UNWRITABLE_OUTPUT = Rule(
    "PP901",
    "error",
    N_("the output cannot be written"),
    when="the output file cannot be written (a full disk, a read-only folder, a name too long, a link loop, a file where a folder should be: named)",
    example="`out.md: PP901 error: cannot be written: No space left on device`",
    fix="Free space, or write elsewhere with `-o`.",
    messages={
        "cannot-write": N_("cannot be written: {reason}"),
        "output-folder": N_("is a directory, not a file"),
    },
)

RULES: Mapping[str, Rule] = {rule: rule for rule in globals().values() if isinstance(rule, Rule)}
"""Every rule by code, in the order of the docs. Codes are stable: never reused for another rule."""


def _by_code(code: str) -> Rule:
    return RULES[code]


def rule_named(code: str) -> Rule | None:
    """The rule a code names, however it is cased (``pp404``); None for no rule."""
    return RULES.get(code.upper())


def ignorable(code: str) -> bool:
    """Only warnings can be silenced: an error means the numbers would mislead."""
    rule = rule_named(code)
    return rule is not None and rule.severity == "warning"


def unknown_codes(codes: Iterable[str]) -> list[str]:
    """Codes that name no rule (a typo in ``--ignore``)."""
    return [code for code in codes if rule_named(code) is None]


def unignorable_codes(codes: Iterable[str]) -> list[str]:
    """Codes of errors, which ``--ignore`` refuses: their numbers would mislead."""
    return [code for code in codes if (rule := rule_named(code)) is not None and rule.severity == "error"]
