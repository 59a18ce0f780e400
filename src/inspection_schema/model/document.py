"""The document (文档): the unit that is stored, exchanged, validated and signed."""

from __future__ import annotations

import datetime
from typing import ClassVar, Final

from attrs import field, frozen

from ._fields import meta
from .codes import Classification, DocumentKind
from .common import Extensions, Source
from .inspection import Inspection
from .people import Organisation, PartyOrganisation, Person
from .rectification import Rectification
from .report import ProgressReport
from .round import Round

SCHEMA_VERSION: Final = "1.0"
"""The format version this library writes: ``MAJOR.MINOR``."""


@frozen(kw_only=True)
class Code:
    """分类代码: one code of a code scheme."""

    TERM: ClassVar[str] = "分类代码"
    code: str = field(metadata=meta("代码", xml_attribute=True))
    label: str = field(metadata=meta("名称"))


@frozen(kw_only=True)
class CodeScheme:
    """分类方案 (四个落实, ...): a named list of problem categories, declared in the document."""

    TERM: ClassVar[str] = "分类方案"
    id: str = field(metadata=meta("标识", is_id=True))
    name: str = field(metadata=meta("名称"))
    codes: tuple[Code, ...] = field(metadata=meta("代码"))


@frozen(kw_only=True)
class ExternalReference:
    """外部引用: an object kept in another document, which this one refers to by id."""

    TERM: ClassVar[str] = "外部引用"
    id: str = field(metadata=meta("标识", is_id=True))
    type: str = field(metadata=meta("对象类型", xml_attribute=True))
    document: str = field(metadata=meta("所在文档标识", xml_attribute=True))
    label: str | None = field(default=None, metadata=meta("摘录"))


@frozen(kw_only=True)
class Document:
    """文档: one inspection record, whole or partial, as its ``kind`` says."""

    TERM: ClassVar[str] = "文档"
    schema_version: str = field(metadata=meta("格式版本", xml_attribute=True))
    id: str = field(metadata=meta("标识", is_id=True))
    kind: DocumentKind = field(metadata=meta("文档类型"))
    issuer: str = field(metadata=meta("制发单位", ref="Organisation"))
    issued_at: datetime.datetime = field(metadata=meta("制发时间"))
    classification: Classification = field(metadata=meta("知悉范围"))
    title: str | None = field(default=None, metadata=meta("标题"))
    note: str | None = field(default=None, metadata=meta("说明"))
    sources: tuple[Source, ...] = field(default=(), metadata=meta("来源"))
    external: tuple[ExternalReference, ...] = field(default=(), metadata=meta("外部引用"))
    code_schemes: tuple[CodeScheme, ...] = field(default=(), metadata=meta("分类方案"))
    organisations: tuple[Organisation, ...] = field(default=(), metadata=meta("组织"))
    party_organisations: tuple[PartyOrganisation, ...] = field(
        default=(), metadata=meta("被巡察党组织")
    )
    people: tuple[Person, ...] = field(default=(), metadata=meta("人员"))
    round: Round | None = field(default=None, metadata=meta("巡察轮次"))
    inspections: tuple[Inspection, ...] = field(default=(), metadata=meta("巡察"))
    rectifications: tuple[Rectification, ...] = field(default=(), metadata=meta("整改"))
    progress_reports: tuple[ProgressReport, ...] = field(default=(), metadata=meta("整改进展通报"))
    extensions: Extensions = field(factory=dict, metadata=meta("扩展"))


@frozen(kw_only=True)
class RequiredPart:
    """A part a document of some kind must have: a field path, ``[*]`` meaning every item."""

    path: str
    reason: str


KIND_REQUIREMENTS: Final[dict[DocumentKind, tuple[RequiredPart, ...]]] = {
    DocumentKind.ROUND_PLAN: (RequiredPart(path="round", reason="轮次安排须载明巡察轮次"),),
    DocumentKind.FEEDBACK: (
        RequiredPart(path="inspections", reason="反馈文档须载明被巡察党组织的巡察"),
        RequiredPart(path="inspections[*].feedback", reason="反馈文档中每项巡察须有反馈"),
    ),
    DocumentKind.RECTIFICATION_LEDGER: (
        RequiredPart(path="rectifications", reason="整改台账文档须有整改"),
        RequiredPart(path="rectifications[*].entries", reason="每项整改须有台账条目"),
    ),
    DocumentKind.PROGRESS_REPORT: (
        RequiredPart(path="progress_reports", reason="进展通报文档须有通报数据"),
    ),
    DocumentKind.FULL_RECORD: (
        RequiredPart(path="round", reason="全过程记录须载明巡察轮次"),
        RequiredPart(path="inspections", reason="全过程记录须载明巡察"),
    ),
}
"""Which parts each document kind requires; everything else is optional for every kind."""
