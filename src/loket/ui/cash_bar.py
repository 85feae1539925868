"""The counter's drawer at a glance, above the payment form: whose it is, since when, what
should be in it — and the counts that open it, close it or take it over."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from loket.db.engine import Database
from loket.domain.money import format_rupiah
from loket.services import cash_sessions
from loket.services.actor import Actor
from loket.services.cash_sessions import SessionView
from loket.services.clock import Clock, system_clock
from loket.ui.cash_count_dialog import CashCountDialog, CountFor
from loket.ui.retranslating import Retranslating


class CashBar(Retranslating, QFrame):
    changed = Signal()  # a drawer was opened, closed or taken over

    def __init__(
        self,
        db: Database,
        actor: Actor,
        parent: QWidget | None = None,
        *,
        timezone: str = "Asia/Makassar",
        clock: Clock = system_clock,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("cashBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._db, self._actor, self._clock = db, actor, clock
        self._timezone, self._tz = timezone, ZoneInfo(timezone)
        self.drawer: SessionView | None = None
        self.dialog: CashCountDialog | None = None
        self.state = QLabel()
        self.state.setObjectName("cashState")
        self.state.setWordWrap(True)
        self.open_button = QPushButton()
        self.open_button.setObjectName("openCash")
        self.open_button.clicked.connect(lambda: self.count(CountFor.OPEN))
        self.close_button = QPushButton()
        self.close_button.setObjectName("closeCash")
        self.close_button.clicked.connect(lambda: self.count(CountFor.CLOSE))
        self.take_over_button = QPushButton()
        self.take_over_button.setObjectName("takeOverCash")
        self.take_over_button.clicked.connect(lambda: self.count(CountFor.HAND_OVER))
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.state, 1)
        for button in (self.open_button, self.close_button, self.take_over_button):
            row.addWidget(button)
        self.retranslate_ui()
        self.refresh()

    def retranslate_ui(self) -> None:
        self.open_button.setText(self.tr("Buka kas…"))
        self.close_button.setText(self.tr("Tutup kas…"))
        self.take_over_button.setText(self.tr("Serah terima kas…"))
        self._show()

    def refresh(self) -> None:
        self.drawer = cash_sessions.current_session(self._db, self._actor)
        self._show()

    def _show(self) -> None:
        d = self.drawer
        mine = d is not None and d.username == self._actor.username
        if d is None:
            self.state.setText(
                self.tr("Kas loket belum dibuka hari ini: hitung modal awal dulu, atau kas "
                        "terbuka sendiri (tanpa modal) pada pembayaran pertama.")
            )  # fmt: skip
        else:
            at = d.opened_at.astimezone(self._tz)
            today = self._clock().astimezone(self._tz).date()
            since = at.strftime("%H:%M") if at.date() == today else at.strftime("%d-%m-%Y %H:%M")
            text = self.tr("Kas {counter}: {name} sejak {since} · seharusnya di laci {amount}")
            self.state.setText(
                text.format(
                    counter=d.counter_name,
                    name=d.full_name,
                    since=since,
                    amount=format_rupiah(d.balance.expected),
                )
            )
        self.open_button.setVisible(d is None)
        self.close_button.setVisible(mine)
        self.take_over_button.setVisible(d is not None and not mine)

    def count(self, purpose: CountFor) -> None:
        self.refresh()
        drawer = None if purpose is CountFor.OPEN else self.drawer
        self.dialog = CashCountDialog(
            self._db, self._actor, purpose, drawer, self, timezone=self._timezone, clock=self._clock
        )
        self.dialog.accepted.connect(self._counted)
        self.dialog.open()

    def _counted(self) -> None:
        self.refresh()
        self.changed.emit()
