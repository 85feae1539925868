"""Scholarships (beasiswa) for at most two children (PP 44/2015 jo. PP 82/2019, as last
amended by PP 49/2023).

After the participant's death not caused by work, only with a contribution period (*masa
iur*) of at least 36 paid months; after a death or a permanent total disability from a
work accident, with no minimum. A disability not caused by work gives no scholarship.
Paid yearly per child by the level the child is in, from the current level and year on
(the current year counts), each level for at most its years, while the child has not yet
reached 23 — "belum mencapai usia 23 tahun" (Permenaker 5/2021, as the agency publishes
it): each year's payment, due on the claim's anniversary, only to a child not yet 23 on
that day, so a 23-year-old gets nothing and the schedule stops before the 23rd birthday.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from loket.domain.benefits.common import (
    BASIS_SCHOLARSHIP,
    BenefitResult,
    BenefitType,
    Component,
    IneligibleClaim,
    ScheduleEntry,
    add_years,
    check_event_date,
)
from loket.domain.dates import full_years
from loket.domain.errors import QT_TRANSLATE_NOOP
from loket.domain.heirs import LEVEL_YEARS, EducationLevel

SCHOLARSHIP_MIN_CONTRIBUTION_MONTHS = 36
SCHOLARSHIP_MAX_CHILDREN = 2
SCHOLARSHIP_AGE_LIMIT = 23  # a child must not yet have reached it (Permenaker 5/2021)

# Per child per year: TK 2 + SD 6 = the 8 years of the TK/SD band at Rp1.500.000; SMP 3 ×
# Rp2.000.000; SMA 3 × Rp3.000.000; higher education or training 5 × Rp12.000.000.
YEARLY_AMOUNT: dict[EducationLevel, int] = {
    EducationLevel.TK: 1_500_000,
    EducationLevel.SD: 1_500_000,
    EducationLevel.SMP: 2_000_000,
    EducationLevel.SMA: 3_000_000,
    EducationLevel.PT: 12_000_000,
}


class ScholarshipCause(StrEnum):
    """Why the children are entitled."""

    DEATH = "death"  # death not caused by work: 36 paid months at least
    WORK_DEATH = "work_death"  # death from a work accident: no minimum
    WORK_TOTAL_DISABILITY = "work_total_disability"  # JKK permanent total disability
    OTHER = "other"  # e.g. a disability not caused by work: no scholarship


@dataclass(frozen=True)
class Child:
    name: str
    birth_date: date
    stage: EducationLevel  # from the school statement, at the claim
    grade: int  # 1 = first year of the stage


def _years_ahead(stage: EducationLevel, grade: int) -> list[tuple[EducationLevel, int, int]]:
    """(stage, grade, amount) for this year and every later year of schooling."""
    out, started = [], False
    for s, years in LEVEL_YEARS.items():
        if s == stage:
            started = True
            out += [(s, g, YEARLY_AMOUNT[s]) for g in range(grade, years + 1)]
        elif started:
            out += [(s, g, YEARLY_AMOUNT[s]) for g in range(1, years + 1)]
    return out


def check_scholarship_cause(cause: ScholarshipCause, contribution_months: int | None) -> None:
    """``contribution_months`` None: not known at the counter (PU/JAKON: the employer's)."""
    if cause is ScholarshipCause.OTHER:
        raise IneligibleClaim(
            QT_TRANSLATE_NOOP(
                "LoketError",
                "Beasiswa tanpa kematian peserta hanya dibayar setelah cacat total tetap "
                "akibat kecelakaan kerja (JKK).",
            ),
            field="scholarship_cause",
        )
    if (
        cause is ScholarshipCause.DEATH
        and contribution_months is not None
        and contribution_months < SCHOLARSHIP_MIN_CONTRIBUTION_MONTHS
    ):
        raise IneligibleClaim(
            QT_TRANSLATE_NOOP(
                "LoketError",
                "Beasiswa memerlukan masa iur paling sedikit {required} bulan; "
                "peserta baru membayar {months} bulan.",
            ),
            field="event_date",
            required=SCHOLARSHIP_MIN_CONTRIBUTION_MONTHS,
            months=contribution_months,
        )


def scholarship_schedule(
    children: Sequence[Child],
    *,
    cause: ScholarshipCause,
    contribution_months: int | None,
    registered_on: date,
    event_date: date,
    today: date,
) -> BenefitResult:
    """The entitlement per child and the schedule per child per year; each child's
    component is the whole entitlement, of which this year's payment is paid now."""
    check_event_date(event_date, registered_on=registered_on, today=today)
    if not children:
        raise IneligibleClaim(
            QT_TRANSLATE_NOOP("LoketError", "Tambahkan anak yang menerima beasiswa."),
            field="children",
        )
    if len(children) > SCHOLARSHIP_MAX_CHILDREN:
        raise IneligibleClaim(
            QT_TRANSLATE_NOOP("LoketError", "Beasiswa paling banyak untuk {max} anak."),
            field="children",
            max=SCHOLARSHIP_MAX_CHILDREN,
        )
    check_scholarship_cause(cause, contribution_months)
    components, schedule = [], []
    for child in children:
        if child.stage not in LEVEL_YEARS or not 1 <= child.grade <= LEVEL_YEARS[child.stage]:
            raise IneligibleClaim(
                QT_TRANSLATE_NOOP(
                    "LoketError", "{name}: {stage} hanya kelas/tahun 1 sampai {years}."
                ),
                field="children",
                name=child.name,
                stage=child.stage.value or "—",
                years=LEVEL_YEARS.get(child.stage, 0),
            )
        age = full_years(child.birth_date, today)
        if age >= SCHOLARSHIP_AGE_LIMIT:
            raise IneligibleClaim(
                QT_TRANSLATE_NOOP(
                    "LoketError",
                    "{name} berusia {age} tahun: beasiswa hanya bagi anak yang belum berusia "
                    "{limit} tahun.",
                ),
                field="children",
                name=child.name,
                age=age,
                limit=SCHOLARSHIP_AGE_LIMIT,
            )
        entries = [
            ScheduleEntry(child.name, today.year + k, stage, grade, amount)
            for k, (stage, grade, amount) in enumerate(_years_ahead(child.stage, child.grade))
            if full_years(child.birth_date, add_years(today, k)) < SCHOLARSHIP_AGE_LIMIT
        ]
        schedule += entries
        components.append(
            Component(
                "scholarship",
                f"Beasiswa {child.name} ({child.stage.value} {child.grade}, {len(entries)} tahun)",
                sum(e.amount for e in entries),
                BASIS_SCHOLARSHIP,
                payable_now=entries[0].amount,
                label_en=f"Scholarship {child.name} ({child.stage.value} {child.grade}, "
                f"{len(entries)} {'year' if len(entries) == 1 else 'years'})",
            )
        )
    return BenefitResult(BenefitType.BEASISWA, tuple(components), schedule=tuple(schedule))
