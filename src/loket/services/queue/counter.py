"""A counter's side: calling the next person (bookings due, then the priority lane, then the
counter's order of services, first come), recalling, skipping, transferring, finishing,
pausing, the priority lane, and the rating of the service just given."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import case, func, select, text
from sqlalchemy.orm import Session

from loket.db.engine import Database
from loket.db.models import (
    Claim,
    Counter,
    CounterService,
    Participant,
    QueueService,
    Receipt,
    Ticket,
    TicketLink,
)
from loket.db.sequences import next_number
from loket.domain.errors import QT_TRANSLATE_NOOP
from loket.domain.states import TicketStatus
from loket.services.actor import Actor
from loket.services.clock import Clock, system_clock
from loket.services.errors import Conflict, NotFound, ValidationError
from loket.services.permissions import Permission, require
from loket.services.place import counter_numbered
from loket.services.queue.common import (
    CHANNEL,
    RATING_WINDOW,
    CounterQueue,
    TicketInfo,
    _day_key,
    _info,
    _service,
    _today,
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
