"""The counter's queue bar (main window, above the pages): the number being served, how
many wait, and the calls — *Panggil berikutnya* (F2), *Panggil ulang*, *Lewati* (did not
come), *Alihkan* to another service, *Selesai*, *Jeda* — and the priority lane for a
number already waiting. What the clerk records while a number is served (a receipt, a
registration, a claim) is linked to that ticket when it is finished."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QInputDialog, QLabel, QMenu, QPushButton, QWidget

from loket.db.engine import Database
from loket.domain.errors import LoketError
from loket.i18n import error_text
from loket.services import queue
from loket.services.actor import Actor
from loket.services.clock import Clock, system_clock
from loket.ui.retranslating import Retranslating
from loket.ui.service_names import service_name


class QueueBar(Retranslating, QWidget):
    def __init__(
        self,
        db: Database,
        actor: Actor,
        *,
        clock: Clock = system_clock,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db, self._actor, self._clock = db, actor, clock
        self._serving_prefix = ""  # the service of the number being served
        self.setObjectName("queueBar")
        self.current = QLabel()
        self.current.setObjectName("queueCurrent")
        self.current.setStyleSheet("font-size: 20px; font-weight: 700; color: #1e6e44;")
        self.state = QLabel()
        self.state.setObjectName("queueState")
        self.message = QLabel()
        self.message.setObjectName("queueMessage")
        self.message.setStyleSheet("color: #b3261e;")
        self.next_button = self._button("queueNext", self.call_next)
        # its own shortcut: a button's setText would replace a shortcut set on the button
        QShortcut(QKeySequence("F2"), self, self._f2)
        self.recall_button = self._button("queueRecall", lambda: self._act(queue.recall))
        self.skip_button = self._button("queueSkip", lambda: self._act(queue.skip))
        self.transfer_button = self._button("queueTransfer", self._show_transfer_menu)
        self.done_button = self._button("queueDone", lambda: self._act(queue.finish))
        self.pause_button = self._button("queuePause", self._toggle_pause)
        self.pause_button.setCheckable(True)
        self.priority_button = self._button("queuePriority", self._ask_priority)
        self.transfer_menu = QMenu(self)
        self.transfer_menu.setObjectName("queueTransferMenu")
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.current)
        row.addWidget(self.state)
        row.addStretch(1)
        row.addWidget(self.message)
        for b in (
            self.next_button,
            self.recall_button,
            self.skip_button,
            self.transfer_button,
            self.done_button,
            self.pause_button,
            self.priority_button,
        ):
            row.addWidget(b)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh)
        self._timer.start(5_000)  # the waiting count moves with the kiosk
        self.retranslate_ui()

    def _button(self, name: str, slot: Callable[[], Any]) -> QPushButton:
        button = QPushButton()
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def retranslate_ui(self) -> None:
        self.next_button.setText(self.tr("Panggil berikutnya (F2)"))
        self.recall_button.setText(self.tr("Panggil ulang"))
        self.skip_button.setText(self.tr("Lewati"))
        self.skip_button.setToolTip(self.tr("Tidak hadir saat dipanggil"))
        self.transfer_button.setText(self.tr("Alihkan…"))
        self.done_button.setText(self.tr("Selesai"))
        self.pause_button.setText(self.tr("Jeda"))
        self.priority_button.setText(self.tr("Prioritas…"))
        self.refresh()

    def refresh(self) -> None:
        try:
            now = queue.counter_queue(self._db, self._actor, clock=self._clock)
        except LoketError as exc:  # e.g. a supervisor logged in without a counter
            self.setEnabled(False)
            self.state.setText(error_text(exc))
            return
        serving = now.current is not None
        self._serving_prefix = now.current.service_prefix if now.current else ""
        self.current.setText(
            self.tr("Melayani {code}").format(code=now.current.code)
            if now.current
            else self.tr("Tidak ada nomor")
        )
        self.state.setText(
            self.tr("{waiting} menunggu ({services})").format(
                waiting=now.waiting, services=", ".join(now.services)
            )
            + (" · " + self.tr("JEDA") if now.paused else "")
        )
        self.pause_button.setChecked(now.paused)
        self.next_button.setEnabled(not now.paused)
        for b in (self.recall_button, self.skip_button, self.transfer_button, self.done_button):
            b.setEnabled(serving)

    def _run(self, action: Callable[[], Any]) -> Any:
        self.message.clear()
        try:
            return action()
        except LoketError as exc:
            self.message.setText(error_text(exc))
            return None
        finally:
            self.refresh()

    def _act(self, action: Callable[..., Any]) -> None:
        self._run(lambda: action(self._db, self._actor, clock=self._clock))

    def _f2(self) -> None:
        if self.next_button.isEnabled():
            self.call_next()

    def call_next(self) -> None:
        found = self._run(lambda: queue.call_next(self._db, self._actor, clock=self._clock))
        if found is None and not self.message.text():
            self.message.setText(self.tr("Tidak ada yang menunggu."))

    def _toggle_pause(self) -> None:
        paused = self.pause_button.isChecked()
        self._run(lambda: queue.set_paused(self._db, self._actor, paused, clock=self._clock))

    def _show_transfer_menu(self) -> None:
        self.transfer_menu.clear()
        for s in queue.list_services(self._db, clock=self._clock):
            if s.active and s.prefix != self._serving_prefix:  # elsewhere, not here again
                name = service_name(s.name).replace("&", "&&")  # not a mnemonic
                action = self.transfer_menu.addAction(f"{s.prefix} · {name}")
                action.triggered.connect(lambda _=False, p=s.prefix: self.transfer_to(p))
        self.transfer_menu.popup(
            self.transfer_button.mapToGlobal(self.transfer_button.rect().bottomLeft())
        )

    def transfer_to(self, prefix: str) -> None:
        self._run(lambda: queue.transfer(self._db, self._actor, prefix, clock=self._clock))

    def _ask_priority(self) -> None:
        code, ok = QInputDialog.getText(
            self,
            self.tr("Jalur prioritas"),
            self.tr("Nomor yang menunggu (lansia, disabilitas, ibu hamil):"),
        )
        if ok and code.strip():
            self.make_priority(code)

    def make_priority(self, code: str) -> None:
        self._run(lambda: queue.set_priority(self._db, self._actor, code, clock=self._clock))
