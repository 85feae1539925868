"""Sync: 10,000 outbox events pushed to a local central server on PostgreSQL.

    .venv/bin/python bench/sync.py [--events 10000] [--postgres URL]

Prints events/s end to end (branch SQLite outbox → HTTP → server stores each event once and
applies it → branch marks it sent), the same rows inserted straight into PostgreSQL with
psycopg in batches of the same size, their ratio (target ≤ 3×), and the GUI thread's longest
stall while the background worker syncs another 10,000 events (target < 50 ms).

Without ``--postgres`` (a server to create databases on) a throwaway cluster is started.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.pg_cluster import _free_port, running_cluster  # noqa: E402

from loket.db.engine import Database  # noqa: E402
from loket.db.migrate import open_database  # noqa: E402
from loket.domain.nik import compose_nik  # noqa: E402
from loket.server.cli import main as server_cli  # noqa: E402
from loket.services import branch  # noqa: E402
from loket.services.actor import Actor  # noqa: E402
from loket.services.clock import system_clock  # noqa: E402
from loket.services.outbox import emit_event  # noqa: E402
from loket.sync.client import SyncClient  # noqa: E402
from loket.sync.engine import BATCH, sync_once  # noqa: E402

BRANCHES = {"BJM": ("631", "63"), "PLK": ("621", "62")}


def branch_with_events(path: Path, code: str, count: int) -> Database:
    """A branch whose outbox holds ``count`` events: half registrations, half receipts, with
    the payloads the services write."""
    prefix, province = BRANCHES[code]
    db = open_database(f"sqlite:///{path}")
    branch.initialize_branch(
        db, Actor.command_line(), code=code, name=code, province_code=province, kpj_prefix=prefix
    )
    with db.transaction() as session:
        for i in range(count // 2):
            kpj = f"{prefix}{i:08d}"
            born = date(1970, 1, 1) + timedelta(days=i % 12000)
            emit_event(
                session,
                "participant.registered",
                {
                    "entity": f"participant:{i}",
                    "by": "petugas",
                    "kpj": kpj,
                    "nik": compose_nik(f"{province}7101", born, "L", i % 9999 + 1),
                    "full_name": f"Pekerja {i}",
                    "birth_date": born.isoformat(),
                    "segment": "BPU",
                    "programs": "JKK,JKM,JHT",
                    "sponsor_id": None,
                    "heirs": 0,
                    "similar_acknowledged": False,
                },
                clock=system_clock,
            )
            emit_event(
                session,
                "receipt.issued",
                {
                    "entity": f"receipt:{i}",
                    "by": "petugas",
                    "number": f"KW/{code}/2026/{i + 1:06d}",
                    "total": 441_600,
                    "method": "cash",
                    "lines": [
                        {"kpj": kpj, "from": "2026-11-01", "to": "2027-10-31", "amount": 441_600}
                    ],
                },
                clock=system_clock,
            )
    return db


def server_cli_quiet(*args: str) -> str:
    import io

    # the branches' bundle keys live outside the server's database, in a folder of their own
    os.environ.setdefault("LOKET_SERVER_KEYS", tempfile.mkdtemp(prefix="loket-bench-keys-"))
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert server_cli(list(args)) == 0
    return out.getvalue()


@contextlib.contextmanager
def server_process(db_url: str) -> Iterator[str]:
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "loket.server", "--db", db_url, "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                    break
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(10)


def raw_psycopg(dsn: str, events: list[dict[str, object]]) -> float:
    """The same rows (events, participants, receipts) inserted directly, batch by batch."""
    server_cli_quiet("--db", dsn, "init")
    server_cli_quiet("--db", dsn, "branch", "add", "BJM", "raw")
    plain = dsn.replace("postgresql+psycopg://", "postgresql://")
    now = datetime.now(UTC)
    start = time.perf_counter()
    with psycopg.connect(plain) as conn:
        for first in range(0, len(events), BATCH):
            batch = events[first : first + BATCH]
            with conn.cursor() as cur:
                cur.executemany(
                    "INSERT INTO event (uuid, branch_code, seq, type, created_at, received_at,"
                    " via, payload) VALUES (%s, %s, %s, %s, %s, %s, 'push', %s)",
                    [
                        (
                            e["uuid"],
                            "BJM",
                            e["seq"],
                            e["type"],
                            e["created_at"],
                            now,
                            json.dumps(e["payload"]),
                        )
                        for e in batch
                    ],
                )
                registered = [e["payload"] for e in batch if e["type"] == "participant.registered"]
                cur.executemany(
                    "INSERT INTO participant (kpj, nik, full_name, birth_date, segment, programs,"
                    " branch_code, registered_at) VALUES (%s, %s, %s, %s, %s, %s, 'BJM', %s)",
                    [
                        (
                            p["kpj"],
                            p["nik"],
                            p["full_name"],
                            p["birth_date"],
                            p["segment"],  # type: ignore[index]
                            p["programs"],
                            now,
                        )  # type: ignore[index]
                        for p in registered
                    ],
                )
                receipts = [e["payload"] for e in batch if e["type"] == "receipt.issued"]
                cur.executemany(
                    "INSERT INTO receipt (number, branch_code, total, method, issued_at, lines)"
                    " VALUES (%s, 'BJM', %s, %s, %s, %s)",
                    [
                        (p["number"], p["total"], p["method"], now, json.dumps(p["lines"]))  # type: ignore[index]
                        for p in receipts
                    ],
                )
            conn.commit()
    return time.perf_counter() - start


def gui_stall(db: Database, base: str, token: str) -> tuple[float, float]:
    """The longest gap between ticks of a 1 ms timer on the GUI thread while the background
    worker pushes the branch's outbox; and how long the sync took."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication, QLabel

    from loket.keys import keyring_backend
    from loket.ui.sync_controller import SyncController

    keyring_backend()  # as the app's database loader does while the login window shows,
    gc.freeze()  # and then it sets what it loaded aside from the collector's full passes
    app = QApplication.instance() or QApplication([])
    label = QLabel()
    label.show()
    controller = SyncController(db, client_factory=lambda: SyncClient(base, token), interval=3600)
    clock = QElapsedTimer()
    longest = 0.0
    last: float | None = None  # measured from the event loop's first tick
    done = {"at": 0.0}

    def tick() -> None:
        nonlocal longest, last
        now = clock.nsecsElapsed() / 1e6
        if last is not None:
            longest = max(longest, now - last)
        last = now

    def reported(report: object) -> None:
        label.setText(getattr(report, "state", ""))
        if getattr(report, "state", "") in ("online", "offline", "refused"):
            done["at"] = clock.nsecsElapsed() / 1e9
            app.quit()

    controller.report.connect(reported)
    timer = QTimer()
    timer.setInterval(1)
    timer.timeout.connect(tick)
    clock.start()
    timer.start()
    QTimer.singleShot(50, controller.start)  # once the loop runs
    app.exec()
    controller.stop()
    timer.stop()
    return longest, done["at"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--postgres", metavar="URL", help="a PostgreSQL server to create on")
    args = parser.parse_args()
    with contextlib.ExitStack() as stack:
        if args.postgres:
            admin = args.postgres
        else:
            cluster = stack.enter_context(running_cluster())
            admin = cluster.url()

        def new_database() -> str:
            name = f"bench_{uuid.uuid4().hex[:10]}"
            plain = admin.replace("postgresql+psycopg://", "postgresql://")
            with psycopg.connect(plain, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{name}"')
            return admin.rsplit("/", 1)[0] + f"/{name}"

        work = Path(tempfile.mkdtemp(prefix="loket-bench-sync-"))
        server_db = new_database()
        server_cli_quiet("--db", server_db, "init")
        tokens = {
            code: server_cli_quiet("--db", server_db, "branch", "add", code, code).split()[-1]
            for code in BRANCHES
        }
        bjm = branch_with_events(work / "bjm.db", "BJM", args.events)
        plk = branch_with_events(work / "plk.db", "PLK", args.events)
        from loket.services.sync import pending_events

        events = pending_events(bjm)
        with server_process(server_db) as base:
            with SyncClient(base, tokens["BJM"]) as client:
                start = time.perf_counter()
                report = sync_once(bjm, client)
                pushed_in = time.perf_counter() - start
            stall, plk_took = gui_stall(plk, base, tokens["PLK"])
        raw = raw_psycopg(new_database(), events)
        rate = report.pushed / pushed_in
        print(
            f"events pushed           {report.pushed:>8,}  in {pushed_in:6.2f} s"
            f"  = {rate:8,.0f} events/s (batches of {BATCH})"
        )
        print(
            f"psycopg direct insert   {len(events):>8,}  in {raw:6.2f} s"
            f"  = {len(events) / raw:8,.0f} rows/s"
        )
        print(f"ratio sync / direct     {pushed_in / raw:8.2f}×  (target ≤ 3×)")
        print(
            f"GUI thread longest stall {stall:7.1f} ms while the worker synced "
            f"{args.events:,} events in {plk_took:.2f} s (target < 50 ms)"
        )


if __name__ == "__main__":
    main()
