"""Corrections on SQLite and PostgreSQL: contact data at once, identity data four-eyes."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select

from loket.db.engine import Database
from loket.db.models import AuditEntry
from loket.domain.nik import compose_nik
from loket.services import auth, branch, participants
from loket.services.actor import Actor
from loket.services.corrections import (
    correct_participant,
    decide_correction,
    pending_corrections,
)
from loket.services.errors import (
    AuthenticationFailed,
    Conflict,
    PermissionDenied,
    ValidationError,
)
from loket.services.registration import register_participant
from tests.factories import bpu_worker


@pytest.fixture
def desk(any_demo: tuple[Database, dict[str, str]]) -> tuple[Database, Actor, Actor, str, int]:
    db, pw = any_demo
    counter = branch.list_counters(db)[0].id
    staff = auth.login(db, "petugas", pw["petugas"], counter)
    supervisor = auth.login(db, "supervisor", pw["supervisor"], counter)
    pid = register_participant(db, staff, bpu_worker(full_name="Ahmad Fauzi")).participant_id
    return db, staff, supervisor, pw["supervisor"], pid


def _last_audit(db: Database) -> tuple[str, dict[str, object]]:
    with db.reader() as s:
        e = s.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
        assert e is not None
        return e.action, json.loads(e.payload)


def test_contact_details_change_at_once(desk: tuple[Database, Actor, Actor, str, int]) -> None:
    db, staff, _, _, pid = desk
    out = correct_participant(
        db, staff, pid, {"phone": "0813 7777 8888", "address": "Jl. Baru 1"}, reason="Pindah rumah"
    )
    assert out.request_id is None and out.applied["phone"] == "+6281377778888"
    assert participants.get_participant(db, staff, pid).address == "Jl. Baru 1"
    action, payload = _last_audit(db)
    assert action == "participant.corrected"
    assert payload["old"] == {
        "phone": "+6281251000001",
        "address": "Jl. Pramuka No. 12, Banjarmasin Timur",
    }


def test_a_name_change_waits_for_another_supervisor(
    desk: tuple[Database, Actor, Actor, str, int],
) -> None:
    db, staff, supervisor, supervisor_pw, pid = desk
    out = correct_participant(
        db, staff, pid, {"full_name": "Achmad Fauzie"}, reason="Salah ketik, sesuai KTP"
    )
    assert out.request_id is not None and out.applied == {}
    assert participants.get_participant(db, staff, pid).full_name == "Ahmad Fauzi"
    (pending,) = pending_corrections(db, supervisor)
    assert (pending.changes, pending.old_values) == (
        {"full_name": "Achmad Fauzie"},
        {"full_name": "Ahmad Fauzi"},
    )
    with pytest.raises(PermissionDenied):
        decide_correction(db, staff, out.request_id, approve=True, password="x")
    with pytest.raises(AuthenticationFailed):
        decide_correction(db, supervisor, out.request_id, approve=True, password="salah-sandi-1")
    decide_correction(db, supervisor, out.request_id, approve=True, password=supervisor_pw)
    assert participants.get_participant(db, staff, pid).full_name == "Achmad Fauzie"
    assert [r.full_name for r in participants.search_participants(db, staff, "achmad")] == [
        "Achmad Fauzie"
    ]
    assert participants.search_participants(db, staff, "ahmad fauzi") == []
    action, payload = _last_audit(db)
    assert action == "correction.approved" and payload["old"] == {"full_name": "Ahmad Fauzi"}
    assert pending_corrections(db, supervisor) == []


def test_nobody_approves_their_own_request(desk: tuple[Database, Actor, Actor, str, int]) -> None:
    db, _, supervisor, supervisor_pw, pid = desk
    out = correct_participant(db, supervisor, pid, {"full_name": "Achmad Fauzie"}, reason="KTP")
    assert out.request_id is not None
    with pytest.raises(PermissionDenied, match="harus disetujui orang lain"):
        decide_correction(db, supervisor, out.request_id, approve=True, password=supervisor_pw)


def test_a_rejection_needs_a_reason_and_changes_nothing(
    desk: tuple[Database, Actor, Actor, str, int],
) -> None:
    db, staff, supervisor, supervisor_pw, pid = desk
    out = correct_participant(db, staff, pid, {"full_name": "Orang Lain"}, reason="?")
    assert out.request_id is not None
    with pytest.raises(ValidationError, match="alasan penolakan"):
        decide_correction(db, supervisor, out.request_id, approve=False, password=supervisor_pw)
    decide_correction(
        db,
        supervisor,
        out.request_id,
        approve=False,
        password=supervisor_pw,
        note="Tidak sesuai KTP",
    )
    assert participants.get_participant(db, staff, pid).full_name == "Ahmad Fauzi"
    assert _last_audit(db)[0] == "correction.rejected"


def test_a_new_nik_must_be_free_and_a_date_other_than_its_is_shown_to_the_approver(
    desk: tuple[Database, Actor, Actor, str, int],
) -> None:
    db, staff, supervisor, supervisor_pw, pid = desk
    other_nik = compose_nik("637101", date(1991, 2, 3), "L", 5)
    with pytest.raises(ValidationError) as info:  # the NIK's sex must still agree
        correct_participant(db, staff, pid, {"nik": other_nik[:6] + "43" + other_nik[8:]},
                            reason="NIK baru")  # fmt: skip
    assert info.value.field == "sex"
    # the birth date stays 05-08-1990 although the new NIK says 03-02-1991: a warning the
    # approving supervisor sees, and confirms with their password
    kept = correct_participant(db, staff, pid, {"nik": other_nik}, reason="NIK baru")
    assert kept.request_id is not None
    (pending,) = pending_corrections(db, supervisor)
    assert pending.nik_date == "03-02-1991"
    decide_correction(db, supervisor, kept.request_id, approve=False, password=supervisor_pw,
                      note="Minta KTP asli")  # fmt: skip
    register_participant(
        db, staff, bpu_worker(serial=7, full_name="Budi", birth_date=date(1991, 2, 3))
    )
    taken = compose_nik("637101", date(1991, 2, 3), "L", 7)
    with pytest.raises(Conflict, match="sudah dipakai peserta"):
        correct_participant(
            db, staff, pid, {"nik": taken, "birth_date": date(1991, 2, 3)}, reason="NIK baru"
        )
    out = correct_participant(
        db,
        staff,
        pid,
        {"nik": other_nik, "birth_date": date(1991, 2, 3)},
        reason="KTP baru dari Dukcapil",
    )
    assert out.request_id is not None
    decide_correction(db, supervisor, out.request_id, approve=True, password=supervisor_pw)
    detail = participants.get_participant(db, staff, pid)
    assert (detail.nik, detail.birth_date) == (other_nik, date(1991, 2, 3))


def test_nothing_to_change_and_no_reason(desk: tuple[Database, Actor, Actor, str, int]) -> None:
    db, staff, _, _, pid = desk
    with pytest.raises(ValidationError, match="alasan perubahan"):
        correct_participant(db, staff, pid, {"phone": "0813 7777 8888"}, reason=" ")
    with pytest.raises(ValidationError, match="Tidak ada yang berubah"):
        correct_participant(db, staff, pid, {"phone": "0812-5100-0001"}, reason="cek")
