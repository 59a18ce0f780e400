"""The XML exchange format: a lossless, canonical twin of JSON, streaming included."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest
from hypothesis import given

import inspection_schema as ins
from inspection_schema.codecs import json as json_codec
from inspection_schema.codecs import xml
from inspection_schema.codecs.xml.stream import iter_ledger_entries
from inspection_schema.codecs.xml.writer import dump_to
from inspection_schema.model import Document, ProgressNote
from inspection_schema.testing.strategies import documents

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples"
TWINS = sorted(EXAMPLES.glob("*.json"))


def test_every_json_example_has_its_xml_twin() -> None:
    assert TWINS
    for path in TWINS:
        twin = path.with_suffix(".xml")
        document = ins.load(path)
        assert twin.read_bytes() == xml.dumps(document), twin.name
        assert ins.load(twin) == document


@given(documents())
def test_model_to_xml_to_model_is_identity(document: Document) -> None:
    data = xml.dumps(document)
    assert xml.loads(data) == document
    assert xml.dumps(xml.loads(data)) == data


@given(documents())
def test_json_to_xml_to_json_is_identity(document: Document) -> None:
    data = json_codec.dumps(document)
    assert json_codec.dumps(xml.loads(xml.dumps(json_codec.loads(data)))) == data


@given(documents())
def test_the_generated_writer_and_the_streaming_writer_write_the_same_bytes(
    document: Document,
) -> None:
    # dumps runs the writer functions generated per class, dump_to the general element writer:
    # two implementations of one canonical form
    out = io.BytesIO()
    dump_to(document, out, chunk=64)
    assert out.getvalue() == xml.dumps(document)


@pytest.mark.parametrize("issuer", ["org-office", 'org"office'])
def test_lists_given_as_generators_are_read_once(issuer: str) -> None:
    # built wrongly (a generator where the model has a tuple): dumps writes what dump_to writes,
    # even when an attribute needing escaping makes it write the document a second time
    document = ins.load(ROOT / "tests" / "data" / "minimal-round-plan.json")

    def built() -> Document:
        assert document.round is not None
        return attrs.evolve(
            document,
            issuer=issuer,
            organisations=(o for o in document.organisations),  # type: ignore[arg-type]
            round=attrs.evolve(document.round, types=(t for t in document.round.types)),  # type: ignore[arg-type]
        )

    out = io.BytesIO()
    dump_to(built(), out)
    data = xml.dumps(built())
    assert data == out.getvalue()
    assert data.count(b"<organisation ") == len(document.organisations)


def test_output_is_canonical_utf8_with_fixed_prefixes() -> None:
    data = xml.dumps(ins.load(EXAMPLES / "fulian-2023.json"))
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<document xmlns="')
    assert f'xmlns="{xml.NAMESPACE}" xmlns:fn="{xml.FN_NAMESPACE}"'.encode() in data
    assert b'schema-version="1.0"' in data
    assert "市委第三巡察组".encode() in data  # UTF-8, not character references


def test_text_survives_every_character_a_parser_would_normalise() -> None:
    document = ins.load(ROOT / "tests" / "data" / "minimal-round-plan.json")
    tricky = "  前后空格\r\n回车\r换行\t制表 ]]> & < > \" ' 𠀀𪚥  "
    changed = attrs.evolve(document, title=tricky, note="\r")
    organisation = attrs.evolve(document.organisations[0], credit_code='9" \t\n\r&<x')
    changed = attrs.evolve(changed, organisations=(organisation, *document.organisations[1:]))
    again = xml.loads(xml.dumps(changed))
    assert again.title == tricky
    assert again.note == "\r"
    assert again.organisations[0].credit_code == '9" \t\n\r&<x'


def test_a_large_ledger_streams_in_and_out_with_the_same_bytes() -> None:
    document = ins.load(EXAMPLES / "fulian-2023.json")
    rectification = document.rectifications[0]
    many = tuple(
        attrs.evolve(
            entry,
            id=f"{entry.id}-{copy}",
            number=copy * 10 + entry.number,
            history=tuple(attrs.evolve(e, id=f"{e.id}-{copy}") for e in entry.history),
        )
        for copy in range(200)
        for entry in rectification.entries
    )
    whole = attrs.evolve(document, rectifications=(attrs.evolve(rectification, entries=many),))
    expected = xml.dumps(whole)
    shell = attrs.evolve(document, rectifications=(attrs.evolve(rectification, entries=()),))
    out = io.BytesIO()
    dump_to(shell, out, entries={rectification.id: iter(many)}, chunk=4096)
    assert out.getvalue() == expected
    streamed = list(iter_ledger_entries(io.BytesIO(expected)))
    assert [s.entry for s in streamed] == list(many)
    assert {s.rectification for s in streamed} == {rectification.id}


def test_streaming_stops_at_a_bad_entry_with_its_true_position() -> None:
    document = ins.load(EXAMPLES / "fulian-2023.json")
    data = xml.dumps(document)
    entry = document.rectifications[0].entries[4]
    marker = f'<ledger-entry id="{entry.id}" number="{entry.number}"'.encode()
    assert marker in data
    broken = data.replace(marker, marker.replace(b"number=", b"numbr="))
    with pytest.raises(ins.SchemaViolationError) as raised:
        list(iter_ledger_entries(io.BytesIO(broken)))
    paths = [issue.path for issue in raised.value.issues]
    assert "/document/rectifications/rectification/entries/ledger-entry[5]/@numbr" in paths


def _in_ledger(where: str, insert: bytes) -> Callable[[bytes], bytes]:
    """Put ``insert`` after the first entry (``first``), before the first (``before``), after
    the last (``last``) or at the start of the list itself (``list``)."""

    def change(data: bytes) -> bytes:
        end = b"</ledger-entry>\n"
        at = {
            "first": data.find(end) + len(end),
            "before": data.find(b"<ledger-entry "),
            "last": data.rfind(end) + len(end),
            "list": data.find(b"<entries>") + len(b"<entries>"),
        }[where]
        return data[:at] + insert + data[at:]

    return change


@pytest.mark.parametrize(
    ("change", "code"),
    [
        pytest.param(_in_ledger("first", b"stray"), "S108", id="text-between-entries"),
        pytest.param(_in_ledger("last", "\u3000".encode()), "S108", id="space-after-last-entry"),
        pytest.param(_in_ledger("list", b"stray"), "S108", id="text-at-start-of-list"),
        pytest.param(_in_ledger("before", b"<bogus/>"), "S102", id="element-before-entries"),
        pytest.param(_in_ledger("last", b"<bogus/>"), "S102", id="element-after-entries"),
        pytest.param(lambda data: data.replace(b"<entries>", b'<entries a="1">', 1), "S102",
                     id="attribute-on-list"),
        pytest.param(lambda data: _in_ledger("first", b"<bogus/>")(_in_ledger("list", b"x")(data)),
                     "S108", id="text-at-start-then-unknown-element"),
        pytest.param(lambda data: _in_ledger("first", b"<bogus/>")(
            data.replace(b"<entries>", b'<entries a="1">', 1)), "S102",
                     id="attribute-then-unknown-element"),
        pytest.param(lambda data: re.sub(rb"<entries>.*?</entries>", b"<entries/>", data,
                                         count=1, flags=re.DOTALL), "S111", id="empty-list"),
        pytest.param(lambda data: _in_ledger("before", b"<bogus>")(
            _in_ledger("first", b"</bogus>")(data)), "S102", id="entry-inside-unknown-element"),
    ],
)  # fmt: skip
def test_streaming_refuses_what_the_whole_document_reader_refuses_in_the_ledger(
    change: Callable[[bytes], bytes], code: str
) -> None:
    data = xml.dumps(ins.load(EXAMPLES / "fulian-2023.json"))
    broken = change(data)
    assert broken != data
    with pytest.raises(ins.SchemaViolationError) as whole:
        xml.loads(broken)
    handed_over = []
    with pytest.raises(ins.SchemaViolationError) as streamed:
        handed_over.extend(iter_ledger_entries(io.BytesIO(broken)))
    found = [(issue.code, issue.path, issue.message) for issue in streamed.value.issues]
    assert found == [(issue.code, issue.path, issue.message) for issue in whole.value.issues]
    assert found[0][0] == code
    if "list" in found[0][2] and "unknown" not in found[0][2]:  # known before any entry
        assert handed_over == []


@pytest.mark.parametrize(
    ("old", "new", "path"),
    [
        (b'id="doc-fulian-2023"', b'id="1doc"', "/document/@id"),
        (b'by="px-wu"', b'by="-px"', "/document/rectifications/rectification/entries/"
         "ledger-entry[1]/history/progress-note/@by"),
        (b'evidence="ev-rules-revised"', b'evidence="ev-rules-revised .x"',
         "/document/rectifications/rectification/entries/ledger-entry[2]/history/"
         "progress-note/@evidence"),
        (b'<ledger-entry id="entry-2"', '<ledger-entry id="entry-ａ"'.encode(),
         "/document/rectifications/rectification/entries/ledger-entry[2]/@id"),
    ],
)  # fmt: skip
def test_a_bad_id_anywhere_is_reported_where_it_is(old: bytes, new: bytes, path: str) -> None:
    # the fast path checks a document's ids together at the end: a bad one still reaches the
    # checking path, which names it, whole document or streamed entry alike
    data = xml.dumps(ins.load(EXAMPLES / "fulian-2023.json"))
    assert data.count(old) >= 1
    broken = data.replace(old, new, 1)
    with pytest.raises(ins.SchemaViolationError) as raised:
        xml.loads(broken)
    assert [(i.code, i.path) for i in raised.value.issues] == [("S105", path)]
    if "ledger-entry" in path:
        with pytest.raises(ins.SchemaViolationError) as streamed:
            list(iter_ledger_entries(io.BytesIO(broken)))
        assert [(i.code, i.path) for i in streamed.value.issues] == [("S105", path)]


def test_reader_reports_every_problem_with_xpath_and_line() -> None:
    data = xml.dumps(ins.load(ROOT / "tests" / "data" / "minimal-round-plan.json"))
    broken = data.replace(b'year="2023"', 'year="二〇二三"'.encode()).replace(
        b'role="leader"', b'role="boss"'
    )
    with pytest.raises(ins.SchemaViolationError) as raised:
        xml.loads(broken)
    found = {(issue.code, issue.path) for issue in raised.value.issues}
    assert ("S101", "/document/round/@year") in found
    assert ("S106", "/document/round/groups/inspection-group/members/group-member/@role") in found
    assert all(issue.line for issue in raised.value.issues)


def test_another_major_version_is_refused_naming_both() -> None:
    data = xml.dumps(ins.load(ROOT / "tests" / "data" / "minimal-round-plan.json"))
    other = data.replace(xml.NAMESPACE.encode(), xml.NAMESPACE[:-1].encode() + b"2")
    with pytest.raises(ins.SchemaViolationError) as raised:
        xml.loads(other)
    message = str(raised.value)
    assert "version 2" in message
    assert "version 1" in message


def test_history_events_are_told_apart_by_their_tag() -> None:
    data = xml.dumps(ins.load(EXAMPLES / "fulian-2023.json"))
    assert b"<progress-note " in data
    assert b"<sign-off " in data
    assert b' kind="progress"' not in data
    document = xml.loads(data)
    notes = [
        event
        for entry in document.rectifications[0].entries
        for event in entry.history
        if isinstance(event, ProgressNote)
    ]
    assert notes


def test_cli_json_to_xml_to_json_is_byte_stable(tmp_path: Path) -> None:
    source = EXAMPLES / "fulian-2023.json"
    as_xml, back = tmp_path / "doc.xml", tmp_path / "doc.json"
    for args in (["convert", str(source), str(as_xml)], ["convert", str(as_xml), str(back)]):
        done = subprocess.run(
            [sys.executable, "-m", "inspection_schema", *args], capture_output=True, check=False
        )
        assert done.returncode == 0, done.stderr.decode()
    assert back.read_bytes() == source.read_bytes()
    assert as_xml.read_bytes() == (EXAMPLES / "fulian-2023.xml").read_bytes()


def test_cli_validates_xml_against_the_schema_then_the_model(tmp_path: Path) -> None:
    data = (EXAMPLES / "fulian-2023.xml").read_bytes()
    path = tmp_path / "bad.xml"
    path.write_bytes(data.replace(b'kind="full_record"', b'kind="everything"', 1))
    done = subprocess.run(
        [sys.executable, "-m", "inspection_schema", "validate", str(path), "--format", "json"],
        capture_output=True,
        check=False,
        text=True,
    )
    assert done.returncode == 1
    assert '"path": "/document/@kind"' in done.stdout
    assert '"code": "X100"' in done.stdout
    coherent = tmp_path / "incoherent.xml"
    coherent.write_bytes(data.replace(b'issuer="org-xunchaban-example"', b'issuer="org-shiwei"'))
    assert ins.api.validate_bytes(coherent.read_bytes(), format="xml") == []


def test_integrity_issues_of_an_xml_document_name_xpaths() -> None:
    from inspection_schema.codecs.xml.paths import xpath_for

    data = (EXAMPLES / "fulian-2023.xml").read_bytes()
    # passes the XML Schema (the id exists), but names a person where an organisation belongs
    broken = data.replace(b'issuer="org-xunchaban-example"', b'issuer="p-su-yongzhong"')
    issues = ins.api.validate_bytes(broken, format="xml")
    assert [(i.code, i.path) for i in issues] == [("S203", "/document/@issuer")]
    document = ins.load(EXAMPLES / "fulian-2023.json")
    assert (
        xpath_for(document, "$.rectifications[0].entries[2].history[1].by")
        == "/document/rectifications/rectification/entries/ledger-entry[3]"
        "/history/status-change/@by"
    )
    assert xpath_for(document, "$.round.groups[0].members[0].role") == (
        "/document/round/groups/inspection-group/members/group-member/@role"
    )


def test_a_registered_migration_upgrades_an_older_major_version() -> None:
    from lxml import etree

    from inspection_schema.versions import Migration, register_migration, unregister_migration

    # Version 1 is the first; a migration "from 2" stands in for any other major version here.
    old_namespace = xml.NAMESPACE[:-1] + "2"

    def upgrade(root: etree._Element) -> etree._Element:
        text = etree.tostring(root).replace(old_namespace.encode(), xml.NAMESPACE.encode())
        upgraded: etree._Element = etree.fromstring(text)
        return upgraded

    data = xml.dumps(ins.load(ROOT / "tests" / "data" / "minimal-round-plan.json"))
    older = data.replace(xml.NAMESPACE.encode(), old_namespace.encode())
    with pytest.raises(ins.SchemaViolationError):
        xml.loads(older)
    migration = Migration(format="xml", from_major="2", to_major="1", upgrade=upgrade)
    register_migration(migration)
    try:
        assert xml.dumps(xml.loads(older)) == data
    finally:
        unregister_migration(migration)


def test_a_dangling_reference_found_by_the_schema_names_its_attribute() -> None:
    data = (EXAMPLES / "fulian-2023.xml").read_bytes()
    broken = data.replace(b'issuer="org-xunchaban-example"', b'issuer="nobody"')
    issues = ins.api.validate_bytes(broken, format="xml")
    assert [(i.code, i.path, i.line) for i in issues] == [("X100", "/document/@issuer", 2)]
