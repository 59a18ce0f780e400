"""The library's front door: read, write and check documents in any registered format."""

from __future__ import annotations

import datetime
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

import attrs

from .errors import Issue, SchemaViolationError, Severity, UnreadableInputError
from .files import write_atomic
from .formats import Format, format_for_path, get_format, read_with, write_with
from .integrity import check_integrity
from .model import Document


def _reader(fmt: Format) -> Format:
    if fmt.read is None:
        raise SchemaViolationError(
            f"the {fmt.name} format cannot be read",
            [
                Issue(
                    code="S003",
                    severity=Severity.ERROR,
                    path="$",
                    message=f"the {fmt.name} format is write-only",
                    message_zh=f"{fmt.name} 格式只能写出,不能读取",
                )
            ],
        )
    return fmt


def loads(
    data: bytes | str,
    *,
    format: str = "json",
    check: bool = True,
    options: Mapping[str, str] | None = None,
) -> Document:
    """Read a document from bytes; with ``check``, integrity problems raise too.

    ``options`` go to the format's reader (those its ``read_options`` name; others are refused).

    Raises :class:`~inspection_schema.errors.UnreadableInputError` or
    :class:`~inspection_schema.errors.SchemaViolationError`; never returns half a document.
    """
    fmt = _reader(get_format(format))
    assert fmt.read is not None
    if isinstance(data, str):
        # a lone surrogate goes through as the bytes it would be, so that the format's reader
        # refuses it as invalid UTF-8, with its place, instead of Python refusing to encode it
        data = data.encode("utf-8", "surrogatepass")
    document = read_with(fmt, data, options)
    if check:
        issues = [i for i in check_integrity(document) if i.severity is Severity.ERROR]
        if issues:
            raise SchemaViolationError("the document is not coherent", issues)
    return document


def load(
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    check: bool = True,
    options: Mapping[str, str] | None = None,
) -> Document:
    """Read a document file; the format comes from the file name unless given."""
    fmt = get_format(format) if format is not None else format_for_path(path)
    return loads(read_file(path), format=fmt.name, check=check, options=options)


def read_file(path: str | os.PathLike[str]) -> bytes:
    """The bytes of an input file, or an :class:`UnreadableInputError` saying why not."""
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise UnreadableInputError(
            f"cannot read {path}",
            [
                Issue(
                    code="S000",
                    severity=Severity.ERROR,
                    path="$",
                    message=f"cannot read {path}: {exc.strerror or exc}",
                    message_zh=f"无法读取 {path}:{exc.strerror or exc}",
                )
            ],
        ) from None


def dumps(
    document: Document, *, format: str = "json", options: Mapping[str, str] | None = None
) -> bytes:
    """The document's bytes in ``format`` (canonical for the built-in formats).

    ``options`` go to the format's writer (those its ``write_options`` name; others are refused).
    """
    return write_with(get_format(format), document, options)


def dump(
    document: Document,
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    options: Mapping[str, str] | None = None,
) -> Path:
    """Write a document file atomically; the format comes from the file name unless given."""
    fmt = get_format(format) if format is not None else format_for_path(path)
    return write_atomic(path, dumps(document, format=fmt.name, options=options))


def validate_bytes(
    data: bytes,
    *,
    format: str = "json",
    convention: str | None = None,
    as_of: datetime.date | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    strict: bool = True,
) -> list[Issue]:
    """Check raw input in phases: for XML the published XML Schema first, then the model.

    Returns every issue found; raises :class:`~inspection_schema.errors.UnreadableInputError`
    only for input that cannot be read at all.
    """
    fmt = _reader(get_format(format))
    if fmt.name == "xml":
        from .codecs.xml.validation import xsd_issues

        issues = xsd_issues(data)
        if issues:
            return issues
    try:
        document = loads(data, format=fmt.name, check=False)
    except SchemaViolationError as exc:
        return list(exc.issues)
    issues = validate(
        document,
        convention=convention,
        as_of=as_of,
        select=select,
        ignore=ignore,
        strict=strict,
    )
    if fmt.name == "xml":
        # An XML reader names places by XPath, as every other XML error does.
        issues = [attrs.evolve(i, path=i.xpath or i.path) for i in issues]
    return issues


def validate(
    document: Document,
    *,
    convention: str | None = None,
    as_of: datetime.date | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    strict: bool = True,
) -> list[Issue]:
    """Every issue found in a document that was read: integrity, then the rules.

    The rules are those registered by the plugins (the core's among them) and those of the
    convention in force: ``convention`` by name, else the one the document's region code
    chooses, else the national baseline. ``select``/``ignore`` take rule codes or prefixes;
    ``strict=False`` makes wrong check characters in identifiers warnings. Each issue names
    its place as a JSON path (``path``) and as an XPath (``xpath``).
    """
    from .codecs.xml.paths import xpath_for
    from .conventions import choose_convention
    from .plugins.manager import host
    from .rules import RuleContext, run_rules, selected

    issues = [i for i in check_integrity(document) if selected(i.code, select, ignore)]
    plugins = host()
    chosen = choose_convention(plugins.conventions(), document, convention)
    context = RuleContext(convention=chosen, as_of=as_of, strict=strict)
    rules = (*plugins.rules(), *chosen.rules)
    ignored = (*ignore, *chosen.ignore)
    issues.extend(run_rules(document, rules, context, select=select, ignore=ignored))
    return [attrs.evolve(i, xpath=xpath_for(document, i.path)) for i in issues]
