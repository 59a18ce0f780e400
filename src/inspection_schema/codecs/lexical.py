"""The lexical forms of scalar values, shared by every text format (JSON strings, XML attributes).

One place says what a date, a date-time, a decimal, an integer or an id looks like on the wire,
so that the formats (and the schemas generated for them) cannot disagree.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from typing import Final

from ..model.text import ID_PATTERN, describe

# ASCII digits only: Python's \d would take any Unicode digit ("1٩" for 19).
DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
OFFSET: Final = r"(?:Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))"
"""UTC offsets from -14:00 to +14:00, as ISO 8601 practice and xs:dateTime bound them."""
DATETIME: Final = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{1,6})?" + OFFSET
)
DECIMAL: Final = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")
INTEGER: Final = re.compile(r"-?(?:0|[1-9][0-9]*)")
INT_MIN: Final = -(2**63)
INT_MAX: Final = 2**64 - 1
"""The integers every format carries exactly (JSON parsers stop at 64 bits)."""


class ValueProblem(ValueError):
    """A value the schema refuses: ``code`` is the issue kind, ``message_zh`` the Chinese text."""

    def __init__(self, code: str, message: str, message_zh: str, subpath: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message_zh = message_zh
        self.subpath = subpath
        """Where inside the value the problem lies, as a JSON path fragment (``['ns'][0]``)."""


def shorten(text: str, limit: int = 60) -> str:
    """A value as quoted in a message."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def quoted(text: str) -> str:
    """A value in double quotes, shortened, as messages quote it in every format."""
    return f'"{shorten(text)}"'


def unencodable(text: str, exc: UnicodeEncodeError) -> tuple[str, str]:
    """The message (English, Chinese) for text that UTF-8 cannot carry, as every reader words it."""
    char = describe(text[exc.start])
    return (
        f"the text holds {char} at offset {exc.start}, which UTF-8 cannot carry",
        f"文本在第 {exc.start} 个字符处含有 UTF-8 无法表示的 {char}",
    )


_SEPARATOR: Final = "\x1f"
"""Joins the ids for :func:`ids_valid`: a control character, which no valid id holds."""
_ID_FIRST: Final = re.compile(r"[A-Za-z_]")
_ID_CHARACTERS: Final = re.compile(r"[A-Za-z0-9_.\-\x1f]*")
_ID_BAD_START: Final = re.compile(r"\x1f(?![A-Za-z_])")


def ids_valid(ids: list[str]) -> bool:
    """Whether every string in ``ids`` is a valid id (see :func:`parse_id`).

    The fast readers check a document's ids together once it is built: one pattern call per id
    cost them more than building the rest. A few passes over the ids joined do the same (an id
    holding the separator is caught by the count).
    """
    if not ids:
        return True
    joined = _SEPARATOR.join(ids)
    return (
        joined.count(_SEPARATOR) == len(ids) - 1
        and _ID_FIRST.match(joined) is not None
        and _ID_CHARACTERS.fullmatch(joined) is not None
        and _ID_BAD_START.search(joined) is None
    )


def parse_id(text: str) -> str:
    """An id or reference: an ASCII XML NCName."""
    if ID_PATTERN.fullmatch(text) is None:
        raise ValueProblem(
            "S105",
            f"{shorten(text, 80)!r} is not a valid id (a letter or _ then letters, digits, _ . -)",
            f"{shorten(text, 80)!r} 不是有效的标识(以字母或下划线开头,仅含字母、数字、_ . -)",
        )
    return text


def parse_date(text: str) -> datetime.date:
    """``YYYY-MM-DD`` (GB/T 7408.1)."""
    if DATE.fullmatch(text) is None:
        raise ValueProblem(
            "S101",
            f"expected a date YYYY-MM-DD, got {quoted(text)}",
            f"应为 YYYY-MM-DD 格式的日期,实为 {quoted(text)}",
        )
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise ValueProblem(
            "S101", f"{text} is not a calendar date", f"{text} 不是有效日期"
        ) from None


DATE_CACHE: Final[dict[str, datetime.date]] = {}
"""Dates already parsed, shared by the formats' fast paths (a ledger repeats a few hundred days)."""
_DATE_CACHE_SIZE: Final = 1 << 16


def parse_date_cached(text: str) -> datetime.date:
    """:func:`parse_date`, remembering valid dates (the cache is bounded)."""
    value = DATE_CACHE.get(text)
    if value is None:
        value = parse_date(text)
        if len(DATE_CACHE) < _DATE_CACHE_SIZE:
            DATE_CACHE[text] = value
    return value


def parse_datetime(text: str) -> datetime.datetime:
    """A date-time with an explicit UTC offset."""
    if DATETIME.fullmatch(text) is None:
        raise ValueProblem(
            "S101",
            f"expected a date-time with offset (2023-06-09T10:00:00+08:00), got {quoted(text)}",
            f"应为带时区偏移的日期时间(如 2023-06-09T10:00:00+08:00),实为 {quoted(text)}",
        )
    try:
        return datetime.datetime.fromisoformat(text)
    except ValueError:
        raise ValueProblem(
            "S101", f"{text} is not a valid date-time", f"{text} 不是有效的日期时间"
        ) from None


def parse_decimal(text: str) -> Decimal:
    """A decimal written with plain digits: ``98.71``."""
    if DECIMAL.fullmatch(text) is None:
        raise ValueProblem(
            "S101",
            f'expected a decimal number ("98.71"), got {quoted(text)}',
            f'应为十进制数(如 "98.71"),实为 {quoted(text)}',
        )
    return Decimal(text)


def parse_int(text: str) -> int:
    """An integer written with plain digits (no sign other than ``-``, no leading zeros)."""
    if INTEGER.fullmatch(text) is None:
        raise ValueProblem(
            "S101",
            f"expected an integer, got {quoted(text)}",
            f"应为整数,实为 {quoted(text)}",
        )
    return check_int_range(int(text))


def check_int_range(value: int) -> int:
    """``value``, if every format can carry it exactly."""
    if not INT_MIN <= value <= INT_MAX:
        raise ValueProblem(
            "S101",
            f"integer {shorten(str(value), 30)} is out of range ({INT_MIN} to {INT_MAX})",
            f"整数 {shorten(str(value), 30)} 超出范围({INT_MIN} 至 {INT_MAX})",
        )
    return value


def format_datetime(value: datetime.datetime) -> str:
    """ISO 8601 with the offset in whole minutes; a naive or odd-offset value is refused."""
    offset = value.utcoffset()
    if (
        offset is None
        or offset.seconds % 60
        or offset.microseconds
        or abs(offset) > datetime.timedelta(hours=14)
    ):
        raise ValueProblem(
            "S101",
            f"date-time {value.isoformat()} needs an offset in whole minutes within ±14:00",
            f"日期时间 {value.isoformat()} 须带 ±14:00 以内、整分钟的时区偏移",
        )
    return value.isoformat()


def parse_bool(text: str) -> bool:
    """``true`` or ``false``."""
    if text == "true":
        return True
    if text == "false":
        return False
    raise ValueProblem(
        "S101",
        f"expected true or false, got {quoted(text)}",
        f"应为 true 或 false,实为 {quoted(text)}",
    )


def format_decimal(value: Decimal) -> str:
    """Plain digits, as many as the value has."""
    return format(value, "f")
