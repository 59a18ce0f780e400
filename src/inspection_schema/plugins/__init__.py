"""The plugin system: hook specifications (:mod:`.spec`) and the host (:mod:`.manager`).

Plugin authors need :data:`hookimpl` and the item classes their hooks register; the test kit is
:mod:`inspection_schema.testing.plugins`.
"""

from __future__ import annotations

from .spec import PROJECT, Register, hookimpl, hookspec

ENTRY_POINT_GROUP = PROJECT
"""The entry-point group plugins are found under: ``[project.entry-points.inspection_schema]``."""

__all__ = ["ENTRY_POINT_GROUP", "PROJECT", "Register", "hookimpl", "hookspec"]
