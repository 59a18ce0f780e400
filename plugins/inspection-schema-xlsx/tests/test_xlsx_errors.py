"""Cells that cannot be read are reported with sheet, row and column; bad files are refused."""

from __future__ import annotations

import contextlib
import datetime
import io
import zipfile

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from inspection_schema_xlsx import Limits, ReadOptions, read_xlsx, write_xlsx
from inspection_schema_xlsx.headings import HEADING_SYNONYMS

from inspection_schema.errors import SchemaViolationError, UnreadableInputError
from inspection_schema.integrity import check_integrity


def _ledger(rows: list[list[object]], *, sheet_title: str = "台账") -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = sheet_title
    sheet.append(["某局巡察整改台账"])
    sheet.append(["填报单位：某局办公室　　填报日期：2024年1月5日"])
    sheet.append(["序号", "具体问题", "责任领导", "责任部门", "整改时限", "整改状态", "销号情况"])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_bad_cell_is_placed_by_sheet_row_and_column() -> None:
    data = _ledger([[1, "制度不健全", "张三", "办公室", "九月底前", "已完成", None]])
    with pytest.raises(SchemaViolationError) as caught:
        read_xlsx(data)
    (issue,) = caught.value.issues
    assert issue.path == "台账!E4"
    assert (issue.line, issue.column) == (4, 5)
    assert issue.code == "XL203"
    assert "九月底前" in issue.message_zh


def test_every_bad_cell_is_reported_at_once() -> None:
    data = _ledger(
        [
            [1, "制度不健全", "张三", "办公室", "2023年13月1日", "已完成", None],
            ["一", "台账不规范", "张三", "办公室", "2023年9月30日", "差不多了", "待定"],
            [3, None, None, None, None, "整改中", None],
        ],
        sheet_title="整改 台账",
    )
    with pytest.raises(SchemaViolationError) as caught:
        read_xlsx(data)
    found = {(i.path, i.code) for i in caught.value.issues}
    assert found == {
        ("'整改 台账'!E4", "XL201"),  # no 13th month
        ("'整改 台账'!A5", "XL207"),  # 序号 not a number
        ("'整改 台账'!F5", "XL204"),  # not a status word
        ("'整改 台账'!G5", "XL205"),  # not a sign-off word
        ("'整改 台账'!B6", "XL210"),  # a row without its problem
    }
    assert all(i.line is not None and i.column is not None for i in caught.value.issues)
    assert "'整改 台账'!E4 (line 4, column 5)" in str(caught.value)


def test_no_heading_row() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["这不是台账", "只是一张表"])
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(SchemaViolationError) as caught:
        read_xlsx(out.getvalue())
    assert caught.value.issues[0].code == "XL103"
    assert caught.value.issues[0].path == "Sheet!A1"


def test_a_status_with_nobody_to_record_it() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["填报单位：某局"])
    sheet.append(["序号", "具体问题", "整改措施", "整改状态"])
    sheet.append([1, "制度不健全", "修订制度", "已完成"])
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(SchemaViolationError) as caught:
        read_xlsx(out.getvalue())
    (issue,) = caught.value.issues
    assert (issue.path, issue.code) == ("Sheet!D3", "XL222")
    document = read_xlsx(out.getvalue(), ReadOptions(recorder="王某"))
    (event,) = document.rectifications[0].entries[0].history
    assert event.by == next(p.id for p in document.people if p.name == "王某")


# -- files that are not workbooks, or hostile ones ---------------------------------------------


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "zip"),
        (b"just some text", "zip"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, ".xls"),
        (b"PK\x03\x04 truncated", "damaged"),
    ],
)
def test_not_a_workbook(data: bytes, words: str) -> None:
    with pytest.raises(UnreadableInputError) as caught:
        read_xlsx(data)
    assert words in caught.value.issues[0].message


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def test_a_zip_that_is_no_workbook() -> None:
    with pytest.raises(UnreadableInputError) as caught:
        read_xlsx(_zip({"hello.txt": b"hi"}))
    assert "parts" in caught.value.issues[0].message


def test_a_zip_bomb_is_refused_before_it_is_inflated() -> None:
    bomb = _zip(
        {
            "[Content_Types].xml": b"<Types/>",
            "xl/workbook.xml": b"<workbook/>",
            "xl/worksheets/sheet1.xml": b"<x>" + b" " * (8 * 1024 * 1024) + b"</x>",
        }
    )
    assert len(bomb) < 64 * 1024
    with pytest.raises(UnreadableInputError) as caught:
        read_xlsx(bomb, ReadOptions(limits=Limits(max_uncompressed=1024 * 1024)))
    assert caught.value.issues[0].code == "XL002"
    assert "expand" in caught.value.issues[0].message


def test_entity_declarations_are_refused() -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><workbook>&lol2;</workbook>'
    )
    data = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": laughs})
    with pytest.raises(UnreadableInputError) as caught:
        read_xlsx(data)
    assert caught.value.issues[0].code == "XL003"


def test_limits_on_rows_cells_and_size() -> None:
    data = _ledger(
        [[n, f"问题{n}", "张三", "办公室", "2023年9月30日", None, None] for n in range(50)]
    )
    with pytest.raises(UnreadableInputError, match="rows"):
        read_xlsx(data, ReadOptions(limits=Limits(max_rows=20)))
    with pytest.raises(UnreadableInputError, match="cells"):
        read_xlsx(data, ReadOptions(limits=Limits(max_cells=100)))
    with pytest.raises(UnreadableInputError, match="bytes"):
        read_xlsx(data, ReadOptions(limits=Limits(max_bytes=1000)))
    with pytest.raises(UnreadableInputError, match="parts"):
        read_xlsx(data, ReadOptions(limits=Limits(max_members=3)))
    assert len(read_xlsx(data).rectifications[0].entries) == 50


def test_a_damaged_workbook_part_is_unreadable_not_a_traceback() -> None:
    book = openpyxl.Workbook()
    out = io.BytesIO()
    book.save(out)
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    members["xl/workbook.xml"] = b"<workbook><sheets><sheet"  # cut off
    with pytest.raises(UnreadableInputError) as caught:
        read_xlsx(_zip(members))
    assert caught.value.issues[0].code == "XL001"


def test_a_damaged_hidden_sheet_is_reported() -> None:
    from pathlib import Path

    from inspection_schema_xlsx import write_xlsx
    from inspection_schema_xlsx.hidden import SHEET

    import inspection_schema as ins

    example = Path(__file__).resolve().parents[3] / "examples" / "ledger-only.json"
    book = openpyxl.load_workbook(io.BytesIO(write_xlsx(ins.load(example))))
    hidden = book[SHEET]
    assert hidden["A3"].value == "document"
    hidden["B3"] = '{"broken": '
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(SchemaViolationError) as caught:
        read_xlsx(out.getvalue())
    (issue,) = caught.value.issues
    assert (issue.path, issue.code) == ("'inspection-schema'!A3", "XL301")
    assert "删除该工作表" in issue.message_zh
    del book[SHEET]  # without it, the workbook reads as an office's own ledger
    out = io.BytesIO()
    book.save(out)
    assert len(read_xlsx(out.getvalue()).rectifications[0].entries) == 3


def test_a_merged_range_over_the_whole_sheet_is_refused_before_openpyxl() -> None:
    # openpyxl makes an object for every cell a merged range covers: 17 billion here
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["序号", "具体问题", "整改措施", "整改时限"])
    out = io.BytesIO()
    book.save(out)
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    part = "xl/worksheets/sheet1.xml"
    members[part] = members[part].replace(
        b"</sheetData>",
        b'</sheetData><mergeCells count="1"><mergeCell ref="E1:XFD1048576"/></mergeCells>',
    )
    with pytest.raises(UnreadableInputError, match="cells"):
        read_xlsx(_zip(members))


def test_a_hidden_sheet_edited_by_hand_that_no_longer_fits() -> None:
    import json
    from pathlib import Path

    from inspection_schema_xlsx import write_xlsx
    from inspection_schema_xlsx.hidden import SHEET

    import inspection_schema as ins

    example = Path(__file__).resolve().parents[3] / "examples" / "ledger-only.json"
    book = openpyxl.load_workbook(io.BytesIO(write_xlsx(ins.load(example))))
    hidden = book[SHEET]
    # what no cell shows cannot be put right by the cells: the request a decision answers
    for row in range(2, hidden.max_row + 1):
        record = json.loads(str(hidden.cell(row, 2).value))
        event = record.get("event") if isinstance(record, dict) else None
        if isinstance(event, dict) and event.get("kind") == "extension_decision":
            event["request"] = "no-such-request"
            hidden.cell(row, 2).value = json.dumps(record, ensure_ascii=False)
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(SchemaViolationError) as caught:
        read_xlsx(out.getvalue())
    assert "hidden sheet" in caught.value.summary
    assert {i.code for i in caught.value.issues} == {"S202"}


# -- whatever the cells hold, a library error or a coherent ledger --------------------------------

_WORDS = [
    "已完成",
    "整改中",
    "未完成",
    "基本完成",
    "申请延期至2024年3月31日",
    "已销号",
    "未销号",
    "长期坚持",
    "2023年9月30日",
    "2023.9.30",
    "立行立改",
    "张三",
    "李四、王五",
    "办公室",
    "1.措施一\n2.措施二",
    "是",
    "/",
    "2023年11月1日:推进\n2023年12月1日:完成",
    "已销号(2023年10月8日)",
    "注:",
    "一、某方面",
]
_CELLS = st.one_of(
    st.sampled_from(_WORDS),
    st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=8),
    st.integers(min_value=-5, max_value=30_000_000),
    st.floats(allow_nan=True, allow_infinity=False),
    st.dates(min_value=datetime.date(1900, 3, 1), max_value=datetime.date(2999, 12, 31)),
    st.booleans(),
    st.none(),
)
_HEADINGS = [h for headings in HEADING_SYNONYMS.values() for h in headings] + ["督办意见"]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)
@given(
    st.lists(st.sampled_from(_HEADINGS), min_size=1, max_size=10, unique=True),
    st.lists(st.lists(_CELLS, min_size=11, max_size=11), max_size=5),
)
def test_any_cells_read_or_are_reported(headings: list[str], rows: list[list[object]]) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["填报单位:某局  填报日期:2024年1月5日  填报人:甲"])
    headings = ["具体问题", *(h for h in headings if h != "具体问题")]
    sheet.append(headings)
    for row in rows:
        sheet.append(row[: len(headings)])
    out = io.BytesIO()
    book.save(out)
    try:
        document = read_xlsx(out.getvalue())
    except SchemaViolationError as exc:
        problems = exc.issues
        document = None
    if document is None:
        assert problems
        assert all(i.line is not None and i.column is not None for i in problems)
        return
    assert check_integrity(document) == []
    assert read_xlsx(write_xlsx(document)) == document  # and the office's wording is kept


def test_damaged_bytes_give_library_errors_only() -> None:
    import random
    from pathlib import Path

    from inspection_schema_xlsx import write_xlsx

    import inspection_schema as ins
    from inspection_schema.errors import InspectionSchemaError

    example = Path(__file__).resolve().parents[3] / "examples" / "ledger-only.json"
    data = write_xlsx(ins.load(example))
    chance = random.Random(20240105)
    for _ in range(60):
        damaged = bytearray(data)
        for _ in range(chance.randint(1, 8)):
            damaged[chance.randrange(len(damaged))] = chance.randrange(256)
        with contextlib.suppress(InspectionSchemaError):
            read_xlsx(bytes(damaged))
