"""The base of every window, page and dialog that speaks the chosen language: it says
itself again (``retranslate_ui``) when the language changes."""

from __future__ import annotations

from PySide6.QtCore import QEvent


class Retranslating:
    """Mixed in before the Qt class (``class Page(Retranslating, QWidget)``)."""

    def retranslate_ui(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)  # type: ignore[misc]  # the Qt class after this one
