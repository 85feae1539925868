"""The login dialog: username, password, and the counter the user serves at today.

It shows before the database is open (the branch and counters as last seen, from the desk
settings) and takes the login once :meth:`LoginDialog.attach_database` hands it the
database; nothing here imports SQLAlchemy or the services before then."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from loket.domain.errors import LoketError
from loket.ui.form_feedback import clear_error, make_error_label, show_error
from loket.ui.language_combo import LanguageCombo
from loket.ui.local_config import LocalConfig
from loket.ui.retranslating import Retranslating
from loket.ui.wheel_guard import guard_fields

if TYPE_CHECKING:
    from loket.db.engine import Database
    from loket.services.actor import Actor
    from loket.ui.change_password_dialog import ChangePasswordDialog


class LoginDialog(Retranslating, QDialog):
    def __init__(
        self, db: Database | None, config: LocalConfig, parent: QWidget | None = None
    ) -> None:
        """``db`` None: the database is still opening; :meth:`attach_database` follows."""
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self._db: Database | None = None
        self._config = config
        self.actor: Actor | None = None
        self.change_dialog: ChangePasswordDialog | None = None
        self._prepared = True  # False: the database holds no branch yet
        self._login_waiting = False  # Masuk pressed while the database was still opening
        known_branch, known_counters = config.known_branch

        self._title = QLabel()
        font = QFont(self._title.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self._title.setFont(font)
        self._branch_label = QLabel(known_branch)
        self._branch_label.setObjectName("branchName")
        self.language = LanguageCombo(config)
        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self._title)
        titles.addWidget(self._branch_label)
        header.addLayout(titles, 1)
        header.addWidget(self.language, 0, Qt.AlignmentFlag.AlignTop)

        self.username = QLineEdit(config.last_username)
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.counter = QComboBox()
        self.counter.setObjectName("counter")
        self._fill_counters(known_counters)
        guard_fields(self.language, self.counter)
        self._labels = [QLabel(), QLabel(), QLabel()]
        form = QFormLayout()
        for label, field in zip(
            self._labels, (self.username, self.password, self.counter), strict=True
        ):
            label.setBuddy(field)
            form.addRow(label, field)
        self.error = make_error_label("loginError")
        self._fields: dict[str, QWidget] = {
            "username": self.username,
            "password": self.password,
            "counter": self.counter,
        }

        self.buttons = QDialogButtonBox()
        self._login_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self._login_button.setObjectName("loginButton")
        self._login_button.setDefault(True)
        self._quit_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self._try_login)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        self.retranslate_ui()
        (self.password if self.username.text() else self.username).setFocus()
        if db is not None:
            self.attach_database(db)

    def _fill_counters(self, counters: list[tuple[int, str]]) -> None:
        chosen = self.counter.currentData()
        if chosen is None:
            chosen = self._config.last_counter_id
        self.counter.clear()
        for ident, name in counters:
            self.counter.addItem(name, ident)
        if (index := self.counter.findData(chosen)) >= 0:
            self.counter.setCurrentIndex(index)

    def database_ready(self) -> bool:
        return self._db is not None

    def attach_database(self, db: Database) -> None:
        """The database is open: the branch and counters as it holds them, and the login
        pressed while it was opening goes ahead."""
        from loket.services import branch

        self._db = db
        home = branch.get_home_branch(db)
        self._prepared = home is not None
        label = f"{home.name} ({home.code})" if home is not None else ""
        counters = [(c.id, c.name) for c in branch.list_counters(db)]
        self._branch_label.setText(label)
        self._fill_counters(counters)
        if home is not None:
            self._config.remember_branch(label, counters)
        else:
            self._login_button.setEnabled(False)
        self.retranslate_ui()
        if self._login_waiting:
            self._login_waiting = False
            self._try_login()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Loket — Masuk"))
        self._title.setText(self.tr("Loket pelayanan"))
        texts = (self.tr("&Nama pengguna"), self.tr("&Kata sandi"), self.tr("L&oket"))
        for label, text in zip(self._labels, texts, strict=True):
            label.setText(text)
        self._login_button.setText(self.tr("Masuk"))
        self._quit_button.setText(self.tr("Tutup"))
        if not self._prepared:
            self._branch_label.setText(
                self.tr("Database belum disiapkan: jalankan 'loket-admin init' atau demo.")
            )

    def _try_login(self) -> None:
        clear_error(self.error, self._fields)
        if self._db is None:  # still opening: the login goes ahead once it is open
            self._login_waiting = True
            self.error.setText(self.tr("Membuka basis data…"))
            self.error.show()
            return
        from loket.services import auth, users

        counter_id = self.counter.currentData()
        try:
            self.actor = auth.login(
                self._db, self.username.text(), self.password.text(), counter_id
            )
        except LoketError as exc:
            show_error(self.error, exc, self._fields)
            self.password.clear()
            return
        self._config.remember_login(self.actor.username, counter_id)
        if users.password_change_required(self._db, self.actor):
            self._choose_password(self.actor)
            return
        self.accept()

    def _choose_password(self, actor: Actor) -> None:
        """A one-time password: the user chooses their own before the main window opens."""
        from loket.ui.change_password_dialog import ChangePasswordDialog

        assert self._db is not None
        self.change_dialog = ChangePasswordDialog(self._db, actor, self)
        self.change_dialog.current_given(self.password.text())
        self.change_dialog.accepted.connect(self.accept)
        self.change_dialog.rejected.connect(self._password_not_chosen)
        self.change_dialog.open()

    def _password_not_chosen(self) -> None:
        from loket.services import auth

        if self.actor is not None and self._db is not None:
            auth.logout(self._db, self.actor)
        self.actor = None
        self.password.clear()
        self.error.setText(self.tr("Pilih kata sandi Anda sendiri untuk dapat masuk."))
        self.error.show()
