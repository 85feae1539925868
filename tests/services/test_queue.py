"""The queue (issue 18): numbers, calls, the display's feed, bookings, quotas, ratings and
the day's figures — on SQLite and PostgreSQL, and under concurrency."""

from __future__ import annotations

import json
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from loket.db.engine import Database
from loket.db.models import Participant, ReferenceDocument, Ticket
from loket.documents.base import Letterhead
from loket.documents.branch_report import branch_report_pdf
from loket.services import auth, branch, cash_sessions, dashboard, queue, reports
from loket.services.actor import Actor
from loket.services.errors import Conflict, NotFound, PermissionDenied
from loket.services.payments import PaymentLine, pay
from loket.services.registration import register_participant
from loket.services.report_export import to_csv
from tests.conftest import FakeClock
from tests.factories import bpu_worker
from tests.pdf_reading import pdf_text

MORNING = datetime(2026, 12, 3, 0, 30, tzinfo=UTC)  # 08:30 WITA
ADMIN = Actor.command_line()
LETTERHEAD = Letterhead("BPJS KETENAGAKERJAAN", "KC Banjarmasin", "Jl. Lambung Mangkurat No. 1")


def at(minutes: float) -> FakeClock:
    return FakeClock(MORNING + timedelta(minutes=minutes))


def counters(db: Database, pw: dict[str, str], n: int) -> list[Actor]:
    """``n`` counters, the clerk logged in at each."""
    while len(branch.list_counters(db)) < n:
        branch.add_counter(db, ADMIN)
    return [auth.login(db, "petugas", pw["petugas"], c.id) for c in branch.list_counters(db)[:n]]


def test_numbers_per_service_and_day_the_people_ahead_and_the_quota(
    any_demo: tuple[Database, dict[str, str]],
) -> None:
    db, _ = any_demo
    a1 = queue.issue_ticket(db, "A", clock=at(0))
    a2 = queue.issue_ticket(db, "a", clock=at(1))
    b1 = queue.issue_ticket(db, "B", clock=at(2))
    assert (a1.code, a2.code, b1.code) == ("A001", "A002", "B001")
    assert (a1.ahead, a2.ahead, b1.ahead) == (0, 1, 0)
    assert a1.service_name == "Pendaftaran & iuran"
    # the next day starts again at 001
    assert queue.issue_ticket(db, "A", clock=at(24 * 60)).code == "A001"

    queue.configure_service(db, ADMIN, "B", daily_quota=2)
    assert queue.issue_ticket(db, "B", clock=at(3)).code == "B002"
    with pytest.raises(queue.QuotaReached, match="Kuota hari ini untuk Klaim JHT"):
        queue.issue_ticket(db, "B", clock=at(4))
    b = next(s for s in queue.list_services(db, clock=at(5)) if s.prefix == "B")
    assert b.full and (b.issued, b.waiting) == (2, 2)
    queue.configure_service(db, ADMIN, "B", daily_quota=3)  # the refused one left no gap
    assert queue.issue_ticket(db, "B", clock=at(6)).code == "B003"
    with pytest.raises(NotFound):
        queue.issue_ticket(db, "Z", clock=at(7))


def test_a_counter_calls_by_booking_priority_and_its_preference(
    any_demo: tuple[Database, dict[str, str]],
) -> None:
    db, pw = any_demo
    one, two = counters(db, pw, 2)
    queue.set_counter_services(db, ADMIN, 1, ["C", "A"])  # claims first, then registration
    queue.set_counter_services(db, ADMIN, 2, ["A"])
    queue.issue_ticket(db, "A", clock=at(0))  # A001
    queue.issue_ticket(db, "C", clock=at(1))  # C001
    queue.issue_ticket(db, "A", clock=at(2))  # A002
    queue.set_priority(db, two, "A002", clock=at(3))  # an elderly man: the priority lane
    with db.transaction() as s:  # the central server published today's bookings
        s.add(
            ReferenceDocument(
                name="bookings/BJM/2026-12-03",
                kind="bookings",
                body=json.dumps(
                    [{"code": "BK-7F3Q", "service": "A", "slot": "2026-12-03T09:00:00+08:00"}]
                ),
                published_at=MORNING,
            )
        )
    booked = queue.issue_ticket(db, booking_code="bk-7f3q", clock=at(4))
    assert booked.code == "A003" and booked.slot_at is not None
    with pytest.raises(Conflict, match="sudah dipakai untuk nomor A003"):
        queue.issue_ticket(db, booking_code="BK-7F3Q", clock=at(5))
    with pytest.raises(NotFound, match="tidak ditemukan"):
        queue.issue_ticket(db, booking_code="BK-0000", clock=at(5))

    called = queue.call_next(db, two, clock=at(10))  # 08:40: the booking is not due yet
    assert called is not None and called.code == "A002" and called.counter_name == "Loket 2"
    assert queue.call_next(db, one, clock=at(11)).code == "C001"  # type: ignore[union-attr]
    # 09:00 has come: the booked person goes before A001 who came earlier
    assert queue.call_next(db, two, clock=at(31)).code == "A003"  # type: ignore[union-attr]
    assert queue.call_next(db, one, clock=at(32)).code == "A001"  # type: ignore[union-attr]
    assert queue.call_next(db, two, clock=at(33)) is None  # nobody waits
    figures = queue.counter_queue(db, one, clock=at(33))
    assert figures.services == ("C", "A") and figures.current is not None


def test_call_recall_skip_transfer_pause_finish_and_the_display_s_feed(
    any_demo: tuple[Database, dict[str, str]],
) -> None:
    db, pw = any_demo
    [clerk] = counters(db, pw, 1)
    for minute in range(4):
        queue.issue_ticket(db, "A", clock=at(minute))
    first = queue.call_next(db, clerk, clock=at(5))
    assert first is not None and first.code == "A001" and first.calls == 1
    again = queue.recall(db, clerk, clock=at(6))
    assert again.calls == 2
    assert queue.skip(db, clerk, clock=at(8)).status == "no_show"
    with pytest.raises(Conflict, match="Belum ada nomor"):
        queue.recall(db, clerk, clock=at(8))
    queue.call_next(db, clerk, clock=at(9))  # A002 wants a JHT claim, not registration
    moved = queue.transfer(db, clerk, "B", clock=at(10))
    assert (moved.code, moved.service_prefix, moved.status) == ("A002", "B", "waiting")
    queue.set_paused(db, clerk, True, clock=at(11))
    with pytest.raises(Conflict, match="sedang jeda"):
        queue.call_next(db, clerk, clock=at(12))
    queue.set_paused(db, clerk, False, clock=at(20))

    # A002 is now served as B: its number stays, it is called before A003 (it came first)
    third = queue.call_next(db, clerk, clock=at(21))
    assert third is not None and third.code == "A002"
    # what the clerk does for this person is linked to the ticket when it is finished
    cash_sessions.open_session(db, clerk, {"note-50000": 2}, clock=at(21))
    kpj = register_participant(db, clerk, bpu_worker(), clock=at(22)).kpj
    with db.reader() as s:
        pid = s.scalar(select(Participant.id).where(Participant.kpj == kpj))
    assert pid is not None
    paid = pay(db, clerk, [PaymentLine(pid, 1)], method="cash", tendered=50_000, clock=at(23))
    done = queue.finish(db, clerk, clock=at(25))
    assert done.status == "done"
    assert queue.ticket_links(db, clerk, done.id) == [
        ("participant", kpj),
        ("receipt", paid.number),
    ]
    assert queue.rate_last_service(db, 1, 5, clock=at(26)) == "A002"
    with pytest.raises(Conflict):  # once
        queue.rate_last_service(db, 1, 4, clock=at(26))

    calls = queue.calls_after(db, 0, clock=at(30))
    assert [(c.code, c.counter_number, c.recall) for c in calls] == [
        ("A001", 1, True),  # called, then called again
        ("A002", 1, False),  # called anew after its transfer
    ]
    assert queue.last_call_seq(db, clock=at(30)) == 4  # A001, its recall, A002, A002 again
    assert [c.seq for c in queue.calls_after(db, 3, clock=at(30))] == [4]

    day = queue.day_figures(db, ADMIN, date(2026, 12, 3))
    assert (day.total.issued, day.total.served, day.total.no_show, day.total.waiting_left) == (
        4,
        1,
        1,
        2,
    )
    assert day.total.wait_mean == pytest.approx((5 * 60 + 8 * 60) / 2)  # A001 5 min, A002 8
    assert day.total.service_mean == pytest.approx(4 * 60) and day.total.rating_mean == 5
    assert [f.label for f in day.by_service] == ["Pendaftaran & iuran", "Klaim JHT"]
    assert day.by_hour == [(8, day.total.wait_mean, 4)]
    # the same figures in the branch report (PDF, XLSX/CSV) and on the dashboard
    report = reports.period_report(db, ADMIN, date(2026, 12, 3), date(2026, 12, 3))
    assert [(q.label, q.issued, q.served, q.no_show, q.left_waiting) for q in report.queue] == [
        ("Pendaftaran & iuran", 3, 0, 1, 2),
        ("Klaim JHT", 1, 1, 0, 0),
        ("", 4, 1, 1, 2),
    ]
    text = " ".join(pdf_text(branch_report_pdf(LETTERHEAD, report, None)).split())
    assert "10. Antrean per layanan" in text and "Klaim JHT 1 1 0 0" in text
    assert "antrean,3,Tunggu rata-rata (menit),6.5" in to_csv(report).replace("\r", "")
    assert dashboard.figures(db, ADMIN, clock=at(30)).queue.total.issued == 4  # type: ignore[union-attr]


def test_only_the_admin_sets_the_services_and_a_kiosk_needs_no_login(
    demo: tuple[Database, dict[str, str]],
) -> None:
    db, pw = demo
    [clerk] = counters(db, pw, 1)
    with pytest.raises(PermissionDenied):
        queue.configure_service(db, clerk, "E", name="Pengaduan")
    queue.configure_service(db, ADMIN, "E", name="Layanan perusahaan", daily_quota=40)
    assert [s.prefix for s in queue.list_services(db)] == ["A", "B", "C", "D", "E"]
    queue.configure_service(db, ADMIN, "D", active=False)
    with pytest.raises(NotFound):
        queue.issue_ticket(db, "D")
    no_counter = replace(clerk, counter_id=None)
    with pytest.raises(Exception, match="masuk di loket"):
        queue.call_next(db, no_counter)


# --- concurrency: a kiosk and counters in processes of their own -----------------------------


def _kiosk(url: str, count: int) -> list[str]:
    db = Database(url)
    try:
        return [queue.issue_ticket(db, "AB"[i % 2]).code for i in range(count)]
    finally:
        db.close()


def _counter(url: str, actor: Actor, rounds: int) -> list[str]:
    db = Database(url)
    called: list[str] = []
    try:
        for _ in range(rounds):
            found = queue.call_next(db, actor)
            if found is not None:
                called.append(found.code)
        queue.set_paused(db, actor, True)  # finishes its last one
        return called
    finally:
        db.close()


def test_two_kiosks_and_four_counters_at_once_never_skip_repeat_or_share_a_number(
    any_demo: tuple[Database, dict[str, str]],
) -> None:
    db, pw = any_demo
    clerks = counters(db, pw, 4)
    url = db.url.render_as_string(hide_password=False)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=6, mp_context=context) as pool:
        kiosks = [pool.submit(_kiosk, url, 60) for _ in range(2)]
        desks = [pool.submit(_counter, url, c, 40) for c in clerks]
        issued = [code for k in kiosks for code in k.result()]
        called = [code for d in desks for code in d.result()]
    assert len(issued) == len(set(issued)) == 120
    for prefix in "AB":
        numbers = sorted(int(c[1:]) for c in issued if c[0] == prefix)
        assert numbers == list(range(1, 61))  # gapless
    assert len(called) == len(set(called))  # nobody called to two counters
    with db.reader() as s:
        rows = s.execute(select(Ticket.code, Ticket.status)).all()
    assert {code for code, status in rows if status == "done"} == set(called)
    assert all(status == "waiting" for code, status in rows if code not in set(called))
