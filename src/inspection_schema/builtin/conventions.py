"""The national baseline convention (全国通行规定): what applies where no region says otherwise.

Only the report deadline has a national text; the other deadlines are the common practice the
domain notes record, and their basis says so, so that nobody mistakes them for regulation.
"""

from __future__ import annotations

from ..conventions import BASELINE, Convention, DeadlinePolicy
from ..deadlines import DeadlineUnit, MonthEndRule
from ..model import DeadlinePurpose
from ..plugins import Register, hookimpl

REGULATION = "《中国共产党巡视工作条例》(2017年修订)"
PRACTICE = "通行做法,无全国统一时限;以所在地区规定为准"

NATIONAL = Convention(
    name=BASELINE,
    title="全国通行规定",
    deadlines=(
        DeadlinePolicy(
            purpose=DeadlinePurpose.RECTIFICATION_REPORT,
            amount=2,
            unit=DeadlineUnit.MONTHS,
            basis=f"{REGULATION}:收到反馈意见后2个月内报送整改情况报告",
        ),
        DeadlinePolicy(
            purpose=DeadlinePurpose.RECTIFICATION_PLAN,
            amount=1,
            unit=DeadlineUnit.MONTHS,
            basis=PRACTICE,
        ),
        DeadlinePolicy(
            purpose=DeadlinePurpose.DEMOCRATIC_LIFE_MEETING,
            amount=1,
            unit=DeadlineUnit.MONTHS,
            basis=PRACTICE,
        ),
        DeadlinePolicy(
            purpose=DeadlinePurpose.CLUE_RESULTS,
            amount=3,
            unit=DeadlineUnit.MONTHS,
            basis=PRACTICE,
        ),
    ),
    month_rule=MonthEndRule.CLAMP,
    description="没有地区规范时适用;整改情况报告时限依条例,其余为通行做法。",
)


@hookimpl(trylast=True)
def register_conventions(register: Register[Convention]) -> None:
    register(NATIONAL)
