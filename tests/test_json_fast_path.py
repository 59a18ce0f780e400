"""The JSON codec's fast paths agree with the cattrs converter they are generated from.

``structure`` and ``dumps`` go through functions generated per model class (``_COMPILED``); the
cattrs converter ``_FAST`` built by ``make_converter`` is what they must agree with: the same
data accepted, equal objects built, equal plain data written; and where the converter refuses,
the fast path refuses too (the detailed converter then reports, as before).

``loads`` first asks the msgspec path (``json_fast.read_document``); when it answers ``None``,
orjson and ``structure`` read the document and report. So the msgspec path must never accept
what that old path refuses, must build an equal document when both accept, and must actually
answer for ordinary documents, or it would be dead weight.
"""

from __future__ import annotations

import copy
import datetime
import gc
import json
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from inspection_schema.codecs import json as codec
from inspection_schema.codecs.json_fast import read_document
from inspection_schema.codecs.lexical import ids_valid
from inspection_schema.errors import InspectionSchemaError, SchemaViolationError
from inspection_schema.model import (
    MODEL_CLASSES,
    Category,
    Document,
    Evidence,
    LedgerEntry,
    Measure,
    Problem,
    ProblemItem,
    ProgressNote,
    StatusChange,
    Task,
)
from inspection_schema.model.text import ID_PATTERN
from inspection_schema.testing.strategies import documents

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
VERSION = b'"schema_version": "1.0",'

STRANGE_VALUES: list[Any] = [
    None,
    "",
    "x",
    "1bad",
    "a b",
    "a\x01",
    "\ufffe",
    "line\nbreak",
    "２０２３-０６-０９",
    "2023-06-09",
    "2023-02-30",
    "2023-06-09T10:00:00",
    "2023-06-09T10:00:00+08:00",
    "98.71",
    "progress",
    "public",
    0,
    1,
    -1,
    True,
    False,
    1.5,
    [],
    ["a"],
    ["a", "a"],
    [1],
    {},
    {"a": 1},
    {"": 1},
    {"kind": "progress"},
    "a\x08",
    "a\x0c",
    "\uffff",
    "\ud800",
    "0000-01-01",
    "2023-06-09 10:00:00+08:00",
    "1e3",
    "ongoing",
    "inspection",
    2**63 - 1,
    2**63,
    2**64 - 1,
    2**64,
    -(2**63),
    -(2**63) - 1,
    1.0,
    ["inspection", "inspection"],
    {"kind": "progress", "id": "n1", "date": "2023-06-09", "text": "x"},
]


def _fast(data: Any, cls: type[Any]) -> tuple[bool, Any]:
    kind = getattr(cls, "KIND", None)  # a history event read alone, tagged: as structure does
    tagged = kind is not None and isinstance(data, dict) and data.get("kind") == kind
    try:
        return True, codec._COMPILED.structure_fn(cls, tagged=tagged)(data)
    except Exception:  # noqa: BLE001 - any refusal
        return False, None
    finally:
        codec._COMPILED.forget_ids()


def _cattrs(data: Any, cls: type[Any]) -> tuple[bool, Any]:
    try:
        return True, codec._FAST.structure(data, cls)
    except Exception:  # noqa: BLE001 - any refusal
        return False, None


def _places(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key and index in ``data``, as paths from the root."""
    found: list[tuple[Any, ...]] = []
    if isinstance(data, dict):
        for key, value in data.items():
            found.append((*path, key))
            found.extend(_places(value, (*path, key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found.append((*path, index))
            found.extend(_places(value, (*path, index)))
    return found


def _mutated(plain: Any, data: st.DataObject) -> Any:
    """``plain`` with one to three values replaced, deleted or added, odd values among them."""
    for _ in range(data.draw(st.integers(1, 3), label="changes")):
        places = _places(plain)
        if not places:
            break
        where = data.draw(st.sampled_from(places), label="where")
        parent = plain
        for step in where[:-1]:
            parent = parent[step]
        how = data.draw(st.sampled_from(["replace", "delete", "add"]), label="how")
        if how == "replace":
            parent[where[-1]] = copy.deepcopy(data.draw(st.sampled_from(STRANGE_VALUES)))
        elif how == "delete":
            del parent[where[-1]]
        elif isinstance(parent, dict):
            key = data.draw(st.sampled_from(["kind", "zz", "id", "note", "extensions"]))
            parent[key] = "x"
        else:
            parent.append(copy.deepcopy(data.draw(st.sampled_from(STRANGE_VALUES))))
    return plain


@given(documents())
def test_fast_path_agrees_on_valid_documents(document: Document) -> None:
    plain = codec._FAST.unstructure(document)
    assert codec._COMPILED.unstructure_fn(Document)(document) == plain
    assert codec.unstructure(document) == plain
    assert _fast(orjson.loads(orjson.dumps(plain)), Document) == (True, document)


@given(documents(), st.data())
def test_fast_path_refuses_what_the_converter_refuses(
    document: Document, data: st.DataObject
) -> None:
    plain = _mutated(orjson.loads(codec.dumps(document)), data)
    assert _fast(plain, Document) == _cattrs(plain, Document)


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda cls: cls.__name__)
@pytest.mark.parametrize("value", STRANGE_VALUES, ids=repr)
def test_fast_path_agrees_on_odd_objects(cls: type[Any], value: Any) -> None:
    assert _fast(value, cls) == _cattrs(value, cls)


def test_a_list_must_be_a_list() -> None:
    """An object or string where a list belongs is refused by both paths, with its place."""
    for history in ({}, "", {"a": 1}):
        data = {"id": "e1", "number": 1, "problem": "p1", "history": history}
        assert _fast(data, LedgerEntry) == _cattrs(data, LedgerEntry)
        with pytest.raises(SchemaViolationError) as caught:
            codec.structure(data, LedgerEntry)
        assert [(i.code, i.path) for i in caught.value.issues] == [("S101", "$.history")]


def test_refused_data_is_reported_by_the_detailed_converter() -> None:
    data = {"id": "1e", "number": "1", "problem": "p1", "history": [{"kind": "nope"}], "zz": 1}
    with pytest.raises(SchemaViolationError) as caught:
        codec.structure(data, LedgerEntry)
    assert [(issue.code, issue.path) for issue in caught.value.issues] == [
        ("S105", "$.id"),
        ("S101", "$.number"),
        ("S107", "$.history[0]"),
        ("S102", "$.zz"),
    ]


# -- encode: orjson.dumps with default=, against the plain tree ----------------------------------


def _plain_dumps(obj: Any) -> tuple[bool, Any]:
    """What ``dumps`` gave before the fast encode: the plain tree written by orjson."""
    try:
        return True, orjson.dumps(
            codec.unstructure(obj), option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE
        )
    except codec.ValueProblem as exc:
        return False, [(exc.code, str(exc))]
    except TypeError as exc:
        return False, [("S101", str(exc))]
    except Exception as exc:  # noqa: BLE001 - anything else escaped dumps as it was
        return False, type(exc)


def _dumps(obj: Any) -> tuple[bool, Any]:
    try:
        return True, codec.dumps(obj)
    except SchemaViolationError as exc:
        return False, [(issue.code, issue.message) for issue in exc.issues]
    except Exception as exc:  # noqa: BLE001 - anything else escaped dumps as it was
        return False, type(exc)


def _fast_dumps(obj: Any) -> bytes:
    """The fast encode alone (raises where ``dumps`` would fall back to the plain path)."""
    codec._COMPILED.encode_fn(type(obj))
    return orjson.dumps(obj, default=codec._ENCODE, option=codec._DUMPS_OPTIONS)


@given(documents())
def test_fast_encode_writes_the_plain_bytes(document: Document) -> None:
    assert _fast_dumps(document) == _plain_dumps(document)[1]
    assert codec.dumps(document) == _plain_dumps(document)[1]


class _Text(str):
    pass


ODD_MEASURE = Measure(id="m1", text="措施")
ODD_TASKS: list[Any] = [
    Task(id="t1", problem="p1", target=ODD_MEASURE),  # type: ignore[arg-type]
    Task(id="t1", problem="p1", target=["x", ODD_MEASURE]),  # type: ignore[arg-type]
    Task(id="t1", problem="p1", target=_Text("目标")),
    Task(id="t1", problem="p1", target="目标", measures=[ODD_MEASURE]),  # type: ignore[arg-type]
    Task(id="t1", problem="p1", target="目标", measures=("m1",)),  # type: ignore[arg-type]
    Task(
        id="t1",
        problem="p1",
        target="目标",
        measures=(Category(scheme="s1", code="c1"),),  # type: ignore[arg-type]
    ),
    Task(id="t1", problem="p1", target="目标", opinions=("o1", ODD_MEASURE)),  # type: ignore[arg-type]
    Task(id="t1", problem="p1", target="目标", opinions=["o1"]),  # type: ignore[arg-type]
    Task(id="t1", problem="p1", target=None),  # type: ignore[arg-type]
    Task(id=1, problem="p1", target="目标"),  # type: ignore[arg-type]
    ProgressNote(
        id="n1",
        date=datetime.datetime(2023, 6, 9, 10, tzinfo=datetime.UTC),
        text="进展",
    ),
    ProgressNote(id="n1", date="2023-06-09", text="进展"),  # type: ignore[arg-type]
    ProgressNote(id="n1", date=datetime.date(2023, 6, 9), text="进展", evidence=("e1",)),
    ProblemItem(id="i1", text=True),  # type: ignore[arg-type]
    StatusChange(
        id="s1",
        date=datetime.date(2023, 6, 9),
        by="x",
        status="ongoing",  # type: ignore[arg-type]
    ),
    Problem(id="p1", text="问题", extensions={"ns": {"a": ODD_MEASURE}}),
    Problem(id="p1", text="问题", extensions={"ns": {"b": 1, "a": [1.5, None]}}),
    Evidence(id="e1", title="证据", digest=ODD_MEASURE),  # type: ignore[arg-type]
]


@pytest.mark.parametrize("obj", ODD_TASKS, ids=repr)
def test_odd_objects_are_written_or_refused_as_before(obj: Any) -> None:
    """Values of another class than declared: ``dumps`` writes or refuses as the plain path."""
    assert _dumps(obj) == _plain_dumps(obj)


# -- decode: the msgspec path (json_fast.read_document) against the old path ----------------


def _old(data: bytes) -> tuple[bool, Any]:
    """What ``loads`` gave before the msgspec path: orjson, then the compiled structure."""
    try:
        with codec.collector_paused():
            return True, codec.structure(orjson.loads(data), Document)
    except (InspectionSchemaError, orjson.JSONDecodeError):
        return False, None


def _encode(plain: Any) -> bytes:
    """JSON text of ``plain`` as another writer might give it (big integers, any character)."""
    return json.dumps(plain, ensure_ascii=False).encode("utf-8", "surrogatepass")


def _agree(data: bytes) -> None:
    fast = read_document(data)
    if fast is not None:
        assert _old(data) == (True, fast)


@given(documents())
def test_valid_documents_are_read_by_msgspec_as_by_the_old_path(document: Document) -> None:
    canonical = codec.dumps(document)
    assert read_document(canonical) == document
    compact = orjson.dumps(orjson.loads(canonical))
    assert read_document(compact) == document
    assert read_document(canonical.decode("utf-8")) == document
    assert read_document(memoryview(bytearray(canonical))) == document


@given(documents(), st.data())
def test_msgspec_never_accepts_what_the_old_path_refuses(
    document: Document, data: st.DataObject
) -> None:
    plain = _mutated(orjson.loads(codec.dumps(document)), data)
    _agree(_encode(plain))


def _example() -> bytes:
    return (EXAMPLES / "fulian-2023.json").read_bytes()


def test_the_examples_are_read_by_msgspec() -> None:
    for path in sorted(EXAMPLES.glob("*.json")):
        data = path.read_bytes()
        fast = read_document(data)
        assert fast is not None, path.name
        assert _old(data) == (True, fast)


@given(
    st.lists(
        st.text(alphabet=st.sampled_from("aZ_09.-\x1f \nａ٣é"), max_size=6)
        | st.from_regex(ID_PATTERN, fullmatch=True),
        max_size=8,
    )
)
def test_ids_are_checked_together_as_one_by_one(ids: list[str]) -> None:
    assert ids_valid(ids) == all(ID_PATTERN.fullmatch(x) is not None for x in ids)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (b'"id": "doc-fulian-2023"', b'"id": "1doc"'),  # the document's own id
        (b'"by": "p-wu-chunmei"', b'"by": "p wu"'),  # a reference
        (b'"by": "px-wu"', b'"by": ""'),  # an optional reference
        (b'"evidence": [', b'"evidence": ["-x",'),  # an item of a list of references
        (b'"id": "doc-fulian-2023"', b'"id": "doc\xef\xbd\x81"'),  # a full-width letter
    ],
    ids=repr,
)
def test_a_bad_id_anywhere_sends_the_document_the_old_way(old: bytes, new: bytes) -> None:
    data = _patched(old, new)
    assert read_document(data) is None
    assert _old(data) == (False, None)


def _patched(old: bytes, new: bytes) -> bytes:
    data = _example()
    assert old in data
    return data.replace(old, new, 1)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (b'"schema_version"', b'"schema_\\u0076ersion"'),  # an escape: the old path decides
        (b"{", b"\xef\xbb\xbf{"),
        (b'"schema_version": "1.0"', b'"schema_version": "9.0"'),
        (b'"id": "', b'"id": 1, "id": "'),
        (b'"id": "', b'"id": "ok", "id": "1'),
    ],
    ids=repr,
)
def test_odd_bytes_are_read_as_the_old_path_reads_them(old: bytes, new: bytes) -> None:
    _agree(_patched(old, new))


@pytest.mark.parametrize(
    "text",
    [
        # escapes and characters XML cannot carry
        b"\\u0001",
        b"\\b",
        b"\\f",
        b"\\ud800",
        b"\xef\xbf\xbe",
        b"\xef\xbf\xbf",
        # bytes msgspec and orjson might read differently: a surrogate in UTF-8, invalid UTF-8
        b"\xed\xa0\x80",
        b"\xff",
        b"\xc0\xaf",
    ],
    ids=repr,
)
def test_odd_text_is_read_as_the_old_path_reads_it(text: bytes) -> None:
    _agree(_patched(b'"title": "', b'"title": "' + text))


@pytest.mark.parametrize(
    "slot",
    [
        b'{"n": {"a": 18446744073709551616}}',
        b'{"n": {"a": 18446744073709551615}}',
        b'{"n": {"a": 1e999}}',
        b'{"n": ' + b"[" * 1100 + b"]" * 1100 + b"}",
        b'{"n": ' + b"[" * 600 + b"]" * 600 + b"}",
        b'{"n": ' + b"[" * 500 + b"]" * 500 + b"}",
        b'{"": 1}',
        b"null",
        b"[]",
    ],
    ids=lambda slot: repr(slot[:40]),
)
def test_odd_extension_slots_are_read_as_the_old_path_reads_them(slot: bytes) -> None:
    _agree(_patched(VERSION, VERSION + b' "extensions": ' + slot + b","))


def test_escapes_go_the_old_way_and_are_reported_there() -> None:
    data = _patched(b'"title": "', b'"title": "\\u0001')
    assert read_document(data) is None
    with pytest.raises(InspectionSchemaError) as caught:
        codec.loads(data)
    assert [issue.code for issue in caught.value.issues] == ["S104"]
    assert caught.value.issues[0].path.endswith(".title")


@pytest.mark.parametrize("text", ["\\b", "\\u0001", "C:\\f\\", "\\\\"], ids=repr)
def test_an_escaped_backslash_is_no_escape(text: str) -> None:
    """Text holding a backslash before u, b or f is read by msgspec: only a real escape is
    left to the old path."""
    plain = orjson.loads(_example())
    plain["title"] = text
    data = orjson.dumps(plain)
    assert read_document(data) == _old(data)[1]
    assert read_document(data) is not None


class _Str(str):
    pass


class _Bytes(bytes):
    pass


class _ByteArray(bytearray):
    pass


def test_inputs_orjson_refuses_are_refused_as_before() -> None:
    """Subclasses of str and bytes and views that are not contiguous are no JSON to orjson, so
    not to the msgspec path either (found by a differential hunt)."""
    data = _example()
    released = memoryview(data)
    released.release()
    strided = memoryview(bytes(byte for pair in zip(data, data, strict=True) for byte in pair))
    for odd in (_Str(data.decode()), _Bytes(data), _ByteArray(data), strided[::2], released):
        assert read_document(odd) is None  # type: ignore[arg-type]
    for odd in (_Str(data.decode()), _Bytes(data), _ByteArray(data), strided[::2]):
        with pytest.raises(InspectionSchemaError) as caught:
            codec.loads(odd)
        assert [issue.code for issue in caught.value.issues] == ["S001"]


@pytest.mark.parametrize("odd", [None, 123, [1], {"a": 1}], ids=repr)
def test_what_is_neither_bytes_nor_text_is_a_type_error(odd: Any) -> None:
    with pytest.raises(TypeError, match=f"not {type(odd).__name__}$"):
        codec.loads(odd)


def test_text_holding_a_lone_surrogate_is_refused_as_the_xml_reader_refuses_it() -> None:
    text = _example().decode("utf-8").replace("巡察", "巡\ud800察", 1)
    with pytest.raises(InspectionSchemaError) as caught:
        codec.loads(text)
    [issue] = caught.value.issues
    assert (issue.code, issue.path) == ("S001", "$")
    assert "U+D800" in issue.message


def test_the_size_limit_counts_bytes_of_a_wide_view() -> None:
    data = _example()
    wide = memoryview(data + b" " * (len(data) % 2)).cast("H")
    assert codec.loads(wide) == codec.loads(data)
    with pytest.raises(InspectionSchemaError) as caught:
        codec.loads(wide, max_bytes=len(data) - 1)
    assert [issue.code for issue in caught.value.issues] == ["S002"]


def test_a_harmless_escape_still_reads_the_document() -> None:
    data = _patched(b'"title": "', b'"title": "\\u4e2d')
    assert read_document(data) is None  # the old path reads it
    assert codec.loads(data) == codec.loads(_patched(b'"title": "', '"title": "中'.encode()))


@pytest.mark.parametrize("value", [2**63, 2**64 - 1, 2**64, -(2**63) - 1, -(2**63)], ids=repr)
def test_integers_at_the_edges_read_as_before(value: int) -> None:
    plain = orjson.loads(_example())
    plain["rectifications"][0]["entries"][0]["number"] = value
    _agree(_encode(plain))


def test_extension_data_is_read_by_orjson() -> None:
    """Free JSON in an extension slot means what it means to orjson, big numbers included."""
    plain = orjson.loads(_example())
    plain["extensions"] = {"org.example": {"n": 2**64 - 1, "x": [1.5, None, {"k": "中"}]}}
    data = orjson.dumps(plain)
    fast = read_document(data)
    assert fast is not None
    assert fast.extensions == plain["extensions"]
    assert _old(data) == (True, fast)


@pytest.mark.parametrize("enabled", [True, False])
def test_leaving_the_pause_runs_no_collection(enabled: bool) -> None:
    """The collection owed to what was built while paused runs at the caller's next allocation,
    not inside the reader (a generator-based context allocated on leaving, and collected)."""
    started: list[str] = []

    def record(phase: str, info: dict[str, int]) -> None:
        started.append(phase)

    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        with codec.collector_paused():
            kept = [[] for _ in range(50_000)]  # far more than generation 0 holds
            gc.callbacks.append(record)
        gc.callbacks.remove(record)
        assert started == []
        assert gc.isenabled() is enabled
        assert len(kept) == 50_000
    finally:
        (gc.enable if was else gc.disable)()
