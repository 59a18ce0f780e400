"""The built-in formats: the canonical JSON and the XML exchange format."""

from __future__ import annotations

from ..formats import Format
from ..plugins import Register, hookimpl


@hookimpl
def register_formats(register: Register[Format]) -> None:
    from ..codecs import json as json_codec
    from ..codecs import xml as xml_codec

    register(
        Format(
            name="json",
            suffixes=(".json",),
            read=json_codec.loads,
            write=json_codec.dumps,
            lossless=True,
            description="inspection-schema JSON (canonical, UTF-8)",
        )
    )
    register(
        Format(
            name="xml",
            suffixes=(".xml",),
            read=xml_codec.loads,
            write=xml_codec.dumps,
            lossless=True,
            description=f"inspection-schema XML exchange format ({xml_codec.NAMESPACE})",
        )
    )
