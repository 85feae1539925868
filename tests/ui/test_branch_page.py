"""Cabang, loket & printer: the admin edits the branch's data, its KPJ range, its counters
and their printers (with a test page), and its rules; what the central server decides is
shown as such and stays read only."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLineEdit, QSpinBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from loket.db.engine import Database
from loket.db.models import AuditEntry
from loket.services import auth, branch, cash_sessions, settings, sync
from loket.services.actor import Actor
from loket.services.registration import register_participant
from loket.ui.pages.branch_page import BranchPage
from tests.factories import bpu_worker
from tests.fakes import FakePrinter
from tests.pdf_reading import pdf_text


@pytest.fixture
def admin_page(
    qtbot: QtBot, demo: tuple[Database, dict[str, str]]
) -> tuple[BranchPage, FakePrinter, Database, dict[str, str]]:
    db, pw = demo
    printer = FakePrinter()
    page = BranchPage(db, auth.login(db, "admin", pw["admin"], None),
                      printer_factory=lambda _name: printer)  # fmt: skip
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    qtbot.waitExposed(page)
    return page, printer, db, pw


def _actions(db: Database, prefix: str) -> list[tuple[str, dict[str, object]]]:
    with db.reader() as s:
        rows = s.scalars(select(AuditEntry).where(AuditEntry.action.startswith(prefix)))
        return [(e.action, json.loads(e.payload)) for e in rows]


def test_the_branch_data_prints_on_documents_and_the_kpj_range_closes_after_the_first(
    admin_page: tuple[BranchPage, FakePrinter, Database, dict[str, str]], qtbot: QtBot
) -> None:
    page, _, db, pw = admin_page
    assert page.name.text() == "KC Banjarmasin" and page.code.text() == "BJM · Asia/Makassar"
    qtbot.keyClicks(page.phone, "telp kantor")
    qtbot.mouseClick(page.save_branch, Qt.MouseButton.LeftButton)
    assert page.branch_error.text() == "Nomor telepon hanya angka, spasi, +, - dan tanda kurung."
    assert page.focusWidget() is page.phone
    page.phone.clear()
    qtbot.keyClicks(page.phone, "(0511) 335-2211")
    qtbot.mouseClick(page.save_branch, Qt.MouseButton.LeftButton)
    assert branch.get_home_branch(db).phone == "(0511) 335-2211"  # type: ignore[union-attr]
    assert page.branch_message.text().endswith(", telp. (0511) 335-2211.")  # what was saved
    assert _actions(db, "branch.updated") == [
        ("branch.updated", {"old": {"phone": ""}, "new": {"phone": "(0511) 335-2211"}})
    ]

    # the KPJ range: still open (no KPJ handed out), then fixed for good
    assert page.set_prefix.isEnabled() and not page.kpj_prefix.isReadOnly()
    page.kpj_prefix.setText("63x")
    page.set_prefix.click()
    assert page.branch_error.isVisible() and page.focusWidget() is page.kpj_prefix
    page.kpj_prefix.setText("632")
    page.set_prefix.click()
    assert page.branch_message.text() == "Awalan KPJ: 632."
    staff = auth.login(db, "petugas", pw["petugas"], branch.list_counters(db)[0].id)
    assert register_participant(db, staff, bpu_worker()).kpj.startswith("632")
    page.refresh()
    assert page.kpj_prefix.isReadOnly() and not page.set_prefix.isEnabled()
    assert "Tidak dapat diubah lagi" in page.prefix_note.text()


def test_counters_are_added_renamed_retired_and_their_printer_prints_a_test_page(
    admin_page: tuple[BranchPage, FakePrinter, Database, dict[str, str]], qtbot: QtBot
) -> None:
    page, printer, db, pw = admin_page
    page.tabs.setCurrentIndex(1)
    assert [c.name for c in page.counters] == ["Loket 1", "Loket 2", "Loket 3"]
    page.new_counter.setText("Loket Prioritas")
    page.add_counter.click()
    assert page.counter_message.text() == "Loket Prioritas (nomor 4) ditambahkan."
    page.table.selectRow(3)
    page.counter_name.setText("Loket 4 — Prioritas")
    page.rename.click()
    assert page.table.item(3, 1).text() == "Loket 4 — Prioritas"

    # a thermal printer by its ESC/POS address; a mistyped one is refused at the field
    page.printer.setCurrentText("escpos+tcp://")
    page.save_printer.click()
    assert page.counter_error.text().startswith("Alamat printer ESC/POS tidak dikenal")
    assert page.focusWidget() is page.printer
    page.printer.setCurrentText("escpos+tcp://192.168.1.50")
    page.save_printer.click()
    assert branch.all_counters(db, Actor.command_line())[3].receipt_printer == (
        "escpos+tcp://192.168.1.50"
    )
    page.test_print.click()
    qtbot.waitUntil(lambda: bool(printer.printed), timeout=5000)
    text = " ".join(pdf_text(printer.printed[0]).split())
    for expected in ("HALAMAN UJI PRINTER", "Loket: Loket 4 — Prioritas",
                     "Printer: escpos+tcp://192.168.1.50", "Kertas: 80mm", "Rp36.800"):  # fmt: skip
        assert expected in text, expected
    qtbot.waitUntil(lambda: "terkirim ke printer" in page.counter_message.text())
    printer.out_of_paper = True
    page.test_print.click()
    qtbot.waitUntil(lambda: page.counter_error.text() == "Gagal mencetak: kertas habis")

    # retired: no longer offered at login; a counter with an open drawer stays
    staff = auth.login(db, "petugas", pw["petugas"], branch.list_counters(db)[0].id)
    cash_sessions.open_session(db, staff, {"note-50000": 2})
    page.table.selectRow(0)
    page.retire.click()
    assert page.counter_error.text() == (
        "Kas Loket 1 masih terbuka: tutup kasnya dulu sebelum loket dihentikan."
    )
    page.table.selectRow(1)
    assert page.retire.text() == "Hentikan loket"
    page.retire.click()
    assert page.table.item(1, 4).text() == "dihentikan"
    assert [c.name for c in branch.list_counters(db)] == [
        "Loket 1",
        "Loket 3",
        "Loket 4 — Prioritas",
    ]
    page.table.selectRow(1)
    assert page.retire.text() == "Aktifkan lagi"
    page.retire.click()
    assert len(branch.list_counters(db)) == 4
    assert [a for a, _ in _actions(db, "counter.")][2:] == [  # after the demo's two
        "counter.added", "counter.renamed", "counter.printer_set", "counter.retired",
        "counter.reopened",
    ]  # fmt: skip


def test_rules_are_explained_saved_at_their_field_and_the_servers_are_read_only(
    admin_page: tuple[BranchPage, FakePrinter, Database, dict[str, str]], qtbot: QtBot
) -> None:
    page, _, db, _ = admin_page
    page.tabs.setCurrentIndex(2)
    qtbot.waitExposed(page)
    for _, meaning, _ in page._rule_labels.values():  # every explanation shown whole
        assert meaning.height() >= meaning.heightForWidth(meaning.width()), meaning.text()
    idle = page.editors["idle_lock_minutes"].widget
    stamp = page.editors["handover_stamp_duty"].widget
    limit = page.editors["approval_limit_supervisor"].widget
    assert isinstance(idle, QSpinBox) and isinstance(stamp, QCheckBox)
    assert isinstance(limit, QLineEdit) and limit.text() == "Rp50.000.000"
    assert page.rules_form.labelForField(idle.parentWidget()) is not None
    idle.setValue(5)
    stamp.setChecked(False)
    limit.setText("Rp75.000.000")
    page.save_rules.click()
    assert page.rules_message.text() == (
        "Tersimpan: Kunci layar setelah diam, Batas persetujuan kepala bidang, "
        "Meterai pada berita acara."
    )
    assert settings.get_setting(db, "approval_limit_supervisor") == 75_000_000
    assert settings.get_setting(db, "handover_stamp_duty") is False
    assert limit.text() == "Rp75.000.000"
    limit.setText("tujuh puluh juta")
    page.save_rules.click()
    assert page.rules_error.text() == "Jumlah uang tidak valid: tujuh puluh juta"
    assert page.focusWidget() is limit
    assert not page.editors["sync_server_url"].widget.isEnabled()  # the Server pusat page's

    # the central server decides the supervisor's limit: in force here, read only, said so
    sync.apply_reference(db, [{
        "item": "document", "name": "setting/approval_limit_supervisor", "kind": "setting",
        "body": "100000000", "published_at": datetime(2026, 12, 1, tzinfo=UTC).isoformat(),
    }], 1)  # fmt: skip
    page.refresh()
    assert limit.text() == "Rp100.000.000" and not limit.isEnabled()
    source = page._rule_labels["approval_limit_supervisor"][2]
    assert source.text() == "ditetapkan server pusat, 01-12-2026"
    assert settings.get_setting(db, "approval_limit_supervisor") == 100_000_000
