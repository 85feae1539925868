"""The queue on a busy morning: a ticket kiosk and 8 counters, each in its own process, and
a waiting-room display watching the calls.

    .venv/bin/python bench/ticket_queue.py [--db sqlite|postgresql] [--minutes 10] [--every 2]

The kiosk takes a number every ``--every`` seconds (services A–D in turn, one in five in
the priority lane); each counter calls the next person as soon as it is free and serves
them 5–20 s. The display learns of calls as Loket's display does (``CallWatcher``: LISTEN
on PostgreSQL, a poll of one number on SQLite). Prints the numbers issued and called,
whether any number was skipped or repeated or a ticket called twice, and the
call-to-display latency (p50, p95, max; target p95 ≤ 1 s).
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.pg_cluster import running_cluster  # noqa: E402

from loket.db.engine import Database  # noqa: E402
from loket.db.migrate import open_database  # noqa: E402
from loket.services import auth, branch, queue, users  # noqa: E402
from loket.services.actor import Actor, Role  # noqa: E402

COUNTERS = 8
PASSWORD = "Bench-Antrean-1"


def kiosk(url: str, until: float, every: float, out: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    db = Database(url)
    issued, i = [], 0
    next_at = time.monotonic()
    while time.monotonic() < until:
        ticket = queue.issue_ticket(db, "ABCD"[i % 4], priority=i % 5 == 4)
        issued.append(ticket.code)
        i += 1
        next_at += every
        time.sleep(max(0.0, next_at - time.monotonic()))
    db.close()
    out.put(("kiosk", issued))


def counter(url: str, actor: Actor, until: float, seed: int, out: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    db = Database(url)
    rng = random.Random(seed)
    calls: list[tuple[str, int, float]] = []  # code, call number, when it was committed
    while time.monotonic() < until:
        found = queue.call_next(db, actor)
        if found is None:
            time.sleep(0.3)
            continue
        calls.append((found.code, found.call_seq, time.time()))
        time.sleep(rng.uniform(5, 20))  # serving
    queue.set_paused(db, actor, True)
    db.close()
    out.put(("counter", calls))


def display(url: str, until: float, out: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    db = Database(url)
    watcher = queue.CallWatcher(db)
    seen: dict[int, float] = {}
    last = 0
    while time.monotonic() < until + 2:
        latest = watcher.wait(last, timeout=1.0)
        if latest != last:
            now = time.time()
            for call in queue.calls_after(db, last, limit=50):
                seen.setdefault(call.seq, now)
            last = latest
    watcher.close()
    db.close()
    out.put(("display", seen))


@contextlib.contextmanager
def database(kind: str) -> Iterator[str]:
    if kind == "sqlite":
        with tempfile.TemporaryDirectory() as tmp:
            yield f"sqlite:///{Path(tmp) / 'loket.db'}"
    else:
        with running_cluster() as cluster:
            yield cluster.create_database()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--every", type=float, default=2.0)
    args = parser.parse_args()
    with database(args.db) as url:
        db = open_database(url)
        admin = Actor.command_line()
        branch.initialize_branch(
            db, admin, code="BJM", name="KC Banjarmasin", province_code="63", kpj_prefix="631"
        )
        users.add_user(db, admin, username="petugas", full_name="Petugas", role=Role.STAFF,
                       password=PASSWORD)  # fmt: skip
        while len(branch.list_counters(db)) < COUNTERS:
            branch.add_counter(db, admin)
        actors = [auth.login(db, "petugas", PASSWORD, c.id) for c in branch.list_counters(db)]
        db.close()

        context = multiprocessing.get_context("spawn")
        out = context.Queue()
        until = time.monotonic() + args.minutes * 60
        procs = [context.Process(target=kiosk, args=(url, until, args.every, out))]
        procs += [
            context.Process(target=counter, args=(url, a, until, i, out))
            for i, a in enumerate(actors)
        ]
        procs.append(context.Process(target=display, args=(url, until, out)))
        for p in procs:
            p.start()
        results = [out.get() for _ in procs]
        for p in procs:
            p.join()

    issued = next(r for kind, r in results if kind == "kiosk")
    calls = [c for kind, r in results if kind == "counter" for c in r]
    seen = next(r for kind, r in results if kind == "display")
    gaps = 0
    for prefix in "ABCD":
        numbers = sorted(int(c[1:]) for c in issued if c[0] == prefix)
        gaps += numbers != list(range(1, len(numbers) + 1))
    codes = [c for c, _, _ in calls]
    latencies = sorted(seen[seq] - at for _, seq, at in calls if seq in seen)
    missed = sum(1 for _, seq, _ in calls if seq not in seen)
    p95 = latencies[int(0.95 * (len(latencies) - 1))] if latencies else float("nan")
    print(f"database          {args.db}, {args.minutes:g} min, a ticket every {args.every:g} s")
    print(f"tickets issued    {len(issued)} (duplicates {len(issued) - len(set(issued))}, "
          f"services with a gap {gaps})")  # fmt: skip
    print(f"calls             {len(calls)} by {COUNTERS} counters "
          f"(a ticket called twice: {len(codes) - len(set(codes))})")  # fmt: skip
    print(f"display latency   p50 {statistics.median(latencies) * 1000:.0f} ms, "
          f"p95 {p95 * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms "
          f"(calls the display missed: {missed}; target p95 ≤ 1000 ms)")  # fmt: skip


if __name__ == "__main__":
    main()
