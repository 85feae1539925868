"""User accounts: the branch admin adds, lists, disables and resets them."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from loket.db.engine import Database
from loket.db.models import Branch, User
from loket.domain.errors import QT_TRANSLATE_NOOP, LoketError
from loket.domain.names import normalize_username
from loket.domain.passwords import check_password_policy
from loket.services.actor import Actor, Role
from loket.services.audit import record_change
from loket.services.auth import require_password
from loket.services.clock import Clock, system_clock
from loket.services.errors import Conflict, NotFound, PermissionDenied, ValidationError
from loket.services.passwords import hash_password
from loket.services.permissions import Permission, require
from loket.services.text_fields import column_text

_USERNAME = re.compile(r"[a-z][a-z0-9._-]{2,31}")


@dataclass(frozen=True)
class UserInfo:
    username: str
    full_name: str
    role: Role
    active: bool
    locked_until: datetime | None
    must_change_password: bool = False


def _info(u: User) -> UserInfo:
    return UserInfo(
        u.username, u.full_name, Role(u.role), u.active, u.locked_until, u.must_change_password
    )


_READABLE = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread


def one_time_password() -> str:
    """Three groups of four, easy to read off a screen and type once: ``k7pw-3nqa-x9fe``."""
    return "-".join("".join(secrets.choice(_READABLE) for _ in range(4)) for _ in range(3))


def _get(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == normalize_username(username)))
    if user is None:
        raise NotFound(
            QT_TRANSLATE_NOOP("LoketError", "Pengguna {username} tidak ada."),
            field="username",
            username=username,
        )
    return user


def _role(role: Role | str) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Peran {role} tidak dikenal ({roles})."),
            field="role",
            role=role,
            roles=", ".join(r.value for r in Role),
        ) from None


def add_user(
    db: Database,
    actor: Actor,
    *,
    username: str,
    full_name: str,
    role: Role | str,
    password: str,
    clock: Clock = system_clock,
) -> UserInfo:
    require(actor, Permission.MANAGE_USERS)
    username = normalize_username(username)
    full_name = column_text(User.full_name, full_name, field="full_name")
    if not _USERNAME.fullmatch(username):
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "LoketError",
                "Nama pengguna 3–32 karakter: huruf kecil, angka, titik, garis bawah atau "
                "tanda hubung, diawali huruf.",
            ),
            field="username",
        )
    if not full_name:
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Nama lengkap belum diisi."), field="full_name"
        )
    role = _role(role)
    check_password_policy(password, username=username)
    with db.transaction() as session:
        branch = session.scalar(select(Branch).where(Branch.is_home))
        if branch is None:
            raise NotFound(
                QT_TRANSLATE_NOOP("LoketError", "Database belum disiapkan untuk sebuah cabang.")
            )
        if session.scalar(select(User.id).where(User.username == username)) is not None:
            raise Conflict(
                QT_TRANSLATE_NOOP("LoketError", "Nama pengguna {username} sudah dipakai."),
                field="username",
                username=username,
            )
        now = clock()
        user = User(
            branch=branch,
            username=username,
            full_name=full_name,
            role=role.value,
            password_hash=hash_password(password),
            failed_attempts=0,
            active=True,
            created_at=now,
            password_changed_at=now,
            must_change_password=True,  # the password someone else typed is one-time
        )
        session.add(user)
        session.flush()
        record_change(
            session,
            actor,
            "user.created",
            f"user:{user.id}",
            {"username": username, "full_name": full_name, "role": role.value},
            clock=clock,
        )
        return _info(user)


def list_users(db: Database, actor: Actor) -> list[UserInfo]:
    require(actor, Permission.MANAGE_USERS)
    with db.reader() as session:
        return [_info(u) for u in session.scalars(select(User).order_by(User.username))]


def set_user_active(
    db: Database, actor: Actor, username: str, active: bool, *, clock: Clock = system_clock
) -> UserInfo:
    """Disables (or re-enables) an account. Accounts are never deleted: the audit trail
    keeps pointing at them."""
    require(actor, Permission.MANAGE_USERS)
    with db.transaction() as session:
        user = _get(session, username)
        if not active and user.id == actor.user_id:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "LoketError", "Anda tidak dapat menonaktifkan akun Anda sendiri."
                ),
                field="username",
            )
        if not active:
            _keep_an_admin(
                session,
                user,
                QT_TRANSLATE_NOOP("LoketError", "Admin aktif terakhir tidak dapat dinonaktifkan."),
            )
        if user.active != active:
            user.active = active
            record_change(
                session,
                actor,
                "user.enabled" if active else "user.disabled",
                f"user:{user.id}",
                {"username": user.username},
                clock=clock,
            )
        return _info(user)


def _keep_an_admin(session: Session, user: User, message: str) -> None:
    """The branch keeps at least one active admin: ``user`` may not stop being one if they
    are the last."""
    if user.role != Role.ADMIN.value or not user.active:
        return
    admins = session.scalar(select(func.count()).where(User.role == Role.ADMIN.value, User.active))
    if admins == 1:
        raise ValidationError(message, field="username")


def set_role(
    db: Database, actor: Actor, username: str, role: Role | str, *, clock: Clock = system_clock
) -> UserInfo:
    """Gives an account another role, from the user's next login. An admin cannot change
    their own role, and the last active admin stays one."""
    require(actor, Permission.MANAGE_USERS)
    new_role = _role(role)
    with db.transaction() as session:
        user = _get(session, username)
        if user.id == actor.user_id:
            raise ValidationError(
                QT_TRANSLATE_NOOP("LoketError", "Anda tidak dapat mengubah peran Anda sendiri."),
                field="role",
            )
        if new_role != Role.ADMIN:
            _keep_an_admin(
                session,
                user,
                QT_TRANSLATE_NOOP("LoketError", "Admin aktif terakhir harus tetap admin."),
            )
        if user.role != new_role.value:
            record_change(
                session,
                actor,
                "user.role_changed",
                f"user:{user.id}",
                {"username": user.username, "from": user.role, "to": new_role.value},
                clock=clock,
            )
            user.role = new_role.value
        return _info(user)


def reset_password(
    db: Database, actor: Actor, username: str, new_password: str, *, clock: Clock = system_clock
) -> UserInfo:
    """Sets a one-time password chosen by the admin (the user chooses their own at the next
    login) and lifts any lock."""
    require(actor, Permission.MANAGE_USERS)
    with db.transaction() as session:
        user = _get(session, username)
        check_password_policy(new_password, username=user.username)
        user.password_hash = hash_password(new_password)
        user.password_changed_at = clock()
        user.must_change_password = True
        user.failed_attempts = 0
        user.locked_until = None
        record_change(
            session,
            actor,
            "user.password_reset",
            f"user:{user.id}",
            {"username": user.username},
            clock=clock,
        )
        return _info(user)


def password_change_required(db: Database, actor: Actor) -> bool:
    """Whether the logged-in user still has a one-time password (and must choose their own
    before working)."""
    with db.reader() as session:
        user = session.get(User, actor.user_id) if actor.user_id is not None else None
        return bool(user is not None and user.must_change_password)


def change_own_password(
    db: Database,
    actor: Actor,
    current: str,
    new_password: str,
    *,
    clock: Clock = system_clock,
) -> None:
    """The user replaces their password: the current one is checked (a wrong one counts
    towards the lockout), the new one follows the rules and is not the current one."""
    if actor.user_id is None:
        raise PermissionDenied(
            QT_TRANSLATE_NOOP("LoketError", "Hanya pengguna yang masuk yang mengganti sandinya.")
        )

    require_password(db, actor, current, clock=clock)
    if new_password == current:
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Kata sandi baru harus berbeda dari yang lama."),
            field="new_password",
        )
    try:
        check_password_policy(new_password, username=actor.username)
    except LoketError as exc:
        exc.field = "new_password"
        raise
    with db.transaction() as session:
        user = session.get(User, actor.user_id)
        assert user is not None
        user.password_hash = hash_password(new_password)
        user.password_changed_at = clock()
        user.must_change_password = False
        record_change(
            session,
            actor,
            "user.password_changed",
            f"user:{user.id}",
            {"username": user.username},
            clock=clock,
        )
