"""Branch-wide settings stored in the database, each with its default and its check.

A setting the central server publishes (a ``setting/KEY`` reference document, synced down)
is in force instead of the branch's own value, and cannot be changed at the branch."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from loket.db.engine import Database
from loket.db.models import ReferenceDocument, Setting
from loket.domain.errors import QT_TRANSLATE_NOOP
from loket.domain.text import has_control_characters
from loket.services.actor import Actor
from loket.services.audit import record_change
from loket.services.clock import Clock, system_clock
from loket.services.errors import Conflict, ValidationError
from loket.services.permissions import Permission, require

log = logging.getLogger(__name__)
PUBLISHED_KIND = "setting"  # reference documents named setting/KEY, body: the JSON value


@dataclass(frozen=True)
class SettingSpec:
    default: Any
    valid: Callable[[Any], bool]
    message: str
    # whether the central server may set it for every branch (``loket-server
    # publish-setting``); the server's own address may not: it would redirect every
    # branch's token
    publishable: bool = True


LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
# A documented test flag: plain http to another host (a test network without TLS)
ALLOW_HTTP_ENV = "LOKET_ALLOW_HTTP"


def server_url_ok(value: Any) -> bool:
    """The central server's address: empty (not set up), or https:// — http:// only to this
    computer (or with LOKET_ALLOW_HTTP=1) — and no user name or password inside."""
    if not isinstance(value, str):
        return False
    if value == "":
        return True
    if len(value) > 200 or any(c.isspace() for c in value) or has_control_characters(value):
        return False
    try:
        parts = urlsplit(value)
        host = parts.hostname or ""
    except ValueError:
        return False
    if not host or parts.username is not None or parts.password is not None:
        return False
    if parts.scheme == "https":
        return True
    return parts.scheme == "http" and (host in LOCAL_HOSTS or os.environ.get(ALLOW_HTTP_ENV) == "1")


def _folder_ok(value: Any) -> bool:
    """A backup folder: empty, or a whole path on Linux (``/…``) or Windows (``D:\\…``,
    ``\\\\server\\share``), as every computer of the branch would name it."""
    if not isinstance(value, str) or len(value) > 255 or has_control_characters(value):
        return False
    return value == "" or PurePosixPath(value).is_absolute() or PureWindowsPath(value).is_absolute()


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
    # Whether a benefit handover record above Rp5.000.000 shows the place for the Rp10.000
    # stamp: UU 10/2020 art. 7 may exempt payments related to employment (domain notes §5).
    "handover_stamp_duty": SettingSpec(
        True,
        lambda v: isinstance(v, bool),
        QT_TRANSLATE_NOOP("LoketError", "Bea meterai berita acara: ya atau tidak."),
    ),
    # How approved benefits may be paid out.
    "payout_methods": SettingSpec(
        ["transfer"],
        lambda v: isinstance(v, list) and bool(v) and set(v) <= {"transfer", "cash"},
        QT_TRANSLATE_NOOP("LoketError", "Cara pembayaran manfaat: transfer dan/atau cash."),
    ),
    # Backups kept (loket-admin backup, the daily closing, the day's first start): the
    # newest of each of the last N days and of each of the last M months.
    "backup_keep_daily": SettingSpec(
        14,
        _int_between(1, 366),
        QT_TRANSLATE_NOOP("LoketError", "Cadangan harian yang disimpan: 1–366."),
    ),
    "backup_keep_monthly": SettingSpec(
        12,
        _int_between(0, 120),
        QT_TRANSLATE_NOOP("LoketError", "Cadangan bulanan yang disimpan: 0–120."),
    ),
    # Where every computer of the branch puts its backups: one folder, ideally on another
    # disk or the branch's file server ("" : beside an SQLite file, or the user's Loket
    # folder for PostgreSQL).
    "backup_directory": SettingSpec(
        "",
        _folder_ok,
        QT_TRANSLATE_NOOP(
            "LoketError",
            "Folder cadangan: kosong, atau jalur lengkap (mis. /srv/cadangan-loket, "
            "D:\\Cadangan atau \\\\SERVER\\cadangan), paling panjang 255 karakter.",
        ),
        publishable=False,
    ),
    # During the day, a backup when the newest is older than this (0: only at the day's
    # first start and at the closing): what a dying disk can take shrinks to these hours.
    "backup_every_hours": SettingSpec(
        2,
        _int_between(0, 24),
        QT_TRANSLATE_NOOP("LoketError", "Cadangan selama hari kerja: tiap 0–24 jam."),
    ),
    # The central server (empty: not set up). The branch token is in the OS keyring.
    "sync_server_url": SettingSpec(
        "",
        server_url_ok,
        QT_TRANSLATE_NOOP(
            "LoketError",
            "Alamat server harus diawali https:// (http:// hanya ke komputer ini), tanpa "
            "nama pengguna atau kata sandi.",
        ),
        publishable=False,
    ),
    # Seconds between syncs while the server answers (it backs off while it does not).
    "sync_interval_seconds": SettingSpec(
        60,
        _int_between(10, 3600),
        QT_TRANSLATE_NOOP("LoketError", "Jeda sinkronisasi 10–3600 detik."),
    ),
}


def _published(session: Session, key: str) -> tuple[Any, datetime] | None:
    """The value the central server published for ``key``, if it did and Loket accepts it."""
    row = session.get(ReferenceDocument, f"{PUBLISHED_KIND}/{key}")
    if row is None or row.kind != PUBLISHED_KIND:
        return None
    try:
        value = json.loads(row.body)
    except ValueError:
        value = None
    if value is None:  # withdrawn (loket-server publish-setting --withdraw)
        return None
    if not SETTINGS[key].publishable:  # set by the branch's admin alone
        log.warning("published setting %s ignored: not one the server sets", key)
        return None
    if not SETTINGS[key].valid(value):  # never a value the branch would refuse
        log.warning("published setting %s ignored: not a valid value", key)
        return None
    return value, row.published_at


def _branch_value(session: Session, key: str) -> Any:
    row = session.get(Setting, key)
    return json.loads(row.value) if row else SETTINGS[key].default


def read_setting(session: Session, key: str) -> Any:
    """A setting, read in the caller's transaction: the server's, else the branch's."""
    published = _published(session, key)
    return published[0] if published is not None else _branch_value(session, key)


def get_setting(db: Database, key: str) -> Any:
    with db.reader() as session:
        return read_setting(session, key)


@dataclass(frozen=True)
class SettingState:
    key: str
    value: Any  # the one in force
    default: Any
    published_at: datetime | None  # set: the central server decides it (read only here)


def list_settings(db: Database) -> list[SettingState]:
    """Every setting with the value in force and whether the central server sets it."""
    with db.reader() as session:
        states = []
        for key, spec in SETTINGS.items():
            published = _published(session, key)
            if published is not None:
                states.append(SettingState(key, published[0], spec.default, published[1]))
            else:
                states.append(SettingState(key, _branch_value(session, key), spec.default, None))
        return states


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
        if _published(session, key) is not None:
            raise Conflict(
                QT_TRANSLATE_NOOP(
                    "LoketError",
                    "Pengaturan ini ditetapkan oleh server pusat dan tidak dapat diubah di cabang.",
                ),
                field=key,
            )
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


def published_rules(db: Database) -> list[tuple[str, datetime]]:
    """The tariff tables, dues reliefs and arrears rules the central server published
    (they take effect by their own dates; see ``domain.tariffs``)."""
    with db.reader() as session:
        rows = session.execute(
            select(ReferenceDocument.name, ReferenceDocument.published_at)
            .where(ReferenceDocument.kind == "tariff")
            .order_by(ReferenceDocument.name)
        )
        return [(name.removeprefix("tariff/"), at) for name, at in rows]
