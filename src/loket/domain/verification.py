"""The verification code printed as a QR on Loket's documents.

Payload: ``LOKET1|<kind>|<number>|<digest>`` — the document kind (``REG`` registration
letter, ``CARD`` participant card…), its number (the KPJ, a receipt number…) and the
first 20 hex digits of the SHA-256 of the document's canonical content. Whoever holds the
record can recompute the digest: a printout whose data was altered no longer matches.

Where the branch has its sync token, the code is signed: ``LOKET2|<kind>|<number>|<branch>|
<digest>|<signature>``, the signature an HMAC-SHA256 keyed by the branch's key (derived from
the token; the central server holds the same key outside its database). The central server
then tells a document the branch issued from one made up (``loket-server verify-qr``).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from typing import NamedTuple

PREFIX = "LOKET1"
SIGNED_PREFIX = "LOKET2"
DIGEST_LENGTH = 20
SIGNATURE_LENGTH = 32


class Signer(NamedTuple):
    branch: str
    key: bytes


def qr_key(bundle_key_hex: str) -> bytes:
    """The key of QR signatures, from the branch's bundle key (server and branch alike)."""
    return hmac.new(bytes.fromhex(bundle_key_hex), b"loket-qr-v1", hashlib.sha256).digest()


def _signature(key: bytes, body: str) -> str:
    return hmac.new(key, body.encode(), hashlib.sha256).hexdigest()[:SIGNATURE_LENGTH]


def document_digest(kind: str, number: str, content: Mapping[str, str]) -> str:
    material = json.dumps(
        {"kind": kind, "number": number, **content},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(material.encode()).hexdigest()[:DIGEST_LENGTH]


def qr_payload(
    kind: str, number: str, content: Mapping[str, str], signer: Signer | None = None
) -> str:
    digest = document_digest(kind, number, content)
    if signer is None:
        return f"{PREFIX}|{kind}|{number}|{digest}"
    body = f"{SIGNED_PREFIX}|{kind}|{number}|{signer.branch}|{digest}"
    return f"{body}|{_signature(signer.key, body)}"


def signed_by(payload: str) -> str | None:
    """The branch a signed code names (whose key checks it), or None."""
    parts = payload.split("|")
    return parts[3] if len(parts) == 6 and parts[0] == SIGNED_PREFIX else None


def signature_valid(payload: str, key: bytes) -> bool:
    body, _, signature = payload.rpartition("|")
    return signed_by(payload) is not None and hmac.compare_digest(_signature(key, body), signature)


def verify_payload(payload: str, content: Mapping[str, str]) -> bool:
    """True when ``payload`` was made for exactly this ``content``."""
    parts = payload.split("|")
    if len(parts) == 6 and parts[0] == SIGNED_PREFIX:
        parts = [PREFIX, parts[1], parts[2], parts[4]]
    if len(parts) != 4 or parts[0] != PREFIX:
        return False
    _, kind, number, digest = parts
    return document_digest(kind, number, content) == digest
