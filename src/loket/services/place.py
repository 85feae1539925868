"""Where this install is: its home branch, the local date there (WIB, WITA, WIT), the
letterhead its documents carry, and its counters by number — what every service asks, kept
apart from administering the branch (``services.branch``)."""

from __future__ import annotations

import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from loket.db.engine import Database
from loket.db.models import Branch, Counter
from loket.documents.base import Letterhead
from loket.domain.errors import QT_TRANSLATE_NOOP
from loket.domain.verification import Signer
from loket.services.clock import Clock, system_clock
from loket.services.errors import NotFound
from loket.services.settings import read_setting


def home_branch(session: Session) -> Branch | None:
    return session.scalar(select(Branch).where(Branch.is_home))


def local_date(branch: Branch, instant: datetime) -> date:
    """The calendar date at ``branch`` when ``instant`` happened (WIB, WITA…)."""
    return instant.astimezone(ZoneInfo(branch.timezone)).date()


def today_at_home(db: Database, *, clock: Clock = system_clock) -> date:
    """Today's date at this branch."""
    with db.reader() as session:
        return local_date(require_home_branch(session), clock())


def require_home_branch(session: Session) -> Branch:
    branch = home_branch(session)
    if branch is None:
        raise NotFound(
            QT_TRANSLATE_NOOP(
                "LoketError",
                "Database belum disiapkan: jalankan 'loket-admin init --branch-code …'.",
            )
        )
    return branch


def letterhead(session: Session, branch: Branch, signer: Signer | None = None) -> Letterhead:
    """The head of every document the branch prints: the title setting, the branch's name,
    and its address with its telephone number."""
    address = branch.address
    if branch.phone:
        address = f"{address} · Telp. {branch.phone}" if address else f"Telp. {branch.phone}"
    return Letterhead(read_setting(session, "letterhead_title"), branch.name, address, signer)


def letterhead_to_keep(session: Session, branch: Branch) -> str:
    """The branch's letterhead in words (JSON), kept with a document that may be printed
    again; :func:`letterhead_as_kept` reads it back."""
    head = letterhead(session, branch)
    return json.dumps(
        {"title": head.title, "branch_name": head.branch_name, "address": head.address}
    )


def letterhead_as_kept(
    kept: str, session: Session, branch: Branch, signer: Signer | None = None
) -> Letterhead:
    """The letterhead a document was issued under (:func:`letterhead_to_keep`), or the
    branch's current one when none was kept."""
    if not kept:
        return letterhead(session, branch, signer)
    words = json.loads(kept)
    return Letterhead(words["title"], words["branch_name"], words["address"], signer)


def counter_numbered(session: Session, number: int) -> Counter:
    """The home branch's counter ``number``, or :class:`NotFound` said at the field."""
    branch = require_home_branch(session)
    counter = session.scalar(
        select(Counter).where(Counter.branch_id == branch.id, Counter.number == number)
    )
    if counter is None:
        raise NotFound(
            QT_TRANSLATE_NOOP("LoketError", "Loket nomor {number} tidak ada."),
            field="counter",
            number=number,
        )
    return counter
