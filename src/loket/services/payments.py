"""Contribution payments at the counter: one receipt for one or several participants.

A payment is one transaction: the contributions, the receipt, its gapless number, the
audit entry and the outbox event commit together or not at all — and only then can the
receipt be printed. Each contribution month is priced by the rules of that month (a dues
relief such as PP 50/2025 covers some months and not others); arrears are paid first, up
to the limit the arrears rule allows, and a participant past it re-joins this month.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from loket.db import coverage_tally
from loket.db.engine import Database
from loket.db.models import (
    Branch,
    Claim,
    ClaimEvent,
    Contribution,
    Participant,
    Receipt,
    Sponsor,
)
from loket.db.sequences import next_number, raise_number
from loket.domain.coverage import CoverageStatus, Period, coverage_status, months_of, next_period
from loket.domain.errors import QT_TRANSLATE_NOOP
from loket.domain.money import format_rupiah
from loket.domain.numbers import receipt_number
from loket.domain.registration import Segment, is_transport_sector
from loket.domain.states import ParticipantStatus, PaymentMethod, VoidStatus
from loket.domain.tariffs import (
    STATE_BUDGETS,
    MonthlyDues,
    Published,
    arrears_rule_on,
    bpu_monthly_dues,
)
from loket.services.actor import Actor
from loket.services.audit import record_change
from loket.services.cash_sessions import require_day_open, session_for_payment
from loket.services.clock import Clock, system_clock
from loket.services.errors import Conflict, NotFound, ValidationError
from loket.services.four_eyes import Override, confirm_override
from loket.services.permissions import Permission, require
from loket.services.place import letterhead_to_keep, local_date, require_home_branch
from loket.services.sync import published_tariffs
from loket.services.text_fields import column_text

METHODS = tuple(PaymentMethod)


@dataclass(frozen=True)
class PaymentLine:
    participant_id: int
    months: int
    first_month: date | None = None  # None: the first month owed (a given one is checked)
    # the arrears at the event of this claim (a death or an accident), which the heirs or the
    # worker pay before the claim goes on (PP 44/2015 art. 42(1)(a)): exactly those months
    for_claim: int | None = None


@dataclass(frozen=True)
class MonthRun:
    """Consecutive months priced alike: ``dues`` is one month's."""

    period: Period
    dues: MonthlyDues

    @property
    def amount(self) -> int:
        return self.dues.total * self.period.months

    @property
    def relief(self) -> int:
        return self.dues.relief_total * self.period.months


@dataclass(frozen=True)
class QuoteLine:
    participant_id: int
    kpj: str
    nik: str
    full_name: str
    period: Period
    runs: tuple[MonthRun, ...]
    amount: int
    standing: CoverageStatus  # before this payment: arrears, or non-active and re-joining
    sponsor_id: int | None = None  # *Sertakan*: who registered this worker
    sponsor_name: str = ""
    for_claim: str = ""  # the number of the claim whose arrears at its event these months are

    @property
    def relief(self) -> int:
        return sum(run.relief for run in self.runs)

    @property
    def normal(self) -> int:
        return self.amount + self.relief


@dataclass(frozen=True)
class Quote:
    lines: tuple[QuoteLine, ...]
    total: int
    on: date

    @property
    def relief(self) -> int:
        return sum(line.relief for line in self.lines)


@dataclass(frozen=True)
class PaperReceipt:
    """A receipt handed over on paper whose record went with a dying disk (after the last
    backup and sync), entered again under its printed number and time, with a supervisor's
    consent — so the day's closing and the region count what was paid."""

    number: str  # as printed: KW/BJM/2026/000123
    issued_at: datetime  # as printed (an aware instant)
    approval: Override


_RECEIPT_NUMBER = re.compile(r"KW/(?P<code>[A-Z0-9]{2,8})/(?P<year>\d{4})/(?P<seq>\d{6})")


@dataclass(frozen=True)
class Paid:
    receipt_id: int
    number: str
    total: int
    change: int | None


def _paper_number(
    session: Session, branch: Branch, paper: PaperReceipt, now: datetime
) -> tuple[str, int]:
    """A paper receipt's printed number, checked: this branch's, of the year it was paid in,
    not in this database, and not from the future."""
    number = paper.number.strip().upper()
    found = _RECEIPT_NUMBER.fullmatch(number)
    if found is None or found["code"] != branch.code or int(found["seq"]) == 0:
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Nomor kuitansi kertas seperti KW/{code}/2026/000123."),
            field="paper_number",
            code=branch.code,
        )
    if paper.issued_at > now:
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Waktu di kuitansi kertas belum terjadi."),
            field="paper_time",
        )
    if int(found["year"]) != local_date(branch, paper.issued_at).year:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "LoketError", "Tahun pada nomor kuitansi tidak sama dengan tanggal kuitansinya."
            ),
            field="paper_time",
        )
    if session.scalar(select(Receipt.id).where(Receipt.number == number)) is not None:
        raise Conflict(
            QT_TRANSLATE_NOOP(
                "LoketError",
                "Kuitansi {number} sudah ada di database ini; yang kertas tidak perlu "
                "dimasukkan lagi.",
            ),
            field="paper_number",
            number=number,
        )
    return number, int(found["seq"])


def last_paid_month(session: Session, participant_id: int) -> date | None:
    """The last month covered by a receipt that is not void."""
    return session.scalar(
        select(func.max(Contribution.period_last))
        .join(Receipt, Receipt.id == Contribution.receipt_id)
        .where(
            Contribution.participant_id == participant_id, Receipt.void_status != VoidStatus.VOID
        )
    )


def price_months(
    period: Period,
    declared_income: int,
    programs: set[str],
    *,
    transport_sector: bool,
    state_funded: bool,
    published: Published,
) -> tuple[MonthRun, ...]:
    """Each month by the table and relief of that month, consecutive equal months together."""
    runs: list[MonthRun] = []
    for month in months_of(period):
        dues = bpu_monthly_dues(
            declared_income,
            programs,
            on=month,
            transport_sector=transport_sector,
            state_funded=state_funded,
            published=published,
        )
        if runs and runs[-1].dues == dues:
            runs[-1] = MonthRun(Period(runs[-1].period.first, month), dues)
        else:
            runs.append(MonthRun(Period(month, month), dues))
    return tuple(runs)


def _state_funded(session: Session, sponsor_id: int | None) -> bool:
    sponsor = session.get(Sponsor, sponsor_id) if sponsor_id is not None else None
    return sponsor is not None and sponsor.funding in STATE_BUDGETS


def standing(
    session: Session, branch: Branch, p: Participant, today: date, max_arrears: int
) -> CoverageStatus:
    """Where ``p`` stands with their dues on ``today`` (:func:`coverage_status`)."""
    return coverage_status(
        last_paid_month(session, p.id),
        today=today,
        registered_on=local_date(branch, p.registered_at),
        max_arrears=max_arrears,
    )


def _claim_arrears(
    session: Session, branch: Branch, p: Participant, line: PaymentLine, max_arrears: int
) -> tuple[CoverageStatus, Period, str]:
    """The months a claim waits for: the participant's standing on the day of the event (a
    death months ago is not a lapse today), and exactly the months owed then."""
    claim = session.get(Claim, line.for_claim)
    if claim is None or claim.participant_id != p.id:
        raise NotFound(
            QT_TRANSLATE_NOOP("LoketError", "Klaim tidak ditemukan pada peserta ini."),
            field="lines",
        )
    owed = [date.fromisoformat(m) for m in json.loads(claim.details).get("arrears", ())]
    if not owed:
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Klaim {number} tidak menunggu tunggakan iuran."),
            field="lines",
            number=claim.number,
        )
    status = standing(session, branch, p, claim.event_date, max_arrears)
    if line.months != len(owed) or status.next_due != owed[0]:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "LoketError", "Tunggakan saat kejadian klaim {number}: {count} bulan, {months}."
            ),
            field="lines",
            number=claim.number,
            count=len(owed),
            months=", ".join(m.strftime("%m/%Y") for m in owed),
        )
    period = next_period(status, len(owed), max_arrears=max_arrears, first_month=owed[0])
    return status, period, claim.number


def _quote(
    session: Session,
    branch: Branch,
    lines: Sequence[PaymentLine],
    today: date,
    payer_sponsor_id: int | None,
) -> Quote:
    if not lines:
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Belum ada peserta yang dibayar."), field="lines"
        )
    ids = [line.participant_id for line in lines]
    if len(set(ids)) != len(ids):
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Seorang peserta tercantum dua kali."), field="lines"
        )
    out = []
    tariffs = published_tariffs(session)
    max_arrears = arrears_rule_on(today, tariffs).max_arrears_months
    state_funded = _state_funded(session, payer_sponsor_id)
    for line in lines:
        p = session.get(Participant, line.participant_id)
        if p is None:
            raise NotFound(
                QT_TRANSLATE_NOOP("LoketError", "Peserta tidak ditemukan."), field="lines"
            )
        if p.status != ParticipantStatus.ACTIVE:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "LoketError",
                    "Kepesertaan {name} berstatus {status}: iuran tidak dapat diterima di loket.",
                ),
                field="lines",
                name=p.full_name,
                status=p.status,
            )
        if p.segment != Segment.BPU or p.declared_income is None:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "LoketError",
                    "Iuran {name} ({segment}) dibayar oleh pemberi kerja, bukan di loket.",
                ),
                field="lines",
                name=p.full_name,
                segment=p.segment,
            )
        claim_number = ""
        if line.for_claim is not None:
            status, period, claim_number = _claim_arrears(session, branch, p, line, max_arrears)
        else:
            status = standing(session, branch, p, today, max_arrears)
            period = next_period(
                status, line.months, max_arrears=max_arrears, first_month=line.first_month
            )
        runs = price_months(
            period,
            p.declared_income,
            set(p.programs.split(",")),
            transport_sector=is_transport_sector(p.occupation),
            state_funded=state_funded,
            published=tariffs,
        )
        out.append(
            QuoteLine(
                p.id,
                p.kpj,
                p.nik,
                p.full_name,
                period,
                runs,
                sum(run.amount for run in runs),
                status,
                p.sponsor_id,
                p.sponsor.name if p.sponsor is not None else "",
                claim_number,
            )
        )
    return Quote(tuple(out), sum(line.amount for line in out), today)


def quote(
    db: Database,
    actor: Actor,
    lines: Sequence[PaymentLine],
    *,
    sponsor_id: int | None = None,
    clock: Clock = system_clock,
) -> Quote:
    """What the payment would cover and cost, without writing anything (the breakdown
    the staff see while they type); ``sponsor_id`` is the *Sertakan* sponsor who pays."""
    require(actor, Permission.SERVE_COUNTER)
    with db.reader() as session:
        branch = require_home_branch(session)
        return _quote(session, branch, lines, local_date(branch, clock()), sponsor_id)


def sponsor_workers(db: Database, actor: Actor, sponsor_id: int) -> list[int]:
    """The workers a *Sertakan* sponsor registered whose dues the counter can take
    (active BPU members), in the order they were registered."""
    require(actor, Permission.SERVE_COUNTER)
    with db.reader() as session:
        return list(
            session.scalars(
                select(Participant.id)
                .where(
                    Participant.sponsor_id == sponsor_id,
                    Participant.status == ParticipantStatus.ACTIVE,
                    Participant.segment == Segment.BPU,
                )
                .order_by(Participant.id)
            )
        )


def pay(
    db: Database,
    actor: Actor,
    lines: Sequence[PaymentLine],
    *,
    method: str,
    tendered: int | None = None,
    reference: str = "",
    sponsor_id: int | None = None,
    paper: PaperReceipt | None = None,
    clock: Clock = system_clock,
) -> Paid:
    """Issues a receipt for ``lines``; with ``paper``, enters again one already handed over
    on paper, under its own number and time (see :class:`PaperReceipt`)."""
    require(actor, Permission.SERVE_COUNTER)
    approver = confirm_override(db, actor, paper.approval, clock=clock) if paper else None
    if method not in METHODS:
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Cara bayar tidak dikenal."), field="method"
        )
    reference = column_text(
        Receipt.reference,
        reference,
        field="reference",
        required=""
        if method == PaymentMethod.CASH
        else QT_TRANSLATE_NOOP("LoketError", "Nomor referensi transfer/QRIS wajib diisi."),
    )
    with db.transaction() as session:
        branch = require_home_branch(session)
        now = clock()
        today = local_date(branch, now)
        number = None
        if paper is not None:
            number, seq = _paper_number(session, branch, paper, now)
            today = local_date(branch, paper.issued_at)  # priced as on the day it was paid
            require_day_open(session, today)
        q = _quote(session, branch, lines, today, sponsor_id)
        change = None
        if method == PaymentMethod.CASH:
            if tendered is None or tendered < q.total:
                raise ValidationError(
                    QT_TRANSLATE_NOOP("LoketError", "Uang yang diterima kurang dari {total}."),
                    field="tendered",
                    total=format_rupiah(q.total),
                )
            change = tendered - q.total
        else:
            tendered = None
            taken = session.scalar(
                select(Receipt.number).where(
                    Receipt.method == method,
                    Receipt.reference == reference,
                    Receipt.void_status != VoidStatus.VOID,
                )
            )
            if taken is not None:
                raise Conflict(
                    QT_TRANSLATE_NOOP(
                        "LoketError", "Referensi {reference} sudah dipakai kuitansi {number}."
                    ),
                    field="reference",
                    reference=reference,
                    number=taken,
                )
        payer = q.lines[0].full_name
        if sponsor_id is not None:
            sponsor = session.get(Sponsor, sponsor_id)
            if sponsor is None:
                raise NotFound(
                    QT_TRANSLATE_NOOP("LoketError", "Pemberi kerja/sponsor tidak ditemukan."),
                    field="sponsor",
                )
            payer = sponsor.name
        # the drawer takes the money now; a paper receipt of an earlier day, none (its
        # drawer's record went with the disk)
        same_day = paper is None or today == local_date(branch, now)
        drawer = session_for_payment(session, actor, branch, clock=clock) if same_day else None
        if number is None:
            seq = next_number(session, "receipt", scope=branch.code, year=today.year)
            number = receipt_number(branch.code, today.year, seq)
        else:  # never handed out again
            raise_number(session, "receipt", branch.code, today.year, seq)
        receipt = Receipt(
            number=number,
            branch_code=branch.code,
            year=today.year,
            seq=seq,
            cash_session_id=drawer.id if drawer is not None else None,
            payer_name=payer,
            sponsor_id=sponsor_id,
            method=method,
            reference=reference,
            tendered=tendered,
            change=change,
            total=q.total,
            issued_at=paper.issued_at if paper is not None else now,
            issued_by=actor.username,
            issued_by_name=actor.full_name,
            counter_name=actor.counter_name,
            letterhead=letterhead_to_keep(session, branch),
            print_count=0,
            void_status=VoidStatus.NONE,
            void_reason="",
            void_requested_by="",
            voided_by="",
        )
        for line in q.lines:
            for run in line.runs:
                for program, monthly in run.dues.per_program.items():
                    receipt.contributions.append(
                        Contribution(
                            participant_id=line.participant_id,
                            program=program.value,
                            period_first=run.period.first,
                            period_last=run.period.last,
                            months=run.period.months,
                            monthly_amount=monthly,
                            amount=monthly * run.period.months,
                            relief_monthly=run.dues.relief[program],
                            relief_basis=run.dues.relief_basis,
                        )
                    )
        session.add(receipt)
        tz = ZoneInfo(branch.timezone)
        for line in q.lines:
            p = session.get(Participant, line.participant_id)
            assert p is not None
            if p.paid_through is None or p.paid_through < line.period.last:
                before = coverage_tally.base_month(p.paid_through, p.registered_at, tz)
                p.paid_through = line.period.last
                coverage_tally.move(session, before, line.period.last.replace(day=1))
        session.flush()
        again = (
            {"issued_at": receipt.issued_at.isoformat(), "approved_by": approver.username}
            if paper is not None and approver is not None
            else {}
        )
        record_change(
            session,
            actor,
            "receipt.reentered" if paper is not None else "receipt.issued",
            f"receipt:{receipt.id}",
            {
                **again,
                "number": receipt.number,
                "total": q.total,
                "relief": q.relief,  # what dues reliefs took off (PP 50/2025), its own column
                "method": method,
                "lines": [
                    {
                        "kpj": line.kpj,
                        "from": line.period.first.isoformat(),
                        "to": line.period.last.isoformat(),
                        "amount": line.amount,
                        "relief": line.relief,
                    }
                    for line in q.lines
                ],
            },
            clock=clock,
        )
        for claim_id in {line.for_claim for line in lines if line.for_claim is not None}:
            session.add(  # the claim's history shows what it waited for was paid, and how
                ClaimEvent(
                    claim_id=claim_id,
                    at=now,
                    username=actor.username,
                    full_name=actor.full_name,
                    action="arrears_paid",
                    note=receipt.number,
                )
            )
        return Paid(receipt.id, receipt.number, q.total, change)
