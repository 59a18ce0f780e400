"""Integrity: what the XML Schema will say with xs:ID/IDREF and minOccurs, said for every format."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

import inspection_schema as ins
from inspection_schema import integrity
from inspection_schema.codecs import json as json_codec
from inspection_schema.integrity import check_integrity
from inspection_schema.lifecycle import entry_deadline, entry_status
from inspection_schema.model import (
    Document,
    EntryStatus,
    ExtensionDecision,
    ExtensionRequest,
    LedgerEntry,
    ProgressNote,
    RectificationMode,
    Responsibility,
    SignOff,
    StatusChange,
)
from inspection_schema.testing.strategies import documents

MINIMAL = Path(__file__).parent / "data" / "minimal-round-plan.json"


def ledger_document(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "schema_version": "1.0",
        "id": "doc-ledger",
        "kind": "rectification_ledger",
        "issuer": "org-unit",
        "issued_at": "2023-09-01T08:00:00+08:00",
        "classification": "party",
        "organisations": [{"id": "org-unit", "name": "某单位", "kind": "unit"}],
        "external": [
            {"id": "insp-1", "type": "Inspection", "document": "doc-feedback"},
            {"id": "prob-1", "type": "Problem", "document": "doc-feedback", "label": "问题一"},
        ],
        "code_schemes": [
            {"id": "four", "name": "四个落实", "codes": [{"code": "theory", "label": "党的理论"}]}
        ],
        "rectifications": [
            {
                "id": "rect-1",
                "inspection": "insp-1",
                "entries": [{"id": "entry-1", "number": 1, "problem": "prob-1"}],
            }
        ],
    }
    data.update(changes)
    return data


def codes_and_paths(data: dict[str, Any]) -> list[tuple[str, str]]:
    document = ins.loads(json.dumps(data, ensure_ascii=False), check=False)
    return [(issue.code, issue.path) for issue in check_integrity(document)]


def test_a_ledger_alone_refers_to_its_inspection_through_external_references() -> None:
    assert codes_and_paths(ledger_document()) == []


def test_an_external_reference_of_the_wrong_type_is_refused() -> None:
    data = ledger_document()
    data["external"][1]["type"] = "Person"
    assert codes_and_paths(data) == [("S203", "$.rectifications[0].entries[0].problem")]


def feedback_document(problems: list[dict[str, Any]]) -> dict[str, Any]:
    data = json.loads(MINIMAL.read_text(encoding="utf-8"))
    data["kind"] = "feedback"
    data["code_schemes"] = ledger_document()["code_schemes"]
    data["party_organisations"] = [
        {"id": "po", "name": "某党组", "kind": "leading_party_group", "unit": "org-office"}
    ]
    feedback = {"id": "fb", "date": "2023-06-09", "problems": problems}
    data["inspections"] = [{"id": "insp", "organisation": "po", "feedback": feedback}]
    return data


def test_category_code_must_exist_in_its_scheme() -> None:
    data = feedback_document(
        [
            {"id": "p1", "text": "甲", "category": {"scheme": "four", "code": "theory"}},
            {"id": "p2", "text": "乙", "category": {"scheme": "four", "code": "nope"}},
            {"id": "p3", "text": "丙", "category": {"scheme": "five", "code": "x"}},
        ]
    )
    assert codes_and_paths(data) == [
        ("S202", "$.inspections[0].feedback.problems[2].category.scheme"),
        ("S204", "$.inspections[0].feedback.problems[1].category.code"),
    ]


def test_a_category_code_missing_from_its_scheme_is_found_alone() -> None:
    # alone: the quick pass must find it, or the located pass never runs
    data = feedback_document(
        [{"id": "p1", "text": "甲", "category": {"scheme": "four", "code": "nope"}}]
    )
    path = "$.inspections[0].feedback.problems[0].category.code"
    assert codes_and_paths(data) == [("S204", path)]


def _strings(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], str]]:
    if isinstance(data, dict):
        return [x for key, value in data.items() for x in _strings(value, (*path, key))]
    if isinstance(data, list):
        return [x for index, value in enumerate(data) for x in _strings(value, (*path, index))]
    return [(path, data)] if isinstance(data, str) else []


@given(documents(), st.data())
def test_the_quick_pass_finds_a_problem_exactly_when_the_located_pass_does(
    document: Document, data: st.DataObject
) -> None:
    """The quick pass decides whether the located pass runs: they must agree. Some id or
    reference is set to another id of the document or to none (duplicates, dangling references,
    references to the wrong kind), outside the extension slots."""
    plain = orjson.loads(json_codec.dumps(document))
    ids = {
        getattr(obj, field)
        for obj, _ in integrity._objects(document, "$")
        if (field := integrity._plan(type(obj)).id_field) is not None
    }
    places = [
        (path, value)
        for path, value in _strings(plain)
        if value in ids and "extensions" not in path and path[-1] != "schema_version"
    ]
    if places:
        path, _ = data.draw(st.sampled_from(places))
        target: Any = plain
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = data.draw(st.sampled_from([*sorted(ids), "nowhere"]))
    changed = json_codec.structure(plain, Document)
    assert integrity._quick_ok(changed) == (not integrity._located_issues(changed))


def test_every_inspection_of_a_feedback_document_needs_its_feedback() -> None:
    data = json.loads(MINIMAL.read_text(encoding="utf-8"))
    data["kind"] = "feedback"
    data["party_organisations"] = [
        {"id": "po", "name": "某党组", "kind": "leading_party_group", "unit": "org-office"}
    ]
    data["inspections"] = [{"id": "insp", "organisation": "po"}]
    assert codes_and_paths(data) == [("S205", "$.inspections[0].feedback")]


def test_loading_refuses_an_incoherent_document_unless_asked_not_to_check() -> None:
    data = ledger_document()
    data["rectifications"][0]["entries"][0]["problem"] = "prob-2"
    text = json.dumps(data, ensure_ascii=False)
    with pytest.raises(ins.SchemaViolationError) as raised:
        ins.loads(text)
    assert [i.path for i in raised.value.issues] == ["$.rectifications[0].entries[0].problem"]
    assert ins.loads(text, check=False).id == "doc-ledger"


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def test_status_and_deadline_as_of_past_dates_come_from_history() -> None:
    entry = LedgerEntry(
        id="e",
        number=1,
        problem="p",
        history=(
            ProgressNote(id="h1", date=day("2023-07-01"), text="制定措施"),
            ExtensionRequest(
                id="h2", date=day("2023-08-20"), by="x", requested_deadline=day("2023-10-31"), reason="需协调"
            ),
            ExtensionDecision(
                id="h3", date=day("2023-08-25"), by="y", request="h2", approved=True, deadline=day("2023-10-31")
            ),
            StatusChange(id="h4", date=day("2023-10-10"), by="x", status=EntryStatus.COMPLETED),
            SignOff(id="h5", date=day("2023-11-01"), approver="y"),
        ),
    )
    plan = Responsibility(
        id="r", problem="p", leader="x", lead_department="d", mode=RectificationMode.TIME_BOUND,
        deadline=day("2023-08-31"),
    )
    assert entry_status(entry, day("2023-06-30")) is EntryStatus.NOT_STARTED
    assert entry_status(entry, day("2023-07-01")) is EntryStatus.IN_PROGRESS
    assert entry_status(entry, day("2023-10-10")) is EntryStatus.COMPLETED
    assert entry_status(entry) is EntryStatus.SIGNED_OFF
    assert entry_deadline(entry, plan, day("2023-08-24")) == day("2023-08-31")
    assert entry_deadline(entry, plan, day("2023-08-25")) == day("2023-10-31")
