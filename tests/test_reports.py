"""The progress reports: Markdown and HTML formats, the ``export`` command, what the page holds.

What a person sees in a browser (layout, overflow, colours applied) is checked in
``test_report_browser.py``; here the text of the output is checked.
"""

from __future__ import annotations

import datetime
import os
import re
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

from inspection_schema import api
from inspection_schema.cli import main
from inspection_schema.errors import InspectionSchemaError, SchemaViolationError
from inspection_schema.formats import format_for_path, get_format
from inspection_schema.model import Document, LedgerEntry, ProgressNote
from inspection_schema.plugins.manager import PluginHost
from inspection_schema.progress import Standing
from inspection_schema.reports import (
    build_report,
    html_report,
    markdown_report,
    render_html,
    render_markdown,
)
from inspection_schema.reports.html import MUTED, PALETTE, RULE, TEXT

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "fulian-2023.json"
ISSUED = datetime.date(2024, 1, 10)
HOSTILE = "<script>alert('x')</script>\"'><img src=x onerror=alert(1)> | *粗* [链接](javascript:1)"


@pytest.fixture(scope="module")
def fulian() -> Document:
    return api.load(EXAMPLE)


def _hostile(document: Document) -> Document:
    """The example with a problem text, a person's name and a progress note an attacker wrote."""
    [inspection] = document.inspections
    assert inspection.feedback is not None
    problems = (
        attrs.evolve(inspection.feedback.problems[0], text=HOSTILE),
        *inspection.feedback.problems[1:],
    )
    feedback = attrs.evolve(inspection.feedback, problems=problems)
    people = tuple(
        attrs.evolve(p, name=f"</td><b>{p.name}</b>") if p.id == "px-liu" else p
        for p in document.people
    )
    return attrs.evolve(
        document,
        title=f"{document.title}<style>body{{display:none}}</style>",
        inspections=(attrs.evolve(inspection, feedback=feedback),),
        people=people,
    )


# -- registration ---------------------------------------------------------------------------------


def test_the_report_formats_are_write_only(plugin_host: PluginHost) -> None:
    for name, suffix in (("markdown", ".md"), ("html", ".html")):
        fmt = get_format(name)
        assert fmt.read is None
        assert fmt.write is not None
        assert fmt.lossless is False
        assert format_for_path(f"报告{suffix}") is fmt
    info = {i.name: i for i in plugin_host.plugins()}["builtin-reports"]
    assert info.builtin
    assert info.registered == {"formats": ("markdown", "html"), "commands": ("summary", "export")}
    with pytest.raises(SchemaViolationError, match="cannot be read"):
        api.loads(b"<html></html>", format="html")


def test_a_format_writes_as_of_the_documents_issue_date(fulian: Document) -> None:
    page = api.dumps(fulian, format="html").decode()
    assert page == html_report(fulian, ISSUED).decode()
    assert '截至 <time datetime="2024-01-10">2024年1月10日</time>' in page
    text = api.dumps(fulian, format="markdown").decode()
    assert "- 截至：2024年1月10日" in text


def test_convert_writes_a_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "报告.html"
    assert main(["convert", str(EXAMPLE), str(out)]) == 0
    assert out.read_bytes().startswith(b"<!DOCTYPE html>")
    text = tmp_path / "报告.md"
    assert main(["convert", str(EXAMPLE), str(text), "-O", "as_of=2023-12-31"]) == 0
    assert "- 截至：2023年12月31日" in text.read_text(encoding="utf-8")


def test_the_as_of_write_option(fulian: Document) -> None:
    assert get_format("html").write_options.keys() == {"as_of", "convention"}
    dated = api.dumps(fulian, format="html", options={"as_of": "2023-12-31"})
    assert dated == html_report(fulian, datetime.date(2023, 12, 31))
    with pytest.raises(InspectionSchemaError, match="takes a date YYYY-MM-DD"):
        api.dumps(fulian, format="markdown", options={"as_of": "31/12/2023"})


# -- the HTML page --------------------------------------------------------------------------------


def test_one_self_contained_page(fulian: Document) -> None:
    page = html_report(fulian, ISSUED).decode("utf-8")
    assert page.startswith('<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">')
    assert page.count("<html") == 1
    assert page.rstrip().endswith("</html>")
    for external in ("<script", "<link", "<img", "<iframe", "@import", "url(", "@font-face"):
        assert external not in page.lower(), external
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "@page{size:A4 landscape" in page
    assert "@media print" in page
    assert "overflow-wrap:anywhere" in page


def test_the_page_says_what_the_ledger_says(fulian: Document) -> None:
    page = html_report(fulian, ISSUED).decode("utf-8")
    assert "<h1>巡察整改进展情况报告</h1>" in page
    assert (
        "截至2024年1月10日，反馈问题6个，已完成整改2个，基本完成并持续整改1个，未完成3个，"
        "整改完成率33.33%；建立完善制度3项。"
    ) in page
    assert page.count('data-standing="red"') == 2 * 2  # the overdue list and the ledger
    assert page.count('data-standing="blue"') == 2
    assert page.count('data-standing="yellow"') == 2
    assert '<span class="badge red">红·逾期102天</span>' in page
    assert '<span class="badge blue">蓝·已销号</span>' in page
    assert "已销号（2023年9月20日，钱示例）" in page
    assert "2024年3月31日（已延期，原定2023年11月30日）" in page
    assert "2023年12月31日（长期坚持）" in page
    assert "2023年10月31日：下沉基层联系点工作方案已起草,尚未印发(示例)" in page
    assert "示例数据，不代表真实情况" in page
    assert '<span class="seg blue" style="width:33.33%"></span>' in page
    assert '<span class="seg yellow" style="width:33.34%"></span>' in page
    assert '<span class="seg red" style="width:33.33%"></span>' in page
    assert "通报数据与台账一致。" in page


def test_the_overdue_list_comes_first_longest_overdue_first(fulian: Document) -> None:
    page = html_report(fulian, ISSUED).decode("utf-8")
    overdue = page.index('id="overdue"')
    assert overdue < page.index('class="org"')
    assert page.index('id="overview"') < overdue
    listed = re.findall(r'data-entry="([^"]+)"', page[overdue : page.index('class="org"')])
    assert listed == ["entry-4", "entry-1"]


def test_no_overdue_items(fulian: Document) -> None:
    page = html_report(fulian, datetime.date(2023, 7, 1)).decode("utf-8")
    assert "截至报告日期，无逾期未完成事项。" in page
    assert 'data-standing="red"' not in page


def test_every_text_is_escaped(fulian: Document) -> None:
    page = html_report(_hostile(fulian), ISSUED).decode("utf-8")
    assert "<script" not in page
    assert "<img" not in page
    assert "<b>" not in page
    assert page.count("<style>") == 1
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&quot;&#x27;&gt;&lt;img" in page
    assert "&lt;/td&gt;&lt;b&gt;刘示例&lt;/b&gt;" in page


def test_the_page_is_deterministic(fulian: Document, tmp_path: Path) -> None:
    assert html_report(fulian, ISSUED) == html_report(fulian, ISSUED)
    pages = set()
    for seed in ("1", "2"):
        out = tmp_path / f"{seed}.html"
        subprocess.run(
            [sys.executable, "-m", "inspection_schema", "export", str(EXAMPLE), "-o", str(out)],
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
        )
        pages.add(out.read_bytes())
    assert pages == {html_report(fulian, ISSUED)}


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("standing", list(Standing))
def test_the_colours_meet_wcag_contrast(standing: Standing) -> None:
    background, text, tint = PALETTE[standing]
    assert _contrast(background, text) >= 4.5  # the badge's word on its colour (AA)
    assert _contrast(tint, TEXT) >= 7  # body text on a tinted row (AAA)
    assert _contrast(tint, MUTED) >= 4.5
    if standing is not Standing.YELLOW:  # the yellow segment is striped and outlined instead
        assert _contrast(background, "#ffffff") >= 3  # a graphic against the page (1.4.11)
    assert _contrast("#ffffff", MUTED) >= 4.5
    assert _contrast(RULE, "#ffffff") > 1


# -- the Markdown report --------------------------------------------------------------------------


def test_the_markdown_report(fulian: Document) -> None:
    text = markdown_report(fulian, ISSUED).decode("utf-8")
    assert text.startswith("# 巡察整改进展情况报告\n")
    assert text.index("## 逾期未完成事项（2项）") < text.index("## 各被巡察党组织整改情况")
    assert "| 4 | 市妇联党组 | 推动“强三性去四化”不彻底" in text
    assert "`███████░░░░░░░░░░░░░` 33.33%" in text
    assert "| 整改完成率 | 33.33% | 33.33% | 一致 |" in text
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    widths = {line.count(" | ") for line in rows if "---" not in line}
    assert widths == {5, 7, 3}  # every row of a table has its table's cells


def test_the_markdown_report_escapes(fulian: Document) -> None:
    text = markdown_report(_hostile(fulian), ISSUED).decode("utf-8")
    assert "<script" not in text
    assert "<img" not in text
    assert "<b>" not in text
    assert r"\| \*粗\* \[链接\](javascript:1)" in text
    # the | in the text splits no cell: 6 cells in the overdue list, 8 in the ledger
    cells = {
        len(re.split(r"(?<!\\)\|", line)) - 2
        for line in text.splitlines()
        if line.startswith("| 1 |")
    }
    assert cells == {6, 8}


def test_a_multiline_text_stays_in_its_cell(fulian: Document) -> None:
    [rectification] = fulian.rectifications
    entry = rectification.entries[3]
    assert isinstance(entry.history[1], ProgressNote)
    note = attrs.evolve(entry.history[1], text="第一行\n第二行")
    changed = attrs.evolve(entry, history=(entry.history[0], note))
    entries = (*rectification.entries[:3], changed, *rectification.entries[4:])
    document = attrs.evolve(fulian, rectifications=(attrs.evolve(rectification, entries=entries),))
    text = render_markdown(build_report(document, ISSUED))
    assert "：第一行<br>第二行 |" in text


# -- robustness -----------------------------------------------------------------------------------


def test_a_document_without_a_ledger(fulian: Document) -> None:
    empty = attrs.evolve(fulian, rectifications=(), progress_reports=())
    content = build_report(empty, ISSUED)
    assert content.sections == ()
    page = render_html(content)
    assert "整改台账中尚无反馈问题" in page
    assert "无条目" in page
    assert "整改台账中尚无反馈问题" in render_markdown(content)


def test_dangling_references_do_not_break_the_report(fulian: Document) -> None:
    """A document that failed its integrity check still reports (as ``show`` does)."""
    [rectification] = fulian.rectifications
    stray = LedgerEntry(id="entry-x", number=7, problem="prob-x", responsibility="resp-x")
    document = attrs.evolve(
        fulian,
        inspections=(),
        rectifications=(
            attrs.evolve(rectification, plan=None, entries=(*rectification.entries, stray)),
        ),
    )
    content = build_report(document, ISSUED)
    [section] = content.sections
    assert section.organisation == "insp-fulian"
    item = section.items[-1]
    assert (item.problem, item.leader, item.deadline, item.standing) == (
        "prob-x",
        None,
        None,
        Standing.YELLOW,
    )
    assert "未明确" in render_html(content)
    assert content.overdue == ()


def test_several_organisations(fulian: Document) -> None:
    [rectification] = fulian.rectifications
    [inspection] = fulian.inspections
    assert inspection.feedback is not None
    second = attrs.evolve(rectification, id="rect-2", inspection="insp-2", illustrative=False)
    other = attrs.evolve(inspection, id="insp-2", organisation="po-2")
    party = attrs.evolve(fulian.party_organisations[0], id="po-2", name="市总工会党组")
    document = attrs.evolve(
        fulian,
        inspections=(inspection, other),
        party_organisations=(*fulian.party_organisations, party),
        rectifications=(rectification, second),
    )
    content = build_report(document, ISSUED)
    assert [s.organisation for s in content.sections] == ["市妇联党组", "市总工会党组"]
    assert [(i.organisation, i.number) for i in content.overdue] == [
        ("市妇联党组", 4),
        ("市总工会党组", 4),
        ("市妇联党组", 1),
        ("市总工会党组", 1),
    ]
    page = render_html(content)
    assert '<a href="#org-2">市总工会党组</a>' in page
    assert content.totals.problems_total == 12


def test_the_problem_is_shown_as_the_feedback_words_it_under_its_category(
    fulian: Document,
) -> None:
    content = build_report(fulian, ISSUED)
    item = content.sections[0].items[0]
    assert item.category == "贯彻落实党的理论和路线方针政策以及党中央重大决策部署"
    [inspection] = fulian.inspections
    assert inspection.feedback is not None
    assert item.problem == inspection.feedback.problems[0].text


# -- the export command ---------------------------------------------------------------------------


def test_export_html_atomically(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    out.write_text("old")
    assert main(["export", str(EXAMPLE), "--to", "html", "-o", str(out)]) == 0
    assert out.read_bytes() == html_report(api.load(EXAMPLE), ISSUED)
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_export_as_of_a_date_and_by_suffix(tmp_path: Path) -> None:
    out = tmp_path / "报告.md"
    assert main(["export", str(EXAMPLE), "-o", str(out), "--as-of", "2023-12-31"]) == 0
    text = out.read_text(encoding="utf-8")
    assert "- 截至：2023年12月31日" in text
    assert "## 逾期未完成事项（1项）" in text


def test_export_to_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(EXAMPLE), "--to", "markdown", "-o", "-"]) == 0
    assert capsys.readouterr().out.startswith("# 巡察整改进展情况报告")


def test_export_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(EXAMPLE), "-o", str(tmp_path / "report.txt")]) == 2
    assert "give --to markdown or html" in capsys.readouterr().err
    assert main(["export", str(EXAMPLE), "-o", "-"]) == 2
    capsys.readouterr()
    with pytest.raises(SystemExit) as raised:
        main(["export", str(EXAMPLE), "--to", "pdf", "-o", str(tmp_path / "r.pdf")])
    assert raised.value.code == 2
    capsys.readouterr()
    missing = tmp_path / "no" / "such" / "dir" / "r.html"
    assert main(["export", str(EXAMPLE), "-o", str(missing)]) == 2
    assert "cannot write" in capsys.readouterr().err
    assert not missing.parent.exists()


def test_a_notice_whose_ledger_is_not_in_the_document(fulian: Document) -> None:
    notice_only = attrs.evolve(fulian, rectifications=())
    page = html_report(notice_only, ISSUED).decode("utf-8")
    assert "未核对" in page
    assert "所通报的整改台账不在本文档中，未与台账核对" in page
    text = markdown_report(notice_only, ISSUED).decode("utf-8")
    assert "| 反馈问题数 | 6 | — | 未核对 |" in text
