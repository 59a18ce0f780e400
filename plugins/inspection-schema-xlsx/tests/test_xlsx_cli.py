"""Through the host and the command line: the plugin's format is found by suffix and by name."""

from __future__ import annotations

import importlib.metadata
import io
import json
from pathlib import Path

import openpyxl
import pytest
from inspection_schema_xlsx import FORMAT, ledger_part

import inspection_schema as ins
from inspection_schema.cli import main
from inspection_schema.formats import format_for_path, get_format
from inspection_schema.plugins.manager import PluginHost

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"

pytestmark = pytest.mark.usefixtures("installed_plugin_host")


def test_the_host_finds_the_plugin() -> None:
    host = PluginHost(environ={})
    listing = {info.name: info for info in host.plugins()}
    info = listing["xlsx"]
    assert info.distribution == "inspection-schema-xlsx"
    assert info.version == importlib.metadata.version("inspection-schema-xlsx")
    assert info.hooks == ("register_formats",)
    assert info.registered == {"formats": ("xlsx",)}
    assert format_for_path("台账.XLSX") is FORMAT
    assert get_format("xlsx").lossless is False


def test_formats_lists_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["formats"]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("xlsx"))
    assert line.split("\t")[:4] == ["xlsx", ".xlsx", "rw", "lossy"]


def test_convert_json_to_xlsx_and_back(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = EXAMPLES / "fulian-2023.json"
    workbook = tmp_path / "台账.xlsx"
    back = tmp_path / "台账.json"
    assert main(["convert", str(source), str(workbook)]) == 0
    sheet = openpyxl.load_workbook(workbook)["台账"]
    assert sheet["B3"].value == "问题类别"
    assert main(["convert", str(workbook), str(back)]) == 0
    assert ins.load(back) == ledger_part(ins.load(source))
    capsys.readouterr()
    # the example's ledger part breaks no rule (dates, history, identifiers…), whatever the day
    # deadlines are judged on: the workbook read through the registry validates without an issue
    for as_of in ([], ["--as-of", "2023-06-01"], ["--as-of", "2035-01-01"]):
        assert main(["validate", "--format", "json", *as_of, str(workbook)]) == 0
        assert json.loads(capsys.readouterr().out) == []
    assert main(["validate", str(workbook)]) == 0
    assert "通过" in capsys.readouterr().out


def test_convert_an_office_ledger(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["某局巡察整改台账"])
    sheet.append(["填报单位：某局办公室　　填报日期：2024年1月5日　　填报人：王某"])
    sheet.append(["序号", "问题表现", "整改措施", "分管领导", "牵头部门", "完成时限", "整改状态"])
    sheet.append([1, "制度不健全", "修订制度", "张三", "办公室", "2024年3月31日", "整改中"])
    workbook = tmp_path / "office.xlsx"
    book.save(workbook)
    target = tmp_path / "office.json"
    assert main(["convert", str(workbook), str(target)]) == 0
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["kind"] == "rectification_ledger"
    (entry,) = data["rectifications"][0]["entries"]
    assert entry["history"][0]["status"] == "in_progress"
    assert main(["convert", str(target), str(tmp_path / "again.xlsx")]) == 0
    again = openpyxl.load_workbook(tmp_path / "again.xlsx")["台账"]
    assert again["C4"].value == "制度不健全"
    capsys.readouterr()


def test_an_unreadable_cell_through_the_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["填报单位：某局　　填报日期：2024年1月5日"])
    sheet.append(["序号", "具体问题", "整改措施", "整改时限"])
    sheet.append([1, "制度不健全", "修订制度", "尽快"])
    workbook = tmp_path / "bad.xlsx"
    book.save(workbook)
    assert main(["convert", str(workbook), str(tmp_path / "out.json")]) == 1
    error = capsys.readouterr().err
    assert "Sheet!D3 (line 3, column 4): XL203" in error
    assert not (tmp_path / "out.json").exists()
    assert main(["validate", "--format", "json", str(workbook)]) == 1
    (issue,) = json.loads(capsys.readouterr().out)
    assert (issue["path"], issue["line"], issue["column"]) == ("Sheet!D3", 3, 4)


def test_a_file_that_is_no_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"not a workbook")
    assert main(["convert", str(fake), str(tmp_path / "out.json")]) == 2
    assert "XL001" in capsys.readouterr().err


def test_standard_streams(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    source = EXAMPLES / "ledger-only.json"
    assert main(["convert", str(source), "-", "--to", "xlsx"]) == 0
    data = capsysbinary.readouterr().out
    assert data.startswith(b"PK")

    class Stdin:
        buffer = io.BytesIO(data)

    monkeypatch.setattr("sys.stdin", Stdin)
    target = tmp_path / "ledger.json"
    assert main(["convert", "-", str(target), "--from", "xlsx"]) == 0
    assert ins.load(target) == ins.load(source)
