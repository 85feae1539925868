"""Document numbers: gapless per branch and year, allocated where they are used."""

from __future__ import annotations


def document_number(kind: str, branch_code: str, year: int, seq: int) -> str:
    """``KIND/BRANCH/YEAR/SEQ``, the sequence six digits wide."""
    return f"{kind}/{branch_code}/{year}/{seq:06d}"


def receipt_number(branch_code: str, year: int, seq: int) -> str:
    """``KW/BJM/2026/000123`` — kuitansi, branch, year, the year's sequence."""
    return document_number("KW", branch_code, year, seq)


def claim_number(branch_code: str, year: int, seq: int) -> str:
    """``KL/BJM/2026/000042`` — the claim's file number, on the documents receipt."""
    return document_number("KL", branch_code, year, seq)


def handover_number(branch_code: str, year: int, seq: int) -> str:
    """``BA/BJM/2026/000007`` — berita acara serah terima."""
    return document_number("BA", branch_code, year, seq)
