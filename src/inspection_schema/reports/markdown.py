"""The progress report as Markdown: for a wiki, a merge request, or a plain-text mail.

Every text from the document is escaped, both for Markdown (a ``|`` cannot split a table cell,
a ``*`` cannot start emphasis) and for the HTML a Markdown renderer passes through (a problem
text holding ``<script>`` stays text).
"""

from __future__ import annotations

import datetime
import html
import re

from ..conventions import Convention
from ..display import date_zh
from ..model import Document
from ..progress import (
    COMPARED_COUNTERS,
    DerivedCounters,
    ProgressReportCheck,
    counters_sentence_zh,
)
from .content import (
    TOTAL_LABELS,
    OrganisationSection,
    ReportContent,
    build_report,
    counter_label,
    counter_text,
    deadline_zh,
    progress_zh,
    responsibility_zh,
    sign_off_zh,
    standing_zh,
    verdict_zh,
)

BAR_CELLS = 20
"""Characters in a text progress bar: one per 5 %."""

_SPECIAL = re.compile(r"([\\`*_{}\[\]|~#+!])")


def escape(text: str) -> str:
    """Markdown-safe inline text: HTML escaped, Markdown punctuation backslashed, one line."""
    text = html.escape(text, quote=False)
    text = _SPECIAL.sub(r"\\\1", text)
    return "<br>".join(line.strip() for line in text.splitlines()) if "\n" in text else text


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _table(headings: list[str], rows: list[list[str]], align: str = "") -> list[str]:
    """A pipe table; ``align`` has one character per column: ``r`` right, else left."""
    rule = ["---:" if (align[i : i + 1] == "r") else "---" for i in range(len(headings))]
    return [_row(headings), _row(rule), *(_row(r) for r in rows)]


def bar(counters: DerivedCounters) -> str:
    """完成进度 as text: one ``█`` per 5 % completed, ``░`` for the rest, then the rate."""
    total = counters.problems_total
    if total == 0:
        return "`" + "░" * BAR_CELLS + "` —"
    filled = (counters.completed * BAR_CELLS * 2 + total) // (total * 2)
    return f"`{'█' * filled}{'░' * (BAR_CELLS - filled)}` {counters.completion_rate}%"


def _totals(counters: DerivedCounters) -> list[str]:
    headings = [label for _, label, _ in TOTAL_LABELS]
    cells = [counter_text(counters, name) for name, _, _ in TOTAL_LABELS]
    return _table(headings, [cells], "r" * len(headings))


def _overdue(content: ReportContent) -> list[str]:
    lines = [f"## 逾期未完成事项（{len(content.overdue)}项）", ""]
    if not content.overdue:
        return [*lines, "截至报告日期，无逾期未完成事项。", ""]
    rows = [
        [
            str(item.number),
            escape(item.organisation),
            escape(item.problem),
            escape(responsibility_zh(item)),
            escape(deadline_zh(item)),
            f"**{item.days_overdue}天**",
        ]
        for item in content.overdue
    ]
    headings = ["序号", "被巡察党组织", "问题", "责任领导 / 牵头部门", "整改时限", "逾期"]
    return [*lines, *_table(headings, rows, "r" + "l" * 4 + "r"), ""]


def _section(section: OrganisationSection) -> list[str]:
    marker = "（示例数据）" if section.illustrative else ""
    lines = [
        f"### {escape(section.organisation)}{marker}",
        "",
        counters_sentence_zh(section.counters),
        "",
        f"完成进度：{bar(section.counters)}",
        "",
    ]
    if not section.items:
        return [*lines, "台账中没有条目。", ""]
    rows = []
    for item in section.items:
        problem = escape(item.problem)
        if item.category:
            problem = f"【{escape(item.category)}】{problem}"
        rows.append(
            [
                str(item.number),
                problem,
                escape(responsibility_zh(item)),
                escape(item.status.term),
                escape(standing_zh(item)),
                escape(deadline_zh(item)),
                escape(progress_zh(item) or "—"),
                escape(sign_off_zh(item)),
            ]
        )
    headings = [
        "序号",
        "问题",
        "责任领导 / 牵头部门",
        "整改状态",
        "颜色",
        "整改时限",
        "最新进展",
        "销号情况",
    ]
    return [*lines, *_table(headings, rows, "r"), ""]


def _row_verdict(check: ProgressReportCheck, differs: bool) -> str:
    if check.derived is None:
        return "未核对"
    return "**不符**" if differs else "一致"


def _check(check: ProgressReportCheck) -> list[str]:
    report = check.report
    title = escape(report.title or report.id)
    head = f"### {title}（截至{date_zh(report.as_of)}）"
    differing = {d.field for d in check.differences}
    rows = []
    for name in COMPARED_COUNTERS:
        if getattr(report.counters, name) is None:
            continue
        rows.append(
            [
                counter_label(name),
                counter_text(report.counters, name),
                counter_text(check.derived, name),
                _row_verdict(check, name in differing),
            ]
        )
    lines = [head, ""]
    if rows:
        lines += [*_table(["项目", "通报", "台账", "核对"], rows, "lrr"), ""]
    for finding in check.inconsistencies:
        lines.append(f"- 通报数据自相矛盾：{escape(finding.message_zh)}")
    if check.inconsistencies:
        lines.append("")
    verdict = verdict_zh(check)
    return [*lines, verdict, ""]


def render_markdown(content: ReportContent) -> str:
    """The report as Markdown text (GitHub-flavoured pipe tables)."""
    lines = [f"# {escape(content.title)}", ""]
    if content.illustrative:
        lines += ["> 示例数据，不代表真实情况。", ""]
    if content.document_title:
        lines.append(f"- 文档：{escape(content.document_title)}")
    if content.issuer:
        lines.append(f"- 制发单位：{escape(content.issuer)}")
    lines += [f"- 截至：{date_zh(content.as_of)}", "", content.sentence, ""]
    lines += [*_totals(content.totals), "", f"完成进度：{bar(content.totals)}", ""]
    lines += ["颜色：红 逾期未完成；黄 整改中；蓝 已完成或已销号（按截至日期判定）。", ""]
    lines += _overdue(content)
    lines += ["## 各被巡察党组织整改情况", ""]
    for section in content.sections:
        lines += _section(section)
    if content.checks:
        lines += ["## 进展通报核对", ""]
        for check in content.checks:
            lines += _check(check)
    lines.append(f"由 inspection-schema 根据文档 {escape(content.document_id)} 生成。")
    return "\n".join(lines) + "\n"


def markdown_report(
    document: Document,
    as_of: datetime.date | None = None,
    convention: Convention | None = None,
) -> bytes:
    """The report as UTF-8 Markdown, as of ``as_of`` (default: the document's issue date)."""
    day = as_of or document.issued_at.date()
    return render_markdown(build_report(document, day, convention=convention)).encode("utf-8")
