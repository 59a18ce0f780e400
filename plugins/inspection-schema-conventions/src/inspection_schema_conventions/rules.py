"""Rules the regional conventions add (``L1xx``), each a :class:`~inspection_schema.rules.Rule`.

They live in :attr:`Convention.rules <inspection_schema.conventions.Convention.rules>` rather than
the global rule hook, so they run only where a convention that carries them is in force:

- ``L101`` (a factory, :func:`time_bound_deadline`): every time-bound (限期整改) ledger item has
  a deadline, no later than N months after feedback;
- ``L102`` :data:`DOCUMENT_NUMBER`: document numbers (文号) follow the convention's
  ``document_number`` naming rule, e.g. :data:`GBT_9704_DOCUMENT_NUMBER`;
- ``L103`` :data:`PRINCIPAL_REPORT`: the principal leader's report (主要负责人组织落实整改情况报告)
  is due with the rectification report, where a region's rule says both are.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from typing import Final

from inspection_schema.conventions import NamingRule
from inspection_schema.deadlines import add_months
from inspection_schema.errors import Issue, Severity
from inspection_schema.model import DeadlinePurpose, Document, RectificationMode, ReportKind
from inspection_schema.rules import Rule, RuleContext

GBT_9704_DOCUMENT_NUMBER: Final = NamingRule(
    subject="document_number",
    pattern=r"[^\s〔〕\[\]【】()（）]+〔[12][0-9]{3}〕[1-9][0-9]*号",
    example="示例妇党〔2023〕1号",
    description=(
        "GB/T 9704-2012《党政机关公文格式》发文字号:机关代字、年份、发文顺序号;年份标全称并用"
        "六角括号〔〕括入,顺序号不加“第”字、不编虚位,后加“号”字"
    ),
)
"""The national form of a document number, for conventions that check it (``L102``)."""


def _feedback_dates(document: Document) -> dict[str, datetime.date]:
    return {
        inspection.id: inspection.feedback.date
        for inspection in document.inspections
        if inspection.feedback is not None
    }


# -- L101: time-bound items have a deadline within N months ------------------------------------


def time_bound_deadline(*, months: int, basis: str, code: str = "L101") -> Rule:
    """``L101``: each ledger entry of a time-bound problem has a deadline within ``months``.

    The deadline is the one the responsibility list set (整改时限); an extension approved later
    is the ledger's history, not the plan, so it neither excuses nor breaks this rule. Months
    count with the convention's end-of-month rule.
    """
    if months < 1:
        raise ValueError("a time-bound limit is at least one month")

    def check(document: Document, context: RuleContext) -> Iterator[Issue]:
        feedback = _feedback_dates(document)
        for index, rectification in enumerate(document.rectifications):
            plan, start = rectification.plan, feedback.get(rectification.inspection)
            if plan is None or start is None:
                continue
            limit = add_months(start, months, context.convention.month_rule)
            by_id = {r.id: (j, r) for j, r in enumerate(plan.responsibilities)}
            by_problem = {r.problem: (j, r) for j, r in enumerate(plan.responsibilities)}
            seen: set[str] = set()
            for entry in rectification.entries:
                found = (
                    by_id.get(entry.responsibility)
                    if entry.responsibility is not None
                    else by_problem.get(entry.problem)
                )
                if found is None or found[1].id in seen:
                    continue
                position, responsibility = found
                seen.add(responsibility.id)
                if responsibility.mode is not RectificationMode.TIME_BOUND:
                    continue
                path = f"$.rectifications[{index}].plan.responsibilities[{position}]"
                if responsibility.deadline is None:
                    yield rule.issue(
                        path,
                        f"ledger entry {entry.number} is time-bound but its responsibility "
                        f"{responsibility.id!r} sets no deadline ({basis})",
                        f"台账第{entry.number}项为限期整改,但未明确整改时限(依据:{basis})",
                    )
                elif responsibility.deadline > limit:
                    yield rule.issue(
                        f"{path}.deadline",
                        f"ledger entry {entry.number} is time-bound with deadline "
                        f"{responsibility.deadline.isoformat()}, later than {months} months "
                        f"after feedback on {start.isoformat()} ({limit.isoformat()}; {basis})",
                        f"台账第{entry.number}项限期整改的整改时限 "
                        f"{responsibility.deadline.isoformat()} 超过反馈后{months}个月"
                        f"({limit.isoformat()};依据:{basis})",
                    )

    rule = Rule(
        code=code,
        name="time-bound-deadline",
        severity=Severity.WARNING,
        summary=f"each time-bound ledger item has a deadline within {months} months of feedback",
        summary_zh=f"限期整改事项明确整改时限,且不超过反馈后{months}个月",
        check=check,
    )
    return rule


# -- L102: document numbers in the convention's form -------------------------------------------

_YEAR: Final = re.compile(r"([\[【(（〔]?)([0-9]{2,4})([\]】)）〕]?)")


def _document_numbers(document: Document) -> Iterator[tuple[str, str]]:
    """Each document number the record gives for its own documents, with its path."""
    for index, inspection in enumerate(document.inspections):
        if inspection.feedback is not None and inspection.feedback.document_number:
            yield (
                f"$.inspections[{index}].feedback.document_number",
                (inspection.feedback.document_number),
            )
    for index, rectification in enumerate(document.rectifications):
        base = f"$.rectifications[{index}]"
        if rectification.plan is not None and rectification.plan.document_number:
            yield f"{base}.plan.document_number", rectification.plan.document_number
        for position, mechanism in enumerate(rectification.mechanisms):
            if mechanism.document_number:
                yield f"{base}.mechanisms[{position}].document_number", mechanism.document_number
        for position, report in enumerate(rectification.reports):
            if report.document_number:
                yield f"{base}.reports[{position}].document_number", report.document_number


def document_number_faults(number: str) -> list[str]:
    """What is wrong with a document number by GB/T 9704-2012, in words office staff use."""
    faults: list[str] = []
    year = _YEAR.search(number)
    if year is None:
        faults.append("缺少年份")
    else:
        opening, digits, closing = year.groups()
        if (opening, closing) != ("〔", "〕"):
            faults.append("年份应用六角括号“〔〕”括入")
        if len(digits) != 4:
            faults.append("年份应标全称(四位)")
        sequence = number[year.end() :]
        if sequence.startswith("第"):
            faults.append("发文顺序号不加“第”字")
        digits_after = re.match(r"第?([0-9]+)", sequence)
        if digits_after is None:
            faults.append("缺少发文顺序号")
        elif digits_after.group(1).startswith("0"):
            faults.append("发文顺序号不编虚位(1不编为01)")
        if not number.endswith("号"):
            faults.append("发文顺序号后加“号”字")
    return faults


def _document_number_form(document: Document, context: RuleContext) -> Iterator[Issue]:
    forms = context.convention.naming_rules("document_number")
    if not forms:
        return
    examples = "; ".join(form.example for form in forms)
    for path, number in _document_numbers(document):
        if any(form.matches(number) for form in forms):
            continue
        faults = "、".join(document_number_faults(number)) or "格式不符"
        yield DOCUMENT_NUMBER.issue(
            path,
            f"document number {number!r} does not follow {context.convention.name}'s form "
            f"(e.g. {examples})",
            f"文号“{number}”不符合{context.convention.title}的文号格式:{faults}(如:{examples})",
        )


DOCUMENT_NUMBER: Final = Rule(
    code="L102",
    name="document-number",
    severity=Severity.WARNING,
    summary="document numbers follow the convention's form (GB/T 9704-2012: 机关代字〔2024〕3号)",
    summary_zh="文号符合规定格式(机关代字〔年份〕序号号)",
    check=_document_number_form,
)


# -- L103: the principal leader's report is due with the rectification report -------------------


def _principal_report(document: Document, context: RuleContext) -> Iterator[Issue]:
    feedback = _feedback_dates(document)
    policy = context.convention.policy(DeadlinePurpose.RECTIFICATION_REPORT)
    if policy is None:
        return
    for index, rectification in enumerate(document.rectifications):
        start = feedback.get(rectification.inspection)
        if start is None:
            continue
        due = context.convention.due(DeadlinePurpose.RECTIFICATION_REPORT, start)
        if due is None:  # pragma: no cover - the policy exists
            continue
        principal = [
            (position, report)
            for position, report in enumerate(rectification.reports)
            if report.kind is ReportKind.PRINCIPAL_LEADER_REPORT
        ]
        team = any(r.kind is ReportKind.RECTIFICATION_REPORT for r in rectification.reports)
        if principal:
            position, first = min(principal, key=lambda item: item[1].submitted_on)
            if first.submitted_on > due:
                yield PRINCIPAL_REPORT.issue(
                    f"$.rectifications[{index}].reports[{position}].submitted_on",
                    f"the principal leader's report on {first.submitted_on.isoformat()} is after "
                    f"the deadline {due.isoformat()} ({context.convention.name}: {policy.basis})",
                    f"主要负责人组织落实整改情况报告报送日期 {first.submitted_on.isoformat()} "
                    f"晚于时限 {due.isoformat()}(依据:{policy.basis})",
                )
        elif team and context.today() > due:
            yield PRINCIPAL_REPORT.issue(
                f"$.rectifications[{index}].reports",
                f"the rectification report was sent but the principal leader's report was not, "
                f"and the deadline {due.isoformat()} has passed ({context.convention.name}: "
                f"{policy.basis})",
                f"已报送整改情况报告,但未报送主要负责人组织落实整改情况报告,时限 "
                f"{due.isoformat()} 已过(依据:{policy.basis})",
            )


PRINCIPAL_REPORT: Final = Rule(
    code="L103",
    name="principal-report-within-deadline",
    severity=Severity.WARNING,
    summary="the principal leader's report is sent within the rectification report's deadline",
    summary_zh="主要负责人组织落实整改情况报告与整改情况报告同在规定时限内报送",
    check=_principal_report,
)
