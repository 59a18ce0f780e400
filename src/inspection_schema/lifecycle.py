"""The ledger's lifecycle (整改台账): an entry's status as of any date, and recording what happens.

Status is never stored; it is derived from the append-only history, so the state of an entry on
any past date is the same computation over fewer events (:func:`entry_status`,
:func:`entry_as_of`).

The recording functions (:func:`record_progress`, :func:`request_extension`,
:func:`decide_extension`, :func:`mark_ongoing`, :func:`mark_completed`, :func:`accept`,
:func:`sign_off`, :func:`reject`) take a document and an entry id and return a *new* document
with one event appended to that entry's history. Each checks the operation against
:data:`TRANSITIONS`, the one statement of the state machine, and refuses with an
:class:`IllegalTransitionError` what the table does not allow; nothing already in a history is
ever rewritten or removed. Other refusals (an unknown entry, person or evidence id, a date
before the entry's last event) raise :class:`LifecycleError`.

A progress note (整改进展) on a completed entry records further work or evidence while the
completion waits for acceptance (验收); it does not reopen the entry (:func:`reject` does). A
signed-off entry (已销号) takes no further event.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final

import attrs
from attrs import frozen

from .errors import InspectionSchemaError
from .model import (
    Acceptance,
    Document,
    EntryStatus,
    Evidence,
    ExtensionDecision,
    ExtensionRequest,
    HistoryEvent,
    LedgerEntry,
    ProgressNote,
    Rectification,
    RectificationPlan,
    Responsibility,
    SignOff,
    StatusChange,
    info,
)
from .model.text import forbidden_in

# -- reading the history --------------------------------------------------------------------------


def entry_status(entry: LedgerEntry, as_of: datetime.date | None = None) -> EntryStatus:
    """整改状态 of an entry on ``as_of`` (the end of its history when ``None``).

    A progress note starts a not-started entry; a status change sets the status; a failed
    acceptance (验收不通过) sends a completed entry back to in progress; a sign-off closes it.
    """
    status = EntryStatus.NOT_STARTED
    for event in entry.history:
        if as_of is None or event.date <= as_of:
            status = status_after(status, event)
    return status


def status_after(status: EntryStatus, event: HistoryEvent) -> EntryStatus:
    """The status an event leaves an entry in that was in ``status`` (one step of the reading)."""
    if isinstance(event, StatusChange):
        return event.status
    if isinstance(event, SignOff):
        return EntryStatus.SIGNED_OFF
    if (isinstance(event, ProgressNote) and status is EntryStatus.NOT_STARTED) or (
        isinstance(event, Acceptance) and not event.passed and status is EntryStatus.COMPLETED
    ):
        # the first progress note starts the rectification; a failed acceptance reopens it
        return EntryStatus.IN_PROGRESS
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


def entry_responsibility(rectification: Rectification, entry: LedgerEntry) -> Responsibility | None:
    """The 责任清单条目 an entry answers to: the one it names, else the one for its problem.

    Looked up in the entry's own rectification plan, as the lifecycle functions look it up, so
    the deadline judged here is the one a ledger operation checks against.
    """
    plan = rectification.plan
    if plan is None:
        return None
    by_id, by_problem = _responsibilities(plan)
    if entry.responsibility is not None:
        return by_id.get(entry.responsibility)
    return by_problem.get(entry.problem)


_LOOKUP: list[tuple[RectificationPlan, dict[str, Responsibility], dict[str, Responsibility]]] = []


def _responsibilities(
    plan: RectificationPlan,
) -> tuple[dict[str, Responsibility], dict[str, Responsibility]]:
    """The plan's responsibilities by id and by problem (the first for each), for the plan seen
    last: looking each entry's up in a list made counting a large ledger quadratic."""
    found = _LOOKUP[0] if _LOOKUP else None
    if found is None or found[0] is not plan:
        by_id: dict[str, Responsibility] = {}
        by_problem: dict[str, Responsibility] = {}
        for responsibility in plan.responsibilities:
            by_id.setdefault(responsibility.id, responsibility)
            by_problem.setdefault(responsibility.problem, responsibility)
        found = (plan, by_id, by_problem)
        _LOOKUP[:] = [found]  # another thread may put its own plan here: ``found`` stays ours
    return found[1], found[2]


def entry_as_of(entry: LedgerEntry, as_of: datetime.date) -> LedgerEntry:
    """The entry as its ledger stood at the end of ``as_of``: only the events dated up to then.

    Because the history is append-only, this *is* the entry as it was recorded on that day:
    ``entry_status(entry, d) == entry_status(entry_as_of(entry, d))`` for every date ``d``.
    """
    return attrs.evolve(entry, history=tuple(e for e in entry.history if e.date <= as_of))


def open_extension_request(entry: LedgerEntry) -> ExtensionRequest | None:
    """The entry's extension request (申请延期整改) that no decision answers yet, if any."""
    answered = {e.request for e in entry.history if isinstance(e, ExtensionDecision)}
    for event in reversed(entry.history):
        if isinstance(event, ExtensionRequest) and event.id not in answered:
            return event
    return None


DONE_STATUSES = frozenset({EntryStatus.COMPLETED, EntryStatus.SIGNED_OFF})
"""Statuses in which an entry counts as done (reported complete, or signed off)."""


# -- the state machine ----------------------------------------------------------------------------


@frozen
class Operation:
    """台账操作: one thing a person does to a ledger entry; each appends one event."""

    name: str
    """The word of the ``inspection-schema ledger`` subcommand that does it."""
    term: str
    verb: str
    target: EntryStatus | None = None
    """The status it always leads to; ``None`` when that depends on the status (see the table)."""


PROGRESS = Operation("progress", "记录整改进展", "record progress")
EXTEND = Operation("extend", "申请延期整改", "request an extension")
DECIDE = Operation("decide", "延期审批", "decide on an extension")
ONGOING = Operation("ongoing", "标记基本完成、持续整改", "mark ongoing", EntryStatus.ONGOING)
COMPLETE = Operation("complete", "标记已完成", "mark completed", EntryStatus.COMPLETED)
ACCEPT_PASSED = Operation("accept", "验收通过", "pass the acceptance")
ACCEPT_FAILED = Operation("accept", "验收不通过", "fail the acceptance")
SIGN_OFF = Operation("sign-off", "销号", "sign off", EntryStatus.SIGNED_OFF)
REJECT = Operation("reject", "退回整改", "send back to rectification", EntryStatus.IN_PROGRESS)

OPERATIONS: Final = (
    PROGRESS,
    EXTEND,
    DECIDE,
    ONGOING,
    COMPLETE,
    ACCEPT_PASSED,
    ACCEPT_FAILED,
    SIGN_OFF,
    REJECT,
)

_S = EntryStatus
TRANSITIONS: Final[Mapping[EntryStatus, Mapping[Operation, EntryStatus]]] = {
    _S.NOT_STARTED: {
        PROGRESS: _S.IN_PROGRESS,  # the first progress note starts the rectification
        EXTEND: _S.NOT_STARTED,
        DECIDE: _S.NOT_STARTED,
    },
    _S.IN_PROGRESS: {
        PROGRESS: _S.IN_PROGRESS,
        EXTEND: _S.IN_PROGRESS,
        DECIDE: _S.IN_PROGRESS,
        ONGOING: _S.ONGOING,
        COMPLETE: _S.COMPLETED,
    },
    _S.ONGOING: {
        PROGRESS: _S.ONGOING,
        EXTEND: _S.ONGOING,
        DECIDE: _S.ONGOING,
        COMPLETE: _S.COMPLETED,
        REJECT: _S.IN_PROGRESS,
    },
    _S.COMPLETED: {
        PROGRESS: _S.COMPLETED,  # further work or evidence while awaiting acceptance
        DECIDE: _S.COMPLETED,  # a request made before completion may still be answered
        ACCEPT_PASSED: _S.COMPLETED,
        ACCEPT_FAILED: _S.IN_PROGRESS,
        SIGN_OFF: _S.SIGNED_OFF,  # only after a passed acceptance since the completion
        REJECT: _S.IN_PROGRESS,
    },
    _S.SIGNED_OFF: {},  # 销号 is final
}
"""The state machine: for each status, the operations allowed and the status each leads to.

Conditions beyond the status: at most one open extension request (a request needs none open, a
decision needs one); a sign-off needs evidence and a passed acceptance after the last
completion; an extension asks for (and an approval grants) a deadline later than the one in force.
"""


# -- errors ---------------------------------------------------------------------------------------


class LifecycleError(InspectionSchemaError):
    """A ledger operation was refused: an unknown id, a date out of order, a missing argument."""


class IllegalTransitionError(LifecycleError):
    """The state machine does not allow this operation on the entry in its present status."""

    def __init__(
        self,
        entry: LedgerEntry,
        status: EntryStatus,
        operation: Operation,
        reason: str | None = None,
        reason_zh: str | None = None,
    ) -> None:
        self.entry = entry.id
        self.number = entry.number
        self.status = status
        self.operation = operation
        self.target = operation.target
        allowed = [s for s, ops in TRANSITIONS.items() if operation in ops]
        allowed_en = ", ".join(f"{s.value} ({s.term})" for s in allowed) or "no status"
        allowed_zh = "、".join(f"“{s.term}”" for s in allowed) or "(无)"
        where = f"entry {entry.id} (No. {entry.number})"
        where_zh = f"第{entry.number}项({entry.id})"
        here = f"{status.value} ({status.term})"
        target = operation.target
        if target is not None:
            english = f"{where}: cannot {operation.verb} from {here} to {target.value} "
            english += f"({target.term})"
            chinese = f"{where_zh}:不能由“{status.term}”转为“{target.term}”({operation.term})"
        else:
            english = f"{where}: cannot {operation.verb} while it is {here}"
            chinese = f"{where_zh}:当前为“{status.term}”,不能{operation.term}"
        if reason is not None:
            english += f": {reason}"
            chinese += f":{reason_zh or reason}"
        elif operation not in TRANSITIONS[status]:
            english += f"; allowed only {'from' if target else 'while'} {allowed_en}"
            chinese += f";{operation.term}仅适用于{allowed_zh}状态"
        super().__init__(f"{english} / {chinese}")


# -- recording ------------------------------------------------------------------------------------


@frozen
class _Place:
    """Where an entry sits in a document, and what its checks need."""

    document: Document
    rectification_index: int
    entry_index: int

    @property
    def rectification(self) -> Rectification:
        return self.document.rectifications[self.rectification_index]

    @property
    def entry(self) -> LedgerEntry:
        return self.rectification.entries[self.entry_index]


def _locate(document: Document, entry: str) -> _Place:
    for r_index, rectification in enumerate(document.rectifications):
        for e_index, candidate in enumerate(rectification.entries):
            if candidate.id == entry:
                return _Place(document, r_index, e_index)
    raise LifecycleError(
        f"unknown ledger entry {entry!r}: no entry of the document has this id"
        f" / 未知台账条目 {entry!r}:文档中没有此标识的条目"
    )


def _feedback_date(place: _Place) -> datetime.date | None:
    wanted = place.rectification.inspection
    for inspection in place.document.inspections:
        if inspection.id == wanted and inspection.feedback is not None:
            return inspection.feedback.date
    return None


def _check_date(place: _Place, date: datetime.date) -> None:
    entry = place.entry
    if entry.history:
        last = max(entry.history, key=lambda event: event.date)
        if date < last.date:
            raise LifecycleError(
                f"entry {entry.id} (No. {entry.number}): the date {date.isoformat()} is before "
                f"its last event {last.id} on {last.date.isoformat()}; the history is kept "
                f"in date order / 第{entry.number}项({entry.id}):日期 {date.isoformat()} "
                f"早于该条目最近一条记录({last.id},{last.date.isoformat()}),台账按日期顺序记录"
            )
    feedback = _feedback_date(place)
    if feedback is not None and date < feedback:
        raise LifecycleError(
            f"entry {entry.id} (No. {entry.number}): the date {date.isoformat()} is before the "
            f"feedback on {feedback.isoformat()} / 第{entry.number}项({entry.id}):"
            f"日期 {date.isoformat()} 早于巡察反馈日期 {feedback.isoformat()}"
        )


def _check_person(document: Document, person: str, role: str, role_zh: str) -> None:
    if any(p.id == person for p in document.people):
        return
    if any(e.id == person and e.type == "Person" for e in document.external):
        return
    raise LifecycleError(
        f"unknown person {person!r} as {role}: not a person of the document nor an external "
        f"reference to one / 未知人员 {person!r}({role_zh}):"
        "文档中没有此人员,也没有指向此人员的外部引用"
    )


def _check_evidence(place: _Place, evidence: Iterable[str]) -> tuple[str, ...]:
    given = (evidence,) if isinstance(evidence, str) else tuple(evidence)  # one id, not letters
    known = {e.id for e in place.rectification.evidence} | {
        e.id for e in place.document.external if e.type == "Evidence"
    }
    for item in given:
        if item not in known:
            raise LifecycleError(
                f"unknown evidence {item!r}: not evidence of rectification "
                f"{place.rectification.id} nor an external reference to evidence (add it "
                f"with add_evidence first) / 未知佐证材料 {item!r}:整改 "
                f"{place.rectification.id} 中没有此佐证材料"
            )
    return given


def _require_text(text: str | None, what: str, what_zh: str) -> str:
    if text is None or not text.strip():
        raise LifecycleError(f"{what} must not be empty / {what_zh}不能为空")
    return text


_ID_FIELDS: dict[type, tuple[str | None, tuple[str, ...]]] = {}


def _id_fields(cls: type) -> tuple[str | None, tuple[str, ...]]:
    """The name of a class's id field and of the fields that may hold model objects."""
    found = _ID_FIELDS.get(cls)
    if found is None:
        id_field: str | None = None
        others: list[str] = []
        for attribute in attrs.fields(cls):
            if info(attribute).role == "id":
                id_field = attribute.name
            elif info(attribute).role == "value":
                others.append(attribute.name)
        found = _ID_FIELDS[cls] = (id_field, tuple(others))
    return found


def document_ids(document: Document) -> set[str]:
    """Every id of every object of the document (new ids must avoid them all)."""
    ids: set[str] = set()
    stack: list[Any] = [document]
    while stack:
        obj = stack.pop()
        id_field, others = _id_fields(type(obj))
        if id_field is not None:
            ids.add(getattr(obj, id_field))
        for name in others:
            value = getattr(obj, name)
            if isinstance(value, tuple):
                stack.extend(item for item in value if attrs.has(type(item)))
            elif attrs.has(type(value)):
                stack.append(value)
    return ids


def _new_id(place: _Place, kind: type[HistoryEvent]) -> str:
    """``{entry}-{kind}-{n}``: deterministic, and unique in the document."""
    entry = place.entry
    taken = document_ids(place.document)
    word = kind.KIND.replace("_", "-")
    number = 1 + sum(isinstance(event, kind) for event in entry.history)
    while f"{entry.id}-{word}-{number}" in taken:
        number += 1
    return f"{entry.id}-{word}-{number}"


def _check_texts(obj: Any) -> None:
    """Refuse text a document cannot carry in a new object (the readers refuse it on load)."""
    for attribute in attrs.fields(type(obj)):
        value = getattr(obj, attribute.name)
        for text in value if isinstance(value, tuple) else (value,):
            why = forbidden_in(text) if isinstance(text, str) else None
            if why is not None:
                raise LifecycleError(f"{attribute.name}: {why[0]} / {attribute.name}:{why[1]}")


def _appended(
    place: _Place, make: Callable[[str], HistoryEvent], kind: type[HistoryEvent]
) -> Document:
    event = make(_new_id(place, kind))
    _check_texts(event)
    entry = attrs.evolve(place.entry, history=(*place.entry.history, event))
    rectification = place.rectification
    entries = list(rectification.entries)
    entries[place.entry_index] = entry
    rectifications = list(place.document.rectifications)
    rectifications[place.rectification_index] = attrs.evolve(rectification, entries=tuple(entries))
    return attrs.evolve(place.document, rectifications=tuple(rectifications))


def _prepare(
    document: Document,
    entry: str,
    operation: Operation,
    date: datetime.date,
    persons: Iterable[tuple[str | None, str, str]] = (),
) -> tuple[_Place, EntryStatus]:
    """The checks every operation makes, in order: entry, transition, date, persons.

    Returns where the entry is and the status the operation leads to.
    """
    place = _locate(document, entry)
    status = entry_status(place.entry)
    outcome = TRANSITIONS[status].get(operation)
    if outcome is None:
        raise IllegalTransitionError(place.entry, status, operation)
    _check_date(place, date)
    for person, role, role_zh in persons:
        if person is not None:
            _check_person(document, person, role, role_zh)
    return place, outcome


def _check_new_deadline(
    place: _Place, deadline: datetime.date, requested_on: datetime.date | None
) -> None:
    """An extension must end later than the deadline in force (and a request, than its date).

    A decision may grant a deadline that has already passed on the day it is made: offices
    approve late, and the ledger records what was granted.
    """
    entry = place.entry
    current = entry_deadline(entry, entry_responsibility(place.rectification, place.entry))
    floors = [day for day in (current, requested_on) if day is not None]
    if not floors:
        return
    floor = max(floors)
    if deadline <= floor:
        raise LifecycleError(
            f"entry {entry.id} (No. {entry.number}): an extension to {deadline.isoformat()} "
            f"extends nothing: it must be later than {floor.isoformat()} (the deadline in "
            f"force, or the date of the request) / 第{entry.number}项({entry.id}):延期至 "
            f"{deadline.isoformat()} 不构成延期,应晚于 {floor.isoformat()}(现行整改时限或申请日期)"
        )


def add_evidence(document: Document, rectification: str, evidence: Evidence) -> Document:
    """Add a file of evidence (佐证材料) to a rectification, so that events can cite its id."""
    _check_texts(evidence)
    if evidence.digest is not None:
        _check_texts(evidence.digest)
    if evidence.id in document_ids(document):
        raise LifecycleError(
            f"the id {evidence.id!r} is already used in the document"
            f" / 标识 {evidence.id!r} 已被使用"
        )
    rectifications = list(document.rectifications)
    for index, candidate in enumerate(rectifications):
        if candidate.id == rectification:
            rectifications[index] = attrs.evolve(
                candidate, evidence=(*candidate.evidence, evidence)
            )
            return attrs.evolve(document, rectifications=tuple(rectifications))
    raise LifecycleError(f"unknown rectification {rectification!r} / 未知整改 {rectification!r}")


def record_progress(
    document: Document,
    entry: str,
    *,
    date: datetime.date,
    text: str,
    by: str | None = None,
    evidence: Iterable[str] = (),
) -> Document:
    """记录整改进展: a dated note of what was done; the first one starts the rectification."""
    place, _ = _prepare(document, entry, PROGRESS, date, [(by, "recorder", "记录人")])
    text = _require_text(text, "the progress text", "进展情况")
    cited = _check_evidence(place, evidence)
    return _appended(
        place,
        lambda id: ProgressNote(id=id, date=date, text=text, by=by, evidence=cited),
        ProgressNote,
    )


def request_extension(
    document: Document,
    entry: str,
    *,
    date: datetime.date,
    by: str,
    requested_deadline: datetime.date,
    reason: str,
) -> Document:
    """申请延期整改: ask for a later deadline; one request may be open at a time."""
    place, _ = _prepare(document, entry, EXTEND, date, [(by, "applicant", "申请人")])
    reason = _require_text(reason, "the reason for the extension", "延期理由")
    pending = open_extension_request(place.entry)
    if pending is not None:
        status = entry_status(place.entry)
        raise IllegalTransitionError(
            place.entry,
            status,
            EXTEND,
            f"the request {pending.id} of {pending.date.isoformat()} is still open",
            f"延期申请 {pending.id}({pending.date.isoformat()})尚未审批",
        )
    _check_new_deadline(place, requested_deadline, date)
    return _appended(
        place,
        lambda id: ExtensionRequest(
            id=id, date=date, by=by, requested_deadline=requested_deadline, reason=reason
        ),
        ExtensionRequest,
    )


def decide_extension(
    document: Document,
    entry: str,
    *,
    date: datetime.date,
    by: str,
    approved: bool,
    deadline: datetime.date | None = None,
    note: str | None = None,
) -> Document:
    """延期审批: answer the entry's open request; an approval grants ``deadline``.

    ``deadline`` defaults to the requested one; a refusal takes none.
    """
    place, _ = _prepare(document, entry, DECIDE, date, [(by, "approver", "审批人")])
    pending = open_extension_request(place.entry)
    if pending is None:
        raise IllegalTransitionError(
            place.entry,
            entry_status(place.entry),
            DECIDE,
            "there is no open extension request to decide",
            "没有待审批的延期申请",
        )
    if approved:
        deadline = deadline if deadline is not None else pending.requested_deadline
        _check_new_deadline(place, deadline, None)
    elif deadline is not None:
        raise LifecycleError(
            "a refused extension grants no deadline / 不同意延期时不应给出批准时限"
        )
    request = pending.id
    return _appended(
        place,
        lambda id: ExtensionDecision(
            id=id,
            date=date,
            by=by,
            request=request,
            approved=approved,
            deadline=deadline,
            note=note,
        ),
        ExtensionDecision,
    )


def _status_change(
    document: Document,
    entry: str,
    operation: Operation,
    *,
    date: datetime.date,
    by: str,
    note: str | None,
) -> Document:
    place, outcome = _prepare(document, entry, operation, date, [(by, "changed by", "变更人")])
    return _appended(
        place,
        lambda id: StatusChange(id=id, date=date, by=by, status=outcome, note=note),
        StatusChange,
    )


def mark_ongoing(
    document: Document,
    entry: str,
    *,
    date: datetime.date,
    by: str,
    note: str | None = None,
) -> Document:
    """基本完成、持续整改: the stage's work is done and the rest goes on as a long-term task."""
    return _status_change(document, entry, ONGOING, date=date, by=by, note=note)


def mark_completed(
    document: Document,
    entry: str,
    *,
    date: datetime.date,
    by: str,
    note: str | None = None,
) -> Document:
    """已完成: the entry is reported done; it waits for acceptance (验收) and sign-off."""
    return _status_change(document, entry, COMPLETE, date=date, by=by, note=note)


def reject(
    document: Document,
    entry: str,
    *,
    date: datetime.date,
    by: str,
    reason: str,
) -> Document:
    """退回整改: a completion or ongoing claim is sent back to in progress, with the reason."""
    reason = _require_text(reason, "the reason for sending back", "退回理由")
    return _status_change(document, entry, REJECT, date=date, by=by, note=reason)


def accept(
    document: Document,
    entry: str,
    *,
    date: datetime.date,
    by: str,
    passed: bool,
    opinion: str | None = None,
    evidence: Iterable[str] = (),
) -> Document:
    """验收: the inspection office checks a reported completion; a failure reopens the entry."""
    operation = ACCEPT_PASSED if passed else ACCEPT_FAILED
    place, _ = _prepare(document, entry, operation, date, [(by, "examiner", "验收人")])
    cited = _check_evidence(place, evidence)
    return _appended(
        place,
        lambda id: Acceptance(
            id=id, date=date, by=by, passed=passed, opinion=opinion, evidence=cited
        ),
        Acceptance,
    )


def _passed_since_completion(entry: LedgerEntry) -> bool:
    """Whether a passed acceptance follows the entry's last report of completion."""
    passed = False
    for event in entry.history:
        if isinstance(event, StatusChange) and event.status is EntryStatus.COMPLETED:
            passed = False
        elif isinstance(event, Acceptance):
            passed = event.passed
    return passed


def sign_off(
    document: Document,
    entry: str,
    *,
    date: datetime.date,
    approver: str,
    evidence: Iterable[str],
    note: str | None = None,
) -> Document:
    """销号: close a completed entry that passed acceptance, citing the evidence it rests on."""
    place, _ = _prepare(document, entry, SIGN_OFF, date, [(approver, "approver", "审批人")])
    if not _passed_since_completion(place.entry):
        raise IllegalTransitionError(
            place.entry,
            entry_status(place.entry),
            SIGN_OFF,
            "no acceptance has passed since it was reported completed",
            "报告完成后尚无验收通过的记录",
        )
    cited = _check_evidence(place, evidence)
    if not cited:
        raise LifecycleError(
            f"entry {place.entry.id} (No. {place.entry.number}): a sign-off needs evidence"
            f" / 第{place.entry.number}项({place.entry.id}):销号须附佐证材料"
        )
    return _appended(
        place,
        lambda id: SignOff(id=id, date=date, approver=approver, evidence=cited, note=note),
        SignOff,
    )
