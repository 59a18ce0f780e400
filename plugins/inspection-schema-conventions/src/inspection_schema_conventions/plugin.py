"""The plugin module named by the entry point: registers the conventions, nothing else.

``[project.entry-points.inspection_schema] conventions = "inspection_schema_conventions.plugin"``
"""

from __future__ import annotations

from inspection_schema.conventions import Convention
from inspection_schema.plugins import Register, hookimpl

from . import CONVENTIONS


@hookimpl
def register_conventions(register: Register[Convention]) -> None:
    for convention in CONVENTIONS:
        register(convention)
