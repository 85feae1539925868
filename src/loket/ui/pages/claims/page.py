"""Claims at the counter: the list, and the form, the view and the dialogs of one claim."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from loket.db.engine import Database
from loket.domain.errors import LoketError
from loket.domain.local_time import BranchTime
from loket.domain.money import format_rupiah
from loket.services import claims
from loket.services.actor import Actor
from loket.services.claim_documents import claim_document
from loket.ui.form_feedback import make_error_label, show_error
from loket.ui.pages.claims.dialogs import HandoverDialog, PayoutDialog
from loket.ui.pages.claims.form import ClaimForm
from loket.ui.pages.claims.names import benefit_name, status_name
from loket.ui.pages.claims.view import ClaimView
from loket.ui.pages.page_header import make_page_title
from loket.ui.pdf_preview import PdfPreview
from loket.ui.retranslating import Retranslating
from loket.ui.tables import rows_only


class ClaimsPage(Retranslating, QWidget):
    claim_changed = Signal()  # submitted, paid, handed over: what waits may have changed
    arrears_payment_requested = Signal(int, int, int)  # participant, months, claim

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
        self.preview: PdfPreview | None = None
        self.title = make_page_title()
        self.list = QTableWidget(0, 6)
        self.list.setObjectName("claimList")
        rows_only(self.list, stretch=3)
        self.list.doubleClicked.connect(lambda _i: self.open_selected())
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
        self.form = ClaimForm(db, actor, when=self._when)
        self.form.save_button.clicked.connect(lambda: self._save(submit=False))
        self.form.submit_button.clicked.connect(lambda: self._save(submit=True))
        self.form.cancel_button.clicked.connect(self.show_list)
        self.view = ClaimView(when=self._when)
        self.view.back_button.clicked.connect(self.show_list)
        self.view.edit_button.clicked.connect(self._edit)
        self.view.submit_button.clicked.connect(self._submit)
        self.view.pay_button.clicked.connect(self._pay)
        self.view.handover_button.clicked.connect(self._handover)
        self.view.rest_button.clicked.connect(self._continue_rest)
        self.view.arrears_payment_requested.connect(self.arrears_payment_requested)
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
        self.title.setText(self.tr("Klaim manfaat dan serah terima"))
        self.new_button.setText(self.tr("Klaim baru"))
        self.open_button.setText(self.tr("Buka"))
        self.list.setHorizontalHeaderLabels(
            [
                self.tr("Nomor"),
                self.tr("Status"),
                self.tr("Manfaat"),
                self.tr("Peserta"),
                self.tr("Pengaju"),
                self.tr("Total"),
            ]
        )
        self._fill()

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
                benefit_name(s.benefit),
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

    def _continue_rest(self) -> None:
        """The rest held for the arrears, now paid: a claim that continues this one."""
        detail = self.view.detail
        assert detail is not None
        try:
            rest = claims.continue_after_arrears(self._db, self._actor, detail.id)
        except LoketError as exc:
            show_error(self.message, exc, {})
            return
        self.message.hide()
        self.claim_changed.emit()
        self.open_claim(rest)

    def _pay(self) -> None:
        assert self.view.detail is not None
        dialog = PayoutDialog(self._db, self._actor, self.view.detail, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.open_claim(self.view.detail.id)

    def _handover(self) -> None:
        detail = self.view.detail
        assert detail is not None
        dialog = HandoverDialog(
            self._db, self._actor, detail, self._actor.branch_name, self, when=self._when
        )
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
