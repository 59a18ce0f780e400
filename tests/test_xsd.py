"""The generated XML Schema: valid itself, complete, and in agreement with the XML reader.

The reader (with the integrity checks :func:`inspection_schema.loads` makes) is the oracle.
Every document the writer produces validates under both XSD processors at hand, lxml (libxml2)
and ``xmlschema``; every document the reader refuses for a reason the schema can express is
refused by the schema too. Where the two cannot agree, an ``xfail(strict=True)`` case says why
(and :data:`~inspection_schema.schemas.xsd.LIMITS` lists it): a gap that closes turns into a
failure, so its marker is removed with it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
import xmlschema
from hypothesis import given
from lxml import etree

import inspection_schema
from inspection_schema.codecs.lexical import (
    INT_MAX,
    INT_MIN,
    ValueProblem,
    parse_bool,
    parse_date,
    parse_datetime,
    parse_decimal,
    parse_int,
)
from inspection_schema.codecs.xml import dumps
from inspection_schema.codecs.xml.binding import (
    FN_NAMESPACE,
    MAJOR,
    NAMESPACE,
    FieldBinding,
    binding,
    class_tag,
)
from inspection_schema.codecs.xml.validation import xsd_issues
from inspection_schema.codecs.xml.writer import DECLARATION
from inspection_schema.errors import InspectionSchemaError
from inspection_schema.model import (
    ALL_CODE_LISTS,
    MODEL_CLASSES,
    CodeList,
    Document,
    class_term,
    info,
)
from inspection_schema.model.text import ID_PATTERN
from inspection_schema.schemas.xsd import (
    FILE_NAME,
    HELPER_TYPES,
    LIMITS,
    SCALAR_TYPES,
    XS_NAMESPACE,
    code_set_name,
    write_xsd,
    xsd,
    xsd_pattern,
    xsd_schema,
)
from inspection_schema.testing.strategies import documents

ROOT_DIR = Path(__file__).resolve().parents[1]
SAMPLES = [
    *sorted((ROOT_DIR / "examples").glob("*.json")),
    ROOT_DIR / "tests" / "data" / "minimal-round-plan.json",
]
XS = f"{{{XS_NAMESPACE}}}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NS = {"xs": XS_NAMESPACE}


@pytest.fixture(scope="module")
def xmlschema_schema() -> xmlschema.XMLSchema10:
    return xmlschema.XMLSchema10(xsd().decode("utf-8"))


@pytest.fixture(scope="module")
def schema_tree() -> etree._Element:
    return etree.fromstring(xsd())


# -- the judges -----------------------------------------------------------------------------------


def lxml_valid(data: bytes) -> bool:
    return bool(xsd_schema().validate(etree.fromstring(data)))


def lxml_errors(data: bytes) -> str:
    schema = xsd_schema()
    schema.validate(etree.fromstring(data))
    return "\n".join(str(entry) for entry in schema.error_log)


def reader_accepts(data: bytes) -> bool:
    try:
        inspection_schema.loads(data, format="xml")
    except InspectionSchemaError:
        return False
    return True


def sample_xml(path: Path) -> bytes:
    return dumps(inspection_schema.load(path))


# -- the schema itself -------------------------------------------------------------------------


def test_lxml_builds_the_schema() -> None:
    assert isinstance(etree.XMLSchema(etree.fromstring(xsd())), etree.XMLSchema)


def test_xmlschema_builds_the_schema(xmlschema_schema: xmlschema.XMLSchema10) -> None:
    # built with validation="strict" (the default), so any error in the schema raised already
    type(xmlschema_schema).meta_schema.validate(xsd().decode("utf-8"))  # the XSD 1.0 meta-schema
    assert xmlschema_schema.target_namespace == NAMESPACE
    assert xmlschema_schema.validity == "valid"


def test_bytes_are_canonical() -> None:
    data = xsd()
    text = data.decode("utf-8")
    assert text.startswith(DECLARATION)
    assert text.endswith(">\n")
    assert "\t" not in text
    assert "\r" not in text
    assert xsd.__wrapped__() == data  # built afresh: the same bytes
    lines = text.splitlines()[1:]
    assert all((len(line) - len(line.lstrip(" "))) % 2 == 0 for line in lines)


def test_schema_header(schema_tree: etree._Element) -> None:
    assert schema_tree.tag == f"{XS}schema"
    assert schema_tree.get("targetNamespace") == NAMESPACE
    assert schema_tree.get("elementFormDefault") == "qualified"
    roots = schema_tree.findall("xs:element", NS)
    assert [(e.get("name"), e.get("type")) for e in roots] == [("document", "is:Document")]
    assert not schema_tree.findall("xs:import", NS) + schema_tree.findall("xs:include", NS)


def test_xsd_schema_is_cached() -> None:
    assert xsd_schema() is xsd_schema()


def test_write_xsd(tmp_path: Path) -> None:
    path = write_xsd(tmp_path)
    assert path == tmp_path / FILE_NAME == tmp_path / f"inspection-schema-{MAJOR}.xsd"
    assert path.read_bytes() == xsd()
    path.write_bytes(b"old")
    assert write_xsd(tmp_path).read_bytes() == xsd()
    assert os.listdir(tmp_path) == [FILE_NAME]  # no temporary file left behind


def test_limits_are_stated() -> None:
    assert LIMITS
    assert all(isinstance(limit, str) and limit for limit in LIMITS)


# -- drift guard: the schema says what the binding says --------------------------------------------


def _named(schema_tree: etree._Element, kind: str) -> dict[str, etree._Element]:
    return {node.get("name"): node for node in schema_tree.findall(f"xs:{kind}", NS)}


def _zh(node: etree._Element) -> list[str]:
    return [
        doc.text for doc in node.findall("xs:annotation/xs:documentation", NS) if doc.get(XML_LANG)
    ]


def test_every_model_class_has_a_complex_type(schema_tree: etree._Element) -> None:
    types = _named(schema_tree, "complexType")
    assert set(types) == {cls.__name__ for cls in MODEL_CLASSES} | set(HELPER_TYPES)
    for cls in MODEL_CLASSES:
        assert _zh(types[cls.__name__]) == [class_term(cls)], cls
        docs = [d.text for d in types[cls.__name__].findall("xs:annotation/xs:documentation", NS)]
        first_line = (cls.__doc__ or "").strip().splitlines()[0]
        assert first_line in docs, cls


def test_every_code_list_has_a_simple_type(schema_tree: etree._Element) -> None:
    types = _named(schema_tree, "simpleType")
    code_types = {
        name
        for name, node in types.items()
        if node.find("xs:restriction/xs:enumeration", NS) is not None
    }
    assert code_types == {cls.__name__ for cls in ALL_CODE_LISTS}
    for cls in ALL_CODE_LISTS:
        node = types[cls.__name__]
        assert _zh(node) == [cls.TERM]
        restriction = node.find("xs:restriction", NS)
        assert restriction.get("base") == "xs:string"
        enumerations = restriction.findall("xs:enumeration", NS)
        assert [e.get("value") for e in enumerations] == [m.value for m in cls]
        assert [_zh(e) for e in enumerations] == [[m.term] for m in cls]
    assert set(types) >= set(SCALAR_TYPES)


def _field_type(field: FieldBinding) -> str | None:
    if field.scalar == "code":
        return f"is:{field.target.__name__}"
    if field.scalar == "codes":
        return f"is:{code_set_name(field.target)}"
    return {
        "str": "xs:string",
        "id": "is:Id",
        "ref": "is:IdRef",
        "refs": "is:IdRefs",
        "int": "is:Integer",
        "bool": "is:Boolean",
        "date": "is:Date",
        "datetime": "is:DateTime",
        "decimal": "is:Decimal",
    }.get(str(field.scalar))


def _items(field: FieldBinding) -> list[str]:
    if field.form == "objects":
        return [class_tag(field.target)]
    if field.form == "events":
        return [class_tag(member) for member in field.target]
    if field.form == "texts":
        return ["item"]
    return ["extension"]


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda cls: cls.__name__)
def test_every_field_is_declared_as_bound(schema_tree: etree._Element, cls: type) -> None:
    node = _named(schema_tree, "complexType")[cls.__name__]
    shape = binding(cls)
    terms = {a.name: info(a).term for a in attrs.fields(cls)}

    attributes = node.findall("xs:attribute", NS)
    assert [a.get("name") for a in attributes] == [f.xml for f in shape.attributes]
    for declared, field in zip(attributes, shape.attributes, strict=True):
        assert declared.get("type") == _field_type(field), field.name
        assert (declared.get("use") == "required") == field.required, field.name
        assert _zh(declared) == [terms[field.name]]

    elements = node.findall("xs:sequence/xs:element", NS)
    assert [e.get("name") for e in elements] == [f.xml for f in shape.elements]
    for declared, field in zip(elements, shape.elements, strict=True):
        assert declared.get("minOccurs", "1") == ("1" if field.required else "0"), field.name
        assert declared.get("maxOccurs", "1") == "1"
        assert _zh(declared) == [terms[field.name]]
        if field.form == "text":
            assert declared.get("type") == "xs:string"
        elif field.form == "object":
            assert declared.get("type") == f"is:{field.target.__name__}"
        elif field.form == "extensions":
            assert declared.get("type") == "is:Extensions"
        else:
            items = declared.findall("xs:complexType/*/xs:element", NS)
            assert [i.get("name") for i in items] == _items(field)
            group = declared.find("xs:complexType/*", NS)
            expected = "xs:choice" if field.form == "events" else "xs:sequence"
            assert group.tag == expected.replace("xs:", XS)


# -- patterns ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("python", "expected"),
    [
        (r"\d{4}-\d{2}", "[0-9]{4}-[0-9]{2}"),
        (r"-?(?:0|[1-9]\d*)", "-?(0|[1-9][0-9]*)"),
        (r"[+-]\d", r"[+\-][0-9]"),
        (r"[A-Za-z_][A-Za-z0-9_.\-]*", r"[A-Za-z_][A-Za-z0-9_.\-]*"),
        (r"[\d.]", "[0-9.]"),
    ],
)
def test_pattern_translation(python: str, expected: str) -> None:
    assert xsd_pattern(python) == expected


@pytest.mark.parametrize("python", [r"\w+", "(?=a)b", "^a$", r"(a)\1"])
def test_untranslatable_patterns_are_refused(python: str) -> None:
    with pytest.raises(ValueError, match=r"."):
        xsd_pattern(python)


def _reader_takes(parse: Callable[[str], Any], text: str) -> bool:
    try:
        parse(text)
    except ValueProblem:
        return False
    return True


SCALAR_CASES: list[tuple[str, Callable[[str], Any], list[str]]] = [
    (
        "Integer",
        parse_int,
        ["0", "7", "-7", "2023", "-0", str(INT_MIN), str(INT_MAX),
         str(INT_MIN - 1), str(INT_MAX + 1), "123456789012345678901234567890",
         "007", "+7", "1.0", "", "1e3", "７", "1٣"],
    ),
    (
        "Decimal",
        parse_decimal,
        ["0", "98.71", "-0.5", "100", "1234567890123456789012345.000000001",
         ".5", "5.", "+1", "01.5", "1e3", "1,5", "NaN", "INF"],
    ),
    ("Boolean", parse_bool, ["true", "false", "1", "0", "True", "TRUE", "yes", ""]),
    (
        "Date",
        parse_date,
        ["2023-06-09", "2024-02-29", "0001-01-01", "9999-12-31",
         "2023-02-29", "2023-13-01", "0000-01-01", "2023-6-9", "20230609", "2023-06-09Z",
         "2023-06-09+08:00", "-2023-06-09", "12023-06-09", "２０２３-06-09"],
    ),
    (
        "DateTime",
        parse_datetime,
        ["2023-06-09T10:00:00+08:00", "2023-06-09T10:00:00Z", "2023-06-09T10:00:00.5-05:30",
         "2023-06-09T10:00:00.123456+14:00", "2023-06-09T23:59:59-14:00",
         "2023-06-09T10:00:00", "2023-06-09T24:00:00+08:00", "2023-06-09T10:00+08:00",
         "2023-06-09T10:00:00.1234567+08:00", "2023-06-09 10:00:00+08:00",
         "2023-06-09T10:00:00+0800", "2023-02-30T10:00:00Z", "2023-06-09T10:00:60Z",
         "2023-06-09T10:00:00.Z", "2023-06-09T10:00:00+24:00", "2023-06-09T10:00:00+08:60",
         "2023-06-09T1٠:00:00Z"],
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("type_name", "text"),
    [(name, text) for name, _, texts in SCALAR_CASES for text in texts],
)
def test_scalar_types_take_exactly_the_reader_forms(
    xmlschema_schema: xmlschema.XMLSchema10, type_name: str, text: str
) -> None:
    parse = next(parse for name, parse, _ in SCALAR_CASES if name == type_name)
    simple = xmlschema_schema.types[type_name]
    assert simple.is_valid(text) == _reader_takes(parse, text)


@pytest.mark.parametrize(
    "text", ["a", "_", "A-1.b_2", "org-office", "1a", "-a", ".a", "a b", "", "é", "a:b"]
)
def test_id_type_takes_exactly_the_id_pattern(
    xmlschema_schema: xmlschema.XMLSchema10, text: str
) -> None:
    expected = ID_PATTERN.fullmatch(text) is not None
    assert xmlschema_schema.types["Id"].is_valid(text) == expected
    assert xmlschema_schema.types["IdRef"].is_valid(text) == expected


@pytest.mark.parametrize("cls", ALL_CODE_LISTS, ids=lambda cls: cls.__name__)
def test_code_types_take_exactly_the_codes(
    xmlschema_schema: xmlschema.XMLSchema10, cls: type[CodeList]
) -> None:
    simple = xmlschema_schema.types[cls.__name__]
    for member in cls:
        assert simple.is_valid(member.value)
        assert not simple.is_valid(member.value.upper())
        assert not simple.is_valid(f" {member.value}")
        assert not simple.is_valid(member.term)
    assert not simple.is_valid("")


# -- documents the writer writes validate -----------------------------------------------------


@pytest.mark.parametrize("path", SAMPLES, ids=lambda path: path.name)
def test_samples_validate_under_lxml(path: Path) -> None:
    data = sample_xml(path)
    assert lxml_valid(data), lxml_errors(data)
    assert xsd_issues(data) == []


@pytest.mark.parametrize("path", SAMPLES, ids=lambda path: path.name)
def test_samples_validate_under_xmlschema(
    xmlschema_schema: xmlschema.XMLSchema10, path: Path
) -> None:
    xmlschema_schema.validate(sample_xml(path).decode("utf-8"))


@given(documents())
def test_generated_documents_validate_under_lxml(document: Document) -> None:
    data = dumps(document)
    assert lxml_valid(data), lxml_errors(data)


# -- documents the reader refuses are refused --------------------------------------------------

BASE = ROOT_DIR / "examples" / "fulian-2023.json"
IS = f"{{{NAMESPACE}}}"
FN = f"{{{FN_NAMESPACE}}}"

Mutation = Callable[[etree._Element], None]


def _first(root: etree._Element, path: str) -> etree._Element:
    found = root.find(path, {"is": NAMESPACE, "fn": FN_NAMESPACE})
    assert found is not None, path
    return found


def _set(path: str, name: str, value: str) -> Mutation:
    def mutate(root: etree._Element) -> None:
        target = root if path == "." else _first(root, path)
        target.set(name, value)

    return mutate


def _delete_attribute(path: str, name: str) -> Mutation:
    def mutate(root: etree._Element) -> None:
        target = root if path == "." else _first(root, path)
        del target.attrib[name]

    return mutate


def _remove(path: str) -> Mutation:
    def mutate(root: etree._Element) -> None:
        target = _first(root, path)
        target.getparent().remove(target)

    return mutate


def _append(path: str, markup: str) -> Mutation:
    def mutate(root: etree._Element) -> None:
        target = root if path == "." else _first(root, path)
        wrapped = f'<w xmlns="{NAMESPACE}" xmlns:fn="{FN_NAMESPACE}">{markup}</w>'
        for child in etree.fromstring(wrapped):
            target.append(child)

    return mutate


def _extensions(markup: str) -> Mutation:
    return _append(".", f"<extensions>{markup}</extensions>")


def _duplicate_id(root: etree._Element) -> None:
    people = root.findall(".//is:person", {"is": NAMESPACE})
    people[1].set("id", people[0].get("id"))


def _swap_first_children(root: etree._Element) -> None:
    first, second = root[0], root[1]
    root.remove(second)
    root.insert(0, second)
    assert first.tag != second.tag


def _text_in_container(root: etree._Element) -> None:
    root[0].tail = "stray text"


def _text_in_container_as(text: str) -> Mutation:
    def mutate(root: etree._Element) -> None:
        root[0].tail = text

    return mutate


def _empty_wrapper(root: etree._Element) -> None:
    root.insert(3, etree.Element(f"{IS}external"))  # after sources, before code-schemes


JSON_NUMBER = '<fn:number key="n">1</fn:number>'

REFUSED: list[Any] = [
    pytest.param(_append(".", "<bogus/>"), id="unknown-element"),
    pytest.param(_append("is:organisations", "<person id='zz'><name>x</name></person>"),
                 id="wrong-list-item"),
    pytest.param(_append("is:people/is:person", "<name>again</name>"), id="element-twice"),
    pytest.param(_set(".", "bogus", "x"), id="unknown-attribute"),
    pytest.param(_set("is:title", "lang", "zh"), id="attribute-on-text-element"),
    pytest.param(_append("is:title", "<b>bold</b>"), id="markup-in-text-element"),
    pytest.param(_text_in_container, id="text-between-elements"),
    pytest.param(_delete_attribute(".", "issuer"), id="missing-required-attribute"),
    pytest.param(_delete_attribute("is:organisations/is:organisation", "kind"),
                 id="missing-required-code"),
    pytest.param(_remove("is:organisations/is:organisation/is:name"),
                 id="missing-required-element"),
    pytest.param(_remove(".//is:progress-report/is:counters"), id="missing-required-object"),
    pytest.param(_set(".", "kind", "ledger"), id="bad-code"),
    pytest.param(_set(".", "classification", " public"), id="code-with-space"),
    pytest.param(_set(".//is:round", "types", "routine bogus"), id="bad-code-in-set"),
    pytest.param(_set(".//is:feedback", "date", "2023-02-30"), id="bad-calendar-date"),
    pytest.param(_set(".//is:feedback", "date", "2023-6-9"), id="bad-date-form"),
    pytest.param(_set(".//is:feedback", "date", "2023-06-09+08:00"), id="date-with-offset"),
    pytest.param(_set(".", "issued-at", "2023-06-09T10:00:00"), id="naive-date-time"),
    pytest.param(_set(".", "issued-at", "2023-06-09T24:00:00+08:00"), id="hour-24"),
    pytest.param(_set(".", "issued-at", "2023-06-09T10:00:00.1234567+08:00"),
                 id="seven-fraction-digits"),
    pytest.param(_set(".//is:person[@illustrative]", "illustrative", "1"), id="boolean-1"),
    pytest.param(_set(".//is:person[@illustrative]", "illustrative", "True"), id="boolean-True"),
    pytest.param(_set(".//is:round", "year", "02023"), id="integer-leading-zero"),
    pytest.param(_set(".//is:round", "year", "+2023"), id="integer-plus"),
    pytest.param(_set(".//is:round", "year", "2023.0"), id="integer-fraction"),
    pytest.param(_set(".//is:round", "year", "２０２３"), id="integer-non-ascii-digits"),
    pytest.param(_set(".//is:round", "year", str(2**64)), id="integer-beyond-64-bits"),
    pytest.param(_set(".//is:counters", "completion-rate", "1e2"), id="decimal-exponent"),
    pytest.param(_set(".//is:counters", "completion-rate", ".5"), id="decimal-no-integer"),
    pytest.param(_set(".//is:people/is:person", "id", "1st"), id="bad-id"),
    pytest.param(_duplicate_id, id="duplicate-id"),
    pytest.param(_set(".", "issuer", "nobody"), id="dangling-reference"),
    pytest.param(_set(".//is:ledger-entry", "task", "nobody"), id="dangling-optional-reference"),
    pytest.param(_set(".//is:ledger-entry", "task", "bad id"), id="bad-reference-form"),
    pytest.param(_extensions(f'<extension namespace="">{JSON_NUMBER}</extension>'),
                 id="empty-extension-namespace"),
    pytest.param(_extensions(f'<extension namespace="a">{JSON_NUMBER}</extension>'
                             f'<extension namespace="a">{JSON_NUMBER}</extension>'),
                 id="repeated-extension-namespace"),
    pytest.param(_extensions(f'<extension namespace="a">{JSON_NUMBER}{JSON_NUMBER}</extension>'),
                 id="two-values-in-extension"),
    pytest.param(_extensions('<extension namespace="a"/>'), id="empty-extension"),
    pytest.param(_extensions('<extension namespace="a"><title>x</title></extension>'),
                 id="extension-outside-fn"),
    pytest.param(_extensions(f'<extension>{JSON_NUMBER}</extension>'),
                 id="extension-without-namespace"),
    pytest.param(_extensions(f'<extension namespace="a" b="c">{JSON_NUMBER}</extension>'),
                 id="extension-extra-attribute"),
    pytest.param(_extensions(f'<extension namespace="a">{JSON_NUMBER}</extension>stray'),
                 id="text-between-extensions"),
]  # fmt: skip

# Text that is not XML white space where only elements may stand, which xmlschema lets through:
# Unicode spaces between elements (the reader once took them for white space and dropped them),
# and text around the value of an extension (its content is one element of any namespace).
LXML_ONLY: list[Any] = [
    pytest.param(_text_in_container_as("\u3000"), id="ideographic-space-between-elements"),
    pytest.param(_text_in_container_as("\u00a0"), id="no-break-space-between-elements"),
    pytest.param(_extensions(f'<extension namespace="a">stray{JSON_NUMBER}</extension>'),
                 id="text-before-extension-value"),
    pytest.param(_extensions(f'<extension namespace="a">{JSON_NUMBER}stray</extension>'),
                 id="text-after-extension-value"),
]  # fmt: skip


@pytest.mark.parametrize("mutation", LXML_ONLY)
def test_refused_by_reader_and_by_lxml_though_not_by_xmlschema(
    xmlschema_schema: xmlschema.XMLSchema10, mutation: Mutation
) -> None:
    data = _mutated(mutation)
    assert not reader_accepts(data)
    assert not lxml_valid(data)
    assert xmlschema_schema.is_valid(data.decode("utf-8"))  # when this fails, move to REFUSED


# Extension data is validated lax by the schema (its vocabulary is open), so only the reader
# refuses these: text that is neither a string's nor white space would be lost on reading.
REFUSED_BY_READER: list[Any] = [
    pytest.param(_extensions('<extension namespace="a"><fn:map>stray<fn:null key="k"/>'
                             "</fn:map></extension>"), id="text-in-map"),
    pytest.param(_extensions('<extension namespace="a"><fn:array><fn:null/>stray'
                             "</fn:array></extension>"), id="text-between-array-items"),
    pytest.param(_extensions('<extension namespace="a"><fn:array><fn:null/>\u3000'
                             "</fn:array></extension>"), id="ideographic-space-in-array"),
]  # fmt: skip


def _mutated(mutation: Mutation) -> bytes:
    root = etree.fromstring(sample_xml(BASE))
    before = etree.tostring(root)
    mutation(root)
    after: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    assert etree.tostring(root) != before
    return after


def test_base_document_is_accepted_by_all() -> None:
    data = _mutated(lambda root: root.set("id", "doc-other"))
    assert reader_accepts(data)
    assert lxml_valid(data), lxml_errors(data)


@pytest.mark.parametrize("mutation", REFUSED)
def test_refused_by_reader_and_by_lxml(mutation: Mutation) -> None:
    data = _mutated(mutation)
    assert not reader_accepts(data)
    assert not lxml_valid(data)
    assert xsd_issues(data)


@pytest.mark.parametrize("mutation", REFUSED)
def test_refused_by_reader_and_by_xmlschema(
    xmlschema_schema: xmlschema.XMLSchema10, mutation: Mutation
) -> None:
    data = _mutated(mutation)
    assert not reader_accepts(data)
    assert not xmlschema_schema.is_valid(data.decode("utf-8"))


@pytest.mark.parametrize("mutation", REFUSED_BY_READER)
def test_refused_by_reader(mutation: Mutation) -> None:
    data = _mutated(mutation)
    assert not reader_accepts(data)


def test_other_root_is_refused() -> None:
    data = (
        sample_xml(BASE)
        .replace(b"<document ", b"<documents ")
        .replace(b"</document>", b"</documents>")
    )
    assert not reader_accepts(data)
    assert not lxml_valid(data)


def test_dangling_item_in_a_reference_list_is_refused_by_xmlschema(
    xmlschema_schema: xmlschema.XMLSchema10,
) -> None:
    data = _mutated(_set(".//is:clue-transfer", "recipients", "nobody"))
    assert not reader_accepts(data)
    assert not xmlschema_schema.is_valid(data.decode("utf-8"))


# -- where the schema and the reader disagree ----------------------------------------------------


def _gap(mutation: Mutation, id: str, reason: str) -> Any:
    return pytest.param(mutation, id=id, marks=pytest.mark.xfail(strict=True, reason=reason))


def _agree(mutation: Mutation, id: str, reason: str) -> Any:
    """A former disagreement, closed on the reader's side: both refuse now."""
    return pytest.param(mutation, id=id)


WHITESPACE = "XSD 1.0: built-in types collapse whitespace before any facet applies"
GAPS: list[Any] = [
    _gap(_set(".//is:round", "year", " 2023"), "space-around-integer", WHITESPACE),
    _gap(_set(".//is:feedback", "date", "2023-06-09 "), "space-around-date", WHITESPACE),
    _gap(_set(".//is:person[@illustrative]", "illustrative", " true"), "space-around-boolean",
         WHITESPACE),
    _gap(_set(".//is:round", "types", "routine routine"), "code-twice-in-set",
         "XSD 1.0 has no uniqueness facet for list items"),
    _gap(_set(".//is:clue-transfer", "recipients", "nobody"), "dangling-item-in-list-lxml",
         "libxml2 does not check xs:IDREF; a list is no keyref field"),
    _gap(_set(".", "issuer", "p-su-yongzhong"), "reference-to-wrong-kind",
         "XSD 1.0 keyrefs cannot tell an id's kind through external references"),
    _gap(_extensions('<extension namespace="a"><fn:bogus/></extension>'),
         "unknown-fn-element", "extension data is validated lax"),
    _gap(_extensions('<extension namespace="a"><fn:map><fn:null key="k"/><fn:null key="k"/>'
                     "</fn:map></extension>"),
         "repeated-map-key", "extension data is validated lax"),
    _gap(_set(".", "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation", "a b"),
         "xsi-attribute", "every XSD processor allows xsi: attributes"),
    _agree(_set(".", "issued-at", "2023-06-09T10:00:00+15:00"), "offset-beyond-14h",
         "xs:dateTime offsets stop at ±14:00; the reader takes up to ±23:59 (reader fix)"),
    _agree(_set(".//is:clue-transfer", "recipients", "org-jiwei-jianwei\u3000org-zuzhibu"),
         "unicode-space-in-list",
         "the reader splits lists on Unicode spaces, XSD on XML spaces (reader fix)"),
    _agree(_swap_first_children, "children-out-of-order",
         "the reader takes children in any order, the schema in field order"),
    _agree(_empty_wrapper, "empty-list-wrapper",
         "the writer leaves empty lists out; the reader takes an empty wrapper"),
]  # fmt: skip


@pytest.mark.parametrize("mutation", GAPS)
def test_schema_agrees_with_reader(mutation: Mutation) -> None:
    data = _mutated(mutation)
    assert reader_accepts(data) == lxml_valid(data)
