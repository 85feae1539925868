"""Every outbox event's payload, typed once: what the branch builds and the central server
accepts.

An event's payload is ``{"entity": …, "by": …}`` (the audit entry's entity and the user who
acted) plus the fields of its type below. Each field has its type, its length or range and,
where there is one, its enumeration; no field outside its type's table is allowed, and no
text holds a control character. The branch checks every payload it writes against this
table (``services.outbox``), so what it sends is what the server reads; the server checks
every payload it receives (``server.checks``) before anything of it is stored, and refuses
one that does not fit — that event alone, with the field's path in the reason.

The lengths are the server's (and the branch's) columns: a payload that fits here fits
every table it is written to.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from loket.domain.benefits.common import BenefitType
from loket.domain.claim_status import ClaimStatus
from loket.domain.registration import Program, Segment
from loket.domain.states import PaymentMethod
from loket.domain.text import has_control_characters

MAX_AMOUNT = 10**13  # Rp10 trillion: more than any one receipt, claim or day
# receipts, registrations, claims in one day or one event: twenty of them (an object's most
# keys) add up to less than 2³¹, the server's INTEGER columns
MAX_COUNT = 10**8
MAX_ID = 2**62  # row ids and sequence numbers (BIGINT with room)

ROLES = ("staff", "supervisor", "head", "admin")  # services.actor.Role, checked by a test
PAYMENT_METHODS = tuple(PaymentMethod)
SEGMENTS = tuple(s.value for s in Segment)
BENEFITS = tuple(b.value for b in BenefitType)
CLAIM_STATUSES = tuple(s.value for s in ClaimStatus)


class InvalidPayload(ValueError):
    """The first thing wrong with a payload, naming its field: ``payload.new.segment: …``."""

    def __init__(self, path: str, problem: str) -> None:
        self.path, self.problem = path, problem
        super().__init__(f"payload.{path}: {problem}" if path else f"payload: {problem}")


def _at(path: str, key: object) -> str:
    return f"{path}.{key}" if path else str(key)


class Spec:
    def check(self, value: Any, path: str) -> None:
        raise NotImplementedError


@dataclass(frozen=True)
class Text(Spec):
    max_length: int
    min_length: int = 1
    pattern: str | None = None  # the whole text must match
    choices: tuple[str, ...] = ()
    what: str = ""  # how the pattern is said in a refusal

    def check(self, value: Any, path: str) -> None:
        if not isinstance(value, str):
            raise InvalidPayload(path, "must be text")
        if len(value) < self.min_length:
            raise InvalidPayload(path, "missing" if not value else "too short")
        if len(value) > self.max_length:
            raise InvalidPayload(path, f"longer than {self.max_length} characters")
        if self.choices and value not in self.choices:
            raise InvalidPayload(path, f"must be one of {', '.join(self.choices)}")
        if self.pattern and not re.fullmatch(self.pattern, value):
            raise InvalidPayload(path, f"must be {self.what or self.pattern}")
        if has_control_characters(value, multiline=True):
            raise InvalidPayload(path, "contains a control character (e.g. NUL)")


@dataclass(frozen=True)
class Whole(Spec):
    low: int
    high: int
    what: str = "a whole number"

    def check(self, value: Any, path: str) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidPayload(path, f"must be {self.what}")
        if not self.low <= value <= self.high:
            raise InvalidPayload(path, f"must be between {self.low} and {self.high}")


@dataclass(frozen=True)
class Day(Spec):
    def check(self, value: Any, path: str) -> None:
        if not isinstance(value, str) or len(value) != 10:
            raise InvalidPayload(path, "must be a date YYYY-MM-DD")
        try:
            date.fromisoformat(value)
        except ValueError:
            raise InvalidPayload(path, "must be a date YYYY-MM-DD") from None


@dataclass(frozen=True)
class Instant(Spec):
    """An instant with its offset, as ``datetime.isoformat`` writes it."""

    def check(self, value: Any, path: str) -> None:
        problem = "must be an instant YYYY-MM-DDTHH:MM:SS+HH:MM"
        if not isinstance(value, str) or len(value) > 40:
            raise InvalidPayload(path, problem)
        try:
            at = datetime.fromisoformat(value)
        except ValueError:
            raise InvalidPayload(path, problem) from None
        if at.tzinfo is None or not 1900 <= at.year <= 2100:
            raise InvalidPayload(path, problem)


@dataclass(frozen=True)
class Flag(Spec):
    def check(self, value: Any, path: str) -> None:
        if not isinstance(value, bool):
            raise InvalidPayload(path, "must be true or false")


@dataclass(frozen=True)
class Nullable(Spec):
    inner: Spec

    def check(self, value: Any, path: str) -> None:
        if value is not None:
            self.inner.check(value, path)


@dataclass(frozen=True)
class ListOf(Spec):
    item: Spec
    max_items: int

    def check(self, value: Any, path: str) -> None:
        if not isinstance(value, list):
            raise InvalidPayload(path, "must be a list")
        if len(value) > self.max_items:
            raise InvalidPayload(path, f"more than {self.max_items} items")
        for i, item in enumerate(value):
            self.item.check(item, f"{path}[{i}]")


@dataclass(frozen=True)
class MapOf(Spec):
    """An object whose keys are data (a segment, a benefit): each key and value checked."""

    key: Text
    value: Spec
    max_items: int = 20

    def check(self, value: Any, path: str) -> None:
        if not isinstance(value, dict):
            raise InvalidPayload(path, "must be an object")
        if len(value) > self.max_items:
            raise InvalidPayload(path, f"more than {self.max_items} keys")
        for k, v in value.items():
            self.key.check(k, path)
            self.value.check(v, _at(path, k))


@dataclass(frozen=True)
class Obj(Spec):
    """An object with these fields and no other: ``optional`` ones may be absent."""

    required: Mapping[str, Spec]
    optional: Mapping[str, Spec] = field(default_factory=dict)

    def check(self, value: Any, path: str) -> None:
        if not isinstance(value, dict):
            raise InvalidPayload(path, "must be an object")
        for name, spec in self.required.items():
            if name not in value:
                raise InvalidPayload(_at(path, name), "missing")
            spec.check(value[name], _at(path, name))
        for name, item in value.items():
            if name in self.required:
                continue
            known = self.optional.get(name)
            if known is None:
                raise InvalidPayload(_at(path, name), "not a field of this event")
            known.check(item, _at(path, name))


@dataclass(frozen=True)
class Scalar(Spec):
    """A setting's value: null, true/false, a whole number, short text, or a short list of
    those."""

    def check(self, value: Any, path: str) -> None:
        if isinstance(value, list):
            ListOf(_SCALAR_ITEM, 50).check(value, path)
        else:
            _SCALAR_ITEM.check(value, path)


@dataclass(frozen=True)
class _ScalarItem(Spec):
    def check(self, value: Any, path: str) -> None:
        if value is None or isinstance(value, bool):
            return
        if isinstance(value, int):
            Whole(-(2**62), 2**62).check(value, path)
        elif isinstance(value, str):
            Text(500, min_length=0).check(value, path)
        else:
            raise InvalidPayload(path, "must be text, a whole number, true/false or null")


_SCALAR_ITEM = _ScalarItem()

# -- the pieces -------------------------------------------------------------------------

MONEY = Whole(0, MAX_AMOUNT, "a whole number of rupiah")
SIGNED_MONEY = Whole(-MAX_AMOUNT, MAX_AMOUNT, "a whole number of rupiah")
COUNT = Whole(0, MAX_COUNT)
ROW_ID = Whole(1, MAX_ID)
KPJ = Text(11, pattern=r"\d{11}", what="11 digits")
NIK = Text(16, pattern=r"\d{16}", what="16 digits")
SHA256 = Text(64, pattern=r"[0-9a-f]{64}", what="64 hexadecimal digits")
BRANCH = Text(8, min_length=2, pattern=r"[A-Z0-9]{2,8}", what="a branch code")
USERNAME = Text(64)  # the server's column (a branch's user names are shorter)
FULL_NAME = Text(150)
NOTE = Text(500, min_length=0)
PROGRAMS = Text(
    40, pattern=r"(JKK|JKM|JHT)(,(JKK|JKM|JHT))*", what=f"programs such as {Program.JKK},JKM"
)


def _number(kind: str) -> Text:
    return Text(32, pattern=rf"{kind}/[A-Z0-9]{{2,8}}/\d{{4}}/\d{{6}}", what=f"{kind}/…")


RECEIPT_NUMBER, CLAIM_NUMBER, HANDOVER_NUMBER = _number("KW"), _number("KL"), _number("BA")

# The participant's fields a correction may carry (old and new values), by name.
_CORRECTION_FIELDS: dict[str, Spec] = {
    "nik": NIK,
    "full_name": FULL_NAME,
    "birth_date": Day(),
    "sex": Text(1, choices=("L", "P")),
    "birth_place": Text(100, min_length=0),
    "address": Text(500, min_length=0),
    "regency": Text(100, min_length=0),
    "province_code": Text(2, pattern=r"\d{2}", what="2 digits"),
    "phone": Text(20, min_length=0),
    "email": Text(254, min_length=0),
    "occupation": Text(40, min_length=0),
    "declared_income": Nullable(MONEY),
}
_CHANGES = Obj({}, _CORRECTION_FIELDS)

_CLAIM_FIGURES = Obj(
    {},
    {
        "approved": COUNT,
        "rejected": COUNT,
        "approved_amount": MONEY,
        "paid": COUNT,
        "paid_amount": MONEY,
    },
)
_DAY_SUMMARY = Obj(
    {
        "receipts": COUNT,
        "paid": MONEY,
        "relief": MONEY,
        "cash_difference": SIGNED_MONEY,
    },
    {
        "branch": BRANCH,
        "first": Day(),
        "last": Day(),
        "programs": MapOf(
            Text(8, choices=tuple(p.value for p in Program)),
            Obj({}, {"program": Text(8), "normal": MONEY, "relief": MONEY, "paid": MONEY}),
        ),
        "methods": MapOf(
            Text(10, choices=PAYMENT_METHODS), Obj({}, {"receipts": COUNT, "amount": MONEY})
        ),
        "voids": COUNT,
        "voided_amount": MONEY,
        "registrations": MapOf(Text(8, choices=SEGMENTS), COUNT),
        "claims": MapOf(Text(16, choices=BENEFITS), _CLAIM_FIGURES),
        "handovers": COUNT,
        "receipt_numbers": ListOf(
            Obj(
                {},
                {
                    "year": Whole(2000, 9999),
                    "first": RECEIPT_NUMBER,
                    "last": RECEIPT_NUMBER,
                    "issued": COUNT,
                    "gapless": Flag(),
                },
            ),
            100,
        ),
    },
)

_CLAIM: dict[str, Spec] = {
    "number": CLAIM_NUMBER,
    "participant_id": ROW_ID,
    "kpj": KPJ,
    "benefit": Text(16, choices=BENEFITS),
    "status": Text(16, choices=CLAIM_STATUSES),
    "total": MONEY,
}


_RECEIPT_ISSUED: dict[str, Spec] = {
    "number": RECEIPT_NUMBER,
    "total": MONEY,
    "method": Text(10, choices=PAYMENT_METHODS),
    "lines": ListOf(
        Obj({"kpj": KPJ, "from": Day(), "to": Day(), "amount": MONEY}, {"relief": MONEY}),
        1000,
    ),
}


def _claim(**extra: Spec) -> tuple[dict[str, Spec], dict[str, Spec]]:
    return _CLAIM, {"note": NOTE, **extra}


_COUNTER = Text(60)
_BRANCH_FIELDS = Obj(
    {}, {"name": Text(120), "address": Text(500, min_length=0), "phone": Text(40, min_length=0)}
)
_QUEUE_SERVICE = Obj(
    {}, {"name": Text(80, min_length=0), "daily_quota": Whole(0, 100_000), "active": Flag()}
)

# type → (required fields, optional fields), besides "entity" and "by"
PAYLOADS: dict[str, tuple[dict[str, Spec], dict[str, Spec]]] = {
    "branch.initialized": (
        {
            "code": BRANCH,
            "name": Text(120),
            "province": Text(2, pattern=r"\d{2}", what="2 digits"),
            "kpj_prefix": Nullable(Text(3, pattern=r"\d{3}", what="3 digits")),
        },
        {},
    ),
    "branch.updated": ({"old": _BRANCH_FIELDS, "new": _BRANCH_FIELDS}, {}),
    "branch.kpj_prefix_set": (
        {"old": Nullable(Text(3, pattern=r"\d{3}")), "new": Text(3, pattern=r"\d{3}")},
        {},
    ),
    "counter.added": ({"number": Whole(1, 999), "name": _COUNTER}, {}),
    "counter.renamed": ({"number": Whole(1, 999), "old": _COUNTER, "new": _COUNTER}, {}),
    "counter.retired": ({"number": Whole(1, 999)}, {"name": _COUNTER}),
    "counter.reopened": ({"number": Whole(1, 999)}, {"name": _COUNTER}),
    "counter.printer_set": (
        {"printer": Text(200, min_length=0), "paper": Text(16, min_length=0)},
        {"number": Whole(1, 999)},
    ),
    "user.created": (
        {"username": USERNAME, "full_name": Text(120), "role": Text(16, choices=ROLES)},
        {},
    ),
    "user.enabled": ({"username": USERNAME}, {}),
    "user.disabled": ({"username": USERNAME}, {}),
    "user.role_changed": (
        {"username": USERNAME, "from": Text(16, choices=ROLES), "to": Text(16, choices=ROLES)},
        {},
    ),
    "user.password_reset": ({"username": USERNAME}, {}),
    "user.password_changed": ({"username": USERNAME}, {}),
    "setting.changed": ({"old": Scalar(), "new": Scalar()}, {}),
    "sponsor.added": (
        {
            "kind": Text(16, choices=("person", "organisation")),
            "name": Text(150),
            "funding": Text(8, choices=("private", "APBN", "APBD")),
        },
        {},
    ),
    "participant.registered": (
        {
            "kpj": KPJ,
            "nik": NIK,
            "full_name": FULL_NAME,
            "birth_date": Day(),
            "segment": Text(8, choices=SEGMENTS),
            "programs": PROGRAMS,
        },
        {
            "sponsor_id": Nullable(ROW_ID),
            "heirs": Whole(0, 100),
            "similar_acknowledged": Flag(),
            # a birth date other than the NIK's, confirmed by a supervisor: the NIK's date
            "nik_date": Day(),
            "date_confirmed_by": USERNAME,
        },
    ),
    "participant.corrected": (
        {"kpj": KPJ, "old": _CHANGES, "new": _CHANGES},
        {"reason": NOTE},
    ),
    "correction.requested": ({"kpj": KPJ, "old": _CHANGES, "new": _CHANGES}, {"reason": NOTE}),
    "correction.approved": (
        {"kpj": KPJ, "old": _CHANGES, "new": _CHANGES},
        {"requested_by": USERNAME, "note": NOTE, "nik_date": Day()},
    ),
    "correction.rejected": (
        {"kpj": KPJ, "old": _CHANGES, "new": _CHANGES},
        {"requested_by": USERNAME, "note": NOTE, "nik_date": Day()},
    ),
    "receipt.issued": (_RECEIPT_ISSUED, {"relief": MONEY}),
    "receipt.reentered": (  # a paper receipt entered again under its number and time
        {
            **_RECEIPT_ISSUED,
            "issued_at": Instant(),
            "approved_by": USERNAME,
        },
        {"relief": MONEY},
    ),
    "receipt.void_requested": ({"number": RECEIPT_NUMBER, "reason": NOTE}, {}),
    "receipt.voided": (
        {"number": RECEIPT_NUMBER},
        {
            "reason": NOTE,
            "requested_by": Nullable(USERNAME),
            "note": NOTE,
            "refunded_in_session": Nullable(ROW_ID),
        },
    ),
    "receipt.void_rejected": (
        {"number": RECEIPT_NUMBER},
        {
            "reason": NOTE,
            "requested_by": Nullable(USERNAME),
            "note": NOTE,
            "refunded_in_session": Nullable(ROW_ID),
        },
    ),
    "cash_session.opened": (
        {"counter": _COUNTER, "business_date": Day(), "float": MONEY},
        {"float_counted": Flag()},
    ),
    "cash_session.closed": (
        {"counter": _COUNTER, "business_date": Day(), "float": MONEY},
        {
            "holder": USERNAME,
            "cash_received": MONEY,
            "cash_refunded": MONEY,
            "expected": SIGNED_MONEY,
            "counted": MONEY,
            "difference": SIGNED_MONEY,
            "reason": Nullable(NOTE),
            "approved_by": Nullable(Text(64, min_length=0)),
            "handed_over_to": Nullable(Text(64, min_length=0)),
        },
    ),
    "day.closed": (
        {
            "business_date": Day(),
            "audit_seq": Whole(0, MAX_ID),
            "audit_head": SHA256,
            "report_sha256": SHA256,
            "summary": _DAY_SUMMARY,
        },
        {},
    ),
    "conflict.resolved": (
        {"conflict_id": Whole(1, 2**31 - 1), "kept_kpj": KPJ},
        {"nik": NIK, "linked_kpj": Nullable(KPJ), "note": NOTE},
    ),
    "queue.service_set": (
        {"prefix": Text(1, pattern=r"[A-Z]", what="one capital letter")},
        {"from": _QUEUE_SERVICE, "to": _QUEUE_SERVICE},
    ),
    "queue.counter_services_set": (
        {"counter": Whole(1, 999), "services": ListOf(Text(1, pattern=r"[A-Z]"), 26)},
        {},
    ),
    "database.backed_up": (
        {"file": Text(255), "size": Whole(0, 2**62), "rotated": COUNT},
        {},
    ),
    "database.restored": (
        {"backup": Text(255), "chain_end": Whole(0, MAX_ID), "outbox_end": Whole(0, MAX_ID)},
        {},
    ),
    "database.recovery_acknowledged": (
        {"backup": Text(255), "receipts": COUNT, "issued_twice": COUNT},
        {},
    ),
    "database.recovered": (
        {},
        {
            "backup": Nullable(Text(255, min_length=0)),
            "events": COUNT,
            "moved": COUNT,
            "receipts": COUNT,
            "issued_twice": ListOf(Text(32), 10_000),
        },
    ),
    # ``continues``: the claim whose rest, held for the arrears at the event, this one pays
    "claim.created": _claim(components=Whole(0, 100), continues=CLAIM_NUMBER),
    "claim.lapse_waived": _claim(),  # a JKK claim past its two years, let through (note: why)
    "claim.edited": _claim(),
    "claim.submitted": _claim(),
    "claim.approved": _claim(),
    "claim.rejected": _claim(),
    "claim.paid": _claim(
        amount=MONEY,
        method=Text(16, pattern=r"[a-z_]+", what="a payout method"),
        reference=Text(64, min_length=0),
    ),
    "claim.handed_over": _claim(handover_number=HANDOVER_NUMBER),
}

EVENT_TYPES = tuple(sorted(PAYLOADS))
_ENVELOPE: dict[str, Spec] = {"entity": Text(120), "by": USERNAME}
_SCHEMAS = {
    kind: Obj(_ENVELOPE | required, optional) for kind, (required, optional) in PAYLOADS.items()
}


def schema(kind: str) -> Obj:
    """The whole payload of an event of type ``kind``, envelope included."""
    return _SCHEMAS[kind]


def check_payload(kind: str, payload: Any) -> None:
    """Raises :class:`InvalidPayload` naming the first field of ``payload`` that is not what
    an event of type ``kind`` carries (or the type, when Loket makes no such event)."""
    schema = _SCHEMAS.get(kind)
    if schema is None:
        raise InvalidPayload("", f"{kind!r} is not an event type Loket sends")
    schema.check(payload, "")
