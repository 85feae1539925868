"""Bulk import on SQLite and PostgreSQL: bad rows reported, never half-imported, re-runnable."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from loket.db.engine import Database
from loket.db.models import Participant
from loket.db.search_index import unindexed_count
from loket.services import auth, branch, participants
from loket.services.actor import Actor
from loket.services.errors import PermissionDenied, ValidationError
from loket.services.participant_import import (
    ImportReport,
    import_participants,
    read_csv,
)
from loket.services.registration import register_participant
from tests.factories import bpu_worker, export_row, write_export

ADMIN = Actor.command_line()


def _count(db: Database) -> int:
    with db.reader() as s:
        return int(s.scalar(select(func.count()).select_from(Participant)) or 0)


def test_good_rows_go_in_and_bad_rows_are_reported(
    any_demo: tuple[Database, dict[str, str]], tmp_path: Path
) -> None:
    db, pw = any_demo
    rows = [export_row(i) for i in range(1, 8)]
    rows[2] = export_row(3, kpj="123")
    rows[4] = export_row(5, birth_date="1980-13-01")
    rows[5] = export_row(6, nik=rows[0]["nik"], birth_date=rows[0]["birth_date"])  # a later batch
    path = write_export(tmp_path / "export.csv", rows, delimiter=";")
    report = import_participants(db, ADMIN, read_csv(path), batch_size=3, source="export.csv")
    assert (report.read, report.imported, report.skipped) == (7, 4, 1)
    assert report.errors == [
        (4, "KPJ harus 11 angka."),
        (6, "Tanggal lahir harus berbentuk TTTT-BB-HH."),
    ]
    assert _count(db) == 4
    staff = auth.login(db, "petugas", pw["petugas"], branch.list_counters(db)[0].id)
    found = participants.search_participants(db, staff, "warga 7")
    assert [(r.full_name, r.kpj) for r in found] == [("Warga 7", "50000000007")]
    with db.reader() as s:
        assert unindexed_count(s) == 0


def test_a_duplicate_nik_inside_a_batch_is_reported(
    any_demo: tuple[Database, dict[str, str]],
) -> None:
    db, _ = any_demo
    first = export_row(1)
    rows = [first, export_row(2, nik=first["nik"], birth_date=first["birth_date"])]
    report = import_participants(db, ADMIN, rows)
    assert report.imported == 1 and report.errors == [(3, "NIK sama dengan baris 2.")]


def test_running_again_skips_or_updates(any_demo: tuple[Database, dict[str, str]]) -> None:
    db, _ = any_demo
    rows = [export_row(i) for i in range(1, 6)]
    import_participants(db, ADMIN, rows[:3])  # "interrupted" after three rows
    again = import_participants(db, ADMIN, rows)
    assert (again.imported, again.skipped, again.errors) == (2, 3, [])
    renamed = [export_row(1, full_name="Warga Satu", phone="0813-9999-0001")]
    updated = import_participants(db, ADMIN, renamed, update_existing=True)
    assert updated.updated == 1 and _count(db) == 5
    with db.reader() as s:
        p = s.scalars(select(Participant).where(Participant.kpj == "50000000001")).one()
        assert (p.full_name, p.phone, p.name_search) == (
            "Warga Satu",
            "+6281399990001",
            "warga satu",
        )
        assert unindexed_count(s) == 0


def test_a_kpj_that_belongs_to_someone_else(any_demo: tuple[Database, dict[str, str]]) -> None:
    db, pw = any_demo
    staff = auth.login(db, "petugas", pw["petugas"], branch.list_counters(db)[0].id)
    mine = register_participant(db, staff, bpu_worker())
    report = import_participants(db, ADMIN, [export_row(1, kpj=mine.kpj)])
    assert report.errors == [(2, f"KPJ {mine.kpj} sudah milik peserta lain.")]


def test_progress_is_reported_per_batch(any_demo: tuple[Database, dict[str, str]]) -> None:
    db, _ = any_demo
    seen: list[int] = []

    def progress(report: ImportReport) -> None:
        seen.append(report.read)

    import_participants(
        db, ADMIN, [export_row(i) for i in range(1, 8)], batch_size=3, progress=progress
    )
    assert seen == [3, 6, 7]


def test_missing_columns_and_permissions(
    demo: tuple[Database, dict[str, str]], tmp_path: Path
) -> None:
    db, pw = demo
    bad = tmp_path / "bad.csv"
    bad.write_text("nik,nama\n6371010508900001,Budi\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="Kolom wajib tidak ada di berkas: kpj, full_name"):
        list(read_csv(bad))
    staff = auth.login(db, "petugas", pw["petugas"], branch.list_counters(db)[0].id)
    with pytest.raises(PermissionDenied):
        import_participants(db, staff, [export_row(1)])
