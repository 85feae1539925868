"""One participant's record: identity, status, programs, heirs, sponsor."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from loket.domain.heirs import Relation
from loket.domain.local_time import BranchTime
from loket.domain.money import format_rupiah
from loket.domain.provinces import province_by_code
from loket.domain.registration import occupation_name
from loket.domain.states import ParticipantStatus
from loket.i18n import current_language, translate
from loket.services.claims import ClaimSummary
from loket.services.participants import ParticipantDetail
from loket.ui.dues_text import dues_per_program, relief_line
from loket.ui.heirs_editor import RELATION_NAMES
from loket.ui.pages.claims.names import benefit_name, status_name
from loket.ui.pages.page_header import make_page_title
from loket.ui.retranslating import Retranslating
from loket.ui.tables import rows_only


class ParticipantView(Retranslating, QWidget):
    back_requested = Signal()
    document_requested = Signal(str)  # "letter" or "card"
    correction_requested = Signal()
    payment_requested = Signal(int)  # participant id
    reprint_requested = Signal(int, str)  # receipt id, number
    void_requested = Signal(int, str)  # receipt id, reason
    claim_requested = Signal(int)  # claim id: open it on the claims page

    def __init__(self, parent: QWidget | None = None, *, when: BranchTime | None = None) -> None:
        super().__init__(parent)
        self.when = when or BranchTime()
        self.setObjectName("participantView")
        self.detail: ParticipantDetail | None = None
        self.title = make_page_title()
        self.back = QPushButton()
        self.back.setObjectName("backToResults")
        self.back.clicked.connect(self.back_requested)
        self.letter_button = QPushButton()
        self.letter_button.setObjectName("printLetter")
        self.letter_button.clicked.connect(lambda: self.document_requested.emit("letter"))
        self.card_button = QPushButton()
        self.card_button.setObjectName("printCard")
        self.card_button.clicked.connect(lambda: self.document_requested.emit("card"))
        self.pay_button = QPushButton()
        self.pay_button.setObjectName("payDues")
        self.pay_button.clicked.connect(
            lambda: self.detail is not None and self.payment_requested.emit(self.detail.id)
        )
        self.correct_button = QPushButton()
        self.correct_button.setObjectName("correctData")
        self.correct_button.clicked.connect(self.correction_requested)
        self.message = QLabel()
        self.message.setObjectName("participantMessage")
        self.message.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("participantStatus")
        self._values: dict[str, QLabel] = {}
        self._labels: dict[str, QLabel] = {}
        form = QFormLayout()
        for key in (
            "kpj",
            "nik",
            "birth",
            "sex",
            "address",
            "phone",
            "email",
            "occupation",
            "segment",
            "income",
            "programs",
            "dues",
            "sponsor",
            "registered",
        ):
            self._labels[key], self._values[key] = QLabel(), QLabel()
            self._values[key].setObjectName(f"value_{key}")
            self._values[key].setWordWrap(True)
            form.addRow(self._labels[key], self._values[key])
        self.heirs_title = QLabel()
        self.heirs = QTableWidget(0, 4)
        self.heirs.setObjectName("heirs")
        self.heirs.verticalHeader().hide()
        self.payments_title = QLabel()
        self.payments = QTableWidget(0, 5)
        self.payments.setObjectName("payments")
        self.payments.setMaximumHeight(160)
        rows_only(self.payments)
        self.reprint_button = QPushButton()
        self.reprint_button.setObjectName("reprintReceipt")
        self.reprint_button.clicked.connect(self._reprint)
        self.void_reason = QLineEdit()
        self.void_reason.setObjectName("voidReason")
        self.void_button = QPushButton()
        self.void_button.setObjectName("requestVoid")
        self.void_button.clicked.connect(self._request_void)
        self.claims_title = QLabel()
        self.claims = QTableWidget(0, 5)
        self.claims.setObjectName("claims")
        self.claims.setMaximumHeight(120)
        rows_only(self.claims, stretch=1)
        # Enter or a double-click opens the claim on *Klaim & serah terima*
        self.claims.activated.connect(self._open_claim)
        self.claim_summaries: list[ClaimSummary] = []
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.pay_button)
        top.addWidget(self.letter_button)
        top.addWidget(self.card_button)
        top.addWidget(self.correct_button)
        top.addWidget(self.back)
        # the title and the actions stay in view; the record scrolls below them (on a
        # 1366 × 768 screen it is taller than the room the window has)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addWidget(self.message)
        layout.addLayout(form)
        layout.addWidget(self.heirs_title)
        layout.addWidget(self.heirs)
        layout.addWidget(self.payments_title)
        layout.addWidget(self.payments)
        receipt_actions = QHBoxLayout()
        receipt_actions.addWidget(self.reprint_button)
        receipt_actions.addWidget(self.void_reason, 1)
        receipt_actions.addWidget(self.void_button)
        layout.addLayout(receipt_actions)
        layout.addWidget(self.claims_title)
        layout.addWidget(self.claims)
        layout.addStretch(1)
        self.record_scroll = QScrollArea()
        self.record_scroll.setObjectName("recordScroll")
        self.record_scroll.setWidgetResizable(True)
        self.record_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.record_scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.addLayout(top)
        outer.addWidget(self.record_scroll, 1)
        self.retranslate_ui()

    def show_participant(
        self, detail: ParticipantDetail, claims: Sequence[ClaimSummary] = ()
    ) -> None:
        self.detail = detail
        self.claim_summaries = list(claims)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.back.setText(self.tr("Kembali ke hasil pencarian"))
        self.letter_button.setText(self.tr("Surat pendaftaran"))
        self.card_button.setText(self.tr("Kartu peserta"))
        self.correct_button.setText(self.tr("Ubah data"))
        self.pay_button.setText(self.tr("Bayar iuran"))
        captions = {
            "kpj": self.tr("KPJ"),
            "nik": self.tr("NIK"),
            "birth": self.tr("Tempat, tanggal lahir"),
            "sex": self.tr("Jenis kelamin"),
            "address": self.tr("Alamat"),
            "phone": self.tr("Telepon"),
            "email": self.tr("E-mail"),
            "occupation": self.tr("Pekerjaan"),
            "segment": self.tr("Segmen"),
            "income": self.tr("Penghasilan dilaporkan"),
            "programs": self.tr("Program"),
            "dues": self.tr("Iuran bulan ini"),
            "sponsor": self.tr("Sponsor (Sertakan)"),
            "registered": self.tr("Terdaftar di"),
        }
        for key, text in captions.items():
            self._labels[key].setText(text)
        self.heirs_title.setText(self.tr("Ahli waris"))
        self.heirs.setHorizontalHeaderLabels(
            [self.tr("Nama"), self.tr("Hubungan"), self.tr("Tanggal lahir"), self.tr("Pendidikan")]
        )
        self.payments_title.setText(self.tr("Riwayat iuran"))
        self.reprint_button.setText(self.tr("Cetak ulang kuitansi"))
        self.void_reason.setPlaceholderText(self.tr("Alasan pembatalan kuitansi terpilih"))
        self.void_button.setText(self.tr("Minta pembatalan"))
        self.payments.setHorizontalHeaderLabels(
            [
                self.tr("Kuitansi"),
                self.tr("Tanggal bayar"),
                self.tr("Masa iuran"),
                self.tr("Jumlah"),
                self.tr("Keringanan"),
            ]
        )
        self.claims.setHorizontalHeaderLabels(
            [
                self.tr("Nomor klaim"),
                self.tr("Manfaat"),
                self.tr("Status"),
                self.tr("Total"),
                self.tr("Dibuat"),
            ]
        )
        d = self.detail
        if d is None:
            return
        self.title.setText(d.full_name)
        self.status.setText(self._status_text(d))
        province = province_by_code(d.province_code)
        where = ", ".join(x for x in (d.regency, province.name if province else "") if x)
        values = {
            "kpj": d.kpj,
            "nik": d.nik,
            "birth": f"{d.birth_place}, {d.birth_date:%d-%m-%Y}",
            "sex": self.tr("Laki-laki") if d.sex == "L" else self.tr("Perempuan"),
            "address": f"{d.address} — {where}" if where else d.address,
            "phone": d.phone,
            "email": d.email or "—",
            "occupation": occupation_name(d.occupation, current_language()),
            "segment": d.segment + (f" (NPP {d.npp})" if d.npp else ""),
            "income": format_rupiah(d.declared_income) if d.declared_income else "—",
            "programs": " + ".join(d.programs),
            "dues": self._dues_text(d),
            "sponsor": (d.sponsor_name or "—")
            + (f" ({d.sponsor_funding})" if d.sponsor_funding != "private" else ""),
            "registered": self.tr("{branch}, oleh {user}").format(
                branch=d.branch_code, user=d.registered_by
            ),
        }
        for key, text in values.items():
            self._values[key].setText(text)
        self.payments.setRowCount(len(d.payments))
        for row, pay in enumerate(d.payments):
            cells = (
                pay.receipt_number + (self.tr(" (BATAL)") if pay.void else ""),
                pay.paid_on.strftime("%d-%m-%Y"),
                pay.period,
                format_rupiah(pay.amount),
                f"−{format_rupiah(pay.relief)}" if pay.relief else "",
            )
            for col, text in enumerate(cells):
                self.payments.setItem(row, col, QTableWidgetItem(text))
        self.payments.resizeColumnsToContents()
        if d.payments:
            self.payments.selectRow(0)
        self._show_claims()
        self.heirs.setRowCount(len(d.heirs))
        for row, h in enumerate(d.heirs):
            heir_cells = (
                h.name,
                translate("HeirsEditor", RELATION_NAMES.get(Relation(h.relation), h.relation)),
                h.birth_date.strftime("%d-%m-%Y") if h.birth_date else "",
                h.education_level,
            )
            for col, text in enumerate(heir_cells):
                self.heirs.setItem(row, col, QTableWidgetItem(text))

    def _show_claims(self) -> None:
        found = self.claim_summaries
        self.claims_title.setText(
            self.tr("Riwayat klaim") if found else self.tr("Riwayat klaim: belum ada klaim.")
        )
        self.claims.setVisible(bool(found))
        self.claims.setRowCount(len(found))
        for row, c in enumerate(found):
            cells = (
                c.number,
                benefit_name(c.benefit),
                status_name(c.status),
                format_rupiah(c.total),
                f"{self.when.date_of(c.created_at):%d-%m-%Y}",
            )
            for col, text in enumerate(cells):
                self.claims.setItem(row, col, QTableWidgetItem(text))

    def _open_claim(self) -> None:
        row = self.claims.currentRow()
        if 0 <= row < len(self.claim_summaries):
            self.claim_requested.emit(self.claim_summaries[row].id)

    def _selected_receipt(self) -> tuple[int, str] | None:
        row = self.payments.currentRow()
        if self.detail is None or not 0 <= row < len(self.detail.payments):
            return None
        line = self.detail.payments[row]
        return line.receipt_id, line.receipt_number

    def _reprint(self) -> None:
        if (chosen := self._selected_receipt()) is not None:
            self.reprint_requested.emit(*chosen)

    def _request_void(self) -> None:
        if (chosen := self._selected_receipt()) is not None:
            self.void_requested.emit(chosen[0], self.void_reason.text())

    @staticmethod
    def _dues_text(d: ParticipantDetail) -> str:
        dues = d.dues_now
        if dues is None:
            return "—"
        text = f"{dues_per_program(dues)} = {format_rupiah(dues.total)}"
        return text + relief_line(dues)

    def _status_text(self, d: ParticipantDetail) -> str:
        if d.status == ParticipantStatus.LINKED:
            return self.tr(
                "Status: ditautkan ke KPJ lain (keputusan konflik NIK); "
                "layani orang ini dengan KPJ yang dipertahankan."
            )
        if d.status != ParticipantStatus.ACTIVE:
            return self.tr("Status: {status}").format(status=d.status)
        c = d.coverage
        if c.active and c.paid_until is not None:
            return self.tr("Status: aktif — iuran lunas sampai {month}").format(
                month=f"{c.paid_until:%m/%Y}"
            )
        if c.lapsed_since is not None:
            return self.tr(
                "Status: non-aktif sejak {month} (menunggak lebih dari {limit} bulan) — "
                "bulan yang terlewat tidak dapat dibayar; bergabung kembali mulai bulan ini"
            ).format(month=f"{c.lapsed_since:%m/%Y}", limit=d.max_arrears)
        if c.arrears_months and c.pay_by is not None:
            return self.tr(
                "Status: aktif — menunggak %n bulan, bayar paling lambat {day}",
                "",
                c.arrears_months,
            ).format(day=f"{c.pay_by:%d-%m-%Y}")
        if c.paid_until is not None:
            return self.tr(
                "Status: aktif — iuran lunas sampai {month}; bulan ini belum dibayar"
            ).format(month=f"{c.paid_until:%m/%Y}")
        return self.tr("Status: terdaftar, belum ada iuran yang dibayar")
