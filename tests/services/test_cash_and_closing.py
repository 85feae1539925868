"""A counter's cash sessions and the branch's daily closing, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import delete, func, select

from loket.db.engine import Database
from loket.db.models import (
    AuditEntry,
    CashSession,
    Contribution,
    DayClosing,
    OutboxEvent,
    Receipt,
)
from loket.documents.base import Letterhead
from loket.documents.branch_report import branch_report_pdf
from loket.domain.cash import count_of, count_total
from loket.services import audit, auth, branch, cash_sessions, closing, receipts
from loket.services.actor import Actor
from loket.services.audit import entry_hash, verify_chain
from loket.services.errors import (
    AuthenticationFailed,
    Conflict,
    PermissionDenied,
    ValidationError,
)
from loket.services.four_eyes import Override
from loket.services.payments import PaymentLine, pay
from loket.services.registration import register_participant
from loket.services.reports import period_report
from tests.conftest import FakeClock, tampering
from tests.factories import bpu_worker, passwords_chosen
from tests.pdf_reading import pdf_text

DAY = date(2026, 12, 3)
MORNING = datetime(2026, 12, 3, 1, 0, tzinfo=UTC)  # 09:00 WITA
FLOAT = {"note-50000": 4, "note-10000": 10, "coin-500": 20}  # Rp310.000


@dataclass
class Branch:
    db: Database
    pw: dict[str, str]
    staff: Actor
    supervisor: Actor
    people: list[int]
    clock: FakeClock


@pytest.fixture
def o(any_demo: tuple[Database, dict[str, str]]) -> Branch:
    db, pw = any_demo
    passwords_chosen(db, "supervisor", "petugas", "kepala")
    clock = FakeClock(MORNING)
    counter = branch.list_counters(db)[0].id
    staff = auth.login(db, "petugas", pw["petugas"], counter, clock=clock)
    supervisor = auth.login(db, "supervisor", pw["supervisor"], counter, clock=clock)
    people = [
        register_participant(
            db,
            staff,
            bpu_worker(serial=i, full_name=f"Pekerja {i}", birth_date=date(1980 + i, 1, 1)),
            acknowledge_similar=True,
            clock=clock,
        ).participant_id
        for i in range(1, 5)
    ]
    return Branch(db, pw, staff, supervisor, people, clock)


def _override(o: Branch) -> Override:
    return Override("supervisor", o.pw["supervisor"])


def test_a_drawer_from_its_float_to_a_short_count_approved_by_a_supervisor(o: Branch) -> None:
    db, staff, clock = o.db, o.staff, o.clock
    opened = cash_sessions.open_session(db, staff, FLOAT, clock=clock)
    assert (opened.opening_float, opened.float_counted) == (310_000, True)
    with pytest.raises(Conflict, match="sudah dibuka"):
        cash_sessions.open_session(db, staff, FLOAT, clock=clock)

    cash = pay(db, staff, [PaymentLine(o.people[0], 3)], method="cash", tendered=200_000,
               clock=clock)  # fmt: skip
    pay(db, staff, [PaymentLine(o.people[1], 1)], method="qris", reference="QR-778",
               clock=clock)  # fmt: skip
    voided = pay(db, staff, [PaymentLine(o.people[2], 1)], method="cash", tendered=50_000,
                 clock=clock)  # fmt: skip
    receipts.request_void(db, staff, voided.receipt_id, "Salah peserta", clock=clock)
    receipts.decide_void(db, o.supervisor, voided.receipt_id, approve=True,
                         password=o.pw["supervisor"], clock=clock)  # fmt: skip

    drawer = cash_sessions.get_session(db, staff, opened.id)
    # float + the cash receipts (tendered less change) − the cash paid back for the void
    assert drawer.balance.expected == 310_000 + cash.total + voided.total - voided.total
    assert [t.reference for t in drawer.non_cash] == ["QR-778"]
    assert [(r.number, r.other_session) for r in drawer.refunds] == [(voided.number, None)]

    short = count_of(drawer.balance.expected - 5_000)
    with pytest.raises(ValidationError, match=r"Kas kurang Rp5\.000") as e:
        cash_sessions.close_session(db, staff, opened.id, short, clock=clock)
    assert e.value.field == "reason"
    with pytest.raises(PermissionDenied) as e2:
        cash_sessions.close_session(db, staff, opened.id, short, reason="Kembalian salah",
                                    clock=clock)  # fmt: skip
    assert e2.value.field == "override"
    with pytest.raises(PermissionDenied):  # a clerk cannot approve
        cash_sessions.close_session(
            db,
            staff,
            opened.id,
            short,
            reason="Kembalian salah",
            override=Override("petugas", o.pw["petugas"]),
            clock=clock,
        )
    with pytest.raises(AuthenticationFailed):
        cash_sessions.close_session(
            db,
            staff,
            opened.id,
            short,
            reason="Kembalian salah",
            override=Override("supervisor", "salah"),
            clock=clock,
        )
    assert cash_sessions.get_session(db, staff, opened.id).is_open  # nothing was written

    closed = cash_sessions.close_session(db, staff, opened.id, short, reason="Kembalian salah",
                                         override=_override(o), clock=clock)  # fmt: skip
    assert (closed.difference, closed.counted) == (-5_000, count_total(short))
    view = cash_sessions.get_session(db, staff, opened.id)
    assert (view.difference_approved_by, view.difference_reason) == (
        "supervisor",
        "Kembalian salah",
    )
    with pytest.raises(Conflict, match="sudah ditutup"):
        cash_sessions.close_session(db, staff, opened.id, short, clock=clock)

    # a late payment opens the next session; the closed one takes nothing more
    late = pay(db, staff, [PaymentLine(o.people[3], 1)], method="cash", tendered=50_000,
               clock=clock)  # fmt: skip
    nxt = cash_sessions.current_session(db, staff)
    assert nxt is not None and nxt.id != opened.id and not nxt.float_counted
    assert [t.number for t in nxt.takings] == [late.number]
    assert cash_sessions.get_session(db, staff, opened.id).balance == view.balance
    with db.reader() as s:
        assert s.scalar(
            select(func.count()).select_from(OutboxEvent)
            .where(OutboxEvent.type == "cash_session.closed")
        ) == 1  # fmt: skip


def test_a_void_after_the_receipts_session_closed_pays_back_from_the_open_one(o: Branch) -> None:
    db, staff, clock = o.db, o.staff, o.clock
    first = pay(db, staff, [PaymentLine(o.people[0], 1)], method="cash", tendered=50_000,
                clock=clock)  # fmt: skip
    s1 = cash_sessions.current_session(db, staff)
    assert s1 is not None
    cash_sessions.close_session(db, staff, s1.id, count_of(s1.balance.expected), clock=clock)
    s2 = cash_sessions.open_session(db, staff, FLOAT, clock=clock)
    receipts.request_void(db, staff, first.receipt_id, "Dobel bayar", clock=clock)
    receipts.decide_void(db, o.supervisor, first.receipt_id, approve=True,
                         password=o.pw["supervisor"], clock=clock)  # fmt: skip
    # the closed session is as it was counted; the open one paid the money back
    assert cash_sessions.get_session(db, staff, s1.id).balance == s1.balance
    back = cash_sessions.get_session(db, staff, s2.id)
    assert back.balance.expected == 310_000 - first.total
    assert [(r.number, r.other_session) for r in back.refunds] == [(first.number, s1.id)]
    report = period_report(db, o.supervisor, DAY, DAY)
    assert [(v.number, v.refund_session, v.from_another_session) for v in report.voids] == [
        (first.number, s2.id, True)
    ]
    pdf = branch_report_pdf(Letterhead("BPJS", "KC", "Jl. 1"), report, None)
    assert first.number in pdf_text(pdf).splitlines()  # whole on its line in the void table


def test_a_change_of_clerk_hands_the_drawer_over_with_a_count(o: Branch) -> None:
    db, staff, clock = o.db, o.staff, o.clock
    cash_sessions.open_session(db, staff, FLOAT, clock=clock)
    paid = pay(db, staff, [PaymentLine(o.people[0], 1)], method="cash", tendered=50_000,
               clock=clock)  # fmt: skip
    # the supervisor takes over counter 1: not into the clerk's drawer
    with pytest.raises(Conflict, match="masih atas nama Petugas") as e:
        pay(db, o.supervisor, [PaymentLine(o.people[1], 1)], method="cash", tendered=50_000,
            clock=clock)  # fmt: skip
    assert e.value.field == "cash_session"
    taken = cash_sessions.hand_over(db, o.supervisor, count_of(310_000 + paid.total),
                                    clock=clock)  # fmt: skip
    assert (taken.username, taken.opening_float) == ("supervisor", 310_000 + paid.total)
    pay(db, o.supervisor, [PaymentLine(o.people[1], 1)], method="cash", tendered=50_000,
        clock=clock)  # fmt: skip
    with db.reader() as s:
        old = s.scalars(select(CashSession).where(CashSession.username == "petugas")).one()
        assert (old.handed_over_to, old.counted, old.expected) == (
            "supervisor", 310_000 + paid.total, 310_000 + paid.total)  # fmt: skip


def test_the_day_closes_when_every_drawer_is_counted(o: Branch) -> None:
    db, staff, sup, clock = o.db, o.staff, o.supervisor, o.clock
    cash_sessions.open_session(db, staff, FLOAT, clock=clock)
    a = pay(db, staff, [PaymentLine(o.people[0], 3)], method="cash", tendered=500_000,
            clock=clock)  # fmt: skip
    b = pay(db, staff, [PaymentLine(o.people[1], 2)], method="transfer", reference="TRF-0091",
            clock=clock)  # fmt: skip
    with pytest.raises(Conflict, match=r"Kas loket belum ditutup: Loket 1 \(Petugas"):
        closing.close_day(db, sup, DAY, password=o.pw["supervisor"], clock=clock)
    drawer = cash_sessions.current_session(db, staff)
    assert drawer is not None
    cash_sessions.close_session(db, staff, drawer.id, count_of(drawer.balance.expected - 2_000),
                                reason="Uang palsu Rp2.000 ditolak bank", override=_override(o),
                                clock=clock)  # fmt: skip
    with pytest.raises(PermissionDenied):
        closing.close_day(db, staff, DAY, password=o.pw["petugas"], clock=clock)
    with pytest.raises(AuthenticationFailed):
        closing.close_day(db, sup, DAY, password="salah", clock=clock)
    with pytest.raises(ValidationError):
        closing.close_day(db, sup, date(2026, 12, 4), password=o.pw["supervisor"], clock=clock)
    clock.advance(hours=8)
    done = closing.close_day(db, sup, DAY, password=o.pw["supervisor"], clock=clock)

    text = " ".join(pdf_text(done.pdf).split())  # a cell's text wraps
    for expected in (
        "REKAP HARIAN",
        "3 Desember 2026",
        "Kepala Bidang Pelayanan (demo)",  # who closed it, and signs it
        done.audit_hash,
        a.number,  # first and last receipt of the day …
        b.number,
        "tanpa nomor yang hilang",  # … and no gap between
        "Keringanan PP 50/2025",
        "TRF-0091",  # the transfer to check against the bank
        "Uang palsu Rp2.000 ditolak bank",
        "-2.000",
    ):
        assert expected in text, expected
    with db.reader() as s:
        stored = s.get(DayClosing, DAY)
        assert stored is not None and stored.report_pdf == done.pdf
        event = s.scalars(select(OutboxEvent).where(OutboxEvent.type == "day.closed")).one()
        sent = json.loads(event.payload)
        assert sent["audit_head"] == done.audit_hash
        assert sent["summary"]["paid"] == a.total + b.total
        assert sent["summary"]["cash_difference"] == -2_000
    assert closing.closing_pdf(db, sup, DAY) == done.pdf

    state = closing.day_state(db, sup, DAY)
    assert state.closed and state.open_drawers == ()

    # a closed day takes nothing more
    with pytest.raises(Conflict, match="sudah ditutup"):
        pay(db, staff, [PaymentLine(o.people[2], 1)], method="cash", tendered=50_000, clock=clock)
    with pytest.raises(Conflict, match="sudah ditutup"):
        closing.close_day(db, sup, DAY, password=o.pw["supervisor"], clock=clock)

    # the chain rewritten and recomputed from an entry before the closing: walking it finds
    # nothing wrong, the closing's printed head does
    assert verify_chain(db).ok
    with tampering(db) as s:
        entries = list(s.scalars(select(AuditEntry).order_by(AuditEntry.seq)))
        first = next(i for i, e in enumerate(entries) if "Pekerja 1" in e.payload)
        prev = entries[first].prev_hash
        for e in entries[first:]:
            if e is entries[first]:
                e.payload = e.payload.replace("Pekerja 1", "Pekerja 9")
            e.prev_hash = prev
            e.hash = entry_hash(e.seq, e.at, e.username, e.action, e.entity, e.payload, prev,
                                user_id=e.user_id, version=e.version)  # fmt: skip
            prev = e.hash
    report = verify_chain(db)
    assert not report.ok and "printed on the closing of 2026-12-03" in report.problem


def test_a_forgotten_drawer_is_counted_before_the_next_days_payments(o: Branch) -> None:
    db, staff, clock = o.db, o.staff, o.clock
    pay(db, staff, [PaymentLine(o.people[0], 1)], method="cash", tendered=50_000, clock=clock)
    clock.advance(days=1)
    with pytest.raises(Conflict, match="Sesi kas tanggal 03-12-2026 belum ditutup"):
        pay(db, staff, [PaymentLine(o.people[1], 1)], method="cash", tendered=50_000, clock=clock)
    # the supervisor may count and close a drawer a clerk left open
    left = cash_sessions.current_session(db, staff)
    assert left is not None
    cash_sessions.close_session(db, o.supervisor, left.id, count_of(left.balance.expected),
                                clock=clock)  # fmt: skip
    pay(db, staff, [PaymentLine(o.people[1], 1)], method="cash", tendered=50_000, clock=clock)


def test_bad_counts_are_refused_at_their_field(o: Branch) -> None:
    for count, message in (
        ({"note-75000": 1}, "Pecahan note-75000 tidak dikenal"),
        ({"note-1000": -2}, "bilangan bulat"),
        ({"note-1000": 1.5}, "bilangan bulat"),
        ({"coin-100": 10**6}, "tidak wajar"),
    ):
        with pytest.raises(ValidationError, match=message) as e:
            cash_sessions.open_session(o.db, o.staff, count, clock=o.clock)  # type: ignore[arg-type]
        assert e.value.field == "opening_count"
    with o.db.reader() as s:
        assert s.scalar(select(func.count()).select_from(CashSession)) == 0


def test_a_day_without_takings_closes_with_empty_tables(o: Branch) -> None:
    done = closing.close_day(o.db, o.supervisor, DAY, password=o.pw["supervisor"], clock=o.clock)
    text = pdf_text(done.pdf)
    assert "Tidak ada kuitansi diterbitkan" in text and "Tidak ada sesi kas" in text


def test_a_closed_day_stays_closed_when_its_closing_row_is_removed(o: Branch) -> None:
    """The chain is the truth: removing the closing row (what someone with the database file
    could do) does not reopen the day, and audit verify names what is missing."""
    db = o.db
    closing.close_day(db, o.supervisor, DAY, password=o.pw["supervisor"], clock=o.clock)
    assert audit.verify_chain(db).ok
    with tampering(db) as s:
        s.execute(delete(DayClosing).where(DayClosing.business_date == DAY))
    with pytest.raises(Conflict, match="ditutup menurut jejak audit"):
        pay(db, o.staff, [PaymentLine(o.people[0], 1)], method="cash", tendered=50_000,
            clock=o.clock)  # fmt: skip
    report = audit.verify_chain(db)
    assert not report.ok and f"the closing of {DAY} " in report.problem


def test_a_receipt_missing_from_the_database_shows_as_a_gap(o: Branch) -> None:
    paid = [
        pay(o.db, o.staff, [PaymentLine(p, 1)], method="cash", tendered=50_000, clock=o.clock)
        for p in o.people[:3]
    ]
    assert period_report(o.db, o.supervisor, DAY, DAY).gapless
    with tampering(o.db) as s:  # someone with the database itself removes the middle one
        s.execute(delete(Contribution).where(Contribution.receipt_id == paid[1].receipt_id))
        s.execute(delete(Receipt).where(Receipt.id == paid[1].receipt_id))
    report = period_report(o.db, o.supervisor, DAY, DAY)
    (numbers,) = report.numbers
    assert (numbers.first, numbers.last, numbers.issued, numbers.missing) == (
        paid[0].number, paid[2].number, 2, (2,))  # fmt: skip
    assert not report.gapless
