"""An office edits the workbook it was sent: its visible cells are read, the hidden sheet fills
in only what they cannot show.

The ledger sheet of the example has the entries 1–6 in rows 4–9, columns A 序号, B 问题类别,
C 具体问题, D 整改目标, E 整改措施, F 责任领导, G 责任部门, H 配合部门, I 责任人, J 整改时限,
K 整改方式, L 整改进展, M 整改状态, N 销号情况, O 佐证材料, P 备注.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from inspection_schema_xlsx import COLUMNS_NAMESPACE, ledger_part, read_xlsx, write_xlsx
from inspection_schema_xlsx.hidden import SHEET as HIDDEN
from openpyxl.workbook.workbook import Workbook

import inspection_schema as ins
from inspection_schema.errors import SchemaViolationError
from inspection_schema.integrity import check_integrity
from inspection_schema.lifecycle import entry_status
from inspection_schema.model import (
    Document,
    EntryStatus,
    LedgerEntry,
    ProgressNote,
    Responsibility,
    StatusChange,
)

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "fulian-2023.json"


@pytest.fixture(scope="module")
def fulian() -> Document:
    return ins.load(EXAMPLE)


@pytest.fixture(scope="module")
def part(fulian: Document) -> Document:
    return ledger_part(fulian)


@pytest.fixture(scope="module")
def written(fulian: Document) -> bytes:
    return write_xlsx(fulian)


def edited(data: bytes, edit: Callable[[Workbook], None]) -> Document:
    book = openpyxl.load_workbook(io.BytesIO(data))
    edit(book)
    out = io.BytesIO()
    book.save(out)
    document = read_xlsx(out.getvalue())
    assert check_integrity(document) == []
    return document


def _entry(document: Document, ident: str) -> LedgerEntry:
    return next(e for e in document.rectifications[0].entries if e.id == ident)


def _responsibility(document: Document, ident: str) -> Responsibility:
    plan = document.rectifications[0].plan
    assert plan is not None
    return next(r for r in plan.responsibilities if r.id == ident)


def _problem_text(document: Document, ident: str) -> str:
    return next(
        p.text
        for i in document.inspections
        if i.feedback
        for p in i.feedback.problems
        if p.id == ident
    )


def test_nothing_edited_nothing_changed(written: bytes, part: Document) -> None:
    assert edited(written, lambda book: None) == part


def test_a_problem_reworded(written: bytes, part: Document) -> None:
    def edit(book: Workbook) -> None:
        book["台账"]["C9"] = "党建带妇建工作落实不力(修订表述)"

    document = edited(written, edit)
    assert _problem_text(document, "prob-6") == "党建带妇建工作落实不力(修订表述)"
    assert _entry(document, "entry-6") == _entry(part, "entry-6")  # ids and links kept


def test_a_status_stated_in_the_ledger_joins_the_history(written: bytes, part: Document) -> None:
    def edit(book: Workbook) -> None:
        book["台账"]["M7"] = "已完成"

    document = edited(written, edit)
    entry = _entry(document, "entry-4")
    before = _entry(part, "entry-4")
    assert entry.history[: len(before.history)] == before.history  # nothing rewritten
    added = entry.history[-1]
    assert isinstance(added, StatusChange)
    assert added.status is EntryStatus.COMPLETED
    assert added.date == datetime.date(2024, 1, 10)  # the 截至 date of the sheet
    assert added.by == "px-zheng"  # the row's 责任人
    assert entry_status(entry) is EntryStatus.COMPLETED


def test_the_status_date_follows_the_line_above_the_table(written: bytes) -> None:
    def edit(book: Workbook) -> None:
        sheet = book["台账"]
        sheet["A2"] = str(sheet["A2"].value).replace("2024年1月10日", "2024年2月1日")
        sheet["M7"] = "已完成"

    added = _entry(edited(written, edit), "entry-4").history[-1]
    assert added.date == datetime.date(2024, 2, 1)


def test_progress_added_to_the_cell(written: bytes, part: Document) -> None:
    def edit(book: Workbook) -> None:
        sheet = book["台账"]
        sheet["L9"] = f"{sheet['L9'].value}\n2024年1月8日：首次联席会议已召开"
        sheet["O9"] = "联席会议纪要"

    entry = _entry(edited(written, edit), "entry-6")
    assert entry.history[:-1] == _entry(part, "entry-6").history
    note = entry.history[-1]
    assert isinstance(note, ProgressNote)
    assert (note.date, note.text) == (datetime.date(2024, 1, 8), "首次联席会议已召开")
    assert len(note.evidence) == 1


def test_responsibility_cells(written: bytes, part: Document) -> None:
    def edit(book: Workbook) -> None:
        sheet = book["台账"]
        sheet["J5"] = "2023年8月15日"  # an earlier deadline, as text
        sheet["F9"] = "刘示例"  # another leader, already in the document
        sheet["I9"] = "吴示例、新同志"  # a person the document does not know yet

    document = edited(written, edit)
    assert _responsibility(document, "resp-2").deadline == datetime.date(2023, 8, 15)
    changed = _responsibility(document, "resp-6")
    assert changed.leader == "px-liu"
    new = next(p for p in document.people if p.name == "新同志")
    assert changed.persons == ("px-wu", new.id)
    for ident in ("resp-1", "resp-3", "resp-4", "resp-5"):
        assert _responsibility(document, ident) == _responsibility(part, ident)


def test_rows_moved_keep_their_records(written: bytes, part: Document) -> None:
    def edit(book: Workbook) -> None:
        sheet = book["台账"]
        for column in range(1, 17):
            upper, lower = sheet.cell(row=6, column=column), sheet.cell(row=9, column=column)
            upper.value, lower.value = lower.value, upper.value

    document = edited(written, edit)
    ids = [e.id for e in document.rectifications[0].entries]
    assert ids == ["entry-1", "entry-2", "entry-6", "entry-4", "entry-5", "entry-3"]
    for ident in ids:
        assert _entry(document, ident) == _entry(part, ident)


def test_numbers_renumbered_and_numbers_taken_twice(written: bytes, part: Document) -> None:
    def swap(book: Workbook) -> None:
        book["台账"]["A4"], book["台账"]["A5"] = 2, 1

    document = edited(written, swap)
    assert [e.number for e in document.rectifications[0].entries] == [2, 1, 3, 4, 5, 6]
    assert _entry(document, "entry-1").history == _entry(part, "entry-1").history

    def twice(book: Workbook) -> None:
        book["台账"]["A5"] = 1  # the number of the row above, which keeps it
        book["台账"]["A6"] = -3

    book = openpyxl.load_workbook(io.BytesIO(written))
    twice(book)
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(SchemaViolationError) as caught:
        read_xlsx(out.getvalue())
    assert [(i.path, i.code) for i in caught.value.issues] == [
        ("台账!A6", "XL207"),
        ("台账!A5", "XL213"),
    ]


def test_a_row_added_by_the_office(written: bytes, part: Document) -> None:
    def edit(book: Workbook) -> None:
        sheet = book["台账"]
        values = [
            7,
            "落实新时代党的组织路线",
            "新发现的问题",
            "整改目标",
            "1.措施一\n2.措施二",
            "陈示例",
            "基层工作部",
            None,
            "郑示例",
            "2024年6月30日",
            "限期整改",
            None,
            "整改中",
            None,
            None,
            "会后补充",
        ]
        for column, value in enumerate(values, 1):
            sheet.cell(row=10, column=column, value=value)

    document = edited(written, edit)
    entries = document.rectifications[0].entries
    assert len(entries) == 7
    new = entries[-1]
    assert new.id not in {e.id for e in part.rectifications[0].entries}
    assert new.number == 7
    assert new.remarks == "会后补充"
    responsibility = _responsibility(document, str(new.responsibility))
    assert (responsibility.leader, responsibility.lead_department) == ("px-chen", "dept-grassroots")
    assert responsibility.deadline == datetime.date(2024, 6, 30)
    (status,) = new.history
    assert isinstance(status, StatusChange)
    assert status.by == "px-zheng"
    problem = next(e for e in document.external if e.id == new.problem)
    assert problem.label == "新发现的问题"  # not in the feedback: an external reference


def test_a_row_deleted_with_its_history(written: bytes) -> None:
    def edit(book: Workbook) -> None:
        book["台账"].delete_rows(9)
        history = book["台账记录"]
        keep = [
            r for r in range(3, history.max_row + 1) if history.cell(row=r, column=1).value != 6
        ]
        rows = [[c.value for c in history[r]] for r in keep]
        history.delete_rows(3, history.max_row)
        for offset, values in enumerate(rows):
            for column, value in enumerate(values, 1):
                history.cell(row=3 + offset, column=column, value=value)

    document = edited(written, edit)
    assert [e.id for e in document.rectifications[0].entries][-1] == "entry-5"


def test_history_rows_of_a_deleted_row_are_reported(written: bytes) -> None:
    book = openpyxl.load_workbook(io.BytesIO(written))
    book["台账"].delete_rows(9)
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(SchemaViolationError) as caught:
        read_xlsx(out.getvalue())
    assert {i.code for i in caught.value.issues} == {"XL230"}
    assert {i.path for i in caught.value.issues} == {"台账记录!A17", "台账记录!A18"}


def test_a_history_row_edited_and_one_added(written: bytes, part: Document) -> None:
    def edit(book: Workbook) -> None:
        history = book["台账记录"]
        assert history["E12"].value == "下沉基层联系点工作方案已起草,尚未印发(示例)"
        history["E12"] = "工作方案已起草并征求意见"
        for column, value in enumerate(
            [4, datetime.datetime(2024, 1, 9), "整改进展", "郑示例", "方案已印发"], 1
        ):
            history.cell(row=19, column=column, value=value)

    entry = _entry(edited(written, edit), "entry-4")
    before = _entry(part, "entry-4")
    assert entry.history[0] == before.history[0]
    changed = entry.history[1]
    assert isinstance(changed, ProgressNote)
    assert changed.id == before.history[1].id  # the same record, reworded
    assert changed.text == "工作方案已起草并征求意见"
    added = entry.history[2]
    assert isinstance(added, ProgressNote)
    assert (added.date, added.text, added.by) == (
        datetime.date(2024, 1, 9),
        "方案已印发",
        "px-zheng",
    )


def test_a_sign_off_cannot_be_taken_back_in_the_ledger(written: bytes) -> None:
    book = openpyxl.load_workbook(io.BytesIO(written))
    book["台账"]["N5"] = "未销号"
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(SchemaViolationError) as caught:
        read_xlsx(out.getvalue())
    ((path, code),) = {(i.path, i.code) for i in caught.value.issues}
    assert (path, code) == ("台账!N5", "XL221")


def test_a_column_added_by_the_office_is_kept(written: bytes) -> None:
    def edit(book: Workbook) -> None:
        sheet = book["台账"]
        sheet["Q3"] = "督办意见"
        sheet["Q4"] = "重点督办"

    document = edited(written, edit)
    assert _entry(document, "entry-1").extensions[COLUMNS_NAMESPACE] == {"督办意见": "重点督办"}
    assert COLUMNS_NAMESPACE not in _entry(document, "entry-2").extensions
    sheet = openpyxl.load_workbook(io.BytesIO(write_xlsx(document)))["台账"]
    assert (sheet["Q3"].value, sheet["Q4"].value) == ("督办意见", "重点督办")


def test_the_title_edited(written: bytes) -> None:
    def edit(book: Workbook) -> None:
        book["台账"]["A1"] = "市妇联党组巡察整改台账(2024年1月更新)"

    assert edited(written, edit).title == "市妇联党组巡察整改台账(2024年1月更新)"


def test_without_the_hidden_sheet_the_visible_values_still_read(
    written: bytes, part: Document
) -> None:
    def edit(book: Workbook) -> None:
        del book[HIDDEN]

    document = edited(written, edit)
    entries = document.rectifications[0].entries
    assert [e.number for e in entries] == [1, 2, 3, 4, 5, 6]
    assert [entry_status(e) for e in entries] == [
        entry_status(e) for e in part.rectifications[0].entries
    ]
    assert [len(e.history) for e in entries] == [
        len(e.history) for e in part.rectifications[0].entries
    ]
    assert next(o for o in document.organisations if o.id == document.issuer).name == (
        "市委巡察工作领导小组办公室(示例)"
    )
