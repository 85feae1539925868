"""The large title at the top of every page."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel


def make_page_title() -> QLabel:
    title = QLabel()
    title.setObjectName("pageTitle")
    font = QFont(title.font())
    font.setPointSizeF(font.pointSizeF() * 1.6)
    font.setBold(True)
    title.setFont(font)
    return title
