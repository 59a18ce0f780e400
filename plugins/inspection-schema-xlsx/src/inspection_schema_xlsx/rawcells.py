"""What openpyxl does not keep of a cell, read from the worksheet's XML.

openpyxl, reading cached values (``data_only``), gives nothing for a formula that was never
calculated (openpyxl itself writes formulas without values), and the text ``#VALUE!`` for a
number formatted as a date that no date can be (beyond 9999-12-31); a negative one it reads as a
date before 1900. So that none of these is silently lost or misread, a worksheet part the reader
reads is streamed once more when it holds a formula or a doubtful date, and the cells that need
it are noted: formulas without a computed value, and numbers that may be no Excel date.

The part has been checked before (:mod:`~inspection_schema_xlsx.safety`): it is within the
limits and declares no document type, so the standard parser expands nothing.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Mapping
from typing import Final
from xml.etree.ElementTree import Element, iterparse

from attrs import define, field, frozen
from openpyxl.workbook.workbook import Workbook

from .issues import unreadable

LAST_SERIAL: Final = 2_958_465
"""The Excel serial number of 9999-12-31 (1900 date system), its last date."""
_LAST_SERIAL_1904: Final = 2_957_003
_COORDINATE: Final = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")


@frozen
class RawSheet:
    """The cells of one worksheet whose value openpyxl gives wrongly or not at all."""

    formulas: Mapping[tuple[int, int], str] = field(factory=dict)
    """(row, column) → the formula (``=SUM(A1:A3)``; ``=`` for a shared one) of each formula
    cell that holds no computed value."""
    numbers: Mapping[tuple[int, int], int | float] = field(factory=dict)
    """(row, column) → the number of each number cell below 1 or beyond the last Excel date:
    what the cell holds, should openpyxl have read it as a date."""


NO_RAW: Final = RawSheet()


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _number(text: str) -> int | float | None:
    try:
        number = float(text)
    except ValueError:
        return None
    if not math.isfinite(number):
        return None
    if number.is_integer() and re.fullmatch(r"[+-]?[0-9]+", text.strip()):
        return int(text)
    return number


def _place(text: str | None, row: int, column: int) -> tuple[int, int]:
    if text:
        found = _COORDINATE.fullmatch(text.upper())
        if found is not None:
            letters, digits = found.groups()
            number = 0
            for letter in letters:
                number = number * 26 + ord(letter) - ord("A") + 1
            return int(digits), number
    return row, column


def _cell(element: Element, place: tuple[int, int], sheet: _Collecting) -> None:
    formula: Element | None = None
    value: Element | None = None
    for child in element:
        name = _local(child.tag)
        if name == "f":
            formula = child
        elif name == "v":
            value = child
    kind = element.get("t", "n")
    text = value.text if value is not None else None
    # a computed empty text is written as an empty value of type str; a number, a yes/no or
    # an error is never empty
    if formula is not None and (value is None or (not text and kind != "str")):
        sheet.formulas[place] = "=" + (formula.text or "")
        return
    if kind == "n" and text:
        number = _number(text)
        if number is not None and (number < 1 or number > _LAST_SERIAL_1904):
            sheet.numbers[place] = number


@define
class _Collecting:
    formulas: dict[tuple[int, int], str] = field(factory=dict)
    numbers: dict[tuple[int, int], int | float] = field(factory=dict)


def scan_sheet(data: bytes, part: str) -> RawSheet:
    """The formula cells without a value and the out-of-range numbers of one worksheet part."""
    found = _Collecting()
    row = 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open(part) as stream:
        for _, element in iterparse(stream, events=("end",)):
            if not element.tag.endswith("row") or _local(element.tag) != "row":
                continue
            numbered = element.get("r")
            row = int(numbered) if numbered and numbered.isdigit() else row + 1
            column = 0
            for cell in element:
                if _local(cell.tag) == "c":
                    place = _place(cell.get("r"), row, column + 1)
                    column = place[1]
                    _cell(cell, place, found)
            element.clear()  # an empty element stays in the tree: some bytes a row
    return RawSheet(formulas=found.formulas, numbers=found.numbers)


@define
class RawCells:
    """The worksheet parts of a workbook by sheet title, each scanned when first needed: when
    it holds a formula, or a cell openpyxl read as a date that may be none."""

    data: bytes
    parts: dict[str, str]
    """Sheet title → worksheet part."""
    formula_parts: frozenset[str]
    """The parts holding a formula (found by :func:`~.safety.check_archive`)."""
    scanned: dict[str, RawSheet] = field(factory=dict)

    def sheet(self, title: str, dates: bool) -> RawSheet:
        """What openpyxl does not keep of the sheet's cells; ``dates``: whether some cell was
        read as a date that may be a number no date can be."""
        part = self.parts.get(title)
        if part is None or not (dates or part in self.formula_parts):
            return NO_RAW
        if part not in self.scanned:
            try:
                self.scanned[part] = scan_sheet(self.data, part)
            except Exception as exc:  # noqa: BLE001 - openpyxl read the part; this cannot
                unreadable(
                    "XL001",
                    f"the worksheet {title!r} cannot be read: {type(exc).__name__}: {exc}",
                    f"无法读取工作表“{title}”:{type(exc).__name__}: {exc}",
                )
        return self.scanned[part]


def sheet_parts(book: Workbook, targets: list[str]) -> dict[str, str]:
    """Sheet title → worksheet part, the parts in the order openpyxl made the sheets."""
    if len(targets) != len(book.sheetnames):
        return {}
    return dict(zip(book.sheetnames, targets, strict=True))
