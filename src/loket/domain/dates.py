"""Dates as Indonesian documents write them: ``24 November 2026``."""

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
