"""The documentation's element references and glossary, generated from the model.

The pages are read off the one description of the schema (the attrs classes, their field
metadata and the code lists), never written by hand, so they cannot drift from what the codecs
accept: the JSON element reference and the glossary from the model, the XML element reference
from the XML binding (:func:`~inspection_schema.codecs.xml.binding.binding`) with the type names
of the generated XML Schema. The output is Markdown for MkDocs with the ``attr_list`` and
``tables`` extensions; headings carry explicit anchors (the class name in lower case) so other
pages can link to ``reference.md#ledgerentry``. The same model always gives the same text.
"""

from __future__ import annotations

import datetime
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from decimal import Decimal
from types import NoneType, UnionType
from typing import Any, Final, Union, get_args, get_origin

import attrs

from .codecs.xml.binding import NAMESPACE, ROOT, FieldBinding, binding, class_tag
from .codecs.xml.writer import _FORMATTERS
from .model import (
    ALL_CODE_LISTS,
    KIND_REQUIREMENTS,
    MODEL_CLASSES,
    SCHEMA_VERSION,
    CodeList,
    Document,
    DocumentKind,
    Extensions,
    class_term,
    info,
)
from .model.codes import Classification
from .schemas.xsd import _SCALAR_TYPE, FILE_NAME, LIMITS, PREFIX, code_set_name

REFERENCE_PAGE: Final = "reference.md"
"""The page the glossary links into (relative to the docs directory)."""
XML_REFERENCE_PAGE: Final = "xml-reference.md"
"""The XML element reference (relative to the docs directory)."""
EXCHANGE_PAGE: Final = "exchange-format.md"
"""The hand-written page on the XML format, which the XML element reference links to."""

_CODE_LISTS: Final[tuple[type[CodeList], ...]] = tuple(
    sorted(ALL_CODE_LISTS, key=lambda cls: cls.__name__)
)
_MODEL_NAMES: Final = frozenset(cls.__name__ for cls in MODEL_CLASSES)
_CLASSIFICATIONS: Final = {level.value: level for level in Classification}


# -- reading the model -------------------------------------------------------------------------


def _fields(cls: type) -> tuple[attrs.Attribute[Any], ...]:
    attrs.resolve_types(cls)
    return tuple(attrs.fields(cls))


def wire_order(cls: type) -> tuple[attrs.Attribute[Any], ...]:
    """A class's fields in the order the canonical writer emits them: required ones first.

    The writer (cattrs with ``omit_if_default``) puts the fields without a default into the
    object before those it writes only when they differ from their default.
    """
    fields = _fields(cls)
    return tuple(a for a in fields if a.default is attrs.NOTHING) + tuple(
        a for a in fields if a.default is not attrs.NOTHING
    )


def _anchor(cls: type) -> str:
    return cls.__name__.lower()


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and tp.__name__ in _MODEL_NAMES and attrs.has(tp)


def _is_code_list(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, CodeList)


def _union_members(tp: Any) -> tuple[Any, ...]:
    """The non-``None`` members of a union (or the type itself)."""
    if get_origin(tp) in (UnionType, Union):
        return tuple(arg for arg in get_args(tp) if arg is not NoneType)
    return (tp,)


def _item_type(tp: Any) -> Any:
    """The element type of ``tuple[X, ...]`` or ``frozenset[X]``; ``tp`` itself otherwise."""
    if get_origin(tp) in (tuple, frozenset):
        return get_args(tp)[0]
    return tp


def _types_in(tp: Any) -> Iterator[type]:
    """The model classes and code lists a field's type mentions, in the order written."""
    if _is_model(tp) or _is_code_list(tp):
        yield tp
    elif get_origin(tp) in (UnionType, Union, tuple, frozenset):
        for arg in get_args(tp):
            if arg is not Ellipsis and arg is not NoneType:
                yield from _types_in(arg)


def _tag(cls: type) -> str | None:
    """The ``kind`` tag a history-event class carries on the wire, if it is one."""
    kind = cls.__dict__.get("KIND")
    return kind if isinstance(kind, str) else None


def _first_line(cls: type) -> str:
    doc = cls.__dict__.get("__doc__") or ""
    line = doc.strip().splitlines()[0] if doc.strip() else ""
    return _rst_to_markdown(line)


def _rst_to_markdown(text: str) -> str:
    text = re.sub(r":\w+:`~?(?:[\w.]+\.)?([\w]+)`", r"`\1`", text)
    return text.replace("``", "`")


def _containers() -> dict[type, list[tuple[type, str]]]:
    """For each class, the (class, key) pairs of the fields that hold it."""
    found: dict[type, list[tuple[type, str]]] = defaultdict(list)
    for owner in MODEL_CLASSES:
        for attribute in _fields(owner):
            if info(attribute).role != "value":
                continue
            for held in _types_in(attribute.type):
                if _is_model(held):
                    found[held].append((owner, attribute.name))
    return found


def _referrers() -> dict[str, list[tuple[type, str]]]:
    """For each class name, the (class, key) pairs of the fields that may refer to it."""
    found: dict[str, list[tuple[type, str]]] = defaultdict(list)
    for owner in MODEL_CLASSES:
        for attribute in _fields(owner):
            for target in info(attribute).targets:
                found[target].append((owner, attribute.name))
    return found


def _code_list_users() -> dict[type, list[tuple[type, str]]]:
    found: dict[type, list[tuple[type, str]]] = defaultdict(list)
    for owner in MODEL_CLASSES:
        for attribute in _fields(owner):
            for held in _types_in(attribute.type):
                if _is_code_list(held):
                    found[held].append((owner, attribute.name))
    return found


# -- Markdown helpers --------------------------------------------------------------------------


_ESCAPE: Final = re.compile(r"([\\*_<>\[\]|])")


def _text(value: str) -> str:
    """Escape plain text for a Markdown table cell, leaving code spans alone."""
    parts = value.split("`")
    for index in range(0, len(parts), 2):
        parts[index] = _ESCAPE.sub(r"\\\1", parts[index])
    for index in range(1, len(parts), 2):
        parts[index] = parts[index].replace("|", "\\|")
    return "`".join(parts)


def _code(value: str) -> str:
    return f"`{value}`"


def _link(cls: type, page: str = "") -> str:
    return f"[{cls.__name__}]({page}#{_anchor(cls)})"


def _member_of(owner: type, key: str, page: str = "") -> str:
    return f"{_link(owner, page)}.{_code(key)}"


def _table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> list[str]:
    head = list(header)
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return lines


def _heading(level: int, text: str, anchor: str) -> str:
    return f"{'#' * level} {text} {{ #{anchor} }}"


def _join(items: Iterable[str], empty: str = "—") -> str:
    listed = list(items)
    return ", ".join(listed) if listed else empty


# -- the wire types ----------------------------------------------------------------------------


_SCALARS: Final[dict[Any, str]] = {
    str: "string",
    int: "integer",
    bool: "boolean",
    datetime.date: "date",
    datetime.datetime: "date-time",
    Decimal: "decimal",
}

WIRE_TYPES: Final[tuple[tuple[str, str], ...]] = (
    ("string", "a JSON string; any character XML 1.0 can carry (no C0 controls but tab, LF, CR)"),
    ("id", "a string that is an XML NCName: a letter or `_`, then letters, digits, `_`, `.`, `-`"),
    ("reference", "an id of another object, in this document or declared as an external reference"),
    ("integer", 'a JSON integer (`1.0` and `"1"` are refused)'),
    ("boolean", '`true` or `false` (`1` and `"true"` are refused)'),
    ("date", 'a string `YYYY-MM-DD` (GB/T 7408.1), for example `"2023-06-09"`'),
    (
        "date-time",
        'a string with an explicit UTC offset, for example `"2023-06-09T10:00:00+08:00"`',
    ),
    ("decimal", 'a number written as a JSON string, for example `"98.71"`, so no digit is lost'),
    ("code", "a string from the named code list"),
    ("list of …", "a JSON array; left out when empty unless the field is required"),
    ("object", "a JSON object of the named class"),
    ("history event", "an object of one of the history-event classes, tagged by its `kind` key"),
    ("extensions", "a JSON object keyed by plugin namespace; the one place unknown data may go"),
)
"""The names the reference uses for types on the wire, with what each means."""


def _wire_type(attribute: attrs.Attribute[Any]) -> str:
    """How a field's value is written in JSON, in the reference's words, with links."""
    field_info = info(attribute)
    tp = attribute.type
    if tp == Extensions:
        return "extensions"
    members = _union_members(tp)
    if len(members) == 1:
        tp = members[0]
    origin = get_origin(tp)
    if origin is frozenset:
        item = get_args(tp)[0]
        return f"list of codes ({_link(item)}), each at most once"
    if origin is tuple:
        return "list of " + _single_type(get_args(tp)[0], field_info.role, plural=True)
    return _single_type(tp, field_info.role, plural=False)


def _single_type(tp: Any, role: str, *, plural: bool) -> str:
    if tp is str and role == "id":
        return "id"
    if tp is str and role == "ref":
        return "references" if plural else "reference"
    if tp in _SCALARS:
        name = _SCALARS[tp]
        return name + "s" if plural else name
    if _is_code_list(tp):
        return f"{'codes' if plural else 'code'} ({_link(tp)})"
    if _is_model(tp):
        return f"{'objects' if plural else 'object'} ({_link(tp)})"
    events = _union_members(tp)
    if len(events) > 1 and all(_is_model(cls) and _tag(cls) for cls in events):
        kinds = ", ".join(_link(cls) for cls in events)
        return f"{'history events' if plural else 'history event'} ({kinds})"
    raise TypeError(f"the reference cannot describe the type {tp!r}")


def _default(attribute: attrs.Attribute[Any]) -> str:
    default: Any = attribute.default
    if default is attrs.NOTHING:
        return "**required**"
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]  # typed as a function
        default = default.factory()
    if default is None:
        return "optional"
    return f"optional, default {_code(json.dumps(_json_value(default), ensure_ascii=False))}"


def _json_value(value: Any) -> Any:
    if isinstance(value, CodeList):
        return value.value
    if isinstance(value, tuple | frozenset | list):
        return [_json_value(item) for item in value]
    if isinstance(value, dict):
        return {key: _json_value(item) for key, item in value.items()}
    return value


def _targets(attribute: attrs.Attribute[Any]) -> str:
    names = info(attribute).targets
    by_name = {cls.__name__: cls for cls in MODEL_CLASSES}
    return _join(_link(by_name[name]) if name in by_name else _code(name) for name in names)


# -- the element reference ---------------------------------------------------------------------


def reference_markdown() -> str:
    """The JSON format's element reference: every class, field and code list of the model."""
    lines = [
        "# Element reference",
        "",
        "<!-- Generated by inspection_schema.reference.reference_markdown(): do not edit. -->",
        "",
        f"This page describes format version **{SCHEMA_VERSION}** of the JSON form of a document. "
        "It is generated from the model itself at every build of these docs, so it is exactly "
        "what the library reads and writes. The root of every document is a "
        f"{_link(Document)} object (JSON path `$`).",
        "",
        "- **Objects** are listed in the order of the document tree, the root first; "
        "**code lists** alphabetically.",
        "- In each object's table the rows are in the order the writer emits the keys: "
        "the required ones first, then the others. "
        "A field that is not *required* may be left out; the writer leaves out every field "
        "equal to its default. Only a field whose default is null (marked plain *optional*) "
        "may also be given as `null`; a list is never `null`.",
        "- A *reference* holds the id of another object, of one of the classes in the last "
        "column; it may also be the id of an "
        "[ExternalReference](#externalreference) declaring an object of such a class kept "
        "in another document.",
        "- The Chinese term (中文) is the word the model gives the field; the "
        "[glossary](glossary.md) lists them all.",
        "",
        _heading(2, "Types on the wire", "wire-types"),
        "",
        *_table(("Type", "How it is written"), ((_code(k), v) for k, v in WIRE_TYPES)),
        "",
        *_document_kinds(),
        _heading(2, "Objects", "objects"),
        "",
    ]
    containers = _containers()
    referrers = _referrers()
    for cls in MODEL_CLASSES:
        lines.extend(_class_section(cls, containers.get(cls, []), referrers.get(cls.__name__, [])))
    lines.extend([_heading(2, "Code lists", "code-lists"), ""])
    lines.extend(
        [
            "Each code is written on the wire as shown; the Chinese term is what offices "
            "write and what the library shows to people.",
            "",
        ]
    )
    users = _code_list_users()
    for code_list in _CODE_LISTS:
        lines.extend(_code_list_section(code_list, users.get(code_list, [])))
    return "\n".join(lines).rstrip("\n") + "\n"


def _document_kinds() -> list[str]:
    rows = []
    for kind in DocumentKind:
        parts = KIND_REQUIREMENTS.get(kind, ())
        rows.append(
            (
                _code(kind.value),
                _text(kind.term),
                "<br>".join(_code(part.path) for part in parts) or "—",
                "<br>".join(_text(part.reason) for part in parts) or "—",
            )
        )
    return [
        _heading(2, "Document kinds", "document-kinds"),
        "",
        f"A document's {_code('kind')} ({_link(DocumentKind)}) says which parts it must "
        "contain; every other part is optional for every kind, so a document may carry a "
        "partial record. In a path, `[*]` means every item of the list: "
        "`inspections[*].feedback` requires a feedback in each inspection.",
        "",
        *_table(("Kind", "中文", "Required parts", "Why (as the model states it)"), rows),
        "",
    ]


def _class_section(
    cls: type, held_by: list[tuple[type, str]], referred_by: list[tuple[type, str]]
) -> list[str]:
    lines = [_heading(3, f"{cls.__name__} — {class_term(cls)}", _anchor(cls)), ""]
    summary = _first_line(cls)
    if summary:
        lines.extend([_text(summary), ""])
    if cls is Document:
        where = "the root of the document (`$`)"
    else:
        where = _join(_member_of(owner, key) for owner, key in held_by)
    if referred_by:
        lines.append(f"Appears in: {where}.  ")
        lines.append(
            "Referred to by: "
            + ", ".join(_member_of(owner, key) for owner, key in referred_by)
            + "."
        )
    else:
        lines.append(f"Appears in: {where}.")
    lines.append("")
    rows: list[tuple[str, ...]] = []
    tag = _tag(cls)
    if tag is not None:
        rows.append(
            (_code("kind"), f"the string {_code(json.dumps(tag))}", "**required**", "—", "—")
        )
    notes: list[str] = []
    for attribute in wire_order(cls):
        field_info = info(attribute)
        term = _text(field_info.term)
        if field_info.role == "id":
            term += " (id)"
        rows.append(
            (
                _code(attribute.name),
                _wire_type(attribute),
                _default(attribute),
                term,
                _targets(attribute),
            )
        )
        if field_info.disclosure is not None:
            level = _CLASSIFICATIONS[field_info.disclosure]
            notes.append(
                f"{_code(attribute.name)} may be shown only in documents classified "
                f"{_code(level.value)} ({_text(level.term)}) or narrower "
                f"(see {_link(Classification)})."
            )
    lines.extend(_table(("Key", "Type", "Required", "中文", "References"), rows))
    lines.append("")
    if tag is not None:
        where = _join(_member_of(owner, key) for owner, key in held_by)
        lines.extend(
            [
                f"A history event: in {where} it is told apart from the other kinds by its "
                f"{_code('kind')}, written first.",
                "",
            ]
        )
    if notes:
        lines.extend(["Disclosure: " + " ".join(notes), ""])
    return lines


def _code_list_section(code_list: type[CodeList], used_by: list[tuple[type, str]]) -> list[str]:
    lines = [_heading(3, f"{code_list.__name__} — {code_list.TERM}", _anchor(code_list)), ""]
    summary = _first_line(code_list)
    if summary:
        lines.extend([_text(summary), ""])
    lines.extend(
        [
            "Used by: " + _join(_member_of(owner, key) for owner, key in used_by) + ".",
            "",
            *_table(
                ("Code", "中文", "Python"),
                (
                    (_code(member.value), _text(member.term), _code(f"{code_list.__name__}.{name}"))
                    for name, member in code_list.__members__.items()
                ),
            ),
            "",
        ]
    )
    return lines


# -- the glossary ------------------------------------------------------------------------------


def glossary_markdown() -> str:
    """The glossary: every Chinese term of the model beside its identifier, both ways round."""
    page = REFERENCE_PAGE
    containers = _containers()
    users = _code_list_users()

    classes = sorted(MODEL_CLASSES, key=lambda cls: (class_term(cls), cls.__name__))
    class_rows = [
        (
            _text(class_term(cls)),
            _link(cls, page),
            "root (`$`)"
            if cls is Document
            else _join(_member_of(owner, key, page) for owner, key in containers.get(cls, [])),
        )
        for cls in classes
    ]

    by_term: dict[tuple[str, str], list[type]] = defaultdict(list)
    for cls in MODEL_CLASSES:
        for attribute in _fields(cls):
            by_term[(info(attribute).term, attribute.name)].append(cls)
    field_rows = [
        (_text(term), _code(key), _join(_link(cls, page) for cls in owners))
        for (term, key), owners in sorted(by_term.items())
    ]

    list_rows = [
        (
            _text(code_list.TERM),
            _link(code_list, page),
            _join(_member_of(owner, key, page) for owner, key in users.get(code_list, [])),
        )
        for code_list in sorted(_CODE_LISTS, key=lambda cls: (cls.TERM, cls.__name__))
    ]

    codes = [
        (member.term, member.value, code_list) for code_list in _CODE_LISTS for member in code_list
    ]
    code_rows = [
        (_text(term), _code(value), _link(code_list, page))
        for term, value, code_list in sorted(codes, key=lambda c: (c[0], c[2].__name__, c[1]))
    ]

    name_rows = [
        (_link(cls, page), _text(class_term(cls)))
        for cls in sorted((*MODEL_CLASSES, *_CODE_LISTS), key=lambda cls: cls.__name__.lower())
    ]
    key_rows = [
        (_code(key), _text(term), _join(_link(cls, page) for cls in owners))
        for (key, term), owners in sorted(((k, t), o) for (t, k), o in by_term.items())
    ]
    reverse_code_rows = [
        (_code(value), _text(term), _link(code_list, page))
        for term, value, code_list in sorted(codes, key=lambda c: (c[1], c[2].__name__))
    ]

    lines = [
        "# Glossary 术语表",
        "",
        "<!-- Generated by inspection_schema.reference.glossary_markdown(): do not edit. -->",
        "",
        "Every Chinese term the model gives an object, a field or a code, beside the "
        "identifier used in Python and on the wire, in both directions. Each name links to "
        f"its entry in the [element reference]({page}). The page is generated from the model "
        "at every build of these docs.",
        "",
        "Chinese terms are listed in Unicode order, which for Chinese characters roughly follows "
        "the radical-and-stroke order of the Kangxi dictionary (部首笔画序), not pinyin; "
        "use the search box or the browser's find (Ctrl+F) to go straight to a term. "
        "The same Chinese term may name several things, and one key may carry different "
        "terms in different objects; every pairing is listed.",
        "",
        _heading(2, "中文 → identifier", "zh-to-identifier"),
        "",
        _heading(3, "对象 Objects", "zh-objects"),
        "",
        *_table(("中文", "Class", "Held in"), class_rows),
        "",
        _heading(3, "字段 Fields", "zh-fields"),
        "",
        *_table(("中文", "JSON key", "In objects"), field_rows),
        "",
        _heading(3, "代码表 Code lists", "zh-code-lists"),
        "",
        *_table(("中文", "Code list", "Used by"), list_rows),
        "",
        _heading(3, "代码 Codes", "zh-codes"),
        "",
        *_table(("中文", "Code", "Code list"), code_rows),
        "",
        _heading(2, "Identifier → 中文", "identifier-to-zh"),
        "",
        _heading(3, "Classes and code lists", "en-names"),
        "",
        *_table(("Name", "中文"), name_rows),
        "",
        _heading(3, "JSON keys", "en-keys"),
        "",
        *_table(("JSON key", "中文", "In objects"), key_rows),
        "",
        _heading(3, "Codes", "en-codes"),
        "",
        *_table(("Code", "中文", "Code list"), reverse_code_rows),
    ]
    return "\n".join(lines) + "\n"


# -- the XML element reference -----------------------------------------------------------------

XML_ITEM: Final = "item"
"""The element of one item of a list of texts (as the XML writer and reader name it)."""
XML_EXTENSION: Final = "extension"
"""The element holding one plugin's extension data (as the XML writer and reader name it)."""

XML_TYPES: Final[tuple[tuple[str, str, str], ...]] = (
    (
        "xs:string",
        "any text XML 1.0 can carry, kept exactly (whitespace included)",
        "string",
    ),
    (
        f"{PREFIX}:Id",
        "an `xs:ID`: a letter or `_`, then letters, digits, `_`, `.`, `-` (ASCII); unique in "
        "the document",
        "id",
    ),
    (f"{PREFIX}:IdRef", "an `xs:IDREF` of the same form, naming an id", "reference"),
    (
        f"{PREFIX}:IdRefs",
        "references separated by single spaces, `prob-1 prob-2`",
        "list of references",
    ),
    (f"{PREFIX}:Date", "`YYYY-MM-DD`, for example `2023-06-09`", "date"),
    (
        f"{PREFIX}:DateTime",
        "a date-time with an explicit offset and an hour from 00 to 23, for example "
        "`2023-06-09T10:00:00+08:00`",
        "date-time",
    ),
    (f"{PREFIX}:Decimal", "plain digits with an optional fraction, `98.71`", "decimal"),
    (
        f"{PREFIX}:Integer",
        "plain digits (no `+`, no leading `0`), within the 64-bit range",
        "integer",
    ),
    (f"{PREFIX}:Boolean", "`true` or `false` (not `1` or `0`)", "boolean"),
)
"""The scalar types of the XML Schema with their lexical form and their JSON counterpart."""


def _xml_holders() -> dict[type, list[tuple[str, type | None, FieldBinding | None]]]:
    """For each class, every (element name, owner class, owner's field) it is written as."""
    found: dict[type, list[tuple[str, type | None, FieldBinding | None]]] = defaultdict(list)
    found[Document].append((ROOT, None, None))
    for owner in MODEL_CLASSES:
        for field in binding(owner).elements:
            if field.form == "object":
                found[field.target].append((field.xml, owner, field))
            elif field.form == "objects":
                found[field.target].append((class_tag(field.target), owner, field))
            elif field.form == "events":
                for member in field.target:
                    found[member].append((class_tag(member), owner, field))
    return found


def _element(name: str) -> str:
    return _code(f"<{name}>")


def _xml_place(tag: str, owner: type | None, field: FieldBinding | None) -> str:
    """Where an element of a class appears, in words: ``<round>`` in Document."""
    if owner is None or field is None:
        return f"{_element(tag)}, the root element"
    if field.form == "object":
        return f"{_element(tag)} in {_link(owner)}"
    return f"{_element(tag)} in {_link(owner)}'s list {_element(field.xml)}"


def _xml_reference_targets(cls: type, field: FieldBinding) -> str:
    names = info(attrs.fields_dict(cls)[field.name]).targets
    by_name = {model.__name__: model for model in MODEL_CLASSES}
    return ", ".join(_link(by_name[name]) if name in by_name else _code(name) for name in names)


def xml_type(cls: type, field: FieldBinding) -> str:
    """The XML Schema type of an attribute or text element of ``cls`` (``is:Date``...)."""
    if field.form == "text":
        return "xs:string"
    if field.scalar == "code":
        return f"{PREFIX}:{field.target.__name__}"
    if field.scalar == "codes":
        return f"{PREFIX}:{code_set_name(field.target)}"
    if field.form == "object":
        return f"{PREFIX}:{field.target.__name__}"
    if field.form == "extensions":
        return f"{PREFIX}:Extensions"
    if field.form == "attribute":
        return _SCALAR_TYPE[str(field.scalar)]
    raise TypeError(f"{cls.__name__}.{field.name} is a list and has no named type")


def _xml_field_type(cls: type, field: FieldBinding) -> str:
    """A field's type cell: the XSD type, or what a list element holds, with links."""
    form = field.form
    if form == "objects":
        return f"items {_element(class_tag(field.target))} ({_link(field.target)})"
    if form == "events":
        members = ", ".join(f"{_element(class_tag(m))} ({_link(m)})" for m in field.target)
        return f"items, in any mix: {members}"
    if form == "texts":
        return f"items {_element(XML_ITEM)} ({_code('xs:string')})"
    if form == "extensions":
        item = _code(f'<{XML_EXTENSION} namespace="…">')
        return f"{_code(xml_type(cls, field))}: items {item}, each holding one `fn:` JSON value"
    named = _code(xml_type(cls, field))
    if form == "object":
        return f"{named} ({_link(field.target)})"
    if field.scalar == "code":
        return f"{named} (codes of {_link(field.target, REFERENCE_PAGE)})"
    if field.scalar == "codes":
        return f"{named} (codes of {_link(field.target, REFERENCE_PAGE)}, space separated)"
    if field.scalar in ("ref", "refs"):
        return f"{named} → {_xml_reference_targets(cls, field)}"
    return named


_LISTS: Final = frozenset({"objects", "events", "texts", "extensions"})


def _xml_required(field: FieldBinding) -> str:
    """Whether a field must appear, and what its default is when it may be left out."""
    if field.form in _LISTS:
        if field.required:
            return "**required** (0 or more items)"
        return "optional (when present, 1 or more items)"
    if field.required:
        return "**required**"
    written = None if field.default is None else _FORMATTERS[str(field.scalar)](field.default)
    if not written:  # no default, or an empty list of references or codes
        return "optional"
    return f"optional, default {_code(written)}"


_XML_FORMS: Final[dict[str, str]] = {
    "attribute": "attribute",
    "text": "element (text)",
    "object": "element",
    "objects": "list",
    "events": "list of history events",
    "texts": "list of texts",
    "extensions": "extensions",
}


def xml_field_name(field: FieldBinding) -> str:
    """How the XML reference names a field: ``@name`` for an attribute, ``name`` otherwise."""
    return f"@{field.xml}" if field.form == "attribute" else field.xml


def _xml_class_section(
    cls: type, written_as: list[tuple[str, type | None, FieldBinding | None]]
) -> list[str]:
    shape = binding(cls)
    lines = [_heading(3, f"{cls.__name__} — {class_term(cls)}", _anchor(cls)), ""]
    summary = _first_line(cls)
    if summary:
        lines.extend([_text(summary), ""])
    lines.append(
        f"Type {_code(f'{PREFIX}:{cls.__name__}')}; the JSON form is "
        f"{_link(cls, REFERENCE_PAGE)}.  "
    )
    lines.append("Written as: " + _join(_xml_place(*place) for place in written_as) + ".")
    lines.append("")
    rows = []
    notes: list[str] = []
    for field in (*shape.attributes, *shape.elements):
        attribute = attrs.fields_dict(cls)[field.name]
        field_info = info(attribute)
        term = _text(field_info.term)
        if field_info.role == "id":
            term += " (id)"
        rows.append(
            (
                _code(xml_field_name(field)),
                _XML_FORMS[field.form],
                _xml_field_type(cls, field),
                _xml_required(field),
                term,
                _code(field.name),
            )
        )
        if field_info.disclosure is not None:
            level = _CLASSIFICATIONS[field_info.disclosure]
            notes.append(
                f"{_code(xml_field_name(field))} may be shown only in documents classified "
                f"{_code(level.value)} ({_text(level.term)}) or narrower."
            )
    if rows:
        lines.extend(_table(("XML name", "Form", "Type", "Required", "中文", "JSON key"), rows))
    else:
        lines.append("No attributes and no child elements.")
    lines.append("")
    if notes:
        lines.extend(["Disclosure: " + " ".join(notes), ""])
    return lines


def _xml_element_index(
    holders: dict[type, list[tuple[str, type | None, FieldBinding | None]]],
) -> list[str]:
    by_tag: dict[str, list[tuple[type, type | None, FieldBinding | None]]] = defaultdict(list)
    for cls in MODEL_CLASSES:
        for tag, owner, field in holders.get(cls, []):
            by_tag[tag].append((cls, owner, field))
    rows = []
    for tag in sorted(by_tag):
        for cls, owner, field in by_tag[tag]:
            if owner is None or field is None:
                where = "the root"
            elif field.form == "object":
                where = _link(owner)
            else:
                where = f"{_link(owner)} {_element(field.xml)}"
            rows.append((_element(tag), _link(cls), _text(class_term(cls)), where))
    return _table(("Element", "Class", "中文", "In"), rows)


def xml_reference_markdown() -> str:
    """The XML format's element reference: every class's elements and attributes."""
    holders = _xml_holders()
    lines = [
        "# XML element reference",
        "",
        "<!-- Generated by inspection_schema.reference.xml_reference_markdown(): do not edit. -->",
        "",
        f"This page describes format version **{SCHEMA_VERSION}** of the XML form of a "
        f"document, in the namespace {_code(NAMESPACE)}. It is generated at every build of "
        "these docs from the XML binding of the model, the same one the XML reader, writer and "
        "XML Schema use. The root of every document is the element "
        f"{_element(ROOT)} ({_link(Document)}). How the names and forms follow from the JSON "
        f"keys is explained in [the XML exchange format]({EXCHANGE_PAGE}#mapping).",
        "",
        "- In each class's table the **attributes** (`@name`) come first, then the **child "
        "elements**, each group in the order the canonical writer emits them.",
        "- *Type* is the type the XML Schema "
        f"({_code(FILE_NAME)}) gives the attribute or element: `xs:` types are XML Schema's own, "
        f"`{PREFIX}:` types the schema's (see [Types](#xml-types)). "
        "A *list* is a wrapper element named by the field, holding one element per item, "
        "named by the item's class.",
        "- A field that is not *required* may be left out; the writer leaves out every field "
        "equal to its default. A list present in a document holds at least one item unless "
        "the list is required.",
        "- A reference (`→`) holds the id of an object of one of the classes named, or of an "
        "[ExternalReference](#externalreference) standing for one.",
        f"- The JSON key is the field's name in the [JSON element reference]({REFERENCE_PAGE}) "
        "and in Python; the Chinese term (中文) is the same in both formats.",
        "",
        _heading(2, "Types", "xml-types"),
        "",
        *_table(
            ("Type", "Lexical form", "JSON"),
            ((_code(name), form, json_type) for name, form, json_type in XML_TYPES),
        ),
        "",
        "Every code list is a type of its own, named as the code list, whose values are its "
        "codes (the same as in JSON); a set of codes is a list type named with `Set`, its codes "
        "separated by spaces in the order of the code list.",
        "",
        *_table(
            ("Type", "中文", "Codes"),
            _xml_code_list_rows(),
        ),
        "",
        _heading(2, "Elements holding objects", "xml-elements"),
        "",
        "Every element name that holds an object, with its class; the elements holding text "
        "and the list wrappers are listed in the tables of their parent's class.",
        "",
        *_xml_element_index(holders),
        "",
        _heading(2, "Objects", "objects"),
        "",
    ]
    for cls in MODEL_CLASSES:
        lines.extend(_xml_class_section(cls, holders.get(cls, [])))
    return "\n".join(lines).rstrip("\n") + "\n"


def _xml_code_list_rows() -> Iterator[tuple[str, str, str]]:
    sets: set[type] = set()
    for owner in MODEL_CLASSES:
        for field in binding(owner).attributes:
            if field.scalar == "codes":
                sets.add(field.target)
    for code_list in _CODE_LISTS:
        yield (
            _code(f"{PREFIX}:{code_list.__name__}"),
            _text(code_list.TERM),
            _link(code_list, REFERENCE_PAGE),
        )
        if code_list in sets:
            yield (
                _code(f"{PREFIX}:{code_set_name(code_list)}"),
                _text(f"{code_list.TERM}(多项)"),
                f"a set of codes of {_link(code_list, REFERENCE_PAGE)}",
            )


_VISIBLE: Final = re.compile(r"[^\S ]")


def xsd_limits_markdown() -> str:
    """What the XML Schema cannot check, from :data:`~inspection_schema.schemas.xsd.LIMITS`.

    A Markdown list; spaces other than U+0020 are written as their code point so they show.
    """
    items = [_VISIBLE.sub(lambda m: f"[U+{ord(m.group()):04X}]", limit) for limit in LIMITS]
    return "\n".join(f"- {_text(item)}" for item in items) + "\n"
