"""The rules the conventions add: L101 time-bound deadlines, L102 document numbers, L103 reports."""

from __future__ import annotations

import datetime
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from inspection_schema_conventions import (
    DINGYUAN,
    DOCUMENT_NUMBER,
    EXAMPLE_CITY,
    PRINCIPAL_REPORT,
    time_bound_deadline,
)
from inspection_schema_conventions.rules import document_number_faults

from inspection_schema import api
from inspection_schema.builtin.conventions import NATIONAL
from inspection_schema.conventions import Convention
from inspection_schema.errors import Issue, Severity
from inspection_schema.model import (
    Document,
    RectificationMode,
    RectificationReport,
    ReportKind,
)
from inspection_schema.rules import CODE_PATTERN, Rule, RuleContext, run_rules

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "fulian-2023.json"
RESPONSIBILITIES = "$.rectifications[0].plan.responsibilities"
L101 = EXAMPLE_CITY.rules[0]


@pytest.fixture(scope="module")
def fulian() -> Document:
    """The seed's record: feedback on 2023-06-09, six ledger entries, two reports on 2023-08-09."""
    return api.load(EXAMPLE)


def _run(
    document: Document,
    rule: Rule,
    convention: Convention,
    as_of: datetime.date | None = None,
) -> list[Issue]:
    return run_rules(document, (rule,), RuleContext(convention=convention, as_of=as_of))


def _evolve_plan(document: Document, **changes: object) -> Document:
    rectification = document.rectifications[0]
    assert rectification.plan is not None
    plan = attrs.evolve(rectification.plan, **changes)
    return attrs.evolve(document, rectifications=(attrs.evolve(rectification, plan=plan),))


def _evolve_responsibility(document: Document, position: int, **changes: object) -> Document:
    plan = document.rectifications[0].plan
    assert plan is not None
    responsibilities = list(plan.responsibilities)
    responsibilities[position] = attrs.evolve(responsibilities[position], **changes)
    return _evolve_plan(document, responsibilities=tuple(responsibilities))


def _with_reports(document: Document, *reports: RectificationReport) -> Document:
    rectification = attrs.evolve(document.rectifications[0], reports=reports)
    return attrs.evolve(document, rectifications=(rectification,))


def _with_feedback(document: Document, date: datetime.date) -> Document:
    inspection = document.inspections[0]
    assert inspection.feedback is not None
    feedback = attrs.evolve(inspection.feedback, date=date)
    return attrs.evolve(document, inspections=(attrs.evolve(inspection, feedback=feedback),))


def _report(
    kind: ReportKind, date: datetime.date, number: str | None = None
) -> RectificationReport:
    return RectificationReport(
        id=f"rep-{kind.value}", kind=kind, submitted_on=date, document_number=number
    )


def test_codes_are_the_plugin_s_own() -> None:
    rules = [L101, DOCUMENT_NUMBER, PRINCIPAL_REPORT]
    assert [rule.code for rule in rules] == ["L101", "L102", "L103"]
    for rule in rules:
        assert CODE_PATTERN.fullmatch(rule.code)
        assert rule.severity is Severity.WARNING
        assert rule.summary_zh


# -- L101 --------------------------------------------------------------------------------------


def test_l101_flags_a_time_bound_deadline_past_twelve_months(fulian: Document) -> None:
    issues = _run(fulian, L101, EXAMPLE_CITY)
    # resp-6 (ledger entry 6) is time-bound with deadline 2024-06-30; the limit is 2024-06-09
    assert [(i.code, i.path) for i in issues] == [("L101", f"{RESPONSIBILITIES}[5].deadline")]
    assert "台账第6项" in issues[0].message_zh
    assert "2024-06-09" in issues[0].message_zh
    assert "示例规则" in issues[0].message_zh


def test_l101_limit_is_inclusive(fulian: Document) -> None:
    on_limit = _evolve_responsibility(fulian, 5, deadline=datetime.date(2024, 6, 9))
    assert _run(on_limit, L101, EXAMPLE_CITY) == []
    day_after = _evolve_responsibility(fulian, 5, deadline=datetime.date(2024, 6, 10))
    assert len(_run(day_after, L101, EXAMPLE_CITY)) == 1


def test_l101_wants_a_deadline_for_a_time_bound_item(fulian: Document) -> None:
    document = _evolve_responsibility(fulian, 1, deadline=None)
    messages = {i.path: i.message_zh for i in _run(document, L101, EXAMPLE_CITY)}
    assert "未明确整改时限" in messages[f"{RESPONSIBILITIES}[1]"]


def test_l101_leaves_ongoing_and_immediate_items_alone(fulian: Document) -> None:
    late = datetime.date(2026, 1, 1)
    document = _evolve_responsibility(fulian, 0, deadline=late)  # ongoing
    document = _evolve_responsibility(document, 2, deadline=None)  # immediate
    document = _evolve_responsibility(document, 5, mode=RectificationMode.ONGOING)
    assert _run(document, L101, EXAMPLE_CITY) == []


def test_l101_finds_the_responsibility_by_problem(fulian: Document) -> None:
    rectification = fulian.rectifications[0]
    entries = tuple(attrs.evolve(entry, responsibility=None) for entry in rectification.entries)
    document = attrs.evolve(fulian, rectifications=(attrs.evolve(rectification, entries=entries),))
    assert [i.path for i in _run(document, L101, EXAMPLE_CITY)] == [
        f"{RESPONSIBILITIES}[5].deadline"
    ]


def test_l101_counts_months_with_the_end_of_month_rule(fulian: Document) -> None:
    one_month = time_bound_deadline(months=1, basis="示例")
    document = _with_feedback(fulian, datetime.date(2023, 1, 31))
    plan = document.rectifications[0].plan
    assert plan is not None
    deadlines = {r.id: datetime.date(2023, 2, 28) for r in plan.responsibilities}
    document = _evolve_plan(
        document,
        responsibilities=tuple(
            attrs.evolve(r, deadline=deadlines[r.id]) for r in plan.responsibilities
        ),
    )
    assert _run(document, one_month, EXAMPLE_CITY) == []  # 31 January + 1 month = 28 February
    late = _evolve_responsibility(document, 1, deadline=datetime.date(2023, 3, 1))
    assert [i.path for i in _run(late, one_month, EXAMPLE_CITY)] == [
        f"{RESPONSIBILITIES}[1].deadline"
    ]


def test_l101_needs_a_month_at_least() -> None:
    with pytest.raises(ValueError, match="at least one month"):
        time_bound_deadline(months=0, basis="示例")


# -- L102 --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "faults"),
    [
        ("示例妇党〔2023〕1号", []),
        ("示例妇党〔2023〕12号", []),
        ("示例妇党[2023]1号", ["年份应用六角括号“〔〕”括入"]),
        ("示例妇党(2023)1号", ["年份应用六角括号“〔〕”括入"]),
        ("示例妇党【2023】1号", ["年份应用六角括号“〔〕”括入"]),
        ("示例妇党〔2023〕第1号", ["发文顺序号不加“第”字"]),
        ("示例妇党〔2023〕01号", ["发文顺序号不编虚位(1不编为01)"]),
        ("示例妇党〔23〕1号", ["年份应标全称(四位)"]),
        ("示例妇党〔2023〕1", ["发文顺序号后加“号”字"]),
        ("示例妇党发文", ["缺少年份"]),
        (
            "示例妇党[2023]第01号",
            ["年份应用六角括号“〔〕”括入", "发文顺序号不加“第”字", "发文顺序号不编虚位(1不编为01)"],
        ),
    ],
)
def test_document_number_faults(number: str, faults: list[str]) -> None:
    assert document_number_faults(number) == faults
    (form,) = EXAMPLE_CITY.naming_rules("document_number")
    assert form.matches(number) is (not faults)


@settings(deadline=None)
@given(
    st.text(alphabet="市委妇党组办发纪示例", min_size=1, max_size=6),
    st.integers(min_value=1949, max_value=2099),
    st.integers(min_value=1, max_value=9999),
)
def test_every_well_formed_number_passes(agency: str, year: int, sequence: int) -> None:
    number = f"{agency}〔{year}〕{sequence}号"
    (form,) = EXAMPLE_CITY.naming_rules("document_number")
    assert form.matches(number)
    assert document_number_faults(number) == []


def test_l102_checks_every_document_number_of_the_record(fulian: Document) -> None:
    assert _run(fulian, DOCUMENT_NUMBER, EXAMPLE_CITY) == []
    rectification = fulian.rectifications[0]
    mechanisms = (
        attrs.evolve(rectification.mechanisms[0], document_number="妇党发(2023)5号"),
        *rectification.mechanisms[1:],
    )
    document = attrs.evolve(
        fulian, rectifications=(attrs.evolve(rectification, mechanisms=mechanisms),)
    )
    document = _evolve_plan(document, document_number="示例妇党〔2023〕第01号")
    inspection = document.inspections[0]
    assert inspection.feedback is not None
    feedback = attrs.evolve(inspection.feedback, document_number="市委巡察〔2023〕3号")
    document = attrs.evolve(document, inspections=(attrs.evolve(inspection, feedback=feedback),))
    issues = _run(document, DOCUMENT_NUMBER, EXAMPLE_CITY)
    assert [i.path for i in issues] == [
        "$.rectifications[0].plan.document_number",
        "$.rectifications[0].mechanisms[0].document_number",
    ]
    assert "不加“第”字" in issues[0].message_zh
    assert "六角括号" in issues[1].message_zh
    # without a document-number form in the convention there is nothing to check against
    assert _run(document, DOCUMENT_NUMBER, NATIONAL) == []
    reported = _with_reports(
        document,
        _report(ReportKind.RECTIFICATION_REPORT, datetime.date(2023, 8, 9), "妇党〔2023〕07号"),
    )
    assert "$.rectifications[0].reports[0].document_number" in {
        i.path for i in _run(reported, DOCUMENT_NUMBER, EXAMPLE_CITY)
    }


# -- L103 --------------------------------------------------------------------------------------

TEAM = ReportKind.RECTIFICATION_REPORT
PRINCIPAL = ReportKind.PRINCIPAL_LEADER_REPORT


def test_l103_both_reports_on_time(fulian: Document) -> None:
    assert _run(fulian, PRINCIPAL_REPORT, DINGYUAN, as_of=datetime.date(2024, 1, 1)) == []


def test_l103_a_late_principal_report(fulian: Document) -> None:
    # Dingyuan: three months from 2023-06-09 is 2023-09-09
    on_time = _with_reports(
        fulian,
        _report(TEAM, datetime.date(2023, 9, 9)),
        _report(PRINCIPAL, datetime.date(2023, 9, 9)),
    )
    assert _run(on_time, PRINCIPAL_REPORT, DINGYUAN) == []
    late = _with_reports(
        fulian,
        _report(TEAM, datetime.date(2023, 9, 9)),
        _report(PRINCIPAL, datetime.date(2023, 9, 10)),
    )
    (issue,) = _run(late, PRINCIPAL_REPORT, DINGYUAN)
    assert issue.path == "$.rectifications[0].reports[1].submitted_on"
    assert "2023-09-09" in issue.message_zh
    assert "定远县巡察工作请示报告制度" in issue.message_zh


def test_l103_a_missing_principal_report_once_overdue(fulian: Document) -> None:
    team_only = _with_reports(fulian, _report(TEAM, datetime.date(2023, 8, 9)))
    assert _run(team_only, PRINCIPAL_REPORT, DINGYUAN, as_of=datetime.date(2023, 9, 9)) == []
    (issue,) = _run(team_only, PRINCIPAL_REPORT, DINGYUAN, as_of=datetime.date(2023, 9, 10))
    assert issue.path == "$.rectifications[0].reports"
    assert "未报送主要负责人" in issue.message_zh
    nothing = _with_reports(fulian)  # no report at all: R102's and the office's business
    assert _run(nothing, PRINCIPAL_REPORT, DINGYUAN, as_of=datetime.date(2024, 1, 1)) == []


def test_l103_follows_the_convention_s_report_deadline(fulian: Document) -> None:
    august = _with_reports(
        fulian,
        _report(TEAM, datetime.date(2023, 8, 9)),
        _report(PRINCIPAL, datetime.date(2023, 8, 10)),
    )
    assert _run(august, PRINCIPAL_REPORT, DINGYUAN) == []  # three months
    assert len(_run(august, PRINCIPAL_REPORT, EXAMPLE_CITY)) == 1  # two months
    no_policy = attrs.evolve(DINGYUAN, deadlines=())
    assert _run(august, PRINCIPAL_REPORT, no_policy) == []
