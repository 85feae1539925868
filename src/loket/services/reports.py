"""The branch's figures for a period (a day, a month, a year): what the daily closing prints
and what ``loket-admin report`` exports.

Every table is an aggregate query over the period's rows, bounded by the branch's own
calendar (WITA for Banjarmasin: a payment at 23:30 local time belongs to that day). A
receipt counts in the period it was issued unless it was voided within that period too; a
void approved later shows in its own period's voids table (and the cash table says which
session paid the money back). So a day's figures read the same whenever they are asked.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from loket.db.engine import Database
from loket.db.models import (
    Branch,
    CashSession,
    Claim,
    ClaimEvent,
    Contribution,
    Handover,
    Participant,
    Receipt,
)
from loket.domain.branch_report import (
    CashRow,
    ClaimRow,
    HandoverRow,
    MethodRow,
    NonCashRow,
    NumberRange,
    ProgramRow,
    QueueRow,
    Report,
    SegmentRow,
    VoidRow,
)
from loket.domain.claim_status import ClaimStatus
from loket.domain.errors import QT_TRANSLATE_NOOP
from loket.domain.registration import Program
from loket.domain.states import PaymentMethod, VoidStatus
from loket.services.actor import Actor
from loket.services.errors import ValidationError
from loket.services.permissions import Permission, require
from loket.services.place import require_home_branch
from loket.services.queue import period_figures

MAX_PERIOD_DAYS = 366 * 5
PROGRAMS = tuple(p.value for p in Program)
METHODS = tuple(PaymentMethod)
SEGMENTS = ("BPU", "PU", "JAKON")


def period_bounds(branch: Branch, first: date, last: date) -> tuple[datetime, datetime]:
    """The instants the branch's days ``first`` … ``last`` span: [start, end)."""
    tz = ZoneInfo(branch.timezone)
    start = datetime.combine(first, time(0), tz)
    end = datetime.combine(last + timedelta(days=1), time(0), tz)
    return start, end


def check_period(first: date, last: date) -> None:
    if last < first:
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Tanggal akhir sebelum tanggal awal."), field="last"
        )
    if (last - first).days >= MAX_PERIOD_DAYS:
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Periode laporan paling panjang 5 tahun."),
            field="last",
        )


def require_reports(actor: Actor) -> None:
    """Reports are for who closes the day and who reads the dashboard."""
    require(actor, Permission.CLOSE_DAY, Permission.VIEW_DASHBOARD)


def _counted(start: datetime, end: datetime) -> Any:
    """Receipts issued in [start, end) and not voided before ``end``."""
    return and_(
        Receipt.issued_at >= start,
        Receipt.issued_at < end,
        or_(Receipt.void_status != VoidStatus.VOID, Receipt.voided_at >= end),
    )


def programs_paid(session: Session, start: datetime, end: datetime) -> tuple[ProgramRow, ...]:
    rows = session.execute(
        select(
            Contribution.program,
            func.sum(Contribution.amount),
            func.sum(Contribution.relief_monthly * Contribution.months),
        )
        .join(Receipt, Receipt.id == Contribution.receipt_id)
        .where(_counted(start, end))
        .group_by(Contribution.program)
    ).all()
    found = {program: (int(paid or 0), int(relief or 0)) for program, paid, relief in rows}
    return tuple(
        ProgramRow(p, paid + relief, relief, paid)
        for p in PROGRAMS
        for paid, relief in (found.get(p, (0, 0)),)
    )


def receipts_by_method(session: Session, start: datetime, end: datetime) -> tuple[MethodRow, ...]:
    rows = session.execute(
        select(Receipt.method, func.count(), func.sum(Receipt.total))
        .where(_counted(start, end))
        .group_by(Receipt.method)
    ).all()
    found = {m: (int(n), int(total or 0)) for m, n, total in rows}
    return tuple(MethodRow(m, *found.get(m, (0, 0))) for m in METHODS)


def _voids(session: Session, branch: Branch, start: datetime, end: datetime) -> tuple[VoidRow, ...]:
    tz = ZoneInfo(branch.timezone)
    rows = session.scalars(
        select(Receipt)
        .where(
            Receipt.void_status == VoidStatus.VOID,
            Receipt.voided_at >= start,
            Receipt.voided_at < end,
        )
        .order_by(Receipt.voided_at, Receipt.id)
    )
    return tuple(
        VoidRow(
            r.number,
            r.issued_at.astimezone(tz).date(),
            r.voided_at,
            r.method,
            r.total,
            r.void_reason,
            r.void_requested_by,
            r.voided_by,
            r.cash_session_id,
            r.void_session_id,
        )
        for r in rows
        if r.voided_at is not None
    )


def registrations_by_segment(
    session: Session, start: datetime, end: datetime
) -> tuple[SegmentRow, ...]:
    rows = session.execute(
        select(Participant.segment, func.count())
        .where(Participant.registered_at >= start, Participant.registered_at < end)
        .group_by(Participant.segment)
    ).all()
    found = {segment: int(n) for segment, n in rows}
    return tuple(SegmentRow(s, found.get(s, 0)) for s in SEGMENTS)


def _claims(session: Session, start: datetime, end: datetime) -> tuple[ClaimRow, ...]:
    decided = session.execute(
        select(ClaimEvent.action, Claim.benefit, func.count(), func.sum(Claim.total))
        .join(Claim, Claim.id == ClaimEvent.claim_id)
        .where(
            ClaimEvent.action.in_((ClaimStatus.APPROVED, ClaimStatus.REJECTED)),
            ClaimEvent.at >= start,
            ClaimEvent.at < end,
        )
        .group_by(ClaimEvent.action, Claim.benefit)
    ).all()
    figures: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for action, benefit, n, total in decided:
        if action == ClaimStatus.APPROVED:
            figures[benefit][0] += int(n)
            figures[benefit][2] += int(total or 0)
        else:
            figures[benefit][1] += int(n)
    for benefit, (n, amount) in claims_paid_by_benefit(session, start, end).items():
        figures[benefit][3] += n
        figures[benefit][4] += amount
    return tuple(ClaimRow(b, *figures[b]) for b in sorted(figures))


def claims_paid_by_benefit(
    session: Session, start: datetime, end: datetime
) -> dict[str, tuple[int, int]]:
    """Benefit → (claims paid, Rupiah) in [start, end)."""
    return {
        benefit: (int(n), int(amount or 0))
        for benefit, n, amount in session.execute(
            select(Claim.benefit, func.count(), func.sum(Claim.paid_amount))
            .where(Claim.paid_at >= start, Claim.paid_at < end)
            .group_by(Claim.benefit)
        )
    }


def _handovers(
    session: Session, branch: Branch, start: datetime, end: datetime
) -> tuple[HandoverRow, ...]:
    rows = session.execute(
        select(Handover, Claim.number, Claim.benefit)
        .join(Claim, Claim.id == Handover.claim_id)
        .where(Handover.created_at >= start, Handover.created_at < end)
        .order_by(Handover.id)
    ).all()
    return tuple(
        HandoverRow(h.number, h.handed_on, number, benefit, h.recipient_name)
        for h, number, benefit in rows
    )


def cash_rows(session: Session, first: date, last: date) -> tuple[CashRow, ...]:
    """The cash sessions of the days ``first`` … ``last``, with their drawer figures."""
    sessions = list(
        session.scalars(
            select(CashSession)
            .where(CashSession.business_date >= first, CashSession.business_date <= last)
            .order_by(CashSession.business_date, CashSession.counter_name, CashSession.id)
        )
    )
    ids = [cs.id for cs in sessions]
    received: dict[int, int] = {}
    refunded: dict[int, int] = {}
    if ids:
        for column, into in (
            (Receipt.cash_session_id, received),
            (Receipt.void_session_id, refunded),
        ):
            for sid, total in session.execute(
                select(column, func.sum(Receipt.total))
                .where(column.in_(ids), Receipt.method == PaymentMethod.CASH)
                .group_by(column)
            ):
                if sid is not None:
                    into[sid] = int(total or 0)
    out = []
    for cs in sessions:
        got, back = received.get(cs.id, 0), refunded.get(cs.id, 0)
        out.append(
            CashRow(
                cs.id,
                cs.business_date,
                cs.counter_name,
                cs.full_name,
                cs.opened_at,
                cs.closed_at,
                cs.opening_float,
                cs.float_counted,
                got,
                back,
                cs.expected if cs.expected is not None else cs.opening_float + got - back,
                cs.counted,
                cs.difference_reason,
                cs.difference_approved_by,
                cs.handed_over_to,
            )
        )
    return tuple(out)


def _non_cash(session: Session, start: datetime, end: datetime) -> tuple[NonCashRow, ...]:
    rows = session.execute(
        select(Receipt, CashSession.counter_name)
        .outerjoin(CashSession, CashSession.id == Receipt.cash_session_id)
        .where(
            Receipt.issued_at >= start,
            Receipt.issued_at < end,
            Receipt.method != PaymentMethod.CASH,
        )
        .order_by(Receipt.year, Receipt.seq)
    ).all()
    return tuple(
        NonCashRow(
            r.number,
            r.method,
            r.reference,
            r.total,
            counter or r.counter_name,
            r.void_status == VoidStatus.VOID and r.voided_at is not None and r.voided_at < end,
        )
        for r, counter in rows
    )


def _numbers(session: Session, start: datetime, end: datetime) -> tuple[NumberRange, ...]:
    out = []
    years = session.execute(
        select(Receipt.year, func.min(Receipt.seq), func.max(Receipt.seq), func.count())
        .where(Receipt.issued_at >= start, Receipt.issued_at < end)
        .group_by(Receipt.year)
        .order_by(Receipt.year)
    ).all()
    for year, low, high, n in years:
        missing: tuple[int, ...] = ()
        if high - low + 1 != n:
            seqs = set(
                session.scalars(
                    select(Receipt.seq).where(
                        Receipt.year == year, Receipt.seq >= low, Receipt.seq <= high
                    )
                )
            )
            missing = tuple(s for s in range(low, high + 1) if s not in seqs)[:50]
        before = session.scalar(
            select(func.max(Receipt.seq)).where(Receipt.year == year, Receipt.seq < low)
        )
        number_of = dict(
            session.execute(
                select(Receipt.seq, Receipt.number).where(
                    Receipt.year == year, Receipt.seq.in_((low, high))
                )
            ).all()
        )
        out.append(
            NumberRange(
                int(year),
                number_of[low],
                number_of[high],
                int(low),
                int(high),
                int(n),
                missing,
                (before or 0) + 1 == low,
            )
        )
    return tuple(out)


def build_report(session: Session, branch: Branch, first: date, last: date) -> Report:
    """Every table of the period, in the caller's session (one consistent read)."""
    start, end = period_bounds(branch, first, last)
    return Report(
        branch.code,
        branch.name,
        branch.address,
        first,
        last,
        programs_paid(session, start, end),
        receipts_by_method(session, start, end),
        _voids(session, branch, start, end),
        registrations_by_segment(session, start, end),
        _claims(session, start, end),
        _handovers(session, branch, start, end),
        cash_rows(session, first, last),
        _non_cash(session, start, end),
        _numbers(session, start, end),
        branch.timezone,
        _queue(session, first, last),
    )


def _queue(session: Session, first: date, last: date) -> tuple[QueueRow, ...]:
    figures = period_figures(session, first, last)
    if not figures.total.issued:
        return ()

    def minutes(seconds: float | None) -> float | None:
        return None if seconds is None else seconds / 60

    return tuple(
        QueueRow(
            f.label,
            f.issued,
            f.served,
            f.no_show,
            f.waiting_left,
            minutes(f.wait_mean),
            minutes(f.service_mean),
            f.rating_mean,
        )
        for f in (*figures.by_service, figures.total)
    )


def period_report(db: Database, actor: Actor, first: date, last: date) -> Report:
    require_reports(actor)
    check_period(first, last)
    with db.reader() as session:
        return build_report(session, require_home_branch(session), first, last)


def summary(report: Report) -> dict[str, Any]:
    """The report's totals as plain JSON: what the closing sends to the central server."""
    return {
        "branch": report.branch_code,
        "first": report.first.isoformat(),
        "last": report.last.isoformat(),
        "receipts": report.receipts,
        "paid": report.paid,
        "relief": report.relief,
        "programs": {r.program: asdict(r) for r in report.programs},
        "methods": {r.method: {"receipts": r.receipts, "amount": r.amount} for r in report.methods},
        "voids": len(report.voids),
        "voided_amount": sum(v.total for v in report.voids),
        "registrations": {r.segment: r.registered for r in report.registrations},
        "claims": {
            r.benefit: {
                "approved": r.approved,
                "rejected": r.rejected,
                "approved_amount": r.approved_amount,
                "paid": r.paid,
                "paid_amount": r.paid_amount,
            }
            for r in report.claims
        },
        "handovers": len(report.handovers),
        "cash_difference": sum(c.difference or 0 for c in report.cash),
        "receipt_numbers": [
            {"year": n.year, "first": n.first, "last": n.last, "issued": n.issued,
             "gapless": n.gapless}
            for n in report.numbers
        ],
    }  # fmt: skip
