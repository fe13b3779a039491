"""Reading workbook cells: a file opened within caps, only the sheets asked for, each cell's value
with its number format.

Every workbook parplan reads (the plan workbook of ``import``, the score sheets units send back to
``units collect``) goes through here, so a cap or a rule about what a cell means is written once.
openpyxl's read-only mode parses a sheet only when it is read: a large sheet nobody asked for
costs nothing. The caps (file size, unpacked size, cells read) refuse a hostile file before it
costs memory, as YAML's caps do. A cell keeps its number format because the format changes the
meaning: ``98%`` is stored as 0.98.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from types import TracebackType
from typing import Any

from parplan.models.plan import MAX_DIGITS_BEFORE_POINT
from parplan.vocab import rules
from parplan.vocab.problems import InputError, Msg, Problem, clip, msg, os_reason, quoted

MAX_BYTES = 16 * 1024 * 1024
"""A workbook file larger than this is refused unread: a plan or a unit's sheet is a few KiB."""
MAX_UNPACKED = 16 * 1024 * 1024
"""The XML a sheet unpacks to, and the shared parts together: a zip bomb stops here. 16 MiB is
above a million cells at their shortest and 100 times a council's sheet of 130 units."""
MAX_CELLS = 1_000_000
"""Cells read (empty ones in a row included) over a workbook: far more than a council's sheet."""
EXCEL_DIGITS = 15
"""Significant digits a double holds exactly: a cell's float is read back through them."""
_PLAIN_DECIMAL = re.compile(r"^[-+]?[0-9]+(\.[0-9]+)?$")
_DECIMAL_COMMA = re.compile(r"^[-+]?[0-9]+,[0-9]+$")
_FORMAT_PLACES = re.compile(r"^0(?:\.(0+))?(%?)$")
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')

Refusal = tuple[str, Msg]
"""A cell's problem before it is placed: its rule code and message."""


@dataclass(frozen=True, slots=True)
class Cell:
    """One filled cell: where it is, what it holds, and the number format it is shown with."""

    sheet: str
    row: int
    column: int
    value: Any
    data_type: str
    number_format: str

    @property
    def coordinate(self) -> str:
        from openpyxl.utils import get_column_letter

        return f"{get_column_letter(self.column)}{self.row}"

    @property
    def place(self) -> str:
        """``PAR!D7``: the sheet and cell, as every workbook problem is placed."""
        return f"{self.sheet}!{self.coordinate}"

    @property
    def percent(self) -> bool:
        """Shown as a percent: Excel stores ``98%`` as 0.98 and shows it times 100."""
        return "%" in _QUOTED.sub("", self.number_format)


def _refused(name: str, code: str, message: Msg) -> InputError:
    return InputError([Problem(name, None, None, None, code, message)])


def _check_file(path: Path, name: str) -> None:
    if not path.exists():
        raise _refused(name, rules.MISSING_FILE, msg("no-file"))
    if path.is_dir():
        raise _refused(name, rules.FOLDER_NOT_FILE, msg("folder-workbook"))
    if path.stat().st_size > MAX_BYTES:
        raise _refused(name, rules.FILE_TOO_LARGE, msg("too-big", mib=MAX_BYTES // (1024 * 1024)))


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The first bytes of an OLE compound file: an Excel 97-2003 ``.xls``, or an encrypted ``.xlsx``
(Office wraps a workbook with a password in one)."""


def _unreadable(name: str, error: BaseException, path: Path | None = None) -> InputError:
    """A workbook that cannot be read, with :func:`_why_unreadable`'s reason."""
    reason = _why_unreadable(error, path)
    return _refused(name, rules.UNREADABLE_WORKBOOK, msg("workbook-unreadable", reason=reason))


def _why_unreadable(error: BaseException, path: Path | None) -> Msg:
    """Why a workbook cannot be read, always in the user's words: the parser's own text
    (zipfile's, openpyxl's, the XML parser's) is English whatever the language, so it is never
    shown. The file's first bytes tell the common causes apart (empty, an .xls or a workbook with
    a password, cut short, no zip at all, a zip of something else); any other is "damaged"."""
    if isinstance(error, OSError) and error.errno is not None:
        return os_reason(error)
    if type(error).__name__ == "InvalidFileException":  # openpyxl's, of the name's extension only
        return msg("workbook-name")
    head = _head(path) if path is not None else None
    if head is None:
        return msg("workbook-damaged")
    if not head:
        return msg("workbook-empty")
    if head.startswith(_OLE):
        return msg("workbook-old-or-locked")
    if not head.startswith(b"PK"):
        return msg("workbook-not-zip")
    names = _zip_names(path) if path is not None else None
    if names is None:
        return msg("workbook-cut-short")  # a zip's head without its central directory
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        return msg("workbook-zip-not-xlsx")
    return msg("workbook-damaged")


def _head(path: Path) -> bytes | None:
    """The file's first bytes, or None when they cannot be read (the reason is then generic)."""
    try:
        with path.open("rb") as file:
            return file.read(len(_OLE))
    except OSError:
        return None


def _zip_names(path: Path) -> list[str] | None:
    """The members' names of a zip file, or None when it is no readable zip."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            return archive.namelist()
    except Exception:  # zipfile raises what its parsing meets: BadZipFile, EOFError, …
        return None


def _check_unpacked(archive: Any, name: str) -> None:
    """Each part (a sheet, the shared strings) within the unpacked cap, and all of them within four
    times it, before openpyxl opens any: loading reads the shared strings and each sheet's head."""
    sizes = [info.file_size for info in archive.infolist()]
    if max(sizes, default=0) > MAX_UNPACKED or sum(sizes) > 4 * MAX_UNPACKED:
        raise _refused(name, rules.FILE_TOO_LARGE, msg("unpacked-big", mib=MAX_UNPACKED // (1024 * 1024)))


class Book:
    """An open workbook: its sheets' names, and the filled cells of a sheet, row by row."""

    def __init__(self, name: str, book: Any) -> None:
        self.name = name
        self._book = book
        self.sheetnames: list[str] = [ws.title for ws in book.worksheets]
        self._cells = 0

    def __enter__(self) -> Book:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._book.close()

    def rows(self, sheet: str, *, min_row: int = 1) -> Iterator[tuple[int, list[Cell]]]:
        """Each row of ``sheet`` from ``min_row`` that has a filled cell: its number and cells.

        A corrupt sheet (openpyxl raises what its parser raises) and the caps end the reading
        with the workbook's problem, placed at the sheet.
        """
        ws = self._book[sheet]
        place = f"{self.name}:{sheet}!A1"
        ws.reset_dimensions()  # a stated size may be wrong, and would cut the rows short
        try:
            yield from self._rows(ws, sheet, min_row)
        except InputError:
            raise
        except Exception as error:  # a corrupt part raises what its parser raises
            raise _unreadable(place, error) from None

    def _rows(self, ws: Any, sheet: str, min_row: int) -> Iterator[tuple[int, list[Cell]]]:
        from openpyxl.cell.read_only import ReadOnlyCell

        for found in ws.iter_rows(min_row=min_row):
            self._cells += len(found)
            if self._cells > MAX_CELLS:
                raise _refused(
                    f"{self.name}:{sheet}!A1", rules.TOO_MANY_VALUES, msg("cells", count=f"{MAX_CELLS:,}")
                )
            cells = [
                Cell(sheet, c.row, c.column, c.value, c.data_type, str(c.number_format or "General"))
                for c in found
                if isinstance(c, ReadOnlyCell) and c.value is not None
            ]
            if cells:
                yield cells[0].row, cells


def open_book(path: Path, name: str) -> Book:
    """The workbook opened for reading, or an :class:`InputError` saying why it cannot be."""
    import zipfile

    from openpyxl import load_workbook

    _check_file(path, name)
    try:
        with zipfile.ZipFile(path) as archive:
            _check_unpacked(archive, name)
        return Book(name, load_workbook(path, read_only=True, data_only=False))
    except InputError:
        raise
    except Exception as error:  # openpyxl raises what its XML parser raises
        raise _unreadable(name, error, path) from None


# --- a cell's value as a kind of value -----------------------------------------------------------


def places(value: Decimal) -> int:
    """Decimal places of ``value``: 2 for 12.50, 0 for 12."""
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _shown_places(number_format: str) -> int:
    shown = _FORMAT_PLACES.match(number_format)
    return len(shown.group(1) or "") if shown else 0


def _trimmed(value: Decimal) -> Decimal:
    """98.00 (0.98 times 100) as 98, 98.50 as 98.5: a percent's digits, without the scaling's."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def _scaled(value: Decimal, cell: Cell, percent: bool) -> tuple[Decimal | None, Refusal | None]:
    """A cell's number, times 100 where it is shown as a percent of a percent value, in the limits."""
    if not value.is_finite():
        return None, (rules.NOT_FINITE, msg("not-finite"))
    if cell.percent:
        value = value * 100
    if value and value.adjusted() >= MAX_DIGITS_BEFORE_POINT:
        shown = str(value) if len(str(value)) <= 40 else f"{value:.3E}"
        return None, (rules.NUMBER_TOO_PRECISE, msg("too-large", value=shown, digits=MAX_DIGITS_BEFORE_POINT))
    if cell.percent:
        value = _trimmed(value)
        if not percent:
            return None, (rules.UNINTENDED_PERCENT, msg("cell-percent", shown=f"{value}%"))
    return value, None


def _float(raw: float, cell: Cell, percent: bool) -> tuple[Decimal | None, Refusal | None]:
    """A float through its 15 significant digits, with the decimal places its format shows."""
    value, problem = _scaled(Decimal(format(raw, f".{EXCEL_DIGITS}g")), cell, percent)
    if value is None:
        return None, problem
    wanted = _shown_places(cell.number_format)
    if places(value) < wanted:  # 12.50 shown with two places stays 12.50
        value = value.quantize(Decimal(1).scaleb(-wanted))
    return value, None


def number(cell: Cell, *, percent: bool = False) -> tuple[Decimal | None, Refusal | None]:
    """A number cell as an exact decimal, or why it is none.

    ``percent`` says the value is a percent: a cell shown as ``98%`` (0.98) is then 98; elsewhere
    a percent-formatted cell is refused, since 0.98 is not what the analyst saw.
    """
    raw = cell.value
    if isinstance(raw, bool):
        return None, (rules.CELL_NOT_A_NUMBER, msg("cell-bool", expected=msg("kind-float")))
    if isinstance(raw, int):
        return _scaled(Decimal(raw), cell, percent)
    if isinstance(raw, float):
        return _float(raw, cell, percent)
    if isinstance(raw, str):
        text = raw.strip()
        if _PLAIN_DECIMAL.match(text):
            return Decimal(text), None
        if _DECIMAL_COMMA.match(text):
            point = text.replace(",", ".")
            return None, (rules.CELL_NOT_A_NUMBER, msg("cell-comma", got=quoted(clip(raw)), point=point))
        return None, (rules.CELL_NOT_A_NUMBER, msg("cell-number", got=quoted(clip(raw))))
    return None, (rules.CELL_NOT_A_NUMBER, msg("cell-number", got=quoted(clip(str(raw)))))


def whole(raw: Any) -> tuple[Any, Refusal | None]:
    """A whole number (a year, a rank target); a float only when it is one."""
    if isinstance(raw, float) and raw.is_integer():
        return int(raw), None
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw, None
    if isinstance(raw, str) and raw.strip().isdecimal() and len(raw.strip()) < 6:
        return int(raw.strip()), None
    return None, (rules.CELL_NOT_A_NUMBER, msg("cell-whole", got=quoted(clip(str(raw)))))


def text(raw: Any) -> Any:
    """A cell as text: a number as its digits, a date as ISO; a boolean is left for the model."""
    if isinstance(raw, bool):
        return raw  # the model says it is no text
    if isinstance(raw, float):
        return format(Decimal(format(raw, f".{EXCEL_DIGITS}g")), "f")
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat() if raw.time() == dt.time() else raw.isoformat()
    return str(raw) if isinstance(raw, (int, dt.date)) else raw


def formula_or_error(cell: Cell) -> Refusal | None:
    """A formula (its cached value is not what parplan keeps) or an Excel error, refused."""
    raw = cell.value
    if cell.data_type == "f" or (isinstance(raw, str) and raw.startswith("=") and cell.data_type != "s"):
        return rules.CELL_WITH_FORMULA, msg("cell-formula", formula=quoted(clip(str(raw))))
    if cell.data_type == "e":
        return rules.UNREADABLE_CELL, msg("cell-error", value=str(raw))
    return None


__all__ = [
    "MAX_BYTES",
    "MAX_CELLS",
    "MAX_UNPACKED",
    "Book",
    "Cell",
    "Refusal",
    "formula_or_error",
    "number",
    "open_book",
    "places",
    "text",
    "whole",
]
