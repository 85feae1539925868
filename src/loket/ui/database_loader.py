"""Opens the database — and imports what the login and the main window need (SQLAlchemy,
the models, the services) — on a background thread while the login window already shows
and the user types (issue 16: the window a user waits for comes first)."""

from __future__ import annotations

import gc
import importlib
import logging

from PySide6.QtCore import QThread, Signal

log = logging.getLogger(__name__)

# imported after the database is open, while the user types: the main window then opens
# without a second wait (the import lock makes a login that comes first simply wait)
_WARM_UP = ("loket.ui.sync_controller", "loket.sync.worker", "loket.ui.main_window")


class DatabaseLoader(QThread):
    opened = Signal(object)  # Database
    failed = Signal(object)  # the exception: a LoketError is explained, others are crashes

    def __init__(self, url: str | None) -> None:
        super().__init__()
        self._url = url

    def run(self) -> None:
        try:
            from loket.db.engine import default_database_url
            from loket.db.migrate import open_database
            from loket.services import auth, branch, users  # noqa: F401  (the login's)

            db = open_database(self._url or default_database_url())
        except Exception as exc:  # handed to the GUI thread, which explains or reports it
            self.failed.emit(exc)
            return
        self.opened.emit(db)
        for name in _WARM_UP:
            try:
                importlib.import_module(name)
            except Exception:  # the GUI thread imports it again and reports what fails
                log.exception("warming up %s", name)
                return
        from loket.keys import keyring_backend

        keyring_backend()  # finding the OS keyring imports its backends: now, not mid-sync
        # What is loaded now lives as long as the app: out of the garbage collector's full
        # passes, which otherwise walk it all and hold every thread — the GUI's too — for
        # ~100 ms (measured by bench/sync.py as the GUI's longest stall during a sync).
        gc.freeze()
