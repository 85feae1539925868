"""The branch's daily closing (*rekap harian*) and the reports of any period.

When every counter's cash session of a day is closed, a supervisor closes the day with
their password: the day's report is built, printed to PDF with the audit chain's head at
that moment, stored, audited and sent to the central server (``day.closed``) in one
transaction. A closed day takes no more cash sessions, payments or voids; its stored PDF
is what reprints. ``audit verify`` holds the chain to every closing's printed head.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from loket.db.engine import Database
from loket.db.models import AuditEntry, Branch, DayClosing
from loket.documents.branch_report import branch_report_pdf
from loket.domain.branch_report import ClosingStamp, Report
from loket.domain.errors import QT_TRANSLATE_NOOP
from loket.private_files import write_private
from loket.services.actor import Actor
from loket.services.audit import GENESIS_HASH, day_entity, record_change
from loket.services.auth import require_password
from loket.services.cash_sessions import drawers_of_day
from loket.services.clock import Clock, system_clock
from loket.services.errors import Conflict, NotFound, ValidationError
from loket.services.permissions import Permission, require
from loket.services.place import letterhead, local_date, require_home_branch
from loket.services.report_export import to_csv, to_xlsx
from loket.services.reports import (
    build_report,
    check_period,
    require_reports,
    summary,
)


@dataclass(frozen=True)
class DrawerState:
    session_id: int
    business_date: date
    counter: str
    holder: str
    open: bool


@dataclass(frozen=True)
class DayState:
    day: date
    closed_by: str  # "" while open
    closed_at: datetime | None
    audit_seq: int | None
    audit_hash: str
    drawers: tuple[DrawerState, ...]

    @property
    def closed(self) -> bool:
        return self.closed_at is not None

    @property
    def open_drawers(self) -> tuple[DrawerState, ...]:
        return tuple(d for d in self.drawers if d.open)


def _drawers(session: Session, day: date) -> tuple[DrawerState, ...]:
    return tuple(
        DrawerState(cs.id, cs.business_date, cs.counter_name, cs.full_name, cs.closed_at is None)
        for cs in drawers_of_day(session, day)
    )


def _state(session: Session, day: date) -> DayState:
    c = session.get(DayClosing, day)
    return DayState(
        day,
        c.closed_by_name if c else "",
        c.closed_at if c else None,
        c.audit_seq if c else None,
        c.audit_hash if c else "",
        _drawers(session, day),
    )


def day_state(db: Database, actor: Actor, day: date) -> DayState:
    """Whether ``day`` is closed, and its counters' sessions (open ones from before it too)."""
    require_reports(actor)
    with db.reader() as session:
        return _state(session, day)


def recent_days(db: Database, actor: Actor, last: date, days: int = 7) -> list[DayState]:
    """``days`` days up to ``last``, newest first: which are closed, which drawers open."""
    require_reports(actor)
    with db.reader() as session:
        return [_state(session, last - timedelta(days=i)) for i in range(days)]


@dataclass(frozen=True)
class DayClosed:
    day: date
    audit_seq: int
    audit_hash: str
    pdf: bytes


def close_day(
    db: Database,
    actor: Actor,
    day: date,
    *,
    password: str,
    clock: Clock = system_clock,
) -> DayClosed:
    """Signs ``day`` off (see the module's docstring); refuses while a drawer is open."""
    require(actor, Permission.CLOSE_DAY)
    require_password(db, actor, password, clock=clock)
    with db.transaction() as session:
        # one closing at a time, and no drawer opens while it is being written
        session.execute(select(Branch.id).where(Branch.is_home).with_for_update())
        branch = require_home_branch(session)
        now = clock()
        if day > local_date(branch, now):
            raise ValidationError(
                QT_TRANSLATE_NOOP("LoketError", "Hari yang belum tiba tidak dapat ditutup."),
                field="day",
            )
        if (done := session.get(DayClosing, day)) is not None:
            raise Conflict(
                QT_TRANSLATE_NOOP("LoketError", "Hari {date} sudah ditutup oleh {name}."),
                field="day",
                date=day.strftime("%d-%m-%Y"),
                name=done.closed_by_name,
            )
        still_open = [d for d in _drawers(session, day) if d.open]
        if still_open:
            raise Conflict(
                QT_TRANSLATE_NOOP(
                    "LoketError", "Kas loket belum ditutup: {drawers}. Tutup kasnya dulu."
                ),
                field="day",
                drawers=", ".join(f"{d.counter} ({d.holder})" for d in still_open),
            )
        head = session.execute(
            select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)
        ).first()
        seq, head_hash = (int(head[0]), str(head[1])) if head else (0, GENESIS_HASH)
        report = build_report(session, branch, day, day)
        stamp = ClosingStamp(actor.full_name, now, seq, head_hash)
        pdf = branch_report_pdf(letterhead(session, branch), report, stamp)
        digest = hashlib.sha256(pdf).hexdigest()
        totals = summary(report)
        session.add(
            DayClosing(
                business_date=day,
                closed_at=now,
                closed_by=actor.username,
                closed_by_name=actor.full_name,
                audit_seq=seq,
                audit_hash=head_hash,
                summary=json.dumps(totals, sort_keys=True),
                report_pdf=pdf,
                report_sha256=digest,
            )
        )
        record_change(
            session,
            actor,
            "day.closed",
            day_entity(day),
            {
                "business_date": day.isoformat(),
                "audit_seq": seq,
                "audit_head": head_hash,
                "report_sha256": digest,
                "summary": totals,
            },
            clock=clock,
        )
        return DayClosed(day, seq, head_hash, pdf)


def closing_pdf(db: Database, actor: Actor, day: date) -> bytes:
    """The closing report as it was printed at closing (stored, not rebuilt)."""
    require_reports(actor)
    with db.reader() as session:
        c = session.get(DayClosing, day)
        if c is None:
            raise NotFound(
                QT_TRANSLATE_NOOP("LoketError", "Hari {date} belum ditutup."),
                date=day.strftime("%d-%m-%Y"),
            )
        return c.report_pdf


REPORT_FORMATS = ("pdf", "csv", "xlsx")


def save_report(db: Database, actor: Actor, first: date, last: date, fmt: str, out: Path) -> Report:
    """Any period's report written to ``out`` as PDF (not a closing: no signature of the
    day), CSV or XLSX; the page and ``loket-admin report`` alike. A file that cannot be
    written is said in words."""
    require_reports(actor)
    check_period(first, last)
    if fmt not in REPORT_FORMATS:
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Format laporan tidak dikenal."), field="format"
        )
    with db.reader() as session:
        branch = require_home_branch(session)
        report = build_report(session, branch, first, last)
        head = letterhead(session, branch)
    if fmt == "pdf":
        data = branch_report_pdf(head, report, None)
    else:
        data = to_csv(report).encode("utf-8") if fmt == "csv" else to_xlsx(report)
    try:
        write_private(out, data)
    except OSError as exc:
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Laporan tidak dapat disimpan di {file}: {reason}"),
            field="out",
            file=str(out),
            reason=exc.strerror or str(exc),
        ) from exc
    return report
