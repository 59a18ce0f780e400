"""``inspection-schema summary``: the ledger's counters as a notice states them, and the notices
checked against the ledger.

The text is for office staff at a terminal (a sentence, a table whose columns line up with
Chinese characters two columns wide); the JSON is for scripts and keeps the same keys in the
same order from run to run.
"""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import attrs
from attrs import frozen

from ..conventions import Convention
from ..display import date_zh
from ..model import DeclaredCounters, Document
from ..progress import (
    DerivedCounters,
    ProgressReportCheck,
    check_progress_reports,
    counters_by_rectification,
    counters_sentence_zh,
    derive_counters,
)
from .content import counter_text, organisation_names


@frozen(kw_only=True)
class Summary:
    """What ``summary`` reports: totals, one row per rectification, the notices checked."""

    as_of: datetime.date
    totals: DerivedCounters
    rows: tuple[tuple[str, str, DerivedCounters], ...]
    """(rectification id, inspected organisation, counters) each."""
    checks: tuple[ProgressReportCheck, ...]

    @property
    def consistent(self) -> bool:
        """True when every progress notice agrees with itself and with the ledger."""
        return all(check.consistent for check in self.checks)


def summarise(
    document: Document, as_of: datetime.date, *, convention: Convention | None = None
) -> Summary:
    """The document's counters as of ``as_of``, and its notices each checked as of its date.

    ``convention`` gives items without a deadline of their own a due date, for the overdue count.
    """
    names = organisation_names(document)
    return Summary(
        as_of=as_of,
        totals=derive_counters(document, as_of, convention=convention),
        rows=tuple(
            (rectification.id, names[rectification.id], counters)
            for rectification, counters in counters_by_rectification(
                document, as_of, convention=convention
            )
        ),
        checks=check_progress_reports(document),
    )


_COLUMNS: tuple[tuple[str, str], ...] = (
    ("problems_total", "反馈问题"),
    ("completed", "已完成"),
    ("ongoing", "持续整改"),
    ("not_completed", "未完成"),
    ("completion_rate", "完成率"),
    ("signed_off", "已销号"),
    ("overdue", "逾期"),
    ("regulations", "制度"),
)


def _width(text: str) -> int:
    """Terminal columns: two for a wide (Chinese) character."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int, *, right: bool) -> str:
    gap = " " * max(0, width - _width(text))
    return gap + text if right else text + gap


def table_text(rows: Sequence[tuple[str, DerivedCounters]]) -> str:
    """An aligned table: the organisation, then one right-aligned column per counter."""
    header = ["被巡察党组织", *(label for _, label in _COLUMNS)]
    body = [[name, *(counter_text(c, key) for key, _ in _COLUMNS)] for name, c in rows]
    widths = [max(_width(row[i]) for row in (header, *body)) for i in range(len(header))]
    lines = []
    for row in (header, *body):
        cells = [_pad(row[0], widths[0], right=False)]
        cells += [_pad(cell, widths[i], right=True) for i, cell in enumerate(row[1:], start=1)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def summary_text(summary: Summary) -> str:
    """The sentence, the table with a 合计 row, then each notice checked."""
    rows = [(name, counters) for _, name, counters in summary.rows]
    rows.append(("合计", summary.totals))
    lines = [counters_sentence_zh(summary.totals), "", table_text(rows), ""]
    if not summary.checks:
        lines.append("进展通报核对:文档中没有整改进展通报 (no progress notices to check)")
    else:
        lines.append("进展通报核对 (declared counters against the ledger):")
    for check in summary.checks:
        report = check.report
        head = f"{report.title or report.id} 截至{date_zh(report.as_of)}"
        if check.derived is None and check.consistent:
            lines.append(
                f"  {head}:通报数据自洽;所通报的台账不在本文档中,未与台账核对 "
                "(consistent; its ledger is not in this document)"
            )
            continue
        if check.consistent:
            lines.append(f"  {head}:与台账一致 (consistent)")
            continue
        found = len(check.differences) + len(check.inconsistencies)
        lines.append(f"  {head}:发现 {found} 处问题 ({found} found)")
        for difference in check.differences:
            lines.append(f"    {difference.field}: {difference.message} / {difference.message_zh}")
        for inconsistency in check.inconsistencies:
            lines.append(
                f"    {inconsistency.field}: {inconsistency.message} / {inconsistency.message_zh}"
            )
    return "\n".join(lines) + "\n"


def _plain(value: object) -> Any:
    """A JSON-ready value: decimals as their exact text, dates ISO."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _declared(counters: DeclaredCounters) -> dict[str, Any]:
    return {
        name: _plain(value)
        for name, value in attrs.asdict(counters, recurse=False).items()
        if value is not None
    }


def summary_json(summary: Summary) -> dict[str, Any]:
    """The summary as a JSON object whose keys and their order do not change between runs.

    Counts are numbers; rates and amounts are strings holding the exact decimal ("33.33"), as
    in the document format; dates are ISO 8601.
    """
    return {
        "as_of": summary.as_of.isoformat(),
        "sentence": counters_sentence_zh(summary.totals),
        "totals": summary.totals.as_dict(),
        "rectifications": [
            {"id": ident, "organisation": name, "counters": counters.as_dict()}
            for ident, name, counters in summary.rows
        ],
        "progress_reports": [
            {
                "id": check.report.id,
                "title": check.report.title,
                "as_of": check.report.as_of.isoformat(),
                "rectifications": list(check.report.rectifications),
                "declared": _declared(check.report.counters),
                "derived": None if check.derived is None else check.derived.as_dict(),
                "differences": [
                    {
                        "field": d.field,
                        "declared": _plain(d.declared),
                        "derived": _plain(d.derived),
                        "message": d.message,
                        "message_zh": d.message_zh,
                    }
                    for d in check.differences
                ],
                "inconsistencies": [
                    {
                        "field": i.field,
                        "declared": _plain(i.declared),
                        "expected": _plain(i.expected),
                        "message": i.message,
                        "message_zh": i.message_zh,
                    }
                    for i in check.inconsistencies
                ],
                "consistent": check.consistent,
            }
            for check in summary.checks
        ],
        "consistent": summary.consistent,
    }
