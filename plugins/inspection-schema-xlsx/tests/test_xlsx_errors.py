"""Cells that cannot be read are reported with sheet, row and column; bad files are refused."""

from __future__ import annotations

import contextlib
import datetime
import io
import re
import zipfile
from pathlib import Path

import attrs
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from inspection_schema_xlsx import COLUMNS_NAMESPACE, Limits, ReadOptions, read_xlsx, write_xlsx
from inspection_schema_xlsx.headings import HEADING_SYNONYMS
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from inspection_schema.api import load
from inspection_schema.errors import OutputError, SchemaViolationError, UnreadableInputError
from inspection_schema.integrity import check_integrity
from inspection_schema.model import EntryStatus, StatusChange


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


# -- cells that hold what cannot be read as what they show --------------------------------------


def _issues(data: bytes, options: ReadOptions | None = None) -> list[tuple[str, str]]:
    with pytest.raises(SchemaViolationError) as caught:
        read_xlsx(data, options)
    assert all(i.line is not None and i.column is not None for i in caught.value.issues)
    return [(i.path, i.code) for i in caught.value.issues]


def _cells_rewritten(data: bytes, cells: dict[str, str]) -> bytes:
    """The workbook with cells of its first sheet replaced by the XML given (as a program
    other than openpyxl writes them)."""
    part = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    text = members[part].decode()
    for place, xml in cells.items():
        text, count = re.subn(rf'<c r="{place}"[^>]*>.*?</c>', xml, text)
        assert count == 1, place
    members[part] = text.encode()
    return _zip(members)


@pytest.mark.parametrize(
    ("number", "shown"), [(-3, "-3"), (0, "0"), (-0.5, "-0.5"), (10**10, "10000000000")]
)
def test_a_date_cell_holding_no_date_is_refused_showing_its_number(
    number: float, shown: str
) -> None:
    # Excel shows ##### for these: openpyxl would read -3 as 1899-12-27, 0 as 00:00 and
    # 10000000000 as the error #VALUE!
    book = openpyxl.load_workbook(io.BytesIO(_ledger([])))
    sheet = book["台账"]
    sheet.append([1, "制度不健全", "张三", "办公室", number, None, None])
    sheet["E4"].number_format = 'yyyy"年"m"月"d"日"'
    sheet.append([2, number, "张三", "办公室", "2023年9月30日", None, None])
    sheet["B5"].number_format = "yyyy-mm-dd"  # a date in a text column: no date either
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(SchemaViolationError) as caught:
        read_xlsx(out.getvalue())
    assert [(i.path, i.code) for i in caught.value.issues] == [
        ("台账!E4", "XL201"),
        ("台账!B5", "XL201"),
    ]
    for issue in caught.value.issues:
        assert f"the number {shown}," in issue.message
        assert f"数值 {shown} 不是日期" in issue.message_zh
        assert "1899" not in issue.message
        assert "#VALUE!" not in issue.message


def test_times_of_day_and_the_1904_date_system_still_read() -> None:
    book = openpyxl.Workbook()
    book.epoch = CALENDAR_MAC_1904  # a workbook from an old Mac Excel: day 0 is 1904-01-01
    sheet = book.active
    assert sheet is not None
    sheet.append(["填报单位：某局办公室　　填报日期：2024年1月5日"])
    sheet.append(["序号", "具体问题", "责任领导", "责任部门", "整改时限", "督办时间"])
    sheet.append([1, "制度不健全", "张三", "办公室", datetime.datetime(1904, 1, 1), 0.5])
    sheet.append([2, "台账不规范", "张三", "办公室", datetime.datetime(2023, 9, 30), 0])
    sheet["E3"].number_format = "yyyy-mm-dd"
    for cell in ("F3", "F4"):
        sheet[cell].number_format = "h:mm"  # a time of day: 0 is midnight
    out = io.BytesIO()
    book.save(out)
    document = read_xlsx(out.getvalue())
    plan = document.rectifications[0].plan
    assert plan is not None
    assert [r.deadline for r in plan.responsibilities] == [
        datetime.date(1904, 1, 1),  # openpyxl alone reads 00:00
        datetime.date(2023, 9, 30),
    ]
    kept = [e.extensions[COLUMNS_NAMESPACE] for e in document.rectifications[0].entries]
    assert kept == [{"督办时间": "12:00:00"}, {"督办时间": "00:00:00"}]


def test_a_formula_never_calculated_is_reported_not_lost() -> None:
    # openpyxl (and other programs writing workbooks) store formulas without their values
    book = openpyxl.load_workbook(io.BytesIO(_ledger([])))
    sheet = book["台账"]
    sheet.append([1, "制度不健全", "张三", "办公室", "=DATE(2023,9,30)", '="已完成"', None])
    sheet.append([2, "=B4", "张三", "办公室", "2023年9月30日", None, None])
    sheet["A7"] = "=COUNTA(B4:B5)"
    notes = book.create_sheet("说明")  # a sheet that is not read: its formulas do not matter
    notes["A1"] = "=TODAY()"
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(SchemaViolationError) as caught:
        read_xlsx(out.getvalue())
    issues = caught.value.issues
    # each cell once: not also as a deadline, status or problem that cannot be read
    assert [(i.path, i.code) for i in issues] == [
        ("台账!E4", "XL214"),
        ("台账!F4", "XL214"),
        ("台账!B5", "XL214"),
        ("台账!A7", "XL214"),
    ]
    assert issues[0].message.startswith("a formula without a computed value (=DATE(2023,9,30))")
    assert "Excel or WPS" in issues[0].message
    assert issues[0].message_zh.startswith("公式“=DATE(2023,9,30)”没有计算结果")
    assert "WPS" in issues[0].message_zh


def test_an_error_value_is_reported_not_read_as_text() -> None:
    book = openpyxl.load_workbook(io.BytesIO(_ledger([])))
    sheet = book["台账"]
    sheet.append([1, "制度不健全", "张三", "办公室", "2023年9月30日", None, "#N/A"])
    sheet.append([2, "资金管理不规范", "张三", "办公室", "2023年9月30日", None, None])
    out = io.BytesIO()
    book.save(out)
    # as a spreadsheet program saves a formula whose value is an error
    data = _cells_rewritten(out.getvalue(), {"E5": '<c r="E5" t="e"><f>1/0</f><v>#DIV/0!</v></c>'})
    with pytest.raises(SchemaViolationError) as caught:
        read_xlsx(data)
    issues = caught.value.issues
    assert [(i.path, i.code) for i in issues] == [("台账!G4", "XL215"), ("台账!E5", "XL215")]
    assert "#N/A" in issues[0].message
    assert "#N/A" in issues[0].message_zh
    assert "#DIV/0!" in issues[1].message


def test_a_formula_with_its_computed_value_reads_as_the_value() -> None:
    book = openpyxl.load_workbook(io.BytesIO(_ledger([])))
    book["台账"].append([1, "制度不健全", "张三", "办公室", "2023年9月30日", "=F9", "=G9"])
    out = io.BytesIO()
    book.save(out)
    # as a spreadsheet program saves them: a text computed, and an empty text computed
    data = _cells_rewritten(
        out.getvalue(),
        {
            "F4": '<c r="F4" t="str"><f>F9</f><v>已完成</v></c>',
            "G4": '<c r="G4" t="str"><f>G9</f><v></v></c>',
        },
    )
    (entry,) = read_xlsx(data, ReadOptions(recorder="王某")).rectifications[0].entries
    assert [e.status for e in entry.history if isinstance(e, StatusChange)] == [
        EntryStatus.COMPLETED
    ]
    # a date a formula computed is a date like any other: this one is none
    book = openpyxl.load_workbook(io.BytesIO(_ledger([])))
    book["台账"].append([1, "制度不健全", "张三", "办公室", "=E9-45000", None, None])
    book["台账"]["E4"].number_format = "yyyy-mm-dd"
    out = io.BytesIO()
    book.save(out)
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as source:
        sheet = source.read("xl/worksheets/sheet1.xml").decode()
    start = re.search(r'<c r="E4"[^>]*>', sheet)
    assert start is not None  # its style (the date format) kept, its value as computed
    data = _cells_rewritten(out.getvalue(), {"E4": f"{start.group()}<f>E9-45000</f><v>-2</v></c>"})
    assert _issues(data) == [("台账!E4", "XL201")]


def test_an_office_numbers_each_row_once() -> None:
    data = _ledger(
        [
            [1, "问题一", "张三", "办公室", "2023年9月30日", None, None],
            [1, "问题二", "张三", "办公室", "2023年9月30日", None, None],
            [-3, "问题三", "张三", "办公室", "2023年9月30日", None, None],
            ["0", "问题四", "张三", "办公室", "2023年9月30日", None, None],
            ["2", "问题五", "张三", "办公室", "2023年9月30日", None, None],
            [None, "问题六", "张三", "办公室", "2023年9月30日", None, None],  # continues: 3
            [3, "问题七", "张三", "办公室", "2023年9月30日", None, None],
        ]
    )
    assert _issues(data) == [
        ("台账!A6", "XL207"),  # -3: a 序号 is a positive whole number
        ("台账!A7", "XL207"),  # 0
        ("台账!A5", "XL213"),  # 1 again
        ("台账!A9", "XL213"),  # empty, so 3 after row 8's 2: but row 10 says 3
    ]
    with pytest.raises(SchemaViolationError) as caught:
        read_xlsx(data)
    messages = {i.path: (i.message, i.message_zh) for i in caught.value.issues}
    assert messages["台账!A6"] == (
        "a 序号 is a positive whole number: -3 is not",
        "序号应为正整数,-3 不是",
    )
    assert messages["台账!A5"][1] == "序号 1 与第 4 行重复:同一台账中每行的序号应各不相同"
    assert messages["台账!A9"][0].startswith(
        "the empty 序号 continues the row above as 3, which is also that of row 10"
    )


def test_numbers_the_model_allows_are_kept_by_the_hidden_sheet_only() -> None:
    from pathlib import Path

    import attrs

    import inspection_schema as ins

    example = ins.load(Path(__file__).resolve().parents[3] / "examples" / "ledger-only.json")
    (rectification,) = example.rectifications
    entries = tuple(
        attrs.evolve(entry, number=number)
        for entry, number in zip(rectification.entries, (0, 4, 4), strict=True)
    )
    document = attrs.evolve(example, rectifications=(attrs.evolve(rectification, entries=entries),))
    # any whole number is a 序号 to the model: the record keeps what it was given
    assert read_xlsx(write_xlsx(document)) == document
    # a workbook without the record is an office's own, numbered 1 and up, each row once; its
    # history rows name their entry by 序号, so those of the two entries numbered 4 name none
    assert _issues(write_xlsx(document, hidden_sheet=False)) == [
        ("台账!A4", "XL207"),
        ("台账!A6", "XL213"),
        *((f"台账记录!A{row}", "XL230") for row in range(7, 13)),
    ]


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
        [[n, f"问题{n}", "张三", "办公室", "2023年9月30日", None, None] for n in range(1, 51)]
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


# -- writing: a valid document Excel cannot hold ------------------------------------------------

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "fulian-2023.json"


def test_text_longer_than_a_cell_holds_is_an_output_error_naming_the_cell() -> None:
    document = load(EXAMPLE)
    people = list(document.people)
    people[5] = attrs.evolve(people[5], name="x" * 40_000)
    with pytest.raises(OutputError, match=r"^台账![A-Z]+\d+: a cell of \d+ characters"):
        write_xlsx(attrs.evolve(document, people=tuple(people)))


def test_a_document_issued_at_the_calendar_s_start_is_written() -> None:
    moment = datetime.datetime(1, 1, 1, tzinfo=datetime.timezone(datetime.timedelta(hours=14)))
    data = write_xlsx(attrs.evolve(load(EXAMPLE), issued_at=moment))
    assert read_xlsx(data).issued_at == moment
