"""The branch database's side of sync: the outbox going up, reference data coming down, NIK
conflicts, and what the status bar shows. No network here (that is ``loket.sync``).

An event is marked sent only after the server has acknowledged it; a crash between the
server's answer and :func:`mark_sent` leaves it pending and the next push resends it, which
the server ignores (it keeps each event UUID once).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any, Protocol, cast

from sqlalchemy import CursorResult, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from loket.db.engine import Database
from loket.db.models import (
    OutboxEvent,
    Participant,
    ReferenceDocument,
    RemoteClaim,
    RemoteParticipant,
    SyncConflict,
    SyncState,
)
from loket.domain.errors import QT_TRANSLATE_NOOP
from loket.domain.nik import registry_hash
from loket.domain.states import ConflictStatus, ParticipantStatus
from loket.domain.tariffs import Published
from loket.keys import KeyringUnavailable, registry_key, store_registry_key
from loket.services.actor import Actor
from loket.services.audit import append_audit, record_change
from loket.services.clock import Clock, system_clock
from loket.services.errors import Conflict, NotFound, ValidationError
from loket.services.four_eyes import begin_decision
from loket.services.outbox import forget_niks
from loket.services.permissions import Permission, require
from loket.services.place import require_home_branch

CURSOR, LAST_SUCCESS, LAST_ERROR, LAST_ATTEMPT = "cursor", "last_success", "last_error", "last_try"


@dataclass(frozen=True)
class SyncStatus:
    pending: int
    last_success_at: datetime | None
    last_attempt_at: datetime | None
    last_error: str  # "" after a success
    open_conflicts: int
    branch_code: str
    refused: int = 0  # events the server refused, set aside with its reason

    @property
    def online(self) -> bool:
        """The last attempt reached the server."""
        return self.last_attempt_at is not None and not self.last_error


def state_value(session: Session, key: str) -> str | None:
    """What the sync client remembers under ``key`` (``sync_state``), or None."""
    return session.scalar(select(SyncState.value).where(SyncState.key == key))


def put_state(session: Session, key: str, value: str) -> None:
    row = session.get(SyncState, key)
    if row is None:
        session.add(SyncState(key=key, value=value))
    else:
        row.value = value


def _instant(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def status(db: Database) -> SyncStatus:
    with db.reader() as session:
        branch = require_home_branch(session)
        pending = session.scalar(
            select(func.count()).select_from(OutboxEvent).where(OutboxEvent.sent_at.is_(None))
        )
        conflicts = session.scalar(
            select(func.count())
            .select_from(SyncConflict)
            .where(SyncConflict.status == ConflictStatus.OPEN)
        )
        refused = session.scalar(
            select(func.count()).select_from(OutboxEvent).where(OutboxEvent.refused_reason != "")
        )
        return SyncStatus(
            pending or 0,
            _instant(state_value(session, LAST_SUCCESS)),
            _instant(state_value(session, LAST_ATTEMPT)),
            state_value(session, LAST_ERROR) or "",
            conflicts or 0,
            branch.code,
            refused or 0,
        )


def _pending(db: Database, limit: int | None) -> list[Any]:
    e = OutboxEvent
    query = (
        select(e.uuid, e.branch_code, e.seq, e.type, e.created_at, e.payload)
        .where(e.sent_at.is_(None))
        .order_by(e.seq)
    )
    if limit is not None:
        query = query.limit(limit)
    with db.reader() as session:
        return list(session.execute(query))


def pending_events(db: Database, limit: int | None = None) -> list[dict[str, Any]]:
    """The oldest events not yet acknowledged, in the branch's order, as sent."""
    return [
        {
            "uuid": uuid,
            "branch": branch,
            "seq": seq,
            "type": kind,
            "created_at": created_at.isoformat(),
            "payload": json.loads(payload),
        }
        for uuid, branch, seq, kind, created_at, payload in _pending(db, limit)
    ]


def pending_batch(db: Database, limit: int) -> tuple[list[str], bytes]:
    """The same events as :func:`pending_events`, as the JSON body of a push. The outbox
    holds each payload as JSON text already, and the other fields need no escaping (UUIDs,
    branch codes, ``a.b`` types, ISO instants), so the body is assembled, not re-encoded:
    it halves the client's share of a push."""
    rows = _pending(db, limit)
    body = ",".join(
        f'{{"uuid":"{uuid}","branch":"{branch}","seq":{seq},"type":"{kind}",'
        f'"created_at":"{created_at.isoformat()}","payload":{payload}}}'
        for uuid, branch, seq, kind, created_at, payload in rows
    )
    return [r[0] for r in rows], f'{{"events":[{body}]}}'.encode()


def note_attempt(db: Database, uuids: Sequence[str]) -> None:
    """Counts a push that was not acknowledged (a successful one counts in mark_sent)."""
    with db.transaction() as session:
        session.execute(
            update(OutboxEvent)
            .where(OutboxEvent.uuid.in_(uuids))
            .values(attempts=OutboxEvent.attempts + 1)
        )


def mark_sent(db: Database, uuids: Iterable[str], at: datetime) -> int:
    """Marks the events the server acknowledged; returns how many were still pending."""
    uuids = list(uuids)
    with db.transaction() as session:
        done = 0
        for start in range(0, len(uuids), 500):  # SQLite's bound-parameter limit
            held = OutboxEvent.uuid.in_(uuids[start : start + 500]) & OutboxEvent.sent_at.is_(None)
            forget_niks(session, held)
            result = session.execute(
                update(OutboxEvent)
                .where(held)
                .values(sent_at=at, attempts=OutboxEvent.attempts + 1)
            )
            done += cast(CursorResult[Any], result).rowcount
        return done


def mark_refused(db: Database, refused: Mapping[str, str], at: datetime) -> int:
    """Sets aside the events the server refused, with its reason: answered (no longer
    pending, so they never block the ones behind them) and listed for the admin."""
    with db.transaction() as session:
        for uuid, reason in refused.items():
            session.execute(
                update(OutboxEvent)
                .where(OutboxEvent.uuid == uuid, OutboxEvent.sent_at.is_(None))
                .values(sent_at=at, refused_reason=reason[:2000] or "refused")
            )
    return len(refused)


@dataclass(frozen=True)
class RefusedEvent:
    seq: int
    type: str
    created_at: datetime
    reason: str


def refused_events(db: Database, limit: int = 200) -> list[RefusedEvent]:
    """The events the server refused, newest first, with its reason (for *Server pusat*
    and ``loket-admin sync status``)."""
    with db.reader() as session:
        rows = session.execute(
            select(
                OutboxEvent.seq,
                OutboxEvent.type,
                OutboxEvent.created_at,
                OutboxEvent.refused_reason,
            )
            .where(OutboxEvent.refused_reason != "")
            .order_by(OutboxEvent.seq.desc())
            .limit(limit)
        )
        return [RefusedEvent(*r) for r in rows]


def mark_sent_through(db: Database, seq: int, at: datetime) -> int:
    """Marks sent every event up to ``seq`` (the server holds them all: a reference bundle
    says so)."""
    with db.transaction() as session:
        held = (OutboxEvent.seq <= seq) & OutboxEvent.sent_at.is_(None)
        forget_niks(session, held)
        result = session.execute(update(OutboxEvent).where(held).values(sent_at=at))
        return cast(CursorResult[Any], result).rowcount


def record_result(db: Database, at: datetime, error: str = "") -> None:
    """The outcome of one sync run, for the status bar (not audited: no data changed)."""
    with db.transaction() as session:
        put_state(session, LAST_ATTEMPT, at.isoformat())
        put_state(session, LAST_ERROR, error)
        if not error:
            put_state(session, LAST_SUCCESS, at.isoformat())


def cursor(db: Database) -> int:
    with db.reader() as session:
        return int(state_value(session, CURSOR) or 0)


def _upsert(session: Session, model: Any, rows: list[dict[str, Any]], key: str) -> None:
    """Inserts rows or updates them by ``key`` (SQLite and PostgreSQL alike), a chunk per
    statement: fast, and the GUI thread keeps its turn while sync runs (a flush of many
    ORM updates held it for over 100 ms)."""
    if not rows:
        return
    insert = sqlite_insert if session.get_bind().dialect.name == "sqlite" else pg_insert
    stmt = insert(model)
    stmt = stmt.on_conflict_do_update(
        index_elements=[key], set_={c: stmt.excluded[c] for c in rows[0] if c != key}
    )
    for start in range(0, len(rows), 200):
        session.execute(stmt, rows[start : start + 200])


def apply_reference(db: Database, items: Sequence[dict[str, Any]], new_cursor: int) -> int:
    """Stores one page of reference data and the cursor after it, in one transaction (a
    crash halfway pulls the page again). Returns how many items were stored."""
    with db.transaction() as session:
        home = require_home_branch(session).code
        participants, conflicts, documents, claims = [], [], [], []
        for item in items:
            kind = item.get("item")
            if kind == "participant" and item["branch_code"] != home:
                participants.append(
                    {k: item[k] for k in ("kpj", "nik_hash", "branch_code", "status", "linked_to")}
                )
            elif kind == "registry_key" and registry_key(home) is None:
                # in a reference bundle: the key of the registry's NIK hashes, for the keyring
                with suppress(KeyringUnavailable):
                    store_registry_key(home, str(item["key"]))
            elif kind == "conflict":
                conflicts.append(  # without local_choice: it stays until the server's word
                    {
                        "id": int(item["id"]),
                        **{k: item[k] for k in ("nik", "kpj_a", "branch_a", "kpj_b", "branch_b")},
                        "detected_at": datetime.fromisoformat(item["detected_at"]),
                        "status": item["status"],
                        "kept_kpj": item["kept_kpj"],
                        "decided_by": item["decided_by"],
                        "decided_at": _instant(item.get("decided_at")),
                    }
                )
            elif kind == "claim" and item["branch_code"] != home:
                claims.append(
                    {k: item[k] for k in ("number", "branch_code", "kpj", "benefit", "status")}
                )
            elif kind == "document":
                documents.append(
                    {
                        **{k: item[k] for k in ("name", "kind", "body")},
                        "published_at": datetime.fromisoformat(item["published_at"]),
                    }
                )
        _upsert(session, RemoteParticipant, participants, "kpj")
        _upsert(session, SyncConflict, conflicts, "id")
        _upsert(session, ReferenceDocument, documents, "name")
        _upsert(session, RemoteClaim, claims, "number")
        for c in conflicts:
            if c["status"] == ConflictStatus.RESOLVED:
                _link_here(session, home, c)
        put_state(session, CURSOR, str(max(new_cursor, int(state_value(session, CURSOR) or 0))))
        return sum(1 for item in items if item.get("item") != "registry_key")


def _link_here(session: Session, home: str, c: dict[str, Any]) -> None:
    """A NIK conflict was decided against this branch's KPJ: that record is marked linked
    (it takes no more dues; the person is served under the kept KPJ). Audited, not sent:
    the decision came from the server."""
    sides = {c["kpj_a"]: c["branch_a"], c["kpj_b"]: c["branch_b"]}
    linked = next((k for k in sides if k != c["kept_kpj"]), None)
    if linked is None or sides[linked] != home:
        return
    p = session.scalar(select(Participant).where(Participant.kpj == linked))
    if p is None or p.status == ParticipantStatus.LINKED:
        return
    p.status = ParticipantStatus.LINKED
    append_audit(
        session,
        None,
        "participant.linked",
        f"participant:{p.id}",
        {
            "kpj": linked,
            "kept_kpj": c["kept_kpj"],
            "conflict_id": c["id"],
            "decided_by": c["decided_by"],
        },
        clock=lambda: c["decided_at"] or datetime.now(UTC),
        username="server pusat",
    )


def published_tariffs(session: Session) -> Published:
    """The tariff tables the central server published, for ``domain.tariffs``."""
    rows = session.execute(
        select(ReferenceDocument.name, ReferenceDocument.body)
        .where(ReferenceDocument.kind == "tariff")
        .order_by(ReferenceDocument.name)
    )
    return tuple((name, body) for name, body in rows)


def nik_hashed(session: Session, nik: str) -> str | None:
    """``nik`` as the registry of other branches holds it (None before the first sync on
    this computer: no key to hash with)."""
    key = registry_key(require_home_branch(session).code)
    return registry_hash(key, nik) if key else None


def registered_elsewhere(session: Session, nik: str) -> RemoteParticipant | None:
    """Another branch's active participant with this NIK, as the registry last said."""
    hashed = nik_hashed(session, nik)
    if hashed is None:
        return None
    return session.scalar(
        select(RemoteParticipant)
        .where(
            RemoteParticipant.nik_hash == hashed,
            RemoteParticipant.status == ParticipantStatus.ACTIVE,
        )
        .limit(1)
    )


@dataclass(frozen=True)
class ConflictSide:
    kpj: str
    branch: str
    full_name: str
    birth_date: date | None


@dataclass(frozen=True)
class ConflictInfo:
    id: int
    nik: str
    here: ConflictSide
    there: ConflictSide
    detected_at: datetime
    status: str  # open | resolved
    kept_kpj: str
    decided_by: str
    local_choice: str  # decided here, waiting for the server


def _side(session: Session, kpj: str, branch: str, home: str) -> ConflictSide:
    if branch == home:
        p = session.scalar(select(Participant).where(Participant.kpj == kpj))
        return ConflictSide(kpj, branch, p.full_name if p else "?", p.birth_date if p else None)
    return ConflictSide(kpj, branch, "", None)  # another branch's: fetched on demand


def list_conflicts(db: Database, actor: Actor, *, open_only: bool = True) -> list[ConflictInfo]:
    require(actor, Permission.APPROVE)
    with db.reader() as session:
        home = require_home_branch(session).code
        query = select(SyncConflict).order_by(SyncConflict.detected_at)
        if open_only:
            query = query.where(SyncConflict.status == ConflictStatus.OPEN)
        found = []
        for c in session.scalars(query):
            a = _side(session, c.kpj_a, c.branch_a, home)
            b = _side(session, c.kpj_b, c.branch_b, home)
            here, there = (a, b) if c.branch_a == home else (b, a)
            found.append(
                ConflictInfo(
                    c.id,
                    c.nik,
                    here,
                    there,
                    c.detected_at,
                    c.status,
                    c.kept_kpj,
                    c.decided_by,
                    c.local_choice,
                )
            )
        return found


class ConflictReader(Protocol):
    """What reading a conflict's other side asks of the central server (``SyncClient``)."""

    def conflict_people(self, branch: str, conflict_id: int) -> list[dict[str, Any]]: ...


def read_other_side(
    db: Database, actor: Actor, conflict: ConflictInfo, client: ConflictReader, *, clock: Clock
) -> ConflictInfo:
    """The other branch's participant of a NIK conflict — name and birth date — fetched from
    the central server for the supervisor deciding it, and not kept: the only time a branch
    reads another branch's person. Each reading is in the audit trail."""
    require(actor, Permission.APPROVE)
    with db.reader() as session:
        home = require_home_branch(session).code
    people = {p["kpj"]: p for p in client.conflict_people(home, conflict.id)}
    other = people.get(conflict.there.kpj)
    if other is None:
        raise NotFound(
            QT_TRANSLATE_NOOP("LoketError", "Server pusat tidak mengenal konflik ini lagi.")
        )
    with db.transaction() as session:
        append_audit(
            session,
            actor,
            "conflict.other_side_read",
            f"conflict:{conflict.id}",
            {"kpj": conflict.there.kpj, "branch": conflict.there.branch},
            clock=clock,
        )
    born = date.fromisoformat(other["birth_date"]) if other.get("birth_date") else None
    there = ConflictSide(conflict.there.kpj, conflict.there.branch, other["full_name"], born)
    return replace(conflict, there=there)


def resolve_conflict(
    db: Database,
    actor: Actor,
    conflict_id: int,
    keep_kpj: str,
    *,
    password: str,
    note: str = "",
    clock: Clock = system_clock,
) -> None:
    """A supervisor keeps one KPJ and links the other to it. The decision travels to the
    server as an event; the first decision to arrive there stands for both branches."""
    note = begin_decision(db, actor, approve=True, password=password, note=note, clock=clock)
    with db.transaction() as session:
        c = session.get(SyncConflict, conflict_id)
        if c is None:
            raise NotFound(QT_TRANSLATE_NOOP("LoketError", "Konflik NIK tidak ditemukan."))
        if c.status != ConflictStatus.OPEN or c.local_choice:
            raise Conflict(
                QT_TRANSLATE_NOOP("LoketError", "Konflik NIK ini sudah diputuskan."),
            )
        if keep_kpj not in (c.kpj_a, c.kpj_b):
            raise ValidationError(
                QT_TRANSLATE_NOOP("LoketError", "Pilih salah satu dari dua KPJ yang bentrok."),
                field="keep",
            )
        c.local_choice = keep_kpj
        linked = c.kpj_b if keep_kpj == c.kpj_a else c.kpj_a
        record_change(
            session,
            actor,
            "conflict.resolved",
            f"conflict:{c.id}",
            {
                "conflict_id": c.id,
                "nik": c.nik,
                "kept_kpj": keep_kpj,
                "linked_kpj": linked,
                **({"note": note} if note else {}),
            },
            clock=clock,
        )
