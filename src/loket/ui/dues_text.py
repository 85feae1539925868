"""One month's dues in words for the screens: per program what is paid and, under a relief,
the normal amount and what the relief takes off."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from loket.domain.money import format_rupiah
from loket.domain.tariffs import MonthlyDues


def relief_line(dues: MonthlyDues) -> str:
    """`` — Keringanan iuran PP 50/2025`` in the interface's language; "" without a relief."""
    if not dues.relief_total:
        return ""
    if not dues.relief_name:
        return f" — {dues.relief_basis}"
    return " — " + QCoreApplication.translate("DuesText", "Keringanan iuran {name}").format(
        name=dues.relief_name
    )


def dues_per_program(dues: MonthlyDues) -> str:
    """``JKK Rp5.000 (normal Rp10.000, keringanan −Rp5.000) · JKM … · JHT Rp20.000``"""
    parts = []
    for program, amount in dues.per_program.items():
        text = f"{program.value} {format_rupiah(amount)}"
        if relief := dues.relief[program]:
            text += QCoreApplication.translate(
                "DuesText", " (normal {normal}, keringanan −{relief})"
            ).format(normal=format_rupiah(dues.normal[program]), relief=format_rupiah(relief))
        parts.append(text)
    return " · ".join(parts)
