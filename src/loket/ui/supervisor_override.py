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

from loket.services.four_eyes import Override


class SupervisorOverrideDialog(QDialog):
    def __init__(self, reason: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("supervisorOverride")
        self.setWindowTitle(self.tr("Persetujuan supervisor"))
        self.reason = QLabel(reason)
        self.reason.setWordWrap(True)
        self.username = QLineEdit()
        self.username.setObjectName("overrideUsername")
        self.password = QLineEdit()
        self.password.setObjectName("overridePassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("Nama pengguna supervisor"), self.username)
        form.addRow(self.tr("Kata sandi"), self.password)
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
        self.username.setFocus()

    def override(self) -> Override:
        return Override(self.username.text(), self.password.text())
