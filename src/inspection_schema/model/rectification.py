"""Rectification (整改): the plan's three lists, the ledger with its history, and what follows.

The ledger keeps history, not state: an entry's status is derived from its events
(:mod:`inspection_schema.lifecycle`), so no edit can make the two disagree.
"""

from __future__ import annotations

import datetime
from typing import ClassVar

from attrs import field, frozen

from ._fields import meta
from .codes import (
    Classification,
    DisclosureChannel,
    EntryStatus,
    MechanismAction,
    RectificationMode,
    ReportKind,
)
from .common import Digest, Extensions


@frozen(kw_only=True)
class Evidence:
    """佐证材料: a file that backs progress or a sign-off, with its digest."""

    TERM: ClassVar[str] = "佐证材料"
    id: str = field(metadata=meta("标识", is_id=True))
    title: str = field(metadata=meta("名称"))
    location: str | None = field(default=None, metadata=meta("存放位置"))
    media_type: str | None = field(default=None, metadata=meta("媒体类型", xml_attribute=True))
    digest: Digest | None = field(default=None, metadata=meta("摘要"))


@frozen(kw_only=True)
class Measure:
    """整改措施."""

    TERM: ClassVar[str] = "整改措施"
    id: str = field(metadata=meta("标识", is_id=True))
    text: str = field(metadata=meta("内容"))


@frozen(kw_only=True)
class Task:
    """任务清单条目: the measures for one problem and the target they aim at."""

    TERM: ClassVar[str] = "整改任务"
    id: str = field(metadata=meta("标识", is_id=True))
    problem: str = field(metadata=meta("对应问题", ref="Problem"))
    target: str = field(metadata=meta("整改目标"))
    measures: tuple[Measure, ...] = field(default=(), metadata=meta("整改措施"))
    opinions: tuple[str, ...] = field(default=(), metadata=meta("对应整改意见", ref="Opinion"))


@frozen(kw_only=True)
class Responsibility:
    """责任清单条目: for one problem, one leader, one lead department, persons and a deadline."""

    TERM: ClassVar[str] = "整改责任"
    id: str = field(metadata=meta("标识", is_id=True))
    problem: str = field(metadata=meta("对应问题", ref="Problem"))
    leader: str = field(metadata=meta("责任领导", ref="Person"))
    lead_department: str = field(metadata=meta("牵头部门", ref="Organisation"))
    mode: RectificationMode = field(metadata=meta("整改方式"))
    cooperating_departments: tuple[str, ...] = field(
        default=(), metadata=meta("配合部门", ref="Organisation")
    )
    persons: tuple[str, ...] = field(default=(), metadata=meta("责任人", ref="Person"))
    deadline: datetime.date | None = field(default=None, metadata=meta("整改时限"))


@frozen(kw_only=True)
class RectificationPlan:
    """整改方案: the problem list, task list and responsibility list, cross-linked by id."""

    TERM: ClassVar[str] = "整改方案"
    id: str = field(metadata=meta("标识", is_id=True))
    title: str | None = field(default=None, metadata=meta("标题"))
    adopted_on: datetime.date | None = field(default=None, metadata=meta("印发日期"))
    document_number: str | None = field(default=None, metadata=meta("文号"))
    problems: tuple[str, ...] = field(default=(), metadata=meta("问题清单", ref="Problem"))
    tasks: tuple[Task, ...] = field(default=(), metadata=meta("任务清单"))
    responsibilities: tuple[Responsibility, ...] = field(default=(), metadata=meta("责任清单"))


# -- ledger history: each event is appended, never rewritten ------------------------------------


@frozen(kw_only=True)
class ProgressNote:
    """整改进展: a dated note of what was done."""

    TERM: ClassVar[str] = "整改进展"
    KIND: ClassVar[str] = "progress"
    id: str = field(metadata=meta("标识", is_id=True))
    date: datetime.date = field(metadata=meta("日期"))
    text: str = field(metadata=meta("进展情况"))
    by: str | None = field(default=None, metadata=meta("记录人", ref="Person"))
    evidence: tuple[str, ...] = field(default=(), metadata=meta("佐证材料", ref="Evidence"))


@frozen(kw_only=True)
class StatusChange:
    """状态变更: the entry's status from this date on, and who changed it."""

    TERM: ClassVar[str] = "状态变更"
    KIND: ClassVar[str] = "status"
    id: str = field(metadata=meta("标识", is_id=True))
    date: datetime.date = field(metadata=meta("日期"))
    by: str = field(metadata=meta("变更人", ref="Person"))
    status: EntryStatus = field(metadata=meta("整改状态"))
    note: str | None = field(default=None, metadata=meta("说明"))


@frozen(kw_only=True)
class ExtensionRequest:
    """申请延期整改."""

    TERM: ClassVar[str] = "延期申请"
    KIND: ClassVar[str] = "extension_request"
    id: str = field(metadata=meta("标识", is_id=True))
    date: datetime.date = field(metadata=meta("日期"))
    by: str = field(metadata=meta("申请人", ref="Person"))
    requested_deadline: datetime.date = field(metadata=meta("申请延至"))
    reason: str = field(metadata=meta("理由"))


@frozen(kw_only=True)
class ExtensionDecision:
    """延期审批: the answer to an extension request."""

    TERM: ClassVar[str] = "延期审批"
    KIND: ClassVar[str] = "extension_decision"
    id: str = field(metadata=meta("标识", is_id=True))
    date: datetime.date = field(metadata=meta("日期"))
    by: str = field(metadata=meta("审批人", ref="Person"))
    request: str = field(metadata=meta("延期申请", ref="ExtensionRequest"))
    approved: bool = field(metadata=meta("是否同意"))
    deadline: datetime.date | None = field(default=None, metadata=meta("批准时限"))
    note: str | None = field(default=None, metadata=meta("审批意见"))


@frozen(kw_only=True)
class Acceptance:
    """验收: the inspection office's (and group's) check of a reported completion."""

    TERM: ClassVar[str] = "验收"
    KIND: ClassVar[str] = "acceptance"
    id: str = field(metadata=meta("标识", is_id=True))
    date: datetime.date = field(metadata=meta("日期"))
    by: str = field(metadata=meta("验收人", ref="Person"))
    passed: bool = field(metadata=meta("是否通过"))
    opinion: str | None = field(default=None, metadata=meta("验收意见"))
    evidence: tuple[str, ...] = field(default=(), metadata=meta("佐证材料", ref="Evidence"))


@frozen(kw_only=True)
class SignOff:
    """销号: the entry is closed (“整改一个销号一个”)."""

    TERM: ClassVar[str] = "销号"
    KIND: ClassVar[str] = "sign_off"
    id: str = field(metadata=meta("标识", is_id=True))
    date: datetime.date = field(metadata=meta("销号日期"))
    approver: str = field(metadata=meta("审批人", ref="Person"))
    evidence: tuple[str, ...] = field(default=(), metadata=meta("佐证材料", ref="Evidence"))
    note: str | None = field(default=None, metadata=meta("说明"))


HistoryEvent = (
    ProgressNote | StatusChange | ExtensionRequest | ExtensionDecision | Acceptance | SignOff
)
"""台账记录: one event in a ledger entry's append-only history."""

HISTORY_EVENT_TYPES: tuple[type[HistoryEvent], ...] = (
    ProgressNote,
    StatusChange,
    ExtensionRequest,
    ExtensionDecision,
    Acceptance,
    SignOff,
)


@frozen(kw_only=True)
class LedgerEntry:
    """台账条目: one row of the rectification ledger, one problem, with its history."""

    TERM: ClassVar[str] = "台账条目"
    id: str = field(metadata=meta("标识", is_id=True))
    number: int = field(metadata=meta("序号"))
    problem: str = field(metadata=meta("对应问题", ref="Problem"))
    task: str | None = field(default=None, metadata=meta("整改任务", ref="Task"))
    responsibility: str | None = field(
        default=None, metadata=meta("整改责任", ref="Responsibility")
    )
    history: tuple[HistoryEvent, ...] = field(default=(), metadata=meta("台账记录"))
    remarks: str | None = field(
        default=None, metadata=meta("备注", disclosure=Classification.INTERNAL)
    )
    extensions: Extensions = field(factory=dict, metadata=meta("扩展"))


@frozen(kw_only=True)
class Mechanism:
    """长效机制: a regulation made, revised or abolished in the course of rectification."""

    TERM: ClassVar[str] = "长效机制"
    id: str = field(metadata=meta("标识", is_id=True))
    title: str = field(metadata=meta("制度名称"))
    action: MechanismAction = field(metadata=meta("制度建设方式"))
    date: datetime.date | None = field(default=None, metadata=meta("日期"))
    document_number: str | None = field(default=None, metadata=meta("文号"))
    problems: tuple[str, ...] = field(default=(), metadata=meta("对应问题", ref="Problem"))


@frozen(kw_only=True)
class RectificationReport:
    """整改报告: a report sent to the inspection office."""

    TERM: ClassVar[str] = "整改报告"
    id: str = field(metadata=meta("标识", is_id=True))
    kind: ReportKind = field(metadata=meta("报告类型"))
    submitted_on: datetime.date = field(metadata=meta("报送日期"))
    recipient: str | None = field(default=None, metadata=meta("报送单位", ref="Organisation"))
    title: str | None = field(default=None, metadata=meta("标题"))
    document_number: str | None = field(default=None, metadata=meta("文号"))


@frozen(kw_only=True)
class Disclosure:
    """整改公开: progress circulated inside the Party or published (“双公开”)."""

    TERM: ClassVar[str] = "整改公开"
    id: str = field(metadata=meta("标识", is_id=True))
    channel: DisclosureChannel = field(metadata=meta("公开方式"))
    date: datetime.date = field(metadata=meta("公开日期"))
    title: str | None = field(default=None, metadata=meta("标题"))
    location: str | None = field(default=None, metadata=meta("发布位置"))
    exemptions: str | None = field(default=None, metadata=meta("不予公开事项说明"))


@frozen(kw_only=True)
class Rectification:
    """整改: one inspected organisation's rectification of its feedback, as a ledger."""

    TERM: ClassVar[str] = "整改"
    id: str = field(metadata=meta("标识", is_id=True))
    inspection: str = field(metadata=meta("对应巡察", ref="Inspection"))
    illustrative: bool = field(default=False, metadata=meta("示例数据"))
    plan: RectificationPlan | None = field(default=None, metadata=meta("整改方案"))
    entries: tuple[LedgerEntry, ...] = field(default=(), metadata=meta("整改台账"))
    evidence: tuple[Evidence, ...] = field(default=(), metadata=meta("佐证材料"))
    mechanisms: tuple[Mechanism, ...] = field(default=(), metadata=meta("长效机制"))
    reports: tuple[RectificationReport, ...] = field(default=(), metadata=meta("整改报告"))
    disclosures: tuple[Disclosure, ...] = field(default=(), metadata=meta("整改公开"))
