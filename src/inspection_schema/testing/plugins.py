"""The test kit for plugin authors: pytest fixtures that register an inline plugin and clean up.

Enable it in the top-level ``conftest.py`` (or with ``-p inspection_schema.testing.plugins``)::

    pytest_plugins = ["inspection_schema.testing.plugins"]

then::

    def test_my_rule(register_plugin):
        host = register_plugin(my_plugin_module)
        assert "X101" in {rule.code for rule in host.rules()}

``plugin_host`` is a fresh host with the built-in plugins only (whatever else is installed), made
the process's host for the test; ``register_plugin`` adds a plugin object to it;
``installed_plugin_host`` also loads the installed distributions. Documents to feed a plugin come
from :mod:`inspection_schema.testing.strategies`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from ..plugins import hookimpl
from ..plugins.manager import ENV_ALLOW, ENV_BLOCK, ENV_TRACE, PluginHost, use_host


class InlinePlugin:
    """A plugin made of plain functions (hashable by identity, as pluggy needs)."""

    def __init__(self, hooks: dict[str, Callable[..., Any]]) -> None:
        for name, function in hooks.items():
            setattr(self, name, hookimpl(function))

    def __repr__(self) -> str:
        return f"InlinePlugin({', '.join(sorted(vars(self)))})"


def inline_plugin(**hooks: Callable[..., Any]) -> InlinePlugin:
    """A plugin object from functions named by the hooks they implement.

    ``inline_plugin(register_rules=lambda register: register(MY_RULE))``
    """
    return InlinePlugin(hooks)


def _host(entry_points: bool) -> Iterator[PluginHost]:
    environ = {
        key: value
        for key, value in os.environ.items()
        if key not in (ENV_ALLOW, ENV_BLOCK, ENV_TRACE)
    }
    host = PluginHost(entry_points=entry_points, environ=environ)
    previous = use_host(host)
    try:
        yield host
    finally:
        use_host(previous)


@pytest.fixture
def plugin_host() -> Iterator[PluginHost]:
    """A host with only the built-in plugins, in use for the test's duration."""
    yield from _host(False)


@pytest.fixture
def installed_plugin_host() -> Iterator[PluginHost]:
    """A host with the built-in and the installed plugins, in use for the test's duration."""
    yield from _host(True)


@pytest.fixture
def register_plugin(plugin_host: PluginHost) -> Callable[..., PluginHost]:
    """Register a plugin object in ``plugin_host``: ``register_plugin(obj, name="mine")``."""
    counter = iter(range(1_000_000))

    def register(
        plugin: object, name: str | None = None, *, distribution: str = "(inline)"
    ) -> PluginHost:
        plugin_host.add_plugin(plugin, name or f"inline-{next(counter)}", distribution=distribution)
        return plugin_host

    return register
