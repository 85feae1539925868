"""The status bar's words for sync (kept light: the main window imports it at start-up)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from loket.domain.states import SyncState
from loket.i18n import error_text, translate
from loket.services import sync

if TYPE_CHECKING:
    from loket.sync.worker import WorkerReport


def _when(at: datetime | None, timezone: str) -> str:
    if at is None:
        return translate("SyncStatus", "belum pernah")
    return at.astimezone(ZoneInfo(timezone)).strftime("%d-%m-%Y %H:%M")


def sync_status_text(
    set_up: bool, report: WorkerReport | None, status: sync.SyncStatus, timezone: str
) -> tuple[str, str]:
    """The status bar's text and tooltip: online or offline, events waiting, last sync."""
    if not set_up or (report is not None and report.state == SyncState.UNCONFIGURED):
        why = report.error if report is not None else None
        if why is not None and why.field == "token":
            return translate("SyncStatus", "Sinkronisasi: token belum ada di komputer ini"), (
                error_text(why)
            )
        return translate("SyncStatus", "Sinkronisasi: belum diatur"), error_text(why) if why else ""
    waiting = translate("SyncStatus", "{count} menunggu").format(count=status.pending)
    last = translate("SyncStatus", "terakhir {when}").format(
        when=_when(status.last_success_at, timezone)
    )
    state = report.state if report else ""
    if state == SyncState.ONLINE:
        head = translate("SyncStatus", "● Daring")
    elif state == SyncState.SYNCING:
        head = translate("SyncStatus", "⟳ Menyinkronkan…")
    elif state == SyncState.REFUSED:
        head = translate("SyncStatus", "✕ Ditolak server")
    elif state == SyncState.OFFLINE:
        head = translate("SyncStatus", "○ Luring")
    else:
        head = translate("SyncStatus", "Sinkronisasi: memeriksa…")
    tip = ""
    if report is not None and report.error is not None:
        tip = error_text(report.error)
        if report.retry_in:
            tip += " " + translate("SyncStatus", "Dicoba lagi dalam {seconds} detik.").format(
                seconds=round(report.retry_in)
            )
    text = f"{head} · {waiting} · {last}"
    if status.open_conflicts:
        text += " · " + translate("SyncStatus", "{count} konflik NIK").format(
            count=status.open_conflicts
        )
    return text, tip
