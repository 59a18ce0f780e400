"""Build the examples: ``examples/fulian-2023`` and ``examples/ledger-only``, in JSON and XML.

Run ``python examples/build.py`` to rewrite both files in canonical form, or
``python examples/build.py --check`` to exit 1 if either differs from what this script writes.

Every text taken from the seed notice is cut out of its byte copy in
``tests/data/feedback-notice-2023-06-09.txt``, never retyped: :func:`q` checks that a phrase
occurs in the notice and :func:`cut` slices between markers found in it. Everything that is not
in the notice is marked ``illustrative`` and its wording says 示例.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from decimal import Decimal
from pathlib import Path

import attrs

from inspection_schema.codecs import json as json_codec
from inspection_schema.codecs import xml as xml_codec
from inspection_schema.integrity import check_integrity
from inspection_schema.model import (
    Acceptance,
    Category,
    Classification,
    ClueDisposition,
    ClueTransfer,
    Code,
    CodeScheme,
    DeadlinePurpose,
    DeadlineReference,
    DeclaredCounters,
    Digest,
    DigestAlgorithm,
    Disclosure,
    DisclosureChannel,
    Document,
    DocumentKind,
    EntryStatus,
    Evidence,
    ExtensionDecision,
    ExtensionRequest,
    ExternalReference,
    Feedback,
    GroupMember,
    GroupRole,
    Inspection,
    InspectionGroup,
    InspectionLevel,
    InspectionMethod,
    LeadingGroup,
    LeadingGroupMember,
    LeadingGroupRole,
    LedgerEntry,
    Measure,
    Mechanism,
    MechanismAction,
    Meeting,
    MeetingKind,
    MethodUse,
    Opinion,
    Organisation,
    OrganisationKind,
    Participant,
    PartyOrganisation,
    PartyOrganisationKind,
    Period,
    Person,
    Post,
    Problem,
    ProblemItem,
    ProgressNote,
    ProgressReport,
    Rectification,
    RectificationMode,
    RectificationPlan,
    RectificationReport,
    ReportKind,
    Requirement,
    Response,
    Responsibility,
    Round,
    SignOff,
    Source,
    SourceKind,
    Speech,
    SpeechKind,
    StatusChange,
    Task,
    UnitCategory,
)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
NOTICE = (ROOT / "tests" / "data" / "feedback-notice-2023-06-09.txt").read_text(encoding="utf-8")
PARAS = [p for p in NOTICE.split("\n") if p]


class BuildError(Exception):
    """The notice does not say what the builder expects (it was edited, or a marker is wrong)."""


def require(condition: bool, what: object) -> None:
    """Stop the build unless ``condition`` holds (not ``assert``: it must run under ``-O`` too)."""
    if not condition:
        raise BuildError(what)


def q(phrase: str) -> str:
    """The phrase, checked to occur in the notice exactly."""
    require(phrase in NOTICE, phrase)
    return phrase


def para(start: str) -> str:
    """The whole paragraph starting with ``start``, without surrounding whitespace."""
    found = [p for p in PARAS if p.startswith(start)]
    require(len(found) == 1, start)
    return found[0].strip()


def cut(text: str, start: str, end: str, *, keep_start: bool = True, keep_end: bool = True) -> str:
    """The piece of ``text`` from marker ``start`` to marker ``end``."""
    i = text.index(start)
    j = text.index(end, i + len(start))
    out = text[i if keep_start else i + len(start) : j + len(end) if keep_end else j]
    require(out in NOTICE, out)
    return out


d = dt.date

# ---------------------------------------------------------------------------------------------
# seed facts
# ---------------------------------------------------------------------------------------------

DOC_ID = "doc-fulian-2023"

orgs_seed = (
    Organisation(id="org-shiwei", name=q("市委"), kind=OrganisationKind.PARTY_COMMITTEE),
    Organisation(
        id="org-shiwei-changweihui",
        name=q("市委常委会"),
        kind=OrganisationKind.STANDING_COMMITTEE,
        parent="org-shiwei",
    ),
    Organisation(
        id="org-xuncha-lg",
        name=q("市委巡察工作领导小组"),
        kind=OrganisationKind.LEADING_GROUP,
        parent="org-shiwei",
    ),
    Organisation(
        id="org-jiwei-jianwei",
        name=q("市纪委市监委"),
        kind=OrganisationKind.DISCIPLINE_COMMISSION,
    ),
    Organisation(
        id="org-jiwei-group-zuzhibu",
        name=q("市纪委市监委市委组织部纪检监察组"),
        kind=OrganisationKind.DISCIPLINE_GROUP,
        parent="org-jiwei-jianwei",
    ),
    Organisation(
        id="org-zuzhibu",
        name=q("市委组织部"),
        kind=OrganisationKind.ORGANISATION_DEPARTMENT,
        parent="org-shiwei",
    ),
    Organisation(
        id="org-fulian",
        name=q("市妇联"),
        kind=OrganisationKind.UNIT,
        category=UnitCategory.MASS_ORGANISATION,
    ),
)


people_seed = (
    Person(
        id="p-su-yongzhong",
        name=q("苏永忠"),
        posts=(Post(title=q("市委书记"), organisation="org-shiwei"),),
        wording=cut(para("根据市委统一安排"), "市委书记", "苏永忠", keep_end=False),
    ),
    Person(
        id="p-tang-yuan",
        name=q("唐源"),
        posts=(Post(title=q("市委副书记"), organisation="org-shiwei"),),
        wording=cut(para("针对市妇联等7家群团部门"), "市委副书记", "唐源", keep_end=False),
    ),
    Person(
        id="p-li-jun",
        name=q("李军"),
        posts=(
            Post(title=q("市纪委书记"), organisation="org-jiwei-jianwei"),
            Post(title=q("市监委主任"), organisation="org-jiwei-jianwei"),
            Post(title=q("市委巡察工作领导小组组长"), organisation="org-xuncha-lg"),
        ),
        wording=cut(para("针对市妇联等7家群团部门"), "市纪委书记", "李军", keep_end=False),
    ),
    Person(
        id="p-zhang-quansheng",
        name=q("张全胜"),
        posts=(Post(title=q("市委第三巡察组组长"), organisation="grp-3"),),
        # the full style; the opening sentence also calls him “市委巡察组组长” (see the speeches)
        wording=cut(para("根据市委统一安排"), "市委第三巡察组组长", "张全胜", keep_end=False),
    ),
    Person(
        id="p-wu-chunmei",
        name=q("邬春梅"),
        posts=(
            Post(title=q("市妇联党组书记"), organisation="po-fulian"),
            # the notice words both posts at once (see ``wording``); this title joins its parts
            Post(title=q("市妇联") + q("主席"), organisation="org-fulian"),
        ),
        wording=cut(
            para("市妇联党组书记、主席邬春梅"), "市妇联党组书记、主席", "邬春梅", keep_end=False
        ),
    ),
)

party_orgs = (
    PartyOrganisation(
        id="po-fulian",
        name=q("市妇联党组"),
        kind=PartyOrganisationKind.LEADING_PARTY_GROUP,
        unit="org-fulian",
        principal_leader="p-wu-chunmei",
    ),
)

P_SU, P_TANG, P_LI, P_ZHANG, P_WU = (p.id for p in people_seed)

# -- the round --------------------------------------------------------------------------------

P2 = para("根据市委统一部署")
P3 = para("针对市妇联等7家群团部门")
P_TANG_SPEECH = para("唐源要求")

sp_su = Speech(
    id="sp-su-yongzhong-hearing",
    kind=SpeechKind.SPEECH,
    speaker=P_SU,
    capacity=q("市委书记"),
)

# “市委巡察工作领导小组听取了巡察组的巡察情况汇报,并向市委常委会报告了有关情况”: two hearings,
# at each of which a body reports (the group, then the leading group); neither report's content
# is given, so the speeches have no summary, and no date is given for either hearing
P2_HEARINGS = cut(P2, "市委巡察工作领导小组听取", "报告了有关情况。")

sp_group_report = Speech(
    id="sp-grp-3-report",
    kind=SpeechKind.REPORT,
    speaker="grp-3",
    capacity=cut(P2_HEARINGS, "巡察组", "的巡察情况汇报", keep_end=False),
)
meeting_lg_hearing = Meeting(
    id="mtg-leading-group-hearing",
    kind=MeetingKind.LEADING_GROUP_HEARING,
    convened_by="org-xuncha-lg",
    organisations=("po-fulian",),
    speeches=(sp_group_report,),
    note=cut(P2_HEARINGS, "市委巡察工作领导小组听取", "汇报"),
)

sp_leading_group_report = Speech(
    id="sp-leading-group-report",
    kind=SpeechKind.REPORT,
    speaker="org-xuncha-lg",
    capacity=cut(P2_HEARINGS, "市委巡察工作领导小组", "听取", keep_end=False),
)
meeting_sc_hearing = Meeting(
    id="mtg-standing-committee-hearing",
    kind=MeetingKind.STANDING_COMMITTEE_HEARING,
    title=q("市委常委会听取巡察情况汇报"),
    convened_by="org-shiwei-changweihui",
    organisations=("po-fulian",),
    # the report, then the secretary's speech (“在市委常委会听取巡察情况汇报时的讲话要求”)
    speeches=(sp_leading_group_report, sp_su),
    note=P2_HEARINGS,
)

sp_li_briefing = Speech(
    id="sp-li-jun-briefing",
    kind=SpeechKind.BRIEFING,
    speaker=P_LI,
    capacity=q("市纪委书记、市监委主任、市委巡察工作领导小组组长"),
    summary=q("通报了7家群团部门的突出问题"),
)
sp_tang = Speech(
    id="sp-tang-yuan-concentrated",
    kind=SpeechKind.SPEECH,
    speaker=P_TANG,
    capacity=q("市委副书记"),
    summary=P_TANG_SPEECH,
)
meeting_concentrated = Meeting(
    id="mtg-concentrated-feedback",
    kind=MeetingKind.CONCENTRATED,
    date=d(2023, 6, 5),
    title=q("集中反馈会议"),
    convened_by="org-xuncha-lg",
    organisations=("po-fulian",),
    organisation_count=7,
    speeches=(sp_li_briefing, sp_tang),
    attendees=(Participant(person=P_TANG),),
    note=cut(P3, "针对", "存在问题"),
)

round_ = Round(
    id="round-2023",
    level=InspectionLevel.XUNCHA,
    dispatched_by="org-shiwei",
    year=2023,
    focus=cut(P2, "围绕“三个聚焦”", "开展监督检查"),
    leading_group=LeadingGroup(
        organisation="org-xuncha-lg",
        members=(LeadingGroupMember(person=P_LI, role=LeadingGroupRole.HEAD),),
    ),
    groups=(
        InspectionGroup(
            id="grp-3",
            ordinal=3,
            name=q("市委第三巡察组"),
            members=(GroupMember(person=P_ZHANG, role=GroupRole.LEADER),),
        ),
    ),
    meetings=(meeting_lg_hearing, meeting_sc_hearing, meeting_concentrated),
)

# -- the feedback -----------------------------------------------------------------------------

P1 = para("根据市委统一安排")
P_PROBLEMS = para("张全胜指出")
P_OPINIONS = para("张全胜提出了四点整改意见")
P_REQS = para("张全胜传达了市委巡察工作领导小组")
P_RESPONSE = para("市妇联党组书记、主席邬春梅表示")
P_LAST = para("市委第巡察组有关成员")

SCHEME = "cs-si-ge-luoshi"
code_schemes = (
    CodeScheme(
        id=SCHEME,
        name="四个落实(编者归类:通报原文未对问题分类)",
        codes=(
            Code(code="1", label="贯彻落实党的理论和路线方针政策以及党中央重大决策部署"),
            Code(code="2", label="落实全面从严治党战略部署"),
            Code(code="3", label="落实新时代党的组织路线"),
            Code(code="4", label="落实巡视巡察、审计等监督发现问题整改"),
        ),
    ),
)

# “巡察中,巡察组发现和干部群众反映了一些问题,主要是:…;党建带妇建工作落实不力等。”: the
# preamble is kept as worded, and the closing “等” belongs to the whole list, not to problem 6,
# so the list is marked not exhaustive rather than the last problem's text carrying the “等”
problems_preamble = cut(P_PROBLEMS, "巡察中,", "主要是:")
problem_list = cut(P_PROBLEMS, "主要是:", "等。同时", keep_start=False, keep_end=False)
problem_texts = [part.strip() for part in problem_list.split(";")]
require(len(problem_texts) == 6, problem_texts)
problem_categories = ["1", "1", "3", "1", "1", "3"]
# sub-items only where the comma-listed parts are plainly separate defects (problems 3 and 5)
split_into_items = {3, 5}

problems = []
for n, (text, cat) in enumerate(zip(problem_texts, problem_categories, strict=True), start=1):
    items: tuple[ProblemItem, ...] = ()
    if n in split_into_items:
        items = tuple(
            ProblemItem(id=f"prob-{n}-item-{k}", text=part)
            for k, part in enumerate(text.split(","), start=1)
        )
    problems.append(
        Problem(
            id=f"prob-{n}",
            number=n,
            text=text,
            category=Category(scheme=SCHEME, code=cat),
            items=items,
        )
    )
PROB = [p.id for p in problems]

opinion_body = P_OPINIONS[P_OPINIONS.index("一要") :]
marks = ["一要", "二要", "三要", "四要"]
opinion_texts = []
for k, mark in enumerate(marks):
    i = opinion_body.index(mark)
    j = opinion_body.index(marks[k + 1]) if k + 1 < len(marks) else len(opinion_body)
    opinion_texts.append(opinion_body[i:j])
opinion_problems = [
    (PROB[0],),  # 一要 深入学习 … ← 学深悟透上级精神不到位
    (PROB[1], PROB[2]),  # 二要 党组领导核心作用, 规范党组会议 ← 党组职责泛化; 党组会议不规范
    (PROB[4], PROB[5]),  # 三要 上级决策部署, 党建带妇建, 基层组织 ← problems 5 and 6
    (PROB[3],),  # 四要 “强三性去四化” ← problem 4
]
opinions = tuple(
    Opinion(id=f"op-{k}", number=k, text=text, problems=probs)
    for k, (text, probs) in enumerate(zip(opinion_texts, opinion_problems, strict=True), start=1)
)

req_body = cut(P_REQS, "市妇联党组要切实提高政治站位", "干事创业环境。")
req_starts = ["市妇联党组要切实", "党组班子要承担", "要杜绝", "要把整改与履行"]
req_texts = []
for k, mark in enumerate(req_starts):
    i = req_body.index(mark)
    j = req_body.index(req_starts[k + 1]) if k + 1 < len(req_starts) else len(req_body)
    req_texts.append(req_body[i:j])
req_deadlines = [
    None,
    # problem, task and responsibility lists are the rectification plan, which is due by a deadline
    DeadlineReference(purpose=DeadlinePurpose.RECTIFICATION_PLAN),
    None,
    None,
]
requirements = tuple(
    Requirement(id=f"req-{k}", text=text, set_by="org-xuncha-lg", deadline=deadline)
    for k, (text, deadline) in enumerate(zip(req_texts, req_deadlines, strict=True), start=1)
)

commitment_marks = ["一是", "二是", "三是"]
commitments = []
for k, mark in enumerate(commitment_marks):
    i = P_RESPONSE.index(mark)
    j = (
        P_RESPONSE.index(commitment_marks[k + 1])
        if k + 1 < len(commitment_marks)
        else len(P_RESPONSE)
    )
    commitments.append(P_RESPONSE[i:j])
response = Response(id="resp-wu-chunmei", by=P_WU, text=P_RESPONSE, commitments=tuple(commitments))

one_to_one = Meeting(
    id="mtg-one-to-one",
    kind=MeetingKind.ONE_TO_ONE,
    date=d(2023, 6, 9),
    convened_by="grp-3",
    organisations=("po-fulian",),
    speeches=(
        Speech(
            id="sp-zhang-conveys-su",
            kind=SpeechKind.CONVEYANCE,
            speaker=P_ZHANG,
            capacity=q("市委巡察组组长"),
            summary=q("传达了市委书记苏永忠在市委常委会听取巡察情况汇报时的讲话要求"),
            conveys=(sp_su.id,),
        ),
        Speech(
            id="sp-zhang-feedback-one-to-one",
            kind=SpeechKind.FEEDBACK,
            speaker=P_ZHANG,
            capacity=q("市委巡察组组长"),
            summary=q("向市妇联党组主要负责人邬春梅反馈了巡察情况"),
        ),
    ),
    attendees=(Participant(person=P_WU),),
    note=cut(P1, "会前,", "反馈了巡察情况。"),
)

attendee_words = cut(P_LAST, "市委第巡察组", "出席会议", keep_end=False).split("、")
require(len(attendee_words) == 3, attendee_words)
observer_words = cut(P_LAST, "市妇联有关部门负责同志", "列席会议", keep_end=False)

team = Meeting(
    id="mtg-leadership-team",
    kind=MeetingKind.LEADERSHIP_TEAM,
    date=d(2023, 6, 9),
    title=q("反馈会议"),
    convened_by="grp-3",
    presided_by=P_WU,
    organisations=("po-fulian",),
    speeches=(
        Speech(
            id="sp-zhang-feedback",
            kind=SpeechKind.FEEDBACK,
            speaker=P_ZHANG,
            capacity=q("市委第三巡察组组长"),
            summary=q("向市妇联党组反馈了巡察意见"),
            conveys=(*PROB, *(o.id for o in opinions)),
        ),
        Speech(
            id="sp-zhang-conveys-requirements",
            kind=SpeechKind.CONVEYANCE,
            speaker=P_ZHANG,
            capacity=q("市委第三巡察组组长"),
            summary=q("传达了市委巡察工作领导小组对巡察整改提出的明确要求"),
            conveys=tuple(r.id for r in requirements),
        ),
        Speech(
            id="sp-wu-response",
            kind=SpeechKind.RESPONSE,
            speaker=P_WU,
            capacity=q("市妇联党组书记、主席"),
            conveys=(response.id,),
        ),
    ),
    attendees=(
        Participant(organisation="grp-3", description=attendee_words[0]),
        Participant(organisation="org-jiwei-group-zuzhibu", description=attendee_words[1]),
        Participant(organisation="po-fulian", description=attendee_words[2]),
    ),
    observers=(Participant(organisation="org-fulian", description=observer_words),),
    note=cut(P1, "会上,", "主持反馈会议并表态。"),
)

# the recipients named; “等有关部门” says there were others, so the notice's words are kept too
# (the whole clause: that the clues concern leading cadres is said nowhere else)
clue_seed = ClueTransfer(
    id="ct-1",
    recipients=("org-jiwei-jianwei", "org-zuzhibu"),
    wording=cut(P_PROBLEMS, "巡察组还收到", "等有关部门处理"),
)
clue_illustrative = ClueTransfer(
    id="ct-illustrative-1",
    recipients=("org-jiwei-jianwei",),
    transferred_on=d(2023, 5, 12),
    cases=1,
    persons=1,
    content=(
        "【示例,纯属虚构】反映虚构人员“某示例”在虚构单位“示例办公室”任职期间"
        "违规报销虚构费用若干元。人员、单位、金额均为编造,仅用于演示保密字段,与任何真实人员无关。"
    ),
    disposition=ClueDisposition.TALK_OR_LETTER,
    illustrative=True,
)

feedback = Feedback(
    id="fb-fulian",
    date=d(2023, 6, 9),
    meetings=(one_to_one, team),
    problems_preamble=problems_preamble,
    problems=tuple(problems),
    problems_exhaustive=False,
    clue_transfers=(clue_seed, clue_illustrative),
    opinions=opinions,
    requirements=requirements,
    responses=(response,),
)

inspection = Inspection(
    id="insp-fulian",
    organisation="po-fulian",
    round=round_.id,
    group="grp-3",
    stationing=Period(start=d(2023, 3, 13), end=d(2023, 5, 3)),
    methods=(
        MethodUse(method=InspectionMethod.INDIVIDUAL_TALK, note=q("广泛开展个别谈话")),
        MethodUse(method=InspectionMethod.LETTERS_AND_VISITS, note=q("认真受理群众来信来访")),
        MethodUse(method=InspectionMethod.DOCUMENT_REVIEW, note=q("调阅有关文件资料")),
    ),
    feedback=feedback,
)

# ---------------------------------------------------------------------------------------------
# illustrative part: fictional people and departments, a fictional plan and ledger
# ---------------------------------------------------------------------------------------------

orgs_illustrative = (
    Organisation(
        id="org-xunchaban-example",
        name="市委巡察工作领导小组办公室(示例)",
        kind=OrganisationKind.INSPECTION_OFFICE,
        parent="org-xuncha-lg",
        illustrative=True,
    ),
    Organisation(
        id="dept-office",
        name="市妇联办公室",
        kind=OrganisationKind.DEPARTMENT,
        parent="org-fulian",
        illustrative=True,
    ),
    Organisation(
        id="dept-org-publicity",
        name="组织宣传部",
        kind=OrganisationKind.DEPARTMENT,
        parent="org-fulian",
        illustrative=True,
    ),
    Organisation(
        id="dept-grassroots",
        name="基层工作部",
        kind=OrganisationKind.DEPARTMENT,
        parent="org-fulian",
        illustrative=True,
    ),
    Organisation(
        id="org-example-archive-service",
        name="示例档案数字化服务有限公司",
        kind=OrganisationKind.OTHER,
        credit_code="91310110666007217T",
        illustrative=True,
    ),
)

people_illustrative = (
    Person(
        id="px-wang",
        name="王示例",
        posts=(Post(title="市妇联办公室干事(示例)", organisation="dept-office"),),
        identity_number="11010519491231002X",
        disclosure=Classification.INTERNAL,
        illustrative=True,
    ),
    Person(
        id="px-liu",
        name="刘示例",
        posts=(Post(title="市妇联党组成员、副主席(示例)", organisation="po-fulian"),),
        illustrative=True,
    ),
    Person(
        id="px-chen",
        name="陈示例",
        posts=(Post(title="市妇联党组成员、副主席(示例)", organisation="po-fulian"),),
        illustrative=True,
    ),
    Person(
        id="px-zhou",
        name="周示例",
        posts=(Post(title="市妇联办公室主任(示例)", organisation="dept-office"),),
        illustrative=True,
    ),
    Person(
        id="px-wu",
        name="吴示例",
        posts=(Post(title="组织宣传部部长(示例)", organisation="dept-org-publicity"),),
        illustrative=True,
    ),
    Person(
        id="px-zheng",
        name="郑示例",
        posts=(Post(title="基层工作部部长(示例)", organisation="dept-grassroots"),),
        illustrative=True,
    ),
    Person(
        id="px-sun",
        name="孙示例",
        posts=(Post(title="巡察办干部(示例)", organisation="org-xunchaban-example"),),
        illustrative=True,
    ),
    Person(
        id="px-qian",
        name="钱示例",
        posts=(Post(title="巡察办主任(示例)", organisation="org-xunchaban-example"),),
        illustrative=True,
    ),
)

SM3_ABC = "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
SM3_OTHER = "1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b"
evidence = (
    Evidence(
        id="ev-rules-revised",
        title="市妇联党组会议议事规则(修订稿,示例文件)",
        location="archive://example.invalid/fulian-2023/ev-rules-revised.pdf",
        media_type="application/pdf",
        digest=Digest(algorithm=DigestAlgorithm.SM3, value=SM3_ABC),
    ),
    Evidence(
        id="ev-minutes",
        title="2023年以来党组会议通知和会议纪要汇编(示例文件)",
        location="archive://example.invalid/fulian-2023/ev-minutes.pdf",
        media_type="application/pdf",
        digest=Digest(algorithm=DigestAlgorithm.SM3, value=SM3_OTHER),
    ),
)

tasks_spec = [
    # target, measures, opinions
    (
        "党组理论学习中心组学习计划化、专题化,学习内容与妇联工作紧密结合",
        ["修订党组理论学习中心组学习制度,每季度至少开展1次联系妇联工作的专题研讨"],
        ("op-1",),
    ),
    (
        "党组把方向、管大局、作决策、保落实作用充分发挥,党组会议与主席办公会议事范围划分清楚",
        ["修订党组会议议事规则,列明党组会议和主席办公会各自议事清单"],
        ("op-2",),
    ),
    (
        "党组会议议题充分酝酿,会议通知、会议纪要规范完整,非党组成员不参与表决",
        ["会前提前3个工作日印发会议通知和议题材料", "由办公室统一制作并存档会议纪要"],
        ("op-2",),
    ),
    (
        "“强三性去四化”改革措施落实到位,机关干部联系服务群众常态化",
        ["制定机关干部下沉基层联系点工作方案"],
        ("op-4",),
    ),
    (
        "基层妇联组织规范化建设达标,“两新”组织妇联实现有形覆盖和有效覆盖",
        ["开展基层妇联组织规范化建设达标活动", "建立“两新”组织妇联组建工作台账"],
        ("op-3",),
    ),
    (
        "党建带妇建工作机制健全并有效运行",
        ["建立党建带妇建工作联席会议制度"],
        ("op-3",),
    ),
]
tasks = tuple(
    Task(
        id=f"task-{n}",
        problem=PROB[n - 1],
        target=target,
        measures=tuple(
            Measure(id=f"task-{n}-m-{k}", text=text) for k, text in enumerate(measures, start=1)
        ),
        opinions=ops,
    )
    for n, (target, measures, ops) in enumerate(tasks_spec, start=1)
)

# leader, lead department, cooperating, persons, deadline, mode
resp_spec = [
    (
        "px-liu",
        "dept-org-publicity",
        ("dept-office",),
        ("px-wu",),
        d(2023, 12, 31),
        RectificationMode.ONGOING,
    ),
    ("px-liu", "dept-office", (), ("px-zhou",), d(2023, 8, 31), RectificationMode.TIME_BOUND),
    (
        "px-liu",
        "dept-office",
        (),
        ("px-zhou", "px-wang"),
        d(2023, 7, 15),
        RectificationMode.IMMEDIATE,
    ),
    (
        "px-chen",
        "dept-grassroots",
        ("dept-org-publicity",),
        ("px-zheng",),
        d(2023, 9, 30),
        RectificationMode.TIME_BOUND,
    ),
    (
        "px-chen",
        "dept-grassroots",
        ("dept-org-publicity", "dept-office"),
        ("px-zheng",),
        d(2023, 11, 30),
        RectificationMode.TIME_BOUND,
    ),
    (
        "px-chen",
        "dept-org-publicity",
        ("dept-grassroots",),
        ("px-wu",),
        d(2024, 6, 30),
        RectificationMode.TIME_BOUND,
    ),
]
responsibilities = tuple(
    Responsibility(
        id=f"resp-{n}",
        problem=PROB[n - 1],
        leader=leader,
        lead_department=lead,
        cooperating_departments=coop,
        persons=persons,
        deadline=deadline,
        mode=mode,
    )
    for n, (leader, lead, coop, persons, deadline, mode) in enumerate(resp_spec, start=1)
)

plan = RectificationPlan(
    id="plan-fulian",
    title="市妇联党组关于市委第三巡察组反馈意见的整改方案(示例)",
    adopted_on=d(2023, 6, 26),
    document_number="示例妇党〔2023〕1号",
    problems=tuple(PROB),
    tasks=tasks,
    responsibilities=responsibilities,
)

histories = {
    # 1: ongoing (长期坚持)
    1: (
        ProgressNote(
            id="h1-1",
            date=d(2023, 7, 20),
            by="px-wu",
            text="修订党组理论学习中心组学习制度并印发2023年下半年学习计划(示例)",
        ),
        StatusChange(
            id="h1-2",
            date=d(2023, 12, 20),
            by="px-wu",
            status=EntryStatus.ONGOING,
            note="阶段性任务完成,转入长期坚持(示例)",
        ),
    ),
    # 2: signed off
    2: (
        ProgressNote(
            id="h2-1",
            date=d(2023, 7, 28),
            by="px-zhou",
            text="党组会议审议通过修订后的议事规则(示例)",
            evidence=("ev-rules-revised",),
        ),
        StatusChange(id="h2-2", date=d(2023, 8, 10), by="px-zhou", status=EntryStatus.COMPLETED),
        Acceptance(
            id="h2-3",
            date=d(2023, 9, 15),
            by="px-sun",
            passed=True,
            opinion="整改措施落实,佐证材料齐全,同意销号(示例)",
            evidence=("ev-rules-revised",),
        ),
        SignOff(
            id="h2-4",
            date=d(2023, 9, 20),
            approver="px-qian",
            evidence=("ev-rules-revised",),
        ),
    ),
    # 3: completed, not yet signed off
    3: (
        ProgressNote(
            id="h3-1",
            date=d(2023, 6, 30),
            by="px-wang",
            text="补齐2023年以来党组会议通知和会议纪要,建立会议纪要存档目录(示例)",
            evidence=("ev-minutes",),
        ),
        StatusChange(id="h3-2", date=d(2023, 7, 10), by="px-zhou", status=EntryStatus.COMPLETED),
    ),
    # 4: overdue (deadline 2023-09-30 passed, still in progress)
    4: (
        StatusChange(id="h4-1", date=d(2023, 7, 1), by="px-zheng", status=EntryStatus.IN_PROGRESS),
        ProgressNote(
            id="h4-2",
            date=d(2023, 10, 31),
            by="px-zheng",
            text="下沉基层联系点工作方案已起草,尚未印发(示例)",
        ),
    ),
    # 5: extension requested and approved, in progress
    5: (
        StatusChange(id="h5-1", date=d(2023, 7, 1), by="px-zheng", status=EntryStatus.IN_PROGRESS),
        ExtensionRequest(
            id="h5-2",
            date=d(2023, 11, 20),
            by="px-zheng",
            requested_deadline=d(2024, 3, 31),
            reason="“两新”组织妇联组建需与年度党组织组建工作同步推进(示例)",
        ),
        ExtensionDecision(
            id="h5-3",
            date=d(2023, 11, 27),
            by="px-qian",
            request="h5-2",
            approved=True,
            deadline=d(2024, 3, 31),
            note="同意延期至2024年3月31日(示例)",
        ),
        ProgressNote(
            id="h5-4",
            date=d(2023, 12, 15),
            by="px-zheng",
            text="已完成辖区“两新”组织摸底(示例)",
        ),
    ),
    # 6: in progress, deadline not yet due
    6: (
        StatusChange(id="h6-1", date=d(2023, 7, 1), by="px-wu", status=EntryStatus.IN_PROGRESS),
        ProgressNote(
            id="h6-2",
            date=d(2023, 11, 10),
            by="px-wu",
            text="党建带妇建工作联席会议制度已印发,首次联席会议待召开(示例)",
        ),
    ),
}

entries = tuple(
    LedgerEntry(
        id=f"entry-{n}",
        number=n,
        problem=PROB[n - 1],
        task=f"task-{n}",
        responsibility=f"resp-{n}",
        history=histories[n],
        remarks="逾期未完成,已督促(示例)" if n == 4 else None,
    )
    for n in range(1, 7)
)

mechanisms = (
    Mechanism(
        id="mech-1",
        title="市妇联党组会议议事规则(修订,示例)",
        action=MechanismAction.REVISED,
        date=d(2023, 7, 28),
        problems=(PROB[1], PROB[2]),
    ),
    Mechanism(
        id="mech-2",
        title="市妇联党组理论学习中心组学习制度(示例)",
        action=MechanismAction.MADE,
        date=d(2023, 7, 20),
        problems=(PROB[0],),
    ),
    Mechanism(
        id="mech-3",
        title="党建带妇建工作联席会议制度(示例)",
        action=MechanismAction.MADE,
        date=d(2023, 11, 10),
        problems=(PROB[5],),
    ),
)

rectification = Rectification(
    id="rect-fulian",
    inspection=inspection.id,
    illustrative=True,
    plan=plan,
    entries=entries,
    evidence=evidence,
    mechanisms=mechanisms,
    reports=(
        RectificationReport(
            id="rep-1",
            kind=ReportKind.RECTIFICATION_REPORT,
            submitted_on=d(2023, 8, 9),
            recipient="org-xunchaban-example",
            title="市妇联党组关于巡察整改情况的报告(示例)",
        ),
        RectificationReport(
            id="rep-2",
            kind=ReportKind.PRINCIPAL_LEADER_REPORT,
            submitted_on=d(2023, 8, 9),
            recipient="org-xunchaban-example",
            title="主要负责人组织落实巡察整改情况的报告(示例)",
        ),
    ),
    disclosures=(
        Disclosure(
            id="disc-1",
            channel=DisclosureChannel.PUBLIC,
            date=d(2023, 9, 1),
            title="市妇联党组关于巡察整改进展情况的通报(示例)",
            location="https://example.invalid/fulian/xuncha-zhenggai",
            exemptions="问题线索及涉及个人的内容不予公开(示例)",
        ),
    ),
)

# counters derived from the ledger as of 2023-12-31:
# completed = completed or signed off (entries 2, 3); ongoing (entry 1); not completed (4, 5, 6)
progress = ProgressReport(
    id="prog-2023-12",
    as_of=d(2023, 12, 31),
    title="市妇联党组巡察整改进展情况通报(示例)",
    rectifications=(rectification.id,),
    illustrative=True,
    counters=DeclaredCounters(
        problems_total=6,
        completed=2,
        ongoing=1,
        not_completed=3,
        completion_rate=Decimal("33.33"),
        regulations=3,
    ),
)

NOTE = (
    "依据公开通报《市委第三巡察组向市妇联党组反馈巡察情况》编制的全过程记录示例。"
    "凡未标注示例(illustrative)的内容均逐字取自通报原文;通报未载明的届次、轮次、发布日期、"
    "谈话人次、线索件数人数等一律从略。问题类别为编者按“四个落实”归类,通报原文未作分类;"
    "问题清单之后的“等”字表明所列问题并非全部(problems_exhaustive 为 false),问题概述原文见"
    " problems_preamble;线索移交的“等有关部门”表明接收单位不止所列两家,原文见 wording;"
    "“市妇联主席”一职由原文“市妇联党组书记、主席”拆出,人员的原文称谓见 wording。"
    "整改部分(整改方案、台账、佐证材料、长效机制、"
    "整改报告、整改公开、进展通报)、示例问题线索、示例人员与部门均为虚构,用于演示格式;"
    '佐证材料的 SM3 摘要值为示例值(其一为 SM3("abc") 标准测试值),不对应任何真实文件。'
    "统一社会信用代码 91310110666007217T、公民身份号码 11010519491231002X 为标准中的示例号码,"
    "仅附于虚构组织与虚构人员。"
)

full = Document(
    schema_version="1.0",
    id=DOC_ID,
    kind=DocumentKind.FULL_RECORD,
    issuer="org-xunchaban-example",
    issued_at=dt.datetime(2024, 1, 10, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))),
    classification=Classification.INTERNAL,
    title="市委第三巡察组巡察市妇联党组全过程记录(示例)",
    note=NOTE,
    sources=(
        Source(
            id="src-notice",
            kind=SourceKind.PUBLIC_NOTICE,
            title=para("市委第三巡察组向市妇联党组反馈巡察情况"),
            note="原网页栏目:工作动态 > 巡察工作;发布单位与发布日期原文未载明",
        ),
    ),
    code_schemes=code_schemes,
    organisations=orgs_seed + orgs_illustrative,
    party_organisations=party_orgs,
    people=people_seed + people_illustrative,
    round=round_,
    inspections=(inspection,),
    rectifications=(rectification,),
    progress_reports=(progress,),
)

# ---------------------------------------------------------------------------------------------
# ledger-only document
# ---------------------------------------------------------------------------------------------

# an excerpt of the full record's ledger: three rows, with the plan's task and responsibility for
# each (整改措施, 责任领导, 牵头部门, 责任人, 整改时限 are columns an office's ledger keeps); the
# problems, the opinions the tasks answer and the inspection are in the full record, referred to
LEDGER_PROBLEMS = [2, 4, 5]
ledger_tasks = tuple(tasks[n - 1] for n in LEDGER_PROBLEMS)
ledger_responsibilities = tuple(responsibilities[n - 1] for n in LEDGER_PROBLEMS)
ledger_opinions = sorted({ref for task in ledger_tasks for ref in task.opinions})
opinion_heads = {o.id: o.text[: o.text.index("。") + 1] for o in opinions}
ledger_org_ids = {
    ref
    for resp in ledger_responsibilities
    for ref in (resp.lead_department, *resp.cooperating_departments)
} | {"org-xunchaban-example"}
ledger_parent_ids = {
    o.parent for o in orgs_illustrative if o.id in ledger_org_ids and o.parent is not None
}
ledger_people_ids = {
    ref for resp in ledger_responsibilities for ref in (resp.leader, *resp.persons)
} | {
    ref
    for n in LEDGER_PROBLEMS
    for event in histories[n]
    for ref in (getattr(event, "by", None), getattr(event, "approver", None))
    if ref is not None
}


ledger = Document(
    schema_version="1.0",
    id="doc-fulian-2023-ledger",
    kind=DocumentKind.RECTIFICATION_LEDGER,
    issuer="dept-office",
    issued_at=dt.datetime(2024, 1, 5, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8))),
    classification=Classification.INTERNAL,
    title="市妇联党组巡察整改台账(摘录,示例)",
    note=(
        "示例:单独交换的整改台账。巡察、反馈问题与整改意见保存在文档 doc-fulian-2023 中,"
        "此处以外部引用按标识指向;整改方案摘录其中三个问题的任务清单与责任清单"
        "(整改措施、责任领导、牵头部门、责任人、整改时限)。台账、人员与部门均为虚构。"
    ),
    external=(
        ExternalReference(
            id="insp-fulian",
            type="Inspection",
            document=DOC_ID,
            label="市委第三巡察组对市妇联党组的巡察",
        ),
        *(
            ExternalReference(
                id=PROB[n - 1], type="Problem", document=DOC_ID, label=problem_texts[n - 1]
            )
            for n in LEDGER_PROBLEMS
        ),
        *(
            ExternalReference(id=ref, type="Opinion", document=DOC_ID, label=q(opinion_heads[ref]))
            for ref in ledger_opinions
        ),
        # the real bodies the fictional ones belong to: the departments' unit, the office's
        # leading group, and the Party organisation the fictional leaders' posts are in
        *(
            ExternalReference(id=o.id, type="Organisation", document=DOC_ID, label=o.name)
            for o in orgs_seed
            if o.id in ledger_parent_ids
        ),
        ExternalReference(
            id="po-fulian", type="PartyOrganisation", document=DOC_ID, label=q("市妇联党组")
        ),
    ),
    # the fictional bodies and people, as in the full record
    organisations=tuple(o for o in orgs_illustrative if o.id in ledger_org_ids),
    people=tuple(p for p in people_illustrative if p.id in ledger_people_ids),
    rectifications=(
        Rectification(
            id="rect-fulian",
            inspection="insp-fulian",
            illustrative=True,
            plan=attrs.evolve(
                plan,
                problems=tuple(PROB[n - 1] for n in LEDGER_PROBLEMS),
                tasks=ledger_tasks,
                responsibilities=ledger_responsibilities,
            ),
            # the same rows as the full record
            entries=tuple(entries[n - 1] for n in LEDGER_PROBLEMS),
            evidence=tuple(
                e
                for e in evidence
                if any(
                    e.id in getattr(event, "evidence", ())
                    for n in LEDGER_PROBLEMS
                    for event in histories[n]
                )
            ),
        ),
    ),
)

DOCUMENTS: dict[str, Document] = {
    "fulian-2023.json": full,
    "fulian-2023.xml": full,
    "ledger-only.json": ledger,
    "ledger-only.xml": ledger,
}
"""Each example's file name in ``examples/`` and the document it holds (JSON and XML twins)."""


def render(doc: Document, fmt: str) -> bytes:
    """The document's canonical bytes, after checking it reads back whole and coherent."""
    codec = xml_codec if fmt == "xml" else json_codec
    data = codec.dumps(doc)
    require(codec.dumps(codec.loads(data)) == data, f"{doc.id}: not canonical {fmt}")
    require(codec.loads(data) == doc, f"{doc.id}: does not read back equal from {fmt}")
    issues = check_integrity(doc)
    require(not issues, issues)
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if an example differs from what would be written",
    )
    args = parser.parse_args(argv)
    stale = []
    for name, doc in DOCUMENTS.items():
        path = EXAMPLES / name
        data = render(doc, path.suffix.lstrip("."))
        current = path.read_bytes() if path.exists() else None
        if current == data:
            continue
        stale.append(name)
        if not args.check:
            path.write_bytes(data)
            print(f"wrote examples/{name} ({len(data)} bytes)", file=sys.stderr)
    if args.check and stale:
        for name in stale:
            print(f"examples/{name} differs from what examples/build.py writes", file=sys.stderr)
        print("run: python examples/build.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
