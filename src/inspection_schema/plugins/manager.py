"""The plugin host: a typed facade over pluggy that the core calls.

The host registers the built-in plugins, then loads each entry point of the ``inspection_schema``
group itself (pluggy's loader catches nothing, so a plugin that fails to import would surface as a
traceback from deep inside importlib), calls the registration hooks one plugin at a time so every
item is stamped with the plugin that gave it, and refuses duplicates naming both owners.

Operators choose with environment switches:

- ``INSPECTION_SCHEMA_PLUGINS``: a comma-separated allow-list of plugin or distribution names;
  when set (even empty), no other outside plugin is loaded;
- ``INSPECTION_SCHEMA_DISABLE_PLUGINS``: a comma-separated block-list;
- ``INSPECTION_SCHEMA_TRACE_PLUGINS``: when set to anything but ``0`` or empty, every hook call is
  traced to standard error.
"""

from __future__ import annotations

import importlib.metadata
import os
import re
import sys
from collections.abc import Callable, Mapping
from functools import partial
from typing import Any, Final, Generic, TypeVar

import pluggy
from attrs import field, frozen

from ..errors import PluginError
from . import spec

ENV_ALLOW: Final = "INSPECTION_SCHEMA_PLUGINS"
ENV_BLOCK: Final = "INSPECTION_SCHEMA_DISABLE_PLUGINS"
ENV_TRACE: Final = "INSPECTION_SCHEMA_TRACE_PLUGINS"

BUILTIN_DISTRIBUTION: Final = "inspection-schema"

T = TypeVar("T")


@frozen(kw_only=True)
class PluginInfo:
    """One plugin as ``inspection-schema plugins`` lists it."""

    name: str
    distribution: str
    version: str
    builtin: bool
    hooks: tuple[str, ...]
    registered: Mapping[str, tuple[str, ...]] = field(factory=dict)
    """The names of what it registered, by kind (``formats``, ``rules``...)."""
    details: Mapping[str, Mapping[str, str]] = field(factory=dict)
    """A one-line description of each registered item, by kind and name."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "distribution": self.distribution,
            "version": self.version,
            "builtin": self.builtin,
            "hooks": list(self.hooks),
            "registered": {kind: list(names) for kind, names in self.registered.items()},
            "details": {kind: dict(items) for kind, items in self.details.items()},
        }


@frozen
class _Kind(Generic[T]):
    """One kind of registered item: its hook, its class and how it is named."""

    kind: str
    hook: str
    item_type: type[T]
    key: Callable[[T], str]
    describe: Callable[[T], str]


def _kinds() -> tuple[_Kind[Any], ...]:
    from ..commands import Command
    from ..conventions import BASELINE, Convention
    from ..crypto.sources import SignerSource
    from ..extensions import SchemaExtension, check_extension
    from ..formats import Format
    from ..rules import CODE_PATTERN, Rule
    from ..versions import Migration

    def rule_code(rule: Rule) -> str:
        if CODE_PATTERN.fullmatch(rule.code) is None:
            raise ValueError(f"rule code {rule.code!r} is not 1–4 capitals and 3 digits")
        return rule.code

    def describe_format(f: Format) -> str:
        modes = "/".join(m for m, on in (("读 read", f.read), ("写 write", f.write)) if on)
        loss = "无损 lossless" if f.lossless else "有损 lossy"
        return f"{' '.join(f.suffixes)}; {modes}; {loss}; {f.description}".rstrip("; ")

    def checked_namespace(e: SchemaExtension) -> str:
        check_extension(e)  # raises ValueError or TypeError saying what is wrong
        return e.namespace

    def describe_extension(e: SchemaExtension) -> str:
        targets = ", ".join(t.__name__ for t in e.targets)
        return f"{e.title} ({e.root.__name__} in {targets}; prefix {e.prefix})"

    def describe_convention(c: Convention) -> str:
        regions = " ".join(c.region_codes) or (
            "every region without a convention of its own (the fallback)"
            if c.name == BASELINE
            else "none (chosen by name only)"
        )
        parts = [c.title, f"regions {regions}"]
        if c.working_days is not None:
            parts.append(f"working days {c.working_days.name}")
        parts.append(f"month end {c.month_rule.value}")
        parts += [policy.describe() for policy in c.deadlines]
        if c.naming:
            parts.append(f"naming {' '.join(sorted({n.subject for n in c.naming}))}")
        if c.rules:
            parts.append(f"rules {' '.join(rule.code for rule in c.rules)}")
        if c.ignore:
            parts.append(f"ignores {' '.join(c.ignore)}")
        if c.ledger_template is not None:
            parts.append(f"ledger form {c.ledger_template.name}")
        return "; ".join(parts)

    return (
        _Kind("formats", "register_formats", Format, lambda f: f.name, describe_format),
        _Kind(
            "extensions",
            "register_extensions",
            SchemaExtension,
            checked_namespace,
            describe_extension,
        ),
        _Kind(
            "migrations",
            "register_migrations",
            Migration,
            lambda m: f"{m.format}@{m.from_major}",
            lambda m: f"{m.format} {m.from_major} → {m.to_major} {m.description}".rstrip(),
        ),
        _Kind(
            "rules",
            "register_rules",
            Rule,
            rule_code,
            lambda r: f"{r.severity.value} {r.name}: {r.summary_zh}",
        ),
        _Kind(
            "conventions", "register_conventions", Convention, lambda c: c.name, describe_convention
        ),
        _Kind("commands", "register_commands", Command, lambda c: c.name, lambda c: c.help),
        _Kind(
            "signers", "register_signers", SignerSource, lambda s: s.name, lambda s: s.description
        ),
    )


@frozen
class _Origin:
    name: str
    distribution: str
    version: str
    builtin: bool


def _normal(name: str) -> str:
    """A plugin or distribution name as PEP 503 compares them: case and -_. folded."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _switch(environ: Mapping[str, str], name: str) -> set[str] | None:
    value = environ.get(name)
    if value is None:
        return None
    return {_normal(part.strip()) for part in value.split(",") if part.strip()}


class PluginHost:
    """The plugins in use and everything they registered.

    ``entry_points=False`` gives a host with the built-in plugins only (tests, and callers that
    want the core's behaviour whatever is installed).
    """

    def __init__(
        self, *, entry_points: bool = True, environ: Mapping[str, str] | None = None
    ) -> None:
        self._environ = dict(os.environ if environ is None else environ)
        self._entry_points = entry_points
        self._pm = pluggy.PluginManager(spec.PROJECT)
        self._pm.add_hookspecs(spec)
        self._origins: dict[str, _Origin] = {}
        self._items: dict[str, dict[str, tuple[Any, str]]] | None = None
        self._loaded = False
        self._undo: list[Callable[[], None]] = []
        self._attached = False
        trace = self._environ.get(ENV_TRACE, "")
        self._tracing = trace not in ("", "0")
        if self._tracing:
            self._pm.trace.root.setwriter(sys.stderr.write)
            self._pm.enable_tracing()

    # -- loading ----------------------------------------------------------------------------

    def load(self) -> None:
        """Register the built-in plugins and the installed ones; idempotent."""
        if self._loaded:
            return
        from ..builtin import BUILTIN_PLUGINS

        version = _version(BUILTIN_DISTRIBUTION)
        for name, module in BUILTIN_PLUGINS:
            self._register(module, _Origin(name, BUILTIN_DISTRIBUTION, version, True))
        if self._entry_points:
            self._load_entry_points()
        self._check_pending()
        self._loaded = True

    def _load_entry_points(self) -> None:
        allow = _switch(self._environ, ENV_ALLOW)
        block = _switch(self._environ, ENV_BLOCK) or set()
        for entry in importlib.metadata.entry_points(group=spec.PROJECT):
            distribution = entry.dist.name if entry.dist is not None else "unknown"
            version = entry.dist.version if entry.dist is not None else "unknown"
            names = {_normal(entry.name), _normal(distribution)}
            if names & block or (allow is not None and not names & allow):
                continue
            try:
                plugin = entry.load()
            except Exception as exc:
                raise PluginError(
                    f'plugin "{entry.name}" (distribution {distribution} {version}) failed to '
                    f"import: {type(exc).__name__}: {exc}; set {ENV_BLOCK}={entry.name} to run "
                    f"without it / 插件“{entry.name}”(发行包 {distribution})无法导入",
                    plugin=entry.name,
                ) from exc
            self._register(plugin, _Origin(entry.name, distribution, version, False))

    def add_plugin(
        self,
        plugin: object,
        name: str,
        *,
        distribution: str = "(inline)",
        version: str = "0",
    ) -> None:
        """Register a plugin object by hand (tests, embedding applications)."""
        self.load()
        self._register(plugin, _Origin(name, distribution, version, False))
        try:
            self._check_pending()
            self._refresh()
            self._collect()
        except Exception as exc:
            self.remove_plugin(name)  # leave the host as it was
            if isinstance(exc, PluginError):
                raise
            raise PluginError(
                f"{self._who(name)} cannot be added: {type(exc).__name__}: {exc}", plugin=name
            ) from exc

    def remove_plugin(self, name: str) -> None:
        """Unregister a plugin added by :meth:`add_plugin` (or an installed one)."""
        self._pm.unregister(name=name)
        self._origins.pop(name, None)
        self._refresh()

    def _refresh(self) -> None:
        attached = self._attached
        self.detach()
        self._items = None
        if attached:
            self.attach()

    def _register(self, plugin: object, origin: _Origin) -> None:
        if origin.name in self._origins:
            other = self._origins[origin.name]
            raise PluginError(
                f'two plugins are named "{origin.name}": one from {other.distribution}, one '
                f"from {origin.distribution} / 插件名“{origin.name}”重复",
                plugin=origin.name,
            )
        try:
            self._pm.register(plugin, name=origin.name)
        except (ValueError, pluggy.PluginValidationError) as exc:
            raise PluginError(
                f'plugin "{origin.name}" (distribution {origin.distribution}) cannot be '
                f"registered: {exc} / 插件“{origin.name}”无法登记",
                plugin=origin.name,
            ) from exc
        self._origins[origin.name] = origin

    def _who(self, name: str) -> str:
        """How messages name a plugin: its name, distribution and version."""
        origin = self._origins.get(name)
        if origin is None:
            return f'plugin "{name}"'
        return f'plugin "{name}" (distribution {origin.distribution} {origin.version})'

    def _skip(self, name: str) -> str:
        """How to run without the plugin, for the end of a message."""
        origin = self._origins.get(name)
        if origin is not None and origin.builtin:
            return ""
        return f"; set {ENV_BLOCK}={name} to run without it"

    def _check_pending(self) -> None:
        try:
            self._pm.check_pending()
        except pluggy.PluginValidationError as exc:
            name = self._pm.get_name(exc.plugin) or "?"
            origin = self._origins.get(name)
            distribution = origin.distribution if origin else "unknown"
            raise PluginError(
                f'plugin "{name}" (distribution {distribution}) implements a hook that does not '
                f"exist: {exc} / 插件“{name}”实现了不存在的钩子",
                plugin=name,
            ) from exc

    # -- collecting -------------------------------------------------------------------------

    def _collect(self) -> dict[str, dict[str, tuple[Any, str]]]:
        if self._items is not None:
            return self._items
        self.load()
        items: dict[str, dict[str, tuple[Any, str]]] = {}
        plugins = [
            (name, self._pm.get_plugin(name))
            for name in self._origins
            if self._pm.get_plugin(name) is not None
        ]
        for kind in _kinds():
            found: dict[str, tuple[Any, str]] = {}
            for name, _ in plugins:
                others = [p for n, p in plugins if n != name]
                caller = self._pm.subset_hook_caller(kind.hook, remove_plugins=others)
                register = self._registrar(kind, found, name)
                if self._tracing and caller.get_hookimpls():
                    sys.stderr.write(f"inspection-schema: {kind.hook} -> plugin {name}\n")
                try:
                    caller(register=register)
                except PluginError:
                    raise
                except Exception as exc:
                    raise PluginError(
                        f"{self._who(name)} failed in {kind.hook}: {type(exc).__name__}: "
                        f"{exc}{self._skip(name)} / 插件“{name}”登记出错",
                        plugin=name,
                    ) from exc
            items[kind.kind] = found
        self._cross_check(items)
        self._items = items
        return items

    def _clash(self, what: str, first: str, second: str, fix: str = "") -> PluginError:
        return PluginError(
            f"{what} is claimed twice: by {self._who(first)} and by {self._who(second)}"
            f"{fix}{self._skip(second)} / {what}被两个插件重复登记",
            plugin=second,
        )

    def _cross_check(self, items: dict[str, dict[str, tuple[Any, str]]]) -> None:
        """What no single registration shows: suffixes, prefixes, regions and rule codes
        claimed twice, and commands named like the core's."""
        from ..commands import CORE_COMMANDS
        from ..rules import CODE_PATTERN

        suffixes: dict[str, tuple[str, str]] = {}
        for name, (fmt, owner) in items["formats"].items():
            for suffix in fmt.suffixes:
                if not re.fullmatch(r"\.[a-z0-9][a-z0-9.+-]*", suffix):
                    raise PluginError(
                        f'{self._who(owner)} registered format "{name}" with the suffix '
                        f"{suffix!r}: write a dot and lower-case letters or digits "
                        f"(.xlsx){self._skip(owner)} / 文件后缀格式不对",
                        plugin=owner,
                    )
                if suffix in suffixes:
                    other, first = suffixes[suffix]
                    raise self._clash(
                        f'the suffix {suffix} (formats "{other}" and "{name}")', first, owner
                    )
                suffixes[suffix] = (name, owner)
        prefixes: dict[str, tuple[str, str]] = {}
        for namespace, (extension, owner) in items["extensions"].items():
            if extension.prefix in prefixes:
                first = prefixes[extension.prefix][1]
                raise self._clash(
                    f"the XML prefix {extension.prefix!r} ({prefixes[extension.prefix][0]} and "
                    f"{namespace})",
                    first,
                    owner,
                )
            prefixes[extension.prefix] = (namespace, owner)
        regions: dict[str, tuple[str, str]] = {}
        general = {code: rule for code, (rule, _) in items["rules"].items()}
        for name, (convention, owner) in items["conventions"].items():
            for code in convention.region_codes:
                if not re.fullmatch(r"[0-9]{2,6}", code):
                    raise PluginError(
                        f'{self._who(owner)} registered convention "{name}" with the region code '
                        f"{code!r}: GB/T 2260 digits, trailing zeros dropped (33, 3301, "
                        f"330106){self._skip(owner)} / 行政区划代码格式不对",
                        plugin=owner,
                    )
                if code in regions:
                    raise self._clash(
                        f'the region {code} (conventions "{regions[code][0]}" and "{name}")',
                        regions[code][1],
                        owner,
                    )
                regions[code] = (name, owner)
            for rule in convention.rules:
                if CODE_PATTERN.fullmatch(rule.code) is None:
                    raise PluginError(
                        f'{self._who(owner)}: convention "{name}" has a rule coded {rule.code!r}, '
                        f"not 1–4 capitals and 3 digits{self._skip(owner)} / 规则代码格式不对",
                        plugin=owner,
                    )
                if rule.code in general and general[rule.code] is not rule:
                    raise self._clash(
                        f'the rule code {rule.code} (a rule of every convention and a rule of "'
                        f'{name}")',
                        items["rules"][rule.code][1],
                        owner,
                    )
        for name, (_, owner) in items["commands"].items():
            if name in CORE_COMMANDS:
                raise PluginError(
                    f'{self._who(owner)} adds a command named "{name}", which the core has'
                    f"{self._skip(owner)} / 插件命令“{name}”与内置命令重名",
                    plugin=owner,
                )

    def _registrar(
        self, kind: _Kind[Any], found: dict[str, tuple[Any, str]], owner: str
    ) -> Callable[..., None]:
        def register(item: Any, /, *, override: bool = False) -> None:
            if not isinstance(item, kind.item_type):
                raise PluginError(
                    f"{self._who(owner)} registered {type(item).__name__} with {kind.hook}, "
                    f"which takes {kind.item_type.__name__}{self._skip(owner)} / "
                    f"插件“{owner}”登记的对象类型不对",
                    plugin=owner,
                )
            try:
                key = kind.key(item)
            except (ValueError, TypeError) as exc:
                raise PluginError(
                    f"{self._who(owner)} registered a bad {kind.kind[:-1]}: {exc}"
                    f"{self._skip(owner)} / 插件“{owner}”登记的内容不合要求",
                    plugin=owner,
                ) from exc
            if key in found:
                previous = found[key][1]
                if override and self._origins[previous].builtin:
                    found[key] = (item, owner)
                    return
                raise self._clash(
                    f'{kind.kind[:-1]} "{key}"',
                    previous,
                    owner,
                    "; only a built-in one may be overridden",
                )
            found[key] = (item, owner)

        return register

    def attach(self) -> None:
        """Put this host's migrations and extensions into the codecs' registries."""
        from .. import extensions as extension_registry
        from .. import versions

        self.detach()
        self._attached = True
        for migration in self.migrations():
            versions.register_migration(migration)
            self._undo.append(partial(versions.unregister_migration, migration))
        for extension in self.extensions():
            try:
                extension_registry.register_extension(extension)
            except (ValueError, TypeError) as exc:
                self.detach()
                owner = self.owner("extensions", extension.namespace)
                raise PluginError(
                    f"{self._who(owner)} registered the extension {extension.namespace}, which "
                    f"the process cannot take: {exc}{self._skip(owner)} / 插件登记的扩展无法使用",
                    plugin=owner,
                ) from exc
            self._undo.append(partial(extension_registry.unregister_extension, extension.namespace))

    def detach(self) -> None:
        """Take back what :meth:`attach` put into the registries."""
        self._attached = False
        while self._undo:
            self._undo.pop()()

    # -- the typed facade -------------------------------------------------------------------

    def _of(self, kind: str) -> tuple[Any, ...]:
        return tuple(item for item, _ in self._collect()[kind].values())

    def formats(self) -> tuple[Any, ...]:
        """Every :class:`~inspection_schema.formats.Format`, built-ins first."""
        return self._of("formats")

    def extensions(self) -> tuple[Any, ...]:
        """Every :class:`~inspection_schema.extensions.SchemaExtension`."""
        return self._of("extensions")

    def migrations(self) -> tuple[Any, ...]:
        """Every :class:`~inspection_schema.versions.Migration`."""
        return self._of("migrations")

    def rules(self) -> tuple[Any, ...]:
        """Every :class:`~inspection_schema.rules.Rule` that applies under every convention."""
        return self._of("rules")

    def conventions(self) -> tuple[Any, ...]:
        """Every :class:`~inspection_schema.conventions.Convention`."""
        return self._of("conventions")

    def commands(self) -> tuple[Any, ...]:
        """Every :class:`~inspection_schema.commands.Command`."""
        return self._of("commands")

    def signers(self) -> tuple[Any, ...]:
        """Every :class:`~inspection_schema.crypto.sources.SignerSource`."""
        return self._of("signers")

    def owner(self, kind: str, name: str) -> str:
        """The plugin that registered ``name`` among ``kind``."""
        return str(self._collect()[kind][name][1])

    def configure_converter(self, converter: Any) -> None:
        """Let every plugin adjust a JSON converter (a failure names the plugin)."""
        self.load()
        plugins = [(name, self._pm.get_plugin(name)) for name in self._origins]
        for name, _ in plugins:
            others = [p for n, p in plugins if n != name]
            caller = self._pm.subset_hook_caller("configure_converter", remove_plugins=others)
            try:
                caller(converter=converter)
            except Exception as exc:
                raise PluginError(
                    f"{self._who(name)} failed in configure_converter: {type(exc).__name__}: "
                    f"{exc}{self._skip(name)} / 插件“{name}”配置转换器出错",
                    plugin=name,
                ) from exc

    def plugins(self) -> list[PluginInfo]:
        """Each plugin with its distribution, version, hooks and what it registered."""
        items = self._collect()
        listing = []
        for name, origin in self._origins.items():
            plugin = self._pm.get_plugin(name)
            if plugin is None:
                continue
            hooks = sorted(caller.name for caller in (self._pm.get_hookcallers(plugin) or ()))
            kinds = {kind.kind: kind for kind in _kinds()}
            mine = {
                kind: {key: item for key, (item, owner) in found.items() if owner == name}
                for kind, found in items.items()
            }
            registered = {kind: tuple(found) for kind, found in mine.items()}
            details = {
                kind: {key: kinds[kind].describe(item) for key, item in found.items()}
                for kind, found in mine.items()
                if found
            }
            listing.append(
                PluginInfo(
                    name=name,
                    distribution=origin.distribution,
                    version=origin.version,
                    builtin=origin.builtin,
                    hooks=tuple(hooks),
                    registered={k: v for k, v in registered.items() if v},
                    details=details,
                )
            )
        return listing


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - run from a checkout
        return "unknown"


_HOST: PluginHost | None = None


def host() -> PluginHost:
    """The process's plugin host, loaded on first use."""
    global _HOST
    if _HOST is None:
        new = PluginHost()
        new.attach()
        _HOST = new
    return _HOST


def use_host(new: PluginHost | None) -> PluginHost | None:
    """Make ``new`` the process's host (``None``: load afresh on next use); returns the old one.

    The old host's migrations and extensions leave the codecs' registries; the new one's enter.
    """
    from .. import extensions

    global _HOST
    old, _HOST = _HOST, None
    if old is not None:
        old.detach()
    if new is not None:
        new.attach()
    _HOST = new
    extensions.installed_by_host(new is not None)
    return old
