"""The XML Schema (XSD 1.0) of the XML format, generated from the model's XML binding.

Nothing here describes a class or a field: the schema is :func:`~inspection_schema.codecs.xml.
binding.binding` walked from :class:`~inspection_schema.model.Document`, and restates the
binding's rules and the reader's lexical forms (:mod:`inspection_schema.codecs.lexical`):

- one named ``xs:complexType`` per model class (named as the class) and one ``xs:simpleType``
  per code list (an ``xs:enumeration`` per code) and per set of codes (``<CodeList>Set``, an
  ``xs:list``), each documented with its Chinese term; fields are documented with theirs;
- attributes in field order, ``use="required"`` for fields without default, the default given
  for the others that have one; child elements in an ``xs:sequence`` in field order,
  ``minOccurs="0"`` for fields with a default;
- list wrappers hold one element per item, named by the item's class; history events are an
  ``xs:choice`` of the event elements. The writer leaves out a list equal to its (empty)
  default, so a wrapper that is present holds at least one item;
- ids are ``xs:ID`` and references ``xs:IDREF``, both restricted to the id pattern; lists of
  references are lists of those. Since libxml2 (lxml) does not check that an ``xs:IDREF``
  resolves, the root also carries an ``xs:unique`` of every id and an ``xs:keyref`` per
  single-reference attribute name;
- scalars are the built-in types restricted by the reader's patterns (``\\d`` read as ASCII
  digits): ``xs:date``, ``xs:dateTime`` with an offset and an hour below 24, ``xs:decimal`` and
  ``xs:integer`` in plain digits (within the 64-bit range every format carries), ``xs:boolean``
  as ``true`` or ``false`` only;
- extension data is ``<extension namespace="...">`` holding one element of another namespace:
  the W3C JSON-to-XML vocabulary, or the element of a typed extension (any namespace but the
  format's), validated ``lax`` (the W3C schema of that vocabulary is not bundled); namespaces
  are unique within one ``extensions`` element.

A typed extension (:mod:`inspection_schema.extensions`) has a schema of its own
(:func:`extension_xsd`), in its namespace, built by the same rules and importing this one for
the scalar types and code lists; :func:`combined_xsd_schema` validates a document against this
schema and those of the registered extensions together.

What XML Schema 1.0 cannot say is listed in :data:`LIMITS`.
"""

from __future__ import annotations

import functools
import inspect
from pathlib import Path
from typing import Any, Final

import attrs
from lxml import etree

from ..codecs.lexical import DATE, DATETIME, DECIMAL, INT_MAX, INT_MIN, INTEGER
from ..codecs.xml.binding import (
    MAJOR,
    NAMESPACE,
    ROOT,
    ClassBinding,
    FieldBinding,
    binding,
    class_tag,
)
from ..codecs.xml.writer import _FORMATTERS, DECLARATION
from ..extensions import SchemaExtension, extension_classes, registered_extensions
from ..files import write_atomic
from ..model import SCHEMA_VERSION, CodeList, Document, class_term, info
from ..model.text import ID_PATTERN

XS_NAMESPACE: Final = "http://www.w3.org/2001/XMLSchema"
PREFIX: Final = "is"
"""The prefix the schema gives the format's namespace (instance documents use the default)."""

FILE_NAME: Final = f"inspection-schema-{MAJOR}.xsd"

LIMITS: Final = (
    "Surrounding whitespace: ids, references, numbers, booleans, dates and date-times are "
    "whitespace-collapsed by their built-in types, so ' 2023-06-09' validates; the reader "
    "refuses it.",
    "A reference is checked to resolve, not to name an object of the kind its field allows; "
    "items of a list of references are checked to resolve only by validators that check "
    "xs:IDREF (xmlschema does; libxml2, hence lxml, does not).",
    "A set of codes may list a code twice for the schema; the reader refuses it.",
    "Extension data is validated lax: elements outside the JSON-to-XML vocabulary, or map keys "
    "that repeat, pass the schema; the reader refuses them. Typed extensions are checked only "
    "when their schemas are loaded too (combined_xsd_schema), and whether an extension is "
    "allowed in the slot it is in is left to the reader.",
    "xsi: attributes are allowed by every XML Schema validator; the reader refuses them.",
    "Date-times: XML Schema admits offsets up to ±14:00 only; the reader takes up to ±23:59.",
    "Lists (references, codes): the reader splits on any Unicode space, XML Schema on XML "
    "whitespace only, so 'a\u3000b' is two items to the reader and one invalid item here.",
    "Child elements must come in field order; the reader takes them in any order.",
    "A list wrapper present must hold an item (the writer leaves empty lists out); the reader "
    "takes an empty wrapper as the empty list.",
    "Which parts a document kind requires (KIND_REQUIREMENTS) and whether a category code "
    "exists in its scheme are left to the validator.",
)
"""Rules of the format the schema cannot express, or expresses more strictly than the reader."""


def _xs(local: str) -> str:
    return f"{{{XS_NAMESPACE}}}{local}"


def _qname(local: str) -> str:
    return f"{PREFIX}:{local}"


_XML_LANG: Final = "{http://www.w3.org/XML/1998/namespace}lang"


# -- patterns -----------------------------------------------------------------------------------


def xsd_pattern(pattern: str) -> str:
    """A Python regular expression (matched whole) in the XML Schema dialect.

    XML Schema patterns are anchored already; ``(?:`` becomes ``(``; ``\\d`` becomes ``[0-9]``
    (the lexical forms mean ASCII digits; XML Schema's ``\\d`` is any Unicode digit, as is
    Python's); a ``-`` at the edge of a character class is escaped. Anything else with a
    different meaning in the two dialects is refused.
    """
    out: list[str] = []
    in_class = False
    class_start = False
    index = 0
    while index < len(pattern):
        char = pattern[index]
        index += 1
        if char == "\\":
            escaped = pattern[index]
            index += 1
            if escaped == "d":
                out.append("0-9" if in_class else "[0-9]")
            elif escaped in "DwWsSbBAZ0123456789":
                raise ValueError(f"\\{escaped} has no XML Schema equivalent here")
            else:
                out.append("\\" + escaped)
            class_start = False
            continue
        if in_class:
            if char == "]":
                in_class = False
            elif char == "-" and (class_start or pattern[index : index + 1] == "]"):
                char = "\\-"
            class_start = False
            out.append(char)
            continue
        if char == "[":
            in_class = True
            class_start = True
            if pattern[index : index + 1] == "^":
                out.append("[^")
                index += 1
                continue
        elif char == "(" and pattern[index : index + 1] == "?":
            if pattern[index : index + 2] != "?:":
                raise ValueError("only (?: groups have an XML Schema equivalent")
            index += 2
        elif char in "^$":
            raise ValueError("XML Schema patterns are anchored; drop ^ and $")
        out.append(char)
    return "".join(out)


_HOUR_BELOW_24: Final = ".{11}([01][0-9]|2[0-3]).*"
"""XML Schema 1.0 reads 24:00:00 as the next midnight; the reader (``fromisoformat``) refuses it."""


# -- building -----------------------------------------------------------------------------------


def _first_line(cls: type) -> str:
    doc = cls.__doc__
    return inspect.cleandoc(doc).splitlines()[0] if doc else ""


def _annotate(parent: etree._Element, *texts: str, zh: str | None = None) -> None:
    """``xs:annotation`` with the Chinese term first (``xml:lang="zh"``), then other lines."""
    annotation = etree.SubElement(parent, _xs("annotation"))
    if zh is not None:
        term = etree.SubElement(annotation, _xs("documentation"), {_XML_LANG: "zh"})
        term.text = zh
    for text in texts:
        if text:
            etree.SubElement(annotation, _xs("documentation")).text = text


def _simple(schema: etree._Element, name: str, base: str, doc: str, zh: str, **facets: str) -> None:
    simple = etree.SubElement(schema, _xs("simpleType"), name=name)
    _annotate(simple, doc, zh=zh)
    restriction = etree.SubElement(simple, _xs("restriction"), base=base)
    for facet, value in facets.items():
        etree.SubElement(restriction, _xs(facet), value=value)


def _scalar_types(schema: etree._Element) -> None:
    """The named scalar types fields refer to, so each lexical rule is written once."""
    ident = xsd_pattern(ID_PATTERN.pattern)
    _simple(
        schema,
        "Id",
        "xs:ID",
        "An id: an ASCII XML NCName, unique in the document.",
        "标识",
        pattern=ident,
    )
    _simple(
        schema, "IdRef", "xs:IDREF", "A reference to an id in the document.", "引用", pattern=ident
    )
    refs = etree.SubElement(schema, _xs("simpleType"), name="IdRefs")
    _annotate(refs, "References, separated by spaces (an empty list is allowed).", zh="引用列表")
    etree.SubElement(refs, _xs("list"), itemType=_qname("IdRef"))
    _simple(
        schema,
        "Date",
        "xs:date",
        "A calendar date, YYYY-MM-DD.",
        "日期",
        pattern=xsd_pattern(DATE.pattern),
    )
    _simple(
        schema,
        "DateTimeForm",
        "xs:dateTime",
        "A date-time written as the format writes it, with an explicit offset.",
        "日期时间格式",
        pattern=xsd_pattern(DATETIME.pattern),
    )
    _simple(
        schema,
        "DateTime",
        _qname("DateTimeForm"),
        "A date-time with an explicit UTC offset; the hour is 00 to 23.",
        "日期时间",
        pattern=_HOUR_BELOW_24,
    )
    _simple(
        schema,
        "Decimal",
        "xs:decimal",
        'A decimal in plain digits ("98.71").',
        "十进制数",
        pattern=xsd_pattern(DECIMAL.pattern),
    )
    _simple(
        schema,
        "Integer",
        "xs:integer",
        "An integer in plain digits (no +, no leading 0) that every format carries exactly.",
        "整数",
        pattern=xsd_pattern(INTEGER.pattern),
        minInclusive=str(INT_MIN),
        maxInclusive=str(INT_MAX),
    )
    _simple(
        schema, "Boolean", "xs:boolean", "true or false (not 1 or 0).", "是否", pattern="true|false"
    )
    _simple(
        schema,
        "Namespace",
        "xs:string",
        "The namespace of a plugin's extension data.",
        "扩展命名空间",
        minLength="1",
    )


SCALAR_TYPES: Final = (
    "Id",
    "IdRef",
    "IdRefs",
    "Date",
    "DateTimeForm",
    "DateTime",
    "Decimal",
    "Integer",
    "Boolean",
    "Namespace",
)
HELPER_TYPES: Final = ("Extensions", "Extension")
"""Named types that are not model classes or code lists."""

_SCALAR_TYPE: Final[dict[str, str]] = {
    "str": "xs:string",
    "id": _qname("Id"),
    "ref": _qname("IdRef"),
    "refs": _qname("IdRefs"),
    "int": _qname("Integer"),
    "bool": _qname("Boolean"),
    "date": _qname("Date"),
    "datetime": _qname("DateTime"),
    "decimal": _qname("Decimal"),
}


def code_set_name(cls: type[CodeList]) -> str:
    """The name of the list type of a set of codes of ``cls``."""
    return f"{cls.__name__}Set"


@attrs.frozen
class _Names:
    """The qualified names of types in the schema being built: the core's are ``is:``; an
    extension's own classes, code lists and sets of codes are under its prefix."""

    prefix: str = PREFIX
    core_code_lists: frozenset[type] = frozenset()
    core_code_sets: frozenset[type] = frozenset()

    def of_class(self, cls: type) -> str:
        return f"{self.prefix}:{cls.__name__}"

    def of_code_list(self, cls: type[CodeList]) -> str:
        if self.prefix == PREFIX or cls in self.core_code_lists:
            return _qname(cls.__name__)
        return f"{self.prefix}:{cls.__name__}"

    def of_code_set(self, cls: type[CodeList]) -> str:
        if self.prefix == PREFIX or cls in self.core_code_sets:
            return _qname(code_set_name(cls))
        return f"{self.prefix}:{code_set_name(cls)}"


_CORE_NAMES: Final = _Names()


def _attribute_type(field: FieldBinding, names: _Names = _CORE_NAMES) -> str:
    if field.scalar == "code":
        return names.of_code_list(field.target)
    if field.scalar == "codes":
        return names.of_code_set(field.target)
    return _SCALAR_TYPE[str(field.scalar)]


def _field_notes(cls: type, field: FieldBinding) -> tuple[str, ...]:
    facts = info(_attribute_of(cls, field.name))
    notes: list[str] = []
    if facts.role == "ref":
        notes.append("References " + ", ".join(facts.targets) + ".")
    if facts.disclosure is not None:
        notes.append(f"Disclosure: {facts.disclosure}.")
    return tuple(notes)


def _attribute_of(cls: type, name: str) -> Any:
    return attrs.fields_dict(cls)[name]


def _term(cls: type, field: FieldBinding) -> str:
    return info(_attribute_of(cls, field.name)).term


class _Walk:
    """Meets the classes and code lists reachable from the document, in field order."""

    def __init__(self) -> None:
        self.classes: list[type] = []
        self.code_lists: list[type[CodeList]] = []
        self.code_sets: list[type[CodeList]] = []
        self.tags: dict[str, list[type]] = {}
        """Element name -> the classes an element of that name may have (below the root)."""

    def visit(self, cls: type) -> None:
        if cls in self.classes:
            return
        self.classes.append(cls)
        for field in binding(cls).fields:
            if field.scalar == "code":
                self._code_list(field.target, self.code_lists)
            elif field.scalar == "codes":
                self._code_list(field.target, self.code_lists)
                self._code_list(field.target, self.code_sets)
            elif field.form == "object":
                self._tag(field.xml, field.target)
            elif field.form == "objects":
                self._tag(class_tag(field.target), field.target)
            elif field.form == "events":
                for member in field.target:
                    self._tag(class_tag(member), member)

    def _code_list(self, cls: type[CodeList], into: list[type[CodeList]]) -> None:
        if cls not in into:
            into.append(cls)

    def _tag(self, tag: str, cls: type) -> None:
        found = self.tags.setdefault(tag, [])
        if cls not in found:
            found.append(cls)
        self.visit(cls)


def _check_names(walk: _Walk) -> None:
    names = [c.__name__ for c in walk.classes]
    names += [c.__name__ for c in walk.code_lists]
    names += [code_set_name(c) for c in walk.code_sets]
    names += [*SCALAR_TYPES, *HELPER_TYPES]
    clashes = sorted({name for name in names if names.count(name) > 1})
    if clashes:
        raise TypeError(f"two XML Schema types would be named {', '.join(clashes)}")


def _code_list_type(
    schema: etree._Element, cls: type[CodeList], names: _Names = _CORE_NAMES
) -> None:
    simple = etree.SubElement(schema, _xs("simpleType"), name=cls.__name__)
    _annotate(simple, _first_line(cls), zh=cls.TERM)
    restriction = etree.SubElement(simple, _xs("restriction"), base="xs:string")
    for member in cls:
        enumeration = etree.SubElement(restriction, _xs("enumeration"), value=member.value)
        _annotate(enumeration, zh=member.term)


def _code_set_type(
    schema: etree._Element, cls: type[CodeList], names: _Names = _CORE_NAMES
) -> None:
    simple = etree.SubElement(schema, _xs("simpleType"), name=code_set_name(cls))
    _annotate(simple, "Codes separated by spaces.", zh=f"{cls.TERM}(多项)")
    etree.SubElement(simple, _xs("list"), itemType=names.of_code_list(cls))


def _occurs(element: etree._Element, minimum: int, unbounded: bool = False) -> None:
    if minimum != 1:
        element.set("minOccurs", str(minimum))
    if unbounded:
        element.set("maxOccurs", "unbounded")


def _items_minimum(field: FieldBinding) -> int:
    """A present wrapper holds an item unless the list may be written empty."""
    return 0 if field.required or field.default else 1


def _element(
    sequence: etree._Element, cls: type, field: FieldBinding, names: _Names = _CORE_NAMES
) -> None:
    element = etree.SubElement(sequence, _xs("element"), name=field.xml)
    form = field.form
    if form == "text":
        element.set("type", "xs:string")
    elif form == "object":
        element.set("type", names.of_class(field.target))
    elif form == "extensions":
        element.set("type", _qname("Extensions"))
    _occurs(element, 1 if field.required else 0)
    _annotate(element, *_field_notes(cls, field), zh=_term(cls, field))
    if form in ("text", "object"):
        return
    if form == "extensions":
        unique = etree.SubElement(
            element, _xs("unique"), name=f"{cls.__name__}-{field.xml}-namespaces"
        )
        etree.SubElement(unique, _xs("selector"), xpath=_qname("extension"))
        etree.SubElement(unique, _xs("field"), xpath="@namespace")
        return
    wrapper = etree.SubElement(element, _xs("complexType"))
    minimum = _items_minimum(field)
    if form == "objects":
        items = etree.SubElement(wrapper, _xs("sequence"))
        item = etree.SubElement(
            items, _xs("element"), name=class_tag(field.target), type=names.of_class(field.target)
        )
        _occurs(item, minimum, unbounded=True)
    elif form == "events":
        choice = etree.SubElement(wrapper, _xs("choice"))
        _occurs(choice, minimum, unbounded=True)
        for member in field.target:
            etree.SubElement(
                choice, _xs("element"), name=class_tag(member), type=names.of_class(member)
            )
    elif form == "texts":
        items = etree.SubElement(wrapper, _xs("sequence"))
        item = etree.SubElement(items, _xs("element"), name="item", type="xs:string")
        _occurs(item, minimum, unbounded=True)
    else:  # pragma: no cover - binding has no other form
        raise TypeError(f"no XML Schema for the form {form!r}")


def _attribute(
    parent: etree._Element, cls: type, field: FieldBinding, names: _Names = _CORE_NAMES
) -> None:
    attribute = etree.SubElement(parent, _xs("attribute"), name=field.xml)
    if field.scalar != "list":
        attribute.set("type", _attribute_type(field, names))
    if field.required:
        attribute.set("use", "required")
    elif field.default is not None and field.scalar not in ("id", "ref", "refs", "list"):
        attribute.set("default", _FORMATTERS[str(field.scalar)](field.default))
    _annotate(attribute, *_field_notes(cls, field), zh=_term(cls, field))
    if field.scalar == "list":  # values separated by spaces, of the item's type
        values = etree.SubElement(attribute, _xs("simpleType"))
        etree.SubElement(values, _xs("list"), itemType=_attribute_type(field.target, names))


def _class_type(schema: etree._Element, shape: ClassBinding, names: _Names = _CORE_NAMES) -> None:
    cls = shape.cls
    complex_type = etree.SubElement(schema, _xs("complexType"), name=cls.__name__)
    _annotate(complex_type, _first_line(cls), zh=class_term(cls))
    if shape.elements:
        sequence = etree.SubElement(complex_type, _xs("sequence"))
        for field in shape.elements:
            _element(sequence, cls, field, names)
    for field in shape.attributes:
        _attribute(complex_type, cls, field, names)


def _extension_types(schema: etree._Element) -> None:
    extensions = etree.SubElement(schema, _xs("complexType"), name="Extensions")
    _annotate(extensions, "Plugin data, one extension element per plugin namespace.", zh="扩展")
    sequence = etree.SubElement(extensions, _xs("sequence"))
    item = etree.SubElement(sequence, _xs("element"), name="extension", type=_qname("Extension"))
    _occurs(item, 1, unbounded=True)
    extension = etree.SubElement(schema, _xs("complexType"), name="Extension")
    _annotate(
        extension,
        "One plugin's data: one JSON value in the W3C JSON-to-XML vocabulary (fn:map, ...), or "
        "the element of a typed extension in its own namespace.",
        zh="扩展数据",
    )
    sequence = etree.SubElement(extension, _xs("sequence"))
    etree.SubElement(sequence, _xs("any"), namespace="##other", processContents="lax")
    etree.SubElement(
        extension, _xs("attribute"), name="namespace", type=_qname("Namespace"), use="required"
    )


# -- identity constraints -------------------------------------------------------------------------


def _selector(tags: list[str]) -> str:
    return " | ".join("." if tag == ROOT else f".//{_qname(tag)}" for tag in tags)


def _identity(root: etree._Element, walk: _Walk) -> None:
    """Ids unique across the document, and every single reference naming one of them.

    ``xs:ID`` says as much, but libxml2 checks only the first half; the keyrefs make every
    validator check the second. A list of references cannot be a keyref field (its value is
    the whole list), so those rest on ``xs:IDREF`` alone.
    """
    holders: dict[str, list[type]] = {ROOT: [Document], **walk.tags}

    def single_refs(cls: type) -> dict[str, FieldBinding]:
        return {f.xml: f for f in binding(cls).attributes if f.scalar == "ref"}

    id_tags: list[str] = []
    for tag, classes in holders.items():
        kinds = {
            next((f.scalar for f in binding(c).attributes if f.xml == "id"), None) for c in classes
        }
        if kinds == {"id"}:
            id_tags.append(tag)
        elif kinds - {None}:
            raise TypeError(f"elements named {tag} have an id attribute that is not their id")
    for cls in walk.classes:
        names = [f.xml for f in binding(cls).fields if f.scalar == "id"]
        if names not in ([], ["id"]):
            raise TypeError(f"{cls.__name__}'s id attribute is not named id")
    unique = etree.SubElement(root, _xs("unique"), name="ids")
    _annotate(unique, "Every id is unique in the document.", zh="标识唯一")
    etree.SubElement(unique, _xs("selector"), xpath=_selector(id_tags))
    etree.SubElement(unique, _xs("field"), xpath="@id")

    by_attribute: dict[str, list[str]] = {}
    for tag, classes in holders.items():
        for cls in classes:
            for name in single_refs(cls):
                tags = by_attribute.setdefault(name, [])
                if tag not in tags:
                    tags.append(tag)
    for name, tags in by_attribute.items():
        for tag in tags:
            for cls in holders[tag]:
                same = [f for f in binding(cls).attributes if f.xml == name]
                if same and same[0].scalar != "ref":
                    raise TypeError(
                        f"elements named {tag} have an attribute {name} that is not a reference"
                    )
        keyref = etree.SubElement(
            root, _xs("keyref"), name=f"reference-{name}", refer=_qname("ids")
        )
        _annotate(keyref, f"Every {name} attribute names an id of the document.")
        etree.SubElement(keyref, _xs("selector"), xpath=_selector(tags))
        etree.SubElement(keyref, _xs("field"), xpath=f"@{name}")


# -- the schema -----------------------------------------------------------------------------------


def _build() -> etree._Element:
    walk = _Walk()
    walk.visit(Document)
    _check_names(walk)
    schema = etree.Element(
        _xs("schema"),
        nsmap={"xs": XS_NAMESPACE, PREFIX: NAMESPACE},
        targetNamespace=NAMESPACE,
        elementFormDefault="qualified",
        attributeFormDefault="unqualified",
        blockDefault="#all",
        version=SCHEMA_VERSION,
    )
    _annotate(
        schema,
        f"inspection-schema {SCHEMA_VERSION}: the XML format of the record of Party inspection "
        "work (巡视/巡察) and rectification ledgers. Generated from the model; do not edit.",
        zh="巡视巡察工作记录与整改台账 XML 格式",
    )
    root = etree.SubElement(schema, _xs("element"), name=ROOT, type=_qname(Document.__name__))
    _annotate(root, _first_line(Document), zh=class_term(Document))
    _identity(root, walk)
    for cls in walk.classes:
        _class_type(schema, binding(cls))
    _extension_types(schema)
    for code_list in walk.code_lists:
        _code_list_type(schema, code_list)
    for code_list in walk.code_sets:
        _code_set_type(schema, code_list)
    _scalar_types(schema)
    return schema


@functools.cache
def xsd() -> bytes:
    """The schema's canonical bytes: UTF-8, an XML declaration, two-space indentation."""
    text: str = etree.tostring(_build(), encoding="unicode", pretty_print=True)
    return (DECLARATION + text).encode("utf-8")


def write_xsd(directory: Path) -> Path:
    """Write the schema into ``directory`` (which must exist) atomically; returns its path.

    The schema of every registered extension (:func:`extension_xsd`) is written beside it, as
    :func:`extension_file_name` names it, so that their imports resolve.
    """
    path = write_atomic(Path(directory) / FILE_NAME, xsd())
    for extension in registered_extensions():
        write_atomic(Path(directory) / extension_file_name(extension), extension_xsd(extension))
    return path


# -- typed extensions -------------------------------------------------------------------------


def extension_file_name(extension: SchemaExtension) -> str:
    """The file name of an extension's schema: ``extension-<prefix>.xsd``."""
    return f"extension-{extension.prefix}.xsd"


@functools.cache
def _core_walk() -> _Walk:
    walk = _Walk()
    walk.visit(Document)
    return walk


def _build_extension(extension: SchemaExtension) -> etree._Element:
    core = _core_walk()
    names = _Names(
        prefix=extension.prefix,
        core_code_lists=frozenset(core.code_lists),
        core_code_sets=frozenset(core.code_sets),
    )
    classes = extension_classes(extension.root)
    code_lists: list[type[CodeList]] = []
    code_sets: list[type[CodeList]] = []
    for cls in classes:
        for field in binding(cls).fields:
            item = field.target if field.scalar == "list" else field
            code = item.target if item.scalar in ("code", "codes") else None
            if code is not None and code not in core.code_lists and code not in code_lists:
                code_lists.append(code)
            if item.scalar == "codes" and code not in (*core.code_sets, *code_sets):
                code_sets.append(item.target)
    defined = [c.__name__ for c in (*classes, *code_lists)] + [code_set_name(c) for c in code_sets]
    clashes = sorted({name for name in defined if defined.count(name) > 1})
    if clashes:
        raise TypeError(f"two XML Schema types would be named {', '.join(clashes)}")
    schema = etree.Element(
        _xs("schema"),
        nsmap={"xs": XS_NAMESPACE, PREFIX: NAMESPACE, extension.prefix: extension.namespace},
        targetNamespace=extension.namespace,
        elementFormDefault="qualified",
        attributeFormDefault="unqualified",
        blockDefault="#all",
        version=SCHEMA_VERSION,
    )
    _annotate(
        schema,
        f"{extension.namespace}: a typed extension of inspection-schema {SCHEMA_VERSION}, carried "
        f'in <extension namespace="{extension.namespace}">. Generated from the model; do not '
        "edit.",
        extension.description,
        zh=extension.title,
    )
    etree.SubElement(schema, _xs("import"), namespace=NAMESPACE, schemaLocation=FILE_NAME)
    root = extension.root
    element = etree.SubElement(
        schema, _xs("element"), name=class_tag(root), type=names.of_class(root)
    )
    _annotate(element, _first_line(root), zh=class_term(root))
    for cls in classes:
        _class_type(schema, binding(cls), names)
    for code_list in code_lists:
        _code_list_type(schema, code_list, names)
    for code_list in code_sets:
        _code_set_type(schema, code_list, names)
    return schema


def extension_xsd(extension: SchemaExtension) -> bytes:
    """The schema of one typed extension: canonical bytes, its namespace as target namespace.

    It declares one global element, the extension's value (``class_tag(root)``), and imports
    the format's schema (:data:`FILE_NAME`, expected beside it) for scalar types and code lists.
    """
    text: str = etree.tostring(_build_extension(extension), encoding="unicode", pretty_print=True)
    return (DECLARATION + text).encode("utf-8")


_SCHEMA_BASE: Final = "file:///inspection-schema/xsd/"
"""Where the in-memory schemas pretend to be, so imports between them resolve (never read)."""


class _Schemas(etree.Resolver):  # type: ignore[misc]
    """Serves the generated schemas by file name; nothing else, so no file or network is read."""

    def __init__(self, files: dict[str, bytes]) -> None:
        super().__init__()
        self.files = files

    def resolve(self, system_url: str, public_id: str, context: Any) -> Any:
        name = system_url.removeprefix(_SCHEMA_BASE)
        data = self.files.get(name)
        if data is None:
            raise ValueError(f"no schema {system_url!r} is bundled")
        return self.resolve_string(data, context, base_url=_SCHEMA_BASE + name)


def _xml_schema(driver: bytes, files: dict[str, bytes]) -> etree.XMLSchema:
    parser = etree.XMLParser(**_SCHEMA_PARSER_OPTIONS)
    parser.resolvers.add(_Schemas(files))
    tree = etree.fromstring(driver, parser, base_url=_SCHEMA_BASE + "driver.xsd")
    return etree.XMLSchema(tree)


def extension_xsd_schema(extension: SchemaExtension) -> etree.XMLSchema:
    """The schema of one extension for lxml, with the format's (no file, no network)."""
    return _combined((extension,))


def combined_xsd_schema() -> etree.XMLSchema:
    """The format's schema and those of every registered extension, together, for lxml.

    Built once per set of registered extensions. A document validated with it has the value of
    each registered extension checked by that extension's schema (the ``lax`` slot validates
    an element whose declaration it finds); with no extension registered it is
    :func:`xsd_schema`.
    """
    extensions = registered_extensions()
    return _combined(extensions) if extensions else xsd_schema()


@functools.lru_cache(maxsize=8)
def _combined(extensions: tuple[SchemaExtension, ...]) -> etree.XMLSchema:
    files = {FILE_NAME: xsd()}
    driver = etree.Element(_xs("schema"), nsmap={"xs": XS_NAMESPACE})
    etree.SubElement(driver, _xs("import"), namespace=NAMESPACE, schemaLocation=FILE_NAME)
    for extension in extensions:
        name = extension_file_name(extension)
        files[name] = extension_xsd(extension)
        etree.SubElement(driver, _xs("import"), namespace=extension.namespace, schemaLocation=name)
    return _xml_schema(etree.tostring(driver), files)


_SCHEMA_PARSER_OPTIONS: Final[dict[str, Any]] = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "remove_blank_text": True,
}


@functools.cache
def xsd_schema() -> etree.XMLSchema:
    """The schema for lxml, built once from :func:`xsd` (no file, no network)."""
    tree = etree.fromstring(xsd(), etree.XMLParser(**_SCHEMA_PARSER_OPTIONS))
    return etree.XMLSchema(tree)


__all__ = [
    "FILE_NAME",
    "LIMITS",
    "XS_NAMESPACE",
    "code_set_name",
    "combined_xsd_schema",
    "extension_file_name",
    "extension_xsd",
    "extension_xsd_schema",
    "write_xsd",
    "xsd",
    "xsd_pattern",
    "xsd_schema",
]
