"""Cells as text: how one value of a table shows, the same in every text format."""

from __future__ import annotations

from decimal import Decimal

from parplan.document import UNKNOWN, Cell, Column, Options, Record


def cell_text(value: Cell, options: Options) -> str:
    """A cell as text; unknown shows as an em dash."""
    if value is None:
        return UNKNOWN
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if isinstance(value, (Decimal, int)):
        return options.number(value)
    return value


def column_text(column: Column, record: Record, options: Options) -> str:
    if column.show is not None:
        return column.show(record, options)
    return cell_text(record.get(column.key), options)
