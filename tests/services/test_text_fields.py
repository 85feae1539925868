"""Text at the service boundary (issue 14: a NUL in a void reason stopped a branch's sync for
good; SQLite stored a 100.000-character name in a 120-character column): every free-text
field refuses control characters and text longer than its column, at the field, on SQLite
as on PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from loket.db.engine import Database
from loket.domain.errors import LoketError
from loket.domain.text import clean_text
from loket.services import branch, users
from loket.services.actor import Actor
from loket.services.claims import HandoverInput, create_claim
from loket.services.corrections import correct_participant
from loket.services.payments import PaymentLine, pay
from loket.services.receipts import request_void
from loket.services.registration import SponsorInput, add_sponsor, register_participant
from tests.claims_office import NOW, Branch, jkm_claim
from tests.factories import bpu_worker

NUL = "salah\x00ketik"


def test_clean_text_keeps_newlines_only_where_asked() -> None:
    assert clean_text("  baris  satu \n dua ", field="x", multiline=True) == "baris satu\ndua"
    assert clean_text("  baris  satu \n dua ", field="x") == "baris satu dua"
    for bad in ("a\x00b", "a\x1bb", "a\u202eb", "a\u200bb"):
        with pytest.raises(LoketError, match="karakter kendali"):
            clean_text(bad, field="x")
    assert clean_text("Ni Luh 👩‍🌾", field="x") == "Ni Luh 👩‍🌾"  # a joiner inside an emoji


@pytest.fixture
def desk(office: Branch) -> tuple[Branch, int]:
    o = office
    receipt = pay(o.db, o.staff, [PaymentLine(o.participant_id, 1)], method="cash",
                  tendered=10**6, clock=NOW)  # fmt: skip
    return o, receipt.receipt_id


CASES: dict[str, tuple[str, Callable[[Branch, int], object]]] = {
    "void reason": ("reason", lambda o, r: request_void(o.db, o.staff, r, NUL)),
    "transfer reference": (
        "reference",
        lambda o, r: pay(
            o.db,
            o.staff,
            [PaymentLine(o.participant_id, 1)],
            method="qris",
            reference=NUL,
            clock=NOW,
        ),
    ),
    "correction reason": (
        "reason",
        lambda o, r: correct_participant(
            o.db, o.staff, o.participant_id, {"phone": "0813 7777 8888"}, reason=NUL
        ),
    ),
    "address": (
        "address",
        lambda o, r: correct_participant(
            o.db, o.staff, o.participant_id, {"address": NUL}, reason="pindah"
        ),
    ),
    "birth place too long": (
        "birth_place",
        lambda o, r: register_participant(
            o.db, o.staff, bpu_worker(serial=5, birth_place="B" * 101)
        ),
    ),
    "sponsor contact": (
        "sponsor_contact",
        lambda o, r: add_sponsor(o.db, o.staff, SponsorInput("person", "Haji Amat", NUL)),
    ),
    "claim cause": ("cause", lambda o, r: create_claim(o.db, o.staff, jkm_claim(o, cause=NUL))),
    "bank": ("bank_name", lambda o, r: create_claim(o.db, o.staff, jkm_claim(o, bank_name=NUL))),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_control_character_or_too_long_text_is_refused_at_its_field(
    desk: tuple[Branch, int], case: str
) -> None:
    o, receipt_id = desk
    field, act = CASES[case]
    with pytest.raises(LoketError) as refused:
        act(o, receipt_id)
    assert refused.value.field == field, str(refused.value)


def test_a_decision_note_and_a_handover_witness(desk: tuple[Branch, int]) -> None:
    from loket.services.receipts import decide_void

    o, receipt_id = desk
    request_void(o.db, o.staff, receipt_id, "Salah peserta")
    with pytest.raises(LoketError, match="karakter kendali") as refused:
        decide_void(o.db, o.supervisor, receipt_id, approve=False,
                    password=o.passwords["supervisor"], note=NUL)  # fmt: skip
    assert refused.value.field == "note"
    from loket.services.claims import record_handover

    with pytest.raises(LoketError, match="karakter kendali"):
        record_handover(o.db, o.staff, 1, HandoverInput(date(2026, 11, 24), "KC", "Siti Aminah",
                        "6371054505900002", (NUL,)), clock=NOW)  # fmt: skip


def test_names_of_users_and_counters_fit_their_columns(
    any_demo: tuple[Database, dict[str, str]],
) -> None:
    db, _ = any_demo
    admin = Actor.command_line()
    with pytest.raises(LoketError, match="lebih dari 120 karakter") as refused:
        users.add_user(db, admin, username="rina", full_name="R" * 121, role="staff",
                       password="kata-sandi-panjang-1")  # fmt: skip
    assert refused.value.field == "full_name"
    with pytest.raises(LoketError, match="lebih dari 60 karakter"):
        branch.add_counter(db, admin, name="L" * 61)
