"""Conventions and deadlines: counting, choosing a convention, and the core rules that use them."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from inspection_schema import api
from inspection_schema.cli import main
from inspection_schema.conventions import (
    Convention,
    DeadlinePolicy,
    NamingRule,
    UnknownConventionError,
    choose_convention,
    document_region,
)
from inspection_schema.deadlines import (
    CalendarNotCoveredError,
    DeadlineUnit,
    MonthEndRule,
    WeekdayCalendar,
    WorkingDayCalendar,
    add_months,
    add_working_days,
    count_from,
)
from inspection_schema.errors import InspectionSchemaError
from inspection_schema.model import DeadlinePurpose, Document
from inspection_schema.plugins.manager import PluginHost
from inspection_schema.testing.plugins import inline_plugin

EXAMPLE = Path(__file__).parent.parent / "examples" / "fulian-2023.json"
D = datetime.date


# -- counting ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "rule", "expected"),
    [
        (D(2023, 6, 9), 2, MonthEndRule.CLAMP, D(2023, 8, 9)),
        (D(2023, 1, 31), 1, MonthEndRule.CLAMP, D(2023, 2, 28)),
        (D(2024, 1, 31), 1, MonthEndRule.CLAMP, D(2024, 2, 29)),
        (D(2023, 1, 31), 1, MonthEndRule.NEXT_DAY, D(2023, 3, 1)),
        (D(2023, 12, 31), 2, MonthEndRule.CLAMP, D(2024, 2, 29)),
        (D(2023, 11, 30), 3, MonthEndRule.NEXT_DAY, D(2024, 3, 1)),
        (D(2023, 8, 31), 1, MonthEndRule.CLAMP, D(2023, 9, 30)),
    ],
)
def test_months_follow_the_stated_end_of_month_rule(
    start: datetime.date, months: int, rule: MonthEndRule, expected: datetime.date
) -> None:
    assert add_months(start, months, rule) == expected


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2900, 1, 1)), st.integers(0, 600))
def test_months_never_run_past_the_target_month_when_clamped(
    start: datetime.date, months: int
) -> None:
    due = add_months(start, months, MonthEndRule.CLAMP)
    assert (due.year * 12 + due.month) - (start.year * 12 + start.month) == months
    assert due.day <= start.day


def test_working_days_skip_the_calendar_s_days_off() -> None:
    friday = D(2023, 6, 9)
    assert add_working_days(friday, 1, WeekdayCalendar()) == D(2023, 6, 12)
    assert add_working_days(friday, 15, WeekdayCalendar()) == D(2023, 6, 30)
    assert add_working_days(friday, 0, WeekdayCalendar()) == friday
    with pytest.raises(ValueError, match="forward"):
        add_working_days(friday, -1, WeekdayCalendar())


def test_working_days_need_a_calendar() -> None:
    with pytest.raises(InspectionSchemaError, match="工作日历"):
        count_from(D(2023, 6, 9), 15, DeadlineUnit.WORKING_DAYS)
    assert count_from(D(2023, 6, 9), 10, DeadlineUnit.DAYS) == D(2023, 6, 19)


@attrs.frozen
class _ShortCalendar:
    """Knows 2023 only, as a holiday package would before the next year's notice."""

    name: str = "short"

    def is_working_day(self, day: datetime.date) -> bool:
        if day.year != 2023:
            raise CalendarNotCoveredError(self.name, day, (2023, 2023))
        return day.weekday() < 5

    def covered_years(self) -> tuple[int, int]:
        return (2023, 2023)


def test_a_calendar_satisfies_the_protocol() -> None:
    assert isinstance(WeekdayCalendar(), WorkingDayCalendar)
    assert isinstance(_ShortCalendar(), WorkingDayCalendar)


def test_a_count_past_the_calendar_s_years_is_refused() -> None:
    with pytest.raises(CalendarNotCoveredError) as raised:
        add_working_days(D(2023, 12, 20), 15, _ShortCalendar())
    assert raised.value.day == D(2024, 1, 1)
    assert "2024" in str(raised.value)
    assert "2023–2023" in str(raised.value)


def test_a_deadline_past_the_calendar_s_end_is_its_last_day() -> None:
    last = datetime.date.max
    assert add_months(D(9999, 12, 31), 1) == last
    assert add_months(D(9999, 11, 30), 1, MonthEndRule.NEXT_DAY) == D(9999, 12, 30)
    assert add_months(D(9999, 12, 31), 0, MonthEndRule.NEXT_DAY) == last
    assert count_from(D(9999, 12, 31), 15, DeadlineUnit.DAYS) == last
    assert add_working_days(D(9999, 12, 30), 10, WeekdayCalendar()) == last
    assert add_months(D(1, 1, 31), -1) == datetime.date.min


def test_a_feedback_at_the_calendar_s_end_is_validated_not_raised() -> None:
    data = api.load(EXAMPLE)
    inspection = data.inspections[0]
    assert inspection.feedback is not None
    late = attrs.evolve(inspection.feedback, date=D(9999, 12, 31))
    document = attrs.evolve(data, inspections=(attrs.evolve(inspection, feedback=late),))
    codes = {issue.code for issue in api.validate(document)}
    assert "R206" in codes  # the ledger's events come before that feedback


def test_a_policy_reads_as_office_staff_write_it() -> None:
    policy = DeadlinePolicy(
        purpose=DeadlinePurpose.RECTIFICATION_PLAN,
        amount=15,
        unit=DeadlineUnit.WORKING_DAYS,
        basis="测试",
    )
    assert policy.describe() == "反馈后15个工作日内制定整改方案"
    with pytest.raises(ValueError, match="amount"):
        attrs.evolve(policy, amount=-1)


# -- choosing a convention -----------------------------------------------------------------------


def _convention(name: str, *codes: str, **changes: object) -> Convention:
    return Convention(name=name, title=f"{name}规范", region_codes=codes, **changes)  # type: ignore[arg-type]


def _with_region(document: Document, area_code: str | None) -> Document:
    organisations = tuple(
        attrs.evolve(o, area_code=area_code) if o.id == document.issuer else o
        for o in document.organisations
    )
    return attrs.evolve(document, organisations=organisations)


def test_the_document_s_region_chooses_the_most_specific_convention() -> None:
    document = api.load(EXAMPLE)
    national = _convention("national")
    province, city = _convention("province", "34"), _convention("city", "3411", "3412")
    known = [national, province, city]
    assert document_region(_with_region(document, "341125")) == "341125"
    assert choose_convention(known, _with_region(document, "341125")) is city
    assert choose_convention(known, _with_region(document, "340100")) is province
    assert choose_convention(known, _with_region(document, "110000")) is national
    assert choose_convention(known, _with_region(document, "341125"), "national") is national
    # A convention without region codes is chosen by name only, whatever the order.
    by_name = _convention("by-name")
    assert choose_convention([by_name, *known], _with_region(document, "110000")) is national
    assert choose_convention([by_name, *known], document, "by-name") is by_name
    with pytest.raises(UnknownConventionError, match="national"):
        choose_convention([by_name, city], _with_region(document, "110000"))


def test_an_unknown_convention_is_named_with_the_known_ones() -> None:
    with pytest.raises(UnknownConventionError, match=r"'nowhere'.*national"):
        choose_convention([_convention("national")], api.load(EXAMPLE), "nowhere")
    with pytest.raises(UnknownConventionError):
        choose_convention([], api.load(EXAMPLE))


def test_validate_names_an_unknown_convention_at_the_command_line(
    plugin_host: PluginHost, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", "--convention", "nowhere", str(EXAMPLE)]) == 2
    assert "nowhere" in capsys.readouterr().err


# -- the core rules under a convention -----------------------------------------------------------


def _register(register_plugin: Callable[..., PluginHost], convention: Convention) -> PluginHost:
    return register_plugin(
        inline_plugin(register_conventions=lambda register: register(convention))
    )


def test_the_plan_deadline_counts_working_days(
    register_plugin: Callable[..., PluginHost],
) -> None:
    def strict(days: int) -> Convention:
        return _convention(
            "strict",
            deadlines=(
                DeadlinePolicy(
                    purpose=DeadlinePurpose.RECTIFICATION_PLAN,
                    amount=days,
                    unit=DeadlineUnit.WORKING_DAYS,
                    basis="测试",
                ),
            ),
            working_days=WeekdayCalendar(),
        )

    # Feedback on Friday 2023-06-09, plan adopted on Monday 2023-06-26: the 11th working day.
    document = api.load(EXAMPLE)
    host = _register(register_plugin, strict(11))
    assert api.validate(document, convention="strict") == []
    host.remove_plugin(host.owner("conventions", "strict"))
    _register(register_plugin, strict(10))
    issues = api.validate(document, convention="strict")
    assert [(i.code, i.path) for i in issues] == [("R101", "$.rectifications[0].plan.adopted_on")]
    assert "2023-06-23" in issues[0].message
    assert "反馈后10个工作日内" in issues[0].message_zh


def test_a_deadline_the_calendar_cannot_count_is_reported_not_raised(
    register_plugin: Callable[..., PluginHost],
) -> None:
    convention = _convention(
        "short",
        deadlines=(
            DeadlinePolicy(
                purpose=DeadlinePurpose.RECTIFICATION_REPORT,
                amount=200,
                unit=DeadlineUnit.WORKING_DAYS,
                basis="测试",
            ),
        ),
        working_days=_ShortCalendar(),
    )
    _register(register_plugin, convention)
    issues = api.validate(api.load(EXAMPLE), convention="short")
    assert [(i.code, i.path) for i in issues] == [
        ("R102", "$.rectifications[0].reports[0].submitted_on")
    ]
    assert "cannot be counted" in issues[0].message
    assert "2024" in issues[0].message_zh


def test_naming_rules_flag_the_names_that_do_not_follow_them(
    register_plugin: Callable[..., PluginHost],
) -> None:
    convention = _convention(
        "named",
        naming=(
            NamingRule(subject="round", pattern=r"县委第.+轮巡察", example="县委第一轮巡察"),
            NamingRule(subject="group", pattern=r"县委第.+巡察组", example="县委第一巡察组"),
        ),
    )
    _register(register_plugin, convention)
    document = api.load(EXAMPLE)
    assert document.round is not None
    issues = api.validate(document, convention="named")
    assert [(i.code, i.path) for i in issues] == [("R104", "$.round.groups[0].name")]
    assert "县委第一巡察组" in issues[0].message_zh
    named = attrs.evolve(document, round=attrs.evolve(document.round, name="市委第三轮巡察"))
    assert [i.code for i in api.validate(named, convention="named")] == ["R103", "R104"]
    assert api.validate(document) == []  # the national baseline has no naming rules
