"""Writing the ledger as an office keeps it: one row per problem, Chinese headings, colours.

The workbook has up to three sheets: 台账 (the ledger), 台账记录 (one row per history event, when
any entry has history) and a hidden sheet holding what the visible ones cannot show (see
:mod:`inspection_schema_xlsx.hidden`). The bytes depend on the document only: the workbook's
created and modified dates are the document's ``issued_at`` and every zip entry carries the
same timestamp.
"""

from __future__ import annotations

import datetime
import io
import math
import unicodedata
import warnings
import zipfile
from collections.abc import Sequence
from typing import Final

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils.cell import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from inspection_schema.conventions import LedgerTemplate
from inspection_schema.errors import OutputError
from inspection_schema.model import Document, EntryStatus
from inspection_schema.progress import Standing, entry_standing

from . import hidden
from .columns import (
    WIDTHS,
    CellValue,
    FieldColumn,
    Layout,
    cell_text,
    field_columns,
    kept_columns,
    render_event,
    shown,
    shown_field,
    status_as_of,
)
from .headings import HISTORY_COLUMNS, date_zh
from .ledger import ledger_part
from .workspace import EntryWork, Workspace

LEDGER_SHEET: Final = "台账"
HISTORY_SHEET: Final = "台账记录"
DEFAULT_TITLE: Final = "整改台账"
HEADER_ROW: Final = 3
"""The ledger sheet's heading row: below the title and the line naming the unit and date."""
HISTORY_HEADER_ROW: Final = 2

RED: Final = "FFFF9B9B"
YELLOW: Final = "FFFFE699"
BLUE: Final = "FF9BC2E6"
_COLOURS: Final = {Standing.RED: RED, Standing.YELLOW: YELLOW, Standing.BLUE: BLUE}
LEGEND: Final = "状态颜色：红色为逾期未完成，黄色为整改中，蓝色为已完成或已销号"
EXCEL_MAX_TEXT: Final = 32_767
ZIP_TIME: Final = (1980, 1, 1, 0, 0, 0)

_THIN: Final = Side(style="thin", color="FF808080")
_BORDER: Final = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP: Final = Alignment(wrap_text=True, vertical="top")
_CENTRE: Final = Alignment(wrap_text=True, vertical="center", horizontal="center")
_HEADING_FILL: Final = PatternFill(fill_type="solid", fgColor="FFD9D9D9")
_FONT: Final = Font(name="宋体", size=11)
_BOLD: Final = Font(name="宋体", size=11, bold=True)
DATE_FORMAT: Final = 'yyyy"年"m"月"d"日"'
HISTORY_WIDTHS: Final = {
    "entry": 9,
    "date": 15,
    "kind": 11,
    "by": 10,
    "text": 48,
    "status": 16,
    "result": 8,
    "deadline": 15,
    "evidence": 30,
}


LINE_HEIGHT: Final = 14.25
"""Points per line of 11-point 宋体."""
MAX_ROW_HEIGHT: Final = 409.0
"""The tallest row Excel allows."""


def _display_width(text: str) -> int:
    """Columns a line of text takes: two for a Chinese (wide) character, one for others."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _lines(value: CellValue, width: float) -> int:
    """How many lines a wrapped cell of ``width`` characters shows ``value`` on."""
    if not isinstance(value, str) or not value:
        return 1
    usable = max(int(width) - 1, 1)
    return sum(max(1, math.ceil(_display_width(line) / usable)) for line in value.split("\n"))


def _fit_height(sheet: Worksheet, row: int, cells: Sequence[tuple[CellValue, float]]) -> None:
    """Set the row tall enough for its wrapped cells, as Excel's autofit would."""
    lines = max((_lines(value, width) for value, width in cells), default=1)
    if lines > 1:
        sheet.row_dimensions[row].height = min(lines * LINE_HEIGHT + 3, MAX_ROW_HEIGHT)


def status_colour(space: Workspace, work: EntryWork, as_of: datetime.date) -> str | None:
    """红 overdue and not done, 黄 in progress, 蓝 reported done or signed off, as of ``as_of``.

    The core's :func:`~inspection_schema.progress.entry_standing` decides, so the workbook and
    the progress reports agree; a not-started entry that is not overdue is left uncoloured.
    """
    entry = work.build()
    standing = entry_standing(entry, space.responsibility(work), as_of)
    if standing is Standing.YELLOW and status_as_of(work, as_of) is EntryStatus.NOT_STARTED:
        return None
    return _COLOURS[standing]


def title_of(document: Document, template: LedgerTemplate | None) -> str:
    if template is not None:
        return template.title
    return document.title or DEFAULT_TITLE


def info_line(space: Workspace, as_of: datetime.date) -> str:
    issuer = space.name(space.header.issuer)
    return f"填报单位：{issuer}\u3000\u3000截至：{date_zh(as_of)}\u3000\u3000{LEGEND}"


BODY_STYLE: Final = "台账正文"
DATE_STYLE: Final = "台账日期"
HEADING_STYLE: Final = "台账表头"


def _styles(book: Workbook) -> None:
    """The named styles of the workbook's cells (one per kind of cell, as Excel keeps them)."""
    book.add_named_style(NamedStyle(name=BODY_STYLE, font=_FONT, alignment=_WRAP, border=_BORDER))
    book.add_named_style(
        NamedStyle(
            name=DATE_STYLE,
            font=_FONT,
            alignment=_WRAP,
            border=_BORDER,
            number_format=DATE_FORMAT,
        )
    )
    book.add_named_style(
        NamedStyle(
            name=HEADING_STYLE,
            font=_BOLD,
            alignment=_CENTRE,
            border=_BORDER,
            fill=_HEADING_FILL,
        )
    )


def _put(sheet: Worksheet, row: int, column: int, value: CellValue) -> None:
    cell: Cell | MergedCell
    if value is None or value == "":
        cell = sheet.cell(row=row, column=column)
    elif isinstance(value, str):
        if len(value) > EXCEL_MAX_TEXT:  # the document is valid; Excel cannot hold it
            raise OutputError(
                f"{sheet.title}!{get_column_letter(column)}{row}: a cell of {len(value)} "
                f"characters is longer than Excel allows ({EXCEL_MAX_TEXT}) / 单元格 "
                f"{sheet.title}!{get_column_letter(column)}{row} 有 {len(value)} 个字符,"
                f"超过 Excel 上限 {EXCEL_MAX_TEXT}"
            )
        cell = sheet.cell(row=row, column=column, value=value)
        cell.data_type = "s"  # text stays text, even when it starts with "="
    elif isinstance(value, datetime.date):
        cell = sheet.cell(row=row, column=column, value=value)
        cell.style = DATE_STYLE
        return
    else:
        cell = sheet.cell(row=row, column=column, value=value)
    cell.style = BODY_STYLE


def _heading_row(sheet: Worksheet, row: int, headings: Sequence[str], widths: list[float]) -> None:
    for column, (heading, width) in enumerate(zip(headings, widths, strict=True), 1):
        cell = sheet.cell(row=row, column=column, value=heading)
        cell.data_type = "s"
        cell.style = HEADING_STYLE
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = f"A{row + 1}"
    if headings:
        sheet.auto_filter.ref = f"A{row}:{get_column_letter(len(headings))}{row}"
    sheet.print_title_rows = f"{row}:{row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def _banner(sheet: Worksheet, row: int, text: str, width: int, font: Font, height: float) -> None:
    cell = sheet.cell(row=row, column=1, value=text)
    cell.data_type = "s"
    cell.font = font
    cell.alignment = _CENTRE if row == 1 else Alignment(wrap_text=True, vertical="center")
    if width > 1:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    sheet.row_dimensions[row].height = height


def _kept_headings(entries: Sequence[EntryWork]) -> tuple[str, ...]:
    found: dict[str, None] = {}
    for work in entries:
        for heading in kept_columns(work):
            found.setdefault(heading)
    return tuple(found)


def layout_for(
    space: Workspace,
    template: LedgerTemplate | None,
    as_of: datetime.date,
    fields: tuple[FieldColumn, ...] | None = None,
) -> Layout:
    return Layout.of(
        template,
        field_columns() if fields is None else fields,
        _kept_headings(space.entries()),
        as_of,
    )


def write_ledger_sheet(
    sheet: Worksheet, space: Workspace, layout: Layout, title: str
) -> dict[int, EntryWork]:
    """Fill the ledger sheet; the entry of each data row, by row."""
    headings = [
        *(layout.headings[k] for k in layout.keys),
        *(f.heading for f in layout.fields),
        *layout.kept,
    ]
    widths = [
        *(WIDTHS[k] for k in layout.keys),
        *(14.0 for _ in layout.fields),
        *(16.0 for _ in layout.kept),
    ]
    _banner(sheet, 1, title, len(headings), Font(name="宋体", size=16, bold=True), 32)
    _banner(sheet, 2, info_line(space, layout.as_of), len(headings), _FONT, 20)
    _heading_row(sheet, HEADER_ROW, headings, widths)
    rows: dict[int, EntryWork] = {}
    status_column = layout.keys.index("status") + 1 if "status" in layout.keys else 1
    category_column = layout.keys.index("category") + 1 if "category" in layout.keys else None
    run_start, run_text = 0, ""
    row = HEADER_ROW
    for row, work in enumerate(space.entries(), HEADER_ROW + 1):
        rows[row] = work
        kept = kept_columns(work)
        values = [
            *(shown(space, work, key, layout) for key in layout.keys),
            *(shown_field(work, field) for field in layout.fields),
            *(kept.get(heading) for heading in layout.kept),
        ]
        for column, value in enumerate(values, 1):
            _put(sheet, row, column, value)
        _fit_height(sheet, row, list(zip(values, widths, strict=True)))
        colour = status_colour(space, work, layout.as_of)
        if colour is not None:
            sheet.cell(row=row, column=status_column).fill = PatternFill(
                fill_type="solid", fgColor=colour
            )
        if category_column is not None:
            text = cell_text(sheet.cell(row=row, column=category_column).value)
            if text != run_text or not text:
                _merge(sheet, category_column, run_start, row - 1)
                run_start, run_text = row, text
    if category_column is not None:
        _merge(sheet, category_column, run_start, row)
    return rows


def _merge(sheet: Worksheet, column: int, first: int, last: int) -> None:
    """A category spanning several rows is one merged cell, as offices draw it."""
    if first and last > first:
        sheet.merge_cells(start_row=first, start_column=column, end_row=last, end_column=column)


def write_history_sheet(sheet: Worksheet, space: Workspace) -> dict[int, tuple[EntryWork, int]]:
    """Fill the history sheet; the entry and event index of each data row, by row."""
    keys = [key for key, _ in HISTORY_COLUMNS]
    _banner(sheet, 1, "整改台账记录", len(keys), Font(name="宋体", size=14, bold=True), 26)
    _heading_row(
        sheet,
        HISTORY_HEADER_ROW,
        [heading for _, heading in HISTORY_COLUMNS],
        [HISTORY_WIDTHS[key] for key in keys],
    )
    rows: dict[int, tuple[EntryWork, int]] = {}
    row = HISTORY_HEADER_ROW
    for work in space.entries():
        for index, event in enumerate(work.history):
            row += 1
            rows[row] = (work, index)
            values = [render_event(space, work.entry.number, event, key) for key in keys]
            for column, value in enumerate(values, 1):
                _put(sheet, row, column, value)
            _fit_height(
                sheet, row, [(v, HISTORY_WIDTHS[k]) for v, k in zip(values, keys, strict=True)]
            )
    return rows


def write_xlsx(
    document: Document,
    *,
    template: LedgerTemplate | None = None,
    as_of: datetime.date | None = None,
    hidden_sheet: bool = True,
) -> bytes:
    """The Excel ledger of ``document`` (its ledger part, :func:`~.ledger.ledger_part`).

    - ``template``: a region's ledger form (its title, headings and column order); the
      consensus columns of ``domain.md`` §3 by default;
    - ``as_of``: the date statuses and colours are judged on; the date of the document's
      ``issued_at`` by default, so the same document always gives the same workbook;
    - ``hidden_sheet``: whether to add the hidden sheet that makes the workbook read back
      exactly; without it the workbook reads as an office's own ledger.

    Raises :class:`~inspection_schema.errors.SchemaViolationError` for a document without a
    ledger, :class:`~inspection_schema.errors.OutputError` for a text longer than an Excel cell
    holds (naming the cell), ``ValueError`` for a template naming unknown columns.
    """
    part = ledger_part(document)
    day = as_of or part.issued_at.date()
    space = Workspace.of(part)
    layout = layout_for(space, template, day)
    book = Workbook()
    _styles(book)
    ledger = book.active
    assert isinstance(ledger, Worksheet)
    ledger.title = LEDGER_SHEET
    title = title_of(part, template)
    rows = write_ledger_sheet(ledger, space, layout, title)
    events: dict[int, tuple[EntryWork, int]] = {}
    has_history = any(work.history for work in space.entries())
    if has_history:
        events = write_history_sheet(book.create_sheet(HISTORY_SHEET), space)
    if hidden_sheet:
        hidden.write(
            book.create_sheet(hidden.SHEET),
            hidden.Meta(
                ledger_sheet=LEDGER_SHEET,
                history_sheet=HISTORY_SHEET if has_history else None,
                as_of=day,
                columns=tuple((key, layout.headings[key]) for key in layout.keys),
                title=title,
                info=info_line(space, day),
            ),
            space,
            layout,
            rows,
            events,
        )
    _properties(book, part)
    return _save(book)


def _properties(book: Workbook, document: Document) -> None:
    try:
        made = document.issued_at.astimezone(datetime.UTC).replace(tzinfo=None)
    except OverflowError:  # issued in the first hours of year 1, east of Greenwich
        made = document.issued_at.replace(tzinfo=None)
    properties = book.properties
    properties.creator = "inspection-schema-xlsx"
    properties.lastModifiedBy = None
    properties.created = made
    properties.modified = made
    properties.title = document.title
    properties.identifier = document.id


def _save(book: Workbook) -> bytes:
    """The workbook's bytes, with every zip entry dated 1980-01-01 so that they repeat."""
    first = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        archive = zipfile.ZipFile(first, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        ExcelWriter(book, archive).save()  # closes the archive; unlike save(), keeps modified
    out = io.BytesIO()
    with (
        zipfile.ZipFile(first) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, source.read(info))
    return out.getvalue()
