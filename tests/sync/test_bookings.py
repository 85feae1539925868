"""Appointments (issue 18): the central server publishes a branch's bookings of the day
from the online booking's export, the branch pulls them with sync, and the kiosk or a
counter turns a booking code into a number called from its slot."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from loket.services import queue
from tests.central import CentralServer, Office
from tests.sync.test_sync import sync_with

pytestmark = pytest.mark.postgres


def test_a_booking_published_centrally_becomes_a_number_at_the_branch(
    central: CentralServer, linked: dict[str, Office], tmp_path: Path
) -> None:
    bjm = linked["BJM"]
    today = datetime.now(ZoneInfo("Asia/Makassar")).date()
    slot = datetime.combine(today, datetime.min.time(), ZoneInfo("Asia/Makassar")) + timedelta(
        hours=9
    )
    export = tmp_path / "booking.csv"
    export.write_text(f"code,service,slot\nBK-7F3Q,B,{slot.isoformat()}\n", encoding="utf-8")
    code, out, err = central.cli("publish-bookings", "BJM", today.isoformat(), str(export))
    assert code == 0, err
    assert out.strip() == f"published bookings/BJM/{today.isoformat()}: 1 bookings"
    bad = tmp_path / "bad.csv"
    bad.write_text(f"code,service,slot\nX,B,{slot.isoformat()}\n", encoding="utf-8")
    code, _, err = central.cli("publish-bookings", "BJM", today.isoformat(), str(bad))
    assert code == 1 and "line 2" in err
    tomorrow = (today + timedelta(days=1)).isoformat()
    code, _, err = central.cli("publish-bookings", "BJM", tomorrow, str(export))
    assert code == 1 and f"on {date.fromisoformat(tomorrow)}" in err

    central.start()
    sync_with(bjm, central)
    ticket = queue.issue_ticket(bjm.db, booking_code="bk-7f3q")
    assert ticket.code == "B001" and ticket.service_name == "Klaim JHT"
    assert ticket.slot_at == slot
