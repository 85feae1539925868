"""Taking contribution payments at the counter, keyboard first: Enter pays, Esc clears."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from loket.db.engine import Database
from loket.domain.errors import LoketError
from loket.domain.money import InvalidAmount, format_rupiah, parse_rupiah
from loket.domain.states import PaymentMethod, VoidStatus
from loket.printing.printer import Printer
from loket.services import participants, payments, receipts
from loket.services.actor import Actor
from loket.services.clock import Clock, system_clock
from loket.ui.cash_bar import CashBar
from loket.ui.cash_count_dialog import CountFor
from loket.ui.dues_text import dues_per_program, relief_line
from loket.ui.form_feedback import clear_error, make_error_label, show_error
from loket.ui.pages.page_header import make_page_title
from loket.ui.paper_receipt_dialog import PaperReceiptDialog
from loket.ui.pdf_preview import PdfPreview
from loket.ui.receipt_preview import open_receipt_preview
from loket.ui.retranslating import Retranslating
from loket.ui.tables import rows_only

KPJ, NAME, MONTHS, PERIOD, MONTHLY, RELIEF, AMOUNT = range(7)


class PaymentPage(Retranslating, QWidget):
    def __init__(
        self,
        db: Database,
        actor: Actor,
        printer: Printer,
        parent: QWidget | None = None,
        *,
        receipt_layout: str = "thermal",
        timezone: str = "Asia/Makassar",
        clock: Clock = system_clock,
    ) -> None:
        """``receipt_layout``: the counter's paper, ``"thermal"`` (80 mm) or ``"a5"``;
        ``clock`` dates the payments (each month's dues follow the rules of that month)."""
        super().__init__(parent)
        self._db, self._actor, self._printer = db, actor, printer
        self._clock = clock
        self._layout = receipt_layout
        self.participant_ids: list[int] = []
        self._claims: dict[int, int] = {}  # participant → the claim whose arrears are paid
        self._sponsors: dict[int, str] = {}  # sponsors of the workers on this receipt
        self.quote: payments.Quote | None = None
        self.preview: PdfPreview | None = None
        self.title = make_page_title()
        self._timezone = timezone
        self.cash_bar = CashBar(db, actor, self, timezone=timezone, clock=clock)
        self.who = QLineEdit()
        self.who.setObjectName("payFor")
        self.who.returnPressed.connect(self.add_from_box)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.add_from_box)
        self.table = QTableWidget(0, 7)
        self.table.setObjectName("paymentLines")
        rows_only(self.table, stretch=NAME, single=False)
        self.table.itemSelectionChanged.connect(self._show_breakdown)
        self.breakdown = QLabel()  # the chosen row's months, programs and relief
        self.breakdown.setObjectName("breakdown")
        self.breakdown.setWordWrap(True)
        self.breakdown.setTextFormat(Qt.TextFormat.PlainText)
        self.total = QLabel()
        self.total.setObjectName("total")
        font = QFont(self.total.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.total.setFont(font)
        self.payer = QComboBox()
        self.payer.setObjectName("payer")
        self.payer.addItem("", None)
        self.payer.currentIndexChanged.connect(self._payer_chosen)
        self.all_workers_button = QPushButton()
        self.all_workers_button.setObjectName("allSponsorWorkers")
        self.all_workers_button.clicked.connect(self.add_sponsor_workers)
        self.all_workers_button.hide()
        self.method = QComboBox()
        self.method.setObjectName("method")
        for code in payments.METHODS:
            self.method.addItem("", code)
        self.method.currentIndexChanged.connect(self._method_changed)
        self.tendered = QLineEdit()
        self.tendered.setObjectName("tendered")
        self.tendered.textChanged.connect(self._update_change)
        self.tendered.returnPressed.connect(self.pay)
        self.change = QLabel()
        self.change.setObjectName("change")
        self.reference = QLineEdit()
        self.reference.setObjectName("reference")
        self.reference.returnPressed.connect(self.pay)
        self.pay_button = QPushButton()
        self.pay_button.setObjectName("payButton")
        self.pay_button.clicked.connect(self.pay)
        self.clear_button = QPushButton()
        self.clear_button.clicked.connect(self.clear)
        self.paper_button = QPushButton()  # after a restore: a paper receipt entered again
        self.paper_button.setObjectName("paperButton")
        self.paper_button.clicked.connect(self.enter_paper_receipt)
        self.error = make_error_label("paymentError")
        self.done = QLabel()
        self.done.setObjectName("paymentDone")
        self.receipt_search = QLineEdit()
        self.receipt_search.setObjectName("receiptSearch")
        self.receipt_search.setClearButtonEnabled(True)
        self.receipt_search.returnPressed.connect(self.find_receipts)
        self.receipt_search.textChanged.connect(
            lambda text: None if text.strip() else self.refresh_unprinted()
        )
        self.unprinted_title = QLabel()
        self.unprinted = QListWidget()
        self.unprinted.setObjectName("unprinted")
        self.unprinted.setMaximumHeight(90)
        self.reprint_button = QPushButton()
        self.reprint_button.setObjectName("reprint")
        self.reprint_button.clicked.connect(self._reprint_selected)

        add_row = QHBoxLayout()
        add_row.addWidget(self.who, 1)
        add_row.addWidget(self.add_button)
        self._labels = [QLabel() for _ in range(5)]
        payer_row = QHBoxLayout()
        payer_row.addWidget(self.payer, 1)
        payer_row.addWidget(self.all_workers_button)
        form = QFormLayout()
        form.addRow(self._labels[0], payer_row)
        form.addRow(self._labels[1], self.method)
        form.addRow(self._labels[2], self.tendered)
        form.addRow(self._labels[3], self.change)
        form.addRow(self._labels[4], self.reference)
        buttons = QHBoxLayout()
        buttons.addWidget(self.pay_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        buttons.addWidget(self.paper_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.cash_bar)
        layout.addLayout(add_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.breakdown)
        layout.addWidget(self.total)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        layout.addWidget(self.done)
        layout.addWidget(self.receipt_search)
        layout.addWidget(self.unprinted_title)
        layout.addWidget(self.unprinted)
        layout.addWidget(self.reprint_button)
        self.fields = {
            "lines": self.table,
            "months": self.table,
            "method": self.method,
            "tendered": self.tendered,
            "reference": self.reference,
            "sponsor": self.payer,
            "cash_session": self.cash_bar,
            "paper_number": self.paper_button,
            "paper_time": self.paper_button,
            "override": self.paper_button,
        }
        self.retranslate_ui()
        self._method_changed()
        self.refresh_unprinted()
        self.who.setFocus()

    # -- texts ---------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Pembayaran iuran"))
        self.who.setPlaceholderText(self.tr("KPJ atau NIK peserta, lalu Enter"))
        self.add_button.setText(self.tr("Tambah"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("KPJ"),
                self.tr("Nama"),
                self.tr("Bulan"),
                self.tr("Masa iuran"),
                self.tr("Per bulan"),
                self.tr("Keringanan"),
                self.tr("Jumlah"),
            ]
        )
        for i, text in enumerate((self.tr("Tunai"), self.tr("Transfer bank"), self.tr("QRIS"))):
            self.method.setItemText(i, text)
        for label, text in zip(
            self._labels,
            (
                self.tr("Dibayar oleh"),
                self.tr("Cara bayar"),
                self.tr("Uang diterima"),
                self.tr("Kembali"),
                self.tr("No. referensi"),
            ),
            strict=True,
        ):
            label.setText(text)
        self.pay_button.setText(self.tr("Bayar (Enter)"))
        self.clear_button.setText(self.tr("Batal (Esc)"))
        self.paper_button.setText(self.tr("Kuitansi kertas…"))
        self.paper_button.setToolTip(
            self.tr(
                "Memasukkan lagi kuitansi yang sudah diserahkan di atas kertas tetapi "
                "catatannya hilang bersama disk, dengan nomor dan waktunya (disetujui supervisor)."
            )
        )
        self.payer.setItemText(0, self.tr("Peserta sendiri"))
        self._payer_changed()
        self.receipt_search.setPlaceholderText(
            self.tr(
                "Cari kuitansi: nomor, KPJ, nama, pembayar, atau tanggal hh-bb-tttt, lalu Enter"
            )
        )
        self.unprinted_title.setText(self.tr("Kuitansi belum dicetak"))
        self.reprint_button.setText(self.tr("Lihat dan cetak kuitansi terpilih"))
        self._show_quote()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.clear()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # Line edits act on their own Enter (add a participant, pay) and pass it up; a
            # button (the drawer's) is not a way to pay.
            if not isinstance(self.focusWidget(), (QLineEdit, QAbstractButton)):
                self.pay()
            return
        super().keyPressEvent(event)

    # -- who pays for whom ---------------------------------------------------
    def add_from_box(self) -> None:
        text = self.who.text().strip()
        if not text:
            return
        try:
            participant_id = participants.find_by_identifier(self._db, self._actor, text)
        except LoketError as exc:
            show_error(self.error, exc, self.fields)
            return
        self.who.clear()
        self.add_participant(participant_id)

    def add_participant(self, participant_id: int, months: int = 1) -> None:
        if self._append(participant_id, months):
            self.refresh_quote()

    def add_claim_arrears(self, participant_id: int, months: int, claim_id: int) -> None:
        """The arrears at a claim's event (a death, an accident): exactly those months, which
        the service judges as on that day; the claim goes on once they are paid."""
        if participant_id in self.participant_ids:
            self.clear()  # the same person's months of another kind: this receipt starts over
        self._claims[participant_id] = claim_id
        if self._append(participant_id, months):
            self.refresh_quote()

    def _append(self, participant_id: int, months: int) -> bool:
        if participant_id in self.participant_ids:
            return False
        self.participant_ids.append(participant_id)
        row = self.table.rowCount()
        self.table.insertRow(row)
        spin = QSpinBox()
        spin.setRange(1, 12)
        spin.setValue(months)
        spin.setEnabled(participant_id not in self._claims)  # a claim's months are fixed
        spin.valueChanged.connect(lambda _v: self.refresh_quote())
        self.table.setCellWidget(row, MONTHS, spin)
        return True

    def _payer_chosen(self) -> None:
        self._payer_changed()
        self.refresh_quote()  # a sponsor funded by APBN/APBD pays without the relief

    def _payer_changed(self) -> None:
        sponsor = self.payer.currentData()
        self.all_workers_button.setVisible(sponsor is not None)
        if sponsor is not None:
            self.all_workers_button.setText(
                self.tr("Tambah semua pekerja sponsor ini ({count})").format(
                    count=len(payments.sponsor_workers(self._db, self._actor, sponsor))
                )
            )

    def add_sponsor_workers(self) -> None:
        """*Sertakan*: every worker the chosen sponsor registered, one month each."""
        sponsor = self.payer.currentData()
        if sponsor is None:
            return
        added = [
            self._append(pid, 1) for pid in payments.sponsor_workers(self._db, self._actor, sponsor)
        ]
        if any(added):
            self.refresh_quote()

    def _refresh_payers(self) -> None:
        """The payer is the participant, or the *Sertakan* sponsor of one of them."""
        for line in self.quote.lines if self.quote is not None else ():
            if line.sponsor_id is not None:
                self._sponsors[line.sponsor_id] = line.sponsor_name
        chosen = self.payer.currentData()
        self.payer.blockSignals(True)
        while self.payer.count() > 1:
            self.payer.removeItem(1)
        for sponsor_id, name in self._sponsors.items():
            self.payer.addItem(self.tr("Sponsor: {name}").format(name=name), sponsor_id)
        self.payer.setCurrentIndex(max(0, self.payer.findData(chosen)))
        self.payer.blockSignals(False)  # the choice stays: its sponsor is kept in the list

    def set_months(self, row: int, months: int) -> None:
        spin = self.table.cellWidget(row, MONTHS)
        assert isinstance(spin, QSpinBox)
        spin.setValue(months)

    def _lines(self) -> list[payments.PaymentLine]:
        lines = []
        for row, pid in enumerate(self.participant_ids):
            spin = self.table.cellWidget(row, MONTHS)
            assert isinstance(spin, QSpinBox)
            lines.append(payments.PaymentLine(pid, spin.value(), for_claim=self._claims.get(pid)))
        return lines

    def refresh_quote(self) -> None:
        """The breakdown, recomputed by the service as the staff change anything."""
        clear_error(self.error, self.fields)
        self.quote = None
        if self.participant_ids:
            try:
                self.quote = payments.quote(
                    self._db,
                    self._actor,
                    self._lines(),
                    sponsor_id=self.payer.currentData(),
                    clock=self._clock,
                )
            except LoketError as exc:
                show_error(self.error, exc, self.fields)
        self._show_quote()

    def _show_quote(self) -> None:
        q = self.quote
        if q is not None:
            for row, line in enumerate(q.lines):
                cells = {
                    KPJ: line.kpj,
                    NAME: line.full_name,
                    PERIOD: line.period.label(),
                    MONTHLY: " · ".join(format_rupiah(run.dues.total) for run in line.runs),
                    RELIEF: f"−{format_rupiah(line.relief)}" if line.relief else "",
                    AMOUNT: format_rupiah(line.amount),
                }
                for col, text in cells.items():
                    self.table.setItem(row, col, QTableWidgetItem(text))
        self._refresh_payers()
        total = self.tr("Total: {total}").format(total=format_rupiah(q.total if q else 0))
        if q is not None and q.relief:
            total += self.tr("  (iuran normal {normal}, keringanan −{relief})").format(
                normal=format_rupiah(q.total + q.relief), relief=format_rupiah(q.relief)
            )
        self.total.setText(total)
        self._show_breakdown()
        self._update_change()

    def _show_breakdown(self) -> None:
        """The chosen participant's standing and each run of months per program: the
        normal amount, the relief and its basis."""
        q = self.quote
        if q is None or not q.lines:
            self.breakdown.clear()
            return
        row = self.table.currentRow()
        line = q.lines[row if 0 <= row < len(q.lines) else 0]
        texts = [line.full_name]
        standing = line.standing
        if line.for_claim:
            texts.append(
                self.tr(
                    "Tunggakan saat kejadian klaim {number}: {months}. Klaim berlanjut setelah "
                    "dibayar."
                ).format(number=line.for_claim, months=line.period.label())
            )
        elif standing.lapsed_since is not None:
            texts.append(
                self.tr(
                    "Non-aktif sejak {since} (tunggakan melewati batas): bergabung kembali "
                    "mulai {first}; bulan yang terlewat tidak dapat dibayar."
                ).format(since=f"{standing.lapsed_since:%m/%Y}", first=f"{line.period.first:%m/%Y}")
            )
        elif standing.arrears_months and standing.pay_by is not None:
            texts.append(
                self.tr(
                    "Menunggak %n bulan — bayar paling lambat {day}.",
                    "",
                    standing.arrears_months,
                ).format(day=f"{standing.pay_by:%d-%m-%Y}")
            )
        for run in line.runs:
            basis = relief_line(run.dues) if run.relief else ""
            texts.append(
                self.tr("{period}: {programs} per bulan{basis}").format(
                    period=run.period.label(), programs=dues_per_program(run.dues), basis=basis
                )
            )
        self.breakdown.setText("\n".join(texts))

    # -- how they pay --------------------------------------------------------
    def _method_changed(self) -> None:
        cash = self.method.currentData() == PaymentMethod.CASH
        self.tendered.setEnabled(cash)
        self.reference.setEnabled(not cash)
        self._update_change()

    def _tendered(self) -> int | None:
        try:
            return parse_rupiah(self.tendered.text())
        except InvalidAmount:
            return None

    def _update_change(self) -> None:
        tendered = self._tendered()
        if (
            self.method.currentData() != PaymentMethod.CASH
            or self.quote is None
            or tendered is None
        ):
            self.change.setText("—")
        elif tendered < self.quote.total:
            self.change.setText(
                self.tr("kurang {amount}").format(amount=format_rupiah(self.quote.total - tendered))
            )
        else:
            self.change.setText(format_rupiah(tendered - self.quote.total))

    def enter_paper_receipt(self) -> None:
        """The lines as printed on the paper receipt are on the page; its number, time and
        a supervisor's consent are asked, then it is saved as :meth:`pay` saves."""
        dialog = PaperReceiptDialog(self._actor.branch_code, self._timezone, self._clock(), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._pay(dialog.paper())

    def pay(self) -> None:
        self._pay(None)

    def _pay(self, paper: payments.PaperReceipt | None) -> None:
        clear_error(self.error, self.fields)
        self.done.clear()
        if self.cash_bar.drawer is None and paper is None:
            self.cash_bar.refresh()
        if self.cash_bar.drawer is None:
            # the day's first payment: the drawer opens with its float counted, then it pays
            self.cash_bar.count(CountFor.OPEN)
            assert self.cash_bar.dialog is not None
            self.cash_bar.dialog.accepted.connect(self.pay)
            return
        cash = self.method.currentData() == PaymentMethod.CASH
        try:
            tendered = parse_rupiah(self.tendered.text()) if cash else None
        except InvalidAmount as exc:
            exc.field = "tendered"
            show_error(self.error, exc, self.fields)
            return
        try:
            paid = payments.pay(
                self._db,
                self._actor,
                self._lines(),
                method=str(self.method.currentData()),
                tendered=tendered,
                reference=self.reference.text(),
                sponsor_id=self.payer.currentData(),
                paper=paper,
                clock=self._clock,
            )
        except LoketError as exc:
            if exc.field == "cash_session":
                self.cash_bar.refresh()  # its buttons: count and close, or take over
            show_error(self.error, exc, self.fields)
            return
        self.clear()
        self.cash_bar.refresh()
        self.done.setText(
            self.tr("Kuitansi {number} tersimpan. Kembali: {change}").format(
                number=paid.number, change=format_rupiah(paid.change or 0)
            )
        )
        self.refresh_unprinted()
        self.show_receipt(paid.receipt_id, paid.number)

    # -- the receipt -----------------------------------------------------------
    def show_receipt(self, receipt_id: int, number: str) -> None:
        """The preview, ready to print on the counter's printer. The receipt is already
        committed; if printing fails it stays on the list below."""
        self.preview = open_receipt_preview(
            self,
            self._db,
            self._actor,
            receipt_id,
            number,
            printer=self._printer,
            layout=self._layout,
            after_print=self.refresh_unprinted,
        )

    def find_receipts(self) -> None:
        text = self.receipt_search.text().strip()
        try:
            on = datetime.strptime(text, "%d-%m-%Y").date()
            found = receipts.search_receipts(self._db, self._actor, on=on)
        except ValueError:
            found = receipts.search_receipts(self._db, self._actor, text)
        self.unprinted_title.setText(
            self.tr("Kuitansi yang ditemukan: {count}").format(count=len(found))
        )
        self._fill(found)

    def refresh_unprinted(self) -> None:
        self.unprinted_title.setText(self.tr("Kuitansi belum dicetak"))
        self._fill(receipts.unprinted_receipts(self._db, self._actor))

    def _fill(self, found: list[receipts.ReceiptSummary]) -> None:
        self.unprinted.clear()
        for r in found:
            void = self.tr(" · BATAL") if r.void_status == VoidStatus.VOID else ""
            item = QListWidgetItem(f"{r.number} · {r.payer} · {format_rupiah(r.total)}{void}")
            item.setData(Qt.ItemDataRole.UserRole, (r.id, r.number))
            self.unprinted.addItem(item)
        self.reprint_button.setEnabled(self.unprinted.count() > 0)
        if self.unprinted.count():
            self.unprinted.setCurrentRow(0)

    def _reprint_selected(self) -> None:
        item = self.unprinted.currentItem() or self.unprinted.item(0)
        if item is not None:
            self.show_receipt(*item.data(Qt.ItemDataRole.UserRole))

    def clear(self) -> None:
        self.participant_ids.clear()
        self._claims.clear()
        self._sponsors.clear()
        self.payer.setCurrentIndex(0)
        self.table.setRowCount(0)
        self.tendered.clear()
        self.reference.clear()
        self.quote = None
        clear_error(self.error, self.fields)
        self._show_quote()
        self.who.setFocus()
