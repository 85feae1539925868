"""Windows sized for the counter's screen: a 1366 × 768 monitor with a taskbar leaves about
728 pixels, less the window manager's title bar. A window asks for the size it would like and
gets what the screen it opens on has room for, so its buttons are never below the edge."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

TITLE_BAR = 40  # what a window manager's frame adds above a window, at most


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Resizes ``window`` to ``width`` × ``height``, or to the room its screen has."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    room = screen.availableGeometry()
    window.resize(min(width, room.width() - 16), min(height, room.height() - TITLE_BAR))
