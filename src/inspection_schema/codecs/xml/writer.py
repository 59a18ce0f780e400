"""The canonical XML writer: the same document always gives the same bytes.

Canonical form: UTF-8 with an XML declaration; the format's namespace as the default namespace and
``fn`` for extension data, both declared on the root (a typed extension's prefix is declared on its
element); elements and attributes in model field order; two-space indentation between elements and
none inside text; ``&``, ``<``, ``>`` and carriage returns escaped in text, and ``&``, ``<``,
``"``, tab, newline and carriage return in attributes (so that no parser's normalisation can change
a value). The text is written directly, escaping only strings that need it: building an element
tree first would cost several times more.
"""

from __future__ import annotations

import datetime
import itertools
import linecache
import re
from collections.abc import Callable, Iterable, Mapping
from typing import IO, Any, Final

from ...errors import Issue, SchemaViolationError, Severity
from ...extensions import typed_extension
from ...model import CodeList, Document, LedgerEntry, Rectification
from ..lexical import (
    INT_MAX,
    INT_MIN,
    ValueProblem,
    check_int_range,
    format_datetime,
    format_decimal,
)
from .binding import FN_NAMESPACE, NAMESPACE, ROOT, ClassBinding, FieldBinding, binding, class_tag

DECLARATION: Final = '<?xml version="1.0" encoding="UTF-8"?>\n'
_TEXT_SPECIAL: Final = re.compile("[&<>\r]")
_ATTR_SPECIAL: Final = re.compile('[&<"\t\n\r]')
_INDENT: Final = tuple("  " * depth for depth in range(64))
_DATE_TEXT: Final[dict[datetime.date, str]] = {}
"""Dates already written (bounded), by value: a ledger repeats a few hundred days."""


def _date_text(value: datetime.date) -> str:
    text = value.isoformat()
    if len(_DATE_TEXT) < 1 << 16:
        _DATE_TEXT[value] = text
    return text


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


def formatter(field: FieldBinding) -> Callable[[Any], str]:
    """The text of an attribute's value (a list of values: the items' texts, space separated)."""
    if field.scalar == "list":
        item = formatter(field.target)

        def format_list(value: Any) -> str:
            return " ".join(item(one) for one in value)

        return format_list
    return _FORMATTERS[str(field.scalar)]


def _attributes(obj: Any, fields: tuple[FieldBinding, ...]) -> str:
    parts: list[str] = []
    for field in fields:
        value = getattr(obj, field.name)
        if not field.required and value == field.default:
            continue
        assert field.scalar is not None
        format_value = _FORMATTERS.get(field.scalar) or formatter(field)
        parts.append(f' {field.xml}="{escape_attribute(format_value(value))}"')
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
                    self.extension(namespace, value[namespace], depth + 2, type(obj))
                out.append(f"{inner}</{field.xml}>\n")
        out.append(f"{indent}</{tag}>\n")

    def extension(self, namespace: str, value: Any, depth: int, owner: type | None = None) -> None:
        """One ``<extension>``: a typed value in its namespace, any other in the fn vocabulary."""
        try:
            typed = typed_extension(owner, namespace, value)
        except ValueProblem as exc:
            raise SchemaViolationError(
                "the document cannot be written",
                [
                    Issue(
                        code=exc.code,
                        severity=Severity.ERROR,
                        path="/",
                        message=str(exc),
                        message_zh=exc.message_zh,
                    )
                ],
            ) from None
        indent = _INDENT[depth]
        self.out.append(f'{indent}<extension namespace="{escape_attribute(namespace)}">\n')
        if typed is None:
            self.json_value(value, None, depth + 1)
        else:
            prefix = typed.prefix
            declaration = f' xmlns:{prefix}="{escape_attribute(namespace)}"'
            extension_encoders(prefix)[typed.root](
                value, self.out, None, depth + 1, extra=declaration
            )
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
    values: list[str] = []
    encode = _ENCODERS[type(document)]
    try:
        encode(document, out, values, 0, ROOT, ROOT_NAMESPACES)
    except _Reiterate:  # a list that is no tuple (built wrongly): read once, by the general writer
        out = [DECLARATION]
        _Writer(out).element(document, ROOT, 0, ROOT_NAMESPACES)
        return "".join(out).encode("utf-8")
    if "".join(values).encode("utf-8", "surrogatepass").translate(None, _NOT_SPECIAL):
        # an attribute value needs escaping: written again, each element's values checked
        out = [DECLARATION]
        encode(document, out, None, 0, ROOT, ROOT_NAMESPACES)
    return "".join(out).encode("utf-8")


_NOT_SPECIAL: Final = bytes(sorted(set(range(256)) - set(b'&<"\t\n\r')))
"""Every byte but those that need escaping in an attribute value (see ``escape_attribute``)."""


# -- the fast path: one generated function per class ----------------------------------------------
#
# Each function writes exactly what ``_Writer.element`` writes (``dump_to``, with its flushing and
# streamed entries, keeps using ``_Writer``): the attribute formatting is inlined, a value is
# compared with its default as ``_Writer`` does (``is None`` where the default is ``None``), and a
# value of an unexpected type goes through the same formatter as there, so even a document built
# wrongly gives the same bytes or the same exception.


def _text_check(var: str) -> str:
    """A condition true when ``var`` needs ``escape_text`` (or is not a plain string)."""
    return (
        f"type({var}) is not str or '&' in {var} or '<' in {var} or '>' in {var} or '\\r' in {var}"
    )


class _Encoders(dict[type, Callable[..., None]]):
    """The generated writer function of each class, made when first needed; ``prefix`` (with
    its colon) comes before every element name (the core's elements have none)."""

    def __init__(self, prefix: str = "") -> None:
        super().__init__()
        self.prefix = prefix

    def __missing__(self, cls: type) -> Callable[..., None]:
        fn = self[cls] = _make_encoder(cls, self)
        return fn


_ENCODERS: Final = _Encoders()
_EXTENSION_ENCODERS: Final[dict[str, _Encoders]] = {}


def extension_encoders(prefix: str) -> _Encoders:
    """The writer functions of the classes of an extension written under ``prefix``.

    Kept by prefix: what is generated depends on the class and the prefix only, so nothing goes
    stale when extensions are registered or unregistered.
    """
    found = _EXTENSION_ENCODERS.get(prefix)
    if found is None:
        found = _EXTENSION_ENCODERS[prefix] = _Encoders(f"{prefix}:")
    return found


def _make_encoder(cls: type, encoders: _Encoders) -> Callable[..., None]:
    shape: ClassBinding = binding(cls)
    qualify = encoders.prefix
    names: dict[str, Any] = {
        "IND": _INDENT,
        "ENC": encoders,
        "esc_attr": escape_attribute,
        "esc_text": escape_text,
        "attr_special": _ATTR_SPECIAL.search,
        "str": str,
        "int": int,
        "type": type,
        "len": len,
        "sorted": sorted,
        "Writer": _Writer,
        "Reiterate": _Reiterate,
        "attributes": _attributes,
        "check_int_range": check_int_range,
        "INT_MIN": INT_MIN,
        "INT_MAX": INT_MAX,
        "DATE_TEXT": _DATE_TEXT,
        "date_text": _date_text,
        "tuple": tuple,
        "frozenset": frozenset,
    }

    def name(value: Any, hint: str) -> str:
        key = f"{hint}_{len(names)}"
        names[key] = value
        return key

    lines: list[str] = []

    def add(indent: int, line: str) -> None:
        lines.append("    " * indent + line)

    tag = qualify + class_tag(cls)
    fn_name = f"write_{cls.__name__}"
    # chk: None, or a list that takes the attribute values that might need escaping, for one
    # search over the whole document at the end (dumps) instead of one search per element
    add(0, f"def {fn_name}(o, out, chk, d, tag={tag!r}, extra=''):")
    add(1, "i0 = IND[d]")
    pieces: list[str] = []  # of the attributes' text
    checked: list[str] = []  # variables holding formatted values that may need escaping
    for index, field in enumerate(shape.attributes):
        raw = f"r{index}"
        assert field.scalar is not None
        scalar = field.scalar
        plain_code = scalar == "code" and all(
            _ATTR_SPECIAL.search(member.value) is None for member in field.target
        )
        may_need_escaping = scalar not in ("int", "bool", "date") and not plain_code
        add(1, f"v = o.{field.name}")
        indent = 1
        if not field.required:
            if field.default is None:
                add(1, "if v is None:")
            else:
                add(1, f"if v == {name(field.default, 'default')}:")
            add(2, f"a{index} = ''")
            if may_need_escaping:
                add(2, f"{raw} = ''")
            add(1, "else:")
            indent = 2
        format_fn = name(formatter(field), f"format_{scalar}")
        if scalar in ("str", "id", "ref"):
            add(indent, f"{raw} = v if type(v) is str else str(v)")
            checked.append(raw)
        elif scalar == "int":
            add(indent, "if type(v) is int and INT_MIN <= v <= INT_MAX:")
            add(indent + 1, f"{raw} = str(v)")
            add(indent, "else:")
            add(indent + 1, f"{raw} = esc_attr({format_fn}(v))")
        elif scalar == "bool":
            add(indent, f"{raw} = 'true' if v else 'false'")
        elif plain_code:
            add(indent, f"if type(v) is {name(field.target, 'code_type')}:")
            add(indent + 1, f"{raw} = v._value_")  # what .value returns, without the descriptor
            add(indent, "else:")
            add(indent + 1, f"{raw} = esc_attr({format_fn}(v))")
        elif scalar == "date":
            add(indent, f"if type(v) is {name(datetime.date, 'date')}:")
            add(indent + 1, f"{raw} = DATE_TEXT.get(v)")  # a ledger repeats a few hundred days
            add(indent + 1, f"if {raw} is None:")
            add(indent + 2, f"{raw} = date_text(v)")
            add(indent, "else:")
            add(indent + 1, f"{raw} = esc_attr({format_fn}(v))")
        else:  # refs, codes, lists, datetime, decimal
            if scalar in ("refs", "codes", "list"):
                _reiterable(add, indent, frozenset if scalar == "codes" else tuple)
            add(indent, f"{raw} = {format_fn}(v)")
            checked.append(raw)
        piece = f' {field.xml}="{{{raw}}}"'
        if field.required:
            pieces.append(piece)
        else:
            add(indent, f"a{index} = f{piece!r}")
            pieces.append(f"{{a{index}}}")
    inline = "".join(pieces)  # the attributes as an f-string fragment, when none needs escaping
    if checked:
        # one search over every value that may need escaping; when one does, the attributes are
        # written again by the general code, value by value (A holds them; None: use inline)
        values = checked[0] if len(checked) == 1 else f"f{''.join(f'{{{v}}}' for v in checked)!r}"
        add(1, "if chk is not None:")
        add(2, f"chk.append({values})")
        add(2, "A = None")
        add(1, f"elif attr_special({values}) is None:")
        add(2, "A = None")
        add(1, "else:")
        add(2, f"A = attributes(o, {name(shape.attributes, 'fields')})")

    def write(indent: int, statement: str, template: str) -> None:
        """Lines running ``statement`` with ``@`` standing for the f-string ``template`` (which
        holds ``{A}``): the attributes inline, or the general code's when one needed escaping."""
        literal = f"f{template.replace('{A}', inline)!r}"
        if not checked:
            add(indent, statement.replace("@", literal))
            return
        add(indent, "if A is None:")
        add(indent + 1, statement.replace("@", literal))
        add(indent, "else:")
        add(indent + 1, statement.replace("@", f"f{template!r}"))

    if not shape.elements:
        write(1, "out.append(@)", "{i0}<{tag}{extra}{A}/>\n")
        return _compile(fn_name, cls, lines, names)
    add(1, "i1 = IND[d + 1]")
    # With a required child element the start tag is certain: it is written at once, and the
    # texts of the leading required text children with it, in one piece (fewer, longer pieces
    # join faster). Otherwise a placeholder is kept until it is known whether anything follows.
    certain = any(field.required for field in shape.elements)
    lead = 0
    if certain:
        for field in shape.elements:
            if not (field.required and field.form == "text"):
                break
            lead += 1
    opening = ["{i0}<{tag}{extra}{A}>\n"] if certain else []
    for index, field in enumerate(shape.elements[:lead]):
        xml = qualify + field.xml
        add(1, f"t{index} = o.{field.name}")
        add(1, f"if {_text_check(f't{index}')}:")
        add(2, f"t{index} = esc_text(t{index})")
        opening.append(f"{{i1}}<{xml}>{{t{index}}}</{xml}>\n")
    if certain and lead == len(shape.elements):  # only those texts: the end tag goes along
        write(1, "out.append(@)", "".join(opening) + "{i0}</{tag}>\n")
        return _compile(fn_name, cls, lines, names)
    if certain:
        write(1, "out.append(@)", "".join(opening))
    else:
        add(1, "n = len(out)")
        add(1, "out.append('')")
    for field in shape.elements[lead:]:
        add(1, f"v = o.{field.name}")
        indent = 1
        if not field.required:
            if field.default is None:
                add(1, "if v is not None:")
            else:
                add(1, f"if v != {name(field.default, 'default')}:")
            indent = 2
        xml = qualify + field.xml
        form = field.form
        if form == "text":
            add(indent, f"if {_text_check('v')}:")
            add(indent + 1, "v = esc_text(v)")
            add(indent, f"out.append(f'{{i1}}<{xml}>{{v}}</{xml}>\\n')")
        elif form == "object":
            add(indent, f"ENC[type(v)](v, out, chk, d + 1, {xml!r})")
        elif form in ("objects", "events"):
            _reiterable(add, indent, tuple)
            add(indent, f"out.append(f'{{i1}}<{xml}>\\n')")
            add(indent, "d2 = d + 2")
            add(indent, "for item in v:")
            add(indent + 1, "ENC[type(item)](item, out, chk, d2)")
            add(indent, f"out.append(f'{{i1}}</{xml}>\\n')")
        elif form == "texts":
            _reiterable(add, indent, tuple)
            add(indent, f"out.append(f'{{i1}}<{xml}>\\n')")
            add(indent, "i2 = IND[d + 2]")
            add(indent, "for item in v:")
            add(indent + 1, f"if {_text_check('item')}:")
            add(indent + 2, "item = esc_text(item)")
            add(indent + 1, f"out.append(f'{{i2}}<{qualify}item>{{item}}</{qualify}item>\\n')")
            add(indent, f"out.append(f'{{i1}}</{xml}>\\n')")
        else:  # extensions
            add(indent, f"out.append(f'{{i1}}<{xml}>\\n')")
            add(indent, "writer = Writer(out)")
            add(indent, "for namespace in sorted(v):")
            add(indent + 1, f"writer.extension(namespace, v[namespace], d + 2, {name(cls, 'cls')})")
            add(indent, f"out.append(f'{{i1}}</{xml}>\\n')")
    if certain:
        add(1, "out.append(f'{i0}</{tag}>\\n')")
    else:
        add(1, "if len(out) == n + 1:")
        write(2, "out[n] = @", "{i0}<{tag}{extra}{A}/>\n")
        add(1, "else:")
        write(2, "out[n] = @", "{i0}<{tag}{extra}{A}>\n")
        add(2, "out.append(f'{i0}</{tag}>\\n')")
    return _compile(fn_name, cls, lines, names)


class _Reiterate(Exception):
    """Raised on the first pass of :func:`dumps` by a list value that may not be read twice."""


def _reiterable(add: Callable[[int, str], None], indent: int, kind: type) -> None:
    """Lines that stop the first pass of ``dumps`` at a list value of another class than
    ``kind`` (a generator, say) before it is read: ``dumps`` may write the document twice."""
    add(indent, f"if type(v) is not {kind.__name__} and chk is not None:")
    add(indent + 1, "raise Reiterate")


def _compile(
    fn_name: str, cls: type, lines: list[str], names: dict[str, Any]
) -> Callable[..., None]:
    text = "\n".join(lines) + "\n"
    filename = f"<inspection-schema {fn_name} {cls.__module__}.{cls.__qualname__}>"
    exec(compile(text, filename, "exec"), names)
    linecache.cache[filename] = (len(text), None, text.splitlines(True), filename)
    fn: Callable[..., None] = names[fn_name]
    return fn


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
