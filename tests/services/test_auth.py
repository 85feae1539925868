"""Login, lockout and unlock — on SQLite and on a real PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from loket.db.engine import Database
from loket.db.models import AuditEntry, User
from loket.services import auth, branch
from loket.services.actor import Role
from loket.services.errors import AccountLocked, AuthenticationFailed, ValidationError
from tests.conftest import FakeClock


def _actions(db: Database) -> list[tuple[str, str]]:
    with db.reader() as s:
        return [
            (e.action, e.username) for e in s.scalars(select(AuditEntry).order_by(AuditEntry.seq))
        ]


def _counter(db: Database) -> int:
    return branch.list_counters(db)[0].id


def test_staff_log_in_at_a_counter(any_demo: tuple[Database, dict[str, str]]) -> None:
    db, pw = any_demo
    actor = auth.login(db, "Petugas ", pw["petugas"], _counter(db))
    assert (actor.username, actor.role, actor.branch_code) == ("petugas", Role.STAFF, "BJM")
    assert actor.counter_name == "Loket 1"
    assert _actions(db)[-1] == ("login.success", "petugas")


def test_wrong_password_is_refused_and_audited(
    any_demo: tuple[Database, dict[str, str]], clock: FakeClock
) -> None:
    db, _ = any_demo
    with pytest.raises(AuthenticationFailed) as info:
        auth.login(db, "petugas", "not-the-password", _counter(db), clock=clock)
    assert str(info.value) == "Nama pengguna atau kata sandi salah."
    assert info.value.field == "password"
    assert _actions(db)[-1] == ("login.failed", "petugas")


def test_unknown_user_gets_the_same_message(any_demo: tuple[Database, dict[str, str]]) -> None:
    db, _ = any_demo
    with pytest.raises(AuthenticationFailed, match="Nama pengguna atau kata sandi salah"):
        auth.login(db, "tidakada", "whatever-password", _counter(db))
    assert _actions(db)[-1] == ("login.failed", "tidakada")


def test_five_wrong_passwords_lock_for_fifteen_minutes(
    any_demo: tuple[Database, dict[str, str]], clock: FakeClock
) -> None:
    db, pw = any_demo
    counter = _counter(db)
    for _ in range(4):
        with pytest.raises(AuthenticationFailed):
            auth.login(db, "petugas", "salah-sandi-123", counter, clock=clock)
    with pytest.raises(AccountLocked, match="Akun terkunci karena 5 kali salah"):
        auth.login(db, "petugas", "salah-sandi-123", counter, clock=clock)
    assert ("user.locked", "petugas") in _actions(db)

    clock.advance(minutes=14, seconds=59)
    with pytest.raises(AccountLocked, match="Coba lagi pukul 09:45"):  # 01:45 UTC in WITA
        auth.login(db, "petugas", pw["petugas"], counter, clock=clock)
    assert _actions(db)[-1] == ("login.refused_locked", "petugas")

    clock.advance(seconds=2)
    assert auth.login(db, "petugas", pw["petugas"], counter, clock=clock).username == "petugas"
    with db.reader() as s:
        user = s.scalars(select(User).where(User.username == "petugas")).one()
        assert (user.failed_attempts, user.locked_until) == (0, None)


def test_a_success_resets_the_count(
    any_demo: tuple[Database, dict[str, str]], clock: FakeClock
) -> None:
    db, pw = any_demo
    counter = _counter(db)
    for _ in range(4):
        with pytest.raises(AuthenticationFailed):
            auth.login(db, "petugas", "salah-sandi-123", counter, clock=clock)
    auth.login(db, "petugas", pw["petugas"], counter, clock=clock)
    with pytest.raises(AuthenticationFailed) as info:
        auth.login(db, "petugas", "salah-sandi-123", counter, clock=clock)
    assert not isinstance(info.value, AccountLocked)


def test_staff_must_choose_a_counter_but_an_admin_need_not(
    any_demo: tuple[Database, dict[str, str]],
) -> None:
    db, pw = any_demo
    with pytest.raises(ValidationError) as info:
        auth.login(db, "petugas", pw["petugas"], None)
    assert (str(info.value), info.value.field) == ("Pilih loket tempat Anda bertugas.", "counter")
    assert auth.login(db, "admin", pw["admin"], None).counter_id is None


def test_a_disabled_account_cannot_log_in(demo: tuple[Database, dict[str, str]]) -> None:
    from loket.services import users
    from loket.services.actor import Actor

    db, pw = demo
    users.set_user_active(db, Actor.command_line(), "petugas", False)
    with pytest.raises(AuthenticationFailed, match="Nama pengguna atau kata sandi salah"):
        auth.login(db, "petugas", pw["petugas"], _counter(db))


def test_unlock_needs_the_same_password_and_counts_failures(
    any_demo: tuple[Database, dict[str, str]], clock: FakeClock
) -> None:
    db, pw = any_demo
    actor = auth.login(db, "supervisor", pw["supervisor"], _counter(db), clock=clock)
    with pytest.raises(AuthenticationFailed):
        auth.verify_unlock(db, actor, pw["petugas"], clock=clock)
    auth.verify_unlock(db, actor, pw["supervisor"], clock=clock)
    assert _actions(db)[-2:] == [("login.failed", "supervisor"), ("session.unlocked", "supervisor")]
    for _ in range(4):
        with pytest.raises(AuthenticationFailed):
            auth.verify_unlock(db, actor, "salah-sandi-123", clock=clock)
    with pytest.raises(AccountLocked):
        auth.verify_unlock(db, actor, "salah-sandi-123", clock=clock)


def test_password_hashes_are_argon2id(demo: tuple[Database, dict[str, str]]) -> None:
    db, pw = demo
    with db.reader() as s:
        hashes = s.scalars(select(User.password_hash)).all()
    assert hashes and all(h.startswith("$argon2id$") for h in hashes)
    assert not any(p in h for h in hashes for p in pw.values())
