"""Login, lockout and unlock — on SQLite and on a real PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from loket.db.engine import Database
from loket.db.models import AuditEntry, User
from loket.services import auth, branch, users
from loket.services.actor import Role
from loket.services.errors import (
    AccountLocked,
    AuthenticationFailed,
    PermissionDenied,
    ValidationError,
)
from loket.services.four_eyes import Override, confirm_override
from tests.conftest import FakeClock
from tests.factories import passwords_chosen


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
    # the trail keeps no unknown name: it may be a password typed in the wrong field
    assert _actions(db)[-1] == ("login.failed", "?")


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


def test_an_account_with_a_one_time_password_confirms_nothing(
    any_demo: tuple[Database, dict[str, str]],
) -> None:
    """A supervisor given a one-time password by the admin, who never logged in, cannot
    approve a cash difference, an NIK/date override or the kiosk's end with it."""
    db, pw = any_demo
    admin = auth.login(db, "admin", pw["admin"], None)
    staff = auth.login(db, "petugas", pw["petugas"], _counter(db))
    users.add_user(db, admin, username="baru", full_name="Supervisor Baru",
                   role="supervisor", password="Sekali-Pakai-2026")  # fmt: skip
    with pytest.raises(PermissionDenied, match="masih sekali pakai"):
        confirm_override(db, staff, Override("baru", "Sekali-Pakai-2026"), clock=FakeClock())
    with pytest.raises(PermissionDenied, match="masih sekali pakai"):
        auth.confirm_user(db, "baru", "Sekali-Pakai-2026", place="kiosk")
    own = auth.login(db, "baru", "Sekali-Pakai-2026", None)
    users.change_own_password(db, own, "Sekali-Pakai-2026", "Kas-Cabang-Tengah-77")
    assert (
        confirm_override(
            db, staff, Override("baru", "Kas-Cabang-Tengah-77"), clock=FakeClock()
        ).username
        == "baru"
    )


def test_a_public_screen_never_locks_an_account_nor_tells_which_names_exist(
    any_demo: tuple[Database, dict[str, str]],
) -> None:
    db, pw = any_demo
    passwords_chosen(db, "admin")
    answers = set()
    for username in ("admin", "admin", "tidak-ada", "admin", "tidak-ada"):
        with pytest.raises(AuthenticationFailed) as info:
            auth.confirm_user(db, username, "tebakan-salah", place="kiosk")
        answers.add(str(info.value))
    assert answers == {"Nama pengguna atau kata sandi salah."}  # alike for unknown names
    with pytest.raises(AuthenticationFailed, match="Terlalu banyak kata sandi salah di sini"):
        auth.confirm_user(db, "admin", pw["admin"], place="kiosk")  # the kiosk pauses …
    assert auth.login(db, "admin", pw["admin"], None).username == "admin"  # … admin does not
    assert auth.confirm_user(db, "admin", pw["admin"], place="counter:2").username == "admin"
    with db.reader() as s:
        user = s.scalar(select(User).where(User.username == "admin"))
        assert user is not None and user.failed_attempts == 0 and user.locked_until is None
    assert ("confirmation.failed", "?") in _actions(db) and ("confirmation.failed", "admin") in (
        _actions(db)
    )
