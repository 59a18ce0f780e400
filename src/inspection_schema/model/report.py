"""Progress notices (整改进展通报): counters as a published notice declared them.

Declared counters are kept apart from what the ledger derives, so that the two can be compared.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import ClassVar

from attrs import field, frozen

from ._fields import meta


@frozen(kw_only=True)
class DeclaredCounters:
    """通报数据: the numbers a notice states (amounts in 万元, rate in per cent)."""

    TERM: ClassVar[str] = "通报数据"
    problems_total: int | None = field(default=None, metadata=meta("反馈问题数"))
    completed: int | None = field(default=None, metadata=meta("已完成整改数"))
    ongoing: int | None = field(default=None, metadata=meta("基本完成并持续整改数"))
    not_completed: int | None = field(default=None, metadata=meta("未完成整改数"))
    completion_rate: Decimal | None = field(default=None, metadata=meta("整改完成率(%)"))
    democratic_life_meetings: int | None = field(default=None, metadata=meta("专题民主生活会"))
    study_sessions: int | None = field(default=None, metadata=meta("专题学习"))
    party_lectures: int | None = field(default=None, metadata=meta("专题党课"))
    regulations: int | None = field(default=None, metadata=meta("建立完善制度数"))
    funds_returned: Decimal | None = field(default=None, metadata=meta("清退违规资金(万元)"))
    funds_recovered: Decimal | None = field(default=None, metadata=meta("追缴资金(万元)"))
    losses_retrieved: Decimal | None = field(default=None, metadata=meta("挽回损失(万元)"))
    persons_accountable: int | None = field(default=None, metadata=meta("问责人数"))


@frozen(kw_only=True)
class ProgressReport:
    """整改进展通报: a notice of rectification progress and the counters it declares."""

    TERM: ClassVar[str] = "整改进展通报"
    id: str = field(metadata=meta("标识", is_id=True))
    as_of: datetime.date = field(metadata=meta("截止日期"))
    counters: DeclaredCounters = field(metadata=meta("通报数据"))
    rectifications: tuple[str, ...] = field(
        default=(), metadata=meta("对应整改", ref="Rectification")
    )
    published_on: datetime.date | None = field(default=None, metadata=meta("发布日期"))
    heard_at: str | None = field(default=None, metadata=meta("听取汇报会议", ref="Meeting"))
    title: str | None = field(default=None, metadata=meta("标题"))
    source: str | None = field(default=None, metadata=meta("来源", ref="Source"))
    illustrative: bool = field(default=False, metadata=meta("示例数据"))
