"""The errors of signing and keys."""

from __future__ import annotations

from ..errors import InspectionSchemaError


class CryptoError(InspectionSchemaError):
    """A key or signature operation could not be done (a bad key, a bad parameter)."""


class KeyFileError(CryptoError):
    """A key file cannot be read or written: the message names the file and what is wrong."""
