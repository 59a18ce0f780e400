"""The JSON reader's fast path: msgspec parses into structs mirrored from the model.

Why: building the model from the dicts ``orjson.loads`` returns spends most of its time asking
of each value what msgspec asks while it parses, in C (is it a string, is this key known, is
every required key there, which kind of history event is this). So :func:`read_document`
has msgspec decode the bytes into one ``msgspec.Struct`` per model class, generated from the
model (the one description of the schema), with unknown keys forbidden and the history events
tagged by ``kind``, dates and codes read as such; what is left to Python is setting the
model's slots and the checks msgspec cannot express (ids, the integer range, extension slots,
and the rare date-times, decimals and sets of codes, which the converter's own hooks read).

It answers ``None`` whenever it is not sure (a backslash escape that could hide a character
XML cannot carry, another major version, anything msgspec or a check refuses), and the codec
then reads the document the old way, which says what is wrong and where. So the fast path only
ever accepts what the detailed converter accepts and builds an equal model; the tests compare
the two on generated documents and on broken ones.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Final, Union, cast

import attrs
import msgspec
import orjson

from ..model import HISTORY_EVENT_TYPES, CodeList, Document, Extensions, HistoryEvent, info
from ..versions import CURRENT_MAJOR
from . import json as _json
from .lexical import INT_MAX, INT_MIN, ids_valid

_ESCAPE: Final = re.compile(rb"(?<!\\)(?:\\\\)*\\[ubf]")
"""Escapes that can stand for a character XML cannot carry (``\\u0001``, ``\\b``, ``\\f``): an
odd run of backslashes before the letter, so that an escaped backslash (``\\\\b``) is not one."""

_NON_CHARACTER: Final = re.compile(b"\xef\xbf[\xbe\xbf]")
"""U+FFFE or U+FFFF in UTF-8: the forbidden characters a JSON string may hold unescaped."""

_NESTING_ALLOWED: Final = 512
"""Brackets an extension slot may open before the old path decides (orjson stops at 1024
levels counted from the root; the model itself nests a few dozen at most)."""


def _plain(data: bytes | bytearray) -> bool:
    """Whether no string of ``data`` can hold a character XML 1.0 cannot carry.

    Raw control characters are not JSON and invalid UTF-8 (lone surrogates included) is
    refused by msgspec, so such a character can only come as an escape or as U+FFFE/U+FFFF.
    """
    if b"\\" in data and _ESCAPE.search(data) is not None:
        return False
    return _NON_CHARACTER.search(data) is None


_Builder = Callable[[Any, list[str]], Any]
"""Builds a model object from its struct, putting the ids it holds on the list (unchecked)."""


class _Mirror:
    """The structs mirrored from the model and the functions that build the model from them.

    The builders are generated Python, as the compiled path's structure functions are: msgspec
    can build attrs classes itself, but not a union of them (the history events), not without
    silently dropping unknown keys, and ``msgspec.convert`` costs more per call than a small
    object does to build.
    """

    def __init__(self) -> None:
        self._structs: dict[tuple[type, bool], Any] = {}
        self._builders: dict[type, _Builder] = {}

    # -- the structs ------------------------------------------------------------------------

    def struct(self, cls: type, *, tagged: bool = False) -> Any:
        """The struct of a model class: its fields, JSON-shaped, no unknown key allowed."""
        found = self._structs.get((cls, tagged))
        if found is not None:
            return found
        attrs.resolve_types(cls)
        fields: list[tuple[str, Any, Any] | tuple[str, Any]] = []
        for a in attrs.fields(cls):
            shape = self._shape(a.type) if info(a).role == "value" else self._id_shape(a.type)
            if a.default is attrs.NOTHING:
                fields.append((a.name, shape))
            elif a.type == Extensions:
                fields.append((a.name, shape, None))  # absent; an explicit null is b"null"
            elif isinstance(a.default, (tuple, frozenset)) and not a.default:
                fields.append((a.name, shape, msgspec.field(default_factory=list)))
            elif a.default is None or isinstance(a.default, (bool, int, str)):
                fields.append((a.name, shape, a.default))
            else:  # pragma: no cover - the model has no other kind of default
                raise TypeError(f"{cls.__name__}.{a.name}: no msgspec default for {a.default!r}")
        options: dict[str, Any] = {"forbid_unknown_fields": True, "gc": False, "kw_only": True}
        if tagged:
            options.update(tag_field="kind", tag=cls.KIND)  # type: ignore[attr-defined]
        name = f"{cls.__name__}{'Event' if tagged else ''}Struct"
        found = self._structs[(cls, tagged)] = msgspec.defstruct(name, fields, **options)
        return found

    @staticmethod
    def _id_shape(tp: Any) -> Any:
        if _json._homogeneous_item(tp) is not None:
            return list[str]
        return str | None if _json._is_optional(tp) else str

    def _shape(self, tp: Any) -> Any:
        """The type msgspec reads for a value field of type ``tp``."""
        if tp in (str, bool, datetime.date):
            return tp
        if tp is int:
            return int  # the builder checks the range, wider than msgspec's int64 bounds
        if isinstance(tp, type) and issubclass(tp, CodeList):
            return tp
        if tp in (datetime.datetime, Decimal):
            return str  # the converter's own hook reads it
        if tp == Extensions:
            return msgspec.Raw  # read by orjson, so free JSON means exactly what it means there
        if tp == HistoryEvent:
            return Union[tuple(self.struct(cls, tagged=True) for cls in HISTORY_EVENT_TYPES)]  # noqa: UP007
        if _json._is_model_class(tp):
            return self.struct(tp)
        if _json._is_optional(tp):
            return self._shape(_json._non_none(tp)) | None
        item = _json._homogeneous_item(tp)
        if item is not None:
            return list[self._shape(item)]  # type: ignore[misc]
        if _json._is_code_set(tp):
            return list[str]  # the converter's hook refuses a code listed twice
        raise TypeError(f"no msgspec shape for {tp!r}")

    # -- the builders -----------------------------------------------------------------------

    def builder(self, cls: type) -> _Builder:
        """The function that builds a ``cls`` from its struct."""
        fn = self._builders.get(cls)
        if fn is None:
            fn = self._builders[cls] = self._make_builder(cls)
        return fn

    def _make_builder(self, cls: type) -> _Builder:
        if not _json._init_only_sets_fields(cls):  # pragma: no cover - true of every model class
            raise TypeError(f"{cls.__name__} does more in __init__ than set its fields")
        src = _json._Source()
        src.names.update(new=object.__new__, cls=cls)
        fn_name = f"build_{cls.__name__}"
        src.add(0, f"def {fn_name}(s, L):")
        src.add(1, "obj = new(cls)")
        for a in attrs.fields(cls):
            setter = src.name(getattr(cls, a.name).__set__, f"set_{a.name}")
            var = f"s.{a.name}"
            if a.type == Extensions:
                value = f"{src.name(self._slot(cls), 'slot')}({var})"
            elif info(a).role == "value":
                value = self._value(src, var, a.type)
            else:
                src.add(1, f"v = {var}")
                self._ids(src, a.type)
                value = "v"
            src.add(1, f"{setter}(obj, {value})")
        src.add(1, "return obj")
        return cast(_Builder, src.compile(fn_name, cls))

    @staticmethod
    def _ids(src: _json._Source, tp: Any) -> None:
        """Lines that put the id or ids in ``v`` on the list ``L``, which the reader checks once
        the document is built (:func:`~.lexical.ids_valid`)."""
        src.names["tuple"] = tuple
        if _json._homogeneous_item(tp) is not None:
            src.add(1, "L += v")
            src.add(1, "v = tuple(v)")
        elif _json._is_optional(tp):
            src.add(1, "if v is not None:")
            src.add(2, "L.append(v)")
        else:
            src.add(1, "L.append(v)")

    def _value(self, src: _json._Source, var: str, tp: Any) -> str:
        """The expression that turns ``var`` from its struct shape into the model's value."""
        if tp in (str, bool, datetime.date) or (isinstance(tp, type) and issubclass(tp, CodeList)):
            return var  # msgspec read it strictly: the type, the date, the code
        if tp is int:
            src.names.update(INT_MIN=INT_MIN, INT_MAX=INT_MAX, refuse=_json._refuse)
            return f"({var} if INT_MIN <= {var} <= INT_MAX else refuse({var}))"
        if _json._is_model_class(tp):
            return f"{src.name(self.builder(tp), 'build')}({var}, L)"
        if _json._is_optional(tp):
            inner = self._value(src, var, _json._non_none(tp))
            return var if inner == var else f"(None if {var} is None else {inner})"
        item = _json._homogeneous_item(tp)
        if item == HistoryEvent:
            src.names.update(tuple=tuple, type=type)
            events = {self.struct(c, tagged=True): self.builder(c) for c in HISTORY_EVENT_TYPES}
            return f"tuple([{src.name(events, 'events')}[type(x)](x, L) for x in {var}])"
        if item is not None:
            src.names["tuple"] = tuple
            inner = self._value(src, "x", item)
            return f"tuple({var})" if inner == "x" else f"tuple([{inner} for x in {var}])"
        # date-times, decimals, sets of codes: rare, so the converter's own hook reads them
        hook = src.name(_json._FAST.get_structure_hook(tp), "hook")
        return f"{hook}({var}, {src.name(tp, 'type')})"

    def _slot(self, owner: type) -> Callable[[msgspec.Raw | None], dict[str, Any]]:
        """An extension slot: orjson reads its bytes, the compiled path's slot hook checks them."""
        structure_slot = _json._COMPILED.slot_structure_fn(owner)

        def read_slot(raw: msgspec.Raw | None) -> dict[str, Any]:
            if raw is None:
                return {}
            data = bytes(raw)
            if data.count(b"[") + data.count(b"{") > _NESTING_ALLOWED:
                raise _json._Refused
            return structure_slot(orjson.loads(data))

        return read_slot


def _reader() -> Callable[[bytes | bytearray], Document | None]:
    mirror = _Mirror()
    decoder = msgspec.json.Decoder(mirror.struct(Document))
    build = mirror.builder(Document)

    def read(data: bytes | bytearray) -> Document | None:
        if not _plain(data):
            return None
        try:
            struct = decoder.decode(data)
            if struct.schema_version.split(".", 1)[0] != CURRENT_MAJOR:
                return None  # the old path migrates it, or says why it cannot
            ids: list[str] = []
            document: Document = build(struct, ids)
        except Exception:  # noqa: BLE001 - any doubt: the old path reads it and says why
            return None
        finally:
            _json._COMPILED.forget_ids()
        return document if ids_valid(ids) else None

    return read


_READ: Callable[[bytes | bytearray], Document | None] | None = None


def read_document(data: bytes | bytearray | memoryview | str) -> Document | None:
    """The document in ``data``, or ``None`` when the old path must decide.

    Call it with the collector paused, as ``loads`` does.
    """
    global _READ
    if _READ is None:
        _READ = _reader()
    # exactly what orjson takes: no subclass, no view that is not contiguous (nor released)
    if type(data) is str:
        try:
            data = data.encode("utf-8")
        except UnicodeEncodeError:
            return None
    elif type(data) is memoryview:
        try:
            if not data.c_contiguous:
                return None
            data = data.tobytes()
        except ValueError:
            return None
    if type(data) is not bytes and type(data) is not bytearray:
        return None
    return _READ(data)
