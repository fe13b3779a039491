"""Charts of a plan (PNG or SVG): where the points are, and the PAPI radar.

matplotlib is an optional extra (``parplan[charts]``) and this module imports it at its top:
the CLI imports this module only for ``parplan chart`` and turns a missing matplotlib into a
message. Figures are built on :class:`~matplotlib.figure.Figure` with the Agg canvas, never
through pyplot, so no global state or GUI backend is involved.

Labels are Vietnamese by default; DejaVu Sans, which ships with matplotlib, has every
Vietnamese glyph, so it is named explicitly rather than left to the system's default font.
"""

from __future__ import annotations

import io
import math
import textwrap
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, Literal

import matplotlib as mpl
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.projections.polar import PolarAxes
from matplotlib.typing import RcKeyType

from parplan.analysis.gaps import Row
from parplan.vocab.document import Lang, fmt
from parplan.vocab.problems import Msg, msg

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
LABEL_WIDTH = 44
"""Criterion names are cut to this many characters; the id before them stays whole."""

WORDS: dict[str, tuple[str, str]] = {
    "score": ("Điểm {year}", "Score {year}"),
    "target": ("Mục tiêu {year}", "Target {year}"),
    "max": ("Điểm tối đa", "Maximum"),
    "best": ("Tỉnh cao nhất", "Best province"),
    "axis": ("Điểm", "Points"),
    "sorted": ("xếp theo điểm còn thiếu", "sorted by headroom"),
}


class NothingToChart(ValueError):
    """The chosen indices have no criterion with both a score and a maximum; says so as a Msg."""

    def __init__(self, message: Msg) -> None:
        super().__init__(message.text("en"))
        self.message = message


def _word(key: str, lang: Lang, **values: object) -> str:
    vi, en = WORDS[key]
    return (vi if lang == "vi" else en).format(**values)


def _name(row: Row, lang: Lang) -> str:
    return row.name_en if lang == "en" and row.name_en else row.name


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _f(value: Decimal) -> float:
    """Plotting is the one place where binary floats are fine: pixels are not exact anyway."""
    return float(value)


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


def bar_chart(
    rows: Sequence[Row],
    titles: Mapping[str, str],
    *,
    lang: Lang = "vi",
    years: tuple[int, int],
    indices: Sequence[str] = (),
) -> Figure:
    """Per index, one horizontal bar per criterion: score, target mark, maximum behind.

    Criteria are sorted by headroom, the most points still to gain on top, so the eye
    lands first where the plan can gain most.
    """
    groups = chartable(rows, indices)
    if not groups:
        wanted = ", ".join(indices) if indices else "the plan"
        raise NothingToChart(msg("nothing-to-chart", wanted=f"{wanted}"))
    heights = [len(group) * 0.42 + 1.1 for group in groups.values()]
    figure = Figure(figsize=(10, sum(heights) + 0.6), layout="constrained")
    FigureCanvasAgg(figure)
    axes_list = figure.subplots(len(groups), 1, squeeze=False, height_ratios=heights)[:, 0]
    baseline_year, target_year = years
    for axes, (index, group) in zip(axes_list, groups.items(), strict=True):
        ordered = sorted(group, key=lambda r: (r.headroom or Decimal(0), r.id))
        positions = list(range(len(ordered)))
        axes.barh(
            positions,
            [_f(r.max or Decimal(0)) for r in ordered],
            height=0.78,
            color=MAXIMUM,
            label=_word("max", lang),
        )
        scores = [_f(r.score or Decimal(0)) for r in ordered]
        axes.barh(positions, scores, height=0.46, color=SCORE, label=_word("score", lang, year=baseline_year))
        targeted = [(p, r.target) for p, r in zip(positions, ordered, strict=True) if r.target is not None]
        if targeted:
            axes.scatter(
                [_f(t) for _, t in targeted],
                [p for p, _ in targeted],
                marker="|",
                s=260,
                linewidths=2.4,
                color=TARGET,
                zorder=3,
                label=_word("target", lang, year=target_year),
            )
        for position, row in zip(positions, ordered, strict=True):
            # chartable() keeps only rows with both.
            assert row.score is not None
            assert row.max is not None
            axes.annotate(
                f"{fmt(row.score)} / {fmt(row.max)}",
                (_f(row.max), position),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                fontsize=8,
                color="#333333",
            )
        axes.set_yticks(positions, [f"{r.id}  {_short(_name(r, lang), LABEL_WIDTH)}" for r in ordered])
        largest = max(_f(r.max or Decimal(0)) for r in ordered)
        axes.set_xlim(0, largest * 1.18)
        axes.set_ylim(-0.6, len(ordered) - 0.4)
        axes.set_xlabel(_word("axis", lang))
        axes.set_title(f"{titles.get(index, index)} ({_word('sorted', lang)})", loc="left", fontsize=10)
        axes.spines[["top", "right"]].set_visible(False)
    # One legend for all indices, above them: inside an axes it would hide the last bars.
    legend: dict[str, Artist] = {}
    for axes in axes_list:
        for handle, label in zip(*axes.get_legend_handles_labels(), strict=True):
            legend.setdefault(label, handle)
    figure.legend(
        list(legend.values()),
        list(legend),
        loc="outside upper right",
        ncols=len(legend),
        fontsize=8,
        frameon=False,
    )
    return figure


def radar_chart(
    rows: Sequence[Row],
    title: str,
    *,
    lang: Lang = "vi",
    years: tuple[int, int],
    index: str = "papi",
) -> Figure:
    """The index's dimensions around a circle: the province, its targets, the best province.

    The best province's value is drawn only where it is known; a dimension without one
    leaves a gap in that line rather than a guess.
    """
    group = chartable(rows, (index,)).get(index, [])
    if len(group) < 3:
        raise NothingToChart(msg("radar-few", index=index))
    angles = [2 * math.pi * k / len(group) for k in range(len(group))]
    closed = [*angles, angles[0]]

    def ring(values: Sequence[Decimal | None]) -> list[float]:
        points = [math.nan if v is None else _f(v) for v in values]
        return [*points, points[0]]

    figure = Figure(figsize=(8.5, 8), layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot(projection="polar")
    assert isinstance(axes, PolarAxes)
    axes.set_theta_offset(math.pi / 2)
    axes.set_theta_direction(-1)
    baseline_year, target_year = years
    scores = ring([r.score for r in group])
    axes.plot(closed, scores, color=SCORE, linewidth=2, label=_word("score", lang, year=baseline_year))
    axes.fill(closed, scores, color=SCORE, alpha=0.18)
    if any(r.target is not None for r in group):
        axes.plot(
            closed,
            ring([r.target for r in group]),
            color=TARGET,
            linewidth=1.6,
            linestyle="--",
            marker="o",
            markersize=3,
            label=_word("target", lang, year=target_year),
        )
    if any(r.best is not None for r in group):
        provinces = sorted({r.best_province for r in group if r.best is not None and r.best_province})
        label = _word("best", lang) + (f" ({', '.join(provinces)})" if provinces else "")
        axes.plot(
            closed,
            ring([r.best for r in group]),
            color=BEST,
            linewidth=1.4,
            marker="s",
            markersize=4,
            label=label,
        )
    largest = max(_f(r.max or Decimal(0)) for r in group)
    axes.set_ylim(0, largest)
    axes.set_xticks(angles, [f"{r.id}\n" + textwrap.fill(_name(r, lang), 22) for r in group], fontsize=8)
    axes.tick_params(axis="x", pad=22)
    for tick, angle in zip(axes.get_xticklabels(), angles, strict=True):
        # Labels at the sides grow away from the circle instead of across it.
        side = math.sin(angle)
        tick.set_horizontalalignment("left" if side > 0.01 else "right" if side < -0.01 else "center")
    axes.set_rlabel_position(180 / len(group))  # between two spokes, clear of the labels
    axes.set_title(title, fontsize=11, pad=18)
    axes.legend(loc="upper right", bbox_to_anchor=(1.18, 1.12), fontsize=8, frameon=False)
    return figure


def image(figure: Figure, image_format: ImageFormat) -> bytes:
    """The figure as PNG or SVG bytes, without a creation date (same plan, same file)."""
    buffer = io.BytesIO()
    metadata: dict[str, str | None] = {"Software": None} if image_format == "png" else {"Date": None}
    figure.savefig(buffer, format=image_format, dpi=150, metadata=metadata)
    return buffer.getvalue()


def draw(
    kind: Literal["bars", "radar"],
    rows: Sequence[Row],
    titles: Mapping[str, str],
    *,
    image_format: ImageFormat,
    lang: Lang = "vi",
    years: tuple[int, int],
    indices: Sequence[str] = (),
    heading: str = "",
) -> bytes:
    """A chart of the plan as image bytes; the style is applied only while drawing."""
    with mpl.rc_context(STYLE):
        if kind == "bars":
            figure = bar_chart(rows, titles, lang=lang, years=years, indices=indices)
            if heading:
                figure.suptitle(heading, x=0.01, ha="left", fontsize=12, fontweight="bold")
        else:
            index = indices[0] if indices else "papi"
            title = f"{heading} — {titles.get(index, index)}" if heading else titles.get(index, index)
            figure = radar_chart(rows, title, lang=lang, years=years, index=index)
        return image(figure, image_format)
