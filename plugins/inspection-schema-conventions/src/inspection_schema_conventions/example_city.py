"""An illustrative municipal convention (示例): the tighter policy many cities set, on no real city.

It shows what a regional convention can hold: a rectification plan due within 15 working days
of feedback (counted on the State Council's calendar), the report within 2 months, the city's
naming forms, a ledger form with its own headings, and rules of its own (``L101``, ``L102``). No
published rule with these exact terms was verified, so the convention is named ``example-city``,
its title says 示例, every ``basis`` says it is an illustration, and it has no region codes: a
region code would apply invented rules to a real region's documents. Choose it by name
(``--convention example-city``) or copy it as the start of a real region's convention.
"""

from __future__ import annotations

from typing import Final

from inspection_schema.conventions import (
    Convention,
    DeadlinePolicy,
    LedgerTemplate,
    NamingRule,
)
from inspection_schema.deadlines import DeadlineUnit, MonthEndRule
from inspection_schema.model import DeadlinePurpose

from .calendar import STATE_COUNCIL
from .rules import DOCUMENT_NUMBER, GBT_9704_DOCUMENT_NUMBER, time_bound_deadline

ILLUSTRATION: Final = "示例规则,非任何地方的真实规定"
"""The basis of every policy here: an illustration, so nobody mistakes it for a city's rule."""

TIME_BOUND_MONTHS: Final = 12
"""The longest deadline a time-bound item may have, counted from feedback (``L101``)."""

_NUMERAL: Final = "[一二三四五六七八九十]+"

EXAMPLE_CITY: Final = Convention(
    name="example-city",
    title="示例市巡察整改规范(示例)",
    region_codes=(),
    deadlines=(
        DeadlinePolicy(
            purpose=DeadlinePurpose.RECTIFICATION_PLAN,
            amount=15,
            unit=DeadlineUnit.WORKING_DAYS,
            basis=f"{ILLUSTRATION}:反馈后15个工作日内制定整改方案(按国务院放假安排计工作日)",
        ),
        DeadlinePolicy(
            purpose=DeadlinePurpose.DEMOCRATIC_LIFE_MEETING,
            amount=1,
            unit=DeadlineUnit.MONTHS,
            basis=f"{ILLUSTRATION}:反馈后1个月内召开巡察整改专题民主生活会",
        ),
        DeadlinePolicy(
            purpose=DeadlinePurpose.RECTIFICATION_REPORT,
            amount=2,
            unit=DeadlineUnit.MONTHS,
            basis=f"{ILLUSTRATION}:反馈后2个月内报送整改情况报告",
        ),
    ),
    working_days=STATE_COUNCIL,
    month_rule=MonthEndRule.CLAMP,
    naming=(
        NamingRule(
            subject="round",
            pattern=f"{_NUMERAL}届市委第{_NUMERAL}轮巡察",
            example="十四届市委第三轮巡察",
            description="届次、市委、轮次",
        ),
        NamingRule(
            subject="group",
            pattern=f"市委第{_NUMERAL}巡察组",
            example="市委第三巡察组",
            description="市委第N巡察组",
        ),
        GBT_9704_DOCUMENT_NUMBER,
    ),
    rules=(
        time_bound_deadline(
            months=TIME_BOUND_MONTHS,
            basis=f"{ILLUSTRATION}:限期整改事项整改时限原则上不超过反馈后{TIME_BOUND_MONTHS}个月",
        ),
        DOCUMENT_NUMBER,
    ),
    ledger_template=LedgerTemplate(
        name="example-city",
        title="示例市巡察反馈问题整改台账(示例)",
        headings={
            "problem": "反馈问题",
            "leader": "分管领导",
            "lead_department": "牵头股室",
            "deadline": "完成时限",
            "progress": "完成情况",
        },
    ),
    description=(
        "示例:演示地方规范可以规定的内容(按工作日计算的整改方案时限、命名规则、台账栏目、"
        "附加校验规则),不对应任何真实地方的规定。"
    ),
)
"""示例市巡察整改规范: an illustration of a region's convention, chosen only by name."""
