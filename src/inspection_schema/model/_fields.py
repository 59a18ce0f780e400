"""The one description of the schema: field metadata read by every codec and generator.

A model field says, beside its type, what the formats cannot guess: the Chinese term (for the
glossary and the XSD documentation), whether it is the object's id or a reference to another
object's id (and to which kinds of object), and the disclosure level of its content. Codecs,
schemas, strategies and docs read this through :func:`info`; nothing else describes a field.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final, Literal

import attrs

META_KEY: Final = "inspection_schema"

Role = Literal["value", "id", "ref"]


@attrs.frozen(kw_only=True)
class FieldInfo:
    """What the schema says about one field beyond its Python type."""

    term: str
    role: Role = "value"
    targets: tuple[str, ...] = ()
    disclosure: str | None = None
    xml_attribute: bool = False


def meta(
    term: str,
    *,
    ref: str | tuple[str, ...] = (),
    is_id: bool = False,
    disclosure: str | None = None,
    xml_attribute: bool = False,
) -> Mapping[str, Any]:
    """Metadata for ``attrs.field(metadata=...)``.

    ``ref`` names the class (or classes) whose ids the field may hold; ``is_id`` marks the
    object's own id; ``disclosure`` is the lowest classification code at which the content may
    be shown (a field without one inherits its object's). ``xml_attribute`` puts a short,
    code-like string in an XML attribute; other strings are text and become elements (ids,
    references, numbers, dates and codes are always attributes).
    """
    targets = (ref,) if isinstance(ref, str) else ref
    role: Role = "id" if is_id else ("ref" if targets else "value")
    return {
        META_KEY: FieldInfo(
            term=term,
            role=role,
            targets=targets,
            disclosure=disclosure,
            xml_attribute=xml_attribute,
        )
    }


def info(attribute: attrs.Attribute[Any]) -> FieldInfo:
    """The schema facts of a model field (every model field has them)."""
    found = attribute.metadata.get(META_KEY)
    if not isinstance(found, FieldInfo):
        raise TypeError(f"model field {attribute.name!r} has no inspection_schema metadata")
    return found


def class_term(cls: type) -> str:
    """The Chinese term of a model class, from its ``TERM`` class variable."""
    term = getattr(cls, "TERM", None)
    if not isinstance(term, str):
        raise TypeError(f"model class {cls.__name__} declares no TERM")
    return term
