"""Typed schema extensions (扩展): fields a region or plugin adds to the model, in its namespace.

The model's ``extensions`` slots (on :class:`~inspection_schema.model.Document`,
:class:`~inspection_schema.model.Inspection`, :class:`~inspection_schema.model.Problem` and
:class:`~inspection_schema.model.LedgerEntry`) hold free JSON keyed by a namespace. A plugin that
registers a :class:`SchemaExtension` makes the value under its namespace typed: an attrs class
of its own, read strictly, written canonically in JSON and XML, described by an XSD and a JSON
Schema of its own, and allowed only in the slots of the classes it names.

The codecs and schema generators look the registry up each time they meet a slot, so an
extension registered or unregistered at run time takes effect at once; nothing generated from
the model depends on what is registered.

An extension class is described as the model is: a frozen, keyword-only, slotted attrs class
with a ``TERM``, every field declared with :func:`~inspection_schema.model.meta`. Its fields take
the value types of the core (``str``, ``int``, ``bool``, ``date``, ``datetime``, ``Decimal``,
code lists), tuples and optionals of those, sets of codes, and nested classes of the same kind
(alone, optional or in tuples). Ids and references are not supported: the integrity checks of
the core would not see them.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from types import NoneType, UnionType
from typing import Any, Final, Union, get_args, get_origin

import attrs
from attrs import frozen

from .codecs.lexical import ValueProblem
from .model import MODEL_CLASSES, CodeList, Extensions, class_term
from .model._fields import META_KEY, FieldInfo

_NAMESPACE: Final = re.compile(
    r"(?:https?://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*)?"
    r"|urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:[A-Za-z0-9()+,\-.:=@;$_!*'%/?#]+)"
)
"""An absolute URI: ``http(s)`` with a host, or a URN (RFC 8141), with no space or quote."""
_NCNAME: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*")
_CLASS_NAME: Final = re.compile(r"[A-Z][A-Za-z0-9]*")
_CODE: Final = re.compile(r"[!-~\u00a1-\ud7ff\ue000-\ufffd]+")
"""A code: printable, without spaces, so that a list of codes is one XML attribute."""
_FIELD_NAME: Final = re.compile(r"[a-z][a-z0-9_]*")
_RESERVED_PREFIXES: Final = frozenset({"is", "fn", "xs", "xsi"})
"""Prefixes the core and its schemas use."""
_CORE_NAMESPACE_PREFIX: Final = "https://inspection-schema.org/"
_RESERVED_NAMESPACES: Final = frozenset(
    {
        "http://www.w3.org/2005/xpath-functions",
        "http://www.w3.org/2001/XMLSchema",
        "http://www.w3.org/2001/XMLSchema-instance",
        "http://www.w3.org/XML/1998/namespace",
        "http://www.w3.org/2001/XInclude",
    }
)
_SCALARS: Final[frozenset[Any]] = frozenset(
    {str, int, bool, datetime.date, datetime.datetime, Decimal}
)


@frozen(kw_only=True)
class SchemaExtension:
    """扩展: typed fields a region or plugin adds to the model, in its own namespace."""

    namespace: str
    """An absolute URI (``http(s):`` or ``urn:``): the key in the JSON extension slot and the
    XML namespace of the value's elements."""
    prefix: str
    """The XML prefix the writer declares for ``namespace``: an NCName, not ``xml…``, and not
    one the core uses (``is``, ``fn``, ``xs``, ``xsi``)."""
    root: type
    """The value stored in the slot: a frozen keyword-only attrs class with a ``TERM``."""
    targets: tuple[type, ...]
    """The model classes whose ``extensions`` slot may hold the value."""
    title: str
    """The extension's name, in Chinese."""
    description: str = ""


_REGISTRY: dict[str, SchemaExtension] = {}
_INSTALLED = {"loaded": False, "loading": False}


def installed() -> dict[str, SchemaExtension]:
    """The registry, with the installed plugins' extensions in it.

    The registry is filled by the process's plugin host
    (:func:`inspection_schema.plugins.manager.host`); every reader of it comes through here, so
    a document is read the same whether or not anything started the host before. A plugin that
    fails to load raises its :class:`~inspection_schema.errors.PluginError` here, every time,
    rather than letting its extensions' data pass unchecked.
    """
    if not _INSTALLED["loaded"] and not _INSTALLED["loading"]:
        _INSTALLED["loading"] = True
        try:
            from .plugins.manager import host

            host()
            _INSTALLED["loaded"] = True
        finally:
            _INSTALLED["loading"] = False
    return _REGISTRY


def installed_by_host(attached: bool) -> None:
    """Whether a host has put its plugins' extensions in (``False``: load them on next use)."""
    _INSTALLED["loaded"] = attached


def register_extension(extension: SchemaExtension) -> None:
    """Register a typed extension, after checking it; a namespace or prefix taken is refused."""
    if not isinstance(extension, SchemaExtension):
        raise TypeError(f"expected a SchemaExtension, got {type(extension).__name__}")
    check_extension(extension)
    taken = _REGISTRY.get(extension.namespace)
    if taken is not None:
        raise ValueError(
            f"an extension is already registered for the namespace {extension.namespace!r} "
            f"({taken.title})"
        )
    for other in _REGISTRY.values():
        if other.prefix == extension.prefix:
            raise ValueError(
                f"the XML prefix {extension.prefix!r} of {extension.namespace!r} is already "
                f"used by {other.namespace!r}"
            )
    _REGISTRY[extension.namespace] = extension


def unregister_extension(namespace: str) -> None:
    """Remove the extension of ``namespace`` (nothing happens when none is registered)."""
    _REGISTRY.pop(namespace, None)


def registered_extensions() -> tuple[SchemaExtension, ...]:
    """Every registered extension, in the order of their namespaces."""
    registry = installed()
    return tuple(registry[namespace] for namespace in sorted(registry))


def extension_for(namespace: str) -> SchemaExtension | None:
    """The extension registered for ``namespace``, or ``None`` (its data is then free JSON)."""
    return installed().get(namespace)


# -- what the codecs ask ------------------------------------------------------------------------


def misplaced(extension: SchemaExtension, owner: type) -> ValueProblem:
    """The problem of ``extension``'s value in the slot of ``owner``, not one of its targets."""
    allowed = ", ".join(target.__name__ for target in extension.targets)
    allowed_zh = "、".join(class_term(target) for target in extension.targets)
    return ValueProblem(
        "S102",
        f"the extension {extension.namespace} is not allowed on {owner.__name__} "
        f"(only on {allowed})",
        f"扩展 {extension.namespace} 不能用于{class_term(owner)}(仅限{allowed_zh})",
    )


def typed_extension(owner: type | None, namespace: str, value: Any) -> SchemaExtension | None:
    """For writing: the extension whose value ``value`` is, or ``None`` for free JSON.

    Raises :class:`~inspection_schema.codecs.lexical.ValueProblem` for what no reader would
    take back: a typed value under a namespace with no extension registered, a value that is
    not of the registered class, or one in the slot of a class the extension does not target
    (``owner``; ``None`` when the slot's owner is unknown).
    """
    extension = installed().get(namespace) if type(namespace) is str else None
    if extension is None:
        if attrs.has(type(value)):
            raise ValueProblem(
                "S101",
                f"no extension is registered for the namespace {namespace}, so its value "
                f"cannot be a {type(value).__name__}",
                f"命名空间 {namespace} 未登记扩展,其值不能是 {type(value).__name__}",
            )
        return None
    if type(value) is not extension.root:
        raise ValueProblem(
            "S101",
            f"the extension {namespace} holds a {extension.root.__name__}, "
            f"not a {type(value).__name__}",
            f"扩展 {namespace} 的值应为{class_term(extension.root)},实为 {type(value).__name__}",
        )
    if owner is not None and owner not in extension.targets:
        raise misplaced(extension, owner)
    return extension


# -- checking an extension ------------------------------------------------------------------


def check_extension(extension: SchemaExtension) -> None:
    """Raise ``ValueError`` or ``TypeError`` naming what is wrong with ``extension``."""
    namespace = extension.namespace
    if not isinstance(namespace, str) or _NAMESPACE.fullmatch(namespace) is None:
        raise ValueError(
            f"extension namespace {namespace!r} is not an absolute http(s): or urn: URI"
        )
    if namespace.startswith(_CORE_NAMESPACE_PREFIX) or namespace in _RESERVED_NAMESPACES:
        raise ValueError(f"extension namespace {namespace!r} is reserved")
    prefix = extension.prefix
    if (
        not isinstance(prefix, str)
        or _NCNAME.fullmatch(prefix) is None
        or prefix.lower().startswith("xml")
        or prefix in _RESERVED_PREFIXES
    ):
        raise ValueError(
            f"extension prefix {prefix!r} of {namespace!r} must be an XML NCName, not "
            f"starting with xml, and not one of {', '.join(sorted(_RESERVED_PREFIXES))}"
        )
    if not isinstance(extension.title, str) or not extension.title.strip():
        raise ValueError(f"extension {namespace!r} needs a title")
    if not isinstance(extension.description, str):
        raise TypeError(f"the description of extension {namespace!r} must be a string")
    _check_targets(extension)
    extension_classes(extension.root)


def _check_targets(extension: SchemaExtension) -> None:
    targets = extension.targets
    if not isinstance(targets, tuple) or not targets:
        raise ValueError(f"extension {extension.namespace!r} names no target classes")
    if len(set(targets)) != len(targets):
        raise ValueError(f"extension {extension.namespace!r} names a target class twice")
    for target in targets:
        slot = attrs.fields_dict(target).get("extensions") if target in MODEL_CLASSES else None
        if slot is None or slot.type != Extensions:
            raise TypeError(
                f"extension {extension.namespace!r}: target {target!r} is not a model class "
                "with an extensions slot"
            )


def extension_classes(root: type) -> tuple[type, ...]:
    """``root`` and every class nested in it, in field order; raises when one is unsupported."""
    found: list[type] = []
    _check_class(root, found, root.__name__ if isinstance(root, type) else repr(root))
    names = [cls.__name__ for cls in found]
    clashes = sorted({name for name in names if names.count(name) > 1})
    if clashes:
        raise TypeError(f"two classes of the extension are named {', '.join(clashes)}")
    return tuple(found)


def extension_code_lists(root: type) -> tuple[type[CodeList], ...]:
    """The code lists the fields of ``root`` and its nested classes use, in field order."""
    found: list[type[CodeList]] = []
    for cls in extension_classes(root):
        for attribute in attrs.fields(cls):
            for member in _leaves(attribute.type):
                code = isinstance(member, type) and issubclass(member, CodeList)
                if code and member not in found:
                    found.append(member)
    return tuple(found)


def _leaves(tp: Any) -> list[Any]:
    args = get_args(tp)
    return [leaf for arg in args for leaf in _leaves(arg)] if args else [tp]


def _check_class(cls: Any, found: list[type], where: str, within: tuple[type, ...] = ()) -> None:
    """Check ``cls`` (met at ``where``, inside the classes ``within``) and add it to ``found``."""
    if cls in within:
        raise TypeError(f"{where}: {cls.__name__} contains itself; extension data is a tree")
    if cls in found:
        return
    if not (isinstance(cls, type) and attrs.has(cls)):
        raise TypeError(f"{where}: {cls!r} is not an attrs class")
    if cls in MODEL_CLASSES:
        raise TypeError(f"{where}: {cls.__name__} is a class of the core model; define your own")
    if _CLASS_NAME.fullmatch(cls.__name__) is None:
        raise TypeError(f"{where}: the class name {cls.__name__!r} is not ASCII CamelCase")
    term = getattr(cls, "TERM", None)
    if not isinstance(term, str) or not term.strip():
        raise TypeError(f"{where}: {cls.__name__} declares no TERM (its Chinese term)")
    if hasattr(cls, "KIND"):
        raise TypeError(f"{where}: {cls.__name__} has a KIND, which tags the core's history events")
    if getattr(cls.__setattr__, "__name__", "") != "_frozen_setattrs":
        raise TypeError(f"{where}: {cls.__name__} is not frozen (use @attrs.frozen)")
    if "__slots__" not in cls.__dict__:
        raise TypeError(f"{where}: {cls.__name__} is not slotted (use @attrs.frozen)")
    if hasattr(cls, "__attrs_pre_init__") or hasattr(cls, "__attrs_post_init__"):
        raise TypeError(f"{where}: {cls.__name__} has an init hook; extension classes hold data")
    found.append(cls)
    try:
        attrs.resolve_types(cls)
    except Exception as exc:  # noqa: BLE001 - a name the annotations cannot resolve
        raise TypeError(
            f"{where}: the annotations of {cls.__name__} do not resolve ({exc}); outside an "
            "importable module, call attrs.resolve_types(cls, globals()) first"
        ) from None
    for attribute in attrs.fields(cls):
        here = f"{where}.{attribute.name}"
        _check_field(attribute, attribute.type, here, found, (*within, cls))


def _check_field(
    attribute: attrs.Attribute[Any],
    hint: Any,
    where: str,
    found: list[type],
    within: tuple[type, ...],
) -> None:
    if _FIELD_NAME.fullmatch(attribute.name) is None:
        raise TypeError(f"{where}: a field name must be ASCII snake_case")
    if not attribute.kw_only:
        raise TypeError(f"{where}: fields must be keyword-only (use @attrs.frozen(kw_only=True))")
    if not attribute.init or attribute.validator is not None or attribute.converter is not None:
        raise TypeError(f"{where}: no validators, converters or init=False in extension classes")
    facts = attribute.metadata.get(META_KEY)
    if not isinstance(facts, FieldInfo):
        raise TypeError(f"{where}: declare the field with metadata=meta(TERM)")
    if facts.role != "value":
        raise TypeError(f"{where}: extension fields cannot be ids or references")
    default: Any = attribute.default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        if default.takes_self:
            raise TypeError(f"{where}: a default that takes self is not supported")
        default = default.factory()
    try:
        inner, optional = _strip_optional(hint)
    except TypeError as exc:
        raise TypeError(f"{where}: {exc}") from None
    if optional:
        if default is not None:
            raise TypeError(f"{where}: an optional field must default to None")
        if not (_is_scalar(inner) or _is_class(inner)):
            raise TypeError(f"{where}: only a value or an object may be optional, not {hint!r}")
    if facts.xml_attribute and inner is not str:
        raise TypeError(f"{where}: xml_attribute applies to strings only")
    origin, args = get_origin(inner), get_args(inner)
    if _is_scalar(inner):
        return
    if origin is tuple:
        if len(args) != 2 or args[1] is not Ellipsis:
            raise TypeError(f"{where}: only homogeneous tuples (tuple[X, ...]) are supported")
        if default is not attrs.NOTHING and default != ():
            raise TypeError(f"{where}: a tuple field defaults to ()")
        item = args[0]
        if _is_scalar(item):
            return
        if _is_class(item):
            _check_class(item, found, where, within)
            return
        raise TypeError(f"{where}: unsupported tuple item type {item!r}")
    if origin is frozenset:
        if len(args) == 1 and isinstance(args[0], type) and issubclass(args[0], CodeList):
            _check_code_list(args[0], where)
            if default is not attrs.NOTHING and default != frozenset():
                raise TypeError(f"{where}: a set of codes defaults to frozenset()")
            return
        raise TypeError(f"{where}: only sets of codes (frozenset[CodeList]) are supported")
    if _is_class(inner):
        _check_class(inner, found, where, within)
        return
    raise TypeError(
        f"{where}: unsupported type {hint!r} (str, int, bool, date, datetime, Decimal, code "
        "lists, nested attrs classes, tuples and optionals of those)"
    )


def _is_scalar(tp: Any) -> bool:
    if tp in _SCALARS:
        return True
    if isinstance(tp, type) and issubclass(tp, CodeList):
        _check_code_list(tp, tp.__name__)
        return True
    return False


def _check_code_list(cls: type[CodeList], where: str) -> None:
    if _CLASS_NAME.fullmatch(cls.__name__) is None or not isinstance(
        getattr(cls, "TERM", None), str
    ):
        raise TypeError(f"{where}: the code list {cls.__name__} needs an ASCII name and a TERM")
    if not list(cls) or any(_CODE.fullmatch(member.value) is None for member in cls):
        raise TypeError(f"{where}: the codes of {cls.__name__} must be words (no spaces)")


def _is_class(tp: Any) -> bool:
    return isinstance(tp, type) and attrs.has(tp)


def _strip_optional(hint: Any) -> tuple[Any, bool]:
    if get_origin(hint) in (UnionType, Union):
        members = [arg for arg in get_args(hint) if arg is not NoneType]
        if len(members) == 1 and len(get_args(hint)) == 2:
            return members[0], True
        raise TypeError(f"unions are not supported ({hint!r}); only X | None is")
    return hint, False


__all__ = [
    "SchemaExtension",
    "check_extension",
    "extension_classes",
    "extension_code_lists",
    "extension_for",
    "register_extension",
    "registered_extensions",
    "unregister_extension",
]
