"""The first page after login: who is serving where, today."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QEvent, QLocale
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from loket.services.actor import Actor, Role
from loket.ui.pages.page_header import make_page_title


class HomePage(QWidget):
    def __init__(self, actor: Actor, timezone: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._actor = actor
        self._tz = ZoneInfo(timezone)
        self.title = make_page_title()
        self.details = QLabel()
        self.details.setObjectName("homeDetails")
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.details)
        layout.addStretch(1)
        self.retranslate_ui()

    def role_name(self) -> str:
        return {
            Role.STAFF: self.tr("Petugas pelayanan"),
            Role.SUPERVISOR: self.tr("Kepala bidang pelayanan"),
            Role.HEAD: self.tr("Kepala kantor cabang"),
            Role.ADMIN: self.tr("Admin cabang"),
        }[self._actor.role]

    def retranslate_ui(self) -> None:
        a = self._actor
        self.title.setText(self.tr("Selamat datang, {name}").format(name=a.full_name))
        today = datetime.now(self._tz).date()
        day = QLocale().toString(QDate(today.year, today.month, today.day), "dddd, d MMMM yyyy")
        lines = [self.role_name(), f"{a.branch_name} ({a.branch_code})", day]
        if a.counter_name:
            lines.insert(2, a.counter_name)
        self.details.setText("\n".join(lines))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
