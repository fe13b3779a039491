"""Issue 18 (trust, round 3), through the command line on a fresh folder: paths and plan text
that could inject into a terminal or a Markdown viewer (class 3), text the office formats
cannot hold (4), limits at every door (5), Ctrl-C at any moment (6), a given-total percentage
index (7), and messages said once (8). Workbook cells are tested in ``test_workbook*.py``.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import select
import signal
import subprocess
import sys
import threading
import time
from decimal import Decimal
from html import escape
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from parplan.cli.main import app
from parplan.reading import yamlread
from parplan.reading.loading import DEFAULT_BASELINE, DEFAULT_TARGETS, bundled
from parplan.reading.yamlread import read_text
from parplan.vocab import rules
from parplan.vocab.paths import shown_path
from parplan.vocab.problems import InputError

runner = CliRunner()
BASELINE = bundled(DEFAULT_BASELINE).read_text(encoding="utf-8")
TARGETS = bundled(DEFAULT_TARGETS).read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARPLAN_LANG", "en")


def _plan(folder: Path, baseline: str = BASELINE, targets: str = TARGETS) -> list[str]:
    folder.mkdir(exist_ok=True)
    (folder / "baseline.yaml").write_text(baseline, encoding="utf-8")
    (folder / "targets.yaml").write_text(targets, encoding="utf-8")
    return ["--baseline", str(folder / "baseline.yaml"), "--targets", str(folder / "targets.yaml")]


# --- class 3: paths and plan text as injection paths ---------------------------------------

HOSTILE_NAMES = [
    "esc\x1b[31mred",
    "bell\x07",
    "two\nx.yaml:1:1: PP999 error: forged",
    "cr\rover",
    "bidi\u202etxt.yaml",
    "nel\x85",
    "tab\there",
    "del\x7f",
    "csi\x9b2J",
]


def _clean(text: str) -> None:
    """One printable line per line: no control, no bidi mark, no forged line."""
    for line in text.splitlines():
        assert line.isprintable(), repr(line)
    assert not any(line.startswith("x.yaml") for line in text.splitlines())


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_a_hostile_input_path_is_printed_escaped(tmp_path: Path, name: str) -> None:
    result = runner.invoke(app, ["validate", "--baseline", str(tmp_path / name)])
    assert result.exit_code == 2
    _clean(result.stderr + result.stdout)
    assert result.stdout.startswith(shown_path(tmp_path / name) + ": PP101 error: no such file\n")


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_a_hostile_folder_is_escaped_in_wrote_lines(tmp_path: Path, name: str) -> None:
    result = runner.invoke(app, ["init", str(tmp_path / name), "--province", "Huế", "--year", "2026"])
    assert result.exit_code == 0, result.output
    _clean(result.stderr)
    assert result.stderr.splitlines()[0] == f"wrote {shown_path(tmp_path / name / 'baseline_2025.yaml')}"
    assert len(result.stderr.splitlines()) == 6  # three files and the three schemas they name


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_a_hostile_path_is_escaped_in_github_annotations(tmp_path: Path, name: str) -> None:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "b.yaml").write_text("province: [\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", "--baseline", str(folder / "b.yaml"), "--format", "github"])
    assert result.exit_code == 2
    _clean(result.stdout)
    assert result.stdout.startswith("::error file=")


@pytest.mark.parametrize("name", HOSTILE_NAMES[:3])
def test_a_hostile_output_path_is_escaped(tmp_path: Path, name: str) -> None:
    (tmp_path / name).mkdir()
    result = runner.invoke(app, ["gap", "-o", str(tmp_path / name / "sub" / "gap.md")])
    assert result.exit_code == 2
    _clean(result.stderr)


def test_shown_path_escapes_bytes_that_are_not_utf8() -> None:
    assert shown_path("bad\udcff.yaml") == "bad\\xff.yaml"
    assert shown_path("Tuyên Quang/kế hoạch.yaml") == "Tuyên Quang/kế hoạch.yaml"


HOSTILE_TEXT = [
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "![x](javascript:alert(1))",
    "<script>alert(1)</script>",
    "<javascript:alert(1)>",
    "&lt;b&gt;entity",
    "`code` **bold** _em_ ~~del~~",
    "[ref]: javascript:alert(1)",
    "a | b \\| c",
]


def _md_html(text: str) -> str:
    html: str = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(text)
    return html


@pytest.mark.parametrize("text", HOSTILE_TEXT)
def test_plan_text_is_literal_in_markdown(tmp_path: Path, text: str) -> None:
    quoted = "'" + text.replace("'", "''") + "'"
    baseline = BASELINE.replace("name: Công tác chỉ đạo, điều hành cải cách hành chính", f"name: {quoted}")
    baseline = baseline.replace("province: Cao Bằng", f"province: {quoted}")
    args = _plan(tmp_path, baseline, TARGETS.replace("province: Cao Bằng", f"province: {quoted}"))
    for command in (["report", "--format", "markdown"], ["gap", "--format", "markdown", "--lang", "vi"]):
        result = runner.invoke(app, [*command, *args])
        assert result.exit_code == 0, result.output
        html = _md_html(result.stdout)
        for tag in ("<img", "<script", "<a ", "href", "<code>code", "<strong>bold", "<em>em", "<s>del"):
            assert tag not in html, (tag, command)
        assert escape(text, quote=False).replace('"', "&quot;") in html, command  # shown as written


def test_a_code_span_cannot_be_closed_by_its_text() -> None:
    from parplan.render.markdown import _code

    assert _code("a`b") == "``a`b``"
    assert _code("`x") == "`` `x ``"
    assert "<code>a`b</code>" in _md_html(_code("a`b"))


# --- class 6: Ctrl-C at any moment ----------------------------------------------------------

PYTHON = sys.executable
_INTERRUPT_ON_IMPORT = """
import importlib.abc, os, signal, sys
class Interrupt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == {module!r}:
            os.kill(os.getpid(), signal.SIGINT)
        return None
sys.meta_path.insert(0, Interrupt())
sys.argv = ["parplan", *{args!r}]
from parplan.entry import main
main()
"""


@pytest.mark.parametrize(
    "module",
    ["parplan.cli.main", "typer", "pydantic", "parplan.vocab.problems", "parplan.core.api", "yaml"],
)
@pytest.mark.parametrize("lang", ["en", "vi"])
def test_ctrl_c_while_the_command_line_loads_is_one_line_and_130(module: str, lang: str) -> None:
    """Ctrl-C as each part of parplan is imported, before any command's handler exists."""
    code = _INTERRUPT_ON_IMPORT.format(module=module, args=["gap", "--lang", lang])
    done = subprocess.run([PYTHON, "-c", code], capture_output=True, timeout=120, check=False)
    assert done.returncode == 130, done.stderr
    assert done.stderr.decode() == ("interrupted\n" if lang == "en" else "đã dừng theo yêu cầu\n")
    assert done.stdout == b""


def test_ctrl_c_while_a_command_reads_is_one_line_and_130(tmp_path: Path) -> None:
    """A command blocked reading its input (a named pipe nobody writes), interrupted there."""
    fifo = tmp_path / "baseline.yaml"
    os.mkfifo(fifo)
    script = Path(PYTHON).parent / "parplan"
    command = [str(script)] if script.exists() else [PYTHON, "-m", "parplan"]
    child = subprocess.Popen(
        [*command, "report", "--baseline", str(fifo), "-o", str(tmp_path / "r.md")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PARPLAN_LANG": "en"},
    )
    writer = _open_writer(fifo, child)
    child.send_signal(signal.SIGINT)  # one Ctrl-C, as the command opens the pipe or reads it
    out, err = _ended(child)
    os.close(writer)
    assert out == b""
    assert child.returncode == 130, err
    assert err == b"interrupted\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["baseline.yaml"]  # nothing written


def _ended(child: subprocess.Popen[bytes], timeout: float = 30) -> tuple[bytes, bytes]:
    """The command's output once one Ctrl-C has ended it; a command still waiting at
    ``timeout`` has lost the Ctrl-C: killed, and the test fails rather than hangs."""
    try:
        return child.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        pytest.fail(f"one Ctrl-C did not end the command within {timeout} s (the SIGINT was lost)")


def _open_writer(fifo: Path, child: subprocess.Popen[bytes]) -> int:
    """The pipe's write end, once the command has opened the read end (so it is in its body)."""
    while True:
        try:
            return os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as error:
            if error.errno != errno.ENXIO or child.poll() is not None:
                raise
            select.select([], [], [], 0.05)


_AT_THE_BODY = """
import errno, importlib.abc, os, signal, sys, threading, time
def press():  # Ctrl-C delivered to this thread: the main thread's system call goes on
    time.sleep({delay})
    if {writer}:  # a writer once the command has the pipe open (so the command reads)
        while True:
            try:
                press.writer = os.open({fifo!r}, os.O_WRONLY | os.O_NONBLOCK)
                break
            except OSError as error:
                assert error.errno == errno.ENXIO
                time.sleep(0.01)
        time.sleep({delay})
    signal.pthread_kill(threading.get_ident(), signal.SIGINT)
class Body(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "parplan.core.commands":  # the last import before the body reads its files
            os.write({mark}, b"!")
            if {thread}:
                threading.Thread(target=press, daemon=True).start()
        return None
sys.meta_path.insert(0, Body())
sys.argv = ["parplan", "report", "--baseline", {fifo!r}, "-o", {output!r}]
from parplan.entry import main
main()
"""


def _at_the_body(
    tmp_path: Path, *, thread: bool, writer: bool = False, delay: float = 0
) -> subprocess.Popen[bytes]:
    """``parplan report`` on a named pipe, returned once the command is about to read it."""
    fifo = tmp_path / "baseline.yaml"
    os.mkfifo(fifo)
    mark, marked = os.pipe()
    code = _AT_THE_BODY.format(
        delay=delay, writer=writer, thread=thread, fifo=str(fifo), output=str(tmp_path / "r.md"), mark=marked
    )
    child = subprocess.Popen(
        [PYTHON, "-c", code],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PARPLAN_LANG": "en"},
        pass_fds=(marked,),
    )
    os.close(marked)
    with os.fdopen(mark, "rb") as reading:
        assert reading.read(1) == b"!", child.communicate()
    return child


def _one_line_and_130(child: subprocess.Popen[bytes], tmp_path: Path) -> None:
    out, err = _ended(child)
    assert (child.returncode, err, out) == (130, b"interrupted\n", b"")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["baseline.yaml"]  # nothing written


@pytest.mark.parametrize("delay", [0, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.3])
def test_ctrl_c_at_any_moment_of_opening_a_pipe_nobody_writes(tmp_path: Path, delay: float) -> None:
    """Ctrl-C as the body starts, opens the pipe, waits for a writer that never comes."""
    child = _at_the_body(tmp_path, thread=False)
    time.sleep(delay)
    child.send_signal(signal.SIGINT)
    _one_line_and_130(child, tmp_path)


@pytest.mark.parametrize(("writer", "delay"), [(False, 1), (True, 0), (True, 0.3)])
def test_ctrl_c_that_does_not_interrupt_the_read_still_ends_it(
    tmp_path: Path, writer: bool, delay: float
) -> None:
    """The lost Ctrl-C made certain: Python's C handler notes the signal, but the main thread's
    open() or read() of the pipe is not interrupted (the signal came just before it, or to
    another thread), so the Python handler never ran and the command waited for ever."""
    child = _at_the_body(tmp_path, thread=True, writer=writer, delay=delay)
    _one_line_and_130(child, tmp_path)


def _written_slowly(fifo: Path, parts: list[bytes]) -> threading.Thread:
    def write() -> None:
        with contextlib.suppress(BrokenPipeError), fifo.open("wb", buffering=0) as stream:
            for part in parts:  # the open waited for the reader; it may stop before the end
                stream.write(part)
                time.sleep(0.02)

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    return writer


@pytest.mark.parametrize("wake_up", [None, "theirs"])
@pytest.mark.parametrize("in_thread", [False, True])
def test_a_pipe_is_read_whole_and_the_signal_wake_up_left_as_it_was(
    tmp_path: Path, in_thread: bool, wake_up: str | None
) -> None:
    """The wait on a pipe (API use too: another thread, an event loop's wake-up fd) reads all
    a writer writes, in pieces, and leaves the process's signal wake-up fd as it found it."""
    fifo = tmp_path / "baseline.yaml"
    os.mkfifo(fifo)
    theirs, _their_end = os.pipe()
    os.set_blocking(_their_end, False)
    before = signal.set_wakeup_fd(_their_end if wake_up else -1)
    try:
        writer = _written_slowly(fifo, [b"a: 1\n", b"b: 2\n", b"c: 3\n"])
        got: list[str] = []
        if in_thread:
            reader = threading.Thread(target=lambda: got.append(read_text(fifo, "baseline.yaml")))
            reader.start()
            reader.join(30)
        else:
            got.append(read_text(fifo, "baseline.yaml"))
        writer.join(30)
        assert got == ["a: 1\nb: 2\nc: 3\n"]
    finally:
        left = signal.set_wakeup_fd(before)
        os.close(theirs)
        os.close(_their_end)
    assert left == (_their_end if wake_up else -1)


def test_a_pipe_too_long_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlread, "MAX_BYTES", 8)
    fifo = tmp_path / "baseline.yaml"
    os.mkfifo(fifo)
    writer = _written_slowly(fifo, [b"a: 1\n", b"b: 2\n", b"c: 3\n"])
    with pytest.raises(InputError) as refused:
        read_text(fifo, "baseline.yaml")
    writer.join(30)
    assert [p.code for p in refused.value.problems] == [rules.FILE_TOO_LARGE.code]


# --- class 4: text the office formats cannot hold ------------------------------------------

NOT_XML = ["\\uFFFE", "\\uFFFF"]


@pytest.mark.parametrize("escape_", NOT_XML)
@pytest.mark.parametrize(
    ("where", "line"),
    [
        ("name: Công tác chỉ đạo, điều hành cải cách hành chính", 'name: "Công{c}"'),
        ("province: Cao Bằng", 'province: "Cao{c}Bằng"'),
        ("short_name: PAR INDEX", 'short_name: "PAR{c}"'),
        ("name_en: Institutional reform", 'name_en: "{c}"'),
        ("year: 2024", 'year: 2024\n"note{c}": x'),
    ],
)
@pytest.mark.parametrize("output", ["gap.docx", "gap.xlsx", "gap.html", "gap.md"])
def test_a_character_word_and_excel_cannot_hold_is_refused_where_read(
    tmp_path: Path, escape_: str, where: str, line: str, output: str
) -> None:
    baseline = BASELINE.replace(where, line.format(c=escape_), 1)
    targets = TARGETS
    if "Cao{c}" in line:  # the targets name the same province
        targets = TARGETS.replace("province: Cao Bằng", line.format(c=escape_))
    args = _plan(tmp_path, baseline, targets)
    result = runner.invoke(app, ["gap", *args, "-o", str(tmp_path / output)])
    assert result.exit_code == 2, result.output
    code = f"U+{escape_[2:].upper()}"
    assert f"PP128 error: the text contains {code}, which no Word or Excel file can hold" in result.stderr
    assert result.stderr.startswith(str(tmp_path / "baseline.yaml") + ":")
    assert not (tmp_path / output).exists()


@pytest.mark.parametrize("char", ["\ufffe", "\uffff"])
def test_the_models_refuse_what_xml_cannot_hold_as_pp212(char: str) -> None:
    from pydantic import ValidationError

    from parplan.models.plan import Baseline

    with pytest.raises(ValidationError) as raised:
        Baseline.model_validate({"province": f"X{char}", "year": 2024, "indices": []})
    kinds = {error["type"] for error in raised.value.errors()}
    assert "PP212" in kinds
    assert "no Word or Excel file can hold" in str(raised.value)


# --- class 8: messages that say one thing once ---------------------------------------------


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("1.5e3", "1500"),
        ("1E3", "1000"),
        ("-2e2", "-200"),
        (".5e1", "5"),
        ("1e308", "1E+308"),
        ("2.5e0", "2.5"),
        ("0o17", "15"),
    ],
)
@pytest.mark.parametrize("key", ["score", "max", "year"])
def test_a_number_yaml_1_2_reads_is_pp132_with_its_value(
    tmp_path: Path, written: str, read: str, key: str
) -> None:
    old = {"score": "score: 9.2779", "max": "max: 9.5", "year": "year: 2024"}[key]
    args = _plan(tmp_path, BASELINE.replace(old, f"{key}: {written}", 1))
    result = runner.invoke(app, ["gap", *args])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines  # one mistake, one line
    assert (
        f"PP132 error: '{written}' is not written in plain decimals (YAML 1.2 reads it as the number {read}"
        in lines[0]
    )
    assert lines[0].startswith(str(tmp_path / "baseline.yaml") + ":")


def test_a_quoted_number_is_text_as_before(tmp_path: Path) -> None:
    args = _plan(tmp_path, BASELINE.replace("score: 9.2779", 'score: "1.5e3"', 1))
    result = runner.invoke(app, ["gap", *args])
    assert result.exit_code == 2
    assert "PP205 error: score: expected a number, got the text '1.5e3'" in result.stderr


def _plan_workbook(tmp_path: Path, cells: dict[str, object]) -> Path:
    import openpyxl

    book = tmp_path / "plan.xlsx"
    assert runner.invoke(app, ["export", "-o", str(book)]).exit_code == 0
    workbook = openpyxl.load_workbook(book)
    for where, value in cells.items():
        sheet, cell = where.split("!")
        workbook[sheet][cell] = value
    workbook.save(book)
    return book


@pytest.mark.parametrize(
    ("cell", "value", "key"),
    [
        ("plan!B2", 2024.5, "year"),
        ("plan!B2", "hai nghìn", "year"),
        ("plan!B5", 2025.25, "year"),
        ("plan!B6", "2024x", "baseline_year"),
    ],
)
def test_a_refused_plan_cell_is_one_problem_not_also_a_missing_key(
    tmp_path: Path, cell: str, value: object, key: str
) -> None:
    book = _plan_workbook(tmp_path, {cell: value})
    result = runner.invoke(app, ["import", str(book), "--to", str(tmp_path / "out")])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{book}:{cell}: PP220 error: {key}: expected a whole number")
    assert not (tmp_path / "out").exists()


def test_an_empty_plan_cell_is_still_a_missing_key(tmp_path: Path) -> None:
    book = _plan_workbook(tmp_path, {"plan!B2": None})
    result = runner.invoke(app, ["import", str(book), "--to", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "PP202 error: missing key 'year'" in result.stderr


# --- class 5: limits at every door (outside workbooks) -------------------------------------

LONG = "n" * 300


@pytest.mark.parametrize(
    "command",
    [
        ["gap", "-o", "{t}/" + LONG + ".md"],
        ["report", "-o", "{t}/" + LONG + "/r.md"],
        ["validate", "-o", "{t}/" + LONG + ".json"],
        ["schema", "baseline", "-o", "{t}/" + LONG + ".json"],
        ["init", "{t}/" + LONG, "--province", "Huế", "--year", "2026"],
        ["init", "{t}/a/" + LONG + "/b", "--province", "Huế", "--year", "2026"],
        ["import", "{book}", "--to", "{t}/" + LONG],
        ["gap", "--baseline", "{t}/" + LONG + ".yaml"],
    ],
)
def test_a_name_too_long_is_a_placed_message(tmp_path: Path, command: list[str]) -> None:
    book = _plan_workbook(tmp_path, {})
    args = [part.format(t=tmp_path, book=book) for part in command]
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "File name too long" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("kind", ["file", "loop", "dangling-file"])
@pytest.mark.parametrize(
    "command",
    [
        ["init", "{dir}", "--province", "Huế", "--year", "2026"],
        ["init", "{dir}/sub", "--province", "Huế", "--year", "2026"],
        ["import", "{book}", "--to", "{dir}"],
        ["import", "{book}", "--to", "{dir}", "--force"],
        ["gap", "-o", "{dir}/gap.md"],
        ["export", "-o", "{dir}/plan.xlsx"],
    ],
)
def test_a_folder_argument_that_is_no_folder_is_a_placed_message(
    tmp_path: Path, kind: str, command: list[str]
) -> None:
    book = _plan_workbook(tmp_path, {})
    folder = tmp_path / "where"
    if kind == "file":
        folder.write_text("a file\n", encoding="utf-8")
    elif kind == "loop":
        folder.symlink_to(tmp_path / "other")
        (tmp_path / "other").symlink_to(folder)
    else:
        (tmp_path / "a-file").write_text("x", encoding="utf-8")
        folder.symlink_to(tmp_path / "a-file")
    before = sorted(p.name for p in tmp_path.iterdir())
    result = runner.invoke(app, [part.format(dir=folder, book=book) for part in command])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    reason = "Too many levels of symbolic links" if kind == "loop" else "Not a directory"
    assert f"{folder}: PP901 error: cannot be written: {reason}\n" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == before


# --- class 7: a percentage whose total is given (SIPAS-like), SYNTHETIC numbers ---------------

_SIPAS_PARTS = ("access", "procedures", "officials", "results", "feedback")


def _sipas_plan(
    folder: Path, total: str, scores: tuple[str, ...], increases: tuple[str, ...], *, unit: str = "percent"
) -> list[str]:
    """The bundled plan with a SIPAS-like index: a given overall % and component percentages
    (synthetic values, made for these tests)."""
    baseline = BASELINE.replace(
        "    unit: percent\n    total: none\n    rank: 57/63",
        f"    unit: {unit}\n    total: given\n    score: {total}\n    rank: 57/63",
    )
    targets = TARGETS
    for part, score, increase in zip(_SIPAS_PARTS, scores, increases, strict=True):
        head = f"      - id: sipas.{part}\n"
        start = baseline.index(head)
        end = baseline.index("        score: null\n", start)
        baseline = (
            baseline[:end] + f"        score: {score}\n" + baseline[end + len("        score: null\n") :]
        )
        targets = targets.replace(
            f"  - {{id: sipas.{part}, owners:", f"  - {{id: sipas.{part}, increase: {increase}, owners:"
        )
        targets = targets.replace(
            f"  - id: sipas.{part}\n", f"  - id: sipas.{part}\n    increase: {increase}\n"
        )
    return _plan(folder, baseline, targets)


SIPAS_CASES = [
    ("84.5", ("85.2", "83.1", "84.0", "82.9", "84.5"), ("1.5", "2", "1", "3", "1.2")),
    ("77.25", ("70", "75.5", "80", "79.75", "81"), ("10", "10", "10", "10", "10")),
    ("99", ("99.5", "98", "99", "97.5", "99.9"), ("0.5", "2", "1", "2.5", "0.1")),
]


@pytest.mark.parametrize(("total", "scores", "increases"), SIPAS_CASES)
def test_a_given_percentage_total_is_never_projected_from_its_components(
    tmp_path: Path, total: str, scores: tuple[str, ...], increases: tuple[str, ...]
) -> None:
    args = _sipas_plan(tmp_path, total, scores, increases)
    result = runner.invoke(app, ["gap", *args, "--index", "sipas", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = {row["id"]: row for row in json.loads(result.stdout, parse_float=Decimal)["rows"]}
    assert rows["sipas"]["score"] == Decimal(total)
    assert rows["sipas"]["projected"] is None  # no target of its own: nothing to project
    assert rows["sipas"]["increase"] is None
    for part, score, increase in zip(_SIPAS_PARTS, scores, increases, strict=True):
        projected = rows[f"sipas.{part}"]["projected"]
        assert projected == Decimal(score) + Decimal(increase)
        assert projected <= 100


def test_a_percentage_planned_beyond_100_is_refused(tmp_path: Path) -> None:
    args = _sipas_plan(tmp_path, "99", ("99.5", "98", "99", "97.5", "99.9"), ("1", "0", "0", "0", "0"))
    result = runner.invoke(app, ["gap", *args])
    assert result.exit_code == 2
    assert "sipas.access: PP316 error: score 99.5 + increase 1 is above the maximum 100" in result.stderr


@pytest.mark.parametrize(("total", "scores", "increases"), SIPAS_CASES)
def test_a_given_percentage_total_is_not_warned_as_a_wrong_sum(
    tmp_path: Path, total: str, scores: tuple[str, ...], increases: tuple[str, ...]
) -> None:
    args = _sipas_plan(tmp_path, total, scores, increases)
    result = runner.invoke(app, ["validate", *args])
    assert "PP430" not in result.stdout


def test_a_given_points_total_that_is_not_the_sum_is_still_warned(tmp_path: Path) -> None:
    baseline = BASELINE.replace(
        "    short_name: PAPI\n    rank: 51/63",
        "    short_name: PAPI\n    total: given\n    score: 40\n    rank: 51/63",
    )
    result = runner.invoke(app, ["validate", *_plan(tmp_path, baseline)])
    assert (
        "papi: PP430 warning: the given total 40 differs from the sum of the criteria 41.33" in result.stdout
    )


def _short_results(folder: Path, lines: str) -> str:
    path = folder / "results.yaml"
    path.write_text(f"province: Cao Bằng\nyear: 2025\nresults:\n{lines}", encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("command", ["check", "trend", "report"])
@pytest.mark.parametrize("rank", ["30/34", "1/34"])
def test_a_short_result_with_a_rank_and_no_score_is_no_data_for_the_score(
    tmp_path: Path, command: str, rank: str
) -> None:
    total, scores, increases = SIPAS_CASES[0]
    args = _sipas_plan(tmp_path, total, scores, increases)
    results = _short_results(tmp_path, f"  - {{id: sipas, rank: {rank}}}\n")
    result = runner.invoke(app, [command, *args, "--results", results, "--format", "markdown"])
    assert result.exit_code in (0, 1), result.output
    lines = [line for line in result.stdout.splitlines() if "sipas" in line.lower() and "score up" in line]
    lines += [line for line in result.stdout.splitlines() if line.startswith("| sipas ") and "2025" in line]
    assert lines, result.stdout
    for line in lines:
        assert "84.5" not in line.split("|", 4)[-1] or "no data" in line, (
            line
        )  # never last year's value as 2025's


@pytest.mark.parametrize("given", ["86.1", "70", "100"])
def test_a_short_result_can_give_a_given_total(tmp_path: Path, given: str) -> None:
    total, scores, increases = SIPAS_CASES[0]
    args = _sipas_plan(tmp_path, total, scores, increases)
    short = _short_results(tmp_path, f"  - {{id: sipas, score: {given}, rank: 20/34}}\n")
    result = runner.invoke(app, ["check", *args, "--results", short, "--index", "sipas", "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    assert "PP350" not in result.stderr
    rows = json.loads(result.stdout, parse_float=Decimal)["rows"]
    results = [row["score"] for row in rows if row["id"] == "sipas" and row["aspect"] == "score"]
    assert results == [Decimal(given)]


@pytest.mark.parametrize(
    ("index", "total", "says"),
    [
        ("par", "sum", "'par' is an index: its score is the sum of its criteria; give only its rank"),
        ("sipas", "none", "'sipas' is an index without a total (total: none): give only its rank"),
    ],
)
def test_pp350_says_why_for_the_kind_of_total(tmp_path: Path, index: str, total: str, says: str) -> None:
    args = _plan(tmp_path)
    results = _short_results(tmp_path, f"  - {{id: {index}, score: 80, rank: 20/34}}\n")
    result = runner.invoke(app, ["check", *args, "--results", results])
    assert result.exit_code == 2
    assert f"PP350 error: {says}" in result.stderr


@pytest.mark.parametrize("province", ["1E3", "1.5e3", "0o17", "-2e2"])
def test_text_that_yaml_1_2_reads_as_a_number_is_written_quoted(tmp_path: Path, province: str) -> None:
    """What parplan writes (init, import) it reads back: such text is quoted, not refused."""
    folder = tmp_path / "plan"
    assert runner.invoke(app, ["init", str(folder), "--province", province, "--year", "2026"]).exit_code == 0
    files = ["--baseline", str(folder / "baseline_2025.yaml"), "--targets", str(folder / "targets_2026.yaml")]
    result = runner.invoke(app, ["validate", *files])
    assert result.exit_code == 0, result.output
    book = tmp_path / "plan.xlsx"
    assert runner.invoke(app, ["export", "-o", str(book), *files]).exit_code == 0
    result = runner.invoke(app, ["import", str(book), "--to", str(tmp_path / "back")])
    assert result.exit_code == 0, result.output
    back = ["--baseline", str(tmp_path / "back" / "baseline_2025.yaml")]
    result = runner.invoke(
        app, ["validate", *back, "--targets", str(tmp_path / "back" / "targets_2026.yaml")]
    )
    assert result.exit_code == 0, result.output
