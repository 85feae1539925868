"""The branch this install serves, its counters, and the demo set-up."""

from __future__ import annotations

import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from loket.db.engine import Database
from loket.db.models import Branch, Counter
from loket.db.sequences import current_number
from loket.domain.errors import QT_TRANSLATE_NOOP
from loket.domain.kpj import check_prefix
from loket.domain.provinces import province_by_code
from loket.printing.targets import is_escpos_target, parse_target
from loket.services.actor import Actor, Role
from loket.services.audit import record_change
from loket.services.cash_sessions import open_session_of
from loket.services.clock import Clock, system_clock
from loket.services.errors import Conflict, ValidationError
from loket.services.permissions import Permission, require
from loket.services.place import (
    counter_numbered,
    home_branch,
    letterhead,
    require_home_branch,
)
from loket.services.text_fields import column_text
from loket.services.users import add_user, one_time_password

_BRANCH_CODE = re.compile(r"[A-Z0-9]{3,8}")


@dataclass(frozen=True)
class BranchInfo:
    code: str
    name: str
    province_code: str
    timezone: str
    address: str
    kpj_prefix: str | None
    phone: str = ""
    kpj_prefix_in_use: bool = False  # a KPJ was handed out: the prefix can no longer change


@dataclass(frozen=True)
class CounterInfo:
    id: int
    number: int
    name: str
    paper: str
    receipt_printer: str
    active: bool = True


def _counter_info(c: Counter) -> CounterInfo:
    return CounterInfo(c.id, c.number, c.name, c.paper, c.receipt_printer, c.active)


def get_home_branch(db: Database) -> BranchInfo | None:
    with db.reader() as session:
        b = home_branch(session)
        return _info(b, session) if b else None


def _info(b: Branch, session: Session | None = None) -> BranchInfo:
    in_use = bool(
        session is not None
        and b.kpj_prefix is not None
        and current_number(session, "kpj", b.kpj_prefix)
    )
    return BranchInfo(
        b.code, b.name, b.province_code, b.timezone, b.address, b.kpj_prefix, b.phone, in_use
    )


_PHONE_TEXT = re.compile(r"[0-9+()\- ]{0,40}")


def update_branch(
    db: Database,
    actor: Actor,
    *,
    name: str,
    address: str,
    phone: str,
    clock: Clock = system_clock,
) -> BranchInfo:
    """The branch's name, address and telephone as its documents print them."""
    require(actor, Permission.MANAGE_BRANCH)
    name = column_text(Branch.name, name, field="name")
    address = column_text(Branch.address, address, field="address")
    phone = column_text(Branch.phone, phone, field="phone")
    if not name:
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Nama cabang belum diisi."), field="name"
        )
    if not _PHONE_TEXT.fullmatch(phone):
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "LoketError", "Nomor telepon hanya angka, spasi, +, - dan tanda kurung."
            ),
            field="phone",
        )
    with db.transaction() as session:
        branch = require_home_branch(session)
        new = {"name": name, "address": address, "phone": phone}
        changed = {k: v for k, v in new.items() if getattr(branch, k) != v}
        if changed:
            old = {k: getattr(branch, k) for k in changed}
            for k, v in changed.items():
                setattr(branch, k, v)
            record_change(
                session,
                actor,
                "branch.updated",
                f"branch:{branch.code}",
                {"old": old, "new": changed},
                clock=clock,
            )
        return _info(branch, session)


def initialize_branch(
    db: Database,
    actor: Actor,
    *,
    code: str,
    name: str,
    province_code: str = "63",
    address: str = "",
    kpj_prefix: str | None = None,
    clock: Clock = system_clock,
) -> BranchInfo:
    """Makes this database the home of branch ``code``, with its first counter.
    ``kpj_prefix`` is the 3-digit KPJ range the central office gave the branch."""
    require(actor, Permission.MANAGE_BRANCH)
    if kpj_prefix is not None:
        check_prefix(kpj_prefix)
    code = code.strip().upper()
    name = column_text(Branch.name, name, field="name")
    if not _BRANCH_CODE.fullmatch(code):
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "LoketError", "Kode cabang harus 3–8 huruf besar atau angka, misalnya BJM."
            ),
            field="branch_code",
        )
    if not name:
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Nama cabang belum diisi."), field="name"
        )
    province = province_by_code(province_code)
    if province is None:
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Kode provinsi {code} tidak dikenal."),
            field="province",
            code=province_code,
        )
    with db.transaction() as session:
        existing = home_branch(session)
        if existing is not None:
            raise Conflict(
                QT_TRANSLATE_NOOP("LoketError", "Database ini sudah milik cabang {code} ({name})."),
                code=existing.code,
                name=existing.name,
            )
        branch = Branch(
            code=code,
            name=name,
            province_code=province.code,
            timezone=province.timezone,
            address=address,
            is_home=True,
            kpj_prefix=kpj_prefix,
            created_at=clock(),
        )
        session.add(branch)
        session.add(Counter(branch=branch, number=1, name="Loket 1"))
        session.flush()
        record_change(
            session,
            actor,
            "branch.initialized",
            f"branch:{code}",
            {"code": code, "name": name, "province": province.code, "kpj_prefix": kpj_prefix},
            clock=clock,
        )
        return _info(branch)


def set_kpj_prefix(
    db: Database, actor: Actor, prefix: str, *, clock: Clock = system_clock
) -> BranchInfo:
    """Sets the branch's KPJ range once; it cannot change after a KPJ was handed out."""
    require(actor, Permission.MANAGE_BRANCH)
    check_prefix(prefix)
    with db.transaction() as session:
        branch = require_home_branch(session)
        if branch.kpj_prefix == prefix:
            return _info(branch, session)
        if branch.kpj_prefix is not None and current_number(session, "kpj", branch.kpj_prefix):
            raise Conflict(
                QT_TRANSLATE_NOOP(
                    "LoketError", "Awalan KPJ {prefix} sudah dipakai dan tidak dapat diganti."
                ),
                field="kpj_prefix",
                prefix=branch.kpj_prefix,
            )
        old, branch.kpj_prefix = branch.kpj_prefix, prefix
        record_change(
            session,
            actor,
            "branch.kpj_prefix_set",
            f"branch:{branch.code}",
            {"old": old, "new": prefix},
            clock=clock,
        )
        return _info(branch, session)


def list_counters(db: Database) -> list[CounterInfo]:
    """The home branch's active counters, for the login dialog (public information)."""
    with db.reader() as session:
        branch = home_branch(session)
        if branch is None:
            return []
        rows = session.scalars(
            select(Counter)
            .where(Counter.branch_id == branch.id, Counter.active)
            .order_by(Counter.number)
        )
        return [_counter_info(c) for c in rows]


def all_counters(db: Database, actor: Actor) -> list[CounterInfo]:
    """Every counter of the home branch, retired ones too (for the admin)."""
    require(actor, Permission.MANAGE_BRANCH)
    with db.reader() as session:
        branch = require_home_branch(session)
        rows = session.scalars(
            select(Counter).where(Counter.branch_id == branch.id).order_by(Counter.number)
        )
        return [_counter_info(c) for c in rows]


def rename_counter(
    db: Database, actor: Actor, number: int, name: str, *, clock: Clock = system_clock
) -> CounterInfo:
    require(actor, Permission.MANAGE_BRANCH)
    name = column_text(Counter.name, name, field="name")
    if not name:
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Nama loket belum diisi."), field="name"
        )
    with db.transaction() as session:
        counter = counter_numbered(session, number)
        if counter.name != name:
            record_change(
                session,
                actor,
                "counter.renamed",
                f"counter:{counter.id}",
                {"number": number, "old": counter.name, "new": name},
                clock=clock,
            )
            counter.name = name
        return _counter_info(counter)


def set_counter_active(
    db: Database, actor: Actor, number: int, active: bool, *, clock: Clock = system_clock
) -> CounterInfo:
    """Retires a counter (no longer offered at login; its records keep it) or brings it
    back. A counter whose cash drawer is open, or the last one in service, stays."""

    require(actor, Permission.MANAGE_BRANCH)
    with db.transaction() as session:
        counter = counter_numbered(session, number)
        if counter.active == active:
            return _counter_info(counter)
        if not active:
            if open_session_of(session, f"counter:{counter.id}") is not None:
                raise Conflict(
                    QT_TRANSLATE_NOOP(
                        "LoketError",
                        "Kas {name} masih terbuka: tutup kasnya dulu sebelum loket dihentikan.",
                    ),
                    field="counter",
                    name=counter.name,
                )
            in_service = session.scalar(
                select(func.count()).where(Counter.branch_id == counter.branch_id, Counter.active)
            )
            if in_service == 1:
                raise Conflict(
                    QT_TRANSLATE_NOOP(
                        "LoketError", "Loket terakhir yang melayani tidak dapat dihentikan."
                    ),
                    field="counter",
                )
        counter.active = active
        record_change(
            session,
            actor,
            "counter.reopened" if active else "counter.retired",
            f"counter:{counter.id}",
            {"number": number, "name": counter.name},
            clock=clock,
        )
        return _counter_info(counter)


def add_counter(
    db: Database, actor: Actor, *, name: str = "", clock: Clock = system_clock
) -> CounterInfo:
    require(actor, Permission.MANAGE_BRANCH)
    with db.transaction() as session:
        branch = require_home_branch(session)
        number = (
            session.scalar(select(func.max(Counter.number)).where(Counter.branch_id == branch.id))
            or 0
        ) + 1
        name = column_text(Counter.name, name, field="name") or f"Loket {number}"
        counter = Counter(branch=branch, number=number, name=name)
        session.add(counter)
        session.flush()
        record_change(
            session,
            actor,
            "counter.added",
            f"counter:{counter.id}",
            {"number": number, "name": counter.name},
            clock=clock,
        )
        return _counter_info(counter)


PAPERS = ("80mm", "a5")


def set_counter_printer(
    db: Database,
    actor: Actor,
    number: int,
    *,
    printer: str,
    paper: str,
    clock: Clock = system_clock,
) -> CounterInfo:
    """Where a counter's receipts print: a printer name as the system knows it (empty for
    the system default) and the paper, ``80mm`` thermal roll or ``a5``."""
    require(actor, Permission.MANAGE_BRANCH)
    if paper not in PAPERS:
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Kertas harus 80mm atau a5."), field="paper"
        )
    printer = printer.strip()
    if is_escpos_target(printer):
        try:
            parse_target(printer)
        except ValueError:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "LoketError",
                    "Alamat printer ESC/POS tidak dikenal: {target}. Contoh: "
                    "escpos+tcp://192.168.1.50, escpos+usb://04b8:0202, "
                    "escpos+file:///dev/usb/lp0",
                ),
                field="printer",
                target=printer,
            ) from None
        if paper != "80mm":
            raise ValidationError(
                QT_TRANSLATE_NOOP("LoketError", "Printer ESC/POS hanya untuk kertas gulung 80mm."),
                field="paper",
            )
    with db.transaction() as session:
        counter = counter_numbered(session, number)
        printer = column_text(Counter.receipt_printer, printer, field="printer")
        counter.receipt_printer, counter.paper = printer, paper
        record_change(
            session,
            actor,
            "counter.printer_set",
            f"counter:{counter.id}",
            {"printer": counter.receipt_printer, "paper": paper},
            clock=clock,
        )
        return _counter_info(counter)


def printer_check_page(
    db: Database, actor: Actor, number: int, *, clock: Clock = system_clock
) -> tuple[CounterInfo, bytes]:
    """The test page for counter ``number``'s printer and paper, as its receipts print."""
    from loket.documents.printer_check import printer_check_pdf

    require(actor, Permission.MANAGE_BRANCH)
    with db.reader() as session:
        counter = counter_numbered(session, number)
        branch = counter.branch
        pdf = printer_check_pdf(
            letterhead(session, branch),
            counter.name,
            counter.receipt_printer or "(bawaan sistem)",
            counter.paper,
            clock().astimezone(ZoneInfo(branch.timezone)),
        )
        return _counter_info(counter), pdf


DEMO_BRANCH = ("BJM", "KC Banjarmasin", "63", "Jl. Lambung Mangkurat No. 1, Banjarmasin")
DEMO_KPJ_PREFIX = "631"
DEMO_USERS = (
    ("petugas", "Petugas Pelayanan (demo)", Role.STAFF),
    ("supervisor", "Kepala Bidang Pelayanan (demo)", Role.SUPERVISOR),
    ("kepala", "Kepala Kantor Cabang (demo)", Role.HEAD),
    ("admin", "Admin Cabang (demo)", Role.ADMIN),
)


def create_demo(db: Database, *, clock: Clock = system_clock) -> dict[str, str]:
    """The demo branch "KC Banjarmasin" with three counters and one user per role.

    Returns the generated passwords by username; they are shown once and stored only hashed.
    """
    actor = Actor.command_line()
    code, name, province, address = DEMO_BRANCH
    initialize_branch(
        db,
        actor,
        code=code,
        name=name,
        province_code=province,
        address=address,
        kpj_prefix=DEMO_KPJ_PREFIX,
        clock=clock,
    )
    for _ in range(2):
        add_counter(db, actor, clock=clock)
    passwords = {username: one_time_password() for username, _, _ in DEMO_USERS}
    for username, full_name, role in DEMO_USERS:
        add_user(
            db,
            actor,
            username=username,
            full_name=full_name,
            role=role,
            password=passwords[username],
            clock=clock,
        )
    return passwords
