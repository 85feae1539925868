"""Bulk import on SQLite and PostgreSQL: bad rows reported, never half-imported, re-runnable."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from loket.db.bulk import secondary_indexes_set_aside
from loket.db.engine import Database
from loket.db.migrate import open_database
from loket.db.models import AuditEntry, Participant, table
from loket.db.search_index import unindexed_count
from loket.services import auth, branch, participants
from loket.services.actor import Actor
from loket.services.errors import PermissionDenied, ValidationError
from loket.services.participant_import import (
    COLUMNS,
    ImportReport,
    import_file,
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
    assert (report.read, report.imported, report.skipped) == (7, 4, 0)
    assert report.errors == [
        (4, "KPJ harus 11 angka."),
        (6, "Tanggal lahir harus berbentuk TTTT-BB-HH."),
        (7, "NIK sudah terdaftar dengan KPJ 50000000001."),
    ]
    assert _count(db) == 4
    staff = auth.login(db, "petugas", pw["petugas"], branch.list_counters(db)[0].id)
    found = participants.search_participants(db, staff, "warga 7")
    assert [(r.full_name, r.kpj) for r in found] == [("Warga 7", "50000000007")]
    with db.reader() as s:
        assert unindexed_count(s) == 0


def test_a_nik_or_kpj_twice_in_a_batch_is_reported(
    any_demo: tuple[Database, dict[str, str]],
) -> None:
    db, _ = any_demo
    first = export_row(1)
    rows = [
        first,
        export_row(2, nik=first["nik"], birth_date=first["birth_date"]),
        export_row(3, kpj=first["kpj"]),
    ]
    report = import_participants(db, ADMIN, rows)
    assert report.imported == 1
    assert report.errors == [(3, "NIK sama dengan baris 2."), (4, "KPJ sama dengan baris 2.")]


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


def test_a_batch_whose_last_rows_are_in_already(
    any_demo: tuple[Database, dict[str, str]],
) -> None:
    # The batch's first rows go in before its fourth row's NIK is found to be in: they
    # are taken back and written again once the batch is sorted out, indexed once.
    db, pw = any_demo
    rows = [export_row(i) for i in range(1, 6)]
    import_participants(db, ADMIN, rows[3:])
    again = import_participants(db, ADMIN, rows)
    assert (again.imported, again.skipped, again.errors) == (3, 2, [])
    assert _count(db) == 5
    staff = auth.login(db, "petugas", pw["petugas"], branch.list_counters(db)[0].id)
    for i in range(1, 6):
        found = participants.search_participants(db, staff, f"warga {i}")
        assert [r.kpj for r in found] == [f"5000000000{i}"]
    with db.reader() as s:
        assert unindexed_count(s) == 0
        audit = s.scalars(
            select(AuditEntry.payload).where(AuditEntry.action == "participants.imported")
        ).all()
        assert [json.loads(p)["imported"] for p in audit] == [2, 3]


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


def test_a_file_is_checked_and_written_by_importing_processes(
    any_demo: tuple[Database, dict[str, str]], tmp_path: Path
) -> None:
    db, pw = any_demo
    rows = [export_row(i) for i in range(1, 11)]
    rows[1] = export_row(2, address="Jl. Veteran, Gg. Damai\nRT 04")  # a quoted line break
    rows[4] = export_row(5, phone="12345")
    rows[8] = export_row(9, nik=rows[0]["nik"], birth_date=rows[0]["birth_date"])
    path = write_export(tmp_path / "ekspor.csv", rows, delimiter=";")
    with path.open("a", encoding="utf-8", newline="") as f:
        f.write("\n")  # a blank line, then one more worker
        csv.DictWriter(f, fieldnames=COLUMNS, delimiter=";", restval="").writerow(export_row(11))
    seen: list[int] = []
    report = import_file(db, ADMIN, path, batch_size=3, progress=lambda r: seen.append(r.read))
    # Rows are numbered as the file's lines: worker 2 spans lines 3-4, line 13 is blank,
    # worker 9 has the NIK of worker 1 (written by another piece) under another KPJ.
    assert (report.read, report.imported, report.skipped) == (11, 9, 0)
    # whichever of the two pieces commits first keeps the NIK; the other row is refused
    assert report.errors in (
        [
            (7, "Nomor telepon diawali 0, 62 atau +62: 12345"),
            (11, "NIK sudah terdaftar dengan KPJ 50000000001."),
        ],
        [
            (2, "NIK sudah terdaftar dengan KPJ 50000000009."),
            (7, "Nomor telepon diawali 0, 62 atau +62: 12345"),
        ],
    )
    assert seen[-1] == 11 and seen == sorted(seen)
    staff = auth.login(db, "petugas", pw["petugas"], branch.list_counters(db)[0].id)
    walk_in = register_participant(db, staff, bpu_worker())
    with db.reader() as s:
        two = s.scalars(select(Participant).where(Participant.kpj == "50000000002")).one()
        assert two.address == "Jl. Veteran, Gg. Damai RT 04"
        assert two.registered_by == "import:ekspor.csv"
        # Stored exactly as a walk-in registration stores its dates and instants.
        stored = s.execute(
            text("SELECT birth_date, registered_at FROM participant WHERE id IN (:a, :b)"),
            {"a": two.id, "b": walk_in.participant_id},
        ).all()
        assert {len(str(b)) for b, _ in stored} == {10}
        assert len({len(str(r)) for _, r in stored}) == 1
        assert unindexed_count(s) == 0
    assert [r.kpj for r in participants.search_participants(db, staff, "warga 11")] == [
        "50000000011"
    ]


def test_read_csv_passes_over_blank_lines(tmp_path: Path) -> None:
    path = write_export(tmp_path / "ekspor.csv", [export_row(1)])
    with path.open("a", encoding="utf-8", newline="") as f:
        f.write("\n")
        csv.DictWriter(f, fieldnames=COLUMNS, restval="").writerow(export_row(2))
    assert [r["kpj"] for r in read_csv(path)] == ["50000000001", "50000000002"]


def test_a_file_that_is_not_utf8_is_refused_plainly(
    demo: tuple[Database, dict[str, str]], tmp_path: Path
) -> None:
    db, _ = demo
    path = write_export(tmp_path / "ekspor.csv", [export_row(1)])
    with path.open("ab") as f:
        f.write(",".join(export_row(2, full_name="Andr\xe9").values()).encode("cp1252"))
    with pytest.raises(ValidationError, match=r"Berkas bukan teks UTF-8: .* di baris 3\."):
        import_file(db, ADMIN, path)


def test_a_large_load_builds_the_secondary_indexes_after(
    demo: tuple[Database, dict[str, str]],
) -> None:
    db, _ = demo

    def indexes() -> set[str]:
        with db.reader() as s:
            return set(
                s.scalars(text("SELECT name FROM sqlite_master WHERE tbl_name = 'participant'"))
            )

    before = indexes()
    assert {"ix_participant_phone", "ix_participant_birth_date"} <= before
    with pytest.raises(RuntimeError), secondary_indexes_set_aside(db, table(Participant)):
        assert not {"ix_participant_phone", "ix_participant_birth_date"} & indexes()
        raise RuntimeError("the load failed")
    assert indexes() == before


def test_indexes_a_killed_load_left_out_are_built_when_the_database_opens(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'loket.db'}"
    db = open_database(url)
    with db.transaction() as s:
        s.execute(text("DROP INDEX ix_participant_phone"))
    db.close()
    db = open_database(url)
    with db.reader() as s:
        assert (
            s.scalar(text("SELECT count(*) FROM sqlite_master WHERE name = 'ix_participant_phone'"))
            == 1
        )
    db.close()


def _raw_export(path: Path, lines: list[str], newline: str = "\n") -> Path:
    """An export written by hand, line by line, to put mistakes where a writer would not."""
    header = ",".join(COLUMNS)
    path.write_bytes((newline.join([header, *lines]) + newline).encode("utf-8"))
    return path


def _line(i: int, **changes: str) -> str:
    row = export_row(i, **changes)
    return ",".join(row.get(c, "") for c in COLUMNS)


def test_an_open_quote_loses_no_row_silently(
    demo: tuple[Database, dict[str, str]], tmp_path: Path
) -> None:
    db, _ = demo
    lines = [_line(i) for i in range(1, 11)]
    lines[6] = lines[6].replace("Warga 7", '"Warga 7', 1)  # never closed: swallows the rest
    path = _raw_export(tmp_path / "kutip.csv", lines)
    report = import_file(db, ADMIN, path, batch_size=4)
    # lines 2-7 are workers 1-6; line 8 opens a quote that swallows lines 8-11
    assert (report.read, report.imported) == (10, 6)
    assert [row for row, _ in report.errors] == [8, 9, 10, 11]
    assert report.errors[0][1].startswith('Tanda kutip (") terbuka di baris 8 menelan 4 baris')
    assert report.imported + report.updated + report.skipped + len(report.errors) == 10
    assert _count(db) == 6


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_every_line_is_accounted_for_whatever_the_line_ends(
    demo: tuple[Database, dict[str, str]], tmp_path: Path, newline: str
) -> None:
    db, _ = demo
    lines = [_line(i) for i in range(1, 6)]
    lines[2] = _line(3, address='"Jl. Veteran, Gg. ""Damai""\nRT 04"').replace(
        "Jl. Ahmad Yani Km 7", ""
    )  # a quoted field with quotes and a line break: one record over two lines
    path = _raw_export(tmp_path / "ujung.csv", lines, newline)
    report = import_file(db, ADMIN, path, batch_size=2)
    assert report.imported + report.updated + report.skipped + len(report.errors) == report.read
    assert (report.read, report.imported, report.errors) == (5, 5, [])


def test_everything_checkable_is_checked_before_the_first_row_is_written(
    demo: tuple[Database, dict[str, str]], tmp_path: Path
) -> None:
    from loket.services.participant_import import check_errors_path, check_source

    db, _ = demo
    lines = [_line(i) for i in range(1, 301)]
    path = _raw_export(tmp_path / "latin1.csv", lines)
    data = path.read_bytes().replace(b"Warga 290", "Warga 29é".encode("latin-1"))
    path.write_bytes(data)
    with pytest.raises(ValidationError, match="byte yang salah di baris 291"):
        import_file(db, ADMIN, path, batch_size=50)
    assert _count(db) == 0  # nothing written
    with pytest.raises(ValidationError, match="adalah folder, bukan berkas CSV"):
        check_source(tmp_path)
    with pytest.raises(ValidationError, match="tidak boleh berkas impornya"):
        check_errors_path(tmp_path / "." / "latin1.csv", path)
    with pytest.raises(ValidationError, match="foldernya tidak ada"):
        check_errors_path(tmp_path / "tidak-ada" / "x.csv", path)
