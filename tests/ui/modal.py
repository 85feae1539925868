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
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
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
def answering(qtbot: QtBot, answer: Answer, *, timeout: int = 15_000) -> Iterator[Seen]:
    """Answers the first modal dialog that opens inside the block; yields what it showed."""
    # the dialogs already open (a test may leave one behind) are not the one to answer
    before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
    seen = Seen()
    errors: list[BaseException] = []
    timer = QTimer()
    timer.setInterval(10)

    def look() -> None:
        opened = [
            w for w in QApplication.topLevelWidgets()
            if isinstance(w, QDialog) and w.isVisible() and w.isModal() and id(w) not in before
        ]  # fmt: skip
        if not opened:
            return
        active = QApplication.activeModalWidget()
        dialog = active if active in opened else opened[-1]
        timer.stop()
        seen.title, seen.answered = dialog.windowTitle(), True
        seen.text = "\n".join(
            label.text()
            for label in dialog.findChildren(QLabel)
            if label.isVisible() and label.text()
        )
        seen.width, seen.height = dialog.frameGeometry().width(), dialog.frameGeometry().height()
        try:
            answer(qtbot, dialog)
        except BaseException as exc:  # raised again in the test, not inside Qt
            errors.append(exc)
            dialog.reject()
            return

        def still_open() -> None:  # an answer that did not close it fails, never hangs
            try:
                if not dialog.isVisible():
                    return
            except RuntimeError:
                return  # a static dialog, answered and deleted
            errors.append(AssertionError(f"{seen.title!r} stayed open after the answer"))
            dialog.reject()

        QTimer.singleShot(timeout, still_open)

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
    """Picks the folder (as the dialog's *Look in* list does), types the file's name and
    presses Enter."""

    def answer(qtbot: QtBot, dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog), f"expected a file dialog, got {dialog}"
        dialog.setDirectory(str(path.parent))
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        name.selectAll()
        qtbot.keyClicks(name, path.name)
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


def choose(qtbot: QtBot, combo: QComboBox, text: str) -> None:
    """Opens the combo box's list, moves to the item that reads ``text`` with the arrow keys
    and presses Enter (a click on the item lands elsewhere when the list opens at the
    screen's edge)."""
    index = combo.findText(text)
    assert index >= 0, f"{text!r} is not in {combo.objectName() or 'the list'}"
    combo.setFocus()
    combo.showPopup()
    view = combo.view()
    qtbot.waitExposed(view)
    current = view.currentIndex().row()
    key = Qt.Key.Key_Down if index > current else Qt.Key.Key_Up
    for _ in range(abs(index - current)):
        qtbot.keyClick(view, key)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert combo.currentIndex() == index and not view.isVisible()


def open_record(qtbot: QtBot, search: Any, query: str) -> None:
    """On *Cari peserta*: types ``query`` into the search box, waits for the one match and
    presses Enter, as a clerk opens a participant's record."""
    search.box.setFocus()
    search.box.selectAll()
    qtbot.keyClicks(search.box, query)
    qtbot.waitUntil(lambda: search.model.rowCount() == 1, timeout=5000)
    qtbot.keyClick(search.box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: search.stack.currentWidget() is search.view, timeout=5000)
