"""Through the host: the plugin is found, ``validate --convention`` and the region code use it."""

from __future__ import annotations

import datetime
import importlib.metadata
import json
from pathlib import Path

import attrs
import pytest
from inspection_schema_conventions import StateCouncilCalendar

from inspection_schema import api
from inspection_schema.cli import main
from inspection_schema.conventions import choose_convention, document_region
from inspection_schema.deadlines import add_working_days
from inspection_schema.model import Document
from inspection_schema.plugins.manager import PluginHost

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "fulian-2023.json"
FEEDBACK = datetime.date(2023, 6, 9)
PLAN_PATH = "$.rectifications[0].plan.adopted_on"
REPORT_PATH = "$.rectifications[0].reports[0].submitted_on"

pytestmark = pytest.mark.usefixtures("installed_plugin_host")


@pytest.fixture(scope="module")
def fulian() -> Document:
    return api.load(EXAMPLE)


def _plan_adopted(document: Document, date: datetime.date) -> Document:
    rectification = document.rectifications[0]
    assert rectification.plan is not None
    plan = attrs.evolve(rectification.plan, adopted_on=date)
    return attrs.evolve(document, rectifications=(attrs.evolve(rectification, plan=plan),))


def _in_dingyuan(document: Document, *, area_code: str = "341125") -> Document:
    """The record as a 定远县 office would keep it: its region code and a county group's name."""
    organisations = tuple(
        attrs.evolve(o, area_code=area_code) if o.id == document.issuer else o
        for o in document.organisations
    )
    assert document.round is not None
    groups = tuple(attrs.evolve(g, name="县委第三巡察组") for g in document.round.groups)
    return attrs.evolve(
        document,
        organisations=organisations,
        round=attrs.evolve(document.round, groups=groups),
    )


def _report_submitted(document: Document, date: datetime.date) -> Document:
    rectification = document.rectifications[0]
    reports = (
        attrs.evolve(rectification.reports[0], submitted_on=date),
        *rectification.reports[1:],
    )
    return attrs.evolve(document, rectifications=(attrs.evolve(rectification, reports=reports),))


def _validate_json(
    capsys: pytest.CaptureFixture[str], *arguments: str
) -> tuple[int, list[dict[str, object]]]:
    code = main(["validate", "--format", "json", *arguments])
    return code, json.loads(capsys.readouterr().out)


def _pairs(listing: list[dict[str, object]]) -> list[tuple[object, object]]:
    return [(item["code"], item["path"]) for item in listing]


# -- the plugin is found ------------------------------------------------------------------------


def test_the_host_finds_the_plugin_and_its_conventions() -> None:
    host = PluginHost(environ={})  # installed entry points, no allow- or block-list
    listing = {info.name: info for info in host.plugins()}
    info = listing["conventions"]
    assert info.distribution == "inspection-schema-conventions"
    assert info.version == importlib.metadata.version("inspection-schema-conventions")
    assert not info.builtin
    assert info.hooks == ("register_conventions",)
    assert info.registered == {"conventions": ("dingyuan", "example-city")}
    names = {convention.name for convention in host.conventions()}
    assert {"national", "dingyuan", "example-city"} <= names
    assert host.owner("conventions", "example-city") == "conventions"


def test_a_block_list_leaves_it_out() -> None:
    host = PluginHost(environ={"INSPECTION_SCHEMA_DISABLE_PLUGINS": "conventions"})
    assert "conventions" not in {info.name for info in host.plugins()}
    assert "dingyuan" not in {convention.name for convention in host.conventions()}


def test_plugins_command_lists_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plugins"]) == 0
    out = capsys.readouterr().out
    version = importlib.metadata.version("inspection-schema-conventions")
    assert f"conventions (inspection-schema-conventions {version})" in out
    assert "  conventions: dingyuan, example-city" in out
    line = next(x for x in out.splitlines() if x.startswith("    dingyuan: "))
    assert "定远县巡察工作规范; regions 341125; working days " in line
    assert "反馈后3个月内报送整改情况报告" in line
    assert main(["plugins", "--format", "json"]) == 0
    listing = {item["name"]: item for item in json.loads(capsys.readouterr().out)}
    assert listing["conventions"]["registered"] == {"conventions": ["dingyuan", "example-city"]}


# -- --convention NAME -----------------------------------------------------------------------


def test_a_plan_clean_nationally_is_late_under_the_local_convention(
    fulian: Document, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 17 working days after feedback: 2023-07-05, within the national month (2023-07-09)
    adopted = add_working_days(FEEDBACK, 17, StateCouncilCalendar())
    assert adopted == datetime.date(2023, 7, 5)
    document = _plan_adopted(fulian, adopted)
    assert api.validate(document) == []  # no region code: the national baseline
    assert api.validate(document, convention="national") == []
    issues = api.validate(document, convention="example-city", select=["R"])
    assert [(i.code, i.path) for i in issues] == [("R101", PLAN_PATH)]
    assert "2023-07-03" in issues[0].message_zh
    assert "反馈后15个工作日内制定整改方案" in issues[0].message_zh
    assert "示例规则" in issues[0].message_zh

    path = tmp_path / "late-plan.json"
    api.dump(document, path)
    code, listing = _validate_json(capsys, "--convention", "national", str(path))
    assert (code, listing) == (0, [])
    code, listing = _validate_json(capsys, "--convention", "example-city", str(path))
    assert code == 0  # warnings only
    found = {(item["code"], item["path"]) for item in listing}
    assert ("R101", PLAN_PATH) in found
    assert {item["code"] for item in listing} == {"R101", "L101"}  # L101: resp-6, as ever
    code, listing = _validate_json(
        capsys, "--convention", "example-city", "--ignore", "L", str(path)
    )
    assert (code, _pairs(listing)) == (0, [("R101", PLAN_PATH)])
    code, listing = _validate_json(
        capsys, "--convention", "example-city", "--select", "L101", str(path)
    )
    assert (code, [item["code"] for item in listing]) == (0, ["L101"])


def test_the_make_up_sunday_keeps_a_plan_on_time(fulian: Document) -> None:
    # the 15th working day is 2023-07-03 only because Sunday 25 June 2023 was worked
    document = _plan_adopted(fulian, datetime.date(2023, 7, 3))
    assert api.validate(document, convention="example-city", select=["R101"]) == []
    document = _plan_adopted(fulian, datetime.date(2023, 7, 4))
    assert [i.code for i in api.validate(document, convention="example-city", select=["R"])] == [
        "R101"
    ]


def test_text_output_names_the_basis(
    fulian: Document, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "late-plan.json"
    api.dump(_plan_adopted(fulian, datetime.date(2023, 7, 5)), path)
    assert main(["validate", "--convention", "example-city", "--select", "R101", str(path)]) == 0
    out = capsys.readouterr().out
    assert "R101" in out
    assert PLAN_PATH in out
    assert main(["validate", str(path)]) == 0
    assert "通过" in capsys.readouterr().out


def test_an_uncovered_year_is_never_counted_silently(
    fulian: Document, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    last = StateCouncilCalendar().covered_years()[1]
    inspection = fulian.inspections[0]
    assert inspection.feedback is not None
    feedback = attrs.evolve(inspection.feedback, date=datetime.date(last, 12, 25))
    document = attrs.evolve(fulian, inspections=(attrs.evolve(inspection, feedback=feedback),))
    path = tmp_path / "next-year.json"
    api.dump(document, path)
    code = main(["validate", "--convention", "example-city", "--select", "R101", str(path)])
    captured = capsys.readouterr()
    said = captured.out + captured.err
    assert "通过" not in said
    assert code == 0, "the deadline it cannot count is a warning, not a crash"
    assert "R101" in captured.out
    assert f"{last + 1}" in said
    assert "未收录" in said


def test_an_unknown_convention_is_refused(
    fulian: Document, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "fulian.json"
    api.dump(fulian, path)
    assert main(["validate", "--convention", "xiamen", str(path)]) == 2
    err = capsys.readouterr().err
    assert "dingyuan" in err
    assert "example-city" in err


# -- the region code chooses ---------------------------------------------------------------------


def test_the_region_code_chooses_dingyuan(
    fulian: Document, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the report on 2023-09-01: late nationally (2023-08-09), on time in 定远县 (2023-09-09)
    document = _report_submitted(_in_dingyuan(fulian), datetime.date(2023, 9, 1))
    assert document_region(document) == "341125"
    host = PluginHost(environ={})
    assert choose_convention(host.conventions(), document).name == "dingyuan"
    assert api.validate(document) == []
    national = api.validate(document, convention="national")
    assert [(i.code, i.path) for i in national] == [("R102", REPORT_PATH)]

    path = tmp_path / "dingyuan.json"
    api.dump(document, path)
    assert main(["validate", str(path)]) == 0
    assert "通过" in capsys.readouterr().out
    code, listing = _validate_json(capsys, "--convention", "national", str(path))
    assert (code, _pairs(listing)) == (0, [("R102", REPORT_PATH)])

    late = _report_submitted(document, datetime.date(2023, 9, 10))
    path = tmp_path / "dingyuan-late.json"
    api.dump(late, path)
    # no --convention: 341125 chooses (R2: the report now follows the disclosure, another rule)
    code, listing = _validate_json(capsys, "--ignore", "R2", str(path))
    assert (code, _pairs(listing)) == (0, [("R102", REPORT_PATH)])
    assert "定远县巡察工作请示报告制度" in str(listing[0]["message_zh"])


def test_the_dispatching_committee_s_code_chooses_too(fulian: Document) -> None:
    document = _in_dingyuan(fulian, area_code="")  # the issuer has none
    assert document.round is not None
    organisations = tuple(
        attrs.evolve(o, area_code="341125") if o.id == document.round.dispatched_by else o
        for o in document.organisations
    )
    document = attrs.evolve(document, organisations=organisations)
    host = PluginHost(environ={})
    assert choose_convention(host.conventions(), document).name == "dingyuan"


@pytest.mark.parametrize(
    ("area_code", "chosen"),
    [
        ("341125", "dingyuan"),
        ("341100", "national"),
        ("341126", "national"),
        ("330100", "national"),
    ],
)
def test_only_the_county_s_code_chooses_it(fulian: Document, area_code: str, chosen: str) -> None:
    document = _in_dingyuan(fulian, area_code=area_code)
    assert choose_convention(PluginHost(environ={}).conventions(), document).name == chosen


def test_dingyuan_checks_the_group_name(fulian: Document) -> None:
    organisations = tuple(
        attrs.evolve(o, area_code="341125") if o.id == fulian.issuer else o
        for o in fulian.organisations
    )
    document = attrs.evolve(fulian, organisations=organisations)  # still 市委第三巡察组
    assert [(i.code, i.path) for i in api.validate(document)] == [
        ("R104", "$.round.groups[0].name")
    ]
