from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from loket.db.engine import Database
from loket.services import auth, branch, participants
from loket.ui.local_config import LocalConfig
from loket.ui.main_window import MainWindow
from loket.ui.pages.registration_page import RegistrationPage
from loket.ui.pages.search_page import SearchPage
from tests.factories import passwords_chosen
from tests.pdf_reading import pdf_text
from tests.ui.modal import choose

NIK = "6371014508900012"  # a woman born 5 August 1990 in Kota Banjarmasin


def _window(
    qtbot: QtBot, demo: tuple[Database, dict[str, str]], tmp_config: LocalConfig
) -> tuple[MainWindow, RegistrationPage]:
    db, pw = demo
    actor = auth.login(db, "petugas", pw["petugas"], branch.list_counters(db)[0].id)
    window = MainWindow(db, actor, tmp_config)
    qtbot.addWidget(window)
    window.show()
    window.show_page("registration")
    page = window.page("registration")
    assert isinstance(page, RegistrationPage)
    return window, page


def _type_worker(
    qtbot: QtBot, page: RegistrationPage, nik: str, name: str, occupation: str = "Pedagang"
) -> None:
    """Fills the form with the keyboard alone, field after field."""
    page.nik.setFocus()
    qtbot.keyClicks(page.nik, nik)
    choose(qtbot, page.occupation, occupation)
    page.income.setFocus()
    qtbot.keyClicks(page.income, "1.500.000")
    for name_of_field, text in (("full_name", name), ("birth_place", "Banjarmasin")):
        widget = page.fields[name_of_field]
        widget.setFocus()
        qtbot.keyClicks(widget, text)
    for name_of_field, text in (
        ("address", "Jl. Veteran No. 7"),
        ("phone", "0812 5511 2233"),
    ):
        widget = page.fields[name_of_field]
        widget.setFocus()
        qtbot.keyClicks(widget, text)


def test_register_a_bpu_worker_by_keyboard(
    qtbot: QtBot, demo: tuple[Database, dict[str, str]], config: LocalConfig
) -> None:
    _, page = _window(qtbot, demo, config)
    _type_worker(qtbot, page, NIK, "Siti Rahmah")
    assert page.nik_status.text() == "✓ Kalimantan Selatan · 05-08-1990 · perempuan"
    assert page.birth_date.date().toString("dd-MM-yyyy") == "05-08-1990"
    assert page.sex.currentText() == "Perempuan"
    assert page.regency.currentText() == "Kota Banjarmasin"  # from the NIK's regency code
    qtbot.keyClick(page.fields["phone"], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert page.result.text().startswith("Terdaftar: Siti Rahmah, KPJ 631")
    assert page.nik.text() == "" and page.focusWidget() is page.nik  # ready for the next one


def test_a_nik_mismatch_is_flagged_and_refused_at_the_field(
    qtbot: QtBot, demo: tuple[Database, dict[str, str]], config: LocalConfig
) -> None:
    _, page = _window(qtbot, demo, config)
    _type_worker(qtbot, page, NIK, "Siti Rahmah")
    page.sex.setCurrentIndex(page.sex.findText("Laki-laki"))  # against the NIK
    assert page.mismatch.text() == "Tidak sama dengan NIK: jenis kelamin"
    page.submit.click()
    assert page.error.text() == "Jenis kelamin tidak sama dengan NIK."
    assert page.focusWidget() is page.sex


def test_a_birth_date_other_than_the_niks_is_registered_with_a_supervisors_password(
    qtbot: QtBot, demo: tuple[Database, dict[str, str]], config: LocalConfig
) -> None:
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QDialogButtonBox

    passwords_chosen(demo[0], "supervisor")  # a one-time password approves nothing
    _, page = _window(qtbot, demo, config)
    _type_worker(qtbot, page, NIK, "Siti Rahmah")
    page.birth_date.setDate(QDate(1990, 8, 7))  # her real birth date, the NIK says the 5th
    assert page.mismatch.text() == (
        "Tanggal lahir berbeda dari NIK (05-08-1990): perlu persetujuan supervisor"
    )
    page.submit.click()
    assert page.error.text().startswith("Tanggal lahir tidak sama dengan NIK (05-08-1990).")
    dialog = page.override_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.username, "supervisor")
    qtbot.keyClicks(dialog.password, "salah")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert page.error.text() == "Nama pengguna atau kata sandi salah."
    page.submit.click()
    dialog = page.override_dialog
    qtbot.keyClicks(dialog.username, "supervisor")
    qtbot.keyClicks(dialog.password, demo[1]["supervisor"])
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert page.result.text().startswith("Terdaftar: Siti Rahmah, KPJ 631")


def test_an_nik_with_an_unknown_regency_is_flagged_as_a_likely_typo(
    qtbot: QtBot, demo: tuple[Database, dict[str, str]], config: LocalConfig
) -> None:
    _, page = _window(qtbot, demo, config)
    qtbot.keyClicks(page.nik, "6399014508900012")
    assert page.nik_status.text().startswith(
        "⚠ Kode kabupaten/kota 6399 tidak dikenal di Kalimantan Selatan — periksa NIK"
    )
    _type_worker(qtbot, page, "", "Siti Rahmah")
    page.submit.click()  # a warning, not a refusal
    assert page.result.text().startswith("Terdaftar: Siti Rahmah")


def test_typing_a_bad_nik_says_what_is_wrong(
    qtbot: QtBot, demo: tuple[Database, dict[str, str]], config: LocalConfig
) -> None:
    _, page = _window(qtbot, demo, config)
    qtbot.keyClicks(page.nik, "63710145")
    assert page.nik_status.text() == "8 dari 16 angka"
    qtbot.keyClicks(page.nik, "13900012")
    assert page.nik_status.text() == "Tanggal lahir dalam NIK tidak ada: 45-13-90."


def test_the_duplicate_nik_opens_that_participant(
    qtbot: QtBot, demo: tuple[Database, dict[str, str]], config: LocalConfig
) -> None:
    window, page = _window(qtbot, demo, config)
    _type_worker(qtbot, page, NIK, "Siti Rahmah")
    page.submit.click()
    # said as the 16th digit is typed, before the rest of the form
    page.nik.setFocus()
    qtbot.keyClicks(page.nik, NIK[:15])
    assert not page.open_duplicate.isVisible()
    qtbot.keyClicks(page.nik, NIK[15])
    assert page.nik_status.text().startswith("✗ NIK ini sudah terdaftar: Siti Rahmah, KPJ 631")
    assert page.open_duplicate.isVisible()
    _type_worker(qtbot, page, "", "Siti Rahma")
    page.submit.click()  # and refused by the service, had the clerk gone on
    assert page.error.text().startswith("NIK ini sudah terdaftar: Siti Rahmah, KPJ 631")
    assert page.open_duplicate.isVisible()
    page.open_duplicate.click()
    search = window.page("search")
    assert isinstance(search, SearchPage)
    qtbot.waitUntil(lambda: search.stack.currentWidget() is search.view, timeout=5000)
    assert window.pages.currentWidget() is search and search.view.title.text() == "Siti Rahmah"


def test_a_similar_name_needs_the_acknowledgement(
    qtbot: QtBot, demo: tuple[Database, dict[str, str]], config: LocalConfig
) -> None:
    db, pw = demo
    _, page = _window(qtbot, demo, config)
    _type_worker(qtbot, page, NIK, "Siti Rahmah")
    page.submit.click()
    _type_worker(qtbot, page, "6371014508900013", "Siti Rahmah")
    page.submit.click()
    assert "nama mirip dan tanggal lahir sama" in page.error.text()
    assert page.acknowledge.isVisible()
    qtbot.keyClick(page.acknowledge, Qt.Key.Key_Space)
    page.submit.click()
    assert page.result.text().startswith("Terdaftar: Siti Rahmah")
    staff = auth.login(db, "petugas", pw["petugas"], branch.list_counters(db)[0].id)
    assert len(participants.search_participants(db, staff, "siti rahmah")) == 2


def test_a_bad_income_is_shown_at_its_field(
    qtbot: QtBot, demo: tuple[Database, dict[str, str]], config: LocalConfig
) -> None:
    _, page = _window(qtbot, demo, config)
    _type_worker(qtbot, page, NIK, "Siti Rahmah")
    page.income.clear()
    qtbot.keyClicks(page.income, "satu juta")
    page.submit.click()
    assert page.error.text() == "Jumlah uang tidak valid: satu juta"
    assert page.focusWidget() is page.income
    assert isinstance(page.focusWidget(), QWidget)


def test_heirs_and_a_sponsor_for_several_workers(
    qtbot: QtBot, demo: tuple[Database, dict[str, str]], config: LocalConfig
) -> None:
    from loket.domain.heirs import EducationLevel, Relation

    db, pw = demo
    _, page = _window(qtbot, demo, config)
    page.sponsor.setChecked(True)
    qtbot.keyClicks(page.sponsor.name, "Koperasi Nelayan Barito")
    qtbot.keyClicks(page.sponsor.phone, "0813 49")
    assert page.sponsor.funding.currentText() == "Swasta/pribadi"
    page.sponsor.funding.setCurrentIndex(page.sponsor.funding.findData("APBD"))
    _type_worker(qtbot, page, NIK, "Siti Rahmah")
    page.heirs.set_row(0, "Budi Santoso", Relation.SPOUSE, born="12-03-1988")
    page.heirs.set_row(1, "Nur Aisyah", Relation.CHILD, born="2-6-2014", level=EducationLevel.SMP)
    page.submit.click()
    assert page.error.text() == "Panjang nomor telepon tidak wajar: 0813 49"
    assert page.focusWidget() is page.sponsor.phone
    page.sponsor.phone.setText("0813 4900 1122")
    page.submit.click()
    assert page.result.text().startswith("Terdaftar: Siti Rahmah")
    assert page.sponsor.saved.text() == "Sponsor tersimpan: Koperasi Nelayan Barito"
    assert page.heirs.table.rowCount() == 0  # cleared for the next worker; the sponsor stays

    _type_worker(qtbot, page, "6371011203880007", "Budi Santoso")
    page.submit.click()
    assert page.result.text().startswith("Terdaftar: Budi Santoso")

    staff = auth.login(db, "petugas", pw["petugas"], branch.list_counters(db)[0].id)
    siti, budi = (
        participants.get_participant(db, staff, r.id)
        for r in participants.search_participants(db, staff, "rahmah")
        + participants.search_participants(db, staff, "budi santoso")
    )
    assert siti.sponsor_name == budi.sponsor_name == "Koperasi Nelayan Barito"
    assert siti.sponsor_funding == "APBD"  # PP 50/2025: its dues are paid at the full rate
    assert [(h.name, h.relation, h.education_level) for h in siti.heirs] == [
        ("Budi Santoso", "spouse", ""),
        ("Nur Aisyah", "child", "SMP"),
    ]
    qtbot.mouseClick(page.sponsor.end_button, Qt.MouseButton.LeftButton)
    assert not page.sponsor.isChecked() and page.sponsor.name.text() == ""
    assert page.sponsor.funding.currentData() == "private"


def test_a_bad_heir_date_is_shown_at_the_table(
    qtbot: QtBot, demo: tuple[Database, dict[str, str]], config: LocalConfig
) -> None:
    from loket.domain.heirs import Relation

    _, page = _window(qtbot, demo, config)
    _type_worker(qtbot, page, NIK, "Siti Rahmah")
    page.heirs.set_row(0, "Budi", Relation.SPOUSE, born="1988/03/12")
    page.submit.click()
    assert page.error.text() == "Tanggal lahir ahli waris Budi harus hh-bb-tttt."
    assert page.focusWidget() is page.heirs.table


def test_a_worker_from_outside_kalimantan_gets_the_regency_from_the_list(
    qtbot: QtBot, demo: tuple[Database, dict[str, str]], config: LocalConfig
) -> None:
    _, page = _window(qtbot, demo, config)
    qtbot.keyClicks(page.nik, "3273016508900012")  # Kota Bandung, Jawa Barat
    assert page.province.currentData() == "32"
    assert page.regency.currentText() == "Kota Bandung"
    listed = [page.regency.itemText(i) for i in range(page.regency.count())]
    assert len(listed) == 27 and "Kabupaten Bogor" in listed


def test_after_registering_pay_print_or_register_the_next(
    qtbot: QtBot, demo: tuple[Database, dict[str, str]], config: LocalConfig
) -> None:
    from loket.ui.pages.payment_page import PaymentPage

    window, page = _window(qtbot, demo, config)
    assert not page.done_bar.isVisible()
    _type_worker(qtbot, page, NIK, "Siti Rahmah", occupation="Nelayan")
    qtbot.keyClick(page.fields["phone"], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    # the confirmation sits above the form, outside what scrolls, with what comes next
    assert page.done_bar.isVisible() and page.done_bar.parent() is page
    assert page.result.text().startswith("Terdaftar: Siti Rahmah, KPJ 631")
    # the form is the next worker's: nothing chosen, birth date and sex included
    assert (page.birth_date.text().strip(), page.sex.currentIndex()) == ("", 0)
    assert page.occupation.currentIndex() == 0 and page.fields["address"].text() == ""
    assert page.income.text() == ""
    page.card_button.click()
    qtbot.waitUntil(lambda: page.preview is not None and page.preview.isVisible(), timeout=5000)
    assert "KARTU PESERTA" in pdf_text(page.preview.pdf).upper()
    page.preview.close()
    page.pay_now_button.click()
    payments = window.page("payments")
    assert isinstance(payments, PaymentPage) and window.pages.currentWidget() is payments
    assert payments.table.rowCount() == 1 and payments.table.item(0, 1).text() == "Siti Rahmah"


def test_the_form_guesses_nothing(
    qtbot: QtBot, demo: tuple[Database, dict[str, str]], config: LocalConfig
) -> None:
    """Occupation decides the relief's period: a forgotten default would misprice months."""
    _, page = _window(qtbot, demo, config)
    assert page.occupation.currentText() == "— pilih pekerjaan —"
    assert (page.sex.currentText(), page.birth_date.text().strip(), page.income.text()) == (
        "— pilih —", "", "")  # fmt: skip
    page.fields["full_name"].setFocus()
    qtbot.keyClicks(page.fields["full_name"], "Tanpa NIK")
    page.submit.click()
    assert page.error.isVisible() and page.result.text() == ""
    # with the NIK, its date and sex fill in; the occupation is still the clerk's to choose
    page.nik.setFocus()
    qtbot.keyClicks(page.nik, NIK)
    for name, text in (
        ("birth_place", "Banjarmasin"),
        ("address", "Jl. Veteran No. 7"),
        ("phone", "0812 5511 2233"),
    ):
        page.fields[name].setFocus()
        qtbot.keyClicks(page.fields[name], text)
    page.income.setFocus()
    qtbot.keyClicks(page.income, "1.000.000")
    page.submit.click()
    assert page.error.text() == "Pekerjaan belum dipilih."
    assert page.focusWidget() is page.occupation
