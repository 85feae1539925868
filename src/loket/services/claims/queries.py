"""Reading claims: the list, the badge's count, and one claim with all it shows."""

from __future__ import annotations

import json
from collections.abc import Sequence

from sqlalchemy import func, select

from loket.db.engine import Database
from loket.db.models import Claim
from loket.domain.claim_status import ClaimStatus
from loket.domain.errors import QT_TRANSLATE_NOOP
from loket.services.actor import Actor
from loket.services.claims.eligibility import required
from loket.services.claims.inputs import (
    ClaimDetail,
    ClaimSummary,
    ComponentLine,
    HistoryLine,
    ScheduleLine,
    arrears_of,
    flags_of,
    input_of,
)
from loket.services.errors import NotFound
from loket.services.permissions import Permission, require


def _summary(c: Claim) -> ClaimSummary:
    return ClaimSummary(
        c.id,
        c.number,
        c.status,
        c.benefit,
        c.participant.full_name,
        c.participant.kpj,
        c.claimant_name,
        c.total,
        c.payable_now,
        c.created_by,
        c.created_at,
        flags_of(c),
    )


def list_claims(
    db: Database, actor: Actor, *, statuses: Sequence[str] = (), participant_id: int | None = None
) -> list[ClaimSummary]:
    require(actor, Permission.SERVE_COUNTER)
    query = select(Claim).order_by(Claim.id.desc()).limit(200)
    if statuses:
        query = query.where(Claim.status.in_(statuses))
    if participant_id is not None:
        query = query.where(Claim.participant_id == participant_id)
    with db.reader() as session:
        return [_summary(c) for c in session.scalars(query)]


def claims_to_decide(db: Database, actor: Actor) -> int:
    """How many submitted claims wait for a decision (the navigation's badge)."""
    require(actor, Permission.APPROVE)
    with db.reader() as session:
        return int(
            session.scalar(
                select(func.count())
                .select_from(Claim)
                .where(Claim.status == ClaimStatus.SUBMITTED.value)
            )
            or 0
        )


def get_claim(db: Database, actor: Actor, claim_id: int) -> ClaimDetail:
    require(actor, Permission.SERVE_COUNTER)
    with db.reader() as session:
        c = session.get(Claim, claim_id)
        if c is None:
            raise NotFound(QT_TRANSLATE_NOOP("LoketError", "Klaim tidak ditemukan."))
        data, details = input_of(c), json.loads(c.details)
        components = tuple(
            ComponentLine(
                x["label"],
                x["amount"],
                x["now"],
                x["basis"],
                x.get("label_en", ""),
                bool(x.get("held")),
            )
            for x in json.loads(c.components)
        )
        return ClaimDetail(
            **_summary(c).__dict__,
            participant_id=c.participant_id,
            participant_nik=c.participant.nik,
            event_date=c.event_date,
            cause=c.cause,
            claimant_heir_id=c.claimant_heir_id,
            claimant_relation=c.claimant_relation,
            claimant_nik=c.claimant_nik,
            bank_name=c.bank_name,
            bank_account=c.bank_account,
            account_holder=c.account_holder,
            documents=data.documents,
            required_documents=required(data, c.participant),
            children=data.children,
            jht_balance=data.jht_balance,
            jht_statement_date=data.jht_statement_date,
            jht_reason=str(data.jht_reason),
            rule_version=c.rule_version,
            components=components,
            schedule=tuple(ScheduleLine(**x) for x in json.loads(c.schedule)),
            rejection_reason=c.rejection_reason,
            decided_by=c.decided_by,
            paid_amount=c.paid_amount,
            payout_method=c.payout_method,
            payout_reference=c.payout_reference,
            handover_number=c.handover.number if c.handover else "",
            history=tuple(
                HistoryLine(e.at, e.username, e.full_name, e.action, e.note) for e in c.history
            ),
            input=data,
            arrears=arrears_of(c),
            held=sum(x.get("after", 0) for x in json.loads(c.components)),
            continues=details.get("continues", ""),
            continued_by=details.get("continued_by", ""),
        )
