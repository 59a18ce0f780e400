"""The format registry: which reader and writer serve a file name or a format name.

The plugin host (a later issue) fills this registry through a hook; the built-in JSON format is
registered the same way an outside format will be.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import PurePath

from attrs import frozen

from .errors import UnknownFormatError
from .model import Document


@frozen(kw_only=True)
class Format:
    """A document format: its name, file suffixes, reader and writer, and whether it loses data."""

    name: str
    suffixes: tuple[str, ...]
    read: Callable[[bytes], Document] | None
    write: Callable[[Document], bytes] | None
    lossless: bool
    description: str = ""


_REGISTRY: dict[str, Format] = {}


def register_format(fmt: Format) -> None:
    """Add a format; a second format of the same name is refused."""
    if fmt.name in _REGISTRY:
        raise ValueError(f"a format named {fmt.name!r} is already registered")
    _REGISTRY[fmt.name] = fmt


def formats() -> tuple[Format, ...]:
    """Every registered format, in registration order."""
    _ensure_builtins()
    return tuple(_REGISTRY.values())


def get_format(name: str) -> Format:
    """The format called ``name``."""
    _ensure_builtins()
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(_REGISTRY) or "none"
        raise UnknownFormatError(f"unknown format {name!r} (known: {known})") from None


def format_for_path(path: str | os.PathLike[str]) -> Format:
    """The format whose suffix the file name ends with."""
    _ensure_builtins()
    name = PurePath(path).name.lower()
    for fmt in _REGISTRY.values():
        if any(name.endswith(suffix) for suffix in fmt.suffixes):
            return fmt
    known = ", ".join(s for f in _REGISTRY.values() for s in f.suffixes)
    raise UnknownFormatError(
        f"cannot tell the format of {str(path)!r} from its name (known suffixes: {known}); "
        "name the format explicitly"
    )


def _ensure_builtins() -> None:
    if "json" not in _REGISTRY:
        from .codecs import json as json_codec
        from .codecs import xml as xml_codec

        register_format(
            Format(
                name="json",
                suffixes=(".json",),
                read=json_codec.loads,
                write=json_codec.dumps,
                lossless=True,
                description="inspection-schema JSON (canonical, UTF-8)",
            )
        )
        register_format(
            Format(
                name="xml",
                suffixes=(".xml",),
                read=xml_codec.loads,
                write=xml_codec.dumps,
                lossless=True,
                description=f"inspection-schema XML exchange format ({xml_codec.NAMESPACE})",
            )
        )
