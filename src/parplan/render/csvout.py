"""CSV output: one file for all sheets, safe to open in Excel (no formula runs from plan text)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from parplan.vocab.document import Cell, Options, Report, UnsupportedFormat, sheets_of


def render_csv(report: Report, options: Options) -> str:
    """One CSV for all sheets; with a decimal comma the separator is ``;`` as Excel expects."""
    if report.kind == "document":
        raise UnsupportedFormat(f"{report.command} is a document for people: write it as Markdown")
    sheets = sheets_of(report)
    delimiter = ";" if options.decimal_comma else ","
    columns = sheets[0].columns if sheets else ()
    lines = [_csv_row([column.key for column in columns], delimiter)]
    for sheet in sheets:
        for record in sheet.rows:
            cells = [_csv_cell(record.get(column.key), options) for column in columns]
            lines.append(_csv_row(cells, delimiter))
    return ("\ufeff" if options.bom else "") + "".join(lines)


def _csv_row(cells: list[str], delimiter: str) -> str:
    """One row ending in "\n". Python 3.11 leaves a lone "\r" unquoted when rows end in "\n",
    and a reader then splits the row there; the "\r\n" rule quotes it."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerow(cells)
    return buffer.getvalue()[:-2] + "\n"


def _csv_cell(value: Cell, options: Options) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (Decimal, int)):
        return options.number(value)
    if value.startswith(FORMULA_STARTS):
        # Excel runs a cell starting with "=" as a formula: text from a plan file never is one.
        return "'" + value
    return value


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
