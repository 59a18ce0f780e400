"""Issues placed at cells: ``台账!I7`` with ``line`` the row and ``column`` the column."""

from __future__ import annotations

import re
from typing import Final, NoReturn

from openpyxl.utils.cell import get_column_letter

from inspection_schema.errors import Issue, SchemaViolationError, Severity, UnreadableInputError

from .headings import CellProblem

_PLAIN_SHEET: Final = re.compile(r"[\w\u3400-\u9fff\U00020000-\U0002ffff]+")


def sheet_ref(sheet: str) -> str:
    """A sheet name as an Excel reference writes it, quoted unless plain."""
    if _PLAIN_SHEET.fullmatch(sheet):
        return sheet
    return "'" + sheet.replace("'", "''") + "'"


def cell_path(sheet: str, row: int, column: int) -> str:
    """``台账!I7``."""
    return f"{sheet_ref(sheet)}!{get_column_letter(column)}{row}"


def unreadable(code: str, message: str, message_zh: str) -> NoReturn:
    """Raise :class:`UnreadableInputError`: the bytes are no workbook this reader will open."""
    issue = Issue(
        code=code, severity=Severity.ERROR, path="$", message=message, message_zh=message_zh
    )
    raise UnreadableInputError("the workbook cannot be read", [issue])


class CellIssues:
    """Every problem found in a workbook, collected so that all are reported at once.

    A cell whose content itself cannot be read (:meth:`unreadable_cell`) is reported once:
    what is later found wrong with what it stands for is not added.
    """

    def __init__(self) -> None:
        self.issues: list[Issue] = []
        self.unread: set[str] = set()

    def _append(
        self, sheet: str, row: int, column: int, code: str, message: str, message_zh: str
    ) -> None:
        self.issues.append(
            Issue(
                code=code,
                severity=Severity.ERROR,
                path=cell_path(sheet, row, column),
                message=message,
                message_zh=message_zh,
                line=row,
                column=column,
            )
        )

    def add(
        self, sheet: str, row: int, column: int, code: str, message: str, message_zh: str
    ) -> None:
        if cell_path(sheet, row, column) not in self.unread:
            self._append(sheet, row, column, code, message, message_zh)

    def problem(self, sheet: str, row: int, column: int, problem: CellProblem) -> None:
        self.add(sheet, row, column, problem.code, problem.message, problem.message_zh)

    def unreadable_cell(self, sheet: str, row: int, column: int, problem: CellProblem) -> None:
        """A cell whose content cannot be read at all (a formula never calculated)."""
        where = cell_path(sheet, row, column)
        if where not in self.unread:
            self._append(sheet, row, column, problem.code, problem.message, problem.message_zh)
            self.unread.add(where)

    def sheet(self, sheet: str, code: str, message: str, message_zh: str) -> None:
        """A problem of a whole sheet, placed at its first cell."""
        self._append(sheet, 1, 1, code, message, message_zh)

    def raise_if_any(self) -> None:
        if self.issues:
            count = len(self.issues)
            raise SchemaViolationError(
                f"the workbook has {count} problem{'s' if count > 1 else ''}", self.issues
            )
