"""A worksheet as the reader sees it: values by cell (merged ranges filled), heading rows found.

Offices put a title and a few lines above the table, sometimes headings on two rows under a
merged group heading (责任单位 over 牵头部门 and 配合部门), section rows across the table
(一、政治建设方面) and notes below it (填报人:…). :func:`find_header` finds the heading row by
recognising headings; :func:`classify` sorts the rows below it.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from typing import Final

from attrs import define, field, frozen
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles.numbers import is_datetime
from openpyxl.utils.datetime import CALENDAR_MAC_1904, WINDOWS_EPOCH
from openpyxl.worksheet.worksheet import Worksheet

from .columns import cell_text
from .headings import CellProblem, match_heading
from .issues import unreadable
from .options import Limits
from .rawcells import LAST_SERIAL, NO_RAW, RawCells

_SCAN_ROWS: Final = 30
"""How far down the heading row is looked for."""
_FOOTER: Final = re.compile(
    r"^\s*(?:注|备注|说明|填报人|填表人|审核人|审核|联系人|联系电话|负责人|单位负责人|主要负责人"
    r"|分管领导签字|合计|总计|小计)\s*[0-9一二三四五六七八九十]*\s*[:：、]?"
)

Value = str | int | float | bool | datetime.datetime | datetime.date | datetime.time


@define
class Grid:
    """The non-empty values of a sheet; each cell of a merged range holds the range's value."""

    name: str
    values: dict[tuple[int, int], Value]
    ranges: dict[tuple[int, int], tuple[int, int, int, int]]
    """Cell → (first row, first column, last row, last column) of the merged range it is in."""
    max_row: int
    max_column: int
    problems: dict[tuple[int, int], CellProblem] = field(factory=dict)
    """Cells whose content cannot be read (a formula never calculated, a date that is none);
    each holds what it shows instead (the formula, the number) for the rest of the reading."""

    def value(self, row: int, column: int) -> Value | None:
        return self.values.get((row, column))

    def text(self, row: int, column: int) -> str:
        return cell_text(self.values.get((row, column)))

    def row_texts(self, row: int) -> list[str]:
        """The distinct texts of a row, left to right (a merged range counts once), as written;
        texts of spaces only are left out."""
        found: list[str] = []
        for column in range(1, self.max_column + 1):
            text = self.text(row, column)
            if text.strip() and text not in found:
                found.append(text)
        return found

    def across(self, row: int, column: int) -> bool:
        """Whether the cell is part of a range merged across several columns."""
        found = self.ranges.get((row, column))
        return found is not None and found[3] > found[1]

    def down_from_above(self, row: int, column: int) -> bool:
        """Whether the cell continues a range merged down from the row above."""
        found = self.ranges.get((row, column))
        return found is not None and found[0] < row


def grid_of(sheet: Worksheet, limits: Limits, raw_cells: RawCells | None = None) -> Grid:
    """The sheet's values; ``raw_cells`` gives what openpyxl does not keep (formulas never
    calculated, numbers read as dates)."""
    values: dict[tuple[int, int], Value] = {}
    problems: dict[tuple[int, int], CellProblem] = {}
    epoch = sheet.parent.epoch if sheet.parent is not None else WINDOWS_EPOCH
    raw = NO_RAW
    if raw_cells is not None:
        doubtful = any(_doubtful_date(cell, epoch) for cell in sheet._cells.values())
        raw = raw_cells.sheet(sheet.title, doubtful)
    for (row, column), cell in sheet._cells.items():
        value = cell.value
        number = raw.numbers.get((row, column))
        if number is not None and (
            isinstance(value, datetime.date | datetime.time)
            or (cell.data_type == "e" and value == "#VALUE!")
        ):
            value, problem = _serial(value, number, cell.number_format, epoch)
            if problem is not None:
                problems[(row, column)] = problem
        if value is None or value == "":
            continue
        if cell.data_type == "e" and (row, column) not in problems:
            problems[(row, column)] = _error_value(str(value))
        if not isinstance(value, str | int | float | datetime.date | datetime.time):
            value = str(value)  # rich text, formulas kept as formulas, durations: as text
        values[(row, column)] = value
    for place, formula in raw.formulas.items():
        if place in values or isinstance(sheet._cells.get(place), MergedCell):
            continue  # a value after all; or a cell a merged range covers, which Excel drops
        values[place] = formula
        problems[place] = _uncalculated(formula)
    max_row = max((r for r, _ in values), default=0)
    max_column = max((c for _, c in values), default=0)
    ranges: dict[tuple[int, int], tuple[int, int, int, int]] = {}
    filled = len(values)
    for merged in sheet.merged_cells.ranges:
        first_row, first_column = merged.min_row, merged.min_col
        last_row, last_column = min(merged.max_row, max_row), min(merged.max_col, max_column)
        if first_row > last_row or first_column > last_column:
            continue
        filled += (last_row - first_row + 1) * (last_column - first_column + 1)
        if filled > limits.max_cells:
            unreadable(
                "XL002",
                f"the merged cells of sheet {sheet.title!r} cover more than {limits.max_cells} "
                "cells",
                f"工作表“{sheet.title}”的合并单元格超过 {limits.max_cells} 个",
            )
        bounds = (first_row, first_column, last_row, last_column)
        top = values.get((first_row, first_column))
        for row in range(first_row, last_row + 1):
            for column in range(first_column, last_column + 1):
                ranges[(row, column)] = bounds
                if top is not None:
                    values[(row, column)] = top
    return Grid(sheet.title, values, ranges, max_row, max_column, problems)


def _doubtful_date(cell: Cell | MergedCell, epoch: datetime.datetime) -> bool:
    """Whether openpyxl may have read as a date or time a number that is none (see
    :func:`_serial`)."""
    value = cell.value
    if isinstance(value, datetime.datetime):
        return value < epoch  # a negative number
    if isinstance(value, datetime.time):  # a number from 0 to 1
        return is_datetime(cell.number_format) in ("date", "datetime")
    return cell.data_type == "e" and value == "#VALUE!"


def _error_value(shown: str) -> CellProblem:
    """An error value (``#N/A``, ``#DIV/0!``...): what a formula computed, or typed in as such;
    never a value of the ledger."""
    return CellProblem(
        "XL215",
        f"the cell holds the error value {shown}: correct the formula or the value in Excel or WPS",
        f"单元格为错误值 {shown}:请在 Excel 或 WPS 中更正公式或取值",
    )


def _uncalculated(formula: str) -> CellProblem:
    shown = f" ({formula})" if formula != "=" else ""
    shown_zh = f"“{formula}”" if formula != "=" else ""
    return CellProblem(
        "XL214",
        f"a formula without a computed value{shown}: open and save the workbook in Excel or WPS "
        "first, so that its values are stored",
        f"公式{shown_zh}没有计算结果:请先用 Excel 或 WPS 打开并保存工作簿,使其保存计算结果",
    )


def _serial(
    value: object, number: int | float, number_format: str, epoch: datetime.datetime
) -> tuple[Value, CellProblem | None]:
    """A number formatted as a date or time, which openpyxl read as one: what it is.

    Excel's dates are the numbers 1 (1900-01-01) to 2958465 (9999-12-31), in the 1904 date
    system 0 (1904-01-01) to 2957003; a time of day is a number from 0 to 1. Whatever the
    format, openpyxl reads a number below 1 as a time of day, a negative one as a date before
    the first, and one beyond 9999-12-31 as the error ``#VALUE!``.
    """
    mac = epoch == CALENDAR_MAC_1904
    first, last = (0, LAST_SERIAL - 1462) if mac else (1, LAST_SERIAL)
    shows_date = is_datetime(number_format) in ("date", "datetime")
    if 0 <= number < 1 and not shows_date:
        return value if isinstance(value, datetime.time) else number, None  # a time of day
    if mac and 0 <= number < 1:
        return epoch + datetime.timedelta(days=number), None  # openpyxl took it for a time
    if first <= number < last + 1 and not isinstance(value, str):
        return value if isinstance(value, datetime.date | datetime.time) else number, None
    first_day = "1904-01-01" if mac else "1900-01-01"
    return number, CellProblem(
        "XL201",
        f"the cell is formatted as a date but holds the number {cell_text(number)}, which is no "
        f"date: Excel's dates are the numbers {first} ({first_day}) to {last} (9999-12-31)",
        f"单元格为日期格式,但其中的数值 {cell_text(number)} 不是日期:Excel 的日期为数值 "
        f"{first}({first_day})至 {last}(9999-12-31)",
    )


@frozen
class Header:
    """The heading row(s) of a table: headings by column, and the key each is recognised as."""

    first: int
    last: int
    headings: Mapping[int, str]
    keys: Mapping[int, str]
    """Column → key, for recognised headings (the first column of a key wins)."""


def find_header(
    grid: Grid, index: Mapping[str, str], required: frozenset[str], minimum: int
) -> Header | None:
    """The first row, among the top ones, naming the ``required`` keys and ``minimum`` in all.

    When the row holds a heading merged across columns and the row under it names the parts
    (责任单位 over 牵头部门 | 配合部门), the lower headings are taken for those columns.
    """
    for row in range(1, min(grid.max_row, _SCAN_ROWS) + 1):
        headings = {
            c: grid.text(row, c).strip()
            for c in range(1, grid.max_column + 1)
            if grid.text(row, c).strip()
        }
        keys = {match_heading(text, index) for text in headings.values()}
        keys.discard(None)
        if not required <= keys or len(keys) < minimum:
            continue
        last = row
        lower = row + 1
        below: dict[int, str] = {}
        for column in range(1, grid.max_column + 1):
            text = grid.text(lower, column).strip()
            if (
                text
                and grid.across(row, column)
                and not grid.down_from_above(lower, column)
                and match_heading(text, index) is not None
            ):
                below[column] = text
        if below:
            headings.update(below)
            last = lower
        recognised: dict[int, str] = {}
        for column, text in sorted(headings.items()):
            key = match_heading(text, index)
            if key is not None and key not in recognised.values():
                recognised[column] = key
        return Header(first=row, last=last, headings=headings, keys=recognised)
    return None


@frozen
class Rows:
    """The rows of a table: filler lines above it, data rows, section rows and notes below."""

    above: tuple[str, ...]
    """Each line above the heading row, its texts joined by two ideographic spaces."""
    data: tuple[tuple[int, str | None], ...]
    """Data rows, each with the section (一、…方面) it falls under, if any."""
    below: tuple[str, ...]
    """Notes under the table (填报人:…, 注:…)."""


def classify(
    grid: Grid,
    header: Header,
    number_column: int | None,
    problem_column: int,
    known: frozenset[int] = frozenset(),
) -> Rows:
    """Sort the rows under the heading; the ``known`` rows (written by this library) are data."""
    above = tuple(
        "\u3000\u3000".join(texts)
        for row in range(1, header.first)
        if (texts := grid.row_texts(row))
    )
    data: list[tuple[int, str | None]] = []
    below: list[str] = []
    section: str | None = None
    for row in range(header.last + 1, grid.max_row + 1):
        texts = grid.row_texts(row)
        if not texts:
            continue
        if row in known:
            data.append((row, None))
            continue
        problem = grid.text(row, problem_column).strip()
        if _FOOTER.match(texts[0]) and (not problem or problem == texts[0].strip()):
            below.append("\u3000\u3000".join(texts))
            continue
        number = grid.value(row, number_column) if number_column is not None else None
        numbered = isinstance(number, int | float) and not isinstance(number, bool)
        if len(texts) == 1 and not numbered:
            holder = next(c for c in range(1, grid.max_column + 1) if grid.text(row, c) == texts[0])
            if grid.down_from_above(row, holder) and not grid.across(row, holder):
                continue  # only a merged cell running down from the rows above: empty
            if grid.across(row, holder) or not problem:
                section = texts[0].strip()
                continue
        data.append((row, section))
    return Rows(above=above, data=tuple(data), below=tuple(below))
