"""``loket-server``: set up, run and feed the central server.

    loket-server init --db URL
    loket-server branch add CODE NAME [--kpj-prefix P]  prints the branch's token once
    loket-server branch add-kpj-prefix CODE P  the branch's KPJ range (3 digits)
    loket-server branch new-token CODE      a new token; the old one stops working
    loket-server branch list
    loket-server regional add USERNAME --name NAME   a reader of the regional summary
                                            (GET /region, /api/v1/region/summary); token once
    loket-server regional disable USERNAME | list
    loket-server serve [--host H] [--port N] [--ssl-certfile F --ssl-keyfile F]
    loket-server import FILE                a signed bundle from ``loket-admin sync export``
    loket-server publish FILE               a tariff table, dues relief or arrears rule (JSON)
                                            for every branch to pull
    loket-server publish-setting KEY VALUE  a branch setting decided centrally (JSON value;
                                            --withdraw hands it back to the branches)
    loket-server publish-bookings BRANCH DATE FILE  a day's appointments (CSV: code,service,slot)
    loket-server export-reference --branch CODE FILE [--cursor N]
    loket-server verify-qr 'LOKET2|…'       whether a document's QR was signed by its branch

Every command takes ``--db URL`` (before or after it), or ``LOKET_SERVER_DB`` holds the URL;
those that sign or read bundles take ``--keys DIR`` or ``LOKET_SERVER_KEYS`` (the branches'
bundle keys are kept there, never in the database).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert, make_url, select, update
from sqlalchemy.exc import ArgumentError, IntegrityError, OperationalError

from loket.domain.bundle import (
    EVENTS,
    REFERENCE,
    Bundle,
    BundleError,
    bundle_key,
    new_token,
    read_bundle,
    token_hash,
    write_bundle,
)
from loket.server import store
from loket.server.database import server_engine, upgrade
from loket.server.keys import KeysMissing, keys_folder, load_key, store_key
from loket.server.schema import branch, kpj_range, receipt, regional_user

_CODE_HELP = "branch code: 2–8 capital letters or digits, as in the branch's own Loket"


def _engine(args: argparse.Namespace) -> Engine:
    url = getattr(args, "db", None) or os.environ.get("LOKET_SERVER_DB")
    if not url:
        raise SystemExit("loket-server: give --db URL or set LOKET_SERVER_DB")
    try:
        return server_engine(url)
    except (ValueError, ArgumentError) as exc:  # not a PostgreSQL URL
        raise SystemExit(f"loket-server: {exc}") from None


def _keys(args: argparse.Namespace) -> Path:
    try:
        return keys_folder(getattr(args, "keys", None))
    except KeysMissing as exc:
        raise SystemExit(f"loket-server: {exc}") from None


def _code(value: str) -> str:
    code = value.strip().upper()
    if not (2 <= len(code) <= 8 and code.isalnum() and code.isascii()):
        raise argparse.ArgumentTypeError(_CODE_HELP)
    return code


def cmd_init(args: argparse.Namespace) -> int:
    upgrade(_engine(args), getattr(args, "keys", None))  # an older database's keys move there
    print("server database ready")
    return 0


def _print_token(code: str, token: str) -> None:
    print(f"Token for branch {code} (shown only now; store it in that branch's Loket):")
    print(token)


def cmd_branch_add(args: argparse.Namespace) -> int:
    token = new_token(args.code)
    keys = _keys(args)
    try:
        with _engine(args).begin() as conn:
            conn.execute(
                insert(branch).values(
                    code=args.code,
                    name=args.name,
                    token_hash=token_hash(token),
                    created_at=datetime.now(UTC),
                )
            )
            for prefix in args.kpj_prefix:
                conn.execute(insert(kpj_range).values(prefix=prefix, branch_code=args.code))
    except IntegrityError:
        print(
            f"loket-server: branch {args.code} or one of its KPJ ranges already exists",
            file=sys.stderr,
        )
        return 1
    store_key(keys, args.code, bundle_key(token))
    _print_token(args.code, token)
    return 0


def cmd_branch_add_prefix(args: argparse.Namespace) -> int:
    try:
        with _engine(args).begin() as conn:
            conn.execute(insert(kpj_range).values(prefix=args.prefix, branch_code=args.code))
    except IntegrityError:
        print(
            f"loket-server: KPJ range {args.prefix} is taken, or no branch {args.code}",
            file=sys.stderr,
        )
        return 1
    print(f"branch {args.code}: KPJ range {args.prefix}")
    return 0


def _prefix(text: str) -> str:
    if not (len(text) == 3 and text.isdigit() and text.isascii()):
        raise argparse.ArgumentTypeError("a KPJ prefix is 3 digits")
    return text


def cmd_branch_new_token(args: argparse.Namespace) -> int:
    token = new_token(args.code)
    keys = _keys(args)
    with _engine(args).begin() as conn:
        changed = conn.execute(
            update(branch).where(branch.c.code == args.code).values(token_hash=token_hash(token))
        ).rowcount
    if not changed:
        print(f"loket-server: no branch {args.code}", file=sys.stderr)
        return 1
    store_key(keys, args.code, bundle_key(token))
    _print_token(args.code, token)
    return 0


def cmd_branch_list(args: argparse.Namespace) -> int:
    with _engine(args).connect() as conn:
        for r in store.branch_statuses(conn):
            contact = r.last_contact_at.isoformat(timespec="seconds") if r.last_contact_at else "-"
            restored = r.restored_at.isoformat(timespec="seconds") if r.restored_at else ""
            print(
                f"{r.code:8} {r.name:30} events {r.events_received:>9,}  last contact {contact}"
                f"  open conflicts {r.open_conflicts}"
                + (f"  restored from a backup {restored}" if restored else "")
            )
    return 0


def _username(text: str) -> str:
    if not re.fullmatch(r"[a-z0-9._-]{2,32}", text):
        raise argparse.ArgumentTypeError("2–32 characters: a-z, 0-9, dot, dash, underscore")
    return text


def cmd_regional_add(args: argparse.Namespace) -> int:
    """A reader of the regional summary; prints their token once."""
    token = "REG." + secrets.token_urlsafe(32)
    try:
        with _engine(args).begin() as conn:
            conn.execute(
                insert(regional_user).values(
                    username=args.username,
                    full_name=args.name,
                    token_hash=token_hash(token),
                    created_at=datetime.now(UTC),
                    active=True,
                )
            )
    except IntegrityError:
        print(f"loket-server: regional user {args.username} already exists", file=sys.stderr)
        return 1
    print(f"Token for regional user {args.username} (shown only now):")
    print(token)
    return 0


def cmd_regional_disable(args: argparse.Namespace) -> int:
    with _engine(args).begin() as conn:
        changed = conn.execute(
            update(regional_user)
            .where(regional_user.c.username == args.username)
            .values(active=False)
        ).rowcount
    if not changed:
        print(f"loket-server: no regional user {args.username}", file=sys.stderr)
        return 1
    print(f"regional user {args.username} disabled")
    return 0


def cmd_regional_list(args: argparse.Namespace) -> int:
    with _engine(args).connect() as conn:
        for username, name, active in conn.execute(
            select(
                regional_user.c.username, regional_user.c.full_name, regional_user.c.active
            ).order_by(regional_user.c.username)
        ):
            print(f"{username:32} {name:40} {'active' if active else 'disabled'}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from loket.server.app import Limits, create_app

    engine = _engine(args)
    limits = Limits(max_events=args.max_events, max_body_bytes=args.max_body_mb * 1024 * 1024)
    uvicorn.run(
        create_app(engine, limits),
        host=args.host,
        port=args.port,
        ssl_certfile=args.ssl_certfile,
        ssl_keyfile=args.ssl_keyfile,
        log_level=args.log_level,
    )
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    engine = _engine(args)
    keys = _keys(args)
    try:
        bundle = read_bundle(Path(args.file).read_bytes(), EVENTS, lambda c: load_key(keys, c))
        events = [_checked_event(bundle.branch, i, e) for i, e in enumerate(bundle.items)]
    except (BundleError, OSError) as exc:
        print(f"loket-server: {args.file} refused, nothing stored: {exc}", file=sys.stderr)
        return 1
    try:
        with engine.begin() as conn:
            got = store.receive_events(
                conn, bundle.branch, events, via="bundle", now=datetime.now(UTC)
            )
    except store.SequenceHeld as exc:
        print(f"loket-server: {args.file} refused, nothing stored: {exc}", file=sys.stderr)
        return 1
    print(
        f"branch {bundle.branch}: {len(events)} events in the bundle, {got.new} new, "
        f"{len(got.refused)} refused"
    )
    seqs = {str(e["uuid"]): e["seq"] for e in events}
    for uuid, reason in got.refused.items():
        print(f"  refused event seq {seqs[uuid]}: {reason}")
    return 0


def _checked_event(code: str, index: int, item: dict[str, object]) -> dict[str, object]:
    """The same checks as a push (see ``app.EventIn``), for a bundle's events."""
    from pydantic import ValidationError

    from loket.server.app import EventIn

    try:
        event = EventIn.model_validate(item)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise BundleError(f"items[{index}].{where}: {first['msg']}") from None
    if event.branch != code:
        raise BundleError(f"items[{index}].branch is {event.branch}, not {code}")
    return event.as_row()


def cmd_verify_qr(args: argparse.Namespace) -> int:
    """Whether a document's QR code was signed by the branch it names."""
    from loket.domain.verification import qr_key, signature_valid, signed_by

    payload = args.payload.strip()
    code = signed_by(payload)
    key = load_key(_keys(args), code) if code else None
    if key is None or not signature_valid(payload, qr_key(key)):
        print("NOT VALID: not signed by a branch this server knows, or altered")
        return 1
    _, kind, number, _, digest, _ = payload.split("|")
    held = ""
    if kind == "KW":
        with _engine(args).connect() as conn:
            found = conn.scalar(
                select(receipt.c.total).where(
                    receipt.c.number == number, receipt.c.branch_code == code
                )
            )
        held = "; not (yet) received" if found is None else f"; received, total {found}"
    print(f"valid: {kind} {number} issued by branch {code} (content digest {digest}){held}")
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    path = Path(args.file)
    body = path.read_text(encoding="utf-8")
    try:
        from loket.domain.tariffs import parse_document

        parse_document(json.loads(body), path.name)
    except (ValueError, KeyError, TypeError) as exc:
        print(
            f"loket-server: {path.name} is not a tariff table, relief or arrears rule "
            f"Loket understands: {exc}",
            file=sys.stderr,
        )
        return 1
    with _engine(args).begin() as conn:
        store.publish_document(conn, f"tariff/{path.name}", "tariff", body, datetime.now(UTC))
    print(f"published tariff/{path.name}")
    return 0


_BOOKING_CODE = re.compile(r"[A-Z0-9-]{4,20}")
_SERVICE_LETTER = re.compile(r"[A-Z]")


def cmd_publish_bookings(args: argparse.Namespace) -> int:
    """A day's appointments for a branch from the online booking's export (CSV: code,
    service, slot — the slot an ISO time with its offset, e.g. 2026-12-03T09:00+08:00)."""
    import csv

    day = datetime.strptime(args.date, "%Y-%m-%d").date()
    engine = _engine(args)
    with engine.connect() as conn:  # one branch's bookings, under its exact code
        known = conn.scalar(select(branch.c.code).where(branch.c.code == args.branch[:8]))
    if known is None or known != args.branch:
        print(f"loket-server: no branch {args.branch!r} (see: loket-server branch list)",
              file=sys.stderr)  # fmt: skip
        return 1
    bookings: list[dict[str, str]] = []
    seen: dict[str, int] = {}
    with open(args.file, encoding="utf-8-sig", newline="") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            code = (row.get("code") or "").strip().upper()
            service = (row.get("service") or "").strip().upper()
            try:
                slot = datetime.fromisoformat((row.get("slot") or "").strip())
            except ValueError:
                slot = None
            if (
                not _BOOKING_CODE.fullmatch(code)
                or not _SERVICE_LETTER.fullmatch(service)
                or slot is None
                or slot.tzinfo is None
                or slot.date() != day
            ):
                print(
                    f"loket-server: {args.file} line {line}: needs code (4-20 of A-Z, 0-9, -), "
                    f"service (a letter) and slot (an ISO time on {day} with its offset)",
                    file=sys.stderr,
                )
                return 1
            if code in seen:
                print(f"loket-server: {args.file} line {line}: booking {code} is also on line "
                      f"{seen[code]}", file=sys.stderr)  # fmt: skip
                return 1
            seen[code] = line
            bookings.append({"code": code, "service": service, "slot": slot.isoformat()})
    name = f"bookings/{args.branch}/{day.isoformat()}"
    with engine.begin() as conn:
        store.publish_document(conn, name, "bookings", json.dumps(bookings), datetime.now(UTC))
    print(f"published {name}: {len(bookings)} bookings")
    return 0


def cmd_publish_setting(args: argparse.Namespace) -> int:
    from loket.domain.settings import PUBLISHED_KIND, SETTINGS

    spec = SETTINGS.get(args.key)
    if spec is None:
        known = ", ".join(k for k, s in SETTINGS.items() if s.publishable)
        print(f"loket-server: no setting {args.key} (known: {known})", file=sys.stderr)
        return 1
    if not spec.publishable:
        print(
            f"loket-server: {args.key} is set by each branch's admin, not published",
            file=sys.stderr,
        )
        return 1
    value = None
    if not args.withdraw:
        try:
            value = json.loads(args.value)
        except json.JSONDecodeError:
            value = args.value  # a bare word: a string
        if not spec.valid(value):
            print(f"loket-server: {args.value} is not a valid {args.key}", file=sys.stderr)
            return 1
    name = f"{PUBLISHED_KIND}/{args.key}"
    with _engine(args).begin() as conn:
        store.publish_document(conn, name, PUBLISHED_KIND, json.dumps(value), datetime.now(UTC))
    print(f"withdrew {name}" if value is None else f"published {name} = {json.dumps(value)}")
    return 0


def cmd_export_reference(args: argparse.Namespace) -> int:
    engine = _engine(args)
    key = load_key(_keys(args), args.branch)
    if key is None:
        print(f"loket-server: no branch {args.branch}", file=sys.stderr)
        return 1
    items: list[dict[str, Any]] = []
    cursor = args.cursor
    with engine.connect() as conn:
        acked = store.held_through(conn, args.branch)
        # the key of the registry's NIK hashes, for the branch's keyring (the bundle is
        # encrypted with the branch's own key)
        items.append({"item": "registry_key", "key": store.registry_key(conn).hex()})
        while True:
            page = store.reference_for(conn, args.branch, cursor, 5000)
            items += page.items
            cursor = page.cursor
            if not page.more:
                break
    now = datetime.now(UTC).isoformat()
    Path(args.file).write_bytes(
        write_bundle(Bundle(REFERENCE, args.branch, now, items, cursor, acked), key)
    )
    print(f"{len(items)} reference items for {args.branch} written to {args.file}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    # --db is taken before or after the command: `loket-server serve --db URL` too
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        default=argparse.SUPPRESS,
        help="postgresql+psycopg://… (default: $LOKET_SERVER_DB)",
    )
    common.add_argument(
        "--keys",
        default=argparse.SUPPRESS,
        help="folder of the branches' bundle keys, outside the database "
        "(default: $LOKET_SERVER_KEYS)",
    )
    parser = argparse.ArgumentParser(
        prog="loket-server",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[common],
    )
    sub = parser.add_subparsers(dest="command", required=True)

    def command(into: Any, name: str, fn: Any, help_: str) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = into.add_parser(name, parents=[common], help=help_)
        p.set_defaults(fn=fn)
        return p

    command(sub, "init", cmd_init, "create or upgrade the server's tables")
    bsub = sub.add_parser("branch", help="branches and their tokens").add_subparsers(
        dest="branch_command", required=True
    )
    add = command(bsub, "add", cmd_branch_add, "a new branch; prints its token once")
    add.add_argument("code", type=_code, help=_CODE_HELP)
    add.add_argument("name")
    add.add_argument(
        "--kpj-prefix",
        action="append",
        type=_prefix,
        default=[],
        help="the branch's KPJ range (3 digits; again for more): only it creates KPJs there",
    )
    ranges = command(bsub, "add-kpj-prefix", cmd_branch_add_prefix, "give a branch a KPJ range")
    ranges.add_argument("code", type=_code, help=_CODE_HELP)
    ranges.add_argument("prefix", type=_prefix)
    rotate = command(bsub, "new-token", cmd_branch_new_token, "replace a branch's token")
    rotate.add_argument("code", type=_code, help=_CODE_HELP)
    command(bsub, "list", cmd_branch_list, "branches, events received, last contact")
    rsub = sub.add_parser("regional", help="the regional office's readers").add_subparsers(
        dest="regional_command", required=True
    )
    radd = command(rsub, "add", cmd_regional_add, "a reader of the regional summary (token once)")
    radd.add_argument("username", type=_username)
    radd.add_argument("--name", required=True, help="full name")
    rdis = command(rsub, "disable", cmd_regional_disable, "take a reader's access away")
    rdis.add_argument("username", type=_username)
    command(rsub, "list", cmd_regional_list, "the regional readers")
    serve = command(sub, "serve", cmd_serve, "run the HTTP API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8750)
    serve.add_argument("--ssl-certfile")
    serve.add_argument("--ssl-keyfile")
    serve.add_argument("--max-events", type=int, default=1000, help="events per batch")
    serve.add_argument("--max-body-mb", type=int, default=4)
    serve.add_argument("--log-level", default="warning")
    imp = command(sub, "import", cmd_import, "apply a signed bundle of a branch's events")
    imp.add_argument("file")
    vqr = command(sub, "verify-qr", cmd_verify_qr, "check a document's signed QR code")
    vqr.add_argument("payload", help="the text of the QR code (LOKET2|…)")
    pub = command(
        sub,
        "publish",
        cmd_publish,
        "publish a BPU tariff table, dues relief or arrears rule (JSON) to every branch",
    )
    pub.add_argument("file")
    pset = command(
        sub, "publish-setting", cmd_publish_setting, "decide a branch setting for every branch"
    )
    pset.add_argument("key")
    pset.add_argument("value", nargs="?", default="", help="JSON (a bare word is a string)")
    pset.add_argument(
        "--withdraw", action="store_true", help="the branches decide this setting again"
    )
    books = command(
        sub,
        "publish-bookings",
        cmd_publish_bookings,
        "a branch's appointments for a day, from the online booking (CSV: code,service,slot)",
    )
    books.add_argument("branch")
    books.add_argument("date", help="YYYY-MM-DD")
    books.add_argument("file")
    exp = command(
        sub, "export-reference", cmd_export_reference, "reference data for a branch without a link"
    )
    exp.add_argument("--branch", type=_code, required=True)
    exp.add_argument("--cursor", type=int, default=0, help="what the branch already has")
    exp.add_argument("file")
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        import fastapi  # noqa: F401
    except ImportError:
        print("loket-server needs the server extra: pip install 'loket[server]'", file=sys.stderr)
        return 2
    args = build_parser().parse_args(argv)
    try:
        return int(args.fn(args))
    except OperationalError as exc:  # one line, not a traceback: which database, and why
        url = getattr(args, "db", None) or os.environ.get("LOKET_SERVER_DB", "")
        reason = str(exc.orig or exc).strip().splitlines()[0]
        hint = (
            " Its password goes in ~/.pgpass of the user the server runs as (or "
            "PGPASSFILE/PGPASSWORD in the service's environment), never in --db."
            if "password" in reason
            else ""
        )
        where = make_url(url).render_as_string(hide_password=True)
        print(f"loket-server: cannot reach the database {where}: {reason}.{hint}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
