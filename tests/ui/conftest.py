from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from loket.ui.local_config import LocalConfig


@pytest.fixture
def config(tmp_path: Path) -> LocalConfig:
    return LocalConfig(tmp_path / "desk.ini")


@pytest.fixture(autouse=True)
def _no_window_left_open() -> Iterator[None]:
    """Each test starts with no window of an earlier one on the screen: a modal dialog left
    open (the app's login, say) would block the next test's clicks as it blocks a person's."""
    yield
    app = QApplication.instance()
    if app is None:
        return
    for window in QApplication.topLevelWidgets():
        window.close()
        # gone, not hidden: a hidden window still answers the next test's language change,
        # and would read a database that test's fixture has already removed
        window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
