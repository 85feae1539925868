"""The audit chain's head goes to the central server with each sync, and the branch's chain
is checked against it (issue 14: deleting the last entry and lowering the counter, or
editing an entry and recomputing the later hashes, passed ``audit verify``)."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, update

from loket.cli import main
from loket.db.models import AuditEntry, SequenceCounter
from loket.keys import store_token
from loket.services import audit, settings, sync
from loket.services.actor import Actor
from loket.sync.client import AnchorRefused, SyncClient
from tests.central import CentralServer, MemoryKeyring, Office
from tests.sync.test_sync import sync_with, work_offline

pytestmark = pytest.mark.postgres


def test_the_chain_is_proven_up_to_the_servers_anchors_and_a_cut_or_rewrite_is_found(
    central: CentralServer,
    linked: dict[str, Office],
    memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
) -> None:
    bjm = linked["BJM"]
    work_offline(bjm, 1, count=2)
    central.start()
    sync_with(bjm, central)
    head = audit.chain_head(bjm.db)
    assert head is not None
    with SyncClient(central.base_url, bjm.token) as client:
        assert [(a["seq"], a["hash"]) for a in client.anchors("BJM")] == [(head.seq, head.hash)]
    settings.set_setting(bjm.db, Actor.command_line(), "sync_server_url", central.base_url)
    store_token("BJM", bjm.token)
    url = bjm.db.url.render_as_string(hide_password=False)
    assert main(["audit", "verify", "--against-server", "--db", url]) == 0
    out = capsys.readouterr().out
    assert f"entri 1–{head.seq} terbukti sama dengan yang diterima server pusat" in out

    # the end removed and the counter lowered: alone the chain still verifies
    with bjm.db.transaction() as s:
        s.execute(delete(AuditEntry).where(AuditEntry.seq >= head.seq - 1))
        s.execute(
            update(SequenceCounter)
            .where(SequenceCounter.name == "audit")
            .values(value=head.seq - 2)
        )
    assert audit.verify_chain(bjm.db).ok
    assert main(["audit", "verify", "--against-server", "--db", url]) == 3
    assert "chain cut back" in capsys.readouterr().out
    # the server refuses a head behind the one it saw: the sync says so, after pulling
    with pytest.raises(AnchorRefused, match="the server saw"):
        sync_with(bjm, central)
    assert "menolak kepala rantai audit" in sync.status(bjm.db).last_error
    # more work grows the chain past the old head: the server takes the new head, but the
    # old anchor still shows the rewrite
    work_offline(bjm, 3, count=2)
    sync_with(bjm, central)
    assert sync.status(bjm.db).pending == 0
    assert main(["audit", "verify", "--against-server", "--db", url]) == 3
    assert f"entry {head.seq} differs from what the server saw" in capsys.readouterr().out


def test_a_restart_is_taken_only_inside_a_recovery_and_verify_fails_on_one_without(
    central: CentralServer,
    linked: dict[str, Office],
    memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Issue 25, finding 5: a holder of the branch token rewrites the chain's end and tells
    the server "restored from entry 2"; the server refuses the restart (no recovery: the
    branch never fetched its events), and a restart it holds without one fails verify."""
    bjm = linked["BJM"]
    work_offline(bjm, 1, count=2)
    central.start()
    sync_with(bjm, central)
    head = audit.chain_head(bjm.db)
    assert head is not None
    with bjm.db.transaction() as s:  # the end rewritten (its hash recomputed by hand)
        s.execute(update(AuditEntry).where(AuditEntry.seq == head.seq).values(hash="f" * 64))
    with SyncClient(central.base_url, bjm.token) as client:
        with pytest.raises(AnchorRefused, match="only during a recovery"):
            client.send_anchor("BJM", head.seq, "f" * 64, restored_from=2)
        assert all(a["restored_from"] is None for a in client.anchors("BJM"))
    # a restart an older server took without a recovery: verify says so
    with central.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO audit_anchor (branch_code, seq, hash, received_at, restored_from) "
            f"VALUES ('BJM', {head.seq}, '{'f' * 64}', now(), 2)"
        )
    settings.set_setting(bjm.db, Actor.command_line(), "sync_server_url", central.base_url)
    store_token("BJM", bjm.token)
    url = bjm.db.url.render_as_string(hide_password=False)
    assert main(["audit", "verify", "--against-server", "--db", url]) == 3
    assert "restart from entry 2 that no recovery matches" in capsys.readouterr().out
