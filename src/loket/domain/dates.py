"""Dates as Indonesian documents write them (``24 November 2026``), and ages in years."""

from __future__ import annotations

from datetime import date

MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def tanggal(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def full_years(start: date, end: date) -> int:
    """Whole years from ``start`` to ``end``: an age, a membership's length."""
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))
