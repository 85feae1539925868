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


DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


def tanggal(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def hari_tanggal(d: date) -> str:
    """``Jumat, 4 Desember 2026``: the day of the week, as a record's "Pada hari ini" names it."""
    return f"{DAYS[d.weekday()]}, {tanggal(d)}"


def full_years(start: date, end: date) -> int:
    """Whole years from ``start`` to ``end``: an age, a membership's length."""
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))
