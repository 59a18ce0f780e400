"""R1xx (deadlines): the plan and the report within the convention's deadlines after feedback.

The periods are the convention's policy (:mod:`inspection_schema.conventions`), never numbers
written here; a deadline the convention's calendar cannot count is reported, not guessed.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from ..deadlines import CalendarNotCoveredError
from ..errors import Issue, Severity
from ..model import DeadlinePurpose, Document, ReportKind
from . import Rule, RuleContext, RuleExample
from .index import index

_R0 = "$.rectifications[0]"


def _late(
    rule: Rule,
    context: RuleContext,
    purpose: DeadlinePurpose,
    feedback: datetime.date,
    done: datetime.date,
    path: str,
) -> Iterator[Issue]:
    try:
        due = context.convention.due(purpose, feedback)
    except CalendarNotCoveredError as error:
        # The rest of the document can still be checked; this deadline cannot be counted.
        yield rule.issue(
            path,
            f"{purpose.term}: the deadline cannot be counted: {error}",
            f"{purpose.term}:无法计算时限({context.convention.title}的工作日历未收录 "
            f"{error.day.year} 年)",
        )
        return
    if due is None or done <= due:
        return
    policy = context.convention.policy(purpose)
    if policy is None:  # pragma: no cover - due() found it
        return
    yield rule.issue(
        path,
        f"{purpose.term} on {done.isoformat()}, after the deadline {due.isoformat()} "
        f"({policy.amount} {policy.unit.value} after feedback on {feedback.isoformat()}, "
        f"{context.convention.name}: {policy.basis})",
        f"{purpose.term}日期 {done.isoformat()} 晚于时限 {due.isoformat()}"
        f"({context.convention.title}:{policy.describe()};依据:{policy.basis})",
    )


def _plan_deadline(document: Document, context: RuleContext) -> Iterator[Issue]:
    feedback = index(document).feedback_dates
    for r, rectification in enumerate(document.rectifications):
        plan, start = rectification.plan, feedback.get(rectification.inspection)
        if plan is None or plan.adopted_on is None or start is None:
            continue
        yield from _late(
            PLAN_DEADLINE,
            context,
            DeadlinePurpose.RECTIFICATION_PLAN,
            start,
            plan.adopted_on,
            f"$.rectifications[{r}].plan.adopted_on",
        )


def _report_deadline(document: Document, context: RuleContext) -> Iterator[Issue]:
    feedback = index(document).feedback_dates
    for r, rectification in enumerate(document.rectifications):
        start = feedback.get(rectification.inspection)
        if start is None:
            continue
        reports = [
            (position, report)
            for position, report in enumerate(rectification.reports)
            if report.kind is ReportKind.RECTIFICATION_REPORT
        ]
        if not reports:
            continue
        position, first = min(reports, key=lambda item: item[1].submitted_on)
        yield from _late(
            REPORT_DEADLINE,
            context,
            DeadlinePurpose.RECTIFICATION_REPORT,
            start,
            first.submitted_on,
            f"$.rectifications[{r}].reports[{position}].submitted_on",
        )


PLAN_DEADLINE = Rule(
    code="R101",
    name="plan-within-deadline",
    severity=Severity.WARNING,
    summary="the rectification plan is adopted within the convention's deadline after feedback",
    summary_zh="整改方案在规定时限内印发",
    check=_plan_deadline,
    examples=(
        RuleExample(
            description="a plan adopted six weeks after feedback (national baseline: one month)",
            description_zh="反馈六周后印发整改方案(全国通行做法:一个月)",
            changes=((f"{_R0}.plan.adopted_on", "2023-07-20"),),
            fails_at=(f"{_R0}.plan.adopted_on",),
        ),
        RuleExample(
            description="a plan adopted on the last day of the month",
            description_zh="时限最后一日印发",
            changes=((f"{_R0}.plan.adopted_on", "2023-07-09"),),
        ),
    ),
)
REPORT_DEADLINE = Rule(
    code="R102",
    name="report-within-deadline",
    severity=Severity.WARNING,
    summary="the rectification report is submitted within the convention's deadline",
    summary_zh="整改情况报告在规定时限内报送",
    check=_report_deadline,
    examples=(
        RuleExample(
            description="the report one day after the two months",
            description_zh="超过两个月一天报送整改情况报告",
            changes=((f"{_R0}.reports[0].submitted_on", "2023-08-10"),),
            fails_at=(f"{_R0}.reports[0].submitted_on",),
        ),
        RuleExample(
            description="the report on the last day of the two months",
            description_zh="两个月期满当日报送",
        ),
    ),
)
DEADLINE_RULES = (PLAN_DEADLINE, REPORT_DEADLINE)
