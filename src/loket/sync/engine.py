"""One sync run: push the outbox in batches, then pull reference data page by page.

Each event is marked sent only after the server said it holds it, or set aside with the
server's reason when it was refused (the admin sees it; the events behind it go on). A
dropped connection, a lost answer or a crash leaves the batch pending and the next run
sends it again (the server answers each event once). The same steps, without a network,
are the sneakernet bundles for service units with no link at all.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from loket.db.engine import Database
from loket.domain.bundle import EVENTS, REFERENCE, Bundle, bundle_key, read_bundle, write_bundle
from loket.domain.errors import QT_TRANSLATE_NOOP
from loket.keys import KeyringUnavailable, registry_key, store_registry_key
from loket.private_files import write_private
from loket.services import queue, recovery, sync
from loket.services.audit import chain_head
from loket.services.clock import Clock, system_clock
from loket.services.errors import Conflict
from loket.sync.client import AnchorRefused, SyncClient, SyncError

log = logging.getLogger(__name__)

BATCH = 500


@dataclass(frozen=True)
class SyncReport:
    pushed: int
    pulled: int
    recovered: recovery.Recovery | None = None  # a restore's recovery, run by this sync


def sync_once(
    db: Database,
    client: SyncClient,
    *,
    batch: int = BATCH,
    clock: Clock = system_clock,
) -> SyncReport:
    """Raises :class:`SyncError` (after recording it for the status bar) when the server
    cannot be reached or refuses; what was acknowledged before stays marked sent."""
    branch = sync.status(db).branch_code
    pushed = pulled = 0
    try:
        recovered = recovery.recover(db, client, clock=clock)  # first, after a restore (once)
        while True:
            uuids, body = sync.pending_batch(db, batch)
            if not uuids:
                break
            try:
                answer = client.push_body(branch, body)
            except SyncError:
                sync.note_attempt(db, uuids)
                raise
            stored = set(answer.stored)
            pushed += sync.mark_sent(db, (u for u in uuids if u in stored), clock())
            # refused: set aside with the server's reason, for the admin; the rest go on
            sync.mark_refused(db, answer.refused, clock())
            if len(uuids) < batch or not (stored or answer.refused):
                break
        alarm: AnchorRefused | None = None
        if (head := chain_head(db)) is not None:  # the audit chain's head, held outside
            try:
                client.send_anchor(branch, head.seq, head.hash)
            except AnchorRefused as exc:  # said below, after the pull: sync goes on
                alarm = exc
        client.put_queue(branch, queue.snapshot(db, clock=clock))
        _keep_registry_key(branch, client)
        while True:
            page = client.pull(branch, sync.cursor(db))
            pulled += sync.apply_reference(db, page["items"], int(page["cursor"]))
            if not page["more"]:
                break
        if alarm is not None:
            raise alarm
    except SyncError as exc:
        sync.record_result(db, clock(), error=exc.text())
        raise
    sync.record_result(db, clock())
    return SyncReport(pushed, pulled, recovered)


def _keep_registry_key(branch: str, client: SyncClient) -> None:
    """The key the registry's NIK hashes are made with, into the keyring at the first sync
    (without it this computer's duplicate check cannot find other branches' NIKs: the
    server still finds the conflict when the registration arrives)."""
    if registry_key(branch) is not None:
        return
    try:
        store_registry_key(branch, client.registry_key(branch))
    except KeyringUnavailable:
        log.warning("no keyring here: other branches' NIKs are not checked on this computer")


def export_events(db: Database, token: str, path: Path, *, clock: Clock = system_clock) -> int:
    """Writes every pending event to a bundle signed with the branch's token. The events stay
    pending (a lost USB stick loses nothing) until the server acknowledges them: online, or
    through the next reference bundle; it keeps each once whichever way it arrives.
    Refused after a restore until a sync reached the server (see :mod:`recovery`): the
    events made since would be numbered over the ones the server holds."""
    if recovery.waiting(db) is not None:
        raise Conflict(
            QT_TRANSLATE_NOOP(
                "LoketError",
                "Database ini dipulihkan dari cadangan dan belum tersambung ke server pusat: "
                "sinkronkan sekali secara daring sebelum membuat bundel kejadian.",
            )
        )
    events = sync.pending_events(db)
    branch = sync.status(db).branch_code
    data = write_bundle(Bundle(EVENTS, branch, clock().isoformat(), events), bundle_key(token))
    tmp = path.with_suffix(path.suffix + ".part")
    write_private(tmp, data)
    tmp.replace(path)
    return len(events)


def import_reference(
    db: Database, token: str, path: Path, *, clock: Clock = system_clock
) -> tuple[int, int]:
    """Applies a reference bundle the server made for this branch and marks sent the events
    it acknowledges; refuses one that was changed, made for another branch, or is not a
    reference bundle. Returns (items stored, events acknowledged)."""
    branch = sync.status(db).branch_code
    key = bundle_key(token)
    bundle = read_bundle(path.read_bytes(), REFERENCE, lambda b: key if b == branch else None)
    stored = sync.apply_reference(db, bundle.items, bundle.cursor)
    return stored, sync.mark_sent_through(db, bundle.acked_through, clock())
