"""The interface language: Indonesian (the source text, the default) or English (a .qm file).

Used by the GUI and by ``loket-admin``; needs QtCore only, not a running application.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from loket.domain.errors import MESSAGE_CONTEXT, LoketError
from loket.resources import resource_path

DEFAULT_LANGUAGE = "id"
LANGUAGES = {"id": "Bahasa Indonesia", "en": "English"}

_translators: list[QTranslator] = []
_language = DEFAULT_LANGUAGE


def qm_path(lang: str) -> Path:
    return resource_path("i18n", f"loket_{lang}.qm")


def current_language() -> str:
    return _language


def env_language() -> str | None:
    lang = os.environ.get("LOKET_LANG", "").strip().lower()[:2]
    return lang if lang in LANGUAGES else None


def set_language(lang: str) -> bool:
    """Switches the language now; open windows retranslate on their LanguageChange event.

    Returns ``False`` (and stays in Indonesian) when the compiled translation is missing.
    """
    global _language
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    app = QCoreApplication.instance()
    for old in _translators:
        if app is not None:
            app.removeTranslator(old)
    _translators.clear()
    _language = DEFAULT_LANGUAGE
    QLocale.setDefault(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))
    if lang == DEFAULT_LANGUAGE:
        # Qt ships no Indonesian: its standard buttons and menus come from our own file
        qt_id = QTranslator()
        if qt_id.load(str(resource_path("i18n", "qt", "qtbase_id.qm"))):
            _translators.append(qt_id)
            if app is not None:
                app.installTranslator(qt_id)
        return True
    ours = QTranslator()
    if not ours.load(str(qm_path(lang))):
        return False
    _translators.append(ours)
    qt_own = QTranslator()  # Qt's own strings: standard buttons, context menus
    if qt_own.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        _translators.append(qt_own)
    if app is not None:
        for t in _translators:
            app.installTranslator(t)
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.Indonesia))
    _language = lang
    return True


def translate(context: str, text: str, disambiguation: str = "", n: int = -1) -> str:
    """``text`` in the current language (lupdate collects ``translate("ctx", "…")`` calls).
    With a count ``n`` (Qt's order: ``translate("ctx", "%n …", "", n)``), the text's ``%n``
    is that count and the translation's plural form fits it."""
    for t in _translators:
        if found := t.translate(context, text, disambiguation or None, n):
            text = found
            break
    return text.replace("%n", str(n)) if n >= 0 else text


def error_text(error: LoketError) -> str:
    """A service or domain error's message in the current language, filled in."""
    return error.text(translate(MESSAGE_CONTEXT, error.message))
