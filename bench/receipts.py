"""Receipts and payments: PDF time, a whole payment's time, and gapless numbers under load.

    .venv/bin/python bench/receipts.py [--seconds 60] [--postgres URL]

Targets (issue 4): one thermal receipt PDF median ≤ 30 ms; a payment (service call + PDF)
median ≤ 100 ms on SQLite; 4 processes paying at once for the whole run produce unique,
gapless receipt numbers.
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from loket.db.engine import Database
from loket.db.migrate import open_database
from loket.db.models import Receipt
from loket.domain.nik import compose_nik
from loket.services import auth, branch, users
from loket.services.actor import Actor
from loket.services.payments import PaymentLine, pay
from loket.services.receipts import receipt_document
from loket.services.registration import RegistrationInput, register_participant

PASSWORD = "bench-password-1"


def _setup(url: str, people: int) -> tuple[Database, Actor, list[int]]:
    db = open_database(url)
    branch.create_demo(db)
    users.reset_password(db, Actor.command_line(), "petugas", PASSWORD)
    staff = auth.login(db, "petugas", PASSWORD, branch.list_counters(db)[0].id)
    ids = []
    for i in range(people):
        born = date(1960 + i % 40, 1 + i % 12, 1 + i % 28)
        ids.append(
            register_participant(
                db,
                staff,
                RegistrationInput(
                    nik=compose_nik("637101", born, "L", i + 1),
                    full_name=f"Peserta Uji {i}",
                    birth_place="Banjarmasin",
                    birth_date=born,
                    sex="L",
                    address="Jl. Uji",
                    province_code="63",
                    phone=f"0812{i:08d}",
                    occupation="ojek",
                    declared_income=1_000_000,
                    programs=frozenset({"JKK", "JKM", "JHT"}),
                ),
                acknowledge_similar=True,
            ).participant_id
        )
    return db, staff, ids


def _worker(url: str, seconds: float, worker: int, ids: list[int]) -> int:
    db = Database(url)
    staff = auth.login(db, "petugas", PASSWORD, branch.list_counters(db)[0].id)
    done, end = 0, time.monotonic() + seconds
    while time.monotonic() < end:
        pay(
            db,
            staff,
            [PaymentLine(ids[(worker * 7 + done) % len(ids)], 1)],
            method="qris",
            reference=f"W{worker}-{done}",
        )
        done += 1
    db.close()
    return done


def concurrent(url: str, seconds: float, ids: list[int]) -> None:
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(4) as pool:
        counts = pool.starmap(_worker, [(url, seconds, w, ids) for w in range(4)])
    db = Database(url)
    with db.reader() as s:
        seqs = sorted(s.scalars(Receipt.__table__.select().with_only_columns(Receipt.seq)))
    db.close()
    gapless = seqs == list(range(1, len(seqs) + 1))
    print(
        f"  4 processes × {seconds:.0f} s: {sum(counts):,} payments "
        f"({sum(counts) / seconds:.1f}/s), numbers 1..{len(seqs)}: "
        f"{'unique and gapless' if gapless else 'GAPS OR DUPLICATES'}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--postgres", metavar="URL", help="also run the load on this database")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        db, staff, ids = _setup(url, 50)
        paid = pay(db, staff, [PaymentLine(ids[0], 3)], method="cash", tendered=200_000)
        receipt_document(db, staff, paid.receipt_id)  # warm fonts and caches
        pdf = [
            _time(lambda: receipt_document(db, staff, paid.receipt_id)) for _ in range(args.runs)
        ]
        full = []
        for i in range(args.runs):
            full.append(
                _time(
                    lambda i=i: receipt_document(
                        db,
                        staff,
                        pay(
                            db,
                            staff,
                            [PaymentLine(ids[i % 50], 1)],
                            method="cash",
                            tendered=100_000,
                        ).receipt_id,
                    )
                )
            )
        db.close()
        print(
            f"thermal receipt PDF     median {statistics.median(pdf) * 1000:6.1f} ms "
            f"(p95 {statistics.quantiles(pdf, n=20)[-1] * 1000:.1f}; target ≤ 30)"
        )
        print(
            f"payment + receipt PDF   median {statistics.median(full) * 1000:6.1f} ms "
            f"(p95 {statistics.quantiles(full, n=20)[-1] * 1000:.1f}; target ≤ 100), SQLite"
        )
        print("concurrent counters, SQLite:")
        concurrent(url, args.seconds, ids)
    if args.postgres:
        _, _, pg_ids = _setup(args.postgres, 50)
        print("concurrent counters, PostgreSQL:")
        concurrent(args.postgres, args.seconds, pg_ids)


def _time(fn: object) -> float:
    start = time.perf_counter()
    fn()  # type: ignore[operator]
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
