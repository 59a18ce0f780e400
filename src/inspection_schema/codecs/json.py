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
- text may hold any character XML 1.0 can carry and nothing else;
- output is UTF-8, not escaped, indented by two spaces, with a final newline: the same document
  always gives the same bytes.
"""

from __future__ import annotations

import datetime
import gc
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal, InvalidOperation
from typing import Any, Final, TypeVar, get_args, get_origin

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
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override
from cattrs.preconf.orjson import make_converter as _make_orjson_converter

from ..errors import Issue, SchemaViolationError, Severity, UnreadableInputError
from ..model import (
    HISTORY_EVENT_TYPES,
    CodeList,
    Document,
    Extensions,
    HistoryEvent,
    info,
)
from ..model.text import FORBIDDEN, ID_PATTERN, describe
from ..paths import join_index, join_key

T = TypeVar("T")

DEFAULT_MAX_BYTES: Final = 512 * 1024 * 1024
"""Largest JSON input read by default (512 MiB: a ledger of several hundred thousand entries)."""

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:Z|[+-]\d{2}:\d{2})")
_DECIMAL = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?")
_EVENT_BY_KIND: Final[dict[str, type[HistoryEvent]]] = {
    cls.KIND: cls for cls in HISTORY_EVENT_TYPES
}


class ValueProblem(ValueError):
    """A value of the right JSON type that the schema refuses; ``code`` names the issue kind."""

    def __init__(self, code: str, message: str, message_zh: str) -> None:
        super().__init__(message)
        self.code = code
        self.message_zh = message_zh


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
    found = FORBIDDEN.search(value)
    assert found is not None
    name = describe(found.group())
    return ValueProblem(
        "S104",
        f"character {name} at offset {found.start()} cannot be carried by XML 1.0",
        f"第{found.start() + 1}个字符 {name} 不能在 XML 1.0 中表示",
    )


def _structure_id(value: Any, _: Any) -> str:
    if type(value) is not str:
        raise _type_problem("an id string", "标识字符串", value)
    if ID_PATTERN.fullmatch(value) is None:
        raise ValueProblem(
            "S105",
            f"{value[:80]!r} is not a valid id (a letter or _ then letters, digits, _ . -)",
            f"{value[:80]!r} 不是有效的标识(以字母或下划线开头,仅含字母、数字、_ . -)",
        )
    return value


def _structure_int(value: Any, _: Any) -> int:
    if type(value) is not int:
        raise _type_problem("an integer", "整数", value)
    return value


def _structure_bool(value: Any, _: Any) -> bool:
    if type(value) is not bool:
        raise _type_problem("true or false", "true 或 false", value)
    return value


def _structure_date(value: Any, _: Any) -> datetime.date:
    if type(value) is not str or _DATE.fullmatch(value) is None:
        raise ValueProblem(
            "S101",
            f"expected a date YYYY-MM-DD, got {_show(value)}",
            f"应为 YYYY-MM-DD 格式的日期,实为 {_show(value)}",
        )
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ValueProblem(
            "S101", f"{value} is not a calendar date", f"{value} 不是有效日期"
        ) from None


def _structure_datetime(value: Any, _: Any) -> datetime.datetime:
    if type(value) is not str or _DATETIME.fullmatch(value) is None:
        raise ValueProblem(
            "S101",
            f"expected a date-time with offset (2023-06-09T10:00:00+08:00), got {_show(value)}",
            f"应为带时区偏移的日期时间(如 2023-06-09T10:00:00+08:00),实为 {_show(value)}",
        )
    try:
        return datetime.datetime.fromisoformat(value)
    except ValueError:
        raise ValueProblem(
            "S101", f"{value} is not a valid date-time", f"{value} 不是有效的日期时间"
        ) from None


def _structure_decimal(value: Any, _: Any) -> Decimal:
    if type(value) is not str or _DECIMAL.fullmatch(value) is None:
        raise ValueProblem(
            "S101",
            f'expected a decimal number as a string ("98.71"), got {_show(value)}',
            f'应为字符串形式的十进制数(如 "98.71"),实为 {_show(value)}',
        )
    try:
        return Decimal(value)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid literals
        raise ValueProblem("S101", f"{value} is not a number", f"{value} 不是数") from None


def _unstructure_decimal(value: Decimal) -> str:
    return format(value, "f")


def _make_code_hook(cls: type[CodeList]) -> Callable[[Any, Any], CodeList]:
    members: dict[str, CodeList] = {member.value: member for member in cls}
    allowed = ", ".join(members)

    def structure_code(value: Any, _: Any) -> CodeList:
        if type(value) is str:
            member = members.get(value)
            if member is not None:
                return member
        raise ValueProblem(
            "S106",
            f"{_show(value)} is not in the code list {cls.__name__} ({allowed})",
            f"{_show(value)} 不在代码表“{cls.TERM}”中(可选:{allowed})",
        )

    return structure_code


def _structure_extensions(value: Any, _: Any) -> dict[str, Any]:
    if type(value) is not dict:
        raise _type_problem("an object", "对象", value)
    for key in value:
        if not key:
            raise ValueProblem("S101", "an extension namespace is empty", "扩展命名空间为空")
    return value  # type: ignore[no-any-return]


def _sorted_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _sorted_json(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [_sorted_json(item) for item in value]
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
        overrides = {
            a.name: override(struct_hook=hook)
            for a in attrs.fields(cls)  # type: ignore[misc]
            if (hook := _field_struct_hook(a)) is not None
        }
        inner = make_dict_structure_fn(
            cls,
            converter,
            _cattrs_forbid_extra_keys=True,
            **overrides,
        )

        def structure_object(value: Any, _: Any) -> T:
            if type(value) is not dict:
                raise _type_problem("an object", "对象", value)
            return inner(value, cls)

        return structure_object

    return factory


def _make_class_unstructure(converter: Converter) -> Callable[[type[Any]], Callable[[Any], Any]]:
    def factory(cls: type[Any]) -> Callable[[Any], Any]:
        inner = make_dict_unstructure_fn(cls, converter, _cattrs_omit_if_default=True)
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
    converter.register_unstructure_hook(datetime.datetime, datetime.datetime.isoformat)
    converter.register_structure_hook(Decimal, _structure_decimal)
    converter.register_unstructure_hook(Decimal, _unstructure_decimal)
    for cls in _code_lists():
        converter.register_structure_hook(cls, _make_code_hook(cls))
        converter.register_unstructure_hook(cls, str.__str__)
    converter.register_structure_hook_factory(
        _is_code_set, lambda t: _make_code_set_hook(get_args(t)[0])
    )
    converter.register_unstructure_hook_func(_is_code_set, _unstructure_code_set)
    converter.register_structure_hook_func(_is_extensions, _structure_extensions)
    converter.register_unstructure_hook_func(_is_extensions, _sorted_json)
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


def make_converter(*, detailed_validation: bool = True) -> Converter:
    """A new converter with the inspection-schema wire rules (orjson preconf underneath)."""
    converter = _make_orjson_converter(
        forbid_extra_keys=True,
        omit_if_default=True,
        detailed_validation=detailed_validation,
    )
    configure_converter(converter)
    return converter


_FAST: Final = make_converter(detailed_validation=False)
_DETAILED: Final = make_converter(detailed_validation=True)


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
        return [_issue(exc.code, path, str(exc), exc.message_zh)]
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


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a large acyclic object graph is built."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def structure(data: Any, cls: type[T] = Document) -> T:  # type: ignore[assignment]
    """Build a model object from JSON-like data; raises :class:`SchemaViolationError`."""
    try:
        with collector_paused():
            return _FAST.structure(data, cls)
    except Exception:  # noqa: BLE001 - every failure is re-run below to find its place
        pass
    try:
        with collector_paused():
            result: T = _DETAILED.structure(data, cls)
    except Exception as exc:  # noqa: BLE001 - turned into issues with paths
        issues = issues_from_exception(exc)
        raise SchemaViolationError(f"the data is not a valid {cls.__name__}", issues) from None
    return result  # pragma: no cover - the fast path failed, so the detailed one does too


def unstructure(obj: Any) -> Any:
    """The JSON-like data of a model object (dicts, lists, strings, numbers)."""
    return _FAST.unstructure(obj)


def loads(
    data: bytes | bytearray | memoryview | str,
    cls: type[T] = Document,  # type: ignore[assignment]
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> T:
    """Read a JSON document; every failure is an :class:`~inspection_schema.errors.InspectionSchemaError`."""
    size = len(data.encode("utf-8")) if isinstance(data, str) else len(data)
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
    try:
        with collector_paused():
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
    return structure(raw, cls)


def dumps(obj: Any) -> bytes:
    """Canonical JSON bytes of a model object."""
    return orjson.dumps(unstructure(obj), option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)


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
