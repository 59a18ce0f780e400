"""R4xx: the ledger's status agrees with its history (销号 only when it is earned).

"整改一个销号一个": an item is signed off after it was reported complete and accepted, by an
approver, with evidence, and nothing happens to it afterwards; an extension is decided only
after it was requested. The history is the record, so these are checked on the history itself.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import Issue, Severity
from ..lifecycle import TRANSITIONS, status_after
from ..model import (
    Acceptance,
    Document,
    EntryStatus,
    ExtensionDecision,
    ExtensionRequest,
    HistoryEvent,
    SignOff,
    StatusChange,
)
from . import REMOVE, Rule, RuleContext, RuleExample
from .index import LedgerPlace, index

_ENTRY2 = "$.rectifications[0].entries[1]"
_ENTRY5 = "$.rectifications[0].entries[4]"


def _statuses_before(place: LedgerPlace) -> Iterator[tuple[int, HistoryEvent, EntryStatus]]:
    """Each event with the entry's status just before it, as the lifecycle reads it."""
    status = EntryStatus.NOT_STARTED
    for h, event in enumerate(place.entry.history):
        yield h, event, status
        status = status_after(status, event)


def _sign_off_after_completion(document: Document, context: RuleContext) -> Iterator[Issue]:
    for place in index(document).places:
        for h, event, status in _statuses_before(place):
            if not isinstance(event, SignOff):
                continue
            if status is not EntryStatus.COMPLETED:
                yield SIGN_OFF_AFTER_COMPLETION.issue(
                    f"{place.path}.history[{h}]",
                    f"ledger entry {place.entry.number} is signed off while {status.value} "
                    f"({status.term}); only a completed item is signed off",
                    f"台账第{place.entry.number}项在“{status.term}”状态下销号;"
                    "只有已完成的事项才能销号",
                )


def _sign_off_evidence(document: Document, context: RuleContext) -> Iterator[Issue]:
    for place in index(document).places:
        for h, event in enumerate(place.entry.history):
            if isinstance(event, SignOff) and not event.evidence:
                yield SIGN_OFF_EVIDENCE.issue(
                    f"{place.path}.history[{h}].evidence",
                    f"ledger entry {place.entry.number} is signed off without evidence",
                    f"台账第{place.entry.number}项销号时没有佐证材料",
                )


def _sign_off_acceptance(document: Document, context: RuleContext) -> Iterator[Issue]:
    for place in index(document).places:
        history = place.entry.history
        for h, event in enumerate(history):
            if not isinstance(event, SignOff):
                continue
            # The acceptance must come after the last report of completion.
            completed = max(
                (
                    k
                    for k, before in enumerate(history[:h])
                    if isinstance(before, StatusChange) and before.status is EntryStatus.COMPLETED
                ),
                default=-1,
            )
            if not any(
                isinstance(before, Acceptance) and before.passed
                for before in history[completed + 1 : h]
            ):
                yield SIGN_OFF_ACCEPTANCE.issue(
                    f"{place.path}.history[{h}]",
                    f"ledger entry {place.entry.number} is signed off without a passed "
                    "acceptance after its completion",
                    f"台账第{place.entry.number}项完成后未经验收通过即销号",
                )


def _nothing_after_sign_off(document: Document, context: RuleContext) -> Iterator[Issue]:
    for place in index(document).places:
        signed = False
        for h, event in enumerate(place.entry.history):
            if signed:
                yield FINAL_SIGN_OFF.issue(
                    f"{place.path}.history[{h}]",
                    f"ledger entry {place.entry.number} has an event ({event.id}) after its "
                    "sign-off; a signed-off item is closed (to reopen a problem, add a new "
                    "entry)",
                    f"台账第{place.entry.number}项销号后仍有记录“{event.id}”;"
                    "已销号事项不再变更(问题反弹的,另列台账条目)",
                )
                break
            signed = isinstance(event, SignOff)


def _extension_decisions(document: Document, context: RuleContext) -> Iterator[Issue]:
    for place in index(document).places:
        requests: dict[str, int] = {}
        answered: set[str] = set()
        for h, event in enumerate(place.entry.history):
            if isinstance(event, ExtensionRequest):
                requests[event.id] = h
            elif isinstance(event, ExtensionDecision):
                path = f"{place.path}.history[{h}]"
                if event.request not in requests:
                    yield EXTENSION_ANSWERS_REQUEST.issue(
                        f"{path}.request",
                        f"ledger entry {place.entry.number}: decision {event.id} answers "
                        f"{event.request}, which is no earlier extension request of this entry",
                        f"台账第{place.entry.number}项:延期审批“{event.id}”所答复的"
                        f"“{event.request}”不是本项此前的延期申请",
                    )
                elif event.request in answered:
                    yield EXTENSION_ANSWERS_REQUEST.issue(
                        f"{path}.request",
                        f"ledger entry {place.entry.number}: request {event.request} is "
                        "decided twice",
                        f"台账第{place.entry.number}项:延期申请“{event.request}”被重复审批",
                    )
                elif event.approved and event.deadline is None:
                    yield EXTENSION_ANSWERS_REQUEST.issue(
                        f"{path}.approved",
                        f"ledger entry {place.entry.number}: decision {event.id} approves an "
                        "extension without saying until when",
                        f"台账第{place.entry.number}项:延期审批“{event.id}”同意延期但未写明时限",
                    )
                answered.add(event.request)


_ALLOWED: dict[EntryStatus, frozenset[EntryStatus]] = {
    status: frozenset(TRANSITIONS.get(status, {}).values()) for status in EntryStatus
}
"""The statuses a status change may set after each status (from the lifecycle's table)."""


def _transitions(document: Document, context: RuleContext) -> Iterator[Issue]:
    for place in index(document).places:
        for h, event, before in _statuses_before(place):
            if not isinstance(event, StatusChange) or (
                event.status is not EntryStatus.SIGNED_OFF and event.status in _ALLOWED[before]
            ):
                continue
            path = f"{place.path}.history[{h}].status"
            number = place.entry.number
            if event.status is EntryStatus.SIGNED_OFF:
                yield STATUS_TRANSITIONS.issue(
                    path,
                    f"ledger entry {number} is marked signed off by a status change; a sign-off "
                    "is its own record, with its approver and evidence",
                    f"台账第{number}项以状态变更标记销号;销号应单独记录审批人和佐证材料",
                )
            else:
                allowed = sorted({s.term for s in TRANSITIONS[before].values()}) or ["(none)"]
                yield STATUS_TRANSITIONS.issue(
                    path,
                    f"ledger entry {number} changes from {before.value} to {event.status.value}, "
                    f"which the ledger's lifecycle does not allow (from {before.value}: "
                    f"{', '.join(s.value for s in TRANSITIONS[before].values()) or 'nothing'})",
                    f"台账第{number}项由“{before.term}”变为“{event.status.term}”,不符合整改流程"
                    f"(“{before.term}”之后只能为:{'、'.join(allowed)})",
                )


STATUS_TRANSITIONS = Rule(
    code="R406",
    name="status-transitions",
    severity=Severity.ERROR,
    summary="each status change is one the ledger's lifecycle allows from the status before it",
    summary_zh="状态变更符合整改流程",
    check=_transitions,
    examples=(
        RuleExample(
            description="an entry in progress set back to not started",
            description_zh="整改中的事项改回未启动",
            changes=((f"{_ENTRY2}.history[1].status", "not_started"),),
            fails_at=(f"{_ENTRY2}.history[1].status",),
        ),
        RuleExample(
            description="a sign-off recorded as a status change",
            description_zh="以状态变更代替销号记录",
            changes=(
                (
                    "$.rectifications[0].entries[2].history[2]",
                    {
                        "kind": "status",
                        "id": "h3-3",
                        "date": "2023-07-20",
                        "by": "px-liu",
                        "status": "signed_off",
                    },
                ),
            ),
            fails_at=("$.rectifications[0].entries[2].history[2].status",),
        ),
        RuleExample(
            description="in progress, then completed",
            description_zh="整改中后完成",
        ),
    ),
)
SIGN_OFF_AFTER_COMPLETION = Rule(
    code="R401",
    name="sign-off-after-completion",
    severity=Severity.ERROR,
    summary="an entry is signed off only once it was reported completed",
    summary_zh="事项已完成后方可销号",
    check=_sign_off_after_completion,
    examples=(
        RuleExample(
            description="signed off while still in progress",
            description_zh="整改中即销号",
            changes=((f"{_ENTRY2}.history[1].status", "in_progress"),),
            fails_at=(f"{_ENTRY2}.history[3]",),
        ),
        RuleExample(
            description="completed, accepted, then signed off",
            description_zh="完成、验收后销号",
        ),
    ),
)
SIGN_OFF_EVIDENCE = Rule(
    code="R402",
    name="sign-off-evidence",
    severity=Severity.ERROR,
    summary="a sign-off names its evidence",
    summary_zh="销号附佐证材料",
    check=_sign_off_evidence,
    examples=(
        RuleExample(
            description="a sign-off without evidence",
            description_zh="销号无佐证材料",
            changes=((f"{_ENTRY2}.history[3].evidence", REMOVE),),
            fails_at=(f"{_ENTRY2}.history[3].evidence",),
        ),
        RuleExample(
            description="a sign-off citing two pieces of evidence",
            description_zh="销号附两份佐证材料",
            changes=((f"{_ENTRY2}.history[3].evidence", ["ev-rules-revised", "ev-minutes"]),),
        ),
    ),
)
SIGN_OFF_ACCEPTANCE = Rule(
    code="R403",
    name="sign-off-after-acceptance",
    severity=Severity.WARNING,
    summary="a sign-off follows a passed acceptance of the completed item",
    summary_zh="销号前经验收通过",
    check=_sign_off_acceptance,
    examples=(
        RuleExample(
            description="an acceptance that did not pass, then a sign-off",
            description_zh="验收未通过即销号",
            changes=((f"{_ENTRY2}.history[2].passed", False),),
            fails_at=(f"{_ENTRY2}.history[3]",),
        ),
        RuleExample(
            description="a passed acceptance, then a sign-off",
            description_zh="验收通过后销号",
        ),
    ),
)
FINAL_SIGN_OFF = Rule(
    code="R404",
    name="nothing-after-sign-off",
    severity=Severity.ERROR,
    summary="nothing is recorded on an entry after its sign-off",
    summary_zh="销号后不再追加记录",
    check=_nothing_after_sign_off,
    examples=(
        RuleExample(
            description="progress recorded after the sign-off",
            description_zh="销号后又记进展",
            changes=(
                (
                    f"{_ENTRY2}.history[4]",
                    {"kind": "progress", "id": "h2-5", "date": "2023-10-01", "text": "继续执行"},
                ),
            ),
            fails_at=(f"{_ENTRY2}.history[4]",),
        ),
        RuleExample(
            description="the sign-off as the entry's last event",
            description_zh="销号为最后一条记录",
        ),
    ),
)
EXTENSION_ANSWERS_REQUEST = Rule(
    code="R405",
    name="extension-answers-request",
    severity=Severity.ERROR,
    summary="an extension decision answers an earlier request of the same entry, once, and an "
    "approval says until when",
    summary_zh="延期审批答复本项此前的延期申请,不重复审批,同意的写明时限",
    check=_extension_decisions,
    examples=(
        RuleExample(
            description="an approval without the new deadline",
            description_zh="同意延期未写时限",
            changes=((f"{_ENTRY5}.history[2].deadline", REMOVE),),
            fails_at=(f"{_ENTRY5}.history[2].approved",),
        ),
        RuleExample(
            description="a refusal, which needs no deadline",
            description_zh="不同意延期,无需时限",
            changes=(
                (f"{_ENTRY5}.history[2].approved", False),
                (f"{_ENTRY5}.history[2].deadline", REMOVE),
            ),
        ),
    ),
)

HISTORY_RULES = (
    SIGN_OFF_AFTER_COMPLETION,
    SIGN_OFF_EVIDENCE,
    SIGN_OFF_ACCEPTANCE,
    FINAL_SIGN_OFF,
    EXTENSION_ANSWERS_REQUEST,
    STATUS_TRANSITIONS,
)
