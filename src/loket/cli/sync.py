"""The audit trail's checks and the sync with the central server from the terminal."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from loket.cli.common import CliError, read_token, say
from loket.cli.recovery import say_next_numbers, say_recovery
from loket.db.engine import (
    Database,
)
from loket.domain.nik import mask_nik, parse_nik
from loket.i18n import error_text, translate
from loket.services import (
    audit,
    branch,
    place,
    recovery,
)


def cmd_audit_verify(db: Database, args: argparse.Namespace) -> int:
    if args.against_server:
        return _verify_against_server(db)
    report = audit.verify_chain(db)
    if report.ok:
        say(translate("cli", "Rantai audit utuh: %n entri diperiksa.", "", report.entries))
        return 0
    say(
        translate(
            "cli", "Rantai audit RUSAK pada entri {seq}: {problem} ({count} entri sebelumnya utuh)."
        ),
        seq=report.first_bad_seq,
        problem=report.problem,
        count=report.entries,
    )
    return 3


def cmd_audit_find_nik(db: Database, args: argparse.Namespace) -> int:
    nik = parse_nik(args.nik, today=place.today_at_home(db)).nik
    try:
        found = audit.entries_for_nik(db, nik)
    except audit.NoNikKey:
        raise CliError(
            translate(
                "cli",
                "Komputer ini tidak punya token cabang: jejak audit hanya menyimpan NIK "
                "tersamar, dan tanpa kuncinya tidak dapat dicocokkan.",
            )
        ) from None
    for seq, at, action, entity in found:
        say(
            "#{seq} {at} {action} {entity}",
            seq=seq,
            at=at.isoformat(timespec="seconds"),
            action=action,
            entity=entity,
        )
    say(translate("cli", "%n entri tentang NIK {nik}.", "", len(found)), nik=mask_nik(nik))
    return 0


def _verify_against_server(db: Database) -> int:
    from loket.services.sync import status
    from loket.sync.worker import configured_client, not_configured

    client = configured_client(db)
    if client is None:
        raise not_configured(db)
    with client:
        held = client.anchors(status(db).branch_code)
    report = audit.verify_against(db, [audit.Anchor.held(a) for a in held])
    seq, at = (held[-1]["seq"], held[-1]["received_at"]) if held else (0, "")
    chain = report.chain
    for restart in (h for h in held if h.get("restored_from") is not None):
        say(
            translate(
                "cli",
                "Cabang memulihkan cadangan: rantai kembali ke entri {seq} dan berlanjut "
                "dari sana (server pusat diberi tahu {at}).",
            ),
            seq=restart["restored_from"],
            at=restart["received_at"],
        )
    if not report.ok:
        problem = report.problem or chain.problem
        say(translate("cli", "Rantai audit RUSAK: {problem}."), problem=problem)
        return 3
    if seq == 0:
        say(
            translate(
                "cli",
                "Rantai audit utuh: {count} entri; server pusat belum pernah menerima "
                "jangkarnya, jadi tidak ada yang terbukti di luar komputer ini.",
            ),
            count=chain.entries,
        )
        return 0
    say(
        translate(
            "cli",
            "Rantai audit utuh: {count} entri; entri 1–{seq} terbukti sama dengan yang "
            "diterima server pusat ({at}); entri sesudahnya hanya tercatat di sini.",
        ),
        count=chain.entries,
        seq=report.proven_through,
        at=at,
    )
    return 0


def _typed_token(db: Database, args: argparse.Namespace) -> str:
    from loket.services.sync import status

    code = status(db).branch_code
    prompt = translate("cli", "Token cabang {code}: ").format(code=code)
    return read_token(code, prompt, from_stdin=args.token_stdin or not sys.stdin.isatty())


def _branch_token(db: Database, args: argparse.Namespace) -> str:
    """The branch's token: from the keyring, else typed (and not kept)."""
    from loket.keys import load_token
    from loket.services.sync import status

    if not args.token_stdin and (token := load_token(status(db).branch_code)):
        return token
    return _typed_token(db, args)


def cmd_sync_set_token(db: Database, args: argparse.Namespace) -> int:
    from loket.keys import store_token
    from loket.services.sync import status

    store_token(status(db).branch_code, _typed_token(db, args))
    say(translate("cli", "Token disimpan di keyring sistem."))
    return 0


def cmd_sync_status(db: Database, args: argparse.Namespace) -> int:
    from zoneinfo import ZoneInfo

    from loket.services.sync import refused_events, status
    from loket.sync.worker import configured_client, not_configured

    now = status(db)
    home = branch.get_home_branch(db)
    tz = ZoneInfo(home.timezone if home else "Asia/Makassar")
    last = now.last_success_at
    say(
        translate(
            "cli",
            "{pending} kejadian menunggu; sinkron terakhir berhasil {last}; konflik NIK "
            "terbuka {conflicts}; ditolak server pusat {refused}.",
        ),
        pending=now.pending,
        last=last.astimezone(tz).strftime("%d-%m-%Y %H:%M") if last else "-",
        conflicts=now.open_conflicts,
        refused=now.refused,
    )
    if now.last_error:
        say(translate("cli", "Galat terakhir: {error}"), error=now.last_error)
    if configured_client(db) is None:
        say("{why}", why=error_text(not_configured(db)))
    if (found := recovery.unacknowledged(db)) is not None:
        say_recovery(found)
        say(
            translate(
                "cli",
                "Daftar ini tampil di setiap loket sampai seorang supervisor menandainya "
                "sudah ditangani di aplikasi.",
            )
        )
    refused = refused_events(db)
    if refused:
        say(translate("cli", "Ditolak server pusat (tidak diterapkan di sana):"))
    for e in refused:
        say(
            "  #{seq} {type} {at}: {reason}",
            seq=e.seq,
            type=e.type,
            at=e.created_at.strftime("%d-%m-%Y %H:%M"),
            reason=e.reason,
        )
    return 0


def cmd_sync_now(db: Database, args: argparse.Namespace) -> int:
    from loket.sync.engine import sync_once
    from loket.sync.worker import configured_client, not_configured

    client = configured_client(db)
    if client is None:
        raise not_configured(db)
    with client:
        report = sync_once(db, client)
    if report.recovered is not None:  # the restore's list: here, not only in the log
        say_recovery(report.recovered)
        say_next_numbers(db)
    say(
        translate("cli", "{pushed} kejadian terkirim, {pulled} data rujukan diterima."),
        pushed=report.pushed,
        pulled=report.pulled,
    )
    return 0


def cmd_sync_export(db: Database, args: argparse.Namespace) -> int:
    from loket.sync.engine import export_events

    count = export_events(db, _branch_token(db, args), Path(args.file))
    say(
        translate("cli", "%n kejadian yang belum terkirim ditulis ke {file}.", "", count),
        file=args.file,
    )
    return 0


def cmd_sync_import_reference(db: Database, args: argparse.Namespace) -> int:
    from loket.domain.bundle import BundleError
    from loket.sync.engine import import_reference

    try:
        stored, acked = import_reference(db, _branch_token(db, args), Path(args.file))
    except (BundleError, OSError) as exc:
        raise CliError(
            translate("cli", "{file} ditolak, tidak ada yang diubah: {reason}").format(
                file=args.file, reason=exc
            )
        ) from None
    say(
        translate("cli", "{stored} data rujukan disimpan; {acked} kejadian dinyatakan terkirim."),
        stored=stored,
        acked=acked,
    )
    return 0
