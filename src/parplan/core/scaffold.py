"""Owns the scaffold of a new plan: the national criteria sets and the files `parplan init` writes.

A province starting a plan should type its numbers, not the structure of the indices: the
ids, names and maxima come from the criteria set in force (package data in
``parplan/criteria/``), every measured or planned number is ``null`` (unknown, never 0), and
comments in the files explain each key, and the JSON schemas their first lines name are
written beside them (``schemas/``), so an editor completes and checks keys. The functions are pure apart from
:func:`write_scaffold`, so the CLI and tests share one source of the texts.
"""

from __future__ import annotations

import functools
import re
import textwrap
import unicodedata
from collections.abc import Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from parplan.models.plan import FIRST_YEAR, LAST_YEAR, CriterionId, Number, Text, Unit, Year, control_in_text
from parplan.reading.validation import validate
from parplan.reading.yamlread import parse_yaml, read_text, yaml12_number
from parplan.vocab.document import name_in
from parplan.vocab.i18n import N_, Lang, tr
from parplan.vocab.problems import msg

CRITERIA_DIR = Path(__file__).parents[1] / "criteria"
"""The criteria sets ship inside the package, so ``parplan init`` works from any directory."""
INDEX_ORDER = ("par", "papi", "sipas")
"""The order the plans (and the bundled files) list the indices in; others follow by id."""
_COMMENT_WIDTH = 94
"""Comment lines are wrapped to fit beside the ``# `` on a screen and in a printout."""
_BREAKS = ("\x85", "\u2028", "\u2029")
_WIDE = 1 << 30
"""A line width no value reaches: PyYAML must never fold a value over two lines."""


def _non_empty(value: tuple[SetCriterion, ...]) -> tuple[SetCriterion, ...]:
    if not value:
        raise ValueError("must list at least one criterion")
    return value


class _Frozen(BaseModel):
    """Strict about keys, like the plan models: a misspelt key in a criteria set is an error."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class SetCriterion(_Frozen):
    """A criterion of the national structure: what every province is scored on, and out of what."""

    id: CriterionId
    name: Text
    name_en: Text
    unit: Unit = "points"
    max: Number | None = Field(description="Maximum under the criteria set; null for a percentage.")
    parts: tuple[SetCriterion, ...] = ()


class CriteriaSet(_Frozen):
    """One index's criteria set, from the year it came into force."""

    index: CriterionId
    in_force_from: Year
    source: Text = Field(description="The public report or decision the structure comes from.")
    source_en: Text = Field(description="The source, in English.")
    name: Text
    name_en: Text
    short_name: Text
    unit: Unit = "points"
    total: Literal["sum", "none"] = "sum"
    criteria: Annotated[tuple[SetCriterion, ...], AfterValidator(_non_empty)]


class CriteriaSetError(LookupError):
    """No criteria set is in force for a year: the scaffold would have to invent a structure."""


class ScaffoldExistsError(FileExistsError):
    """Some files of the scaffold exist already; nothing was written, nothing overwritten."""

    def __init__(self, paths: list[Path]) -> None:
        names = ", ".join(str(path) for path in paths)
        super().__init__(f"refusing to overwrite existing files: {names}")
        self.paths = tuple(paths)


@functools.cache
def criteria_sets() -> tuple[CriteriaSet, ...]:
    """Every bundled criteria set, read with the plan loader (exact decimals, safe YAML)."""
    sets = []
    for path in sorted(CRITERIA_DIR.glob("*.yaml")):
        document = parse_yaml(read_text(path, str(path)), str(path))
        sets.append(validate(document, CriteriaSet))
    return tuple(sets)


def _index_key(index: str) -> tuple[int, str]:
    return (INDEX_ORDER.index(index) if index in INDEX_ORDER else len(INDEX_ORDER), index)


def criteria_in_force(year: int, lang: Lang = "en") -> tuple[CriteriaSet, ...]:
    """For each index, the latest criteria set with ``in_force_from <= year``.

    Every index must have one: a scaffold without PAR INDEX would look complete and is not.
    """
    sets = criteria_sets()
    indices = sorted({s.index for s in sets}, key=_index_key)
    chosen: list[CriteriaSet] = []
    missing: list[str] = []
    for index in indices:
        candidates = [s for s in sets if s.index == index and s.in_force_from <= year]
        if candidates:
            chosen.append(max(candidates, key=lambda s: s.in_force_from))
        else:
            earliest = min(s.in_force_from for s in sets if s.index == index)
            missing.append(msg("init-earliest-set", index=index, earliest=earliest).text(lang))
    if missing or not chosen:
        which = ", ".join(missing) or msg("init-any-index").text(lang)
        found = msg("init-no-criteria-set", year=year, missing=which, folder=str(CRITERIA_DIR))
        raise CriteriaSetError(found.text(lang))
    return tuple(chosen)


def _text(value: str) -> str:
    """A string as one YAML scalar on one line: PyYAML quotes what needs quoting (``: #'"``)."""
    if yaml12_number(value):  # "1E3": plain, the loader would refuse it as a number (PP132)
        return "'" + value + "'"
    text = yaml.safe_dump({"k": value}, allow_unicode=True, width=_WIDE)
    if text.count("\n") == 1 and not any(mark in value for mark in _BREAKS):
        return text[len("k: ") : -1]
    # A line break would be written over several lines, and PyYAML writes NEL, LS and PS raw
    # (read back as a space or a break): escape them in double quotes instead.
    text = yaml.safe_dump({"k": value}, allow_unicode=True, width=_WIDE, default_style='"')
    return text[len('"k": ') : -1]


def _number(value: Decimal | None) -> str:
    return "null" if value is None else format(value, "f")


def _comment(text: str) -> list[str]:
    return [f"# {line}".rstrip() for line in text.strip("\n").split("\n")]


_SCHEMA_LINE = "# yaml-language-server: $schema=schemas/{kind}.schema.json"
_SCHEMA_NAMED = re.compile(r"\A# yaml-language-server: \$schema=(schemas/([a-z]+)\.schema\.json)\n")
"""A written file's first line, naming its schema beside it: ``init`` writes that file too."""

_BASELINE_HEAD = N_(
    """\
Baseline for {year}: the province's published index results; written by `parplan init` from
the criteria set in force. Fill in the numbers, then run `parplan validate`."""
)

_RESULTS_HEAD = N_(
    """\
Results for {year} (published the following year): the baseline's structure, filled in when
the results are out, for `parplan check`. This file is the baseline of the {next_year} plan."""
)

_SCHEMA_HINT = N_(
    "For completion and checks in the editor: parplan schema {kind} -o schemas/{kind}.schema.json"
)

_MEASURED_KEYS = N_(
    """\
How to write it:
  null       = unknown: the source does not give it, or the cell cannot be read.
               Never write 0 for null.
  score      = the score (or percentage) measured in {year}; use a decimal point: 9.2779, not
               9,2779; no quotes.
  max        = the maximum under the criteria set, already filled in; change it only if the
               criteria set changes. No max: a percentage, from 0 to 100.
  rank       = the rank as k/N, N being the number of provinces ranked (34 since 2025, 63
               before), e.g. 12/34; null if not given or unreadable. Parts have no
               published rank, so they have no rank key.
  parts      = the parts of a field (implementation score, sociological survey); the parts'
               scores sum to the field's.
  note       = how a value was read, e.g. note: The rank cell cannot be read.
  unit       = points, or percent.
  id, name, name_en = id, Vietnamese name, English name under the criteria set; keep the ids.
  source     = the source document of the numbers (title, number, date of issue).
  indicators = the plan's other measurable commitments (ids kpi.*), written like criteria.
  history    = earlier years' values, e.g. {{id: par, year: {earlier}, rank: 60/63}}.
  references = published reference figures (national average, best province), with a source.
  facts      = other published facts, not computed with, with a source."""
)

_TARGETS_HEAD = N_(
    """\
Targets for {year} against the {baseline_year} baseline: what the plan commits to; written by
`parplan init`. Fill it in from the issued plan, then run `parplan validate` and `parplan gap`.
How to write it:
  null          = unknown, or the plan does not say. Never write 0 for null.
  title, goal   = the plan's title and general goal (Vietnamese); goal_en: the goal in English.
  bodies        = the responsible bodies: id (lower case without diacritics, joined by hyphens,
                  e.g. so-noi-vu), name, name_en, duties.
  targets       = one entry per criterion:
    id          = the criterion's id in the baseline.
    increase    = the planned increase over {baseline_year}.
    comparison  = ">" (more than, as the plan prints "> 9,40") or ">=" (at least).
    target      = the target value; by the plan's rule, score + increase cut to two decimals
                  (9.2779 + 0.13 → 9.40).
    owners      = the ids of the responsible bodies (from bodies), e.g. [so-noi-vu].
    note        = a note; where the source contradicts itself, write what it says and add a
                  note: `parplan validate` reports it as a warning.
  deadlines     = dated commitments: date (YYYY-MM-DD), task, task_en, owners."""
)

_SET_LINE = N_("{short_name} criteria set in force from {in_force_from}; source: {source}")
_SET_CHECK = N_("If the criteria set changed by {year}, correct max and parts to the new one.")
_BODIES_EXAMPLE = N_(
    """\
Example (remove the # and write "bodies:" instead of "bodies: []"):
  - id: so-noi-vu
    name: {name}
    name_en: {name_en}
    duties: Standing body."""
)
_DEADLINES_EXAMPLE = N_(
    "Example: - {{date: {year}-11-30, task: Báo cáo kết quả thực hiện, task_en: Report on the results,"
    " owners: [so-noi-vu]}}"
)


def _sets_comment(sets: tuple[CriteriaSet, ...], year: int, lang: Lang) -> str:
    lines: list[str] = []
    for criteria_set in sets:
        line = tr(lang, _SET_LINE).format(
            short_name=criteria_set.short_name,
            in_force_from=criteria_set.in_force_from,
            source=name_in(lang, criteria_set.source, criteria_set.source_en),
        )
        lines += textwrap.wrap(line, width=_COMMENT_WIDTH, subsequent_indent="  ")
    if any(criteria_set.in_force_from < year for criteria_set in sets):
        lines.append(tr(lang, _SET_CHECK).format(year=year))
    return "\n".join(lines)


def _criterion_lines(criterion: SetCriterion, indent: int, *, part: bool = False) -> Iterator[str]:
    """One criterion: the keys a province fills in (``score``; ``rank`` where ranks are published).

    A part (implementation score, survey) has no published rank, and a percentage has no
    maximum: those keys are left out (null by default) rather than written as a blank to fill.
    """
    pad = " " * indent
    yield f"{pad}- id: {criterion.id}"
    yield f"{pad}  name: {_text(criterion.name)}"
    yield f"{pad}  name_en: {_text(criterion.name_en)}"
    if criterion.unit != "points":
        yield f"{pad}  unit: {criterion.unit}"
    if criterion.max is not None:
        yield f"{pad}  max: {_number(criterion.max)}"
    yield f"{pad}  score: null"
    if not part:
        yield f"{pad}  rank: null"
    if criterion.parts:
        yield f"{pad}  parts:"
        for child in criterion.parts:
            yield from _criterion_lines(child, indent + 4, part=True)


def _index_lines(criteria_set: CriteriaSet) -> Iterator[str]:
    yield f"  - id: {criteria_set.index}"
    yield f"    name: {_text(criteria_set.name)}"
    yield f"    name_en: {_text(criteria_set.name_en)}"
    yield f"    short_name: {_text(criteria_set.short_name)}"
    if criteria_set.unit != "points":
        yield f"    unit: {criteria_set.unit}"
    if criteria_set.total != "sum":
        yield f"    total: {criteria_set.total}"
    yield "    rank: null"
    yield "    criteria:"
    for criterion in criteria_set.criteria:
        yield from _criterion_lines(criterion, 6)


def _measured_text(
    kind: Literal["baseline", "results"], province: str, year: int, sets: tuple[CriteriaSet, ...], lang: Lang
) -> str:
    """A baseline or a results file: the same shape, every score and rank unknown."""
    lines = [schema_line(kind)]
    head = _RESULTS_HEAD if kind == "results" else _BASELINE_HEAD
    lines += _comment(tr(lang, head).format(year=year, next_year=year + 1))
    lines += _comment(tr(lang, _SCHEMA_HINT).format(kind=kind))
    lines += _comment(_sets_comment(sets, year, lang))
    lines += _comment(tr(lang, _MEASURED_KEYS).format(year=year, earlier=year - 1))
    lines += [f"province: {_text(province)}", f"year: {year}", "source: null", "indices:"]
    for criteria_set in sets:
        lines += _index_lines(criteria_set)
    lines += ["indicators: []", "history: []", "references: []", "facts: []"]
    return "\n".join(lines) + "\n"


def _all_criteria(criteria: tuple[SetCriterion, ...]) -> Iterator[SetCriterion]:
    for criterion in criteria:
        yield criterion
        yield from _all_criteria(criterion.parts)


def _targets_text(province: str, year: int, sets: tuple[CriteriaSet, ...], lang: Lang) -> str:
    """The targets file: one entry per criterion and part, every increase and target unknown."""
    lines = [schema_line("targets")]
    lines += _comment(tr(lang, _TARGETS_HEAD).format(year=year, baseline_year=year - 1))
    lines += _comment(tr(lang, _SCHEMA_HINT).format(kind="targets"))
    lines += [
        f"province: {_text(province)}",
        f"year: {year}",
        f"baseline_year: {year - 1}",
        "title: null",
        "goal: null",
        "goal_en: null",
        "bodies: []",
    ]
    lines += _comment(
        tr(lang, _BODIES_EXAMPLE).format(name="Sở Nội vụ", name_en="Department of Home Affairs")
    )
    lines.append("targets:")
    for criteria_set in sets:
        lines.append(f"  # {criteria_set.short_name}")
        for criterion in _all_criteria(criteria_set.criteria):
            name = name_in(lang, criterion.name, criterion.name_en)
            entry = f'{{id: {criterion.id}, increase: null, comparison: ">=", target: null, owners: []}}'
            lines.append(f"  - {entry}  # {' '.join(name.split())}")
    lines.append("deadlines: []")
    lines += _comment(tr(lang, _DEADLINES_EXAMPLE).format(year=year))
    return "\n".join(lines) + "\n"


def province_name(province: str, lang: Lang) -> str:
    """Province names are free text (any of the 34); an empty one is refused, and so is one
    the models refuse (a tab, a line break, a control or bidi character: PP212), before any
    file is written: otherwise ``init`` would write three files that do not load (nor
    ``units init`` a ``units.yaml``)."""
    name = unicodedata.normalize("NFC", province.strip())
    if not name:
        raise ValueError(msg("init-province-empty").text(lang))
    refused = control_in_text(name)
    if refused is not None:
        raise ValueError(f"province: {refused.text(lang)}")
    return name


def scaffold_names(year: int) -> tuple[str, str, str]:
    """The file names of a plan for ``year``: baseline of the year before, targets, results."""
    return (f"baseline_{year - 1}.yaml", f"targets_{year}.yaml", f"results_{year}.yaml")


def scaffold_texts(province: str, year: int, lang: Lang = "vi") -> dict[str, str]:
    """The texts of the three files of a new plan for ``year``, by file name.

    The structure is the criteria set in force in the baseline year (``year - 1``): the
    baseline measures that year, under that year's rules.
    """
    if not FIRST_YEAR < year <= LAST_YEAR:  # the baseline, year - 1, is a plan's year too
        raise ValueError(msg("init-year-outside", year=year, first=FIRST_YEAR + 1, last=LAST_YEAR).text(lang))
    name = province_name(province, lang)
    sets = criteria_in_force(year - 1, lang)
    baseline, targets, results = scaffold_names(year)
    return {
        baseline: _measured_text("baseline", name, year - 1, sets, lang),
        targets: _targets_text(name, year, sets, lang),
        results: _measured_text("results", name, year, sets, lang),
    }


def scaffold_files(folder: Path, texts: Mapping[str, str]) -> dict[Path, bytes]:
    """Every file ``init`` writes into ``folder``: the plan's files (``texts``, from
    :func:`scaffold_texts`) and the schemas their ``$schema`` lines name (:func:`with_schemas`)."""
    return with_schemas({folder / name: text.encode("utf-8") for name, text in texts.items()})


def schema_line(kind: str) -> str:
    """The first line of a plan file parplan writes (``init``, ``import``), naming the schema
    :func:`with_schemas` writes beside it, so an editor completes and checks the keys."""
    return _SCHEMA_LINE.format(kind=kind)


def with_schemas(files: Mapping[Path, bytes]) -> dict[Path, bytes]:
    """``files`` and the schemas their ``$schema`` lines (:func:`schema_line`) name, each
    beside its file (``schemas/baseline.schema.json``, the packaged schema's text): one write
    then gives the files and what their first lines promise, all or nothing.

    A schema already there with the same text is left as it is (a folder holding last year's
    plan has them); one with other text is written like the others, so that
    ``write_files(…, overwrite=False)`` refuses it rather than replace it.
    """
    from parplan.reading.schema import KINDS, Kind, schema_text

    kinds: dict[str, Kind] = {kind: kind for kind in KINDS}
    written = dict(files)
    for path, data in files.items():
        first_line = data.partition(b"\n")[0].decode("utf-8", errors="replace") + "\n"
        named = _SCHEMA_NAMED.match(first_line)
        kind = kinds.get(named.group(2)) if named else None
        if named is None or kind is None:
            continue
        schema = path.parent / named.group(1)
        text = schema_text(kind).encode("utf-8")
        if not _holds(schema, text):
            written[schema] = text
    return written


def _holds(path: Path, data: bytes) -> bool:
    """Whether ``path`` is a file that holds ``data`` already (any failure: no, and the
    transaction's own checks say why)."""
    try:
        return path.is_file() and path.read_bytes() == data
    except OSError:
        return False


def write_scaffold(folder: Path, province: str, year: int, lang: Lang = "vi") -> list[Path]:
    """Write the three files of a new plan into ``folder`` (created if needed), with the
    schemas they name (:func:`scaffold_files`).

    Refuses before writing anything if any of the files exists, naming every one: a plan
    half typed in is never overwritten. The files are written as one transaction
    (:func:`parplan.core.files.write_files`): all of them, or none and no folder made.
    """
    from parplan.core.files import FilesExist, write_files

    files = scaffold_files(folder, scaffold_texts(province, year, lang))
    try:
        return write_files(files, overwrite=False, make_folders=True)
    except FilesExist as error:
        raise ScaffoldExistsError(error.paths) from None


__all__ = [
    "CriteriaSet",
    "CriteriaSetError",
    "ScaffoldExistsError",
    "SetCriterion",
    "criteria_in_force",
    "criteria_sets",
    "province_name",
    "scaffold_files",
    "scaffold_names",
    "scaffold_texts",
    "schema_line",
    "with_schemas",
    "write_scaffold",
]
