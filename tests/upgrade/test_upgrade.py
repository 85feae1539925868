"""A branch upgrades from the previous release without losing a record (issue 17).

Loket 0.1.0 — its wheel kept here, built from the tag ``v0.1.0`` — is installed on the
side and makes a branch's data with its own services (``make_0_1_0_data.py``); the
current code then opens that database: it is backed up and migrated, and every record
and the audit chain must come through, the users log in with their passwords, and the
numbering goes on without a gap. The old release, opened on the upgraded database,
refuses it with a clear message."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from loket.db.engine import Database, sqlite_path
from loket.db.migrate import current_revision, foreign_objects, head_revision, open_database
from loket.db.models import AuditEntry, OutboxEvent, Participant, Receipt
from loket.services import audit, auth, branch
from loket.services.claims import get_claim, list_claims
from loket.services.payments import PaymentLine, pay
from loket.services.receipts import receipt_document
from tests.conftest import FakeClock
from tests.pdf_reading import pdf_text
from tests.pg_cluster import Cluster

HERE = Path(__file__).parent
WHEEL = HERE / "loket-0.1.0-py3-none-any.whl"


@pytest.fixture(scope="module")
def release_0_1_0(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Loket 0.1.0 installed into a folder of its own (its dependencies are ours)."""
    target = tmp_path_factory.mktemp("loket-0.1.0")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
         "--target", str(target), str(WHEEL)],
        check=True,
    )  # fmt: skip
    return target


def old_release(release: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *argv], capture_output=True, text=True, timeout=300, cwd=release
    )


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'loket.db'}"
    cluster: Cluster = request.getfixturevalue("pg_cluster")
    return cluster.create_database()


def test_the_previous_release_s_data_comes_through_the_upgrade_whole(
    release_0_1_0: Path, url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # where a dump goes
    made = old_release(release_0_1_0, str(HERE / "make_0_1_0_data.py"), str(release_0_1_0), url)
    assert made.returncode == 0, made.stderr
    old: dict[str, Any] = json.loads(made.stdout)
    assert old["revision"] != head_revision()

    db = open_database(url)  # the upgrade: backed up, then migrated
    try:
        assert current_revision(db) == head_revision()
        if (path := sqlite_path(url)) is None:  # issue 26, major 9: PostgreSQL too
            dumps = list((tmp_path / "data" / "loket" / "backups").glob("*.before-upgrade-*"))
            assert len(dumps) == 1 and dumps[0].stat().st_size > 0, "no dump before migrating"
        else:
            assert list(path.parent.glob("loket.backup-*.db")), "no copy before migrating"
            # the upgraded file holds what a new one would: a restore takes it (finding 7)
            assert foreign_objects(path) == []
        check_records(db, old)
        check_work_goes_on(db, old)
    finally:
        db.close()

    # 0.1.0 on the upgraded database: refused, with the reason, and the database untouched
    refused = old_release(
        release_0_1_0,
        "-c",
        "import sys; sys.path.insert(0, sys.argv[1]); from loket.cli import main; "
        "sys.exit(main(['user', 'list', '--db', sys.argv[2]]))",
        str(release_0_1_0),
        url,
    )
    assert refused.returncode != 0
    assert "dibuat oleh versi Loket yang lebih baru" in refused.stdout + refused.stderr
    assert "Traceback" not in refused.stderr
    db = open_database(url)
    try:
        assert current_revision(db) == head_revision() and audit.verify_chain(db).ok
    finally:
        db.close()


def check_records(db: Database, old: dict[str, Any]) -> None:
    with db.reader() as s:
        people = {p.kpj: [p.nik, p.full_name] for p in s.scalars(select(Participant))}
        receipts = {r.number: r.total for r in s.scalars(select(Receipt))}
        chain = {e.seq: e.hash for e in s.scalars(select(AuditEntry))}
        events = len(list(s.scalars(select(OutboxEvent.uuid))))
    assert people == old["participants"] and len(people) == 12
    assert receipts == old["receipts"] and len(receipts) == 12 * 4
    # every entry the old release wrote is there with its hash; the chain verifies
    assert {seq: h for seq, h in old["audit"]} == {s: chain[s] for s, _ in old["audit"]}
    assert audit.verify_chain(db).ok
    assert events >= old["events"]
    number, payable, handover = old["claim"]
    counter = branch.list_counters(db)[0].id
    staff = auth.login(db, "petugas", old["passwords"]["petugas"], counter)
    [found] = [c for c in list_claims(db, staff) if c.number == number]
    claim = get_claim(db, staff, found.id)
    assert (claim.status, claim.paid_amount, claim.handover_number) == (
        "handed_over",
        payable,
        handover,
    )
    # an old receipt prints again (a copy) with the current code
    with db.reader() as s:
        first = s.scalar(select(Receipt.id).where(Receipt.number == "KW/BJM/2022/000001"))
    assert first is not None
    assert "KW/BJM/2022/000001" in pdf_text(receipt_document(db, staff, first))


def check_work_goes_on(db: Database, old: dict[str, Any]) -> None:
    """Every user logs in with the password they had; the next receipt of 2025 follows
    the old release's last one."""
    counter = branch.list_counters(db)[0].id
    for username, password in old["passwords"].items():
        assert auth.login(db, username, password, counter).username == username
    staff = auth.login(db, "petugas", old["passwords"]["petugas"], counter)
    with db.reader() as s:
        pid = s.scalar(select(Participant.id).order_by(Participant.id))
        last_2025 = max(n for n in s.scalars(select(Receipt.number)) if "/2025/" in n)
    assert pid is not None
    clock: Callable[[], datetime] = FakeClock(datetime(2025, 9, 10, 2, 0, tzinfo=UTC))
    paid = pay(db, staff, [PaymentLine(pid, 1)], method="cash", tendered=10**6, clock=clock)
    assert paid.number == f"KW/BJM/2025/{int(last_2025.rsplit('/', 1)[1]) + 1:06d}"
