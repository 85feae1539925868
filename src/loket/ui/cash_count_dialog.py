"""Counting a drawer by denomination: to open it (the float), to close it, or to take it
over from another clerk. A difference from what Loket expects needs a reason and another
supervisor's username and password, typed here; the service checks them."""

from __future__ import annotations

from enum import Enum
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from loket.db.engine import Database
from loket.domain.cash import MAX_PIECES, denominations
from loket.domain.errors import LoketError
from loket.domain.money import format_rupiah
from loket.domain.states import VoidStatus
from loket.services import cash_sessions
from loket.services.actor import Actor
from loket.services.cash_sessions import SessionView
from loket.services.clock import Clock, system_clock
from loket.services.four_eyes import Override
from loket.ui.form_feedback import clear_error, make_error_label, show_error
from loket.ui.supervisor_override import supervisor_fields


class CountFor(Enum):
    OPEN = "open"
    CLOSE = "close"
    HAND_OVER = "hand_over"


class CashCountDialog(QDialog):
    def __init__(
        self,
        db: Database,
        actor: Actor,
        purpose: CountFor,
        drawer: SessionView | None = None,
        parent: QWidget | None = None,
        *,
        timezone: str = "Asia/Makassar",
        clock: Clock = system_clock,
    ) -> None:
        """``drawer``: the open session being closed or taken over (None to open one)."""
        super().__init__(parent)
        self.setObjectName("cashCount")
        self._db, self._actor, self._purpose, self._drawer = db, actor, purpose, drawer
        self._clock = clock
        titles = {
            CountFor.OPEN: self.tr("Buka kas loket: hitung modal awal"),
            CountFor.CLOSE: self.tr("Tutup kas loket: hitung isi laci"),
            CountFor.HAND_OVER: self.tr("Serah terima kas: hitung isi laci"),
        }
        self.setWindowTitle(titles[purpose])
        intro = QLabel()
        intro.setWordWrap(True)
        if drawer is not None:
            intro.setText(
                self.tr("{counter}, dipegang {name} sejak {at}.").format(
                    counter=drawer.counter_name,
                    name=drawer.full_name,
                    at=drawer.opened_at.astimezone(ZoneInfo(timezone)).strftime("%d-%m-%Y %H:%M"),
                )
            )
        else:
            intro.setText(self.tr("Hitung uang di laci sebelum melayani pembayaran tunai."))

        self.pieces: dict[str, QSpinBox] = {}
        self._subtotals: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("<b>Pecahan</b>")), 0, 0)
        grid.addWidget(QLabel(self.tr("<b>Lembar/keping</b>")), 0, 1)
        grid.addWidget(QLabel(self.tr("<b>Jumlah</b>")), 0, 2)
        for row, d in enumerate(denominations(), start=1):
            kind = self.tr("kertas") if d.kind == "note" else self.tr("logam")
            grid.addWidget(QLabel(f"{format_rupiah(d.value)} ({kind})"), row, 0)
            spin = QSpinBox()
            spin.setObjectName(f"pieces-{d.key}")
            spin.setRange(0, MAX_PIECES)
            spin.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel alone does not count
            spin.valueChanged.connect(self._update)
            self.pieces[d.key] = spin
            subtotal = QLabel()
            subtotal.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self._subtotals[d.key] = subtotal
            grid.addWidget(spin, row, 1)
            grid.addWidget(subtotal, row, 2)

        self.counted = QLabel()
        self.counted.setObjectName("counted")
        self.expected = QLabel()
        self.expected.setObjectName("expected")
        self.difference = QLabel()
        self.difference.setObjectName("difference")
        totals = QFormLayout()
        totals.addRow(self.tr("Dihitung"), self.counted)
        if drawer is not None:
            b = drawer.balance
            self.expected.setText(
                self.tr("{expected} (modal {float} + tunai masuk {cash} − dikembalikan {back})")
                .format(
                    expected=format_rupiah(b.expected),
                    float=format_rupiah(b.opening_float),
                    cash=format_rupiah(b.cash_received),
                    back=format_rupiah(b.cash_refunded),
                )
            )  # fmt: skip
            totals.addRow(self.tr("Seharusnya"), self.expected)
            totals.addRow(self.tr("Selisih"), self.difference)

        self.non_cash = QListWidget()
        self.non_cash.setObjectName("nonCash")
        non_cash_box = QGroupBox(self.tr("Transfer dan QRIS (cocokkan dengan mutasi bank)"))
        QVBoxLayout(non_cash_box).addWidget(self.non_cash)
        if drawer is not None:
            for t in drawer.non_cash:
                void = self.tr(" · BATAL") if t.void_status == VoidStatus.VOID else ""
                self.non_cash.addItem(
                    f"{t.number} · {t.method.upper()} {t.reference} · "
                    f"{format_rupiah(t.total)}{void}"
                )
        non_cash_box.setVisible(drawer is not None and bool(drawer.non_cash))

        self.reason = QLineEdit()
        self.reason.setObjectName("differenceReason")
        self.approval = QGroupBox(self.tr("Selisih: alasan dan persetujuan supervisor lain"))
        self.approval.setObjectName("differenceApproval")
        form = QFormLayout(self.approval)
        form.addRow(self.tr("Alasan selisih"), self.reason)
        self.approver, self.approver_password = supervisor_fields(form)

        self.error = make_error_label("cashCountError")
        self.fields: dict[str, QWidget] = {
            "opening_count": self.pieces[denominations()[0].key],
            "closing_count": self.pieces[denominations()[0].key],
            "reason": self.reason,
            "override": self.approver,
        }
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok_texts = {
            CountFor.OPEN: self.tr("Buka kas"),
            CountFor.CLOSE: self.tr("Tutup kas"),
            CountFor.HAND_OVER: self.tr("Terima kas"),
        }
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("confirmCount")
        self.ok_button.setText(ok_texts[purpose])
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addLayout(totals)
        layout.addWidget(non_cash_box)
        layout.addWidget(self.approval)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.result_view: SessionView | None = None
        self._update()
        self.pieces[denominations()[0].key].setFocus()

    def count(self) -> dict[str, int]:
        return {key: spin.value() for key, spin in self.pieces.items() if spin.value()}

    def _update(self) -> None:
        total = 0
        for d in denominations():
            amount = d.value * self.pieces[d.key].value()
            total += amount
            self._subtotals[d.key].setText(format_rupiah(amount) if amount else "")
        self.counted.setText(format_rupiah(total))
        differs = False
        if self._drawer is not None:
            diff = total - self._drawer.balance.expected
            differs = diff != 0
            if diff < 0:
                text = self.tr("kurang {amount}").format(amount=format_rupiah(-diff))
            elif diff > 0:
                text = self.tr("lebih {amount}").format(amount=format_rupiah(diff))
            else:
                text = self.tr("tidak ada — cocok")
            self.difference.setText(text)
            self.difference.setStyleSheet("color: #b3261e; font-weight: bold;" if differs else "")
        self.approval.setVisible(differs)

    def _override(self) -> Override | None:
        if not self.approval.isVisible() or not self.approver.text():
            return None
        return Override(self.approver.text(), self.approver_password.text())

    def confirm(self) -> None:
        clear_error(self.error, self.fields)
        try:
            if self._purpose is CountFor.OPEN:
                self.result_view = cash_sessions.open_session(
                    self._db, self._actor, self.count(), clock=self._clock
                )
            elif self._purpose is CountFor.HAND_OVER:
                self.result_view = cash_sessions.hand_over(
                    self._db, self._actor, self.count(), reason=self.reason.text(),
                    override=self._override(), clock=self._clock,
                )  # fmt: skip
            else:
                assert self._drawer is not None
                cash_sessions.close_session(
                    self._db, self._actor, self._drawer.id, self.count(),
                    reason=self.reason.text(), override=self._override(), clock=self._clock,
                )  # fmt: skip
        except LoketError as exc:
            show_error(self.error, exc, self.fields)
            return
        self.accept()
