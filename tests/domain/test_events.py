"""The event payload table (``loket.domain.events``) agrees with the enumerations the
services use, and says what is wrong at the field."""

from __future__ import annotations

import pytest

from loket.domain import events as ev
from loket.domain.claim_status import ClaimStatus
from loket.services import payments
from loket.services.actor import Role


def test_the_tables_enumerations_are_the_services() -> None:
    assert tuple(r.value for r in Role) == ev.ROLES
    assert ev.PAYMENT_METHODS == payments.METHODS
    # every step a claim records has its event type
    steps = {"created", "edited", "submitted", "paid", "handed_over"}
    steps |= {ClaimStatus.APPROVED.value, ClaimStatus.REJECTED.value}
    assert {f"claim.{s}" for s in steps} <= set(ev.EVENT_TYPES)


CLOSED = {
    "entity": "day:2026-12-03", "by": "kepala", "business_date": "2026-12-03",
    "audit_seq": 41, "audit_head": "a" * 64, "report_sha256": "b" * 64,
    "summary": {"receipts": 3, "paid": 110_400, "relief": 0, "cash_difference": -5_000,
                "registrations": {"BPU": 3}, "claims": {"JKM": {"paid": 1,
                "paid_amount": 42_000_000}}},
}  # fmt: skip


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ({"by": "x" * 65}, "payload.by: longer than 64 characters"),
        ({"summary": {**CLOSED["summary"], "registrations": {"BPU": {"x": 1}}}},
         "payload.summary.registrations.BPU: must be a whole number"),
        ({"summary": {**CLOSED["summary"], "claims": {"JKM": 5}}},
         "payload.summary.claims.JKM: must be an object"),
        ({"summary": {**CLOSED["summary"], "paid": -1}},
         "payload.summary.paid: must be between 0 and 10000000000000"),
        ({"summary": {**CLOSED["summary"], "receipts": 2**31}},
         "payload.summary.receipts: must be between 0 and 100000000"),
        ({"summary": {**CLOSED["summary"], "registrations": {"XX": 1}}},
         "payload.summary.registrations: must be one of BPU, PU, JAKON"),
        ({"audit_head": "A" * 64}, "payload.audit_head: must be 64 hexadecimal digits"),
        ({"extra": 1}, "payload.extra: not a field of this event"),
    ],
)  # fmt: skip
def test_a_closed_day_is_checked_to_its_last_figure(change: dict[str, object], said: str) -> None:
    ev.check_payload("day.closed", CLOSED)  # as the branch sends it
    with pytest.raises(ev.InvalidPayload) as refused:
        ev.check_payload("day.closed", CLOSED | change)
    assert str(refused.value) == said


def test_a_correction_carries_only_the_participants_fields() -> None:
    ok = {"entity": "participant:1", "by": "petugas", "kpj": "63100000015",
          "old": {"full_name": "Ahmad"}, "new": {"full_name": "Ahmad Fauzi"}}  # fmt: skip
    ev.check_payload("participant.corrected", ok)
    for new, said in (
        ({"segment": "BPU-LONGER"}, "payload.new.segment: not a field of this event"),
        ({"programs": "JKK"}, "payload.new.programs: not a field of this event"),
        ({"full_name": None}, "payload.new.full_name: must be text"),
        ({"sex": "X"}, "payload.new.sex: must be one of L, P"),
    ):
        with pytest.raises(ev.InvalidPayload) as refused:
            ev.check_payload("participant.corrected", ok | {"new": new})
        assert str(refused.value) == said


def test_an_unknown_event_type_is_named() -> None:
    with pytest.raises(ev.InvalidPayload, match=r"'user\.teleported' is not an event type"):
        ev.check_payload("user.teleported", {"entity": "user:1", "by": "admin"})
