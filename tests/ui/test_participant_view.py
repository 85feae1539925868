"""The participant record: where the person stands with their dues, this month's dues with
PP 50/2025's relief, and the relief on each payment."""

from __future__ import annotations

from datetime import UTC, date, datetime

from pytestqt.qtbot import QtBot

from loket.db.engine import Database
from loket.services import auth, branch
from loket.services.participants import get_participant
from loket.services.payments import PaymentLine, pay
from loket.services.registration import SponsorInput, add_sponsor, register_participant
from loket.ui.participant_view import ParticipantView
from tests.conftest import FakeClock
from tests.factories import bpu_worker


def _at(year: int, month: int, day: int) -> FakeClock:
    return FakeClock(datetime(year, month, day, 2, 0, tzinfo=UTC))


def test_relief_arrears_and_lapse_on_the_record(
    qtbot: QtBot, demo: tuple[Database, dict[str, str]]
) -> None:
    db, pw = demo
    staff = auth.login(db, "petugas", pw["petugas"], branch.list_counters(db)[0].id)
    sponsor = add_sponsor(
        db, staff, SponsorInput("organisation", "Pemkot Banjarmasin", funding="APBD")
    )
    trader = bpu_worker(occupation="pedagang", sponsor_id=sponsor)
    pid = register_participant(db, staff, trader, clock=_at(2026, 4, 2)).participant_id
    pay(db, staff, [PaymentLine(pid, 2)], method="cash", tendered=100_000, clock=_at(2026, 4, 2))
    view = ParticipantView()
    qtbot.addWidget(view)

    view.show_participant(get_participant(db, staff, pid, clock=_at(2026, 7, 10)))
    assert view.status.text() == (
        "Status: aktif — menunggak 1 bulan, bayar paling lambat 30-09-2026"
    )
    assert view._values["dues"].text() == (
        "JKK Rp5.000 (normal Rp10.000, keringanan −Rp5.000) · "
        "JKM Rp3.400 (normal Rp6.800, keringanan −Rp3.400) · JHT Rp20.000 = Rp28.400 — "
        "Keringanan iuran PP 50/2025"
    )
    assert view._values["sponsor"].text() == "Pemkot Banjarmasin (APBD)"
    assert [view.payments.item(0, col).text() for col in (2, 3, 4)] == [
        "04/2026–05/2026",
        "Rp56.800",
        "−Rp16.800",
    ]

    view.show_participant(get_participant(db, staff, pid, clock=_at(2026, 10, 1)))
    assert view.status.text().startswith(
        "Status: non-aktif sejak 10/2026 (menunggak lebih dari 3 bulan)"
    )
    view.show_participant(get_participant(db, staff, pid, clock=_at(2027, 1, 5)))
    assert view._values["dues"].text() == "JKK Rp10.000 · JKM Rp6.800 · JHT Rp20.000 = Rp36.800"
    assert get_participant(db, staff, pid, clock=_at(2027, 1, 5)).coverage.lapsed_since == date(
        2026, 10, 1
    )
