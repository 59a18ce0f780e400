"""People and organisations (人员与组织): held once per document and referred to by id."""

from __future__ import annotations

from typing import ClassVar

from attrs import field, frozen

from ._fields import meta
from .codes import Classification, OrganisationKind, PartyOrganisationKind, UnitCategory


@frozen(kw_only=True)
class Post:
    """职务: one post a person holds, as a notice words it."""

    TERM: ClassVar[str] = "职务"
    title: str = field(metadata=meta("职务名称"))
    organisation: str | None = field(
        default=None,
        metadata=meta("任职组织", ref=("Organisation", "PartyOrganisation", "InspectionGroup")),
    )


@frozen(kw_only=True)
class Person:
    """人员: someone named in the record, with the posts the record names them in."""

    TERM: ClassVar[str] = "人员"
    id: str = field(metadata=meta("标识", is_id=True))
    name: str = field(metadata=meta("姓名"))
    posts: tuple[Post, ...] = field(default=(), metadata=meta("职务"))
    wording: str | None = field(default=None, metadata=meta("原文称谓"))
    identity_number: str | None = field(
        default=None, metadata=meta("公民身份号码", disclosure=Classification.INTERNAL)
    )
    disclosure: Classification = field(default=Classification.PUBLIC, metadata=meta("姓名公开范围"))
    illustrative: bool = field(default=False, metadata=meta("示例数据"))


@frozen(kw_only=True)
class Organisation:
    """组织: a committee, office, unit or department named in the record."""

    TERM: ClassVar[str] = "组织"
    id: str = field(metadata=meta("标识", is_id=True))
    name: str = field(metadata=meta("名称"))
    kind: OrganisationKind = field(metadata=meta("组织类别"))
    short_name: str | None = field(default=None, metadata=meta("简称"))
    parent: str | None = field(default=None, metadata=meta("上级组织", ref="Organisation"))
    category: UnitCategory | None = field(default=None, metadata=meta("单位类别"))
    credit_code: str | None = field(
        default=None, metadata=meta("统一社会信用代码", xml_attribute=True)
    )
    area_code: str | None = field(default=None, metadata=meta("行政区划代码", xml_attribute=True))
    illustrative: bool = field(default=False, metadata=meta("示例数据"))


@frozen(kw_only=True)
class PartyOrganisation:
    """被巡察党组织: the Party organisation inspected, belonging to a unit."""

    TERM: ClassVar[str] = "被巡察党组织"
    id: str = field(metadata=meta("标识", is_id=True))
    name: str = field(metadata=meta("名称"))
    kind: PartyOrganisationKind = field(metadata=meta("党组织类别"))
    unit: str = field(metadata=meta("所在单位", ref="Organisation"))
    principal_leader: str | None = field(default=None, metadata=meta("主要负责人", ref="Person"))
