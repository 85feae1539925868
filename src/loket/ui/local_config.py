"""Per-desk preferences (language, last user and counter) in an INI file in the user's
config directory. Branch-wide settings live in the database instead."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_config_dir
from PySide6.QtCore import QByteArray, QSettings

from loket.i18n import DEFAULT_LANGUAGE, LANGUAGES


def default_config_path() -> Path:
    return Path(user_config_dir("loket", appauthor=False)) / "loket.ini"


class LocalConfig:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_config_path()
        self._s = QSettings(str(self.path), QSettings.Format.IniFormat)

    @property
    def language(self) -> str:
        lang = str(self._s.value("ui/language", DEFAULT_LANGUAGE))
        return lang if lang in LANGUAGES else DEFAULT_LANGUAGE

    @language.setter
    def language(self, lang: str) -> None:
        self._s.setValue("ui/language", lang)
        self._s.sync()

    @property
    def last_username(self) -> str:
        return str(self._s.value("login/username", ""))

    @property
    def last_counter_id(self) -> int | None:
        value = self._s.value("login/counter_id")
        return int(value) if value not in (None, "") else None

    def remember_login(self, username: str, counter_id: int | None) -> None:
        self._s.setValue("login/username", username)
        self._s.setValue("login/counter_id", "" if counter_id is None else counter_id)
        self._s.sync()

    @property
    def known_branch(self) -> tuple[str, list[tuple[int, str]]]:
        """The branch's name and counters as the last opened database had them: the login
        window shows them at once, before the database is open."""
        label = str(self._s.value("login/branch", ""))
        counters: list[tuple[int, str]] = []
        for item in str(self._s.value("login/counters", "")).split("\x1f"):
            ident, _, name = item.partition(":")
            if ident.isdigit() and name:
                counters.append((int(ident), name))
        return label, counters

    def remember_branch(self, label: str, counters: list[tuple[int, str]]) -> None:
        if (label, counters) == self.known_branch:
            return
        self._s.setValue("login/branch", label)
        self._s.setValue("login/counters", "\x1f".join(f"{i}:{n}" for i, n in counters))
        self._s.sync()

    @property
    def window_geometry(self) -> QByteArray | None:
        """The main window's place and size when it last closed (None: never yet)."""
        value = self._s.value("ui/window_geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @window_geometry.setter
    def window_geometry(self, geometry: QByteArray) -> None:
        self._s.setValue("ui/window_geometry", geometry)
        self._s.sync()
