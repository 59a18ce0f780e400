"""The documentation's element reference and glossary, generated from the model.

Both pages are read off the one description of the schema (the attrs classes, their field
metadata and the code lists), never written by hand, so they cannot drift from what the codecs
accept. The output is Markdown for MkDocs with the ``attr_list`` and ``tables`` extensions;
headings carry explicit anchors (the class name in lower case) so other pages can link to
``reference.md#ledgerentry``. The same model always gives the same text.
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

REFERENCE_PAGE: Final = "reference.md"
"""The page the glossary links into (relative to the docs directory)."""

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
