"""The coverage tally (``CoverageTally``): participants per coverage base month.

Only BPU participants are counted: they pay at the counter, while PU and JAKON dues are
paid by the employer or the project through the bank (the branch cannot know their
standing). A participant's base is the month of ``paid_through`` or, for one who never
paid, the month before their registration (in the branch's time zone). Whatever inserts
participants or moves their ``paid_through`` calls :func:`bump` in the same transaction;
:func:`recount` rebuilds the tally from the participants (migrations, and the test that
holds the two together).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import delete, insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from loket.db.models import Branch, CoverageTally, Participant, table


def base_month(paid_through: date | None, registered_at: datetime, tz: ZoneInfo) -> date:
    if paid_through is not None:
        return paid_through.replace(day=1)
    registered = registered_at.astimezone(tz).date()
    year, month = (registered.year, registered.month - 1) if registered.month > 1 else (
        registered.year - 1, 12)  # fmt: skip
    return date(year, month, 1)


def home_zone(session: Session) -> ZoneInfo:
    tz = session.scalar(select(Branch.timezone).where(Branch.is_home))
    return ZoneInfo(tz or "Asia/Makassar")


def bump(session: Session, changes: Counter[date]) -> None:
    """Adds ``changes`` (base month → participants, negative to take away) to the tally."""
    rows = [{"base_month": m, "participants": n} for m, n in changes.items() if n]
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    maker = pg_insert if dialect == "postgresql" else sqlite_insert
    stmt = maker(table(CoverageTally))
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=["base_month"],
            set_={"participants": table(CoverageTally).c.participants + stmt.excluded.participants},
        ),
        rows,
    )


def move(session: Session, before: date, after: date) -> None:
    """One participant's base moved (a payment, a void)."""
    if before != after:
        bump(session, Counter({before: -1, after: 1}))


def registered(session: Session, registered_at: Iterable[datetime], tz: ZoneInfo) -> None:
    """Participants newly in, none of whom has paid yet."""
    bump(session, Counter(base_month(None, at, tz) for at in registered_at))


COUNTED = "BPU"  # the segment whose standing the tally follows


def of_participants(session: Session, ids: list[int]) -> Counter[date]:
    """The base months of those of ``ids`` the tally counts (before and after an update
    that may change their segment: the difference is what to bump)."""
    tz = home_zone(session)
    counts: Counter[date] = Counter()
    for start in range(0, len(ids), 10_000):
        for paid, at in session.execute(
            select(Participant.paid_through, Participant.registered_at).where(
                Participant.id.in_(ids[start : start + 10_000]), Participant.segment == COUNTED
            )
        ):
            counts[base_month(paid, at, tz)] += 1
    return counts


def recount(session: Session) -> None:
    """The tally rebuilt from the participants themselves."""
    tz = home_zone(session)
    counts: Counter[date] = Counter()
    for paid, at in session.execute(
        select(Participant.paid_through, Participant.registered_at).where(
            Participant.segment == COUNTED
        )
    ).yield_per(50_000):
        counts[base_month(paid, at, tz)] += 1
    session.execute(delete(table(CoverageTally)))
    if counts:
        session.execute(
            insert(table(CoverageTally)),
            [{"base_month": m, "participants": n} for m, n in sorted(counts.items())],
        )
