"""The rules page of the documentation, written from the rules themselves.

Every core rule carries its examples (:class:`~inspection_schema.rules.RuleExample`); the page
shows each example's changes to the bundled example document and what the rule then reports,
by running it, so the page can never promise what the code does not do.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from . import REMOVE, Rule, RuleExample, run_example


def _value(value: Any) -> str:
    if value is REMOVE:
        return "(removed / 删除)"
    return json.dumps(value, ensure_ascii=False)


def _example(rule: Rule, example: RuleExample, data: Any) -> list[str]:
    verdict = "Fails 不通过" if example.fails else "Passes 通过"
    lines = [f"**{verdict}**: {example.description} ({example.description_zh})", ""]
    convention = example.convention
    if convention is not None:
        title = (
            convention if isinstance(convention, str) else f"{convention.name}: {convention.title}"
        )
        lines += [f"Under the convention `{title}`.", ""]
    if example.changes:
        lines.append("```text")
        lines += [f"{path} = {_value(value)}" for path, value in example.changes]
        lines += ["```", ""]
    else:
        lines += ["The example document as it is.", ""]
    issues = run_example(rule, example, data)
    for issue in issues:
        lines += [f"- `{issue.path}`: {issue.message}", f"  / {issue.message_zh}"]
    if issues:
        lines.append("")
    return lines


def rules_markdown(example: Path, rules: Iterable[Rule] | None = None) -> str:
    """The rules page: every core rule with its examples run on ``example``."""
    if rules is None:
        from ..builtin.rules import CORE_RULES

        rules = CORE_RULES
    data = json.loads(Path(example).read_text(encoding="utf-8"))
    chosen = list(rules)
    lines = [
        "# Validation rules",
        "",
        "<!-- Generated from inspection_schema.rules at every build; do not edit. -->",
        "",
        "`inspection-schema validate` checks a document in phases: the schema (codes `S1xx`)",
        "and integrity (`S2xx`: unique ids, references that resolve, the parts a kind of",
        "document requires) on every load, then the rules below, under the convention in force.",
        "Each issue names its place as a JSON path (`path`) and as an XPath (`xpath`), with a",
        "message in English and in Chinese. `--select` and `--ignore` take codes or prefixes",
        "(`--ignore R4`); a convention may switch rules off and adds its own; `--as-of DATE` sets",
        "the day deadlines are judged on; `--lenient` makes wrong check characters warnings.",
        "",
        "Each example changes the bundled example document, `examples/fulian-2023.json` (paths",
        "and values as in its JSON), and shows what the rule then reports.",
        "",
        "| code | name | severity | checks |",
        "| --- | --- | --- | --- |",
    ]
    for rule in chosen:
        anchor = f"{rule.code.lower()}-{rule.name}"
        lines.append(
            f"| [{rule.code}](#{anchor}) | `{rule.name}` | {rule.severity.value} | "
            f"{rule.summary} ({rule.summary_zh}) |"
        )
    lines.append("")
    for rule in chosen:
        lines += [
            f"## {rule.code} {rule.name}",
            "",
            f"{rule.summary[:1].upper()}{rule.summary[1:]}. {rule.summary_zh}。"
            f"Severity: {rule.severity.value}.",
            "",
        ]
        for sample in rule.examples:
            lines += _example(rule, sample, data)
    return "\n".join(lines).rstrip("\n") + "\n"
