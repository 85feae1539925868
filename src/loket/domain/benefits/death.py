"""Death benefits: JKM (death not caused by work) and JKK death (from a work accident)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from datetime import date

from loket.domain.benefits.common import (
    BASIS_JKK,
    BASIS_JKM,
    Accident,
    BenefitResult,
    BenefitType,
    Component,
    IneligibleClaim,
    arrears_at,
    check_event_date,
    hold_for_arrears,
    paid_months_up_to,
)
from loket.domain.coverage import add_months
from loket.domain.errors import QT_TRANSLATE_NOOP
from loket.domain.money import format_rupiah

JKM_LUMP_SUM = 20_000_000
PERIODIC_MONTHS, PERIODIC_MONTHLY = 24, 500_000  # paid at once: Rp12.000.000
FUNERAL = 10_000_000
JKK_DEATH_WAGE_MULTIPLE = 48
JKK_DEATH_MINIMUM = 20_000_000  # 60 % × 80 × wage, at least Rp20.000.000 (domain notes §3)
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
    :func:`require_covered`), after at least ``min_paid_months`` consecutive paid months.
    Up to three months owed at death (BPU): the funeral cost now, the rest held until the
    heirs pay them (:func:`arrears_at`)."""
    check_event_date(death_date, registered_on=registered_on, today=today)
    arrears = arrears_at(death_date, covered_months)
    if covered_months is not None and min_paid_months:
        last_paid = add_months(arrears[0], -1) if arrears else death_date
        paid = paid_months_up_to(covered_months, last_paid)
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
    result = BenefitResult(
        BenefitType.JKM,
        (
            Component(
                "lump_sum", "Santunan sekaligus", JKM_LUMP_SUM, BASIS_JKM, label_en="Lump sum"
            ),
            *death_components(BASIS_JKM),
        ),
    )
    return hold_for_arrears(result, arrears)


def jkk_death(accident: Accident) -> BenefitResult:
    """Death from a work accident: 48 × the reported monthly wage (for BPU the declared
    income), at least Rp20.000.000, + Rp10.000.000 funeral + Rp12.000.000 periodic benefit.
    No minimum membership; the accident's checks (:meth:`Accident.check`): the month paid,
    or at most three months owed (the funeral cost now, the rest after them, as for JKM),
    filed within two years of it. Scholarships come on top."""
    arrears = accident.check()
    declared_income = accident.declared_income
    at_least = JKK_DEATH_WAGE_MULTIPLE * declared_income < JKK_DEATH_MINIMUM
    result = BenefitResult(
        BenefitType.JKK,
        (
            Component(
                "jkk_death",
                f"Santunan kematian akibat kecelakaan kerja {JKK_DEATH_WAGE_MULTIPLE} × "
                f"upah {format_rupiah(declared_income)}"
                + (f", paling sedikit {format_rupiah(JKK_DEATH_MINIMUM)}" if at_least else ""),
                max(JKK_DEATH_WAGE_MULTIPLE * declared_income, JKK_DEATH_MINIMUM),
                BASIS_JKK,
                label_en=f"Death from a work accident {JKK_DEATH_WAGE_MULTIPLE} × "
                f"wage {format_rupiah(declared_income)}"
                + (f", at least {format_rupiah(JKK_DEATH_MINIMUM)}" if at_least else ""),
            ),
            *death_components(BASIS_JKK),
        ),
    )
    return hold_for_arrears(result, arrears)


def funeral_only(result: BenefitResult) -> BenefitResult:
    """With no heir and no will, the funeral cost goes to whoever arranged the funeral (with
    proof) and the rest stays with the fund (PP 44/2015 art. 37(5) and its elucidation)."""
    kept = tuple(replace(c, held=False) for c in result.components if c.code == "funeral")
    return replace(result, components=kept, schedule=(), arrears=())
