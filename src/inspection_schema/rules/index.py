"""What several rules look up in a document, gathered once per document.

Rules run one after another over the same document; each building its own maps of feedback
dates and responsibilities would walk the ledger many times over. The index of the last
document seen is kept (by identity), so one validation builds it once.
"""

from __future__ import annotations

import datetime

from attrs import frozen

from ..model import Document, LedgerEntry, Rectification, Responsibility, Task


@frozen(kw_only=True)
class LedgerPlace:
    """One ledger entry with its place and the plan lists it refers to."""

    rectification: Rectification
    r: int
    """Index of the rectification in the document."""
    entry: LedgerEntry
    e: int
    """Index of the entry in its rectification's ledger."""
    responsibility: Responsibility | None
    task: Task | None
    feedback: datetime.date | None
    """The date of the feedback of the rectification's inspection, when the document has it."""

    @property
    def path(self) -> str:
        return f"$.rectifications[{self.r}].entries[{self.e}]"


@frozen(kw_only=True)
class DocumentIndex:
    feedback_dates: dict[str, datetime.date]
    """Feedback date by inspection id."""
    places: tuple[LedgerPlace, ...]

    def feedback_of(self, rectification: Rectification) -> datetime.date | None:
        return self.feedback_dates.get(rectification.inspection)


_LAST: list[tuple[Document, DocumentIndex]] = []


def index(document: Document) -> DocumentIndex:
    """The index of ``document`` (built once for the document validated last)."""
    if _LAST and _LAST[0][0] is document:
        return _LAST[0][1]
    built = _build(document)
    _LAST[:] = [(document, built)]
    return built


def _build(document: Document) -> DocumentIndex:
    feedback = {
        inspection.id: inspection.feedback.date
        for inspection in document.inspections
        if inspection.feedback is not None
    }
    places: list[LedgerPlace] = []
    for r, rectification in enumerate(document.rectifications):
        plan = rectification.plan
        responsibilities = {x.id: x for x in plan.responsibilities} if plan else {}
        tasks = {x.id: x for x in plan.tasks} if plan else {}
        start = feedback.get(rectification.inspection)
        for e, entry in enumerate(rectification.entries):
            places.append(
                LedgerPlace(
                    rectification=rectification,
                    r=r,
                    entry=entry,
                    e=e,
                    responsibility=responsibilities.get(entry.responsibility or ""),
                    task=tasks.get(entry.task or ""),
                    feedback=start,
                )
            )
    return DocumentIndex(feedback_dates=feedback, places=tuple(places))
