"""SM2 keys: the :class:`Signer` and :class:`Verifier` interfaces and their software keys on disk.

Key files are UTF-8 text, one ``name: value`` line after a first line saying what the file is::

    inspection-schema SM2 private key
    key-id: 3f1c0a9e5b7d2468
    public-key: 04<128 hex digits>
    private-key: <64 hex digits>

The public key file has the first line ``inspection-schema SM2 public key`` and no
``private-key`` line. The key id is the first 16 hex digits of SM3 of the public key
(04||x||y). A private key file is created with mode 0o600 from the start; no file is ever
overwritten.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final, Protocol, runtime_checkable

from attrs import field, frozen

from . import sm
from .errors import CryptoError, KeyFileError

PRIVATE_HEADER: Final = "inspection-schema SM2 private key"
PUBLIC_HEADER: Final = "inspection-schema SM2 public key"
PRIVATE_SUFFIX: Final = ".private.key"
PUBLIC_SUFFIX: Final = ".public.key"
MAX_KEY_FILE: Final = 4096


def key_id(public_key: bytes) -> str:
    """The key id: the first 16 hex digits of SM3(04||x||y)."""
    return sm.sm3_hex(public_key)[:16]


@runtime_checkable
class Signer(Protocol):
    """签名者: anything that signs with SM3withSM2, a key file or a certified crypto device.

    ``sign`` returns the 64-byte r||s signature of ``message`` (Z computed with
    ``signer_id`` and the signer's public key, as GB/T 32918.2 says).
    """

    @property
    def key_id(self) -> str: ...

    @property
    def signer_id(self) -> str: ...

    def sign(self, message: bytes) -> bytes: ...


@runtime_checkable
class Verifier(Protocol):
    """验签者: checks SM3withSM2 signatures of one public key."""

    @property
    def key_id(self) -> str: ...

    def verify(self, message: bytes, signature: bytes, *, signer_id: str) -> bool: ...


def _check_public(value: bytes) -> bytes:
    if not sm.on_curve(value):
        raise CryptoError(
            "not an SM2 public key: 65 bytes 04||x||y on the curve are needed / 不是有效的 SM2 公钥"
        )
    return value


@frozen(kw_only=True)
class PublicKey:
    """An SM2 public key (a :class:`Verifier`)."""

    point: bytes = field(converter=_check_public)
    """04||x||y, 65 bytes."""

    @property
    def key_id(self) -> str:
        return key_id(self.point)

    def verify(self, message: bytes, signature: bytes, *, signer_id: str) -> bool:
        return sm.verify(self.point, message, signature, signer_id=signer_id)


@frozen(kw_only=True, repr=False)
class PrivateKey:
    """An SM2 key pair held in memory (a :class:`Signer` with ``signer_id``); repr hides it."""

    scalar: int
    public: PublicKey
    signer_id: str = sm.DEFAULT_SIGNER_ID

    @classmethod
    def generate(cls, *, signer_id: str = sm.DEFAULT_SIGNER_ID) -> PrivateKey:
        scalar = sm.generate_private()
        return cls(
            scalar=scalar, public=PublicKey(point=sm.public_key_of(scalar)), signer_id=signer_id
        )

    @classmethod
    def from_scalar(cls, scalar: int, *, signer_id: str = sm.DEFAULT_SIGNER_ID) -> PrivateKey:
        return cls(
            scalar=scalar, public=PublicKey(point=sm.public_key_of(scalar)), signer_id=signer_id
        )

    @property
    def key_id(self) -> str:
        return self.public.key_id

    def sign(self, message: bytes) -> bytes:
        return sm.sign(self.scalar, message, signer_id=self.signer_id, public_key=self.public.point)

    def __repr__(self) -> str:
        return f"PrivateKey(key_id={self.key_id!r}, signer_id={self.signer_id!r})"


# -- files ----------------------------------------------------------------------------------------


def _public_text(public: PublicKey) -> str:
    return f"{PUBLIC_HEADER}\nkey-id: {public.key_id}\npublic-key: {public.point.hex()}\n"


def _private_text(private: PrivateKey) -> str:
    public = private.public
    return (
        f"{PRIVATE_HEADER}\nkey-id: {public.key_id}\npublic-key: {public.point.hex()}\n"
        f"private-key: {private.scalar:064x}\n"
    )


def _create(path: Path, text: str, mode: int) -> None:
    """Create ``path`` with ``mode`` from the start; never overwrite."""
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    except FileExistsError:
        raise KeyFileError(
            f"{path} exists: a key file is never overwritten / 密钥文件已存在"
        ) from None
    except OSError as exc:
        raise KeyFileError(f"cannot create {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
    except OSError as exc:
        path.unlink(missing_ok=True)
        raise KeyFileError(f"cannot write {path}: {exc.strerror or exc}") from None


def write_key_pair(
    directory: str | os.PathLike[str], name: str, key: PrivateKey
) -> tuple[Path, Path]:
    """Write NAME.private.key (mode 0o600) and NAME.public.key (0o644 less the umask) in DIR.

    Refuses a name with a path separator and an existing file; returns (private, public).
    """
    if not name or name in {".", ".."} or "/" in name or os.sep in name or "\0" in name:
        raise KeyFileError(f"not a key name: {name!r} / 密钥名称无效")
    folder = Path(directory)
    private_path = folder / f"{name}{PRIVATE_SUFFIX}"
    public_path = folder / f"{name}{PUBLIC_SUFFIX}"
    for path in (private_path, public_path):
        try:
            taken = path.exists() or path.is_symlink()
        except OSError as exc:  # a name too long, a folder we may not search...
            raise KeyFileError(
                f"cannot use {path}: {exc.strerror or exc} / 无法使用该路径"
            ) from None
        if taken:
            raise KeyFileError(f"{path} exists: a key file is never overwritten / 密钥文件已存在")
    _create(private_path, _private_text(key), 0o600)
    try:
        _create(public_path, _public_text(key.public), 0o644)
    except KeyFileError:
        private_path.unlink(missing_ok=True)
        raise
    return private_path, public_path


def _read_fields(path: str | os.PathLike[str], header: str) -> dict[str, str]:
    try:
        with open(path, "rb") as stream:
            data = stream.read(MAX_KEY_FILE + 1)
    except OSError as exc:
        raise KeyFileError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = ""
    lines = text.splitlines()
    if len(data) > MAX_KEY_FILE or not lines or lines[0].strip() != header:
        other = PUBLIC_HEADER if header == PRIVATE_HEADER else PRIVATE_HEADER
        found = "the other kind of key file" if lines and lines[0].strip() == other else "not one"
        raise KeyFileError(
            f"{path} is not an {header} file ({found}); its first line must be {header!r} "
            f"/ 不是所需的密钥文件"
        )
    fields: dict[str, str] = {}
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        name, sep, value = line.partition(":")
        if not sep:
            raise KeyFileError(f"{path}, line {number}: expected 'name: value' / 格式错误")
        fields[name.strip()] = value.strip()
    return fields


def _hex_field(path: str | os.PathLike[str], fields: dict[str, str], name: str) -> bytes:
    value = fields.get(name)
    if value is None:
        raise KeyFileError(f"{path} has no {name} line / 缺少 {name}")
    try:
        return bytes.fromhex(value)
    except ValueError:
        raise KeyFileError(f"{path}: {name} is not hex / {name} 不是十六进制") from None


def _public_of(path: str | os.PathLike[str], fields: dict[str, str]) -> PublicKey:
    try:
        public = PublicKey(point=_hex_field(path, fields, "public-key"))
    except CryptoError as exc:
        raise KeyFileError(f"{path}: {exc}") from None
    stated = fields.get("key-id")
    if stated is not None and stated != public.key_id:
        raise KeyFileError(
            f"{path}: key-id {stated} is not the key id of its public key ({public.key_id}) "
            "/ 密钥标识与公钥不符"
        )
    return public


def load_public_key(path: str | os.PathLike[str]) -> PublicKey:
    """Read a public key file (a private key file is refused: give the public one)."""
    return _public_of(path, _read_fields(path, PUBLIC_HEADER))


def load_private_key(
    path: str | os.PathLike[str], *, signer_id: str = sm.DEFAULT_SIGNER_ID
) -> PrivateKey:
    """Read a private key file; its public key must be the one its private key gives."""
    fields = _read_fields(path, PRIVATE_HEADER)
    public = _public_of(path, fields)
    raw = _hex_field(path, fields, "private-key")
    scalar = int.from_bytes(raw, "big")
    try:
        key = PrivateKey.from_scalar(scalar, signer_id=signer_id)
    except CryptoError as exc:
        raise KeyFileError(f"{path}: {exc}") from None
    if len(raw) != 32 or key.public != public:
        raise KeyFileError(
            f"{path}: the private key does not give the public key written beside it "
            "/ 私钥与公钥不匹配"
        )
    return key
