from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from loket.db.engine import Database
from loket.db.migrate import open_database
from loket.services.demo_branch import create_living_demo
from loket.ui.local_config import LocalConfig
from tests.conftest import FakeClock


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


LIVING_NOW = FakeClock(datetime(2026, 12, 3, 2, 0, tzinfo=UTC))  # Thursday 10:00 WITA


@pytest.fixture(scope="module")
def living(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, dict[str, str]]]:
    """The living demo branch (``loket-admin demo``) as of :data:`LIVING_NOW`, one per
    module: every page and dialog has something to show."""
    db = open_database(f"sqlite:///{tmp_path_factory.mktemp('living') / 'demo.db'}")
    passwords, _ = create_living_demo(db, clock=LIVING_NOW)
    yield db, passwords
    db.close()
