"""The conventions themselves: basis, region codes, naming, ledger form and their due dates."""

from __future__ import annotations

import calendar
import datetime
import re

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from inspection_schema_conventions import (
    CONVENTIONS,
    DINGYUAN,
    EXAMPLE_CITY,
    StateCouncilCalendar,
)
from inspection_schema_conventions.dingyuan import SOURCE
from inspection_schema_conventions.example_city import ILLUSTRATION

from inspection_schema.builtin.conventions import NATIONAL
from inspection_schema.conventions import LEDGER_COLUMNS, Convention
from inspection_schema.deadlines import (
    CalendarNotCoveredError,
    DeadlineUnit,
    MonthEndRule,
    WeekdayCalendar,
    add_months,
)
from inspection_schema.model import DeadlinePurpose

PLAN = DeadlinePurpose.RECTIFICATION_PLAN
REPORT = DeadlinePurpose.RECTIFICATION_REPORT
MEETING = DeadlinePurpose.DEMOCRATIC_LIFE_MEETING
FEEDBACK = datetime.date(
    2023, 6, 9
)  # the seed's feedback, a Friday before the Dragon Boat Festival


@pytest.mark.parametrize("convention", CONVENTIONS, ids=lambda c: c.name)
def test_every_deadline_records_its_basis(convention: Convention) -> None:
    assert convention.deadlines
    purposes = [policy.purpose for policy in convention.deadlines]
    assert len(purposes) == len(set(purposes)), "one policy per purpose"
    for policy in convention.deadlines:
        assert policy.basis.strip()
        assert policy.amount > 0
    assert isinstance(convention.working_days, StateCouncilCalendar)
    assert convention.month_rule is MonthEndRule.CLAMP


@pytest.mark.parametrize("convention", CONVENTIONS, ids=lambda c: c.name)
def test_region_codes_are_gb_t_2260_prefixes(convention: Convention) -> None:
    for code in convention.region_codes:
        assert re.fullmatch(r"[1-8][0-9](?:[0-9]{2}){0,2}", code), code
        assert not re.fullmatch(r"(?:[0-9]{2})*00", code), "trailing zeros are dropped"


@pytest.mark.parametrize("convention", CONVENTIONS, ids=lambda c: c.name)
def test_each_naming_rule_accepts_its_own_example(convention: Convention) -> None:
    assert convention.naming
    for rule in convention.naming:
        assert rule.subject in ("round", "group", "document_number")
        assert rule.matches(rule.example), (rule.subject, rule.example)


def test_dingyuan_cites_the_county_rule() -> None:
    assert DINGYUAN.region_codes == ("341125",)  # 安徽省滁州市定远县
    report = DINGYUAN.policy(REPORT)
    assert report is not None
    assert (report.amount, report.unit) == (3, DeadlineUnit.MONTHS)
    assert "《定远县巡察工作请示报告制度》" in report.basis
    assert "http://www.ahjjjc.gov.cn/p/79662.html" in report.basis
    assert "三个月内" in report.basis
    assert SOURCE in report.basis
    # the rest is the national practice, with the national basis, not attributed to the county
    for policy in DINGYUAN.deadlines:
        if policy.purpose is not REPORT:
            assert policy in NATIONAL.deadlines
            assert "定远" not in policy.basis
    assert DINGYUAN.ledger_template is None
    assert "示例" not in DINGYUAN.title


def test_dingyuan_naming() -> None:
    (round_rule,) = DINGYUAN.naming_rules("round")
    (group_rule,) = DINGYUAN.naming_rules("group")
    assert round_rule.matches("十四届县委第十三轮巡察")
    assert round_rule.matches("十四届县委第十三轮教育系统专项巡察")
    assert round_rule.matches("十五届县委第二轮巡察“回头看”")
    assert not round_rule.matches("十四届市委第三轮巡察")
    assert not round_rule.matches("县委第十三轮巡察")
    assert group_rule.matches("县委第三巡察组")
    assert not group_rule.matches("市委第三巡察组")
    assert not group_rule.matches("县委第3巡察组")


def test_the_example_says_it_is_one() -> None:
    assert EXAMPLE_CITY.name.startswith("example-")
    assert "示例" in EXAMPLE_CITY.title
    assert "示例" in EXAMPLE_CITY.description
    assert EXAMPLE_CITY.region_codes == (), "an illustration must not govern a real region"
    for policy in EXAMPLE_CITY.deadlines:
        assert policy.basis.startswith(ILLUSTRATION)
    assert [rule.code for rule in EXAMPLE_CITY.rules] == ["L101", "L102"]


def test_the_example_differs_from_the_national_baseline() -> None:
    plan = EXAMPLE_CITY.policy(PLAN)
    assert plan is not None
    assert (plan.amount, plan.unit) == (15, DeadlineUnit.WORKING_DAYS)
    assert plan.describe() == "反馈后15个工作日内制定整改方案"
    national = NATIONAL.policy(PLAN)
    assert national is not None
    assert (national.amount, national.unit) != (plan.amount, plan.unit)
    report = EXAMPLE_CITY.policy(REPORT)
    assert report is not None
    assert report.describe() == "反馈后2个月内报送整改情况报告"


def test_the_example_ledger_template() -> None:
    template = EXAMPLE_CITY.ledger_template
    assert template is not None
    assert "示例" in template.title
    keys = dict(LEDGER_COLUMNS)
    assert set(template.headings) <= set(keys)
    assert template.heading("lead_department") == "牵头股室"
    assert template.heading("deadline") == "完成时限"
    assert template.heading("problem") == "反馈问题"
    assert template.heading("number") == "序号"  # not overridden: the consensus heading
    changed = {key for key, heading in template.headings.items() if heading != keys[key]}
    assert {"lead_department", "deadline"} <= changed
    assert set(template.columns) <= set(keys)


def test_example_names() -> None:
    (round_rule,) = EXAMPLE_CITY.naming_rules("round")
    (group_rule,) = EXAMPLE_CITY.naming_rules("group")
    (number_rule,) = EXAMPLE_CITY.naming_rules("document_number")
    assert round_rule.matches("十四届市委第三轮巡察")
    assert not round_rule.matches("2023年第三轮巡察")
    assert group_rule.matches("市委第三巡察组")
    assert group_rule.matches("市委第十二巡察组")
    assert not group_rule.matches("县委第三巡察组")
    assert number_rule.matches("示例妇党〔2023〕1号")
    for wrong in (
        "示例妇党[2023]1号",
        "示例妇党〔2023〕第1号",
        "示例妇党〔2023〕01号",
        "示例妇党〔23〕1号",
    ):
        assert not number_rule.matches(wrong), wrong


# -- due dates ---------------------------------------------------------------------------------


def test_plan_due_counts_the_dragon_boat_holiday_and_its_make_up_sunday() -> None:
    # 22-24 June 2023 off, Sunday 25 June worked: the 15th working day is Monday 3 July
    assert EXAMPLE_CITY.due(PLAN, FEEDBACK) == datetime.date(2023, 7, 3)
    weekdays_only = attrs.evolve(EXAMPLE_CITY, working_days=WeekdayCalendar())
    assert weekdays_only.due(PLAN, FEEDBACK) == datetime.date(2023, 6, 30)
    assert NATIONAL.due(PLAN, FEEDBACK) == datetime.date(2023, 7, 9)


def test_plan_due_across_the_spring_festival() -> None:
    assert EXAMPLE_CITY.due(PLAN, datetime.date(2024, 2, 1)) == datetime.date(2024, 2, 27)
    assert EXAMPLE_CITY.due(PLAN, datetime.date(2024, 9, 25)) == datetime.date(2024, 10, 21)


def test_plan_due_in_an_uncovered_year_is_refused() -> None:
    first, last = StateCouncilCalendar().covered_years()
    with pytest.raises(CalendarNotCoveredError):
        EXAMPLE_CITY.due(PLAN, datetime.date(first - 1, 6, 9))
    with pytest.raises(CalendarNotCoveredError):
        EXAMPLE_CITY.due(PLAN, datetime.date(last, 12, 25))


@pytest.mark.parametrize(
    ("convention", "purpose", "feedback", "due"),
    [
        # 31 January + 1 month: the end of February, in a leap year and not
        (EXAMPLE_CITY, MEETING, datetime.date(2023, 1, 31), datetime.date(2023, 2, 28)),
        (EXAMPLE_CITY, MEETING, datetime.date(2024, 1, 31), datetime.date(2024, 2, 29)),
        (EXAMPLE_CITY, MEETING, datetime.date(2024, 3, 31), datetime.date(2024, 4, 30)),
        (EXAMPLE_CITY, MEETING, datetime.date(2024, 1, 30), datetime.date(2024, 2, 29)),
        (EXAMPLE_CITY, MEETING, datetime.date(2024, 1, 15), datetime.date(2024, 2, 15)),
        (EXAMPLE_CITY, REPORT, datetime.date(2023, 12, 31), datetime.date(2024, 2, 29)),
        (EXAMPLE_CITY, REPORT, datetime.date(2024, 12, 31), datetime.date(2025, 2, 28)),
        (EXAMPLE_CITY, REPORT, datetime.date(2023, 6, 9), datetime.date(2023, 8, 9)),
        (DINGYUAN, REPORT, datetime.date(2023, 11, 30), datetime.date(2024, 2, 29)),
        (DINGYUAN, REPORT, datetime.date(2024, 5, 31), datetime.date(2024, 8, 31)),
        (DINGYUAN, REPORT, datetime.date(2024, 11, 30), datetime.date(2025, 2, 28)),
        (DINGYUAN, REPORT, datetime.date(2023, 6, 9), datetime.date(2023, 9, 9)),
    ],
)
def test_month_deadlines_at_month_ends(
    convention: Convention,
    purpose: DeadlinePurpose,
    feedback: datetime.date,
    due: datetime.date,
) -> None:
    assert convention.due(purpose, feedback) == due


@settings(deadline=None)
@given(
    st.sampled_from([(EXAMPLE_CITY, MEETING), (EXAMPLE_CITY, REPORT), (DINGYUAN, REPORT)]),
    st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2099, 12, 31)),
)
def test_month_deadlines_clamp_to_the_month_end(
    chosen: tuple[Convention, DeadlinePurpose], feedback: datetime.date
) -> None:
    convention, purpose = chosen
    policy = convention.policy(purpose)
    assert policy is not None
    assert policy.unit is DeadlineUnit.MONTHS
    due = convention.due(purpose, feedback)
    assert due == add_months(feedback, policy.amount, MonthEndRule.CLAMP)
    assert due is not None
    months = (due.year - feedback.year) * 12 + due.month - feedback.month
    assert months == policy.amount, "never spills into the month after"
    last = calendar.monthrange(due.year, due.month)[1]
    assert due.day == min(feedback.day, last)
