"""Showing a user's mistake at the field that caused it."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from loket.domain.errors import LoketError
from loket.i18n import error_text

ERROR_STYLE = "color: #b3261e;"
_INVALID = "invalid"


def make_error_label(object_name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(object_name)
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def show_error(label: QLabel, error: LoketError, fields: dict[str, QWidget]) -> None:
    """Puts the message under the form and marks (and focuses) the field it names."""
    clear_error(label, fields)
    label.setText(error_text(error))
    label.show()
    widget = fields.get(error.field or "")
    if widget is not None:
        widget.setProperty(_INVALID, True)
        widget.setStyleSheet("border: 1px solid #b3261e;")
        widget.setFocus()


def clear_error(label: QLabel, fields: dict[str, QWidget]) -> None:
    label.clear()
    label.hide()
    for widget in fields.values():
        if widget.property(_INVALID):
            widget.setProperty(_INVALID, False)
            widget.setStyleSheet("")
