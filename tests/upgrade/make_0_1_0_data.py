"""Run by ``test_upgrade.py`` under Loket **0.1.0** (its wheel first on ``sys.path``):
makes a branch's worth of data with that release's own services — the demo users,
workers registered and paying over two years, a death benefit claimed, approved, paid
and handed over, a data correction — and prints what it made as JSON. Written against
0.1.0's API; never imports the current code or the tests."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

old, url = Path(sys.argv[1]), sys.argv[2]
sys.path.insert(0, str(old))

import loket  # noqa: E402

assert Path(loket.__file__).is_relative_to(old), loket.__file__  # the old release, not ours
assert loket.__version__ == "0.1.0", loket.__version__

from sqlalchemy import select  # noqa: E402

from loket.db.migrate import current_revision, open_database  # noqa: E402
from loket.db.models import AuditEntry, OutboxEvent, Participant, Receipt  # noqa: E402
from loket.domain.heirs import Relation  # noqa: E402
from loket.domain.nik import compose_nik  # noqa: E402
from loket.services import auth, branch  # noqa: E402
from loket.services.claims import (  # noqa: E402
    ChildInput,
    ClaimInput,
    HandoverInput,
    PayoutInput,
    create_claim,
    decide_claim,
    pay_claim,
    record_handover,
    submit_claim,
)
from loket.services.payments import PaymentLine, pay  # noqa: E402
from loket.services.registration import (  # noqa: E402
    HeirInput,
    RegistrationInput,
    register_participant,
)


def at(year: int, month: int, day: int = 10) -> Callable[[], datetime]:
    return lambda: datetime(year, month, day, 2, 0, tzinfo=UTC)


db = open_database(url)
passwords = branch.create_demo(db, clock=at(2022, 8, 1))
counter = branch.list_counters(db)[0].id
staff = auth.login(db, "petugas", passwords["petugas"], counter)
head = auth.login(db, "kepala", passwords["kepala"], counter)

workers = []
for i in range(1, 13):
    born = date(1975 + i, 1 + i % 12, 1 + i)
    heirs = (
        (
            HeirInput("Siti Aminah", Relation.SPOUSE, "6371054505900002", date(1990, 5, 5)),
            HeirInput("Rina", Relation.CHILD, "", date(2014, 3, 10), "SMP"),
            HeirInput("Hj. Masitah", Relation.PARENT, "6371054107650003", date(1965, 7, 1)),
        )
        if i == 1
        else ()
    )
    worker = RegistrationInput(
        nik=compose_nik("637101", born, "L" if i % 3 else "P", i),
        full_name=f"Pekerja Lama {i}",
        birth_place="Banjarmasin",
        birth_date=born,
        sex="L" if i % 3 else "P",
        address=f"Jl. Pramuka No. {i}, Banjarmasin Timur",
        province_code="63",
        regency="Kota Banjarmasin",
        phone=f"0812510{i:05d}",
        occupation="ojek",
        declared_income=1_000_000,
        programs=frozenset({"JKK", "JKM", "JHT"}),
        heirs=heirs,
    )
    made = register_participant(db, staff, worker, acknowledge_similar=True, clock=at(2022, 9, 1))
    workers.append(made.participant_id)
    for when, months in ((at(2022, 9), 12), (at(2023, 8), 12), (at(2024, 8), 12), (at(2025, 8), 8)):
        method = "cash" if i % 2 else "transfer"
        pay(
            db,
            staff,
            [PaymentLine(made.participant_id, months)],
            method=method,
            tendered=10**7 if method == "cash" else None,
            reference="" if method == "cash" else f"TRF-{i}-{when().year}",
            clock=when,
        )

claim_id = create_claim(
    db,
    staff,
    ClaimInput(
        participant_id=workers[0],
        benefit="JKM",
        event_date=date(2026, 3, 2),
        cause="Sakit (stroke)",
        claimant_heir_id=1,
        bank_name="Bank Kalsel",
        bank_account="0123-456-789",
        account_holder="Siti Aminah",
        documents=frozenset(
            {
                "kpj_card",
                "death_certificate",
                "heir_ktp",
                "family_card",
                "heir_statement",
                "bank_book",
                "birth_certificate",
                "school_statement",
            }
        ),
        children=(ChildInput("Rina", date(2014, 3, 10), "SMP", 1),),
    ),
    clock=at(2026, 3, 20),
)
submit_claim(db, staff, claim_id, clock=at(2026, 3, 20))
decide_claim(db, head, claim_id, approve=True, password=passwords["kepala"], clock=at(2026, 3, 21))
with db.reader() as s:
    from loket.db.models import Claim

    claim = s.get(Claim, claim_id)
    payable = claim.payable_now
    claim_number = claim.number
pay_claim(
    db,
    staff,
    claim_id,
    PayoutInput("transfer", payable, "Bank Kalsel", "0123456789", "TRF-KLAIM-1"),
    clock=at(2026, 3, 22),
)
handover = record_handover(
    db,
    staff,
    claim_id,
    HandoverInput(
        date(2026, 3, 22),
        "Kantor Cabang Banjarmasin",
        "Siti Aminah",
        "6371054505900002",
        ("Hj. Masitah",),
    ),
    clock=at(2026, 3, 22),
)

with db.reader() as s:
    out = {
        "revision": current_revision(db),
        "passwords": passwords,
        "participants": {p.kpj: [p.nik, p.full_name] for p in s.scalars(select(Participant))},
        "receipts": {r.number: r.total for r in s.scalars(select(Receipt))},
        "claim": [claim_number, payable, handover],
        "audit": [[e.seq, e.hash] for e in s.scalars(select(AuditEntry).order_by(AuditEntry.seq))],
        "events": len(list(s.scalars(select(OutboxEvent.uuid)))),
    }
db.close()
print(json.dumps(out))
