"""Writing checked batches: new rows inserted, rows already in skipped or updated, the first
of each NIK and KPJ kept, one transaction per batch."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from loket.db import bulk, coverage_tally
from loket.db.engine import Database
from loket.db.search_index import index_imported
from loket.domain.errors import QT_TRANSLATE_NOOP
from loket.services.actor import Actor
from loket.services.audit import append_audit
from loket.services.clock import Clock, system_clock
from loket.services.participant_import.rows import (
    _INSERTED,
    _UPDATED,
    _UPDATED_AT,
    BULK_CACHE_MB,
    ImportReport,
    ImportRowError,
    _Batch,
    _batches,
    _check,
    _plan,
    _Row,
    _table,
)
from loket.services.permissions import Permission, require


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
