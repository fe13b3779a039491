"""The units' operations that the CLI and the Python API share: load, rank, gap, appraisal, report, init.

Loading reports every problem at once: those of ``units.yaml`` first (the scores cannot be
checked against a criteria set that does not load), then those of this year's scores and last
year's together. A unit with no rows this year is a warning (``PP450``) that names it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from parplan.analysis.units import League, appraisal, league, unit_gap
from parplan.core.output import write_files
from parplan.models.plan import FIRST_YEAR, LAST_YEAR
from parplan.models.units import COLUMNS, UnitsFile
from parplan.reading.units import ScoreTable, check_scores, load_units, read_scores, shown_id
from parplan.report.announcement import announcement
from parplan.report.figures import heat_figure
from parplan.report.units import appraisal_tables, losses_tables, rank_tables, unit_gap_tables
from parplan.vocab import rules
from parplan.vocab.document import Document, Figure, Lang, Tables
from parplan.vocab.i18n import N_, tr
from parplan.vocab.problems import InputError, Problem, errors, file_order, msg


@dataclass(frozen=True)
class UnitsRun:
    """A criteria set with this year's scores (and last year's), checked and ranked."""

    units: UnitsFile
    scores: ScoreTable
    previous: ScoreTable | None
    warnings: tuple[Problem, ...]
    league: League

    @property
    def year(self) -> int | None:
        return self.scores.year

    def rank(self, lang: Lang = "vi", *, block: str | None = None, full: bool = True) -> Tables:
        return rank_tables(self.league, lang, block=block, full=full)

    def gap(self, lang: Lang = "vi", *, unit: str | None = None) -> Tables:
        if unit is None:
            return losses_tables(self.league, lang)
        found = unit_gap(self.league, unit)
        if found is None:
            raise InputError([_unknown_unit(self, unit)])
        return unit_gap_tables(found, lang)

    def appraisal(self, lang: Lang = "vi", *, tolerance: Decimal | None = None) -> Tables:
        limit = self.units.tolerance if tolerance is None else tolerance
        return appraisal_tables(appraisal(self.units, self.scores.rows, limit), limit, lang)

    def heatmap(self, lang: Lang = "vi") -> Figure:
        """The heatmap figure (units x fields), for ``units chart`` and the report."""
        return heat_figure(self.league, lang)

    def report(self, lang: Lang = "vi", *, decimal_comma: bool = False) -> Document:
        return announcement(
            self.league, lang, year=self.year, warnings=self.warnings, decimal_comma=decimal_comma
        )


def _unknown_unit(run: UnitsRun, unit: str) -> Problem:
    """``--unit`` naming no ranked unit: in units.yaml but without scores (said as such, not as
    unknown), or not there at all."""
    listed = next((u for u in run.league.unscored if u.id == unit), None)
    if listed is not None:
        said = msg("u-unit-no-rows", unit=listed.id, name=listed.name, file=run.scores.file)
    else:
        said = msg("u-unknown-unit", unit=shown_id(unit), hint=msg("blank"))
    return Problem(run.scores.file, None, None, unit, rules.UNKNOWN_UNIT, said)


def _scores(units: UnitsFile, path: Path) -> tuple[ScoreTable | None, list[Problem]]:
    try:
        table = read_scores(path)
    except InputError as error:
        return None, list(error.problems)
    return table, check_scores(units, table)


def _in_order(problems: Sequence[Problem]) -> list[Problem]:
    """A file's problems in the order of its lines (rows that could not be read come first), the
    count of those not listed last."""
    return sorted(problems, key=file_order)


def load_run(units_path: Path, scores_path: Path, previous_path: Path | None = None) -> UnitsRun:
    """Load and check everything, or raise every problem found at once (exit 2, nothing written)."""
    units, _parsed = load_units(units_path)
    scores, found = _scores(units, scores_path)
    previous, before = _scores(units, previous_path) if previous_path is not None else (None, [])
    refused = [*_in_order(errors(found)), *_in_order(errors(before))]
    if refused or scores is None or (previous_path is not None and previous is None):
        raise InputError(refused)
    table = league(units, scores.rows, previous.rows if previous is not None else None)
    warnings = tuple(p for p in found if p.severity == "warning")
    return UnitsRun(units, scores, previous, warnings, table)


# --- units init --------------------------------------------------------------------------

NATIONAL_FIELDS: tuple[tuple[str, str], ...] = (
    ("1", "Công tác chỉ đạo, điều hành cải cách hành chính"),
    ("2", "Cải cách thể chế"),
    ("3", "Cải cách thủ tục hành chính"),
    ("4", "Cải cách tổ chức bộ máy hành chính"),
    ("5", "Cải cách chế độ công vụ"),
    ("6", "Cải cách tài chính công"),
    ("7", "Xây dựng, phát triển chính quyền điện tử, chính quyền số"),
    (
        "8",
        "Tác động của cải cách hành chính đến sự hài lòng của người dân, tổ chức"
        " và phát triển kinh tế - xã hội",
    ),
)
"""The eight PAR fields every province scores its units on (the national PAR INDEX's fields)."""

_HEAD = N_(
    "The province's criteria set and its units (parplan units). Fill in the maxima (max) and the\n"
    "sub-criteria from the province's decision; a field may have criteria at any depth (criteria:)."
)
_CLASSES = N_(
    "Classes by percent of the maximum of the criteria that apply to the unit, highest first:\n"
    "a unit takes the first class whose min its percent reaches. Adjust to the province's decision."
)
_BLOCKS = N_(
    "Blocks: units are ranked within their block. A criterion for some blocks only says\n"
    "blocks: [xa]. An example:"
)
_FIELDS = N_(
    "The eight fields; max is null until filled in. Sub-criteria, for example:\n"
    '  criteria:\n    - {id: "1.1", name: …, max: 2}\n    - {id: "1.2", name: …, max: 1.5, blocks: [xa]}'
)
_LIMITS = N_("Bonus and penalty (optional): bonus/penalty rows in the scores, positive numbers.")
_TOLERANCE = N_("units appraisal lists the rows whose self score exceeds the appraised by more than this.")
_UNITS = N_("The units: id (lower case, digits, hyphens), name, block. An example:")


def _comment(msgid: str, lang: Lang) -> str:
    """``msgid`` in ``lang`` as YAML comment lines; the words are the one catalogue's."""
    return "\n".join(f"# {line}".rstrip() for line in tr(lang, msgid).split("\n")) + "\n"


def _scalar(value: str) -> str:
    """A name as a double-quoted YAML scalar: safe in a flow mapping too (commas, colons)."""
    return json.dumps(value, ensure_ascii=False)


def init_texts(province: str, year: int, lang: Lang = "vi") -> dict[str, str]:
    """The texts ``units init`` writes, by file name: ``units.yaml`` and ``scores_YEAR.csv``."""
    from parplan.core.scaffold import province_name  # only init needs it: not at every start

    name = province_name(province, lang)  # the plan's init refuses the same names
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(msg("init-year-outside", year=year, first=FIRST_YEAR, last=LAST_YEAR).text(lang))
    lines = [
        _comment(_HEAD, lang),
        f"province: {_scalar(name)}\n",
        "name: Chỉ số cải cách hành chính của các sở, ban, ngành và UBND cấp xã\n",
        "source: null\n",
        _comment(_BLOCKS, lang),
        "blocks:\n",
        '  - {id: so, name: "Sở, ban, ngành"}\n',
        '  - {id: xa, name: "UBND xã, phường"}\n',
        _comment(_CLASSES, lang),
        "classes:\n",
        "  - {name: Xuất sắc, min: 90}\n",
        "  - {name: Tốt, min: 80}\n",
        "  - {name: Khá, min: 65}\n",
        "  - {name: Trung bình, min: 50}\n",
        "  - {name: Yếu, min: 0}\n",
        _comment(_TOLERANCE, lang),
        "tolerance: 0\n",
        _comment(_FIELDS, lang),
        "fields:\n",
        *(f'  - {{id: "{ident}", name: {_scalar(field)}, max: null}}\n' for ident, field in NATIONAL_FIELDS),
        _comment(_LIMITS, lang),
        "# bonus: {max: 3}\n",
        "# penalty: {max: 5}\n",
        _comment(_UNITS, lang),
        "units:\n",
        "  - {id: so-noi-vu, name: Sở Nội vụ, block: so}\n",
    ]
    return {"units.yaml": "".join(lines), f"scores_{year}.csv": ",".join(COLUMNS) + "\n"}


def write_init(folder: Path, province: str, year: int, lang: Lang = "vi") -> list[Path]:
    """Write ``units.yaml`` and ``scores_YEAR.csv``; never over a file: every file in the way
    is named (``PP144``, exit 2) before anything is written, and the two are written through
    the one multi-file write (:func:`parplan.core.output.write_files`)."""
    texts = init_texts(province, year, lang)
    paths = {folder / name: text.encode("utf-8") for name, text in texts.items()}
    write_files(paths, overwrite=False, make_folders=True)
    return list(paths)


__all__ = ["NATIONAL_FIELDS", "UnitsRun", "init_texts", "load_run", "write_init"]
