"""``loket-admin``: set up and look after a Loket database from the terminal.

Errors print one line and exit 1; there are no tracebacks for a user's mistake.
Output follows ``LOKET_LANG`` (``id``, the default, or ``en``).
"""

from __future__ import annotations

import argparse
import logging
import sys
import uuid
from collections.abc import Sequence

from sqlalchemy import make_url
from sqlalchemy.engine import URL

from loket.cli.common import CliError, new_role_password, say, with_password
from loket.cli.parser import build_parser
from loket.db.engine import default_database_url
from loket.db.migrate import open_database
from loket.db.provision import provision_postgres
from loket.domain.errors import LoketError
from loket.i18n import env_language, error_text, set_language, translate
from loket.logs import log_file, setup_logging
from loket.services import branch

__all__ = ["build_parser", "main"]


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
                typed[role] = new_role_password(args, role)
                return typed[role]

            for made in provision_postgres(superuser, str(url), new_password):
                say(translate("cli", "PostgreSQL: {what} dibuat."), what=made)
            owner = make_url(url)
            if owner.username in typed:  # the owner just made: logged in with what was typed
                url = owner.set(password=typed[owner.username])
        db = open_database(with_password(url), create=getattr(args, "creates_db", False))
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
