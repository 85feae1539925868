"""Whether and how much a claim pays: what the rules need is read from the database, the
benefit computed by ``domain.benefits``, the claimant checked against the order of
entitlement, and a benefit paid once refused a second time."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from loket.db.models import (
    Claim,
    Contribution,
    Heir,
    Participant,
    Receipt,
    RemoteClaim,
    RemoteParticipant,
)
from loket.domain import benefits as rules
from loket.domain.benefits import (
    OWN_BENEFITS,
    BenefitResult,
    BenefitType,
    Child,
    JhtReason,
    ScholarshipCause,
)
from loket.domain.claim_status import ClaimStatus
from loket.domain.coverage import add_months
from loket.domain.errors import QT_TRANSLATE_NOOP
from loket.domain.heirs import EducationLevel, Relation
from loket.domain.names import clean_name
from loket.domain.nik import InvalidNik, parse_nik
from loket.domain.registration import Segment
from loket.domain.states import VoidStatus
from loket.services.claims.inputs import (
    ClaimInput,
    benefit_type,
    jht_reason,
    scholarship_cause,
)
from loket.services.errors import Conflict, NotFound, ValidationError
from loket.services.place import local_date, require_home_branch
from loket.services.registration import check_heir
from loket.services.settings import read_setting
from loket.services.sync import nik_hashed
from loket.services.text_fields import column_text

# What the supervisor is asked to check, stored with the claim and shown before approval.
FLAG_EMPLOYER_MEMBERSHIP = QT_TRANSLATE_NOOP(
    "LoketError",
    "Iuran PU/JAKON dibayar pemberi kerja: kepesertaan saat kejadian (dan masa iur untuk "
    "beasiswa) menurut surat keterangan pemberi kerja — periksa sebelum menyetujui.",
)


def covered_months(session: Session, participant_id: int) -> set[date]:
    """The first day of every month paid by a receipt that is not void."""
    months: set[date] = set()
    rows = session.execute(
        select(Contribution.period_first, Contribution.period_last)
        .join(Receipt, Receipt.id == Contribution.receipt_id)
        .where(
            Contribution.participant_id == participant_id, Receipt.void_status != VoidStatus.VOID
        )
    )
    for first, last in rows:
        at = first
        while at <= last:
            months.add(at)
            at = add_months(at, 1)
    return months


def employer_paid(p: Participant) -> bool:
    """PU and JAKON dues are paid by the employer or project, not at the counter."""
    return p.segment != Segment.BPU


def children_of(data: ClaimInput) -> list[Child]:
    out = []
    for c in data.children:
        try:
            stage = EducationLevel(c.stage)
        except ValueError:
            stage = EducationLevel.NONE
        if stage is EducationLevel.NONE:
            raise ValidationError(
                QT_TRANSLATE_NOOP("LoketError", "Jenjang sekolah {name} tidak dikenal."),
                field="children",
                name=c.name,
            )
        out.append(Child(clean_name(c.name, field="children"), c.birth_date, stage, c.grade))
    return out


def _jht(p: Participant, data: ClaimInput, registered: date, today: date) -> BenefitResult:
    if data.jht_statement_date is None:
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Isi tanggal rincian saldo JHT."),
            field="jht_statement_date",
        )
    assert data.event_date is not None
    return rules.jht(
        balance=data.jht_balance,
        statement_date=data.jht_statement_date,
        reason=jht_reason(data.jht_reason),
        birth_date=p.birth_date,
        registered_on=registered,
        event_date=data.event_date,
        today=today,
        wage_earner=employer_paid(p),
        requested=data.jht_requested,
    )


def compute(
    session: Session,
    p: Participant,
    data: ClaimInput,
    today: date,
    *,
    filed_on: date | None = None,
) -> BenefitResult:
    """The benefit by rule, or the reason it cannot be paid. ``filed_on``: the claim's intake
    (a JKK claim's two years run to it, not to a later approval); None: today."""
    benefit = benefit_type(data.benefit)
    if data.event_date is None:
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Isi tanggal kejadian."), field="event_date"
        )
    registered = local_date(require_home_branch(session), p.registered_at)
    event = data.event_date
    if benefit is BenefitType.JHT:
        return _jht(p, data, registered, today)
    paid = covered_months(session, p.id)
    # PU/JAKON: coverage is the employer's (the claim is flagged for the supervisor)
    months = None if employer_paid(p) else paid
    masa_iur = None if employer_paid(p) else rules.contribution_months(paid, event)
    accident = rules.Accident(
        declared_income=p.declared_income or 0,
        accident_date=event,
        registered_on=registered,
        covered_months=months,
        today=today,
        filed_on=filed_on,
        lapse_waived=bool(data.late_allowed_by),
    )
    if benefit is BenefitType.BEASISWA:
        return rules.scholarship_schedule(
            children_of(data),
            cause=scholarship_cause(data.scholarship_cause),
            contribution_months=masa_iur,
            registered_on=registered,
            event_date=event,
            today=today,
        )
    if benefit is BenefitType.JKM:
        result = rules.jkm(
            death_date=event,
            min_paid_months=int(read_setting(session, "jkm_min_paid_months")),
            registered_on=registered,
            covered_months=months,
            today=today,
        )
        cause = ScholarshipCause.DEATH
    elif benefit is BenefitType.JKK:
        result = rules.jkk_death(accident)
        cause = ScholarshipCause.WORK_DEATH
    elif benefit is BenefitType.JKK_TOTAL:
        result = rules.jkk_total_disability(accident)
        cause = ScholarshipCause.WORK_TOTAL_DISABILITY
    elif benefit is BenefitType.JKK_PARTIAL:
        return rules.jkk_partial_disability(
            accident,
            injury_codes=data.injuries,
            measures=dict(data.measures),
            left_handed=data.left_handed,
        )
    else:
        if data.stmb_first_day is None or data.stmb_last_day is None:
            raise ValidationError(
                QT_TRANSLATE_NOOP("LoketError", "Isi masa tidak mampu bekerja (dari–sampai)."),
                field="stmb_period",
            )
        return rules.jkk_temporary_inability(
            accident, first_day=data.stmb_first_day, last_day=data.stmb_last_day
        )
    if data.funeral_arranger is not None:
        return rules.funeral_only(result)
    if data.children:  # the scholarship of a death or total disability, in the same claim
        scholarship = rules.scholarship_schedule(
            children_of(data),
            cause=cause,
            contribution_months=masa_iur,
            registered_on=registered,
            event_date=event,
            today=today,
        )
        result = rules.hold_for_arrears(
            replace(
                result,
                components=result.components + scholarship.components,
                schedule=scholarship.schedule,
            ),
            result.arrears,
        )
    return result


def required(data: ClaimInput, p: Participant) -> tuple[str, ...]:
    benefit = benefit_type(data.benefit)
    reason = JhtReason(data.jht_reason) if data.jht_reason in set(JhtReason) else None
    return rules.required_documents(
        benefit,
        with_scholarship=bool(data.children),
        jht_reason=reason,
        jht_balance=data.jht_balance,
        employer_paid=employer_paid(p),
        funeral_arranger=data.funeral_arranger is not None,
    )


def flags(data: ClaimInput, p: Participant) -> list[str]:
    benefit = benefit_type(data.benefit)
    return [FLAG_EMPLOYER_MEMBERSHIP] if employer_paid(p) and benefit is not BenefitType.JHT else []


def claims_for_themselves(data: ClaimInput) -> bool:
    benefit = benefit_type(data.benefit)
    if benefit is BenefitType.JHT:
        return data.jht_reason != JhtReason.DEATH
    return benefit in OWN_BENEFITS


def claimant(
    session: Session, p: Participant, data: ClaimInput, today: date
) -> tuple[Heir | None, str, str, str]:
    """(heir, name, relation, NIK) of whoever claims; checks the order of entitlement."""
    if claims_for_themselves(data):
        return None, p.full_name, "", p.nik
    if data.funeral_arranger is not None:
        return _arranger(p, data, today)
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


ARRANGER = "funeral_arranger"  # the claimant's relation: not an heir


def _arranger(p: Participant, data: ClaimInput, today: date) -> tuple[None, str, str, str]:
    """Whoever arranged the funeral of a participant with no heir and no will (PP 44/2015
    art. 37(5), elucidation): the funeral cost only, for a death benefit only."""
    arranger = data.funeral_arranger
    assert arranger is not None
    if benefit_type(data.benefit) not in (BenefitType.JKM, BenefitType.JKK) or data.children:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "LoketError",
                "Pengurus pemakaman hanya menerima biaya pemakaman dari klaim kematian (JKM/JKK), "
                "tanpa beasiswa.",
            ),
            field="claimant",
        )
    if p.heirs:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "LoketError",
                "Peserta mempunyai ahli waris ({names}): manfaat dibayar kepada ahli waris, "
                "bukan kepada pengurus pemakaman.",
            ),
            field="claimant",
            names=", ".join(h.name for h in p.heirs),
        )
    name = clean_name(arranger.name, field="arranger_name")
    try:
        nik = parse_nik(arranger.nik, today=today).nik
    except InvalidNik as exc:
        exc.field = "arranger_nik"
        raise
    return None, name, ARRANGER, nik


def check_bank(data: ClaimInput) -> tuple[str, str, str]:
    bank = column_text(
        Claim.bank_name,
        data.bank_name,
        field="bank_name",
        required=QT_TRANSLATE_NOOP("LoketError", "Isi nama bank penerima."),
    )
    account = "".join(data.bank_account.split()).replace("-", "")
    holder = column_text(Claim.account_holder, data.account_holder, field="account_holder")
    if not (account.isdigit() and 6 <= len(account) <= 20):
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Nomor rekening 6–20 angka."), field="bank_account"
        )
    if not holder:
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Isi nama pemilik rekening."), field="account_holder"
        )
    return bank, account, holder


def _other_live_claims(session: Session, participant_id: int, claim_id: int | None) -> list[Claim]:
    """The participant's other claims that still count (all but rejected ones), oldest first."""
    return list(
        session.scalars(
            select(Claim)
            .where(
                Claim.participant_id == participant_id,
                Claim.status != ClaimStatus.REJECTED.value,
                Claim.id != (claim_id or 0),
            )
            .order_by(Claim.id)
        )
    )


def check_scholarship_children_once(session: Session, claim: Claim) -> None:
    """A child's scholarship is claimed once per participant, in any claim still alive."""
    names = {c["name"].casefold() for c in json.loads(claim.details).get("children", [])}
    if not names:
        return
    for other in _other_live_claims(session, claim.participant_id, claim.id):
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


def check_stmb_periods(session: Session, claim: Claim, data: ClaimInput) -> None:
    """One accident, one sequence of STMB periods: a period overlapping one claimed for the
    same accident in a claim still alive is refused with that claim's number."""
    if benefit_type(data.benefit) is not BenefitType.JKK_STMB:
        return
    first, last = data.stmb_first_day, data.stmb_last_day
    assert first is not None and last is not None  # compute checked them
    for other in _other_live_claims(session, claim.participant_id, claim.id):
        if other.benefit != BenefitType.JKK_STMB or other.event_date != data.event_date:
            continue
        period = json.loads(other.details).get("stmb", {})
        o_first, o_last = (date.fromisoformat(period[k]) for k in ("first_day", "last_day"))
        if first <= o_last and o_first <= last:
            raise Conflict(
                QT_TRANSLATE_NOOP(
                    "LoketError",
                    "Masa {first}–{last} kecelakaan ini sudah diajukan dalam klaim {number}: "
                    "masa berikutnya mulai {next}.",
                ),
                field="stmb_period",
                first=o_first.strftime("%d-%m-%Y"),
                last=o_last.strftime("%d-%m-%Y"),
                number=other.number,
                next=(o_last + timedelta(days=1)).strftime("%d-%m-%Y"),
            )


PAID_ONCE_MESSAGES = {
    "death": QT_TRANSLATE_NOOP(
        "LoketError",
        "Manfaat kematian (JKM/JKK) peserta ini sudah diajukan dalam klaim {number}: "
        "hanya dibayar sekali.",
    ),
    "total_disability": QT_TRANSLATE_NOOP(
        "LoketError", "Santunan cacat total tetap sudah diajukan dalam klaim {number}."
    ),
    "jht_full": QT_TRANSLATE_NOOP(
        "LoketError", "JHT peserta ini sudah diajukan seluruhnya dalam klaim {number}."
    ),
    "jht_partial": QT_TRANSLATE_NOOP(
        "LoketError", "JHT sebagian sudah diajukan dalam klaim {number}: hanya sekali."
    ),
}


def check_paid_once(
    session: Session, participant_id: int, data: ClaimInput, claim_id: int | None
) -> None:
    """A benefit paid once (one death benefit, one JHT full payout, …) is refused while
    another claim of it lives, with that claim's number — before anything else is checked.
    The caller holds the participant's row locked, so two counters filing at once cannot
    both pass."""
    group = rules.paid_once_group(benefit_type(data.benefit), str(data.jht_reason))
    if group is None:
        return
    for other in _other_live_claims(session, participant_id, claim_id):
        other_reason = json.loads(other.details).get("jht", {}).get("reason", "")
        if rules.paid_once_group(BenefitType(other.benefit), other_reason) == group:
            raise Conflict(PAID_ONCE_MESSAGES[group], field="benefit", number=other.number)
    if group in ("death", "total_disability"):  # the server does not say a JHT's reason
        _check_other_branches(session, participant_id, group)


_BENEFITS = frozenset(b.value for b in BenefitType)


def _check_other_branches(session: Session, participant_id: int, group: str) -> None:
    """The same benefit claimed at another branch (from the central server's data, as last
    pulled): under this KPJ, or another KPJ of the same NIK."""
    p = session.get(Participant, participant_id)
    assert p is not None
    kpjs = {p.kpj}
    if (hashed := nik_hashed(session, p.nik)) is not None:
        kpjs |= set(
            session.scalars(
                select(RemoteParticipant.kpj).where(RemoteParticipant.nik_hash == hashed)
            )
        )
    for number, branch, benefit in session.execute(
        select(RemoteClaim.number, RemoteClaim.branch_code, RemoteClaim.benefit).where(
            RemoteClaim.kpj.in_(kpjs), RemoteClaim.status != ClaimStatus.REJECTED.value
        )
    ):
        if benefit in _BENEFITS and rules.paid_once_group(BenefitType(benefit)) == group:
            raise Conflict(
                PAID_ONCE_MESSAGES[group], field="benefit", number=f"{number} ({branch})"
            )


def record_school_levels(p: Participant, data: ClaimInput) -> None:
    """The children's levels taken at the claim (from the school statement) replace what
    was recorded at registration, perhaps years ago."""
    levels = {c.name.casefold(): str(c.stage) for c in data.children}
    for heir in p.heirs:
        level = levels.get(heir.name.casefold())
        if heir.relation == Relation.CHILD and level is not None:
            heir.education_level = level
