"""Setting a branch up: ``init``, ``demo``, the branch's details, its counters, the queue's
services and the settings."""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from pathlib import Path

from sqlalchemy import make_url

from loket.cli.common import ADMIN, CliError, say
from loket.db.engine import (
    Database,
    default_database_url,
    describe_url,
)
from loket.db.migrate import current_revision
from loket.db.roles import counter_role
from loket.domain.errors import QT_TRANSLATE_NOOP, LoketError
from loket.i18n import translate
from loket.private_files import write_private
from loket.services import (
    branch,
    place,
    queue,
    settings,
)
from loket.services.demo_branch import create_living_demo


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
        say(
            translate("cli", "Cabang {code} ({name}) disiapkan dengan Loket 1."),
            code=b.code,
            name=b.name,
        )
    say(
        translate("cli", "Database siap: {db} (skema {rev})."),
        db=db.description,
        rev=current_revision(db),
    )
    if branch.get_home_branch(db) is None:
        say(
            translate(
                "cli",
                "Belum ada cabang: jalankan 'loket-admin init --branch-code …' atau demo.",
            )
        )
    given = make_url(args.db).set(password=None) if getattr(args, "db", None) else None
    if given is not None and given != make_url(default_database_url()).set(password=None):
        if given.get_backend_name() == "postgresql" and given.username:  # counters: their role
            given = given.set(username=counter_role(given.username))
        say(
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
    say(translate("cli", "Awalan KPJ cabang {code}: {prefix}."), code=b.code, prefix=b.kpj_prefix)
    return 0


def cmd_demo(db: Database, args: argparse.Namespace) -> int:
    home = branch.get_home_branch(db)
    if home is not None and args.if_new:
        say(
            translate("cli", "Database sudah berisi cabang {code}; demo tidak dibuat."),
            code=home.code,
        )
        return 0
    # never over a branch's data, demo or real: create_demo refuses where a branch exists
    if args.bare:
        passwords = branch.create_demo(db)
        say(translate("cli", "Cabang demo KC Banjarmasin (BJM) dibuat di {db}."), db=db.description)
    else:
        passwords, made = create_living_demo(db)
        say(translate("cli", "Cabang demo KC Banjarmasin (BJM) dibuat di {db}."), db=db.description)
        say(
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
    say(translate("cli", "Catat kata sandi ini; hanya ditampilkan sekali:"))
    for username, password in passwords.items():
        say("  {user:<12} {pw}", user=username, pw=password)
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
    say("{name} · {address} · {phone}", name=b.name, address=b.address, phone=b.phone)
    return 0


def cmd_counter_add(db: Database, args: argparse.Namespace) -> int:
    c = branch.add_counter(db, ADMIN, name=args.name)
    say(translate("cli", "{name} (nomor {number}) ditambahkan."), name=c.name, number=c.number)
    return 0


def cmd_counter_set_printer(db: Database, args: argparse.Namespace) -> int:
    c = branch.set_counter_printer(db, ADMIN, args.number, printer=args.printer, paper=args.paper)
    say(
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
    say(translate("cli", "Halaman uji {name} ditulis ke {file}."), name=counter.name, file=str(out))
    return 0


def cmd_counter_list(db: Database, args: argparse.Namespace) -> int:
    for c in branch.all_counters(db, ADMIN):
        say(
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
    say(translate("cli", "Loket nomor {number} kini {name}."), number=c.number, name=c.name)
    return 0


def cmd_counter_retire(db: Database, args: argparse.Namespace) -> int:
    c = branch.set_counter_active(db, ADMIN, args.number, False)
    say(translate("cli", "{name} dihentikan."), name=c.name)
    return 0


def cmd_counter_reopen(db: Database, args: argparse.Namespace) -> int:
    c = branch.set_counter_active(db, ADMIN, args.number, True)
    say(translate("cli", "{name} melayani lagi."), name=c.name)
    return 0


def cmd_queue_services(db: Database, args: argparse.Namespace) -> int:
    for s in queue.list_services(db):
        say(
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
    say(
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
        say(
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
        say(
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
    say("{key} = {value}", key=args.key, value=json.dumps(value))
    return 0
