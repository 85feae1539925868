"""Document numbers: gapless per branch and year, allocated where they are used."""

from __future__ import annotations


def _number(kind: str, branch_code: str, year: int, seq: int) -> str:
    return f"{kind}/{branch_code}/{year}/{seq:06d}"


def receipt_number(branch_code: str, year: int, seq: int) -> str:
    """``KW/BJM/2026/000123`` — kuitansi, branch, year, the year's sequence."""
    return _number("KW", branch_code, year, seq)


def claim_number(branch_code: str, year: int, seq: int) -> str:
    """``KL/BJM/2026/000042`` — the claim's file number, on the documents receipt."""
    return _number("KL", branch_code, year, seq)


def handover_number(branch_code: str, year: int, seq: int) -> str:
    """``BA/BJM/2026/000007`` — berita acara serah terima."""
    return _number("BA", branch_code, year, seq)
