"""What a claim takes in and gives back: the input records, the detail the screens show,
and the claim's stored details (JSON) read back into an input to compute it again."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from loket.db.models import Claim
from loket.domain.benefits import BenefitType, JhtReason, ScholarshipCause
from loket.domain.errors import QT_TRANSLATE_NOOP
from loket.domain.heirs import EducationLevel
from loket.domain.text import in_language
from loket.services.errors import ValidationError
from loket.services.four_eyes import Override
from loket.services.registration import HeirInput


@dataclass(frozen=True)
class ChildInput:
    name: str
    birth_date: date
    stage: EducationLevel | str  # from the school statement, at the claim
    grade: int


@dataclass(frozen=True)
class Arranger:
    """Whoever arranged the funeral of a participant with no heir and no will: they claim the
    funeral cost, with proof (PP 44/2015 art. 37(5) and its elucidation)."""

    name: str
    nik: str


@dataclass(frozen=True)
class ClaimInput:
    participant_id: int
    benefit: BenefitType | str
    event_date: date | None  # the death, the accident, the reason for JHT
    cause: str = ""
    claimant_heir_id: int | None = None  # None: the participant or ``new_heir``
    new_heir: HeirInput | None = None  # an heir entered at intake, saved with the claim
    bank_name: str = ""
    bank_account: str = ""
    account_holder: str = ""
    documents: frozenset[str] = frozenset()
    children: tuple[ChildInput, ...] = ()
    scholarship_cause: ScholarshipCause | str = ""  # a scholarship on its own: why
    jht_balance: int = 0
    jht_statement_date: date | None = None
    jht_reason: JhtReason | str = ""
    jht_requested: int = 0  # a partial JHT payout: the amount asked for (capped)
    stmb_first_day: date | None = None  # JKK temporary inability: the days off work
    stmb_last_day: date | None = None
    injuries: tuple[str, ...] = ()  # JKK partial disability: codes of the table
    left_handed: bool = False  # the doctor's statement: the table's sides swap
    # the doctor's figure per injury code: % of function lost, a scalp loss's %, a hearing
    # loss's dB (domain.benefits.jkk_partial_disability)
    measures: tuple[tuple[str, int], ...] = ()
    funeral_arranger: Arranger | None = None  # no heir and no will: the funeral cost only
    # a JKK claim filed after it lapsed, let through by a supervisor: why, and who (read back
    # from the claim; a new approval comes with the service call)
    late_reason: str = ""
    late_allowed_by: str = ""


@dataclass(frozen=True)
class LateApproval:
    """A supervisor lets a JKK claim through after it lapsed, for a written reason (e.g. the
    accident was reported in time elsewhere)."""

    override: Override
    reason: str


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
    label: str  # Indonesian, as printed
    amount: int
    payable_now: int
    basis: str
    label_en: str = ""  # claims computed before English labels have none
    held: bool = False  # waits until the arrears at the event are paid

    def label_in(self, language: str) -> str:
        """The label for an interface in ``language`` ("id" or "en")."""
        return in_language(self.label, self.label_en, language)


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
    # what the supervisor must check before approving (e.g. membership by the employer)
    flags: tuple[str, ...]


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
    input: ClaimInput | None = None  # the whole input, to change the claim
    arrears: tuple[date, ...] = ()  # months owed at the event, not yet paid (first days)
    held: int = 0  # what waits until they are paid
    continues: str = ""  # this claim pays the held rest of that claim (its number)
    continued_by: str = ""  # that claim pays the rest held in this one


def benefit_type(value: BenefitType | str) -> BenefitType:
    try:
        return BenefitType(value)
    except ValueError:
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Pilih jenis manfaat."), field="benefit"
        ) from None


def jht_reason(value: JhtReason | str) -> JhtReason:
    try:
        return JhtReason(value)
    except ValueError:
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Pilih alasan pengambilan JHT."), field="jht_reason"
        ) from None


def scholarship_cause(value: ScholarshipCause | str) -> ScholarshipCause:
    try:
        return ScholarshipCause(value)
    except ValueError:
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Pilih dasar beasiswa (sebab)."),
            field="scholarship_cause",
        ) from None


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def details_json(data: ClaimInput, children: list[dict[str, Any]], flags: list[str]) -> str:
    """The claim's inputs beyond its columns, as stored in ``claim.details``."""
    return json.dumps(
        {
            "children": children,
            "scholarship_cause": str(data.scholarship_cause),
            "jht": {
                "balance": data.jht_balance,
                "statement_date": _iso(data.jht_statement_date),
                "reason": str(data.jht_reason),
                "requested": data.jht_requested,
            },
            "stmb": {"first_day": _iso(data.stmb_first_day), "last_day": _iso(data.stmb_last_day)},
            "injuries": list(data.injuries),
            "left_handed": data.left_handed,
            "measures": dict(data.measures),
            **(
                {"arranger": {"name": a.name, "nik": a.nik}}
                if (a := data.funeral_arranger) is not None
                else {}
            ),
            **(
                {"late": {"reason": data.late_reason, "allowed_by": data.late_allowed_by}}
                if data.late_allowed_by
                else {}
            ),
            "flags": flags,
        }
    )


def input_of(claim: Claim) -> ClaimInput:
    """The claim's stored input, to compute it again."""
    details = json.loads(claim.details)
    jht = details.get("jht", {})
    stmb = details.get("stmb", {})
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
        scholarship_cause=details.get("scholarship_cause") or "",
        jht_balance=int(jht.get("balance") or 0),
        jht_statement_date=_day(jht.get("statement_date")),
        jht_reason=jht.get("reason") or "",
        jht_requested=int(jht.get("requested") or 0),
        stmb_first_day=_day(stmb.get("first_day")),
        stmb_last_day=_day(stmb.get("last_day")),
        injuries=tuple(details.get("injuries", ())),
        left_handed=bool(details.get("left_handed", False)),
        measures=tuple((code, int(v)) for code, v in details.get("measures", {}).items()),
        funeral_arranger=Arranger(a["name"], a["nik"]) if (a := details.get("arranger")) else None,
        late_reason=details.get("late", {}).get("reason", ""),
        late_allowed_by=details.get("late", {}).get("allowed_by", ""),
    )


def arrears_of(claim: Claim) -> tuple[date, ...]:
    """The months owed at the event when the claim was last computed (first days)."""
    return tuple(date.fromisoformat(m) for m in json.loads(claim.details).get("arrears", ()))


def flags_of(claim: Claim) -> tuple[str, ...]:
    return tuple(json.loads(claim.details).get("flags", ()))
