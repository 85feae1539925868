"""QR verification codes: the content digest, and the branch's signature over it."""

from __future__ import annotations

from loket.domain.verification import (
    Signer,
    qr_key,
    qr_payload,
    signature_valid,
    signed_by,
    verify_payload,
)

CONTENT = {"total": "36800", "payer": "Ahmad Fauzi"}
KEY = qr_key("ab" * 32)


def test_a_signed_code_names_its_branch_and_checks_only_with_its_key() -> None:
    payload = qr_payload("KW", "KW/BJM/2026/000001", CONTENT, Signer("BJM", KEY))
    assert payload.startswith("LOKET2|KW|KW/BJM/2026/000001|BJM|") and signed_by(payload) == "BJM"
    assert signature_valid(payload, KEY)
    assert not signature_valid(payload, qr_key("cd" * 32))  # another branch's key
    assert not signature_valid(payload.replace("000001", "000002"), KEY)
    assert verify_payload(payload, CONTENT)  # the holder of the record checks the content
    assert not verify_payload(payload, CONTENT | {"total": "3680"})


def test_without_a_key_the_code_is_the_plain_digest() -> None:
    payload = qr_payload("KW", "KW/BJM/2026/000001", CONTENT)
    assert payload.startswith("LOKET1|KW|") and signed_by(payload) is None
    assert not signature_valid(payload, KEY) and verify_payload(payload, CONTENT)
