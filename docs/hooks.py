"""MkDocs hook: add the pages generated from the model (element reference and glossary).

The pages are not kept in docs/; they are made from ``inspection_schema.reference`` at every
build, so they always describe the model of the checkout being built. Under ``mkdocs serve``
the library is imported afresh on each rebuild, so an edited model shows up on reload.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from typing import Any

from mkdocs.structure.files import File, Files

_PACKAGE = "inspection_schema"

GENERATED: dict[str, str] = {
    "reference.md": "reference_markdown",
    "glossary.md": "glossary_markdown",
}
"""Page path in the site -> function of ``inspection_schema.reference`` that writes it."""


def _fresh_generators() -> dict[str, Callable[[], str]]:
    # Drop cached modules so a rebuild under `mkdocs serve` sees the edited model.
    for name in [n for n in sys.modules if n == _PACKAGE or n.startswith(_PACKAGE + ".")]:
        del sys.modules[name]
    reference = importlib.import_module(_PACKAGE + ".reference")
    return {page: getattr(reference, function) for page, function in GENERATED.items()}


def on_files(files: Files, config: Any) -> Files:
    """Replace any stale copy of a generated page with one made from the model now."""
    for page, generate in _fresh_generators().items():
        stale = files.get_file_from_path(page)
        if stale is not None:
            files.remove(stale)
        files.append(File.generated(config, page, content=generate()))
    return files
