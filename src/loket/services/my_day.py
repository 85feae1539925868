"""The home page's figures: what waits for this user, and what they did today."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from loket.db.engine import Database
from loket.db.models import Claim, Participant, Receipt
from loket.domain.claim_status import ClaimStatus
from loket.domain.states import VoidStatus
from loket.services.actor import Actor
from loket.services.approvals import waiting_decisions
from loket.services.clock import Clock, system_clock
from loket.services.permissions import Permission, can
from loket.services.place import local_date, require_home_branch
from loket.services.reports import period_bounds


@dataclass(frozen=True)
class MyDay:
    decisions_waiting: int | None  # None: this role does not decide
    unprinted_receipts: int
    claims_to_pay: int  # approved, not paid yet
    claims_to_hand_over: int  # paid, no handover record yet
    my_receipts: int  # today, issued by this user
    my_registrations: int
    my_claims: int


def _count(session: Session, model: type, *where: ColumnElement[bool]) -> int:
    return int(session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def my_day(db: Database, actor: Actor, *, clock: Clock = system_clock) -> MyDay | None:
    """None for a role that does not serve at a counter (the admin)."""
    if not can(actor, Permission.SERVE_COUNTER):
        return None
    decisions = waiting_decisions(db, actor) if can(actor, Permission.APPROVE) else None
    with db.reader() as session:
        branch = require_home_branch(session)
        today = local_date(branch, clock())
        start, end = period_bounds(branch, today, today)
        return MyDay(
            decisions,
            _count(session, Receipt, Receipt.print_count == 0,
                   Receipt.void_status != VoidStatus.VOID),
            _count(session, Claim, Claim.status == ClaimStatus.APPROVED.value),
            _count(session, Claim, Claim.status == ClaimStatus.PAID.value),
            _count(session, Receipt, Receipt.issued_by == actor.username,
                   Receipt.issued_at >= start, Receipt.issued_at < end),
            _count(session, Participant, Participant.registered_by == actor.username,
                   Participant.registered_at >= start, Participant.registered_at < end),
            _count(session, Claim, Claim.created_by == actor.username,
                   Claim.created_at >= start, Claim.created_at < end),
        )  # fmt: skip
