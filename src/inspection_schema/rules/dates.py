"""R2xx: dates in the order the work happens (进驻 → 反馈 → 整改方案 → 整改报告 → 公开).

Stationing starts before it ends and ends before feedback; the plan follows feedback, reports
follow the plan, disclosure follows the first report; a ledger's history runs forward from
feedback; nothing is recorded after the document was issued. A date out of this order is a
typing mistake or a record rewritten after the fact, so each is an error.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from ..display import date_zh
from ..errors import Issue, Severity
from ..model import Document, ReportKind
from . import Rule, RuleContext, RuleExample
from .index import index

_R0 = "$.rectifications[0]"
_ENTRY = f"{_R0}.entries[1]"


def _late(what: str, day: datetime.date, before: str, other: datetime.date) -> tuple[str, str]:
    return (
        f"{what} ({day.isoformat()}) is before {before} ({other.isoformat()})",
        f"{what}({date_zh(day)})早于{before}({date_zh(other)})",
    )


def _stationing(document: Document, context: RuleContext) -> Iterator[Issue]:
    for i, inspection in enumerate(document.inspections):
        period = inspection.stationing
        if period is None or period.end is None or period.end >= period.start:
            continue
        yield STATIONING_ORDER.issue(
            f"$.inspections[{i}].stationing.end",
            f"stationing ends ({period.end.isoformat()}) before it starts "
            f"({period.start.isoformat()})",
            f"进驻结束日期({date_zh(period.end)})早于开始日期({date_zh(period.start)})",
        )


def _feedback(document: Document, context: RuleContext) -> Iterator[Issue]:
    for i, inspection in enumerate(document.inspections):
        period, feedback = inspection.stationing, inspection.feedback
        if period is None or feedback is None:
            continue
        last = period.end or period.start
        if feedback.date < last:
            message, message_zh = _late(
                "feedback / 反馈日期", feedback.date, "the end of stationing / 进驻结束", last
            )
            yield FEEDBACK_AFTER_STATIONING.issue(
                f"$.inspections[{i}].feedback.date", message, message_zh
            )


def _plan(document: Document, context: RuleContext) -> Iterator[Issue]:
    found = index(document)
    for r, rectification in enumerate(document.rectifications):
        plan, start = rectification.plan, found.feedback_of(rectification)
        if plan is None or plan.adopted_on is None or start is None or plan.adopted_on >= start:
            continue
        yield PLAN_AFTER_FEEDBACK.issue(
            f"$.rectifications[{r}].plan.adopted_on",
            *_late("the plan's adoption / 整改方案印发", plan.adopted_on, "feedback / 反馈", start),
        )


def _reports(document: Document, context: RuleContext) -> Iterator[Issue]:
    found = index(document)
    for r, rectification in enumerate(document.rectifications):
        plan = rectification.plan
        adopted = plan.adopted_on if plan is not None else None
        start = found.feedback_of(rectification)
        for k, report in enumerate(rectification.reports):
            if report.kind not in (
                ReportKind.RECTIFICATION_REPORT,
                ReportKind.PRINCIPAL_LEADER_REPORT,
            ):
                continue
            path = f"$.rectifications[{r}].reports[{k}].submitted_on"
            if adopted is not None and report.submitted_on < adopted:
                yield REPORT_AFTER_PLAN.issue(
                    path,
                    *_late(
                        "the report / 整改报告报送",
                        report.submitted_on,
                        "the plan's adoption / 整改方案印发",
                        adopted,
                    ),
                )
            elif start is not None and report.submitted_on < start:
                yield REPORT_AFTER_PLAN.issue(
                    path,
                    *_late(
                        "the report / 整改报告报送", report.submitted_on, "feedback / 反馈", start
                    ),
                )


def _disclosures(document: Document, context: RuleContext) -> Iterator[Issue]:
    found = index(document)
    for r, rectification in enumerate(document.rectifications):
        reports = [
            report.submitted_on
            for report in rectification.reports
            if report.kind is ReportKind.RECTIFICATION_REPORT
        ]
        first = min(reports, default=None)
        start = found.feedback_of(rectification)
        for k, disclosure in enumerate(rectification.disclosures):
            path = f"$.rectifications[{r}].disclosures[{k}].date"
            if first is not None and disclosure.date < first:
                yield DISCLOSURE_AFTER_REPORT.issue(
                    path,
                    *_late(
                        "disclosure / 整改公开",
                        disclosure.date,
                        "the rectification report / 整改报告报送",
                        first,
                    ),
                )
            elif first is None and start is not None and disclosure.date < start:
                yield DISCLOSURE_AFTER_REPORT.issue(
                    path, *_late("disclosure / 整改公开", disclosure.date, "feedback / 反馈", start)
                )


def _history(document: Document, context: RuleContext) -> Iterator[Issue]:
    for place in index(document).places:
        previous: datetime.date | None = None
        for h, event in enumerate(place.entry.history):
            if previous is not None and event.date < previous:
                yield HISTORY_ORDER.issue(
                    f"{place.path}.history[{h}].date",
                    f"ledger entry {place.entry.number}: event {event.id} "
                    f"({event.date.isoformat()}) is dated before the event recorded before it "
                    f"({previous.isoformat()}); history is appended in date order",
                    f"台账第{place.entry.number}项:记录“{event.id}”({date_zh(event.date)})"
                    f"早于其前一条记录({date_zh(previous)});台账记录应按时间顺序追加",
                )
            elif previous is None and place.feedback is not None and event.date < place.feedback:
                yield HISTORY_ORDER.issue(
                    f"{place.path}.history[{h}].date",
                    f"ledger entry {place.entry.number}: event {event.id} "
                    f"({event.date.isoformat()}) is dated before feedback "
                    f"({place.feedback.isoformat()})",
                    f"台账第{place.entry.number}项:记录“{event.id}”({date_zh(event.date)})"
                    f"早于反馈日期({date_zh(place.feedback)})",
                )
            previous = event.date if previous is None else max(previous, event.date)


def _not_after_issue(document: Document, context: RuleContext) -> Iterator[Issue]:
    issued = document.issued_at.date()

    def future(path: str, what: str, what_zh: str, day: datetime.date) -> Issue:
        return NOT_AFTER_ISSUE.issue(
            path,
            f"{what} is dated {day.isoformat()}, after the document was issued on "
            f"{issued.isoformat()}",
            f"{what_zh}日期({date_zh(day)})晚于文档制发日期({date_zh(issued)})",
        )

    for place in index(document).places:
        for h, event in enumerate(place.entry.history):
            if event.date > issued:
                yield future(
                    f"{place.path}.history[{h}].date",
                    f"ledger entry {place.entry.number}: event {event.id}",
                    f"台账第{place.entry.number}项记录",
                    event.date,
                )
    for r, rectification in enumerate(document.rectifications):
        for k, report in enumerate(rectification.reports):
            if report.submitted_on > issued:
                yield future(
                    f"$.rectifications[{r}].reports[{k}].submitted_on",
                    "a report",
                    "整改报告报送",
                    report.submitted_on,
                )
        for k, disclosure in enumerate(rectification.disclosures):
            if disclosure.date > issued:
                yield future(
                    f"$.rectifications[{r}].disclosures[{k}].date",
                    "a disclosure",
                    "整改公开",
                    disclosure.date,
                )


STATIONING_ORDER = Rule(
    code="R201",
    name="stationing-in-order",
    severity=Severity.ERROR,
    summary="stationing ends on or after the day it starts",
    summary_zh="进驻结束日期不早于开始日期",
    check=_stationing,
    examples=(
        RuleExample(
            description="stationing ending before it starts",
            description_zh="进驻结束日期早于开始日期",
            changes=(("$.inspections[0].stationing.end", "2023-03-01"),),
            fails_at=("$.inspections[0].stationing.end",),
        ),
        RuleExample(
            description="one day of stationing",
            description_zh="进驻一天",
            changes=(("$.inspections[0].stationing.end", "2023-03-13"),),
        ),
    ),
)
FEEDBACK_AFTER_STATIONING = Rule(
    code="R202",
    name="feedback-after-stationing",
    severity=Severity.ERROR,
    summary="feedback is given on or after the last day of stationing",
    summary_zh="反馈日期不早于进驻结束日期",
    check=_feedback,
    examples=(
        RuleExample(
            description="feedback dated during stationing",
            description_zh="反馈日期在进驻期间",
            changes=(("$.inspections[0].feedback.date", "2023-04-20"),),
            fails_at=("$.inspections[0].feedback.date",),
        ),
        RuleExample(
            description="feedback on the last day of stationing",
            description_zh="进驻最后一天反馈",
            changes=(("$.inspections[0].feedback.date", "2023-05-03"),),
        ),
    ),
)
PLAN_AFTER_FEEDBACK = Rule(
    code="R203",
    name="plan-after-feedback",
    severity=Severity.ERROR,
    summary="the rectification plan is adopted on or after the feedback date",
    summary_zh="整改方案印发日期不早于反馈日期",
    check=_plan,
    examples=(
        RuleExample(
            description="a plan adopted before the feedback it answers",
            description_zh="整改方案印发早于反馈",
            changes=((f"{_R0}.plan.adopted_on", "2023-06-01"),),
            fails_at=(f"{_R0}.plan.adopted_on",),
        ),
        RuleExample(
            description="a plan adopted on the day of feedback",
            description_zh="反馈当日印发整改方案",
            changes=((f"{_R0}.plan.adopted_on", "2023-06-09"),),
        ),
    ),
)
REPORT_AFTER_PLAN = Rule(
    code="R204",
    name="report-after-plan",
    severity=Severity.ERROR,
    summary="rectification reports are submitted on or after the plan's adoption (and feedback)",
    summary_zh="整改报告报送日期不早于整改方案印发日期和反馈日期",
    check=_reports,
    examples=(
        RuleExample(
            description="a report submitted before the plan was adopted",
            description_zh="整改报告早于整改方案",
            changes=((f"{_R0}.reports[1].submitted_on", "2023-06-20"),),
            fails_at=(f"{_R0}.reports[1].submitted_on",),
        ),
        RuleExample(
            description="a report submitted on the day the plan was adopted",
            description_zh="整改方案印发当日报送报告",
            changes=((f"{_R0}.reports[1].submitted_on", "2023-06-26"),),
        ),
    ),
)
DISCLOSURE_AFTER_REPORT = Rule(
    code="R205",
    name="disclosure-after-report",
    severity=Severity.ERROR,
    summary="rectification progress is disclosed on or after the rectification report",
    summary_zh="整改公开日期不早于整改报告报送日期",
    check=_disclosures,
    examples=(
        RuleExample(
            description="progress published before the report was sent",
            description_zh="整改报告报送前公开",
            changes=((f"{_R0}.disclosures[0].date", "2023-08-01"),),
            fails_at=(f"{_R0}.disclosures[0].date",),
        ),
        RuleExample(
            description="published on the day of the report",
            description_zh="报告当日公开",
            changes=((f"{_R0}.disclosures[0].date", "2023-08-09"),),
        ),
    ),
)
HISTORY_ORDER = Rule(
    code="R206",
    name="history-in-order",
    severity=Severity.ERROR,
    summary="a ledger entry's history runs forward in time from feedback",
    summary_zh="台账记录按时间顺序,且不早于反馈日期",
    check=_history,
    examples=(
        RuleExample(
            description="a later event dated before an earlier one",
            description_zh="后一条记录早于前一条",
            changes=((f"{_ENTRY}.history[1].date", "2023-07-01"),),
            fails_at=(f"{_ENTRY}.history[1].date",),
        ),
        RuleExample(
            description="two events on the same day",
            description_zh="两条记录同日",
            changes=((f"{_ENTRY}.history[1].date", "2023-07-28"),),
        ),
    ),
)
NOT_AFTER_ISSUE = Rule(
    code="R207",
    name="nothing-after-issue",
    severity=Severity.ERROR,
    summary="nothing in the record is dated after the document was issued",
    summary_zh="记录中的日期不晚于文档制发日期",
    check=_not_after_issue,
    examples=(
        RuleExample(
            description="progress recorded after the document's issue date",
            description_zh="进展日期晚于制发日期",
            changes=((f"{_ENTRY}.history[0].date", "2024-02-01"),),
            fails_at=(f"{_ENTRY}.history[0].date",),
        ),
        RuleExample(
            description="a document issued later than its last event",
            description_zh="制发日期晚于最后一条记录",
            changes=(("$.issued_at", "2024-03-01T09:00:00+08:00"),),
        ),
    ),
)

DATE_RULES = (
    STATIONING_ORDER,
    FEEDBACK_AFTER_STATIONING,
    PLAN_AFTER_FEEDBACK,
    REPORT_AFTER_PLAN,
    DISCLOSURE_AFTER_REPORT,
    HISTORY_ORDER,
    NOT_AFTER_ISSUE,
)
