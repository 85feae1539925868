"""Login → main window → (logout) → login again, until the user closes Loket."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from loket.db.engine import Database
from loket.ui.local_config import LocalConfig
from loket.ui.login_dialog import LoginDialog
from loket.ui.sync_controller import SyncController

if TYPE_CHECKING:
    from loket.ui.main_window import MainWindow


class SessionFlow(QObject):
    finished = Signal()

    def __init__(self, db: Database, config: LocalConfig, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db, self._config = db, config
        self.login_dialog: LoginDialog | None = None
        self.main_window: MainWindow | None = None
        self.sync = SyncController(db, parent=self)
        self.finished.connect(self.sync.stop)

    def start(self) -> None:
        QTimer.singleShot(1000, self.sync.start)  # once the login window is up
        dialog = LoginDialog(self._db, self._config)
        dialog.accepted.connect(self._logged_in)
        dialog.rejected.connect(self.finished)
        self.login_dialog = dialog
        dialog.show()

    def _logged_in(self) -> None:
        # the main window and its pages (charts, PDF view) load after the login window
        # shows: the window a user waits for comes first
        from loket.ui.main_window import MainWindow

        assert self.login_dialog is not None and self.login_dialog.actor is not None
        window = MainWindow(self._db, self.login_dialog.actor, self._config, sync=self.sync)
        window.logout_requested.connect(self._logged_out)
        window.closed.connect(self.finished)
        self.login_dialog.deleteLater()
        self.login_dialog = None
        self.main_window = window
        window.show_as_before()

    def _logged_out(self) -> None:
        if self.main_window is not None:
            self.main_window.deleteLater()
            self.main_window = None
        self.start()
