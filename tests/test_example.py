"""The examples: the seed notice encoded completely and faithfully, and a ledger on its own.

Seed facts are checked against a table of expected values and against the notice's own text
(``tests/data``, a byte copy of the seed), so an example that drifts from the notice fails. The
examples are written by ``examples/build.py``; a test runs its ``--check`` so that the files and
the generator cannot drift apart.
"""

from __future__ import annotations

import datetime
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

import inspection_schema
from inspection_schema.codecs.json import dumps, loads
from inspection_schema.integrity import check_integrity
from inspection_schema.model import (
    Acceptance,
    DeadlinePurpose,
    Document,
    DocumentKind,
    EntryStatus,
    ExtensionDecision,
    ExtensionRequest,
    ExternalReference,
    LedgerEntry,
    Meeting,
    Opinion,
    Organisation,
    Person,
    Problem,
    ProgressNote,
    SignOff,
    StatusChange,
    info,
)

HERE = Path(__file__).parent
EXAMPLES = HERE.parent / "examples"
BUILD = EXAMPLES / "build.py"
FULL = EXAMPLES / "fulian-2023.json"
LEDGER = EXAMPLES / "ledger-only.json"
NOTICE = (HERE / "data" / "feedback-notice-2023-06-09.txt").read_text(encoding="utf-8")
PARAGRAPHS = [p.strip() for p in NOTICE.split("\n") if p.strip()]
REAL_PEOPLE = ("苏永忠", "唐源", "李军", "张全胜", "邬春梅")
AS_OF = datetime.date(2023, 12, 31)


def paragraph(start: str) -> str:
    found = [p for p in PARAGRAPHS if p.startswith(start)]
    assert len(found) == 1, start
    return found[0]


# -- walking a document ------------------------------------------------------------------------


def walk(obj: Any) -> Iterator[tuple[Any, attrs.Attribute[Any], Any]]:
    """Every (object, field, value) of the model tree below ``obj``."""
    if attrs.has(type(obj)):
        for attribute in attrs.fields(type(obj)):
            value = getattr(obj, attribute.name)
            yield obj, attribute, value
            yield from walk(value)
    elif isinstance(obj, tuple):
        for item in obj:
            yield from walk(item)


def index(doc: Document) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for owner, attribute, value in walk(doc):
        if info(attribute).role == "id":
            assert value not in found, f"id {value} is not unique"
            found[value] = owner
    return found


def references(obj: Any) -> Iterator[tuple[str, tuple[str, ...]]]:
    for _, attribute, value in walk(obj):
        field_info = info(attribute)
        if field_info.role == "ref" and value is not None:
            for ref in value if isinstance(value, tuple) else (value,):
                yield ref, field_info.targets


class Seed:
    """The full example, with lookups by id and by name."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.ids = index(doc)
        assert doc.round is not None
        self.round = doc.round
        (self.inspection,) = doc.inspections
        assert self.inspection.feedback is not None
        self.feedback = self.inspection.feedback
        assert self.round.leading_group is not None
        self.leading_group = self.round.leading_group
        assert self.inspection.stationing is not None
        self.stationing = self.inspection.stationing

    def __getitem__(self, ref: str | None) -> Any:
        assert ref is not None
        return self.ids[ref]

    def name(self, ref: str | None) -> str:
        assert ref is not None
        return str(self[ref].name)

    def person(self, name: str) -> Person:
        (found,) = [p for p in self.doc.people if p.name == name]
        return found

    def meeting(self, kind: str) -> Meeting:
        everywhere = (*self.round.meetings, *self.feedback.meetings)
        (found,) = [m for m in everywhere if m.kind == kind]
        return found

    def speeches(self, kind: str) -> list[tuple[str, str, str | None]]:
        return [
            (self.name(s.speaker), s.kind.value, s.summary) for s in self.meeting(kind).speeches
        ]

    def posts(self, name: str) -> tuple[tuple[str, str | None], ...]:
        return tuple(
            (post.title, post.organisation and self.name(post.organisation))
            for post in self.person(name).posts
        )


@pytest.fixture(scope="module")
def full_bytes() -> bytes:
    return FULL.read_bytes()


@pytest.fixture(scope="module")
def seed(full_bytes: bytes) -> Seed:
    return Seed(loads(full_bytes))


@pytest.fixture(scope="module")
def ledger_doc() -> Document:
    return loads(LEDGER.read_bytes())


# -- the documents are canonical and their references resolve ---------------------------------


@pytest.mark.parametrize("path", [FULL, LEDGER], ids=lambda p: p.name)
def test_example_is_canonical(path: Path) -> None:
    data = path.read_bytes()
    assert dumps(loads(data)) == data


@pytest.mark.parametrize("path", [FULL, LEDGER], ids=lambda p: p.name)
def test_example_references_resolve(path: Path) -> None:
    doc: Document = loads(path.read_bytes())
    ids = index(doc)
    for ref, targets in references(doc):
        assert ref in ids, f"{ref} does not resolve"
        target = ids[ref]
        kind = target.type if isinstance(target, ExternalReference) else type(target).__name__
        assert kind in targets, f"{ref} is a {kind}, expected one of {targets}"


@pytest.mark.parametrize("path", [FULL, LEDGER], ids=lambda p: p.name)
def test_example_loads_and_is_coherent(path: Path) -> None:
    document = inspection_schema.load(path)
    assert check_integrity(document) == []
    assert inspection_schema.validate(document) == []


def test_examples_are_what_the_generator_writes() -> None:
    done = subprocess.run(
        [sys.executable, str(BUILD), "--check"],
        cwd=EXAMPLES.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_notice_copy_is_the_seed() -> None:
    assert PARAGRAPHS[1] == "市委第三巡察组向市妇联党组反馈巡察情况"
    assert "市委第巡察组有关成员" in NOTICE  # the notice's own typo, kept


# -- seed facts: accessor and expected value ---------------------------------------------------

Fact = tuple[str, Callable[[Seed], Any], Any]

TANG_PARAGRAPH = paragraph("唐源要求")
RESPONSE_PARAGRAPH = paragraph("市妇联党组书记、主席邬春梅表示")

FACTS: list[Fact] = [
    ("document kind", lambda s: s.doc.kind, DocumentKind.FULL_RECORD),
    ("classification", lambda s: s.doc.classification.value, "internal"),
    (
        "source",
        lambda s: [(x.kind.value, x.title) for x in s.doc.sources],
        [("public_notice", "市委第三巡察组向市妇联党组反馈巡察情况")],
    ),
    # round
    ("round level", lambda s: s.round.level.value, "xuncha"),
    ("round dispatched by", lambda s: s.name(s.round.dispatched_by), "市委"),
    ("round year", lambda s: s.round.year, 2023),
    ("round term and ordinal unknown", lambda s: (s.round.term, s.round.ordinal), (None, None)),
    (
        "round focus as worded",
        lambda s: s.round.focus,
        "围绕“三个聚焦”以及巡视巡察、审计等监督发现问题整改落实情况等方面开展监督检查",
    ),
    (
        "leading group",
        lambda s: s.name(s.leading_group.organisation),
        "市委巡察工作领导小组",
    ),
    (
        "leading group head",
        lambda s: [(s.name(m.person), m.role.value) for m in s.leading_group.members],
        [("李军", "head")],
    ),
    (
        "group",
        lambda s: [(g.ordinal, g.name) for g in s.round.groups],
        [(3, "市委第三巡察组")],
    ),
    (
        "group leader",
        lambda s: [(s.name(m.person), m.role.value) for m in s.round.groups[0].members],
        [("张全胜", "leader")],
    ),
    # people and their posts
    ("苏永忠 posts", lambda s: s.posts("苏永忠"), (("市委书记", "市委"),)),
    ("唐源 posts", lambda s: s.posts("唐源"), (("市委副书记", "市委"),)),
    (
        "李军 posts",
        lambda s: s.posts("李军"),
        (
            ("市纪委书记", "市纪委市监委"),
            ("市监委主任", "市纪委市监委"),
            ("市委巡察工作领导小组组长", "市委巡察工作领导小组"),
        ),
    ),
    ("张全胜 posts", lambda s: s.posts("张全胜"), (("市委第三巡察组组长", "市委第三巡察组"),)),
    (
        "张全胜's post is in the group itself",
        lambda s: [type(s[post.organisation]).__name__ for post in s.person("张全胜").posts],
        ["InspectionGroup"],
    ),
    (
        "the group is not duplicated as an organisation",
        lambda s: (
            s.round.groups[0].organisation,
            [o.id for o in s.doc.organisations if o.kind.value == "inspection_group"],
        ),
        (None, []),
    ),
    (
        "邬春梅 posts",
        lambda s: s.posts("邬春梅"),
        (("市妇联党组书记", "市妇联党组"), ("市妇联主席", "市妇联")),
    ),
    (
        "people as the notice styles them",
        lambda s: [(p.name, p.wording) for p in s.doc.people if not p.illustrative],
        [
            ("苏永忠", "市委书记"),
            ("唐源", "市委副书记"),
            ("李军", "市纪委书记、市监委主任、市委巡察工作领导小组组长"),
            ("张全胜", "市委第三巡察组组长"),
            ("邬春梅", "市妇联党组书记、主席"),
        ],
    ),
    # the inspected organisation
    (
        "inspected Party organisation",
        lambda s: (lambda po: (po.name, po.kind.value, s.name(po.principal_leader)))(
            s[s.inspection.organisation]
        ),
        ("市妇联党组", "leading_party_group", "邬春梅"),
    ),
    (
        "its unit",
        lambda s: (lambda unit: (unit.name, unit.kind.value, unit.category.value))(
            s[s[s.inspection.organisation].unit]
        ),
        ("市妇联", "unit", "mass_organisation"),
    ),
    ("inspection group", lambda s: s[s.inspection.group].name, "市委第三巡察组"),
    ("inspection round", lambda s: s.inspection.round, "round-2023"),
    (
        "stationing",
        lambda s: (s.stationing.start, s.stationing.end),
        (datetime.date(2023, 3, 13), datetime.date(2023, 5, 3)),
    ),
    (
        "methods, without counts",
        lambda s: [(m.method.value, m.count) for m in s.inspection.methods],
        [("individual_talk", None), ("letters_and_visits", None), ("document_review", None)],
    ),
    # hearings
    (
        "the group reports to the leading group (the group itself speaks)",
        lambda s: (
            s.name(s.meeting("leading_group_hearing").convened_by),
            [
                (type(s[sp.speaker]).__name__, s.name(sp.speaker), sp.kind.value, sp.capacity)
                for sp in s.meeting("leading_group_hearing").speeches
            ],
            s.meeting("leading_group_hearing").attendees,
        ),
        (
            "市委巡察工作领导小组",
            [("InspectionGroup", "市委第三巡察组", "report", "巡察组")],
            (),
        ),
    ),
    (
        "the leading group reports to the standing committee (the body itself speaks)",
        lambda s: (
            s.name(s.meeting("standing_committee_hearing").convened_by),
            [
                (type(s[sp.speaker]).__name__, s.name(sp.speaker), sp.kind.value, sp.capacity)
                for sp in s.meeting("standing_committee_hearing").speeches
            ],
            s.meeting("standing_committee_hearing").attendees,
        ),
        (
            "市委常委会",
            [
                ("Organisation", "市委巡察工作领导小组", "report", "市委巡察工作领导小组"),
                ("Person", "苏永忠", "speech", "市委书记"),
            ],
            (),
        ),
    ),
    (
        "hearing speeches: reports and 苏永忠's speech, none with reported content",
        lambda s: [
            *s.speeches("leading_group_hearing"),
            *s.speeches("standing_committee_hearing"),
        ],
        [
            ("市委第三巡察组", "report", None),
            ("市委巡察工作领导小组", "report", None),
            ("苏永忠", "speech", None),
        ],
    ),
    (
        "hearing notes as worded",
        lambda s: [
            s.meeting("leading_group_hearing").note,
            s.meeting("standing_committee_hearing").note,
        ],
        [
            "市委巡察工作领导小组听取了巡察组的巡察情况汇报",
            "市委巡察工作领导小组听取了巡察组的巡察情况汇报,并向市委常委会报告了有关情况。",
        ],
    ),
    # concentrated feedback
    (
        "concentrated meeting",
        lambda s: (
            s.meeting("concentrated").date,
            s.meeting("concentrated").organisation_count,
            s.name(s.meeting("concentrated").convened_by),
            [s.name(o) for o in s.meeting("concentrated").organisations],
        ),
        (datetime.date(2023, 6, 5), 7, "市委巡察工作领导小组", ["市妇联党组"]),
    ),
    (
        "concentrated meeting speeches",
        lambda s: s.speeches("concentrated"),
        [("李军", "briefing", "通报了7家群团部门的突出问题"), ("唐源", "speech", TANG_PARAGRAPH)],
    ),
    (
        "唐源 attends",
        lambda s: [s.name(p.person) for p in s.meeting("concentrated").attendees],
        ["唐源"],
    ),
    # feedback
    ("feedback date", lambda s: s.feedback.date, datetime.date(2023, 6, 9)),
    (
        "feedback meetings",
        lambda s: [(m.kind.value, m.date) for m in s.feedback.meetings],
        [("one_to_one", datetime.date(2023, 6, 9)), ("leadership_team", datetime.date(2023, 6, 9))],
    ),
    (
        "one-to-one: 张全胜 conveys 苏永忠, then feeds back to 邬春梅",
        lambda s: (
            [(s.name(sp.speaker), sp.kind.value) for sp in s.meeting("one_to_one").speeches],
            [s.name(p.person) for p in s.meeting("one_to_one").attendees],
        ),
        ([("张全胜", "conveyance"), ("张全胜", "feedback")], ["邬春梅"]),
    ),
    (
        "the conveyed speech is 苏永忠's at the standing committee hearing",
        lambda s: [
            (s.name(s[ref].speaker), s[ref] in s.meeting("standing_committee_hearing").speeches)
            for ref in s.meeting("one_to_one").speeches[0].conveys
        ],
        [("苏永忠", True)],
    ),
    (
        "leadership team meeting",
        lambda s: (
            s.name(s.meeting("leadership_team").presided_by),
            [(s.name(sp.speaker), sp.kind.value) for sp in s.meeting("leadership_team").speeches],
        ),
        ("邬春梅", [("张全胜", "feedback"), ("张全胜", "conveyance"), ("邬春梅", "response")]),
    ),
    (
        "attendees as worded",
        lambda s: [
            (p.description, s[p.organisation].name) for p in s.meeting("leadership_team").attendees
        ],
        [
            ("市委第巡察组有关成员", "市委第三巡察组"),
            ("市纪委市监委市委组织部纪检监察组负责同志", "市纪委市监委市委组织部纪检监察组"),
            ("市妇联党组领导班子成员", "市妇联党组"),
        ],
    ),
    (
        "observers as worded",
        lambda s: [
            (p.description, s.name(p.organisation)) for p in s.meeting("leadership_team").observers
        ],
        [("市妇联有关部门负责同志", "市妇联")],
    ),
    (
        "requirements conveyed at the meeting",
        lambda s: s.meeting("leadership_team").speeches[1].conveys,
        ("req-1", "req-2", "req-3", "req-4"),
    ),
    (
        "problem list preamble as worded",
        lambda s: s.feedback.problems_preamble,
        "巡察中,巡察组发现和干部群众反映了一些问题,主要是:",
    ),
    ("problem list ends with 等: not exhaustive", lambda s: s.feedback.problems_exhaustive, False),
    ("problem count", lambda s: len(s.feedback.problems), 6),
    ("problem numbers", lambda s: [p.number for p in s.feedback.problems], [1, 2, 3, 4, 5, 6]),
    ("last problem", lambda s: s.feedback.problems[-1].text, "党建带妇建工作落实不力"),
    ("opinion numbers", lambda s: [o.number for o in s.feedback.opinions], [1, 2, 3, 4]),
    (
        "opinion openings in order",
        lambda s: [o.text[:2] for o in s.feedback.opinions],
        ["一要", "二要", "三要", "四要"],
    ),
    (
        "opinions address problems",
        lambda s: [[s[p].number for p in o.problems] for o in s.feedback.opinions],
        [[1], [2, 3], [5, 6], [4]],
    ),
    (
        "clue recipients (seed transfer: no date, counts, content or disposition)",
        lambda s: [
            (
                [s.name(r) for r in c.recipients],
                c.transferred_on,
                c.cases,
                c.persons,
                c.content,
                c.disposition,
            )
            for c in s.feedback.clue_transfers
            if not c.illustrative
        ],
        [(["市纪委市监委", "市委组织部"], None, None, None, None, None)],
    ),
    (
        "clue transfer as worded, keeping 等有关部门",
        lambda s: [c.wording for c in s.feedback.clue_transfers if not c.illustrative],
        [
            "巡察组还收到一些涉及领导干部的问题线索,已按有关规定转市纪委市监委、市委组织部等有关部门处理"
        ],
    ),
    (
        "illustrative clue has no wording of its own",
        lambda s: [c.wording for c in s.feedback.clue_transfers if c.illustrative],
        [None],
    ),
    (
        "requirements set by the leading group",
        lambda s: {s.name(r.set_by) for r in s.feedback.requirements},
        {"市委巡察工作领导小组"},
    ),
    (
        "requirement with an implied plan deadline",
        lambda s: [
            (r.id, r.deadline.purpose, r.deadline.wording)
            for r in s.feedback.requirements
            if r.deadline is not None
        ],
        [("req-2", DeadlinePurpose.RECTIFICATION_PLAN, None)],
    ),
    (
        "response",
        lambda s: [(s.name(r.by), r.text) for r in s.feedback.responses],
        [("邬春梅", RESPONSE_PARAGRAPH)],
    ),
    (
        "response commitments",
        lambda s: [c[:2] for c in s.feedback.responses[0].commitments],
        ["一是", "二是", "三是"],
    ),
    (
        "the response speech carries the response",
        lambda s: s.meeting("leadership_team").speeches[2].conveys,
        ("resp-wu-chunmei",),
    ),
]


@pytest.mark.parametrize(("label", "accessor", "expected"), FACTS, ids=[f[0] for f in FACTS])
def test_seed_fact(seed: Seed, label: str, accessor: Callable[[Seed], Any], expected: Any) -> None:
    assert accessor(seed) == expected, label


# -- seed texts, word for word -----------------------------------------------------------------


def test_problems_are_the_notice_list_split_at_semicolons(seed: Seed) -> None:
    text = paragraph("张全胜指出")
    listed = text[text.index("主要是:") + len("主要是:") : text.index("等。同时")]
    parts = [part.strip() for part in listed.split(";")]
    assert [p.text for p in seed.feedback.problems] == parts
    # the preamble leads straight into the list, and the list's closing 等 is the flag, not text
    preamble = seed.feedback.problems_preamble
    assert preamble is not None
    assert text.index(preamble + listed + "等。") > 0
    assert not seed.feedback.problems_exhaustive
    assert not any(p.text.endswith("等") for p in seed.feedback.problems)
    for problem in seed.feedback.problems:
        assert problem.text in NOTICE
        for item in problem.items:
            assert item.text in problem.text
        if problem.items:
            assert ",".join(item.text for item in problem.items) == problem.text


def test_problem_categories_come_from_a_declared_editorial_scheme(seed: Seed) -> None:
    (scheme,) = seed.doc.code_schemes
    codes = {code.code for code in scheme.codes}
    assert len(codes) == 4
    assert "四个落实" in scheme.name
    assert "编者" in scheme.name
    assert seed.doc.note is not None
    assert "编者" in seed.doc.note
    for problem in seed.feedback.problems:
        assert problem.category is not None
        assert problem.category.scheme == scheme.id
        assert problem.category.code in codes


def test_opinions_are_the_four_numbered_opinions(seed: Seed) -> None:
    text = paragraph("张全胜提出了四点整改意见")
    assert "".join(o.text for o in seed.feedback.opinions) == text[text.index("一要") :]


def test_requirements_are_the_conveyed_paragraph(seed: Seed) -> None:
    text = paragraph("张全胜传达了市委巡察工作领导小组")
    body = text[text.index("市妇联党组要切实提高政治站位") :]
    assert "".join(r.text for r in seed.feedback.requirements) == body
    assert all(r.text.endswith("。") for r in seed.feedback.requirements)


def test_commitments_are_the_three_numbered_points(seed: Seed) -> None:
    (response,) = seed.feedback.responses
    assert response.text == RESPONSE_PARAGRAPH
    assert response.text.endswith("".join(response.commitments))
    assert len(response.commitments) == 3


def test_every_seed_text_occurs_in_the_notice(seed: Seed) -> None:
    seed_texts: list[str] = [
        *(p.text for p in seed.feedback.problems),
        *(o.text for o in seed.feedback.opinions),
        *(r.text for r in seed.feedback.requirements),
        *(c for r in seed.feedback.responses for c in r.commitments),
        *(p.description for m in seed.feedback.meetings for p in m.attendees if p.description),
        *(p.description for m in seed.feedback.meetings for p in m.observers if p.description),
        *(s.summary for m in seed.round.meetings for s in m.speeches if s.summary),
        *(s.summary for m in seed.feedback.meetings for s in m.speeches if s.summary),
        *(m.note for m in (*seed.round.meetings, *seed.feedback.meetings) if m.note),
        *(m.note for m in seed.inspection.methods if m.note),
        *(
            s.capacity
            for m in (*seed.round.meetings, *seed.feedback.meetings)
            for s in m.speeches
            if s.capacity
        ),
        *(p.wording for p in seed.doc.people if p.wording),
        *(c.wording for c in seed.feedback.clue_transfers if c.wording),
        seed.feedback.problems_preamble or "",
        seed.round.focus or "",
    ]
    assert len(seed_texts) > 50
    assert all(seed_texts)
    missing = [text for text in seed_texts if text not in NOTICE]
    assert missing == []


# -- the illustrative part ---------------------------------------------------------------------


def test_real_people_carry_no_invented_data(seed: Seed) -> None:
    for name in REAL_PEOPLE:
        person = seed.person(name)
        assert person.name in NOTICE
        assert person.identity_number is None, name
        assert not person.illustrative, name
        assert person.wording is not None, name
        assert person.wording + name in NOTICE, name  # the style, as it stands before the name
        for post in person.posts:
            assert post.title in NOTICE or post.title == "市妇联主席", post.title


def test_everyone_else_is_illustrative(seed: Seed) -> None:
    others = [p for p in seed.doc.people if p.name not in REAL_PEOPLE]
    assert others, "the illustrative part names fictional people"
    for person in others:
        assert person.illustrative, person.name
        assert person.name not in NOTICE, person.name
    for person in seed.doc.people:
        if person.identity_number is not None:
            assert person.illustrative, person.name
    (holder,) = [p for p in seed.doc.people if p.identity_number is not None]
    assert (holder.name, holder.identity_number) == ("王示例", "11010519491231002X")
    assert holder.disclosure.value == "internal"


def test_organisations_not_in_the_notice_are_illustrative(seed: Seed) -> None:
    for org in seed.doc.organisations:
        if not org.illustrative:
            assert org.name in NOTICE, org.name
        assert org.credit_code is None or org.illustrative, org.name
    coded = [o for o in seed.doc.organisations if o.credit_code]
    assert [o.credit_code for o in coded] == ["91310110666007217T"]
    departments = [o for o in seed.doc.organisations if o.kind.value == "department"]
    assert {o.name for o in departments} == {"市妇联办公室", "组织宣传部", "基层工作部"}
    assert all(o.illustrative for o in departments)


def test_clue_content_only_in_an_illustrative_transfer(seed: Seed) -> None:
    with_content = [c for c in seed.feedback.clue_transfers if c.content is not None]
    assert with_content
    for clue in with_content:
        assert clue.illustrative
        assert "虚构" in (clue.content or "")
    assert any(not c.illustrative for c in seed.feedback.clue_transfers)


def test_rectification_is_illustrative_and_names_only_fictional_people(seed: Seed) -> None:
    (rect,) = seed.doc.rectifications
    assert rect.illustrative
    assert rect.inspection == seed.inspection.id
    people = {ref for ref, targets in references(rect) if targets == ("Person",)}
    assert people
    for ref in people:
        assert seed[ref].illustrative, seed[ref].name
    for ref, targets in references(rect):
        if "Organisation" in targets and isinstance(seed[ref], Organisation):
            assert seed[ref].illustrative, seed[ref].name


# -- the illustrative ledger is coherent -------------------------------------------------------


def status_of(entry: LedgerEntry) -> EntryStatus:
    status = EntryStatus.NOT_STARTED
    for event in entry.history:
        if isinstance(event, StatusChange):
            status = event.status
        elif isinstance(event, SignOff):
            status = EntryStatus.SIGNED_OFF
    return status


def deadline_of(entry: LedgerEntry, seed: Seed) -> datetime.date | None:
    assert entry.responsibility is not None
    deadline: datetime.date | None = seed[entry.responsibility].deadline
    for event in entry.history:
        if isinstance(event, ExtensionDecision) and event.approved:
            deadline = event.deadline
    return deadline


def test_plan_has_three_cross_linked_lists(seed: Seed) -> None:
    (rect,) = seed.doc.rectifications
    assert rect.plan is not None
    problem_ids = tuple(p.id for p in seed.feedback.problems)
    assert rect.plan.problems == problem_ids
    assert tuple(t.problem for t in rect.plan.tasks) == problem_ids
    assert tuple(r.problem for r in rect.plan.responsibilities) == problem_ids
    for task in rect.plan.tasks:
        assert task.target
        assert task.measures
    for resp in rect.plan.responsibilities:
        assert isinstance(seed[resp.leader], Person)
        assert seed[resp.lead_department].kind.value == "department"
        assert resp.lead_department not in resp.cooperating_departments
        assert resp.persons
        assert resp.deadline is not None
    assert tuple(e.problem for e in rect.entries) == problem_ids
    for entry in rect.entries:
        assert seed[entry.task].problem == entry.problem
        assert seed[entry.responsibility].problem == entry.problem


def test_ledger_shows_every_state(seed: Seed) -> None:
    (rect,) = seed.doc.rectifications
    states = {e.id: status_of(e) for e in rect.entries}
    assert set(states.values()) >= {
        EntryStatus.IN_PROGRESS,
        EntryStatus.ONGOING,
        EntryStatus.COMPLETED,
        EntryStatus.SIGNED_OFF,
    }
    overdue = [
        e.id
        for e in rect.entries
        if states[e.id] == EntryStatus.IN_PROGRESS and (deadline_of(e, seed) or AS_OF) < AS_OF
    ]
    assert overdue == ["entry-4"]
    for entry in rect.entries:
        if states[entry.id] == EntryStatus.ONGOING:
            assert seed[entry.responsibility].mode.value == "ongoing"
        if states[entry.id] == EntryStatus.SIGNED_OFF:
            kinds = [type(event) for event in entry.history]
            assert Acceptance in kinds
            assert kinds[-1] is SignOff
            (sign_off,) = [e for e in entry.history if isinstance(e, SignOff)]
            assert sign_off.evidence
            for ref in sign_off.evidence:
                digest = seed[ref].digest
                assert digest.algorithm.value == "sm3"
                assert re.fullmatch("[0-9a-f]{64}", digest.value)
        for event in entry.history:
            if isinstance(event, ProgressNote):
                assert event.text.endswith("(示例)")
    requests = [
        e for entry in rect.entries for e in entry.history if isinstance(e, ExtensionRequest)
    ]
    decisions = [
        e for entry in rect.entries for e in entry.history if isinstance(e, ExtensionDecision)
    ]
    assert requests
    assert [d.request for d in decisions] == [r.id for r in requests]


def test_progress_counters_match_the_ledger(seed: Seed) -> None:
    (rect,) = seed.doc.rectifications
    (report,) = seed.doc.progress_reports
    assert report.illustrative
    assert report.rectifications == (rect.id,)
    states = [status_of(e) for e in rect.entries]
    done = sum(s in (EntryStatus.COMPLETED, EntryStatus.SIGNED_OFF) for s in states)
    ongoing = sum(s == EntryStatus.ONGOING for s in states)
    counters = report.counters
    assert counters.problems_total == len(seed.feedback.problems) == len(states)
    assert (counters.completed, counters.ongoing) == (done, ongoing)
    assert counters.not_completed == len(states) - done - ongoing
    assert counters.completion_rate == (Decimal(100 * done) / len(states)).quantize(Decimal("0.01"))
    assert counters.regulations == len(rect.mechanisms)


# -- the ledger on its own ---------------------------------------------------------------------


def test_ledger_only_refers_to_the_full_record(ledger_doc: Document, seed: Seed) -> None:
    assert ledger_doc.kind == DocumentKind.RECTIFICATION_LEDGER
    assert ledger_doc.round is None
    assert ledger_doc.inspections == ()
    (rect,) = ledger_doc.rectifications
    assert rect.illustrative
    assert 3 <= len(rect.entries) <= 4
    external = {x.id: x for x in ledger_doc.external}
    assert {x.document for x in ledger_doc.external} == {seed.doc.id}
    assert external[rect.inspection].type == "Inspection"
    assert rect.inspection == seed.inspection.id
    for entry in rect.entries:
        ref = external[entry.problem]
        assert ref.type == "Problem"
        original = seed[entry.problem]
        assert isinstance(original, Problem)
        assert ref.label == original.text
        assert ref.label in NOTICE
    for person in ledger_doc.people:
        assert person.illustrative
        assert person.identity_number is None
    for organisation in ledger_doc.organisations:
        assert organisation.illustrative
    # the same people and bodies as the full record, pointing into it where needed
    people = {p.id for p in ledger_doc.people}
    organisations = {o.id for o in ledger_doc.organisations}
    assert ledger_doc.people == tuple(p for p in seed.doc.people if p.id in people)
    assert ledger_doc.organisations == tuple(
        o for o in seed.doc.organisations if o.id in organisations
    )
    for ref in ledger_doc.external:
        assert type(seed[ref.id]).__name__ == ref.type


def test_ledger_only_carries_the_responsibility_columns(ledger_doc: Document, seed: Seed) -> None:
    """责任领导, 牵头部门, 责任人 and 整改时限 for each row, from an excerpt of the plan."""
    (rect,) = ledger_doc.rectifications
    (full_rect,) = seed.doc.rectifications
    assert rect.plan is not None
    assert full_rect.plan is not None
    ids = index(ledger_doc)
    external = {x.id: x for x in ledger_doc.external}
    rows = tuple(e.problem for e in rect.entries)
    assert rect.plan.problems == rows
    assert tuple(r.problem for r in rect.plan.responsibilities) == rows
    assert tuple(t.problem for t in rect.plan.tasks) == rows
    for entry in rect.entries:
        assert external[entry.problem].type == "Problem"
        assert entry.task is not None
        assert entry.responsibility is not None
        assert ids[entry.task].problem == entry.problem
        responsibility = ids[entry.responsibility]
        assert responsibility.problem == entry.problem
        assert ids[responsibility.leader].illustrative
        assert ids[responsibility.lead_department].illustrative
        assert responsibility.persons
        assert all(ids[ref].illustrative for ref in responsibility.persons)
        assert isinstance(responsibility.deadline, datetime.date)
    # the same rows, tasks and responsibilities as the full record: an excerpt, not a variant
    assert rect.entries == tuple(e for e in full_rect.entries if e.problem in rows)
    assert rect.plan.tasks == tuple(t for t in full_rect.plan.tasks if t.problem in rows)
    assert rect.plan.responsibilities == tuple(
        r for r in full_rect.plan.responsibilities if r.problem in rows
    )
    for ref in {o for task in rect.plan.tasks for o in task.opinions}:
        assert external[ref].type == "Opinion"
        opinion = seed[ref]
        assert isinstance(opinion, Opinion)
        label = external[ref].label
        assert label is not None
        assert opinion.text.startswith(label)
        assert label in NOTICE
