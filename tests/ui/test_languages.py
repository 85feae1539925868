"""What a user sees is in the language they chose: Loket is started in Indonesian and in
English on the living demo branch, every page of every role and every dialog is opened,
and any visible text still in the other language fails the test.

"The other language" is read from the translation file itself: in English, a visible text
(or line of it) that is an Indonesian source whose translation differs; in Indonesian, an
English translation that differs from its source. Strings with placeholders match as
patterns. In English, the fixed parts of the interface (buttons, tabs, group titles, table
headers, placeholders, window titles) are also checked for common Indonesian words, which
catches text that never went through ``tr()``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QTableView,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from loket.db.engine import Database
from loket.db.models import Claim, Participant
from loket.i18n import set_language
from loket.resources import resource_path
from loket.services import auth, branch, cash_sessions, participants
from loket.services.actor import Actor
from loket.services.claims import get_claim
from loket.ui.cash_count_dialog import CashCountDialog, CountFor
from loket.ui.change_password_dialog import ChangePasswordDialog
from loket.ui.correction_dialog import CorrectionDialog
from loket.ui.local_config import LocalConfig
from loket.ui.lock_screen import LockScreen
from loket.ui.login_dialog import LoginDialog
from loket.ui.main_window import MainWindow
from loket.ui.pages.claims.dialogs import HandoverDialog, PayoutDialog
from loket.ui.pages.claims.page import ClaimsPage
from loket.ui.pages.search_page import SearchPage
from loket.ui.queue_display import QueueDisplay
from loket.ui.supervisor_override import SupervisorOverrideDialog
from loket.ui.sync_controller import SyncController
from tests.ui.conftest import LIVING_NOW
from tests.ui.modal import open_record

NOW = LIVING_NOW
# Indonesian words that do not belong on an English button, tab, title or header
INDONESIAN_WORDS = frozenset(
    {
        "yang", "dan", "untuk", "belum", "tidak", "sudah", "dengan", "dari", "atau", "pada",
        "iuran", "bulan", "peserta", "kuitansi", "simpan", "tutup", "batal", "cari", "tambah",
        "hapus", "masuk", "keluar", "bayar", "cetak", "ubah", "pilih", "daftar", "halaman",
        "kata", "sandi", "pengguna", "cabang", "hari", "kas", "tunai", "menunggu",
        "persetujuan", "klaim",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Catalog:
    """Visible texts that are in the wrong language, as exact strings and patterns."""

    exact: frozenset[str]
    patterns: tuple[re.Pattern[str], ...]

    def wrong(self, text: str) -> bool:
        return text in self.exact or any(p.fullmatch(text) for p in self.patterns)


def _catalog(showing: str) -> Catalog:
    """What must not show when the interface is in ``showing``."""
    root = ET.parse(resource_path("i18n", "loket_en.ts")).getroot()
    pairs = [
        (_plain(m.findtext("source") or ""), _plain(m.findtext("translation") or ""))
        for m in root.iter("message")
    ]
    if showing == "en":
        legit = {t for _, t in pairs}
        wrong = {s for s, t in pairs if s != t and t} - legit
    else:
        legit = {s for s, _ in pairs}
        wrong = {t for s, t in pairs if s != t and t} - legit
    exact = frozenset(w for w in wrong if "{" not in w and len(w) > 2)
    patterns = tuple(
        re.compile(re.sub(r"\\\{\w+\\\}", ".+", re.escape(w)), re.DOTALL)
        for w in wrong
        if "{" in w and len(re.sub(r"\{\w+\}", "", w).strip()) > 6
    )
    return Catalog(exact, patterns)


def _plain(text: str) -> str:
    """As shown: mnemonics gone (``&&`` is one ampersand), no HTML tags, trimmed."""
    text = re.sub(r"<[^>]+>", "", text)
    text = text.replace("&&", "\x00").replace("&", "").replace("\x00", "&")
    return text.strip()


def _texts(root: QWidget) -> Iterator[tuple[str, str, bool]]:
    """(where, text, fixed) for what ``root`` shows: fixed texts are the interface's own
    (buttons, tabs, titles, headers, placeholders), the others may hold data."""
    yield type(root).__name__, root.windowTitle(), True
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisible():
            continue
        where = f"{type(root).__name__}/{type(w).__name__}#{w.objectName()}"
        if isinstance(w, QLabel):
            yield where, w.text(), False
        elif isinstance(w, QAbstractButton):
            yield where, w.text(), True
        elif isinstance(w, QGroupBox):
            yield where, w.title(), True
        elif isinstance(w, QLineEdit):
            yield where, w.placeholderText(), True
        elif isinstance(w, QAbstractSpinBox) and hasattr(w, "suffix"):
            yield where, w.suffix(), True  # type: ignore[attr-defined]
        if isinstance(w, QComboBox):
            for i in range(w.count()):
                yield where, w.itemText(i), False
        elif isinstance(w, QTabWidget):
            for i in range(w.count()):
                yield where, w.tabText(i), True
        elif isinstance(w, QTableView) and w.model() is not None:
            model = w.model()
            for col in range(model.columnCount()):
                if not w.isColumnHidden(col):
                    yield where, str(model.headerData(col, Qt.Orientation.Horizontal) or ""), True
        elif isinstance(w, QListWidget):
            for i in range(w.count()):
                yield where, w.item(i).text(), False


def _wrong_texts(root: QWidget, lang: str, catalog: Catalog) -> list[str]:
    found = []
    for where, text, fixed in _texts(root):
        for line in _plain(text).splitlines() or [""]:
            line = line.strip().rstrip(":")
            if not line:
                continue
            if catalog.wrong(line) or catalog.wrong(line + ":"):
                found.append(f"{where}: {line!r}")
            elif lang == "en" and fixed:
                words = set(re.findall(r"[a-z]+", line.lower()))
                if words & INDONESIAN_WORDS:
                    found.append(f"{where}: {line!r} (Indonesian words)")
    return found


def _settle(qtbot: QtBot) -> None:
    """Lets background loads (the dashboard, search) finish and their answers arrive: the
    pool has no job left and the answers' queued signals are delivered."""
    pool = QThreadPool.globalInstance()
    for _ in range(20):
        pool.waitForDone(10_000)
        QApplication.processEvents()
        if pool.activeThreadCount() == 0:
            return


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_page_and_dialog_speaks_the_chosen_language(
    qtbot: QtBot, living: tuple[Database, dict[str, str]], tmp_path: Path, lang: str
) -> None:
    db, pw = living
    catalog = _catalog(lang)
    assert set_language(lang)
    problems: list[str] = []
    config = LocalConfig(tmp_path / "desk.ini")
    counter = branch.list_counters(db)[0].id
    try:
        login = LoginDialog(db, config)
        qtbot.addWidget(login)
        login.show()
        problems += _wrong_texts(login, lang, catalog)
        login.close()
        actors: dict[str, Actor] = {}
        for username in ("petugas", "supervisor", "kepala", "admin"):
            actor = auth.login(db, username, pw[username], None if username == "admin"
                               else counter, clock=NOW)  # fmt: skip
            actors[username] = actor
            window = MainWindow(db, actor, config, sync=SyncController(db))
            qtbot.addWidget(window)
            window.resize(1366, 768)
            window.show()
            qtbot.waitExposed(window)
            for key in window.navigation_keys():
                window.navigation.setCurrentRow(window.navigation_keys().index(key))
                _settle(qtbot)
                problems += [f"{username}/{key}: {p}" for p in _wrong_texts(window, lang,
                                                                            catalog)]  # fmt: skip
            if username == "petugas":  # deeper states: a participant, dues, claims
                problems += _counter_states(qtbot, db, window, actor, lang, catalog)
            window.close()
        problems += _dialogs(qtbot, db, actors, lang, catalog)
    finally:
        set_language("id")
    assert not problems, "\n".join(problems)


def _counter_states(
    qtbot: QtBot, db: Database, window: MainWindow, staff: Actor, lang: str, catalog: Catalog
) -> list[str]:
    """A participant opened from the search, a payment being made, a claim being entered
    and a claim opened."""
    found: list[str] = []

    def look(where: str) -> None:
        _settle(qtbot)
        found.extend(f"{where}: {p}" for p in _wrong_texts(window, lang, catalog))

    search = window.page("search")
    assert isinstance(search, SearchPage)
    window.show_page("search")
    open_record(qtbot, search, "Rahmadi Anshari")
    look("participant")
    qtbot.mouseClick(search.view.pay_button, Qt.MouseButton.LeftButton)
    look("payment with a line")
    claims_page = window.page("claims")
    assert isinstance(claims_page, ClaimsPage)
    window.show_page("claims")
    qtbot.mouseClick(claims_page.new_button, Qt.MouseButton.LeftButton)
    look("new claim")
    qtbot.mouseClick(claims_page.form.cancel_button, Qt.MouseButton.LeftButton)
    waiting = next(row for row, c in enumerate(claims_page.summaries) if c.status == "submitted")
    claims_page.list.selectRow(waiting)
    qtbot.mouseClick(claims_page.open_button, Qt.MouseButton.LeftButton)
    look("claim opened")
    return found


def _dialogs(
    qtbot: QtBot, db: Database, actors: dict[str, Actor], lang: str, catalog: Catalog
) -> list[str]:
    staff = actors["petugas"]
    with db.reader() as s:
        claim_id = s.scalar(select(Claim.id).where(Claim.status == "submitted"))
        pid = s.scalar(select(Participant.id).where(Participant.full_name == "Rudi Hartono"))
    assert claim_id is not None and pid is not None
    detail = participants.get_participant(db, staff, pid, clock=NOW)
    drawer = cash_sessions.current_session(db, staff)
    dialogs: list[QWidget] = [
        ChangePasswordDialog(db, staff),
        CashCountDialog(db, staff, CountFor.CLOSE, drawer, clock=NOW),
        CashCountDialog(db, staff, CountFor.HAND_OVER, drawer, clock=NOW),
        CashCountDialog(db, staff, CountFor.OPEN, None, clock=NOW),
        SupervisorOverrideDialog("Selisih kas Rp5.000"),
        CorrectionDialog(db, staff, detail),
        LockScreen(db, staff),
        PayoutDialog(db, staff, get_claim(db, staff, claim_id), None),
        HandoverDialog(db, staff, get_claim(db, staff, claim_id), "Banjarmasin", None),
    ]
    found = []
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        _settle(qtbot)
        found += [f"dialog: {p}" for p in _wrong_texts(dialog, lang, catalog)]
        dialog.close()
    return found


def test_data_borne_labels_follow_the_interface_language(
    qtbot: QtBot, living: tuple[Database, dict[str, str]], tmp_path: Path
) -> None:
    """What comes from data, not from tr(): claim components, occupations, the queue's
    starting services, the relief's name; and a count reads singular or plural."""
    db, pw = living
    counter = branch.list_counters(db)[0].id
    staff = auth.login(db, "petugas", pw["petugas"], counter, clock=NOW)
    assert set_language("en")
    try:
        window = MainWindow(db, staff, LocalConfig(tmp_path / "desk.ini"), sync=SyncController(db))
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)
        search = window.page("search")
        assert isinstance(search, SearchPage)
        window.show_page("search")
        open_record(qtbot, search, "Rahmadi Anshari")
        assert search.hint.text() == "1 participant shown"
        occupation = search.view.findChild(QLabel, "value_occupation")
        assert occupation is not None and occupation.text() == "Motorcycle taxi driver (base)"
        assert (
            "Contribution relief PP 50/2025" in search.view.findChild(QLabel, "value_dues").text()
        )
        registration = window.page("registration")
        occupations = [
            registration.occupation.itemText(i)  # type: ignore[attr-defined]
            for i in range(registration.occupation.count())
        ]  # type: ignore[attr-defined]
        assert "Fisher" in occupations and "Nelayan" not in occupations
        claims_page = window.page("claims")
        assert isinstance(claims_page, ClaimsPage)
        window.show_page("claims")
        jkm = next(row for row, c in enumerate(claims_page.summaries) if c.benefit == "JKM")
        claims_page.list.selectRow(jkm)
        qtbot.mouseClick(claims_page.open_button, Qt.MouseButton.LeftButton)
        table = claims_page.view.components
        labels = [table.item(r, 0).text() for r in range(table.rowCount())]
        assert "Lump sum" in labels and "Funeral costs" in labels, labels
        display = QueueDisplay(db, listen=False)
        qtbot.addWidget(display)
        display.refresh()
        assert "A Registration & dues:" in display.waiting.text().replace("\u00a0", " ")
    finally:
        set_language("id")
