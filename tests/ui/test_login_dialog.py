from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from loket.db.engine import Database
from loket.services.actor import Role
from loket.ui.local_config import LocalConfig
from loket.ui.login_dialog import LoginDialog


def _dialog(qtbot: QtBot, db: Database | None, config: LocalConfig) -> LoginDialog:
    dialog = LoginDialog(db, config)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_staff_log_in_with_the_keyboard(
    qtbot: QtBot, demo: tuple[Database, dict[str, str]], config: LocalConfig
) -> None:
    db, pw = demo
    dialog = _dialog(qtbot, db, config)
    assert (
        dialog.findChild(type(dialog._branch_label), "branchName").text() == "KC Banjarmasin (BJM)"
    )
    assert [dialog.counter.itemText(i) for i in range(dialog.counter.count())] == [
        "Loket 1",
        "Loket 2",
        "Loket 3",
    ]
    dialog.counter.setCurrentIndex(1)
    qtbot.keyClicks(dialog.username, "petugas")
    qtbot.keyClicks(dialog.password, pw["petugas"])
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    # the demo's password is one-time: the clerk chooses her own first, by keyboard
    change = dialog.change_dialog
    assert change is not None and change.isVisible() and not dialog.result()
    assert not change.current.isVisible()  # just typed at login: not asked again
    qtbot.keyClicks(change.new, "Sandi-Saya-Sendiri-1")
    qtbot.keyClicks(change.again, "Sandi-Saya-Sendiri-2")
    qtbot.keyClick(change.again, Qt.Key.Key_Return)
    assert change.isVisible() and change.error.text() == "Kedua kata sandi baru tidak sama."
    change.again.clear()
    qtbot.keyClicks(change.again, "Sandi-Saya-Sendiri-1")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.keyClick(change.again, Qt.Key.Key_Return)
    assert dialog.actor is not None
    assert (dialog.actor.role, dialog.actor.counter_name) == (Role.STAFF, "Loket 2")
    assert (config.last_username, config.last_counter_id) == ("petugas", dialog.actor.counter_id)


def test_a_wrong_password_shows_a_message_and_stays_open(
    qtbot: QtBot, demo: tuple[Database, dict[str, str]], config: LocalConfig
) -> None:
    db, _ = demo
    dialog = _dialog(qtbot, db, config)
    qtbot.keyClicks(dialog.username, "petugas")
    qtbot.keyClicks(dialog.password, "bukan-sandinya")
    qtbot.mouseClick(dialog._login_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.actor is None
    assert dialog.error.isVisible()
    assert dialog.error.text() == "Nama pengguna atau kata sandi salah."
    assert dialog.password.text() == ""
    assert dialog.focusWidget() is dialog.password


def test_the_language_switch_retranslates_the_dialog(
    qtbot: QtBot, demo: tuple[Database, dict[str, str]], config: LocalConfig
) -> None:
    db, _ = demo
    dialog = _dialog(qtbot, db, config)
    assert dialog._login_button.text() == "Masuk"
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    qtbot.waitUntil(lambda: dialog._login_button.text() == "Log in")  # LanguageChange is posted
    assert dialog.windowTitle() == "Loket — Log in"
    assert [label.text() for label in dialog._labels] == ["&Username", "&Password", "C&ounter"]
    assert config.language == "en"
    qtbot.keyClicks(dialog.username, "petugas")
    qtbot.keyClicks(dialog.password, "bukan-sandinya")
    qtbot.mouseClick(dialog._login_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == "Wrong username or password."
    dialog.language.setCurrentIndex(dialog.language.findData("id"))
    qtbot.waitUntil(lambda: dialog._login_button.text() == "Masuk")


def test_a_chosen_password_is_asked_no_more_and_a_reset_asks_again(
    qtbot: QtBot, demo: tuple[Database, dict[str, str]], config: LocalConfig
) -> None:
    from loket.services import auth, branch, users
    from loket.services.actor import Actor
    from loket.services.errors import AuthenticationFailed, ValidationError

    db, pw = demo
    counter = branch.list_counters(db)[0].id
    clerk = auth.login(db, "petugas", pw["petugas"], counter)
    assert users.password_change_required(db, clerk)
    with pytest.raises(AuthenticationFailed):
        users.change_own_password(db, clerk, "salah", "Sandi-Baru-123")
    with pytest.raises(ValidationError) as same:
        users.change_own_password(db, clerk, pw["petugas"], pw["petugas"])
    assert same.value.field == "new_password"
    users.change_own_password(db, clerk, pw["petugas"], "Sandi-Baru-123")
    assert not users.password_change_required(db, auth.login(db, "petugas", "Sandi-Baru-123",
                                                              counter))  # fmt: skip
    dialog = _dialog(qtbot, db, config)
    dialog.counter.setCurrentIndex(0)
    qtbot.keyClicks(dialog.username, "petugas")
    qtbot.keyClicks(dialog.password, "Sandi-Baru-123")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.change_dialog is None
    users.reset_password(db, Actor.command_line(), "petugas", "Sementara-Sekali-9")
    assert users.password_change_required(db, auth.login(db, "petugas", "Sementara-Sekali-9",
                                                         counter))  # fmt: skip
    # a user who will not choose stays at the login window
    again = _dialog(qtbot, db, config)
    assert again.username.text() == "petugas"  # remembered
    qtbot.keyClicks(again.password, "Sementara-Sekali-9")
    qtbot.keyClick(again.password, Qt.Key.Key_Return)
    assert again.change_dialog is not None
    again.change_dialog.reject()
    assert again.actor is None and again.isVisible()
    assert again.error.text() == "Pilih kata sandi Anda sendiri untuk dapat masuk."


def test_the_window_shows_before_the_database_opens_and_a_login_waits_for_it(
    qtbot: QtBot, demo: tuple[Database, dict[str, str]], config: LocalConfig
) -> None:
    db, pw = demo
    _dialog(qtbot, db, config).reject()  # a first start remembers the branch and counters
    dialog = _dialog(qtbot, None, config)  # the next start: the database is still opening
    assert dialog.findChild(QLabel, "branchName").text() == "KC Banjarmasin (BJM)"
    assert dialog.counter.count() == 3
    dialog.counter.setCurrentIndex(2)
    qtbot.keyClicks(dialog.username, "petugas")
    qtbot.keyClicks(dialog.password, pw["petugas"])
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.error.text() == "Membuka basis data…" and dialog.actor is None
    dialog.attach_database(db)  # what the loader hands over when the database is open
    assert dialog.actor is not None and dialog.actor.counter_name == "Loket 3"
    assert dialog.change_dialog is not None  # the demo's one-time password, as ever
