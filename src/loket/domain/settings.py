"""The branch-wide settings Loket knows: each one's default, its check and message, and
whether the central server may set it for every branch — shared by the branch (which keeps
the values, ``services.settings``) and the central server (which publishes them)."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import urlsplit

from loket.domain.errors import QT_TRANSLATE_NOOP
from loket.domain.states import PaymentMethod
from loket.domain.text import has_control_characters

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
        [PaymentMethod.TRANSFER.value],
        lambda v: (
            isinstance(v, list)
            and bool(v)
            and set(v) <= {PaymentMethod.TRANSFER, PaymentMethod.CASH}
        ),
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
