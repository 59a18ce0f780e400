"""The example's ledger survives JSON → xlsx → JSON; the workbook is one an office can use."""

from __future__ import annotations

import datetime
import io
import zipfile
from pathlib import Path

import attrs
import openpyxl
import pytest
from inspection_schema_xlsx import ledger_part, read_xlsx, write_xlsx
from inspection_schema_xlsx.hidden import SHEET as HIDDEN
from inspection_schema_xlsx.writer import BLUE, RED, YELLOW
from openpyxl.worksheet.worksheet import Worksheet

import inspection_schema as ins
from inspection_schema.codecs.json import dumps, loads
from inspection_schema.conventions import LEDGER_COLUMNS, LedgerTemplate
from inspection_schema.errors import SchemaViolationError
from inspection_schema.integrity import check_integrity
from inspection_schema.model import Document, DocumentKind, ExternalReference, ProgressNote

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


@pytest.fixture(scope="module")
def fulian() -> Document:
    return ins.load(EXAMPLES / "fulian-2023.json")


@pytest.fixture(scope="module")
def workbook(fulian: Document) -> bytes:
    return write_xlsx(fulian)


def _sheet(data: bytes, name: str) -> Worksheet:
    sheet = openpyxl.load_workbook(io.BytesIO(data))[name]
    assert isinstance(sheet, Worksheet)
    return sheet


# -- the round trip ----------------------------------------------------------------------------


def test_the_examples_ledger_survives_json_xlsx_json(fulian: Document, workbook: bytes) -> None:
    back = loads(dumps(read_xlsx(workbook)))
    assert back.rectifications == fulian.rectifications  # plan, entries, history, evidence…
    problems = {p.id: p for i in fulian.inspections if i.feedback for p in i.feedback.problems}
    back_problems = {p.id: p for i in back.inspections if i.feedback for p in i.feedback.problems}
    assert back_problems == problems
    opinions = {o.id: o for i in fulian.inspections if i.feedback for o in i.feedback.opinions}
    assert {o.id: o for i in back.inspections if i.feedback for o in i.feedback.opinions} == (
        opinions
    )
    referred = {ref for r in fulian.rectifications for ref in _references(r)}
    people = {p.id: p for p in fulian.people}
    organisations = {o.id: o for o in fulian.organisations}
    for ident in referred & set(people):
        assert people[ident] in back.people
    for ident in referred & set(organisations):
        assert organisations[ident] in back.organisations
    assert back.code_schemes == fulian.code_schemes
    assert back == ledger_part(fulian)
    assert check_integrity(back) == []


def _references(obj: object) -> set[str]:
    from inspection_schema_xlsx.ledger import references

    return set(references(obj))


def test_the_ledger_part_of_a_full_record_is_a_ledger_document(fulian: Document) -> None:
    part = ledger_part(fulian)
    assert part.kind is DocumentKind.RECTIFICATION_LEDGER
    assert part.id == "doc-fulian-2023-ledger"  # another document, so another id
    assert part.round is None
    assert part.progress_reports == ()
    assert (part.issuer, part.issued_at, part.title) == (
        fulian.issuer,
        fulian.issued_at,
        fulian.title,
    )
    (inspection,) = part.inspections
    assert inspection.feedback is not None
    assert fulian.inspections[0].feedback is not None
    assert inspection.feedback.problems == fulian.inspections[0].feedback.problems
    assert inspection.stationing is None
    assert inspection.feedback.meetings == ()
    # nobody the ledger names holds a post in the inspection group, so nothing refers to it
    assert [e for e in part.external if e.type == "InspectionGroup"] == []
    assert check_integrity(part) == []


def test_an_object_left_behind_becomes_an_external_reference(fulian: Document) -> None:
    # the group leader (市委第三巡察组组长) recorded a progress note: his post names the group,
    # which stays in the full record, so the ledger part refers to it there
    (rectification,) = fulian.rectifications
    entry = rectification.entries[0]
    note = entry.history[0]
    assert isinstance(note, ProgressNote)
    history = (attrs.evolve(note, by="p-zhang-quansheng"), *entry.history[1:])
    entries = (attrs.evolve(entry, history=history), *rectification.entries[1:])
    document = attrs.evolve(fulian, rectifications=(attrs.evolve(rectification, entries=entries),))
    part = ledger_part(document)
    assert [e for e in part.external if e.type == "InspectionGroup"] == [
        ExternalReference(
            id="grp-3", type="InspectionGroup", document=fulian.id, label="市委第三巡察组"
        )
    ]
    leader = next(p for p in part.people if p.id == "p-zhang-quansheng")
    assert [post.organisation for post in leader.posts] == ["grp-3"]
    assert check_integrity(part) == []
    assert read_xlsx(write_xlsx(document)) == part


def test_a_ledger_document_comes_back_whole() -> None:
    ledger = ins.load(EXAMPLES / "ledger-only.json")
    assert ledger_part(ledger) is ledger
    assert read_xlsx(write_xlsx(ledger)) == ledger


def test_through_the_api_and_files(fulian: Document, tmp_path: Path) -> None:
    path = tmp_path / "台账.xlsx"
    ins.dump(fulian, path)
    assert ins.load(path) == ledger_part(fulian)


def test_writing_is_deterministic(fulian: Document, workbook: bytes) -> None:
    assert write_xlsx(fulian) == workbook
    with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    properties = openpyxl.load_workbook(io.BytesIO(workbook)).properties
    made = datetime.datetime(2024, 1, 10, 2, 0)  # issued_at 10:00+08:00, in UTC
    assert (properties.created, properties.modified) == (made, made)
    assert properties.creator == "inspection-schema-xlsx"


def test_a_document_without_a_ledger_is_refused(fulian: Document) -> None:
    with pytest.raises(SchemaViolationError) as caught:
        write_xlsx(attrs.evolve(fulian, rectifications=()))
    assert caught.value.issues[0].code == "XL101"
    no_entries = attrs.evolve(fulian.rectifications[0], entries=())
    with pytest.raises(SchemaViolationError):
        write_xlsx(attrs.evolve(fulian, rectifications=(no_entries,)))


# -- what the office sees -------------------------------------------------------------------------


def test_sheets_headings_and_layout(workbook: bytes) -> None:
    book = openpyxl.load_workbook(io.BytesIO(workbook))
    assert book.sheetnames == ["台账", "台账记录", HIDDEN]
    assert [book[n].sheet_state for n in book.sheetnames] == ["visible", "visible", "hidden"]
    sheet = book["台账"]
    assert isinstance(sheet, Worksheet)
    assert sheet["A1"].value == "市委第三巡察组巡察市妇联党组全过程记录(示例)"
    assert "填报单位\uff1a市委巡察工作领导小组办公室(示例)" in str(sheet["A2"].value)
    assert "截至\uff1a2024年1月10日" in str(sheet["A2"].value)
    headings = [cell.value for cell in sheet[3]]
    assert headings == [heading for _, heading in LEDGER_COLUMNS]
    assert sheet.freeze_panes == "A4"
    assert sheet.column_dimensions["C"].width >= 30  # 具体问题 is wide
    assert sheet["C4"].alignment.wrap_text
    assert sheet.max_row == 3 + 6  # one row per problem
    assert [sheet.cell(row=r, column=1).value for r in range(4, 10)] == [1, 2, 3, 4, 5, 6]
    assert sheet["J4"].value == datetime.datetime(2023, 12, 31)
    assert sheet["J4"].number_format == 'yyyy"年"m"月"d"日"'
    assert (
        sheet["E6"].value
        == "1.会前提前3个工作日印发会议通知和议题材料\n2.由办公室统一制作并存档会议纪要"
    )
    assert sheet["N5"].value == "已销号\uff082023年9月20日\uff09"
    assert "B4:B5" in {str(r) for r in sheet.merged_cells.ranges}  # one category, two rows


def test_status_colours_as_of_the_documents_date(workbook: bytes, fulian: Document) -> None:
    sheet = _sheet(workbook, "台账")
    colours = [sheet.cell(row=r, column=13).fill.fgColor.rgb for r in range(4, 10)]
    # 1: ongoing, deadline 2023-12-31 passed; 2, 3: done; 4: overdue since 2023-09-30;
    # 5: extended to 2024-03-31, in progress; 6: due 2024-06-30, in progress
    assert colours == [RED, BLUE, BLUE, RED, YELLOW, YELLOW]
    later = _sheet(write_xlsx(fulian, as_of=datetime.date(2024, 4, 1)), "台账")
    assert later.cell(row=8, column=13).fill.fgColor.rgb == RED  # the extension ran out
    assert "截至\uff1a2024年4月1日" in str(later["A2"].value)


def test_the_history_sheet(workbook: bytes) -> None:
    sheet = _sheet(workbook, "台账记录")
    assert [c.value for c in sheet[2]] == [
        "台账序号",
        "日期",
        "记录类型",
        "经办人",
        "内容",
        "整改状态",
        "结论",
        "时限",
        "佐证材料",
    ]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    assert len(rows) == 16  # every event of every entry
    assert rows[4] == [
        2,
        datetime.datetime(2023, 9, 15),
        "验收",
        "孙示例",
        "整改措施落实,佐证材料齐全,同意销号(示例)",
        None,
        "通过",
        None,
        "市妇联党组会议议事规则(修订稿,示例文件)",
    ]
    assert rows[12][2:4] == ["延期审批", "钱示例"]
    assert rows[12][6:8] == ["同意", datetime.datetime(2024, 3, 31)]
    assert sheet.freeze_panes == "A3"


def test_no_history_no_history_sheet(fulian: Document) -> None:
    rectification = fulian.rectifications[0]
    quiet = tuple(attrs.evolve(e, history=()) for e in rectification.entries)
    document = attrs.evolve(fulian, rectifications=(attrs.evolve(rectification, entries=quiet),))
    data = write_xlsx(document)
    assert openpyxl.load_workbook(io.BytesIO(data)).sheetnames == ["台账", HIDDEN]
    assert read_xlsx(data) == ledger_part(document)


def test_a_template_relabels_and_reorders(fulian: Document) -> None:
    template = LedgerTemplate(
        name="county",
        title="某县巡察反馈问题整改台账",
        headings={"problem": "反馈问题", "progress": "完成情况", "leader": "督导领导"},
        columns=("number", "problem", "measures", "leader", "deadline", "progress", "status"),
    )
    data = write_xlsx(fulian, template=template)
    sheet = _sheet(data, "台账")
    assert sheet["A1"].value == "某县巡察反馈问题整改台账"
    assert [c.value for c in sheet[3]] == [
        "序号",
        "反馈问题",
        "整改措施",
        "督导领导",
        "整改时限",
        "完成情况",
        "整改状态",
    ]
    # without the mode column, the deadline says the mode when it is not time-bound
    assert sheet["E4"].value == "长期坚持\uff0c2023年12月31日"
    assert sheet["E6"].value == "立行立改\uff0c2023年7月15日"
    # what the form leaves out rides in the hidden sheet
    assert read_xlsx(data) == ledger_part(fulian)
    with pytest.raises(ValueError, match="unknown"):
        write_xlsx(fulian, template=attrs.evolve(template, columns=("number", "nonsense")))


def test_text_that_looks_like_a_formula_stays_text(fulian: Document) -> None:
    rectification = fulian.rectifications[0]
    entry = attrs.evolve(rectification.entries[0], remarks='=HYPERLINK("x")\r\n 前后空格 ')
    document = attrs.evolve(
        fulian,
        rectifications=(attrs.evolve(rectification, entries=(entry, *rectification.entries[1:])),),
    )
    data = write_xlsx(document)
    cell = _sheet(data, "台账")["P4"]
    assert cell.data_type == "s"
    assert cell.value == '=HYPERLINK("x")\r\n 前后空格 '
    assert read_xlsx(data) == ledger_part(document)


def test_external_references_show_their_labels() -> None:
    ledger = ins.load(EXAMPLES / "ledger-only.json")
    sheet = _sheet(write_xlsx(ledger), "台账")
    labels = {e.id: e.label for e in ledger.external if isinstance(e, ExternalReference)}
    assert sheet["C4"].value == labels["prob-2"]
