"""What the queue's parts share: its records as the screens see them, the day a ticket
belongs to, a service by its letter."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from loket.db.models import (
    Branch,
    Counter,
    QueueService,
    Ticket,
)
from loket.domain.errors import QT_TRANSLATE_NOOP
from loket.domain.states import TicketStatus
from loket.services.clock import Clock
from loket.services.errors import Conflict, NotFound
from loket.services.place import local_date, require_home_branch

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
