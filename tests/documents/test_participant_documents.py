"""The registration letter and the card, read back from the real PDFs."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from loket.db.engine import Database
from loket.documents.participant_documents import card_content, letter_content
from loket.domain.verification import verify_payload
from loket.services import auth, branch, participants
from loket.services.actor import Actor
from loket.services.participant_documents import _doc, participant_document
from loket.services.registration import register_participant
from tests.conftest import FakeClock
from tests.factories import bpu_worker
from tests.pdf_reading import pdf_fonts, pdf_qr_codes, pdf_text


@pytest.fixture
def registered(demo: tuple[Database, dict[str, str]]) -> tuple[Database, Actor, int]:
    db, pw = demo
    actor = auth.login(db, "petugas", pw["petugas"], branch.list_counters(db)[0].id)
    done = register_participant(db, actor, bpu_worker(full_name="Gusti Nur'aini Ŝahrani"))
    return db, actor, done.participant_id


def test_registration_letter(registered: tuple[Database, Actor, int]) -> None:
    db, actor, pid = registered
    clock = FakeClock(datetime(2026, 11, 24, 3, 0, tzinfo=UTC))
    pdf = participant_document(db, actor, pid, "letter", clock=clock)
    text = pdf_text(pdf)
    detail = participants.get_participant(db, actor, pid)
    for expected in (
        "SURAT KETERANGAN PENDAFTARAN PESERTA",
        "JAMINAN SOSIAL KETENAGAKERJAAN",
        "KC Banjarmasin",
        "Gusti Nur'aini Ŝahrani",
        "6371********0001",
        "Banjarmasin, 5 Agustus 1990",
        "JKK + JKM + JHT",
        "Rp1.000.000",
        f"Nomor peserta (KPJ): {detail.kpj[:3]} {detail.kpj[3:10]} {detail.kpj[10]}",
        "Banjarmasin, 24 November 2026",
        "Petugas Pelayanan (demo)",
    ):
        assert expected in text, expected
    assert detail.nik not in text  # the full NIK is never printed (UU 27/2022)
    assert {f.split("+")[-1] for f in pdf_fonts(pdf)} == {"DejaVuSans", "DejaVuSans-Bold"}
    (payload,) = pdf_qr_codes(pdf)
    assert payload.startswith(f"LOKET1|REG|{detail.kpj}|")
    doc = _doc(detail, ZoneInfo("Asia/Makassar"))
    assert verify_payload(payload, letter_content(doc, date(2026, 11, 24)))
    tampered = letter_content(doc, date(2026, 11, 24)) | {"name": "Orang Lain"}
    assert not verify_payload(payload, tampered)


def test_participant_card(registered: tuple[Database, Actor, int]) -> None:
    db, actor, pid = registered
    pdf = participant_document(db, actor, pid, "card")
    text = pdf_text(pdf)
    detail = participants.get_participant(db, actor, pid)
    for expected in (
        "KARTU PESERTA",
        "Gusti Nur'aini Ŝahrani",
        "5 Agustus 1990",
        "JKK + JKM + JHT",
        "PERHATIAN",
        "KC Banjarmasin",
    ):
        assert expected in text, expected
    (payload,) = pdf_qr_codes(pdf)
    doc = _doc(detail, ZoneInfo("Asia/Makassar"))
    assert payload.startswith(f"LOKET1|CARD|{detail.kpj}|")
    assert verify_payload(payload, card_content(doc))


def test_issuing_is_audited(registered: tuple[Database, Actor, int]) -> None:
    from sqlalchemy import select

    from loket.db.models import AuditEntry

    db, actor, pid = registered
    participant_document(db, actor, pid, "card")
    with db.reader() as s:
        last = s.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
        assert last is not None
        assert (last.action, last.entity, last.username) == (
            "document.card_issued",
            f"participant:{pid}",
            "petugas",
        )
