"""What a rectification progress report says, gathered once for every way of showing it.

The Markdown and HTML renderers only lay out a :class:`ReportContent`; what counts as overdue,
which note is the latest and how the counters add up is decided here and in
:mod:`inspection_schema.progress`, so the two renderings cannot disagree.
"""

from __future__ import annotations

import datetime

from attrs import frozen

from ..conventions import Convention
from ..display import _Index, date_zh
from ..lifecycle import entry_status
from ..model import (
    DeclaredCounters,
    Document,
    EntryStatus,
    LedgerEntry,
    ProgressNote,
    Rectification,
    RectificationMode,
    SignOff,
    StatusChange,
)
from ..progress import (
    DerivedCounters,
    ProgressReportCheck,
    Standing,
    check_progress_reports,
    convention_due,
    counter_term,
    counters_by_rectification,
    counters_sentence_zh,
    days_overdue,
    derive_counters,
    entry_due,
    entry_responsibility,
    entry_standing,
)

DEFAULT_TITLE = "巡察整改进展情况报告"


@frozen(kw_only=True)
class ReportItem:
    """One ledger entry (one problem) as the report shows it."""

    rectification: str
    organisation: str
    entry: str
    number: int
    problem: str
    category: str | None
    leader: str | None
    lead_department: str | None
    mode: RectificationMode | None
    deadline: datetime.date | None
    """整改时限 in force on the report's date (after any approved extension)."""
    planned_deadline: datetime.date | None
    """整改时限 as the plan set it; differs from ``deadline`` when an extension was approved."""
    status: EntryStatus
    standing: Standing
    days_overdue: int | None
    latest_progress: ProgressNote | None
    signed_off_on: datetime.date | None
    signed_off_by: str | None

    @property
    def extended(self) -> bool:
        """Whether an approved extension moved the deadline (已批准延期)."""
        return self.deadline is not None and self.deadline != self.planned_deadline


@frozen(kw_only=True)
class OrganisationSection:
    """One rectification: the inspected Party organisation's ledger and its counters."""

    rectification: str
    organisation: str
    counters: DerivedCounters
    items: tuple[ReportItem, ...]
    illustrative: bool


@frozen(kw_only=True)
class ReportContent:
    """整改进展情况报告: everything a rendering shows, in the order it shows it."""

    title: str
    document_title: str | None
    document_id: str
    issuer: str
    as_of: datetime.date
    sentence: str
    totals: DerivedCounters
    overdue: tuple[ReportItem, ...]
    """The red items, longest overdue first (then by organisation and 序号)."""
    sections: tuple[OrganisationSection, ...]
    checks: tuple[ProgressReportCheck, ...]
    """The document's progress notices, each checked as of its own date."""
    illustrative: bool


def build_report(
    document: Document, as_of: datetime.date, *, convention: Convention | None = None
) -> ReportContent:
    """The progress report of ``document``'s ledgers at the end of ``as_of``.

    ``convention`` gives items without a deadline of their own a due date (its 集中整改
    period, :func:`~inspection_schema.progress.convention_due`).
    """
    index = _Index(document)
    names = organisation_names(document, index)
    sections = []
    for rectification, counters in counters_by_rectification(
        document, as_of, convention=convention
    ):
        organisation = names[rectification.id]
        fallback = convention_due(document, rectification, convention)
        items = tuple(
            sorted(
                (
                    _item(index, rectification, organisation, entry, as_of, fallback)
                    for entry in rectification.entries
                ),
                key=lambda item: (item.number, item.entry),
            )
        )
        sections.append(
            OrganisationSection(
                rectification=rectification.id,
                organisation=organisation,
                counters=counters,
                items=items,
                illustrative=rectification.illustrative,
            )
        )
    order = {section.rectification: n for n, section in enumerate(sections)}
    overdue = sorted(
        (item for section in sections for item in section.items if item.days_overdue is not None),
        key=lambda item: (-(item.days_overdue or 0), order[item.rectification], item.number),
    )
    totals = derive_counters(document, as_of, convention=convention)
    return ReportContent(
        title=DEFAULT_TITLE,
        document_title=document.title,
        document_id=document.id,
        issuer=index.name(document.issuer),
        as_of=as_of,
        sentence=counters_sentence_zh(totals),
        totals=totals,
        overdue=tuple(overdue),
        sections=tuple(sections),
        checks=check_progress_reports(document),
        illustrative=any(r.illustrative for r in document.rectifications),
    )


def organisation_names(document: Document, index: _Index | None = None) -> dict[str, str]:
    """The inspected Party organisation of each rectification, by the rectification's id.

    Found through the rectification's inspection; an inspection kept in another document shows
    its label (外部引用), and one that cannot be found shows its id.
    """
    index = index or _Index(document)
    inspected = {i.id: i.organisation for i in document.inspections}
    names = {}
    for rectification in document.rectifications:
        party = inspected.get(rectification.inspection)
        names[rectification.id] = (
            index.name(party) if party is not None else index.name(rectification.inspection)
        )
    return names


def counter_label(name: str) -> str:
    """A compared counter's Chinese name without its unit (the values carry it)."""
    return counter_term(name).removesuffix("(%)")


def _item(
    index: _Index,
    rectification: Rectification,
    organisation: str,
    entry: LedgerEntry,
    as_of: datetime.date,
    fallback: datetime.date | None = None,
) -> ReportItem:
    responsibility = entry_responsibility(rectification, entry)
    problem = index.problems.get(entry.problem)
    signed_on, signed_by = _sign_off(entry, as_of)
    return ReportItem(
        rectification=rectification.id,
        organisation=organisation,
        entry=entry.id,
        number=entry.number,
        problem=problem.text if problem is not None else index.name(entry.problem),
        category=index.category(problem) if problem is not None else None,
        leader=index.name(responsibility.leader) if responsibility is not None else None,
        lead_department=(
            index.name(responsibility.lead_department) if responsibility is not None else None
        ),
        mode=responsibility.mode if responsibility is not None else None,
        deadline=entry_due(entry, responsibility, as_of, fallback=fallback),
        planned_deadline=responsibility.deadline if responsibility is not None else None,
        status=entry_status(entry, as_of),
        standing=entry_standing(entry, responsibility, as_of, fallback=fallback),
        days_overdue=days_overdue(entry, responsibility, as_of, fallback=fallback),
        latest_progress=_latest_note(entry, as_of),
        signed_off_on=signed_on,
        signed_off_by=index.name(signed_by) if signed_by is not None else None,
    )


def _latest_note(entry: LedgerEntry, as_of: datetime.date) -> ProgressNote | None:
    notes = [e for e in entry.history if isinstance(e, ProgressNote) and e.date <= as_of]
    # the last one recorded among those of the latest date: the history is append-only
    return max(reversed(notes), key=lambda note: note.date) if notes else None


def _sign_off(entry: LedgerEntry, as_of: datetime.date) -> tuple[datetime.date | None, str | None]:
    """When, and by whom, the entry was signed off, if it is signed off on ``as_of``."""
    if entry_status(entry, as_of) is not EntryStatus.SIGNED_OFF:
        return None, None
    found: tuple[datetime.date | None, str | None] = (None, None)
    for event in entry.history:
        if event.date > as_of:
            continue
        if isinstance(event, SignOff):
            found = (event.date, event.approver)
        elif isinstance(event, StatusChange) and event.status is EntryStatus.SIGNED_OFF:
            found = (event.date, event.by)
    return found


# -- wording shared by the renderings -------------------------------------------------------------

TOTAL_LABELS: tuple[tuple[str, str, str], ...] = (
    ("problems_total", "反馈问题", "个"),
    ("completed", "已完成整改", "个"),
    ("ongoing", "基本完成并持续整改", "个"),
    ("not_completed", "未完成", "个"),
    ("completion_rate", "整改完成率", "%"),
    ("signed_off", "已销号", "个"),
    ("overdue", "逾期未完成", "个"),
    ("regulations", "建立完善制度", "项"),
)
"""The counters a report shows, in order: attribute, Chinese label, unit."""


def counter_text(counters: DerivedCounters | DeclaredCounters | None, name: str) -> str:
    """One counter's value as the report prints it: 33.33% for a rate, — when there is none."""
    value = None if counters is None else getattr(counters, name)
    if value is None:
        return "—"
    return f"{value}%" if name == "completion_rate" else str(value)


def deadline_zh(item: ReportItem) -> str:
    """整改时限 as a ledger writes it: the date, 长期坚持, and an approved extension."""
    if item.deadline is None:
        return item.mode.term if item.mode is RectificationMode.ONGOING else "未明确"
    text = date_zh(item.deadline)
    notes = []
    if item.mode is RectificationMode.ONGOING:
        notes.append("长期坚持")
    if item.extended:
        original = date_zh(item.planned_deadline) if item.planned_deadline else "未明确"
        notes.append(f"已延期，原定{original}")
    return f"{text}（{'；'.join(notes)}）" if notes else text


def progress_zh(item: ReportItem) -> str | None:
    """The latest progress note, dated: 2023年10月31日：…… (full-width, as office papers)."""
    note = item.latest_progress
    return None if note is None else f"{date_zh(note.date)}：{note.text}"


def sign_off_zh(item: ReportItem) -> str:
    """销号情况: 已销号（date，approver） or 未销号."""
    if item.signed_off_on is None:
        return "未销号"
    by = f"，{item.signed_off_by}" if item.signed_off_by else ""
    return f"已销号（{date_zh(item.signed_off_on)}{by}）"


def standing_zh(item: ReportItem) -> str:
    """The colour and what it means for this entry: 红·逾期42天, 黄·整改中, 蓝·已销号."""
    if item.days_overdue is not None:
        return f"{item.standing.term}·逾期{item.days_overdue}天"
    if item.standing is Standing.BLUE:
        done = "已销号" if item.status is EntryStatus.SIGNED_OFF else "已完成"
        return f"{item.standing.term}·{done}"
    return f"{item.standing.term}·{item.standing.meaning}"


def responsibility_zh(item: ReportItem) -> str:
    """责任领导 and 牵头部门, as one line."""
    parts = [p for p in (item.leader, item.lead_department) if p]
    return " / ".join(parts) if parts else "未明确"


def verdict_zh(check: ProgressReportCheck) -> str:
    """What checking a notice found, in one sentence."""
    if check.derived is None:
        agrees = "通报数据自洽" if not check.inconsistencies else "通报数据自相矛盾，请核实"
        return f"{agrees}；所通报的整改台账不在本文档中，未与台账核对。"
    if check.consistent:
        return "通报数据与台账一致。"
    return "通报数据与台账不一致，请核实。"
