"""The claim's documents read back from the real PDFs: intake receipt, berita acara,
scholarship letter."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from loket.services.claim_documents import claim_document
from loket.services.claims import (
    HandoverInput,
    PayoutInput,
    create_claim,
    decide_claim,
    pay_claim,
    record_handover,
    submit_claim,
)
from loket.services.errors import Conflict
from tests.claims_office import NOW, Branch, jkm_claim
from tests.pdf_reading import pdf_qr_codes, pdf_text


def handed_over(o: Branch) -> int:
    claim_id = create_claim(o.db, o.staff, jkm_claim(o), clock=NOW)
    submit_claim(o.db, o.staff, claim_id, clock=NOW)
    decide_claim(o.db, o.head, claim_id, approve=True, password=o.passwords["kepala"], clock=NOW)
    pay_claim(
        o.db,
        o.staff,
        claim_id,
        PayoutInput("transfer", 45_500_000, "Bank Kalsel", "0123456789", "TRF-20261124-7"),
        clock=NOW,
    )
    record_handover(
        o.db,
        o.staff,
        claim_id,
        HandoverInput(
            date(2026, 11, 24),
            "Aula KC Banjarmasin",
            "Siti Aminah",
            "6371054505900002",
            ("Hj. Masitah", "Rahmadi (RT 05)"),
        ),
        clock=NOW,
    )
    return claim_id


def flat(pdf: bytes) -> str:
    return " ".join(pdf_text(pdf).split())


def test_the_berita_acara_reads_right(office: Branch) -> None:
    claim_id = handed_over(office)
    pdf = claim_document(office.db, office.staff, claim_id, "handover", clock=NOW)
    text = flat(pdf)
    for expected in (
        "BERITA ACARA SERAH TERIMA SANTUNAN",
        "Nomor BA/BJM/2026/000001",
        "Pada hari ini, Selasa, 24 November 2026, bertempat di Aula KC Banjarmasin",
        "Ahmad Fauzi (KPJ 63100000015)",
        "Siti Aminah (Suami/istri)",
        "NIK penerima : 6371********0002",
        "Santunan sekaligus Rp20.000.000",
        "Santunan berkala 24 × Rp500.000 (dibayar sekaligus) Rp12.000.000",
        "Biaya pemakaman Rp10.000.000",
        "Beasiswa Rina (SMP 1, 11 tahun) Rp75.000.000",
        "Beasiswa Dimas (SD 3, 15 tahun) Rp81.000.000",
        "Jumlah manfaat Rp198.000.000",
        "Terbilang: seratus sembilan puluh delapan juta rupiah.",
        "Dibayarkan saat ini Rp45.500.000 (empat puluh lima juta lima ratus ribu rupiah) "
        "melalui transfer Bank Kalsel 0123456789, ref. TRF-20261124-7",
        "Jadwal beasiswa per anak per tahun",
        "Rina 2032 PT 1 Rp12.000.000",
        "Yang menerima,",
        "Kepala kantor cabang,",
        "Meterai Rp10.000",
        "Kepala Kantor Cabang (demo) Saksi 1, Hj. Masitah Saksi 2, Rahmadi (RT 05)",
        "PP 44/2015 jo. PP 82/2019 jo. PP 49/2023",
    ):
        assert expected in text, expected
    assert "6371054505900002" not in text  # NIKs are masked on paper
    assert [code.split("|")[:3] for code in pdf_qr_codes(pdf)] == [
        ["LOKET1", "BA", "BA/BJM/2026/000001"]
    ]
    # the signatures stay on the page of the statement they certify
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]
    signed = next(page for page in pages if "Yang menerima," in page)
    assert "Penerima menyatakan telah menerima" in signed and "Saksi 2," in signed


def test_the_intake_receipt_lists_the_documents_seen(office: Branch) -> None:
    claim_id = create_claim(office.db, office.staff, jkm_claim(office), clock=NOW)
    text = flat(claim_document(office.db, office.staff, claim_id, "intake", clock=NOW))
    for expected in (
        "TANDA TERIMA BERKAS KLAIM",
        "Nomor KL/BJM/2026/000001",
        "☑ Akta/surat keterangan kematian",
        "☑ Surat keterangan sekolah tahun berjalan",
        "Perkiraan manfaat (menunggu persetujuan)",
        "Jumlah Rp198.000.000",
        "Penyerah berkas,",
    ):
        assert expected in text, expected


def test_the_scholarship_letter_and_what_cannot_be_printed_yet(office: Branch) -> None:
    o = office
    claim_id = create_claim(o.db, o.staff, jkm_claim(o), clock=NOW)
    text = flat(claim_document(o.db, o.staff, claim_id, "scholarship", clock=NOW))
    assert "SURAT PEMBERITAHUAN JADWAL BEASISWA" in text
    assert "Jumlah beasiswa Rp156.000.000" in text and "Dimas 2026 SD 3 Rp1.500.000" in text
    with pytest.raises(Conflict, match="belum diserahterimakan"):
        claim_document(o.db, o.staff, claim_id, "handover", clock=NOW)


def test_a_survivors_total_disability_reads_as_such(office: Branch) -> None:
    o = office
    data = jkm_claim(o, benefit="JKK_TOTAL", claimant_heir_id=None, event_date=date(2026, 10, 1),
                     account_holder="Ahmad Fauzi")  # fmt: skip
    claim_id = create_claim(o.db, o.staff, data, clock=NOW)
    intake = flat(claim_document(o.db, o.staff, claim_id, "intake", clock=NOW))
    assert "Jaminan Kecelakaan Kerja (JKK) — cacat total tetap" in intake
    assert "Ahmad Fauzi (Peserta sendiri)" in intake
    letter = flat(claim_document(o.db, o.staff, claim_id, "scholarship", clock=NOW))
    assert "Anak-anak Ahmad Fauzi" in letter and "almarhum" not in letter


def test_the_stamp_duty_place_follows_the_branch_and_the_phone_is_the_handovers(
    office: Branch,
) -> None:
    from loket.services import branch, settings
    from loket.services.actor import Actor

    admin = Actor.command_line()
    branch.update_branch(office.db, admin, name="KC Banjarmasin",
                         address="Jl. Lambung Mangkurat No. 1", phone="0511-3352211")  # fmt: skip
    claim_id = handed_over(office)  # under the letterhead with the telephone
    settings.set_setting(office.db, admin, "handover_stamp_duty", False)  # UU 10/2020 art. 7
    text = flat(claim_document(office.db, office.staff, claim_id, "handover", clock=NOW))
    assert "Meterai" not in text
    assert "Jl. Lambung Mangkurat No. 1 · Telp. 0511-3352211" in text
