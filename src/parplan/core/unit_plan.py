"""Writes one unit's own plan (``units plan``): its year's result as a baseline of the plan format,
and a targets file to fill, so that ``validate``, ``gap``, ``check`` and ``report`` work for a
department or a commune as they do for the province.

The baseline has one index (``cchc``), whose criteria are the criteria set's fields: each with the
unit's points (appraised, else its own score, said in ``source``) and the maximum of what applies
to it. Its rank is its rank within its block. The block's other units are league tables, one per
field and one for the total. Its block's best (kind ``best_province``, naming the unit) and
median (kind ``median``: the middle value of the block's units to which the field applies, the
mean of the two middle ones for an even count, exact) are the reference points, for the total
and each field. Bonus and penalty are outside the fields' sum: a fact says them with the percent
and the class.

The targets file has one entry per field and one for the total, owned by the unit, with
``increase: null`` and a comment saying what to fill: a file to complete, which ``validate``
accepts as it is (a target without numbers is only not yet measured against). Both files are
written or neither.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from parplan.analysis.units import ZERO, UnitResult, median
from parplan.core.output import write_files
from parplan.core.units import UnitsRun, load_run
from parplan.models.plan import Baseline, Targets
from parplan.reading.units import shown_id
from parplan.reading.validation import validate
from parplan.reading.yamlread import Parsed, parse_yaml
from parplan.vocab import rules
from parplan.vocab.i18n import N_, tr, writes_decimal_comma
from parplan.vocab.problems import InputError, Lang, Msg, Problem, msg

INDEX = "cchc"
"""The unit's index: cải cách hành chính, the province's own PAR index of its units."""


def _field_id(ident: str) -> str:
    """A field's id as a criterion id of the plan format: ``1`` -> ``cchc.1``."""
    return f"{INDEX}.{re.sub(r'[^a-z0-9_]', '_', ident.lower())}"


def _league(year: int, ident: str, source: str, scores: dict[str, Decimal]) -> dict[str, Any]:
    return {"id": ident, "year": year, "source": source, "scores": scores}


def _best(ident: str, scores: dict[str, Decimal], source: str) -> dict[str, Any]:
    """The block's best as a reference point: ``gap`` shows it beside the unit's points."""
    name = max(scores, key=lambda unit: scores[unit])
    return {
        "id": ident,
        "kind": "best_province",
        "value": scores[name],
        "unit": "points",
        "province": name,
        "source": source,
    }


def _median(ident: str, scores: dict[str, Decimal], block: str, source: str, lang: Lang) -> dict[str, Any]:
    """The block's median as a reference point, over the units the field applies to: the middle
    unit of a peer group is what a unit in the middle of it compares itself with, not the best."""
    note = tr(lang, N_("the median of the block's {count} units"))
    return {
        "id": ident,
        "kind": "median",
        "value": median(list(scores.values())),
        "unit": "points",
        "province": block,
        "note": note.format(count=len(scores)),
        "source": source,
    }


def _written(value: Decimal, lang: Lang) -> str:
    """A number as prose of ``lang`` writes it (the decimal comma in Vietnamese)."""
    text = str(value)
    return text.replace(".", ",") if writes_decimal_comma(lang) else text


@dataclass(frozen=True)
class _Line:
    """One field of the unit (or its total) as the targets file offers it to fill."""

    id: str
    name: str
    points: Decimal
    max: Decimal
    median: Decimal
    best: Decimal


def _line(ident: str, name: str, points: Decimal, top: Decimal, scores: dict[str, Decimal]) -> _Line:
    values = list(scores.values())
    return _Line(ident, name, points, top, median(values) or ZERO, max(values))


def _baseline(
    run: UnitsRun, result: UnitResult, year: int, source: str, lang: Lang
) -> tuple[dict[str, Any], list[_Line]]:
    """The baseline's data, and the lines its targets file offers to fill (the total first)."""
    units = run.units
    block = [r for r in run.league.results if r.unit.block == result.unit.block]
    block_name = next((b.name for b in units.blocks if b.id == result.unit.block), result.unit.block)
    where = f"{block_name}: {source}"
    criteria = []
    leagues = []
    lines = []
    for field in units.fields:
        if field.id not in result.fields:
            continue  # nothing of this field applies to the unit
        points, top = result.fields[field.id]
        ident = _field_id(field.id)
        criteria.append({"id": ident, "name": field.name, "max": top, "score": points})
        scores = {r.unit.name: r.fields[field.id][0] for r in block if field.id in r.fields}
        leagues.append(_league(year, ident, where, scores))
        lines.append(_line(ident, field.name, points, top, scores))
    totals = {r.unit.name: sum((p for p, _m in r.fields.values()), start=ZERO) for r in block}
    total_max = sum((m for _p, m in result.fields.values()), start=ZERO)
    lines.insert(0, _line(INDEX, units.name, totals[result.unit.name], total_max, totals))
    tables = [_league(year, INDEX, where, totals), *leagues]
    references = [
        reference
        for table in tables
        for reference in (
            _best(table["id"], table["scores"], where),
            _median(table["id"], table["scores"], block_name, where, lang),
        )
    ]
    shown = {
        "points": result.points,
        "max": result.max,
        "percent": round(result.percent, 2),
        "bonus": result.bonus,
        "penalty": result.penalty,
    }
    comma = {key: _written(value, lang) for key, value in shown.items()}
    fact = msg("u-plan-fact", klass=result.klass or "—", **comma)
    data = {
        "province": result.unit.name,
        "year": year,
        "source": source,
        "indices": [
            {
                "id": INDEX,
                "name": units.name,
                "short_name": "CCHC",
                "rank": f"{result.rank}/{len(block)}",
                "criteria": criteria,
            }
        ],
        "league": tables,
        "references": references,
        "facts": [{"id": INDEX, "text": fact.text(lang), "source": source}],
    }
    return data, lines


def _targets(result: UnitResult, year: int, lang: Lang) -> dict[str, Any]:
    return {
        "province": result.unit.name,
        "year": year + 1,
        "baseline_year": year,
        "title": msg("u-plan-title", unit=result.unit.name, year=str(year + 1)).text(lang),
        "bodies": [{"id": result.unit.id, "name": result.unit.name}],
    }


def _to_fill(lines: list[_Line], owner: str, lang: Lang) -> str:
    """The targets list as YAML to fill: one entry a line of the baseline, its numbers left null
    and a comment with what the unit has and what its block reached."""
    head = tr(
        lang,
        N_(
            "To fill: the planned increase in points (increase), or the value to reach instead"
            " (target, for example the block's median or best); an entry left null is not checked."
        ),
    )
    said = N_("{name}: {points} of {max} points; block median {median}, best {best}")
    out = [f"# {head}", "targets:"]
    for line in lines:
        numbers = {key: _written(getattr(line, key), lang) for key in ("points", "max", "median", "best")}
        out.append(f"# {tr(lang, said).format(name=line.name, **numbers)}")
        out.extend([f"- id: {line.id}", "  increase: null", "  owners:", f"  - {owner}"])
    return "\n".join(out) + "\n"


def plan_files(
    units_path: Path, scores_path: Path, unit: str, folder: Path, lang: Lang = "vi"
) -> dict[Path, bytes]:
    """The unit's ``baseline_YEAR.yaml`` and ``targets_YEAR+1.yaml``, checked by the models."""
    from parplan.core.commands import yaml_file_text
    from parplan.core.dumping import dump_yaml

    run = load_run(units_path, scores_path)
    result = next((r for r in run.league.results if r.unit.id == unit), None)
    if result is None:
        message = msg("u-unknown-unit", unit=shown_id(unit), hint=Msg("blank"))
        raise InputError([Problem(str(units_path), None, None, None, rules.UNKNOWN_UNIT, message)])
    if run.year is None:
        raise InputError(
            [Problem(str(scores_path), None, None, None, rules.MISSING_KEY, msg("missing-key", key="year"))]
        )
    kind = "u-plan-provisional" if result.provisional else "u-plan-appraised"
    source = msg(kind, units=units_path.name, scores=scores_path.name).text(lang)
    data, lines = _baseline(run, result, run.year, source, lang)
    baseline = validate(Parsed(str(units_path), data), Baseline)
    targets = validate(Parsed(str(units_path), _targets(result, run.year, lang)), Targets)
    targets_text = dump_yaml(targets) + _to_fill(lines, result.unit.id, lang)
    # The filled-in form is what is written: read back, it must be a valid targets file.
    validate(parse_yaml(targets_text, str(units_path)), Targets)
    return {
        folder / f"baseline_{run.year}.yaml": yaml_file_text("baseline", dump_yaml(baseline)).encode("utf-8"),
        folder / f"targets_{run.year + 1}.yaml": yaml_file_text("targets", targets_text).encode("utf-8"),
    }


def write_unit_plan(files: dict[Path, bytes]) -> list[Path]:
    """Both files and the schemas their ``$schema`` lines name (as ``init`` and ``import``
    write them: an identical schema already there is left alone), or nothing: every file in
    the way is named before anything is written. The paths written."""
    from parplan.core.scaffold import with_schemas

    return write_files(with_schemas(files), overwrite=False, make_folders=True)


__all__ = ["plan_files", "write_unit_plan"]
