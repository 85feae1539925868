"""An export file imported by one process per processor: each checks and writes its pieces,
the reports added up."""

from __future__ import annotations

import csv
import io
import multiprocessing
import os
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import URL, func, select

from loket.db import bulk
from loket.db.engine import Database
from loket.domain.errors import QT_TRANSLATE_NOOP, LoketError
from loket.services.actor import Actor
from loket.services.clock import Clock, system_clock
from loket.services.errors import ValidationError
from loket.services.participant_import.files import (
    _header,
    _lines_end_in_newline,
    _pieces,
    _records,
    check_source,
    estimate_rows,
)
from loket.services.participant_import.load import _write
from loket.services.participant_import.rows import (
    BULK_CACHE_MB,
    SET_ASIDE_FROM,
    ImportReport,
    ImportStopped,
    _check,
    _Plan,
    _plan,
    _table,
)
from loket.services.permissions import Permission, require


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
