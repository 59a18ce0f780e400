"""Signer sources (签名来源): where ``inspection-schema sign`` gets its signer.

The built-in source ``file`` reads a private key file. A certified crypto device (a USB key, a
signing server) arrives as a plugin registering its own source through the
``register_signers`` hook; ``sign --signer NAME --key REF`` then asks that source for a signer,
and the device signs behind the :class:`~inspection_schema.crypto.Signer` interface without its
private key ever leaving it.
"""

from __future__ import annotations

from collections.abc import Callable

from attrs import frozen

from .keys import Signer


@frozen(kw_only=True)
class SignerSource:
    """签名来源: a named way to obtain a :class:`~inspection_schema.crypto.Signer`."""

    name: str
    """The name ``sign --signer`` takes (``file`` is the built-in key-file source)."""
    description: str
    """One line: what ``--key`` means for this source (a file, a device slot, a certificate)."""
    load: Callable[[str, str], Signer]
    """``load(key, signer_id)``: the signer for the ``--key`` reference and the signer id."""
