"""The XML exchange format: canonical writer, hardened reader, schema and streaming.

See :mod:`.binding` for the mapping rules, :mod:`.reader` for the reader's security policy.
"""

from __future__ import annotations

from .binding import FN_NAMESPACE, NAMESPACE
from .reader import DEFAULT_LIMITS, ReadLimits, loads
from .writer import dumps

__all__ = ["DEFAULT_LIMITS", "FN_NAMESPACE", "NAMESPACE", "ReadLimits", "dumps", "loads"]
