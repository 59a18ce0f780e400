"""How offices write a ledger: headings and their synonyms, status words, modes and dates.

Everything here is pure text handling; nothing knows about workbooks. A word or a date that
cannot be read raises :class:`CellProblem`, which the reader turns into an issue placed at the
cell (``台账!I7``).
"""

from __future__ import annotations

import calendar
import datetime
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Final

from attrs import frozen

from inspection_schema.model import EntryStatus, RectificationMode

COLUMNS_NAMESPACE: Final = "urn:inspection-schema:xlsx:columns"
"""Extension namespace of the columns the reader does not know: heading → cell text."""

VERBATIM_NAMESPACE: Final = "urn:inspection-schema:xlsx:verbatim"
"""Extension namespace of an office's own wording of known columns.

``{column key: {"text": what the office wrote, "for": what the model gives for the cell}}``:
the writer shows ``text`` while the model still gives ``for``, and the model's value once the
record has moved on. Values the model cannot hold (a responsibility without a leader) are kept
here too, standing for an empty cell.
"""


class CellProblem(Exception):
    """A cell's content cannot be read; the reader adds the cell's place."""

    def __init__(self, code: str, message: str, message_zh: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.message_zh = message_zh


# -- headings -----------------------------------------------------------------------------------

HEADING_SYNONYMS: Final[Mapping[str, tuple[str, ...]]] = {
    "number": ("序号", "编号", "序"),
    "category": ("问题类别", "问题类型", "问题分类", "问题方面", "类别", "问题归类"),
    "problem": (
        "具体问题",
        "反馈问题",
        "问题表现",
        "问题内容",
        "存在问题",
        "问题描述",
        "巡察反馈问题",
        "巡视反馈问题",
        "主要问题",
        "问题清单",
        "问题",
    ),
    "target": ("整改目标", "目标", "整改目标任务"),
    "measures": ("整改措施", "具体措施", "整改举措", "措施", "主要措施"),
    "leader": ("责任领导", "分管领导", "牵头领导", "分管责任领导", "责任校领导"),
    "lead_department": (
        "责任部门",
        "牵头部门",
        "牵头股室",
        "牵头科室",
        "责任股室",
        "责任科室",
        "责任单位",
        "牵头单位",
        "责任处室",
        "牵头处室",
    ),
    "cooperating_departments": (
        "配合部门",
        "配合单位",
        "配合股室",
        "配合科室",
        "配合处室",
        "协办部门",
        "协办单位",
    ),
    "persons": ("责任人", "具体责任人", "直接责任人", "整改责任人"),
    "deadline": ("整改时限", "完成时限", "完成时间", "整改期限", "时限", "整改时间", "时间节点"),
    "mode": ("整改方式", "整改类型", "整改形式"),
    "progress": (
        "整改进展",
        "完成情况",
        "整改情况",
        "进展情况",
        "整改进度",
        "整改落实情况",
        "整改完成情况",
        "落实情况",
    ),
    "status": ("整改状态", "完成状态", "状态", "整改结果"),
    "sign_off": ("销号情况", "是否销号", "销号", "销号情况及时间"),
    "evidence": ("佐证材料", "佐证资料", "证明材料", "支撑材料", "佐证材料目录"),
    "remarks": ("备注", "说明"),
}
"""Headings offices give each column (the consensus one first); matched after
:func:`normalise_heading`."""

HISTORY_COLUMNS: Final[tuple[tuple[str, str], ...]] = (
    ("entry", "台账序号"),
    ("date", "日期"),
    ("kind", "记录类型"),
    ("by", "经办人"),
    ("text", "内容"),
    ("status", "整改状态"),
    ("result", "结论"),
    ("deadline", "时限"),
    ("evidence", "佐证材料"),
)
"""The history sheet's columns: one row per event of an entry's history."""

HISTORY_SYNONYMS: Final[Mapping[str, tuple[str, ...]]] = {
    "entry": ("台账序号", "序号", "问题序号"),
    "date": ("日期", "记录日期", "时间"),
    "kind": ("记录类型", "类型", "事项"),
    "by": ("经办人", "记录人", "变更人", "申请人", "审批人", "验收人"),
    "text": ("内容", "情况", "说明"),
    "status": ("整改状态", "状态"),
    "result": ("结论", "意见结论"),
    "deadline": ("时限", "延期时限", "申请延至", "批准时限"),
    "evidence": ("佐证材料", "佐证资料"),
}

_SPACE: Final = re.compile(r"\s+")
_MARKS: Final = re.compile(r"[*＊※]")
_TRAILING_NOTE: Final = re.compile(r"\([^()]*\)$")


def normalise_heading(text: str) -> str:
    """A heading as compared: NFKC, no spaces or line breaks, no ``*`` marks, no end colon."""
    folded = unicodedata.normalize("NFKC", text)
    folded = _MARKS.sub("", _SPACE.sub("", folded))
    return folded.rstrip(":")


def heading_index(
    synonyms: Mapping[str, Iterable[str]], extra: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Normalised heading → key, from ``synonyms`` and ``extra`` (heading → key, first wins)."""
    index: dict[str, str] = {}
    for heading, key in (extra or {}).items():
        index.setdefault(normalise_heading(heading), key)
    for key, headings in synonyms.items():
        for heading in headings:
            index.setdefault(normalise_heading(heading), key)
    return index


def match_heading(text: str, index: Mapping[str, str]) -> str | None:
    """The key of a heading: exact after normalising, else without a trailing ``(…)`` note."""
    normal = normalise_heading(text)
    if not normal:
        return None
    key = index.get(normal)
    if key is None and _TRAILING_NOTE.search(normal):
        key = index.get(_TRAILING_NOTE.sub("", normal))
    return key


# -- dates -------------------------------------------------------------------------------------

_DATE_TEXT: Final = re.compile(
    r"(?P<y1>\d{4})\s*年\s*(?P<m1>\d{1,2})\s*月\s*(?P<d1>\d{1,2})\s*[日号]?"
    r"|(?P<y2>\d{4})\s*[./\-]\s*(?P<m2>\d{1,2})\s*[./\-]\s*(?P<d2>\d{1,2})(?!\d)"
    r"|(?<!\d)(?P<y3>\d{4})(?P<m3>\d{2})(?P<d3>\d{2})(?!\d)"
    r"|(?P<y4>\d{4})\s*年\s*(?P<m4>\d{1,2})\s*月\s*(?:份)?\s*(?:底|末)?"
    r"|(?P<y5>\d{4})\s*年\s*(?:年)?(?:底|末)"
)
"""Dates as offices type them: 2023年9月30日, 2023.9.30, 2023/9/30, 2023-09-30, 20230930;
2023年9月(底) for the last day of a month, 2023年底 for 31 December."""

_DATE_FILLER: Final = re.compile(
    r"[\s,，。.;；:：、()（）\[\]【】]|之前|以前|前|止|以内|内|完成|底"
)


def _found_date(match: re.Match[str]) -> datetime.date:
    groups = match.groupdict()
    try:
        for n in ("1", "2", "3"):
            if groups[f"y{n}"] is not None:
                return datetime.date(
                    int(groups[f"y{n}"]), int(groups[f"m{n}"]), int(groups[f"d{n}"])
                )
        if groups["y4"] is not None:
            year, month = int(groups["y4"]), int(groups["m4"])
            return datetime.date(year, month, calendar.monthrange(year, month)[1])
        return datetime.date(int(groups["y5"]), 12, 31)
    except (ValueError, calendar.IllegalMonthError):
        raise CellProblem(
            "XL201",
            f"{match.group(0)!r} is not a date of the calendar",
            f"“{match.group(0)}”不是有效日期",
        ) from None


def find_dates(text: str) -> tuple[list[datetime.date], str]:
    """The dates written in ``text`` and what is left of it once they are taken out."""
    folded = unicodedata.normalize("NFKC", text)
    dates = [_found_date(match) for match in _DATE_TEXT.finditer(folded)]
    return dates, _DATE_TEXT.sub(" ", folded)


def parse_date_text(text: str) -> datetime.date:
    """One date written as text, with nothing else but fillers such as 前, 之前, 底."""
    dates, rest = find_dates(text)
    if len(dates) != 1 or _DATE_FILLER.sub("", rest):
        raise CellProblem(
            "XL201",
            f"cannot read {text!r} as a date (write 2023年9月30日, 2023.9.30, 2023/9/30 or "
            "2023-09-30)",
            f"无法将“{text}”读作日期(可写作 2023年9月30日、2023.9.30、2023/9/30 或 2023-09-30)",
        )
    return dates[0]


def date_zh(day: datetime.date) -> str:
    """GB/T 9704 display form: 2023年6月9日."""
    return f"{day.year}年{day.month}月{day.day}日"


# -- modes and deadlines -------------------------------------------------------------------------

MODE_WORDS: Final[tuple[tuple[str, RectificationMode], ...]] = (
    ("立行立改", RectificationMode.IMMEDIATE),
    ("即知即改", RectificationMode.IMMEDIATE),
    ("立即整改", RectificationMode.IMMEDIATE),
    ("限期整改", RectificationMode.TIME_BOUND),
    ("限期完成", RectificationMode.TIME_BOUND),
    ("长期坚持", RectificationMode.ONGOING),
    ("持续整改", RectificationMode.ONGOING),
    ("持续推进", RectificationMode.ONGOING),
    ("长期整改", RectificationMode.ONGOING),
    ("常态化", RectificationMode.ONGOING),
    ("长期", RectificationMode.ONGOING),
)
"""Mode words, longest first within each mode; 长期坚持 / 持续整改 are the ongoing mode."""


def parse_mode(text: str) -> RectificationMode:
    """整改方式 from a mode cell: its term or one of :data:`MODE_WORDS`."""
    normal = normalise_heading(text)
    for mode in RectificationMode:
        if normal == mode.term:
            return mode
    for word, mode in MODE_WORDS:
        if normal == word:
            return mode
    raise CellProblem(
        "XL202",
        f"{text!r} is not a rectification mode (立行立改, 限期整改, 长期坚持)",
        f"“{text}”不是整改方式(立行立改、限期整改、长期坚持)",
    )


@frozen
class Deadline:
    """What a 整改时限 cell says: a date, a mode, or both."""

    date: datetime.date | None
    mode: RectificationMode | None


def parse_deadline_text(text: str) -> Deadline:
    """整改时限 written as text: a date, mode words (长期坚持 → ongoing), or both.

    A cell naming both 立行立改 and 长期坚持 is ongoing: the item is fixed at once and then
    never closed. Anything else left over makes the cell unreadable.
    """
    dates, rest = find_dates(text)
    modes: set[RectificationMode] = set()
    for word, named in MODE_WORDS:
        if word in rest:
            modes.add(named)
            rest = rest.replace(word, " ")
    leftover = re.sub(r"并|且|和|及|与|要", "", _DATE_FILLER.sub("", rest))
    if len(dates) > 1 or leftover or (not dates and not modes):
        raise CellProblem(
            "XL203",
            f"cannot read {text!r} as a deadline (a date such as 2023年9月30日, or 长期坚持, "
            "立行立改)",
            f"无法将“{text}”读作整改时限(应为日期如 2023年9月30日,或长期坚持、立行立改)",
        )
    mode: RectificationMode | None = None
    if RectificationMode.ONGOING in modes:
        mode = RectificationMode.ONGOING
    elif modes:
        mode = min(modes, key=list(RectificationMode).index)
    return Deadline(date=dates[0] if dates else None, mode=mode)


# -- status and sign-off words -------------------------------------------------------------------

STATUS_WORDS: Final[Mapping[EntryStatus, tuple[str, ...]]] = {
    EntryStatus.SIGNED_OFF: (
        "已销号",
        "已整改销号",
        "已完成销号",
        "完成销号",
        "整改销号",
        "销号",
    ),
    EntryStatus.COMPLETED: (
        "已完成",
        "完成",
        "已整改",
        "已整改完成",
        "整改完成",
        "已完成整改",
        "已办结",
        "办结",
        "已整改到位",
        "整改到位",
    ),
    EntryStatus.ONGOING: (
        "基本完成持续整改",
        "基本完成",
        "基本完成并持续整改",
        "取得阶段性成果并持续整改",
        "取得阶段性成效并持续整改",
        "取得阶段性成果持续整改",
        "阶段性完成",
        "持续整改",
        "长期坚持",
        "长期坚持持续整改",
        "持续推进",
    ),
    EntryStatus.IN_PROGRESS: (
        "整改中",
        "正在整改",
        "推进中",
        "正在推进",
        "进行中",
        "未完成",
        "尚未完成",
        "逾期未完成",
        "超期未完成",
        "部分完成",
    ),
    EntryStatus.NOT_STARTED: ("未启动", "未开始", "尚未启动", "未整改"),
}
"""Status words in real use, by the status each states (after :func:`_core_words`)."""

EXTENSION_WORDS: Final = ("申请延期", "申请延期整改", "已申请延期", "延期整改")
"""Words stating an extension request (申请延期); with a date, the date asked for."""

_STATUS_FILLER: Final = re.compile(r"[\s,，。.;；:：、()（）\[\]【】/]|于|在|至|到")


def _core_words(text: str) -> str:
    return _STATUS_FILLER.sub("", text)


@frozen
class StatusStatement:
    """What a 整改状态 cell states: a status, or an extension request; the dates written."""

    status: EntryStatus
    extension: bool
    date: datetime.date | None


def parse_status(text: str) -> StatusStatement:
    """整改状态 from a status word, with a date when the cell gives one.

    ``已完成(2023年8月10日)`` is completed on that date; ``申请延期至2024年3月31日`` is an
    extension request for that date. An unknown word raises: the reader never guesses a status.
    """
    dates, rest = find_dates(text)
    core = _core_words(rest)
    for status in EntryStatus:
        if core == _core_words(status.term):
            return StatusStatement(status, False, dates[0] if len(dates) == 1 else None)
    if len(dates) <= 1:
        for status, words in STATUS_WORDS.items():
            if core in words:
                return StatusStatement(status, False, dates[0] if dates else None)
        if core in EXTENSION_WORDS:
            return StatusStatement(EntryStatus.IN_PROGRESS, True, dates[0] if dates else None)
    raise CellProblem(
        "XL204",
        f"{text!r} is not a status word (已完成, 已销号, 基本完成, 整改中, 未完成, 申请延期…)",
        f"“{text}”不是可识别的整改状态(已完成、已整改销号、基本完成、整改中、未完成、申请延期等)",
    )


_SIGNED: Final = ("已销号", "已整改销号", "销号", "已完成销号", "是", "√", "✓", "已")
_NOT_SIGNED: Final = ("未销号", "否", "×", "✗", "未", "暂未销号", "尚未销号")


@frozen
class SignOffStatement:
    """What a 销号情况 cell states."""

    signed_off: bool
    date: datetime.date | None


def parse_sign_off(text: str) -> SignOffStatement:
    """销号情况: 已销号 (with its date when given), 未销号, 是/否."""
    dates, rest = find_dates(text)
    core = _core_words(rest)
    if len(dates) <= 1:
        if core in _SIGNED or (not core and dates):
            return SignOffStatement(True, dates[0] if dates else None)
        if core in _NOT_SIGNED:
            return SignOffStatement(False, None)
    raise CellProblem(
        "XL205",
        f"{text!r} does not say whether the item is signed off (已销号, 未销号)",
        f"“{text}”未说明是否销号(应为已销号或未销号)",
    )


# -- yes and no ------------------------------------------------------------------------------

YES_WORDS: Final = ("是", "同意", "通过", "√", "✓", "TRUE", "true", "True", "Y", "y")
NO_WORDS: Final = ("否", "不同意", "不通过", "未通过", "×", "✗", "FALSE", "false", "False", "N")


def parse_yes_no(text: str) -> bool:
    """是/否 (同意/不同意, 通过/不通过)."""
    normal = normalise_heading(text)
    if normal in YES_WORDS:
        return True
    if normal in NO_WORDS:
        return False
    raise CellProblem(
        "XL206",
        f"{text!r} is neither yes nor no (是/否, 同意/不同意, 通过/不通过)",
        f"“{text}”应为是或否(同意/不同意、通过/不通过)",
    )


# -- lists -------------------------------------------------------------------------------------

_NAME_SEPARATORS: Final = re.compile(r"[、,，;；/\n]+")


def split_names(text: str) -> list[str]:
    """Names listed in one cell: separated by 、 , ; / or line breaks (never by spaces, which
    offices put inside two-character names to align them)."""
    return [part.strip() for part in _NAME_SEPARATORS.split(text) if part.strip()]


def join_names(names: Iterable[str]) -> str:
    return "、".join(names)


_NUMBERED: Final = re.compile(
    r"^\s*(?:\d{1,3}\s*[.．、)）]|[(（]\s*\d{1,3}\s*[)）]|[①-⑳]"
    r"|[一二三四五六七八九十]{1,3}\s*[、.．])[ \t\u3000]*"
)


def split_measures(text: str) -> list[str]:
    """整改措施 in one cell: one per numbered line (1. 1、 (1) ① 一、), else the whole text."""
    lines = text.split("\n")
    if not _NUMBERED.match(lines[0]):
        return [text]
    measures: list[str] = []
    for line in lines:
        match = _NUMBERED.match(line)
        if match is not None:
            measures.append(line[match.end() :])
        else:
            measures[-1] += "\n" + line
    return measures


def join_measures(measures: list[str]) -> str:
    """One measure as it is; several numbered ``1.`` ``2.`` on their own lines."""
    if len(measures) == 1:
        return measures[0]
    return "\n".join(f"{number}.{text}" for number, text in enumerate(measures, 1))


_DATED_LINE: Final = re.compile(r"^\s*(?P<date>[^:：\n]{6,16}?)\s*[:：]")


def split_progress(text: str) -> list[tuple[datetime.date | None, str]]:
    """整改进展 as notes: lines starting ``2023年7月20日:`` begin a dated note each (lines
    without a date continue the one before); otherwise the whole text is one undated note."""
    notes: list[tuple[datetime.date | None, str]] = []
    for line in text.split("\n"):
        match = _DATED_LINE.match(line)
        day: datetime.date | None = None
        if match is not None:
            try:
                day = parse_date_text(match.group("date"))
            except CellProblem:
                day = None
        if day is not None and match is not None:
            notes.append((day, line[match.end() :]))
        elif notes and notes[0][0] is not None:
            previous_day, previous = notes[-1]
            notes[-1] = (previous_day, previous + "\n" + line)
        else:
            return [(None, text)]
    return notes


def join_progress(notes: Iterable[tuple[datetime.date, str]]) -> str:
    return "\n".join(f"{date_zh(day)}：{text}" for day, text in notes)


# -- the lines above and below the table ---------------------------------------------------------

_LABELS: Final[Mapping[str, tuple[str, ...]]] = {
    "issuer": ("填报单位", "填表单位", "报送单位", "填报部门", "单位名称", "单位"),
    "date": (
        "填报日期",
        "填表日期",
        "填报时间",
        "报送日期",
        "统计时间",
        "统计日期",
        "截至日期",
        "截止日期",
        "截至时间",
        "截至",
        "截止",
    ),
    "recorder": ("填报人", "填表人", "记录人", "联系人"),
}
_COLON_OPTIONAL: Final = frozenset({"截至", "截止"})
_LABEL: Final = re.compile(
    "(?P<label>"
    + "|".join(
        re.escape(label)
        for label in sorted((x for v in _LABELS.values() for x in v), key=len, reverse=True)
    )
    + r")\s*(?:[(（]\s*盖章\s*[)）])?\s*(?P<colon>[:：])?\s*"
)
_VALUE_END: Final = re.compile(r"\s{2,}|\u3000|\t|\n")


def parse_labels(text: str) -> dict[str, str]:
    """``填报单位:市妇联办公室  截至:2023年12月31日  填报人:王某`` → issuer, date, recorder."""
    found: dict[str, str] = {}
    matches = [
        m for m in _LABEL.finditer(text) if m.group("colon") or m.group("label") in _COLON_OPTIONAL
    ]
    for position, match in enumerate(matches):
        end = matches[position + 1].start() if position + 1 < len(matches) else len(text)
        value = text[match.end() : end]
        stop = _VALUE_END.search(value)
        if stop is not None:
            value = value[: stop.start()]
        value = re.sub(r"[(（]\s*盖章\s*[)）]", "", value).strip(" ,，;；。")
        kind = next(k for k, labels in _LABELS.items() if match.group("label") in labels)
        if value and kind not in found:
            found[kind] = value
    return found
