"""The JSON reader's msgspec path agrees with the old path (orjson, then the compiled structure).

``loads`` first asks :func:`~inspection_schema.codecs.json_fast.read_document`; when it answers
``None`` the old path reads the document and reports. So the msgspec path must never accept
what the old path refuses, and must build an equal document when both accept; and it must
actually answer for ordinary documents, or it would be dead weight.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from inspection_schema.codecs import json as codec
from inspection_schema.codecs.json_fast import read_document
from inspection_schema.errors import InspectionSchemaError
from inspection_schema.model import Document
from inspection_schema.testing.strategies import documents

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
VERSION = b'"schema_version": "1.0",'

ODD_VALUES: list[Any] = [
    None,
    "",
    "x",
    "1bad",
    "a b",
    "a\x01",
    "a\x08",
    "a\x0c",
    "\ufffe",
    "\uffff",
    "\ud800",
    "line\nbreak",
    "２０２３-０６-０９",
    "2023-06-09",
    "2023-02-30",
    "0000-01-01",
    "2023-06-09T10:00:00",
    "2023-06-09T10:00:00+08:00",
    "2023-06-09 10:00:00+08:00",
    "98.71",
    "1e3",
    "progress",
    "public",
    "ongoing",
    "inspection",
    0,
    1,
    -1,
    2**63 - 1,
    2**63,
    2**64 - 1,
    2**64,
    -(2**63),
    -(2**63) - 1,
    True,
    False,
    1.0,
    1.5,
    [],
    ["a"],
    ["a", "a"],
    ["inspection", "inspection"],
    [1],
    {},
    {"a": 1},
    {"": 1},
    {"kind": "progress"},
    {"kind": "progress", "id": "n1", "date": "2023-06-09", "text": "x"},
]


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


def _places(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
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
    plain = orjson.loads(codec.dumps(document))
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
            parent[where[-1]] = copy.deepcopy(data.draw(st.sampled_from(ODD_VALUES)))
        elif how == "delete":
            del parent[where[-1]]
        elif isinstance(parent, dict):
            parent[data.draw(st.sampled_from(["kind", "zz", "id", "note", "extensions"]))] = "x"
        else:
            parent.append(copy.deepcopy(data.draw(st.sampled_from(ODD_VALUES))))
    _agree(_encode(plain))


def _example() -> bytes:
    return (EXAMPLES / "fulian-2023.json").read_bytes()


def test_the_examples_are_read_by_msgspec() -> None:
    for path in sorted(EXAMPLES.glob("*.json")):
        data = path.read_bytes()
        fast = read_document(data)
        assert fast is not None, path.name
        assert _old(data) == (True, fast)


def _patched(old: bytes, new: bytes) -> bytes:
    data = _example()
    assert old in data
    return data.replace(old, new, 1)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # escapes that may hide a character XML cannot carry: the old path decides
        (b'"schema_version"', b'"schema_\\u0076ersion"'),
        (b'"title": "', b'"title": "\\u0001'),
        (b'"title": "', b'"title": "\\b'),
        (b'"title": "', b'"title": "\\f'),
        (b'"title": "', b'"title": "\\ud800'),
        (b'"title": "', b'"title": "\xef\xbf\xbe'),
        (b'"title": "', b'"title": "\xef\xbf\xbf'),
        # what msgspec reads otherwise than orjson
        (b'"title": "', b'"title": "\xed\xa0\x80'),
        (b'"title": "', b'"title": "\xff'),
        (b"{", b"\xef\xbb\xbf{"),
        (b'"schema_version": "1.0"', b'"schema_version": "9.0"'),
        (b'"id": "', b'"id": 1, "id": "'),
        (b'"id": "', b'"id": "ok", "id": "1'),
        (VERSION, VERSION + b' "extensions": {"n": {"a": 18446744073709551616}},'),
        (VERSION, VERSION + b' "extensions": {"n": {"a": 18446744073709551615}},'),
        (VERSION, VERSION + b' "extensions": {"n": {"a": 1e999}},'),
        (VERSION, VERSION + b' "extensions": {"n": ' + b"[" * 1100 + b"]" * 1100 + b"},"),
        (VERSION, VERSION + b' "extensions": {"n": ' + b"[" * 600 + b"]" * 600 + b"},"),
        (VERSION, VERSION + b' "extensions": {"n": ' + b"[" * 500 + b"]" * 500 + b"},"),
        (VERSION, VERSION + b' "extensions": {"": 1},'),
        (VERSION, VERSION + b' "extensions": null,'),
        (VERSION, VERSION + b' "extensions": [],'),
    ],
    ids=repr,
)
def test_odd_bytes_are_read_as_the_old_path_reads_them(old: bytes, new: bytes) -> None:
    _agree(_patched(old, new))


def test_escapes_go_the_old_way_and_are_reported_there() -> None:
    data = _patched(b'"title": "', b'"title": "\\u0001')
    assert read_document(data) is None
    with pytest.raises(InspectionSchemaError) as caught:
        codec.loads(data)
    assert [issue.code for issue in caught.value.issues] == ["S104"]
    assert caught.value.issues[0].path.endswith(".title")


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
