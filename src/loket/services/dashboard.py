"""The supervisor's dashboard (*Dasbor*): today and the month so far, in figures the database
answers from its indexes — fast with millions of participants and a year of receipts.

Members are counted by where their dues stand — paid up to this month, in arrears within
the limit, or non-active past it, read as :func:`loket.domain.coverage.coverage_status`
does — from the coverage tally (``db/coverage_tally.py``), not by counting millions of rows.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from loket.db.engine import Database
from loket.db.models import (
    CashSession,
    Claim,
    CorrectionRequest,
    CoverageTally,
    Receipt,
)
from loket.domain.claim_status import ClaimStatus
from loket.domain.coverage import add_months, month_of
from loket.domain.states import CorrectionStatus, VoidStatus
from loket.domain.tariffs import arrears_rule_on
from loket.services.actor import Actor
from loket.services.clock import Clock, system_clock
from loket.services.permissions import Permission, require
from loket.services.place import local_date, require_home_branch
from loket.services.queue import QueueDay, day_figures
from loket.services.reports import (
    claims_paid_by_benefit,
    period_bounds,
    programs_paid,
    receipts_by_method,
    registrations_by_segment,
)
from loket.services.sync import published_tariffs

DAYS_CHARTED = 30


@dataclass(frozen=True)
class Span:
    """One period's figures (today, or the month so far)."""

    registrations: dict[str, int]  # segment → count
    dues: dict[str, int]  # program → paid
    relief: int
    receipts: int
    claims_paid: dict[str, tuple[int, int]]  # benefit → (count, Rupiah)

    @property
    def dues_total(self) -> int:
        return sum(self.dues.values())

    @property
    def claims_paid_total(self) -> tuple[int, int]:
        return (
            sum(n for n, _ in self.claims_paid.values()),
            sum(a for _, a in self.claims_paid.values()),
        )


@dataclass(frozen=True)
class Coverage:
    paid_up: int
    in_arrears: int
    lapsed: int

    @property
    def total(self) -> int:
        return self.paid_up + self.in_arrears + self.lapsed


@dataclass(frozen=True)
class Figures:
    today: date
    day: Span
    month: Span
    coverage: Coverage
    waiting_approvals: int
    open_drawers: tuple[tuple[str, str], ...]  # (counter, holder)
    collections: tuple[tuple[date, int], ...]  # the last 30 days, oldest first
    claims_by_benefit: dict[str, tuple[int, int]]  # paid in the last 30 days
    queue: QueueDay | None = None  # today's queue: waiting and service times


def _span(session: Session, start: datetime, end: datetime) -> Span:
    """The period's figures, counted as the reports count them."""
    programs = programs_paid(session, start, end)
    return Span(
        {r.segment: r.registered for r in registrations_by_segment(session, start, end)},
        {r.program: r.paid for r in programs if r.paid},
        sum(r.relief for r in programs),
        sum(r.receipts for r in receipts_by_method(session, start, end)),
        claims_paid_by_benefit(session, start, end),
    )


def _coverage(session: Session, today: date, max_arrears: int) -> Coverage:
    """From the coverage tally: a few dozen rows, whatever the number of participants."""
    current = month_of(today)
    cutoff = add_months(current, -(max_arrears + 1))  # the oldest base still active
    paid_up = in_arrears = lapsed = 0
    for base, n in session.execute(select(CoverageTally.base_month, CoverageTally.participants)):
        if base >= current:
            paid_up += int(n)
        elif base >= cutoff:
            in_arrears += int(n)
        else:
            lapsed += int(n)
    return Coverage(paid_up, in_arrears, lapsed)


def _collections(session: Session, tz: ZoneInfo, today: date) -> tuple[tuple[date, int], ...]:
    """Each of the last 30 days' takings: one indexed range sum a day (reading the month's
    receipts into Python to bucket them by local day took longer than all the rest)."""
    out = []
    for i in range(DAYS_CHARTED - 1, -1, -1):
        day = today - timedelta(days=i)
        start = datetime.combine(day, time(0), tz)
        total = session.scalar(
            select(func.sum(Receipt.total)).where(
                Receipt.issued_at >= start,
                Receipt.issued_at < start + timedelta(days=1),
                Receipt.void_status != VoidStatus.VOID,
            )
        )
        out.append((day, int(total or 0)))
    return tuple(out)


def figures(db: Database, actor: Actor, *, clock: Clock = system_clock) -> Figures:
    require(actor, Permission.VIEW_DASHBOARD)
    with db.reader() as session:
        branch = require_home_branch(session)
        tz = ZoneInfo(branch.timezone)
        today = local_date(branch, clock())
        day_start, day_end = period_bounds(branch, today, today)
        month_start, _ = period_bounds(branch, today.replace(day=1), today)
        max_arrears = arrears_rule_on(today, published_tariffs(session)).max_arrears_months
        waiting = (
            (session.scalar(
                select(func.count()).select_from(Claim)
                .where(Claim.status == ClaimStatus.SUBMITTED.value)
            ) or 0)
            + (session.scalar(
                select(func.count()).select_from(Receipt)
                .where(Receipt.void_status == VoidStatus.REQUESTED)
            ) or 0)
            + (session.scalar(
                select(func.count()).select_from(CorrectionRequest)
                .where(CorrectionRequest.status == CorrectionStatus.PENDING)
            ) or 0)
        )  # fmt: skip
        drawers = tuple(
            (counter, holder)
            for counter, holder in session.execute(
                select(CashSession.counter_name, CashSession.full_name)
                .where(CashSession.closed_at.is_(None))
                .order_by(CashSession.counter_name)
            )
        )
        month_ago = datetime.combine(today - timedelta(days=DAYS_CHARTED - 1), time(0), tz)
        found = Figures(
            today,
            _span(session, day_start, day_end),
            _span(session, month_start, day_end),
            _coverage(session, today, max_arrears),
            int(waiting),
            drawers,
            _collections(session, tz, today),
            claims_paid_by_benefit(session, month_ago, day_end),
        )
    return replace(found, queue=day_figures(db, actor, today))
