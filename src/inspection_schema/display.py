"""A readable Chinese account of a document, for office staff at the command line."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable

from .lifecycle import entry_status
from .model import (
    CodeScheme,
    Document,
    EntryStatus,
    Inspection,
    Meeting,
    Problem,
    Rectification,
)

_NUMERALS = "〇一二三四五六七八九十"


def date_zh(day: datetime.date) -> str:
    """GB/T 9704 display form: 2023年6月9日."""
    return f"{day.year}年{day.month}月{day.day}日"


def ordinal_zh(number: int) -> str:
    """一, 二, ... 九十九 (heading numerals of GB/T 9704)."""
    if number <= 10:
        return _NUMERALS[number]
    tens, units = divmod(number, 10)
    head = "" if tens == 1 else _NUMERALS[tens]
    return f"{head}十{_NUMERALS[units] if units else ''}"


class _Index:
    """Names of things referred to by id, for display only."""

    def __init__(self, document: Document) -> None:
        self.names: dict[str, str] = {}
        for org in document.organisations:
            self.names[org.id] = org.name
        for party in document.party_organisations:
            self.names[party.id] = party.name
        for person in document.people:
            self.names[person.id] = person.name
        if document.round is not None:
            for group in document.round.groups:
                self.names[group.id] = group.name
        for ref in document.external:
            self.names.setdefault(ref.id, ref.label or ref.id)
        self.schemes: dict[str, CodeScheme] = {s.id: s for s in document.code_schemes}
        self.problems: dict[str, Problem] = {
            p.id: p
            for inspection in document.inspections
            if inspection.feedback is not None
            for p in inspection.feedback.problems
        }

    def name(self, ref: str | None) -> str:
        return "" if ref is None else self.names.get(ref, ref)

    def category(self, problem: Problem) -> str:
        if problem.category is None:
            return "未分类"
        scheme = self.schemes.get(problem.category.scheme)
        if scheme is None:
            return problem.category.code
        for code in scheme.codes:
            if code.code == problem.category.code:
                return code.label
        return problem.category.code


def summary_zh(document: Document, as_of: datetime.date) -> str:
    """The round, each inspection's feedback and problems, and the ledger's progress."""
    index = _Index(document)
    lines: list[str] = [f"【{document.kind.term}】{document.title or document.id}"]
    lines.append(
        f"制发:{index.name(document.issuer)},{date_zh(document.issued_at.date())};"
        f"知悉范围:{document.classification.term}"
    )
    round_ = document.round
    if round_ is not None:
        parts = [round_.term or "", round_.name or f"{round_.year}年{round_.level.term}"]
        lines.append("")
        lines.append(f"巡察轮次:{''.join(parts)}(派出:{index.name(round_.dispatched_by)})")
        if round_.types:
            lines.append("类型:" + "、".join(t.term for t in sorted(round_.types)))
        if round_.leading_group is not None:
            members = "、".join(
                f"{index.name(m.person)}({m.role.term})" for m in round_.leading_group.members
            )
            lines.append(f"{index.name(round_.leading_group.organisation)}:{members}")
        for meeting in round_.meetings:
            lines.append(_meeting_line(meeting, index))
        for group in round_.groups:
            members = "、".join(f"{index.name(m.person)}({m.role.term})" for m in group.members)
            lines.append(f"{group.name}:{members}" if members else group.name)
    for inspection in document.inspections:
        lines.extend(_inspection_lines(inspection, index))
    for rectification in document.rectifications:
        lines.extend(_ledger_lines(rectification, index, as_of))
    return "\n".join(lines) + "\n"


def _inspection_lines(inspection: Inspection, index: _Index) -> list[str]:
    lines = ["", f"被巡察党组织:{index.name(inspection.organisation)}"]
    if inspection.group is not None:
        lines.append(f"巡察组:{index.name(inspection.group)}")
    if inspection.stationing is not None:
        end = inspection.stationing.end
        span = date_zh(inspection.stationing.start) + (f"至{date_zh(end)}" if end else "起")
        lines.append(f"进驻时间:{span}")
    if inspection.methods:
        lines.append(
            "巡察方式:"
            + "、".join(_method(m.method.term, m.count, m.unit) for m in inspection.methods)
        )
    feedback = inspection.feedback
    if feedback is None:
        return lines
    lines.append(f"反馈日期:{date_zh(feedback.date)}")
    lines.extend(_meeting_line(meeting, index) for meeting in feedback.meetings)
    partial = "" if feedback.problems_exhaustive else "(通报所列,并非全部)"
    lines.append(f"反馈问题 {len(feedback.problems)} 个{partial}:")
    for problem in feedback.problems:
        lines.append(f"  {_problem_heading(problem, index)}{problem.text}")
    for transfer in feedback.clue_transfers:
        receivers = "、".join(_unique(index.name(r) for r in transfer.recipients))
        counts = (
            f"({transfer.cases or '?'}件{transfer.persons or '?'}人)"
            if transfer.cases is not None or transfer.persons is not None
            else ""
        )
        lines.append(f"问题线索{counts}:{transfer.wording or f'已移交{receivers}处理'}")
    if feedback.opinions:
        lines.append(f"整改意见 {len(feedback.opinions)} 条:")
        for opinion in sorted(feedback.opinions, key=lambda o: o.number):
            text = opinion.text
            if not text.startswith(ordinal_zh(opinion.number)):
                text = f"{ordinal_zh(opinion.number)}、{text}"
            lines.append(f"  {_shorten(text, 60)}")
    for response in feedback.responses:
        lines.append(f"表态:{index.name(response.by)}——{_shorten(response.text, 60)}")
    return lines


def _ledger_lines(rectification: Rectification, index: _Index, as_of: datetime.date) -> list[str]:
    # The same standing the reports and the Excel ledger judge by (progress imports this module).
    from .progress import Standing, entry_due, entry_responsibility, entry_standing

    counts: Counter[EntryStatus] = Counter()
    overdue: list[str] = []
    for entry in rectification.entries:
        counts[entry_status(entry, as_of)] += 1
        responsibility = entry_responsibility(rectification, entry)
        if entry_standing(entry, responsibility, as_of) is Standing.RED:
            deadline = entry_due(entry, responsibility, as_of)
            assert deadline is not None  # red implies a deadline
            problem = index.problems.get(entry.problem)
            text = problem.text if problem is not None else index.name(entry.problem)
            overdue.append(f"  {entry.number}. {_shorten(text, 40)}(时限 {date_zh(deadline)})")
    total = len(rectification.entries)
    done = counts[EntryStatus.COMPLETED] + counts[EntryStatus.SIGNED_OFF]
    rate = f"{done * 100 / total:.2f}%" if total else "—"
    marker = "(示例数据)" if rectification.illustrative else ""
    lines = [
        "",
        f"整改台账{marker}:截至{date_zh(as_of)},共 {total} 项",
        "  "
        + ",".join(
            f"{status.term} {counts[status]} 项" for status in EntryStatus if counts[status]
        ),
        f"  完成率 {rate};逾期未完成 {len(overdue)} 项",
    ]
    if overdue:
        lines.append("逾期事项:")
        lines.extend(overdue)
    return lines


def _meeting_line(meeting: Meeting, index: _Index) -> str:
    parts = [f"  {meeting.kind.term}"]
    if meeting.date is not None:
        parts.append(date_zh(meeting.date))
    if meeting.organisation_count is not None:
        parts.append(f"涉及{meeting.organisation_count}家单位")
    if meeting.presided_by is not None:
        parts.append(f"{index.name(meeting.presided_by)}主持")
    speakers = _unique(f"{index.name(s.speaker)}{s.kind.term}" for s in meeting.speeches)
    if speakers:
        parts.append("、".join(speakers))
    return " ".join((parts[0], ",".join(parts[1:]))).rstrip()


def _problem_heading(problem: Problem, index: _Index) -> str:
    number = f"{problem.number}. " if problem.number is not None else "· "
    return f"{number}[{index.category(problem)}] "


def _method(term: str, count: int | None, unit: str | None) -> str:
    return term if count is None else f"{term}{count}{unit or ''}"


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
