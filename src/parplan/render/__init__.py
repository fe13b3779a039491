"""The renderers: one function per output format, and the dispatcher that picks it.

A renderer turns a :data:`~parplan.vocab.document.Report` into text or bytes; nothing here
computes, reads plan files or knows about typer. Heavy libraries (rich, openpyxl, pandas)
are imported inside the renderer that needs them, so text, CSV and JSON output stay light.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Literal, assert_never, overload

from parplan.render.csvout import render_csv
from parplan.render.github import render_github
from parplan.render.jsonout import render_json
from parplan.render.markdown import render_markdown
from parplan.render.text import render_table, render_text
from parplan.vocab.document import Document, OutputFormat, Report, Tables
from parplan.vocab.document import Options as Options
from parplan.vocab.document import UnsupportedFormat as UnsupportedFormat

TextFormat = Literal[
    OutputFormat.TABLE,
    OutputFormat.TEXT,
    OutputFormat.MARKDOWN,
    OutputFormat.CSV,
    OutputFormat.JSON,
    OutputFormat.HTML,
    OutputFormat.GITHUB,
]
BinaryFormat = Literal[OutputFormat.XLSX, OutputFormat.DOCX]
OfficeFormat = Literal[OutputFormat.DOCX, OutputFormat.HTML]


TEXT_RENDERERS: Mapping[OutputFormat, Callable[[Report, Options], str]] = {
    OutputFormat.TABLE: render_table,
    OutputFormat.TEXT: render_text,
    OutputFormat.MARKDOWN: render_markdown,
    OutputFormat.CSV: render_csv,
    OutputFormat.JSON: render_json,
}
"""The light renderers: any report, as text, with nothing heavy to import."""


def _for_an_office(report: Report) -> Tables | Document:
    """Word and HTML are documents for an office: a list of problems is for text, JSON or a workbook."""
    if report.kind == "findings":
        raise UnsupportedFormat(f"{report.command} lists problems: write them as text, JSON or a workbook")
    return report


def _office_renderer(output_format: OfficeFormat) -> Callable[[Tables | Document, Options], str | bytes]:
    """Word's or HTML's renderer, imported only when asked for (python-docx is heavy)."""
    if output_format is OutputFormat.DOCX:
        from parplan.render.docx import render_docx

        return render_docx
    from parplan.render.html import render_html

    return render_html


@overload
def render(report: Report, output_format: TextFormat, options: Options) -> str: ...
@overload
def render(report: Report, output_format: BinaryFormat, options: Options) -> bytes: ...
@overload
def render(report: Report, output_format: OutputFormat, options: Options) -> str | bytes: ...


def render(report: Report, output_format: OutputFormat, options: Options) -> str | bytes:
    """Render a report in a format; every member of the enum is handled (checked by mypy).

    Text formats give ``str``; binary ones (:data:`~parplan.vocab.document.BINARY`) give ``bytes``.
    A format that does not suit the report raises :class:`UnsupportedFormat`.
    """
    match output_format:
        case (
            OutputFormat.TABLE
            | OutputFormat.TEXT
            | OutputFormat.MARKDOWN
            | OutputFormat.CSV
            | OutputFormat.JSON
        ):
            return TEXT_RENDERERS[output_format](report, options)
        case OutputFormat.GITHUB:
            return render_github(report)
        case OutputFormat.XLSX:
            from parplan.render.xlsx import render_xlsx

            return render_xlsx(report, options)
        case OutputFormat.DOCX | OutputFormat.HTML:
            return _office_renderer(output_format)(_for_an_office(report), options)
        case _:
            assert_never(output_format)
