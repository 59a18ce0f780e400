"""A workbook opened and saved again by a spreadsheet program still reads the same.

LibreOffice rewrites every part (shared strings, its own styles, dates, merged cells) as an
office's program would; these tests run where ``soffice`` is installed, and are skipped elsewhere.
"""

from __future__ import annotations

import datetime
import io
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from inspection_schema_xlsx import ledger_part, read_xlsx, write_xlsx

import inspection_schema as ins
from inspection_schema.errors import SchemaViolationError
from inspection_schema.lifecycle import entry_status
from inspection_schema.model import EntryStatus

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
SOFFICE = shutil.which("soffice")

pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


def _resaved(data: bytes, directory: Path) -> bytes:
    assert SOFFICE is not None
    source = directory / "in" / "ledger.xlsx"
    source.parent.mkdir()
    source.write_bytes(data)
    target = directory / "out"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(directory / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(target),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return (target / "ledger.xlsx").read_bytes()


def test_a_written_ledger_saved_again_reads_the_same(tmp_path: Path) -> None:
    document = ins.load(EXAMPLES / "fulian-2023.json")
    again = _resaved(write_xlsx(document), tmp_path)
    assert read_xlsx(again) == ledger_part(document)


def test_an_office_ledger_saved_again_reads_the_same(tmp_path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).parent))
    try:
        from test_xlsx_office import office_workbook
    finally:
        sys.path.pop(0)
    data = office_workbook()
    first, again = read_xlsx(data), read_xlsx(_resaved(data, tmp_path))
    # the id is a digest of the file, which the program rewrote; everything else is the same
    assert again.id != first.id
    assert ins.dumps(again).replace(again.id.encode(), b"") == ins.dumps(first).replace(
        first.id.encode(), b""
    )


def test_formulas_never_calculated_read_once_a_program_saved_them(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["填报单位：某局办公室　　填报日期：2024年1月5日　　填报人：王某"])
    sheet.append(["序号", "具体问题", "责任领导", "责任部门", "整改时限", "整改状态"])
    sheet.append([1, "制度不健全", "张三", "办公室", "=DATE(2023,9,30)", '="已"&"完成"'])
    sheet.append(["=A3+1", "台账不规范", "张三", "办公室", "2023年12月31日", None])
    sheet["E3"].number_format = "yyyy-mm-dd"
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(SchemaViolationError) as caught:
        read_xlsx(out.getvalue())  # openpyxl stores the formulas only
    assert [(i.path, i.code) for i in caught.value.issues] == [
        ("Sheet!E3", "XL214"),
        ("Sheet!F3", "XL214"),
        ("Sheet!A4", "XL214"),
    ]
    document = read_xlsx(_resaved(out.getvalue(), tmp_path))
    entries = document.rectifications[0].entries
    assert [e.number for e in entries] == [1, 2]
    plan = document.rectifications[0].plan
    assert plan is not None
    assert plan.responsibilities[0].deadline == datetime.date(2023, 9, 30)
    assert [entry_status(e) for e in entries] == [EntryStatus.COMPLETED, EntryStatus.NOT_STARTED]
