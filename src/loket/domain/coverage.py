"""Which months a contribution covers, and whether a participant is covered now.

Coverage runs month by month from the month after the last paid month [known]. Paying
ahead: 1 to 12 months at once [known]. A participant whose dues lapse becomes non-active;
paying again restarts coverage from the current month [provisional: the branch setting
``lapse_rule`` = ``"restart"``; ``"arrears"`` makes the payment fill the gap instead].
Months are the first day of the month.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from loket.domain.errors import QT_TRANSLATE_NOOP, DomainValueError

MAX_MONTHS = 12
LAPSE_RULES = ("restart", "arrears")


class CoverageError(DomainValueError):
    pass


def month_of(d: date) -> date:
    return d.replace(day=1)


def add_months(month: date, n: int) -> date:
    index = month.year * 12 + month.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


def months_between(first: date, last: date) -> int:
    """How many months ``first``..``last`` spans, both included."""
    return (last.year - first.year) * 12 + last.month - first.month + 1


@dataclass(frozen=True)
class Period:
    first: date  # first covered month
    last: date  # last covered month (inclusive)

    @property
    def months(self) -> int:
        return months_between(self.first, self.last)

    def label(self) -> str:
        """``08/2026–10/2026`` as receipts print it."""
        a, b = f"{self.first:%m/%Y}", f"{self.last:%m/%Y}"
        return a if a == b else f"{a}–{b}"


def check_months(months: int) -> int:
    if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= MAX_MONTHS:
        raise CoverageError(
            QT_TRANSLATE_NOOP("LoketError", "Jumlah bulan harus 1 sampai {maximum}."),
            field="months",
            maximum=MAX_MONTHS,
        )
    return months


def next_period(
    last_paid: date | None, months: int, *, today: date, lapse_rule: str = "restart"
) -> Period:
    """The months a payment of ``months`` months made ``today`` covers."""
    check_months(months)
    if lapse_rule not in LAPSE_RULES:
        raise ValueError(f"unknown lapse rule {lapse_rule!r}")
    current = month_of(today)
    if last_paid is None:
        first = current
    else:
        first = add_months(month_of(last_paid), 1)
        if first < current and lapse_rule == "restart":
            first = current
    return Period(first, add_months(first, months - 1))


@dataclass(frozen=True)
class CoverageStatus:
    active: bool
    lapsed_since: date | None  # the first month without coverage, when not active
    paid_until: date | None  # the last covered month


def coverage_status(last_paid: date | None, *, today: date) -> CoverageStatus:
    """Covered this month, or lapsed since the month after the last paid one."""
    if last_paid is not None and month_of(last_paid) >= month_of(today):
        return CoverageStatus(True, None, month_of(last_paid))
    since = add_months(month_of(last_paid), 1) if last_paid is not None else None
    return CoverageStatus(False, since, month_of(last_paid) if last_paid else None)
