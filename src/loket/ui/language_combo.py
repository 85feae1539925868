"""A language picker that switches the whole interface at once and remembers the choice."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from loket.i18n import LANGUAGES, current_language, set_language
from loket.ui.local_config import LocalConfig


class LanguageCombo(QComboBox):
    def __init__(self, config: LocalConfig, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("language")
        self._config = config
        for code, name in LANGUAGES.items():  # each language by its own name: never translated
            self.addItem(name, code)
        self.setCurrentIndex(self.findData(current_language()))
        self.currentIndexChanged.connect(self._changed)

    def _changed(self) -> None:
        lang = str(self.currentData())
        if lang != current_language() and set_language(lang):
            self._config.language = lang
