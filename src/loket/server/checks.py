"""What the server accepts of one event: its payload's shape (``loket.domain.events``, the
table the branch builds its payloads from) and identifiers that belong to the branch sending
it.

Every identifier that carries a branch — receipt numbers ``KW/<branch>/…``, claim numbers
``KL/…``, handover numbers ``BA/…`` and KPJ prefixes (held per branch on the server) — may
only be created or changed by that branch. A problem is the event's, answered as a reason
(``payload.total: must be …``) and nothing of it stored; the events after it go on.
"""

from __future__ import annotations

from typing import Any

from loket.domain.events import InvalidPayload, check_payload

# the events whose numbers must be the sending branch's own, by field
_OWN_NUMBERS = {
    "receipt.issued": ("number",),
    "receipt.reentered": ("number",),
    "receipt.voided": ("number",),
    "receipt.void_requested": ("number",),
    "receipt.void_rejected": ("number",),
    "claim.created": ("number", "continues"),  # a claim continues one of the same branch
    "claim.handed_over": ("number", "handover_number"),
}


class Refused(ValueError):
    """The reason an event is refused, naming the payload's field."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"payload.{field}: {problem}" if field else problem)


def _own(p: dict[str, Any], field: str, code: str) -> None:
    """A branch document number (``KW/BJM/2026/000123``, its shape already checked) must be
    ``code``'s own."""
    owner = str(p[field]).split("/")[1]
    if owner != code:
        raise Refused(field, f"{p[field]} belongs to branch {owner}, not {code}")


def check_event(kind: str, p: Any, code: str, owners: dict[str, str]) -> None:
    """Raises :class:`Refused` with the reason when the server must not take the event;
    ``owners``: KPJ prefix → branch code."""
    try:
        check_payload(kind, p)
    except InvalidPayload as exc:
        raise Refused(exc.path, exc.problem) from None
    for field in _OWN_NUMBERS.get(kind, ("number",) if kind.startswith("claim.") else ()):
        if field in p:
            _own(p, field, code)
    if kind == "participant.registered":
        # a KPJ from no branch's range (the central office's numbers) may come from any branch
        owner = owners.get(p["kpj"][:3])
        if owner is not None and owner != code:
            raise Refused("kpj", f"KPJ {p['kpj']} is in the range of branch {owner}, not {code}")
