"""Login → main window → (logout) → login again, until the user closes Loket.

The login window shows first; the database opens behind it (:class:`DatabaseLoader`)."""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from loket.ui.database_loader import DatabaseLoader
from loket.ui.local_config import LocalConfig
from loket.ui.login_dialog import LoginDialog

if TYPE_CHECKING:
    from loket.db.engine import Database
    from loket.ui.main_window import MainWindow
    from loket.ui.sync_controller import SyncController


class SessionFlow(QObject):
    finished = Signal()
    # the database could not be opened: the exception (a LoketError is explained to the
    # user; anything else is a crash)
    failed = Signal(object)

    def __init__(self, url: str | None, config: LocalConfig, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._config = config
        self.db: Database | None = None
        self.login_dialog: LoginDialog | None = None
        self.main_window: MainWindow | None = None
        self.sync: SyncController | None = None
        self._backup_thread: threading.Thread | None = None
        self._backup_timer = QTimer(self)  # is a backup due? (the setting says how often)
        self._backup_timer.setInterval(10 * 60_000)
        self._loader = DatabaseLoader(url)
        self._loader.opened.connect(self._opened)
        self._loader.failed.connect(self.failed)

    def start(self) -> None:
        self._show_login()
        # once the window is painted: the loader's imports would otherwise compete with it
        QTimer.singleShot(0, self._loader.start)

    def close(self) -> None:
        self._backup_timer.stop()
        self._loader.wait()
        if self._backup_thread is not None:
            self._backup_thread.join()  # never a database closed under its backup
        if self.sync is not None:
            self.sync.stop()
        if self.db is not None:
            self.db.close()

    def _opened(self, db: Database) -> None:
        from loket.ui.sync_controller import SyncController

        logging.getLogger(__name__).info("database %s opened", db.description)
        self.db = db
        self._scheduled_backup(db)
        self._backup_timer.timeout.connect(lambda: self._scheduled_backup(db))
        self._backup_timer.start()
        self.sync = SyncController(db, parent=self)
        QTimer.singleShot(1000, self.sync.start)  # once the login is done or under way
        if self.login_dialog is not None:
            self.login_dialog.attach_database(db)

    def _scheduled_backup(self, db: Database) -> None:
        """The backup Loket makes by itself when one is due (the day's first, then every
        ``backup_every_hours``), on a thread of its own: a failure is logged (the daily
        closing and 'loket-admin backup' say it to a person)."""
        from loket.services.backups import scheduled_backup

        if self._backup_thread is not None and self._backup_thread.is_alive():
            return

        def run() -> None:
            try:
                made = scheduled_backup(db)
            except Exception:
                logging.getLogger(__name__).exception("a scheduled backup failed")
                return
            if made is not None:
                logging.getLogger(__name__).info("scheduled backup: %s", made.path)

        self._backup_thread = threading.Thread(target=run, name="scheduled-backup", daemon=True)
        self._backup_thread.start()

    def _show_login(self) -> None:
        dialog = LoginDialog(self.db, self._config)
        dialog.accepted.connect(self._logged_in)
        dialog.rejected.connect(self.finished)
        self.login_dialog = dialog
        dialog.show()

    def _logged_in(self) -> None:
        # imported by the loader while the user typed; the window a user waits for first
        from loket.ui.main_window import MainWindow

        assert self.login_dialog is not None and self.login_dialog.actor is not None
        assert self.db is not None and self.sync is not None
        window = MainWindow(self.db, self.login_dialog.actor, self._config, sync=self.sync)
        window.logout_requested.connect(self._logged_out)
        window.closed.connect(self.finished)
        self.login_dialog.deleteLater()
        self.login_dialog = None
        self.main_window = window
        window.show_as_before()

    def _logged_out(self) -> None:
        logging.getLogger(__name__).info("logged out")
        if self.main_window is not None:
            self.main_window.deleteLater()
            self.main_window = None
        self._show_login()
