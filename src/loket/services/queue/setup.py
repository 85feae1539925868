"""The services as the admin sets them up, and which counter serves which."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, func, select

from loket.db.engine import Database
from loket.db.models import (
    Counter,
    CounterService,
    QueueService,
)
from loket.domain.errors import QT_TRANSLATE_NOOP
from loket.services.actor import Actor
from loket.services.audit import record_change
from loket.services.clock import Clock, system_clock
from loket.services.errors import ValidationError
from loket.services.permissions import Permission, require
from loket.services.place import counter_numbered
from loket.services.queue.common import _service


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
