"""SM3 digests (GB/T 32905) and SM3withSM2 signatures (GB/T 32918, signer id per GB/T 35276).

A signature here is 64 bytes, r||s, each a 32-byte big-endian integer. The message is hashed as
the standard says: e = SM3(Z || M) with Z = SM3(ENTL || ID || a || b || xG || yG || xA || yA),
ENTL being the bit length of the signer id as two bytes; the default signer id is
``1234567812345678``.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Final

from . import _gmssl
from .errors import CryptoError

DEFAULT_SIGNER_ID: Final = "1234567812345678"
"""GB/T 35276 default user id for SM2 signatures (the ASCII bytes of these 16 digits)."""

SIGNATURE_LENGTH: Final = 64
PUBLIC_KEY_LENGTH: Final = 65
"""An uncompressed public key: 0x04 || x || y."""

_HASHLIB_SM3: Final = "sm3" in hashlib.algorithms_available


def sm3(data: bytes) -> bytes:
    """The 32-byte SM3 digest of ``data`` (OpenSSL's through :mod:`hashlib` when it has SM3)."""
    if _HASHLIB_SM3:
        return hashlib.new("sm3", data).digest()
    return _gmssl.sm3_digest(data)


def sm3_hex(data: bytes) -> str:
    """The SM3 digest of ``data`` as 64 lower-case hex digits."""
    return sm3(data).hex()


def on_curve(public_key: bytes) -> bool:
    """True for an uncompressed point 04||x||y on the SM2 curve (not the point at infinity)."""
    if len(public_key) != PUBLIC_KEY_LENGTH or public_key[0] != 4:
        return False
    x = int.from_bytes(public_key[1:33], "big")
    y = int.from_bytes(public_key[33:], "big")
    if not (x < _gmssl.P and y < _gmssl.P):
        return False
    return (y * y - (x * x * x + _gmssl.A * x + _gmssl.B)) % _gmssl.P == 0


def public_key_of(private: int) -> bytes:
    """The uncompressed public key 04||x||y of the private scalar ``private``."""
    if not 1 <= private <= _gmssl.N - 2:
        raise CryptoError("an SM2 private key must lie in [1, n-2] / SM2 私钥超出取值范围")
    return b"\x04" + _gmssl.multiply_base(private)


def generate_private() -> int:
    """A new private scalar, uniformly from [1, n-2], from the operating system's generator."""
    return secrets.randbelow(_gmssl.N - 2) + 1


def _signer_id_bytes(signer_id: str) -> bytes:
    data = signer_id.encode("utf-8")
    if not data or len(data) * 8 > 0xFFFF:
        raise CryptoError("a signer id must be 1 to 8191 bytes / 签名者标识长度应为 1 至 8191 字节")
    return data


def z_value(public_key: bytes, signer_id: str = DEFAULT_SIGNER_ID) -> bytes:
    """Z = SM3(ENTL || ID || a || b || xG || yG || xA || yA) of GB/T 32918.2."""
    identity = _signer_id_bytes(signer_id)
    curve = bytes.fromhex(_gmssl.CURVE["a"] + _gmssl.CURVE["b"] + _gmssl.G_HEX)
    return sm3((len(identity) * 8).to_bytes(2, "big") + identity + curve + public_key[1:])


def message_digest(message: bytes, public_key: bytes, signer_id: str = DEFAULT_SIGNER_ID) -> bytes:
    """e = SM3(Z || M): what SM2 signs for ``message``."""
    return sm3(z_value(public_key, signer_id) + message)


def sign(
    private: int,
    message: bytes,
    *,
    signer_id: str = DEFAULT_SIGNER_ID,
    public_key: bytes | None = None,
    nonce: int | None = None,
) -> bytes:
    """The SM3withSM2 signature r||s of ``message``.

    ``nonce`` is for the standard's test vectors only; otherwise each signature draws a fresh one
    from :mod:`secrets`.
    """
    key = public_key if public_key is not None else public_key_of(private)
    e = message_digest(message, key, signer_id)
    while True:
        k = nonce if nonce is not None else secrets.randbelow(_gmssl.N - 1) + 1
        result = _gmssl.sign_digest(private, e, k)
        if result is not None:
            r, s = result
            return r.to_bytes(32, "big") + s.to_bytes(32, "big")
        if nonce is not None:
            raise CryptoError("the given nonce gives no signature / 给定随机数无法生成签名")


def verify(
    public_key: bytes,
    message: bytes,
    signature: bytes,
    *,
    signer_id: str = DEFAULT_SIGNER_ID,
) -> bool:
    """True when ``signature`` (r||s) is the SM3withSM2 signature of ``message`` by the key."""
    if len(signature) != SIGNATURE_LENGTH or not on_curve(public_key):
        return False
    r = int.from_bytes(signature[:32], "big")
    s = int.from_bytes(signature[32:], "big")
    if not (1 <= r < _gmssl.N and 1 <= s < _gmssl.N) or (r + s) % _gmssl.N == 0:
        return False
    e = message_digest(message, public_key, signer_id)
    return _gmssl.verify_digest(public_key[1:], e, r, s)
