"""The sync worker's Qt face: its reports arrive as a signal on the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from loket.db.engine import Database
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
        # emitted on the worker's thread; Qt queues it to this object's (the GUI) thread
        self._worker = SyncWorker(
            db,
            self.report.emit,
            client_factory=client_factory,
            interval=interval,
            first_backoff=first_backoff,
        )
        self.report.connect(self._keep)
        self._started = False

    def _keep(self, report: WorkerReport) -> None:
        self.last = report

    def start(self) -> None:
        if not self._started:
            self._started = True
            self._worker.start()

    def sync_now(self) -> None:
        self.start()
        self._worker.sync_now()

    def stop(self) -> None:
        self._worker.stop()
