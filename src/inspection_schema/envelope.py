"""The signed exchange envelope (报送信封): a document with its sender, receiver and SM2 signature.

One envelope, two carriers. In JSON::

    {"envelope": {"version": "1", "message_id": ..., ..., "signature": ...}, "payload": {...}}

In XML, an ``<envelope>`` in the namespace :data:`NAMESPACE` whose ``<payload>`` holds the
document's ``<document>`` element. Either way the same bytes are signed (:func:`signed_bytes`):

* the payload digest is SM3 of the document's canonical JSON bytes (``api.dumps(document)``),
  whichever carrier holds it, so an XML and a JSON copy of one document carry the same digest;
* the signature is SM3withSM2 over :data:`SIGNED_PREFIX` followed by the compact JSON object of
  the envelope fields in :data:`SIGNED_FIELDS` order (every field but the signature value).

A carried file must also be exactly the bytes this module writes for its envelope and document
(the codecs are deterministic): a file that differs from its own re-serialisation in any byte fails
verification as not canonical, so no byte of it goes unchecked.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import hashlib
import os
import re
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final
from xml.sax.saxutils import escape, quoteattr

import orjson
from attrs import asdict, evolve, frozen
from lxml import etree

from . import api
from .crypto import DEFAULT_SIGNER_ID, Signer, Verifier, sm3, sm3_hex
from .errors import InspectionSchemaError
from .model import Document, Organisation
from .model.codes import DigestAlgorithm
from .model.text import forbidden_in
from .standards import uscc_findings

NAMESPACE: Final = "urn:inspection-schema:envelope:1"
VERSION: Final = "1"
DIGEST_ALGORITHM: Final = "sm3"
SIGNATURE_ALGORITHM: Final = "sm2-sm3"
"""SM3withSM2 (OID 1.2.156.10197.1.501)."""
SIGNED_PREFIX: Final = b"inspection-schema envelope 1\n"
FORMATS: Final = ("json", "xml")

SIGNED_FIELDS: Final = (
    "version",
    "message_id",
    "sender",
    "receiver",
    "created_at",
    "document_id",
    "document_kind",
    "schema_version",
    "classification",
    "digest_algorithm",
    "payload_digest",
    "signature_algorithm",
    "key_id",
    "signer_id",
)
"""The envelope fields the signature covers, in the order they are signed and written."""
FIELDS: Final = (*SIGNED_FIELDS, "signature")

_MESSAGE_ID: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")
_XML_DECLARATION: Final = '<?xml version="1.0" encoding="UTF-8"?>\n'


class EnvelopeError(InspectionSchemaError):
    """An envelope that cannot be made or read (not a failed verification: that is reported)."""


@frozen(kw_only=True)
class Envelope:
    """报送信封: the fields that travel with a document, each a string as written."""

    version: str
    message_id: str
    sender: str
    """Unified social credit code (GB 32100) of the sending organisation."""
    receiver: str
    created_at: str
    """ISO 8601 date-time with an offset, to the second."""
    document_id: str
    document_kind: str
    schema_version: str
    classification: str
    digest_algorithm: str
    payload_digest: str
    """SM3 of the document's canonical JSON bytes, 64 lower-case hex digits."""
    signature_algorithm: str
    key_id: str
    signer_id: str
    signature: str
    """The 64-byte r||s signature, base64."""


def signed_bytes(envelope: Envelope) -> bytes:
    """The exact bytes signed: the prefix, then the compact JSON object of the signed fields."""
    fields = asdict(envelope)
    return SIGNED_PREFIX + orjson.dumps({name: fields[name] for name in SIGNED_FIELDS})


def payload_bytes(document: Document) -> bytes:
    """The payload's canonical bytes, whatever carries it: the document's canonical JSON."""
    return api.dumps(document, format="json")


# -- writing --------------------------------------------------------------------------------------


def _json_bytes(envelope: Envelope, document: Document) -> bytes:
    payload = orjson.loads(payload_bytes(document))
    return orjson.dumps(
        {"envelope": asdict(envelope), "payload": payload},
        option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE,
    )


def _xml_bytes(envelope: Envelope) -> list[str]:
    e = envelope
    return [
        _XML_DECLARATION,
        f'<envelope xmlns="{NAMESPACE}" version={quoteattr(e.version)}>\n',
        *(
            f"  <{name.replace('_', '-')}>{escape(getattr(e, name))}</{name.replace('_', '-')}>\n"
            for name in SIGNED_FIELDS[1:9]
        ),
        f"  <payload-digest algorithm={quoteattr(e.digest_algorithm)}>"
        f"{escape(e.payload_digest)}</payload-digest>\n",
        f"  <signature algorithm={quoteattr(e.signature_algorithm)} key-id={quoteattr(e.key_id)}"
        f" signer-id={quoteattr(e.signer_id)}>{escape(e.signature)}</signature>\n",
    ]


def _xml_file(envelope: Envelope, document: Document) -> bytes:
    body = api.dumps(document, format="xml").decode("utf-8")
    body = body.removeprefix(_XML_DECLARATION).rstrip("\n")
    parts = [*_xml_bytes(envelope), "  <payload>\n", body, "\n  </payload>\n</envelope>\n"]
    return "".join(parts).encode("utf-8")


def dumps(envelope: Envelope, document: Document, *, format: str = "json") -> bytes:
    """The envelope file carrying ``document``, in ``json`` or ``xml``."""
    if format == "json":
        return _json_bytes(envelope, document)
    if format == "xml":
        return _xml_file(envelope, document)
    raise EnvelopeError(f"an envelope is written as json or xml, not {format!r}")


# -- sealing --------------------------------------------------------------------------------------


def check_credit_code(code: str, role: str) -> None:
    """Refuse a sender or receiver that is not a valid unified social credit code (strict)."""
    findings = uscc_findings(code)
    if findings:
        reasons = "; ".join(f.message for f in findings)
        raise EnvelopeError(
            f"the {role} {code!r} is not a unified social credit code: {reasons} "
            f"/ {role} 不是有效的统一社会信用代码"
        )


def issuer_credit_code(document: Document) -> str | None:
    """The credit code of the document's issuing organisation, when the document gives one."""
    for organisation in document.organisations:
        if isinstance(organisation, Organisation) and organisation.id == document.issuer:
            return organisation.credit_code
    return None


def _created_at(moment: datetime.datetime | None) -> str:
    if moment is None:
        moment = datetime.datetime.now().astimezone()
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise EnvelopeError("the creation time needs an offset (e.g. +08:00) / 创建时间须带时区")
    return moment.replace(microsecond=0).isoformat()


def seal(
    document: Document,
    signer: Signer,
    *,
    sender: str,
    receiver: str,
    message_id: str | None = None,
    created_at: datetime.datetime | None = None,
) -> Envelope:
    """The signed envelope of ``document``: SM3 of its canonical bytes, signed by ``signer``.

    ``sender`` and ``receiver`` are unified social credit codes; ``message_id`` defaults to a new
    UUID, ``created_at`` to now (with the local offset).
    """
    check_credit_code(sender, "sender")
    check_credit_code(receiver, "receiver")
    message = message_id if message_id is not None else str(uuid.uuid4())
    if not _MESSAGE_ID.fullmatch(message):
        raise EnvelopeError(
            f"a message id is 1-128 of A-Z a-z 0-9 . _ : - starting with a letter or digit, "
            f"not {message!r} / 消息标识格式错误"
        )
    for what, what_zh, value in (
        ("key id", "密钥标识", signer.key_id),
        ("signer id", "签名者标识", signer.signer_id),
    ):
        why = forbidden_in(value)
        if why is not None:  # neither format could carry it (from undecodable bytes, say)
            raise EnvelopeError(f"the {what}: {why[0]} / {what_zh}:{why[1]}")
    unsigned = Envelope(
        version=VERSION,
        message_id=message,
        sender=sender,
        receiver=receiver,
        created_at=_created_at(created_at),
        document_id=document.id,
        document_kind=document.kind.value,
        schema_version=document.schema_version,
        classification=document.classification.value,
        digest_algorithm=DIGEST_ALGORITHM,
        payload_digest=sm3_hex(payload_bytes(document)),
        signature_algorithm=SIGNATURE_ALGORITHM,
        key_id=signer.key_id,
        signer_id=signer.signer_id,
        signature="",
    )
    signature = signer.sign(signed_bytes(unsigned))
    return evolve(unsigned, signature=base64.b64encode(signature).decode("ascii"))


# -- reading --------------------------------------------------------------------------------------


@frozen(kw_only=True)
class Sealed:
    """An envelope file as read: its envelope, its document and its carrier."""

    envelope: Envelope
    document: Document
    format: str
    data: bytes
    """The file's bytes as read."""


def _envelope_from(fields: Mapping[str, Any]) -> Envelope:
    missing = [name for name in FIELDS if not isinstance(fields.get(name), str)]
    if missing:
        raise EnvelopeError(
            f"the envelope lacks the field(s) {', '.join(missing)} (each a string) / 信封缺少字段"
        )
    extra = sorted(set(fields) - set(FIELDS))
    if extra:
        raise EnvelopeError(
            f"the envelope has unknown field(s) {', '.join(extra)} / 信封有未知字段"
        )
    return Envelope(**{name: fields[name] for name in FIELDS})


def _read_json(data: bytes) -> Sealed:
    try:
        whole = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise EnvelopeError(f"not a JSON envelope: {exc} / 不是 JSON 信封") from None
    if not isinstance(whole, dict) or set(whole) != {"envelope", "payload"}:
        raise EnvelopeError(
            'a JSON envelope is an object {"envelope": {...}, "payload": {...}} / 不是 JSON 信封'
        )
    if not isinstance(whole["envelope"], dict):
        raise EnvelopeError('"envelope" must be an object / "envelope" 应为对象')
    envelope = _envelope_from(whole["envelope"])
    document = api.loads(orjson.dumps(whole["payload"]), format="json")
    return Sealed(envelope=envelope, document=document, format="json", data=data)


def _read_xml(data: bytes) -> Sealed:
    from .codecs.xml.reader import parse

    root = parse(data)
    if root.tag != f"{{{NAMESPACE}}}envelope":
        raise EnvelopeError(f'an XML envelope\'s root is <envelope xmlns="{NAMESPACE}">')
    fields: dict[str, Any] = {"version": root.get("version")}
    payload: etree._Element | None = None
    for child in root:
        if not isinstance(child.tag, str) or not child.tag.startswith(f"{{{NAMESPACE}}}"):
            raise EnvelopeError(f"unexpected element {child.tag} in the envelope")
        name = child.tag.split("}", 1)[1]
        if name == "payload":
            payload = child
        elif name == "payload-digest":
            fields["digest_algorithm"] = child.get("algorithm")
            fields["payload_digest"] = child.text or ""
        elif name == "signature":
            fields["signature_algorithm"] = child.get("algorithm")
            fields["key_id"] = child.get("key-id")
            fields["signer_id"] = child.get("signer-id")
            fields["signature"] = child.text or ""
        else:
            fields[name.replace("-", "_")] = child.text or ""
    envelope = _envelope_from(fields)
    inner = [] if payload is None else [c for c in payload if isinstance(c.tag, str)]
    if len(inner) != 1:
        raise EnvelopeError("the envelope's <payload> must hold one <document> / 载荷应为一个文档")
    text = etree.tostring(inner[0], encoding="unicode", with_tail=False)
    document = api.loads((_XML_DECLARATION + text).encode("utf-8"), format="xml")
    return Sealed(envelope=envelope, document=document, format="xml", data=data)


def loads(data: bytes) -> Sealed:
    """Read an envelope file, JSON or XML (told by its first character)."""
    head = data.lstrip()[:1]
    if head == b"{":
        return _read_json(data)
    if head == b"<":
        return _read_xml(data)
    raise EnvelopeError("not an envelope: neither a JSON object nor XML / 不是信封文件")


# -- verifying ------------------------------------------------------------------------------------


@frozen(kw_only=True)
class Failure:
    """One reason an envelope does not verify."""

    what: str
    """``canonical-form``, ``envelope-field``, ``digest``, ``key``, ``signature``, ``evidence``."""
    message: str

    def __str__(self) -> str:
        return f"{self.what}: {self.message}"


@frozen(kw_only=True)
class Verification:
    """The outcome of :func:`verify`: verified when there are no failures."""

    sealed: Sealed
    failures: tuple[Failure, ...]

    @property
    def ok(self) -> bool:
        return not self.failures


def _first_difference(a: bytes, b: bytes) -> tuple[int, int]:
    index = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), None)
    if index is None:
        index = min(len(a), len(b))
    return index, a.count(b"\n", 0, index) + 1


def _field_failures(sealed: Sealed) -> list[Failure]:
    e, document = sealed.envelope, sealed.document
    out: list[Failure] = []
    expected = {
        "version": VERSION,
        "document_id": document.id,
        "document_kind": document.kind.value,
        "schema_version": document.schema_version,
        "classification": document.classification.value,
        "digest_algorithm": DIGEST_ALGORITHM,
        "signature_algorithm": SIGNATURE_ALGORITHM,
    }
    for name, value in expected.items():
        if getattr(e, name) != value:
            out.append(
                Failure(
                    what="envelope-field",
                    message=f"{name} is {getattr(e, name)!r} but the payload says {value!r} "
                    f"/ 信封字段 {name} 与载荷不符",
                )
            )
    for role in ("sender", "receiver"):
        code = getattr(e, role)
        if uscc_findings(code):
            out.append(
                Failure(
                    what="envelope-field",
                    message=f"{role} {code!r} is not a unified social credit code "
                    f"/ {role} 不是有效的统一社会信用代码",
                )
            )
    if not _MESSAGE_ID.fullmatch(e.message_id):
        out.append(
            Failure(what="envelope-field", message=f"message_id {e.message_id!r} is malformed")
        )
    try:
        moment = datetime.datetime.fromisoformat(e.created_at)
        if moment.tzinfo is None or moment.isoformat() != e.created_at:
            raise ValueError
    except ValueError:
        out.append(
            Failure(
                what="envelope-field",
                message=f"created_at {e.created_at!r} is not a date-time with an offset "
                "/ 创建时间格式错误",
            )
        )
    return out


def verify(data: bytes, verifier: Verifier) -> Verification:
    """Check an envelope file against the public key of ``verifier``.

    Raises :class:`EnvelopeError` (or the reader's own error) for a file that cannot be read at
    all; every other problem is a :class:`Failure` of the result.
    """
    sealed = loads(data)
    envelope, document = sealed.envelope, sealed.document
    failures: list[Failure] = []
    rewritten = dumps(envelope, document, format=sealed.format)
    if rewritten != data:
        offset, line = _first_difference(data, rewritten)
        failures.append(
            Failure(
                what="canonical-form",
                message=f"the file differs from its canonical form at byte {offset} (line {line}):"
                " it was changed after signing, or rewritten by another tool "
                "/ 文件不是规范形式,签名后被改动过",
            )
        )
    failures.extend(_field_failures(sealed))
    digest = sm3_hex(payload_bytes(document))
    if envelope.payload_digest != digest:
        failures.append(
            Failure(
                what="digest",
                message=f"the payload's SM3 digest is {digest}, the envelope says "
                f"{envelope.payload_digest}: the document was changed "
                "/ 载荷摘要不符,文档已被改动",
            )
        )
    if envelope.key_id != verifier.key_id:
        failures.append(
            Failure(
                what="key",
                message=f"signed with key {envelope.key_id}, but the key given is "
                f"{verifier.key_id}: wrong key, or the key id was edited / 密钥不符",
            )
        )
        return Verification(sealed=sealed, failures=tuple(failures))
    try:
        signature = base64.b64decode(envelope.signature, validate=True)
    except (binascii.Error, ValueError):
        signature = b""
    try:
        good = verifier.verify(signed_bytes(envelope), signature, signer_id=envelope.signer_id)
    except InspectionSchemaError:
        good = False
    if not good:
        failures.append(
            Failure(
                what="signature",
                message="the SM2 signature does not verify over the envelope fields: an envelope "
                "field or the signature was changed / 签名验证失败,信封字段或签名已被改动",
            )
        )
    return Verification(sealed=sealed, failures=tuple(failures))


# -- evidence files -------------------------------------------------------------------------------


def evidence_file_name(location: str | None) -> str | None:
    """The file name an evidence location names: the part after its last ``/`` or ``\\``.

    A query (``?``) or fragment (``#``) is dropped first; ``None`` when nothing usable is left.
    """
    if not location:
        return None
    text = location.split("#", 1)[0].split("?", 1)[0]
    name = re.split(r"[/\\]", text)[-1]
    return None if name in {"", ".", ".."} or "\0" in name else name


def _file_digest(path: Path, algorithm: DigestAlgorithm) -> str:
    name = "sha256" if algorithm is DigestAlgorithm.SHA256 else "sm3"
    if name not in hashlib.algorithms_available:  # SM3 without OpenSSL's: gmssl, in one piece
        return sm3(path.read_bytes()).hex()
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, name).hexdigest()


def check_evidence(document: Document, directory: str | os.PathLike[str]) -> list[Failure]:
    """Check every evidence file with a digest against the file of its name in ``directory``."""
    folder = Path(directory)
    try:
        is_dir = folder.is_dir()
    except OSError as exc:  # a name too long, say: Path.is_dir raises on all but "not found"
        raise EnvelopeError(
            f"cannot use {folder}: {exc.strerror or exc} / 无法使用该目录"
        ) from None
    if not is_dir:
        raise EnvelopeError(f"{folder} is not a directory / 不是目录")
    out: list[Failure] = []
    for rectification in document.rectifications:
        for evidence in rectification.evidence:
            if evidence.digest is None:
                continue
            name = evidence_file_name(evidence.location)
            if name is None:
                out.append(
                    Failure(
                        what="evidence",
                        message=f"{evidence.id}: its location names no file / 佐证材料位置无文件名",
                    )
                )
                continue
            path = folder / name
            try:  # the name comes from the sender: too long, or in a folder we may not read
                is_file = path.is_file()
            except OSError as exc:
                out.append(
                    Failure(
                        what="evidence",
                        message=f"{evidence.id}: cannot look for {name} in {folder}: "
                        f"{exc.strerror or exc} / 无法查找佐证材料文件",
                    )
                )
                continue
            if not is_file:
                out.append(
                    Failure(
                        what="evidence",
                        message=f"{evidence.id}: {name} is not in {folder} / 佐证材料文件缺失",
                    )
                )
                continue
            try:
                actual = _file_digest(path, evidence.digest.algorithm)
            except OSError as exc:
                out.append(
                    Failure(
                        what="evidence",
                        message=f"{evidence.id}: cannot read {path}: {exc.strerror or exc}",
                    )
                )
                continue
            if actual != evidence.digest.value.lower():
                out.append(
                    Failure(
                        what="evidence",
                        message=f"{evidence.id}: {name} has {evidence.digest.algorithm.value} "
                        f"{actual}, the record says {evidence.digest.value} / 佐证材料摘要不符",
                    )
                )
    return out


__all__ = [
    "DEFAULT_SIGNER_ID",
    "FIELDS",
    "NAMESPACE",
    "SIGNED_FIELDS",
    "SIGNED_PREFIX",
    "Envelope",
    "EnvelopeError",
    "Failure",
    "Sealed",
    "Verification",
    "check_evidence",
    "dumps",
    "evidence_file_name",
    "issuer_credit_code",
    "loads",
    "payload_bytes",
    "seal",
    "signed_bytes",
    "verify",
]
