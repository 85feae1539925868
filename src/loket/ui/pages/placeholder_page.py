"""A page whose feature has not landed yet, clearly marked as coming."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from loket.i18n import translate
from loket.ui.pages.page_header import make_page_title


class PlaceholderPage(QWidget):
    def __init__(self, title: str, hint: str = "", parent: QWidget | None = None) -> None:
        """``title`` and ``hint`` are source texts in the ``Navigation`` context."""
        super().__init__(parent)
        self._title_source, self._hint_source = title, hint
        self.title = make_page_title()
        self.badge = QLabel()
        self.badge.setObjectName("comingSoon")
        self.badge.setStyleSheet(
            "background:#fff4ce; color:#5c4400; padding:6px 10px; border-radius:4px;"
        )
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.hint)
        layout.addStretch(1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.title.setText(translate("Navigation", self._title_source))
        self.badge.setText(self.tr("Segera hadir — fitur ini sedang dikembangkan."))
        self.hint.setText(translate("Navigation", self._hint_source) if self._hint_source else "")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
