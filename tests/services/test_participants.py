"""Search on SQLite (FTS5) and PostgreSQL (pg_trgm): the same call, the same answers."""

from __future__ import annotations

from datetime import date

import pytest

from loket.db.engine import Database
from loket.services import auth, branch, participants
from loket.services.actor import Actor
from loket.services.errors import NotFound, PermissionDenied
from loket.services.registration import register_participant
from tests.factories import bpu_worker

PEOPLE = [
    ("Muhammad Rizky Pratama", "0812-1111-0001", date(1990, 1, 1)),
    ("Siti Nur'aini Rahmah", "0812-1111-0002", date(1991, 2, 2)),
    ("Rahmat Hidayat", "0812-1111-0003", date(1992, 3, 3)),
    ("Dewi Rahmawati", "0812-1111-0004", date(1993, 4, 4)),
    ("José Rizal Siregar", "0812-1111-0005", date(1994, 5, 5)),
]


@pytest.fixture
def registry(any_demo: tuple[Database, dict[str, str]]) -> tuple[Database, Actor, list[str]]:
    db, pw = any_demo
    actor = auth.login(db, "petugas", pw["petugas"], branch.list_counters(db)[0].id)
    kpjs = [
        register_participant(
            db, actor, bpu_worker(serial=i, full_name=name, phone=phone, birth_date=born)
        ).kpj
        for i, (name, phone, born) in enumerate(PEOPLE, start=1)
    ]
    return db, actor, kpjs


def _names(db: Database, actor: Actor, query: str) -> list[str]:
    return [r.full_name for r in participants.search_participants(db, actor, query)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("rahm", ["Siti Nur'aini Rahmah", "Rahmat Hidayat", "Dewi Rahmawati"]),
        ("RAHMAT", ["Rahmat Hidayat"]),
        ("pratama rizky", ["Muhammad Rizky Pratama"]),
        ("riz", ["Muhammad Rizky Pratama", "José Rizal Siregar"]),
        ("jose", ["José Rizal Siregar"]),
        ("nur aini", ["Siti Nur'aini Rahmah"]),
        ("siti dewi", []),
        ("tidakada", []),
    ],
)
def test_name_search_any_order_case_and_accents(
    registry: tuple[Database, Actor, list[str]], query: str, expected: list[str]
) -> None:
    db, actor, _ = registry
    assert _names(db, actor, query) == expected


def test_identifiers_answer_exactly(registry: tuple[Database, Actor, list[str]]) -> None:
    db, actor, kpjs = registry
    nik = bpu_worker(serial=3, birth_date=date(1992, 3, 3)).nik
    by_nik = participants.search_participants(db, actor, nik)
    assert [(r.full_name, r.matched_by) for r in by_nik] == [("Rahmat Hidayat", "nik")]
    by_kpj = participants.search_participants(db, actor, kpjs[3])
    assert [(r.full_name, r.matched_by) for r in by_kpj] == [("Dewi Rahmawati", "kpj")]
    for typed in ("081211110005", "+62 812 1111 0005", "62-812-1111-0005"):
        found = participants.search_participants(db, actor, typed)
        assert [(r.full_name, r.matched_by) for r in found] == [("José Rizal Siregar", "phone")]


def test_paging(registry: tuple[Database, Actor, list[str]]) -> None:
    db, actor, _ = registry
    first = participants.search_participants(db, actor, "rahm", limit=2)
    rest = participants.search_participants(db, actor, "rahm", limit=2, offset=2)
    assert [r.full_name for r in first + rest] == _names(db, actor, "rahm")


def test_empty_and_punctuation_only_queries(registry: tuple[Database, Actor, list[str]]) -> None:
    db, actor, _ = registry
    assert _names(db, actor, "") == _names(db, actor, "  ") == _names(db, actor, "'\"*") == []


def test_admins_do_not_browse_participants(any_demo: tuple[Database, dict[str, str]]) -> None:
    db, pw = any_demo
    admin = auth.login(db, "admin", pw["admin"], None)
    with pytest.raises(PermissionDenied):
        participants.search_participants(db, admin, "rahmat")


def test_an_unknown_participant(registry: tuple[Database, Actor, list[str]]) -> None:
    db, actor, _ = registry
    with pytest.raises(NotFound, match="Peserta tidak ditemukan"):
        participants.get_participant(db, actor, 999_999)


def test_a_payment_or_claim_needs_a_whole_kpj_or_nik(demo: tuple[Database, dict[str, str]]) -> None:
    db, pw = demo
    staff = auth.login(db, "petugas", pw["petugas"], branch.list_counters(db)[0].id)
    registered = register_participant(db, staff, bpu_worker())
    assert participants.find_by_identifier(db, staff, registered.kpj) == registered.participant_id
    with pytest.raises(NotFound, match="Masukkan KPJ atau NIK lengkap") as refused:
        participants.find_by_identifier(db, staff, "Ahmad")  # a name is a guess, not an identifier
    assert refused.value.field == "participant"
