"""The branch database's side of sync: the outbox going up, reference data coming down, NIK
conflicts, and what the status bar shows. No network here (that is ``loket.sync``).

An event is marked sent only after the server has acknowledged it; a crash between the
server's answer and :func:`mark_sent` leaves it pending and the next push resends it, which
the server ignores (it keeps each event UUID once).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import CursorResult, func, select, update
from sqlalchemy.orm import Session

from loket.db.engine import Database
from loket.db.models import (
    OutboxEvent,
    Participant,
    ReferenceDocument,
    RemoteParticipant,
    SyncConflict,
    SyncState,
)
from loket.domain.errors import QT_TRANSLATE_NOOP
from loket.domain.tariffs import Published
from loket.services.actor import Actor
from loket.services.audit import record_change
from loket.services.branch import require_home_branch
from loket.services.clock import Clock, system_clock
from loket.services.errors import Conflict, NotFound, ValidationError
from loket.services.four_eyes import begin_decision
from loket.services.outbox import event_as_dict
from loket.services.permissions import Permission, require

CURSOR, LAST_SUCCESS, LAST_ERROR, LAST_ATTEMPT = "cursor", "last_success", "last_error", "last_try"


@dataclass(frozen=True)
class SyncStatus:
    pending: int
    last_success_at: datetime | None
    last_attempt_at: datetime | None
    last_error: str  # "" after a success
    open_conflicts: int
    branch_code: str

    @property
    def online(self) -> bool:
        """The last attempt reached the server."""
        return self.last_attempt_at is not None and not self.last_error


def _get(session: Session, key: str) -> str | None:
    return session.scalar(select(SyncState.value).where(SyncState.key == key))


def _put(session: Session, key: str, value: str) -> None:
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
            select(func.count()).select_from(SyncConflict).where(SyncConflict.status == "open")
        )
        return SyncStatus(
            pending or 0,
            _instant(_get(session, LAST_SUCCESS)),
            _instant(_get(session, LAST_ATTEMPT)),
            _get(session, LAST_ERROR) or "",
            conflicts or 0,
            branch.code,
        )


def pending_events(db: Database, limit: int | None = None) -> list[dict[str, Any]]:
    """The oldest events not yet acknowledged, in the branch's order, as sent."""
    with db.reader() as session:
        query = select(OutboxEvent).where(OutboxEvent.sent_at.is_(None)).order_by(OutboxEvent.seq)
        if limit is not None:
            query = query.limit(limit)
        return [event_as_dict(e) for e in session.scalars(query)]


def note_attempt(db: Database, uuids: Sequence[str]) -> None:
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
            result = session.execute(
                update(OutboxEvent)
                .where(OutboxEvent.uuid.in_(uuids[start : start + 500]))
                .where(OutboxEvent.sent_at.is_(None))
                .values(sent_at=at)
            )
            done += cast(CursorResult[Any], result).rowcount
        return done


def mark_sent_through(db: Database, seq: int, at: datetime) -> int:
    """Marks sent every event up to ``seq`` (the server holds them all: a reference bundle
    says so)."""
    with db.transaction() as session:
        result = session.execute(
            update(OutboxEvent)
            .where(OutboxEvent.seq <= seq, OutboxEvent.sent_at.is_(None))
            .values(sent_at=at)
        )
        return cast(CursorResult[Any], result).rowcount


def record_result(db: Database, at: datetime, error: str = "") -> None:
    """The outcome of one sync run, for the status bar (not audited: no data changed)."""
    with db.transaction() as session:
        _put(session, LAST_ATTEMPT, at.isoformat())
        _put(session, LAST_ERROR, error)
        if not error:
            _put(session, LAST_SUCCESS, at.isoformat())


def cursor(db: Database) -> int:
    with db.reader() as session:
        return int(_get(session, CURSOR) or 0)


def apply_reference(db: Database, items: Sequence[dict[str, Any]], new_cursor: int) -> int:
    """Stores one page of reference data and the cursor after it, in one transaction (a
    crash halfway pulls the page again). Returns how many items were stored."""
    with db.transaction() as session:
        home = require_home_branch(session).code
        for item in items:
            kind = item.get("item")
            if kind == "participant" and item["branch_code"] != home:
                session.merge(
                    RemoteParticipant(
                        kpj=item["kpj"],
                        nik=item["nik"],
                        full_name=item["full_name"],
                        birth_date=date.fromisoformat(item["birth_date"]),
                        branch_code=item["branch_code"],
                        status=item["status"],
                        linked_to=item["linked_to"],
                    )
                )
            elif kind == "conflict":
                _store_conflict(session, item)
            elif kind == "document":
                session.merge(
                    ReferenceDocument(
                        name=item["name"],
                        kind=item["kind"],
                        body=item["body"],
                        published_at=datetime.fromisoformat(item["published_at"]),
                    )
                )
        _put(session, CURSOR, str(max(new_cursor, int(_get(session, CURSOR) or 0))))
        return len(items)


def _store_conflict(session: Session, item: dict[str, Any]) -> None:
    row = session.get(SyncConflict, int(item["id"]))
    if row is None:
        row = SyncConflict(id=int(item["id"]), local_choice="")
        session.add(row)
    row.nik, row.kpj_a, row.branch_a = item["nik"], item["kpj_a"], item["branch_a"]
    row.kpj_b, row.branch_b = item["kpj_b"], item["branch_b"]
    row.detected_at = datetime.fromisoformat(item["detected_at"])
    row.status, row.kept_kpj, row.decided_by = item["status"], item["kept_kpj"], item["decided_by"]
    row.decided_at = _instant(item.get("decided_at"))


def published_tariffs(session: Session) -> Published:
    """The tariff tables the central server published, for ``domain.tariffs``."""
    rows = session.execute(
        select(ReferenceDocument.name, ReferenceDocument.body)
        .where(ReferenceDocument.kind == "tariff")
        .order_by(ReferenceDocument.name)
    )
    return tuple((name, body) for name, body in rows)


def registered_elsewhere(session: Session, nik: str) -> RemoteParticipant | None:
    return session.scalar(
        select(RemoteParticipant)
        .where(RemoteParticipant.nik == nik, RemoteParticipant.status == "active")
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
    r = session.get(RemoteParticipant, kpj)
    return ConflictSide(kpj, branch, r.full_name if r else "?", r.birth_date if r else None)


def list_conflicts(db: Database, actor: Actor, *, open_only: bool = True) -> list[ConflictInfo]:
    require(actor, Permission.APPROVE)
    with db.reader() as session:
        home = require_home_branch(session).code
        query = select(SyncConflict).order_by(SyncConflict.detected_at)
        if open_only:
            query = query.where(SyncConflict.status == "open")
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
        if c.status != "open" or c.local_choice:
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
