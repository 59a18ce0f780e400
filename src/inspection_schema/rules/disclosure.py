"""R7xx: nothing above the document's classification (知悉范围) is in it.

The model marks what may not go everywhere: an identity number, clue content and internal
remarks are for internal circulation at the widest (field metadata ``disclosure``), and each
person's name has its own range (``Person.disclosure``). A document classified public (or for
intra-Party circulation) that still holds such content would disclose it; redaction makes the
version for an audience, and this rule checks that it did.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, get_args, get_origin

import attrs

from ..errors import Issue, Severity
from ..model import Classification, Document, info
from ..paths import join_index, join_key
from . import REMOVE, Rule, RuleContext, RuleExample


@attrs.frozen
class _Plan:
    """A class's fields with a disclosure level, and the fields that hold model objects."""

    levels: tuple[tuple[str, Classification], ...]
    children: tuple[str, ...]
    deepest: int
    """The highest level (rank) reachable below the class: no walk is needed under it."""


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and attrs.has(tp)


def _model_args(tp: Any) -> list[type]:
    if _is_model(tp):
        return [tp]
    found: list[type] = []
    if get_origin(tp) is not None or isinstance(tp, type(int | None)):
        for arg in get_args(tp):
            found.extend(_model_args(arg))
    return found


_LEVELS = {level.value: level for level in Classification}


_PLANS: dict[type, _Plan] = {}


def _plan(cls: type) -> _Plan:
    plan = _PLANS.get(cls)
    if plan is None:
        plan = _PLANS[cls] = _make_plan(cls)
    return plan


def _make_plan(cls: type) -> _Plan:
    levels: list[tuple[str, Classification]] = []
    children: list[str] = []
    deepest = 0
    hints = attrs.resolve_types(cls)
    for attribute in attrs.fields(hints):
        field_info = info(attribute)
        if field_info.disclosure is not None:
            level = _LEVELS[field_info.disclosure]
            levels.append((attribute.name, level))
            deepest = max(deepest, level.rank)
        if attribute.name == "extensions":
            continue
        inner = _model_args(attribute.type)
        if inner:
            children.append(attribute.name)
            deepest = max(deepest, *(_plan(child).deepest for child in inner))
    return _Plan(levels=tuple(levels), children=tuple(children), deepest=deepest)


def _walk(obj: Any, path: str, rank: int) -> Iterator[tuple[str, Classification]]:
    plan = _plan(type(obj))
    if plan.deepest <= rank:
        return
    for name, level in plan.levels:
        if level.rank > rank and getattr(obj, name) not in (None, "", ()):
            yield join_key(path, name), level
    for name in plan.children:
        value = getattr(obj, name)
        if isinstance(value, tuple):
            for i, item in enumerate(value):
                if _is_model(type(item)):
                    yield from _walk(item, join_index(join_key(path, name), i), rank)
        elif value is not None:
            yield from _walk(value, join_key(path, name), rank)


def _content(document: Document, context: RuleContext) -> Iterator[Issue]:
    classification = document.classification
    for path, level in _walk(document, "$", classification.rank):
        yield CONTENT_WITHIN_CLASSIFICATION.issue(
            path,
            f"the document is classified {classification.value} but this is for "
            f"{level.value} circulation at the widest; redact it for this audience",
            f"文档知悉范围为“{classification.term}”,此项内容仅限“{level.term}”范围,应删除",
        )


def _names(document: Document, context: RuleContext) -> Iterator[Issue]:
    classification = document.classification
    for i, person in enumerate(document.people):
        if person.disclosure.rank > classification.rank:
            yield NAME_WITHIN_CLASSIFICATION.issue(
                f"$.people[{i}].name",
                f"the document is classified {classification.value} but the name of person "
                f"{person.id} may be shown to {person.disclosure.value} readers only; reduce "
                "the person to their role",
                f"文档知悉范围为“{classification.term}”,人员“{person.id}”的姓名仅限"
                f"“{person.disclosure.term}”范围,应只保留职务",
            )


CONTENT_WITHIN_CLASSIFICATION = Rule(
    code="R701",
    name="content-within-classification",
    severity=Severity.ERROR,
    summary="no content above the document's classification (identity numbers, clue content, "
    "internal remarks in a public document)",
    summary_zh="文档不含超出其知悉范围的内容(公开文档中不得有身份号码、线索内容、内部备注)",
    check=_content,
    examples=(
        RuleExample(
            description="the example marked public without redaction",
            description_zh="示例文档未经删减即标为公开",
            changes=(("$.classification", "public"),),
            fails_at=(
                "$.people[5].identity_number",
                "$.inspections[0].feedback.clue_transfers[1].content",
                "$.rectifications[0].entries[3].remarks",
            ),
        ),
        RuleExample(
            description="the example marked secret",
            description_zh="示例文档标为秘密",
            changes=(("$.classification", "secret"),),
        ),
    ),
)
NAME_WITHIN_CLASSIFICATION = Rule(
    code="R702",
    name="name-within-classification",
    severity=Severity.ERROR,
    summary="no person's name goes beyond the range that person's name may be shown in",
    summary_zh="人员姓名不超出其公开范围",
    check=_names,
    examples=(
        RuleExample(
            description="a person whose name is for internal circulation, in a public document",
            description_zh="公开文档中有仅限内部的人员姓名",
            changes=(
                ("$.classification", "public"),
                ("$.people[5].identity_number", REMOVE),
                ("$.people[5].disclosure", "internal"),
            ),
            fails_at=("$.people[5].name",),
        ),
        RuleExample(
            description="the same person in an internal document",
            description_zh="内部文档中的同一人员",
            changes=(("$.people[5].disclosure", "internal"),),
        ),
    ),
)

DISCLOSURE_RULES = (CONTENT_WITHIN_CLASSIFICATION, NAME_WITHIN_CLASSIFICATION)
