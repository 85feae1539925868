"""The states Loket's records pass through, each one enum (as ``claim_status`` is for
claims): the services, the screens and the central server compare against these, never
against a string typed again. The values are what the database and the events hold."""

from __future__ import annotations

from enum import StrEnum


class TicketStatus(StrEnum):
    """A queue number: waiting, called to a counter, then served or gone."""

    WAITING = "waiting"
    CALLED = "called"
    DONE = "done"
    NO_SHOW = "no_show"


OPEN_TICKETS = (TicketStatus.WAITING, TicketStatus.CALLED)  # still in the hall


class VoidStatus(StrEnum):
    """A receipt: standing, its void asked for (four eyes), or void."""

    NONE = ""
    REQUESTED = "requested"
    VOID = "void"


class PaymentMethod(StrEnum):
    """How dues are paid at the counter; a claim's payout uses transfer or cash."""

    CASH = "cash"
    TRANSFER = "transfer"
    QRIS = "qris"


class ParticipantStatus(StrEnum):
    """A participant: a member here, or linked to the KPJ a NIK conflict kept."""

    ACTIVE = "active"
    LINKED = "linked"


class ConflictStatus(StrEnum):
    """A NIK registered at two branches: open until a supervisor keeps one KPJ."""

    OPEN = "open"
    RESOLVED = "resolved"


class CorrectionStatus(StrEnum):
    """A change to a participant's data, waiting for a second person."""

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class EventOutcome(StrEnum):
    """What the central server did with an event a branch sent."""

    APPLIED = "applied"
    REFUSED = "refused"


class SyncState(StrEnum):
    """Where a counter's background sync stands (its status bar)."""

    SYNCING = "syncing"
    ONLINE = "online"
    OFFLINE = "offline"
    REFUSED = "refused"  # the server answered no (a token, a certificate…): said, not retried
    UNCONFIGURED = "unconfigured"
