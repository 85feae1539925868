"""The pages of the main window, in navigation order, with the permission each needs."""

from __future__ import annotations

from dataclasses import dataclass

from loket.domain.errors import QT_TRANSLATE_NOOP
from loket.services.actor import Actor
from loket.services.permissions import Permission, can


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str  # source text in the "Navigation" context
    permission: Permission | None  # None: every role
    # Ctrl+<number> opens the page: the same number for every role that has the page
    number: int | None = None


PAGES = (
    PageSpec("home", QT_TRANSLATE_NOOP("Navigation", "Beranda"), None, number=1),
    PageSpec(
        "search",
        QT_TRANSLATE_NOOP("Navigation", "Cari peserta"),
        Permission.SERVE_COUNTER,
        number=2,
    ),
    PageSpec(
        "registration",
        QT_TRANSLATE_NOOP("Navigation", "Pendaftaran peserta"),
        Permission.SERVE_COUNTER,
        number=3,
    ),
    PageSpec(
        "payments",
        QT_TRANSLATE_NOOP("Navigation", "Pembayaran iuran"),
        Permission.SERVE_COUNTER,
        number=4,
    ),
    PageSpec(
        "claims",
        QT_TRANSLATE_NOOP("Navigation", "Klaim & serah terima"),
        Permission.SERVE_COUNTER,
        number=5,
    ),
    PageSpec(
        "approvals", QT_TRANSLATE_NOOP("Navigation", "Persetujuan"), Permission.APPROVE, number=6
    ),
    PageSpec(
        "closing", QT_TRANSLATE_NOOP("Navigation", "Rekap harian"), Permission.CLOSE_DAY, number=7
    ),
    PageSpec(
        "dashboard", QT_TRANSLATE_NOOP("Navigation", "Dasbor"), Permission.VIEW_DASHBOARD, number=8
    ),
    PageSpec(
        "users", QT_TRANSLATE_NOOP("Navigation", "Pengguna"), Permission.MANAGE_USERS, number=0
    ),
    PageSpec(
        "branch",
        QT_TRANSLATE_NOOP("Navigation", "Cabang, loket & printer"),
        Permission.MANAGE_BRANCH,
    ),
    PageSpec("import", QT_TRANSLATE_NOOP("Navigation", "Impor peserta"), Permission.MANAGE_BRANCH),
    PageSpec("sync", QT_TRANSLATE_NOOP("Navigation", "Server pusat"), Permission.MANAGE_BRANCH),
    PageSpec("settings", QT_TRANSLATE_NOOP("Navigation", "Pengaturan"), None, number=9),
)


def pages_for(actor: Actor) -> list[PageSpec]:
    return [p for p in PAGES if p.permission is None or can(actor, p.permission)]
