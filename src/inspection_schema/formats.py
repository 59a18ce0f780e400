"""The format registry: which reader and writer serve a file name or a format name.

Formats come from the plugin host's ``register_formats`` hook; the built-in JSON and XML formats
register there the same way an outside format does (:mod:`inspection_schema.builtin.formats`).
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


def formats() -> tuple[Format, ...]:
    """Every registered format: the built-in ones first, then the plugins'."""
    from .plugins.manager import host

    return tuple(host().formats())


def get_format(name: str) -> Format:
    """The format called ``name``."""
    for fmt in formats():
        if fmt.name == name:
            return fmt
    known = ", ".join(f.name for f in formats()) or "none"
    raise UnknownFormatError(f"unknown format {name!r} (known: {known})")


def format_for_path(path: str | os.PathLike[str]) -> Format:
    """The format whose suffix the file name ends with."""
    name = PurePath(path).name.lower()
    for fmt in formats():
        if any(name.endswith(suffix) for suffix in fmt.suffixes):
            return fmt
    known = ", ".join(s for f in formats() for s in f.suffixes)
    raise UnknownFormatError(
        f"cannot tell the format of {str(path)!r} from its name (known suffixes: {known}); "
        "name the format explicitly"
    )
