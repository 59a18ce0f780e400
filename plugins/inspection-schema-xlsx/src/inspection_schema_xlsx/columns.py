"""The ledger's columns and what each shows for an entry: one function for writer and reader.

The writer puts :func:`shown` into each cell; the reader compares each cell with it, so that a
cell nobody touched keeps the record exactly, and a changed cell is read as the office's word.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, Final, get_args, get_origin

import attrs
from attrs import frozen

from inspection_schema.codecs.lexical import format_datetime, format_decimal
from inspection_schema.conventions import LEDGER_COLUMNS, LedgerTemplate
from inspection_schema.extensions import SchemaExtension, registered_extensions
from inspection_schema.lifecycle import entry_deadline, entry_status
from inspection_schema.model import (
    Acceptance,
    CodeList,
    EntryStatus,
    ExtensionDecision,
    ExtensionRequest,
    HistoryEvent,
    LedgerEntry,
    ProgressNote,
    RectificationMode,
    SignOff,
    StatusChange,
    info,
)

from .headings import (
    COLUMNS_NAMESPACE,
    HEADING_SYNONYMS,
    VERBATIM_NAMESPACE,
    date_zh,
    heading_index,
    join_measures,
    join_names,
    join_progress,
)
from .workspace import EntryWork, Workspace

CellValue = str | int | datetime.date | None
"""What a cell holds for this library: text, a whole number, a date, or nothing."""

LEDGER_KEYS: Final = tuple(key for key, _ in LEDGER_COLUMNS)

WIDTHS: Final[Mapping[str, float]] = {
    "number": 6,
    "category": 16,
    "problem": 42,
    "target": 30,
    "measures": 42,
    "leader": 10,
    "lead_department": 16,
    "cooperating_departments": 16,
    "persons": 12,
    "deadline": 15,
    "mode": 11,
    "progress": 42,
    "status": 13,
    "sign_off": 16,
    "evidence": 28,
    "remarks": 20,
}
"""Column widths in characters (a Chinese character is about two)."""

GROUPS: Final[Mapping[str, str]] = {
    "number": "number",
    "category": "problem",
    "problem": "problem",
    "target": "task",
    "measures": "task",
    "leader": "responsibility",
    "lead_department": "responsibility",
    "cooperating_departments": "responsibility",
    "persons": "responsibility",
    "deadline": "responsibility",
    "mode": "responsibility",
    "progress": "history",
    "status": "history",
    "sign_off": "history",
    "evidence": "history",
    "remarks": "remarks",
}
"""Columns read together: a change in one re-reads the group (the responsibility's six…)."""

NOT_SIGNED_OFF: Final = "未销号"


def cell_text(value: object) -> str:
    """A cell's value as text, for comparing and for keeping: dates ISO, whole numbers plain."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 2**53:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time() and value.tzinfo is None:
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


def same(cell: object, shown_value: object) -> bool:
    return cell_text(cell) == cell_text(shown_value)


# -- typed extensions -------------------------------------------------------------------------


@frozen
class FieldColumn:
    """A column showing one field of a typed extension on ledger entries."""

    extension: SchemaExtension
    attribute: attrs.Attribute[Any]
    heading: str

    @property
    def key(self) -> str:
        return f"{self.extension.namespace}#{self.attribute.name}"


def _shown_type(hint: Any) -> bool:
    """Whether one cell can show a field of this type (a value, optional or listed)."""
    args = get_args(hint)
    if get_origin(hint) in (tuple, frozenset):
        return bool(args) and _scalar(args[0])
    if args:  # X | None
        return all(_scalar(arg) for arg in args if arg is not type(None))
    return _scalar(hint)


def _scalar(hint: Any) -> bool:
    if hint in (str, int, bool, datetime.date, datetime.datetime, Decimal):
        return True
    return isinstance(hint, type) and issubclass(hint, CodeList)


def field_columns(
    extensions: Sequence[SchemaExtension] | None = None,
) -> tuple[FieldColumn, ...]:
    """The columns of every registered extension targeting ledger entries, by namespace.

    Each shown field is headed by its Chinese term; a term that another column already uses
    (a ledger heading or synonym, or another field's) is prefixed with the extension's title.
    Nested objects cannot be shown in one cell: they ride in the hidden sheet only.
    """
    chosen = registered_extensions() if extensions is None else extensions
    taken = set(heading_index(HEADING_SYNONYMS))
    columns: list[FieldColumn] = []
    for extension in chosen:
        if LedgerEntry not in extension.targets:
            continue
        for attribute in attrs.fields(extension.root):
            if not _shown_type(attribute.type):
                continue
            heading = info(attribute).term
            if heading in taken:
                heading = f"{extension.title}·{heading}"
            taken.add(heading)
            columns.append(FieldColumn(extension, attribute, heading))
    return tuple(columns)


def _value_text(value: Any) -> str:
    if isinstance(value, CodeList):
        return value.term
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime.datetime):
        return format_datetime(value)
    if isinstance(value, datetime.date):
        return date_zh(value)
    if isinstance(value, Decimal):
        return format_decimal(value)
    return str(value)


def render_field(work: EntryWork, column: FieldColumn) -> CellValue:
    value = work.entry.extensions.get(column.extension.namespace)
    if not isinstance(value, column.extension.root):
        return None
    item = getattr(value, column.attribute.name)
    if item is None:
        return None
    if isinstance(item, frozenset):
        members = [m for m in type(next(iter(item))) if m in item] if item else []
        return "、".join(m.term for m in members) or None
    if isinstance(item, tuple):
        return "\n".join(_value_text(x) for x in item) or None
    if isinstance(item, bool | CodeList | datetime.datetime | Decimal):
        return _value_text(item)
    if isinstance(item, datetime.date):
        return item
    if isinstance(item, int):
        return item if abs(item) < 2**53 else str(item)
    return str(item)


# -- unknown columns --------------------------------------------------------------------------


def kept_columns(work: EntryWork) -> dict[str, str]:
    """The entry's cells of columns the reader did not know: heading → text."""
    value = work.entry.extensions.get(COLUMNS_NAMESPACE)
    if not isinstance(value, dict):
        return {}
    return {str(k): v if isinstance(v, str) else str(v) for k, v in value.items()}


def verbatim(entry: LedgerEntry) -> dict[str, dict[str, str]]:
    value = entry.extensions.get(VERBATIM_NAMESPACE)
    if not isinstance(value, dict):
        return {}
    return {
        str(k): v
        for k, v in value.items()
        if isinstance(v, dict) and isinstance(v.get("text"), str) and isinstance(v.get("for"), str)
    }


# -- the ledger's own columns -------------------------------------------------------------------


@frozen
class Layout:
    """The columns of one ledger sheet, in order, and the date statuses are judged on."""

    keys: tuple[str, ...]
    """Ledger column keys (:data:`LEDGER_COLUMNS`) in the sheet's order."""
    headings: Mapping[str, str]
    fields: tuple[FieldColumn, ...]
    kept: tuple[str, ...]
    """Headings of kept (unknown) columns, after the others."""
    as_of: datetime.date

    @classmethod
    def of(
        cls,
        template: LedgerTemplate | None,
        fields: tuple[FieldColumn, ...],
        kept: tuple[str, ...],
        as_of: datetime.date,
    ) -> Layout:
        if template is None:
            keys = LEDGER_KEYS
            headings = dict(LEDGER_COLUMNS)
        else:
            unknown = [key for key in template.columns if key not in LEDGER_KEYS]
            if unknown or len(set(template.columns)) != len(template.columns):
                raise ValueError(
                    f"ledger template {template.name!r}: unknown or repeated column keys "
                    f"{unknown or list(template.columns)} (known: {', '.join(LEDGER_KEYS)})"
                )
            keys = tuple(template.columns)
            headings = {key: template.heading(key) for key in keys}
        return cls(keys=keys, headings=headings, fields=fields, kept=kept, as_of=as_of)


def _notes(history: Sequence[HistoryEvent]) -> list[ProgressNote]:
    return [event for event in history if isinstance(event, ProgressNote)]


def history_evidence(history: Sequence[HistoryEvent]) -> list[str]:
    found: list[str] = []
    for event in history:
        if isinstance(event, ProgressNote | Acceptance | SignOff):
            for ident in event.evidence:
                if ident not in found:
                    found.append(ident)
    return found


def status_as_of(work: EntryWork, as_of: datetime.date | None) -> EntryStatus:
    return entry_status(work.build(), as_of)


def signed_off_on(work: EntryWork, as_of: datetime.date) -> datetime.date | None:
    """The date of the event that signed the entry off, if it is signed off on ``as_of``."""
    if status_as_of(work, as_of) is not EntryStatus.SIGNED_OFF:
        return None
    day: datetime.date | None = None
    for event in work.history:
        if event.date > as_of:
            continue
        if isinstance(event, SignOff) or (
            isinstance(event, StatusChange) and event.status is EntryStatus.SIGNED_OFF
        ):
            day = event.date
    return day


def render(space: Workspace, work: EntryWork, key: str, layout: Layout) -> CellValue:
    """What the model gives for the ledger column ``key`` of an entry."""
    entry = work.entry
    if key == "number":
        return entry.number
    if key == "category":
        return space.category_label(entry.problem) or None
    if key == "problem":
        return space.name(entry.problem) or None
    if key in ("target", "measures"):
        task = space.task(work)
        if task is None:
            return None
        if key == "target":
            return task.target or None
        return join_measures([m.text for m in task.measures]) if task.measures else None
    if key in GROUPS and GROUPS[key] == "responsibility":
        return _responsibility_cell(space, work, key, layout)
    if key == "progress":
        notes = _notes(work.history)
        return join_progress((n.date, n.text) for n in notes) or None
    if key == "status":
        return status_as_of(work, layout.as_of).term
    if key == "sign_off":
        day = signed_off_on(work, layout.as_of)
        if day is None:
            return NOT_SIGNED_OFF
        return f"已销号（{date_zh(day)}）"
    if key == "evidence":
        return "\n".join(space.name(i) for i in history_evidence(work.history)) or None
    if key == "remarks":
        return entry.remarks
    raise KeyError(key)


def _responsibility_cell(space: Workspace, work: EntryWork, key: str, layout: Layout) -> CellValue:
    responsibility = space.responsibility(work)
    if responsibility is None:
        return None
    if key == "leader":
        return space.name(responsibility.leader)
    if key == "lead_department":
        departments = [responsibility.lead_department]
        if "cooperating_departments" not in layout.keys:
            departments.extend(responsibility.cooperating_departments)
        return join_names(space.name(d) for d in departments)
    if key == "cooperating_departments":
        return join_names(space.name(d) for d in responsibility.cooperating_departments) or None
    if key == "persons":
        return join_names(space.name(p) for p in responsibility.persons) or None
    if key == "mode":
        return responsibility.mode.term
    deadline = responsibility.deadline
    mode = responsibility.mode
    if "mode" in layout.keys or mode is RectificationMode.TIME_BOUND:
        return deadline
    if deadline is None:
        return mode.term
    return f"{mode.term}，{date_zh(deadline)}"


def shown(space: Workspace, work: EntryWork, key: str, layout: Layout) -> CellValue:
    """What the cell of column ``key`` shows: the office's own wording while it still stands
    for what the model gives (:data:`~inspection_schema_xlsx.headings.VERBATIM_NAMESPACE`),
    else the model's value."""
    model = render(space, work, key, layout)
    kept = verbatim(work.entry).get(key)
    if kept is not None and kept["for"] == cell_text(model):
        return kept["text"] or None
    return model


def shown_field(work: EntryWork, column: FieldColumn) -> CellValue:
    model = render_field(work, column)
    kept = verbatim(work.entry).get(column.key)
    if kept is not None and kept["for"] == cell_text(model):
        return kept["text"] or None
    return model


def deadline_in_force(
    space: Workspace, work: EntryWork, as_of: datetime.date
) -> datetime.date | None:
    return entry_deadline(work.build(), space.responsibility(work), as_of)


# -- the history sheet ------------------------------------------------------------------------


def event_text(event: HistoryEvent) -> str | None:
    if isinstance(event, ProgressNote):
        return event.text
    if isinstance(event, ExtensionRequest):
        return event.reason
    if isinstance(event, Acceptance):
        return event.opinion
    return event.note


def event_person(event: HistoryEvent) -> str | None:
    return event.approver if isinstance(event, SignOff) else event.by


def render_event(space: Workspace, number: int, event: HistoryEvent, key: str) -> CellValue:
    """What the history sheet shows in column ``key`` for one event of entry No. ``number``."""
    if key == "entry":
        return number
    if key == "date":
        return event.date
    if key == "kind":
        return event.TERM
    if key == "by":
        return space.name(event_person(event)) or None
    if key == "text":
        return event_text(event) or None
    if key == "status":
        return event.status.term if isinstance(event, StatusChange) else None
    if key == "result":
        if isinstance(event, ExtensionDecision):
            return "同意" if event.approved else "不同意"
        if isinstance(event, Acceptance):
            return "通过" if event.passed else "不通过"
        return None
    if key == "deadline":
        if isinstance(event, ExtensionRequest):
            return event.requested_deadline
        if isinstance(event, ExtensionDecision):
            return event.deadline
        return None
    if key == "evidence":
        evidence = getattr(event, "evidence", ())
        return "\n".join(space.name(i) for i in evidence) or None
    raise KeyError(key)
