"""The central server's tables (PostgreSQL). Its own Alembic migrations are the truth.

``event`` keeps every outbox event once (its UUID is the primary key); the other tables are
what the events say, applied in the same transaction. Rows branches pull (participants,
conflicts, reference documents) carry ``rev``, drawn from one sequence on every insert and
change, so a branch's cursor is one number: "everything after rev N".
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Sequence,
    String,
    Table,
    Text,
    text,
)

from loket.db.types import UTCDateTime

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

rev_sequence = Sequence("rev_seq", metadata=metadata)
_NEXT_REV = text("nextval('rev_seq')")

branch = Table(
    "branch",
    metadata,
    Column("code", String(8), primary_key=True),
    Column("name", String(100), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),  # SHA-256 of the token
    # the bundle key is kept outside the database: loket.server.keys
    Column("created_at", UTCDateTime(), nullable=False),
    Column("last_contact_at", UTCDateTime()),
    Column("events_received", BigInteger, nullable=False, server_default="0"),
)

event = Table(
    "event",
    metadata,
    Column("uuid", String(36), primary_key=True),
    Column("branch_code", String(8), ForeignKey("branch.code"), nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("type", String(64), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("received_at", UTCDateTime(), nullable=False),
    Column("via", String(8), nullable=False),  # "push" or "bundle"
    Column("payload", Text, nullable=False),  # "{}" for a refused event
    # "applied", or "refused" (with the reason; nothing of it was applied)
    Column("status", String(8), nullable=False, server_default="applied"),
    Column("reason", Text, nullable=False, server_default=""),
    Index("ix_event_branch_seq", "branch_code", "seq"),
)

# The heads of each branch's audit chain, as the branch sent them with its syncs: a chain
# rewritten at the branch afterwards no longer matches (``loket-admin audit verify
# --against-server``).
audit_anchor = Table(
    "audit_anchor",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("branch_code", String(8), ForeignKey("branch.code"), nullable=False, index=True),
    Column("seq", BigInteger, nullable=False),
    Column("hash", String(64), nullable=False),
    Column("received_at", UTCDateTime(), nullable=False),
    # set on the first anchor after the branch restored a backup: the chain went back to
    # entry ``restored_from`` (the backup's last) and went on from there; anchors taken
    # before it beyond that entry were of entries lost with the replaced database
    Column("restored_from", BigInteger),
)

# A branch restored from a backup asks for its own events (``GET …/events``): the server
# keeps that as a recovery, and accepts the one restart of the branch's audit chain that
# follows it (``anchor_id``), within a day. A restart outside a recovery is refused.
recovery = Table(
    "recovery",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("branch_code", String(8), ForeignKey("branch.code"), nullable=False, index=True),
    Column("after", BigInteger, nullable=False),  # the first fetch's cursor: what it lacked
    Column("started_at", UTCDateTime(), nullable=False),
    Column("anchor_id", Integer, ForeignKey("audit_anchor.id")),
)

# The KPJ ranges the central office gave each branch: only that branch creates KPJs in it.
kpj_range = Table(
    "kpj_range",
    metadata,
    Column("prefix", String(3), primary_key=True),
    Column("branch_code", String(8), ForeignKey("branch.code"), nullable=False),
)

participant = Table(
    "participant",
    metadata,
    Column("kpj", String(11), primary_key=True),
    Column("nik", String(16), nullable=False, index=True),
    Column("full_name", String(150), nullable=False),
    Column("birth_date", Date, nullable=False),
    Column("segment", String(8), nullable=False),
    Column("programs", String(40), nullable=False),
    Column("branch_code", String(8), ForeignKey("branch.code"), nullable=False),
    Column("registered_at", UTCDateTime(), nullable=False),
    Column("status", String(16), nullable=False, server_default="active"),  # or "linked"
    Column("linked_to", String(11), nullable=False, server_default=""),
    Column("rev", BigInteger, nullable=False, index=True, server_default=_NEXT_REV),
)

receipt = Table(
    "receipt",
    metadata,
    Column("number", String(32), primary_key=True),
    Column("branch_code", String(8), ForeignKey("branch.code"), nullable=False),
    Column("total", BigInteger, nullable=False),
    Column("method", String(16), nullable=False),
    Column("issued_at", UTCDateTime(), nullable=False),
    Column("lines", Text, nullable=False),  # JSON: kpj, from, to, amount
    Column("voided_at", UTCDateTime()),
)

claim = Table(
    "claim",
    metadata,
    Column("number", String(32), primary_key=True),
    Column("branch_code", String(8), ForeignKey("branch.code"), nullable=False),
    Column("kpj", String(11), nullable=False, index=True),
    Column("benefit", String(16), nullable=False),
    Column("status", String(16), nullable=False),
    Column("total", BigInteger, nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
    # pulled by the other branches: a benefit paid once is refused there too
    Column("rev", BigInteger, nullable=False, index=True, server_default=_NEXT_REV),
)

handover = Table(
    "handover",
    metadata,
    Column("number", String(32), primary_key=True),
    Column("branch_code", String(8), ForeignKey("branch.code"), nullable=False),
    Column("claim_number", String(32), nullable=False),
    Column("handed_over_at", UTCDateTime(), nullable=False),
)

conflict = Table(
    "conflict",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("nik", String(16), nullable=False, index=True),
    Column("kpj_a", String(11), nullable=False),
    Column("branch_a", String(8), nullable=False),
    Column("kpj_b", String(11), nullable=False),
    Column("branch_b", String(8), nullable=False),
    Column("detected_at", UTCDateTime(), nullable=False),
    Column("status", String(16), nullable=False, server_default="open"),  # or "resolved"
    Column("kept_kpj", String(11), nullable=False, server_default=""),
    Column("decided_by", String(80), nullable=False, server_default=""),  # user@BRANCH
    Column("decided_at", UTCDateTime()),
    Column("rev", BigInteger, nullable=False, index=True, server_default=_NEXT_REV),
)

reference_document = Table(
    "reference_document",
    metadata,
    Column("name", String(80), primary_key=True),  # e.g. "tariff/bpu-2027-01.json"
    Column("kind", String(16), nullable=False),
    Column("body", Text, nullable=False),
    Column("published_at", UTCDateTime(), nullable=False),
    Column("rev", BigInteger, nullable=False, index=True, server_default=_NEXT_REV),
)


# A branch's day as its supervisor closed it (the ``day.closed`` event): what the regional
# summary adds up. The figures the summary reads have their own columns.
branch_day = Table(
    "branch_day",
    metadata,
    Column("branch_code", String(8), ForeignKey("branch.code"), primary_key=True),
    Column("business_date", Date, primary_key=True),
    Column("closed_by", String(64), nullable=False),
    Column("closed_at", UTCDateTime(), nullable=False),
    Column("audit_seq", BigInteger, nullable=False),
    Column("audit_head", String(64), nullable=False),
    Column("report_sha256", String(64), nullable=False),
    Column("receipts", Integer, nullable=False),
    Column("paid", BigInteger, nullable=False),
    Column("relief", BigInteger, nullable=False),
    Column("registrations", Integer, nullable=False),
    Column("claims_paid", Integer, nullable=False),
    Column("claims_paid_amount", BigInteger, nullable=False),
    Column("cash_difference", BigInteger, nullable=False),
    Column("summary", Text, nullable=False),  # the whole summary, as sent
)

# The regional office's people who read the summary (not branches: their tokens differ).
regional_user = Table(
    "regional_user",
    metadata,
    Column("username", String(32), primary_key=True),
    Column("full_name", String(120), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("active", Boolean, nullable=False, server_default=text("true")),
)

# Each branch's queue as it last said (sent with every sync): what the page behind a
# ticket's QR code shows. Not personal data: service letters, numbers and counters.
queue_snapshot = Table(
    "queue_snapshot",
    metadata,
    Column("branch_code", String(8), ForeignKey("branch.code"), primary_key=True),
    Column("business_date", Date, nullable=False),
    Column("body", Text, nullable=False),
    Column("received_at", UTCDateTime(), nullable=False),
)

# The server's own secrets (the key of the NIK hashes branches get instead of NIKs). The
# database holds the NIKs themselves, so a copy of it gains nothing from this key.
server_secret = Table(
    "server_secret",
    metadata,
    Column("name", String(32), primary_key=True),
    Column("value", Text, nullable=False),
)
