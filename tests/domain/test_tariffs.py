"""The worked examples of the domain notes (PP 44/2015 jo. PP 49/2023; PP 50/2025)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from loket.domain.registration import Program
from loket.domain.tariffs import (
    TariffError,
    arrears_rule_on,
    bpu_monthly_dues,
    parse_document,
    table_on,
    tariff_tables,
)

TODAY = date(2027, 1, 24)  # a month without relief for anyone but the transport sector
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
    assert "PP 49/2023" in dues.table.basis
    assert dues.normal == dues.per_program and dues.relief_basis == ""


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
    newer |= {"effective_from": "2027-02-01", "basis": "Peraturan baru (uji)"}
    newer["rates"]["JKM"] = {"flat": 7500}
    published = (("tariff/bpu-2027-02.json", json.dumps(newer)),)
    before = bpu_monthly_dues(1_000_000, ALL, on=date(2027, 1, 31), published=published)
    after = bpu_monthly_dues(1_000_000, ALL, on=date(2027, 2, 1), published=published)
    assert (before.total, after.total) == (36_800, 37_500)
    assert after.table.basis == "Peraturan baru (uji)"
    assert after.table.source == "tariff/bpu-2027-02.json"
    assert len(tariff_tables(published)) == 2


def test_no_table_before_the_first() -> None:
    with pytest.raises(TariffError, match="Tidak ada tabel iuran yang berlaku pada 01-01-2015"):
        table_on(date(2015, 1, 1))


# PP 50/2025: 50 % of JKK and JKM, per contribution month; transport January 2026 – March
# 2027, everyone else April – December 2026; not when the dues come from APBN/APBD.


def test_relief_worked_example_december_2026() -> None:
    dues = bpu_monthly_dues(1_000_000, ALL, on=date(2026, 12, 1))
    assert {p.value: a for p, a in dues.per_program.items()} == {
        "JKK": 5_000,
        "JKM": 3_400,
        "JHT": 20_000,
    }
    assert dues.total == 28_400
    assert {p.value: a for p, a in dues.relief.items()} == {"JKK": 5_000, "JKM": 3_400, "JHT": 0}
    assert (dues.normal_total, dues.relief_total) == (36_800, 8_400)
    assert dues.relief_basis == "Keringanan iuran PP 50/2025"


@pytest.mark.parametrize(
    ("month", "transport", "relieved"),
    [
        (date(2025, 12, 1), True, False),
        (date(2026, 1, 1), True, True),
        (date(2026, 1, 1), False, False),
        (date(2026, 3, 31), False, False),
        (date(2026, 4, 1), False, True),
        (date(2026, 12, 31), False, True),
        (date(2027, 1, 1), False, False),
        (date(2027, 1, 1), True, True),
        (date(2027, 3, 15), True, True),
        (date(2027, 4, 1), True, False),
    ],
)
def test_relief_boundary_months(month: date, transport: bool, relieved: bool) -> None:
    dues = bpu_monthly_dues(1_000_000, {"JKK", "JKM"}, on=month, transport_sector=transport)
    assert dues.total == (8_400 if relieved else 16_800)


def test_any_day_of_the_month_prices_it_alike() -> None:
    days = [date(2026, 4, d) for d in (1, 15, 30)]
    assert {bpu_monthly_dues(2_500_000, ALL, on=d).total for d in days} == {12_500 + 3_400 + 50_000}


def test_budget_funded_dues_pay_the_full_rate() -> None:
    dues = bpu_monthly_dues(1_000_000, ALL, on=date(2026, 12, 1), state_funded=True)
    assert dues.total == 36_800 and dues.relief_basis == ""


def test_relief_of_an_odd_amount_keeps_the_half_rounded_up() -> None:
    # 1 % of Rp1.234.500 = Rp12.345; half of it Rp6.172,50 is paid as Rp6.173
    dues = bpu_monthly_dues(1_234_500, {"JKK", "JKM"}, on=date(2026, 6, 1))
    assert (dues.per_program[Program.JKK], dues.relief[Program.JKK]) == (6_173, 6_172)


def test_the_next_relief_is_data() -> None:
    relief = {
        "kind": "BPU_RELIEF",
        "name": "PP 99/2027",
        "basis": "Keringanan iuran PP 99/2027 (uji)",
        "programs": ["JKM"],
        "percent_off": "99",
        "not_when_funded_by": [],
        "periods": [{"sector": "other", "first_month": "2027-06", "last_month": "2027-06"}],
        "rounding": "half_up_to_rupiah",
    }
    published = (("tariff/relief-2027.json", json.dumps(relief)),)
    dues = bpu_monthly_dues(1_000_000, ALL, on=date(2027, 6, 2), published=published)
    assert (dues.per_program[Program.JKM], dues.relief_basis) == (68, relief["basis"])
    funded = bpu_monthly_dues(
        1_000_000, ALL, on=date(2027, 6, 2), state_funded=True, published=published
    )
    assert funded.per_program[Program.JKM] == 68  # this one excludes no funding source


@pytest.mark.parametrize("income", [1_000_000.0, "1000000", True])
def test_income_must_be_whole_rupiah(income: object) -> None:
    with pytest.raises(ValueError, match="bilangan bulat"):
        bpu_monthly_dues(income, ALL, on=TODAY)  # type: ignore[arg-type]


def test_arrears_rule_is_shipped_data() -> None:
    rule = arrears_rule_on(date(2026, 12, 3))
    assert rule.max_arrears_months == 3 and "PERDIR" in rule.basis and rule.provisional


@pytest.mark.parametrize(
    "document",
    [
        {"kind": "BPU_RELIEF"},
        {
            "kind": "BPU_ARREARS",
            "effective_from": "2027-01-01",
            "basis": "x",
            "max_arrears_months": -1,
        },
        {"kind": "something"},
    ],
)
def test_documents_loket_does_not_understand_are_refused(document: dict[str, object]) -> None:
    with pytest.raises((ValueError, KeyError)):
        parse_document(document, "uji.json")
