"""Participants at regional scale: generate N synthetic workers, import them through the
service, then time searches against hand-written sqlite3 queries doing the same lookups.

    .venv/bin/python bench/participants.py --n 3200000      # the branch region's size
    .venv/bin/python bench/participants.py --n 100000       # a quick look

Targets (issue 3): NIK/KPJ lookup p95 ≤ 5 ms, two partial words p95 ≤ 50 ms, import
≥ 50,000 rows/s, service search ≤ 2× the raw query.

The import is also set against a hand-written ``sqlite3`` load of the same file into the
same schema (no checks, no lookups, secondary indexes built afterwards, batches of 50,000
with the search index filled from each, in one process): a yardstick of the machine's
speed that day, so the import's figure can be read apart from it.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from itertools import islice
from operator import itemgetter
from pathlib import Path

from loket.db.migrate import open_database
from loket.domain.names import fold_name
from loket.domain.nik import compose_nik
from loket.services import auth, branch, participants, users
from loket.services.actor import Actor
from loket.services.participant_import import COLUMNS, import_file

FIRST = (  # noqa: SIM905
    "Muhammad Ahmad Siti Nur Dewi Rina Budi Agus Hendra Yusuf Rahmat Fitri Putri Sri Wahyu "
    "Eko Dian Indah Ani Lestari Gusti Antung Anang Galuh Utuh Syahrani Yohanes Markus Natalia "
    "Agustinus Desi Andi Daeng Rizky Fajar Aditya Nurul Aisyah Fauzan Hasan Husin Ilham Iwan "
    "Joko Kartini Lukman Maya Nanda Oktaviani Paulus Ratna Salsabila Taufik Umar Vina Wulan "
    "Yanti Zainal Abdul Bayu Citra Dedi Erna Fransiska Guntur Hairani Irwansyah Jumiati"
).split()
LAST = (  # noqa: SIM905
    "Hidayat Rahman Saputra Pratama Wijaya Setiawan Kurniawan Lestari Handayani Rahmawati "
    "Syahputra Nugroho Susanto Gunawan Siregar Fadillah Ramadhan Maulana Aulia Anggraini "
    "Noor Hamdani Arsyad Baderun Anwar Ismail Effendi Hakim Sitompul Simanjuntak Lim Tan "
    "Manurung Rusdiansyah Syarifudin Mahmud Fahrurrazi Jamaludin Kasim Latif Mardani Idris"
).split()
OCCUPATIONS = ("ojek", "ojol", "pedagang", "petani", "pekebun", "nelayan", "buruh_harian")
DISTRICTS = [
    f"{p}{r:02d}{d:02d}" for p in (61, 62, 63, 64, 65) for r in range(1, 11) for d in range(1, 21)
]
FIRST_DAY, DAYS = date(1960, 1, 1), 16_800  # birth dates up to 2005


def generate(n: int, path: Path, seed: int = 2026) -> None:
    """``n`` rows of the import format; NIKs unique by construction (district, birth day)."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, restval="")
        w.writeheader()
        for i in range(n):
            district = DISTRICTS[i % len(DISTRICTS)]
            born = FIRST_DAY + timedelta(days=(i // len(DISTRICTS)) * 37 % DAYS)
            sex = rng.choice("LP")
            middle = [rng.choice(FIRST + LAST) for _ in range(rng.randint(0, 1))]
            w.writerow(
                {
                    "kpj": f"5{i:010d}",
                    "nik": compose_nik(district, born, sex, 1 + i % 9999),
                    "full_name": " ".join([rng.choice(FIRST), *middle, rng.choice(LAST)]),
                    "birth_place": "Banjarmasin",
                    "birth_date": born.isoformat(),
                    "sex": sex,
                    "address": f"Jl. Contoh No. {i % 300 + 1}",
                    "province_code": district[:2],
                    "phone": f"08{5_000_000_000 + i:010d}"[:13],
                    "occupation": rng.choice(OCCUPATIONS),
                    "segment": "BPU",
                    "declared_income": rng.choice((1_000_000, 1_500_000, 2_000_000, 2_500_000)),
                    "programs": "JKK;JKM;JHT" if i % 3 else "JKK;JKM",
                }
            )


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1] * 1000


def cpu_seconds() -> float:
    """CPU time of this process and of its children that have ended (the importers)."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=200_000)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--dir", type=Path, help="working directory (default: a temp dir)")
    parser.add_argument(
        "--search-only", action="store_true", help="reuse the database an earlier run left in --dir"
    )
    args = parser.parse_args()
    work = args.dir or Path(tempfile.mkdtemp(prefix="loket-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    csv_path, db_path = work / "participants.csv", work / "loket.db"
    if args.search_only:
        search(db_path, args.n, args.queries)
        return
    db_path.unlink(missing_ok=True)

    t = timed(lambda: generate(args.n, csv_path))
    print(f"generated {args.n:,} rows in {t:.1f} s ({csv_path.stat().st_size / 1e6:.0f} MB CSV)")

    db = open_database(f"sqlite:///{db_path}")
    branch.create_demo(db)
    admin = Actor.command_line()
    cpu = cpu_seconds()
    t = timed(lambda: import_file(db, admin, csv_path))
    cpu = cpu_seconds() - cpu
    print(
        f"import {args.n:,} rows via the service: {t:.1f} s = {args.n / t:,.0f} rows/s "
        f"(target ≥ 50,000)  [db {db_path.stat().st_size / 1e6:.0f} MB]\n"
        f"  CPU {cpu:.0f} s on {os.cpu_count()} processors = {cpu / args.n * 1e6:.0f} µs a row "
        f"({cpu / t / (os.cpu_count() or 1):.0%} of the processors busy)"
    )

    db.close()
    raw_rate = raw_load(csv_path, work / "raw.db")
    print(
        f"raw sqlite3 load of the same file: {raw_rate:,.0f} rows/s "
        f"(the service's import is {args.n / t / raw_rate:.2f}× that)"
    )
    search(db_path, args.n, args.queries)
    print(f"\n(work files in {work})")


RAW_COLUMNS = (
    "kpj, nik, full_name, name_search, birth_place, birth_date, sex, address, province_code, "
    "regency, phone, email, occupation, segment, npp, declared_income, programs, status, "
    "branch_code, registered_at, registered_by"
)


def raw_load(csv_path: Path, db_path: Path, batch: int = 50_000) -> float:
    """Rows a second of the hand-written load (see the module's docstring)."""
    db_path.unlink(missing_ok=True)
    open_database(f"sqlite:///{db_path}").close()  # the same schema, by the migrations
    raw = sqlite3.connect(db_path, isolation_level=None)
    raw.execute("PRAGMA synchronous = FULL")  # as the application's connections
    raw.execute("PRAGMA cache_size = -262144")  # as an importing process (256 MB)
    start = time.perf_counter()
    indexes = raw.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'participant' "
        "AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'"
    ).fetchall()
    for name, _ in indexes:
        raw.execute(f"DROP INDEX {name}")
    insert = f"INSERT INTO participant ({RAW_COLUMNS}) VALUES ({', '.join('?' * 21)})"
    rows = 0
    with csv_path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        names = next(reader)
        at = {name: i for i, name in enumerate(names)}
        head = itemgetter(*(at[c] for c in ("kpj", "nik", "full_name")))
        middle = itemgetter(
            *(at[c] for c in ("birth_place", "birth_date", "sex", "address", "province_code"))
        )
        regency, full_name = at["regency"], at["full_name"]
        tail = itemgetter(*(at[c] for c in ("phone", "email", "occupation", "segment", "npp")))
        income, programs = at["declared_income"], at["programs"]
        home = branch.DEMO_BRANCH[0]
        while chunk := [
            (
                *head(r),
                r[full_name].lower(),
                *middle(r),
                r[regency],
                *tail(r),
                int(r[income]),
                r[programs].replace(";", ","),
                "active",
                home,
                "2026-12-01 08:00:00.000000",
                "import:raw",
            )
            for r in islice(reader, batch)
        ]:
            raw.execute("BEGIN")
            (first,) = raw.execute("SELECT coalesce(max(id), 0) + 1 FROM participant").fetchone()
            raw.executemany(insert, chunk)
            raw.execute(
                "INSERT INTO participant_fts(rowid, name_search) "
                "SELECT id, name_search FROM participant WHERE id >= ?",
                (first,),
            )
            raw.execute("COMMIT")
            rows += len(chunk)
    for _, sql in indexes:
        raw.execute(sql)
    elapsed = time.perf_counter() - start
    raw.close()
    return rows / elapsed


def search(db_path: Path, n: int, queries: int) -> None:
    db = open_database(f"sqlite:///{db_path}")
    users.reset_password(db, Actor.command_line(), "petugas", "bench-password-1")
    staff = auth.login(db, "petugas", "bench-password-1", branch.list_counters(db)[0].id)
    raw = sqlite3.connect(db_path)
    rng = random.Random(7)
    sample = raw.execute(
        "SELECT nik, kpj, full_name FROM participant WHERE id IN "
        f"({','.join(str(rng.randint(1, n)) for _ in range(queries))})"
    ).fetchall()
    columns = "id, kpj, nik, full_name, birth_date, phone, status"
    fts = (
        "SELECT " + columns + " FROM participant WHERE id IN (SELECT rowid FROM "
        "participant_fts WHERE participant_fts MATCH ?) ORDER BY id LIMIT 50"
    )

    def two_words(name: str) -> str:
        words = fold_name(name).split()
        return f"{words[-1][:4]} {words[0][:3]}"  # partial words, in the other order

    cases = {
        "NIK lookup": (
            lambda r: r[0],
            "SELECT " + columns + " FROM participant WHERE nik = ? ORDER BY id LIMIT 50",
            lambda q: q,
        ),
        "KPJ lookup": (
            lambda r: r[1],
            "SELECT " + columns + " FROM participant WHERE kpj = ? ORDER BY id LIMIT 50",
            lambda q: q,
        ),
        "name, two partial words": (
            lambda r: two_words(r[2]),
            fts,
            lambda q: " AND ".join(f'"{w}"*' for w in q.split()),
        ),
    }
    print(
        f"\n{'search (' + format(len(sample), ',') + ' queries)':<28}"
        f"{'service p50':>12}{'p95':>9}{'raw p50':>10}{'p95':>9}{'ratio p50':>11}{'p95':>7}"
    )
    for label, (make_query, sql, raw_param) in cases.items():
        queries = [make_query(r) for r in sample]
        svc = [timed(lambda q=q: participants.search_participants(db, staff, q)) for q in queries]
        params = [raw_param(q) for q in queries]  # prepared outside the timing: fair to raw
        hand = [timed(lambda p=p, s=sql: raw.execute(s, (p,)).fetchall()) for p in params]
        s50, h50 = statistics.median(svc) * 1000, statistics.median(hand) * 1000
        print(
            f"{label:<28}{s50:>10.2f}ms{p95(svc):>7.2f}ms{h50:>8.2f}ms{p95(hand):>7.2f}ms"
            f"{s50 / h50:>10.1f}×{p95(svc) / p95(hand):>6.1f}×"
        )
    raw.close()
    db.close()


if __name__ == "__main__":
    main()
