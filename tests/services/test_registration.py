"""Registration on SQLite and PostgreSQL: checks, duplicates, KPJ allocation, audit."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
from sqlalchemy import select

from loket.db.engine import Database
from loket.db.models import AuditEntry, OutboxEvent, Participant
from loket.domain.errors import LoketError
from loket.domain.heirs import EducationLevel, Relation
from loket.domain.kpj import is_loket_kpj
from loket.domain.nik import compose_nik
from loket.services import auth, branch, participants
from loket.services.actor import Actor
from loket.services.errors import PermissionDenied
from loket.services.registration import (
    DuplicateNik,
    HeirInput,
    PossibleDuplicate,
    SponsorInput,
    add_sponsor,
    register_participant,
)
from tests.factories import bpu_worker, passwords_chosen


@pytest.fixture
def staff(any_demo: tuple[Database, dict[str, str]]) -> tuple[Database, Actor]:
    db, pw = any_demo
    return db, auth.login(db, "petugas", pw["petugas"], branch.list_counters(db)[0].id)


def test_a_bpu_worker_is_registered_with_a_kpj(staff: tuple[Database, Actor]) -> None:
    db, actor = staff
    heirs = [
        HeirInput("Siti Rahmah", Relation.SPOUSE, birth_date=date(1992, 3, 1)),
        HeirInput(
            "Nur Aisyah",
            Relation.CHILD,
            birth_date=date(2014, 6, 2),
            education_level=EducationLevel.SMP,
        ),
    ]
    done = register_participant(db, actor, bpu_worker(phone="0812 5100 0001", heirs=heirs))
    assert done.kpj.startswith("631") and is_loket_kpj(done.kpj)
    detail = participants.get_participant(db, actor, done.participant_id)
    assert (detail.full_name, detail.phone, detail.programs) == (
        "Ahmad Fauzi",
        "+6281251000001",
        ("JKK", "JKM", "JHT"),
    )
    assert [(h.name, h.relation, h.education_level) for h in detail.heirs] == [
        ("Siti Rahmah", "spouse", ""),
        ("Nur Aisyah", "child", "SMP"),
    ]
    with db.reader() as s:
        audit = s.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
        event = s.scalars(select(OutboxEvent).order_by(OutboxEvent.seq.desc())).first()
        assert audit is not None and event is not None
        assert (audit.action, audit.username) == ("participant.registered", "petugas")
        assert json.loads(event.payload)["kpj"] == done.kpj


def test_kpjs_follow_each_other_in_the_branch_range(staff: tuple[Database, Actor]) -> None:
    db, actor = staff
    kpjs = [
        register_participant(db, actor, bpu_worker(serial=i, full_name=f"Pekerja {n}")).kpj
        for i, n in ((1, "Satu"), (2, "Dua"), (3, "Tiga"))
    ]
    assert [k[3:10] for k in kpjs] == ["0000001", "0000002", "0000003"]


def test_the_same_nik_is_stopped_and_points_at_the_participant(
    staff: tuple[Database, Actor],
) -> None:
    db, actor = staff
    first = register_participant(db, actor, bpu_worker())
    with pytest.raises(DuplicateNik) as info:
        register_participant(db, actor, bpu_worker(full_name="Orang Lain"))
    assert info.value.participant_id == first.participant_id
    assert info.value.field == "nik"
    assert str(info.value) == f"NIK ini sudah terdaftar: Ahmad Fauzi, KPJ {first.kpj}."


def test_a_similar_name_with_the_same_birth_date_must_be_acknowledged(
    staff: tuple[Database, Actor],
) -> None:
    db, actor = staff
    register_participant(db, actor, bpu_worker(serial=1, full_name="Muhammad Rizky"))
    twin = bpu_worker(serial=2, full_name="Muhamad Rizki")
    with pytest.raises(PossibleDuplicate, match="Muhammad Rizky") as info:
        register_participant(db, actor, twin)
    assert info.value.field == "full_name" and len(info.value.matches) == 1
    assert register_participant(db, actor, twin, acknowledge_similar=True).full_name == (
        "Muhamad Rizki"
    )


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"nik": "63710105089000"}, "nik", "NIK harus 16 angka, bukan 14."),
        (
            {"birth_date": date(1990, 8, 6), "nik": "6371010508900001"},
            "birth_date",
            "Tanggal lahir tidak sama dengan NIK (05-08-1990). Jika tanggal lahir ini benar "
            "(NIK tidak pernah diubah), supervisor menyetujuinya dengan kata sandinya.",
        ),
        ({"sex": "P", "nik": "6371010508900001"}, "sex", "Jenis kelamin tidak sama dengan NIK."),
        ({"full_name": "  "}, "full_name", "Nama belum diisi."),
        ({"birth_place": ""}, "birth_place", "Tempat lahir belum diisi."),
        ({"address": " "}, "address", "Alamat belum diisi."),
        ({"province_code": "99"}, "province", "Provinsi belum dipilih."),
        ({"phone": "12345"}, "phone", "Nomor telepon diawali 0, 62 atau +62: 12345"),
        ({"email": "bukan-email"}, "email", "Alamat e-mail tidak valid."),
        ({"occupation": "astronot"}, "occupation", "Pekerjaan belum dipilih."),
        ({"declared_income": None}, "declared_income", "Penghasilan belum diisi."),
        (
            {"declared_income": 25_000_000},
            "declared_income",
            "Penghasilan harus antara Rp1.000.000 dan Rp20.700.000.",
        ),
        ({"programs": frozenset({"JKM"})}, "programs", "JKK dan JKM wajib diikuti."),
        ({"segment": "PU", "npp": "123"}, "npp", "NPP perusahaan harus 8 angka."),
        ({"address": "x" * 501}, "address", "Isian terlalu panjang (lebih dari 500 karakter)."),
    ],
)
def test_the_service_refuses_what_a_form_might_let_through(
    staff: tuple[Database, Actor], changes: dict[str, object], field: str, message: str
) -> None:
    db, actor = staff
    with pytest.raises(LoketError) as info:
        register_participant(db, actor, bpu_worker(**changes))
    assert (info.value.field, str(info.value)) == (field, message)
    with db.reader() as s:
        assert s.scalars(select(Participant)).first() is None


def test_a_birth_date_other_than_the_niks_is_registered_with_a_supervisors_consent(
    staff: tuple[Database, Actor], any_demo: tuple[Database, dict[str, str]]
) -> None:
    from loket.services.errors import AuthenticationFailed, PermissionDenied
    from loket.services.four_eyes import Override
    from loket.services.participants import get_participant
    from loket.services.registration import NikDateDiffers

    db, actor = staff
    pw = any_demo[1]
    passwords_chosen(db, "supervisor", "petugas")
    # born on 6 August 1990 although the NIK (never changed) says the 5th
    worker = bpu_worker(birth_date=date(1990, 8, 6), nik="6371010508900001")
    with pytest.raises(NikDateDiffers):
        register_participant(db, actor, worker)
    with pytest.raises(AuthenticationFailed):
        register_participant(db, actor, worker, nik_date_override=Override("supervisor", "x"))
    with pytest.raises(PermissionDenied, match="Hanya supervisor"):
        register_participant(
            db, actor, worker, nik_date_override=Override("petugas", pw["petugas"])
        )
    done = register_participant(
        db, actor, worker, nik_date_override=Override("supervisor", pw["supervisor"])
    )
    assert get_participant(db, actor, done.participant_id).birth_date == date(1990, 8, 6)
    with db.reader() as s:
        payload = json.loads(
            s.scalars(
                select(AuditEntry.payload).where(AuditEntry.action == "participant.registered")
            ).one()
        )
    assert (payload["nik_date"], payload["date_confirmed_by"]) == ("1990-08-05", "supervisor")


def test_names_with_quotes_emoji_and_other_scripts_round_trip(
    staff: tuple[Database, Actor],
) -> None:
    db, actor = staff
    names = [
        "Robert'); DROP TABLE participant;--",
        "Ni Luh Putu 👩‍🌾 Ayu",
        "Lim Swie Hoa 林瑞花",
        "Nur'aini O'Neil %_\\",
    ]
    for i, name in enumerate(names, start=1):
        done = register_participant(
            db, actor, bpu_worker(serial=i, full_name=name), acknowledge_similar=True
        )
        assert participants.get_participant(db, actor, done.participant_id).full_name == name
    found = participants.search_participants(db, actor, "林瑞花")
    assert [r.full_name for r in found] == ["Lim Swie Hoa 林瑞花"]
    assert participants.search_participants(db, actor, "%_") == []


def test_only_counter_roles_register(any_demo: tuple[Database, dict[str, str]]) -> None:
    db, pw = any_demo
    admin = auth.login(db, "admin", pw["admin"], None)
    with pytest.raises(PermissionDenied):
        register_participant(db, admin, bpu_worker())


def test_sertakan_links_the_sponsor(staff: tuple[Database, Actor]) -> None:
    db, actor = staff
    sponsor = add_sponsor(
        db,
        actor,
        SponsorInput(
            "organisation",
            "Koperasi Nelayan Barito",
            contact_name="H. Syamsul",
            phone="0813 4900 1122",
        ),
    )
    for i in range(1, 4):
        register_participant(
            db,
            actor,
            bpu_worker(
                serial=i, full_name=f"Nelayan {i}", occupation="nelayan", sponsor_id=sponsor
            ),
            acknowledge_similar=True,
        )
    found = participants.search_participants(db, actor, "nelayan")
    assert len(found) == 3
    assert {participants.get_participant(db, actor, r.id).sponsor_name for r in found} == {
        "Koperasi Nelayan Barito"
    }


def test_concurrent_counters_never_share_a_kpj(staff: tuple[Database, Actor]) -> None:
    db, actor = staff
    counters = [Database(db.url) for _ in range(4)]

    def register(i: int) -> str:
        data = bpu_worker(
            serial=i + 1,
            full_name=f"Pekerja Nomor {i}",
            birth_date=date(1970 + i % 30, 1 + i % 12, 1 + i % 28),
        )
        return register_participant(counters[i % 4], actor, data, acknowledge_similar=True).kpj

    with ThreadPoolExecutor(max_workers=8) as pool:
        kpjs = list(pool.map(register, range(40)))
    for c in counters:
        c.close()
    assert len(set(kpjs)) == 40
    assert sorted(int(k[3:10]) for k in kpjs) == list(range(1, 41))


def test_an_imported_kpj_in_our_range_is_skipped(staff: tuple[Database, Actor]) -> None:
    db, actor = staff
    first = register_participant(db, actor, bpu_worker(serial=1))
    with db.transaction() as s:  # as if the central office's export held the next number
        p = s.get(Participant, first.participant_id)
        assert p is not None
        clash = first.kpj[:3] + "0000002"
        from loket.domain.kpj import luhn_digit

        s.add(
            Participant(
                **{
                    c.key: getattr(p, c.key)
                    for c in Participant.__table__.columns
                    if c.key not in ("id",)
                }
                | {
                    "kpj": clash + luhn_digit(clash),
                    "nik": compose_nik("637101", date(1980, 1, 1), "L", 9),
                }
            )
        )
    second = register_participant(db, actor, bpu_worker(serial=2, full_name="Budi"))
    assert second.kpj[3:10] == "0000003"


def test_the_kpj_prefix_is_fixed_once_used(staff: tuple[Database, Actor]) -> None:
    from loket.services.errors import Conflict

    db, actor = staff
    admin = Actor.command_line()
    assert branch.set_kpj_prefix(db, admin, "639").kpj_prefix == "639"  # nothing handed out yet
    register_participant(db, actor, bpu_worker())
    with pytest.raises(Conflict, match="639 sudah dipakai"):
        branch.set_kpj_prefix(db, admin, "631")


def _register_in_another_process(url: str, actor: Actor, first: int, count: int) -> list[str]:
    """A separate counter program: its own process, its own connections."""
    db = Database(url)
    try:
        return [
            register_participant(
                db,
                actor,
                bpu_worker(
                    serial=i,
                    full_name=f"Proses {i}",
                    birth_date=date(1960 + i % 40, 1 + i % 12, 1 + i % 28),
                ),
                acknowledge_similar=True,
            ).kpj
            for i in range(first, first + count)
        ]
    finally:
        db.close()


def test_concurrent_processes_never_share_a_kpj(staff: tuple[Database, Actor]) -> None:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    db, actor = staff
    url = db.url.render_as_string(hide_password=False)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=3, mp_context=context) as pool:
        batches = list(
            pool.map(_register_in_another_process, [url] * 3, [actor] * 3, [1, 101, 201], [15] * 3)
        )
    kpjs = [k for batch in batches for k in batch]
    assert len(set(kpjs)) == 45
    assert sorted(int(k[3:10]) for k in kpjs) == list(range(1, 46))
