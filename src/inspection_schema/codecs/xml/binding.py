"""How the model maps to XML, derived from the model's one description by a few fixed rules.

- Names: an element or attribute is named by the JSON key with ``_`` turned into ``-``
  (``dispatched_by`` → ``dispatched-by``); an item of a list is named by its class
  (``LedgerEntry`` → ``ledger-entry``), so history events are told apart by their tag.
- Forms: ids, references, numbers, booleans, dates, decimals, codes and the strings marked
  ``xml_attribute`` are attributes; lists of references are ``xs:IDREFS`` and sets of codes
  ``xs:list`` attributes (space separated). Text is an element; an object is an element of its
  field's name; a list is a wrapper element of the field's name holding one element per item.
  Extension data is written in the W3C JSON-to-XML vocabulary (``fn:map``, ``fn:string``...).
- Omissions: exactly as in JSON, a field equal to its default is left out.
- Typed extensions (:mod:`inspection_schema.extensions`) follow the same rules in their own
  namespace, under the prefix they registered; a list of numbers, dates or codes (which only
  extension classes have) is one attribute, its values separated by spaces.

Every rule here is applied to every class; no class is described by hand.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from decimal import Decimal
from types import NoneType, UnionType
from typing import Any, Final, Literal, Union, get_args, get_origin

import attrs

from ...model import SCHEMA_VERSION, CodeList, Extensions, info

MAJOR: Final = SCHEMA_VERSION.split(".", 1)[0]
NAMESPACE_PREFIX: Final = "https://inspection-schema.org/ns/"
NAMESPACE: Final = f"{NAMESPACE_PREFIX}{MAJOR}"
"""The format's namespace; the major version is part of it and a released one never changes."""

FN_NAMESPACE: Final = "http://www.w3.org/2005/xpath-functions"
"""The W3C namespace of the JSON-to-XML vocabulary used for extension data."""

ROOT: Final = "document"

Form = Literal["attribute", "text", "object", "objects", "events", "texts", "extensions"]
Scalar = Literal[
    "str",
    "id",
    "ref",
    "refs",
    "int",
    "bool",
    "date",
    "datetime",
    "decimal",
    "code",
    "codes",
    "list",
]


def xml_name(name: str) -> str:
    """The XML name of a field: its JSON key with underscores as hyphens."""
    return name.replace("_", "-")


_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")


def class_tag(cls: type) -> str:
    """The XML name of a list item of class ``cls``: ``LedgerEntry`` → ``ledger-entry``."""
    return _CAMEL.sub("-", cls.__name__).lower()


@attrs.frozen
class FieldBinding:
    """One field's place in XML."""

    name: str
    xml: str
    form: Form
    scalar: Scalar | None
    target: Any  # the object class, the code list, or the union's member classes
    optional: bool
    required: bool
    default: Any


@attrs.frozen
class ClassBinding:
    """A model class's XML shape: its item tag, attributes in order, child elements in order."""

    cls: type
    tag: str
    fields: tuple[FieldBinding, ...]
    attributes: tuple[FieldBinding, ...] = attrs.field(init=False)
    elements: tuple[FieldBinding, ...] = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(
            self, "attributes", tuple(f for f in self.fields if f.form == "attribute")
        )
        object.__setattr__(self, "elements", tuple(f for f in self.fields if f.form != "attribute"))


def _strip_optional(annotation: Any) -> tuple[Any, bool]:
    if get_origin(annotation) in (UnionType, Union):
        args = tuple(a for a in get_args(annotation) if a is not NoneType)
        if len(args) < len(get_args(annotation)):
            inner = args[0] if len(args) == 1 else Union[args]  # noqa: UP007
            return inner, True
    return annotation, False


def _is_model(cls: Any) -> bool:
    return isinstance(cls, type) and attrs.has(cls)


def _field_binding(attribute: attrs.Attribute[Any]) -> FieldBinding:
    schema = info(attribute)
    annotation, optional = _strip_optional(attribute.type)
    default: Any = attribute.default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        default = default.factory()
    required = default is attrs.NOTHING
    origin = get_origin(annotation)
    args = get_args(annotation)
    form: Form
    scalar: Scalar | None = None
    target: Any = None
    if schema.role == "id":
        form, scalar = "attribute", "id"
    elif schema.role == "ref":
        form, scalar = "attribute", ("refs" if origin is tuple else "ref")
    elif annotation == Extensions:
        form = "extensions"
    elif origin is frozenset:
        form, scalar, target = "attribute", "codes", args[0]
    elif origin is tuple:
        item = args[0]
        if _is_model(item):
            form, target = "objects", item
        elif get_origin(item) in (UnionType, Union):
            form, target = "events", get_args(item)
        elif item is str:
            form = "texts"
        elif item in _SCALAR_OF or (isinstance(item, type) and issubclass(item, CodeList)):
            # a list of short values (only extension classes have one): one attribute, the
            # values separated by spaces; the target is the binding of one item
            form, scalar = "attribute", "list"
            target = _scalar_binding(attribute.name, item)
        else:  # pragma: no cover - the model has no other kind of list
            raise TypeError(f"no XML form for {attribute.name}: {annotation}")
    elif _is_model(annotation):
        form, target = "object", annotation
    elif isinstance(annotation, type) and issubclass(annotation, CodeList):
        form, scalar, target = "attribute", "code", annotation
    elif annotation is str:
        form, scalar = ("attribute", "str") if schema.xml_attribute else ("text", "str")
    else:
        form, scalar = "attribute", _SCALAR_OF[annotation]
    return FieldBinding(
        name=attribute.name,
        xml=xml_name(attribute.name),
        form=form,
        scalar=scalar,
        target=target,
        optional=optional,
        required=required,
        default=None if required else default,
    )


_SCALAR_OF: Final[dict[Any, Scalar]] = {
    bool: "bool",
    int: "int",
    datetime.date: "date",
    datetime.datetime: "datetime",
    Decimal: "decimal",
}


def _scalar_binding(name: str, item: Any) -> FieldBinding:
    """The binding of one item of a list attribute (a value or a code)."""
    code = isinstance(item, type) and issubclass(item, CodeList)
    return FieldBinding(
        name=name,
        xml=xml_name(name),
        form="attribute",
        scalar="code" if code else _SCALAR_OF[item],
        target=item if code else None,
        optional=False,
        required=True,
        default=None,
    )


_BINDINGS: dict[type, ClassBinding] = {}


def binding(cls: type) -> ClassBinding:
    """The XML binding of a model class (built once, then cached)."""
    found = _BINDINGS.get(cls)
    if found is None:
        found = ClassBinding(
            cls=cls,
            tag=class_tag(cls),
            fields=tuple(_field_binding(a) for a in attrs.fields(cls)),
        )
        _BINDINGS[cls] = found
    return found


def clark(local: str, namespace: str = NAMESPACE) -> str:
    """``{namespace}local`` as lxml names elements of the format (or of an extension)."""
    return f"{{{namespace}}}{local}"


Parser = Callable[[str], Any]
