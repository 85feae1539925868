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


def test_first_payment_starts_this_month() -> None:
    p = next_period(None, 3, today=TODAY)
    assert (p.first, p.last, p.months, p.label()) == (
        date(2026, 11, 1),
        date(2027, 1, 1),
        3,
        "11/2026–01/2027",
    )


def test_coverage_continues_after_the_last_paid_month() -> None:
    p = next_period(date(2027, 2, 1), 12, today=TODAY)  # paid ahead
    assert (p.first, p.last) == (date(2027, 3, 1), date(2028, 2, 1))
    assert next_period(date(2026, 11, 1), 1, today=TODAY).label() == "12/2026"


def test_a_lapsed_participant_restarts_this_month_or_pays_arrears() -> None:
    assert next_period(date(2026, 6, 1), 2, today=TODAY).label() == "11/2026–12/2026"
    arrears = next_period(date(2026, 6, 1), 2, today=TODAY, lapse_rule="arrears")
    assert arrears.label() == "07/2026–08/2026"


@pytest.mark.parametrize("months", [0, -1, 13, True])
def test_months_must_be_1_to_12(months: int) -> None:
    with pytest.raises(CoverageError, match="Jumlah bulan harus 1 sampai 12") as info:
        next_period(None, months, today=TODAY)
    assert info.value.field == "months"


def test_status() -> None:
    assert coverage_status(date(2026, 12, 1), today=TODAY).active
    lapsed = coverage_status(date(2026, 8, 1), today=TODAY)
    assert (lapsed.active, lapsed.lapsed_since) == (False, date(2026, 9, 1))
    never = coverage_status(None, today=TODAY)
    assert (never.active, never.lapsed_since) == (False, None)
    assert Period(date(2026, 1, 1), date(2026, 1, 1)).label() == "01/2026"
