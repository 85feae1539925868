"""The mouse wheel scrolls the page, never the value under it: over a combo box, a date or
a spin box that does not have the keyboard focus, the wheel goes to the scroll area around
it (scrolling a long form once changed a worker's occupation silently). A focused field
still takes the wheel — the user chose it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QWidget,
)

_GUARDED = (QComboBox, QAbstractSpinBox)


class WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(watched, _GUARDED):
            return False
        if event.type() == QEvent.Type.Polish:
            # the wheel alone must not give such a field the focus (Qt's WheelFocus would)
            if watched.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            return False
        if event.type() != QEvent.Type.Wheel or watched.hasFocus():
            return False
        area = _scroll_area_around(watched)
        if area is not None:
            QCoreApplication.sendEvent(area.viewport(), event)
        return True  # the field's value stays as it was


def _scroll_area_around(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    return parent


_guard: WheelGuard | None = None


def _the_guard() -> WheelGuard:
    global _guard
    if _guard is None:
        _guard = WheelGuard(QCoreApplication.instance())
    return _guard


def install_wheel_guard(app: QApplication) -> WheelGuard:
    """Guards every field of the application. Installed once the login window shows: an
    application-wide filter sees every event, and Python-wrapping the first of each kind
    costs the cold start ~35 ms."""
    guard = _the_guard()
    app.installEventFilter(guard)
    return guard


def guard_fields(*fields: QWidget) -> None:
    """Guards these fields before the application-wide guard is installed (the login's)."""
    for field in fields:
        field.installEventFilter(_the_guard())
