"""Counting deadlines (时限): calendar days, months with a stated end-of-month rule, working days.

Deadlines in inspection work are policy, not arithmetic folklore: "within 2 months of feedback"
needs a rule for 31 January, and "within 15 working days" needs the State Council's holiday and
make-up working-day calendar. The policies themselves live in conventions
(:mod:`inspection_schema.conventions`); this module only counts.
"""

from __future__ import annotations

import calendar
import datetime
import enum
from typing import Protocol, runtime_checkable

from attrs import frozen

from .errors import InspectionSchemaError


class DeadlineUnit(enum.StrEnum):
    """时限单位."""

    DAYS = "days"
    WORKING_DAYS = "working_days"
    MONTHS = "months"


class MonthEndRule(enum.StrEnum):
    """月末规则: what "N months after" means when the target month is shorter.

    ``clamp``: the last day of the target month (31 January + 1 month = 28 or 29 February), as
    article 202 of the Civil Code (民法典) has it for periods counted in months ("没有对应日的,
    月末日为期间的最后一日"), and the common office practice. ``next_day``: the first day of the
    month after (31 January + 1 month = 1 March).

    Article 201 (the first day is not counted) is how every count here starts. Article 203 (a
    period ending on a statutory holiday ends on the day after it) is not applied: the
    regulations set working periods, and a convention that wants it counts in working days.
    """

    CLAMP = "clamp"
    NEXT_DAY = "next_day"


class CalendarNotCoveredError(InspectionSchemaError):
    """A working-day count reached a year the calendar has no official holiday list for."""

    def __init__(self, calendar_name: str, day: datetime.date, covered: tuple[int, int]) -> None:
        self.calendar_name = calendar_name
        self.day = day
        self.covered = covered
        super().__init__(
            f"the working-day calendar {calendar_name!r} has no holiday list for {day.year} "
            f"(it covers {covered[0]}–{covered[1]}); a deadline in working days cannot be "
            f"counted there / 工作日历“{calendar_name}”未收录 {day.year} 年的放假安排"
            f"(收录 {covered[0]}–{covered[1]} 年),无法按工作日计算时限"
        )


@runtime_checkable
class WorkingDayCalendar(Protocol):
    """工作日历: which days are working days (holidays off, make-up working days on).

    ``is_working_day`` raises :class:`CalendarNotCoveredError` for a year the calendar does not
    know: guessing from weekdays would silently move deadlines around the Spring Festival.
    """

    @property
    def name(self) -> str:
        """The calendar's name, as errors and ``plugins`` listings show it."""
        ...

    def is_working_day(self, day: datetime.date) -> bool: ...

    def covered_years(self) -> tuple[int, int]: ...


@frozen(kw_only=True)
class WeekdayCalendar:
    """Monday to Friday, no holidays: for tests and for counting where no holiday list applies."""

    name: str = "weekdays"

    def is_working_day(self, day: datetime.date) -> bool:
        return day.weekday() < 5

    def covered_years(self) -> tuple[int, int]:
        return (datetime.MINYEAR, datetime.MAXYEAR)


def add_days(start: datetime.date, days: int) -> datetime.date:
    """``days`` calendar days after ``start`` (see :func:`add_months` on the calendar's ends)."""
    try:
        return start + datetime.timedelta(days=days)
    except OverflowError:
        return datetime.date.max if days > 0 else datetime.date.min


def add_months(
    start: datetime.date, months: int, rule: MonthEndRule = MonthEndRule.CLAMP
) -> datetime.date:
    """``months`` months after ``start``: the same day of the month, else as ``rule`` says.

    A deadline past 9999-12-31 is held as that day (before 0001-01-01, as that one): no date a
    document can hold lies beyond it, so nothing is judged late against it, and a document
    dated at the calendar's end is read without an error.
    """
    index = start.year * 12 + (start.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    if year > datetime.MAXYEAR:
        return datetime.date.max
    if year < datetime.MINYEAR:
        return datetime.date.min
    last = calendar.monthrange(year, month)[1]
    if start.day <= last:
        return datetime.date(year, month, start.day)
    if rule is MonthEndRule.CLAMP:
        return datetime.date(year, month, last)
    return add_days(datetime.date(year, month, last), 1)


def add_working_days(
    start: datetime.date, days: int, working_days: WorkingDayCalendar
) -> datetime.date:
    """The ``days``-th working day after ``start`` (``start`` itself does not count)."""
    if days < 0:
        raise ValueError("a deadline counts forward: days must not be negative")
    day = start
    counted = 0
    while counted < days:
        if day == datetime.date.max:  # see add_months
            return day
        day += datetime.timedelta(days=1)
        if working_days.is_working_day(day):
            counted += 1
    return day


def count_from(
    start: datetime.date,
    amount: int,
    unit: DeadlineUnit,
    *,
    working_days: WorkingDayCalendar | None = None,
    month_rule: MonthEndRule = MonthEndRule.CLAMP,
) -> datetime.date:
    """The last day of a period of ``amount`` ``unit`` beginning after ``start``."""
    if unit is DeadlineUnit.DAYS:
        return add_days(start, amount)
    if unit is DeadlineUnit.MONTHS:
        return add_months(start, amount, month_rule)
    if working_days is None:
        raise InspectionSchemaError(
            "a deadline in working days needs a working-day calendar; the convention has none "
            "/ 按工作日计算的时限需要工作日历,该规范未提供"
        )
    return add_working_days(start, amount, working_days)
