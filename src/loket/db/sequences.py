"""Gapless numbers: taken inside the transaction that uses them (see ``SequenceCounter``)."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from loket.db.models import SequenceCounter, table

_table = table(SequenceCounter)


def next_number(session: Session, name: str, scope: str = "", year: int = 0) -> int:
    """The next number of sequence ``name`` for ``scope`` and ``year``, starting at 1.

    The UPDATE locks the counter row until the caller's transaction ends, so concurrent
    callers queue; if the caller rolls back, the number is handed out again.
    """
    key = (_table.c.name == name) & (_table.c.scope == scope) & (_table.c.year == year)
    bump = update(_table).where(key).values(value=_table.c.value + 1).returning(_table.c.value)
    value = session.execute(bump).scalar_one_or_none()
    if value is None:
        insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
        session.execute(
            insert(_table)
            .values(name=name, scope=scope, year=year, value=0)
            .on_conflict_do_nothing()
        )
        value = session.execute(bump).scalar_one()
    return int(value)


def current_number(session: Session, name: str, scope: str = "", year: int = 0) -> int:
    """The last number handed out (0 when none was)."""
    row = session.get(SequenceCounter, (name, scope, year))
    return row.value if row else 0


def raise_number(session: Session, name: str, scope: str, year: int, value: int) -> None:
    """Sequence ``name`` goes on after ``value``, never back: numbers handed out elsewhere
    (a restored branch learning what it issued after its backup) are not handed out again."""
    if current_number(session, name, scope, year) >= value:
        return
    if session.get(SequenceCounter, (name, scope, year)) is None:
        next_number(session, name, scope, year)  # creates the counter row
    key = (_table.c.name == name) & (_table.c.scope == scope) & (_table.c.year == year)
    session.execute(update(_table).where(key).values(value=value))
