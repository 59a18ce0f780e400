"""Validation rules (校验规则): checks beyond the schema, each with a stable code.

A rule is a function of a read document (and the context: the convention in force, the date to
judge as of) yielding issues. Codes are a prefix and a number, as linters have them (``R101``);
``--select`` and ``--ignore`` take codes or prefixes. The core rules register through the same
hook as a plugin's (:mod:`inspection_schema.builtin.rules`); a convention adds its own.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Final

from attrs import frozen

from ..errors import Issue, Severity
from ..model import Document

if TYPE_CHECKING:
    from ..conventions import Convention

CODE_PATTERN: Final = re.compile(r"[A-Z]{1,4}[0-9]{3}")


@frozen(kw_only=True)
class RuleContext:
    """What a rule may need besides the document."""

    convention: Convention
    as_of: datetime.date | None = None
    """The date to judge as of (deadlines, overdue); ``None``: today's date where it matters."""

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

    def issue(self, path: str, message: str, message_zh: str) -> Issue:
        return Issue(
            code=self.code,
            severity=self.severity,
            path=path,
            message=message,
            message_zh=message_zh,
        )


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
