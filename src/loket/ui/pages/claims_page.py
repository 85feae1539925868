"""Claims at the counter: intake with the documents checklist, the claim's detail and
history, payout, handover, and the claim's documents."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from loket.db.engine import Database
from loket.domain.benefits import DOCUMENTS, BenefitType, JhtReason, Stage, required_documents
from loket.domain.errors import QT_TRANSLATE_NOOP, LoketError
from loket.domain.heirs import Relation
from loket.domain.money import InvalidAmount, format_rupiah, parse_rupiah
from loket.i18n import translate
from loket.services import claims, participants
from loket.services.actor import Actor
from loket.services.claim_documents import claim_document
from loket.ui.form_feedback import clear_error, make_error_label, show_error
from loket.ui.heirs_editor import RELATION_NAMES
from loket.ui.pages.page_header import make_page_title
from loket.ui.pdf_preview import PdfPreview
from loket.ui.tables import fit_columns

STATUS_NAMES = {
    "draft": QT_TRANSLATE_NOOP("ClaimsPage", "Draf"),
    "submitted": QT_TRANSLATE_NOOP("ClaimsPage", "Menunggu persetujuan"),
    "approved": QT_TRANSLATE_NOOP("ClaimsPage", "Disetujui"),
    "rejected": QT_TRANSLATE_NOOP("ClaimsPage", "Ditolak"),
    "paid": QT_TRANSLATE_NOOP("ClaimsPage", "Dibayar"),
    "handed_over": QT_TRANSLATE_NOOP("ClaimsPage", "Diserahterimakan"),
}
ACTION_NAMES = {
    "created": QT_TRANSLATE_NOOP("ClaimsPage", "dibuat"),
    "edited": QT_TRANSLATE_NOOP("ClaimsPage", "diubah"),
    "submitted": QT_TRANSLATE_NOOP("ClaimsPage", "diajukan"),
    "approved": QT_TRANSLATE_NOOP("ClaimsPage", "disetujui"),
    "rejected": QT_TRANSLATE_NOOP("ClaimsPage", "ditolak"),
    "paid": QT_TRANSLATE_NOOP("ClaimsPage", "dibayar"),
    "handed_over": QT_TRANSLATE_NOOP("ClaimsPage", "diserahterimakan"),
}


def status_name(status: str) -> str:
    return translate("ClaimsPage", STATUS_NAMES[status])


LEVEL_STAGE = {"TK_SD": Stage.SD, "SMP": Stage.SMP, "SMA": Stage.SMA, "PT": Stage.PT}


def _date_edit(object_name: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setObjectName(object_name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd-MM-yyyy")
    edit.setDate(QDate.currentDate())
    return edit


def _py(d: QDate) -> date:
    return date(d.year(), d.month(), d.day())


class ClaimForm(QWidget):
    """Intake: who, what happened, who claims, where to pay, which documents were seen."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._actor = db, actor
        self.claim_id: int | None = None
        self.participant: participants.ParticipantDetail | None = None
        self.who = QLineEdit()
        self.who.setObjectName("claimParticipant")
        self.who.returnPressed.connect(self.find_participant)
        self.who_name = QLabel()
        self.benefit = QComboBox()
        self.benefit.setObjectName("benefit")
        for b in BenefitType:
            self.benefit.addItem("", b.value)
        self.event_date = _date_edit("eventDate")
        self.cause = QLineEdit()
        self.claimant = QComboBox()
        self.claimant.setObjectName("claimant")
        self.children_table = QTableWidget(0, 5)
        self.children_table.setObjectName("children")
        self.children_table.verticalHeader().hide()
        self.children_table.setMaximumHeight(110)
        fit_columns(self.children_table, 1)
        self.jht_box = QGroupBox()
        self.jht_balance = QLineEdit()
        self.jht_balance.setObjectName("jhtBalance")
        self.jht_statement = _date_edit("jhtStatementDate")
        self.jht_reason = QComboBox()
        self.jht_reason.setObjectName("jhtReason")
        for r in JhtReason:
            self.jht_reason.addItem("", r.value)
        self._jht_labels = [QLabel() for _ in range(3)]
        jht_form = QFormLayout(self.jht_box)
        for label, w in zip(
            self._jht_labels, (self.jht_balance, self.jht_statement, self.jht_reason), strict=True
        ):
            jht_form.addRow(label, w)
        self.bank_name = QLineEdit()
        self.bank_name.setObjectName("bankName")
        self.bank_account = QLineEdit()
        self.bank_account.setObjectName("bankAccount")
        self.account_holder = QLineEdit()
        self.account_holder.setObjectName("accountHolder")
        self.documents = QListWidget()
        self.documents.setObjectName("documents")
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveClaim")
        self.submit_button = QPushButton()
        self.submit_button.setObjectName("submitClaim")
        self.cancel_button = QPushButton()
        self.error = make_error_label("claimError")

        self._labels = [QLabel() for _ in range(9)]
        form = QFormLayout()
        who_row = QWidget()
        who_layout = QHBoxLayout(who_row)
        who_layout.setContentsMargins(0, 0, 0, 0)
        who_layout.addWidget(self.who, 1)
        who_layout.addWidget(self.who_name, 2)
        who_row.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        rows = [
            who_row,
            self.benefit,
            self.event_date,
            self.cause,
            self.claimant,
            self.children_table,
            self.bank_name,
            self.bank_account,
            self.account_holder,
        ]
        for label, row in zip(self._labels, rows, strict=True):
            form.addRow(label, row)
        buttons = QHBoxLayout()
        for button in (self.save_button, self.submit_button, self.cancel_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self._documents_label = QLabel()
        columns = QHBoxLayout()
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(self.jht_box)
        right = QVBoxLayout()
        right.addWidget(self._documents_label)
        right.addWidget(self.documents, 1)
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.fields: dict[str, QWidget] = {
            "participant": self.who,
            "benefit": self.benefit,
            "event_date": self.event_date,
            "claimant": self.claimant,
            "children": self.children_table,
            "bank_name": self.bank_name,
            "bank_account": self.bank_account,
            "account_holder": self.account_holder,
            "documents": self.documents,
            "jht_balance": self.jht_balance,
            "jht_statement_date": self.jht_statement,
            "jht_reason": self.jht_reason,
        }
        self.benefit.currentIndexChanged.connect(self.refresh_documents)
        self.jht_reason.currentIndexChanged.connect(self.refresh_documents)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        tr = self.tr
        for label, text in zip(
            self._labels,
            (
                tr("KPJ atau NIK peserta"),
                tr("Jenis manfaat"),
                tr("Tanggal kejadian"),
                tr("Sebab / keterangan"),
                tr("Pengaju (ahli waris)"),
                tr("Anak (beasiswa)"),
                tr("Bank penerima"),
                tr("Nomor rekening"),
                tr("Nama pemilik rekening"),
            ),
            strict=True,
        ):
            label.setText(text)
        self.who.setPlaceholderText(tr("ketik lalu Enter"))
        names = {
            "JKM": tr("JKM — meninggal bukan karena kerja"),
            "JKK": tr("JKK — meninggal karena kecelakaan kerja"),
            "JHT": tr("JHT — jaminan hari tua"),
            "BEASISWA": tr("Beasiswa saja"),
        }
        for i in range(self.benefit.count()):
            self.benefit.setItemText(i, names[self.benefit.itemData(i)])
        reasons = {
            "age_56": tr("Usia 56 tahun"),
            "stopped_working": tr("Berhenti bekerja"),
            "left_country": tr("Pindah ke luar negeri"),
            "total_disability": tr("Cacat total tetap"),
            "death": tr("Meninggal dunia (ahli waris)"),
            "partial_10": tr("Sebagian 10% (persiapan pensiun)"),
            "partial_30": tr("Sebagian 30% (perumahan)"),
        }
        for i in range(self.jht_reason.count()):
            self.jht_reason.setItemText(i, reasons[self.jht_reason.itemData(i)])
        self.jht_box.setTitle(tr("JHT: dari rincian saldo pusat"))
        for label, text in zip(
            self._jht_labels,
            (tr("Saldo JHT"), tr("Tanggal rincian saldo"), tr("Alasan")),
            strict=True,
        ):
            label.setText(text)
        self.children_table.setHorizontalHeaderLabels(
            [tr("Ikut"), tr("Nama"), tr("Tanggal lahir"), tr("Jenjang"), tr("Kelas/tahun")]
        )
        self._documents_label.setText(tr("Berkas yang sudah diperiksa (wajib semua)"))
        self.save_button.setText(tr("Simpan draf"))
        self.submit_button.setText(tr("Simpan dan ajukan"))
        self.cancel_button.setText(tr("Batal"))
        self.refresh_documents()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- filling in ------------------------------------------------------------------
    def start(self, detail: claims.ClaimDetail | None = None) -> None:
        """A new claim, or ``detail`` to change."""
        clear_error(self.error, self.fields)
        self.claim_id = detail.id if detail else None
        self.participant = None
        self.who.clear()
        self.who_name.clear()
        self.claimant.clear()
        self.children_table.setRowCount(0)
        for w in (
            self.cause,
            self.bank_name,
            self.bank_account,
            self.account_holder,
            self.jht_balance,
        ):
            w.clear()
        self.event_date.setDate(QDate.currentDate())
        if detail is not None:
            self.who.setText(detail.kpj)
            self.load_participant(detail.participant_id)
            self.benefit.setCurrentIndex(self.benefit.findData(detail.benefit))
            self.event_date.setDate(QDate(detail.event_date))
            self.cause.setText(detail.cause)
            self.claimant.setCurrentIndex(max(0, self.claimant.findData(detail.claimant_heir_id)))
            self.bank_name.setText(detail.bank_name)
            self.bank_account.setText(detail.bank_account)
            self.account_holder.setText(detail.account_holder)
            if detail.jht_balance:
                self.jht_balance.setText(format_rupiah(detail.jht_balance).removeprefix("Rp"))
            if detail.jht_statement_date:
                self.jht_statement.setDate(QDate(detail.jht_statement_date))
            self.jht_reason.setCurrentIndex(max(0, self.jht_reason.findData(detail.jht_reason)))
            chosen = {c.name: c for c in detail.children}
            for row in range(self.children_table.rowCount()):
                name = self._cell_text(row, 1)
                include = self.children_table.cellWidget(row, 0)
                assert isinstance(include, QCheckBox)
                include.setChecked(name in chosen)
                if name in chosen:
                    self._stage(row).setCurrentIndex(
                        self._stage(row).findData(str(chosen[name].stage))
                    )
                    self._grade(row).setValue(chosen[name].grade)
            self._tick(detail.documents)
        self.refresh_documents()
        self.who.setFocus()

    def find_participant(self) -> None:
        try:
            participant_id = participants.find_by_identifier(self._db, self._actor, self.who.text())
        except LoketError as exc:
            show_error(self.error, exc, self.fields)
            return
        clear_error(self.error, self.fields)
        self.load_participant(participant_id)
        self.benefit.setFocus()

    def load_participant(self, participant_id: int) -> None:
        p = participants.get_participant(self._db, self._actor, participant_id)
        self.participant = p
        self.who_name.setText(f"{p.full_name} · {p.kpj}")
        self.claimant.clear()
        self.claimant.addItem(self.tr("— peserta sendiri (JHT) —"), None)
        for h in p.heirs:
            relation = translate(
                "HeirsEditor", RELATION_NAMES.get(Relation(h.relation), h.relation)
            )
            self.claimant.addItem(f"{h.name} ({relation})", h.id)
        if len(p.heirs):
            self.claimant.setCurrentIndex(1)
        children = [h for h in p.heirs if h.relation == "child" and h.birth_date is not None]
        self.children_table.setRowCount(len(children))
        for row, h in enumerate(children):
            include = QCheckBox()
            include.setChecked(bool(h.education_level))
            include.toggled.connect(lambda _on: self.refresh_documents())
            self.children_table.setCellWidget(row, 0, include)
            self.children_table.setItem(row, 1, QTableWidgetItem(h.name))
            assert h.birth_date is not None
            born = QTableWidgetItem(h.birth_date.strftime("%d-%m-%Y"))
            born.setData(Qt.ItemDataRole.UserRole, h.birth_date)
            self.children_table.setItem(row, 2, born)
            stage = QComboBox()
            for s in Stage:
                stage.addItem(s.value, s.value)
            default = LEVEL_STAGE.get(h.education_level, Stage.SD)
            stage.setCurrentIndex(stage.findData(default.value))
            self.children_table.setCellWidget(row, 3, stage)
            grade = QSpinBox()
            grade.setRange(1, 6)
            self.children_table.setCellWidget(row, 4, grade)
        self.refresh_documents()

    def _cell_text(self, row: int, col: int) -> str:
        item = self.children_table.item(row, col)
        return item.text() if item else ""

    def _stage(self, row: int) -> QComboBox:
        w = self.children_table.cellWidget(row, 3)
        assert isinstance(w, QComboBox)
        return w

    def _grade(self, row: int) -> QSpinBox:
        w = self.children_table.cellWidget(row, 4)
        assert isinstance(w, QSpinBox)
        return w

    def chosen_children(self) -> tuple[claims.ChildInput, ...]:
        out = []
        for row in range(self.children_table.rowCount()):
            include = self.children_table.cellWidget(row, 0)
            born = self.children_table.item(row, 2)
            if isinstance(include, QCheckBox) and include.isChecked() and born is not None:
                out.append(
                    claims.ChildInput(
                        self._cell_text(row, 1),
                        born.data(Qt.ItemDataRole.UserRole),
                        str(self._stage(row).currentData()),
                        self._grade(row).value(),
                    )
                )
        return tuple(out)

    def refresh_documents(self) -> None:
        """The checklist for this benefit; what was ticked stays ticked."""
        benefit = BenefitType(self.benefit.currentData())
        self.jht_box.setVisible(benefit is BenefitType.JHT)
        seen = self.ticked()
        self.documents.clear()
        codes = required_documents(
            benefit,
            with_scholarship=bool(self.chosen_children()),
            jht_reason=JhtReason(self.jht_reason.currentData()),
            jht_balance=self._balance() or 0,
        )
        for code in codes:
            item = QListWidgetItem(DOCUMENTS[code])  # as on the printed receipt
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if code in seen else Qt.CheckState.Unchecked)
            self.documents.addItem(item)

    def ticked(self) -> frozenset[str]:
        return frozenset(
            self.documents.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.documents.count())
            if self.documents.item(i).checkState() == Qt.CheckState.Checked
        )

    def _tick(self, codes: frozenset[str]) -> None:
        self.refresh_documents()
        for i in range(self.documents.count()):
            item = self.documents.item(i)
            if item.data(Qt.ItemDataRole.UserRole) in codes:
                item.setCheckState(Qt.CheckState.Checked)

    def tick_all(self) -> None:
        for i in range(self.documents.count()):
            self.documents.item(i).setCheckState(Qt.CheckState.Checked)

    def _balance(self) -> int | None:
        try:
            return parse_rupiah(self.jht_balance.text()) if self.jht_balance.text() else 0
        except InvalidAmount:
            return None

    # -- saving ----------------------------------------------------------------------
    def claim_input(self) -> claims.ClaimInput:
        if self.participant is None:
            raise LoketError(
                self.tr("Cari peserta dengan KPJ atau NIK lebih dulu."), field="participant"
            )
        balance = self._balance()
        if balance is None:
            raise LoketError(self.tr("Saldo JHT bukan jumlah rupiah."), field="jht_balance")
        benefit = str(self.benefit.currentData())
        return claims.ClaimInput(
            participant_id=self.participant.id,
            benefit=benefit,
            event_date=_py(self.event_date.date()),
            cause=self.cause.text(),
            claimant_heir_id=self.claimant.currentData(),
            bank_name=self.bank_name.text(),
            bank_account=self.bank_account.text(),
            account_holder=self.account_holder.text(),
            documents=self.ticked(),
            children=self.chosen_children() if benefit != "JHT" else (),
            jht_balance=balance if benefit == "JHT" else 0,
            jht_statement_date=_py(self.jht_statement.date()) if benefit == "JHT" else None,
            jht_reason=str(self.jht_reason.currentData()) if benefit == "JHT" else "",
        )

    def save(self, *, submit: bool) -> int | None:
        """Creates or updates the claim (and submits it); its id, or ``None`` after showing
        the mistake at its field."""
        clear_error(self.error, self.fields)
        try:
            data = self.claim_input()
            if self.claim_id is None:
                self.claim_id = claims.create_claim(self._db, self._actor, data)
            else:
                claims.update_claim(self._db, self._actor, self.claim_id, data)
            if submit:
                claims.submit_claim(self._db, self._actor, self.claim_id)
        except LoketError as exc:
            show_error(self.error, exc, self.fields)
            return None
        return self.claim_id


def _lay_out(
    dialog: QDialog, error_name: str, rows: list[tuple[str, QWidget]], on_ok: Callable[[], None]
) -> QLabel:
    """A step's dialog: its form, the error line, OK (``on_ok``) and Cancel; returns the
    error label."""
    form = QFormLayout()
    for label, widget in rows:
        form.addRow(label, widget)
    error = make_error_label(error_name)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(on_ok)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(error)
    layout.addWidget(buttons)
    return error


class PayoutDialog(QDialog):
    def __init__(
        self, db: Database, actor: Actor, detail: claims.ClaimDetail, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self._db, self._actor, self._detail = db, actor, detail
        self.setWindowTitle(self.tr("Pembayaran klaim {number}").format(number=detail.number))
        self.method = QComboBox()
        self.method.setObjectName("payoutMethod")
        self.method.addItem(self.tr("Transfer bank"), "transfer")
        self.method.addItem(self.tr("Tunai"), "cash")
        self.amount = QLineEdit(format_rupiah(detail.payable_now).removeprefix("Rp"))
        self.amount.setObjectName("payoutAmount")
        self.bank = QLineEdit(detail.bank_name)
        self.account = QLineEdit(detail.bank_account)
        self.reference = QLineEdit()
        self.reference.setObjectName("payoutReference")
        self.error = _lay_out(
            self,
            "payoutError",
            [
                (self.tr("Cara bayar"), self.method),
                (self.tr("Jumlah"), self.amount),
                (self.tr("Bank tujuan"), self.bank),
                (self.tr("Rekening tujuan"), self.account),
                (self.tr("No. referensi transfer"), self.reference),
            ],
            self.pay,
        )
        self.fields: dict[str, QWidget] = {
            "payout_method": self.method,
            "payout_amount": self.amount,
            "payout_bank": self.bank,
            "payout_reference": self.reference,
        }

    def pay(self) -> None:
        clear_error(self.error, self.fields)
        try:
            amount = parse_rupiah(self.amount.text())
            claims.pay_claim(
                self._db,
                self._actor,
                self._detail.id,
                claims.PayoutInput(
                    str(self.method.currentData()),
                    amount,
                    self.bank.text(),
                    self.account.text(),
                    self.reference.text(),
                ),
            )
        except InvalidAmount as exc:
            exc.field = "payout_amount"
            show_error(self.error, exc, self.fields)
            return
        except LoketError as exc:
            show_error(self.error, exc, self.fields)
            return
        self.accept()


class HandoverDialog(QDialog):
    def __init__(
        self,
        db: Database,
        actor: Actor,
        detail: claims.ClaimDetail,
        place: str,
        parent: QWidget | None,
    ) -> None:
        super().__init__(parent)
        self._db, self._actor, self._detail = db, actor, detail
        self.number = ""
        self.setWindowTitle(self.tr("Serah terima klaim {number}").format(number=detail.number))
        self.handed_on = _date_edit("handedOn")
        self.place = QLineEdit(place)
        self.place.setObjectName("handoverPlace")
        self.recipient = QLineEdit(detail.claimant_name)
        self.recipient_nik = QLineEdit(detail.claimant_nik)
        self.witness_1 = QLineEdit()
        self.witness_1.setObjectName("witness1")
        self.witness_2 = QLineEdit()
        self.error = _lay_out(
            self,
            "handoverError",
            [
                (self.tr("Tanggal"), self.handed_on),
                (self.tr("Tempat"), self.place),
                (self.tr("Penerima"), self.recipient),
                (self.tr("NIK penerima (KTP)"), self.recipient_nik),
                (self.tr("Saksi 1"), self.witness_1),
                (self.tr("Saksi 2"), self.witness_2),
            ],
            self.record,
        )
        self.fields: dict[str, QWidget] = {
            "handed_on": self.handed_on,
            "place": self.place,
            "recipient_name": self.recipient,
            "nik": self.recipient_nik,
            "witnesses": self.witness_1,
        }

    def record(self) -> None:
        clear_error(self.error, self.fields)
        try:
            self.number = claims.record_handover(
                self._db,
                self._actor,
                self._detail.id,
                claims.HandoverInput(
                    _py(self.handed_on.date()),
                    self.place.text(),
                    self.recipient.text(),
                    self.recipient_nik.text(),
                    (self.witness_1.text(), self.witness_2.text()),
                ),
            )
        except LoketError as exc:
            show_error(self.error, exc, self.fields)
            return
        self.accept()


class ClaimView(QWidget):
    """One claim: its amounts, status, history, and the next step."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail: claims.ClaimDetail | None = None
        self.heading = QLabel()
        self.heading.setObjectName("claimHeading")
        self.heading.setWordWrap(True)
        self.components = QTableWidget(0, 3)
        self.components.setObjectName("components")
        self.components.verticalHeader().hide()
        self.components.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        fit_columns(self.components, 0)
        self.rejection = make_error_label("rejectionReason")
        self.history = QListWidget()
        self.history.setObjectName("history")
        self.history.setMaximumHeight(120)
        self.edit_button = QPushButton()
        self.submit_button = QPushButton()
        self.submit_button.setObjectName("submitFromView")
        self.pay_button = QPushButton()
        self.pay_button.setObjectName("payClaim")
        self.handover_button = QPushButton()
        self.handover_button.setObjectName("handover")
        self.intake_doc = QPushButton()
        self.handover_doc = QPushButton()
        self.handover_doc.setObjectName("handoverDocument")
        self.scholarship_doc = QPushButton()
        self.back_button = QPushButton()
        buttons = QHBoxLayout()
        for b in (
            self.edit_button,
            self.submit_button,
            self.pay_button,
            self.handover_button,
            self.intake_doc,
            self.handover_doc,
            self.scholarship_doc,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        self._history_label = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.rejection)
        layout.addWidget(self.components, 1)
        layout.addWidget(self._history_label)
        layout.addWidget(self.history)
        layout.addLayout(buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        tr = self.tr
        self.components.setHorizontalHeaderLabels(
            [tr("Komponen"), tr("Hak"), tr("Dibayar sekarang")]
        )
        self._history_label.setText(tr("Riwayat"))
        self.edit_button.setText(tr("Ubah"))
        self.submit_button.setText(tr("Ajukan"))
        self.pay_button.setText(tr("Catat pembayaran…"))
        self.handover_button.setText(tr("Serah terima…"))
        self.intake_doc.setText(tr("Tanda terima berkas"))
        self.handover_doc.setText(tr("Berita acara"))
        self.scholarship_doc.setText(tr("Jadwal beasiswa"))
        self.back_button.setText(tr("Kembali ke daftar"))
        if self.detail is not None:
            self.show_claim(self.detail)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def show_claim(self, d: claims.ClaimDetail) -> None:
        self.detail = d
        status = status_name(d.status)
        self.heading.setText(
            self.tr(
                "<b>{number}</b> · {benefit} · <b>{status}</b><br>{participant} (KPJ {kpj}) · "
                "pengaju {claimant} · total {total}, dibayar sekarang {now}"
            ).format(
                number=d.number,
                benefit=d.benefit,
                status=status,
                participant=d.participant_name,
                kpj=d.kpj,
                claimant=d.claimant_name,
                total=format_rupiah(d.total),
                now=format_rupiah(d.payable_now),
            )
        )
        self.rejection.setVisible(bool(d.rejection_reason) and d.status == "rejected")
        self.rejection.setText(self.tr("Ditolak: {reason}").format(reason=d.rejection_reason))
        self.components.setRowCount(len(d.components))
        for row, c in enumerate(d.components):
            for col, text in enumerate(
                (c.label, format_rupiah(c.amount), format_rupiah(c.payable_now))
            ):
                self.components.setItem(row, col, QTableWidgetItem(text))
        self.history.clear()
        for h in d.history:
            note = f" — {h.note}" if h.note else ""
            self.history.addItem(
                f"{h.at.astimezone().strftime('%d-%m-%Y %H:%M')} · {h.full_name} · "
                f"{translate('ClaimsPage', ACTION_NAMES.get(h.action, h.action))}{note}"
            )
        self.edit_button.setVisible(d.status in ("draft", "rejected"))
        self.submit_button.setVisible(d.status == "draft")
        self.pay_button.setVisible(d.status == "approved")
        self.handover_button.setVisible(d.status == "paid")
        self.handover_doc.setVisible(d.status == "handed_over")
        self.scholarship_doc.setVisible(bool(d.schedule))


class ClaimsPage(QWidget):
    claim_changed = Signal()  # submitted, paid, handed over: what waits may have changed

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._actor = db, actor
        self.preview: PdfPreview | None = None
        self.title = make_page_title()
        self.list = QTableWidget(0, 6)
        self.list.setObjectName("claimList")
        self.list.verticalHeader().hide()
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.doubleClicked.connect(lambda _i: self.open_selected())
        fit_columns(self.list, 3)
        self.new_button = QPushButton()
        self.new_button.setObjectName("newClaim")
        self.new_button.clicked.connect(self.new_claim)
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.open_selected)
        self.summaries: list[claims.ClaimSummary] = []
        list_page = QWidget()
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        list_layout = QVBoxLayout(list_page)
        list_layout.addLayout(buttons)
        list_layout.addWidget(self.list, 1)
        self.form = ClaimForm(db, actor)
        self.form.save_button.clicked.connect(lambda: self._save(submit=False))
        self.form.submit_button.clicked.connect(lambda: self._save(submit=True))
        self.form.cancel_button.clicked.connect(self.show_list)
        self.view = ClaimView()
        self.view.back_button.clicked.connect(self.show_list)
        self.view.edit_button.clicked.connect(self._edit)
        self.view.submit_button.clicked.connect(self._submit)
        self.view.pay_button.clicked.connect(self._pay)
        self.view.handover_button.clicked.connect(self._handover)
        self.view.intake_doc.clicked.connect(lambda: self.show_document("intake"))
        self.view.handover_doc.clicked.connect(lambda: self.show_document("handover"))
        self.view.scholarship_doc.clicked.connect(lambda: self.show_document("scholarship"))
        self.message = make_error_label("claimsMessage")
        self.stack = QStackedWidget()
        for w in (list_page, self.form, self.view):
            self.stack.addWidget(w)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.message)
        layout.addWidget(self.stack, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        tr = self.tr
        self.title.setText(tr("Klaim manfaat dan serah terima"))
        self.new_button.setText(tr("Klaim baru"))
        self.open_button.setText(tr("Buka"))
        self.list.setHorizontalHeaderLabels(
            [tr("Nomor"), tr("Status"), tr("Manfaat"), tr("Peserta"), tr("Pengaju"), tr("Total")]
        )
        self._fill()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def showEvent(self, event: object) -> None:
        if self.stack.currentIndex() == 0:
            self.show_list()
        super().showEvent(event)  # type: ignore[arg-type]

    # -- list ------------------------------------------------------------------------
    def show_list(self) -> None:
        self.message.hide()
        self.summaries = claims.list_claims(self._db, self._actor)
        self._fill()
        self.stack.setCurrentIndex(0)

    def _fill(self) -> None:
        self.list.setRowCount(len(self.summaries))
        for row, s in enumerate(self.summaries):
            cells = (
                s.number,
                status_name(s.status),
                s.benefit,
                s.participant_name,
                s.claimant_name,
                format_rupiah(s.total),
            )
            for col, text in enumerate(cells):
                self.list.setItem(row, col, QTableWidgetItem(text))
        if self.summaries:
            self.list.selectRow(0)

    def open_selected(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.summaries):
            self.open_claim(self.summaries[row].id)

    # -- one claim -------------------------------------------------------------------
    def new_claim(self) -> None:
        self.form.start()
        self.stack.setCurrentWidget(self.form)

    def open_claim(self, claim_id: int) -> None:
        self.view.show_claim(claims.get_claim(self._db, self._actor, claim_id))
        self.stack.setCurrentWidget(self.view)

    def _save(self, *, submit: bool) -> None:
        claim_id = self.form.save(submit=submit)
        if claim_id is not None:
            self.claim_changed.emit()
            self.open_claim(claim_id)
            if not submit:
                self.show_document("intake")

    def _edit(self) -> None:
        if self.view.detail is not None:
            self.form.start(self.view.detail)
            self.stack.setCurrentWidget(self.form)

    def _run(self, step: Callable[[], object]) -> None:
        assert self.view.detail is not None
        claim_id = self.view.detail.id
        try:
            step()
        except LoketError as exc:
            show_error(self.message, exc, {})
            return
        self.message.hide()
        self.claim_changed.emit()
        self.open_claim(claim_id)

    def _submit(self) -> None:
        detail = self.view.detail
        assert detail is not None
        self._run(lambda: claims.submit_claim(self._db, self._actor, detail.id))

    def _pay(self) -> None:
        assert self.view.detail is not None
        dialog = PayoutDialog(self._db, self._actor, self.view.detail, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.open_claim(self.view.detail.id)

    def _handover(self) -> None:
        detail = self.view.detail
        assert detail is not None
        dialog = HandoverDialog(self._db, self._actor, detail, self._actor.branch_name, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.open_claim(detail.id)
            self.show_document("handover")

    def show_document(self, kind: str) -> None:
        detail = self.view.detail
        assert detail is not None
        try:
            pdf = claim_document(self._db, self._actor, detail.id, kind)
        except LoketError as exc:
            show_error(self.message, exc, {})
            return
        titles = {
            "intake": self.tr("Tanda terima berkas"),
            "handover": self.tr("Berita acara serah terima"),
            "scholarship": self.tr("Jadwal beasiswa"),
        }
        name = f"{kind}-{detail.number.replace('/', '-')}.pdf"
        self.preview = PdfPreview(pdf, f"{titles[kind]} — {detail.number}", name, self)
        self.preview.open()
