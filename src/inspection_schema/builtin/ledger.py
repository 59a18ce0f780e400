"""The ``ledger`` command: record ledger events (整改台账) in a document file.

For office staff who keep the ledger in a document file without an integrating system::

    inspection-schema ledger complete 台账.json 3 --by 张三 --date 2023-09-01

Each subcommand calls one function of :mod:`inspection_schema.lifecycle`, so the command line
refuses exactly what the library refuses (exit code 2, the library's message, the file left as
it was) and writes the new document atomically, in the format of the output file's name.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

from .. import api, lifecycle
from ..arguments import date_argument
from ..commands import Command
from ..display import date_zh
from ..errors import InspectionSchemaError, IssuesError, SchemaViolationError, Severity
from ..files import write_atomic
from ..formats import format_for_path
from ..integrity import check_integrity
from ..model import (
    Acceptance,
    Document,
    EntryStatus,
    ExtensionDecision,
    ExtensionRequest,
    HistoryEvent,
    LedgerEntry,
    ProgressNote,
    SignOff,
    StatusChange,
)
from ..plugins import Register, hookimpl

EXIT_OK = 0
EXIT_REFUSED = 2


# -- finding what the command line names ----------------------------------------------------------


def find_entry(document: Document, text: str) -> LedgerEntry:
    """The entry named by its id or by its 序号 (``3`` or ``第3项``), which must be unambiguous."""
    entries = [entry for r in document.rectifications for entry in r.entries]
    for entry in entries:
        if entry.id == text:
            return entry
    digits = text.removeprefix("第").removesuffix("项")
    if digits.isascii() and digits.isdigit():
        numbered = [entry for entry in entries if entry.number == int(digits)]
        if len(numbered) == 1:
            return numbered[0]
        if numbered:
            ids = ", ".join(entry.id for entry in numbered)
            raise lifecycle.LifecycleError(
                f"several entries are numbered {digits} ({ids}); name one by its id"
                f" / 序号 {digits} 对应多个台账条目({ids}),请以标识指明"
            )
    raise lifecycle.LifecycleError(
        f"unknown ledger entry {text!r}: no entry has this id or number"
        f" / 未知台账条目 {text!r}:没有此标识或序号的条目"
    )


def find_person(document: Document, text: str) -> tuple[str, str]:
    """The id and display name of the person named by id or by exact name (姓名)."""
    for person in document.people:
        if person.id == text:
            return person.id, person.name
    for reference in document.external:
        if reference.id == text and reference.type == "Person":
            return reference.id, reference.label or reference.id
    named = [person for person in document.people if person.name == text]
    if len(named) == 1:
        return named[0].id, named[0].name
    if named:
        ids = ", ".join(person.id for person in named)
        raise lifecycle.LifecycleError(
            f"several persons are named {text} ({ids}); give the id"
            f" / 有多名人员姓名为“{text}”({ids}),请以标识指明"
        )
    raise lifecycle.LifecycleError(
        f"unknown person {text!r}: no person of the document has this id or name"
        f" / 未知人员 {text!r}:文档中没有此标识或姓名的人员"
    )


# -- the subcommands ------------------------------------------------------------------------------


def _perform(
    arguments: argparse.Namespace,
    document: Document,
    entry: str,
    person: str | None,
    day: datetime.date,
) -> Document:
    """Call the lifecycle function of the subcommand."""
    a = arguments
    if a.ledger_action == "progress":
        return lifecycle.record_progress(
            document, entry, date=day, text=a.text, by=person, evidence=a.evidence
        )
    if person is None:  # pragma: no cover - argparse requires --by for the others
        raise lifecycle.LifecycleError("--by is required / 须以 --by 指明人员")
    match a.ledger_action:
        case "extend":
            return lifecycle.request_extension(
                document, entry, date=day, by=person, requested_deadline=a.deadline, reason=a.reason
            )
        case "decide":
            return lifecycle.decide_extension(
                document,
                entry,
                date=day,
                by=person,
                approved=a.approved,
                deadline=a.deadline,
                note=a.note,
            )
        case "complete":
            return lifecycle.mark_completed(document, entry, date=day, by=person, note=a.note)
        case "ongoing":
            return lifecycle.mark_ongoing(document, entry, date=day, by=person, note=a.note)
        case "accept":
            return lifecycle.accept(
                document,
                entry,
                date=day,
                by=person,
                passed=a.passed,
                opinion=a.opinion,
                evidence=a.evidence,
            )
        case "sign-off":
            return lifecycle.sign_off(
                document, entry, date=day, approver=person, evidence=a.evidence, note=a.note
            )
        case "reject":
            return lifecycle.reject(document, entry, date=day, by=person, reason=a.reason)
    raise AssertionError(a.ledger_action)  # pragma: no cover - argparse chooses among these


def _said(event: HistoryEvent) -> str:
    """What was recorded, in the words of a ledger (状态 column)."""
    match event:
        case ProgressNote():
            return "记录整改进展"
        case ExtensionRequest(requested_deadline=deadline):
            return f"申请延期整改至{date_zh(deadline)}"
        case ExtensionDecision(approved=True, deadline=datetime.date() as deadline):
            return f"同意延期至{date_zh(deadline)}"
        case ExtensionDecision():
            return "不同意延期"
        case Acceptance(passed=passed):
            return "验收通过" if passed else "验收不通过,退回整改"
        case StatusChange(status=EntryStatus.IN_PROGRESS):
            return "退回整改"
        case StatusChange(status=status):
            return status.term
        case SignOff():
            return EntryStatus.SIGNED_OFF.term
    raise AssertionError(event)  # pragma: no cover - every event kind is above


def _add_common(parser: argparse.ArgumentParser, *, by: str | None) -> None:
    parser.add_argument(
        "file", metavar="FILE", help="文档文件,JSON 或 XML (document file, .json or .xml)"
    )
    parser.add_argument(
        "entry", metavar="ENTRY", help="台账条目的标识或序号 (entry id or its number 序号)"
    )
    parser.add_argument(
        "--date", type=date_argument, help="记录日期,默认今天 (date YYYY-MM-DD; default: today)"
    )
    if by is None:
        parser.add_argument("--by", help="记录人,标识或姓名 (recorder: person id or exact name)")
    else:
        parser.add_argument("--by", required=True, help=by)
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="写入另一文件,默认改写原文件 (write to OUT instead of rewriting FILE)",
    )


def _add_evidence(parser: argparse.ArgumentParser, *, required: bool = False) -> None:
    parser.add_argument(
        "--evidence",
        nargs="+",
        default=[],
        required=required,
        metavar="ID",
        help="佐证材料标识 (ids of evidence of the rectification)",
    )


def _configure(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="ledger_action", required=True, metavar="ACTION")

    progress = actions.add_parser("progress", help="记录整改进展 (record progress)")
    _add_common(progress, by=None)
    progress.add_argument("--text", required=True, help="进展情况 (what was done)")
    _add_evidence(progress)

    extend = actions.add_parser("extend", help="申请延期整改 (request an extension)")
    _add_common(extend, by="申请人,标识或姓名 (applicant: person id or exact name)")
    extend.add_argument(
        "--deadline",
        type=date_argument,
        required=True,
        help="申请延至 (requested deadline YYYY-MM-DD)",
    )
    extend.add_argument("--reason", required=True, help="延期理由 (reason)")

    decide = actions.add_parser("decide", help="延期审批 (decide on the open extension request)")
    _add_common(decide, by="审批人,标识或姓名 (approver: person id or exact name)")
    answer = decide.add_mutually_exclusive_group(required=True)
    answer.add_argument(
        "--approve", dest="approved", action="store_true", help="同意延期 (approve)"
    )
    answer.add_argument("--refuse", dest="approved", action="store_false", help="不同意 (refuse)")
    decide.add_argument(
        "--deadline",
        type=date_argument,
        help="批准时限,默认为申请延至日期 (granted deadline; default: the requested one)",
    )
    decide.add_argument("--note", help="审批意见 (note)")

    complete = actions.add_parser("complete", help="标记已完成 (mark completed)")
    _add_common(complete, by="变更人,标识或姓名 (person id or exact name)")
    complete.add_argument("--note", help="说明 (note)")

    ongoing = actions.add_parser(
        "ongoing", help="标记基本完成、持续整改 (mark basically completed, ongoing)"
    )
    _add_common(ongoing, by="变更人,标识或姓名 (person id or exact name)")
    ongoing.add_argument("--note", help="说明 (note)")

    accept = actions.add_parser("accept", help="验收 (record the acceptance check)")
    _add_common(accept, by="验收人,标识或姓名 (examiner: person id or exact name)")
    result = accept.add_mutually_exclusive_group(required=True)
    result.add_argument("--passed", dest="passed", action="store_true", help="验收通过 (passed)")
    result.add_argument("--failed", dest="passed", action="store_false", help="验收不通过 (failed)")
    accept.add_argument("--opinion", help="验收意见 (opinion)")
    _add_evidence(accept)

    sign_off = actions.add_parser("sign-off", help="销号 (sign off a completed, accepted entry)")
    _add_common(sign_off, by="审批人,标识或姓名 (approver: person id or exact name)")
    _add_evidence(sign_off, required=True)
    sign_off.add_argument("--note", help="说明 (note)")

    reject = actions.add_parser("reject", help="退回整改 (send back to in progress)")
    _add_common(reject, by="退回人,标识或姓名 (person id or exact name)")
    reject.add_argument("--reason", required=True, help="退回理由 (reason)")


def _record(arguments: argparse.Namespace) -> str:
    """Record the event and write the file; returns the line saying what was recorded."""
    source = Path(arguments.file)
    target = Path(arguments.output) if arguments.output else source
    source_format = format_for_path(source).name
    target_format = format_for_path(target).name
    document = api.loads(api.read_file(source), format=source_format)
    entry = find_entry(document, arguments.entry)
    person, name = find_person(document, arguments.by) if arguments.by else (None, None)
    day: datetime.date = arguments.date or datetime.date.today()
    changed = _perform(arguments, document, entry.id, person, day)
    issues = [i for i in check_integrity(changed) if i.severity is Severity.ERROR]
    if issues:  # pragma: no cover - the lifecycle functions keep documents coherent
        raise SchemaViolationError("the recorded document would not be coherent", issues)
    write_atomic(target, api.dumps(changed, format=target_format))
    recorded = next(e for r in changed.rectifications for e in r.entries if e.id == entry.id)
    when = date_zh(day) + (f",{name}" if name else "")
    return f"第{entry.number}项:{_said(recorded.history[-1])}({when})"


def _run(arguments: argparse.Namespace) -> int:
    try:
        line = _record(arguments)
    except IssuesError as exc:
        print(f"inspection-schema ledger: {exc.summary}", file=sys.stderr)
        for issue in exc.issues:
            print(f"  {issue}", file=sys.stderr)
        return EXIT_REFUSED
    except InspectionSchemaError as exc:
        print(f"inspection-schema ledger: error: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    print(line)
    return EXIT_OK


LEDGER = Command(
    name="ledger",
    help="登记整改台账:进展、延期、完成、验收、销号、退回 (record ledger events in a file)",
    configure=_configure,
    run=_run,
)


@hookimpl
def register_commands(register: Register[Command]) -> None:
    register(LEDGER)
