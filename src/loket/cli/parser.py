"""The command line: every command, its arguments and its help."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from loket import __version__
from loket.cli.common import ROLES, day_argument
from loket.cli.people import (
    cmd_participants_import,
    cmd_user_add,
    cmd_user_disable,
    cmd_user_enable,
    cmd_user_list,
    cmd_user_reset_password,
    cmd_user_set_role,
)
from loket.cli.recovery import cmd_backup, cmd_connect, cmd_restore, cmd_support_bundle
from loket.cli.reports import cmd_closing_status, cmd_report
from loket.cli.setup import (
    cmd_branch_set,
    cmd_branch_set_kpj_prefix,
    cmd_counter_add,
    cmd_counter_list,
    cmd_counter_rename,
    cmd_counter_reopen,
    cmd_counter_retire,
    cmd_counter_set_printer,
    cmd_counter_test_page,
    cmd_demo,
    cmd_init,
    cmd_queue_counter,
    cmd_queue_figures,
    cmd_queue_service,
    cmd_queue_services,
    cmd_setting_list,
    cmd_setting_set,
)
from loket.cli.sync import (
    cmd_audit_find_nik,
    cmd_audit_verify,
    cmd_sync_export,
    cmd_sync_import_reference,
    cmd_sync_now,
    cmd_sync_set_token,
    cmd_sync_status,
)
from loket.db.engine import (
    Database,
    machine_config_file,
)

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
    p.add_argument("--date", type=day_argument, metavar="DATE", help="default: today")

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
    p.add_argument("--from", dest="first", type=day_argument, required=True, metavar="DATE")
    p.add_argument("--to", dest="last", type=day_argument, required=True, metavar="DATE")
    p.add_argument("--format", choices=["pdf", "csv", "xlsx"], default="pdf")
    p.add_argument("--out", required=True, metavar="FILE")
    cl = sub.add_parser("closing", help="the daily closing").add_subparsers(
        dest="closing_command", required=True, metavar="ACTION"
    )
    p = add(
        "status", cmd_closing_status, "which days and counters are open or closed (exit 4: "
        "the day is still open)", cl,
    )  # fmt: skip
    p.add_argument("date", nargs="?", type=day_argument, help="YYYY-MM-DD (default: today)")
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
