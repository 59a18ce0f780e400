"""``inspection-schema ledger``: ledger operations on a document file, from the command line.

Each subcommand records one event through :mod:`inspection_schema.lifecycle`, prints one Chinese
line, and rewrites the file atomically in its own format; a refusal exits 2 with the library's
message and leaves the file byte for byte as it was.
"""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import attrs
import pytest

from inspection_schema import api
from inspection_schema.cli import main
from inspection_schema.integrity import check_integrity
from inspection_schema.lifecycle import entry_deadline, entry_status
from inspection_schema.model import (
    Acceptance,
    Document,
    EntryStatus,
    ExtensionDecision,
    ExtensionRequest,
    LedgerEntry,
    ProgressNote,
    SignOff,
    StatusChange,
)
from inspection_schema.plugins.manager import PluginHost

EXAMPLES = Path(__file__).parent.parent / "examples"


@pytest.fixture(autouse=True)
def _builtin_plugins_only(plugin_host: PluginHost) -> PluginHost:
    return plugin_host


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    """A copy of the example to work on."""
    return Path(shutil.copy(EXAMPLES / "fulian-2023.json", tmp_path / "台账.json"))


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["ledger", *args])
    out, err = capsys.readouterr()
    return code, out, err


def entry(path: Path, entry_id: str) -> LedgerEntry:
    document = api.load(path)
    return next(e for r in document.rectifications for e in r.entries if e.id == entry_id)


def loaded(path: Path) -> Document:
    document = api.load(path)
    assert check_integrity(document) == []
    return document


# -- each subcommand --------------------------------------------------------------------------


def test_progress(ledger: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys,
        "progress",
        str(ledger),
        "4",
        "--text",
        "工作方案已印发",
        "--by",
        "郑示例",
        "--date",
        "2024-01-05",
        "--evidence",
        "ev-minutes",
    )
    assert (code, out, err) == (0, "第4项:记录整改进展(2024年1月5日,郑示例)\n", "")
    note = entry(ledger, "entry-4").history[-1]
    assert note == ProgressNote(
        id="entry-4-progress-2",
        date=datetime.date(2024, 1, 5),
        text="工作方案已印发",
        by="px-zheng",
        evidence=("ev-minutes",),
    )
    loaded(ledger)


def test_progress_without_a_recorder(ledger: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "progress", str(ledger), "entry-6", "--text", "已召开", "--date", "2024-01-05"
    )
    assert (code, out) == (0, "第6项:记录整改进展(2024年1月5日)\n")
    note = entry(ledger, "entry-6").history[-1]
    assert isinstance(note, ProgressNote)
    assert note.by is None


def test_extend_and_decide(ledger: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "extend",
        str(ledger),
        "第4项",
        "--by",
        "px-zheng",
        "--date",
        "2024-01-05",
        "--deadline",
        "2024-06-30",
        "--reason",
        "需与年度工作同步推进",
    )
    assert (code, out) == (0, "第4项:申请延期整改至2024年6月30日(2024年1月5日,郑示例)\n")
    assert isinstance(entry(ledger, "entry-4").history[-1], ExtensionRequest)
    code, out, _ = run(
        capsys, "decide", str(ledger), "4", "--by", "钱示例", "--date", "2024-01-08", "--approve"
    )
    assert (code, out) == (0, "第4项:同意延期至2024年6月30日(2024年1月8日,钱示例)\n")
    decided = entry(ledger, "entry-4")
    assert isinstance(decided.history[-1], ExtensionDecision)
    assert entry_deadline(decided, None) == datetime.date(2024, 6, 30)


def test_decide_refuse(ledger: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(
        capsys,
        *("extend", str(ledger), "6", "--by", "吴示例", "--date", "2024-01-05"),
        *("--deadline", "2024-09-30", "--reason", "联席会议待召开"),
    )
    code, out, _ = run(
        capsys,
        *("decide", str(ledger), "6", "--by", "钱示例", "--date", "2024-01-08", "--refuse"),
        *("--note", "按期完成"),
    )
    assert (code, out) == (0, "第6项:不同意延期(2024年1月8日,钱示例)\n")
    decision = entry(ledger, "entry-6").history[-1]
    assert isinstance(decision, ExtensionDecision)
    assert (decision.approved, decision.deadline, decision.note) == (False, None, "按期完成")


@pytest.mark.parametrize(
    ("action", "number", "said", "status"),
    [
        ("complete", "4", "已完成", EntryStatus.COMPLETED),
        ("ongoing", "4", "基本完成、持续整改", EntryStatus.ONGOING),
        ("complete", "1", "已完成", EntryStatus.COMPLETED),
    ],
)
def test_complete_and_ongoing(
    ledger: Path,
    capsys: pytest.CaptureFixture[str],
    action: str,
    number: str,
    said: str,
    status: EntryStatus,
) -> None:
    code, out, _ = run(
        capsys,
        *(action, str(ledger), number, "--by", "吴示例", "--date", "2024-01-05"),
        *("--note", "说明"),
    )
    assert (code, out) == (0, f"第{number}项:{said}(2024年1月5日,吴示例)\n")
    changed = entry(ledger, f"entry-{number}")
    assert isinstance(changed.history[-1], StatusChange)
    assert entry_status(changed) is status


def test_accept_and_sign_off(ledger: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        *("accept", str(ledger), "3", "--by", "孙示例", "--date", "2024-01-05", "--passed"),
        *("--opinion", "同意销号", "--evidence", "ev-minutes"),
    )
    assert (code, out) == (0, "第3项:验收通过(2024年1月5日,孙示例)\n")
    assert isinstance(entry(ledger, "entry-3").history[-1], Acceptance)
    code, out, _ = run(
        capsys,
        *("sign-off", str(ledger), "3", "--by", "px-qian", "--date", "2024-01-10"),
        *("--evidence", "ev-minutes", "ev-rules-revised"),
    )
    assert (code, out) == (0, "第3项:已销号(2024年1月10日,钱示例)\n")
    closed = entry(ledger, "entry-3")
    assert closed.history[-1] == SignOff(
        id="entry-3-sign-off-1",
        date=datetime.date(2024, 1, 10),
        approver="px-qian",
        evidence=("ev-minutes", "ev-rules-revised"),
    )
    assert entry_status(closed) is EntryStatus.SIGNED_OFF
    assert api.validate(loaded(ledger)) == []


def test_a_failed_acceptance(ledger: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        *("accept", str(ledger), "3", "--by", "孙示例", "--date", "2024-01-05", "--failed"),
    )
    assert (code, out) == (0, "第3项:验收不通过,退回整改(2024年1月5日,孙示例)\n")
    assert entry_status(entry(ledger, "entry-3")) is EntryStatus.IN_PROGRESS


def test_reject(ledger: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        *("reject", str(ledger), "3", "--by", "钱示例", "--date", "2024-01-05"),
        *("--reason", "纪要不全"),
    )
    assert (code, out) == (0, "第3项:退回整改(2024年1月5日,钱示例)\n")
    change = entry(ledger, "entry-3").history[-1]
    assert isinstance(change, StatusChange)
    assert (change.status, change.note) == (EntryStatus.IN_PROGRESS, "纪要不全")


def test_the_date_defaults_to_today(ledger: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(capsys, "progress", str(ledger), "4", "--text", "进展")
    assert code == 0
    assert entry(ledger, "entry-4").history[-1].date == datetime.date.today()


def test_output_to_another_file(
    ledger: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = ledger.read_bytes()
    out = tmp_path / "out.json"
    code, _, _ = run(
        capsys,
        "progress",
        str(ledger),
        "4",
        "--text",
        "进展",
        "--date",
        "2024-01-05",
        "-o",
        str(out),
    )
    assert code == 0
    assert ledger.read_bytes() == before
    assert isinstance(entry(out, "entry-4").history[-1], ProgressNote)


# -- XML in, XML out --------------------------------------------------------------------------


def test_xml_in_xml_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = Path(shutil.copy(EXAMPLES / "fulian-2023.xml", tmp_path / "台账.xml"))
    code, out, _ = run(
        capsys,
        *("complete", str(path), "4", "--by", "郑示例", "--date", "2024-01-05"),
    )
    assert (code, out) == (0, "第4项:已完成(2024年1月5日,郑示例)\n")
    text = path.read_bytes()
    assert text.startswith(b"<?xml")
    document = api.load(path)
    assert entry_status(document.rectifications[0].entries[3]) is EntryStatus.COMPLETED
    assert main(["validate", str(path)]) == 0


# -- refusals leave the file as it was --------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("sign-off", "3", "--by", "钱示例", "--date", "2024-01-10", "--evidence", "ev-minutes"),
            "cannot sign off from completed (已完成) to signed_off (已销号)",
        ),
        (
            ("progress", "2", "--text", "进展", "--date", "2024-01-10"),
            "while it is signed_off (已销号)",
        ),
        (
            ("ongoing", "3", "--by", "钱示例", "--date", "2024-01-10"),
            "不能由“已完成”转为“基本完成、持续整改”",
        ),
        (
            ("decide", "4", "--by", "钱示例", "--date", "2024-01-10", "--approve"),
            "no open extension request",
        ),
        (
            ("complete", "4", "--by", "钱示例", "--date", "2023-10-01"),
            "before its last event h4-2 on 2023-10-31",
        ),
        (("complete", "99", "--by", "钱示例"), "unknown ledger entry '99'"),
        (("complete", "entry-99", "--by", "钱示例"), "未知台账条目 'entry-99'"),
        (("complete", "4", "--by", "无名氏"), "unknown person '无名氏'"),
        (
            ("accept", "3", "--by", "孙示例", "--passed", "--evidence", "ev-nowhere"),
            "unknown evidence 'ev-nowhere'",
        ),
        (("reject", "3", "--by", "钱示例", "--reason", " "), "must not be empty"),
        (
            ("progress", "4", "--by", "钱示例", "--date", "2024-01-10", "--text", "甲\x01乙"),
            "U+0001 at offset 1",
        ),
    ],
    ids=lambda value: value[0] if isinstance(value, tuple) else None,
)
def test_a_refusal_leaves_the_file_byte_identical(
    ledger: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    before = ledger.read_bytes()
    code, out, err = run(capsys, args[0], str(ledger), *args[1:])
    assert code == 2
    assert out == ""
    assert message in err
    assert "Traceback" not in err
    assert ledger.read_bytes() == before
    assert [p.name for p in ledger.parent.iterdir()] == [ledger.name]  # no temporary left


def test_an_unreadable_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.json"
    broken.write_bytes(b'{"schema_version": ')
    code, out, err = run(capsys, "progress", str(broken), "1", "--text", "进展")
    assert (code, out) == (2, "")
    assert "Traceback" not in err
    assert broken.read_bytes() == b'{"schema_version": '
    code, _, err = run(capsys, "progress", str(tmp_path / "missing.json"), "1", "--text", "进展")
    assert code == 2
    assert "cannot read" in err
    code, _, err = run(capsys, "progress", str(tmp_path / "ledger.txt"), "1", "--text", "进展")
    assert code == 2


def test_missing_options_are_usage_errors(ledger: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = ledger.read_bytes()
    with pytest.raises(SystemExit) as caught:
        main(["ledger", "complete", str(ledger), "4"])  # --by is required
    assert caught.value.code == 2
    with pytest.raises(SystemExit) as caught:
        main(["ledger", "accept", str(ledger), "3", "--by", "孙示例"])  # --passed or --failed
    assert caught.value.code == 2
    assert "--passed" in capsys.readouterr().err
    assert ledger.read_bytes() == before


def test_help_is_chinese_first(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["ledger", "--help"])
    text = capsys.readouterr().out
    for line in ("记录整改进展 (record progress)", "销号 (sign off", "退回整改 (send back"):
        assert line in text
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "ledger" in capsys.readouterr().out


def test_an_ambiguous_name_is_refused(
    ledger: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = api.load(ledger)
    twin = document.people[-1]  # 钱示例
    doubled = attrs.evolve(document, people=(*document.people, attrs.evolve(twin, id="px-qian-2")))
    api.dump(doubled, ledger)
    before = ledger.read_bytes()
    code, _, err = run(
        capsys, "complete", str(ledger), "4", "--by", "钱示例", "--date", "2024-01-05"
    )
    assert code == 2
    assert "px-qian, px-qian-2" in err
    assert ledger.read_bytes() == before
