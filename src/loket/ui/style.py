"""The application's look: Fusion with a few touches for counter use (large targets)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

STYLESHEET = """
QListWidget#navigation { font-size: 11pt; border: none; background: #f7f7f5; }
QListWidget#navigation::item { padding: 9px 12px; border-radius: 4px; }
QListWidget#navigation::item:selected { background: #1f6f43; color: white; }
QStatusBar QLabel { padding: 0 10px; border-left: 1px solid #c8c8c8; }
QToolBar { spacing: 6px; padding: 4px; }
QLabel { padding-right: 2px; }  /* DejaVu's "T" otherwise costs some labels their last letter */
"""


def apply_style(app: QApplication) -> None:
    app.setStyle("Fusion")
    app.setStyleSheet(STYLESHEET)
