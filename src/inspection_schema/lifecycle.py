"""Reading the ledger's history: an entry's status and deadline as of any date.

Status is never stored; it is derived from the append-only history, so the state of an entry on
any past date is the same computation over fewer events.
"""

from __future__ import annotations

import datetime

from .model import (
    EntryStatus,
    ExtensionDecision,
    LedgerEntry,
    ProgressNote,
    Responsibility,
    SignOff,
    StatusChange,
)


def entry_status(entry: LedgerEntry, as_of: datetime.date | None = None) -> EntryStatus:
    """整改状态 of an entry on ``as_of`` (the end of its history when ``None``)."""
    status = EntryStatus.NOT_STARTED
    for event in entry.history:
        if as_of is not None and event.date > as_of:
            continue
        if isinstance(event, StatusChange):
            status = event.status
        elif isinstance(event, SignOff):
            status = EntryStatus.SIGNED_OFF
        elif isinstance(event, ProgressNote) and status is EntryStatus.NOT_STARTED:
            status = EntryStatus.IN_PROGRESS
    return status


def entry_deadline(
    entry: LedgerEntry,
    responsibility: Responsibility | None,
    as_of: datetime.date | None = None,
) -> datetime.date | None:
    """整改时限 in force on ``as_of``: the plan's, or the last approved extension's."""
    deadline = responsibility.deadline if responsibility is not None else None
    for event in entry.history:
        if as_of is not None and event.date > as_of:
            continue
        if isinstance(event, ExtensionDecision) and event.approved and event.deadline is not None:
            deadline = event.deadline
    return deadline


DONE_STATUSES = frozenset({EntryStatus.COMPLETED, EntryStatus.SIGNED_OFF})
"""Statuses in which an entry counts as done (reported complete, or signed off)."""
