from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from loket.db.engine import Database
from loket.domain.heirs import Relation
from loket.printing.qt_printer import QtPrinter
from loket.services import auth, branch, participants
from loket.services.actor import Actor
from loket.services.participants import ParticipantRow
from loket.services.registration import HeirInput, register_participant
from loket.ui.models.participant_table import ParticipantTableModel
from loket.ui.pages.search_page import SearchPage
from tests.factories import bpu_worker
from tests.pdf_reading import pdf_text


@pytest.fixture
def staff(demo: tuple[Database, dict[str, str]]) -> tuple[Database, Actor]:
    db, pw = demo
    actor = auth.login(db, "petugas", pw["petugas"], branch.list_counters(db)[0].id)
    for i in range(1, 61):  # more than one page of results
        register_participant(
            db,
            actor,
            bpu_worker(
                serial=i, full_name=f"Rahmat Nelayan {i}", birth_date=date(1980, 1, 1 + i % 28)
            ),
            acknowledge_similar=True,
        )
    register_participant(
        db,
        actor,
        bpu_worker(serial=99, full_name="Siti Aminah", heirs=[HeirInput("Budi", Relation.CHILD)]),
    )
    return db, actor


def test_type_see_results_scroll_for_more_and_open(
    qtbot: QtBot, staff: tuple[Database, Actor]
) -> None:
    db, actor = staff
    page = SearchPage(db, actor)
    qtbot.addWidget(page)
    page.show()
    qtbot.keyClicks(page.box, "nela rah")
    qtbot.waitUntil(lambda: page.model.rowCount() == 50, timeout=5000)
    # the whole 16-digit NIK shows, however long the names (the name column takes the rest)
    nik = str(page.model.index(0, 1).data())
    assert len(nik.replace(" ", "")) == 16
    shown = page.table.visualRect(page.model.index(0, 1)).width()
    assert shown >= page.table.fontMetrics().horizontalAdvance(nik) + 8
    assert page.model.canFetchMore()
    page.model.fetchMore()
    qtbot.waitUntil(lambda: page.model.rowCount() == 60, timeout=5000)
    assert not page.model.canFetchMore()
    assert page.hint.text() == "60 peserta ditampilkan"

    page.box.clear()
    qtbot.keyClicks(page.box, "siti")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    assert page.model.index(0, 2).data() == "Siti Aminah"
    qtbot.keyClick(page.box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.view, timeout=5000)
    assert page.view.title.text() == "Siti Aminah"
    assert page.view.status.text() == "Status: terdaftar, belum ada iuran yang dibayar"
    assert page.view.findChild(type(page.hint), "value_phone").text() == "+6281251000001"
    qtbot.keyClick(page.view, Qt.Key.Key_Escape)
    assert page.stack.currentIndex() == 0


def test_stale_answers_are_dropped(qtbot: QtBot, staff: tuple[Database, Actor]) -> None:
    """The answer to "rahmat" arrives after the one to "siti", typed on meanwhile: the
    search itself is the service's, held back at the database's door until then."""
    db, actor = staff
    held = threading.Event()

    def search(query: str, limit: int, offset: int) -> list[ParticipantRow]:
        if query == "rahmat":
            held.wait(10)
        return participants.search_participants(db, actor, query, limit=limit, offset=offset)

    model = ParticipantTableModel(search)
    with qtbot.waitSignal(model.answered, timeout=5000):
        model.search("rahmat")
        model.search("siti")  # typed on before the first answer came back
    assert [model.row(i).full_name for i in range(model.rowCount())] == ["Siti Aminah"]
    held.set()  # the stale answer comes back now, and is dropped
    assert QThreadPool.globalInstance().waitForDone(5000)
    QApplication.processEvents()
    assert [model.row(i).full_name for i in range(model.rowCount())] == ["Siti Aminah"]
    assert not model.busy


def test_nothing_found(qtbot: QtBot, staff: tuple[Database, Actor]) -> None:
    db, actor = staff
    page = SearchPage(db, actor)
    qtbot.addWidget(page)
    qtbot.keyClicks(page.box, "zzzz")
    qtbot.waitUntil(lambda: page.hint.text() == "Tidak ada peserta yang cocok.", timeout=5000)


def test_print_the_card_from_the_record(
    qtbot: QtBot, staff: tuple[Database, Actor], tmp_path: Path
) -> None:
    db, actor = staff
    page = SearchPage(db, actor)
    qtbot.addWidget(page)
    page.show()
    qtbot.keyClicks(page.box, "siti aminah")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    qtbot.keyClick(page.box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.view, timeout=5000)
    qtbot.mouseClick(page.view.card_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.preview is not None and page.preview.isVisible(), timeout=5000)
    preview = page.preview
    assert preview is not None
    qtbot.addWidget(preview)
    assert preview.document.pageCount() == 1
    assert preview.windowTitle().startswith("Kartu peserta — 631")
    assert "KARTU PESERTA" in pdf_text(preview.pdf)

    QtPrinter(output_file=str(tmp_path / "printed.pdf")).print_pdf(preview.pdf, "kartu")
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == 1
    preview.save_to(tmp_path / "saved.pdf")
    assert (tmp_path / "saved.pdf").read_bytes() == preview.pdf
