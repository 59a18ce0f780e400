"""The plugin surface stays honest: every hook is documented with its signature and tested.

docs/plugins.md must carry a heading with each hook's exact signature, and some test in
tests/ must be named ``test_hook_<hook>``; adding a hook without both fails here.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from inspection_schema.plugins import spec

ROOT = Path(__file__).parent.parent
HOOKS = sorted(
    name
    for name, function in vars(spec).items()
    if inspect.isfunction(function) and hasattr(function, "inspection_schema_spec")
)


def _signature(name: str) -> str:
    function = getattr(spec, name)
    parameters = ", ".join(
        f"{p.name}: {p.annotation}" for p in inspect.signature(function).parameters.values()
    )
    return f"{name}({parameters}) -> {inspect.signature(function).return_annotation}"


def test_the_spec_has_hooks() -> None:
    # the seven, and the signer sources of the signed exchange
    assert set(HOOKS) == {
        "register_extensions",
        "register_migrations",
        "configure_converter",
        "register_formats",
        "register_rules",
        "register_conventions",
        "register_commands",
        "register_signers",
    }


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_is_documented_with_its_signature(hook: str) -> None:
    page = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    assert f"### `{_signature(hook)}`" in page


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_has_a_test(hook: str) -> None:
    sources = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").glob("test_*.py"))
    assert re.search(rf"^def test_hook_{hook}\b", sources, re.MULTILINE)
