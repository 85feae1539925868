"""The shared rules of an approval: someone else decides, after re-entering their password,
and a rejection says why."""

from __future__ import annotations

from dataclasses import dataclass

from loket.db.engine import Database
from loket.domain.errors import QT_TRANSLATE_NOOP
from loket.services.actor import Actor
from loket.services.auth import confirm_user, require_password
from loket.services.clock import Clock
from loket.services.errors import PermissionDenied
from loket.services.permissions import Permission, can, require
from loket.services.text_fields import checked_text


def begin_decision(
    db: Database, actor: Actor, *, approve: bool, password: str, note: str, clock: Clock
) -> str:
    """Checks the approver before anything is decided; returns the tidied note."""
    require(actor, Permission.APPROVE)
    note = checked_text(
        note,
        field="note",
        required="" if approve else QT_TRANSLATE_NOOP("LoketError", "Tuliskan alasan penolakan."),
    )
    require_password(db, actor, password, clock=clock)
    return note


def require_other_person(actor: Actor, requested_by: str) -> None:
    if requested_by == actor.username:
        raise PermissionDenied(
            QT_TRANSLATE_NOOP(
                "LoketError", "Perubahan yang Anda ajukan sendiri harus disetujui orang lain."
            ),
        )


@dataclass(frozen=True)
class Override:
    """A supervisor's consent typed at the counter: their username and password."""

    username: str
    password: str


def confirm_override(db: Database, actor: Actor, override: Override, *, clock: Clock) -> Actor:
    """The supervisor (or branch head) who consents, not the acting user; raises otherwise."""
    place = f"counter:{actor.counter_id}" if actor.counter_id else f"user:{actor.username}"
    approver = confirm_user(db, override.username, override.password, place=place, clock=clock)
    if not can(approver, Permission.APPROVE):
        raise PermissionDenied(
            QT_TRANSLATE_NOOP(
                "LoketError", "Hanya supervisor atau kepala kantor yang dapat menyetujui."
            ),
            field="override",
        )
    if approver.username == actor.username:
        raise PermissionDenied(
            QT_TRANSLATE_NOOP("LoketError", "Persetujuan harus dari supervisor lain."),
            field="override",
        )
    return approver
