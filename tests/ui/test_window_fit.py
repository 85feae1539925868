"""Every dialog and preview fits a counter's 1366 × 768 screen with a taskbar (about 728
pixels high, less the title bar), with its buttons on the screen; a preview prints with
Enter."""

from __future__ import annotations

import io

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from loket.ui.pdf_preview import PdfPreview
from loket.ui.screen_fit import TITLE_BAR
from tests.fakes import FakePrinter

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
