"""JKK benefits of a participant who survives a work accident, the school-level guess, and
which benefits are paid once (PP 44/2015 jo. PP 49/2023, Lampiran III)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from loket.domain.benefits import (
    Accident,
    BenefitType,
    IneligibleClaim,
    JhtReason,
    injuries,
    jkk_partial_disability,
    jkk_temporary_inability,
    jkk_total_disability,
    paid_once_group,
    required_documents,
)
from loket.domain.coverage import add_months
from loket.domain.heirs import EducationLevel, guess_level

TODAY = date(2026, 11, 24)
PAID = {add_months(date(2026, 1, 1), n) for n in range(11)}  # 01–11/2026
ACCIDENT = Accident(
    declared_income=3_000_000,
    accident_date=date(2026, 3, 10),
    registered_on=date(2026, 1, 5),
    covered_months=PAID,
    today=TODAY,
)


def test_temporary_inability_pays_whole_months_and_a_part_month_by_its_days() -> None:
    result = jkk_temporary_inability(
        ACCIDENT, first_day=date(2026, 3, 10), last_day=date(2026, 4, 23)
    )  # March 10–31: 22/31; April 1–23: 23/30 — 1,48 months of Rp3.000.000
    assert [(c.label, c.amount) for c in result.components] == [
        ("STMB 100% × 1,48 bulan (upah Rp3.000.000/bulan)", 4_429_032)
    ]
    assert result.components[0].label_en == "STMB 100% × 1.48 months (wage Rp3.000.000/month)"
    assert result.benefit is BenefitType.JKK_STMB


def test_a_year_off_work_is_twelve_months_income() -> None:
    """Issue 27, correction 3: not 365 days ÷ 30 (Rp36.500.000)."""
    year = replace(
        ACCIDENT,
        accident_date=date(2025, 1, 1),
        registered_on=date(2024, 12, 1),
        covered_months={add_months(date(2025, 1, 1), n) for n in range(23)},
    )
    result = jkk_temporary_inability(year, first_day=date(2025, 1, 1), last_day=date(2025, 12, 31))
    assert [(c.label, c.amount) for c in result.components] == [
        ("STMB 100% × 12 bulan (upah Rp3.000.000/bulan)", 36_000_000)
    ]


def test_the_twelve_months_at_full_income_count_from_the_accident() -> None:
    """Issue 27, correction 2: a second claim of one accident, for months 13–14 after it, is
    paid at 50 %; month 12 at 100 %, whatever day the worker stopped."""
    long = replace(
        ACCIDENT,
        accident_date=date(2025, 11, 3),
        registered_on=date(2025, 1, 5),
        covered_months=PAID | {date(2025, 11, 1)},
    )
    later = jkk_temporary_inability(
        long, first_day=date(2026, 11, 3), last_day=date(2026, 11, 23)
    )  # months 13: 21 days of November at 50 %
    assert [(c.label, c.amount) for c in later.components] == [
        ("STMB 50% × 0,7 bulan (upah Rp3.000.000/bulan)", 1_050_000)
    ]
    # stopped a week after the accident: the 100 % band still ends 12 months after it
    first = jkk_temporary_inability(long, first_day=date(2025, 11, 10), last_day=date(2026, 11, 12))
    assert [c.label.split(" (")[0] for c in first.components] == [
        "STMB 100% × 11,77 bulan",  # Nov 10–30 (21/30) + 11 whole months + Nov 1–2 (2/30)
        "STMB 50% × 0,33 bulan",  # Nov 3–12: 10/30
    ]
    assert [c.amount for c in first.components] == [35_300_000, 500_000]


@pytest.mark.parametrize(
    ("first", "last"),
    [(date(2026, 3, 9), date(2026, 3, 20)), (date(2026, 3, 20), date(2026, 3, 19)),
     (date(2026, 3, 20), date(2026, 11, 25))],
)  # fmt: skip
def test_the_days_off_must_follow_the_accident_and_end_by_today(first: date, last: date) -> None:
    with pytest.raises(IneligibleClaim) as refused:
        jkk_temporary_inability(ACCIDENT, first_day=first, last_day=last)
    assert refused.value.field == "stmb_period"


def test_total_disability_is_56_times_the_income_plus_the_periodic_benefit() -> None:
    result = jkk_total_disability(ACCIDENT)
    assert [c.amount for c in result.components] == [168_000_000, 12_000_000]
    assert result.components[0].label.startswith("Santunan cacat total tetap 70% × 80")
    assert "(sementara)" in result.components[1].label  # provisional data, said so


def test_partial_disability_is_the_tables_percentage_times_80_times_the_income() -> None:
    result = jkk_partial_disability(
        ACCIDENT, injury_codes=["telunjuk_kanan", "ruas_jari_lain_kiri"]
    )
    # 9 % × 80 × 3.000.000 = 21.600.000; 1,5 % × 80 × 3.000.000 = 3.600.000
    assert [c.amount for c in result.components] == [21_600_000, 3_600_000]
    assert result.total == 25_200_000
    assert "(tabel sementara)" in result.components[0].label
    with pytest.raises(IneligibleClaim, match="Pilih jenis cacat"):
        jkk_partial_disability(ACCIDENT, injury_codes=[])
    with pytest.raises(IneligibleClaim, match="tidak dikenal"):
        jkk_partial_disability(ACCIDENT, injury_codes=["sayap"])
    assert len(injuries()) >= 20


def test_the_table_holds_its_head_rows_and_marks_only_what_was_not_seen_provisional() -> None:
    """Issue 27, correction 4: the rows read in the table as published for PP 82/2019 are
    not provisional; the rest stay marked (on screen and on paper)."""
    table = {i.code: i for i in injuries()}
    seen = {"lengan_kanan_bahu": 40, "lengan_kiri_bahu": 35, "kedua_mata": 70, "satu_mata": 35,
            "dengar_kedua_telinga": 40, "dengar_satu_telinga": 20, "daun_telinga_satu": 5,
            "daun_telinga_kedua": 10, "cuping_hidung": 30, "sekat_hidung": 15, "penciuman": 10,
            "penglihatan_sebagian": 7, "penglihatan_warna": 10, "lapang_pandang": 7,
            "kulit_kepala": 30, "dengar_db_kedua": 6, "dengar_db_satu": 3}  # fmt: skip
    assert {c: int(table[c].percent) for c in seen} == seen
    assert not any(table[c].provisional for c in seen)
    assert all(i.provisional for c, i in table.items() if c not in seen)
    nose = jkk_partial_disability(ACCIDENT, injury_codes=["cuping_hidung"])
    assert nose.total == 72_000_000 and "sementara" not in nose.components[0].label


def test_the_accident_month_must_be_paid() -> None:
    unpaid = replace(ACCIDENT, covered_months={date(2026, 4, 1)})  # none paid before it
    with pytest.raises(IneligibleClaim, match="Iuran bulan 03/2026 tidak dibayar"):
        jkk_total_disability(unpaid)


@pytest.mark.parametrize(
    ("born", "level", "grade"),
    [
        (date(2022, 8, 1), EducationLevel.NONE, 0),  # 4 on 1 July 2026
        (date(2021, 6, 1), EducationLevel.TK, 1),
        (date(2019, 5, 1), EducationLevel.SD, 1),  # 7 on 1 July 2026
        (date(2014, 3, 10), EducationLevel.SD, 6),  # 12 on 1 July 2026
        (date(2010, 7, 1), EducationLevel.SMA, 1),
        (date(2007, 1, 1), EducationLevel.PT, 1),
        (date(2001, 1, 1), EducationLevel.NONE, 0),
    ],
)
def test_the_school_level_guessed_from_age(born: date, level: EducationLevel, grade: int) -> None:
    assert guess_level(born, TODAY) == (level, grade)


def test_benefits_paid_once() -> None:
    assert paid_once_group(BenefitType.JKM) == paid_once_group(BenefitType.JKK) == "death"
    assert paid_once_group(BenefitType.JHT, JhtReason.AGE_56) == "jht_full"
    assert paid_once_group(BenefitType.JHT, "partial_30") == "jht_partial"
    assert paid_once_group(BenefitType.JKK_TOTAL) == "total_disability"
    assert paid_once_group(BenefitType.JKK_STMB) is None  # per accident
    assert paid_once_group(BenefitType.JKK_PARTIAL) is None


def test_checklists_of_the_accident_benefits_and_the_employers_statement() -> None:
    stmb = required_documents(BenefitType.JKK_STMB)
    assert "stmb_statement" in stmb and "accident_report" in stmb and "heir_ktp" not in stmb
    assert "partial_disability_statement" in required_documents(BenefitType.JKK_PARTIAL)
    total = required_documents(BenefitType.JKK_TOTAL, with_scholarship=True)
    assert {"disability_statement", "school_statement"} <= set(total)
    assert required_documents(BenefitType.JKM, employer_paid=True)[-1] == "employer_statement"
    assert "employer_statement" not in required_documents(BenefitType.JKM)


def test_every_component_has_an_english_label_for_the_screens() -> None:
    results = [
        jkk_temporary_inability(ACCIDENT, first_day=date(2026, 3, 10), last_day=date(2026, 4, 23)),
        jkk_total_disability(ACCIDENT),
        jkk_partial_disability(ACCIDENT, injury_codes=[injuries()[0].code]),
    ]  # fmt: skip
    for result in results:
        for c in result.components:
            assert c.label_en and c.label_en != c.label, c


@pytest.mark.parametrize(
    ("code", "right_handed", "left_handed"),
    [
        ("lengan_kanan_bahu", 40, 35),  # "untuk kidal berlaku sebaliknya"
        ("lengan_kiri_bahu", 35, 40),
        ("ibu_jari_tangan_kanan", 15, 12),
        ("telunjuk_kiri", 7, 9),
        ("ibu_jari_kaki", 5, 5),  # the legs and toes have no sides in the table
        ("kedua_mata", 70, 70),
    ],
)
def test_for_a_left_handed_worker_right_and_left_swap(
    code: str, right_handed: int, left_handed: int
) -> None:
    """Issue 27, correction 5: the table's arm and hand rows, for a left-handed worker."""
    for lefty, percent in ((False, right_handed), (True, left_handed)):
        result = jkk_partial_disability(ACCIDENT, injury_codes=[code], left_handed=lefty)
        assert result.total == percent * 80 * 3_000_000 // 100
    lefty = jkk_partial_disability(ACCIDENT, injury_codes=["lengan_kanan_bahu"], left_handed=True)
    assert "Lengan kanan dari sendi bahu ke bawah (kidal) 35%" in lefty.components[0].label
