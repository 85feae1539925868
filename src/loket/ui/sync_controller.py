"""The sync worker's Qt face: its reports arrive as a signal on the GUI thread."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from loket.db.engine import Database

if TYPE_CHECKING:  # the worker (httpx, keyring) is imported once the window is up
    from loket.sync.worker import ClientFactory, SyncWorker, WorkerReport


class SyncController(QObject):
    """Owns the background :class:`SyncWorker` for as long as the application runs (sync
    goes on at the login screen too). ``report`` fires on the GUI thread."""

    report = Signal(object)  # WorkerReport

    def __init__(
        self,
        db: Database,
        *,
        client_factory: ClientFactory | None = None,
        interval: float | None = None,
        first_backoff: float = 5.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.last: WorkerReport | None = None
        self._db, self._factory = db, client_factory
        self._interval, self._first_backoff = interval, first_backoff
        self._worker: SyncWorker | None = None
        self.report.connect(self._keep)

    def _keep(self, report: WorkerReport) -> None:
        self.last = report

    def start(self) -> None:
        if self._worker is None:
            from loket.sync.worker import SyncWorker

            # emitted on the worker's thread; Qt queues it to this object's (the GUI) thread
            self._worker = SyncWorker(
                self._db,
                self.report.emit,
                client_factory=self._factory,
                interval=self._interval,
                first_backoff=self._first_backoff,
            )
            self._worker.start()

    def sync_now(self) -> None:
        self.start()
        assert self._worker is not None
        self._worker.sync_now()

    def stop(self) -> None:
        if self._worker is not None:
            self._worker.stop()
