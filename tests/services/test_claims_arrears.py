"""Issue 27's second part through the services: a death or an accident in arrears (the
funeral cost now, the arrears paid on the claim at the payment page, then the rest), a
JKK claim filed after it lapsed (a supervisor's leave, audited), STMB periods of one
accident, a loss of function, and the funeral cost to whoever arranged it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from loket.domain.benefits import JkkLapsed
from loket.domain.errors import LoketError
from loket.services.audit import verify_chain
from loket.services.claim_documents import claim_document
from loket.services.claims import (
    Arranger,
    ClaimInput,
    HandoverInput,
    LateApproval,
    PayoutInput,
    continue_after_arrears,
    create_claim,
    decide_claim,
    get_claim,
    pay_claim,
    record_handover,
    submit_claim,
)
from loket.services.errors import Conflict
from loket.services.four_eyes import Override
from loket.services.participants import get_participant
from loket.services.payments import PaymentLine, pay
from tests.claims_office import (
    JKM_DOCUMENTS,
    NOW,
    Branch,
    at,
    jkm_claim,
    paid_through_august,
)
from tests.factories import close_drawer, passwords_chosen
from tests.pdf_reading import pdf_text

OWN_DOCUMENTS = frozenset(
    {"kpj_card", "participant_ktp", "family_card", "accident_report", "bank_book"}
)


def TRANSFER(amount: int) -> PayoutInput:  # reads as a constant
    return PayoutInput("transfer", amount, "BRI", "1234567890", "TRF-77")


def death_of(o: Branch, pid: int) -> ClaimInput:
    widow = get_participant(o.db, o.staff, pid).heirs[0].id
    return jkm_claim(o, participant_id=pid, claimant_heir_id=widow, children=(),
                     documents=JKM_DOCUMENTS, account_holder="Nur Aini")  # fmt: skip


def _approve(o: Branch, claim_id: int) -> None:
    submit_claim(o.db, o.staff, claim_id, clock=NOW)
    decide_claim(o.db, o.head, claim_id, approve=True, password=o.passwords["kepala"], clock=NOW)


def _pay_and_hand_over(o: Branch, claim_id: int, clock: object = NOW) -> None:
    amount = get_claim(o.db, o.staff, claim_id).payable_now
    pay_claim(o.db, o.staff, claim_id, PayoutInput("transfer", amount, "Bank Kalsel",
              "0123456789", f"TRF-{claim_id}"), clock=clock)  # type: ignore[arg-type]  # fmt: skip
    record_handover(o.db, o.staff, claim_id, HandoverInput(
        clock().date(), "KC Banjarmasin", "Nur Aini", "6371054505900002", ("Hj. Masitah",)),  # type: ignore[operator]
        clock=clock)  # type: ignore[arg-type]  # fmt: skip


def _pdf_text(pdf: bytes) -> str:
    return " ".join(pdf_text(pdf).split())


def test_the_heirs_pay_the_arrears_on_the_claim_and_it_goes_on_whole(office: Branch) -> None:
    o = office
    pid = paid_through_august(o, 31)
    claim_id = create_claim(o.db, o.staff, death_of(o, pid), clock=NOW)
    c = get_claim(o.db, o.staff, claim_id)
    assert [m.strftime("%m/%Y") for m in c.arrears] == ["09/2026", "10/2026", "11/2026"]
    assert (c.total, c.payable_now, c.held) == (42_000_000, 10_000_000, 32_000_000)
    assert [x.held for x in c.components] == [True, True, False]  # the funeral cost is not
    receipt = _pdf_text(claim_document(o.db, o.staff, claim_id, "intake", clock=NOW))
    assert "Iuran bulan 09/2026, 10/2026, 11/2026 tertunggak saat kejadian" in receipt
    # the payment page takes exactly those months for the claim
    with pytest.raises(LoketError, match="3 bulan, 09/2026, 10/2026, 11/2026") as wrong:
        pay(o.db, o.staff, [PaymentLine(pid, 2, for_claim=claim_id)], method="cash",
            tendered=10**7, clock=NOW)  # fmt: skip
    assert wrong.value.field == "lines"
    paid = pay(o.db, o.staff, [PaymentLine(pid, 3, for_claim=claim_id)], method="cash",
               tendered=10**7, clock=NOW)  # fmt: skip
    history = get_claim(o.db, o.staff, claim_id).history
    assert (history[-1].action, history[-1].note) == ("arrears_paid", paid.number)
    _approve(o, claim_id)  # computed again: nothing owed, nothing held
    c = get_claim(o.db, o.staff, claim_id)
    assert (c.payable_now, c.held, c.arrears) == (42_000_000, 0, ())
    _pay_and_hand_over(o, claim_id)
    assert get_claim(o.db, o.staff, claim_id).paid_amount == 42_000_000


def test_the_funeral_now_and_the_rest_in_a_claim_that_continues_it(office: Branch) -> None:
    o = office
    pid = paid_through_august(o, 32)
    claim_id = create_claim(o.db, o.staff, death_of(o, pid), clock=NOW)
    _approve(o, claim_id)
    with pytest.raises(LoketError, match=r"harus sama dengan yang disetujui: Rp10\.000\.000"):
        pay_claim(o.db, o.staff, claim_id, TRANSFER(42_000_000), clock=NOW)
    _pay_and_hand_over(o, claim_id)
    record = _pdf_text(claim_document(o.db, o.staff, claim_id, "handover", clock=NOW))
    assert "Dibayarkan saat ini Rp10.000.000" in record
    assert (
        "Sisa Rp32.000.000 (tiga puluh dua juta rupiah) dibayarkan setelah tunggakan iuran "
        "bulan 09/2026, 10/2026, 11/2026 dilunasi" in record
    )
    with pytest.raises(Conflict, match=r"Tunggakan iuran 09/2026, 10/2026, 11/2026 belum"):
        continue_after_arrears(o.db, o.staff, claim_id, clock=NOW)
    # January: four months behind today, but the claim's arrears are those at the death
    january = at(2027, 1, 11)
    pay(o.db, o.staff, [PaymentLine(pid, 3, for_claim=claim_id)], method="cash",
        tendered=10**7, clock=january)  # fmt: skip
    rest_id = continue_after_arrears(o.db, o.staff, claim_id, clock=january)
    rest = get_claim(o.db, o.staff, rest_id)
    first = get_claim(o.db, o.staff, claim_id)
    assert (rest.number, rest.continues, rest.total, rest.payable_now) == (
        "KL/BJM/2027/000001", first.number, 32_000_000, 32_000_000)  # fmt: skip
    assert get_claim(o.db, o.staff, claim_id).continued_by == rest.number
    with pytest.raises(Conflict, match="sudah diajukan: KL/BJM/2027/000001"):
        continue_after_arrears(o.db, o.staff, claim_id, clock=january)
    # the rest goes through the four eyes again, with its own payout and berita acara
    submit_claim(o.db, o.staff, rest_id, clock=january)
    decide_claim(o.db, o.head, rest_id, approve=True, password=o.passwords["kepala"],
                 clock=january)  # fmt: skip
    _pay_and_hand_over(o, rest_id, january)
    second = _pdf_text(claim_document(o.db, o.staff, rest_id, "handover", clock=january))
    assert f"sisa manfaat klaim {rest.continues}" in second
    assert get_claim(o.db, o.staff, rest_id).paid_amount == 32_000_000
    assert verify_chain(o.db).ok


def test_an_accident_in_arrears_waits_for_them_and_four_months_leave_no_right(
    office: Branch,
) -> None:
    o = office
    pid = paid_through_august(o, 33)
    stmb = ClaimInput(pid, "JKK_STMB", date(2026, 10, 1), bank_name="BRI",
                      bank_account="1234567890", account_holder="Budi Santoso",
                      stmb_first_day=date(2026, 10, 1), stmb_last_day=date(2026, 10, 31),
                      documents=OWN_DOCUMENTS | {"stmb_statement"})  # fmt: skip
    claim_id = create_claim(o.db, o.staff, stmb, clock=NOW)
    assert get_claim(o.db, o.staff, claim_id).payable_now == 0
    _approve(o, claim_id)
    with pytest.raises(Conflict, match=r"Tunggakan iuran 09/2026, 10/2026 belum dibayar") as no:
        pay_claim(o.db, o.staff, claim_id, TRANSFER(1_000_000), clock=NOW)
    assert no.value.field == "payout_amount"
    pay(o.db, o.staff, [PaymentLine(pid, 2, for_claim=claim_id)], method="cash",
        tendered=10**7, clock=NOW)  # fmt: skip
    pay_claim(o.db, o.staff, claim_id, TRANSFER(1_000_000), clock=NOW)  # released
    assert get_claim(o.db, o.staff, claim_id).paid_amount == 1_000_000
    close_drawer(o.db, o.staff, NOW)
    # a death four months after the last paid one: no right at all
    late = paid_through_august(o, 34, name="Joko Susilo")
    with pytest.raises(LoketError, match=r"tertunggak 4 bulan .*09/2026–12/2026"):
        create_claim(o.db, o.staff, replace(death_of(o, late), event_date=date(2026, 12, 1)),
                     clock=at(2026, 12, 3))  # fmt: skip


def test_a_lapsed_jkk_claim_needs_a_supervisors_leave_with_a_reason(office: Branch) -> None:
    o = office
    passwords_chosen(o.db, "supervisor")
    partial = ClaimInput(o.participant_id, "JKK_PARTIAL", date(2024, 11, 20), bank_name="BRI",
                         bank_account="1234567890", account_holder="Ahmad Fauzi",
                         injuries=("penciuman",),
                         documents=OWN_DOCUMENTS | {"partial_disability_statement"})  # fmt: skip
    with pytest.raises(JkkLapsed, match=r"gugur 2 tahun .*batas 20-11-2026"):
        create_claim(o.db, o.staff, partial, clock=NOW)
    leave = Override("supervisor", o.passwords["supervisor"])
    with pytest.raises(LoketError, match="Tulis alasan") as no:
        create_claim(o.db, o.staff, partial, late=LateApproval(leave, "  "), clock=NOW)
    assert no.value.field == "late_reason"
    with pytest.raises(LoketError, match="supervisor lain"):
        create_claim(o.db, o.supervisor, partial,
                     late=LateApproval(leave, "Dilaporkan tepat waktu"), clock=NOW)  # fmt: skip
    reason = "Kecelakaan dilaporkan ke Disnaker 25-11-2024 (surat terlampir)"
    claim_id = create_claim(o.db, o.staff, partial, late=LateApproval(leave, reason), clock=NOW)
    c = get_claim(o.db, o.staff, claim_id)
    assert c.total == 8_000_000  # 10 % × 80 × Rp1.000.000
    assert [(h.action, h.username, h.note) for h in c.history][-1] == (
        "lapse_waived", "supervisor", reason)  # fmt: skip
    # the leave stays with the claim through its decision
    submit_claim(o.db, o.staff, claim_id, clock=NOW)
    decide_claim(o.db, o.head, claim_id, approve=True, password=o.passwords["kepala"],
                 clock=NOW)  # fmt: skip
    assert get_claim(o.db, o.staff, claim_id).status == "approved"


def test_stmb_periods_of_one_accident_follow_each_other(office: Branch) -> None:
    o = office
    base = ClaimInput(o.participant_id, "JKK_STMB", date(2026, 9, 1), bank_name="BRI",
                      bank_account="1234567890", account_holder="Ahmad Fauzi",
                      stmb_first_day=date(2026, 9, 1), stmb_last_day=date(2026, 9, 30),
                      documents=OWN_DOCUMENTS | {"stmb_statement"})  # fmt: skip
    first = create_claim(o.db, o.staff, base, clock=NOW)
    overlapping = replace(base, stmb_first_day=date(2026, 9, 20), stmb_last_day=date(2026, 10, 5))
    number = get_claim(o.db, o.staff, first).number
    with pytest.raises(Conflict, match=rf"01-09-2026–30-09-2026 .* {number}: .* mulai 01-10-2026"):
        create_claim(o.db, o.staff, overlapping, clock=NOW)
    nxt = replace(base, stmb_first_day=date(2026, 10, 1), stmb_last_day=date(2026, 10, 31))
    assert get_claim(o.db, o.staff, create_claim(o.db, o.staff, nxt, clock=NOW)).total == 1_000_000
    # another accident's periods are its own
    other = replace(nxt, event_date=date(2026, 9, 20), stmb_first_day=date(2026, 9, 20))
    assert create_claim(o.db, o.staff, other, clock=NOW)


def test_a_loss_of_function_is_kept_with_the_claim(office: Branch) -> None:
    o = office
    data = ClaimInput(o.participant_id, "JKK_PARTIAL", date(2026, 10, 1), bank_name="BRI",
                      bank_account="1234567890", account_holder="Ahmad Fauzi",
                      injuries=("lengan_kanan_bahu", "dengar_db_kedua"),
                      measures=(("lengan_kanan_bahu", 25), ("dengar_db_kedua", 42)),
                      documents=OWN_DOCUMENTS | {"partial_disability_statement"})  # fmt: skip
    claim_id = create_claim(o.db, o.staff, data, clock=NOW)
    c = get_claim(o.db, o.staff, claim_id)
    # 25 % × 40 % = 10 % and 4 × 6 % = 24 %, each × 80 × Rp1.000.000
    assert [x.amount for x in c.components] == [8_000_000, 19_200_000]
    assert c.input is not None and dict(c.input.measures) == {"lengan_kanan_bahu": 25,
                                                              "dengar_db_kedua": 42}  # fmt: skip
    submit_claim(o.db, o.staff, claim_id, clock=NOW)  # computed again from what was kept
    assert get_claim(o.db, o.staff, claim_id).total == 27_200_000


def test_with_no_heir_the_funeral_cost_goes_to_whoever_arranged_it(office: Branch) -> None:
    o = office
    alone = paid_through_august(o, 35, heirs=())
    pay(o.db, o.staff, [PaymentLine(alone, 3)], method="cash", tendered=10**7, clock=NOW)
    arranger = Arranger("Pak RT Salman", "6371050505700004")
    data = replace(death_of(o, o.participant_id), participant_id=alone, claimant_heir_id=None,
                   funeral_arranger=arranger, account_holder="Salman",
                   documents=frozenset({"kpj_card", "death_certificate", "no_heir_statement",
                                        "arranger_ktp", "funeral_proof", "bank_book"}))  # fmt: skip
    claim_id = create_claim(o.db, o.staff, data, clock=NOW)
    c = get_claim(o.db, o.staff, claim_id)
    assert (c.total, c.claimant_name, c.claimant_relation) == (
        10_000_000, "Pak RT Salman", "funeral_arranger")  # fmt: skip
    assert [x.label for x in c.components] == ["Biaya pemakaman"]
    submit_claim(o.db, o.staff, claim_id, clock=NOW)
    # a participant with heirs: the heirs claim, not whoever arranged the funeral
    with pytest.raises(LoketError, match=r"mempunyai ahli waris .*Siti Aminah") as no:
        create_claim(o.db, o.staff, replace(data, participant_id=o.participant_id), clock=NOW)
    assert no.value.field == "claimant"
