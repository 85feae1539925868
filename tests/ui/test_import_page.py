from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from loket.db.engine import Database
from loket.services import auth, branch, participants
from loket.ui.pages.import_page import ImportPage
from tests.factories import export_row, write_export


def test_an_admin_imports_with_progress(
    qtbot: QtBot, demo: tuple[Database, dict[str, str]], tmp_path: Path
) -> None:
    db, pw = demo
    admin = auth.login(db, "admin", pw["admin"], None)
    rows = [export_row(i) for i in range(1, 5)] + [export_row(5, kpj="12")]
    path = write_export(tmp_path / "ekspor.csv", rows)
    page = ImportPage(db, admin)
    qtbot.addWidget(page)
    page.show()
    qtbot.keyClicks(page.file, str(path))
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.summary.text().startswith("Selesai."), timeout=10_000)
    assert "5 baris dibaca: 4 baru, 0 diperbarui, 0 dilewati, 1 ditolak" in page.summary.text()
    assert page.progress.value() == page.progress.maximum() == 5
    assert (tmp_path / "ekspor.errors.csv").read_text(encoding="utf-8").splitlines()[1] == (
        "6,KPJ harus 11 angka."
    )
    staff = auth.login(db, "petugas", pw["petugas"], branch.list_counters(db)[0].id)
    assert len(participants.search_participants(db, staff, "warga")) == 4


def test_a_missing_file_is_said_plainly(
    qtbot: QtBot, demo: tuple[Database, dict[str, str]], tmp_path: Path
) -> None:
    db, pw = demo
    page = ImportPage(db, auth.login(db, "admin", pw["admin"], None))
    qtbot.addWidget(page)
    page.show()
    qtbot.keyClicks(page.file, str(tmp_path / "tidak-ada.csv"))
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    assert page.summary.text() == f"Berkas {tmp_path / 'tidak-ada.csv'} tidak ada."
