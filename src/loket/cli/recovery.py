"""Backups, restoring one (and the recovery from the central server it sets up), connecting a
counter to a PostgreSQL branch, the support bundle."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from sqlalchemy import make_url

from loket.cli.common import ADMIN, password_from_stdin, read_token, say, with_password
from loket.db.engine import (
    Database,
    default_database_url,
    describe_url,
    machine_config_file,
    password_key,
    sqlite_path,
)
from loket.db.migrate import current_revision, open_database
from loket.i18n import translate
from loket.services import (
    backups,
    branch,
    recovery,
    settings,
    support,
)


def cmd_backup(db: Database, args: argparse.Namespace) -> int:
    made = backups.backup(db, ADMIN, Path(args.dir) if args.dir else None)
    say(
        translate("cli", "Cadangan {file} ({size} MB) diperiksa: utuh, {entries} entri audit."),
        file=str(made.path),
        size=f"{made.size / 1_000_000:.1f}",
        entries=made.audit_entries,
    )
    for old in made.deleted:
        say(translate("cli", "  dihapus (rotasi): {file}"), file=old.name)
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Runs without opening the database: it may be the broken one being replaced."""
    url = with_password(getattr(args, "db", None) or default_database_url())
    target = sqlite_path(url)
    if target is None:  # PostgreSQL: the branch's .dump, through pg_restore
        done = backups.restore_postgres(Path(args.file), url, other_branch=args.other_branch)
    else:
        done = backups.restore(Path(args.file), target, other_branch=args.other_branch)
    say(
        translate("cli", "Dipulihkan dari {file}: {entries} entri audit, rantai utuh."),
        file=args.file,
        entries=done.audit_entries,
    )
    if done.set_aside is not None:
        say(
            translate("cli", "Database yang diganti disimpan sebagai {file}."),
            file=str(done.set_aside),
        )
    from loket.sync.client import SyncClient, SyncError
    from loket.sync.worker import configured_client

    db = open_database(url)  # brought up to date if the backup is older
    try:
        recovery.mark_restored(db, Path(args.file).name)
        client = configured_client(db)
        server = settings.get_setting(db, "sync_server_url")
        if client is None and server and (token := _token_for_now(db)):
            client = SyncClient(server, token)  # an IT officer's session holds no token
        if client is None and server:
            say(
                translate(
                    "cli",
                    "Tanpa token cabang di sini, server pusat belum ditanya. Sinkronisasi "
                    "pertama sebuah loket yang memegang token menarik yang kurang sebelum "
                    "mengirim apa pun, lalu menyebut nomor berikutnya; sampai itu jangan buka "
                    "loket (nomor sesudah cadangan bisa terpakai dua kali).",
                )
            )
        elif client is not None:
            try:
                with client:
                    found = recovery.recover(db, client)
            except SyncError as exc:
                say(
                    translate(
                        "cli",
                        "Server pusat belum bisa dihubungi ({problem}). Sinkronisasi berikutnya "
                        "menarik yang kurang sebelum mengirim apa pun; sampai itu, nomor "
                        "kuitansi sesudah cadangan bisa terpakai dua kali.",
                    ),
                    problem=exc.text(),
                )
            else:
                assert found is not None  # marked just above
                say_recovery(found)
                say_next_numbers(db)
        else:
            say(
                translate(
                    "cli",
                    "Sinkronisasi tidak diatur: yang dibuat setelah cadangan ini tidak bisa "
                    "dicari di server pusat. Periksa arsip kertas (kuitansi, klaim).",
                )
            )
            say_next_numbers(db)
    finally:
        db.close()
    return 0


def _token_for_now(db: Database) -> str:
    """The branch token for one recovery, typed at the terminal ("" : skipped); not kept."""
    if not sys.stdin.isatty():
        return ""
    home = branch.get_home_branch(db)
    code = home.code if home else "?"
    prompt = translate("cli", "Token cabang {code} untuk menanyai server pusat (Enter: lewati): ")
    return read_token(code, prompt.format(code=code), from_stdin=False, optional=True)


def say_next_numbers(db: Database) -> None:
    say(
        translate(
            "cli",
            "Nomor berikutnya: {numbers}. Dokumen kertas bernomor itu atau lebih besar dibuat "
            "sesudah semua yang tersimpan di sini dan di server pusat, dan hilang bersama "
            "disknya: masukkan lagi dari arsip kertas.",
        ),
        numbers=", ".join(recovery.next_numbers(db)),
    )


def say_recovery(found: recovery.Recovery) -> None:
    say(
        translate(
            "cli",
            "Dari server pusat: {events} kejadian sesudah cadangan ditarik kembali; rantai "
            "audit berlanjut dari entri {seq} (server diberi tahu).",
        ),
        events=found.events,
        seq=found.chain_end,
    )
    for label, items in (
        (translate("cli", "Kuitansi yang tidak ada di salinan ini (masukkan lagi dari arsip):"),
         found.receipts),
        (translate("cli", "Klaim yang tidak ada di salinan ini:"), found.claims),
        (translate("cli", "Berita acara yang tidak ada di salinan ini:"), found.handovers),
        (translate("cli", "Hari yang sudah ditutup di server:"), found.days_closed),
        (translate("cli", "Peserta terdaftar sesudah cadangan (kini dikenali cek ganda):"),
         found.registrations),
        (translate("cli", "PERHATIAN, nomor yang terpakai dua kali sejak pemulihan:"),
         found.issued_twice),
    ):  # fmt: skip
        if items:
            say(label)
            for item in items:
                say("  {item}", item=item)


def _keep_token(db: Database) -> None:
    """The branch's token into this user's keyring as well, where it is not yet: every user
    of a counter needs it — to sync, for the audit trail's NIK key and to sign the
    documents' QR codes. Typed (Enter skips it), or the next line of standard input."""
    from loket.keys import load_token, store_token

    home = branch.get_home_branch(db)
    if home is None or load_token(home.code):
        return
    prompt = translate("cli", "Token cabang {code} (Enter: lewati): ").format(code=home.code)
    token = read_token(home.code, prompt, from_stdin=not sys.stdin.isatty(), optional=True)
    if not token:
        say(
            translate(
                "cli",
                "Tanpa token cabang komputer ini tidak sinkron dan kode QR dokumennya tidak "
                "ditandatangani: sebagai pengguna ini jalankan 'loket-admin sync set-token'.",
            )
        )
        return
    store_token(home.code, token)
    say(translate("cli", "Token cabang {code} disimpan di keyring pengguna ini."), code=home.code)


def cmd_connect(args: argparse.Namespace) -> int:
    """This computer's database (a counter of a branch with several): the account's password
    into the keyring of the user running it, the connection tried, and the URL — without the
    password — into the computer's settings file (when this user may write it)."""
    from loket.db.engine import (
        DATABASE_SECRETS,
        machine_database_url,
    )
    from loket.keys import store_secret

    url = make_url(args.url)
    if url.get_backend_name() == "postgresql" and not args.config_only:
        password = url.password or password_from_stdin(args)
        if password is None:
            password = getpass.getpass(
                translate("cli", "Kata sandi {account}: ").format(account=password_key(url))
            )
        store_secret(DATABASE_SECRETS, password_key(url), password)
        url = url.set(password=None)
        db = open_database(url, create=False)  # the stored password: it works, or says why
        try:
            say(
                translate("cli", "Tersambung ke {db} (skema {rev}); kata sandi di keyring."),
                db=describe_url(url),
                rev=current_revision(db),
            )
            _keep_token(db)
        finally:
            db.close()
    line = url.render_as_string(hide_password=False)
    target = machine_config_file()
    if machine_database_url() == line:  # as it is already (run again, or by the installer)
        say(
            translate("cli", "Komputer ini sudah memakai {db} ({file})."),
            db=describe_url(url),
            file=str(target),
        )
        return 0
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"[database]\nurl = {line}\n", encoding="utf-8")
    except OSError:
        say(
            translate(
                "cli",
                "{file} tidak bisa ditulis pengguna ini: sebagai administrator/root jalankan "
                "'loket-admin connect --config-only {url}'.",
            ),
            file=str(target),
            url=line,
        )
        return 4
    say(
        translate("cli", "Komputer ini memakai {db} ({file})."),
        db=describe_url(url),
        file=str(target),
    )
    return 0


def cmd_support_bundle(db: Database, args: argparse.Namespace) -> int:
    out = support.write_bundle(db, ADMIN, Path(args.file))
    say(
        translate("cli", "Bundel dukungan {file} ditulis (log, versi, pengaturan, audit; "
                         "tanpa data pribadi dan rahasia)."),
        file=str(out),
    )  # fmt: skip
    return 0
