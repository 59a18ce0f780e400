"""JSON paths in the style cattrs and JSONPath use: ``$.round.groups[0].members[1].role``."""

from __future__ import annotations

import re
from typing import Final

_PLAIN_KEY: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def join_key(path: str, key: str) -> str:
    """The path of member ``key`` of the object at ``path``."""
    if _PLAIN_KEY.fullmatch(key):
        return f"{path}.{key}"
    escaped = key.replace("\\", "\\\\").replace("'", "\\'")
    return f"{path}['{escaped}']"


def join_index(path: str, index: int) -> str:
    """The path of item ``index`` of the list at ``path``."""
    return f"{path}[{index}]"
