"""Payments on SQLite and PostgreSQL: amounts by rule, coverage, methods, gapless numbers."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from loket.db.engine import Database
from loket.db.models import Contribution, Receipt
from loket.domain.errors import LoketError
from loket.services import auth, branch
from loket.services.actor import Actor
from loket.services.errors import Conflict, ValidationError
from loket.services.payments import (
    PaymentLine,
    last_paid_month,
    pay,
    quote,
    sponsor_workers,
)
from loket.services.receipts import receipt_document
from loket.services.registration import SponsorInput, add_sponsor, register_participant
from tests.conftest import FakeClock
from tests.factories import bpu_worker
from tests.pdf_reading import pdf_text

# PP 50/2025's relief covers April–December 2026 for traders (the fixture's workers): the
# amounts by the table alone are tested from January, the relief where a payment reaches it.
JAN_24 = datetime(2026, 1, 24, 2, 0, tzinfo=UTC)  # 10:00 WITA
NOV_24 = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)


@pytest.fixture
def counter(any_demo: tuple[Database, dict[str, str]]) -> tuple[Database, Actor, list[int]]:
    db, pw = any_demo
    staff = auth.login(db, "petugas", pw["petugas"], branch.list_counters(db)[0].id)
    ids = [
        register_participant(
            db,
            staff,
            bpu_worker(
                serial=i,
                full_name=name,
                declared_income=income,
                birth_date=date(1980 + i, 1, 1),
                occupation="pedagang",
            ),
            acknowledge_similar=True,
        ).participant_id
        for i, (name, income) in enumerate(
            (("Ahmad Fauzi", 2_500_000), ("Siti Rahmah", 1_000_000), ("Budi Santoso", 1_000_000)),
            start=1,
        )
    ]
    return db, staff, ids


def test_three_months_at_2_5_million_in_cash(counter: tuple[Database, Actor, list[int]]) -> None:
    db, staff, ids = counter
    clock = FakeClock(JAN_24)
    q = quote(db, staff, [PaymentLine(ids[0], 3)], clock=clock)
    assert q.total == 245_400 and q.lines[0].period.label() == "01/2026–03/2026"
    paid = pay(db, staff, [PaymentLine(ids[0], 3)], method="cash", tendered=250_000, clock=clock)
    assert (paid.number, paid.total, paid.change) == ("KW/BJM/2026/000001", 245_400, 4_600)
    with db.reader() as s:
        amounts = {c.program: (c.monthly_amount, c.amount) for c in s.scalars(select(Contribution))}
        assert last_paid_month(s, ids[0]) == date(2026, 3, 1)
    assert amounts == {"JKK": (25_000, 75_000), "JKM": (6_800, 20_400), "JHT": (50_000, 150_000)}
    # the next payment continues where this one ended
    assert (
        quote(db, staff, [PaymentLine(ids[0], 1)], clock=clock).lines[0].period.label() == "04/2026"
    )


def test_a_sponsor_pays_for_several_on_one_receipt(
    counter: tuple[Database, Actor, list[int]],
) -> None:
    db, staff, ids = counter
    sponsor = add_sponsor(db, staff, SponsorInput("organisation", "Koperasi Nelayan Barito"))
    paid = pay(
        db,
        staff,
        [PaymentLine(ids[1], 12), PaymentLine(ids[2], 6)],
        method="transfer",
        reference="BRI-20261124-0042",
        sponsor_id=sponsor,
        clock=FakeClock(JAN_24),
    )
    # January–March at the full rate, April on with PP 50/2025's relief (Rp28.400)
    assert paid.total == (36_800 * 3 + 28_400 * 9) + (36_800 * 3 + 28_400 * 3) == 561_600
    assert paid.change is None
    with db.reader() as s:
        r = s.scalars(select(Receipt)).one()
        assert (r.payer_name, r.reference, r.counter_name) == (
            "Koperasi Nelayan Barito",
            "BRI-20261124-0042",
            "Loket 1",
        )
        # 2 people × 3 programs × 2 runs of months priced alike
        assert s.scalar(select(func.count()).select_from(Contribution)) == 12


def test_a_sponsors_workers_are_found_together(
    counter: tuple[Database, Actor, list[int]],
) -> None:
    db, staff, ids = counter
    sponsor = add_sponsor(db, staff, SponsorInput("organisation", "Koperasi Nelayan Barito"))
    workers = [
        register_participant(
            db,
            staff,
            bpu_worker(serial=10 + i, full_name=name, sponsor_id=sponsor),
            acknowledge_similar=True,
        ).participant_id
        for i, name in enumerate(("Rusdi", "Anang", "Iyus"))
    ]
    assert sponsor_workers(db, staff, sponsor) == workers
    q = quote(db, staff, [PaymentLine(workers[0], 1), PaymentLine(ids[0], 1)])
    assert [(line.sponsor_id, line.sponsor_name) for line in q.lines] == [
        (sponsor, "Koperasi Nelayan Barito"),
        (None, ""),
    ]


def test_arrears_first_then_a_lapse_restarts_this_month(
    counter: tuple[Database, Actor, list[int]],
) -> None:
    db, staff, ids = counter
    pay(db, staff, [PaymentLine(ids[1], 2)], method="cash", tendered=100_000,
        clock=FakeClock(datetime(2026, 5, 10, 2, tzinfo=UTC)))  # fmt: skip  # covers 05–06
    # September: July and August unpaid (2 ≤ 3) are paid first
    september = FakeClock(datetime(2026, 9, 24, 2, tzinfo=UTC))
    line = quote(db, staff, [PaymentLine(ids[1], 3)], clock=september).lines[0]
    assert (line.period.label(), line.standing.arrears_months) == ("07/2026–09/2026", 2)
    with pytest.raises(LoketError, match="berurutan: bulan pertama yang harus dibayar 07/2026"):
        pay(db, staff, [PaymentLine(ids[1], 1, first_month=date(2026, 9, 1))], method="cash",
            tendered=50_000, clock=september)  # fmt: skip
    # November: July–October unpaid (4 > 3): non-active since November, re-joins now
    line = quote(db, staff, [PaymentLine(ids[1], 1)], clock=FakeClock(NOV_24)).lines[0]
    assert (line.period.label(), line.standing.lapsed_since) == ("11/2026", date(2026, 11, 1))
    with pytest.raises(LoketError, match="tidak dapat dibayar") as info:
        pay(db, staff, [PaymentLine(ids[1], 1, first_month=date(2026, 7, 1))], method="cash",
            tendered=50_000, clock=FakeClock(NOV_24))  # fmt: skip
    assert "non-aktif sejak 11/2026 (menunggak lebih dari 3 bulan)" in str(info.value)


def test_several_months_across_the_end_of_a_relief_are_priced_month_by_month(
    counter: tuple[Database, Actor, list[int]],
) -> None:
    db, staff, ids = counter
    # a trader (Rp1.000.000 with JHT) pays December 2026 – February 2027 in December
    december = FakeClock(datetime(2026, 12, 3, 2, tzinfo=UTC))
    q = quote(db, staff, [PaymentLine(ids[1], 3)], clock=december)
    (line,) = q.lines
    assert [(run.period.label(), run.dues.total, run.relief) for run in line.runs] == [
        ("12/2026", 28_400, 8_400),
        ("01/2027–02/2027", 36_800, 0),
    ]
    assert (q.total, line.normal, q.relief) == (28_400 + 2 * 36_800, 3 * 36_800, 8_400)
    paid = pay(db, staff, [PaymentLine(ids[1], 3)], method="cash", tendered=110_000,
               clock=december)  # fmt: skip
    with db.reader() as s:
        rows = {
            (c.program, c.period_first.month, c.monthly_amount, c.relief_monthly, c.relief_basis)
            for c in s.scalars(
                select(Contribution).where(Contribution.receipt_id == paid.receipt_id)
            )
        }
    assert rows == {
        ("JKK", 12, 5_000, 5_000, "Keringanan iuran PP 50/2025"),
        ("JKM", 12, 3_400, 3_400, "Keringanan iuran PP 50/2025"),
        ("JHT", 12, 20_000, 0, "Keringanan iuran PP 50/2025"),
        ("JKK", 1, 10_000, 0, ""),
        ("JKM", 1, 6_800, 0, ""),
        ("JHT", 1, 20_000, 0, ""),
    }


def test_a_transport_worker_keeps_the_relief_until_march_2027(
    counter: tuple[Database, Actor, list[int]],
) -> None:
    db, staff, _ = counter
    driver = register_participant(
        db, staff, bpu_worker(serial=20, full_name="Rudi Ojol", occupation="ojol",
                              birth_date=date(1990, 2, 2)), acknowledge_similar=True,
    ).participant_id  # fmt: skip
    q = quote(
        db, staff, [PaymentLine(driver, 5)], clock=FakeClock(datetime(2026, 12, 3, 2, tzinfo=UTC))
    )
    assert [(r.period.label(), r.dues.total) for r in q.lines[0].runs] == [
        ("12/2026–03/2027", 28_400),
        ("04/2027", 36_800),
    ]


def test_a_sponsor_funded_by_a_regional_budget_pays_the_full_rate(
    counter: tuple[Database, Actor, list[int]],
) -> None:
    db, staff, ids = counter
    pemda = add_sponsor(
        db, staff, SponsorInput("organisation", "Pemkab Banjar (APBD)", funding="APBD")
    )
    koperasi = add_sponsor(db, staff, SponsorInput("organisation", "Koperasi Barito"))
    december = FakeClock(datetime(2026, 12, 3, 2, tzinfo=UTC))
    lines = [PaymentLine(ids[1], 1), PaymentLine(ids[2], 1)]
    assert quote(db, staff, lines, sponsor_id=pemda, clock=december).total == 2 * 36_800
    assert quote(db, staff, lines, sponsor_id=koperasi, clock=december).total == 2 * 28_400
    paid = pay(db, staff, lines, method="transfer", reference="APBD-1", sponsor_id=pemda,
               clock=december)  # fmt: skip
    assert paid.total == 73_600


def test_a_month_paid_before_a_relief_keeps_what_was_paid(
    counter: tuple[Database, Actor, list[int]],
) -> None:
    db, staff, ids = counter
    # paid in January for January–June: April–June were priced... by their own months
    paid = pay(db, staff, [PaymentLine(ids[1], 6)], method="cash", tendered=300_000,
               clock=FakeClock(JAN_24))  # fmt: skip
    assert paid.total == 3 * 36_800 + 3 * 28_400
    # the relief's later publication or a new table changes no receipt already issued
    with db.reader() as s:
        assert s.get(Receipt, paid.receipt_id).total == 195_600  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"lines": [PaymentLine(0, 0)]}, "months", "Jumlah bulan harus 1 sampai 12."),
        ({"lines": [PaymentLine(0, 13)]}, "months", "Jumlah bulan harus 1 sampai 12."),
        ({"tendered": 36_000}, "tendered", "Uang yang diterima kurang dari Rp36.800."),
        ({"tendered": None}, "tendered", "Uang yang diterima kurang dari Rp36.800."),
        (
            {"method": "transfer", "reference": " "},
            "reference",
            "Nomor referensi transfer/QRIS wajib diisi.",
        ),
        ({"method": "cek"}, "method", "Cara bayar tidak dikenal."),
        ({"lines": []}, "lines", "Belum ada peserta yang dibayar."),
        (
            {"lines": [PaymentLine(0, 1), PaymentLine(0, 2)]},
            "lines",
            "Seorang peserta tercantum dua kali.",
        ),
        ({"lines": [PaymentLine(999_999, 1)]}, "lines", "Peserta tidak ditemukan."),
    ],
)
def test_bad_payments_write_nothing(
    counter: tuple[Database, Actor, list[int]],
    kwargs: dict[str, object],
    field: str,
    message: str,
) -> None:
    db, staff, ids = counter
    kwargs = dict(kwargs)  # shared by the SQLite and PostgreSQL runs: do not change it
    lines = [
        PaymentLine(ids[1] if ln.participant_id == 0 else ln.participant_id, ln.months)
        for ln in kwargs.pop("lines", [PaymentLine(0, 1)])
    ]  # type: ignore[attr-defined]
    args = {"method": "cash", "tendered": 50_000} | kwargs
    with pytest.raises(LoketError) as info:
        pay(db, staff, lines, clock=FakeClock(JAN_24), **args)  # type: ignore[arg-type]
    assert (info.value.field, str(info.value)) == (field, message)
    with db.reader() as s:
        assert s.scalar(select(func.count()).select_from(Receipt)) == 0


def test_a_transfer_reference_pays_once(counter: tuple[Database, Actor, list[int]]) -> None:
    db, staff, ids = counter
    pay(db, staff, [PaymentLine(ids[1], 1)], method="qris", reference="QR-777")
    with pytest.raises(Conflict, match="Referensi QR-777 sudah dipakai kuitansi KW/BJM/"):
        pay(db, staff, [PaymentLine(ids[2], 1)], method="qris", reference="QR-777")


def test_blocked_and_formal_participants_are_refused(
    counter: tuple[Database, Actor, list[int]],
) -> None:
    from loket.db.models import Participant

    db, staff, ids = counter
    with db.transaction() as s:
        p = s.get(Participant, ids[2])
        assert p is not None
        p.status = "blocked"
    with pytest.raises(ValidationError, match="berstatus blocked"):
        pay(db, staff, [PaymentLine(ids[2], 1)], method="cash", tendered=50_000)
    pu = register_participant(
        db,
        staff,
        bpu_worker(
            serial=9,
            full_name="Karyawan Pabrik",
            segment="PU",
            npp="12345678",
            declared_income=None,
            birth_date=date(1975, 5, 5),
        ),
        acknowledge_similar=True,
    ).participant_id
    with pytest.raises(ValidationError, match="dibayar oleh pemberi kerja"):
        pay(db, staff, [PaymentLine(pu, 1)], method="cash", tendered=50_000)


def test_receipt_numbers_are_gapless_under_concurrent_counters(
    counter: tuple[Database, Actor, list[int]],
) -> None:
    db, staff, ids = counter
    counters = [Database(db.url) for _ in range(4)]

    def one(i: int) -> str:
        return pay(
            counters[i % 4],
            staff,
            [PaymentLine(ids[i % 3], 1)],
            method="qris",
            reference=f"QR-{i:04d}",
        ).number

    with ThreadPoolExecutor(max_workers=8) as pool:
        numbers = list(pool.map(one, range(60)))
    for c in counters:
        c.close()
    assert sorted(numbers) == [f"KW/BJM/2026/{n:06d}" for n in range(1, 61)]


def test_the_record_shows_coverage_and_history(
    counter: tuple[Database, Actor, list[int]],
) -> None:
    from loket.services.participants import get_participant

    db, staff, ids = counter
    may = FakeClock(datetime(2026, 5, 10, 2, tzinfo=UTC))
    assert get_participant(db, staff, ids[0], clock=may).coverage.active is False
    paid = pay(db, staff, [PaymentLine(ids[0], 2)], method="cash", tendered=200_000, clock=may)
    in_june = get_participant(
        db, staff, ids[0], clock=FakeClock(datetime(2026, 6, 1, 2, tzinfo=UTC))
    )
    assert (in_june.coverage.active, in_june.coverage.paid_until) == (True, date(2026, 6, 1))
    in_sep = get_participant(
        db, staff, ids[0], clock=FakeClock(datetime(2026, 9, 1, 2, tzinfo=UTC))
    )
    assert (in_sep.coverage.arrears_months, in_sep.coverage.pay_by) == (2, date(2026, 10, 31))
    in_nov = get_participant(db, staff, ids[0], clock=FakeClock(NOV_24))
    assert (in_nov.coverage.active, in_nov.coverage.lapsed_since) == (False, date(2026, 11, 1))
    (line,) = in_nov.payments
    assert (line.receipt_number, line.paid_on, line.period, line.amount, line.void) == (
        paid.number,
        date(2026, 5, 10),
        "05/2026–06/2026",
        2 * (12_500 + 3_400 + 50_000),  # Rp2.500.000 with JHT under PP 50/2025's relief
        False,
    )


def test_a_reprint_shows_the_letterhead_the_original_showed_and_keeps_the_phone_whole(
    counter: tuple[Database, Actor, list[int]], any_demo: tuple[Database, dict[str, str]]
) -> None:
    db, staff, ids = counter
    admin = auth.login(db, "admin", any_demo[1]["admin"], None)
    long_address = "Jl. Lambung Mangkurat No. 12 Kertak Baru"  # on 80 mm: "… 3252" / "123"
    branch.update_branch(db, admin, name="Kantor Cabang Banjarmasin", address=long_address,
                         phone="(0511) 3252 123")  # fmt: skip
    paid = pay(db, staff, [PaymentLine(ids[0], 1)], method="cash", tendered=100_000,
               clock=FakeClock(JAN_24))  # fmt: skip
    branch.update_branch(db, admin, name="Kantor Cabang Banjarmasin", address="Jl. Baru 1",
                         phone="0511-999999")  # fmt: skip
    with db.reader() as s:
        receipt_id = s.scalar(select(Receipt.id).where(Receipt.number == paid.number))
    for layout in ("thermal", "a5"):
        text = pdf_text(receipt_document(db, staff, receipt_id, layout=layout))
        assert "Telp. (0511) 3252 123" in text, text  # whole, on one line
        assert "0511-999999" not in text and "Jl. Baru 1" not in text
