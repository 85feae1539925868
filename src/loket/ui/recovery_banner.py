"""After a restore: the *PERHATIAN* list above every page — the receipts, claims and
handover records to enter again from the paper copies, the numbers given twice — until a
supervisor marks it seen to (audited)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from loket.db.engine import Database
from loket.domain.errors import LoketError
from loket.i18n import error_text
from loket.services import recovery
from loket.services.actor import Actor
from loket.services.clock import Clock, system_clock
from loket.services.permissions import Permission, can
from loket.ui.confirm import confirm

_SHOWN = 12  # numbers shown per kind


class RecoveryBanner(QFrame):
    acknowledged = Signal()

    def __init__(
        self,
        db: Database,
        actor: Actor,
        parent: QWidget | None = None,
        *,
        clock: Clock = system_clock,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryBanner")
        self._db, self._actor, self._clock = db, actor, clock
        self.setStyleSheet(
            "#recoveryBanner { background: #fdecea; border: 1px solid #b3261e; }"
            " #recoveryBanner QLabel { color: #5f1410; }"
        )
        self.text = QLabel()
        self.text.setObjectName("recoveryText")
        self.text.setWordWrap(True)
        self.done = QPushButton()
        self.done.setObjectName("acknowledgeRecovery")
        self.done.clicked.connect(self._acknowledge)
        self._may_acknowledge = can(actor, Permission.APPROVE)  # a supervisor or the head
        self.done.setVisible(self._may_acknowledge)
        row = QHBoxLayout(self)
        row.addWidget(self.text, 1)
        row.addWidget(self.done)
        self.refresh()

    def refresh(self) -> None:
        found = recovery.unacknowledged(self._db)
        self.done.setText(self.tr("Sudah ditangani…"))
        if found is None:
            self.hide()
            return
        lines = [
            self.tr(
                "PERHATIAN — database dipulihkan dari cadangan {backup}. Yang dibuat sesudahnya "
                "dan tidak ada di server pusat harus dimasukkan lagi dari arsip kertas:"
            ).format(backup=found.backup)
        ]
        for label, items in (
            (self.tr("Kuitansi:"), found.receipts),
            (self.tr("Klaim:"), found.claims),
            (self.tr("Berita acara:"), found.handovers),
            (self.tr("Hari yang sudah ditutup:"), found.days_closed),
            (self.tr("Nomor terpakai dua kali (hubungi pemegangnya):"), found.issued_twice),
        ):
            if items:  # a long list stays a few lines: the rest in 'sync status'
                more = (
                    " "
                    + self.tr("… dan {count} lagi ('loket-admin sync status')").format(
                        count=len(items) - _SHOWN
                    )
                    if len(items) > _SHOWN
                    else ""
                )
                lines.append(f"{label} {', '.join(items[:_SHOWN])}{more}")
        if not self._may_acknowledge:
            lines.append(self.tr("Seorang supervisor menandai daftar ini bila sudah ditangani."))
        self.text.setText("\n".join(lines))
        self.show()

    def _acknowledge(self) -> None:
        if not confirm(
            self,
            self.tr("Pemulihan sudah ditangani?"),
            self.tr(
                "Semua kuitansi, klaim dan berita acara di daftar sudah dimasukkan lagi dari "
                "arsip kertas, dan pemegang nomor ganda sudah dihubungi? Daftar ini lalu hilang "
                "dari setiap loket; tanda ini dicatat di jejak audit atas nama Anda."
            ),
            self.tr("Ya, sudah ditangani"),
            self.tr("Belum"),
        ):
            return
        try:
            recovery.acknowledge(self._db, self._actor, clock=self._clock)
        except LoketError as exc:
            self.text.setText(error_text(exc))
            return
        self.refresh()
        self.acknowledged.emit()
