"""Validation rules (校验规则): checks beyond the schema, each with a stable code.

A rule is a function of a read document (and the context: the convention in force, the date to
judge as of) yielding issues. Codes are a prefix and a number, as linters have them (``R101``);
``--select`` and ``--ignore`` take codes or prefixes. The core rules register through the same
hook as a plugin's (:mod:`inspection_schema.builtin.rules`); a convention adds its own.
"""

from __future__ import annotations

import copy
import datetime
import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Final

from attrs import frozen

from ..errors import Issue, Severity
from ..model import Document
from ..paths import parse_path

if TYPE_CHECKING:
    from ..conventions import Convention

CODE_PATTERN: Final = re.compile(r"[A-Z]{1,4}[0-9]{3}")


@frozen(kw_only=True)
class RuleContext:
    """What a rule may need besides the document."""

    convention: Convention
    as_of: datetime.date | None = None
    """The date to judge as of (deadlines, overdue); ``None``: today's date where it matters."""
    strict: bool = True
    """Strict mode: a wrong check character in an identifier is an error. Lenient mode makes
    it a warning, for registers that hold early codes issued before the check was enforced."""

    def today(self) -> datetime.date:
        return self.as_of if self.as_of is not None else datetime.date.today()


@frozen(kw_only=True)
class Rule:
    """校验规则: one check, named by a stable code."""

    code: str
    """A prefix of one to four capitals and three digits: ``R101``."""
    name: str
    """A short kebab-case name: ``plan-within-deadline``."""
    severity: Severity
    summary: str
    summary_zh: str
    check: Callable[[Document, RuleContext], Iterable[Issue]]
    """Yields the issues found; :meth:`issue` makes one with this rule's code and severity."""
    examples: tuple[RuleExample, ...] = ()
    """A failing and a passing example at least, for every core rule: the rules page shows
    them and a test runs them."""

    def issue(
        self, path: str, message: str, message_zh: str, *, severity: Severity | None = None
    ) -> Issue:
        return Issue(
            code=self.code,
            severity=severity or self.severity,
            path=path,
            message=message,
            message_zh=message_zh,
        )


@frozen(kw_only=True)
class RuleExample:
    """规则示例: a change to the bundled example document and what the rule says of it.

    ``changes`` are applied in order to the JSON form of ``examples/fulian-2023.json``: each
    sets the value at a JSON path (an index one past the end of a list appends; :data:`REMOVE`
    deletes). ``fails_at`` lists the paths of the issues the rule then reports, in order; an
    example without them passes.
    """

    description: str
    description_zh: str
    changes: tuple[tuple[str, Any], ...] = ()
    fails_at: tuple[str, ...] = ()
    convention: str | Convention | None = None
    """The convention in force (by name, or one made for the example); the national one
    when not given."""
    as_of: datetime.date | None = None
    strict: bool = True

    @property
    def fails(self) -> bool:
        return bool(self.fails_at)


class _Remove:
    def __repr__(self) -> str:
        return "REMOVE"


REMOVE: Final = _Remove()
"""In :attr:`RuleExample.changes`: delete the member or item at the path."""


def apply_changes(data: Any, changes: Iterable[tuple[str, Any]]) -> Any:
    """A copy of JSON ``data`` with each ``(path, value)`` of ``changes`` applied in order."""
    result = copy.deepcopy(data)
    for path, value in changes:
        steps = parse_path(path)
        if not steps:
            raise ValueError("a change needs a path below $")
        *parents, last = steps
        target = result
        for step in parents:
            target = target[step]
        if value is REMOVE:
            del target[last]
        elif isinstance(target, list) and last == len(target):
            target.append(copy.deepcopy(value))
        else:
            target[last] = copy.deepcopy(value)
    return result


def selected(code: str, select: Sequence[str] = (), ignore: Sequence[str] = ()) -> bool:
    """Whether a code is chosen: ``select`` and ``ignore`` hold codes or code prefixes."""
    if select and not any(code.startswith(prefix) for prefix in select):
        return False
    return not any(code.startswith(prefix) for prefix in ignore)


def run_rules(
    document: Document,
    rules: Iterable[Rule],
    context: RuleContext,
    *,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
) -> list[Issue]:
    """Every issue the chosen rules find, rule by rule in the order given."""
    found: list[Issue] = []
    for rule in rules:
        if selected(rule.code, select, ignore):
            found.extend(rule.check(document, context))
    return found


def run_example(rule: Rule, example: RuleExample, data: Any) -> list[Issue]:
    """What ``rule`` reports on ``data`` (the example document's JSON) changed by ``example``.

    Used by the tests, which hold every core rule to its examples, and by the rules page,
    which shows what each example reports.
    """
    import orjson

    from ..api import loads
    from ..conventions import Convention, choose_convention
    from ..plugins.manager import host

    document = loads(orjson.dumps(apply_changes(data, example.changes)), check=False)
    convention = (
        example.convention
        if isinstance(example.convention, Convention)
        else choose_convention(host().conventions(), document, example.convention or "national")
    )
    context = RuleContext(convention=convention, as_of=example.as_of, strict=example.strict)
    return list(rule.check(document, context))
