"""Shown in place of the work area when the window locks; the work stays behind it intact."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from loket.db.engine import Database
from loket.domain.errors import LoketError
from loket.services import auth
from loket.services.actor import Actor
from loket.services.errors import AccountLocked
from loket.ui.form_feedback import clear_error, make_error_label, show_error
from loket.ui.retranslating import Retranslating


class LockScreen(Retranslating, QWidget):
    unlocked = Signal()
    logout_requested = Signal()

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self._db, self._actor = db, actor
        self.heading = QLabel()
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.prompt = QLabel()
        self.password = QLineEdit()
        self.password.setObjectName("unlockPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.returnPressed.connect(self.try_unlock)
        self.unlock_button = QPushButton()
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.clicked.connect(self.try_unlock)
        self.logout_button = QPushButton()
        self.logout_button.clicked.connect(self.logout_requested)
        self.error = make_error_label("unlockError")

        box = QWidget()
        box.setMaximumWidth(420)
        inner = QVBoxLayout(box)
        inner.addWidget(self.heading)
        inner.addWidget(self.prompt)
        inner.addWidget(self.password)
        inner.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addWidget(self.unlock_button)
        buttons.addWidget(self.logout_button)
        inner.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.heading.setText(self.tr("Layar terkunci"))
        self.prompt.setText(
            self.tr("Masukkan kata sandi {user} untuk melanjutkan pekerjaan.").format(
                user=self._actor.username
            )
        )
        self.unlock_button.setText(self.tr("Buka kunci"))
        self.logout_button.setText(self.tr("Keluar"))

    def reset(self) -> None:
        self.password.clear()
        clear_error(self.error, {})
        self.unlock_button.setEnabled(True)
        self.password.setEnabled(True)
        self.password.setFocus()

    def try_unlock(self) -> None:
        fields: dict[str, QWidget] = {"password": self.password}
        clear_error(self.error, fields)
        try:
            auth.verify_unlock(self._db, self._actor, self.password.text())
        except LoketError as exc:
            self.password.clear()
            show_error(self.error, exc, fields)
            if isinstance(exc, AccountLocked):  # only logging out is left
                self.unlock_button.setEnabled(False)
                self.password.setEnabled(False)
            return
        self.password.clear()
        self.unlocked.emit()
