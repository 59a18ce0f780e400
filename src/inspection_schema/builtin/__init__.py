"""The built-in plugins: registered through the same hooks as an outside plugin's.

Each module here is a plugin; :data:`BUILTIN_PLUGINS` is what the host registers before any
installed plugin, under these names (which ``inspection-schema plugins`` shows).
"""

from __future__ import annotations

from types import ModuleType
from typing import Final

from . import conventions, formats, ledger, redacting, reports, rules, signing

BUILTIN_PLUGINS: Final[tuple[tuple[str, ModuleType], ...]] = (
    ("builtin-formats", formats),
    ("builtin-rules", rules),
    ("builtin-conventions", conventions),
    ("builtin-ledger", ledger),
    ("builtin-reports", reports),
    ("builtin-signing", signing),
    ("builtin-redaction", redacting),
)
