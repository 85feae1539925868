"""A claim's statuses and the one table of what may be done in each: the services check it
before every step and the screens show only the buttons it allows."""

from __future__ import annotations

from enum import StrEnum


class ClaimStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"  # waiting for a supervisor's decision
    APPROVED = "approved"
    REJECTED = "rejected"  # back to the staff, who may change it and submit again
    PAID = "paid"
    HANDED_OVER = "handed_over"


class ClaimAction(StrEnum):
    EDIT = "edit"
    SUBMIT = "submit"
    DECIDE = "decide"  # approve or reject (four eyes)
    PAY = "pay"
    HAND_OVER = "hand_over"
    PRINT_HANDOVER = "print_handover"  # the berita acara serah terima


ACTIONS: dict[ClaimStatus, frozenset[ClaimAction]] = {
    ClaimStatus.DRAFT: frozenset({ClaimAction.EDIT, ClaimAction.SUBMIT}),
    ClaimStatus.SUBMITTED: frozenset({ClaimAction.DECIDE}),
    ClaimStatus.APPROVED: frozenset({ClaimAction.PAY}),
    ClaimStatus.REJECTED: frozenset({ClaimAction.EDIT}),
    ClaimStatus.PAID: frozenset({ClaimAction.HAND_OVER}),
    ClaimStatus.HANDED_OVER: frozenset({ClaimAction.PRINT_HANDOVER}),
}

# A claim that still counts: everything but a rejection, which the staff may still change.
LIVE = frozenset(ClaimStatus) - {ClaimStatus.REJECTED}
# Approved or later: the benefit is granted.
GRANTED = frozenset({ClaimStatus.APPROVED, ClaimStatus.PAID, ClaimStatus.HANDED_OVER})


def allows(status: ClaimStatus | str, action: ClaimAction) -> bool:
    return action in ACTIONS[ClaimStatus(status)]
