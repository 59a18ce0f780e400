"""Schemas generated from the model for other tools: JSON Schema (draft 2020-12) and XML Schema
(:mod:`.xsd`), each with the schemas of the registered typed extensions."""

from __future__ import annotations

from .json_schema import (
    FILE_NAME,
    LIMITS,
    SCHEMA_ID,
    dumps_json_schema,
    extension_json_schema,
    json_schema,
    write_json_schema,
)

__all__ = [
    "FILE_NAME",
    "LIMITS",
    "SCHEMA_ID",
    "dumps_json_schema",
    "extension_json_schema",
    "json_schema",
    "write_json_schema",
]
