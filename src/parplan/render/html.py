"""HTML output: the report as one self-contained page, for a browser, a phone or a printer.

The page is rendered by Jinja2 from ``templates/report.html.j2`` with autoescaping on, so
every piece of plan text (a name, a heading, a chart label) shows as text, never as markup.
Nothing is fetched: the CSS is inline, there is no script, font, image or link to any address;
figures are inline SVG drawn here from the figure's numbers (no matplotlib needed). Tables are
semantic (caption, ``thead``, ``th scope="col"``), numbers right-aligned, and wrapped so that
they scroll sideways on a phone; a print stylesheet lays the page on A4 with the margins of
Decree 30/2020/NĐ-CP. In Vietnamese, numbers take the decimal comma (``9,2779``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import assert_never

import jinja2
from markupsafe import Markup

from parplan.vocab.document import (
    Block,
    Column,
    Document,
    Figure,
    Lang,
    Options,
    Record,
    Span,
    Tables,
    cell_text,
    column_text,
    figure_number,
    shorten,
)
from parplan.vocab.i18n import tr, writes_decimal_comma

TEMPLATE = "report.html.j2"
LANG_TAGS: dict[Lang, str] = {"vi": "vi", "en": "en"}

# Chart geometry, in the SVG's own units (it scales to the page's width).
CHART_WIDTH = 720
LABEL_AREA = 300
"""Room left of the bars for the labels."""
VALUE_AREA = 110
"""Room right of the bars for the numbers."""
ROW_HEIGHT = 26
TOP = 8
LEGEND_HEIGHT = 30
LABEL_CHARS = 40
"""Labels are cut to this many characters; the whole label is the row's tooltip."""


def _words(lang: Lang) -> dict[str, str]:
    return {
        "table": tr(lang, "Table"),
        "figure": tr(lang, "Figure"),
        "score": tr(lang, "Score"),
        "target": tr(lang, "Target"),
        "max": tr(lang, "Maximum"),
    }


@dataclass(frozen=True)
class CellView:
    text: str
    numeric: bool


@dataclass(frozen=True)
class TableView:
    caption: str
    headers: tuple[CellView, ...]
    rows: tuple[tuple[CellView, ...], ...]
    kind: str = "table"


@dataclass(frozen=True)
class BarView:
    """One row of a chart, already placed: ``None`` where a value is unknown."""

    y: float
    label: str
    title: str
    max_width: float | None
    score_width: float | None
    target_x: float | None
    values: str


@dataclass(frozen=True)
class FigureView:
    id: str
    caption: str
    width: int
    height: int
    bar_left: int
    bars: tuple[BarView, ...]
    legend_y: float
    legend: Mapping[str, str]
    kind: str = "figure"


@dataclass(frozen=True)
class DrawnView:
    """A figure that is not bars (a radar, a heatmap): drawn by :mod:`parplan.render.chart` as
    inline SVG, or its caption and a note without matplotlib."""

    caption: str
    svg: Markup | None
    note: str = ""
    kind: str = "drawn"


@dataclass(frozen=True)
class TextView:
    """A heading (``level`` 1–3), a paragraph (one list of spans) or bullets (several)."""

    kind: str
    level: int = 0
    text: str = ""
    items: tuple[tuple[Span, ...], ...] = ()


View = TextView | TableView | FigureView | DrawnView


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("parplan.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@cache
def _template() -> jinja2.Template:
    """The page's template, compiled once a process: jinja2's own cache would still look the
    template up and stat its file on every render (``auto_reload``), for a file that ships
    inside the package and never changes while parplan runs."""
    return _environment().get_template(TEMPLATE)


def _table(caption: str, columns: Sequence[Column], rows: Sequence[Record], options: Options) -> TableView:
    return TableView(
        caption=caption,
        headers=tuple(CellView(column.header(options.lang), column.numeric) for column in columns),
        rows=tuple(
            tuple(CellView(column_text(column, record, options), column.numeric) for column in columns)
            for record in rows
        ),
    )


def _values(row: Record, options: Options) -> str:
    """The numbers beside a bar: ``score / target``, or the score alone when there is no target."""
    score = cell_text(row.get("score"), options)
    target = row.get("target")
    return score if target is None else f"{score} / {cell_text(target, options)}"


def _figure(figure: Figure, number: int, options: Options) -> FigureView:
    words = _words(options.lang)
    scale_to = max(
        (
            n
            for row in figure.rows
            for key in ("max", "score", "target")
            if (n := figure_number(row.get(key)))
        ),
        default=1.0,
    )
    span = CHART_WIDTH - LABEL_AREA - VALUE_AREA
    bars = []
    for n, row in enumerate(figure.rows):
        label = str(row.get("label") or "")
        numbers = {key: figure_number(row.get(key)) for key in ("max", "score", "target")}
        widths = {key: None if value is None else span * value / scale_to for key, value in numbers.items()}
        target = widths["target"]
        bars.append(
            BarView(
                y=TOP + n * ROW_HEIGHT,
                label=shorten(label, LABEL_CHARS),
                title=label,
                max_width=widths["max"],
                score_width=widths["score"],
                target_x=None if target is None else LABEL_AREA + target,
                values=_values(row, options),
            )
        )
    legend_y = TOP + len(figure.rows) * ROW_HEIGHT + 8
    return FigureView(
        id=f"figure-{number}",
        caption=f"{words['figure']} {number}. {figure.caption}",
        width=CHART_WIDTH,
        height=int(legend_y + LEGEND_HEIGHT),
        bar_left=LABEL_AREA,
        bars=tuple(bars),
        legend_y=legend_y,
        legend={key: figure.legend.get(key, words[key]) for key in ("score", "target", "max")},
    )


_NAMESPACE = re.compile(r'\s+xmlns(?::\w+)?="[^"]*"')


def _drawn(figure: Figure, number: int, options: Options) -> DrawnView:
    """A radar or a heatmap as the chart module's SVG, inline; the page still fetches nothing."""
    caption = f"{_words(options.lang)['figure']} {number}. {figure.caption}"
    if figure.chart == "heatmap":  # plain SVG, no matplotlib: a browser draws cells and text itself
        from parplan.render.heatmap import heatmap_svg

        return DrawnView(caption, Markup(heatmap_svg(figure, lang=options.lang, comma=options.decimal_comma)))
    try:
        import matplotlib  # noqa: F401  # first: a module of ours imported before may outlive it

        from parplan.render.chart import draw
    except ModuleNotFoundError as error:
        if (error.name or "").split(".")[0] != "matplotlib":
            raise
        note = tr(options.lang, "Charts need the charts extra: pip install 'parplan[charts]'.")
        return DrawnView(caption, None, note)
    text = draw(figure, "svg", lang=options.lang, comma=options.decimal_comma).decode("utf-8")
    svg = _NAMESPACE.sub("", text[text.index("<svg") :])
    return DrawnView(caption, Markup(svg))  # matplotlib's own SVG, text as paths


def _views(blocks: Sequence[Block], options: Options) -> list[View]:
    """Blocks as views: tables numbered and captioned by the heading above them, figures drawn."""
    words = _words(options.lang)
    views: list[View] = []
    heading, tables, figures = "", 0, 0
    for block in blocks:
        if block.kind == "heading":
            heading = block.text
            views.append(TextView("heading", level=min(max(block.level, 1), 3), text=block.text))
        elif block.kind == "paragraph":
            views.append(TextView("paragraph", items=(block.spans,)))
        elif block.kind == "bullets":
            views.append(TextView("bullets", items=block.items))
        elif block.kind == "table":
            tables += 1
            caption = f"{words['table']} {tables}" + (f" — {heading}" if heading else "")
            views.append(_table(caption, block.columns, block.rows, options))
        elif block.kind == "figure":
            figures += 1
            grouped = any(row.get("group") for row in block.rows)
            drawn = _figure(block, figures, options) if block.chart == "bars" and not grouped else None
            views.append(drawn or _drawn(block, figures, options))
        else:
            assert_never(block)
    return views


def _title(report: Document | Tables) -> str:
    if report.kind == "document":
        return report.title
    return report.sheets[0].title if len(report.sheets) == 1 else f"parplan {report.command}"


def _page_views(report: Document | Tables, options: Options) -> list[View]:
    title = _title(report)
    if report.kind == "document":
        first = report.blocks[0] if report.blocks else None
        starts_titled = first is not None and first.kind == "heading" and first.level == 1
        if report.form is not None:  # the form's summary is the page's title
            return _views(report.blocks[1:] if starts_titled else report.blocks, options)
        views = _views(report.blocks, options)
        return views if starts_titled else [TextView("heading", level=1, text=title), *views]
    views = [] if len(report.sheets) == 1 else [TextView("heading", level=1, text=title)]
    for sheet in report.sheets:
        views.append(_table(sheet.title, sheet.columns, sheet.rows, options))
    if report.summary:
        views.append(TextView("paragraph", items=((Span(report.summary),),)))
    return views


def render_html(report: Document | Tables, options: Options) -> str:
    """The report as one self-contained HTML page; in Vietnamese, decimal commas."""
    if writes_decimal_comma(options.lang) and not options.decimal_comma:
        options = replace(options, decimal_comma=True)
    template = _template()
    province = report.meta.get("province")
    return template.render(
        lang=LANG_TAGS[options.lang],
        title=_title(report),
        province=str(province) if province else "",
        views=_page_views(report, options),
        form=report.form if report.kind == "document" else None,
        appendix=_views(report.appendix, options) if report.kind == "document" else [],
        words=_words(options.lang),
    )
