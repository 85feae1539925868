"""Claim statuses, steps and benefits in words, and the date helpers the claim widgets share."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit

from loket.domain.benefits import BenefitType
from loket.domain.claim_status import ClaimStatus
from loket.domain.errors import QT_TRANSLATE_NOOP
from loket.i18n import translate

CONTEXT = "ClaimsPage"
STATUS_NAMES = {
    ClaimStatus.DRAFT: QT_TRANSLATE_NOOP("ClaimsPage", "Draf"),
    ClaimStatus.SUBMITTED: QT_TRANSLATE_NOOP("ClaimsPage", "Menunggu persetujuan"),
    ClaimStatus.APPROVED: QT_TRANSLATE_NOOP("ClaimsPage", "Disetujui"),
    ClaimStatus.REJECTED: QT_TRANSLATE_NOOP("ClaimsPage", "Ditolak"),
    ClaimStatus.PAID: QT_TRANSLATE_NOOP("ClaimsPage", "Dibayar"),
    ClaimStatus.HANDED_OVER: QT_TRANSLATE_NOOP("ClaimsPage", "Diserahterimakan"),
}
ACTION_NAMES = {
    "created": QT_TRANSLATE_NOOP("ClaimsPage", "dibuat"),
    "edited": QT_TRANSLATE_NOOP("ClaimsPage", "diubah"),
    "submitted": QT_TRANSLATE_NOOP("ClaimsPage", "diajukan"),
    "approved": QT_TRANSLATE_NOOP("ClaimsPage", "disetujui"),
    "rejected": QT_TRANSLATE_NOOP("ClaimsPage", "ditolak"),
    "paid": QT_TRANSLATE_NOOP("ClaimsPage", "dibayar"),
    "handed_over": QT_TRANSLATE_NOOP("ClaimsPage", "diserahterimakan"),
    "arrears_paid": QT_TRANSLATE_NOOP("ClaimsPage", "tunggakan iuran dibayar, kuitansi"),
    "lapse_waived": QT_TRANSLATE_NOOP("ClaimsPage", "diizinkan lewat 2 tahun oleh supervisor"),
}
BENEFIT_NAMES = {
    BenefitType.JKM: QT_TRANSLATE_NOOP("ClaimsPage", "JKM — meninggal bukan karena kerja"),
    BenefitType.JKK: QT_TRANSLATE_NOOP("ClaimsPage", "JKK — meninggal karena kecelakaan kerja"),
    BenefitType.JKK_STMB: QT_TRANSLATE_NOOP(
        "ClaimsPage", "JKK — tidak mampu bekerja sementara (STMB)"
    ),
    BenefitType.JKK_TOTAL: QT_TRANSLATE_NOOP("ClaimsPage", "JKK — cacat total tetap"),
    BenefitType.JKK_PARTIAL: QT_TRANSLATE_NOOP("ClaimsPage", "JKK — cacat sebagian"),
    BenefitType.JHT: QT_TRANSLATE_NOOP("ClaimsPage", "JHT — jaminan hari tua"),
    BenefitType.BEASISWA: QT_TRANSLATE_NOOP("ClaimsPage", "Beasiswa saja"),
}


def status_name(status: str) -> str:
    return translate(CONTEXT, STATUS_NAMES[ClaimStatus(status)])


def benefit_name(benefit: str) -> str:
    return translate(CONTEXT, BENEFIT_NAMES[BenefitType(benefit)])


def date_edit(object_name: str, day: date) -> QDateEdit:
    """A date field showing ``day`` (the branch's today, not the computer's)."""
    edit = QDateEdit()
    edit.setObjectName(object_name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd-MM-yyyy")
    edit.setDate(QDate(day.year, day.month, day.day))
    return edit


def py_date(d: QDate) -> date:
    return date(d.year(), d.month(), d.day())
