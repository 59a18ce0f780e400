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
    rectification_depth: int | None = None  # of the rectification being read
    list_depth: int | None = None  # of its list of entries, while that is read
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
                tag = element.tag
                if isinstance(tag, str) and tag.startswith(_XINCLUDE):
                    raise_xinclude(element)
                if list_depth is not None and depth == list_depth + 1:
                    _check_list_item(element, context, dropped)
                if tag == _RECTIFICATION:
                    rectification = element.get("id", "")
                    rectification_depth = depth
                    dropped = 0
                elif tag == _ENTRIES and rectification_depth == depth - 1:
                    list_depth = depth
                elif tag == _ENTRY and entry_depth is None:
                    entry_depth = depth
                continue
            depth -= 1
            if depth + 1 == list_depth:
                _check_list_end(element, context, dropped)
                list_depth = None
            elif depth + 1 == rectification_depth:
                rectification_depth = None
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


_Problem = tuple[etree._Element, str, str, str]
"""Where, the code, the message and the Chinese message."""


def _check_list_item(element: etree._Element, context: _Context, dropped: int) -> None:
    """A child of a rectification's list of entries, as it starts: the list holds ledger entries
    and XML white space only, checked in the whole-document reader's order (the list's own
    attributes and leading text at its first child, then the text before each child, then the
    child's name)."""
    parent = element.getparent()
    assert parent is not None  # the list
    previous = element.getprevious()
    if previous is None:
        problem = _list_problem(parent)
    elif not _white(previous.tail):
        problem = (parent, *_STRAY_TEXT)
    else:
        problem = None
    if problem is None and element.tag != _ENTRY:
        problem = (element, "S102", "unknown element in this list", "列表中出现了未知元素")
    _stop_at(problem, context, dropped)


def _check_list_end(element: etree._Element, context: _Context, dropped: int) -> None:
    """A rectification's list of entries, as it ends: not empty, no text after the last one."""
    if not len(element):
        problem = _list_problem(element) or (
            element,
            "S111",
            "an empty list is written by leaving its element out",
            "空列表应省略该元素,而非写出空元素",
        )
    elif not _white(element[-1].tail):
        problem = (element, *_STRAY_TEXT)
    else:
        problem = None
    _stop_at(problem, context, dropped)


def _stop_at(problem: _Problem | None, context: _Context, dropped: int) -> None:
    if problem is not None:
        context.report(problem[0], None, *problem[1:])
        raise SchemaViolationError(
            "the XML is not a valid document", _restore_positions(context.issues, dropped)
        )


def _list_problem(element: etree._Element) -> _Problem | None:
    """What the reader says first of a list element's own attributes and text."""
    if element.attrib:
        return (element, "S102", "a list element takes no attributes", "列表元素不应有属性")
    if not _white(element.text):
        return (element, "S108", "unexpected text in a list element", "列表元素中出现了多余文本")
    return None


_STRAY_TEXT: Final = ("S108", "unexpected text between elements", "元素之间出现了多余文本")


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
