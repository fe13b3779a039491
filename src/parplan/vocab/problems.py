"""The vocabulary of problems: every error and warning parplan reports, with its stable rule code.

A leaf module (it imports only the languages, :mod:`parplan.vocab.i18n`), so every layer can
speak it. A problem is *data* (check-jsonschema, frictionless): a rule code that never changes
(``PP204``), a message by key whose English msgid is translated by the gettext catalogue, and,
once placed, its file, line, column and criterion id. ``docs/errors.md`` lists every code.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from parplan.vocab.i18n import N_, tr
from parplan.vocab.i18n import Lang as Lang  # noqa: PLC0414 (re-exported: mypy --strict)
from parplan.vocab.paths import shown_path
from parplan.vocab.rules import RULES as RULES  # noqa: PLC0414 (re-exported: mypy --strict)
from parplan.vocab.rules import Rule as Rule  # noqa: PLC0414
from parplan.vocab.rules import Severity as Severity  # noqa: PLC0414
from parplan.vocab.rules import ignorable as ignorable  # noqa: PLC0414
from parplan.vocab.rules import unignorable_codes, unknown_codes

Path = tuple[str | int, ...]
"""A path into a file's data: mapping keys and list positions."""
Role = Literal["baseline", "targets", "results"]


MESSAGES: Mapping[str, str] = {
    # key: English msgid (its Vietnamese is in the .po). {name} takes an argument.
    "no-file": N_("no such file"),
    "permission": N_("permission denied"),
    "unreadable": N_("cannot be read: {reason}"),
    "folder": N_("is a directory, not a YAML file"),
    "too-big": N_("is larger than {mib} MiB"),
    "not-utf8": N_("is not valid UTF-8 (byte 0x{byte})"),
    "yaml-syntax": N_("is not valid YAML: {problem}{context}"),
    "yaml-context": N_(" ({context} from line {line}, column {column})"),
    "control-char": N_("is not valid YAML: the control character {char} is not allowed"),
    "tag": N_("the tag {tag} is not allowed (only plain YAML values)"),
    "alias": N_("aliases (*{anchor}) are refused: they can expand without bound ('billion laughs')"),
    "depth": N_("nesting deeper than {depth} levels is refused"),
    "values": N_("more than {count} values is refused: far more than any plan"),
    "long-value": N_("a value longer than {count} characters is refused"),
    "documents": N_("expected one YAML document, found several"),
    "duplicate-key": N_("duplicate key {key}"),
    "complex-key": N_("a mapping or list cannot be used as a key"),
    "surrogate": N_("the text contains a lone surrogate escape, which is not a character"),
    "office-char": N_("the text contains {char}, which no Word or Excel file can hold: remove it"),
    "unreadable-value": N_("{value} cannot be read as {kind} ({reason})"),
    "kind-int": N_("an integer"),
    "kind-date": N_("a date"),
    "kind-float": N_("a number"),
    "empty": N_("is empty: expected a mapping of keys"),
    "not-mapping": N_("must be a mapping of keys, not {kind}"),
    "a-list": N_("a list"),
    "a-mapping": N_("a mapping"),
    "a-value": N_("a single value"),
    "tag-not-allowed": N_("the tag {tag} is not allowed"),
    "nested-deep": N_("is nested too deeply: more than {depth} levels is refused"),
    "kind-bool": N_("bool"),
    "digits": N_("more than 100 digits"),
    "not-bool": N_("not yes/no, true/false or on/off"),
    "not-date": N_("not of the form YYYY-MM-DD"),
    # schema
    "unknown-key": N_("unknown key {key}{hint}"),
    "did-you-mean": N_(" (did you mean {close}?)"),
    "missing-key": N_("missing key {key}"),
    "key-text": N_("the key {key} must be text"),
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
    "number-other": N_("expected a number, got {kind} {value}"),
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
    "duplicate-id": N_("duplicate id {id}"),
    "max-positive": N_("max {max} must be above 0"),
    "score-negative": N_("score {score} is below 0"),
    "score-above": N_("score {score} is above the maximum {max}"),
    "parts-max": N_("the parts' maxima sum to {total}, not to max {max}"),
    "not-in-file": N_("{id} is not a criterion of this file"),
    "province": N_("province {province} differs from the baseline's {baseline}"),
    "baseline-year": N_("baseline_year {year} differs from the baseline's year {baseline}"),
    "duplicate-body": N_("duplicate body id {id}"),
    "unknown-body": N_("unknown body {id}"),
    "duplicate-target": N_("duplicate target for {id}"),
    "target-unknown": N_("{id} is not in the baseline"),
    "target-negative": N_("target {target} is below 0"),
    "target-above": N_("target {target} is above the maximum {max}"),
    "target-strict-max": N_("target > {target} is unreachable: the maximum is {max}"),
    "increase-above": N_("score {score} + increase {increase} is above the maximum {max}"),
    "results-year": N_("results for {year}, but the targets are for {targets}"),
    "results-unknown": N_("{id} is not in the baseline: is this a results file for another plan?"),
    "score-parts": N_("score {score} differs from the sum of its parts {total}"),
    "increase-parts": N_("increase {increase} differs from the sum of its parts' increases {total}"),
    "sums": N_("score {score} + increase {increase} = {projected}{cut}"),
    "cut": N_(" ({cut} cut to two decimals)"),
    "target-unreachable": N_(
        "target {comparison} {target} is above {sums}: unreachable by the planned increase"
    ),
    "target-looser": N_("target {comparison} {target} is below {sums}: looser than planned"),
    "target-not-sum": N_("target {comparison} {target} is not {sums}"),
    # issue 11: trust
    "hidden-break": N_(
        "the character {char} is a line break for YAML but not for editors: remove it or replace it "
        "by a space"
    ),
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
    "not-number": N_("there are no digits"),
    "office-char-in-text": N_(
        "the text contains {char} at position {position}, which no Word or Excel file can hold: remove it"
    ),
    "control-in-text": N_("the text contains the control character {char} at position {position}: remove it"),
    "more-problems": N_("and {count} more problems in this file (fix the ones above first)"),
    "more-unchecked": N_(
        "and more problems: only the first {items} items of each list were checked (fix the ones above first)"
    ),
    "part-outside": N_(
        "the id {id} does not start with its parent's id {parent}: a part's id is {parent}.<name>"
    ),
    "target-below-score": N_(
        "target {comparison} {target} is below this year's score {score}: the plan would accept a fall"
    ),
    "negative-increase": N_("the planned increase {increase} is negative: the plan expects a fall"),
    "max-changed": N_(
        "max {max} differs from the baseline's {baseline}: the criteria set changed, so gaps of the "
        "two years are not alike"
    ),
    # headline targets
    "score-not-given": N_(
        "a total score {score} is read only with total: given (this index has total: {total})"
    ),
    "group-not-index": N_("{id} is not an index: only an index is placed in a group"),
    "group-unknown": N_("group {group} is not one of the groups of {id} ({groups})"),
    "no-groups": N_("none (declare groups: in the baseline)"),
    "group-duplicate": N_("the groups of {id} repeat a name or a minimum: {groups}"),
    "rank-target-base": N_("rank target {rank} is beyond rank_base {base}"),
    "target-year": N_("target year {year} is before the plan's year {plan}"),
    "league-duplicate": N_("province {province} is listed twice in the {id} table of {year}"),
    "given-differs": N_("the given total {score} differs from the sum of the criteria {total}"),
    "league-synthetic": N_("the {id} table of {year} is synthetic (synthetic: true), not published figures"),
    # hints (issue 14)
    "comma-hint": N_(" (a comma in an unquoted value split it into a key; write {fix})"),
    "looks-like": N_("this looks like a {kind} file, not a {role} file"),
    "looks-swapped": N_(
        "the files look swapped: {baseline} is a targets file and {targets} a baseline; swap "
        "--baseline and --targets"
    ),
    "kind-baseline": N_("baseline"),
    "kind-targets": N_("targets"),
    "kind-results": N_("results"),
    "targets-needed": N_(
        "the baseline is for {province} but the bundled targets are for {bundled}: give the "
        "province's targets with --targets"
    ),
    # short results
    "index-score": N_("{id} is an index: its score is the sum of its criteria; give only its rank"),
    "index-score-none": N_("{id} is an index without a total (total: none): give only its rank"),
    "duplicate-result": N_("duplicate result for {id}"),
    # workbooks
    "cell-number": N_("expected a number, got {got}"),
    "cell-comma": N_("expected a number, got {got}: type {point} or make the cell a number"),
    "cell-whole": N_("expected a whole number, got {got}"),
    "cell-formula": N_("the cell holds the formula {formula}: type the value, not a formula"),
    "cell-error": N_("the cell holds Excel's error {value}"),
    "cell-date": N_("expected a rank k/N, got a date: format the cell as Text and type it again"),
    "cell-bool": N_("expected {expected}, got a boolean"),
    "unknown-column": N_("unknown column {column}; the columns are: {known}"),
    "part-of": N_("part_of {parent} is not a criterion on a row above in this sheet"),
    "no-index-row": N_("row 2 must be the index (an id such as par), not a part"),
    "workbook-unreadable": N_("is not a readable Excel workbook (.xlsx): {reason}"),
    "sheet-missing": N_("the sheet {sheet} is missing"),
    "unpacked-big": N_("unpacks to more than {mib} MiB: far more than any parplan workbook"),
    "cells": N_("more than {count} cells is refused: far more than any parplan workbook"),
    "cell-percent": N_(
        "the cell is formatted as a percent ({shown}), but this value is no percent: type the"
        " number and remove the percent format"
    ),
    "column-twice": N_("the column {column} is already at {first}: each column is given once"),
    "no-index-sheet": N_("no index sheet (PAR, PAPI, SIPAS…)"),
    "exists": N_("exists already; not overwritten{hint}"),
    "force-hint": N_(" (--force overwrites)"),
    "wrote": N_("wrote {path}"),
    "import-warnings": N_("the workbook has {count} warning(s); `parplan validate` lists them"),
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
    "u-above-max": N_("the score {score} is above the maximum {max} of criterion {criterion}"),
    "u-below-zero": N_("the score {score} is below 0"),
    "u-unknown-unit": N_("unit {unit} is not in units.yaml{hint}"),
    "u-unknown-criterion": N_("criterion {criterion} is not in the criteria set{hint}"),
    "u-group-row": N_("criterion {criterion} has sub-criteria: score each of them instead"),
    "u-twice": N_("unit {unit} and criterion {criterion} are given already on line {line}"),
    "u-never-applies": N_("criterion {criterion} does not apply to block {block} anyway: leave the row out"),
    "u-unknown-block": N_("block {block} is not among the blocks"),
    "u-classes-order": N_(
        "class {name} ({min}) is not below the class before it ({before}): list the classes highest first"
    ),
    "u-limit-above": N_("the {which} {score} is above its maximum {max}"),
    "u-bonus": N_("bonus"),
    "u-penalty": N_("penalty"),
    "u-duplicate-id": N_("the id {id} is used above already"),
    "u-reserved-id": N_("the id {id} is kept for the bonus and penalty rows"),
    "u-columns": N_("expected the columns {expected}; the file has {got}"),
    "u-row-width": N_("the row has {got} columns, expected {expected}"),
    "u-not-number": N_("column {column}: {value} is not a decimal number (e.g. 1.25)"),
    "u-applicable": N_("column applicable: {value} is not allowed (blank, yes or no)"),
    "u-blank": N_("column {column} is blank"),
    "u-csv-broken": N_("the table cannot be read from here on: {reason}"),
    "u-no-max": N_("criterion {criterion} has no maximum (max)"),
    "u-group-max": N_("the maximum {max} is not the sum of its criteria's maxima, {sum}"),
    "u-no-limit": N_("the criteria set has no {which}"),
    "u-zero-max": N_("unit {unit} has no applicable criterion"),
    "u-no-rows": N_("unit {unit} ({name}) has no scores, so it is not ranked"),
    "u-row-added": N_("the row {criterion} is not one of this unit's criteria: rows may not be added"),
    "u-row-deleted": N_("the row of criterion {criterion} is missing: rows may not be deleted"),
    "u-row-renamed": N_(
        "the row of criterion {criterion} was changed (here {got}): its id, name and maximum"
        " are the criteria set's"
    ),
    "u-not-sheet": N_("not a unit's score sheet: cell A1 must say {label} and B1 the unit's id"),
    "u-sheet-header": N_("expected the header {expected}, got {got}"),
    "u-sheet-twice": N_("unit {unit} has a workbook already, at {first}"),
    "u-no-evidence": N_(
        "a self score of {score} with no evidence: give the document's number and date, or an explanation"
    ),
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
    "cannot-write": N_("cannot be written: {reason}"),
    "output-folder": N_("is a directory, not a file"),
}
"""Every message by key, as its English msgid. ``tests/test_catalogue.py`` checks each has its
Vietnamese, with the same arguments."""


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


def quoted(value: object) -> str:
    """A value quoted as the messages show plan text: ``'par.1'``."""
    return repr(value)


SHOWN = 40
"""Characters of a plan's value that a message shows: enough to find it, never a paragraph."""


def clip(text: str) -> str:
    """``text`` cut to :data:`SHOWN` characters, with an ellipsis when it was cut."""
    return text if len(text) <= SHOWN else text[:SHOWN] + "…"


@dataclass(frozen=True)
class Finding:
    """A problem found by the rules, before it is placed: its file (role), path and message."""

    role: Role
    path: Path
    id: str | None
    code: str
    message: Msg

    @property
    def severity(self) -> Severity:
        return RULES[self.code].severity


@dataclass(frozen=True)
class Problem:
    """A problem with its place: ``FILE:LINE:COL: ID: CODE severity: message``."""

    file: str
    line: int | None
    column: int | None
    id: str | None
    code: str
    message: Msg

    @property
    def severity(self) -> Severity:
        return RULES[self.code].severity

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
