"""The day's and a period's waiting and service times, for the reports and the CLI."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from statistics import mean, median
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from loket.db.engine import Database
from loket.db.models import (
    Counter,
    QueueService,
    Ticket,
)
from loket.domain.states import TicketStatus
from loket.services.actor import Actor
from loket.services.permissions import Permission, require
from loket.services.place import require_home_branch


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
