"""Benefit claims: intake → submitted → approved or rejected → paid → handed over.

Every step is one transaction with its audit entry, outbox event and a line in the
claim's own history. The benefit is computed by ``domain.benefits`` at intake and again
at submission and approval, so nothing the UI let through is paid. Four eyes: only a
supervisor (or the branch head) decides, never one who created or edited the claim, and
only after re-entering their password; above the supervisor's limit (a setting) only the
branch head may approve. A claim is paid once: the payout is a conditional update that
only one of two concurrent clicks can win.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import CursorResult, func, select, update
from sqlalchemy.orm import Session

from loket.db.engine import Database
from loket.db.models import Claim, ClaimEvent, Contribution, Handover, Heir, Participant, Receipt
from loket.db.sequences import next_number
from loket.domain import benefits as rules
from loket.domain.benefits import BenefitResult, BenefitType, Child, JhtReason, Stage
from loket.domain.coverage import add_months
from loket.domain.errors import QT_TRANSLATE_NOOP
from loket.domain.heirs import Relation
from loket.domain.money import format_rupiah
from loket.domain.names import clean_name
from loket.domain.nik import parse_nik
from loket.domain.numbers import claim_number, handover_number
from loket.services.actor import Actor, Role
from loket.services.audit import record_change
from loket.services.branch import local_date, require_home_branch
from loket.services.clock import Clock, system_clock
from loket.services.errors import Conflict, NotFound, PermissionDenied, ValidationError
from loket.services.four_eyes import begin_decision
from loket.services.permissions import Permission, require
from loket.services.registration import HeirInput, check_heir
from loket.services.settings import read_setting

EDITING_ACTIONS = ("created", "edited", "submitted")


@dataclass(frozen=True)
class ChildInput:
    name: str
    birth_date: date
    stage: Stage | str
    grade: int


@dataclass(frozen=True)
class ClaimInput:
    participant_id: int
    benefit: BenefitType | str
    event_date: date | None
    cause: str = ""
    claimant_heir_id: int | None = None  # None: the participant (JHT) or ``new_heir``
    new_heir: HeirInput | None = None  # an heir entered at intake, saved with the claim
    bank_name: str = ""
    bank_account: str = ""
    account_holder: str = ""
    documents: frozenset[str] = frozenset()
    children: tuple[ChildInput, ...] = ()
    jht_balance: int = 0
    jht_statement_date: date | None = None
    jht_reason: JhtReason | str = ""


@dataclass(frozen=True)
class PayoutInput:
    method: str
    amount: int
    bank_name: str = ""
    bank_account: str = ""
    reference: str = ""


@dataclass(frozen=True)
class HandoverInput:
    handed_on: date
    place: str
    recipient_name: str
    recipient_nik: str
    witnesses: tuple[str, ...] = ()


@dataclass(frozen=True)
class ComponentLine:
    label: str
    amount: int
    payable_now: int
    basis: str


@dataclass(frozen=True)
class ScheduleLine:
    child: str
    year: int
    stage: str
    grade: int
    amount: int


@dataclass(frozen=True)
class HistoryLine:
    at: datetime
    username: str
    full_name: str
    action: str
    note: str


@dataclass(frozen=True)
class ClaimSummary:
    id: int
    number: str
    status: str
    benefit: str
    participant_name: str
    kpj: str
    claimant_name: str
    total: int
    payable_now: int
    created_by: str
    created_at: datetime


@dataclass(frozen=True)
class ClaimDetail(ClaimSummary):
    participant_id: int
    participant_nik: str
    event_date: date
    cause: str
    claimant_heir_id: int | None
    claimant_relation: str
    claimant_nik: str
    bank_name: str
    bank_account: str
    account_holder: str
    documents: frozenset[str]
    required_documents: tuple[str, ...]
    children: tuple[ChildInput, ...]
    jht_balance: int
    jht_statement_date: date | None
    jht_reason: str
    rule_version: str
    components: tuple[ComponentLine, ...]
    schedule: tuple[ScheduleLine, ...]
    rejection_reason: str
    decided_by: str
    paid_amount: int | None
    payout_method: str
    payout_reference: str
    handover_number: str
    history: tuple[HistoryLine, ...] = field(default=())


# -- reading what a rule needs from the database ---------------------------------------
def covered_months(session: Session, participant_id: int) -> set[date]:
    """The first day of every month paid by a receipt that is not void."""
    months: set[date] = set()
    rows = session.execute(
        select(Contribution.period_first, Contribution.period_last)
        .join(Receipt, Receipt.id == Contribution.receipt_id)
        .where(Contribution.participant_id == participant_id, Receipt.void_status != "void")
    )
    for first, last in rows:
        at = first
        while at <= last:
            months.add(at)
            at = add_months(at, 1)
    return months


def _children(data: ClaimInput) -> list[Child]:
    out = []
    for c in data.children:
        try:
            stage = Stage(c.stage)
        except ValueError:
            raise ValidationError(
                QT_TRANSLATE_NOOP("LoketError", "Jenjang sekolah {name} tidak dikenal."),
                field="children",
                name=c.name,
            ) from None
        out.append(Child(clean_name(c.name, field="children"), c.birth_date, stage, c.grade))
    return out


def _benefit_type(value: BenefitType | str) -> BenefitType:
    try:
        return BenefitType(value)
    except ValueError:
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Pilih jenis manfaat."), field="benefit"
        ) from None


def _jht_reason(value: JhtReason | str) -> JhtReason:
    try:
        return JhtReason(value)
    except ValueError:
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Pilih alasan pengambilan JHT."), field="jht_reason"
        ) from None


def _compute(session: Session, p: Participant, data: ClaimInput, today: date) -> BenefitResult:
    """The benefit by rule, or the reason it cannot be paid."""
    benefit = _benefit_type(data.benefit)
    if data.event_date is None:
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Isi tanggal kejadian."), field="event_date"
        )
    registered = local_date(require_home_branch(session), p.registered_at)
    event = data.event_date
    if benefit is BenefitType.JHT:
        if data.jht_statement_date is None:
            raise ValidationError(
                QT_TRANSLATE_NOOP("LoketError", "Isi tanggal rincian saldo JHT."),
                field="jht_statement_date",
            )
        reason = _jht_reason(data.jht_reason)
        # A partial payout already approved: its reason is stored in the claim's details.
        partial_taken = reason in rules.JHT_PARTIAL_PERCENT and bool(
            session.scalar(
                select(func.count())
                .select_from(Claim)
                .where(
                    Claim.participant_id == p.id,
                    Claim.benefit == BenefitType.JHT.value,
                    Claim.status.in_(("approved", "paid", "handed_over")),
                    Claim.details.like('%"partial_%'),
                )
            )
        )
        return rules.jht(
            balance=data.jht_balance,
            statement_date=data.jht_statement_date,
            reason=reason,
            birth_date=p.birth_date,
            registered_on=registered,
            event_date=event,
            today=today,
            partial_taken=partial_taken,
        )
    months = covered_months(session, p.id)
    if benefit is BenefitType.BEASISWA:
        return rules.scholarship_schedule(
            _children(data), registered_on=registered, event_date=event, today=today
        )
    if benefit is BenefitType.JKM:
        result = rules.jkm(
            registered_on=registered,
            death_date=event,
            covered_months=months,
            today=today,
            min_paid_months=int(read_setting(session, "jkm_min_paid_months")),
        )
    else:
        result = rules.jkk_death(
            declared_income=p.declared_income or 0,
            registered_on=registered,
            death_date=event,
            covered_months=months,
            today=today,
        )
    if data.children:  # the scholarship of a death claim, in the same claim
        scholarship = rules.scholarship_schedule(
            _children(data),
            registered_on=registered,
            event_date=event,
            today=today,
            work_accident=benefit is BenefitType.JKK,
        )
        result = BenefitResult(
            benefit,
            result.components + scholarship.components,
            result.rule_version,
            scholarship.schedule,
        )
    return result


def _required(data: ClaimInput) -> tuple[str, ...]:
    benefit = _benefit_type(data.benefit)
    reason = JhtReason(data.jht_reason) if data.jht_reason in set(JhtReason) else None
    return rules.required_documents(
        benefit,
        with_scholarship=bool(data.children),
        jht_reason=reason,
        jht_balance=data.jht_balance,
    )


def _claimant(
    session: Session, p: Participant, data: ClaimInput, today: date
) -> tuple[Heir | None, str, str, str]:
    """(heir, name, relation, NIK) of whoever claims; checks the order of entitlement."""
    benefit = _benefit_type(data.benefit)
    own_jht = benefit is BenefitType.JHT and data.jht_reason != JhtReason.DEATH
    if own_jht:
        return None, p.full_name, "", p.nik
    if data.new_heir is not None:
        heir = check_heir(data.new_heir, today)
        p.heirs.append(heir)
        session.flush()
    elif data.claimant_heir_id is not None:
        found = session.get(Heir, data.claimant_heir_id)
        if found is None or found.participant_id != p.id:
            raise NotFound(
                QT_TRANSLATE_NOOP("LoketError", "Ahli waris tidak ditemukan pada peserta ini."),
                field="claimant",
            )
        heir = found
    else:
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Pilih ahli waris yang mengajukan klaim."),
            field="claimant",
        )
    rules.check_claimant(
        rules.HeirRef(heir.name, Relation(heir.relation)),
        [rules.HeirRef(h.name, Relation(h.relation)) for h in p.heirs],
    )
    if not heir.nik:
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Isi NIK ahli waris {name} (dari KTP)."),
            field="claimant",
            name=heir.name,
        )
    return heir, heir.name, heir.relation, heir.nik


def _check_bank(data: ClaimInput) -> tuple[str, str, str]:
    bank = " ".join(data.bank_name.split())
    account = "".join(data.bank_account.split()).replace("-", "")
    holder = " ".join(data.account_holder.split())
    if not bank:
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Isi nama bank penerima."), field="bank_name"
        )
    if not (account.isdigit() and 6 <= len(account) <= 20):
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Nomor rekening 6–20 angka."), field="bank_account"
        )
    if not holder:
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Isi nama pemilik rekening."), field="account_holder"
        )
    return bank, account, holder


def _check_scholarship_children_once(session: Session, claim: Claim) -> None:
    """A child's scholarship is claimed once per participant, in any claim still alive."""
    names = {c["name"].casefold() for c in json.loads(claim.details).get("children", [])}
    if not names:
        return
    others = session.scalars(
        select(Claim).where(
            Claim.participant_id == claim.participant_id,
            Claim.id != claim.id,
            Claim.status != "rejected",
        )
    )
    for other in others:
        for child in json.loads(other.details).get("children", []):
            if child["name"].casefold() in names:
                raise Conflict(
                    QT_TRANSLATE_NOOP(
                        "LoketError", "Beasiswa {name} sudah diajukan dalam klaim {number}."
                    ),
                    field="children",
                    name=child["name"],
                    number=other.number,
                )


def _fill(
    session: Session, claim: Claim, p: Participant, data: ClaimInput, today: date
) -> BenefitResult:
    result = _compute(session, p, data, today)
    heir, name, relation, nik = _claimant(session, p, data, today)
    bank, account, holder = _check_bank(data)
    unknown = set(data.documents) - set(rules.DOCUMENTS)
    if unknown:
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Dokumen tidak dikenal: {codes}."),
            field="documents",
            codes=", ".join(sorted(unknown)),
        )
    claim.benefit = result.benefit.value
    claim.event_date = data.event_date  # type: ignore[assignment]  # checked by _compute
    claim.cause = " ".join(data.cause.split())
    claim.claimant_heir_id = heir.id if heir is not None else None
    claim.claimant_name, claim.claimant_relation, claim.claimant_nik = name, relation, nik
    claim.bank_name, claim.bank_account, claim.account_holder = bank, account, holder
    claim.documents = json.dumps(sorted(data.documents))
    claim.details = json.dumps(
        {
            "children": [
                {
                    "name": c.name,
                    "birth_date": c.birth_date.isoformat(),
                    "stage": c.stage.value,
                    "grade": c.grade,
                }
                for c in _children(data)
            ],
            "jht": {
                "balance": data.jht_balance,
                "statement_date": data.jht_statement_date.isoformat()
                if data.jht_statement_date
                else None,
                "reason": str(data.jht_reason),
            },
        }
    )
    _store_result(claim, result)
    _check_scholarship_children_once(session, claim)
    return result


def _store_result(claim: Claim, result: BenefitResult) -> None:
    claim.components = json.dumps(
        [
            {"label": c.label, "amount": c.amount, "now": c.now, "basis": c.basis}
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


def _input_of(claim: Claim) -> ClaimInput:
    """The claim's stored input, to compute it again."""
    details = json.loads(claim.details)
    jht = details.get("jht", {})
    return ClaimInput(
        participant_id=claim.participant_id,
        benefit=claim.benefit,
        event_date=claim.event_date,
        cause=claim.cause,
        claimant_heir_id=claim.claimant_heir_id,
        bank_name=claim.bank_name,
        bank_account=claim.bank_account,
        account_holder=claim.account_holder,
        documents=frozenset(json.loads(claim.documents)),
        children=tuple(
            ChildInput(c["name"], date.fromisoformat(c["birth_date"]), c["stage"], c["grade"])
            for c in details.get("children", [])
        ),
        jht_balance=int(jht.get("balance") or 0),
        jht_statement_date=date.fromisoformat(jht["statement_date"])
        if jht.get("statement_date")
        else None,
        jht_reason=jht.get("reason") or "",
    )


def _participant(session: Session, participant_id: int) -> Participant:
    p = session.get(Participant, participant_id)
    if p is None:
        raise NotFound(QT_TRANSLATE_NOOP("LoketError", "Peserta tidak ditemukan."))
    return p


def _get(session: Session, claim_id: int, *, lock: bool = False) -> Claim:
    query = select(Claim).where(Claim.id == claim_id)
    claim = session.scalar(query.with_for_update() if lock else query)
    if claim is None:
        raise NotFound(QT_TRANSLATE_NOOP("LoketError", "Klaim tidak ditemukan."))
    return claim


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


def _require_status(claim: Claim, *allowed: str) -> None:
    if claim.status not in allowed:
        raise Conflict(
            QT_TRANSLATE_NOOP(
                "LoketError", "Klaim {number} berstatus {status}: langkah ini tidak berlaku."
            ),
            number=claim.number,
            status=claim.status,
        )


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
        p = _participant(session, data.participant_id)
        claim = Claim(
            number="",
            branch_code=branch.code,
            participant_id=p.id,
            status="draft",
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
        claim = _get(session, claim_id, lock=True)
        _require_status(claim, "draft", "rejected")
        if data.participant_id != claim.participant_id:
            raise ValidationError(
                QT_TRANSLATE_NOOP("LoketError", "Peserta sebuah klaim tidak dapat diganti."),
                field="participant",
            )
        _fill(session, claim, _participant(session, claim.participant_id), data, today)
        claim.status, claim.rejection_reason = "draft", ""
        _record(session, actor, claim, "edited", clock)


def submit_claim(db: Database, actor: Actor, claim_id: int, *, clock: Clock = system_clock) -> None:
    """For approval: every required document seen, the benefit computed again."""
    require(actor, Permission.SERVE_COUNTER)
    with db.transaction() as session:
        today = local_date(require_home_branch(session), clock())
        claim = _get(session, claim_id, lock=True)
        _require_status(claim, "draft")
        data = _input_of(claim)
        missing = [d for d in _required(data) if d not in data.documents]
        if missing:
            raise ValidationError(
                QT_TRANSLATE_NOOP("LoketError", "Dokumen belum diperiksa: {documents}."),
                field="documents",
                documents=", ".join(rules.DOCUMENTS[d] for d in missing),
            )
        _store_result(
            claim, _compute(session, _participant(session, claim.participant_id), data, today)
        )
        claim.status = "submitted"
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
        claim = _get(session, claim_id, lock=True)
        _require_status(claim, "submitted")
        editors = {e.username for e in claim.history if e.action in EDITING_ACTIONS}
        if actor.username in editors:
            raise PermissionDenied(
                QT_TRANSLATE_NOOP(
                    "LoketError",
                    "Klaim yang Anda buat atau ubah sendiri harus diputuskan orang lain.",
                )
            )
        if approve:
            _store_result(
                claim,
                _compute(
                    session, _participant(session, claim.participant_id), _input_of(claim), today
                ),
            )
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
        claim.status = "approved" if approve else "rejected"
        claim.decided_by, claim.decided_at = actor.username, clock()
        claim.rejection_reason = "" if approve else note
        _record(session, actor, claim, "approved" if approve else "rejected", clock, note)


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
        reference = " ".join(payout.reference.split())
        if payout.method == "transfer":
            if not payout.bank_name.strip() or not payout.bank_account.strip():
                raise ValidationError(
                    QT_TRANSLATE_NOOP("LoketError", "Isi bank dan nomor rekening tujuan."),
                    field="payout_bank",
                )
            if not reference:
                raise ValidationError(
                    QT_TRANSLATE_NOOP("LoketError", "Isi nomor referensi transfer."),
                    field="payout_reference",
                )
        claim = _get(session, claim_id)
        _require_status(claim, "approved")
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
            .where(Claim.id == claim.id, Claim.status == "approved")
            .values(
                status="paid",
                paid_amount=payout.amount,
                paid_by=actor.username,
                paid_at=now,
                payout_method=payout.method,
                payout_bank=" ".join(payout.bank_name.split()),
                payout_account=payout.bank_account.strip(),
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
    place = " ".join(data.place.split())
    if not place:
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Isi tempat serah terima."), field="place"
        )
    recipient = clean_name(data.recipient_name, field="recipient_name")
    nik = parse_nik(data.recipient_nik).nik
    witnesses = [" ".join(w.split()) for w in data.witnesses if w.strip()]
    if not witnesses:
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Isi paling sedikit satu saksi."), field="witnesses"
        )
    with db.transaction() as session:
        branch = require_home_branch(session)
        today = local_date(branch, clock())
        if data.handed_on > today:
            raise ValidationError(
                QT_TRANSLATE_NOOP("LoketError", "Tanggal serah terima tidak boleh di masa depan."),
                field="handed_on",
            )
        claim = _get(session, claim_id, lock=True)
        _require_status(claim, "paid")
        if data.handed_on < (claim.paid_at or clock()).date():
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
            )
        )
        claim.status = "handed_over"
        _record(session, actor, claim, "handed_over", clock, handover_number=number)
        return number


# -- reading -------------------------------------------------------------------------------
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
                select(func.count()).select_from(Claim).where(Claim.status == "submitted")
            )
            or 0
        )


def get_claim(db: Database, actor: Actor, claim_id: int) -> ClaimDetail:
    require(actor, Permission.SERVE_COUNTER)
    with db.reader() as session:
        c = _get(session, claim_id)
        data = _input_of(c)
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
            required_documents=_required(data),
            children=data.children,
            jht_balance=data.jht_balance,
            jht_statement_date=data.jht_statement_date,
            jht_reason=str(data.jht_reason),
            rule_version=c.rule_version,
            components=tuple(
                ComponentLine(x["label"], x["amount"], x["now"], x["basis"])
                for x in json.loads(c.components)
            ),
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
        )
