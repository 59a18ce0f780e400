"""Ledgers as offices really keep them: title rows, merged cells, synonyms, text dates, notes.

Each workbook here is built with openpyxl the way an office's Excel file looks, and every value
it holds is looked for in the document read from it.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Sequence
from typing import Any

import openpyxl
import pytest
from inspection_schema_xlsx import COLUMNS_NAMESPACE, VERBATIM_NAMESPACE, ReadOptions, read_xlsx
from inspection_schema_xlsx.reader import CHINA
from inspection_schema_xlsx.writer import write_xlsx

from inspection_schema.errors import SchemaViolationError
from inspection_schema.integrity import check_integrity
from inspection_schema.lifecycle import entry_status
from inspection_schema.model import (
    Classification,
    Document,
    DocumentKind,
    EntryStatus,
    ExtensionRequest,
    LedgerEntry,
    ProgressNote,
    RectificationMode,
    Responsibility,
    StatusChange,
    Task,
)

HEADINGS = [
    "序号",
    "问题类别",
    "反馈问题",  # 具体问题
    "整改措施",
    "分管领导",  # 责任领导
    "牵头股室",  # 责任部门
    "配合部门",
    "责任人",
    "完成时限",  # 整改时限
    "完成情况",  # 整改进展
    "整改状态",
    "销号情况",
    "佐证材料",
    "督办意见",  # a column the reader does not know
]

ROWS: list[list[Any]] = [
    [
        1,
        "政治建设方面",
        "学习贯彻上级精神不深入",
        "1.修订党组学习制度\n2.每季度开展专题研讨",
        "张三",
        "办公室",
        "组织部、宣传部",
        "李四",
        "2023年9月30日",
        "已修订党组学习制度",
        "已完成",
        "已销号（2023年10月8日）",
        "党组学习制度（修订稿）",
        "重点督办",
    ],
    [
        2,
        None,  # merged with the category above
        "议事规则不健全",
        "修订议事规则",
        "张三",
        "办公室",
        None,
        "王五",
        datetime.datetime(2023, 12, 31),  # an Excel date
        "正在推进",
        "整改中",
        "未销号",
        None,
        None,
    ],
    [
        3,
        "组织建设方面",
        "基层组织覆盖不足",
        "开展组建工作",
        "赵六",
        "组织部",
        None,
        "李四",
        "长期坚持",
        "2023年11月1日：召开推进会\n2023年12月1日：建立工作台账",
        "基本完成",
        None,
        None,
        "一般督办",
    ],
    [
        4,
        None,
        "党建带妇建工作不力",
        "建立联席会议制度",
        "赵六",
        "宣传部",
        None,
        None,
        "2023.6.30",
        None,
        "申请延期至2024年3月31日",
        None,
        None,
        None,
    ],
    [
        5,
        "作风建设方面",
        "文件办理拖沓",
        "建立督办制度",
        "孙七",
        "办公室",
        None,
        "王五",
        "2023/9/30",
        None,
        None,
        None,
        None,
        None,
    ],
    [
        6,
        None,
        "会议纪要不规范",
        "统一会议纪要格式",
        "孙七",
        "办公室",
        None,
        "王五",
        "2023-09-30",
        None,
        "未完成",
        None,
        None,
        None,
    ],
]


def _save(book: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def office_workbook() -> bytes:
    """A 妇联 office's ledger: a title, a line naming the unit and date, a blank row, headings
    in the office's own words, merged category cells, dates typed four ways, a note below."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "整改台账"
    sheet["A1"] = "市妇联党组关于市委第三巡察组反馈问题整改落实情况台账"
    sheet.merge_cells("A1:N1")
    sheet["A2"] = "填报单位：市妇联办公室（盖章）"
    sheet["H2"] = "填报日期：2023年12月31日"
    for column, heading in enumerate(HEADINGS, 1):
        sheet.cell(row=4, column=column, value=heading)
    for offset, values in enumerate(ROWS):
        for column, value in enumerate(values, 1):
            if value is not None:
                sheet.cell(row=5 + offset, column=column, value=value)
    sheet["I6"].number_format = "yyyy-mm-dd"
    sheet.merge_cells("B5:B6")
    sheet.merge_cells("B7:B8")
    sheet.merge_cells("B9:B10")
    sheet["A12"] = "填报人：周某某　　审核人：钱某某"
    return _save(book)


@pytest.fixture(scope="module")
def office() -> Document:
    return read_xlsx(office_workbook())


def _entry(document: Document, number: int) -> LedgerEntry:
    (entry,) = [e for e in document.rectifications[0].entries if e.number == number]
    return entry


def _task(document: Document, entry: LedgerEntry) -> Task:
    plan = document.rectifications[0].plan
    assert plan is not None
    (task,) = [t for t in plan.tasks if t.id == entry.task]
    return task


def _responsibility(document: Document, entry: LedgerEntry) -> Responsibility:
    plan = document.rectifications[0].plan
    assert plan is not None
    (found,) = [r for r in plan.responsibilities if r.id == entry.responsibility]
    return found


def _name(document: Document, ident: str | None) -> str:
    for obj in (*document.people, *document.organisations):
        if obj.id == ident:
            return obj.name
    for ref in document.external:
        if ref.id == ident:
            return ref.label or ""
    raise KeyError(ident)


def _names(document: Document, idents: Sequence[str]) -> list[str]:
    return [_name(document, ident) for ident in idents]


def _wording(entry: LedgerEntry, key: str) -> str | None:
    kept = entry.extensions.get(VERBATIM_NAMESPACE, {})
    return kept[key]["text"] if key in kept else None


def test_the_document_and_its_header(office: Document) -> None:
    assert office.kind is DocumentKind.RECTIFICATION_LEDGER
    assert office.title == "市妇联党组关于市委第三巡察组反馈问题整改落实情况台账"
    assert office.issued_at == datetime.datetime(2023, 12, 31, tzinfo=CHINA)  # 填报日期
    assert _name(office, office.issuer) == "市妇联办公室"
    assert office.classification is Classification.INTERNAL
    assert office.note is not None
    assert "审核人：钱某某" in office.note  # the lines around the table are kept
    assert check_integrity(office) == []
    (rectification,) = office.rectifications
    assert [e.number for e in rectification.entries] == [1, 2, 3, 4, 5, 6]
    inspection = next(e for e in office.external if e.id == rectification.inspection)
    assert inspection.type == "Inspection"


def test_problems_and_categories(office: Document) -> None:
    expected = [row[2] for row in ROWS]
    entries = office.rectifications[0].entries
    assert [_name(office, e.problem) for e in entries] == expected
    problems = {e.id: e for e in office.external if e.type == "Problem"}
    assert {problems[e.problem].label for e in entries} == set(expected)
    # a category merged over two rows applies to each of them
    categories = [_wording(e, "category") for e in entries]
    assert categories == [
        "政治建设方面",
        "政治建设方面",
        "组织建设方面",
        "组织建设方面",
        "作风建设方面",
        "作风建设方面",
    ]


def test_measures_and_responsibilities(office: Document) -> None:
    first = _entry(office, 1)
    task = _task(office, first)
    assert [m.text for m in task.measures] == ["修订党组学习制度", "每季度开展专题研讨"]
    assert task.target == ""  # the office's form has no 整改目标 column
    responsibility = _responsibility(office, first)
    assert _name(office, responsibility.leader) == "张三"  # 分管领导
    assert _name(office, responsibility.lead_department) == "办公室"  # 牵头股室
    assert _names(office, responsibility.cooperating_departments) == ["组织部", "宣传部"]
    assert _names(office, responsibility.persons) == ["李四"]
    assert responsibility.deadline == datetime.date(2023, 9, 30)  # text 2023年9月30日
    assert responsibility.mode is RectificationMode.TIME_BOUND
    assert _wording(first, "deadline") == "2023年9月30日"
    second = _responsibility(office, _entry(office, 2))
    assert second.deadline == datetime.date(2023, 12, 31)  # an Excel date
    assert _names(office, second.persons) == ["王五"]
    third = _responsibility(office, _entry(office, 3))
    assert (third.mode, third.deadline) == (RectificationMode.ONGOING, None)  # 长期坚持
    assert _responsibility(office, _entry(office, 4)).deadline == datetime.date(2023, 6, 30)
    assert _responsibility(office, _entry(office, 5)).deadline == datetime.date(2023, 9, 30)
    assert _responsibility(office, _entry(office, 6)).deadline == datetime.date(2023, 9, 30)
    departments = [o for o in office.organisations if o.name in ("办公室", "组织部", "宣传部")]
    assert len(departments) == 3  # each named once, however many rows name it


def test_statuses_become_history(office: Document) -> None:
    day = datetime.date(2023, 12, 31)  # 填报日期: the date of statuses without one
    recorder = next(p.id for p in office.people if p.name == "周某某")  # 填报人
    first = _entry(office, 1)
    assert [type(e) for e in first.history] == [StatusChange, ProgressNote]
    sign_off, progress = first.history
    assert isinstance(sign_off, StatusChange)
    assert isinstance(progress, ProgressNote)
    assert (sign_off.status, sign_off.date, sign_off.by) == (
        EntryStatus.SIGNED_OFF,
        datetime.date(2023, 10, 8),
        recorder,
    )
    assert (progress.date, progress.text) == (day, "已修订党组学习制度")
    evidence = office.rectifications[0].evidence
    assert [e.title for e in evidence] == ["党组学习制度（修订稿）"]
    assert progress.evidence == (evidence[0].id,)
    assert entry_status(first) is EntryStatus.SIGNED_OFF
    second = _entry(office, 2)
    assert [(type(e), e.date) for e in second.history] == [(ProgressNote, day)]
    assert entry_status(second) is EntryStatus.IN_PROGRESS  # 整改中, as the progress says
    third = _entry(office, 3)
    notes = [e for e in third.history if isinstance(e, ProgressNote)]
    assert [(n.date, n.text) for n in notes] == [
        (datetime.date(2023, 11, 1), "召开推进会"),
        (datetime.date(2023, 12, 1), "建立工作台账"),
    ]
    status = third.history[-1]
    assert isinstance(status, StatusChange)
    assert (status.status, status.note, status.date) == (EntryStatus.ONGOING, "基本完成", day)
    (request,) = _entry(office, 4).history
    assert isinstance(request, ExtensionRequest)
    assert request.requested_deadline == datetime.date(2024, 3, 31)
    assert (request.date, request.reason) == (day, "申请延期至2024年3月31日")
    assert _entry(office, 5).history == ()  # no status stated: not started
    (unfinished,) = _entry(office, 6).history
    assert isinstance(unfinished, StatusChange)
    assert (unfinished.status, unfinished.note) == (EntryStatus.IN_PROGRESS, "未完成")
    assert unfinished.by == recorder  # the 填报人 records what the rows state


def test_unknown_columns_are_kept(office: Document) -> None:
    kept = [e.extensions.get(COLUMNS_NAMESPACE) for e in office.rectifications[0].entries]
    assert kept == [{"督办意见": "重点督办"}, None, {"督办意见": "一般督办"}, None, None, None]


def test_written_back_the_office_sees_its_own_ledger(office: Document) -> None:
    data = write_xlsx(office)
    sheet = openpyxl.load_workbook(io.BytesIO(data))["台账"]
    rows = {r: [c.value for c in sheet[r]] for r in range(4, 10)}
    headings = [c.value for c in sheet[3]]
    assert headings[-1] == "督办意见"  # the unknown column, written back
    assert rows[4][headings.index("督办意见")] == "重点督办"
    assert rows[4][headings.index("问题类别")] == "政治建设方面"
    assert rows[4][headings.index("整改时限")] == "2023年9月30日"  # as the office wrote it
    assert rows[4][headings.index("整改进展")] == "已修订党组学习制度"
    assert rows[6][headings.index("整改状态")] == "基本完成"
    assert read_xlsx(data) == office  # and it reads back the same


def test_read_again_without_the_hidden_sheet_gives_the_same_values(office: Document) -> None:
    again = read_xlsx(write_xlsx(office, hidden_sheet=False))
    for before, after in zip(
        office.rectifications[0].entries, again.rectifications[0].entries, strict=True
    ):
        assert after.number == before.number
        assert _name(again, after.problem) == _name(office, before.problem)
        assert entry_status(after) == entry_status(before)
        assert after.extensions.get(COLUMNS_NAMESPACE) == before.extensions.get(COLUMNS_NAMESPACE)


# -- other shapes offices use ------------------------------------------------------------------


def _sectioned() -> bytes:
    """Section rows across the table instead of a category column; headings on two rows
    under a merged 责任单位; no title, the unit and date given by options; 序号 left empty."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    top = ["序号", "问题内容", "整改措施", "责任领导", "责任单位", None, "整改时限", "备注"]
    for column, heading in enumerate(top, 1):
        if heading:
            sheet.cell(row=1, column=column, value=heading)
    sheet.merge_cells("E1:F1")
    sheet["E2"] = "牵头部门"
    sheet["F2"] = "配合部门"
    for column in (1, 2, 3, 4, 7, 8):
        sheet.merge_cells(start_row=1, start_column=column, end_row=2, end_column=column)
    sheet["A3"] = "一、落实全面从严治党战略部署方面"
    sheet.merge_cells("A3:H3")
    sheet.append([None, "廉政风险排查不到位", "开展排查", "刘一", "纪检组", "财务科", 20231231])
    sheet.append([None, "公务接待不规范", "修订接待办法", "刘一", "办公室", None, "2023年底"])
    sheet["A6"] = "二、落实新时代党的组织路线方面"
    sheet.merge_cells("A6:H6")
    sheet.append([None, "干部轮岗不够", "制定轮岗计划", "陈二", "人事科", None, "立行立改", "无"])
    return _save(book)


def test_sections_two_row_headings_and_options() -> None:
    options = ReadOptions(
        issuer="示例局",
        issued_at=datetime.datetime(2024, 1, 2, 9, 0, tzinfo=CHINA),
        recorder="王记录",
        document_id="ledger-county",
        classification=Classification.PARTY,
    )
    document = read_xlsx(_sectioned(), options)
    assert (document.id, document.classification) == ("ledger-county", Classification.PARTY)
    assert _name(document, document.issuer) == "示例局"
    entries = document.rectifications[0].entries
    assert [e.number for e in entries] == [1, 2, 3]  # an empty 序号 continues from above
    assert [_wording(e, "category") for e in entries] == [
        "一、落实全面从严治党战略部署方面",
        "一、落实全面从严治党战略部署方面",
        "二、落实新时代党的组织路线方面",
    ]
    first = _responsibility(document, entries[0])
    assert _name(document, first.lead_department) == "纪检组"
    assert _names(document, first.cooperating_departments) == ["财务科"]
    assert first.deadline == datetime.date(2023, 12, 31)  # 20231231
    assert _responsibility(document, entries[1]).deadline == datetime.date(2023, 12, 31)
    third = _responsibility(document, entries[2])
    assert (third.mode, third.deadline) == (RectificationMode.IMMEDIATE, None)
    assert entries[2].remarks == "无"
    assert check_integrity(document) == []


def test_a_row_that_cannot_hold_a_responsibility_is_kept_as_written() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["填报单位：示例局　　填报日期：2024年1月5日"])
    sheet.append(["序号", "具体问题", "责任部门", "整改时限", "整改进展"])
    sheet.append([1, "制度不健全", "办公室", "2024年3月31日", "已起草"])
    document = read_xlsx(_save(book))
    (entry,) = document.rectifications[0].entries
    assert entry.responsibility is None  # no 责任领导: the model needs one
    assert _wording(entry, "lead_department") == "办公室"
    assert _wording(entry, "deadline") == "2024年3月31日"
    assert [p.name for p in document.people] == []  # nobody invented
    back = openpyxl.load_workbook(io.BytesIO(write_xlsx(document)))["台账"]
    headings = [c.value for c in back[3]]
    assert back.cell(row=4, column=headings.index("责任部门") + 1).value == "办公室"
    assert back.cell(row=4, column=headings.index("整改时限") + 1).value == "2024年3月31日"


def test_a_ledger_that_names_no_unit_asks_for_one() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["序号", "具体问题", "整改措施", "整改时限"])
    sheet.append([1, "制度不健全", "修订制度", "2024年3月31日"])
    with pytest.raises(SchemaViolationError) as caught:
        read_xlsx(_save(book))
    assert [i.code for i in caught.value.issues] == ["XL106"]
    assert "填报单位" in caught.value.issues[0].message_zh
    document = read_xlsx(_save(book), ReadOptions(issuer="示例局"))
    assert _name(document, document.issuer) == "示例局"
