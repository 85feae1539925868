"""Benefit claims: intake, eligibility, the four-eyes decision, payout and handover.

``inputs`` holds what a claim takes in and gives back, ``eligibility`` what it pays and
why (``domain.benefits`` computes), ``lifecycle`` its steps, ``queries`` the reading.
"""

from loket.services.claims.dossier import ClaimDossier, claim_dossier
from loket.services.claims.eligibility import (
    ARRANGER,
    FLAG_EMPLOYER_MEMBERSHIP,
    covered_months,
)
from loket.services.claims.inputs import (
    Arranger,
    ChildInput,
    ClaimDetail,
    ClaimInput,
    ClaimSummary,
    ComponentLine,
    HandoverInput,
    HistoryLine,
    LateApproval,
    PayoutInput,
    ScheduleLine,
)
from loket.services.claims.lifecycle import (
    approval_limit,
    continue_after_arrears,
    create_claim,
    decide_claim,
    pay_claim,
    record_handover,
    submit_claim,
    update_claim,
)
from loket.services.claims.queries import claims_to_decide, get_claim, list_claims

__all__ = [
    "ARRANGER",
    "FLAG_EMPLOYER_MEMBERSHIP",
    "Arranger",
    "ChildInput",
    "ClaimDetail",
    "ClaimDossier",
    "ClaimInput",
    "ClaimSummary",
    "ComponentLine",
    "HandoverInput",
    "HistoryLine",
    "LateApproval",
    "PayoutInput",
    "ScheduleLine",
    "approval_limit",
    "claim_dossier",
    "claims_to_decide",
    "continue_after_arrears",
    "covered_months",
    "create_claim",
    "decide_claim",
    "get_claim",
    "list_claims",
    "pay_claim",
    "record_handover",
    "submit_claim",
    "update_claim",
]
