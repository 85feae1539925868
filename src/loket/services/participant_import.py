"""Bulk import of participants from the central office's CSV export.

Every row passes the same checks as a walk-in registration. A bad row is reported with
its row number and reason and is not imported at all; good rows are written one batch
per transaction, so an interrupted import can simply be run again (rows already in are
then skipped, or updated if asked).

Speed (issue 3 asks ≥ 50,000 rows a second for the region's 3.2 million): a file is cut
into pieces that one importing process per processor checks and writes
(:func:`import_file`), so one process writes while the others check; a batch goes to the
database as ready parameter tuples in one ``executemany``; on SQLite a large load builds
the participant table's secondary indexes once at the end and keeps the pages a batch
dirties in a large page cache (see :mod:`loket.db.bulk`). Checking is the same Python
code a walk-in registration runs: about a third of a row's CPU time.
"""

from __future__ import annotations

import codecs
import csv
import io
import multiprocessing
import os
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache, lru_cache
from itertools import islice
from operator import itemgetter
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import URL, func, select
from sqlalchemy.orm import Session

from loket.db import bulk, coverage_tally
from loket.db.engine import Database
from loket.db.models import Participant, table
from loket.db.search_index import IMPORTED_BY_PREFIX, index_imported
from loket.domain.errors import QT_TRANSLATE_NOOP, LoketError
from loket.domain.kpj import looks_like_kpj
from loket.domain.money import parse_rupiah
from loket.domain.spreadsheet import safe_cell
from loket.domain.tariffs import Published
from loket.services.actor import Actor
from loket.services.audit import append_audit
from loket.services.clock import Clock, system_clock
from loket.services.errors import ValidationError
from loket.services.permissions import Permission, require
from loket.services.place import require_home_branch
from loket.services.registration import RegistrationInput, validate
from loket.services.sync import published_tariffs

REQUIRED = (
    "kpj",
    "nik",
    "full_name",
    "birth_place",
    "birth_date",
    "sex",
    "address",
    "province_code",
    "phone",
    "occupation",
)
OPTIONAL = (
    "regency",
    "email",
    "segment",
    "npp",
    "declared_income",
    "programs",
    "branch_code",
    "registered_at",
)
COLUMNS = REQUIRED + OPTIONAL
_table = table(Participant)


@dataclass
class ImportReport:
    read: int = 0
    imported: int = 0
    updated: int = 0
    skipped: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)


class ImportRowError(LoketError):
    pass


class ImportStopped(ValidationError):
    """An import that stopped after some pieces were written: says what was saved and how to
    go on (the same command again skips — or updates — the rows already in)."""

    def __init__(self, cause: LoketError, report: ImportReport) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "LoketError",
                "Impor berhenti: {reason} Sudah tersimpan: {imported} baru, {updated} "
                "diperbarui ({read} baris dibaca). Perbaiki berkasnya lalu jalankan impor yang "
                "sama lagi: baris yang sudah masuk dilewati.",
            ),
            field="file",
            reason=str(cause),
            imported=report.imported,
            updated=report.updated,
            read=report.read,
        )
        self.report = report


def check_source(path: Path) -> None:
    """The file exists, is a file, and is UTF-8 from its first byte to its last (read once
    in pieces: a bad byte is found before anything is written, with its line)."""
    if path.is_dir():
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "{file} adalah folder, bukan berkas CSV."),
            field="file",
            file=str(path),
        )
    if not path.is_file():
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Berkas {file} tidak ada."),
            field="file",
            file=str(path),
        )
    decoder = codecs.getincrementaldecoder("utf-8")()
    line = 1
    with path.open("rb") as f:
        while chunk := f.read(1 << 22):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                raise ValidationError(
                    QT_TRANSLATE_NOOP(
                        "LoketError", "Berkas bukan teks UTF-8: byte yang salah di baris {line}."
                    ),
                    field="file",
                    line=line + chunk.count(b"\n", 0, exc.start),
                ) from None
            line += chunk.count(b"\n")
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "LoketError", "Berkas bukan teks UTF-8: byte yang salah di baris {line}."
                ),
                field="file",
                line=line,
            ) from None


def check_errors_path(errors: Path, source: Path) -> None:
    """Where the rejected rows will go: writable, and never the file being imported."""
    if errors.resolve() == source.resolve():
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Berkas alasan penolakan tidak boleh berkas impornya."),
            field="errors",
        )
    if errors.is_dir() or not errors.parent.is_dir():
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "LoketError", "Tidak bisa menulis {file}: foldernya tidak ada atau itu folder."
            ),
            field="errors",
            file=str(errors),
        )


# The columns an import writes, in the order of each row's parameters; an update keeps
# who registered the participant, where and when, and the status (a participant linked
# to another branch's KPJ stays linked).
_INSERTED = (
    "kpj",
    "nik",
    "full_name",
    "name_search",
    "birth_place",
    "birth_date",
    "sex",
    "address",
    "province_code",
    "regency",
    "phone",
    "email",
    "occupation",
    "segment",
    "npp",
    "declared_income",
    "programs",
    "status",
    "branch_code",
    "registered_at",
    "registered_by",
)
_KEPT = ("status", "branch_code", "registered_at", "registered_by")
_UPDATED = tuple(c for c in _INSERTED if c not in _KEPT)
_UPDATED_AT = [_INSERTED.index(c) for c in _UPDATED]
BULK_CACHE_MB = 256  # SQLite page cache of an importing process: a batch's dirty pages fit
SET_ASIDE_FROM = 50_000  # rows: from here a load builds the secondary indexes afterwards


@dataclass(frozen=True)
class _Plan:
    """What checking a row needs, fixed when the import starts (sent to every process)."""

    today: date
    now: datetime  # registered_at of rows that do not say
    home: str
    timezone: str
    registered_by: str
    tariffs: Published
    driver: str  # the database driver the parameters are prepared for


_Row = tuple[int, str, str, tuple[Any, ...]]  # (row number, NIK, KPJ, parameters)


@dataclass
class _Batch:
    """Checked records ready to write, numbered as the file's rows (``first``..``last``).
    Each row: (row number, NIK, KPJ, parameters in _INSERTED order)."""

    first: int
    last: int
    read: int = 0
    rows: list[_Row] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)


_values_of = itemgetter(*_INSERTED)


@cache
def _processors(driver: str) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    """(column, processor) of the columns whose values the driver needs converted —
    dates and instants, which repeat a lot in an export, hence the memo."""
    return tuple(
        (column, lru_cache(maxsize=1 << 16)(p))
        for column, p in zip(
            _INSERTED, bulk.bind_processors(_table, _INSERTED, driver), strict=True
        )
        if p is not None
    )


@cache
def _programs(text: str) -> frozenset[str]:
    programs = (text or "JKK;JKM").replace("+", ";").replace(",", ";")
    return frozenset(p.strip().upper() for p in programs.split(";") if p.strip())


_income = lru_cache(maxsize=1 << 12)(parse_rupiah)  # an export has few distinct incomes


_Record = tuple[str, ...]  # a row's fields in COLUMNS order ("" where the file has none)


def _record_of(row: dict[str, str]) -> _Record:
    return tuple(row.get(c) or "" for c in COLUMNS)


def _row_values(record: _Record, plan: _Plan) -> dict[str, Any]:
    (  # COLUMNS, in their order
        kpj,
        nik,
        full_name,
        birth_place,
        birth_date,
        sex,
        address,
        province_code,
        phone,
        occupation,
        regency,
        email,
        segment,
        npp,
        income_text,
        programs,
        branch_code,
        stamp,
    ) = record
    kpj = kpj.strip()
    if not looks_like_kpj(kpj):
        raise ImportRowError(QT_TRANSLATE_NOOP("LoketError", "KPJ harus 11 angka."), field="kpj")
    try:
        born = date.fromisoformat(birth_date.strip())
    except ValueError:
        raise ImportRowError(
            QT_TRANSLATE_NOOP("LoketError", "Tanggal lahir harus berbentuk TTTT-BB-HH."),
            field="birth_date",
        ) from None
    income_text = income_text.strip()
    data = RegistrationInput(
        nik=nik,
        full_name=full_name,
        birth_place=birth_place,
        birth_date=born,
        sex=sex.strip().upper(),
        address=address,
        province_code=province_code.strip(),
        regency=regency,
        phone=phone,
        email=email,
        occupation=occupation.strip(),
        segment=(segment or "BPU").strip().upper(),
        npp=npp,
        declared_income=_income(income_text) if income_text else None,
        programs=_programs(programs),
    )
    # the central office's record stands: a birth date other than the NIK's is its finding
    values = validate(data, plan.today, plan.tariffs, date_may_differ=True)
    values["kpj"] = kpj
    values["branch_code"] = branch_code.strip() or plan.home
    stamp = stamp.strip()
    try:
        registered_at = datetime.fromisoformat(stamp) if stamp else plan.now
    except ValueError:
        raise ImportRowError(
            QT_TRANSLATE_NOOP(
                "LoketError", "Waktu pendaftaran harus berbentuk TTTT-BB-HH atau TTTT-BB-HH JJ:MM."
            ),
            field="registered_at",
        ) from None
    if registered_at.tzinfo is None:
        registered_at = registered_at.replace(tzinfo=ZoneInfo(plan.timezone))
    values["registered_at"] = registered_at
    values["registered_by"] = plan.registered_by
    return values


_UNBALANCED = QT_TRANSLATE_NOOP(
    "LoketError",
    'Tanda kutip (") terbuka di baris {line} menelan {count} baris sampai akhir kutipan: '
    "baris-baris ini tidak diimpor. Perbaiki tanda kutipnya lalu impor lagi.",
)


def _check(records: Iterable[tuple[int, _Record | int]], plan: _Plan) -> _Batch:
    """Checks (row number, record) pairs; the first row number must be that of the first.
    A record that is a number of lines swallowed by an open quote is an error for each."""
    batch: _Batch | None = None
    processors = _processors(plan.driver)
    for number, record in records:
        if batch is None:
            batch = _Batch(number, number)
        if isinstance(record, int):
            reason = LoketError(_UNBALANCED, line=number, count=record)
            batch.errors += [(number + k, str(reason)) for k in range(record)]
            batch.read += record
            batch.last = number + record - 1
            continue
        batch.last = number
        batch.read += 1
        try:
            values = _row_values(record, plan)
        except LoketError as exc:
            batch.errors.append((number, str(exc)))
            continue
        for column, process in processors:
            values[column] = process(values[column])
        batch.rows.append((number, values["nik"], values["kpj"], _values_of(values)))
    return batch or _Batch(0, 0)


def _batches(rows: Iterable[dict[str, str]], size: int) -> Iterator[list[tuple[int, _Record]]]:
    numbered = enumerate(map(_record_of, rows), start=2)  # row 1 of the file is the header
    while batch := list(islice(numbered, size)):
        yield batch


def _plan(db: Database, source: str, clock: Clock) -> _Plan:
    with db.reader() as session:
        home = require_home_branch(session)
        code, timezone = home.code, home.timezone
        tariffs = published_tariffs(session)
    now = clock()
    return _Plan(
        today=now.astimezone(ZoneInfo(timezone)).date(),
        now=now,
        home=code,
        timezone=timezone,
        registered_by=f"{IMPORTED_BY_PREFIX}{source}"[:64],
        tariffs=tariffs,
        driver=db.engine.url.drivername,
    )


def _write(
    writer: bulk.BulkWriter,
    actor: Actor,
    batch: _Batch,
    report: ImportReport,
    *,
    update_existing: bool,
    source: str,
    clock: Clock,
) -> None:
    report.read += batch.read
    report.errors.extend(batch.errors)
    if not batch.read:
        return
    with writer.transaction() as session:
        bulk.lock_for_writing(session, _table)  # importing processes and counters alike
        rows = _firsts(batch, report)
        inserts = [params for _, _, _, params in rows]
        updates: list[tuple[Any, ...]] = []
        # Nearly always (a first load, the next batch of a file) no NIK or KPJ is in yet:
        # the unique indexes answer that while inserting. Otherwise the rows are sorted
        # out against what is in, and the insert is made again.
        if inserts and not bulk.insert_all_or_none(session, _table, _INSERTED, inserts):
            inserts, updates = _sort_out(session, rows, report, update_existing=update_existing)
            if inserts:
                bulk.insert_rows(session, _table, _INSERTED, inserts)
        if inserts:
            last = session.scalar(select(func.max(_table.c.id))) or 0
            index_imported(session, last - len(inserts) + 1, last)
            coverage_tally.registered(
                session,
                session.scalars(
                    select(_table.c.registered_at).where(
                        _table.c.id.between(last - len(inserts) + 1, last),
                        _table.c.segment == coverage_tally.COUNTED,
                    )
                ),
                coverage_tally.home_zone(session),
            )
        if updates:  # an update may move a participant into or out of the BPU segment
            ids = [u[-1] for u in updates]
            before = coverage_tally.of_participants(session, ids)
            bulk.update_rows(session, _table, _UPDATED, updates)
            change = coverage_tally.of_participants(session, ids)
            change.subtract(before)
            coverage_tally.bump(session, change)
        report.imported += len(inserts)
        report.updated += len(updates)
        append_audit(
            session,
            actor,
            "participants.imported",
            f"import:{source}",
            {
                "rows": f"{batch.first}-{batch.last}",
                "imported": len(inserts),
                "updated": len(updates),
            },
            clock=clock,
        )


def _firsts(batch: _Batch, report: ImportReport) -> list[_Row]:
    """The batch's rows whose NIK and KPJ no earlier row of the batch has; the others
    are reported."""
    firsts = []
    row_of: dict[str, int] = {}  # NIK → the batch's row that has it
    kpj_row: dict[str, int] = {}  # KPJ → the batch's row that has it
    for row in batch.rows:
        number, nik, kpj, _ = row
        if nik in row_of:
            error = ImportRowError(
                QT_TRANSLATE_NOOP("LoketError", "NIK sama dengan baris {row}."), row=row_of[nik]
            )
        elif kpj in kpj_row:
            error = ImportRowError(
                QT_TRANSLATE_NOOP("LoketError", "KPJ sama dengan baris {row}."), row=kpj_row[kpj]
            )
        else:
            row_of[nik], kpj_row[kpj] = number, number
            firsts.append(row)
            continue
        report.errors.append((number, str(error)))
    return firsts


def _sort_out(
    session: Session, rows: list[_Row], report: ImportReport, *, update_existing: bool
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """(rows to insert, rows to update) of ``rows`` given the participants already in;
    the rest are reported or, when already imported, skipped."""
    existing = {  # NIK → (id, KPJ) of the participants already in
        nik: (pid, known)
        for nik, pid, known in bulk.lookup(
            session, _table, "nik", ("nik", "id", "kpj"), [nik for _, nik, _, _ in rows]
        )
    }
    kpj_owner = dict(
        bulk.lookup(session, _table, "kpj", ("kpj", "nik"), [kpj for _, _, kpj, _ in rows])
    )
    inserts, updates = [], []
    for number, nik, kpj, params in rows:
        if kpj_owner.get(kpj, nik) != nik:
            error = ImportRowError(
                QT_TRANSLATE_NOOP("LoketError", "KPJ {kpj} sudah milik peserta lain."), kpj=kpj
            )
        elif nik not in existing:
            inserts.append(params)
            continue
        elif update_existing:
            updates.append((*(params[i] for i in _UPDATED_AT), existing[nik][0]))
            continue
        elif existing[nik][1] != kpj:  # another person's number, or the same twice
            error = ImportRowError(
                QT_TRANSLATE_NOOP("LoketError", "NIK sudah terdaftar dengan KPJ {kpj}."),
                kpj=existing[nik][1],
            )
        else:  # already imported (a file run again)
            report.skipped += 1
            continue
        report.errors.append((number, str(error)))
    return inserts, updates


def import_participants(
    db: Database,
    actor: Actor,
    rows: Iterable[dict[str, str]],
    *,
    update_existing: bool = False,
    batch_size: int = 5000,
    source: str = "",
    progress: Callable[[ImportReport], None] | None = None,
    clock: Clock = system_clock,
) -> ImportReport:
    """Imports ``rows`` (dicts keyed by :data:`COLUMNS`), checked and written in this
    process; ``progress`` is called after every batch with the report so far."""
    require(actor, Permission.MANAGE_BRANCH)
    plan = _plan(db, source, clock)
    report = ImportReport()
    with bulk.bulk_writer(db, cache_mb=BULK_CACHE_MB) as writer:
        for batch in _batches(rows, batch_size):
            _write(
                writer,
                actor,
                _check(batch, plan),
                report,
                update_existing=update_existing,
                source=source,
                clock=clock,
            )
            if progress is not None:
                progress(report)
    report.errors.sort()
    return report


def import_file(
    db: Database,
    actor: Actor,
    path: Path,
    *,
    update_existing: bool = False,
    batch_size: int = 50_000,
    progress: Callable[[ImportReport], None] | None = None,
    clock: Clock = system_clock,
) -> ImportReport:
    """Imports a CSV export (see :func:`read_csv`; rows are numbered as the file's lines).

    The file is cut into pieces of ``batch_size`` lines; importing processes, one per
    processor, each check a piece and write it in one transaction while the others
    check theirs (SQLite lets one write at a time), so checking and writing overlap.
    On SQLite a file of at least :data:`SET_ASIDE_FROM` rows that adds at least an eighth
    to the participants has the phone and birth-date indexes built after the load.
    ``clock`` gives the registration time of rows without one."""
    require(actor, Permission.MANAGE_BRANCH)
    check_source(path)  # everything that can be checked is, before the first row is written
    with _lines_end_in_newline(path) as path:
        return _import_file(db, actor, path, update_existing, batch_size, progress, clock)


@contextmanager
def _lines_end_in_newline(path: Path) -> Iterator[Path]:
    """``path``, or a copy with its lines ending in LF when they end in CR alone (old Mac
    spreadsheets): the file is cut into pieces at line ends, which must be LF."""
    with path.open("rb") as f:
        head = f.read(1 << 16)
    bare_cr = head.count(b"\r") - head.count(b"\r\n")
    if bare_cr <= head.count(b"\n"):  # LF or CRLF line ends (a bare CR is inside a field)
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="loket-import-") as folder:
        copy = Path(folder) / path.name
        with path.open("rb") as src, copy.open("wb") as dst:
            while chunk := src.read(1 << 22):
                dst.write(chunk.replace(b"\r", b"\n"))
        yield copy


def _import_file(
    db: Database,
    actor: Actor,
    path: Path,
    update_existing: bool,
    batch_size: int,
    progress: Callable[[ImportReport], None] | None,
    clock: Clock,
) -> ImportReport:
    names, delimiter = _header(path)
    plan = _plan(db, path.name, clock)
    job = _Job(db.url, actor, plan, tuple(names), delimiter, update_existing, path.name)
    expected = estimate_rows(path)
    with db.reader() as session:
        present = session.scalar(select(func.max(_table.c.id))) or 0
    large = expected >= SET_ASIDE_FROM and expected * 8 >= present
    report = ImportReport()
    workers = os.cpu_count() or 1
    with (
        bulk.secondary_indexes_set_aside(db, _table) if large else nullcontext(),
        ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("spawn"),  # never fork a process with Qt
            initializer=_start_worker,
            initargs=(job,),
        ) as pool,
    ):
        pending: deque[Future[ImportReport | _Failed]] = deque()

        def collect() -> None:
            done = pending.popleft().result()
            if isinstance(done, _Failed):
                raise ValidationError(done.message, field="file", **done.params)
            report.read += done.read
            report.imported += done.imported
            report.updated += done.updated
            report.skipped += done.skipped
            report.errors.extend(done.errors)
            if progress is not None:
                progress(report)

        try:
            for first_line, piece in _pieces(path, batch_size, rows=expected):
                pending.append(pool.submit(_import_piece, first_line, piece))
                if len(pending) > workers:
                    collect()
            while pending:
                collect()
        except LoketError as exc:
            pool.shutdown(cancel_futures=True)
            raise ImportStopped(exc, report) from exc
        except BaseException:
            pool.shutdown(cancel_futures=True)
            raise
    report.errors.sort()
    return report


def _pieces(path: Path, lines: int, *, rows: int) -> Iterator[tuple[int, bytes]]:
    """(number of its first line, piece) for the file of about ``rows`` rows after its
    header, in pieces of about ``lines`` lines, each ending at a line end outside quotes
    (a quoted field may hold a line break)."""
    line_size = max(1, path.stat().st_size // max(1, rows))
    first = 2
    with path.open("rb") as f:
        f.readline()
        while chunk := f.readlines(lines * line_size):
            piece = b"".join(chunk)
            while piece.count(b'"') % 2 and (more := f.readline()):
                piece += more
            yield first, piece
            first += piece.count(b"\n")


@dataclass(frozen=True)
class _Job:
    """What an importing process needs to import pieces of a file."""

    url: URL
    actor: Actor
    plan: _Plan
    names: tuple[str, ...]
    delimiter: str
    update_existing: bool
    source: str


@dataclass(frozen=True)
class _Failed:
    message: str
    params: dict[str, str]


# In an importing process.
_worker: tuple[_Job, Database] | None = None


def _start_worker(job: _Job) -> None:
    global _worker
    _worker = (job, Database(job.url))


def _import_piece(first_line: int, piece: bytes) -> ImportReport | _Failed:
    assert _worker is not None
    job, db = _worker
    try:
        text = piece.decode()
    except UnicodeDecodeError:
        return _Failed(QT_TRANSLATE_NOOP("LoketError", "Berkas bukan teks UTF-8."), {})
    records = _records(io.StringIO(text, newline=""), job.names, job.delimiter)
    report = ImportReport()
    try:
        batch = _check(((first_line + at, record) for at, record in records), job.plan)
    except csv.Error as exc:
        return _Failed(
            QT_TRANSLATE_NOOP("LoketError", "Berkas CSV rusak: {reason}"), {"reason": str(exc)}
        )
    with bulk.bulk_writer(db, cache_mb=BULK_CACHE_MB) as writer:
        _write(
            writer,
            job.actor,
            batch,
            report,
            update_existing=job.update_existing,
            source=job.source,
            clock=system_clock,
        )
    return report


def estimate_rows(path: Path) -> int:
    """About how many rows ``path`` holds, from its size and its first lines."""
    size = path.stat().st_size
    with path.open("rb") as f:
        head = f.read(1 << 16)
    lines = head.count(b"\n")
    if lines <= 1 or len(head) >= size:
        return max(lines - 1, 0)
    return int(size / (len(head) / lines))


def _header(path: Path) -> tuple[list[str], str]:
    """The column names and the delimiter; refuses a file without the required columns."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            line = f.readline()
    except UnicodeDecodeError:
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Berkas bukan teks UTF-8."), field="file"
        ) from None
    # Spreadsheets set to Indonesian write ";" (the comma is the decimal separator).
    delimiter = ";" if line.count(";") > line.count(",") else ","
    names = next(csv.reader([line], delimiter=delimiter), [])
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Kolom wajib tidak ada di berkas: {columns}"),
            field="file",
            columns=", ".join(missing),
        )
    return names, delimiter


def _records(
    lines: Iterable[str], names: Sequence[str], delimiter: str
) -> Iterator[tuple[int, _Record | int]]:
    """(lines before it, record) for each record of CSV ``lines`` without a header named
    ``names``; a blank line is no record, and a short row's missing fields are empty. A
    record that runs over several lines (a quoted field with a line break) must have the
    header's columns; otherwise a quote was left open and swallowed the lines after it —
    the record is then the number of lines it swallowed, each reported, none imported."""
    width = len(names)  # where a column the file lacks is read from: the "" added below
    pick = itemgetter(*(names.index(c) if c in names else width for c in COLUMNS))
    padding = [""] * width
    reader = csv.reader(lines, delimiter=delimiter)
    before = 0
    for values in reader:
        if values:
            spans = reader.line_num - before
            if spans > 1 and len(values) != width:
                yield before, spans
            else:
                if len(values) != width:
                    values = (values + padding)[:width]
                values.append("")
                yield before, pick(values)
        before = reader.line_num


def read_csv(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a CSV export (UTF-8, with or without BOM; comma or semicolon separated)."""
    names, delimiter = _header(path)
    with path.open(encoding="utf-8-sig", newline="") as f:
        f.readline()
        for before, record in _records(f, names, delimiter):
            if isinstance(record, int):
                raise ValidationError(_UNBALANCED, field="file", line=before + 2, count=record)
            yield dict(zip(COLUMNS, record, strict=True))


def write_errors(path: Path, errors: list[tuple[int, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["row", "reason"])
        writer.writerows((row, safe_cell(reason)) for row, reason in errors)
