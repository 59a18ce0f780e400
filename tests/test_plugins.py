"""The plugin host: built-ins through the hooks, outside plugins found, checked and named.

Each hook has a test named ``test_hook_<hook>`` (tests/test_plugin_docs.py checks that they do).
"""

from __future__ import annotations

import argparse
import datetime
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

import attrs
import pytest
from attrs import field, frozen

from inspection_schema import api
from inspection_schema.builtin import BUILTIN_PLUGINS
from inspection_schema.cli import main
from inspection_schema.commands import Command
from inspection_schema.conventions import Convention, DeadlinePolicy
from inspection_schema.deadlines import DeadlineUnit
from inspection_schema.errors import PluginError, SchemaViolationError, Severity
from inspection_schema.formats import Format, format_for_path, get_format
from inspection_schema.model import DeadlinePurpose, Document, LedgerEntry
from inspection_schema.model._fields import meta
from inspection_schema.plugins import Register
from inspection_schema.plugins.manager import ENV_ALLOW, ENV_BLOCK, ENV_TRACE, PluginHost
from inspection_schema.rules import Rule, RuleContext
from inspection_schema.testing.plugins import inline_plugin
from inspection_schema.versions import Migration, has_migration

EXAMPLE = Path(__file__).parent.parent / "examples" / "fulian-2023.json"


def _text_format(name: str = "text") -> Format:
    return Format(
        name=name,
        suffixes=(f".{name}",),
        read=None,
        write=lambda document: document.id.encode(),
        lossless=False,
        description="the document's id, for tests",
    )


# -- built-ins -----------------------------------------------------------------------------------


def test_builtins_register_through_the_hooks(plugin_host: PluginHost) -> None:
    listing = {info.name: info for info in plugin_host.plugins()}
    assert set(listing) == {name for name, _ in BUILTIN_PLUGINS}
    assert {"builtin-formats", "builtin-rules", "builtin-conventions"} <= set(listing)
    assert listing["builtin-formats"].registered["formats"] == ("json", "xml")
    assert listing["builtin-formats"].hooks == ("register_formats",)
    assert "R101" in listing["builtin-rules"].registered["rules"]
    assert listing["builtin-conventions"].registered["conventions"] == ("national",)
    assert all(
        info.builtin and info.distribution == "inspection-schema" for info in listing.values()
    )


def test_plugins_command_lists_each_plugin(
    plugin_host: PluginHost, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["plugins"]) == 0
    text = capsys.readouterr().out
    assert "builtin-formats (内置 built-in)" in text
    assert "formats: json, xml" in text
    assert "    xml: .xml; 读 read/写 write; 无损 lossless;" in text
    assert "    R102: warning report-within-deadline: 整改情况报告在规定时限内报送" in text
    assert (
        "    national: 全国通行规定; regions every region without a convention of its own" in text
    )
    assert main(["plugins", "--format", "json"]) == 0
    listing = json.loads(capsys.readouterr().out)
    assert {item["name"] for item in listing} >= {"builtin-formats", "builtin-rules"}
    assert all({"distribution", "version", "hooks", "registered"} <= set(i) for i in listing)
    rules = next(item for item in listing if item["name"] == "builtin-rules")
    assert list(rules["details"]["rules"]) == rules["registered"]["rules"]


# -- each hook -----------------------------------------------------------------------------------


def test_hook_register_formats(register_plugin: Callable[..., PluginHost], tmp_path: Path) -> None:
    host = register_plugin(
        inline_plugin(register_formats=lambda register: register(_text_format()))
    )
    assert get_format("text").name == "text"
    assert format_for_path("out.text").name == "text"
    assert host.owner("formats", "text").startswith("inline-")
    out = tmp_path / "out.text"
    assert main(["convert", str(EXAMPLE), str(out)]) == 0
    assert out.read_bytes() == api.load(EXAMPLE).id.encode()


def test_a_format_takes_the_options_it_declares(
    register_plugin: Callable[..., PluginHost], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from inspection_schema.formats import UnknownOptionError

    def write(document: Document, *, case: str = "lower") -> bytes:
        return (document.id.upper() if case == "upper" else document.id).encode()

    shouting = attrs.evolve(
        _text_format(), write=write, write_options={"case": "upper or lower (default lower)"}
    )
    register_plugin(inline_plugin(register_formats=lambda register: register(shouting)))
    document = api.load(EXAMPLE)
    assert api.dumps(document, format="text", options={"case": "upper"}) == b"DOC-FULIAN-2023"
    with pytest.raises(UnknownOptionError, match="no write option colour.*case"):
        api.dumps(document, format="text", options={"colour": "red"})
    with pytest.raises(UnknownOptionError, match="no read option"):
        api.loads(EXAMPLE.read_bytes(), options={"case": "upper"})  # json takes none
    out = tmp_path / "out.text"
    assert main(["convert", str(EXAMPLE), str(out), "-O", "case=upper"]) == 0
    assert out.read_bytes() == b"DOC-FULIAN-2023"
    assert main(["convert", str(EXAMPLE), str(out), "--option", "colour=red"]) == 2
    assert "colour" in capsys.readouterr().err
    assert main(["formats"]) == 0
    assert "write option case: upper or lower" in capsys.readouterr().out


def test_hook_register_rules(
    register_plugin: Callable[..., PluginHost], capsys: pytest.CaptureFixture[str]
) -> None:
    def check(document: Document, context: RuleContext) -> Any:
        yield RULE.issue("$.title", f"title under {context.convention.name}", "标题")

    RULE = Rule(
        code="X901",
        name="always",
        severity=Severity.WARNING,
        summary="always warns",
        summary_zh="总是警告",
        check=check,
    )
    register_plugin(inline_plugin(register_rules=lambda register: register(RULE)))
    issues = api.validate(api.load(EXAMPLE))
    assert [(i.code, i.message) for i in issues] == [("X901", "title under national")]
    assert api.validate(api.load(EXAMPLE), ignore=["X9"]) == []
    assert main(["validate", "--select", "X901", "--format", "json", str(EXAMPLE)]) == 0
    assert [i["code"] for i in json.loads(capsys.readouterr().out)] == ["X901"]


def test_hook_register_conventions(register_plugin: Callable[..., PluginHost]) -> None:
    strict = Convention(
        name="strict-test",
        title="测试规范",
        region_codes=("3301",),
        deadlines=(
            DeadlinePolicy(
                purpose=DeadlinePurpose.RECTIFICATION_REPORT,
                amount=1,
                unit=DeadlineUnit.DAYS,
                basis="测试",
            ),
        ),
    )
    host = register_plugin(inline_plugin(register_conventions=lambda register: register(strict)))
    assert {c.name for c in host.conventions()} == {"national", "strict-test"}
    document = api.load(EXAMPLE)
    assert api.validate(document) == []  # report on 2023-08-09, within 2 months of 2023-06-09
    late = api.validate(document, convention="strict-test")
    assert [(i.code, i.path) for i in late] == [
        ("R102", "$.rectifications[0].reports[0].submitted_on")
    ]
    assert "2023-06-10" in late[0].message  # one day after feedback


def test_hook_register_commands(
    register_plugin: Callable[..., PluginHost], capsys: pytest.CaptureFixture[str]
) -> None:
    def configure(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("word")

    def run(arguments: argparse.Namespace) -> int:
        print(f"hello {arguments.word}")
        return 0

    command = Command(name="hello", help="问候 (greet)", configure=configure, run=run)
    register_plugin(inline_plugin(register_commands=lambda register: register(command)))
    assert main(["hello", "世界"]) == 0
    assert capsys.readouterr().out == "hello 世界\n"


def test_hook_register_signers(
    register_plugin: Callable[..., PluginHost], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from inspection_schema.crypto import PrivateKey
    from inspection_schema.crypto.keys import write_key_pair
    from inspection_schema.crypto.sources import SignerSource

    device = PrivateKey.generate()  # stands in for a certified device's driver
    asked: list[tuple[str, str]] = []

    def load(key: str, signer_id: str) -> Any:
        asked.append((key, signer_id))
        return device

    source = SignerSource(name="ukey", description="--key is a device slot", load=load)
    host = register_plugin(inline_plugin(register_signers=lambda register: register(source)))
    assert {s.name for s in host.signers()} == {"file", "ukey"}
    signed = tmp_path / "signed.json"
    sign = ["sign", str(EXAMPLE), "--signer", "ukey", "--key", "slot-1", "-o", str(signed)]
    parties = ["--sender", "91310110666007217T", "--receiver", "91310110666007217T"]
    assert main([*sign, *parties]) == 0
    assert asked == [("slot-1", "1234567812345678")]
    write_key_pair(tmp_path, "device", device)
    assert main(["verify", str(signed), "--key", str(tmp_path / "device.public.key")]) == 0
    assert main([*sign[:3], "nowhere", *sign[4:], *parties]) == 2
    assert "no signer source 'nowhere'" in capsys.readouterr().err


def test_hook_register_migrations(register_plugin: Callable[..., PluginHost]) -> None:
    migration = Migration(
        format="json",
        from_major="0",
        to_major="1",
        upgrade=lambda raw: {**raw, "schema_version": "1.0"},
    )
    assert not has_migration("json", "0")
    register_plugin(inline_plugin(register_migrations=lambda register: register(migration)))
    assert has_migration("json", "0")
    old = json.loads(EXAMPLE.read_bytes())
    old["schema_version"] = "0.9"
    assert api.loads(json.dumps(old).encode()) == api.load(EXAMPLE)


def test_hook_register_migrations_leave_with_their_host(plugin_host: PluginHost) -> None:
    migration = Migration(format="xml", from_major="0", to_major="1", upgrade=lambda raw: raw)
    plugin_host.add_plugin(
        inline_plugin(register_migrations=lambda register: register(migration)), "m"
    )
    assert has_migration("xml", "0")
    plugin_host.remove_plugin("m")
    assert not has_migration("xml", "0")


@frozen
class Yuan:
    """An integrator's own type, written as text such as "1.50元"."""

    fen: int


def test_hook_configure_converter(register_plugin: Callable[..., PluginHost]) -> None:
    from inspection_schema.codecs.json import make_converter

    def configure(converter: Any) -> None:
        converter.register_structure_hook(
            Yuan, lambda value, _: Yuan(round(float(value.removesuffix("元")) * 100))
        )
        converter.register_unstructure_hook(Yuan, lambda yuan: f"{yuan.fen / 100:.2f}元")

    register_plugin(inline_plugin(configure_converter=configure))
    converter = make_converter()
    assert converter.structure("1.50元", Yuan) == Yuan(150)
    assert converter.unstructure(Yuan(2005)) == "20.05元"
    # Documents still go through the schema's own wire rules, and a converter made without
    # plugins knows nothing of theirs.
    document = api.load(EXAMPLE)
    assert api.loads(api.dumps(document)) == document
    assert make_converter(plugins=False).unstructure(Yuan(150)) == {"fen": 150}


@frozen(kw_only=True)
class CountyColumns:
    """县级台账附加栏目 (a test extension)."""

    TERM: ClassVar[str] = "县级台账附加栏目"
    supervisor: str = field(metadata=meta("督办人"))


def test_hook_register_extensions(
    plugin_host: PluginHost, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from inspection_schema.extensions import SchemaExtension, extension_for

    extension = SchemaExtension(
        namespace="urn:example:county",
        prefix="county",
        root=CountyColumns,
        targets=(LedgerEntry,),
        title="县级台账附加栏目",
    )
    plugin_host.add_plugin(
        inline_plugin(register_extensions=lambda register: register(extension)), "county"
    )
    assert extension_for(extension.namespace) is extension
    document = api.load(EXAMPLE)
    entry = document.rectifications[0].entries[0]
    typed = attrs.evolve(entry, extensions={extension.namespace: CountyColumns(supervisor="王")})
    rectification = attrs.evolve(document.rectifications[0], entries=(typed,))
    changed = attrs.evolve(document, rectifications=(rectification,))
    for fmt in ("json", "xml"):
        assert api.loads(api.dumps(changed, format=fmt), format=fmt) == changed
    # The schema command writes the extension's schemas beside the core's and names them all.
    for which, suffix in (("xsd", ".xsd"), ("json-schema", ".json")):
        assert main(["schema", which, "-o", str(tmp_path / which)]) == 0
        printed = [Path(line) for line in capsys.readouterr().out.splitlines()]
        assert len(printed) == 2
        assert all(path.is_file() and path.suffix == suffix for path in printed)
        assert sorted(printed) == sorted((tmp_path / which).iterdir())
    plugin_host.remove_plugin("county")
    assert extension_for(extension.namespace) is None


# -- what goes wrong is named ----------------------------------------------------------------------


def test_duplicate_names_are_refused_naming_both_owners(
    register_plugin: Callable[..., PluginHost],
) -> None:
    register_plugin(
        inline_plugin(register_formats=lambda register: register(_text_format())), "first"
    )
    with pytest.raises(PluginError, match=r'"first".*"second"'):
        register_plugin(
            inline_plugin(register_formats=lambda register: register(_text_format())), "second"
        )


def test_a_builtin_may_be_overridden_but_not_another_plugins_item(
    register_plugin: Callable[..., PluginHost],
) -> None:
    replacement = _text_format("json")
    register_plugin(
        inline_plugin(register_formats=lambda register: register(replacement, override=True)),
        "mine",
    )
    assert get_format("json") is replacement
    with pytest.raises(PluginError, match=r'"json" is claimed twice: by plugin "mine"'):
        register_plugin(
            inline_plugin(
                register_formats=lambda register: register(_text_format("json"), override=True)
            ),
            "theirs",
        )


def test_a_wrong_item_is_refused_naming_the_plugin(
    register_plugin: Callable[..., PluginHost],
) -> None:
    with pytest.raises(PluginError, match=r'plugin "bad" \(distribution .*\) registered str with'):
        register_plugin(inline_plugin(register_formats=lambda register: register("json")), "bad")


def test_a_failing_hook_is_reported_naming_the_plugin(
    register_plugin: Callable[..., PluginHost],
) -> None:
    def broken(register: Register[Rule]) -> None:
        raise RuntimeError("boom")

    with pytest.raises(PluginError, match=r'plugin "broken".*register_rules.*boom'):
        register_plugin(inline_plugin(register_rules=broken), "broken")


def test_a_misspelled_hook_is_an_error(register_plugin: Callable[..., PluginHost]) -> None:
    with pytest.raises(PluginError, match=r'plugin "typo".*does not exist'):
        register_plugin(inline_plugin(register_formatz=lambda register: None), "typo")


def test_a_bad_rule_code_is_refused(register_plugin: Callable[..., PluginHost]) -> None:
    rule = Rule(
        code="bad1",
        name="bad",
        severity=Severity.INFO,
        summary="",
        summary_zh="",
        check=lambda document, context: (),
    )
    with pytest.raises(PluginError, match="not 1–4 capitals"):
        register_plugin(inline_plugin(register_rules=lambda register: register(rule)), "codes")


def test_a_command_named_like_a_core_one_is_refused(
    register_plugin: Callable[..., PluginHost],
) -> None:
    command = Command(name="validate", help="", configure=lambda p: None, run=lambda a: 0)
    with pytest.raises(PluginError, match=r'plugin "clash" .*adds a command named "validate"'):
        register_plugin(
            inline_plugin(register_commands=lambda register: register(command)), "clash"
        )
    assert main(["formats"]) == 0  # the host was left as it was


def _extension(namespace: str, prefix: str) -> Any:
    from inspection_schema.extensions import SchemaExtension

    return SchemaExtension(
        namespace=namespace,
        prefix=prefix,
        root=CountyColumns,
        targets=(LedgerEntry,),
        title="县级台账附加栏目",
    )


def test_a_bad_extension_is_refused_naming_the_plugin(
    register_plugin: Callable[..., PluginHost],
) -> None:
    from inspection_schema.extensions import registered_extensions

    bad = _extension("not a uri", "cty")
    with pytest.raises(PluginError, match=r'plugin "bad" \(distribution county-dist 0\).*URI'):
        register_plugin(
            inline_plugin(register_extensions=lambda register: register(bad)),
            "bad",
            distribution="county-dist",
        )
    assert registered_extensions() == ()  # nothing half registered
    host = register_plugin(inline_plugin(register_rules=lambda register: None), "after")
    assert "after" in {info.name for info in host.plugins()}  # the host still works


def test_an_extension_prefix_taken_twice_names_both_plugins(
    register_plugin: Callable[..., PluginHost],
) -> None:
    first, second = _extension("urn:x:a", "cty"), _extension("urn:x:b", "cty")
    register_plugin(inline_plugin(register_extensions=lambda register: register(first)), "a")
    with pytest.raises(PluginError, match=r"'cty'.*plugin \"a\".*plugin \"b\""):
        register_plugin(inline_plugin(register_extensions=lambda register: register(second)), "b")


def test_format_suffixes_are_lower_case_and_claimed_once(
    register_plugin: Callable[..., PluginHost],
) -> None:
    upper = attrs.evolve(_text_format("upper"), suffixes=(".TXT",))
    with pytest.raises(PluginError, match=r"suffix '\.TXT'"):
        register_plugin(inline_plugin(register_formats=lambda register: register(upper)))
    shadow = attrs.evolve(_text_format("shadow"), suffixes=(".json",))
    with pytest.raises(PluginError, match=r'suffix .json.*"builtin-formats".*"shadow-plugin"'):
        register_plugin(
            inline_plugin(register_formats=lambda register: register(shadow)), "shadow-plugin"
        )


def test_conventions_may_not_overlap_or_reuse_rule_codes(
    register_plugin: Callable[..., PluginHost],
) -> None:
    from inspection_schema.rules.deadlines import PLAN_DEADLINE

    county = Convention(name="county-a", title="甲县", region_codes=("341125",))
    twin = Convention(name="county-b", title="乙县", region_codes=("341125",))
    register_plugin(inline_plugin(register_conventions=lambda register: register(county)), "a")
    with pytest.raises(PluginError, match=r'region 341125.*"county-a".*"county-b"'):
        register_plugin(inline_plugin(register_conventions=lambda register: register(twin)), "b")
    nowhere = Convention(name="nowhere", title="无", region_codes=("",))
    with pytest.raises(PluginError, match="region code ''"):
        register_plugin(inline_plugin(register_conventions=lambda register: register(nowhere)))
    copy = attrs.evolve(PLAN_DEADLINE, severity=Severity.ERROR)
    strict = Convention(name="strict", title="严", rules=(copy,))
    with pytest.raises(PluginError, match="rule code R101"):
        register_plugin(inline_plugin(register_conventions=lambda register: register(strict)))
    shared = Convention(name="shared", title="同", rules=(PLAN_DEADLINE,))  # the same rule: fine
    register_plugin(inline_plugin(register_conventions=lambda register: register(shared)))


def test_a_failing_converter_hook_names_the_plugin(
    register_plugin: Callable[..., PluginHost],
) -> None:
    from inspection_schema.codecs.json import make_converter

    def broken(converter: Any) -> None:
        raise RuntimeError("no")

    register_plugin(inline_plugin(configure_converter=broken), "conv", distribution="conv-dist")
    with pytest.raises(PluginError, match=r'plugin "conv" \(distribution conv-dist 0\).*no'):
        make_converter()


# -- installed distributions ------------------------------------------------------------------


def _fake_distribution(root: Path, name: str, module: str, source: str) -> None:
    """A distribution on ``sys.path`` whose entry point is ``module``, as pip would install it."""
    info = root / f"{name}-1.2.3.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.2.3\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        f"[inspection_schema]\n{module} = {module}\n", encoding="utf-8"
    )
    (root / f"{module}.py").write_text(source, encoding="utf-8")


GOOD_PLUGIN = """
from inspection_schema.plugins import hookimpl
from inspection_schema.formats import Format

@hookimpl
def register_formats(register):
    register(Format(name="fake", suffixes=(".fake",), read=None, write=lambda d: b"",
                    lossless=False))
"""


@pytest.fixture
def fake_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.syspath_prepend(str(tmp_path))
    return tmp_path


def test_an_installed_plugin_is_listed_with_its_distribution(fake_site: Path) -> None:
    _fake_distribution(fake_site, "fake-dist", "fake_good_plugin", GOOD_PLUGIN)
    host = PluginHost(environ={})
    info = {i.name: i for i in host.plugins()}["fake_good_plugin"]
    assert (info.distribution, info.version, info.builtin) == ("fake-dist", "1.2.3", False)
    assert info.registered == {"formats": ("fake",)}


def test_a_plugin_that_fails_to_import_names_its_distribution(fake_site: Path) -> None:
    _fake_distribution(fake_site, "broken-dist", "fake_broken_plugin", "raise ImportError('nope')")
    with pytest.raises(PluginError) as caught:
        PluginHost(environ={}).load()
    message = str(caught.value)
    assert 'plugin "fake_broken_plugin" (distribution broken-dist 1.2.3)' in message
    assert "ImportError: nope" in message
    assert f"{ENV_BLOCK}=fake_broken_plugin" in message


def test_a_failing_plugin_gives_exit_2_at_the_command_line(
    fake_site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from inspection_schema.plugins.manager import use_host

    _fake_distribution(fake_site, "broken-dist", "fake_broken_cli", "1/0")
    previous = use_host(None)
    try:
        assert main(["formats"]) == 2
    finally:
        use_host(previous)
    assert "broken-dist" in capsys.readouterr().err


EXTENSION_PLUGIN = """
from typing import ClassVar
from attrs import field, frozen
from inspection_schema.extensions import SchemaExtension
from inspection_schema.model import LedgerEntry, meta
from inspection_schema.plugins import hookimpl

@frozen(kw_only=True)
class InstalledColumns:
    TERM: ClassVar[str] = "县级栏目"
    who: str = field(metadata=meta("督办人"))

@hookimpl
def register_extensions(register):
    register(SchemaExtension(namespace="urn:example:installed", prefix="inst",
                             root=InstalledColumns, targets=(LedgerEntry,), title="县级栏目"))
"""


def test_an_installed_extension_is_checked_whoever_reads_first(fake_site: Path) -> None:
    from inspection_schema.codecs import json as json_codec
    from inspection_schema.plugins.manager import use_host

    _fake_distribution(fake_site, "county-dist", "fake_extension_plugin", EXTENSION_PLUGIN)
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["rectifications"][0]["entries"][0]["extensions"] = {
        "urn:example:installed": {"who": "王某"}
    }
    raw = json.dumps(data, ensure_ascii=False).encode()
    previous = use_host(None)  # nothing has started a host: the codec itself must
    try:
        document = json_codec.loads(raw)
        value = document.rectifications[0].entries[0].extensions["urn:example:installed"]
        assert type(value).__name__ == "InstalledColumns"
        data["rectifications"][0]["entries"][0]["extensions"]["urn:example:installed"] = {}
        with pytest.raises(SchemaViolationError, match="who"):
            json_codec.loads(json.dumps(data, ensure_ascii=False).encode())
    finally:
        use_host(previous)


def test_an_installed_plugin_registering_badly_gives_exit_2(
    fake_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from inspection_schema.plugins.manager import use_host

    source = EXTENSION_PLUGIN.replace('"urn:example:installed"', '"not a uri"')
    _fake_distribution(fake_site, "bad-county-dist", "fake_bad_extension", source)
    previous = use_host(None)
    try:
        assert main(["formats"]) == 2
    finally:
        use_host(previous)
    err = capsys.readouterr().err
    assert 'plugin "fake_bad_extension" (distribution bad-county-dist 1.2.3)' in err
    assert f"{ENV_BLOCK}=fake_bad_extension" in err
    assert "Traceback" not in err


def test_environment_switches_match_names_as_pip_does(fake_site: Path) -> None:
    _fake_distribution(fake_site, "fake-dist", "fake_good_plugin", GOOD_PLUGIN)
    for spelling in ("Fake_Dist", "fake.dist", "FAKE-GOOD-PLUGIN"):
        host = PluginHost(environ={ENV_BLOCK: spelling})
        assert "fake_good_plugin" not in {i.name for i in host.plugins()}, spelling


def test_environment_switches_block_and_allow(fake_site: Path) -> None:
    _fake_distribution(fake_site, "fake-dist", "fake_good_plugin", GOOD_PLUGIN)
    _fake_distribution(fake_site, "broken-dist", "fake_broken_plugin", "1/0")
    blocked = PluginHost(environ={ENV_BLOCK: "fake_broken_plugin"})
    assert "fake" in {f.name for f in blocked.formats()}
    allowed = PluginHost(environ={ENV_ALLOW: "fake-dist"})
    assert "fake_good_plugin" in {i.name for i in allowed.plugins()}
    none = PluginHost(environ={ENV_ALLOW: ""})
    assert {i.name for i in none.plugins()} == {name for name, _ in BUILTIN_PLUGINS}


def test_tracing_writes_hook_calls_to_standard_error(
    capfd: pytest.CaptureFixture[str],
) -> None:
    host = PluginHost(entry_points=False, environ={ENV_TRACE: "1"})
    host.formats()
    err = capfd.readouterr().err
    assert "register_formats" in err
    assert "register_formats -> plugin builtin-formats" in err


def test_validate_takes_the_as_of_date(register_plugin: Callable[..., PluginHost]) -> None:
    seen: list[datetime.date] = []

    def check(document: Document, context: RuleContext) -> Any:
        seen.append(context.today())
        return ()

    rule = Rule(
        code="X902", name="date", severity=Severity.INFO, summary="", summary_zh="", check=check
    )
    register_plugin(inline_plugin(register_rules=lambda register: register(rule)))
    assert main(["validate", "--as-of", "2024-01-31", str(EXAMPLE)]) == 0
    assert seen == [datetime.date(2024, 1, 31)]
