"""Characters a document may carry: exactly those XML 1.0 can, so every document has an XML twin."""

from __future__ import annotations

import re
from typing import Final

FORBIDDEN: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""C0 controls other than tab, LF and CR; lone surrogates; U+FFFE and U+FFFF."""

ID_PATTERN: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*")
"""Ids are ASCII XML NCNames, so they serve as ``xs:ID`` unchanged."""


def describe(char: str) -> str:
    """``U+0001`` style name of a character, for messages."""
    return f"U+{ord(char):04X}"


def forbidden_in(text: str) -> tuple[str, str] | None:
    """Why ``text`` cannot be in a document (English, Chinese), or ``None`` when it can: the
    first character XML 1.0 cannot carry and where it is. Readers and writers word it alike."""
    found = FORBIDDEN.search(text)
    if found is None:
        return None
    name = describe(found.group())
    return (
        f"character {name} at offset {found.start()} cannot be carried by XML 1.0",
        f"第{found.start() + 1}个字符 {name} 不能在 XML 1.0 中表示",
    )
