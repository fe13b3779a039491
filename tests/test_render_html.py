"""HTML output: one self-contained, escaped, semantic page, parsed back and shown in a real browser."""

from __future__ import annotations

import os
import re
import shutil
import signal
import struct
import subprocess
import zlib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from office_report import (
    FIGURE_CAPTION,
    LONG_NAME,
    PROVINCE,
    SCRIPT,
    TITLE,
    document,
    tables,
    untitled_document,
)
from parplan.render.html import render_html
from parplan.vocab.document import Options

WINDOW = (1240, 1754)
"""A4 at 150 dpi, near enough: the screenshot's size."""
SCORE_BLUE = (0x1F, 0x4E, 0x79)
BROWSER_TIMEOUT = 60


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    children: list[Element] = field(default_factory=list)
    text: str = ""

    def find_all(self, tag: str) -> list[Element]:
        found = [self] if self.tag == tag else []
        for child in self.children:
            found.extend(child.find_all(tag))
        return found

    def all_text(self) -> str:
        return self.text + "".join(child.all_text() for child in self.children)


VOID = frozenset({"meta", "link", "br", "hr", "img", "input", "source", "wbr", "col", "area", "base"})
SVG_EMPTY = frozenset({"rect", "line", "path", "circle"})


class Tree(HTMLParser):
    """A small DOM from the standard library's parser (data is unescaped, as a browser shows it)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]
        self.declarations: list[str] = []

    def handle_decl(self, decl: str) -> None:
        self.declarations.append(decl)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs))
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Element(tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        assert tag not in VOID
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(Element("#text", {}, text=data))


def parse(page: str) -> Tree:
    tree = Tree()
    tree.feed(page)
    tree.close()
    assert tree.stack == [tree.root], "every element is closed"
    return tree


@pytest.fixture(scope="module")
def page() -> str:
    return render_html(document(), Options(lang="vi"))


@pytest.fixture(scope="module")
def tree(page: str) -> Tree:
    return parse(page)


def test_a_complete_page_in_the_report_language(page: str, tree: Tree) -> None:
    assert page.startswith("<!doctype html>\n")
    assert tree.declarations == ["doctype html"]
    (html,) = tree.root.find_all("html")
    assert html.attrs["lang"] == "vi"
    metas = html.find_all("meta")
    assert {"charset": "utf-8"} in [m.attrs for m in metas]
    viewport = [m.attrs.get("content") for m in metas if m.attrs.get("name") == "viewport"]
    assert viewport == ["width=device-width, initial-scale=1"]
    (head,) = html.find_all("head")
    (title,) = head.find_all("title")
    assert title.all_text() == TITLE
    assert render_html(document(), Options(lang="en")).startswith('<!doctype html>\n<html lang="en">')


def test_self_contained_nothing_fetched_and_no_script(page: str, tree: Tree) -> None:
    elements = tree.root.find_all
    for tag in ("script", "link", "img", "iframe", "object", "embed", "base", "form", "image", "use"):
        assert not elements(tag), tag
    for element in _walk(tree.root):
        for name in element.attrs:
            assert name not in ("src", "href", "xlink:href", "srcset", "action", "poster", "data"), name
            assert not name.startswith("on"), name  # no event handlers either
    assert not re.search(r"\b(src|href)\s*=", page)
    assert "://" not in page
    assert "url(" not in page
    assert "@import" not in page
    assert "@font-face" not in page


def _walk(element: Element) -> list[Element]:
    found = [element]
    for child in element.children:
        found.extend(_walk(child))
    return found


def test_plan_text_is_escaped_and_shows_as_text(page: str, tree: Tree) -> None:
    assert SCRIPT not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    cells = [td.all_text() for td in tree.root.find_all("td")]
    assert SCRIPT in cells
    (h3,) = tree.root.find_all("h3")
    assert h3.all_text() == f"1.1. Chi tiết theo tiêu chí {SCRIPT}"
    labels = [text.all_text() for text in tree.root.find_all("text")]
    assert any(SCRIPT in label for label in labels + [t.all_text() for t in tree.root.find_all("title")])


def test_headings_paragraph_spans_and_bullets(tree: Tree) -> None:
    assert [h.all_text() for h in tree.root.find_all("h1")] == [TITLE]
    assert [h.all_text() for h in tree.root.find_all("h2")] == ["1. Tổng quan"]
    (strong,) = tree.root.find_all("strong")
    assert strong.all_text() == "82,9547 điểm"
    (em,) = tree.root.find_all("em")
    assert em.all_text() == "xếp hạng 39/63"
    (code,) = tree.root.find_all("code")
    assert code.all_text() == "par.1"
    items = [li.all_text() for li in tree.root.find_all("li")]
    assert items == ["Nâng cao chất lượng giải quyết thủ tục hành chính", f"Tiêu chí {SCRIPT}"]


def test_a_title_is_added_when_the_blocks_do_not_open_with_it() -> None:
    tree = parse(render_html(untitled_document(), Options(lang="vi")))
    assert [h.all_text() for h in tree.root.find_all("h1")] == [TITLE]


def test_tables_are_semantic_numbers_right_and_wrapped_to_scroll(page: str, tree: Tree) -> None:
    (table,) = tree.root.find_all("table")
    (caption,) = table.find_all("caption")
    assert caption.all_text() == f"Bảng 1 — 1.1. Chi tiết theo tiêu chí {SCRIPT}"
    (thead,) = table.find_all("thead")
    headers = thead.find_all("th")
    assert [th.all_text() for th in headers] == ["Mã", "Tên", "Điểm 2024", "Mục tiêu 2025", "Tối đa"]
    assert {th.attrs.get("scope") for th in headers} == {"col"}
    (tbody,) = table.find_all("tbody")
    rows = tbody.find_all("tr")
    assert [td.all_text() for td in rows[0].find_all("td")] == ["par.1", LONG_NAME, "9,2779", "9,5", "10"]
    assert [td.all_text() for td in rows[1].find_all("td")][2] == "—"
    for row in rows:
        assert [td.attrs.get("class") for td in row.find_all("td")] == [None, None, "num", "num", "num"]
    assert re.search(r"td\.num \{[^}]*text-align: right", page)
    wrapper = next(e for e in _walk(tree.root) if e.attrs.get("class") == "table-wrap")
    assert wrapper.find_all("table") == [table]
    assert re.search(r"\.table-wrap \{[^}]*overflow-x: auto", page)


def test_english_keeps_the_decimal_point() -> None:
    tree = parse(render_html(document(), Options(lang="en")))
    (tbody,) = tree.root.find_all("tbody")
    first = tbody.find_all("tr")[0]
    assert [td.all_text() for td in first.find_all("td")][2:] == ["9.2779", "9.5", "10"]
    assert tree.root.find_all("caption")[0].all_text().startswith("Table 1 — ")
    assert tree.root.find_all("figcaption")[0].all_text() == f"Figure 1. {FIGURE_CAPTION}"


def test_print_stylesheet_for_a4_and_font_sizes_in_rem(page: str) -> None:
    (style,) = re.findall(r"<style>(.*?)</style>", page, flags=re.DOTALL)
    screen, _, printed = style.partition("@media print")
    assert printed, "a print stylesheet"
    assert "@page { size: A4; margin: 20mm 15mm 20mm 30mm }" in printed
    assert "display: table-header-group" in printed  # table headers repeat on every printed page
    sizes = re.findall(r"font-size:\s*([^;]+);", screen)
    assert sizes
    assert all(size.endswith(("rem", "em", "%")) for size in sizes), sizes


def test_a_figure_is_inline_svg_with_bars_and_escaped_labels(tree: Tree) -> None:
    (figure,) = tree.root.find_all("figure")
    (svg,) = figure.find_all("svg")
    assert svg.attrs["role"] == "img"
    (caption,) = figure.find_all("figcaption")
    assert caption.all_text() == f"Hình 1. {FIGURE_CAPTION}"
    assert svg.attrs["aria-labelledby"] == caption.attrs["id"]
    rects = svg.find_all("rect")
    classes = [rect.attrs.get("class") for rect in rects]
    assert classes.count("max") == 3 + 1  # one per row and the legend's
    assert classes.count("score") == 2 + 1  # par.2 has no score: no bar, not a bar of 0
    assert len([line for line in svg.find_all("line") if line.attrs.get("class") == "target"]) == 2 + 1
    texts = [text.all_text() for text in svg.find_all("text")]
    assert "9,2779 / 9,5" in texts
    assert "— / 4" in texts
    assert f"par.2 {SCRIPT}" in texts
    assert any(text.startswith("par.1 Công tác chỉ đạo") and text.endswith("…") for text in texts)
    assert {"Điểm", "Mục tiêu", "Điểm tối đa"} <= set(texts)
    widths = [float(rect.attrs["width"] or 0) for rect in rects if rect.attrs.get("class") == "max"][:3]
    assert widths[2] > widths[0] > widths[1]  # bars to scale: 14 > 10 > 6.5


def test_a_tables_report_has_a_captioned_table_per_sheet_and_its_summary() -> None:
    tree = parse(render_html(tables(2), Options(lang="vi")))
    assert [h.all_text() for h in tree.root.find_all("h1")] == ["parplan gap"]
    captions = [c.all_text() for c in tree.root.find_all("caption")]
    assert captions == ["PAR INDEX — bảng 1", "PAR INDEX — bảng 2"]
    assert tree.root.find_all("p")[-1].all_text() == "3 tiêu chí, 1 chưa có số liệu."
    assert any(PROVINCE in (m.attrs.get("content") or "") for m in tree.root.find_all("meta"))
    single = parse(render_html(tables(1), Options(lang="en")))
    assert not single.root.find_all("h1")
    (head,) = single.root.find_all("head")
    assert [t.all_text() for t in head.find_all("title")] == ["PAR INDEX — bảng 1"]


def test_the_same_report_gives_the_same_page() -> None:
    assert render_html(document(), Options(lang="vi")) == render_html(document(), Options(lang="vi"))


# --- a real browser --------------------------------------------------------------------------


def browser() -> str:
    """Chromium's path; a missing browser skips on a developer's machine and fails in CI."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("CI needs a browser for this test: apt-get install chromium")
        pytest.skip("no chromium or chromium-browser on PATH (apt-get install chromium)")
    return found


def screenshot(page: Path, shot: Path, profile: Path, window: tuple[int, int] = WINDOW) -> None:
    command = [
        browser(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        f"--user-data-dir={profile}",
        f"--screenshot={shot}",
        f"--window-size={window[0]},{window[1]}",
        page.as_uri(),
    ]
    # In a session of its own, so that a hung browser is ended with all its processes, and only those.
    with subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    ) as process:
        try:
            _, errors = process.communicate(timeout=BROWSER_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            pytest.fail(f"chromium did not finish in {BROWSER_TIMEOUT} s")
    assert process.returncode == 0, errors.decode(errors="replace")


def _paeth(left: int, up: int, corner: int) -> int:
    estimate = left + up - corner
    a, b, c = abs(estimate - left), abs(estimate - up), abs(estimate - corner)
    if a <= b and a <= c:
        return left
    return up if b <= c else corner


def _unfilter(kind: int, line: bytearray, previous: bytearray, step: int) -> None:
    """Undo one scanline's PNG filter in place."""
    if kind == 1:
        for i in range(step, len(line)):
            line[i] = (line[i] + line[i - step]) & 0xFF
    elif kind == 2:
        for i in range(len(line)):
            line[i] = (line[i] + previous[i]) & 0xFF
    elif kind == 3:
        for i in range(len(line)):
            left = line[i - step] if i >= step else 0
            line[i] = (line[i] + ((left + previous[i]) >> 1)) & 0xFF
    elif kind == 4:
        for i in range(len(line)):
            left = line[i - step] if i >= step else 0
            corner = previous[i - step] if i >= step else 0
            line[i] = (line[i] + _paeth(left, previous[i], corner)) & 0xFF


def assert_page_shows(shot: Path, *, inked: float, window: tuple[int, int] = WINDOW) -> None:
    """A screenshot of the window's size, not blank (more than ``inked`` of it dark), with a title
    at the top and the charts' score bars in their blue."""
    width, height, rows, step = read_png(shot.read_bytes())
    assert (width, height) == window
    ink = [sum(1 for x in range(0, len(row), step) if min(row[x : x + 3]) < 200) for row in rows]
    assert sum(ink) > inked * width * height, "the page is not blank"
    assert sum(ink[:150]) > 0, "the title is at the top"
    blue = sum(
        1 for row in rows for x in range(0, len(row), step) if (row[x], row[x + 1], row[x + 2]) == SCORE_BLUE
    )
    assert blue > 500, "the chart is drawn"


def read_png(data: bytes) -> tuple[int, int, list[bytearray], int]:
    """Width, height, unfiltered rows and bytes per pixel of an 8-bit RGB(A) PNG, by zlib and struct."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    at, chunks, header = 8, [], b""
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            chunks.append(body)
        at += 12 + length
    width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert (depth, interlace) == (8, 0)
    assert color in (2, 6), "RGB or RGBA"
    step = 3 if color == 2 else 4
    raw = zlib.decompress(b"".join(chunks))
    stride = width * step
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        line = bytearray(raw[start + 1 : start + 1 + stride])
        _unfilter(raw[start], line, previous, step)
        rows.append(line)
        previous = line
    return width, height, rows, step


def test_a_real_browser_shows_the_page_on_an_a4_sized_window(tmp_path: Path) -> None:
    browser()
    page = tmp_path / "report.html"
    page.write_text(render_html(document(), Options(lang="vi")), encoding="utf-8")
    shot = tmp_path / "report.png"
    screenshot(page, shot, tmp_path / "profile")
    assert shot.is_file()
    # The chart's score bars are drawn in their colour: the inline SVG was rendered.
    assert_page_shows(shot, inked=0.005)
