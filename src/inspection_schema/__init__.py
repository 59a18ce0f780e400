"""inspection-schema: the record of Party inspection work (巡视/巡察) and its rectification.

The public surface: the model classes (``inspection_schema.model``), reading and writing
(:func:`load`, :func:`loads`, :func:`dump`, :func:`dumps`), checking (:func:`validate`) and the
errors (``inspection_schema.errors``).
"""

from __future__ import annotations

from .api import dump, dumps, load, loads, validate
from .errors import (
    InspectionSchemaError,
    Issue,
    IssuesError,
    SchemaViolationError,
    Severity,
    UnreadableInputError,
)
from .model import SCHEMA_VERSION, Document

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "Document",
    "InspectionSchemaError",
    "Issue",
    "IssuesError",
    "SchemaViolationError",
    "Severity",
    "UnreadableInputError",
    "__version__",
    "dump",
    "dumps",
    "load",
    "loads",
    "validate",
]
