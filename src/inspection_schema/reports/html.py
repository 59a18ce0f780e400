"""The progress report as one self-contained HTML page, for screens and for A4 paper.

One file, nothing fetched: the style is inline, there are no scripts, fonts or images, so the
page opens the same on an intranet machine, in a mail attachment or from a USB stick. Colour
is never the only signal: every 红/黄/蓝 mark also carries its word, and the colours meet WCAG
contrast against their text (:data:`PALETTE`, checked by the tests). Every text from the
document goes through :func:`html.escape`; the output depends only on the document and date.
"""

from __future__ import annotations

import datetime
import html
import string
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

from ..conventions import Convention
from ..display import date_zh
from ..model import Document
from ..progress import (
    COMPARED_COUNTERS,
    DerivedCounters,
    ProgressReportCheck,
    Standing,
    counters_sentence_zh,
)
from .content import (
    TOTAL_LABELS,
    OrganisationSection,
    ReportContent,
    ReportItem,
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

PALETTE: Final[dict[Standing, tuple[str, str, str]]] = {
    Standing.RED: ("#b42318", "#ffffff", "#fdecea"),
    Standing.YELLOW: ("#f2c200", "#1f1a00", "#fff8db"),
    Standing.BLUE: ("#1d5fb0", "#ffffff", "#e8f0fb"),
}
"""Per standing: the badge and bar colour, the text colour on it, and the row tint."""

TEXT: Final = "#1f2328"
MUTED: Final = "#57606a"
RULE: Final = "#d0d7de"

_CSS: Final = string.Template("""
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:#f6f8fa;color:$text;font:15px/1.65 system-ui,-apple-system,
"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",
"WenQuanYi Zen Hei",sans-serif}
.page{max-width:1240px;margin:0 auto;padding:24px 28px 40px}
h1,h2,h3{line-height:1.3;margin:0}
h1{font-size:1.75rem}
h2{font-size:1.3rem;margin-bottom:12px}
h3{font-size:1.1rem}
p{margin:0 0 10px}
.masthead{background:#fff;border-bottom:4px solid $red;padding:20px 28px}
.masthead .page{padding:0}
.eyebrow{color:$muted;margin:0 0 4px}
.meta{color:$muted;margin:6px 0 0}
.sample{display:inline-block;margin-top:8px;padding:2px 10px;border:1px dashed $muted;
border-radius:4px;color:$muted}
section{background:#fff;border:1px solid $rule;border-radius:8px;padding:20px 22px;
margin:20px 0}
.sentence{font-size:1.08rem}
.tiles{display:grid;grid-template-columns:repeat(4,minmax(0,1fr));gap:10px;margin:16px 0}
.tiles div{border:1px solid $rule;border-radius:6px;padding:8px 12px;min-width:0}
.tiles dt{color:$muted;font-size:.85rem}
.tiles dd{margin:0;font-size:1.45rem;font-weight:600}
.tiles dd small{font-size:.8rem;font-weight:400;color:$muted;margin-left:2px}
.tiles .red dd{color:$red}
.progress{display:flex;align-items:center;gap:12px;margin:8px 0 4px;flex-wrap:wrap}
.bar{display:flex;flex:1 1 16rem;min-width:0;height:16px;border:1px solid #6e7781;
border-radius:9px;overflow:hidden;background:#fff}
.seg{display:block;height:100%}
.seg.blue{background:$blue}
.seg.yellow{background:repeating-linear-gradient(135deg,$yellow 0 6px,#e0b400 6px 9px)}
.seg.red{background:$red}
.progress .label{white-space:nowrap;font-weight:600}
.counts{color:$muted;font-size:.9rem;margin:0}
.legend{display:flex;flex-wrap:wrap;gap:6px 18px;font-size:.9rem;color:$muted;margin:10px 0 0}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-weight:600;
font-size:.85rem;line-height:1.5}
.badge.red{background:$red;color:$red_text}
.badge.yellow{background:$yellow;color:$yellow_text}
.badge.blue{background:$blue;color:$blue_text}
.status{display:block;margin-bottom:4px}
table{width:100%;border-collapse:collapse;table-layout:fixed;font-size:.92rem}
th,td{border-bottom:1px solid $rule;padding:8px 6px;text-align:left;vertical-align:top;
overflow-wrap:anywhere;word-break:normal}
thead th{background:#f6f8fa;color:$muted;font-weight:600;border-bottom:2px solid $rule}
td.num,th.num{text-align:right}
tbody tr{border-left:5px solid transparent}
tr.standing-red{border-left-color:$red;background:$red_tint}
tr.standing-yellow{border-left-color:$yellow}
tr.standing-blue{border-left-color:$blue}
.category{display:block;color:$muted;font-size:.82rem}
.overdue{border-color:$red;border-width:2px}
.overdue h2{color:$red}
.days{color:$red;font-weight:700}
.none{color:$muted}
.org-head{display:flex;flex-wrap:wrap;align-items:baseline;justify-content:space-between;
gap:4px 16px;margin-bottom:6px}
.toc ol{margin:0;padding-left:1.4em;columns:2 22rem}
.toc li{break-inside:avoid}
.toc a{color:$blue}
.differ{color:$red;font-weight:700}
.agree{color:#1a7f37}
footer{color:$muted;font-size:.85rem;padding-top:4px}
@media (max-width:720px){
.tiles{grid-template-columns:repeat(2,minmax(0,1fr))}
.page{padding:12px}
section{padding:14px}
table.cards,table.cards tbody,table.cards tr,table.cards td{display:block;width:auto}
table.cards colgroup,table.cards thead{display:none}
table.cards tr{border:1px solid $rule;border-left-width:5px;border-radius:6px;
margin:0 0 10px;padding:6px 10px}
table.cards td{border:0;padding:3px 0}
table.cards td::before{content:attr(data-label) "：";color:$muted}
table.cards td.num{text-align:left}
}
@page{size:A4 landscape;margin:12mm}
@media print{
body{background:#fff;font-size:10pt}
.page{max-width:none;padding:0}
.masthead{padding:0 0 8px}
section{border:0;border-radius:0;padding:0;margin:14px 0}
.toc{display:none}
thead{display:table-header-group}
tr{break-inside:avoid}
h2,h3,.org-head{break-after:avoid}
.badge,.seg,.bar,tr.standing-red,.masthead{-webkit-print-color-adjust:exact;
print-color-adjust:exact}
a{color:inherit;text-decoration:none}
}
""").substitute(
    text=TEXT,
    muted=MUTED,
    rule=RULE,
    red=PALETTE[Standing.RED][0],
    red_text=PALETTE[Standing.RED][1],
    red_tint=PALETTE[Standing.RED][2],
    yellow=PALETTE[Standing.YELLOW][0],
    yellow_text=PALETTE[Standing.YELLOW][1],
    blue=PALETTE[Standing.BLUE][0],
    blue_text=PALETTE[Standing.BLUE][1],
)
"""The page's whole style: no class of the page is styled from anywhere else."""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _percent(part: int, total: int) -> Decimal:
    return (Decimal(part) * 100 / Decimal(total)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _bar(counters: DerivedCounters) -> str:
    """A stacked bar: blue done, yellow in progress, red overdue, widths in per cent."""
    total = counters.problems_total
    blue, red = counters.completed, counters.overdue
    yellow = total - blue - red
    label = (
        f"完成率 {counters.completion_rate}%" if counters.completion_rate is not None else "无条目"
    )
    words = f"蓝（已完成）{blue}个，黄（整改中）{yellow}个，红（逾期）{red}个"
    segments = ""
    if total:
        blue_width, red_width = _percent(blue, total), _percent(red, total)
        widths = ((Standing.BLUE, blue_width), (Standing.YELLOW, 100 - blue_width - red_width))
        for standing, width in (*widths, (Standing.RED, red_width)):
            if width > 0:
                segments += f'<span class="seg {standing.value}" style="width:{width}%"></span>'
    return (
        f'<div class="progress"><div class="bar" role="img" aria-label="{_e(label)}：{words}">'
        f'{segments}</div><span class="label">{_e(label)}</span></div>'
        f'<p class="counts">{_badge(Standing.BLUE, "蓝")} 已完成 {blue}　'
        f"{_badge(Standing.YELLOW, '黄')} 整改中 {yellow}　"
        f"{_badge(Standing.RED, '红')} 逾期 {red}</p>"
    )


def _badge(standing: Standing, text: str) -> str:
    return f'<span class="badge {standing.value}">{_e(text)}</span>'


def _tiles(counters: DerivedCounters) -> str:
    cells = []
    for name, label, unit in TOTAL_LABELS:
        value = counter_text(counters, name).removesuffix("%")
        shown = "" if value == "—" else f"<small>{_e(unit)}</small>"
        warn = ' class="red"' if name == "overdue" and counters.overdue else ""
        cells.append(f"<div{warn}><dt>{_e(label)}</dt><dd>{_e(value)}{shown}</dd></div>")
    return f'<dl class="tiles">{"".join(cells)}</dl>'


def _legend() -> str:
    return (
        '<p class="legend">'
        + "".join(f"<span>{_badge(s, s.term)} {_e(s.meaning)}</span>" for s in Standing)
        + "<span>（按截至日期判定）</span></p>"
    )


def _table(
    kind: str, columns: Iterable[tuple[str, str, str]], rows: Iterable[str], label: str
) -> str:
    """``columns``: (heading, width, css class) each; ``rows`` already rendered."""
    columns = tuple(columns)
    colgroup = "".join(f'<col style="width:{width}">' for _, width, _ in columns)
    head = "".join(
        f'<th scope="col" class="{cls}">{_e(heading)}</th>'
        if cls
        else f'<th scope="col">{_e(heading)}</th>'
        for heading, _, cls in columns
    )
    return (
        f'<table class="{kind} cards" aria-label="{_e(label)}">'
        f"<colgroup>{colgroup}</colgroup><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _cell(label: str, content: str, cls: str = "") -> str:
    klass = f' class="{cls}"' if cls else ""
    return f'<td{klass} data-label="{_e(label)}">{content}</td>'


def _row_open(item: ReportItem) -> str:
    return (
        f'<tr class="standing-{item.standing.value}" data-standing="{item.standing.value}" '
        f'data-entry="{_e(item.entry)}" data-rectification="{_e(item.rectification)}">'
    )


_OVERDUE_COLUMNS: Final = (
    ("序号", "6%", "num"),
    ("被巡察党组织", "15%", ""),
    ("问题", "39%", ""),
    ("责任领导 / 牵头部门", "16%", ""),
    ("整改时限", "14%", ""),
    ("逾期", "10%", "num"),
)


def _overdue(content: ReportContent) -> str:
    count = len(content.overdue)
    head = f'<h2 id="overdue-h">逾期未完成事项 <span class="badge red">{count}项</span></h2>'
    if count:
        rows = []
        for item in content.overdue:
            cells = (
                _cell("序号", str(item.number), "num"),
                _cell("被巡察党组织", _e(item.organisation)),
                _cell("问题", _e(item.problem)),
                _cell("责任领导 / 牵头部门", _e(responsibility_zh(item))),
                _cell("整改时限", _e(deadline_zh(item))),
                _cell("逾期", f'<span class="days">{item.days_overdue}天</span>', "num"),
            )
            rows.append(_row_open(item) + "".join(cells) + "</tr>")
        label = "逾期未完成事项，逾期最久者在前"
        body = '<p class="counts">逾期最久者在前。</p>' + _table(
            "overdue-list", _OVERDUE_COLUMNS, rows, label
        )
    else:
        body = '<p class="none">截至报告日期，无逾期未完成事项。</p>'
    return (
        f'<section class="overdue" id="overdue" aria-labelledby="overdue-h">{head}{body}</section>'
    )


_ITEM_COLUMNS: Final = (
    ("序号", "6%", "num"),
    ("问题", "28%", ""),
    ("责任领导 / 牵头部门", "13%", ""),
    ("整改状态", "12%", ""),
    ("整改时限", "12%", ""),
    ("最新进展", "19%", ""),
    ("销号情况", "10%", ""),
)


def _item_row(item: ReportItem) -> str:
    category = f'<span class="category">{_e(item.category)}</span>' if item.category else ""
    status = (
        f'<span class="status">{_e(item.status.term)}</span>'
        f"{_badge(item.standing, standing_zh(item))}"
    )
    progress = progress_zh(item)
    cells = (
        _cell("序号", str(item.number), "num"),
        _cell("问题", category + _e(item.problem)),
        _cell("责任领导 / 牵头部门", _e(responsibility_zh(item))),
        _cell("整改状态", status),
        _cell("整改时限", _e(deadline_zh(item))),
        _cell("最新进展", _e(progress) if progress else '<span class="none">—</span>'),
        _cell("销号情况", _e(sign_off_zh(item))),
    )
    return _row_open(item) + "".join(cells) + "</tr>"


def _section(position: int, section: OrganisationSection) -> str:
    anchor = f"org-{position}"
    sample = '<span class="sample">示例数据</span>' if section.illustrative else ""
    head = (
        f'<div class="org-head"><h2 id="{anchor}-h">{_e(section.organisation)}</h2>{sample}</div>'
    )
    sentence = f"<p>{_e(counters_sentence_zh(section.counters))}</p>"
    if section.items:
        rows = [_item_row(item) for item in section.items]
        body = _table("items", _ITEM_COLUMNS, rows, f"{section.organisation}整改台账")
    else:
        body = '<p class="none">台账中没有条目。</p>'
    return (
        f'<section class="org" id="{anchor}" aria-labelledby="{anchor}-h" '
        f'data-rectification="{_e(section.rectification)}">'
        f"{head}{sentence}{_bar(section.counters)}{body}</section>"
    )


def _toc(content: ReportContent) -> str:
    if len(content.sections) < 2:
        return ""
    items = "".join(
        f'<li><a href="#org-{n}">{_e(s.organisation)}</a> '
        f'<span class="counts">{_e(counter_text(s.counters, "completion_rate"))}'
        f"{'，逾期' + str(s.counters.overdue) + '项' if s.counters.overdue else ''}</span></li>"
        for n, s in enumerate(content.sections, start=1)
    )
    return (
        '<section class="toc" aria-labelledby="toc-h"><h2 id="toc-h">被巡察党组织</h2>'
        f"<ol>{items}</ol></section>"
    )


def _check(check: ProgressReportCheck) -> str:
    report = check.report
    title = _e(report.title or report.id)
    differing = {d.field for d in check.differences}
    rows = []
    for name in COMPARED_COUNTERS:
        if getattr(report.counters, name) is None:
            continue
        if check.derived is None:
            verdict = '<span class="none">未核对</span>'
        elif name in differing:
            verdict = '<span class="differ">不符</span>'
        else:
            verdict = '<span class="agree">一致</span>'
        rows.append(
            f"<tr><td>{_e(counter_label(name))}</td>"
            f'<td class="num">{_e(counter_text(report.counters, name))}</td>'
            f'<td class="num">{_e(counter_text(check.derived, name))}</td><td>{verdict}</td></tr>'
        )
    table = ""
    if rows:
        table = (
            '<table class="check"><colgroup><col style="width:40%"><col style="width:20%">'
            '<col style="width:20%"><col style="width:20%"></colgroup><thead><tr>'
            '<th scope="col">项目</th><th scope="col" class="num">通报</th>'
            '<th scope="col" class="num">台账</th><th scope="col">核对</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
    findings = "".join(
        f"<li>通报数据自相矛盾：{_e(finding.message_zh)}</li>" for finding in check.inconsistencies
    )
    listing = f"<ul>{findings}</ul>" if findings else ""
    verdict = f'<p class="{"agree" if check.consistent else "differ"}">{verdict_zh(check)}</p>'
    return (
        f'<div class="notice"><h3>{title}（截至{date_zh(report.as_of)}）</h3>'
        f"{table}{listing}{verdict}</div>"
    )


def render_html(content: ReportContent) -> str:
    """The report as one HTML page (UTF-8, no external resources)."""
    as_of = date_zh(content.as_of)
    meta = [f'截至 <time datetime="{content.as_of.isoformat()}">{as_of}</time>']
    if content.document_title:
        meta.append(_e(content.document_title))
    eyebrow = f'<p class="eyebrow">{_e(content.issuer)}</p>' if content.issuer else ""
    sample = '<p class="sample">示例数据，不代表真实情况</p>' if content.illustrative else ""
    overview = (
        '<section class="overview" id="overview" aria-labelledby="overview-h">'
        '<h2 id="overview-h">总体情况</h2>'
        f'<p class="sentence">{_e(content.sentence)}</p>'
        f"{_bar(content.totals)}{_tiles(content.totals)}{_legend()}</section>"
    )
    sections = "".join(_section(n, s) for n, s in enumerate(content.sections, start=1))
    checks = ""
    if content.checks:
        checks = (
            '<section class="checks" id="checks" aria-labelledby="checks-h">'
            '<h2 id="checks-h">进展通报核对</h2>'
            + "".join(_check(check) for check in content.checks)
            + "</section>"
        )
    footer = (
        f"<footer>由 inspection-schema 根据文档 {_e(content.document_id)} 生成；"
        f"红黄蓝按{as_of}的台账判定：红 逾期未完成，黄 整改中，蓝 已完成或已销号。</footer>"
    )
    title = f"{content.title}（截至{as_of}）"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="inspection-schema">\n'
        f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f'<header class="masthead"><div class="page">{eyebrow}<h1>{_e(content.title)}</h1>'
        f'<p class="meta">{" · ".join(meta)}</p>{sample}</div></header>\n'
        f'<main class="page">\n{overview}\n{_overdue(content)}\n{_toc(content)}\n'
        f"{sections}\n{checks}\n{footer}\n</main>\n</body>\n</html>\n"
    )


def html_report(
    document: Document,
    as_of: datetime.date | None = None,
    convention: Convention | None = None,
) -> bytes:
    """The report as UTF-8 HTML, as of ``as_of`` (default: the document's issue date)."""
    day = as_of or document.issued_at.date()
    return render_html(build_report(document, day, convention=convention)).encode("utf-8")
