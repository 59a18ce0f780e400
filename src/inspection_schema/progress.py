"""Rectification progress (整改进展): each entry's 红/黄/蓝 standing and the counters of a notice.

Offices track the ledger by colour and publish its counters in progress notices (整改进展通报):
problems fed back N, completed X, basically completed and ongoing Y, not completed Z, the rate
X/N. Everything here is derived from the ledger's history as of a date (through
:mod:`inspection_schema.lifecycle`), so a notice's numbers can be recomputed for the day it
speaks of and checked (:func:`compare_counters`, :func:`declared_inconsistencies`).
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

import attrs
from attrs import frozen

from .conventions import Convention
from .deadlines import CalendarNotCoveredError
from .display import date_zh
from .errors import InspectionSchemaError
from .lifecycle import DONE_STATUSES, entry_deadline, entry_status
from .lifecycle import entry_responsibility as entry_responsibility  # part of this API too
from .model import (
    DeadlinePurpose,
    DeclaredCounters,
    Document,
    EntryStatus,
    LedgerEntry,
    MechanismAction,
    ProgressReport,
    Rectification,
    RectificationMode,
    Responsibility,
    info,
)

# -- standing -------------------------------------------------------------------------------------


class Standing(enum.StrEnum):
    """红黄蓝 standing (颜色管理) of a ledger entry on a date.

    - ``red`` 红: overdue and not done: the deadline in force (the plan's, or the last approved
      extension's) has passed and the entry is neither completed nor signed off.
    - ``yellow`` 黄: in progress: not done and not overdue (not started yet, 整改中, or 基本完成、
      持续整改 within its deadline, or with no deadline at all).
    - ``blue`` 蓝: reported done (已完成) or signed off (已销号).
    """

    RED = "red"
    YELLOW = "yellow"
    BLUE = "blue"

    @property
    def term(self) -> str:
        """红, 黄 or 蓝."""
        return _TERMS[self][0]

    @property
    def meaning(self) -> str:
        """What the colour says, as a ledger's legend words it."""
        return _TERMS[self][1]


_TERMS: Final[dict[Standing, tuple[str, str]]] = {
    Standing.RED: ("红", "逾期未完成"),
    Standing.YELLOW: ("黄", "整改中"),
    Standing.BLUE: ("蓝", "已完成或已销号"),
}


def convention_due(
    document: Document, rectification: Rectification, convention: Convention | None
) -> datetime.date | None:
    """The due date the convention gives items whose plan sets none: its 集中整改 period.

    Counted from the feedback of the rectification's inspection, in the convention's units
    (working days on its calendar, months by its end-of-month rule). ``None`` when there is no
    convention, no such policy, no feedback in the document, or a calendar that does not cover
    the period (a due date is never guessed).
    """
    if convention is None:
        return None
    feedback = next(
        (
            inspection.feedback.date
            for inspection in document.inspections
            if inspection.id == rectification.inspection and inspection.feedback is not None
        ),
        None,
    )
    if feedback is None:
        return None
    try:
        return convention.due(DeadlinePurpose.CONCENTRATED_RECTIFICATION, feedback)
    except CalendarNotCoveredError:
        return None


def entry_due(
    entry: LedgerEntry,
    responsibility: Responsibility | None,
    as_of: datetime.date,
    *,
    fallback: datetime.date | None = None,
) -> datetime.date | None:
    """整改时限 in force on ``as_of``: the plan's (or an approved extension's), else ``fallback``.

    ``fallback`` (:func:`convention_due`) applies to items that are not 长期坚持: an ongoing item
    without a date of its own has none.
    """
    deadline = entry_deadline(entry, responsibility, as_of)
    if deadline is not None:
        return deadline
    if responsibility is not None and responsibility.mode is RectificationMode.ONGOING:
        return None
    return fallback


def entry_standing(
    entry: LedgerEntry,
    responsibility: Responsibility | None,
    as_of: datetime.date,
    *,
    fallback: datetime.date | None = None,
) -> Standing:
    """The entry's 红/黄/蓝 standing at the end of ``as_of`` (see :class:`Standing`).

    An entry is overdue from the day after its deadline. One without a deadline (a 长期坚持
    item whose plan sets no date) is never red on a date alone; one whose plan sets a stage
    deadline is judged by it whatever its mode, and 基本完成、持续整改 is not done, so such an
    entry past its deadline is red. The Excel ledger colours its status cells with this
    function, so the workbook and the reports agree.
    """
    return _standing(entry_status(entry, as_of), entry, responsibility, as_of, fallback)


def _standing(
    status: EntryStatus,
    entry: LedgerEntry,
    responsibility: Responsibility | None,
    as_of: datetime.date,
    fallback: datetime.date | None,
) -> Standing:
    """:func:`entry_standing` for an entry whose status on ``as_of`` is known already."""
    if status in DONE_STATUSES:
        return Standing.BLUE
    deadline = entry_due(entry, responsibility, as_of, fallback=fallback)
    if deadline is not None and deadline < as_of:
        return Standing.RED
    return Standing.YELLOW


def days_overdue(
    entry: LedgerEntry,
    responsibility: Responsibility | None,
    as_of: datetime.date,
    *,
    fallback: datetime.date | None = None,
) -> int | None:
    """逾期天数: days since the deadline in force, for a red entry; ``None`` otherwise."""
    if entry_standing(entry, responsibility, as_of, fallback=fallback) is not Standing.RED:
        return None
    deadline = entry_due(entry, responsibility, as_of, fallback=fallback)
    assert deadline is not None  # red implies a deadline
    return (as_of - deadline).days


# -- counters -------------------------------------------------------------------------------------


def completion_rate(completed: int, total: int, *, places: int = 2) -> Decimal | None:
    """整改完成率 in per cent, ``completed / total`` rounded half up to ``places`` decimals.

    ``None`` when there is nothing to complete (``total`` 0): a rate of 0 % or 100 % would both
    be claims the ledger does not make. 688 of 697 gives ``Decimal("98.71")``.
    """
    if total <= 0:
        return None
    exponent = Decimal(1).scaleb(-places)
    return (Decimal(completed) * 100 / Decimal(total)).quantize(exponent, rounding=ROUND_HALF_UP)


@frozen(kw_only=True)
class DerivedCounters:
    """台账数据: the counters of a progress notice, derived from the ledger as of a date.

    Each ledger entry counts once, by its status at the end of ``as_of``:

    - ``completed`` 已完成整改: completed (已完成) or signed off (已销号);
    - ``ongoing`` 基本完成并持续整改: basically completed and ongoing (基本完成、持续整改);
    - ``not_completed`` 未完成: everything else (not started, in progress);

    so ``completed + ongoing + not_completed == problems_total``, the number of ledger entries
    (反馈问题数: the ledger has one row per problem). ``signed_off`` (已销号) is the part of
    ``completed`` that is closed; ``overdue`` counts the red entries (:class:`Standing`);
    ``regulations`` (建立完善制度) the long-term mechanisms made or revised, dated on or before
    ``as_of`` (an undated one cannot be placed in time and is not counted; abolitions are not).
    """

    problems_total: int
    completed: int
    ongoing: int
    not_completed: int
    completion_rate: Decimal | None
    signed_off: int
    overdue: int
    regulations: int
    as_of: datetime.date

    def as_dict(self) -> dict[str, object]:
        """JSON-ready: the rate as a string with two decimals (or ``None``), the date ISO."""
        return {
            "as_of": self.as_of.isoformat(),
            "problems_total": self.problems_total,
            "completed": self.completed,
            "ongoing": self.ongoing,
            "not_completed": self.not_completed,
            "completion_rate": None if self.completion_rate is None else str(self.completion_rate),
            "signed_off": self.signed_off,
            "overdue": self.overdue,
            "regulations": self.regulations,
        }


class UnknownRectificationError(InspectionSchemaError):
    """Counters were asked for a rectification the document does not hold."""


def _select(document: Document, rectifications: Sequence[str] | None) -> list[Rectification]:
    if rectifications is None:
        return list(document.rectifications)
    held = {r.id: r for r in document.rectifications}
    missing = [ident for ident in rectifications if ident not in held]
    if missing:
        names = ", ".join(missing)
        raise UnknownRectificationError(
            f"the document has no rectification {names} / 文档中没有整改“{'、'.join(missing)}”"
        )
    return [held[ident] for ident in dict.fromkeys(rectifications)]


def derive_counters(
    document: Document,
    as_of: datetime.date,
    *,
    rectifications: Sequence[str] | None = None,
    convention: Convention | None = None,
) -> DerivedCounters:
    """The counters as of ``as_of`` over every rectification, or over those named by id.

    ``convention`` gives items without a deadline of their own a due date
    (:func:`convention_due`), for the overdue count. Raises :class:`UnknownRectificationError`
    for an id the document does not hold.
    """
    return _sum(
        _counters_of(r, as_of, convention_due(document, r, convention))
        for r in _select(document, rectifications)
    ).with_as_of(as_of)


def counters_by_rectification(
    document: Document, as_of: datetime.date, *, convention: Convention | None = None
) -> tuple[tuple[Rectification, DerivedCounters], ...]:
    """Each rectification (one inspected organisation's ledger) with its own counters."""
    return tuple(
        (r, _counters_of(r, as_of, convention_due(document, r, convention)).with_as_of(as_of))
        for r in document.rectifications
    )


@frozen(kw_only=True)
class _Tally:
    total: int = 0
    completed: int = 0
    ongoing: int = 0
    signed_off: int = 0
    overdue: int = 0
    regulations: int = 0

    def __add__(self, other: _Tally) -> _Tally:
        return _Tally(
            total=self.total + other.total,
            completed=self.completed + other.completed,
            ongoing=self.ongoing + other.ongoing,
            signed_off=self.signed_off + other.signed_off,
            overdue=self.overdue + other.overdue,
            regulations=self.regulations + other.regulations,
        )

    def with_as_of(self, as_of: datetime.date) -> DerivedCounters:
        return DerivedCounters(
            problems_total=self.total,
            completed=self.completed,
            ongoing=self.ongoing,
            not_completed=self.total - self.completed - self.ongoing,
            completion_rate=completion_rate(self.completed, self.total),
            signed_off=self.signed_off,
            overdue=self.overdue,
            regulations=self.regulations,
            as_of=as_of,
        )


def _sum(tallies: Iterable[_Tally]) -> _Tally:
    total = _Tally()
    for tally in tallies:
        total = total + tally
    return total


_REGULATION_ACTIONS: Final = frozenset({MechanismAction.MADE, MechanismAction.REVISED})


def _counters_of(
    rectification: Rectification, as_of: datetime.date, fallback: datetime.date | None = None
) -> _Tally:
    completed = ongoing = signed_off = overdue = 0
    for entry in rectification.entries:
        status = entry_status(entry, as_of)
        if status in DONE_STATUSES:
            completed += 1
            signed_off += int(status is EntryStatus.SIGNED_OFF)
        elif status is EntryStatus.ONGOING:
            ongoing += 1
        responsibility = entry_responsibility(rectification, entry)
        standing = _standing(status, entry, responsibility, as_of, fallback)
        overdue += int(standing is Standing.RED)
    regulations = sum(
        1
        for mechanism in rectification.mechanisms
        if mechanism.action in _REGULATION_ACTIONS
        and mechanism.date is not None
        and mechanism.date <= as_of
    )
    return _Tally(
        total=len(rectification.entries),
        completed=completed,
        ongoing=ongoing,
        signed_off=signed_off,
        overdue=overdue,
        regulations=regulations,
    )


def counters_sentence_zh(counters: DerivedCounters) -> str:
    """The counters as a progress notice words them, in one sentence.

    截至2023年12月31日，反馈问题6个，已完成整改2个，基本完成并持续整改1个，未完成3个，
    整改完成率33.33%；建立完善制度3项。 (Full-width punctuation, as in a published notice; the
    regulations clause only when there are any.)
    """
    head = f"截至{date_zh(counters.as_of)}，"
    if counters.problems_total == 0:
        return f"{head}整改台账中尚无反馈问题。"
    text = (
        f"{head}反馈问题{counters.problems_total}个，已完成整改{counters.completed}个，"
        f"基本完成并持续整改{counters.ongoing}个，未完成{counters.not_completed}个，"
        f"整改完成率{counters.completion_rate}%"
    )
    if counters.regulations:
        text += f"；建立完善制度{counters.regulations}项"
    return text + "。"


# -- declared against derived ---------------------------------------------------------------------

COMPARED_COUNTERS: Final[tuple[str, ...]] = (
    "problems_total",
    "completed",
    "ongoing",
    "not_completed",
    "completion_rate",
    "regulations",
)
"""The :class:`~inspection_schema.model.DeclaredCounters` the ledger can derive.

The others cannot be checked against the ledger, which does not record them: democratic life
meetings, study sessions and Party lectures held, funds returned or recovered, losses retrieved
and persons held accountable come from other records (meeting minutes, the discipline
commission's cases), so a notice's figures for them are taken as declared.
"""

Value = int | Decimal | None


def counter_term(name: str) -> str:
    """The Chinese name of a declared counter (反馈问题数...), from the model's metadata."""
    return info(attrs.fields_dict(DeclaredCounters)[name]).term


@frozen(kw_only=True)
class CounterDifference:
    """A declared counter that disagrees with the one the ledger gives as of the same date."""

    field: str
    """The :class:`~inspection_schema.model.DeclaredCounters` attribute."""
    declared: Value
    derived: Value
    as_of: datetime.date
    message: str
    message_zh: str


@frozen(kw_only=True)
class CounterInconsistency:
    """Declared counters that contradict each other (X + Y + Z ≠ N; the rate is not X / N)."""

    field: str
    """The :class:`~inspection_schema.model.DeclaredCounters` attribute found wrong."""
    declared: Value
    expected: Value
    """What the other declared counters make it."""
    message: str
    message_zh: str


def _places(rate: Decimal) -> int:
    """Decimals a declared rate is stated to, at most two (100% or 98.7% are stated to fewer)."""
    exponent = rate.as_tuple().exponent
    return min(2, max(0, -exponent)) if isinstance(exponent, int) else 2


def _rate_matches(rate: Decimal, completed: int, total: int) -> tuple[bool, Decimal | None]:
    """Whether ``rate`` is ``completed / total`` at the precision it is stated to."""
    if not rate.is_finite():
        return False, completion_rate(completed, total)
    places = _places(rate)
    expected = completion_rate(completed, total, places=places)
    if expected is None:
        return False, None
    stated = rate.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return stated == expected, expected


def compare_counters(
    declared: DeclaredCounters, derived: DerivedCounters
) -> tuple[CounterDifference, ...]:
    """Differences between a notice's counters and the ledger's, for :data:`COMPARED_COUNTERS`.

    A counter the notice leaves out is not compared. The rate is compared at the precision the
    notice states it to (two decimals, or fewer: 98.7 agrees with 98.71).
    """
    found: list[CounterDifference] = []
    when = derived.as_of
    for name in COMPARED_COUNTERS:
        stated: Value = getattr(declared, name)
        if stated is None:
            continue
        actual: Value = getattr(derived, name)
        if name == "completion_rate":
            assert isinstance(stated, Decimal)
            agrees, actual = _rate_matches(stated, derived.completed, derived.problems_total)
        else:
            agrees = stated == actual
        if agrees:
            continue
        shown = "none (the ledger has no entries)" if actual is None else str(actual)
        shown_zh = "无(台账无条目)" if actual is None else str(actual)
        unit = "%" if name == "completion_rate" else ""
        found.append(
            CounterDifference(
                field=name,
                declared=stated,
                derived=actual,
                as_of=when,
                message=(
                    f"declared {name} {stated}{unit}, but the ledger gives {shown}{unit} "
                    f"as of {when.isoformat()}"
                ),
                message_zh=(
                    f"通报{counter_term(name)}为{stated},台账截至{date_zh(when)}为{shown_zh}"
                ),
            )
        )
    return tuple(found)


def declared_inconsistencies(declared: DeclaredCounters) -> tuple[CounterInconsistency, ...]:
    """Where a notice's own counters contradict each other.

    - completed + ongoing + not completed must equal the problems fed back (X + Y + Z = N), when
      all four are stated; when only some parts are, they must not exceed N (field
      ``problems_total``);
    - the completion rate must be completed / problems fed back, to the two decimals notices
      state it to (or at its own precision when stated to fewer; field ``completion_rate``).
    """
    found: list[CounterInconsistency] = []
    total = declared.problems_total
    parts = (declared.completed, declared.ongoing, declared.not_completed)
    stated_parts = [p for p in parts if p is not None]
    if total is not None and stated_parts:
        added = sum(stated_parts)
        if len(stated_parts) == len(parts) and added != total:
            found.append(
                CounterInconsistency(
                    field="problems_total",
                    declared=total,
                    expected=added,
                    message=(
                        f"completed + ongoing + not completed = {parts[0]} + {parts[1]} + "
                        f"{parts[2]} = {added}, not the {total} problems declared"
                    ),
                    message_zh=(
                        f"已完成{parts[0]}+基本完成并持续整改{parts[1]}+未完成{parts[2]}"
                        f"={added},与反馈问题数{total}不符"
                    ),
                )
            )
        elif added > total:
            found.append(
                CounterInconsistency(
                    field="problems_total",
                    declared=total,
                    expected=added,
                    message=f"the stated parts add up to {added}, more than the {total} problems",
                    message_zh=f"所列各项合计{added},超过反馈问题数{total}",
                )
            )
    rate, completed = declared.completion_rate, declared.completed
    if rate is not None and completed is not None and total is not None:
        agrees, expected = _rate_matches(rate, completed, total)
        if not agrees:
            computed = "undefined" if expected is None else f"{expected}%"
            computed_zh = "无法计算" if expected is None else f"{expected}%"
            found.append(
                CounterInconsistency(
                    field="completion_rate",
                    declared=rate,
                    expected=expected,
                    message=(f"completion rate {rate}% is not {completed} / {total} = {computed}"),
                    message_zh=f"整改完成率{rate}%与{completed}/{total}={computed_zh}不符",
                )
            )
    return tuple(found)


@frozen(kw_only=True)
class ProgressReportCheck:
    """A progress notice checked: with itself, and with the ledger as of the notice's date."""

    report: ProgressReport
    derived: DerivedCounters | None
    """The ledger's counters as of ``report.as_of``; ``None`` when the ledger the notice reports
    on is not in this document (it names rectifications kept elsewhere, or the document holds
    no rectification at all), so that only the notice's own consistency could be checked."""
    differences: tuple[CounterDifference, ...] = ()
    inconsistencies: tuple[CounterInconsistency, ...] = ()

    @property
    def consistent(self) -> bool:
        """True when no check found anything (the ledger comparison may not have been made)."""
        return not self.differences and not self.inconsistencies


def check_progress_report(document: Document, report: ProgressReport) -> ProgressReportCheck:
    """Check one 整改进展通报 as of its own ``as_of`` date, over the rectifications it names
    (all of the document's when it names none).

    A notice whose ledger the document does not hold is checked for consistency only
    (``derived`` is ``None``); a held ledger with no entries is compared, and disagrees.
    """
    inconsistencies = declared_inconsistencies(report.counters)
    held = {rectification.id for rectification in document.rectifications}
    named = report.rectifications
    if not held or not set(named) <= held:
        return ProgressReportCheck(report=report, derived=None, inconsistencies=inconsistencies)
    derived = derive_counters(document, report.as_of, rectifications=named or None)
    return ProgressReportCheck(
        report=report,
        derived=derived,
        differences=compare_counters(report.counters, derived),
        inconsistencies=inconsistencies,
    )


def check_progress_reports(document: Document) -> tuple[ProgressReportCheck, ...]:
    """Every progress notice of the document, checked (:func:`check_progress_report`)."""
    return tuple(check_progress_report(document, report) for report in document.progress_reports)
