"""Appointments and the queue page (issue 18): the central server publishes a branch's
bookings of the day from the online booking's export, the branch pulls them with sync, and
the kiosk or a counter turns a booking code into a number called from its slot; a ticket's
QR code opens its place in the queue on the central server."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest
from sqlalchemy import select

from loket.db.models import ReferenceDocument
from loket.services import queue, settings
from loket.services.actor import Actor
from tests.central import CentralServer, Office
from tests.pdf_reading import pdf_qr_codes
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

    # issue 25, finding 15: the branch as the server knows it, one line per code, a letter
    for branch_code, rows, said in (
        ("bjm", "BK-7F3Q,B", "no branch 'bjm'"),
        ("XYZ", "BK-7F3Q,B", "no branch 'XYZ'"),
        ("B" * 90, "BK-7F3Q,B", "no branch 'BBBB"),
        ("BJM", "BK-7F3Q,É", "line 2: needs code"),
        ("BJM", "BK-7F3Q,B\nBK-7F3Q,C", "line 3: booking BK-7F3Q is also on line 2"),
    ):
        bad.write_text(
            "code,service,slot\n" + "".join(f"{r},{slot.isoformat()}\n" for r in rows.split("\n")),
            encoding="utf-8",
        )
        code, _, err = central.cli("publish-bookings", branch_code, today.isoformat(), str(bad))
        assert code == 1 and said in err and "Traceback" not in err, err

    central.start()
    sync_with(bjm, central)
    ticket = queue.issue_ticket(bjm.db, booking_code="bk-7f3q")
    assert ticket.code == "B001" and ticket.service_name == "Klaim JHT"
    assert ticket.slot_at == slot
    # another branch does not receive BJM's bookings
    plk = linked["PLK"]
    sync_with(plk, central)
    with plk.db.reader() as session:
        assert session.scalars(select(ReferenceDocument.name)).all() == []
    with bjm.db.reader() as session:
        assert session.scalars(select(ReferenceDocument.name)).all() == [
            f"bookings/BJM/{today.isoformat()}"
        ]


def test_a_ticket_s_qr_code_opens_its_place_in_the_queue_on_the_central_server(
    central: CentralServer, linked: dict[str, Office]
) -> None:
    bjm = linked["BJM"]
    settings.set_setting(bjm.db, Actor.command_line(), "sync_server_url", central.base_url)
    tickets = [queue.issue_ticket(bjm.db, "A") for _ in range(3)]
    queue.call_next(bjm.db, bjm.staff)  # A001 to Loket 1
    day = tickets[0].issued_at.astimezone(ZoneInfo("Asia/Makassar")).date()
    url = f"{central.base_url}/antrean/BJM/{day.isoformat()}/A003"
    assert pdf_qr_codes(queue.ticket_document(bjm.db, tickets[2])) == [url]

    central.start()
    assert "belum ada data antrean" in httpx.get(url).text  # nothing synced yet
    sync_with(bjm, central)  # the queue goes with every sync
    page = httpx.get(url).text
    assert "Nomor A003 · Pendaftaran &amp; iuran: 1 orang sebelum Anda." in page
    assert "Sedang dilayani: A001 (Loket 1)." in page and "Diperbarui cabang pukul" in page
    served = httpx.get(url.replace("A003", "a001")).text
    assert "Nomor A001 dipanggil ke Loket 1: silakan ke loket." in served
    assert "tidak sedang menunggu" in httpx.get(url.replace("A003", "A999")).text
    other_day = url.replace(day.isoformat(), (day - timedelta(days=1)).isoformat())
    assert "belum ada data antrean" in httpx.get(other_day).text
    assert httpx.get(url.replace("/BJM/", "/XYZ/")).status_code == 404
    # the official page never shows text someone put in the address
    forged = httpx.get(url.replace("A003", "A001 DIBATALKAN. Hubungi WA 0812"))
    assert forged.status_code == 404 and "DIBATALKAN" not in forged.text
    assert "Nomor antrean tidak dikenal." in forged.text
    # nor a name with a control character in it (issue 25, finding 14's sibling)
    snapshot = queue.snapshot(bjm.db)
    snapshot["services"][0]["name"] = "Pendaftaran\x00"
    put = httpx.put(
        f"{central.base_url}/api/v1/branches/BJM/queue",
        json=snapshot,
        headers={"Authorization": f"Bearer {bjm.token}"},
    )
    assert put.status_code == 422 and put.json()["detail"][0]["loc"][-1] == "name"
