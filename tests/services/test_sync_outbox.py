"""The branch side of sync without a server: what a push sends and what marks it sent."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import select

from loket.db.engine import Database
from loket.db.models import OutboxEvent
from loket.services import auth, branch, sync
from loket.services.registration import register_participant
from tests.factories import bpu_worker


def test_a_push_body_is_the_pending_events_and_marking_counts_the_attempt(
    demo: tuple[Database, dict[str, str]],
) -> None:
    db, pw = demo
    staff = auth.login(db, "petugas", pw["petugas"], branch.list_counters(db)[0].id)
    register_participant(db, staff, bpu_worker(1, full_name='Siti "Ucok" Nur’aini 🌾'))
    events = sync.pending_events(db)
    uuids, body = sync.pending_batch(db, 500)
    assert json.loads(body) == {"events": events}
    assert uuids == [e["uuid"] for e in events]
    assert events[-1]["payload"]["full_name"] == 'Siti "Ucok" Nur’aini 🌾'

    sync.note_attempt(db, uuids[:1])  # a push that failed
    assert sync.mark_sent(db, uuids, datetime.now(UTC)) == len(uuids)
    assert sync.mark_sent(db, uuids, datetime.now(UTC)) == 0  # an answer heard twice
    assert sync.pending_batch(db, 500) == ([], b'{"events":[]}')
    assert sync.status(db).pending == 0
    with db.reader() as session:
        attempts = dict(session.execute(select(OutboxEvent.uuid, OutboxEvent.attempts)).all())
    assert attempts[uuids[0]] == 2 and {attempts[u] for u in uuids[1:]} == {1}
