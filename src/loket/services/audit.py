"""The audit trail: an append-only chain where each entry carries the SHA-256 of the one before.

Changing, removing or reordering an entry breaks the chain, and ``verify_chain`` names the
first entry where it breaks. Every column is hashed (version 2; entries written before
version 2 lacked ``user_id`` and keep their version-1 hash, and no version-1 entry may
follow a version-2 one). Someone who can write the database could still rewrite the end of
the chain and recompute it, so its head (sequence and hash) is anchored outside the branch:
sent to the central server with each sync, and ``verify_against`` checks the local chain
against the last anchor the server acknowledged. Payloads never hold secrets (passwords,
hashes, tokens).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from loket.db.engine import Database
from loket.db.models import AuditEntry, Branch, DayClosing
from loket.db.sequences import current_number, next_number
from loket.domain.nik import NIK_LENGTH, mask_nik
from loket.keys import audit_key
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


HASH_VERSION = 2


def entry_hash(
    seq: int,
    at: datetime,
    username: str,
    action: str,
    entity: str,
    payload: str,
    prev: str,
    *,
    user_id: int | None = None,
    version: int = 1,
) -> str:
    fields: dict[str, Any] = {
        "seq": seq,
        "at": at.astimezone(UTC).isoformat(timespec="microseconds"),
        "user": username,
        "action": action,
        "entity": entity,
        "payload": payload,
        "prev": prev,
    }
    if version >= 2:
        fields |= {"user_id": user_id, "version": version}
    return hashlib.sha256(canonical_json(fields).encode()).hexdigest()


def _hash_of(e: AuditEntry) -> str:
    return entry_hash(
        e.seq,
        e.at,
        e.username,
        e.action,
        e.entity,
        e.payload,
        e.prev_hash,
        user_id=e.user_id,
        version=e.version,
    )


def _nik_key(session: Session) -> bytes | None:
    code = session.scalar(select(Branch.code).where(Branch.is_home))
    return audit_key(code) if code else None


def nik_digest(key: bytes, nik: str) -> str:
    return hmac.new(key, nik.encode(), hashlib.sha256).hexdigest()[:32]


def _minimised(payload: Any, key: Callable[[], bytes | None]) -> Any:
    """What an auditor needs of an NIK: masked, with a keyed hash to match a given NIK
    (UU 27/2022: the full NIK stays in the participant's record, not in the trail).
    ``key`` is asked for only when there is an NIK: most entries hold none."""
    if isinstance(payload, dict):
        out: dict[str, Any] = {}
        for k, v in payload.items():
            if k == "nik" and isinstance(v, str) and len(v) == NIK_LENGTH and v.isdigit():
                out[k] = mask_nik(v)
                if (found := key()) is not None:
                    out["nik_hmac"] = nik_digest(found, v)
            else:
                out[k] = _minimised(v, key)
        return out
    if isinstance(payload, list):
        return [_minimised(v, key) for v in payload]
    return payload


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
    payload = _minimised(payload, cache(lambda: _nik_key(session)))
    seq = next_number(session, "audit")  # locks the chain head: appends are serialised
    prev = session.scalar(select(AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1))
    at = clock()
    who = actor.username if actor else (username or "?")
    entry = AuditEntry(
        seq=seq,
        at=at,
        user_id=actor.user_id if actor else None,
        username=who,
        action=action,
        entity=entity,
        payload=canonical_json(payload),
        prev_hash=prev or GENESIS_HASH,
        version=HASH_VERSION,
    )
    entry.hash = _hash_of(entry)
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
        expected_seq, prev, count, version = 1, GENESIS_HASH, 0, 1
        for e in session.scalars(select(AuditEntry).order_by(AuditEntry.seq)).yield_per(1000):
            if e.seq != expected_seq:
                return ChainReport(count, expected_seq, f"entry {expected_seq} is missing")
            if e.prev_hash != prev:
                return ChainReport(count, e.seq, f"entry {e.seq} does not follow entry {e.seq - 1}")
            if e.version < version or _hash_of(e) != e.hash:
                return ChainReport(count, e.seq, f"entry {e.seq} was altered")
            expected_seq, prev, count, version = e.seq + 1, e.hash, count + 1, e.version
        issued = current_number(session, "audit")
        if issued >= expected_seq:
            return ChainReport(
                count, expected_seq, f"entries {expected_seq}–{issued} are missing (end removed)"
            )
        # each daily closing printed the head of its day: the chain must still hold it
        for day, seq, printed in session.execute(
            select(DayClosing.business_date, DayClosing.audit_seq, DayClosing.audit_hash)
            .where(DayClosing.audit_seq > 0)
            .order_by(DayClosing.business_date)
        ):
            there = session.scalar(select(AuditEntry.hash).where(AuditEntry.seq == seq))
            if there != printed:
                problem = f"entry {seq} differs from the head printed on the closing of {day}"
                return ChainReport(count, seq, problem)
        # and each closing the chain holds still has its row (a removed row reopened a day)
        closed = set(session.scalars(select(DayClosing.business_date)))
        for seq, entity in session.execute(
            select(AuditEntry.seq, AuditEntry.entity)
            .where(AuditEntry.action == "day.closed")
            .order_by(AuditEntry.seq)
        ):
            day = date.fromisoformat(entity.removeprefix(DAY_ENTITY))
            if day not in closed:
                return ChainReport(count, seq, f"the closing of {day} (entry {seq}) is missing")
        return ChainReport(count)


DAY_ENTITY = "day:"


def day_entity(day: date) -> str:
    """The audit entity of a business day (its closing): ``day:2026-12-04``."""
    return f"{DAY_ENTITY}{day.isoformat()}"


@dataclass(frozen=True)
class Anchor:
    """A point of the chain held outside the branch: its sequence and hash; ``restored_from``
    when the branch sent it after restoring a backup whose chain ended at that entry, and
    ``recovered`` when the server matched that restart to a recovery it saw."""

    seq: int
    hash: str
    restored_from: int | None = None
    recovered: bool = False

    @classmethod
    def held(cls, item: dict[str, Any]) -> Anchor:
        """An anchor as the central server answers it (``SyncClient.anchors``)."""
        return cls(
            int(item["seq"]),
            str(item["hash"]),
            item.get("restored_from"),
            item.get("recovered_at") is not None,
        )


def chain_head(db: Database) -> Anchor | None:
    with db.reader() as session:
        last = session.execute(
            select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)
        ).first()
    return Anchor(int(last[0]), str(last[1])) if last else None


@dataclass(frozen=True)
class AnchoredReport:
    chain: ChainReport
    anchor: Anchor | None
    proven_through: int  # entries 1..N match what the server was shown (0: none)
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.chain.ok and not self.problem


def verify_against(db: Database, anchors: Sequence[Anchor]) -> AnchoredReport:
    """The chain walked (:func:`verify_chain`) and held against every anchor the central
    server kept: each commits to the whole chain up to it, so a chain cut back, or rewritten
    and recomputed after an anchor was taken — even one that has grown past it since — no
    longer has that anchor's hash at its place. A restart the server was told of (a backup
    restored: ``restored_from``) sets aside the earlier anchors beyond the backup's end —
    entries lost with the replaced database, whose events the server holds — and the
    restart is the server's to show; one the server cannot match to a recovery fails."""
    chain = verify_chain(db)
    last = anchors[-1] if anchors else None
    for anchor in anchors:
        if anchor.restored_from is not None and not anchor.recovered:
            problem = (
                f"the server holds a restart from entry {anchor.restored_from} that no "
                "recovery matches (a restart sent without restoring a backup)"
            )
            return AnchoredReport(chain, anchor, 0, problem)
    held = [
        a
        for i, a in enumerate(anchors)
        if not any(
            r.restored_from is not None and a.seq > r.restored_from for r in anchors[i + 1 :]
        )
    ]
    with db.reader() as session:
        for anchor in held:
            there = session.scalar(select(AuditEntry.hash).where(AuditEntry.seq == anchor.seq))
            if there is None:
                problem = (
                    f"entry {anchor.seq}, which the server saw, is no longer here (chain cut back)"
                )
                return AnchoredReport(chain, anchor, 0, problem)
            if there != anchor.hash:
                problem = f"entry {anchor.seq} differs from what the server saw (chain rewritten)"
                return AnchoredReport(chain, anchor, 0, problem)
    if last is None:
        return AnchoredReport(chain, None, 0)
    proven = last.seq if chain.ok or (chain.first_bad_seq or 0) > last.seq else 0
    return AnchoredReport(chain, last, proven)


class NoNikKey(LookupError):
    """This computer has no branch token, so no key to match NIKs in the audit trail."""


def entries_for_nik(db: Database, nik: str) -> list[tuple[int, datetime, str, str]]:
    """(seq, at, action, entity) of the audit entries about ``nik`` (by its keyed hash)."""
    with db.reader() as session:
        key = _nik_key(session)
        if key is None:
            raise NoNikKey(nik)
        needle = f'"nik_hmac":"{nik_digest(key, nik)}"'
        return [
            (e.seq, e.at, e.action, e.entity)
            for e in session.scalars(
                select(AuditEntry)
                .where(AuditEntry.payload.contains(needle))
                .order_by(AuditEntry.seq)
            )
        ]
