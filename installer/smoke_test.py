"""Smoke test of a built bundle — the bundle, not the source (issue 17).

    python installer/smoke_test.py dist/loket

Runs the bundle's own programs on a temporary database: `loket-admin --version`, `init`,
`demo`, a participant import of 3,000 rows (the import spawns worker processes: the
classic place where frozen programs break), the printer test page (ReportLab with its
QR code and embedded fonts), and `loket --self-test` offscreen to the login window with
the database open, then the ticket kiosk and the waiting-room display the same way.
Standard library only; exits 1 on the first failure.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path


def run(*argv: str | Path, env: dict[str, str] | None = None) -> str:
    start = time.perf_counter()
    done = subprocess.run([str(a) for a in argv], capture_output=True, text=True, env=env,
                          timeout=600, check=False)  # fmt: skip
    took = time.perf_counter() - start
    print(f"[{took:5.1f} s] {Path(str(argv[0])).name} {' '.join(map(str, argv[1:]))}")
    if done.returncode != 0:
        print(done.stdout, done.stderr, sep="\n", file=sys.stderr)
        raise SystemExit(f"FAILED (exit {done.returncode})")
    return done.stdout + done.stderr  # some commands report their progress on stderr


def person(serial: int) -> tuple[str, date]:
    """A made-up NIK (Kota Banjarmasin, a man) and the birth date it holds."""
    born = date(1980 + serial % 20, 1 + serial % 12, 1 + serial % 28)
    return f"637101{born.day:02d}{born:%m%y}{serial % 10000:04d}", born


def main() -> None:
    bundle = Path(sys.argv[1]).resolve()
    admin, gui = bundle / "loket-admin", bundle / "loket"
    if sys.platform == "win32":
        admin, gui = admin.with_suffix(".exe"), gui.with_suffix(".exe")
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        assert run(admin, "--version").startswith("loket "), "version"
        branch_db = f"sqlite:///{t / 'cabang.db'}"
        run(admin, "--db", branch_db, "init", "--branch-code", "SMK", "--branch-name",
            "KC Uji", "--province", "63", "--kpj-prefix", "639")  # fmt: skip
        export = t / "ekspor.csv"
        with export.open("w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["kpj", "nik", "full_name", "birth_place", "birth_date", "sex",
                        "address", "province_code", "phone", "occupation",
                        "declared_income"])  # fmt: skip
            for i in range(1, 3001):
                n, born = person(i)
                w.writerow([f"5{i:010d}", n, f"Peserta Uji {i}", "Banjarmasin",
                            born.isoformat(), "L", "Jl. Uji", "63", f"0813{i:08d}", "petani",
                            "1000000"])  # fmt: skip
        out = run(admin, "--db", branch_db, "participants", "import", export)
        assert "3000 baru" in out.replace(".", ""), out
        demo_db = f"sqlite:///{t / 'demo.db'}"
        run(admin, "--db", demo_db, "demo")
        page = t / "uji.pdf"
        run(admin, "--db", demo_db, "counter", "test-page", "1", "--out", page)
        assert page.read_bytes().startswith(b"%PDF") and page.stat().st_size > 2000, "pdf"
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        shown = run(gui, "--self-test", "--db", demo_db, "--config", t / "desk.ini", env=env)
        assert "login window shown" in shown, shown
        for screen, name in (("--kiosk", "Kiosk"), ("--display", "QueueDisplay")):
            shown = run(gui, screen, "--self-test", "--db", demo_db, env=env)
            assert f"{name} shown" in shown, shown
    print("bundle smoke test: OK")


if __name__ == "__main__":
    main()
