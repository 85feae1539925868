"""Bulk import of participants from the central office's CSV export.

Every row passes the same checks as a walk-in registration. A bad row is reported with
its row number and reason and is not imported at all; good rows are written one batch
per transaction, so an interrupted import can simply be run again (rows already in are
then skipped, or updated if asked).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import islice
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, func, insert, select, update

from loket.db.engine import Database
from loket.db.models import Participant, table
from loket.db.search_index import IMPORTED_BY_PREFIX, index_imported
from loket.domain.errors import QT_TRANSLATE_NOOP, LoketError
from loket.domain.kpj import looks_like_kpj
from loket.domain.money import parse_rupiah
from loket.services.actor import Actor
from loket.services.audit import append_audit
from loket.services.branch import require_home_branch
from loket.services.clock import Clock, system_clock
from loket.services.errors import ValidationError
from loket.services.permissions import Permission, require
from loket.services.registration import RegistrationInput, validate

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


def _row_values(row: dict[str, str], today: date) -> dict[str, Any]:
    kpj = (row.get("kpj") or "").strip()
    if not looks_like_kpj(kpj):
        raise ImportRowError(QT_TRANSLATE_NOOP("LoketError", "KPJ harus 11 angka."), field="kpj")
    try:
        born = date.fromisoformat((row.get("birth_date") or "").strip())
    except ValueError:
        raise ImportRowError(
            QT_TRANSLATE_NOOP("LoketError", "Tanggal lahir harus berbentuk TTTT-BB-HH."),
            field="birth_date",
        ) from None
    income_text = (row.get("declared_income") or "").strip()
    programs = (row.get("programs") or "JKK;JKM").replace("+", ";").replace(",", ";")
    data = RegistrationInput(
        nik=row.get("nik") or "",
        full_name=row.get("full_name") or "",
        birth_place=row.get("birth_place") or "",
        birth_date=born,
        sex=(row.get("sex") or "").strip().upper(),
        address=row.get("address") or "",
        province_code=(row.get("province_code") or "").strip(),
        regency=row.get("regency") or "",
        phone=row.get("phone") or "",
        email=row.get("email") or "",
        occupation=(row.get("occupation") or "").strip(),
        segment=(row.get("segment") or "BPU").strip().upper(),
        npp=row.get("npp") or "",
        declared_income=parse_rupiah(income_text) if income_text else None,
        programs=frozenset(p.strip().upper() for p in programs.split(";") if p.strip()),
    )
    values = validate(data, today)
    values["kpj"] = kpj
    return values


def _batches(
    rows: Iterable[dict[str, str]], size: int
) -> Iterator[list[tuple[int, dict[str, str]]]]:
    numbered = enumerate(rows, start=2)  # row 1 of the file is the header
    while batch := list(islice(numbered, size)):
        yield batch


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
    """Imports ``rows`` (dicts keyed by :data:`COLUMNS`); ``progress`` is called after
    every batch with the report so far."""
    require(actor, Permission.MANAGE_BRANCH)
    report = ImportReport()
    with db.reader() as session:
        branch = require_home_branch(session)
        home, tz = branch.code, ZoneInfo(branch.timezone)
    for batch in _batches(rows, batch_size):
        now = clock()
        today = now.astimezone(tz).date()
        good: dict[str, tuple[int, dict[str, Any]]] = {}
        for number, row in batch:
            report.read += 1
            try:
                values = _row_values(row, today)
            except LoketError as exc:
                report.errors.append((number, str(exc)))
                continue
            if values["nik"] in good:
                first = good[values["nik"]][0]
                duplicate = ImportRowError(
                    QT_TRANSLATE_NOOP("LoketError", "NIK sama dengan baris {row}."), row=first
                )
                report.errors.append((number, str(duplicate)))
                continue
            values["branch_code"] = (row.get("branch_code") or "").strip() or home
            stamp = (row.get("registered_at") or "").strip()
            values["registered_at"] = datetime.fromisoformat(stamp) if stamp else now
            if values["registered_at"].tzinfo is None:
                values["registered_at"] = values["registered_at"].replace(tzinfo=tz)
            values["registered_by"] = f"{IMPORTED_BY_PREFIX}{source}"[:64]
            good[values["nik"]] = (number, values)
        with db.transaction() as session:
            niks = list(good)
            existing: dict[str, int] = {
                nik: pid
                for nik, pid in session.execute(
                    select(_table.c.nik, _table.c.id).where(_table.c.nik.in_(niks))
                )
            }
            kpjs = [values["kpj"] for _, values in good.values()]
            kpj_owner: dict[str, str] = {
                kpj: nik
                for kpj, nik in session.execute(
                    select(_table.c.kpj, _table.c.nik).where(_table.c.kpj.in_(kpjs))
                )
            }
            inserts, updates = [], []
            for nik, (number, values) in good.items():
                owner = kpj_owner.get(values["kpj"])
                if owner is not None and owner != nik:
                    taken = ImportRowError(
                        QT_TRANSLATE_NOOP("LoketError", "KPJ {kpj} sudah milik peserta lain."),
                        kpj=values["kpj"],
                    )
                    report.errors.append((number, str(taken)))
                elif nik in existing:
                    if update_existing:
                        updates.append(values | {"pid": existing[nik]})
                    else:
                        report.skipped += 1
                else:
                    inserts.append(values)
            if inserts:
                before = session.scalar(select(func.max(_table.c.id))) or 0
                session.execute(insert(_table), inserts)
                index_imported(session, before + 1, before + len(inserts))
            if updates:
                keep = ("registered_at", "registered_by", "branch_code", "sponsor_id")
                session.execute(
                    update(_table)
                    .where(_table.c.id == bindparam("pid"))
                    .values({c: bindparam(c) for c in updates[0] if c not in (*keep, "pid")}),
                    updates,
                )
            report.imported += len(inserts)
            report.updated += len(updates)
            append_audit(
                session,
                actor,
                "participants.imported",
                f"import:{source}",
                {
                    "rows": f"{batch[0][0]}-{batch[-1][0]}",
                    "imported": len(inserts),
                    "updated": len(updates),
                },
                clock=clock,
            )
        if progress is not None:
            progress(report)
    report.errors.sort()
    return report


def read_csv(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a CSV export (UTF-8, with or without BOM; comma or semicolon separated)."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        header = f.readline()
        f.seek(0)
        # Spreadsheets set to Indonesian write ";" (the comma is the decimal separator).
        delimiter = ";" if header.count(";") > header.count(",") else ","
        reader = csv.DictReader(f, delimiter=delimiter)
        missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise ValidationError(
                QT_TRANSLATE_NOOP("LoketError", "Kolom wajib tidak ada di berkas: {columns}"),
                field="file",
                columns=", ".join(missing),
            )
        yield from reader


def write_errors(path: Path, errors: list[tuple[int, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["row", "reason"])
        writer.writerows(errors)
