"""R6xx: identifiers in the form their national standards give them.

A credit code, an identity number, an area code or a document number mistyped by one character
no longer matches across systems. The checks are :mod:`inspection_schema.standards`; the rules
say where. Wrong check characters in otherwise well-formed codes are errors in strict mode and
warnings in lenient mode (``validate --lenient``), since some early real codes fail them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..errors import Issue, Severity
from ..model import Document
from ..standards import (
    StandardFinding,
    area_code_findings,
    document_number_findings,
    identity_number_findings,
    uscc_findings,
)
from . import Rule, RuleContext, RuleExample


def _report(
    rule: Rule, path: str, findings: tuple[StandardFinding, ...], context: RuleContext
) -> Iterator[Issue]:
    for finding in findings:
        lenient = finding.strict_only and not context.strict
        where = f" (character {finding.position})" if finding.position else ""
        where_zh = f"(第{finding.position}位)" if finding.position else ""
        yield rule.issue(
            path,
            f"{finding.message}{where} [{finding.code}]",
            f"{finding.message_zh}{where_zh}",
            severity=Severity.WARNING if lenient else None,
        )


def _credit_codes(document: Document, context: RuleContext) -> Iterator[Issue]:
    for i, organisation in enumerate(document.organisations):
        if organisation.credit_code is not None:
            path = f"$.organisations[{i}].credit_code"
            yield from _report(CREDIT_CODE, path, uscc_findings(organisation.credit_code), context)


def _identity_numbers(document: Document, context: RuleContext) -> Iterator[Issue]:
    today = context.as_of or document.issued_at.date()
    for i, person in enumerate(document.people):
        if person.identity_number is not None:
            findings = identity_number_findings(person.identity_number, today=today)
            path = f"$.people[{i}].identity_number"
            yield from _report(IDENTITY_NUMBER, path, findings, context)


def _area_codes(document: Document, context: RuleContext) -> Iterator[Issue]:
    for i, organisation in enumerate(document.organisations):
        if organisation.area_code is not None:
            path = f"$.organisations[{i}].area_code"
            yield from _report(AREA_CODE, path, area_code_findings(organisation.area_code), context)


def _numbered(document: Document) -> Iterator[tuple[str, str | None]]:
    """Every document number in the record, with its path."""
    for k, source in enumerate(document.sources):
        yield f"$.sources[{k}].document_number", source.document_number
    for i, inspection in enumerate(document.inspections):
        if inspection.feedback is not None:
            yield (
                f"$.inspections[{i}].feedback.document_number",
                inspection.feedback.document_number,
            )
    for r, rectification in enumerate(document.rectifications):
        here = f"$.rectifications[{r}]"
        if rectification.plan is not None:
            yield f"{here}.plan.document_number", rectification.plan.document_number
        for k, mechanism in enumerate(rectification.mechanisms):
            yield f"{here}.mechanisms[{k}].document_number", mechanism.document_number
        for k, report in enumerate(rectification.reports):
            yield f"{here}.reports[{k}].document_number", report.document_number


def _document_numbers(document: Document, context: RuleContext) -> Iterator[Issue]:
    for path, number in _numbered(document):
        if number is not None:
            yield from _report(DOCUMENT_NUMBER, path, document_number_findings(number), context)


def _rule(
    code: str,
    name: str,
    severity: Severity,
    summary: str,
    summary_zh: str,
    check: Callable[[Document, RuleContext], Iterator[Issue]],
    *examples: RuleExample,
) -> Rule:
    return Rule(
        code=code,
        name=name,
        severity=severity,
        summary=summary,
        summary_zh=summary_zh,
        check=check,
        examples=examples,
    )


_ARCHIVE = "$.organisations[11].credit_code"
_WANG = "$.people[5].identity_number"

CREDIT_CODE = _rule(
    "R601",
    "credit-code",
    Severity.ERROR,
    "unified social credit codes follow GB 32100-2015, with both check characters",
    "统一社会信用代码符合GB 32100-2015,校验码正确",
    _credit_codes,
    RuleExample(
        description="the last character mistyped",
        description_zh="最后一位录错",
        changes=((_ARCHIVE, "91310110666007217A"),),
        fails_at=(_ARCHIVE,),
    ),
    RuleExample(
        description="a letter GB 32100 never uses (O for 0)",
        description_zh="使用了标准不用的字母(O代0)",
        changes=((_ARCHIVE, "91310110666OO7217T"),),
        fails_at=(_ARCHIVE,),
    ),
    RuleExample(
        description="a well-formed code",
        description_zh="格式正确的代码",
        changes=((_ARCHIVE, "91310110666007217T"),),
    ),
)
IDENTITY_NUMBER = _rule(
    "R602",
    "identity-number",
    Severity.ERROR,
    "citizen identity numbers follow GB 11643-1999: a real birth date and the check character",
    "公民身份号码符合GB 11643-1999:出生日期真实,校验码正确",
    _identity_numbers,
    RuleExample(
        description="the check character mistyped",
        description_zh="校验码录错",
        changes=((_WANG, "110105194912310021"),),
        fails_at=(_WANG,),
    ),
    RuleExample(
        description="a lower-case x",
        description_zh="末位写成小写x",
        changes=((_WANG, "11010519491231002x"),),
        fails_at=(_WANG,),
    ),
    RuleExample(
        description="another valid number",
        description_zh="另一个有效号码",
        changes=((_WANG, "440524188001010014"),),
    ),
)
AREA_CODE = _rule(
    "R603",
    "area-code",
    Severity.ERROR,
    "administrative-division codes have the GB/T 2260 form (the yearly list is not checked: "
    "retired codes stay valid in old records)",
    "行政区划代码符合GB/T 2260的形式(不核对年度代码表,历史代码仍有效)",
    _area_codes,
    RuleExample(
        description="a province code that does not exist",
        description_zh="不存在的省级代码",
        changes=(("$.organisations[6].area_code", "990100"),),
        fails_at=("$.organisations[6].area_code",),
    ),
    RuleExample(
        description="a county's code",
        description_zh="县级代码",
        changes=(("$.organisations[6].area_code", "341125"),),
    ),
)
DOCUMENT_NUMBER = _rule(
    "R604",
    "document-number",
    Severity.WARNING,
    "document numbers have the GB/T 9704-2012 form: 机关代字〔2024〕3号",
    "发文字号符合GB/T 9704-2012:机关代字〔年份〕序号号",
    _document_numbers,
    RuleExample(
        description="square brackets and a leading zero",
        description_zh="方括号与序号前的0",
        changes=(("$.rectifications[0].plan.document_number", "示例妇党[2023]01号"),),
        fails_at=(
            "$.rectifications[0].plan.document_number",
            "$.rectifications[0].plan.document_number",
        ),
    ),
    RuleExample(
        description="the example's number, 示例妇党〔2023〕1号",
        description_zh="示例文号“示例妇党〔2023〕1号”",
    ),
)

IDENTIFIER_RULES = (CREDIT_CODE, IDENTITY_NUMBER, AREA_CODE, DOCUMENT_NUMBER)
