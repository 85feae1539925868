from __future__ import annotations

from datetime import date

import pytest

from loket.domain.coverage import (
    CoverageError,
    Period,
    add_months,
    coverage_status,
    next_period,
)

TODAY = date(2026, 11, 24)


def test_months_roll_over_the_year() -> None:
    assert add_months(date(2026, 11, 1), 3) == date(2027, 2, 1)
    assert add_months(date(2026, 1, 1), -1) == date(2025, 12, 1)


REG = date(2026, 11, 2)  # registered this month
LIMIT = 3  # months of arrears allowed (Perdir 22/PERDIR.02/072022)


def period(last_paid: date | None, months: int, first_month: date | None = None) -> Period:
    status = coverage_status(last_paid, today=TODAY, registered_on=REG, max_arrears=LIMIT)
    return next_period(status, months, max_arrears=LIMIT, first_month=first_month)


def test_first_payment_starts_this_month() -> None:
    p = period(None, 3)
    assert (p.first, p.last, p.months, p.label()) == (
        date(2026, 11, 1),
        date(2027, 1, 1),
        3,
        "11/2026–01/2027",
    )


def test_coverage_continues_after_the_last_paid_month() -> None:
    p = period(date(2027, 2, 1), 12)  # paid ahead
    assert (p.first, p.last) == (date(2027, 3, 1), date(2028, 2, 1))
    assert period(date(2026, 11, 1), 1).label() == "12/2026"


def test_arrears_up_to_the_limit_are_paid_first() -> None:
    # last paid July 2026; today November: August, September, October unpaid = 3 months
    assert period(date(2026, 7, 1), 4).label() == "08/2026–11/2026"
    status = coverage_status(date(2026, 7, 1), today=TODAY, registered_on=REG, max_arrears=3)
    assert (status.member, status.active, status.arrears_months) == (True, False, 3)
    assert status.pay_by == date(2026, 11, 30)


def test_more_than_the_limit_ends_the_membership_and_restarts_this_month() -> None:
    # last paid June: July–October unpaid = 4 months > 3; non-active since November
    assert period(date(2026, 6, 1), 2).label() == "11/2026–12/2026"
    status = coverage_status(date(2026, 6, 1), today=TODAY, registered_on=REG, max_arrears=3)
    assert (status.member, status.lapsed_since, status.next_due) == (
        False,
        date(2026, 11, 1),
        date(2026, 11, 1),
    )


def test_never_paid_counts_from_the_registration_month() -> None:
    status = coverage_status(None, today=TODAY, registered_on=date(2026, 9, 10), max_arrears=3)
    assert (status.arrears_months, status.next_due) == (2, date(2026, 9, 1))
    long_ago = coverage_status(None, today=TODAY, registered_on=date(2025, 1, 5), max_arrears=3)
    assert (long_ago.member, long_ago.lapsed_since) == (False, date(2025, 5, 1))


@pytest.mark.parametrize(
    ("last_paid", "arrears", "member"),
    [
        (date(2026, 10, 1), 0, True),
        (date(2026, 9, 1), 1, True),
        (date(2026, 7, 1), 3, True),
        (date(2026, 6, 1), 0, False),
    ],
)
def test_the_limit_boundary(last_paid: date, arrears: int, member: bool) -> None:
    status = coverage_status(last_paid, today=TODAY, registered_on=REG, max_arrears=3)
    assert (status.arrears_months, status.member) == (arrears, member)


def test_a_payment_that_breaks_the_rule_is_refused_in_words() -> None:
    with pytest.raises(CoverageError, match="non-aktif sejak 11/2026") as info:
        period(date(2026, 6, 1), 1, first_month=date(2026, 7, 1))
    assert "tidak dapat dibayar" in str(info.value) and info.value.field == "months"
    with pytest.raises(CoverageError, match="berurutan: bulan pertama yang harus dibayar 09/2026"):
        period(date(2026, 8, 1), 1, first_month=date(2026, 11, 1))
    assert period(date(2026, 8, 1), 1, first_month=date(2026, 9, 15)).label() == "09/2026"


@pytest.mark.parametrize("months", [0, -1, 13, True])
def test_months_must_be_1_to_12(months: int) -> None:
    with pytest.raises(CoverageError, match="Jumlah bulan harus 1 sampai 12") as info:
        period(None, months)
    assert info.value.field == "months"


def test_status() -> None:
    paid = coverage_status(date(2026, 12, 1), today=TODAY, registered_on=REG, max_arrears=3)
    assert (paid.active, paid.member, paid.paid_until) == (True, True, date(2026, 12, 1))
    never = coverage_status(None, today=TODAY, registered_on=REG, max_arrears=3)
    assert (never.active, never.member, never.arrears_months) == (False, True, 0)
    assert Period(date(2026, 1, 1), date(2026, 1, 1)).label() == "01/2026"
