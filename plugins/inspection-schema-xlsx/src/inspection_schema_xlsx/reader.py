"""Reading a ledger workbook: one this library wrote, or an office's own.

The reading runs in phases over a :class:`~inspection_schema_xlsx.workspace.Workspace`:

1. the record: from the hidden sheet when there is one (each ledger row matched to the record
   of the row it was written as, even if the office moved it), else an empty ledger;
2. a snapshot of what every cell showed when the workbook was written (for an office's own
   row: what an empty entry shows), so that a cell is compared with what was written, not with
   the record as another row's edit left it;
3. the ledger rows' columns, group by group (problem, plan task, responsibility, typed
   extensions, unknown columns, remarks): a group whose cells all still show what was written
   keeps the record; otherwise its cells are read;
4. the history sheet, row by row, as the entries' history;
5. the ledger rows' progress, status, sign-off and evidence: a changed cell is a new statement
   appended to the history, dated as the cell says or on the status date;
6. the office's own wording of changed cells, kept beside the values read from them.

Every cell that cannot be read is collected and reported at once, with its place.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from collections.abc import Mapping, Sequence
from typing import Any, Final

import attrs
from attrs import define, field
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from inspection_schema.codecs.json import structure, unstructure
from inspection_schema.errors import SchemaViolationError, Severity
from inspection_schema.integrity import check_integrity
from inspection_schema.model import (
    HISTORY_EVENT_TYPES,
    SCHEMA_VERSION,
    Acceptance,
    Document,
    DocumentKind,
    EntryStatus,
    ExtensionDecision,
    ExtensionRequest,
    HistoryEvent,
    LedgerEntry,
    Measure,
    OrganisationKind,
    ProgressNote,
    Rectification,
    RectificationMode,
    Responsibility,
    SignOff,
    StatusChange,
    Task,
    info,
)

from . import hidden as hidden_sheet
from .cells import parse_date_cell, parse_deadline_cell, parse_field, parse_whole, text_of
from .columns import (
    GROUPS,
    LEDGER_KEYS,
    FieldColumn,
    Layout,
    cell_text,
    event_person,
    event_text,
    field_columns,
    kept_columns,
    render,
    render_event,
    render_field,
    same,
    shown,
    shown_field,
    status_as_of,
    verbatim,
)
from .headings import (
    COLUMNS_NAMESPACE,
    HEADING_SYNONYMS,
    HISTORY_SYNONYMS,
    VERBATIM_NAMESPACE,
    CellProblem,
    find_dates,
    heading_index,
    parse_labels,
    parse_mode,
    parse_sign_off,
    parse_status,
    parse_yes_no,
    split_measures,
    split_names,
    split_progress,
)
from .issues import CellIssues
from .options import ReadOptions
from .rawcells import RawCells
from .safety import open_workbook
from .sheets import Grid, Header, Rows, classify, find_header, grid_of
from .workspace import EntryWork, Workspace

CHINA: Final = datetime.timezone(datetime.timedelta(hours=8))
"""China Standard Time: the offset given to a date an office's ledger states (填报日期)."""

_EVENT_BY_TERM: Final[Mapping[str, type[HistoryEvent]]] = {
    **{cls.TERM: cls for cls in HISTORY_EVENT_TYPES},
    **{cls.KIND: cls for cls in HISTORY_EVENT_TYPES},
}
_NONE_MARKS: Final = frozenset({"/", "／", "—", "——", "-", "无", "暂无"})


def read_xlsx(data: bytes, options: ReadOptions | None = None) -> Document:
    """The ledger document of a workbook (``.xlsx`` bytes).

    A workbook this library wrote reads back as the document it was written from (its ledger
    part), with whatever an office changed in its visible cells; any other workbook is read as
    an office's own ledger (see the README for what is read how).

    Raises :class:`~inspection_schema.errors.UnreadableInputError` for bytes that are no
    workbook, or one beyond the limits of ``options.limits``;
    :class:`~inspection_schema.errors.SchemaViolationError` listing every cell that cannot be
    read, each placed as ``台账!I7`` with its row and column.
    """
    chosen = options or ReadOptions()
    book, raw = open_workbook(data, chosen.limits)
    return _Reading(data, book, raw, chosen).run()


@define
class _Table:
    """One ledger sheet: its cells, heading row, rows and the columns it has."""

    grid: Grid
    header: Header
    rows: Rows
    layout: Layout
    columns: dict[str, int]
    """Column of each ledger key and typed field key the sheet has."""
    kept: dict[str, int]
    """Column of each unknown heading."""


@define
class _Row:
    """A data row being read: its entry, the cells, and what the cells showed when written."""

    table: _Table
    row: int
    work: EntryWork
    fresh: bool
    section: str | None
    snapshot: dict[str, str] = field(factory=dict)
    kept_snapshot: dict[str, str] = field(factory=dict)
    overrides: dict[str, object] = field(factory=dict)
    """What stands for a cell the row does not have (a section's category)."""
    appended_note: str | None = None
    """Id of the progress note the row's 整改进展 added, which new 佐证材料 back."""
    dropped: bool = False
    """Whether the row is no entry (it names no problem)."""
    broken: bool = False
    """Whether a cell of the row could not be read."""
    numbered: bool = False
    """Whether the row's 序号 is the sheet's word (its cell read, or, empty, continuing the row
    above), so that another row's 序号 must not be the same."""

    def cell(self, key: str) -> object:
        column = self.table.columns.get(key)
        return None if column is None else self.table.grid.value(self.row, column)

    def has(self, key: str) -> bool:
        return key in self.table.columns

    def differs(self, key: str) -> bool:
        """Whether the cell no longer shows what was written (always, for an office's row)."""
        if not self.has(key):
            return False
        return self.fresh or cell_text(self.cell(key)) != self.snapshot.get(key, "")


class _Reading:
    def __init__(self, data: bytes, book: Workbook, raw: RawCells, options: ReadOptions) -> None:
        self.data = data
        self.book = book
        self.raw = raw
        self.options = options
        self.issues = CellIssues()
        self.fields = field_columns()
        self.labels: dict[str, str] = {}
        self.notes: list[str] = []
        self.status_date: datetime.date | None = None
        self.recorder_id: str | None = None
        self.edits: dict[tuple[str, str], tuple[str, str]] = {}
        self.stated_date: datetime.date | None = None
        self.rows: list[_Row] = []
        self.positions: dict[int, int] = {}

    # -- the whole ---------------------------------------------------------------------------

    def run(self) -> Document:
        record = None
        found = hidden_sheet.find(self.book)
        if found is not None:
            record = hidden_sheet.read(found, self.issues)
            self.issues.raise_if_any()
        tables = self._tables(record)
        first = tables[0]
        self._lines(tables)
        space, rows = self._record(record, tables)
        self.rows = rows
        self.positions = {id(row): position for position, row in enumerate(rows)}
        self._snapshots(space, rows)
        for row in rows:
            before = len(self.issues.issues)
            row.dropped = not self._apply_ledger(space, row)
            # a row with a problem is not read further: its statements would only repeat it
            row.broken = len(self.issues.issues) > before
        rows = [row for row in rows if not row.dropped]
        self.rows = rows
        self._check_numbers(rows)
        kept = {id(row.work) for row in rows}
        for rect in space.rects:
            rect.entries = [w for w in rect.entries if id(w) in kept]
        self._history(space, record, rows)
        for row in rows:
            if row.broken:
                self._check_statements(row)
            else:
                self._apply_history(space, row)
                self._keep_wording(space, row)
        self._header(space, record, first)
        for index, rect in enumerate(space.rects):
            if not rect.entries:
                self.issues.sheet(
                    first.grid.name,
                    "XL104",
                    f"rectification {index + 1} ({rect.rectification.id}) has no row left",
                    f"第 {index + 1} 项整改({rect.rectification.id})已没有台账行",
                )
        self.issues.raise_if_any()
        document = space.assemble()
        incoherent = [i for i in check_integrity(document) if i.severity is Severity.ERROR]
        if incoherent:  # only a hidden sheet edited by hand gets here
            raise SchemaViolationError(
                "the workbook's hidden sheet does not fit its visible cells; delete the hidden "
                "sheet to read the workbook as an office's own ledger",
                incoherent,
            )
        return document

    # -- the sheets ---------------------------------------------------------------------------

    def _index(self, record: hidden_sheet.Hidden | None) -> dict[str, str]:
        extra: dict[str, str] = {}
        if record is not None:
            extra.update({heading: key for key, heading in record.meta.columns})
        template = self.options.template
        if template is not None:
            extra.update({template.heading(key): key for key in template.columns})
        for column in self.fields:
            extra[column.heading] = column.key
        return heading_index(HEADING_SYNONYMS, extra)

    def _grid(self, sheet: Worksheet) -> Grid:
        return grid_of(sheet, self.options.limits, self.raw)

    def _unreadable(self, grid: Grid) -> None:
        """Report the cells of a sheet being read whose content cannot be read at all."""
        for (row, column), problem in sorted(grid.problems.items()):
            self.issues.unreadable_cell(grid.name, row, column, problem)

    def _visible(self) -> list[Worksheet]:
        sheets: list[Worksheet] = []
        for name in self.book.sheetnames:
            sheet = self.book[name]
            shown_sheet = sheet.sheet_state == "visible" or name == self.options.sheet
            if isinstance(sheet, Worksheet) and name != hidden_sheet.SHEET and shown_sheet:
                sheets.append(sheet)
        return sheets

    def _tables(self, record: hidden_sheet.Hidden | None) -> list[_Table]:
        index = self._index(record)
        candidates = self._visible()
        if self.options.sheet is not None:
            candidates = [s for s in candidates if s.title == self.options.sheet]
            if not candidates:
                self.issues.sheet(
                    self.options.sheet,
                    "XL102",
                    f"the workbook has no sheet {self.options.sheet!r}",
                    f"工作簿中没有工作表“{self.options.sheet}”",
                )
                self.issues.raise_if_any()
        elif record is not None and record.meta.ledger_sheet in {s.title for s in candidates}:
            candidates = [s for s in candidates if s.title == record.meta.ledger_sheet]
        tables: list[_Table] = []
        for sheet in candidates:
            grid = self._grid(sheet)
            header = find_header(grid, index, frozenset({"problem"}), 3)
            if header is None:
                continue
            tables.append(self._table(grid, header, record))
            self._unreadable(grid)
            if record is not None:
                break  # the rows of the hidden sheet are those of one ledger sheet
        if not tables:
            name = candidates[0].title if candidates else self.book.sheetnames[0]
            self.issues.sheet(
                name,
                "XL103",
                "no ledger heading row found: a row naming the problem column (具体问题, 反馈问题, "
                "问题表现, 问题内容…) and at least two other ledger columns",
                "未找到台账表头:表头行须有问题栏(具体问题、反馈问题、问题表现、问题内容等)及至少两个其他台账栏目",
            )
            self.issues.raise_if_any()
        return tables

    def _table(self, grid: Grid, header: Header, record: hidden_sheet.Hidden | None) -> _Table:
        columns = {key: column for column, key in header.keys.items()}
        kept: dict[str, int] = {}
        used = set(header.keys)
        for column in range(1, grid.max_column + 1):
            if column in used:
                continue
            heading = header.headings.get(column, "")
            has_data = any(
                (row, column) in grid.values for row in range(header.last + 1, grid.max_row + 1)
            )
            if not heading and not has_data:
                continue
            heading = heading or f"(第{column}列)"
            while heading in kept:
                heading += "'"
            kept[heading] = column
        keys = tuple(key for key in sorted(columns, key=columns.__getitem__) if key in LEDGER_KEYS)
        as_of = record.meta.as_of if record is not None else datetime.date.min
        layout = Layout(
            keys=keys,
            headings={key: header.headings[columns[key]] for key in keys},
            fields=tuple(f for f in self.fields if f.key in columns),
            kept=tuple(kept),
            as_of=as_of,
        )
        known = frozenset(record.rows) if record is not None else frozenset()
        rows = classify(grid, header, columns.get("number"), columns["problem"], known)
        return _Table(
            grid=grid, header=header, rows=rows, layout=layout, columns=columns, kept=kept
        )

    def _lines(self, tables: Sequence[_Table]) -> None:
        """The lines above and below the tables: unit, date, person; the rest kept as notes."""
        for table in tables:
            for line in (*table.rows.above, *table.rows.below):
                for kind, value in parse_labels(line).items():
                    self.labels.setdefault(kind, value)
        stated = self.labels.get("date")
        if stated is not None:
            try:
                dates, _ = find_dates(stated)
            except CellProblem:
                dates = []
            self.stated_date = dates[0] if dates else None
        self.status_date = self.options.status_date or self.stated_date

    # -- phase 1: the record -------------------------------------------------------------------

    def _record(
        self, record: hidden_sheet.Hidden | None, tables: Sequence[_Table]
    ) -> tuple[Workspace, list[_Row]]:
        if record is None:
            space = self._office_space(tables)
        else:
            space = Workspace(record.document)
            for rectification in record.rectifications:
                space.add_rectification(rectification)
            if self.status_date is None:
                self.status_date = record.meta.as_of
        for table in tables:
            if record is None:
                table.layout = attrs.evolve(table.layout, as_of=self._status_date(space))
        rows: list[_Row] = []
        matched = self._match_rows(record, tables[0]) if record is not None else {}
        events_by_entry: dict[str, list[HistoryEvent]] = {}
        if record is not None:
            for _, event_record in sorted(record.events.items()):
                events_by_entry.setdefault(event_record.entry, []).append(event_record.event)
        rect = 0
        for table in tables:
            for row, section in table.rows.data:
                found = matched.get(row)
                if found is not None:
                    rect = max(0, min(found.rect, len(space.rects) - 1))
                    work = EntryWork(
                        entry=found.entry,
                        history=list(events_by_entry.get(found.entry.id, [])),
                        rect=rect,
                        row=row,
                    )
                    rows.append(_Row(table, row, work, False, section))
                else:
                    rect = self._rect_for_new_row(rows, matched, table, rect)
                    rect = max(0, min(rect, len(space.rects) - 1))
                    blank = LedgerEntry(id=space.new_id("entry"), number=0, problem="")
                    work = EntryWork(entry=blank, history=[], rect=rect, row=row)
                    rows.append(_Row(table, row, work, True, section))
                space.rects[work.rect].entries.append(work)
        return space, rows

    def _rect_for_new_row(
        self,
        rows: Sequence[_Row],
        matched: Mapping[int, hidden_sheet.RowRecord],
        table: _Table,
        rect: int,
    ) -> int:
        """A row an office added belongs with the row above it (or below, at the top)."""
        if rows:
            return rect
        for later, _ in table.rows.data:
            if later in matched:
                return matched[later].rect
        return 0

    def _match_rows(
        self, record: hidden_sheet.Hidden, table: _Table
    ) -> dict[int, hidden_sheet.RowRecord]:
        """Each data row's record: the one written there if the row still shows its number and
        problem; else one written elsewhere that does (a row moved); else the one written
        there if the row still shows either; else none (an office's new row)."""

        def shows(row: int, key: str) -> str | None:
            column = table.columns.get(key)
            return None if column is None else table.grid.text(row, column)

        def fits(row: int, found: hidden_sheet.RowRecord, both: bool) -> bool:
            number, problem = shows(row, "number"), shows(row, "problem")
            same_number = number is None or number == found.number
            same_problem = problem is None or problem == found.problem
            return (same_number and same_problem) if both else (same_number or same_problem)

        data = [row for row, _ in table.rows.data]
        matched: dict[int, hidden_sheet.RowRecord] = {}
        free = dict(record.rows)
        for row in data:
            found = free.get(row)
            if found is not None and fits(row, found, True):
                matched[row] = free.pop(row)

        def written(found: hidden_sheet.RowRecord) -> tuple[str | None, str | None]:
            return (
                found.number if "number" in table.columns else None,
                found.problem if "problem" in table.columns else None,
            )

        elsewhere: dict[tuple[str | None, str | None], list[int]] = {}
        for key in sorted(free):
            elsewhere.setdefault(written(free[key]), []).append(key)
        for row in data:
            if row in matched:
                continue
            for key in elsewhere.get((shows(row, "number"), shows(row, "problem")), []):
                if key in free:
                    matched[row] = free.pop(key)
                    break
        for row in data:
            found = free.get(row)
            if row not in matched and found is not None and fits(row, found, False):
                matched[row] = free.pop(row)
        return matched

    def _office_space(self, tables: Sequence[_Table]) -> Workspace:
        options = self.options
        above = tables[0].rows.above
        title = next((line for line in above if not parse_labels(line)), None)
        for table in tables:
            self.notes.extend(line for line in table.rows.above if line != title)
            self.notes.extend(table.rows.below)
        issued_at = options.issued_at
        if issued_at is None and self.stated_date is not None:
            issued_at = datetime.datetime.combine(self.stated_date, datetime.time(), CHINA)
        if issued_at is None:
            modified = self.book.properties.modified
            if isinstance(modified, datetime.datetime):
                issued_at = modified.replace(tzinfo=datetime.UTC)
        if issued_at is None:
            self.issues.sheet(
                tables[0].grid.name,
                "XL105",
                "the ledger gives no date: add a line 填报日期:2023年12月31日 above the table, or "
                "give ReadOptions(issued_at=…)",
                "台账未载明日期:请在表格上方注明“填报日期:2023年12月31日”,或以 issued_at 选项指定",
            )
            self.issues.raise_if_any()
        assert issued_at is not None
        document_id = options.document_id or (
            "ledger-" + hashlib.sha256(self.data).hexdigest()[:12]
        )
        header = Document(
            schema_version=SCHEMA_VERSION,
            id=document_id,
            kind=DocumentKind.RECTIFICATION_LEDGER,
            issuer="",
            issued_at=issued_at,
            classification=options.classification,
            title=title,
        )
        space = Workspace(header)
        inspection = space.external_reference(
            "inspection", "Inspection", options.feedback_document, title
        )
        space.reserve("rectification")
        space.add_rectification(Rectification(id="rectification", inspection=inspection))
        return space

    def _status_date(self, space: Workspace) -> datetime.date:
        if self.status_date is None:
            self.status_date = space.header.issued_at.date()
        return self.status_date

    # -- phase 2: what was written --------------------------------------------------------------

    def _snapshots(self, space: Workspace, rows: Sequence[_Row]) -> None:
        for row in rows:
            layout = row.table.layout
            for key in layout.keys:
                row.snapshot[key] = cell_text(shown(space, row.work, key, layout))
            for column in layout.fields:
                row.snapshot[column.key] = cell_text(shown_field(row.work, column))
            row.kept_snapshot = kept_columns(row.work)

    # -- phase 3: the ledger columns ------------------------------------------------------------

    def _problem(self, row: _Row, key: str, problem: CellProblem) -> None:
        column = row.table.columns[key]
        self.issues.problem(row.table.grid.name, row.row, column, problem)

    def _issue(self, row: _Row, key: str, code: str, message: str, message_zh: str) -> None:
        column = row.table.columns.get(key, 1)
        self.issues.add(row.table.grid.name, row.row, column, code, message, message_zh)

    def _edit(self, row: _Row, key: str, target: tuple[str, str], value: str) -> bool:
        """Record an edit of a shared object; two rows editing it differently is a problem."""
        previous = self.edits.get(target)
        if previous is not None and previous[0] != value:
            self._issue(
                row,
                key,
                "XL220",
                f"this row and row {previous[1]} change {target[1]} differently",
                f"此行与第 {previous[1]} 行对 {target[1]} 的修改不一致",
            )
            return False
        self.edits[target] = (value, str(row.row))
        return True

    def _apply_ledger(self, space: Workspace, row: _Row) -> bool:
        if not self._apply_problem(space, row):
            return False
        self._apply_number(row)
        self._apply_task(space, row)
        self._apply_responsibility(space, row)
        self._apply_fields(row)
        self._apply_kept(row)
        self._apply_remarks(row)
        return True

    def _apply_number(self, row: _Row) -> None:
        work = row.work
        if not row.has("number"):
            if row.fresh:
                work.entry = attrs.evolve(work.entry, number=self._next_number(row))
            return
        if not row.differs("number"):
            return
        value = row.cell("number")
        if cell_text(value).strip() == "":
            work.entry = attrs.evolve(work.entry, number=self._next_number(row))
            row.numbered = True
            return
        try:
            number = parse_whole(value)
        except CellProblem as problem:
            self._problem(row, "number", problem)
            return
        if number < 1:
            self._issue(
                row,
                "number",
                "XL207",
                f"a 序号 is a positive whole number: {number} is not",
                f"序号应为正整数,{number} 不是",
            )
            return
        work.entry = attrs.evolve(work.entry, number=number)
        row.numbered = True

    def _check_numbers(self, rows: Sequence[_Row]) -> None:
        """A 序号 the sheet gives is not another row's of the same sheet.

        Of rows numbered alike, the first one the hidden sheet keeps numbered as it was holds
        the number, else the first with the number written, else the first; the others are
        reported (a row whose empty 序号 continued the row above, at its empty cell)."""
        groups: dict[tuple[int, int], list[_Row]] = {}
        for row in rows:
            groups.setdefault((id(row.table), row.work.entry.number), []).append(row)
        for group in groups.values():
            if len(group) < 2 or not any(row.numbered for row in group):
                continue
            kept = [row for row in group if not row.numbered]
            written = [row for row in group if _shows(row, "number")]
            owner = (kept or written or group)[0]
            for row in group:
                if not row.numbered or row is owner:
                    continue
                number = row.work.entry.number
                others = "、".join(str(other.row) for other in group if other is not row)
                if _shows(row, "number"):
                    said = f"the 序号 {number} is also that of row {others}"
                    said_zh = f"序号 {number} 与第 {others} 行重复"
                else:
                    said = (
                        f"the empty 序号 continues the row above as {number}, which is also that "
                        f"of row {others}"
                    )
                    said_zh = f"序号为空,按上一行顺延为 {number},与第 {others} 行重复"
                self._issue(
                    row,
                    "number",
                    "XL213",
                    f"{said}: each row of a ledger sheet has its own 序号",
                    f"{said_zh}:同一台账中每行的序号应各不相同",
                )

    def _next_number(self, row: _Row) -> int:
        """An empty 序号 continues from the row above."""
        position = self.positions[id(row)]
        return self.rows[position - 1].work.entry.number + 1 if position > 0 else 1

    def _apply_problem(self, space: Workspace, row: _Row) -> bool:
        work = row.work
        if row.differs("problem") or row.fresh:
            try:
                text = text_of(row.cell("problem"))
            except CellProblem as problem:
                self._problem(row, "problem", problem)
                return False
            if not text.strip():
                self._issue(
                    row,
                    "problem",
                    "XL210",
                    "the problem cell is empty: every ledger row answers a problem",
                    "具体问题为空:台账每行须对应一个问题",
                )
                return False
            found = space.find_problems(text)
            if found:
                work.entry = attrs.evolve(work.entry, problem=found[0])
            elif not row.fresh:
                if self._edit(row, "problem", ("text", work.entry.problem), text):
                    space.set_problem_text(work.entry.problem, text)
            else:
                ident = space.new_id("problem")
                space.external_reference(ident, "Problem", self.options.feedback_document, text)
                work.entry = attrs.evolve(work.entry, problem=ident)
        category = row.has("category") and (row.differs("category") or row.fresh)
        section = row.section if row.fresh else None
        if category or section is not None:
            label = cell_text(row.cell("category")).strip() if row.has("category") else ""
            if section is not None and not label:
                # a section row (一、…方面) is the category of the rows under it
                label = section
                row.overrides["category"] = section
            elif section is not None:
                kept = dict(row.kept_snapshot)
                kept.setdefault("(分组行)", section)
                self._set_extension(work, COLUMNS_NAMESPACE, kept)
            self._set_category(space, row, label)
        return True

    def _set_category(self, space: Workspace, row: _Row, label: str) -> None:
        ident = row.work.entry.problem
        problem = space.problems.get(ident)
        if problem is None:
            return  # an external problem: the wording is kept beside the entry
        if not label:
            new = attrs.evolve(problem, category=None)
        else:
            scheme = problem.category.scheme if problem.category else None
            category = space.find_category(label, scheme)
            new = problem if category is None else attrs.evolve(problem, category=category)
        if new != problem and self._edit(row, "category", ("category", ident), label):
            space.problems[ident] = new

    def _apply_task(self, space: Workspace, row: _Row) -> None:
        keys = [k for k in ("target", "measures") if row.has(k)]
        if not any(row.differs(k) for k in keys) and not (row.fresh and keys):
            return
        work = row.work
        task = space.task(work)
        try:
            target = text_of(row.cell("target")) if row.has("target") else None
            measures_text = text_of(row.cell("measures")) if row.has("measures") else None
        except CellProblem as problem:
            self._problem(row, keys[0], problem)
            return
        if target is None:
            target = task.target if task is not None else ""
        if measures_text is None:
            texts = [m.text for m in task.measures] if task is not None else []
        else:
            texts = split_measures(measures_text) if measures_text.strip() else []
        if not target.strip() and not texts:
            work.entry = attrs.evolve(work.entry, task=None)
            return
        if task is None:
            task = Task(id=space.new_id("task"), problem=work.entry.problem, target=target)
        old = list(task.measures)
        measures = []
        for text in texts:
            reuse = next((m for m in old if m.text == text), None)
            if reuse is not None:
                old.remove(reuse)
                measures.append(reuse)
            else:
                measures.append(Measure(id=space.new_id(f"{task.id}-m"), text=text))
        new = attrs.evolve(task, target=target, measures=tuple(measures))
        summary = cell_text(target) + "\x1f" + "\x1f".join(texts)
        if new != space.task(work) and not self._edit(row, keys[0], ("task", new.id), summary):
            return
        space.put_task(work, new)
        work.entry = attrs.evolve(work.entry, task=new.id)

    def _apply_responsibility(self, space: Workspace, row: _Row) -> None:
        keys = [k for k in LEDGER_KEYS if GROUPS[k] == "responsibility" and row.has(k)]
        if not keys or not (row.fresh or any(row.differs(k) for k in keys)):
            return
        work = row.work
        current = space.responsibility(work)
        try:
            texts = {k: text_of(row.cell(k)) for k in keys}
        except CellProblem as problem:
            self._problem(row, keys[0], problem)
            return
        texts = {k: ("" if v.strip() in _NONE_MARKS else v) for k, v in texts.items()}
        if not any(t.strip() for t in texts.values()):
            work.entry = attrs.evolve(work.entry, responsibility=None)
            return
        leaders = split_names(texts["leader"]) if "leader" in texts else None
        departments: list[str] | None = None
        cooperating: list[str] | None = None
        extra: list[str] = []
        if "lead_department" in texts:
            departments, extra = _departments(texts["lead_department"])
            cooperating = extra
        if "cooperating_departments" in texts:
            cooperating = extra + split_names(texts["cooperating_departments"])
        persons = split_names(texts["persons"]) if "persons" in texts else None
        deadline = current.deadline if current is not None else None
        mode: RectificationMode | None = None
        stated_mode: RectificationMode | None = None
        ok = True
        if "deadline" in texts:
            deadline = None
            if texts["deadline"].strip():
                try:
                    said = parse_deadline_cell(row.cell("deadline"))
                    deadline, stated_mode = said.date, said.mode
                except CellProblem as problem:
                    self._problem(row, "deadline", problem)
                    ok = False
        if "mode" in texts and texts["mode"].strip():
            try:
                mode = parse_mode(texts["mode"])
            except CellProblem as problem:
                self._problem(row, "mode", problem)
                ok = False
        if not ok:
            return
        if mode is None:
            mode = stated_mode
        if mode is None and deadline is not None and "deadline" in texts:
            mode = RectificationMode.TIME_BOUND
        if mode is None and "mode" not in texts and current is not None:
            mode = current.mode
        placeable = (
            mode is not None
            and (leaders is None or len(leaders) == 1)
            and (departments is None or len(departments) == 1)
            and (current is not None or (leaders is not None and departments is not None))
        )
        if not placeable or mode is None:
            # not a responsibility the model can hold (no leader, several leaders, no lead
            # department or no mode): the cells are kept as the office wrote them
            work.entry = attrs.evolve(work.entry, responsibility=None)
            return
        # names become people and departments only now, so a row kept as written adds no one
        if leaders is not None:
            leader = space.person(leaders[0])
        else:
            assert current is not None
            leader = current.leader
        if departments is not None:
            lead = space.organisation(departments[0], OrganisationKind.DEPARTMENT)
        else:
            assert current is not None
            lead = current.lead_department
        if cooperating is not None:
            others = tuple(
                space.organisation(name, OrganisationKind.DEPARTMENT) for name in cooperating
            )
        else:
            others = current.cooperating_departments if current is not None else ()
        if persons is not None:
            people = tuple(space.person(name) for name in persons)
        else:
            people = current.persons if current is not None else ()
        new = Responsibility(
            id=current.id if current is not None else space.new_id("resp"),
            problem=current.problem if current is not None else work.entry.problem,
            leader=leader,
            lead_department=lead,
            mode=mode,
            cooperating_departments=others,
            persons=people,
            deadline=deadline,
        )
        summary = "\x1f".join(texts[k] for k in keys)
        if new != current and not self._edit(row, keys[0], ("responsibility", new.id), summary):
            return
        space.put_responsibility(work, new)
        work.entry = attrs.evolve(work.entry, responsibility=new.id)

    def _apply_fields(self, row: _Row) -> None:
        by_extension: dict[str, list[FieldColumn]] = {}
        for column in row.table.layout.fields:
            by_extension.setdefault(column.extension.namespace, []).append(column)
        work = row.work
        for namespace, columns in by_extension.items():
            if not (row.fresh or any(row.differs(c.key) for c in columns)):
                continue
            root = columns[0].extension.root
            previous = work.entry.extensions.get(namespace)
            data: dict[str, Any] = unstructure(previous) if isinstance(previous, root) else {}
            ok = True
            for column in columns:
                if not row.differs(column.key):
                    continue
                try:
                    value = parse_field(row.cell(column.key), column)
                except CellProblem as problem:
                    self._problem(row, column.key, problem)
                    ok = False
                    continue
                if value is None or value == []:
                    data.pop(column.attribute.name, None)
                else:
                    data[column.attribute.name] = value
            if not ok:
                continue
            if not data:
                self._set_extension(work, namespace, None)
                continue
            try:
                typed: Any = structure(data, root)
            except SchemaViolationError as exc:
                for issue in exc.issues:
                    hit = next(
                        (c for c in columns if issue.path.startswith(f"$.{c.attribute.name}")),
                        columns[0],
                    )
                    named = next(
                        (a for a in attrs.fields(root) if issue.path.startswith(f"$.{a.name}")),
                        None,
                    )
                    where = "" if named is None else f"{info(named).term} ({named.name}): "
                    where_zh = "" if named is None else f"{info(named).term}:"
                    self._issue(
                        row,
                        hit.key,
                        "XL211",
                        f"{where}{issue.message}",
                        f"{where_zh}{issue.message_zh}",
                    )
                continue
            self._set_extension(work, namespace, typed)

    def _apply_kept(self, row: _Row) -> None:
        if not row.table.kept:
            return
        work = row.work
        kept = dict(row.kept_snapshot)
        changed = False
        for heading, column in row.table.kept.items():
            value = row.table.grid.value(row.row, column)
            try:
                text = text_of(value)
            except CellProblem as problem:
                self.issues.problem(row.table.grid.name, row.row, column, problem)
                continue
            if not row.fresh and text == row.kept_snapshot.get(heading, ""):
                continue
            changed = True
            if text:
                kept[heading] = text
            else:
                kept.pop(heading, None)
        if changed:
            existing = work.entry.extensions.get(COLUMNS_NAMESPACE)
            if existing is not None and not isinstance(existing, dict):
                self.issues.add(
                    row.table.grid.name,
                    row.row,
                    next(iter(row.table.kept.values())),
                    "XL212",
                    f"the entry's extension {COLUMNS_NAMESPACE} holds other data, so its unknown "
                    "columns cannot be kept",
                    f"该条目的扩展 {COLUMNS_NAMESPACE} 已有其他数据,无法保存未知栏目",
                )
                return
            if existing:
                kept = {**existing, **kept}
                for heading in row.table.kept:
                    if heading not in kept or not kept[heading]:
                        kept.pop(heading, None)
            self._set_extension(work, COLUMNS_NAMESPACE, kept or None)

    def _apply_remarks(self, row: _Row) -> None:
        if not row.differs("remarks"):
            return
        try:
            text = text_of(row.cell("remarks"))
        except CellProblem as problem:
            self._problem(row, "remarks", problem)
            return
        row.work.entry = attrs.evolve(row.work.entry, remarks=text or None)

    @staticmethod
    def _set_extension(work: EntryWork, namespace: str, value: Any) -> None:
        extensions = dict(work.entry.extensions)
        if value is None:
            extensions.pop(namespace, None)
        else:
            extensions[namespace] = value
        work.entry = attrs.evolve(work.entry, extensions=extensions)

    # -- phase 4: the history sheet --------------------------------------------------------------

    def _history(
        self, space: Workspace, record: hidden_sheet.Hidden | None, rows: Sequence[_Row]
    ) -> None:
        sheet = self._history_sheet(record)
        if sheet is None:
            return
        index = heading_index(HISTORY_SYNONYMS)
        grid = self._grid(sheet)
        header = find_header(grid, index, frozenset({"entry", "date", "kind"}), 3)
        if header is None:
            self.issues.sheet(
                grid.name,
                "XL103",
                "no heading row found in the history sheet (台账序号, 日期, 记录类型…)",
                "台账记录表中未找到表头(台账序号、日期、记录类型等)",
            )
            return
        self._unreadable(grid)
        columns = {key: column for column, key in header.keys.items()}
        works = {row.work.entry.id: row.work for row in rows}
        by_number: dict[int, list[EntryWork]] = {}
        for work in works.values():
            by_number.setdefault(work.entry.number, []).append(work)
        snapshots = self._event_snapshots(space, record, works)
        for work in works.values():
            work.history = []
        events = record.events if record is not None else {}
        data = [r for r in range(header.last + 1, grid.max_row + 1) if grid.row_texts(r)]
        matched = self._match_events(events, snapshots, data, grid, columns)
        for number in data:
            cells = {key: grid.value(number, column) for key, column in columns.items()}
            found = matched.get(number)
            snapshot = snapshots.get(found[0]) if found is not None else None
            event_record = found[1] if found is not None else None
            owner = self._event_entry(grid, number, columns, cells, event_record, works, by_number)
            if owner is None:
                continue
            work = owner
            if (
                event_record is not None
                and snapshot is not None
                and all(cell_text(cells[k]) == snapshot.get(k, "") for k in cells)
            ):
                work.history.append(event_record.event)
                continue
            event = self._read_event(
                space, grid, number, columns, cells, work, event_record, snapshot
            )
            if event is not None:
                work.history.append(event)

    def _history_sheet(self, record: hidden_sheet.Hidden | None) -> Worksheet | None:
        names = [s.title for s in self._visible()]
        if record is not None and record.meta.history_sheet in names:
            sheet = self.book[record.meta.history_sheet]
            return sheet if isinstance(sheet, Worksheet) else None
        index = heading_index(HISTORY_SYNONYMS)
        for candidate in self._visible():
            grid = self._grid(candidate)
            if find_header(grid, heading_index(HEADING_SYNONYMS), frozenset({"problem"}), 3):
                continue
            if find_header(grid, index, frozenset({"entry", "date", "kind"}), 3) is not None:
                return candidate
        return None

    def _event_snapshots(
        self,
        space: Workspace,
        record: hidden_sheet.Hidden | None,
        works: Mapping[str, EntryWork],
    ) -> dict[int, dict[str, str]]:
        if record is None:
            return {}
        snapshots: dict[int, dict[str, str]] = {}
        keys = ("entry", "date", "kind", "by", "text", "status", "result", "deadline", "evidence")
        for row, event_record in record.events.items():
            number = int(event_record.number) if event_record.number.lstrip("-").isdigit() else 0
            snapshot = {
                key: cell_text(render_event(space, number, event_record.event, key)) for key in keys
            }
            snapshot["entry"] = event_record.number
            snapshots[row] = snapshot
        return snapshots

    def _match_events(
        self,
        events: Mapping[int, hidden_sheet.EventRecord],
        snapshots: Mapping[int, dict[str, str]],
        data: Sequence[int],
        grid: Grid,
        columns: Mapping[str, int],
    ) -> dict[int, tuple[int, hidden_sheet.EventRecord]]:
        def fingerprint(row: int) -> tuple[str, ...]:
            return tuple(
                grid.text(row, columns[k]) if k in columns else ""
                for k in ("entry", "kind", "date")
            )

        def written(key: int) -> tuple[str, ...]:
            snapshot = snapshots[key]
            return tuple(snapshot[k] if k in columns else "" for k in ("entry", "kind", "date"))

        free = dict(events)
        matched: dict[int, tuple[int, hidden_sheet.EventRecord]] = {}
        for row in data:
            if row in free and fingerprint(row) == written(row):
                matched[row] = (row, free.pop(row))
        elsewhere: dict[tuple[str, ...], list[int]] = {}
        for key in sorted(free):
            elsewhere.setdefault(written(key), []).append(key)
        for row in data:
            if row in matched:
                continue
            for key in elsewhere.get(fingerprint(row), []):
                if key in free:
                    matched[row] = (key, free.pop(key))
                    break
        for row in data:
            if row not in matched and row in free:
                matched[row] = (row, free.pop(row))
        return matched

    def _event_entry(
        self,
        grid: Grid,
        row: int,
        columns: Mapping[str, int],
        cells: Mapping[str, object],
        event_record: hidden_sheet.EventRecord | None,
        works: Mapping[str, EntryWork],
        by_number: Mapping[int, list[EntryWork]],
    ) -> EntryWork | None:
        number_text = cell_text(cells.get("entry"))
        if (
            event_record is not None
            and event_record.entry in works
            and ("entry" not in cells or number_text == event_record.number)
        ):
            return works[event_record.entry]
        column = columns.get("entry", 1)
        try:
            number = parse_whole(cells.get("entry"))
        except CellProblem as problem:
            self.issues.problem(grid.name, row, column, problem)
            return None
        candidates = by_number.get(number, [])
        if len(candidates) == 1:
            return candidates[0]
        self.issues.add(
            grid.name,
            row,
            column,
            "XL230",
            f"no single ledger row has the number {number}"
            + (f" ({len(candidates)} have it)" if candidates else ""),
            f"台账中没有唯一序号为 {number} 的行"
            + (f"({len(candidates)} 行同号)" if candidates else ""),
        )
        return None

    def _read_event(
        self,
        space: Workspace,
        grid: Grid,
        row: int,
        columns: Mapping[str, int],
        cells: Mapping[str, object],
        work: EntryWork,
        event_record: hidden_sheet.EventRecord | None,
        snapshot: Mapping[str, str] | None,
    ) -> HistoryEvent | None:
        previous = event_record.event if event_record is not None else None
        before = len(self.issues.issues)

        def fail(key: str, problem: CellProblem) -> None:
            self.issues.problem(grid.name, row, columns.get(key, 1), problem)

        retyped = False

        def kept(key: str) -> bool:
            """Whether the cell still shows what was written (or the sheet lacks the column);
            never for a new record or one given another kind, whose cells are all read."""
            if retyped:
                return False
            if key not in cells:
                return previous is not None
            return snapshot is not None and cell_text(cells[key]) == snapshot.get(key, "")

        kind = type(previous) if previous is not None else None
        if not kept("kind"):
            named = cell_text(cells.get("kind")).strip()
            kind = _EVENT_BY_TERM.get(named)
            if kind is None:
                terms = "、".join(cls.TERM for cls in HISTORY_EVENT_TYPES)
                fail(
                    "kind",
                    CellProblem(
                        "XL231",
                        f"{named!r} is not a kind of ledger record ({terms})",
                        f"“{named}”不是台账记录类型({terms})",
                    ),
                )
                return None
        assert kind is not None
        if previous is None or type(previous) is not kind:
            previous = None
            retyped = True

        date = previous.date if previous is not None and kept("date") else None
        if date is None:
            try:
                date = parse_date_cell(cells.get("date"))
            except CellProblem as problem:
                fail("date", problem)
        text: str | None = event_text(previous) if previous is not None and kept("text") else None
        if previous is None or not kept("text"):
            try:
                text = text_of(cells.get("text")) or None
            except CellProblem as problem:
                fail("text", problem)
        person: str | None
        if previous is not None and kept("by"):
            person = event_person(previous)
        else:
            name = cell_text(cells.get("by")).strip()
            person = space.person(name) if name else None
        evidence: tuple[str, ...] = getattr(previous, "evidence", ()) if previous else ()
        if previous is None or not kept("evidence"):
            titles = [t for t in cell_text(cells.get("evidence")).split("\n") if t.strip()]
            evidence = tuple(space.evidence(work.rect, title) for title in titles)
        deadline: datetime.date | None = None
        if kind in (ExtensionRequest, ExtensionDecision):
            if previous is not None and kept("deadline"):
                deadline = (
                    previous.requested_deadline
                    if isinstance(previous, ExtensionRequest)
                    else previous.deadline
                    if isinstance(previous, ExtensionDecision)
                    else None
                )
            elif cell_text(cells.get("deadline")).strip():
                try:
                    deadline = parse_date_cell(cells.get("deadline"))
                except CellProblem as problem:
                    fail("deadline", problem)
        result: bool | None = None
        if kind in (ExtensionDecision, Acceptance):
            if isinstance(previous, ExtensionDecision) and kept("result"):
                result = previous.approved
            elif isinstance(previous, Acceptance) and kept("result"):
                result = previous.passed
            else:
                try:
                    result = parse_yes_no(cell_text(cells.get("result")))
                except CellProblem as problem:
                    fail("result", problem)
        status: EntryStatus | None = None
        if kind is StatusChange:
            if isinstance(previous, StatusChange) and kept("status"):
                status = previous.status
            else:
                try:
                    status = parse_status(cell_text(cells.get("status"))).status
                except CellProblem as problem:
                    fail("status", problem)
        if len(self.issues.issues) > before or date is None:
            return None
        if previous is not None:
            ident = previous.id
        elif event_record is not None:
            ident = event_record.event.id  # a record retyped keeps its id
        else:
            ident = space.new_id(f"{work.entry.id}-h")
        if kind is not ProgressNote and person is None:
            person = self._recorder(space, work)
            if person is None:
                self.issues.add(grid.name, row, columns.get("by", 1), *_NO_RECORDER)
                return None
        if kind is ProgressNote:
            return ProgressNote(id=ident, date=date, text=text or "", by=person, evidence=evidence)
        assert person is not None
        if kind is StatusChange:
            assert status is not None
            return StatusChange(id=ident, date=date, by=person, status=status, note=text)
        if kind is ExtensionRequest:
            if deadline is None:
                self.issues.add(grid.name, row, columns.get("deadline", 1), *_NO_DEADLINE)
                return None
            return ExtensionRequest(
                id=ident, date=date, by=person, requested_deadline=deadline, reason=text or ""
            )
        if kind is ExtensionDecision:
            request = previous.request if isinstance(previous, ExtensionDecision) else None
            if request is None:
                request = next(
                    (e.id for e in reversed(work.history) if isinstance(e, ExtensionRequest)),
                    None,
                )
            if request is None:
                self.issues.add(grid.name, row, columns.get("kind", 1), *_NO_REQUEST)
                return None
            assert result is not None
            return ExtensionDecision(
                id=ident,
                date=date,
                by=person,
                request=request,
                approved=result,
                deadline=deadline,
                note=text,
            )
        if kind is Acceptance:
            assert result is not None
            return Acceptance(
                id=ident, date=date, by=person, passed=result, opinion=text, evidence=evidence
            )
        return SignOff(id=ident, date=date, approver=person, evidence=evidence, note=text)

    # -- phase 5: statements in the ledger's own columns -----------------------------------------

    def _recorder(self, space: Workspace, work: EntryWork) -> str | None:
        """Who records a statement the row makes without naming anyone."""
        name = self.options.recorder or self.labels.get("recorder")
        if name:
            if self.recorder_id is None:
                self.recorder_id = space.person(name)
            return self.recorder_id
        responsibility = space.responsibility(work)
        if responsibility is None:
            return None
        if responsibility.persons:
            return responsibility.persons[0]
        return responsibility.leader

    def _apply_history(self, space: Workspace, row: _Row) -> None:
        if row.fresh:
            # an office's row: its statements are compared with the history the history sheet
            # gave it (none, usually), not with what an empty entry shows
            for key in ("progress", "status", "sign_off", "evidence"):
                row.snapshot[key] = cell_text(render(space, row.work, key, row.table.layout))
        keys = [
            k
            for k in ("progress", "status", "sign_off", "evidence")
            if row.has(k) and cell_text(row.cell(k)) != row.snapshot.get(k, "")
        ]
        if not keys:
            return
        work = row.work
        day = self._status_date(space)
        if "progress" in keys:
            try:
                text = text_of(row.cell("progress"))
            except CellProblem as problem:
                self._problem(row, "progress", problem)
                text = ""
            written = row.snapshot.get("progress", "")
            if text.strip() and text != written:
                new = (
                    text[len(written) :].lstrip("\n")
                    if written and text.startswith(written)
                    else text
                )
                for stated, note in split_progress(new):
                    ident = space.new_id(f"{work.entry.id}-h")
                    _add_event(work, ProgressNote(id=ident, date=stated or day, text=note))
                    row.appended_note = ident
        # a sign-off states its own date; the status word usually does not, and a completed
        # item that is signed off is still completed
        if "sign_off" in keys:
            self._apply_sign_off(space, row, day)
        if "status" in keys:
            self._apply_status(space, row, day)
        if "evidence" in keys and row.appended_note is not None:
            try:
                text = text_of(row.cell("evidence"))
            except CellProblem as problem:
                self._problem(row, "evidence", problem)
                return
            before = set(row.snapshot.get("evidence", "").split("\n"))
            titles = [
                t
                for t in text.split("\n")
                if t.strip() and t not in before and t not in _NONE_MARKS
            ]
            if titles:
                position = next(i for i, e in enumerate(work.history) if e.id == row.appended_note)
                added = work.history[position]
                assert isinstance(added, ProgressNote)
                ids = tuple(space.evidence(work.rect, t) for t in titles)
                work.history[position] = attrs.evolve(added, evidence=added.evidence + ids)

    def _check_statements(self, row: _Row) -> None:
        """Report the unreadable status and sign-off words of a row that is not read further."""
        for key, parse in (("status", parse_status), ("sign_off", parse_sign_off)):
            text = cell_text(row.cell(key)).strip() if row.has(key) else ""
            if text and text not in _NONE_MARKS:
                try:
                    parse(text)
                except CellProblem as problem:
                    self._problem(row, key, problem)

    def _apply_status(self, space: Workspace, row: _Row, day: datetime.date) -> None:
        work = row.work
        text = cell_text(row.cell("status")).strip()
        if not text:
            return
        try:
            said = parse_status(text)
        except CellProblem as problem:
            self._problem(row, "status", problem)
            return
        derived = status_as_of(work, None)
        event: HistoryEvent
        if said.extension and said.date is not None:
            by = self._recorder(space, work)
            if by is None:
                self._issue(row, "status", *_NO_RECORDER)
                return
            event = ExtensionRequest(
                id=space.new_id(f"{work.entry.id}-h"),
                date=day,
                by=by,
                requested_deadline=said.date,
                reason=text,
            )
        elif said.status is EntryStatus.COMPLETED and derived is EntryStatus.SIGNED_OFF:
            return
        elif said.status is not derived or said.extension:
            by = self._recorder(space, work)
            if by is None:
                self._issue(row, "status", *_NO_RECORDER)
                return
            event = StatusChange(
                id=space.new_id(f"{work.entry.id}-h"),
                date=said.date or day,
                by=by,
                status=said.status,
                note=None if text == said.status.term else text,
            )
        else:
            return
        _add_event(work, event)

    def _apply_sign_off(self, space: Workspace, row: _Row, day: datetime.date) -> None:
        work = row.work
        text = cell_text(row.cell("sign_off")).strip()
        try:
            said = parse_sign_off(text) if text and text not in _NONE_MARKS else None
        except CellProblem as problem:
            self._problem(row, "sign_off", problem)
            return
        derived = status_as_of(work, None)
        if said is not None and said.signed_off and derived is not EntryStatus.SIGNED_OFF:
            by = self._recorder(space, work)
            if by is None:
                self._issue(row, "sign_off", *_NO_RECORDER)
                return
            _add_event(
                work,
                StatusChange(
                    id=space.new_id(f"{work.entry.id}-h"),
                    date=said.date or day,
                    by=by,
                    status=EntryStatus.SIGNED_OFF,
                    note=None if text == EntryStatus.SIGNED_OFF.term else text,
                ),
            )
        elif (said is None or not said.signed_off) and derived is EntryStatus.SIGNED_OFF:
            self._issue(
                row,
                "sign_off",
                "XL221",
                "the row says the item is not signed off, but its history signs it off; the "
                "ledger keeps its history, so state a new status in 整改状态 instead",
                "此行称未销号,但台账记录中已销号;台账记录不可删改,请在“整改状态”中填写新的状态",
            )

    # -- phase 6: the office's own wording -------------------------------------------------------

    def _keep_wording(self, space: Workspace, row: _Row) -> None:
        layout = row.table.layout
        kept = verbatim(row.work.entry)
        before = dict(kept)
        for key in (*layout.keys, *(k for k in row.overrides if k not in layout.keys)):
            if key in row.overrides:
                cell = row.overrides[key]
            elif row.differs(key):
                cell = row.cell(key)
            else:
                continue
            self._word(kept, key, cell, render(space, row.work, key, layout))
        for column in layout.fields:
            if row.differs(column.key):
                self._word(kept, column.key, row.cell(column.key), render_field(row.work, column))
        if kept != before:
            self._set_extension(row.work, VERBATIM_NAMESPACE, kept or None)

    @staticmethod
    def _word(kept: dict[str, dict[str, str]], key: str, cell: object, model: object) -> None:
        text = cell_text(cell)
        if not text.strip() or same(cell, model):
            kept.pop(key, None)
        else:
            kept[key] = {"text": text, "for": cell_text(model)}

    # -- the header -------------------------------------------------------------------------

    def _header(self, space: Workspace, record: hidden_sheet.Hidden | None, table: _Table) -> None:
        above = table.rows.above
        if record is None:
            name = self.options.issuer or self.labels.get("issuer")
            if not name:
                self.issues.sheet(
                    table.grid.name,
                    "XL106",
                    "the ledger does not say which unit keeps it: add a line 填报单位:… above the "
                    "table, or give ReadOptions(issuer=…)",
                    "台账未载明填报单位:请在表格上方注明“填报单位:…”,或以 issuer 选项指定",
                )
                return
            issuer = space.organisation(name, OrganisationKind.OTHER)
            note = "\n".join(self.notes) or None
            space.header = attrs.evolve(space.header, issuer=issuer, note=note)
            return
        meta = record.meta
        info = meta.info if meta.info in above else None
        if info is None:
            info = next((line for line in above if "issuer" in parse_labels(line)), None)
        title = next((line for line in above if line != info), None)
        if title is not None and title != meta.title:
            space.header = attrs.evolve(space.header, title=title)
        if info is not None and info != meta.info:
            name = self.options.issuer or parse_labels(info).get("issuer")
            if name and name != space.name(space.header.issuer):
                issuer = space.organisation(name, OrganisationKind.OTHER)
                space.header = attrs.evolve(space.header, issuer=issuer)
        extra = [line for line in table.rows.below if line not in (space.header.note or "")]
        if extra:
            note = "\n".join([*([space.header.note] if space.header.note else []), *extra])
            space.header = attrs.evolve(space.header, note=note)


def _shows(row: _Row, key: str) -> bool:
    """Whether the row's cell of the column shows anything."""
    return cell_text(row.cell(key)).strip() != ""


def _add_event(work: EntryWork, event: HistoryEvent) -> None:
    """Add a statement to the history in date order (after the events of its day)."""
    position = len(work.history)
    while position > 0 and work.history[position - 1].date > event.date:
        position -= 1
    work.history.insert(position, event)


_LEAD_LABEL: Final = re.compile(r"牵头(?:部门|单位|股室|科室|处室)?\s*[:：]")
_COOPERATING_LABEL: Final = re.compile(r"(?:配合|协办)(?:部门|单位|股室|科室|处室)?\s*[:：]")


def _departments(text: str) -> tuple[list[str], list[str]]:
    """A department cell: the lead first, then the others; 牵头:… 配合:… when labelled."""
    parts = _COOPERATING_LABEL.split(text, maxsplit=1)
    names = split_names(_LEAD_LABEL.sub("", parts[0]))
    cooperating = split_names(parts[1]) if len(parts) > 1 else []
    return names[:1], names[1:] + cooperating


_NO_RECORDER: Final = (
    "XL222",
    "cannot tell who records this: the row names no 责任人 or 责任领导 and the ledger no "
    "填报人; give ReadOptions(recorder=…)",
    "无法确定记录人:此行没有责任人或责任领导,台账也未载明填报人;可用 recorder 选项指定",
)
_NO_DEADLINE: Final = (
    "XL223",
    "an extension request needs the date asked for (时限)",
    "延期申请须注明申请延至的日期(时限)",
)
_NO_REQUEST: Final = (
    "XL224",
    "an extension decision answers an extension request: none comes before it for this entry",
    "延期审批须对应延期申请,此条目此前没有延期申请",
)

__all__ = ["read_xlsx"]
