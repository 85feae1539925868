"""The verification code printed as a QR on Loket's documents.

Payload: ``LOKET1|<kind>|<number>|<digest>`` — the document kind (``REG`` registration
letter, ``CARD`` participant card…), its number (the KPJ, a receipt number…) and the
first 20 hex digits of the SHA-256 of the document's canonical content. Whoever holds the
record can recompute the digest: a printout whose data was altered no longer matches.
(A keyed signature that the central server can check comes with sync.)
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping

PREFIX = "LOKET1"
DIGEST_LENGTH = 20


def document_digest(kind: str, number: str, content: Mapping[str, str]) -> str:
    material = json.dumps(
        {"kind": kind, "number": number, **content},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(material.encode()).hexdigest()[:DIGEST_LENGTH]


def qr_payload(kind: str, number: str, content: Mapping[str, str]) -> str:
    return f"{PREFIX}|{kind}|{number}|{document_digest(kind, number, content)}"


def verify_payload(payload: str, content: Mapping[str, str]) -> bool:
    """True when ``payload`` was made for exactly this ``content``."""
    parts = payload.split("|")
    if len(parts) != 4 or parts[0] != PREFIX:
        return False
    _, kind, number, digest = parts
    return document_digest(kind, number, content) == digest
