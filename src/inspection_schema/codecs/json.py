"""The JSON codec, in the shape of cattrs' preconf converters, with orjson underneath.

Wire rules:

- keys are the model's field names; objects are written in field order, fields equal to their
  default (``None``, empty lists, ``false``) left out; extension data is written with sorted keys;
- dates are ``YYYY-MM-DD`` and date-times carry an explicit UTC offset (GB/T 7408.1); a naive
  date-time is refused;
- decimals (amounts, rates) are JSON strings such as ``"98.71"``, so no digit is lost;
- sets (round types) are lists in code-list order; ledger history events carry a ``kind`` tag;
- scalars are checked strictly: a string is never taken for a number or a boolean, ``1`` is not
  ``true``; ids and references are XML NCNames; unknown keys are refused outside ``extensions``;
- a namespace with a registered typed extension (:mod:`inspection_schema.extensions`) holds
  that extension's class, read as strictly as a model object and written in field order, only
  in the slots of the classes it targets; other namespaces hold free JSON;
- text may hold any character XML 1.0 can carry and nothing else;
- output is UTF-8, not escaped, indented by two spaces, with a final newline: the same document
  always gives the same bytes.
"""

from __future__ import annotations

import datetime
import functools
import gc
import linecache
from collections.abc import Callable, Mapping
from decimal import Decimal
from types import MemberDescriptorType, UnionType
from typing import Any, Final, TypeVar, Union, get_args, get_origin

import attrs
import orjson
from cattrs import Converter
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.fns import identity
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override
from cattrs.preconf.orjson import make_converter as _make_orjson_converter

from ..errors import Issue, SchemaViolationError, Severity, UnreadableInputError
from ..extensions import installed, misplaced, typed_extension
from ..model import (
    HISTORY_EVENT_TYPES,
    CodeList,
    Document,
    Extensions,
    HistoryEvent,
    info,
)
from ..model.text import FORBIDDEN, ID_PATTERN, forbidden_in
from ..paths import join_index, join_key
from ..versions import CURRENT_MAJOR, migrate
from .lexical import (
    DATE_CACHE,
    INT_MAX,
    INT_MIN,
    ValueProblem,
    check_int_range,
    format_datetime,
    parse_date,
    parse_date_cached,
    parse_datetime,
    parse_decimal,
    parse_id,
    unencodable,
)

T = TypeVar("T")

DEFAULT_MAX_BYTES: Final = 512 * 1024 * 1024
"""Largest JSON input read by default (512 MiB: a ledger of several hundred thousand entries)."""

_EVENT_BY_KIND: Final[dict[str, type[HistoryEvent]]] = {
    cls.KIND: cls for cls in HISTORY_EVENT_TYPES
}


# -- scalar hooks: strict, because a loose converter silently turns "false" into True ----------


def _type_problem(expected: str, expected_zh: str, value: object) -> ValueProblem:
    return ValueProblem(
        "S101",
        f"expected {expected}, got {_json_type(value)}",
        f"应为{expected_zh},实为{_json_type_zh(value)}",
    )


def _structure_str(value: Any, _: Any) -> str:
    if type(value) is not str:
        raise _type_problem("a string", "字符串", value)
    if FORBIDDEN.search(value) is not None:
        raise _forbidden_problem(value)
    return value


def _forbidden_problem(value: str) -> ValueProblem:
    why = forbidden_in(value)
    assert why is not None
    return ValueProblem("S104", *why)


def _structure_id(value: Any, _: Any) -> str:
    if type(value) is not str:
        raise _type_problem("an id string", "标识字符串", value)
    return parse_id(value)


def _structure_int(value: Any, _: Any) -> int:
    if type(value) is not int:
        raise _type_problem("an integer", "整数", value)
    return check_int_range(value)


def _structure_bool(value: Any, _: Any) -> bool:
    if type(value) is not bool:
        raise _type_problem("true or false", "true 或 false", value)
    return value


def _structure_date(value: Any, _: Any) -> datetime.date:
    if type(value) is not str:
        raise _type_problem("a date string YYYY-MM-DD", "YYYY-MM-DD 格式的日期字符串", value)
    return parse_date(value)


def _structure_datetime(value: Any, _: Any) -> datetime.datetime:
    if type(value) is not str:
        raise _type_problem("a date-time string", "日期时间字符串", value)
    return parse_datetime(value)


def _structure_decimal(value: Any, _: Any) -> Decimal:
    if type(value) is not str:
        raise _type_problem('a decimal number as a string ("98.71")', "字符串形式的十进制数", value)
    return parse_decimal(value)


def _unstructure_decimal(value: Decimal) -> str:
    return format(value, "f")


class _CodeHook:
    """Structure hook of one code list; the fast path reads its ``members``."""

    def __init__(self, cls: type[CodeList]) -> None:
        self.cls = cls
        self.members: dict[str, CodeList] = {member.value: member for member in cls}
        self.allowed = ", ".join(self.members)

    def __call__(self, value: Any, _: Any) -> CodeList:
        if type(value) is str:
            member = self.members.get(value)
            if member is not None:
                return member
        raise ValueProblem(
            "S106",
            f"{_show(value)} is not in the code list {self.cls.__name__} ({self.allowed})",
            f"{_show(value)} 不在代码表“{self.cls.TERM}”中(可选:{self.allowed})",
        )


@functools.cache
def _make_code_hook(cls: type[CodeList]) -> _CodeHook:
    return _CodeHook(cls)


def _structure_code(value: Any, cls: Any) -> CodeList:
    """Any code list, a plugin's included: registered on :class:`CodeList` so that a code list
    defined after a converter was made is still read strictly (not as a plain string)."""
    return _make_code_hook(cls)(value, cls)


class _SlotStructure:
    """Structure hook of the ``extensions`` slot of ``owner`` (``None``: a slot read alone).

    A value under a registered namespace (:mod:`inspection_schema.extensions`) is structured
    into the extension's class, strictly, and only in the slots of its target classes; any
    other value stays free JSON. The registry is looked up at every call, so nothing made from
    it goes stale when extensions come and go.
    """

    def __init__(self, converter: Converter, owner: type | None) -> None:
        self.converter = converter
        self.owner = owner

    def __call__(self, value: Any, _: Any) -> dict[str, Any]:
        if type(value) is not dict:
            raise _type_problem("an object", "对象", value)
        for key in value:
            if not key:
                raise ValueProblem("S101", "an extension namespace is empty", "扩展命名空间为空")
        extensions = installed()
        if not any(key in extensions for key in value):
            _check_json(value, "")
            return value
        out: dict[str, Any] = {}
        errors: list[Exception] = []
        for key, item in value.items():
            try:
                extension = extensions.get(key)
                if extension is None:
                    _check_json({key: item}, "")
                    out[key] = item
                    continue
                if self.owner is not None and self.owner not in extension.targets:
                    raise misplaced(extension, self.owner)
                out[key] = self.converter.structure(item, extension.root)
            except Exception as exc:  # noqa: BLE001 - every namespace's problems, each placed
                if isinstance(exc, ValueProblem) and exc.subpath.startswith(join_key("", key)):
                    exc.subpath = exc.subpath[len(join_key("", key)) :]
                exc.__notes__ = [AttributeValidationNote(f"extension {key}", key, Any)]
                errors.append(exc)
        if errors:
            raise ClassValidationError("invalid extension data", errors, dict)
        return out


class _SlotUnstructure:
    """Unstructure hook of the ``extensions`` slot of ``owner`` (``None``: a slot alone).

    Namespaces in sorted order; free JSON with its keys sorted at every depth, a typed value
    as an object in field order (as model objects are written). What no reader would take
    back (a typed value of another class, under no registered namespace, or in the slot of a
    class it does not target) is refused.
    """

    def __init__(self, unstructure: Callable[[type], Callable[[Any], Any]], owner: type | None):
        self.unstructure = unstructure
        self.owner = owner

    def __call__(self, value: Any) -> dict[str, Any]:
        if not isinstance(value, Mapping):
            raise ValueProblem(
                "S101",
                f"extensions are an object keyed by namespace, not {type(value).__name__}",
                f"扩展应为以命名空间为键的对象,而非 {type(value).__name__}",
            )
        free: dict[Any, Any] = {}
        typed: dict[str, Any] = {}
        for key, item in value.items():
            extension = typed_extension(self.owner, key, item)
            if extension is None:
                free[key] = item
            else:
                typed[key] = self.unstructure(extension.root)(item)
        out = _sorted_json(free)
        if not typed:
            return out  # type: ignore[no-any-return]
        out.update(typed)
        return {key: out[key] for key in sorted(out)}


def _check_json(value: Any, where: str) -> None:
    """Extension data holds JSON values whose text XML 1.0 can carry, and integers it can."""
    kind = type(value)
    if kind is str:
        if FORBIDDEN.search(value) is not None:
            problem = _forbidden_problem(value)
            problem.subpath = where
            raise problem
    elif kind is dict:
        for key, item in value.items():
            step = join_key(where, key) if type(key) is str else where
            if type(key) is not str or FORBIDDEN.search(key) is not None:
                raise ValueProblem(
                    "S104",
                    "a key holds a character XML 1.0 cannot carry",
                    "键含有 XML 1.0 不能表示的字符",
                    step,
                )
            _check_json(item, step)
    elif kind is list:
        for index, item in enumerate(value):
            _check_json(item, join_index(where, index))
    elif kind is int:
        try:
            check_int_range(value)
        except ValueProblem as exc:
            exc.subpath = where
            raise
    elif kind is float:
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueProblem("S101", "numbers must be finite", "数须为有限值", where)
    elif value is not None and kind is not bool:
        raise ValueProblem(
            "S101", f"{kind.__name__} is not a JSON value", f"{kind.__name__} 不是 JSON 值", where
        )


def _sorted_json(value: Any) -> Any:
    """Extension data with sorted keys, refusing what JSON cannot hold exactly."""
    _check_json(value, "")
    return _sort_keys(value)


def _sort_keys(value: Any) -> Any:
    if type(value) is dict:
        return {key: _sort_keys(value[key]) for key in sorted(value)}
    if type(value) is list:
        return [_sort_keys(item) for item in value]
    return value


def _structure_history_event(value: Any, _: Any, *, converter: Converter) -> HistoryEvent:
    if type(value) is not dict:
        raise _type_problem("an object", "对象", value)
    fields = dict(value)
    kind = fields.pop("kind", None)
    cls = _EVENT_BY_KIND.get(kind) if type(kind) is str else None
    if cls is None:
        kinds = ", ".join(_EVENT_BY_KIND)
        raise ValueProblem(
            "S107",
            f"a history event needs a kind ({kinds}), got {_show(kind)}",
            f"台账记录须注明类型({kinds}),实为 {_show(kind)}",
        )
    event: HistoryEvent = converter.structure(fields, cls)
    return event


def _slot_owner(cls: type) -> bool:
    """Whether ``cls`` has the ``extensions`` slot."""
    slot = attrs.fields_dict(cls).get("extensions")
    return slot is not None and bool(slot.type == Extensions)


# -- the converter ---------------------------------------------------------------------------


def _is_model_class(cls: Any) -> bool:
    return isinstance(cls, type) and attrs.has(cls) and hasattr(cls, "TERM")


def _field_struct_hook(attribute: attrs.Attribute[Any]) -> Callable[[Any, Any], Any] | None:
    """Per-field hook for ids and references, from the field's schema metadata."""
    role = info(attribute).role
    if role == "value":
        return None
    args = get_args(attribute.type)
    if args and args[-1] is Ellipsis:  # tuple[str, ...] of references

        def structure_refs(value: Any, _: Any) -> tuple[str, ...]:
            if type(value) is not list:
                raise _type_problem("a list of ids", "标识列表", value)
            errors: list[Exception] = []
            out: list[str] = []
            for index, item in enumerate(value):
                try:
                    out.append(_structure_id(item, str))
                except ValueProblem as exc:
                    exc.__notes__ = [IterableValidationNote(f"index {index}", index, str)]
                    errors.append(exc)
            if errors:
                raise IterableValidationError("invalid ids", errors, tuple)
            return tuple(out)

        return structure_refs
    if type(None) in args:

        def structure_optional_id(value: Any, cls: Any) -> str | None:
            return None if value is None else _structure_id(value, cls)

        return structure_optional_id
    return _structure_id


def _make_class_structure(converter: Converter) -> Callable[[type[T]], Callable[[Any, Any], T]]:
    def factory(cls: type[T]) -> Callable[[Any, Any], T]:
        overrides: dict[str, Any] = {
            a.name: override(struct_hook=hook)
            for a in attrs.fields(cls)  # type: ignore[arg-type]
            if (hook := _field_struct_hook(a)) is not None
        }
        if _slot_owner(cls):
            overrides["extensions"] = override(struct_hook=_SlotStructure(converter, cls))
        inner = make_dict_structure_fn(
            cls,
            converter,
            _cattrs_forbid_extra_keys=True,
            **overrides,
        )

        kind = getattr(cls, "KIND", None)

        def structure_object(value: Any, _: Any) -> T:
            if type(value) is not dict:
                raise _type_problem("an object", "对象", value)
            if kind is not None and "kind" in value:  # a history event read on its own
                if value["kind"] != kind:
                    raise ValueProblem(
                        "S107",
                        f"this is a {kind} event, not {_show(value['kind'])}",
                        f"此记录类型为 {kind},而非 {_show(value['kind'])}",
                    )
                value = {key: item for key, item in value.items() if key != "kind"}
            return inner(value, cls)

        return structure_object

    return factory


def _make_class_unstructure(converter: Converter) -> Callable[[type[Any]], Callable[[Any], Any]]:
    def factory(cls: type[Any]) -> Callable[[Any], Any]:
        overrides: dict[str, Any] = {}
        if _slot_owner(cls):
            slot = _SlotUnstructure(converter.get_unstructure_hook, cls)
            overrides["extensions"] = override(unstruct_hook=slot)
        inner = make_dict_unstructure_fn(cls, converter, _cattrs_omit_if_default=True, **overrides)
        kind = getattr(cls, "KIND", None)
        if kind is None:
            return inner

        def unstructure_event(value: Any) -> dict[str, Any]:
            return {"kind": kind, **inner(value)}

        return unstructure_event

    return factory


def configure_converter(converter: Converter) -> None:
    """Add the inspection-schema wire rules to ``converter`` (which the caller may own).

    The converter should be made with ``forbid_extra_keys=True`` and ``omit_if_default=True``
    for canonical behaviour; :func:`make_converter` does that.
    """
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(datetime.date, _structure_date)
    converter.register_structure_hook(datetime.datetime, _structure_datetime)
    converter.register_unstructure_hook(datetime.date, datetime.date.isoformat)
    converter.register_unstructure_hook(datetime.datetime, format_datetime)
    converter.register_structure_hook(Decimal, _structure_decimal)
    converter.register_unstructure_hook(Decimal, _unstructure_decimal)
    for cls in _code_lists():
        converter.register_structure_hook(cls, _make_code_hook(cls))
        converter.register_unstructure_hook(cls, str.__str__)
    converter.register_structure_hook(CodeList, _structure_code)
    converter.register_unstructure_hook(CodeList, str.__str__)
    converter.register_structure_hook_factory(
        _is_code_set, lambda t: _make_code_set_hook(get_args(t)[0])
    )
    converter.register_unstructure_hook_func(_is_code_set, _unstructure_code_set)
    converter.register_structure_hook_factory(
        _is_homogeneous_tuple, lambda t: _ListHook(converter, t)
    )
    converter.register_structure_hook_func(_is_extensions, _SlotStructure(converter, None))
    converter.register_unstructure_hook_func(
        _is_extensions, _SlotUnstructure(converter.get_unstructure_hook, None)
    )
    converter.register_structure_hook(
        HistoryEvent,
        lambda value, cls: _structure_history_event(value, cls, converter=converter),
    )
    converter.register_unstructure_hook(HistoryEvent, lambda event: converter.unstructure(event))
    converter.register_structure_hook_factory(_is_model_class, _make_class_structure(converter))
    converter.register_unstructure_hook_factory(_is_model_class, _make_class_unstructure(converter))


def _code_lists() -> list[type[CodeList]]:
    found: list[type[CodeList]] = []
    pending = list(CodeList.__subclasses__())
    while pending:
        cls = pending.pop()
        found.append(cls)
        pending.extend(cls.__subclasses__())
    return found


def _is_homogeneous_tuple(cls: Any) -> bool:
    args = get_args(cls)
    return get_origin(cls) is tuple and len(args) == 2 and args[1] is Ellipsis


class _ListHook:
    """A ``tuple[X, ...]`` is a JSON list and nothing else (cattrs would take any iterable)."""

    def __init__(self, converter: Converter, tp: Any) -> None:
        self.converter = converter
        self.tp = tp

    def __call__(self, value: Any, _: Any) -> Any:
        if type(value) is not list:
            raise _type_problem("a list", "列表", value)
        return self.converter._structure_tuple(value, self.tp)


def _is_extensions(cls: Any) -> bool:
    return bool(cls == Extensions)


def _is_code_set(cls: Any) -> bool:
    args = get_args(cls)
    return (
        get_origin(cls) is frozenset
        and len(args) == 1
        and isinstance(args[0], type)
        and issubclass(args[0], CodeList)
    )


def _make_code_set_hook(cls: type[CodeList]) -> Callable[[Any, Any], frozenset[CodeList]]:
    member_hook = _make_code_hook(cls)

    def structure_code_set(value: Any, _: Any) -> frozenset[CodeList]:
        if type(value) is not list:
            raise _type_problem("a list", "列表", value)
        members = [member_hook(item, cls) for item in value]
        result = frozenset(members)
        if len(result) != len(members):
            raise ValueProblem("S101", "a code is listed twice", "代码重复")
        return result

    return structure_code_set


def _unstructure_code_set(value: frozenset[CodeList]) -> list[str]:
    if not value:
        return []
    order = list(type(next(iter(value))))
    return [member.value for member in sorted(value, key=order.index)]


def make_converter(*, detailed_validation: bool = True, plugins: bool = True) -> Converter:
    """A new converter with the inspection-schema wire rules (orjson preconf underneath).

    With ``plugins`` (the default), every plugin's ``configure_converter`` hook then adjusts
    it, so that an integrator's converter also knows the plugins' own types. The codec's own
    converters are made without plugins: the wire format is the schema's, the same in JSON and
    XML, and no plugin can change how a document is read or written.
    """
    converter = _make_orjson_converter(
        forbid_extra_keys=True,
        omit_if_default=True,
        detailed_validation=detailed_validation,
    )
    configure_converter(converter)
    if plugins:
        from ..plugins.manager import host  # the host imports the codecs through its formats

        host().configure_converter(converter)
    return converter


_FAST: Final = make_converter(detailed_validation=False, plugins=False)
_DETAILED: Final = make_converter(detailed_validation=True, plugins=False)


# -- the fast path: one generated function per model class -----------------------------------
#
# cattrs calls one hook per field, and each hook is a Python call; for a ledger of ten thousand
# entries that is millions of calls. The functions below are generated once per model class from
# the same converter's hooks: the checks of our own scalar hooks are written inline, anything
# else goes through the converter's hook exactly as cattrs would call it. They accept exactly
# the data the converter accepts and build equal objects, or equal plain data on the way out.
# On refusal they raise without detail; the detailed converter is then run to say what is wrong
# and where. Tests compare the two on generated documents.


_FACTORY: Final[type[Any]] = type(attrs.Factory(dict))
"""The class of ``attrs.Factory(...)`` defaults (typed as a function by attrs' stubs)."""


def _is_leaf(cls: type) -> bool:
    """Whether no field of the model class ``cls`` holds another model object."""

    def holds_model(tp: Any) -> bool:
        return _is_model_class(tp) or tp == HistoryEvent or any(map(holds_model, get_args(tp)))

    attrs.resolve_types(cls)
    return not any(holds_model(a.type) for a in attrs.fields(cls))


def _refuse(_: Any) -> Any:
    raise _Refused


class _Refused(Exception):
    """The fast path does not accept the data; the detailed converter will say why."""


def _is_optional(tp: Any) -> bool:
    args = get_args(tp)
    return get_origin(tp) in (UnionType, Union) and len(args) == 2 and type(None) in args


def _non_none(tp: Any) -> Any:
    return next(arg for arg in get_args(tp) if arg is not type(None))


def _homogeneous_item(tp: Any) -> Any:
    """``X`` of ``tuple[X, ...]``, or ``None``."""
    args = get_args(tp)
    if get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis:
        return args[0]
    return None


def _init_only_sets_fields(cls: type) -> bool:
    """Whether ``cls(**fields)`` does nothing but set each field's slot.

    So it is for a frozen slotted attrs class without validators, converters, pre- or post-init
    hooks or a cached hash; the fast path then sets the slots itself, which costs half as much.
    """
    fields = attrs.fields(cls)
    slots = {name for k in cls.__mro__ for name in getattr(k, "__slots__", ())} - {"__weakref__"}
    return (
        cls.__new__ is object.__new__  # type: ignore[comparison-overlap]
        and not hasattr(cls, "__attrs_pre_init__")
        and not hasattr(cls, "__attrs_post_init__")
        and slots == {a.name for a in fields}
        and all(
            a.init
            and a.validator is None
            and a.converter is None
            and isinstance(getattr(cls, a.name, None), MemberDescriptorType)
            for a in fields
        )
    )


class _Source:
    """Lines of a generated function and the names they use, given by value not by text."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.names: dict[str, Any] = {}

    def name(self, value: Any, hint: str) -> str:
        name = f"{hint}_{len(self.names)}"
        self.names[name] = value
        return name

    def add(self, indent: int, line: str) -> None:
        self.lines.append("    " * indent + line)

    def compile(self, fn_name: str, cls: type) -> Callable[[Any], Any]:
        text = "\n".join(self.lines) + "\n"
        filename = f"<inspection-schema {fn_name} {cls.__module__}.{cls.__qualname__}>"
        namespace = dict(self.names)
        exec(compile(text, filename, "exec"), namespace)
        linecache.cache[filename] = (len(text), None, text.splitlines(True), filename)
        fn: Callable[[Any], Any] = namespace[fn_name]
        return fn


class _Compiled:
    """Structure and unstructure functions generated per model class from ``converter``'s hooks."""

    def __init__(self, converter: Converter) -> None:
        self.converter = converter
        self._structure: dict[tuple[type, bool], Callable[[Any], Any]] = {}
        self._unstructure: dict[type, Callable[[Any], Any]] = {}
        self.valid_ids: set[str] = set()
        self._event_structure: Callable[[Any], Any] | None = None
        self.encoders: dict[type, Callable[[Any], dict[str, Any]]] = {}
        """The encode function of each model class met so far, by exact class (see ``encode``)."""
        self._slots: dict[type, Callable[[Any], dict[str, Any]]] = {}

    # -- structure -------------------------------------------------------------------------

    def structure_fn(self, cls: type[T], *, tagged: bool = False) -> Callable[[Any], T]:
        """The fast structure function of a model class (``tagged``: a history event's)."""
        fn = self._structure.get((cls, tagged))
        if fn is None:
            fn = self._structure[(cls, tagged)] = self._make_structure(cls, tagged)
        return fn

    def forget_ids(self) -> None:
        """Drop the ids seen valid (after each document: they are many and rarely met again)."""
        self.valid_ids.clear()

    @staticmethod
    def _parse_date(value: Any) -> datetime.date:
        if type(value) is not str:
            return _structure_date(value, datetime.date)  # refuses with the JSON type's message
        return parse_date_cached(value)

    def _make_structure(self, cls: type, tagged: bool) -> Callable[[Any], Any]:
        attrs.resolve_types(cls)
        fields = attrs.fields(cls)
        names = frozenset(a.name for a in fields)
        if tagged and "kind" in names:  # pragma: no cover - the model has no such field
            raise TypeError(f"{cls.__name__} has a field named kind")
        src = _Source()
        src.names.update(Refused=_Refused, cls=cls, dict=dict, str=str, type=type)
        keys = src.name(names | {"kind"} if tagged else names, "keys")
        fn_name = f"structure_{cls.__name__}"
        src.add(0, f"def {fn_name}(o):")
        src.add(1, "if type(o) is not dict:")
        src.add(2, "raise Refused")
        # the keys are counted as the fields are read: when there are more than were read, an
        # unknown key (or an explicit null) is among them, and the set of keys decides
        required = sum(1 for a in fields if a.default is attrs.NOTHING) + (1 if tagged else 0)
        src.add(1, f"n = {required}")
        arguments = []
        for index, a in enumerate(fields):
            var = f"v{index}"
            arguments.append(f"{a.alias}={var}")
            if a.default is attrs.NOTHING:
                src.add(1, f"{var} = o[{a.name!r}]")
                self._check(src, 1, var, a, cls)
            elif a.default is None and _is_optional(a.type):
                src.add(1, f"{var} = o.get({a.name!r})")  # absent and null are both None
                src.add(1, f"if {var} is not None:")
                src.add(2, "n += 1")
                self._check(src, 1, var, a, cls)
            else:
                src.add(1, f"if {a.name!r} in o:")
                src.add(2, "n += 1")
                src.add(2, f"{var} = o[{a.name!r}]")
                self._check(src, 2, var, a, cls)
                src.add(1, "else:")
                if isinstance(a.default, _FACTORY):
                    if a.default.takes_self:  # pragma: no cover - no model field has one
                        raise TypeError(f"{cls.__name__}.{a.name}: a default that takes self")
                    factory = src.name(a.default.factory, "factory")
                    src.add(2, f"{var} = {factory}()")
                else:
                    src.add(2, f"{var} = {src.name(a.default, 'default')}")
        src.add(1, f"if len(o) != n and not o.keys() <= {keys}:")
        src.add(2, "raise Refused")
        if _init_only_sets_fields(cls):
            # what attrs' __init__ would do, less the keyword-argument handling: set each slot
            src.names["new"] = object.__new__
            src.add(1, "obj = new(cls)")
            for index, a in enumerate(fields):
                setter = src.name(getattr(cls, a.name).__set__, f"set_{a.name}")
                src.add(1, f"{setter}(obj, v{index})")
            src.add(1, "return obj")
        else:  # pragma: no cover - every model class has a plain __init__ today
            src.add(1, f"return cls({', '.join(arguments)})")
        return src.compile(fn_name, cls)

    def _check(
        self, src: _Source, indent: int, var: str, attribute: attrs.Attribute[Any], owner: type
    ) -> None:
        """Lines that check ``var`` and replace it with its structured value, as the hook does."""
        if attribute.type == Extensions:
            src.add(indent, f"{var} = {src.name(self.slot_structure_fn(owner), 'slot')}({var})")
            return
        if info(attribute).role == "value":
            self._check_value(src, indent, var, attribute.type)
            return
        # ids and references: the per-field hooks of _field_struct_hook, inline
        args = get_args(attribute.type)
        if args and args[-1] is Ellipsis:
            src.add(indent, f"if type({var}) is not list:")
            src.add(indent + 1, "raise Refused")
            src.add(indent, f"for item in {var}:")
            self._check_id(src, indent + 1, "item")
            src.add(indent, f"{var} = tuple({var})")
        elif type(None) in args:
            src.add(indent, f"if {var} is not None:")
            self._check_id(src, indent + 1, var)
        else:
            self._check_id(src, indent, var)

    def _check_id(self, src: _Source, indent: int, var: str) -> None:
        # most references name an id met before: look it up among those found valid first
        src.names.update(
            valid_ids=self.valid_ids, remember_id=self.valid_ids.add, id_match=ID_PATTERN.fullmatch
        )
        src.add(indent, f"if type({var}) is not str:")
        src.add(indent + 1, "raise Refused")
        src.add(indent, f"if {var} not in valid_ids:")
        src.add(indent + 1, f"if id_match({var}) is None:")
        src.add(indent + 2, "raise Refused")
        src.add(indent + 1, f"remember_id({var})")

    def _check_value(self, src: _Source, indent: int, var: str, tp: Any) -> None:
        hook = self.converter.get_structure_hook(tp)
        if hook is _structure_str:
            src.names["forbidden"] = FORBIDDEN.search
            # a printable string holds no C0 control, surrogate or non-character: skip the search
            src.add(indent, f"if type({var}) is not str or (")
            src.add(indent + 1, f"not {var}.isprintable() and forbidden({var}) is not None")
            src.add(indent, "):")
            src.add(indent + 1, "raise Refused")
        elif hook is _structure_int:
            src.names.update(int=int, INT_MIN=INT_MIN, INT_MAX=INT_MAX)
            src.add(indent, f"if type({var}) is not int or not INT_MIN <= {var} <= INT_MAX:")
            src.add(indent + 1, "raise Refused")
        elif hook is _structure_bool:
            src.names["bool"] = bool
            src.add(indent, f"if type({var}) is not bool:")
            src.add(indent + 1, "raise Refused")
        elif hook is _structure_date:
            src.names.update(dates=DATE_CACHE, parse_date=self._parse_date)
            src.add(indent, f"day = dates.get({var}) if type({var}) is str else None")
            src.add(indent, f"{var} = parse_date({var}) if day is None else day")
        elif isinstance(hook, _CodeHook) or hook is _structure_code:
            members = src.name(_make_code_hook(tp).members, "members")
            src.add(indent, f"{var} = {members}.get({var}) if type({var}) is str else None")
            src.add(indent, f"if {var} is None:")
            src.add(indent + 1, "raise Refused")
        elif getattr(hook, "__func__", None) is Converter._structure_optional and _is_optional(tp):
            src.add(indent, f"if {var} is not None:")
            self._check_value(src, indent + 1, var, _non_none(tp))
        elif (
            isinstance(hook, _ListHook)
            and (item := _homogeneous_item(tp)) is not None
            and item is not Any
        ):
            item_fn = self._item_structure(src, item)
            src.names.update(tuple=tuple, list=list)
            src.add(indent, f"if type({var}) is not list:")
            src.add(indent + 1, "raise Refused")
            src.add(indent, f"{var} = tuple([{item_fn} for item in {var}])")
        elif _is_model_class(tp):
            src.add(indent, f"{var} = {src.name(self.structure_fn(tp), 'structure')}({var})")
        elif tp == HistoryEvent:
            src.add(indent, f"{var} = {src.name(self.event_structure_fn(), 'event')}({var})")
        else:
            hook_name, type_name = src.name(hook, "hook"), src.name(tp, "type")
            src.add(indent, f"{var} = {hook_name}({var}, {type_name})")

    def _item_structure(self, src: _Source, item: Any) -> str:
        """The expression that structures ``item`` of a homogeneous tuple."""
        if _is_model_class(item):
            return f"{src.name(self.structure_fn(item), 'structure')}(item)"
        if item == HistoryEvent:
            return f"{src.name(self.event_structure_fn(), 'event')}(item)"
        hook = self.converter.get_structure_hook(item)
        return f"{src.name(hook, 'hook')}(item, {src.name(item, 'type')})"

    def slot_structure_fn(self, owner: type) -> Callable[[Any], dict[str, Any]]:
        """Structure the ``extensions`` slot of ``owner`` as :class:`_SlotStructure` does."""
        structure_fn = self.structure_fn

        def structure_slot(value: Any) -> dict[str, Any]:
            if type(value) is not dict or "" in value:
                raise _Refused
            typed: dict[str, Any] | None = None
            extensions = installed()
            for key, item in value.items():
                extension = extensions.get(key)
                if extension is None:
                    continue
                if owner not in extension.targets:
                    raise _Refused
                if typed is None:
                    typed = {}
                typed[key] = structure_fn(extension.root)(item)
            if typed is None:
                _check_json(value, "")
                return value
            _check_json({key: item for key, item in value.items() if key not in typed}, "")
            return {key: typed.get(key, item) for key, item in value.items()}

        return structure_slot

    def slot_unstructure_fn(self, owner: type) -> Callable[[Any], dict[str, Any]]:
        """Unstructure the ``extensions`` slot of ``owner`` (made once per class)."""
        fn = self._slots.get(owner)
        if fn is None:
            fn = self._slots[owner] = _SlotUnstructure(self.unstructure_fn, owner)
        return fn

    def event_structure_fn(self) -> Callable[[Any], HistoryEvent]:
        """Structure a history event by its ``kind``, without copying the object."""
        if self._event_structure is None:
            by_kind = {
                kind: self.structure_fn(cls, tagged=True) for kind, cls in _EVENT_BY_KIND.items()
            }

            def structure_event(value: Any) -> HistoryEvent:
                if type(value) is not dict:
                    raise _Refused
                kind = value.get("kind")
                fn = by_kind.get(kind) if type(kind) is str else None
                if fn is None:
                    raise _Refused
                event: HistoryEvent = fn(value)
                return event

            self._event_structure = structure_event
        return self._event_structure

    # -- unstructure -----------------------------------------------------------------------

    def unstructure_fn(self, cls: type) -> Callable[[Any], Any]:
        """The fast unstructure function of a model class."""
        fn = self._unstructure.get(cls)
        if fn is None:
            fn = self._unstructure[cls] = self._make_unstructure(cls)
        return fn

    def _make_unstructure(self, cls: type) -> Callable[[Any], Any]:
        attrs.resolve_types(cls)
        src = _Source()
        fn_name = f"unstructure_{cls.__name__}"
        src.add(0, f"def {fn_name}(instance):")
        src.add(1, "res = {")
        kind = getattr(cls, "KIND", None)
        if kind is not None:  # a history event: its tag first, as the converter's hook writes it
            src.add(2, f"'kind': {src.name(kind, 'kind')},")
        optional: list[attrs.Attribute[Any]] = []

        def expression(expr: str, a: attrs.Attribute[Any]) -> str:
            if a.type == Extensions:
                return f"{src.name(self.slot_unstructure_fn(cls), 'slot')}({expr})"
            return self._unstructure_expr(src, expr, a.type)

        for a in attrs.fields(cls):
            if a.default is attrs.NOTHING:
                src.add(2, f"{a.name!r}: {expression(f'instance.{a.name}', a)},")
            else:
                optional.append(a)
        src.add(1, "}")
        for a in optional:  # left out when equal to the default, as cattrs' omit_if_default does
            src.add(1, f"value = instance.{a.name}")
            if a.default is None:
                src.add(1, "if value is not None:")
            elif isinstance(a.default, _FACTORY):
                factory = src.name(a.default.factory, "factory")
                src.add(1, f"if value != {factory}():")
            else:
                src.add(1, f"if value != {src.name(a.default, 'default')}:")
            src.add(2, f"res[{a.name!r}] = {expression('value', a)}")
        src.add(1, "return res")
        return src.compile(fn_name, cls)

    def _unstructure_expr(self, src: _Source, expr: str, tp: Any) -> str:
        hook = self.converter.get_unstructure_hook(tp)
        if hook == identity:
            return expr
        if hook is list:
            src.names["list"] = list
            return f"list({expr})"
        if _is_optional(tp):
            inner = self._unstructure_expr(src, expr, _non_none(tp))
            return expr if inner == expr else f"(None if {expr} is None else {inner})"
        if _is_model_class(tp):
            return f"{src.name(self.unstructure_fn(tp), 'unstructure')}({expr})"
        item = _homogeneous_item(tp)
        if item is not None and getattr(hook, "__name__", None) == "unstructure_iterable":
            if _is_model_class(item):
                item_fn = src.name(self.unstructure_fn(item), "unstructure")
            elif item == HistoryEvent:  # by the event's class, as the converter dispatches
                by_class = {cls: self.unstructure_fn(cls) for cls in HISTORY_EVENT_TYPES}
                get = src.name(by_class.get, "event_by_class")
                other = src.name(self.converter.unstructure, "unstructure")
                return f"[{get}(item.__class__, {other})(item) for item in {expr}]"
            else:
                item_fn = src.name(self.converter.get_unstructure_hook(item), "hook")
            return f"[{item_fn}(item) for item in {expr}]"
        return f"{src.name(hook, 'hook')}({expr})"

    # -- encode: orjson writes the tree, asking for one model object at a time -------------
    #
    # ``dumps`` hands the model object itself to ``orjson.dumps`` with ``default=encode``:
    # orjson calls ``encode`` for each model object it meets, which returns that object's fields
    # as a dict whose model children are left as they are, for orjson to meet in turn. So no
    # plain tree of the whole document is built, and orjson writes dates and code-list members
    # itself. The output must be the bytes ``orjson.dumps(unstructure(obj))`` gives; so every
    # value is handed over only where its class is exactly the declared one (a ``str`` field
    # holding a ``str``, a ``Measure`` field a ``Measure``, ...), and anything else raises: a
    # model object in a ``str`` field, say, would be written by ``encode`` here but refused by
    # orjson on the plain path. ``dumps`` then takes the plain path, which writes or refuses as
    # it always did.

    def make_encode(self) -> Callable[[Any], dict[str, Any]]:
        """The ``default`` of ``orjson.dumps``: one model object's fields, children unwritten."""
        encoders = self.encoders

        def encode(obj: Any) -> dict[str, Any]:
            return encoders[type(obj)](obj)  # a KeyError for any other object: refused

        return encode

    def encode_fn(self, cls: type) -> Callable[[Any], dict[str, Any]]:
        """The encode function of a model class, made (with its children's) on first use."""
        fn = self.encoders.get(cls)
        if fn is None:
            fn = self._make_encode(cls)
            self.encoders[cls] = fn
        return fn

    def _make_encode(self, cls: type) -> Callable[[Any], dict[str, Any]]:
        attrs.resolve_types(cls)
        src = _Source()
        src.names.update(Refused=_Refused, tuple=tuple, type=type)
        fn_name = f"encode_{cls.__name__}"
        src.add(0, f"def {fn_name}(instance):")
        required: list[str] = []
        optional: list[attrs.Attribute[Any]] = []
        slot = src.name(self.slot_unstructure_fn(cls), "slot") if _slot_owner(cls) else ""
        for index, a in enumerate(attrs.fields(cls)):
            if a.default is attrs.NOTHING:
                var = f"v{index}"
                src.add(1, f"{var} = instance.{a.name}")
                if a.type == Extensions:  # pragma: no cover - every slot has a default
                    required.append(f"{a.name!r}: {slot}({var}),")
                    continue
                required.append(f"{a.name!r}: {self._encode_value(src, 1, var, a.type)},")
            else:
                optional.append(a)
        src.add(1, "res = {")
        kind = getattr(cls, "KIND", None)
        if kind is not None:  # a history event: its tag first, as the converter's hook writes it
            src.add(2, f"'kind': {src.name(kind, 'kind')},")
        for line in required:
            src.add(2, line)
        src.add(1, "}")
        for a in optional:  # left out when equal to the default, as cattrs' omit_if_default does
            src.add(1, f"value = instance.{a.name}")
            tp, class_checked = a.type, False
            if a.default is None:
                src.add(1, "if value is not None:")
                tp = _non_none(tp) if _is_optional(tp) else tp
            else:
                # compared with one value made by the factory, not a new one each time (the
                # factories are dict, tuple, frozenset and model classes: equal every time)
                default = a.default.factory() if isinstance(a.default, _FACTORY) else a.default
                if type(default) in (tuple, dict) and not default:
                    # an empty tuple or dict: a value of any other class is refused (so left to
                    # the plain path), and one of that class differs from it when not empty
                    src.names[type(default).__name__] = type(default)
                    src.add(1, f"if type(value) is not {type(default).__name__}:")
                    src.add(2, "raise Refused")
                    src.add(1, "if value:")
                    class_checked = True
                else:
                    src.add(1, f"if value != {src.name(default, 'default')}:")
            if a.type == Extensions:  # plain data, the typed values unstructured
                expr = f"{slot}(value)"
            else:
                expr = self._encode_value(src, 2, "value", tp, class_checked=class_checked)
            src.add(2, f"res[{a.name!r}] = {expr}")
        src.add(1, "return res")
        return src.compile(fn_name, cls)

    def _encode_value(
        self, src: _Source, indent: int, var: str, tp: Any, *, class_checked: bool = False
    ) -> str:
        """Lines that check ``var`` for ``encode``; returns the expression to put in the dict.

        Each branch gives what ``_unstructure_expr`` gives, once orjson has written it.
        ``class_checked``: the lines before made sure that a tuple is a tuple.
        """
        hook = self.converter.get_unstructure_hook(tp)
        if hook == identity and tp in (str, int, bool):
            src.names[tp.__name__] = tp
            src.add(indent, f"if type({var}) is not {tp.__name__}:")
            src.add(indent + 1, "raise Refused")
            return var
        if _is_optional(tp):
            src.add(indent, f"if {var} is not None:")
            inner = self._encode_value(src, indent + 1, var, _non_none(tp))
            if inner == var:
                return var
            src.add(indent + 1, f"{var} = {inner}")
            return var
        if _is_model_class(tp):  # orjson calls encode for it; a leaf is encoded here
            fn = self.encode_fn(tp)
            src.add(indent, f"if type({var}) is not {src.name(tp, 'cls')}:")
            src.add(indent + 1, "raise Refused")
            return f"{src.name(fn, 'encode')}({var})" if _is_leaf(tp) else var
        if tp is datetime.date or (isinstance(tp, type) and issubclass(tp, CodeList)):
            # orjson writes a date as date.isoformat does, a member of a str enum as its value
            src.add(indent, f"if type({var}) is not {src.name(tp, 'type')}:")
            src.add(indent + 1, "raise Refused")
            return var
        item = _homogeneous_item(tp)
        if item is not None:
            # a tuple is written as a list: its items are checked one by one
            if item is str and hook is list:
                classes: Any = str
            elif _is_model_class(item):
                self.encode_fn(item)
                classes = item
            elif item == HistoryEvent:
                for event_cls in HISTORY_EVENT_TYPES:
                    self.encode_fn(event_cls)
                classes = frozenset(HISTORY_EVENT_TYPES)
            else:  # pragma: no cover - no other tuple in the model
                src.add(indent, "raise Refused")
                return var
            if not class_checked:
                src.add(indent, f"if type({var}) is not tuple:")
                src.add(indent + 1, "raise Refused")
            leaves = classes if isinstance(classes, frozenset) else frozenset({classes})
            if classes is not str and all(_is_leaf(leaf) for leaf in leaves):
                # leaves are encoded here, saving orjson a call back per item; objects with
                # children are left to orjson, so that no copy of a whole subtree is held
                by_class = src.name({leaf: self.encode_fn(leaf) for leaf in leaves}, "encoders")
                src.names["refuse"] = _refuse
                return f"[{by_class}.get(type(item), refuse)(item) for item in {var}]"
            src.add(indent, f"for item in {var}:")
            if isinstance(classes, frozenset):
                src.add(indent + 1, f"if type(item) not in {src.name(classes, 'classes')}:")
            else:
                src.add(indent + 1, f"if type(item) is not {src.name(classes, 'cls')}:")
            src.add(indent + 2, "raise Refused")
            return var
        if hook == identity:  # pragma: no cover - no other field type is written as it is
            src.add(indent, "raise Refused")
            return var
        # the converter's own hook (date-times, decimals, code sets, extensions): plain data
        return f"{src.name(hook, 'hook')}({var})"


_COMPILED: Final = _Compiled(_FAST)
_ENCODE: Final = _COMPILED.make_encode()


# -- errors with paths -----------------------------------------------------------------------


def issues_from_exception(exc: BaseException, path: str = "$") -> list[Issue]:
    """Turn a (detailed) cattrs structuring error into issues with JSON paths."""
    if isinstance(exc, ClassValidationError | IterableValidationError):
        found: list[Issue] = []
        for sub in exc.exceptions:
            sub_path = path
            for note in getattr(sub, "__notes__", ()):
                if isinstance(note, AttributeValidationNote):
                    sub_path = join_key(path, note.name)
                elif isinstance(note, IterableValidationNote):
                    sub_path = join_index(path, int(note.index))
            if isinstance(sub, KeyError) and sub_path != path:
                found.append(_issue("S103", sub_path, "required field is missing", "缺少必填字段"))
            else:
                found.extend(issues_from_exception(sub, sub_path))
        return found
    if isinstance(exc, ForbiddenExtraKeysError):
        return [
            _issue("S102", join_key(path, key), "unknown field", "未知字段")
            for key in sorted(exc.extra_fields)
        ]
    if isinstance(exc, ValueProblem):
        return [_issue(exc.code, path + exc.subpath, str(exc), exc.message_zh)]
    if isinstance(exc, KeyError):
        name = exc.args[0] if exc.args else "?"
        return [
            _issue("S103", join_key(path, str(name)), "required field is missing", "缺少必填字段")
        ]
    return [_issue("S101", path, f"invalid value: {exc}", f"无效值:{exc}")]


def _issue(code: str, path: str, message: str, message_zh: str) -> Issue:
    return Issue(
        code=code, severity=Severity.ERROR, path=path, message=message, message_zh=message_zh
    )


# -- public entry points ---------------------------------------------------------------------


class collector_paused:
    """Pause the cyclic garbage collector while a large acyclic object graph is built.

    A class, not a generator: leaving a generator-based context allocates (its StopIteration),
    and the first allocation after the collector is resumed runs the collection the paused
    objects are owed (about a tenth of reading a large document). Leaving this one allocates
    nothing, so that collection runs when the caller next allocates, as after any other
    library's bulk result; the work is the same.
    """

    __slots__ = ("_enabled",)

    def __enter__(self) -> None:
        self._enabled = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc_info: object) -> None:
        if self._enabled:
            gc.enable()


def structure(data: Any, cls: type[T] = Document) -> T:  # type: ignore[assignment]
    """Build a model object from JSON-like data; raises :class:`SchemaViolationError`."""
    try:
        with collector_paused():
            if _is_model_class(cls):
                kind = getattr(cls, "KIND", None)
                tagged = kind is not None and type(data) is dict and data.get("kind") == kind
                return _COMPILED.structure_fn(cls, tagged=tagged)(data)
            return _FAST.structure(data, cls)
    except Exception:  # noqa: BLE001 - every failure is re-run below to find its place
        pass
    finally:
        _COMPILED.forget_ids()
    try:
        with collector_paused():
            result: T = _DETAILED.structure(data, cls)
    except Exception as exc:  # noqa: BLE001 - turned into issues with paths
        issues = issues_from_exception(exc)
        name = getattr(cls, "__name__", str(cls))
        raise SchemaViolationError(f"the data is not a valid {name}", issues) from None
    return result  # pragma: no cover - the fast path failed, so the detailed one does too


def unstructure(obj: Any) -> Any:
    """The JSON-like data of a model object (dicts, lists, strings, numbers)."""
    cls = obj.__class__
    with collector_paused():
        if _is_model_class(cls):
            return _COMPILED.unstructure_fn(cls)(obj)
        return _FAST.unstructure(obj)


def loads(
    data: bytes | bytearray | memoryview | str,
    cls: type[T] = Document,  # type: ignore[assignment]
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> T:
    """Read a JSON document; every failure is an
    :class:`~inspection_schema.errors.InspectionSchemaError` (passing neither bytes nor text is
    a ``TypeError``, as in the XML reader)."""
    if not isinstance(data, bytes | bytearray | memoryview | str):
        raise TypeError(f"loads() reads bytes or str, not {type(data).__name__}")
    fast_input = data  # what the msgspec path reads: text encoded once, here
    if isinstance(data, str):
        try:
            encoded = data.encode("utf-8")
        except UnicodeEncodeError as exc:  # a lone surrogate: no JSON text can hold one
            raise UnreadableInputError(
                "text that UTF-8 cannot carry", [_issue("S001", "$", *unencodable(data, exc))]
            ) from None
        size = len(encoded)
        if type(data) is str:  # a subclass goes on as it is, for orjson to refuse as before
            fast_input = encoded
    else:
        size = data.nbytes if isinstance(data, memoryview) else len(data)  # bytes, not items
    if size > max_bytes:
        raise UnreadableInputError(
            "input too large",
            [
                _issue(
                    "S002",
                    "$",
                    f"input is {size} bytes, more than the limit of {max_bytes}",
                    f"输入为 {size} 字节,超过上限 {max_bytes} 字节",
                )
            ],
        )
    if size == 0 or (isinstance(data, str) and not data.strip()):
        raise UnreadableInputError(
            "empty input", [_issue("S001", "$", "the input is empty", "输入为空")]
        )
    # one pause for parsing and structuring: resumed in between, the collector would walk the
    # whole parsed tree at the first allocation of the structuring
    with collector_paused():
        if cls is Document:
            from .json_fast import read_document  # it imports this module: not at the top

            document = read_document(fast_input)
            if document is not None:
                return document  # type: ignore[return-value]
        try:
            raw = orjson.loads(data)
        except orjson.JSONDecodeError as exc:
            raise UnreadableInputError(
                "not a JSON document",
                [
                    Issue(
                        code="S001",
                        severity=Severity.ERROR,
                        path="$",
                        message=f"not valid JSON: {exc.msg}",
                        message_zh=f"不是有效的 JSON:{exc.msg}",
                        line=exc.lineno,
                        column=exc.colno,
                    )
                ],
            ) from None
        if cls is Document and type(raw) is dict:
            version = raw.get("schema_version")
            if type(version) is str and version.split(".", 1)[0] != CURRENT_MAJOR:
                raw = migrate("json", version.split(".", 1)[0], raw, path="$.schema_version")
        return structure(raw, cls)


_DUMPS_OPTIONS: Final = orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE


def dumps(obj: Any) -> bytes:
    """Canonical JSON bytes of a model object.

    A model object built in Python with a value no format can carry (a naive date-time, an
    integer beyond 64 bits, extension data that is not JSON) raises
    :class:`~inspection_schema.errors.SchemaViolationError`.
    """
    if _is_model_class(obj.__class__):
        _COMPILED.encode_fn(obj.__class__)
        try:
            return orjson.dumps(obj, default=_ENCODE, option=_DUMPS_OPTIONS)
        except Exception:  # noqa: BLE001 - written (or refused) as before on the plain path
            pass
    try:
        return orjson.dumps(unstructure(obj), option=_DUMPS_OPTIONS)
    except (ValueProblem, TypeError) as exc:
        code, message_zh = (
            (exc.code, exc.message_zh)
            if isinstance(exc, ValueProblem)
            else (
                "S101",
                f"无法写出:{exc}",
            )
        )
        raise SchemaViolationError(
            "the document cannot be written", [_issue(code, "$", str(exc), message_zh)]
        ) from None


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _json_type_zh(value: object) -> str:
    return {
        "null": "null",
        "a boolean": "布尔值",
        "a number": "数",
        "a string": "字符串",
        "a list": "列表",
        "an object": "对象",
    }.get(_json_type(value), type(value).__name__)


def _show(value: object) -> str:
    text = (
        orjson.dumps(value).decode() if _json_type(value) != type(value).__name__ else repr(value)
    )
    return text if len(text) <= 60 else text[:57] + "..."
