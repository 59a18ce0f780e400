"""Phase one of checking an XML document: the published XML Schema, before the model.

Offices check a document on arrival against the XSD they were given; this reports what the XSD
says, with XPath and line, in the library's own issue form. The schemas of the registered typed
extensions are loaded with the format's, and their values are checked strictly: the value under
a registered namespace must be that extension's element (the format's schema alone validates
the slot ``lax``, and cannot tie an element to the ``namespace`` attribute beside it).
"""

from __future__ import annotations

import re
from typing import Any, Final

from lxml import etree

from ...errors import Issue, Severity
from ...extensions import extension_for
from .binding import clark, class_tag
from .reader import DEFAULT_LIMITS, ReadLimits, check_root, parse, xpath_of

_CLARK: Final = re.compile(r"\{[a-z][a-z0-9+.-]*:[^}'\s]*\}")
"""A ``{namespace}`` prefix (a URI), not the ``{'a', 'b'}`` set of an enumeration message."""
_LXML_PREFIX: Final = re.compile(r"/[A-Za-z_][\w.-]*:")
_KEYREF: Final = re.compile(
    r"^Element '([^']*)': No match found for key-sequence \['([^']*)'\] "
    r"of keyref 'reference-([^']*)'"
)
_ATTRIBUTE: Final = re.compile(r"^Element '[^']*', attribute '([^']*)'")


def _readable_path(
    tree: Any,
    lxml_path: str | None,
    message: str,
    positions: dict[Any, int],
    namespaces: dict[str, str] | None = None,
) -> str:
    dangling = _KEYREF.search(_CLARK.sub("", message))
    if dangling is not None:  # libxml2 reports a broken keyref on the root: find the attribute
        element, value, attribute = dangling.groups()
        holders = tree.xpath(
            "//*[local-name()=$element][@*[local-name()=$attribute and .=$value]]",
            element=element,
            attribute=attribute,
            value=value,
        )
        if holders:
            return f"{xpath_of(holders[0], positions)}/@{attribute}"
    """The reader's style of XPath for libxml2's ``/*/*[8]``, with the attribute if one is named."""
    try:
        found = tree.xpath(lxml_path, namespaces=namespaces) if lxml_path else []
    except etree.XPathError:
        found = []
    if found and isinstance(found[0], etree._Element):
        path = xpath_of(found[0], positions)
    else:
        path = _LXML_PREFIX.sub("/", _CLARK.sub("", lxml_path or "/"))
    attribute = _ATTRIBUTE.search(message)
    return f"{path}/@{attribute.group(1)}" if attribute else path


def _prefixes(tree: Any) -> dict[str, str]:
    """The prefixes libxml2 may name elements by: those the document declares on its root and
    on the elements of its typed extensions."""
    found: dict[str, str] = {}
    for element in tree.iter(_EXTENSION):
        for child in element:
            found.update((k, v) for k, v in child.nsmap.items() if k)
    found.update((k, v) for k, v in tree.getroot().nsmap.items() if k)
    return found


def xsd_issues(data: bytes, *, limits: ReadLimits = DEFAULT_LIMITS) -> list[Issue]:
    """What the format's XML Schema finds wrong with ``data`` (empty when it validates).

    Unreadable or hostile input raises, exactly as in reading.
    """
    from ...schemas.xsd import combined_xsd_schema

    root = check_root(parse(data, limits))
    schema = combined_xsd_schema()
    positions: dict[Any, int] = {}
    strict = _extension_issues(root, positions)
    if schema.validate(root) and not strict:
        return []
    issues: list[Issue] = []
    tree = root.getroottree()
    namespaces = _prefixes(tree)
    for entry in schema.error_log:
        if len(issues) >= limits.max_issues:
            issues.append(
                Issue(
                    code="X006",
                    severity=Severity.ERROR,
                    path="/",
                    message=f"checking stopped after {len(issues)} problems (the limit)",
                    message_zh=f"发现 {len(issues)} 个问题后停止检查(已达上限)",
                )
            )
            break
        path = _readable_path(tree, entry.path, entry.message, positions, namespaces)
        issues.append(
            Issue(
                code="X100",
                severity=Severity.ERROR,
                path=path,
                message=f"XML Schema: {_CLARK.sub('', entry.message)}",
                message_zh=f"不符合 XML 模式:{_CLARK.sub('', entry.message)}",
                line=entry.line or None,
                column=entry.column or None,
            )
        )
    issues.extend(strict[: max(limits.max_issues - len(issues), 0)])
    return issues


_EXTENSION: Final = clark("extension")


def _extension_issues(root: Any, positions: dict[Any, int]) -> list[Issue]:
    """Each ``<extension>`` of a registered namespace holds that extension's element, and an
    element of a registered namespace is under its own ``<extension>`` only."""
    issues: list[Issue] = []
    for holder in root.iter(_EXTENSION):
        namespace = holder.get("namespace", "")
        extension = extension_for(namespace)
        values = [child for child in holder if isinstance(child.tag, str)]
        if extension is not None:
            expected = clark(class_tag(extension.root), namespace)
            if len(values) == 1 and values[0].tag == expected:
                continue
            shown = f"{extension.prefix}:{class_tag(extension.root)}"
            message = (
                f"the extension {namespace} holds one element <{shown}> in its namespace "
                "(its own XML Schema)"
            )
            message_zh = f"扩展 {namespace} 应含其命名空间中的一个 <{shown}> 元素(见其 XML 模式)"
            place = values[0] if values else holder
        else:
            others = [
                value
                for value in values
                if extension_for(value.tag[1:].partition("}")[0]) is not None
            ]
            if not others:
                continue
            place = others[0]
            message = (
                f"an element of the registered extension {place.tag[1:].partition('}')[0]} "
                f'is under <extension namespace="{namespace}">'
            )
            message_zh = f'已登记扩展的元素位于 <extension namespace="{namespace}"> 之下'
        issues.append(
            Issue(
                code="X100",
                severity=Severity.ERROR,
                path=xpath_of(place, positions),
                message=f"XML Schema: {message}",
                message_zh=f"不符合 XML 模式:{message_zh}",
                line=place.sourceline,
            )
        )
    return issues
