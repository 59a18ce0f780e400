"""``inspection-schema keygen``, ``sign`` and ``verify``: files, exit codes and messages."""

from __future__ import annotations

import argparse
import stat
from pathlib import Path

import pytest

from inspection_schema.builtin.signing import sign_command
from inspection_schema.cli import main
from inspection_schema.crypto import PrivateKey, Signer, write_key_pair

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples"
SENDER = "91310110666007217T"
RECEIVER = "91110000100017766L"
PRIVATE = "--key {keys}/office.private.key"
PUBLIC = "--key {keys}/office.public.key"
BOTH = f"--sender {SENDER} --receiver {RECEIVER}"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def keys(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    folder = tmp_path / "keys"
    folder.mkdir()
    assert run(capsys, "keygen", "-o", str(folder), "--name", "office")[0] == 0
    assert run(capsys, "keygen", "-o", str(folder), "--name", "other")[0] == 0
    return folder


def sign(capsys: pytest.CaptureFixture[str], keys: Path, source: Path, out: Path) -> None:
    code, stdout, err = run(
        capsys,
        "sign", str(source), "--key", str(keys / "office.private.key"), "-o", str(out),
        "--sender", SENDER, "--receiver", RECEIVER, "--message-id", "msg-1",
    )  # fmt: skip
    assert code == 0, err
    assert "signed msg-1 with key" in stdout


def test_keygen_writes_a_pair_and_never_overwrites(
    keys: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    private = keys / "office.private.key"
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert (keys / "office.public.key").read_text().startswith("inspection-schema SM2 public key")
    before = private.read_bytes()
    code, _, err = run(capsys, "keygen", "-o", str(keys), "--name", "office")
    assert code == 2
    assert "never overwritten" in err
    assert private.read_bytes() == before


def test_keygen_makes_a_missing_directory_for_its_owner_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "new" / "keys"
    code, _, err = run(capsys, "keygen", "-o", str(folder))
    assert code == 0, err
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert (folder / "sm2.private.key").is_file()


@pytest.mark.parametrize("what", ["name", "directory"])
def test_keygen_refuses_a_name_too_long(
    what: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    long = "x" * 300
    folder, name = (tmp_path, long) if what == "name" else (tmp_path / long, "office")
    code, _, err = run(capsys, "keygen", "-o", str(folder), "--name", name)
    assert code == 2
    assert "internal error" not in err
    assert "File name too long" in err


def test_keygen_needs_a_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    taken = tmp_path / "a-file"
    taken.write_text("x")
    code, _, err = run(capsys, "keygen", "-o", str(taken))
    assert code == 2
    assert "not a directory" in err


@pytest.mark.parametrize(
    ("source", "suffix"),
    [("fulian-2023.json", ".json"), ("fulian-2023.xml", ".xml"), ("fulian-2023.json", ".xml")],
)
def test_sign_then_verify(
    keys: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], source: str, suffix: str
) -> None:
    out = tmp_path / f"signed{suffix}"
    sign(capsys, keys, EXAMPLES / source, out)
    code, stdout, _ = run(capsys, "verify", str(out), "--key", str(keys / "office.public.key"))
    assert code == 0
    assert "verified: full_record doc-fulian-2023" in stdout


@pytest.mark.parametrize("suffix", [".json", ".xml"])
@pytest.mark.parametrize(
    ("old", "new", "what"),
    [
        ("市妇联党组", "市妇联党委", "digest: the payload's SM3 digest is"),
        ("2024-01-10T10:00:00+08:00", "2024-01-10T11:00:00+08:00", "digest:"),
        (RECEIVER, SENDER, "signature: the SM2 signature does not verify"),
        ("msg-1", "msg-2", "signature:"),
    ],
    ids=["name", "date", "receiver", "message-id"],
)
def test_verify_says_what_failed(
    keys: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    suffix: str,
    old: str,
    new: str,
    what: str,
) -> None:
    out = tmp_path / f"signed{suffix}"
    sign(capsys, keys, EXAMPLES / "fulian-2023.json", out)
    out.write_bytes(out.read_bytes().replace(old.encode(), new.encode()))
    code, stdout, _ = run(capsys, "verify", str(out), "--key", str(keys / "office.public.key"))
    assert code == 1
    assert "not verified" in stdout
    assert what in stdout


def test_verify_with_the_wrong_key(
    keys: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "signed.json"
    sign(capsys, keys, EXAMPLES / "fulian-2023.json", out)
    code, stdout, _ = run(capsys, "verify", str(out), "--key", str(keys / "other.public.key"))
    assert code == 1
    assert "key: signed with key" in stdout
    assert "wrong key" in stdout


def test_verify_checks_evidence_files(
    keys: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "signed.xml"
    sign(capsys, keys, EXAMPLES / "fulian-2023.xml", out)
    files = tmp_path / "files"
    files.mkdir()
    (files / "ev-rules-revised.pdf").write_bytes(b"abc")  # the example's digest is SM3("abc")
    public = str(keys / "office.public.key")
    code, stdout, _ = run(capsys, "verify", str(out), "--key", public, "--evidence", str(files))
    assert code == 1
    assert "evidence: ev-minutes: ev-minutes.pdf is not in" in stdout
    assert "ev-rules-revised" not in stdout


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ("verify {signed} --key {keys}/office.private.key", "the other kind"),
        ("verify {example} --key {keys}/office.public.key", "envelope"),
        ("verify {keys}/none.json --key {keys}/office.public.key", "cannot read"),
        (f"sign {{example}} {PRIVATE} -o {{tmp}}/o.txt {BOTH}", "--to json or xml"),
        (f"sign {{example}} {PRIVATE} -o {{tmp}}/o.json --receiver {RECEIVER}", "give --sender"),
        (f"sign {{example}} {PUBLIC} -o {{tmp}}/o.json {BOTH}", "the other kind"),
        (
            f"sign {{example}} {PRIVATE} -o {{tmp}}/o.json --sender {SENDER} "
            "--receiver 91110000100017766X",
            "receiver",
        ),
    ],
    ids=[
        "private-for-public",
        "not-an-envelope",
        "missing",
        "suffix",
        "no-sender",
        "public-for-private",
        "bad-receiver",
    ],
)
def test_unusable_input_exits_2(
    keys: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    arguments: str,
    message: str,
) -> None:
    signed = tmp_path / "signed.json"
    sign(capsys, keys, EXAMPLES / "fulian-2023.json", signed)
    values = {
        "signed": str(signed),
        "keys": str(keys),
        "tmp": str(tmp_path),
        "example": str(EXAMPLES / "fulian-2023.json"),
    }
    code, _, err = run(capsys, *(a.format(**values) for a in arguments.split()))
    assert code == 2, err
    assert message in err
    assert "Traceback" not in err
    assert not (tmp_path / "o.json").exists()


def test_a_device_plugin_brings_its_own_signer(
    keys: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What a plugin registers through ``register_commands``: ``sign`` with another signer."""
    device = PrivateKey.generate()  # stands in for a certified device's driver
    seen: list[str] = []

    def load_device(arguments: argparse.Namespace) -> Signer:
        seen.append(arguments.key)
        return device

    command = sign_command(name="sign-ukey", load_signer=load_device)
    parser = argparse.ArgumentParser()
    command.configure(parser)
    out = tmp_path / "signed.xml"
    arguments = parser.parse_args(
        [str(EXAMPLES / "fulian-2023.json"), "--key", "slot-1", "-o", str(out), *BOTH.split()]
    )
    assert command.run(arguments) == 0
    assert seen == ["slot-1"]
    capsys.readouterr()
    write_key_pair(keys, "device", device)
    code, stdout, _ = run(capsys, "verify", str(out), "--key", str(keys / "device.public.key"))
    assert code == 0, stdout
