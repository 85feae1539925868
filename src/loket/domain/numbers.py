"""Document numbers: gapless per branch and year, allocated where they are used."""

from __future__ import annotations


def receipt_number(branch_code: str, year: int, seq: int) -> str:
    """``KW/BJM/2026/000123`` — kuitansi, branch, year, the year's sequence."""
    return f"KW/{branch_code}/{year}/{seq:06d}"
