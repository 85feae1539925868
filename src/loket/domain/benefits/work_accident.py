"""JKK cash benefits for a participant who survives a work accident (PP 44/2015 jo. PP
82/2019, as last amended by PP 49/2023, Lampiran III):

- temporary inability to work (*STMB*): 100 % of the monthly wage (for BPU the declared
  income) for the first 12 months, 50 % after, until declared fit or disabled;
- permanent total disability: 70 % × 80 = 56 × the monthly wage, with the periodic benefit
  the regulation adds (data, provisional), and scholarships for two children;
- permanent partial disability: the body part's percentage (the regulation's table) × 80 ×
  the monthly wage.

Amounts and the table ship in ``resources/benefits/``; rows we could not check against the
regulation are marked provisional there and shown as such.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import Any

from loket.domain.benefits.common import (
    BASIS_JKK,
    BenefitResult,
    BenefitType,
    Component,
    IneligibleClaim,
    add_years,
    check_event_date,
    require_covered,
    require_income,
)
from loket.domain.errors import QT_TRANSLATE_NOOP
from loket.domain.money import format_rupiah
from loket.resources import resource_path


@dataclass(frozen=True)
class Injury:
    code: str
    name: str
    percent: Decimal
    provisional: bool


@cache
def _rules() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        resource_path("benefits/jkk-disability.json").read_text(encoding="utf-8")
    )
    return data


@cache
def injuries() -> tuple[Injury, ...]:
    """The partial-disability table, in the regulation's order."""
    with resource_path("benefits/jkk-partial-disability.csv").open(encoding="utf-8") as f:
        rows = tuple(
            Injury(r["code"], r["name"], Decimal(r["percent"]), r["provisional"] == "1")
            for r in csv.DictReader(f)
        )
    if len({i.code for i in rows}) != len(rows) or any(not 0 < i.percent <= 100 for i in rows):
        raise RuntimeError("resources/benefits/jkk-partial-disability.csv: bad rows")
    return rows


def percent_text(value: Decimal) -> str:
    """``100``, ``4,5`` — as Indonesian documents write a percentage."""
    return format(value.normalize(), "f").replace(".", ",")


def _rupiah(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), ROUND_HALF_UP))


def _accident_checks(
    declared_income: int,
    accident_date: date,
    registered_on: date,
    covered_months: Collection[date] | None,
    today: date,
) -> None:
    check_event_date(accident_date, registered_on=registered_on, today=today)
    require_income(declared_income)
    require_covered(accident_date, covered_months)


def jkk_temporary_inability(
    *,
    declared_income: int,
    accident_date: date,
    first_day: date,
    last_day: date,
    registered_on: date,
    covered_months: Collection[date] | None,
    today: date,
) -> BenefitResult:
    """STMB for the days ``first_day``–``last_day`` (both counted) unable to work: per day
    the monthly wage ÷ 30 (provisional), 100 % in the first 12 months from the first day
    off, 50 % after."""
    _accident_checks(declared_income, accident_date, registered_on, covered_months, today)
    if not accident_date <= first_day <= last_day <= today:
        raise IneligibleClaim(
            QT_TRANSLATE_NOOP(
                "LoketError",
                "Masa tidak mampu bekerja harus mulai pada/sesudah tanggal kecelakaan dan "
                "berakhir paling lambat hari ini.",
            ),
            field="stmb_period",
        )
    rule = _rules()["temporary_inability"]
    days = (last_day - first_day).days + 1
    first_band_end = add_years(first_day, rule["first_months"] // 12)
    full_days = min(days, (first_band_end - first_day).days)
    bands = (
        (full_days, Decimal(rule["first_percent"])),
        (days - full_days, Decimal(rule["after_percent"])),
    )
    components = []
    for band_days, percent in bands:
        if band_days <= 0:
            continue
        amount = _rupiah(
            Decimal(declared_income) * band_days * percent / (rule["days_per_month"] * 100)
        )
        components.append(
            Component(
                "stmb",
                f"STMB {percent_text(percent)}% × {band_days} hari "
                f"(upah {format_rupiah(declared_income)}/bulan ÷ {rule['days_per_month']})",
                amount,
                BASIS_JKK,
                label_en=f"STMB {percent_text(percent)}% × {band_days} days "
                f"(wage {format_rupiah(declared_income)}/month ÷ {rule['days_per_month']})",
            )
        )
    return BenefitResult(BenefitType.JKK_STMB, tuple(components))


def jkk_total_disability(
    *,
    declared_income: int,
    accident_date: date,
    registered_on: date,
    covered_months: Collection[date] | None,
    today: date,
) -> BenefitResult:
    """Permanent total disability: 70 % × 80 × the monthly wage plus the periodic
    benefit (24 × Rp500.000, provisional data). Scholarships come on top, without a
    minimum contribution period."""
    _accident_checks(declared_income, accident_date, registered_on, covered_months, today)
    rule = _rules()["total_disability"]
    percent = Decimal(rule["percent_of_wage_multiple"])
    multiple = rule["wage_multiple"]
    periodic = rule["periodic_months"] * rule["periodic_monthly"]
    provisional = " (sementara)" if rule.get("periodic_provisional") else ""
    provisional_en = " (provisional)" if provisional else ""
    return BenefitResult(
        BenefitType.JKK_TOTAL,
        (
            Component(
                "total_disability",
                f"Santunan cacat total tetap {percent_text(percent)}% × {multiple} × "
                f"upah {format_rupiah(declared_income)}",
                _rupiah(Decimal(declared_income) * multiple * percent / 100),
                BASIS_JKK,
                label_en=f"Permanent total disability {percent_text(percent)}% × {multiple} × "
                f"wage {format_rupiah(declared_income)}",
            ),
            Component(
                "periodic",
                f"Santunan berkala {rule['periodic_months']} × "
                f"{format_rupiah(rule['periodic_monthly'])} (dibayar sekaligus){provisional}",
                periodic,
                BASIS_JKK,
                label_en=f"Periodic benefit {rule['periodic_months']} × "
                f"{format_rupiah(rule['periodic_monthly'])} (paid at once){provisional_en}",
            ),
        ),
    )


def jkk_partial_disability(
    *,
    declared_income: int,
    injury_codes: Sequence[str],
    accident_date: date,
    registered_on: date,
    covered_months: Collection[date] | None,
    today: date,
) -> BenefitResult:
    """Permanent partial disability: per body part lost or impaired, its percentage from
    the regulation's table × 80 × the monthly wage."""
    _accident_checks(declared_income, accident_date, registered_on, covered_months, today)
    table = {i.code: i for i in injuries()}
    if not injury_codes:
        raise IneligibleClaim(
            QT_TRANSLATE_NOOP("LoketError", "Pilih jenis cacat dari tabel (surat dokter)."),
            field="injuries",
        )
    unknown = [c for c in injury_codes if c not in table]
    if unknown or len(set(injury_codes)) != len(injury_codes):
        raise IneligibleClaim(
            QT_TRANSLATE_NOOP("LoketError", "Jenis cacat tidak dikenal atau tercantum dua kali."),
            field="injuries",
        )
    multiple = _rules()["partial_disability"]["wage_multiple"]
    components = []
    for code in injury_codes:
        injury = table[code]
        mark = " (tabel sementara)" if injury.provisional else ""
        mark_en = " (provisional table)" if injury.provisional else ""
        components.append(
            Component(
                "partial_disability",
                f"Cacat sebagian: {injury.name} {percent_text(injury.percent)}% × {multiple} × "
                f"upah {format_rupiah(declared_income)}{mark}",
                _rupiah(Decimal(declared_income) * multiple * injury.percent / 100),
                BASIS_JKK,
                # the injury's name is the regulation's table entry, kept as written
                label_en=f"Partial disability: {injury.name} {percent_text(injury.percent)}% × "
                f"{multiple} × wage {format_rupiah(declared_income)}{mark_en}",
            )
        )
    return BenefitResult(BenefitType.JKK_PARTIAL, tuple(components))
