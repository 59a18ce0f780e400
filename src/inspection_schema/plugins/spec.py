"""Hook specifications: every hook a plugin may implement, with its exact contract.

A plugin is a module (or object) with functions marked ``@inspection_schema.hookimpl`` and named
after a hook below, made known through the entry-point group ``inspection_schema``::

    [project.entry-points.inspection_schema]
    county-ledger = "county_ledger.plugin"

Most hooks hand the plugin a ``register`` callback, as llm and hatchling do: the plugin calls it
once per item (a format, a rule, a convention...). The host checks each item's type, refuses a
second item of the same name naming both plugins, and remembers which plugin gave what, for
``inspection-schema plugins``. A hook returns ``None``; implementations may leave out trailing
parameters they do not use (pluggy passes only the arguments an implementation names).

The built-in formats, rules and national convention register through these same hooks
(:mod:`inspection_schema.builtin`). A plugin replaces a built-in item by registering one of the
same name with ``override=True``; it cannot replace another plugin's.

All hooks exist since version 0.1.0.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, TypeVar

import pluggy

if TYPE_CHECKING:
    from cattrs import Converter

    from ..commands import Command
    from ..conventions import Convention
    from ..crypto.sources import SignerSource
    from ..extensions import SchemaExtension
    from ..formats import Format
    from ..rules import Rule
    from ..versions import Migration

PROJECT = "inspection_schema"
"""The pluggy project name, and the entry-point group plugins are found under."""

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)

T_contra = TypeVar("T_contra", contravariant=True)


class Register(Protocol[T_contra]):
    """The callback a registration hook receives: ``register(item)`` or with ``override=True``."""

    def __call__(self, item: T_contra, /, *, override: bool = False) -> None: ...


# -- the document's shape -----------------------------------------------------------------------


@hookspec
def register_extensions(register: Register[SchemaExtension]) -> None:
    """Register typed schema extensions (扩展).

    :param register: call with each :class:`~inspection_schema.extensions.SchemaExtension`: an
        attrs class in the plugin's own namespace that rides in the extension slot of the model
        classes it names, carried losslessly in JSON and XML, described by its own XSD and JSON
        Schema, and checked on load. Its namespace is its name: a second extension with the same
        namespace is refused.
    """


@hookspec
def register_migrations(register: Register[Migration]) -> None:
    """Register migrations of documents of older schema versions.

    :param register: call with each :class:`~inspection_schema.versions.Migration`; its name is
        its format and the major version it upgrades from (``json`` from ``0``).
    """


@hookspec
def configure_converter(converter: Converter) -> None:
    """Adjust a JSON converter made by :func:`inspection_schema.codecs.json.make_converter`.

    :param converter: the cattrs converter, already carrying the codec's hooks; add hooks for
        the plugin's own types. Called once per converter made. The codec's own converters
        (documents in and out) are made without plugins: the wire format stays the schema's.
    """


# -- reading and writing ------------------------------------------------------------------------


@hookspec
def register_formats(register: Register[Format]) -> None:
    """Register document formats: readers and writers chosen by name or file suffix.

    :param register: call with each :class:`~inspection_schema.formats.Format` (name, file
        suffixes, a reader and/or a writer, whether it keeps every field). ``convert`` and
        ``load``/``dump`` find it by name or suffix.
    """


# -- checking -----------------------------------------------------------------------------------


@hookspec
def register_rules(register: Register[Rule]) -> None:
    """Register validation rules that apply under every convention.

    :param register: call with each :class:`~inspection_schema.rules.Rule`; its name is its code
        (``R101``); a code is registered once. Rules that only one region applies belong in its
        convention (:attr:`Convention.rules`) instead.
    """


@hookspec
def register_conventions(register: Register[Convention]) -> None:
    """Register regional conventions (工作规范).

    :param register: call with each :class:`~inspection_schema.conventions.Convention`: its
        name, GB/T 2260 region codes, deadline policies, working-day calendar, month-end rule,
        naming rules, the rules it adds and its ledger template. ``validate --convention NAME``
        chooses one by name; otherwise the document's region code chooses.
    """


# -- signing ------------------------------------------------------------------------------------


@hookspec
def register_signers(register: Register[SignerSource]) -> None:
    """Register sources of SM2 signers: a certified crypto device, a signing service.

    :param register: call with each :class:`~inspection_schema.crypto.sources.SignerSource`:
        its name (``sign --signer NAME``), a one-line description of what ``--key`` means for it,
        and ``load(key, signer_id)`` returning a :class:`~inspection_schema.crypto.Signer`. The
        built-in source ``file`` reads private key files.
    """


# -- the command line ---------------------------------------------------------------------------


@hookspec
def register_commands(register: Register[Command]) -> None:
    """Add subcommands to ``inspection-schema``.

    :param register: call with each :class:`~inspection_schema.commands.Command`: its name, help
        text, a function adding its arguments to an ``argparse`` parser and a function running it
        and returning the exit code. A name the core uses (``validate``...) is refused.
    """
