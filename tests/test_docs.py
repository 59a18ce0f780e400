"""The documentation: it builds strictly, its generated pages cover the model, its code runs.

- ``mkdocs build --strict`` must succeed offline: a broken link or anchor fails it.
- The element reference must list every class with exactly its JSON keys (in the order the
  canonical writer emits them) and every code list with exactly its codes; the glossary must
  hold every Chinese term of the model.
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
from inspection_schema.reference import glossary_markdown, reference_markdown, wire_order

ROOT = Path(__file__).parent.parent
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.glob("*.md"))
EXAMPLES = sorted((ROOT / "examples").glob("*.json"))
GENERATED_PAGES = ("reference", "glossary")


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


def _rows(section: str) -> list[list[str]]:
    """The body rows of the Markdown tables in a section, as lists of cells."""
    rows = []
    for line in section.splitlines():
        if line.startswith("| ") and not line.startswith(("| Key |", "| Code |", "| Kind |")):
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
        "reference_markdown; sys.stdout.buffer.write("
        "(reference_markdown() + glossary_markdown()).encode())"
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
    assert outputs == {(reference_markdown() + glossary_markdown()).encode()}


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
