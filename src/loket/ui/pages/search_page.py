"""Find a participant by NIK, KPJ, phone or name as you type; open their record."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from loket.db.engine import Database
from loket.domain.errors import LoketError
from loket.domain.local_time import BranchTime
from loket.i18n import error_text
from loket.printing.printer import Printer
from loket.services import claims, participants, receipts
from loket.services.actor import Actor
from loket.services.participant_documents import participant_document
from loket.ui.correction_dialog import CorrectionDialog
from loket.ui.models.participant_table import ParticipantTableModel
from loket.ui.pages.page_header import make_page_title
from loket.ui.participant_view import ParticipantView
from loket.ui.pdf_preview import PdfPreview
from loket.ui.receipt_preview import open_receipt_preview
from loket.ui.retranslating import Retranslating
from loket.ui.tables import rows_only, wide_enough_for
from loket.ui.workers import BackgroundRunner

TYPING_PAUSE_MS = 200  # search once the typing pauses, not at every key


class SearchPage(Retranslating, QWidget):
    payment_requested = Signal(int)  # participant id
    claim_requested = Signal(int)  # claim id, from the participant's record

    def __init__(
        self,
        db: Database,
        actor: Actor,
        parent: QWidget | None = None,
        *,
        printer: Printer | None = None,
        receipt_layout: str = "thermal",
        when: BranchTime | None = None,
    ) -> None:
        super().__init__(parent)
        self._db, self._actor, self._printer = db, actor, printer
        self._receipt_layout = receipt_layout
        self.title = make_page_title()
        self.box = QLineEdit()
        self.box.setObjectName("searchBox")
        self.box.setClearButtonEnabled(True)
        self.model = ParticipantTableModel(
            lambda q, limit, offset: participants.search_participants(
                db, actor, q, limit=limit, offset=offset
            ),
            self,
        )
        self.table = QTableView()
        self.table.setObjectName("results")
        self.table.setModel(self.model)
        rows_only(self.table)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self._open_row)
        self.hint = QLabel()
        self.hint.setObjectName("searchHint")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_PAUSE_MS)
        self._timer.timeout.connect(lambda: self.model.search(self.box.text()))
        self.box.textChanged.connect(lambda _text: self._timer.start())
        self.box.returnPressed.connect(self._open_first)
        self.model.modelReset.connect(self._update_hint)
        self.model.answered.connect(self._update_hint)

        results = QWidget()
        col = QVBoxLayout(results)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.title)
        col.addWidget(self.box)
        col.addWidget(self.hint)
        col.addWidget(self.table, 1)
        self.view = ParticipantView(when=when)
        self.view.back_requested.connect(self.show_results)
        self.view.document_requested.connect(self.make_document)
        self.view.correction_requested.connect(self.correct)
        self.view.payment_requested.connect(self.payment_requested)
        self.view.reprint_requested.connect(self.reprint)
        self.view.void_requested.connect(self.request_void)
        self.view.claim_requested.connect(self.claim_requested)
        self.correction: CorrectionDialog | None = None
        self._message_after_load = ""
        self.preview: PdfPreview | None = None
        self._documents = BackgroundRunner(self)
        self._documents.done.connect(lambda _tag, result: self._show_document(*result))
        self._documents.failed.connect(lambda _tag, error: self.hint.setText(error_text(error)))
        self._elsewhere = BackgroundRunner(self)  # a NIK/KPJ of another branch
        self._elsewhere.done.connect(lambda _tag, found: self._show_elsewhere(*found))
        self._opener = BackgroundRunner(self)
        self._opener.done.connect(lambda _tag, detail: self._show_detail(detail))
        self._opener.failed.connect(lambda _tag, error: self.hint.setText(error_text(error)))
        self.stack = QStackedWidget()
        self.stack.addWidget(results)
        self.stack.addWidget(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Cari peserta"))
        self.box.setPlaceholderText(
            self.tr("NIK, KPJ, nomor telepon, atau nama (sebagian pun boleh)")
        )
        self.model.set_headers(
            (
                self.tr("KPJ"),
                self.tr("NIK"),
                self.tr("Nama"),
                self.tr("Tanggal lahir"),
                self.tr("Telepon"),
                self.tr("Status"),
            )
        )
        # the identifiers in full, whatever the name's length: the name takes what is left
        for column, sample in ((0, "00000000000"), (1, "0" * 16), (3, "00-00-0000"),
                               (4, "0812 0000 00000")):  # fmt: skip
            wide_enough_for(self.table, column, sample)
        self._update_hint()

    def _update_hint(self) -> None:
        if not self.box.text().strip():
            self.hint.setText(self.tr("Ketik untuk mencari; Enter membuka hasil pertama."))
        elif self.model.rowCount() == 0:
            self.hint.setText(
                self.tr("Mencari…") if self.model.busy else self.tr("Tidak ada peserta yang cocok.")
            )
            if not self.model.busy:
                query = self.box.text()
                self._elsewhere.start(
                    lambda: (query, participants.find_elsewhere(self._db, self._actor, query))
                )
        else:
            self.hint.setText(
                self.tr("%n peserta ditampilkan{more}", "", self.model.rowCount()).format(
                    more=self.tr(" — gulir untuk melihat lebih banyak")
                    if self.model.canFetchMore()
                    else "",
                )
            )

    def _show_elsewhere(self, query: str, found: participants.OtherBranchRecord | None) -> None:
        if found is None or query != self.box.text() or self.model.rowCount():
            return  # nothing there, or the staff have typed on
        text = self.tr(
            "Tidak terdaftar di cabang ini, tetapi di cabang {branch}: KPJ {kpj}. "
            "Data lengkapnya ada di cabang itu."
        ).format(branch=found.branch_code, kpj=found.kpj)
        if found.linked_to:
            text += " " + self.tr("KPJ ini sudah ditautkan ke KPJ {kpj}.").format(
                kpj=found.linked_to
            )
        self.hint.setText(text)

    def _open_first(self) -> None:
        if self.model.rowCount():
            self._open_row(self.model.index(0, 0))

    def _open_row(self, index: QModelIndex) -> None:
        self.open_participant(self.model.row(index.row()).id)

    def open_participant(self, participant_id: int) -> None:
        db, actor = self._db, self._actor
        self._opener.start(
            lambda: (
                participants.get_participant(db, actor, participant_id),
                claims.list_claims(db, actor, participant_id=participant_id),
            )
        )

    def correct(self) -> None:
        if self.view.detail is None:
            return
        self.correction = CorrectionDialog(self._db, self._actor, self.view.detail, self)
        self.correction.accepted.connect(self._corrected)
        self.correction.open()

    def _corrected(self) -> None:
        assert self.correction is not None and self.correction.outcome is not None
        outcome = self.correction.outcome
        parts = []
        if outcome.applied:
            parts.append(self.tr("Perubahan disimpan."))
        if outcome.request_id is not None:
            parts.append(self.tr("Perubahan data identitas menunggu persetujuan kepala bidang."))
        assert self.view.detail is not None
        self._message_after_load = " ".join(parts)
        self.open_participant(self.view.detail.id)

    def _show_detail(
        self, found: tuple[participants.ParticipantDetail, list[claims.ClaimSummary]]
    ) -> None:
        self.view.message.setText(self._message_after_load)
        self._message_after_load = ""
        self.view.show_participant(*found)
        self.stack.setCurrentWidget(self.view)
        self.view.back.setFocus()

    def make_document(self, kind: str) -> None:
        """Builds the letter or card off the GUI thread, then opens the preview."""
        detail = self.view.detail
        if detail is None:
            return
        db, actor, pid = self._db, self._actor, detail.id
        self._documents.start(
            lambda: (kind, detail.kpj, participant_document(db, actor, pid, kind))
        )

    def _show_document(self, kind: str, kpj: str, pdf: bytes) -> None:
        title = self.tr("Surat pendaftaran") if kind == "letter" else self.tr("Kartu peserta")
        self.preview = PdfPreview(pdf, f"{title} — {kpj}", f"{kind}-{kpj}.pdf", self)
        self.preview.open()

    def reprint(self, receipt_id: int, number: str) -> None:
        """A copy (SALINAN ke-N) to the counter's printer; counted once it printed."""
        self.preview = open_receipt_preview(
            self,
            self._db,
            self._actor,
            receipt_id,
            number,
            printer=self._printer,
            layout=self._receipt_layout,
        )

    def request_void(self, receipt_id: int, reason: str) -> None:
        try:
            receipts.request_void(self._db, self._actor, receipt_id, reason)
        except LoketError as exc:
            self.view.message.setText(error_text(exc))
            return
        self.view.void_reason.clear()
        self.view.message.setText(
            self.tr("Pembatalan diminta; menunggu persetujuan kepala bidang.")
        )

    def show_results(self) -> None:
        self.stack.setCurrentIndex(0)
        self.box.setFocus()
        self.box.selectAll()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:  # Esc goes back from a record to the results
            self.show_results()
            return
        super().keyPressEvent(event)
