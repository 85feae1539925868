"""After a backup was restored: what the restored copy lacks compared with the central
server, brought back where sync allows.

A backup is a prefix of the branch's history. Whatever the branch did after it and sent
to the central server before the disk died lives on there as events. At the first sync
after the restore (:func:`recover`, before anything is pushed) the branch asks the server
for its own events after the last one it knows was sent, and:

- keeps each event the copy lacks in its outbox, as sent: the history the server holds
  continues here and the outbox numbering with it (events made since the restore move
  behind them, in order);
- raises every number those events used — receipts ``KW``, claims ``KL``, handover
  records ``BA`` (per year) and the branch's KPJs — so none is issued a second time;
- puts the workers registered in them into the duplicate check (as the server knows
  them: KPJ, NIK, name, birth date), so nobody is registered twice;
- lists what must be re-entered from the paper copies: the receipts, claims and closed
  days the copy lacks, and any number issued again between the restore and this sync;
- tells the server that the audit chain restarted at the backup's last entry, and sends
  the new head with it (the server keeps the restart for the regional office to see).
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from loket.db.engine import Database
from loket.db.models import (
    AuditEntry,
    OutboxEvent,
    Participant,
    RemoteParticipant,
    SequenceCounter,
)
from loket.db.sequences import current_number, raise_number
from loket.domain.errors import QT_TRANSLATE_NOOP
from loket.domain.kpj import is_loket_kpj, make_kpj
from loket.domain.numbers import document_number
from loket.domain.states import EventOutcome
from loket.services.actor import Actor
from loket.services.audit import chain_head, record_change
from loket.services.clock import Clock, system_clock
from loket.services.errors import NotFound
from loket.services.outbox import masked
from loket.services.permissions import Permission, require
from loket.services.place import require_home_branch
from loket.services.sync import nik_hashed, put_state, state_value

log = logging.getLogger(__name__)
RESTORED = "restored"  # sync state: the restore waiting for the server (JSON)
LAST_RECOVERY = "last_recovery"  # sync state: what the last recovery found (JSON)
ACKNOWLEDGED = "recovery_acknowledged"  # sync state: the recovery a supervisor saw to
_SEQUENCES = {"KW": "receipt", "KL": "claim", "BA": "handover"}


@dataclass(frozen=True)
class Recovery:
    """What the restored copy lacked, and what was done about it."""

    backup: str
    chain_end: int  # the backup's last audit entry: the chain restarted there
    events: int  # events only the server held, now kept here as sent
    already_held: int  # events of the copy the server had received (marked sent)
    moved: int  # events made here since the restore, numbered after the server's
    receipts: list[str] = field(default_factory=list)  # to re-enter from paper
    claims: list[str] = field(default_factory=list)
    handovers: list[str] = field(default_factory=list)
    days_closed: list[str] = field(default_factory=list)
    registrations: list[str] = field(default_factory=list)  # KPJs, now in the duplicate check
    # numbers given again between the restore and the recovery (receipts, claims, KPJs)
    issued_twice: list[str] = field(default_factory=list)
    kinds: dict[str, int] = field(default_factory=dict)  # lost events by type

    def as_json(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False, sort_keys=True)

    @property
    def to_do(self) -> bool:
        """Whether people must act on paper: something to re-enter, a number given twice."""
        return bool(
            self.receipts or self.claims or self.handovers or self.days_closed
            or self.issued_twice
        )  # fmt: skip


def mark_restored(db: Database, backup: str, *, clock: Clock = system_clock) -> int:
    """In a copy just restored: the audit entry saying so, and the note that makes the next
    sync recover before it pushes. Returns the backup's last audit entry."""
    with db.transaction() as session:
        code = require_home_branch(session).code
        chain_end = session.scalar(select(func.max(AuditEntry.seq))) or 0
        outbox_end = current_number(session, "outbox", scope=code)
        state = {"backup": backup, "chain_end": chain_end, "outbox_end": outbox_end}
        record_change(
            session,
            Actor.command_line(),
            "database.restored",
            "database",
            state,
            clock=clock,
        )
        put_state(session, RESTORED, json.dumps(state))
    return chain_end


def waiting(db: Database) -> dict[str, Any] | None:
    """The restore that has not met the server yet, or None."""
    with db.reader() as session:
        found = state_value(session, RESTORED)
    return json.loads(found) if found else None


def last_recovery(db: Database) -> Recovery | None:
    with db.reader() as session:
        found = state_value(session, LAST_RECOVERY)
    return Recovery(**json.loads(found)) if found else None


def next_numbers(db: Database, *, clock: Clock = system_clock) -> list[str]:
    """The number of each kind this branch issues next (receipts, claims and handover
    records this year; the next KPJ). A paper copy numbered so or higher was made after
    everything this database and the central server hold — it went with the dying disk —
    and is to be entered again from the paper."""
    with db.reader() as session:
        home = require_home_branch(session)
        year = clock().astimezone(ZoneInfo(home.timezone)).year
        found = []
        for kind, name in _SEQUENCES.items():
            latest = session.scalar(  # the year under way (or one a clock ahead numbered)
                select(func.max(SequenceCounter.year)).where(
                    SequenceCounter.name == name, SequenceCounter.scope == home.code
                )
            )
            at = max(year, latest or 0)
            last = current_number(session, name, home.code, at)
            found.append(document_number(kind, home.code, at, last + 1))
        if home.kpj_prefix:
            found.append(
                make_kpj(home.kpj_prefix, current_number(session, "kpj", home.kpj_prefix) + 1)
            )
    return found


def unacknowledged(db: Database) -> Recovery | None:
    """The last recovery, while it lists something to act on and no supervisor has said it
    was seen to: every counter shows it until then (the *PERHATIAN* list)."""
    with db.reader() as session:
        found = state_value(session, LAST_RECOVERY)
        seen = state_value(session, ACKNOWLEDGED)
    if not found:
        return None
    recovery = Recovery(**json.loads(found))
    return recovery if recovery.to_do and seen != _fingerprint(found) else None


def _fingerprint(found: str) -> str:
    return hashlib.sha256(found.encode()).hexdigest()


def acknowledge(db: Database, actor: Actor, *, clock: Clock = system_clock) -> None:
    """A supervisor says the recovery's list was seen to (receipts entered again from the
    paper copies, the people given a number twice called back): audited."""
    require(actor, Permission.APPROVE)
    with db.transaction() as session:
        found = state_value(session, LAST_RECOVERY)
        if not found:
            raise NotFound(
                QT_TRANSLATE_NOOP("LoketError", "Tidak ada pemulihan yang perlu ditandai.")
            )
        recovery = Recovery(**json.loads(found))
        record_change(
            session,
            actor,
            "database.recovery_acknowledged",
            "database",
            {
                "backup": recovery.backup,
                "receipts": len(recovery.receipts),
                "issued_twice": len(recovery.issued_twice),
            },
            clock=clock,
        )
        put_state(session, ACKNOWLEDGED, _fingerprint(found))


class CentralServer(Protocol):
    """What the recovery asks of the central server (``sync.client.SyncClient``)."""

    def all_own_events(self, branch: str, after: int) -> list[dict[str, Any]]: ...

    def send_anchor(
        self, branch: str, seq: int, hash_: str, *, restored_from: int | None = None
    ) -> None: ...


def recover(db: Database, client: CentralServer, *, clock: Clock = system_clock) -> Recovery | None:
    """Runs once, at the first sync after a restore (None when there was none)."""
    state = waiting(db)
    if state is None:
        return None
    outbox_end = int(state["outbox_end"])
    with db.reader() as session:
        code = require_home_branch(session).code
        after = int(
            session.scalar(
                select(func.coalesce(func.max(OutboxEvent.seq), 0)).where(
                    OutboxEvent.sent_at.is_not(None), OutboxEvent.seq <= outbox_end
                )
            )
            or 0
        )
    held = client.all_own_events(code, after)
    with db.transaction() as session:
        taken = _take_back(session, code, outbox_end, held, clock)
        found = Recovery(backup=str(state["backup"]), chain_end=int(state["chain_end"]), **taken)
        record_change(
            session,
            Actor.scheduled(),
            "database.recovered",
            "database",
            {
                "backup": found.backup,
                "events": found.events,
                "moved": found.moved,
                "receipts": len(found.receipts),
                "issued_twice": found.issued_twice,
            },
            clock=clock,
        )
    head = chain_head(db)
    assert head is not None  # the entries above
    client.send_anchor(code, head.seq, head.hash, restored_from=found.chain_end)
    with db.transaction() as session:
        put_state(session, LAST_RECOVERY, found.as_json())
        put_state(session, RESTORED, "")
    log.warning(
        "restored from %s: %d events taken back from the server, %d moved behind them; "
        "receipts to enter again: %s; numbers issued twice: %s",
        found.backup,
        found.events,
        found.moved,
        ", ".join(found.receipts) or "none",
        ", ".join(found.issued_twice) or "none",
    )
    return found


def _take_back(
    session: Session, code: str, outbox_end: int, held: list[dict[str, Any]], clock: Clock
) -> dict[str, Any]:
    now = clock()
    # a server before 0.3 may hold a second, refused event under a number it held: the
    # event it applied stands for that number (the other is the branch's, renumbered below)
    by_seq: dict[int, dict[str, Any]] = {}
    for e in held:
        first = by_seq.setdefault(int(e["seq"]), e)
        if first["status"] != EventOutcome.APPLIED and e["status"] == EventOutcome.APPLIED:
            by_seq[int(e["seq"])] = e
    held = [by_seq[n] for n in sorted(by_seq)]
    # of the branch's outbox: the events the server answered with, and those made since
    # the restore (not the whole history of a busy year)
    wanted = [str(e["uuid"]) for e in held]
    mine = {
        ev.uuid: ev
        for start in range(0, len(wanted), 500)
        for ev in session.scalars(
            select(OutboxEvent).where(OutboxEvent.uuid.in_(wanted[start : start + 500]))
        )
    }
    mine |= {
        ev.uuid: ev
        for ev in session.scalars(select(OutboxEvent).where(OutboxEvent.seq > outbox_end))
    }
    lost = [e for e in held if e["uuid"] not in mine]
    already = 0
    for e in held:
        if (here := mine.get(e["uuid"])) is not None and here.sent_at is None:
            here.sent_at, here.refused_reason = now, e["reason"]
            already += 1
    last_held = max((int(e["seq"]) for e in held), default=outbox_end)
    # events made here since the restore: behind the server's, in their order (through
    # negative numbers first, as the pair (branch, seq) is unique)
    since = sorted((ev for ev in mine.values() if ev.seq > outbox_end), key=lambda ev: ev.seq)
    if last_held > outbox_end:
        for ev in since:
            ev.seq = -ev.seq
        session.flush()
        for n, ev in enumerate(since, start=last_held + 1):
            ev.seq = n
    for e in lost:
        session.add(
            OutboxEvent(
                uuid=e["uuid"],
                branch_code=code,
                seq=int(e["seq"]),
                type=e["type"],
                # the server holds it: kept here as every sent event is, NIKs masked
                payload=json.dumps(masked(e["payload"]), sort_keys=True, ensure_ascii=False),
                created_at=datetime.fromisoformat(e["created_at"]),
                sent_at=now,
                refused_reason=e["reason"],
                attempts=0,
            )
        )
    raise_number(session, "outbox", code, 0, max(last_held, outbox_end) + len(since))
    applied = [e for e in lost if e["status"] == EventOutcome.APPLIED]
    numbers = _numbers(code, [e["payload"] for e in applied])
    prefix = require_home_branch(session).kpj_prefix
    for kind, year, seq in numbers:
        raise_number(session, _SEQUENCES[kind], code, year, seq)
    registered = [e["payload"] for e in applied if e["type"] == "participant.registered"]
    for p in registered:
        kpj = str(p["kpj"])
        if prefix and kpj.startswith(prefix) and is_loket_kpj(kpj):
            raise_number(session, "kpj", prefix, 0, int(kpj[3:10]))
        hashed = nik_hashed(session, str(p["nik"]))
        if (
            hashed is not None
            and session.get(RemoteParticipant, kpj) is None
            and not session.scalar(select(Participant.id).where(Participant.kpj == kpj))
        ):
            session.add(RemoteParticipant(kpj=kpj, nik_hash=hashed, branch_code=code))
    made_since = [(ev.type, json.loads(ev.payload)) for ev in since]
    again = _numbers(code, [p for _, p in made_since]) & numbers
    kpjs_again = {str(p.get("kpj")) for t, p in made_since if t == "participant.registered"}
    by_type = Counter(e["type"] for e in lost)

    def listed(kind: str) -> list[str]:
        return sorted(document_number(k, code, y, s) for k, y, s in numbers if k == kind)

    return {
        "events": len(lost),
        "already_held": already,
        "moved": len(since) if last_held > outbox_end else 0,
        "receipts": listed("KW"),
        "claims": listed("KL"),
        "handovers": listed("BA"),
        "days_closed": sorted(
            str(e["payload"].get("business_date", "")) for e in lost if e["type"] == "day.closed"
        ),
        "registrations": sorted(str(p["kpj"]) for p in registered),
        "issued_twice": sorted(document_number(k, code, y, s) for k, y, s in again)
        + sorted(kpjs_again & {str(p["kpj"]) for p in registered}),
        "kinds": dict(sorted(by_type.items())),
    }


def _numbers(code: str, payloads: list[Any]) -> set[tuple[str, int, int]]:
    """Every receipt, claim and handover number of ``code`` the payloads mention."""
    pattern = re.compile(rf"\b(KW|KL|BA)/{re.escape(code)}/(\d{{4}})/(\d{{6}})\b")
    text = json.dumps(payloads, ensure_ascii=False)
    return {(m[1], int(m[2]), int(m[3])) for m in pattern.finditer(text)}
