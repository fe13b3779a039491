"""A heatmap figure as plain SVG text, without matplotlib: for the HTML page.

matplotlib draws the heatmap for ``units chart`` and Word (:mod:`parplan.render.chart`), but
importing it and writing a hundred rows of cells with their text as outlines costs seconds, and
an HTML page needs neither: a browser draws rectangles and text itself (the page's font has
every Vietnamese letter). The same colours as the chart's (white to the score blue, 0-100 %);
unknown cells hatched, never coloured as 0 %; rows grouped by block, a rule between blocks.
"""

from __future__ import annotations

from decimal import Decimal
from html import escape

from parplan.vocab.document import Figure, Lang, Record, fmt, shorten

LOW, HIGH = (0xF7, 0xFB, 0xFF), (0x1F, 0x4E, 0x79)
"""The ends of the colour scale: matplotlib's chart uses the same two colours."""
LABEL = 260
"""Room for a unit's name on the left, in SVG units."""
CELL_W, CELL_H, HEAD = 74, 20, 34
LABEL_CHARS = 40


def colour(value: Decimal) -> str:
    """The cell colour of a percent (clamped to 0-100): a straight line from LOW to HIGH."""
    share = min(max(float(value), 0.0), 100.0) / 100.0
    return "#" + "".join(f"{round(a + (b - a) * share):02x}" for a, b in zip(LOW, HIGH, strict=True))


def _text(value: Decimal, comma: bool) -> str:
    text = fmt(value) + "%"
    return text.replace(".", ",") if comma else text


def _cell(x: int, y: int, value: object, comma: bool) -> str:
    if not isinstance(value, Decimal):
        return f'<rect x="{x}" y="{y}" width="{CELL_W}" height="{CELL_H}" fill="url(#unknown)"/>'
    ink = "#ffffff" if value > 55 else "#111111"
    return (
        f'<rect x="{x}" y="{y}" width="{CELL_W}" height="{CELL_H}" fill="{colour(value)}" stroke="#ffffff"/>'
        f'<text x="{x + CELL_W // 2}" y="{y + 14}" text-anchor="middle" font-size="10" style="fill:{ink}">'
        f"{escape(_text(value, comma))}</text>"
    )


def _groups(rows: tuple[Record, ...]) -> list[tuple[str, list[Record]]]:
    groups: dict[str, list[Record]] = {}
    for row in rows:
        groups.setdefault(str(row.get("group") or ""), []).append(row)
    return list(groups.items())


def heatmap_svg(figure: Figure, *, lang: Lang = "vi", comma: bool = False) -> str:
    """The figure's grid as one ``<svg>`` element (no XML declaration: it goes inline)."""
    columns = figure.columns
    parts: list[str] = []
    y = HEAD
    for name, rows in _groups(figure.rows):
        if name:
            parts.append(f'<text x="4" y="{y + 14}" font-weight="bold" font-size="11">{escape(name)}</text>')
            y += CELL_H
        for row in rows:
            label = escape(shorten(str(row.get("label") or ""), LABEL_CHARS))
            parts.append(
                f'<text x="{LABEL - 6}" y="{y + 14}" text-anchor="end" font-size="10">{label}</text>'
            )
            parts.extend(_cell(LABEL + n * CELL_W, y, row.get(c.key), comma) for n, c in enumerate(columns))
            y += CELL_H
        parts.append(
            f'<line x1="4" x2="{LABEL + len(columns) * CELL_W}" y1="{y + 2}" y2="{y + 2}" stroke="#111111"/>'
        )
        y += 6
    heads = [
        f'<text x="{LABEL + n * CELL_W + CELL_W // 2}" y="{HEAD - 8}" text-anchor="middle" font-size="10">'
        f"<title>{escape(c.header(lang))}</title>{escape(shorten(c.header(lang), 12))}</text>"
        for n, c in enumerate(columns)
    ]
    width = LABEL + len(columns) * CELL_W + 8
    axis = escape(figure.legend.get("axis", "%"))
    pattern = (
        '<defs><pattern id="unknown" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#bbbbbb" stroke-width="2"/></pattern></defs>'
    )
    return (
        f'<svg viewBox="0 0 {width} {y + 4}" font-family="DejaVu Sans, Arial, sans-serif" role="img" '
        f'aria-label="{axis}">{pattern}{"".join(heads)}{"".join(parts)}</svg>'
    )


__all__ = ["colour", "heatmap_svg"]
