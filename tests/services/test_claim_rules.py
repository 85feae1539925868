"""The benefit rules in force at the service layer, on SQLite and PostgreSQL: a benefit paid
once is refused a second time (also when two counters file at once), PU coverage from the
employer's statement, the scholarship's contribution period, JHT partial payouts, the JKK
benefits of a survivor, and the children's levels written back."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import date

import pytest

from loket.db.engine import Database
from loket.domain.errors import LoketError
from loket.domain.heirs import Relation
from loket.services.claims import (
    FLAG_EMPLOYER_MEMBERSHIP,
    ChildInput,
    ClaimInput,
    HandoverInput,
    PayoutInput,
    create_claim,
    decide_claim,
    get_claim,
    pay_claim,
    record_handover,
    submit_claim,
)
from loket.services.errors import Conflict
from loket.services.participants import get_participant
from loket.services.registration import HeirInput, register_participant
from tests.claims_office import JKM_DOCUMENTS, NOW, Branch, at, jkm_claim, member_since_2022
from tests.factories import bpu_worker, close_drawer

DEATH = jkm_claim  # the office's JKM claim for Ahmad Fauzi's death


def _approve(o: Branch, claim_id: int) -> None:
    submit_claim(o.db, o.staff, claim_id, clock=NOW)
    decide_claim(o.db, o.head, claim_id, approve=True, password=o.passwords["kepala"], clock=NOW)


def _paid_and_handed_over(o: Branch, data: ClaimInput) -> int:
    claim_id = create_claim(o.db, o.staff, data, clock=NOW)
    _approve(o, claim_id)
    amount = get_claim(o.db, o.staff, claim_id).payable_now
    pay_claim(o.db, o.staff, claim_id, PayoutInput("transfer", amount, "Bank Kalsel",
              "0123456789", "TRF-1"), clock=NOW)  # fmt: skip
    record_handover(o.db, o.staff, claim_id, HandoverInput(date(2026, 11, 24), "KC Banjarmasin",
                    "Siti Aminah", "6371054505900002", ("Hj. Masitah",)), clock=NOW)  # fmt: skip
    return claim_id


def test_one_death_is_paid_once(office: Branch) -> None:
    o = office
    _paid_and_handed_over(o, DEATH(o, children=(), documents=JKM_DOCUMENTS))
    for benefit in ("JKM", "JKK"):  # the same death again, or as a work accident
        with pytest.raises(Conflict, match="sudah diajukan dalam klaim KL/BJM/2026/000001") as no:
            create_claim(o.db, o.staff, DEATH(o, benefit=benefit, children=()), clock=NOW)
        assert no.value.field == "benefit"


def test_a_rejected_claim_does_not_count_and_a_draft_does(office: Branch) -> None:
    o = office
    first = create_claim(o.db, o.staff, DEATH(o, children=(), documents=JKM_DOCUMENTS), clock=NOW)
    with pytest.raises(Conflict, match="KL/BJM/2026/000001"):
        create_claim(o.db, o.staff, DEATH(o, children=()), clock=NOW)
    submit_claim(o.db, o.staff, first, clock=NOW)
    decide_claim(o.db, o.supervisor, first, approve=False, password=o.passwords["supervisor"],
                 note="Akta kematian tidak terbaca", clock=NOW)  # fmt: skip
    second = create_claim(o.db, o.staff, DEATH(o, children=()), clock=NOW)
    assert get_claim(o.db, o.staff, second).number == "KL/BJM/2026/000002"


def test_two_counters_filing_the_same_death_at_once_get_one_claim(office: Branch) -> None:
    o = office

    def file() -> str:
        try:
            return str(create_claim(o.db, o.staff, DEATH(o, children=()), clock=NOW))
        except Conflict as refused:
            return str(refused)

    with ThreadPoolExecutor(max_workers=2) as pool:
        answers = sorted(pool.map(lambda _: file(), range(2)))
    assert answers[0].isdigit() and "sudah diajukan dalam klaim" in answers[1]


def test_jht_paid_in_full_once(office: Branch) -> None:
    o = office
    jht = ClaimInput(o.participant_id, "JHT", date(2026, 11, 20), bank_name="BRI",
                     bank_account="1234567890", account_holder="Ahmad Fauzi",
                     jht_balance=8_450_000, jht_statement_date=date(2026, 11, 1),
                     jht_reason="left_country")  # fmt: skip
    create_claim(o.db, o.staff, jht, clock=NOW)
    with pytest.raises(Conflict, match="JHT peserta ini sudah diajukan seluruhnya"):
        create_claim(o.db, o.staff, replace(jht, jht_reason="age_56"), clock=NOW)


def test_a_partial_jht_payout_is_what_is_asked_up_to_the_cap(office: Branch) -> None:
    o = office
    worker = replace(bpu_worker(serial=7, full_name="Lama Sekali", birth_date=date(1970, 1, 1)),
                     segment="PU", npp="12345678", declared_income=None,
                     occupation="karyawan")  # fmt: skip
    pid = register_participant(o.db, o.staff, worker, clock=at(2014, 1, 6)).participant_id
    partial = ClaimInput(pid, "JHT", date(2026, 11, 20), bank_name="BRI",
                         bank_account="1234567890", account_holder="Lama Sekali",
                         jht_balance=40_000_000, jht_statement_date=date(2026, 11, 1),
                         jht_reason="partial_30", jht_requested=12_000_001)  # fmt: skip
    with pytest.raises(LoketError, match=r"paling banyak 30% saldo: Rp12\.000\.000") as capped:
        create_claim(o.db, o.staff, partial, clock=NOW)
    assert capped.value.field == "jht_requested"
    claim_id = create_claim(o.db, o.staff, replace(partial, jht_requested=9_000_000), clock=NOW)
    assert get_claim(o.db, o.staff, claim_id).total == 9_000_000


def test_a_bpu_worker_who_stopped_work_last_week_waits_for_nothing(office: Branch) -> None:
    o = office
    stopped = ClaimInput(o.participant_id, "JHT", date(2026, 11, 17), bank_name="BRI",
                         bank_account="1234567890", account_holder="Ahmad Fauzi",
                         jht_balance=8_450_000, jht_statement_date=date(2026, 11, 1),
                         jht_reason="stopped_working")  # fmt: skip
    assert get_claim(o.db, o.staff, create_claim(o.db, o.staff, stopped, clock=NOW)).total == (
        8_450_000
    )


def test_a_wage_earners_death_rests_on_the_employers_statement(office: Branch) -> None:
    o = office
    heirs = (HeirInput("Nur Aini", Relation.SPOUSE, "6371054505920002", date(1992, 5, 5)),)
    pu = replace(bpu_worker(serial=8, full_name="Karyawan Tambang", birth_date=date(1985, 2, 2),
                            heirs=heirs), segment="PU", npp="12345678", declared_income=None,
                 occupation="karyawan")  # fmt: skip
    pid = register_participant(o.db, o.staff, pu, clock=at(2025, 1, 6)).participant_id
    heir = get_participant(o.db, o.staff, pid).heirs[0].id
    data = DEATH(o, participant_id=pid, claimant_heir_id=heir, children=(),
                 documents=JKM_DOCUMENTS, account_holder="Nur Aini")  # fmt: skip
    claim_id = create_claim(o.db, o.staff, data, clock=NOW)  # no dues paid here: not refused
    c = get_claim(o.db, o.staff, claim_id)
    assert c.total == 42_000_000 and c.flags == (FLAG_EMPLOYER_MEMBERSHIP,)
    assert "employer_statement" in c.required_documents
    with pytest.raises(LoketError, match="Surat keterangan kepesertaan dari pemberi kerja"):
        submit_claim(o.db, o.staff, claim_id, clock=NOW)


def test_the_scholarship_needs_36_paid_months_after_a_death_not_caused_by_work(
    office: Branch,
) -> None:
    o = office
    heirs = (
        HeirInput("Ina", Relation.SPOUSE, "6371054505930002", date(1993, 5, 5)),
        HeirInput("Bayu", Relation.CHILD, "", date(2015, 2, 2)),
    )
    worker = bpu_worker(serial=9, full_name="Baru Dua Tahun", birth_date=date(1988, 3, 3),
                        heirs=heirs)  # fmt: skip
    pid = register_participant(o.db, o.staff, worker, clock=at(2024, 11, 4)).participant_id
    from loket.services.payments import PaymentLine, pay

    for year in (2024, 2025):
        when = at(year, 11, 4)
        pay(o.db, o.staff, [PaymentLine(pid, 12)], method="cash", tendered=10**7, clock=when)
        close_drawer(o.db, o.staff, when)
    spouse = get_participant(o.db, o.staff, pid).heirs[0].id
    bayu = (ChildInput("Bayu", date(2015, 2, 2), "SMP", 1),)
    data = DEATH(o, participant_id=pid, claimant_heir_id=spouse, children=bayu,
                 event_date=date(2026, 10, 5), account_holder="Ina")  # fmt: skip
    with pytest.raises(LoketError, match=r"masa iur paling sedikit 36 bulan; .* 24 bulan"):
        create_claim(o.db, o.staff, data, clock=NOW)
    # the same death from a work accident: scholarship with no minimum
    claim_id = create_claim(o.db, o.staff, replace(data, benefit="JKK"), clock=NOW)
    assert get_claim(o.db, o.staff, claim_id).schedule[0].child == "Bayu"
    # the child's level from the school statement is written back to the heir
    assert [h.education_level for h in get_participant(o.db, o.staff, pid).heirs] == ["", "SMP"]


def test_a_scholarship_on_its_own_for_anything_but_death_or_jkk_total_disability(
    office: Branch,
) -> None:
    o = office
    alone = DEATH(o, benefit="BEASISWA", scholarship_cause="other")
    with pytest.raises(LoketError, match="hanya dibayar setelah cacat total tetap") as no:
        create_claim(o.db, o.staff, alone, clock=NOW)
    assert no.value.field == "scholarship_cause"
    ok = create_claim(o.db, o.staff, replace(alone, scholarship_cause="work_total_disability"),
                      clock=NOW)  # fmt: skip
    assert get_claim(o.db, o.staff, ok).total == 156_000_000


def test_a_survivors_jkk_benefits_are_claimed_by_the_participant(office: Branch) -> None:
    o = office
    seen = {"kpj_card", "participant_ktp", "family_card", "accident_report", "stmb_statement"}
    base = ClaimInput(o.participant_id, "JKK_STMB", date(2026, 10, 1), bank_name="BRI",
                      bank_account="1234567890", account_holder="Ahmad Fauzi",
                      stmb_first_day=date(2026, 10, 1), stmb_last_day=date(2026, 10, 31),
                      documents=frozenset(seen | {"bank_book"}))  # fmt: skip
    stmb = create_claim(o.db, o.staff, base, clock=NOW)
    c = get_claim(o.db, o.staff, stmb)
    assert (c.claimant_name, c.total) == ("Ahmad Fauzi", 1_000_000)  # all October: one month
    submit_claim(o.db, o.staff, stmb, clock=NOW)
    partial = replace(base, benefit="JKK_PARTIAL", injuries=("ibu_jari_tangan_kanan",))
    c = get_claim(o.db, o.staff, create_claim(o.db, o.staff, partial, clock=NOW))
    assert c.total == 12_000_000  # 15 % × 80 × Rp1.000.000
    # a left-handed worker (the doctor's statement): the right thumb is the left one's 12 %,
    # kept with the claim and computed again from it
    lefty = get_claim(o.db, o.staff, create_claim(
        o.db, o.staff, replace(partial, left_handed=True), clock=NOW))  # fmt: skip
    assert lefty.total == 9_600_000 and lefty.input is not None and lefty.input.left_handed
    total = replace(base, benefit="JKK_TOTAL")
    c = get_claim(o.db, o.staff, create_claim(o.db, o.staff, total, clock=NOW))
    assert c.total == 56_000_000 + 12_000_000
    with pytest.raises(Conflict, match="cacat total tetap sudah diajukan"):
        create_claim(o.db, o.staff, total, clock=NOW)


@pytest.fixture
def _db(office: Branch) -> Database:  # keeps the fixture's name in reports short
    return office.db


def test_a_grandparent_claims_with_the_parents_rank_before_a_sibling(office: Branch) -> None:
    """Issue 27, correction 8 (PP 44/2015 art. 37(5)): parents, grandparents and
    grandchildren are one rank; with no spouse, child or parent, the grandmother claims and
    the brother may not."""
    o = office
    heirs = (
        HeirInput("Hj. Aminah", Relation.GRANDPARENT, "6371054505500002", date(1950, 5, 5)),
        HeirInput("Rudi", Relation.SIBLING, "6371050505950003", date(1995, 5, 5)),
    )
    single = bpu_worker(serial=21, full_name="Pemuda Lajang", birth_date=date(2000, 2, 2),
                        heirs=heirs)  # fmt: skip
    pid = member_since_2022(o.db, o.staff, single)
    grandmother, brother = (h.id for h in get_participant(o.db, o.staff, pid).heirs)
    data = DEATH(o, participant_id=pid, claimant_heir_id=brother, children=(),
                 documents=JKM_DOCUMENTS, account_holder="Rudi")  # fmt: skip
    with pytest.raises(
        LoketError, match=r"Rudi bukan ahli waris yang berhak\. Yang berhak: Hj\. Aminah"
    ):
        create_claim(o.db, o.staff, data, clock=NOW)
    claim_id = create_claim(
        o.db,
        o.staff,
        replace(data, claimant_heir_id=grandmother, account_holder="Hj. Aminah"),
        clock=NOW,
    )
    assert get_claim(o.db, o.staff, claim_id).claimant_name == "Hj. Aminah"
