"""The vocabulary of problems: every error and warning parplan reports, with its stable rule code.

A leaf module (it imports only the languages, :mod:`parplan.vocab.i18n`), so every layer can
speak it. A problem is *data* (check-jsonschema, frictionless): a rule code that never changes
(``PP204``), a message by key whose English msgid is translated by the gettext catalogue, and,
once placed, its file, line, column and criterion id. ``docs/errors.md`` lists every code.
"""

from __future__ import annotations

import errno
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from parplan.vocab.i18n import N_, tr
from parplan.vocab.i18n import Lang as Lang  # noqa: PLC0414 (re-exported: mypy --strict)
from parplan.vocab.paths import shown_path
from parplan.vocab.rules import MORE_PROBLEMS, unignorable_codes, unknown_codes
from parplan.vocab.rules import RULES as RULES  # noqa: PLC0414 (re-exported: mypy --strict)
from parplan.vocab.rules import Rule as Rule  # noqa: PLC0414
from parplan.vocab.rules import Severity as Severity  # noqa: PLC0414
from parplan.vocab.rules import ignorable as ignorable  # noqa: PLC0414

Path = tuple[str | int, ...]
"""A path into a file's data: mapping keys and list positions."""
Role = Literal["baseline", "targets", "results"]


SHARED: Mapping[str, str] = {
    # key: English msgid (its Vietnamese is in the .po). {name} takes an argument.
    "yaml-syntax": N_("is not valid YAML: {problem}{context}"),
    "yaml-context": N_(" ({context} from line {line}, column {column})"),
    "duplicate-key": N_("duplicate key {key}"),
    "unreadable-value": N_("{value} cannot be read as {kind} ({reason})"),
    "kind-int": N_("an integer"),
    "kind-date": N_("a date"),
    "kind-float": N_("a number"),
    "a-list": N_("a list"),
    "a-mapping": N_("a mapping"),
    "a-value": N_("a single value"),
    "tag-not-allowed": N_("the tag {tag} is not allowed"),
    "kind-bool": N_("bool"),
    "digits": N_("more than 100 digits"),
    "not-bool": N_("not yes/no, true/false or on/off"),
    "not-date": N_("not of the form YYYY-MM-DD"),
    # init's refusals of its options
    "init-province-empty": N_("the province name is empty"),
    "init-year-outside": N_("year {year} is outside {first}-{last}"),
    "init-no-criteria-set": N_(
        "no criteria set in force in {year} for: {missing}; parplan ships the sets in {folder}"
    ),
    "init-earliest-set": N_("{index} (earliest set in force from {earliest})"),
    "init-any-index": N_("any index"),
    # why the system refused a read or a write (errno), in the user's words: os_reason
    "os-ENOENT": N_("No such file or directory"),
    "os-EACCES": N_("Permission denied"),
    "os-EPERM": N_("Operation not permitted"),
    "os-EISDIR": N_("Is a directory"),
    "os-ENOTDIR": N_("Not a directory"),
    "os-ENOSPC": N_("No space left on device"),
    "os-EDQUOT": N_("Disk quota exceeded"),
    "os-EROFS": N_("Read-only file system"),
    "os-EEXIST": N_("File exists"),
    "os-ENAMETOOLONG": N_("File name too long"),
    "os-ELOOP": N_("Too many levels of symbolic links"),
    "os-EIO": N_("Input/output error"),
    "os-EBADF": N_("Bad file descriptor"),
    "os-EPIPE": N_("Broken pipe"),
    "os-EBUSY": N_("Device or resource busy"),
    "os-EINVAL": N_("Invalid argument"),
    "os-EXDEV": N_("Invalid cross-device link"),
    "os-EMFILE": N_("Too many open files"),
    "os-other": N_("the system's error {name}"),
    # schema
    "did-you-mean": N_(" (did you mean {close}?)"),
    "at-key": N_("{key}: {message}"),
    "expected-got": N_("{expected}, got {got}"),
    "expected-text": N_("expected text"),
    "expected-list": N_("expected a list"),
    "expected-mapping": N_("expected a mapping of keys"),
    "expected-whole": N_("expected a whole number"),
    "expected-date": N_("expected a date (YYYY-MM-DD)"),
    "expected-date-only": N_("expected a date (YYYY-MM-DD) without a time"),
    "expected-rank-pattern": N_("expected a rank k/N such as 39/63"),
    "expected-id": N_("expected an id such as par.2.impl (lower-case letters, digits, _ and dots)"),
    "expected-body-id": N_("expected a body id such as so-noi-vu (lower-case letters, digits and -)"),
    "at-least": N_("expected at least {count} item{plural}"),
    "non-empty": N_("must list at least one item"),
    "null": N_("null"),
    "number-comma": N_("expected a number, got the text {text}: write {point} (point, no quotes)"),
    "number-text": N_("expected a number, got the text {text}"),
    "number-bool": N_("expected a number, got a boolean"),
    "number-container": N_("expected a number, got {kind}"),
    "not-finite": N_("expected a finite number, got NaN or infinity"),
    "too-large": N_("the number {value} is too large (at most {digits} digits before the point)"),
    "too-precise": N_("the number {value} has more than {places} decimal places"),
    "rank-long": N_("rank {value}… is too long to be k/N"),
    "rank": N_("expected a rank k/N such as 39/63 (1 <= k <= N), got {value}"),
    "value-at-least": N_("must be at least {bound}, got {got}"),
    "value-above": N_("must be above {bound}, got {got}"),
    "value-at-most": N_("must be at most {bound}, got {got}"),
    "value-below": N_("must be below {bound}, got {got}"),
    "value-one-of": N_("must be one of {choices}, got {got}"),
    "value-not-allowed": N_("the value {got} is not allowed here"),
    "blank": "",  # no hint, no context: nothing to translate
    # consistency
    "not-in-file": N_("{id} is not a criterion of this file"),
    "sums": N_("score {score} + increase {increase} = {projected}{cut}"),
    "cut": N_(" ({cut} cut to two decimals)"),
    # issue 11: trust
    "not-number": N_("there are no digits"),
    "office-char-in-text": N_(
        "the text contains {char} at position {position}, which no Word or Excel file can hold: remove it"
    ),
    "control-in-text": N_("the text contains the control character {char} at position {position}: remove it"),
    "more-unchecked": N_(
        "and more problems: only the first {items} items of each list were checked (fix the ones above first)"
    ),
    # headline targets
    # hints (issue 14)
    "comma-hint": N_(" (a comma in an unquoted value split it into a key; write {fix})"),
    "kind-baseline": N_("baseline"),
    "kind-targets": N_("targets"),
    "kind-results": N_("results"),
    # short results
    # workbooks
    "cell-number": N_("expected a number, got {got}"),
    "cell-comma": N_("expected a number, got {got}: type {point} or make the cell a number"),
    "cell-whole": N_("expected a whole number, got {got}"),
    "cell-formula": N_("the cell holds the formula {formula}: type the value, not a formula"),
    "no-index-row": N_("row 2 must be the index (an id such as par), not a part"),
    "cell-percent": N_(
        "the cell is formatted as a percent ({shown}), but this value is no percent: type the"
        " number and remove the percent format"
    ),
    "force-hint": N_(" (--force overwrites)"),
    "wrote": N_("wrote {path}"),
    "import-warnings": N_("the workbook has {count} warning(s); `parplan validate` lists them"),
    "export-index-score": N_(
        "note: {id}: the results give this index's score, but the baseline does not give its total"
        " (total: given): the results sheet leaves the score out, as a short results file cannot hold it"
    ),
    # the command line: help and messages
    "help-app": N_("Gap analysis of a province's PAR INDEX, SIPAS and PAPI plan."),
    "help-format": N_(
        "Output format (default: from --output's extension, else table on a terminal, text elsewhere)."
    ),
    "help-baseline": N_("Baseline YAML (default: the bundled Cao Bằng 2024 plan)."),
    "help-targets": N_("Targets YAML (default: the bundled 2025 targets)."),
    "help-results": N_(
        "Results YAML: the baseline schema, a later year; or the short form results: [{{id, score, rank}}]."
    ),
    "help-output": N_("Write to this file (all at once, only on success); - is stdout."),
    "help-lang": N_("Language of labels, names and messages: vi or en (also set by PARPLAN_LANG)."),
    "help-comma": N_("Print 9,2779 as the documents do."),
    "help-bom": N_("Start CSV with a byte-order mark, for Excel."),
    "help-columns": N_("Comma-separated column keys to show, in order."),
    "help-index": N_("Only this index, by id: par, papi, sipas, kpi… (repeatable)."),
    "help-owner": N_('Only criteria owned by a body, e.g. "so noi vu".'),
    "help-level": N_("fields: leave out the parts."),
    "help-version": N_("Show the version and exit."),
    "help-strict": N_("Warnings fail too (exit 1)."),
    "help-ignore": N_("Leave out a warning by its code, e.g. PP404 (repeatable)."),
    "help-validate": N_(
        "Check the plan's files and their consistency: exit 0 valid, 1 warnings under --strict, 2 errors."
    ),
    "help-gap": N_("Where the points are lost: headroom to the maximum, planned increase, target."),
    "help-by": N_("What to rank by."),
    "help-top": N_("Only the first N of each group."),
    "help-ascending": N_("Smallest first."),
    "help-across": N_("One ranking across all indices."),
    "help-rank": N_("Which criteria matter most: ranked within each index (or --across all)."),
    "help-require-all": N_("A target without data fails too."),
    "help-check": N_("Which targets were met: exit 0 none missed, 1 a target missed, 2 unusable input."),
    "help-trend": N_(
        "Each index (and criterion where known) year by year, with the change; --results adds that year."
    ),
    "help-report": N_(
        "The report for the People's Committee: totals, rankings, problems, owners, deadlines "
        "(Markdown, Word or HTML)."
    ),
    "help-schema-kind": N_("Which file kind."),
    "help-schema": N_(
        "Print the JSON Schema of a file kind, for editors (yaml-language-server) and other tools."
    ),
    "help-chart-output": N_("The image to write: FILE.png or FILE.svg."),
    "help-chart-kind": N_("bars: score, target and maximum per criterion; radar: the PAPI dimensions."),
    "help-chart": N_(
        "Draw the plan: bars per criterion sorted by headroom, or the PAPI radar (needs parplan[charts])."
    ),
    "help-init-dir": N_("The folder of the new plan (created if needed)."),
    "help-province": N_('The province, e.g. "Tuyên Quang".'),
    "help-year": N_("The plan's year; the baseline is the year before."),
    "help-xlsx": N_("Also write an empty workbook plan_YEAR.xlsx."),
    "help-init": N_(
        "Write the files of a new plan: baseline, targets, results (every number null); never overwrites."
    ),
    "help-export-output": N_("The workbook to write: FILE.xlsx."),
    "help-export": N_(
        "Write the plan as an editable workbook: a sheet per index, bodies, lists and how to fill it in."
    ),
    "help-import-file": N_("A workbook from `parplan export` or `init --xlsx`."),
    "help-to": N_("The folder to write the YAML files into."),
    "help-force": N_("Overwrite files that exist already."),
    "help-import": N_(
        "Read a plan workbook back into baseline_YEAR.yaml and targets_YEAR.yaml; all or nothing."
    ),
    "plan-warnings": N_("note: the plan has {count} warning{plural}; `parplan validate` lists them"),
    "working": N_("working…"),
    "interrupted": N_("interrupted"),
    "input-as-output": N_("{which} is an input of this command: write the output elsewhere"),
    "unknown-columns": N_("unknown column(s) {columns}; choose from {known}"),
    "no-rule": N_("no rule {codes}; docs/errors.md lists the codes"),
    "not-ignorable": N_("{codes} {verb}: only warnings can be ignored"),
    "schema-json": N_("a JSON Schema is written to a .json file, not {output}"),
    "chart-file": N_("write the chart to a .png or .svg file, not {output}"),
    "radar-one": N_("a radar draws one index; give --index once"),
    "no-matplotlib": N_("charts need matplotlib, an optional extra: pip install 'parplan[charts]'"),
    "workbook-file": N_("a workbook is written to a .xlsx file, not {output}"),
    "cannot-format": N_("{command} cannot write {requested}; choose one of {choices}"),
    "cannot-extension": N_("{command} cannot write {shown} files; use --format or one of {choices}"),
    "binary-terminal": N_(
        "{format} is a binary file and stdout is a terminal; write it with -o FILE.{format}"
    ),
    "unknown-index": N_("unknown index {unknown}; the plan has {known}"),
    "valid-summary": N_("{verdict}: {errors} error{eplural}, {warnings} warning{wplural}"),
    "valid": N_("valid"),
    "invalid": N_("invalid"),
    "check-summary": N_("{met} met, {missed} missed, {nodata} no-data"),
    "nothing-to-chart": N_("{wanted}: no criterion has both a score and a maximum to chart"),
    "radar-few": N_("{index}: a radar needs at least 3 criteria with a score and a maximum"),
    # the YAML parser's own words (PyYAML and libyaml say the same)
    "yaml:did not find expected ',' or ']'": N_("did not find expected ',' or ']'"),
    "yaml:did not find expected ',' or '}'": N_("did not find expected ',' or '}}'"),
    "yaml:mapping values are not allowed here": N_("mapping values are not allowed here"),
    "yaml:did not find expected key": N_("did not find expected key"),
    "yaml:could not find expected ':'": N_("could not find expected ':'"),
    "yaml:found unexpected end of stream": N_("found unexpected end of stream"),
    "yaml:found character '\\t' that cannot start any token": N_(
        "found character '\\t' that cannot start any token"
    ),
    "yaml:found character that cannot start any token": N_("found character that cannot start any token"),
    "yaml:while scanning for the next token": N_("while scanning for the next token"),
    "yaml:while parsing a flow sequence": N_("while parsing a flow sequence"),
    "yaml:while parsing a flow mapping": N_("while parsing a flow mapping"),
    "yaml:while parsing a block mapping": N_("while parsing a block mapping"),
    "yaml:while parsing a block collection": N_("while parsing a block collection"),
    "yaml:while scanning a simple key": N_("while scanning a simple key"),
    "yaml:while scanning a quoted scalar": N_("while scanning a quoted scalar"),
    # output
    # units (issue 19)
    "u-bonus": N_("bonus"),
    "u-penalty": N_("penalty"),
    "u-sheet-header": N_("expected the header {expected}, got {got}"),
    "help-units": N_("The province's own PAR index: score, rank and classify its departments and communes."),
    "help-units-init": N_(
        "Write units.yaml (the eight fields, maxima null, an example block, the classes) and the "
        "scores header; never overwrites."
    ),
    "help-units-rank": N_("The league table per block: points, percent, class, the change since last year."),
    "help-units-gap": N_(
        "Where a unit loses points (--unit), or where the province loses them, criterion by criterion."
    ),
    "help-units-appraisal": N_(
        "The appraisal council's list: self scores above the appraised by more than the tolerance."
    ),
    "help-units-chart": N_("Draw the heatmap of units x fields (PNG or SVG; needs parplan[charts])."),
    "help-units-sheet": N_(
        "Write the self-assessment workbook of one unit (--unit ID -o FILE.xlsx), of every unit"
        " (--all --to DIR) or the council's (--appraisal -o FILE.xlsx)."
    ),
    "help-units-collect": N_(
        "Read the returned workbooks into a year's scores (scores_YEAR.csv or .yaml); nothing is"
        " written on an error."
    ),
    "help-unit-id": N_("The unit's id in units.yaml."),
    "help-sheet-all": N_("One workbook per unit, written to --to DIR."),
    "help-sheet-to": N_("The folder of the units' workbooks."),
    "help-sheet-appraisal": N_("One workbook for the council, a sheet per unit."),
    "help-sheet-output": N_("The workbook to write (with --unit or --appraisal): FILE.xlsx, never stdout."),
    "help-collect-files": N_("The returned workbooks (.xlsx), the council's among them."),
    "help-collect-output": N_("scores_YEAR.csv or scores_YEAR.yaml."),
    "help-appraised": N_("Take the appraised column of the units' workbooks as well."),
    "u-plan-fact": N_(
        "Result of the year: {points} points of {max} ({percent} %), class {klass}; bonus {bonus}"
        " and penalty {penalty}, outside the fields' sum"
    ),
    "u-plan-title": N_("Plan to improve the administrative reform index of {unit}, {year}"),
    "u-plan-appraised": N_("the council's appraised scores ({units}, {scores}), by parplan units plan"),
    "u-plan-provisional": N_(
        "provisional: the unit's own scores where the council has not appraised ({units}, {scores}),"
        " by parplan units plan"
    ),
    "help-units-plan": N_(
        "Write one unit's own plan: baseline_YEAR.yaml (its result by field, its rank in its block,"
        " its block as reference) and targets_YEAR+1.yaml to fill; both or neither."
    ),
    "help-plan-to": N_("The folder of the unit's plan."),
    "sheet-choice": N_("give one of --unit ID (with -o), --all (with --to) or --appraisal (with -o)"),
    "help-units-report": N_("The announcement: rankings, classes, heatmap, rises and falls, points lost."),
    "help-units-file": N_("The units.yaml file (criteria set and units)."),
    "help-scores": N_("The year's scores (scores_YEAR.csv or .yaml)."),
    "help-previous": N_("Last year's scores, to compare with."),
    "help-block": N_("This block only (its id)."),
    "help-unit": N_("The unit's id."),
    "help-tolerance": N_("The tolerance (default: tolerance in units.yaml)."),
    "u-no-block": N_("no block {block}; the blocks are: {known}"),
    "u-not-decimal": N_("{value} is not a decimal number of 0 or more"),
    "u-warnings": N_("{count} warning{plural} about the scores"),
}
"""The phrases no one rule owns, by key, as English msgids: the command line's help and words,
hints and kinds of values that are arguments of other messages, and the messages several rules
print. A message only one rule prints is in that rule's definition (``Rule(…, messages=…)``)."""

MESSAGES: Mapping[str, str] = {
    **SHARED,
    **{key: text for rule in RULES.values() for key, text in rule.messages.items()},
}
"""Every message by key, as its English msgid: the shared phrases and every rule's own
(``tests/test_rule_messages.py`` checks that no key is defined twice).
``tests/test_problems.py`` checks each has its Vietnamese, with the same arguments."""


@dataclass(frozen=True)
class Msg:
    """A message by catalogue key, with its arguments; rendered in a language only when shown.

    An argument may itself be a :class:`Msg` (a hint, a kind of value), rendered in the same
    language. Arguments that are plan text are given as written (quoted by the caller).
    """

    key: str
    args: Mapping[str, str | int | Msg] = field(default_factory=dict)

    def text(self, lang: Lang = "en", *, comma: bool = False) -> str:
        """The message in ``lang``; with ``comma``, its numbers with the decimal comma (a
        Vietnamese document), ids and plan text untouched."""
        template = tr(lang, MESSAGES[self.key])
        values = {name: _shown(value, lang, comma) for name, value in self.args.items()}
        return template.format(**values)


class Num(str):
    """A number's exact text in a message (``12.0317``): the one kind of argument that a
    document printing the decimal comma writes ``12,0317``."""


def _shown(value: str | int | Msg, lang: Lang, comma: bool) -> str | int:
    if isinstance(value, Msg):
        return value.text(lang, comma=comma)
    if comma and isinstance(value, Num):
        return value.replace(".", ",")
    return value


def msg(key: str, /, **args: str | int | Msg) -> Msg:
    """A message: ``msg("score-above", score="12", max="10")``."""
    return Msg(key, args)


NOTHING = Msg("blank")
"""An empty message part (no hint, no context)."""


def os_reason(error: BaseException) -> Msg:
    """Why the system refused, in the user's language, from the error's number.

    ``strerror`` is the system's own English ("No space left on device"), whatever the
    language chosen; the common numbers have their words in the catalogue (the English msgid is
    glibc's wording), and any other is named by its symbol (``EHOSTDOWN``), which a search finds.
    """
    number = error.errno if isinstance(error, OSError) else None
    name = errno.errorcode.get(number, str(number)) if number is not None else type(error).__name__
    key = f"os-{name}"
    return Msg(key) if key in SHARED else Msg("os-other", {"name": name})


def quoted(value: object) -> str:
    """A value quoted as the messages show plan text: ``'par.1'``."""
    return repr(value)


SHOWN = 40
"""Characters of a plan's value that a message shows: enough to find it, never a paragraph."""


def clip(text: str) -> str:
    """``text`` cut to :data:`SHOWN` characters, with an ellipsis when it was cut."""
    return text if len(text) <= SHOWN else text[:SHOWN] + "…"


class _Coded:
    """What a finding and a problem share: the rule's code gives the severity."""

    code: str

    @property
    def severity(self) -> Severity:
        return RULES[self.code].severity


@dataclass(frozen=True)
class Finding(_Coded):
    """A problem found by the rules, before it is placed: its file (role), path and message."""

    role: Role
    path: Path
    id: str | None
    code: str
    message: Msg


@dataclass(frozen=True)
class Problem(_Coded):
    """A problem with its place: ``FILE:LINE:COL: ID: CODE severity: message``."""

    file: str
    line: int | None
    column: int | None
    id: str | None
    code: str
    message: Msg

    def text(self, lang: Lang = "en", *, comma: bool = False) -> str:
        return self.message.text(lang, comma=comma)

    def format(self, lang: Lang = "en") -> str:
        place = shown_path(self.file)
        if self.line is not None:
            place += f":{self.line}:{self.column}"
        who = f" {_one_line(self.id)}:" if self.id else ""
        return f"{place}:{who} {self.code} {severity_word(self.severity, lang)}: {self.text(lang)}"


def _one_line(text: str) -> str:
    """An id as one printable line: a refused id with a line break in it must not split the
    message, nor an escape sequence reach the terminal."""
    return text if text.isprintable() else repr(text)[1:-1]


_SEVERITY_WORDS: Mapping[Severity, str] = {
    "error": N_("error"),
    "warning": N_("warning"),
}


def severity_word(severity: Severity, lang: Lang) -> str:
    return tr(lang, _SEVERITY_WORDS[severity])


MAX_PROBLEMS = 100
"""Problems placed and listed per file; past that they are counted ("… and 1,234 more")."""


def file_order(problem: Problem) -> tuple[bool, int, int]:
    """The sort key of a file's problems: by line and column (a whole-file one first), but the
    count of those not listed (PP100, "… fix the ones above first") last, below what it counts."""
    return (problem.code == MORE_PROBLEMS, problem.line or 0, problem.column or 0)


class InputError(Exception):
    """Unusable input (exit 2); carries every problem found, not only the first."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("\n".join(p.format() for p in problems))
        self.problems = tuple(problems)


class OutputError(Exception):
    """The output could not be written (a full disk, a closed pipe): not the input's fault."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.format())
        self.problem = problem


def file_problem(file: str, code: str, message: Msg, mark: tuple[int, int] | None = None) -> Problem:
    """A problem of a whole file, or at one place of it."""
    line, column = mark if mark else (None, None)
    return Problem(file, line, column, None, code, message)


def errors(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    return tuple(p for p in problems if p.severity == "error")


def warnings(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    return tuple(p for p in problems if p.severity == "warning")


def refused_ignores(codes: Sequence[str]) -> Msg | None:
    """Why an ``--ignore`` list is refused (a code that names no rule, or an error's code, whose
    numbers would mislead), or None: the one judgement of it, for the command and the API."""
    unknown = unknown_codes(codes)
    if unknown:
        return msg("no-rule", codes=", ".join(unknown))
    graver = unignorable_codes(codes)
    if graver:
        verb = "is an error" if len(graver) == 1 else "are errors"
        return msg("not-ignorable", codes=", ".join(graver), verb=verb)
    return None
