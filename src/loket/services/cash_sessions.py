"""Cash sessions: each counter's drawer from its opening float to its count at closing.

A session belongs to one drawer (a counter) and one user at a time. It opens with a float
counted by denomination — explicitly, or with the first payment of the day (then its float
is recorded as not counted). Every receipt the counter issues joins its open session, so a
closing lists the cash to count and the transfers and QRIS payments to check against the
bank. At closing the user counts the drawer; a difference from the expected cash needs a
reason and another supervisor's password (four eyes, as for voids). A closed session takes
nothing more: a later payment opens the next session; a void approved after a receipt's
session closed pays the money back from the session open where the void was asked for, and
the reports say so. A change of user at a counter hands the drawer over with a count.

Each step is one transaction: killed in the middle, a session is either still open or
closed with its count, audit entry and outbox event.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from loket.db.engine import Database
from loket.db.models import AuditEntry, Branch, CashSession, Counter, DayClosing, Receipt
from loket.domain.cash import CashCountError, DrawerBalance, checked_count, count_total
from loket.domain.errors import QT_TRANSLATE_NOOP
from loket.domain.money import format_rupiah
from loket.domain.states import PaymentMethod
from loket.services.actor import Actor
from loket.services.audit import day_entity, record_change
from loket.services.clock import Clock, system_clock
from loket.services.errors import Conflict, NotFound, PermissionDenied, ValidationError
from loket.services.four_eyes import Override, confirm_override
from loket.services.permissions import Permission, can, require
from loket.services.place import local_date, require_home_branch
from loket.services.reports import require_reports
from loket.services.text_fields import column_text


def drawer_of(actor: Actor) -> str:
    """The drawer a user works from: their counter's, or their own at the command line."""
    if actor.counter_id is not None:
        return f"counter:{actor.counter_id}"
    return f"user:{actor.username}"


@dataclass(frozen=True)
class Taking:
    """A receipt as the drawer sees it."""

    receipt_id: int
    number: str
    issued_at: datetime
    payer: str
    method: str
    reference: str
    total: int
    void_status: str


@dataclass(frozen=True)
class Refund:
    """A void whose money this session paid back; ``other_session`` when the receipt was
    taken in another (already closed) session."""

    number: str
    method: str
    total: int
    reason: str
    approved_by: str
    other_session: int | None


@dataclass(frozen=True)
class SessionView:
    id: int
    drawer: str
    counter_name: str
    username: str
    full_name: str
    business_date: date
    opened_at: datetime
    opening_float: int
    float_counted: bool
    closed_at: datetime | None
    closed_by: str
    balance: DrawerBalance
    counted: int | None
    difference_reason: str
    difference_approved_by: str
    handed_over_to: str
    takings: tuple[Taking, ...]
    refunds: tuple[Refund, ...]

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def difference(self) -> int | None:
        return None if self.counted is None else self.balance.difference(self.counted)

    @property
    def non_cash(self) -> tuple[Taking, ...]:
        return tuple(t for t in self.takings if t.method != PaymentMethod.CASH)


def _balance(session: Session, cs: CashSession) -> DrawerBalance:
    received = session.scalar(
        select(func.coalesce(func.sum(Receipt.total), 0)).where(
            Receipt.cash_session_id == cs.id, Receipt.method == PaymentMethod.CASH
        )
    )
    refunded = session.scalar(
        select(func.coalesce(func.sum(Receipt.total), 0)).where(
            Receipt.void_session_id == cs.id, Receipt.method == PaymentMethod.CASH
        )
    )
    return DrawerBalance(cs.opening_float, int(received or 0), int(refunded or 0))


def _view(session: Session, cs: CashSession) -> SessionView:
    takings = tuple(
        Taking(
            r.id, r.number, r.issued_at, r.payer_name, r.method, r.reference, r.total, r.void_status
        )
        for r in session.scalars(
            select(Receipt).where(Receipt.cash_session_id == cs.id).order_by(Receipt.seq)
        )
    )
    refunds = tuple(
        Refund(
            r.number,
            r.method,
            r.total,
            r.void_reason,
            r.voided_by,
            r.cash_session_id if r.cash_session_id != cs.id else None,
        )
        for r in session.scalars(
            select(Receipt).where(Receipt.void_session_id == cs.id).order_by(Receipt.seq)
        )
    )
    return SessionView(
        cs.id,
        cs.drawer,
        cs.counter_name,
        cs.username,
        cs.full_name,
        cs.business_date,
        cs.opened_at,
        cs.opening_float,
        cs.float_counted,
        cs.closed_at,
        cs.closed_by,
        _balance(session, cs),
        cs.counted,
        cs.difference_reason,
        cs.difference_approved_by,
        cs.handed_over_to,
        takings,
        refunds,
    )


def open_session_of(session: Session, drawer: str, *, lock: bool = False) -> CashSession | None:
    """The drawer's open session; ``lock``: held until the transaction ends, so that it is
    not closed under a payment, nor opened twice by two at once."""
    stmt = select(CashSession).where(CashSession.drawer == drawer, CashSession.closed_at.is_(None))
    if not lock:
        return session.scalar(stmt)
    found = session.scalar(stmt.with_for_update())
    if found is None:  # none to lock: take the branch's lock, then look again
        session.execute(select(Branch.id).where(Branch.is_home).with_for_update())
        found = session.scalar(stmt.with_for_update())
    return found


def closed_in_the_chain(session: Session, day: date) -> bool:
    """Whether the audit trail holds the closing of ``day``."""
    return (
        session.scalar(
            select(AuditEntry.seq)
            .where(AuditEntry.action == "day.closed", AuditEntry.entity == day_entity(day))
            .limit(1)
        )
        is not None
    )


def _count(count: Mapping[str, int], field: str) -> dict[str, int]:
    try:
        return checked_count(count)
    except CashCountError as e:
        raise ValidationError(e.message, field=field, **e.params) from e


def require_day_open(session: Session, day: date) -> None:
    closing = session.get(DayClosing, day)
    if closing is None and closed_in_the_chain(session, day):
        # the chain is the truth: a closing row removed does not reopen the day
        raise Conflict(
            QT_TRANSLATE_NOOP(
                "LoketError",
                "Hari {date} sudah ditutup menurut jejak audit, tetapi catatan penutupannya "
                "hilang. Tidak ada transaksi kas untuk hari itu; laporkan ke kantor wilayah.",
            ),
            field="cash_session",
            date=day.strftime("%d-%m-%Y"),
        )
    if closing is not None:
        raise Conflict(
            QT_TRANSLATE_NOOP(
                "LoketError",
                "Hari {date} sudah ditutup oleh {name}: tidak ada transaksi kas lagi untuk "
                "hari itu.",
            ),
            field="cash_session",
            date=day.strftime("%d-%m-%Y"),
            name=closing.closed_by_name,
        )


def _new_session(
    session: Session,
    actor: Actor,
    branch: Branch,
    count: dict[str, int] | None,
    *,
    opening_float: int | None = None,
    clock: Clock,
) -> CashSession:
    now = clock()
    today = local_date(branch, now)
    require_day_open(session, today)
    counter = session.get(Counter, actor.counter_id) if actor.counter_id is not None else None
    amount = count_total(count) if count is not None else 0
    cs = CashSession(
        drawer=drawer_of(actor),
        counter_id=counter.id if counter else None,
        counter_name=counter.name if counter else actor.counter_name or actor.username,
        business_date=today,
        username=actor.username,
        full_name=actor.full_name,
        opened_at=now,
        opening_float=amount if opening_float is None else opening_float,
        opening_count=json.dumps(count or {}),
        float_counted=count is not None,
        closed_by="",
        closing_count="{}",
        difference_reason="",
        difference_approved_by="",
        handed_over_to="",
    )
    session.add(cs)
    session.flush()
    record_change(
        session,
        actor,
        "cash_session.opened",
        f"cash_session:{cs.id}",
        {
            "counter": cs.counter_name,
            "business_date": today.isoformat(),
            "float": cs.opening_float,
            "float_counted": cs.float_counted,
        },
        clock=clock,
    )
    return cs


def _someone_elses(cs: CashSession) -> Conflict:
    return Conflict(
        QT_TRANSLATE_NOOP(
            "LoketError",
            "Kas loket ini masih atas nama {name}: lakukan serah terima kas (hitung laci) dulu.",
        ),
        field="cash_session",
        name=cs.full_name,
    )


def _from_an_earlier_day(cs: CashSession) -> Conflict:
    return Conflict(
        QT_TRANSLATE_NOOP(
            "LoketError",
            "Sesi kas tanggal {date} belum ditutup: hitung dan tutup kas loket dulu.",
        ),
        field="cash_session",
        date=cs.business_date.strftime("%d-%m-%Y"),
    )


def session_for_payment(
    session: Session, actor: Actor, branch: Branch, *, clock: Clock
) -> CashSession:
    """The session a receipt joins, in the payment's transaction: the drawer's open session
    (the acting user's, of today), or a new one opened without a counted float."""
    cs = open_session_of(session, drawer_of(actor), lock=True)
    if cs is None:
        return _new_session(session, actor, branch, None, clock=clock)
    if cs.username != actor.username:
        raise _someone_elses(cs)
    if cs.business_date != local_date(branch, clock()):
        raise _from_an_earlier_day(cs)
    require_day_open(session, cs.business_date)
    return cs


def current_session(db: Database, actor: Actor) -> SessionView | None:
    """The open session of the acting user's drawer (whoever holds it), or None."""
    require(actor, Permission.SERVE_COUNTER)
    with db.reader() as session:
        cs = open_session_of(session, drawer_of(actor))
        return _view(session, cs) if cs is not None else None


def get_session(db: Database, actor: Actor, session_id: int) -> SessionView:
    require(actor, Permission.SERVE_COUNTER)
    with db.reader() as session:
        cs = session.get(CashSession, session_id)
        if cs is None:
            raise NotFound(QT_TRANSLATE_NOOP("LoketError", "Sesi kas tidak ditemukan."))
        return _view(session, cs)


def drawers_of_day(session: Session, day: date) -> list[CashSession]:
    """The sessions of ``day``, and any still open from before it (they block its closing)."""
    return list(
        session.scalars(
            select(CashSession)
            .where(
                (CashSession.business_date == day)
                | ((CashSession.business_date < day) & CashSession.closed_at.is_(None))
            )
            .order_by(CashSession.business_date, CashSession.counter_name, CashSession.id)
        )
    )


def sessions_of_day(db: Database, actor: Actor, day: date) -> list[SessionView]:
    """Every drawer's sessions of ``day`` (and any still open from before it)."""
    require_reports(actor)
    with db.reader() as session:
        return [_view(session, cs) for cs in drawers_of_day(session, day)]


def open_session(
    db: Database, actor: Actor, count: Mapping[str, int], *, clock: Clock = system_clock
) -> SessionView:
    """Opens the acting user's drawer with its float counted by denomination."""
    require(actor, Permission.SERVE_COUNTER)
    checked = _count(count, "opening_count")
    with db.transaction() as session:
        branch = require_home_branch(session)
        cs = open_session_of(session, drawer_of(actor), lock=True)
        if cs is not None:
            if cs.username != actor.username:
                raise _someone_elses(cs)
            raise Conflict(
                QT_TRANSLATE_NOOP("LoketError", "Sesi kas loket ini sudah dibuka."),
                field="cash_session",
            )
        return _view(session, _new_session(session, actor, branch, checked, clock=clock))


@dataclass(frozen=True)
class Closed:
    session_id: int
    expected: int
    counted: int
    difference: int


def _approver(db: Database, actor: Actor, override: Override | None, clock: Clock) -> str:
    """The supervisor who consents to a difference, checked before the closing's
    transaction (their password check writes its own)."""
    return confirm_override(db, actor, override, clock=clock).username if override else ""


def _close(
    session: Session,
    actor: Actor,
    cs: CashSession,
    count: dict[str, int],
    reason: str,
    approver: str,
    *,
    handed_over_to: str = "",
    clock: Clock,
) -> Closed:
    balance = _balance(session, cs)
    counted = count_total(count)
    difference = balance.difference(counted)
    if difference != 0:
        if not reason:
            short = QT_TRANSLATE_NOOP(
                "LoketError",
                "Kas kurang {amount}: tuliskan alasannya, lalu minta persetujuan supervisor.",
            )
            over = QT_TRANSLATE_NOOP(
                "LoketError",
                "Kas lebih {amount}: tuliskan alasannya, lalu minta persetujuan supervisor.",
            )
            raise ValidationError(
                short if difference < 0 else over,
                field="reason",
                amount=format_rupiah(abs(difference)),
            )
        if not approver:
            raise PermissionDenied(
                QT_TRANSLATE_NOOP(
                    "LoketError",
                    "Selisih kas harus disetujui supervisor lain dengan kata sandinya.",
                ),
                field="override",
            )
        if approver == cs.username:
            raise PermissionDenied(
                QT_TRANSLATE_NOOP("LoketError", "Persetujuan harus dari supervisor lain."),
                field="override",
            )
    else:
        approver = ""
    cs.closed_at = clock()
    cs.closed_by = actor.username
    cs.closing_count = json.dumps(count)
    cs.expected = balance.expected
    cs.counted = counted
    cs.difference_reason = reason if difference else ""
    cs.difference_approved_by = approver
    cs.handed_over_to = handed_over_to
    record_change(
        session,
        actor,
        "cash_session.closed",
        f"cash_session:{cs.id}",
        {
            "counter": cs.counter_name,
            "holder": cs.username,
            "business_date": cs.business_date.isoformat(),
            "float": cs.opening_float,
            "cash_received": balance.cash_received,
            "cash_refunded": balance.cash_refunded,
            "expected": balance.expected,
            "counted": counted,
            "difference": difference,
            "reason": cs.difference_reason,
            "approved_by": approver,
            "handed_over_to": handed_over_to,
        },
        clock=clock,
    )
    return Closed(cs.id, balance.expected, counted, difference)


def _closable(session: Session, actor: Actor, session_id: int) -> CashSession:
    cs = session.get(CashSession, session_id, with_for_update=True)
    if cs is None:
        raise NotFound(QT_TRANSLATE_NOOP("LoketError", "Sesi kas tidak ditemukan."))
    if cs.closed_at is not None:
        raise Conflict(
            QT_TRANSLATE_NOOP("LoketError", "Sesi kas ini sudah ditutup."), field="cash_session"
        )
    if cs.username != actor.username and not can(actor, Permission.CLOSE_DAY):
        raise PermissionDenied(
            QT_TRANSLATE_NOOP(
                "LoketError", "Hanya pemegang kas atau supervisor yang dapat menutup sesi ini."
            ),
            field="cash_session",
        )
    return cs


def close_session(
    db: Database,
    actor: Actor,
    session_id: int,
    count: Mapping[str, int],
    *,
    reason: str = "",
    override: Override | None = None,
    clock: Clock = system_clock,
) -> Closed:
    """Closes a drawer with its count. The holder closes their own; a supervisor may close
    one a clerk left open. A difference needs ``reason`` and ``override``."""
    require(actor, Permission.SERVE_COUNTER)
    checked = _count(count, "closing_count")
    reason = column_text(CashSession.difference_reason, reason, field="reason")
    approver = _approver(db, actor, override, clock)
    with db.transaction() as session:
        cs = _closable(session, actor, session_id)
        return _close(session, actor, cs, checked, reason, approver, clock=clock)


def hand_over(
    db: Database,
    actor: Actor,
    count: Mapping[str, int],
    *,
    reason: str = "",
    override: Override | None = None,
    clock: Clock = system_clock,
) -> SessionView:
    """The acting user takes over their counter's drawer from whoever holds it: the drawer
    is counted, the holder's session closes with that count and the user's opens with it
    as its float — in one transaction."""
    require(actor, Permission.SERVE_COUNTER)
    checked = _count(count, "closing_count")
    reason = column_text(CashSession.difference_reason, reason, field="reason")
    approver = _approver(db, actor, override, clock)
    with db.transaction() as session:
        branch = require_home_branch(session)
        cs = open_session_of(session, drawer_of(actor), lock=True)
        if cs is None or cs.username == actor.username:
            raise Conflict(
                QT_TRANSLATE_NOOP("LoketError", "Tidak ada kas orang lain untuk diserahterimakan."),
                field="cash_session",
            )
        _close(
            session,
            actor,
            cs,
            checked,
            reason,
            approver,
            handed_over_to=actor.username,
            clock=clock,
        )
        session.flush()
        return _view(session, _new_session(session, actor, branch, checked, clock=clock))


def void_session_for(session: Session, receipt: Receipt) -> int | None:
    """Where an approved void's money comes back from: the session open at the drawer where
    the void was asked for, else the receipt's own session if still open, else none (the
    report lists it as paid back outside a cash session)."""
    if receipt.void_drawer:
        cs = open_session_of(session, receipt.void_drawer)
        if cs is not None:
            return cs.id
    if receipt.cash_session_id is not None:
        own = session.get(CashSession, receipt.cash_session_id)
        if own is not None and own.closed_at is None:
            return own.id
    return None
