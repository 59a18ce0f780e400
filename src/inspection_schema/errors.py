"""One exception hierarchy, and the issue record every check reports with.

An :class:`Issue` says what is wrong (``code``, ``message`` in English and Chinese), how bad it
is (``severity``) and where (``path``: a JSON path such as ``$.round.groups[0].members[1].role``;
XPath for XML sources; ``line`` and ``column`` when the source text is known).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence

from attrs import frozen


class Severity(enum.StrEnum):
    """严重程度."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@frozen(kw_only=True)
class Issue:
    """问题: one finding about a document, with its place."""

    code: str
    severity: Severity
    path: str
    message: str
    message_zh: str = ""
    line: int | None = None
    column: int | None = None
    xpath: str | None = None
    """The same place in the XML form, when the issue was found in a read document."""

    def as_dict(self) -> dict[str, object]:
        """The issue as the ``--format json`` output lists it."""
        out: dict[str, object] = {
            "code": self.code,
            "severity": self.severity.value,
            "path": self.path,
            "message": self.message,
        }
        if self.xpath is not None and self.xpath != self.path:
            out["xpath"] = self.xpath
        if self.message_zh:
            out["message_zh"] = self.message_zh
        if self.line is not None:
            out["line"] = self.line
        if self.column is not None:
            out["column"] = self.column
        return out

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f" (line {self.line}" + (
                f", column {self.column})" if self.column is not None else ")"
            )
        text = f"{where}: {self.code} {self.message}"
        return f"{text} / {self.message_zh}" if self.message_zh else text


class InspectionSchemaError(Exception):
    """Base of every error the library raises on purpose."""


class IssuesError(InspectionSchemaError):
    """An error that carries the issues that caused it."""

    def __init__(self, summary: str, issues: Iterable[Issue]) -> None:
        self.issues: tuple[Issue, ...] = tuple(issues)
        self.summary = summary
        super().__init__(self._render())

    def _render(self) -> str:
        shown: Sequence[Issue] = self.issues[:20]
        lines = [self.summary, *(f"  {issue}" for issue in shown)]
        if len(self.issues) > len(shown):
            lines.append(f"  ... and {len(self.issues) - len(shown)} more")
        return "\n".join(lines)


class UnreadableInputError(IssuesError):
    """The input cannot be read as a document at all (not JSON, bad encoding, too large)."""


class SchemaViolationError(IssuesError):
    """The input was read but does not describe a valid document of the schema."""


class UnsupportedVersionError(SchemaViolationError):
    """The document is of a schema version this library does not read."""


class UnknownFormatError(InspectionSchemaError):
    """No format is registered for a file name or format name."""


class OutputError(InspectionSchemaError):
    """An output file could not be written (nothing was left half written)."""


class PluginError(InspectionSchemaError):
    """A plugin failed to import, or registered something wrong; the message names it."""

    def __init__(self, message: str, *, plugin: str | None = None) -> None:
        self.plugin = plugin
        super().__init__(message)
