"""The whole program: start, log in through the dialog, reach the main window, close."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from loket.app import main
from loket.db.engine import Database
from loket.ui.login_dialog import LoginDialog
from loket.ui.main_window import MainWindow


def test_start_log_in_log_out_and_close(
    qtbot: QtBot, demo: tuple[Database, dict[str, str]], tmp_path: Path
) -> None:
    db, pw = demo
    seen: list[str] = []

    def main_window() -> MainWindow | None:
        found = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        ]
        return found[0] if found else None

    def login_dialog() -> LoginDialog | None:
        found = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, LoginDialog) and w.isVisible()
        ]
        return found[0] if found else None

    def step() -> None:
        window, dialog = main_window(), login_dialog()
        change = dialog.change_dialog if dialog is not None else None
        if change is not None and change.isVisible():  # the demo's password is one-time
            seen.append("own password")
            qtbot.keyClicks(change.new, "Sandi-Saya-Sendiri-1")
            qtbot.keyClicks(change.again, "Sandi-Saya-Sendiri-1")
            qtbot.keyClick(change.again, Qt.Key.Key_Return)
        elif dialog is not None and dialog.database_ready() and "logged in" not in seen:
            if "login dialog" not in seen:
                seen.append("login dialog")
                dialog.username.clear()
                qtbot.keyClicks(dialog.username, "petugas")
                qtbot.keyClicks(dialog.password, pw["petugas"])
                qtbot.mouseClick(dialog._login_button, Qt.MouseButton.LeftButton)
        elif window is not None and "logged in" not in seen:
            seen.append("logged in")
            logout = window.toolbar.widgetForAction(window.logout_action)
            qtbot.mouseClick(logout, Qt.MouseButton.LeftButton)  # "Keluar"
        elif dialog is not None and "logged in" in seen:
            seen.append("login again")
            qtbot.mouseClick(dialog._quit_button, Qt.MouseButton.LeftButton)  # Loket ends
            return
        QTimer.singleShot(20, step)

    code = main(
        ["--db", str(db.url), "--config", str(tmp_path / "desk.ini")],
        on_ready=lambda _dialog: step(),
    )
    assert code == 0
    assert seen == ["login dialog", "own password", "logged in", "login again"]
    # the day's first start made the day's backup (on a thread of its own)
    assert list((Path(str(db.url.database)).parent / "backups").glob("loket-BJM-*.db"))


def test_a_file_that_is_not_a_loket_database_is_explained_and_loket_ends(
    qtbot: QtBot, tmp_path: Path
) -> None:
    bad = tmp_path / "catatan.db"
    bad.write_text("bukan database")
    said: list[str] = []

    def answer_the_message() -> None:  # the login window shows first; the message follows
        boxes = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, QMessageBox) and w.isVisible()]  # fmt: skip
        if not boxes:
            QTimer.singleShot(20, answer_the_message)
            return
        said.append(boxes[0].text())
        boxes[0].accept()

    QTimer.singleShot(20, answer_the_message)
    code = main(["--db", f"sqlite:///{bad}", "--config", str(tmp_path / "desk.ini")])
    assert code == 1
    assert said == [f"{bad} bukan database Loket; tidak ada yang diubah."]
    assert bad.read_text() == "bukan database"


def test_the_self_test_shows_the_login_window_with_the_database_open(
    qtbot: QtBot,
    demo: tuple[Database, dict[str, str]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db, _ = demo
    code = main(["--self-test", "--db", str(db.url), "--config", str(tmp_path / "desk.ini")])
    assert code == 0
    assert "loket: login window shown, database open (3 counters)" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("screen", "name"),
    [("--kiosk", "Kiosk"), ("--display", "QueueDisplay"), ("--rating=1", "RatingPad")],
)
def test_the_queue_screens_start_without_a_login(
    qtbot: QtBot,
    demo: tuple[Database, dict[str, str]],
    capsys: pytest.CaptureFixture[str],
    screen: str,
    name: str,
) -> None:
    db, _ = demo
    assert main([screen, "--self-test", "--db", str(db.url)]) == 0
    assert f"loket: {name} shown, database open" in capsys.readouterr().out
