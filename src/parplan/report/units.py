"""The units' tables and their announcement, as documents: ranked blocks, gaps, the council's list.

Built from :mod:`parplan.analysis.units` only, computing nothing: the league table per block
(``units rank``), where one unit or the whole province loses points (``units gap``), the
council's working list (``units appraisal``) and the announcement (``units report``), which the
same renderers as the province report write as Markdown, Word or HTML. Column keys are the
issue's contract (``block, rank, unit, name, points, max, percent, class, provisional, …``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from parplan.analysis.units import (
    Disagreement,
    GapLine,
    Heat,
    League,
    Loss,
    UnitGap,
    UnitResult,
    class_counts,
    heatmap,
    losses,
    moves,
    two_places,
)
from parplan.report.form import state_form
from parplan.report.views import fixed_places
from parplan.vocab.document import (
    Block,
    Bullets,
    Cell,
    Column,
    Document,
    Figure,
    Heading,
    Inline,
    Lang,
    Options,
    Paragraph,
    Record,
    Sheet,
    Span,
    Table,
    Tables,
    cell_text,
    plain,
    shorten,
    titled,
)
from parplan.vocab.i18n import N_, NC_, tr
from parplan.vocab.problems import Problem


def _percent(key: str) -> Callable[[Record, Options], str]:
    """A percent printed to two places (``80.00``, ``80,00``); the cell keeps the exact value."""
    return fixed_places(key, two_places)


def _signed_percent(key: str) -> Callable[[Record, Options], str]:
    plain_percent = _percent(key)

    def show(record: Record, options: Options) -> str:
        value = record.get(key)
        text = plain_percent(record, options)
        return "+" + text if isinstance(value, Decimal) and two_places(value) > 0 else text

    return show


def _signed(key: str) -> Callable[[Record, Options], str]:
    def show(record: Record, options: Options) -> str:
        value = record.get(key)
        text = cell_text(value, options)
        return (
            "+" + text
            if isinstance(value, (int, Decimal)) and not isinstance(value, bool) and value > 0
            else text
        )

    return show


def _provisional(record: Record, options: Options) -> str:
    return tr(options.lang, "provisional") if record.get("provisional") else ""


RANK_COLUMNS: tuple[Column, ...] = (
    titled("block", N_("Block")),
    titled("rank", N_("Rank"), numeric=True),
    titled("unit", N_("Unit")),
    titled("name", NC_("units", "Name")),
    titled("points", N_("Points"), numeric=True),
    titled("max", NC_("units", "Max"), numeric=True),
    titled("percent", N_("Percent"), numeric=True, show=_percent("percent")),
    titled("class", N_("Class")),
    titled("provisional", N_("Provisional"), show=_provisional),
    titled("self_points", N_("Self points"), numeric=True),
    titled("self_minus_appraised", N_("Self − appraised"), numeric=True),
    titled("percent_before", N_("Percent before"), numeric=True, show=_percent("percent_before")),
    titled("percent_change", N_("± percent"), numeric=True, show=_signed_percent("percent_change")),
    titled("rank_before", NC_("units", "Rank before"), numeric=True),
    titled("rank_change", N_("± rank"), numeric=True, show=_signed("rank_change")),
)
"""``units rank``'s columns, in the contract's order (its JSON rows' keys)."""
RANK_SHORT = ("rank", "name", "points", "max", "percent", "class", "provisional")
RANK_BEFORE = ("percent_change", "rank_change")


def _rank_record(result: UnitResult, block_id: str) -> Record:
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


def _pick_columns(keys: Sequence[str] | None) -> tuple[Column, ...]:
    if keys is None:
        return RANK_COLUMNS
    return tuple(c for c in RANK_COLUMNS if c.key in keys)


def rank_tables(table: League, lang: Lang, *, block: str | None = None, full: bool = True) -> Tables:
    """The league table, one sheet per block; people get the short columns, programs all."""
    keys = None if full else (*RANK_SHORT, *(RANK_BEFORE if table.previous else ()))
    columns = _pick_columns(keys)
    sheets = tuple(
        Sheet(b.id, b.name, columns, tuple(_rank_record(r, b.id) for r in table.block(b.id)))
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
    titled("max", NC_("units", "Max"), numeric=True),
    titled("lost", N_("Lost"), numeric=True),
    titled("median", N_("Block median"), numeric=True),
    titled("best", N_("Block best"), numeric=True),
    titled("provisional", N_("Provisional"), show=_provisional),
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
        "percent": _percent("p")({"p": r.percent}, options),
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
    titled("max", NC_("units", "Max"), numeric=True),
    titled("units_losing", N_("Units losing"), numeric=True),
    titled("units_applicable", N_("Units applicable"), numeric=True),
    titled("lost", N_("Points lost"), numeric=True),
)


def _loss_record(loss: Loss) -> Record:
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
        tuple(_loss_record(loss) for loss in found),
    )
    total = sum((loss.lost for loss in found), Decimal(0))
    options = Options(lang=lang)
    summary = tr(lang, "the province loses {points} points").format(points=options.number(total))
    return Tables("units gap", (sheet,), summary=summary, meta={"province": table.units.province})


APPRAISAL_COLUMNS: tuple[Column, ...] = (
    titled("block", N_("Block")),
    titled("unit", N_("Unit")),
    titled("name", NC_("units", "Name")),
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


# --- the announcement ------------------------------------------------------------------------


def _heading(lang: Lang, number: int, msgid: str, **values: str) -> Heading:
    """A numbered section heading: ``msgid`` is English, translated, then filled."""
    return Heading(2, f"{number}. " + tr(lang, msgid).format(**values))


def _block_table(table: League, block_id: str) -> Table:
    keys = ("rank", "name", "points", "max", "percent", "class", *(RANK_BEFORE if table.previous else ()))
    columns = _pick_columns(keys)
    marked = []
    for result in table.block(block_id):
        record = dict(_rank_record(result, block_id))
        if result.provisional:
            record["name"] = f"{result.unit.name} (*)"
        marked.append(record)
    return Table(columns, tuple(marked))


def _counts_table(table: League, lang: Lang) -> Table:
    blocks = table.units.blocks
    columns = (
        titled("class", N_("Class")),
        *(Column(b.id, b.name, b.name, numeric=True) for b in blocks),
        titled("total", N_("Total"), numeric=True),
    )
    counts = class_counts(table)
    names: list[str | None] = [c.name for c in table.units.classes]
    if any(name is None for _b, name, _n in counts):
        names.append(None)
    rows = []
    for name in names:
        record: dict[str, Cell] = {"class": name if name is not None else tr(lang, "no class")}
        for b in blocks:
            record[b.id] = next((n for block, c, n in counts if block == b.id and c == name), 0)
        record["total"] = sum(n for _block, c, n in counts if c == name)
        rows.append(record)
    return Table(columns, tuple(rows))


def _moves(table: League, lang: Lang, comma: bool) -> list[Block]:
    rises, falls = moves(table)
    options = Options(lang=lang, decimal_comma=comma)

    def item(r: UnitResult) -> Inline:
        change = _signed_percent("c")({"c": r.percent_change}, options)
        ranks = tr(lang, "rank {before} → {now}").format(before=r.rank_before, now=r.rank)
        return (Span(r.unit.name, "strong"), Span(f": {change} % ({ranks})"))

    out: list[Block] = []
    out.append(Paragraph(plain(tr(lang, "Largest rises:"))))
    out.append(Bullets(tuple(item(r) for r in rises)) if rises else Paragraph(plain(tr(lang, "None."))))
    out.append(Paragraph(plain(tr(lang, "Largest falls:"))))
    out.append(Bullets(tuple(item(r) for r in falls)) if falls else Paragraph(plain(tr(lang, "None."))))
    return out


def heat_block(heat: Heat, lang: Lang) -> Table:
    """The heatmap's numbers as a table (units x fields, percent of each field's applicable max)."""
    columns = (
        titled("name", NC_("units", "Unit")),
        *(
            Column(f"f{ident}", ident, ident, numeric=True, show=_percent(f"f{ident}"))
            for ident, _n in heat.fields
        ),
    )
    rows = tuple(
        {
            "name": row.result.unit.name,
            **{f"f{ident}": cell for (ident, _n), cell in zip(heat.fields, row.cells, strict=True)},
        }
        for row in heat.rows
    )
    return Table(columns, rows)


TOP_LOSSES = 10


def announcement(
    table: League,
    lang: Lang,
    *,
    year: int | None,
    warnings: Sequence[Problem] = (),
    decimal_comma: bool = False,
) -> Document:
    """``units report``: the announcement of the year's results, for the People's Committee."""
    units = table.units
    if year:
        title = tr(lang, "PAR index of the units, {year} — {province}").format(
            year=year, province=units.province
        )
    else:
        title = tr(lang, "PAR index of the units — {province}").format(province=units.province)
    blocks: list[Block] = [Heading(1, title), Paragraph((Span(units.name, "emphasis"),))]
    if units.source:
        blocks.append(Paragraph(plain(tr(lang, "Source:") + " " + units.source)))
    blocks.append(
        Paragraph(
            plain(
                tr(
                    lang,
                    "Percent = points ÷ the maximum of the criteria that apply to the unit × 100; ranks are "
                    "per block, by percent. (*) provisional: some criteria are not appraised yet.",
                )
            )
        )
    )
    number = 1
    for b in units.blocks:
        blocks.append(_heading(lang, number, N_("Block {block}"), block=b.name))
        blocks.append(_block_table(table, b.id))
        number += 1
    blocks.append(_heading(lang, number, N_("Units per class")))
    blocks.append(_counts_table(table, lang))
    number += 1
    blocks.append(_heading(lang, number, N_("Fields (% of max)")))
    blocks.extend(heat_blocks(table, lang))
    number += 1
    if table.previous:
        blocks.append(_heading(lang, number, N_("Rises and falls")))
        blocks.extend(_moves(table, lang, decimal_comma))
        number += 1
    blocks.append(_heading(lang, number, N_("Where the province loses most")))
    blocks.append(Table(LOSS_COLUMNS, tuple(_loss_record(loss) for loss in losses(table)[:TOP_LOSSES])))
    number += 1
    blocks.append(_heading(lang, number, N_("Provisional results")))
    provisional = table.provisional
    if provisional:
        blocks.append(Bullets(tuple(plain(f"{r.unit.name} ({r.unit.id})") for r in provisional)))
    else:
        blocks.append(Paragraph(plain(tr(lang, "None: every result is appraised."))))
    if table.unscored:
        blocks.append(Paragraph(plain(tr(lang, "No scores, not ranked:"))))
        blocks.append(Bullets(tuple(plain(f"{u.name} ({u.id})") for u in table.unscored)))
    meta: dict[str, object] = {"province": units.province, "year": year, "warnings": len(warnings)}
    if units.document is not None:
        meta["document"] = units.document  # issue 21's document form (agency, number, signer, …)
    form = state_form(units.document, units.province, title, lang)
    return Document("units report", title, tuple(blocks), meta=meta, lang=lang, form=form)


def heat_figure(table: League, lang: Lang, *, block: str | None = None) -> Figure:
    """The heatmap as a figure: units (rows, grouped by block, in rank order) x fields, each
    cell the unit's points in that field as a percent of the field's applicable maximum;
    with ``block``, that block's units only."""
    heat = heatmap(table)
    columns = tuple(
        Column(f"f{ident}", f"{ident}. {shorten(name, 28)}", f"{ident}. {shorten(name, 28)}")
        for ident, name in heat.fields
    )
    names = {b.id: b.name for b in table.units.blocks}
    rows: tuple[Record, ...] = tuple(
        {
            "group": names[row.result.block],
            "label": row.result.unit.name,
            **{
                f"f{ident}": None if cell is None else two_places(cell)
                for (ident, _name), cell in zip(heat.fields, row.cells, strict=True)
            },
        }
        for row in heat.rows
        if block is None or row.result.block == block
    )
    caption = tr(lang, "Each field's points as % of the maximum of the criteria that apply to the unit")
    if block is not None:
        caption = f"{caption}: {names[block]}"
    legend = {"axis": tr(lang, "% of the field's maximum")}
    return Figure("units-heatmap", caption, rows, chart="heatmap", legend=legend, columns=columns)


def heat_blocks(table: League, lang: Lang) -> list[Block]:
    """The heatmap as the document shows it: a drawing per block (Word, HTML; a page holds a
    block of a real province's size, not 130 rows), then the numbers of all."""
    heat = heatmap(table)
    legend = "; ".join(f"{ident}: {name}" for ident, name in heat.fields)
    figures: list[Block] = [
        heat_figure(table, lang, block=b.id) for b in table.units.blocks if table.block(b.id)
    ]
    return [*figures, Paragraph(plain(legend)), heat_block(heat, lang)]


__all__ = [
    "APPRAISAL_COLUMNS",
    "GAP_COLUMNS",
    "LOSS_COLUMNS",
    "RANK_COLUMNS",
    "announcement",
    "appraisal_tables",
    "heat_block",
    "heat_figure",
    "losses_tables",
    "rank_tables",
    "unit_gap_tables",
]
