"""The supervisor's approvals: claims, data corrections and receipt voids waiting for a
second person, and NIK conflicts with another branch (found by the central server)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from loket.db.engine import Database
from loket.domain.errors import LoketError
from loket.domain.local_time import BranchTime
from loket.domain.money import format_rupiah
from loket.i18n import translate
from loket.services.actor import Actor
from loket.services.claims import ClaimSummary, claim_dossier, decide_claim, list_claims
from loket.services.corrections import PendingCorrection, decide_correction, pending_corrections
from loket.services.receipts import ReceiptSummary, decide_void, pending_voids, receipt_document
from loket.services.sync import ConflictInfo, list_conflicts, read_other_side, resolve_conflict
from loket.sync.worker import configured_client, not_configured
from loket.ui.approval_dossier import FIELD_NAMES, ApprovalDossier
from loket.ui.form_feedback import clear_error, make_error_label, show_error
from loket.ui.pages.page_header import make_page_title
from loket.ui.retranslating import Retranslating
from loket.ui.tables import fit_columns, rows_only
from loket.ui.workers import BackgroundRunner

Pending = PendingCorrection | ReceiptSummary | ClaimSummary | ConflictInfo


class ApprovalsPage(Retranslating, QWidget):
    decided = Signal()

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
        self.items: list[Pending] = []
        self.title = make_page_title()
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("pendingCorrections")
        rows_only(self.table)
        self.table.itemSelectionChanged.connect(self._title_buttons)
        self.table.itemSelectionChanged.connect(self._show_dossier)
        fit_columns(self.table, 2)
        self.dossier = ApprovalDossier(when=when)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.dossier)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 2)
        self.empty = QLabel()
        self.note = QLineEdit()
        self.note.setObjectName("note")
        # a double-click or Enter on a row: its dossier is shown; the cursor goes to the note
        self.table.itemActivated.connect(lambda _item: self.note.setFocus())
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self._note_label, self._password_label = QLabel(), QLabel()
        form = QFormLayout()
        form.addRow(self._note_label, self.note)
        form.addRow(self._password_label, self.password)
        self.approve = QPushButton()
        self.approve.setObjectName("approve")
        self.approve.clicked.connect(lambda: self._decide(True))
        self.reject = QPushButton()
        self.reject.setObjectName("reject")
        self.reject.clicked.connect(lambda: self._decide(False))
        # a NIK conflict: the other branch's person is read from the central server on demand
        self.other_side = QPushButton()
        self.other_side.setObjectName("readOtherSide")
        self.other_side.clicked.connect(self._read_other_side)
        self._runner = BackgroundRunner(self)
        self._runner.done.connect(self._other_side_read)
        self.error = make_error_label("approvalError")
        self._runner.failed.connect(self._other_side_failed)
        self.done = QLabel()
        self.done.setObjectName("approvalDone")
        buttons = QHBoxLayout()
        buttons.addWidget(self.approve)
        buttons.addWidget(self.reject)
        buttons.addStretch(1)
        buttons.addWidget(self.other_side)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.empty)
        layout.addWidget(split, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addWidget(self.done)
        self.retranslate_ui()  # the list itself is read each time the page is shown

    def retranslate_ui(self) -> None:
        self.title.setText(
            self.tr("Persetujuan: klaim, perubahan data, pembatalan kuitansi, konflik NIK")
        )
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("KPJ / kuitansi"),
                self.tr("Nama / pembayar"),
                self.tr("Perubahan"),
                self.tr("Alasan / catatan"),
                self.tr("Diajukan oleh"),
            ]
        )
        self.other_side.setText(self.tr("Lihat data peserta cabang lain…"))
        self.other_side.setToolTip(
            self.tr(
                "Nama dan tanggal lahir peserta di cabang lain diambil dari server pusat "
                "hanya saat diperlukan; setiap pengambilan dicatat di jejak audit."
            )
        )
        self._note_label.setText(self.tr("Catatan (wajib bila ditolak)"))
        self._password_label.setText(self.tr("Kata sandi Anda"))
        self._title_buttons()
        self.empty.setText(
            self.tr("Tidak ada yang menunggu persetujuan.") if not self.items else ""
        )

    def showEvent(self, event: object) -> None:
        self.refresh()
        self.decided.emit()
        super().showEvent(event)  # type: ignore[arg-type]

    def refresh(self) -> None:
        self.items = [
            *list_claims(self._db, self._actor, statuses=["submitted"]),
            *pending_corrections(self._db, self._actor, clock=self._when.clock),
            *pending_voids(self._db, self._actor),
            *(c for c in list_conflicts(self._db, self._actor) if not c.local_choice),
        ]
        self.table.setRowCount(len(self.items))
        for row, item in enumerate(self.items):
            for col, text in enumerate(self._cells(item)):
                self.table.setItem(row, col, QTableWidgetItem(text))
        if self.items:
            self.table.selectRow(0)
        for w in (self.approve, self.reject, self.note, self.password):
            w.setEnabled(bool(self.items))
        self.empty.setText(
            self.tr("Tidak ada yang menunggu persetujuan.") if not self.items else ""
        )

    def _selected(self) -> Pending | None:
        row = self.table.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def _title_buttons(self) -> None:
        """A NIK conflict is decided by keeping one of the two KPJs, not by approving."""
        item = self._selected()
        self.other_side.setVisible(isinstance(item, ConflictInfo))
        if isinstance(item, ConflictInfo):
            self.approve.setText(
                self.tr("Pertahankan KPJ {kpj} (cabang ini)").format(kpj=item.here.kpj)
            )
            self.reject.setText(
                self.tr("Pertahankan KPJ {kpj} ({branch})").format(
                    kpj=item.there.kpj, branch=item.there.branch
                )
            )
        else:
            self.approve.setText(self.tr("Setujui"))
            self.reject.setText(self.tr("Tolak"))

    def _show_dossier(self) -> None:
        item = self._selected()
        if item is None:
            self.dossier.clear()
            return
        try:
            if isinstance(item, ClaimSummary):
                self.dossier.show_item(item, claim_dossier(self._db, self._actor, item.id))
            elif isinstance(item, ReceiptSummary):
                pdf = receipt_document(self._db, self._actor, item.id)
                self.dossier.show_item(item, pdf)
            else:
                self.dossier.show_item(item)
        except LoketError as exc:
            show_error(self.error, exc, {})

    def _read_other_side(self) -> None:
        item = self._selected()
        if not isinstance(item, ConflictInfo):
            return
        clear_error(self.error, {})
        db, actor, clock = self._db, self._actor, self._when.clock

        def read() -> tuple[int, ConflictInfo]:
            client = configured_client(db)
            if client is None:
                raise not_configured(db)
            with client:
                return item.id, read_other_side(db, actor, item, client, clock=clock)

        self.other_side.setEnabled(False)
        self._runner.start(read)

    def _other_side_read(self, _tag: int, answer: tuple[int, ConflictInfo]) -> None:
        self.other_side.setEnabled(True)
        conflict_id, read = answer
        for row, item in enumerate(self.items):
            if isinstance(item, ConflictInfo) and item.id == conflict_id:
                self.items[row] = read
                if row == self.table.currentRow():
                    self.dossier.show_item(read)

    def _other_side_failed(self, _tag: int, error: LoketError) -> None:
        self.other_side.setEnabled(True)
        show_error(self.error, error, {})

    def _cells(self, item: Pending) -> tuple[str, ...]:
        if isinstance(item, ConflictInfo):
            what = self.tr("Konflik NIK {nik}: juga terdaftar di {branch}, KPJ {kpj}").format(
                nik=item.nik, branch=item.there.branch, kpj=item.there.kpj
            )
            return item.here.kpj, item.here.full_name, what, "", self.tr("server pusat")
        if isinstance(item, ClaimSummary):
            what = self.tr("Klaim {benefit}: {total} (dibayar sekarang {now})").format(
                benefit=item.benefit,
                total=format_rupiah(item.total),
                now=format_rupiah(item.payable_now),
            )
            for flag in item.flags:  # what the supervisor must check first
                what += " ⚠ " + translate("LoketError", flag)
            return item.number, item.participant_name, what, "", item.created_by
        if isinstance(item, ReceiptSummary):
            what = self.tr("Batalkan kuitansi ({total})").format(total=format_rupiah(item.total))
            return item.number, item.payer, what, item.void_reason, item.void_requested_by
        change = "; ".join(
            f"{translate('ApprovalsPage', FIELD_NAMES.get(field, field))}: "
            f"{item.old_values.get(field, '')} → {value}"
            for field, value in item.changes.items()
        )
        return item.kpj, item.full_name, change, item.reason, item.requested_by

    def _decide(self, approve: bool) -> None:
        fields: dict[str, QWidget] = {"note": self.note, "password": self.password}
        clear_error(self.error, fields)
        self.done.clear()
        item = self._selected()
        if item is None:
            return
        password, note = self.password.text(), self.note.text()
        act: Callable[[], object]
        if isinstance(item, ConflictInfo):
            keep = item.here.kpj if approve else item.there.kpj
            act = partial(
                resolve_conflict, self._db, self._actor, item.id, keep, password=password, note=note
            )
            done = self.tr("Diputuskan: KPJ {kpj} dipertahankan; dikirim ke server pusat.")
            done = done.format(kpj=keep)
        else:
            decide = (
                decide_claim
                if isinstance(item, ClaimSummary)
                else decide_void
                if isinstance(item, ReceiptSummary)
                else decide_correction
            )
            act = partial(
                decide,
                self._db,
                self._actor,
                item.id,
                approve=approve,
                password=password,
                note=note,
            )
            name = item.full_name if isinstance(item, PendingCorrection) else item.number
            done = self.tr("Disetujui: {name}") if approve else self.tr("Ditolak: {name}")
            done = done.format(name=name)
        try:
            act()
        except LoketError as exc:
            self.password.clear()
            show_error(self.error, exc, fields)
            return
        self.done.setText(done)
        self.password.clear()
        self.note.clear()
        self.refresh()
        self.decided.emit()
