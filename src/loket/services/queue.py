"""The queue: numbers from the ticket kiosk, calls from the counters, the waiting-room
display, bookings, and the day's waiting and service times.

Numbers are gapless per service and day (``A001``…), taken from a sequence counter inside
the transaction that makes the ticket, so a kiosk and eight counters at once neither skip
nor repeat one (SQLite serialises writers; PostgreSQL locks the counter's row). A counter
calls the next person of the services it serves — a booked person whose slot has come
first, then the priority lane (*prioritas*: elderly, disabled, pregnant), then by its
order of preference, then first come; on PostgreSQL the row is taken ``FOR UPDATE SKIP
LOCKED`` and on both a ticket moves from *waiting* only once, so no one is called to two
counters. Each call takes the next number of the day's call sequence, which the display
reads (a ``NOTIFY loket_queue`` on PostgreSQL wakes it at once; on SQLite it polls that
one number). Tickets are not personal data: no name, no NIK, a booking code at most.
Queue movements are operational records, not audited one by one; the services, quotas
and which counter serves what are audited changes.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from statistics import mean, median
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import case, delete, func, select, text
from sqlalchemy.orm import Session

from loket.db.engine import Database
from loket.db.models import (
    Branch,
    Claim,
    Counter,
    CounterService,
    Participant,
    QueueService,
    Receipt,
    ReferenceDocument,
    Ticket,
    TicketLink,
)
from loket.db.sequences import current_number, next_number
from loket.domain.errors import QT_TRANSLATE_NOOP
from loket.domain.states import OPEN_TICKETS, TicketStatus
from loket.services.actor import Actor
from loket.services.audit import record_change
from loket.services.clock import Clock, system_clock
from loket.services.errors import Conflict, NotFound, ValidationError
from loket.services.permissions import Permission, require
from loket.services.place import counter_numbered, letterhead, local_date, require_home_branch
from loket.services.settings import get_setting

CHANNEL = "loket_queue"  # PostgreSQL NOTIFY channel the displays listen on
RATING_WINDOW = timedelta(minutes=15)  # a rating belongs to a service just finished


class QuotaReached(Conflict):
    def __init__(self, service: str, quota: int) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "LoketError",
                "Kuota hari ini untuk {service} ({quota} nomor) sudah habis. Silakan pesan "
                "jadwal lewat layanan booking online untuk hari lain.",
            ),
            field="service",
            service=service,
            quota=quota,
        )


@dataclass(frozen=True)
class ServiceInfo:
    prefix: str
    name: str
    daily_quota: int  # 0: none
    active: bool
    issued: int  # today
    waiting: int  # now

    @property
    def full(self) -> bool:
        return self.daily_quota > 0 and self.issued >= self.daily_quota


@dataclass(frozen=True)
class TicketInfo:
    id: int
    code: str
    service_prefix: str
    service_name: str
    status: str
    priority: bool
    booking_code: str
    slot_at: datetime | None
    issued_at: datetime
    ahead: int  # people waiting for the same service before this one
    counter_name: str
    calls: int
    call_seq: int  # the place of its last call in the day's order (0: not called)


@dataclass(frozen=True)
class Call:
    """One call, as the display shows it."""

    seq: int
    code: str
    counter_number: int
    counter_name: str
    service_name: str
    called_at: datetime
    recall: bool


@dataclass(frozen=True)
class CounterQueue:
    """What the queue bar of a counter shows."""

    current: TicketInfo | None
    paused: bool
    waiting: int  # in the services this counter serves
    services: tuple[str, ...]  # their letters, in its order of preference


def _today(session: Session, clock: Clock) -> tuple[Branch, date, datetime]:
    branch = require_home_branch(session)
    now = clock()
    return branch, local_date(branch, now), now


def _day_key(day: date) -> int:
    return day.year * 10_000 + day.month * 100 + day.day


def _service(session: Session, prefix: str) -> QueueService:
    found = session.scalar(select(QueueService).where(QueueService.prefix == prefix.upper()))
    if found is None or not found.active:
        raise NotFound(
            QT_TRANSLATE_NOOP("LoketError", "Layanan antrean {prefix} tidak ada."),
            field="service",
            prefix=prefix,
        )
    return found


def _info(session: Session, t: Ticket, service: QueueService | None = None) -> TicketInfo:
    service = service or session.get(QueueService, t.service_id)
    assert service is not None
    ahead = (
        session.scalar(
            select(func.count())
            .select_from(Ticket)
            .where(
                Ticket.business_date == t.business_date,
                Ticket.service_id == t.service_id,
                Ticket.status == TicketStatus.WAITING,
                Ticket.id < t.id,
            )
        )
        if t.status == TicketStatus.WAITING  # a number called or done has nobody ahead: no query
        else 0
    )
    counter = session.get(Counter, t.counter_id) if t.counter_id else None
    return TicketInfo(
        t.id,
        t.code,
        service.prefix,
        service.name,
        t.status,
        t.priority,
        t.booking_code,
        t.slot_at,
        t.issued_at,
        int(ahead or 0),
        counter.name if counter else "",
        t.calls,
        t.call_seq,
    )


def list_services(db: Database, *, clock: Clock = system_clock) -> list[ServiceInfo]:
    """The services with today's tickets issued and waiting (the kiosk, the display, the
    admin); no login needed: nothing here is personal."""
    with db.reader() as session:
        _, today, _ = _today(session, clock)
        counts: dict[tuple[int, str], int] = {}
        for service_id, status, n in session.execute(
            select(Ticket.service_id, Ticket.status, func.count())
            .where(Ticket.business_date == today)
            .group_by(Ticket.service_id, Ticket.status)
        ):
            counts[(service_id, status)] = n
        return [
            ServiceInfo(
                s.prefix,
                s.name,
                s.daily_quota,
                s.active,
                sum(n for (sid, _), n in counts.items() if sid == s.id),
                counts.get((s.id, TicketStatus.WAITING), 0),
            )
            for s in session.scalars(select(QueueService).order_by(QueueService.position))
        ]


def _booking(session: Session, branch: Branch, today: date, code: str) -> dict[str, Any]:
    """The booking ``code`` for today, as the central server published it."""
    doc = session.get(ReferenceDocument, f"bookings/{branch.code}/{today.isoformat()}")
    found = next(
        (b for b in (json.loads(doc.body) if doc else []) if str(b.get("code")) == code), None
    )
    if found is None:
        raise NotFound(
            QT_TRANSLATE_NOOP(
                "LoketError",
                "Kode booking {code} tidak ditemukan untuk hari ini. Periksa kodenya, atau "
                "ambil nomor antrean biasa.",
            ),
            field="booking",
            code=code,
        )
    used = session.scalar(
        select(Ticket.code).where(Ticket.business_date == today, Ticket.booking_code == code)
    )
    if used is not None:
        raise Conflict(
            QT_TRANSLATE_NOOP(
                "LoketError", "Kode booking {code} sudah dipakai untuk nomor {ticket}."
            ),
            field="booking",
            code=code,
            ticket=used,
        )
    return dict(found)


def issue_ticket(
    db: Database,
    service_prefix: str = "",
    *,
    booking_code: str = "",
    priority: bool = False,
    actor: Actor | None = None,
    clock: Clock = system_clock,
) -> TicketInfo:
    """A number for a service (the kiosk: no ``actor``; a clerk may hand one out, in the
    priority lane too), or for a booking code (its service and slot come from the booking;
    the quota does not apply to it). Raises :class:`QuotaReached` when the day's tickets
    of the service are gone."""
    if actor is not None:
        require(actor, Permission.SERVE_COUNTER)
    code = booking_code.strip().upper()
    with db.transaction() as session:
        branch, today, now = _today(session, clock)
        slot: datetime | None = None
        if code:
            booked = _booking(session, branch, today, code)
            service = _service(session, str(booked["service"]))
            slot = datetime.fromisoformat(str(booked["slot"]))
        else:
            service = _service(session, service_prefix)
        number = next_number(session, "ticket", scope=service.prefix, year=_day_key(today))
        if not code and service.daily_quota and number > service.daily_quota:
            raise QuotaReached(service.name, service.daily_quota)  # rolled back: no gap
        ticket = Ticket(
            business_date=today,
            service_id=service.id,
            number=number,
            code=f"{service.prefix}{number:03d}",
            priority=priority,
            booking_code=code,
            slot_at=slot,
            issued_at=now,
            issued_by=actor.username if actor else "kiosk",
            status=TicketStatus.WAITING,
            called_by="",
            call_seq=0,
            calls=0,
            transfers=0,
        )
        session.add(ticket)
        session.flush()
        return _info(session, ticket, service)


def ticket_document(db: Database, ticket: TicketInfo, *, clock: Clock = system_clock) -> bytes:
    """The ticket as the kiosk prints it; its QR code opens the central server's page of
    that number (where the branch syncs), else names the branch, the day and the number."""
    from loket.documents.queue_ticket import queue_ticket_pdf

    server = str(get_setting(db, "sync_server_url")).rstrip("/")

    with db.reader() as session:
        branch = require_home_branch(session)
        zone = ZoneInfo(branch.timezone)
        taken = ticket.issued_at.astimezone(zone)
        return queue_ticket_pdf(
            letterhead(session, branch),
            ticket.code,
            ticket.service_name,
            taken,
            ticket.ahead,
            f"{server}/antrean/{branch.code}/{taken:%Y-%m-%d}/{ticket.code}"
            if server
            else f"LOKET-ANTREAN|{branch.code}|{taken:%Y-%m-%d}|{ticket.code}",
            priority=ticket.priority,
            slot=ticket.slot_at.astimezone(zone) if ticket.slot_at else None,
        )


def _counter(session: Session, actor: Actor) -> Counter:
    require(actor, Permission.SERVE_COUNTER)
    counter = session.get(Counter, actor.counter_id) if actor.counter_id else None
    if counter is None:
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Antrean dilayani dari sebuah loket: masuk di loket."),
            field="counter",
        )
    return counter


def _served(session: Session, counter: Counter) -> list[tuple[QueueService, int]]:
    """The active services the counter serves with their preference (all of them, in the
    kiosk's order, when none were chosen for it)."""
    chosen = session.execute(
        select(QueueService, CounterService.preference)
        .join(CounterService, CounterService.service_id == QueueService.id)
        .where(CounterService.counter_id == counter.id, QueueService.active)
        .order_by(CounterService.preference, QueueService.position)
    ).all()
    if chosen:
        return [(s, p) for s, p in chosen]
    everything = session.scalars(
        select(QueueService).where(QueueService.active).order_by(QueueService.position)
    )
    return [(s, 1) for s in everything]


def _current(session: Session, counter: Counter, today: date) -> Ticket | None:
    return session.scalar(
        select(Ticket).where(
            Ticket.business_date == today,
            Ticket.counter_id == counter.id,
            Ticket.status == TicketStatus.CALLED,
        )
    )


def _announce(session: Session, t: Ticket, today: date, now: datetime) -> None:
    """Gives the call its place in the day's order; a PostgreSQL display hears of it when
    the transaction commits."""
    t.call_seq = next_number(session, "ticket-call", year=_day_key(today))
    t.called_at = now
    t.calls += 1
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            text("SELECT pg_notify(:channel, :seq)"), {"channel": CHANNEL, "seq": str(t.call_seq)}
        )


def _booked_and_due(now: datetime) -> Any:
    """0 for a booked number whose slot has come, 1 for the rest: what is called first."""
    return case((Ticket.slot_at.is_not(None) & (Ticket.slot_at <= now), 0), else_=1)


def call_next(db: Database, actor: Actor, *, clock: Clock = system_clock) -> TicketInfo | None:
    """Finishes the counter's current ticket and calls the next one; None when nobody waits
    for the counter's services."""
    with db.transaction() as session:
        counter = _counter(session, actor)
        _, today, now = _today(session, clock)
        if counter.queue_paused:
            raise Conflict(
                QT_TRANSLATE_NOOP(
                    "LoketError", "Loket ini sedang jeda: lanjutkan dulu untuk memanggil."
                ),
                field="queue",
            )
        if (current := _current(session, counter, today)) is not None:
            _finish(session, current, counter, now)
        served = _served(session, counter)
        if not served:
            return None
        preference = case({s.id: p for s, p in served}, value=Ticket.service_id, else_=99)
        due = _booked_and_due(now)
        query = (
            select(Ticket)
            .where(
                Ticket.business_date == today,
                Ticket.status == TicketStatus.WAITING,
                Ticket.service_id.in_([s.id for s, _ in served]),
            )
            .order_by(due, Ticket.priority.desc(), preference, Ticket.id)
            .limit(1)
        )
        if session.get_bind().dialect.name == "postgresql":
            query = query.with_for_update(skip_locked=True, of=Ticket)
        ticket = session.scalar(query)
        if ticket is None:
            return None
        ticket.status = TicketStatus.CALLED
        ticket.counter_id = counter.id
        ticket.called_by = actor.username
        ticket.first_called_at = ticket.first_called_at or now
        _announce(session, ticket, today, now)
        return _info(session, ticket)


@dataclass
class _Serving:
    """The counter's current number, in a transaction: what recall, skip, transfer and
    finish act on."""

    session: Session
    counter: Counter
    ticket: Ticket
    today: date
    now: datetime


@contextmanager
def _serving(db: Database, actor: Actor, clock: Clock) -> Iterator[_Serving]:
    with db.transaction() as session:
        counter = _counter(session, actor)
        _, today, now = _today(session, clock)
        ticket = _current(session, counter, today)
        if ticket is None:
            raise Conflict(
                QT_TRANSLATE_NOOP("LoketError", "Belum ada nomor yang dipanggil di loket ini."),
                field="queue",
            )
        yield _Serving(session, counter, ticket, today, now)


def recall(db: Database, actor: Actor, *, clock: Clock = system_clock) -> TicketInfo:
    """Calls the counter's current number again (shown and chimed again on the display)."""
    with _serving(db, actor, clock) as s:
        _announce(s.session, s.ticket, s.today, s.now)
        return _info(s.session, s.ticket)


def skip(db: Database, actor: Actor, *, clock: Clock = system_clock) -> TicketInfo:
    """The person called did not come: *tidak hadir*, counted among those who left."""
    with _serving(db, actor, clock) as s:
        s.ticket.status, s.ticket.finished_at = TicketStatus.NO_SHOW, s.now
        return _info(s.session, s.ticket)


def transfer(
    db: Database, actor: Actor, service_prefix: str, *, clock: Clock = system_clock
) -> TicketInfo:
    """The person needs another service: their number waits there, in its original place."""
    with _serving(db, actor, clock) as s:
        target = _service(s.session, service_prefix)
        if target.id == s.ticket.service_id:
            raise ValidationError(
                QT_TRANSLATE_NOOP("LoketError", "Pilih layanan lain untuk mengalihkan."),
                field="service",
            )
        s.ticket.service_id, s.ticket.status, s.ticket.counter_id = (
            target.id,
            TicketStatus.WAITING,
            None,
        )
        s.ticket.transfers += 1
        s.ticket.calls = 0  # its next call is a first call there, not a recall
        return _info(s.session, s.ticket, target)


def _finish(session: Session, t: Ticket, counter: Counter, now: datetime) -> None:
    """Done; and what the clerk recorded for this person since the call is linked to the
    ticket: receipts, registrations and claims made at this counter in that time."""
    t.status, t.finished_at = TicketStatus.DONE, now
    since = t.called_at or now
    links: set[tuple[str, str]] = set()
    links.update(
        ("receipt", n)
        for n in session.scalars(
            select(Receipt.number).where(
                Receipt.counter_name == counter.name,
                Receipt.issued_by == t.called_by,
                Receipt.issued_at >= since,
            )
        )
    )
    links.update(
        ("participant", k)
        for k in session.scalars(
            select(Participant.kpj).where(
                Participant.registered_by == t.called_by, Participant.registered_at >= since
            )
        )
    )
    links.update(
        ("claim", n)
        for n in session.scalars(
            select(Claim.number).where(Claim.created_by == t.called_by, Claim.created_at >= since)
        )
    )
    session.add_all(TicketLink(ticket_id=t.id, kind=k, ref=r) for k, r in sorted(links))


def finish(db: Database, actor: Actor, *, clock: Clock = system_clock) -> TicketInfo:
    with _serving(db, actor, clock) as s:
        _finish(s.session, s.ticket, s.counter, s.now)
        return _info(s.session, s.ticket)


def set_paused(db: Database, actor: Actor, paused: bool, *, clock: Clock = system_clock) -> None:
    """A break: no one is called to this counter until it resumes (its current person, if
    any, is finished first)."""
    with db.transaction() as session:
        counter = _counter(session, actor)
        _, today, now = _today(session, clock)
        if paused and (current := _current(session, counter, today)) is not None:
            _finish(session, current, counter, now)
        counter.queue_paused = paused


def set_priority(
    db: Database, actor: Actor, code: str, *, clock: Clock = system_clock
) -> TicketInfo:
    """A clerk moves a waiting number into the priority lane (elderly, disabled, pregnant)."""
    with db.transaction() as session:
        _counter(session, actor)
        _, today, _ = _today(session, clock)
        ticket = session.scalar(
            select(Ticket).where(
                Ticket.business_date == today,
                Ticket.code == code.strip().upper(),
                Ticket.status == TicketStatus.WAITING,
            )
        )
        if ticket is None:
            raise NotFound(
                QT_TRANSLATE_NOOP("LoketError", "Nomor {code} tidak sedang menunggu."),
                field="ticket",
                code=code,
            )
        ticket.priority = True
        return _info(session, ticket)


def counter_queue(db: Database, actor: Actor, *, clock: Clock = system_clock) -> CounterQueue:
    with db.reader() as session:
        counter = _counter(session, actor)
        _, today, _ = _today(session, clock)
        served = _served(session, counter)
        waiting = session.scalar(
            select(func.count())
            .select_from(Ticket)
            .where(
                Ticket.business_date == today,
                Ticket.status == TicketStatus.WAITING,
                Ticket.service_id.in_([s.id for s, _ in served]),
            )
        )
        current = _current(session, counter, today)
        return CounterQueue(
            _info(session, current) if current else None,
            counter.queue_paused,
            int(waiting or 0),
            tuple(s.prefix for s, _ in served),
        )


def rate_last_service(
    db: Database, counter_number: int, rating: int, *, clock: Clock = system_clock
) -> str:
    """One tap on the counter's rating tablet (1–5): the service this counter finished last,
    within a few minutes and not rated yet. Returns its number."""
    if rating not in range(1, 6):
        raise ValidationError(QT_TRANSLATE_NOOP("LoketError", "Nilai 1 sampai 5."), field="rating")
    with db.transaction() as session:
        _, today, now = _today(session, clock)
        counter = counter_numbered(session, counter_number)
        last = session.scalar(
            select(Ticket)
            .where(
                Ticket.business_date == today,
                Ticket.counter_id == counter.id,
                Ticket.status == TicketStatus.DONE,
            )
            .order_by(Ticket.finished_at.desc())
            .limit(1)
        )
        if (
            last is None
            or last.rating is not None
            or last.finished_at is None
            or now - last.finished_at > RATING_WINDOW
        ):
            raise Conflict(
                QT_TRANSLATE_NOOP(
                    "LoketError", "Tidak ada layanan yang baru selesai untuk dinilai."
                ),
                field="rating",
            )
        last.rating, last.rated_at = rating, now
        return last.code


def calls_after(
    db: Database, after_seq: int, *, limit: int = 20, clock: Clock = system_clock
) -> list[Call]:
    """The day's calls after ``after_seq`` (0: the last ``limit`` of them), oldest first: what
    the display adds to its board. Cheap enough to poll: one indexed range."""
    with db.reader() as session:
        _, today, _ = _today(session, clock)
        query = (
            select(Ticket, Counter, QueueService)
            .join(Counter, Counter.id == Ticket.counter_id)
            .join(QueueService, QueueService.id == Ticket.service_id)
            .where(Ticket.business_date == today, Ticket.call_seq > after_seq)
            .order_by(Ticket.call_seq.desc())
            .limit(limit)
        )
        return [
            Call(
                t.call_seq,
                t.code,
                c.number,
                c.name,
                s.name,
                t.called_at or t.issued_at,
                t.calls > 1,
            )
            for t, c, s in reversed(session.execute(query).all())
        ]


def snapshot(db: Database, *, clock: Clock = system_clock) -> dict[str, Any]:
    """The queue now, for the central server's page behind the tickets' QR codes: per
    service, the numbers waiting in the order they are called (a due booking, the priority
    lane, then first come) and the numbers being served with their counters."""
    with db.reader() as session:
        branch, today, now = _today(session, clock)
        due = _booked_and_due(now)
        tickets = session.execute(
            select(Ticket.service_id, Ticket.code, Ticket.status, Counter.name)
            .outerjoin(Counter, Counter.id == Ticket.counter_id)
            .where(Ticket.business_date == today, Ticket.status.in_(OPEN_TICKETS))
            .order_by(due, Ticket.priority.desc(), Ticket.id)
        ).all()
        services = session.scalars(
            select(QueueService).where(QueueService.active).order_by(QueueService.position)
        ).all()
        return {
            "business_date": today.isoformat(),
            "taken_at": now.astimezone(ZoneInfo(branch.timezone)).isoformat(),
            "services": [
                {
                    "prefix": s.prefix,
                    "name": s.name,
                    "waiting": [
                        t.code
                        for t in tickets
                        if t.service_id == s.id and t.status == TicketStatus.WAITING
                    ],
                    "serving": [
                        {"code": t.code, "counter": t.name}
                        for t in tickets
                        if t.service_id == s.id and t.status == TicketStatus.CALLED
                    ],
                }
                for s in services
            ],
        }


def last_call_seq(db: Database, *, clock: Clock = system_clock) -> int:
    """The day's last call number: what a display on SQLite polls."""
    with db.reader() as session:
        _, today, _ = _today(session, clock)
        return current_number(session, "ticket-call", year=_day_key(today))


# --- the services, as the admin sets them up -------------------------------------------------


def configure_service(
    db: Database,
    actor: Actor,
    prefix: str,
    *,
    name: str | None = None,
    daily_quota: int | None = None,
    active: bool | None = None,
    clock: Clock = system_clock,
) -> None:
    """Adds service ``prefix`` (a letter) or changes its name, quota or whether it serves."""
    require(actor, Permission.MANAGE_BRANCH)
    letter = prefix.strip().upper()
    if len(letter) != 1 or not letter.isascii() or not letter.isalpha():
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Kode layanan satu huruf (A–Z)."), field="prefix"
        )
    if daily_quota is not None and not 0 <= daily_quota <= 999:
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Kuota harian 0 (tanpa batas) sampai 999."),
            field="daily_quota",
        )
    if name is not None and not 2 <= len(name.strip()) <= 80:
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Nama layanan 2 sampai 80 huruf."), field="name"
        )
    with db.transaction() as session:
        service = session.scalar(select(QueueService).where(QueueService.prefix == letter))
        if service is None:
            if name is None:
                raise ValidationError(
                    QT_TRANSLATE_NOOP("LoketError", "Layanan baru perlu nama."), field="name"
                )
            last = session.scalar(select(func.max(QueueService.position))) or 0
            service = QueueService(
                prefix=letter, name="", daily_quota=0, position=last + 1, active=True
            )
            session.add(service)
        before = {
            "name": service.name,
            "daily_quota": service.daily_quota,
            "active": service.active,
        }
        if name is not None:
            service.name = name.strip()
        if daily_quota is not None:
            service.daily_quota = daily_quota
        if active is not None:
            service.active = active
        session.flush()
        after = {"name": service.name, "daily_quota": service.daily_quota, "active": service.active}
        record_change(
            session,
            actor,
            "queue.service_set",
            f"queue_service:{letter}",
            {"prefix": letter, "from": before, "to": after},
            clock=clock,
        )


def counter_services(db: Database) -> dict[int, tuple[str, ...]]:
    """Counter number → the letters it serves, in its order (none chosen: every service)."""
    with db.reader() as session:
        found: dict[int, list[str]] = {}
        for number, prefix in session.execute(
            select(Counter.number, QueueService.prefix)
            .join(CounterService, CounterService.counter_id == Counter.id)
            .join(QueueService, QueueService.id == CounterService.service_id)
            .order_by(Counter.number, CounterService.preference)
        ):
            found.setdefault(number, []).append(prefix)
        return {n: tuple(p) for n, p in found.items()}


def set_counter_services(
    db: Database,
    actor: Actor,
    counter_number: int,
    prefixes: Sequence[str],
    *,
    clock: Clock = system_clock,
) -> None:
    """The services counter ``counter_number`` serves, in its order of preference (empty:
    every service)."""
    require(actor, Permission.MANAGE_BRANCH)
    with db.transaction() as session:
        counter = counter_numbered(session, counter_number)
        letters = [p.strip().upper() for p in prefixes if p.strip()]
        if len(set(letters)) != len(letters):
            raise ValidationError(
                QT_TRANSLATE_NOOP("LoketError", "Setiap layanan cukup disebut sekali."),
                field="services",
            )
        services = [_service(session, p) for p in letters]
        session.execute(delete(CounterService).where(CounterService.counter_id == counter.id))
        session.add_all(
            CounterService(counter_id=counter.id, service_id=s.id, preference=i)
            for i, s in enumerate(services, start=1)
        )
        record_change(
            session,
            actor,
            "queue.counter_services_set",
            f"counter:{counter.id}",
            {"counter": counter.number, "services": letters},
            clock=clock,
        )


# --- the day's figures ---------------------------------------------------------------------


@dataclass(frozen=True)
class QueueFigures:
    """Waiting (ticket → first call) and service (last call → done) times, in seconds."""

    label: str  # a service's name or a counter's
    issued: int
    served: int
    no_show: int
    waiting_left: int  # still waiting when the figures were made: left without service
    wait_mean: float | None
    wait_median: float | None
    service_mean: float | None
    rating_mean: float | None
    ratings: int


@dataclass(frozen=True)
class QueueDay:
    day: date
    by_service: list[QueueFigures]
    by_counter: list[QueueFigures]
    by_hour: list[tuple[int, float | None, int]]  # hour of issue, mean wait (s), tickets
    total: QueueFigures


def _figures(label: str, tickets: Sequence[Ticket]) -> QueueFigures:
    waits = [
        (t.first_called_at - t.issued_at).total_seconds()
        for t in tickets
        if t.first_called_at is not None
    ]
    services = [
        (t.finished_at - t.called_at).total_seconds()
        for t in tickets
        if t.status == TicketStatus.DONE and t.finished_at is not None and t.called_at is not None
    ]
    ratings = [t.rating for t in tickets if t.rating is not None]
    return QueueFigures(
        label,
        len(tickets),
        sum(1 for t in tickets if t.status == TicketStatus.DONE),
        sum(1 for t in tickets if t.status == TicketStatus.NO_SHOW),
        sum(1 for t in tickets if t.status == TicketStatus.WAITING),
        mean(waits) if waits else None,
        median(waits) if waits else None,
        mean(services) if services else None,
        mean(ratings) if ratings else None,
        len(ratings),
    )


def day_figures(db: Database, actor: Actor, day: date) -> QueueDay:
    """The queue of ``day``: per service, per counter and per hour of the day."""
    require(actor, Permission.VIEW_DASHBOARD, Permission.CLOSE_DAY)
    with db.reader() as session:
        return period_figures(session, day, day)


def period_figures(session: Session, first: date, last: date) -> QueueDay:
    """The queue from ``first`` to ``last``, in the caller's session (the reports' read)."""
    zone = ZoneInfo(require_home_branch(session).timezone)
    tickets = list(session.scalars(select(Ticket).where(Ticket.business_date.between(first, last))))
    names = {s.id: s.name for s in session.scalars(select(QueueService))}
    counters = {c.id: c.name for c in session.scalars(select(Counter))}
    by_service = [
        _figures(name, [t for t in tickets if t.service_id == sid])
        for sid, name in names.items()
        if any(t.service_id == sid for t in tickets)
    ]
    by_counter = [
        _figures(name, [t for t in tickets if t.counter_id == cid])
        for cid, name in counters.items()
        if any(t.counter_id == cid for t in tickets)
    ]
    hours: dict[int, list[Ticket]] = {}
    for t in tickets:
        hours.setdefault(t.issued_at.astimezone(zone).hour, []).append(t)
    by_hour = [
        (hour, _figures("", group).wait_mean, len(group)) for hour, group in sorted(hours.items())
    ]
    return QueueDay(first, by_service, by_counter, by_hour, _figures("", tickets))


def ticket_links(db: Database, actor: Actor, ticket_id: int) -> list[tuple[str, str]]:
    require(actor, Permission.SERVE_COUNTER)
    with db.reader() as session:
        return [
            (link.kind, link.ref)
            for link in session.scalars(
                select(TicketLink)
                .where(TicketLink.ticket_id == ticket_id)
                .order_by(TicketLink.kind)
            )
        ]


class CallWatcher:
    """What a display waits on: returns when a number was called (or the time is up). On
    PostgreSQL it listens for the calls' ``NOTIFY`` on a connection of its own; on SQLite
    it reads the day's last call number every ``poll`` seconds — one indexed row."""

    def __init__(self, db: Database, *, poll: float = 0.25, clock: Clock = system_clock) -> None:
        self._db, self._poll, self._clock = db, poll, clock
        self._listener: Any = None
        if db.dialect == "postgresql":
            import psycopg

            url = db.url.set(drivername="postgresql").render_as_string(hide_password=False)
            self._listener = psycopg.connect(url, autocommit=True)
            self._listener.execute(f"LISTEN {CHANNEL}")

    def wait(self, last_seen: int, timeout: float) -> int:
        """The day's last call number once it is past ``last_seen``, or after ``timeout``
        seconds whatever it is."""
        if (now := last_call_seq(self._db, clock=self._clock)) != last_seen:
            return now
        if self._listener is not None:
            for _ in self._listener.notifies(timeout=timeout, stop_after=1):
                break
            return last_call_seq(self._db, clock=self._clock)
        waited = 0.0
        while waited < timeout:
            time.sleep(self._poll)
            waited += self._poll
            if (now := last_call_seq(self._db, clock=self._clock)) != last_seen:
                return now
        return now

    def close(self) -> None:
        if self._listener is not None:
            self._listener.close()
            self._listener = None
