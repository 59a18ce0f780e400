"""The format registry: which reader and writer serve a file name or a format name.

Formats come from the plugin host's ``register_formats`` hook; the built-in JSON and XML formats
register there the same way an outside format does (:mod:`inspection_schema.builtin.formats`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import PurePath
from typing import Any

from attrs import field, frozen

from .errors import InspectionSchemaError, UnknownFormatError
from .model import Document


@frozen(kw_only=True)
class Format:
    """A document format: its name, file suffixes, reader and writer, and whether it loses data.

    A format may take options (an xlsx ledger's form, the date a report is judged as of):
    ``read_options`` and ``write_options`` name them, each with a one-line help, and ``read``
    or ``write`` then receives the ones given as keyword arguments (strings, as a command line
    gives them). A format without options is called with the bytes or the document alone.
    """

    name: str
    suffixes: tuple[str, ...]
    read: Callable[..., Document] | None
    write: Callable[..., bytes] | None
    lossless: bool
    description: str = ""
    read_options: Mapping[str, str] = field(factory=dict)
    write_options: Mapping[str, str] = field(factory=dict)


class UnknownOptionError(InspectionSchemaError):
    """A format was given an option it does not take."""


def _check_options(
    fmt: Format, given: Mapping[str, str], declared: Mapping[str, str], way: str
) -> None:
    unknown = sorted(set(given) - set(declared))
    if unknown:
        known = ", ".join(sorted(declared)) or "none"
        raise UnknownOptionError(
            f"the {fmt.name} format takes no {way} option {', '.join(unknown)} "
            f"(its {way} options: {known}) / {fmt.name} 格式不支持选项 {'、'.join(unknown)}"
        )


def read_with(fmt: Format, data: bytes, options: Mapping[str, str] | None = None) -> Document:
    """``fmt.read(data)``, with the options it declares (any other is refused)."""
    if fmt.read is None:
        raise UnknownFormatError(f"the {fmt.name} format cannot be read / 该格式不能读取")
    given = dict(options or {})
    _check_options(fmt, given, fmt.read_options, "read")
    return fmt.read(data, **given)


def write_with(fmt: Format, document: Document, options: Mapping[str, str] | None = None) -> bytes:
    """``fmt.write(document)``, with the options it declares (any other is refused)."""
    if fmt.write is None:
        raise UnknownFormatError(f"the {fmt.name} format cannot be written / 该格式不能写出")
    given: dict[str, Any] = dict(options or {})
    _check_options(fmt, given, fmt.write_options, "write")
    return fmt.write(document, **given)


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
