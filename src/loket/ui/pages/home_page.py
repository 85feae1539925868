"""The first page after login: who is serving where, today — and the user's day: what waits
for them (decisions, receipts to print, claims to pay or hand over), what they did today,
and the link to the central server. Each line opens its page."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from loket.db.engine import Database
from loket.services.actor import Actor
from loket.services.clock import Clock, system_clock
from loket.services.my_day import MyDay, my_day
from loket.ui.pages.page_header import make_page_title
from loket.ui.retranslating import Retranslating
from loket.ui.role_names import role_name


class HomePage(Retranslating, QWidget):
    page_requested = Signal(str)  # a line's page, by its navigation key

    def __init__(
        self,
        actor: Actor,
        timezone: str,
        parent: QWidget | None = None,
        *,
        db: Database | None = None,
        clock: Clock = system_clock,
    ) -> None:
        super().__init__(parent)
        self._actor, self._db, self._clock = actor, db, clock
        self._tz = ZoneInfo(timezone)
        self.day: MyDay | None = None
        self.sync_line = ""  # the status bar's sync text, given by the main window
        self.title = make_page_title()
        self.details = QLabel()
        self.details.setObjectName("homeDetails")
        self.today = QLabel()
        self.today.setObjectName("homeToday")
        self.today.setTextFormat(Qt.TextFormat.RichText)
        links = Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        self.today.setTextInteractionFlags(links | Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.today.linkActivated.connect(lambda link: self.page_requested.emit(link))
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.details)
        layout.addSpacing(12)
        layout.addWidget(self.today)
        layout.addStretch(1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        a = self._actor
        self.title.setText(self.tr("Selamat datang, {name}").format(name=a.full_name))
        today = self._clock().astimezone(self._tz).date()
        day = QLocale().toString(QDate(today.year, today.month, today.day), "dddd, d MMMM yyyy")
        lines = [role_name(self._actor.role), f"{a.branch_name} ({a.branch_code})", day]
        if a.counter_name:
            lines.insert(2, a.counter_name)
        self.details.setText("\n".join(lines))
        self._show()

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        if self._db is not None:
            self.day = my_day(self._db, self._actor, clock=self._clock)
        self._show()

    def _show(self) -> None:
        d = self.day
        lines: list[tuple[str, str]] = []  # (page, text)
        if d is not None:
            if d.decisions_waiting is not None:
                lines.append(
                    (
                        "approvals",
                        self.tr("%n keputusan menunggu persetujuan Anda", "", d.decisions_waiting),
                    )
                )
            work = ", ".join(
                (
                    self.tr("%n kuitansi", "", d.my_receipts),
                    self.tr("%n pendaftaran", "", d.my_registrations),
                    self.tr("%n klaim", "", d.my_claims),
                )
            )
            lines += [
                ("payments", self.tr("%n kuitansi belum dicetak", "", d.unprinted_receipts)),
                (
                    "claims",
                    self.tr("%n klaim menunggu pembayaran", "", d.claims_to_pay)
                    + ", "
                    + self.tr("{handover} menunggu serah terima").format(
                        handover=d.claims_to_hand_over
                    ),
                ),
                ("payments", self.tr("Hari ini Anda: {work}").format(work=work)),
            ]
        if self.sync_line:
            lines.append(("sync", self.sync_line))
        self.today.setText("<br>".join(f'<a href="{page}">{text}</a>' for page, text in lines))
