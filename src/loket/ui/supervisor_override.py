"""A supervisor's consent typed at the counter (username and password), for what the staff
may not decide alone — e.g. a birth date other than the NIK's. The service checks it."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from loket.i18n import translate
from loket.services.four_eyes import Override


def supervisor_fields(form: QFormLayout) -> tuple[QLineEdit, QLineEdit]:
    """The supervisor's user name and password, as rows of ``form``."""
    username = QLineEdit()
    username.setObjectName("overrideUsername")
    password = QLineEdit()
    password.setObjectName("overridePassword")
    password.setEchoMode(QLineEdit.EchoMode.Password)
    form.addRow(translate("SupervisorOverrideDialog", "Nama pengguna supervisor"), username)
    form.addRow(translate("SupervisorOverrideDialog", "Kata sandi"), password)
    return username, password


class SupervisorOverrideDialog(QDialog):
    """``asks_why``: the supervisor's written reason is asked too (kept with what it allows)."""

    def __init__(
        self, reason: str, parent: QWidget | None = None, *, asks_why: bool = False
    ) -> None:
        super().__init__(parent)
        self.setObjectName("supervisorOverride")
        self.setWindowTitle(self.tr("Persetujuan supervisor"))
        self.reason = QLabel(reason)
        self.reason.setWordWrap(True)
        form = QFormLayout()
        self.why = QLineEdit()
        self.why.setObjectName("overrideReason")
        if asks_why:
            form.addRow(self.tr("Alasan (ditulis supervisor)"), self.why)
        self.username, self.password = supervisor_fields(form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Setujui"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.reason)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        (self.why if asks_why else self.username).setFocus()

    def override(self) -> Override:
        return Override(self.username.text(), self.password.text())
