"""The log file: what Loket writes there, and what it never does (issue 17)."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from loket.cli import main
from loket.db.engine import Database
from loket.logs import log_file, redact, setup_logging
from loket.services import auth, branch
from loket.services.errors import AuthenticationFailed
from loket.sync.client import SyncClient
from loket.sync.worker import SyncWorker
from loket.ui.crash_dialog import report_unexpected
from tests.pg_cluster import _free_port


@pytest.fixture
def log_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Loket's own handler, on a file of this test's."""
    monkeypatch.setenv("LOKET_LOG_DIR", str(tmp_path / "log"))
    root = logging.getLogger()
    before = list(root.handlers)
    for h in before:
        if getattr(h, "loket", False):
            root.removeHandler(h)
    setup_logging("loket")
    yield log_file()
    for h in list(root.handlers):
        if getattr(h, "loket", False):
            root.removeHandler(h)
            h.close()
    for h in before:
        if getattr(h, "loket", False):
            root.addHandler(h)


def test_nik_and_telephone_numbers_are_masked_and_a_kpj_is_kept() -> None:
    line = "NIK 6371010508900001, telepon 0812-5100-0001 / +6281251000001, KPJ 63100000015"
    assert redact(line) == "NIK 6371********0001, telepon 08… / +628…, KPJ 63100000015"


@pytest.mark.parametrize(
    ("line", "masked"),
    [
        ("NIK 6371 0105 0890 0001.", "NIK 6371********0001."),
        ("NIK 6371.0105.0890.0001", "NIK 6371********0001"),
        ("NIK 6371-0105-0890-0001", "NIK 6371********0001"),
        ("HP +62 812 3456 7890", "HP +628…"),
        ("HP (0812) 3456 7890", "HP 08…"),
        ("HP 0812.3456.7890", "HP 08…"),
        ("sync to https://bjm:Rahasia-77@pusat.example/api failed",
         "sync to https://pusat.example/api failed"),
        # what is not personal stays as it was: a time, a receipt number, a KPJ, an amount
        ("2026-12-04 16:15:00,123 KW/BJM/2026/000012 63100000015 Rp1.054.200",
         "2026-12-04 16:15:00,123 KW/BJM/2026/000012 63100000015 Rp1.054.200"),
    ],
)  # fmt: skip
def test_numbers_typed_in_groups_are_masked_too(line: str, masked: str) -> None:
    assert redact(line) == masked


def test_the_log_file_has_starts_logins_commands_sync_and_crashes_without_personal_data(
    log_text: Path,
    qtbot: QtBot,
    demo: tuple[Database, dict[str, str]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    db, pw = demo
    counter = branch.list_counters(db)[0].id
    auth.login(db, "petugas", pw["petugas"], counter)
    with pytest.raises(AuthenticationFailed):
        auth.login(db, "petugas", "salah-sandi", counter)
    with pytest.raises(AuthenticationFailed):  # a password typed into the name field
        auth.login(db, "Rahasia-Kasir-Tengah-7", "", counter)
    assert main(["user", "list", "--db", db.url.render_as_string(hide_password=False)]) == 0
    capsys.readouterr()
    nobody = f"http://127.0.0.1:{_free_port()}"
    worker = SyncWorker(
        db, lambda report: None, client_factory=lambda: SyncClient(nobody, "BJM.x", timeout=2)
    )
    assert worker.run_once().state == "offline"
    try:
        raise ValueError("gagal untuk NIK 6371010508900001")
    except ValueError as exc:
        reference = report_unexpected(type(exc), exc, exc.__traceback__)
    for box in QApplication.topLevelWidgets():
        if box.objectName() == "crashDialog" and isinstance(box, QMessageBox):
            box.done(0)  # answered: gone, and no longer the active window
            box.deleteLater()
    qtbot.waitUntil(
        lambda: (
            not any(
                w.isVisible() and w.objectName() == "crashDialog"
                for w in QApplication.topLevelWidgets()
            )
        )
    )
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = log_text.read_text(encoding="utf-8")
    if os.name == "posix":  # the log is this user's alone
        assert stat.S_IMODE(log_text.stat().st_mode) == 0o600
        assert stat.S_IMODE(log_text.parent.stat().st_mode) == 0o700
    assert "loket 0." in text and "started (Python" in text
    assert "login: petugas (staff) at Loket 1" in text
    assert "login refused for petugas: AuthenticationFailed" in text
    assert "login refused for an unknown user name" in text
    assert "rahasia-kasir-tengah-7" not in text.lower()
    assert "loket-admin user list: exit 0" in text
    assert "sync offline: " in text
    assert f"unexpected error {reference}" in text and "Traceback" in text
    assert "6371010508900001" not in text and "6371********0001" in text
    assert pw["petugas"] not in text and "salah-sandi" not in text
