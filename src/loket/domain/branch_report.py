"""A branch's figures for a period, as plain data: what ``services/reports`` computes, the
closing report prints and the exports write."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class ProgramRow:
    program: str
    normal: int  # the table's amount
    relief: int  # what a relief (PP 50/2025) took off
    paid: int


@dataclass(frozen=True)
class MethodRow:
    method: str
    receipts: int
    amount: int


@dataclass(frozen=True)
class VoidRow:
    number: str
    issued_on: date
    voided_at: datetime
    method: str
    total: int
    reason: str
    requested_by: str
    approved_by: str
    receipt_session: int | None
    refund_session: int | None  # None: paid back outside any cash session

    @property
    def from_another_session(self) -> bool:
        return self.receipt_session is not None and self.receipt_session != self.refund_session


@dataclass(frozen=True)
class SegmentRow:
    segment: str
    registered: int


@dataclass(frozen=True)
class ClaimRow:
    benefit: str
    approved: int
    rejected: int
    approved_amount: int
    paid: int
    paid_amount: int


@dataclass(frozen=True)
class HandoverRow:
    number: str
    handed_on: date
    claim_number: str
    benefit: str
    recipient: str


@dataclass(frozen=True)
class CashRow:
    session_id: int
    business_date: date
    counter: str
    holder: str
    opened_at: datetime
    closed_at: datetime | None
    opening_float: int
    float_counted: bool
    received: int
    refunded: int
    expected: int
    counted: int | None
    reason: str
    approved_by: str
    handed_over_to: str

    @property
    def difference(self) -> int | None:
        return None if self.counted is None else self.counted - self.expected


@dataclass(frozen=True)
class NonCashRow:
    number: str
    method: str
    reference: str
    total: int
    counter: str
    void: bool


@dataclass(frozen=True)
class NumberRange:
    """The receipts of one year in the period: first and last sequence, how many, which
    numbers are missing, and whether the first follows the year's last before the period."""

    year: int
    first: str
    last: str
    first_seq: int
    last_seq: int
    issued: int
    missing: tuple[int, ...]
    follows: bool

    @property
    def gapless(self) -> bool:
        return not self.missing and self.follows


@dataclass(frozen=True)
class QueueRow:
    """A service's queue (or the total: ``label`` ""): numbers, and times in minutes."""

    label: str
    issued: int
    served: int
    no_show: int
    left_waiting: int
    wait_minutes: float | None
    service_minutes: float | None
    rating: float | None


@dataclass(frozen=True)
class Report:
    branch_code: str
    branch_name: str
    branch_address: str
    first: date
    last: date
    programs: tuple[ProgramRow, ...]
    methods: tuple[MethodRow, ...]
    voids: tuple[VoidRow, ...]
    registrations: tuple[SegmentRow, ...]
    claims: tuple[ClaimRow, ...]
    handovers: tuple[HandoverRow, ...]
    cash: tuple[CashRow, ...]
    non_cash: tuple[NonCashRow, ...]
    numbers: tuple[NumberRange, ...]
    timezone: str = "Asia/Makassar"
    queue: tuple[QueueRow, ...] = ()  # per service, then the total

    @property
    def paid(self) -> int:
        return sum(r.paid for r in self.programs)

    @property
    def relief(self) -> int:
        return sum(r.relief for r in self.programs)

    @property
    def receipts(self) -> int:
        return sum(r.receipts for r in self.methods)

    @property
    def gapless(self) -> bool:
        return all(n.gapless for n in self.numbers)


@dataclass(frozen=True)
class ClosingStamp:
    """Who closed the day and when, and the audit chain's head at that moment."""

    closed_by_name: str
    closed_at: datetime
    audit_seq: int
    audit_hash: str
