"""The waiting-room display's side: the calls after a sequence number, the whole queue now,
the PostgreSQL NOTIFY watcher, and what a ticket led to."""

from __future__ import annotations

import time
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from loket.db.engine import Database
from loket.db.models import (
    Counter,
    QueueService,
    Ticket,
    TicketLink,
)
from loket.db.sequences import current_number
from loket.domain.states import OPEN_TICKETS, TicketStatus
from loket.services.actor import Actor
from loket.services.clock import Clock, system_clock
from loket.services.permissions import Permission, require
from loket.services.queue.common import CHANNEL, Call, _day_key, _today
from loket.services.queue.counter import _booked_and_due


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
