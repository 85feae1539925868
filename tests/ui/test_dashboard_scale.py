"""The dashboard's bar charts: ticks people read (whole numbers of 1, 2 or 5 × 10ⁿ, up to
five steps), Rupiah in thousands or millions."""

from __future__ import annotations

import pytest

from loket.ui.pages.dashboard_page import nice_scale, one_decimal, rupiah_unit


@pytest.mark.parametrize(
    ("largest", "scale"),
    [
        (0, (1, 1)),
        (0.4, (1, 1)),
        (4.5, (1, 5)),
        (7, (2, 4)),
        (24.8, (5, 5)),
        (49.5, (10, 5)),
        (490.3, (100, 5)),
        (1200, (500, 3)),
    ],
)
def test_ticks_are_whole_and_few(largest: float, scale: tuple[int, int]) -> None:
    step, steps = nice_scale(largest)
    assert (step, steps) == scale and step * steps >= largest and steps <= 5


def test_rupiah_in_thousands_below_a_million_else_in_millions() -> None:
    assert rupiah_unit([490_300, 0]) == (1_000, "ribu")
    assert rupiah_unit([42_000_000]) == (1_000_000, "juta")
    assert rupiah_unit([]) == (1_000, "ribu")


def test_one_decimal_in_indonesian_even_for_a_whole_average(qapp: object) -> None:
    from PySide6.QtCore import QLocale

    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))
    try:
        assert one_decimal(5) == "5,0"  # every rating a 5: SQLite's avg() answers an int
        assert one_decimal(306 / 60) == "5,1"
    finally:
        QLocale.setDefault(before)
