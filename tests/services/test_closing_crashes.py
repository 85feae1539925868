"""Killing the program while drawers are being closed: each is still open, or closed whole."""

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
from loket.db.models import AuditEntry, CashSession, OutboxEvent
from loket.services import users
from loket.services.actor import Actor
from loket.services.audit import verify_chain

CLOSER = """
import sys
from loket.db.engine import Database
from loket.domain.cash import count_of
from loket.services import auth, branch, cash_sessions
from loket.services.payments import PaymentLine, pay
from loket.services.registration import register_participant
from tests.factories import bpu_worker
db = Database(sys.argv[1])
staff = auth.login(db, "petugas", "crash-test-pass-1", branch.list_counters(db)[0].id)
serial = int(sys.argv[2])
worker = register_participant(db, staff, bpu_worker(serial=serial, full_name=f"Pekerja {serial}"),
                              acknowledge_similar=True).participant_id
i = 0
while True:
    drawer = cash_sessions.current_session(db, staff)
    if drawer is None:
        drawer = cash_sessions.open_session(db, staff, {"note-50000": 2})
    pay(db, staff, [PaymentLine(worker, 1)], method="cash", tendered=100_000)
    drawer = cash_sessions.current_session(db, staff)
    cash_sessions.close_session(db, staff, drawer.id, count_of(drawer.balance.expected))
    i += 1
    print(i, flush=True)
"""


def test_kill_9_leaves_each_drawer_open_or_closed_whole(
    demo: tuple[Database, dict[str, str]], tmp_path: Path
) -> None:
    db, _ = demo
    users.reset_password(db, Actor.command_line(), "petugas", "crash-test-pass-1")
    url = db.url.render_as_string(hide_password=False)
    rng = random.Random(11)
    env = os.environ | {"PYTHONPATH": os.pathsep.join(sys.path)}
    for round_ in range(6):
        proc = subprocess.Popen(
            [sys.executable, "-c", CLOSER, url, str(100 + round_)], stdout=subprocess.PIPE, env=env
        )
        assert proc.stdout is not None
        proc.stdout.readline()  # it has closed one drawer and goes on
        time.sleep(rng.uniform(0.02, 0.3))
        proc.send_signal(signal.SIGKILL)
        proc.wait()

    with db.reader() as s:
        sessions = list(s.scalars(select(CashSession)))
        closed = [cs for cs in sessions if cs.closed_at is not None]
        assert len(closed) >= 6
        assert len(sessions) - len(closed) <= 1  # at most the one it was working in
        # every closed drawer has its count, its figures and its audit entry and event
        assert all(
            cs.counted is not None and cs.counted == cs.expected and cs.closed_by == "petugas"
            for cs in closed
        )
        for table, column in ((AuditEntry, AuditEntry.action), (OutboxEvent, OutboxEvent.type)):
            n = s.scalar(
                select(func.count()).select_from(table).where(column == "cash_session.closed")
            )
            assert n == len(closed)
    assert verify_chain(db).ok
