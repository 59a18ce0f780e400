"""The inspection of one organisation (对一个党组织的巡察): stationing, methods, feedback."""

from __future__ import annotations

import datetime
from typing import ClassVar

from attrs import field, frozen

from ._fields import meta
from .codes import InspectionMethod, StatisticKind
from .common import Extensions, Period
from .feedback import Feedback


@frozen(kw_only=True)
class MethodUse:
    """巡察方式及数量 (个别谈话63人次): a method used during stationing, with its count."""

    TERM: ClassVar[str] = "巡察方式"
    method: InspectionMethod = field(metadata=meta("方式"))
    count: int | None = field(default=None, metadata=meta("数量"))
    unit: str | None = field(default=None, metadata=meta("计量单位"))
    note: str | None = field(default=None, metadata=meta("说明"))


@frozen(kw_only=True)
class Statistic:
    """巡察统计 (发现问题189个), as declared by the notice."""

    TERM: ClassVar[str] = "统计项"
    kind: StatisticKind = field(metadata=meta("统计项"))
    value: int = field(metadata=meta("数值"))
    unit: str | None = field(default=None, metadata=meta("计量单位"))
    label: str | None = field(default=None, metadata=meta("原文表述"))


@frozen(kw_only=True)
class ImmediateItem:
    """立行立改事项: handed over during stationing to be fixed at once."""

    TERM: ClassVar[str] = "立行立改事项"
    id: str = field(metadata=meta("标识", is_id=True))
    text: str = field(metadata=meta("内容"))
    handed_over_on: datetime.date | None = field(default=None, metadata=meta("交办日期"))
    problem: str | None = field(default=None, metadata=meta("对应问题", ref="Problem"))


@frozen(kw_only=True)
class Inspection:
    """对被巡察党组织的巡察: one group inspecting one Party organisation in a round."""

    TERM: ClassVar[str] = "巡察"
    id: str = field(metadata=meta("标识", is_id=True))
    organisation: str = field(metadata=meta("被巡察党组织", ref="PartyOrganisation"))
    round: str | None = field(default=None, metadata=meta("巡察轮次", ref="Round"))
    group: str | None = field(default=None, metadata=meta("巡察组", ref="InspectionGroup"))
    stationing: Period | None = field(default=None, metadata=meta("进驻期间"))
    focus: str | None = field(default=None, metadata=meta("监督重点表述"))
    methods: tuple[MethodUse, ...] = field(default=(), metadata=meta("巡察方式"))
    statistics: tuple[Statistic, ...] = field(default=(), metadata=meta("统计"))
    immediate_items: tuple[ImmediateItem, ...] = field(default=(), metadata=meta("立行立改事项"))
    feedback: Feedback | None = field(default=None, metadata=meta("巡察反馈"))
    extensions: Extensions = field(factory=dict, metadata=meta("扩展"))
