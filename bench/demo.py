"""The living demo branch (``loket-admin demo``): how long it takes to make (target < 5 s),
on a fresh SQLite file each run. Prints each run's wall and CPU time and the median.

    .venv/bin/python bench/demo.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from loket.db.migrate import open_database
from loket.services.demo_branch import create_living_demo


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    walls = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(runs):
            db = open_database(f"sqlite:///{Path(tmp) / f'demo-{i}.db'}")
            wall, cpu = time.perf_counter(), time.process_time()
            _, made = create_living_demo(db)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            db.close()
            walls.append(wall)
            print(f"run {i + 1}: {wall:5.2f} s wall, {cpu:5.2f} s CPU — {made.participants} "
                  f"participants, {made.receipts} receipts, 2 claims")  # fmt: skip
    print(f"median {statistics.median(walls):.2f} s (target < 5 s)")


if __name__ == "__main__":
    main()
