"""The one place that touches :mod:`gmssl`: a typed, narrow wrapper of its curve arithmetic.

gmssl 3.2.2 is used for the SM2 point arithmetic only. Everything around it is done here,
because gmssl's own helpers are not fit for signing: its nonce comes from :mod:`random` (not a
cryptographic generator), its Z value hard-codes the default signer id, its constructor strips
leading ``0`` and ``4`` characters from a public key (a key whose x begins with ``04`` would be
cut), and its ``verify`` checks neither the range of r and s nor that the key is on the curve.
"""

from __future__ import annotations

from typing import Final

from gmssl import sm2, sm3  # type: ignore[import-untyped]

CURVE: Final[dict[str, str]] = dict(sm2.default_ecc_table)
"""The SM2 recommended curve (GB/T 32918.5), as gmssl writes it: hex strings."""

P: Final = int(CURVE["p"], 16)
A: Final = int(CURVE["a"], 16)
B: Final = int(CURVE["b"], 16)
N: Final = int(CURVE["n"], 16)
G_HEX: Final = CURVE["g"]


def _engine(private_hex: str = "", public_hex: str = "") -> sm2.CryptSM2:
    engine = sm2.CryptSM2(private_key=private_hex, public_key="")
    engine.public_key = public_hex  # set after construction: gmssl's lstrip("04") would cut it
    return engine


def multiply_base(scalar: int) -> bytes:
    """[scalar]G as 64 bytes x||y (``scalar`` in [1, n-1])."""
    point = _engine()._kg(scalar, G_HEX)
    return bytes.fromhex(str(point))


def sign_digest(private: int, e: bytes, k: int) -> tuple[int, int] | None:
    """The SM2 signature (r, s) of the 32-byte e with nonce k; None when k must be drawn again."""
    out = _engine(private_hex=f"{private:064x}").sign(e, f"{k:064x}")
    if out is None:
        return None
    text = str(out)
    return int(text[:64], 16), int(text[64:], 16)


def verify_digest(public_xy: bytes, e: bytes, r: int, s: int) -> bool:
    """True when (r, s) is a signature of e by the key x||y (range and curve checked by caller)."""
    try:
        return bool(_engine(public_hex=public_xy.hex()).verify(f"{r:064x}{s:064x}", e))
    except (TypeError, ValueError):  # a sum that is the point at infinity: gmssl gives None
        return False


def sm3_digest(data: bytes) -> bytes:
    """SM3 by gmssl's pure-Python implementation (used where hashlib has no SM3)."""
    return bytes.fromhex(str(sm3.sm3_hash(list(data))))
