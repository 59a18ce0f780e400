"""The core rules: each holds to its examples (a failing one, a passing one at least), and the
example document validates clean."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from inspection_schema import api
from inspection_schema.builtin.rules import CORE_RULES
from inspection_schema.plugins.manager import PluginHost
from inspection_schema.rules import CODE_PATTERN, Rule, RuleExample, run_example

EXAMPLE = Path(__file__).parent.parent / "examples" / "fulian-2023.json"


@pytest.fixture(scope="module")
def data() -> Any:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def _examples() -> list[Any]:
    return [
        pytest.param(rule, example, id=f"{rule.code}-{'fails' if example.fails else 'passes'}-{n}")
        for rule in CORE_RULES
        for n, example in enumerate(rule.examples)
    ]


def test_the_example_validates_clean(plugin_host: PluginHost) -> None:
    assert api.validate(api.load(EXAMPLE)) == []


@pytest.mark.parametrize("rule", CORE_RULES, ids=lambda rule: rule.code)
def test_every_core_rule_has_a_failing_and_a_passing_example(rule: Rule) -> None:
    assert CODE_PATTERN.fullmatch(rule.code)
    assert any(example.fails for example in rule.examples), "no failing example"
    assert any(not example.fails for example in rule.examples), "no passing example"
    assert rule.summary
    assert rule.summary_zh


def test_codes_and_names_are_unique() -> None:
    assert len({rule.code for rule in CORE_RULES}) == len(CORE_RULES)
    assert len({rule.name for rule in CORE_RULES}) == len(CORE_RULES)


@pytest.mark.parametrize(("rule", "example"), _examples())
def test_each_rule_holds_to_its_examples(
    plugin_host: PluginHost, data: Any, rule: Rule, example: RuleExample
) -> None:
    issues = run_example(rule, example, data)
    assert [issue.path for issue in issues] == list(example.fails_at)
    for issue in issues:
        assert issue.code == rule.code
        assert issue.message
        assert issue.message_zh


def test_issues_name_their_place_as_json_path_and_xpath(
    plugin_host: PluginHost, data: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from inspection_schema.cli import main
    from inspection_schema.rules import apply_changes

    changed = apply_changes(data, [("$.inspections[0].stationing.end", "2023-03-01")])
    document = api.loads(json.dumps(changed, ensure_ascii=False))
    (issue,) = api.validate(document, select=["R201"])
    assert issue.path == "$.inspections[0].stationing.end"
    assert issue.xpath == "/document/inspections/inspection/stationing/@end"
    source = tmp_path / "late.json"
    source.write_text(json.dumps(changed, ensure_ascii=False), encoding="utf-8")
    assert main(["validate", "--format", "json", "--select", "R2", str(source)]) == 1
    (listed,) = json.loads(capsys.readouterr().out)
    assert (listed["path"], listed["xpath"]) == (issue.path, issue.xpath)
    xml = tmp_path / "late.xml"
    api.dump(document, xml)
    assert main(["validate", "--format", "json", "--select", "R2", str(xml)]) == 1
    (listed,) = json.loads(capsys.readouterr().out)
    assert listed["path"] == issue.xpath  # an XML reader names places by XPath


def test_a_convention_switches_rules_off(register_plugin: Any, data: Any) -> None:
    from inspection_schema.conventions import Convention
    from inspection_schema.rules import apply_changes
    from inspection_schema.testing.plugins import inline_plugin

    quiet = Convention(name="quiet", title="不查日期", ignore=("R2",))
    register_plugin(inline_plugin(register_conventions=lambda register: register(quiet)))
    changed = apply_changes(data, [("$.inspections[0].stationing.end", "2023-03-01")])
    document = api.loads(json.dumps(changed, ensure_ascii=False))
    assert [i.code for i in api.validate(document)] == ["R201"]
    assert api.validate(document, convention="quiet") == []


def test_lenient_mode_makes_wrong_check_characters_warnings(
    plugin_host: PluginHost, data: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from inspection_schema.cli import main
    from inspection_schema.errors import Severity
    from inspection_schema.rules import apply_changes

    changed = apply_changes(
        data,
        [
            ("$.organisations[11].credit_code", "91310110666007217A"),  # check character only
            ("$.organisations[6].area_code", "990100"),  # a form error stays an error
        ],
    )
    document = api.loads(json.dumps(changed, ensure_ascii=False))
    strict = {i.path: i.severity for i in api.validate(document, select=["R6"])}
    lenient = {i.path: i.severity for i in api.validate(document, select=["R6"], strict=False)}
    assert strict == {
        "$.organisations[11].credit_code": Severity.ERROR,
        "$.organisations[6].area_code": Severity.ERROR,
    }
    assert lenient == {
        "$.organisations[11].credit_code": Severity.WARNING,
        "$.organisations[6].area_code": Severity.ERROR,
    }
    only_check = apply_changes(data, [("$.organisations[11].credit_code", "91310110666007217A")])
    source = tmp_path / "early.json"
    source.write_text(json.dumps(only_check, ensure_ascii=False), encoding="utf-8")
    assert main(["validate", "--select", "R601", str(source)]) == 1
    assert main(["validate", "--select", "R601", "--lenient", str(source)]) == 0
    assert "R601" in capsys.readouterr().out
