"""The claim's printed documents, from its record: documents receipt, handover record,
scholarship letter. Issuing one is audited (it carries personal data)."""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from loket.db.engine import Database
from loket.db.models import Claim, User
from loket.documents.claims import (
    ClaimDoc,
    HandoverDoc,
    handover_record,
    intake_receipt,
    scholarship_letter,
)
from loket.domain.benefits import DOCUMENTS
from loket.domain.claim_status import ClaimStatus
from loket.domain.errors import QT_TRANSLATE_NOOP
from loket.domain.states import PaymentMethod
from loket.keys import qr_signer
from loket.services.actor import Actor, Role
from loket.services.audit import append_audit
from loket.services.claims import ClaimDetail, get_claim
from loket.services.clock import Clock, system_clock
from loket.services.errors import Conflict
from loket.services.permissions import Permission, require
from loket.services.place import letterhead_as_kept, local_date, require_home_branch
from loket.services.settings import read_setting

KINDS = ("intake", "handover", "scholarship")
PAYOUT_NAMES: dict[str, str] = {PaymentMethod.TRANSFER: "transfer", PaymentMethod.CASH: "tunai"}


def _doc(c: ClaimDetail, created_on: date, staff_name: str) -> ClaimDoc:
    return ClaimDoc(
        number=c.number,
        benefit=c.benefit,
        participant_name=c.participant_name,
        kpj=c.kpj,
        participant_nik=c.participant_nik,
        event_date=c.event_date,
        cause=c.cause,
        claimant_name=c.claimant_name,
        claimant_relation=c.claimant_relation,
        claimant_nik=c.claimant_nik,
        bank_name=c.bank_name,
        bank_account=c.bank_account,
        account_holder=c.account_holder,
        components=tuple((x.label, x.amount, x.payable_now) for x in c.components),
        schedule=tuple((s.child, s.year, s.stage, s.grade, s.amount) for s in c.schedule),
        total=c.total,
        payable_now=c.payable_now,
        documents=tuple(DOCUMENTS[d] for d in c.required_documents if d in c.documents)
        + tuple(DOCUMENTS[d] for d in sorted(c.documents - set(c.required_documents))),
        rule_version=c.rule_version,
        created_on=created_on,
        staff_name=staff_name,
        arrears=c.arrears,
        held=c.held,
        continues=c.continues,
    )


def claim_document(
    db: Database, actor: Actor, claim_id: int, kind: str, *, clock: Clock = system_clock
) -> bytes:
    """``kind``: ``"intake"`` (tanda terima berkas), ``"handover"`` (berita acara, once
    handed over) or ``"scholarship"`` (jadwal beasiswa, when the claim has one)."""
    require(actor, Permission.SERVE_COUNTER)
    if kind not in KINDS:
        raise ValueError(f"unknown claim document {kind!r}")
    detail = get_claim(db, actor, claim_id)
    with db.transaction() as session:
        branch = require_home_branch(session)
        claim = session.get(Claim, claim_id)
        assert claim is not None
        creator = next((h.full_name for h in detail.history if h.action == "created"), "")
        handover = claim.handover
        kept = handover.letterhead if kind == "handover" and handover is not None else ""
        head = letterhead_as_kept(kept, session, branch, qr_signer(branch.code))
        if kind == "handover" and handover is None:
            raise Conflict(
                QT_TRANSLATE_NOOP("LoketError", "Klaim {number} belum diserahterimakan."),
                number=detail.number,
            )
        if kind == "scholarship" and not detail.schedule:
            raise Conflict(
                QT_TRANSLATE_NOOP("LoketError", "Klaim {number} tidak memuat beasiswa."),
                number=detail.number,
            )
        if handover is not None:
            handover.print_count += 1
        append_audit(
            session,
            actor,
            f"document.claim_{kind}_issued",
            f"claim:{claim_id}",
            {"number": detail.number},
            clock=clock,
        )
        today = local_date(branch, clock())
        place = branch.name.removeprefix("KC ").strip()
        doc = _doc(detail, local_date(branch, detail.created_at), creator)
        if kind == "intake":
            return intake_receipt(head, doc, place=place)
        if kind == "scholarship":
            return scholarship_letter(head, doc, place=place, issued_on=today)
        assert handover is not None
        method = PAYOUT_NAMES.get(detail.payout_method, detail.payout_method)
        payout = f"{method} {claim.payout_bank} {claim.payout_account}".strip()
        if detail.payout_reference:
            payout += f", ref. {detail.payout_reference}"
        return handover_record(
            head,
            doc,
            HandoverDoc(
                number=handover.number,
                handed_on=handover.handed_on,
                place=handover.place,
                recipient_name=handover.recipient_name,
                recipient_nik=handover.recipient_nik,
                witnesses=tuple(json.loads(handover.witnesses)),
                staff_name=handover.staff_name,
                payout=payout,
                stamp_duty=read_setting(session, "handover_stamp_duty"),
                **_approver(session, detail),
            ),
        )


# who signs for the branch on the berita acara: the one who approved the payout
_SIGNING_TITLES = {Role.HEAD: "Kepala kantor cabang", Role.SUPERVISOR: "Kepala bidang pelayanan"}


def _approver(session: Session, detail: ClaimDetail) -> dict[str, str]:
    step = next((h for h in reversed(detail.history) if h.action == ClaimStatus.APPROVED), None)
    if step is None:
        return {}
    role = session.scalar(select(User.role).where(User.username == step.username))
    title = _SIGNING_TITLES.get(Role(role), "") if role else ""
    return {"approver_name": step.full_name} | ({"approver_title": title} if title else {})
