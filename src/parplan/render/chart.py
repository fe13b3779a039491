"""Charts (PNG or SVG) of a document's figures: bars, the radar of one index, and heatmaps.

Every chart parplan draws is drawn here, from a :class:`~parplan.vocab.document.Figure`: the
``chart`` command's image and the figures of the Word report alike. The report layer chooses
the rows, their order and the words (:mod:`parplan.report.figures`); this module only draws.

matplotlib is an optional extra (``parplan[charts]``) and this module imports it at its top:
the CLI and the Word renderer import this module only when they draw, and turn a missing
matplotlib into a message. Figures are built on :class:`~matplotlib.figure.Figure` with the
Agg canvas, never through pyplot, so no global state or GUI backend is involved.

Labels are Vietnamese by default; DejaVu Sans, which ships with matplotlib, has every
Vietnamese glyph, so it is named explicitly rather than left to the system's default font.
"""

from __future__ import annotations

import io
import math
import textwrap
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, Literal, assert_never

import matplotlib as mpl
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure as Canvas
from matplotlib.patches import Rectangle
from matplotlib.projections.polar import PolarAxes
from matplotlib.typing import RcKeyType

from parplan.vocab.document import Figure, Lang, Record, figure_number, fmt, shorten

ImageFormat = Literal["png", "svg"]
FONT = "DejaVu Sans"
STYLE: dict[RcKeyType, Any] = {
    "font.family": "sans-serif",
    "font.sans-serif": [FONT],
    "font.size": 9,
    "svg.hashsalt": "parplan",  # the same plan gives the same SVG, byte for byte
    "svg.fonttype": "path",  # text as outlines: the SVG shows Vietnamese without the font
}
SCORE, TARGET, MAXIMUM, BEST = "#1f4e79", "#c0392b", "#d9dee4", "#e67e22"
LABEL_WIDTH = 50
"""A bar's label is cut to this many characters (the report layer cuts names before)."""
WIDTH = 10.0
"""Inches: the ``chart`` command's image; a Word page asks for its own."""
HEATMAP = LinearSegmentedColormap.from_list("parplan", ["#f7fbff", SCORE])
HEAT_LABEL_SIZE = 8
"""Points of the heatmap colour bar's label (characters are about 0.6 of it wide)."""


def _value(row: Record, key: str) -> float | None:
    return figure_number(row.get(key))


def _number(value: float | None, row: Record, key: str, comma: bool) -> str:
    """A value as the report prints it (exact, decimal comma in Vietnamese), from the row."""
    cell = row.get(key)
    text = fmt(cell) if isinstance(cell, Decimal) else "—" if value is None else str(cell)
    return text.replace(".", ",") if comma else text


def _groups(rows: Sequence[Record]) -> list[tuple[str, list[Record]]]:
    """Rows split by their ``group``, in the order the groups first appear."""
    groups: dict[str, list[Record]] = {}
    for row in rows:
        groups.setdefault(str(row.get("group") or ""), []).append(row)
    return list(groups.items())


def _bars_panel(
    axes: Axes, title: str, rows: Sequence[Record], figure: Figure, *, comma: bool, width: float
) -> None:
    """One panel of bars, the first row on top: the maximum behind, the score, the target mark."""
    words = figure.legend
    places = list(range(len(rows)))
    maxima = [_value(row, "max") for row in rows]
    axes.barh(places, [v or 0.0 for v in maxima], height=0.78, color=MAXIMUM, label=words.get("max", "max"))
    scores = [_value(row, "score") for row in rows]
    axes.barh(places, [v or 0.0 for v in scores], height=0.46, color=SCORE, label=words.get("score", "score"))
    targets = [
        (p, t) for p, row in zip(places, rows, strict=True) if (t := _value(row, "target")) is not None
    ]
    if targets:
        axes.scatter(
            [t for _, t in targets], [p for p, _ in targets], marker="|", s=260, linewidths=2.4,
            color=TARGET, zorder=3, label=words.get("target", "target"),
        )  # fmt: skip
    for place, row, top in zip(places, rows, maxima, strict=True):
        if top is not None:
            text = f"{_number(scores[place], row, 'score', comma)} / {_number(top, row, 'max', comma)}"
            axes.annotate(
                text, (top, place), xytext=(4, 0), textcoords="offset points", va="center",
                fontsize=8, color="#333333",
            )  # fmt: skip
    axes.set_yticks(places, [shorten(str(row.get("label") or ""), LABEL_WIDTH) for row in rows])
    axes.set_xlim(0, max((v for v in maxima if v is not None), default=1.0) * (1 + 2.4 / width))
    axes.set_ylim(len(rows) - 0.4, -0.6)  # inverted: the first row on top
    if "axis" in words:
        axes.set_xlabel(words["axis"])
    if title:
        axes.set_title(title, loc="left", fontsize=10)
    axes.spines[["top", "right"]].set_visible(False)


def bar_chart(figure: Figure, *, width: float = WIDTH, comma: bool = False) -> Canvas:
    """A bar figure: one panel per group of rows, one legend above them all."""
    groups = _groups(figure.rows)
    heights = [len(rows) * 0.42 + 1.1 for _, rows in groups]
    canvas = Canvas(figsize=(width, sum(heights) + 0.6), layout="constrained")
    FigureCanvasAgg(canvas)
    axes_list = canvas.subplots(len(groups), 1, squeeze=False, height_ratios=heights)[:, 0]
    for axes, (title, rows) in zip(axes_list, groups, strict=True):
        _bars_panel(axes, title, rows, figure, comma=comma, width=width)
    # One legend for all panels, above them: inside an axes it would hide the last bars.
    legend: dict[str, Artist] = {}
    for axes in axes_list:
        for handle, label in zip(*axes.get_legend_handles_labels(), strict=True):
            legend.setdefault(label, handle)
    canvas.legend(
        list(legend.values()), list(legend), loc="outside upper right", ncols=len(legend),
        fontsize=8, frameon=False,
    )  # fmt: skip
    return canvas


def _ring(rows: Sequence[Record], key: str) -> list[float]:
    points = [math.nan if (v := _value(row, key)) is None else v for row in rows]
    return [*points, points[0]]


def radar_chart(figure: Figure) -> Canvas:
    """A radar figure: the rows around a circle; a line has a gap where a value is unknown."""
    rows = figure.rows
    words = figure.legend
    angles = [2 * math.pi * k / len(rows) for k in range(len(rows))]
    closed = [*angles, angles[0]]
    canvas = Canvas(figsize=(8.5, 8), layout="constrained")
    FigureCanvasAgg(canvas)
    axes = canvas.add_subplot(projection="polar")
    assert isinstance(axes, PolarAxes)
    axes.set_theta_offset(math.pi / 2)
    axes.set_theta_direction(-1)
    scores = _ring(rows, "score")
    axes.plot(closed, scores, color=SCORE, linewidth=2, label=words.get("score", "score"))
    axes.fill(closed, scores, color=SCORE, alpha=0.18)
    if any(_value(row, "target") is not None for row in rows):
        axes.plot(
            closed, _ring(rows, "target"), color=TARGET, linewidth=1.6, linestyle="--", marker="o",
            markersize=3, label=words.get("target", "target"),
        )  # fmt: skip
    if any(_value(row, "best") is not None for row in rows):
        axes.plot(
            closed, _ring(rows, "best"), color=BEST, linewidth=1.4, marker="s", markersize=4,
            label=words.get("best", "best"),
        )  # fmt: skip
    axes.set_ylim(0, max((v for row in rows if (v := _value(row, "max")) is not None), default=1.0))
    labels = [str(row.get("label") or "").split("  ", 1) for row in rows]
    axes.set_xticks(
        angles,
        [
            "\n".join([parts[0], *(textwrap.wrap(parts[-1], 22) if len(parts) > 1 else [])])
            for parts in labels
        ],
        fontsize=8,
    )
    axes.tick_params(axis="x", pad=22)
    for tick, angle in zip(axes.get_xticklabels(), angles, strict=True):
        # Labels at the sides grow away from the circle instead of across it.
        side = math.sin(angle)
        tick.set_horizontalalignment("left" if side > 0.01 else "right" if side < -0.01 else "center")
    axes.set_rlabel_position(180 / len(rows))  # between two spokes, clear of the labels
    axes.set_title(figure.title or figure.caption, fontsize=11, pad=18)
    axes.legend(loc="upper right", bbox_to_anchor=(1.18, 1.12), fontsize=8, frameon=False)
    return canvas


def heatmap_chart(figure: Figure, *, lang: Lang = "vi", width: float = WIDTH, comma: bool = False) -> Canvas:
    """A heatmap figure: rows grouped by block (a line between blocks), columns, values in %.

    Unknown cells stay white and hatched, never coloured as 0 %.
    """
    rows = [row for _, group in _groups(figure.rows) for row in group]
    columns = figure.columns
    grid = [[_value(row, column.key) for column in columns] for row in rows]
    masked = [[math.nan if v is None else v for v in line] for line in grid]
    canvas = Canvas(figsize=(width, 1.4 + 0.32 * max(len(rows), 1)), layout="constrained")
    FigureCanvasAgg(canvas)
    axes = canvas.add_subplot()
    axes.set_facecolor("white")
    image = axes.imshow(masked, cmap=HEATMAP, vmin=0, vmax=100, aspect="auto", interpolation="nearest")
    for y, (row, line) in enumerate(zip(rows, grid, strict=True)):
        for x, (column, value) in enumerate(zip(columns, line, strict=True)):
            if value is None:
                axes.add_patch(Rectangle((x - 0.5, y - 0.5), 1, 1, fill=False, hatch="//", color="#bbbbbb"))
                continue
            text = _number(value, row, column.key, comma) + "%"
            axes.text(
                x, y, text, ha="center", va="center", fontsize=7, color="white" if value > 55 else "#111111"
            )
    axes.set_xticks(
        range(len(columns)), [column.header(lang) for column in columns], rotation=30, ha="right", fontsize=8
    )
    axes.set_yticks(
        range(len(rows)), [shorten(str(row.get("label") or ""), LABEL_WIDTH) for row in rows], fontsize=8
    )
    start = 0
    for name, group in _groups(figure.rows):
        if start:
            axes.axhline(start - 0.5, color="#111111", linewidth=1.2)
        if name:
            axes.annotate(
                name,
                (0, start - 0.5),
                xycoords=("axes fraction", "data"),
                xytext=(-4, 0),
                textcoords="offset points",
                ha="right",
                va="bottom",
                fontsize=8,
                fontweight="bold",
            )
        start += len(group)
    colorbar = canvas.colorbar(image, ax=axes)
    # The label runs along the bar, which spans the cells (0.32 in a row): a small block's bar is
    # shorter than the words (% of the field's maximum), so they wrap rather than run off the page.
    span = 0.32 * max(len(rows), 1) * 72 / (0.6 * HEAT_LABEL_SIZE)
    colorbar.set_label(
        textwrap.fill(figure.legend.get("axis", "%"), max(8, int(span))), fontsize=HEAT_LABEL_SIZE
    )
    return canvas


def image(canvas: Canvas, image_format: ImageFormat, dpi: int = 150) -> bytes:
    """The canvas as PNG or SVG bytes, without a creation date (same plan, same file)."""
    buffer = io.BytesIO()
    metadata: dict[str, str | None] = {"Software": None} if image_format == "png" else {"Date": None}
    canvas.savefig(buffer, format=image_format, dpi=dpi, metadata=metadata)
    return buffer.getvalue()


def canvas_of(figure: Figure, *, lang: Lang = "vi", width: float = WIDTH, comma: bool = False) -> Canvas:
    """The figure drawn on a matplotlib canvas, whatever its kind; call within :data:`STYLE`."""
    if figure.chart == "bars":
        canvas = bar_chart(figure, width=width, comma=comma)
        if figure.title:
            canvas.suptitle(figure.title, x=0.01, ha="left", fontsize=12, fontweight="bold")
        return canvas
    if figure.chart == "radar":
        return radar_chart(figure)
    if figure.chart == "heatmap":
        canvas = heatmap_chart(figure, lang=lang, width=width, comma=comma)
        if figure.title:
            canvas.suptitle(figure.title, x=0.01, ha="left", fontsize=12, fontweight="bold")
        return canvas
    assert_never(figure.chart)


def draw(
    figure: Figure,
    image_format: ImageFormat,
    *,
    lang: Lang = "vi",
    width: float = WIDTH,
    dpi: int = 150,
    comma: bool = False,
) -> bytes:
    """A figure as image bytes; the style is applied only while drawing."""
    with mpl.rc_context(STYLE):
        return image(canvas_of(figure, lang=lang, width=width, comma=comma), image_format, dpi)
