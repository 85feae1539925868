"""Reports of a period, from the terminal: PDF, CSV and XLSX read back; the closing status."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from loket.db.engine import Database
from loket.services import auth, branch, closing, receipts
from loket.services.payments import PaymentLine, pay
from loket.services.registration import register_participant
from tests.conftest import FakeClock
from tests.factories import bpu_worker, close_drawer
from tests.pdf_reading import pdf_text
from tests.test_cli import run

REASON = '=HYPERLINK("http://x","Salah nama")'  # text typed at the counter, formula-like


@pytest.fixture
def month(demo: tuple[Database, dict[str, str]]) -> tuple[Database, dict[str, str], list[str]]:
    """Two days of December 2026 at KC Banjarmasin: the first closed, the second open."""
    db, pw = demo
    clock = FakeClock(datetime(2026, 12, 1, 1, 0, tzinfo=UTC))
    staff = auth.login(db, "petugas", pw["petugas"], branch.list_counters(db)[0].id, clock=clock)
    sup = auth.login(db, "supervisor", pw["supervisor"], None, clock=clock)
    people = [
        register_participant(db, staff, bpu_worker(serial=i, full_name=f"Pekerja {i}",
                             birth_date=date(1980 + i, 1, 1)), acknowledge_similar=True,
                             clock=clock).participant_id
        for i in range(1, 4)
    ]  # fmt: skip
    numbers = [
        pay(db, staff, [PaymentLine(people[0], 3)], method="cash", tendered=500_000,
            clock=clock).number,
        pay(db, staff, [PaymentLine(people[1], 1)], method="qris", reference="QR-1",
            clock=clock).number,
    ]  # fmt: skip
    void = pay(db, staff, [PaymentLine(people[2], 1)], method="cash", tendered=50_000, clock=clock)
    numbers.append(void.number)
    receipts.request_void(db, staff, void.receipt_id, REASON, clock=clock)
    receipts.decide_void(db, sup, void.receipt_id, approve=True, password=pw["supervisor"],
                         clock=clock)  # fmt: skip
    close_drawer(db, staff, clock)
    closing.close_day(db, sup, date(2026, 12, 1), password=pw["supervisor"], clock=clock)
    clock.advance(days=1)
    numbers.append(
        pay(db, staff, [PaymentLine(people[2], 1)], method="cash", tendered=50_000,
            clock=clock).number
    )  # fmt: skip
    return db, pw, numbers


def test_a_month_as_xlsx_csv_and_pdf(
    month: tuple[Database, dict[str, str], list[str]],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    db, _, numbers = month
    url = db.url.render_as_string(hide_password=False)
    period = ("--from", "2026-12-01", "--to", "2026-12-31")

    code, out, _ = run(capsys, "--db", url, "report", *period, "--format", "xlsx",
                       "--out", str(tmp_path / "r.xlsx"))  # fmt: skip
    assert code == 0 and "3 kuitansi" in out
    book = load_workbook(tmp_path / "r.xlsx")
    assert book.sheetnames[:3] == ["laporan", "program", "cara_bayar"]
    methods = book["cara_bayar"]
    assert [c.value for c in methods[1]] == ["Cara bayar", "Kuitansi", "Jumlah"]
    assert methods.freeze_panes == "A2"
    cash = next(row for row in methods.iter_rows(min_row=2) if row[0].value == "cash")
    assert isinstance(cash[2].value, int) and cash[2].number_format == "#,##0"
    assert cash[1].value == 2  # the voided receipt does not count
    voids = book["pembatalan"]
    assert voids["A2"].value == numbers[2]
    assert voids["F2"].value == REASON and voids["F2"].data_type == "s"  # text, not a formula
    assert voids["B2"].is_date
    numbering = book["nomor_kuitansi"]
    assert [numbering["B2"].value, numbering["C2"].value, numbering["D2"].value] == [
        numbers[0], numbers[3], 4]  # fmt: skip

    code, _, _ = run(capsys, "--db", url, "report", *period, "--format", "csv",
                     "--out", str(tmp_path / "r.csv"))  # fmt: skip
    rows = list(csv.DictReader(io.StringIO((tmp_path / "r.csv").read_text("utf-8"))))
    paid = {r["baris"]: r["nilai"] for r in rows if r["tabel"] == "program"
            and r["kolom"] == "Diterima"}  # fmt: skip
    received = sum(
        int(r["nilai"]) for r in rows if r["tabel"] == "cara_bayar" and r["kolom"] == "Jumlah"
    )
    assert sum(map(int, paid.values())) == received > 0
    assert {"tabel": "non_tunai", "baris": "1", "kolom": "Referensi", "nilai": "QR-1"} in rows

    code, _, _ = run(capsys, "--db", url, "report", *period, "--format", "pdf",
                     "--out", str(tmp_path / "r.pdf"))  # fmt: skip
    text = " ".join(pdf_text((tmp_path / "r.pdf").read_bytes()).split())
    assert "LAPORAN CABANG" in text and "1 Desember 2026 s.d. 31 Desember 2026" in text
    assert "Salah nama" in text and "QR-1" in text

    code, _, err = run(capsys, "--db", url, "report", "--from", "2026-12-31", "--to",
                       "2026-12-01", "--out", str(tmp_path / "x.pdf"))  # fmt: skip
    assert code == 1 and "Tanggal akhir sebelum tanggal awal" in err
    code, _, err = run(capsys, "--db", url, "report", *period, "--format", "csv",
                       "--out", str(tmp_path / "no-such-dir" / "r.csv"))  # fmt: skip
    assert code == 1 and "Laporan tidak dapat disimpan di" in err  # a line, no traceback


def test_closing_status_names_open_days_and_drawers(
    month: tuple[Database, dict[str, str], list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    db, _, _ = month
    url = db.url.render_as_string(hide_password=False)
    code, out, _ = run(capsys, "--db", url, "closing", "status", "2026-12-02", "--days", "2")
    assert code == 4  # the 2nd is still open
    lines = out.splitlines()
    assert lines[0] == "2026-12-02  terbuka"
    assert lines[1].startswith("  Loket 1 (Petugas Pelayanan (demo)), 2026-12-02: kas terbuka")
    assert lines[2].startswith("2026-12-01  ditutup oleh Kepala Bidang Pelayanan (demo)")
    assert "kas ditutup" in lines[3]
    code, _, _ = run(capsys, "--db", url, "closing", "status", "2026-12-01")
    assert code == 0
