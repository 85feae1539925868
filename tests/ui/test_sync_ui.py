"""The status bar follows sync; the admin sets up the server link; a supervisor settles a
NIK conflict — all through the real widgets and a real server process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from loket.keys import SERVICE, store_token
from loket.services import settings, sync
from loket.services.actor import Actor
from loket.sync.client import SyncClient
from loket.ui.local_config import LocalConfig
from loket.ui.main_window import MainWindow
from loket.ui.pages.approvals_page import ApprovalsPage
from loket.ui.pages.search_page import SearchPage
from loket.ui.pages.sync_page import SyncPage
from loket.ui.sync_controller import SyncController
from tests.central import CentralServer, MemoryKeyring, Office
from tests.sync.test_sync import registered_at_both, sync_with, work_offline

pytestmark = pytest.mark.postgres


@pytest.fixture
def bjm(central: CentralServer, offices: dict[str, Office]) -> Office:
    office = offices["BJM"]
    office.token = central.add_branch("BJM", "KC Banjarmasin")
    return office


@pytest.fixture
def controller(qtbot: QtBot, central: CentralServer, bjm: Office) -> Iterator[SyncController]:
    ctl = SyncController(
        bjm.db,
        client_factory=lambda: SyncClient(central.base_url, bjm.token, timeout=5),
        interval=0.3,
        first_backoff=0.2,
    )
    yield ctl
    ctl.stop()


def test_the_status_bar_goes_from_offline_to_online_and_the_queue_empties(
    qtbot: QtBot,
    tmp_path: Path,
    central: CentralServer,
    bjm: Office,
    controller: SyncController,
) -> None:
    work_offline(bjm, 1)
    waiting = sync.status(bjm.db).pending
    window = MainWindow(bjm.db, bjm.staff, LocalConfig(tmp_path / "desk.ini"), sync=controller)
    qtbot.addWidget(window)
    controller.start()  # the server is not running yet
    qtbot.waitUntil(lambda: "Luring" in window.status_sync.text(), timeout=10_000)
    assert f"{waiting} menunggu" in window.status_sync.text()
    assert "belum pernah" in window.status_sync.text()
    assert "tidak terjangkau" in window.status_sync.toolTip()

    central.start()
    controller.sync_now()
    qtbot.waitUntil(lambda: "Daring" in window.status_sync.text(), timeout=15_000)
    assert "0 menunggu" in window.status_sync.text()
    assert sync.status(bjm.db).pending == 0
    assert central.scalar("SELECT count(*) FROM event") == waiting


def test_the_admin_links_the_branch_and_the_token_goes_to_the_keyring(
    qtbot: QtBot,
    central: CentralServer,
    bjm: Office,
    controller: SyncController,
    memory_keyring: MemoryKeyring,
) -> None:
    central.start()
    page = SyncPage(bjm.db, Actor.command_line(), controller, "Asia/Makassar")
    qtbot.addWidget(page)
    page.show()
    assert "Belum ada token" in page.keyring_state.text()

    page.url.setText("loket-pusat:8750")
    qtbot.mouseClick(page.save, Qt.MouseButton.LeftButton)
    assert "http://" in page.error.text() and page.url.property("invalid")

    page.url.setText(central.base_url)
    page.token.setText(bjm.token.replace("BJM", "PLK", 1))
    qtbot.mouseClick(page.save, Qt.MouseButton.LeftButton)
    assert "bukan token cabang BJM" in page.error.text() and page.token.property("invalid")

    page.token.setText(bjm.token)
    qtbot.mouseClick(page.test, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Tersambung" in page.result.text(), timeout=10_000)
    assert "cabang BJM (KC Banjarmasin)" in page.result.text()

    with qtbot.waitSignal(page.settings_saved):
        qtbot.mouseClick(page.save, Qt.MouseButton.LeftButton)
    assert memory_keyring.secrets[(SERVICE, "BJM")] == bjm.token
    assert page.token.text() == ""  # never left on screen
    assert "Token tersimpan" in page.keyring_state.text()


def test_without_a_keyring_the_page_says_so_and_what_to_do(
    qtbot: QtBot,
    bjm: Office,
    controller: SyncController,
) -> None:
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        page = SyncPage(bjm.db, Actor.command_line(), controller, "Asia/Makassar")
        qtbot.addWidget(page)
        assert "tidak punya keyring" in page.keyring_state.text()
        assert "GNOME Keyring" in page.keyring_state.text()
        page.url.setText("https://pusat.example")
        page.token.setText(bjm.token)
        qtbot.mouseClick(page.save, Qt.MouseButton.LeftButton)
        assert "loket-admin sync export" in page.error.text()
    finally:
        keyring.set_keyring(before)


def test_a_supervisor_keeps_one_kpj_of_a_nik_conflict_on_the_approvals_page(
    qtbot: QtBot, central: CentralServer, linked: dict[str, Office]
) -> None:
    bjm, plk = linked["BJM"], linked["PLK"]
    kpj_bjm, kpj_plk = registered_at_both(central, bjm, plk)
    settings.set_setting(bjm.db, Actor.command_line(), "sync_server_url", central.base_url)
    store_token("BJM", bjm.token)

    page = ApprovalsPage(bjm.db, bjm.supervisor)
    qtbot.addWidget(page)
    page.show()
    assert page.table.item(0, 0).text() == kpj_bjm
    assert f"juga terdaftar di PLK, KPJ {kpj_plk}" in page.table.item(0, 2).text()
    dossier = page.dossier.text
    assert "Rahmat Hidayat" in dossier.toPlainText()  # this branch's own record only
    assert dossier.toPlainText().count("Rahmat Hidayat") == 1
    assert "(di server pusat)" in dossier.toPlainText()
    # the other branch's person, read from the central server when the supervisor asks
    assert page.other_side.isVisible()
    with qtbot.waitSignal(page._runner.done, timeout=10_000):
        qtbot.mouseClick(page.other_side, Qt.MouseButton.LeftButton)
    assert dossier.toPlainText().count("Rahmat Hidayat") == 2
    assert "(di server pusat)" not in dossier.toPlainText()
    assert page.approve.text() == f"Pertahankan KPJ {kpj_bjm} (cabang ini)"
    assert page.reject.text() == f"Pertahankan KPJ {kpj_plk} (PLK)"
    page.password.setText(bjm.passwords["supervisor"])
    qtbot.mouseClick(page.approve, Qt.MouseButton.LeftButton)
    assert f"KPJ {kpj_bjm} dipertahankan" in page.done.text()
    assert page.table.rowCount() == 0

    sync_with(bjm, central)
    assert central.scalar("SELECT kept_kpj FROM conflict") == kpj_bjm


def test_search_tells_where_a_nik_of_another_branch_is_registered(
    qtbot: QtBot, central: CentralServer, linked: dict[str, Office]
) -> None:
    bjm, plk = linked["BJM"], linked["PLK"]
    [kpj] = work_offline(plk, 5, count=1)
    (nik,) = [
        e["payload"]["nik"]
        for e in sync.pending_events(plk.db)
        if e["type"] == "participant.registered"
    ]
    central.start()
    sync_with(plk, central)
    sync_with(bjm, central)

    page = SearchPage(bjm.db, bjm.staff)
    qtbot.addWidget(page)
    qtbot.keyClicks(page.box, nik)
    qtbot.waitUntil(lambda: "cabang PLK" in page.hint.text(), timeout=5000)
    assert f"cabang PLK: KPJ {kpj}" in page.hint.text()
    assert "Pekerja PLK 5" not in page.hint.text()  # no other branch's names here
    assert page.model.rowCount() == 0


def test_the_admin_sees_what_the_server_refused_and_why(
    qtbot: QtBot, bjm: Office, controller: SyncController
) -> None:
    from datetime import UTC, datetime

    work_offline(bjm, 1, count=1)
    first = sync.pending_events(bjm.db, 1)[0]
    sync.mark_refused(
        bjm.db, {first["uuid"]: "payload.reason: contains a control character (e.g. NUL)"},
        datetime.now(UTC),
    )  # fmt: skip
    page = SyncPage(bjm.db, Actor.command_line(), controller, "Asia/Makassar")
    qtbot.addWidget(page)
    page.show()
    assert page.refused.isVisible() and page.refused.count() == 1
    assert (
        page.refused.item(0)
        .text()
        .endswith("payload.reason: contains a control character (e.g. NUL)")
    )
    assert page.refused_title.text().startswith("Ditolak server pusat (1)")
