"""JKK cash benefits for a participant who survives a work accident (PP 44/2015 jo. PP
82/2019, as last amended by PP 49/2023, Lampiran III):

- temporary inability to work (*STMB*): 100 % of the monthly wage (for BPU the declared
  income) for the first 12 months counted from the accident, 50 % after, until declared fit
  or disabled — whole months as whole months, a part month by its days;
- permanent total disability: 70 % × 80 = 56 × the monthly wage, with the periodic benefit
  the regulation adds (data, provisional), and scholarships for two children;
- permanent partial disability: the body part's percentage (the regulation's table) × 80 ×
  the monthly wage; for a loss of function (not of the part) the doctor's percentage of
  function lost × the table's percentage × 80 × the wage; scalp loss 10–30 % by its extent
  and hearing loss per 10 dB, as the doctor measures them.

Up to three months of BPU dues owed at the accident: every cash benefit waits until they are
paid (PP 44/2015 art. 42(1)(a)); a claim filed more than two years after the accident has
lapsed (art. 26) unless a supervisor lets it through.

Amounts and the table ship in ``resources/benefits/``; rows we could not check against the
regulation are marked provisional there and shown as such.
"""

from __future__ import annotations

import csv
import json
from calendar import monthrange
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from functools import cache
from typing import Any

from loket.domain.benefits.common import (
    BASIS_JKK,
    Accident,
    BenefitResult,
    BenefitType,
    Component,
    IneligibleClaim,
    hold_for_arrears,
)
from loket.domain.coverage import add_months
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


def stmb_months(first: date, last: date, until: date) -> tuple[Fraction, Fraction]:
    """The months of ``first``–``last`` (both counted) before ``until`` and from it on: each
    calendar month wholly covered counts 1, a part month its days ÷ the days of that month
    (so a year is twelve months, not 365 ÷ 30)."""
    before = after = Fraction(0)
    month = first.replace(day=1)
    while month <= last:
        days_in = monthrange(month.year, month.month)[1]
        start, end = max(first, month), min(last, month.replace(day=days_in))
        split = min(max(until, start), end + timedelta(days=1))
        before += Fraction((split - start).days, days_in)
        after += Fraction((end - split).days + 1, days_in)
        month = add_months(month, 1)
    return before, after


def _months_text(months: Fraction, lang: str) -> str:
    text = f"{float(months):.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "id" else text


def jkk_temporary_inability(
    accident: Accident, *, first_day: date, last_day: date
) -> BenefitResult:
    """STMB for the days ``first_day``–``last_day`` (both counted) unable to work (PP 44/2015
    art. 25 and Lampiran III, as the agency states it): 100 % of the monthly wage for the
    first 12 months **counted from the accident**, 50 % after — whole months as whole months,
    a part month pro-rated by its days ÷ the days of that month. A second claim of the same
    accident continues the same count: its months after the twelfth are at 50 %."""
    arrears = accident.check()
    accident_date, declared_income = accident.accident_date, accident.declared_income
    if not accident_date <= first_day <= last_day <= accident.today:
        raise IneligibleClaim(
            QT_TRANSLATE_NOOP(
                "LoketError",
                "Masa tidak mampu bekerja harus mulai pada/sesudah tanggal kecelakaan dan "
                "berakhir paling lambat hari ini.",
            ),
            field="stmb_period",
        )
    rule = _rules()["temporary_inability"]
    month = add_months(accident_date, rule["first_months"])  # the same day, 12 months on
    full_until = month.replace(day=min(accident_date.day, monthrange(month.year, month.month)[1]))
    bands = zip(
        stmb_months(first_day, last_day, full_until),
        (Decimal(rule["first_percent"]), Decimal(rule["after_percent"])),
        strict=True,
    )
    components = []
    for months, percent in bands:
        if months <= 0:
            continue
        exact = Decimal(declared_income) * percent / 100
        amount = _rupiah(exact * months.numerator / months.denominator)
        components.append(
            Component(
                "stmb",
                f"STMB {percent_text(percent)}% × {_months_text(months, 'id')} bulan "
                f"(upah {format_rupiah(declared_income)}/bulan)",
                amount,
                BASIS_JKK,
                label_en=f"STMB {percent_text(percent)}% × {_months_text(months, 'en')} months "
                f"(wage {format_rupiah(declared_income)}/month)",
            )
        )
    return hold_for_arrears(BenefitResult(BenefitType.JKK_STMB, tuple(components)), arrears)


def jkk_total_disability(accident: Accident) -> BenefitResult:
    """Permanent total disability: 70 % × 80 × the monthly wage plus the periodic
    benefit (24 × Rp500.000, provisional data). Scholarships come on top, without a
    minimum contribution period."""
    arrears = accident.check()
    declared_income = accident.declared_income
    rule = _rules()["total_disability"]
    percent = Decimal(rule["percent_of_wage_multiple"])
    multiple = rule["wage_multiple"]
    periodic = rule["periodic_months"] * rule["periodic_monthly"]
    provisional = " (sementara)" if rule.get("periodic_provisional") else ""
    provisional_en = " (provisional)" if provisional else ""
    result = BenefitResult(
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
    return hold_for_arrears(result, arrears)


def _other_side(code: str) -> str:
    """The same row of the other side ("lengan_kanan_bahu" ↔ "lengan_kiri_bahu"); the legs
    have no sides in the table."""
    parts = code.split("_")
    swapped = ["kiri" if p == "kanan" else "kanan" if p == "kiri" else p for p in parts]
    return "_".join(swapped) if swapped != parts else ""


# Rows whose percentage the doctor's measure sets (the table as published for PP 82/2019):
# scalp loss 10–30 % by its extent; hearing loss 6 % (both ears) or 3 % (one ear) per 10 dB,
# at most the row of the hearing lost whole.
SCALP = "kulit_kepala"
HEARING_PER_10_DB = {
    "dengar_db_kedua": "dengar_kedua_telinga",
    "dengar_db_satu": "dengar_satu_telinga",
}
SCALP_PERCENT = (10, 30)


def _measured(injury: Injury, measure: int | None, table: Mapping[str, Injury]) -> Injury:
    """The row as the doctor's measure makes it: a scalp loss's extent, a hearing loss in dB,
    or — for every other row — the percentage of function lost (None: the part is lost)."""
    if injury.code == SCALP:
        low, high = SCALP_PERCENT
        if measure is None or not low <= measure <= high:
            raise IneligibleClaim(
                QT_TRANSLATE_NOOP(
                    "LoketError", "{name}: isi persen menurut luasnya, {low}–{high} (surat dokter)."
                ),
                field="injuries",
                name=injury.name,
                low=low,
                high=high,
            )
        return replace(injury, name=f"{injury.name}: {measure}%", percent=Decimal(measure))
    if injury.code in HEARING_PER_10_DB:
        if measure is None or not 10 <= measure <= 150:
            raise IneligibleClaim(
                QT_TRANSLATE_NOOP(
                    "LoketError", "{name}: isi penurunan pendengaran dalam dB, 10–150 (audiogram)."
                ),
                field="injuries",
                name=injury.name,
            )
        whole = table[HEARING_PER_10_DB[injury.code]].percent
        percent = min(injury.percent * (measure // 10), whole)
        return replace(injury, name=f"{injury.name}: {measure} dB", percent=percent)
    if measure is None or measure == 100:
        return injury
    if not 1 <= measure <= 100:
        raise IneligibleClaim(
            QT_TRANSLATE_NOOP(
                "LoketError", "{name}: persen fungsi yang hilang 1–100 (surat dokter)."
            ),
            field="injuries",
            name=injury.name,
        )
    percent = injury.percent * measure / 100
    name = f"{injury.name} (fungsi hilang {measure}% × {percent_text(injury.percent)}%)"
    return replace(injury, name=name, percent=percent)


def jkk_partial_disability(
    accident: Accident,
    *,
    injury_codes: Sequence[str],
    measures: Mapping[str, int] | None = None,
    left_handed: bool = False,
) -> BenefitResult:
    """Permanent partial disability: per body part lost or impaired, its percentage from
    the regulation's table × 80 × the monthly wage. The table's arm and hand rows say
    "untuk kidal berlaku sebaliknya": for a left-handed worker (the doctor's statement) a
    right arm, hand or finger takes the left one's percentage and the left the right's.
    ``measures`` (code → the doctor's figure): for a loss of function, the percentage of
    function lost, which multiplies the row's percentage (the agency's rule); for the scalp
    its extent in percent; for a hearing loss the dB lost."""
    arrears = accident.check()
    declared_income = accident.declared_income
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
        if left_handed and (other := table.get(_other_side(code))) is not None:
            injury = Injury(code, f"{injury.name} (kidal)", other.percent, other.provisional)
        injury = _measured(injury, (measures or {}).get(code), table)
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
    return hold_for_arrears(BenefitResult(BenefitType.JKK_PARTIAL, tuple(components)), arrears)
