"""Receipts after payment: rendering, counting prints, the not-yet-printed list, voids.

A receipt is committed before it is printed. Printing it counts it; every later print is
a numbered copy (SALINAN ke-N). A receipt that failed to print stays on the not-yet-printed
list. A mistake is voided, never edited or deleted: the staff ask with a reason, a
supervisor who did not ask approves with their password, and the receipt keeps its number.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from loket.db import coverage_tally
from loket.db.engine import Database
from loket.db.models import Contribution, Participant, Receipt
from loket.documents.receipts import ReceiptDoc, ReceiptItem, receipt_pdf
from loket.domain.coverage import Period
from loket.domain.errors import QT_TRANSLATE_NOOP
from loket.domain.names import fold_name
from loket.domain.states import VoidStatus
from loket.keys import qr_signer
from loket.services.actor import Actor
from loket.services.audit import append_audit, record_change
from loket.services.cash_sessions import drawer_of, require_day_open, void_session_for
from loket.services.clock import Clock, system_clock
from loket.services.errors import Conflict, NotFound
from loket.services.four_eyes import begin_decision, require_other_person
from loket.services.payments import last_paid_month
from loket.services.permissions import Permission, require
from loket.services.place import letterhead_as_kept, local_date, require_home_branch
from loket.services.text_fields import column_text


@dataclass(frozen=True)
class ReceiptSummary:
    id: int
    number: str
    issued_at: datetime
    payer: str
    total: int
    print_count: int
    void_status: str
    void_reason: str
    void_requested_by: str


def _summary(r: Receipt) -> ReceiptSummary:
    return ReceiptSummary(
        r.id,
        r.number,
        r.issued_at,
        r.payer_name,
        r.total,
        r.print_count,
        r.void_status,
        r.void_reason,
        r.void_requested_by,
    )


def _get(session: Session, receipt_id: int) -> Receipt:
    receipt = session.get(Receipt, receipt_id)
    if receipt is None:
        raise NotFound(QT_TRANSLATE_NOOP("LoketError", "Kuitansi tidak ditemukan."))
    return receipt


def receipt_document(
    db: Database, actor: Actor, receipt_id: int, *, layout: str = "thermal"
) -> bytes:
    """The receipt as it prints next: the original, or SALINAN ke-N once printed; BATAL
    when voided."""
    require(actor, Permission.SERVE_COUNTER)
    with db.reader() as session:
        branch = require_home_branch(session)
        r = _get(session, receipt_id)
        people = {
            p.id: p
            for p in session.scalars(
                select(Participant).where(
                    Participant.id.in_({c.participant_id for c in r.contributions})
                )
            )
        }
        items = tuple(
            ReceiptItem(
                people[c.participant_id].kpj,
                people[c.participant_id].nik,
                people[c.participant_id].full_name,
                c.program,
                Period(c.period_first, c.period_last).label(),
                c.months,
                c.amount,
                c.relief_monthly * c.months,
                c.relief_basis,
            )
            for c in r.contributions
        )
        doc = ReceiptDoc(
            number=r.number,
            issued_at=r.issued_at.astimezone(ZoneInfo(branch.timezone)),
            counter_name=r.counter_name,
            staff_name=r.issued_by_name,
            payer=r.payer_name,
            items=items,
            total=r.total,
            method=r.method,
            reference=r.reference,
            tendered=r.tendered,
            change=r.change,
            copy_number=r.print_count,
            void=r.void_status == VoidStatus.VOID,
        )
        head = letterhead_as_kept(r.letterhead, session, branch, qr_signer(branch.code))
    return receipt_pdf(head, doc, layout=layout)


def search_receipts(
    db: Database, actor: Actor, query: str = "", *, on: date | None = None, limit: int = 100
) -> list[ReceiptSummary]:
    """Receipts by number (``KW/BJM/2026/000123`` or just ``123``), by participant (KPJ,
    NIK or name) or by payer, optionally issued on ``on`` (the branch's date); newest first."""
    require(actor, Permission.SERVE_COUNTER)
    query = " ".join(query.split())
    with db.reader() as session:
        tz = ZoneInfo(require_home_branch(session).timezone)
        stmt = select(Receipt).order_by(Receipt.id.desc()).limit(max(1, min(limit, 500)))
        if query:
            digits = query.rsplit("/", 1)[-1]
            who = (
                select(Contribution.receipt_id)
                .join(Participant, Participant.id == Contribution.participant_id)
                .where(
                    or_(
                        Participant.kpj == query,
                        Participant.nik == query,
                        *[Participant.name_search.like(f"%{w}%") for w in [fold_name(query)] if w],
                    )
                )
            )
            conditions = [
                Receipt.number == query.upper(),
                Receipt.id.in_(who),
                Receipt.payer_name.ilike(f"%{query}%"),
            ]
            if digits.isdigit() and len(digits) <= 6:  # the sequence part, e.g. "000123"
                conditions.append(Receipt.seq == int(digits))
            stmt = stmt.where(or_(*conditions))
        if on is not None:
            start = datetime.combine(on, time(0), tz)
            stmt = stmt.where(
                Receipt.issued_at >= start, Receipt.issued_at < start + timedelta(days=1)
            )
        return [_summary(r) for r in session.scalars(stmt)]


def mark_printed(
    db: Database, actor: Actor, receipt_id: int, *, clock: Clock = system_clock
) -> int:
    """Counts a print that went through; returns how many prints there have been."""
    require(actor, Permission.SERVE_COUNTER)
    with db.transaction() as session:
        r = _get(session, receipt_id)
        r.print_count += 1
        r.printed_at = clock()
        append_audit(
            session,
            actor,
            "receipt.printed",
            f"receipt:{r.id}",
            {"number": r.number, "copy": r.print_count - 1},
            clock=clock,
        )
        return r.print_count


def unprinted_receipts(db: Database, actor: Actor) -> list[ReceiptSummary]:
    """Receipts committed but never printed (a printer failed): to print now."""
    require(actor, Permission.SERVE_COUNTER)
    with db.reader() as session:
        rows = session.scalars(
            select(Receipt)
            .where(Receipt.print_count == 0, Receipt.void_status != VoidStatus.VOID)
            .order_by(Receipt.id)
        )
        return [_summary(r) for r in rows]


def request_void(
    db: Database, actor: Actor, receipt_id: int, reason: str, *, clock: Clock = system_clock
) -> None:
    require(actor, Permission.SERVE_COUNTER)
    reason = column_text(
        Receipt.void_reason,
        reason,
        field="reason",
        required=QT_TRANSLATE_NOOP("LoketError", "Tuliskan alasan pembatalan."),
    )
    with db.transaction() as session:
        r = _get(session, receipt_id)
        if r.void_status:
            raise Conflict(
                QT_TRANSLATE_NOOP(
                    "LoketError",
                    "Kuitansi {number} sudah dibatalkan atau sedang menunggu pembatalan.",
                ),
                number=r.number,
            )
        r.void_status, r.void_reason, r.void_requested_by = (
            VoidStatus.REQUESTED,
            reason,
            actor.username,
        )
        r.void_drawer = drawer_of(actor)  # where the money goes back from
        record_change(
            session,
            actor,
            "receipt.void_requested",
            f"receipt:{r.id}",
            {"number": r.number, "reason": reason},
            clock=clock,
        )


def pending_voids(db: Database, actor: Actor) -> list[ReceiptSummary]:
    require(actor, Permission.APPROVE)
    with db.reader() as session:
        rows = session.scalars(
            select(Receipt).where(Receipt.void_status == VoidStatus.REQUESTED).order_by(Receipt.id)
        )
        return [_summary(r) for r in rows]


def decide_void(
    db: Database,
    actor: Actor,
    receipt_id: int,
    *,
    approve: bool,
    password: str,
    note: str = "",
    clock: Clock = system_clock,
) -> None:
    """A supervisor who did not ask approves (the receipt becomes BATAL, keeping its number)
    or rejects (with a reason) a void request, after re-entering their password."""
    note = begin_decision(db, actor, approve=approve, password=password, note=note, clock=clock)
    with db.transaction() as session:
        r = _get(session, receipt_id)
        if r.void_status != VoidStatus.REQUESTED:
            raise NotFound(
                QT_TRANSLATE_NOOP(
                    "LoketError", "Tidak ada permintaan pembatalan untuk kuitansi ini."
                )
            )
        require_other_person(actor, r.void_requested_by)
        if approve:
            now = clock()
            require_day_open(session, local_date(require_home_branch(session), now))
            r.void_status, r.voided_by, r.voided_at = VoidStatus.VOID, actor.username, now
            r.void_session_id = void_session_for(session, r)
            session.flush()
            tz = coverage_tally.home_zone(session)
            for pid in {c.participant_id for c in r.contributions}:
                p = session.get(Participant, pid)
                assert p is not None
                before = coverage_tally.base_month(p.paid_through, p.registered_at, tz)
                p.paid_through = last_paid_month(session, pid)
                after = coverage_tally.base_month(p.paid_through, p.registered_at, tz)
                coverage_tally.move(session, before, after)
        else:
            r.void_status = VoidStatus.NONE
        record_change(
            session,
            actor,
            "receipt.voided" if approve else "receipt.void_rejected",
            f"receipt:{r.id}",
            {
                "number": r.number,
                "reason": r.void_reason,
                "requested_by": r.void_requested_by,
                "note": note,
                "refunded_in_session": r.void_session_id,
            },
            clock=clock,
        )
