"""MkDocs hook: add the pages generated from the model (element references and glossary).

The pages are not kept in docs/; they are made from ``inspection_schema.reference`` at every
build, so they always describe the model of the checkout being built. Under ``mkdocs serve``
the library is imported afresh on each rebuild, so an edited model shows up on reload.

Hand-written pages may also hold generated fragments: a marker comment on a line of its own
(see :data:`FRAGMENTS`) is replaced at build time by what its function returns.
"""

from __future__ import annotations

import functools
import importlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

_PACKAGE = "inspection_schema"

GENERATED: dict[str, str] = {
    "reference.md": "reference_markdown",
    "glossary.md": "glossary_markdown",
    "xml-reference.md": "xml_reference_markdown",
}
"""Page path in the site -> function of ``inspection_schema.reference`` that writes it."""

RULES_PAGE = "rules.md"
"""The rules page, made by ``inspection_schema.rules.reference.rules_markdown`` from the core
rules, their examples run on the bundled example document."""
EXAMPLE = "examples/fulian-2023.json"

FRAGMENTS: dict[str, str] = {
    "<!-- generated: xsd-limits -->": "xsd_limits_markdown",
}
"""Marker line in a hand-written page -> function of ``inspection_schema.reference`` whose
Markdown replaces it."""


_fragments: dict[str, Callable[[], str]] = {}
"""The fragment generators of the current build (imported afresh by :func:`on_files`)."""


def _fresh_generators(root: Path) -> dict[str, Callable[[], str]]:
    # Drop cached modules so a rebuild under `mkdocs serve` sees the edited model.
    for name in [n for n in sys.modules if n == _PACKAGE or n.startswith(_PACKAGE + ".")]:
        del sys.modules[name]
    reference = importlib.import_module(_PACKAGE + ".reference")
    rules = importlib.import_module(_PACKAGE + ".rules.reference")
    _fragments.clear()
    _fragments.update(
        {marker: getattr(reference, function) for marker, function in FRAGMENTS.items()}
    )
    pages = {page: getattr(reference, function) for page, function in GENERATED.items()}
    pages[RULES_PAGE] = functools.partial(rules.rules_markdown, root / EXAMPLE)
    return pages


def on_files(files: Files, config: Any) -> Files:
    """Replace any stale copy of a generated page with one made from the model now."""
    root = Path(config["docs_dir"]).resolve().parent
    for page, generate in _fresh_generators(root).items():
        stale = files.get_file_from_path(page)
        if stale is not None:
            files.remove(stale)
        files.append(File.generated(config, page, content=generate()))
    return files


def on_page_markdown(markdown: str, page: Page, config: Any, files: Files) -> str:
    """Replace each fragment marker (a line of its own) with its generated Markdown."""
    lines = markdown.split("\n")
    for index, line in enumerate(lines):
        generate = _fragments.get(line.strip())
        if generate is not None:
            lines[index] = generate().rstrip("\n")
    return "\n".join(lines)
