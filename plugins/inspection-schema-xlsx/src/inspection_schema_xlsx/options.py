"""What the reader may be told, and the limits it keeps to."""

from __future__ import annotations

import datetime
from typing import Final

from attrs import field, frozen

from inspection_schema.conventions import LedgerTemplate
from inspection_schema.model import Classification

MEBIBYTE: Final = 1024 * 1024


@frozen(kw_only=True)
class Limits:
    """Sizes beyond which a workbook is refused before openpyxl expands it."""

    max_bytes: int = 64 * MEBIBYTE
    """The workbook file itself."""
    max_uncompressed: int = 256 * MEBIBYTE
    """All its parts together, as their zip entries declare them (checked before reading)."""
    max_members: int = 2_000
    """Parts (zip entries)."""
    max_rows: int = 100_000
    """Rows of one worksheet."""
    max_cells: int = 1_000_000
    """Cells of all worksheets together, counted in their XML before openpyxl builds them."""


@frozen(kw_only=True)
class ReadOptions:
    """What the workbook does not say, and how to read it.

    For a workbook this library wrote, the hidden sheet says everything but the date of new
    statements; for an office's own ledger, the lines above the table usually give the unit
    (填报单位), the date (填报日期, 截至) and the person (填报人). These options override them.
    """

    issuer: str | None = None
    """Name of the organisation that keeps the ledger (制发单位); else the 填报单位 line."""
    issued_at: datetime.datetime | None = field(default=None)
    """When the ledger was made; else the 填报日期/截至 line (00:00 China time), else the
    workbook's own ``modified`` property."""
    status_date: datetime.date | None = None
    """Date of statuses, progress and sign-offs the workbook states without a date of their
    own; else the 填报日期/截至 line, else the date of ``issued_at``."""
    recorder: str | None = None
    """Name of the person who records statements without a person (a status change needs one);
    else the 填报人 line, else the row's first 责任人, else its 责任领导."""
    classification: Classification = Classification.INTERNAL
    """知悉范围 of an office's ledger (a workbook this library wrote keeps its own)."""
    document_id: str | None = None
    """Id of the document read from an office's ledger; else ``ledger-`` and a digest."""
    feedback_document: str = "未载明"
    """The document holding the feedback an office's ledger answers, named in the external
    references to its inspection and problems."""
    template: LedgerTemplate | None = None
    """A ledger form whose headings are recognised besides the usual ones."""
    sheet: str | None = None
    """The worksheet to read; else every visible sheet with a ledger heading row."""
    limits: Limits = Limits()

    def __attrs_post_init__(self) -> None:
        if self.issued_at is not None and self.issued_at.utcoffset() is None:
            raise ValueError("ReadOptions.issued_at needs a UTC offset (e.g. +08:00)")
