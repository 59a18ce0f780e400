"""The JSON Schema (draft 2020-12) of the JSON document, generated from the model.

Nothing here describes a class or a field: the schema is the model walked field by field, its
types read from the annotations and its terms from the field metadata, as the codec
(:mod:`inspection_schema.codecs.json`) reads them; it restates the codec's wire rules:

- one ``$defs`` entry per model class (``additionalProperties: false``, ``required`` = fields
  without default, ``kind`` const on history events) and per code list (``enum`` of codes, the
  Chinese terms in ``x-terms``), plus the named scalar formats (``Text``, ``Id``, ``Date``,
  ``DateTime``, ``Decimal``, ``Integer``, ``Extensions``);
- an optional field may be absent or ``null``; a field with a default may be absent and carries
  the default as a ``default`` annotation (the codec leaves it out when writing);
- patterns are written for both regex dialects a validator may use: ECMA-262 with or without
  the ``u`` flag, and Python's ``re`` (which the ``jsonschema`` library uses). ``$`` alone would
  let Python accept a trailing newline, so every anchor is ``$(?!\\n)``; ``\\d`` is spelt
  ``[0-9]`` because Python's matches any Unicode digit;
- dates and date-times are checked for the calendar too (no 30 February), as the codec's
  ``fromisoformat`` does; ``format`` is added only as an annotation;
- integers are bounded by what the JSON reader (orjson) reads as an integer: a larger number
  arrives as a float and is refused.

Typed extensions (:mod:`inspection_schema.extensions`): when some are registered, the
``extensions`` slot of each class gives every registered namespace a schema, the extension's
value where the class is one of its targets and ``false`` elsewhere; the extension's classes
and code lists are ``$defs`` named ``<prefix>:<Class>``. With none registered the schema is
exactly the core's. :func:`extension_json_schema` is the schema of one extension's value alone.

What JSON Schema cannot say is listed in :data:`LIMITS`.
"""

from __future__ import annotations

import datetime
import inspect
import os
import tempfile
import types
import typing
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, Final, get_args, get_origin

import attrs
import orjson

from ..codecs.json import make_converter
from ..codecs.lexical import DECIMAL as _DECIMAL
from ..extensions import (
    SchemaExtension,
    extension_classes,
    extension_code_lists,
    registered_extensions,
)
from ..model import (
    ALL_CODE_LISTS,
    SCHEMA_VERSION,
    CodeList,
    Document,
    Extensions,
    class_term,
    info,
)
from ..model.text import FORBIDDEN, ID_PATTERN

DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
MAJOR_VERSION: Final = SCHEMA_VERSION.split(".", 1)[0]
SCHEMA_ID: Final = f"https://inspection-schema.org/schema/{MAJOR_VERSION}/document.json"
FILE_NAME: Final = f"inspection-schema-{MAJOR_VERSION}.schema.json"

LIMITS: Final = (
    "A JSON number with a zero fraction (1.0) is an integer to JSON Schema; the codec wants 1.",
    "Ids are checked for their form only: that a reference names an object of the right kind "
    "(and that ids are unique) is a semantic check, not a schema one.",
    "Which parts a document kind requires (KIND_REQUIREMENTS) is left to the validator.",
)
"""Rules of the format the schema cannot express, so a schema-valid document may still fail."""

INT_MIN: Final = -(2**63)
INT_MAX: Final = 2**64 - 1
"""The integers orjson reads as integers; beyond them a JSON number becomes a float."""

_END: Final = r"$(?!\n)"
"""End of input in every dialect: Python's ``$`` also matches before a final newline."""

_YEAR: Final = "(?!0000)[0-9]{4}"
_MONTH_DAY: Final = (
    "(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])"
    "|(?:0[13-9]|1[0-2])-(?:29|30)"
    "|(?:0[13578]|1[02])-31)"
)
_LEAP_YEAR: Final = (
    "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)"
)
_DATE_BODY: Final = f"(?:{_YEAR}-{_MONTH_DAY}|{_LEAP_YEAR}-02-29)"
_TIME_BODY: Final = "(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]{1,6})?"
_OFFSET_BODY: Final = "(?:Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))"

DATE_PATTERN: Final = f"^{_DATE_BODY}{_END}"
"""``YYYY-MM-DD``, a real day of years 0001-9999 (the codec's ``fromisoformat`` range)."""

DATE_TIME_PATTERN: Final = f"^{_DATE_BODY}T{_TIME_BODY}{_OFFSET_BODY}{_END}"
"""A date-time with an explicit offset, the codec's ``_DATETIME`` with the calendar checked."""

_NONE_TYPE: Final = type(None)
_SURROGATES: Final = range(0xD800, 0xE000)


def _whole(pattern: str) -> str:
    """An ECMA-262 pattern that matches all of a string iff ``pattern`` (Python) fullmatches."""
    out: list[str] = []
    in_class = False
    chars = iter(pattern)
    for char in chars:
        if char == "\\":
            escaped = next(chars)
            if escaped == "d":
                out.append("0-9" if in_class else "[0-9]")
            elif escaped in "DwWsSbBAZ":
                raise ValueError(f"\\{escaped} means different things in Python and ECMA-262")
            else:
                out.append("\\" + escaped)
            continue
        if char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        out.append(char)
    return f"^(?:{''.join(out)}){_END}"


def _escape(code_point: int) -> str:
    return f"\\u{code_point:04X}"


@cache
def text_pattern() -> str:
    """The pattern of text, derived from :data:`~inspection_schema.model.text.FORBIDDEN`.

    Without the ``u`` flag an ECMA-262 pattern sees UTF-16 code units, so a character beyond
    the BMP is a surrogate pair: the second alternative lets pairs through while lone
    surrogates stay refused. With ``u`` (and in Python) a pair is one character that the class
    already admits, and the alternative never matches.
    """
    everything = "".join(map(chr, range(0x110000)))
    forbidden = [match.start() for match in FORBIDDEN.finditer(everything)]
    if any(code_point > 0xFFFF for code_point in forbidden):
        raise ValueError("FORBIDDEN holds characters beyond the BMP: extend text_pattern()")
    ranges: list[list[int]] = []
    for code_point in forbidden:
        if ranges and ranges[-1][1] == code_point - 1:
            ranges[-1][1] = code_point
        else:
            ranges.append([code_point, code_point])
    refused = "".join(
        _escape(low) if low == high else f"{_escape(low)}-{_escape(high)}" for low, high in ranges
    )
    pair = f"[{_escape(0xD800)}-{_escape(0xDBFF)}][{_escape(0xDC00)}-{_escape(0xDFFF)}]"
    return f"^(?:[^{refused}]|{pair})*{_END}"


def _first_line(cls: type) -> str:
    doc = cls.__doc__
    return inspect.cleandoc(doc).splitlines()[0] if doc else ""


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{name}"}


def _is_model_class(hint: object) -> bool:
    return isinstance(hint, type) and attrs.has(hint) and hasattr(hint, "TERM")


def _scalar_defs() -> dict[str, dict[str, Any]]:
    """The named formats fields refer to, so each rule is written once."""
    return {
        "Text": {
            "title": "文本",
            "description": "Text: any characters XML 1.0 can carry.",
            "type": "string",
            "pattern": text_pattern(),
        },
        "Id": {
            "title": "标识",
            "description": "An id or a reference to one: an ASCII XML NCName.",
            "type": "string",
            "pattern": _whole(ID_PATTERN.pattern),
        },
        "Date": {
            "title": "日期",
            "description": "A calendar date, YYYY-MM-DD.",
            "type": "string",
            "format": "date",
            "pattern": DATE_PATTERN,
        },
        "DateTime": {
            "title": "日期时间",
            "description": "A date-time with an explicit UTC offset (GB/T 7408.1).",
            "type": "string",
            "format": "date-time",
            "pattern": DATE_TIME_PATTERN,
        },
        "Decimal": {
            "title": "十进制数",
            "description": 'A decimal number written as a string ("98.71"), so no digit is lost.',
            "type": "string",
            "pattern": _whole(_DECIMAL.pattern),
        },
        "Integer": {
            "title": "整数",
            "description": "An integer within what JSON readers take for one (64 bits).",
            "type": "integer",
            "minimum": INT_MIN,
            "maximum": INT_MAX,
        },
        "Extensions": {
            "title": "扩展",
            "description": "Plugin data keyed by the plugin's namespace: JSON values inside.",
            "type": "object",
            "propertyNames": {"minLength": 1, "pattern": text_pattern()},
            "additionalProperties": {"$ref": "#/$defs/JsonValue"},
        },
        "JsonValue": {
            "title": "JSON 值",
            "description": "Any JSON value whose text XML 1.0 can carry (every document has an "
            "XML twin) and whose integers fit in 64 bits.",
            "anyOf": [
                {"type": ["null", "boolean"]},
                {"type": "number", "not": {"type": "integer"}},
                {"$ref": "#/$defs/Integer"},
                {"$ref": "#/$defs/Text"},
                {"type": "array", "items": {"$ref": "#/$defs/JsonValue"}},
                {
                    "type": "object",
                    "propertyNames": {"pattern": text_pattern()},
                    "additionalProperties": {"$ref": "#/$defs/JsonValue"},
                },
            ],
        },
    }


class _Builder:
    """Walks the model from :class:`Document`, filling ``$defs`` in the order it meets classes."""

    def __init__(self, extensions: tuple[SchemaExtension, ...] = ()) -> None:
        self.defs: dict[str, dict[str, Any]] = _scalar_defs()
        self._owners: dict[str, type] = {}
        self._converter = make_converter()
        self.extensions = extensions
        self._names: dict[type, str] = {}
        """The definition names of extensions' classes and code lists (``prefix:Class``)."""

    def define_extension(self, extension: SchemaExtension) -> dict[str, Any]:
        """The reference to the definition of an extension's value (defining it first)."""
        prefix = extension.prefix
        for cls in (*extension_classes(extension.root), *extension_code_lists(extension.root)):
            if cls not in ALL_CODE_LISTS:
                self._names.setdefault(cls, f"{prefix}:{cls.__name__}")
        return self.define(extension.root)

    def _slot(self, owner: type) -> dict[str, Any]:
        """The ``extensions`` slot of ``owner``: free JSON, or the registered extensions'."""
        schema = _ref("Extensions")
        if self.extensions:
            schema["properties"] = {
                extension.namespace: (
                    self.define_extension(extension) if owner in extension.targets else False
                )
                for extension in self.extensions
            }
        return schema

    def define(self, cls: type) -> dict[str, Any]:
        name = self._names.get(cls, cls.__name__)
        owner = self._owners.get(name)
        if owner is cls:
            return _ref(name)
        if owner is not None or name in self.defs:
            raise TypeError(f"two schema definitions would be named {name}")
        self._owners[name] = cls
        self.defs[name] = {}  # reserved first, so a class that contains itself stops here
        if issubclass(cls, CodeList):
            self.defs[name] = self._code_list(cls)
        else:
            self.defs[name] = self._model_class(cls)
        return _ref(name)

    def _code_list(self, cls: type[CodeList]) -> dict[str, Any]:
        listing = "\n".join(f"{member.value}: {member.term}" for member in cls)
        doc = _first_line(cls)
        return {
            "title": cls.TERM,
            "description": f"{doc}\n\n{listing}" if doc else listing,
            "type": "string",
            "enum": [member.value for member in cls],
            "x-terms": {member.value: member.term for member in cls},
        }

    def _model_class(self, cls: type) -> dict[str, Any]:
        attrs.resolve_types(cls)
        hints = {attribute.name: attribute.type for attribute in attrs.fields(cls)}
        properties: dict[str, Any] = {}
        required: list[str] = []
        kind = getattr(cls, "KIND", None)
        if isinstance(kind, str):
            properties["kind"] = {"description": "The history event's tag.", "const": kind}
            required.append("kind")
        for attribute in attrs.fields(cls):
            if attribute.name in properties:
                raise TypeError(f"{cls.__name__}.{attribute.name} clashes with the kind tag")
            properties[attribute.name] = self._field(attribute, hints[attribute.name], cls)
            if attribute.default is attrs.NOTHING:
                required.append(attribute.name)
        schema: dict[str, Any] = {
            "title": class_term(cls),
            "description": _first_line(cls),
            "type": "object",
            "properties": properties,
        }
        if required:
            schema["required"] = required
        schema["additionalProperties"] = False
        return schema

    def _field(self, attribute: attrs.Attribute[Any], hint: Any, owner: type) -> dict[str, Any]:
        facts = info(attribute)
        schema: dict[str, Any] = {"title": facts.term}
        if hint == Extensions:
            schema.update(self._slot(owner))
        else:
            schema.update(self.type_schema(hint, facts.role))
        if facts.role == "ref":
            schema["x-references"] = list(facts.targets)
        elif facts.role == "id":
            schema["x-id"] = True
        if facts.disclosure is not None:
            schema["x-disclosure"] = str(facts.disclosure)
        default: object = attribute.default
        if default is not attrs.NOTHING:
            factory = getattr(default, "factory", None)  # attrs.Factory (its stub is a function)
            if callable(factory):
                default = factory()
            wire = self._converter.unstructure(default, unstructure_as=hint)
            schema["default"] = orjson.loads(orjson.dumps(wire))
        return schema

    def type_schema(self, hint: Any, role: str) -> dict[str, Any]:
        """The schema of a value of type ``hint``; ``role`` tells ids from text."""
        origin, args = get_origin(hint), get_args(hint)
        if hint is str:
            return _ref("Text" if role == "value" else "Id")
        if hint is bool:
            return {"type": "boolean"}
        if hint is int:
            return _ref("Integer")
        if hint is Decimal:
            return _ref("Decimal")
        if hint is datetime.datetime:
            return _ref("DateTime")
        if hint is datetime.date:
            return _ref("Date")
        if hint == Extensions:
            return _ref("Extensions")
        if _is_model_class(hint) or (isinstance(hint, type) and issubclass(hint, CodeList)):
            return self.define(hint)
        if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": self.type_schema(args[0], role)}
        if origin is frozenset and len(args) == 1:
            return {"type": "array", "items": self.type_schema(args[0], role), "uniqueItems": True}
        if origin in (types.UnionType, typing.Union):
            members = [arg for arg in args if arg is not _NONE_TYPE]
            inner = (
                self.type_schema(members[0], role) if len(members) == 1 else self._tagged(members)
            )
            if len(members) == len(args):
                return inner
            return {"anyOf": [inner, {"type": "null"}]}
        raise TypeError(f"no JSON Schema for the model type {hint!r}")

    def _tagged(self, members: list[Any]) -> dict[str, Any]:
        """A union of history events: told apart by their ``kind`` tag."""
        if not all(
            _is_model_class(m) and isinstance(getattr(m, "KIND", None), str) for m in members
        ):
            raise TypeError(f"a union must be of classes with a KIND tag: {members!r}")
        return {"oneOf": [self.define(member) for member in members]}


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the document format, built afresh from the model at every call.

    The registered typed extensions are part of it (see the module's description).
    """
    builder = _Builder(registered_extensions())
    root = builder.define(Document)
    return {
        "$schema": DIALECT,
        "$id": SCHEMA_ID,
        "title": f"{class_term(Document)} (inspection-schema {SCHEMA_VERSION})",
        "description": _first_line(Document),
        **root,
        "$defs": builder.defs,
    }


def extension_json_schema(extension: SchemaExtension) -> dict[str, Any]:
    """The JSON Schema of one typed extension's value (what its namespace's key holds)."""
    builder = _Builder()
    root = builder.define_extension(extension)
    return {
        "$schema": DIALECT,
        "title": f"{extension.title} (inspection-schema {SCHEMA_VERSION})",
        "description": extension.description or _first_line(extension.root),
        "x-namespace": extension.namespace,
        **root,
        "$defs": builder.defs,
    }


def extension_file_name(extension: SchemaExtension) -> str:
    """The file name of an extension's JSON Schema: ``extension-<prefix>.schema.json``."""
    return f"extension-{extension.prefix}.schema.json"


def dumps_json_schema() -> bytes:
    """The schema as bytes: UTF-8 unescaped, two-space indent, model order, final newline."""
    return _bytes(json_schema())


def _bytes(schema: dict[str, Any]) -> bytes:
    return orjson.dumps(schema, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)


def write_json_schema(directory: Path) -> Path:
    """Write the schema to ``directory`` (which must exist) and return the file's path.

    The schema of each registered extension (:func:`extension_json_schema`) is written beside
    it, as :func:`extension_file_name` names it. The bytes go to a temporary file beside each
    target and are moved into place with :func:`os.replace`, so a reader never sees half a
    schema.
    """
    path = _write(Path(directory), FILE_NAME, dumps_json_schema())
    for extension in registered_extensions():
        _write(
            Path(directory),
            extension_file_name(extension),
            _bytes(extension_json_schema(extension)),
        )
    return path


def _write(directory: Path, name: str, data: bytes) -> Path:
    path = directory / name
    handle, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o644)  # mkstemp makes it private; a schema is meant to be read
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
