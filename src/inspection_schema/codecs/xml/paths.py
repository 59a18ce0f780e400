"""The XPath of a place named by a JSON path, so that XML users read issues in XML terms.

Checks that run on the model (integrity, rules) name places by JSON path; for a document read
from XML the same place is given as the XPath the reader would report, derived by the binding's
rules: ``$.round.groups[0].members[1].role`` is
``/document/round/groups/inspection-group/members/group-member[2]/@role``.
"""

from __future__ import annotations

import re
from typing import Any, Final

from ...extensions import extension_for
from ...model import Document
from .binding import ROOT, binding, class_tag

_STEP: Final = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\['((?:[^'\\]|\\.)*)'\]|\[(\d+)\]")


def xpath_for(document: Document, json_path: str) -> str:
    """The XPath of the place ``json_path`` names in ``document`` (as far as it can be followed)."""
    if not json_path.startswith("$"):
        return json_path
    steps: list[str] = [f"/{ROOT}"]
    current: Any = document
    items: Any = None  # the list whose item the next index selects
    slot: Any = None  # the extensions whose namespace the next key selects
    prefix = ""  # of the elements of a typed extension
    position = 1
    while position < len(json_path):
        match = _STEP.match(json_path, position)
        if match is None:
            break
        position = match.end()
        key = match.group(1)
        if key is None and match.group(2) is not None:
            key = re.sub(r"\\(.)", r"\1", match.group(2))
        if key is not None and slot is not None:
            if not isinstance(slot, dict) or key not in slot:
                break
            namespaces = sorted(slot)
            number = namespaces.index(key) + 1
            steps.append(f"/extension[{number}]" if len(namespaces) > 1 else "/extension")
            value = slot[key]
            extension = extension_for(key)
            if extension is None or type(value) is not extension.root:
                break  # free JSON: the extension element is as far as the binding names places
            prefix = f"{extension.prefix}:"
            steps.append(f"/{prefix}{class_tag(extension.root)}")
            current, slot = value, None
        elif key is not None:
            if items is not None or current is None:
                break
            shape = binding(type(current))
            field = next((f for f in shape.fields if f.name == key), None)
            if field is None:
                break
            value = getattr(current, key)
            if field.form == "attribute":
                steps.append(f"/@{field.xml}")
                break
            steps.append(f"/{prefix}{field.xml}")
            if field.form in ("objects", "events"):
                items = value
            elif field.form == "object":
                current = value
            elif field.form == "extensions":
                slot = value
            else:  # text, texts: the element is as far as the binding names places
                break
        else:
            if items is None or match.group(3) is None:
                break
            index = int(match.group(3))
            if index >= len(items):
                break
            item = items[index]
            tag = class_tag(type(item))
            same = [other for other in items if type(other) is type(item)]
            number = 1 + sum(1 for other in items[:index] if type(other) is type(item))
            steps.append(f"/{prefix}{tag}[{number}]" if len(same) > 1 else f"/{prefix}{tag}")
            current, items = item, None
    return "".join(steps)
