"""Benefit rules against the worked examples of the domain notes (PP 44/2015 jo. PP 49/2023)."""

from __future__ import annotations

from datetime import date

import pytest

from loket.domain.benefits import (
    Accident,
    BenefitType,
    Child,
    HeirRef,
    IneligibleClaim,
    JhtReason,
    ScholarshipCause,
    check_claimant,
    contribution_months,
    entitled_heirs,
    jht,
    jkk_death,
    jkm,
    paid_months_up_to,
    required_documents,
    scholarship_schedule,
)
from loket.domain.coverage import add_months
from loket.domain.heirs import EducationLevel, Relation

TODAY = date(2026, 11, 24)


def months(first: date, count: int) -> set[date]:
    return {add_months(first, n) for n in range(count)}


PAID_SINCE_2022 = months(date(2022, 9, 1), 51)  # 09/2022 … 11/2026


def test_jkm_is_42_million_in_three_parts() -> None:
    result = jkm(
        registered_on=date(2022, 9, 1),
        death_date=date(2026, 11, 2),
        covered_months=PAID_SINCE_2022,
        today=TODAY,
    )
    assert [(c.label, c.amount) for c in result.components] == [
        ("Santunan sekaligus", 20_000_000),
        ("Santunan berkala 24 × Rp500.000 (dibayar sekaligus)", 12_000_000),
        ("Biaya pemakaman", 10_000_000),
    ]
    assert [c.label_en for c in result.components] == [
        "Lump sum",
        "Periodic benefit 24 × Rp500.000 (paid at once)",
        "Funeral costs",
    ]
    assert result.total == result.payable_now == 42_000_000
    assert result.rule_version == "PP 44/2015 jo. PP 82/2019 jo. PP 49/2023"
    assert "PP 49/2023" in result.components[0].basis


def test_jkm_needs_a_paid_month_before_death_and_no_minimum_period() -> None:
    with pytest.raises(IneligibleClaim, match="Iuran bulan 11/2026 tidak dibayar"):
        jkm(
            registered_on=date(2026, 11, 1),
            death_date=date(2026, 11, 2),
            covered_months=set(),
            today=TODAY,
        )
    # no source sets a minimum: one paid month (the month of death) is enough
    one_month = {"registered_on": date(2026, 11, 1), "death_date": date(2026, 11, 2)}
    assert jkm(covered_months={date(2026, 11, 1)}, today=TODAY, **one_month).total == 42_000_000  # type: ignore[arg-type]
    # a branch setting may still ask for consecutive months
    with pytest.raises(IneligibleClaim, match=r"3 bulan iuran berturut-turut; .* baru 2 bulan"):
        jkm(
            registered_on=date(2026, 10, 1),
            death_date=date(2026, 11, 2),
            covered_months=months(date(2026, 10, 1), 2),
            today=TODAY,
            min_paid_months=3,
        )
    # PU/JAKON: coverage is the employer's (None), checked from its statement by the service
    assert jkm(covered_months=None, today=TODAY, **one_month).total == 42_000_000  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("death", "message"),
    [
        (date(2026, 11, 25), "Tanggal kejadian tidak boleh di masa depan."),
        (date(2022, 8, 31), r"Tanggal kejadian sebelum peserta terdaftar \(01-09-2022\)."),
    ],
)
def test_a_death_date_in_the_future_or_before_registration(death: date, message: str) -> None:
    with pytest.raises(IneligibleClaim, match=message) as refused:
        jkm(
            registered_on=date(2022, 9, 1),
            death_date=death,
            covered_months=PAID_SINCE_2022,
            today=TODAY,
        )
    assert refused.value.field == "event_date"


def test_consecutive_paid_months_stop_at_a_gap() -> None:
    paid = months(date(2026, 1, 1), 3) | months(date(2026, 6, 1), 4)  # 01–03, 06–09
    assert paid_months_up_to(paid, date(2026, 9, 15)) == 4
    assert paid_months_up_to(paid, date(2026, 3, 1)) == 3
    assert paid_months_up_to(paid, date(2026, 5, 1)) == 0
    assert paid_months_up_to(months(date(2025, 11, 1), 4), date(2026, 2, 1)) == 4  # over New Year


def test_jkk_death_is_48_times_the_declared_income_plus_22_million() -> None:
    result = jkk_death(
        Accident(
            declared_income=2_000_000,
            registered_on=date(2026, 10, 1),
            accident_date=date(2026, 11, 3),
            covered_months=months(date(2026, 10, 1), 2),
            today=TODAY,
        )
    )
    assert [c.amount for c in result.components] == [96_000_000, 12_000_000, 10_000_000]
    assert result.total == 118_000_000 and result.benefit is BenefitType.JKK


SMP_1 = Child("Rina", date(2014, 3, 10), EducationLevel.SMP, 1)
SD_3 = Child("Dimas", date(2018, 6, 1), EducationLevel.SD, 3)
AFTER_DEATH = {
    "cause": ScholarshipCause.DEATH,
    "contribution_months": 48,  # a member of 4 years who paid every month
    "registered_on": date(2020, 1, 1),
    "event_date": date(2026, 11, 2),
    "today": TODAY,
}


def test_the_worked_scholarship_example_two_children_156_million() -> None:
    result = scholarship_schedule([SMP_1, SD_3], **AFTER_DEATH)  # type: ignore[arg-type]
    assert [c.amount for c in result.components] == [75_000_000, 81_000_000]
    assert result.total == 156_000_000
    assert result.payable_now == 3_500_000  # this year: 2.000.000 + 1.500.000
    rina = [
        (e.year, e.stage.value, e.grade, e.amount) for e in result.schedule if e.child == "Rina"
    ]
    assert rina == [
        (2026, "SMP", 1, 2_000_000),
        (2027, "SMP", 2, 2_000_000),
        (2028, "SMP", 3, 2_000_000),
        (2029, "SMA", 1, 3_000_000),
        (2030, "SMA", 2, 3_000_000),
        (2031, "SMA", 3, 3_000_000),
        (2032, "PT", 1, 12_000_000),
        (2033, "PT", 2, 12_000_000),
        (2034, "PT", 3, 12_000_000),
        (2035, "PT", 4, 12_000_000),
        (2036, "PT", 5, 12_000_000),
    ]
    dimas_sd = [
        e.grade for e in result.schedule if e.child == "Dimas" and e.stage is EducationLevel.SD
    ]
    assert dimas_sd == [3, 4, 5, 6]  # SD years 3–6: 4 × 1.500.000


def test_two_children_entering_sma_get_the_138_million_of_the_branch_event() -> None:
    children = [
        Child("Anak 1", date(2011, 1, 5), EducationLevel.SMA, 1),
        Child("Anak 2", date(2011, 1, 5), EducationLevel.SMA, 1),
    ]
    result = scholarship_schedule(children, **AFTER_DEATH)  # type: ignore[arg-type]
    assert [c.amount for c in result.components] == [69_000_000, 69_000_000]
    assert result.total == 138_000_000


def test_a_child_from_kindergarten_gets_at_most_87_million() -> None:
    result = scholarship_schedule(
        [Child("Kecil", date(2022, 7, 1), EducationLevel.TK, 1)],  # 4: 22 in the 19th year
        **AFTER_DEATH,  # type: ignore[arg-type]
    )
    assert result.total == 87_000_000 and len(result.schedule) == 19  # 8 + 3 + 3 + 5 years
    # a year older: the 19th year falls on the 23rd birthday's side, and is not paid
    older = scholarship_schedule(
        [Child("Kecil", date(2021, 7, 1), EducationLevel.TK, 1)],
        **AFTER_DEATH,  # type: ignore[arg-type]
    )
    assert older.total == 75_000_000 and len(older.schedule) == 18


@pytest.mark.parametrize(
    ("cause", "paid", "granted"),
    [
        (ScholarshipCause.DEATH, 35, False),
        (ScholarshipCause.DEATH, 36, True),
        (ScholarshipCause.WORK_DEATH, 1, True),
        (ScholarshipCause.WORK_TOTAL_DISABILITY, 0, True),
        (ScholarshipCause.DEATH, None, True),  # PU/JAKON: the employer's statement decides
    ],
)
def test_the_minimum_is_36_paid_months_unless_a_work_accident(
    cause: ScholarshipCause, paid: int | None, granted: bool
) -> None:
    # registered 2014 (12 years) but the contribution period counts, not the years
    kwargs = AFTER_DEATH | {"cause": cause, "contribution_months": paid}
    if granted:
        assert scholarship_schedule([SMP_1, SD_3], **kwargs).total == 156_000_000  # type: ignore[arg-type]
    else:
        with pytest.raises(IneligibleClaim, match=r"masa iur paling sedikit 36 bulan; .* 35 bulan"):
            scholarship_schedule([SMP_1, SD_3], **kwargs)  # type: ignore[arg-type]


def test_no_scholarship_after_a_disability_not_caused_by_work() -> None:
    kwargs = AFTER_DEATH | {"cause": ScholarshipCause.OTHER}
    with pytest.raises(IneligibleClaim, match="cacat total tetap akibat kecelakaan kerja") as no:
        scholarship_schedule([SMP_1], **kwargs)  # type: ignore[arg-type]
    assert no.value.field == "scholarship_cause"


def test_contribution_months_count_every_paid_month_up_to_the_event() -> None:
    paid = months(date(2023, 1, 1), 20) | months(date(2025, 1, 1), 16)  # a lapse between
    assert contribution_months(paid, date(2026, 4, 30)) == 36
    assert contribution_months(paid, date(2026, 3, 1)) == 35


def test_a_third_child_an_older_child_and_a_wrong_grade_are_refused() -> None:
    kwargs = AFTER_DEATH
    with pytest.raises(IneligibleClaim, match="paling banyak untuk 2 anak"):
        scholarship_schedule([SMP_1, SD_3, SMP_1], **kwargs)  # type: ignore[arg-type]
    with pytest.raises(IneligibleClaim, match="Tua berusia 24 tahun: beasiswa hanya bagi anak"):
        scholarship_schedule([Child("Tua", date(2002, 1, 1), EducationLevel.PT, 1)], **kwargs)  # type: ignore[arg-type]
    with pytest.raises(IneligibleClaim, match="Rina: SMP hanya kelas/tahun 1 sampai 3"):
        scholarship_schedule([Child("Rina", date(2014, 3, 10), EducationLevel.SMP, 4)], **kwargs)  # type: ignore[arg-type]


def test_a_year_is_scheduled_only_while_the_child_is_not_yet_23() -> None:
    """Permenaker 5/2021: "belum mencapai usia 23 tahun" — each year's payment, on the
    claim's anniversary, to a child not yet 23 that day (issue 27, correction 1)."""
    result = scholarship_schedule(
        [Child("Lambat", date(2005, 1, 1), EducationLevel.SMA, 3)],  # 21 now
        **AFTER_DEATH,  # type: ignore[arg-type]
    )
    # 2028-11-24 they are 23: no payment that year (it was paid, at "up to 23", before)
    assert [(e.year, e.stage.value) for e in result.schedule] == [(2026, "SMA"), (2027, "PT")]


@pytest.mark.parametrize(
    ("born", "years"),
    [
        (date(2003, 11, 25), [2026]),  # the day before the 23rd birthday: this year only
        (date(2004, 11, 24), [2026]),  # 22 today, 23 on the next anniversary
        (date(2004, 11, 25), [2026, 2027]),  # still 22 on the next anniversary
    ],
)
def test_the_23rd_birthday_boundary(born: date, years: list[int]) -> None:
    assert date(2026, 11, 24) == TODAY
    result = scholarship_schedule(
        [Child("Batas", born, EducationLevel.PT, 1)],
        **AFTER_DEATH,  # type: ignore[arg-type]
    )
    assert [e.year for e in result.schedule] == years


def test_a_child_on_their_23rd_birthday_gets_nothing() -> None:
    with pytest.raises(IneligibleClaim, match="Batas berusia 23 tahun: beasiswa hanya bagi"):
        scholarship_schedule(
            [Child("Batas", date(2003, 11, 24), EducationLevel.PT, 1)],
            **AFTER_DEATH,  # type: ignore[arg-type]
        )


def jht_claim(reason: JhtReason, **changes: object) -> int:
    kwargs: dict[str, object] = {
        "balance": 25_000_000,
        "statement_date": date(2026, 11, 1),
        "reason": reason,
        "birth_date": date(1975, 5, 1),
        "registered_on": date(2014, 1, 1),
        "event_date": TODAY,
        "today": TODAY,
        "wage_earner": True,
    }
    kwargs.update(changes)
    return jht(**kwargs).total  # type: ignore[arg-type]


def test_jht_pays_the_statement_balance_or_what_is_asked_up_to_the_cap() -> None:
    assert jht_claim(JhtReason.LEFT_COUNTRY) == 25_000_000
    assert jht_claim(JhtReason.PARTIAL_RETIREMENT, requested=2_500_000) == 2_500_000
    assert jht_claim(JhtReason.PARTIAL_HOUSING, requested=7_500_000) == 7_500_000
    assert jht_claim(JhtReason.PARTIAL_HOUSING, requested=5_000_000) == 5_000_000  # at most
    assert jht_claim(JhtReason.AGE_56, birth_date=date(1970, 11, 24)) == 25_000_000
    assert jht_claim(JhtReason.STOPPED_WORKING, event_date=date(2026, 10, 24)) == 25_000_000


@pytest.mark.parametrize(
    ("reason", "changes", "message"),
    [
        (JhtReason.AGE_56, {}, "belum berusia 56 tahun"),
        (JhtReason.STOPPED_WORKING, {"event_date": date(2026, 10, 25)}, "mulai 25-11-2026"),
        (JhtReason.PARTIAL_HOUSING, {"registered_on": date(2017, 1, 1)}, "baru 9 tahun"),
        (JhtReason.PARTIAL_HOUSING, {"partial_taken": True}, "hanya sekali"),
        (JhtReason.PARTIAL_HOUSING, {}, r"Isi jumlah yang diminta \(paling banyak Rp7.500.000"),
        (
            JhtReason.PARTIAL_RETIREMENT,
            {"requested": 2_500_001},
            "paling banyak 10% saldo: Rp2.500.000; diminta Rp2.500.001",
        ),
        (JhtReason.DEATH, {"balance": 0}, "Isi saldo JHT"),
        (JhtReason.DEATH, {"statement_date": date(2026, 12, 1)}, "rincian saldo"),
    ],
)
def test_jht_refusals(reason: JhtReason, changes: dict[str, object], message: str) -> None:
    with pytest.raises(IneligibleClaim, match=message):
        jht_claim(reason, **changes)


def test_the_one_month_wait_is_for_wage_earners_only() -> None:
    stopped = {"event_date": date(2026, 11, 20)}
    with pytest.raises(IneligibleClaim, match="masa tunggu satu bulan"):
        jht_claim(JhtReason.STOPPED_WORKING, **stopped)
    assert jht_claim(JhtReason.STOPPED_WORKING, wage_earner=False, **stopped) == 25_000_000


WIDOW = HeirRef("Siti Aminah", Relation.SPOUSE)
SON = HeirRef("Rina", Relation.CHILD)
MOTHER = HeirRef("Hj. Masitah", Relation.PARENT)


def test_the_claimant_must_be_first_in_the_order_of_entitlement() -> None:
    check_claimant(WIDOW, [WIDOW, SON, MOTHER])
    check_claimant(SON, [WIDOW, SON, MOTHER])
    with pytest.raises(IneligibleClaim) as refused:
        check_claimant(MOTHER, [WIDOW, SON, MOTHER])
    assert str(refused.value) == (
        "Hj. Masitah bukan ahli waris yang berhak. Yang berhak: Siti Aminah, Rina."
    )
    check_claimant(MOTHER, [MOTHER, HeirRef("Adik", Relation.SIBLING)])  # no spouse, no child
    assert entitled_heirs([HeirRef("Adik", Relation.SIBLING), MOTHER]) == [MOTHER]


@pytest.mark.parametrize(
    ("recorded", "entitled"),
    [
        (["spouse", "child", "parent", "grandparent"], ["spouse", "child"]),
        (
            ["parent", "grandparent", "grandchild", "sibling"],
            ["parent", "grandparent", "grandchild"],
        ),
        (["grandparent", "sibling", "parent_in_law"], ["grandparent"]),  # a grandparent alone
        (["grandchild", "sibling"], ["grandchild"]),
        (["sibling", "parent_in_law", "will"], ["sibling"]),
        (["parent_in_law", "will"], ["parent_in_law"]),
        (["will"], ["will"]),
        ([], []),
    ],
)
def test_the_order_of_heirs_each_rank_present_or_absent(
    recorded: list[str], entitled: list[str]
) -> None:
    """PP 44/2015 art. 37(5) and its elucidation (issue 27, correction 8): parents,
    grandparents and grandchildren are one rank, before siblings."""
    heirs = [HeirRef(r, Relation(r)) for r in recorded]
    assert [h.name for h in entitled_heirs(heirs)] == entitled


def test_document_checklists() -> None:
    assert required_documents(BenefitType.JKM) == (
        "kpj_card",
        "death_certificate",
        "heir_ktp",
        "family_card",
        "heir_statement",
        "bank_book",
    )
    assert "accident_report" in required_documents(BenefitType.JKK)
    with_children = required_documents(BenefitType.JKM, with_scholarship=True)
    assert with_children[-2:] == ("birth_certificate", "school_statement")
    stop = required_documents(BenefitType.JHT, jht_reason=JhtReason.STOPPED_WORKING)
    assert "stop_work_proof" in stop and "npwp" not in stop
    assert "npwp" in required_documents(
        BenefitType.JHT, jht_reason=JhtReason.AGE_56, jht_balance=80_000_000
    )


def test_each_benefit_cites_its_own_regulations() -> None:
    """Issue 27, correction 10: JKK, JKM and the scholarship under PP 44/2015 with the
    amounts of PP 82/2019 and the last amendment PP 49/2023; JHT under its own PP 46/2015."""
    from loket.domain.benefits.jht import jht

    saved = jht(balance=25_000_000, statement_date=date(2026, 11, 1), reason=JhtReason.AGE_56,
                birth_date=date(1970, 1, 1), registered_on=date(2000, 1, 1),
                event_date=TODAY, today=TODAY, wage_earner=True)  # fmt: skip
    assert saved.rule_version == "PP 46/2015 jo. PP 60/2015"
    assert saved.components[0].basis.startswith("PP 46/2015")
    scholarship = scholarship_schedule([SMP_1], **AFTER_DEATH)  # type: ignore[arg-type]
    assert scholarship.components[0].basis == "PP 44/2015 jo. PP 82/2019 jo. PP 49/2023 (beasiswa)"
