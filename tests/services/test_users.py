from __future__ import annotations

import pytest

from loket.db.engine import Database
from loket.domain.passwords import WeakPassword
from loket.services import auth, branch, users
from loket.services.actor import Actor, Role
from loket.services.errors import Conflict, NotFound, PermissionDenied, ValidationError

ADMIN = Actor.command_line()


def _as(db: Database, pw: dict[str, str], username: str) -> Actor:
    return auth.login(db, username, pw[username], branch.list_counters(db)[0].id)


def test_admin_adds_a_user_who_can_then_log_in(any_demo: tuple[Database, dict[str, str]]) -> None:
    db, pw = any_demo
    admin = _as(db, pw, "admin")
    info = users.add_user(db, admin, username="Sari.W", full_name="  Sari   Wulandari ",
                          role="staff", password="kopi-susu-2026")  # fmt: skip
    assert (info.username, info.full_name, info.role, info.active) == (
        "sari.w",
        "Sari Wulandari",
        Role.STAFF,
        True,
    )
    assert (
        auth.login(db, "sari.w", "kopi-susu-2026", branch.list_counters(db)[1].id).counter_name
        == "Loket 2"
    )
    assert [u.username for u in users.list_users(db, admin)] == [
        "admin",
        "kepala",
        "petugas",
        "sari.w",
        "supervisor",
    ]


@pytest.mark.parametrize("role", ["petugas", "supervisor"])
def test_only_an_admin_manages_users(any_demo: tuple[Database, dict[str, str]], role: str) -> None:
    db, pw = any_demo
    actor = _as(db, pw, role)
    with pytest.raises(PermissionDenied, match="tidak berwenang"):
        users.add_user(db, actor, username="baru", full_name="Baru", role="admin",
                       password="kopi-susu-2026")  # fmt: skip
    with pytest.raises(PermissionDenied):
        users.list_users(db, actor)
    with pytest.raises(PermissionDenied):
        users.reset_password(db, actor, "admin", "kopi-susu-2026")


@pytest.mark.parametrize(
    ("fields", "error", "field"),
    [
        ({"username": "ab"}, ValidationError, "username"),
        ({"username": "1budi"}, ValidationError, "username"),
        ({"username": "petugas"}, Conflict, "username"),
        ({"full_name": "   "}, ValidationError, "full_name"),
        ({"role": "boss"}, ValidationError, "role"),
        ({"password": "pendek"}, WeakPassword, "password"),
    ],
)
def test_bad_input_is_refused_at_its_field(
    demo: tuple[Database, dict[str, str]], fields: dict[str, str], error: type, field: str
) -> None:
    db, _ = demo
    values = {
        "username": "budi",
        "full_name": "Budi",
        "role": "staff",
        "password": "kopi-susu-2026",
    }
    with pytest.raises(error) as info:
        users.add_user(db, ADMIN, **(values | fields))  # type: ignore[arg-type]
    assert info.value.field == field


def test_disable_enable_and_the_last_admin(demo: tuple[Database, dict[str, str]]) -> None:
    db, pw = demo
    admin = _as(db, pw, "admin")
    with pytest.raises(ValidationError, match="akun Anda sendiri"):
        users.set_user_active(db, admin, "admin", False)
    with pytest.raises(ValidationError, match="Admin aktif terakhir"):
        users.set_user_active(db, ADMIN, "admin", False)
    assert users.set_user_active(db, admin, "petugas", False).active is False
    assert users.set_user_active(db, admin, "petugas", True).active is True
    with pytest.raises(NotFound, match="Pengguna hantu tidak ada"):
        users.set_user_active(db, admin, "hantu", False)


def test_reset_password_lifts_a_lock(demo: tuple[Database, dict[str, str]]) -> None:
    from loket.services.errors import AccountLocked, AuthenticationFailed

    db, _ = demo
    counter = branch.list_counters(db)[0].id
    for _ in range(5):
        with pytest.raises(AuthenticationFailed):
            auth.login(db, "petugas", "salah-sandi-123", counter)
    with pytest.raises(AccountLocked):
        auth.login(db, "petugas", "salah-sandi-123", counter)
    users.reset_password(db, ADMIN, "petugas", "teh-manis-2026")
    assert auth.login(db, "petugas", "teh-manis-2026", counter).username == "petugas"
