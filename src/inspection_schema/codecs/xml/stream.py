"""Streaming: read the ledger entries of a document of any size in bounded memory.

For aggregation (a city's inspection office merging hundreds of ledgers). The file is parsed
with ``iterparse`` under the same hardened options and prolog check as the whole-document
reader; each ``ledger-entry`` is bound by the same decoder as in the whole-document path, handed
over, then cleared and dropped with its finished siblings, so memory does not grow with the
ledger. Writing a large ledger incrementally is :func:`.writer.dump_to`.

What streaming cannot check: references between an entry and the rest of the document
(problems, people) are resolved only by reading the whole document.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from typing import IO, Final

import attrs
from lxml import etree

from ...errors import Issue, SchemaViolationError
from ...model import LedgerEntry, Rectification
from .binding import clark, class_tag
from .reader import (
    _PARSER_OPTIONS,
    DEFAULT_LIMITS,
    XINCLUDE_NAMESPACE,
    ReadLimits,
    _Context,
    _unreadable,
    _white,
    check_root,
    decoder,
    precheck,
    raise_xinclude,
)

_PROLOG_BYTES: Final = 1 << 16
_ENTRY: Final = clark(class_tag(LedgerEntry))
_RECTIFICATION: Final = clark(class_tag(Rectification))
_ENTRIES: Final = clark("entries")
_XINCLUDE: Final = f"{{{XINCLUDE_NAMESPACE}}}"


@attrs.frozen(kw_only=True)
class StreamedEntry:
    """One ledger entry read from a stream, with the id of the rectification it belongs to."""

    rectification: str
    entry: LedgerEntry


def iter_ledger_entries(
    source: str | os.PathLike[str] | IO[bytes], *, limits: ReadLimits = DEFAULT_LIMITS
) -> Iterator[StreamedEntry]:
    """Every ledger entry of an XML document, in document order, each checked as it is read.

    A problem stops the iteration with the library's own error (entries before it have been
    handed over already: a consumer that needs all or nothing should collect them first).
    """
    stream: IO[bytes]
    if isinstance(source, str | os.PathLike):
        try:
            stream = open(source, "rb")  # noqa: SIM115 - closed in the finally below
        except OSError as exc:
            raise _unreadable(
                f"cannot read {source}: {exc.strerror or exc}", f"无法读取 {source}"
            ) from None
        owned = True
    else:
        stream, owned = source, False
    try:
        yield from _entries(stream, limits)
    finally:
        if owned:
            stream.close()


def _entries(stream: IO[bytes], limits: ReadLimits) -> Iterator[StreamedEntry]:
    head = stream.read(_PROLOG_BYTES)
    precheck(head, attrs.evolve(limits, max_bytes=max(limits.max_bytes, len(head))))
    total = len(head)
    chunks = _Rejoin(head, stream)
    events = etree.iterparse(chunks, events=("start", "end"), **_PARSER_OPTIONS)
    context = _Context(limits)
    depth = 0
    rectification = ""
    decode = decoder(LedgerEntry)
    dropped = 0
    entry_depth: int | None = None
    try:
        for event, element in events:
            if event == "start":
                depth += 1
                if depth == 1:
                    if element.getroottree().docinfo.doctype:
                        raise _unreadable("a DOCTYPE is refused", "拒绝 DOCTYPE")
                    if check_root(element) is not element:
                        raise _unreadable(
                            "streaming reads the current format version only; convert the "
                            "document first",
                            "流式读取仅支持当前格式版本,请先转换文档",
                        )
                elif depth > limits.max_depth:
                    raise _unreadable("elements nest too deep", "元素嵌套过深", element.sourceline)
                if isinstance(element.tag, str) and element.tag.startswith(_XINCLUDE):
                    raise_xinclude(element)
                _check_ledger_list(event, element, context, dropped)
                if element.tag == _RECTIFICATION:
                    rectification = element.get("id", "")
                    dropped = 0
                elif element.tag == _ENTRY and entry_depth is None:
                    entry_depth = depth
                continue
            depth -= 1
            _check_ledger_list(event, element, context, dropped)
            if element.tag != _ENTRY or depth + 1 != entry_depth:
                if entry_depth is None and depth >= 1:
                    _drop(element)  # finished, outside any entry: not needed again
                continue
            entry_depth = None
            entry = decode(element, context, depth + 1)
            if context.issues or not isinstance(entry, LedgerEntry):
                raise SchemaViolationError(
                    "the XML is not a valid document", _restore_positions(context.issues, dropped)
                )
            yield StreamedEntry(rectification=rectification, entry=entry)
            element.clear(keep_tail=True)
            parent = element.getparent()
            while element.getprevious() is not None and parent is not None:
                del parent[0]
                dropped += 1
            total = chunks.total
            if total > limits.max_bytes:
                raise _unreadable(
                    f"input is over the limit of {limits.max_bytes} bytes",
                    f"输入超过上限 {limits.max_bytes} 字节",
                )
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (None, None)
        raise _unreadable(
            f"not well-formed XML: {exc.msg}", f"不是格式正确的 XML:{exc.msg}", line, column
        ) from None


def _check_ledger_list(
    event: str, element: etree._Element, context: _Context, dropped: int
) -> None:
    """The list of a rectification's entries holds ledger entries and XML white space only, as
    the whole-document reader requires, checked in the reader's order: the list's attributes
    and leading text as its first child starts, each child as it starts (the text before it,
    then its name), an empty list and the text after the last child as the list ends."""
    problem: tuple[etree._Element, str, str, str] | None = None
    if event == "start":
        parent = element.getparent()
        if parent is None or parent.tag != _ENTRIES or not _owned_by_rectification(parent):
            return
        previous = element.getprevious()
        if previous is None:
            problem = _list_problem(parent)
        elif not _white(previous.tail):
            problem = (parent, *_STRAY_TEXT)
        if problem is None and element.tag != _ENTRY:
            problem = (element, "S102", "unknown element in this list", "列表中出现了未知元素")
    elif element.tag == _ENTRIES and _owned_by_rectification(element):
        if not len(element):
            problem = _list_problem(element) or (
                element,
                "S111",
                "an empty list is written by leaving its element out",
                "空列表应省略该元素,而非写出空元素",
            )
        elif not _white(element[-1].tail):
            problem = (element, *_STRAY_TEXT)
    if problem is not None:
        context.report(problem[0], None, *problem[1:])
        raise SchemaViolationError(
            "the XML is not a valid document", _restore_positions(context.issues, dropped)
        )


def _list_problem(element: etree._Element) -> tuple[etree._Element, str, str, str] | None:
    """What the reader says first of a list element's own attributes and text."""
    if element.attrib:
        return (element, "S102", "a list element takes no attributes", "列表元素不应有属性")
    if not _white(element.text):
        return (element, "S108", "unexpected text in a list element", "列表元素中出现了多余文本")
    return None


_STRAY_TEXT: Final = ("S108", "unexpected text between elements", "元素之间出现了多余文本")


def _owned_by_rectification(element: etree._Element) -> bool:
    parent = element.getparent()
    return parent is not None and parent.tag == _RECTIFICATION


def _drop(element: etree._Element) -> None:
    """Free a finished element and its finished siblings (rectifications stay, as empty shells,
    so that the positions in the paths of later entries remain right)."""
    element.clear(keep_tail=True)
    parent = element.getparent()
    if parent is None:
        return
    while True:
        previous = element.getprevious()
        if previous is None or previous.tag == _RECTIFICATION:
            return
        parent.remove(previous)


_ENTRY_STEP: Final = re.compile(r"/ledger-entry(?:\[(\d+)\])?(?=/|$)")


def _restore_positions(issues: list[Issue], dropped: int) -> list[Issue]:
    """Put back the positions of entries already handed over and dropped from the tree."""
    if not dropped:
        return issues

    def step(match: re.Match[str]) -> str:
        return f"/ledger-entry[{int(match.group(1) or 1) + dropped}]"

    return [
        attrs.evolve(issue, path=_ENTRY_STEP.sub(step, issue.path, count=1)) for issue in issues
    ]


class _Rejoin:
    """A file-like object that gives back the already-read head, then the rest of the stream."""

    def __init__(self, head: bytes, stream: IO[bytes]) -> None:
        self.head = head
        self.stream = stream
        self.total = len(head)

    def read(self, size: int = -1) -> bytes:
        if self.head:
            piece, self.head = self.head, b""
            return piece
        data = self.stream.read(size if size > 0 else 1 << 16)
        self.total += len(data)
        return data
