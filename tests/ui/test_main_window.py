from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from loket.db.engine import Database
from loket.services import auth, branch
from loket.ui.local_config import LocalConfig
from loket.ui.main_window import MainWindow
from loket.ui.pages.branch_page import BranchPage
from loket.ui.pages.settings_page import SettingsPage
from loket.ui.sync_controller import SyncController


def _window(
    qtbot: QtBot,
    demo: tuple[Database, dict[str, str]],
    config: LocalConfig,
    username: str,
    *,
    with_sync: bool = False,  # as in the application (not started here: no thread)
) -> MainWindow:
    db, pw = demo
    actor = auth.login(db, username, pw[username], branch.list_counters(db)[0].id)
    window = MainWindow(db, actor, config, sync=SyncController(db) if with_sync else None)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _nav_texts(window: MainWindow) -> list[str]:
    return [window.navigation.item(i).text() for i in range(window.navigation.count())]


@pytest.mark.parametrize(
    ("username", "sees", "does_not_see"),
    [
        (
            "petugas",
            {"registration", "payments", "claims", "search"},
            {"approvals", "closing", "users", "branch"},
        ),
        ("supervisor", {"approvals", "closing", "dashboard", "registration"}, {"users", "branch"}),
        ("admin", {"users", "branch", "sync", "dashboard"}, {"registration", "approvals"}),
    ],
)
def test_navigation_follows_the_role(
    qtbot: QtBot,
    demo: tuple[Database, dict[str, str]],
    config: LocalConfig,
    username: str,
    sees: set[str],
    does_not_see: set[str],
) -> None:
    window = _window(qtbot, demo, config, username, with_sync=True)
    keys = set(window.navigation_keys())
    assert sees <= keys and not (does_not_see & keys)
    assert window.navigation_keys()[0] == "home" and window.navigation_keys()[-1] == "settings"


def test_status_bar_and_every_page_is_real(
    qtbot: QtBot, demo: tuple[Database, dict[str, str]], config: LocalConfig
) -> None:
    window = _window(qtbot, demo, config, "petugas")
    texts = {
        name: window.findChild(QLabel, name).text()
        for name in ("statusUser", "statusBranch", "statusCounter", "statusDatabase", "statusSync")
    }
    assert texts["statusUser"] == "Pengguna: Petugas Pelayanan (demo) · petugas"
    assert texts["statusBranch"] == "Cabang: BJM"
    assert texts["statusCounter"] == "Loket: Loket 1"
    assert texts["statusDatabase"].startswith("Database: SQLite ")
    assert texts["statusSync"] == "Sinkronisasi: belum diatur"
    admin = _window(qtbot, demo, config, "admin")
    admin.navigation.setCurrentRow(admin.navigation_keys().index("branch"))
    page = admin.pages.currentWidget()
    assert isinstance(page, BranchPage)
    assert page.title.text() == "Cabang, loket & printer"


def test_idle_lock_keeps_what_was_typed(
    qtbot: QtBot, demo: tuple[Database, dict[str, str]], config: LocalConfig
) -> None:
    _, pw = demo
    window = _window(qtbot, demo, config, "supervisor")
    window.show_page("settings")
    settings_page = window.page("settings")
    assert isinstance(settings_page, SettingsPage)
    settings_page.idle_minutes.setValue(37)  # typed, not yet saved
    settings_page.idle_minutes.setFocus()
    window.idle_watcher.set_timeout_ms(100)
    qtbot.waitUntil(lambda: window.is_locked, timeout=3000)
    assert window.lock_screen.isVisible() and not window.pages.isVisible()

    qtbot.keyClicks(window.lock_screen.password, "bukan-sandinya")
    qtbot.keyClick(window.lock_screen.password, Qt.Key.Key_Return)
    assert window.is_locked
    assert window.lock_screen.error.text() == "Nama pengguna atau kata sandi salah."

    qtbot.keyClicks(window.lock_screen.password, pw["supervisor"])
    qtbot.keyClick(window.lock_screen.password, Qt.Key.Key_Return)
    assert not window.is_locked
    assert window.pages.currentWidget() is settings_page
    assert settings_page.idle_minutes.value() == 37


def test_saving_the_idle_limit_and_switching_language(
    qtbot: QtBot, demo: tuple[Database, dict[str, str]], config: LocalConfig
) -> None:
    window = _window(qtbot, demo, config, "supervisor")
    window.show_page("settings")
    page = window.page("settings")
    assert isinstance(page, SettingsPage)
    page.idle_minutes.setValue(5)
    qtbot.mouseClick(page.save_idle, Qt.MouseButton.LeftButton)
    assert page.saved.text() == "Tersimpan."

    page.language.setCurrentIndex(page.language.findData("en"))
    qtbot.waitUntil(lambda: _nav_texts(window)[0] == "Home")  # LanguageChange is posted
    assert _nav_texts(window)[:3] == ["Home", "Find participant", "Registration"]
    assert window.findChild(QLabel, "statusCounter").text() == "Counter: Loket 1"
    assert page.title.text() == "Settings"
    assert config.language == "en"


def test_staff_see_the_idle_limit_but_cannot_change_it(
    qtbot: QtBot, demo: tuple[Database, dict[str, str]], config: LocalConfig
) -> None:
    window = _window(qtbot, demo, config, "petugas")
    page = window.page("settings")
    assert isinstance(page, SettingsPage)
    assert not page.idle_minutes.isEnabled() and page.save_idle.isHidden()
    assert page.idle_note.text() == "Hanya kepala bidang atau admin yang dapat mengubahnya."


def test_logout_asks_for_the_login_again(
    qtbot: QtBot, demo: tuple[Database, dict[str, str]], config: LocalConfig
) -> None:
    window = _window(qtbot, demo, config, "petugas")
    with qtbot.waitSignal(window.logout_requested, timeout=2000):
        window.logout_action.trigger()
    assert not window.isVisible()


def test_the_window_opens_maximized_first_then_as_it_was_left(
    qtbot: QtBot, demo: tuple[Database, dict[str, str]], config: LocalConfig
) -> None:
    db, pw = demo
    actor = auth.login(db, "petugas", pw["petugas"], branch.list_counters(db)[0].id)
    first = MainWindow(db, actor, config)
    qtbot.addWidget(first)
    first.show_as_before()
    qtbot.waitExposed(first)
    assert first.isMaximized()
    first.showNormal()
    first.setGeometry(40, 60, 1300, 720)
    first.close()
    again = MainWindow(db, actor, config)
    qtbot.addWidget(again)
    again.show_as_before()
    qtbot.waitExposed(again)
    # as it was left: not maximized (the offscreen test screen is too small to check sizes)
    assert config.window_geometry is not None and not again.isMaximized()


@pytest.mark.parametrize("username", ["petugas", "supervisor", "kepala", "admin"])
def test_each_page_has_one_number_for_every_role_and_opens_at_its_first_field(
    qtbot: QtBot, demo: tuple[Database, dict[str, str]], config: LocalConfig, username: str
) -> None:
    from PySide6.QtWidgets import QApplication

    from loket.ui.navigation_delegate import SHORTCUT_ROLE
    from loket.ui.pages.search_page import SearchPage

    window = _window(qtbot, demo, config, username)
    with qtbot.waitActive(window):
        window.activateWindow()
    numbers = {"home": 1, "search": 2, "registration": 3, "payments": 4, "claims": 5,
               "approvals": 6, "closing": 7, "dashboard": 8, "settings": 9, "users": 0}  # fmt: skip
    keys = window.navigation_keys()
    for key in keys:
        if key not in numbers:
            continue
        entry = window.navigation.item(keys.index(key))
        assert entry.data(SHORTCUT_ROLE) == f"Ctrl+{numbers[key]}"
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + numbers[key]),
                       Qt.KeyboardModifier.ControlModifier)  # fmt: skip
        assert window.pages.currentWidget() is window.page(key), key
    if "search" in keys:  # Ctrl+2: the cursor in the search box, ready to type
        qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
        search = window.page("search")
        assert isinstance(search, SearchPage)
        assert QApplication.focusWidget() is search.box
        qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        assert window.pages.currentWidget() is search and window.focusWidget() is search.box


def test_the_home_page_shows_the_users_day_with_links(
    qtbot: QtBot, demo: tuple[Database, dict[str, str]], config: LocalConfig
) -> None:
    from loket.services.payments import PaymentLine, pay
    from loket.services.registration import register_participant
    from loket.ui.pages.home_page import HomePage
    from tests.factories import bpu_worker

    db, pw = demo
    staff = auth.login(db, "petugas", pw["petugas"], branch.list_counters(db)[0].id)
    pid = register_participant(db, staff, bpu_worker()).participant_id
    pay(db, staff, [PaymentLine(pid, 1)], method="cash", tendered=100_000)  # not printed
    window = _window(qtbot, demo, config, "supervisor")
    home = window.page("home")
    assert isinstance(home, HomePage)
    home.refresh()
    text = home.today.text()
    assert '<a href="approvals">0 keputusan menunggu persetujuan Anda</a>' in text
    assert '<a href="payments">1 kuitansi belum dicetak</a>' in text
    assert "Hari ini Anda: 0 kuitansi, 0 pendaftaran, 0 klaim" in text  # the clerk's, not hers
    assert '<a href="sync">Sinkronisasi: belum diatur</a>' in text
    home.today.linkActivated.emit("payments")
    assert window.pages.currentWidget() is window.page("payments")
    clerk = _window(qtbot, demo, config, "petugas")
    clerk_home = clerk.page("home")
    assert isinstance(clerk_home, HomePage)
    clerk_home.refresh()
    assert "Hari ini Anda: 1 kuitansi, 1 pendaftaran, 0 klaim" in clerk_home.today.text()
    assert "keputusan" not in clerk_home.today.text()  # a clerk decides nothing
