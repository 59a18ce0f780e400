"""Meetings (会议) and what was said at them: hearings, feedback meetings, speeches."""

from __future__ import annotations

import datetime
from typing import ClassVar

from attrs import field, frozen

from ._fields import meta
from .codes import MeetingKind, SpeechKind

_PARTICIPANT_ORGS = ("Organisation", "PartyOrganisation", "InspectionGroup")


@frozen(kw_only=True)
class Participant:
    """出席/列席人员: a named person, or a body's people as the notice words them."""

    TERM: ClassVar[str] = "参会人员"
    person: str | None = field(default=None, metadata=meta("人员", ref="Person"))
    organisation: str | None = field(default=None, metadata=meta("所在组织", ref=_PARTICIPANT_ORGS))
    description: str | None = field(default=None, metadata=meta("表述"))


@frozen(kw_only=True)
class Speech:
    """讲话/通报/传达/表态: one contribution to a meeting, its content as reported."""

    TERM: ClassVar[str] = "发言"
    id: str = field(metadata=meta("标识", is_id=True))
    kind: SpeechKind = field(metadata=meta("发言类型"))
    speaker: str = field(metadata=meta("发言人或汇报单位", ref=("Person", *_PARTICIPANT_ORGS)))
    capacity: str | None = field(default=None, metadata=meta("发言身份"))
    summary: str | None = field(default=None, metadata=meta("内容"))
    conveys: tuple[str, ...] = field(
        default=(),
        metadata=meta(
            "传达或通报的内容",
            ref=("Speech", "Problem", "Opinion", "Requirement", "Response"),
        ),
    )


@frozen(kw_only=True)
class Meeting:
    """会议: a hearing or feedback meeting, with who presided, spoke, attended and observed."""

    TERM: ClassVar[str] = "会议"
    id: str = field(metadata=meta("标识", is_id=True))
    kind: MeetingKind = field(metadata=meta("会议类型"))
    date: datetime.date | None = field(default=None, metadata=meta("日期"))
    title: str | None = field(default=None, metadata=meta("会议名称"))
    convened_by: str | None = field(
        default=None, metadata=meta("召集单位", ref=("Organisation", "InspectionGroup"))
    )
    presided_by: str | None = field(default=None, metadata=meta("主持人", ref="Person"))
    organisations: tuple[str, ...] = field(
        default=(), metadata=meta("涉及被巡察党组织", ref="PartyOrganisation")
    )
    organisation_count: int | None = field(default=None, metadata=meta("涉及单位数"))
    speeches: tuple[Speech, ...] = field(default=(), metadata=meta("发言"))
    attendees: tuple[Participant, ...] = field(default=(), metadata=meta("出席"))
    observers: tuple[Participant, ...] = field(default=(), metadata=meta("列席"))
    note: str | None = field(default=None, metadata=meta("说明"))
