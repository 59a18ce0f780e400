"""Regional conventions (工作规范) for inspection-schema, on the State Council's working days.

- :class:`StateCouncilCalendar`: statutory holidays off, make-up working days on, from the
  ``chinesecalendar`` package; a year it does not cover raises instead of guessing;
- :data:`DINGYUAN` (``dingyuan``, 定远县, 341125): the county's published three-month report rule;
- :data:`EXAMPLE_CITY` (``example-city``, 示例): an illustration of a municipal convention, with a
  plan deadline in working days, naming forms, a ledger form and rules of its own.

The plugin (:mod:`.plugin`) registers both through the ``register_conventions`` hook.
"""

from __future__ import annotations

from typing import Final

from inspection_schema.conventions import Convention

from .calendar import STATE_COUNCIL, StateCouncilCalendar, data_version
from .dingyuan import DINGYUAN
from .example_city import EXAMPLE_CITY
from .rules import DOCUMENT_NUMBER, GBT_9704_DOCUMENT_NUMBER, PRINCIPAL_REPORT, time_bound_deadline

CONVENTIONS: Final[tuple[Convention, ...]] = (DINGYUAN, EXAMPLE_CITY)
"""Every convention the plugin registers, in the order ``inspection-schema plugins`` lists them."""

__all__ = [
    "CONVENTIONS",
    "DINGYUAN",
    "DOCUMENT_NUMBER",
    "EXAMPLE_CITY",
    "GBT_9704_DOCUMENT_NUMBER",
    "PRINCIPAL_REPORT",
    "STATE_COUNCIL",
    "StateCouncilCalendar",
    "data_version",
    "time_bound_deadline",
]
