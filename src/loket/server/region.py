"""The regional office's view: the branches' closed days added up per branch and in total,
for a period, with each branch's registered participants (as of now)."""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, func, select

from loket.domain.bundle import token_hash
from loket.server.schema import branch, branch_day, participant, regional_user


@dataclass(frozen=True)
class BranchFigures:
    code: str
    name: str
    days_closed: int
    last_closed: date | None
    receipts: int
    paid: int
    relief: int
    registrations: int
    claims_paid: int
    claims_paid_amount: int
    cash_difference: int
    participants: int  # registered at the branch, all time


FIGURES = ("days_closed", "receipts", "paid", "relief", "registrations", "claims_paid",
           "claims_paid_amount", "cash_difference", "participants")  # fmt: skip


def summary(conn: Connection, first: date, last: date) -> list[BranchFigures]:
    """Every branch, closed days or not (a branch that closed nothing shows zeros)."""
    d = branch_day.c
    days = {
        row.branch_code: row
        for row in conn.execute(
            select(
                d.branch_code,
                func.count().label("days_closed"),
                func.max(d.business_date).label("last_closed"),
                func.sum(d.receipts).label("receipts"),
                func.sum(d.paid).label("paid"),
                func.sum(d.relief).label("relief"),
                func.sum(d.registrations).label("registrations"),
                func.sum(d.claims_paid).label("claims_paid"),
                func.sum(d.claims_paid_amount).label("claims_paid_amount"),
                func.sum(d.cash_difference).label("cash_difference"),
            )
            .where(d.business_date >= first, d.business_date <= last)
            .group_by(d.branch_code)
        )
    }
    people: dict[str, int] = dict(
        conn.execute(
            select(participant.c.branch_code, func.count()).group_by(participant.c.branch_code)
        ).all()
    )
    out = []
    for code, name in conn.execute(select(branch.c.code, branch.c.name).order_by(branch.c.code)):
        row = days.get(code)

        def n(field: str, row: Any = row) -> int:
            return int(getattr(row, field) or 0) if row is not None else 0

        out.append(
            BranchFigures(
                code, name, n("days_closed"), row.last_closed if row is not None else None,
                n("receipts"), n("paid"), n("relief"), n("registrations"), n("claims_paid"),
                n("claims_paid_amount"), n("cash_difference"), int(people.get(code, 0)),
            )
        )  # fmt: skip
    return out


def as_json(first: date, last: date, rows: list[BranchFigures]) -> dict[str, Any]:
    return {
        "first": first.isoformat(),
        "last": last.isoformat(),
        "branches": [
            {**asdict(r), "last_closed": r.last_closed.isoformat() if r.last_closed else None}
            for r in rows
        ],
        "total": {f: sum(getattr(r, f) for r in rows) for f in FIGURES},
    }


def regional_reader(conn: Connection, token: str) -> str | None:
    """The active regional user a token belongs to (a branch's token is not one)."""
    return conn.scalar(
        select(regional_user.c.username).where(
            regional_user.c.token_hash == token_hash(token), regional_user.c.active
        )
    )


class Sessions:
    """The regional page's sign-ins, kept by the server: the cookie holds a random session
    id and nothing else, signing out ends the session here (a cookie captured before then
    no longer works), and a restart asks every reader to sign in again."""

    NAME = "loket_region"
    LIFETIME = 8 * 3600

    def __init__(self) -> None:
        self._open: dict[str, tuple[str, float]] = {}  # session id → (username, expiry)
        self._lock = threading.Lock()

    def issue(self, username: str) -> str:
        session_id = secrets.token_urlsafe(32)
        with self._lock:
            now = time.time()
            self._open = {k: v for k, v in self._open.items() if v[1] > now}  # the expired go
            self._open[session_id] = (username, now + self.LIFETIME)
        return session_id

    def reader(self, session_id: str | None) -> str | None:
        with self._lock:
            found = self._open.get(session_id or "")
        if found is None or found[1] < time.time():
            return None
        return found[0]

    def end(self, session_id: str | None) -> None:
        with self._lock:
            self._open.pop(session_id or "", None)
