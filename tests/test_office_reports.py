"""The People's Committee report end to end: the real command line on the bundled plan, written as
Word and HTML in both languages, with and without results, read back and shown in a browser; and
no English words under the default Vietnamese in the commands' text and Markdown."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.styles.style import ParagraphStyle
from typer.testing import CliRunner

from office_report import assert_decree_page
from parplan.cli.main import app
from test_render_html import Element, Tree, assert_page_shows, browser, parse, screenshot

runner = CliRunner()
BUNDLED = Path(__file__).parents[1] / "src" / "parplan" / "data"
RESULTS = str(Path(__file__).parent / "fixtures" / "results_2025.yaml")
NO_LANG: dict[str, str | None] = {"PARPLAN_LANG": None}
"""The language from the command line only: a developer's PARPLAN_LANG must not change a test."""
TNR = "Times New Roman"
SCRIPT = "<script>alert(1)</script>"
PAR1_NAME = "Công tác chỉ đạo, điều hành cải cách hành chính"


@dataclass(frozen=True)
class Case:
    lang: str
    results: bool

    @property
    def args(self) -> list[str]:
        return ["--lang", self.lang, *(["--results", RESULTS] if self.results else [])]

    @property
    def id(self) -> str:
        return f"{self.lang}{'-results' if self.results else ''}"


CASES = [Case("vi", False), Case("vi", True), Case("en", False), Case("en", True)]

TITLE = {
    "vi": "Phân tích khoảng cách các chỉ số — Cao Bằng, kế hoạch năm 2025",
    "en": "Index gap analysis — Cao Bằng, 2025 plan",
}
SECTIONS = {
    "vi": [
        "Các chỉ số và mục tiêu chính",
        "1. Tổng điểm các chỉ số năm 2024",
        "2. Tiêu chí còn thiếu nhiều điểm nhất (tối đa 5 mỗi chỉ số)",
        "3. Mâu thuẫn trong kế hoạch",
        "4. Mục tiêu theo cơ quan chủ trì",
        "5. Thời hạn",
    ],
    "en": [
        "Headline: the indices and their targets",
        "1. Index totals in 2024",
        "2. Where the most points are lost (top 5 per index)",
        "3. Inconsistencies in the plan",
        "4. Targets by responsible body",
        "5. Deadlines",
    ],
}
APPENDIX = {
    "vi": "Phụ lục: Các vấn đề của kế hoạch và vị trí trong tệp",
    "en": "Appendix: the plan's problems and where they are",
}
"""After the signature (issue 21): the plan's problems with their places in the files."""
LAST_SECTIONS = {
    ("vi", False): ["6. Số liệu tham chiếu công khai", APPENDIX["vi"]],
    ("vi", True): ["6. Kết quả năm 2025", "7. Số liệu tham chiếu công khai", APPENDIX["vi"]],
    ("en", False): ["6. Public reference figures", APPENDIX["en"]],
    ("en", True): ["6. Results 2025", "7. Public reference figures", APPENDIX["en"]],
}
CAPTIONS = {
    "vi": [
        "Hình 1. PAR INDEX — Chỉ số cải cách hành chính: điểm, mục tiêu và điểm tối đa từng lĩnh vực",
        "Hình 2. PAPI — Chỉ số Hiệu quả Quản trị và Hành chính công cấp tỉnh: "
        "điểm, mục tiêu và điểm tối đa từng lĩnh vực",
    ],
    "en": [
        "Figure 1. PAR INDEX — Public Administration Reform Index: score, target and maximum by field",
        "Figure 2. PAPI — Provincial Governance and Public Administration Performance Index: "
        "score, target and maximum by field",
    ],
}
PAR_TOTAL = {"vi": "82,9547", "en": "82.9547"}
CONTRADICTIONS = {
    "vi": ("thấp hơn điểm", "lỏng hơn kế hoạch"),
    "en": ("is below score", "looser than planned"),
}
NUMBER = re.compile(r"^(?:[<>]=? )?[+\-−]?\d+(?:[.,]\d+)?%?$")
"""A cell that is a number (or a target such as ``> 9.4``): right-aligned in every table."""


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=NO_LANG)
    return result.exit_code, result.stdout, result.stderr


def write_report(path: Path, *args: str) -> Path:
    code, _, errors = invoke("report", *args, "-o", str(path))
    assert code == 0, errors
    assert path.is_file()
    return path


def markdown_headings(case: Case) -> list[tuple[int, str]]:
    code, out, errors = invoke("report", "--format", "markdown", *case.args)
    assert code == 0, errors
    found = [re.match(r"^(#+) (.*)$", line) for line in out.splitlines()]
    return [(len(m.group(1)), m.group(2)) for m in found if m]


# --- Word -----------------------------------------------------------------------------------


@pytest.fixture(scope="module", params=CASES, ids=lambda case: case.id)
def word_case(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Case, bytes]:
    case: Case = request.param
    path = write_report(tmp_path_factory.mktemp("word") / "report.docx", *case.args)
    return case, path.read_bytes()


def read_word(data: bytes) -> WordDocument:
    return docx.Document(io.BytesIO(data))


def test_word_is_a4_portrait_with_the_decree_margins(word_case: tuple[Case, bytes]) -> None:
    for section in read_word(word_case[1]).sections:
        assert_decree_page(section)


def test_word_body_is_times_new_roman_13_to_14_pt(word_case: tuple[Case, bytes]) -> None:
    word = read_word(word_case[1])
    normal = word.styles["Normal"]
    assert isinstance(normal, ParagraphStyle)
    assert normal.font.name == TNR
    assert normal.font.size is not None
    assert 13 <= normal.font.size.pt <= 14
    body = [p for p in word.paragraphs if p.style is not None and p.style.name == "Normal" and p.text]
    assert len(body) >= 2  # the plan's title line and the general goal at least
    for paragraph in body:
        for run in paragraph.runs:
            assert run.font.size is None or 13 <= run.font.size.pt <= 14, paragraph.text
            assert run.font.name in (None, TNR, "Courier New"), paragraph.text


def test_word_headings_are_heading_styles_with_the_report_sections(word_case: tuple[Case, bytes]) -> None:
    case, data = word_case
    word = read_word(data)
    headings = [
        (int(p.style.name.removeprefix("Heading ")), p.text)
        for p in word.paragraphs
        if p.style is not None and p.style.name.startswith("Heading ")
    ]
    assert headings[0] == (1, TITLE[case.lang])
    assert [text for level, text in headings if level == 2] == (
        SECTIONS[case.lang] + LAST_SECTIONS[(case.lang, case.results)]
    )
    # The same outline, levels and words, as the Markdown report of the same command.
    assert headings == markdown_headings(case)
    for level in (1, 2, 3):
        style = word.styles[f"Heading {level}"]
        assert isinstance(style, ParagraphStyle)
        assert style.font.name == TNR


def test_word_tables_repeat_their_header_row_and_put_numbers_right(word_case: tuple[Case, bytes]) -> None:
    word = read_word(word_case[1])
    # The state document form's two layout tables (motto and body; recipients and signature)
    # have no grid and no header row: the report's tables are the grid ones.
    tables = [t for t in word.tables if t.style is not None and t.style.name == "Table Grid"]
    assert len(tables) == len(word.tables) - 2
    assert len(tables) >= 10
    numbers = 0
    for table in tables:
        header = table.rows[0]._tr.trPr
        assert header is not None
        assert header.find(qn("w:tblHeader")) is not None, [c.text for c in table.rows[0].cells]
        for row in table.rows[1:]:
            assert row._tr.trPr is None or row._tr.trPr.find(qn("w:tblHeader")) is None
            for cell in row.cells:
                if NUMBER.match(cell.text):
                    numbers += 1
                    assert cell.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT, cell.text
    assert numbers > 100


def test_word_numbers_in_the_report_language(word_case: tuple[Case, bytes]) -> None:
    case, data = word_case
    word = read_word(data)
    par_rows = [
        (table.rows[0].cells[1].text, row.cells[1].text)
        for table in word.tables
        for row in table.rows[1:]
        if row.cells[0].text == "PAR INDEX" and table.rows[0].cells[1].text.startswith(("Điểm", "Score"))
    ]
    # The headline table and section 1's totals.
    assert len(par_rows) == 2
    assert {value for _, value in par_rows} == {PAR_TOTAL[case.lang]}
    other = PAR_TOTAL["en" if case.lang == "vi" else "vi"]
    assert not [c.text for t in word.tables for r in t.rows for c in r.cells if c.text == other]


def test_word_core_properties_and_charts(word_case: tuple[Case, bytes]) -> None:
    pytest.importorskip("matplotlib")
    case, data = word_case
    word = read_word(data)
    properties = word.core_properties
    assert properties.title == TITLE[case.lang]
    assert properties.subject == "Cao Bằng"
    assert "Cao Bằng" in properties.keywords
    assert properties.language == {"vi": "vi-VN", "en": "en-US"}[case.lang]
    assert len(word.inline_shapes) == 2
    images = [part for part in word.part.package.parts if part.content_type == "image/png"]
    assert len(images) == 2
    assert all(image.blob.startswith(b"\x89PNG\r\n\x1a\n") for image in images)
    captions = [p.text for p in word.paragraphs if p.style is not None and p.style.name == "Caption"]
    assert captions == CAPTIONS[case.lang]


def test_vietnamese_word_tables_have_no_decimal_point(tmp_path: Path) -> None:
    word = read_word(write_report(tmp_path / "report.docx").read_bytes())
    id_like = re.compile(r"^[a-z]+(?:\.[a-z0-9_]+)+$")
    pointed = [
        cell.text
        for table in word.tables
        for row in table.rows
        for cell in row.cells
        # a criterion's own number in the plan (III.3.2) is no decimal
        if re.search(r"\d\.\d", re.sub(r"^[IVX]+(?:\.\d+)+ ", "", cell.text)) and not id_like.match(cell.text)
    ]
    assert pointed == []


def test_vietnamese_word_contradictions_use_the_decimal_comma(tmp_path: Path) -> None:
    word = read_word(write_report(tmp_path / "report.docx").read_bytes())
    bullets = [p.text for p in word.paragraphs if "lỏng hơn kế hoạch" in p.text]
    assert len(bullets) == 6  # in section 3 by the criterion's name, in the appendix with the place
    assert "mục tiêu > 13,5 thấp hơn điểm 12,0317 + mức tăng 1,5187 = 13,5504" in bullets[0]
    assert bullets[0].startswith("5 Cải cách chế độ công vụ: ")  # by the plan's number and name
    assert bullets[3].startswith("par.5 (cảnh báo, targets_2025.yaml:98): ")


# --- HTML -----------------------------------------------------------------------------------


@pytest.fixture(scope="module", params=CASES, ids=lambda case: case.id)
def html_case(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Case, str]:
    case: Case = request.param
    path = write_report(tmp_path_factory.mktemp("html") / "report.html", *case.args)
    return case, path.read_text(encoding="utf-8")


def walk(element: Element) -> Iterator[Element]:
    yield element
    for child in element.children:
        yield from walk(child)


def section(tree: Tree, title: str) -> str:
    """The text between the ``<h2>`` with this title and the next ``<h2>``."""
    for parent in walk(tree.root):
        tags = [child for child in parent.children if child.tag != "#text"]
        for at, child in enumerate(tags):
            if child.tag == "h2" and child.all_text() == title:
                following = []
                for sibling in tags[at + 1 :]:
                    if sibling.tag == "h2":
                        break
                    following.append(sibling.all_text())
                return "\n".join(following)
    raise AssertionError(f"no <h2>{title}</h2>")


def test_html_in_the_report_language_and_self_contained(html_case: tuple[Case, str]) -> None:
    case, page = html_case
    tree = parse(page)
    (html,) = tree.root.find_all("html")
    assert html.attrs["lang"] == case.lang
    assert not tree.root.find_all("script")
    for element in walk(tree.root):
        for name, value in element.attrs.items():
            assert not name.startswith("on"), (element.tag, name)
            if name in ("src", "href", "xlink:href", "srcset", "action", "data", "poster"):
                assert value is not None
                assert value.startswith(("#", "data:")), (element.tag, name, value)
    assert "://" not in page.replace("http://www.w3.org/2000/svg", "")
    assert [h.all_text() for h in tree.root.find_all("h1")] == [TITLE[case.lang]]
    assert [h.all_text() for h in tree.root.find_all("h2")] == (
        SECTIONS[case.lang] + LAST_SECTIONS[(case.lang, case.results)]
    )


def test_html_tables_have_thead_and_column_headers(html_case: tuple[Case, str]) -> None:
    tree = parse(html_case[1])
    tables = tree.root.find_all("table")
    assert len(tables) >= 10
    for table in tables:
        (thead,) = table.find_all("thead")
        headers = thead.find_all("th")
        assert headers
        assert {th.attrs.get("scope") for th in headers} == {"col"}
        (tbody,) = table.find_all("tbody")
        assert tbody.find_all("tr")
        assert not tbody.find_all("th") or {th.attrs.get("scope") for th in tbody.find_all("th")} == {"row"}


def test_html_numbers_and_charts(html_case: tuple[Case, str]) -> None:
    case, page = html_case
    tree = parse(page)
    cells = [[td.all_text() for td in tr.find_all("td")] for tr in tree.root.find_all("tr")]
    par = [row[1] for row in cells if row and row[0] == "PAR INDEX" and NUMBER.match(row[1])]
    assert par == [PAR_TOTAL[case.lang]] * 2
    figures = tree.root.find_all("figure")
    assert len(figures) == 2
    for figure in figures:
        (svg,) = figure.find_all("svg")
        assert svg.attrs["role"] == "img"
        assert [r for r in svg.find_all("rect") if r.attrs.get("class") == "score"]
    assert [c.all_text() for c in tree.root.find_all("figcaption")] == CAPTIONS[case.lang]


def test_html_contradictions_in_the_report_language(html_case: tuple[Case, str]) -> None:
    case, page = html_case
    text = section(parse(page), SECTIONS[case.lang][3])
    lines = [line for line in text.splitlines() if line]
    # By the criterion's name, no id and no file:line in the committee's text (issue 21).
    assert not [line for line in lines if re.search(r"par\.|papi\.|yaml:", line)]
    assert len(lines) == 4  # three problems and the line pointing at the appendix
    for phrase in CONTRADICTIONS[case.lang]:
        assert text.count(phrase) == 3, phrase
    if case.lang == "vi":
        for phrase in CONTRADICTIONS["en"]:
            assert phrase not in page


def test_html_escapes_a_criterion_name_that_is_markup(tmp_path: Path) -> None:
    source = (BUNDLED / "baseline_2024.yaml").read_text(encoding="utf-8")
    assert source.count(f"name: {PAR1_NAME}\n") == 1
    baseline = tmp_path / "baseline_2024.yaml"
    baseline.write_text(source.replace(f"name: {PAR1_NAME}\n", f"name: '{SCRIPT}'\n"), encoding="utf-8")
    page = write_report(tmp_path / "report.html", "--baseline", str(baseline)).read_text(encoding="utf-8")
    assert SCRIPT not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    tree = parse(page)
    assert not tree.root.find_all("script")
    # par.1 is in the Department of Home Affairs' table: its name (no id: the report names a
    # criterion by the plan's number and name) is a cell's text, as typed.
    rows = [[td.all_text() for td in tr.find_all("td")] for tr in tree.root.find_all("tr")]
    assert [f"1 {SCRIPT}"] in [row[:1] for row in rows]
    assert PAR1_NAME not in page


def test_a_real_browser_shows_the_vietnamese_report(tmp_path: Path) -> None:
    browser()
    page = write_report(tmp_path / "report.html")
    shot = tmp_path / "report.png"
    two_pages = (1240, 2 * 1754)
    screenshot(page, shot, tmp_path / "profile", two_pages)
    # The first two pages reach PAR INDEX's chart (the totals' notes on the partial 2024 league
    # come before it): its score bars are drawn in their colour.
    assert_page_shows(shot, inked=0.02, window=two_pages)


# --- no English under the default Vietnamese --------------------------------------------------

ENGLISH = (
    "Score",
    "Target",
    "Targets",
    "Rank",
    "met",
    "missed",
    "no data",
    "warning",
    "warnings",
    "error",
    "errors",
    "valid",
    "invalid",
    "Index",
    "Name",
    "Responsible",
    "Deadline",
    "Deadlines",
    "General goal",
    "looser than planned",
    "below score",
    "Headroom",
    "Increase",
    "Projected",
    "Maximum",
    "Status",
    "Result",
    "Results",
    "Year",
    "note",
    "Problems",
    "severity",
    "message",
    "Inconsistencies",
    "improving",
    "worsening",
    "base changed",
    "of max",
)
"""English words of parplan's own labels and messages; ids, file names, PAR INDEX, PAPI, SIPAS, KPI
and the plan's reference sources (English prose in the plan file) are not among them."""

COMMANDS = [
    ["gap"],
    ["rank"],
    ["check", "--results", RESULTS],
    ["trend"],
    ["validate"],
    ["report"],
    ["report", "--results", RESULTS],
]


def english_in(text: str) -> list[str]:
    return [word for word in ENGLISH if re.search(rf"(?<![\w.]){re.escape(word)}(?![\w.])", text)]


def test_the_word_list_finds_english() -> None:
    assert english_in("| Score | Target 2025 |\nnote: 3 warnings") == ["Score", "Target", "warnings", "note"]
    assert english_in("par.5 PAR INDEX, targets_2025.yaml, điểm, mục tiêu, cảnh báo, hợp lệ") == []
    code, out, errors = invoke("check", "--results", RESULTS, "--lang", "en", "-f", "markdown")
    assert code == 1, errors
    assert {"Target", "met", "missed", "no data"} <= set(english_in(out + errors))


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(
            [*command, "-f", form], id=f"{command[0]}{'-results' if RESULTS in command else ''}-{form}"
        )
        for command in COMMANDS
        for form in ("text", "markdown")
    ],
)
def test_no_english_under_the_default_language(args: list[str], request: pytest.FixtureRequest) -> None:
    code, out, errors = invoke(*args)
    assert code in (0, 1), errors
    assert out
    assert english_in(out + errors) == []
