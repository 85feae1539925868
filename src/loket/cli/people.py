"""The branch's users and the central office's participant export."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from loket.cli.common import ADMIN, read_password, say
from loket.db.engine import (
    Database,
)
from loket.i18n import translate
from loket.services import (
    participant_import,
    users,
)


def cmd_participants_import(db: Database, args: argparse.Namespace) -> int:
    source = Path(args.file)
    errors_path = Path(args.errors) if args.errors else source.with_suffix(".errors.csv")
    participant_import.check_source(source)
    participant_import.check_errors_path(errors_path, source)
    line = translate(
        "cli",
        "{read} baris dibaca: {imported} baru, {updated} diperbarui, "
        "{skipped} dilewati, {bad} ditolak",
    )

    def show(r: participant_import.ImportReport) -> None:
        text = line.format(
            read=r.read,
            imported=r.imported,
            updated=r.updated,
            skipped=r.skipped,
            bad=len(r.errors),
        )
        print(f"\r{text}", end="", file=sys.stderr, flush=True)

    try:
        report = participant_import.import_file(
            db,
            ADMIN,
            source,
            update_existing=args.update_existing,
            batch_size=args.batch_size,
            progress=show,
        )
    finally:
        print(file=sys.stderr)  # the progress line ends before any message
    if report.errors:
        participant_import.write_errors(errors_path, report.errors)
        say(translate("cli", "Baris yang ditolak dan alasannya: {file}"), file=errors_path)
    return 0


def cmd_user_add(db: Database, args: argparse.Namespace) -> int:
    password = read_password(args, args.username)
    u = users.add_user(
        db, ADMIN, username=args.username, full_name=args.name, role=args.role, password=password
    )
    say(
        translate("cli", "Pengguna {user} ({role}) ditambahkan."),
        user=u.username,
        role=u.role.value,
    )
    return 0


def cmd_user_list(db: Database, args: argparse.Namespace) -> int:
    for u in users.list_users(db, ADMIN):
        state = translate("cli", "aktif") if u.active else translate("cli", "nonaktif")
        if u.locked_until is not None:
            state += " " + translate("cli", "(terkunci sampai {time})").format(
                time=u.locked_until.isoformat(timespec="minutes")
            )
        say(
            "{user:<16} {role:<11} {state:<10} {name}",
            user=u.username,
            role=u.role.value,
            state=state,
            name=u.full_name,
        )
    return 0


def cmd_user_disable(db: Database, args: argparse.Namespace) -> int:
    users.set_user_active(db, ADMIN, args.username, False)
    say(translate("cli", "Pengguna {user} dinonaktifkan."), user=args.username)
    return 0


def cmd_user_enable(db: Database, args: argparse.Namespace) -> int:
    users.set_user_active(db, ADMIN, args.username, True)
    say(translate("cli", "Pengguna {user} diaktifkan."), user=args.username)
    return 0


def cmd_user_set_role(db: Database, args: argparse.Namespace) -> int:
    u = users.set_role(db, ADMIN, args.username, args.role)
    say(
        translate("cli", "Peran {user} kini {role} (berlaku saat ia masuk berikutnya)."),
        user=u.username,
        role=u.role.value,
    )
    return 0


def cmd_user_reset_password(db: Database, args: argparse.Namespace) -> int:
    users.reset_password(db, ADMIN, args.username, read_password(args, args.username))
    say(translate("cli", "Kata sandi {user} diatur ulang; kunci akun dibuka."), user=args.username)
    return 0
