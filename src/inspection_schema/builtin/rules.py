"""The core rules registered through the rule hook (more families arrive with later work).

R1xx: the convention's policies: deadlines counted from feedback, and naming rules.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from ..deadlines import CalendarNotCoveredError
from ..errors import Issue, Severity
from ..model import DeadlinePurpose, Document, ReportKind
from ..plugins import Register, hookimpl
from ..rules import Rule, RuleContext


def _feedback_dates(document: Document) -> dict[str, datetime.date]:
    return {
        inspection.id: inspection.feedback.date
        for inspection in document.inspections
        if inspection.feedback is not None
    }


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
    feedback = _feedback_dates(document)
    for index, rectification in enumerate(document.rectifications):
        plan, start = rectification.plan, feedback.get(rectification.inspection)
        if plan is None or plan.adopted_on is None or start is None:
            continue
        yield from _late(
            PLAN_DEADLINE,
            context,
            DeadlinePurpose.RECTIFICATION_PLAN,
            start,
            plan.adopted_on,
            f"$.rectifications[{index}].plan.adopted_on",
        )


def _report_deadline(document: Document, context: RuleContext) -> Iterator[Issue]:
    feedback = _feedback_dates(document)
    for index, rectification in enumerate(document.rectifications):
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
            f"$.rectifications[{index}].reports[{position}].submitted_on",
        )


def _round_name(document: Document, context: RuleContext) -> Iterator[Issue]:
    rules = context.convention.naming_rules("round")
    name = document.round.name if document.round is not None else None
    if not rules or name is None or any(rule.matches(name) for rule in rules):
        return
    examples = "; ".join(rule.example for rule in rules)
    yield ROUND_NAME.issue(
        "$.round.name",
        f"round name {name!r} does not follow {context.convention.name}'s naming rule "
        f"(e.g. {examples})",
        f"轮次名称“{name}”不符合{context.convention.title}的命名规则(如:{examples})",
    )


def _group_names(document: Document, context: RuleContext) -> Iterator[Issue]:
    rules = context.convention.naming_rules("group")
    if not rules or document.round is None:
        return
    examples = "; ".join(rule.example for rule in rules)
    for index, group in enumerate(document.round.groups):
        if not any(rule.matches(group.name) for rule in rules):
            yield GROUP_NAME.issue(
                f"$.round.groups[{index}].name",
                f"group name {group.name!r} does not follow {context.convention.name}'s naming "
                f"rule (e.g. {examples})",
                f"巡察组名称“{group.name}”不符合{context.convention.title}的命名规则"
                f"(如:{examples})",
            )


PLAN_DEADLINE = Rule(
    code="R101",
    name="plan-within-deadline",
    severity=Severity.WARNING,
    summary="the rectification plan is adopted within the convention's deadline after feedback",
    summary_zh="整改方案在规定时限内印发",
    check=_plan_deadline,
)
REPORT_DEADLINE = Rule(
    code="R102",
    name="report-within-deadline",
    severity=Severity.WARNING,
    summary="the rectification report is submitted within the convention's deadline",
    summary_zh="整改情况报告在规定时限内报送",
    check=_report_deadline,
)
ROUND_NAME = Rule(
    code="R103",
    name="round-name",
    severity=Severity.WARNING,
    summary="the round's name follows the convention's naming rule",
    summary_zh="轮次名称符合命名规则",
    check=_round_name,
)
GROUP_NAME = Rule(
    code="R104",
    name="group-name",
    severity=Severity.WARNING,
    summary="each inspection group's name follows the convention's naming rule",
    summary_zh="巡察组名称符合命名规则",
    check=_group_names,
)

CORE_RULES = (PLAN_DEADLINE, REPORT_DEADLINE, ROUND_NAME, GROUP_NAME)


@hookimpl(trylast=True)
def register_rules(register: Register[Rule]) -> None:
    for rule in CORE_RULES:
        register(rule)
