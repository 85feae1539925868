"""The audit chain and the outbox: every change leaves both; tampering is found."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import delete, select, update

from loket.db.engine import Database
from loket.db.models import AuditEntry, OutboxEvent
from loket.services import audit, users
from loket.services.actor import Actor
from loket.services.outbox import event_as_dict


def _seqs(db: Database) -> list[int]:
    with db.reader() as s:
        return list(s.scalars(select(AuditEntry.seq).order_by(AuditEntry.seq)))


def test_the_demo_leaves_an_intact_chain(demo: tuple[Database, dict[str, str]]) -> None:
    db, _ = demo
    report = audit.verify_chain(db)
    assert report.ok and report.entries == len(_seqs(db)) == 7


def test_an_altered_payload_is_named(demo: tuple[Database, dict[str, str]]) -> None:
    db, _ = demo
    with db.transaction() as s:
        s.execute(update(AuditEntry).where(AuditEntry.seq == 4)
                  .values(payload='{"role":"staff","username":"admin"}'))  # fmt: skip
    report = audit.verify_chain(db)
    assert (report.first_bad_seq, report.problem) == (4, "entry 4 was altered")
    assert report.entries == 3


def test_an_altered_time_is_named(demo: tuple[Database, dict[str, str]]) -> None:
    db, _ = demo
    with db.transaction() as s:
        s.execute(update(AuditEntry).where(AuditEntry.seq == 2)
                  .values(at=datetime(2020, 1, 1, tzinfo=UTC)))  # fmt: skip
    assert audit.verify_chain(db).first_bad_seq == 2


def test_a_removed_entry_is_named(demo: tuple[Database, dict[str, str]]) -> None:
    db, _ = demo
    with db.transaction() as s:
        s.execute(delete(AuditEntry).where(AuditEntry.seq == 3))
    report = audit.verify_chain(db)
    assert (report.first_bad_seq, report.problem) == (3, "entry 3 is missing")


def test_removing_the_last_entries_is_found(demo: tuple[Database, dict[str, str]]) -> None:
    db, _ = demo
    with db.transaction() as s:
        s.execute(delete(AuditEntry).where(AuditEntry.seq >= 5))
    report = audit.verify_chain(db)
    assert report.first_bad_seq == 5 and "end removed" in report.problem


def test_swapped_entries_are_found(demo: tuple[Database, dict[str, str]]) -> None:
    db, _ = demo
    with db.transaction() as s:
        a, b = (s.get(AuditEntry, 2), s.get(AuditEntry, 3))
        assert a and b
        fields = ("at", "username", "action", "entity", "payload", "prev_hash", "hash")
        va, vb = ({f: getattr(e, f) for f in fields} for e in (a, b))
        for f in fields:
            setattr(a, f, vb[f])
            setattr(b, f, va[f])
    report = audit.verify_chain(db)
    assert report.first_bad_seq == 2 and "does not follow" in report.problem


def test_every_change_writes_audit_and_outbox_together(
    demo: tuple[Database, dict[str, str]],
) -> None:
    db, _ = demo
    users.add_user(db, Actor.command_line(), username="budi", full_name="Budi", role="staff",
                   password="kopi-susu-2026")  # fmt: skip
    with db.reader() as s:
        last_action = s.scalars(select(AuditEntry.action).order_by(AuditEntry.seq.desc())).first()
        events = [
            event_as_dict(e) for e in s.scalars(select(OutboxEvent).order_by(OutboxEvent.seq))
        ]
        unsent = s.scalars(select(OutboxEvent).where(OutboxEvent.sent_at.is_(None))).all()
    assert last_action == "user.created"
    assert [e["seq"] for e in events] == list(range(1, 9))  # demo: 7, budi: 1
    assert events[-1]["type"] == "user.created" and events[-1]["branch"] == "BJM"
    assert events[-1]["payload"]["username"] == "budi"
    assert events[-1]["payload"]["by"] == "loket-admin"
    assert len({e["uuid"] for e in events}) == 8
    assert len(unsent) == 8


def test_no_password_or_hash_ever_reaches_the_trail(demo: tuple[Database, dict[str, str]]) -> None:
    db, pw = demo
    with db.reader() as s:
        text = json.dumps([e.payload for e in s.scalars(select(AuditEntry))])
        text += json.dumps([e.payload for e in s.scalars(select(OutboxEvent))])
    assert "argon2" not in text
    assert not any(p in text for p in pw.values())


def test_a_payload_with_a_secret_is_a_programming_error(
    demo: tuple[Database, dict[str, str]],
) -> None:
    db, _ = demo
    with pytest.raises(ValueError, match="secrets"), db.transaction() as s:
        audit.append_audit(s, None, "x", "y", {"new_password": "x"},
                           clock=lambda: datetime.now(UTC))  # fmt: skip


def test_every_column_is_in_the_hash(demo: tuple[Database, dict[str, str]]) -> None:
    db, _ = demo
    with db.transaction() as s:  # who did it, by id: user 2 instead of user 1
        s.execute(update(AuditEntry).where(AuditEntry.seq == 6).values(user_id=2))
    assert audit.verify_chain(db).problem == "entry 6 was altered"


def _rewrite(db: Database, *, version: int, from_seq: int = 1) -> None:
    """What someone who can write the database can do: recompute the chain's hashes."""
    with db.transaction() as s:
        prev = s.scalar(select(AuditEntry.hash).where(AuditEntry.seq == from_seq - 1))
        prev = prev or audit.GENESIS_HASH
        for e in s.scalars(
            select(AuditEntry).where(AuditEntry.seq >= from_seq).order_by(AuditEntry.seq)
        ):
            e.version, e.prev_hash = version, prev
            e.hash = audit.entry_hash(e.seq, e.at, e.username, e.action, e.entity, e.payload,
                                      prev, user_id=e.user_id, version=version)  # fmt: skip
            prev = e.hash


def test_entries_from_before_every_column_was_hashed_still_verify(
    demo: tuple[Database, dict[str, str]],
) -> None:
    db, _ = demo
    _rewrite(db, version=1)  # an older Loket's chain
    assert audit.verify_chain(db).ok
    users.reset_password(db, Actor.command_line(), "petugas", "kata-sandi-baru-1")
    assert audit.verify_chain(db).ok  # new entries are version 2 after them
    _rewrite(db, version=1, from_seq=8)  # a version-2 entry made to look older
    with db.transaction() as s:
        s.execute(update(AuditEntry).where(AuditEntry.seq == 8).values(version=2))
    _rewrite(db, version=1, from_seq=9)
    assert audit.verify_chain(db).ok is False


def test_a_rewritten_chain_passes_alone_but_not_against_its_anchor(
    demo: tuple[Database, dict[str, str]],
) -> None:
    db, _ = demo
    anchor = audit.chain_head(db)
    assert anchor is not None and anchor.seq == 7
    assert audit.verify_against(db, [anchor]).proven_through == 7
    # an entry edited and every later hash recomputed: the chain alone still verifies
    with db.transaction() as s:
        s.execute(update(AuditEntry).where(AuditEntry.seq == 4).values(payload="{}"))
    _rewrite(db, version=2, from_seq=4)
    assert audit.verify_chain(db).ok
    report = audit.verify_against(db, [anchor])
    assert not report.ok and report.problem == (
        "entry 7 differs from what the server saw (chain rewritten)"
    )


def test_the_end_removed_and_the_counter_lowered_is_found_by_the_anchor(
    demo: tuple[Database, dict[str, str]],
) -> None:
    from loket.db.models import SequenceCounter

    db, _ = demo
    anchor = audit.chain_head(db)
    with db.transaction() as s:
        s.execute(delete(AuditEntry).where(AuditEntry.seq == 7))
        s.execute(update(SequenceCounter).where(SequenceCounter.name == "audit").values(value=6))
    assert audit.verify_chain(db).ok  # the attack: alone, nothing shows
    assert "no longer here (chain cut back)" in audit.verify_against(db, [anchor]).problem


def test_the_trail_keeps_a_masked_nik_and_a_keyed_hash_to_match(
    demo: tuple[Database, dict[str, str]], memory_keyring: object
) -> None:
    from loket.keys import store_token
    from loket.services import auth, branch
    from loket.services.registration import register_participant
    from tests.factories import bpu_worker

    db, pw = demo
    staff = auth.login(db, "petugas", pw["petugas"], branch.list_counters(db)[0].id)
    nik = "6371010508900001"
    with pytest.raises(audit.NoNikKey):  # no branch token on this computer: nothing to match
        audit.entries_for_nik(db, nik)
    store_token("BJM", "BJM.token-uji-yang-cukup-panjang")
    register_participant(db, staff, bpu_worker(nik=nik))
    with db.reader() as s:
        trail = list(s.scalars(select(AuditEntry.payload)))
        outbox = list(s.scalars(select(OutboxEvent.payload)))
    assert not any(nik in p for p in trail)  # UU 27/2022: the trail holds what it needs
    assert any('"nik":"6371********0001"' in p for p in trail)
    assert any(nik in p for p in outbox)  # the central server needs it (NIK conflicts)
    ((_, _, action, entity),) = audit.entries_for_nik(db, nik)
    assert (action, entity.split(":")[0]) == ("participant.registered", "participant")
    assert audit.entries_for_nik(db, "6371010508900002") == []
    assert audit.verify_chain(db).ok
