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
from dataclasses import replace
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
from loket.domain.states import PaymentMethod
from loket.services.actor import Actor, Role
from loket.services.audit import record_change
from loket.services.claims.eligibility import (
    check_bank,
    check_paid_once,
    check_scholarship_children_once,
    check_stmb_periods,
    children_of,
    claimant,
    compute,
    covered_months,
    flags,
    record_school_levels,
    required,
)
from loket.services.claims.inputs import (
    ClaimInput,
    HandoverInput,
    LateApproval,
    PayoutInput,
    arrears_of,
    details_json,
    input_of,
)
from loket.services.clock import Clock, system_clock
from loket.services.errors import Conflict, NotFound, PermissionDenied, ValidationError
from loket.services.four_eyes import begin_decision, confirm_override
from loket.services.permissions import Permission, require
from loket.services.place import letterhead_to_keep, local_date, require_home_branch
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


def _filed_on(session: Session, claim: Claim) -> date:
    """The day the claim was taken in: a JKK claim's two years run to it."""
    return local_date(require_home_branch(session), claim.created_at)


def _late_approval(
    db: Database, actor: Actor, data: ClaimInput, late: LateApproval | None, clock: Clock
) -> tuple[ClaimInput, Actor | None]:
    """``data`` carrying a supervisor's leave to file a lapsed JKK claim, checked here."""
    if late is None:
        return data, None
    reason = " ".join(late.reason.split())
    if not reason or len(reason) > 300:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "LoketError", "Tulis alasan supervisor mengizinkan klaim yang lewat 2 tahun."
            ),
            field="late_reason",
        )
    approver = confirm_override(db, actor, late.override, clock=clock)
    return replace(data, late_reason=reason, late_allowed_by=approver.username), approver


def _fill(
    session: Session, claim: Claim, p: Participant, data: ClaimInput, today: date
) -> BenefitResult:
    check_paid_once(session, p.id, data, claim.id)
    result = compute(session, p, data, today, filed_on=_filed_on(session, claim))
    check_stmb_periods(session, claim, data)
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
                # held until the arrears are paid: what is paid then
                **({"held": True, "after": replace(c, held=False).now} if c.held else {}),
            }
            for c in result.components
        ]
    )
    details = json.loads(claim.details)
    details["arrears"] = [m.isoformat() for m in result.arrears]
    claim.details = json.dumps(details)
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


def _add_numbered(session: Session, claim: Claim, branch_code: str, year: int) -> None:
    """Gives a new claim the branch's next gapless number — once it passed every check, so
    a refused claim takes none — and adds it."""
    claim.number = claim_number(
        branch_code, year, next_number(session, "claim", scope=branch_code, year=year)
    )
    session.add(claim)
    session.flush()


# -- intake ------------------------------------------------------------------------------
def create_claim(
    db: Database,
    actor: Actor,
    data: ClaimInput,
    *,
    late: LateApproval | None = None,
    clock: Clock = system_clock,
) -> int:
    """A draft claim with its benefit computed; returns its id. Refused with the reason
    when the claim cannot be paid under the rules. ``late``: a supervisor's leave to file a
    JKK claim after it lapsed (asked for after :class:`JkkLapsed`), audited."""
    require(actor, Permission.SERVE_COUNTER)
    data, approver = _late_approval(db, actor, data, late, clock)
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
        _add_numbered(session, claim, branch.code, today.year)
        _record(session, actor, claim, "created", clock, components=len(result.components))
        if approver is not None:
            _record(session, approver, claim, "lapse_waived", clock, data.late_reason)
        return claim.id


def update_claim(
    db: Database,
    actor: Actor,
    claim_id: int,
    data: ClaimInput,
    *,
    late: LateApproval | None = None,
    clock: Clock = system_clock,
) -> None:
    """Changes a draft (or a rejected claim, which goes back to draft). A supervisor's leave
    to file late stays while the accident's date does not change."""
    require(actor, Permission.SERVE_COUNTER)
    data, approver = _late_approval(db, actor, data, late, clock)
    with db.transaction() as session:
        today = local_date(require_home_branch(session), clock())
        claim = get_locked(session, claim_id)
        require_action(claim, ClaimAction.EDIT)
        if continues(claim):  # its amounts are the approved claim's: back to draft, unchanged
            claim.status, claim.rejection_reason = ClaimStatus.DRAFT.value, ""
            _record(session, actor, claim, "edited", clock)
            return
        kept = input_of(claim)
        if approver is None and kept.late_allowed_by and kept.event_date == data.event_date:
            data = replace(data, late_reason=kept.late_reason, late_allowed_by=kept.late_allowed_by)
        if data.participant_id != claim.participant_id:
            raise ValidationError(
                QT_TRANSLATE_NOOP("LoketError", "Peserta sebuah klaim tidak dapat diganti."),
                field="participant",
            )
        _fill(session, claim, participant_locked(session, claim.participant_id), data, today)
        claim.status, claim.rejection_reason = ClaimStatus.DRAFT.value, ""
        _record(session, actor, claim, "edited", clock)
        if approver is not None:
            _record(session, approver, claim, "lapse_waived", clock, data.late_reason)


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
        if not continues(claim):  # a continuation pays the rest as approved before
            check_paid_once(session, p.id, data, claim.id)
            filed_on = _filed_on(session, claim)
            _store_result(claim, compute(session, p, data, today, filed_on=filed_on))
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
        if approve and not continues(claim):
            p, data = participant_locked(session, claim.participant_id), input_of(claim)
            check_paid_once(session, p.id, data, claim.id)
            filed_on = _filed_on(session, claim)
            _store_result(claim, compute(session, p, data, today, filed_on=filed_on))
        if approve:
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
        if payout.method == PaymentMethod.TRANSFER:
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
        now = clock()
        claim = session.get(Claim, claim_id)
        if claim is None:
            raise NotFound(QT_TRANSLATE_NOOP("LoketError", "Klaim tidak ditemukan."))
        require_action(claim, ClaimAction.PAY)
        if arrears_of(claim):
            _release_if_arrears_paid(session, claim, local_date(require_home_branch(session), now))
        if claim.payable_now == 0:
            raise Conflict(
                QT_TRANSLATE_NOOP(
                    "LoketError",
                    "Tunggakan iuran {months} belum dibayar: manfaat ini dibayar setelah "
                    "tunggakan dilunasi (PP 44/2015 ps. 42).",
                ),
                field="payout_amount",
                months=", ".join(m.strftime("%m/%Y") for m in arrears_of(claim)),
            )
        if payout.amount != claim.payable_now:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "LoketError", "Jumlah dibayar harus sama dengan yang disetujui: {amount}."
                ),
                field="payout_amount",
                amount=format_rupiah(claim.payable_now),
            )
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


def _release_if_arrears_paid(session: Session, claim: Claim, today: date) -> None:
    """The claim goes on once the arrears at the event are paid (the payment page takes them
    for the participant): computed again, what was held is payable now. The approved total
    must not have changed."""
    p = participant_locked(session, claim.participant_id)
    result = compute(session, p, input_of(claim), today, filed_on=_filed_on(session, claim))
    if result.arrears:
        return
    if result.total != claim.total:
        raise Conflict(
            QT_TRANSLATE_NOOP(
                "LoketError",
                "Manfaat klaim {number} berubah sejak disetujui ({approved} → {now}): "
                "ajukan kembali untuk persetujuan.",
            ),
            number=claim.number,
            approved=format_rupiah(claim.total),
            now=format_rupiah(result.total),
        )
    _store_result(claim, result)


# -- the rest after the arrears --------------------------------------------------------
def _released(component: dict[str, Any]) -> dict[str, Any]:
    """A stored component held for the arrears, as paid once they are."""
    kept = {k: v for k, v in component.items() if k not in ("held", "after")}
    return kept | {"now": component["after"]}


def continues(claim: Claim) -> str:
    """The number of the claim whose held rest this claim pays ("" for an ordinary claim)."""
    return str(json.loads(claim.details).get("continues", ""))


def continue_after_arrears(
    db: Database, actor: Actor, claim_id: int, *, clock: Clock = system_clock
) -> int:
    """A claim paid only its funeral cost while the arrears at the death were owed: once
    the heirs paid them (the payment page takes them for the claim), the rest held goes on
    in a claim of its own, which continues this one — the amounts as approved, submitted
    again for a supervisor's decision, its own payout and berita acara. Returns its id."""
    require(actor, Permission.SERVE_COUNTER)
    with db.transaction() as session:
        branch = require_home_branch(session)
        today = local_date(branch, clock())
        claim = get_locked(session, claim_id)
        details = json.loads(claim.details)
        held = [x for x in json.loads(claim.components) if x.get("held")]
        if not held or claim.status != ClaimStatus.HANDED_OVER.value:
            raise Conflict(
                QT_TRANSLATE_NOOP(
                    "LoketError",
                    "Klaim {number} tidak mempunyai sisa manfaat yang menunggu tunggakan.",
                ),
                number=claim.number,
            )
        if details.get("continued_by"):
            raise Conflict(
                QT_TRANSLATE_NOOP("LoketError", "Sisa klaim {number} sudah diajukan: {other}."),
                number=claim.number,
                other=details["continued_by"],
            )
        paid = covered_months(session, claim.participant_id)
        owed = [m.strftime("%m/%Y") for m in arrears_of(claim) if m not in paid]
        if owed:
            raise Conflict(
                QT_TRANSLATE_NOOP(
                    "LoketError", "Tunggakan iuran {months} belum dibayar (halaman Pembayaran)."
                ),
                months=", ".join(owed),
            )
        rest = Claim(
            number="",
            branch_code=branch.code,
            participant_id=claim.participant_id,
            status=ClaimStatus.DRAFT.value,
            created_by=actor.username,
            created_at=clock(),
            benefit=claim.benefit,
            event_date=claim.event_date,
            cause=claim.cause,
            claimant_heir_id=claim.claimant_heir_id,
            claimant_name=claim.claimant_name,
            claimant_relation=claim.claimant_relation,
            claimant_nik=claim.claimant_nik,
            bank_name=claim.bank_name,
            bank_account=claim.bank_account,
            account_holder=claim.account_holder,
            documents=claim.documents,
            details=json.dumps({**details, "arrears": [], "continues": claim.number}),
            components=json.dumps([_released(x) for x in held]),
            schedule=claim.schedule,
            rule_version=claim.rule_version,
            total=sum(x["amount"] for x in held),
            payable_now=sum(x["after"] for x in held),
        )
        _add_numbered(session, rest, branch.code, today.year)
        claim.details = json.dumps({**details, "continued_by": rest.number})
        _record(session, actor, rest, "created", clock, continues=claim.number)
        return rest.id


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
