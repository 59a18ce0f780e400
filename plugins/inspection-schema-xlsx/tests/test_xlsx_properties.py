"""Properties over generated ledgers, and the words and dates offices write."""

from __future__ import annotations

import datetime
import itertools

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from inspection_schema_xlsx import ReadOptions, ledger_part, read_xlsx, write_xlsx
from inspection_schema_xlsx.headings import (
    HISTORY_COLUMNS,
    CellProblem,
    date_zh,
    join_measures,
    join_progress,
    parse_date_text,
    parse_deadline_text,
    parse_labels,
    parse_sign_off,
    parse_status,
    split_measures,
    split_progress,
)
from inspection_schema_xlsx.writer import HISTORY_HEADER_ROW, HISTORY_SHEET
from openpyxl.utils.cell import get_column_letter

from inspection_schema.errors import SchemaViolationError
from inspection_schema.integrity import check_integrity
from inspection_schema.model import (
    Document,
    DocumentKind,
    EntryStatus,
    ExtensionDecision,
    ExtensionRequest,
    RectificationMode,
)
from inspection_schema.testing.strategies import documents

SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)


@SETTINGS
@given(documents(kinds=DocumentKind.RECTIFICATION_LEDGER))
def test_generated_ledgers_round_trip(document: Document) -> None:
    part = ledger_part(document)
    assert check_integrity(part) == []
    assert ledger_part(part) is part
    data = write_xlsx(document)
    assert read_xlsx(data) == part
    assert write_xlsx(document) == data


@SETTINGS
@given(documents(kinds=[DocumentKind.FULL_RECORD, DocumentKind.FEEDBACK]))
def test_other_documents_give_their_ledger_part(document: Document) -> None:
    if not document.rectifications or not all(r.entries for r in document.rectifications):
        with pytest.raises(SchemaViolationError):
            write_xlsx(document)  # no ledger, or a rectification without one: nothing to write
        return
    part = ledger_part(document)
    assert part.kind is DocumentKind.RECTIFICATION_LEDGER
    assert part.rectifications == document.rectifications
    assert check_integrity(part) == []
    assert read_xlsx(write_xlsx(document)) == part


def _numbered_as_an_office_would(document: Document) -> Document:
    """The document with its entries numbered 1, 2, 3… down the sheet.

    The model allows any whole number as a 序号, and the generated documents have 0s and
    repeats; an office's own ledger must number its rows 1 and up, each once (``XL207``,
    ``XL213``: see :func:`test_an_office_numbers_each_row_once`).
    """
    count = itertools.count(1)
    rectifications = tuple(
        attrs.evolve(
            rectification,
            entries=tuple(attrs.evolve(e, number=next(count)) for e in rectification.entries),
        )
        for rectification in document.rectifications
    )
    return attrs.evolve(document, rectifications=rectifications)


def _problems_shown(document: Document) -> bool:
    """Whether every row shows its problem, as an office's ledger does: a generated problem's
    text, or an external one's label, may be blank, and an office's row without its problem is
    none (XL210, see ``test_every_bad_cell_is_reported_at_once``)."""
    shown = {p.id: p.text for i in document.inspections if i.feedback for p in i.feedback.problems}
    shown.update({e.id: e.id if e.label is None else e.label for e in document.external})
    return all(
        shown.get(entry.problem, entry.problem).strip()
        for rectification in document.rectifications
        for entry in rectification.entries
    )


# generated names may be blank (or only punctuation): what the sheet then does not say, the
# office says as options (else XL106, XL222: see test_a_ledger_that_names_no_unit_asks_for_one
# and test_a_status_with_nobody_to_record_it)
AS_AN_OFFICE_SAYS = ReadOptions(issuer="某局办公室", recorder="王某")


def _unanswerable_decisions(document: Document) -> list[int]:
    """The rows of 台账记录 holding an extension decision with no extension request before it
    in its entry's history: without the hidden sheet, the decision cannot say which request it
    answers (the core's rule R405 reports such a history as an error)."""
    rows: list[int] = []
    row = HISTORY_HEADER_ROW
    for rectification in document.rectifications:
        for entry in rectification.entries:
            requested = False
            for event in entry.history:
                row += 1
                requested = requested or isinstance(event, ExtensionRequest)
                if isinstance(event, ExtensionDecision) and not requested:
                    rows.append(row)
    return rows


@SETTINGS
@given(documents(kinds=DocumentKind.RECTIFICATION_LEDGER))
def test_without_the_hidden_sheet_a_ledger_still_reads(document: Document) -> None:
    """Read as an office's own (numbered and naming its problems, as an office's is): a
    coherent ledger with the same rows, unless an extension decision answers no earlier
    request (then exactly those rows are refused, XL224)."""
    assume(_problems_shown(document))
    document = _numbered_as_an_office_would(document)
    data = write_xlsx(document, hidden_sheet=False)
    unanswerable = _unanswerable_decisions(document)
    if unanswerable:
        with pytest.raises(SchemaViolationError) as caught:
            read_xlsx(data, AS_AN_OFFICE_SAYS)
        kind = [key for key, _ in HISTORY_COLUMNS].index("kind") + 1
        assert [(i.code, i.path, i.line, i.column) for i in caught.value.issues] == [
            ("XL224", f"{HISTORY_SHEET}!{get_column_letter(kind)}{row}", row, kind)
            for row in unanswerable
        ]
        return
    read = read_xlsx(data, AS_AN_OFFICE_SAYS)
    assert check_integrity(read) == []
    assert [e.number for r in read.rectifications for e in r.entries] == [
        e.number for r in document.rectifications for e in r.entries
    ]
    assert read_xlsx(write_xlsx(read)) == read


# -- the words -----------------------------------------------------------------------------------


@given(st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2999, 12, 31)))
def test_dates_in_every_form(day: datetime.date) -> None:
    for text in (
        date_zh(day),
        f"{day.year}.{day.month}.{day.day}",
        f"{day.year}/{day.month}/{day.day}",
        day.isoformat(),
        f"{day.year}年{day.month:02d}月{day.day:02d}日前",
        f"{day.year}{day.month:02d}{day.day:02d}",
    ):
        assert parse_date_text(text) == day, text


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2023年9月底", datetime.date(2023, 9, 30)),
        ("2024年2月", datetime.date(2024, 2, 29)),
        ("2023年底", datetime.date(2023, 12, 31)),
        ("２０２３年９月３０日", datetime.date(2023, 9, 30)),
        ("2023 年 9 月 30 日之前", datetime.date(2023, 9, 30)),
    ],
)
def test_dates_as_offices_say_them(text: str, day: datetime.date) -> None:
    assert parse_date_text(text) == day


@pytest.mark.parametrize("text", ["九月底", "2023年9月30日至10月31日", "2023.13.1", "尽快", ""])
def test_not_dates(text: str) -> None:
    with pytest.raises(CellProblem):
        parse_date_text(text)


@pytest.mark.parametrize(
    ("text", "mode", "day"),
    [
        ("长期坚持", RectificationMode.ONGOING, None),
        ("持续整改", RectificationMode.ONGOING, None),
        ("立行立改", RectificationMode.IMMEDIATE, None),
        ("立行立改并长期坚持", RectificationMode.ONGOING, None),
        ("2023年12月底前完成并长期坚持", RectificationMode.ONGOING, datetime.date(2023, 12, 31)),
        ("限期整改，2023年9月30日", RectificationMode.TIME_BOUND, datetime.date(2023, 9, 30)),
        ("2023年9月30日", None, datetime.date(2023, 9, 30)),
    ],
)
def test_deadlines(text: str, mode: RectificationMode | None, day: datetime.date | None) -> None:
    said = parse_deadline_text(text)
    assert (said.mode, said.date) == (mode, day)


@pytest.mark.parametrize(
    ("text", "status", "day"),
    [
        ("已完成", EntryStatus.COMPLETED, None),
        ("已整改销号", EntryStatus.SIGNED_OFF, None),
        ("基本完成", EntryStatus.ONGOING, None),
        ("基本完成、持续整改", EntryStatus.ONGOING, None),
        ("取得阶段性成果并持续整改", EntryStatus.ONGOING, None),
        ("整改中", EntryStatus.IN_PROGRESS, None),
        ("未完成", EntryStatus.IN_PROGRESS, None),
        ("未启动", EntryStatus.NOT_STARTED, None),
        ("已于2023年8月10日完成", EntryStatus.COMPLETED, datetime.date(2023, 8, 10)),
        ("已完成（2023.8.10）", EntryStatus.COMPLETED, datetime.date(2023, 8, 10)),
    ],
)
def test_status_words(text: str, status: EntryStatus, day: datetime.date | None) -> None:
    said = parse_status(text)
    assert (said.status, said.extension, said.date) == (status, False, day)


def test_extension_requests() -> None:
    said = parse_status("申请延期至2024年3月31日")
    assert (said.extension, said.date) == (True, datetime.date(2024, 3, 31))
    assert parse_status("申请延期整改").extension


@pytest.mark.parametrize("text", ["差不多", "完成了一半", "OK"])
def test_unknown_status_words_are_refused(text: str) -> None:
    with pytest.raises(CellProblem):
        parse_status(text)


def test_sign_off_words() -> None:
    assert parse_sign_off("已销号（2023年9月20日）").date == datetime.date(2023, 9, 20)
    assert parse_sign_off("是").signed_off
    assert not parse_sign_off("未销号").signed_off
    with pytest.raises(CellProblem):
        parse_sign_off("待定")


@given(st.lists(st.text(st.characters(exclude_characters="\n"), min_size=1), min_size=1))
def test_measures_split_as_they_are_joined(measures: list[str]) -> None:
    # one measure is written as it is, so it must not itself look numbered
    assume(len(measures) > 1 or split_measures(measures[0]) == [measures[0]])
    assume(not any(m[:1] in " \t\u3000" for m in measures))
    assert split_measures(join_measures(measures)) == measures


@given(
    st.lists(
        st.tuples(
            st.dates(min_value=datetime.date(1949, 10, 1), max_value=datetime.date(2099, 12, 31)),
            st.text(st.characters(exclude_characters="\n\r"), max_size=20),
        ),
        min_size=1,
    )
)
def test_progress_splits_as_it_is_joined(notes: list[tuple[datetime.date, str]]) -> None:
    assert split_progress(join_progress(notes)) == notes


def test_labels_above_the_table() -> None:
    line = "填报单位（盖章）：市妇联办公室　　截至2023年12月31日　　填报人：王某"
    assert parse_labels(line) == {
        "issuer": "市妇联办公室",
        "date": "2023年12月31日",
        "recorder": "王某",
    }
