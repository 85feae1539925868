"""The kiosk's side: the services offered today, a number taken (for a booking too) and its
printed ticket."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from loket.db.engine import Database
from loket.db.models import (
    Branch,
    QueueService,
    ReferenceDocument,
    Ticket,
)
from loket.db.sequences import next_number
from loket.domain.errors import QT_TRANSLATE_NOOP
from loket.domain.states import TicketStatus
from loket.services.actor import Actor
from loket.services.clock import Clock, system_clock
from loket.services.errors import Conflict, NotFound
from loket.services.permissions import Permission, require
from loket.services.place import letterhead, require_home_branch
from loket.services.queue.common import (
    QuotaReached,
    ServiceInfo,
    TicketInfo,
    _day_key,
    _info,
    _service,
    _today,
)
from loket.services.settings import get_setting


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
