"""Command-line subcommands that plugins add to ``inspection-schema``."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from attrs import frozen

CORE_COMMANDS: frozenset[str] = frozenset(
    {"show", "validate", "convert", "schema", "formats", "plugins"}
)
"""The command line's own commands: a plugin's command may not take one of these names."""


@frozen(kw_only=True)
class Command:
    """子命令: one subcommand of ``inspection-schema``, given by a plugin."""

    name: str
    help: str
    """One line, Chinese first then English in brackets, as the core's commands have it."""
    configure: Callable[[argparse.ArgumentParser], None]
    """Adds the command's arguments to its parser."""
    run: Callable[[argparse.Namespace], int]
    """Runs the command; returns the exit code (0 fine, 1 problems found, 2 unusable input)."""
