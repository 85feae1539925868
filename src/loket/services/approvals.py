"""What waits for a supervisor's decision, in one count (the navigation's badge)."""

from __future__ import annotations

from loket.db.engine import Database
from loket.services.actor import Actor
from loket.services.claims import claims_to_decide
from loket.services.corrections import pending_corrections
from loket.services.receipts import pending_voids
from loket.services.sync import list_conflicts


def waiting_decisions(db: Database, actor: Actor) -> int:
    """Claims, data corrections, receipt voids and NIK conflicts waiting for a decision."""
    return (
        claims_to_decide(db, actor)
        + len(pending_corrections(db, actor))
        + len(pending_voids(db, actor))
        + sum(1 for c in list_conflicts(db, actor) if not c.local_choice)
    )
