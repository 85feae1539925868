"""The shared rules of an approval: someone else decides, after re-entering their password,
and a rejection says why."""

from __future__ import annotations

from loket.db.engine import Database
from loket.domain.errors import QT_TRANSLATE_NOOP
from loket.services.actor import Actor
from loket.services.auth import require_password
from loket.services.clock import Clock
from loket.services.errors import PermissionDenied, ValidationError
from loket.services.permissions import Permission, require


def begin_decision(
    db: Database, actor: Actor, *, approve: bool, password: str, note: str, clock: Clock
) -> str:
    """Checks the approver before anything is decided; returns the tidied note."""
    require(actor, Permission.APPROVE)
    note = " ".join(note.split())
    if not approve and not note:
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Tuliskan alasan penolakan."), field="note"
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
