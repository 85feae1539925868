"""Walk-in registration: a keyboard-first form that checks the NIK as it is typed."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from loket.db.engine import Database
from loket.domain.errors import QT_TRANSLATE_NOOP, LoketError
from loket.domain.local_time import BranchTime
from loket.domain.money import InvalidAmount, format_rupiah, parse_rupiah
from loket.domain.nik import InvalidNik, parse_nik
from loket.domain.provinces import (
    provinces,
    regencies_of,
    regency_by_code,
    regency_code_known,
)
from loket.domain.registration import Segment
from loket.i18n import error_text
from loket.services import branch, participants
from loket.services.actor import Actor
from loket.services.errors import ValidationError
from loket.services.four_eyes import Override
from loket.services.participant_documents import participant_document
from loket.services.registration import (
    DuplicateNik,
    NikDateDiffers,
    PossibleDuplicate,
    Registered,
    RegistrationInput,
    register_participant,
)
from loket.ui.form_feedback import ERROR_STYLE, clear_error, make_error_label, show_error
from loket.ui.heirs_editor import HeirsEditor
from loket.ui.occupation_combo import fill_occupations, rename_occupations
from loket.ui.pages.page_header import make_page_title
from loket.ui.pdf_preview import PdfPreview
from loket.ui.retranslating import Retranslating
from loket.ui.sponsor_box import SponsorBox
from loket.ui.supervisor_override import SupervisorOverrideDialog
from loket.ui.workers import BackgroundRunner

OK_STYLE = "color: #1f6f43;"
NO_DATE = QDate(1900, 1, 1)  # the birth date field's "not given yet"
WARNING_STYLE = "color: #8a5300;"


class RegistrationPage(Retranslating, QWidget):
    open_participant = Signal(int)
    payment_requested = Signal(int)  # "Bayar iuran sekarang" for the worker just registered

    def __init__(
        self,
        db: Database,
        actor: Actor,
        parent: QWidget | None = None,
        *,
        when: BranchTime | None = None,
    ) -> None:
        super().__init__(parent)
        self._db, self._actor = db, actor
        self._when = when or BranchTime()
        self._duplicate_id: int | None = None
        self.override_dialog: SupervisorOverrideDialog | None = None
        self.title = make_page_title()
        f = self.fields = {
            "nik": QLineEdit(),
            "full_name": QLineEdit(),
            "birth_place": QLineEdit(),
            "birth_date": QDateEdit(),
            "sex": QComboBox(),
            "address": QLineEdit(),
            "province": QComboBox(),
            "regency": QComboBox(),
            "phone": QLineEdit(),
            "email": QLineEdit(),
            "occupation": QComboBox(),
            "segment": QComboBox(),
            "npp": QLineEdit(),
            "declared_income": QLineEdit(),
            "programs": QCheckBox(),
        }
        for name, widget in f.items():
            widget.setObjectName(name)
        self.nik: QLineEdit = f["nik"]  # type: ignore[assignment]
        self.nik.setMaxLength(20)
        self.nik.textChanged.connect(self._check_nik)
        self.nik_status = QLabel()
        self.nik_status.setObjectName("nikStatus")
        self.birth_date: QDateEdit = f["birth_date"]  # type: ignore[assignment]
        self.birth_date.setDisplayFormat("dd-MM-yyyy")
        self.birth_date.setCalendarPopup(True)
        # nothing pre-chosen: the first date is "not given" and shows as blank (the NIK or
        # the clerk fills it); the calendar opens around 1990
        self.birth_date.setMinimumDate(NO_DATE)
        self.birth_date.setSpecialValueText(" ")
        self.birth_date.setDate(NO_DATE)
        self.birth_date.calendarWidget().setCurrentPage(1990, 1)
        self.sex: QComboBox = f["sex"]  # type: ignore[assignment]
        self.sex.addItem("", None)
        self.sex.addItem("", "L")
        self.sex.addItem("", "P")
        self.mismatch = QLabel()
        self.mismatch.setObjectName("nikMismatch")
        self.mismatch.setStyleSheet(ERROR_STYLE)
        self.birth_date.dateChanged.connect(self._check_agreement)
        self.sex.currentIndexChanged.connect(self._check_agreement)
        self.province: QComboBox = f["province"]  # type: ignore[assignment]
        for p in provinces():
            self.province.addItem(f"{p.code} {p.name}", p.code)
        home = branch.get_home_branch(db)  # most walk-ins live in the branch's province
        if home is not None and (here := self.province.findData(home.province_code)) >= 0:
            self.province.setCurrentIndex(here)
        self.regency: QComboBox = f["regency"]  # type: ignore[assignment]
        self.regency.setEditable(True)  # the province's list; a new regency can be typed
        self.province.currentIndexChanged.connect(self._fill_regencies)
        self._fill_regencies()
        self.occupation: QComboBox = f["occupation"]  # type: ignore[assignment]
        fill_occupations(self.occupation, blank=True)  # chosen by the clerk: it decides the relief
        self.segment: QComboBox = f["segment"]  # type: ignore[assignment]
        for s in Segment:
            self.segment.addItem(s.value, s.value)
        self.segment.currentIndexChanged.connect(self._segment_changed)
        self.income: QLineEdit = f["declared_income"]  # type: ignore[assignment]
        self.income.setPlaceholderText("1.000.000")
        self.income.editingFinished.connect(self._format_income)
        self.jht: QCheckBox = f["programs"]  # type: ignore[assignment]
        self.jht.setChecked(True)
        self.fixed_programs = QLabel("JKK + JKM")

        self._labels = {name: QLabel() for name in f}
        form = QFormLayout()
        for name, widget in f.items():
            self._labels[name].setBuddy(widget)
            if name == "nik":
                row = QVBoxLayout()
                row.addWidget(widget)
                row.addWidget(self.nik_status)
                form.addRow(self._labels[name], row)
            elif name == "sex":
                form.addRow(self._labels[name], widget)
                form.addRow("", self.mismatch)
            elif name == "programs":
                row2 = QHBoxLayout()
                row2.addWidget(self.fixed_programs)
                row2.addWidget(widget)
                row2.addStretch(1)
                form.addRow(self._labels[name], row2)
            else:
                form.addRow(self._labels[name], widget)

        self.heirs = HeirsEditor()
        self.sponsor = SponsorBox(db, actor)
        self.error = make_error_label("registrationError")
        self.acknowledge = QCheckBox()
        self.acknowledge.setObjectName("acknowledgeSimilar")
        self.acknowledge.hide()
        self.open_duplicate = QPushButton()
        self.open_duplicate.setObjectName("openDuplicate")
        self.open_duplicate.hide()
        self.open_duplicate.clicked.connect(self._open_duplicate)
        self.result = QLabel()
        self.result.setObjectName("registrationResult")
        self.result.setStyleSheet(OK_STYLE + " font-weight: bold;")
        # the confirmation, above the form where the eyes are, with what usually comes next
        self.done_bar = QFrame()
        self.done_bar.setObjectName("registrationDone")
        self.done_bar.setStyleSheet(
            "#registrationDone { background: #e6f2ea; border-radius: 4px; }"
        )
        self.pay_now_button = QPushButton()
        self.pay_now_button.setObjectName("payNow")
        self.pay_now_button.clicked.connect(self._pay_now)
        self.card_button = QPushButton()
        self.card_button.setObjectName("registeredCard")
        self.card_button.clicked.connect(lambda: self._document("card"))
        self.letter_button = QPushButton()
        self.letter_button.setObjectName("registeredLetter")
        self.letter_button.clicked.connect(lambda: self._document("letter"))
        done_row = QHBoxLayout(self.done_bar)
        done_row.addWidget(self.result, 1)
        for b in (self.pay_now_button, self.card_button, self.letter_button):
            done_row.addWidget(b)
        self.done_bar.hide()
        self.registered: Registered | None = None
        self.preview: PdfPreview | None = None
        self._documents = BackgroundRunner(self)
        self._documents.done.connect(lambda _tag, r: self._show_document(*r))
        self._documents.failed.connect(lambda _tag, e: self.result.setText(error_text(e)))
        self.submit = QPushButton()
        self.submit.setObjectName("register")
        self.submit.setDefault(True)
        self.submit.clicked.connect(lambda: self.register())
        self.reset_button = QPushButton()
        self.reset_button.clicked.connect(self.reset)
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(key), self, lambda: self.register())
        for line in (w for w in f.values() if isinstance(w, QLineEdit)):
            line.returnPressed.connect(lambda: self.register())
        buttons = QHBoxLayout()
        buttons.addWidget(self.submit)
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addLayout(form)
        layout.addWidget(self.heirs)
        layout.addWidget(self.sponsor)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("registrationScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        # the confirmation above, the message and the buttons below the form: always in
        # view on a 1366 × 768 screen, however long the form
        footer = QVBoxLayout()
        footer.setContentsMargins(9, 0, 9, 6)
        footer.addWidget(self.error)
        footer.addWidget(self.acknowledge)
        footer.addWidget(self.open_duplicate)
        footer.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.done_bar)
        self.title.setContentsMargins(9, 9, 9, 0)
        outer.addWidget(self.title)
        outer.addWidget(scroll, 1)
        outer.addLayout(footer)
        self._initial_choices = {c: c.currentIndex() for c in (self.province, self.occupation,
                                                                 self.segment)}  # fmt: skip
        self._segment_changed()
        self.retranslate_ui()

    # -- texts ---------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Pendaftaran peserta"))
        rename_occupations(self.occupation)
        self.pay_now_button.setText(self.tr("Bayar iuran sekarang"))
        self.card_button.setText(self.tr("Kartu peserta"))
        self.letter_button.setText(self.tr("Surat pendaftaran"))
        captions = {
            "nik": self.tr("&NIK"),
            "full_name": self.tr("Nama &lengkap"),
            "birth_place": self.tr("&Tempat lahir"),
            "birth_date": self.tr("Tanggal la&hir"),
            "sex": self.tr("Jenis &kelamin"),
            "address": self.tr("&Alamat"),
            "province": self.tr("&Provinsi"),
            "regency": self.tr("Kabupaten/&kota"),
            "phone": self.tr("&Telepon"),
            "email": self.tr("&E-mail (boleh kosong)"),
            "occupation": self.tr("Peker&jaan"),
            "segment": self.tr("Se&gmen"),
            "npp": self.tr("NPP perusahaan"),
            "declared_income": self.tr("Penghasilan per &bulan"),
            "programs": self.tr("Program"),
        }
        for name, text in captions.items():
            self._labels[name].setText(text)
        self.sex.setItemText(0, self.tr("— pilih —"))
        self.sex.setItemText(1, self.tr("Laki-laki"))
        self.sex.setItemText(2, self.tr("Perempuan"))
        self.occupation.setItemText(0, self.tr("— pilih pekerjaan —"))
        self.jht.setText(self.tr("JHT (Jaminan Hari Tua, pilihan)"))
        self.acknowledge.setText(self.tr("Saya sudah memastikan ini orang yang berbeda"))
        self.open_duplicate.setText(self.tr("Buka data peserta itu"))
        self.submit.setText(self.tr("Daftarkan (Ctrl+Enter)"))
        self.reset_button.setText(self.tr("Kosongkan formulir"))
        self._check_nik()

    # -- as the staff type ---------------------------------------------------
    def _check_nik(self) -> None:
        text = self.nik.text()
        self.open_duplicate.hide()  # an edited NIK is no longer the registered one
        if not text.strip():
            self.nik_status.setText(
                self.tr("16 angka dari KTP; tanggal lahir dan jenis kelamin diisi otomatis.")
            )
            self.nik_status.setStyleSheet("color: #5c5c5c;")
            return
        try:
            info = parse_nik(text, today=self._when.today())
        except InvalidNik as exc:
            if len("".join(ch for ch in text if ch.isdigit())) < 16 and exc.params.get("length"):
                self.nik_status.setText(
                    self.tr("{count} dari 16 angka").format(count=exc.params["length"])
                )
                self.nik_status.setStyleSheet("color: #5c5c5c;")
            else:
                self.nik_status.setText(error_text(exc))
                self.nik_status.setStyleSheet(ERROR_STYLE)
            return
        self.birth_date.setDate(
            QDate(info.birth_date.year, info.birth_date.month, info.birth_date.day)
        )
        self.sex.setCurrentIndex(self.sex.findData(info.sex))
        self.province.setCurrentIndex(self.province.findData(info.province.code))
        if (regency := regency_by_code(info.regency_code)) is not None:
            self.regency.setCurrentText(regency.name)
        sex = self.tr("laki-laki") if info.sex == "L" else self.tr("perempuan")
        if regency_code_known(info.regency_code):
            self.nik_status.setText(f"✓ {info.province.name} · {info.birth_date:%d-%m-%Y} · {sex}")
            self.nik_status.setStyleSheet(OK_STYLE)
        else:  # no check digit in an NIK: an unknown regency is the best hint of a typo
            self.nik_status.setText(
                self.tr(
                    "⚠ Kode kabupaten/kota {code} tidak dikenal di {province} — periksa NIK "
                    "(salah ketik?) · {date} · {sex}"
                ).format(
                    code=info.regency_code,
                    province=info.province.name,
                    date=f"{info.birth_date:%d-%m-%Y}",
                    sex=sex,
                )
            )
            self.nik_status.setStyleSheet(WARNING_STYLE)
        self._check_agreement()
        self._flag_registered(text)

    def _flag_registered(self, nik: str) -> None:
        """An NIK already registered here is said as its 16th digit is typed, with the
        holder's name and KPJ and a way to their record — not after the whole form."""
        found = [
            r for r in participants.search_participants(self._db, self._actor, nik, limit=1)
            if r.matched_by == "nik"
        ]  # fmt: skip
        if not found:
            return
        holder = found[0]
        self._duplicate_id = holder.id
        self.nik_status.setText(
            self.tr("✗ NIK ini sudah terdaftar: {name}, KPJ {kpj}.").format(
                name=holder.full_name, kpj=holder.kpj
            )
        )
        self.nik_status.setStyleSheet(ERROR_STYLE)
        self.open_duplicate.show()

    def _check_agreement(self) -> None:
        try:
            info = parse_nik(self.nik.text(), today=self._when.today())
        except InvalidNik:
            self.mismatch.clear()
            return
        if self._sex() != info.sex:
            self.mismatch.setText(self.tr("Tidak sama dengan NIK: jenis kelamin"))
            self.mismatch.setStyleSheet(ERROR_STYLE)
        elif self._birth_date() != info.birth_date:
            # an NIK is never changed, so a real birth date may differ: a supervisor confirms
            self.mismatch.setText(
                self.tr(
                    "Tanggal lahir berbeda dari NIK ({date}): perlu persetujuan supervisor"
                ).format(date=f"{info.birth_date:%d-%m-%Y}")
            )
            self.mismatch.setStyleSheet(WARNING_STYLE)
        else:
            self.mismatch.clear()

    def _fill_regencies(self) -> None:
        typed = self.regency.currentText()
        self.regency.clear()
        self.regency.addItems([r.name for r in regencies_of(str(self.province.currentData()))])
        self.regency.setCurrentText(typed if self.regency.findText(typed) >= 0 else "")

    def _segment_changed(self) -> None:
        segment = self.segment.currentData()
        self.fields["npp"].setEnabled(segment == Segment.PU)
        self.income.setEnabled(segment == Segment.BPU)

    def _format_income(self) -> None:
        with suppress(InvalidAmount):  # a mistake is shown at registration, at this field
            self.income.setText(format_rupiah(parse_rupiah(self.income.text())).removeprefix("Rp"))

    def _birth_date(self) -> date | None:
        d = self.birth_date.date()
        return None if d == NO_DATE else date(d.year(), d.month(), d.day())

    def _sex(self) -> str:
        return str(self.sex.currentData() or "")

    # -- registering ---------------------------------------------------------
    def _input(self) -> RegistrationInput:
        segment = str(self.segment.currentData())
        income = None
        if segment == Segment.BPU:
            try:
                income = parse_rupiah(self.income.text())
            except InvalidAmount as exc:
                exc.field = "declared_income"
                raise
        text = {n: w.text() for n, w in self.fields.items() if isinstance(w, QLineEdit)}
        text["regency"] = self.regency.currentText()
        born = self._birth_date()
        if born is None:
            raise ValidationError(
                QT_TRANSLATE_NOOP("LoketError", "Tanggal lahir belum diisi."), field="birth_date"
            )
        return RegistrationInput(
            nik=text["nik"],
            full_name=text["full_name"],
            birth_place=text["birth_place"],
            birth_date=born,
            sex=self._sex(),
            address=text["address"],
            province_code=str(self.province.currentData()),
            regency=text["regency"],
            phone=text["phone"],
            email=text["email"],
            occupation=str(self.occupation.currentData() or ""),
            segment=segment,
            npp=text["npp"],
            declared_income=income,
            programs=frozenset({"JKK", "JKM"} | ({"JHT"} if self.jht.isChecked() else set())),
        )

    def register(self, override: Override | None = None) -> None:
        """Registers what the form holds; ``override``: a supervisor's consent to a birth
        date other than the NIK's, asked for when the service says so."""
        clear_error(self.error, self.fields)
        self.result.clear()
        self.done_bar.hide()
        self.registered = None
        self.open_duplicate.hide()
        fields = self.fields | {
            "heirs": self.heirs.table,
            "sponsor_name": self.sponsor.name,
            "sponsor_kind": self.sponsor.kind,
            "sponsor": self.sponsor.name,
            "sponsor_phone": self.sponsor.phone,
        }
        try:
            data = self._input()
            data = replace(
                data, heirs=self.heirs.heirs(), sponsor_id=self.sponsor.sponsor_for_registration()
            )
            done = register_participant(
                self._db,
                self._actor,
                data,
                acknowledge_similar=self.acknowledge.isChecked(),
                nik_date_override=override,
            )
        except NikDateDiffers as exc:
            show_error(self.error, exc, fields)
            self._ask_supervisor(error_text(exc))
            return
        except PossibleDuplicate as exc:
            show_error(self.error, exc, fields)
            self.acknowledge.setChecked(False)
            self.acknowledge.show()
            self.acknowledge.setFocus()
            return
        except DuplicateNik as exc:
            show_error(self.error, exc, fields)
            self._duplicate_id = exc.participant_id
            self.open_duplicate.show()
            return
        except LoketError as exc:
            show_error(self.error, exc, fields)
            return
        self.reset()
        self.registered = done
        self.result.setText(
            self.tr("Terdaftar: {name}, KPJ {kpj}").format(name=done.full_name, kpj=done.kpj)
        )
        self.done_bar.show()

    def _pay_now(self) -> None:
        if self.registered is not None:
            self.payment_requested.emit(self.registered.participant_id)

    def _document(self, kind: str) -> None:
        """The new worker's card or registration letter, built off the GUI thread."""
        done = self.registered
        if done is None:
            return
        db, actor = self._db, self._actor
        self._documents.start(
            lambda: (kind, done.kpj, participant_document(db, actor, done.participant_id, kind))
        )

    def _show_document(self, kind: str, kpj: str, pdf: bytes) -> None:
        title = self.tr("Surat pendaftaran") if kind == "letter" else self.tr("Kartu peserta")
        self.preview = PdfPreview(pdf, f"{title} — {kpj}", f"{kind}-{kpj}.pdf", self)
        self.preview.open()

    def _ask_supervisor(self, reason: str) -> None:
        dialog = SupervisorOverrideDialog(reason, self)
        dialog.accepted.connect(lambda: self.register(dialog.override()))
        self.override_dialog = dialog
        dialog.open()

    def _open_duplicate(self) -> None:
        if self._duplicate_id is not None:
            self.open_participant.emit(self._duplicate_id)

    def reset(self) -> None:
        """Every field as for a new worker (the sponsor stays: *Sertakan* registers several
        workers in a row)."""
        for widget in self.fields.values():
            if isinstance(widget, QLineEdit):
                widget.clear()
        self.birth_date.setDate(NO_DATE)
        self.sex.setCurrentIndex(0)
        for combo, index in self._initial_choices.items():
            combo.setCurrentIndex(index)
        self.regency.setCurrentText("")
        self.jht.setChecked(True)
        self.acknowledge.setChecked(False)
        self.acknowledge.hide()
        self.open_duplicate.hide()
        self.heirs.clear()
        clear_error(self.error, self.fields)
        self.nik.setFocus()
