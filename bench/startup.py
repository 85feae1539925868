"""Cold start of ``loket`` to a shown login window, against a bare PySide6 window started
the same way (a fresh Python process each run). Prints the medians and their ratio.

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
QTimer.singleShot(0, app.quit)
app.exec()
"""

LOKET = """
import sys
from PySide6.QtWidgets import QApplication
from loket.app import main
sys.exit(main(["--db", sys.argv[1], "--config", sys.argv[2]],
              on_ready=lambda dialog: QApplication.quit()))
"""


def _time(code: str, *args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True)
    return time.perf_counter() - start


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
        bare = [_time(BARE) for _ in range(runs)]
        loket = [_time(LOKET, url, config) for _ in range(runs)]
    b, lk = statistics.median(bare), statistics.median(loket)
    print(f"runs per variant          {runs}")
    print(f"bare PySide6 dialog       median {b * 1000:7.0f} ms  (min {min(bare) * 1000:.0f})")
    print(f"loket to login window     median {lk * 1000:7.0f} ms  (min {min(loket) * 1000:.0f})")
    print(f"ratio loket / bare        {lk / b:.2f}")
    print(f"loket's own start-up cost {max(0.0, lk - b) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
