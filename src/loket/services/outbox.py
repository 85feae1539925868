"""The outbox: every data change leaves an event here, in its own transaction, for sync.

An event, as the sync client will send it::

    {"uuid": "…",              # unique forever; the server stores each event once
     "branch": "BJM",          # the home branch that produced it
     "seq": 42,                # gapless per branch: the order of changes at that branch
     "type": "user.created",   # <entity>.<what happened>, the same as the audit action
     "created_at": "2026-11-24T05:53:13.801253+00:00",
     "payload": {"entity": "user:3", "by": "admin", …}}  # plain JSON, never a secret

``sent_at`` stays empty until the server has acknowledged the event; ``attempts`` counts
pushes. Once the server holds an event, the branch keeps it with every NIK masked
(:func:`forget_niks`): the full NIK was only needed to send. Every payload is checked
against its type's table (``domain.events``) before it is written: the server checks the
same table.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy import ColumnElement, bindparam, select, update
from sqlalchemy.orm import Session

from loket.db.models import Branch, OutboxEvent, table
from loket.db.sequences import next_number
from loket.domain.events import check_payload
from loket.domain.nik import mask_nik
from loket.services.clock import Clock


def emit_event(
    session: Session, event_type: str, payload: dict[str, Any], *, clock: Clock
) -> OutboxEvent:
    check_payload(event_type, payload)  # what the server will check: never send what it refuses
    branch = session.scalar(select(Branch.code).where(Branch.is_home))
    if branch is None:
        raise RuntimeError("outbox: the database has no home branch yet")
    event = OutboxEvent(
        uuid=str(uuid.uuid4()),
        branch_code=branch,
        seq=next_number(session, "outbox", scope=branch),
        type=event_type,
        payload=json.dumps(payload, sort_keys=True, ensure_ascii=False),
        created_at=clock(),
        attempts=0,
    )
    session.add(event)
    return event


def event_as_dict(event: OutboxEvent) -> dict[str, Any]:
    """The shape documented above."""
    return {
        "uuid": event.uuid,
        "branch": event.branch_code,
        "seq": event.seq,
        "type": event.type,
        "created_at": event.created_at.isoformat(),
        "payload": json.loads(event.payload),
    }


def masked(payload: Any) -> Any:
    """``payload`` with the value of every ``nik`` field masked (``6371********0001``)."""
    if isinstance(payload, dict):
        return {
            k: mask_nik(v) if k == "nik" and isinstance(v, str) else masked(v)
            for k, v in payload.items()
        }
    if isinstance(payload, list):
        return [masked(v) for v in payload]
    return payload


def forget_niks(session: Session, which: ColumnElement[bool]) -> None:
    """Masks the NIKs of the events ``which`` selects (the server now holds them whole):
    one statement for the lot, so marking a batch sent stays quick."""
    rows = session.execute(
        select(OutboxEvent.id, OutboxEvent.payload).where(
            which, OutboxEvent.payload.contains('"nik"')
        )
    ).all()
    kept = [
        {"event_id": event_id, "kept": new}
        for event_id, payload in rows
        if (new := json.dumps(masked(json.loads(payload)), sort_keys=True, ensure_ascii=False))
        != payload
    ]
    if kept:
        events = table(OutboxEvent)
        session.connection().execute(
            update(events)
            .where(events.c.id == bindparam("event_id"))
            .values(payload=bindparam("kept")),
            kept,
        )
