"""What every benefit rule shares: the benefit types, a result's components with their
legal basis, and the checks of the event date and of coverage.

Legal basis: PP 44/2015 on JKK and JKM as last amended by PP 49/2023 (the amounts set by
PP 82/2019 still stand); PP 46/2015 as amended by PP 60/2015 and Permenaker 4/2022 (JHT).
Each result records the rule version it was computed under, so a claim decided today
still reads the same after a new regulation.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from loket.domain.coverage import add_months, month_of
from loket.domain.errors import QT_TRANSLATE_NOOP, DomainValueError
from loket.domain.heirs import EducationLevel

# JKK, JKM and the scholarship: PP 44/2015, whose benefit amounts PP 82/2019 set and PP
# 49/2023 last amended (issue 27, correction 10: cite all three); JHT its own PP 46/2015.
RULE_VERSION = "PP 44/2015 jo. PP 82/2019 jo. PP 49/2023"  # 40: the column's width
JHT_RULE_VERSION = "PP 46/2015 jo. PP 60/2015"
BASIS_JKM = f"{RULE_VERSION} (JKM)"
BASIS_JKK = f"{RULE_VERSION} (JKK)"
BASIS_SCHOLARSHIP = f"{RULE_VERSION} (beasiswa)"
BASIS_JHT = f"{JHT_RULE_VERSION}; Permenaker 4/2022 (JHT)"


class IneligibleClaim(DomainValueError):
    """The claim cannot be paid under the rules; the message says why."""


class JkkLapsed(IneligibleClaim):
    """A JKK claim filed more than two years after the accident: a supervisor may still let
    it through with a written reason (the accident may have been reported in time)."""


# PP 44/2015 art. 42(1)(a) (2015 text): a BPU participant up to 3 months in arrears keeps the
# right — on death the funeral cost is paid at once and the rest once the heirs have paid
# the arrears; more than 3 months: no right. JKK's cash benefits likewise wait (domain §3).
ARREARS_GRACE_MONTHS = 3
# PP 44/2015 art. 26 (2015 text): the right to JKK benefits lapses 2 years after the accident.
JKK_LAPSE_YEARS = 2


class BenefitType(StrEnum):
    JKM = "JKM"  # death not caused by work
    JKK = "JKK"  # death from a work accident
    JHT = "JHT"
    BEASISWA = "BEASISWA"  # scholarship on its own (after a death or a JKK total disability)
    JKK_STMB = "JKK_STMB"  # temporary inability to work after a work accident
    JKK_TOTAL = "JKK_TOTAL"  # permanent total disability from a work accident
    JKK_PARTIAL = "JKK_PARTIAL"  # permanent partial disability from a work accident


# Benefits the participant claims for themselves (heirs claim the others, and JHT on death).
OWN_BENEFITS = frozenset({BenefitType.JKK_STMB, BenefitType.JKK_TOTAL, BenefitType.JKK_PARTIAL})


@dataclass(frozen=True)
class Component:
    code: str
    label: str  # Indonesian, as printed on the handover record
    amount: int
    basis: str
    payable_now: int | None = None  # scholarships: this year's part; None = all of it
    label_en: str = ""  # the same in English, for the interface in English (never printed)
    held: bool = False  # waits until the arrears at the event are paid: nothing now

    @property
    def now(self) -> int:
        if self.held:
            return 0
        return self.amount if self.payable_now is None else self.payable_now


@dataclass(frozen=True)
class ScheduleEntry:
    child: str
    year: int  # calendar year of the payment
    stage: EducationLevel
    grade: int
    amount: int


@dataclass(frozen=True)
class BenefitResult:
    benefit: BenefitType
    components: tuple[Component, ...]
    rule_version: str = RULE_VERSION
    schedule: tuple[ScheduleEntry, ...] = ()
    arrears: tuple[date, ...] = ()  # BPU months unpaid at the event (first days), at most 3

    @property
    def held(self) -> int:
        """What waits until the arrears are paid."""
        return sum(replace(c, held=False).now for c in self.components if c.held)

    @property
    def total(self) -> int:
        return sum(c.amount for c in self.components)

    @property
    def payable_now(self) -> int:
        """What is paid out now; later scholarship years are paid year by year."""
        return sum(c.now for c in self.components)


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def paid_months_up_to(covered: Collection[date], month: date) -> int:
    """Consecutive covered months ending with ``month`` (first days of months)."""
    count, at = 0, month_of(month)
    while at in covered:
        count += 1
        at = add_months(at, -1)
    return count


def contribution_months(covered: Collection[date], month: date) -> int:
    """The contribution period (*masa iur*) up to ``month``: every paid month, in a row or
    not (a lapse and a re-join keep the months paid before)."""
    last = month_of(month)
    return sum(1 for m in covered if m <= last)


def check_event_date(event: date, *, registered_on: date, today: date) -> None:
    if event > today:
        raise IneligibleClaim(
            QT_TRANSLATE_NOOP("LoketError", "Tanggal kejadian tidak boleh di masa depan."),
            field="event_date",
        )
    if event < registered_on:
        raise IneligibleClaim(
            QT_TRANSLATE_NOOP(
                "LoketError",
                "Tanggal kejadian sebelum peserta terdaftar ({registered}).",
            ),
            field="event_date",
            registered=registered_on.strftime("%d-%m-%Y"),
        )


def require_covered(event: date, covered: Collection[date] | None) -> None:
    """The month of the event must be paid. ``None``: coverage is not the counter's to
    know (PU and JAKON dues are paid by the employer); the service decides from the
    central server's data or the employer's statement."""
    if covered is not None and month_of(event) not in covered:
        raise IneligibleClaim(
            QT_TRANSLATE_NOOP(
                "LoketError",
                "Iuran bulan {month} tidak dibayar: peserta tidak terlindungi saat kejadian.",
            ),
            field="event_date",
            month=event.strftime("%m/%Y"),
        )


def arrears_at(event: date, covered: Collection[date] | None) -> tuple[date, ...]:
    """The months a BPU participant owed at ``event`` (first days, the event's month
    included), which the heirs or the worker pay before all but the funeral cost is paid
    (:data:`ARREARS_GRACE_MONTHS`, PP 44/2015 art. 42(1)(a)). Empty when the event's month
    is paid, or ``covered`` is None (PU/JAKON: the employer's dues). Raised: no month paid
    before the event, or more than three owed — no right to the benefit."""
    month = month_of(event)
    if covered is None or month in covered:
        return ()
    if not any(m < month for m in covered):
        require_covered(event, covered)
    last_paid = max(m for m in covered if m < month)
    owed = tuple(add_months(last_paid, i) for i in range(1, 1 + _months_after(last_paid, month)))
    if len(owed) > ARREARS_GRACE_MONTHS:
        raise IneligibleClaim(
            QT_TRANSLATE_NOOP(
                "LoketError",
                "Iuran tertunggak {count} bulan saat kejadian ({first}–{last}): lebih dari "
                "{limit} bulan, hak atas manfaat tidak ada (PP 44/2015 ps. 42).",
            ),
            field="event_date",
            count=len(owed),
            first=owed[0].strftime("%m/%Y"),
            last=owed[-1].strftime("%m/%Y"),
            limit=ARREARS_GRACE_MONTHS,
        )
    return owed


def _months_after(first: date, last: date) -> int:
    return (last.year - first.year) * 12 + last.month - first.month


def hold_for_arrears(result: BenefitResult, arrears: tuple[date, ...]) -> BenefitResult:
    """``result`` with every component but the funeral cost held until ``arrears`` are
    paid (PP 44/2015 art. 42(1)(a)); unchanged when nothing is owed."""
    if not arrears:
        return result
    return replace(
        result,
        components=tuple(
            c if c.code == "funeral" else replace(c, held=True) for c in result.components
        ),
        arrears=arrears,
    )


def check_jkk_lapse(accident: date, filed_on: date, *, waived: bool = False) -> None:
    """A JKK claim filed after the second anniversary of the accident is refused (PP 44/2015
    art. 26) unless a supervisor let it through (``waived``, with a written reason)."""
    if filed_on > add_years(accident, JKK_LAPSE_YEARS) and not waived:
        raise JkkLapsed(
            QT_TRANSLATE_NOOP(
                "LoketError",
                "Hak atas manfaat JKK gugur 2 tahun setelah kecelakaan ({accident}; batas "
                "{until}) (PP 44/2015 ps. 26). Supervisor dapat mengizinkan dengan alasan "
                "tertulis.",
            ),
            field="event_date",
            accident=accident.strftime("%d-%m-%Y"),
            until=add_years(accident, JKK_LAPSE_YEARS).strftime("%d-%m-%Y"),
        )


def require_income(declared_income: int) -> None:
    if declared_income <= 0:
        raise IneligibleClaim(
            QT_TRANSLATE_NOOP("LoketError", "Upah/penghasilan yang dilaporkan tidak ada."),
            field="declared_income",
        )


@dataclass(frozen=True)
class Accident:
    """What every JKK benefit of a survivor checks: the accident and the worker's cover."""

    declared_income: int
    accident_date: date
    registered_on: date
    covered_months: Collection[date] | None
    today: date
    filed_on: date | None = None  # the claim's intake; None: today
    lapse_waived: bool = False  # a supervisor let a late claim through, with a reason

    def check(self) -> tuple[date, ...]:
        """Raises what makes the claim unpayable; returns the months owed at the accident."""
        check_event_date(self.accident_date, registered_on=self.registered_on, today=self.today)
        check_jkk_lapse(self.accident_date, self.filed_on or self.today, waived=self.lapse_waived)
        require_income(self.declared_income)
        return arrears_at(self.accident_date, self.covered_months)
