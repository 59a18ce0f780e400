"""The JSON codec's generated fast path agrees with the cattrs converter it is generated from.

``loads`` and ``dumps`` go through functions generated per model class (``_COMPILED``); the
cattrs converter ``_FAST`` built by ``make_converter`` is what they must agree with: the same
data accepted, equal objects built, equal plain data written; and where the converter refuses,
the fast path refuses too (the detailed converter then reports, as before).
"""

from __future__ import annotations

import copy
import datetime
from typing import Any

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from inspection_schema.codecs import json as codec
from inspection_schema.errors import SchemaViolationError
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
from inspection_schema.testing.strategies import documents

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
]


def _fast(data: Any, cls: type[Any]) -> tuple[bool, Any]:
    try:
        return True, codec._COMPILED.structure_fn(cls)(data)
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
    plain = orjson.loads(codec.dumps(document))
    places = _places(plain)
    if not places:
        return
    for _ in range(data.draw(st.integers(1, 3), label="changes")):
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
            parent[data.draw(st.sampled_from(["kind", "zz", "id", "note"]))] = "x"
        else:
            parent.append(copy.deepcopy(data.draw(st.sampled_from(STRANGE_VALUES))))
        places = _places(plain)
        if not places:
            break
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
