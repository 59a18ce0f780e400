"""The core rules, registered through the rule hook as an outside plugin's would be.

Each family lives in its own module of :mod:`inspection_schema.rules`; the codes say which:
R1xx deadlines and naming under the convention, R2xx dates in order, R3xx ownership of
problems, R4xx status and history, R5xx declared counters, R6xx identifiers, R7xx disclosure.
"""

from __future__ import annotations

from ..plugins import Register, hookimpl
from ..rules import Rule
from ..rules.counters import COUNTER_RULES
from ..rules.dates import DATE_RULES
from ..rules.deadlines import DEADLINE_RULES
from ..rules.disclosure import DISCLOSURE_RULES
from ..rules.history import HISTORY_RULES
from ..rules.identifiers import IDENTIFIER_RULES
from ..rules.naming import NAMING_RULES
from ..rules.ownership import OWNERSHIP_RULES

CORE_RULES: tuple[Rule, ...] = (
    *DEADLINE_RULES,
    *NAMING_RULES,
    *DATE_RULES,
    *OWNERSHIP_RULES,
    *HISTORY_RULES,
    *COUNTER_RULES,
    *IDENTIFIER_RULES,
    *DISCLOSURE_RULES,
)


@hookimpl(trylast=True)
def register_rules(register: Register[Rule]) -> None:
    for rule in CORE_RULES:
        register(rule)
