"""Which months a contribution covers, and where a BPU participant stands with their dues.

Coverage runs month by month from the month after the last paid month; 1 to 12 months may
be paid at once [known]. A participant may pay at most ``max_arrears`` months late (3 by the
agency's membership process, Perdir 22/PERDIR.02/072022 — the limit is published data, see
``tariffs.arrears_rule_on``); after more than that many consecutive unpaid months the
membership ends (*non-aktif*) and the person re-joins from the current month: the missed
months cannot be bought back, and there is no late fine. Months are the first day of the
month. A participant who never paid counts from the month they registered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from loket.domain.errors import QT_TRANSLATE_NOOP, DomainValueError

MAX_MONTHS = 12


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


def _check_arrears_limit(max_arrears: int) -> None:
    if isinstance(max_arrears, bool) or not isinstance(max_arrears, int) or max_arrears < 0:
        raise ValueError(f"bad arrears limit {max_arrears!r}")


@dataclass(frozen=True)
class CoverageStatus:
    """Where a participant stands with their dues in the current month."""

    active: bool  # the current month is paid
    lapsed_since: date | None  # non-active from this month (more arrears than allowed)
    paid_until: date | None  # the last covered month
    arrears_months: int = 0  # past months unpaid and still payable
    pay_by: date | None = None  # the last day to pay them before the membership ends
    next_due: date | None = None  # the first month the next payment covers

    @property
    def member(self) -> bool:
        """Still a member: not lapsed (perhaps with arrears to pay)."""
        return self.lapsed_since is None


def coverage_status(
    last_paid: date | None, *, today: date, registered_on: date, max_arrears: int
) -> CoverageStatus:
    """The participant's state on ``today``: paid up, in arrears (with the day by which to
    pay them), or non-active since the month the arrears passed the limit."""
    _check_arrears_limit(max_arrears)
    current = month_of(today)
    paid_until = month_of(last_paid) if last_paid is not None else None
    # the month before the first one owed: the last paid, or the one before registration
    # (a registration "after" today comes from a counter whose clock ran ahead: today then)
    registered = month_of(min(registered_on, today))
    base = paid_until if paid_until is not None else add_months(registered, -1)
    if base >= current:
        return CoverageStatus(True, None, paid_until, 0, None, add_months(base, 1))
    arrears = months_between(add_months(base, 1), current) - 1  # past months unpaid
    if arrears > max_arrears:
        since = add_months(base, max_arrears + 2)
        return CoverageStatus(False, since, paid_until, 0, None, current)
    pay_by = add_months(base, max_arrears + 2) - timedelta(days=1)
    return CoverageStatus(False, None, paid_until, arrears, pay_by, add_months(base, 1))


def next_period(
    status: CoverageStatus, months: int, *, max_arrears: int, first_month: date | None = None
) -> Period:
    """The months a payment of ``months`` months covers for a participant whose standing is
    ``status`` (:func:`coverage_status`): from the first month owed (arrears within the limit
    first), or from the current month for a participant whose membership ended.
    ``first_month``, when given, must be that month; otherwise the reason is raised in words."""
    check_months(months)
    assert status.next_due is not None
    first = status.next_due
    if first_month is not None and month_of(first_month) != first:
        if status.lapsed_since is not None and month_of(first_month) < first:
            raise CoverageError(
                QT_TRANSLATE_NOOP(
                    "LoketError",
                    "Kepesertaan non-aktif sejak {since} (menunggak lebih dari {limit} bulan): "
                    "bulan yang terlewat tidak dapat dibayar; iuran dimulai lagi {first}.",
                ),
                field="months",
                since=f"{status.lapsed_since:%m/%Y}",
                limit=max_arrears,
                first=f"{first:%m/%Y}",
            )
        raise CoverageError(
            QT_TRANSLATE_NOOP(
                "LoketError", "Iuran dibayar berurutan: bulan pertama yang harus dibayar {first}."
            ),
            field="months",
            first=f"{first:%m/%Y}",
        )
    return Period(first, add_months(first, months - 1))


def months_of(period: Period) -> list[date]:
    """Each month of ``period``, in order."""
    return [add_months(period.first, i) for i in range(period.months)]
