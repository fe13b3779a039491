"""Markdown output: GitHub-flavoured pipe tables, and the report document."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import assert_never

from parplan.vocab.document import (
    Block,
    Column,
    Document,
    Inline,
    Options,
    Record,
    Report,
    Span,
    column_text,
    sheets_of,
)

_MARKUP = re.compile(r"[\\|`*~\[\]<&]|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")
"""What Markdown would read as markup in plan text: a table cell's ``|``, emphasis, code,
links and images (``[…](javascript:…)``), raw HTML and entities. ``_`` inside a word
(``kpi.tasks_completed``) is no emphasis in CommonMark, so it stays as written; nor is a
``>`` that no ``<`` opened (``> 9.25``, a target)."""
_ENTITIES = {"<": "&lt;", "&": "&amp;"}


def _escaped(found: re.Match[str]) -> str:
    char = found.group()
    return _ENTITIES.get(char, "\\" + char)


def md_escape(text: str) -> str:
    """Plan text as literal Markdown, as the HTML report escapes it: no markup of the plan's
    (a name ``<img src=x onerror=…>`` or ``[x](javascript:…)``) renders live in a viewer.
    Every line is one line: a line break would end a table row.
    """
    return _MARKUP.sub(_escaped, text.replace("\n", " "))


def markdown_table(columns: Sequence[Column], rows: Iterable[Record], options: Options) -> str:
    header = "| " + " | ".join(md_escape(c.header(options.lang)) for c in columns) + " |"
    rule = "| " + " | ".join("---:" if c.numeric else "---" for c in columns) + " |"
    lines = [header, rule]
    for record in rows:
        lines.append("| " + " | ".join(md_escape(column_text(c, record, options)) for c in columns) + " |")
    return "\n".join(lines)


def render_markdown(report: Report, options: Options) -> str:
    if report.kind == "document":
        return render_document(report, options)
    parts = []
    for sheet in sheets_of(report):
        parts.append(f"## {md_escape(sheet.title)}\n\n" + markdown_table(sheet.columns, sheet.rows, options))
    if report.summary:
        parts.append(report.summary)
    return "\n\n".join(parts) + "\n"


def _span(span: Span) -> str:
    if span.style == "plain":
        return md_escape(span.text)
    if span.style == "strong":
        return f"**{md_escape(span.text)}**"
    if span.style == "emphasis":
        return f"_{md_escape(span.text)}_"
    if span.style == "code":
        return _code(span.text)
    assert_never(span.style)


def _code(text: str) -> str:
    """A code span that its text cannot close: a fence longer than any run of backticks in it."""
    text = text.replace("\n", " ")
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _inline(spans: Inline) -> str:
    return "".join(_span(span) for span in spans)


def _block(block: Block, options: Options) -> str | None:
    if block.kind == "heading":
        return "#" * block.level + " " + md_escape(block.text)
    if block.kind == "paragraph":
        return _inline(block.spans)
    if block.kind == "bullets":
        return "\n".join("- " + _inline(item) for item in block.items)
    if block.kind == "table":
        return markdown_table(block.columns, block.rows, options)
    if block.kind == "figure":
        return None  # Markdown carries no pictures; the figure's numbers are in its tables
    assert_never(block)


def render_document(document: Document, options: Options) -> str:
    """The report as GitHub-flavoured Markdown: blocks in order, a blank line between."""
    blocks = (*document.blocks, *document.appendix)
    parts = [text for block in blocks if (text := _block(block, options)) is not None]
    return "\n\n".join(parts) + "\n"
