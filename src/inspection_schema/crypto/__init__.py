"""National cryptographic algorithms: SM3 digests and SM3withSM2 signatures, and their keys.

The signing interface is :class:`Signer`: the software key of :class:`PrivateKey` is one; an
office's certified crypto device is another, supplied by a plugin (see the security page).
"""

from __future__ import annotations

from .errors import CryptoError, KeyFileError
from .keys import (
    PRIVATE_SUFFIX,
    PUBLIC_SUFFIX,
    PrivateKey,
    PublicKey,
    Signer,
    Verifier,
    key_id,
    load_private_key,
    load_public_key,
    write_key_pair,
)
from .sm import DEFAULT_SIGNER_ID, sm3, sm3_hex

__all__ = [
    "DEFAULT_SIGNER_ID",
    "PRIVATE_SUFFIX",
    "PUBLIC_SUFFIX",
    "CryptoError",
    "KeyFileError",
    "PrivateKey",
    "PublicKey",
    "Signer",
    "Verifier",
    "key_id",
    "load_private_key",
    "load_public_key",
    "sm3",
    "sm3_hex",
    "write_key_pair",
]
