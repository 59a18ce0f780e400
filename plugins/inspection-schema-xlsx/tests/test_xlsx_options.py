"""The format's options: a convention's ledger form, the judging date, the reader's defaults."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import attrs
import openpyxl
import pytest
from inspection_schema_xlsx import plugin as xlsx_plugin

import inspection_schema as ins
from inspection_schema.cli import main
from inspection_schema.conventions import Convention, LedgerTemplate, UnknownConventionError
from inspection_schema.errors import InspectionSchemaError
from inspection_schema.formats import UnknownOptionError
from inspection_schema.model import Document
from inspection_schema.plugins.manager import PluginHost
from inspection_schema.testing.plugins import inline_plugin

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "fulian-2023.json"

COUNTY_FORM = LedgerTemplate(
    name="county-form",
    title="某县巡察反馈问题整改台账",
    headings={"problem": "问题表现", "lead_department": "牵头股室"},
)
COUNTY = Convention(
    name="county-with-form",
    title="某县规范",
    region_codes=("341125",),
    ledger_template=COUNTY_FORM,
)
BARE = Convention(name="no-form", title="无模板规范")


@pytest.fixture
def host(register_plugin: Any) -> PluginHost:
    register_plugin(xlsx_plugin, "xlsx", distribution="inspection-schema-xlsx")
    return register_plugin(
        inline_plugin(register_conventions=lambda register: [register(COUNTY), register(BARE)]),
        "county",
    )


def _headings(data: bytes) -> list[Any]:
    sheet = openpyxl.load_workbook(io.BytesIO(data))["台账"]
    return [cell.value for cell in sheet[3]]


def _title(data: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(data))["台账"]["A1"].value


def _in_county(document: Document) -> Document:
    organisations = tuple(
        attrs.evolve(o, area_code="341125") if o.id == document.issuer else o
        for o in document.organisations
    )
    return attrs.evolve(document, organisations=organisations)


def test_the_region_s_convention_gives_the_form(host: PluginHost) -> None:
    document = ins.load(EXAMPLE)
    consensus = ins.dumps(document, format="xlsx")
    assert "具体问题" in _headings(consensus)
    county = ins.dumps(_in_county(document), format="xlsx")
    assert "问题表现" in _headings(county)
    assert "牵头股室" in _headings(county)
    assert _title(county) == "某县巡察反馈问题整改台账"
    plain = ins.dumps(_in_county(document), format="xlsx", options={"template": "none"})
    assert "具体问题" in _headings(plain)
    named = ins.dumps(document, format="xlsx", options={"template": "county-with-form"})
    assert _headings(named) == _headings(county)


def test_a_form_read_back_with_its_headings(host: PluginHost) -> None:
    document = _in_county(ins.load(EXAMPLE))
    data = ins.dumps(document, format="xlsx", options={"hidden_sheet": "no"})
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["台账", "台账记录"]  # no hidden sheet
    ledger = ins.loads(
        data, format="xlsx", options={"template": "county-with-form", "issuer": "某县妇联"}
    )
    entries = ledger.rectifications[0].entries
    assert len(entries) == len(document.rectifications[0].entries)


def test_bad_options_are_named(host: PluginHost) -> None:
    document = ins.load(EXAMPLE)
    with pytest.raises(UnknownConventionError, match="nowhere"):
        ins.dumps(document, format="xlsx", options={"template": "nowhere"})
    with pytest.raises(InspectionSchemaError, match="no ledger form"):
        ins.dumps(document, format="xlsx", options={"template": "no-form"})
    with pytest.raises(InspectionSchemaError, match="as_of takes a date"):
        ins.dumps(document, format="xlsx", options={"as_of": "2023/12/31"})
    with pytest.raises(InspectionSchemaError, match="hidden_sheet takes yes or no"):
        ins.dumps(document, format="xlsx", options={"hidden_sheet": "maybe"})
    with pytest.raises(UnknownOptionError, match="colour"):
        ins.dumps(document, format="xlsx", options={"colour": "red"})
    data = ins.dumps(document, format="xlsx")
    with pytest.raises(InspectionSchemaError, match="issued_at takes a time with its offset"):
        ins.loads(data, format="xlsx", options={"issued_at": "2024-01-10T09:00"})
    with pytest.raises(InspectionSchemaError, match="classification takes one of"):
        ins.loads(data, format="xlsx", options={"classification": "top"})


def test_the_command_line_passes_them(
    host: PluginHost, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["序号", "问题表现", "整改措施", "分管领导", "牵头部门", "完成时限", "整改状态"])
    sheet.append([1, "制度不健全", "修订制度", "张三", "办公室", "2024年3月31日", "整改中"])
    source = tmp_path / "office.xlsx"
    book.save(source)
    target = tmp_path / "office.json"
    assert main(["convert", str(source), str(target)]) == 1  # no unit, no date, no recorder
    assert "XL10" in capsys.readouterr().err
    options = ["-O", "issuer=某局", "-O", "status_date=2024-01-05", "-O", "recorder=王某"]
    assert main(["convert", str(source), str(target), *options]) == 0
    data = json.loads(target.read_text(encoding="utf-8"))
    (entry,) = data["rectifications"][0]["entries"]
    assert entry["history"][0]["date"] == "2024-01-05"
    out = tmp_path / "county.xlsx"
    assert main(["convert", str(EXAMPLE), str(out), "-O", "template=county-with-form"]) == 0
    assert _title(out.read_bytes()) == "某县巡察反馈问题整改台账"
