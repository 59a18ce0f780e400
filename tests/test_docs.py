"""The documentation: it builds strictly, its generated pages cover the model, its code runs.

- ``mkdocs build --strict`` must succeed offline: a broken link or anchor fails it.
- The element reference must list every class with exactly its JSON keys (in the order the
  canonical writer emits them) and every code list with exactly its codes; the glossary must
  hold every Chinese term of the model.
- The XML element reference must list every class with the element names it is written as and
  exactly its attributes and child elements (in the writer's order), each with the type the
  generated XML Schema declares for it.
- A fenced block titled with a file of ``examples/`` (``title="examples/…"``) must be a verbatim
  excerpt of that file, so excerpts cannot drift from the examples.
- Every fenced ``python`` block in ``docs/*.md`` is executed, the blocks of one page in order in
  one namespace (like a doctest session), from the repository root so that ``examples/`` paths
  resolve. Write samples that assert what they show. Blocks that must not run (sketches,
  shell sessions) use another info string: ``console``, ``text``, ``json``.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from types import NoneType, UnionType
from typing import Any, Union, get_args, get_origin

import attrs
import pytest
from lxml import etree

from inspection_schema.codecs.xml.binding import ROOT as XML_ROOT
from inspection_schema.codecs.xml.binding import FieldBinding, binding, class_tag
from inspection_schema.model import (
    ALL_CODE_LISTS,
    HISTORY_EVENT_TYPES,
    KIND_REQUIREMENTS,
    MODEL_CLASSES,
    CodeList,
    Document,
    class_term,
    info,
)
from inspection_schema.reference import (
    glossary_markdown,
    reference_markdown,
    wire_order,
    xml_reference_markdown,
    xsd_limits_markdown,
)
from inspection_schema.schemas.xsd import LIMITS, XS_NAMESPACE, xsd

ROOT = Path(__file__).parent.parent
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.glob("*.md"))
EXAMPLES = sorted((ROOT / "examples").glob("*.json"))
GENERATED_PAGES = ("reference", "glossary", "xml-reference")


# -- the build ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built with ``mkdocs build --strict`` into a temporary directory."""
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "WARNING" not in done.stderr, done.stderr
    return out


def test_build_is_strict_and_complete(site: Path) -> None:
    for page in (*(p.stem for p in PAGES), *GENERATED_PAGES):
        path = site / "index.html" if page == "index" else site / page / "index.html"
        assert path.is_file(), f"{page} was not built"
    assert not (site / "hooks.py").exists(), "the build hook must not be published"


def test_built_reference_comes_from_the_model(site: Path) -> None:
    html = (site / "reference" / "index.html").read_text(encoding="utf-8")
    for cls in (*MODEL_CLASSES, *ALL_CODE_LISTS):
        assert f'id="{cls.__name__.lower()}"' in html, cls.__name__
    glossary = (site / "glossary" / "index.html").read_text(encoding="utf-8")
    assert 'href="../reference/#ledgerentry"' in glossary
    xml_reference = (site / "xml-reference" / "index.html").read_text(encoding="utf-8")
    for cls in MODEL_CLASSES:
        assert f'id="{cls.__name__.lower()}"' in xml_reference, cls.__name__
    assert 'href="../reference/#ledgerentry"' in xml_reference


def test_built_pages_have_their_generated_fragments(site: Path) -> None:
    for page in PAGES:
        built = site / "index.html" if page.stem == "index" else site / page.stem / "index.html"
        assert "<!-- generated:" not in built.read_text(encoding="utf-8"), page.name
    exchange = (site / "exchange-format" / "index.html").read_text(encoding="utf-8")
    start = exchange.index("inspection_schema.schemas.xsd.LIMITS")
    listed = exchange[start : exchange.index("</ul>", start)]
    assert listed.count("<li>") == len(LIMITS)


# -- the element reference ---------------------------------------------------------------------

_HEADING = re.compile(r"^#{2,3} (?P<title>.+?) \{ #(?P<anchor>[\w-]+) \}$", re.MULTILINE)


def _sections(markdown: str) -> dict[str, str]:
    """The text under each heading, by the heading's anchor."""
    found = list(_HEADING.finditer(markdown))
    sections: dict[str, str] = {}
    for here, following in zip(found, [*found[1:], None], strict=True):
        end = following.start() if following is not None else len(markdown)
        assert here["anchor"] not in sections, f"anchor #{here['anchor']} is used twice"
        sections[here["anchor"]] = markdown[here.start() : end]
    return sections


_HEADERS = ("| Key |", "| Code |", "| Kind |", "| XML name |", "| Type |", "| Element |")


def _rows(section: str) -> list[list[str]]:
    """The body rows of the Markdown tables in a section, as lists of cells."""
    rows = []
    for line in section.splitlines():
        if line.startswith("| ") and not line.startswith(_HEADERS):
            rows.append([cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]])
    return rows


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


@pytest.fixture(scope="module")
def reference() -> dict[str, str]:
    return _sections(reference_markdown())


def _reference_keys(section: str) -> list[str]:
    return [row[0].strip("`") for row in _rows(section)]


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda cls: cls.__name__)
def test_reference_lists_every_field(reference: dict[str, str], cls: type) -> None:
    section = reference.get(cls.__name__.lower())
    assert section is not None, f"{cls.__name__} has no section"
    assert f"{cls.__name__} — {class_term(cls)}" in section.splitlines()[0]
    tag = ["kind"] if cls in HISTORY_EVENT_TYPES else []
    expected = tag + [attribute.name for attribute in wire_order(cls)]
    assert _reference_keys(section) == expected
    rows = {row[0].strip("`"): row for row in _rows(section)}
    for attribute in attrs.fields(cls):
        _, wire_type, required, term, targets = rows[attribute.name]
        field_info = info(attribute)
        assert _unescape(term).startswith(field_info.term), attribute.name
        assert (required == "**required**") == (attribute.default is attrs.NOTHING)
        for target in field_info.targets:
            assert f"[{target}](#{target.lower()})" in targets, (attribute.name, target)
        assert wire_type, attribute.name


@pytest.mark.parametrize("code_list", ALL_CODE_LISTS, ids=lambda cls: cls.__name__)
def test_reference_lists_every_code(reference: dict[str, str], code_list: type[CodeList]) -> None:
    section = reference.get(code_list.__name__.lower())
    assert section is not None, f"{code_list.__name__} has no section"
    assert f"{code_list.__name__} — {code_list.TERM}" in section.splitlines()[0]
    rows = _rows(section)
    assert [row[0].strip("`") for row in rows] == [member.value for member in code_list]
    assert [_unescape(row[1]) for row in rows] == [member.term for member in code_list]


def test_reference_lists_document_kinds(reference: dict[str, str]) -> None:
    section = reference["document-kinds"]
    for kind, parts in KIND_REQUIREMENTS.items():
        row = next(r for r in _rows(section) if r[0] == f"`{kind.value}`")
        assert _unescape(row[1]) == kind.term
        for part in parts:
            assert f"`{part.path}`" in row[2]
            assert part.reason in _unescape(row[3])


def test_links_in_generated_pages_resolve() -> None:
    anchors = set(_sections(reference_markdown())) | set(_sections(glossary_markdown()))
    for markdown in (reference_markdown(), glossary_markdown()):
        for anchor in re.findall(r"\]\((?:reference\.md)?#([\w-]+)\)", markdown):
            assert anchor in anchors, anchor
    xml_anchors = set(_sections(xml_reference_markdown()))
    for page, anchor in re.findall(r"\]\(([\w.-]*)#([\w-]+)\)", xml_reference_markdown()):
        if page == "":
            assert anchor in xml_anchors, anchor
        elif page == "reference.md":
            assert anchor in set(_sections(reference_markdown())), anchor


# -- the XML element reference -----------------------------------------------------------------


@pytest.fixture(scope="module")
def xml_reference() -> dict[str, str]:
    return _sections(xml_reference_markdown())


@pytest.fixture(scope="module")
def schema_types() -> dict[str, etree._Element]:
    """The named types of the generated XML Schema, by ``is:`` name."""
    root = etree.fromstring(xsd())
    return {
        f"is:{node.get('name')}": node
        for node in root
        if node.tag in (f"{{{XS_NAMESPACE}}}complexType", f"{{{XS_NAMESPACE}}}simpleType")
    }


def _written_as() -> dict[type, set[str]]:
    """The element names each class is written as, by walking the XML binding."""
    found: dict[type, set[str]] = {Document: {XML_ROOT}}
    for owner in MODEL_CLASSES:
        for field in binding(owner).elements:
            if field.form == "object":
                found.setdefault(field.target, set()).add(field.xml)
            elif field.form == "objects":
                found.setdefault(field.target, set()).add(class_tag(field.target))
            elif field.form == "events":
                for member in field.target:
                    found.setdefault(member, set()).add(class_tag(member))
    return found


WRITTEN_AS = _written_as()


def test_every_class_is_written_as_some_element() -> None:
    assert set(WRITTEN_AS) == set(MODEL_CLASSES)


def _first_code(cell: str) -> str:
    found = re.search(r"`([^`]+)`", cell)
    assert found is not None, cell
    return found.group(1)


def _declared_type(schema_type: etree._Element, field: FieldBinding) -> str | None:
    """The type the schema gives an attribute or child element of a complex type."""
    xs = f"{{{XS_NAMESPACE}}}"
    where = f"{xs}attribute" if field.form == "attribute" else f"{xs}sequence/{xs}element"
    for node in schema_type.findall(where):
        if node.get("name") == field.xml:
            declared: str | None = node.get("type")
            return declared
    return None


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda cls: cls.__name__)
def test_xml_reference_lists_every_attribute_and_element(
    xml_reference: dict[str, str], schema_types: dict[str, etree._Element], cls: type
) -> None:
    section = xml_reference.get(cls.__name__.lower())
    assert section is not None, f"{cls.__name__} has no section"
    assert f"{cls.__name__} — {class_term(cls)}" in section.splitlines()[0]
    written = next(line for line in section.splitlines() if line.startswith("Written as: "))
    for tag in WRITTEN_AS[cls]:
        assert f"`<{tag}>`" in written, (cls.__name__, tag)
    shape = binding(cls)
    if _holding_lists(cls):  # a list item is named by its class
        assert f"`<{shape.tag}>`" in written, cls.__name__
    rows = _rows(section)
    expected = [f"@{f.xml}" for f in shape.attributes] + [f.xml for f in shape.elements]
    assert [row[0].strip("`") for row in rows] == expected
    schema_type = schema_types[f"is:{cls.__name__}"]
    for row, field in zip(rows, (*shape.attributes, *shape.elements), strict=True):
        _, form, type_cell, required, term, key = row
        attribute = attrs.fields_dict(cls)[field.name]
        assert key == f"`{field.name}`"
        assert _unescape(term).startswith(info(attribute).term), field.name
        assert required.startswith("**required**") == (attribute.default is attrs.NOTHING)
        assert form, field.name
        for target in info(attribute).targets:
            assert f"[{target}](#{target.lower()})" in type_cell, (field.name, target)
        if field.form in ("attribute", "text", "object", "extensions"):
            assert _first_code(type_cell) == _declared_type(schema_type, field), field.name
        else:  # a list: the wrapper's items are named by their class (or `item`)
            items = field.target if field.form == "events" else (field.target,)
            tags = [class_tag(item) for item in items] if field.target else ["item"]
            for tag in tags:
                assert f"`<{tag}>`" in type_cell, (field.name, tag)


def _holding_lists(cls: type) -> list[FieldBinding]:
    """The list fields of any class that hold items of class ``cls``."""
    found = []
    for owner in MODEL_CLASSES:
        for field in binding(owner).elements:
            held = (field.target,) if field.form == "objects" else field.target
            if field.form in ("objects", "events") and cls in held:
                found.append(field)
    return found


def test_xml_reference_names_only_declared_types(
    schema_types: dict[str, etree._Element],
) -> None:
    named = set(re.findall(r"`((?:is|xs):\w+)`", xml_reference_markdown()))
    declared = {name for name in named if name.startswith("xs:")} | set(schema_types)
    assert named <= declared, sorted(named - declared)
    assert {name for name in schema_types if name != "is:DateTimeForm"} <= named | {
        "is:Namespace",
        "is:Extension",
        *(f"is:{cls.__name__}" for cls in MODEL_CLASSES),
    }


def test_xml_reference_indexes_every_element(xml_reference: dict[str, str]) -> None:
    index = xml_reference["xml-elements"]
    listed = {(row[0].strip("`<>"), row[1]) for row in _rows(index)}
    for cls, tags in WRITTEN_AS.items():
        for tag in tags:
            assert (tag, f"[{cls.__name__}](#{cls.__name__.lower()})") in listed, tag


def test_xsd_limits_fragment_lists_every_limit() -> None:
    items = [line.removeprefix("- ") for line in xsd_limits_markdown().splitlines()]
    assert len(items) == len(LIMITS)
    for item, limit in zip(items, LIMITS, strict=True):
        shown = re.sub(r"\\\[U\+([0-9A-F]{4})\\\]", lambda m: chr(int(m.group(1), 16)), item)
        assert _unescape(shown) == limit


# -- excerpts of the examples ------------------------------------------------------------------

_TITLED = re.compile(
    r'^(?P<indent>[ \t]*)```\w+[^\n]*title="(?P<file>examples/[^"]+)"[^\n]*\n'
    r"(?P<body>.*?)^(?P=indent)```[ \t]*$",
    re.MULTILINE | re.DOTALL,
)


def _excerpts() -> list[tuple[str, int, str, str]]:
    found = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for match in _TITLED.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append((page.name, line, match["file"], textwrap.dedent(match["body"])))
    return found


def test_docs_have_excerpts() -> None:
    assert {file for _, _, file, _ in _excerpts()} >= {
        "examples/fulian-2023.json",
        "examples/fulian-2023.xml",
    }


@pytest.mark.parametrize(
    ("page", "line", "file", "excerpt"),
    _excerpts(),
    ids=lambda value: str(value) if isinstance(value, int) else None,
)
def test_excerpts_are_verbatim(page: str, line: int, file: str, excerpt: str) -> None:
    wanted = excerpt.splitlines()
    lines = (ROOT / file).read_text(encoding="utf-8").splitlines()
    for start in range(len(lines) - len(wanted) + 1):
        candidate = lines[start : start + len(wanted)]
        if textwrap.dedent("\n".join(candidate)).splitlines() == wanted:
            return
    pytest.fail(f"{page}, line {line}: the excerpt is not in {file}")


# -- the glossary ------------------------------------------------------------------------------


def _model_terms() -> Iterator[str]:
    for cls in MODEL_CLASSES:
        yield class_term(cls)
        for attribute in attrs.fields(cls):
            yield info(attribute).term
    for code_list in ALL_CODE_LISTS:
        yield code_list.TERM
        for member in code_list:
            yield member.term


def test_glossary_contains_every_chinese_term() -> None:
    cells = {_unescape(cell) for row in _rows(glossary_markdown()) for cell in row if cell.strip()}
    missing = sorted(term for term in set(_model_terms()) if term not in cells)
    assert not missing, missing


def test_glossary_maps_every_key_and_name() -> None:
    glossary = glossary_markdown()
    for cls in (*MODEL_CLASSES, *ALL_CODE_LISTS):
        assert f"[{cls.__name__}](reference.md#{cls.__name__.lower()})" in glossary
    for cls in MODEL_CLASSES:
        for attribute in attrs.fields(cls):
            assert f"| `{attribute.name}` | " in glossary, attribute.name
    for code_list in ALL_CODE_LISTS:
        for member in code_list:
            assert f"| `{member.value}` | " in glossary, member


def test_generated_pages_are_deterministic() -> None:
    """The same model gives the same text, whatever the hash seed of the process."""
    program = (
        "import sys; from inspection_schema.reference import glossary_markdown, "
        "reference_markdown, xml_reference_markdown; sys.stdout.buffer.write("
        "(reference_markdown() + glossary_markdown() + xml_reference_markdown()).encode())"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", program],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    expected = reference_markdown() + glossary_markdown() + xml_reference_markdown()
    assert outputs == {expected.encode()}


# -- the key order the reference states is the canonical writer's -----------------------------


def _classes_in(tp: Any) -> list[type]:
    if attrs.has(tp):
        return [tp]
    if get_origin(tp) in (UnionType, Union, tuple, frozenset):
        return [
            c for arg in get_args(tp) if arg not in (Ellipsis, NoneType) for c in _classes_in(arg)
        ]
    return []


def _check_order(raw: Any, cls: type, order: dict[str, list[str]], path: str) -> Iterator[str]:
    """Complaints about objects under ``raw`` whose keys break the reference's order."""
    keys = list(raw)
    stated = order[cls.__name__]
    if [k for k in stated if k in raw] != keys:
        yield f"{path}: {keys} is not in the order {stated}"
    events = {event.KIND: event for event in HISTORY_EVENT_TYPES}
    for attribute in attrs.fields(cls):
        if attribute.name not in raw or attribute.name == "extensions":
            continue
        classes = _classes_in(attribute.type)
        if not classes:
            continue
        value = raw[attribute.name]
        items = value if isinstance(value, list) else [value]
        for index, item in enumerate(items):
            here = f"{path}.{attribute.name}" + (f"[{index}]" if isinstance(value, list) else "")
            target = events[item["kind"]] if len(classes) > 1 else classes[0]
            yield from _check_order(item, target, order, here)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.name)
def test_reference_key_order_is_the_canonical_order(
    reference: dict[str, str], example: Path
) -> None:
    from inspection_schema.codecs.json import dumps, loads

    data = example.read_bytes()
    raw = json.loads(dumps(loads(data)))
    order = {
        cls.__name__: _reference_keys(reference[cls.__name__.lower()]) for cls in MODEL_CLASSES
    }
    complaints = list(_check_order(raw, Document, order, "$"))
    assert not complaints, complaints[:5]


# -- the code samples --------------------------------------------------------------------------

_FENCE = re.compile(
    r"^(?P<indent>[ \t]*)```python[^\n]*\n(?P<body>.*?)^(?P=indent)```[ \t]*$",
    re.MULTILINE | re.DOTALL,
)


def _python_blocks(page: Path) -> list[tuple[int, str]]:
    text = page.read_text(encoding="utf-8")
    return [
        (text.count("\n", 0, found.start()) + 1, textwrap.dedent(found["body"]))
        for found in _FENCE.finditer(text)
    ]


def test_docs_have_code_samples() -> None:
    assert sum(len(_python_blocks(page)) for page in PAGES) >= 3


@pytest.mark.parametrize(
    "page", [p for p in PAGES if _python_blocks(p)], ids=lambda path: path.name
)
def test_code_samples_run(page: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    namespace: dict[str, Any] = {"__name__": f"docs.{page.stem}"}
    for line, source in _python_blocks(page):
        # Padded so that a traceback names the line of the Markdown file.
        code = compile("\n" * line + source, str(page.relative_to(ROOT)), "exec")
        exec(code, namespace)
