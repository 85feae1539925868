"""Branch-wide settings stored in the database, each with its default and its check."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from loket.db.engine import Database
from loket.db.models import Setting
from loket.domain.errors import QT_TRANSLATE_NOOP
from loket.domain.text import has_control_characters
from loket.services.actor import Actor
from loket.services.audit import record_change
from loket.services.clock import Clock, system_clock
from loket.services.errors import ValidationError
from loket.services.permissions import Permission, require


@dataclass(frozen=True)
class SettingSpec:
    default: Any
    valid: Callable[[Any], bool]
    message: str


def _int_between(low: int, high: int) -> Callable[[Any], bool]:
    return lambda v: isinstance(v, int) and not isinstance(v, bool) and low <= v <= high


SETTINGS: dict[str, SettingSpec] = {
    # Minutes without keyboard or mouse before the window locks (personal data on screen).
    "idle_lock_minutes": SettingSpec(
        10,
        _int_between(1, 120),
        QT_TRANSLATE_NOOP("LoketError", "Batas diam harus antara 1 dan 120 menit."),
    ),
    # The first line of every letterhead, above the branch's name and address.
    "letterhead_title": SettingSpec(
        "JAMINAN SOSIAL KETENAGAKERJAAN",
        lambda v: isinstance(v, str) and 0 < len(v.strip()) <= 80 and not has_control_characters(v),
        QT_TRANSLATE_NOOP("LoketError", "Judul kop surat 1–80 karakter."),
    ),
    # Paid months before JKM is payable: no source sets one (domain notes §3), so 0; the
    # membership must still have been active in the month of death.
    "jkm_min_paid_months": SettingSpec(
        0,
        _int_between(0, 24),
        QT_TRANSLATE_NOOP("LoketError", "Masa iuran minimum JKM 0–24 bulan."),
    ),
    # The largest claim total a supervisor may approve; above it, the branch head.
    "approval_limit_supervisor": SettingSpec(
        50_000_000,
        _int_between(0, 10**13),
        QT_TRANSLATE_NOOP("LoketError", "Batas persetujuan dalam rupiah (0 = tanpa batas)."),
    ),
    "approval_limit_head": SettingSpec(
        0,  # no limit
        _int_between(0, 10**13),
        QT_TRANSLATE_NOOP("LoketError", "Batas persetujuan dalam rupiah (0 = tanpa batas)."),
    ),
    # How approved benefits may be paid out.
    "payout_methods": SettingSpec(
        ["transfer"],
        lambda v: isinstance(v, list) and bool(v) and set(v) <= {"transfer", "cash"},
        QT_TRANSLATE_NOOP("LoketError", "Cara pembayaran manfaat: transfer dan/atau cash."),
    ),
    # The central server (empty: not set up). The branch token is in the OS keyring.
    "sync_server_url": SettingSpec(
        "",
        lambda v: (
            isinstance(v, str)
            and (
                v == ""
                or (v.startswith(("http://", "https://")) and len(v) <= 200 and " " not in v)
            )
        ),
        QT_TRANSLATE_NOOP("LoketError", "Alamat server harus diawali http:// atau https://."),
    ),
    # Seconds between syncs while the server answers (it backs off while it does not).
    "sync_interval_seconds": SettingSpec(
        60,
        _int_between(10, 3600),
        QT_TRANSLATE_NOOP("LoketError", "Jeda sinkronisasi 10–3600 detik."),
    ),
}


def read_setting(session: Session, key: str) -> Any:
    """A setting, read in the caller's transaction."""
    row = session.get(Setting, key)
    return json.loads(row.value) if row else SETTINGS[key].default


def get_setting(db: Database, key: str) -> Any:
    with db.reader() as session:
        return read_setting(session, key)


def check_setting(key: str, value: Any) -> None:
    """Raises the setting's own message, at ``key``, for a value it does not allow."""
    spec = SETTINGS[key]
    if not spec.valid(value):
        raise ValidationError(spec.message, field=key)


def set_setting(
    db: Database, actor: Actor, key: str, value: Any, *, clock: Clock = system_clock
) -> None:
    require(actor, Permission.CHANGE_BRANCH_SETTINGS)
    spec = SETTINGS[key]
    check_setting(key, value)
    with db.transaction() as session:
        row = session.get(Setting, key)
        old = json.loads(row.value) if row else spec.default
        if old == value:
            return
        if row is None:
            session.add(Setting(key=key, value=json.dumps(value)))
        else:
            row.value = json.dumps(value)
        record_change(
            session,
            actor,
            "setting.changed",
            f"setting:{key}",
            {"old": old, "new": value},
            clock=clock,
        )
