"""The ``xlsx`` format as the plugin registers it, with the options ``convert -O`` passes.

A region's ledger form belongs to its convention (``Convention.ledger_template``): writing a
document, the form of the convention its region code chooses is used unless ``template`` names
another convention (or ``none`` for the consensus columns); reading, ``template`` adds that
form's headings to the ones recognised. The other options are :class:`~.options.ReadOptions`
and the writer's arguments, as text.
"""

from __future__ import annotations

import datetime
from typing import Final

from inspection_schema.arguments import option_date
from inspection_schema.conventions import (
    Convention,
    LedgerTemplate,
    UnknownConventionError,
    choose_convention,
)
from inspection_schema.errors import InspectionSchemaError
from inspection_schema.formats import Format
from inspection_schema.model import Classification, Document

from .options import ReadOptions
from .reader import read_xlsx
from .writer import write_xlsx

NO_TEMPLATE: Final = "none"

WRITE_OPTIONS: Final = {
    "template": "the convention whose ledger form to use, by name; none for the consensus "
    "columns (default: the form of the convention the document's region code chooses)",
    "as_of": "the date statuses and colours are judged on, YYYY-MM-DD (default: the "
    "document's issue date)",
    "hidden_sheet": "yes or no: keep the hidden sheet that makes the workbook lossless for the "
    "ledger (default yes)",
}
READ_OPTIONS: Final = {
    "template": "the convention whose ledger form's headings to recognise too, by name",
    "status_date": "the date of statements without one, YYYY-MM-DD (default: the 填报日期 line)",
    "recorder": "who records statements without a person (default: the 填报人 line)",
    "issuer": "the organisation keeping the ledger (default: the 填报单位 line)",
    "issued_at": "when the ledger was made, YYYY-MM-DDTHH:MM+08:00",
    "document_id": "the id of the document read",
    "classification": "知悉范围 of an office's ledger, a code such as internal (default internal)",
    "feedback_document": "the document holding the feedback the ledger answers",
    "sheet": "the worksheet to read (default: every sheet with a ledger heading row)",
}


def _refused(option: str, value: str, wanted: str, wanted_zh: str) -> InspectionSchemaError:
    return InspectionSchemaError(
        f"the xlsx option {option} takes {wanted}, not {value!r} "
        f"/ xlsx 选项 {option} 应为{wanted_zh}"
    )


def _template(name: str | None, document: Document | None) -> LedgerTemplate | None:
    """The ledger form ``name`` names (a convention's), or the document's region's by default."""
    from inspection_schema.plugins.manager import host

    conventions: tuple[Convention, ...] = host().conventions()
    if name == NO_TEMPLATE or (name is None and document is None):
        return None
    if name is None:
        assert document is not None
        return choose_convention(conventions, document).ledger_template
    convention = next((c for c in conventions if c.name == name), None)
    if convention is None:
        known = ", ".join(c.name for c in conventions)
        raise UnknownConventionError(
            f"unknown convention {name!r} (known: {known}) / 未知的工作规范“{name}”"
        )
    if convention.ledger_template is None:
        raise InspectionSchemaError(
            f"the convention {name!r} has no ledger form (template) / 工作规范“{name}”没有台账模板"
        )
    return convention.ledger_template


def _write(
    document: Document,
    *,
    template: str | None = None,
    as_of: str | None = None,
    hidden_sheet: str = "yes",
) -> bytes:
    if hidden_sheet not in ("yes", "no"):
        raise _refused("hidden_sheet", hidden_sheet, "yes or no", "yes 或 no")
    return write_xlsx(
        document,
        template=_template(template, document),
        as_of=None if as_of is None else option_date("xlsx", "as_of", as_of),
        hidden_sheet=hidden_sheet == "yes",
    )


def _read(
    data: bytes,
    *,
    template: str | None = None,
    status_date: str | None = None,
    recorder: str | None = None,
    issuer: str | None = None,
    issued_at: str | None = None,
    document_id: str | None = None,
    classification: str | None = None,
    feedback_document: str | None = None,
    sheet: str | None = None,
) -> Document:
    moment: datetime.datetime | None = None
    if issued_at is not None:
        try:
            moment = datetime.datetime.fromisoformat(issued_at)
        except ValueError:
            moment = None
        if moment is None or moment.utcoffset() is None:
            raise _refused(
                "issued_at",
                issued_at,
                "a time with its offset, 2024-01-10T09:00+08:00",
                "带时区的时间",
            )
    level = Classification.INTERNAL
    if classification is not None:
        levels = {c.value: c for c in Classification}
        if classification not in levels:
            codes = ", ".join(levels)
            raise _refused("classification", classification, f"one of {codes}", codes)
        level = levels[classification]
    options = ReadOptions(
        issuer=issuer,
        issued_at=moment,
        status_date=None
        if status_date is None
        else option_date("xlsx", "status_date", status_date),
        recorder=recorder,
        classification=level,
        document_id=document_id,
        feedback_document=feedback_document or ReadOptions().feedback_document,
        template=_template(template, None) if template is not None else None,
        sheet=sheet,
    )
    return read_xlsx(data, options)


FORMAT: Final = Format(
    name="xlsx",
    suffixes=(".xlsx",),
    read=_read,
    write=_write,
    lossless=False,
    description="Excel 整改台账 (rectification ledger; carries the ledger part of a document)",
    read_options=READ_OPTIONS,
    write_options=WRITE_OPTIONS,
)
"""The ``xlsx`` format: ``inspection-schema convert ledger.xlsx ledger.json`` and back."""
