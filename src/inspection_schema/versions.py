"""Schema versions and the one place where migrations of older versions plug in.

A published major version is frozen; a reader meets an older one only through a migration
registered here (the plugin host's migration hook feeds :func:`register_migration`). A document
of a major version with no path to the current one is refused with an error naming both.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from attrs import frozen

from .errors import Issue, Severity, UnsupportedVersionError
from .model import SCHEMA_VERSION

CURRENT_MAJOR: Final = SCHEMA_VERSION.split(".", 1)[0]


@frozen(kw_only=True)
class Migration:
    """Upgrades a document of one format from one major version to the next.

    ``upgrade`` takes and returns the format's raw form: a JSON object (``dict``) for ``json``,
    the root element (``lxml`` element) for ``xml``.
    """

    format: str
    from_major: str
    to_major: str
    upgrade: Callable[[Any], Any]
    description: str = ""


_MIGRATIONS: dict[tuple[str, str], Migration] = {}


def register_migration(migration: Migration) -> None:
    """Add a migration; a second one for the same format and version is refused."""
    key = (migration.format, migration.from_major)
    if key in _MIGRATIONS:
        raise ValueError(
            f"a {migration.format} migration from version {migration.from_major} is already "
            "registered"
        )
    _MIGRATIONS[key] = migration


def unregister_migration(migration: Migration) -> None:
    """Remove a migration (for tests and plugin unloading)."""
    _MIGRATIONS.pop((migration.format, migration.from_major), None)


def has_migration(format_name: str, major: str) -> bool:
    """Whether a migration of ``format_name`` documents from ``major`` is registered."""
    return (format_name, major) in _MIGRATIONS


def migrate(format_name: str, major: str, raw: Any, *, path: str) -> Any:
    """Bring ``raw`` of version ``major`` up to the current version, or refuse it."""
    seen: set[str] = set()
    while major != CURRENT_MAJOR:
        migration = _MIGRATIONS.get((format_name, major))
        if migration is None or major in seen:
            raise UnsupportedVersionError(
                "unsupported format version",
                [
                    Issue(
                        code="S206",
                        severity=Severity.ERROR,
                        path=path,
                        message=f"the document is of format version {major}; this library reads "
                        f"version {CURRENT_MAJOR} ({SCHEMA_VERSION}) and has no migration from "
                        f"{major}",
                        message_zh=f"文档为格式第 {major} 版;本库读取第 {CURRENT_MAJOR} 版"
                        f"({SCHEMA_VERSION}),且没有从第 {major} 版迁移的方法",
                    )
                ],
            )
        seen.add(major)
        raw = migration.upgrade(raw)
        major = migration.to_major
    return raw
