"""Finding participants (by NIK, KPJ, phone or name) and reading one participant's record."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    and_,
    bindparam,
    func,
    select,
)
from sqlalchemy.orm import Session

from loket.db.engine import Database
from loket.db.models import Contribution, Participant, Receipt, RemoteParticipant
from loket.domain.coverage import CoverageStatus, Period
from loket.domain.errors import QT_TRANSLATE_NOOP
from loket.domain.kpj import looks_like_kpj
from loket.domain.names import fold_name
from loket.domain.nik import NIK_LENGTH
from loket.domain.phone import phone_query
from loket.domain.registration import Segment, is_transport_sector
from loket.domain.states import VoidStatus
from loket.domain.tariffs import (
    MonthlyDues,
    Published,
    TariffError,
    arrears_rule_on,
    bpu_monthly_dues,
)
from loket.services.actor import Actor
from loket.services.clock import Clock, system_clock
from loket.services.errors import NotFound
from loket.services.payments import standing
from loket.services.permissions import Permission, require
from loket.services.place import require_home_branch
from loket.services.sync import nik_hashed, published_tariffs

MAX_PAGE = 200
_SEPARATORS = re.compile(r"[\s.\-]")


@dataclass(frozen=True)
class ParticipantRow:
    id: int
    kpj: str
    nik: str
    full_name: str
    birth_date: date
    phone: str
    status: str
    matched_by: str  # "nik", "kpj", "phone" or "name"


@dataclass(frozen=True)
class HeirInfo:
    name: str
    relation: str
    nik: str
    birth_date: date | None
    education_level: str
    id: int = 0


@dataclass(frozen=True)
class PaymentHistoryLine:
    receipt_id: int
    receipt_number: str
    paid_on: date
    period: str  # "11/2026–01/2027"
    amount: int  # this participant's share of the receipt
    void: bool
    relief: int = 0  # what a dues relief took off it


@dataclass(frozen=True)
class ParticipantDetail:
    id: int
    kpj: str
    nik: str
    full_name: str
    birth_place: str
    birth_date: date
    sex: str
    address: str
    province_code: str
    regency: str
    phone: str
    email: str
    occupation: str
    segment: str
    npp: str
    declared_income: int | None
    programs: tuple[str, ...]
    status: str
    branch_code: str
    registered_by: str
    registered_at: datetime
    sponsor_name: str
    sponsor_funding: str  # "private", "APBN" or "APBD"
    heirs: tuple[HeirInfo, ...]
    coverage: CoverageStatus
    max_arrears: int  # months of arrears the rule in force allows
    payments: tuple[PaymentHistoryLine, ...]
    dues_now: MonthlyDues | None  # BPU: this month's dues if they pay themselves


_ROW_COLUMNS = (
    Participant.id,
    Participant.kpj,
    Participant.nik,
    Participant.full_name,
    Participant.birth_date,
    Participant.phone,
    Participant.status,
)


def _row(r: Any, kind: str) -> ParticipantRow:
    return ParticipantRow(
        r.id, r.kpj, r.nik, r.full_name, r.birth_date, r.phone, r.status, matched_by=kind
    )


def _page(condition: ColumnElement[bool]) -> Any:  # a Select of the row columns
    return (
        select(*_ROW_COLUMNS)
        .where(condition)
        .order_by(Participant.id)
        .limit(bindparam("limit"))
        .offset(bindparam("offset"))
    )


# Built once: constructing a statement costs more than running an indexed lookup.
_VALUE: BindParameter[str] = bindparam("value")
_BY_IDENTIFIER = {
    "nik": _page(Participant.nik == _VALUE),
    "kpj": _page(Participant.kpj == _VALUE),
    "phone": _page(Participant.phone == _VALUE),
}
# SQLite's fast path (Database.fetch_all): the same lookups in plain SQL; a name's words
# are prefix matches on the FTS5 index, every word, in any order.
_SQLITE_ROWS = "SELECT id, kpj, nik, full_name, birth_date, phone, status FROM participant "
_SQLITE_PAGE = " ORDER BY id LIMIT ? OFFSET ?"
_SQLITE_BY = {
    **{kind: f"{_SQLITE_ROWS}WHERE {kind} = ?{_SQLITE_PAGE}" for kind in ("nik", "kpj", "phone")},
    "name": f"{_SQLITE_ROWS}WHERE id IN (SELECT rowid FROM participant_fts "
    f"WHERE participant_fts MATCH ?){_SQLITE_PAGE}",
}


def _identifier(query: str) -> tuple[str, str] | None:
    """Exact identifiers: a whole NIK, a whole KPJ, or a phone number (stored form)."""
    compact = _SEPARATORS.sub("", query)
    if compact.isascii() and compact.isdigit() and len(compact) == NIK_LENGTH:
        return "nik", compact
    if looks_like_kpj(compact):
        return "kpj", compact
    if (phone := phone_query(query)) is not None:
        return "phone", phone
    return None


def search_participants(
    db: Database, actor: Actor, query: str, *, limit: int = 50, offset: int = 0
) -> list[ParticipantRow]:
    """NIK, KPJ or phone find that participant; otherwise every word of ``query`` must
    start a word of the name (case and accents ignored, any order). Pages by ``offset``."""
    require(actor, Permission.SERVE_COUNTER)
    query = (query or "").strip()
    page: dict[str, Any] = {"limit": max(1, min(limit, MAX_PAGE)), "offset": max(0, offset)}
    if not query:
        return []
    words: list[str] = []
    if (found := _identifier(query)) is not None:
        kind, value = found
    else:
        words = fold_name(query).split()
        if not words:
            return []
        # Folded words hold only letters and digits: no FTS syntax, no LIKE wildcards.
        kind, value = "name", " AND ".join(f'"{w}"*' for w in words)
    if db.dialect == "sqlite":  # the counter's commonest question, answered directly
        rows = db.fetch_all(_SQLITE_BY[kind], (value, page["limit"], page["offset"]))
        return [
            ParticipantRow(i, kpj, nik, name, date.fromisoformat(born), phone, status, kind)
            for i, kpj, nik, name, born, phone, status in rows
        ]
    if kind == "name":  # PostgreSQL: the trigram index serves '%word%'
        stmt = _page(and_(*(Participant.name_search.like(f"%{w}%") for w in words)))
        params = page
    else:
        stmt, params = _BY_IDENTIFIER[kind], {"value": value, **page}
    with db.read_connection() as conn:
        return [_row(r, kind) for r in conn.execute(stmt, params)]


@dataclass(frozen=True)
class OtherBranchRecord:
    """A participant of another branch, as the central server last said: where the record
    is, not whose (the branch holds no other branch's names)."""

    kpj: str
    branch_code: str
    linked_to: str  # the KPJ kept when a NIK conflict linked this one, else ""


def find_elsewhere(db: Database, actor: Actor, query: str) -> OtherBranchRecord | None:
    """A whole NIK or KPJ not registered here but at another branch (known through sync):
    the counter can tell the person where their record is."""
    require(actor, Permission.SERVE_COUNTER)
    found = _identifier((query or "").strip())
    if found is None or found[0] == "phone":
        return None
    with db.reader() as session:
        if found[0] == "nik":
            hashed = nik_hashed(session, found[1])
            where = RemoteParticipant.nik_hash == hashed if hashed else None
        else:
            where = RemoteParticipant.kpj == found[1]
        if where is None:
            return None
        r = session.scalar(select(RemoteParticipant).where(where).limit(1))
        if r is None:
            return None
        return OtherBranchRecord(r.kpj, r.branch_code, r.linked_to)


def find_by_identifier(
    db: Database, actor: Actor, query: str, *, field: str = "participant"
) -> int:
    """The one participant a whole KPJ or NIK names (at a payment or a claim, where a
    name would be a guess); :class:`NotFound` at ``field`` otherwise."""
    found = search_participants(db, actor, query, limit=2)
    if len(found) != 1 or found[0].matched_by not in ("kpj", "nik"):
        raise NotFound(
            QT_TRANSLATE_NOOP("LoketError", "Masukkan KPJ atau NIK lengkap dari satu peserta."),
            field=field,
        )
    return found[0].id


def _history(session: Session, participant_id: int, tz: ZoneInfo) -> list[PaymentHistoryLine]:
    rows = session.execute(
        select(Receipt.id, Receipt.number, Receipt.issued_at, Receipt.void_status,
               func.min(Contribution.period_first), func.max(Contribution.period_last),
               func.sum(Contribution.amount),
               func.sum(Contribution.relief_monthly * Contribution.months))
        .join(Contribution, Contribution.receipt_id == Receipt.id)
        .where(Contribution.participant_id == participant_id)
        .group_by(Receipt.id, Receipt.number, Receipt.issued_at, Receipt.void_status)
        .order_by(Receipt.issued_at.desc())
    )  # fmt: skip
    return [PaymentHistoryLine(rid, number, issued.astimezone(tz).date(),
                               Period(first, last).label(), int(total), status == VoidStatus.VOID,
                               int(relief or 0))
            for rid, number, issued, status, first, last, total, relief in rows]  # fmt: skip


def get_participant(
    db: Database, actor: Actor, participant_id: int, *, clock: Clock = system_clock
) -> ParticipantDetail:
    require(actor, Permission.SERVE_COUNTER)
    with db.reader() as session:
        p = session.get(Participant, participant_id)
        if p is None:
            raise NotFound(QT_TRANSLATE_NOOP("LoketError", "Peserta tidak ditemukan."))
        branch = require_home_branch(session)
        tz = ZoneInfo(branch.timezone)
        today = clock().astimezone(tz).date()
        published = published_tariffs(session)
        rule = arrears_rule_on(today, published)
        return ParticipantDetail(
            id=p.id,
            kpj=p.kpj,
            nik=p.nik,
            full_name=p.full_name,
            birth_place=p.birth_place,
            birth_date=p.birth_date,
            sex=p.sex,
            address=p.address,
            province_code=p.province_code,
            regency=p.regency,
            phone=p.phone,
            email=p.email,
            occupation=p.occupation,
            segment=p.segment,
            npp=p.npp,
            declared_income=p.declared_income,
            programs=tuple(p.programs.split(",")),
            status=p.status,
            branch_code=p.branch_code,
            registered_by=p.registered_by,
            registered_at=p.registered_at,
            sponsor_name=p.sponsor.name if p.sponsor else "",
            sponsor_funding=p.sponsor.funding if p.sponsor else "private",
            heirs=tuple(
                HeirInfo(h.name, h.relation, h.nik, h.birth_date, h.education_level, h.id)
                for h in p.heirs
            ),
            coverage=standing(session, branch, p, today, rule.max_arrears_months),
            max_arrears=rule.max_arrears_months,
            payments=tuple(_history(session, p.id, tz)),
            dues_now=_dues_now(p, today, published),
        )


def _dues_now(p: Participant, today: date, published: Published) -> MonthlyDues | None:
    if p.segment != Segment.BPU or p.declared_income is None:
        return None
    try:
        return bpu_monthly_dues(
            p.declared_income,
            set(p.programs.split(",")),
            on=today,
            transport_sector=is_transport_sector(p.occupation),
            published=published,
        )
    except TariffError:  # an imported income outside today's table: the payment page says so
        return None
