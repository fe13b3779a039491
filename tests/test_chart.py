"""Charts: real PNG and SVG files from the bundled plan, Vietnamese labels with every glyph."""

from __future__ import annotations

import math
import sys
import warnings
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import matplotlib.image
import numpy as np
import pytest
from matplotlib import font_manager
from matplotlib.ft2font import FT2Font
from typer.testing import CliRunner

from parplan.analysis.gaps import Row, gap_rows
from parplan.cli.main import app
from parplan.reading.loading import DEFAULT_BASELINE, DEFAULT_TARGETS, bundled, load_baseline, load_targets
from parplan.render.chart import FONT, bar_chart, draw, heatmap_chart, radar_chart
from parplan.report.figures import NothingToChart, chartable, headroom_bars, radar
from parplan.report.views import index_titles
from parplan.vocab.document import Column, Figure, Record


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read parplan's messages in English (``--lang en``); Vietnamese is the default."""
    monkeypatch.setenv("PARPLAN_LANG", "en")


runner = CliRunner()


@pytest.fixture(scope="module")
def rows() -> list[Row]:
    baseline, _ = load_baseline(bundled(DEFAULT_BASELINE))
    targets, _ = load_targets(bundled(DEFAULT_TARGETS))
    return gap_rows(baseline, targets)


@pytest.fixture(scope="module")
def titles() -> dict[str, str]:
    baseline, _ = load_baseline(bundled(DEFAULT_BASELINE))
    return index_titles(baseline, "vi")


def _pixels(path: Path) -> np.ndarray:
    return np.asarray(matplotlib.image.imread(str(path)))


def test_bars_png_from_the_bundled_plan(tmp_path: Path) -> None:
    out = tmp_path / "gaps.png"
    result = runner.invoke(app, ["chart", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    pixels = _pixels(out)
    height, width = pixels.shape[:2]
    assert width == 1500  # 10 inches at 150 dpi
    assert 1000 < height < 2000  # two indices of 8 criteria each; SIPAS has no scores to draw
    rgb = (pixels[:, :, :3] * 255).round().astype(int)
    not_white = (rgb < 250).any(axis=2).mean()
    assert not_white > 0.2
    score_blue = (np.abs(rgb - [0x1F, 0x4E, 0x79]).sum(axis=2) < 6).mean()
    assert score_blue > 0.05  # the score bars are there


def test_radar_png(tmp_path: Path) -> None:
    out = tmp_path / "papi.png"
    result = runner.invoke(app, ["chart", "--kind", "radar", "-o", str(out)])
    assert result.exit_code == 0, result.output
    pixels = _pixels(out)
    assert pixels.shape[:2] == (1200, 1275)
    rgb = (pixels[:, :, :3] * 255).round().astype(int)
    assert (rgb < 250).any(axis=2).mean() > 0.05


def test_svg_is_text_and_the_same_every_time(tmp_path: Path) -> None:
    first, second = tmp_path / "a.svg", tmp_path / "b.svg"
    for out in (first, second):
        assert runner.invoke(app, ["chart", "--lang", "en", "-o", str(out)]).exit_code == 0
    text = first.read_text(encoding="utf-8")
    assert "<svg" in text
    assert first.read_bytes() == second.read_bytes()


def test_every_vietnamese_letter_of_the_plan_has_a_glyph(rows: list[Row], titles: dict[str, str]) -> None:
    path = font_manager.findfont(font_manager.FontProperties(family=FONT), fallback_to_default=False)
    assert Path(path).name == "DejaVuSans.ttf"
    charmap = FT2Font(path).get_charmap()
    text = "".join(row.name for row in rows) + "".join(titles.values()) + "Điểm tối đa Mục tiêu Tỉnh cao nhất"
    missing = sorted({ch for ch in text if ord(ch) not in charmap and not ch.isspace()})
    assert missing == []


@pytest.mark.parametrize("kind", ["bars", "radar"])
@pytest.mark.parametrize("image_format", ["png", "svg"])
def test_drawing_warns_of_no_missing_glyph(
    kind: str, image_format: str, rows: list[Row], titles: dict[str, str]
) -> None:

    builder = headroom_bars if kind == "bars" else radar
    figure = builder(rows, titles, lang="vi", years=(2024, 2025), heading="Cao Bằng 2024")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph ... missing from font(s)" would raise here
        data = draw(figure, "png" if image_format == "png" else "svg")
    assert len(data) > 10_000


def test_bars_are_sorted_by_headroom_most_at_the_top(rows: list[Row], titles: dict[str, str]) -> None:
    canvas = bar_chart(headroom_bars(rows, titles, lang="vi", years=(2024, 2025)))
    par = canvas.axes[0]
    labels = [label.get_text().split()[0] for label in par.get_yticklabels()]
    # The y axis is inverted: the first label is the top bar, the one with most to gain.
    assert labels == ["par.8", "par.5", "par.7", "par.6", "par.2", "par.4", "par.3", "par.1"]
    assert par.get_ylim()[0] > par.get_ylim()[1]


def test_chartable_keeps_fields_with_a_score_and_a_maximum(rows: list[Row]) -> None:
    groups = chartable(rows)
    assert list(groups) == ["par", "papi"]
    assert [len(group) for group in groups.values()] == [8, 8]
    assert list(chartable(rows, ["papi"])) == ["papi"]


def test_radar_leaves_a_gap_where_the_best_province_is_unknown(rows: list[Row]) -> None:
    canvas = radar_chart(radar(rows, {"papi": "PAPI"}, lang="vi", years=(2024, 2025)))
    score, target, best = canvas.axes[0].get_lines()[:3]
    assert np.asarray(score.get_ydata(), dtype=float)[:8].tolist() == [
        4.64,
        5.13,
        4.21,
        6.23,
        6.81,
        7.58,
        3.79,
        2.94,
    ]
    assert np.asarray(target.get_ydata(), dtype=float)[:3].tolist() == [5.64, 5.43, 4.61]
    best_values = np.asarray(best.get_ydata(), dtype=float).tolist()
    assert math.isnan(best_values[6])  # papi.7: Quảng Ninh's score was not reported
    assert best_values[0] == 5.43
    assert best.get_label() == "Tỉnh cao nhất (Quảng Ninh)"


def test_nothing_to_chart(rows: list[Row], titles: dict[str, str], tmp_path: Path) -> None:
    with pytest.raises(NothingToChart, match="sipas: no criterion has both a score and a maximum"):
        headroom_bars(rows, titles, lang="en", years=(2024, 2025), indices=["sipas"])
    result = runner.invoke(
        app, ["chart", "--kind", "radar", "--index", "sipas", "-o", str(tmp_path / "x.png")]
    )
    assert result.exit_code == 2
    assert "sipas: a radar needs at least 3 criteria with a score and a maximum" in result.stderr
    assert not (tmp_path / "x.png").exists()


def test_chart_needs_a_png_or_svg_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["chart", "-o", str(tmp_path / "gaps.pdf")])
    assert result.exit_code == 2
    assert "write the chart to a .png or .svg file" in result.stderr
    assert not (tmp_path / "gaps.pdf").exists()


def test_missing_matplotlib_says_how_to_install_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "parplan.render.chart", raising=False)
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib now fails
    out = tmp_path / "gaps.png"
    result = runner.invoke(app, ["chart", "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr == "charts need matplotlib, an optional extra: pip install 'parplan[charts]'\n"
    assert not out.exists()


def test_radar_of_another_index_and_only_one(tmp_path: Path) -> None:
    out = tmp_path / "par.svg"
    assert runner.invoke(app, ["chart", "--kind", "radar", "--index", "par", "-o", str(out)]).exit_code == 0
    assert "<svg" in out.read_text(encoding="utf-8")
    result = runner.invoke(
        app, ["chart", "--kind", "radar", "--index", "par", "--index", "papi", "-o", str(out)]
    )
    assert result.exit_code == 2
    assert "a radar draws one index; give --index once" in result.stderr


def test_the_word_report_draws_its_figure_with_the_chart_module(rows: list[Row]) -> None:
    """One chart: the Word renderer's PNG is this module's drawing of the same figure."""
    from parplan.render.docx import chart_png
    from parplan.report.figures import index_bars

    figure = index_bars(rows, "par", "PAR INDEX", "vi")
    assert figure is not None
    assert chart_png(figure, "vi") == draw(figure, "png", width=6.3, dpi=200, comma=True)


def heatmap_figure() -> Figure:
    """Synthetic (made up for this test): two blocks of units, three criteria, one unknown cell."""
    columns = (Column("c1", "Tiêu chí 1", "Criterion 1"), Column("c2", "Tiêu chí 2", "Criterion 2"))
    rows: tuple[Record, ...] = (
        {"group": "Sở, ngành", "label": "Sở Nội vụ", "c1": Decimal("92.5"), "c2": Decimal(70)},
        {"group": "Sở, ngành", "label": "Sở Tư pháp", "c1": Decimal(40), "c2": None},
        {"group": "UBND cấp xã", "label": "Xã Hưng Đạo", "c1": Decimal(100), "c2": Decimal("12.25")},
    )
    return Figure("units", "Synthetic", rows, chart="heatmap", columns=columns, legend={"axis": "%"})


def test_a_heatmap_groups_rows_by_block_and_leaves_unknown_cells_empty() -> None:
    canvas = heatmap_chart(heatmap_figure(), lang="en", comma=False)
    axes = canvas.axes[0]
    assert [t.get_text() for t in axes.get_yticklabels()] == ["Sở Nội vụ", "Sở Tư pháp", "Xã Hưng Đạo"]
    assert [t.get_text() for t in axes.get_xticklabels()] == ["Criterion 1", "Criterion 2"]
    texts = {t.get_text() for t in axes.texts}
    assert {"92.5%", "70%", "40%", "100%", "12.25%"} <= texts
    assert "Sở, ngành" in texts  # the blocks' names
    assert "UBND cấp xã" in texts
    assert len(axes.patches) == 1  # the one unknown cell, hatched, never drawn as 0 %
    assert len(draw(heatmap_figure(), "svg", comma=True)) > 10_000


def test_a_small_blocks_colour_bar_label_wraps_within_the_bar() -> None:
    """A block of three units has a bar shorter than "% of the field's maximum": the label wraps
    beside the bar instead of running off the image (it was cut to "% điểm tối đa của lĩnh v")."""
    figure = replace(heatmap_figure(), legend={"axis": "% điểm tối đa của lĩnh vực"})
    canvas = heatmap_chart(figure, lang="vi", comma=True)
    canvas.canvas.draw()
    renderer = canvas.canvas.get_renderer()  # type: ignore[attr-defined]
    bar = canvas.axes[1]
    label = bar.yaxis.label
    assert "\n" in label.get_text()
    assert label.get_window_extent(renderer).height <= bar.get_window_extent(renderer).height
    assert label.get_window_extent(renderer).y1 <= canvas.bbox.y1  # nothing cut at the top
