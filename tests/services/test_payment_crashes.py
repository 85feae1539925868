"""Killing the program in the middle of payments: each payment is all there or not at all."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from loket.db.engine import Database
from loket.db.models import AuditEntry, Contribution, OutboxEvent, Receipt
from loket.services import auth, branch, users
from loket.services.actor import Actor
from loket.services.audit import verify_chain
from loket.services.registration import register_participant
from tests.factories import bpu_worker

PAYER = """
import sys
from loket.db.engine import Database
from loket.services import auth, branch
from loket.services.payments import PaymentLine, pay
db = Database(sys.argv[1])
staff = auth.login(db, "petugas", "crash-test-pass-1", branch.list_counters(db)[0].id)
ids = [int(x) for x in sys.argv[2].split(",")]
i = 0
while True:
    pay(db, staff, [PaymentLine(ids[i % len(ids)], 1), PaymentLine(ids[(i + 1) % len(ids)], 2)],
        method="qris", reference=f"{sys.argv[3]}-{i}")
    i += 1
    print(i, flush=True)
"""


def test_kill_9_leaves_whole_payments_and_gapless_numbers(
    demo: tuple[Database, dict[str, str]], tmp_path: Path
) -> None:
    db, _ = demo
    users.reset_password(db, Actor.command_line(), "petugas", "crash-test-pass-1")
    staff = auth.login(db, "petugas", "crash-test-pass-1", branch.list_counters(db)[0].id)
    ids = [
        register_participant(
            db, staff, bpu_worker(serial=i, full_name=f"Pekerja {i}"), acknowledge_similar=True
        ).participant_id
        for i in range(1, 4)
    ]
    url = db.url.render_as_string(hide_password=False)
    rng = random.Random(7)
    env = os.environ | {"PYTHONPATH": os.pathsep.join(sys.path)}
    for round_ in range(8):
        proc = subprocess.Popen(
            [sys.executable, "-c", PAYER, url, ",".join(map(str, ids)), f"R{round_}"],
            stdout=subprocess.PIPE,
            env=env,
        )
        assert proc.stdout is not None
        proc.stdout.readline()  # it is paying
        time.sleep(rng.uniform(0.05, 0.4))
        proc.send_signal(signal.SIGKILL)
        proc.wait()

    with db.reader() as s:
        receipts = s.execute(select(Receipt.id, Receipt.seq)).all()
        assert len(receipts) >= 8
        assert sorted(seq for _, seq in receipts) == list(range(1, len(receipts) + 1))
        # every receipt whole: 2 people × 3 programs (in one or more runs of months priced
        # alike), adding up to its total
        per_receipt = {
            rid: (len(set(pairs)), total)
            for rid, pairs, total in (
                (
                    rid,
                    s.execute(
                        select(Contribution.participant_id, Contribution.program).where(
                            Contribution.receipt_id == rid
                        )
                    ).all(),
                    s.scalar(
                        select(func.sum(Contribution.amount)).where(Contribution.receipt_id == rid)
                    ),
                )
                for rid, _ in receipts
            )
        }
        totals = dict(s.execute(select(Receipt.id, Receipt.total)).all())
        assert all(per_receipt[rid] == (6, totals[rid]) for rid, _ in receipts)
        issued = s.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.action == "receipt.issued")
        )
        events = s.scalar(
            select(func.count())
            .select_from(OutboxEvent)
            .where(OutboxEvent.type == "receipt.issued")
        )
        assert issued == events == len(receipts)
    assert verify_chain(db).ok
