"""Choosing a file to open or a place to save: Qt's own dialog, in the interface language,
starting in the user's Documents folder (not wherever Loket was started from)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget


def documents_folder() -> Path:
    """The user's Documents folder, or their home when the desktop has none."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(found) if found else Path.home()
    return folder if folder.is_dir() else Path.home()


def _dialog(parent: QWidget | None, title: str, name: str, filters: str) -> QFileDialog:
    dialog = QFileDialog(parent, title, str(documents_folder() / name), filters)
    dialog.setObjectName("fileDialog")
    # Qt's own dialog everywhere: translated by our Qt strings, the same on every desktop,
    # and answerable by the tests as a person answers it
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    return dialog


def ask_save_path(parent: QWidget | None, title: str, name: str, filters: str) -> Path | None:
    """Where to save ``name`` (a suggested file name); ``None`` when the user cancels."""
    dialog = _dialog(parent, title, name, filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.selectFile(name)
    return Path(dialog.selectedFiles()[0]) if dialog.exec() and dialog.selectedFiles() else None


def ask_open_path(parent: QWidget | None, title: str, filters: str) -> Path | None:
    """An existing file to open; ``None`` when the user cancels."""
    dialog = _dialog(parent, title, "", filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    return Path(dialog.selectedFiles()[0]) if dialog.exec() and dialog.selectedFiles() else None
