"""The State Council's working-day calendar (国务院办公厅部分节假日安排), for counting deadlines.

"Within 15 working days of feedback" skips the statutory holidays and counts the make-up working
days (调休上班): in 2024, 10 to 17 February were off, and Sunday 4 February and Sunday 18 February
were working days. A weekday count would be wrong by a week around the Spring Festival and
National Day, exactly where deadlines fall due.

The holiday lists come from the ``chinesecalendar`` package (import name ``chinese_calendar``),
which publishes a release each year once the State Council's notice is out. Its 1.11.0 release
covers 2004 to 2026; upgrading the package extends the covered years, and
:meth:`StateCouncilCalendar.covered_years` always reports what the installed release holds. For a
year outside them :meth:`StateCouncilCalendar.is_working_day` raises the core's
:class:`~inspection_schema.deadlines.CalendarNotCoveredError` rather than guess from weekdays.
"""

from __future__ import annotations

import datetime
import importlib.metadata
from collections.abc import Mapping
from functools import cache
from typing import Final, cast

import chinese_calendar  # type: ignore[import-untyped]
from attrs import frozen

from inspection_schema.deadlines import CalendarNotCoveredError, WorkingDayCalendar

DISTRIBUTION: Final = "chinesecalendar"
"""The distribution that carries the holiday lists."""


def _table(name: str) -> Mapping[datetime.date, str]:
    return cast("Mapping[datetime.date, str]", getattr(chinese_calendar.constants, name))


@cache
def _years() -> frozenset[int]:
    """The years the installed package has a holiday list for (read once: it cannot change)."""
    return frozenset(day.year for day in _table("holidays"))


def data_version() -> str:
    """The installed ``chinesecalendar`` release, to say which notices the counts rest on."""
    try:
        return importlib.metadata.version(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - vendored copies
        return str(getattr(chinese_calendar, "__version__", "unknown"))


@frozen(kw_only=True)
class StateCouncilCalendar:
    """工作日历: statutory holidays off, make-up working days on, per the State Council's notices.

    Implements :class:`~inspection_schema.deadlines.WorkingDayCalendar`. Covers the years the
    installed ``chinesecalendar`` release holds (2004–2026 for 1.11.0; upgrade the package for
    later years); any other year raises :class:`CalendarNotCoveredError`.
    """

    name: str = "state-council"

    def covered_years(self) -> tuple[int, int]:
        """The first and last year with an official holiday list in the installed package."""
        years = _years()
        return (min(years), max(years))

    def is_working_day(self, day: datetime.date) -> bool:
        """Whether ``day`` is a working day; raises for a year the package does not cover."""
        self._check_covered(day)
        return bool(chinese_calendar.is_workday(day))

    def is_make_up_day(self, day: datetime.date) -> bool:
        """调休上班: a Saturday or Sunday worked in exchange for a holiday."""
        self._check_covered(day)
        return day.weekday() >= 5 and day in _table("workdays")

    def holiday_name(self, day: datetime.date) -> str | None:
        """The holiday a day off or a make-up working day belongs to (``Spring Festival``...)."""
        self._check_covered(day)
        name = _table("workdays").get(day) or _table("holidays").get(day)
        return str(name) if name is not None else None

    def _check_covered(self, day: datetime.date) -> None:
        if day.year not in _years():
            raise CalendarNotCoveredError(self.name, day, self.covered_years())


STATE_COUNCIL: Final = cast("WorkingDayCalendar", StateCouncilCalendar())
"""The calendar the conventions count on, typed as the core's protocol.

(The cast: the core protocol declares ``name`` a settable attribute, which no frozen class
satisfies for mypy; at run time the calendar is a ``WorkingDayCalendar``, as the tests check.)
"""
