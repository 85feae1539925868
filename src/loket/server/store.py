"""What the server does with events and what it gives back: plain functions on a connection.

The HTTP app and ``loket-server import`` both call :func:`receive_events` inside one
transaction. Each event is answered once (its UUID is the key; a resent one gets the same
answer): applied in the branch's order, or refused with its reason and nothing of it
applied. A branch's events only ever change that branch's rows.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, String, and_, any_, bindparam, func, or_, select, text, update
from sqlalchemy.dialects.postgresql import ARRAY, insert

from loket.domain.nik import registry_hash
from loket.domain.states import ConflictStatus, EventOutcome, ParticipantStatus
from loket.server.checks import Refused, check_event
from loket.server.schema import (
    audit_anchor,
    branch,
    branch_day,
    claim,
    conflict,
    event,
    handover,
    kpj_range,
    participant,
    queue_snapshot,
    receipt,
    recovery,
    reference_document,
    rev_sequence,
    server_secret,
)

log = logging.getLogger(__name__)

RECOVERY_WINDOW = timedelta(days=1)  # from a recovery's first fetch to its restart

# Every transaction that hands out ``rev`` numbers takes this lock first, so revs become
# visible in the order they were drawn and a pull's cursor never skips a row.
_REV_LOCK = 0x4C4F4B45  # "LOKE"
_CORRECTABLE = ("nik", "full_name", "birth_date")  # the participant's fields the server holds
# the reason an event gets when the database would not take it: never the database's own
# text, which quotes the row (a NIK, a name) — see _apply_each
NOT_APPLIED = "could not be applied on the server; nothing of it was stored"

# Each batch goes in as one JSON document unpacked by PostgreSQL: one round trip, a short
# query text, and no per-value escaping on our side.
_INSERT_EVENTS = text(
    "INSERT INTO event (uuid, branch_code, seq, type, created_at, received_at, via, payload) "
    "SELECT x.uuid, :branch, x.seq, x.type, x.created_at, :now, :via, x.payload::text "
    "FROM json_to_recordset(CAST(:rows AS json)) "
    "AS x(uuid text, seq bigint, type text, created_at timestamptz, payload json) "
    "ON CONFLICT (uuid) DO NOTHING RETURNING uuid"
)
_INSERT_PARTICIPANTS = text(
    "INSERT INTO participant (kpj, nik, full_name, birth_date, segment, programs, branch_code, "
    "registered_at) SELECT x.kpj, x.nik, x.full_name, x.birth_date, x.segment, x.programs, "
    ":branch, x.registered_at FROM json_to_recordset(CAST(:rows AS json)) AS x(kpj text, "
    "nik text, full_name text, birth_date date, segment text, programs text, "
    "registered_at timestamptz) ON CONFLICT (kpj) DO NOTHING"
)
_INSERT_RECEIPTS = text(
    "INSERT INTO receipt (number, branch_code, total, method, issued_at, lines) "
    "SELECT x.number, :branch, x.total, x.method, x.issued_at, x.lines::text "
    "FROM json_to_recordset(CAST(:rows AS json)) "
    "AS x(number text, total bigint, method text, issued_at timestamptz, lines json) "
    "ON CONFLICT (number) DO NOTHING"
)


def _rows(items: Sequence[dict[str, Any]]) -> str:
    return json.dumps(items, ensure_ascii=False, sort_keys=True, default=str)


def _next_rev() -> Any:
    return rev_sequence.next_value()


def lock_revisions(conn: Connection) -> None:
    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _REV_LOCK})


@dataclass(frozen=True)
class Received:
    """The server's answer to a batch: every event is held (new or seen before) or refused
    with its reason; a refused event was not applied, and is refused again if resent."""

    held: list[str]
    new: int
    refused: dict[str, str]  # uuid → reason


def _any_of(values: list[str]) -> Any:
    """``= ANY(:array)``: one parameter for a batch's values (an IN list of hundreds of
    parameters costs more to build than the lookup)."""
    return any_(bindparam("values", values, type_=ARRAY(String)))


def _owners(conn: Connection) -> dict[str, str]:
    return {r.prefix: r.branch_code for r in conn.execute(select(kpj_range))}


def _key(e: dict[str, Any]) -> tuple[str, str] | None:
    """The identifier an event creates that must be new on the server."""
    if e["type"] == "receipt.issued":
        return "number", str(e["payload"]["number"])
    if e["type"] == "participant.registered":
        return "kpj", str(e["payload"]["kpj"])
    return None


def _clashes(conn: Connection, events: Sequence[dict[str, Any]]) -> dict[str, str]:
    """Events that would create a receipt number or a KPJ the server already holds (from
    another event, of this branch or another) or that another event of the batch creates
    first: a genuine clash, refused with the reason for the branch's admin, never dropped
    silently and never overwriting the row that is there."""
    out: dict[str, str] = {}
    first: dict[tuple[str, str], str] = {}
    for e in events:
        key = _key(e)
        if key is None:
            continue
        if key in first:
            out[str(e["uuid"])] = f"payload.{key[0]}: {key[1]} repeats event {first[key]}"
        else:
            first[key] = str(e["uuid"])
    numbers = {k[1]: u for k, u in first.items() if k[0] == "number"}
    kpjs = {k[1]: u for k, u in first.items() if k[0] == "kpj"}
    for table, column, wanted, field in (
        (receipt, receipt.c.number, numbers, "number"),
        (participant, participant.c.kpj, kpjs, "kpj"),
    ):
        if wanted:
            for value, owner in conn.execute(
                select(column, table.c.branch_code).where(column == _any_of(list(wanted)))
            ):
                out[wanted[value]] = f"payload.{field}: {value} is already held ({owner})"
    return out


def receive_events(
    conn: Connection,
    branch_code: str,
    events: Sequence[dict[str, Any]],
    *,
    via: str,
    now: datetime,
    rows_json: str | None = None,
) -> Received:
    """Answers the events of ``branch_code`` one by one: each new one is checked
    (:mod:`loket.server.checks`), stored and applied, or stored as refused with its reason
    and nothing of it applied; one seen before gets its first answer again. One bad event
    never holds up the others. ``rows_json``: the same events serialised as a JSON list, if
    the caller has it (used when every event of the batch is new and fine)."""
    # First: a batch sent twice at once (a retry while the first is still being answered)
    # waits here, and then finds the first one's events as seen before — never applied twice.
    lock_revisions(conn)
    uuids = [str(e["uuid"]) for e in events]
    before = {
        r.uuid: r.reason if r.status == EventOutcome.REFUSED else None
        for r in conn.execute(
            select(event.c.uuid, event.c.status, event.c.reason).where(
                event.c.uuid == _any_of(uuids)
            )
        )
    }
    fresh = sorted((e for e in events if str(e["uuid"]) not in before), key=lambda e: int(e["seq"]))
    _check_sequences(conn, branch_code, fresh)
    owners = _owners(conn)
    refused: dict[str, str] = {}
    for e in fresh:
        try:
            check_event(e["type"], e["payload"], branch_code, owners)
        except Refused as exc:
            refused[str(e["uuid"])] = str(exc)
    refused |= _clashes(conn, [e for e in fresh if str(e["uuid"]) not in refused])
    accepted = [e for e in fresh if str(e["uuid"]) not in refused]
    if accepted:
        whole = len(accepted) == len(events) and rows_json is not None
        rows = rows_json if whole else _rows(accepted)
        conn.execute(_INSERT_EVENTS, {"branch": branch_code, "now": now, "via": via, "rows": rows})
    if refused:
        conn.execute(
            event.insert(),
            [
                {
                    "uuid": str(e["uuid"]),
                    "branch_code": branch_code,
                    "seq": int(e["seq"]),
                    "type": e["type"],
                    "created_at": e["created_at"],
                    "received_at": now,
                    "via": via,
                    "payload": "{}",
                    "status": EventOutcome.REFUSED.value,
                    "reason": refused[str(e["uuid"])],
                }
                for e in fresh
                if str(e["uuid"]) in refused
            ],
        )
    refused |= _apply_each(conn, branch_code, accepted)
    conn.execute(
        update(branch)
        .where(branch.c.code == branch_code)
        .values(last_contact_at=now, events_received=branch.c.events_received + len(fresh))
    )
    new = len(accepted) - len(refused.keys() & {str(e["uuid"]) for e in accepted})
    refused |= {uuid: reason for uuid, reason in before.items() if reason is not None}
    return Received([u for u in uuids if u not in refused], new, refused)


class SequenceHeld(ValueError):
    """A new event under a sequence number the server holds for another event of the
    branch: the branch's database went back (a backup restored without its recovery). The
    batch is refused whole and nothing of it stored — a second event under a held number
    would leave the branch unable to recover."""

    def __init__(self, code: str, seq: int) -> None:
        self.code, self.seq = code, seq
        super().__init__(
            f"sequence {seq} of {code} is already held for another event: the branch's "
            "database went back; restore it with loket-admin restore, which recovers"
        )


def _check_sequences(conn: Connection, code: str, fresh: Sequence[dict[str, Any]]) -> None:
    seqs = [int(e["seq"]) for e in fresh]
    if len(set(seqs)) != len(seqs):
        raise SequenceHeld(code, next(s for s in seqs if seqs.count(s) > 1))
    for start in range(0, len(seqs), 1000):
        held = conn.scalar(
            select(func.min(event.c.seq)).where(
                event.c.branch_code == code, event.c.seq.in_(seqs[start : start + 1000])
            )
        )
        if held is not None:
            raise SequenceHeld(code, int(held))


def _apply_each(conn: Connection, code: str, events: list[dict[str, Any]]) -> dict[str, str]:
    """Applies the events, all at once when that works (nearly always); when the database
    refuses the batch, one by one, each in its own savepoint, so an event it refuses is
    refused alone (stored as refused, nothing of it applied) and the others are applied.
    Returns the refused events' reasons. The database's error text is neither logged nor
    answered: PostgreSQL quotes the failing row in it."""
    try:
        with conn.begin_nested():
            _apply(conn, code, events)
        return {}
    except Exception:  # whatever it was, each event is tried on its own
        pass
    refused: dict[str, str] = {}
    for e in events:
        try:
            with conn.begin_nested():
                _apply(conn, code, [e])
        except Exception as exc:  # refused alone, said without its text
            uuid = str(e["uuid"])
            state = getattr(getattr(exc, "orig", None), "sqlstate", None)
            why = f"SQLSTATE {state}" if state else type(exc).__name__
            log.warning("event %s (%s) not applied: %s", uuid, e["type"], why)
            refused[uuid] = NOT_APPLIED
            conn.execute(
                update(event)
                .where(event.c.uuid == uuid)
                .values(status=EventOutcome.REFUSED, payload="{}", reason=NOT_APPLIED)
            )
    return refused


def _apply(conn: Connection, code: str, events: list[dict[str, Any]]) -> None:
    """Applies events in order; runs of registrations and receipts go in one statement."""
    registered: list[dict[str, Any]] = []
    receipts: list[dict[str, Any]] = []

    def flush() -> None:
        if registered:
            _insert_participants(conn, code, registered)
            registered.clear()
        if receipts:
            conn.execute(_INSERT_RECEIPTS, {"branch": code, "rows": _rows(receipts)})
            receipts.clear()

    for e in events:
        kind, p = e["type"], e["payload"]
        if kind == "participant.registered":
            registered.append({**p, "registered_at": e["created_at"]})
            continue
        if kind in ("receipt.issued", "receipt.reentered"):
            # entered again from paper: the server keeps the one it holds, else takes it at
            # the time printed on it
            receipts.append(
                {
                    "number": p["number"],
                    "total": p["total"],
                    "method": p["method"],
                    "issued_at": p.get("issued_at") or e["created_at"],
                    "lines": p.get("lines", []),
                }
            )
            continue
        flush()
        if kind in ("participant.corrected", "correction.approved"):
            _correct(conn, code, p["kpj"], p.get("new") or {})
        elif kind == "receipt.voided":
            conn.execute(
                update(receipt)
                .where(receipt.c.number == p["number"], receipt.c.branch_code == code)
                .values(voided_at=e["created_at"])
            )
        elif kind.startswith("claim.") and "number" in p and "kpj" in p:
            _upsert_claim(conn, code, p, e["created_at"])
        elif kind == "day.closed":
            _record_day(conn, code, p, e["created_at"])
        elif kind == "conflict.resolved":
            resolve_conflict(
                conn, code, int(p["conflict_id"]), p["kept_kpj"], p["by"], e["created_at"]
            )
    flush()


def _record_day(conn: Connection, code: str, p: dict[str, Any], at: datetime) -> None:
    """A branch's closed day (its summary checked by ``domain.events``), once."""
    s = p["summary"]
    claims = s.get("claims") or {}
    conn.execute(
        insert(branch_day)
        .values(
            branch_code=code,
            business_date=date.fromisoformat(p["business_date"]),
            closed_by=str(p.get("by", "")),
            closed_at=at,
            audit_seq=p["audit_seq"],
            audit_head=p["audit_head"],
            report_sha256=p["report_sha256"],
            receipts=s["receipts"],
            paid=s["paid"],
            relief=s["relief"],
            registrations=sum((s.get("registrations") or {}).values()),
            claims_paid=sum(int(c.get("paid", 0)) for c in claims.values()),
            claims_paid_amount=sum(int(c.get("paid_amount", 0)) for c in claims.values()),
            cash_difference=s["cash_difference"],
            summary=json.dumps(s, sort_keys=True),
        )
        .on_conflict_do_nothing()
    )


def _insert_participants(conn: Connection, code: str, items: list[dict[str, Any]]) -> None:
    conn.execute(_INSERT_PARTICIPANTS, {"branch": code, "rows": _rows(items)})
    _detect_conflicts(conn, code, {p["kpj"]: p["nik"] for p in items})


def _detect_conflicts(conn: Connection, code: str, niks_by_kpj: dict[str, str]) -> None:
    """The same NIK under another branch's KPJ: a conflict for both branches' supervisors,
    recorded once per pair and never merged here."""
    if not niks_by_kpj:
        return
    others = conn.execute(
        select(participant.c.kpj, participant.c.nik, participant.c.branch_code).where(
            participant.c.nik.in_(set(niks_by_kpj.values())), participant.c.branch_code != code
        )
    ).all()
    for kpj, nik in niks_by_kpj.items():
        for other_kpj, other_nik, other_branch in others:
            if other_nik != nik:
                continue
            known = conn.scalar(
                select(func.count()).where(
                    or_(
                        and_(conflict.c.kpj_a == other_kpj, conflict.c.kpj_b == kpj),
                        and_(conflict.c.kpj_a == kpj, conflict.c.kpj_b == other_kpj),
                    )
                )
            )
            if not known:
                conn.execute(
                    conflict.insert().values(
                        nik=nik,
                        kpj_a=other_kpj,
                        branch_a=other_branch,
                        kpj_b=kpj,
                        branch_b=code,
                        detected_at=func.now(),
                        rev=_next_rev(),
                    )
                )


def _correct(conn: Connection, code: str, kpj: str, new: dict[str, Any]) -> None:
    values = {k: v for k, v in new.items() if k in _CORRECTABLE}
    if not values:
        return
    if "birth_date" in values:
        values["birth_date"] = date.fromisoformat(values["birth_date"])
    changed = conn.execute(
        update(participant)
        .where(participant.c.kpj == kpj, participant.c.branch_code == code)
        .values(**values, rev=_next_rev())
    ).rowcount
    if changed and "nik" in values:
        _detect_conflicts(conn, code, {kpj: values["nik"]})


def _upsert_claim(conn: Connection, code: str, p: dict[str, Any], at: datetime) -> None:
    values = {
        "kpj": p["kpj"],
        "benefit": p["benefit"],
        "status": p["status"],
        "total": p["total"],
        "updated_at": at,
        "rev": _next_rev(),
    }
    stmt = insert(claim).values(number=p["number"], branch_code=code, **values)
    conn.execute(
        stmt.on_conflict_do_update(
            index_elements=["number"], set_=values, where=claim.c.branch_code == code
        )
    )
    if p.get("handover_number"):
        conn.execute(
            insert(handover)
            .values(
                number=p["handover_number"],
                branch_code=code,
                claim_number=p["number"],
                handed_over_at=at,
            )
            .on_conflict_do_nothing()
        )


def resolve_conflict(
    conn: Connection, code: str, conflict_id: int, kept_kpj: str, by: str, at: datetime
) -> bool:
    """A supervisor of one of the two branches keeps one KPJ and links the other to it.
    The first decision to arrive stands; a later one (made offline meanwhile) changes
    nothing and the branch sees the decision that stood when it next pulls."""
    row = conn.execute(
        select(conflict).where(conflict.c.id == conflict_id).with_for_update()
    ).one_or_none()
    if row is None or row.status != ConflictStatus.OPEN or code not in (row.branch_a, row.branch_b):
        return False
    if kept_kpj not in (row.kpj_a, row.kpj_b):
        return False
    linked = row.kpj_b if kept_kpj == row.kpj_a else row.kpj_a
    conn.execute(
        update(conflict)
        .where(conflict.c.id == conflict_id)
        .values(
            status=ConflictStatus.RESOLVED,
            kept_kpj=kept_kpj,
            decided_by=f"{by}@{code}",
            decided_at=at,
            rev=_next_rev(),
        )
    )
    conn.execute(
        update(participant)
        .where(participant.c.kpj == linked)
        .values(status=ParticipantStatus.LINKED, linked_to=kept_kpj, rev=_next_rev())
    )
    return True


@dataclass(frozen=True)
class Reference:
    items: list[dict[str, Any]]
    cursor: int
    more: bool


def reference_for(conn: Connection, code: str, cursor: int, limit: int) -> Reference:
    """What changed after ``cursor`` that ``code`` may read, oldest first: participants and
    claims of other branches, conflicts involving ``code``, published reference documents
    (of the bookings, its own)."""
    queries = (
        (
            "participant",  # what the duplicate check needs, and no more (see _registry_row)
            select(
                participant.c.kpj,
                participant.c.nik,
                participant.c.branch_code,
                participant.c.status,
                participant.c.linked_to,
                participant.c.rev,
            ).where(participant.c.rev > cursor, participant.c.branch_code != code),
            participant.c.rev,
        ),
        (
            "conflict",
            select(conflict).where(
                conflict.c.rev > cursor,
                or_(conflict.c.branch_a == code, conflict.c.branch_b == code),
            ),
            conflict.c.rev,
        ),
        (
            "document",
            select(reference_document).where(
                reference_document.c.rev > cursor,
                # a day's bookings go to their branch alone (bookings/<code>/<date>)
                or_(
                    ~reference_document.c.name.startswith("bookings/"),
                    reference_document.c.name.startswith(f"bookings/{code}/", autoescape=True),
                ),
            ),
            reference_document.c.rev,
        ),
        (
            "claim",
            select(claim).where(claim.c.rev > cursor, claim.c.branch_code != code),
            claim.c.rev,
        ),
    )
    found: list[dict[str, Any]] = []
    full = False
    key = registry_key(conn)
    for kind, query, rev in queries:
        rows = conn.execute(query.order_by(rev).limit(limit)).mappings().all()
        full = full or len(rows) == limit
        if kind == "participant":
            found.extend(_registry_row(key, row) for row in rows)
        else:
            found.extend({"item": kind, **_jsonable(row)} for row in rows)
    found.sort(key=lambda item: int(item["rev"]))
    taken = found[:limit]
    more = full or len(found) > limit
    return Reference(taken, int(taken[-1]["rev"]) if taken else cursor, more)


def _registry_row(key: bytes, row: Any) -> dict[str, Any]:
    """Another branch's participant as a branch receives it: the NIK's keyed hash, the KPJ
    and the home branch — never the NIK, name or birth date (a branch computer or token
    would otherwise hold the region's whole registry)."""
    return {
        "item": "participant",
        "kpj": row.kpj,
        "nik_hash": registry_hash(key, row.nik),
        "branch_code": row.branch_code,
        "status": row.status,
        "linked_to": row.linked_to,
        "rev": row.rev,
    }


def registry_key(conn: Connection) -> bytes:
    """The key of the registry's NIK hashes (made with the database: migration 0011)."""
    found = conn.scalar(select(server_secret.c.value).where(server_secret.c.name == "registry"))
    return bytes.fromhex(str(found))


def conflict_people(conn: Connection, code: str, conflict_id: int) -> list[dict[str, Any]]:
    """The two participants of a NIK conflict of ``code``'s — KPJ, branch, name, birth date
    — for its supervisor deciding it; empty for a conflict that is not ``code``'s."""
    row = conn.execute(select(conflict).where(conflict.c.id == conflict_id)).first()
    if row is None or code not in (row.branch_a, row.branch_b):
        return []
    people = conn.execute(
        select(
            participant.c.kpj,
            participant.c.branch_code,
            participant.c.full_name,
            participant.c.birth_date,
        ).where(participant.c.kpj.in_((row.kpj_a, row.kpj_b)))
    ).mappings()
    log.info("branch %s read the two participants of conflict %d", code, conflict_id)
    return [_jsonable(p) for p in people]


def _jsonable(row: Any) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, date | datetime) else v for k, v in dict(row).items()}


def held_through(conn: Connection, code: str) -> int:
    """The largest N such that the server holds the branch's events 1..N (outbox sequence
    numbers are gapless per branch)."""
    numbered = (
        select(event.c.seq, func.row_number().over(order_by=event.c.seq).label("n"))
        .where(event.c.branch_code == code)
        .subquery()
    )
    found = conn.scalar(select(func.max(numbered.c.seq)).where(numbered.c.seq == numbered.c.n))
    return int(found or 0)


def publish_document(conn: Connection, name: str, kind: str, body: str, now: datetime) -> None:
    lock_revisions(conn)
    values = {"kind": kind, "body": body, "published_at": now, "rev": _next_rev()}
    stmt = insert(reference_document).values(name=name, **values)
    conn.execute(stmt.on_conflict_do_update(index_elements=["name"], set_=values))


@dataclass(frozen=True)
class BranchStatus:
    code: str
    name: str
    events_received: int
    last_contact_at: datetime | None
    open_conflicts: int
    restored_at: datetime | None = None  # the last time it said it restored a backup


def branch_statuses(conn: Connection) -> list[BranchStatus]:
    open_by_branch: dict[str, int] = {}
    for a, b in conn.execute(
        select(conflict.c.branch_a, conflict.c.branch_b).where(
            conflict.c.status == ConflictStatus.OPEN
        )
    ):
        for code in {a, b}:
            open_by_branch[code] = open_by_branch.get(code, 0) + 1
    restored: dict[str, datetime] = {
        code: at
        for code, at in conn.execute(
            select(audit_anchor.c.branch_code, func.max(audit_anchor.c.received_at))
            .where(audit_anchor.c.restored_from.is_not(None))
            .group_by(audit_anchor.c.branch_code)
        )
    }
    return [
        BranchStatus(
            r.code,
            r.name,
            r.events_received,
            r.last_contact_at,
            open_by_branch.get(r.code, 0),
            restored.get(r.code),
        )
        for r in conn.execute(select(branch).order_by(branch.c.code))
    ]


class ChainWentBack(ValueError):
    """A branch's audit chain is shorter than the server last saw: entries were removed."""


def receive_anchor(
    conn: Connection,
    code: str,
    seq: int,
    hash_: str,
    now: datetime,
    *,
    restored_from: int | None = None,
) -> None:
    """Keeps the head of ``code``'s audit chain; refuses one behind the last it kept, unless
    the branch says it restored a backup whose chain ended at entry ``restored_from``, inside
    a recovery the server saw (:func:`own_events`): the restart is kept with the anchor and
    its recovery (the regional office sees it) and later anchors are held against the
    restarted chain. A restart without a recovery is refused: anyone holding the token could
    otherwise launder a rewritten chain."""
    last = conn.execute(
        select(audit_anchor.c.seq, audit_anchor.c.hash)
        .where(audit_anchor.c.branch_code == code)
        .order_by(audit_anchor.c.id.desc())
        .limit(1)
    ).first()
    recovering = None
    if restored_from is not None:
        if restored_from >= seq:
            raise ChainWentBack(f"a restart from entry {restored_from} must end after it")
        recovering = conn.scalar(
            select(recovery.c.id)
            .where(
                recovery.c.branch_code == code,
                recovery.c.anchor_id.is_(None),
                recovery.c.started_at > now - RECOVERY_WINDOW,
            )
            .order_by(recovery.c.id.desc())
            .limit(1)
            .with_for_update()
        )
        if recovering is None:
            raise ChainWentBack(
                "a restart of the chain is taken only during a recovery (the branch fetching "
                "its own events after restoring a backup), and none is under way"
            )
    elif last is not None and seq < last.seq:
        raise ChainWentBack(f"the audit chain is at {seq}, but the server saw {last.seq}")
    elif last is not None and (seq, hash_) == (last.seq, last.hash):
        return  # nothing new since the last sync
    anchor_id = conn.execute(
        audit_anchor.insert()
        .values(branch_code=code, seq=seq, hash=hash_, received_at=now, restored_from=restored_from)
        .returning(audit_anchor.c.id)
    ).scalar_one()
    if recovering is not None:
        conn.execute(
            update(recovery).where(recovery.c.id == recovering).values(anchor_id=anchor_id)
        )


def anchors(conn: Connection, code: str) -> list[dict[str, Any]]:
    """Every head of ``code``'s chain the server kept, in the order received: each commits
    to the whole chain up to it, so a rewrite after any of them is found. An anchor with
    ``restored_from`` marks a restart from a backup (see :func:`receive_anchor`), and
    ``recovered_at`` when the recovery it came in began (None: no recovery matches it)."""
    return [
        {
            "seq": r.seq,
            "hash": r.hash,
            "received_at": r.received_at.isoformat(),
            "restored_from": r.restored_from,
            "recovered_at": r.started_at.isoformat() if r.started_at else None,
        }
        for r in conn.execute(
            select(
                audit_anchor.c.seq,
                audit_anchor.c.hash,
                audit_anchor.c.received_at,
                audit_anchor.c.restored_from,
                recovery.c.started_at,
            )
            .select_from(
                audit_anchor.outerjoin(recovery, recovery.c.anchor_id == audit_anchor.c.id)
            )
            .where(audit_anchor.c.branch_code == code)
            .order_by(audit_anchor.c.id)
        )
    ]


def own_events(
    conn: Connection, code: str, after: int, limit: int, now: datetime
) -> list[dict[str, Any]]:
    """The events ``code`` sent with sequence numbers after ``after``, in order, as they were
    sent (a refused one with its reason and no payload): what a branch restored from a
    backup asks for to learn what its copy lacks. Asking is a recovery: kept (one open per
    branch at a time) for the restart of its chain that follows."""
    open_one = conn.scalar(
        select(recovery.c.id).where(
            recovery.c.branch_code == code,
            recovery.c.anchor_id.is_(None),
            recovery.c.started_at > now - RECOVERY_WINDOW,
        )
    )
    if open_one is None:
        conn.execute(recovery.insert().values(branch_code=code, after=after, started_at=now))
    return [
        {
            "uuid": r.uuid,
            "seq": r.seq,
            "type": r.type,
            "created_at": r.created_at.isoformat(),
            "payload": json.loads(r.payload),
            "status": r.status,
            "reason": r.reason,
        }
        for r in conn.execute(
            select(event)
            .where(event.c.branch_code == code, event.c.seq > after)
            .order_by(event.c.seq)
            .limit(limit)
        )
    ]


def receive_queue(conn: Connection, code: str, day: date, body: str, now: datetime) -> None:
    """Keeps ``code``'s queue as it said last (one row per branch)."""
    values = {"business_date": day, "body": body, "received_at": now}
    stmt = insert(queue_snapshot).values(branch_code=code, **values)
    conn.execute(stmt.on_conflict_do_update(index_elements=["branch_code"], set_=values))


def queue_of(conn: Connection, code: str) -> tuple[date, dict[str, Any], datetime] | None:
    row = conn.execute(select(queue_snapshot).where(queue_snapshot.c.branch_code == code)).first()
    return (row.business_date, json.loads(row.body), row.received_at) if row else None
