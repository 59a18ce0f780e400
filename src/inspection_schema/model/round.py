"""The inspection round (巡察轮次) and the bodies that run it."""

from __future__ import annotations

from typing import ClassVar

from attrs import field, frozen

from ._fields import meta
from .codes import GroupRole, InspectionLevel, LeadingGroupRole, RoundType
from .meeting import Meeting


@frozen(kw_only=True)
class LeadingGroupMember:
    """领导小组成员."""

    TERM: ClassVar[str] = "领导小组成员"
    person: str = field(metadata=meta("人员", ref="Person"))
    role: LeadingGroupRole = field(metadata=meta("职务"))


@frozen(kw_only=True)
class LeadingGroup:
    """巡察工作领导小组: hears the groups' reports and sets rectification requirements."""

    TERM: ClassVar[str] = "巡察工作领导小组"
    organisation: str = field(metadata=meta("组织", ref="Organisation"))
    members: tuple[LeadingGroupMember, ...] = field(default=(), metadata=meta("成员"))


@frozen(kw_only=True)
class GroupMember:
    """巡察组成员."""

    TERM: ClassVar[str] = "巡察组成员"
    person: str = field(metadata=meta("人员", ref="Person"))
    role: GroupRole = field(metadata=meta("职务"))


@frozen(kw_only=True)
class InspectionGroup:
    """巡察组 (市委第三巡察组): one group of a round, inspecting one or more organisations."""

    TERM: ClassVar[str] = "巡察组"
    id: str = field(metadata=meta("标识", is_id=True))
    ordinal: int = field(metadata=meta("组次"))
    name: str = field(metadata=meta("名称"))
    organisation: str | None = field(default=None, metadata=meta("组织", ref="Organisation"))
    members: tuple[GroupMember, ...] = field(default=(), metadata=meta("成员"))


@frozen(kw_only=True)
class Round:
    """巡察轮次 (十二届市委第三轮巡察): authorised once, sending several groups."""

    TERM: ClassVar[str] = "巡察轮次"
    id: str = field(metadata=meta("标识", is_id=True))
    level: InspectionLevel = field(metadata=meta("层级"))
    dispatched_by: str = field(metadata=meta("派出党组织", ref="Organisation"))
    year: int = field(metadata=meta("年度"))
    term: str | None = field(default=None, metadata=meta("届次"))
    ordinal: int | None = field(default=None, metadata=meta("轮次"))
    name: str | None = field(default=None, metadata=meta("轮次名称"))
    types: frozenset[RoundType] = field(default=frozenset(), metadata=meta("巡察类型"))
    focus: str | None = field(default=None, metadata=meta("监督重点表述"))
    leading_group: LeadingGroup | None = field(default=None, metadata=meta("巡察工作领导小组"))
    office: str | None = field(default=None, metadata=meta("巡察办", ref="Organisation"))
    groups: tuple[InspectionGroup, ...] = field(default=(), metadata=meta("巡察组"))
    meetings: tuple[Meeting, ...] = field(default=(), metadata=meta("轮次会议"))
