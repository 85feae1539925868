"""Showing a user's mistake at the field that caused it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

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


T = TypeVar("T")


@dataclass(frozen=True)
class Done(Generic[T]):
    """What a service call accepted returned."""

    value: T


class FieldErrors:
    """A form's error line and the fields a refusal may name — one map, or several where one
    name means different fields for different actions: every action clears all of them."""

    def __init__(self, label: QLabel, *field_maps: Mapping[str, QWidget]) -> None:
        self.label = label
        self._maps = field_maps
        self._all = {f"{i}:{k}": w for i, m in enumerate(field_maps) for k, w in m.items()}

    def clear(self) -> None:
        clear_error(self.label, self._all)

    def show(self, error: LoketError, fields: Mapping[str, QWidget] | None = None) -> None:
        self.clear()
        show_error(self.label, error, dict(fields if fields is not None else self._maps[0]))

    def submit(
        self, call: Callable[[], T], fields: Mapping[str, QWidget] | None = None
    ) -> Done[T] | None:
        """Clears the form's errors, makes the call, and shows its refusal at the field it
        names (in ``fields``, else the first map); ``None`` when refused."""
        self.clear()
        try:
            return Done(call())
        except LoketError as exc:
            self.show(exc, fields)
            return None
