"""Conventions (工作规范): the local policy a region lays over the national record.

The record holds facts; how long a rectification plan may take, which days are working days, how
a round is named, and which extra checks apply differ from region to region. A convention bundles
that policy under a name and the administrative-division codes (GB/T 2260) it governs. The
national baseline is built in (:mod:`inspection_schema.builtin.conventions`); regions arrive as
plugins through the ``register_conventions`` hook. A document's convention is chosen by name, or
by the region code of the organisation that issued it or dispatched its round.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Final

from attrs import field, frozen, validators

from .deadlines import DeadlineUnit, MonthEndRule, WorkingDayCalendar, count_from
from .errors import InspectionSchemaError
from .model import DeadlinePurpose, Document

if TYPE_CHECKING:
    from .rules import Rule

LEDGER_COLUMNS: Final[tuple[tuple[str, str], ...]] = (
    ("number", "序号"),
    ("category", "问题类别"),
    ("problem", "具体问题"),
    ("target", "整改目标"),
    ("measures", "整改措施"),
    ("leader", "责任领导"),
    ("lead_department", "责任部门"),
    ("cooperating_departments", "配合部门"),
    ("persons", "责任人"),
    ("deadline", "整改时限"),
    ("mode", "整改方式"),
    ("progress", "整改进展"),
    ("status", "整改状态"),
    ("sign_off", "销号情况"),
    ("evidence", "佐证材料"),
    ("remarks", "备注"),
)
"""The ledger's columns (台账栏目) by key, with the consensus heading of ``domain.md`` §3."""


@frozen(kw_only=True)
class DeadlinePolicy:
    """时限规定: how long one step may take after feedback (反馈), and on what basis.

    Every period the rules check starts the day after the inspection's feedback meeting, as the
    regulations word them ("反馈后2个月内"); a policy counted from another event would need a
    rule that knows that event, so the field does not exist until such a rule does.
    """

    purpose: DeadlinePurpose
    amount: int = field(validator=validators.ge(0))
    unit: DeadlineUnit
    basis: str
    """The rule that sets it (文件依据), as a reader can look it up."""

    def describe(self) -> str:
        """The policy as office staff write it: 反馈后15个工作日内制定整改方案."""
        units = {
            DeadlineUnit.DAYS: "日",
            DeadlineUnit.WORKING_DAYS: "个工作日",
            DeadlineUnit.MONTHS: "个月",
        }
        return f"反馈后{self.amount}{units[self.unit]}内{self.purpose.term}"


@frozen(kw_only=True)
class NamingRule:
    """命名规则: the form a region gives a name (a round's, a group's, a document number)."""

    subject: str
    """What is named: ``round``, ``group`` or ``document_number``."""
    pattern: str
    """A regular expression the whole name must match."""
    example: str
    description: str = ""

    def matches(self, name: str) -> bool:
        return re.fullmatch(self.pattern, name) is not None


@frozen(kw_only=True)
class LedgerTemplate:
    """台账模板: a region's ledger form: its title, and the heading it gives each column."""

    name: str
    title: str
    headings: Mapping[str, str] = field(factory=dict)
    """Heading by column key (:data:`LEDGER_COLUMNS`); a key left out keeps the consensus one."""
    columns: tuple[str, ...] = tuple(key for key, _ in LEDGER_COLUMNS)
    """The columns the form has, in its order."""

    def heading(self, key: str) -> str:
        return self.headings.get(key) or dict(LEDGER_COLUMNS)[key]


@frozen(kw_only=True)
class Convention:
    """工作规范: one region's deadlines, calendar, naming rules, extra rules and ledger form."""

    name: str
    """Short ASCII name used on the command line (``--convention national``)."""
    title: str
    """The Chinese name."""
    region_codes: tuple[str, ...] = ()
    """GB/T 2260 codes the convention governs, with trailing zeros dropped as prefixes
    (``33`` a province, ``3301`` a city); empty for a convention chosen only by name, as the
    national baseline is where no region's convention applies."""
    deadlines: tuple[DeadlinePolicy, ...] = ()
    working_days: WorkingDayCalendar | None = None
    month_rule: MonthEndRule = MonthEndRule.CLAMP
    naming: tuple[NamingRule, ...] = ()
    rules: tuple[Rule, ...] = ()
    """Rules the convention adds to the core ones."""
    ignore: tuple[str, ...] = ()
    """Codes or code prefixes of rules the convention switches off (a region whose forms
    have no group names, say, ignores ``R104``)."""
    ledger_template: LedgerTemplate | None = None
    description: str = ""

    def policy(self, purpose: DeadlinePurpose) -> DeadlinePolicy | None:
        """The convention's deadline for ``purpose``, if it sets one."""
        return next((p for p in self.deadlines if p.purpose is purpose), None)

    def due(self, purpose: DeadlinePurpose, start: datetime.date) -> datetime.date | None:
        """The last day allowed for ``purpose`` when its period starts after ``start``."""
        policy = self.policy(purpose)
        if policy is None:
            return None
        return count_from(
            start,
            policy.amount,
            policy.unit,
            working_days=self.working_days,
            month_rule=self.month_rule,
        )

    def naming_rules(self, subject: str) -> tuple[NamingRule, ...]:
        return tuple(rule for rule in self.naming if rule.subject == subject)


BASELINE: Final = "national"
"""The name of the national baseline convention (全国通行规定), the fallback."""


class UnknownConventionError(InspectionSchemaError):
    """No convention of that name is registered."""


def document_region(document: Document) -> str | None:
    """行政区划代码 of a document: its issuer's, else the dispatching organisation's."""
    organisations = {o.id: o for o in document.organisations}
    candidates = [document.issuer]
    if document.round is not None:
        candidates.append(document.round.dispatched_by)
    for ref in candidates:
        organisation = organisations.get(ref)
        if organisation is not None and organisation.area_code:
            return organisation.area_code
    return None


def choose_convention(
    conventions: Iterable[Convention], document: Document, name: str | None = None
) -> Convention:
    """The convention named ``name``; without one, the most specific for the document's region.

    The national baseline (:data:`BASELINE`, which a plugin may override) is the fallback; a
    convention without region codes is never chosen by region.
    """
    known = list(conventions)
    if name is not None:
        for convention in known:
            if convention.name == name:
                return convention
        names = ", ".join(c.name for c in known) or "none"
        raise UnknownConventionError(
            f"unknown convention {name!r} (known: {names}) / 未知的工作规范“{name}”"
        )
    region = document_region(document) or ""
    best: tuple[int, Convention] | None = None
    for convention in known:
        for prefix in convention.region_codes:
            if region.startswith(prefix) and (best is None or len(prefix) > best[0]):
                best = (len(prefix), convention)
    if best is not None:
        return best[1]
    baseline = next((c for c in known if c.name == BASELINE), None)
    if baseline is None:
        raise UnknownConventionError(
            f"no convention applies to region {region or '(none)'} and the national baseline "
            f"{BASELINE!r} is not registered / 没有适用的工作规范"
        )
    return baseline
