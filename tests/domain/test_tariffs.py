"""The worked examples of the domain notes (PP 44/2015 jo. PP 82/2019)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from loket.domain.registration import Program
from loket.domain.tariffs import TariffError, bpu_monthly_dues, table_on, tariff_tables

TODAY = date(2026, 11, 24)
ALL = {"JKK", "JKM", "JHT"}


@pytest.mark.parametrize(
    ("income", "programs", "expected", "total"),
    [
        (1_000_000, ALL, {"JKK": 10_000, "JKM": 6_800, "JHT": 20_000}, 36_800),
        (1_000_000, {"JKK", "JKM"}, {"JKK": 10_000, "JKM": 6_800}, 16_800),
        (2_500_000, ALL, {"JKK": 25_000, "JKM": 6_800, "JHT": 50_000}, 81_800),
        (20_700_000, ALL, {"JKK": 207_000, "JKM": 6_800, "JHT": 414_000}, 627_800),
    ],
)
def test_worked_examples(
    income: int, programs: set[str], expected: dict[str, int], total: int
) -> None:
    dues = bpu_monthly_dues(income, programs, on=TODAY)
    assert {p.value: a for p, a in dues.per_program.items()} == expected
    assert dues.total == total
    assert "PP 82/2019" in dues.table.basis


def test_three_months_at_2_5_million() -> None:
    assert bpu_monthly_dues(2_500_000, ALL, on=TODAY).total * 3 == 245_400


def test_rounding_is_half_up_to_the_rupiah() -> None:
    # 1 % of Rp1.234.550 is Rp12.345,50 → Rp12.346; 2 % is Rp24.691 exactly
    dues = bpu_monthly_dues(1_234_550, ALL, on=TODAY)
    assert (dues.per_program[Program.JKK], dues.per_program[Program.JHT]) == (12_346, 24_691)


@pytest.mark.parametrize(
    ("income", "programs", "message"),
    [
        (900_000, ALL, "Penghasilan harus antara Rp1.000.000 dan Rp20.700.000."),
        (20_800_000, ALL, "Penghasilan harus antara Rp1.000.000 dan Rp20.700.000."),
        (1_000_000, {"JKK", "JHT"}, "JKK dan JKM wajib diikuti."),
        (1_000_000, {"JKK", "JKM", "JP"}, "Program tidak dikenal."),
    ],
)
def test_bad_input(income: int, programs: set[str], message: str) -> None:
    with pytest.raises(TariffError) as info:
        bpu_monthly_dues(income, programs, on=TODAY)
    assert str(info.value) == message and isinstance(info.value, ValueError)


def test_a_newer_table_takes_over_on_its_date_without_code() -> None:
    newer = json.loads(
        (Path(__file__).parents[2] / "resources/tariffs/bpu-2019-12.json").read_text(
            encoding="utf-8"
        )
    )
    newer |= {"effective_from": "2027-01-01", "basis": "Peraturan baru (uji)"}
    newer["rates"]["JKM"] = {"flat": 7500}
    published = (("tariff/bpu-2027-01.json", json.dumps(newer)),)
    before = bpu_monthly_dues(1_000_000, ALL, on=date(2026, 12, 31), published=published)
    after = bpu_monthly_dues(1_000_000, ALL, on=date(2027, 1, 1), published=published)
    assert (before.total, after.total) == (36_800, 37_500)
    assert after.table.basis == "Peraturan baru (uji)"
    assert after.table.source == "tariff/bpu-2027-01.json"
    assert len(tariff_tables(published)) == 2


def test_no_table_before_the_first() -> None:
    with pytest.raises(TariffError, match="Tidak ada tabel iuran yang berlaku pada 01-01-2015"):
        table_on(date(2015, 1, 1))
