"""Typed schema extensions: a county's extra ledger columns, in its own namespace.

The example extension is registered for the module (``county``); each test says what a plugin
author and an office would rely on: the value is read strictly into its class in JSON and XML,
written canonically, round-trips, is covered by its own XSD and by the JSON Schema, and is
refused with a precise place when wrong or in a slot it does not target. Unregistered
namespaces stay free JSON, and registering at run time leaves nothing stale behind.
"""

from __future__ import annotations

import copy
import datetime
import io
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar

import attrs
import orjson
import pytest
import xmlschema
from attrs import field, frozen
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from lxml import etree

import inspection_schema as ins
from inspection_schema.codecs import json as codec
from inspection_schema.codecs import xml
from inspection_schema.codecs.json_fast import read_document
from inspection_schema.codecs.xml.paths import xpath_for
from inspection_schema.codecs.xml.stream import iter_ledger_entries
from inspection_schema.codecs.xml.validation import xsd_issues
from inspection_schema.codecs.xml.writer import dump_to
from inspection_schema.errors import SchemaViolationError
from inspection_schema.extensions import (
    SchemaExtension,
    extension_for,
    register_extension,
    registered_extensions,
    unregister_extension,
)
from inspection_schema.model import (
    Document,
    DocumentKind,
    EntryStatus,
    Inspection,
    LedgerEntry,
    Measure,
    Problem,
    Round,
    meta,
)
from inspection_schema.model.codes import CodeList, code_list
from inspection_schema.schemas import json_schema
from inspection_schema.schemas.json_schema import extension_file_name as json_file_name
from inspection_schema.schemas.json_schema import extension_json_schema
from inspection_schema.schemas.xsd import (
    FILE_NAME,
    combined_xsd_schema,
    extension_file_name,
    extension_xsd,
    extension_xsd_schema,
    write_xsd,
    xsd_schema,
)
from inspection_schema.testing.strategies import documents, for_class

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "fulian-2023.json"
NS = "urn:example:county"


# -- the example extension ---------------------------------------------------------------------


@code_list("督办级别")
class SupervisionLevel(CodeList):
    """督办级别: how closely the county office follows an entry."""

    ORDINARY = "ordinary", "一般督办"
    KEY = "key", "重点督办"
    LISTED = "listed", "挂牌督办"


@frozen(kw_only=True)
class ReviewItem:
    """复核事项: one thing the county office checked."""

    TERM: ClassVar[str] = "复核事项"
    text: str = field(metadata=meta("内容"))
    passed: bool = field(default=False, metadata=meta("是否通过"))
    score: int | None = field(default=None, metadata=meta("评分"))


@frozen(kw_only=True)
class CountyColumns:
    """县级台账附加栏目: the columns a county's ledger form adds to each entry."""

    TERM: ClassVar[str] = "县级台账附加栏目"
    supervisor: str = field(metadata=meta("督办人"))
    level: SupervisionLevel = field(metadata=meta("督办级别"))
    reviewed_on: datetime.date | None = field(default=None, metadata=meta("复核日期"))
    checked_at: datetime.datetime | None = field(default=None, metadata=meta("核查时间"))
    budget: Decimal | None = field(default=None, metadata=meta("整改经费(万元)"))
    form: str | None = field(default=None, metadata=meta("表式编号", xml_attribute=True))
    statuses: tuple[EntryStatus, ...] = field(default=(), metadata=meta("历次状态"))
    scores: tuple[int, ...] = field(default=(), metadata=meta("历次得分"))
    remarks: tuple[str, ...] = field(default=(), metadata=meta("备注"))
    items: tuple[ReviewItem, ...] = field(default=(), metadata=meta("复核事项"))
    first_item: ReviewItem | None = field(default=None, metadata=meta("首要复核事项"))


COUNTY = SchemaExtension(
    namespace=NS,
    prefix="county",
    root=CountyColumns,
    targets=(LedgerEntry, Problem),
    title="县级台账附加栏目",
    description="某县整改台账表式附加的栏目(示例)",
)

VALUE = CountyColumns(
    supervisor="县委巡察办 王某 & <示例>",
    level=SupervisionLevel.KEY,
    reviewed_on=datetime.date(2023, 9, 1),
    checked_at=datetime.datetime(2023, 9, 1, 10, 30, tzinfo=datetime.UTC),
    budget=Decimal("12.50"),
    form="XJ-01",
    statuses=(EntryStatus.ONGOING, EntryStatus.COMPLETED),
    scores=(90, 95),
    remarks=("第一次复核", "第二次复核"),
    items=(ReviewItem(text="佐证材料齐全", passed=True), ReviewItem(text="制度已印发", score=3)),
)


@pytest.fixture(scope="module", autouse=True)
def county() -> Iterator[SchemaExtension]:
    """The example extension, registered for this module and taken back after it."""
    register_extension(COUNTY)
    try:
        yield COUNTY
    finally:
        unregister_extension(NS)


@pytest.fixture(scope="module")
def example() -> Document:
    """The example document with the county's columns on its third ledger entry."""
    return _with_value(ins.load(EXAMPLE), VALUE)


def _with_value(document: Document, value: Any, *, entry: int = 2) -> Document:
    rectification = document.rectifications[0]
    entries = list(rectification.entries)
    entries[entry] = attrs.evolve(entries[entry], extensions={NS: value, "org.example": [1]})
    rectification = attrs.evolve(rectification, entries=tuple(entries))
    return attrs.evolve(document, rectifications=(rectification,))


def _unregistered() -> Any:
    """Run a block with the extension taken back (re-registered afterwards)."""

    class Unregistered:
        def __enter__(self) -> None:
            unregister_extension(NS)

        def __exit__(self, *_: object) -> None:
            register_extension(COUNTY)

    return Unregistered()


ENTRY_PATH = "$.rectifications[0].entries[2]"
ENTRY_XPATH = "/document/rectifications/rectification/entries/ledger-entry[3]"
VALUE_XPATH = f"{ENTRY_XPATH}/extensions/extension[2]/county:county-columns"


# -- the registry --------------------------------------------------------------------------------


def test_registry_lookups(county: SchemaExtension) -> None:
    assert extension_for(NS) is county
    assert county in registered_extensions()
    assert extension_for("urn:example:nobody") is None
    unregister_extension("urn:example:nobody")  # nothing registered: nothing happens


def test_a_namespace_is_registered_once(county: SchemaExtension) -> None:
    with pytest.raises(
        ValueError, match="already registered for the namespace 'urn:example:county'"
    ):
        register_extension(attrs.evolve(county, prefix="other"))
    with pytest.raises(ValueError, match="prefix 'county'"):
        register_extension(attrs.evolve(county, namespace="urn:example:other"))
    assert extension_for(NS) is county


def _bad_root(**changes: Any) -> SchemaExtension:
    return attrs.evolve(COUNTY, **{"namespace": "urn:example:bad", "prefix": "bad", **changes})


@frozen(kw_only=True)
class NoTerm:
    name: str = field(metadata=meta("名称"))


@frozen(kw_only=True)
class NoMeta:
    TERM: ClassVar[str] = "无元数据"
    name: str


@frozen(kw_only=True)
class FloatField:
    TERM: ClassVar[str] = "浮点"
    ratio: float = field(metadata=meta("比例"))


@frozen(kw_only=True)
class ListField:
    TERM: ClassVar[str] = "列表"
    names: list[str] = field(metadata=meta("名称"))


@frozen(kw_only=True)
class AnyField:
    TERM: ClassVar[str] = "任意"
    data: dict[str, Any] = field(metadata=meta("数据"))


@frozen(kw_only=True)
class TwoTypes:
    TERM: ClassVar[str] = "联合"
    value: int | str = field(metadata=meta("值"))


@frozen(kw_only=True)
class OptionalWithoutDefault:
    TERM: ClassVar[str] = "可选"
    value: int | None = field(metadata=meta("值"))


@frozen(kw_only=True)
class WithId:
    TERM: ClassVar[str] = "带标识"
    id: str = field(metadata=meta("标识", is_id=True))


@frozen(kw_only=True)
class WithReference:
    TERM: ClassVar[str] = "带引用"
    problem: str = field(metadata=meta("问题", ref="Problem"))


@frozen(kw_only=True)
class WithBadNested:
    TERM: ClassVar[str] = "嵌套"
    inner: NoTerm = field(metadata=meta("内层"))


@frozen(kw_only=True)
class WithValidator:
    TERM: ClassVar[str] = "校验"
    name: str = field(metadata=meta("名称"), validator=attrs.validators.min_len(1))


@frozen
class Positional:
    TERM: ClassVar[str] = "位置参数"
    name: str = field(metadata=meta("名称"))


@attrs.define(kw_only=True)
class Mutable:
    TERM: ClassVar[str] = "可变"
    name: str = field(metadata=meta("名称"))


class Plain:
    TERM: ClassVar[str] = "普通类"


@frozen(kw_only=True)
class Recursive:
    TERM: ClassVar[str] = "递归"
    child: Recursive | None = field(default=None, metadata=meta("下级"))


BAD_EXTENSIONS = [
    pytest.param(_bad_root(root=Plain), TypeError, "not an attrs class", id="not-attrs"),
    pytest.param(_bad_root(root=Mutable), TypeError, "not frozen", id="mutable"),
    pytest.param(_bad_root(root=Positional), TypeError, "keyword-only", id="positional"),
    pytest.param(_bad_root(root=NoTerm), TypeError, "declares no TERM", id="no-term"),
    pytest.param(_bad_root(root=NoMeta), TypeError, "metadata=meta", id="no-meta"),
    pytest.param(_bad_root(root=FloatField), TypeError, "unsupported type", id="float"),
    pytest.param(_bad_root(root=ListField), TypeError, "unsupported type", id="list"),
    pytest.param(_bad_root(root=AnyField), TypeError, "unsupported type", id="dict"),
    pytest.param(_bad_root(root=TwoTypes), TypeError, "only X [|] None", id="union"),
    pytest.param(
        _bad_root(root=OptionalWithoutDefault), TypeError, "default to None", id="optional"
    ),
    pytest.param(_bad_root(root=WithId), TypeError, "ids or references", id="id"),
    pytest.param(_bad_root(root=WithReference), TypeError, "ids or references", id="reference"),
    pytest.param(
        _bad_root(root=WithBadNested), TypeError, r"WithBadNested\.inner.*TERM", id="nested"
    ),
    pytest.param(_bad_root(root=WithValidator), TypeError, "no validators", id="validator"),
    pytest.param(_bad_root(root=Measure), TypeError, "core model", id="core-class"),
    pytest.param(_bad_root(root=Recursive), TypeError, "contains itself", id="recursive"),
    pytest.param(_bad_root(namespace="county"), ValueError, "not an absolute", id="relative-ns"),
    pytest.param(_bad_root(namespace="http://"), ValueError, "not an absolute", id="empty-host"),
    pytest.param(
        _bad_root(namespace="https://inspection-schema.org/ns/2"),
        ValueError,
        "reserved",
        id="core-ns",
    ),
    pytest.param(
        _bad_root(namespace="http://www.w3.org/2005/xpath-functions"),
        ValueError,
        "reserved",
        id="fn-ns",
    ),
    pytest.param(_bad_root(prefix="is"), ValueError, "prefix 'is'", id="core-prefix"),
    pytest.param(_bad_root(prefix="fn"), ValueError, "prefix 'fn'", id="fn-prefix"),
    pytest.param(_bad_root(prefix="xmlx"), ValueError, "prefix 'xmlx'", id="xml-prefix"),
    pytest.param(_bad_root(prefix="1a"), ValueError, "NCName", id="prefix-not-ncname"),
    pytest.param(_bad_root(targets=()), ValueError, "no target classes", id="no-targets"),
    pytest.param(_bad_root(targets=(Round,)), TypeError, "extensions slot", id="slotless"),
    pytest.param(_bad_root(title=" "), ValueError, "needs a title", id="no-title"),
]


@pytest.mark.parametrize(("extension", "error", "message"), BAD_EXTENSIONS)
def test_bad_extensions_are_refused_at_registration(
    extension: SchemaExtension, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        register_extension(extension)
    assert extension_for("urn:example:bad") is None


# -- JSON ----------------------------------------------------------------------------------------


def test_json_value_is_the_typed_object_in_field_order(example: Document) -> None:
    data = ins.dumps(example)
    loaded = ins.loads(data)
    assert loaded == example
    value = loaded.rectifications[0].entries[2].extensions[NS]
    assert type(value) is CountyColumns
    written = json.loads(data)["rectifications"][0]["entries"][2]["extensions"]
    assert list(written) == ["org.example", NS]  # namespaces sorted
    assert list(written[NS]) == [  # the class's field order, defaults left out
        "supervisor",
        "level",
        "reviewed_on",
        "checked_at",
        "budget",
        "form",
        "statuses",
        "scores",
        "remarks",
        "items",
    ]
    assert written[NS]["checked_at"] == "2023-09-01T10:30:00+00:00"
    assert written[NS]["budget"] == "12.50"
    assert written[NS]["items"] == [
        {"text": "佐证材料齐全", "passed": True},
        {"text": "制度已印发", "score": 3},
    ]


def _plain(document: Document) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(ins.dumps(document))
    return data


def _issues(data: Any, cls: type = Document) -> list[tuple[str, str]]:
    with pytest.raises(SchemaViolationError) as caught:
        codec.structure(data, cls)
    return sorted((issue.path, issue.code) for issue in caught.value.issues)


def test_json_problems_inside_the_value_have_their_paths(example: Document) -> None:
    data = _plain(example)
    value = data["rectifications"][0]["entries"][2]["extensions"][NS]
    value["supervisor"] = 1
    value["level"] = "KEY"
    value["reviewed_on"] = "2023-02-30"
    value["scores"] = [90, "95"]
    value["items"][1]["score"] = True
    value["items"][0]["colour"] = "red"
    del value["items"][1]["text"]
    value["budget"] = 12.5
    where = f"{ENTRY_PATH}.extensions['{NS}']"
    assert _issues(data) == sorted(
        [
            (f"{where}.supervisor", "S101"),
            (f"{where}.level", "S106"),
            (f"{where}.reviewed_on", "S101"),
            (f"{where}.budget", "S101"),
            (f"{where}.scores[1]", "S101"),
            (f"{where}.items[0].colour", "S102"),
            (f"{where}.items[1].text", "S103"),
            (f"{where}.items[1].score", "S101"),
        ]
    )


def test_json_code_of_a_plugin_code_list_names_the_list(example: Document) -> None:
    data = _plain(example)
    data["rectifications"][0]["entries"][2]["extensions"][NS]["level"] = "重点"
    with pytest.raises(SchemaViolationError) as caught:
        codec.structure(data, Document)
    (issue,) = caught.value.issues
    assert issue.path == f"{ENTRY_PATH}.extensions['{NS}'].level"
    assert "SupervisionLevel (ordinary, key, listed)" in issue.message
    assert "督办级别" in issue.message_zh


def test_json_value_that_is_not_an_object(example: Document) -> None:
    data = _plain(example)
    data["rectifications"][0]["entries"][2]["extensions"][NS] = ["王"]
    data["rectifications"][0]["entries"][2]["extensions"]["org.example"] = {"a": "\x01"}
    assert _issues(data) == [
        (f"{ENTRY_PATH}.extensions['org.example'].a", "S104"),
        (f"{ENTRY_PATH}.extensions['{NS}']", "S101"),
    ]


def test_json_registered_namespace_in_a_slot_it_does_not_target() -> None:
    document = ins.load(EXAMPLE)
    data = _plain(attrs.evolve(document, extensions={}))
    data["extensions"] = {NS: {"supervisor": "王", "level": "key"}}
    data["inspections"][0]["extensions"] = {NS: {"supervisor": "王", "level": "key"}}
    assert _issues(data) == [
        (f"$.extensions['{NS}']", "S102"),
        (f"$.inspections[0].extensions['{NS}']", "S102"),
    ]
    with pytest.raises(SchemaViolationError) as caught:
        codec.structure(
            {"id": "i", "organisation": "o", "extensions": data["extensions"]}, Inspection
        )
    (issue,) = caught.value.issues
    assert issue.message == (
        "the extension urn:example:county is not allowed on Inspection "
        "(only on LedgerEntry, Problem)"
    )


def test_json_target_slot_of_another_class_is_accepted(example: Document) -> None:
    problem = attrs.evolve(example.inspections[0].feedback.problems[0], extensions={NS: VALUE})
    assert codec.loads(codec.dumps(problem), Problem) == problem


def test_writing_refuses_what_no_reader_takes_back(example: Document) -> None:
    misplaced = attrs.evolve(example, extensions={NS: VALUE})
    wrong_class = _with_value(example, ReviewItem(text="x"))
    as_dict = _with_value(example, {"supervisor": "王", "level": "key"})
    unregistered = _with_value(example, VALUE)
    for document, code in [(misplaced, "S102"), (wrong_class, "S101"), (as_dict, "S101")]:
        for fmt in ("json", "xml"):
            with pytest.raises(SchemaViolationError) as caught:
                ins.dumps(document, format=fmt)
            assert [issue.code for issue in caught.value.issues] == [code], fmt
    with _unregistered():
        for fmt in ("json", "xml"):
            with pytest.raises(SchemaViolationError, match="no extension is registered"):
                ins.dumps(unregistered, format=fmt)


def test_unregistered_namespaces_stay_free_json(example: Document) -> None:
    data = ins.dumps(example)
    plain = json.loads(data)["rectifications"][0]["entries"][2]["extensions"]
    with _unregistered():
        free = ins.loads(data)
        extensions = free.rectifications[0].entries[2].extensions
        assert extensions == plain  # the same data, as JSON
        assert ins.dumps(free) != data  # written with sorted keys, as free JSON is
        assert ins.loads(ins.dumps(free)) == free
        assert ins.loads(ins.dumps(free, format="xml"), format="xml") == free
        assert b"fn:map" in ins.dumps(free, format="xml")
    # typed XML read without the extension: refused, never silently dropped
    typed_xml = xml.dumps(example)
    assert _xml_issues_unregistered(typed_xml) == [
        (f"{ENTRY_XPATH}/extensions/extension[2]", "S102")
    ]
    # registered again: the same bytes read typed (nothing cached went stale)
    assert ins.loads(data) == example
    assert ins.loads(ins.dumps(example, format="xml"), format="xml") == example


def _xml_issues_unregistered(data: bytes) -> list[tuple[str, str]]:
    with _unregistered():
        return _xml_issues(data)


def test_a_namespace_registered_later_with_another_class() -> None:
    """Generated functions and decoders are per class and namespace: a new class for a
    namespace is read as itself."""

    @frozen(kw_only=True)
    class CountyColumnsV2:
        """县级台账附加栏目(第二版)."""

        TERM: ClassVar[str] = "县级台账附加栏目"
        supervisor: str = field(metadata=meta("督办人"))

    document = _with_value(ins.load(EXAMPLE), CountyColumnsV2(supervisor="王"))
    with _unregistered():
        register_extension(attrs.evolve(COUNTY, root=CountyColumnsV2))
        try:
            for fmt in ("json", "xml"):
                assert ins.loads(ins.dumps(document, format=fmt), format=fmt) == document
        finally:
            unregister_extension(NS)


# -- the fast path agrees with the converter -----------------------------------------------------

TYPED_DOCUMENTS = documents(
    kinds=[DocumentKind.RECTIFICATION_LEDGER, DocumentKind.FEEDBACK, DocumentKind.FULL_RECORD],
    typed_extensions=(COUNTY,),
)


def _fast(data: Any) -> tuple[bool, Any]:
    try:
        return True, codec._COMPILED.structure_fn(Document)(data)
    except Exception:  # noqa: BLE001 - any refusal
        return False, None
    finally:
        codec._COMPILED.forget_ids()


def _cattrs(data: Any) -> tuple[bool, Any]:
    try:
        return True, codec._FAST.structure(data, Document)
    except Exception:  # noqa: BLE001 - any refusal
        return False, None


def _extension_values(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, dict):
        if NS in data and isinstance(data[NS], dict):
            yield data[NS]
        for value in data.values():
            yield from _extension_values(value)
    elif isinstance(data, list):
        for value in data:
            yield from _extension_values(value)


ODD = [None, "", "x", "KEY", "2023-02-30", 1, True, 1.5, [], ["x"], [1, "2"], {}, {"text": "x"}]


@given(TYPED_DOCUMENTS, st.data())
def test_fast_path_agrees_with_the_converter(document: Document, data: st.DataObject) -> None:
    plain = codec._FAST.unstructure(document)
    assert codec._COMPILED.unstructure_fn(Document)(document) == plain
    assert orjson.loads(codec.dumps(document)) == orjson.loads(orjson.dumps(plain))
    wire = orjson.loads(orjson.dumps(plain))
    assert _fast(wire) == (True, document)
    values = list(_extension_values(wire))
    if not values:
        return
    value = data.draw(st.sampled_from(values))
    key = data.draw(st.sampled_from([*value, "zz"]))
    how = data.draw(st.sampled_from(["replace", "delete"]))
    if how == "replace" or key not in value:
        value[key] = copy.deepcopy(data.draw(st.sampled_from(ODD)))
    else:
        del value[key]
    assert _fast(wire) == _cattrs(wire)
    msgspec_read = read_document(orjson.dumps(wire))  # the JSON reader's first path
    if msgspec_read is not None:
        assert _cattrs(wire) == (True, msgspec_read)


@given(TYPED_DOCUMENTS)
def test_msgspec_path_reads_typed_values(document: Document) -> None:
    assert read_document(codec.dumps(document)) == document


@given(TYPED_DOCUMENTS)
def test_json_round_trip(document: Document) -> None:
    data = ins.dumps(document)
    assert ins.loads(data, check=False) == document
    assert ins.dumps(ins.loads(data, check=False)) == data


@given(TYPED_DOCUMENTS)
def test_xml_round_trip(document: Document) -> None:
    data = xml.dumps(document)
    assert xml.loads(data) == document
    assert xml.dumps(xml.loads(data)) == data
    assert codec.dumps(xml.loads(data)) == codec.dumps(document)  # JSON → XML → JSON
    out = io.BytesIO()
    dump_to(document, out)
    assert out.getvalue() == data


@given(for_class(CountyColumns))
def test_for_class_draws_extension_values(value: CountyColumns) -> None:
    assert type(value) is CountyColumns
    assert codec.loads(codec.dumps(value), CountyColumns) == value


# -- XML -----------------------------------------------------------------------------------------

EXPECTED_XML = """\
            <extension namespace="urn:example:county">
              <county:county-columns xmlns:county="urn:example:county" level="key" \
reviewed-on="2023-09-01" checked-at="2023-09-01T10:30:00+00:00" budget="12.50" form="XJ-01" \
statuses="ongoing completed" scores="90 95">
                <county:supervisor>县委巡察办 王某 &amp; &lt;示例&gt;</county:supervisor>
                <county:remarks>
                  <county:item>第一次复核</county:item>
                  <county:item>第二次复核</county:item>
                </county:remarks>
                <county:items>
                  <county:review-item passed="true">
                    <county:text>佐证材料齐全</county:text>
                  </county:review-item>
                  <county:review-item score="3">
                    <county:text>制度已印发</county:text>
                  </county:review-item>
                </county:items>
              </county:county-columns>
            </extension>
"""


def test_xml_form_of_a_typed_value(example: Document) -> None:
    data = xml.dumps(example).decode()
    assert EXPECTED_XML in data
    assert '<extension namespace="org.example">\n              <fn:array>' in data
    assert xml.loads(data.encode()) == example


def test_xml_accepts_any_prefix(example: Document) -> None:
    data = xml.dumps(example).replace(b"county:", b"c:").replace(b"xmlns:county", b"xmlns:c")
    assert xml.loads(data) == example


def _xml_issues(data: bytes) -> list[tuple[str, str]]:
    with pytest.raises(SchemaViolationError) as caught:
        xml.loads(data)
    return [(issue.path, issue.code) for issue in caught.value.issues]


def test_xml_problems_inside_the_value_have_their_xpaths(example: Document) -> None:
    data = (
        xml.dumps(example)
        .replace(b'level="key"', b'level="KEY"')
        .replace(b'scores="90 95"', b'scores="90 x"')
        .replace(b'<county:review-item score="3">', b'<county:review-item score="3" colour="x">')
        .replace(b"<county:text>\xe5\x88\xb6", b"<county:txt>\xe5\x88\xb6")
        .replace("度已印发</county:text>".encode(), "度已印发</county:txt>".encode())
    )
    assert _xml_issues(data) == [
        (f"{VALUE_XPATH}/@level", "S106"),
        (f"{VALUE_XPATH}/@scores", "S101"),
        (f"{VALUE_XPATH}/county:items/county:review-item[2]/@colour", "S102"),
        (f"{VALUE_XPATH}/county:items/county:review-item[2]/county:txt", "S102"),
        (f"{VALUE_XPATH}/county:items/county:review-item[2]", "S103"),
    ]


def test_xml_value_must_be_the_extension_element(example: Document) -> None:
    data = xml.dumps(example)
    renamed = data.replace(b"county:county-columns", b"county:columns")
    assert _xml_issues(renamed) == [
        (f"{ENTRY_XPATH}/extensions/extension[2]/county:columns", "S102")
    ]
    json_vocabulary = data.replace(
        data[
            data.index(b"<county:county-columns") : data.index(
                b"</extension>", data.index(b"<county:county-columns")
            )
        ],
        b'<fn:map><fn:string key="supervisor">x</fn:string></fn:map>\n            ',
    )
    assert _xml_issues(json_vocabulary) == [
        (f"{ENTRY_XPATH}/extensions/extension[2]/fn:map", "S102")
    ]


def test_xml_registered_namespace_in_a_slot_it_does_not_target(example: Document) -> None:
    data = xml.dumps(example).decode()
    start = data.index('            <extension namespace="urn:example:county">')
    end = data.index("</extension>", start) + len("</extension>\n")
    block = data[start:end]
    moved = data.replace(block, "").replace(
        "</document>", f"  <extensions>\n{block}  </extensions>\n</document>"
    )
    assert _xml_issues(moved.encode()) == [("/document/extensions/extension/@namespace", "S102")]


def test_streaming_reads_and_writes_typed_values(example: Document) -> None:
    data = xml.dumps(example)
    streamed = [item.entry for item in iter_ledger_entries(io.BytesIO(data))]
    assert streamed == list(example.rectifications[0].entries)
    rectification = example.rectifications[0]
    shell = attrs.evolve(example, rectifications=(attrs.evolve(rectification, entries=()),))
    out = io.BytesIO()
    dump_to(shell, out, entries={rectification.id: iter(rectification.entries)})
    assert out.getvalue() == data
    broken = data.replace(b'level="key"', b'level="KEY"')
    with pytest.raises(SchemaViolationError) as caught:
        list(iter_ledger_entries(io.BytesIO(broken)))
    assert [issue.path for issue in caught.value.issues] == [f"{VALUE_XPATH}/@level"]


def test_xpath_of_a_json_path_into_a_typed_value(example: Document) -> None:
    where = f"{ENTRY_PATH}.extensions['{NS}']"
    assert xpath_for(example, f"{where}.items[1].score") == (
        f"{VALUE_XPATH}/county:items/county:review-item[2]/@score"
    )
    assert xpath_for(example, f"{where}.supervisor") == f"{VALUE_XPATH}/county:supervisor"
    assert xpath_for(example, f"{ENTRY_PATH}.extensions['org.example'][0]") == (
        f"{ENTRY_XPATH}/extensions/extension[1]"
    )


# -- XML Schema ----------------------------------------------------------------------------------


def _tree(data: bytes) -> etree._Element:
    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))


def test_extension_xsd_is_valid_and_declares_the_value(county: SchemaExtension) -> None:
    schema = _tree(extension_xsd(county))
    xs = {"xs": "http://www.w3.org/2001/XMLSchema"}
    assert schema.get("targetNamespace") == NS
    assert [(e.get("name"), e.get("type")) for e in schema.findall("xs:element", xs)] == [
        ("county-columns", "county:CountyColumns")
    ]
    imports = schema.findall("xs:import", xs)
    assert [(i.get("namespace"), i.get("schemaLocation")) for i in imports] == [
        (xml.NAMESPACE, FILE_NAME)
    ]
    types = {t.get("name") for t in schema.findall("xs:complexType", xs)}
    assert types == {"CountyColumns", "ReviewItem"}
    assert {t.get("name") for t in schema.findall("xs:simpleType", xs)} == {"SupervisionLevel"}
    assert isinstance(extension_xsd_schema(county), etree.XMLSchema)


def test_xml_validates_against_the_core_and_the_extension_schemas_with_lxml(
    example: Document,
) -> None:
    tree = _tree(xml.dumps(example))
    assert xsd_schema().validate(tree), xsd_schema().error_log  # the core alone: lax
    assert combined_xsd_schema().validate(tree), combined_xsd_schema().error_log
    bad = _tree(xml.dumps(example).replace(b'scores="90 95"', b'scores="90 x"'))
    assert xsd_schema().validate(bad)  # the core schema does not know the extension
    assert not combined_xsd_schema().validate(bad)


def test_xml_validates_against_written_schemas_with_xmlschema(
    example: Document, tmp_path: Path
) -> None:
    core = write_xsd(tmp_path)
    written = sorted(path.name for path in tmp_path.iterdir())
    assert written == sorted([FILE_NAME, extension_file_name(COUNTY)])
    assert core == tmp_path / FILE_NAME
    schema = xmlschema.XMLSchema10(str(tmp_path / extension_file_name(COUNTY)))
    data = xml.dumps(example).decode()
    assert schema.is_valid(data), list(schema.iter_errors(data))[:1]
    assert not schema.is_valid(data.replace('level="key"', 'level="KEY"'))
    assert not schema.is_valid(
        data.replace("<county:supervisor>", "<county:boss>").replace(
            "</county:supervisor>", "</county:boss>"
        )
    )


def test_xsd_issues_check_registered_extensions_strictly(example: Document) -> None:
    data = xml.dumps(example)
    assert xsd_issues(data) == []
    bad = data.replace(b'level="key"', b'level="KEY"')
    assert [(i.code, i.path) for i in xsd_issues(bad)] == [("X100", f"{VALUE_XPATH}/@level")]
    renamed = data.replace(b"county:county-columns", b"county:columns")
    (issue,) = xsd_issues(renamed)
    assert (issue.code, issue.path) == (
        "X100",
        f"{ENTRY_XPATH}/extensions/extension[2]/county:columns",
    )
    assert "<county:county-columns>" in issue.message
    with _unregistered():
        assert xsd_issues(bad) == []  # unknown to this library: the slot is lax


# -- JSON Schema ---------------------------------------------------------------------------------


def test_json_schema_covers_the_registered_extension(example: Document) -> None:
    schema = json_schema()
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    data = _plain(example)
    assert list(validator.iter_errors(data)) == []
    value = data["rectifications"][0]["entries"][2]["extensions"][NS]
    value["level"] = "KEY"
    errors = list(validator.iter_errors(data))
    assert [list(e.absolute_path) for e in errors] == [
        ["rectifications", 0, "entries", 2, "extensions", NS, "level"]
    ]
    value["level"] = "key"
    data["extensions"] = {NS: value}  # Document is not a target
    assert not validator.is_valid(data)
    del data["extensions"]
    data["rectifications"][0]["entries"][2]["extensions"]["urn:example:other"] = {"free": [1]}
    assert validator.is_valid(data)


def test_json_schema_of_one_extension(county: SchemaExtension, tmp_path: Path) -> None:
    schema = extension_json_schema(county)
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    assert validator.is_valid(
        _plain(_with_value(ins.load(EXAMPLE), VALUE))["rectifications"][0]["entries"][2][
            "extensions"
        ][NS]
    )
    assert not validator.is_valid({"supervisor": "王"})
    assert not validator.is_valid({"supervisor": "王", "level": "key", "colour": "red"})
    from inspection_schema.schemas import write_json_schema

    write_json_schema(tmp_path)
    assert json.loads((tmp_path / json_file_name(county)).read_bytes()) == schema


def test_json_schema_without_extensions_is_the_core_one() -> None:
    with_county = json_schema()
    with _unregistered():
        core = json_schema()
    assert core != with_county
    assert not any(":" in name for name in core["$defs"])
    assert core["$defs"]["LedgerEntry"]["properties"]["extensions"] == {
        "title": "扩展",
        "$ref": "#/$defs/Extensions",
        "default": {},
    }
