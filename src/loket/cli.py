"""``loket-admin``: set up and look after a Loket database from the terminal.

Errors print one line and exit 1; there are no tracebacks for a user's mistake.
Output follows ``LOKET_LANG`` (``id``, the default, or ``en``).
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import sys
import uuid
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from sqlalchemy import make_url
from sqlalchemy.engine import URL

from loket import __version__
from loket.db.engine import (
    Database,
    default_database_url,
    describe_url,
    machine_config_file,
    password_key,
    sqlite_path,
    with_stored_password,
)
from loket.db.migrate import current_revision, open_database
from loket.db.provision import libpq_conninfo, provision_postgres
from loket.db.roles import counter_role
from loket.domain.errors import QT_TRANSLATE_NOOP, LoketError
from loket.domain.money import format_rupiah
from loket.domain.nik import mask_nik, parse_nik
from loket.i18n import env_language, error_text, set_language, translate
from loket.logs import log_file, setup_logging
from loket.private_files import write_private
from loket.services import (
    audit,
    backups,
    branch,
    participant_import,
    place,
    queue,
    recovery,
    settings,
    support,
    users,
)
from loket.services.actor import Actor, Role
from loket.services.demo_branch import create_living_demo

ADMIN = Actor.command_line()
ROLES = [r.value for r in Role]


class CliError(Exception):
    """A usage problem found by the CLI itself, already in words."""


def _out(text: str, **params: object) -> None:
    print(text.format(**params))


def _password_from_stdin(args: argparse.Namespace) -> str | None:
    """The password on standard input (``--password-stdin``, or input that is not a
    terminal), or None when it is to be typed."""
    if not (args.password_stdin or not sys.stdin.isatty()):
        return None
    line = sys.stdin.readline()
    if not line:
        raise CliError(translate("cli", "Kata sandi tidak terbaca dari input standar."))
    return line.rstrip("\r\n")


def _read_password(args: argparse.Namespace, username: str) -> str:
    if (given := _password_from_stdin(args)) is not None:
        return given
    first = getpass.getpass(
        translate("cli", "Kata sandi baru untuk {user}: ").format(user=username)
    )
    if getpass.getpass(translate("cli", "Ulangi kata sandi: ")) != first:
        raise CliError(translate("cli", "Kedua kata sandi tidak sama."))
    return first


def _new_role_password(args: argparse.Namespace, role: str) -> str:
    """A new PostgreSQL role's password: typed twice, or a line of standard input (one per
    role made, in the order init makes them) — never on the command line."""
    if not sys.stdin.isatty():
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass(
            translate("cli", "Kata sandi baru peran PostgreSQL {role}: ").format(role=role)
        )
        if getpass.getpass(translate("cli", "Ulangi kata sandi: ")) != password:
            raise CliError(translate("cli", "Kedua kata sandi tidak sama."))
    if len(password) < 12:
        raise CliError(
            translate("cli", "Kata sandi peran PostgreSQL {role} minimal 12 karakter.").format(
                role=role
            )
        )
    return password


def _with_password(url: str | URL) -> URL:
    """A database URL with what logs it in: its own password, the one the keyring keeps,
    libpq's own (``~/.pgpass``, ``PGPASSWORD``, peer) — else, at a terminal, one typed now
    and kept nowhere. Passwords never need the command line."""
    u = with_stored_password(make_url(url))
    if u.get_backend_name() != "postgresql" or u.password or not sys.stdin.isatty():
        return u
    import psycopg

    try:
        psycopg.connect(libpq_conninfo(u), connect_timeout=10).close()
    except psycopg.OperationalError as exc:
        if "password" in str(exc):
            typed = getpass.getpass(
                translate("cli", "Kata sandi {account}: ").format(account=password_key(u))
            )
            return u.set(password=typed)
    return u


def cmd_init(db: Database, args: argparse.Namespace) -> int:
    if args.branch_code or args.branch_name:
        if not (args.branch_code and args.branch_name):
            raise CliError(translate("cli", "--branch-code dan --branch-name harus diisi bersama."))
        if not args.province:  # the time zone follows it: no silent default
            raise CliError(
                translate(
                    "cli",
                    "--province wajib diisi (mis. 64 untuk Kalimantan Timur): zona waktu "
                    "cabang mengikutinya.",
                )
            )
        b = branch.initialize_branch(
            db,
            ADMIN,
            code=args.branch_code,
            name=args.branch_name,
            province_code=args.province,
            address=args.address,
            kpj_prefix=args.kpj_prefix,
        )
        _out(
            translate("cli", "Cabang {code} ({name}) disiapkan dengan Loket 1."),
            code=b.code,
            name=b.name,
        )
    _out(
        translate("cli", "Database siap: {db} (skema {rev})."),
        db=db.description,
        rev=current_revision(db),
    )
    if branch.get_home_branch(db) is None:
        _out(
            translate(
                "cli",
                "Belum ada cabang: jalankan 'loket-admin init --branch-code …' atau demo.",
            )
        )
    given = make_url(args.db).set(password=None) if getattr(args, "db", None) else None
    if given is not None and given != make_url(default_database_url()).set(password=None):
        if given.get_backend_name() == "postgresql" and given.username:  # counters: their role
            given = given.set(username=counter_role(given.username))
        _out(
            translate(
                "cli",
                "Perintah lain di komputer ini memakai database lain ({default}) kecuali diberi "
                "--db. Agar komputer ini memakai database ini: 'sudo loket-admin connect "
                "--config-only {url}' (dengan alamat jaringan komputer utama bagi loket lain).",
            ),
            default=describe_url(default_database_url()),
            url=given.render_as_string(hide_password=True),
        )
    return 0


def cmd_branch_set_kpj_prefix(db: Database, args: argparse.Namespace) -> int:
    b = branch.set_kpj_prefix(db, ADMIN, args.prefix)
    _out(translate("cli", "Awalan KPJ cabang {code}: {prefix}."), code=b.code, prefix=b.kpj_prefix)
    return 0


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
        _out(translate("cli", "Baris yang ditolak dan alasannya: {file}"), file=errors_path)
    return 0


def cmd_demo(db: Database, args: argparse.Namespace) -> int:
    home = branch.get_home_branch(db)
    if home is not None and args.if_new:
        _out(
            translate("cli", "Database sudah berisi cabang {code}; demo tidak dibuat."),
            code=home.code,
        )
        return 0
    # never over a branch's data, demo or real: create_demo refuses where a branch exists
    if args.bare:
        passwords = branch.create_demo(db)
        _out(
            translate("cli", "Cabang demo KC Banjarmasin (BJM) dibuat di {db}."), db=db.description
        )
    else:
        passwords, made = create_living_demo(db)
        _out(
            translate("cli", "Cabang demo KC Banjarmasin (BJM) dibuat di {db}."), db=db.description
        )
        _out(
            translate(
                "cli",
                "{people} peserta, {receipts} kuitansi (dibatalkan: {voided}); klaim {waiting} "
                "menunggu persetujuan kepala; klaim {handed} sudah diserahterimakan.",
            ),
            people=made.participants,
            receipts=made.receipts,
            voided=made.voided,
            waiting=made.awaiting_approval,
            handed=made.handed_over,
        )
    _out(translate("cli", "Catat kata sandi ini; hanya ditampilkan sekali:"))
    for username, password in passwords.items():
        _out("  {user:<12} {pw}", user=username, pw=password)
    return 0


def cmd_user_add(db: Database, args: argparse.Namespace) -> int:
    password = _read_password(args, args.username)
    u = users.add_user(
        db, ADMIN, username=args.username, full_name=args.name, role=args.role, password=password
    )
    _out(
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
        _out(
            "{user:<16} {role:<11} {state:<10} {name}",
            user=u.username,
            role=u.role.value,
            state=state,
            name=u.full_name,
        )
    return 0


def cmd_user_disable(db: Database, args: argparse.Namespace) -> int:
    users.set_user_active(db, ADMIN, args.username, False)
    _out(translate("cli", "Pengguna {user} dinonaktifkan."), user=args.username)
    return 0


def cmd_user_enable(db: Database, args: argparse.Namespace) -> int:
    users.set_user_active(db, ADMIN, args.username, True)
    _out(translate("cli", "Pengguna {user} diaktifkan."), user=args.username)
    return 0


def cmd_user_set_role(db: Database, args: argparse.Namespace) -> int:
    u = users.set_role(db, ADMIN, args.username, args.role)
    _out(
        translate("cli", "Peran {user} kini {role} (berlaku saat ia masuk berikutnya)."),
        user=u.username,
        role=u.role.value,
    )
    return 0


def cmd_user_reset_password(db: Database, args: argparse.Namespace) -> int:
    users.reset_password(db, ADMIN, args.username, _read_password(args, args.username))
    _out(translate("cli", "Kata sandi {user} diatur ulang; kunci akun dibuka."), user=args.username)
    return 0


def cmd_counter_add(db: Database, args: argparse.Namespace) -> int:
    c = branch.add_counter(db, ADMIN, name=args.name)
    _out(translate("cli", "{name} (nomor {number}) ditambahkan."), name=c.name, number=c.number)
    return 0


def cmd_counter_set_printer(db: Database, args: argparse.Namespace) -> int:
    c = branch.set_counter_printer(db, ADMIN, args.number, printer=args.printer, paper=args.paper)
    _out(
        translate("cli", "{name}: printer {printer}, kertas {paper}."),
        name=c.name,
        printer=c.receipt_printer or translate("cli", "(bawaan sistem)"),
        paper=c.paper,
    )
    return 0


def cmd_counter_test_page(db: Database, args: argparse.Namespace) -> int:
    counter, pdf = branch.printer_check_page(db, ADMIN, args.number)
    out = Path(args.out)
    try:
        write_private(out, pdf)
    except OSError as exc:
        raise CliError(f"{out}: {exc.strerror or exc}") from None
    _out(
        translate("cli", "Halaman uji {name} ditulis ke {file}."), name=counter.name, file=str(out)
    )
    return 0


def cmd_counter_list(db: Database, args: argparse.Namespace) -> int:
    for c in branch.all_counters(db, ADMIN):
        _out(
            "{number:>3}  {name:<20} {paper:<6} {printer}{retired}",
            number=c.number,
            name=c.name,
            paper=c.paper,
            printer=c.receipt_printer,
            retired="" if c.active else "  " + translate("cli", "(dihentikan)"),
        )
    return 0


def cmd_counter_rename(db: Database, args: argparse.Namespace) -> int:
    c = branch.rename_counter(db, ADMIN, args.number, args.name)
    _out(translate("cli", "Loket nomor {number} kini {name}."), number=c.number, name=c.name)
    return 0


def cmd_counter_retire(db: Database, args: argparse.Namespace) -> int:
    c = branch.set_counter_active(db, ADMIN, args.number, False)
    _out(translate("cli", "{name} dihentikan."), name=c.name)
    return 0


def cmd_counter_reopen(db: Database, args: argparse.Namespace) -> int:
    c = branch.set_counter_active(db, ADMIN, args.number, True)
    _out(translate("cli", "{name} melayani lagi."), name=c.name)
    return 0


def cmd_branch_set(db: Database, args: argparse.Namespace) -> int:
    now = branch.get_home_branch(db)  # what is not given stays (None: update_branch says)

    def given(value: str | None, field: str) -> str:
        return value if value is not None else getattr(now, field, "")

    b = branch.update_branch(
        db,
        ADMIN,
        name=given(args.name, "name"),
        address=given(args.address, "address"),
        phone=given(args.phone, "phone"),
    )
    _out("{name} · {address} · {phone}", name=b.name, address=b.address, phone=b.phone)
    return 0


def cmd_queue_services(db: Database, args: argparse.Namespace) -> int:
    for s in queue.list_services(db):
        _out(
            "{prefix}  {name:<32} {quota:<16} {state:<10} {issued} / {waiting}",
            prefix=s.prefix,
            name=s.name,
            quota=translate("cli", "kuota {n}").format(n=s.daily_quota)
            if s.daily_quota
            else translate("cli", "tanpa kuota"),
            state=translate("cli", "aktif") if s.active else translate("cli", "nonaktif"),
            issued=translate("cli", "hari ini {n} nomor").format(n=s.issued),
            waiting=translate("cli", "{n} menunggu").format(n=s.waiting),
        )
    return 0


def cmd_queue_service(db: Database, args: argparse.Namespace) -> int:
    queue.configure_service(
        db,
        ADMIN,
        args.prefix,
        name=args.name,
        daily_quota=args.quota,
        active=False if args.retire else True if args.reopen else None,
    )
    return cmd_queue_services(db, args)


def cmd_queue_counter(db: Database, args: argparse.Namespace) -> int:
    letters = [p for p in args.services.replace(" ", "").split(",") if p]
    queue.set_counter_services(db, ADMIN, args.number, letters)
    _out(
        translate("cli", "Loket {number} melayani: {services}."),
        number=args.number,
        services=", ".join(letters) or translate("cli", "semua layanan"),
    )
    return 0


def cmd_queue_figures(db: Database, args: argparse.Namespace) -> int:
    day = queue.day_figures(db, ADMIN, args.date or place.today_at_home(db))

    def minutes(seconds: float | None) -> str:
        return "-" if seconds is None else f"{seconds / 60:.1f}"

    for f in [*day.by_service, *day.by_counter, replace(day.total, label="Total")]:
        _out(
            translate(
                "cli",
                "{label:<32} {issued} nomor, {served} dilayani, {no_show} tidak hadir, "
                "{left} masih menunggu; tunggu rata-rata {wait} menit, layanan {service} "
                "menit; nilai {rating} ({ratings})",
            ),
            label=f.label,
            issued=f.issued,
            served=f.served,
            no_show=f.no_show,
            left=f.waiting_left,
            wait=minutes(f.wait_mean),
            service=minutes(f.service_mean),
            rating="-" if f.rating_mean is None else f"{f.rating_mean:.1f}",
            ratings=f.ratings,
        )
    return 0


def cmd_setting_list(db: Database, args: argparse.Namespace) -> int:
    for state in sorted(settings.list_settings(db), key=lambda st: st.key):
        _out(
            "{key} = {value}{source}",
            key=state.key,
            value=json.dumps(state.value),
            source=(
                "  " + translate("cli", "(ditetapkan server pusat)")
                if state.published_at is not None
                else ""
            ),
        )
    return 0


def cmd_setting_set(db: Database, args: argparse.Namespace) -> int:
    if args.key not in settings.SETTINGS:
        raise LoketError(
            QT_TRANSLATE_NOOP("LoketError", "Pengaturan {key} tidak ada."),
            field="key",
            key=args.key,
        )
    try:
        value = json.loads(args.value)
    except json.JSONDecodeError:
        value = args.value  # a bare word: a string
    settings.set_setting(db, ADMIN, args.key, value)
    _out("{key} = {value}", key=args.key, value=json.dumps(value))
    return 0


def cmd_backup(db: Database, args: argparse.Namespace) -> int:
    made = backups.backup(db, ADMIN, Path(args.dir) if args.dir else None)
    _out(
        translate("cli", "Cadangan {file} ({size} MB) diperiksa: utuh, {entries} entri audit."),
        file=str(made.path),
        size=f"{made.size / 1_000_000:.1f}",
        entries=made.audit_entries,
    )
    for old in made.deleted:
        _out(translate("cli", "  dihapus (rotasi): {file}"), file=old.name)
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Runs without opening the database: it may be the broken one being replaced."""
    url = _with_password(getattr(args, "db", None) or default_database_url())
    target = sqlite_path(url)
    if target is None:  # PostgreSQL: the branch's .dump, through pg_restore
        done = backups.restore_postgres(Path(args.file), url, other_branch=args.other_branch)
    else:
        done = backups.restore(Path(args.file), target, other_branch=args.other_branch)
    _out(
        translate("cli", "Dipulihkan dari {file}: {entries} entri audit, rantai utuh."),
        file=args.file,
        entries=done.audit_entries,
    )
    if done.set_aside is not None:
        _out(
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
            _out(
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
                _out(
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
                _say_recovery(found)
                _say_next_numbers(db)
        else:
            _out(
                translate(
                    "cli",
                    "Sinkronisasi tidak diatur: yang dibuat setelah cadangan ini tidak bisa "
                    "dicari di server pusat. Periksa arsip kertas (kuitansi, klaim).",
                )
            )
            _say_next_numbers(db)
    finally:
        db.close()
    return 0


def _read_token(code: str, prompt: str, *, from_stdin: bool, optional: bool = False) -> str:
    """A branch token — a line of standard input, or typed at the terminal — that must be
    ``code``'s ("" when ``optional`` and left empty)."""
    from loket.domain.bundle import token_branch

    token = (sys.stdin.readline() if from_stdin else getpass.getpass(prompt)).strip()
    if (token or not optional) and token_branch(token) != code:
        raise CliError(translate("cli", "Itu bukan token cabang {code}.").format(code=code))
    return token


def _token_for_now(db: Database) -> str:
    """The branch token for one recovery, typed at the terminal ("" : skipped); not kept."""
    if not sys.stdin.isatty():
        return ""
    home = branch.get_home_branch(db)
    code = home.code if home else "?"
    prompt = translate("cli", "Token cabang {code} untuk menanyai server pusat (Enter: lewati): ")
    return _read_token(code, prompt.format(code=code), from_stdin=False, optional=True)


def _say_next_numbers(db: Database) -> None:
    _out(
        translate(
            "cli",
            "Nomor berikutnya: {numbers}. Dokumen kertas bernomor itu atau lebih besar dibuat "
            "sesudah semua yang tersimpan di sini dan di server pusat, dan hilang bersama "
            "disknya: masukkan lagi dari arsip kertas.",
        ),
        numbers=", ".join(recovery.next_numbers(db)),
    )


def _say_recovery(found: recovery.Recovery) -> None:
    _out(
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
            _out(label)
            for item in items:
                _out("  {item}", item=item)


def _keep_token(db: Database) -> None:
    """The branch's token into this user's keyring as well, where it is not yet: every user
    of a counter needs it — to sync, for the audit trail's NIK key and to sign the
    documents' QR codes. Typed (Enter skips it), or the next line of standard input."""
    from loket.keys import load_token, store_token

    home = branch.get_home_branch(db)
    if home is None or load_token(home.code):
        return
    prompt = translate("cli", "Token cabang {code} (Enter: lewati): ").format(code=home.code)
    token = _read_token(home.code, prompt, from_stdin=not sys.stdin.isatty(), optional=True)
    if not token:
        _out(
            translate(
                "cli",
                "Tanpa token cabang komputer ini tidak sinkron dan kode QR dokumennya tidak "
                "ditandatangani: sebagai pengguna ini jalankan 'loket-admin sync set-token'.",
            )
        )
        return
    store_token(home.code, token)
    _out(translate("cli", "Token cabang {code} disimpan di keyring pengguna ini."), code=home.code)


def cmd_connect(args: argparse.Namespace) -> int:
    """This computer's database (a counter of a branch with several): the account's password
    into the keyring of the user running it, the connection tried, and the URL — without the
    password — into the computer's settings file (when this user may write it)."""
    from loket.db.engine import (
        DATABASE_SECRETS,
        describe_url,
        machine_config_file,
        machine_database_url,
    )
    from loket.keys import store_secret

    url = make_url(args.url)
    if url.get_backend_name() == "postgresql" and not args.config_only:
        password = url.password or _password_from_stdin(args)
        if password is None:
            password = getpass.getpass(
                translate("cli", "Kata sandi {account}: ").format(account=password_key(url))
            )
        store_secret(DATABASE_SECRETS, password_key(url), password)
        url = url.set(password=None)
        db = open_database(url, create=False)  # the stored password: it works, or says why
        try:
            _out(
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
        _out(
            translate("cli", "Komputer ini sudah memakai {db} ({file})."),
            db=describe_url(url),
            file=str(target),
        )
        return 0
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"[database]\nurl = {line}\n", encoding="utf-8")
    except OSError:
        _out(
            translate(
                "cli",
                "{file} tidak bisa ditulis pengguna ini: sebagai administrator/root jalankan "
                "'loket-admin connect --config-only {url}'.",
            ),
            file=str(target),
            url=line,
        )
        return 4
    _out(
        translate("cli", "Komputer ini memakai {db} ({file})."),
        db=describe_url(url),
        file=str(target),
    )
    return 0


def cmd_support_bundle(db: Database, args: argparse.Namespace) -> int:
    out = support.write_bundle(db, ADMIN, Path(args.file))
    _out(
        translate("cli", "Bundel dukungan {file} ditulis (log, versi, pengaturan, audit; "
                         "tanpa data pribadi dan rahasia)."),
        file=str(out),
    )  # fmt: skip
    return 0


def cmd_audit_verify(db: Database, args: argparse.Namespace) -> int:
    if args.against_server:
        return _verify_against_server(db)
    report = audit.verify_chain(db)
    if report.ok:
        _out(translate("cli", "Rantai audit utuh: %n entri diperiksa.", "", report.entries))
        return 0
    _out(
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
        _out(
            "#{seq} {at} {action} {entity}",
            seq=seq,
            at=at.isoformat(timespec="seconds"),
            action=action,
            entity=entity,
        )
    _out(translate("cli", "%n entri tentang NIK {nik}.", "", len(found)), nik=mask_nik(nik))
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
        _out(
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
        _out(translate("cli", "Rantai audit RUSAK: {problem}."), problem=problem)
        return 3
    if seq == 0:
        _out(
            translate(
                "cli",
                "Rantai audit utuh: {count} entri; server pusat belum pernah menerima "
                "jangkarnya, jadi tidak ada yang terbukti di luar komputer ini.",
            ),
            count=chain.entries,
        )
        return 0
    _out(
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
    return _read_token(code, prompt, from_stdin=args.token_stdin or not sys.stdin.isatty())


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
    _out(translate("cli", "Token disimpan di keyring sistem."))
    return 0


def cmd_sync_status(db: Database, args: argparse.Namespace) -> int:
    from zoneinfo import ZoneInfo

    from loket.services.sync import refused_events, status
    from loket.sync.worker import configured_client, not_configured

    now = status(db)
    home = branch.get_home_branch(db)
    tz = ZoneInfo(home.timezone if home else "Asia/Makassar")
    last = now.last_success_at
    _out(
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
        _out(translate("cli", "Galat terakhir: {error}"), error=now.last_error)
    if configured_client(db) is None:
        _out("{why}", why=error_text(not_configured(db)))
    if (found := recovery.unacknowledged(db)) is not None:
        _say_recovery(found)
        _out(
            translate(
                "cli",
                "Daftar ini tampil di setiap loket sampai seorang supervisor menandainya "
                "sudah ditangani di aplikasi.",
            )
        )
    refused = refused_events(db)
    if refused:
        _out(translate("cli", "Ditolak server pusat (tidak diterapkan di sana):"))
    for e in refused:
        _out(
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
        _say_recovery(report.recovered)
        _say_next_numbers(db)
    _out(
        translate("cli", "{pushed} kejadian terkirim, {pulled} data rujukan diterima."),
        pushed=report.pushed,
        pulled=report.pulled,
    )
    return 0


def cmd_sync_export(db: Database, args: argparse.Namespace) -> int:
    from loket.sync.engine import export_events

    count = export_events(db, _branch_token(db, args), Path(args.file))
    _out(
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
    _out(
        translate("cli", "{stored} data rujukan disimpan; {acked} kejadian dinyatakan terkirim."),
        stored=stored,
        acked=acked,
    )
    return 0


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def cmd_report(db: Database, args: argparse.Namespace) -> int:
    from loket.services.closing import save_report

    out = Path(args.out)
    report = save_report(db, ADMIN, args.first, args.last, args.format, out)
    _out(
        translate("cli", "Laporan {first} s.d. {last} ditulis ke {file}: {receipts} kuitansi, "
                  "{paid} diterima."),
        first=args.first.isoformat(),
        last=args.last.isoformat(),
        file=out,
        receipts=report.receipts,
        paid=format_rupiah(report.paid),
    )  # fmt: skip
    return 0


def cmd_closing_status(db: Database, args: argparse.Namespace) -> int:
    from zoneinfo import ZoneInfo

    from loket.services.branch import get_home_branch
    from loket.services.closing import recent_days
    from loket.services.place import today_at_home

    home = get_home_branch(db)
    tz = ZoneInfo(home.timezone if home else "Asia/Makassar")
    last = args.date or today_at_home(db)
    days = recent_days(db, ADMIN, last, args.days)
    for day in days:
        if day.closed and day.closed_at is not None:
            state = translate("cli", "ditutup oleh {name} {at}, audit #{seq}").format(
                name=day.closed_by,
                at=day.closed_at.astimezone(tz).strftime("%d-%m-%Y %H:%M"),
                seq=day.audit_seq,
            )
        elif day.drawers:
            state = translate("cli", "terbuka")
        else:
            state = translate("cli", "terbuka, tanpa sesi kas")
        _out("{day}  {state}", day=day.day.isoformat(), state=state)
        for d in day.drawers:
            opened, shut = translate("cli", "kas terbuka"), translate("cli", "kas ditutup")
            drawer = opened if d.open else shut
            _out(
                "  {counter} ({holder}), {date}: {state}",
                counter=d.counter,
                holder=d.holder,
                date=d.business_date.isoformat(),
                state=drawer,
            )
    return 0 if all(d.closed for d in days[:1]) else 4


Command = Callable[[Database, argparse.Namespace], int] | Callable[[argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="URL",
        default=argparse.SUPPRESS,
        help=f"database URL (default: LOKET_DB_URL, else the computer's settings file "
        f"{machine_config_file()}, else loket.db in the user's data folder)",
    )
    parser = argparse.ArgumentParser(prog="loket-admin", parents=[common], description=__doc__)
    parser.add_argument("--version", action="version", version=f"loket {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(
        name: str,
        func: Command,
        help_: str,
        into: argparse._SubParsersAction[argparse.ArgumentParser] = sub,
    ) -> argparse.ArgumentParser:
        p = into.add_parser(name, parents=[common], help=help_)
        p.set_defaults(func=func)
        return p

    p = add("init", cmd_init, "create or upgrade the database; optionally set up the branch")
    p.set_defaults(creates_db=True)
    p.add_argument("--branch-code", help="e.g. BJM")
    p.add_argument("--branch-name", help='e.g. "KC Banjarmasin"')
    p.add_argument(
        "--province",
        help="the branch's province code, e.g. 64 (Kalimantan Timur); its time zone follows "
        "it (required with --branch-code)",
    )
    p.add_argument("--address", default="")
    p.add_argument("--kpj-prefix", help="the branch's 3-digit KPJ range, from the central office")
    p.add_argument(
        "--superuser-url",
        metavar="URL",
        help="PostgreSQL: first create the role and database --db names, as this superuser "
        "(e.g. postgresql://postgres@localhost/postgres)",
    )
    p = add(
        "connect",
        cmd_connect,
        "make this computer a counter of a branch database (PostgreSQL): the password into "
        "your keyring, the URL into the computer's settings",
    )
    p.add_argument("url", help="e.g. postgresql+psycopg://loket@10.20.1.5/loket")
    p.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    p.add_argument(
        "--config-only",
        action="store_true",
        help="only write the computer's settings (as administrator/root; no password asked)",
    )
    p.set_defaults(opens_db=False)
    p = add(
        "demo",
        cmd_demo,
        "create the demo branch KC Banjarmasin: users, a few hundred participants, six "
        "months of dues, claims (refused where a branch exists)",
    )
    p.add_argument(
        "--if-new", action="store_true", help="do nothing if the database already has a branch"
    )
    p.add_argument(
        "--bare",
        action="store_true",
        help="only the branch, its counters and users (no participants, dues or claims)",
    )
    p.set_defaults(creates_db=True)

    p = add("support-bundle", cmd_support_bundle, "logs, versions and checks for the IT desk")
    p.add_argument("file", help="the zip to write")
    p = add("backup", cmd_backup, "a checked copy of the database, kept with rotation")
    p.add_argument("dir", nargs="?", help="folder (default: 'backups' next to the database)")
    p = add(
        "restore",
        cmd_restore,
        "put a backup in place of the branch's database, SQLite (.db) or PostgreSQL (.dump); "
        "refused while Loket has it open; then recover what the server holds",
    )
    p.add_argument("file")
    p.add_argument(
        "--other-branch",
        action="store_true",
        help="restore a backup of another branch than the database it replaces",
    )
    p.set_defaults(opens_db=False)

    br = sub.add_parser("branch", help="this branch").add_subparsers(
        dest="branch_command", required=True, metavar="ACTION"
    )
    p = add("set-kpj-prefix", cmd_branch_set_kpj_prefix, "set the branch's KPJ range", br)
    p.add_argument("prefix", help="3 digits, e.g. 631")
    p = add("set", cmd_branch_set, "the name, address and phone printed on documents", br)
    p.add_argument("--name")
    p.add_argument("--address")
    p.add_argument("--phone")

    pa = sub.add_parser("participants", help="participants").add_subparsers(
        dest="participants_command", required=True, metavar="ACTION"
    )
    p = add("import", cmd_participants_import, "import the central office's CSV export", pa)
    p.add_argument("file", metavar="FILE.csv")
    p.add_argument(
        "--update-existing",
        action="store_true",
        help="update participants whose NIK is already here (default: skip them)",
    )
    p.add_argument(
        "--errors", metavar="FILE", help="where to write rejected rows (default: FILE.errors.csv)"
    )
    p.add_argument("--batch-size", type=int, default=50_000, help="rows per transaction")

    user = sub.add_parser("user", help="user accounts").add_subparsers(
        dest="user_command", required=True, metavar="ACTION"
    )
    p = add("add", cmd_user_add, "add a user", user)
    p.add_argument("username")
    p.add_argument("--name", required=True, help="full name")
    p.add_argument("--role", required=True, choices=ROLES)
    p.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    add("list", cmd_user_list, "list users", user)
    add("disable", cmd_user_disable, "disable a user", user).add_argument("username")
    add("enable", cmd_user_enable, "enable a disabled user", user).add_argument("username")
    p = add("set-role", cmd_user_set_role, "give a user another role", user)
    p.add_argument("username")
    p.add_argument("role", choices=ROLES)
    p = add("reset-password", cmd_user_reset_password, "set a new password and lift a lock", user)
    p.add_argument("username")
    p.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )

    counter = sub.add_parser("counter", help="service counters").add_subparsers(
        dest="counter_command", required=True, metavar="ACTION"
    )
    add("add", cmd_counter_add, "add a counter", counter).add_argument("--name", default="")
    add("list", cmd_counter_list, "list counters (retired ones marked)", counter)
    p = add("rename", cmd_counter_rename, "rename a counter", counter)
    p.add_argument("number", type=int)
    p.add_argument("name")
    p = add("retire", cmd_counter_retire, "stop a counter serving (its records stay)", counter)
    p.add_argument("number", type=int)
    p = add("reopen", cmd_counter_reopen, "bring a retired counter back", counter)
    p.add_argument("number", type=int)
    p = add(
        "test-page", cmd_counter_test_page, "write counter N's printer test page (PDF)", counter
    )
    p.add_argument("number", type=int)
    p.add_argument("--out", required=True, metavar="FILE")
    p = add("set-printer", cmd_counter_set_printer, "set a counter's receipt printer", counter)
    p.add_argument("number", type=int)
    p.add_argument(
        "--printer",
        default="",
        help="system printer name (default: the system default), or an ESC/POS "
        "thermal printer: escpos+tcp://HOST[:PORT], escpos+usb://VID:PID, escpos+file:///dev/...",
    )
    p.add_argument("--paper", default="80mm", choices=["80mm", "a5"])

    qu = sub.add_parser("queue", help="the queue's services and figures").add_subparsers(
        dest="queue_command", required=True, metavar="ACTION"
    )
    add("services", cmd_queue_services, "the services, their quotas and today's numbers", qu)
    p = add("service", cmd_queue_service, "add or change a service (one letter)", qu)
    p.add_argument("prefix", help="its letter, e.g. E")
    p.add_argument("--name")
    p.add_argument("--quota", type=int, help="the day's tickets (0: no limit)")
    state = p.add_mutually_exclusive_group()
    state.add_argument("--retire", action="store_true", help="no more tickets for it")
    state.add_argument("--reopen", action="store_true")
    p = add("counter", cmd_queue_counter, "the services a counter serves, in its order", qu)
    p.add_argument("number", type=int)
    p.add_argument("services", help='letters in order of preference, e.g. "C,A" ("" for all)')
    p = add("figures", cmd_queue_figures, "waiting and service times of a day", qu)
    p.add_argument("--date", type=_date, metavar="DATE", help="default: today")

    st = sub.add_parser("setting", help="branch-wide settings").add_subparsers(
        dest="setting_command", required=True, metavar="ACTION"
    )
    add("list", cmd_setting_list, "show every setting and its value", st)
    p = add("set", cmd_setting_set, "change a setting (the value as JSON)", st)
    p.add_argument("key")
    p.add_argument("value", help='e.g. 75000000, \'["transfer", "cash"]\', restart')

    au = sub.add_parser("audit", help="the audit trail").add_subparsers(
        dest="audit_command", required=True, metavar="ACTION"
    )
    p = add("find-nik", cmd_audit_find_nik, "the audit entries about an NIK (by its hash)", au)
    p.add_argument("nik")
    p = add(
        "verify", cmd_audit_verify, "check the hash chain; exit 3 naming the first bad entry", au
    )
    p.add_argument(
        "--against-server",
        action="store_true",
        help="also against every head of the chain the central server received",
    )

    p = add("report", cmd_report, "the branch's figures for a period, as PDF, CSV or XLSX")
    p.add_argument("--from", dest="first", type=_date, required=True, metavar="DATE")
    p.add_argument("--to", dest="last", type=_date, required=True, metavar="DATE")
    p.add_argument("--format", choices=["pdf", "csv", "xlsx"], default="pdf")
    p.add_argument("--out", required=True, metavar="FILE")
    cl = sub.add_parser("closing", help="the daily closing").add_subparsers(
        dest="closing_command", required=True, metavar="ACTION"
    )
    p = add(
        "status", cmd_closing_status, "which days and counters are open or closed (exit 4: "
        "the day is still open)", cl,
    )  # fmt: skip
    p.add_argument("date", nargs="?", type=_date, help="YYYY-MM-DD (default: today)")
    p.add_argument("--days", type=int, default=1, help="also the days before it")

    sy = sub.add_parser("sync", help="the central server").add_subparsers(
        dest="sync_command", required=True, metavar="ACTION"
    )
    add("status", cmd_sync_status, "events waiting, last sync, open NIK conflicts", sy)
    add("now", cmd_sync_now, "push the outbox and pull reference data now", sy)
    token_help = "read the branch token from standard input"
    p = add("set-token", cmd_sync_set_token, "store the branch's token in the keyring", sy)
    p.add_argument("--token-stdin", action="store_true", help=token_help)
    p = add("export", cmd_sync_export, "write the waiting events to a signed bundle", sy)
    p.add_argument("file")
    p.add_argument("--token-stdin", action="store_true", help=token_help)
    p = add("import-reference", cmd_sync_import_reference, "apply the server's bundle", sy)
    p.add_argument("file")
    p.add_argument("--token-stdin", action="store_true", help=token_help)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if lang := env_language():
        set_language(lang)
    setup_logging("loket-admin")
    command = " ".join(
        str(getattr(args, key))
        for key in vars(args)
        if key.endswith("command") and getattr(args, key)
    )
    code = _run(args)
    logging.getLogger("loket.cli").info("loket-admin %s: exit %d", command, code)
    return code


def _run(args: argparse.Namespace) -> int:
    try:
        if not getattr(args, "opens_db", True):
            return int(args.func(args))
        url: str | URL = getattr(args, "db", None) or default_database_url()
        if superuser := getattr(args, "superuser_url", None):  # init: the roles and database
            typed: dict[str, str] = {}

            def new_password(role: str) -> str:
                typed[role] = _new_role_password(args, role)
                return typed[role]

            for made in provision_postgres(superuser, str(url), new_password):
                _out(translate("cli", "PostgreSQL: {what} dibuat."), what=made)
            owner = make_url(url)
            if owner.username in typed:  # the owner just made: logged in with what was typed
                url = owner.set(password=typed[owner.username])
        db = open_database(_with_password(url), create=getattr(args, "creates_db", False))
        if not getattr(args, "creates_db", False):  # which branch's database it acts on
            home = branch.get_home_branch(db)
            print(
                translate("cli", "Database: {db}, cabang {code}").format(
                    db=db.description, code=home.code if home else "-"
                ),
                file=sys.stderr,
            )
        try:
            return int(args.func(db, args))
        finally:
            db.close()
    except LoketError as exc:
        print(f"loket-admin: {error_text(exc)}", file=sys.stderr)
    except CliError as exc:
        print(f"loket-admin: {exc}", file=sys.stderr)
    except KeyboardInterrupt:
        print(file=sys.stderr)
    except EOFError:  # Ctrl-D (or the end of a script's input) at a password or token prompt
        print(
            "loket-admin: "
            + translate("cli", "masukan berakhir sebelum diketik; tidak ada yang diubah."),
            file=sys.stderr,
        )
    except Exception:  # never a traceback (nor the values in it) on the terminal
        reference = uuid.uuid4().hex[:8].upper()
        logging.getLogger("loket.cli").exception("unexpected error %s", reference)
        print(
            "loket-admin: "
            + translate(
                "cli", "kesalahan tak terduga (referensi {ref}); rinciannya di {log}"
            ).format(ref=reference, log=log_file()),
            file=sys.stderr,
        )
    return 1


if __name__ == "__main__":
    sys.exit(main())
