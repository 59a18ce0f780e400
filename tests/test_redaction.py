"""Redaction (删减): the version of a document for an audience, and the ``redact`` command.

The property: for any generated document and any audience, nothing above the audience survives,
on the model (an independent walk of the field metadata, and the rules R701/R702) and in the
bytes of its JSON and XML (a unique sentinel is planted in every text above the audience before
redacting, and none may be found after). The example: its public version carries no clue
content, no identity number, no internal remark and no name that is not public, and validates
as a public document; its party version keeps what party readers may see.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inspection_schema import api
from inspection_schema.cli import main
from inspection_schema.errors import Severity
from inspection_schema.integrity import check_integrity
from inspection_schema.model import (
    Classification,
    Document,
    Person,
    info,
    meta,
)
from inspection_schema.plugins.manager import PluginHost
from inspection_schema.redaction import (
    DEFAULT_POLICY,
    RedactionError,
    RedactionPolicy,
    _ids,
    _Redactor,
    _without_dangling,
    field_level,
    redact,
)
from inspection_schema.testing.strategies import documents

ROOT = Path(__file__).parent.parent
EXAMPLE_JSON = ROOT / "examples" / "fulian-2023.json"
EXAMPLE_XML = ROOT / "examples" / "fulian-2023.xml"

IDENTITY_NUMBER = "11010519491231002X"
MASKED_NUMBER = "110105********002X"
CLUE_CONTENT_START = "【示例,纯属虚构】反映虚构人员"
REMARKS = "逾期未完成,已督促(示例)"
INTERNAL_NAME = "王示例"
INTERNAL_POST = "市妇联办公室干事(示例)"
LEVELS = {level.value: level for level in Classification}


@pytest.fixture(scope="module")
def example() -> Document:
    return api.load(EXAMPLE_JSON)


def _errors(document: Document) -> list[str]:
    return [str(i) for i in api.validate(document) if i.severity is Severity.ERROR]


def _both(document: Document) -> tuple[str, str]:
    return (
        api.dumps(document, format="json").decode("utf-8"),
        api.dumps(document, format="xml").decode("utf-8"),
    )


# -- an independent walk of the metadata ---------------------------------------------------------


def _empty(value: object) -> bool:
    if value is None or value is False:
        return True
    return isinstance(value, tuple | frozenset | dict | str) and not value


def _above(obj: Any, audience: Classification, level: Classification, path: str) -> Iterator[str]:
    """Paths of non-empty values above ``audience`` (fields inherit their object's level)."""
    for attribute in attrs.fields(type(obj)):
        value = getattr(obj, attribute.name)
        marked = info(attribute).disclosure
        own = level if marked is None else LEVELS[marked]
        here = f"{path}.{attribute.name}"
        if own.rank > audience.rank and not _empty(value) and value != DEFAULT_POLICY.withheld:
            yield here
            continue
        if attrs.has(type(value)):
            yield from _above(value, audience, own, here)
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                if attrs.has(type(item)):
                    yield from _above(item, audience, own, f"{here}[{i}]")
    if isinstance(obj, Person) and obj.disclosure.rank > audience.rank:
        yield f"{path}.name"


_COUNTER = itertools.count()


def _plant(obj: Any, audience: Classification, level: Classification, found: list[str]) -> Any:
    """``obj`` with a unique sentinel in every text above ``audience``; ``found`` collects them."""

    def sentinel() -> str:
        text = f"哨兵SENTINEL{next(_COUNTER):06d}"
        found.append(text)
        return text

    changes: dict[str, Any] = {}
    for attribute in attrs.fields(type(obj)):
        if attribute.name == "extensions":
            continue
        value = getattr(obj, attribute.name)
        facts = info(attribute)
        own = level if facts.disclosure is None else LEVELS[facts.disclosure]
        hidden = own.rank > audience.rank
        if type(value) is str and hidden and facts.role == "value":
            changes[attribute.name] = sentinel()
        elif isinstance(value, tuple) and hidden and facts.role == "value":
            changes[attribute.name] = tuple(
                sentinel()
                if type(item) is str
                else _plant(item, audience, own, found)
                if attrs.has(type(item))
                else item
                for item in value
            )
        elif attrs.has(type(value)):
            changes[attribute.name] = _plant(value, audience, own, found)
        elif isinstance(value, tuple) and any(attrs.has(type(item)) for item in value):
            changes[attribute.name] = tuple(
                _plant(item, audience, own, found) if attrs.has(type(item)) else item
                for item in value
            )
    if isinstance(obj, Person) and obj.disclosure.rank > audience.rank:
        changes["name"] = sentinel()
    return attrs.evolve(obj, **changes) if changes else obj


# -- the property ------------------------------------------------------------------------------


@settings(max_examples=40)
@given(documents(), st.sampled_from([Classification.PUBLIC, Classification.PARTY, *Classification]))
def test_nothing_above_the_audience_survives(document: Document, audience: Classification) -> None:
    sentinels: list[str] = []
    planted = _plant(document, audience, Classification.PUBLIC, sentinels)
    redacted = redact(planted, audience)
    assert redacted.classification is audience
    assert list(_above(redacted, audience, Classification.PUBLIC, "$")) == []
    assert api.validate(redacted, select=("R7",)) == []
    assert [i for i in check_integrity(redacted) if i.severity is Severity.ERROR] == []
    for text in _both(redacted):
        assert [s for s in sentinels if s in text] == []
    assert redact(redacted, audience) == redacted  # redacting twice changes nothing more


@settings(max_examples=15)
@given(documents())
def test_the_narrowest_audience_sees_everything(document: Document) -> None:
    top = Classification.TOP_SECRET
    assert redact(document, top) == attrs.evolve(document, classification=top)


# -- the example ---------------------------------------------------------------------------------


def test_the_public_version_of_the_example(example: Document) -> None:
    json_text, xml_text = _both(example)
    for original in (IDENTITY_NUMBER, CLUE_CONTENT_START, REMARKS, INTERNAL_NAME):
        assert original in json_text
        assert original in xml_text
    public = redact(example, "public")
    assert public.classification is Classification.PUBLIC
    json_text, xml_text = _both(public)
    for text in (json_text, xml_text):
        assert IDENTITY_NUMBER not in text
        assert CLUE_CONTENT_START not in text
        assert REMARKS not in text
        assert INTERNAL_NAME not in text
        assert MASKED_NUMBER in text  # the document's note mentions the number: masked
    assert _errors(public) == []
    assert api.validate_bytes(xml_text.encode(), format="xml") == []
    assert api.validate_bytes(json_text.encode(), format="json") == []


def test_the_public_version_has_no_clue_transfers(example: Document) -> None:
    public = redact(example, Classification.PUBLIC)
    assert public.inspections[0].feedback is not None
    assert public.inspections[0].feedback.clue_transfers == ()
    party = redact(example, Classification.PARTY)
    assert party.inspections[0].feedback is not None
    assert party.inspections[0].feedback.clue_transfers == ()  # content is internal


def test_the_counts_policy_keeps_counts_not_clues(example: Document) -> None:
    public = redact(example, Classification.PUBLIC, policy=RedactionPolicy(clue_transfers="counts"))
    feedback = public.inspections[0].feedback
    original = example.inspections[0].feedback
    assert feedback is not None
    assert original is not None
    transfers = {t.id: t for t in feedback.clue_transfers}
    before = {t.id: t for t in original.clue_transfers}
    assert transfers.keys() == before.keys()
    for key, transfer in transfers.items():
        assert transfer.content is None
        assert transfer.disposition is None
        assert (transfer.cases, transfer.persons, transfer.recipients, transfer.wording) == (
            before[key].cases,
            before[key].persons,
            before[key].recipients,
            before[key].wording,
        )


def test_a_person_not_public_is_reduced_to_their_post(example: Document) -> None:
    public = redact(example, Classification.PUBLIC)
    wang = next(p for p in public.people if p.id == "px-wang")
    assert wang.name == INTERNAL_POST
    assert wang.identity_number is None
    assert wang.disclosure is Classification.PUBLIC
    assert wang.posts == next(p for p in example.people if p.id == "px-wang").posts
    others = [p for p in public.people if p.id != "px-wang"]
    assert others == [p for p in example.people if p.id != "px-wang"]


def test_the_party_version_keeps_what_party_readers_see(example: Document) -> None:
    marked = attrs.evolve(
        example,
        people=tuple(
            attrs.evolve(p, disclosure=Classification.PARTY) if p.id == "px-liu" else p
            for p in example.people
        ),
    )
    party = redact(marked, "party")
    public = redact(marked, "public")
    assert party.classification is Classification.PARTY
    assert _errors(party) == []
    liu = {d.classification: next(p for p in d.people if p.id == "px-liu") for d in (party, public)}
    assert liu[Classification.PARTY].name == "刘示例"
    assert liu[Classification.PUBLIC].name == "市妇联党组成员、副主席(示例)"
    assert INTERNAL_NAME not in _both(party)[0]
    assert IDENTITY_NUMBER not in _both(party)[0]
    # what is not marked stays: the problems, the ledger (but for its remarks), the counters
    assert party.inspections[0].feedback is not None
    assert example.inspections[0].feedback is not None
    assert party.inspections[0].feedback.problems == example.inspections[0].feedback.problems
    assert party.progress_reports == example.progress_reports
    entries = party.rectifications[0].entries
    assert [e.id for e in entries] == [e.id for e in example.rectifications[0].entries]
    assert all(e.remarks is None for e in entries)
    assert [attrs.evolve(e, remarks=None) for e in example.rectifications[0].entries] == list(
        entries
    )


def test_the_internal_version_of_an_internal_document_is_itself(example: Document) -> None:
    assert example.classification is Classification.INTERNAL
    assert redact(example, Classification.INTERNAL) == example


def test_the_policy_choices(example: Document) -> None:
    policy = RedactionPolicy(persons="placeholder", clue_transfers="remove", extensions="remove")
    public = redact(example, "public", policy=policy)
    assert next(p for p in public.people if p.id == "px-wang").name == "某同志"
    assert public.inspections[0].feedback is not None
    assert public.inspections[0].feedback.clue_transfers == ()
    assert _errors(public) == []
    unscrubbed = redact(example, "public", policy=RedactionPolicy(scrub_text=False))
    assert IDENTITY_NUMBER in (unscrubbed.note or "")  # free text is only searched on request
    with pytest.raises(ValueError, match="placeholder"):
        RedactionPolicy(placeholder=" ")


def test_an_unknown_audience_is_refused(example: Document) -> None:
    with pytest.raises(RedactionError, match="unknown audience 'everyone'"):
        redact(example, "everyone")


# -- the generic machinery -----------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class _Inner:
    TERM = "内层"
    text: str = attrs.field(metadata=meta("内容"))
    count: int = attrs.field(default=0, metadata=meta("数"))


@attrs.frozen(kw_only=True)
class _Outer:
    TERM = "外层"
    id: str = attrs.field(metadata=meta("标识", is_id=True))
    required: str = attrs.field(metadata=meta("必填", disclosure=Classification.SECRET))
    number: int | None = attrs.field(
        default=None, metadata=meta("数值", disclosure=Classification.PARTY)
    )
    inner: _Inner | None = attrs.field(
        default=None, metadata=meta("内层", disclosure=Classification.INTERNAL)
    )
    items: tuple[_Inner, ...] = attrs.field(default=(), metadata=meta("条目"))


def test_a_field_marked_later_is_redacted_from_its_metadata() -> None:
    """A class the redactor has never seen: only its field metadata says what goes."""
    obj = _Outer(
        id="o1",
        required="机密内容甲乙丙丁",
        number=7,
        inner=_Inner(text="内部内容", count=3),
        items=(_Inner(text="公开内容"),),
    )
    assert field_level(attrs.fields(_Outer).inner, Classification.PUBLIC) is (
        Classification.INTERNAL
    )
    public = _Redactor(Classification.PUBLIC, DEFAULT_POLICY).model(obj, Classification.PUBLIC)
    assert public == _Outer(id="o1", required="(不予公开)", items=obj.items)
    party = _Redactor(Classification.PARTY, DEFAULT_POLICY).model(obj, Classification.PUBLIC)
    assert party == attrs.evolve(obj, required="(不予公开)", inner=None)
    secret = _Redactor(Classification.SECRET, DEFAULT_POLICY).model(obj, Classification.PUBLIC)
    assert secret == obj


def test_references_to_removed_objects_are_dropped(example: Document) -> None:
    """Were an object removed, nothing would refer to it: optional references empty, required
    ones take their referrer with them, until the document is coherent again."""
    before = _ids(example)
    cut = attrs.evolve(example, people=tuple(p for p in example.people if p.id != "px-liu"))
    assert [i for i in check_integrity(cut) if i.severity is Severity.ERROR] != []
    fixed = _without_dangling(cut, before)
    assert [i for i in check_integrity(fixed) if i.severity is Severity.ERROR] == []
    assert "px-liu" not in api.dumps(fixed).decode()


# -- the command ---------------------------------------------------------------------------------


def test_the_command_is_a_builtin_plugins(plugin_host: PluginHost) -> None:
    info = {i.name: i for i in plugin_host.plugins()}["builtin-redaction"]
    assert info.builtin
    assert info.registered == {"commands": ("redact",)}


@pytest.mark.parametrize(
    ("source", "output"),
    [
        (EXAMPLE_JSON, "public.json"),
        (EXAMPLE_XML, "public.xml"),
        (EXAMPLE_JSON, "public.xml"),
    ],
)
def test_the_redact_command(tmp_path: Path, source: Path, output: str) -> None:
    out = tmp_path / output
    assert main(["redact", str(source), "--audience", "public", "-o", str(out)]) == 0
    data = out.read_bytes()
    text = data.decode("utf-8")
    assert IDENTITY_NUMBER not in text
    assert CLUE_CONTENT_START not in text
    assert INTERNAL_NAME not in text
    assert REMARKS not in text
    fmt = "xml" if output.endswith(".xml") else "json"
    assert api.validate_bytes(data, format=fmt) == []
    assert api.loads(data, format=fmt).classification is Classification.PUBLIC
    assert [p.name for p in tmp_path.iterdir()] == [output]  # no temporary file left


def test_the_redact_command_to_standard_output(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["redact", str(EXAMPLE_XML), "--audience", "party", "-o", "-"]) == 0
    out = capsysbinary.readouterr().out
    assert out.startswith(b"<?xml")
    assert api.loads(out, format="xml").classification is Classification.PARTY


def test_the_redact_command_policy_flags(tmp_path: Path) -> None:
    out = tmp_path / "public.json"
    arguments = ["redact", str(EXAMPLE_JSON), "--audience", "public", "-o", str(out)]
    assert main([*arguments, "--persons", "placeholder", "--clue-transfers", "remove"]) == 0
    data = json.loads(out.read_bytes())
    assert "某同志" in [p["name"] for p in data["people"]]
    assert "clue_transfers" not in data["inspections"][0]["feedback"]


def test_the_redact_command_refuses_unusable_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.json"
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    assert main(["redact", str(broken), "--audience", "public", "-o", str(out)]) == 2
    incoherent = tmp_path / "incoherent.json"
    data = json.loads(EXAMPLE_JSON.read_bytes())
    data["issuer"] = "org-nowhere"
    incoherent.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["redact", str(incoherent), "--audience", "public", "-o", str(out)]) == 2
    assert "org-nowhere" in capsys.readouterr().err
    missing = tmp_path / "missing.json"
    assert main(["redact", str(missing), "--audience", "public", "-o", str(out)]) == 2
    assert not out.exists()
    with pytest.raises(SystemExit) as stopped:
        main(["redact", str(EXAMPLE_JSON), "--audience", "everyone", "-o", str(out)])
    assert stopped.value.code == 2


def test_a_role_that_repeats_the_name_is_not_used(example: Document) -> None:
    people = tuple(
        attrs.evolve(p, posts=(), wording="王示例同志") if p.id == "px-wang" else p
        for p in example.people
    )
    public = redact(attrs.evolve(example, people=people), "public")
    wang = next(p for p in public.people if p.id == "px-wang")
    assert wang.name == "某同志"
    assert wang.wording == "某同志同志"  # the name is replaced where the record repeats it
    assert INTERNAL_NAME not in _both(public)[0]


def test_a_kept_name_that_contains_a_reduced_name_is_left_whole(example: Document) -> None:
    # 王示例 is reduced to a post for the public; 王示例华, a public person, is not, and free text
    # naming both keeps the one and loses only the other (no "干事华")
    kept = attrs.evolve(
        next(p for p in example.people if p.id == "px-liu"), id="px-wang-hua", name="王示例华"
    )
    text = "王示例华同志和王示例同志共同负责。"
    changed = attrs.evolve(example, people=(*example.people, kept), note=text)
    public = redact(changed, Classification.PUBLIC)
    assert public.note == f"王示例华同志和{INTERNAL_POST}同志共同负责。"
    assert next(p for p in public.people if p.id == "px-wang-hua").name == "王示例华"
