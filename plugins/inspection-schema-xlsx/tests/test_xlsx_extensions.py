"""Typed regional extensions on ledger entries become columns headed by their Chinese terms."""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import ClassVar

import attrs
import openpyxl
import pytest
from attrs import field, frozen
from hypothesis import HealthCheck, given, settings
from inspection_schema_xlsx import ReadOptions, ledger_part, read_xlsx, write_xlsx
from inspection_schema_xlsx.columns import field_columns

import inspection_schema as ins
from inspection_schema.errors import SchemaViolationError
from inspection_schema.extensions import SchemaExtension, register_extension, unregister_extension
from inspection_schema.model import Document, DocumentKind, LedgerEntry, meta
from inspection_schema.model.codes import CodeList, code_list
from inspection_schema.testing.strategies import documents

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "fulian-2023.json"
NS = "urn:example:xlsx-county"


@code_list("督办级别")
class Supervision(CodeList):
    """督办级别."""

    ORDINARY = "ordinary", "一般督办"
    KEY = "key", "重点督办"


@frozen(kw_only=True)
class Review:
    """复核: nested, so it cannot be shown in one cell."""

    TERM: ClassVar[str] = "复核"
    text: str = field(metadata=meta("内容"))


@frozen(kw_only=True)
class CountyColumns:
    """县级台账附加栏目."""

    TERM: ClassVar[str] = "县级台账附加栏目"
    supervisor: str = field(metadata=meta("督办人"))
    level: Supervision = field(metadata=meta("督办级别"))
    reviewed_on: datetime.date | None = field(default=None, metadata=meta("复核日期"))
    budget: Decimal | None = field(default=None, metadata=meta("整改经费(万元)"))
    key_item: bool = field(default=False, metadata=meta("是否重点"))
    scores: tuple[int, ...] = field(default=(), metadata=meta("历次得分"))
    remarks: str | None = field(default=None, metadata=meta("备注"))
    reviews: tuple[Review, ...] = field(default=(), metadata=meta("复核记录"))


COUNTY = SchemaExtension(
    namespace=NS,
    prefix="xlc",
    root=CountyColumns,
    targets=(LedgerEntry,),
    title="县级栏目",
)

VALUE = CountyColumns(
    supervisor="县委巡察办 王某",
    level=Supervision.KEY,
    reviewed_on=datetime.date(2023, 9, 1),
    budget=Decimal("12.50"),
    key_item=True,
    scores=(90, 95),
    remarks="第二次复核通过",
    reviews=(Review(text="佐证材料齐全"),),
)


@pytest.fixture(scope="module", autouse=True)
def county() -> Iterator[SchemaExtension]:
    register_extension(COUNTY)
    try:
        yield COUNTY
    finally:
        unregister_extension(NS)


@pytest.fixture(scope="module")
def example() -> Document:
    document = ins.load(EXAMPLE)
    rectification = document.rectifications[0]
    entries = list(rectification.entries)
    entries[1] = attrs.evolve(entries[1], extensions={NS: VALUE})
    rectification = attrs.evolve(rectification, entries=tuple(entries))
    return attrs.evolve(document, rectifications=(rectification,))


def test_the_fields_become_columns() -> None:
    columns = [c.heading for c in field_columns() if c.extension is COUNTY]
    # 复核记录 holds objects: it rides in the hidden sheet only; 备注 is a ledger heading
    assert columns == [
        "督办人",
        "督办级别",
        "复核日期",
        "整改经费(万元)",
        "是否重点",
        "历次得分",
        "县级栏目·备注",
    ]


def test_written_and_read_back(example: Document) -> None:
    data = write_xlsx(example)
    sheet = openpyxl.load_workbook(io.BytesIO(data))["台账"]
    headings = [c.value for c in sheet[3]]
    row = {h: c.value for h, c in zip(headings, sheet[5], strict=True)}
    assert row["督办人"] == "县委巡察办 王某"
    assert row["督办级别"] == "重点督办"
    assert row["复核日期"] == datetime.datetime(2023, 9, 1)
    assert row["整改经费(万元)"] == "12.50"
    assert row["是否重点"] == "是"
    assert row["历次得分"] == "90\n95"
    assert row["县级栏目·备注"] == "第二次复核通过"
    assert row["备注"] is None  # the entry's own remarks
    back = read_xlsx(data)
    assert back == ledger_part(example)
    assert back.rectifications[0].entries[1].extensions[NS] == VALUE


def test_an_edited_field_is_read_into_the_class(example: Document) -> None:
    book = openpyxl.load_workbook(io.BytesIO(write_xlsx(example)))
    sheet = book["台账"]
    headings = [c.value for c in sheet[3]]
    sheet.cell(row=5, column=headings.index("督办级别") + 1, value="一般督办")
    sheet.cell(row=5, column=headings.index("历次得分") + 1, value="90\n95\n99")
    sheet.cell(row=6, column=headings.index("督办人") + 1, value="县委巡察办 李某")
    sheet.cell(row=6, column=headings.index("督办级别") + 1, value="重点督办")
    out = io.BytesIO()
    book.save(out)
    entries = read_xlsx(out.getvalue()).rectifications[0].entries
    assert entries[1].extensions[NS] == attrs.evolve(
        VALUE, level=Supervision.ORDINARY, scores=(90, 95, 99)
    )  # the nested reviews, which no cell shows, are kept
    assert entries[2].extensions[NS] == CountyColumns(
        supervisor="县委巡察办 李某", level=Supervision.KEY
    )


def test_an_office_ledger_with_the_regions_columns() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(
        ["序号", "具体问题", "督办人", "督办级别", "复核日期", "是否重点", "整改经费(万元)"]
    )
    sheet.append([1, "制度不健全", "王某", "重点督办", "2023年9月1日", "否", 3.5])
    sheet.append([2, "台账不规范", "李某", "特级督办", "九月", "也许", None])
    out = io.BytesIO()
    book.save(out)
    options = ReadOptions(
        issuer="某县委巡察办", issued_at=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
    )
    with pytest.raises(SchemaViolationError) as caught:
        read_xlsx(out.getvalue(), options)
    assert {(i.path, i.code) for i in caught.value.issues} == {
        ("Sheet!D3", "XL208"),
        ("Sheet!E3", "XL201"),
        ("Sheet!F3", "XL206"),
    }
    sheet.delete_rows(3)
    out = io.BytesIO()
    book.save(out)
    (entry,) = read_xlsx(out.getvalue(), options).rectifications[0].entries
    assert entry.extensions[NS] == CountyColumns(
        supervisor="王某",
        level=Supervision.KEY,
        reviewed_on=datetime.date(2023, 9, 1),
        key_item=False,
        budget=Decimal("3.5"),
    )


def test_a_required_field_left_empty() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["填报单位：某局　　填报日期：2024年1月5日"])
    sheet.append(["序号", "具体问题", "整改措施", "督办级别"])
    sheet.append([1, "制度不健全", "修订制度", "重点督办"])
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(SchemaViolationError) as caught:
        read_xlsx(out.getvalue())
    (issue,) = caught.value.issues
    assert (issue.path, issue.code) == ("Sheet!D3", "XL211")
    assert "supervisor" in issue.message


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)
@given(documents(kinds=DocumentKind.RECTIFICATION_LEDGER, typed_extensions=[COUNTY]))
def test_generated_ledgers_with_the_extension_round_trip(document: Document) -> None:
    assert read_xlsx(write_xlsx(document)) == ledger_part(document)
