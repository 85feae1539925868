"""Contribution payments at the counter: one receipt for one or several participants.

A payment is one transaction: the contributions, the receipt, its gapless number, the
audit entry and the outbox event commit together or not at all — and only then can the
receipt be printed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from loket.db.engine import Database
from loket.db.models import Contribution, Participant, Receipt, Sponsor
from loket.db.sequences import next_number
from loket.domain.coverage import Period, next_period
from loket.domain.errors import QT_TRANSLATE_NOOP
from loket.domain.money import format_rupiah
from loket.domain.numbers import receipt_number
from loket.domain.registration import Program, Segment
from loket.domain.tariffs import bpu_monthly_dues
from loket.services.actor import Actor
from loket.services.audit import record_change
from loket.services.branch import local_date, require_home_branch
from loket.services.clock import Clock, system_clock
from loket.services.errors import Conflict, NotFound, ValidationError
from loket.services.permissions import Permission, require
from loket.services.settings import get_setting
from loket.services.sync import published_tariffs

METHODS = ("cash", "transfer", "qris")


@dataclass(frozen=True)
class PaymentLine:
    participant_id: int
    months: int


@dataclass(frozen=True)
class QuoteLine:
    participant_id: int
    kpj: str
    nik: str
    full_name: str
    period: Period
    monthly: dict[Program, int]
    amount: int
    sponsor_id: int | None = None  # *Sertakan*: who registered this worker
    sponsor_name: str = ""


@dataclass(frozen=True)
class Quote:
    lines: tuple[QuoteLine, ...]
    total: int
    on: date


@dataclass(frozen=True)
class Paid:
    receipt_id: int
    number: str
    total: int
    change: int | None


def last_paid_month(session: Session, participant_id: int) -> date | None:
    """The last month covered by a receipt that is not void."""
    return session.scalar(
        select(func.max(Contribution.period_last))
        .join(Receipt, Receipt.id == Contribution.receipt_id)
        .where(Contribution.participant_id == participant_id, Receipt.void_status != "void")
    )


def _quote(session: Session, lines: Sequence[PaymentLine], today: date, lapse_rule: str) -> Quote:
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
    for line in lines:
        p = session.get(Participant, line.participant_id)
        if p is None:
            raise NotFound(
                QT_TRANSLATE_NOOP("LoketError", "Peserta tidak ditemukan."), field="lines"
            )
        if p.status != "active":
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
        period = next_period(
            last_paid_month(session, p.id), line.months, today=today, lapse_rule=lapse_rule
        )
        dues = bpu_monthly_dues(
            p.declared_income, set(p.programs.split(",")), on=today, published=tariffs
        )
        out.append(
            QuoteLine(
                p.id,
                p.kpj,
                p.nik,
                p.full_name,
                period,
                dues.per_program,
                dues.total * period.months,
                p.sponsor_id,
                p.sponsor.name if p.sponsor is not None else "",
            )
        )
    return Quote(tuple(out), sum(line.amount for line in out), today)


def quote(
    db: Database, actor: Actor, lines: Sequence[PaymentLine], *, clock: Clock = system_clock
) -> Quote:
    """What the payment would cover and cost, without writing anything (the breakdown
    the staff see while they type)."""
    require(actor, Permission.SERVE_COUNTER)
    lapse_rule = get_setting(db, "lapse_rule")
    with db.reader() as session:
        return _quote(session, lines, local_date(require_home_branch(session), clock()), lapse_rule)


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
                    Participant.status == "active",
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
    clock: Clock = system_clock,
) -> Paid:
    require(actor, Permission.SERVE_COUNTER)
    if method not in METHODS:
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Cara bayar tidak dikenal."), field="method"
        )
    reference = reference.strip()
    if method != "cash" and not reference:
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Nomor referensi transfer/QRIS wajib diisi."),
            field="reference",
        )
    if len(reference) > 64:
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Nomor referensi terlalu panjang."), field="reference"
        )
    lapse_rule = get_setting(db, "lapse_rule")
    with db.transaction() as session:
        branch = require_home_branch(session)
        now = clock()
        today = local_date(branch, now)
        q = _quote(session, lines, today, lapse_rule)
        change = None
        if method == "cash":
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
                    Receipt.void_status != "void",
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
        seq = next_number(session, "receipt", scope=branch.code, year=today.year)
        receipt = Receipt(
            number=receipt_number(branch.code, today.year, seq),
            branch_code=branch.code,
            year=today.year,
            seq=seq,
            payer_name=payer,
            sponsor_id=sponsor_id,
            method=method,
            reference=reference,
            tendered=tendered,
            change=change,
            total=q.total,
            issued_at=now,
            issued_by=actor.username,
            issued_by_name=actor.full_name,
            counter_name=actor.counter_name,
            print_count=0,
            void_status="",
            void_reason="",
            void_requested_by="",
            voided_by="",
        )
        for line in q.lines:
            for program, monthly in line.monthly.items():
                receipt.contributions.append(
                    Contribution(
                        participant_id=line.participant_id,
                        program=program.value,
                        period_first=line.period.first,
                        period_last=line.period.last,
                        months=line.period.months,
                        monthly_amount=monthly,
                        amount=monthly * line.period.months,
                    )
                )
        session.add(receipt)
        session.flush()
        record_change(
            session,
            actor,
            "receipt.issued",
            f"receipt:{receipt.id}",
            {
                "number": receipt.number,
                "total": q.total,
                "method": method,
                "lines": [
                    {
                        "kpj": line.kpj,
                        "from": line.period.first.isoformat(),
                        "to": line.period.last.isoformat(),
                        "amount": line.amount,
                    }
                    for line in q.lines
                ],
            },
            clock=clock,
        )
        return Paid(receipt.id, receipt.number, q.total, change)
