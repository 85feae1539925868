"""The queue: numbers from the ticket kiosk, calls from the counters, the waiting-room
display, bookings, and the day's waiting and service times.

Numbers are gapless per service and day (``A001``…), taken from a sequence counter inside
the transaction that makes the ticket, so a kiosk and eight counters at once neither skip
nor repeat one (SQLite serialises writers; PostgreSQL locks the counter's row). A counter
calls the next person of the services it serves — a booked person whose slot has come
first, then the priority lane (*prioritas*: elderly, disabled, pregnant), then by its
order of preference, then first come; on PostgreSQL the row is taken ``FOR UPDATE SKIP
LOCKED`` and on both a ticket moves from *waiting* only once, so no one is called to two
counters. Each call takes the next number of the day's call sequence, which the display
reads (a ``NOTIFY loket_queue`` on PostgreSQL wakes it at once; on SQLite it polls that
one number). Tickets are not personal data: no name, no NIK, a booking code at most.
Queue movements are operational records, not audited one by one; the services, quotas
and which counter serves what are audited changes.
"""

from loket.services.queue.board import (
    CallWatcher,
    calls_after,
    last_call_seq,
    snapshot,
    ticket_links,
)
from loket.services.queue.common import (
    CHANNEL,
    RATING_WINDOW,
    Call,
    CounterQueue,
    QuotaReached,
    ServiceInfo,
    TicketInfo,
)
from loket.services.queue.counter import (
    call_next,
    counter_queue,
    finish,
    rate_last_service,
    recall,
    set_paused,
    set_priority,
    skip,
    transfer,
)
from loket.services.queue.figures import QueueDay, QueueFigures, day_figures, period_figures
from loket.services.queue.setup import configure_service, counter_services, set_counter_services
from loket.services.queue.tickets import issue_ticket, list_services, ticket_document

__all__ = [
    "CHANNEL",
    "RATING_WINDOW",
    "Call",
    "CallWatcher",
    "CounterQueue",
    "QueueDay",
    "QueueFigures",
    "QuotaReached",
    "ServiceInfo",
    "TicketInfo",
    "call_next",
    "calls_after",
    "configure_service",
    "counter_queue",
    "counter_services",
    "day_figures",
    "finish",
    "issue_ticket",
    "last_call_seq",
    "list_services",
    "period_figures",
    "rate_last_service",
    "recall",
    "set_counter_services",
    "set_paused",
    "set_priority",
    "skip",
    "snapshot",
    "ticket_document",
    "ticket_links",
    "transfer",
]
