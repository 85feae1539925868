"""A claim's steps: intake → submitted → approved or rejected → paid → handed over.

Every step is one transaction with its audit entry, outbox event and a line in the
claim's own history, and is allowed only where ``domain.claim_status`` says so. The
benefit is computed at intake and again at submission and approval, so nothing the UI let
through is paid. Four eyes: only a supervisor (or the branch head) decides, never one who
created or edited the claim, and only after re-entering their password; above the
supervisor's limit (a setting) only the branch head may approve. A claim is paid once:
the payout is a conditional update that only one of two concurrent clicks can win. A
benefit paid once per participant (a death benefit, a JHT payout, …) is refused while
another claim of it lives; the participant's row is locked while that is checked.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from loket.db.engine import Database
from loket.db.models import Claim, ClaimEvent, Handover, Participant
from loket.db.sequences import next_number
from loket.domain import benefits as rules
from loket.domain.benefits import BenefitResult
from loket.domain.claim_status import ClaimAction, ClaimStatus, allows
from loket.domain.errors import QT_TRANSLATE_NOOP
from loket.domain.money import format_rupiah
from loket.domain.names import clean_name
from loket.domain.nik import parse_nik
from loket.domain.numbers import claim_number, handover_number
from loket.services.actor import Actor, Role
from loket.services.audit import record_change
from loket.services.branch import letterhead_to_keep, local_date, require_home_branch
from loket.services.claims.eligibility import (
    check_bank,
    check_paid_once,
    check_scholarship_children_once,
    children_of,
    claimant,
    compute,
    flags,
    record_school_levels,
    required,
)
from loket.services.claims.inputs import (
    ClaimInput,
    HandoverInput,
    PayoutInput,
    details_json,
    input_of,
)
from loket.services.clock import Clock, system_clock
from loket.services.errors import Conflict, NotFound, PermissionDenied, ValidationError
from loket.services.four_eyes import begin_decision
from loket.services.permissions import Permission, require
from loket.services.settings import read_setting
from loket.services.text_fields import column_text

EDITING_ACTIONS = ("created", "edited", "submitted")


def participant_locked(session: Session, participant_id: int) -> Participant:
    """The participant, locked for the transaction (PostgreSQL; SQLite's writer holds the
    whole database): claims of one person are checked and changed one at a time."""
    p = session.scalar(
        select(Participant).where(Participant.id == participant_id).with_for_update()
    )
    if p is None:
        raise NotFound(QT_TRANSLATE_NOOP("LoketError", "Peserta tidak ditemukan."))
    return p


def get_locked(session: Session, claim_id: int) -> Claim:
    claim = session.scalar(select(Claim).where(Claim.id == claim_id).with_for_update())
    if claim is None:
        raise NotFound(QT_TRANSLATE_NOOP("LoketError", "Klaim tidak ditemukan."))
    return claim


def require_action(claim: Claim, action: ClaimAction) -> None:
    if not allows(claim.status, action):
        raise Conflict(
            QT_TRANSLATE_NOOP(
                "LoketError", "Klaim {number} berstatus {status}: langkah ini tidak berlaku."
            ),
            number=claim.number,
            status=claim.status,
        )


def _record(
    session: Session,
    actor: Actor,
    claim: Claim,
    action: str,
    clock: Clock,
    note: str = "",
    **payload: Any,
) -> None:
    """The claim's history line, audit entry and outbox event of one step."""
    at = clock()
    session.add(
        ClaimEvent(
            claim_id=claim.id,
            at=at,
            username=actor.username,
            full_name=actor.full_name,
            action=action,
            note=note,
        )
    )
    record_change(
        session,
        actor,
        f"claim.{action}",
        f"claim:{claim.id}",
        {
            "number": claim.number,
            "participant_id": claim.participant_id,
            "kpj": claim.participant.kpj,
            "benefit": claim.benefit,
            "status": claim.status,
            "total": claim.total,
            **({"note": note} if note else {}),
            **payload,
        },
        clock=lambda: at,
    )


def _fill(
    session: Session, claim: Claim, p: Participant, data: ClaimInput, today: date
) -> BenefitResult:
    check_paid_once(session, p.id, data, claim.id)
    result = compute(session, p, data, today)
    heir, name, relation, nik = claimant(session, p, data, today)
    bank, account, holder = check_bank(data)
    unknown = set(data.documents) - set(rules.DOCUMENTS)
    if unknown:
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Dokumen tidak dikenal: {codes}."),
            field="documents",
            codes=", ".join(sorted(unknown)),
        )
    claim.benefit = result.benefit.value
    claim.event_date = data.event_date  # type: ignore[assignment]  # checked by compute
    claim.cause = column_text(Claim.cause, data.cause, field="cause")
    claim.claimant_heir_id = heir.id if heir is not None else None
    claim.claimant_name, claim.claimant_relation, claim.claimant_nik = name, relation, nik
    claim.bank_name, claim.bank_account, claim.account_holder = bank, account, holder
    claim.documents = json.dumps(sorted(data.documents))
    children = [
        {
            "name": c.name,
            "birth_date": c.birth_date.isoformat(),
            "stage": c.stage.value,
            "grade": c.grade,
        }
        for c in children_of(data)
    ]
    claim.details = details_json(data, children, flags(data, p))
    _store_result(claim, result)
    check_scholarship_children_once(session, claim)
    record_school_levels(p, data)
    return result


def _store_result(claim: Claim, result: BenefitResult) -> None:
    claim.components = json.dumps(
        [
            {
                "label": c.label,
                "label_en": c.label_en,
                "amount": c.amount,
                "now": c.now,
                "basis": c.basis,
            }
            for c in result.components
        ]
    )
    claim.schedule = json.dumps(
        [
            {
                "child": e.child,
                "year": e.year,
                "stage": e.stage.value,
                "grade": e.grade,
                "amount": e.amount,
            }
            for e in result.schedule
        ]
    )
    claim.rule_version = result.rule_version
    claim.total, claim.payable_now = result.total, result.payable_now


# -- intake ------------------------------------------------------------------------------
def create_claim(
    db: Database, actor: Actor, data: ClaimInput, *, clock: Clock = system_clock
) -> int:
    """A draft claim with its benefit computed; returns its id. Refused with the reason
    when the claim cannot be paid under the rules."""
    require(actor, Permission.SERVE_COUNTER)
    with db.transaction() as session:
        branch = require_home_branch(session)
        today = local_date(branch, clock())
        p = participant_locked(session, data.participant_id)
        claim = Claim(
            number="",
            branch_code=branch.code,
            participant_id=p.id,
            status=ClaimStatus.DRAFT.value,
            created_by=actor.username,
            created_at=clock(),
        )
        result = _fill(session, claim, p, data, today)
        seq = next_number(session, "claim", scope=branch.code, year=today.year)
        claim.number = claim_number(branch.code, today.year, seq)
        session.add(claim)
        session.flush()
        _record(session, actor, claim, "created", clock, components=len(result.components))
        return claim.id


def update_claim(
    db: Database, actor: Actor, claim_id: int, data: ClaimInput, *, clock: Clock = system_clock
) -> None:
    """Changes a draft (or a rejected claim, which goes back to draft)."""
    require(actor, Permission.SERVE_COUNTER)
    with db.transaction() as session:
        today = local_date(require_home_branch(session), clock())
        claim = get_locked(session, claim_id)
        require_action(claim, ClaimAction.EDIT)
        if data.participant_id != claim.participant_id:
            raise ValidationError(
                QT_TRANSLATE_NOOP("LoketError", "Peserta sebuah klaim tidak dapat diganti."),
                field="participant",
            )
        _fill(session, claim, participant_locked(session, claim.participant_id), data, today)
        claim.status, claim.rejection_reason = ClaimStatus.DRAFT.value, ""
        _record(session, actor, claim, "edited", clock)


def submit_claim(db: Database, actor: Actor, claim_id: int, *, clock: Clock = system_clock) -> None:
    """For approval: every required document seen, the benefit computed again."""
    require(actor, Permission.SERVE_COUNTER)
    with db.transaction() as session:
        today = local_date(require_home_branch(session), clock())
        claim = get_locked(session, claim_id)
        require_action(claim, ClaimAction.SUBMIT)
        data = input_of(claim)
        p = participant_locked(session, claim.participant_id)
        missing = [d for d in required(data, p) if d not in data.documents]
        if missing:
            raise ValidationError(
                QT_TRANSLATE_NOOP("LoketError", "Dokumen belum diperiksa: {documents}."),
                field="documents",
                documents=", ".join(rules.DOCUMENTS[d] for d in missing),
            )
        check_paid_once(session, p.id, data, claim.id)
        _store_result(claim, compute(session, p, data, today))
        claim.status = ClaimStatus.SUBMITTED.value
        _record(session, actor, claim, "submitted", clock)


# -- decision ----------------------------------------------------------------------------
def approval_limit(session: Session, role: Role) -> int | None:
    """The largest claim total ``role`` may approve; ``None``: no limit."""
    key = "approval_limit_head" if role is Role.HEAD else "approval_limit_supervisor"
    limit = int(read_setting(session, key))
    return limit or None


def decide_claim(
    db: Database,
    actor: Actor,
    claim_id: int,
    *,
    approve: bool,
    password: str,
    note: str = "",
    clock: Clock = system_clock,
) -> None:
    """A supervisor who neither created nor edited the claim approves it (the benefit is
    computed once more) or rejects it with a reason the staff see."""
    note = begin_decision(db, actor, approve=approve, password=password, note=note, clock=clock)
    with db.transaction() as session:
        today = local_date(require_home_branch(session), clock())
        claim = get_locked(session, claim_id)
        require_action(claim, ClaimAction.DECIDE)
        editors = {e.username for e in claim.history if e.action in EDITING_ACTIONS}
        if actor.username in editors:
            raise PermissionDenied(
                QT_TRANSLATE_NOOP(
                    "LoketError",
                    "Klaim yang Anda buat atau ubah sendiri harus diputuskan orang lain.",
                )
            )
        if approve:
            p, data = participant_locked(session, claim.participant_id), input_of(claim)
            check_paid_once(session, p.id, data, claim.id)
            _store_result(claim, compute(session, p, data, today))
            limit = approval_limit(session, actor.role)
            if limit is not None and claim.total > limit:
                raise PermissionDenied(
                    QT_TRANSLATE_NOOP(
                        "LoketError",
                        "Klaim {total} melebihi batas persetujuan Anda ({limit}): "
                        "harus disetujui kepala kantor cabang.",
                    ),
                    total=format_rupiah(claim.total),
                    limit=format_rupiah(limit),
                )
        status = ClaimStatus.APPROVED if approve else ClaimStatus.REJECTED
        claim.status = status.value
        claim.decided_by, claim.decided_at = actor.username, clock()
        claim.rejection_reason = "" if approve else note
        _record(session, actor, claim, status.value, clock, note)


# -- payout and handover ----------------------------------------------------------------
def pay_claim(
    db: Database, actor: Actor, claim_id: int, payout: PayoutInput, *, clock: Clock = system_clock
) -> None:
    """Records the payout of an approved claim: exactly the approved amount, once."""
    require(actor, Permission.SERVE_COUNTER)
    with db.transaction() as session:
        methods = read_setting(session, "payout_methods")
        if payout.method not in methods:
            raise ValidationError(
                QT_TRANSLATE_NOOP("LoketError", "Cara pembayaran yang diizinkan: {methods}."),
                field="payout_method",
                methods=", ".join(methods),
            )
        reference = column_text(Claim.payout_reference, payout.reference, field="payout_reference")
        bank = column_text(Claim.payout_bank, payout.bank_name, field="payout_bank")
        account = column_text(Claim.payout_account, payout.bank_account, field="payout_bank")
        if payout.method == "transfer":
            if not bank or not account:
                raise ValidationError(
                    QT_TRANSLATE_NOOP("LoketError", "Isi bank dan nomor rekening tujuan."),
                    field="payout_bank",
                )
            if not reference:
                raise ValidationError(
                    QT_TRANSLATE_NOOP("LoketError", "Isi nomor referensi transfer."),
                    field="payout_reference",
                )
        claim = session.get(Claim, claim_id)
        if claim is None:
            raise NotFound(QT_TRANSLATE_NOOP("LoketError", "Klaim tidak ditemukan."))
        require_action(claim, ClaimAction.PAY)
        if payout.amount != claim.payable_now:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "LoketError", "Jumlah dibayar harus sama dengan yang disetujui: {amount}."
                ),
                field="payout_amount",
                amount=format_rupiah(claim.payable_now),
            )
        now = clock()
        # One of two concurrent payouts wins here; the other finds the claim paid.
        result = session.execute(
            update(Claim)
            .where(Claim.id == claim.id, Claim.status == ClaimStatus.APPROVED.value)
            .values(
                status=ClaimStatus.PAID.value,
                paid_amount=payout.amount,
                paid_by=actor.username,
                paid_at=now,
                payout_method=payout.method,
                payout_bank=bank,
                payout_account=account,
                payout_reference=reference,
            )
            .execution_options(synchronize_session=False)
        )
        won = cast(CursorResult[Any], result).rowcount
        if won != 1:
            raise Conflict(
                QT_TRANSLATE_NOOP("LoketError", "Klaim {number} sudah dibayar."),
                number=claim.number,
            )
        session.refresh(claim)
        _record(
            session,
            actor,
            claim,
            "paid",
            clock,
            amount=payout.amount,
            method=payout.method,
            reference=reference,
        )


def record_handover(
    db: Database, actor: Actor, claim_id: int, data: HandoverInput, *, clock: Clock = system_clock
) -> str:
    """The handover of a paid claim; returns the berita acara's gapless number."""
    require(actor, Permission.SERVE_COUNTER)
    place = column_text(
        Handover.place,
        data.place,
        field="place",
        required=QT_TRANSLATE_NOOP("LoketError", "Isi tempat serah terima."),
    )
    recipient = clean_name(data.recipient_name, field="recipient_name")
    witnesses = [column_text(Handover.recipient_name, w, field="witnesses") for w in data.witnesses]
    witnesses = [w for w in witnesses if w]
    if not witnesses:
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Isi paling sedikit satu saksi."), field="witnesses"
        )
    with db.transaction() as session:
        branch = require_home_branch(session)
        today = local_date(branch, clock())
        nik = parse_nik(data.recipient_nik, today=today).nik
        if data.handed_on > today:
            raise ValidationError(
                QT_TRANSLATE_NOOP("LoketError", "Tanggal serah terima tidak boleh di masa depan."),
                field="handed_on",
            )
        claim = get_locked(session, claim_id)
        require_action(claim, ClaimAction.HAND_OVER)
        if data.handed_on < local_date(branch, claim.paid_at or clock()):
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "LoketError", "Tanggal serah terima tidak boleh sebelum pembayaran."
                ),
                field="handed_on",
            )
        seq = next_number(session, "handover", scope=branch.code, year=data.handed_on.year)
        number = handover_number(branch.code, data.handed_on.year, seq)
        session.add(
            Handover(
                claim_id=claim.id,
                number=number,
                handed_on=data.handed_on,
                place=place,
                recipient_name=recipient,
                recipient_nik=nik,
                witnesses=json.dumps(witnesses),
                staff_name=actor.full_name,
                created_by=actor.username,
                created_at=clock(),
                letterhead=letterhead_to_keep(session, branch),
            )
        )
        claim.status = ClaimStatus.HANDED_OVER.value
        _record(session, actor, claim, "handed_over", clock, handover_number=number)
        return number
