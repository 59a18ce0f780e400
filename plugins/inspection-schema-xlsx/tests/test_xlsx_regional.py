"""A county's extra ledger columns, added by a plugin, through JSON, XML and Excel alike.

The extension arrives the way a regional distribution would bring it: a plugin implementing
``register_extensions``, registered in a host made for the test. The same values then survive
every format, the XML validates against the core schema plus the extension's own (with lxml and
with the ``xmlschema`` library, from the files ``write_xsd`` publishes), and the command line
converts between all three.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

import attrs
import pytest
import xmlschema
from attrs import field, frozen
from inspection_schema_xlsx import ledger_part, read_xlsx, write_xlsx
from inspection_schema_xlsx import plugin as xlsx_plugin
from lxml import etree

import inspection_schema as ins
from inspection_schema.cli import main
from inspection_schema.codecs import xml
from inspection_schema.extensions import SchemaExtension
from inspection_schema.model import Document, LedgerEntry, meta
from inspection_schema.model.codes import CodeList, code_list
from inspection_schema.plugins.manager import PluginHost
from inspection_schema.schemas.xsd import (
    FILE_NAME,
    combined_xsd_schema,
    extension_file_name,
    write_xsd,
    xsd_schema,
)
from inspection_schema.testing.plugins import inline_plugin

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "fulian-2023.json"
NS = "urn:example:county-ledger"


@code_list("督办方式")
class Oversight(CodeList):
    """督办方式."""

    WRITTEN = "written", "书面督办"
    ON_SITE = "on_site", "现场督办"


@frozen(kw_only=True)
class CountyLedgerColumns:
    """县级台账附加栏目: the columns a county's ledger form has and the core lacks."""

    TERM: ClassVar[str] = "县级台账附加栏目"
    supervisor: str = field(metadata=meta("督办人"))
    oversight: Oversight = field(metadata=meta("督办方式"))
    reviewed_on: datetime.date | None = field(default=None, metadata=meta("复核日期"))
    publicised: bool = field(default=False, metadata=meta("是否公开"))


COUNTY = SchemaExtension(
    namespace=NS,
    prefix="cty",
    root=CountyLedgerColumns,
    targets=(LedgerEntry,),
    title="县级台账栏目",
)


@pytest.fixture
def county_host(register_plugin: Callable[..., PluginHost]) -> PluginHost:
    register_plugin(xlsx_plugin, "xlsx", distribution="inspection-schema-xlsx")
    return register_plugin(
        inline_plugin(register_extensions=lambda register: register(COUNTY)),
        "county",
        distribution="inspection-schema-county",
    )


def _with_columns(document: Document) -> Document:
    rectification = document.rectifications[0]
    entries = list(rectification.entries)
    entries[0] = attrs.evolve(
        entries[0],
        extensions={
            NS: CountyLedgerColumns(
                supervisor="县委巡察办 李某",
                oversight=Oversight.ON_SITE,
                reviewed_on=datetime.date(2023, 9, 1),
                publicised=True,
            )
        },
    )
    entries[-1] = attrs.evolve(
        entries[-1],
        extensions={
            NS: CountyLedgerColumns(supervisor="县纪委监委 王某", oversight=Oversight.WRITTEN)
        },
    )
    return attrs.evolve(
        document, rectifications=(attrs.evolve(rectification, entries=tuple(entries)),)
    )


def test_the_plugin_s_extension_is_registered(county_host: PluginHost) -> None:
    assert [e.namespace for e in county_host.extensions()] == [NS]
    assert county_host.owner("extensions", NS) == "county"


def test_the_columns_survive_json_xml_and_excel(county_host: PluginHost) -> None:
    document = _with_columns(ins.load(EXAMPLE))

    from_json = ins.loads(ins.dumps(document))
    assert from_json == document
    assert from_json.rectifications[0].entries[0].extensions[NS].oversight is Oversight.ON_SITE

    data = ins.dumps(document, format="xml")
    assert ins.loads(data, format="xml") == document

    ledger = ledger_part(document)
    from_excel = read_xlsx(write_xlsx(document))
    assert from_excel == ledger
    # And across formats: Excel → XML → JSON keeps the same ledger.
    assert ins.loads(ins.dumps(ins.loads(ins.dumps(from_excel, format="xml"), format="xml"))) == (
        ledger
    )


def test_the_xml_validates_against_the_core_and_the_extension_s_schema(
    county_host: PluginHost, tmp_path: Path
) -> None:
    document = _with_columns(ins.load(EXAMPLE))
    data = xml.dumps(document)
    tree = etree.fromstring(data)
    assert xsd_schema().validate(tree), xsd_schema().error_log
    assert combined_xsd_schema().validate(tree), combined_xsd_schema().error_log
    wrong = data.replace(b'oversight="on_site"', b'oversight="onsite"')
    assert wrong != data
    # The core schema leaves the slot lax; with the extension's schema the code is checked.
    assert xsd_schema().validate(etree.fromstring(wrong))
    assert not combined_xsd_schema().validate(etree.fromstring(wrong))

    write_xsd(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [FILE_NAME, extension_file_name(COUNTY)]
    )
    schema = xmlschema.XMLSchema10(str(tmp_path / extension_file_name(COUNTY)))
    assert schema.is_valid(data.decode()), list(schema.iter_errors(data.decode()))[:1]


def test_the_command_line_converts_between_all_three(
    county_host: PluginHost, tmp_path: Path
) -> None:
    document = _with_columns(ins.load(EXAMPLE))
    source = tmp_path / "ledger.json"
    ins.dump(document, source)
    workbook, exchanged, back = (tmp_path / name for name in ("l.xlsx", "l.xml", "l.json"))
    assert main(["convert", str(source), str(workbook)]) == 0
    assert main(["convert", str(workbook), str(exchanged)]) == 0
    assert main(["validate", str(exchanged)]) == 0
    assert main(["convert", str(exchanged), str(back)]) == 0
    assert ins.load(back) == ledger_part(document)
