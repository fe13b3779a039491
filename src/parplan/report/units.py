"""The units' tables, as documents: ranked blocks, gaps, the council's list, points lost.

Built from :mod:`parplan.analysis.units` only, computing nothing: the league table per block
(``units rank``), where one unit or the whole province loses points (``units gap``) and the
council's working list (``units appraisal``). The announcement that shows some of them
(``units report``) is :mod:`parplan.report.announcement`. Column keys are the issue's contract
(``block, rank, unit, name, points, max, percent, class, provisional, …``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from parplan.analysis.units import (
    Disagreement,
    GapLine,
    League,
    Loss,
    UnitGap,
    UnitResult,
    losses,
    two_places,
)
from parplan.report.views import fixed_places, signed
from parplan.vocab.document import (
    Column,
    Lang,
    Options,
    Record,
    Sheet,
    Tables,
    titled,
)
from parplan.vocab.i18n import N_, NC_, tr


def percent_text(key: str) -> Callable[[Record, Options], str]:
    """A percent printed to two places (``80.00``, ``80,00``); the cell keeps the exact value."""
    return fixed_places(key, two_places)


def signed_percent(key: str) -> Callable[[Record, Options], str]:
    """A change of percent with its sign when it rounds above zero (``+1,25``)."""
    plain_percent = percent_text(key)

    def show(record: Record, options: Options) -> str:
        value = record.get(key)
        text = plain_percent(record, options)
        return "+" + text if isinstance(value, Decimal) and two_places(value) > 0 else text

    return show


def _provisional(record: Record, options: Options) -> str:
    return tr(options.lang, "provisional") if record.get("provisional") else ""


# Columns that mean the same in several of the units' tables: each is defined once.
BLOCK = titled("block", N_("Block"))
UNIT = titled("unit", N_("Unit"))
UNIT_NAME = titled("name", NC_("units", "Name"))
MAX = titled("max", NC_("units", "Max"), numeric=True)
PROVISIONAL = titled("provisional", N_("Provisional"), show=_provisional)


RANK_COLUMNS: tuple[Column, ...] = (
    BLOCK,
    titled("rank", N_("Rank"), numeric=True),
    UNIT,
    UNIT_NAME,
    titled("points", N_("Points"), numeric=True),
    MAX,
    titled("percent", N_("Percent"), numeric=True, show=percent_text("percent")),
    titled("class", N_("Class")),
    PROVISIONAL,
    titled("self_points", N_("Self points"), numeric=True),
    titled("self_minus_appraised", N_("Self − appraised"), numeric=True),
    titled("percent_before", N_("Percent before"), numeric=True, show=percent_text("percent_before")),
    titled("percent_change", N_("± percent"), numeric=True, show=signed_percent("percent_change")),
    titled("rank_before", NC_("units", "Rank before"), numeric=True),
    titled("rank_change", N_("± rank"), numeric=True, show=signed("rank_change")),
)
"""``units rank``'s columns, in the contract's order (its JSON rows' keys)."""
RANK_SHORT = ("rank", "name", "points", "max", "percent", "class", "provisional")
RANK_BEFORE = ("percent_change", "rank_change")


def rank_record(result: UnitResult, block_id: str) -> Record:
    """One unit's row of ``units rank``, keyed by :data:`RANK_COLUMNS`."""
    return {
        "block": block_id,
        "rank": result.rank,
        "unit": result.unit.id,
        "name": result.unit.name,
        "points": result.points,
        "max": result.max,
        "percent": two_places(result.percent),
        "class": result.klass,
        "provisional": result.provisional,
        "self_points": result.self_points,
        "self_minus_appraised": result.self_points - result.points,
        "percent_before": None if result.percent_before is None else two_places(result.percent_before),
        "percent_change": None if result.percent_change is None else two_places(result.percent_change),
        "rank_before": result.rank_before,
        "rank_change": result.rank_change,
    }


def pick_columns(keys: Sequence[str] | None) -> tuple[Column, ...]:
    """The rank columns named by ``keys``, in the contract's order; None: all."""
    if keys is None:
        return RANK_COLUMNS
    return tuple(c for c in RANK_COLUMNS if c.key in keys)


def rank_tables(table: League, lang: Lang, *, block: str | None = None, full: bool = True) -> Tables:
    """The league table, one sheet per block; people get the short columns, programs all."""
    keys = None if full else (*RANK_SHORT, *(RANK_BEFORE if table.previous else ()))
    columns = pick_columns(keys)
    sheets = tuple(
        Sheet(b.id, b.name, columns, tuple(rank_record(r, b.id) for r in table.block(b.id)))
        for b in table.units.blocks
        if block is None or b.id == block
    )
    count = sum(len(s.rows) for s in sheets)
    summary = tr(lang, "{count} units ranked").format(count=count)
    provisional = [r for r in table.provisional if block is None or r.block == block]
    if provisional:
        summary += tr(lang, "; {count} provisional").format(count=len(provisional))
    meta = {"province": table.units.province, "classes": [c.name for c in table.units.classes]}
    return Tables("units rank", sheets, summary=summary, meta=meta)


GAP_COLUMNS: tuple[Column, ...] = (
    titled("level", N_("Level")),
    titled("id", N_("Id")),
    titled("name", NC_("units fields", "Name")),
    titled("points", N_("Points"), numeric=True),
    MAX,
    titled("lost", N_("Lost"), numeric=True),
    titled("median", N_("Block median"), numeric=True),
    titled("best", N_("Block best"), numeric=True),
    PROVISIONAL,
)


def _gap_record(line: GapLine, lang: Lang) -> Record:
    level = tr(lang, "field") if line.level == "field" else tr(lang, "criterion")
    return {
        "level": level,
        "id": line.id,
        "name": line.name,
        "points": line.points,
        "max": line.max,
        "lost": line.lost,
        "median": line.median,
        "best": line.best,
        "provisional": line.provisional,
    }


def next_class_text(gap: UnitGap, lang: Lang, options: Options) -> str:
    """What it takes to reach the next class, in a sentence."""
    r = gap.result
    values = {
        "name": r.unit.name,
        "points": options.number(r.points),
        "max": options.number(r.max),
        "percent": percent_text("p")({"p": r.percent}, options),
        "klass": r.klass or "—",
        "rank": r.rank,
    }
    head = tr(lang, "{name}: {points}/{max} points, {percent} %, {klass}, rank {rank}").format(**values)
    if gap.next_class is None or gap.needed is None:
        return head + tr(lang, "; in the top class already")
    needed = options.number(gap.needed)
    return head + tr(lang, "; {needed} more points reach {klass}").format(needed=needed, klass=gap.next_class)


def unit_gap_tables(gap: UnitGap, lang: Lang) -> Tables:
    """One unit's fields and leaves by points lost, beside its block's median and best."""
    options = Options(lang=lang)
    fields = Sheet(
        "fields",
        tr(lang, "Fields"),
        GAP_COLUMNS,
        tuple(_gap_record(f, lang) for f in gap.fields),
    )
    criteria = Sheet(
        "criteria",
        tr(lang, "Criteria"),
        GAP_COLUMNS,
        tuple(_gap_record(c, lang) for c in gap.criteria),
    )
    meta = {
        "unit": gap.result.unit.id,
        "next_class": gap.next_class,
        "needed": gap.needed,
    }
    return Tables("units gap", (fields, criteria), summary=next_class_text(gap, lang, options), meta=meta)


LOSS_COLUMNS: tuple[Column, ...] = (
    titled("criterion", N_("Criterion")),
    titled("name", NC_("units criteria", "Name")),
    titled("field", N_("Field")),
    MAX,
    titled("units_losing", N_("Units losing"), numeric=True),
    titled("units_applicable", N_("Units applicable"), numeric=True),
    titled("lost", N_("Points lost"), numeric=True),
)


def loss_record(loss: Loss) -> Record:
    """One row of ``units losses``, keyed by :data:`LOSS_COLUMNS`."""
    return {
        "criterion": loss.leaf.id,
        "name": loss.leaf.criterion.name,
        "field": loss.leaf.field.id,
        "max": loss.leaf.max,
        "units_losing": loss.units,
        "units_applicable": loss.applicable,
        "lost": loss.lost,
    }


def losses_tables(table: League, lang: Lang) -> Tables:
    """Each criterion by the points the province loses there: where to act first."""
    found = losses(table)
    sheet = Sheet(
        "losses",
        tr(lang, "Points lost by criterion"),
        LOSS_COLUMNS,
        tuple(loss_record(loss) for loss in found),
    )
    total = sum((loss.lost for loss in found), Decimal(0))
    options = Options(lang=lang)
    summary = tr(lang, "the province loses {points} points").format(points=options.number(total))
    return Tables("units gap", (sheet,), summary=summary, meta={"province": table.units.province})


APPRAISAL_COLUMNS: tuple[Column, ...] = (
    BLOCK,
    UNIT,
    UNIT_NAME,
    titled("criterion", N_("Criterion")),
    titled("criterion_name", N_("Criterion name")),
    titled("self", N_("Self"), numeric=True),
    titled("appraised", N_("Appraised"), numeric=True),
    titled("difference", N_("Difference"), numeric=True),
)


def appraisal_tables(found: Sequence[Disagreement], tolerance: Decimal, lang: Lang) -> Tables:
    """The council's working list: self above appraised by more than the tolerance."""
    rows: tuple[Record, ...] = tuple(
        {
            "block": d.unit.block,
            "unit": d.unit.id,
            "name": d.unit.name,
            "criterion": d.criterion,
            "criterion_name": d.name,
            "self": d.self,
            "appraised": d.appraised,
            "difference": d.difference,
        }
        for d in found
    )
    options = Options(lang=lang)
    title = tr(lang, "Self scores above the appraisal")
    summary = tr(lang, "{count} rows differ by more than {points} points").format(
        count=len(rows), points=options.number(tolerance)
    )
    return Tables(
        "units appraisal",
        (Sheet("appraisal", title, APPRAISAL_COLUMNS, rows),),
        summary=summary,
        meta={"tolerance": tolerance},
    )


__all__ = [
    "APPRAISAL_COLUMNS",
    "GAP_COLUMNS",
    "LOSS_COLUMNS",
    "RANK_COLUMNS",
    "appraisal_tables",
    "loss_record",
    "losses_tables",
    "percent_text",
    "pick_columns",
    "rank_record",
    "rank_tables",
    "signed_percent",
    "unit_gap_tables",
]
