"""Code lists (代码表): closed vocabularies of the format.

Each member's value is the wire code (the same in JSON and XML); its ``term`` is the Chinese
word offices use. Lists that regions extend (problem categories) are not enums: they are named
code schemes declared inside the document (:class:`~inspection_schema.model.document.CodeScheme`).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import ClassVar, Self, TypeVar

_C = TypeVar("_C", bound="type[CodeList]")


def code_list(term: str) -> Callable[[_C], _C]:
    """Give a code list its Chinese name (an enum body cannot hold it: it would become a member)."""

    def mark(cls: _C) -> _C:
        cls.TERM = term
        return cls

    return mark


class CodeList(enum.StrEnum):
    """A closed code list whose members carry their Chinese term."""

    term: str
    TERM: ClassVar[str]

    def __new__(cls, value: str, term: str) -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.term = term
        return member

    @classmethod
    def from_term(cls, term: str) -> Self:
        """The member whose Chinese term is ``term`` (raises ``KeyError`` if none)."""
        for member in cls:
            if member.term == term:
                return member
        raise KeyError(term)


@code_list("巡视巡察层级")
class InspectionLevel(CodeList):
    """巡视 or 巡察: who dispatches the inspection."""

    XUNSHI = "xunshi", "巡视"
    XUNCHA = "xuncha", "巡察"


@code_list("巡察类型")
class RoundType(CodeList):
    """轮次类型: a round may combine several (stored as a set)."""

    ROUTINE = "routine", "常规巡察"
    SPECIAL = "special", "专项巡察"
    MOBILE = "mobile", "机动巡察"
    ESCALATED = "escalated", "提级巡察"
    CROSS = "cross", "交叉巡察"
    LOOK_BACK = "look_back", "巡察“回头看”"
    LINKED = "linked", "上下联动巡察"
    VILLAGE = "village", "对村巡察"


@code_list("巡察组职务")
class GroupRole(CodeList):
    """巡察组成员职务."""

    LEADER = "leader", "组长"
    DEPUTY_LEADER = "deputy_leader", "副组长"
    LIAISON = "liaison", "联络员"
    COMMISSIONER = "commissioner", "巡察专员"
    MEMBER = "member", "组员"


@code_list("领导小组职务")
class LeadingGroupRole(CodeList):
    """巡察工作领导小组成员职务."""

    HEAD = "head", "组长"
    DEPUTY_HEAD = "deputy_head", "副组长"
    MEMBER = "member", "成员"
    OFFICE_DIRECTOR = "office_director", "办公室主任"


@code_list("组织类别")
class OrganisationKind(CodeList):
    """组织类别: what kind of body an organisation record stands for."""

    PARTY_COMMITTEE = "party_committee", "党委"
    STANDING_COMMITTEE = "standing_committee", "党委常委会"
    LEADING_GROUP = "leading_group", "巡察工作领导小组"
    INSPECTION_OFFICE = "inspection_office", "巡察办"
    INSPECTION_GROUP = "inspection_group", "巡察组"
    DISCIPLINE_COMMISSION = "discipline_commission", "纪委监委"
    DISCIPLINE_GROUP = "discipline_group", "派驻纪检监察组"
    ORGANISATION_DEPARTMENT = "organisation_department", "组织部"
    UNIT = "unit", "单位"
    DEPARTMENT = "department", "内设部门"
    OTHER = "other", "其他"


@code_list("党组织类别")
class PartyOrganisationKind(CodeList):
    """被巡察党组织的类别."""

    COMMITTEE = "committee", "党委"
    LEADING_PARTY_GROUP = "leading_party_group", "党组"
    WORKING_COMMITTEE = "working_committee", "党工委"
    GENERAL_BRANCH = "general_branch", "党总支"
    BRANCH = "branch", "党支部"


@code_list("单位类别")
class UnitCategory(CodeList):
    """单位类别 (the sector an inspected unit belongs to)."""

    PARTY_ORGAN = "party_organ", "党的机关"
    GOVERNMENT = "government", "政府部门"
    MASS_ORGANISATION = "mass_organisation", "群团组织"
    PEOPLES_CONGRESS_CPPCC = "congress_cppcc", "人大政协机关"
    JUDICIAL = "judicial", "政法机关"
    PUBLIC_INSTITUTION = "public_institution", "事业单位"
    STATE_ENTERPRISE = "state_enterprise", "国有企业"
    UNIVERSITY = "university", "高校"
    TOWNSHIP = "township", "乡镇街道"
    VILLAGE = "village", "村社区"
    OTHER = "other", "其他"


@code_list("文档类型")
class DocumentKind(CodeList):
    """文档类型: decides which parts a document must contain."""

    ROUND_PLAN = "round_plan", "巡察轮次安排"
    FEEDBACK = "feedback", "巡察反馈"
    RECTIFICATION_LEDGER = "rectification_ledger", "整改台账"
    PROGRESS_REPORT = "progress_report", "整改进展通报"
    FULL_RECORD = "full_record", "巡察全过程记录"


@code_list("知悉范围")
class Classification(CodeList):
    """密级与知悉范围, ordered from the widest audience to the narrowest."""

    PUBLIC = "public", "公开"
    PARTY = "party", "党内"
    INTERNAL = "internal", "内部"
    SECRET = "secret", "秘密"
    CONFIDENTIAL = "confidential", "机密"
    TOP_SECRET = "top_secret", "绝密"

    @property
    def rank(self) -> int:
        """0 for public, rising with restriction."""
        return list(type(self)).index(self)


@code_list("巡察方式")
class InspectionMethod(CodeList):
    """巡察方式."""

    INDIVIDUAL_TALK = "individual_talk", "个别谈话"
    LETTERS_AND_VISITS = "letters_and_visits", "受理来信来访"
    DOCUMENT_REVIEW = "document_review", "调阅资料"
    SYMPOSIUM = "symposium", "座谈会"
    ATTENDING_MEETINGS = "attending_meetings", "列席会议"
    DEMOCRATIC_EVALUATION = "democratic_evaluation", "民主测评"
    QUESTIONNAIRE = "questionnaire", "问卷调查"
    FIELD_VISIT = "field_visit", "走访下沉了解"
    PERSONAL_MATTERS_CHECK = "personal_matters_check", "个人有关事项抽查"
    SPECIAL_CHECK = "special_check", "专项检查"
    OTHER = "other", "其他"


@code_list("统计项")
class StatisticKind(CodeList):
    """巡察统计项 as notices report them."""

    PROBLEMS_FOUND = "problems_found", "发现问题"
    IMMEDIATE_RECTIFICATIONS = "immediate_rectifications", "督促立行立改"
    RECOMMENDATIONS = "recommendations", "提出意见建议"
    CLUE_CASES = "clue_cases", "移交问题线索(件)"
    CLUE_PERSONS = "clue_persons", "移交问题线索(人)"
    OTHER = "other", "其他"


@code_list("会议类型")
class MeetingKind(CodeList):
    """会议类型."""

    STANDING_COMMITTEE_HEARING = "standing_committee_hearing", "常委会听取巡察情况汇报"
    LEADING_GROUP_HEARING = "leading_group_hearing", "领导小组听取巡察情况汇报"
    ONE_TO_ONE = "one_to_one", "向主要负责人反馈"
    LEADERSHIP_TEAM = "leadership_team", "向领导班子反馈"
    CONCENTRATED = "concentrated", "集中反馈会"
    MOBILISATION = "mobilisation", "巡察动员会"
    OTHER = "other", "其他会议"


@code_list("发言类型")
class SpeechKind(CodeList):
    """What a speaker did at a meeting."""

    SPEECH = "speech", "讲话"
    BRIEFING = "briefing", "通报"
    FEEDBACK = "feedback", "反馈巡察意见"
    CONVEYANCE = "conveyance", "传达"
    RESPONSE = "response", "表态"
    REPORT = "report", "汇报"


@code_list("线索处置方式")
class ClueDisposition(CodeList):
    """问题线索处置方式."""

    TALK_OR_LETTER = "talk_or_letter", "谈话函询"
    PRELIMINARY_VERIFICATION = "preliminary_verification", "初步核实"
    PENDING = "pending", "暂存待查"
    CLOSED = "closed", "予以了结"


@code_list("时限事项")
class DeadlinePurpose(CodeList):
    """What a deadline is for; the convention in force says how long it is and on what basis."""

    RECTIFICATION_PLAN = "rectification_plan", "制定整改方案"
    DEMOCRATIC_LIFE_MEETING = "democratic_life_meeting", "召开专题民主生活会"
    CONCENTRATED_RECTIFICATION = "concentrated_rectification", "集中整改"
    RECTIFICATION_REPORT = "rectification_report", "报送整改情况报告"
    CLUE_RESULTS = "clue_results", "反馈线索处置结果"
    DISCLOSURE = "disclosure", "公开整改进展"
    LOOK_BACK = "look_back", "回头看"


@code_list("整改方式")
class RectificationMode(CodeList):
    """整改方式."""

    IMMEDIATE = "immediate", "立行立改"
    TIME_BOUND = "time_bound", "限期整改"
    ONGOING = "ongoing", "长期坚持"


@code_list("整改状态")
class EntryStatus(CodeList):
    """整改状态 of a ledger entry, derived from its history."""

    NOT_STARTED = "not_started", "未启动"
    IN_PROGRESS = "in_progress", "整改中"
    ONGOING = "ongoing", "基本完成、持续整改"
    COMPLETED = "completed", "已完成"
    SIGNED_OFF = "signed_off", "已销号"


@code_list("制度建设方式")
class MechanismAction(CodeList):
    """长效机制: what was done to a regulation."""

    MADE = "made", "新建"
    REVISED = "revised", "修订"
    ABOLISHED = "abolished", "废止"


@code_list("报告类型")
class ReportKind(CodeList):
    """整改报告类型."""

    RECTIFICATION_REPORT = "rectification_report", "整改情况报告"
    PRINCIPAL_LEADER_REPORT = "principal_leader_report", "主要负责人组织落实整改情况报告"
    PROGRESS_REPORT = "progress_report", "整改进展报告"


@code_list("公开方式")
class DisclosureChannel(CodeList):
    """整改公开渠道 (“双公开”)."""

    INTRA_PARTY = "intra_party", "党内通报"
    PUBLIC = "public", "向社会公开"


@code_list("摘要算法")
class DigestAlgorithm(CodeList):
    """摘要算法."""

    SM3 = "sm3", "SM3"
    SHA256 = "sha256", "SHA-256"


@code_list("来源类型")
class SourceKind(CodeList):
    """来源类型."""

    PUBLIC_NOTICE = "public_notice", "公开通报"
    OFFICIAL_DOCUMENT = "official_document", "公文"
    LEDGER = "ledger", "整改台账"
    OTHER = "other", "其他"


ALL_CODE_LISTS: tuple[type[CodeList], ...] = tuple(CodeList.__subclasses__())
