"""R5xx: the counters a progress notice declares (通报数据) add up and agree with the ledger.

A notice says "反馈问题697个,已完成688个,基本完成并持续整改4个,未完成5个,完成率98.71%".
Its numbers must add up (X + Y + Z = N, rate = X / N to two decimals), and, where the document
holds the ledger the notice reports on, agree with what the ledger gives as of the notice's
date. The counting is :mod:`inspection_schema.progress`; the rules say where.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import Issue, Severity
from ..model import Document
from ..progress import (
    UnknownRectificationError,
    compare_counters,
    declared_inconsistencies,
    derive_counters,
)
from . import Rule, RuleContext, RuleExample

_COUNTERS = "$.progress_reports[0].counters"


def _consistent(document: Document, context: RuleContext) -> Iterator[Issue]:
    for k, report in enumerate(document.progress_reports):
        for found in declared_inconsistencies(report.counters):
            yield COUNTERS_ADD_UP.issue(
                f"$.progress_reports[{k}].counters.{found.field}", found.message, found.message_zh
            )


def _agree(document: Document, context: RuleContext) -> Iterator[Issue]:
    for k, report in enumerate(document.progress_reports):
        try:
            derived = derive_counters(
                document, report.as_of, rectifications=report.rectifications or None
            )
        except UnknownRectificationError:
            continue  # the ledger reported on is in another document
        if derived.problems_total == 0:
            continue  # no ledger here to compare with
        for found in compare_counters(report.counters, derived):
            yield COUNTERS_MATCH_LEDGER.issue(
                f"$.progress_reports[{k}].counters.{found.field}", found.message, found.message_zh
            )


COUNTERS_ADD_UP = Rule(
    code="R501",
    name="counters-add-up",
    severity=Severity.ERROR,
    summary="a notice's counters add up: completed + ongoing + not completed = problems, and "
    "the completion rate is completed / problems to two decimals",
    summary_zh="通报数据自洽:已完成+基本完成并持续整改+未完成=反馈问题数,完成率=已完成/问题数"
    "(保留两位小数)",
    check=_consistent,
    examples=(
        RuleExample(
            description="a rate that does not follow from the numbers",
            description_zh="完成率与数字不符",
            changes=((f"{_COUNTERS}.completion_rate", "33.00"),),
            fails_at=(f"{_COUNTERS}.completion_rate",),
        ),
        RuleExample(
            description="numbers that do not add up",
            description_zh="各项之和不等于问题数",
            changes=((f"{_COUNTERS}.not_completed", 4),),
            fails_at=(f"{_COUNTERS}.problems_total",),
        ),
        RuleExample(
            description="a real notice's numbers: 688 of 697 completed, 4 ongoing, 5 not "
            "completed, 98.71%",
            description_zh="真实通报数字:697个问题,已完成688个,持续整改4个,未完成5个,完成率98.71%",
            changes=(
                (
                    _COUNTERS,
                    {
                        "problems_total": 697,
                        "completed": 688,
                        "ongoing": 4,
                        "not_completed": 5,
                        "completion_rate": "98.71",
                    },
                ),
            ),
        ),
    ),
)
COUNTERS_MATCH_LEDGER = Rule(
    code="R502",
    name="counters-match-ledger",
    severity=Severity.WARNING,
    summary="a notice's counters agree with the ledger as of the notice's date",
    summary_zh="通报数据与截至通报日期的台账一致",
    check=_agree,
    examples=(
        RuleExample(
            description="a notice counting one more item completed than the ledger shows",
            description_zh="通报已完成数比台账多一项",
            changes=(
                (f"{_COUNTERS}.completed", 3),
                (f"{_COUNTERS}.not_completed", 2),
                (f"{_COUNTERS}.completion_rate", "50.00"),
            ),
            fails_at=(
                f"{_COUNTERS}.completed",
                f"{_COUNTERS}.not_completed",
                f"{_COUNTERS}.completion_rate",
            ),
        ),
        RuleExample(
            description="the notice of 31 December 2023 as the example declares it",
            description_zh="示例中2023年12月31日的通报",
        ),
    ),
)

COUNTER_RULES = (COUNTERS_ADD_UP, COUNTERS_MATCH_LEDGER)
