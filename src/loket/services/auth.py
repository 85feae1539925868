"""Logging in at a counter, and unlocking an idle-locked window.

Five wrong passwords in a row lock the account for 15 minutes; every success, failure and
lock is audited (no outbox event: a login changes no business data).
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from loket.db.engine import Database
from loket.db.models import Counter, User
from loket.domain.errors import QT_TRANSLATE_NOOP
from loket.domain.names import normalize_username
from loket.domain.passwords import LOCKOUT_MINUTES, MAX_FAILED_LOGINS
from loket.services.actor import Actor, Role
from loket.services.audit import append_audit
from loket.services.clock import Clock, system_clock
from loket.services.errors import (
    AccountLocked,
    AuthenticationFailed,
    PermissionDenied,
    ValidationError,
)
from loket.services.passwords import (
    burn_verification_time,
    hash_password,
    needs_rehash,
    verify_password,
)
from loket.services.place import require_home_branch

log = logging.getLogger(__name__)


def _wrong_credentials() -> AuthenticationFailed:
    return AuthenticationFailed(
        QT_TRANSLATE_NOOP("LoketError", "Nama pengguna atau kata sandi salah."), field="password"
    )


def _locked(session: Session, user: User) -> AccountLocked:
    assert user.locked_until is not None
    tz = ZoneInfo(require_home_branch(session).timezone)
    return AccountLocked(
        QT_TRANSLATE_NOOP(
            "LoketError",
            "Akun terkunci karena {count} kali salah kata sandi. Coba lagi pukul {time} "
            "atau minta admin mengatur ulang kata sandi.",
        ),
        field="password",
        count=MAX_FAILED_LOGINS,
        time=user.locked_until.astimezone(tz).strftime("%H:%M"),
    )


def _check_password(
    session: Session, user: User, password: str, clock: Clock, audit_as: Actor | None
) -> AuthenticationFailed | None:
    """Checks ``password`` against ``user`` (lock first); counts failures. Returns the
    error to raise *after* the transaction commits, so the failure is recorded."""
    now = clock()
    entity = f"user:{user.id}"
    if user.locked_until is not None and user.locked_until > now:
        append_audit(
            session,
            audit_as,
            "login.refused_locked",
            entity,
            {},
            clock=clock,
            username=user.username,
        )
        return _locked(session, user)
    if verify_password(user.password_hash, password):
        user.failed_attempts = 0
        user.locked_until = None
        if needs_rehash(user.password_hash):
            user.password_hash = hash_password(password)
        return None
    user.failed_attempts += 1
    append_audit(
        session,
        audit_as,
        "login.failed",
        entity,
        {"attempt": user.failed_attempts},
        clock=clock,
        username=user.username,
    )
    if user.failed_attempts >= MAX_FAILED_LOGINS:
        user.failed_attempts = 0
        user.locked_until = now + timedelta(minutes=LOCKOUT_MINUTES)
        append_audit(
            session,
            audit_as,
            "user.locked",
            entity,
            {"until": user.locked_until.isoformat(), "minutes": LOCKOUT_MINUTES},
            clock=clock,
            username=user.username,
        )
        return _locked(session, user)
    return _wrong_credentials()


def login(
    db: Database,
    username: str,
    password: str,
    counter_id: int | None,
    *,
    clock: Clock = system_clock,
) -> Actor:
    """The acting user for this session at ``counter_id``, or raises
    :class:`AuthenticationFailed` / :class:`AccountLocked` / :class:`ValidationError`."""
    name = normalize_username(username)
    if not name:
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Nama pengguna belum diisi."), field="username"
        )
    error: AuthenticationFailed | None = None
    with db.transaction() as session:
        branch = require_home_branch(session)
        user = session.scalar(select(User).where(User.username == name))
        if user is None or not user.active:
            if user is None:
                burn_verification_time(password)
            append_audit(
                session,
                None,
                "login.failed",
                f"user:{user.id}" if user else "user:?",
                {"reason": "unknown" if user is None else "disabled"},
                clock=clock,
                # an unknown name may be a password typed into the name field: the trail
                # (kept for good, sent to the server) records only that it was unknown
                username=name if user is not None else "?",
            )
            error = _wrong_credentials()
        else:
            error = _check_password(session, user, password, clock, None)
        if error is None:
            assert user is not None
            counter = session.get(Counter, counter_id) if counter_id is not None else None
            if counter is not None and (counter.branch_id != branch.id or not counter.active):
                counter = None
            role = Role(user.role)
            if counter is None and role is Role.STAFF:
                raise ValidationError(
                    QT_TRANSLATE_NOOP("LoketError", "Pilih loket tempat Anda bertugas."),
                    field="counter",
                )
            actor = Actor(
                user.id,
                user.username,
                user.full_name,
                role,
                branch.code,
                branch.name,
                counter.id if counter else None,
                counter.name if counter else "",
            )
            append_audit(
                session,
                actor,
                "login.success",
                f"user:{user.id}",
                {"counter": actor.counter_name},
                clock=clock,
            )
    if error is not None:
        # the name only when it is an account's: a password typed into the name field by
        # mistake must not reach the log (nor the support bundle that copies it)
        who = name if user is not None else "an unknown user name"
        log.warning("login refused for %s: %s", who, type(error).__name__)
        raise error
    log.info("login: %s (%s) at %s", actor.username, role.value, actor.counter_name or "-")
    return actor


def require_password(
    db: Database,
    actor: Actor,
    password: str,
    *,
    success_action: str | None = None,
    clock: Clock = system_clock,
) -> None:
    """Re-checks the acting user's own password (to unlock, to approve). Wrong passwords
    count towards the same lockout as at login; raises like :func:`login`."""
    error: AuthenticationFailed | None
    with db.transaction() as session:
        user = session.get(User, actor.user_id) if actor.user_id is not None else None
        if user is None or not user.active:
            error = _wrong_credentials()
        else:
            error = _check_password(session, user, password, clock, actor)
            if error is None and success_action:
                append_audit(session, actor, success_action, f"user:{user.id}", {}, clock=clock)
    if error is not None:
        raise error


# A confirmation typed at a shared place (the kiosk's exit, a counter's supervisor override)
# is throttled per place, never by the account: a public screen must not lock a supervisor
# out of their own login, nor tell which user names exist.
CONFIRMATIONS_PER_PLACE = MAX_FAILED_LOGINS
CONFIRMATION_PAUSE = timedelta(minutes=LOCKOUT_MINUTES)
_confirmation_failures: dict[tuple[str, str], list[datetime]] = {}
_confirmation_lock = threading.Lock()


def _recent_failures(db: Database, place: str, now: datetime) -> list[datetime]:
    key = (str(db.url), place)
    recent = [t for t in _confirmation_failures.get(key, []) if now - t < CONFIRMATION_PAUSE]
    _confirmation_failures[key] = recent
    return recent


def confirm_user(
    db: Database, username: str, password: str, *, place: str, clock: Clock = system_clock
) -> Actor:
    """Another user's password typed at ``place`` (``"kiosk"``, ``"counter:3"``): that user
    as an actor without a counter. An unknown, disabled or locked user and a wrong password
    get the same answer, and failures count against the place (a pause after
    :data:`CONFIRMATIONS_PER_PLACE` within :data:`CONFIRMATION_PAUSE`), not the account. An
    account whose password is still one-time (given by an admin) confirms nothing."""
    name = normalize_username(username)
    now = clock()
    with _confirmation_lock:
        if len(_recent_failures(db, place, now)) >= CONFIRMATIONS_PER_PLACE:
            raise AuthenticationFailed(
                QT_TRANSLATE_NOOP(
                    "LoketError",
                    "Terlalu banyak kata sandi salah di sini. Coba lagi {minutes} menit lagi.",
                ),
                field="password",
                minutes=LOCKOUT_MINUTES,
            )
    with db.transaction() as session:
        branch = require_home_branch(session)
        user = session.scalar(select(User).where(User.username == name)) if name else None
        usable = (
            user is not None
            and user.active
            and (user.locked_until is None or user.locked_until <= now)
        )
        if user is None:
            burn_verification_time(password)
        ok = usable and user is not None and verify_password(user.password_hash, password)
        if not ok:
            append_audit(
                session,
                None,
                "confirmation.failed",
                place,
                {"user": f"user:{user.id}" if user else "user:?"},
                clock=clock,
                username=name if user is not None else "?",  # as at login
            )
    if not ok:
        with _confirmation_lock:
            _recent_failures(db, place, now).append(now)
        log.warning("confirmation refused at %s", place)
        raise _wrong_credentials()
    assert user is not None
    if user.must_change_password:
        raise PermissionDenied(
            QT_TRANSLATE_NOOP(
                "LoketError",
                "Kata sandi {name} masih sekali pakai: masuk sendiri ke Loket dan ganti "
                "kata sandi dulu, baru dapat menyetujui.",
            ),
            field="password",
            name=user.username,
        )
    return Actor(
        user.id, user.username, user.full_name, Role(user.role), branch.code, branch.name, None, ""
    )


def verify_unlock(
    db: Database, actor: Actor, password: str, *, clock: Clock = system_clock
) -> None:
    """After an idle lock: the same user's password, or nothing."""
    require_password(db, actor, password, success_action="session.unlocked", clock=clock)


def logout(db: Database, actor: Actor, *, clock: Clock = system_clock) -> None:
    with db.transaction() as session:
        append_audit(session, actor, "logout", f"user:{actor.user_id}", {}, clock=clock)
