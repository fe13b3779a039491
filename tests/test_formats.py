"""Every output format with every command: it renders, or it is refused with exit 2 and a reason."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
import typer
from typer.testing import CliRunner

from parplan.cli.main import app
from parplan.core.output import choose_format
from parplan.vocab.document import BINARY, OutputFormat
from small_plan import write_plan


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read parplan's messages in English (``--lang en``); Vietnamese is the default."""
    monkeypatch.setenv("PARPLAN_LANG", "en")


runner = CliRunner()

COMMAND_ARGS: dict[str, tuple[list[str], int]] = {
    "validate": ([], 0),
    "gap": ([], 0),
    "rank": ([], 0),
    "check": (["--results", "results.yaml"], 1),
    "report": ([], 0),
    "trend": ([], 0),
}
"""Arguments for each command that has ``--format``, and its exit code on the small plan."""

TABLES = "choose one of table, text, markdown, csv, json, xlsx, docx, html"
PROBLEMS = "choose one of table, text, markdown, csv, json, xlsx, github"
DOCUMENT = "choose one of table, text, markdown, docx, html"
REFUSED: dict[OutputFormat, dict[str, str]] = {
    OutputFormat.GITHUB: {
        "gap": f"gap cannot write github; {TABLES}",
        "rank": f"rank cannot write github; {TABLES}",
        "trend": f"trend cannot write github; {TABLES}",
        "report": f"report cannot write github; {DOCUMENT}",
    },
    OutputFormat.CSV: {"report": f"report cannot write csv; {DOCUMENT}"},
    OutputFormat.JSON: {"report": f"report cannot write json; {DOCUMENT}"},
    OutputFormat.XLSX: {"report": f"report cannot write xlsx; {DOCUMENT}"},
    OutputFormat.DOCX: {"validate": f"validate cannot write docx; {PROBLEMS}"},
    OutputFormat.HTML: {"validate": f"validate cannot write html; {PROBLEMS}"},
}
"""Which commands refuse a format, and the reason they give (from the one table in output.py)."""


def _format_commands() -> list[str]:
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    return sorted(
        name
        for name, command in group.commands.items()
        if any("--format" in getattr(param, "opts", ()) for param in command.params)
    )


def test_every_command_with_a_format_is_covered_here() -> None:
    assert _format_commands() == sorted(COMMAND_ARGS)


@pytest.mark.parametrize("output_format", list(OutputFormat))
@pytest.mark.parametrize("command", sorted(COMMAND_ARGS))
def test_format_renders_or_is_refused(
    command: str, output_format: OutputFormat, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_plan(tmp_path)
    monkeypatch.chdir(tmp_path)
    extra, code = COMMAND_ARGS[command]
    args = [command, "--baseline", "baseline.yaml", "--targets", "targets.yaml", *extra]
    result = runner.invoke(app, [*args, "--format", output_format.value])
    refused = REFUSED.get(output_format, {})
    if command in refused:
        assert result.exit_code == 2, result.output
        assert refused[command] in result.stderr
        assert result.stdout_bytes == b""
        return
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    if output_format in BINARY:
        assert result.stdout_bytes.startswith(b"PK\x03\x04")  # a zip: workbook or Word file
    else:
        assert result.stdout.strip(), f"{command} --format {output_format} printed nothing"
    # The same output goes to a file, all at once.
    out = tmp_path / "out.bin"
    to_file = runner.invoke(app, [*args, "--format", output_format.value, "-o", str(out)])
    assert to_file.exit_code == code
    if output_format is OutputFormat.XLSX:
        # A workbook's zip entries carry the time they were written: compare the cells.
        assert _cells(out.read_bytes()) == _cells(result.stdout_bytes)
    else:
        assert out.read_bytes() == result.stdout_bytes


def _cells(workbook: bytes) -> list[tuple[str, list[tuple[object, ...]]]]:
    book = openpyxl.load_workbook(io.BytesIO(workbook))
    return [(sheet.title, list(sheet.iter_rows(values_only=True))) for sheet in book]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("gaps.xlsx", OutputFormat.XLSX),
        ("GAPS.XLSX", OutputFormat.XLSX),
        ("gaps.csv", OutputFormat.CSV),
        ("gaps.md", OutputFormat.MARKDOWN),
    ],
)
def test_extension_chooses_the_format(name: str, expected: OutputFormat) -> None:
    assert choose_format("gap", None, name, tty=False) is expected
