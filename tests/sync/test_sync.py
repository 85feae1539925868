"""Two branches work apart, then sync with the real server: every event arrives once,
whatever breaks on the way."""

from __future__ import annotations

import json
import threading
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest
from sqlalchemy import select

from loket.db.models import AuditEntry, OutboxEvent
from loket.domain.errors import LoketError
from loket.domain.heirs import Relation
from loket.domain.nik import compose_nik, mask_nik
from loket.keys import registry_key
from loket.services import audit, participants, sync
from loket.services.actor import Actor
from loket.services.claims import (
    ClaimInput,
    HandoverInput,
    PayoutInput,
    create_claim,
    decide_claim,
    get_claim,
    pay_claim,
    record_handover,
    submit_claim,
)
from loket.services.clock import system_clock
from loket.services.errors import Conflict
from loket.services.participants import get_participant
from loket.services.payments import PaymentLine, pay
from loket.services.registration import HeirInput, RegisteredElsewhere, register_participant
from loket.sync.client import ServerUnreachable, SyncClient, TokenRefused
from loket.sync.engine import sync_once
from tests.central import CentralServer, LossyProxy, Office
from tests.claims_office import JKM_DOCUMENTS, NOW, member_since_2022
from tests.conftest import FakeClock
from tests.factories import bpu_worker, close_drawer

pytestmark = pytest.mark.postgres


# April 2027: no dues relief for anyone (PP 50/2025 ends in March 2027), a year at Rp36.800
AFTER_RELIEF = FakeClock(datetime(2027, 4, 5, 2, 0, tzinfo=UTC))


def work_offline(office: Office, first_serial: int, count: int = 3) -> list[str]:
    """Registers ``count`` workers and pays a year for each; returns their KPJs."""
    kpjs = []
    for i in range(count):
        serial = first_serial + i
        worker = bpu_worker(
            serial,
            nik=compose_nik(
                "637101" if office.code == "BJM" else "627101", date(1990, 8, 5), "L", serial
            ),
            full_name=f"Pekerja {office.code} {serial}",
            phone=f"0812510{serial:05d}",
        )
        registered = register_participant(office.db, office.staff, worker, acknowledge_similar=True)
        pay(
            office.db,
            office.staff,
            [PaymentLine(registered.participant_id, 12)],
            method="cash",
            tendered=10**7,
            clock=AFTER_RELIEF,
        )
        close_drawer(office.db, office.staff, AFTER_RELIEF)
        kpjs.append(registered.kpj)
    return kpjs


def claim_offline(office: Office) -> str:
    """Ahmad Fauzi, a member since 2022, has died: his widow's JKM claim goes from intake to
    the handover record at the branch. Returns the claim number."""
    widow = HeirInput("Siti Aminah", Relation.SPOUSE, "6371054505900002", date(1990, 5, 5))
    pid = member_since_2022(office.db, office.staff, bpu_worker(90, heirs=(widow,)))
    heir_id = get_participant(office.db, office.staff, pid).heirs[0].id
    claim = ClaimInput(
        participant_id=pid,
        benefit="JKM",
        event_date=date(2026, 8, 2),
        cause="Sakit",
        claimant_heir_id=heir_id,
        bank_name="Bank Kalsel",
        bank_account="0123-456-789",
        account_holder="Siti Aminah",
        documents=JKM_DOCUMENTS,
    )
    claim_id = create_claim(office.db, office.staff, claim, clock=NOW)
    submit_claim(office.db, office.staff, claim_id, clock=NOW)
    decide_claim(
        office.db,
        office.supervisor,
        claim_id,
        approve=True,
        password=office.passwords["supervisor"],
        clock=NOW,
    )
    pay_claim(
        office.db,
        office.staff,
        claim_id,
        PayoutInput("transfer", 42_000_000, "Bank Kalsel", "0123456789", "TRF-1"),
        clock=NOW,
    )
    record_handover(
        office.db,
        office.staff,
        claim_id,
        HandoverInput(
            date(2026, 11, 24), "Kantor Cabang", "Siti Aminah", "6371054505900002", ("Rahmah", "")
        ),
        clock=NOW,
    )
    return get_claim(office.db, office.staff, claim_id).number


def registered_at_both(central: CentralServer, bjm: Office, plk: Office) -> tuple[str, str]:
    """Rahmat Hidayat walks in at both branches while they are apart; then all sync (BJM
    twice, to hear of the conflict PLK's push revealed). Returns both KPJs."""
    same = bpu_worker(7, full_name="Rahmat Hidayat")
    kpj_bjm = register_participant(bjm.db, bjm.staff, same).kpj
    kpj_plk = register_participant(plk.db, plk.staff, same).kpj
    central.start()
    for office in (bjm, plk, bjm):
        sync_with(office, central)
    return kpj_bjm, kpj_plk


def outbox_uuids(office: Office) -> set[str]:
    return {e["uuid"] for e in sync.pending_events(office.db)}


def sync_with(office: Office, server: CentralServer) -> None:
    with SyncClient(server.base_url, office.token) as client:
        sync_once(office.db, client)


def events_on_server(server: CentralServer) -> dict[str, int]:
    return {u: n for u, n in server.rows("SELECT uuid, count(*) FROM event GROUP BY uuid")}


def test_branches_work_while_the_server_is_down_then_every_event_arrives_once(
    central: CentralServer, linked: dict[str, Office]
) -> None:
    bjm, plk = linked["BJM"], linked["PLK"]
    work_offline(bjm, 1)
    work_offline(plk, 1)
    claim = claim_offline(bjm)
    with pytest.raises(ServerUnreachable):
        sync_with(bjm, central)  # nothing listens yet
    waiting = outbox_uuids(bjm) | outbox_uuids(plk)
    assert sync.status(bjm.db).last_error and sync.status(bjm.db).pending > 0

    central.start()
    sync_with(bjm, central)
    sync_with(plk, central)
    sync_with(bjm, central)  # a second run sends nothing again

    assert events_on_server(central) == dict.fromkeys(waiting, 1)
    assert sync.status(bjm.db).pending == sync.status(plk.db).pending == 0
    assert sync.status(bjm.db).online
    assert central.scalar("SELECT count(*) FROM participant") == 7
    # six years paid offline and three of Ahmad Fauzi's (his year from September 2025 had
    # PP 50/2025's relief from January 2026 on)
    assert central.scalar("SELECT count(*) FROM receipt WHERE total = 12 * 36800") == 9
    assert central.rows(
        "SELECT c.status, c.total, h.claim_number FROM claim c "
        "JOIN handover h ON h.claim_number = c.number"
    ) == [("handed_over", 42_000_000, claim)]
    # each branch now knows the other's participants, not its own twice
    assert {code for _, code in sync_remote(bjm)} == {"PLK"}
    assert len(sync_remote(plk)) == 4


def sync_remote(office: Office) -> list[tuple[str, str]]:
    from sqlalchemy import select

    from loket.db.models import RemoteParticipant

    with office.db.reader() as session:
        query = select(RemoteParticipant.kpj, RemoteParticipant.branch_code)
        return [(kpj, code) for kpj, code in session.execute(query)]


def _blocked_on_revision_lock(server: CentralServer) -> bool:
    return bool(
        server.scalar("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
    )


def test_the_server_killed_in_the_middle_of_a_batch_still_gets_each_event_once(
    central: CentralServer, linked: dict[str, Office]
) -> None:
    bjm = linked["BJM"]
    work_offline(bjm, 1, count=5)
    waiting = outbox_uuids(bjm)
    central.start()
    # Hold the lock the server takes after storing a batch's events and before applying
    # them: the server stops mid-transaction, and is killed there.
    url = central.db_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(url, autocommit=True) as holder:
        holder.execute("SELECT pg_advisory_lock(%s)", (0x4C4F4B45,))
        errors: list[Exception] = []

        def push() -> None:
            try:
                sync_with(bjm, central)
            except Exception as exc:
                errors.append(exc)

        pushing = threading.Thread(target=push)
        pushing.start()
        deadline = time.monotonic() + 20
        while not _blocked_on_revision_lock(central) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _blocked_on_revision_lock(central)
        central.kill()
        pushing.join(20)
        holder.execute("SELECT pg_advisory_unlock(%s)", (0x4C4F4B45,))
    assert isinstance(errors[0], ServerUnreachable)
    assert outbox_uuids(bjm) == waiting  # nothing marked sent
    assert events_on_server(central) == {}  # the half-done batch was rolled back

    central.start()
    sync_with(bjm, central)
    assert events_on_server(central) == dict.fromkeys(waiting, 1)
    assert central.scalar("SELECT count(*) FROM participant") == 5
    assert sync.status(bjm.db).pending == 0


def test_a_lost_answer_is_resent_and_changes_nothing_twice(
    central: CentralServer, linked: dict[str, Office]
) -> None:
    bjm = linked["BJM"]
    work_offline(bjm, 1)
    waiting = outbox_uuids(bjm)
    central.start()
    proxy = LossyProxy(central.port)
    try:
        with (
            pytest.raises(ServerUnreachable),
            SyncClient(f"http://127.0.0.1:{proxy.port}", bjm.token, timeout=5) as client,
        ):
            sync_once(bjm.db, client)
    finally:
        proxy.close()
    assert proxy.answers_dropped == 1
    assert events_on_server(central) == dict.fromkeys(waiting, 1)  # the server committed
    assert outbox_uuids(bjm) == waiting  # the branch did not hear it

    sync_with(bjm, central)
    assert events_on_server(central) == dict.fromkeys(waiting, 1)
    assert central.scalar("SELECT events_received FROM branch WHERE code = 'BJM'") == len(waiting)
    assert central.scalar("SELECT count(*) FROM participant") == 3
    assert sync.status(bjm.db).pending == 0


def _push(server: CentralServer, code: str, token: str, events: list[Any]) -> httpx.Response:
    return httpx.post(
        f"{server.base_url}/api/v1/branches/{code}/events",
        json={"events": events},
        headers={"Authorization": f"Bearer {token}"},
    )


def test_wrong_or_foreign_tokens_and_bad_batches_are_refused_and_nothing_is_stored(
    central: CentralServer, linked: dict[str, Office]
) -> None:
    bjm, plk = linked["BJM"], linked["PLK"]
    work_offline(bjm, 1)
    events = sync.pending_events(bjm.db)
    central.max_events = 5
    central.start()

    assert (
        _push(
            central, "BJM", "BJM.not-the-token-at-all-xxxxxxxxxxxxxxxxxxx", events[:1]
        ).status_code
        == 401
    )
    assert (
        httpx.post(
            f"{central.base_url}/api/v1/branches/BJM/events", json={"events": []}
        ).status_code
        == 401
    )
    # PLK's token may neither push as BJM nor slip BJM's events into its own batch
    assert _push(central, "BJM", plk.token, events[:1]).status_code == 403
    foreign = _push(central, "PLK", plk.token, events[:1])
    assert foreign.status_code == 403 and "events[0].branch" in foreign.json()["detail"]
    pulled = httpx.get(
        f"{central.base_url}/api/v1/branches/BJM/reference",
        headers={"Authorization": f"Bearer {plk.token}"},
    )
    assert pulled.status_code == 403
    broken = [dict(events[0], seq=0)]
    refused = _push(central, "BJM", bjm.token, broken)
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"] == ["body", "events", 0, "seq"]
    assert "input" not in refused.text  # where and what, never the body echoed
    twice = [events[0], dict(events[1], uuid=events[0]["uuid"])]  # one UUID, two events
    refused = _push(central, "BJM", bjm.token, twice)
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"] == ["body", "events", 1, "uuid"]
    not_json = httpx.post(
        f"{central.base_url}/api/v1/branches/BJM/events",
        content=b"{" + b"x" * 100_000,
        headers={"Authorization": f"Bearer {bjm.token}", "Content-Type": "application/json"},
    )
    assert not_json.status_code == 422 and len(not_json.content) < 2_000
    assert httpx.get(f"{central.base_url}/openapi.json").status_code == 404
    assert _push(central, "BJM", bjm.token, events[:6]).status_code == 413
    huge = [dict(events[0], payload={"x": "y" * (5 * 1024 * 1024)})]
    assert _push(central, "BJM", bjm.token, huge).status_code == 413

    assert events_on_server(central) == {}
    assert central.scalar("SELECT count(*) FROM participant") == 0

    with SyncClient(central.base_url, plk.token) as client, pytest.raises(TokenRefused):
        client.push_body("BJM", json.dumps({"events": events[:1]}).encode())


def test_a_signed_bundle_carries_events_by_hand_and_a_tampered_one_is_refused(
    central: CentralServer, linked: dict[str, Office], tmp_path: Path
) -> None:
    from loket.sync.engine import export_events, import_reference

    bjm = linked["BJM"]
    work_offline(bjm, 1)
    waiting = outbox_uuids(bjm)
    bundle = tmp_path / "bjm-events.loket"
    assert export_events(bjm.db, bjm.token, bundle) == len(waiting)

    tampered = tmp_path / "tampered.loket"
    data = json.loads(bundle.read_bytes())
    data["content"]["items"][0]["payload"]["total"] = 1
    tampered.write_text(json.dumps(data))
    code, _, err = central.cli("import", str(tampered))
    assert code == 1 and "signature does not match" in err
    foreign = tmp_path / "foreign.loket"
    export_events(bjm.db, linked["PLK"].token.replace("PLK", "BJM", 1), foreign)
    assert central.cli("import", str(foreign))[0] == 1
    assert events_on_server(central) == {}

    assert central.cli("import", str(bundle))[0] == 0
    code, out, _ = central.cli("import", str(bundle))  # twice: nothing new
    assert "0 new" in out
    assert events_on_server(central) == dict.fromkeys(waiting, 1)
    assert sync.status(bjm.db).pending == len(waiting)  # until the server says it has them

    reference = tmp_path / "bjm-reference.loket"
    assert central.cli("export-reference", "--branch", "BJM", str(reference))[0] == 0
    assert import_reference(bjm.db, bjm.token, reference) == (0, len(waiting))
    assert sync.status(bjm.db).pending == 0
    assert registry_key("BJM") is not None  # the bundle brought the registry's key


def test_the_same_nik_at_two_branches_is_a_conflict_both_see_and_one_resolves(
    central: CentralServer, linked: dict[str, Office]
) -> None:
    bjm, plk = linked["BJM"], linked["PLK"]
    kpj_bjm, kpj_plk = registered_at_both(central, bjm, plk)

    assert central.rows("SELECT kpj_a, kpj_b, status FROM conflict") == [(kpj_bjm, kpj_plk, "open")]
    for office, mine, theirs in ((bjm, kpj_bjm, kpj_plk), (plk, kpj_plk, kpj_bjm)):
        [seen] = sync.list_conflicts(office.db, office.supervisor)
        assert (seen.here.kpj, seen.there.kpj, seen.here.full_name) == (
            mine,
            theirs,
            "Rahmat Hidayat",
        )
        assert seen.there.full_name == "" and seen.there.birth_date is None  # not held here
        assert sync.status(office.db).open_conflicts == 1
    # the supervisor deciding reads the other branch's person from the server, audited
    [at_bjm] = sync.list_conflicts(bjm.db, bjm.supervisor)
    with SyncClient(central.base_url, bjm.token) as client:
        read = sync.read_other_side(bjm.db, bjm.supervisor, at_bjm, client, clock=system_clock)
        with pytest.raises(LoketError):  # a conflict that is not BJM's: nobody's people
            client.conflict_people("BJM", seen.id + 1000)
        # what a pull gives of another branch's participant: a keyed hash, KPJ and branch
        registry = [i for i in client.pull("BJM", 0)["items"] if i["item"] == "participant"]
    assert registry and {tuple(sorted(i)) for i in registry} == {
        ("branch_code", "item", "kpj", "linked_to", "nik_hash", "rev", "status")
    }
    assert (read.there.kpj, read.there.full_name) == (kpj_plk, "Rahmat Hidayat")
    assert read.there.birth_date is not None
    with bjm.db.reader() as session:
        read_by = session.scalars(
            select(AuditEntry.username).where(AuditEntry.action == "conflict.other_side_read")
        ).all()
    assert read_by == ["supervisor"]

    sync.resolve_conflict(
        bjm.db, bjm.supervisor, seen.id, kpj_bjm, password=bjm.passwords["supervisor"]
    )
    sync_with(bjm, central)
    sync_with(plk, central)
    assert central.rows("SELECT status, kept_kpj, decided_by FROM conflict") == [
        ("resolved", kpj_bjm, "supervisor@BJM")
    ]
    assert central.scalar("SELECT linked_to FROM participant WHERE kpj = :k", k=kpj_plk) == kpj_bjm
    assert sync.list_conflicts(plk.db, plk.supervisor) == []
    [decided] = sync.list_conflicts(plk.db, plk.supervisor, open_only=False)
    assert (decided.status, decided.kept_kpj) == ("resolved", kpj_bjm)
    # PLK's record of Rahmat is linked now: it takes no more dues there
    plk_id = participants.find_by_identifier(plk.db, plk.staff, kpj_plk)
    assert participants.get_participant(plk.db, plk.staff, plk_id).status == "linked"
    with pytest.raises(LoketError, match="berstatus linked"):
        pay(plk.db, plk.staff, [PaymentLine(plk_id, 1)], method="cash", tendered=10**6)
    assert audit.verify_chain(plk.db).ok  # the link is in PLK's audit trail

    # once synced, a NIK another branch registered is stopped at the counter, even offline
    kpj = register_participant(plk.db, plk.staff, bpu_worker(8, full_name="Yusuf")).kpj
    sync_with(plk, central)
    sync_with(bjm, central)
    central.stop()
    with pytest.raises(RegisteredElsewhere, match=f"cabang PLK: KPJ {kpj}"):
        register_participant(bjm.db, bjm.staff, bpu_worker(8, full_name="Yusuf"))


def test_a_published_tariff_table_reaches_the_branch_and_prices_its_payments(
    central: CentralServer, linked: dict[str, Office], tmp_path: Path
) -> None:
    from loket.resources import resource_path

    bjm = linked["BJM"]
    table = json.loads((resource_path("tariffs") / "bpu-2019-12.json").read_text())
    table |= {"effective_from": "2026-01-01", "basis": "Peraturan uji"}
    table["rates"]["JKM"] = {"flat": 7500}
    path = tmp_path / "bpu-2026-01.json"
    path.write_text(json.dumps(table))
    assert central.cli("publish", str(path))[0] == 0
    # the next relief is data too: published, it prices the months it covers
    relief = json.loads((resource_path("tariffs") / "relief-pp50-2025.json").read_text())
    relief |= {"name": "Uji", "basis": "Keringanan uji", "programs": ["JKK"]}
    relief["periods"] = [{"sector": "transport", "first_month": "2027-04", "last_month": "2027-04"}]
    relief_path = tmp_path / "relief-uji.json"
    relief_path.write_text(json.dumps(relief))
    assert central.cli("publish", str(relief_path))[0] == 0
    bad = tmp_path / "bpu-bad.json"
    bad.write_text(json.dumps({"kind": "PU"}))
    assert central.cli("publish", str(bad))[0] == 1
    central.start()
    worker = register_participant(bjm.db, bjm.staff, bpu_worker(1)).participant_id
    sync_with(bjm, central)
    paid = pay(bjm.db, bjm.staff, [PaymentLine(worker, 2)], method="cash", tendered=10**6,
               clock=AFTER_RELIEF)  # fmt: skip
    # April 2027 under the published relief (an ojek driver: transport), May 2027 without
    assert paid.total == (5_000 + 7_500 + 20_000) + (10_000 + 7_500 + 20_000)


def test_a_setting_the_server_decides_is_in_force_at_the_branch_and_read_only_there(
    central: CentralServer, linked: dict[str, Office]
) -> None:
    from loket.services import settings

    bjm = linked["BJM"]
    admin = Actor.command_line()
    settings.set_setting(bjm.db, admin, "approval_limit_supervisor", 20_000_000)
    assert central.cli("publish-setting", "approval_limit_supervisor", "75000000")[0] == 0
    assert central.cli("publish-setting", "approval_limit_supervisor", "-5")[0] == 1
    assert central.cli("publish-setting", "tidak_ada", "1")[0] == 1
    # the server's own address is each branch's admin's to set: publishing it would send
    # every branch's token wherever it pointed
    code, _, err = central.cli("publish-setting", "sync_server_url", "https://elsewhere.example")
    assert code == 1 and "set by each branch's admin" in err
    central.start()
    sync_with(bjm, central)
    assert settings.get_setting(bjm.db, "approval_limit_supervisor") == 75_000_000
    state = {s.key: s for s in settings.list_settings(bjm.db)}
    assert state["approval_limit_supervisor"].published_at is not None
    assert state["idle_lock_minutes"].published_at is None
    with pytest.raises(Conflict, match="ditetapkan oleh server pusat"):
        settings.set_setting(bjm.db, admin, "approval_limit_supervisor", 10_000_000)
    # withdrawn: the branch's own value is in force again, and the branch's to change
    assert central.cli("publish-setting", "approval_limit_supervisor", "--withdraw")[0] == 0
    sync_with(bjm, central)
    assert settings.get_setting(bjm.db, "approval_limit_supervisor") == 20_000_000
    settings.set_setting(bjm.db, admin, "approval_limit_supervisor", 10_000_000)


def _self_signed(tmp_path: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key (what a regional office's own CA would sign)."""
    import datetime as dt
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "loket-pusat")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file


def test_over_tls_the_branch_trusts_only_the_certificate_it_was_given(
    central: CentralServer,
    linked: dict[str, Office],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bjm = linked["BJM"]
    work_offline(bjm, 1, count=1)
    cert, key = _self_signed(tmp_path)
    central.tls = (cert, key)
    central.start()
    assert central.base_url.startswith("https://")
    with (
        SyncClient(central.base_url, bjm.token) as client,
        pytest.raises(
            ServerUnreachable, match=r"Sertifikat server pusat tidak dikenali.*SSL_CERT_FILE"
        ),
    ):
        sync_once(bjm.db, client)  # an unknown certificate: refused, nothing sent, and said
    assert sync.status(bjm.db).pending > 0
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # the agency's CA, as the README says
    with SyncClient(central.base_url, bjm.token) as client:
        sync_once(bjm.db, client)
    assert sync.status(bjm.db).pending == 0
    assert central.scalar("SELECT count(*) FROM participant") == 1


def test_the_outbox_keeps_a_nik_whole_only_until_the_server_holds_it(
    central: CentralServer, linked: dict[str, Office]
) -> None:
    """Issue 25, finding 19: after the server's acknowledgement the branch's copy of each
    event masks its NIKs (registrations, corrections, conflicts); the server has them whole."""
    bjm = linked["BJM"]
    (kpj,) = work_offline(bjm, 41, count=1)
    nik = compose_nik("637101", date(1990, 8, 5), "L", 41)

    def niks_in_outbox() -> list[str]:
        with bjm.db.reader() as session:
            payloads = session.scalars(select(OutboxEvent.payload)).all()
        return [p for p in payloads if nik in p or mask_nik(nik) in p]

    assert any(nik in p for p in niks_in_outbox())  # waiting: whole, to be sent
    central.start()
    sync_with(bjm, central)
    kept = niks_in_outbox()
    assert kept and all(nik not in p and mask_nik(nik) in p for p in kept)
    assert central.scalar("SELECT nik FROM participant WHERE kpj = :k", k=kpj) == nik
