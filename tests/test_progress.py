"""Progress: the 红/黄/蓝 standing of an entry on a date, and the counters of a progress notice."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

from inspection_schema import api
from inspection_schema.cli import main
from inspection_schema.errors import InspectionSchemaError
from inspection_schema.lifecycle import entry_status
from inspection_schema.model import (
    DeclaredCounters,
    Document,
    EntryStatus,
    ExtensionDecision,
    ExtensionRequest,
    LedgerEntry,
    Mechanism,
    MechanismAction,
    ProgressReport,
    RectificationMode,
    Responsibility,
    SignOff,
    StatusChange,
)
from inspection_schema.progress import (
    COMPARED_COUNTERS,
    Standing,
    UnknownRectificationError,
    check_progress_report,
    compare_counters,
    completion_rate,
    counters_by_rectification,
    counters_sentence_zh,
    days_overdue,
    declared_inconsistencies,
    derive_counters,
    entry_responsibility,
    entry_standing,
)

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "fulian-2023.json"
D = datetime.date


@pytest.fixture(scope="module")
def fulian() -> Document:
    return api.load(EXAMPLE)


def _responsibility(deadline: datetime.date | None, mode: RectificationMode) -> Responsibility:
    return Responsibility(
        id="resp",
        problem="prob",
        leader="px",
        lead_department="dept",
        mode=mode,
        deadline=deadline,
    )


def _entry(*history: object) -> LedgerEntry:
    return LedgerEntry(id="e", number=1, problem="prob", history=tuple(history))  # type: ignore[arg-type]


START = StatusChange(id="s1", date=D(2023, 7, 1), by="px", status=EntryStatus.IN_PROGRESS)
DUE = D(2023, 9, 30)
TIME_BOUND = _responsibility(DUE, RectificationMode.TIME_BOUND)


# -- standing -------------------------------------------------------------------------------------


def test_standing_words() -> None:
    assert [(s.value, s.term) for s in Standing] == [
        ("red", "红"),
        ("yellow", "黄"),
        ("blue", "蓝"),
    ]
    assert Standing.RED.meaning == "逾期未完成"
    assert Standing("blue") is Standing.BLUE


def test_overdue_from_the_day_after_the_deadline() -> None:
    entry = _entry(START)
    assert entry_standing(entry, TIME_BOUND, DUE) is Standing.YELLOW
    assert days_overdue(entry, TIME_BOUND, DUE) is None
    assert entry_standing(entry, TIME_BOUND, DUE + datetime.timedelta(days=1)) is Standing.RED
    assert days_overdue(entry, TIME_BOUND, D(2023, 10, 31)) == 31


def test_done_is_blue_even_when_late_and_not_before_it_was_done() -> None:
    done = StatusChange(id="s2", date=D(2023, 11, 1), by="px", status=EntryStatus.COMPLETED)
    entry = _entry(START, done)
    assert entry_standing(entry, TIME_BOUND, D(2023, 10, 15)) is Standing.RED
    assert entry_standing(entry, TIME_BOUND, D(2023, 11, 1)) is Standing.BLUE
    signed = _entry(START, done, SignOff(id="so", date=D(2023, 11, 20), approver="px"))
    assert entry_standing(signed, TIME_BOUND, D(2024, 1, 1)) is Standing.BLUE
    assert days_overdue(signed, TIME_BOUND, D(2024, 1, 1)) is None


def test_not_started_is_yellow_until_overdue() -> None:
    entry = _entry()
    assert entry_status(entry, D(2023, 8, 1)) is EntryStatus.NOT_STARTED
    assert entry_standing(entry, TIME_BOUND, D(2023, 8, 1)) is Standing.YELLOW
    assert entry_standing(entry, TIME_BOUND, D(2023, 10, 1)) is Standing.RED


def test_an_approved_extension_moves_the_deadline_a_refused_one_does_not() -> None:
    request = ExtensionRequest(
        id="x1", date=D(2023, 9, 1), by="px", requested_deadline=D(2023, 12, 31), reason="r"
    )
    approved = ExtensionDecision(
        id="x2", date=D(2023, 9, 5), by="px", request="x1", approved=True, deadline=D(2023, 12, 31)
    )
    refused = attrs.evolve(approved, approved=False, deadline=None)
    assert entry_standing(_entry(START, request, approved), TIME_BOUND, D(2023, 11, 1)) is (
        Standing.YELLOW
    )
    assert entry_standing(_entry(START, request, refused), TIME_BOUND, D(2023, 11, 1)) is (
        Standing.RED
    )
    # before the decision, the plan's deadline is the one in force
    assert entry_standing(_entry(START, request, approved), TIME_BOUND, D(2023, 9, 4)) is (
        Standing.YELLOW
    )


def test_no_deadline_is_never_red_on_a_date_alone() -> None:
    ongoing = _responsibility(None, RectificationMode.ONGOING)
    entry = _entry(START)
    for year in (2023, 2030, 2100):
        assert entry_standing(entry, ongoing, D(year, 12, 31)) is Standing.YELLOW
    assert entry_standing(entry, None, D(2100, 1, 1)) is Standing.YELLOW


def test_basically_completed_past_its_deadline_is_red() -> None:
    """基本完成、持续整改 is not done: past the deadline in force it is overdue, as the Excel
    ledger has always coloured it (its test pins entry 1 of the example red on 2024-01-10)."""
    basically = StatusChange(id="s2", date=D(2023, 9, 1), by="px", status=EntryStatus.ONGOING)
    ongoing_mode = _responsibility(DUE, RectificationMode.ONGOING)
    entry = _entry(START, basically)
    assert entry_standing(entry, ongoing_mode, DUE) is Standing.YELLOW
    assert entry_standing(entry, ongoing_mode, D(2023, 10, 1)) is Standing.RED


def test_the_example_on_its_issue_date(fulian: Document) -> None:
    [rectification] = fulian.rectifications
    as_of = fulian.issued_at.date()
    standings = [
        entry_standing(e, entry_responsibility(rectification, e), as_of)
        for e in rectification.entries
    ]
    R, Y, B = Standing.RED, Standing.YELLOW, Standing.BLUE
    assert standings == [R, B, B, R, Y, Y]
    overdue = [
        days_overdue(e, entry_responsibility(rectification, e), as_of)
        for e in rectification.entries
    ]
    assert overdue == [10, None, None, 102, None, None]


def test_responsibility_by_id_else_by_problem(fulian: Document) -> None:
    [rectification] = fulian.rectifications
    entry = rectification.entries[3]
    assert entry_responsibility(rectification, entry) is not None
    by_problem = attrs.evolve(entry, responsibility=None)
    found = entry_responsibility(rectification, by_problem)
    assert found is not None
    assert found.problem == entry.problem
    assert entry_responsibility(attrs.evolve(rectification, plan=None), entry) is None


def test_the_excel_ledger_colours_as_entry_standing_does(fulian: Document) -> None:
    """The workbook's status colours are entry_standing's for every date it is written as of."""
    xlsx = pytest.importorskip("inspection_schema_xlsx.writer")
    openpyxl = pytest.importorskip("openpyxl")
    import io

    colours = {xlsx.RED: Standing.RED, xlsx.YELLOW: Standing.YELLOW, xlsx.BLUE: Standing.BLUE}
    [rectification] = fulian.rectifications
    for as_of in (D(2023, 7, 5), D(2023, 10, 1), D(2023, 12, 31), D(2024, 1, 10), D(2024, 4, 1)):
        book = openpyxl.load_workbook(io.BytesIO(xlsx.write_xlsx(fulian, as_of=as_of)))
        sheet = book["台账"]
        status_column = 1 + [c.value for c in sheet[3]].index("整改状态")
        for row, entry in enumerate(rectification.entries, start=4):
            rgb = sheet.cell(row=row, column=status_column).fill.fgColor.rgb
            standing = entry_standing(entry, entry_responsibility(rectification, entry), as_of)
            if rgb in colours:
                assert colours[rgb] is standing, (as_of, entry.number)
            else:  # left uncoloured: only a not-started entry within its deadline
                assert standing is Standing.YELLOW, (as_of, entry.number)
                assert entry_status(entry, as_of) is EntryStatus.NOT_STARTED


# -- counters -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("completed", "total", "places", "rate"),
    [
        (688, 697, 2, Decimal("98.71")),
        (2, 6, 2, Decimal("33.33")),
        (4, 6, 2, Decimal("66.67")),
        (5, 8, 2, Decimal("62.50")),
        (1, 8, 0, Decimal("13")),  # 12.5 rounds half up
        (1, 200, 1, Decimal("0.5")),
        (6, 6, 2, Decimal("100.00")),
        (0, 6, 2, Decimal("0.00")),
    ],
)
def test_completion_rate(completed: int, total: int, places: int, rate: Decimal) -> None:
    computed = completion_rate(completed, total, places=places)
    assert computed == rate
    assert str(computed) == str(rate)


def test_no_rate_without_problems() -> None:
    assert completion_rate(0, 0) is None


def test_counters_of_the_example(fulian: Document) -> None:
    counters = derive_counters(fulian, D(2023, 12, 31))
    assert attrs.asdict(counters) == {
        "problems_total": 6,
        "completed": 2,
        "ongoing": 1,
        "not_completed": 3,
        "completion_rate": Decimal("33.33"),
        "signed_off": 1,
        "overdue": 1,
        "regulations": 3,
        "as_of": D(2023, 12, 31),
    }
    assert counters_sentence_zh(counters) == (
        "截至2023年12月31日，反馈问题6个，已完成整改2个，基本完成并持续整改1个，未完成3个，"
        "整改完成率33.33%；建立完善制度3项。"
    )


def test_counters_as_of_a_past_date(fulian: Document) -> None:
    """On 2023-08-01 only entry 3 was completed; two regulations were dated by then."""
    counters = derive_counters(fulian, D(2023, 8, 1))
    assert (counters.completed, counters.ongoing, counters.not_completed) == (1, 0, 5)
    assert counters.signed_off == 0
    assert counters.regulations == 2
    assert counters.completion_rate == Decimal("16.67")
    assert counters.overdue == 0
    assert derive_counters(fulian, D(2023, 6, 1)).regulations == 0


@pytest.mark.parametrize("days", [0, 30, 60, 100, 150, 200, 300, 400])
def test_the_parts_add_up_on_every_date(fulian: Document, days: int) -> None:
    counters = derive_counters(fulian, D(2023, 6, 26) + datetime.timedelta(days=days))
    assert counters.completed + counters.ongoing + counters.not_completed == 6
    assert counters.signed_off <= counters.completed
    assert counters.overdue <= counters.ongoing + counters.not_completed


def test_regulations_count_made_and_revised_dated_ones_only(fulian: Document) -> None:
    [rectification] = fulian.rectifications
    extra = (
        Mechanism(id="m-x", title="废止", action=MechanismAction.ABOLISHED, date=D(2023, 8, 1)),
        Mechanism(id="m-y", title="未注日期", action=MechanismAction.MADE),
    )
    changed = attrs.evolve(
        fulian,
        rectifications=(attrs.evolve(rectification, mechanisms=rectification.mechanisms + extra),),
    )
    assert derive_counters(changed, D(2023, 12, 31)).regulations == 3


def test_counters_over_named_rectifications(fulian: Document) -> None:
    [rectification] = fulian.rectifications
    second = attrs.evolve(rectification, id="rect-2", entries=rectification.entries[:2])
    both = attrs.evolve(fulian, rectifications=(rectification, second))
    as_of = D(2023, 12, 31)
    assert derive_counters(both, as_of).problems_total == 8
    assert derive_counters(both, as_of, rectifications=["rect-2"]).problems_total == 2
    assert derive_counters(both, as_of, rectifications=["rect-2"]).completion_rate == Decimal(
        "50.00"
    )
    assert [c.problems_total for _, c in counters_by_rectification(both, as_of)] == [6, 2]
    with pytest.raises(UnknownRectificationError, match="rect-9") as raised:
        derive_counters(both, as_of, rectifications=["rect-9"])
    assert isinstance(raised.value, InspectionSchemaError)


def test_an_empty_ledger() -> None:
    empty = attrs.evolve(api.load(EXAMPLE), rectifications=())
    counters = derive_counters(empty, D(2024, 1, 1))
    assert counters.problems_total == 0
    assert counters.completion_rate is None
    assert counters_sentence_zh(counters) == "截至2024年1月1日，整改台账中尚无反馈问题。"


# -- declared counters ----------------------------------------------------------------------------

SEED = DeclaredCounters(
    problems_total=697,
    completed=688,
    ongoing=4,
    not_completed=5,
    completion_rate=Decimal("98.71"),
)
"""The seed notice: 697 problems, 688 completed, 4 ongoing, 5 not completed, 98.71%."""


def test_the_seed_notice_is_consistent() -> None:
    assert completion_rate(688, 697) == Decimal("98.71")
    assert declared_inconsistencies(SEED) == ()


@pytest.mark.parametrize(
    ("change", "fields"),
    [
        ({"problems_total": 698}, ["problems_total", "completion_rate"]),
        ({"completed": 687}, ["problems_total", "completion_rate"]),
        ({"ongoing": 5}, ["problems_total"]),
        ({"not_completed": 4}, ["problems_total"]),
        ({"completion_rate": Decimal("98.72")}, ["completion_rate"]),
        ({"completion_rate": Decimal("98.70")}, ["completion_rate"]),
    ],
)
def test_a_notice_with_one_number_off_is_flagged(change: dict[str, Any], fields: list[str]) -> None:
    findings = declared_inconsistencies(attrs.evolve(SEED, **change))
    assert [f.field for f in findings] == fields
    for finding in findings:
        assert finding.field in attrs.fields_dict(DeclaredCounters)
        assert finding.message
        assert finding.message_zh


def test_inconsistency_messages() -> None:
    [total, rate] = declared_inconsistencies(attrs.evolve(SEED, completed=687))
    assert total.declared == 697
    assert total.expected == 696
    assert total.message_zh == "已完成687+基本完成并持续整改4+未完成5=696,与反馈问题数697不符"
    assert rate.expected == Decimal("98.57")
    assert rate.message == "completion rate 98.71% is not 687 / 697 = 98.57%"


def test_a_rate_stated_to_fewer_decimals_is_checked_at_its_precision() -> None:
    assert declared_inconsistencies(attrs.evolve(SEED, completion_rate=Decimal("98.7"))) == ()
    assert declared_inconsistencies(attrs.evolve(SEED, completion_rate=Decimal("99"))) == ()
    [finding] = declared_inconsistencies(attrs.evolve(SEED, completion_rate=Decimal("98.8")))
    assert finding.expected == Decimal("98.7")
    whole = DeclaredCounters(problems_total=5, completed=5, completion_rate=Decimal("100"))
    assert declared_inconsistencies(whole) == ()


def test_partial_notices() -> None:
    assert declared_inconsistencies(DeclaredCounters()) == ()
    assert declared_inconsistencies(DeclaredCounters(problems_total=10, completed=7)) == ()
    [finding] = declared_inconsistencies(
        DeclaredCounters(problems_total=10, completed=7, ongoing=4)
    )
    assert finding.field == "problems_total"
    assert finding.expected == 11
    [rate] = declared_inconsistencies(
        DeclaredCounters(problems_total=0, completed=0, completion_rate=Decimal("100"))
    )
    assert rate.field == "completion_rate"
    assert rate.expected is None


def test_compare_only_what_both_sides_have(fulian: Document) -> None:
    derived = derive_counters(fulian, D(2023, 12, 31))
    [report] = fulian.progress_reports
    assert compare_counters(report.counters, derived) == ()
    not_derivable = attrs.evolve(
        report.counters,
        funds_returned=Decimal("66.57"),
        persons_accountable=12,
        democratic_life_meetings=1,
    )
    assert compare_counters(not_derivable, derived) == ()
    assert compare_counters(DeclaredCounters(), derived) == ()
    assert set(COMPARED_COUNTERS) <= set(attrs.fields_dict(DeclaredCounters))


def test_declared_counters_that_disagree_with_the_ledger(fulian: Document) -> None:
    derived = derive_counters(fulian, D(2023, 12, 31))
    [report] = fulian.progress_reports
    wrong = attrs.evolve(
        report.counters, completed=3, not_completed=2, completion_rate=Decimal("50.00")
    )
    differences = compare_counters(wrong, derived)
    assert [d.field for d in differences] == ["completed", "not_completed", "completion_rate"]
    first = differences[0]
    assert (first.declared, first.derived, first.as_of) == (3, 2, D(2023, 12, 31))
    assert first.message == "declared completed 3, but the ledger gives 2 as of 2023-12-31"
    assert first.message_zh == "通报已完成整改数为3,台账截至2023年12月31日为2"
    assert differences[2].derived == Decimal("33.33")
    # consistent with itself, yet not with the ledger: only compare_counters finds it
    assert declared_inconsistencies(wrong) == ()


def test_a_notice_is_checked_as_of_its_own_date(fulian: Document) -> None:
    [report] = fulian.progress_reports
    check = check_progress_report(fulian, report)
    assert check.consistent
    assert check.derived is not None
    assert check.derived.as_of == report.as_of
    earlier = attrs.evolve(report, as_of=D(2023, 8, 1))
    check = check_progress_report(fulian, earlier)
    assert not check.consistent
    assert {d.field for d in check.differences} == {
        "completed",
        "ongoing",
        "not_completed",
        "completion_rate",
        "regulations",
    }


# -- the summary command --------------------------------------------------------------------------


def _with_notice(document: Document, **counters: Any) -> Document:
    [report] = document.progress_reports
    changed: ProgressReport = attrs.evolve(
        report, counters=attrs.evolve(report.counters, **counters)
    )
    return attrs.evolve(document, progress_reports=(changed,))


def test_summary_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summary", str(EXAMPLE), "--as-of", "2023-12-31"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == (
        "截至2023年12月31日，反馈问题6个，已完成整改2个，基本完成并持续整改1个，未完成3个，"
        "整改完成率33.33%；建立完善制度3项。"
    )
    assert lines[2].split() == [
        "被巡察党组织",
        "反馈问题",
        "已完成",
        "持续整改",
        "未完成",
        "完成率",
        "已销号",
        "逾期",
        "制度",
    ]
    assert lines[3].split() == ["市妇联党组", "6", "2", "1", "3", "33.33%", "1", "1", "3"]
    assert lines[4].split()[0] == "合计"
    assert "与台账一致 (consistent)" in out


def test_summary_flags_a_notice_that_disagrees(
    fulian: Document, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "notice.json"
    api.dump(_with_notice(fulian, completed=3), path)
    assert main(["summary", str(path), "--as-of", "2024-01-10"]) == 1
    out = capsys.readouterr().out
    assert "completed: declared completed 3, but the ledger gives 2 as of 2023-12-31" in out
    assert "problems_total: completed + ongoing + not completed = 3 + 1 + 3 = 7" in out


def test_summary_json_is_stable(
    fulian: Document, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "notice.json"
    api.dump(_with_notice(fulian, regulations=4), path)
    assert main(["summary", str(path), "--as-of", "2024-01-10", "--format", "json"]) == 1
    first = capsys.readouterr().out
    assert main(["summary", str(path), "--as-of", "2024-01-10", "--format", "json"]) == 1
    assert capsys.readouterr().out == first
    data = json.loads(first)
    assert list(data) == [
        "as_of",
        "sentence",
        "totals",
        "rectifications",
        "progress_reports",
        "consistent",
    ]
    assert data["totals"]["completion_rate"] == "33.33"
    assert data["totals"]["overdue"] == 2
    assert data["rectifications"][0]["organisation"] == "市妇联党组"
    [notice] = data["progress_reports"]
    assert notice["declared"]["completion_rate"] == "33.33"
    assert notice["derived"]["as_of"] == "2023-12-31"
    assert notice["differences"] == [
        {
            "field": "regulations",
            "declared": 4,
            "derived": 3,
            "message": "declared regulations 4, but the ledger gives 3 as of 2023-12-31",
            "message_zh": "通报建立完善制度数为4,台账截至2023年12月31日为3",
        }
    ]
    assert notice["inconsistencies"] == []
    assert data["consistent"] is False


def test_summary_reads_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io
    import sys

    class Stdin:
        buffer = io.BytesIO(EXAMPLE.read_bytes())

    monkeypatch.setattr(sys, "stdin", Stdin)
    assert main(["summary", "-", "--from", "json", "--as-of", "2023-12-31"]) == 0
    assert "反馈问题6个" in capsys.readouterr().out
    assert main(["summary", "-", "--as-of", "2023-12-31"]) == 2
    assert "needs --from" in capsys.readouterr().err


def test_summary_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["summary", str(EXAMPLE), "--as-of", "31.12.2023"])
    assert raised.value.code == 2
    assert "not a date" in capsys.readouterr().err
    assert main(["summary", str(tmp_path / "missing.json")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_summary_of_a_document_without_notices(
    fulian: Document, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "ledger.json"
    api.dump(attrs.evolve(fulian, progress_reports=()), path)
    assert main(["summary", str(path), "--as-of", "2023-12-31"]) == 0
    assert "没有整改进展通报" in capsys.readouterr().out


def test_the_notice_of_the_docs_example_holds_on_the_day_it_speaks_of(fulian: Document) -> None:
    """The example's notice says 2 of 6 completed as of 2023-12-31; on a later day the ledger has
    moved on, but the notice is still checked as of its own date."""
    later = derive_counters(fulian, D(2030, 1, 1))
    assert later.overdue >= 1
    [report] = fulian.progress_reports
    assert check_progress_report(fulian, report).consistent


def test_a_notice_whose_ledger_is_elsewhere_is_checked_for_consistency_only(
    fulian: Document, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    [report] = fulian.progress_reports
    elsewhere = attrs.evolve(report, rectifications=("rect-in-another-document",))
    check = check_progress_report(fulian, elsewhere)
    assert check.derived is None
    assert check.consistent
    notice_only = attrs.evolve(fulian, rectifications=(), progress_reports=(report,))
    check = check_progress_report(notice_only, report)
    assert check.derived is None
    broken = attrs.evolve(report, counters=attrs.evolve(report.counters, completed=3))
    assert [f.field for f in check_progress_report(notice_only, broken).inconsistencies] == [
        "problems_total",
        "completion_rate",
    ]
    path = tmp_path / "notice.json"
    api.dump(attrs.evolve(notice_only, progress_reports=(elsewhere,)), path)
    assert main(["summary", str(path), "--as-of", "2023-12-31", "--format", "json"]) == 0
    [notice] = json.loads(capsys.readouterr().out)["progress_reports"]
    assert notice["derived"] is None
    assert main(["summary", str(path), "--as-of", "2023-12-31"]) == 0
    assert "its ledger is not in this document" in capsys.readouterr().out


def test_a_conventions_concentrated_period_dates_items_without_a_deadline(
    register_plugin: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """An item whose plan sets no date is due when the convention's 集中整改 period ends."""
    from inspection_schema.conventions import Convention, DeadlinePolicy
    from inspection_schema.deadlines import DeadlineUnit
    from inspection_schema.model import DeadlinePurpose
    from inspection_schema.progress import convention_due, entry_due
    from inspection_schema.testing.plugins import inline_plugin

    three_months = Convention(
        name="three-months",
        title="三个月集中整改",
        deadlines=(
            DeadlinePolicy(
                purpose=DeadlinePurpose.CONCENTRATED_RECTIFICATION,
                amount=3,
                unit=DeadlineUnit.MONTHS,
                basis="测试",
            ),
        ),
    )
    register_plugin(inline_plugin(register_conventions=lambda register: register(three_months)))
    document = api.load(EXAMPLE)
    rectification = document.rectifications[0]
    plan = rectification.plan
    assert plan is not None
    # entry 4 (time-bound, due 2023-09-30, still in progress) loses its date
    undated = tuple(
        attrs.evolve(r, deadline=None) if r.id == "resp-4" else r for r in plan.responsibilities
    )
    changed = attrs.evolve(
        document,
        rectifications=(
            attrs.evolve(rectification, plan=attrs.evolve(plan, responsibilities=undated)),
        ),
    )
    entry = changed.rectifications[0].entries[3]
    responsibility = undated[3]
    due = convention_due(changed, changed.rectifications[0], three_months)
    assert due == datetime.date(2023, 9, 9)  # feedback 2023-06-09 + 3 months
    assert entry_due(entry, responsibility, datetime.date(2023, 12, 31)) is None
    assert entry_due(entry, responsibility, datetime.date(2023, 12, 31), fallback=due) == due
    as_of = datetime.date(2023, 12, 31)
    without = derive_counters(changed, as_of).overdue
    assert derive_counters(changed, as_of, convention=three_months).overdue == without + 1
    # an ongoing item without a date has none, whatever the convention says
    ongoing = undated[0]
    assert (
        entry_due(
            changed.rectifications[0].entries[0],
            attrs.evolve(ongoing, deadline=None),
            as_of,
            fallback=due,
        )
        is None
    )
    path = tmp_path / "undated.json"
    api.dump(changed, path)
    assert main(["summary", "--format", "json", "--as-of", "2023-12-31", str(path)]) == 0
    plain = json.loads(capsys.readouterr().out)
    assert (
        main(
            [
                "summary",
                "--format",
                "json",
                "--as-of",
                "2023-12-31",
                "--convention",
                "three-months",
                str(path),
            ]
        )
        == 0
    )
    dated = json.loads(capsys.readouterr().out)
    assert dated["totals"]["overdue"] == plain["totals"]["overdue"] + 1


def test_show_counts_overdue_items_as_the_reports_do(capsys: pytest.CaptureFixture[str]) -> None:
    from inspection_schema.progress import derive_counters

    as_of = datetime.date(2024, 1, 10)
    overdue = derive_counters(api.load(EXAMPLE), as_of).overdue
    assert overdue == 2  # entry 1 (基本完成、持续整改, stage deadline passed) and entry 4
    assert main(["show", str(EXAMPLE), "--as-of", as_of.isoformat()]) == 0
    assert f"逾期未完成 {overdue} 项" in capsys.readouterr().out
