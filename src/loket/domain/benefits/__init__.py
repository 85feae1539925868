"""Benefits by rule — pure functions, no database: death (JKM, JKK death), scholarships,
JHT, the JKK benefits of a participant who survives an accident, heirs and documents.

Every rule returns a :class:`BenefitResult` — components with their amounts and legal basis
— or raises :class:`IneligibleClaim` with the reason in words. Amounts and conditions:
``domain.md`` §3.
"""

from loket.domain.benefits.common import (
    ARREARS_GRACE_MONTHS,
    BASIS_JHT,
    BASIS_JKK,
    BASIS_JKM,
    BASIS_SCHOLARSHIP,
    JKK_LAPSE_YEARS,
    OWN_BENEFITS,
    RULE_VERSION,
    BenefitResult,
    BenefitType,
    Component,
    IneligibleClaim,
    JkkLapsed,
    ScheduleEntry,
    add_years,
    arrears_at,
    check_event_date,
    check_jkk_lapse,
    contribution_months,
    hold_for_arrears,
    paid_months_up_to,
)
from loket.domain.benefits.death import (
    FUNERAL,
    JKK_DEATH_MINIMUM,
    JKM_MIN_PAID_MONTHS,
    funeral_only,
    jkk_death,
    jkm,
)
from loket.domain.benefits.documents import DOCUMENTS, paid_once_group, required_documents
from loket.domain.benefits.entitlement import HeirRef, check_claimant, entitled_heirs
from loket.domain.benefits.jht import JHT_PARTIAL_PERCENT, JhtReason, add_month, jht
from loket.domain.benefits.scholarship import (
    SCHOLARSHIP_MIN_CONTRIBUTION_MONTHS,
    Child,
    ScholarshipCause,
    scholarship_schedule,
)
from loket.domain.benefits.work_accident import (
    Accident,
    Injury,
    injuries,
    jkk_partial_disability,
    jkk_temporary_inability,
    jkk_total_disability,
    percent_text,
)

__all__ = [
    "ARREARS_GRACE_MONTHS",
    "BASIS_JHT",
    "BASIS_JKK",
    "BASIS_JKM",
    "BASIS_SCHOLARSHIP",
    "DOCUMENTS",
    "FUNERAL",
    "JHT_PARTIAL_PERCENT",
    "JKK_DEATH_MINIMUM",
    "JKK_LAPSE_YEARS",
    "JKM_MIN_PAID_MONTHS",
    "OWN_BENEFITS",
    "RULE_VERSION",
    "SCHOLARSHIP_MIN_CONTRIBUTION_MONTHS",
    "Accident",
    "BenefitResult",
    "BenefitType",
    "Child",
    "Component",
    "HeirRef",
    "IneligibleClaim",
    "Injury",
    "JhtReason",
    "JkkLapsed",
    "ScheduleEntry",
    "ScholarshipCause",
    "add_month",
    "add_years",
    "arrears_at",
    "check_claimant",
    "check_event_date",
    "check_jkk_lapse",
    "contribution_months",
    "entitled_heirs",
    "funeral_only",
    "hold_for_arrears",
    "injuries",
    "jht",
    "jkk_death",
    "jkk_partial_disability",
    "jkk_temporary_inability",
    "jkk_total_disability",
    "jkm",
    "paid_months_up_to",
    "paid_once_group",
    "percent_text",
    "required_documents",
    "scholarship_schedule",
]
