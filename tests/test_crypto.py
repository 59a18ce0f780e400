"""SM3 and SM2 against the standards' test vectors, an independent implementation, and key files.

Vectors:

* SM3: GB/T 32905-2016 appendix A, examples 1 ("abc") and 2 ("abcd" * 16).
* SM2: GB/T 32918.5-2017 appendix A (the same example as GM/T 0003.5-2012 A.2), signing on the
  recommended curve: message "message digest", signer id 1234567812345678, the private key, nonce,
  Z value, e and signature (r, s) below. The same numbers are in the test suites of OpenSSL
  (test/sm2_internal_test.c) and of other independent implementations.
* Independent implementation: OpenSSL's SM2 (``openssl pkeyutl``, skipped where the system's
  OpenSSL has no SM2) verifies our signatures and signs what we verify.
"""

from __future__ import annotations

import base64
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from inspection_schema.crypto import (
    DEFAULT_SIGNER_ID,
    KeyFileError,
    PrivateKey,
    PublicKey,
    Signer,
    Verifier,
    _gmssl,
    key_id,
    load_private_key,
    load_public_key,
    sm,
    sm3,
    write_key_pair,
)
from inspection_schema.crypto.errors import CryptoError
from inspection_schema.errors import InspectionSchemaError

SM3_ABC = "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
SM3_ABCD16 = "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732"

D = int("3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8", 16)
PUBLIC = bytes.fromhex(
    "04"
    "09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020"
    "CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13"
)
NONCE = int("59276E27D506861A16680F3AD9C02DCCEF3CC1FA3CDBE4CE6D54B80DEAC1BC21", 16)
Z = "B2E14C5C79C6DF5B85F4FE7ED8DB7A262B9DA7E07CCB0EA9F4747B8CCDA8A4F3"
E = "F0B43E94BA45ACCAACE692ED534382EB17E6AB5A19CE7B31F4486FDFC0D28640"
SIGNATURE = bytes.fromhex(
    "F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3"
    "B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA"
)
MESSAGE = b"message digest"


# -- SM3 ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "digest"), [(b"abc", SM3_ABC), (b"abcd" * 16, SM3_ABCD16)], ids=["abc", "abcd*16"]
)
def test_sm3_vectors(data: bytes, digest: str) -> None:
    assert sm3(data).hex() == digest
    # gmssl's pure-Python SM3 is the fallback where hashlib has none: it must agree.
    assert _gmssl.sm3_digest(data).hex() == digest


# -- SM2: the standard's example ------------------------------------------------------------------


def test_sm2_public_key_of_the_example() -> None:
    assert sm.public_key_of(D) == PUBLIC
    assert sm.on_curve(PUBLIC)


def test_sm2_z_and_e_of_the_example() -> None:
    assert sm.z_value(PUBLIC, DEFAULT_SIGNER_ID).hex().upper() == Z
    assert sm.message_digest(MESSAGE, PUBLIC).hex().upper() == E


def test_sm2_signature_of_the_example() -> None:
    assert sm.sign(D, MESSAGE, nonce=NONCE) == SIGNATURE


def test_sm2_verifies_the_example() -> None:
    assert sm.verify(PUBLIC, MESSAGE, SIGNATURE)
    assert PublicKey(point=PUBLIC).verify(MESSAGE, SIGNATURE, signer_id=DEFAULT_SIGNER_ID)


@pytest.mark.parametrize(
    "change",
    ["message", "signer id", "r", "s", "r zero", "s = n", "short", "key"],
)
def test_sm2_refuses_a_changed_example(change: str) -> None:
    message, signature, signer_id, key = MESSAGE, SIGNATURE, DEFAULT_SIGNER_ID, PUBLIC
    n = _gmssl.N
    if change == "message":
        message = b"message digesT"
    elif change == "signer id":
        signer_id = "ALICE123@YAHOO.COM"
    elif change == "r":
        signature = bytes([signature[0] ^ 1]) + signature[1:]
    elif change == "s":
        signature = signature[:-1] + bytes([signature[-1] ^ 1])
    elif change == "r zero":
        signature = bytes(32) + signature[32:]
    elif change == "s = n":
        signature = signature[:32] + n.to_bytes(32, "big")
    elif change == "short":
        signature = signature[:63]
    else:
        key = sm.public_key_of(D + 1)
    assert not sm.verify(key, message, signature, signer_id=signer_id)


def test_off_curve_public_key_is_refused() -> None:
    bad = PUBLIC[:-1] + bytes([PUBLIC[-1] ^ 1])
    assert not sm.on_curve(bad)
    assert not sm.verify(bad, MESSAGE, SIGNATURE)
    with pytest.raises(CryptoError, match="not an SM2 public key"):
        PublicKey(point=bad)


def test_public_key_whose_x_begins_with_04_is_kept_whole() -> None:
    # gmssl's constructor strips leading "0" and "4" characters; the wrapper must not let it.
    key = PrivateKey.from_scalar(11)  # [11]G has an x coordinate beginning with 04
    assert key.public.point[1:].hex().startswith("04")
    assert key.public.verify(b"x", key.sign(b"x"), signer_id=DEFAULT_SIGNER_ID)


def test_round_trip_with_another_signer_id() -> None:
    key = PrivateKey.generate(signer_id="ALICE123@YAHOO.COM")
    signature = key.sign(b"payload")
    assert key.public.verify(b"payload", signature, signer_id="ALICE123@YAHOO.COM")
    assert not key.public.verify(b"payload", signature, signer_id=DEFAULT_SIGNER_ID)


def test_signatures_are_randomised() -> None:
    key = PrivateKey.generate()
    assert key.sign(b"same") != key.sign(b"same")


def test_keys_satisfy_the_interfaces() -> None:
    key = PrivateKey.generate()
    assert isinstance(key, Signer)
    assert isinstance(key.public, Verifier)
    assert key.key_id == key_id(key.public.point) == sm.sm3_hex(key.public.point)[:16]
    assert hex(key.scalar)[2:10] not in repr(key)


def test_bad_parameters_raise_library_errors() -> None:
    with pytest.raises(InspectionSchemaError):
        sm.public_key_of(0)
    with pytest.raises(InspectionSchemaError):
        sm.z_value(PUBLIC, "")


# -- an independent implementation: OpenSSL -------------------------------------------------------

_SPKI_PREFIX = bytes.fromhex("3059301306072a8648ce3d020106082a811ccf5501822d034200")


def _openssl_has_sm2() -> bool:
    if shutil.which("openssl") is None:
        return False
    done = subprocess.run(
        ["openssl", "list", "-public-key-algorithms"], capture_output=True, text=True, check=False
    )
    return "SM2" in done.stdout


needs_openssl = pytest.mark.skipif(not _openssl_has_sm2(), reason="no OpenSSL with SM2")


def _der_signature(signature: bytes) -> bytes:
    def integer(value: bytes) -> bytes:
        value = value.lstrip(b"\0")
        if value[0] & 0x80:
            value = b"\0" + value
        return b"\x02" + bytes([len(value)]) + value

    body = integer(signature[:32]) + integer(signature[32:])
    return b"\x30" + bytes([len(body)]) + body


def _raw_signature(der: bytes) -> bytes:
    assert der[0] == 0x30
    out, at = b"", 2
    for _ in range(2):
        assert der[at] == 0x02
        length = der[at + 1]
        out += int.from_bytes(der[at + 2 : at + 2 + length], "big").to_bytes(32, "big")
        at += 2 + length
    return out


def _openssl(*arguments: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["openssl", *arguments], capture_output=True, check=False)


@needs_openssl
def test_openssl_verifies_our_signature(tmp_path: Path) -> None:
    key = PrivateKey.generate()
    message = "巡察报送 message".encode()
    spki = base64.encodebytes(_SPKI_PREFIX + key.public.point).decode("ascii")
    (tmp_path / "pub.pem").write_text(
        f"-----BEGIN PUBLIC KEY-----\n{spki}-----END PUBLIC KEY-----\n"
    )
    (tmp_path / "msg").write_bytes(message)
    (tmp_path / "sig").write_bytes(_der_signature(key.sign(message)))
    common = ["-pubin", "-inkey", str(tmp_path / "pub.pem"), "-rawin", "-digest", "sm3"]
    common += ["-pkeyopt", f"distid:{DEFAULT_SIGNER_ID}", "-in", str(tmp_path / "msg")]
    done = _openssl("pkeyutl", "-verify", *common, "-sigfile", str(tmp_path / "sig"))
    assert done.returncode == 0, done.stderr
    (tmp_path / "sig").write_bytes(_der_signature(key.sign(message + b"!")))
    assert _openssl("pkeyutl", "-verify", *common, "-sigfile", str(tmp_path / "sig")).returncode


@needs_openssl
def test_we_verify_openssl_signatures(tmp_path: Path) -> None:
    private = tmp_path / "key.pem"
    assert _openssl("genpkey", "-algorithm", "SM2", "-out", str(private)).returncode == 0
    der = _openssl("pkey", "-in", str(private), "-pubout", "-outform", "DER").stdout
    point = der[-65:]
    (tmp_path / "msg").write_bytes(b"from openssl")
    done = _openssl(
        "pkeyutl", "-sign", "-inkey", str(private), "-rawin", "-digest", "sm3",
        "-pkeyopt", f"distid:{DEFAULT_SIGNER_ID}", "-in", str(tmp_path / "msg"),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    signature = _raw_signature(done.stdout)
    assert PublicKey(point=point).verify(b"from openssl", signature, signer_id=DEFAULT_SIGNER_ID)
    assert not PublicKey(point=point).verify(
        b"from openssl!", signature, signer_id=DEFAULT_SIGNER_ID
    )


# -- key files ------------------------------------------------------------------------------------


def test_key_files_round_trip_with_owner_only_private_key(tmp_path: Path) -> None:
    key = PrivateKey.generate()
    private, public = write_key_pair(tmp_path, "office", key)
    assert (private.name, public.name) == ("office.private.key", "office.public.key")
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert private.read_text().startswith("inspection-schema SM2 private key\n")
    assert public.read_text().startswith("inspection-schema SM2 public key\n")
    assert f"key-id: {key.key_id}\n" in public.read_text()
    assert "private-key" not in public.read_text()
    loaded = load_private_key(private)
    assert loaded.scalar == key.scalar
    assert load_public_key(public) == key.public


def test_private_key_is_owner_only_even_with_a_lax_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        private, _ = write_key_pair(tmp_path, "k", PrivateKey.generate())
    finally:
        os.umask(old)
    assert stat.S_IMODE(private.stat().st_mode) == 0o600


def test_key_files_are_never_overwritten(tmp_path: Path) -> None:
    write_key_pair(tmp_path, "office", PrivateKey.generate())
    before = (tmp_path / "office.private.key").read_bytes()
    with pytest.raises(KeyFileError, match="never overwritten"):
        write_key_pair(tmp_path, "office", PrivateKey.generate())
    assert (tmp_path / "office.private.key").read_bytes() == before
    (tmp_path / "other.public.key").write_text("x")
    with pytest.raises(KeyFileError, match="never overwritten"):
        write_key_pair(tmp_path, "other", PrivateKey.generate())
    assert not (tmp_path / "other.private.key").exists()


@pytest.mark.parametrize("name", ["", "..", "a/b"])
def test_key_names_are_plain(tmp_path: Path, name: str) -> None:
    with pytest.raises(KeyFileError, match="not a key name"):
        write_key_pair(tmp_path, name, PrivateKey.generate())


def test_the_wrong_kind_of_key_file_is_refused(tmp_path: Path) -> None:
    private, public = write_key_pair(tmp_path, "office", PrivateKey.generate())
    with pytest.raises(KeyFileError, match="the other kind of key file"):
        load_public_key(private)
    with pytest.raises(KeyFileError, match="the other kind of key file"):
        load_private_key(public)
    with pytest.raises(KeyFileError, match="cannot read"):
        load_public_key(tmp_path / "missing.public.key")


def test_an_edited_key_file_is_refused(tmp_path: Path) -> None:
    key = PrivateKey.generate()
    private, public = write_key_pair(tmp_path, "office", key)
    text = public.read_text()
    public.write_text(text.replace(f"key-id: {key.key_id}", "key-id: 0000000000000000"))
    with pytest.raises(KeyFileError, match="is not the key id"):
        load_public_key(public)
    other = PrivateKey.generate()
    lines = private.read_text().splitlines()
    lines[-1] = f"private-key: {other.scalar:064x}"
    private.write_text("\n".join(lines) + "\n")
    with pytest.raises(KeyFileError, match="does not give the public key"):
        load_private_key(private)
    public.write_text(text.replace("public-key: 04", "public-key: zz"))
    with pytest.raises(KeyFileError, match="not hex"):
        load_public_key(public)


def test_sm3_without_hashlib_support(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sm, "_HASHLIB_SM3", False)
    assert sm3(b"abc").hex() == SM3_ABC
    assert sm.sign(D, MESSAGE, nonce=NONCE) == SIGNATURE
