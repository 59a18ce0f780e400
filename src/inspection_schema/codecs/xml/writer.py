"""The canonical XML writer: the same document always gives the same bytes.

Canonical form: UTF-8 with an XML declaration; the format's namespace as the default namespace
and ``fn`` for extension data, both declared on the root; elements and attributes in model field
order; two-space indentation between elements and none inside text; ``&``, ``<``, ``>`` and
carriage returns escaped in text, and ``&``, ``<``, ``"``, tab, newline and carriage return in
attributes (so that no parser's normalisation can change a value). The text is written directly,
escaping only strings that need it: building an element tree first would cost several times more.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Mapping
from typing import IO, Any, Final

from ...model import CodeList, Document, LedgerEntry, Rectification
from ..lexical import check_int_range, format_datetime, format_decimal
from .binding import FN_NAMESPACE, NAMESPACE, ROOT, ClassBinding, FieldBinding, binding, class_tag

DECLARATION: Final = '<?xml version="1.0" encoding="UTF-8"?>\n'
_TEXT_SPECIAL: Final = re.compile("[&<>\r]")
_ATTR_SPECIAL: Final = re.compile('[&<"\t\n\r]')
_INDENT: Final = tuple("  " * depth for depth in range(64))


def escape_text(text: str) -> str:
    """Element content, escaped so a parser reads back exactly ``text``."""
    if _TEXT_SPECIAL.search(text) is None:
        return text
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    )


def escape_attribute(text: str) -> str:
    """An attribute value, escaped so attribute-value normalisation leaves it unchanged."""
    if _ATTR_SPECIAL.search(text) is None:
        return text
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace('"', "&quot;")
        .replace("\t", "&#9;")
        .replace("\n", "&#10;")
        .replace("\r", "&#13;")
    )


def _format_codes(value: frozenset[CodeList]) -> str:
    if not value:
        return ""
    order = list(type(next(iter(value))))
    return " ".join(member.value for member in sorted(value, key=order.index))


_FORMATTERS: Final[dict[str, Callable[[Any], str]]] = {
    "str": str,
    "id": str,
    "ref": str,
    "refs": " ".join,
    "int": lambda value: str(check_int_range(value)),
    "bool": lambda value: "true" if value else "false",
    "date": lambda value: value.isoformat(),
    "datetime": format_datetime,
    "decimal": format_decimal,
    "code": lambda value: value.value,
    "codes": _format_codes,
}


def _attributes(obj: Any, fields: tuple[FieldBinding, ...]) -> str:
    parts: list[str] = []
    for field in fields:
        value = getattr(obj, field.name)
        if not field.required and value == field.default:
            continue
        assert field.scalar is not None
        parts.append(f' {field.xml}="{escape_attribute(_FORMATTERS[field.scalar](value))}"')
    return "".join(parts)


class _Writer:
    """Appends the text of elements to ``out``; one instance per document written.

    ``flush`` (when given) is called between list items, so a caller can move what was written so
    far to a file; ``entries`` supplies the ledger entries of named rectifications from iterables,
    so a ledger of any size is written without holding it.
    """

    def __init__(
        self,
        out: list[str],
        *,
        flush: Callable[[], None] | None = None,
        entries: Mapping[str, Iterable[Any]] | None = None,
    ) -> None:
        self.out = out
        self.flush = flush
        self.entries = entries or {}

    def element(self, obj: Any, tag: str, depth: int, extra: str = "") -> None:
        shape: ClassBinding = binding(type(obj))
        out = self.out
        indent = _INDENT[depth]
        head = f"{indent}<{tag}{extra}{_attributes(obj, shape.attributes)}"
        streamed = self.entries.get(obj.id) if type(obj) is Rectification else None
        children: list[tuple[FieldBinding, Any]] = []
        for field in shape.elements:
            value = getattr(obj, field.name)
            if streamed is not None and field.name == "entries":
                value = _peek(streamed)
                if value is None:
                    continue
            elif value == field.default and not field.required:
                continue
            children.append((field, value))
        if not children:
            out.append(head + "/>\n")
            return
        out.append(head + ">\n")
        inner = _INDENT[depth + 1]
        for field, value in children:
            form = field.form
            if form == "text":
                out.append(f"{inner}<{field.xml}>{escape_text(value)}</{field.xml}>\n")
            elif form == "object":
                self.element(value, field.xml, depth + 1)
            elif form == "objects" or form == "events":
                out.append(f"{inner}<{field.xml}>\n")
                flush = self.flush
                for item in value:
                    self.element(item, class_tag(type(item)), depth + 2)
                    if flush is not None:
                        flush()
                out.append(f"{inner}</{field.xml}>\n")
            elif form == "texts":
                out.append(f"{inner}<{field.xml}>\n")
                item_indent = _INDENT[depth + 2]
                out.extend(f"{item_indent}<item>{escape_text(item)}</item>\n" for item in value)
                out.append(f"{inner}</{field.xml}>\n")
            else:  # extensions
                out.append(f"{inner}<{field.xml}>\n")
                for namespace in sorted(value):
                    self.extension(namespace, value[namespace], depth + 2)
                out.append(f"{inner}</{field.xml}>\n")
        out.append(f"{indent}</{tag}>\n")

    def extension(self, namespace: str, value: Any, depth: int) -> None:
        indent = _INDENT[depth]
        self.out.append(f'{indent}<extension namespace="{escape_attribute(namespace)}">\n')
        self.json_value(value, None, depth + 1)
        self.out.append(f"{indent}</extension>\n")

    def json_value(self, value: Any, key: str | None, depth: int) -> None:
        indent = _INDENT[min(depth, len(_INDENT) - 1)]
        key_attr = "" if key is None else f' key="{escape_attribute(key)}"'
        if isinstance(value, dict):
            if not value:
                self.out.append(f"{indent}<fn:map{key_attr}/>\n")
                return
            self.out.append(f"{indent}<fn:map{key_attr}>\n")
            for name in sorted(value):
                self.json_value(value[name], name, depth + 1)
            self.out.append(f"{indent}</fn:map>\n")
        elif isinstance(value, list):
            if not value:
                self.out.append(f"{indent}<fn:array{key_attr}/>\n")
                return
            self.out.append(f"{indent}<fn:array{key_attr}>\n")
            for item in value:
                self.json_value(item, None, depth + 1)
            self.out.append(f"{indent}</fn:array>\n")
        elif value is None:
            self.out.append(f"{indent}<fn:null{key_attr}/>\n")
        elif isinstance(value, bool):
            self.out.append(
                f"{indent}<fn:boolean{key_attr}>{'true' if value else 'false'}</fn:boolean>\n"
            )
        elif isinstance(value, int | float):
            self.out.append(f"{indent}<fn:number{key_attr}>{value!r}</fn:number>\n")
        else:
            self.out.append(f"{indent}<fn:string{key_attr}>{escape_text(str(value))}</fn:string>\n")


ROOT_NAMESPACES: Final = f' xmlns="{NAMESPACE}" xmlns:fn="{FN_NAMESPACE}"'


def dumps(document: Document) -> bytes:
    """Canonical XML bytes of a document."""
    out: list[str] = [DECLARATION]
    _Writer(out).element(document, ROOT, 0, ROOT_NAMESPACES)
    return "".join(out).encode("utf-8")


def dump_to(
    document: Document,
    stream: IO[bytes],
    *,
    entries: Mapping[str, Iterable[LedgerEntry]] | None = None,
    chunk: int = 1 << 16,
) -> None:
    """Write the canonical bytes of ``document`` to a binary stream, piece by piece.

    ``entries`` maps rectification ids to iterables of their ledger entries; those
    rectifications' own ``entries`` are ignored and the iterables are written in their place,
    one at a time, so memory stays bounded however long the ledger. The bytes are those
    :func:`dumps` gives for the document with the entries in place.
    """
    out: list[str] = [DECLARATION]
    pending = [0]

    def flush() -> None:
        pending[0] += 1
        if pending[0] >= 64 and sum(map(len, out)) >= chunk:
            stream.write("".join(out).encode("utf-8"))
            out.clear()
            pending[0] = 0

    _Writer(out, flush=flush, entries=entries).element(document, ROOT, 0, ROOT_NAMESPACES)
    stream.write("".join(out).encode("utf-8"))


def _peek(items: Iterable[Any]) -> Iterable[Any] | None:
    """``items`` as an iterable again, or ``None`` when it is empty (then nothing is written)."""
    iterator = iter(items)
    for first in iterator:
        return itertools.chain((first,), iterator)
    return None
