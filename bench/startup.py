"""Cold start of ``loket`` to a shown login window, against a bare PySide6 window started
the same way (a fresh Python process each run): the time from starting the process until
the window is shown (the child says so on its standard output). Loket opens its database
behind the login window, so what a user waits for is measured, not the process's life.
Prints the medians and their ratio.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog
app = QApplication([])
w = QDialog(); w.setWindowTitle("bare"); w.show()
QTimer.singleShot(0, lambda: (print("shown", flush=True), app.quit()))
app.exec()
"""

LOKET = """
import sys
from PySide6.QtWidgets import QApplication
from loket.app import main
sys.exit(main(["--db", sys.argv[1], "--config", sys.argv[2]],
              on_ready=lambda dialog: (print("shown", flush=True), QApplication.quit())))
"""


def _time(code: str, *args: str) -> float:
    start = time.perf_counter()
    with subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    ) as child:
        assert child.stdout is not None
        line = child.stdout.readline()
        shown = time.perf_counter() - start
        child.wait()
    if line.strip() != b"shown" or child.returncode != 0:
        raise SystemExit(f"the window did not show (exit {child.returncode})")
    return shown


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        config = str(Path(tmp) / "desk.ini")
        subprocess.run(
            [sys.executable, "-m", "loket.cli", "--db", url, "demo"],
            check=True,
            capture_output=True,
        )
        _time(BARE), _time(LOKET, url, config)  # warm the OS file cache once
        bare: list[float] = []
        loket: list[float] = []
        for _ in range(runs):  # interleaved: a busy moment of the machine hits both
            bare.append(_time(BARE))
            loket.append(_time(LOKET, url, config))
    b, lk = statistics.median(bare), statistics.median(loket)
    print(f"runs per variant          {runs}")
    print(f"bare PySide6 dialog       median {b * 1000:7.0f} ms  (min {min(bare) * 1000:.0f})")
    print(f"loket to login window     median {lk * 1000:7.0f} ms  (min {min(loket) * 1000:.0f})")
    print(f"ratio loket / bare        {lk / b:.2f}")
    print(f"loket's own start-up cost {max(0.0, lk - b) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
