"""The background sync worker: a thread that syncs on a timer and on demand, backing off
exponentially while the server cannot be reached. It never runs on the GUI thread and
knows no Qt; it tells whoever listens through ``on_report`` (called on its own thread).
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace

from loket.db.engine import Database
from loket.domain.errors import QT_TRANSLATE_NOOP, LoketError
from loket.domain.states import SyncState
from loket.keys import load_token
from loket.services import settings, sync
from loket.services.clock import Clock, system_clock
from loket.sync.client import SyncClient, SyncError
from loket.sync.engine import SyncReport, sync_once

log = logging.getLogger(__name__)

ClientFactory = Callable[[], SyncClient | None]


@dataclass(frozen=True)
class WorkerReport:
    state: SyncState
    status: sync.SyncStatus
    error: LoketError | None = None
    result: SyncReport | None = None
    retry_in: float = 0.0  # seconds until the next try


def configured_client(db: Database) -> SyncClient | None:
    """A client for the server and token this branch has set up, or None."""
    url = settings.get_setting(db, "sync_server_url")
    if not url or not settings.server_url_ok(url):  # one stored before the rule tightened
        return None
    token = load_token(sync.status(db).branch_code)
    return SyncClient(url, token) if token else None


class NotConfigured(LoketError):
    """Why this computer does not sync: no server address, or no token in this user's
    keyring (the address is the branch's, the token each counter user's own)."""


def not_configured(db: Database) -> NotConfigured:
    url = settings.get_setting(db, "sync_server_url")
    if not url or not settings.server_url_ok(url):
        return NotConfigured(
            QT_TRANSLATE_NOOP(
                "LoketError",
                "Sinkronisasi belum diatur: alamat server pusat belum diisi (admin cabang, "
                "halaman Server pusat).",
            )
        )
    return NotConfigured(
        QT_TRANSLATE_NOOP(
            "LoketError",
            "Token cabang {code} belum ada di keyring pengguna ini di komputer ini (alamat "
            "server sudah diatur). Sebagai pengguna ini jalankan 'loket-admin sync set-token' "
            "atau 'loket-admin connect', atau isi di halaman Server pusat.",
        ),
        field="token",
        code=sync.status(db).branch_code,
    )


class SyncWorker:
    def __init__(
        self,
        db: Database,
        on_report: Callable[[WorkerReport], None],
        *,
        client_factory: ClientFactory | None = None,
        interval: float | None = None,
        first_backoff: float = 5.0,
        max_backoff: float = 900.0,
        clock: Clock = system_clock,
    ) -> None:
        self._db, self._on_report, self._clock = db, on_report, clock
        self._factory = client_factory or (lambda: configured_client(db))
        self._interval = interval
        self._first_backoff, self._max_backoff = first_backoff, max_backoff
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="loket-sync", daemon=True)
        self.failures = 0

    def start(self) -> None:
        self._thread.start()

    def sync_now(self) -> None:
        """Wakes the worker for a run now (a run in progress finishes first)."""
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        self._stopping.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _interval_seconds(self) -> float:
        if self._interval is not None:
            return self._interval
        return float(settings.get_setting(self._db, "sync_interval_seconds"))

    def backoff(self) -> float:
        """First, 2×, 4×… up to the maximum, with ±20 % jitter so that branches coming back
        together do not all knock at once."""
        delay: float = min(self._max_backoff, self._first_backoff * 2.0 ** (self.failures - 1))
        return delay * random.uniform(0.8, 1.2)

    def run_once(self) -> WorkerReport:
        client = self._factory()
        if client is None:
            self.failures = 0
            return WorkerReport(
                SyncState.UNCONFIGURED, sync.status(self._db), error=not_configured(self._db)
            )
        self._on_report(WorkerReport(SyncState.SYNCING, sync.status(self._db)))
        try:
            with client:
                result = sync_once(self._db, client, clock=self._clock)
        except SyncError as exc:
            self.failures += 1
            state = SyncState.OFFLINE if exc.offline else SyncState.REFUSED
            if self.failures == 1 or state == SyncState.REFUSED:  # not every retry of a long outage
                log.warning("sync %s: %s", state, exc.text())
            return WorkerReport(state, sync.status(self._db), exc, retry_in=self.backoff())
        if self.failures or result.pushed or result.pulled:
            log.info("sync: %d events sent, %d items received", result.pushed, result.pulled)
        self.failures = 0
        return WorkerReport(SyncState.ONLINE, sync.status(self._db), result=result)

    def _run(self) -> None:
        while not self._stopping.is_set():
            self._wake.clear()
            try:
                report = self.run_once()
            except Exception:  # never let the thread die: log, report, try later
                log.exception("sync run failed")
                self.failures += 1
                report = WorkerReport(
                    SyncState.OFFLINE, sync.status(self._db), retry_in=self.backoff()
                )
            if report.state in (SyncState.ONLINE, SyncState.UNCONFIGURED):
                report = replace(report, retry_in=self._interval_seconds())
            self._on_report(report)
            self._wake.wait(report.retry_in)
