"""Round trips through the JSON codec, on documents generated from the model.

The properties: ``loads(dumps(x)) == x`` for any valid document; ``dumps(loads(b)) == b`` for
canonical bytes; ``dumps`` gives the same bytes for equal documents however their sets and
extension dicts were built (and whatever the hash seed); the generated documents are valid (ids
unique, references resolving; checked here from the model metadata alone); texts with CJK
characters beyond the Basic Multilingual Plane survive.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st

from inspection_schema.codecs.json import dumps, loads
from inspection_schema.model import (
    HISTORY_EVENT_TYPES,
    KIND_REQUIREMENTS,
    MODEL_CLASSES,
    SCHEMA_VERSION,
    Category,
    Classification,
    CodeList,
    Document,
    DocumentKind,
    ExternalReference,
    HistoryEvent,
    InspectionLevel,
    Organisation,
    OrganisationKind,
    Person,
    Round,
    RoundType,
    info,
)
from inspection_schema.model.text import FORBIDDEN, ID_PATTERN
from inspection_schema.testing.strategies import (
    documents,
    extensions,
    for_class,
    ids,
    json_values,
    texts,
)

PLAIN_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")
CST = datetime.timezone(datetime.timedelta(hours=8))
CLASS_NAMES = frozenset(cls.__name__ for cls in MODEL_CLASSES)
PROFILE_EXAMPLES = settings().max_examples  # of the profile tests/conftest.py loaded
FEWER_EXAMPLES = max(5, PROFILE_EXAMPLES // 5)


# -- what "valid" means, read from the model metadata (independent of inspection_schema.integrity)


def is_model_object(value: object) -> bool:
    return attrs.has(type(value)) and hasattr(type(value), "TERM")


def model_objects(obj: Any, path: str = "$") -> Iterator[tuple[Any, str]]:
    """Every model object in ``obj``, itself first, in document order, with its path."""
    yield obj, path
    for attribute in attrs.fields(type(obj)):
        value = getattr(obj, attribute.name)
        where = f"{path}.{attribute.name}"
        if is_model_object(value):
            yield from model_objects(value, where)
        elif isinstance(value, tuple):
            for index, item in enumerate(value):
                if is_model_object(item):
                    yield from model_objects(item, f"{where}[{index}]")


def reference_problems(document: Document) -> list[str]:
    """Ids unique and well formed; every reference resolves to an object of a target class."""
    problems: list[str] = []
    class_of: dict[str, str] = {}
    for obj, path in model_objects(document):
        for attribute in attrs.fields(type(obj)):
            if info(attribute).role != "id":
                continue
            ident = getattr(obj, attribute.name)
            if ID_PATTERN.fullmatch(ident) is None:
                problems.append(f"{path}.{attribute.name}: {ident!r} is not an id")
            if ident in class_of:
                problems.append(f"{path}.{attribute.name}: id {ident!r} is used twice")
            class_of[ident] = type(obj).__name__
    external = {reference.id: reference.type for reference in document.external}
    for index, reference in enumerate(document.external):
        if reference.type not in CLASS_NAMES:
            problems.append(f"$.external[{index}].type: {reference.type!r} names no class")
    for obj, path in model_objects(document):
        for attribute in attrs.fields(type(obj)):
            field_info = info(attribute)
            if field_info.role != "ref":
                continue
            value = getattr(obj, attribute.name)
            values = () if value is None else value if isinstance(value, tuple) else (value,)
            for ident in values:
                found = class_of.get(ident)
                if found == ExternalReference.__name__:
                    found = external[ident]
                if found is None:
                    problems.append(f"{path}.{attribute.name}: {ident!r} points at nothing")
                elif found not in field_info.targets:
                    problems.append(
                        f"{path}.{attribute.name}: {ident!r} is a {found}, "
                        f"not one of {field_info.targets}"
                    )
        if isinstance(obj, Category):
            scheme = next((s for s in document.code_schemes if s.id == obj.scheme), None)
            if scheme is not None and obj.code not in {code.code for code in scheme.codes}:
                problems.append(f"{path}.code: {obj.code!r} is not in scheme {scheme.id!r}")
    return problems


def scalar_problems(value: Any, path: str) -> list[str]:
    if isinstance(value, str):
        found = FORBIDDEN.search(value)
        return [] if found is None else [f"{path}: {found.group()!r} cannot be carried by XML"]
    if isinstance(value, datetime.datetime):
        offset = value.utcoffset()
        if offset is None:
            return [f"{path}: {value} is naive"]
        return (
            []
            if offset % datetime.timedelta(minutes=1) == datetime.timedelta()
            else [f"{path}: offset {offset} is not in whole minutes"]
        )
    if isinstance(value, Decimal):
        if not value.is_finite() or PLAIN_DECIMAL.fullmatch(format(value, "f")) is None:
            return [f"{path}: {value!r} is not a plain finite decimal"]
        return []
    if isinstance(value, dict):
        problems: list[str] = []
        for key, item in value.items():
            problems += scalar_problems(key, f"{path}[{key!r}]")
            problems += scalar_problems(item, f"{path}[{key!r}]")
        return problems
    if isinstance(value, list | tuple | frozenset):
        return [problem for item in value for problem in scalar_problems(item, f"{path}[*]")]
    return []


def value_problems(document: Document) -> list[str]:
    """Texts XML can carry, aware date-times, plain finite decimals, kind requirements met."""
    problems: list[str] = []
    for obj, path in model_objects(document):
        for attribute in attrs.fields(type(obj)):
            value = getattr(obj, attribute.name)
            if not is_model_object(value):
                problems += scalar_problems(value, f"{path}.{attribute.name}")
        if hasattr(obj, "extensions") and "" in obj.extensions:
            problems.append(f"{path}.extensions: an empty namespace")
    for part in KIND_REQUIREMENTS[document.kind]:
        if not all(value not in (None, ()) for value in parts_at(document, part.path)):
            problems.append(f"$.{part.path}: required by kind {document.kind.value}")
    return problems


def parts_at(document: Document, dotted: str) -> list[Any]:
    current: list[Any] = [document]
    for step in dotted.split("."):
        values = [getattr(obj, step.removesuffix("[*]")) for obj in current]
        current = [item for value in values for item in value] if step.endswith("[*]") else values
    return current


# -- properties of generated documents -------------------------------------------------------


@given(documents())
def test_generated_documents_are_valid(document: Document) -> None:
    assert reference_problems(document) == []
    assert value_problems(document) == []


@given(documents())
def test_loads_inverts_dumps(document: Document) -> None:
    assert loads(dumps(document)) == document


def rebuilt(value: Any) -> Any:
    """An equal copy built afresh: dict keys in reverse order, sets filled in reverse order."""
    if is_model_object(value):
        return type(value)(
            **{a.alias: rebuilt(getattr(value, a.name)) for a in attrs.fields(type(value))}
        )
    if isinstance(value, tuple):
        return tuple(rebuilt(item) for item in value)
    if isinstance(value, list):
        return [rebuilt(item) for item in value]
    if isinstance(value, dict):
        return {key: rebuilt(value[key]) for key in reversed(list(value))}
    if isinstance(value, frozenset):
        return frozenset(sorted(value, reverse=True))
    return value


def sets_in_code_list_order(obj: Any, data: Any) -> list[str]:
    """Sets of codes are written in code-list order (walks the object and its JSON together)."""
    problems: list[str] = []
    for attribute in attrs.fields(type(obj)):
        value = getattr(obj, attribute.name)
        written = data.get(attribute.name)
        if isinstance(value, frozenset) and value:
            code_list: type[CodeList] = type(next(iter(value)))
            members = list(code_list)
            expected = [member.value for member in members if member in value]
            if written != expected:
                problems.append(f"{attribute.name}: {written} is not in code-list order")
        elif is_model_object(value):
            problems += sets_in_code_list_order(value, written)
        elif isinstance(value, tuple) and written is not None:
            for item, item_data in zip(value, written, strict=True):
                if is_model_object(item):
                    problems += sets_in_code_list_order(item, item_data)
    return problems


@given(documents())
def test_dumps_is_canonical_and_deterministic(document: Document) -> None:
    """``dumps(loads(b)) == b`` for canonical bytes ``b``; equal documents give equal bytes."""
    data = dumps(document)
    assert dumps(loads(data)) == data
    assert dumps(loads(data.decode("utf-8"))) == data
    assert dumps(document) == data
    twin = rebuilt(document)  # built afresh, its dicts and sets filled in another order
    assert twin == document
    assert dumps(twin) == data
    assert sets_in_code_list_order(document, json.loads(data)) == []


def test_round_types_are_written_in_code_list_order() -> None:
    everything = frozenset(RoundType)
    document = text_document("巡察")
    for order in (list(RoundType), list(reversed(RoundType))):
        assert document.round is not None
        twin = attrs.evolve(document, round=attrs.evolve(document.round, types=frozenset(order)))
        data = json.loads(dumps(twin))
        assert data["round"]["types"] == [member.value for member in RoundType]
        assert twin.round is not None
        assert twin.round.types == everything


_RECHECK = """
import json, sys
from inspection_schema.codecs.json import dumps, loads
texts = json.load(sys.stdin)
print(json.dumps([i for i, text in enumerate(texts) if dumps(loads(text)) != text.encode()]))
"""


def test_canonical_bytes_do_not_depend_on_the_hash_seed() -> None:
    """Set and dict iteration order changes with PYTHONHASHSEED; the bytes must not."""
    collected = [dumps(text_document("𠀀")).decode("utf-8")]

    @settings(max_examples=20, database=None, phases=[Phase.generate])
    @given(documents(kinds=[DocumentKind.ROUND_PLAN, DocumentKind.FULL_RECORD]))
    def collect(document: Document) -> None:
        collected.append(dumps(document).decode("utf-8"))

    collect()
    for seed in ("1", "2"):
        done = subprocess.run(
            [sys.executable, "-c", _RECHECK],
            input=json.dumps(collected),
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout) == [], f"PYTHONHASHSEED={seed}"


# -- texts beyond the Basic Multilingual Plane -----------------------------------------------


def text_document(text: str) -> Document:
    """A small document with ``text`` in titles, names, problem text and extension data."""
    return Document(
        schema_version=SCHEMA_VERSION,
        id="doc-1",
        kind=DocumentKind.ROUND_PLAN,
        issuer="org-1",
        issued_at=datetime.datetime(2023, 6, 9, 10, 0, tzinfo=CST),
        classification=Classification.PUBLIC,
        title=text,
        organisations=(Organisation(id="org-1", name=text, kind=OrganisationKind.PARTY_COMMITTEE),),
        people=(Person(id="p-1", name=text, wording=text),),
        round=Round(
            id="round-1",
            level=InspectionLevel.XUNCHA,
            dispatched_by="org-1",
            year=2023,
            name=text,
            types=frozenset({RoundType.ROUTINE, RoundType.LOOK_BACK}),
        ),
        extensions={"org.example": {text: [text, {"note": text}]}},
    )


@pytest.mark.parametrize(
    "text",
    [
        "𠀀",  # U+20000, the first ideograph of extension B
        "𪚥",  # U+2A6A5
        "𠀀𪚥",
        "巡察反馈𠀀问题𪚥整改",
        "\U0002b740\U0002b820\U0002ceb0\U0002ebe0",  # extensions C, D, E, F
        "\U00030000\U00031350",  # extensions G and H (plane 3)
        "𠀀\t\n\r𪚥 　",
    ],
)
def test_non_bmp_cjk_round_trips(text: str) -> None:
    document = text_document(text)
    data = dumps(document)
    for char in text:
        if ord(char) > 0xFFFF:
            assert char.encode("utf-8") in data  # written as UTF-8, not as escaped surrogates
    assert b"\\ud8" not in data.lower()
    assert loads(data) == document
    assert dumps(loads(data)) == data


CJK_BEYOND_BMP = st.characters(min_codepoint=0x20000, max_codepoint=0x323AF)


@given(st.text(st.one_of(CJK_BEYOND_BMP, st.characters(codec="utf-8")), min_size=1))
def test_any_text_with_non_bmp_cjk_round_trips(text: str) -> None:
    text = FORBIDDEN.sub("", text) + "𠀀"
    document = text_document(text)
    assert loads(dumps(document)) == document


@given(texts(min_size=1))
def test_generated_texts_round_trip(text: str) -> None:
    assert FORBIDDEN.search(text) is None
    document = attrs.evolve(
        text_document(text),
        inspections=(),
        extensions={"org.example": text},
    )
    assert loads(dumps(document)) == document


# -- the strategies themselves ---------------------------------------------------------------


def test_texts_reach_beyond_the_bmp() -> None:
    found = find(texts(), lambda text: any(ord(char) > 0xFFFF for char in text))
    assert any(ord(char) > 0xFFFF for char in found)


@given(ids())
def test_ids_are_ids(ident: str) -> None:
    assert ID_PATTERN.fullmatch(ident) is not None


@given(extensions(values=json_values()))
def test_extension_data_round_trips(data: dict[str, Any]) -> None:
    document = attrs.evolve(text_document("扩展"), extensions=data)
    assert value_problems(document) == []
    assert loads(dumps(document)) == document


@settings(max_examples=FEWER_EXAMPLES)
@given(
    documents(kinds=DocumentKind.FEEDBACK, max_items=1, extensions=False, external_references=False)
)
def test_document_options(document: Document) -> None:
    assert document.kind is DocumentKind.FEEDBACK
    assert document.inspections
    assert all(i.feedback is not None for i in document.inspections)
    assert all(
        not obj.extensions for obj, _ in model_objects(document) if hasattr(obj, "extensions")
    )
    assert reference_problems(document) == []


def _standalone_params() -> Iterator[Any]:
    for cls in MODEL_CLASSES:
        if cls is Document:
            continue
        yield pytest.param(cls, id=cls.__name__)


@pytest.mark.parametrize("cls", list(_standalone_params()))
@settings(max_examples=FEWER_EXAMPLES)
@given(data=st.data())
def test_each_class_round_trips_on_its_own(cls: type, data: st.DataObject) -> None:
    obj = data.draw(for_class(cls))
    assert loads(dumps(obj), cls) == obj


@settings(max_examples=FEWER_EXAMPLES)
@given(data=st.data())
def test_history_events_round_trip_as_history_events(data: st.DataObject) -> None:
    event = data.draw(st.sampled_from(HISTORY_EVENT_TYPES).flatmap(for_class))
    history_event: Any = HistoryEvent  # a union, which loads takes as the class to read
    assert loads(dumps(event), history_event) == event


def test_code_lists_via_for_class() -> None:
    member = find(for_class(RoundType), lambda _: True)
    assert isinstance(member, CodeList)


def test_for_class_refuses_other_classes() -> None:
    with pytest.raises(TypeError):
        for_class(int)


def test_hypothesis_is_not_imported_by_the_library() -> None:
    code = (
        "import importlib, pkgutil, sys, inspection_schema\n"
        "for module in pkgutil.walk_packages(inspection_schema.__path__, 'inspection_schema.'):\n"
        "    if module.name.endswith(('.__main__', '.testing.strategies', '.testing.standards')):\n"
        "        continue\n"
        "    importlib.import_module(module.name)\n"
        "assert 'hypothesis' not in sys.modules, 'hypothesis imported'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


# -- bigger documents, on request ------------------------------------------------------------


@pytest.mark.slow
@settings(max_examples=max(100, PROFILE_EXAMPLES))
@given(documents(max_items=6))
def test_bigger_documents_round_trip(document: Document) -> None:
    assert reference_problems(document) == []
    assert value_problems(document) == []
    data = dumps(document)
    assert loads(data) == document
    assert dumps(loads(data)) == data


@pytest.mark.slow
def test_every_class_and_kind_is_generated() -> None:
    seen: set[str] = set()

    @settings(max_examples=400, database=None, phases=[Phase.generate])
    @given(documents())
    def collect(document: Document) -> None:
        seen.add(f"kind:{document.kind.value}")
        seen.update(type(obj).__name__ for obj, _ in model_objects(document))

    collect()
    wanted = CLASS_NAMES | {f"kind:{kind.value}" for kind in DocumentKind}
    assert wanted - seen == set()
