"""Writes one unit's own plan (``units plan``): its year's result as a baseline of the plan format,
and a targets file to fill, so that ``validate``, ``gap``, ``check`` and ``report`` work for a
department or a commune as they do for the province.

The baseline has one index (``cchc``), whose criteria are the criteria set's fields: each with the
unit's points (appraised, else its own score, said in ``source``) and the maximum of what applies
to it. Its rank is its rank within its block. The block's other units are league tables, one per
field and one for the total, so its block's best and median are the reference points that
``gap`` shows. Bonus and penalty are outside the fields' sum: a fact says them with the percent
and the class. Both files are written or neither.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from parplan.analysis.units import UnitResult
from parplan.core.output import write_files
from parplan.core.units import UnitsRun, load_run
from parplan.models.plan import Baseline, Targets
from parplan.reading.validation import validate
from parplan.reading.yamlread import Parsed
from parplan.vocab import rules
from parplan.vocab.problems import InputError, Lang, Msg, Problem, msg, quoted

INDEX = "cchc"
"""The unit's index: cải cách hành chính, the province's own PAR index of its units."""


def _field_id(ident: str) -> str:
    """A field's id as a criterion id of the plan format: ``1`` -> ``cchc.1``."""
    return f"{INDEX}.{re.sub(r'[^a-z0-9_]', '_', ident.lower())}"


def _league(year: int, ident: str, source: str, scores: dict[str, Any]) -> dict[str, Any]:
    return {"id": ident, "year": year, "source": source, "scores": scores}


def _best(ident: str, scores: dict[str, Any], source: str) -> dict[str, Any]:
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


def _baseline(run: UnitsRun, result: UnitResult, year: int, source: str, lang: Lang) -> dict[str, Any]:
    units = run.units
    block = [r for r in run.league.results if r.unit.block == result.unit.block]
    block_name = next((b.name for b in units.blocks if b.id == result.unit.block), result.unit.block)
    where = f"{block_name}: {source}"
    criteria = []
    leagues = []
    for field in units.fields:
        if field.id not in result.fields:
            continue  # nothing of this field applies to the unit
        points, top = result.fields[field.id]
        ident = _field_id(field.id)
        criteria.append({"id": ident, "name": field.name, "max": top, "score": points})
        scores = {r.unit.name: r.fields[field.id][0] for r in block if field.id in r.fields}
        leagues.append(_league(year, ident, where, scores))
    totals = {r.unit.name: sum((p for p, _m in r.fields.values()), start=0) for r in block}
    best = [_best(INDEX, totals, where)] + [_best(t["id"], t["scores"], where) for t in leagues]
    shown = {
        "points": result.points,
        "max": result.max,
        "percent": round(result.percent, 2),
        "bonus": result.bonus,
        "penalty": result.penalty,
    }
    comma = {
        key: str(value).replace(".", ",") if lang == "vi" else str(value) for key, value in shown.items()
    }
    fact = msg("u-plan-fact", klass=result.klass or "—", **comma)
    return {
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
        "league": [_league(year, INDEX, where, totals), *leagues],
        "references": best,
        "facts": [{"id": INDEX, "text": fact.text(lang), "source": source}],
    }


def _targets(result: UnitResult, year: int, lang: Lang) -> dict[str, Any]:
    return {
        "province": result.unit.name,
        "year": year + 1,
        "baseline_year": year,
        "title": msg("u-plan-title", unit=result.unit.name, year=str(year + 1)).text(lang),
        "bodies": [{"id": result.unit.id, "name": result.unit.name}],
        "targets": [],
    }


def plan_files(
    units_path: Path, scores_path: Path, unit: str, folder: Path, lang: Lang = "vi"
) -> dict[Path, bytes]:
    """The unit's ``baseline_YEAR.yaml`` and ``targets_YEAR+1.yaml``, checked by the models."""
    from parplan.core.commands import _yaml_text
    from parplan.core.dumping import dump_yaml

    run = load_run(units_path, scores_path)
    result = next((r for r in run.league.results if r.unit.id == unit), None)
    if result is None:
        message = msg("u-unknown-unit", unit=quoted(unit), hint=Msg("blank"))
        raise InputError([Problem(str(units_path), None, None, None, rules.UNKNOWN_UNIT, message)])
    if run.year is None:
        raise InputError(
            [Problem(str(scores_path), None, None, None, rules.MISSING_KEY, msg("missing-key", key="year"))]
        )
    kind = "u-plan-provisional" if result.provisional else "u-plan-appraised"
    source = msg(kind, units=units_path.name, scores=scores_path.name).text(lang)
    baseline = validate(Parsed(str(units_path), _baseline(run, result, run.year, source, lang)), Baseline)
    targets = validate(Parsed(str(units_path), _targets(result, run.year, lang)), Targets)
    return {
        folder / f"baseline_{run.year}.yaml": _yaml_text("baseline", dump_yaml(baseline)).encode("utf-8"),
        folder / f"targets_{run.year + 1}.yaml": _yaml_text("targets", dump_yaml(targets)).encode("utf-8"),
    }


def write_unit_plan(files: dict[Path, bytes]) -> list[Path]:
    """Both files or neither: every file in the way is named before anything is written."""
    write_files(files, overwrite=False, make_folders=True)
    return list(files)


__all__ = ["plan_files", "write_unit_plan"]
