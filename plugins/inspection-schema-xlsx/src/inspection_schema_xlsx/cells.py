"""Reading one cell into a value of the model: numbers, dates, deadlines, extension fields.

A cell holds what openpyxl gives: text, a number, a boolean, or a date-time for cells formatted
as dates. Each function takes that and returns the model's value or raises
:class:`~inspection_schema_xlsx.headings.CellProblem`.
"""

from __future__ import annotations

import datetime
import unicodedata
from decimal import Decimal
from typing import Any, Final, get_args, get_origin

from inspection_schema.codecs.lexical import INT_MAX, INT_MIN
from inspection_schema.model import CodeList
from inspection_schema.model.text import FORBIDDEN, describe

from .columns import FieldColumn, cell_text
from .headings import (
    CellProblem,
    Deadline,
    parse_date_text,
    parse_deadline_text,
    parse_yes_no,
    split_names,
)

_EXCEL_DAY_ZERO: Final = datetime.date(1899, 12, 30)


def text_of(value: object) -> str:
    """A cell as text, refusing characters no document may hold."""
    text = cell_text(value)
    bad = FORBIDDEN.search(text)
    if bad is not None:
        raise CellProblem(
            "XL209",
            f"the cell holds the character {describe(bad.group())}, which no document can carry",
            f"单元格含有文档不能保存的字符 {describe(bad.group())}",
        )
    return text


def parse_whole(value: object) -> int:
    """A whole number: a number cell, or digits written as text."""
    if isinstance(value, bool):
        raise _not_whole(value)
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise _not_whole(value)
        number = int(value)
    elif isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip().rstrip(".、")
        if not text.isascii() or not text.lstrip("-").isdigit():
            raise _not_whole(value)
        number = int(text)
    else:
        raise _not_whole(value)
    if not INT_MIN <= number <= INT_MAX:
        raise CellProblem("XL207", f"{number} is out of range", f"{number} 超出范围")
    return number


def _not_whole(value: object) -> CellProblem:
    return CellProblem(
        "XL207",
        f"{cell_text(value)!r} is not a whole number",
        f"“{cell_text(value)}”不是整数",
    )


def parse_date_cell(value: object) -> datetime.date:
    """A date: a date cell, a date written as text, or 20230930."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int) and not isinstance(value, bool) and 19000101 <= value <= 29991231:
        return parse_date_text(str(value))
    if isinstance(value, str):
        return parse_date_text(value)
    raise CellProblem(
        "XL201",
        f"{cell_text(value)!r} is not a date",
        f"“{cell_text(value)}”不是日期",
    )


def parse_deadline_cell(value: object) -> Deadline:
    """整改时限: a date cell, or text naming a date, a mode (长期坚持) or both."""
    if isinstance(value, str):
        return parse_deadline_text(value)
    return Deadline(date=parse_date_cell(value), mode=None)


# -- extension fields -------------------------------------------------------------------------


def _inner(hint: Any) -> Any:
    args = [arg for arg in get_args(hint) if arg is not type(None)]
    if get_origin(hint) not in (tuple, frozenset) and args:
        return args[0]
    return hint


def parse_field(value: object, column: FieldColumn) -> Any:
    """A typed extension field's JSON value from its cell; ``None`` for an empty cell."""
    if value is None or cell_text(value) == "":
        return None
    hint = _inner(column.attribute.type)
    origin = get_origin(hint)
    if origin in (tuple, frozenset):
        item = get_args(hint)[0]
        text = text_of(value)
        is_code = isinstance(item, type) and issubclass(item, CodeList)
        parts = split_names(text) if is_code else text.split("\n")
        return [_scalar(part, item) for part in parts if part != ""]
    return _scalar(value, hint)


def _scalar(value: object, hint: Any) -> Any:
    if isinstance(hint, type) and issubclass(hint, CodeList):
        text = text_of(value).strip()
        for member in hint:
            if text in (member.term, member.value):
                return member.value
        terms = "、".join(member.term for member in hint)
        raise CellProblem(
            "XL208",
            f"{text!r} is not one of {terms}",
            f"“{text}”不是以下之一:{terms}",
        )
    if hint is bool:
        return value if isinstance(value, bool) else parse_yes_no(text_of(value))
    if hint is int:
        return parse_whole(value)
    if hint is datetime.datetime:
        if isinstance(value, datetime.datetime):
            raise CellProblem(
                "XL201",
                "a date-time needs its UTC offset: write it as text, 2023-06-09T10:00:00+08:00",
                "日期时间须带时区偏移,请以文本填写,如 2023-06-09T10:00:00+08:00",
            )
        return text_of(value).strip()
    if hint is datetime.date:
        return parse_date_cell(value).isoformat()
    if hint is Decimal:
        return text_of(value).strip()
    return text_of(value)
