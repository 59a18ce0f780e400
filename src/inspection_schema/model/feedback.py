"""Feedback (巡察反馈): problems found, clues handed over, opinions and requirements."""

from __future__ import annotations

import datetime
from typing import ClassVar

from attrs import field, frozen

from ._fields import meta
from .codes import Classification, ClueDisposition, DeadlinePurpose
from .common import Extensions
from .meeting import Meeting


@frozen(kw_only=True)
class Category:
    """问题类别: a code from a named scheme declared in the document (四个落实, ...)."""

    TERM: ClassVar[str] = "问题类别"
    scheme: str = field(metadata=meta("分类方案", ref="CodeScheme"))
    code: str = field(metadata=meta("类别代码", xml_attribute=True))


@frozen(kw_only=True)
class ProblemItem:
    """问题表现: one sub-item of a problem, word for word."""

    TERM: ClassVar[str] = "问题表现"
    id: str = field(metadata=meta("标识", is_id=True))
    text: str = field(metadata=meta("内容"))


@frozen(kw_only=True)
class Problem:
    """反馈问题: one problem as the feedback words it, under its category."""

    TERM: ClassVar[str] = "反馈问题"
    id: str = field(metadata=meta("标识", is_id=True))
    text: str = field(metadata=meta("问题内容"))
    category: Category | None = field(default=None, metadata=meta("问题类别"))
    number: int | None = field(default=None, metadata=meta("序号"))
    items: tuple[ProblemItem, ...] = field(default=(), metadata=meta("问题表现"))
    extensions: Extensions = field(factory=dict, metadata=meta("扩展"))


@frozen(kw_only=True)
class ClueTransfer:
    """问题线索移交: clues about officials handed to the bodies that deal with them."""

    TERM: ClassVar[str] = "问题线索移交"
    id: str = field(metadata=meta("标识", is_id=True))
    recipients: tuple[str, ...] = field(metadata=meta("接收单位", ref="Organisation"))
    transferred_on: datetime.date | None = field(default=None, metadata=meta("移交日期"))
    cases: int | None = field(default=None, metadata=meta("件数"))
    persons: int | None = field(default=None, metadata=meta("人数"))
    content: str | None = field(
        default=None, metadata=meta("线索内容", disclosure=Classification.INTERNAL)
    )
    disposition: ClueDisposition | None = field(default=None, metadata=meta("处置方式"))
    wording: str | None = field(default=None, metadata=meta("原文表述"))
    illustrative: bool = field(default=False, metadata=meta("示例数据"))


@frozen(kw_only=True)
class Opinion:
    """整改意见: one numbered rectification opinion of the group."""

    TERM: ClassVar[str] = "整改意见"
    id: str = field(metadata=meta("标识", is_id=True))
    number: int = field(metadata=meta("序号"))
    text: str = field(metadata=meta("内容"))
    problems: tuple[str, ...] = field(default=(), metadata=meta("针对问题", ref="Problem"))


@frozen(kw_only=True)
class DeadlineReference:
    """时限: a deadline named by what it is for; the convention in force gives its length."""

    TERM: ClassVar[str] = "时限"
    purpose: DeadlinePurpose = field(metadata=meta("时限事项"))
    wording: str | None = field(default=None, metadata=meta("原文表述"))


@frozen(kw_only=True)
class Requirement:
    """整改要求: a requirement set for the rectification (by the leading group, usually)."""

    TERM: ClassVar[str] = "整改要求"
    id: str = field(metadata=meta("标识", is_id=True))
    text: str = field(metadata=meta("内容"))
    set_by: str | None = field(default=None, metadata=meta("提出单位", ref="Organisation"))
    deadline: DeadlineReference | None = field(default=None, metadata=meta("时限"))


@frozen(kw_only=True)
class Response:
    """表态: the principal leader's response to the feedback."""

    TERM: ClassVar[str] = "表态"
    id: str = field(metadata=meta("标识", is_id=True))
    by: str = field(metadata=meta("表态人", ref="Person"))
    text: str = field(metadata=meta("内容"))
    commitments: tuple[str, ...] = field(default=(), metadata=meta("承诺事项"))


@frozen(kw_only=True)
class Feedback:
    """巡察反馈: what the group fed back to one inspected organisation."""

    TERM: ClassVar[str] = "巡察反馈"
    id: str = field(metadata=meta("标识", is_id=True))
    date: datetime.date = field(metadata=meta("反馈日期"))
    document_number: str | None = field(default=None, metadata=meta("文号"))
    meetings: tuple[Meeting, ...] = field(default=(), metadata=meta("反馈会议"))
    summary: str | None = field(default=None, metadata=meta("总体评价"))
    problems_preamble: str | None = field(default=None, metadata=meta("问题概述原文"))
    problems: tuple[Problem, ...] = field(default=(), metadata=meta("反馈问题"))
    problems_exhaustive: bool = field(default=True, metadata=meta("问题是否列全"))
    clue_transfers: tuple[ClueTransfer, ...] = field(default=(), metadata=meta("问题线索移交"))
    opinions: tuple[Opinion, ...] = field(default=(), metadata=meta("整改意见"))
    requirements: tuple[Requirement, ...] = field(default=(), metadata=meta("整改要求"))
    responses: tuple[Response, ...] = field(default=(), metadata=meta("表态"))
