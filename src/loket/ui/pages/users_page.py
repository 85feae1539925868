"""*Pengguna* (admin): the branch's accounts — add one, disable or enable it, change its
role, reset its password. A new account and a reset get a one-time password, shown here
once; the user chooses their own at the next login. The services check every rule (the last active
admin, one's own account) and audit every change."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from loket.db.engine import Database
from loket.services import users
from loket.services.actor import Actor, Role
from loket.services.users import UserInfo
from loket.ui.confirm import confirm
from loket.ui.form_feedback import FieldErrors, make_error_label
from loket.ui.pages.page_header import make_page_title
from loket.ui.retranslating import Retranslating
from loket.ui.role_names import role_name
from loket.ui.tables import rows_only

COLUMNS = 4


class UsersPage(Retranslating, QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._actor = db, actor
        self.accounts: list[UserInfo] = []
        self.title = make_page_title()
        self.table = QTableWidget(0, COLUMNS)
        self.table.setObjectName("users")
        rows_only(self.table, stretch=1)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.toggle_button = QPushButton()
        self.toggle_button.setObjectName("toggleActive")
        self.toggle_button.clicked.connect(self.toggle_active)
        self.reset_button = QPushButton()
        self.reset_button.setObjectName("resetPassword")
        self.reset_button.clicked.connect(self.reset_password)
        self.change_role = QComboBox()
        self.change_role.setObjectName("changeRole")
        self.role_button = QPushButton()
        self.role_button.setObjectName("setRole")
        self.role_button.clicked.connect(self.set_role)
        self.username = QLineEdit()
        self.username.setObjectName("newUsername")
        self.full_name = QLineEdit()
        self.full_name.setObjectName("newFullName")
        self.role = QComboBox()
        self.role.setObjectName("newRole")
        for role in Role:
            self.role.addItem("", role.value)
            self.change_role.addItem("", role.value)
        self.add_button = QPushButton()
        self.add_button.setObjectName("addUser")
        self.add_button.clicked.connect(self.add)
        self.full_name.returnPressed.connect(self.add)
        self.message = QLabel()
        self.message.setObjectName("usersMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("font-weight: bold;")
        self.error = make_error_label("usersError")
        self.fields: dict[str, QWidget] = {
            "username": self.username,
            "full_name": self.full_name,
            "role": self.role,
            "password": self.add_button,
        }
        # the rules about an account in the table (one's own, the last admin) point at it
        self.account_fields: dict[str, QWidget] = {
            "username": self.table,
            "role": self.change_role,
        }
        self.feedback = FieldErrors(self.error, self.fields, self.account_fields)
        actions = QHBoxLayout()
        actions.addWidget(self.toggle_button)
        actions.addWidget(self.reset_button)
        actions.addSpacing(16)
        actions.addWidget(self.change_role)
        actions.addWidget(self.role_button)
        actions.addStretch(1)
        self.add_box = QGroupBox()
        form = QFormLayout(self.add_box)
        self._labels = [QLabel() for _ in range(3)]
        form.addRow(self._labels[0], self.username)
        form.addRow(self._labels[1], self.full_name)
        form.addRow(self._labels[2], self.role)
        form.addRow("", self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addWidget(self.error)
        layout.addWidget(self.add_box)
        self.retranslate_ui()
        self.refresh()

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Pengguna"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Nama pengguna"), self.tr("Nama lengkap"), self.tr("Peran"),
             self.tr("Keadaan")]
        )  # fmt: skip
        self.reset_button.setText(self.tr("Atur ulang kata sandi…"))
        self.add_box.setTitle(self.tr("Tambah pengguna"))
        for label, text in zip(
            self._labels,
            (self.tr("Nama pengguna"), self.tr("Nama lengkap"), self.tr("Peran")),
            strict=True,
        ):
            label.setText(text)
        self.add_button.setText(self.tr("Tambah"))
        self.role_button.setText(self.tr("Ubah peran"))
        for combo in (self.role, self.change_role):
            for i in range(combo.count()):
                combo.setItemText(i, role_name(Role(combo.itemData(i))))
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()
        super().showEvent(event)

    def _state(self, u: UserInfo) -> str:
        if not u.active:
            return self.tr("nonaktif")
        if u.locked_until is not None:
            return self.tr("terkunci sementara")
        if u.must_change_password:
            return self.tr("aktif · sandi sekali pakai")
        return self.tr("aktif")

    def refresh(self) -> None:
        if not hasattr(self, "toggle_button"):
            return
        chosen = self._selected()
        self.accounts = users.list_users(self._db, self._actor)
        self.table.setRowCount(len(self.accounts))
        for row, u in enumerate(self.accounts):
            cells = (u.username, u.full_name, role_name(u.role), self._state(u))
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
            if chosen is not None and u.username == chosen.username:
                self.table.selectRow(row)
        self._selection_changed()

    def _selected(self) -> UserInfo | None:
        if not hasattr(self, "accounts"):
            return None
        rows = self.table.selectionModel().selectedRows()
        return self.accounts[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        u = self._selected()
        self.toggle_button.setEnabled(u is not None)
        self.reset_button.setEnabled(u is not None and u.active)
        self.change_role.setEnabled(u is not None)
        self.role_button.setEnabled(u is not None)
        if u is not None:
            self.change_role.setCurrentIndex(self.change_role.findData(u.role.value))
        self.toggle_button.setText(
            self.tr("Aktifkan") if u is not None and not u.active else self.tr("Nonaktifkan")
        )

    def _done(self, text: str) -> None:
        self.message.setText(text)
        self.refresh()

    def add(self) -> None:
        password = users.one_time_password()
        done = self.feedback.submit(
            lambda: users.add_user(
                self._db,
                self._actor,
                username=self.username.text(),
                full_name=self.full_name.text(),
                role=str(self.role.currentData()),
                password=password,
            )
        )
        if done is None:
            return
        added = done.value
        self.username.clear()
        self.full_name.clear()
        self._done(
            self.tr("{user} ditambahkan. Kata sandi sekali pakai: {password} — berikan kepada "
                    "{name}; ia memilih kata sandinya sendiri saat pertama masuk.").format(
                user=added.username, password=password, name=added.full_name)
        )  # fmt: skip

    def toggle_active(self) -> None:
        u = self._selected()
        if u is None:
            return
        toggled = self.feedback.submit(
            lambda: users.set_user_active(self._db, self._actor, u.username, not u.active),
            self.account_fields,
        )
        if toggled is None:
            return
        self._done(
            self.tr("{user} diaktifkan.").format(user=u.username)
            if not u.active
            else self.tr("{user} dinonaktifkan.").format(user=u.username)
        )

    def set_role(self) -> None:
        u = self._selected()
        if u is None:
            return
        role = Role(self.change_role.currentData())
        done = self.feedback.submit(
            lambda: users.set_role(self._db, self._actor, u.username, role), self.account_fields
        )
        if done is None:
            return
        changed = done.value
        self._done(
            self.tr("{user} kini {role}, mulai saat ia masuk berikutnya.").format(
                user=changed.username, role=role_name(changed.role)
            )
        )

    def reset_password(self) -> None:
        u = self._selected()
        if u is None:
            return
        self.feedback.clear()
        if not confirm(
            self,
            self.tr("Atur ulang kata sandi"),
            self.tr("Atur ulang kata sandi {name} ({user})? Kata sandinya sekarang tidak "
                    "berlaku lagi; ia masuk dengan kata sandi sekali pakai yang ditampilkan "
                    "dan memilih kata sandinya sendiri.").format(
                        name=u.full_name, user=u.username),
            self.tr("Atur ulang"),
            self.tr("Batal"),
        ):  # fmt: skip
            return
        password = users.one_time_password()
        reset = self.feedback.submit(
            lambda: users.reset_password(self._db, self._actor, u.username, password),
            self.account_fields,
        )
        if reset is None:
            return
        self._done(
            self.tr("Kata sandi sekali pakai {user}: {password} — ia memilih kata sandinya "
                    "sendiri saat masuk berikutnya.").format(user=u.username, password=password)
        )  # fmt: skip
