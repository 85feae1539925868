"""A row checked as a walk-in registration is, into the parameters the database takes: the
report, the import's plan and a checked batch."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache, lru_cache
from itertools import islice
from operator import itemgetter
from typing import Any
from zoneinfo import ZoneInfo

from loket.db import bulk
from loket.db.engine import Database
from loket.db.models import Participant, table
from loket.db.search_index import IMPORTED_BY_PREFIX
from loket.domain.errors import QT_TRANSLATE_NOOP, LoketError
from loket.domain.kpj import looks_like_kpj
from loket.domain.money import parse_rupiah
from loket.domain.tariffs import Published
from loket.services.clock import Clock
from loket.services.errors import ValidationError
from loket.services.participant_import.files import _UNBALANCED, COLUMNS, _Record
from loket.services.place import require_home_branch
from loket.services.registration import RegistrationInput, validate
from loket.services.sync import published_tariffs

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
