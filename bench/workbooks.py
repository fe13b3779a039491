"""Time reading 130 returned unit workbooks (issue 20 item 3): openpyxl read-only, openpyxl's full
load and python-calamine, each in a new process, against the trivial typer app of ``floor.py``.

The workbooks are SYNTHETIC: generated here, one per made-up unit, 150 criterion rows of id,
name, max, self score, applicable, evidence and appraised score, numbers shown with two places,
as a unit returns its self-assessment sheet. The goal: reading all 130 within 30x the floor.

Each reader must also give the number format of a cell (a ``98%`` cell holds 0.98): the script
checks which can, on a cell formatted ``0%``. python-calamine is optional (not a dependency of
parplan); without it its line says so.

    python bench/workbooks.py              # 130 workbooks, median of 3 runs each
    python bench/workbooks.py --units 20 --runs 1
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
FLOOR = HERE / "floor.py"
GOAL = 30.0
SHEET = "Tự chấm"
ROWS = 150
HEADERS = ["Mã tiêu chí (criterion)", "Tên (name)", "Tối đa (max)", "Tự chấm (self)"]
HEADERS += ["Áp dụng (applicable)", "Tài liệu kiểm chứng (evidence)", "Thẩm định (appraised)"]

READERS = {
    "openpyxl read-only (parplan.reading.cells)": """
from pathlib import Path
from parplan.reading.cells import open_book, number
for path in sorted(Path(FOLDER).glob("*.xlsx")):
    with open_book(path, path.name) as book:
        for _row, cells in book.rows(SHEET, min_row=2):
            for cell in cells:
                if cell.column == 4:
                    number(cell)
""",
    "openpyxl full load": """
from pathlib import Path
from openpyxl import load_workbook
for path in sorted(Path(FOLDER).glob("*.xlsx")):
    sheet = load_workbook(path)[SHEET]
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.value, cell.number_format
""",
    "python-calamine": """
from pathlib import Path
from python_calamine import CalamineWorkbook
for path in sorted(Path(FOLDER).glob("*.xlsx")):
    with CalamineWorkbook.from_path(str(path)) as book:
        book.get_sheet_by_name(SHEET).to_python()
""",
}


def write_workbooks(folder: Path, units: int) -> None:
    """``units`` synthetic workbooks; the first unit's D2 is a ``98%`` cell, for the format check."""
    from openpyxl import Workbook

    for n in range(units):
        book = Workbook()
        sheet = book.active
        sheet.title = SHEET
        sheet.append(HEADERS)
        for row in range(ROWS):
            sheet.append([f"{row // 20 + 1}.{row % 20 + 1}", f"Tiêu chí giả định {row}", 1.5, 1.25, "có",
                          f"Văn bản số {row}/QĐ-UBND ngày 01/02/2025", 1.0])  # fmt: skip
            sheet.cell(row=row + 2, column=4).number_format = "0.00"
        if n == 0:
            sheet["D2"] = 0.98
            sheet["D2"].number_format = "0%"
        book.save(folder / f"unit-{n:03d}.xlsx")


def formats_seen(folder: Path) -> dict[str, str]:
    """What each reader says of the ``98%`` cell: its value and, where it can, its format."""
    from parplan.reading.cells import open_book

    path = folder / "unit-000.xlsx"
    seen = {}
    with open_book(path, path.name) as book:
        cell = next(c for _r, cells in book.rows(SHEET, min_row=2) for c in cells if c.column == 4)
        seen["openpyxl"] = f"value {cell.value!r}, number format {cell.number_format!r}"
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:
        seen["python-calamine"] = "not installed"
        return seen
    with CalamineWorkbook.from_path(str(path)) as book:
        value = book.get_sheet_by_name(SHEET).to_python()[1][3]
        methods = sorted(m for m in dir(book.get_sheet_by_name(SHEET)) if not m.startswith("_"))
    seen["python-calamine"] = f"value {value!r}, no number format (a sheet's methods: {', '.join(methods)})"
    return seen


def timed(code: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(code, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--units", type=int, default=130)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        write_workbooks(folder, args.units)
        floor = statistics.median(timed([sys.executable, str(FLOOR)]) for _ in range(args.runs))
        print(json.dumps({"measure": "floor", "seconds": round(floor, 3)}))
        for label, body in READERS.items():
            script = f"FOLDER = {str(folder)!r}\nSHEET = {SHEET!r}\n{body}"
            try:
                seconds = statistics.median(timed([sys.executable, "-c", script]) for _ in range(args.runs))
            except subprocess.CalledProcessError as error:
                print(json.dumps({"measure": label, "error": error.stderr.decode()[-200:]}))
                continue
            ratio = seconds / floor
            line = {"measure": label, "units": args.units, "seconds": round(seconds, 3)}
            print(json.dumps(line | {"x_floor": round(ratio, 1), "goal_met": ratio <= GOAL}))
        for reader, said in formats_seen(folder).items():
            print(json.dumps({"measure": "98% cell", "reader": reader, "reads": said}, ensure_ascii=False))


if __name__ == "__main__":
    main()
