"""The tables. Alembic migrations in ``db/migrations`` are the truth; these must match them
(a test compares the two)."""

from __future__ import annotations

from datetime import date, datetime
from typing import cast

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from loket.db.types import UTCDateTime
from loket.domain.benefits import BenefitType
from loket.domain.claim_status import ClaimStatus
from loket.domain.states import ConflictStatus, CorrectionStatus, ParticipantStatus, TicketStatus

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ROLES = ("staff", "supervisor", "head", "admin")
CLAIM_STATES = tuple(s.value for s in ClaimStatus)
BENEFITS = tuple(b.value for b in BenefitType)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime()}


def table(model: type[Base]) -> Table:
    """A model's Core table, for bulk statements (``__table__`` is typed as a FromClause)."""
    return cast(Table, model.__table__)


class Branch(Base):
    """A branch office (Kantor Cabang) or service unit. ``is_home`` marks this install's own."""

    __tablename__ = "branch"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(8), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    province_code: Mapped[str] = mapped_column(String(2))
    address: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(40), default="", server_default="")
    timezone: Mapped[str] = mapped_column(String(40), default="Asia/Makassar")
    is_home: Mapped[bool] = mapped_column(Boolean, default=False)
    kpj_prefix: Mapped[str | None] = mapped_column(String(3), unique=True)  # see domain/kpj.py
    created_at: Mapped[datetime]

    counters: Mapped[list[Counter]] = relationship(
        back_populates="branch", order_by="Counter.number"
    )


class User(Base):
    __tablename__ = "user_account"  # "user" is reserved in PostgreSQL
    __table_args__ = (CheckConstraint(f"role IN {ROLES!r}", name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branch.id"))
    username: Mapped[str] = mapped_column(String(32), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(255))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None]
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]
    password_changed_at: Mapped[datetime]
    # a new account or a reset gives a one-time password: the user chooses their own first
    must_change_password: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=text("false")
    )

    branch: Mapped[Branch] = relationship()


class Counter(Base):
    """A service counter (loket) and the printer its receipts go to."""

    __tablename__ = "counter"
    __table_args__ = (UniqueConstraint("branch_id", "number", name="uq_counter_branch_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branch.id"))
    number: Mapped[int]
    name: Mapped[str] = mapped_column(String(60))
    receipt_printer: Mapped[str] = mapped_column(String(200), default="")
    paper: Mapped[str] = mapped_column(String(16), default="80mm")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # on a break: the queue calls nobody to it until it is resumed
    queue_paused: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")

    branch: Mapped[Branch] = relationship(back_populates="counters")


class Setting(Base):
    """Branch-wide settings as JSON values (per-desk preferences live in the local config)."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class SequenceCounter(Base):
    """The last number handed out for a named sequence, per scope (branch) and year.

    Numbers are taken with ``UPDATE … SET value = value + 1 … RETURNING`` inside the
    transaction that uses them, which locks the row: no gaps, no duplicates, on SQLite
    and PostgreSQL alike (a database sequence could leave gaps on rollback).
    """

    __tablename__ = "sequence_counter"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    scope: Mapped[str] = mapped_column(String(16), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


class AuditEntry(Base):
    """One link of the append-only, hash-chained audit trail."""

    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_entry_action_entity", "action", "entity"),)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime]
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    username: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(120))
    payload: Mapped[str] = mapped_column(Text)  # canonical JSON, hashed exactly as stored
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    # 1: entries before every column was hashed (user_id was not); 2: every column
    version: Mapped[int] = mapped_column(Integer, default=2, server_default="1")


class OutboxEvent(Base):
    """A change waiting to be sent to the central server (see ``services/outbox.py``)."""

    __tablename__ = "outbox_event"
    __table_args__ = (
        UniqueConstraint("branch_code", "seq", name="uq_outbox_branch_seq"),
        # what sync reads: the unsent events in order, without a sort
        Index("ix_outbox_event_pending", "sent_at", "seq"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    branch_code: Mapped[str] = mapped_column(String(8))
    seq: Mapped[int]
    type: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]  # answered by the server: held, or refused
    # the server's reason when it refused the event (nothing of it was applied there)
    refused_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    attempts: Mapped[int] = mapped_column(Integer, default=0)


class Sponsor(Base):
    """*Sertakan*: a person or organisation that registers and pays for other workers."""

    __tablename__ = "sponsor"
    __table_args__ = (
        CheckConstraint("kind IN ('person', 'organisation')", name="kind"),
        CheckConstraint("funding IN ('private', 'APBN', 'APBD')", name="funding"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(150))
    contact_name: Mapped[str] = mapped_column(String(150), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]
    # Where the dues it pays come from: a state or regional budget (APBN/APBD) pays the full
    # rate under PP 50/2025's relief.
    funding: Mapped[str] = mapped_column(String(8), default="private", server_default="private")


class Participant(Base):
    """A registered worker. ``name_search`` is the folded name that search indexes:
    an FTS5 table kept in step by triggers on SQLite, a pg_trgm index on PostgreSQL."""

    __tablename__ = "participant"
    __table_args__ = (
        CheckConstraint("segment IN ('BPU', 'PU', 'JAKON')", name="segment"),
        CheckConstraint("sex IN ('L', 'P')", name="sex"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kpj: Mapped[str] = mapped_column(String(11), unique=True)
    nik: Mapped[str] = mapped_column(String(16), unique=True)
    full_name: Mapped[str] = mapped_column(String(150))
    name_search: Mapped[str] = mapped_column(String(300))
    birth_place: Mapped[str] = mapped_column(String(100))
    birth_date: Mapped[date] = mapped_column(index=True)  # duplicate check: same birth date
    sex: Mapped[str] = mapped_column(String(1))
    address: Mapped[str] = mapped_column(Text)
    province_code: Mapped[str] = mapped_column(String(2))
    regency: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(20), index=True)
    email: Mapped[str] = mapped_column(String(254), default="")
    occupation: Mapped[str] = mapped_column(String(40))
    segment: Mapped[str] = mapped_column(String(8))
    npp: Mapped[str] = mapped_column(String(8), default="")
    declared_income: Mapped[int | None]
    programs: Mapped[str] = mapped_column(String(40))  # "JKK,JKM,JHT"
    status: Mapped[str] = mapped_column(String(16), default="active")
    branch_code: Mapped[str] = mapped_column(String(8))
    registered_at: Mapped[datetime] = mapped_column(index=True)
    registered_by: Mapped[str] = mapped_column(String(64))
    sponsor_id: Mapped[int | None] = mapped_column(ForeignKey("sponsor.id"))
    # the last month covered by a receipt that is not void (kept by payments and voids)
    paid_through: Mapped[date | None] = mapped_column(Date)

    sponsor: Mapped[Sponsor | None] = relationship()
    heirs: Mapped[list[Heir]] = relationship(
        back_populates="participant", order_by="Heir.id", cascade="all, delete-orphan"
    )


class Heir(Base):
    """An ahli waris: who receives benefits when the participant dies."""

    __tablename__ = "heir"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id"), index=True)
    name: Mapped[str] = mapped_column(String(150))
    relation: Mapped[str] = mapped_column(String(20))
    nik: Mapped[str] = mapped_column(String(16), default="")
    birth_date: Mapped[date | None]
    education_level: Mapped[str] = mapped_column(String(8), default="")

    participant: Mapped[Participant] = relationship(back_populates="heirs")


class CorrectionRequest(Base):
    """A change to identity data (NIK, name, birth date, sex) waiting for a supervisor."""

    __tablename__ = "correction_request"
    __table_args__ = (
        CheckConstraint("status IN ('pending', 'approved', 'rejected')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id"), index=True)
    changes: Mapped[str] = mapped_column(Text)  # JSON: field → new value
    old_values: Mapped[str] = mapped_column(Text)  # JSON: field → value when requested
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(
        String(10), default=CorrectionStatus.PENDING.value, index=True
    )
    requested_by: Mapped[str] = mapped_column(String(64))
    requested_at: Mapped[datetime]
    decided_by: Mapped[str] = mapped_column(String(64), default="")
    decided_at: Mapped[datetime | None]
    decision_note: Mapped[str] = mapped_column(Text, default="")


class Receipt(Base):
    """A kuitansi: numbered gaplessly per branch and year, never edited or deleted — a
    mistake is voided (and keeps its number)."""

    __tablename__ = "receipt"
    __table_args__ = (
        UniqueConstraint("branch_code", "year", "seq", name="uq_receipt_branch_year_seq"),
        CheckConstraint("method IN ('cash', 'transfer', 'qris')", name="method"),
        CheckConstraint("void_status IN ('', 'requested', 'void')", name="void_status"),
        # A bank or QRIS reference pays one receipt only (a voided one frees it again).
        Index(
            "uq_receipt_reference",
            "method",
            "reference",
            unique=True,
            sqlite_where=text("reference <> '' AND void_status <> 'void'"),
            postgresql_where=text("reference <> '' AND void_status <> 'void'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    branch_code: Mapped[str] = mapped_column(String(8))
    year: Mapped[int]
    seq: Mapped[int]
    # the counter's cash session that took it (None: issued before cash sessions existed)
    cash_session_id: Mapped[int | None] = mapped_column(ForeignKey("cash_session.id"), index=True)
    payer_name: Mapped[str] = mapped_column(String(150))
    sponsor_id: Mapped[int | None] = mapped_column(ForeignKey("sponsor.id"))
    method: Mapped[str] = mapped_column(String(10))
    reference: Mapped[str] = mapped_column(String(64), default="")
    tendered: Mapped[int | None]
    change: Mapped[int | None]
    total: Mapped[int]
    issued_at: Mapped[datetime] = mapped_column(index=True)
    issued_by: Mapped[str] = mapped_column(String(64))
    issued_by_name: Mapped[str] = mapped_column(String(120))
    counter_name: Mapped[str] = mapped_column(String(60))
    # the letterhead it was issued under (JSON), so that a reprint shows what the original
    # did; "" before migration 0018: the branch's current one
    letterhead: Mapped[str] = mapped_column(Text, default="", server_default="")
    print_count: Mapped[int] = mapped_column(Integer, default=0)
    printed_at: Mapped[datetime | None]
    void_status: Mapped[str] = mapped_column(String(10), default="")
    void_reason: Mapped[str] = mapped_column(Text, default="")
    void_requested_by: Mapped[str] = mapped_column(String(64), default="")
    voided_by: Mapped[str] = mapped_column(String(64), default="")
    voided_at: Mapped[datetime | None] = mapped_column(index=True)
    # the drawer where the void was asked for, and the cash session that paid the money back
    void_drawer: Mapped[str] = mapped_column(String(80), default="", server_default="")
    void_session_id: Mapped[int | None] = mapped_column(ForeignKey("cash_session.id"), index=True)

    contributions: Mapped[list[Contribution]] = relationship(
        back_populates="receipt", order_by="Contribution.id"
    )


class CashSession(Base):
    """A drawer's cash from its opening float to its count at closing, for one user at one
    counter. ``drawer`` names the drawer ("counter:3"; "user:name" for the command line),
    with at most one open session each. Counts are JSON ``{denomination: pieces}``."""

    __tablename__ = "cash_session"
    __table_args__ = (
        Index(
            "uq_cash_session_open_drawer",
            "drawer",
            unique=True,
            sqlite_where=text("closed_at IS NULL"),
            postgresql_where=text("closed_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    drawer: Mapped[str] = mapped_column(String(80))
    counter_id: Mapped[int | None] = mapped_column(ForeignKey("counter.id"))
    counter_name: Mapped[str] = mapped_column(String(60))
    business_date: Mapped[date] = mapped_column(Date, index=True)  # the branch's day it opened
    username: Mapped[str] = mapped_column(String(64))
    full_name: Mapped[str] = mapped_column(String(120))
    opened_at: Mapped[datetime]
    opening_float: Mapped[int]
    opening_count: Mapped[str] = mapped_column(Text, default="{}")
    float_counted: Mapped[bool] = mapped_column(Boolean, default=True)  # False: opened by a payment
    closed_at: Mapped[datetime | None]
    closed_by: Mapped[str] = mapped_column(String(64), default="")
    closing_count: Mapped[str] = mapped_column(Text, default="{}")
    expected: Mapped[int | None]
    counted: Mapped[int | None]
    difference_reason: Mapped[str] = mapped_column(Text, default="")
    difference_approved_by: Mapped[str] = mapped_column(String(64), default="")
    handed_over_to: Mapped[str] = mapped_column(String(64), default="")


class CoverageTally(Base):
    """How many participants have each coverage base month: the last month paid, or for one
    who never paid the month before they registered (``domain.coverage.coverage_status``
    reads the same base). Kept by every write that moves a participant's base, so the
    dashboard sums a few dozen rows instead of counting millions (``db/coverage_tally.py``)."""

    __tablename__ = "coverage_tally"

    base_month: Mapped[date] = mapped_column(Date, primary_key=True)
    participants: Mapped[int] = mapped_column(BigInteger)


class DayClosing(Base):
    """The branch's day signed off by a supervisor: the report as printed, and the audit
    chain's head at that moment (what ``audit verify`` holds the day's record to)."""

    __tablename__ = "day_closing"

    business_date: Mapped[date] = mapped_column(Date, primary_key=True)
    closed_at: Mapped[datetime]
    closed_by: Mapped[str] = mapped_column(String(64))
    closed_by_name: Mapped[str] = mapped_column(String(120))
    audit_seq: Mapped[int]
    audit_hash: Mapped[str] = mapped_column(String(64))
    summary: Mapped[str] = mapped_column(Text)  # JSON: the report's totals, as sent centrally
    report_pdf: Mapped[bytes] = mapped_column(LargeBinary)
    report_sha256: Mapped[str] = mapped_column(String(64))


class Contribution(Base):
    """One participant's dues for one program over a run of months priced alike, on one
    receipt. ``monthly_amount`` is what was paid a month; ``relief_monthly`` what a relief
    (``relief_basis``) took off the table's amount, which is their sum."""

    __tablename__ = "contribution"

    id: Mapped[int] = mapped_column(primary_key=True)
    receipt_id: Mapped[int] = mapped_column(ForeignKey("receipt.id"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id"), index=True)
    program: Mapped[str] = mapped_column(String(8))
    period_first: Mapped[date]
    period_last: Mapped[date]
    months: Mapped[int]
    monthly_amount: Mapped[int]
    amount: Mapped[int]
    relief_monthly: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    relief_basis: Mapped[str] = mapped_column(String(80), default="", server_default="")

    receipt: Mapped[Receipt] = relationship(back_populates="contributions")


class Claim(Base):
    """A benefit claim from intake to handover. ``details`` holds what the rule needs
    (children, the JHT statement), ``components``/``schedule`` what it computed, as JSON;
    ``documents`` the codes of the documents seen. Money is BigInteger: a JHT balance
    can pass what a 32-bit integer holds."""

    __tablename__ = "claim"
    __table_args__ = (
        CheckConstraint(f"status IN {CLAIM_STATES!r}", name="status"),
        CheckConstraint(f"benefit IN {BENEFITS!r}", name="benefit"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    branch_code: Mapped[str] = mapped_column(String(8))
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id"), index=True)
    benefit: Mapped[str] = mapped_column(String(16))
    event_date: Mapped[date]
    cause: Mapped[str] = mapped_column(Text, default="")
    claimant_heir_id: Mapped[int | None] = mapped_column(ForeignKey("heir.id"))
    claimant_name: Mapped[str] = mapped_column(String(150))
    claimant_relation: Mapped[str] = mapped_column(String(20))  # "" = the participant
    claimant_nik: Mapped[str] = mapped_column(String(16), default="")
    bank_name: Mapped[str] = mapped_column(String(60), default="")
    bank_account: Mapped[str] = mapped_column(String(40), default="")
    account_holder: Mapped[str] = mapped_column(String(150), default="")
    details: Mapped[str] = mapped_column(Text, default="{}")
    documents: Mapped[str] = mapped_column(Text, default="[]")
    components: Mapped[str] = mapped_column(Text, default="[]")
    schedule: Mapped[str] = mapped_column(Text, default="[]")
    rule_version: Mapped[str] = mapped_column(String(40))
    total: Mapped[int] = mapped_column(BigInteger)
    payable_now: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(16), default="draft", index=True)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    decided_by: Mapped[str] = mapped_column(String(64), default="")
    decided_at: Mapped[datetime | None] = mapped_column(index=True)
    rejection_reason: Mapped[str] = mapped_column(Text, default="")
    paid_amount: Mapped[int | None] = mapped_column(BigInteger)
    paid_by: Mapped[str] = mapped_column(String(64), default="")
    paid_at: Mapped[datetime | None] = mapped_column(index=True)
    payout_method: Mapped[str] = mapped_column(String(16), default="")
    payout_bank: Mapped[str] = mapped_column(String(60), default="")
    payout_account: Mapped[str] = mapped_column(String(40), default="")
    payout_reference: Mapped[str] = mapped_column(String(64), default="")

    participant: Mapped[Participant] = relationship()
    history: Mapped[list[ClaimEvent]] = relationship(
        back_populates="claim", order_by="ClaimEvent.id"
    )
    handover: Mapped[Handover | None] = relationship(back_populates="claim")


class ClaimEvent(Base):
    """One step in a claim's history (created, edited, submitted, approved, …)."""

    __tablename__ = "claim_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claim.id"), index=True)
    at: Mapped[datetime]
    username: Mapped[str] = mapped_column(String(64))
    full_name: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")

    claim: Mapped[Claim] = relationship(back_populates="history")


class Handover(Base):
    """The *berita acara serah terima*: who received the benefit, where, before whom."""

    __tablename__ = "handover"

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claim.id"), unique=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    handed_on: Mapped[date]
    place: Mapped[str] = mapped_column(String(150))
    recipient_name: Mapped[str] = mapped_column(String(150))
    recipient_nik: Mapped[str] = mapped_column(String(16))
    witnesses: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of names
    staff_name: Mapped[str] = mapped_column(String(120))
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    letterhead: Mapped[str] = mapped_column(Text, default="", server_default="")  # as receipt's
    print_count: Mapped[int] = mapped_column(Integer, default=0)

    claim: Mapped[Claim] = relationship(back_populates="handover")


class RemoteParticipant(Base):
    """A participant registered at another branch, as the central server last said: enough
    to refuse a second registration of the NIK here and to find the person's KPJ — the
    NIK's keyed hash (``domain.nik.registry_hash``), never the NIK, name or birth date."""

    __tablename__ = "remote_participant"

    kpj: Mapped[str] = mapped_column(String(11), primary_key=True)
    nik_hash: Mapped[str] = mapped_column(String(64), index=True)
    branch_code: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(16), default=ParticipantStatus.ACTIVE.value)
    linked_to: Mapped[str] = mapped_column(String(11), default="")


class RemoteClaim(Base):
    """A claim filed at another branch, as the central server last said: a benefit paid
    once (a death benefit, a total disability) is refused here too."""

    __tablename__ = "remote_claim"

    number: Mapped[str] = mapped_column(String(32), primary_key=True)
    branch_code: Mapped[str] = mapped_column(String(8))
    kpj: Mapped[str] = mapped_column(String(11), index=True)
    benefit: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))


class SyncConflict(Base):
    """The same NIK registered here and at another branch while apart (detected centrally).

    ``local_choice`` is the KPJ a supervisor here chose to keep, until the server says which
    decision stood (``status`` resolved, ``kept_kpj``)."""

    __tablename__ = "sync_conflict"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)  # the server's id
    nik: Mapped[str] = mapped_column(String(16))
    kpj_a: Mapped[str] = mapped_column(String(11))
    branch_a: Mapped[str] = mapped_column(String(8))
    kpj_b: Mapped[str] = mapped_column(String(11))
    branch_b: Mapped[str] = mapped_column(String(8))
    detected_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(16), default=ConflictStatus.OPEN.value)
    kept_kpj: Mapped[str] = mapped_column(String(11), default="")
    decided_by: Mapped[str] = mapped_column(String(80), default="")
    decided_at: Mapped[datetime | None]
    local_choice: Mapped[str] = mapped_column(String(11), default="")


class ReferenceDocument(Base):
    """A document the central server published for every branch (a tariff table)."""

    __tablename__ = "reference_document"

    name: Mapped[str] = mapped_column(String(80), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), index=True)
    body: Mapped[str] = mapped_column(Text)
    published_at: Mapped[datetime]


class SyncState(Base):
    """What the sync client remembers between runs: the pull cursor, the last success."""

    __tablename__ = "sync_state"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


TICKET_STATES = tuple(TicketStatus)


class QueueService(Base):
    """A service people take a number for (A *Pendaftaran & iuran*…): its letter, its name
    and the day's quota of tickets (0: none)."""

    __tablename__ = "queue_service"

    id: Mapped[int] = mapped_column(primary_key=True)
    prefix: Mapped[str] = mapped_column(String(1), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    daily_quota: Mapped[int] = mapped_column(Integer, default=0)
    position: Mapped[int] = mapped_column(Integer, default=0)  # order on the kiosk
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class CounterService(Base):
    """A service a counter serves, and in which order of preference (1 first)."""

    __tablename__ = "counter_service"

    counter_id: Mapped[int] = mapped_column(ForeignKey("counter.id"), primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("queue_service.id"), primary_key=True)
    preference: Mapped[int] = mapped_column(Integer, default=1)


class Ticket(Base):
    """A queue number (``A001``): numbered per service and day without a gap. Not personal
    data: no name, no NIK — a booking code at most."""

    __tablename__ = "ticket"
    __table_args__ = (
        UniqueConstraint("business_date", "service_id", "number", name="uq_ticket_day_number"),
        CheckConstraint(f"status IN {TICKET_STATES!r}", name="status"),
        CheckConstraint("rating IS NULL OR rating BETWEEN 1 AND 5", name="rating"),
        # what a counter calls next: the day's waiting tickets of a service
        Index("ix_ticket_waiting", "business_date", "status", "service_id"),
        # what the waiting-room display reads: the day's calls after the last it saw
        Index("ix_ticket_calls", "business_date", "call_seq"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    business_date: Mapped[date] = mapped_column(Date)
    service_id: Mapped[int] = mapped_column(ForeignKey("queue_service.id"))
    number: Mapped[int]
    code: Mapped[str] = mapped_column(String(8))  # A001
    priority: Mapped[bool] = mapped_column(Boolean, default=False)
    booking_code: Mapped[str] = mapped_column(String(20), default="")
    slot_at: Mapped[datetime | None]  # the booked time: called from then on, before walk-ins
    issued_at: Mapped[datetime]
    issued_by: Mapped[str] = mapped_column(String(64))  # "kiosk" or the clerk
    status: Mapped[str] = mapped_column(String(8), default=TicketStatus.WAITING.value)
    counter_id: Mapped[int | None] = mapped_column(ForeignKey("counter.id"))
    called_by: Mapped[str] = mapped_column(String(64), default="")
    first_called_at: Mapped[datetime | None]  # waiting time: issued → first call
    called_at: Mapped[datetime | None]  # the last call (a recall, a call after a transfer)
    call_seq: Mapped[int] = mapped_column(Integer, default=0)  # order of calls, for displays
    calls: Mapped[int] = mapped_column(Integer, default=0)
    transfers: Mapped[int] = mapped_column(Integer, default=0)
    finished_at: Mapped[datetime | None]  # service time: last call → done
    rating: Mapped[int | None]
    rated_at: Mapped[datetime | None]


class TicketLink(Base):
    """What the clerk did for the person with this ticket: a receipt, a registration, a
    claim (``kind``, and its number or KPJ)."""

    __tablename__ = "ticket_link"

    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    ref: Mapped[str] = mapped_column(String(40), primary_key=True, index=True)


# Objects made by hand in the migrations, which the models do not describe.
UNMODELLED = ("participant_fts", "ix_participant_name_trgm")
