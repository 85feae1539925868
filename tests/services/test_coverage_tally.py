"""The coverage tally the dashboard reads stays equal to counting the participants one by one
through registrations, an import, payments and a void — on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select

from loket.db.coverage_tally import recount
from loket.db.engine import Database
from loket.db.models import CoverageTally, Participant
from loket.domain.coverage import coverage_status
from loket.services import auth, branch, dashboard, receipts
from loket.services.actor import Actor
from loket.services.participant_import import import_file
from loket.services.payments import PaymentLine, pay
from loket.services.registration import register_participant
from tests.conftest import FakeClock
from tests.factories import bpu_worker, close_drawer, export_row, write_export

WITA = ZoneInfo("Asia/Makassar")
TODAY = datetime(2026, 12, 3, 2, 0, tzinfo=UTC)


def tally(db: Database) -> dict[date, int]:
    with db.reader() as s:
        rows = s.execute(select(CoverageTally.base_month, CoverageTally.participants)).all()
    return {m: n for m, n in rows if n}


def recounted(db: Database) -> dict[date, int]:
    with db.transaction() as s:
        recount(s)
    return tally(db)


def test_the_tally_follows_every_write(
    any_demo: tuple[Database, dict[str, str]], tmp_path: Path
) -> None:
    db, pw = any_demo
    counter = branch.list_counters(db)[0].id
    # 31 March 2026, 17:30 UTC is 1 April 01:30 WITA: the branch's month decides
    at = FakeClock(datetime(2026, 3, 31, 17, 30, tzinfo=UTC))
    staff = auth.login(db, "petugas", pw["petugas"], counter, clock=at)
    early = register_participant(db, staff, bpu_worker(1, full_name="Pekerja Satu"),
                                 clock=at).participant_id  # fmt: skip
    assert tally(db) == {date(2026, 3, 1): 1}  # registered in April: owes from April
    rows = [export_row(i, registered_at="2024-05-31T23:00:00+00:00") for i in range(1, 4)]
    import_file(db, Actor.command_line(), write_export(tmp_path / "x.csv", rows))
    assert tally(db) == {date(2026, 3, 1): 1, date(2024, 5, 1): 3}  # 1 June 2024 WITA
    # PU and JAKON dues are paid by the employer through the bank: not counted
    register_participant(db, staff, bpu_worker(3, full_name="Karyawan Tiga", segment="PU",
                         npp="63120045", occupation="karyawan", declared_income=None),
                         clock=at)  # fmt: skip
    moved = export_row(4, registered_at="2024-05-31T23:00:00+00:00")
    import_file(db, Actor.command_line(), write_export(tmp_path / "y.csv", [
        moved, export_row(5, segment="JAKON", occupation="tukang")]))  # fmt: skip
    assert tally(db) == {date(2026, 3, 1): 1, date(2024, 5, 1): 4}
    # the central export now says the fourth works for a company: out of the tally
    import_file(db, Actor.command_line(), write_export(tmp_path / "z.csv", [
        moved | {"segment": "PU", "npp": "63120871", "occupation": "karyawan"}]),
        update_existing=True)  # fmt: skip
    assert tally(db) == {date(2026, 3, 1): 1, date(2024, 5, 1): 3} == recounted(db)

    now = FakeClock(TODAY)
    staff = auth.login(db, "petugas", pw["petugas"], counter, clock=now)
    late = register_participant(db, staff, bpu_worker(2, full_name="Pekerja Dua"),
                                clock=now).participant_id  # fmt: skip
    paid = pay(db, staff, [PaymentLine(early, 3)], method="cash", tendered=10**6, clock=now)
    pay(db, staff, [PaymentLine(late, 1)], method="cash", tendered=10**6, clock=now)
    assert tally(db) == recounted(db)
    receipts.request_void(db, staff, paid.receipt_id, "Salah bulan", clock=now)
    sup = auth.login(db, "supervisor", pw["supervisor"], counter, clock=now)
    receipts.decide_void(db, sup, paid.receipt_id, approve=True, password=pw["supervisor"],
                         clock=now)  # fmt: skip
    close_drawer(db, staff, now)
    expected = tally(db)
    assert expected == recounted(db)
    assert expected == {date(2026, 3, 1): 1, date(2024, 5, 1): 3, date(2026, 12, 1): 1}

    # the dashboard's three figures are coverage_status, participant by participant
    head = auth.login(db, "kepala", pw["kepala"], None, clock=now)
    figures = dashboard.figures(db, head, clock=now).coverage
    with db.reader() as s:
        people = s.execute(
            select(Participant.paid_through, Participant.registered_at).where(
                Participant.segment == "BPU"
            )
        ).all()
    standing = [
        coverage_status(paid, today=date(2026, 12, 3),
                        registered_on=at_.astimezone(WITA).date(), max_arrears=3)
        for paid, at_ in people
    ]  # fmt: skip
    assert figures.paid_up == sum(1 for c in standing if c.active)
    assert figures.lapsed == sum(1 for c in standing if c.lapsed_since is not None)
    assert figures.in_arrears == len(standing) - figures.paid_up - figures.lapsed
    assert (figures.paid_up, figures.in_arrears, figures.lapsed) == (1, 0, 4)
