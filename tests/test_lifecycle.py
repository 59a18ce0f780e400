"""The ledger lifecycle: the state machine, append-only history, and the past read back from it.

Issue 5's "done when": the ledger's state as of a past date is reproduced from history
(:func:`test_the_state_as_of_a_past_date_is_reproduced_from_history`, and for any sequence of
operations :func:`test_legal_operations_append_only_and_the_past_is_reproduced`); an illegal
transition is refused (:func:`test_every_illegal_transition_is_refused_naming_both_states`).
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import event as note_event
from hypothesis import given
from hypothesis import strategies as st

from inspection_schema import api
from inspection_schema.integrity import check_integrity
from inspection_schema.lifecycle import (
    ACCEPT_FAILED,
    ACCEPT_PASSED,
    COMPLETE,
    DECIDE,
    EXTEND,
    ONGOING,
    OPERATIONS,
    PROGRESS,
    REJECT,
    SIGN_OFF,
    TRANSITIONS,
    IllegalTransitionError,
    LifecycleError,
    Operation,
    accept,
    add_evidence,
    decide_extension,
    document_ids,
    entry_as_of,
    entry_deadline,
    entry_status,
    mark_completed,
    mark_ongoing,
    open_extension_request,
    record_progress,
    reject,
    request_extension,
    sign_off,
)
from inspection_schema.model import (
    Acceptance,
    Document,
    EntryStatus,
    Evidence,
    ExtensionDecision,
    ExtensionRequest,
    ExternalReference,
    LedgerEntry,
    ProgressNote,
    Responsibility,
    SignOff,
    StatusChange,
)

EXAMPLE = Path(__file__).parent.parent / "examples" / "fulian-2023.json"
FEEDBACK = datetime.date(2023, 6, 9)
EVIDENCE = ("ev-rules-revised", "ev-minutes")
S = EntryStatus


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


@functools.cache
def example() -> Document:
    return api.load(EXAMPLE)


@functools.cache
def fresh() -> Document:
    """The example with every history emptied: a ledger on the day of feedback."""
    document = example()
    rectifications = tuple(
        attrs.evolve(r, entries=tuple(attrs.evolve(e, history=()) for e in r.entries))
        for r in document.rectifications
    )
    return attrs.evolve(document, rectifications=rectifications)


def entry_of(document: Document, entry: str) -> LedgerEntry:
    return next(e for r in document.rectifications for e in r.entries if e.id == entry)


def responsibility_of(document: Document, entry: LedgerEntry) -> Responsibility | None:
    plan = document.rectifications[0].plan
    assert plan is not None
    return next((r for r in plan.responsibilities if r.id == entry.responsibility), None)


def deadline_of(document: Document, entry: str) -> datetime.date | None:
    found = entry_of(document, entry)
    return entry_deadline(found, responsibility_of(document, found))


def assert_appended(before: Document, after: Document, entry: str) -> None:
    """``after`` is ``before`` with one event appended to ``entry``, coherent, ids unique."""
    old, new = entry_of(before, entry), entry_of(after, entry)
    assert new.history[: len(old.history)] == old.history
    assert len(new.history) == len(old.history) + 1
    assert new.history[-1].id not in document_ids(before)
    assert attrs.evolve(new, history=old.history) == old
    others = [e for r in after.rectifications for e in r.entries if e.id != entry]
    assert others == [e for r in before.rectifications for e in r.entries if e.id != entry]
    assert check_integrity(after) == []


# -- each function on the example -------------------------------------------------------------


def test_record_progress() -> None:
    document = example()
    after = record_progress(
        document,
        "entry-4",
        date=day("2024-01-05"),
        text="下沉基层联系点工作方案已印发",
        by="px-zheng",
        evidence=["ev-minutes"],
    )
    assert_appended(document, after, "entry-4")
    note = entry_of(after, "entry-4").history[-1]
    assert note == ProgressNote(
        id="entry-4-progress-2",
        date=day("2024-01-05"),
        text="下沉基层联系点工作方案已印发",
        by="px-zheng",
        evidence=("ev-minutes",),
    )
    assert entry_status(entry_of(after, "entry-4")) is S.IN_PROGRESS
    assert entry_of(document, "entry-4") == example().rectifications[0].entries[3]  # untouched


@pytest.mark.parametrize(("text", "char"), [("甲\x01乙", "U+0001"), ("甲\ud800", "U+D800")])
def test_text_a_document_cannot_carry_is_refused(text: str, char: str) -> None:
    document = example()
    with pytest.raises(LifecycleError, match=re.escape(char)):
        record_progress(document, "entry-4", date=day("2024-01-05"), text=text, by="px-zheng")
    with pytest.raises(LifecycleError, match=re.escape(char)):
        add_evidence(document, "rect-fulian", Evidence(id="ev-new", title=text))


def test_the_first_progress_note_starts_an_entry() -> None:
    document = fresh()
    assert entry_status(entry_of(document, "entry-1")) is S.NOT_STARTED
    after = record_progress(document, "entry-1", date=FEEDBACK, text="制定措施")
    assert_appended(document, after, "entry-1")
    assert entry_status(entry_of(after, "entry-1")) is S.IN_PROGRESS
    assert entry_status(entry_of(after, "entry-1"), FEEDBACK - datetime.timedelta(1)) is (
        S.NOT_STARTED
    )


def test_progress_on_a_completed_entry_keeps_it_completed() -> None:
    after = record_progress(example(), "entry-3", date=day("2024-01-05"), text="补充会议纪要")
    assert_appended(example(), after, "entry-3")
    assert entry_status(entry_of(after, "entry-3")) is S.COMPLETED


def test_request_and_approve_an_extension() -> None:
    document = example()
    assert deadline_of(document, "entry-4") == day("2023-09-30")
    asked = request_extension(
        document,
        "entry-4",
        date=day("2024-01-05"),
        by="px-zheng",
        requested_deadline=day("2024-06-30"),
        reason="需与年度工作同步推进",
    )
    assert_appended(document, asked, "entry-4")
    request = entry_of(asked, "entry-4").history[-1]
    assert isinstance(request, ExtensionRequest)
    assert open_extension_request(entry_of(asked, "entry-4")) == request
    assert deadline_of(asked, "entry-4") == day("2023-09-30")  # asking changes nothing
    granted = decide_extension(
        asked, "entry-4", date=day("2024-01-08"), by="px-qian", approved=True
    )
    assert_appended(asked, granted, "entry-4")
    decision = entry_of(granted, "entry-4").history[-1]
    assert isinstance(decision, ExtensionDecision)
    assert (decision.request, decision.approved, decision.deadline) == (
        request.id,
        True,
        day("2024-06-30"),
    )
    assert open_extension_request(entry_of(granted, "entry-4")) is None
    assert deadline_of(granted, "entry-4") == day("2024-06-30")
    shorter = decide_extension(
        asked,
        "entry-4",
        date=day("2024-01-08"),
        by="px-qian",
        approved=True,
        deadline=day("2024-03-31"),
    )
    assert deadline_of(shorter, "entry-4") == day("2024-03-31")


def test_refuse_an_extension() -> None:
    asked = request_extension(
        example(),
        "entry-6",
        date=day("2024-01-05"),
        by="px-wu",
        requested_deadline=day("2024-09-30"),
        reason="首次联席会议待召开",
    )
    refused = decide_extension(
        asked, "entry-6", date=day("2024-01-06"), by="px-qian", approved=False, note="不同意"
    )
    assert_appended(asked, refused, "entry-6")
    decision = entry_of(refused, "entry-6").history[-1]
    assert isinstance(decision, ExtensionDecision)
    assert (decision.approved, decision.deadline, decision.note) == (False, None, "不同意")
    assert deadline_of(refused, "entry-6") == deadline_of(example(), "entry-6")
    with pytest.raises(LifecycleError, match="refused extension grants no deadline"):
        decide_extension(
            asked,
            "entry-6",
            date=day("2024-01-06"),
            by="px-qian",
            approved=False,
            deadline=day("2024-09-30"),
        )


def test_one_extension_request_at_a_time() -> None:
    asked = request_extension(
        example(),
        "entry-4",
        date=day("2024-01-05"),
        by="px-zheng",
        requested_deadline=day("2024-06-30"),
        reason="理由",
    )
    with pytest.raises(IllegalTransitionError, match="still open") as caught:
        request_extension(
            asked,
            "entry-4",
            date=day("2024-01-06"),
            by="px-zheng",
            requested_deadline=day("2024-07-31"),
            reason="理由",
        )
    assert "entry-4-extension-request-1" in str(caught.value)
    with pytest.raises(IllegalTransitionError, match="no open extension request"):
        decide_extension(example(), "entry-4", date=day("2024-01-06"), by="px-qian", approved=True)


def test_an_extension_must_extend() -> None:
    with pytest.raises(LifecycleError, match="extends nothing") as caught:
        request_extension(
            example(),
            "entry-5",  # extended to 2024-03-31 already
            date=day("2024-01-05"),
            by="px-zheng",
            requested_deadline=day("2024-02-29"),
            reason="理由",
        )
    assert "2024-03-31" in str(caught.value)


def test_mark_ongoing_and_then_completed() -> None:
    ongoing = mark_ongoing(example(), "entry-4", date=day("2024-01-05"), by="px-zheng")
    assert_appended(example(), ongoing, "entry-4")
    assert entry_status(entry_of(ongoing, "entry-4")) is S.ONGOING
    completed = mark_completed(
        ongoing, "entry-4", date=day("2024-02-05"), by="px-zheng", note="全部完成"
    )
    assert_appended(ongoing, completed, "entry-4")
    change = entry_of(completed, "entry-4").history[-1]
    assert change == StatusChange(
        id="entry-4-status-3",
        date=day("2024-02-05"),
        by="px-zheng",
        status=S.COMPLETED,
        note="全部完成",
    )


def test_accept_and_sign_off() -> None:
    accepted = accept(
        example(),
        "entry-3",
        date=day("2024-01-05"),
        by="px-sun",
        passed=True,
        opinion="同意销号",
        evidence=["ev-minutes"],
    )
    assert_appended(example(), accepted, "entry-3")
    assert entry_status(entry_of(accepted, "entry-3")) is S.COMPLETED
    closed = sign_off(
        accepted, "entry-3", date=day("2024-01-10"), approver="px-qian", evidence=["ev-minutes"]
    )
    assert_appended(accepted, closed, "entry-3")
    event = entry_of(closed, "entry-3").history[-1]
    assert event == SignOff(
        id="entry-3-sign-off-1",
        date=day("2024-01-10"),
        approver="px-qian",
        evidence=("ev-minutes",),
    )
    assert entry_status(entry_of(closed, "entry-3")) is S.SIGNED_OFF
    assert entry_status(entry_of(closed, "entry-3"), day("2024-01-09")) is S.COMPLETED
    assert api.validate(closed) == []


def test_a_failed_acceptance_reopens_the_entry() -> None:
    failed = accept(
        example(), "entry-3", date=day("2024-01-05"), by="px-sun", passed=False, opinion="纪要不全"
    )
    assert_appended(example(), failed, "entry-3")
    entry = entry_of(failed, "entry-3")
    assert isinstance(entry.history[-1], Acceptance)
    assert entry_status(entry) is S.IN_PROGRESS
    assert entry_status(entry, day("2024-01-04")) is S.COMPLETED


def test_reject_sends_back_to_in_progress_with_the_reason() -> None:
    rejected = reject(
        example(), "entry-1", date=day("2024-01-05"), by="px-qian", reason="学习计划未落实"
    )
    assert_appended(example(), rejected, "entry-1")
    change = entry_of(rejected, "entry-1").history[-1]
    assert isinstance(change, StatusChange)
    assert (change.status, change.note, change.by) == (S.IN_PROGRESS, "学习计划未落实", "px-qian")
    with pytest.raises(LifecycleError, match="must not be empty"):
        reject(example(), "entry-1", date=day("2024-01-05"), by="px-qian", reason=" ")


def test_sign_off_needs_a_passed_acceptance_after_the_completion() -> None:
    with pytest.raises(IllegalTransitionError, match="no acceptance has passed") as caught:
        sign_off(
            example(), "entry-3", date=day("2024-01-10"), approver="px-qian", evidence=EVIDENCE
        )
    message = str(caught.value)
    assert "completed (已完成)" in message
    assert "signed_off (已销号)" in message
    # An acceptance before a reopening does not count for the next completion.
    document = accept(example(), "entry-3", date=day("2024-01-05"), by="px-sun", passed=True)
    document = reject(document, "entry-3", date=day("2024-01-06"), by="px-qian", reason="反弹")
    document = mark_completed(document, "entry-3", date=day("2024-01-07"), by="px-zhou")
    with pytest.raises(IllegalTransitionError, match="no acceptance has passed"):
        sign_off(document, "entry-3", date=day("2024-01-10"), approver="px-qian", evidence=EVIDENCE)


def test_sign_off_needs_known_evidence() -> None:
    accepted = accept(example(), "entry-3", date=day("2024-01-05"), by="px-sun", passed=True)
    with pytest.raises(LifecycleError, match="needs evidence"):
        sign_off(accepted, "entry-3", date=day("2024-01-10"), approver="px-qian", evidence=[])
    with pytest.raises(LifecycleError, match="'ev-nowhere'"):
        sign_off(
            accepted, "entry-3", date=day("2024-01-10"), approver="px-qian", evidence=["ev-nowhere"]
        )
    added = add_evidence(
        accepted, "rect-fulian", Evidence(id="ev-check", title="验收材料", location="archive://x")
    )
    closed = sign_off(
        added, "entry-3", date=day("2024-01-10"), approver="px-qian", evidence=["ev-check"]
    )
    assert check_integrity(closed) == []
    with pytest.raises(LifecycleError, match="already used"):
        add_evidence(added, "rect-fulian", Evidence(id="entry-3", title="重复"))
    with pytest.raises(LifecycleError, match="unknown rectification"):
        add_evidence(added, "rect-nowhere", Evidence(id="ev-x", title="材料"))


# -- the state machine ------------------------------------------------------------------------


def test_the_table_covers_every_status_and_signed_off_is_final() -> None:
    assert set(TRANSITIONS) == set(EntryStatus)
    assert TRANSITIONS[S.SIGNED_OFF] == {}
    for status, operations in TRANSITIONS.items():
        assert set(operations) <= set(OPERATIONS), status
        for operation, outcome in operations.items():
            assert operation.target in (None, outcome), (status, operation)
    reachable = {S.NOT_STARTED}
    for _ in EntryStatus:
        reachable |= {o for s in reachable for o in TRANSITIONS[s].values()}
    assert reachable == set(EntryStatus)


def _apply(
    document: Document, entry: str, operation: Operation, date: datetime.date, **options: Any
) -> Document:
    """Perform ``operation`` with plausible arguments (``options`` override them)."""
    later = max(date, deadline_of(document, entry) or date) + datetime.timedelta(days=30)
    calls: dict[Operation, Callable[[], Document]] = {
        PROGRESS: lambda: record_progress(
            document, entry, date=date, text="进展", by="px-wu", **options
        ),
        EXTEND: lambda: request_extension(
            document, entry, date=date, by="px-zheng", requested_deadline=later, reason="理由"
        ),
        DECIDE: lambda: decide_extension(
            document, entry, date=date, by="px-qian", approved=True, **options
        ),
        ONGOING: lambda: mark_ongoing(document, entry, date=date, by="px-wu"),
        COMPLETE: lambda: mark_completed(document, entry, date=date, by="px-wu"),
        ACCEPT_PASSED: lambda: accept(
            document, entry, date=date, by="px-sun", passed=True, **options
        ),
        ACCEPT_FAILED: lambda: accept(
            document, entry, date=date, by="px-sun", passed=False, **options
        ),
        SIGN_OFF: lambda: sign_off(
            document,
            entry,
            date=date,
            approver="px-qian",
            evidence=options.get("evidence", EVIDENCE),
        ),
        REJECT: lambda: reject(document, entry, date=date, by="px-qian", reason="不符合要求"),
    }
    return calls[operation]()


_PATHS: dict[EntryStatus, tuple[Operation, ...]] = {
    S.NOT_STARTED: (),
    S.IN_PROGRESS: (PROGRESS,),
    S.ONGOING: (PROGRESS, ONGOING),
    S.COMPLETED: (PROGRESS, COMPLETE),
    S.SIGNED_OFF: (PROGRESS, COMPLETE, ACCEPT_PASSED, SIGN_OFF),
}


def _in_status(status: EntryStatus, entry: str = "entry-4") -> Document:
    document = fresh()
    for n, operation in enumerate(_PATHS[status]):
        document = _apply(document, entry, operation, FEEDBACK + datetime.timedelta(days=n))
    assert entry_status(entry_of(document, entry)) is status
    return document


@pytest.mark.parametrize(
    ("status", "operation"),
    [
        (status, operation)
        for status in EntryStatus
        for operation in OPERATIONS
        if operation not in TRANSITIONS[status]
    ],
    ids=lambda value: value.value if isinstance(value, EntryStatus) else value.verb,
)
def test_every_illegal_transition_is_refused_naming_both_states(
    status: EntryStatus, operation: Operation
) -> None:
    document = _in_status(status)
    with pytest.raises(IllegalTransitionError) as caught:
        _apply(document, "entry-4", operation, day("2023-12-01"))
    error = caught.value
    message = str(error)
    assert (error.entry, error.number, error.status, error.operation) == (
        "entry-4",
        4,
        status,
        operation,
    )
    assert "entry-4 (No. 4)" in message
    assert "第4项(entry-4)" in message
    assert f"{status.value} ({status.term})" in message
    assert f"“{status.term}”" in message
    # The other state: where the operation would lead, else where it is allowed.
    others = (
        [operation.target]
        if operation.target
        else [s for s, operations in TRANSITIONS.items() if operation in operations]
    )
    for other in others:
        assert other is not None
        assert f"{other.value} ({other.term})" in message
        assert f"“{other.term}”" in message


@pytest.mark.parametrize(
    ("status", "operation"),
    [(status, operation) for status, operations in TRANSITIONS.items() for operation in operations],
    ids=lambda value: value.value if isinstance(value, EntryStatus) else value.verb,
)
def test_every_legal_transition_leads_where_the_table_says(
    status: EntryStatus, operation: Operation
) -> None:
    document = _in_status(status)
    date = day("2023-12-01")
    if operation is DECIDE:  # answers an open request
        document = (
            request_extension(
                document,
                "entry-4",
                date=date,
                by="px-zheng",
                requested_deadline=day("2024-06-30"),
                reason="理由",
            )
            if status is not S.COMPLETED
            else _completed_with_open_request()
        )
    if operation is SIGN_OFF:
        document = accept(document, "entry-4", date=date, by="px-sun", passed=True)
    after = _apply(document, "entry-4", operation, date)
    assert_appended(document, after, "entry-4")
    assert entry_status(entry_of(after, "entry-4")) is TRANSITIONS[status][operation]


def _completed_with_open_request() -> Document:
    document = _apply(fresh(), "entry-4", PROGRESS, FEEDBACK)
    document = request_extension(
        document,
        "entry-4",
        date=FEEDBACK,
        by="px-zheng",
        requested_deadline=day("2024-06-30"),
        reason="理由",
    )
    return mark_completed(document, "entry-4", date=FEEDBACK, by="px-zheng")


# -- what is refused besides transitions ------------------------------------------------------


def test_unknown_entry_is_refused_naming_it() -> None:
    with pytest.raises(LifecycleError, match="'entry-99'"):
        record_progress(example(), "entry-99", date=day("2024-01-05"), text="进展")


def test_unknown_persons_are_refused_naming_them() -> None:
    with pytest.raises(LifecycleError, match="'px-nobody'"):
        mark_completed(example(), "entry-4", date=day("2024-01-05"), by="px-nobody")
    with pytest.raises(LifecycleError, match="'px-ghost'"):
        record_progress(example(), "entry-4", date=day("2024-01-05"), text="进展", by="px-ghost")
    with pytest.raises(LifecycleError, match="'org-fulian'"):  # an id, but not of a person
        mark_completed(example(), "entry-4", date=day("2024-01-05"), by="org-fulian")


def test_a_person_kept_in_another_document_may_act() -> None:
    document = attrs.evolve(
        example(),
        external=(
            ExternalReference(
                id="px-elsewhere", type="Person", document="doc-other", label="督查组长"
            ),
        ),
    )
    after = mark_completed(document, "entry-4", date=day("2024-01-05"), by="px-elsewhere")
    assert check_integrity(after) == []


def test_dates_may_not_go_back() -> None:
    last = entry_of(example(), "entry-4").history[-1]
    with pytest.raises(LifecycleError, match=f"before its last event {last.id}"):
        record_progress(example(), "entry-4", date=last.date - datetime.timedelta(1), text="进展")
    same_day = record_progress(example(), "entry-4", date=last.date, text="进展")
    assert check_integrity(same_day) == []
    with pytest.raises(LifecycleError, match="before the feedback on 2023-06-09"):
        record_progress(fresh(), "entry-4", date=day("2023-06-08"), text="进展")


def test_new_ids_are_deterministic_and_avoid_every_id_of_the_document() -> None:
    document = add_evidence(
        example(), "rect-fulian", Evidence(id="entry-4-progress-2", title="巧合的标识")
    )
    after = record_progress(document, "entry-4", date=day("2024-01-05"), text="进展")
    assert entry_of(after, "entry-4").history[-1].id == "entry-4-progress-3"
    again = record_progress(document, "entry-4", date=day("2024-01-05"), text="进展")
    assert again == after
    assert check_integrity(after) == []


# -- the past, read back from the history -----------------------------------------------------


def test_the_state_as_of_a_past_date_is_reproduced_from_history() -> None:
    """Keep every document as it was after each day's work; the final history gives each back."""
    script: list[tuple[str, Callable[[Document, datetime.date], Document]]] = [
        ("2024-01-05", lambda d, t: record_progress(d, "entry-4", date=t, text="方案已印发")),
        ("2024-01-10", lambda d, t: _apply(d, "entry-4", EXTEND, t)),
        ("2024-01-15", lambda d, t: _apply(d, "entry-4", DECIDE, t)),
        ("2024-03-01", lambda d, t: mark_completed(d, "entry-4", date=t, by="px-zheng")),
        ("2024-03-10", lambda d, t: accept(d, "entry-4", date=t, by="px-sun", passed=False)),
        ("2024-03-20", lambda d, t: record_progress(d, "entry-4", date=t, text="补充")),
        ("2024-03-25", lambda d, t: mark_completed(d, "entry-4", date=t, by="px-zheng")),
        ("2024-04-01", lambda d, t: accept(d, "entry-4", date=t, by="px-sun", passed=True)),
        ("2024-04-10", lambda d, t: _apply(d, "entry-4", SIGN_OFF, t)),
    ]
    document = example()
    kept = [(entry_of(document, "entry-4").history[-1].date, document)]
    for when, operation in script:
        document = operation(document, day(when))
        kept.append((day(when), document))
    final = entry_of(document, "entry-4")
    responsibility = responsibility_of(document, final)
    expected = {
        "2023-06-30": S.NOT_STARTED,
        "2023-07-01": S.IN_PROGRESS,
        "2024-03-01": S.COMPLETED,
        "2024-03-10": S.IN_PROGRESS,  # the acceptance failed
        "2024-03-25": S.COMPLETED,
        "2024-04-09": S.COMPLETED,
        "2024-04-10": S.SIGNED_OFF,
    }
    for when, status in expected.items():
        assert entry_status(final, day(when)) is status, when
    assert entry_deadline(final, responsibility, day("2024-01-14")) == day("2023-09-30")
    assert entry_deadline(final, responsibility, day("2024-01-15")) == day("2024-02-09")
    start, end = kept[0][0], day("2024-04-30")
    for offset in range((end - start).days + 1):
        past = start + datetime.timedelta(days=offset)
        then = entry_of([d for t, d in kept if t <= past][-1], "entry-4")
        assert entry_as_of(final, past) == then, past
        assert entry_status(final, past) is entry_status(then), past
        assert entry_deadline(final, responsibility, past) == entry_deadline(then, responsibility)


ENTRIES = ("entry-1", "entry-2", "entry-3", "entry-4", "entry-5", "entry-6")


def _open_request(entry: LedgerEntry) -> bool:
    requested = {e.id for e in entry.history if isinstance(e, ExtensionRequest)}
    answered = {e.request for e in entry.history if isinstance(e, ExtensionDecision)}
    return bool(requested - answered)


def _accepted_since_completion(entry: LedgerEntry) -> bool:
    last_completion = max(
        (
            k
            for k, e in enumerate(entry.history)
            if isinstance(e, StatusChange) and e.status is S.COMPLETED
        ),
        default=-1,
    )
    return any(isinstance(e, Acceptance) and e.passed for e in entry.history[last_completion + 1 :])


def _possible(entry: LedgerEntry, operation: Operation) -> bool:
    """The conditions the table does not show, computed here from the history."""
    if operation is EXTEND:
        return not _open_request(entry)
    if operation is DECIDE:
        return _open_request(entry)
    if operation is SIGN_OFF:
        return _accepted_since_completion(entry)
    return True


@given(st.data())
def test_legal_operations_append_only_and_the_past_is_reproduced(data: st.DataObject) -> None:
    """Any sequence of legal operations, each dated on or after the one before.

    Each result holds the previous history unchanged as a prefix, with new unique ids, and
    passes the integrity check; then, for every date, each entry of the final document cut at
    that date is exactly the entry as the document held it then, with the same status and
    deadline (status changes only on event dates, so those and the days before cover all).
    """
    document = fresh()
    clock = FEEDBACK
    kept = [(FEEDBACK - datetime.timedelta(days=1), document)]
    worked_on = ENTRIES[: data.draw(st.integers(1, 3), label="entries worked on")]
    for _ in range(data.draw(st.integers(1, 20), label="steps")):
        entry_id = data.draw(st.sampled_from(worked_on), label="entry")
        entry = entry_of(document, entry_id)
        status = entry_status(entry)
        legal = [op for op in TRANSITIONS[status] if _possible(entry, op)]
        clock += datetime.timedelta(days=data.draw(st.integers(0, 20), label="days"))
        illegal = [op for op in OPERATIONS if op not in legal]
        if illegal and data.draw(st.booleans(), label="try an illegal one"):
            wrong = data.draw(st.sampled_from(illegal), label="illegal")
            with pytest.raises(IllegalTransitionError):
                _apply(document, entry_id, wrong, clock)
        if not legal:
            continue
        operation = data.draw(st.sampled_from(legal), label="operation")
        options: dict[str, Any] = {}
        if operation in (PROGRESS, ACCEPT_PASSED, ACCEPT_FAILED, SIGN_OFF):
            cited = data.draw(st.lists(st.sampled_from(EVIDENCE), unique=True), label="evidence")
            if operation is not SIGN_OFF or cited:
                options["evidence"] = cited
        note_event(f"{status.value}: {operation.verb}")
        after = _apply(document, entry_id, operation, clock, **options)
        assert_appended(document, after, entry_id)
        assert entry_status(entry_of(after, entry_id)) is TRANSITIONS[status][operation]
        document = after
        kept.append((clock, document))
    dates = {clock + datetime.timedelta(days=1)}
    for entry in (entry_of(document, e) for e in ENTRIES):
        for event in entry.history:
            dates |= {event.date, event.date - datetime.timedelta(days=1)}
    for past in sorted(dates):
        then = [d for t, d in kept if t <= past][-1]
        for entry_id in ENTRIES:
            final, before = entry_of(document, entry_id), entry_of(then, entry_id)
            responsibility = responsibility_of(document, final)
            assert entry_as_of(final, past) == before
            assert entry_status(final, past) is entry_status(before)
            assert entry_deadline(final, responsibility, past) == entry_deadline(
                before, responsibility
            )


def test_the_docs_table_is_the_state_machine() -> None:
    """docs/ledger.md lists every transition, and only those, as TRANSITIONS has them."""
    page = (Path(__file__).parent.parent / "docs" / "ledger.md").read_text(encoding="utf-8")
    table = page[page.index("## Transitions") : page.index("`signed_off` 已销号 allows nothing")]
    by_term = {operation.term: operation for operation in OPERATIONS}
    documented = set()
    for line in table.splitlines():
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if len(cells) != 5 or not cells[0].startswith("`"):
            continue
        source, operation, _, _, target = cells
        documented.add(
            (
                EntryStatus(source.split("`")[1]),
                by_term[operation],
                EntryStatus(target.split("`")[1]),
            )
        )
    assert documented == {
        (status, operation, outcome)
        for status, operations in TRANSITIONS.items()
        for operation, outcome in operations.items()
    }
