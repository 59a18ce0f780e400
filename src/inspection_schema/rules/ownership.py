"""R3xx: every problem is owned (问题清单、任务清单、责任清单 cross-linked).

Rectification must be "quantifiable, checkable, accountable": each problem of the plan has
measures, exactly one responsibility (one leader, one lead department), a ledger entry that
points at the same problem through its task and responsibility, and a deadline where its mode
sets one, after the feedback it answers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from ..display import date_zh
from ..errors import Issue, Severity
from ..model import Document, RectificationMode
from . import REMOVE, Rule, RuleContext, RuleExample
from .index import index

_PLAN = "$.rectifications[0].plan"


def _measures(document: Document, context: RuleContext) -> Iterator[Issue]:
    for r, rectification in enumerate(document.rectifications):
        plan = rectification.plan
        if plan is None:
            continue
        measured = {task.problem for task in plan.tasks if task.measures}
        for k, problem in enumerate(plan.problems):
            if problem not in measured:
                yield PROBLEM_HAS_MEASURES.issue(
                    f"$.rectifications[{r}].plan.problems[{k}]",
                    f"problem {problem} has no task with a measure in the plan",
                    f"问题“{problem}”在整改方案任务清单中没有整改措施",
                )


def _responsibility(document: Document, context: RuleContext) -> Iterator[Issue]:
    for r, rectification in enumerate(document.rectifications):
        plan = rectification.plan
        if plan is None:
            continue
        owners: dict[str, list[int]] = defaultdict(list)
        for k, responsibility in enumerate(plan.responsibilities):
            owners[responsibility.problem].append(k)
        for k, problem in enumerate(plan.problems):
            if not owners.get(problem):
                yield ONE_RESPONSIBILITY.issue(
                    f"$.rectifications[{r}].plan.problems[{k}]",
                    f"problem {problem} has no responsibility: no responsible leader and no "
                    "lead department",
                    f"问题“{problem}”在责任清单中没有责任领导和牵头部门",
                )
        for problem, places in owners.items():
            for k in places[1:]:
                yield ONE_RESPONSIBILITY.issue(
                    f"$.rectifications[{r}].plan.responsibilities[{k}]",
                    f"problem {problem} has {len(places)} responsibilities; exactly one "
                    "responsible leader and one lead department own a problem (cooperating "
                    "departments and persons go into that one)",
                    f"问题“{problem}”有{len(places)}条责任清单条目;每个问题只能有一名责任领导、"
                    "一个牵头部门(配合部门和责任人列入同一条)",
                )


def _entries(document: Document, context: RuleContext) -> Iterator[Issue]:
    found = index(document)
    for r, rectification in enumerate(document.rectifications):
        plan = rectification.plan
        if plan is None or not plan.problems:
            continue
        listed = set(plan.problems)
        in_ledger = {entry.problem for entry in rectification.entries}
        if rectification.entries:
            for k, problem in enumerate(plan.problems):
                if problem not in in_ledger:
                    yield ENTRY_PER_PROBLEM.issue(
                        f"$.rectifications[{r}].plan.problems[{k}]",
                        f"problem {problem} of the plan has no ledger entry",
                        f"整改方案问题清单中的问题“{problem}”未列入整改台账",
                    )
        for place in found.places:
            if place.r == r and place.entry.problem not in listed:
                yield ENTRY_PER_PROBLEM.issue(
                    f"{place.path}.problem",
                    f"ledger entry {place.entry.number} is for problem {place.entry.problem}, "
                    "which the plan's problem list does not hold",
                    f"台账第{place.entry.number}项对应的问题“{place.entry.problem}”"
                    "不在整改方案问题清单中",
                )


def _links(document: Document, context: RuleContext) -> Iterator[Issue]:
    for place in index(document).places:
        entry = place.entry
        for name, linked, term in (
            ("task", place.task, "整改任务"),
            ("responsibility", place.responsibility, "整改责任"),
        ):
            if linked is not None and linked.problem != entry.problem:
                yield LINKS_AGREE.issue(
                    f"{place.path}.{name}",
                    f"ledger entry {entry.number} is for problem {entry.problem} but its {name} "
                    f"{linked.id} is for problem {linked.problem}",
                    f"台账第{entry.number}项对应问题“{entry.problem}”,其{term}“{linked.id}”"
                    f"却对应问题“{linked.problem}”",
                )


def _deadlines(document: Document, context: RuleContext) -> Iterator[Issue]:
    found = index(document)
    for r, rectification in enumerate(document.rectifications):
        plan = rectification.plan
        if plan is None:
            continue
        start = found.feedback_of(rectification)
        for k, responsibility in enumerate(plan.responsibilities):
            path = f"$.rectifications[{r}].plan.responsibilities[{k}]"
            deadline = responsibility.deadline
            if deadline is None:
                if responsibility.mode is RectificationMode.TIME_BOUND:
                    yield DEADLINE_SET.issue(
                        f"{path}.mode",
                        f"responsibility {responsibility.id} is time-bound but has no deadline",
                        f"整改责任“{responsibility.id}”为限期整改,但没有整改时限",
                    )
            elif start is not None and deadline < start:
                yield DEADLINE_SET.issue(
                    f"{path}.deadline",
                    f"responsibility {responsibility.id}: the deadline {deadline.isoformat()} is "
                    f"before feedback ({start.isoformat()})",
                    f"整改责任“{responsibility.id}”的整改时限({date_zh(deadline)})"
                    f"早于反馈日期({date_zh(start)})",
                )


PROBLEM_HAS_MEASURES = Rule(
    code="R301",
    name="problem-has-measures",
    severity=Severity.ERROR,
    summary="every problem of the plan has a task with at least one measure",
    summary_zh="问题清单中的每个问题都有整改措施",
    check=_measures,
    examples=(
        RuleExample(
            description="a task left without measures",
            description_zh="整改任务没有措施",
            changes=((f"{_PLAN}.tasks[1].measures", []),),
            fails_at=(f"{_PLAN}.problems[1]",),
        ),
        RuleExample(
            description="the task's only measure reworded",
            description_zh="措施改写",
            changes=((f"{_PLAN}.tasks[1].measures[0].text", "制定党组会议议事规则并严格执行"),),
        ),
    ),
)
ONE_RESPONSIBILITY = Rule(
    code="R302",
    name="one-responsibility",
    severity=Severity.ERROR,
    summary="every problem of the plan has exactly one responsibility: one leader, one lead "
    "department",
    summary_zh="每个问题有且只有一名责任领导、一个牵头部门",
    check=_responsibility,
    examples=(
        RuleExample(
            description="a second responsibility for the same problem",
            description_zh="同一问题列两条责任",
            changes=(
                (
                    f"{_PLAN}.responsibilities[6]",
                    {
                        "id": "resp-2b",
                        "problem": "prob-2",
                        "leader": "px-liu",
                        "lead_department": "dept-office",
                        "mode": "time_bound",
                        "deadline": "2023-08-31",
                    },
                ),
            ),
            fails_at=(f"{_PLAN}.responsibilities[6]",),
        ),
        RuleExample(
            description="a cooperating department added to the one responsibility",
            description_zh="在同一条责任中增加配合部门",
            changes=(
                (f"{_PLAN}.responsibilities[1].cooperating_departments", ["dept-grassroots"]),
            ),
        ),
    ),
)
ENTRY_PER_PROBLEM = Rule(
    code="R303",
    name="entry-per-problem",
    severity=Severity.ERROR,
    summary="the ledger holds an entry for every problem of the plan, and only for those",
    summary_zh="问题清单中的问题逐项列入台账,台账不列清单外的问题",
    check=_entries,
    examples=(
        RuleExample(
            description="a problem dropped from the plan's list but kept in the ledger",
            description_zh="问题清单删去一个问题,台账仍有",
            changes=((f"{_PLAN}.problems[5]", REMOVE),),
            fails_at=("$.rectifications[0].entries[5].problem",),
        ),
        RuleExample(
            description="the ledger's entries in another order",
            description_zh="台账条目顺序调整",
            changes=(("$.rectifications[0].entries[5].number", 7),),
        ),
    ),
)
LINKS_AGREE = Rule(
    code="R304",
    name="entry-links-agree",
    severity=Severity.ERROR,
    summary="a ledger entry's task and responsibility are for the entry's own problem",
    summary_zh="台账条目的整改任务和整改责任对应同一问题",
    check=_links,
    examples=(
        RuleExample(
            description="an entry pointing at another problem's responsibility",
            description_zh="台账条目引用了其他问题的责任",
            changes=(("$.rectifications[0].entries[0].responsibility", "resp-2"),),
            fails_at=("$.rectifications[0].entries[0].responsibility",),
        ),
        RuleExample(
            description="an entry without a task reference",
            description_zh="台账条目未引用任务",
            changes=(("$.rectifications[0].entries[0].task", REMOVE),),
        ),
    ),
)
DEADLINE_SET = Rule(
    code="R305",
    name="deadline-set",
    severity=Severity.ERROR,
    summary="a time-bound item has a deadline, and no deadline is before feedback",
    summary_zh="限期整改事项有整改时限,且时限不早于反馈日期",
    check=_deadlines,
    examples=(
        RuleExample(
            description="a time-bound item without its deadline",
            description_zh="限期整改事项没有时限",
            changes=((f"{_PLAN}.responsibilities[3].deadline", REMOVE),),
            fails_at=(f"{_PLAN}.responsibilities[3].mode",),
        ),
        RuleExample(
            description="a deadline before feedback",
            description_zh="整改时限早于反馈",
            changes=((f"{_PLAN}.responsibilities[3].deadline", "2023-05-31"),),
            fails_at=(f"{_PLAN}.responsibilities[3].deadline",),
        ),
        RuleExample(
            description="an ongoing item without a deadline",
            description_zh="长期坚持事项不设时限",
            changes=((f"{_PLAN}.responsibilities[0].deadline", REMOVE),),
        ),
    ),
)

OWNERSHIP_RULES = (
    PROBLEM_HAS_MEASURES,
    ONE_RESPONSIBILITY,
    ENTRY_PER_PROBLEM,
    LINKS_AGREE,
    DEADLINE_SET,
)
