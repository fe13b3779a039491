"""JSON output: exact numbers (``9.4``, never ``9.4000000001``), one document per command."""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal
from typing import assert_never

from parplan.vocab.document import Options, Report, UnsupportedFormat, fmt, sheet_rows


def to_json(value: object, indent: int = 2, _level: int = 0) -> str:
    """JSON with Decimals as exact JSON numbers (``9.4``, never ``9.4000000001``)."""
    pad = " " * (indent * (_level + 1))
    end = " " * (indent * _level)
    if isinstance(value, Decimal):
        return fmt(value)
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        items = (
            f"{pad}{json.dumps(str(k), ensure_ascii=False)}: {to_json(v, indent, _level + 1)}"
            for k, v in value.items()
        )
        return "{\n" + ",\n".join(items) + "\n" + end + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        items = (pad + to_json(v, indent, _level + 1) for v in value)
        return "[\n" + ",\n".join(items) + "\n" + end + "]"
    return json.dumps(value, ensure_ascii=False, default=str)


def render_json(report: Report, options: Options) -> str:
    if report.kind == "findings":
        return to_json({"valid": report.valid, "problems": sheet_rows((report.sheet,))}) + "\n"
    if report.kind == "tables":
        document: dict[str, object] = {
            "command": report.command,
            **report.meta,
            "rows": sheet_rows(report.sheets),
        }
        return to_json(document) + "\n"
    if report.kind == "document":
        raise UnsupportedFormat(f"{report.command} is a document for people: write it as Markdown")
    assert_never(report)
