"""The plugin module named by the entry point: registers the ``xlsx`` format, nothing else.

``[project.entry-points.inspection_schema] xlsx = "inspection_schema_xlsx.plugin"``
"""

from __future__ import annotations

from inspection_schema.formats import Format
from inspection_schema.plugins import Register, hookimpl

from . import FORMAT


@hookimpl
def register_formats(register: Register[Format]) -> None:
    register(FORMAT)
