from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from loket.db.engine import Database
from loket.services.actor import Role
from loket.ui.local_config import LocalConfig
from loket.ui.login_dialog import LoginDialog


def _dialog(qtbot: QtBot, db: Database, config: LocalConfig) -> LoginDialog:
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
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
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
