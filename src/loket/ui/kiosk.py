"""The ticket kiosk (``loket --kiosk``): full screen, big buttons, no login. A person picks
a service (or the priority lane first, or types a booking code) and the ticket prints on
the kiosk's printer. A printer out of paper does not lose the number: the screen shows it
large and says so. Only an admin's password ends the kiosk (Ctrl+Shift+Q)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from loket.db.engine import Database
from loket.domain.errors import QT_TRANSLATE_NOOP, LoketError
from loket.i18n import error_text
from loket.printing.printer import Printer, log_print
from loket.services import auth, queue
from loket.services.actor import Role
from loket.services.errors import PermissionDenied
from loket.ui.service_names import service_name
from loket.ui.workers import BackgroundRunner

_BIG = "font-size: 26px; font-weight: 600; padding: 18px;"
_NOT_ADMIN = QT_TRANSLATE_NOOP("LoketError", "Hanya admin cabang yang dapat menutup kiosk.")


class KioskExit(QDialog):
    """An admin's user name and password, to end the kiosk."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.setWindowTitle(self.tr("Tutup kiosk"))
        self.username = QLineEdit()
        self.username.setObjectName("kioskAdmin")
        self.password = QLineEdit()
        self.password.setObjectName("kioskPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setObjectName("kioskExitError")
        self.error.setStyleSheet("color: #b3261e;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Admin"), self.username)
        form.addRow(self.tr("Kata sandi"), self.password)
        form.addRow(self.error)
        form.addRow(buttons)

    def _check(self) -> None:
        try:
            who = auth.confirm_user(
                self._db, self.username.text(), self.password.text(), place="kiosk"
            )
            if who.role is not Role.ADMIN:
                raise PermissionDenied(_NOT_ADMIN)
        except LoketError as exc:
            self.error.setText(error_text(exc))
            self.password.clear()
            return
        self.accept()


class Kiosk(QWidget):
    """``printer``: the kiosk's ticket printer (ESC/POS or a system printer)."""

    def __init__(
        self,
        db: Database,
        printer: Printer,
        *,
        ask_exit: Callable[[Kiosk], bool] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db, self._printer = db, printer
        self._ask_exit = ask_exit or (lambda kiosk: KioskExit(db, kiosk).exec() == 1)
        self._leaving = False
        self._priority = False
        self._printing: dict[int, queue.TicketInfo] = {}  # by the print job's tag
        self.setObjectName("kiosk")
        self.setStyleSheet("QWidget#kiosk { background: #f4f7f5; }")
        self.title = QLabel()
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setStyleSheet("font-size: 34px; font-weight: 700; color: #1e6e44;")
        self.hint = QLabel()
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setStyleSheet("font-size: 22px;")
        self.grid = QGridLayout()
        self.grid.setSpacing(18)
        self.buttons: dict[str, QPushButton] = {}
        self.priority = QPushButton()
        self.priority.setObjectName("kioskPriority")
        self.priority.setCheckable(True)
        self.priority.setStyleSheet(_BIG)
        self.priority.toggled.connect(self._set_priority)
        self.booking = QLineEdit()
        self.booking.setObjectName("kioskBooking")
        self.booking.setStyleSheet("font-size: 26px; padding: 12px;")
        self.booking.returnPressed.connect(self._take_booked)
        self.booking_button = QPushButton()
        self.booking_button.setObjectName("kioskBookingButton")
        self.booking_button.setStyleSheet(_BIG)
        self.booking_button.clicked.connect(self._take_booked)
        # the number, large enough to read and remember from a step back; below it, what
        # to do (and why a ticket did not print)
        self.number = QLabel()
        self.number.setObjectName("kioskNumber")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.number.setStyleSheet("font-size: 110px; font-weight: 800; color: #1e3a2b;")
        self.number.hide()
        self.result = QLabel()
        self.result.setObjectName("kioskResult")
        self.result.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.result.setWordWrap(True)
        self.result.setMinimumHeight(60)
        booking_row = QHBoxLayout()
        booking_row.addWidget(self.booking, 2)
        booking_row.addWidget(self.booking_button, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 30, 40, 30)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addLayout(self.grid, 3)
        layout.addWidget(self.priority)
        layout.addLayout(booking_row)
        layout.addWidget(self.number)
        layout.addWidget(self.result, 1)
        self._runner = BackgroundRunner(self)
        self._runner.done.connect(self._printed)
        self._runner.failed.connect(self._print_failed)
        self._clear = QTimer(self)
        self._clear.setSingleShot(True)
        self._clear.timeout.connect(self._reset)
        self._refresh = QTimer(self)
        self._refresh.timeout.connect(self.refresh)
        self._refresh.start(15_000)  # quotas filled by others, services changed
        QShortcut(QKeySequence("Ctrl+Shift+Q"), self, self.request_exit)
        self.retranslate_ui()
        self.refresh()

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Ambil nomor antrean"))
        self.hint.setText(self.tr("Sentuh layanan yang Anda perlukan."))
        self.priority.setText(
            self.tr("Prioritas: lansia, penyandang disabilitas, ibu hamil")
            + ("  ✓" if self._priority else "")
        )
        self.booking.setPlaceholderText(self.tr("Kode booking online"))
        self.booking_button.setText(self.tr("Ambil nomor booking"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
            self.refresh()
        super().changeEvent(event)

    def refresh(self) -> None:
        services = [s for s in queue.list_services(self._db) if s.active]
        for button in self.buttons.values():
            self.grid.removeWidget(button)
            button.deleteLater()
        self.buttons = {}
        for i, s in enumerate(services):
            button = QPushButton()
            button.setObjectName(f"kioskService{s.prefix}")
            button.setMinimumHeight(130)
            button.setStyleSheet(_BIG + "background: #1e6e44; color: white; border-radius: 12px;")
            name = service_name(s.name).replace("&", "&&")  # a button reads & as a mnemonic
            if s.full:
                button.setText(
                    self.tr("{prefix} · {name}\nKuota hari ini habis — pesan lewat booking online")
                    .format(prefix=s.prefix, name=name)
                )  # fmt: skip
                button.setEnabled(False)
                button.setStyleSheet(
                    _BIG + "background: #c9d3cd; color: #333; border-radius: 12px;"
                )
            else:
                button.setText(
                    self.tr("{prefix} · {name}\n{waiting} orang menunggu").format(
                        prefix=s.prefix, name=name, waiting=s.waiting
                    )
                )
            button.clicked.connect(lambda _=False, p=s.prefix: self.take(p))
            self.grid.addWidget(button, i // 2, i % 2)
            self.buttons[s.prefix] = button

    def _set_priority(self, on: bool) -> None:
        self._priority = on
        self.retranslate_ui()

    def take(self, prefix: str = "", booking: str = "") -> None:
        try:
            ticket = queue.issue_ticket(
                self._db, prefix, booking_code=booking, priority=self._priority
            )
        except LoketError as exc:
            self._say(error_text(exc), error=True)
            self.refresh()
            return
        self.priority.setChecked(False)
        self.booking.clear()
        self._say(self.tr("Nomor Anda. Tiket sedang dicetak…"), number=ticket.code)
        db, printer = self._db, self._printer

        def send() -> queue.TicketInfo:  # the ticket made and printed off the GUI thread
            printer.print_pdf(queue.ticket_document(db, ticket), f"Nomor antrean {ticket.code}")
            return ticket

        self._printing[self._runner.start(send)] = ticket
        self.refresh()

    def _take_booked(self) -> None:
        if self.booking.text().strip():
            self.take(booking=self.booking.text())

    def _printed(self, tag: int, ticket: queue.TicketInfo) -> None:
        self._printing.pop(tag, None)
        log_print(self._printer.name, f"Nomor antrean {ticket.code}")
        self._say(
            self.tr("Nomor Anda. Silakan ambil tiket dan tunggu panggilan."), number=ticket.code
        )

    def _print_failed(self, tag: int, error: LoketError) -> None:
        ticket = self._printing.pop(tag)
        log_print(self._printer.name, f"Nomor antrean {ticket.code}", error)
        self._say(
            self.tr(
                "Nomor Anda. Tiket tidak dapat dicetak ({reason}). Ingat nomor ini (atau "
                "foto layar ini) dan tunggu panggilan; sampaikan ke petugas."
            ).format(reason=error_text(error)),
            number=ticket.code,
            error=True,
            seconds=30,
        )

    def _say(self, text: str, *, number: str = "", error: bool = False, seconds: int = 12) -> None:
        colour = "#b3261e" if error else "#1e3a2b"
        self.result.setStyleSheet(f"font-size: 24px; font-weight: 600; color: {colour};")
        self.result.setText(text)
        self.number.setText(number)
        self.number.setVisible(bool(number))
        self._clear.start(seconds * 1000)

    def _reset(self) -> None:
        self.result.clear()
        self.number.clear()
        self.number.hide()

    def request_exit(self) -> None:
        if self._ask_exit(self):
            self._leaving = True
            self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._leaving:
            super().closeEvent(event)
        else:  # Alt+F4, a window manager's close: the kiosk stays
            event.ignore()
