"""Issue 27's second part, on the domain's worked examples: death and accidents in arrears
(PP 44/2015 art. 42(1)(a)), a JKK claim's lapse (art. 26), the doctor's measures (loss of
function, scalp, hearing) and the funeral cost to whoever arranged it (art. 37(5))."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from loket.domain.benefits import (
    Accident,
    BenefitType,
    IneligibleClaim,
    JkkLapsed,
    funeral_only,
    jkk_death,
    jkk_partial_disability,
    jkk_temporary_inability,
    jkm,
    required_documents,
)
from loket.domain.coverage import add_months

TODAY = date(2026, 11, 24)


def paid_through(last: date, count: int = 24) -> set[date]:
    """``count`` months paid, the last being ``last``'s month."""
    return {add_months(last.replace(day=1), -n) for n in range(count)}


@pytest.mark.parametrize(
    ("last_paid", "owed"),
    [
        (date(2026, 11, 1), ()),
        (date(2026, 10, 1), ("11/2026",)),
        (date(2026, 8, 1), ("09/2026", "10/2026", "11/2026")),  # three: still a right
    ],
)
def test_death_in_arrears_pays_the_funeral_now_and_the_rest_after_them(
    last_paid: date, owed: tuple[str, ...]
) -> None:
    result = jkm(
        registered_on=date(2024, 1, 1),
        death_date=date(2026, 11, 2),
        covered_months=paid_through(last_paid),
        today=TODAY,
    )
    assert tuple(m.strftime("%m/%Y") for m in result.arrears) == owed
    assert result.total == 42_000_000
    if owed:
        assert result.payable_now == 10_000_000  # the funeral cost, at once
        assert result.held == 32_000_000
        assert [c.code for c in result.components if not c.held] == ["funeral"]
    else:
        assert result.payable_now == 42_000_000 and result.held == 0


def test_four_months_in_arrears_at_death_leave_no_right() -> None:
    with pytest.raises(IneligibleClaim, match=r"tertunggak 4 bulan .*08/2026–11/2026") as no:
        jkm(
            registered_on=date(2024, 1, 1),
            death_date=date(2026, 11, 2),
            covered_months=paid_through(date(2026, 7, 1)),
            today=TODAY,
        )
    assert no.value.field == "event_date"
    # the employer's dues (PU/JAKON) are not the counter's to count
    assert jkm(registered_on=date(2024, 1, 1), death_date=date(2026, 11, 2),
               covered_months=None, today=TODAY).arrears == ()  # fmt: skip


def test_a_work_death_in_arrears_waits_likewise_and_has_its_minimum() -> None:
    result = jkk_death(
        Accident(
            declared_income=2_000_000,
            registered_on=date(2024, 1, 1),
            accident_date=date(2026, 11, 3),
            covered_months=paid_through(date(2026, 9, 1)),
            today=TODAY,
        )
    )
    assert (result.total, result.payable_now, result.held) == (118_000_000, 10_000_000, 108_000_000)
    low = jkk_death(
        Accident(
            declared_income=400_000,
            registered_on=date(2024, 1, 1),
            accident_date=date(2026, 11, 3),
            covered_months=None,
            today=TODAY,
        )
    )
    assert low.components[0].amount == 20_000_000  # 48 × 400.000 = 19.200.000 < the minimum
    assert low.components[0].label.endswith("paling sedikit Rp20.000.000")


ACCIDENT = Accident(
    declared_income=3_000_000,
    accident_date=date(2026, 3, 10),
    registered_on=date(2026, 1, 5),
    covered_months={date(2026, 1, 1), date(2026, 2, 1)},  # March owed
    today=TODAY,
)


def test_every_jkk_cash_benefit_waits_for_the_arrears() -> None:
    stmb = jkk_temporary_inability(
        ACCIDENT, first_day=date(2026, 3, 10), last_day=date(2026, 3, 31)
    )
    assert stmb.payable_now == 0 and stmb.held == stmb.total > 0
    assert [m.strftime("%m/%Y") for m in stmb.arrears] == ["03/2026"]
    paid = replace(ACCIDENT, covered_months={date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)})
    again = jkk_temporary_inability(paid, first_day=date(2026, 3, 10), last_day=date(2026, 3, 31))
    assert again.payable_now == again.total == stmb.total and again.arrears == ()


@pytest.mark.parametrize(
    ("filed_on", "lapsed"),
    [(date(2028, 3, 9), False), (date(2028, 3, 10), False), (date(2028, 3, 11), True)],
)
def test_a_jkk_claim_lapses_two_years_after_the_accident(filed_on: date, lapsed: bool) -> None:
    late = replace(ACCIDENT, covered_months=None, today=date(2028, 6, 1), filed_on=filed_on)
    if lapsed:
        with pytest.raises(JkkLapsed, match=r"gugur 2 tahun .*batas 10-03-2028"):
            jkk_partial_disability(late, injury_codes=["penciuman"])
        # a supervisor let it through, with a written reason
        waived = jkk_partial_disability(
            replace(late, lapse_waived=True), injury_codes=["penciuman"]
        )
        assert waived.total == 24_000_000
    else:
        assert jkk_partial_disability(late, injury_codes=["penciuman"]).total == 24_000_000


def test_a_loss_of_function_is_its_percentage_of_the_tables_row() -> None:
    """The doctor: half the function of the right arm lost — 50 % × 40 % × 80 × income."""
    paid = replace(ACCIDENT, covered_months=None)
    result = jkk_partial_disability(
        paid, injury_codes=["lengan_kanan_bahu"], measures={"lengan_kanan_bahu": 50}
    )
    assert result.total == 48_000_000  # 20 % × 80 × 3.000.000
    assert "fungsi hilang 50% × 40%) 20% × 80" in result.components[0].label
    whole = jkk_partial_disability(
        paid, injury_codes=["lengan_kanan_bahu"], measures={"lengan_kanan_bahu": 100}
    )
    assert whole.total == 96_000_000
    with pytest.raises(IneligibleClaim, match="fungsi yang hilang 1–100"):
        jkk_partial_disability(paid, injury_codes=["penciuman"], measures={"penciuman": 0})


@pytest.mark.parametrize(
    ("code", "measure", "percent"),
    [
        ("kulit_kepala", 10, 10),
        ("kulit_kepala", 30, 30),
        ("dengar_db_kedua", 35, 18),  # three whole 10 dB steps × 6 %
        ("dengar_db_kedua", 120, 40),  # at most the hearing of both ears lost: 40 %
        ("dengar_db_satu", 25, 6),  # two steps × 3 %
    ],
)
def test_scalp_and_hearing_by_the_doctors_measure(code: str, measure: int, percent: int) -> None:
    paid = replace(ACCIDENT, covered_months=None)
    result = jkk_partial_disability(paid, injury_codes=[code], measures={code: measure})
    assert result.total == percent * 80 * 3_000_000 // 100
    assert "sementara" not in result.components[0].label


@pytest.mark.parametrize(
    ("code", "measure"), [("kulit_kepala", 9), ("kulit_kepala", 31), ("kulit_kepala", None),
                          ("dengar_db_satu", 5), ("dengar_db_kedua", None)],
)  # fmt: skip
def test_a_measured_row_needs_its_measure(code: str, measure: int | None) -> None:
    paid = replace(ACCIDENT, covered_months=None)
    measures = {code: measure} if measure is not None else {}
    with pytest.raises(IneligibleClaim) as refused:
        jkk_partial_disability(paid, injury_codes=[code], measures=measures)
    assert refused.value.field == "injuries"


def test_with_no_heir_the_funeral_cost_goes_to_whoever_arranged_it() -> None:
    death = jkm(
        registered_on=date(2024, 1, 1),
        death_date=date(2026, 11, 2),
        covered_months=paid_through(date(2026, 9, 1)),
        today=TODAY,
    )
    arranged = funeral_only(death)
    assert [(c.code, c.amount, c.now) for c in arranged.components] == [
        ("funeral", 10_000_000, 10_000_000)
    ]
    assert arranged.total == arranged.payable_now == 10_000_000 and arranged.arrears == ()
    docs = required_documents(BenefitType.JKM, funeral_arranger=True)
    assert {"funeral_proof", "arranger_ktp", "no_heir_statement"} <= set(docs)
    assert "heir_statement" not in docs
