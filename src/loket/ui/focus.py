"""Where the cursor goes when a page opens: its first field, so that typing starts there."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

_FIELDS = (QLineEdit, QAbstractSpinBox, QComboBox, QPlainTextEdit, QTextEdit)


def _typed_into(w: QWidget) -> bool:
    if isinstance(w, QLineEdit | QPlainTextEdit | QTextEdit):
        return not w.isReadOnly()
    return isinstance(w, _FIELDS)


def first_field(page: QWidget) -> QWidget | None:
    """The first visible, enabled field one types into, in the page's tab order (else the
    first widget that takes the focus); None for a page without either."""
    fallback: QWidget | None = None
    seen: set[int] = set()
    w = page.nextInFocusChain()
    while w is not None and w is not page and id(w) not in seen:
        seen.add(id(w))
        if (
            page.isAncestorOf(w)
            and w.isVisibleTo(page)
            and w.isEnabled()
            and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        ):
            if _typed_into(w):
                return w
            fallback = fallback or w
        w = w.nextInFocusChain()
    return fallback
