"""Every dialog and preview fits a counter's 1366 × 768 screen with a taskbar (about 728
pixels high, less the title bar), with its buttons on the screen; a preview prints with
Enter."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from sqlalchemy import select

from loket.db.engine import Database
from loket.db.models import Claim, Participant, Receipt
from loket.services import auth, branch, cash_sessions, participants
from loket.services.actor import Actor
from loket.services.claim_documents import claim_document
from loket.services.claims import get_claim
from loket.services.closing import closing_pdf
from loket.services.participant_documents import participant_document
from loket.services.receipts import receipt_document
from loket.ui.cash_count_dialog import CashCountDialog, CountFor
from loket.ui.change_password_dialog import ChangePasswordDialog
from loket.ui.correction_dialog import CorrectionDialog
from loket.ui.kiosk import Kiosk, KioskExit
from loket.ui.local_config import LocalConfig
from loket.ui.login_dialog import LoginDialog
from loket.ui.main_window import MainWindow
from loket.ui.pages.claims.dialogs import HandoverDialog, PayoutDialog
from loket.ui.pdf_preview import PdfPreview
from loket.ui.queue_display import QueueDisplay
from loket.ui.rating_pad import RatingPad
from loket.ui.screen_fit import TITLE_BAR
from loket.ui.supervisor_override import SupervisorOverrideDialog
from tests.fakes import FakePrinter
from tests.ui.conftest import LIVING_NOW

ROOM = (1366, 728)  # the tests' screen (tests/counter-screen.json)


def a4_pdf() -> bytes:
    out = io.BytesIO()
    page = Canvas(out, pagesize=A4)
    page.drawString(72, 760, "BERITA ACARA")
    page.save()
    return out.getvalue()


def fits(window: QWidget) -> bool:
    """The window and its title bar fit the counter's screen, its buttons inside."""
    room = window.screen().availableGeometry()
    assert (room.width(), room.height()) == ROOM, "not on the counter's screen"
    on_screen = window.height() + TITLE_BAR <= ROOM[1]  # TITLE_BAR: the frame, at most
    buttons = [b for b in window.findChildren(QPushButton) if b.isVisible()]
    inside = all(b.mapTo(window, b.rect().bottomRight()).y() <= window.height() for b in buttons)
    return window.width() <= ROOM[0] and on_screen and inside


def test_a_preview_fits_the_screen_and_prints_with_enter(qtbot: QtBot) -> None:
    printer = FakePrinter()
    preview = PdfPreview(a4_pdf(), "Kuitansi", "kuitansi.pdf", printer=printer)
    qtbot.addWidget(preview)
    preview.open()
    qtbot.waitExposed(preview)
    assert fits(preview)
    with qtbot.waitSignal(preview.print_finished, timeout=10_000) as done:
        qtbot.keyClick(preview.view, Qt.Key.Key_Return)
    assert done.args == [True] and len(printer.printed) == 1


def _actors(db: Database, pw: dict[str, str]) -> dict[str, Actor]:
    counter = branch.list_counters(db)[0].id
    return {
        u: auth.login(db, u, pw[u], None if u == "admin" else counter, clock=LIVING_NOW)
        for u in ("petugas", "supervisor", "kepala", "admin")
    }


def _ids(db: Database) -> tuple[int, int, int, int]:
    """A submitted claim, a handed-over one, a receipt and a participant of the demo."""
    with db.reader() as s:
        waiting = s.scalar(select(Claim.id).where(Claim.status == "submitted"))
        handed = s.scalar(select(Claim.id).where(Claim.status == "handed_over"))
        receipt = s.scalar(select(Receipt.id).order_by(Receipt.id.desc()))
        person = s.scalar(select(Participant.id).where(Participant.full_name == "Rudi Hartono"))
    assert waiting and handed and receipt and person
    return waiting, handed, receipt, person


DIALOGS: dict[str, Callable[[Database, dict[str, Actor], tuple[int, int, int, int]], QWidget]]
DIALOGS = {
    "login": lambda db, a, ids: LoginDialog(db, LocalConfig(None)),
    "own password": lambda db, a, ids: ChangePasswordDialog(db, a["petugas"]),
    "drawer opened": lambda db, a, ids: CashCountDialog(
        db, a["petugas"], CountFor.OPEN, None, clock=LIVING_NOW
    ),
    "drawer closed": lambda db, a, ids: CashCountDialog(
        db,
        a["petugas"],
        CountFor.CLOSE,
        cash_sessions.current_session(db, a["petugas"]),
        clock=LIVING_NOW,
    ),
    "drawer handed over": lambda db, a, ids: CashCountDialog(
        db,
        a["petugas"],
        CountFor.HAND_OVER,
        cash_sessions.current_session(db, a["petugas"]),
        clock=LIVING_NOW,
    ),
    "supervisor's consent": lambda db, a, ids: SupervisorOverrideDialog(
        "Tanggal lahir tidak sama dengan NIK (05-08-1990): perlu persetujuan supervisor"
    ),
    "correction": lambda db, a, ids: CorrectionDialog(
        db, a["petugas"], participants.get_participant(db, a["petugas"], ids[3])
    ),
    "claim payout": lambda db, a, ids: PayoutDialog(
        db, a["petugas"], get_claim(db, a["petugas"], ids[0]), None
    ),
    "handover": lambda db, a, ids: HandoverDialog(
        db, a["petugas"], get_claim(db, a["petugas"], ids[0]), "KC Banjarmasin", None
    ),
    "kiosk exit": lambda db, a, ids: KioskExit(db),
    "receipt preview (80 mm)": lambda db, a, ids: PdfPreview(
        receipt_document(db, a["petugas"], ids[2]), "Kuitansi", "k.pdf", printer=FakePrinter()
    ),
    "receipt preview (A5)": lambda db, a, ids: PdfPreview(
        receipt_document(db, a["petugas"], ids[2], layout="a5"), "Kuitansi", "k.pdf"
    ),
    "berita acara preview": lambda db, a, ids: PdfPreview(
        claim_document(db, a["petugas"], ids[1], "handover"), "Berita acara", "ba.pdf"
    ),
    "scholarship schedule preview": lambda db, a, ids: PdfPreview(
        claim_document(db, a["petugas"], ids[0], "scholarship"), "Jadwal", "j.pdf"
    ),
    "participant card preview": lambda db, a, ids: PdfPreview(
        participant_document(db, a["petugas"], ids[3], "card"), "Kartu", "kartu.pdf"
    ),
    "rekap harian preview": lambda db, a, ids: PdfPreview(
        closing_pdf(db, a["supervisor"], date(2026, 12, 2)), "Rekap", "rekap.pdf"
    ),
}


@pytest.mark.parametrize("name", list(DIALOGS))
def test_every_dialog_and_preview_fits_the_counter_s_screen(
    qtbot: QtBot, living: tuple[Database, dict[str, str]], name: str
) -> None:
    db, pw = living
    window = DIALOGS[name](db, _actors(db, pw), _ids(db))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert fits(window), f"{name}: {window.width()} × {window.height()}"


@pytest.mark.parametrize("username", ["petugas", "supervisor", "kepala", "admin"])
def test_the_main_window_fits_on_every_page(
    qtbot: QtBot, living: tuple[Database, dict[str, str]], tmp_path: Path, username: str
) -> None:
    db, pw = living
    window = MainWindow(db, _actors(db, pw)[username], LocalConfig(tmp_path / "desk.ini"))
    qtbot.addWidget(window)
    window.showMaximized()
    qtbot.waitExposed(window)
    for key in window.navigation_keys():
        window.show_page(key)
        hint = window.minimumSizeHint()
        assert hint.width() <= ROOM[0] and hint.height() + TITLE_BAR <= ROOM[1], (key, hint)


def test_the_queue_screens_fit(qtbot: QtBot, living: tuple[Database, dict[str, str]]) -> None:
    db, _ = living
    for screen in (Kiosk(db, FakePrinter()), QueueDisplay(db, listen=False), RatingPad(db, 1)):
        qtbot.addWidget(screen)
        hint = screen.minimumSizeHint()
        assert hint.width() <= ROOM[0] and hint.height() <= ROOM[1], (screen, hint)
