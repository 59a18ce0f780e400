"""R1xx (naming): round and group names in the form the convention's naming rules give."""

from __future__ import annotations

from collections.abc import Iterator

from ..conventions import Convention, NamingRule
from ..errors import Issue, Severity
from ..model import Document
from . import Rule, RuleContext, RuleExample

COUNTY = Convention(
    name="county-naming-example",
    title="示例县命名规则",
    naming=(
        NamingRule(subject="round", pattern=r"县委第.+轮巡察", example="县委第一轮巡察"),
        NamingRule(subject="group", pattern=r"(县委|市委)第.+巡察组", example="县委第一巡察组"),
    ),
    description="for the rules' examples only / 仅用于规则示例",
)
"""A convention with naming rules, for the examples of the naming rules."""


def _round_name(document: Document, context: RuleContext) -> Iterator[Issue]:
    rules = context.convention.naming_rules("round")
    name = document.round.name if document.round is not None else None
    if not rules or name is None or any(rule.matches(name) for rule in rules):
        return
    examples = "; ".join(rule.example for rule in rules)
    yield ROUND_NAME.issue(
        "$.round.name",
        f"round name {name!r} does not follow {context.convention.name}'s naming rule "
        f"(e.g. {examples})",
        f"轮次名称“{name}”不符合{context.convention.title}的命名规则(如:{examples})",
    )


def _group_names(document: Document, context: RuleContext) -> Iterator[Issue]:
    rules = context.convention.naming_rules("group")
    if not rules or document.round is None:
        return
    examples = "; ".join(rule.example for rule in rules)
    for index, group in enumerate(document.round.groups):
        if not any(rule.matches(group.name) for rule in rules):
            yield GROUP_NAME.issue(
                f"$.round.groups[{index}].name",
                f"group name {group.name!r} does not follow {context.convention.name}'s naming "
                f"rule (e.g. {examples})",
                f"巡察组名称“{group.name}”不符合{context.convention.title}的命名规则"
                f"(如:{examples})",
            )


ROUND_NAME = Rule(
    code="R103",
    name="round-name",
    severity=Severity.WARNING,
    summary="the round's name follows the convention's naming rule",
    summary_zh="轮次名称符合命名规则",
    check=_round_name,
    examples=(
        RuleExample(
            description="a round named otherwise than the county's form",
            description_zh="轮次名称不符合县级命名形式",
            changes=(("$.round.name", "2023年第三轮巡察"),),
            fails_at=("$.round.name",),
            convention=COUNTY,
        ),
        RuleExample(
            description="a round named in the county's form",
            description_zh="轮次名称符合命名形式",
            changes=(("$.round.name", "县委第三轮巡察"),),
            convention=COUNTY,
        ),
    ),
)
GROUP_NAME = Rule(
    code="R104",
    name="group-name",
    severity=Severity.WARNING,
    summary="each inspection group's name follows the convention's naming rule",
    summary_zh="巡察组名称符合命名规则",
    check=_group_names,
    examples=(
        RuleExample(
            description="a group named without its committee",
            description_zh="巡察组名称缺少派出党委",
            changes=(("$.round.groups[0].name", "第三巡察组"),),
            fails_at=("$.round.groups[0].name",),
            convention=COUNTY,
        ),
        RuleExample(
            description="the example's group name, 市委第三巡察组",
            description_zh="示例巡察组名称“市委第三巡察组”",
            convention=COUNTY,
        ),
    ),
)

NAMING_RULES = (ROUND_NAME, GROUP_NAME)
