"""What an approver reads before signing a claim: the claim itself with the facts behind
its eligibility — the participant's membership and months paid, coverage in the month of
the event, the heirs on record, and every four-eyes override given on the participant."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from loket.db.engine import Database
from loket.db.models import AuditEntry, Participant
from loket.domain.coverage import month_of
from loket.services.actor import Actor
from loket.services.claims.eligibility import covered_months
from loket.services.claims.inputs import ClaimDetail
from loket.services.claims.queries import get_claim
from loket.services.permissions import Permission, require
from loket.services.place import local_date, require_home_branch


@dataclass(frozen=True)
class HeirLine:
    name: str
    relation: str
    birth_date: date | None
    education_level: str


@dataclass(frozen=True)
class OverrideLine:
    """A rule set aside by a supervisor: what (the audit action), the fields concerned
    and who confirmed it, when."""

    action: str
    detail: dict[str, str]
    confirmed_by: str
    at: datetime


@dataclass(frozen=True)
class ClaimDossier:
    detail: ClaimDetail
    segment: str
    registered_on: date
    months_paid: int
    first_month_paid: date | None
    last_month_paid: date | None
    event_month_covered: bool
    heirs: tuple[HeirLine, ...]
    overrides: tuple[OverrideLine, ...]


def claim_dossier(db: Database, actor: Actor, claim_id: int) -> ClaimDossier:
    require(actor, Permission.SERVE_COUNTER)
    detail = get_claim(db, actor, claim_id)
    with db.reader() as session:
        branch = require_home_branch(session)
        p = session.get(Participant, detail.participant_id)
        assert p is not None
        months = covered_months(session, p.id)
        entries = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity == f"participant:{p.id}")
            .order_by(AuditEntry.seq)
        )
        overrides = []
        for e in entries:
            payload = json.loads(e.payload)
            who = next((str(v) for k, v in payload.items() if k.endswith("confirmed_by")), "")
            if who:
                shown = {k: str(v) for k, v in payload.items() if k.startswith("nik_date")}
                overrides.append(OverrideLine(e.action, shown, who, e.at))
        return ClaimDossier(
            detail=detail,
            segment=p.segment,
            registered_on=local_date(branch, p.registered_at),
            months_paid=len(months),
            first_month_paid=min(months, default=None),
            last_month_paid=max(months, default=None),
            event_month_covered=month_of(detail.event_date) in months,
            heirs=tuple(
                HeirLine(h.name, h.relation, h.birth_date, h.education_level) for h in p.heirs
            ),
            overrides=tuple(overrides),
        )
