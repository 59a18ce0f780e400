"""The ledger part of a document: what an Excel ledger carries, as a document of its own.

A workbook carries the rectifications (plan, entries with their whole history, evidence,
long-term mechanisms, reports, disclosures) and what they refer to: the problems and opinions of
the feedback (in a reduced inspection: its id, organisation and feedback date, number, problems
and opinions), the people, organisations, Party organisations and category schemes, and the
external references among them. Everything else (the round, the inspection's stationing and
meetings, clue transfers, progress reports…) stays behind; an object that a carried one refers
to but that is not carried (an inspection group named in a person's post) becomes an external
reference to the source document.

:func:`ledger_part` is exactly what reading a workbook written from a document gives back. A
document that already is its own ledger part (a ``rectification_ledger`` document with nothing
else) comes back whole, under its own id; any other gets a new id, ``<id>-ledger``.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from types import UnionType
from typing import Any, Union, get_args, get_origin

import attrs

from inspection_schema.errors import Issue, SchemaViolationError, Severity
from inspection_schema.model import (
    CodeScheme,
    Document,
    DocumentKind,
    ExternalReference,
    Feedback,
    Inspection,
    Opinion,
    Organisation,
    PartyOrganisation,
    Person,
    Problem,
    info,
)

_CARRIED_WHOLE = (Person, Organisation, PartyOrganisation, CodeScheme, Problem, Opinion)


def _is_model(value: Any) -> bool:
    return attrs.has(type(value)) and hasattr(type(value), "TERM")


def _holds_objects(annotation: Any) -> bool:
    if isinstance(annotation, type) and attrs.has(annotation):
        return True
    if get_origin(annotation) in (tuple, frozenset, UnionType, Union):
        return any(_holds_objects(arg) for arg in get_args(annotation) if arg is not Ellipsis)
    return False


def walk(obj: Any) -> Iterator[Any]:
    """``obj`` and every model object under it, in document order."""
    yield obj
    for attribute in attrs.fields(type(obj)):
        if attribute.name == "extensions" or not _holds_objects(attribute.type):
            continue
        value = getattr(obj, attribute.name)
        items = value if isinstance(value, tuple | frozenset) else (value,)
        for item in items:
            if _is_model(item):
                yield from walk(item)


def own_id(obj: Any) -> str | None:
    for attribute in attrs.fields(type(obj)):
        if info(attribute).role == "id":
            value = getattr(obj, attribute.name)
            return value if isinstance(value, str) else None
    return None


def references(obj: Any) -> list[str]:
    """Every id referred to from ``obj`` and the objects under it."""
    found: list[str] = []
    for item in walk(obj):
        for attribute in attrs.fields(type(item)):
            if info(attribute).role != "ref":
                continue
            value = getattr(item, attribute.name)
            if isinstance(value, str):
                found.append(value)
            elif isinstance(value, tuple):
                found.extend(value)
    return found


def all_ids(document: Document) -> set[str]:
    return {ident for obj in walk(document) if (ident := own_id(obj)) is not None}


def fresh_id(base: str, taken: set[str]) -> str:
    """``base``, or ``base.2``, ``base.3``… : the first not in ``taken`` (which it joins)."""
    candidate = base
    for number in itertools.count(2):
        if candidate not in taken:
            break
        candidate = f"{base}.{number}"
    taken.add(candidate)
    return candidate


def _label(obj: Any) -> str | None:
    for name in ("name", "title", "text", "label"):
        value = getattr(obj, name, None)
        if isinstance(value, str):
            return value
    return None


def no_ledger(message: str, message_zh: str) -> SchemaViolationError:
    return SchemaViolationError(
        "the document has no ledger to write",
        [
            Issue(
                code="XL101",
                severity=Severity.ERROR,
                path="$.rectifications",
                message=message,
                message_zh=message_zh,
            )
        ],
    )


def ledger_part(document: Document) -> Document:
    """The document an Excel ledger of ``document`` carries (see the module's description).

    Raises :class:`~inspection_schema.errors.SchemaViolationError` when the document has no
    rectification, or one without ledger entries: a ledger document needs both.
    """
    if not document.rectifications:
        raise no_ledger("the document has no rectification", "文档没有整改部分,无台账可写")
    for index, rectification in enumerate(document.rectifications):
        if not rectification.entries:
            raise no_ledger(
                f"rectification {index} ({rectification.id}) has no ledger entries",
                f"第 {index + 1} 项整改({rectification.id})没有台账条目",
            )
    objects: dict[str, Any] = {}
    home: dict[str, Inspection] = {}
    for inspection in document.inspections:
        if inspection.feedback is not None:
            for problem in inspection.feedback.problems:
                home[problem.id] = inspection
            for opinion in inspection.feedback.opinions:
                home[opinion.id] = inspection
    inside: set[str] = set()
    for rectification in document.rectifications:
        inside.update(i for obj in walk(rectification) if (i := own_id(obj)) is not None)
    for obj in walk(document):
        ident = own_id(obj)
        if ident is not None and ident not in objects:
            objects[ident] = obj

    needed: set[str] = set()
    dropped: list[str] = []
    queue = [document.issuer]
    for rectification in document.rectifications:
        queue.extend(references(rectification))
    while queue:
        ident = queue.pop(0)
        if ident in needed:
            continue
        needed.add(ident)
        obj = objects.get(ident)
        if obj is None or ident in inside or isinstance(obj, ExternalReference):
            continue
        if isinstance(obj, _CARRIED_WHOLE):
            queue.extend(references(obj))
            if ident in home:
                queue.append(home[ident].id)
        elif isinstance(obj, Inspection):
            queue.append(obj.organisation)
            if obj.feedback is not None:
                queue.extend(p.id for p in obj.feedback.problems)
                queue.extend(o.id for o in obj.feedback.opinions)
        else:
            dropped.append(ident)

    new_external = tuple(
        ExternalReference(
            id=ident,
            type=type(objects[ident]).__name__,
            document=document.id,
            label=_label(objects[ident]),
        )
        for ident in dropped
    )
    candidate = Document(
        schema_version=document.schema_version,
        id=document.id,
        kind=DocumentKind.RECTIFICATION_LEDGER,
        issuer=document.issuer,
        issued_at=document.issued_at,
        classification=document.classification,
        title=document.title,
        note=document.note,
        sources=document.sources,
        external=(*(e for e in document.external if e.id in needed), *new_external),
        code_schemes=tuple(s for s in document.code_schemes if s.id in needed),
        organisations=tuple(o for o in document.organisations if o.id in needed),
        party_organisations=tuple(p for p in document.party_organisations if p.id in needed),
        people=tuple(p for p in document.people if p.id in needed),
        inspections=tuple(_reduced(i) for i in document.inspections if i.id in needed),
        rectifications=document.rectifications,
        extensions=document.extensions,
    )
    if candidate == document:
        return document
    return attrs.evolve(candidate, id=fresh_id(f"{document.id}-ledger", all_ids(candidate)))


def _reduced(inspection: Inspection) -> Inspection:
    feedback = inspection.feedback
    return Inspection(
        id=inspection.id,
        organisation=inspection.organisation,
        feedback=None
        if feedback is None
        else Feedback(
            id=feedback.id,
            date=feedback.date,
            document_number=feedback.document_number,
            problems=feedback.problems,
            problems_exhaustive=feedback.problems_exhaustive,
            opinions=feedback.opinions,
        ),
    )
