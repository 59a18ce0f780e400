"""The State Council calendar: holidays off, make-up working days on, uncovered years refused."""

from __future__ import annotations

import datetime

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from inspection_schema_conventions import STATE_COUNCIL, StateCouncilCalendar, data_version

from inspection_schema.deadlines import (
    CalendarNotCoveredError,
    DeadlineUnit,
    WeekdayCalendar,
    WorkingDayCalendar,
    add_working_days,
    count_from,
)
from inspection_schema.errors import InspectionSchemaError

CALENDAR = StateCouncilCalendar()
FIRST, LAST = CALENDAR.covered_years()
COVERED = st.dates(min_value=datetime.date(FIRST, 1, 1), max_value=datetime.date(LAST, 12, 31))
UNCOVERED = st.one_of(
    st.dates(max_value=datetime.date(FIRST - 1, 12, 31)),
    st.dates(min_value=datetime.date(LAST + 1, 1, 1)),
)


def test_implements_the_core_protocol() -> None:
    assert isinstance(CALENDAR, WorkingDayCalendar)
    assert STATE_COUNCIL == CALENDAR
    assert CALENDAR.name == "state-council"


def test_covered_years_are_the_installed_release_s() -> None:
    years = {day.year for day in chinese_calendar.constants.holidays}
    assert (min(years), max(years)) == (FIRST, LAST)
    # chinesecalendar 1.11.0, the least the distribution requires, holds 2004 to 2026
    assert FIRST == 2004
    assert LAST >= 2026
    assert set(range(FIRST, LAST + 1)) == years, "a year inside the range has no list"
    assert data_version() == chinese_calendar.__version__


# -- real arrangements (国务院办公厅关于部分节假日安排的通知) ---------------------------------


@pytest.mark.parametrize(
    ("day", "working"),
    [
        # 2024 Spring Festival: 10-17 February off; Sunday 4 and Sunday 18 February worked
        (datetime.date(2024, 2, 3), False),
        (datetime.date(2024, 2, 4), True),
        (datetime.date(2024, 2, 9), True),  # 除夕 was a working day in 2024
        (datetime.date(2024, 2, 10), False),
        (datetime.date(2024, 2, 12), False),  # a Monday off
        (datetime.date(2024, 2, 16), False),  # a Friday off
        (datetime.date(2024, 2, 17), False),
        (datetime.date(2024, 2, 18), True),
        (datetime.date(2024, 2, 19), True),
        # 2024 National Day: 1-7 October off; Sunday 29 September and Saturday 12 October worked
        (datetime.date(2024, 9, 28), False),
        (datetime.date(2024, 9, 29), True),
        (datetime.date(2024, 9, 30), True),
        (datetime.date(2024, 10, 1), False),
        (datetime.date(2024, 10, 7), False),
        (datetime.date(2024, 10, 8), True),
        (datetime.date(2024, 10, 12), True),
        (datetime.date(2024, 10, 13), False),
        # 2025 Spring Festival: 28 January-4 February off; Sunday 26 January, Saturday 8 February
        (datetime.date(2025, 1, 26), True),
        (datetime.date(2025, 1, 28), False),
        (datetime.date(2025, 2, 4), False),
        (datetime.date(2025, 2, 8), True),
        # 2023 Dragon Boat Festival (the seed's feedback month): 22-24 June off, Sunday 25 worked
        (datetime.date(2023, 6, 22), False),
        (datetime.date(2023, 6, 23), False),
        (datetime.date(2023, 6, 25), True),
    ],
)
def test_real_arrangements(day: datetime.date, working: bool) -> None:
    assert CALENDAR.is_working_day(day) is working


def test_make_up_days_and_holiday_names() -> None:
    assert CALENDAR.is_make_up_day(datetime.date(2024, 2, 4))
    assert CALENDAR.is_make_up_day(datetime.date(2024, 10, 12))
    assert not CALENDAR.is_make_up_day(datetime.date(2024, 2, 5))  # an ordinary Monday
    assert not CALENDAR.is_make_up_day(datetime.date(2024, 2, 10))  # a Saturday off
    assert CALENDAR.holiday_name(datetime.date(2024, 2, 18)) == "Spring Festival"
    assert CALENDAR.holiday_name(datetime.date(2024, 10, 3)) == "National Day"
    assert CALENDAR.holiday_name(datetime.date(2024, 3, 5)) is None


def test_counting_across_the_spring_festival() -> None:
    start = datetime.date(2024, 2, 7)
    # 8 and 9 February, then the make-up Sunday 18 February
    assert count_from(start, 3, DeadlineUnit.WORKING_DAYS, working_days=CALENDAR) == (
        datetime.date(2024, 2, 18)
    )
    # a weekday count would land a week early
    assert add_working_days(start, 3, WeekdayCalendar()) == datetime.date(2024, 2, 12)
    assert add_working_days(datetime.date(2024, 2, 1), 15, CALENDAR) == datetime.date(2024, 2, 27)


def test_counting_across_national_day() -> None:
    assert add_working_days(datetime.date(2024, 9, 27), 1, CALENDAR) == datetime.date(2024, 9, 29)
    assert add_working_days(datetime.date(2024, 9, 30), 1, CALENDAR) == datetime.date(2024, 10, 8)
    assert add_working_days(datetime.date(2024, 9, 25), 15, CALENDAR) == (
        datetime.date(2024, 10, 21)
    )


# -- uncovered years ----------------------------------------------------------------------------


def test_an_uncovered_year_raises_the_core_error() -> None:
    monday = datetime.date(FIRST - 1, 6, 2)
    assert monday.weekday() == 0  # a weekday guess would say "working"
    with pytest.raises(CalendarNotCoveredError) as raised:
        CALENDAR.is_working_day(monday)
    error = raised.value
    assert isinstance(error, InspectionSchemaError)
    assert (error.calendar_name, error.day, error.covered) == (
        "state-council",
        monday,
        (FIRST, LAST),
    )
    assert f"{FIRST}–{LAST}" in str(error)
    assert "未收录" in str(error)


def test_a_count_running_past_the_last_covered_year_raises() -> None:
    with pytest.raises(CalendarNotCoveredError) as raised:
        add_working_days(datetime.date(LAST, 12, 20), 15, CALENDAR)
    assert raised.value.day.year == LAST + 1


@settings(deadline=None)
@given(UNCOVERED)
def test_every_uncovered_day_raises(day: datetime.date) -> None:
    for method in (CALENDAR.is_working_day, CALENDAR.is_make_up_day, CALENDAR.holiday_name):
        with pytest.raises(CalendarNotCoveredError):
            method(day)


# -- properties over every covered day ---------------------------------------------------------


@settings(deadline=None)
@given(COVERED)
def test_only_holidays_and_make_up_days_differ_from_weekdays(day: datetime.date) -> None:
    working = CALENDAR.is_working_day(day)
    if working != (day.weekday() < 5):
        # a weekday off is a holiday; a weekend day worked is a make-up day: both are named
        assert CALENDAR.holiday_name(day) is not None
        assert CALENDAR.is_make_up_day(day) is working
    assert working is chinese_calendar.is_workday(day)


@settings(deadline=None)
@given(
    st.dates(min_value=datetime.date(FIRST, 1, 1), max_value=datetime.date(LAST, 9, 30)),
    st.integers(min_value=0, max_value=40),
)
def test_a_count_ends_on_its_nth_working_day(start: datetime.date, days: int) -> None:
    end = add_working_days(start, days, CALENDAR)
    between = [
        start + datetime.timedelta(days=offset) for offset in range(1, (end - start).days + 1)
    ]
    assert sum(CALENDAR.is_working_day(day) for day in between) == days
    if days:
        assert CALENDAR.is_working_day(end)
    else:
        assert end == start
