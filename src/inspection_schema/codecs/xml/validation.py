"""Phase one of checking an XML document: the published XML Schema, before the model.

Offices check a document on arrival against the XSD they were given; this reports what the XSD
says, with XPath and line, in the library's own issue form.
"""

from __future__ import annotations

import re
from typing import Any, Final

from lxml import etree

from ...errors import Issue, Severity
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
    tree: Any, lxml_path: str | None, message: str, positions: dict[Any, int]
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
        found = tree.xpath(lxml_path) if lxml_path else []
    except etree.XPathError:
        found = []
    if found and isinstance(found[0], etree._Element):
        path = xpath_of(found[0], positions)
    else:
        path = _LXML_PREFIX.sub("/", _CLARK.sub("", lxml_path or "/"))
    attribute = _ATTRIBUTE.search(message)
    return f"{path}/@{attribute.group(1)}" if attribute else path


def xsd_issues(data: bytes, *, limits: ReadLimits = DEFAULT_LIMITS) -> list[Issue]:
    """What the format's XML Schema finds wrong with ``data`` (empty when it validates).

    Unreadable or hostile input raises, exactly as in reading.
    """
    from ...schemas.xsd import xsd_schema

    root = check_root(parse(data, limits))
    schema = xsd_schema()
    if schema.validate(root):
        return []
    issues: list[Issue] = []
    tree = root.getroottree()
    positions: dict[Any, int] = {}
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
        path = _readable_path(tree, entry.path, entry.message, positions)
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
    return issues
