"""Death benefits: JKM (death not caused by work) and JKK death (from a work accident)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from loket.domain.benefits.common import (
    BASIS_JKK,
    BASIS_JKM,
    BenefitResult,
    BenefitType,
    Component,
    IneligibleClaim,
    check_event_date,
    paid_months_up_to,
    require_covered,
    require_income,
)
from loket.domain.errors import QT_TRANSLATE_NOOP
from loket.domain.money import format_rupiah

JKM_LUMP_SUM = 20_000_000
PERIODIC_MONTHS, PERIODIC_MONTHLY = 24, 500_000  # paid at once: Rp12.000.000
FUNERAL = 10_000_000
JKK_DEATH_WAGE_MULTIPLE = 48
# No source sets a minimum contribution period before JKM (domain notes §3): 0, and the
# branch setting ``jkm_min_paid_months`` stays for a rule the central office may set.
JKM_MIN_PAID_MONTHS = 0


def death_components(basis: str) -> tuple[Component, ...]:
    return (
        Component(
            "periodic",
            f"Santunan berkala {PERIODIC_MONTHS} × Rp500.000 (dibayar sekaligus)",
            PERIODIC_MONTHS * PERIODIC_MONTHLY,
            basis,
            label_en=f"Periodic benefit {PERIODIC_MONTHS} × Rp500.000 (paid at once)",
        ),
        Component("funeral", "Biaya pemakaman", FUNERAL, basis, label_en="Funeral costs"),
    )


def jkm(
    *,
    registered_on: date,
    death_date: date,
    covered_months: Collection[date] | None,
    today: date,
    min_paid_months: int = JKM_MIN_PAID_MONTHS,
) -> BenefitResult:
    """Death not caused by work: Rp20.000.000 lump sum + 24 × Rp500.000 periodic benefit
    paid at once + Rp10.000.000 funeral costs = Rp42.000.000. The membership must have been
    active: the month of death paid (``covered_months`` None: the employer's, see
    :func:`require_covered`), after at least ``min_paid_months`` consecutive paid months."""
    check_event_date(death_date, registered_on=registered_on, today=today)
    require_covered(death_date, covered_months)
    if covered_months is not None and min_paid_months:
        paid = paid_months_up_to(covered_months, death_date)
        if paid < min_paid_months:
            raise IneligibleClaim(
                QT_TRANSLATE_NOOP(
                    "LoketError",
                    "JKM baru dapat dibayar setelah {required} bulan iuran berturut-turut; "
                    "sampai bulan meninggal baru {paid} bulan.",
                ),
                field="event_date",
                required=min_paid_months,
                paid=paid,
            )
    return BenefitResult(
        BenefitType.JKM,
        (
            Component(
                "lump_sum", "Santunan sekaligus", JKM_LUMP_SUM, BASIS_JKM, label_en="Lump sum"
            ),
            *death_components(BASIS_JKM),
        ),
    )


def jkk_death(
    *,
    declared_income: int,
    registered_on: date,
    death_date: date,
    covered_months: Collection[date] | None,
    today: date,
) -> BenefitResult:
    """Death from a work accident: 48 × the reported monthly wage (for BPU the declared
    income) + Rp10.000.000 funeral + Rp12.000.000 periodic benefit. No minimum
    membership; the month of the accident must be paid. Scholarships come on top."""
    check_event_date(death_date, registered_on=registered_on, today=today)
    require_income(declared_income)
    require_covered(death_date, covered_months)
    return BenefitResult(
        BenefitType.JKK,
        (
            Component(
                "jkk_death",
                f"Santunan kematian akibat kecelakaan kerja {JKK_DEATH_WAGE_MULTIPLE} × "
                f"upah {format_rupiah(declared_income)}",
                JKK_DEATH_WAGE_MULTIPLE * declared_income,
                BASIS_JKK,
                label_en=f"Death from a work accident {JKK_DEATH_WAGE_MULTIPLE} × "
                f"wage {format_rupiah(declared_income)}",
            ),
            *death_components(BASIS_JKK),
        ),
    )
