"""The one-tap satisfaction rating (``loket --rating N``): a small tablet or touch screen
at counter N shows five big faces; a tap rates the service that counter has just finished
(once, within a few minutes)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from loket.db.engine import Database
from loket.domain.errors import LoketError
from loket.i18n import error_text
from loket.services import queue
from loket.ui.retranslating import Retranslating

_FACES = ("😠", "🙁", "😐", "🙂", "😄")


class RatingPad(Retranslating, QWidget):
    def __init__(self, db: Database, counter_number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._counter = db, counter_number
        self.setObjectName("ratingPad")
        self.question = QLabel()
        self.question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.question.setStyleSheet("font-size: 30px; font-weight: 600;")
        self.answer = QLabel()
        self.answer.setObjectName("ratingAnswer")
        self.answer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.answer.setStyleSheet("font-size: 24px;")
        grid = QGridLayout()
        self.faces: list[QPushButton] = []
        for score, face in enumerate(_FACES, start=1):
            button = QPushButton(face)
            button.setObjectName(f"rate{score}")
            button.setMinimumSize(120, 120)
            button.setStyleSheet("font-size: 64px;")
            button.clicked.connect(lambda _=False, s=score: self.rate(s))
            grid.addWidget(button, 0, score - 1)
            self.faces.append(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addLayout(grid)
        layout.addWidget(self.answer)
        self._clear = QTimer(self)
        self._clear.setSingleShot(True)
        self._clear.timeout.connect(self.answer.clear)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.question.setText(self.tr("Bagaimana pelayanan kami hari ini?"))

    def rate(self, score: int) -> None:
        try:
            code = queue.rate_last_service(self._db, self._counter, score)
        except LoketError as exc:
            self.answer.setText(error_text(exc))
        else:
            self.answer.setText(self.tr("Terima kasih! (nomor {code})").format(code=code))
        self._clear.start(5_000)
