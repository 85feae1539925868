"""A branch where a long-standing member has died: the setting of the claims tests.

Loaded as a pytest plugin (``tests/conftest.py``), so its fixture serves every module.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

import pytest

from loket.db.engine import Database
from loket.domain.heirs import Relation
from loket.services import auth, branch
from loket.services.actor import Actor
from loket.services.claims import ChildInput, ClaimInput
from loket.services.participants import get_participant
from loket.services.payments import PaymentLine, pay
from loket.services.registration import HeirInput, RegistrationInput, register_participant
from tests.conftest import FakeClock
from tests.factories import bpu_worker, close_drawer

NOW = FakeClock(datetime(2026, 11, 24, 2, 0, tzinfo=UTC))
JKM_DOCUMENTS = frozenset(
    {"kpj_card", "death_certificate", "heir_ktp", "family_card", "heir_statement", "bank_book"}
)
WITH_SCHOOL = JKM_DOCUMENTS | {"birth_certificate", "school_statement"}


@dataclass
class Branch:
    db: Database
    staff: Actor
    supervisor: Actor
    head: Actor
    passwords: dict[str, str]
    participant_id: int
    heirs: dict[str, int]  # name → heir id


def at(year: int, month: int, day: int = 10) -> FakeClock:
    return FakeClock(datetime(year, month, day, 2, 0, tzinfo=UTC))


def member_since_2022(db: Database, staff: Actor, worker: RegistrationInput) -> int:
    """Registers ``worker`` on 1 September 2022 and pays every month since, to December
    2026; returns the participant's id."""
    pid = register_participant(db, staff, worker, clock=at(2022, 9, 1)).participant_id
    for when, months in (
        (at(2022, 9), 12),
        (at(2023, 8), 12),
        (at(2024, 8), 12),
        (at(2025, 8), 12),
        (at(2026, 8), 4),
    ):
        pay(db, staff, [PaymentLine(pid, months)], method="cash", tendered=10**7, clock=when)
        close_drawer(db, staff, when)
    return pid


WIDOW = HeirInput("Nur Aini", Relation.SPOUSE, "6371054505900002", date(1990, 5, 5))


def paid_through_august(
    o: Branch, serial: int, heirs: tuple[HeirInput, ...] = (WIDOW,), name: str = "Budi Santoso"
) -> int:
    """A worker registered in September 2024 who paid to August 2026 and no further."""
    worker = bpu_worker(serial=serial, full_name=name, heirs=heirs)
    pid = register_participant(o.db, o.staff, worker, clock=at(2024, 9, 1)).participant_id
    for when in (at(2024, 9), at(2025, 9)):
        pay(o.db, o.staff, [PaymentLine(pid, 12)], method="cash", tendered=10**7, clock=when)
        close_drawer(o.db, o.staff, when)
    return pid


@pytest.fixture
def office(any_demo: tuple[Database, dict[str, str]]) -> Branch:
    """Ahmad Fauzi, a member since September 2022 who paid every month, has died; his
    widow, two children at school and his mother are recorded."""
    db, pw = any_demo
    counter = branch.list_counters(db)[0].id
    staff = auth.login(db, "petugas", pw["petugas"], counter)
    heirs = (
        HeirInput("Siti Aminah", Relation.SPOUSE, "6371054505900002", date(1990, 5, 5)),
        HeirInput("Rina", Relation.CHILD, "", date(2014, 3, 10), "SMP"),
        HeirInput("Dimas", Relation.CHILD, "", date(2018, 6, 1), "SD"),
        HeirInput("Hj. Masitah", Relation.PARENT, "6371054107650003", date(1965, 7, 1)),
    )
    pid = member_since_2022(db, staff, bpu_worker(heirs=heirs))
    ids = {h.name: h.id for h in get_participant(db, staff, pid).heirs}
    return Branch(
        db,
        staff,
        auth.login(db, "supervisor", pw["supervisor"], counter),
        auth.login(db, "kepala", pw["kepala"], counter),
        pw,
        pid,
        ids,
    )


def jkm_claim(o: Branch, **changes: object) -> ClaimInput:
    base = ClaimInput(
        participant_id=o.participant_id,
        benefit="JKM",
        event_date=date(2026, 11, 2),
        cause="Sakit (stroke)",
        claimant_heir_id=o.heirs["Siti Aminah"],
        bank_name="Bank Kalsel",
        bank_account="0123-456-789",
        account_holder="Siti Aminah",
        documents=WITH_SCHOOL,
        children=(
            ChildInput("Rina", date(2014, 3, 10), "SMP", 1),
            ChildInput("Dimas", date(2018, 6, 1), "SD", 3),
        ),
    )
    return replace(base, **changes)  # type: ignore[arg-type]
