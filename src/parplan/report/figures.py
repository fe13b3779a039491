"""The figures as document data: the plan's bars and radar, the units' heatmap.

The ``chart`` command and the People's Committee report build their charts here, and the units'
announcement its heatmap, as :class:`~parplan.vocab.document.Figure` values;
:mod:`parplan.render.chart` draws every kind.
So the chart on its own and the chart in a Word report are one chart, from the same rows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from parplan.analysis.gaps import Row
from parplan.analysis.units import League, heatmap, two_places
from parplan.vocab.document import Column, Figure, Lang, Record, name_in, shorten
from parplan.vocab.i18n import tr
from parplan.vocab.problems import Msg, msg

LABEL_WIDTH = 44
"""Criterion names are cut to this many characters in a chart; the id before them stays whole."""


class NothingToChart(ValueError):
    """The chosen indices have no criterion with both a score and a maximum; says so as a Msg."""

    def __init__(self, message: Msg) -> None:
        super().__init__(message.text("en"))
        self.message = message


def legend(lang: Lang, years: tuple[int, int] | None = None) -> dict[str, str]:
    """The series' words; with years, the score's and the target's year beside them."""
    score, target = tr(lang, "Score"), tr(lang, "Target")
    if years is not None:
        score, target = f"{score} {years[0]}", f"{target} {years[1]}"
    return {
        "score": score,
        "target": target,
        "max": tr(lang, "Maximum"),
        "best": tr(lang, "Best province"),
        "axis": tr(lang, "Points"),
    }


def chartable(rows: Sequence[Row], indices: Sequence[str] = ()) -> dict[str, list[Row]]:
    """Criteria (not totals, not parts) with a score and a maximum, grouped by index."""
    groups: dict[str, list[Row]] = {}
    for row in rows:
        if row.level != "field" or row.score is None or row.max is None:
            continue
        if indices and row.index not in indices:
            continue
        groups.setdefault(row.index, []).append(row)
    return groups


def _label(row: Row, lang: Lang) -> str:
    return f"{row.id}  {shorten(name_in(lang, row.name, row.name_en), LABEL_WIDTH)}"


def _record(row: Row, lang: Lang, group: str = "") -> Record:
    record: dict[str, str | Decimal | None] = {
        "label": _label(row, lang),
        "score": row.score,
        "target": row.target,
        "max": row.max,
        "best": row.best,
    }
    if group:
        record["group"] = group
    return record


def index_bars(rows: Sequence[Row], index: str, caption: str, lang: Lang) -> Figure | None:
    """One index's fields in the plan's order, for a report: None when none has a maximum."""
    fields = [r for r in rows if r.index == index and r.level == "field" and r.max is not None]
    if not fields:
        return None
    records = tuple({**_record(r, lang), "label": _reader_label(r, lang)} for r in fields)
    return Figure(f"{index}-fields", caption, records, legend=legend(lang))


def _reader_label(row: Row, lang: Lang) -> str:
    """A field in the report's chart as the report names it: the plan's number, never the id."""
    name = shorten(name_in(lang, row.name, row.name_en), LABEL_WIDTH)
    return f"{row.number}  {name}" if row.number else name


def headroom_bars(
    rows: Sequence[Row],
    titles: Mapping[str, str],
    *,
    lang: Lang,
    years: tuple[int, int],
    indices: Sequence[str] = (),
    heading: str = "",
) -> Figure:
    """Per index, one bar per criterion, the most points still to gain on top.

    The eye lands first where the plan can gain most; ties keep the ids' order.
    """
    groups = chartable(rows, indices)
    if not groups:
        wanted = ", ".join(indices) if indices else "the plan"
        raise NothingToChart(msg("nothing-to-chart", wanted=wanted))
    sorted_word = tr(lang, "sorted by headroom")
    records: list[Record] = []
    for index, group in groups.items():
        title = f"{titles.get(index, index)} ({sorted_word})"
        ordered = sorted(group, key=lambda r: (-(r.headroom or Decimal(0)), r.id))
        records.extend(_record(r, lang, title) for r in ordered)
    caption = ", ".join(titles.get(index, index) for index in groups)
    return Figure("bars", caption, tuple(records), legend=legend(lang, years), title=heading)


def radar(
    rows: Sequence[Row],
    titles: Mapping[str, str],
    *,
    lang: Lang,
    years: tuple[int, int],
    index: str = "papi",
    heading: str = "",
) -> Figure:
    """The index's criteria around a circle: the province, its targets, the best province.

    The best province's names join its legend entry; a criterion without its value leaves a
    gap in that line (None), never a guess.
    """
    group = chartable(rows, (index,)).get(index, [])
    if len(group) < 3:
        raise NothingToChart(msg("radar-few", index=index))
    words = legend(lang, years)
    provinces = sorted({r.best_province for r in group if r.best is not None and r.best_province})
    if provinces:
        words["best"] = f"{words['best']} ({', '.join(provinces)})"
    title = titles.get(index, index)
    return Figure(
        f"{index}-radar",
        title,
        tuple(_record(r, lang) for r in group),
        chart="radar",
        legend=words,
        title=f"{heading} — {title}" if heading else title,
    )


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
