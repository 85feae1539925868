"""Issue 14's findings against the real server on PostgreSQL: a branch cannot create another
branch's identifiers, one bad event is refused on its own and never stops the others, a
genuine clash is said, not dropped, and bad payloads are answered with a reason, not 500."""

from __future__ import annotations

import json
import re
import uuid as uuidlib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from loket.db.models import OutboxEvent
from loket.db.sequences import next_number
from loket.domain.events import InvalidPayload
from loket.services import sync
from loket.services.actor import Actor
from loket.services.audit import record_change
from loket.services.clock import system_clock
from tests.central import CentralServer, Office
from tests.sync.test_sync import (  # the shared set-up of the sync tests
    events_on_server,
    outbox_uuids,
    sync_with,
    work_offline,
)

KW_BJM = "KW/BJM/2026/000001"


def _event(office: Office, seq: int, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
    """An event as a branch sends it: its payload with the envelope every payload has."""
    if isinstance(payload, dict):
        payload = {"entity": "test:1", "by": "petugas", **payload}
    return {
        "uuid": str(uuidlib.uuid4()),
        "branch": office.code,
        "seq": seq,
        "type": kind,
        "created_at": datetime.now(UTC).isoformat(),
        "payload": payload,
    }


def _push(server: CentralServer, office: Office, events: list[dict[str, Any]]) -> dict[str, Any]:
    answer = httpx.post(
        f"{server.base_url}/api/v1/branches/{office.code}/events",
        json={"events": events},
        headers={"Authorization": f"Bearer {office.token}"},
    )
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def _reasons(answer: dict[str, Any]) -> dict[str, str]:
    return {r["uuid"]: r["reason"] for r in answer["refused"]}


def _written_by_an_older_loket(office: Office) -> None:
    """A void request whose reason holds a NUL, in the outbox as a Loket that did not check
    its payloads left it: today's services refuse to write it (below)."""
    with office.db.transaction() as session:
        seq = next_number(session, "outbox", scope=office.code)
        session.add(
            OutboxEvent(
                uuid=str(uuidlib.uuid4()), branch_code=office.code, seq=seq,
                type="receipt.void_requested", created_at=datetime.now(UTC), attempts=0,
                payload=json.dumps({"entity": "receipt:1", "by": "petugas",
                                    "number": "KW/BJM/2027/000001", "reason": "salah\x00ketik"}),
            )
        )  # fmt: skip


def test_the_branch_never_writes_an_event_the_server_would_refuse(
    linked: dict[str, Office],
) -> None:
    bjm = linked["BJM"]
    before = outbox_uuids(bjm)
    refused = pytest.raises(InvalidPayload, match=r"payload\.reason: contains a control")
    with refused, bjm.db.transaction() as session:
        record_change(session, Actor.command_line(), "receipt.void_requested", "receipt:1",
                      {"number": "KW/BJM/2027/000001", "reason": "salah\x00ketik"},
                      clock=system_clock)  # fmt: skip
    assert outbox_uuids(bjm) == before  # the whole change was rolled back


RECEIPT = {"number": KW_BJM, "total": 36_800, "method": "cash", "lines": []}


def test_a_branch_cannot_create_another_branchs_numbers_or_kpjs(
    central: CentralServer, linked: dict[str, Office]
) -> None:
    bjm, plk = linked["BJM"], linked["PLK"]
    central.start()
    forged = [
        _event(plk, 1, "receipt.issued", RECEIPT),
        _event(plk, 2, "receipt.voided", {"number": KW_BJM}),
        _event(plk, 3, "claim.created", {"number": "KL/BJM/2026/000001", "kpj": "63100000015",
                                         "benefit": "JKM", "status": "draft", "total": 1,
                                         "participant_id": 1}),
        _event(plk, 4, "participant.registered", {"kpj": "63100000015", "nik": "6371010508900001",
               "full_name": "Palsu", "birth_date": "1990-08-05", "segment": "BPU",
               "programs": "JKK,JKM"}),
        # a claim of its own that says it pays the rest of another branch's claim
        _event(plk, 5, "claim.created", {"number": "KL/PLK/2026/000001", "kpj": "63200000015",
                                         "benefit": "JKM", "status": "draft", "total": 1,
                                         "participant_id": 1, "continues": "KL/BJM/2026/000001"}),
    ]  # fmt: skip
    answer = _push(central, plk, forged)
    reasons = _reasons(answer)
    assert answer["stored"] == [] and answer["new"] == 0 and len(reasons) == 5
    assert reasons[forged[2]["uuid"]].startswith("payload.number: KL/BJM/2026/000001 belongs")
    assert reasons[forged[4]["uuid"]] == (
        "payload.continues: KL/BJM/2026/000001 belongs to branch BJM, not PLK"
    )
    assert reasons[forged[0]["uuid"]] == (
        f"payload.number: {KW_BJM} belongs to branch BJM, not PLK"
    )
    assert "range of branch BJM" in reasons[forged[3]["uuid"]]
    assert central.scalar("SELECT count(*) FROM receipt") == 0
    assert central.scalar("SELECT count(*) FROM participant") == 0
    # BJM's own receipt later is BJM's, and the same forged events resent are refused again
    work_offline(bjm, 1, count=1)
    sync_with(bjm, central)
    assert central.rows("SELECT branch_code FROM receipt") == [("BJM",)]
    assert _reasons(_push(central, plk, forged[:1])) == {
        forged[0]["uuid"]: reasons[forged[0]["uuid"]]
    }


def test_one_bad_character_is_refused_alone_and_the_events_behind_it_arrive(
    central: CentralServer, linked: dict[str, Office], capsys: pytest.CaptureFixture[str]
) -> None:
    from loket.cli import main

    bjm = linked["BJM"]
    work_offline(bjm, 1, count=1)
    # an event written before the services refused control characters (an older Loket)
    _written_by_an_older_loket(bjm)
    work_offline(bjm, 2, count=1)  # and work after it
    waiting = outbox_uuids(bjm)
    central.start()
    sync_with(bjm, central)
    status = sync.status(bjm.db)
    assert (status.pending, status.refused) == (0, 1)
    (refused,) = sync.refused_events(bjm.db)
    assert refused.type == "receipt.void_requested"
    assert refused.reason == "payload.reason: contains a control character (e.g. NUL)"
    held = events_on_server(central)
    assert (
        set(held) == waiting
        and central.scalar("SELECT count(*) FROM event WHERE status = 'refused'") == 1
    )
    assert central.scalar("SELECT count(*) FROM receipt") == 2  # before and after it
    sync_with(bjm, central)  # nothing is sent again
    assert sync.status(bjm.db).refused == 1
    url = bjm.db.url.render_as_string(hide_password=False)
    assert main(["sync", "status", "--db", url]) == 0
    out = capsys.readouterr().out
    assert "ditolak server pusat 1." in out
    assert "receipt.void_requested" in out and "contains a control character" in out


def test_a_genuine_clash_is_said_and_the_row_there_is_kept(
    central: CentralServer, linked: dict[str, Office]
) -> None:
    bjm = linked["BJM"]
    central.start()
    first = _event(bjm, 1, "receipt.issued", RECEIPT)
    again = _event(bjm, 2, "receipt.issued", dict(RECEIPT, total=99))
    same = dict(first)  # the very same event twice in one batch: one event
    answer = _push(central, bjm, [first, same, again])
    assert answer["new"] == 1 and answer["stored"] == [first["uuid"]]
    assert _reasons(answer) == {again["uuid"]: f"payload.number: {KW_BJM} repeats event "
                                                f"{first['uuid']}"}  # fmt: skip
    later = _event(bjm, 3, "receipt.issued", dict(RECEIPT, total=5))
    assert _reasons(_push(central, bjm, [later])) == {
        later["uuid"]: f"payload.number: {KW_BJM} is already held (BJM)"
    }
    assert central.rows("SELECT total FROM receipt") == [(36_800,)]


@pytest.mark.parametrize(
    ("kind", "payload", "reason"),
    [
        ("receipt.issued", dict(RECEIPT, total=-5_000_000), "payload.total: must be between"),
        ("receipt.issued", dict(RECEIPT, total=1.5), "payload.total: must be a whole number"),
        ("receipt.issued", dict(RECEIPT, total=True), "payload.total: must be a whole number"),
        ("receipt.issued", dict(RECEIPT, total=2**63), "payload.total: must be between"),
        ("receipt.issued", dict(RECEIPT, number="KW/BJM/2026/" + "9" * 40), "payload.number"),
        ("claim.created", {"number": "KL/BJM/2026/000001", "kpj": "63100000015",
                           "participant_id": 1,
                           "status": "draft", "total": -10**15}, "payload.benefit"),
        ("participant.corrected", {"kpj": "63100000015", "old": {},
                                   "new": {"birth_date": "kemarin"}},
         "payload.new.birth_date: must be a date"),
        ("participant.corrected", {"kpj": "63100000015", "old": {}, "new": {"segment": "PU"}},
         "payload.new.segment: not a field of this event"),
        ("day.closed", {"business_date": "2026-12-03", "audit_seq": 1, "audit_head": "0" * 64,
                        "report_sha256": "0" * 64, "summary": {"receipts": 1, "paid": 1,
                        "relief": 0, "cash_difference": 0, "claims": {"JKM": 5}}},
         "payload.summary.claims.JKM: must be an object"),
        ("participant.registered", {"kpj": "63100000015", "nik": "6371010508900001",
         "full_name": "A", "birth_date": "1990-08-05", "segment": "X" * 50, "programs": "JKK"},
         "payload.segment"),
        ("participant.registered", {"kpj": "63100000015", "nik": "1" * 17, "full_name": "A",
         "birth_date": "1990-08-05", "segment": "BPU", "programs": "JKK"}, "payload.nik"),
    ],
)  # fmt: skip
def test_bad_payloads_are_refused_with_the_field(
    central: CentralServer, linked: dict[str, Office], kind: str, payload: Any, reason: str
) -> None:
    bjm = linked["BJM"]
    central.start()
    bad = _event(bjm, 1, kind, payload)
    answer = _push(central, bjm, [bad])
    assert _reasons(answer)[bad["uuid"]].startswith(reason)
    assert answer["new"] == 0


def test_a_sequence_number_past_64_bits_and_a_cursor_too(
    central: CentralServer, linked: dict[str, Office]
) -> None:
    bjm = linked["BJM"]
    central.start()
    too_big = _event(bjm, 2**63, "receipt.issued", RECEIPT)
    answer = httpx.post(
        f"{central.base_url}/api/v1/branches/BJM/events",
        json={"events": [too_big]},
        headers={"Authorization": f"Bearer {bjm.token}"},
    )
    assert answer.status_code == 422 and answer.json()["detail"][0]["loc"][-1] == "seq"
    cursor = httpx.get(
        f"{central.base_url}/api/v1/branches/BJM/reference",
        params={"cursor": 2**63},
        headers={"Authorization": f"Bearer {bjm.token}"},
    )
    assert cursor.status_code == 422


def test_importing_a_bundle_with_a_bad_event_refuses_that_event_only(
    central: CentralServer, linked: dict[str, Office], tmp_path: Path
) -> None:
    from loket.sync.engine import export_events

    bjm = linked["BJM"]
    _written_by_an_older_loket(bjm)
    work_offline(bjm, 1, count=1)
    bundle = tmp_path / "bjm.loket"
    export_events(bjm.db, bjm.token, bundle)
    code, out, err = central.cli("import", str(bundle))
    assert code == 0 and "Traceback" not in err
    assert "1 refused" in out and "payload.reason: contains a control character" in out
    assert central.scalar("SELECT count(*) FROM receipt") == 1


def test_a_death_paid_at_another_branch_is_refused_here_too(
    central: CentralServer, linked: dict[str, Office]
) -> None:
    from datetime import date

    from loket.domain.heirs import Relation
    from loket.services.claims import ClaimInput, create_claim
    from loket.services.errors import Conflict
    from loket.services.participants import get_participant
    from loket.services.registration import HeirInput, register_participant
    from tests.claims_office import JKM_DOCUMENTS, NOW
    from tests.factories import bpu_worker
    from tests.sync.test_sync import claim_offline

    bjm, plk = linked["BJM"], linked["PLK"]
    widow = HeirInput("Siti Aminah", Relation.SPOUSE, "6371054505900002", date(1990, 5, 5))
    # the same man registered at PLK too while the branches were apart
    here = register_participant(plk.db, plk.staff, bpu_worker(90, heirs=(widow,))).participant_id
    number = claim_offline(bjm)  # BJM paid his JKM and handed it over
    central.start()
    for office in (bjm, plk, bjm, plk):
        sync_with(office, central)
    heir = get_participant(plk.db, plk.staff, here).heirs[0].id
    again = ClaimInput(here, "JKM", date(2026, 8, 2), claimant_heir_id=heir, bank_name="BRI",
                       bank_account="0123456789", account_holder="Siti Aminah",
                       documents=JKM_DOCUMENTS)  # fmt: skip
    with pytest.raises(Conflict, match=re.escape(f"sudah diajukan dalam klaim {number} (BJM)")):
        create_claim(plk.db, plk.staff, again, clock=NOW)


def test_a_receipts_signed_qr_is_checked_by_the_central_server(
    central: CentralServer, linked: dict[str, Office], memory_keyring: object
) -> None:
    from loket.keys import store_token
    from loket.services.receipts import receipt_document, unprinted_receipts
    from tests.pdf_reading import pdf_qr_codes

    bjm = linked["BJM"]
    store_token("BJM", bjm.token)  # the branch's key comes from its token
    work_offline(bjm, 1, count=1)
    (r,) = unprinted_receipts(bjm.db, bjm.staff)
    (payload,) = pdf_qr_codes(receipt_document(bjm.db, bjm.staff, r.id), dpi=300)
    assert payload.startswith(f"LOKET2|KW|{r.number}|BJM|")
    code, out, _ = central.cli("verify-qr", payload)
    assert code == 0 and out.startswith(f"valid: KW {r.number} issued by branch BJM")
    assert "not (yet) received" in out
    central.start()
    sync_with(bjm, central)
    assert f"received, total {r.total}" in central.cli("verify-qr", payload)[1]
    forged = payload.replace("|BJM|", "|BJM|", 1)[:-1] + ("0" if payload[-1] != "0" else "1")
    assert central.cli("verify-qr", forged)[0] == 1
    other = payload.replace(r.number, r.number[:-1] + "9")  # another receipt's number
    assert central.cli("verify-qr", other)[0] == 1
