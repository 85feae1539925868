"""Choosing one's own password: after a one-time password (a new account, a reset), before
any work — or whenever the user wants to. Works by keyboard alone (Enter confirms)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from loket.db.engine import Database
from loket.domain.errors import QT_TRANSLATE_NOOP, LoketError
from loket.domain.passwords import MIN_PASSWORD_LENGTH
from loket.services import users
from loket.services.actor import Actor
from loket.services.errors import ValidationError
from loket.ui.form_feedback import clear_error, make_error_label, show_error


class ChangePasswordDialog(QDialog):
    def __init__(
        self, db: Database, actor: Actor, parent: QWidget | None = None, *, required: bool = True
    ) -> None:
        super().__init__(parent)
        self.setObjectName("changePassword")
        self._db, self._actor = db, actor
        self.setWindowTitle(self.tr("Pilih kata sandi Anda"))
        intro = QLabel(
            self.tr(
                "Kata sandi Anda sekarang sekali pakai (akun baru atau diatur ulang oleh admin). "
                "Pilih kata sandi Anda sendiri sebelum mulai bekerja."
            )
            if required
            else self.tr("Ganti kata sandi Anda.")
        )
        intro.setWordWrap(True)
        # the rules up front, not one refusal at a time
        self.rules = QLabel(
            self.tr(
                "Syarat: minimal {minimum} karakter, tanpa spasi di awal atau akhir, tidak "
                "memuat nama pengguna Anda, dan tidak mudah ditebak (bukan kata umum atau nama "
                "kota dengan angka atau tahun, bukan urutan tombol seperti qwerty atau 12345)."
            ).format(minimum=MIN_PASSWORD_LENGTH)
        )
        self.rules.setObjectName("passwordRules")
        self.rules.setWordWrap(True)
        self.current = QLineEdit()
        self.current.setObjectName("currentPassword")
        self.new = QLineEdit()
        self.new.setObjectName("newPassword")
        self.again = QLineEdit()
        self.again.setObjectName("newPasswordAgain")
        for line in (self.current, self.new, self.again):
            line.setEchoMode(QLineEdit.EchoMode.Password)
        form = self._form = QFormLayout()
        form.addRow(self.tr("Kata sandi sekarang"), self.current)
        form.addRow(self.tr("Kata sandi baru"), self.new)
        form.addRow(self.tr("Ulangi kata sandi baru"), self.again)
        self.error = make_error_label("changePasswordError")
        self.fields: dict[str, QWidget] = {
            "password": self.current,
            "new_password": self.new,
            "again": self.again,
        }
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("confirmPassword")
        self.ok_button.setText(self.tr("Simpan kata sandi"))
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        # the dialog grows with a refusal's text instead of clipping it
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self.setMinimumWidth(480)
        layout.addWidget(intro)
        layout.addWidget(self.rules)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.current.setFocus()

    def current_given(self, password: str) -> None:
        """The current password is already known (just typed at login): not asked again."""
        self.current.setText(password)
        self._form.setRowVisible(self.current, False)
        self.new.setFocus()

    def confirm(self) -> None:
        clear_error(self.error, self.fields)
        try:
            if self.new.text() != self.again.text():
                raise ValidationError(
                    QT_TRANSLATE_NOOP("LoketError", "Kedua kata sandi baru tidak sama."),
                    field="again",
                )
            users.change_own_password(self._db, self._actor, self.current.text(), self.new.text())
        except LoketError as exc:
            if exc.field is None:  # a wrong current password
                exc.field = "password"
            show_error(self.error, exc, self.fields)
            return
        self.accept()
