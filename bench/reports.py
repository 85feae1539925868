"""The dashboard and the period reports at a large branch's scale: 3,2 million participants,
a year of receipts (≥ 500,000, three programs each), a year of paid claims, a cash session
per counter and day — on SQLite, and on PostgreSQL with ``--pg``.

    .venv/bin/python bench/reports.py                   # SQLite, full scale (a few minutes)
    .venv/bin/python bench/reports.py --pg              # PostgreSQL (a throwaway cluster)
    .venv/bin/python bench/reports.py --n 200000 --receipts 50000   # a quick look

Targets (issue 15): dashboard load p95 ≤ 300 ms, a month's report ≤ 2 s, the GUI thread
never stalled ≥ 50 ms while the dashboard loads. Participants come in through the import
service; receipts, sessions and claims are written straight with Core inserts (the
payment service's speed is bench/receipts.py's business).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import case, insert, update

from loket.db.coverage_tally import recount
from loket.db.engine import Database
from loket.db.migrate import open_database
from loket.db.models import (
    CashSession,
    Claim,
    ClaimEvent,
    Contribution,
    Participant,
    Receipt,
    table,
)
from loket.documents.base import Letterhead
from loket.documents.branch_report import branch_report_pdf
from loket.domain.numbers import receipt_number
from loket.services import branch, dashboard
from loket.services.actor import Actor, Role
from loket.services.participant_import import import_file
from loket.services.place import require_home_branch
from loket.services.report_export import to_csv, to_xlsx
from loket.services.reports import period_bounds, period_report

sys.path.insert(0, str(Path(__file__).resolve().parent))
from participants import generate

TODAY = date(2026, 12, 3)
NOW = datetime(2026, 12, 3, 6, 0, tzinfo=UTC)  # 14:00 WITA
WITA = timedelta(hours=8)
BATCH = 20_000
HEAD = Actor(None, "kepala", "Kepala Kantor Cabang", Role.HEAD, "BJM", "KC Banjarmasin")


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def chunks(rows: Iterator[dict[str, Any]], size: int = BATCH) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def fill(db: Database, n: int, receipts: int, claims: int, work: Path) -> None:
    rng = random.Random(15)
    csv_path = work / "participants.csv"
    generate(n, csv_path)
    t = timed(lambda: import_file(db, Actor.command_line(), csv_path))
    print(f"  {n:,} participants imported in {t:.0f} s")
    start = time.perf_counter()
    with db.transaction() as s:  # where each stands with their dues
        s.execute(
            update(table(Participant)).values(
                paid_through=case(
                    (Participant.id % 10 < 6, date(2026, 12, 1)),
                    (Participant.id % 10 < 8, date(2026, 10, 1)),
                    (Participant.id % 10 < 9, date(2025, 3, 1)),
                    else_=None,
                ),
                registered_at=case(
                    (Participant.id % 4 == 0, datetime(2020, 2, 3, 2, tzinfo=UTC)),
                    (Participant.id % 4 == 1, datetime(2023, 7, 10, 2, tzinfo=UTC)),
                    (Participant.id % 4 == 2, datetime(2026, 10, 5, 2, tzinfo=UTC)),
                    else_=datetime(2026, 11, 20, 2, tzinfo=UTC),
                ),
            )
        )
    with db.transaction() as s:  # written past the services: the tally is rebuilt
        recount(s)
    days = (TODAY - date(2026, 1, 1)).days + 1
    sessions: dict[tuple[date, int], int] = {}
    with db.transaction() as s:
        for d in range(days):
            day = date(2026, 1, 1) + timedelta(days=d)
            for counter in (1, 2, 3):
                opened = datetime.combine(day, datetime.min.time(), UTC) - WITA + timedelta(hours=8)
                cs = CashSession(
                    drawer=f"counter:{counter}", counter_id=counter,
                    counter_name=f"Loket {counter}",
                    business_date=day, username="petugas", full_name="Petugas", opened_at=opened,
                    opening_float=500_000, opening_count="{}", float_counted=True,
                    closed_at=None if day == TODAY else opened + timedelta(hours=8),
                    closed_by="petugas", closing_count="{}", difference_reason="",
                    difference_approved_by="", handed_over_to="",
                )  # fmt: skip
                s.add(cs)
                s.flush()
                sessions[(day, counter)] = cs.id
    per_day = receipts / days

    def receipt_rows() -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
        seq = 0
        for d in range(days):
            day = date(2026, 1, 1) + timedelta(days=d)
            for _ in range(int(per_day) + (rng.random() < per_day % 1)):
                seq += 1
                at = (datetime.combine(day, datetime.min.time(), UTC) - WITA
                      + timedelta(hours=8, seconds=rng.randrange(8 * 3600)))  # fmt: skip
                method = "cash" if rng.random() < 0.7 else rng.choice(("transfer", "qris"))
                months = rng.choice((1, 1, 1, 3, 6, 12))
                void = rng.random() < 0.002
                parts = {"JKK": 10_000, "JKM": 6_800, "JHT": 20_000}
                total = sum(parts.values()) * months
                counter = 1 + seq % 3
                yield (
                    {"id": seq, "number": receipt_number("BJM", 2026, seq), "branch_code": "BJM",
                     "year": 2026, "seq": seq, "cash_session_id": sessions[(day, counter)],
                     "payer_name": "Pekerja", "sponsor_id": None, "method": method,
                     "reference": "" if method == "cash" else f"R{seq}",
                     "tendered": total if method == "cash" else None,
                     "change": 0 if method == "cash" else None, "total": total, "issued_at": at,
                     "issued_by": "petugas", "issued_by_name": "Petugas",
                     "counter_name": f"Loket {counter}", "print_count": 1, "printed_at": at,
                     "void_status": "void" if void else "", "void_reason": "uji" if void else "",
                     "void_requested_by": "petugas" if void else "",
                     "voided_by": "supervisor" if void else "",
                     "voided_at": at + timedelta(minutes=5) if void else None, "void_drawer": "",
                     "void_session_id": sessions[(day, counter)] if void else None},
                    [{"receipt_id": seq, "participant_id": 1 + rng.randrange(n), "program": p,
                      "period_first": date(2026, 1, 1), "period_last": date(2026, 1, 1),
                      "months": months, "monthly_amount": a, "amount": a * months,
                      "relief_monthly": 0, "relief_basis": ""} for p, a in parts.items()],
                )  # fmt: skip

    start = time.perf_counter()
    count = 0
    batch_r: list[dict[str, Any]] = []
    batch_c: list[dict[str, Any]] = []
    for r, cs in receipt_rows():
        batch_r.append(r)
        batch_c.extend(cs)
        if len(batch_r) == BATCH:
            with db.transaction() as s:
                s.execute(insert(table(Receipt)), batch_r)
                s.execute(insert(table(Contribution)), batch_c)
            count += len(batch_r)
            batch_r, batch_c = [], []
    if batch_r:
        with db.transaction() as s:
            s.execute(insert(table(Receipt)), batch_r)
            s.execute(insert(table(Contribution)), batch_c)
        count += len(batch_r)
    print(f"  {count:,} receipts ({count * 3:,} contributions) written in "
          f"{time.perf_counter() - start:.0f} s")  # fmt: skip
    start = time.perf_counter()
    benefits = ("JKM", "JKK", "JHT", "BEASISWA", "JKK_STMB")
    for batch in chunks(iter(range(1, claims + 1))):  # type: ignore[arg-type]
        rows, events = [], []
        for i in batch:  # type: ignore[union-attr]
            at = datetime(2026, 1, 1, 2, tzinfo=UTC) + timedelta(minutes=rng.randrange(480_000))
            total = rng.choice((42_000_000, 15_000_000, 3_000_000, 8_500_000))
            rows.append({"id": i, "number": f"KL/BJM/2026/{i:06d}", "branch_code": "BJM",
                         "participant_id": 1 + rng.randrange(n), "benefit": rng.choice(benefits),
                         "event_date": date(2025, 12, 1), "claimant_name": "Ahli waris",
                         "claimant_relation": "spouse", "rule_version": "bench", "total": total,
                         "payable_now": total, "status": "paid", "created_by": "petugas",
                         "created_at": at, "decided_by": "supervisor", "decided_at": at,
                         "paid_amount": total, "paid_by": "supervisor", "paid_at": at})  # fmt: skip
            events.append({"claim_id": i, "at": at, "username": "supervisor",
                           "full_name": "Supervisor", "action": "approved",
                           "note": ""})  # fmt: skip
        with db.transaction() as s:
            s.execute(insert(table(Claim)), rows)
            s.execute(insert(table(ClaimEvent)), events)
    print(f"  {claims:,} paid claims written in {time.perf_counter() - start:.0f} s")
    if db.dialect == "postgresql":
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
    else:
        with db.engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")


def p(samples: list[float], q: int) -> float:
    return statistics.quantiles(samples, n=100)[q - 1] * 1000


def measure(db: Database, runs: int) -> None:
    def clock() -> datetime:
        return NOW

    dashboard.figures(db, HEAD, clock=clock)  # warm the caches, as a page opened before
    samples = [timed(lambda: dashboard.figures(db, HEAD, clock=clock)) for _ in range(runs)]
    print(f"dashboard load: p50 {p(samples, 50):.0f} ms, p95 {p(samples, 95):.0f} ms "
          f"(target ≤ 300 ms)")  # fmt: skip
    f = dashboard.figures(db, HEAD, clock=clock)
    with db.reader() as s:  # where the time goes
        tz = ZoneInfo("Asia/Makassar")
        b = require_home_branch(s)
        start, end = period_bounds(b, TODAY.replace(day=1), TODAY)
        parts = {
            "coverage": lambda: dashboard._coverage(s, TODAY, 3),
            "month": lambda: dashboard._span(s, start, end),
            "30 days": lambda: dashboard._collections(s, tz, TODAY),
        }
        print("  " + ", ".join(f"{k} {timed(fn) * 1000:.0f} ms" for k, fn in parts.items()))
    print(f"  ({f.month.receipts:,} receipts this month, {f.coverage.total:,} participants: "
          f"{f.coverage.paid_up:,} paid up, {f.coverage.in_arrears:,} in arrears, "
          f"{f.coverage.lapsed:,} non-active)")  # fmt: skip
    november = (date(2026, 11, 1), date(2026, 11, 30))
    report = period_report(db, HEAD, *november)
    times = [timed(lambda: period_report(db, HEAD, *november)) for _ in range(5)]
    print(f"a month's report (November, {report.receipts:,} receipts, "
          f"{len(report.non_cash):,} non-cash listed): median {statistics.median(times):.2f} s, "
          f"worst {max(times):.2f} s (target ≤ 2 s)")  # fmt: skip
    head = Letterhead("JAMINAN SOSIAL KETENAGAKERJAAN", report.branch_name, "")
    print(f"  as PDF +{timed(lambda: branch_report_pdf(head, report, None)):.2f} s, as XLSX "
          f"+{timed(lambda: to_xlsx(report)):.2f} s, as CSV "
          f"+{timed(lambda: to_csv(report)):.2f} s")  # fmt: skip
    took = timed(lambda: period_report(db, HEAD, date(2026, 1, 1), TODAY))
    print(f"the year so far ({took:.2f} s)")
    gui_stall(db)


def gui_stall(db: Database) -> None:
    """The longest the GUI thread went without running its event loop while the dashboard
    page loaded its figures three times (a 5 ms timer measures the gaps)."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from loket.ui.pages.dashboard_page import DashboardPage

    app = QApplication.instance() or QApplication([])
    page = DashboardPage(db, HEAD, clock=lambda: NOW)
    page.show()
    gaps: list[int] = []
    watch = QElapsedTimer()
    watch.start()
    last = [watch.elapsed()]

    def tick() -> None:
        now = watch.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    timer.start()
    for _ in range(3):
        page.figures = None
        page.load()
        while page.figures is None:
            app.processEvents()
            time.sleep(0.001)
    for _ in range(20):
        app.processEvents()
        time.sleep(0.005)
    timer.stop()
    print(f"GUI thread while the dashboard loads (3 loads, charts drawn): longest stall "
          f"{max(gaps)} ms (target < 50 ms)")  # fmt: skip


@contextmanager
def database(pg: bool, work: Path) -> Iterator[Database]:
    if not pg:
        db = open_database(f"sqlite:///{work / 'loket.db'}")
        yield db
        db.close()
        return
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.pg_cluster import running_cluster

    with running_cluster() as cluster:
        db = open_database(cluster.create_database())
        yield db
        db.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=3_200_000, help="participants")
    parser.add_argument("--receipts", type=int, default=520_000, help="receipts in the year")
    parser.add_argument("--claims", type=int, default=20_000, help="paid claims in the year")
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--pg", action="store_true", help="PostgreSQL instead of SQLite")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="loket-bench-reports-"))
    with database(args.pg, work) as db:
        print(f"{db.description}: {args.n:,} participants, {args.receipts:,} receipts, "
              f"{args.claims:,} claims")  # fmt: skip
        branch.create_demo(db)
        fill(db, args.n, args.receipts, args.claims, work)
        measure(db, args.runs)
    print(json.dumps({"work": str(work)}))


if __name__ == "__main__":
    main()
