"""Excel workbooks: one sheet per table of a report, as Vietnamese offices expect to receive them.

pandas writes the cells (through openpyxl), then openpyxl finishes the sheet: header row
frozen, numbers as real numbers with four decimals, column widths fitted to the text. Both
are imported at the top of this module, which the dispatcher (:func:`parplan.render.render`) imports only
for a workbook: commands that print text never pay for them.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal

import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter

from parplan.vocab.document import (
    Column,
    Options,
    Record,
    Report,
    Sheet,
    UnsupportedFormat,
    column_text,
    sheets_of,
)

SHEET_NAME_MAX = 31
"""Excel's limit on a sheet name."""
FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
"""Characters Excel refuses in a sheet name."""
DECIMAL_FORMAT = "0.0000"
INTEGER_FORMAT = "0"
WIDTH_MIN, WIDTH_MAX = 6, 60
"""Column widths in characters: wide enough for a number, narrow enough for a long name."""


def sheet_names(sheets: tuple[Sheet, ...]) -> list[str]:
    """Short, legal and distinct names: "PAR INDEX" rather than the whole title."""
    names: list[str] = []
    for sheet in sheets:
        base = sheet.title.split(" — ")[0].strip() or sheet.key
        base = FORBIDDEN.sub("-", base).strip("'")[:SHEET_NAME_MAX] or "sheet"
        name, n = base, 2
        while name.casefold() in (existing.casefold() for existing in names):
            suffix = f" ({n})"
            name = base[: SHEET_NAME_MAX - len(suffix)] + suffix
            n += 1
        names.append(name)
    return names


def _width(value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, Decimal):
        return len(f"{value:.4f}")
    return max((len(line) for line in str(value).splitlines()), default=0)


def _cell(value: object) -> object:
    """A value Excel can store: control characters (a stray backspace in a name) become "\ufffd".

    The XML inside a workbook cannot hold them at all; one bad character must not lose the sheet.
    """
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    return value


def _value(column: Column, record: Record, options: Options) -> object:
    """A cell as a workbook keeps it: numbers as numbers; a word (a status, a level) in the
    reader's language, as the text tables show it."""
    value = record.get(column.key)
    if column.show is not None and not column.numeric and isinstance(value, str):
        return column_text(column, record, options)
    return value


def render_xlsx(report: Report, options: Options) -> bytes:
    """The report's tables as an ``.xlsx`` workbook; unknown values are empty cells."""
    if report.kind == "document":
        raise UnsupportedFormat(f"{report.command} is a document for people: write it as Markdown")
    sheets = sheets_of(report)
    if not sheets and not report.summary:
        raise UnsupportedFormat(f"{report.command} has no tables to put in a workbook")
    if not sheets:
        # Filters that match nothing still give a workbook, saying so, not a missing file.
        buffer = io.BytesIO()
        with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
            pd.DataFrame([[report.summary]], dtype=object).to_excel(
                writer, sheet_name=report.command, index=False, header=False
            )
        return buffer.getvalue()
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for sheet, name in zip(sheets, sheet_names(sheets), strict=True):
            headers = [column.header(options.lang) for column in sheet.columns]
            rows = [
                [_cell(_value(column, record, options)) for column in sheet.columns] for record in sheet.rows
            ]
            frame = pd.DataFrame(rows, columns=pd.Index(headers), dtype=object)
            frame.to_excel(writer, sheet_name=name, index=False)
            # The sheet just written, not looked up by name: openpyxl renames one that clashes
            # in case only with its default "Sheet" ("sheet" becomes "sheet1").
            worksheet = writer.book.worksheets[-1]
            worksheet.freeze_panes = "A2"
            for n, header in enumerate(headers, start=1):
                cells = [row[n - 1] for row in rows]
                for row_number, value in enumerate(cells, start=2):
                    if isinstance(value, str) and value.startswith("="):
                        # Text from a plan file is never a formula (no "=HYPERLINK(...)" tricks).
                        worksheet.cell(row=row_number, column=n).data_type = "s"
                    elif isinstance(value, Decimal):
                        worksheet.cell(row=row_number, column=n).number_format = DECIMAL_FORMAT
                    elif isinstance(value, int) and not isinstance(value, bool):
                        worksheet.cell(row=row_number, column=n).number_format = INTEGER_FORMAT
                width = max(len(header), *(_width(v) for v in cells)) if cells else len(header)
                letter = get_column_letter(n)
                worksheet.column_dimensions[letter].width = min(max(width + 2, WIDTH_MIN), WIDTH_MAX)
    return buffer.getvalue()
