"""The hardened XML reader: refuse what is dangerous, bind what is left in one pass.

Safety comes first and is not configurable: input that is not UTF-8 (UTF-16, UTF-32, another
declared encoding) and a DOCTYPE (and with it every entity declaration and external DTD) are
refused before parsing; the parser decodes UTF-8 whatever the input declares, never resolves
entities, never loads a DTD, never touches the network and keeps libxml2's limits on depth and
text size (``resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False`` are passed
explicitly: lxml's ``iterparse`` resolved entities by default before 6.1, CVE-2026-41066), and a
DOCTYPE the parser saw anyway is refused after it. XInclude is never processed, and its elements
are refused as unknown. Size, depth, attribute count, text length and the number of problems
reported have configurable limits (:class:`ReadLimits`).

Binding is one decoder per class, built once from the model: a single pass over each element's
attributes and children with dispatch on the name. Problems are collected with the XPath and
line of the element, and a document with any problem is never returned. The classes of typed
extensions get decoders of the same kind, in their namespace, kept by class and namespace.
"""

from __future__ import annotations

import linecache
import re
from collections.abc import Callable
from typing import Any, Final

import attrs
from lxml import etree

from ...errors import (
    Issue,
    SchemaViolationError,
    Severity,
    UnreadableInputError,
    UnsupportedVersionError,
)
from ...extensions import SchemaExtension, extension_for, installed, misplaced
from ...model import CodeList, Document
from ...versions import has_migration, migrate
from ..json import collector_paused
from ..lexical import (
    DATE_CACHE,
    ValueProblem,
    ids_valid,
    parse_bool,
    parse_date,
    parse_date_cached,
    parse_datetime,
    parse_decimal,
    parse_id,
    parse_int,
    shorten,
    unencodable,
)
from .binding import (
    FN_NAMESPACE,
    MAJOR,
    NAMESPACE,
    NAMESPACE_PREFIX,
    ROOT,
    ClassBinding,
    FieldBinding,
    binding,
    clark,
    class_tag,
)


@attrs.frozen(kw_only=True)
class ReadLimits:
    """Limits on what the reader accepts; the defaults suit any real ledger."""

    max_bytes: int = 512 * 1024 * 1024
    """Largest input (512 MiB)."""
    max_depth: int = 64
    """Deepest element nesting (the format itself needs about 12; libxml2 stops at 256)."""
    max_attributes: int = 64
    """Most attributes on one element (the widest class has about 15)."""
    max_text: int = 1_000_000
    """Longest text of one element or attribute, in characters (libxml2 stops at 10 MB)."""
    max_issues: int = 1000
    """Most problems reported; reading stops at this many (every one costs time and memory)."""


DEFAULT_LIMITS: Final = ReadLimits()

_PARSER_OPTIONS: Final[dict[str, Any]] = {
    "encoding": "utf-8",  # whatever the input declares or its first bytes suggest
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "huge_tree": False,
    "dtd_validation": False,
    "remove_comments": True,
    "remove_pis": True,
    "collect_ids": False,
}
_PROLOG_DANGER: Final = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
_ENCODING: Final = re.compile(rb"""^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_MAJOR_FORM: Final = re.compile(r"[1-9][0-9]{0,8}")
_LIBXML_PLACE: Final = re.compile(r",? *line \d+, column \d+\s*$")
_LIBXML_HUGE: Final = re.compile(r",? *(?:try|use) XML_PARSE_HUGE(?: option)?", re.IGNORECASE)
_LIBXML_LIMIT: Final = re.compile(r"limit|excessive|too (?:big|long)", re.IGNORECASE)


def make_parser() -> etree.XMLParser:
    """The one hardened parser configuration, used by the whole-document and streaming paths."""
    return etree.XMLParser(**_PARSER_OPTIONS)


def _error(
    code: str,
    path: str,
    message: str,
    message_zh: str,
    line: int | None = None,
    column: int | None = None,
) -> Issue:
    return Issue(
        code=code,
        severity=Severity.ERROR,
        path=path,
        message=message,
        message_zh=message_zh,
        line=line,
        column=column,
    )


def _unreadable(
    message: str, message_zh: str, line: int | None = None, column: int | None = None
) -> UnreadableInputError:
    return UnreadableInputError(
        "not a readable inspection-schema XML document",
        [_error("X001", "/", message, message_zh, line, column)],
    )


# -- before parsing -----------------------------------------------------------------------------


def precheck(data: bytes, limits: ReadLimits) -> None:
    """Refuse, without parsing, what must never reach the parser."""
    if len(data) > limits.max_bytes:
        raise UnreadableInputError(
            "input too large",
            [
                _error(
                    "X002",
                    "/",
                    f"input is {len(data)} bytes, more than the limit of {limits.max_bytes}",
                    f"输入为 {len(data)} 字节,超过上限 {limits.max_bytes} 字节",
                )
            ],
        )
    if not data.strip():
        raise _unreadable("the input is empty", "输入为空")
    wide = _wide_encoding(data[:4])
    if wide is not None:
        raise _unreadable(
            f"the input is {wide}; the format is UTF-8", f"输入为 {wide} 编码,格式要求 UTF-8"
        )
    declared = _ENCODING.match(data.removeprefix(b"\xef\xbb\xbf"))
    if declared is not None and declared.group(1).upper().replace(b"_", b"-") not in (
        b"UTF-8",
        b"UTF8",
    ):
        name = declared.group(1).decode("ascii")
        raise _unreadable(
            f"the declared encoding is {name}; the format is UTF-8",
            f"声明的编码为 {name},格式要求 UTF-8",
        )
    root_start = _root_start(data)
    prolog = data[:root_start]
    danger = _PROLOG_DANGER.search(prolog)
    if danger is not None:
        raise _unreadable(
            "a DOCTYPE or entity declaration is refused (no DTDs, no entities)",
            "拒绝 DOCTYPE 或实体声明(不接受 DTD 与实体)",
            line=prolog.count(b"\n", 0, danger.start()) + 1,
        )


def _wide_encoding(head: bytes) -> str | None:
    """``UTF-16`` or ``UTF-32`` when the first four bytes are of one, with or without a BOM."""
    if (
        head.startswith((b"\x00\x00\x00", b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00"))
        or head[1:4] == b"\x00\x00\x00"
    ):
        return "UTF-32"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or (
        b"\x00" in head[:2] and head[:2] != b"\x00\x00"
    ):
        return "UTF-16"
    return None


def _root_start(data: bytes) -> int:
    """Offset of the root element's ``<`` (or the end when there is none).

    A comment or processing instruction is skipped only up to where libxml2 could end it, never
    less far (``<!-->`` does not end a comment), so no declaration can hide after the offset.
    """
    position = 0
    while True:
        found = data.find(b"<", position)
        if found < 0 or found + 1 >= len(data):
            return len(data)
        following = data[found + 1 : found + 2]
        if following == b"?":
            end = data.find(b"?>", found + 2)
        elif data.startswith(b"<!--", found):
            end = data.find(b"-->", found + 4)
        elif following == b"!":
            return len(data)  # a DOCTYPE or other declaration: keep it inside the prolog
        else:
            return found
        if end < 0:
            return len(data)
        position = end + 2


# -- parsing ------------------------------------------------------------------------------------


def parse(data: bytes, limits: ReadLimits = DEFAULT_LIMITS) -> etree._Element:
    """Parse hardened bytes into an element tree (no binding yet)."""
    root = _parse_unscanned(data, limits)
    refuse_xinclude(root)
    return root


def refuse_xinclude(root: etree._Element) -> None:
    """Refuse a tree holding an XInclude element (see :func:`raise_xinclude`)."""
    for include in root.iter(f"{{{XINCLUDE_NAMESPACE}}}*"):
        raise_xinclude(include)


def _parse_unscanned(data: bytes, limits: ReadLimits) -> etree._Element:
    """:func:`parse` but for the search for XInclude elements."""
    precheck(data, limits)
    try:
        root = etree.fromstring(data, make_parser())
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (None, None)
        reason = libxml2_reason(exc)
        if _LIBXML_LIMIT.search(reason):
            raise _unreadable(
                f"over the parser's fixed limits (nesting 256 deep, text 10 MB, names 50,000 "
                f"characters): {reason}",
                f"超出解析器的固定上限(嵌套 256 层、文本 10 MB、名称 50,000 字符):{reason}",
                line,
                column,
            ) from None
        raise _unreadable(
            f"not well-formed XML: {reason}", f"不是格式正确的 XML:{reason}", line, column
        ) from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise _unreadable("a DOCTYPE is refused", "拒绝 DOCTYPE")
    return root


XINCLUDE_NAMESPACE: Final = "http://www.w3.org/2001/XInclude"


def raise_xinclude(element: etree._Element) -> None:
    """XInclude is never processed: its presence makes the input unusable."""
    raise _unreadable(
        "XInclude is refused (no document may pull in another)",
        "拒绝 XInclude(文档不得引入其他文档)",
        element.sourceline,
    )


def libxml2_reason(exc: etree.XMLSyntaxError) -> str:
    """libxml2's message on one line, without the place (the issue carries line and column)."""
    text = " ".join(str(exc.msg or exc).split())
    return _LIBXML_HUGE.sub("", _LIBXML_PLACE.sub("", text)).strip() or text


def check_root(root: etree._Element) -> etree._Element:
    """The root, of this format's ``document`` in the current major version.

    A root of another major version goes through the migrations registered for XML
    (:mod:`inspection_schema.versions`), or is refused with an error naming both versions.
    """
    tag = root.tag if isinstance(root.tag, str) else ""
    namespace, _, local = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
    other = namespace.removeprefix(NAMESPACE_PREFIX)
    if (
        namespace.startswith(NAMESPACE_PREFIX)
        and namespace != NAMESPACE
        and _MAJOR_FORM.fullmatch(other) is not None
        and has_migration("xml", other)
    ):
        return check_root(migrate("xml", other, root, path=f"/{local}"))
    if namespace.startswith(NAMESPACE_PREFIX) and namespace != NAMESPACE:
        if _MAJOR_FORM.fullmatch(other) is None:
            raise _unreadable(
                f"the root element is in {shorten(namespace, 120)!r}, not a namespace of the "
                f"format (a major version, as in {NAMESPACE})",
                f"根元素的命名空间 {shorten(namespace, 120)!r} 不是本格式的命名空间"
                f"(应为带主版本号的命名空间,如 {NAMESPACE})",
                root.sourceline,
            )
        raise UnsupportedVersionError(
            "unsupported format version",
            [
                _error(
                    "S206",
                    f"/{local}",
                    f"the document is in format version {other} ({namespace}); "
                    f"this library reads version {MAJOR} ({NAMESPACE})",
                    f"文档为格式第 {other} 版({namespace});本库读取第 {MAJOR} 版({NAMESPACE})",
                    root.sourceline,
                )
            ],
        )
    if namespace != NAMESPACE or local != ROOT:
        shown = shorten(f"{{{namespace}}}{local}" if namespace else local, 200)
        raise _unreadable(
            f"the root element is {shown}, not {{{NAMESPACE}}}{ROOT}",
            f"根元素为 {shown},应为 {{{NAMESPACE}}}{ROOT}",
            root.sourceline,
        )
    return root


# -- binding ------------------------------------------------------------------------------------


def xpath_of(element: etree._Element, memo: dict[Any, int] | None = None) -> str:
    """A readable XPath of an element (local names; list items with their position).

    ``memo`` (one per document, not changed in between) keeps the positions found, so that
    reporting many problems in one long list costs time in proportion to the list, not to its
    square; the scans of siblings run inside libxml2.
    """
    steps: list[str] = []
    current: etree._Element | None = element
    while current is not None:
        tag = current.tag if isinstance(current.tag, str) else "node()"
        local = etree.QName(tag).localname if tag.startswith("{") else tag
        prefix = _prefix_of(tag)
        parent = current.getparent()
        position = _position(current, memo) if parent is not None and tag != "node()" else 0
        steps.append(f"{prefix}{local}[{position}]" if position else f"{prefix}{local}")
        current = parent
    return "/" + "/".join(reversed(steps))


def _prefix_of(tag: str) -> str:
    """The prefix an XPath step shows: ``fn:`` for extension data, a typed extension's own."""
    if not tag.startswith("{") or tag.startswith(_CORE):
        return ""
    if tag.startswith(_FN):
        return "fn:"
    extension = extension_for(tag[1 : tag.find("}")])
    return "" if extension is None else f"{extension.prefix}:"


_CORE: Final = f"{{{NAMESPACE}}}"


def _position(element: etree._Element, memo: dict[Any, int] | None) -> int:
    """Position among the siblings of the same name, or 0 when no sibling has that name."""
    known = memo.get(element) if memo is not None else None
    if known is not None:
        return known
    tag = element.tag
    before = 0
    base = 0
    for sibling in element.itersiblings(tag, preceding=True):
        before += 1
        if memo is not None:
            base = memo.get(sibling, 0)
            if base:
                break
    if before:
        position = base + before if base else before + 1
    else:
        position = 1 if next(element.itersiblings(tag), None) is not None else 0
    if memo is not None:
        memo[element] = position
    return position


class _Context:
    """Collects problems while a document is bound; one per read."""

    def __init__(self, limits: ReadLimits) -> None:
        self.issues: list[Issue] = []
        self.limits = limits
        self.positions: dict[Any, int] = {}

    def problem(self, element: etree._Element, attribute: str | None, exc: ValueProblem) -> None:
        path = xpath_of(element, self.positions) + (
            f"/@{_attribute_step(attribute)}" if attribute else ""
        )
        issue = _error(exc.code, path, str(exc), exc.message_zh, element.sourceline)
        if isinstance(exc, LimitProblem):  # over a reader limit: the input is not usable at all
            raise UnreadableInputError("the input exceeds a limit of the reader", [issue])
        self.issues.append(issue)
        if len(self.issues) >= self.limits.max_issues:
            count = len(self.issues)
            self.issues.append(
                _error(
                    "X006",
                    "/",
                    f"reading stopped after {count} problems (the limit)",
                    f"发现 {count} 个问题后停止读取(已达上限)",
                )
            )
            raise SchemaViolationError("the XML is not a valid document", self.issues)

    def report(
        self,
        element: etree._Element,
        attribute: str | None,
        code: str,
        message: str,
        message_zh: str,
    ) -> None:
        self.problem(element, attribute, ValueProblem(code, message, message_zh))


_XML_ATTRIBUTE: Final = "{http://www.w3.org/XML/1998/namespace}"


def _attribute_step(name: str) -> str:
    """An attribute's XPath step: ``xml:lang`` for the XML namespace's own."""
    if name.startswith(_XML_ATTRIBUTE):
        return "xml:" + name[len(_XML_ATTRIBUTE) :]
    return name


class LimitProblem(ValueProblem):
    """Input over one of the :class:`ReadLimits`: refused as unusable, and reading stops."""


def _check_text(text: str, limits: ReadLimits) -> str:
    if len(text) > limits.max_text:
        raise LimitProblem(
            "X003",
            f"text of {len(text)} characters is longer than the limit of {limits.max_text}",
            f"文本长度 {len(text)} 个字符,超过上限 {limits.max_text}",
        )
    return text


_XML_SPACE: Final = re.compile(r"[ \t\n\r]+")


def _blank(text: str) -> bool:
    """Whether ``text`` is XML white space only (space, tab, newline, carriage return).

    ``str.isspace`` alone would also take U+3000 and other Unicode spaces, which are content:
    text of them between elements is refused, not dropped. The ASCII white space that is not
    XML's (form feed, vertical tab, U+001C to U+001F) cannot reach here: XML 1.0 has no such
    characters, and the parser refuses them.
    """
    return text.isascii() and text.isspace()


def _white(text: str | None) -> bool:
    """No text at all, or XML white space only (see :func:`_blank`)."""
    return text is None or _blank(text)


def _items(text: str) -> list[str]:
    """The items of a list attribute, split on XML white space only (not U+3000 and the like)."""
    stripped = text.strip(" \t\n\r")
    return _XML_SPACE.split(stripped) if stripped else []


def _refs(text: str) -> tuple[str, ...]:
    return tuple(parse_id(item) for item in _items(text))


def _code_parser(cls: type[CodeList]) -> Callable[[str], CodeList]:
    members = {member.value: member for member in cls}
    allowed = ", ".join(members)

    def parse_code(text: str) -> CodeList:
        member = members.get(text)
        if member is None:
            raise ValueProblem(
                "S106",
                f"{text[:60]!r} is not in the code list {cls.__name__} ({allowed})",
                f"{text[:60]!r} 不在代码表“{cls.TERM}”中(可选:{allowed})",
            )
        return member

    return parse_code


def _codes_parser(cls: type[CodeList]) -> Callable[[str], frozenset[CodeList]]:
    parse_code = _code_parser(cls)

    def parse_codes(text: str) -> frozenset[CodeList]:
        members = [parse_code(item) for item in _items(text)]
        result = frozenset(members)
        if len(result) != len(members):
            raise ValueProblem("S101", "a code is listed twice", "代码重复")
        return result

    return parse_codes


def _attribute_parser(field: FieldBinding) -> Callable[[str], Any]:
    scalar = field.scalar
    if scalar == "list":
        parse_item = _attribute_parser(field.target)

        def parse_list(text: str) -> tuple[Any, ...]:
            return tuple(parse_item(item) for item in _items(text))

        return parse_list
    if scalar == "code":
        return _code_parser(field.target)
    if scalar == "codes":
        return _codes_parser(field.target)
    parsers: dict[str, Callable[[str], Any]] = {
        "str": str,
        "id": parse_id,
        "ref": parse_id,
        "refs": _refs,
        "int": parse_int,
        "bool": parse_bool,
        "date": parse_date,
        "datetime": parse_datetime,
        "decimal": parse_decimal,
    }
    return parsers[str(scalar)]


Decoder = Callable[[etree._Element, _Context, int], Any]
_DECODERS: dict[tuple[type, str], Decoder] = {}
_SLOW_DECODERS: dict[tuple[type, str], Decoder] = {}


def decoder(cls: type, namespace: str = NAMESPACE) -> Decoder:
    """The decoder of a model class (built once): the fast path, and on any doubt the slow one.

    The fast path (:func:`_make_fast`) binds a regular element without collecting anything; on
    the first irregularity anywhere below the element it gives up, and the element is decoded
    again by the checking decoder (:func:`_make_decoder`), which reports every problem in order
    and itself tries the fast path again on each of its children.

    ``namespace`` is that of the class's elements: the format's, or a typed extension's (the
    decoders are kept by class and namespace, so none goes stale as extensions come and go).
    """
    key = (cls, namespace)
    found = _DECODERS.get(key)
    if found is None:
        found = _DECODERS[key] = _with_fallback(cls, slow_decoder(cls, namespace), namespace)
    return found


def slow_decoder(cls: type, namespace: str = NAMESPACE) -> Decoder:
    """The checking decoder of a model class alone (built once): it reports every problem."""
    key = (cls, namespace)
    found = _SLOW_DECODERS.get(key)
    if found is None:
        found = _SLOW_DECODERS[key] = _make_decoder(binding(cls), namespace)
    return found


def _with_fallback(cls: type, slow: Decoder, namespace: str) -> Decoder:
    def decode(element: etree._Element, context: _Context, depth: int) -> Any:
        try:
            ids: list[str] = []
            found = fast_decoders(context.limits, namespace)[cls](element, depth, ids)
        except Exception:  # noqa: BLE001 - any doubt at all: the checking decoder decides
            return slow(element, context, depth)
        return found if ids_valid(ids) else slow(element, context, depth)

    return decode


# -- the fast path: one generated function per class ---------------------------------------------
#
# It does what the checking decoder does on a regular element (the same limits, the same parsers,
# the same values) but collects nothing: anything irregular raises, and the caller decodes the
# element again with the checking decoder. Objects are built by setting their slots, as the JSON
# fast path does, when the class's ``__init__`` does nothing else.

_FastDecoder = Callable[[etree._Element, int, list[str]], Any]
"""Binds an element at a depth, putting the ids and references it holds on the list: the caller
checks them all at once (``ids_valid``), as one pattern call each costs more than the rest."""


class _Irregular(Exception):
    """Raised by the fast path: the checking decoder must look at this element."""


class _FastDecoders(dict[type, _FastDecoder]):
    """The fast decoders for one set of limits (written into them as constants), of the
    classes whose elements are in ``namespace``."""

    def __init__(self, limits: ReadLimits, namespace: str = NAMESPACE) -> None:
        super().__init__()
        self.limits = limits
        self.namespace = namespace

    def __missing__(self, cls: type) -> _FastDecoder:
        fn = self[cls] = _make_fast(cls, self)
        return fn


_FAST: Final[dict[tuple[ReadLimits, str], _FastDecoders]] = {}


def fast_decoders(limits: ReadLimits, namespace: str = NAMESPACE) -> _FastDecoders:
    """The fast decoders for ``limits`` (kept for a few sets of limits at a time)."""
    key = (limits, namespace)
    found = _FAST.get(key)
    if found is None:
        if len(_FAST) >= 16:
            _FAST.clear()
        found = _FAST[key] = _FastDecoders(limits, namespace)
    return found


_CACHE_SIZE: Final = 1 << 16
_INTS: Final[dict[str, int]] = {}


def _fast_int(text: str) -> int:
    value = _INTS.get(text)
    if value is None:
        value = parse_int(text)
        if len(_INTS) < _CACHE_SIZE:
            _INTS[text] = value
    return value


def _fast_extensions(
    element: etree._Element, limits: ReadLimits, owner: type, depth: int, ids: list[str]
) -> dict[str, Any]:
    """What :func:`_decode_extensions` returns for regular extension data; raises otherwise.

    ``depth`` is that of the ``extensions`` element.
    """
    result: dict[str, Any] = {}
    context = _Context(limits)  # only its limits are used: _json_value raises on a problem
    for child in element:
        if child.tag != _EXTENSION or set(child.attrib) != {"namespace"} or len(child) != 1:
            raise _Irregular
        namespace = child.attrib["namespace"]
        if not namespace or namespace in result:
            raise _Irregular
        value = child[0]
        if not (_white(child.tail) and _white(child.text) and _white(value.tail)):
            raise _Irregular
        extension = installed().get(namespace)
        if extension is None:
            result[namespace] = _json_value(value, context, 0)
            continue
        if owner not in extension.targets or value.tag != _root_tag(extension.root, namespace):
            raise _Irregular
        result[namespace] = fast_decoders(limits, namespace)[extension.root](value, depth + 2, ids)
    return result


def _root_tag(root: type, namespace: str) -> str:
    return clark(class_tag(root), namespace)


def _make_fast(cls: type, fast: _FastDecoders) -> _FastDecoder:
    from ..json import _init_only_sets_fields

    shape = binding(cls)
    namespace = fast.namespace
    names: dict[str, Any] = {
        "Irregular": _Irregular,
        "FAST": fast,
        "LIMITS": fast.limits,
        "len": len,
        "tuple": tuple,
        "DATES": DATE_CACHE,
        "INTS": _INTS,
        "fast_date": parse_date_cached,
        "fast_int": _fast_int,
        "fast_extensions": _fast_extensions,
        "MISSING": _FAILED,
        "cls": cls,
    }

    def name(value: Any, hint: str) -> str:
        key = f"{hint}_{len(names)}"
        names[key] = value
        return key

    lines: list[str] = []

    def add(indent: int, line: str) -> None:
        lines.append("    " * indent + line)

    variables = {field.name: f"v{index}" for index, field in enumerate(shape.fields)}
    defaults = {a.name: a.default for a in attrs.fields(cls)}

    def default(field: FieldBinding) -> str:
        value = defaults[field.name]
        if value is attrs.NOTHING:
            return "MISSING"
        if isinstance(value, attrs.Factory):  # type: ignore[arg-type]
            if value.takes_self:  # pragma: no cover - no model field has one
                raise TypeError(f"{cls.__name__}.{field.name}: a default that takes self")
            if value.factory is tuple:
                return "()"
            return f"{name(value.factory, 'factory')}()"
        return name(value, "default")

    fn_name = f"fast_{cls.__name__}"
    limits = fast.limits

    def constant(value: Any, hint: str) -> str:
        return repr(value) if type(value) is int else name(value, hint)

    mt = constant(limits.max_text, "max_text")
    add(0, f"def {fn_name}(e, depth, L):")
    add(1, f"if depth > {constant(limits.max_depth, 'max_depth')}:")
    add(2, "raise Irregular")
    add(1, "count = len(e.attrib)")
    add(1, f"if count > {constant(limits.max_attributes, 'max_attributes')}:")
    add(2, "raise Irregular")
    if shape.attributes:
        add(1, "get = e.get")
    add(1, "found = 0")
    for field in shape.attributes:
        var = variables[field.name]
        add(1, f"t = get({field.xml!r})")
        add(1, "if t is None:")
        if field.required:
            add(2, "raise Irregular")
        else:
            add(2, f"{var} = {default(field)}")
        add(1, "else:")
        add(2, "found += 1")
        add(2, f"if len(t) > {mt}:")
        add(3, "raise Irregular")
        scalar = field.scalar
        if scalar == "str":
            add(2, f"{var} = t")
        elif scalar in ("id", "ref"):
            add(2, "L.append(t)")
            add(2, f"{var} = t")
        elif scalar == "date":
            add(2, f"{var} = DATES.get(t)")
            add(2, f"if {var} is None:")
            add(3, f"{var} = fast_date(t)")
        elif scalar == "int":
            add(2, f"{var} = INTS.get(t)")
            add(2, f"if {var} is None:")
            add(3, f"{var} = fast_int(t)")
        elif scalar == "refs":
            # ids are ASCII, and in ASCII text from an XML parser str.split splits on XML white
            # space only (the other ASCII spaces are not XML characters)
            add(2, "if not t.isascii():")
            add(3, "raise Irregular")
            add(2, "items = t.split()")
            add(2, "L += items")
            add(2, f"{var} = tuple(items)")
        elif scalar == "bool":
            add(2, "if t == 'true':")
            add(3, f"{var} = True")
            add(2, "elif t == 'false':")
            add(3, f"{var} = False")
            add(2, "else:")
            add(3, "raise Irregular")
        elif scalar == "code":
            members = name({member.value: member for member in field.target}, "members")
            add(2, f"{var} = {members}.get(t)")
            add(2, f"if {var} is None:")
            add(3, "raise Irregular")
        else:  # codes, datetime, decimal
            add(2, f"{var} = {name(_attribute_parser(field), 'parse')}(t)")
    add(1, "if found != count:")
    add(2, "raise Irregular")
    add(1, "t = e.text")
    add(1, "if t is not None and not (t.isascii() and t.isspace()):")
    add(2, "raise Irregular")
    for field in shape.elements:
        add(1, f"{variables[field.name]} = {default(field)}")
    if shape.elements:
        index_of = name(
            {clark(f.xml, namespace): i for i, f in enumerate(shape.elements)}, "index_of"
        )
        add(1, "last = -1")
        add(1, "for c in e:")
        add(2, "t = c.tail")
        add(2, "if t is not None and not (t.isascii() and t.isspace()):")
        add(3, "raise Irregular")
        add(2, f"k = {index_of}.get(c.tag, -1)")
        add(2, "if k <= last:")  # unknown, repeated or out of order
        add(3, "raise Irregular")
        add(2, "last = k")
        for index, field in enumerate(shape.elements):
            var = variables[field.name]
            add(2, f"{'if' if index == 0 else 'elif'} k == {index}:")
            _fast_child(add, name, fast, field, var, mt, cls)
        add(2, "else:")
        add(3, "raise Irregular")
        for field in shape.elements:
            if field.required:
                add(1, f"if {variables[field.name]} is MISSING:")
                add(2, "raise Irregular")
    if _init_only_sets_fields(cls):
        names["new"] = object.__new__
        add(1, "o = new(cls)")
        for field in shape.fields:
            setter = name(getattr(cls, field.name).__set__, f"set_{field.name}")
            add(1, f"{setter}(o, {variables[field.name]})")
        add(1, "return o")
    else:  # pragma: no cover - every model class has a plain __init__ today
        arguments = ", ".join(f"{f.name}={variables[f.name]}" for f in shape.fields)
        add(1, f"return cls({arguments})")
    text = "\n".join(lines) + "\n"
    filename = f"<inspection-schema {fn_name} {cls.__module__}.{cls.__qualname__}>"
    exec(compile(text, filename, "exec"), names)
    linecache.cache[filename] = (len(text), None, text.splitlines(True), filename)
    fn: _FastDecoder = names[fn_name]
    return fn


def _fast_child(
    add: Callable[[int, str], None],
    name: Callable[[Any, str], str],
    fast: _FastDecoders,
    field: FieldBinding,
    var: str,
    mt: str,
    owner: type,
) -> None:
    """Lines decoding child ``c`` of a regular element into ``var`` (see ``_decode_field``)."""
    form = field.form
    namespace = fast.namespace
    if form == "text":
        add(3, "if len(c) or len(c.attrib):")
        add(4, "raise Irregular")
        add(3, f"{var} = c.text or ''")
        add(3, f"if len({var}) > {mt}:")
        add(4, "raise Irregular")
        return
    if form == "object":
        add(3, f"{var} = {name(fast[field.target], 'fast')}(c, depth + 1, L)")
        return
    add(3, "if len(c.attrib):")
    add(4, "raise Irregular")
    add(3, "t = c.text")
    add(3, "if t is not None and not (t.isascii() and t.isspace()):")
    add(4, "raise Irregular")
    if not field.required:
        add(3, "if not len(c):")
        add(4, "raise Irregular")
    if form == "extensions":
        add(3, f"{var} = fast_extensions(c, LIMITS, {name(owner, 'owner')}, depth + 1, L)")
        return
    add(3, "items = []")
    add(3, "append = items.append")
    add(3, "d = depth + 2")
    if form == "objects":
        tag = name(clark(class_tag(field.target), namespace), "tag")
        add(3, "for i in c:")
        add(4, "t = i.tail")
        add(4, "if t is not None and not (t.isascii() and t.isspace()):")
        add(5, "raise Irregular")
        add(4, f"if i.tag != {tag}:")
        add(5, "raise Irregular")
        add(4, f"append({name(fast[field.target], 'fast')}(i, d, L))")
    elif form == "events":
        tags = name({clark(class_tag(c), namespace): fast[c] for c in field.target}, "tags")
        add(3, "for i in c:")
        add(4, "t = i.tail")
        add(4, "if t is not None and not (t.isascii() and t.isspace()):")
        add(5, "raise Irregular")
        add(4, f"append({tags}[i.tag](i, d, L))")
    else:  # texts
        tag = name(clark("item", namespace), "tag")
        add(3, "for i in c:")
        add(4, "t = i.tail")
        add(4, "if t is not None and not (t.isascii() and t.isspace()):")
        add(5, "raise Irregular")
        add(4, f"if i.tag != {tag} or len(i) or len(i.attrib):")
        add(5, "raise Irregular")
        add(4, "t = i.text or ''")
        add(4, f"if len(t) > {mt}:")
        add(5, "raise Irregular")
        add(4, "append(t)")
    add(3, f"{var} = tuple(items)")


def _make_decoder(shape: ClassBinding, namespace: str = NAMESPACE) -> Decoder:
    cls = shape.cls
    attribute_table: dict[str, tuple[str, Callable[[str], Any]]] = {
        field.xml: (field.name, _attribute_parser(field)) for field in shape.attributes
    }
    child_table: dict[str, FieldBinding] = {
        clark(field.xml, namespace): field for field in shape.elements
    }
    required = tuple(field for field in shape.fields if field.required)
    order = {field.name: index for index, field in enumerate(shape.elements)}

    def decode(element: etree._Element, context: _Context, depth: int) -> Any:
        if depth > context.limits.max_depth:
            context.problem(
                element, None, LimitProblem("X004", "elements nest too deep", "元素嵌套过深")
            )
        values: dict[str, Any] = {}
        ok = True
        attributes = element.attrib
        _check_width(element, context)
        for name, text in attributes.items():
            entry = attribute_table.get(name)
            if entry is None:
                context.report(element, name, "S102", "unknown attribute", "未知属性")
                ok = False
                continue
            try:
                values[entry[0]] = entry[1](_check_attribute(text, context.limits))
            except ValueProblem as exc:
                context.problem(element, name, exc)
                values[entry[0]] = _FAILED  # present, though wrong: not "missing" as well
                ok = False
        text = element.text
        if text is not None and not _blank(text):
            context.report(
                element,
                None,
                "S108",
                "unexpected text in a container element",
                "容器元素中出现了多余文本",
            )
            ok = False
        last = -1
        for child in element:
            tail = child.tail
            if tail is not None and not _blank(tail):
                context.report(
                    element,
                    None,
                    "S108",
                    "unexpected text between elements",
                    "元素之间出现了多余文本",
                )
                ok = False
            field = child_table.get(child.tag)
            if field is None:
                context.report(child, None, "S102", "unknown element", "未知元素")
                ok = False
                continue
            if field.name in values:
                context.report(child, None, "S109", "element appears twice", "元素重复出现")
                ok = False
                continue
            position = order[field.name]
            if position < last:
                context.report(
                    child,
                    None,
                    "S110",
                    "element out of order (elements follow the order of the format)",
                    "元素顺序有误(元素须按格式规定的顺序排列)",
                )
                ok = False
            last = max(last, position)
            value = _decode_field(field, child, context, depth + 1, namespace, cls)
            values[field.name] = value
            if value is _FAILED:
                ok = False
        for field in required:
            if field.name not in values:
                where = f"@{field.xml}" if field.form == "attribute" else field.xml
                context.report(
                    element, None, "S103", f"required {where} is missing", f"缺少必填项 {where}"
                )
                ok = False
        if not ok:
            return _FAILED
        return cls(**values)

    return decode


_FAILED: Final = object()


def _check_width(element: etree._Element, context: _Context) -> None:
    count = len(element.attrib)
    if count > context.limits.max_attributes:
        context.problem(
            element,
            None,
            LimitProblem(
                "X005",
                f"{count} attributes, over the limit of {context.limits.max_attributes}",
                f"属性数 {count} 超过上限 {context.limits.max_attributes}",
            ),
        )


def _check_attribute(text: str, limits: ReadLimits) -> str:
    if len(text) > limits.max_text:
        _check_text(text, limits)
    return text


def _decode_field(
    field: FieldBinding,
    element: etree._Element,
    context: _Context,
    depth: int,
    namespace: str = NAMESPACE,
    owner: type | None = None,
) -> Any:
    form = field.form
    if form == "text":
        if len(element) or element.attrib:
            context.report(
                element, None, "S108", "a text element holds markup", "文本元素中不应有子元素或属性"
            )
            return _FAILED
        try:
            return _check_text(element.text or "", context.limits)
        except ValueProblem as exc:
            context.problem(element, None, exc)
            return _FAILED
    if form == "object":
        return decoder(field.target, namespace)(element, context, depth)
    return _decode_wrapper(field, element, context, depth, namespace, owner)


def _decode_wrapper(
    field: FieldBinding,
    element: etree._Element,
    context: _Context,
    depth: int,
    namespace: str = NAMESPACE,
    owner: type | None = None,
) -> Any:
    _check_width(element, context)
    if element.attrib:
        context.report(
            element, None, "S102", "a list element takes no attributes", "列表元素不应有属性"
        )
        return _FAILED
    text = element.text
    if text is not None and not _blank(text):
        context.report(
            element, None, "S108", "unexpected text in a list element", "列表元素中出现了多余文本"
        )
        return _FAILED
    if not field.required and len(element) == 0:
        context.report(
            element,
            None,
            "S111",
            "an empty list is written by leaving its element out",
            "空列表应省略该元素,而非写出空元素",
        )
        return _FAILED
    form = field.form
    if form == "extensions":
        return _decode_extensions(element, context, owner, depth)
    if form == "objects":
        tags = {clark(class_tag(field.target), namespace): decoder(field.target, namespace)}
    elif form == "events":
        tags = {clark(class_tag(cls), namespace): decoder(cls, namespace) for cls in field.target}
    else:
        tags = {}
    items: list[Any] = []
    failed = False
    item_tag = clark("item", namespace)
    for child in element:
        if not _white(child.tail):
            context.report(
                element, None, "S108", "unexpected text between elements", "元素之间出现了多余文本"
            )
            failed = True
        if form == "texts":
            if child.tag != item_tag or len(child) or child.attrib:
                context.report(child, None, "S102", "expected an item element", "应为 item 元素")
                failed = True
                continue
            try:
                items.append(_check_text(child.text or "", context.limits))
            except ValueProblem as exc:
                context.problem(child, None, exc)
                failed = True
            continue
        decode = tags.get(child.tag)
        if decode is None:
            context.report(
                child, None, "S102", "unknown element in this list", "列表中出现了未知元素"
            )
            failed = True
            continue
        value = decode(child, context, depth + 1)
        if value is _FAILED or value is None:
            failed = True
        else:
            items.append(value)
    return _FAILED if failed else tuple(items)


def _decode_extensions(
    element: etree._Element, context: _Context, owner: type | None, depth: int
) -> Any:
    """The ``extensions`` element (at ``depth``) of an ``owner``: free JSON in the fn
    vocabulary, and under a registered namespace the extension's own element."""
    result: dict[str, Any] = {}
    failed = False
    for child in element:
        if not _white(child.tail):
            context.report(
                element, None, "S108", "unexpected text between elements", "元素之间出现了多余文本"
            )
            failed = True
        if child.tag != clark("extension") or set(child.attrib) != {"namespace"} or len(child) != 1:
            context.report(
                child,
                None,
                "S102",
                'expected <extension namespace="..."> holding one JSON value',
                '应为含一个 JSON 值的 <extension namespace="..."> 元素',
            )
            return _FAILED
        namespace = child.attrib["namespace"]
        if not namespace or namespace in result:
            context.report(
                child, "namespace", "S101", "empty or repeated namespace", "命名空间为空或重复"
            )
            return _FAILED
        extension = installed().get(namespace)
        if extension is not None:
            value = _decode_typed(child, extension, context, owner, depth + 2)
            result[namespace] = value
            failed = failed or value is _FAILED
            continue
        if not (_white(child.text) and _white(child[0].tail)):
            context.report(
                child,
                None,
                "S108",
                "unexpected text in an extension element",
                "扩展元素中出现了多余文本",
            )
            failed = True
            continue
        try:
            result[namespace] = _json_value(child[0], context, 0)
        except ValueProblem as exc:
            context.problem(child, None, exc)
            return _FAILED
    return _FAILED if failed else result


def _decode_typed(
    element: etree._Element,
    extension: SchemaExtension,
    context: _Context,
    owner: type | None,
    depth: int,
) -> Any:
    """The value of a typed extension: ``element`` is its ``<extension>``, holding one element."""
    namespace = extension.namespace
    failed = False
    if owner is not None and owner not in extension.targets:
        context.problem(element, "namespace", misplaced(extension, owner))
        failed = True
    text = element.text
    if (text is not None and not _blank(text)) or any(
        child.tail is not None and not _blank(child.tail) for child in element
    ):
        context.report(
            element,
            None,
            "S108",
            "unexpected text in an extension element",
            "扩展元素中出现了多余文本",
        )
        failed = True
    value = element[0]
    expected = _root_tag(extension.root, namespace)
    if value.tag != expected:
        shown = f"{extension.prefix}:{class_tag(extension.root)}"
        context.report(
            value,
            None,
            "S102",
            f"expected <{shown}> in the namespace {namespace} (the registered extension)",
            f"应为命名空间 {namespace} 中的 <{shown}> 元素(已登记的扩展)",
        )
        return _FAILED
    decoded = decoder(extension.root, namespace)(value, context, depth)
    return _FAILED if failed else decoded


_FN = f"{{{FN_NAMESPACE}}}"
_EXTENSION: Final = clark("extension")


def _json_value(element: etree._Element, context: _Context, depth: int) -> Any:
    if depth > context.limits.max_depth:
        raise LimitProblem("X004", "extension data nests too deep", "扩展数据嵌套过深")
    tag = element.tag if isinstance(element.tag, str) else ""
    if not tag.startswith(_FN):
        raise ValueProblem(
            "S102", f"unexpected element {tag} in extension data", f"扩展数据中出现了未知元素 {tag}"
        )
    kind = tag[len(_FN) :]
    text = element.text or ""
    if kind in ("map", "array") and (
        (text and not _blank(text))
        or any(child.tail is not None and not _blank(child.tail) for child in element)
    ):
        raise ValueProblem("S108", f"unexpected text in fn:{kind}", f"fn:{kind} 中出现了多余文本")
    if kind == "map":
        value: dict[str, Any] = {}
        for child in element:
            key = child.get("key")
            if key is None or key in value:
                raise ValueProblem("S101", "a map entry needs a unique key", "映射项须有唯一的 key")
            value[key] = _json_value(child, context, depth + 1)
        return value
    if kind == "array":
        return [_json_value(child, context, depth + 1) for child in element]
    if len(element):
        raise ValueProblem("S108", f"fn:{kind} holds markup", f"fn:{kind} 中不应有子元素")
    if kind == "string":
        return _check_text(text, context.limits)
    if kind == "number":
        try:
            return parse_int(text)
        except ValueProblem:
            try:
                number = float(text)
            except ValueError:
                raise ValueProblem(
                    "S101", f"{text[:40]!r} is not a number", f"{text[:40]!r} 不是数"
                ) from None
            if number != number or number in (float("inf"), float("-inf")):
                raise ValueProblem("S101", "numbers must be finite", "数须为有限值") from None
            return number
    if kind == "boolean":
        return parse_bool(text)
    if kind == "null" and not text:
        return None
    raise ValueProblem("S102", f"unexpected fn:{kind}", f"未知的 fn:{kind}")


def bind(root: etree._Element, limits: ReadLimits = DEFAULT_LIMITS) -> Document:
    """Bind a parsed, checked root element to a document; raises with every problem found."""
    return _bind(root, limits, decoder(Document))


def _bind(root: etree._Element, limits: ReadLimits, decode: Decoder) -> Document:
    root = check_root(root)
    context = _Context(limits)
    with collector_paused():
        document = decode(root, context, 0)
    if context.issues or document is _FAILED:
        raise SchemaViolationError("the XML is not a valid document", context.issues)
    assert isinstance(document, Document)
    return document


def loads(data: bytes, *, limits: ReadLimits = DEFAULT_LIMITS) -> Document:
    """Read an XML document; every failure is one of the library's errors."""
    if isinstance(data, str):
        data = _encoded(data)
    elif isinstance(data, bytearray | memoryview):
        data = bytes(data)
    elif not isinstance(data, bytes):
        raise TypeError(f"loads() reads bytes, not {type(data).__name__}")
    root = _parse_unscanned(data, limits)
    if root.tag == _ROOT_TAG:
        # The fast path looks at every element and knows none of XInclude's: when it binds the
        # document, there is no XInclude element to refuse and the root is of the current version.
        try:
            with collector_paused():
                ids: list[str] = []
                document: Document = fast_decoders(limits)[Document](root, 0, ids)
        except Exception:  # noqa: BLE001 - any doubt at all: the checking path decides
            pass
        else:
            if ids_valid(ids):
                return document
    refuse_xinclude(root)
    return _bind(root, limits, slow_decoder(Document))


_ROOT_TAG: Final = clark(ROOT)


def _encoded(text: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise _unreadable(*unencodable(text, exc)) from None
