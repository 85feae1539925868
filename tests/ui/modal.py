"""Answering the dialog a click opens, as a person does.

    with answering(qtbot, type_text("sandi")):
        qtbot.mouseClick(page.close_day_button, Qt.MouseButton.LeftButton)

``answering`` watches for the next modal dialog (``QInputDialog``, ``QFileDialog``,
``QMessageBox`` or one of Loket's own) from inside Qt's event loop — a dialog shown with
``exec()`` blocks the click until it is answered — and hands it to the answer, which types
and clicks into it. On leaving the block it waits until the dialog was answered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFileDialog,
    QLabel,
    QLineEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

Answer = Callable[[QtBot, QWidget], None]


@dataclass
class Seen:
    """What the dialog showed when it was answered (a static dialog is gone afterwards)."""

    title: str = ""
    text: str = ""  # its labels, one per line
    width: int = 0
    height: int = 0
    answered: bool = field(default=False, repr=False)


@contextmanager
def answering(qtbot: QtBot, answer: Answer, *, timeout: int = 10_000) -> Iterator[Seen]:
    """Answers the first modal dialog that opens inside the block; yields what it showed."""
    already = QApplication.activeModalWidget()
    seen = Seen()
    errors: list[BaseException] = []
    timer = QTimer()
    timer.setInterval(10)

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog is already or not dialog.isVisible():
            return
        timer.stop()
        seen.title, seen.answered = dialog.windowTitle(), True
        seen.text = "\n".join(
            label.text() for label in dialog.findChildren(QLabel) if label.isVisible()
        )
        seen.width, seen.height = dialog.frameGeometry().width(), dialog.frameGeometry().height()
        try:
            answer(qtbot, dialog)
        except BaseException as exc:  # noqa: BLE001 - raised again in the test, not in Qt
            errors.append(exc)
            dialog.close()

    timer.timeout.connect(look)
    timer.start()
    try:
        yield seen
        qtbot.waitUntil(lambda: seen.answered, timeout=timeout)
    finally:
        timer.stop()
    if errors:
        raise errors[0]


def _line_edit(dialog: QWidget) -> QLineEdit:
    focused = dialog.focusWidget()
    if isinstance(focused, QLineEdit):
        return focused
    edits = [e for e in dialog.findChildren(QLineEdit) if e.isVisible()]
    assert edits, f"{type(dialog).__name__} has no text field to type into"
    return edits[0]


def type_text(text: str) -> Answer:
    """Types into the dialog's text field (the one with the focus) and presses Enter."""

    def answer(qtbot: QtBot, dialog: QWidget) -> None:
        edit = _line_edit(dialog)
        qtbot.keyClicks(edit, text)
        qtbot.keyClick(edit, Qt.Key.Key_Return)

    return answer


def save_as(path: Path) -> Answer:
    """Types the whole path into a file dialog's name field and presses Enter."""

    def answer(qtbot: QtBot, dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog), f"expected a file dialog, got {dialog}"
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        name.selectAll()
        qtbot.keyClicks(name, str(path))
        qtbot.keyClick(name, Qt.Key.Key_Return)

    return answer


def click_button(text: str) -> Answer:
    """Clicks the dialog's button labelled ``text`` (its mnemonic '&' ignored)."""

    def answer(qtbot: QtBot, dialog: QWidget) -> None:
        buttons = [
            b for b in dialog.findChildren(QAbstractButton)
            if b.isVisible() and b.text().replace("&", "") == text
        ]  # fmt: skip
        labels = [b.text() for b in dialog.findChildren(QAbstractButton) if b.isVisible()]
        assert buttons, f"no button {text!r} in {type(dialog).__name__}: {labels}"
        qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)

    return answer


def press_escape(qtbot: QtBot, dialog: QWidget) -> None:
    """Closes the dialog with Esc, as a person changing their mind."""
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
