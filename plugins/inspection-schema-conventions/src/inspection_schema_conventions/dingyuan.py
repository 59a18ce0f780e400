"""定远县 (Anhui province, 滁州市; GB/T 2260 341125): the county's published reporting rule.

What the county itself set, as published: 《定远县巡察工作请示报告制度》 requires the inspected
unit to send the principal leader's report and the leadership team's rectification report to the
county inspection office within three months of receiving feedback (national practice: two). The
source is the county rule as reported by 滁州市纪委监委 on the Anhui provincial discipline
commission's website; it is cited in each policy's ``basis`` (:data:`SOURCE`).

Nothing else here is attributed to the county. The other deadlines are the national baseline's
common-practice ones, carried over with their own basis, which says they are practice and not
regulation. The round-name form is the one the same report uses (十四届县委第十三轮教育系统
专项巡察); the group-name form (县委第三巡察组) is the usual one of county committees. No ledger
template: the county's form has not been verified.
"""

from __future__ import annotations

from typing import Final

from inspection_schema.builtin.conventions import NATIONAL
from inspection_schema.conventions import Convention, DeadlinePolicy, NamingRule
from inspection_schema.deadlines import DeadlineUnit, MonthEndRule
from inspection_schema.model import DeadlinePurpose

from .calendar import STATE_COUNCIL
from .rules import PRINCIPAL_REPORT

SOURCE: Final = (
    "《定远县巡察工作请示报告制度》,据滁州市纪委监委《定远:坚持巡察请示报告制度 进行请示报告"
    "113项》(安徽省纪委监委网站,http://www.ahjjjc.gov.cn/p/79662.html)"
)
"""Where the county's rule is published, as a reader can look it up."""

_NUMERAL: Final = "[一二三四五六七八九十]+"

DINGYUAN: Final = Convention(
    name="dingyuan",
    title="定远县巡察工作规范",
    region_codes=("341125",),
    deadlines=(
        DeadlinePolicy(
            purpose=DeadlinePurpose.RECTIFICATION_REPORT,
            amount=3,
            unit=DeadlineUnit.MONTHS,
            basis=(
                f"{SOURCE}:被巡察单位在接受反馈后三个月内向巡察办报送主要负责人和领导班子"
                "整改情况报告"
            ),
        ),
        *(
            policy
            for policy in NATIONAL.deadlines
            if policy.purpose is not DeadlinePurpose.RECTIFICATION_REPORT
        ),
    ),
    working_days=STATE_COUNCIL,
    month_rule=MonthEndRule.CLAMP,
    naming=(
        NamingRule(
            subject="round",
            pattern=f"{_NUMERAL}届县委第{_NUMERAL}轮[\u4e00-\u9fff]*巡察(?:“回头看”)?",
            example="十四届县委第十三轮教育系统专项巡察",
            description=f"届次、县委、轮次,可加巡察类型;例见{SOURCE}",
        ),
        NamingRule(
            subject="group",
            pattern=f"县委第{_NUMERAL}巡察组",
            example="县委第三巡察组",
            description="县委巡察组的通常称谓(未见县里专门规定)",
        ),
    ),
    rules=(PRINCIPAL_REPORT,),
    description=(
        "整改情况报告时限(反馈后3个月,主要负责人报告与领导班子报告同报)依定远县公开的制度;"
        "其余时限为全国通行做法。"
    ),
)
"""定远县巡察工作规范: the three-month report rule, and the national practice otherwise."""
