"""The background worker without a server: it backs off while nobody answers and says
when sync is not set up."""

from __future__ import annotations

import threading

from loket.sync.client import SyncClient
from loket.sync.worker import SyncWorker, WorkerReport
from tests.central import Office
from tests.pg_cluster import _free_port


def test_it_backs_off_exponentially_while_the_server_cannot_be_reached(
    offices: dict[str, Office],
) -> None:
    office = offices["BJM"]
    nobody = f"http://127.0.0.1:{_free_port()}"
    worker = SyncWorker(
        office.db,
        lambda report: None,
        client_factory=lambda: SyncClient(nobody, "BJM.x", timeout=2),
        first_backoff=5,
        max_backoff=40,
    )
    waits = [worker.run_once().retry_in for _ in range(6)]
    expected = (5, 10, 20, 40, 40, 40)  # then no longer; each ±20 % so branches spread out
    assert all(0.8 * e <= w <= 1.2 * e for w, e in zip(waits, expected, strict=True))
    report = worker.run_once()
    assert report.state == "offline" and report.status.pending > 0
    assert "tidak terjangkau" in report.error.text()  # type: ignore[union-attr]


def test_unset_sync_is_reported_and_a_click_wakes_the_worker_at_once(
    offices: dict[str, Office],
) -> None:
    reports: list[WorkerReport] = []
    seen = threading.Event()

    def heard(report: WorkerReport) -> None:
        reports.append(report)
        seen.set()

    worker = SyncWorker(offices["BJM"].db, heard, interval=3600)  # no URL, no token
    worker.start()
    try:
        assert seen.wait(10)
        seen.clear()
        worker.sync_now()  # not an hour later
        assert seen.wait(10)
    finally:
        worker.stop()
    assert [r.state for r in reports] == ["unconfigured", "unconfigured"]
    assert reports[0].retry_in == 3600
