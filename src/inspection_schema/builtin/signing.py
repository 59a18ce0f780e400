"""Signed exchange: the ``keygen``, ``sign`` and ``verify`` commands (SM2/SM3).

Registered through the same hook as an outside plugin's commands. An office with a certified
crypto device registers its own signing command, made by :func:`sign_command` with a
``load_signer`` that returns its device behind the :class:`~inspection_schema.crypto.Signer`
interface (or replaces ``sign`` with ``override=True``); see the security page.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path, PurePath
from typing import Final

from .. import api
from ..commands import Command
from ..crypto import DEFAULT_SIGNER_ID, PrivateKey, Signer, load_private_key, load_public_key
from ..crypto.keys import write_key_pair
from ..crypto.sources import SignerSource
from ..envelope import (
    EnvelopeError,
    check_evidence,
    issuer_credit_code,
    seal,
)
from ..envelope import dumps as envelope_dumps
from ..envelope import verify as verify_envelope
from ..errors import InspectionSchemaError
from ..files import write_atomic
from ..plugins import Register, hookimpl

# -- keygen ---------------------------------------------------------------------------------------


def _configure_keygen(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", required=True, help="directory to write the key files in")
    parser.add_argument(
        "--name", default="sm2", help="key file names: NAME.private.key and NAME.public.key"
    )


def _run_keygen(arguments: argparse.Namespace) -> int:
    folder = Path(arguments.output)
    try:
        if not folder.exists():
            # a new folder for keys is the owner's alone, as ssh-keygen makes ~/.ssh
            folder.mkdir(mode=0o700, parents=True)
        elif not folder.is_dir():
            raise InspectionSchemaError(f"{folder} is not a directory / 输出路径不是目录")
    except OSError as exc:  # a name too long, a folder we may not search...
        raise InspectionSchemaError(
            f"cannot make the directory {folder}: {exc.strerror or exc} / 无法创建输出目录"
        ) from None
    key = PrivateKey.generate()
    private, public = write_key_pair(folder, arguments.name, key)
    print(f"key id {key.key_id}")
    print(f"private key: {private} (keep it to yourself; mode 0600)")
    print(f"public key:  {public} (give it to those who verify)")
    return 0


# -- sign -----------------------------------------------------------------------------------------


def _configure_sign(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="document file (JSON or XML)")
    parser.add_argument("--from", dest="source_format", help="format of the input")
    parser.add_argument(
        "--key",
        required=True,
        help="private key file (NAME.private.key), or what the --signer source takes",
    )
    parser.add_argument(
        "--signer",
        default="file",
        help="签名来源 (the signer source: file, or one a device plugin registers; "
        "`inspection-schema plugins` lists them)",
    )
    parser.add_argument("-o", "--output", required=True, help="envelope file to write")
    parser.add_argument(
        "--to",
        dest="target_format",
        choices=("json", "xml"),
        help="envelope format (default: by the output's suffix)",
    )
    parser.add_argument(
        "--sender",
        help="sender's unified social credit code (default: the issuing organisation's)",
    )
    parser.add_argument("--receiver", required=True, help="receiver's unified social credit code")
    parser.add_argument("--message-id", help="message id (default: a new UUID)")
    parser.add_argument(
        "--signer-id",
        default=DEFAULT_SIGNER_ID,
        help=f"SM2 signer id (default: the GB/T 35276 default {DEFAULT_SIGNER_ID})",
    )


def _envelope_format(arguments: argparse.Namespace) -> str:
    if arguments.target_format is not None:
        return str(arguments.target_format)
    suffix = PurePath(arguments.output).suffix.lower()
    if suffix in {".json", ".xml"}:
        return suffix[1:]
    raise InspectionSchemaError(
        f"cannot tell the envelope format of {arguments.output!r}; give --to json or xml "
        "/ 无法从文件名判断信封格式,请用 --to 指定"
    )


SignerLoader = Callable[[argparse.Namespace], Signer]
"""Gives the signer for the arguments of a ``sign`` command (``--key``, ``--signer-id``)."""


def load_key_file(arguments: argparse.Namespace) -> Signer:
    """The built-in ``sign``'s signer: the source ``--signer`` names (the key file by default)
    asked for ``--key`` with ``--signer-id``."""
    from ..plugins.manager import host

    sources = {source.name: source for source in host().signers()}
    source = sources.get(arguments.signer)
    if source is None:
        raise InspectionSchemaError(
            f"no signer source {arguments.signer!r} (known: {', '.join(sorted(sources))}) "
            f"/ 未知的签名来源“{arguments.signer}”"
        )
    signer: Signer = source.load(arguments.key, arguments.signer_id)
    return signer


FILE_SOURCE: Final = SignerSource(
    name="file",
    description="--key is a private key file written by inspection-schema keygen",
    load=lambda key, signer_id: load_private_key(key, signer_id=signer_id),
)


@hookimpl
def register_signers(register: Register[SignerSource]) -> None:
    register(FILE_SOURCE)


def _run_sign(arguments: argparse.Namespace, load_signer: SignerLoader = load_key_file) -> int:
    target = _envelope_format(arguments)
    key = load_signer(arguments)
    document = api.load(arguments.file, format=arguments.source_format)
    sender = arguments.sender or issuer_credit_code(document)
    if sender is None:
        raise EnvelopeError(
            "the issuing organisation has no credit code in the document; give --sender "
            "/ 文档未载明制发单位的统一社会信用代码,请用 --sender 指定"
        )
    envelope = seal(
        document,
        key,
        sender=sender,
        receiver=arguments.receiver,
        message_id=arguments.message_id,
    )
    write_atomic(arguments.output, envelope_dumps(envelope, document, format=target))
    print(f"signed {envelope.message_id} with key {envelope.key_id}: {arguments.output}")
    return 0


# -- verify ---------------------------------------------------------------------------------------


def _configure_verify(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="envelope file (JSON or XML)")
    parser.add_argument("--key", required=True, help="the sender's public key file")
    parser.add_argument(
        "--evidence",
        metavar="DIR",
        help="also check each evidence file with a digest: DIR/<file name of its location>",
    )


def _run_verify(arguments: argparse.Namespace) -> int:
    public = load_public_key(arguments.key)
    data = api.read_file(arguments.file)
    result = verify_envelope(data, public)
    failures = list(result.failures)
    if arguments.evidence is not None:
        failures.extend(check_evidence(result.sealed.document, arguments.evidence))
    envelope = result.sealed.envelope
    if failures:
        print(f"not verified: {arguments.file} / 验证未通过", file=sys.stdout)
        for failure in failures:
            print(f"  {failure}")
        return 1
    print(
        f"verified: {envelope.document_kind} {envelope.document_id} from {envelope.sender} to "
        f"{envelope.receiver}, message {envelope.message_id}, signed with key {envelope.key_id} "
        "/ 验证通过"
    )
    return 0


KEYGEN: Final = Command(
    name="keygen",
    help="生成 SM2 密钥对 (write an SM2 key pair: NAME.private.key and NAME.public.key)",
    configure=_configure_keygen,
    run=_run_keygen,
)


def sign_command(
    *,
    name: str = "sign",
    help: str = "签名封装 (put a document in an envelope signed with SM2/SM3)",
    load_signer: SignerLoader = load_key_file,
) -> Command:
    """A ``sign`` command whose signer comes from ``load_signer``: a device plugin's way in.

    The command has the built-in one's arguments; ``--key`` means whatever ``load_signer``
    makes of it (a key file, a device slot, a certificate name).
    """

    def run(arguments: argparse.Namespace) -> int:
        return _run_sign(arguments, load_signer)

    return Command(name=name, help=help, configure=_configure_sign, run=run)


SIGN: Final = sign_command()
VERIFY: Final = Command(
    name="verify",
    help="验证签名 (check an envelope's digest and SM2 signature, and evidence files)",
    configure=_configure_verify,
    run=_run_verify,
)


@hookimpl
def register_commands(register: Register[Command]) -> None:
    register(KEYGEN)
    register(SIGN)
    register(VERIFY)
