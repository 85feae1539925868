"""The audit trail: an append-only chain where each entry carries the SHA-256 of the one before.

Changing, removing or reordering an entry breaks the chain, and ``verify_chain`` names the
first entry where it breaks. Payloads never hold secrets (passwords, hashes, tokens).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from loket.db.engine import Database
from loket.db.models import AuditEntry
from loket.db.sequences import current_number, next_number
from loket.services.actor import Actor
from loket.services.clock import Clock
from loket.services.outbox import emit_event

GENESIS_HASH = "0" * 64
_SECRET_WORDS = ("password", "sandi", "hash", "token", "secret")


def canonical_json(payload: dict[str, Any]) -> str:
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _assert_no_secrets(payload: Any, path: str = "") -> None:
    if isinstance(payload, dict):
        for key, value in payload.items():
            if any(word in str(key).lower() for word in _SECRET_WORDS):
                raise ValueError(f"audit payload must not carry secrets: {path}{key}")
            _assert_no_secrets(value, f"{path}{key}.")
    elif isinstance(payload, list):
        for item in payload:
            _assert_no_secrets(item, path)


def entry_hash(
    seq: int, at: datetime, username: str, action: str, entity: str, payload: str, prev: str
) -> str:
    material = canonical_json(
        {
            "seq": seq,
            "at": at.astimezone(UTC).isoformat(timespec="microseconds"),
            "user": username,
            "action": action,
            "entity": entity,
            "payload": payload,
            "prev": prev,
        }
    )
    return hashlib.sha256(material.encode()).hexdigest()


def append_audit(
    session: Session,
    actor: Actor | None,
    action: str,
    entity: str,
    payload: dict[str, Any],
    *,
    clock: Clock,
    username: str | None = None,
) -> AuditEntry:
    """Appends one entry in the caller's transaction. ``username`` names who tried to act
    when there is no actor yet (a failed login)."""
    _assert_no_secrets(payload)
    seq = next_number(session, "audit")  # locks the chain head: appends are serialised
    prev = session.scalar(select(AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1))
    at = clock()
    who = actor.username if actor else (username or "?")
    body = canonical_json(payload)
    entry = AuditEntry(
        seq=seq,
        at=at,
        user_id=actor.user_id if actor else None,
        username=who,
        action=action,
        entity=entity,
        payload=body,
        prev_hash=prev or GENESIS_HASH,
        hash=entry_hash(seq, at, who, action, entity, body, prev or GENESIS_HASH),
    )
    session.add(entry)
    session.flush()
    return entry


def record_change(
    session: Session,
    actor: Actor,
    action: str,
    entity: str,
    payload: dict[str, Any],
    *,
    clock: Clock,
) -> None:
    """What every data-changing service call does once: the audit entry and the outbox
    event (type = ``action``), in the caller's transaction."""
    append_audit(session, actor, action, entity, payload, clock=clock)
    emit_event(session, action, {"entity": entity, "by": actor.username, **payload}, clock=clock)


@dataclass(frozen=True)
class ChainReport:
    entries: int
    first_bad_seq: int | None = None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.first_bad_seq is None


def verify_chain(db: Database) -> ChainReport:
    """Walks the whole chain; reports the first entry that was altered, removed or reordered."""
    with db.reader() as session:
        expected_seq, prev, count = 1, GENESIS_HASH, 0
        for e in session.scalars(select(AuditEntry).order_by(AuditEntry.seq)).yield_per(1000):
            if e.seq != expected_seq:
                return ChainReport(count, expected_seq, f"entry {expected_seq} is missing")
            if e.prev_hash != prev:
                return ChainReport(count, e.seq, f"entry {e.seq} does not follow entry {e.seq - 1}")
            computed = entry_hash(
                e.seq, e.at, e.username, e.action, e.entity, e.payload, e.prev_hash
            )
            if computed != e.hash:
                return ChainReport(count, e.seq, f"entry {e.seq} was altered")
            expected_seq, prev, count = e.seq + 1, e.hash, count + 1
        issued = current_number(session, "audit")
        if issued >= expected_seq:
            return ChainReport(
                count, expected_seq, f"entries {expected_seq}–{issued} are missing (end removed)"
            )
        return ChainReport(count)
