"""Receipts read back from the real PDFs; voids and reprints on SQLite and PostgreSQL."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from loket.db.engine import Database
from loket.db.models import Contribution
from loket.services import auth, branch
from loket.services.actor import Actor
from loket.services.errors import Conflict, PermissionDenied
from loket.services.payments import PaymentLine, pay
from loket.services.receipts import (
    decide_void,
    mark_printed,
    pending_voids,
    receipt_document,
    request_void,
    unprinted_receipts,
)
from loket.services.registration import register_participant
from tests.conftest import FakeClock
from tests.factories import bpu_worker, close_drawer
from tests.pdf_reading import pdf_qr_codes, pdf_text

NOV_24 = FakeClock(datetime(2026, 11, 24, 2, 5, tzinfo=UTC))


@pytest.fixture
def paid(any_demo: tuple[Database, dict[str, str]]) -> tuple[Database, Actor, Actor, str, int]:
    db, pw = any_demo
    counter = branch.list_counters(db)[0].id
    staff = auth.login(db, "petugas", pw["petugas"], counter)
    supervisor = auth.login(db, "supervisor", pw["supervisor"], counter)
    trader = bpu_worker(declared_income=2_500_000, occupation="pedagang")
    pid = register_participant(db, staff, trader).participant_id
    # November and December 2026 under PP 50/2025's relief, January 2027 at the full rate
    receipt = pay(db, staff, [PaymentLine(pid, 3)], method="cash", tendered=250_000, clock=NOV_24)
    return db, staff, supervisor, pw["supervisor"], receipt.receipt_id


def test_the_thermal_receipt_reads_right(paid: tuple[Database, Actor, Actor, str, int]) -> None:
    db, staff, _, _, rid = paid
    pdf = receipt_document(db, staff, rid)
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert round(float(page.mediabox.width) / 72 * 25.4) == 80  # an 80 mm roll
    text = " ".join(pdf_text(pdf).split())  # long lines wrap on an 80 mm roll
    for expected in (
        "KUITANSI IURAN",
        "No. KW/BJM/2026/000001",
        "24-11-2026 10:05 WITA",
        "Loket 1 · Petugas Pelayanan (demo)",
        "Diterima dari: Ahmad Fauzi",
        "KPJ 63100000015 · NIK 6371********0001",
        "JKK 11/2026–12/2026 (2 bln) Rp25.000",
        "normal Rp50.000, keringanan −Rp25.000",
        "JKM 11/2026–12/2026 (2 bln) Rp6.800",
        "normal Rp13.600, keringanan −Rp6.800",
        "JHT 11/2026–12/2026 (2 bln) Rp100.000",
        "JKK 01/2027 (1 bln) Rp25.000",
        "JKM 01/2027 (1 bln) Rp6.800",
        "JHT 01/2027 (1 bln) Rp50.000",
        "Iuran normal Rp245.400",
        "Keringanan iuran PP 50/2025 −Rp31.800",
        "TOTAL Rp213.600",
        "dua ratus tiga belas ribu enam ratus rupiah",
        "Tunai: diterima Rp250.000",
        "Kembali Rp36.400",
    ):
        assert expected in text, expected
    assert "6371010508900001" not in text
    assert "SALINAN" not in text and "BATAL" not in text and "Meterai" not in text
    (payload,) = pdf_qr_codes(pdf, dpi=300)
    assert payload.startswith("LOKET1|KW|KW/BJM/2026/000001|")


def test_reprints_are_numbered_copies(paid: tuple[Database, Actor, Actor, str, int]) -> None:
    db, staff, _, _, rid = paid
    assert [r.number for r in unprinted_receipts(db, staff)] == ["KW/BJM/2026/000001"]
    assert mark_printed(db, staff, rid) == 1
    assert unprinted_receipts(db, staff) == []
    assert "SALINAN ke-1" in pdf_text(receipt_document(db, staff, rid, layout="a5"))
    mark_printed(db, staff, rid)
    assert "SALINAN ke-2" in pdf_text(receipt_document(db, staff, rid))


def test_a_void_needs_another_persons_approval(
    paid: tuple[Database, Actor, Actor, str, int],
) -> None:
    db, staff, supervisor, supervisor_pw, rid = paid
    request_void(db, staff, rid, "Salah peserta")
    with pytest.raises(Conflict):
        request_void(db, staff, rid, "lagi")
    assert [r.void_reason for r in pending_voids(db, supervisor)] == ["Salah peserta"]
    decide_void(db, supervisor, rid, approve=True, password=supervisor_pw)
    text = pdf_text(receipt_document(db, staff, rid))
    assert "BATAL" in text and "No. KW/BJM/2026/000001" in text  # keeps its number
    assert unprinted_receipts(db, staff) == []


def test_nobody_approves_their_own_void(paid: tuple[Database, Actor, Actor, str, int]) -> None:
    db, _, supervisor, supervisor_pw, rid = paid
    request_void(db, supervisor, rid, "Salah jumlah bulan")
    with pytest.raises(PermissionDenied):
        decide_void(db, supervisor, rid, approve=True, password=supervisor_pw)


def test_a_voided_payment_frees_the_months(paid: tuple[Database, Actor, Actor, str, int]) -> None:
    from loket.services.payments import quote

    db, staff, supervisor, supervisor_pw, rid = paid
    request_void(db, staff, rid, "Salah peserta")
    decide_void(db, supervisor, rid, approve=True, password=supervisor_pw)
    with db.reader() as s:
        participant_id = s.scalars(select(Contribution.participant_id)).first()
    assert participant_id is not None
    again = quote(db, staff, [PaymentLine(participant_id, 1)], clock=NOV_24)
    assert again.lines[0].period.first == date(2026, 11, 1)


def test_stamp_duty_place_above_five_million(demo: tuple[Database, dict[str, str]]) -> None:
    db, pw = demo
    staff = auth.login(db, "petugas", pw["petugas"], branch.list_counters(db)[0].id)
    trader = bpu_worker(declared_income=20_700_000, occupation="pedagang")
    pid = register_participant(db, staff, trader).participant_id
    receipt = pay(
        db, staff, [PaymentLine(pid, 12)], method="transfer", reference="BNI-1", clock=NOV_24
    )
    relieved = 207_000 // 2 + 6_800 // 2 + 414_000  # November and December 2026
    assert receipt.total == relieved * 2 + 627_800 * 10  # Rp7.315.400
    text = pdf_text(receipt_document(db, staff, receipt.receipt_id, layout="a5"))
    assert "Meterai" in text and "Rp10.000" in text
    assert "Transfer bank, ref. BNI-1" in text


def test_receipts_are_found_by_number_date_participant_and_payer(
    paid: tuple[Database, Actor, Actor, str, int],
) -> None:
    from loket.services.receipts import search_receipts
    from loket.services.registration import SponsorInput, add_sponsor

    db, staff, _, _, _ = paid
    sponsor = add_sponsor(db, staff, SponsorInput("organisation", "Koperasi Nelayan Barito"))
    other = register_participant(
        db, staff, bpu_worker(serial=2, full_name="Siti Rahmah", birth_date=date(1991, 1, 1))
    )
    later = FakeClock(datetime(2026, 11, 25, 2, 0, tzinfo=UTC))
    close_drawer(db, staff, later)  # the 24th's drawer
    pay(
        db,
        staff,
        [PaymentLine(other.participant_id, 1)],
        method="qris",
        reference="Q1",
        sponsor_id=sponsor,
        clock=later,
    )

    def numbers(query: str = "", on: date | None = None) -> list[str]:
        return [r.number for r in search_receipts(db, staff, query, on=on)]

    assert numbers("KW/BJM/2026/000001") == numbers("1") == ["KW/BJM/2026/000001"]
    assert numbers("ahmad") == numbers("63100000015") == ["KW/BJM/2026/000001"]
    assert numbers("koperasi") == numbers("siti rahmah") == ["KW/BJM/2026/000002"]
    assert numbers(on=date(2026, 11, 24)) == ["KW/BJM/2026/000001"]
    assert numbers() == ["KW/BJM/2026/000002", "KW/BJM/2026/000001"]
    assert numbers("tidak ada") == []
