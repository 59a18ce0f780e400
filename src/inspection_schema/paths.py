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


_STEP: Final = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[([0-9]+)\]|\['((?:[^'\\]|\\.)*)'\]")


def parse_path(path: str) -> list[str | int]:
    """The steps of a path written by :func:`join_key` and :func:`join_index`.

    ``$.round.groups[0]['urn:x']`` gives ``["round", "groups", 0, "urn:x"]``; anything else is
    a :class:`ValueError` naming where the path stops making sense.
    """
    if not path.startswith("$"):
        raise ValueError(f"a path starts with $: {path!r}")
    steps: list[str | int] = []
    position = 1
    while position < len(path):
        match = _STEP.match(path, position)
        if match is None:
            raise ValueError(f"cannot read the path {path!r} from character {position + 1}")
        name, index, quoted = match.groups()
        if name is not None:
            steps.append(name)
        elif index is not None:
            steps.append(int(index))
        else:
            steps.append(re.sub(r"\\(.)", r"\1", quoted))
        position = match.end()
    return steps
