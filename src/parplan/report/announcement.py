"""The units' announcement (``units report``) as a document.

The year's results for the People's Committee: each block's league table, the units per class,
the fields as a heatmap, the rises and falls, where the province loses most and what is still
provisional. Built from :mod:`parplan.analysis.units` and the tables of
:mod:`parplan.report.units`, computing nothing; the same renderers as the province's report
write it as Markdown, Word or HTML.
"""

from __future__ import annotations

from collections.abc import Sequence

from parplan.analysis.units import Heat, League, UnitResult, class_counts, heatmap, losses, moves
from parplan.report.figures import heat_figure
from parplan.report.form import state_form
from parplan.report.units import (
    LOSS_COLUMNS,
    RANK_BEFORE,
    loss_record,
    percent_text,
    pick_columns,
    rank_record,
    signed_percent,
)
from parplan.vocab.document import (
    Block,
    Bullets,
    Cell,
    Column,
    Document,
    Heading,
    Inline,
    Lang,
    Options,
    Paragraph,
    Span,
    Table,
    plain,
    titled,
)
from parplan.vocab.i18n import N_, NC_, tr
from parplan.vocab.problems import Problem


def _heading(lang: Lang, number: int, msgid: str, **values: str) -> Heading:
    """A numbered section heading: ``msgid`` is English, translated, then filled."""
    return Heading(2, f"{number}. " + tr(lang, msgid).format(**values))


def _block_table(table: League, block_id: str) -> Table:
    keys = ("rank", "name", "points", "max", "percent", "class", *(RANK_BEFORE if table.previous else ()))
    columns = pick_columns(keys)
    marked = []
    for result in table.block(block_id):
        record = dict(rank_record(result, block_id))
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
        change = signed_percent("c")({"c": r.percent_change}, options)
        ranks = tr(lang, "rank {before} → {now}").format(before=r.rank_before, now=r.rank)
        points = tr(lang, "{change} percentage points").format(change=change)  # a change of a percent
        return (Span(r.unit.name, "strong"), Span(f": {points} ({ranks})"))

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
            Column(f"f{ident}", ident, ident, numeric=True, show=percent_text(f"f{ident}"))
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
    blocks.append(Table(LOSS_COLUMNS, tuple(loss_record(loss) for loss in losses(table)[:TOP_LOSSES])))
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


def heat_blocks(table: League, lang: Lang) -> list[Block]:
    """The heatmap as the document shows it: a drawing per block (Word, HTML; a page holds a
    block of a real province's size, not 130 rows), then the numbers of all."""
    heat = heatmap(table)
    legend = "; ".join(f"{ident}: {name}" for ident, name in heat.fields)
    figures: list[Block] = [
        heat_figure(table, lang, block=b.id) for b in table.units.blocks if table.block(b.id)
    ]
    return [*figures, Paragraph(plain(legend)), heat_block(heat, lang)]


__all__ = ["TOP_LOSSES", "announcement", "heat_block", "heat_blocks"]
