"""Pengguna: an admin adds, disables, enables and resets accounts in the app; one-time
passwords; the last admin and one's own account stay."""

from __future__ import annotations

import json
import re

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from loket.db.engine import Database
from loket.db.models import AuditEntry
from loket.services import auth, branch, users
from loket.ui.pages.users_page import UsersPage
from tests.ui.modal import answering, click_button


def _row(page: UsersPage, username: str) -> int:
    return [u.username for u in page.accounts].index(username)


def test_an_admin_manages_accounts_in_the_app(
    qtbot: QtBot, demo: tuple[Database, dict[str, str]]
) -> None:
    db, pw = demo
    admin = auth.login(db, "admin", pw["admin"], None)
    page = UsersPage(db, admin)
    qtbot.addWidget(page)
    page.show()
    assert [u.username for u in page.accounts] == ["admin", "kepala", "petugas", "supervisor"]
    assert page.table.item(_row(page, "petugas"), 3).text() == "aktif · sandi sekali pakai"

    # a bad username is refused at its field
    qtbot.keyClicks(page.username, "Sari Wulan")
    qtbot.keyClicks(page.full_name, "Sari Wulandari")
    qtbot.keyClick(page.full_name, Qt.Key.Key_Return)
    assert page.error.isVisible() and page.focusWidget() is page.username
    page.username.clear()
    qtbot.keyClicks(page.username, "sari")
    page.role.setCurrentIndex(page.role.findData("staff"))
    qtbot.keyClick(page.full_name, Qt.Key.Key_Return)
    found = re.search(r"Kata sandi sekali pakai: (\S+) ", page.message.text())
    assert found is not None and page.username.text() == ""
    one_time = found.group(1)
    sari = auth.login(db, "sari", one_time, branch.list_counters(db)[0].id)
    assert users.password_change_required(db, sari)

    page.table.selectRow(_row(page, "sari"))
    assert page.toggle_button.text() == "Nonaktifkan"
    page.toggle_button.click()
    assert page.table.item(_row(page, "sari"), 3).text() == "nonaktif"
    assert not next(u for u in users.list_users(db, admin) if u.username == "sari").active
    page.table.selectRow(_row(page, "sari"))
    assert page.toggle_button.text() == "Aktifkan" and not page.reset_button.isEnabled()
    page.toggle_button.click()
    page.table.selectRow(_row(page, "sari"))
    with answering(qtbot, click_button("Batal")) as asked:  # asked first, naming the user
        qtbot.mouseClick(page.reset_button, Qt.MouseButton.LeftButton)
    assert asked.text.startswith("Atur ulang kata sandi Sari Wulandari (sari)?")
    auth.login(db, "sari", one_time, branch.list_counters(db)[0].id)  # nothing changed
    with answering(qtbot, click_button("Atur ulang")):
        qtbot.mouseClick(page.reset_button, Qt.MouseButton.LeftButton)
    reset = re.search(r"Kata sandi sekali pakai sari: (\S+) ", page.message.text())
    assert reset is not None and reset.group(1) != one_time
    auth.login(db, "sari", reset.group(1), branch.list_counters(db)[0].id)

    # the admin cannot disable themselves (nor the last active admin)
    page.table.selectRow(_row(page, "admin"))
    page.toggle_button.click()
    assert page.error.text() == "Anda tidak dapat menonaktifkan akun Anda sendiri."
    assert page.table.item(_row(page, "admin"), 3).text().startswith("aktif")
    assert page.table.property("invalid")  # the refusal points at the account in the table
    # the next action, accepted, clears that mark too (not only its own fields')
    qtbot.keyClicks(page.username, "budi")
    qtbot.keyClicks(page.full_name, "Budi Santoso")
    qtbot.keyClick(page.full_name, Qt.Key.Key_Return)
    assert page.message.text().startswith("budi ditambahkan.")
    assert not page.table.property("invalid") and not page.error.isVisibleTo(page)


def test_roles_change_in_the_app_from_the_next_login_and_an_admin_always_remains(
    qtbot: QtBot, demo: tuple[Database, dict[str, str]]
) -> None:
    from loket.domain.errors import LoketError
    from loket.services.actor import Actor, Role

    db, pw = demo
    admin = auth.login(db, "admin", pw["admin"], None)
    page = UsersPage(db, admin)
    qtbot.addWidget(page)
    page.show()
    page.table.selectRow(_row(page, "petugas"))
    assert page.change_role.currentData() == "staff"
    page.change_role.setCurrentIndex(page.change_role.findData("supervisor"))
    page.role_button.click()
    assert page.message.text() == (
        "petugas kini Kepala bidang pelayanan, mulai saat ia masuk berikutnya."
    )
    assert page.table.item(_row(page, "petugas"), 2).text() == "Kepala bidang pelayanan"
    counter = branch.list_counters(db)[0].id
    assert auth.login(db, "petugas", pw["petugas"], counter).role == Role.SUPERVISOR
    with db.reader() as s:
        change = s.scalars(select(AuditEntry).where(AuditEntry.action == "user.role_changed"))
        assert [(e.username, json.loads(e.payload)) for e in change] == [
            ("admin", {"username": "petugas", "from": "staff", "to": "supervisor"})
        ]

    # one's own role stays, at the role field
    page.table.selectRow(_row(page, "admin"))
    page.change_role.setCurrentIndex(page.change_role.findData("staff"))
    page.role_button.click()
    assert page.error.text() == "Anda tidak dapat mengubah peran Anda sendiri."
    assert page.focusWidget() is page.change_role
    assert page.table.item(_row(page, "admin"), 2).text() == "Admin cabang"

    # the last active admin stays one, whoever asks (here the CLI, which has no account)
    with pytest.raises(LoketError, match="Admin aktif terakhir harus tetap admin"):
        users.set_role(db, Actor.command_line(), "admin", "head")
    users.set_role(db, Actor.command_line(), "kepala", "admin")
    users.set_role(db, Actor.command_line(), "admin", "head")  # another admin now exists
    unknown = r"Peran kasir tidak dikenal \(staff, supervisor, head, admin\)"
    with pytest.raises(LoketError, match=unknown):
        users.set_role(db, Actor.command_line(), "petugas", "kasir")
