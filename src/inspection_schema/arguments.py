"""Values typed by people: dates on the command line and in format options.

They take the document's own lexical form (``YYYY-MM-DD``, GB/T 7408.1) and nothing else:
``datetime.date.fromisoformat`` would also take ``20230609`` and week dates such as
``2023-W23-5``, which no one means when a ledger asks for a date. Plugins use these for their
own commands and options, so that every date a user types is read alike.
"""

from __future__ import annotations

import argparse
import datetime

from .codecs.lexical import ValueProblem, parse_date
from .errors import InspectionSchemaError


def date_argument(text: str) -> datetime.date:
    """The ``type`` of a command-line date argument (argparse reports the error as usage)."""
    try:
        return parse_date(text)
    except ValueProblem:
        raise argparse.ArgumentTypeError(
            f"not a date YYYY-MM-DD: {text!r} / 应为日期 YYYY-MM-DD"
        ) from None


def option_date(owner: str, option: str, value: str) -> datetime.date:
    """A date given as the format option ``option`` of ``owner`` (a format's name)."""
    try:
        return parse_date(value)
    except ValueProblem:
        raise InspectionSchemaError(
            f"the {owner} option {option} takes a date YYYY-MM-DD, not {value!r} "
            f"/ {owner} 选项 {option} 应为日期 YYYY-MM-DD"
        ) from None
