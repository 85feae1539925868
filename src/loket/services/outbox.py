"""The outbox: every data change leaves an event here, in its own transaction, for sync.

An event, as the sync client will send it::

    {"uuid": "…",              # unique forever; the server stores each event once
     "branch": "BJM",          # the home branch that produced it
     "seq": 42,                # gapless per branch: the order of changes at that branch
     "type": "user.created",   # <entity>.<what happened>, the same as the audit action
     "created_at": "2026-11-24T05:53:13.801253+00:00",
     "payload": {"entity": "user:3", "by": "admin", …}}  # plain JSON, never a secret

``sent_at`` stays empty until the server has acknowledged the event; ``attempts`` counts
pushes. Nothing reads the outbox yet.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from loket.db.models import Branch, OutboxEvent
from loket.db.sequences import next_number
from loket.services.clock import Clock


def emit_event(
    session: Session, event_type: str, payload: dict[str, Any], *, clock: Clock
) -> OutboxEvent:
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
