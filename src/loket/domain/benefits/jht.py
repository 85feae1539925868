"""JHT payouts (PP 46/2015 jo. PP 60/2015; Permenaker 4/2022).

The balance (contributions + returns) comes from the central statement. Full payout for age
56, stopping work, leaving Indonesia for good, permanent total disability or death; while
still working, after at least 10 years of membership, at most 10 % (preparing for
retirement) or 30 % (housing) of the balance, once. The one-month wait after stopping work
applies to wage earners (resignation or dismissal, counted from its date); Permenaker
4/2022 sets none for BPU.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from loket.domain.benefits.common import (
    BASIS_JHT,
    JHT_RULE_VERSION,
    BenefitResult,
    BenefitType,
    Component,
    IneligibleClaim,
    check_event_date,
)
from loket.domain.dates import full_years
from loket.domain.errors import QT_TRANSLATE_NOOP
from loket.domain.money import format_rupiah

JHT_FULL_AGE = 56
JHT_PARTIAL_MIN_YEARS = 10


class JhtReason(StrEnum):
    AGE_56 = "age_56"
    STOPPED_WORKING = "stopped_working"  # wage earners: after a waiting period of one month
    LEFT_COUNTRY = "left_country"
    TOTAL_DISABILITY = "total_disability"
    DEATH = "death"
    PARTIAL_RETIREMENT = "partial_10"  # at most 10 %: preparing for retirement, once
    PARTIAL_HOUSING = "partial_30"  # at most 30 %: housing, once


JHT_PARTIAL_PERCENT = {JhtReason.PARTIAL_RETIREMENT: 10, JhtReason.PARTIAL_HOUSING: 30}


def add_month(day: date) -> date:
    """The same day one month later (the last day of that month if it is shorter)."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise AssertionError(day)


def jht(
    *,
    balance: int,
    statement_date: date,
    reason: JhtReason,
    birth_date: date,
    registered_on: date,
    event_date: date,
    today: date,
    wage_earner: bool,
    requested: int = 0,
    partial_taken: bool = False,
) -> BenefitResult:
    """``event_date``: the day the reason arose (stopping work, death, …; for age and
    partial payouts the day of the claim); ``requested``: for a partial payout, the amount
    asked for, at most the reason's percentage of the balance."""
    if balance <= 0:
        raise IneligibleClaim(
            QT_TRANSLATE_NOOP("LoketError", "Isi saldo JHT dari rincian saldo pusat."),
            field="jht_balance",
        )
    if statement_date > today:
        raise IneligibleClaim(
            QT_TRANSLATE_NOOP("LoketError", "Tanggal rincian saldo tidak boleh di masa depan."),
            field="jht_statement_date",
        )
    check_event_date(event_date, registered_on=registered_on, today=today)
    if reason is JhtReason.AGE_56 and full_years(birth_date, today) < JHT_FULL_AGE:
        raise IneligibleClaim(
            QT_TRANSLATE_NOOP(
                "LoketError", "Peserta belum berusia {age} tahun (usia sekarang {now})."
            ),
            field="jht_reason",
            age=JHT_FULL_AGE,
            now=full_years(birth_date, today),
        )
    if reason is JhtReason.STOPPED_WORKING and wage_earner:
        waited_until = add_month(event_date)
        if today < waited_until:
            raise IneligibleClaim(
                QT_TRANSLATE_NOOP(
                    "LoketError",
                    "JHT karena berhenti bekerja dapat diajukan mulai {date} "
                    "(masa tunggu satu bulan).",
                ),
                field="event_date",
                date=waited_until.strftime("%d-%m-%Y"),
            )
    statement = statement_date.strftime("%d-%m-%Y")
    percent = JHT_PARTIAL_PERCENT.get(reason)
    if percent is None:
        return BenefitResult(
            BenefitType.JHT,
            (
                Component(
                    "jht",
                    f"Saldo JHT per {statement}",
                    balance,
                    BASIS_JHT,
                    label_en=f"JHT balance as of {statement}",
                ),
            ),
            rule_version=JHT_RULE_VERSION,
        )
    years = full_years(registered_on, today)
    if years < JHT_PARTIAL_MIN_YEARS:
        raise IneligibleClaim(
            QT_TRANSLATE_NOOP(
                "LoketError",
                "Pengambilan sebagian JHT memerlukan kepesertaan {required} tahun; "
                "peserta baru {years} tahun.",
            ),
            field="jht_reason",
            required=JHT_PARTIAL_MIN_YEARS,
            years=years,
        )
    if partial_taken:
        raise IneligibleClaim(
            QT_TRANSLATE_NOOP("LoketError", "JHT sebagian sudah pernah diambil: hanya sekali."),
            field="jht_reason",
        )
    cap = balance * percent // 100
    if isinstance(requested, bool) or not isinstance(requested, int) or requested <= 0:
        raise IneligibleClaim(
            QT_TRANSLATE_NOOP(
                "LoketError", "Isi jumlah yang diminta (paling banyak {cap}, {percent}% saldo)."
            ),
            field="jht_requested",
            cap=format_rupiah(cap),
            percent=percent,
        )
    if requested > cap:
        raise IneligibleClaim(
            QT_TRANSLATE_NOOP(
                "LoketError",
                "Pengambilan sebagian paling banyak {percent}% saldo: {cap}; diminta {requested}.",
            ),
            field="jht_requested",
            percent=percent,
            cap=format_rupiah(cap),
            requested=format_rupiah(requested),
        )
    label = (
        f"Sebagian JHT (paling banyak {percent}% dari saldo {format_rupiah(balance)} "
        f"per {statement})"
    )
    label_en = (
        f"Part of JHT (at most {percent}% of the balance {format_rupiah(balance)} "
        f"as of {statement})"
    )
    return BenefitResult(
        BenefitType.JHT,
        (Component("jht", label, requested, BASIS_JHT, label_en=label_en),),
        rule_version=JHT_RULE_VERSION,
    )
