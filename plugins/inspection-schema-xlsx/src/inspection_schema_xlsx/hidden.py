"""The hidden sheet: what the visible sheets cannot show, keyed by the row that shows the rest.

One row per record, the key in column A and the record's JSON (the core's JSON form of the model
objects) in columns B, C… in pieces Excel can hold:

- ``format``: the layout: the sheets' names, the date statuses were judged on, the ledger
  sheet's column keys and headings, its title and the line under it;
- ``document``: the document without its rectifications: header (id, issuer, issued_at,
  classification, title, note, sources, extensions), people, organisations, Party
  organisations, category schemes, external references, reduced inspections with the
  feedback's problems and opinions;
- ``rectification:N``: each rectification without its entries: plan (problem, task and
  responsibility lists), evidence, mechanisms, reports, disclosures;
- ``row:R``: the entry shown in row R of the ledger sheet, without its history: its ids, its
  references, its extension data; with the number and problem text the row showed, so that a
  row moved by an office is still recognised;
- ``event:R``: the history event shown in row R of the history sheet, with its entry's id.

The reader takes these as the record and then reads every visible cell: a cell that still
shows what the record gives leaves it alone, a changed cell is the office's word. A workbook
without this sheet reads as an office's own ledger.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Final

import attrs
import orjson
from attrs import frozen
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from inspection_schema.codecs.json import structure, unstructure
from inspection_schema.errors import SchemaViolationError
from inspection_schema.model import Document, HistoryEvent, LedgerEntry, Rectification

from .columns import Layout, cell_text, render_event, shown
from .issues import CellIssues
from .workspace import EntryWork, Workspace

SHEET: Final = "inspection-schema"
FORMAT: Final = "inspection-schema-xlsx"
VERSION: Final = 1
PIECE: Final = 8_000
"""Characters of JSON per cell: far below Excel's 32,767 even when counted in UTF-16."""
NOTE: Final = (
    "此工作表由 inspection-schema 写入,保存台账中表格无法显示的信息(标识、引用、记录编号等),"
    "请勿编辑。删除此表后台账仍可读取,但各项标识将重新生成。"
)


@frozen(kw_only=True)
class Meta:
    """The ``format`` record: how the visible sheets are laid out."""

    ledger_sheet: str
    history_sheet: str | None
    as_of: datetime.date
    columns: tuple[tuple[str, str], ...]
    title: str
    info: str

    def as_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "ledger_sheet": self.ledger_sheet,
            "history_sheet": self.history_sheet,
            "as_of": self.as_of.isoformat(),
            "columns": [list(pair) for pair in self.columns],
            "title": self.title,
            "info": self.info,
        }


@frozen(kw_only=True)
class RowRecord:
    rect: int
    entry: LedgerEntry
    number: str
    problem: str


@frozen(kw_only=True)
class EventRecord:
    entry: str
    number: str
    event: HistoryEvent


@frozen(kw_only=True)
class Hidden:
    """The hidden sheet, read."""

    meta: Meta
    document: Document
    rectifications: tuple[Rectification, ...]
    rows: Mapping[int, RowRecord]
    events: Mapping[int, EventRecord]


def _dumps(value: Any) -> str:
    return orjson.dumps(value).decode("utf-8")


def write(
    sheet: Worksheet,
    meta: Meta,
    space: Workspace,
    layout: Layout,
    rows: Mapping[int, EntryWork],
    events: Mapping[int, tuple[EntryWork, int]],
) -> None:
    """Fill the hidden sheet for a workbook whose visible rows show ``rows`` and ``events``."""
    sheet.sheet_state = "hidden"
    sheet.protection.sheet = True  # guards against a slip of the hand; no password
    records: list[tuple[str, Any]] = [("format", meta.as_json())]
    records.append(("document", unstructure(space.header)))
    for index, rect in enumerate(space.rects):
        records.append((f"rectification:{index}", unstructure(rect.build())))
    for row, work in rows.items():
        entry = attrs.evolve(work.entry, history=())
        records.append(
            (
                f"row:{row}",
                {
                    "rect": work.rect,
                    "number": cell_text(shown(space, work, "number", layout)),
                    "problem": cell_text(shown(space, work, "problem", layout)),
                    "entry": unstructure(entry),
                },
            )
        )
    for row, (work, index) in events.items():
        event = work.history[index]
        records.append(
            (
                f"event:{row}",
                {
                    "entry": work.entry.id,
                    "number": cell_text(render_event(space, work.entry.number, event, "entry")),
                    "event": unstructure(event),
                },
            )
        )
    cell = sheet.cell(row=1, column=1, value="说明")
    cell = sheet.cell(row=1, column=2, value=NOTE)
    cell.data_type = "s"
    for row, (key, value) in enumerate(records, 2):
        sheet.cell(row=row, column=1, value=key).data_type = "s"
        text = _dumps(value)
        for column, start in enumerate(range(0, len(text), PIECE), 2):
            sheet.cell(row=row, column=column, value=text[start : start + PIECE]).data_type = "s"


def find(book: Workbook) -> Worksheet | None:
    if SHEET not in book.sheetnames:
        return None
    sheet = book[SHEET]
    return sheet if isinstance(sheet, Worksheet) else None


def read(sheet: Worksheet, issues: CellIssues) -> Hidden | None:
    """The hidden sheet's records; a damaged one is reported (never half used)."""
    texts: dict[str, tuple[int, str]] = {}
    last = max((column for _, column in sheet._cells), default=1)
    for (row, column), cell in sorted(sheet._cells.items()):
        if row < 2 or column > 1:
            continue
        key = cell_text(cell.value)
        pieces: list[str] = []
        for more in range(2, last + 1):
            piece = sheet._cells.get((row, more))
            if piece is None or piece.value is None:
                break
            pieces.append(cell_text(piece.value))
        texts[key] = (row, "".join(pieces))
    before = len(issues.issues)
    loaded: dict[str, Any] = {}
    for key, (row, text) in texts.items():
        try:
            loaded[key] = orjson.loads(text)
        except orjson.JSONDecodeError:
            _damaged(
                issues, sheet.title, row, f"record {key!r} is not JSON", f"记录“{key}”不是 JSON"
            )
    if len(issues.issues) > before:
        return None
    meta_json = loaded.get("format")
    if not isinstance(meta_json, dict) or meta_json.get("format") != FORMAT:
        _damaged(issues, sheet.title, 2, "the format record is missing", "缺少格式记录")
        return None
    if meta_json.get("version") != VERSION:
        _damaged(
            issues,
            sheet.title,
            2,
            f"version {meta_json.get('version')!r} of the hidden sheet is not read by this "
            f"plugin (it reads version {VERSION})",
            f"本插件不能读取第 {meta_json.get('version')!r} 版的隐藏工作表(只读第 {VERSION} 版)",
        )
        return None
    try:
        meta = Meta(
            ledger_sheet=str(meta_json["ledger_sheet"]),
            history_sheet=None
            if meta_json["history_sheet"] is None
            else str(meta_json["history_sheet"]),
            as_of=datetime.date.fromisoformat(meta_json["as_of"]),
            columns=tuple((str(k), str(h)) for k, h in meta_json["columns"]),
            title=str(meta_json["title"]),
            info=str(meta_json["info"]),
        )
    except (KeyError, TypeError, ValueError):
        _damaged(issues, sheet.title, 2, "the format record is damaged", "格式记录已损坏")
        return None
    document = _structure(issues, sheet.title, texts, loaded, "document", Document)
    rectifications: list[Rectification] = []
    rows: dict[int, RowRecord] = {}
    events: dict[int, EventRecord] = {}
    for key in loaded:
        kind, _, number = key.partition(":")
        if kind == "rectification":
            found = _structure(issues, sheet.title, texts, loaded, key, Rectification)
            if found is not None:
                rectifications.append(found)
        elif kind == "row" and number.isdigit():
            record = loaded[key]
            entry = _structure_part(
                issues, sheet.title, texts[key][0], record, "entry", LedgerEntry
            )
            if entry is not None and isinstance(record, dict):
                rows[int(number)] = RowRecord(
                    rect=int(record.get("rect", 0)),
                    entry=entry,
                    number=str(record.get("number", "")),
                    problem=str(record.get("problem", "")),
                )
        elif kind == "event" and number.isdigit():
            record = loaded[key]
            event = _structure_part(
                issues, sheet.title, texts[key][0], record, "event", HistoryEvent
            )
            if event is not None and isinstance(record, dict):
                events[int(number)] = EventRecord(
                    entry=str(record.get("entry", "")),
                    number=str(record.get("number", "")),
                    event=event,
                )
    if len(issues.issues) > before or document is None:
        return None
    expected = [f"rectification:{i}" for i in range(len(rectifications))]
    if [k for k in loaded if k.startswith("rectification:")] != expected:
        _damaged(issues, sheet.title, 2, "rectification records are missing", "缺少整改记录")
        return None
    return Hidden(
        meta=meta,
        document=document,
        rectifications=tuple(rectifications),
        rows=rows,
        events=events,
    )


def _damaged(issues: CellIssues, sheet: str, row: int, message: str, message_zh: str) -> None:
    issues.add(
        sheet,
        row,
        1,
        "XL301",
        f"the hidden sheet is damaged: {message}; delete the sheet to read the workbook as an "
        "office's own ledger",
        f"隐藏工作表已损坏:{message_zh};删除该工作表后可按普通台账读取",
    )


def _structure(
    issues: CellIssues,
    sheet: str,
    texts: Mapping[str, tuple[int, str]],
    loaded: Mapping[str, Any],
    key: str,
    cls: type[Any],
) -> Any:
    if key not in loaded:
        _damaged(issues, sheet, 2, f"the {key} record is missing", f"缺少“{key}”记录")
        return None
    try:
        return structure(loaded[key], cls)
    except SchemaViolationError as exc:
        first = exc.issues[0] if exc.issues else None
        where = f" at {first.path}: {first.message}" if first else ""
        _damaged(issues, sheet, texts[key][0], f"record {key!r}{where}", f"记录“{key}”无效{where}")
        return None


def _structure_part(
    issues: CellIssues, sheet: str, row: int, record: Any, part: str, cls: Any
) -> Any:
    if not isinstance(record, dict) or part not in record:
        _damaged(issues, sheet, row, f"a record lacks its {part}", f"记录缺少 {part}")
        return None
    try:
        return structure(record[part], cls)
    except SchemaViolationError as exc:
        first = exc.issues[0] if exc.issues else None
        where = f" at {first.path}: {first.message}" if first else ""
        _damaged(issues, sheet, row, f"a record's {part} is invalid{where}", f"记录无效{where}")
        return None
