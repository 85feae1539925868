"""Claims from intake to handover on SQLite and PostgreSQL, and every refusal on the way."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
from sqlalchemy import func, select

from loket.db.engine import Database
from loket.db.models import Claim, Handover, OutboxEvent
from loket.domain.errors import LoketError
from loket.domain.heirs import Relation
from loket.services import audit, auth, branch, settings
from loket.services.claim_documents import claim_document
from loket.services.claims import (
    ChildInput,
    ClaimInput,
    HandoverInput,
    PayoutInput,
    claims_to_decide,
    create_claim,
    decide_claim,
    get_claim,
    pay_claim,
    record_handover,
    submit_claim,
    update_claim,
)
from loket.services.errors import Conflict, PermissionDenied
from loket.services.registration import HeirInput
from tests.claims_office import JKM_DOCUMENTS, NOW, Branch, jkm_claim
from tests.pdf_reading import pdf_text


def count(db: Database, table: type) -> int:
    with db.reader() as s:
        return int(s.scalar(select(func.count()).select_from(table)) or 0)


def test_death_benefit_and_scholarships_from_intake_to_handover(office: Branch) -> None:
    o = office
    claim_id = create_claim(o.db, o.staff, jkm_claim(o, documents=JKM_DOCUMENTS), clock=NOW)
    c = get_claim(o.db, o.staff, claim_id)
    assert (c.number, c.status, c.total, c.payable_now) == (
        "KL/BJM/2026/000001",
        "draft",
        198_000_000,
        45_500_000,
    )
    assert [x.amount for x in c.components] == [
        20_000_000,
        12_000_000,
        10_000_000,
        75_000_000,
        81_000_000,
    ]
    assert (
        c.rule_version == "PP 44/2015 jo. PP 82/2019 jo. PP 49/2023" and len(c.schedule) == 11 + 15
    )

    with pytest.raises(LoketError) as missing:
        submit_claim(o.db, o.staff, claim_id, clock=NOW)
    assert missing.value.field == "documents" and "Akta kelahiran anak" in str(missing.value)
    update_claim(o.db, o.staff, claim_id, jkm_claim(o), clock=NOW)
    submit_claim(o.db, o.staff, claim_id, clock=NOW)
    assert claims_to_decide(o.db, o.supervisor) == 1

    with pytest.raises(
        PermissionDenied, match=r"melebihi batas persetujuan Anda \(Rp50\.000\.000\)"
    ):
        decide_claim(
            o.db,
            o.supervisor,
            claim_id,
            approve=True,
            password=o.passwords["supervisor"],
            clock=NOW,
        )
    decide_claim(o.db, o.head, claim_id, approve=True, password=o.passwords["kepala"], clock=NOW)

    with pytest.raises(LoketError, match=r"harus sama dengan yang disetujui: Rp45\.500\.000"):
        pay_claim(
            o.db,
            o.staff,
            claim_id,
            PayoutInput("transfer", 198_000_000, "Bank Kalsel", "0123456789", "TRF-1"),
            clock=NOW,
        )
    with pytest.raises(LoketError, match="Cara pembayaran yang diizinkan: transfer"):
        pay_claim(o.db, o.staff, claim_id, PayoutInput("cash", 45_500_000), clock=NOW)
    payout = PayoutInput("transfer", 45_500_000, "Bank Kalsel", "0123456789", "TRF-20261124-7")
    pay_claim(o.db, o.staff, claim_id, payout, clock=NOW)
    with pytest.raises(Conflict):
        pay_claim(o.db, o.staff, claim_id, payout, clock=NOW)

    number = record_handover(
        o.db,
        o.staff,
        claim_id,
        HandoverInput(
            date(2026, 11, 24),
            "Kantor Cabang Banjarmasin",
            "Siti Aminah",
            "6371054505900002",
            ("Hj. Masitah", ""),
        ),
        clock=NOW,
    )
    assert number == "BA/BJM/2026/000001"
    c = get_claim(o.db, o.staff, claim_id)
    assert (c.status, c.paid_amount, c.handover_number) == ("handed_over", 45_500_000, number)
    assert [(h.username, h.action) for h in c.history] == [
        ("petugas", "created"),
        ("petugas", "edited"),
        ("petugas", "submitted"),
        ("kepala", "approved"),
        ("petugas", "paid"),
        ("petugas", "handed_over"),
    ]
    with o.db.reader() as s:
        events = list(s.scalars(select(OutboxEvent.type).where(OutboxEvent.type.like("claim.%"))))
    assert events == [
        "claim.created",
        "claim.edited",
        "claim.submitted",
        "claim.approved",
        "claim.paid",
        "claim.handed_over",
    ]
    assert audit.verify_chain(o.db).ok
    # the berita acara reprints under the letterhead it was made under
    admin = auth.login(o.db, "admin", o.passwords["admin"], None)
    branch.update_branch(o.db, admin, name="KC Baru", address="Jl. Baru 1", phone="0511-999")
    text = pdf_text(claim_document(o.db, o.staff, claim_id, "handover", clock=NOW))
    assert "KC Baru" not in text and "0511-999" not in text and "Jl. Baru 1" not in text


def test_no_one_decides_a_claim_they_entered_or_edited(office: Branch) -> None:
    o = office
    claim_id = create_claim(
        o.db, o.supervisor, jkm_claim(o, children=(), documents=JKM_DOCUMENTS), clock=NOW
    )
    submit_claim(o.db, o.supervisor, claim_id, clock=NOW)
    with pytest.raises(PermissionDenied, match="buat atau ubah sendiri"):
        decide_claim(
            o.db,
            o.supervisor,
            claim_id,
            approve=True,
            password=o.passwords["supervisor"],
            clock=NOW,
        )
    with pytest.raises(PermissionDenied, match="tidak berwenang"):
        decide_claim(
            o.db, o.staff, claim_id, approve=True, password=o.passwords["petugas"], clock=NOW
        )
    with pytest.raises(LoketError, match=r"[Kk]ata sandi"):
        decide_claim(o.db, o.head, claim_id, approve=True, password="salah-sekali", clock=NOW)
    assert get_claim(o.db, o.staff, claim_id).status == "submitted"


def test_a_rejection_says_why_and_goes_back_to_the_staff(office: Branch) -> None:
    o = office
    claim_id = create_claim(
        o.db, o.staff, jkm_claim(o, children=(), documents=JKM_DOCUMENTS), clock=NOW
    )
    submit_claim(o.db, o.staff, claim_id, clock=NOW)
    with pytest.raises(LoketError, match="alasan penolakan"):
        decide_claim(
            o.db,
            o.supervisor,
            claim_id,
            approve=False,
            password=o.passwords["supervisor"],
            clock=NOW,
        )
    decide_claim(
        o.db,
        o.supervisor,
        claim_id,
        approve=False,
        password=o.passwords["supervisor"],
        note="Akta kematian tidak terbaca",
        clock=NOW,
    )
    c = get_claim(o.db, o.staff, claim_id)
    assert (c.status, c.rejection_reason) == ("rejected", "Akta kematian tidak terbaca")
    update_claim(
        o.db, o.staff, claim_id, jkm_claim(o, children=(), documents=JKM_DOCUMENTS), clock=NOW
    )
    assert get_claim(o.db, o.staff, claim_id).status == "draft"
    # within the supervisor's limit (Rp42.000.000), the supervisor may approve
    submit_claim(o.db, o.staff, claim_id, clock=NOW)
    decide_claim(
        o.db, o.supervisor, claim_id, approve=True, password=o.passwords["supervisor"], clock=NOW
    )
    assert get_claim(o.db, o.staff, claim_id).status == "approved"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"claimant_heir_id": "mother"},
            "claimant",
            "Hj. Masitah bukan ahli waris yang berhak. Yang berhak: Siti Aminah, Rina, Dimas.",
        ),
        (
            {"event_date": date(2026, 11, 25)},
            "event_date",
            "Tanggal kejadian tidak boleh di masa depan.",
        ),
        (
            {"event_date": date(2022, 8, 1)},
            "event_date",
            "Tanggal kejadian sebelum peserta terdaftar (01-09-2022).",
        ),
        (
            {"children": (ChildInput("A", date(2014, 1, 1), "SMP", 1),) * 3},
            "children",
            "Beasiswa paling banyak untuk 2 anak.",
        ),
        (
            {"children": (ChildInput("Tua", date(2000, 1, 1), "PT", 1),)},
            "children",
            "Tua berusia 26 tahun: beasiswa hanya bagi anak yang belum berusia 23 tahun.",
        ),
        ({"bank_account": "12ab"}, "bank_account", "Nomor rekening 6–20 angka."),
        ({"benefit": "XYZ"}, "benefit", "Pilih jenis manfaat."),
    ],
)
def test_refusals_write_nothing(
    office: Branch, changes: dict[str, object], field: str, message: str
) -> None:
    o = office
    if changes.get("claimant_heir_id") == "mother":
        changes["claimant_heir_id"] = o.heirs["Hj. Masitah"]
    with pytest.raises(LoketError) as refused:
        create_claim(o.db, o.staff, jkm_claim(o, **changes), clock=NOW)
    assert (refused.value.field, str(refused.value)) == (field, message)
    assert count(o.db, Claim) == 0


def test_a_heir_entered_at_intake_is_saved_with_the_claim(office: Branch) -> None:
    o = office
    claim_id = create_claim(
        o.db,
        o.staff,
        jkm_claim(
            o,
            claimant_heir_id=None,
            children=(),
            new_heir=HeirInput("Rahmat", Relation.CHILD, "6371050101050004", date(2005, 1, 1)),
        ),
        clock=NOW,
    )
    from loket.services.participants import get_participant

    assert "Rahmat" in [h.name for h in get_participant(o.db, o.staff, o.participant_id).heirs]
    assert get_claim(o.db, o.staff, claim_id).claimant_name == "Rahmat"


def test_a_childs_scholarship_is_claimed_once(office: Branch) -> None:
    o = office
    create_claim(o.db, o.staff, jkm_claim(o), clock=NOW)
    with pytest.raises(
        Conflict, match="Beasiswa Rina sudah diajukan dalam klaim KL/BJM/2026/000001"
    ):
        create_claim(
            o.db, o.staff, jkm_claim(o, benefit="BEASISWA", scholarship_cause="death"), clock=NOW
        )


def test_own_jht_is_claimed_by_the_participant(office: Branch) -> None:
    o = office
    claim_id = create_claim(
        o.db,
        o.staff,
        ClaimInput(
            o.participant_id,
            "JHT",
            date(2026, 11, 20),
            bank_name="BRI",
            bank_account="1234567890",
            account_holder="Ahmad Fauzi",
            jht_balance=8_450_000,
            jht_statement_date=date(2026, 11, 1),
            jht_reason="left_country",
        ),
        clock=NOW,
    )
    c = get_claim(o.db, o.staff, claim_id)
    assert (c.claimant_name, c.claimant_relation, c.total) == ("Ahmad Fauzi", "", 8_450_000)
    assert "leaving_proof" in c.required_documents


def test_two_clicks_at_once_pay_once(office: Branch) -> None:
    o = office
    settings.set_setting(o.db, o.supervisor, "payout_methods", ["transfer", "cash"], clock=NOW)
    claim_id = create_claim(
        o.db, o.staff, jkm_claim(o, children=(), documents=JKM_DOCUMENTS), clock=NOW
    )
    submit_claim(o.db, o.staff, claim_id, clock=NOW)
    decide_claim(
        o.db, o.supervisor, claim_id, approve=True, password=o.passwords["supervisor"], clock=NOW
    )

    def click(_: int) -> str:
        try:
            pay_claim(o.db, o.staff, claim_id, PayoutInput("cash", 42_000_000), clock=NOW)
        except Conflict:
            return "refused"
        return "paid"

    with ThreadPoolExecutor(8) as pool:
        outcomes = sorted(pool.map(click, range(8)))
    assert outcomes == ["paid"] + ["refused"] * 7
    with o.db.reader() as s:
        assert s.scalar(select(func.count()).where(OutboxEvent.type == "claim.paid")) == 1
    assert count(o.db, Handover) == 0
