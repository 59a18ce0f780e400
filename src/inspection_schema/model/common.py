"""Small value types shared by several parts of the record."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, ClassVar

from attrs import field, frozen

from ._fields import meta
from .codes import DigestAlgorithm, SourceKind

Extensions = Mapping[str, Any]
"""扩展: plugin data keyed by the plugin's namespace; the one slot unknown data may ride in."""


@frozen(kw_only=True)
class Period:
    """期间: a span of days, both ends included (the stationing period, 进驻时间)."""

    TERM: ClassVar[str] = "期间"
    start: datetime.date = field(metadata=meta("开始日期"))
    end: datetime.date | None = field(default=None, metadata=meta("结束日期"))


@frozen(kw_only=True)
class Digest:
    """摘要: the hash of a file, so evidence can be checked later."""

    TERM: ClassVar[str] = "摘要"
    algorithm: DigestAlgorithm = field(metadata=meta("算法"))
    value: str = field(metadata=meta("摘要值", xml_attribute=True))


@frozen(kw_only=True)
class Source:
    """来源: a published notice or document that facts in the record come from."""

    TERM: ClassVar[str] = "来源"
    id: str = field(metadata=meta("标识", is_id=True))
    kind: SourceKind = field(metadata=meta("来源类型"))
    title: str = field(metadata=meta("标题"))
    publisher: str | None = field(default=None, metadata=meta("发布单位"))
    published_on: datetime.date | None = field(default=None, metadata=meta("发布日期"))
    document_number: str | None = field(default=None, metadata=meta("文号"))
    location: str | None = field(default=None, metadata=meta("位置"))
    note: str | None = field(default=None, metadata=meta("说明"))
