"""Document integrity: what makes a set of well-typed objects one coherent document.

Ids are unique; every reference resolves, inside the document or through a declared external
reference, to an object of a kind the field allows; category codes exist in their scheme; the
document has the parts its kind requires; its schema version is one this library reads. These
are the checks an XML Schema expresses with ``xs:ID``/``xs:IDREF`` and ``minOccurs``, so every
format makes them on load.

The walk runs twice only when something is wrong: a quick pass that keeps no paths, and, if that
finds a problem, a second pass that names where each problem is.
"""

from __future__ import annotations

import linecache
import threading
from collections.abc import Callable, Iterator
from types import UnionType
from typing import Any, Final, Union, get_args, get_origin

import attrs

from .errors import Issue, Severity
from .model import (
    KIND_REQUIREMENTS,
    SCHEMA_VERSION,
    Category,
    CodeScheme,
    Document,
    ExternalReference,
    info,
)
from .paths import join_index, join_key

SUPPORTED_MAJOR: Final = SCHEMA_VERSION.split(".", 1)[0]


@attrs.frozen
class _Plan:
    """Which fields of a class matter to integrity: its id, its references, its children."""

    id_field: str | None
    refs: tuple[tuple[str, tuple[str, ...], bool], ...]  # name, targets, is a list
    children: tuple[tuple[str, bool], ...]  # name, is a list


_PLANS: dict[type, _Plan] = {}


def _plan(cls: type) -> _Plan:
    plan = _PLANS.get(cls)
    if plan is None:
        plan = _PLANS[cls] = _make_plan(cls)
    return plan


def _make_plan(cls: type) -> _Plan:
    id_field: str | None = None
    refs: list[tuple[str, tuple[str, ...], bool]] = []
    children: list[tuple[str, bool]] = []
    for attribute in attrs.fields(cls):
        field_info = info(attribute)
        annotation = attribute.type
        is_list = get_origin(annotation) in (tuple, frozenset)
        if field_info.role == "id":
            id_field = attribute.name
        elif field_info.role == "ref":
            refs.append((attribute.name, field_info.targets, is_list))
        elif _holds_objects(annotation):
            children.append((attribute.name, is_list))
    return _Plan(id_field=id_field, refs=tuple(refs), children=tuple(children))


def _holds_objects(annotation: Any) -> bool:
    """Whether a field's values are (or contain) model objects."""
    if isinstance(annotation, type) and attrs.has(annotation):
        return True
    if get_origin(annotation) in (tuple, frozenset, UnionType, Union):
        return any(_holds_objects(arg) for arg in get_args(annotation) if arg is not Ellipsis)
    return False


def _objects(obj: Any, path: str) -> Iterator[tuple[Any, str]]:
    """Every model object under ``obj`` (itself included) with its JSON path."""
    stack: list[tuple[Any, str]] = [(obj, path)]
    while stack:
        current, current_path = stack.pop()
        yield current, current_path
        plan = _plan(type(current))
        for name, is_list in reversed(plan.children):
            value = getattr(current, name)
            if value is None:
                continue
            child_path = join_key(current_path, name)
            if is_list:
                stack.extend(
                    (item, join_index(child_path, index))
                    for index, item in reversed(list(enumerate(value)))
                )
            else:
                stack.append((value, child_path))


def _error(code: str, path: str, message: str, message_zh: str) -> Issue:
    return Issue(
        code=code, severity=Severity.ERROR, path=path, message=message, message_zh=message_zh
    )


_Visitor = Callable[[Any, dict[str, str], list[list[Any]], list[Any]], int]


class _QuickVisitors(dict[type, _Visitor]):
    """The quick pass's visitor of each class, generated from its plan (as the codecs generate
    their readers): it reads the class's id, references and children by name, where a loop over
    the plan would ask for each with ``getattr``.

    A visitor records the object's id in ``kinds`` (returning 1 when it has one), appends its
    references to ``refs[i]``, where ``i`` stands for the kinds they may name (see
    :attr:`targets`), and its children to ``stack``. ``refs[0]`` takes the categories.
    """

    def __init__(self) -> None:
        super().__init__()
        self.targets: dict[tuple[str, ...], int] = {}
        """The index in ``refs`` of each set of kinds that references may name (from 1)."""

    def __missing__(self, cls: type) -> _Visitor:
        with _GENERATING:  # two threads must not give two sets of kinds the same index
            found = self.get(cls)
            return found if found is not None else self._generate(cls)

    def _generate(self, cls: type) -> _Visitor:
        plan = _plan(cls)
        lines = ["def visit(o, kinds, refs, stack):"]
        for name, targets, is_list in plan.refs:
            index = self.targets.setdefault(targets, len(self.targets) + 1)
            lines += [
                f"    v = o.{name}",
                "    if v is not None:",
                f"        refs[{index}].{'extend' if is_list else 'append'}(v)",
            ]
        for name, is_list in plan.children:
            lines += [
                f"    v = o.{name}",
                "    if v is not None:",
                f"        stack.{'extend' if is_list else 'append'}(v)",
            ]
        if cls is Category:
            lines.append("    refs[0].append(o)")
        if plan.id_field is not None:
            lines += [f"    kinds[o.{plan.id_field}] = {cls.__name__!r}", "    return 1"]
        else:
            lines.append("    return 0")
        text = "\n".join(lines) + "\n"
        filename = f"<inspection-schema integrity visitor {cls.__module__}.{cls.__qualname__}>"
        namespace: dict[str, Any] = {}
        exec(compile(text, filename, "exec"), namespace)
        linecache.cache[filename] = (len(text), None, text.splitlines(True), filename)
        visit: _Visitor = namespace["visit"]
        self[cls] = visit
        return visit


_GENERATING: Final = threading.Lock()
_VISITORS: Final = _QuickVisitors()


def _quick_ok(document: Document) -> bool:
    """Whether the document is coherent, found in one walk that keeps no paths.

    ``load`` pays for this walk on every document, so each class's visitor is generated and the
    references are kept by the kinds they may name, to be checked in bulk.
    """
    kinds: dict[str, str] = {}
    visitors = _VISITORS
    refs: list[list[Any]] = [[] for _ in range(len(visitors.targets) + 1)]
    stack: list[Any] = [document]
    pop = stack.pop
    get = visitors.get
    count = 0
    while stack:
        obj = pop()
        visit = get(type(obj))
        if visit is None:  # a class met for the first time: it may bring new sets of kinds
            visit = visitors[type(obj)]
            refs.extend([] for _ in range(len(visitors.targets) + 1 - len(refs)))
        count += visit(obj, kinds, refs, stack)
    if count != len(kinds):
        return False
    external = {ref.id: ref.type for ref in document.external}
    for targets, index in visitors.targets.items():
        values = refs[index]
        if set(map(kinds.get, values)) <= set(targets):
            continue  # every reference names an object of a kind it may name
        for value in values:
            kind = kinds.get(value)
            if kind is None or (kind not in targets and external.get(value) not in targets):
                return False
    categories: list[Category] = refs[0]
    if categories:
        codes = {
            (scheme.id, code.code) for scheme in document.code_schemes for code in scheme.codes
        }
        if any((c.scheme, c.code) not in codes for c in categories):
            return False
    return True


def check_integrity(document: Document) -> list[Issue]:
    """The integrity issues of a document (empty when it is coherent)."""
    issues = _version_issues(document) + _kind_issues(document)
    if _quick_ok(document):
        return issues
    return issues + _located_issues(document)


def _version_issues(document: Document) -> list[Issue]:
    major = document.schema_version.split(".", 1)[0]
    if major == SUPPORTED_MAJOR and _is_version(document.schema_version):
        return []
    return [
        _error(
            "S206",
            "$.schema_version",
            f"schema version {document.schema_version!r} is not supported; "
            f"this library reads version {SUPPORTED_MAJOR}.x ({SCHEMA_VERSION})",
            f"不支持格式版本 {document.schema_version!r};"
            f"本库读取 {SUPPORTED_MAJOR}.x 版({SCHEMA_VERSION})",
        )
    ]


def _is_version(text: str) -> bool:
    parts = text.split(".")
    return len(parts) == 2 and all(part.isdigit() and part.isascii() for part in parts)


def _kind_issues(document: Document) -> list[Issue]:
    issues: list[Issue] = []
    for required in KIND_REQUIREMENTS[document.kind]:
        for path, present in _resolve_part(document, required.path):
            if not present:
                issues.append(
                    _error(
                        "S205",
                        path,
                        f"a {document.kind.value} document requires this part",
                        f"{document.kind.term}文档须有此项:{required.reason}",
                    )
                )
    return issues


def _resolve_part(document: Document, dotted: str) -> list[tuple[str, bool]]:
    """Evaluate a required-part path such as ``inspections[*].feedback``."""
    current: list[tuple[str, Any]] = [("$", document)]
    steps = dotted.split(".")
    for position, step in enumerate(steps):
        each = step.endswith("[*]")
        name = step.removesuffix("[*]")
        following: list[tuple[str, Any]] = []
        for path, obj in current:
            value = getattr(obj, name)
            step_path = join_key(path, name)
            if position == len(steps) - 1 and not each:
                following.append((step_path, value))
            elif each:
                following.extend(
                    (join_index(step_path, index), item) for index, item in enumerate(value)
                )
            elif value is not None:
                following.append((step_path, value))
        current = following
    return [(path, value is not None and value != ()) for path, value in current]


def _located_issues(document: Document) -> list[Issue]:
    issues: list[Issue] = []
    seen: dict[str, tuple[str, str]] = {}
    refs: list[tuple[str, str, tuple[str, ...]]] = []
    categories: list[tuple[str, Category]] = []
    for obj, path in _objects(document, "$"):
        cls = type(obj)
        plan = _plan(cls)
        if plan.id_field is not None:
            value = getattr(obj, plan.id_field)
            id_path = join_key(path, plan.id_field)
            if value in seen:
                issues.append(
                    _error(
                        "S201",
                        id_path,
                        f"id {value!r} is already used at {seen[value][1]}",
                        f"标识 {value!r} 已在 {seen[value][1]} 使用",
                    )
                )
            else:
                seen[value] = (cls.__name__, id_path)
        for name, targets, is_list in plan.refs:
            value = getattr(obj, name)
            if value is None:
                continue
            ref_path = join_key(path, name)
            if is_list:
                refs.extend(
                    (join_index(ref_path, index), item, targets) for index, item in enumerate(value)
                )
            else:
                refs.append((ref_path, value, targets))
        if cls is Category:
            categories.append((path, obj))
    external = {ref.id: ref for ref in document.external}
    for path, value, targets in refs:
        issues.extend(_reference_issues(path, value, targets, seen, external))
    schemes: dict[str, CodeScheme] = {scheme.id: scheme for scheme in document.code_schemes}
    for path, category in categories:
        scheme = schemes.get(category.scheme)
        if scheme is not None and all(code.code != category.code for code in scheme.codes):
            issues.append(
                _error(
                    "S204",
                    join_key(path, "code"),
                    f"code {category.code!r} is not in the scheme {scheme.name!r}",
                    f"代码 {category.code!r} 不在分类方案“{scheme.name}”中",
                )
            )
    return issues


def _reference_issues(
    path: str,
    value: str,
    targets: tuple[str, ...],
    seen: dict[str, tuple[str, str]],
    external: dict[str, ExternalReference],
) -> list[Issue]:
    wanted = " or ".join(targets)
    found = seen.get(value)
    if found is None:
        return [
            _error(
                "S202",
                path,
                f"reference {value!r} points at nothing in the document ({wanted} expected)",
                f"引用 {value!r} 在文档中找不到对应对象(应为 {wanted})",
            )
        ]
    kind = found[0]
    if kind in targets:
        return []
    if kind == ExternalReference.__name__:
        if external[value].type in targets:
            return []
        kind = f"an external {external[value].type}"
    return [
        _error(
            "S203",
            path,
            f"reference {value!r} points at {kind} ({found[1]}), not {wanted}",
            f"引用 {value!r} 指向 {kind}({found[1]}),应为 {wanted}",
        )
    ]
